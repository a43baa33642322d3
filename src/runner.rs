//! The command line run: walk, process files in parallel, write (after the git safety check),
//! print in path order, pick the exit code.
//!
//! Exit codes: 0 when the dry run ran, `--check` found nothing or `--write` fixed everything;
//! 1 when `--check` found something or `--write` left findings; 2 on any error (errors win).

use std::ffi::OsString;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Instant;

use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use oxc_allocator::Allocator;
use rayon::prelude::*;

use crate::analysis::{analyze_and_fix_found, analyze_and_fix_in, Options, WORKER_STACK_SIZE};
use crate::cli::{Args, ColorChoice, Config, Format, Mode};
use crate::config::{ConfigFinder, ProjectConfig, Severity};
use crate::diagnostic::{Applicability, Finding};
use crate::error::FileError;
use crate::prefilter::evidence_if_may_have_findings;
use crate::prettier::{FileLayout, LayoutFinder};
use crate::report::located::{FileFindings, LocatedFinding};
use crate::report::{
    code_frame, error_line, github, json, located_line, sarif, shown_fix_line, summary_line, summary_table,
    unified_diff, unsafe_shown_note, FixOutcome, Summary, FLOW_SKIPPED,
};
use crate::rules::{every_rule, explain};
use crate::source::SourceFile;
use crate::walk::{collect_files, display_path, normalized, walk_folders, WalkOptions};
use crate::write::{prepare, remove_leftovers, sync_to_disk, PreparedWrite};

/// Runs below this many files finish too fast for a progress bar to help.
const PROGRESS_MIN_FILES: usize = 500;

/// Runs sendonce with these command-line arguments (the first is the program name).
pub fn run_with_args<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    match Args::try_parse_from(args) {
        Ok(args) => run(&args),
        Err(err) => {
            let _ = err.print();
            ExitCode::from(if err.use_stderr() { 2 } else { 0 })
        }
    }
}

/// What processing one file produced, rendered as far as the file's text is needed.
#[derive(Debug, Default)]
struct Processed {
    /// False when the prefilter proved the file cannot have a finding, so it was not parsed.
    parsed: bool,
    /// A Flow-typed file oxc cannot parse: skipped, counted in the summary, not an error.
    flow: bool,
    handlers: usize,
    findings: Vec<LocatedFinding>,
    /// Compiler-style code frames for each finding (text format, for people).
    frames: Vec<String>,
    /// The diff for stdout in the default mode.
    diff: Option<String>,
    /// The file's bytes as read and as fixed, for `--write` (after the git check).
    pending_write: Option<(String, String)>,
    /// A failure after analysis (writing the fixed file); the counts above still hold.
    error: Option<FileError>,
}

/// One file's result, with its path as read and as shown.
struct Outcome {
    path: PathBuf,
    shown: String,
    result: Result<Processed, FileError>,
}

/// How many files were done with nothing to show (no finding, diff, write or error): they are
/// counted here instead of kept until the end.
#[derive(Default)]
struct QuietFiles {
    files: AtomicUsize,
    handlers: AtomicUsize,
    not_parsed: AtomicUsize,
    flow: AtomicUsize,
}

impl QuietFiles {
    /// Counts `outcome` if it has nothing to show; returns whether it did (and so can be dropped).
    fn absorb(&self, outcome: &Outcome) -> bool {
        let Ok(processed) = &outcome.result else { return false };
        let quiet = processed.findings.is_empty()
            && processed.diff.is_none()
            && processed.pending_write.is_none()
            && processed.error.is_none();
        if !quiet {
            return false;
        }
        self.files.fetch_add(1, Ordering::AcqRel);
        self.handlers.fetch_add(processed.handlers, Ordering::AcqRel);
        if !processed.parsed {
            self.not_parsed.fetch_add(1, Ordering::AcqRel);
        }
        if processed.flow {
            self.flow.fetch_add(1, Ordering::AcqRel);
        }
        true
    }
}

/// How many bytes of source all workers together may be parsing at once. The parse of a file
/// takes about six times its size in memory (a 9 MB bundle peaks at 60 MiB), so two workers each
/// parsing a multi-megabyte bundle set the run's peak; with this bound the peak no longer grows
/// with the tree (twice the files meant twice the chance of two bundles at once). A file larger
/// than the bound runs alone. 12 MB keeps the corpus' largest bundles (9 and 6.2 MB) from
/// overlapping each other, also when there are two copies of each: at 12 MiB (12.6 MB) the two
/// copies of the 6.2 MB one fitted together, and twice the corpus peaked at 86-88 MiB in about a
/// third of the runs (79 otherwise, once 84-85); 16 MB let the 9 and 6 MB bundles overlap (108
/// against 84 MiB).
const PARSE_BUDGET_BYTES: usize = 12_000_000;

/// From this size on, a file's share of [`PARSE_BUDGET_BYTES`] is taken before it is read, so a
/// worker that waits for room holds no text meanwhile (a 9 MB text held that way was another
/// 9 MiB on top of the other worker's parse); smaller files take theirs after the prefilter,
/// which skips most of them unparsed. Reading a large file after the wait instead of before it
/// costs about 1 % of the corpus' wall time (A/B, 15 rounds).
const READ_UNDER_BUDGET_BYTES: usize = 1 << 20;

/// The bytes being parsed now (see [`PARSE_BUDGET_BYTES`]), and the signal that some were freed.
static PARSE_BYTES: (Mutex<usize>, Condvar) = (Mutex::new(0), Condvar::new());

/// A share of [`PARSE_BUDGET_BYTES`], given back when dropped.
struct ParseBudget(usize);

impl ParseBudget {
    /// Waits until `bytes` more fit in the budget (or nothing else is being parsed).
    fn acquire(bytes: usize) -> Self {
        let (used, freed) = &PARSE_BYTES;
        let mut used = lock(used);
        while *used > 0 && *used + bytes > PARSE_BUDGET_BYTES {
            used = freed.wait(used).unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        *used += bytes;
        Self(bytes)
    }
}

impl Drop for ParseBudget {
    fn drop(&mut self) {
        let (used, freed) = &PARSE_BYTES;
        *lock(used) -= self.0;
        freed.notify_all();
    }
}

/// The summary's reason for files the prefilter proved cannot have a finding.
const NOT_PARSED: &str = "with no send, next() or response parameter (not parsed)";

struct Colors {
    stdout: bool,
    stderr: bool,
}

fn run(args: &Args) -> ExitCode {
    if let Some(kind) = args.generate {
        let mut text = Vec::new();
        if let Err(err) = crate::completions::generate(kind, &mut text) {
            return usage_error(&format!("cannot generate {kind:?}: {err}"));
        }
        let mut out = Output::new();
        out.print_bytes(&text);
        return out.finish_with(ExitCode::SUCCESS);
    }
    if args.list_rules {
        let width = every_rule().map(|meta| meta.name.len()).max().unwrap_or(0);
        let mut out = Output::new();
        for meta in every_rule() {
            out.print(&format!("{:width$}  {:11}  {}\n", meta.name, meta.fix.as_str(), meta.summary));
        }
        return out.finish_with(ExitCode::SUCCESS);
    }
    if let Some(name) = &args.explain {
        return match every_rule().find(|meta| meta.name == name.as_str()) {
            Some(meta) => {
                let mut out = Output::new();
                out.print(&format!("{}\n", explain(meta)));
                out.finish_with(ExitCode::SUCCESS)
            }
            None => usage_error(&crate::cli::unknown_rule(name)),
        };
    }
    let config = match Config::from_args(args) {
        Ok(config) => config,
        Err(message) => return usage_error(&message),
    };
    let colors = Colors {
        stdout: wants_color(args.color, io::stdout().is_terminal()),
        stderr: wants_color(args.color, io::stderr().is_terminal()),
    };
    if let Some(name) = &args.stdin_filename {
        return run_stdin(name, args, &config, &colors);
    }
    let walk_options = match WalkOptions::new(args.no_ignore, &args.include, &args.exclude) {
        Ok(options) => options,
        Err(message) => return usage_error(&message),
    };
    let started = Instant::now();
    let threads = worker_threads(args.threads);
    // Deep nesting recurses in the parser: give workers a large stack (reserved, not used),
    // or the default one where the system refuses to reserve that much.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).stack_size(WORKER_STACK_SIZE).build();
    let pool = match pool.or_else(|_| rayon::ThreadPoolBuilder::new().num_threads(threads).build()) {
        Ok(pool) => pool,
        Err(err) => {
            eprintln!("sendonce: error: cannot start {threads} worker threads: {err}");
            return ExitCode::from(2);
        }
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut summary = Summary::default();

    let frames = config.format == Format::Text && prints_frames(config.mode, args);
    let selector = Selector {
        walk: &walk_options,
        configs: Mutex::new(ConfigFinder::default()),
        cwd: &cwd,
        not_utf8: Mutex::new(Vec::new()),
    };
    // The Prettier settings of the files that get a fix, each configuration file read once.
    let layouts = Mutex::new(LayoutFinder::default());
    let process = |path: &Path, shown: &str, project: &ProjectConfig| {
        let layout = FileLayout::new(&layouts, path);
        let options = Options { rules: &config.rules, project, prefilter: !args.no_prefilter, layout: &layout };
        process_file(path, shown, &config, options, frames, &colors)
    };
    // Files with nothing to show are only counted, so memory does not grow with the tree (the
    // JSON document, too, lists only the files with findings or errors, and the summary).
    let quiet = QuietFiles::default();
    let (mut outcomes, walk_errors, skipped) = match args.paths.as_slice() {
        // One folder without a shard (the usual case): the walker's threads analyse each file as
        // they find it (their stacks are as deep as the pool's, see `prepare_process`), then the
        // results are reported in path order. Handing files to the pool instead cost 9% more CPU
        // time (a second set of threads, woken for every file).
        [root] if root.is_dir() && config.shard.is_none() && walker_stacks_are_deep() => {
            let done = Mutex::new(Vec::new());
            let skipped = Mutex::new(Vec::new());
            let progress = progress_bar(None, io::stderr().is_terminal());
            let errors =
                walk_folders(std::slice::from_ref(root), threads, &walk_options, &|path: PathBuf| match selector
                    .select(&path)
                {
                    Selected::Yes(shown, project) => {
                        let outcome = Outcome { result: process(&path, &shown, &project), path, shown };
                        if !quiet.absorb(&outcome) {
                            lock(&done).push((normalized(&outcome.path), outcome));
                        }
                        progress.inc(1);
                    }
                    Selected::No(reason) => lock(&skipped).push(reason),
                });
            progress.finish_and_clear();
            let mut done = done.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
            done.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            let mut errors = errors;
            errors.sort_by(|a, b| a.0.cmp(&b.0));
            let skipped = skipped.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
            (done.into_iter().map(|(_, outcome)| outcome).collect::<Vec<_>>(), errors, skipped)
        }
        // Several paths, or a shard of the sorted list: collect (and de-duplicate) first, then
        // the worker pool analyses them (also for one folder when `prepare_process` was not called).
        _ => {
            let walk = collect_files(&args.paths, threads, &walk_options);
            let mut skipped = Vec::new();
            let mut files = Vec::with_capacity(walk.files.len());
            for path in walk.files {
                match selector.select(&path) {
                    Selected::Yes(shown, project) => files.push((path, shown, project)),
                    Selected::No(reason) => skipped.push(reason),
                }
            }
            if let Some(shard) = config.shard {
                let before = files.len();
                files = files
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| i % shard.count == shard.index)
                    .map(|(_, f)| f)
                    .collect();
                skipped.extend(std::iter::repeat_n("in other shards", before - files.len()));
            }
            let progress = progress_bar(Some(files.len()), io::stderr().is_terminal());
            let outcomes = pool.install(|| {
                files
                    .into_par_iter()
                    .filter_map(|(path, shown, project)| {
                        let outcome = Outcome { result: process(&path, &shown, &project), path, shown };
                        progress.inc(1);
                        (!quiet.absorb(&outcome)).then_some(outcome)
                    })
                    .collect()
            });
            progress.finish_and_clear();
            (outcomes, walk.errors, skipped)
        }
    };
    if let Some(message) = selector.error() {
        return usage_error(&message);
    }
    selector.print_notes();
    print_layout_warnings(&layouts, &cwd);
    for flag in walk_options.unmatched() {
        eprintln!("sendonce: warning: {flag} matches no file");
    }
    for reason in skipped {
        *summary.skipped.entry(reason).or_default() += 1;
    }

    if config.mode == Mode::Write {
        if let Err(code) = write_all(&mut outcomes, args.allow_dirty, &pool, &colors) {
            return code;
        }
    }

    summary.files = outcomes.len() + quiet.files.load(Ordering::Acquire);
    summary.handlers = quiet.handlers.load(Ordering::Acquire);
    summary.errors = walk_errors.len();
    let not_parsed = quiet.not_parsed.load(Ordering::Acquire)
        + outcomes.iter().filter(|o| o.result.as_ref().is_ok_and(|p| !p.parsed)).count();
    if not_parsed > 0 {
        *summary.skipped.entry(NOT_PARSED).or_default() += not_parsed;
    }
    summary.flow = quiet.flow.load(Ordering::Acquire);
    if summary.flow > 0 {
        *summary.skipped.entry(FLOW_SKIPPED).or_default() += summary.flow;
    }
    for (path, err) in &walk_errors {
        eprintln!("{}", error_line(&display_path(path, &cwd), &err.to_string(), colors.stderr));
    }
    let mut machine: Vec<FileFindings> = Vec::new();
    let mut out = Output::new();
    for outcome in &outcomes {
        let (findings, error) = match &outcome.result {
            Ok(processed) => {
                summary.handlers += processed.handlers;
                count(&mut summary, &processed.findings);
                if config.format == Format::Text {
                    print_text(&mut out, &outcome.shown, processed, config.mode, &colors);
                }
                (processed.findings.as_slice(), processed.error.as_ref())
            }
            Err(err) => (&[][..], Some(err)),
        };
        if let Some(err) = error {
            summary.errors += 1;
            eprintln!("{}", error_line(&outcome.shown, &err.to_string(), colors.stderr));
        }
        if config.format != Format::Text {
            machine.push(FileFindings {
                path: outcome.shown.clone(),
                findings: findings.to_vec(),
                error: error.map(ToString::to_string),
            });
        }
    }
    match config.format {
        Format::Text => {}
        Format::Json => out.print(&json::render(&machine, &summary)),
        Format::Sarif => out.print(&sarif::render(&machine)),
        Format::Github => out.print(&github::render(&machine)),
    }
    if !out.finish() {
        summary.errors += 1;
    }

    let fixed_word = if config.mode == Mode::Write { "fixed" } else { "fixable" };
    let shown_summary = if config.mode == Mode::Write {
        summary.clone()
    } else {
        Summary { fixed: 0, fixable: summary.fixed + summary.fixable, ..summary.clone() }
    };
    if config.mode == Mode::Diff && config.format == Format::Text {
        if let Some(note) = unsafe_shown_note(&summary, config.threshold) {
            eprintln!("{note}");
        }
    }
    if args.stats || io::stderr().is_terminal() {
        eprint!("{}", summary_table(&shown_summary, fixed_word, started.elapsed()));
    }
    eprintln!("{}", summary_line(&shown_summary, fixed_word, started.elapsed()));
    exit_code(&summary, config.mode)
}

/// Reads, analyses and (depending on the mode) fixes one file; nothing is written here.
fn process_file(
    path: &Path,
    shown: &str,
    config: &Config,
    options: Options<'_>,
    frames: bool,
    colors: &Colors,
) -> Result<Processed, FileError> {
    if crate::supervise::is_skipped(path) {
        return Err(FileError::Overflowed);
    }
    let (bytes, early_budget) = read_under_budget(path)?;
    let file = SourceFile::from_bytes(path, bytes)?;
    // The prefilter's evidence is kept for handler discovery, which would otherwise look again.
    let evidence = if options.prefilter {
        let Some(evidence) = evidence_if_may_have_findings(file.text.as_bytes(), &options.project.extra_words()) else {
            return Ok(Processed::default());
        };
        Some(evidence)
    } else {
        None
    };
    let _budget = early_budget.unwrap_or_else(|| ParseBudget::acquire(file.text.len()));
    let mut processed = Processed { parsed: true, ..Processed::default() };
    // `--check` runs the fixes too (only files with a fix pay for it), so "fix available" there
    // means what `--write` would do: a fix withdrawn because it would not remove its finding is
    // reported as not fixable in every mode.
    let analysed = crate::supervise::marked(path, || {
        with_arena(|allocator| analyze_and_fix_found(allocator, &file, config.shown_threshold(), options, evidence))
    });
    let fixed = match analysed {
        Err(FileError::Flow) => return Ok(Processed { parsed: true, flow: true, ..Processed::default() }),
        fixed => fixed?,
    };
    processed.handlers = fixed.analysis.handlers;
    for (finding, &applied) in fixed.analysis.findings.iter().zip(&fixed.applied) {
        let outcome = fix_outcome(finding, applied, config);
        // With `--check` the findings are the output (stdout); otherwise the diff is.
        let color = if config.mode == Mode::Check { colors.stdout } else { colors.stderr };
        processed.push(&file, finding, outcome, options, frames, color);
    }
    if let Some(new_text) = &fixed.fixed_text {
        let (old, new) = (file.with_bom(&file.text), file.with_bom(new_text));
        match config.mode {
            Mode::Diff => {
                let patched = crate::walk::patch_path(path, shown);
                processed.diff = Some(unified_diff(&patched, &old, &new, colors.stdout));
            }
            Mode::Write => processed.pending_write = Some((old, new)),
            Mode::Check => {}
        }
    }
    Ok(processed)
}

/// What became of `finding`'s fix in this run, as its line says it: `--check` changes nothing, so
/// there a fix the other modes apply is only "available" (never "[fixed]").
fn fix_outcome(finding: &Finding, applied: bool, config: &Config) -> FixOutcome {
    if applied {
        if config.mode == Mode::Check {
            FixOutcome::Available
        } else {
            FixOutcome::Applied
        }
    } else {
        match finding.fix() {
            Some(fix) if fix.applicability < config.threshold => FixOutcome::HeldBack,
            // Its edits overlapped another fix's: the next run applies it.
            Some(_) => FixOutcome::Available,
            None => FixOutcome::None,
        }
    }
}

/// Reads the regular file at `path`, at most as many bytes as its size when it was opened, taking
/// its share of the parse budget first when it is large (see [`READ_UNDER_BUDGET_BYTES`]). Anything
/// else (a FIFO, a device such as `/dev/zero`, a socket) is refused before a byte is read: it is
/// opened without blocking (a FIFO with no writer would otherwise block forever) and checked on
/// the open descriptor, so what is read is what was checked.
fn read_under_budget(path: &Path) -> Result<(Vec<u8>, Option<ParseBudget>), FileError> {
    let source = open_without_blocking(path).map_err(FileError::Read)?;
    let metadata = source.metadata().map_err(FileError::Read)?;
    if !metadata.is_file() {
        return Err(FileError::NotRegular { kind: file_kind(&metadata.file_type()) });
    }
    let size = usize::try_from(metadata.len()).unwrap_or(usize::MAX);
    let budget = (size >= READ_UNDER_BUDGET_BYTES).then(|| ParseBudget::acquire(size));
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(size).map_err(|_| FileError::Read(io::Error::from(io::ErrorKind::OutOfMemory)))?;
    source.take(metadata.len()).read_to_end(&mut bytes).map_err(FileError::Read)?;
    Ok((bytes, budget))
}

/// Opens `path` for reading; on Unix with `O_NONBLOCK`, which regular files ignore and which keeps
/// the open of a FIFO from waiting for a writer.
fn open_without_blocking(path: &Path) -> io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    options.open(path)
}

/// What a file that is not a regular file is, for the error message.
fn file_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

impl Processed {
    /// After a failed write: the fixes this file's findings count as applied were not written, so
    /// they are reported as available (never `[fixed]`) and the summary does not count them fixed.
    fn not_written(&mut self) {
        for finding in &mut self.findings {
            if finding.outcome == FixOutcome::Applied {
                finding.outcome = FixOutcome::Available;
            }
        }
    }

    fn push(
        &mut self,
        file: &SourceFile,
        finding: &Finding,
        outcome: FixOutcome,
        options: Options<'_>,
        frames: bool,
        color: bool,
    ) {
        let mut located = LocatedFinding::new(file, finding, outcome);
        if options.project.severity(finding.rule) == Severity::Warn && !options.rules.names_rules() {
            located.severity = "warning";
        }
        self.findings.push(located);
        if frames {
            self.frames.push(code_frame(file, finding, color));
        }
    }
}

/// Threads that write fixed files (see [`write_all`]).
const WRITE_THREADS: usize = 16;

/// The stack of each of [`WRITE_THREADS`]: writing does not recurse.
const WRITE_STACK_SIZE: usize = 2 << 20;

/// With `--write`: refuses when a file to write has uncommitted changes (unless `--allow-dirty`),
/// then writes every fixed file in parallel. A refusal changes no file and ends the run with 2.
fn write_all(
    outcomes: &mut [Outcome],
    allow_dirty: bool,
    pool: &rayon::ThreadPool,
    colors: &Colors,
) -> Result<(), ExitCode> {
    if !outcomes.iter().any(|o| o.result.as_ref().is_ok_and(|p| p.pending_write.is_some())) {
        return Ok(());
    }
    // Creating, renaming and deleting files mostly waits for the file system (a discard of the
    // replaced file's blocks, a network round trip), not for a core: more threads than cores
    // overlap those waits (20,000 fixed files on this ext4 disk: 2.4 s with 2 threads, 1.8 s with
    // 16). Their work does not recurse, so they get the standard library's usual 2 MiB stacks
    // (`prepare_process` raises the default for the walker's threads).
    // Where such a pool cannot start, the workers do it.
    let io_pool = rayon::ThreadPoolBuilder::new().num_threads(WRITE_THREADS).stack_size(WRITE_STACK_SIZE).build();
    let pool = io_pool.as_ref().unwrap_or(pool);
    // The temporary files a killed run left where this one writes go first (see
    // `crate::write::remove_leftovers`): one listing per folder.
    let folders: std::collections::HashSet<&Path> = outcomes
        .iter()
        .filter(|o| o.result.as_ref().is_ok_and(|p| p.pending_write.is_some()))
        .map(|o| o.path.parent().filter(|folder| !folder.as_os_str().is_empty()).unwrap_or(Path::new(".")))
        .collect();
    pool.install(|| {
        folders.into_par_iter().for_each(|folder| {
            remove_leftovers(folder);
        })
    });
    // Write every fixed file beside its original (see `crate::write`); the originals are only
    // replaced further down, after the git check. On a refusal the temporary files are deleted
    // when `prepared` is dropped.
    let prepared: Vec<Option<PreparedWrite>> = pool.install(|| {
        outcomes
            .par_iter_mut()
            .map(|outcome| {
                let processed = outcome.result.as_mut().ok()?;
                let (old, new) = processed.pending_write.take()?;
                match prepare(&outcome.path, old.as_bytes(), new.as_bytes()) {
                    Ok(prepared) => Some(prepared),
                    Err(err) => {
                        processed.error = Some(err);
                        processed.not_written();
                        None
                    }
                }
            })
            .collect()
    });
    // The prepared files (by position in `outcomes`) and what each replaces.
    let (owners, targets): (Vec<usize>, Vec<&Path>) =
        prepared.iter().enumerate().filter_map(|(index, write)| Some((index, write.as_ref()?.target()))).unzip();
    // Putting them on disk mostly waits for the disk (the kernel's flusher thread does the work),
    // and asking git mostly for the file system's lookups: done at the same time, the git check
    // costs little (20,000 files: 1.8 -> 1.6 s, and 0.03 s more than with `--allow-dirty`).
    let (synced, dirty) = pool.install(|| {
        rayon::join(
            || sync_to_disk(&prepared.iter().flatten().collect::<Vec<_>>()).map_err(|err| err.to_string()),
            || if allow_dirty { Ok(Vec::new()) } else { crate::git::dirty_files(&targets) },
        )
    });
    let dirty = match dirty {
        Ok(dirty) => dirty,
        Err(message) => {
            eprintln!("{}", error_line("sendonce", &message, colors.stderr));
            return Err(ExitCode::from(2));
        }
    };
    if !dirty.is_empty() {
        let names: Vec<&str> = dirty.iter().map(|&index| outcomes[owners[index]].shown.as_str()).collect();
        let message = format!(
            "refusing to write: {} {} uncommitted changes; commit or stash them, or pass --allow-dirty:\n  {}",
            names.len(),
            if names.len() == 1 { "file has" } else { "files have" },
            names.join("\n  ")
        );
        eprintln!("{}", error_line("sendonce", &message, colors.stderr));
        return Err(ExitCode::from(2));
    }
    pool.install(|| {
        outcomes.par_iter_mut().zip(prepared).for_each(|(outcome, prepared)| {
            let (Ok(processed), Some(prepared)) = (&mut outcome.result, prepared) else { return };
            processed.error = match &synced {
                Ok(()) => prepared.commit().err(),
                Err(message) => Some(FileError::Write(io::Error::other(message.clone()))),
            };
            if processed.error.is_some() {
                processed.not_written();
            }
        });
    });
    Ok(())
}

/// `--stdin-filename`: one file from stdin; the fixed text (or diff, or findings) on stdout.
fn run_stdin(name: &Path, args: &Args, config: &Config, colors: &Colors) -> ExitCode {
    let mut bytes = Vec::new();
    if let Err(err) = io::stdin().read_to_end(&mut bytes) {
        return usage_error(&format!("cannot read stdin: {err}"));
    }
    let shown = crate::walk::slashed(&name.to_string_lossy());
    let project = match ConfigFinder::default().for_file(name) {
        Ok(project) => project,
        Err(message) => return usage_error(&message),
    };
    // The Prettier settings are those of the file named, from its folder.
    let layouts = Mutex::new(LayoutFinder::default());
    let layout = FileLayout::new(&layouts, name);
    let options = Options { rules: &config.rules, project: &project, prefilter: !args.no_prefilter, layout: &layout };
    // The fixed text on stdout is what `--write` would write; `--check` names every fix's tier.
    let threshold = if config.mode == Mode::Check { config.shown_threshold() } else { config.threshold };
    let file = match SourceFile::from_bytes(name, bytes) {
        Ok(file) => file,
        Err(err) => {
            eprintln!("{}", error_line(&shown, &err.to_string(), colors.stderr));
            return ExitCode::from(2);
        }
    };
    // On a worker's deep stack, as for the files of a walk: nesting that the workers survive
    // would overflow the main thread's 8 MiB and abort.
    let analysed = on_worker_stack(|| with_arena(|allocator| analyze_and_fix_in(allocator, &file, threshold, options)));
    let Some(analysed) = analysed else {
        return usage_error("cannot start a worker thread with a deep stack");
    };
    let fixed = match analysed {
        Ok(fixed) => fixed,
        Err(err @ FileError::Flow) => {
            // Not an error: the source passes through unchanged, as for a file with no finding.
            eprintln!("sendonce: {shown}: {err}");
            let mut out = Output::new();
            if config.mode != Mode::Check && !args.diff {
                out.print(&file.with_bom(&file.text));
            }
            return out.finish_with(ExitCode::SUCCESS);
        }
        Err(err) => {
            eprintln!("{}", error_line(&shown, &err.to_string(), colors.stderr));
            return ExitCode::from(2);
        }
    };
    print_layout_warnings(&layouts, &std::env::current_dir().unwrap_or_default());
    let mut out = Output::new();
    let new_text = fixed.fixed_text.as_deref().unwrap_or(&file.text);
    for (finding, &applied) in fixed.analysis.findings.iter().zip(&fixed.applied) {
        let outcome = fix_outcome(finding, applied, config);
        let line = located_line(&shown, &LocatedFinding::new(&file, finding, outcome), colors.stderr);
        if config.mode == Mode::Check {
            out.print(&format!("{line}\n"));
        } else {
            eprintln!("{line}");
        }
    }
    if config.mode != Mode::Check {
        if args.diff {
            out.print(&unified_diff(&shown, &file.with_bom(&file.text), &file.with_bom(new_text), colors.stdout));
        } else {
            out.print(&file.with_bom(new_text));
        }
    }
    let remaining = fixed.applied.iter().filter(|applied| !**applied).count();
    let findings = fixed.analysis.findings.len();
    let unresolved = if config.mode == Mode::Check || args.diff { findings } else { remaining };
    out.finish_with(ExitCode::from(if unresolved > 0 { 1 } else { 0 }))
}

/// Names on stderr each Prettier configuration file that could not be read (its folder's fixes
/// then wrap at Prettier's default 80 columns), in path order.
fn print_layout_warnings(layouts: &Mutex<LayoutFinder>, cwd: &Path) {
    for (path, why) in lock(layouts).take_warnings() {
        eprintln!("sendonce: warning: {}: {why}; fixes there wrap at 80 columns", display_path(&path, cwd));
    }
}

/// Runs `f` on a thread with the workers' stack ([`WORKER_STACK_SIZE`]) and waits for it; `None`
/// when no such thread can be started. A panic in `f` goes on in the caller.
fn on_worker_stack<T: Send>(f: impl FnOnce() -> T + Send) -> Option<T> {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new().stack_size(WORKER_STACK_SIZE).spawn_scoped(scope, f).ok()?;
        Some(worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}

/// Prints one file's part of the text format: its diff on stdout, its findings on stdout (`--check`)
/// or stderr (otherwise), with code frames when asked.
fn print_text(out: &mut Output, shown: &str, processed: &Processed, mode: Mode, colors: &Colors) {
    if let Some(diff) = &processed.diff {
        out.print(diff);
    }
    for (index, finding) in processed.findings.iter().enumerate() {
        let color = if mode == Mode::Check { colors.stdout } else { colors.stderr };
        // In the dry run a fix in the diff gets one line naming its rule and tier, for the review.
        if mode == Mode::Diff && finding.outcome == FixOutcome::Applied {
            eprintln!("{}", shown_fix_line(shown, finding, color));
            continue;
        }
        let mut text = format!("{}\n", located_line(shown, finding, color));
        if let Some(frame) = processed.frames.get(index) {
            text.push_str(frame);
        }
        if mode == Mode::Check {
            out.print(&text);
        } else {
            eprint!("{text}");
        }
    }
}

/// Code frames are for people: printed when the findings' stream is a terminal, or with `--stats`.
fn prints_frames(mode: Mode, args: &Args) -> bool {
    match mode {
        Mode::Check => io::stdout().is_terminal() || args.stats,
        Mode::Diff | Mode::Write => io::stderr().is_terminal() || args.stats,
    }
}

fn count(summary: &mut Summary, findings: &[LocatedFinding]) {
    for finding in findings {
        summary.findings += 1;
        *summary.per_rule.entry(finding.rule).or_default() += 1;
        if finding.severity == "warning" {
            summary.warnings += 1;
            summary.warnings_fixed += usize::from(finding.outcome == FixOutcome::Applied);
        }
        if finding.outcome == FixOutcome::Applied && finding.applicability == Some(Applicability::Unsafe.as_str()) {
            summary.unsafe_applied += 1;
        }
        match finding.outcome {
            FixOutcome::Applied => summary.fixed += 1,
            FixOutcome::Available => summary.fixable += 1,
            FixOutcome::HeldBack => summary.held_back += 1,
            FixOutcome::None => {}
        }
    }
}

/// 2 on any error; else 1 when `--check` found something or `--write` left findings; else 0.
/// The dry run is a review that succeeded, so it exits 0 whatever it found:
/// `sendonce > fix.patch && git apply fix.patch` must reach `git apply` (CI uses `--check`).
/// Warnings never fail a run.
fn exit_code(summary: &Summary, mode: Mode) -> ExitCode {
    let errors = summary.findings - summary.warnings;
    let remaining = match mode {
        Mode::Write => errors - (summary.fixed - summary.warnings_fixed),
        Mode::Check => errors,
        Mode::Diff => 0,
    };
    ExitCode::from(if summary.errors > 0 {
        2
    } else if remaining > 0 {
        1
    } else {
        0
    })
}

/// The worker count for `-j`: one per CPU by default, and never more. Analysis is CPU-bound, so
/// more threads than CPUs only add overhead: 1,000 or 5,000 of them (each reserving its deep
/// stack) took from 17 s to over a minute on 26 files. Writing files, which waits for the disk,
/// has its own pool ([`WRITE_THREADS`]).
fn worker_threads(requested: Option<usize>) -> usize {
    // Looking for a file that crashes the parser, one file at a time (see `crate::supervise`).
    if crate::supervise::marking() {
        return 1;
    }
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    requested.unwrap_or(cpus).clamp(1, cpus)
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("sendonce: error: {message}");
    ExitCode::from(2)
}

/// A bar on stderr for long runs on a terminal (a counter when the total is not known yet, as
/// while the walk is still finding files); hidden, and free, in pipes and for small runs.
fn progress_bar(files: Option<usize>, on_terminal: bool) -> ProgressBar {
    if !on_terminal || files.is_some_and(|n| n < PROGRESS_MIN_FILES) {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(files.map(|n| n as u64), ProgressDrawTarget::stderr());
    let template =
        if files.is_some() { "{pos}/{len} files {wide_bar} {per_sec} {eta}" } else { "{pos} files {per_sec}" };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

/// Decides, for each file the walk finds, whether it is processed and with which `sendonce.json`.
/// Shared by the walker's threads; the first configuration error is kept and ends the run.
struct Selector<'w> {
    walk: &'w WalkOptions,
    configs: Mutex<ConfigFinder>,
    cwd: &'w Path,
    /// Files skipped because their name is not UTF-8, as shown (lossily), for a note each.
    not_utf8: Mutex<Vec<String>>,
}

/// The summary's reason for files whose name is not UTF-8.
const NAME_NOT_UTF8: &str = "with a file name that is not UTF-8";

enum Selected {
    Yes(String, Arc<ProjectConfig>),
    No(&'static str),
}

impl Selector<'_> {
    fn select(&self, path: &Path) -> Selected {
        let shown = display_path(path, self.cwd);
        // Its name could be neither shown nor diffed exactly (messages, diffs and the machine
        // formats are UTF-8), so it is named in a note and left alone.
        if path.file_name().is_some_and(|name| name.to_str().is_none()) {
            lock(&self.not_utf8).push(shown);
            return Selected::No(NAME_NOT_UTF8);
        }
        if !self.walk.selects(&shown) {
            return Selected::No("by --include/--exclude");
        }
        let mut configs = lock(&self.configs);
        let project = match configs.for_file(path) {
            Ok(project) => project,
            Err(message) => {
                configs.record_error(message);
                return Selected::No("because of a configuration error");
            }
        };
        drop(configs);
        // The defaults (no `sendonce.json`) have no include/exclude globs: they keep every file.
        if !self.walk.has_globs() && project.path.is_some() && !project.selects(path) {
            return Selected::No("by sendonce.json include/exclude");
        }
        Selected::Yes(shown, project)
    }

    fn error(&self) -> Option<String> {
        lock(&self.configs).first_error()
    }

    /// Prints a note on stderr for each file skipped for its name, in path order.
    fn print_notes(&self) {
        let mut names = std::mem::take(&mut *lock(&self.not_utf8));
        names.sort_unstable();
        for name in names {
            eprintln!(
                "{name}: note: the file name is not valid UTF-8 (shown here with U+FFFD); skipped: \
                 sendonce can neither show nor diff it exactly"
            );
        }
    }
}

/// Locks a mutex, also after another thread panicked while holding it (the data is plain results).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Stdout that stops quietly when the reader goes away (`sendonce | head`: `EPIPE`), and keeps any
/// other write error (a full disk, `/dev/full`) for [`Output::finish`]: output that was cut short
/// must never look like a success, or `sendonce ... > tmp && mv tmp f.js` would lose data.
struct Output {
    /// False once the reader went away or a write failed: nothing more is written.
    open: bool,
    /// The first write error that was not a closed reader.
    error: Option<io::Error>,
}

impl Output {
    fn new() -> Self {
        Self { open: true, error: None }
    }

    fn print(&mut self, text: &str) {
        self.print_bytes(text.as_bytes());
    }

    fn print_bytes(&mut self, bytes: &[u8]) {
        if !self.open {
            return;
        }
        if let Err(err) = io::stdout().lock().write_all(bytes) {
            self.fail(err);
        }
    }

    fn fail(&mut self, err: io::Error) {
        self.open = false;
        if err.kind() != io::ErrorKind::BrokenPipe {
            self.error = Some(err);
        }
    }

    /// Flushes stdout; false, after a message on stderr, when a write to stdout failed for any
    /// reason but a closed reader (the run then exits 2).
    fn finish(mut self) -> bool {
        if self.open {
            if let Err(err) = io::stdout().lock().flush() {
                self.fail(err);
            }
        }
        match self.error {
            Some(err) => {
                eprintln!("sendonce: error: cannot write to stdout: {err}");
                false
            }
            None => true,
        }
    }

    /// `code`, or 2 when stdout could not be written (see [`Output::finish`]).
    fn finish_with(self, code: ExitCode) -> ExitCode {
        if self.finish() {
            code
        } else {
            ExitCode::from(2)
        }
    }
}

fn wants_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

thread_local! {
    /// One arena per worker thread, reset after every file: parsing allocates no fresh memory
    /// once the arena has grown to the largest file the thread has seen.
    static ALLOCATOR: std::cell::RefCell<Allocator> = std::cell::RefCell::new(Allocator::default());
}

/// An arena that grew past this for one file (a bundle) is given back to the system instead of
/// kept, so an idle worker does not hold the memory of the largest file it met. Below it, reusing
/// the arena saves the page faults of a fresh one (4 MiB cost 5% of the corpus' wall time against
/// 32 MiB). With [`PARSE_BUDGET_BYTES`] bounding what is parsed at once and [`prepare_process`],
/// the peak is the same for twice the corpus (BENCHMARKS.md).
const ARENA_KEEP_LIMIT: usize = 32 << 20;

/// Settings the whole process needs before its first thread starts (`main` calls it, first):
///
/// - SIGINT, SIGTERM and SIGHUP delete the temporary files of `--write` before the process dies
///   of them (`crate::write::clean_up_on_signals`, which must block them before any thread starts).
/// - Every thread started without an explicit stack size (the walker's, which `ignore` starts)
///   reserves [`WORKER_STACK_SIZE`], like the worker pool's: files are analysed on the walker's
///   threads as they are found, and deep nesting recurses in the parser. Sets `RUST_MIN_STACK`,
///   which the standard library reads once, at the first such thread; a larger value already set
///   is kept. Without it, [`run_with_args`] hands every file to the worker pool instead.
/// - glibc's malloc gives every freed block of 1 MiB or more back to the system at once. It
///   raises its threshold for that each time such a block is freed (up to 32 MiB), after which
///   freed arenas stay in the heap: the peak then depended on the order the bundles came in (110
///   to 137 MiB over the same corpus, twice). A fixed threshold makes it depend on what is parsed
///   at once only. Setting it also stops glibc from raising the size of free memory kept at the
///   top of a heap (128 KiB), which then shrank and grew again for every file: up to 8 MiB is
///   kept now (62,000 page faults over the corpus became 52,000; the probe's own are 41,000).
///   Growing heaps 4 MiB at a time (`M_TOP_PAD`) saved 5,000 more and 2% of the wall time, but
///   twice the corpus then peaked at 90 MiB against 86 once.
///
/// # Safety
///
/// Call it before any other thread of the process exists: changing the environment and glibc's
/// `mallopt` settings races with other threads reading them.
pub unsafe fn prepare_process() {
    if !walker_stacks_are_deep() {
        std::env::set_var(MIN_STACK_VARIABLE, WORKER_STACK_SIZE.to_string());
    }
    // SAFETY: the caller guarantees no other thread is running yet.
    #[cfg(target_os = "linux")]
    unsafe {
        crate::write::clean_up_on_signals();
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets tuning parameters of glibc's allocator (an unknown or refused
    // setting leaves it as it was); the caller guarantees no other thread is running.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 8 << 20);
    }
}

/// The standard library's setting for the stack of threads started without an explicit size.
const MIN_STACK_VARIABLE: &str = "RUST_MIN_STACK";

/// Whether threads started without an explicit stack size (the walker's) get at least
/// [`WORKER_STACK_SIZE`], so files can be analysed on them (see [`prepare_process`]).
fn walker_stacks_are_deep() -> bool {
    std::env::var(MIN_STACK_VARIABLE)
        .ok()
        // Parsed as the standard library parses it: a value it cannot read leaves 2 MiB.
        .and_then(|size| size.parse::<usize>().ok())
        .is_some_and(|size| size >= WORKER_STACK_SIZE)
}

/// Runs `f` with this thread's arena and resets it afterwards; `f`'s result must not borrow from it.
fn with_arena<T>(f: impl FnOnce(&Allocator) -> T) -> T {
    ALLOCATOR.with_borrow_mut(|allocator| {
        let result = f(allocator);
        allocator.reset();
        if allocator.capacity() > ARENA_KEEP_LIMIT {
            *allocator = Allocator::default();
        }
        result
    })
}

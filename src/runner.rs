//! The command line run: walk, process files in parallel, print in path order, pick the exit code.
//!
//! Exit codes: 0 nothing to fix (or everything fixed with `--write`), 1 findings
//! remain, 2 any error (errors win over findings).

use std::cell::RefCell;
use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::sync::Mutex;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use oxc_allocator::Allocator;
use rayon::prelude::*;

use crate::analysis::{analyze_and_fix_in, analyze_in, Analysis, FixedFile};
use crate::cli::{Args, ColorChoice, Mode};
use crate::diagnostic::{Applicability, FixStatus};
use crate::error::FileError;
use crate::prefilter::may_have_findings;
use crate::report::{error_line, finding_line, summary_line, unified_diff, FixOutcome, Summary};
use crate::source::SourceFile;
use crate::walk::{collect_files, display_path, normalized, walk_folders};
use crate::write::{prepare, sync_to_disk, PreparedWrite};

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

/// Where each line of a processed file goes.
#[derive(Debug, Default)]
struct FileReport {
    handlers: usize,
    findings: usize,
    fixed: usize,
    fixable: usize,
    /// Finding lines for the findings stream (stdout with `--check`, stderr otherwise).
    finding_lines: Vec<String>,
    /// The diff for stdout in the default mode.
    diff: Option<String>,
    /// A failure after analysis (writing the fixed file); the counts above still hold.
    error: Option<FileError>,
    /// With `--write`: the file, its original bytes and its fixed bytes, written once every file is analysed.
    pending: Option<(PathBuf, Vec<u8>, Vec<u8>)>,
}

struct Colors {
    stdout: bool,
    stderr: bool,
}

fn run(args: &Args) -> ExitCode {
    let started = Instant::now();
    let colors = Colors {
        stdout: wants_color(args.color, io::stdout().is_terminal()),
        stderr: wants_color(args.color, io::stderr().is_terminal()),
    };
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool,
        Err(err) => {
            eprintln!("sendonce: error: cannot start {threads} worker threads: {err}");
            return ExitCode::from(2);
        }
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    let mode = args.mode();
    let finding_color = if mode == Mode::Check { colors.stdout } else { colors.stderr };
    let mut progress = Progress::start(io::stderr().is_terminal());
    let process = |path: &Path| {
        let shown = display_path(path, &cwd);
        let result = process_file(path, &shown, mode, !args.no_prefilter, finding_color, colors.stdout);
        progress.analysed.fetch_add(1, Ordering::Relaxed);
        (shown, result)
    };
    // Files with nothing to report are only counted, so memory does not grow with the tree.
    let quiet_files = AtomicUsize::new(0);
    let quiet_handlers = AtomicUsize::new(0);
    let (walk_errors, results) = match args.paths.as_slice() {
        // One folder (the usual case): files are processed while the walk is still finding
        // more, then reported in path order.
        [root] if root.is_dir() => {
            let done = Mutex::new(Vec::new());
            let in_flight = AtomicUsize::new(0);
            let errors = pool.in_place_scope(|scope| {
                walk_folders(std::slice::from_ref(root), threads, &|path: PathBuf| {
                    // The walk is much faster than the analysis: keep it at most a few
                    // thousand files ahead, so queued work does not grow with the tree.
                    while in_flight.load(Ordering::Relaxed) >= MAX_QUEUED_FILES {
                        std::thread::sleep(std::time::Duration::from_millis(1));
                    }
                    in_flight.fetch_add(1, Ordering::Relaxed);
                    let (done, process, quiet_files, quiet_handlers, in_flight) =
                        (&done, &process, &quiet_files, &quiet_handlers, &in_flight);
                    scope.spawn(move |_| {
                        let (shown, result) = process(&path);
                        in_flight.fetch_sub(1, Ordering::Relaxed);
                        if let Ok(report) = &result {
                            if report.findings == 0 {
                                quiet_files.fetch_add(1, Ordering::Relaxed);
                                quiet_handlers.fetch_add(report.handlers, Ordering::Relaxed);
                                return;
                            }
                        }
                        let mut done = done.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                        done.push((normalized(&path), shown, result));
                    });
                })
            });
            let mut done = done.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
            done.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            let mut errors = errors;
            errors.sort_by(|a, b| a.0.cmp(&b.0));
            (errors, done.into_iter().map(|(_, shown, result)| (shown, result)).collect::<Vec<_>>())
        }
        // Several paths: collect and de-duplicate first, so a file reached twice is processed once.
        _ => {
            let walk = collect_files(&args.paths, threads);
            let results = pool.install(|| walk.files.par_iter().map(|path| process(path)).collect());
            (walk.errors, results)
        }
    };

    let mut results = results;
    if mode == Mode::Write {
        write_fixes(&mut results, threads, &progress.written);
    }

    let mut summary = Summary {
        files: results.len() + quiet_files.into_inner(),
        handlers: quiet_handlers.into_inner(),
        errors: walk_errors.len(),
        ..Summary::default()
    };
    progress.finish();
    let mut stdout = io::stdout().lock();
    let mut stdout_open = true;
    let mut print_out = |text: &str| {
        if stdout_open && stdout.write_all(text.as_bytes()).is_err() {
            stdout_open = false;
        }
    };
    for (path, err) in &walk_errors {
        eprintln!("{}", error_line(&display_path(path, &cwd), &err.to_string(), colors.stderr));
    }
    for (path, result) in results {
        match result {
            Ok(report) => {
                summary.handlers += report.handlers;
                summary.findings += report.findings;
                summary.fixed += report.fixed;
                summary.fixable += report.fixable;
                if let Some(diff) = &report.diff {
                    print_out(diff);
                }
                for line in &report.finding_lines {
                    if mode == Mode::Check {
                        print_out(&format!("{line}\n"));
                    } else {
                        eprintln!("{line}");
                    }
                }
                if let Some(err) = &report.error {
                    summary.errors += 1;
                    eprintln!("{}", error_line(&path, &err.to_string(), colors.stderr));
                }
            }
            Err(err) => {
                summary.errors += 1;
                eprintln!("{}", error_line(&path, &err.to_string(), colors.stderr));
            }
        }
    }
    let fixed_word = if mode == Mode::Write { "fixed" } else { "fixable" };
    let shown = if mode == Mode::Write { summary } else { Summary { fixed: 0, fixable: summary.fixed + summary.fixable, ..summary } };
    eprintln!("{}", summary_line(&shown, fixed_word, started.elapsed()));

    let remaining = match mode {
        Mode::Write => summary.findings - summary.fixed,
        Mode::Diff | Mode::Check => summary.findings,
    };
    ExitCode::from(if summary.errors > 0 {
        2
    } else if remaining > 0 {
        1
    } else {
        0
    })
}

/// A progress line on stderr for long runs on a terminal: `sendonce: 12000 files analysed, 300
/// fixed files written`, redrawn every quarter second once the run has taken a second, and
/// erased before anything else is printed.
struct Progress {
    analysed: Arc<AtomicUsize>,
    written: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    fn start(enabled: bool) -> Self {
        let analysed = Arc::new(AtomicUsize::new(0));
        let written = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = enabled.then(|| {
            let (analysed, written, stop) = (analysed.clone(), written.clone(), stop.clone());
            std::thread::spawn(move || {
                let started = Instant::now();
                let mut shown = false;
                let mut ticks = 0u32;
                while !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(50));
                    ticks += 1;
                    if started.elapsed() >= Duration::from_secs(1) && ticks.is_multiple_of(5) {
                        let written = written.load(Ordering::Relaxed);
                        let writing = if written > 0 { format!(", {written} fixed files written") } else { String::new() };
                        eprint!("\r\x1b[Ksendonce: {} files analysed{writing}", analysed.load(Ordering::Relaxed));
                        shown = true;
                    }
                }
                if shown {
                    eprint!("\r\x1b[K");
                }
            })
        });
        Self { analysed, written, stop, thread }
    }

    /// Stops and erases the progress line.
    fn finish(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Threads for writing fixed files: creating, syncing and renaming files waits on the disk, not
/// the CPU, so more threads than cores overlap the waits.
const WRITE_THREADS: usize = 16;

/// Writes every fixed file beside its original, puts them all on disk with one sync, then renames
/// each over its original (see [`crate::write`]). A failure is recorded against its file.
fn write_fixes(results: &mut [(String, Result<FileReport, FileError>)], threads: usize, written: &AtomicUsize) {
    if !results.iter().any(|(_, result)| result.as_ref().is_ok_and(|report| report.pending.is_some())) {
        return;
    }
    let run = |results: &mut [(String, Result<FileReport, FileError>)]| {
        let prepared: Vec<(usize, PreparedWrite)> = results
            .par_iter_mut()
            .enumerate()
            .filter_map(|(index, (_, result))| {
                let report = result.as_mut().ok()?;
                let (path, original, contents) = report.pending.take()?;
                match prepare(&path, &original, &contents) {
                    Ok(prepared) => Some((index, prepared)),
                    Err(err) => {
                        report.error = Some(err);
                        None
                    }
                }
            })
            .collect();
        let synced = sync_to_disk(&prepared.iter().map(|(_, p)| p).collect::<Vec<_>>()).map_err(|err| err.to_string());
        let outcomes: Vec<(usize, Option<FileError>)> = prepared
            .into_par_iter()
            .map(|(index, prepared)| {
                let outcome = match &synced {
                    Ok(()) => {
                        written.fetch_add(1, Ordering::Relaxed);
                        prepared.commit().err()
                    }
                    Err(message) => Some(FileError::Write(io::Error::other(message.clone()))),
                };
                (index, outcome)
            })
            .collect();
        for (index, outcome) in outcomes {
            if let (_, Ok(report)) = &mut results[index] {
                report.error = outcome;
            }
        }
    };
    match rayon::ThreadPoolBuilder::new().num_threads(WRITE_THREADS.max(threads)).build() {
        Ok(pool) => pool.install(|| run(results)),
        Err(_) => run(results),
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
    static ALLOCATOR: RefCell<Allocator> = RefCell::new(Allocator::default());
}

/// How many files the walk may find ahead of the workers that analyse them.
const MAX_QUEUED_FILES: usize = 4096;

/// An arena that grew past this for one file (a multi-megabyte bundle) is given back to the
/// system instead of kept: most files are small, and two threads each keeping the arena of the
/// largest file they met would set the peak memory of the run.
const ARENA_KEEP_LIMIT: usize = 32 << 20;

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

/// Reads, analyses and (depending on the mode) fixes one file. With `prefilter`, a file that
/// cannot have a finding (see [`crate::prefilter`]) is read and decoded but not parsed.
fn process_file(
    path: &Path,
    shown: &str,
    mode: Mode,
    prefilter: bool,
    finding_color: bool,
    diff_color: bool,
) -> Result<FileReport, FileError> {
    let bytes = std::fs::read(path).map_err(FileError::Read)?;
    let file = SourceFile::from_bytes(path, bytes)?;
    let mut report = FileReport::default();
    if prefilter && !may_have_findings(file.text.as_bytes()) {
        return Ok(report);
    }
    if mode == Mode::Check {
        let analysis: Analysis = with_arena(|allocator| analyze_in(allocator, &file.text, file.source_type))?;
        report.handlers = analysis.handlers;
        report.findings = analysis.findings.len();
        for finding in &analysis.findings {
            let outcome = if matches!(finding.fix, FixStatus::Available(_)) {
                report.fixable += 1;
                FixOutcome::Available
            } else {
                FixOutcome::None
            };
            report.finding_lines.push(finding_line(shown, &file.text, finding, outcome, finding_color));
        }
        return Ok(report);
    }

    let fixed: FixedFile = with_arena(|allocator| analyze_and_fix_in(allocator, &file, Applicability::Safe))?;
    report.handlers = fixed.analysis.handlers;
    report.findings = fixed.analysis.findings.len();
    for (finding, &applied) in fixed.analysis.findings.iter().zip(&fixed.applied) {
        let outcome = if applied {
            report.fixed += 1;
            FixOutcome::Applied
        } else if finding.fix().is_some() {
            report.fixable += 1;
            FixOutcome::Available
        } else {
            FixOutcome::None
        };
        if !applied || mode == Mode::Write {
            report.finding_lines.push(finding_line(shown, &file.text, finding, outcome, finding_color));
        }
    }
    if let Some(new_text) = &fixed.fixed_text {
        match mode {
            Mode::Diff => {
                let (old, new) = (file.with_bom(&file.text), file.with_bom(new_text));
                report.diff = Some(unified_diff(shown, &old, &new, diff_color));
            }
            Mode::Write => {
                report.pending =
                    Some((path.to_path_buf(), file.with_bom(&file.text).into_bytes(), file.with_bom(new_text).into_bytes()));
            }
            Mode::Check => {}
        }
    }
    Ok(report)
}


//! The command line run: walk, process files in parallel, print in path order, pick the exit code.
//!
//! Exit codes: 0 nothing to fix (or everything fixed with `--write`), 1 findings
//! remain, 2 any error (errors win over findings).

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use rayon::prelude::*;

use crate::analysis::{analyze, analyze_and_fix};
use crate::cli::{Args, ColorChoice, Mode};
use crate::diagnostic::Applicability;
use crate::error::FileError;
use crate::report::{error_line, finding_line, summary_line, unified_diff, FixOutcome, Summary};
use crate::rules::{explain, RULES};
use crate::source::SourceFile;
use crate::walk::{collect_files, display_path};
use crate::write::write_atomically;

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
    held_back: usize,
    /// Finding lines for the findings stream (stdout with `--check`, stderr otherwise).
    finding_lines: Vec<String>,
    /// The diff for stdout in the default mode.
    diff: Option<String>,
    /// A failure after analysis (writing the fixed file); the counts above still hold.
    error: Option<FileError>,
}

struct Colors {
    stdout: bool,
    stderr: bool,
}

fn run(args: &Args) -> ExitCode {
    if args.list_rules {
        let width = RULES.iter().map(|meta| meta.name.len()).max().unwrap_or(0);
        for meta in RULES {
            println!("{:width$}  {:11}  {}", meta.name, meta.fix.as_str(), meta.summary);
        }
        return ExitCode::SUCCESS;
    }
    if let Some(name) = &args.explain {
        return match RULES.iter().find(|meta| meta.name == name.as_str()) {
            Some(meta) => {
                println!("{}", explain(meta));
                ExitCode::SUCCESS
            }
            None => {
                let names: Vec<&str> = RULES.iter().map(|meta| meta.name).collect();
                eprintln!("sendonce: error: no rule named `{name}` (rules: {})", names.join(", "));
                ExitCode::from(2)
            }
        };
    }
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
    let walk = collect_files(&args.paths, threads);
    let finding_color = if mode == Mode::Check { colors.stdout } else { colors.stderr };
    let threshold = if args.unsafe_fixes { Applicability::Unsafe } else { Applicability::Safe };
    let results: Vec<(String, Result<FileReport, FileError>)> = pool.install(|| {
        walk.files
            .par_iter()
            .map(|path| {
                let shown = display_path(path, &cwd);
                let result = process_file(path, &shown, mode, threshold, finding_color, colors.stdout);
                (shown, result)
            })
            .collect()
    });

    let mut summary = Summary { files: walk.files.len(), errors: walk.errors.len(), ..Summary::default() };
    let mut stdout = io::stdout().lock();
    let mut stdout_open = true;
    let mut print_out = |text: &str| {
        if stdout_open && stdout.write_all(text.as_bytes()).is_err() {
            stdout_open = false;
        }
    };
    for (path, err) in &walk.errors {
        eprintln!("{}", error_line(&display_path(path, &cwd), &err.to_string(), colors.stderr));
    }
    for (path, result) in results {
        match result {
            Ok(report) => {
                summary.handlers += report.handlers;
                summary.findings += report.findings;
                summary.fixed += report.fixed;
                summary.fixable += report.fixable;
                summary.held_back += report.held_back;
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
    let shown = if mode == Mode::Write {
        summary
    } else {
        Summary { fixed: 0, fixable: summary.fixed + summary.fixable, ..summary }
    };
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

fn wants_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// Reads, analyses and (depending on the mode) fixes one file.
fn process_file(
    path: &Path,
    shown: &str,
    mode: Mode,
    threshold: Applicability,
    finding_color: bool,
    diff_color: bool,
) -> Result<FileReport, FileError> {
    let bytes = std::fs::read(path).map_err(FileError::Read)?;
    let file = SourceFile::from_bytes(path, bytes)?;
    let mut report = FileReport::default();
    if mode == Mode::Check {
        let analysis = analyze(&file.text, file.source_type)?;
        report.handlers = analysis.handlers;
        report.findings = analysis.findings.len();
        for finding in &analysis.findings {
            let outcome = match finding.fix() {
                Some(fix) if fix.applicability >= threshold => {
                    report.fixable += 1;
                    FixOutcome::Available
                }
                Some(_) => {
                    report.held_back += 1;
                    FixOutcome::HeldBack
                }
                None => FixOutcome::None,
            };
            report.finding_lines.push(finding_line(shown, &file.text, finding, outcome, finding_color));
        }
        return Ok(report);
    }

    let fixed = analyze_and_fix(&file, threshold)?;
    report.handlers = fixed.analysis.handlers;
    report.findings = fixed.analysis.findings.len();
    for (finding, &applied) in fixed.analysis.findings.iter().zip(&fixed.applied) {
        let outcome = if applied {
            report.fixed += 1;
            FixOutcome::Applied
        } else if finding.fix().is_some_and(|fix| fix.applicability < threshold) {
            report.held_back += 1;
            FixOutcome::HeldBack
        } else if finding.fix().is_some() {
            // Its edits overlapped another fix's: the next run applies it.
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
                let original = file.with_bom(&file.text);
                report.error = write_atomically(path, original.as_bytes(), file.with_bom(new_text).as_bytes()).err();
            }
            Mode::Check => {}
        }
    }
    Ok(report)
}

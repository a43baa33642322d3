//! Command-line arguments (clap derive) and their validated form.

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

/// Find and fix Node HTTP handlers that send a response more than once.
///
/// By default sendonce prints a unified diff of its fixes (apply it with
/// `git apply`); `--write` applies them in place; `--check` only reports.
#[derive(Debug, Parser)]
#[command(name = "sendonce", version, about, long_about = None)]
pub struct Args {
    /// Files or folders to process.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Apply the fixes in place (atomically, keeping permissions and symlinks).
    #[arg(long, conflicts_with = "check")]
    pub write: bool,

    /// Change nothing; print one line per finding (`PATH:LINE:COL: RULE: message`) and exit 1 if any.
    #[arg(long)]
    pub check: bool,

    /// Worker threads (default: one per CPU).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,

    /// When to colour output: only on a terminal (auto), always, or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Parse every file, even those the byte prefilter proves cannot have a finding (for tests).
    #[arg(long, hide = true)]
    pub no_prefilter: bool,
}

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when the stream is a terminal.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// What a run does with what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Print a diff of the fixes on stdout (default).
    Diff,
    /// Apply the fixes in place.
    Write,
    /// Report findings only.
    Check,
}

impl Args {
    /// The mode the flags select.
    pub fn mode(&self) -> Mode {
        if self.write {
            Mode::Write
        } else if self.check {
            Mode::Check
        } else {
            Mode::Diff
        }
    }
}

//! Command-line arguments (clap derive) and their validated form, [`Config`].
//!
//! Clap checks the shape of each flag; [`Config::from_args`] checks what only makes sense
//! together (known rule names, a well-formed shard, valid globs) so the run itself never
//! meets an invalid setting.

use std::collections::BTreeSet;
use std::path::PathBuf;

use clap::{Parser, ValueEnum};

use crate::diagnostic::Applicability;
use crate::rules::every_rule;

/// Find and fix Node HTTP handlers that send a response more than once.
///
/// By default sendonce prints a unified diff of every fix, safe and unsafe (apply it with
/// `git apply`); `--write` applies the safe ones in place (`--unsafe-fixes` for all);
/// `--check` only reports.
#[derive(Debug, Parser)]
#[command(name = "sendonce", version = VERSION, about, long_about = None)]
pub struct Args {
    /// Files or folders to process.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Apply the fixes in place (atomically, keeping permissions and symlinks). `--fix` is the
    /// same flag, under the name ESLint, oxlint, Biome and Ruff users type.
    #[arg(long, visible_alias = "fix", conflicts_with = "check")]
    pub write: bool,

    /// Change nothing; print one line per finding (`PATH:LINE:COL: RULE: message`) and exit 1 if any.
    #[arg(long)]
    pub check: bool,

    /// With `--write`: also apply unsafe fixes, which change what clients receive (combining two
    /// bodies into one, running awaits concurrently). The dry run always shows them.
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Output format for findings: compiler-style text, one JSON document, SARIF 2.1.0, or
    /// GitHub Actions annotations. The machine formats replace the diff on stdout.
    #[arg(long, value_enum, default_value_t = Format::Text, value_name = "FORMAT")]
    pub format: Format,

    /// With `--write`: write even when a file has uncommitted changes in its git work tree.
    #[arg(long)]
    pub allow_dirty: bool,

    /// Read source from stdin; PATH gives the language and the name in messages. Prints the
    /// fixed source on stdout (the diff with `--diff`, the findings with `--check`).
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// Print the fixes as a unified diff and change nothing: the default for files and folders
    /// (accepted there, as Ruff's `--diff` is); with `--stdin-filename`, a diff instead of the
    /// fixed source.
    #[arg(long, conflicts_with_all = ["write", "check"])]
    pub diff: bool,

    /// Only run this rule (repeatable).
    #[arg(long = "rule", value_name = "NAME")]
    pub rules: Vec<String>,

    /// Do not run this rule (repeatable).
    #[arg(long = "ignore-rule", value_name = "NAME")]
    pub ignore_rules: Vec<String>,

    /// Only process files matching this glob (repeatable), e.g. `--include 'apps/**/api/**'`.
    /// Read as in `.gitignore`: a name without `/` matches at any depth, a folder matches
    /// everything in it; a glob that matches no file is warned about.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,

    /// Skip files matching this glob (repeatable), e.g. `--exclude '**/*.test.ts'`. `--exclude test`
    /// and `--exclude test/` skip every folder named `test`, as in `.gitignore` and Ruff.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Also read files that .gitignore / .ignore hide (hidden folders and node_modules stay skipped).
    #[arg(long)]
    pub no_ignore: bool,

    /// Process only shard I of N (1-based) of the sorted file list, so N CI jobs cover every file once.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,

    /// Print the summary as a table (the default on a terminal).
    #[arg(long)]
    pub stats: bool,

    /// Print every rule with its fix tier and a one-line summary, then exit.
    #[arg(long)]
    pub list_rules: bool,

    /// Print a rule's full documentation (what, why, example, fix and its safety), then exit.
    #[arg(long, value_name = "RULE")]
    pub explain: Option<String>,

    /// Print shell completions or the man page on stdout, then exit.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub generate: Option<crate::completions::Generate>,

    /// Worker threads (default: one per CPU; more than one per CPU is capped to that).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,

    /// When to colour output: only on a terminal (auto), always, or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Parse every file, even those the byte prefilter proves cannot have a finding (for tests).
    #[arg(long, hide = true)]
    pub no_prefilter: bool,
}

/// `--version`: sendonce's version and the oxc parser it was built with.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (oxc 0.146)");

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

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diffs and compiler-style lines.
    Text,
    /// One JSON document.
    Json,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// GitHub Actions workflow commands.
    Github,
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

/// Which rules run.
#[derive(Debug, Clone, Default)]
pub struct RuleSelection {
    only: Option<BTreeSet<String>>,
    ignored: BTreeSet<String>,
}

impl RuleSelection {
    /// Whether `--rule` named the rules to run (then the configuration file's choices do not apply).
    pub fn names_rules(&self) -> bool {
        self.only.is_some()
    }

    /// Whether findings of `rule` are kept.
    pub fn allows(&self, rule: &str) -> bool {
        !self.ignored.contains(rule) && self.only.as_ref().is_none_or(|only| only.contains(rule))
    }
}

/// `--shard I/N`: this job processes the files whose index in the sorted list is `I-1` modulo `N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 0-based shard index.
    pub index: usize,
    /// Number of shards.
    pub count: usize,
}

/// The validated settings of one run.
#[derive(Debug, Clone)]
pub struct Config {
    /// What to do with findings.
    pub mode: Mode,
    /// The least trusted fix that `--write` applies (`--unsafe-fixes` lowers it).
    pub threshold: Applicability,
    /// How findings are printed.
    pub format: Format,
    /// Which rules run.
    pub rules: RuleSelection,
    /// This job's part of the file list.
    pub shard: Option<Shard>,
}

impl Config {
    /// Validates the flags that clap cannot check alone; the message says what is wrong.
    pub fn from_args(args: &Args) -> Result<Self, String> {
        let known = |name: &String| every_rule().any(|meta| meta.name == name.as_str());
        if let Some(unknown) = args.rules.iter().chain(&args.ignore_rules).find(|name| !known(name)) {
            return Err(unknown_rule(unknown));
        }
        let shard = args.shard.as_deref().map(parse_shard).transpose()?;
        let mode = if args.write {
            Mode::Write
        } else if args.check {
            Mode::Check
        } else {
            Mode::Diff
        };
        Ok(Self {
            mode,
            threshold: if args.unsafe_fixes { Applicability::Unsafe } else { Applicability::Safe },
            format: args.format,
            rules: RuleSelection {
                only: (!args.rules.is_empty()).then(|| args.rules.iter().cloned().collect()),
                ignored: args.ignore_rules.iter().cloned().collect(),
            },
            shard,
        })
    }
}

/// The error for a rule name that does not exist: the closest name (as clap suggests flags),
/// then every name.
pub fn unknown_rule(name: &str) -> String {
    let names: Vec<&str> = every_rule().map(|meta| meta.name).collect();
    let closest = names.iter().map(|known| (edit_distance(name, known), *known)).min();
    let hint = match closest {
        Some((distance, known)) if distance <= 3.max(name.len() / 3) => format!("; did you mean `{known}`?"),
        _ => String::new(),
    };
    format!("no rule named `{name}`{hint} (rules: {})", names.join(", "))
}

/// Levenshtein distance in characters: how many edits turn `a` into `b`.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diagonal + usize::from(ca != cb)).min(row[j] + 1).min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

impl Config {
    /// The least trusted fix this run computes. The dry run is a review, so it shows every fix
    /// (marking the unsafe ones), and `git apply` of it equals `--write --unsafe-fixes`; `--check`
    /// computes them too, to say which tier each finding's fix has. Only `--write` (and stdin,
    /// which prints the fixed text) stop at [`Config::threshold`].
    pub fn shown_threshold(&self) -> Applicability {
        match self.mode {
            Mode::Diff | Mode::Check => Applicability::Unsafe,
            Mode::Write => self.threshold,
        }
    }
}

fn parse_shard(text: &str) -> Result<Shard, String> {
    let invalid = || format!("--shard expects I/N with 1 <= I <= N (like 2/4), not `{text}`");
    let (index, count) = text.split_once('/').ok_or_else(invalid)?;
    let (index, count): (usize, usize) = (index.parse().map_err(|_| invalid())?, count.parse().map_err(|_| invalid())?);
    if index == 0 || count == 0 || index > count {
        return Err(invalid());
    }
    Ok(Shard { index: index - 1, count })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_one_based_and_checked() {
        assert_eq!(parse_shard("2/4"), Ok(Shard { index: 1, count: 4 }));
        assert!(parse_shard("0/4").is_err());
        assert!(parse_shard("5/4").is_err());
        assert!(parse_shard("x").is_err());
    }

    #[test]
    fn unknown_rules_get_the_closest_name() {
        assert!(unknown_rule("missing-returns").contains("did you mean `missing-return`?"));
        assert!(unknown_rule("unused-ignores").contains("did you mean `unused-ignore`?"));
        assert!(!unknown_rule("zzz").contains("did you mean"));
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert!(Config::from_args(&Args::parse_from(["sendonce", "--rule", "unused-ignore"])).is_ok());
    }

    #[test]
    fn fix_is_write_and_diff_is_the_dry_run() {
        assert_eq!(Config::from_args(&Args::parse_from(["sendonce", "--fix"])).unwrap().mode, Mode::Write);
        assert_eq!(Config::from_args(&Args::parse_from(["sendonce", "--diff", "src"])).unwrap().mode, Mode::Diff);
        assert!(Args::try_parse_from(["sendonce", "--diff", "--write"]).is_err());
        assert!(Args::try_parse_from(["sendonce", "--diff", "--check"]).is_err());
    }

    #[test]
    fn rule_selection_combines_only_and_ignore() {
        let args = Args::parse_from([
            "sendonce",
            "--rule",
            "missing-return",
            "--rule",
            "no-response",
            "--ignore-rule",
            "no-response",
        ]);
        let config = Config::from_args(&args).unwrap();
        assert!(config.rules.allows("missing-return"));
        assert!(!config.rules.allows("no-response"));
        assert!(!config.rules.allows("multiple-sends"));
        assert!(Config::from_args(&Args::parse_from(["sendonce", "--rule", "nope"])).is_err());
    }
}

//! Rendering results as text: unified diffs for `git apply`, one line per finding, the summary.
//!
//! Everything here returns strings; the caller decides where they go. Colour is
//! an argument, never a guess about the terminal.

pub mod github;
pub mod json;
pub mod located;
pub mod sarif;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

use owo_colors::OwoColorize;
use similar::udiff::UnifiedDiffHunk;
use similar::{capture_diff_slices, group_diff_ops, Algorithm, DiffOp, TextDiff};

use crate::diagnostic::{Applicability, Finding, Label};
use crate::source::SourceFile;
use located::LocatedFinding;

/// Above this many lines (old and new together), a diff is anchored on unique lines first.
const ANCHORED_DIFF_LINES: usize = 4000;

/// A git-style unified diff of one file, with `a/` and `b/` prefixes so `git apply` takes it; a
/// name git would quote is quoted the same way (see [`git_quoted`]).
pub fn unified_diff(path: &str, old: &str, new: &str, color: bool) -> String {
    let (header_old, header_new) = (git_quoted(&format!("a/{path}")), git_quoted(&format!("b/{path}")));
    let lines = |text: &str| memchr::memchr_iter(b'\n', text.as_bytes()).count();
    let text = if lines(old) + lines(new) <= ANCHORED_DIFF_LINES {
        TextDiff::from_lines(old, new).unified_diff().context_radius(3).header(&header_old, &header_new).to_string()
    } else {
        // Myers costs the file's length times the number of changed lines: minutes for a file of
        // 100k lines with thousands of fixes. Here the expired deadline only splits the lines;
        // the operations come from `anchored_line_ops`.
        let diff = TextDiff::configure().deadline(Instant::now()).diff_lines(old, new);
        let ops = anchored_line_ops(diff.old_slices(), diff.new_slices());
        let mut text = String::new();
        for (index, group) in group_diff_ops(ops, 3).into_iter().filter(|g| !g.is_empty()).enumerate() {
            if index == 0 {
                let _ = write!(text, "--- {header_old}\n+++ {header_new}\n");
            }
            let _ = write!(text, "{}", UnifiedDiffHunk::new(group, &diff, true));
        }
        text
    };
    if !color {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 64);
    for full_line in text.split_inclusive('\n') {
        let line = full_line.strip_suffix('\n').unwrap_or(full_line);
        let newline = if line.len() < full_line.len() { "\n" } else { "" };
        let _ = match line.as_bytes().first() {
            Some(b'+') if !line.starts_with("+++") => write!(out, "{}{newline}", line.green()),
            Some(b'-') if !line.starts_with("---") => write!(out, "{}{newline}", line.red()),
            Some(b'@') => write!(out, "{}{newline}", line.cyan()),
            Some(b'+' | b'-') => write!(out, "{}{newline}", line.bold()),
            _ => write!(out, "{line}{newline}"),
        };
    }
    out
}

/// `path` as git writes it in a diff header: unchanged when it holds no byte git quotes, otherwise
/// in double quotes with C escapes (`"a/x\tb.js"`, `\"`, `\\`, and octal for other control bytes
/// and for every byte of a non-ASCII character, as `core.quotePath` does by default). Unquoted, a
/// tab, newline or CR would end or split the header line and `git apply` would patch another path.
pub fn git_quoted(path: &str) -> String {
    let quoted = |b: u8| b < 0x20 || b == b'"' || b == b'\\' || b >= 0x7f;
    if !path.bytes().any(quoted) {
        return path.to_owned();
    }
    let mut out = String::with_capacity(path.len() + 8);
    out.push('"');
    for b in path.bytes() {
        let _ = match b {
            0x07 => out.write_str("\\a"),
            0x08 => out.write_str("\\b"),
            b'\t' => out.write_str("\\t"),
            b'\n' => out.write_str("\\n"),
            0x0b => out.write_str("\\v"),
            0x0c => out.write_str("\\f"),
            b'\r' => out.write_str("\\r"),
            b'"' => out.write_str("\\\""),
            b'\\' => out.write_str("\\\\"),
            b if quoted(b) => write!(out, "\\{b:03o}"),
            b => out.write_char(char::from(b)),
        };
    }
    out.push('"');
    out
}

/// The line operations from `old` to `new` as a patience diff: lines that occur once on each
/// side, matched in order (the longest increasing run), anchor the diff, and Myers fills each gap
/// between anchors. A file with many small fixes then costs about its length.
fn anchored_line_ops(old: &[&str], new: &[&str]) -> Vec<DiffOp> {
    // Lines unique on both sides: (old index, new index), in old order.
    let mut seen: HashMap<&str, (usize, usize, usize, usize)> = HashMap::new();
    for (i, line) in old.iter().enumerate() {
        let entry = seen.entry(line).or_insert((0, 0, i, 0));
        entry.0 += 1;
    }
    for (j, line) in new.iter().enumerate() {
        if let Some(entry) = seen.get_mut(line) {
            entry.1 += 1;
            entry.3 = j;
        }
    }
    let mut pairs: Vec<(usize, usize)> =
        seen.into_values().filter(|&(in_old, in_new, _, _)| in_old == 1 && in_new == 1).map(|e| (e.2, e.3)).collect();
    pairs.sort_unstable();
    // The longest run of pairs increasing in new order (patience sorting), as anchors.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; pairs.len()];
    for (k, &(_, j)) in pairs.iter().enumerate() {
        let at = tails.partition_point(|&t| pairs[t].1 < j);
        previous[k] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut anchors = Vec::with_capacity(tails.len());
    let mut next = tails.last().copied();
    while let Some(k) = next {
        anchors.push(pairs[k]);
        next = previous[k];
    }
    anchors.reverse();

    let mut ops: Vec<DiffOp> = Vec::new();
    let push = |ops: &mut Vec<DiffOp>, op: DiffOp| match (ops.last_mut(), op) {
        (Some(DiffOp::Equal { len, .. }), DiffOp::Equal { len: more, .. }) => *len += more,
        (_, DiffOp::Equal { len: 0, .. }) => {}
        _ => ops.push(op),
    };
    let (mut i, mut j) = (0, 0);
    for (anchor_old, anchor_new) in anchors.into_iter().chain([(old.len(), new.len())]) {
        for op in capture_diff_slices(Algorithm::Myers, &old[i..anchor_old], &new[j..anchor_new]) {
            let shifted = match op {
                DiffOp::Equal { old_index, new_index, len } => {
                    DiffOp::Equal { old_index: old_index + i, new_index: new_index + j, len }
                }
                DiffOp::Delete { old_index, old_len, new_index } => {
                    DiffOp::Delete { old_index: old_index + i, old_len, new_index: new_index + j }
                }
                DiffOp::Insert { old_index, new_index, new_len } => {
                    DiffOp::Insert { old_index: old_index + i, new_index: new_index + j, new_len }
                }
                DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                    DiffOp::Replace { old_index: old_index + i, old_len, new_index: new_index + j, new_len }
                }
            };
            push(&mut ops, shifted);
        }
        if anchor_old < old.len() {
            push(&mut ops, DiffOp::Equal { old_index: anchor_old, new_index: anchor_new, len: 1 });
        }
        (i, j) = (anchor_old + 1, anchor_new + 1);
    }
    ops
}

/// What became of a finding's fix in this run, for the end of its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixOutcome {
    /// The fix was applied (written, or shown in the diff).
    Applied,
    /// A fix exists but this run does not apply it (`--check`).
    Available,
    /// An unsafe fix exists and `--unsafe-fixes` was not given.
    HeldBack,
    /// There is no fix.
    None,
}

/// `PATH:LINE:COL: RULE: message`, the compiler-style line editors and CI understand.
pub fn finding_line(path: &str, file: &SourceFile, finding: &Finding, outcome: FixOutcome, color: bool) -> String {
    located_line(path, &LocatedFinding::new(file, finding, outcome), color)
}

/// [`finding_line`] for a finding already turned into positions.
pub fn located_line(path: &str, finding: &LocatedFinding, color: bool) -> String {
    let note = match (finding.outcome, finding.applicability, &finding.no_fix_reason) {
        (FixOutcome::Applied, ..) => " [fixed]".to_owned(),
        (FixOutcome::HeldBack, ..) => " [unsafe fix held back: use --unsafe-fixes]".to_owned(),
        (_, Some(applicability), _) => format!(" [fix available: {applicability}]"),
        (_, None, Some(reason)) => format!(" [not fixable: {reason}]"),
        (_, None, None) => String::new(),
    };
    let note = if finding.severity == "warning" { format!("{note} (warning)") } else { note };
    noted_line(path, finding, &note, color)
}

/// The dry run's line for a fix its diff shows: `PATH:LINE:COL: RULE: message [unsafe fix in the diff]`,
/// so a reviewer knows which rule made each hunk and how far to trust it.
pub fn shown_fix_line(path: &str, finding: &LocatedFinding, color: bool) -> String {
    let note = match finding.applicability {
        Some(tier) => format!(" [{tier} fix in the diff]"),
        None => " [removed by another fix in the diff]".to_owned(),
    };
    noted_line(path, finding, &note, color)
}

/// `PATH:LINE:COL: RULE: message` and a bracketed note, the shape of every finding line.
fn noted_line(path: &str, finding: &LocatedFinding, note: &str, color: bool) -> String {
    let start = finding.primary.start;
    let location = format!("{path}:{}:{}:", start.line, start.column);
    if color {
        format!("{} {}: {}{}", location.bold(), finding.rule.yellow(), finding.message, note.dimmed())
    } else {
        format!("{location} {}: {}{note}", finding.rule, finding.message)
    }
}

/// The dry run's closing note when its diff holds unsafe fixes that `--write` alone would not apply:
/// "1 unsafe fix shown; `--write` applies it only with `--unsafe-fixes`".
pub fn unsafe_shown_note(summary: &Summary, write_threshold: Applicability) -> Option<String> {
    let n = summary.unsafe_applied;
    if n == 0 || write_threshold <= Applicability::Unsafe {
        return None;
    }
    let (fixes, them) = if n == 1 { ("fix", "it") } else { ("fixes", "them") };
    Some(format!("note: {n} unsafe {fixes} shown; `--write` applies {them} only with `--unsafe-fixes`"))
}

/// The source lines of a finding's labels with carets under each span, as compilers print them:
///
/// ```text
///    |
///  4 |   res.json(data1);
///    |   ^^^^^^^^^^^^^^^ first response sent here
/// ```
pub fn code_frame(file: &SourceFile, finding: &Finding, color: bool) -> String {
    let (text, lines) = (file.text.as_str(), file.lines());
    let mut labels: Vec<(&Label, bool)> =
        std::iter::once((&finding.primary, true)).chain(finding.secondary.iter().map(|label| (label, false))).collect();
    labels.sort_by_key(|(label, _)| label.span.start);
    let last_line = labels.iter().map(|(label, _)| file.line_col(label.span.start).0).max().unwrap_or(1);
    let width = last_line.to_string().len();
    let gutter = |number: &str| format!("{number:>width$} |");
    let mut out = format!("{}\n", gutter(""));
    for (label, primary) in labels {
        let (line, col) = file.line_col(label.span.start);
        let source_line = &text[lines.line_range(text, line - 1)];
        let span_text = &text[label.span.start as usize..(label.span.end as usize).min(text.len())];
        let carets = span_text.lines().next().unwrap_or_default().chars().count().max(1);
        let pad: String = source_line.chars().take(col - 1).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
        let marker = format!("{} {}", if primary { "^" } else { "-" }.repeat(carets), label.message);
        let marker = match (color, primary) {
            (true, true) => marker.red().bold().to_string(),
            (true, false) => marker.blue().to_string(),
            (false, _) => marker,
        };
        let _ = writeln!(out, "{} {source_line}", gutter(&line.to_string()));
        let _ = writeln!(out, "{} {pad}{marker}", gutter(""));
    }
    out
}

/// `PATH: error: message`, for a file or path that could not be processed.
pub fn error_line(path: &str, message: &str, color: bool) -> String {
    if color {
        format!("{}: {}: {message}", path.bold(), "error".red().bold())
    } else {
        format!("{path}: error: {message}")
    }
}

/// Counts for the summary on stderr (and in the machine formats).
#[derive(Debug, Default, Clone)]
pub struct Summary {
    /// Files read.
    pub files: usize,
    /// Handlers checked: those that can have a finding (see `prefilter::Evidence`).
    pub handlers: usize,
    /// Findings reported.
    pub findings: usize,
    /// Findings whose fix was applied (or shown in the diff).
    pub fixed: usize,
    /// Findings with a fix this run did not apply.
    pub fixable: usize,
    /// Findings whose unsafe fix was held back (no `--unsafe-fixes`).
    pub held_back: usize,
    /// Findings whose unsafe fix was applied or shown in the diff (the dry run says so).
    pub unsafe_applied: usize,
    /// Findings of rules set to `warn` in `sendonce.json` (they do not fail the run).
    pub warnings: usize,
    /// Warnings whose fix was applied (they still make a dry run's diff).
    pub warnings_fixed: usize,
    /// Files and paths that failed.
    pub errors: usize,
    /// Findings per rule.
    pub per_rule: std::collections::BTreeMap<&'static str, usize>,
    /// Files found but not processed, per reason (`--shard`, `--include`/`--exclude`, ...).
    pub skipped: std::collections::BTreeMap<&'static str, usize>,
    /// Flow-typed files (`@flow`) that oxc cannot parse: skipped, and named once in the summary
    /// line so a run over a Flow code base is not mistaken for a run that checked everything.
    pub flow: usize,
}

/// The summary's reason for Flow-typed files (also in the table's "skipped").
pub const FLOW_SKIPPED: &str = "Flow-typed (`@flow`, not analysed)";

/// The summary as a short table, for people: what was read, found, fixed and skipped, and how fast.
pub fn summary_table(summary: &Summary, fixed_word: &str, elapsed: Duration) -> String {
    let mut out = String::from("sendonce summary\n");
    let skipped: Vec<String> = summary.skipped.iter().map(|(why, n)| format!("{n} {why}")).collect();
    let skipped = if skipped.is_empty() { String::new() } else { format!(", skipped {}", skipped.join(", ")) };
    let _ = writeln!(out, "  files      {} scanned{skipped}", summary.files);
    let _ = writeln!(out, "  handlers   {}", summary.handlers);
    let per_rule: Vec<String> = summary.per_rule.iter().map(|(rule, n)| format!("{rule} {n}")).collect();
    let per_rule = if per_rule.is_empty() { String::new() } else { format!(" ({})", per_rule.join(", ")) };
    let _ = writeln!(out, "  findings   {}{per_rule}", summary.findings);
    let mut fixes = Vec::new();
    if summary.fixed > 0 {
        fixes.push(format!("{} {fixed_word}", summary.fixed));
    }
    fixes.push(format!("{} fixable", summary.fixable));
    fixes.push(format!("{} unsafe held back", summary.held_back));
    let _ = writeln!(out, "  fixes      {}", fixes.join(", "));
    let _ = writeln!(out, "  errors     {}", summary.errors);
    let seconds = elapsed.as_secs_f64();
    let rate = if seconds > 0.0 { summary.files as f64 / seconds } else { 0.0 };
    let _ = writeln!(out, "  time       {seconds:.2}s ({rate:.0} files/s)");
    out
}

/// `sendonce: 12 files, 7 handlers, 3 findings (2 fixed, 1 not fixable), 0 errors in 0.05s`.
pub fn summary_line(summary: &Summary, fixed_word: &str, elapsed: Duration) -> String {
    let unfixable = summary.findings - summary.fixed - summary.fixable - summary.held_back;
    let mut parts = Vec::new();
    if summary.fixed > 0 {
        parts.push(format!("{} {fixed_word}", summary.fixed));
    }
    if summary.fixable > 0 {
        parts.push(format!("{} fixable", summary.fixable));
    }
    if summary.held_back > 0 {
        parts.push(format!("{} unsafe held back, see --unsafe-fixes", summary.held_back));
    }
    if unfixable > 0 {
        parts.push(format!("{unfixable} not fixable"));
    }
    let detail = if parts.is_empty() { String::new() } else { format!(" ({})", parts.join(", ")) };
    let flow = match summary.flow {
        0 => String::new(),
        1 => "; 1 Flow-typed file (`@flow`) skipped: sendonce does not parse Flow".to_owned(),
        n => format!("; {n} Flow-typed files (`@flow`) skipped: sendonce does not parse Flow"),
    };
    format!(
        "sendonce: {} {}, {} {}, {} {}{detail}, {} {} in {:.2}s{flow}",
        summary.files,
        plural(summary.files, "file", "files"),
        summary.handlers,
        plural(summary.handlers, "handler", "handlers"),
        summary.findings,
        plural(summary.findings, "finding", "findings"),
        summary.errors,
        plural(summary.errors, "error", "errors"),
        elapsed.as_secs_f64(),
    )
}

fn plural<'s>(n: usize, one: &'s str, many: &'s str) -> &'s str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_has_git_headers() {
        let diff = unified_diff("src/a.js", "a\nb\n", "a\nc\n", false);
        assert_eq!(diff, "--- a/src/a.js\n+++ b/src/a.js\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n");
    }

    /// Applies line operations to `old`, to check they turn it into `new`.
    fn apply_ops(old: &[&str], new: &[&str], ops: &[DiffOp]) -> Vec<String> {
        let mut out = Vec::new();
        for op in ops {
            match *op {
                DiffOp::Equal { old_index, len, .. } => {
                    out.extend(old[old_index..old_index + len].iter().map(|l| l.to_string()))
                }
                DiffOp::Delete { .. } => {}
                DiffOp::Insert { new_index, new_len, .. } | DiffOp::Replace { new_index, new_len, .. } => {
                    out.extend(new[new_index..new_index + new_len].iter().map(|l| l.to_string()))
                }
            }
        }
        out
    }

    #[test]
    fn anchored_diff_turns_old_into_new_and_keeps_unchanged_lines_equal() {
        let mut old = String::new();
        let mut new = String::new();
        for i in 0..3000 {
            old.push_str(&format!("function f{i}() {{\n  a();\n  b({i});\n}}\n\n"));
            if i % 3 == 0 {
                new.push_str(&format!("function f{i}() {{\n  try {{\n    b({i});\n  }} catch {{}}\n}}\n\n"));
            } else {
                new.push_str(&format!("function f{i}() {{\n  a();\n  b({i});\n}}\n\n"));
            }
        }
        let (old_lines, new_lines): (Vec<&str>, Vec<&str>) =
            (old.split_inclusive('\n').collect(), new.split_inclusive('\n').collect());
        let ops = anchored_line_ops(&old_lines, &new_lines);
        assert_eq!(apply_ops(&old_lines, &new_lines, &ops).concat(), new);
        let changed: usize = ops.iter().filter(|op| !matches!(op, DiffOp::Equal { .. })).count();
        assert_eq!(changed, 1000, "one change per rewritten function, no more");
        let diff = unified_diff("a.js", &old, &new, false);
        assert!(diff.starts_with("--- a/a.js\n+++ b/a.js\n@@ -1,"), "{}", &diff[..200]);
        assert_eq!(diff.matches("\n@@ ").count(), 1000, "one hunk per change");
    }

    #[test]
    fn summary_reads_naturally() {
        let summary = Summary { files: 1, handlers: 2, findings: 3, fixed: 2, ..Summary::default() };
        assert_eq!(
            summary_line(&summary, "fixed", Duration::from_millis(50)),
            "sendonce: 1 file, 2 handlers, 3 findings (2 fixed, 1 not fixable), 0 errors in 0.05s"
        );
    }
}

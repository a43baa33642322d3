//! Findings with line/column positions instead of byte spans, owned and independent of the source
//! text, so machine formats can be rendered after the file's text is gone.

use crate::diagnostic::{Finding, FixStatus, Label};
use crate::report::FixOutcome;

/// A 1-based line and column. `column` counts characters; `column_utf16` counts UTF-16 code
/// units, as SARIF and editors (LSP) expect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    /// 1-based column in UTF-16 code units.
    pub column_utf16: usize,
}

impl Position {
    /// The position of byte `offset` in `text`.
    pub fn of(text: &str, offset: u32) -> Self {
        let offset = (offset as usize).min(text.len());
        let line_start = memchr::memrchr(b'\n', &text.as_bytes()[..offset]).map_or(0, |i| i + 1);
        let line = memchr::memchr_iter(b'\n', &text.as_bytes()[..offset]).count() + 1;
        let before = &text[line_start..offset];
        Self { line, column: before.chars().count() + 1, column_utf16: before.encode_utf16().count() + 1 }
    }
}

/// A labelled range.
#[derive(Debug, Clone)]
pub struct Location {
    /// Where it starts.
    pub start: Position,
    /// Where it ends (exclusive).
    pub end: Position,
    /// What happens there.
    pub message: String,
}

/// One edit of a fix: replace the range with `text`.
#[derive(Debug, Clone)]
pub struct LocatedEdit {
    /// Start of the replaced range.
    pub start: Position,
    /// End of the replaced range (exclusive).
    pub end: Position,
    /// Byte offsets of the range, for tools that work on bytes.
    pub byte_range: (u32, u32),
    /// The new text.
    pub text: String,
}

/// A finding ready for any output format.
#[derive(Debug, Clone)]
pub struct LocatedFinding {
    /// The rule's name.
    pub rule: &'static str,
    /// One line saying what is wrong.
    pub message: String,
    /// The main place.
    pub primary: Location,
    /// Other places that explain it.
    pub secondary: Vec<Location>,
    /// `safe` or `unsafe` when a fix exists.
    pub applicability: Option<&'static str>,
    /// The fix's edits, when a fix exists.
    pub edits: Vec<LocatedEdit>,
    /// Why there is no fix, when there is none.
    pub no_fix_reason: Option<String>,
    /// What this run did with the fix.
    pub outcome: FixOutcome,
    /// `error`, or `warning` when the project's `sendonce.json` says so (warnings do not fail `--check`).
    pub severity: &'static str,
}

impl LocatedFinding {
    /// Converts `finding` found in `text`.
    pub fn new(text: &str, finding: &Finding, outcome: FixOutcome) -> Self {
        let locate = |label: &Label| Location {
            start: Position::of(text, label.span.start),
            end: Position::of(text, label.span.end),
            message: label.message.clone(),
        };
        let (applicability, edits, no_fix_reason) = match &finding.fix {
            FixStatus::Available(fix) => (
                Some(fix.applicability.as_str()),
                fix.edits
                    .iter()
                    .map(|edit| LocatedEdit {
                        start: Position::of(text, edit.span.start),
                        end: Position::of(text, edit.span.end),
                        byte_range: (edit.span.start, edit.span.end),
                        text: edit.text.clone(),
                    })
                    .collect(),
                None,
            ),
            FixStatus::Unavailable(reason) => (None, Vec::new(), Some(reason.clone())),
        };
        Self {
            rule: finding.rule,
            message: finding.message.clone(),
            primary: locate(&finding.primary),
            secondary: finding.secondary.iter().map(locate).collect(),
            applicability,
            edits,
            no_fix_reason,
            outcome,
            severity: "error",
        }
    }
}

/// Everything a machine format needs about one file.
#[derive(Debug, Clone, Default)]
pub struct FileFindings {
    /// The file's path as shown to the user.
    pub path: String,
    /// Its findings, in source order.
    pub findings: Vec<LocatedFinding>,
    /// Why the file could not be processed, if it could not.
    pub error: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "a😀b\nxy";
        let b = text.find('b').unwrap() as u32;
        assert_eq!(Position::of(text, b), Position { line: 1, column: 3, column_utf16: 4 });
        assert_eq!(Position::of(text, text.len() as u32), Position { line: 2, column: 3, column_utf16: 3 });
    }
}

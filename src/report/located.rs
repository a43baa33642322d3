//! Findings with line/column positions instead of byte spans, owned and independent of the source
//! text, so machine formats can be rendered after the file's text is gone.

use crate::diagnostic::{Finding, FixStatus, Label};
use crate::report::FixOutcome;
use crate::source::SourceFile;

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
    /// The position of byte `offset` in `file`'s text: a binary search in its line index, so a
    /// file with thousands of findings is not scanned once per finding.
    pub fn of(file: &SourceFile, offset: u32) -> Self {
        let text = file.text.as_str();
        let offset = (offset as usize).min(text.len());
        let lines = file.lines();
        let line = lines.line_of(offset as u32);
        let before = &text[lines.line_start(offset as u32) as usize..offset];
        if lines.is_ascii_line(line) {
            return Self { line: line + 1, column: before.len() + 1, column_utf16: before.len() + 1 };
        }
        Self { line: line + 1, column: before.chars().count() + 1, column_utf16: before.encode_utf16().count() + 1 }
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
    /// Converts `finding` found in `file`.
    pub fn new(file: &SourceFile, finding: &Finding, outcome: FixOutcome) -> Self {
        let locate = |label: &Label| Location {
            start: Position::of(file, label.span.start),
            end: Position::of(file, label.span.end),
            message: label.message.clone(),
        };
        let (applicability, edits, no_fix_reason) = match &finding.fix {
            FixStatus::Available(fix) => (
                Some(fix.applicability.as_str()),
                fix.edits
                    .iter()
                    .map(|edit| LocatedEdit {
                        start: Position::of(file, edit.span.start),
                        end: Position::of(file, edit.span.end),
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
        let file = SourceFile::from_bytes(std::path::Path::new("a.js"), text.as_bytes().to_vec()).unwrap();
        let b = text.find('b').unwrap() as u32;
        assert_eq!(Position::of(&file, b), Position { line: 1, column: 3, column_utf16: 4 });
        assert_eq!(Position::of(&file, text.len() as u32), Position { line: 2, column: 3, column_utf16: 3 });
        assert_eq!(Position::of(&file, 1), Position { line: 1, column: 2, column_utf16: 2 });
    }
}

//! `--format json`: one JSON document with every file that has findings or an error (with each
//! finding and fix), and the summary, which counts every file scanned. Clean files are left out:
//! listing them made the document grow with the tree, not with what there is to read.
//! No timestamps or durations, so the same input gives byte-identical output.

use serde_json::{json, Value};

use super::located::{FileFindings, LocatedFinding, Location, Position};
use super::{FixOutcome, Summary};

/// The whole run as one JSON document (pretty-printed, newline-terminated). `files` holds only
/// files with findings or an error; any other file in it is left out.
pub fn render(files: &[FileFindings], summary: &Summary) -> String {
    let document = json!({
        "tool": { "name": "sendonce", "version": env!("CARGO_PKG_VERSION") },
        "files": files.iter().filter(|f| !f.findings.is_empty() || f.error.is_some()).map(file).collect::<Vec<_>>(),
        "summary": {
            "files": summary.files,
            "handlers": summary.handlers,
            "findings": summary.findings,
            "fixed": summary.fixed,
            "fixable": summary.fixable,
            "unsafe_held_back": summary.held_back,
            "errors": summary.errors,
            "flow_skipped": summary.flow,
        },
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

fn file(file: &FileFindings) -> Value {
    json!({
        "path": file.path,
        "error": file.error,
        "findings": file.findings.iter().map(finding).collect::<Vec<_>>(),
    })
}

fn finding(finding: &LocatedFinding) -> Value {
    let fix = finding.applicability.map(|applicability| {
        json!({
            "applicability": applicability,
            "applied": finding.outcome == FixOutcome::Applied,
            "edits": finding.edits.iter().map(|edit| json!({
                "start": position(&edit.start),
                "end": position(&edit.end),
                "byte_range": [edit.byte_range.0, edit.byte_range.1],
                "text": edit.text,
            })).collect::<Vec<_>>(),
        })
    });
    json!({
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        "primary": location(&finding.primary),
        "labels": finding.secondary.iter().map(location).collect::<Vec<_>>(),
        "fix": fix,
        "no_fix_reason": finding.no_fix_reason,
    })
}

fn location(location: &Location) -> Value {
    json!({ "start": position(&location.start), "end": position(&location.end), "message": location.message })
}

fn position(position: &Position) -> Value {
    json!({ "line": position.line, "column": position.column })
}

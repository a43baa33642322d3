//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning accepts it. Rules carry their docs,
//! results their locations and related locations, and fixes become `fixes[].artifactChanges`.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{json, Value};

use super::located::{FileFindings, LocatedFinding, Position};
use crate::rules::{explain, RULES};
use crate::suppress::UNUSED_RULE;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The whole run as one SARIF log (pretty-printed, newline-terminated).
pub fn render(files: &[FileFindings]) -> String {
    let mut rules: Vec<Value> = RULES
        .iter()
        .map(|meta| {
            json!({
                "id": meta.name,
                "name": meta.name,
                "shortDescription": { "text": meta.summary },
                "fullDescription": { "text": meta.summary },
                "help": { "text": explain(meta), "markdown": explain(meta) },
                "defaultConfiguration": { "level": "error" },
                "properties": { "fix": meta.fix.as_str() },
            })
        })
        .collect();
    rules.push(json!({
        "id": UNUSED_RULE,
        "name": UNUSED_RULE,
        "shortDescription": { "text": "a sendonce-ignore-next-line comment that silences nothing" },
        "defaultConfiguration": { "level": "warning" },
    }));
    let rule_index = |name: &str| RULES.iter().position(|meta| meta.name == name).unwrap_or(RULES.len());
    let results: Vec<Value> = files
        .iter()
        .flat_map(|file| file.findings.iter().map(move |finding| (file, finding)))
        .map(|(file, finding)| result(&file.path, finding, rule_index(finding.rule)))
        .collect();
    let notifications: Vec<Value> = files
        .iter()
        .filter_map(|file| {
            file.error.as_ref().map(|error| {
                json!({
                    "level": "error",
                    "message": { "text": error },
                    "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&file.path) } } }],
                })
            })
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "sendonce",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            } },
            "columnKind": "utf16CodeUnits",
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

fn result(path: &str, finding: &LocatedFinding, rule_index: usize) -> Value {
    let level = if finding.rule == UNUSED_RULE || finding.severity == "warning" { "warning" } else { "error" };
    let mut result = json!({
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": level,
        "message": { "text": finding.message },
        "locations": [physical(path, &finding.primary.start, &finding.primary.end)],
        "relatedLocations": finding.secondary.iter().enumerate().map(|(id, label)| {
            let mut location = physical(path, &label.start, &label.end);
            location["id"] = json!(id);
            location["message"] = json!({ "text": label.message });
            location
        }).collect::<Vec<_>>(),
    });
    if let Some(applicability) = finding.applicability {
        result["fixes"] = json!([{
            "description": { "text": format!("{} fix for {}", applicability, finding.rule) },
            "artifactChanges": [{
                "artifactLocation": { "uri": uri(path) },
                "replacements": finding.edits.iter().map(|edit| json!({
                    "deletedRegion": region(&edit.start, &edit.end),
                    "insertedContent": { "text": edit.text },
                })).collect::<Vec<_>>(),
            }],
        }]);
    }
    result
}

fn physical(path: &str, start: &Position, end: &Position) -> Value {
    json!({ "physicalLocation": { "artifactLocation": { "uri": uri(path) }, "region": region(start, end) } })
}

fn region(start: &Position, end: &Position) -> Value {
    json!({
        "startLine": start.line,
        "startColumn": start.column_utf16,
        "endLine": end.line,
        "endColumn": end.column_utf16,
    })
}

/// What [`uri`] keeps as it is: RFC 3986's unreserved characters and the `/` between segments.
/// Everything else (`#`, `?`, `%`, space, `:`, a backslash, non-ASCII bytes) is percent-encoded,
/// so no file name can end the path early or read as a scheme.
const URI_PATH: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'/');

/// A shown path as a URI: a relative reference for a relative path (resolved against the folder
/// sendonce ran in, as code scanning expects), a `file://` URI for an absolute one; each byte of
/// the UTF-8 name outside [`URI_PATH`] percent-encoded (RFC 3986).
fn uri(path: &str) -> String {
    let encoded = utf8_percent_encode(path, URI_PATH).to_string();
    if path.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    }
}

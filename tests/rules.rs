//! Rule fixtures: every file under `testdata/rules/<rule>/{fix,pass,report}/` is run through
//! the library, and its findings and fix diff are snapshotted in `snapshots/`.
//!
//! - `pass/`: correct code; must produce no finding and no change.
//! - `fix/`: buggy code the rule fixes; every finding is fixed, the output parses,
//!   and a second run over the output finds nothing (idempotent).
//! - `report/`: buggy code the rule reports but must not rewrite.

use std::fs;
use std::path::{Path, PathBuf};

use sendonce::analysis::{analyze, analyze_and_fix};
use sendonce::diagnostic::Applicability;
use sendonce::report::{finding_line, unified_diff, FixOutcome};
use sendonce::rules::{FixTier, RULES};
use sendonce::source::SourceFile;

/// The fixture files of one kind; `minimum` cases are required.
fn fixtures(rule: &str, kind: &str, minimum: usize) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/rules").join(rule).join(kind);
    let mut files: Vec<PathBuf> = match fs::read_dir(&dir) {
        Ok(entries) => entries.map(|entry| entry.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    assert!(files.len() >= minimum, "{rule}/{kind} needs at least {minimum} cases, has {}", files.len());
    files
}

fn load(path: &Path) -> SourceFile {
    SourceFile::from_bytes(path, fs::read(path).unwrap()).unwrap()
}

/// The snapshot text: one `--check`-style line per finding, then the diff of the fix.
/// Counts are of the findings of `rule` only; other rules' findings are shown in the snapshot too.
fn render(rule: &str, name: &str, file: &SourceFile) -> (String, usize, usize, Option<String>) {
    let meta = RULES.iter().find(|meta| meta.name == rule).expect("registered rule");
    let threshold = if meta.fix == FixTier::Unsafe { Applicability::Unsafe } else { Applicability::Safe };
    let fixed = analyze_and_fix(file, threshold).unwrap();
    let mut out = String::new();
    for (finding, &applied) in fixed.analysis.findings.iter().zip(&fixed.applied) {
        let outcome = if applied { FixOutcome::Applied } else { FixOutcome::None };
        out.push_str(&finding_line(name, file, finding, outcome, false));
        out.push('\n');
        for label in &finding.secondary {
            let (line, col) = file.line_col(label.span.start);
            out.push_str(&format!("  {name}:{line}:{col}: {}\n", label.message));
        }
    }
    if let Some(new_text) = &fixed.fixed_text {
        out.push('\n');
        out.push_str(&unified_diff(name, &file.text, new_text, false));
    }
    let of_rule = |f: &&sendonce::diagnostic::Finding| f.rule == rule;
    let findings = fixed.analysis.findings.iter().filter(of_rule).count();
    // Findings whose own fix ran (a finding another fix removed counts as applied in `fixed.applied`).
    let applied = fixed
        .analysis
        .findings
        .iter()
        .zip(&fixed.applied)
        .filter(|(f, a)| f.rule == rule && **a && f.fix().is_some())
        .count();
    (out, findings, applied, fixed.fixed_text)
}

fn snapshot(rule: &str, kind: &str, path: &Path, content: &str) {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_input_file(path);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(format!("{rule}__{kind}__{name}"), content));
}

fn run_rule(rule: &str) {
    let meta = RULES.iter().find(|meta| meta.name == rule).unwrap_or_else(|| panic!("{rule} is not registered"));
    let (fix_minimum, report_minimum) = if meta.fix == FixTier::None { (0, 6) } else { (6, 0) };
    for path in fixtures(rule, "pass", 6) {
        let file = load(&path);
        let analysis = analyze(&file.text, file.source_type).unwrap();
        let found: Vec<_> = analysis.findings.iter().map(|f| format!("{}: {}", f.rule, f.message)).collect();
        assert!(found.is_empty(), "{}: a pass case produced findings: {found:?}", path.display());
        assert!(analysis.handlers > 0 || path.ends_with("not-a-handler.js"), "{}: no handler found", path.display());
    }
    for path in fixtures(rule, "fix", fix_minimum) {
        let file = load(&path);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let (content, findings, applied, fixed) = render(rule, &name, &file);
        assert!(findings > 0, "{}: a fix case produced no finding", path.display());
        assert_eq!(findings, applied, "{}: not every finding was fixed:\n{content}", path.display());
        let fixed = fixed.expect("a fix case must change the file");
        let again =
            analyze(&fixed, file.source_type).unwrap_or_else(|e| panic!("{}: fixed output: {e}", path.display()));
        let left: Vec<_> = again.findings.iter().filter(|f| f.rule == rule).map(|f| &f.message).collect();
        assert!(left.is_empty(), "{}: second run still finds {left:?}", path.display());
        snapshot(rule, "fix", &path, &content);
    }
    for path in fixtures(rule, "report", report_minimum) {
        let file = load(&path);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let (content, findings, applied, _) = render(rule, &name, &file);
        assert!(findings > 0, "{}: a report case produced no finding:\n{content}", path.display());
        assert_eq!(applied, 0, "{}: a report case was rewritten", path.display());
        snapshot(rule, "report", &path, &content);
    }
}

#[test]
fn multiple_sends() {
    run_rule("multiple-sends");
}

#[test]
fn missing_return() {
    run_rule("missing-return");
}

#[test]
fn send_in_loop() {
    run_rule("send-in-loop");
}

#[test]
fn send_then_throw() {
    run_rule("send-then-throw");
}

#[test]
fn send_in_callback() {
    run_rule("send-in-callback");
}

#[test]
fn no_response() {
    run_rule("no-response");
}

#[test]
fn every_rule_has_a_test() {
    let source = include_str!("rules.rs");
    for meta in RULES {
        let call = format!("run_rule(\"{}\")", meta.name);
        assert!(source.contains(&call), "{} has no fixture test", meta.name);
    }
}

/// A `send-then-throw` finding caused by the same second send as a `multiple-sends` finding is gone
/// once the sends are merged: the run counts it as fixed (so `--write --unsafe-fixes` exits 0),
/// although its own fix (there is none: the catch logs nothing) did not run.
#[test]
fn a_finding_another_fix_removed_counts_as_fixed() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/rules/multiple-sends/fix/existing-try.js");
    let fixed = analyze_and_fix(&load(&path), Applicability::Unsafe).unwrap();
    let rules: Vec<&str> = fixed.analysis.findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["multiple-sends", "send-then-throw"]);
    assert!(fixed.analysis.findings[1].fix().is_none(), "{:?}", fixed.analysis.findings[1].fix);
    assert_eq!(fixed.applied, [true, true]);
    let again = analyze(fixed.fixed_text.as_deref().unwrap(), load(&path).source_type).unwrap();
    assert!(again.findings.is_empty(), "{:?}", again.findings);
}

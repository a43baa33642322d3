//! One-line cases: `testdata/rules/<rule>/cases.txt` holds cheap `pass:` and `fail:` lines beside
//! the rule's realistic fixtures, one idiom each, so a reviewer sees at a glance what a rule does
//! and does not report.
//!
//! - `pass: <code>`: no finding of that rule.
//! - `fail: <code>`: at least one finding of that rule.
//!
//! Each line is a whole file (a TypeScript module, so `export default` and type annotations work).
//! Lines starting with `#` and blank lines are comments.

use std::fs;
use std::path::Path;

use oxc_span::SourceType;
use sendonce::analysis::analyze;
use sendonce::rules::RULES;

#[derive(Debug)]
struct Case {
    line: usize,
    expect_finding: bool,
    code: String,
}

fn cases(rule: &str) -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/rules").join(rule).join("cases.txt");
    let text = fs::read_to_string(&path).unwrap_or_default();
    text.lines()
        .enumerate()
        .filter_map(|(index, line)| {
            let (expect_finding, code) = if let Some(code) = line.strip_prefix("fail: ") {
                (true, code)
            } else if let Some(code) = line.strip_prefix("pass: ") {
                (false, code)
            } else {
                assert!(
                    line.trim().is_empty() || line.starts_with('#'),
                    "{rule}/cases.txt:{}: a case starts with `pass: ` or `fail: `",
                    index + 1
                );
                return None;
            };
            Some(Case { line: index + 1, expect_finding, code: code.to_owned() })
        })
        .collect()
}

#[test]
fn every_rule_has_passing_and_failing_one_line_cases() {
    let mut wrong = Vec::new();
    for meta in RULES {
        let cases = cases(meta.name);
        assert!(cases.iter().any(|c| c.expect_finding), "{}: no `fail:` case", meta.name);
        assert!(cases.iter().any(|c| !c.expect_finding), "{}: no `pass:` case", meta.name);
        for case in cases {
            let analysis = analyze(&case.code, SourceType::ts())
                .unwrap_or_else(|error| panic!("{}/cases.txt:{}: {error}", meta.name, case.line));
            let found: Vec<&str> =
                analysis.findings.iter().filter(|f| f.rule == meta.name).map(|f| f.message.as_str()).collect();
            if found.is_empty() == case.expect_finding {
                wrong.push(format!(
                    "{}/cases.txt:{}: expected {}, got {:?}\n    {}",
                    meta.name,
                    case.line,
                    if case.expect_finding { "a finding" } else { "none" },
                    found,
                    case.code
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{} case(s) wrong:\n{}", wrong.len(), wrong.join("\n"));
}

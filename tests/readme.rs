//! The README's "Rules" section is generated from the rules' own docs (`--explain` prints the same
//! text), so the two can never drift. Run with `UPDATE_README=1` to regenerate it. The tests its
//! "Safety" section names as proof must exist.

use std::fs;
use std::path::Path;

use sendonce::rules::rules_markdown;

const START: &str =
    "<!-- rules:start (generated from src/rules/*.rs by `UPDATE_README=1 cargo test --test readme`) -->\n";
const END: &str = "<!-- rules:end -->";

#[test]
fn readme_rules_section_matches_the_rule_docs() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = fs::read_to_string(&path).unwrap();
    let start = readme.find(START).expect("README has the rules:start marker") + START.len();
    let end = readme.find(END).expect("README has the rules:end marker");
    let expected = rules_markdown();
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{}{}", &readme[..start], expected, &readme[end..]);
        fs::write(&path, updated).unwrap();
        return;
    }
    assert_eq!(
        &readme[start..end],
        expected,
        "README rules section is stale: run UPDATE_README=1 cargo test --test readme"
    );
}

/// Every `tests/FILE.rs::NAME` the README cites (the Safety section maps each promise to the tests
/// that prove it) names a test function that exists, so a renamed test cannot leave a dead citation.
#[test]
fn readme_cites_only_tests_that_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    let mut cited = 0;
    for (at, _) in readme.match_indices("tests/") {
        let rest = &readme[at..];
        let Some((file, after)) = rest.split_once(".rs::") else { continue };
        if file.contains(|c: char| c.is_whitespace() || c == '`') {
            continue;
        }
        let name: String = after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        let source = fs::read_to_string(root.join(format!("{file}.rs")))
            .unwrap_or_else(|e| panic!("the README cites {file}.rs, which cannot be read: {e}"));
        assert!(source.contains(&format!("fn {name}(")), "the README cites {file}.rs::{name}, which does not exist");
        cited += 1;
    }
    assert!(cited >= 20, "the Safety section cites its tests (found {cited})");
}

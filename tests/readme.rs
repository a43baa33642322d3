//! The README's "Rules" section is generated from the rules' own docs (`--explain` prints the same
//! text), so the two can never drift. Run with `UPDATE_README=1` to regenerate it.

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

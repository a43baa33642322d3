//! The README's "Rules" section is generated from the rules' own docs (`--explain` prints the same
//! text), so the two can never drift. Run with `UPDATE_README=1` to regenerate it. The tests its
//! "Safety" section names as proof must exist.

use std::fs;
use std::path::Path;

mod common;

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

fn readme() -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

/// The section under `## heading`, up to the next `## `.
fn section<'r>(readme: &'r str, heading: &str) -> &'r str {
    let start = readme.find(&format!("\n## {heading}\n")).unwrap_or_else(|| panic!("README has `## {heading}`")) + 1;
    let rest = &readme[start..];
    &rest[..rest[3..].find("\n## ").map_or(rest.len(), |end| end + 3)]
}

/// "The bug" quotes what Node and Next.js really print, not the seed's paraphrase.
#[test]
fn the_bug_section_quotes_the_real_error_texts() {
    let readme = readme();
    let bug = section(&readme, "The bug");
    assert!(
        bug.contains("Error [ERR_HTTP_HEADERS_SENT]: Cannot set headers after they are sent to the client"),
        "{bug}"
    );
    assert!(bug.contains("API resolved without sending a response for /api/data"), "{bug}");
    assert!(!readme.contains("throws `Error: Next Response already sent`"), "Next.js prints no such error");
}

/// Install says plainly what is not published yet, leads with what works, and explains `OWNER`
/// before any snippet uses it (or the line points to the explanation).
#[test]
fn install_leads_with_cargo_and_explains_what_is_not_published() {
    let readme = readme();
    let install = section(&readme, "Install and integrate");
    assert!(install.contains("not on the npm registry"), "{install}");
    let first_heading = install.lines().find(|l| l.starts_with("### ")).unwrap();
    assert!(first_heading.starts_with("### cargo"), "Install leads with cargo, not {first_heading:?}");
    let explained = readme.find("`OWNER` stands for").expect("the README explains OWNER");
    for (at, _) in readme.match_indices("OWNER") {
        let line_start = readme[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = readme[line_start..].lines().next().unwrap_or_default();
        assert!(at >= explained || line.contains("OWNER: see Install"), "OWNER before it is explained: {line}");
    }
}

/// `scripts/test.sh` checks the benchmarks in the test profile (reusing the tests' build), and
/// never with `cargo bench`, which compiled oxc once more in the bench profile.
#[test]
fn test_script_runs_the_benches_on_the_test_build() {
    let script = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/test.sh")).unwrap();
    let commands: Vec<&str> = script.lines().map(str::trim).filter(|l| !l.starts_with('#')).collect();
    assert!(commands.iter().any(|l| l.starts_with("cargo test --locked --benches")), "{script}");
    assert!(!commands.iter().any(|l| l.contains("cargo bench")), "{script}");
}

/// The shell lines of the README's Usage examples (the first `sh` block after `Examples:`),
/// without their trailing comments.
fn usage_examples(readme: &str) -> Vec<String> {
    let usage = &readme[readme.find("## Usage").expect("README has a Usage section")..];
    let examples = &usage[usage.find("Examples:").expect("Usage has examples")..];
    let block = &examples[examples.find("```sh\n").expect("the examples are a sh block") + 6..];
    let block = &block[..block.find("```").expect("the sh block ends")];
    block
        .lines()
        .map(|line| line.split(" #").next().unwrap_or(line).trim().to_owned())
        .filter(|line| !line.is_empty())
        .collect()
}

/// A scratch repository: the example project, plus `apps/api` (a safe `missing-return` fix) that
/// the `--write apps/api` example names, committed so `--write` may write.
fn scratch_repository() -> tempfile::TempDir {
    let dir = common::example_copy();
    let api = dir.path().join("apps/api");
    fs::create_dir_all(&api).unwrap();
    let guard = "export default async function handler(req, res) {\n  const user = await getUser(req.query.id);\n  if (!user) {\n    res.status(404).json({ error: 'Not found' });\n  }\n  res.json(user);\n}\n";
    fs::write(api.join("user.js"), guard).unwrap();
    common::git_init_commit(dir.path());
    dir
}

/// Every shell example of the Usage section works as written in a scratch repository: nothing
/// fails with an error, `sendonce > fix.patch && git apply fix.patch` reaches `git apply` and gives
/// what `--write --unsafe-fixes` writes, `--check` fails on findings (for CI), and
/// `--write apps/api` applies the safe fix there.
#[test]
fn usage_examples_work_as_written() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let examples = usage_examples(&readme);
    assert!(examples.iter().any(|l| l == "sendonce > fix.patch && git apply fix.patch"), "{examples:?}");
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_sendonce")).parent().unwrap().to_owned();
    let path = std::env::join_paths(
        std::iter::once(bin_dir).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    for line in &examples {
        let dir = scratch_repository();
        let out = std::process::Command::new("bash")
            .args(["-c", line])
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        let code = out.status.code();
        let shown = format!(
            "README: {line} exited {code:?}\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(matches!(code, Some(0 | 1)), "{shown}");
        match line.as_str() {
            "sendonce > fix.patch && git apply fix.patch" => {
                assert_eq!(code, Some(0), "{shown}");
                let written = scratch_repository();
                let w = common::run(written.path(), &["--write", "--unsafe-fixes"]);
                assert_eq!(w.code, 0, "{w:?}");
                let mut patched = common::snapshot(dir.path());
                assert!(patched.remove("fix.patch").is_some(), "{shown}");
                common::assert_same_tree(&patched, &common::snapshot(written.path()), "git apply vs --write");
            }
            "sendonce --check" => assert_eq!(code, Some(1), "CI fails on findings: {shown}"),
            l if l.starts_with("sendonce --write apps/api") => {
                assert_eq!(code, Some(0), "{shown}");
                let fixed = fs::read_to_string(dir.path().join("apps/api/user.js")).unwrap();
                assert!(fixed.contains("res.status(404).json({ error: 'Not found' });\n    return;\n"), "{fixed}");
            }
            _ => {}
        }
    }
}

/// The diff and the stderr lines "What sendonce changes" shows are what the dry run prints for the
/// example's `pages/api/data.js` today.
#[test]
fn what_sendonce_changes_shows_the_real_dry_run() {
    let readme = readme();
    let section = section(&readme, "What sendonce changes, and why");
    let dir = common::example_copy();
    let r = common::run(dir.path(), &["pages/api/data.js"]);
    assert_eq!(r.code, 0, "{r:?}");
    let shown = &section[section.find("```diff\n").expect("a diff block") + 8..];
    let shown = &shown[..shown.find("```").expect("the diff block ends")];
    assert!(r.stdout.starts_with(shown), "README diff:\n{shown}\nactual:\n{}", r.stdout);
    for line in r.stderr.lines().filter(|l| !l.starts_with("sendonce: ")) {
        assert!(section.contains(line), "README lacks the stderr line {line:?}");
    }
}

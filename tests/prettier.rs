//! Fixed files stay clean under Prettier: every fix fixture, every behaviour fixture and a sample
//! of generated handlers is first formatted with the real `prettier` from npm (default options),
//! then fixed by sendonce (unsafe fixes too), and `prettier --check` must accept the fixed file.
//! A project whose code is formatted gets fixes it can merge without a formatting commit.
//!
//! `scripts/test.sh` installs Prettier 3 into `target/npm-tools` (`SENDONCE_PRETTIER` names
//! another binary). Without it the test is skipped with a message, unless `SENDONCE_REQUIRE_NPM`
//! is set, as the test script does.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use sendonce::analysis::analyze_and_fix;
use sendonce::diagnostic::Applicability;
use sendonce::source::SourceFile;
use tempfile::TempDir;

fn prettier() -> Option<PathBuf> {
    let path = std::env::var_os("SENDONCE_PRETTIER")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/npm-tools/node_modules/.bin/prettier"));
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var_os("SENDONCE_REQUIRE_NPM").is_none(),
        "SENDONCE_REQUIRE_NPM is set but Prettier is not in target/npm-tools (scripts/test.sh installs it)"
    );
    eprintln!("SKIPPED: Prettier is not installed (`./scripts/test.sh` installs it into target/npm-tools)");
    None
}

/// The inputs: every fixture with a fix, and generated handler files.
fn inputs() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut folders: Vec<PathBuf> = Vec::new();
    for rule in fs::read_dir(root.join("rules")).unwrap() {
        folders.push(rule.unwrap().path().join("fix"));
    }
    for kind in ["missing-return", "multiple-sends", "send-then-throw"] {
        folders.push(root.join("behaviour").join(kind));
    }
    folders.push(root.join("example/pages/api"));
    folders.push(root.join("example/server/routes"));
    let mut files = Vec::new();
    for folder in folders.iter().filter(|f| f.is_dir()) {
        for entry in fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.strip_prefix(&root).unwrap().to_string_lossy().replace(['/', '\\'], "__");
            files.push((name, fs::read(&path).unwrap()));
        }
    }
    for (i, case) in common::sample(common::handler_file(), 48, 11).iter().enumerate() {
        files.push((format!("generated{i:02}.{}", case.extension()), case.bytes()));
    }
    files.extend(moved_statements());
    files.sort();
    files
}

/// Handlers whose first awaited statement is 76 to 80 columns wide, in the shapes Prettier breaks
/// differently (a hugged object or array, every argument on its own line, a member callee), so
/// the `multiple-sends` rewrite moves it into its `try` where it no longer fits.
fn moved_statements() -> Vec<(String, Vec<u8>)> {
    let shapes: &[(&str, &str, &str)] = &[
        ("hug", "const record = await createRecord({ title: req.body.title, owner: \"", "\" });"),
        ("hug-second", "const record = await createRecord(req.query.id, { ok: true, title: \"", "\" });"),
        ("arguments", "const record = await createRecord(req.query.identifier, \"", "\");"),
        ("member", "const record = await prisma.record.create({ data: { title: \"", "\" } });"),
        ("array", "const record = await saveAll([req.body.first, req.body.second, \"", "\"]);"),
        ("string", "const record = await sendMessage(\"", "\");"),
    ];
    let mut files = Vec::new();
    for (name, before, after) in shapes {
        for width in 76..=80usize {
            let Some(pad) = width.checked_sub(2 + before.len() + after.len()) else { continue };
            let statement = format!("{before}{}{after}", "x".repeat(pad));
            let text = format!("export default async function handler(req, res) {{\n  {statement}\n  res.json(record);\n  const other = await loadOther();\n  res.json(other);\n}}\n");
            files.push((format!("moved-{name}-{width}.js"), text.into_bytes()));
        }
    }
    files
}

fn run_prettier(prettier: &Path, args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(prettier)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", prettier.display()))
}

/// Fixed files Prettier still reformats, each with the reason (none at present). The
/// `multiple-sends` rewrite moves the awaited statements one level deeper, into the new `try`: a
/// statement that no longer fits there is broken as Prettier breaks a call (see
/// `generate::break_call_statement`), and other shapes are copied as written.
const KNOWN: &[(&str, &str)] = &[];

#[test]
fn fixes_of_prettier_clean_files_stay_prettier_clean() {
    let Some(prettier) = prettier() else { return };
    let (formatted, fixed) = (TempDir::new().unwrap(), TempDir::new().unwrap());
    // A project folder of its own, so no `.prettierrc` or `.editorconfig` above it applies.
    let inputs = inputs();
    for (name, bytes) in &inputs {
        fs::write(formatted.path().join(name), bytes).unwrap();
    }
    let out = run_prettier(&prettier, &["--write", "--log-level", "warn", "."], formatted.path());
    assert!(out.status.success(), "prettier --write failed:\n{}", String::from_utf8_lossy(&out.stderr));

    let mut checked = Vec::new();
    for (name, _) in &inputs {
        let path = formatted.path().join(name);
        let file = SourceFile::from_bytes(&path, fs::read(&path).unwrap()).unwrap();
        let result = analyze_and_fix(&file, Applicability::Unsafe).unwrap();
        if let Some(text) = result.fixed_text {
            fs::write(fixed.path().join(name), file.with_bom(&text)).unwrap();
            checked.push(name.clone());
        }
    }
    assert!(checked.len() >= 40, "most inputs have a fix (got {}: {checked:?})", checked.len());

    let different = list_different(&prettier, fixed.path());
    for (name, reason) in KNOWN {
        assert!(different.contains(&name.to_string()), "{name} is Prettier-clean now: drop it from KNOWN");
        eprintln!("known: {name}: {reason}");
    }
    let different: Vec<String> = different.into_iter().filter(|d| KNOWN.iter().all(|(k, _)| k != d)).collect();
    assert!(
        different.is_empty(),
        "{} of {} fixed files are not Prettier-clean:\n{}",
        different.len(),
        checked.len(),
        prettier_diffs(&prettier, fixed.path(), &different)
    );
}

/// The files under `dir` that `prettier --list-different` names (run in `dir`, so the
/// configuration files there apply), as paths from `dir`.
fn list_different(prettier: &Path, dir: &Path) -> Vec<String> {
    let out = run_prettier(prettier, &["--list-different", "."], dir);
    String::from_utf8_lossy(&out.stdout).lines().map(|l| l.trim_start_matches("./").to_owned()).collect()
}

/// What Prettier would change in each of `names` (under `dir`), as unified diffs.
fn prettier_diffs(prettier: &Path, dir: &Path, names: &[String]) -> String {
    let mut report = String::new();
    for name in names {
        let ours = fs::read_to_string(dir.join(name)).unwrap();
        let theirs = run_prettier(prettier, &[name.as_str()], dir);
        let theirs = String::from_utf8_lossy(&theirs.stdout);
        let diff = similar::TextDiff::from_lines(ours.as_str(), theirs.as_ref())
            .unified_diff()
            .header("sendonce", "prettier")
            .to_string();
        report.push_str(&format!("--- {name} ---\n{diff}\n"));
    }
    report
}

/// Projects whose Prettier settings are not the defaults: one per way of setting the width.
const PROJECTS: &[(&str, &[(&str, &str)])] = &[
    ("wide", &[(".prettierrc", "printWidth: 120\n")]),
    ("package", &[("package.json", "{ \"name\": \"app\", \"prettier\": { \"printWidth\": 100 } }\n")]),
    ("narrow", &[(".editorconfig", "root = true\n\n[*]\nmax_line_length = 70\n")]),
];

/// The same inputs in projects that wrap at 120 (`.prettierrc`), 100 (`package.json`) and 60
/// (`.editorconfig`): each is formatted by Prettier under the project's settings, fixed by the
/// `sendonce` binary run in the project (which finds the settings itself), and must stay clean
/// under them. The same inputs fixed for 80 columns must not all be clean, or the test would
/// not show that the width was read.
#[test]
fn fixes_fit_the_projects_own_prettier_width() {
    let Some(prettier) = prettier() else { return };
    let inputs = inputs();
    let root = TempDir::new().unwrap();
    let mut failures = String::new();
    for (project, files) in PROJECTS {
        let dir = root.path().join(project);
        fs::create_dir_all(dir.join("src")).unwrap();
        fs::create_dir_all(dir.join("at80")).unwrap();
        for (name, text) in *files {
            fs::write(dir.join(name), text).unwrap();
        }
        for (name, bytes) in &inputs {
            fs::write(dir.join("src").join(name), bytes).unwrap();
        }
        let out = run_prettier(&prettier, &["--write", "--log-level", "warn", "src"], &dir);
        assert!(out.status.success(), "prettier --write failed:\n{}", String::from_utf8_lossy(&out.stderr));
        for (name, _) in &inputs {
            let path = dir.join("src").join(name);
            let file = SourceFile::from_bytes(&path, fs::read(&path).unwrap()).unwrap();
            if let Some(text) = analyze_and_fix(&file, Applicability::Unsafe).unwrap().fixed_text {
                fs::write(dir.join("at80").join(name), file.with_bom(&text)).unwrap();
            }
        }
        let fixed = common::run(&dir, &["--write", "--unsafe-fixes", "src"]);
        assert!(!fixed.stderr.contains("warning:") && fixed.code != 2, "{project}: {fixed:?}");
        let different = list_different(&prettier, &dir);
        let at80 = different.iter().filter(|d| d.starts_with("at80/")).count();
        assert!(at80 > 0, "{project}: every fix made for 80 columns is clean here too, so the width was not tested");
        let ours: Vec<String> = different.into_iter().filter(|d| d.starts_with("src/")).collect();
        if !ours.is_empty() {
            failures.push_str(&format!(
                "{project}: {} files are not Prettier-clean:\n{}",
                ours.len(),
                prettier_diffs(&prettier, &dir, &ours)
            ));
        }
    }
    assert!(failures.is_empty(), "{failures}");
}

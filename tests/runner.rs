//! The runner for monorepos and CI: output formats, the git safety check, stdin, choosing files
//! and rules, shards, ignore directives, and determinism. Every test runs the built binary on
//! real files in a temporary folder (with real git where it matters).

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use common::*;
use serde_json::Value;
use tempfile::TempDir;

const BUGGY: &str = "export default async function handler(req, res) {\n  const user = await getUser(req.query.id);\n  if (!user) {\n    res.status(404).json({ error: 'not found' });\n  }\n  res.json(user);\n}\n";

/// How BUGGY's send reads after the safe fix: the file never returns a send, so neither does the fix.
const FIXED_SEND: &str = "'not found' });\n    return;\n";

/// A scratch git monorepo: two packages with nested .gitignore files, committed clean.
fn monorepo() -> TempDir {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    for (path, text) in [
        ("packages/web/pages/api/user.js", BUGGY),
        ("packages/web/pages/api/ok.js", "export default function handler(req, res) {\n  res.json({ ok: true });\n}\n"),
        ("packages/web/.gitignore", "generated/\n"),
        ("packages/web/generated/api.js", BUGGY),
        ("packages/api/src/routes/items.ts", "import { Request, Response } from 'express';\nimport { list } from '../db';\n\nexport async function items(req: Request, res: Response) {\n  const items = await list();\n  if (!items.length) {\n    res.status(404).json({ error: 'none' });\n  }\n  res.json(items);\n}\n"),
        ("packages/api/src/routes/loop.js", "router.get('/all', async (req, res) => {\n  for (const item of await list()) {\n    res.json(item);\n  }\n});\n"),
        (".gitignore", "node_modules/\n"),
    ] {
        let full = root.join(path);
        fs::create_dir_all(full.parent().unwrap()).unwrap();
        fs::write(full, text).unwrap();
    }
    git_init_commit(root);
    dir
}

fn json_of(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{run:?}"))
}

#[test]
fn json_format_lists_files_findings_fixes_and_summary() {
    let repo = monorepo();
    let run = run(repo.path(), &["--check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    let doc = json_of(&run);
    let files = doc["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert!(paths.contains(&"packages/web/pages/api/user.js"), "{paths:?}");
    assert!(!paths.iter().any(|p| p.contains("generated")), "nested .gitignore is respected: {paths:?}");
    let user = files.iter().find(|f| f["path"] == "packages/web/pages/api/user.js").unwrap();
    let finding = &user["findings"][0];
    assert_eq!(finding["rule"], "missing-return");
    // missing-return is reported at the send that lacks its `return`; the later send is related.
    assert_eq!(finding["primary"]["start"]["line"], 4);
    assert_eq!(finding["labels"][0]["start"]["line"], 6);
    assert_eq!(finding["fix"]["applicability"], "safe");
    assert_eq!(finding["fix"]["edits"][0]["text"], "\n    return;");
    assert_eq!(
        doc["summary"]["findings"].as_u64(),
        Some(files.iter().map(|f| f["findings"].as_array().unwrap().len() as u64).sum())
    );
    assert!(!run.stdout.contains("elapsed") && !run.stdout.contains("time"), "no timings in machine output");
}

#[test]
fn sarif_output_validates_against_the_sarif_2_1_0_schema() {
    let repo = monorepo();
    let run = run(repo.path(), &["--format", "sarif"]);
    assert_eq!(run.code, 0, "{run:?}");
    let sarif = json_of(&run);
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/sarif/sarif-schema-2.1.0.json");
    let mut schema: Value = serde_json::from_str(&fs::read_to_string(schema_path).unwrap()).unwrap();
    drop_broken_language_pattern(&mut schema);
    let validator = jsonschema::validator_for(&schema).expect("the vendored schema compiles");
    let errors: Vec<String> = validator.iter_errors(&sarif).map(|e| format!("{e} at {}", e.instance_path)).collect();
    assert!(errors.is_empty(), "SARIF does not validate:\n{}", errors.join("\n"));
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "missing-return" && r["fixes"][0]["artifactChanges"].is_array()));
    assert!(results.iter().any(|r| r["ruleId"] == "send-in-loop" && r.get("fixes").is_none()));
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().all(|r| r["shortDescription"]["text"].is_string()));
}

/// The OASIS schema's `language` pattern has an unbalanced bracket that strict regex engines
/// reject; it constrains a property sendonce never writes.
fn drop_broken_language_pattern(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.get("pattern").and_then(Value::as_str).is_some_and(|p| p.contains("]?$")) {
                map.remove("pattern");
            }
            map.values_mut().for_each(drop_broken_language_pattern);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_broken_language_pattern),
        _ => {}
    }
}

#[test]
fn github_format_prints_one_workflow_command_per_finding() {
    let repo = monorepo();
    let run = run(repo.path(), &["--check", "--format", "github"]);
    assert_eq!(run.code, 1, "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(!lines.is_empty());
    for line in &lines {
        assert!(line.starts_with("::error file="), "{line}");
        assert!(line.contains(",line=") && line.contains(",col=") && line.contains(",title="), "{line}");
    }
    assert!(lines.iter().any(|l| l.starts_with("::error file=packages/web/pages/api/user.js,line=4,col=5,")));
}

#[test]
fn write_refuses_dirty_files_and_names_them_unless_allow_dirty() {
    let repo = monorepo();
    let dirty = repo.path().join("packages/web/pages/api/user.js");
    let edited = format!("// local edit\n{BUGGY}");
    fs::write(&dirty, &edited).unwrap();
    let before = snapshot(repo.path());
    let refused = run(repo.path(), &["--write", "--unsafe-fixes"]);
    assert_eq!(refused.code, 2, "{refused:?}");
    assert!(
        refused.stderr.contains("uncommitted changes") && refused.stderr.contains("packages/web/pages/api/user.js"),
        "{refused:?}"
    );
    assert!(!refused.stderr.contains("packages/api/src/routes/items.ts\n"), "clean files are not named: {refused:?}");
    assert_same_tree(&before, &snapshot(repo.path()), "a refused --write writes nothing");

    let allowed = run(repo.path(), &["--write", "--unsafe-fixes", "--allow-dirty"]);
    assert_eq!(allowed.code, 1, "the loop finding has no fix: {allowed:?}");
    assert!(fs::read_to_string(&dirty).unwrap().contains(FIXED_SEND));
}

#[test]
fn write_checks_each_file_in_its_own_repository() {
    let outer = TempDir::new().unwrap();
    // Two repositories side by side, and a folder outside git.
    for name in ["one", "two"] {
        let repo = outer.path().join(name);
        fs::create_dir_all(&repo).unwrap();
        fs::write(repo.join("a.js"), BUGGY).unwrap();
        git_init_commit(&repo);
    }
    fs::create_dir_all(outer.path().join("loose")).unwrap();
    fs::write(outer.path().join("loose/a.js"), BUGGY).unwrap();
    fs::write(outer.path().join("two/a.js"), format!("{BUGGY}// edited\n")).unwrap();
    let refused = run(outer.path(), &["--write", "--unsafe-fixes", "one", "two", "loose"]);
    assert_eq!(refused.code, 2, "{refused:?}");
    assert!(refused.stderr.contains("two/a.js") && !refused.stderr.contains("  one/a.js"), "{refused:?}");
    let clean = run(outer.path(), &["--write", "--unsafe-fixes", "one", "loose"]);
    assert_eq!(clean.code, 0, "a clean repo and a folder outside git are fine: {clean:?}");
}

#[test]
fn write_refuses_many_files_when_one_is_dirty_and_leaves_no_temporary_file() {
    // More files than are synced one by one: the fixed files are written and synced while git is
    // asked, so a refusal has temporary files to take back.
    let repo = TempDir::new().unwrap();
    for index in 0..80 {
        let file = repo.path().join(format!("routes/r{index}/handler.js"));
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, BUGGY).unwrap();
    }
    git_init_commit(repo.path());
    fs::write(repo.path().join("routes/r41/handler.js"), format!("{BUGGY}// edited\n")).unwrap();
    let before = snapshot(repo.path());
    let refused = run(repo.path(), &["--write", "--unsafe-fixes"]);
    assert_eq!(refused.code, 2, "{refused:?}");
    assert!(
        refused.stderr.contains("1 file has uncommitted changes") && refused.stderr.contains("routes/r41/handler.js")
    );
    assert_same_tree(&before, &snapshot(repo.path()), "a refused --write changes nothing and leaves no temporary file");

    git(repo.path(), &["-c", "user.email=a@b", "-c", "user.name=t", "commit", "-q", "-am", "edit"]);
    let written = run(repo.path(), &["--write", "--unsafe-fixes"]);
    assert_eq!(written.code, 0, "{written:?}");
    assert!(summary_line(&written).contains("80 fixed"), "{written:?}");
    assert!(temp_files(repo.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn write_checks_a_file_reached_through_a_symlink_in_the_repository_it_really_is_in() {
    use std::os::unix::fs::symlink;
    let outer = TempDir::new().unwrap();
    let repo = outer.path().join("repo");
    for name in ["dirty", "clean"] {
        fs::create_dir_all(repo.join(name)).unwrap();
        fs::write(repo.join(name).join("a.js"), BUGGY).unwrap();
    }
    git_init_commit(&repo);
    fs::write(repo.join("dirty/a.js"), format!("{BUGGY}// edited\n")).unwrap();
    // Outside the repository: a folder link and a file link into it.
    symlink(repo.join("dirty"), outer.path().join("folder-link")).unwrap();
    symlink(repo.join("dirty/a.js"), outer.path().join("file-link.js")).unwrap();
    symlink(repo.join("clean"), outer.path().join("clean-link")).unwrap();
    let before = snapshot(outer.path());
    for path in ["folder-link", "folder-link/a.js", "file-link.js"] {
        let refused = run(outer.path(), &["--write", "--unsafe-fixes", path]);
        assert_eq!(refused.code, 2, "{path}: {refused:?}");
        assert!(refused.stderr.contains("uncommitted changes"), "{path}: {refused:?}");
        assert_same_tree(&before, &snapshot(outer.path()), path);
    }
    let clean = run(outer.path(), &["--write", "--unsafe-fixes", "clean-link"]);
    assert_eq!(clean.code, 0, "a clean file through a link is written: {clean:?}");
    assert!(fs::read_to_string(repo.join("clean/a.js")).unwrap().contains(FIXED_SEND));
    assert!(fs::symlink_metadata(outer.path().join("clean-link")).unwrap().file_type().is_symlink());
}

#[test]
fn stdin_prints_the_fixed_source_or_a_diff_or_findings() {
    let dir = TempDir::new().unwrap();
    let fixed =
        sendonce(dir.path()).args(["--stdin-filename", "pages/api/user.js"]).write_stdin(BUGGY).output().unwrap();
    assert_eq!(fixed.status.code(), Some(0), "every finding fixed");
    let fixed_text = String::from_utf8(fixed.stdout).unwrap();
    assert_eq!(fixed_text, BUGGY.replace("'not found' });\n", FIXED_SEND));

    let diff = sendonce(dir.path())
        .args(["--stdin-filename", "pages/api/user.js", "--diff"])
        .write_stdin(BUGGY)
        .output()
        .unwrap();
    assert_eq!(diff.status.code(), Some(1));
    let diff_text = String::from_utf8(diff.stdout).unwrap();
    assert!(diff_text.starts_with("--- a/pages/api/user.js\n+++ b/pages/api/user.js\n"), "{diff_text}");

    let check =
        sendonce(dir.path()).args(["--stdin-filename", "src/user.ts", "--check"]).write_stdin(BUGGY).output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8(check.stdout).unwrap().starts_with("src/user.ts:4:5: missing-return: "));

    let broken = sendonce(dir.path()).args(["--stdin-filename", "a.js"]).write_stdin("function (").output().unwrap();
    assert_eq!(broken.status.code(), Some(2));
    assert!(String::from_utf8(broken.stderr).unwrap().contains("a.js: error: "));
}

#[test]
fn rule_and_ignore_rule_choose_the_rules_and_unknown_names_are_errors() {
    let repo = monorepo();
    let only = run(repo.path(), &["--check", "--rule", "send-in-loop"]);
    assert!(only.stdout.lines().all(|l| l.contains(": send-in-loop: ")), "{only:?}");
    assert_eq!(only.stdout.lines().count(), 1, "{only:?}");
    let without = run(repo.path(), &["--check", "--ignore-rule", "missing-return", "--ignore-rule", "no-response"]);
    assert!(without.stdout.lines().all(|l| !l.contains("missing-return") && !l.contains("no-response")), "{without:?}");
    let unknown = run(repo.path(), &["--check", "--rule", "double-send"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("no rule named `double-send`"), "{unknown:?}");
}

#[test]
fn include_exclude_and_no_ignore_choose_the_files() {
    let repo = monorepo();
    let included = run(repo.path(), &["--check", "--include", "packages/api/**"]);
    assert!(included.stdout.lines().all(|l| l.starts_with("packages/api/")), "{included:?}");
    let excluded = run(repo.path(), &["--check", "--exclude", "**/*.ts"]);
    assert!(!excluded.stdout.contains(".ts:"), "{excluded:?}");
    assert!(excluded.stdout.contains("packages/web/pages/api/user.js"), "{excluded:?}");
    let hidden = run(repo.path(), &["--check", "--no-ignore"]);
    assert!(hidden.stdout.contains("packages/web/generated/api.js"), "--no-ignore reads gitignored files: {hidden:?}");
    let bad = run(repo.path(), &["--check", "--include", "a{b"]);
    assert_eq!(bad.code, 2, "{bad:?}");
}

#[test]
fn shards_cover_every_file_exactly_once() {
    let dir = TempDir::new().unwrap();
    for i in 0..23 {
        fs::write(dir.path().join(format!("h{i:02}.js")), BUGGY).unwrap();
    }
    let all: BTreeSet<String> =
        run(dir.path(), &["--check"]).stdout.lines().map(|l| l.split(':').next().unwrap().to_owned()).collect();
    assert_eq!(all.len(), 23);
    let mut seen = BTreeSet::new();
    for shard in ["1/3", "2/3", "3/3"] {
        let part = run(dir.path(), &["--check", "--shard", shard]);
        for line in part.stdout.lines() {
            assert!(seen.insert(line.split(':').next().unwrap().to_owned()), "a file in two shards: {line}");
        }
        assert!(part.stderr.contains("sendonce: "), "{part:?}");
    }
    assert_eq!(seen, all);
    assert_eq!(run(dir.path(), &["--shard", "4/3"]).code, 2);
}

#[test]
fn ignore_directive_silences_one_finding_and_unused_ones_are_reported() {
    let dir = TempDir::new().unwrap();
    // missing-return is reported at the send that lacks its `return`: the directive goes above it.
    let silenced = BUGGY.replace(
        "    res.status(404)",
        "    // sendonce-ignore-next-line missing-return -- legacy clients\n    res.status(404)",
    );
    fs::write(dir.path().join("a.js"), silenced).unwrap();
    let quiet = run(dir.path(), &["--check"]);
    assert_eq!(quiet.code, 0, "{quiet:?}");
    fs::write(
        dir.path().join("b.js"),
        "// sendonce-ignore-next-line no-response\nexport default function handler(req, res) {\n  res.json({});\n}\n",
    )
    .unwrap();
    let unused = run(dir.path(), &["--check"]);
    assert_eq!(unused.code, 1, "{unused:?}");
    assert!(unused.stdout.starts_with("b.js:1:1: unused-ignore: "), "{unused:?}");
}

#[test]
fn stats_prints_a_summary_table_and_machine_output_is_identical_at_any_thread_count() {
    let repo = monorepo();
    let stats = run(repo.path(), &["--check", "--stats"]);
    for row in
        ["sendonce summary", "files ", "handlers ", "findings ", "missing-return", "fixes ", "errors ", "files/s"]
    {
        assert!(stats.stderr.contains(row), "missing `{row}` in:\n{}", stats.stderr);
    }
    for format in ["json", "sarif", "github", "text"] {
        let one = run(repo.path(), &["--check", "--format", format, "-j", "1"]);
        let many = run(repo.path(), &["--check", "--format", format, "-j", "8"]);
        assert_eq!(one.stdout, many.stdout, "--format {format} differs between -j 1 and -j 8");
    }
}

const HELPER_SENDS: &str = "function sendError(res, error) {\n  logger.error(error);\n}\n\nexport default async function handler(req, res) {\n  if (!req.query.id) {\n    sendError(res, 'missing id');\n  }\n  res.json(await load(req.query.id));\n}\n";

#[test]
fn sendonce_json_names_a_helper_that_sends_and_the_finding_changes() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("a.js"), HELPER_SENDS).unwrap();
    // The helper does not visibly send, so on its own this is not a double send.
    let before = run(dir.path(), &["--check", "--ignore-rule", "no-response"]);
    assert_eq!(before.code, 0, "{before:?}");
    fs::write(
        dir.path().join("sendonce.json"),
        r#"{ "$schema": "./schema/sendonce.schema.json", "sendHelpers": ["sendError"] }"#,
    )
    .unwrap();
    let after = run(dir.path(), &["--check", "--ignore-rule", "no-response"]);
    assert_eq!(after.code, 1, "{after:?}");
    assert!(after.stdout.starts_with("a.js:7:5: missing-return: `sendError(res, 'missing id')` answers"), "{after:?}");
}

#[test]
fn each_file_counts_the_send_methods_of_its_own_sendonce_json_also_in_parallel() {
    let dir = TempDir::new().unwrap();
    let twice = |method: &str| {
        format!("export default function handler(req, res) {{\n  res.{method}(1);\n  res.{method}(2);\n}}\n")
    };
    for (folder, method) in [("a", "reply"), ("b", "answer")] {
        fs::create_dir(dir.path().join(folder)).unwrap();
        fs::write(dir.path().join(folder).join("sendonce.json"), format!(r#"{{ "sendMethods": ["{method}"] }}"#))
            .unwrap();
        fs::write(dir.path().join(folder).join("own.js"), twice(method)).unwrap();
    }
    // Each folder's method is a send only under that folder's configuration.
    fs::write(dir.path().join("a/other.js"), twice("answer")).unwrap();
    fs::write(dir.path().join("b/other.js"), twice("reply")).unwrap();
    let checked = run(dir.path(), &["--check", "-j", "2", "--rule", "multiple-sends"]);
    assert_eq!(checked.code, 1, "{checked:?}");
    let lines: Vec<&str> = checked.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{checked:?}");
    assert!(lines[0].starts_with("a/own.js:3:3: multiple-sends: `res.reply(2)`"), "{checked:?}");
    assert!(lines[1].starts_with("b/own.js:3:3: multiple-sends: `res.answer(2)`"), "{checked:?}");
}

#[test]
fn a_broken_sendonce_json_is_a_clear_error_and_nothing_is_processed() {
    let repo = monorepo();
    fs::write(repo.path().join("packages/web/sendonce.json"), r#"{ "sendHelper": ["x"] }"#).unwrap();
    let before = snapshot(repo.path());
    let broken = run(repo.path(), &["--write", "--unsafe-fixes", "--allow-dirty"]);
    assert_eq!(broken.code, 2, "{broken:?}");
    assert!(broken.stderr.contains("packages/web/sendonce.json: unknown key `sendHelper`"), "{broken:?}");
    assert!(broken.stdout.is_empty() && !broken.stderr.contains("missing-return"), "{broken:?}");
    assert_same_tree(&before, &snapshot(repo.path()), "nothing is written");
    fs::write(repo.path().join("packages/web/sendonce.json"), r#"{ "rules": { "missing-return": "maybe" } }"#).unwrap();
    let wrong = run(repo.path(), &["--check"]);
    assert_eq!(wrong.code, 2);
    assert!(wrong.stderr.contains("`rules.missing-return` must be \"off\", \"warn\" or \"error\""), "{wrong:?}");
}

#[test]
fn the_nearest_sendonce_json_wins_and_flags_win_over_it() {
    let repo = monorepo();
    fs::write(repo.path().join("sendonce.json"), r#"{ "rules": { "send-in-loop": "off" } }"#).unwrap();
    fs::write(repo.path().join("packages/web/sendonce.json"), r#"{ "rules": { "missing-return": "warn" } }"#).unwrap();
    let checked = run(repo.path(), &["--check", "--format", "json"]);
    let doc = json_of(&checked);
    let rules_of = |path: &str| -> Vec<(String, String)> {
        doc["files"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["path"] == path)
            .flat_map(|f| {
                f["findings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| (x["rule"].as_str().unwrap().to_owned(), x["severity"].as_str().unwrap().to_owned()))
            })
            .collect()
    };
    assert_eq!(rules_of("packages/web/pages/api/user.js"), [("missing-return".to_owned(), "warning".to_owned())]);
    assert!(
        rules_of("packages/api/src/routes/loop.js").iter().all(|(rule, _)| rule != "send-in-loop"),
        "turned off at the root"
    );
    assert!(rules_of("packages/api/src/routes/items.ts")
        .iter()
        .any(|(rule, sev)| rule == "missing-return" && sev == "error"));
    let flag = run(repo.path(), &["--check", "--rule", "send-in-loop"]);
    assert!(
        flag.stdout.contains("loop.js") && flag.stdout.contains("send-in-loop"),
        "--rule wins over \"off\": {flag:?}"
    );
    // Only warnings left: --check passes.
    let only_warnings = run(repo.path(), &["--check", "packages/web"]);
    assert_eq!(only_warnings.code, 0, "{only_warnings:?}");
    assert!(only_warnings.stdout.contains("(warning)"), "{only_warnings:?}");
}

/// `sendonce.json`'s globs are read as `--include`/`--exclude` read theirs: `test` and `test/`
/// skip a folder of that name anywhere below the config's folder, not only at its top.
#[test]
fn sendonce_json_globs_match_a_folder_anywhere_as_the_flags_do() {
    let dir = TempDir::new().unwrap();
    for path in ["test/a.js", "src/test/b.js", "src/latest/c.js", "src/test.js"] {
        let full = dir.path().join(path);
        fs::create_dir_all(full.parent().unwrap()).unwrap();
        fs::write(full, BUGGY).unwrap();
    }
    let checked = |dir: &Path| -> BTreeSet<String> {
        let r = run(dir, &["--check"]);
        r.stdout.lines().filter_map(|l| l.split(':').next()).map(str::to_owned).collect()
    };
    for glob in ["test", "test/"] {
        fs::write(dir.path().join("sendonce.json"), format!(r#"{{ "exclude": ["{glob}"] }}"#)).unwrap();
        let flag = run(dir.path(), &["--check", "--exclude", glob]);
        let by_flag: BTreeSet<String> =
            flag.stdout.lines().filter_map(|l| l.split(':').next()).map(str::to_owned).collect();
        assert_eq!(
            checked(dir.path()),
            BTreeSet::from(["src/latest/c.js".to_owned(), "src/test.js".to_owned()]),
            "{glob}"
        );
        assert_eq!(checked(dir.path()), by_flag, "sendonce.json and --exclude agree on {glob}");
    }
    fs::write(dir.path().join("sendonce.json"), r#"{ "include": ["test"] }"#).unwrap();
    assert_eq!(checked(dir.path()), BTreeSet::from(["src/test/b.js".to_owned(), "test/a.js".to_owned()]));
    fs::write(dir.path().join("sendonce.json"), r#"{ "exclude": ["/test"] }"#).unwrap();
    assert!(!checked(dir.path()).contains("test/a.js") && checked(dir.path()).contains("src/test/b.js"), "anchored");
}

/// Two awaits whose `Promise.all` line is 95 columns: one line where Prettier wraps at 120, one
/// item per line at the default 80.
const TWO_LOADS: &str = "export default async function handler(req, res) {\n  const account = await loadAccount(req.query.id);\n  res.json(account);\n  const invoices = await loadInvoices(req.query.id);\n  res.json(invoices);\n}\n";
const ONE_LINE_ALL: &str =
    "const [account, invoices] = await Promise.all([loadAccount(req.query.id), loadInvoices(req.query.id)]);";

/// The fixes of a file fit the Prettier width of its own folder: `--write` finds the nearest
/// `.prettierrc`, `--stdin-filename` looks from the named file's folder, and a malformed
/// configuration is a warning that names it, with fixes at 80 columns.
#[test]
fn fixes_wrap_at_the_prettier_width_of_the_files_folder() {
    let dir = TempDir::new().unwrap();
    fs::create_dir_all(dir.path().join("wide/src")).unwrap();
    fs::create_dir_all(dir.path().join("plain")).unwrap();
    fs::write(dir.path().join("wide/.prettierrc"), "printWidth: 120\n").unwrap();
    for path in ["wide/src/a.js", "plain/a.js"] {
        fs::write(dir.path().join(path), TWO_LOADS).unwrap();
    }
    let written = run(dir.path(), &["--write", "--unsafe-fixes"]);
    assert_eq!(written.code, 0, "{written:?}");
    assert!(fs::read_to_string(dir.path().join("wide/src/a.js")).unwrap().contains(ONE_LINE_ALL));
    let plain = fs::read_to_string(dir.path().join("plain/a.js")).unwrap();
    assert!(plain.contains("await Promise.all([\n      loadAccount(req.query.id),\n"), "{plain}");

    let stdin = |name: &str| {
        finish(
            sendonce(dir.path())
                .args(["--stdin-filename", name, "--unsafe-fixes"])
                .write_stdin(TWO_LOADS)
                .output()
                .unwrap(),
        )
    };
    let wide = stdin("wide/src/new.js");
    assert!(wide.stdout.contains(ONE_LINE_ALL), "{wide:?}");
    assert!(!stdin("plain/new.js").stdout.contains(ONE_LINE_ALL));

    fs::write(dir.path().join("wide/.prettierrc"), "printWidth: [120\n").unwrap();
    fs::write(dir.path().join("wide/src/a.js"), TWO_LOADS).unwrap();
    let broken = run(dir.path(), &["--write", "--unsafe-fixes", "wide"]);
    assert_eq!(broken.code, 0, "{broken:?}");
    assert!(broken.stderr.contains("sendonce: warning: wide/.prettierrc: not valid YAML"), "{broken:?}");
    assert!(broken.stderr.contains("fixes there wrap at 80 columns"), "{broken:?}");
    assert!(!fs::read_to_string(dir.path().join("wide/src/a.js")).unwrap().contains(ONE_LINE_ALL));
}

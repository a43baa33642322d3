//! Behaviour of the `sendonce` binary, run on temporary copies of real fixture trees.
//!
//! Every test copies `testdata/example` (or writes a few files) into its own
//! temporary folder, runs the built binary there, and checks exit codes,
//! stdout/stderr and the bytes left on disk. Some tests use real `git`.

mod common;

use std::fs;
use std::path::Path;

use common::*;
use tempfile::TempDir;

// ---------------------------------------------------------------------------
// dry run (default mode)
// ---------------------------------------------------------------------------

#[test]
fn dry_run_on_example_prints_only_a_sorted_git_diff_and_exits_0() {
    let dir = example_copy();
    let before = snapshot(dir.path());
    let r = run(dir.path(), &[]);

    assert_eq!(r.code, 0, "a dry run that ran exits 0, so `&& git apply` runs:\n{r:?}");
    assert!(!r.stdout.is_empty(), "the dry run prints a diff:\n{r:?}");
    assert_only_diff_lines(&r.stdout);

    let paths = diff_paths(&r.stdout);
    for expected in ["pages/api/data.js", "pages/api/stats.js", "server/routes/users.js"] {
        assert!(paths.iter().any(|p| p == expected), "diff should fix {expected}; got {paths:?}\n{r:?}");
    }
    let mut sorted = paths.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(paths, sorted, "files must appear once each, in sorted path order");

    // git-style headers: `--- a/P` immediately followed by `+++ b/P`, P relative to cwd.
    let lines: Vec<&str> = r.stdout.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if let Some(path) = line.strip_prefix("--- ") {
            let path = path.strip_prefix("a/").unwrap_or_else(|| panic!("header without a/: {line:?}"));
            assert!(!path.starts_with('/') && !path.starts_with("./"), "header path is not cwd-relative: {line:?}");
            assert!(dir.path().join(path).is_file(), "header names a file that does not exist: {line:?}");
            assert_eq!(lines.get(i + 1).copied(), Some(format!("+++ b/{path}").as_str()), "after {line:?}");
        }
    }

    assert!(!r.stdout.contains("node_modules"), "node_modules must be skipped:\n{}", r.stdout);
    assert!(!r.stdout.contains("dist/"), "gitignored dist/ must be skipped:\n{}", r.stdout);
    assert!(!r.stderr.contains("node_modules") && !r.stderr.contains("dist/"), "nothing from skipped folders:\n{r:?}");

    assert!(summary_line(&r).starts_with("sendonce: "));
    assert_same_tree(&before, &snapshot(dir.path()), "a dry run must change nothing");
}

#[test]
fn dry_run_patch_applied_with_git_apply_equals_write() {
    let patched = example_copy();
    let written = example_copy();
    git_init_commit(patched.path());
    git_init_commit(written.path());

    let dry = run(patched.path(), &[]);
    assert_eq!(dry.code, 0, "{dry:?}");
    assert!(!dry.stdout.is_empty(), "{dry:?}");
    let patch_dir = TempDir::new().unwrap();
    let patch = patch_dir.path().join("fix.patch");
    fs::write(&patch, &dry.stdout).unwrap();
    git(patched.path(), &["apply", "--check", patch.to_str().unwrap()]);
    git(patched.path(), &["apply", patch.to_str().unwrap()]);

    let w = run(written.path(), &["--write", "--unsafe-fixes"]);
    assert_eq!(w.code, 0, "{w:?}");

    let after_patch = snapshot(patched.path());
    let after_write = snapshot(written.path());
    assert_ne!(after_patch, snapshot(&example_dir()), "the patch must change something");
    assert_same_tree(&after_patch, &after_write, "git apply of the dry run vs --write");
}

// ---------------------------------------------------------------------------
// --write
// ---------------------------------------------------------------------------

#[test]
fn write_exits_0_when_everything_is_fixed_and_is_idempotent() {
    let dir = example_copy();
    let before = snapshot(dir.path());

    let first = run(dir.path(), &["--write", "--unsafe-fixes"]);
    assert_eq!(first.code, 0, "every finding in the example is fixable:\n{first:?}");
    summary_line(&first);
    let after_first = snapshot(dir.path());
    for path in ["pages/api/data.js", "pages/api/stats.js", "server/routes/users.js"] {
        assert_ne!(before[path], after_first[path], "{path} should have been fixed");
    }
    for path in ["node_modules/fake-pkg/index.js", "dist/api.js", "pages/api/health.js", "lib/db.js"] {
        assert_eq!(before[path], after_first[path], "{path} must not be touched");
    }

    let second = run(dir.path(), &[]);
    assert_eq!(second.code, 0, "nothing left to fix after --write:\n{second:?}");
    assert_eq!(second.stdout, "", "a clean tree gives an empty diff:\n{second:?}");

    let third = run(dir.path(), &["--write", "--unsafe-fixes"]);
    assert_eq!(third.code, 0, "{third:?}");
    assert_same_tree(&after_first, &snapshot(dir.path()), "a second --write must change nothing");
    assert!(temp_files(dir.path()).is_empty(), "temp files left: {:?}", temp_files(dir.path()));
}

#[cfg(unix)]
#[test]
fn write_keeps_file_permissions() {
    let dir = example_copy();
    let file = dir.path().join("pages/api/data.js");
    set_mode(&file, 0o640);
    let before = fs::read(&file).unwrap();

    let r = run(dir.path(), &["--write", "--unsafe-fixes", "pages/api/data.js"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_ne!(fs::read(&file).unwrap(), before, "the file should have been fixed");
    assert_eq!(mode_of(&file), 0o640, "permissions must be kept");
    assert!(temp_files(dir.path()).is_empty(), "temp files left: {:?}", temp_files(dir.path()));
}

#[cfg(unix)]
#[test]
fn write_through_symlink_edits_the_target_and_keeps_the_link() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("real")).unwrap();
    let target = dir.path().join("real/handler.js");
    fs::write(&target, buggy_handler()).unwrap();
    let link = dir.path().join("link.js");
    std::os::unix::fs::symlink("real/handler.js", &link).unwrap();

    let r = run(dir.path(), &["--write", "--unsafe-fixes", "link.js"]);
    assert_eq!(r.code, 0, "{r:?}");
    let meta = fs::symlink_metadata(&link).unwrap();
    assert!(meta.file_type().is_symlink(), "link.js must still be a symlink");
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("real/handler.js"), "the link must point where it did");
    let fixed = fs::read_to_string(&target).unwrap();
    assert!(fixed.contains("Promise.all"), "the target should hold the fix:\n{fixed}");
    assert_ne!(fixed.as_bytes(), buggy_handler().as_slice());
    assert!(temp_files(dir.path()).is_empty(), "temp files left: {:?}", temp_files(dir.path()));
}

#[cfg(unix)]
#[test]
fn write_refuses_a_read_only_file_and_leaves_it_unchanged() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("locked.js");
    fs::write(&file, buggy_handler()).unwrap();
    set_mode(&file, 0o444);

    let r = run(dir.path(), &["--write", "--unsafe-fixes"]);
    assert_eq!(r.code, 2, "a file that cannot be written is an error:\n{r:?}");
    assert!(r.stderr.contains("locked.js"), "the error names the file:\n{r:?}");
    assert_eq!(fs::read(&file).unwrap(), buggy_handler(), "the read-only file must be unchanged");
    assert_eq!(mode_of(&file), 0o444, "its permissions must be unchanged");
    assert!(temp_files(dir.path()).is_empty(), "temp files left: {:?}", temp_files(dir.path()));
}

#[test]
fn write_leaves_no_temp_files_behind() {
    let dir = example_copy();
    fs::write(dir.path().join("pages/api/broken.js"), "export default function h(req, res) {\n  res.json(1;\n}\n")
        .unwrap();
    let r = run(dir.path(), &["--write", "--unsafe-fixes"]);
    assert_eq!(r.code, 2, "the broken file is an error:\n{r:?}");
    assert!(temp_files(dir.path()).is_empty(), "temp files left: {:?}", temp_files(dir.path()));
}

// ---------------------------------------------------------------------------
// --check
// ---------------------------------------------------------------------------

#[test]
fn check_prints_one_line_per_finding_and_changes_nothing() {
    let dir = example_copy();
    let before = snapshot(dir.path());
    let r = run(dir.path(), &["--check"]);

    assert_eq!(r.code, 1, "{r:?}");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(!lines.is_empty(), "{r:?}");
    assert_eq!(lines.len(), summary_findings(&r), "one stdout line per finding:\n{r:?}");

    let mut paths = Vec::new();
    for line in &lines {
        // PATH:LINE:COL: multiple-sends: message
        let (location, message) = line
            .split_once(": multiple-sends: ")
            .unwrap_or_else(|| panic!("not `PATH:LINE:COL: multiple-sends: ...`: {line:?}"));
        assert!(!message.trim().is_empty(), "empty message: {line:?}");
        let mut parts = location.rsplitn(3, ':');
        let (col, row, path) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap_or(""));
        let row: usize = row.parse().unwrap_or_else(|_| panic!("LINE is not a number: {line:?}"));
        let col: usize = col.parse().unwrap_or_else(|_| panic!("COL is not a number: {line:?}"));
        assert!(row >= 1 && col >= 1, "{line:?}");
        assert!(
            !path.is_empty() && !path.starts_with("./") && !path.starts_with('/'),
            "PATH relative to cwd: {line:?}"
        );
        let text = fs::read_to_string(dir.path().join(path)).unwrap_or_else(|e| panic!("{line:?}: {e}"));
        let src_line = text.lines().nth(row - 1).unwrap_or_else(|| panic!("{line:?}: no such line"));
        let at: String = src_line.chars().skip(col - 1).collect();
        assert!(at.starts_with("res"), "{line:?} should point at the second send, points at {at:?}");
        paths.push(path.to_owned());
    }
    for expected in ["pages/api/data.js", "pages/api/stats.js", "server/routes/users.js"] {
        assert!(paths.iter().any(|p| p == expected), "--check should report {expected}:\n{r:?}");
    }
    assert!(paths.iter().all(|p| !p.starts_with("node_modules/") && !p.starts_with("dist/")), "{r:?}");
    assert_same_tree(&before, &snapshot(dir.path()), "--check must change nothing");
}

// ---------------------------------------------------------------------------
// parallelism
// ---------------------------------------------------------------------------

/// stderr without the summary's elapsed time, the one thing allowed to differ between runs.
fn stderr_without_time(run: &Run) -> String {
    let without_time = |line: &str| match line.rsplit_once(" in ") {
        Some((head, _)) if line.starts_with("sendonce:") => head.to_owned(),
        _ => line.to_owned(),
    };
    run.stderr.lines().map(without_time).collect::<Vec<_>>().join("\n")
}

/// The example plus 300 generated handler files (every file shape, some unparsable after a
/// truncation), processed at -j 1, 2 and 8: stdout, stderr (but the time) and, for `--write`,
/// every byte on disk are the same. The workers share no mutable state (each file's allocator,
/// AST, walk budget and caches live inside one call), and results are printed in path order.
#[test]
fn output_is_byte_identical_at_j1_j2_and_j8() {
    let dir = example_copy();
    for (i, case) in common::sample(common::handler_file(), 300, 11).into_iter().enumerate() {
        let sub = dir.path().join(format!("generated/group{}", i % 7));
        fs::create_dir_all(&sub).unwrap();
        let mut bytes = case.bytes();
        if i % 50 == 0 {
            bytes.truncate(bytes.len() / 2); // a syntax error: an error line, in order too
        }
        fs::write(sub.join(format!("case{i:03}.{}", case.extension())), bytes).unwrap();
    }
    for mode in [&[][..], &["--check"][..], &["--unsafe-fixes"][..]] {
        let one = run(dir.path(), &[&["-j", "1"][..], mode].concat());
        assert_eq!(one.code, 2, "the truncated files are errors:\n{one:?}");
        assert!(!one.stdout.is_empty());
        for threads in ["2", "8", "8"] {
            let many = run(dir.path(), &[&["-j", threads][..], mode].concat());
            assert_eq!(many.code, one.code, "{mode:?}");
            assert!(many.stdout == one.stdout, "{mode:?}: -j {threads} stdout differs from -j 1");
            assert_eq!(stderr_without_time(&many), stderr_without_time(&one), "{mode:?}: -j {threads} stderr");
        }
    }
    let mut trees = Vec::new();
    for threads in ["1", "2", "8"] {
        let copy = TempDir::new().unwrap();
        copy_tree(dir.path(), copy.path());
        let w = run(copy.path(), &["-j", threads, "--write", "--unsafe-fixes"]);
        assert_eq!(w.code, 2, "{w:?}");
        trees.push((threads, snapshot(copy.path()), stderr_without_time(&w), copy));
    }
    for (threads, tree, stderr, _) in &trees[1..] {
        assert_same_tree(&trees[0].1, tree, &format!("--write at -j 1 and -j {threads}"));
        assert_eq!(stderr, &trees[0].2, "--write at -j {threads}: stderr");
    }
}

// ---------------------------------------------------------------------------
// errors
// ---------------------------------------------------------------------------

fn tree_with_broken_file() -> TempDir {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("buggy.js"), buggy_handler()).unwrap();
    fs::write(dir.path().join("broken.js"), "export default function h(req, res) {\n  res.json(1;\n}\n").unwrap();
    dir
}

#[test]
fn syntax_error_in_dry_run_exits_2_and_still_diffs_the_other_file() {
    let dir = tree_with_broken_file();
    let r = run(dir.path(), &[]);
    assert_eq!(r.code, 2, "errors win over findings:\n{r:?}");
    assert!(r.stderr.lines().any(|l| l.contains("broken.js")), "stderr names the broken file:\n{r:?}");
    assert_eq!(diff_paths(&r.stdout), ["buggy.js"], "{r:?}");
    assert_only_diff_lines(&r.stdout);
    summary_line(&r);
}

#[test]
fn syntax_error_with_write_exits_2_fixes_the_other_file_and_leaves_the_broken_one() {
    let dir = tree_with_broken_file();
    let broken_before = fs::read(dir.path().join("broken.js")).unwrap();
    let r = run(dir.path(), &["--write", "--unsafe-fixes"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.lines().any(|l| l.contains("broken.js")), "stderr names the broken file:\n{r:?}");
    let fixed = fs::read_to_string(dir.path().join("buggy.js")).unwrap();
    assert!(fixed.contains("Promise.all"), "the buggy file is still fixed:\n{fixed}");
    assert_eq!(fs::read(dir.path().join("broken.js")).unwrap(), broken_before, "broken file unchanged");
    assert!(temp_files(dir.path()).is_empty(), "temp files left: {:?}", temp_files(dir.path()));
}

#[test]
fn non_utf8_js_file_exits_2_naming_it() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("buggy.js"), buggy_handler()).unwrap();
    let latin1 = b"// caf\xe9\nexport default function h(req, res) { res.json(1); res.json(2); }\n";
    fs::write(dir.path().join("latin1.js"), latin1).unwrap();

    let r = run(dir.path(), &[]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.lines().any(|l| l.contains("latin1.js")), "stderr names the file:\n{r:?}");
    assert!(!r.stdout.contains("latin1.js"), "a non-UTF-8 file is never diffed:\n{r:?}");

    let w = run(dir.path(), &["--write", "--unsafe-fixes"]);
    assert_eq!(w.code, 2, "{w:?}");
    assert_eq!(fs::read(dir.path().join("latin1.js")).unwrap(), latin1, "never rewritten");
}

#[test]
fn binary_js_file_exits_2_naming_it() {
    let dir = TempDir::new().unwrap();
    let binary = b"\x7fELF\x00\x00\x01res.json(1); res.json(2);\n";
    fs::write(dir.path().join("blob.js"), binary).unwrap();

    let r = run(dir.path(), &[]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.lines().any(|l| l.contains("blob.js")), "stderr names the file:\n{r:?}");
    assert_eq!(r.stdout, "", "{r:?}");

    let w = run(dir.path(), &["--write", "--unsafe-fixes"]);
    assert_eq!(w.code, 2, "{w:?}");
    assert_eq!(fs::read(dir.path().join("blob.js")).unwrap(), binary, "never rewritten");
}

#[test]
fn missing_path_exits_2_naming_it_and_other_paths_still_run() {
    let dir = example_copy();
    let r = run(dir.path(), &["does-not-exist.js"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("does-not-exist.js"), "the message names the missing path:\n{r:?}");
    assert_eq!(r.stdout, "", "{r:?}");

    let r = run(dir.path(), &["no-such-folder", "pages"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("no-such-folder"), "{r:?}");
    assert!(diff_paths(&r.stdout).contains(&"pages/api/data.js".to_owned()), "pages/ is still processed:\n{r:?}");
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let dir = example_copy();
    let before = snapshot(dir.path());
    let r = run(dir.path(), &["--bogus"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--bogus"), "the usage error names the flag:\n{r:?}");
    assert_eq!(r.stdout, "", "{r:?}");
    assert_same_tree(&before, &snapshot(dir.path()), "a usage error changes nothing");
}

#[test]
fn write_and_check_together_is_a_usage_error() {
    let dir = example_copy();
    let before = snapshot(dir.path());
    let r = run(dir.path(), &["--write", "--unsafe-fixes", "--check"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(!r.stderr.is_empty(), "{r:?}");
    assert_eq!(r.stdout, "", "{r:?}");
    assert_same_tree(&before, &snapshot(dir.path()), "a usage error changes nothing");
}

// ---------------------------------------------------------------------------
// file shapes: CRLF, BOM, tabs
// ---------------------------------------------------------------------------

#[test]
fn crlf_and_bom_are_kept_by_write() {
    let dir = TempDir::new().unwrap();
    let lf = String::from_utf8(buggy_handler()).unwrap();
    let crlf = lf.replace('\n', "\r\n");
    let mut original = b"\xEF\xBB\xBF".to_vec();
    original.extend_from_slice(crlf.as_bytes());
    let file = dir.path().join("data.js");
    fs::write(&file, &original).unwrap();

    let r = run(dir.path(), &["--write", "--unsafe-fixes"]);
    assert_eq!(r.code, 0, "{r:?}");
    let after = fs::read(&file).unwrap();
    assert_ne!(after, original, "the file should have been fixed");
    assert!(after.starts_with(b"\xEF\xBB\xBF"), "the BOM must be kept");
    assert!(!String::from_utf8_lossy(&after[3..]).contains('\u{feff}'), "exactly one BOM");
    for (i, &b) in after.iter().enumerate() {
        if b == b'\n' {
            assert!(i > 0 && after[i - 1] == b'\r', "lone \\n at byte {i}:\n{}", String::from_utf8_lossy(&after));
        }
    }
    let text = String::from_utf8(after.clone()).unwrap();
    assert!(text.contains("Promise.all"), "{text}");

    // Bytes before the handler (BOM + first comment line) and after it (the helper functions) are untouched.
    let handler_at = 3 + crlf.find("export default").unwrap();
    assert_eq!(after[..handler_at], original[..handler_at], "bytes before the handler changed");
    let helpers = &crlf[crlf.find("\r\n}\r\n").unwrap()..];
    assert!(text.ends_with(helpers), "bytes after the handler changed:\n{text}");
}

#[test]
fn tab_indented_file_gets_tab_indented_fix() {
    let dir = TempDir::new().unwrap();
    let source = "export default async function handler(req, res) {\n\
                  \tconst users = await countUsers();\n\
                  \tres.json({ users });\n\
                  \n\
                  \tconst orders = await countOrders();\n\
                  \tres.json({ orders });\n\
                  }\n\
                  \n\
                  async function countUsers() {\n\
                  \treturn { total: 1280 };\n\
                  }\n\
                  \n\
                  async function countOrders() {\n\
                  \tif (true) {\n\
                  \t\treturn { total: 5120 };\n\
                  \t}\n\
                  }\n";
    let file = dir.path().join("stats.js");
    fs::write(&file, source).unwrap();

    let r = run(dir.path(), &["--write", "--unsafe-fixes"]);
    assert_eq!(r.code, 0, "{r:?}");
    let fixed = fs::read_to_string(&file).unwrap();
    assert_ne!(fixed, source);
    assert!(fixed.contains("Promise.all") || fixed.contains("try"), "{fixed}");
    for line in fixed.lines() {
        let indent: String = line.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        assert!(!indent.contains(' '), "space indentation in a tab-indented file: {line:?}\n{fixed}");
    }
    assert!(fixed.lines().any(|l| l.starts_with("\t\t")), "nested fixed code is indented with two tabs:\n{fixed}");
}

// ---------------------------------------------------------------------------
// path selection
// ---------------------------------------------------------------------------

#[test]
fn explicit_file_inside_node_modules_is_processed() {
    let dir = example_copy();
    let r = run(dir.path(), &["node_modules/fake-pkg/index.js"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(diff_paths(&r.stdout), ["node_modules/fake-pkg/index.js"], "{r:?}");

    let w = run(dir.path(), &["--write", "--unsafe-fixes", "node_modules/fake-pkg/index.js"]);
    assert_eq!(w.code, 0, "{w:?}");
    let fixed = fs::read_to_string(dir.path().join("node_modules/fake-pkg/index.js")).unwrap();
    assert!(fixed.contains("Promise.all"), "{fixed}");
}

#[test]
fn explicit_gitignored_file_is_processed() {
    let dir = example_copy();
    let r = run(dir.path(), &["dist/api.js"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(diff_paths(&r.stdout), ["dist/api.js"], "{r:?}");
}

#[test]
fn folder_without_js_files_exits_0_with_empty_stdout() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("README.md"), "# nothing here\n").unwrap();
    fs::write(dir.path().join("data.json"), "{\"a\": 1}\n").unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("sub/notes.txt"), "res.json(1); res.json(2);\n").unwrap();

    let r = run(dir.path(), &[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout, "", "{r:?}");
    summary_line(&r);

    let r = run(dir.path(), &["--check"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout, "", "{r:?}");
}

// ---------------------------------------------------------------------------
// colour
// ---------------------------------------------------------------------------

#[test]
fn color_always_puts_ansi_escapes_in_the_diff() {
    let dir = example_copy();
    let plain = run(dir.path(), &["--color", "never"]);
    let colored = run(dir.path(), &["--color", "always"]);
    assert_eq!(colored.code, 0, "{colored:?}");
    assert!(colored.stdout.contains("\u{1b}["), "--color always must colour the diff:\n{colored:?}");
    assert_eq!(strip_ansi(&colored.stdout), plain.stdout, "colour must only add escapes, not change the text");
}

#[test]
fn color_never_and_default_in_a_pipe_have_no_ansi_escapes() {
    let dir = example_copy();
    for args in [&["--color", "never"][..], &[][..], &["--color", "auto"][..]] {
        let r = run(dir.path(), args);
        assert_eq!(r.code, 0, "{args:?}: {r:?}");
        assert!(!r.stdout.is_empty());
        assert!(!r.stdout.contains('\u{1b}'), "{args:?}: escapes in stdout:\n{r:?}");
        assert!(!r.stderr.contains('\u{1b}'), "{args:?}: escapes in stderr:\n{r:?}");
    }
    let r = run(dir.path(), &["--check", "--color", "never"]);
    assert!(!r.stdout.contains('\u{1b}'), "{r:?}");
}

// ---------------------------------------------------------------------------
// known bugs (kept, ignored until fixed)
// ---------------------------------------------------------------------------

#[test]
fn dry_run_patch_applies_to_a_file_with_a_bom() {
    let patched = TempDir::new().unwrap();
    let written = TempDir::new().unwrap();
    let mut original = b"\xEF\xBB\xBF".to_vec();
    original.extend_from_slice(&buggy_handler());
    for dir in [&patched, &written] {
        fs::write(dir.path().join("data.js"), &original).unwrap();
        git_init_commit(dir.path());
    }
    let dry = run(patched.path(), &[]);
    assert_eq!(dry.code, 0, "{dry:?}");
    let patch_dir = TempDir::new().unwrap();
    let patch = patch_dir.path().join("fix.patch");
    fs::write(&patch, &dry.stdout).unwrap();
    git(patched.path(), &["apply", patch.to_str().unwrap()]);

    let w = run(written.path(), &["--write", "--unsafe-fixes"]);
    assert_eq!(w.code, 0, "{w:?}");
    assert_same_tree(&snapshot(patched.path()), &snapshot(written.path()), "git apply vs --write on a BOM file");
}

#[test]
fn overlapping_paths_process_each_file_once() {
    let dir = example_copy();
    let r = run(dir.path(), &[".", "pages"]);
    assert_eq!(r.code, 0, "{r:?}");
    let paths = diff_paths(&r.stdout);
    let mut unique = paths.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(paths, unique, "each file once, in sorted order:\n{r:?}");

    let same_file = run(dir.path(), &["pages/api/data.js", "./pages/api/data.js"]);
    assert_eq!(diff_paths(&same_file.stdout), ["pages/api/data.js"], "{same_file:?}");

    // Two folders spelled differently reach the same files: the spelling shown must not depend on
    // which worker of the parallel walk found a file first.
    let name = dir.path().file_name().unwrap().to_str().unwrap().to_owned();
    let other_spelling = format!("../{name}/pages");
    let first = run(dir.path(), &["-j", "8", "pages", &other_spelling]);
    let once = run(dir.path(), &["pages"]);
    assert_eq!(diff_paths(&first.stdout).len(), diff_paths(&once.stdout).len(), "each file once:\n{first:?}");
    for _ in 0..5 {
        let again = run(dir.path(), &["-j", "8", "pages", &other_spelling]);
        assert_eq!(again.stdout, first.stdout, "the same run printed different paths");
    }

    let w = run(dir.path(), &["--write", "--unsafe-fixes", ".", "pages"]);
    assert_eq!(w.code, 0, "writing each file once cannot conflict with itself:\n{w:?}");
}

/// A fix that would leave its own finding in place is withdrawn by the fix rounds; `--check`
/// must say so too, not offer a fix that `--write` then does not make.
#[test]
fn check_and_dry_run_agree_on_a_withdrawn_fix() {
    let dir = TempDir::new().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/rules/missing-return/report/throw-path-reaches-second-send.js");
    fs::copy(&fixture, dir.path().join("handler.js")).unwrap();
    let withdrawn = "[not fixable: the fix would leave this finding in place";
    let check = run(dir.path(), &["--check", "handler.js"]);
    assert_eq!(check.code, 1, "{check:?}");
    assert!(check.stdout.contains(withdrawn), "--check offers a fix --write would not make:\n{check:?}");
    assert!(summary_line(&check).contains("1 not fixable"), "{check:?}");
    let dry = run(dir.path(), &["handler.js"]);
    assert_eq!(dry.stdout, "", "nothing to rewrite:\n{dry:?}");
    assert!(dry.stderr.contains(withdrawn), "{dry:?}");
}

// ---------------------------------------------------------------------------
// habits from ESLint, oxlint, Biome and Ruff (issue 17)
// ---------------------------------------------------------------------------

#[test]
fn fix_is_an_alias_of_write() {
    let (fixed, written) = (example_copy(), example_copy());
    let f = run(fixed.path(), &["--fix", "--unsafe-fixes"]);
    let w = run(written.path(), &["--write", "--unsafe-fixes"]);
    assert_eq!((f.code, &f.stdout), (w.code, &w.stdout), "--fix:\n{f:?}\n--write:\n{w:?}");
    assert_ne!(snapshot(fixed.path()), snapshot(&example_dir()), "--fix changes the files");
    assert_same_tree(&snapshot(fixed.path()), &snapshot(written.path()), "--fix vs --write");
    assert!(run(fixed.path(), &["--help"]).stdout.contains("--fix"), "--help shows the alias");
}

#[test]
fn unknown_flags_and_rules_get_a_did_you_mean() {
    let dir = example_copy();
    let r = run(dir.path(), &["--wirte"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("a similar argument exists: '--write'"), "{r:?}");
    let r = run(dir.path(), &["--check", "--rule", "missing-returns"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("did you mean `missing-return`?"), "{r:?}");
    let r = run(dir.path(), &["--explain", "send-in-loops"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("did you mean `send-in-loop`?"), "{r:?}");
}

#[test]
fn diff_on_files_and_folders_is_the_dry_run() {
    let dir = example_copy();
    let before = snapshot(dir.path());
    let plain = run(dir.path(), &[]);
    let diff = run(dir.path(), &["--diff"]);
    assert_eq!((diff.code, &diff.stdout), (plain.code, &plain.stdout), "{diff:?}");
    let one = run(dir.path(), &["--diff", "pages/api/data.js"]);
    assert_eq!(diff_paths(&one.stdout), ["pages/api/data.js"], "{one:?}");
    assert_same_tree(&before, &snapshot(dir.path()), "--diff changes nothing");
    let both = run(dir.path(), &["--diff", "--write"]);
    assert_eq!(both.code, 2, "--diff and --write contradict each other:\n{both:?}");
}

/// A tree with the same buggy handler in `test/`, `src/test/`, `src/tests/` and `src/`.
fn tree_with_test_folders() -> TempDir {
    let dir = TempDir::new().unwrap();
    for rel in ["test/a.js", "src/test/b.js", "src/tests/c.js", "src/d.js"] {
        let path = dir.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, buggy_handler()).unwrap();
    }
    dir
}

#[test]
fn exclude_a_folder_name_matches_it_at_any_depth_like_gitignore() {
    let dir = tree_with_test_folders();
    for glob in ["test", "test/"] {
        let r = run(dir.path(), &["--exclude", glob]);
        assert_eq!(diff_paths(&r.stdout), ["src/d.js", "src/tests/c.js"], "--exclude {glob}:\n{r:?}");
        assert!(!r.stderr.contains("warning"), "{r:?}");
    }
    let anchored = run(dir.path(), &["--exclude", "src/test"]);
    assert_eq!(diff_paths(&anchored.stdout), ["src/d.js", "src/tests/c.js", "test/a.js"], "{anchored:?}");
}

#[test]
fn a_glob_that_matches_no_file_is_warned_about() {
    let dir = tree_with_test_folders();
    let r = run(dir.path(), &["--check", "--exclude", "tset", "--exclude", "test", "--include", "spec/**"]);
    assert!(r.stderr.contains("sendonce: warning: --exclude `tset` matches no file"), "{r:?}");
    assert!(r.stderr.contains("sendonce: warning: --include `spec/**` matches no file"), "{r:?}");
    assert!(!r.stderr.contains("`test`"), "`test` matched, so it is not named:\n{r:?}");
    assert_eq!(r.code, 0, "a warning does not fail the run (and nothing was included):\n{r:?}");
}

#[test]
fn json_lists_only_files_with_findings_or_errors_and_counts_every_file() {
    let dir = example_copy();
    fs::write(dir.path().join("pages/api/broken.js"), "export default function (req, res) { res.json(").unwrap();
    let r = run(dir.path(), &["--check", "--format", "json"]);
    assert_eq!(r.code, 2, "{r:?}");
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let files = doc["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert!(paths.contains(&"pages/api/data.js") && paths.contains(&"pages/api/broken.js"), "{paths:?}");
    for file in files {
        let has_findings = !file["findings"].as_array().unwrap().is_empty();
        assert!(has_findings || !file["error"].is_null(), "a clean file is listed: {file}");
    }
    let clean = !paths.contains(&"pages/api/health.js");
    assert!(clean, "pages/api/health.js has nothing to report: {paths:?}");
    assert!(doc["summary"]["files"].as_u64().unwrap() > files.len() as u64, "the summary counts every file: {doc}");
}

#[test]
fn commonjs_top_level_return_and_a_hashbang_parse() {
    let dir = TempDir::new().unwrap();
    let handler = "module.exports = function (req, res) {\n  if (!req.user) {\n    res.status(401).end();\n  }\n  res.json({ ok: true });\n};\n";
    let guarded =
        format!("#!/usr/bin/env node\nconst config = require('./config');\nif (!config.enabled) return;\n{handler}");
    for name in ["script.js", "script.cjs", "app.jsx"] {
        fs::write(dir.path().join(name), &guarded).unwrap();
    }
    fs::write(dir.path().join("package.json"), r#"{ "type": "commonjs" }"#).unwrap();
    fs::write(dir.path().join("tool.mjs"), format!("#!/usr/bin/env node\nexport default {}", &handler[17..])).unwrap();
    let r = run(dir.path(), &["--check"]);
    assert_eq!(r.code, 1, "{r:?}");
    for name in ["script.js", "script.cjs", "app.jsx", "tool.mjs"] {
        assert!(r.stdout.contains(&format!("{name}:")) && r.stdout.contains("missing-return"), "{name}:\n{r:?}");
    }
    assert!(summary_line(&r).contains(" 0 errors"), "{r:?}");
    // With ESM syntax the file is a module, where a top-level `return` is an error (as in Node).
    fs::write(dir.path().join("module.js"), format!("import x from 'x';\nif (!x) return;\n{handler}")).unwrap();
    let r = run(dir.path(), &["--check", "module.js"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("module.js: error: 2:"), "{r:?}");
}

#[test]
fn flow_files_are_skipped_with_one_note_in_the_summary() {
    let dir = TempDir::new().unwrap();
    let flow = "// @flow\nimport type { Req } from './types';\nexport default function handler(req: Req, res: any) {\n  res.json(1);\n}\n";
    fs::write(dir.path().join("a.js"), flow).unwrap();
    fs::write(dir.path().join("b.js"), flow.replace("// @flow", "/* @flow strict */")).unwrap();
    fs::write(dir.path().join("c.js"), buggy_handler()).unwrap();
    let r = run(dir.path(), &["--check"]);
    assert_eq!(r.code, 1, "the Flow files are no error; c.js has findings:\n{r:?}");
    let summary = summary_line(&r);
    assert!(summary.contains(" 0 errors") && summary.contains("2 Flow-typed files (`@flow`) skipped"), "{r:?}");
    assert!(!r.stderr.contains("a.js") && !r.stdout.contains("a.js"), "no message per Flow file:\n{r:?}");
    let only_flow = run(dir.path(), &["--check", "a.js"]);
    assert_eq!(only_flow.code, 0, "{only_flow:?}");
    assert!(summary_line(&only_flow).contains("1 Flow-typed file (`@flow`) skipped"), "{only_flow:?}");
    let json = run(dir.path(), &["--check", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(doc["summary"]["flow_skipped"], 2, "{json:?}");
    // From an editor: the source comes back unchanged, with a note and exit 0.
    let piped = finish(sendonce(dir.path()).args(["--stdin-filename", "a.js"]).write_stdin(flow).output().unwrap());
    assert_eq!((piped.code, piped.stdout.as_str()), (0, flow), "{piped:?}");
    assert!(piped.stderr.contains("Flow-typed file"), "{piped:?}");
}

#[test]
fn check_with_stdin_filename_never_says_fixed() {
    let dir = TempDir::new().unwrap();
    let out = sendonce(dir.path())
        .args(["--check", "--stdin-filename", "pages/api/data.js"])
        .write_stdin(buggy_handler())
        .output()
        .unwrap();
    let r = finish(out);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("multiple-sends") && r.stdout.contains("[fix available: unsafe]"), "{r:?}");
    assert!(!r.stdout.contains("[fixed]") && !r.stderr.contains("[fixed]"), "--check changes nothing:\n{r:?}");
}

#[test]
fn unused_ignore_is_listed_explained_and_selectable() {
    let dir = TempDir::new().unwrap();
    let listed = run(dir.path(), &["--list-rules"]);
    assert!(listed.stdout.lines().any(|l| l.starts_with("unused-ignore ") && l.contains("report only")), "{listed:?}");
    let explained = run(dir.path(), &["--explain", "unused-ignore"]);
    assert_eq!(explained.code, 0, "{explained:?}");
    assert!(explained.stdout.starts_with("### `unused-ignore` (report only)"), "{explained:?}");
    let stale = "export default function h(req, res) {\n  // sendonce-ignore-next-line send-in-loop\n  res.json(1);\n  res.json(2);\n}\n";
    fs::write(dir.path().join("a.js"), stale).unwrap();
    let only = run(dir.path(), &["--check", "--rule", "unused-ignore"]);
    assert_eq!(only.code, 1, "{only:?}");
    assert!(only.stdout.contains("a.js:2:3: unused-ignore:") && !only.stdout.contains("multiple-sends"), "{only:?}");
    let ignored = run(dir.path(), &["--check", "--ignore-rule", "unused-ignore"]);
    assert!(!ignored.stdout.contains("unused-ignore") && ignored.stdout.contains("multiple-sends"), "{ignored:?}");
}

// ---------------------------------------------------------------------------
// messages a user can act on (issue 17)
// ---------------------------------------------------------------------------

/// `--check --format json` on one file holding `source`: its findings.
fn findings_of(source: &str) -> Vec<serde_json::Value> {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("a.js"), source).unwrap();
    let r = run(dir.path(), &["--check", "--format", "json", "--ignore-rule", "no-response"]);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {r:?}"));
    doc["files"].as_array().unwrap().iter().flat_map(|f| f["findings"].as_array().unwrap().clone()).collect()
}

#[test]
fn missing_return_is_reported_at_the_send_that_lacks_it() {
    let found = findings_of(
        "export default function h(req, res) {\n  if (!req.user) {\n    res.status(401).json({});\n  }\n  res.clearCookie('session');\n  res.json({ ok: true });\n}\n",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    let finding = &found[0];
    assert_eq!(finding["rule"], "missing-return");
    assert_eq!((&finding["primary"]["start"]["line"], &finding["primary"]["start"]["column"]), (&3.into(), &5.into()));
    assert_eq!(finding["labels"][0]["start"]["line"], 5, "the later write is the related location: {finding}");
    let message = finding["message"].as_str().unwrap();
    assert!(message.contains("`res.clearCookie('session')` on line 5, which sets a header"), "{message}");
    assert!(!message.contains("line 3"), "no message points at its own line: {message}");
    let label = finding["labels"][0]["message"].as_str().unwrap();
    assert!(label.starts_with("sets a header here") && !label.contains("send"), "a header write is no send: {label}");
}

#[test]
fn send_then_throw_names_the_statement_that_throws() {
    let found = findings_of(
        "export default async function h(req, res) {\n  try {\n    res.status(201).json(order);\n    const at = 1;\n    await audit.log(order.id);\n  } catch (error) {\n    res.status(500).json({ error: error.message });\n  }\n}\n",
    );
    let finding = found.iter().find(|f| f["rule"] == "send-then-throw").unwrap_or_else(|| panic!("{found:?}"));
    let message = finding["message"].as_str().unwrap();
    assert!(message.starts_with("`await audit.log(order.id)` on line 5 can throw after"), "{message}");
    let thrower = finding["labels"].as_array().unwrap().iter().find(|l| l["start"]["line"] == 5);
    assert!(thrower.is_some_and(|l| l["message"].as_str().unwrap().contains("can throw")), "{finding}");
}

#[test]
fn a_second_send_on_the_same_line_is_not_sent_to_its_own_line() {
    let found = findings_of("module.exports = function (req, res) { res.json(1); res.json(2); };\n");
    assert_eq!(found.len(), 1, "{found:?}");
    let message = found[0]["message"].as_str().unwrap();
    assert_eq!(message, "`res.json(2)` sends a second response; `res.json(1)` already sent one");
}

#[test]
fn a_send_in_an_iteration_callback_is_one_finding_with_the_send_after_the_loop() {
    let found = findings_of(
        "app.get('/u', (req, res) => {\n  users.forEach((u) => {\n    if (u.admin) {\n      res.json(u);\n    }\n  });\n  res.status(404).json({});\n});\n",
    );
    let rules: Vec<&str> = found.iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["send-in-loop"], "one bug, one finding: {found:?}");
    let message = found[0]["message"].as_str().unwrap();
    assert!(message.ends_with("and `res.status(404).json({})` on line 7 sends too"), "{message}");
    assert_eq!(found[0]["labels"][0]["start"]["line"], 7, "{found:?}");
}

#[test]
fn a_send_in_a_loop_is_one_finding_with_what_follows_the_loop() {
    // Falling through to the send after the loop: one missing `return`, whose fix ends the loop too.
    let found = findings_of(
        "app.get('/u', (req, res) => {\n  for (const u of users) {\n    if (u.id === req.params.id) {\n      res.json(u);\n    }\n  }\n  res.status(404).json({});\n});\n",
    );
    let rules: Vec<&str> = found.iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["missing-return"], "{found:?}");
    // Sending on every iteration, then after the loop: one send-in-loop finding naming both.
    let found = findings_of(
        "app.get('/u', (req, res) => {\n  for (const u of users) {\n    res.json(u);\n  }\n  res.status(404).json({});\n});\n",
    );
    let rules: Vec<&str> = found.iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["send-in-loop"], "{found:?}");
    assert!(found[0]["message"].as_str().unwrap().ends_with("`res.status(404).json({})` on line 5 sends too"));
    assert_eq!(found[0]["labels"][0]["message"], "sends here too, after the loop", "{found:?}");
}

#[test]
fn a_header_write_after_a_send_is_called_a_header_write() {
    let found = findings_of(
        "export default function h(req, res) {\n  res.json(1);\n  res.clearCookie('session');\n  res.json(2);\n}\n",
    );
    let write = found.iter().find(|f| f["primary"]["start"]["line"] == 3).unwrap_or_else(|| panic!("{found:?}"));
    let message = write["message"].as_str().unwrap();
    assert!(message.starts_with("`res.clearCookie('session')` sets a header after the response was sent"), "{message}");
    assert_eq!(write["primary"]["message"], "sets a header here, after the response was sent (this throws)");
    assert_eq!(write["no_fix_reason"], "set headers before the first send", "{write}");
}

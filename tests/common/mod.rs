//! Helpers shared by the integration tests: temporary copies of fixture trees, running the
//! binary, real git, and comparing trees byte for byte.
#![allow(dead_code)] // each test file uses only some of them

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use assert_cmd::Command;
use tempfile::TempDir;

mod generate;
#[allow(unused_imports)] // only the property, fuzz and determinism tests use the generator
pub use generate::*;

// ---------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------

pub fn example_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/example")
}

pub fn example_file(rel: &str) -> Vec<u8> {
    fs::read(example_dir().join(rel)).unwrap_or_else(|e| panic!("cannot read example file {rel}: {e}"))
}

/// Copies `from` into `to` recursively: folders, files, and (on Unix) symlinks as symlinks.
pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("cannot create {}: {e}", to.display()));
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("cannot list {}: {e}", from.display())) {
        let entry = entry.unwrap();
        let kind = entry.file_type().unwrap();
        let src = entry.path();
        let dst = to.join(entry.file_name());
        if kind.is_dir() {
            copy_tree(&src, &dst);
        } else if kind.is_symlink() {
            #[cfg(unix)]
            std::os::unix::fs::symlink(fs::read_link(&src).unwrap(), &dst).unwrap();
            #[cfg(not(unix))]
            fs::copy(&src, &dst).unwrap();
        } else {
            fs::copy(&src, &dst).unwrap_or_else(|e| panic!("cannot copy {}: {e}", src.display()));
        }
    }
}

/// A fresh copy of the example project (node_modules and dist included).
pub fn example_copy() -> TempDir {
    let dir = TempDir::new().unwrap();
    copy_tree(&example_dir(), dir.path());
    assert!(dir.path().join("node_modules/fake-pkg/index.js").is_file(), "copy must include node_modules");
    assert!(dir.path().join("dist/api.js").is_file(), "copy must include dist");
    dir
}

/// The binary, run with `cwd` as its current folder and colour left to its defaults.
pub fn sendonce(cwd: &Path) -> Command {
    let mut cmd = Command::cargo_bin("sendonce").expect("the sendonce binary is built");
    cmd.current_dir(cwd).env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    cmd
}

/// What one run produced.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit code {}\n--- stdout ---\n{}\n--- stderr ---\n{}", self.code, self.stdout, self.stderr)
    }
}

pub fn run(cwd: &Path, args: &[&str]) -> Run {
    finish(sendonce(cwd).args(args).output().expect("sendonce runs"))
}

/// The [`Run`] of a finished process (for runs started another way, e.g. through `setpriv`).
pub fn finish(out: std::process::Output) -> Run {
    Run {
        code: out.status.code().expect("sendonce exited normally (not by a signal)"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = StdCommand::new("git")
        .args(["-c", "core.autocrlf=false", "-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run git (the tests need it; `.ci/run` installs it): {e}"));
    assert!(
        out.status.success(),
        "git {args:?} failed in {}:\n{}{}",
        dir.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `git init` + `git add -A` + commit, so the folder is a repository with a clean work tree.
pub fn git_init_commit(dir: &Path) {
    git(dir, &["init", "-q"]);
    git(dir, &["add", "-A"]);
    git(dir, &["-c", "user.email=a@b", "-c", "user.name=t", "commit", "-q", "-m", "init"]);
}

/// Every regular file under `dir` (except inside `.git`), by `/`-separated relative path.
/// Symlinks are recorded as `symlink -> TARGET`.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                if entry.file_name() != ".git" {
                    walk(root, &path, out);
                }
            } else if kind.is_symlink() {
                let target = fs::read_link(&path).unwrap();
                out.insert(rel, format!("symlink -> {}", target.display()).into_bytes());
            } else {
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Asserts two snapshots are byte-identical, naming the first file that differs.
pub fn assert_same_tree(left: &BTreeMap<String, Vec<u8>>, right: &BTreeMap<String, Vec<u8>>, what: &str) {
    let left_names: Vec<_> = left.keys().collect();
    let right_names: Vec<_> = right.keys().collect();
    assert_eq!(left_names, right_names, "{what}: the two trees hold different files");
    for (name, bytes) in left {
        let other = &right[name];
        assert!(
            bytes == other,
            "{what}: {name} differs\n--- left ---\n{}\n--- right ---\n{}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(other)
        );
    }
}

/// Files whose name looks like one of sendonce's temporary files.
pub fn temp_files(dir: &Path) -> Vec<String> {
    snapshot(dir)
        .into_keys()
        .filter(|p| {
            let name = p.rsplit('/').next().unwrap();
            name.starts_with(".sendonce-") || name.ends_with(".tmp")
        })
        .collect()
}

/// The `PATH` of every `--- a/PATH` header, in output order.
pub fn diff_paths(diff: &str) -> Vec<String> {
    diff.lines().filter_map(|l| l.strip_prefix("--- a/")).map(str::to_owned).collect()
}

/// The summary line (`sendonce: ...`) on stderr; asserts there is exactly one and it is the last line.
pub fn summary_line(run: &Run) -> &str {
    let summaries: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("sendonce:")).collect();
    assert_eq!(summaries.len(), 1, "expected exactly one summary line on stderr:\n{run:?}");
    assert_eq!(run.stderr.lines().last(), Some(summaries[0]), "the summary line must come last:\n{run:?}");
    summaries[0]
}

/// The `N` in `N findings` of the summary line.
pub fn summary_findings(run: &Run) -> usize {
    let line = summary_line(run);
    let body = line.strip_prefix("sendonce:").unwrap();
    for part in body.split(',') {
        let mut words = part.split_whitespace();
        if let (Some(n), Some(word)) = (words.next(), words.next()) {
            if word.starts_with("finding") {
                return n.parse().unwrap_or_else(|_| panic!("bad finding count in {line:?}"));
            }
        }
    }
    panic!("no finding count in summary line {line:?}");
}

/// Removes ANSI SGR escape sequences (`ESC [ ... m` and friends).
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Asserts every line of `stdout` is unified-diff text.
pub fn assert_only_diff_lines(stdout: &str) {
    for (i, line) in stdout.lines().enumerate() {
        assert!(
            ["---", "+++", "@@", " ", "+", "-", "\\"].iter().any(|p| line.starts_with(p)),
            "stdout line {} is not diff text: {line:?}\nfull stdout:\n{stdout}",
            i + 1
        );
    }
}

/// The example's handler with two sends, for tests that build their own trees.
pub fn buggy_handler() -> Vec<u8> {
    example_file("pages/api/data.js")
}

#[cfg(unix)]
pub fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[cfg(unix)]
pub fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// Node from PATH; the behaviour tests cannot run without it, and must not silently pass.
pub fn node() -> &'static str {
    match StdCommand::new("node").arg("--version").output() {
        Ok(out) if out.status.success() => "node",
        Ok(out) => panic!(
            "`node --version` failed ({}); the behaviour tests need Node.js 20 on PATH (`.ci/run` installs it)",
            out.status
        ),
        Err(err) => panic!(
            "`node` is not on PATH ({err}); the behaviour tests need Node.js 20 to execute fixed handlers. \
             `.ci/run` installs it (apt-get install nodejs)"
        ),
    }
}

/// Runs the Node harness `tests/behaviour/run-handler.mjs` on `dir/file` with `args` (which
/// route, which source fails, ...) and parses the JSON line it prints: the sends, status, body
/// and errors of one request.
pub fn run_handler(dir: &Path, file: &str, args: &[&str]) -> serde_json::Value {
    let harness = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/behaviour/run-handler.mjs");
    let out = StdCommand::new(node())
        .arg(harness)
        .arg(dir.join(file))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "run-handler.mjs {file} {args:?} exited with {}:\n{stdout}{stderr}\n--- {file} ---\n{}",
        out.status,
        fs::read_to_string(dir.join(file)).unwrap_or_default()
    );
    let line = stdout
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_else(|| panic!("run-handler.mjs printed nothing for {file} {args:?}; stderr:\n{stderr}"));
    serde_json::from_str(line).unwrap_or_else(|e| panic!("run-handler.mjs printed invalid JSON ({e}): {line}"))
}

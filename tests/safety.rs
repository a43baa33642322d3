//! The promises of the README's Safety section that the fault tests do not already cover, each on
//! real files and the real binary: output that cannot be written is an error, special files are
//! never read, the worker count is capped.

#![cfg(target_os = "linux")]

mod common;

use std::collections::HashSet;
use std::fs;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command as StdCommand, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};

use assert_cmd::cargo::cargo_bin;
use tempfile::TempDir;

use common::{finish, Run};

/// The seed bug: two awaits, two sends. sendonce rewrites it.
const BUGGY: &str = "export default async function handler(req, res) {
  const data1 = await fetchDataFromSource1();
  res.json(data1);

  const data2 = await fetchDataFromSource2();
  res.json(data2);
}
";

/// The binary with `args` in `cwd`, colour off, stdout going to `stdout` and stdin from `stdin`.
fn run_with(cwd: &Path, args: &[&str], stdin: Stdio, stdout: Stdio) -> (i32, String) {
    let out = StdCommand::new(cargo_bin("sendonce"))
        .args(args)
        .current_dir(cwd)
        .stdin(stdin)
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .expect("sendonce runs");
    (
        out.status.code().expect("sendonce exited normally (not by a signal)"),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn dev_full() -> Stdio {
    Stdio::from(fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full exists on Linux"))
}

// ---------------------------------------------------------------------------
// 1. stdout write errors
// ---------------------------------------------------------------------------

#[test]
fn every_output_to_a_full_device_exits_2_with_a_message() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("data.js"), BUGGY).unwrap();
    let input = || Stdio::from(fs::File::open(dir.path().join("data.js")).unwrap());
    let cases: [&[&str]; 9] = [
        &["--list-rules"],
        &["--explain", "multiple-sends"],
        &["--generate", "man"],
        &["--generate", "completions-bash"],
        &["data.js"],
        &["--check", "data.js"],
        &["--format", "json", "data.js"],
        &["--format", "sarif", "data.js"],
        &["--stdin-filename", "data.js"],
    ];
    for args in cases {
        let (code, stderr) = run_with(dir.path(), args, input(), dev_full());
        assert_eq!(code, 2, "{args:?} > /dev/full must fail, not look like a success:\n{stderr}");
        assert!(
            stderr.contains("error: cannot write to stdout") && stderr.contains("No space left on device"),
            "{args:?}: {stderr}"
        );
    }
    assert_eq!(fs::read_to_string(dir.path().join("data.js")).unwrap(), BUGGY);
}

#[test]
fn a_reader_that_goes_away_is_not_an_error() {
    let dir = TempDir::new().unwrap();
    for i in 0..200 {
        fs::write(dir.path().join(format!("f{i:03}.js")), BUGGY).unwrap();
    }
    for args in [&["--list-rules"][..], &["."][..], &["--stdin-filename", "f000.js"][..]] {
        let mut child = StdCommand::new(cargo_bin("sendonce"))
            .args(args)
            .current_dir(dir.path())
            .stdin(Stdio::from(fs::File::open(dir.path().join("f000.js")).unwrap()))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the read end before anything is read: every write gets EPIPE.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("cannot write to stdout") && !stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_ne!(out.status.code(), Some(2), "{args:?}: a closed reader is not an error:\n{stderr}");
    }
}

// ---------------------------------------------------------------------------
// 10. special files
// ---------------------------------------------------------------------------

fn mkfifo(path: &Path) {
    let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: `name` is a NUL-terminated path that lives across the call.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0, "mkfifo {}", path.display());
}

#[test]
fn a_fifo_named_on_the_command_line_is_an_error_and_never_waited_for() {
    let dir = TempDir::new().unwrap();
    let fifo = dir.path().join("pipe.js");
    let linked = dir.path().join("linked-pipe.mjs");
    mkfifo(&fifo);
    mkfifo(&linked);
    fs::write(dir.path().join("data.js"), BUGGY).unwrap();
    fs::write(dir.path().join("other.js"), BUGGY).unwrap();
    symlink(&linked, &dir.path().join("link.js"));
    // If sendonce blocks opening the FIFO for reading, a writer that opens and closes it lets
    // that open return (with an empty read), so a regression fails below instead of hanging.
    let done = AtomicBool::new(false);
    let r = std::thread::scope(|scope| {
        scope.spawn(|| {
            while !done.load(Ordering::Acquire) {
                for pipe in [&fifo, &linked] {
                    let _ = fs::OpenOptions::new().write(true).custom_flags(libc::O_NONBLOCK).open(pipe).map(drop);
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
        });
        let r = common::run(
            dir.path(),
            &["--write", "--unsafe-fixes", "--allow-dirty", "pipe.js", "data.js", "link.js", "other.js"],
        );
        done.store(true, Ordering::Release);
        r
    });
    assert_eq!(r.code, 2, "{r:?}");
    for name in ["pipe.js", "link.js"] {
        let line =
            r.stderr.lines().find(|l| l.starts_with(name)).unwrap_or_else(|| panic!("no line for {name}:\n{r:?}"));
        assert!(line.contains("error: not a regular file (a FIFO)"), "{line}");
    }
    for pipe in [&fifo, &linked] {
        assert!(fs::symlink_metadata(pipe).unwrap().file_type().is_fifo(), "{} is still a FIFO", pipe.display());
    }
    for name in ["data.js", "other.js"] {
        assert_ne!(fs::read_to_string(dir.path().join(name)).unwrap(), BUGGY, "{name}: the other files are fixed");
    }
}

fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[test]
fn devices_are_never_read() {
    let dir = TempDir::new().unwrap();
    symlink(Path::new("/dev/zero"), &dir.path().join("zero.js"));
    symlink(Path::new("/dev/urandom"), &dir.path().join("random.ts"));
    fs::write(dir.path().join("data.js"), BUGGY).unwrap();
    let mut cmd = StdCommand::new(cargo_bin("sendonce"));
    cmd.args(["--check", "-j", "1", "zero.js", "random.ts", "data.js"]).current_dir(dir.path());
    // Reading a device without end would take all memory: bound it, so a regression is an
    // allocation failure here instead of a machine out of memory (one worker: the bound leaves
    // room for its deep stack, reserved whole, on any number of CPUs).
    // SAFETY: `setrlimit` is async-signal-safe and touches only the child.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit { rlim_cur: 4 << 30, rlim_max: 4 << 30 };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let r = finish(cmd.output().expect("sendonce runs"));
    assert_eq!(r.code, 2, "{r:?}");
    for name in ["zero.js", "random.ts"] {
        let line =
            r.stderr.lines().find(|l| l.starts_with(name)).unwrap_or_else(|| panic!("no line for {name}:\n{r:?}"));
        assert!(line.contains("error: not a regular file (a character device)"), "{line}");
    }
    assert!(r.stdout.lines().any(|l| l.starts_with("data.js:") && l.contains(": multiple-sends: ")), "{r:?}");
}

// ---------------------------------------------------------------------------
// 11. -j is capped
// ---------------------------------------------------------------------------

/// Whether the tests run as root.
fn is_root() -> bool {
    // SAFETY: `geteuid` has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

#[test]
fn a_thread_count_beyond_the_machine_is_capped_to_one_per_cpu() {
    let dir = TempDir::new().unwrap();
    for i in 0..26 {
        fs::write(dir.path().join(format!("f{i:02}.js")), BUGGY).unwrap();
    }
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get()) as u64;
    // A process limit well above what one thread per CPU needs (the worker pool, the walker's
    // threads and the main thread) and far below 1,000: starting every requested thread fails.
    let limit = 2 * cpus + 100;
    if !is_root() {
        // RLIMIT_NPROC counts every process of the user, which this test cannot know.
        eprintln!("skipped: needs root (to run as `nobody` with a process limit of its own)");
        return;
    }
    // Root ignores RLIMIT_NPROC: run as `nobody`.
    let mut cmd = StdCommand::new("setpriv");
    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]).arg(cargo_bin("sendonce"));
    cmd.args(["--check", "-j", "1000", "."]).current_dir(dir.path());
    // SAFETY: `setrlimit` is async-signal-safe and touches only the child.
    unsafe {
        cmd.pre_exec(move || {
            let limit = libc::rlimit { rlim_cur: limit, rlim_max: limit };
            if libc::setrlimit(libc::RLIMIT_NPROC, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let r: Run = finish(cmd.output().expect("sendonce runs (setpriv from util-linux when root)"));
    assert_eq!(r.code, 1, "26 findings, no error:\n{r:?}");
    assert!(r.stdout.lines().filter(|l| l.contains(": multiple-sends: ")).count() == 26, "{r:?}");
}

// ---------------------------------------------------------------------------
// 13. SARIF URIs
// ---------------------------------------------------------------------------

#[test]
fn sarif_uris_percent_encode_every_reserved_character_of_a_file_name() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("a b#c");
    fs::create_dir(&folder).unwrap();
    let name = "x?y%z:é\\w.js";
    fs::write(folder.join(name), BUGGY).unwrap();
    let r = common::run(dir.path(), &["--check", "--format", "sarif", "."]);
    assert_eq!(r.code, 1, "{r:?}");
    let log: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap_or_else(|| panic!("no uri in {}", r.stdout))
        .to_owned();
    assert_eq!(uri, "a%20b%23c/x%3Fy%25z%3A%C3%A9%5Cw.js");
    let decoded = percent_encoding::percent_decode_str(&uri).decode_utf8().unwrap();
    assert_eq!(decoded, format!("a b#c/{name}"), "the URI names the file exactly");
}

// ---------------------------------------------------------------------------
// 12. diff headers git applies
// ---------------------------------------------------------------------------

#[test]
fn names_git_quotes_are_quoted_in_diff_headers_and_the_patch_applies() {
    let names = ["tab\there.js", "cr\rhere.js", "new\nline.js", "back\\slash.js", "quote\"d.js", "é.js", "plain.js"];
    let dir = TempDir::new().unwrap();
    for name in names {
        fs::write(dir.path().join(name), BUGGY).unwrap();
    }
    common::git_init_commit(dir.path());
    let dry = common::run(dir.path(), &["."]);
    assert_eq!(dry.code, 0, "{dry:?}");
    for header in
        ["--- \"a/tab\\there.js\"", "+++ \"b/new\\nline.js\"", "--- \"a/back\\\\slash.js\"", "--- \"a/\\303\\251.js\""]
    {
        assert!(dry.stdout.lines().any(|l| l == header), "no `{header}` in:\n{}", dry.stdout);
    }
    assert!(dry.stdout.lines().any(|l| l == "--- a/plain.js"), "{}", dry.stdout);
    let elsewhere = TempDir::new().unwrap();
    let patch = elsewhere.path().join("fix.patch");
    fs::write(&patch, &dry.stdout).unwrap();
    common::git(dir.path(), &["apply", patch.to_str().unwrap()]);
    let applied = common::snapshot(dir.path());
    common::git(dir.path(), &["checkout", "--", "."]);
    let written = common::run(dir.path(), &["--write", "--unsafe-fixes"]);
    assert_eq!(written.code, 0, "{written:?}");
    assert_eq!(applied, common::snapshot(dir.path()), "git apply of the dry run equals --write");
    for name in names {
        assert_ne!(fs::read_to_string(dir.path().join(name)).unwrap(), BUGGY, "{name:?} was fixed");
    }
}

// ---------------------------------------------------------------------------
// 14. [fixed] only when written, JSONC configuration, names that are not UTF-8
// ---------------------------------------------------------------------------

#[test]
fn a_finding_whose_write_failed_is_never_reported_fixed() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("data.js"), BUGGY).unwrap();
    let mut cmd = StdCommand::new(cargo_bin("sendonce"));
    cmd.args(["--write", "--unsafe-fixes", "data.js"]).current_dir(dir.path());
    // A file size limit of 0: writing the temporary file fails with EFBIG (SIGXFSZ ignored).
    // SAFETY: `signal` and `setrlimit` are async-signal-safe and touch only the child.
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let r = finish(cmd.output().expect("sendonce runs"));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("data.js: error: cannot write: File too large"), "{r:?}");
    let finding = r.stderr.lines().find(|l| l.contains(": multiple-sends: ")).unwrap_or_else(|| panic!("{r:?}"));
    assert!(!finding.contains("[fixed]") && finding.ends_with("[fix available: unsafe]"), "{finding}");
    let summary = r.stderr.lines().last().unwrap();
    assert!(summary.contains("1 finding (1 fixable)") && !summary.contains("fixed)"), "{summary}");
    assert_eq!(fs::read_to_string(dir.path().join("data.js")).unwrap(), BUGGY);
}

#[test]
fn sendonce_json_may_have_a_bom_comments_and_trailing_commas() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("data.js"), BUGGY).unwrap();
    fs::write(dir.path().join("other.js"), BUGGY).unwrap();
    let config = "\u{feff}{\n  // as in tsconfig.json\n  \"rules\": { \"send-in-loop\": \"warn\", },\n  /* only one file */\n  \"exclude\": [\"other.js\",],\n}\n";
    fs::write(dir.path().join("sendonce.json"), config).unwrap();
    let r = common::run(dir.path(), &["--check"]);
    assert_eq!(r.code, 1, "the configuration is read, and data.js still has its finding:\n{r:?}");
    assert!(r.stdout.lines().any(|l| l.starts_with("data.js:")), "{r:?}");
    assert!(!r.stdout.contains("other.js"), "the exclude applies:\n{r:?}");
}

#[test]
fn a_file_whose_name_is_not_utf8_is_named_in_a_note_and_left_alone() {
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new().unwrap();
    let latin1 = dir.path().join(std::ffi::OsStr::from_bytes(b"caf\xe9.js"));
    fs::write(&latin1, BUGGY).unwrap();
    fs::write(dir.path().join("data.js"), BUGGY).unwrap();
    let r = common::run(dir.path(), &["--write", "--unsafe-fixes", "--allow-dirty"]);
    assert_eq!(r.code, 0, "{r:?}");
    let note = r.stderr.lines().find(|l| l.contains(": note: ")).unwrap_or_else(|| panic!("no note:\n{r:?}"));
    assert!(note.starts_with("caf\u{fffd}.js: note: the file name is not valid UTF-8"), "{note}");
    assert_eq!(fs::read_to_string(&latin1).unwrap(), BUGGY, "left alone");
    assert_ne!(fs::read_to_string(dir.path().join("data.js")).unwrap(), BUGGY, "the other file is fixed");
}

// ---------------------------------------------------------------------------
// 3. sendonce.json globs are relative to its folder, whatever the spelling
// ---------------------------------------------------------------------------

#[test]
fn sendonce_json_globs_match_from_its_folder_however_the_path_is_spelled() {
    let dir = TempDir::new().unwrap();
    let repo = dir.path().join("repo");
    fs::create_dir_all(repo.join("src/api")).unwrap();
    fs::create_dir_all(repo.join("lib")).unwrap();
    fs::write(repo.join("src/api/a.js"), BUGGY).unwrap();
    fs::write(repo.join("lib/b.js"), BUGGY).unwrap();
    let listed = |r: &Run| -> Vec<String> {
        let mut files: Vec<String> = r
            .stdout
            .lines()
            .filter_map(|l| l.split_once(':').map(|(path, _)| path.rsplit('/').next().unwrap_or(path).to_owned()))
            .collect();
        files.dedup();
        files
    };
    let spellings: [(&str, &[&str]); 6] = [
        ("repo", &[]),
        ("repo", &["."]),
        ("repo", &["./src", "./lib/"]),
        ("repo", &["src/api/a.js", "lib/b.js"]),
        ("repo/src", &[".", "../lib"]),
        ("", &["repo/./src/../src", "repo/lib"]),
    ];
    fs::write(repo.join("sendonce.json"), r#"{ "exclude": ["src/**"] }"#).unwrap();
    for (cwd, paths) in spellings {
        let r = common::run(&dir.path().join(cwd), &[&["--check"][..], paths].concat());
        assert_eq!(listed(&r), ["b.js"], "exclude src/** from {cwd:?} with {paths:?}:\n{r:?}");
    }
    fs::write(repo.join("sendonce.json"), r#"{ "include": ["src/**"] }"#).unwrap();
    for (cwd, paths) in spellings {
        let r = common::run(&dir.path().join(cwd), &[&["--check"][..], paths].concat());
        assert_eq!(r.code, 1, "include src/** still checks src from {cwd:?} with {paths:?}:\n{r:?}");
        assert_eq!(listed(&r), ["a.js"], "include src/** from {cwd:?} with {paths:?}:\n{r:?}");
    }
    let w = common::run(&repo, &["--write", "--unsafe-fixes"]);
    assert_eq!(fs::read_to_string(repo.join("lib/b.js")).unwrap(), BUGGY, "not included, not written:\n{w:?}");
    assert_ne!(fs::read_to_string(repo.join("src/api/a.js")).unwrap(), BUGGY, "{w:?}");
}

// ---------------------------------------------------------------------------
// 2. the dirty-tree guard compares paths as bytes and checks ignored files
// ---------------------------------------------------------------------------

#[test]
fn an_uncommitted_file_under_a_folder_name_that_is_not_utf8_is_refused() {
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join(std::ffi::OsStr::from_bytes(b"caf\xe9"));
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("a.js"), BUGGY).unwrap();
    common::git_init_commit(dir.path());
    let edited = format!("{BUGGY}// not committed anywhere\n");
    fs::write(folder.join("a.js"), &edited).unwrap();
    let r = common::run(dir.path(), &["--write", "--unsafe-fixes"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("refusing to write: 1 file has uncommitted changes"), "{r:?}");
    assert_eq!(fs::read_to_string(folder.join("a.js")).unwrap(), edited, "the uncommitted edit is kept");
    assert!(common::temp_files(dir.path()).is_empty());
}

#[test]
fn a_git_ignored_file_named_on_the_command_line_is_refused_like_an_untracked_one() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join(".gitignore"), "gen.js\nbuild/\n").unwrap();
    fs::write(dir.path().join("clean.js"), BUGGY).unwrap();
    common::git_init_commit(dir.path());
    fs::create_dir(dir.path().join("build")).unwrap();
    fs::write(dir.path().join("gen.js"), BUGGY).unwrap();
    fs::write(dir.path().join("build/out.js"), BUGGY).unwrap();
    for args in [&["gen.js"][..], &["build/out.js"][..], &["--no-ignore"][..]] {
        let r = common::run(dir.path(), &[&["--write", "--unsafe-fixes"][..], args].concat());
        assert_eq!(r.code, 2, "{args:?}: an ignored file has no committed copy:\n{r:?}");
        assert!(r.stderr.contains("uncommitted changes"), "{args:?}: {r:?}");
    }
    assert_eq!(fs::read_to_string(dir.path().join("gen.js")).unwrap(), BUGGY);
    assert_eq!(fs::read_to_string(dir.path().join("build/out.js")).unwrap(), BUGGY);
    let clean = common::run(dir.path(), &["--write", "--unsafe-fixes", "clean.js"]);
    assert_eq!(clean.code, 0, "a committed file is still written:\n{clean:?}");
    let forced = common::run(dir.path(), &["--write", "--unsafe-fixes", "--allow-dirty", "gen.js"]);
    assert_eq!(forced.code, 0, "{forced:?}");
    assert_ne!(fs::read_to_string(dir.path().join("gen.js")).unwrap(), BUGGY);
}

// ---------------------------------------------------------------------------
// 4. temporary files: removed on SIGINT/SIGTERM, and by a later run after SIGKILL
// ---------------------------------------------------------------------------

/// A `--write` of `files` fixable files in a fresh repository, stopped while its temporary files
/// exist: the `git` it asks about uncommitted changes is a script that says it was started (its
/// PID in a file) and then waits, so the test knows the temporary files are written and no
/// original is replaced yet. Returns the repository, the running sendonce and the script's PID.
fn write_paused_at_the_git_check(files: usize) -> (TempDir, TempDir, std::process::Child, i32) {
    let dir = TempDir::new().unwrap();
    for i in 0..files {
        fs::write(dir.path().join(format!("f{i:02}.js")), BUGGY).unwrap();
    }
    common::git_init_commit(dir.path());
    let tools = TempDir::new().unwrap();
    let ready = tools.path().join("ready");
    let script = tools.path().join("git");
    fs::write(&script, "#!/bin/sh\necho $$ > \"$READY.part\" && mv \"$READY.part\" \"$READY\"\nexec sleep 600\n")
        .unwrap();
    fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let path = format!("{}:{}", tools.path().display(), std::env::var("PATH").unwrap_or_default());
    let mut child = StdCommand::new(cargo_bin("sendonce"))
        .args(["--write", "--unsafe-fixes"])
        .current_dir(dir.path())
        .env("PATH", path)
        .env("READY", &ready)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    while !ready.exists() {
        assert!(child.try_wait().unwrap().is_none(), "sendonce ended before it asked git");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let git_pid = fs::read_to_string(&ready).unwrap().trim().parse().unwrap();
    (dir, tools, child, git_pid)
}

#[test]
fn sigint_and_sigterm_during_write_remove_every_temporary_file() {
    use std::os::unix::process::ExitStatusExt;
    for signal in [libc::SIGINT, libc::SIGTERM] {
        let (dir, _tools, mut child, git_pid) = write_paused_at_the_git_check(20);
        assert_eq!(common::temp_files(dir.path()).len(), 20, "the fixed texts are written beside the originals");
        // SAFETY: signals a child this test started (and the script it started).
        unsafe { libc::kill(child.id() as i32, signal) };
        let status = child.wait().unwrap();
        unsafe { libc::kill(git_pid, libc::SIGKILL) };
        assert_eq!(status.signal(), Some(signal), "sendonce ends by the signal, as before the cleanup");
        assert!(common::temp_files(dir.path()).is_empty(), "signal {signal}: {:?}", common::temp_files(dir.path()));
        for i in 0..20 {
            assert_eq!(fs::read_to_string(dir.path().join(format!("f{i:02}.js"))).unwrap(), BUGGY);
        }
    }
}

#[test]
fn a_later_write_removes_what_a_killed_run_left_and_nothing_of_a_running_one() {
    let (dir, _tools, mut child, git_pid) = write_paused_at_the_git_check(5);
    // SAFETY: kills a child this test started (and the script it started).
    unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
    child.wait().unwrap();
    unsafe { libc::kill(git_pid, libc::SIGKILL) };
    let left = common::temp_files(dir.path());
    assert_eq!(left.len(), 5, "SIGKILL leaves the temporary files: {left:?}");
    // Named after the process that wrote them (the supervisor's worker, killed with it).
    let pids: HashSet<&str> =
        left.iter().filter_map(|name| name.strip_prefix(".sendonce-")?.split('-').next()).collect();
    assert_eq!(pids.len(), 1, "{left:?}");
    assert!(left.iter().all(|name| name.ends_with(".tmp")), "{left:?}");
    let writer = pids.into_iter().next().unwrap();
    // Wait until the writer is gone (or a zombie): SIGKILL takes effect asynchronously.
    while fs::read_to_string(format!("/proc/{writer}/stat")).is_ok_and(|stat| !stat.contains(") Z")) {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    // One that looks like a running process's (this test's own PID) is not touched.
    let running = format!(".sendonce-{}-0.tmp", std::process::id());
    fs::write(dir.path().join(&running), "in use").unwrap();
    let r = common::run(dir.path(), &["--write", "--unsafe-fixes", "--allow-dirty"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(common::temp_files(dir.path()), [running], "the killed run's files are gone");
    assert_ne!(fs::read_to_string(dir.path().join("f00.js")).unwrap(), BUGGY, "and the files are fixed");
}

// ---------------------------------------------------------------------------
// 8. --stdin-filename analyses on a worker's stack
// ---------------------------------------------------------------------------

#[test]
fn stdin_with_deep_nesting_is_analysed_like_a_file_of_the_walk() {
    let dir = TempDir::new().unwrap();
    // 6,000 levels: below the nesting limit, far beyond what the main thread's 8 MiB holds.
    let deep = format!("{BUGGY}const x = {}1{};\n", "(".repeat(6000), ")".repeat(6000));
    fs::write(dir.path().join("deep.js"), &deep).unwrap();
    let input = || Stdio::from(fs::File::open(dir.path().join("deep.js")).unwrap());
    let out = StdCommand::new(cargo_bin("sendonce"))
        .args(["--stdin-filename", "deep.js", "--check"])
        .current_dir(dir.path())
        .stdin(input())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(stdout.contains("deep.js:6:3: multiple-sends"), "{stdout}");
    let walked = common::run(dir.path(), &["--check", "deep.js"]);
    assert_eq!(walked.stdout, stdout, "the same findings as for the file on disk");
}

// ---------------------------------------------------------------------------
// 6. owner, group, extended attributes and hard links
// ---------------------------------------------------------------------------

#[test]
fn a_write_as_root_keeps_another_users_file_theirs() {
    use std::os::unix::fs::MetadataExt;
    if !is_root() {
        eprintln!("skipped: needs root (to own a file as another user and write it as root)");
        return;
    }
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("data.js");
    fs::write(&file, BUGGY).unwrap();
    std::os::unix::fs::chown(&file, Some(65534), Some(65534)).unwrap();
    let r = common::run(dir.path(), &["--write", "--unsafe-fixes", "data.js"]);
    assert_eq!(r.code, 0, "{r:?}");
    let meta = fs::metadata(&file).unwrap();
    assert_ne!(fs::read_to_string(&file).unwrap(), BUGGY, "fixed");
    assert_eq!((meta.uid(), meta.gid()), (65534, 65534), "still nobody's");
}

#[test]
fn extended_attributes_are_kept() {
    use std::ffi::CString;
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("data.js");
    fs::write(&file, BUGGY).unwrap();
    let path = CString::new(file.as_os_str().as_encoded_bytes()).unwrap();
    let (name, value) = (CString::new("user.sendonce-test").unwrap(), b"keep me");
    // SAFETY: NUL-terminated path and name, and a value buffer of the length passed.
    if unsafe { libc::setxattr(path.as_ptr(), name.as_ptr(), value.as_ptr().cast(), value.len(), 0) } != 0 {
        eprintln!("skipped: this file system has no user xattrs: {}", std::io::Error::last_os_error());
        return;
    }
    let r = common::run(dir.path(), &["--write", "--unsafe-fixes", "data.js"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_ne!(fs::read_to_string(&file).unwrap(), BUGGY, "fixed");
    let mut read = [0u8; 64];
    // SAFETY: as above, with a writable buffer.
    let len = unsafe { libc::getxattr(path.as_ptr(), name.as_ptr(), read.as_mut_ptr().cast(), read.len()) };
    assert_eq!(len, value.len() as isize, "the attribute is on the fixed file: {}", std::io::Error::last_os_error());
    assert_eq!(&read[..value.len()], value);
}

#[test]
fn a_file_with_hard_links_is_refused_and_no_name_is_split_off() {
    use std::os::unix::fs::MetadataExt;
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("data.js");
    fs::write(&file, BUGGY).unwrap();
    fs::hard_link(&file, dir.path().join("alias.js")).unwrap();
    fs::write(dir.path().join("other.js"), BUGGY).unwrap();
    let inode = fs::metadata(&file).unwrap().ino();
    let r = common::run(dir.path(), &["--write", "--unsafe-fixes", "data.js", "other.js"]);
    assert_eq!(r.code, 2, "{r:?}");
    let line = r.stderr.lines().find(|l| l.starts_with("data.js: error:")).unwrap_or_else(|| panic!("{r:?}"));
    assert!(line.contains("has 2 hard links"), "{line}");
    assert_eq!(fs::metadata(&file).unwrap().ino(), inode, "still the same file under both names");
    assert_eq!(fs::metadata(dir.path().join("alias.js")).unwrap().ino(), inode);
    assert_eq!(fs::read_to_string(&file).unwrap(), BUGGY);
    assert_ne!(fs::read_to_string(dir.path().join("other.js")).unwrap(), BUGGY, "the other file is fixed");
    assert!(common::temp_files(dir.path()).is_empty());
}

// ---------------------------------------------------------------------------
// 5. a concurrent writer loses nothing
// ---------------------------------------------------------------------------

#[test]
fn a_file_open_for_writing_in_another_program_is_not_replaced() {
    use std::io::Write;
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("data.js");
    fs::write(&file, BUGGY).unwrap();
    fs::write(dir.path().join("other.js"), BUGGY).unwrap();
    // An editor with the file open for writing, which writes after sendonce is done: had sendonce
    // replaced the file, that write would go to the old, deleted one.
    let mut editor = fs::OpenOptions::new().append(true).open(&file).unwrap();
    let r = common::run(dir.path(), &["--write", "--unsafe-fixes", "data.js", "other.js"]);
    editor.write_all(b"// the editor's line\n").unwrap();
    drop(editor);
    assert_eq!(r.code, 2, "{r:?}");
    let line = r.stderr.lines().find(|l| l.starts_with("data.js: error:")).unwrap_or_else(|| panic!("{r:?}"));
    assert!(line.contains("open for writing in another program; not written"), "{line}");
    assert_eq!(fs::read_to_string(&file).unwrap(), format!("{BUGGY}// the editor's line\n"), "nothing lost");
    assert_ne!(fs::read_to_string(dir.path().join("other.js")).unwrap(), BUGGY, "the other file is fixed");
    assert!(common::temp_files(dir.path()).is_empty());
}

#[test]
fn a_patch_of_files_reached_through_symlinks_applies_with_git() {
    let dir = TempDir::new().unwrap();
    fs::create_dir_all(dir.path().join("real/api")).unwrap();
    fs::write(dir.path().join("real/api/a.js"), BUGGY).unwrap();
    fs::write(dir.path().join("b.js"), BUGGY).unwrap();
    symlink(Path::new("real"), &dir.path().join("linked"));
    symlink(Path::new("b.js"), &dir.path().join("alias.js"));
    common::git_init_commit(dir.path());
    let dry = common::run(dir.path(), &["linked", "alias.js"]);
    let headers: Vec<&str> = dry.stdout.lines().filter(|l| l.starts_with("--- ")).collect();
    assert_eq!(headers, ["--- a/b.js", "--- a/real/api/a.js"], "{dry:?}");
    let elsewhere = TempDir::new().unwrap();
    let patch = elsewhere.path().join("fix.patch");
    fs::write(&patch, &dry.stdout).unwrap();
    common::git(dir.path(), &["apply", patch.to_str().unwrap()]);
    let applied = common::snapshot(dir.path());
    common::git(dir.path(), &["checkout", "--", "."]);
    let written = common::run(dir.path(), &["--write", "--unsafe-fixes", "linked", "alias.js"]);
    assert_eq!(written.code, 0, "{written:?}");
    assert_eq!(applied, common::snapshot(dir.path()), "git apply of the dry run equals --write");
    assert!(fs::symlink_metadata(dir.path().join("alias.js")).unwrap().file_type().is_symlink());
}

// ---------------------------------------------------------------------------
// 7, 9. a file too deep for the parser is that file's error
// ---------------------------------------------------------------------------

#[test]
fn files_too_deep_for_the_parser_are_their_own_errors_and_the_others_are_fixed() {
    let dir = TempDir::new().unwrap();
    let handler = "export default function handler(req, res) { res.json(1); }\n";
    // 300,000 nested arrows: no bracket to count.
    fs::write(dir.path().join("arrows.js"), format!("{handler}const f = {}1;\n", "a => ".repeat(300_000))).unwrap();
    // 200,000 real parentheses after `{} /`, which the bracket scan takes for a regular expression.
    let n = 200_000;
    fs::write(dir.path().join("fooled.js"), format!("{handler}x = {{}} / {}1{} / 1;\n", "(".repeat(n), ")".repeat(n)))
        .unwrap();
    fs::write(dir.path().join("data.js"), BUGGY).unwrap();
    let check = common::run(dir.path(), &["--check"]);
    assert_eq!(check.code, 2, "{check:?}");
    assert_eq!(check.stdout.lines().filter(|l| l.starts_with("data.js:")).count(), 1, "printed once:\n{check:?}");
    for name in ["arrows.js", "fooled.js"] {
        let line = check.stderr.lines().find(|l| l.starts_with(name)).unwrap_or_else(|| panic!("{name}:\n{check:?}"));
        assert!(line.contains("error: nested too deeply for sendonce's parser"), "{line}");
    }
    let write = common::run(dir.path(), &["--write", "--unsafe-fixes"]);
    assert_eq!(write.code, 2, "{write:?}");
    assert_ne!(fs::read_to_string(dir.path().join("data.js")).unwrap(), BUGGY, "the other file is fixed");
    assert!(common::temp_files(dir.path()).is_empty());
}

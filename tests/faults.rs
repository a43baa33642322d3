//! File-system faults and pathological files, on real files in temporary folders.
//!
//! Each test runs the built binary (or, where a fault cannot be timed from outside,
//! `write_atomically` itself) and checks the exit code, the message naming the file, that no
//! byte of any file was lost, and that no temporary file was left behind. Cases already
//! covered in `tests/cli.rs` are not repeated here: a read-only file, a symlinked file named on
//! the command line, 0640 permissions, non-UTF-8 and binary files, CRLF and BOM.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command as StdCommand;

use assert_cmd::cargo::cargo_bin;
use sendonce::error::FileError;
use sendonce::write::write_atomically;
use tempfile::TempDir;

use common::{git, git_init_commit, run, set_mode, snapshot, temp_files, Run};

// ---------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------

/// The seed bug: two awaits, two sends. sendonce rewrites it.
const BUGGY: &str = "export default async function handler(req, res) {
  const data1 = await fetchDataFromSource1();
  res.json(data1);

  const data2 = await fetchDataFromSource2();
  res.json(data2);
}
";

/// The `PATH: error: ...` line for `name` on stderr.
fn error_for<'r>(run: &'r Run, name: &str) -> &'r str {
    run.stderr
        .lines()
        .find(|l| l.starts_with(name) && l.contains(": error: "))
        .unwrap_or_else(|| panic!("no `{name}: error: ...` line:\n{run:?}"))
}

/// Whether the tests run as root (a new file's owner is the effective user).
#[cfg(unix)]
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = tempfile::NamedTempFile::new().unwrap();
    probe.as_file().metadata().unwrap().uid() == 0
}

// ---------------------------------------------------------------------------
// a read-only folder: the temporary file cannot be created
// ---------------------------------------------------------------------------

/// The binary run so that permission bits apply: as `nobody` through `setpriv` when the tests
/// run as root (root ignores them), as the current user otherwise.
#[cfg(unix)]
fn run_unprivileged(cwd: &Path, args: &[&str]) -> Run {
    let mut cmd = if is_root() {
        let mut cmd = StdCommand::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]).arg(cargo_bin("sendonce"));
        cmd
    } else {
        StdCommand::new(cargo_bin("sendonce"))
    };
    cmd.args(args).current_dir(cwd).env_remove("NO_COLOR");
    let probe = StdCommand::new("setpriv").arg("--version").output();
    assert!(
        !is_root() || probe.is_ok_and(|o| o.status.success()),
        "the tests run as root, so they drop to `nobody` with `setpriv` (util-linux) to make permissions apply; \
         install util-linux or run the tests as another user"
    );
    common::finish(cmd.output().expect("sendonce runs"))
}

#[cfg(unix)]
#[test]
fn read_only_folder_exits_2_and_leaves_the_file_and_no_temp_file() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("api");
    fs::create_dir(&folder).unwrap();
    let file = folder.join("data.js");
    fs::write(&file, BUGGY).unwrap();
    set_mode(dir.path(), 0o755);
    if is_root() {
        // The user the binary runs as owns the folder and file; only the folder's mode forbids writing.
        std::os::unix::fs::chown(&folder, Some(65534), Some(65534)).unwrap();
        std::os::unix::fs::chown(&file, Some(65534), Some(65534)).unwrap();
    }
    set_mode(&folder, 0o555);
    let before = snapshot(dir.path());

    let r = run_unprivileged(dir.path(), &["--write", "--unsafe-fixes", "api"]);
    set_mode(&folder, 0o755);
    assert_eq!(r.code, 2, "a file that cannot be written is an error:\n{r:?}");
    let error = error_for(&r, "api/data.js");
    assert!(error.contains("cannot write") && error.contains("Permission denied"), "{error}");
    assert!(error.ends_with("file left unchanged"), "{error}");
    assert_eq!(snapshot(dir.path()), before, "no byte may change");
    assert!(temp_files(dir.path()).is_empty(), "temp files left: {:?}", temp_files(dir.path()));
}

// ---------------------------------------------------------------------------
// a file changed or deleted between read and write (write_atomically, directly)
// ---------------------------------------------------------------------------

// `write_atomically(path, original, new)` re-reads the file right before renaming the temporary
// file over it and compares it with `original`, the bytes read at the start. The command line
// cannot be paused between its read and its write, so these tests call it directly, as the
// runner does, with a file that changed in between.

#[test]
fn file_changed_since_it_was_read_is_not_overwritten() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("data.js");
    fs::write(&file, BUGGY).unwrap();
    let edited_meanwhile = format!("{BUGGY}// someone else's edit\n");
    fs::write(&file, &edited_meanwhile).unwrap();

    let result = write_atomically(&file, BUGGY.as_bytes(), b"fixed");
    assert!(matches!(result, Err(FileError::ChangedOnDisk)), "{result:?}");
    let message = result.unwrap_err().to_string();
    assert_eq!(message, "changed on disk while sendonce was running; not written");
    assert_eq!(fs::read_to_string(&file).unwrap(), edited_meanwhile, "the other edit must survive");
    assert!(temp_files(dir.path()).is_empty(), "temp files left: {:?}", temp_files(dir.path()));
}

#[test]
fn file_deleted_since_it_was_read_is_not_recreated() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("data.js");
    fs::write(&file, BUGGY).unwrap();
    fs::remove_file(&file).unwrap();

    let result = write_atomically(&file, BUGGY.as_bytes(), b"fixed");
    let message = result.expect_err("writing a deleted file must fail").to_string();
    assert!(message.starts_with("cannot write:") && message.ends_with("file left unchanged"), "{message}");
    assert!(!file.exists(), "a deleted file must not come back");
    assert!(snapshot(dir.path()).is_empty(), "nothing may be left: {:?}", snapshot(dir.path()));
}

// ---------------------------------------------------------------------------
// a full disk
// ---------------------------------------------------------------------------

/// A 16 KiB tmpfs mounted on a temporary folder (only as root, where mounting is allowed),
/// unmounted on drop.
struct TinyDisk {
    dir: TempDir,
}

impl TinyDisk {
    fn mount() -> Option<Self> {
        #[cfg(unix)]
        if !is_root() {
            return None;
        }
        let dir = TempDir::new().ok()?;
        let mounted = StdCommand::new("mount")
            .args(["-t", "tmpfs", "-o", "size=16k,mode=755", "tmpfs"])
            .arg(dir.path())
            .output()
            .ok()?;
        mounted.status.success().then_some(Self { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = StdCommand::new("umount").arg(self.dir.path()).status();
    }
}

/// Fills the file system holding `dir` with a file named `filler`.
fn fill(dir: &Path) {
    use std::io::Write;
    let mut filler = fs::File::create(dir.join("filler")).unwrap();
    let chunk = [b'x'; 512];
    while filler.write_all(&chunk).and_then(|_| filler.sync_all()).is_ok() {}
}

#[test]
fn full_disk_exits_2_and_leaves_the_original_and_no_temp_file() {
    let disk = TinyDisk::mount();
    let scratch = TempDir::new().unwrap();
    let (dir, how) = match &disk {
        Some(disk) => (disk.path(), "a full 16 KiB tmpfs"),
        None => (scratch.path(), "a file size limit of 0 (RLIMIT_FSIZE): writing the temporary file fails"),
    };
    eprintln!("full disk simulated with {how}");
    let file = dir.join("data.js");
    fs::write(&file, BUGGY).unwrap();
    let r = if disk.is_some() {
        fill(dir);
        run(dir, &["--write", "--unsafe-fixes", "data.js"])
    } else {
        // Without root there is no small file system to fill: the same write failure comes from
        // a file size limit (SIGXFSZ ignored, so the write returns EFBIG instead of killing us).
        let mut cmd = StdCommand::new("sh");
        cmd.args(["-c", "trap '' XFSZ; ulimit -f 0; exec \"$0\" \"$@\""]).arg(cargo_bin("sendonce"));
        cmd.args(["--write", "--unsafe-fixes", "data.js"]).current_dir(dir);
        common::finish(cmd.output().expect("sendonce runs"))
    };
    assert_eq!(r.code, 2, "{how}: a failed write is an error:\n{r:?}");
    let error = error_for(&r, "data.js");
    let reason = if disk.is_some() { "No space left on device" } else { "File too large" };
    assert!(error.contains("cannot write") && error.contains(reason), "{how}: {error}");
    assert_eq!(fs::read_to_string(&file).unwrap(), BUGGY, "{how}: the original must be intact");
    assert!(temp_files(dir).is_empty(), "{how}: temp files left: {:?}", temp_files(dir));
}

// ---------------------------------------------------------------------------
// symlink loops
// ---------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn symlink_loops_in_a_walked_folder_are_skipped_and_named_ones_are_errors() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("api")).unwrap();
    fs::write(root.join("api/data.js"), BUGGY).unwrap();
    symlink(".", root.join("api/loop")).unwrap(); // a folder that contains itself
    symlink("..", root.join("api/up")).unwrap();
    symlink("self.js", root.join("api/self.js")).unwrap();
    symlink("b.js", root.join("api/a.js")).unwrap();
    symlink("a.js", root.join("api/b.js")).unwrap();
    symlink("data.js", root.join("api/alias.js")).unwrap(); // not followed: data.js is fixed once
    let before = snapshot(root);

    let dry = run(root, &[]);
    assert_eq!(dry.code, 0, "the loops are skipped, the real file is diffed:\n{dry:?}");
    let headers: Vec<&str> = dry.stdout.lines().filter(|l| l.starts_with("--- a/")).collect();
    assert_eq!(headers, ["--- a/api/data.js"], "{dry:?}");
    assert!(!dry.stderr.contains(": error: "), "links inside a folder are not followed, so no error:\n{dry:?}");

    let w = run(root, &["--write", "--unsafe-fixes"]);
    assert_eq!(w.code, 0, "{w:?}");
    let after = snapshot(root);
    for (name, bytes) in &before {
        if name != "api/data.js" {
            assert_eq!(&after[name], bytes, "{name} must not change");
        }
    }
    assert!(String::from_utf8_lossy(&after["api/data.js"]).contains("Promise.all"));
    assert!(temp_files(root).is_empty(), "temp files left: {:?}", temp_files(root));

    let named = run(root, &["api/a.js", "api/self.js"]);
    assert_eq!(named.code, 2, "a looping link named on the command line is an error:\n{named:?}");
    for name in ["api/a.js", "api/self.js"] {
        assert!(error_for(&named, name).contains("symbolic links"), "{named:?}");
    }
}

// ---------------------------------------------------------------------------
// big files: bounded time (they must finish; no timing threshold)
// ---------------------------------------------------------------------------

/// 200k lines of code with a buggy handler every 100 lines: the dry run's patch applies with
/// `git apply` and equals `--write`; every handler is fixed and nothing else changes.
#[test]
fn a_200k_line_file_is_fixed_and_its_patch_equals_write() {
    let mut source = String::new();
    let mut handlers = 0;
    let mut i = 0;
    while source.len() < 200_000 * 20 || source.lines().count() < 200_000 {
        if i % 10 == 0 {
            source.push_str(&BUGGY.replace("handler(", &format!("handler{i}(")).replace("export default ", "export "));
            handlers += 1;
        }
        for k in 0..9 {
            source.push_str(&format!("function helper{i}_{k}(value) {{\n  return value + {k};\n}}\n"));
        }
        source.push('\n');
        i += 1;
    }
    assert!(source.lines().count() >= 200_000);
    let (patched, written) = (TempDir::new().unwrap(), TempDir::new().unwrap());
    for dir in [&patched, &written] {
        fs::write(dir.path().join("big.js"), &source).unwrap();
        git_init_commit(dir.path());
    }
    let dry = run(patched.path(), &["big.js"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    let patch_dir = TempDir::new().unwrap();
    let patch = patch_dir.path().join("fix.patch");
    fs::write(&patch, &dry.stdout).unwrap();
    git(patched.path(), &["apply", patch.to_str().unwrap()]);

    let w = run(written.path(), &["--write", "--unsafe-fixes", "big.js"]);
    assert_eq!(w.code, 0, "{}", w.stderr);
    assert!(w.stderr.contains(&format!("{handlers} fixed")), "every handler is fixed:\n{}", w.stderr);
    let fixed = fs::read_to_string(written.path().join("big.js")).unwrap();
    assert!(fixed == fs::read_to_string(patched.path().join("big.js")).unwrap(), "git apply and --write differ");
    assert_eq!(fixed.matches("Promise.all").count(), handlers);
    let kept = |text: &str| text.lines().filter(|l| l.contains("helper")).map(str::to_owned).collect::<Vec<_>>();
    assert!(kept(&fixed) == kept(&source), "lines outside the handlers changed");
    assert!(temp_files(written.path()).is_empty());
}

/// A minified 1 MB line of handlers (reported, not rewritten: the statements share a line), a
/// 1 MB string literal, and a normal handler after them, which is fixed with both lines intact.
#[test]
fn a_file_with_1mb_lines_finishes_and_keeps_them() {
    let mut minified = String::new();
    let mut count = 0;
    while minified.len() < 1 << 20 {
        minified.push_str(&format!(
            "export async function h{count}(req,res){{const a=await getA();res.json(a);const b=await getB();res.json(b);}}"
        ));
        count += 1;
    }
    let banner = format!("export const banner = '{}';", "x".repeat(1 << 20));
    let source = format!("{minified}\n{banner}\n{BUGGY}");
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("min.js");
    fs::write(&file, &source).unwrap();

    let check = run(dir.path(), &["--check", "min.js"]);
    assert_eq!(check.code, 1, "{}", &check.stderr);
    assert_eq!(check.stdout.lines().count(), count + 1, "one finding per handler");
    let w = run(dir.path(), &["--write", "--unsafe-fixes", "min.js"]);
    assert_eq!(w.code, 1, "the minified handlers stay reported:\n{}", &w.stderr[w.stderr.len().saturating_sub(500)..]);
    assert!(w.stderr.contains("share a line with other code"), "the reason is given");
    let after = fs::read_to_string(&file).unwrap();
    assert!(after.starts_with(&format!("{minified}\n{banner}\n")), "the long lines must be kept byte for byte");
    assert!(after.contains("Promise.all"), "the normal handler is fixed");
    assert!(temp_files(dir.path()).is_empty());
}

// ---------------------------------------------------------------------------
// empty files, BOM only
// ---------------------------------------------------------------------------

#[test]
fn empty_and_bom_only_files_are_left_exactly_as_they_are() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("empty.js"), b"").unwrap();
    fs::write(dir.path().join("bom.ts"), b"\xEF\xBB\xBF").unwrap();
    fs::write(dir.path().join("bom-newline.mjs"), b"\xEF\xBB\xBF\n").unwrap();
    let before = snapshot(dir.path());
    for args in [&[][..], &["--check"][..], &["--write", "--unsafe-fixes"][..]] {
        let r = run(dir.path(), args);
        assert_eq!(r.code, 0, "{args:?}: nothing to report:\n{r:?}");
        assert_eq!(r.stdout, "", "{args:?}: {r:?}");
        assert!(r.stderr.starts_with("sendonce: 3 files, 0 handlers, 0 findings, 0 errors"), "{args:?}: {r:?}");
        assert_eq!(snapshot(dir.path()), before, "{args:?}: no byte may change");
    }
    assert!(temp_files(dir.path()).is_empty());
}

// ---------------------------------------------------------------------------
// pathological files: an error for the file, never a crash or a hang
// ---------------------------------------------------------------------------

/// Files are analysed on the walker's threads, which `ignore` starts with the default stack
/// size; `prepare_process` makes that as deep as the worker pool's. A file nested just below
/// the limit, found by walking a folder, is analysed without overflowing (a crash would end the
/// run by a signal), and the other file is still fixed.
#[test]
fn a_file_nested_just_below_the_limit_is_analysed_on_the_walkers_threads() {
    let dir = TempDir::new().unwrap();
    // The handler's `{`, the call's `(`, then arrays: MAX_NESTING brackets deep in all.
    let arrays = sendonce::source::MAX_NESTING - 2;
    let deep = format!(
        "export default async function handler(req, res) {{\nres.json({}1{});\nres.json(2);\n}}\n",
        "[".repeat(arrays),
        "]".repeat(arrays)
    );
    fs::write(dir.path().join("deep.js"), &deep).unwrap();
    fs::write(dir.path().join("data.js"), BUGGY).unwrap();

    let out = common::sendonce(dir.path())
        .env_remove("RUST_MIN_STACK")
        .args(["--write", "--unsafe-fixes", "."])
        .output()
        .unwrap();
    let r = common::finish(out);
    assert!(r.code == 1 || r.code == 2, "{r:?}");
    assert!(!r.stderr.contains("levels deep"), "below the limit, the file is parsed:\n{r:?}");
    assert!(fs::read_to_string(dir.path().join("data.js")).unwrap().contains("Promise.all"), "{r:?}");
    assert!(temp_files(dir.path()).is_empty());
    // A stack size set by the user that is too small, or that the standard library cannot read
    // (it then uses 2 MiB), is raised too.
    for value in ["1024", " 268435456", "lots"] {
        let out = common::sendonce(dir.path()).env("RUST_MIN_STACK", value).args(["--check", "."]).output().unwrap();
        let r = common::finish(out);
        assert!(r.code == 1 || r.code == 2, "RUST_MIN_STACK={value:?}: {r:?}");
    }
}

/// Deep nesting used to overflow the worker's stack and abort the whole run; a handler with
/// loops nested 30 deep used to hang. Now each is an error for its file, and the others are fixed.
#[test]
fn pathological_files_are_errors_and_the_other_files_are_still_fixed() {
    let dir = TempDir::new().unwrap();
    let handler = |body: String| format!("export default async function handler(req, res) {{\n{body}\n}}\n");
    let deep = sendonce::source::MAX_NESTING + 1;
    let nested = handler(format!("res.json({}1{});", "[".repeat(deep), "]".repeat(deep)));
    // Two brackets a level: `(` and `{`.
    let callbacks =
        handler("items.forEach((item) => {\n".repeat(deep / 2) + "res.json(item);\n" + &"});\n".repeat(deep / 2));
    let loops = handler("for (const x of xs) {\n".repeat(30) + "res.json(1);\n" + &"}\n".repeat(30));
    let chain = format!("export const page = {};\n", vec!["'<li>'"; 50_000].join(" + "));
    fs::write(dir.path().join("nested.js"), &nested).unwrap();
    fs::write(dir.path().join("callbacks.js"), &callbacks).unwrap();
    fs::write(dir.path().join("loops.js"), &loops).unwrap();
    fs::write(dir.path().join("chain.js"), &chain).unwrap();
    fs::write(dir.path().join("data.js"), BUGGY).unwrap();

    let r = run(dir.path(), &["--write", "--unsafe-fixes"]);
    assert_eq!(r.code, 2, "{r:?}");
    let too_deep = format!("nested more than {} levels deep", sendonce::source::MAX_NESTING);
    assert!(error_for(&r, "nested.js").contains(&too_deep), "{r:?}");
    assert!(error_for(&r, "callbacks.js").contains(&too_deep), "{r:?}");
    assert!(error_for(&r, "loops.js").contains("too complex to follow"), "{r:?}");
    assert!(!r.stderr.contains("chain.js"), "a long chain outside handlers is fine:\n{r:?}");
    for (name, text) in
        [("nested.js", &nested), ("callbacks.js", &callbacks), ("loops.js", &loops), ("chain.js", &chain)]
    {
        assert_eq!(&fs::read_to_string(dir.path().join(name)).unwrap(), text, "{name} must not change");
    }
    assert!(fs::read_to_string(dir.path().join("data.js")).unwrap().contains("Promise.all"), "{r:?}");
    assert!(temp_files(dir.path()).is_empty());
}

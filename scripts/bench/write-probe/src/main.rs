//! `write-probe DIR`: the least work a safe rewrite of every JS/TS file under DIR takes, for
//! comparison with `sendonce --write` (see Cargo.toml). Reading the files is not timed; the
//! three timed steps are the ones sendonce cannot skip without risking a user's file:
//! 1. write each file's new text to a temporary file in its folder, created with the original's
//!    mode (16 threads, as sendonce's writer: creating files mostly waits on the file system);
//! 2. one `syncfs`, so no rename can leave a half-written file after a crash;
//! 3. rename each temporary file over its original (16 threads).
//!
//! Left out, so this is a lower bound: sendonce's analysis, its symlink and read-only checks,
//! the exact mode despite the umask, the re-read that refuses to replace a file edited since it
//! was read, and the git check. The new text is the old one plus a newline.
//! Prints one line: `files N create S sync S rename S total S` (seconds).

use std::fmt::Display;
use std::fs;
use std::io::Write;
use std::os::fd::AsRawFd;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::exit;
use std::time::Instant;

use rayon::prelude::*;

/// Threads that write, as many as sendonce's writer uses.
const THREADS: usize = 16;

fn main() {
    let Some(root) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: write-probe DIR");
        exit(2)
    };
    let files = read_sources(&root);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(THREADS)
        .stack_size(2 << 20)
        .build()
        .unwrap_or_else(|err| fail("cannot start threads", "", err));
    let started = Instant::now();
    let temps: Vec<PathBuf> = pool.install(|| {
        files
            .par_iter()
            .enumerate()
            .map(|(index, (path, text, mode))| {
                let temp = path.with_file_name(format!(".write-probe-{index}.tmp"));
                fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .mode(*mode)
                    .open(&temp)
                    .and_then(|mut file| file.write_all(text))
                    .unwrap_or_else(|err| fail("cannot write", temp.display(), err));
                temp
            })
            .collect()
    });
    let created = started.elapsed();
    let folder = fs::File::open(&root).unwrap_or_else(|err| fail("cannot open", root.display(), err));
    // SAFETY: `syncfs` only reads the descriptor, which `folder` keeps open for the call.
    if unsafe { libc::syncfs(folder.as_raw_fd()) } != 0 {
        fail("cannot sync", root.display(), std::io::Error::last_os_error());
    }
    let synced = started.elapsed();
    pool.install(|| {
        files.par_iter().zip(&temps).for_each(|((path, _, _), temp)| {
            fs::rename(temp, path).unwrap_or_else(|err| fail("cannot rename over", path.display(), err));
        });
    });
    let renamed = started.elapsed();
    println!(
        "files {} create {:.3} sync {:.3} rename {:.3} total {:.3}",
        files.len(),
        created.as_secs_f64(),
        (synced - created).as_secs_f64(),
        (renamed - synced).as_secs_f64(),
        renamed.as_secs_f64()
    );
}

/// Every JS/TS file under `root` (the `ignore` crate's default walk), with its new text and mode.
fn read_sources(root: &Path) -> Vec<(PathBuf, Vec<u8>, u32)> {
    let mut files = Vec::new();
    for entry in ignore::WalkBuilder::new(root).build() {
        let entry = entry.unwrap_or_else(|err| fail("cannot walk", root.display(), err));
        let path = entry.path();
        let is_source = path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| matches!(ext, "js" | "jsx" | "mjs" | "cjs" | "ts" | "tsx" | "mts" | "cts"));
        if !is_source || !entry.file_type().is_some_and(|kind| kind.is_file()) {
            continue;
        }
        let read = fs::read(path).and_then(|text| Ok((text, fs::metadata(path)?.permissions().mode())));
        let (mut text, mode) = read.unwrap_or_else(|err| fail("cannot read", path.display(), err));
        text.push(b'\n');
        files.push((path.to_path_buf(), text, mode));
    }
    files
}

/// Stops the probe with a message naming what failed.
fn fail(what: &str, subject: impl Display, err: impl Display) -> ! {
    eprintln!("write-probe: {what} {subject}: {err}");
    exit(2)
}

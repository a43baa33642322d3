//! Asking git which files have uncommitted changes, so `--write` never overwrites work that
//! exists nowhere else.
//!
//! Each file is checked in its own repository (the nearest work tree above it), so a subfolder of
//! a monorepo, or several repositories side by side, work. Files outside any repository are not
//! checked: there is nothing to compare them with.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use rayon::prelude::*;

/// The files among `files` that have uncommitted changes (modified, staged, or untracked) in their
/// git work tree, in the order given. Fails when git itself fails in a repository. Resolves the
/// paths in parallel, on the current rayon pool.
pub fn dirty_files(files: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut by_repo: BTreeMap<PathBuf, Vec<(PathBuf, PathBuf)>> = BTreeMap::new();
    let mut toplevels: BTreeMap<PathBuf, Option<PathBuf>> = BTreeMap::new();
    let resolved: Vec<Option<PathBuf>> = files.par_iter().map(|file| std::fs::canonicalize(file).ok()).collect();
    for (file, real) in files.iter().zip(resolved) {
        let Some(real) = real else { continue };
        let folder = real.parent().map(Path::to_path_buf).unwrap_or_default();
        let toplevel = toplevel_of(&folder, &mut toplevels);
        if let Some(toplevel) = toplevel {
            by_repo.entry(toplevel).or_default().push((file.clone(), real));
        }
    }
    let mut dirty = Vec::new();
    for (toplevel, files) in by_repo {
        let changed = changed_in(&toplevel)?;
        dirty.extend(files.into_iter().filter(|(_, real)| changed.contains(real)).map(|(file, _)| file));
    }
    Ok(dirty)
}

/// The work tree containing `folder` (canonical), or `None` outside git: the nearest folder at or
/// above it that holds a `.git` entry (a folder, or a file for worktrees and submodules), as git
/// itself finds it. Every folder passed on the way up is remembered in `known`, so a monorepo of
/// thousands of folders costs one lookup per folder, not one `git` process each (which made
/// `--write` of 20,000 fixes take 25 s).
fn toplevel_of(folder: &Path, known: &mut BTreeMap<PathBuf, Option<PathBuf>>) -> Option<PathBuf> {
    let mut passed = Vec::new();
    let mut current = Some(folder);
    let found = loop {
        let Some(dir) = current else { break None };
        if let Some(answer) = known.get(dir) {
            break answer.clone();
        }
        passed.push(dir.to_path_buf());
        if dir.join(".git").symlink_metadata().is_ok() {
            break Some(dir.to_path_buf());
        }
        current = dir.parent();
    };
    for dir in passed {
        known.insert(dir, found.clone());
    }
    found
}

/// Every path with a change in the work tree at `toplevel`, canonicalized.
fn changed_in(toplevel: &Path) -> Result<HashSet<PathBuf>, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(toplevel)
        .args(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignored=no"])
        .output()
        .map_err(|err| format!("cannot run git in {}: {err}", toplevel.display()))?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr);
        return Err(format!("git status failed in {}: {}", toplevel.display(), message.trim()));
    }
    let mut changed = HashSet::new();
    let mut entries = output.stdout.split(|&b| b == 0);
    while let Some(entry) = entries.next() {
        if entry.len() < 4 {
            continue;
        }
        let status = &entry[..2];
        let path = String::from_utf8_lossy(&entry[3..]).into_owned();
        // A rename or copy is followed by its old path as a separate entry.
        if status.contains(&b'R') || status.contains(&b'C') {
            entries.next();
        }
        let full = toplevel.join(path);
        changed.insert(std::fs::canonicalize(&full).unwrap_or(full));
    }
    Ok(changed)
}

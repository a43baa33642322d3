//! Asking git which files have uncommitted changes, so `--write` never overwrites work that
//! exists nowhere else.
//!
//! Each file is checked in its own repository (the nearest work tree above it), so a subfolder of
//! a monorepo, or several repositories side by side, work. Files outside any repository are not
//! checked: there is nothing to compare them with.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The files among `files` that have uncommitted changes (modified, staged, or untracked) in their
/// git work tree, in the order given. Fails when git itself fails in a repository.
pub fn dirty_files(files: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut by_repo: BTreeMap<PathBuf, Vec<(PathBuf, PathBuf)>> = BTreeMap::new();
    let mut toplevels: BTreeMap<PathBuf, Option<PathBuf>> = BTreeMap::new();
    for file in files {
        let Ok(real) = std::fs::canonicalize(file) else { continue };
        let folder = real.parent().map(Path::to_path_buf).unwrap_or_default();
        let toplevel = match toplevels.get(&folder) {
            Some(known) => known.clone(),
            None => {
                let found = toplevel_of(&folder);
                toplevels.insert(folder, found.clone());
                found
            }
        };
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

/// The work tree containing `folder`, or `None` outside git (or without a `git` program).
fn toplevel_of(folder: &Path) -> Option<PathBuf> {
    let output = Command::new("git").arg("-C").arg(folder).args(["rev-parse", "--show-toplevel"]).output().ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).ok()?;
    std::fs::canonicalize(text.trim_end_matches(['\n', '\r'])).ok()
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

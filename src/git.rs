//! Asking git which files have uncommitted changes, so `--write` never overwrites work that
//! exists nowhere else.
//!
//! Each file is checked in its own repository (the nearest work tree above it), so a subfolder of
//! a monorepo, or several repositories side by side, work. Files outside any repository are not
//! checked: there is nothing to compare them with.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use rayon::prelude::*;

/// The positions in `files` of those that have uncommitted changes (modified, staged, or
/// untracked) in their git work tree, in the order given. A symlinked file must be given as its
/// target (as `write::prepare` resolves it): on Linux only the folders are resolved here. Fails
/// when git itself fails in a repository. Looks at the file system in parallel, on the current
/// rayon pool.
pub fn dirty_files(files: &[&Path]) -> Result<Vec<usize>, String> {
    let real = real_paths(files);
    let toplevels = toplevels(real.iter().flatten().filter_map(|real| real.parent()));
    let mut by_repo: BTreeMap<&Path, Vec<(usize, &PathBuf)>> = BTreeMap::new();
    for (index, real) in real.iter().enumerate() {
        let Some(real) = real else { continue };
        let Some(folder) = real.parent() else { continue };
        if let Some(Some(toplevel)) = toplevels.get(folder) {
            by_repo.entry(toplevel).or_default().push((index, real));
        }
    }
    let mut dirty = Vec::new();
    for (toplevel, files) in by_repo {
        let changed = changed_in(toplevel)?;
        dirty.extend(files.into_iter().filter(|(_, real)| changed.holds(real)).map(|(index, _)| index));
    }
    dirty.sort_unstable();
    Ok(dirty)
}

/// Each file's canonical path, as `fs::canonicalize` gives it (absent when it cannot be resolved,
/// e.g. it was deleted). On Linux, its folder's (see [`real_folders`]) plus its name. On macOS and
/// Windows resolving also gives each name the case it has on disk, as git prints it, which
/// joining names as given does not: there each file is resolved whole.
fn real_paths(files: &[&Path]) -> Vec<Option<PathBuf>> {
    #[cfg(target_os = "linux")]
    {
        let real_folders = real_folders(files.iter().map(|file| folder_of(file)).collect());
        files.iter().map(|file| Some(real_folders.get(folder_of(file))?.join(file.file_name()?))).collect()
    }
    #[cfg(not(target_os = "linux"))]
    {
        files.par_iter().map(|file| std::fs::canonicalize(file).ok()).collect()
    }
}

/// The folder a file is in, as given (the empty path for a bare file name).
#[cfg(target_os = "linux")]
fn folder_of(file: &Path) -> &Path {
    file.parent().unwrap_or(Path::new(""))
}

/// Each of `folders` and its canonical path, as `fs::canonicalize` gives it (absent when it
/// cannot be resolved, e.g. it was deleted). Every folder on the way is resolved once, from the
/// folder above it: its canonical path plus its name, unless that name is a symlink, which is
/// then resolved whole. That costs one lookup per folder, where resolving each path on its own
/// costs one per component of each (a monorepo's folders share most of theirs). Each depth is
/// done in parallel.
#[cfg(target_os = "linux")]
fn real_folders(folders: HashSet<&Path>) -> HashMap<&Path, PathBuf> {
    // Every folder and the ones above it by name, down to one resolved whole (see
    // `named_parent`), grouped by depth.
    let mut levels: Vec<Vec<&Path>> = Vec::new();
    let mut seen = HashSet::new();
    for folder in folders {
        let mut current = folder;
        while seen.insert(current) {
            let depth = current.components().count();
            if levels.len() <= depth {
                levels.resize_with(depth + 1, Vec::new);
            }
            levels[depth].push(current);
            let Some(parent) = named_parent(current) else { break };
            current = parent;
        }
    }
    let mut real: HashMap<&Path, PathBuf> = HashMap::new();
    for level in levels {
        let resolved: Vec<(&Path, PathBuf)> = level
            .par_iter()
            .filter_map(|&dir| {
                let resolved = match named_parent(dir) {
                    Some(parent) => {
                        let candidate = real.get(parent)?.join(dir.file_name()?);
                        if std::fs::symlink_metadata(&candidate).ok()?.file_type().is_symlink() {
                            std::fs::canonicalize(&candidate).ok()?
                        } else {
                            candidate
                        }
                    }
                    None => resolve_whole(dir)?,
                };
                Some((dir, resolved))
            })
            .collect();
        real.extend(resolved);
    }
    real
}

/// `fs::canonicalize` of `folder`, the empty path meaning the current folder.
#[cfg(target_os = "linux")]
fn resolve_whole(folder: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(if folder.as_os_str().is_empty() { Path::new(".") } else { folder }).ok()
}

/// The folder above `dir` when `dir` ends in a name (`a/b` gives `a`, `b` the empty path); `None`
/// for the empty path, `.`, a root, or a path ending in `..`, which are resolved whole.
#[cfg(target_os = "linux")]
fn named_parent(dir: &Path) -> Option<&Path> {
    let mut components = dir.components();
    match components.next_back() {
        Some(std::path::Component::Normal(_)) => Some(components.as_path()),
        _ => None,
    }
}

/// For each of `folders` (canonical) and every folder above them, its work tree, or `None` outside
/// git: the nearest folder at or above it that holds a `.git` entry (a folder, or a file for
/// worktrees and submodules), as git itself finds it. Every folder is looked at once, in
/// parallel: a monorepo of thousands of folders costs one lookup per folder, not one `git`
/// process each (which made `--write` of 20,000 fixes take 25 s).
fn toplevels<'a>(folders: impl Iterator<Item = &'a Path>) -> HashMap<&'a Path, Option<&'a Path>> {
    let mut all: HashSet<&Path> = HashSet::new();
    for folder in folders {
        for dir in folder.ancestors() {
            if !all.insert(dir) {
                break;
            }
        }
    }
    let roots: HashSet<&Path> =
        all.par_iter().copied().filter(|dir| dir.join(".git").symlink_metadata().is_ok()).collect();
    all.iter().map(|&dir| (dir, dir.ancestors().find(|above| roots.contains(above)))).collect()
}

/// What `git status` lists in one work tree, canonicalized: files with a change (modified, staged,
/// untracked or ignored) and ignored folders (git names an ignored folder, not its files).
#[derive(Debug, Default)]
struct Changed {
    files: HashSet<PathBuf>,
    ignored_folders: HashSet<PathBuf>,
}

impl Changed {
    /// Whether `file` (canonical) has no committed copy to return to, or differs from it.
    fn holds(&self, file: &Path) -> bool {
        self.files.contains(file) || file.ancestors().skip(1).any(|folder| self.ignored_folders.contains(folder))
    }
}

/// A path as git prints it with `-z`: raw bytes, which on Unix are the file name exactly (decoding
/// them as UTF-8 would turn a latin-1 name into another path, which then matched nothing).
fn path_from_git(bytes: &[u8]) -> PathBuf {
    #[cfg(unix)]
    {
        PathBuf::from(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
    }
}

/// Every path with a change in the work tree at `toplevel` (see [`Changed`]). Ignored files count:
/// a file `.gitignore` hides has no committed copy, so writing it when it is named on the command
/// line (or with `--no-ignore`) could not be undone with git either.
fn changed_in(toplevel: &Path) -> Result<Changed, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(toplevel)
        .args(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignored=matching"])
        .output()
        .map_err(|err| format!("cannot run git in {}: {err}", toplevel.display()))?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr);
        return Err(format!("git status failed in {}: {}", toplevel.display(), message.trim()));
    }
    let mut changed = Changed::default();
    let mut entries = output.stdout.split(|&b| b == 0);
    while let Some(entry) = entries.next() {
        if entry.len() < 4 {
            continue;
        }
        let status = &entry[..2];
        let path = &entry[3..];
        // A rename or copy is followed by its old path as a separate entry.
        if status.contains(&b'R') || status.contains(&b'C') {
            entries.next();
        }
        let full = toplevel.join(path_from_git(path));
        let full = std::fs::canonicalize(&full).unwrap_or(full);
        if status == b"!!" && path.ends_with(b"/") {
            changed.ignored_folders.insert(full);
        } else {
            changed.files.insert(full);
        }
    }
    Ok(changed)
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use std::fs;
    use std::os::unix::fs::symlink;
    use std::path::{Path, PathBuf};

    use super::real_folders;

    #[test]
    fn real_folders_agree_with_canonicalize() {
        let dir = tempfile::TempDir::new().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("a/b/c")).unwrap();
        fs::create_dir_all(root.join("x/y")).unwrap();
        symlink(root.join("a/b"), root.join("x/to-b")).unwrap();
        symlink("../../a", root.join("x/y/up")).unwrap();
        symlink("x/to-b", root.join("chain")).unwrap();
        symlink("missing", root.join("dangling")).unwrap();
        let mut folders: Vec<PathBuf> = [
            "a/b/c",
            "x/to-b/c",
            "x/y/up/b",
            "chain/c",
            "a/b/../b/c",
            "a/./b",
            "x/to-b/..",
            "x/to-b/../b/c",
            "dangling",
            "dangling/z",
            "nope/z",
        ]
        .iter()
        .map(|rel| root.join(rel))
        .collect();
        // Relative ones, from the crate's folder (where tests run).
        folders.extend(["", "src", "./src/rules", "src/../tests", "src/rules/.."].map(PathBuf::from));
        let real = real_folders(folders.iter().map(PathBuf::as_path).collect());
        for folder in &folders {
            let expected = fs::canonicalize(if folder.as_os_str().is_empty() { Path::new(".") } else { folder });
            assert_eq!(real.get(folder.as_path()), expected.ok().as_ref(), "{}", folder.display());
        }
    }
}

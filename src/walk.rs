//! Collecting the files to process: every JS/TS file under the given paths, in sorted order.
//!
//! Folders are walked in parallel with the `ignore` crate, so `.gitignore`,
//! `.ignore` and hidden folders (`.git`, `.next`) are respected, also outside
//! a git repository. `node_modules` is always skipped. A path named on the
//! command line is always taken, even if an ignore rule would hide it.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use globset::{Glob, GlobSet, GlobSetBuilder};
use ignore::{WalkBuilder, WalkState};

use crate::error::FileError;

/// File extensions sendonce reads.
pub const EXTENSIONS: &[&str] = &["js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts"];

/// Folders never entered unless named on the command line: installed packages, not the project's code.
const SKIPPED_FOLDERS: &[&str] = &["node_modules"];

/// The result of a walk: files to process and paths that could not be walked.
#[derive(Debug, Default)]
pub struct Walk {
    /// Files, sorted by path, without duplicates.
    pub files: Vec<PathBuf>,
    /// Paths that do not exist or could not be read, with the reason.
    pub errors: Vec<(PathBuf, FileError)>,
}

/// How the walk chooses files beyond the defaults.
#[derive(Debug, Default)]
pub struct WalkOptions {
    /// Read what `.gitignore` / `.ignore` hide (`--no-ignore`).
    pub no_ignore: bool,
    /// Only files matching one of these (`--include`), matched against the shown path.
    pub include: Option<GlobSet>,
    /// Never files matching one of these (`--exclude`).
    pub exclude: Option<GlobSet>,
}

impl WalkOptions {
    /// Builds the options; a malformed glob is an error naming it.
    pub fn new(no_ignore: bool, include: &[String], exclude: &[String]) -> Result<Self, String> {
        Ok(Self { no_ignore, include: glob_set(include)?, exclude: glob_set(exclude)? })
    }

    /// Whether a file shown as `shown` passes `--include` / `--exclude`.
    pub fn selects(&self, shown: &str) -> bool {
        self.include.as_ref().is_none_or(|set| set.is_match(shown))
            && !self.exclude.as_ref().is_some_and(|set| set.is_match(shown))
    }

    /// Whether `--include` or `--exclude` was given (they replace a `sendonce.json`'s globs).
    pub fn has_globs(&self) -> bool {
        self.include.is_some() || self.exclude.is_some()
    }
}

fn glob_set(globs: &[String]) -> Result<Option<GlobSet>, String> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        builder.add(Glob::new(glob).map_err(|err| format!("invalid glob `{glob}`: {err}"))?);
    }
    builder.build().map(Some).map_err(|err| err.to_string())
}

/// Walks `roots` with `threads` threads.
pub fn collect_files(roots: &[PathBuf], threads: usize, options: &WalkOptions) -> Walk {
    let mut walk = Walk::default();
    let mut folders = Vec::new();
    for root in roots {
        match std::fs::metadata(root) {
            Ok(meta) if meta.is_dir() => folders.push(root.clone()),
            Ok(_) => walk.files.push(root.clone()),
            Err(err) => walk.errors.push((root.clone(), FileError::Read(err))),
        }
    }
    if !folders.is_empty() {
        let found = Mutex::new(Vec::new());
        let errors = walk_folders(&folders, threads, options, &|path| {
            if let Ok(mut files) = found.lock() {
                files.push(path);
            }
        });
        walk.files.extend(found.into_inner().unwrap_or_default());
        walk.errors.extend(errors);
    }
    walk.files.sort_by_cached_key(|path| normalized(path));
    walk.files.dedup();
    // `./a.js` and `a.js`, or a folder and a file inside it, reach the same file: keep one spelling,
    // the first in sorted order (not the first found, which depends on the walk's thread timing).
    if roots.len() > 1 {
        let mut seen = std::collections::HashSet::new();
        walk.files.retain(|path| seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone())));
    }
    walk.errors.sort_by(|a, b| a.0.cmp(&b.0));
    walk
}

/// Walks `folders` with `threads` threads and hands each candidate file to `found` as soon as it
/// is seen, from the walker's threads, in no particular order (a folder reached twice gives its
/// files twice). Returns the paths that could not be walked, unsorted.
pub fn walk_folders(
    folders: &[PathBuf],
    threads: usize,
    options: &WalkOptions,
    found: &(dyn Fn(PathBuf) + Sync),
) -> Vec<(PathBuf, FileError)> {
    let Some((first, rest)) = folders.split_first() else { return Vec::new() };
    let mut builder = WalkBuilder::new(first);
    for folder in rest {
        builder.add(folder);
    }
    let respect_ignores = !options.no_ignore;
    builder
        .standard_filters(true)
        .git_ignore(respect_ignores)
        .git_global(respect_ignores)
        .git_exclude(respect_ignores)
        .ignore(respect_ignores)
        .parents(respect_ignores)
        .require_git(false)
        .follow_links(false)
        .threads(threads)
        .filter_entry(|entry| {
            entry.depth() == 0
                || !(entry.file_type().is_some_and(|t| t.is_dir())
                    && SKIPPED_FOLDERS.iter().any(|skip| entry.file_name() == *skip))
        });
    let failed = Mutex::new(Vec::new());
    builder.build_parallel().run(|| {
        let failed = &failed;
        Box::new(move |entry| {
            match entry {
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) && is_candidate(entry.path()) => {
                    found(entry.into_path());
                }
                Ok(_) => {}
                Err(err) => {
                    let path = error_path(&err).unwrap_or_default();
                    let io = err.into_io_error().unwrap_or_else(|| std::io::Error::other("walk error"));
                    if let Ok(mut errors) = failed.lock() {
                        errors.push((path, FileError::Read(io)));
                    }
                }
            }
            WalkState::Continue
        })
    });
    failed.into_inner().unwrap_or_default()
}

/// A JS/TS source file worth parsing: declaration files and minified bundles hold no handlers to fix.
fn is_candidate(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return false };
    let Some((stem, ext)) = name.rsplit_once('.') else { return false };
    EXTENSIONS.contains(&ext) && !stem.ends_with(".d") && !stem.ends_with(".min")
}

/// A path without `.` components, so `./a.js` and `a.js` sort together: the order files are reported in.
pub fn normalized(path: &Path) -> PathBuf {
    path.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect()
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

/// How a path is shown: relative to the current folder where possible, without `./`,
/// with `/` separators, as `git diff` writes it (so the dry run's patch applies with `git apply`).
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let relative = path.strip_prefix(cwd).unwrap_or(path);
    let relative = relative.strip_prefix(".").unwrap_or(relative);
    relative.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_skip_declarations_and_minified_files() {
        assert!(is_candidate(Path::new("pages/api/a.ts")));
        assert!(is_candidate(Path::new("a.cjs")));
        assert!(!is_candidate(Path::new("types.d.ts")));
        assert!(!is_candidate(Path::new("vendor.min.js")));
        assert!(!is_candidate(Path::new("README.md")));
    }

    #[test]
    fn display_paths_are_relative_without_dot() {
        let cwd = Path::new("/repo");
        assert_eq!(display_path(Path::new("/repo/src/a.js"), cwd), "src/a.js");
        assert_eq!(display_path(Path::new("./src/a.js"), cwd), "src/a.js");
        assert_eq!(display_path(Path::new("/elsewhere/a.js"), cwd), "/elsewhere/a.js");
    }
}

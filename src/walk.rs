//! Collecting the files to process: every JS/TS file under the given paths, in sorted order.
//!
//! Folders are walked in parallel with the `ignore` crate, so `.gitignore`,
//! `.ignore` and hidden folders (`.git`, `.next`) are respected, also outside
//! a git repository. `node_modules` is always skipped. A path named on the
//! command line is always taken, even if an ignore rule would hide it.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
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
    include: Option<Globs>,
    /// Never files matching one of these (`--exclude`).
    exclude: Option<Globs>,
}

impl WalkOptions {
    /// Builds the options; a malformed glob is an error naming it.
    pub fn new(no_ignore: bool, include: &[String], exclude: &[String]) -> Result<Self, String> {
        Ok(Self { no_ignore, include: Globs::new(include)?, exclude: Globs::new(exclude)? })
    }

    /// Whether a file shown as `shown` passes `--include` / `--exclude`. Both are matched (and
    /// each glob that matches is remembered, see [`Self::unmatched`]), from any thread.
    pub fn selects(&self, shown: &str) -> bool {
        let included = self.include.as_ref().is_none_or(|globs| globs.matches(shown));
        let excluded = self.exclude.as_ref().is_some_and(|globs| globs.matches(shown));
        included && !excluded
    }

    /// Whether `--include` or `--exclude` was given (they replace a `sendonce.json`'s globs).
    pub fn has_globs(&self) -> bool {
        self.include.is_some() || self.exclude.is_some()
    }

    /// The flags (`--include GLOB`, `--exclude GLOB`) whose glob matched none of the files
    /// [`Self::selects`] was asked about: usually a typo, or a path spelled from another folder.
    pub fn unmatched(&self) -> Vec<String> {
        let mut unmatched = Vec::new();
        for (flag, globs) in [("--include", &self.include), ("--exclude", &self.exclude)] {
            for glob in globs.iter().flat_map(Globs::unmatched) {
                unmatched.push(format!("{flag} `{glob}`"));
            }
        }
        unmatched
    }
}

/// The globs of one flag, each compiled as `.gitignore` and Ruff read it, and whether it matched.
#[derive(Debug)]
struct Globs {
    set: GlobSet,
    /// For each glob in `set`, the index of the user's glob it came from.
    owner: Vec<usize>,
    /// The user's globs, as typed.
    typed: Vec<String>,
    /// Whether each of the user's globs matched a file yet.
    matched: Vec<AtomicBool>,
}

impl Globs {
    fn new(globs: &[String]) -> Result<Option<Self>, String> {
        if globs.is_empty() {
            return Ok(None);
        }
        let (set, owner) = gitignore_globs(globs).map_err(|why| format!("invalid glob {why}"))?;
        let matched = globs.iter().map(|_| AtomicBool::new(false)).collect();
        Ok(Some(Self { set, owner, typed: globs.to_vec(), matched }))
    }

    fn matches(&self, shown: &str) -> bool {
        let hits = self.set.matches(shown);
        for &hit in &hits {
            self.matched[self.owner[hit]].store(true, Ordering::Relaxed);
        }
        !hits.is_empty()
    }

    fn unmatched(&self) -> impl Iterator<Item = &str> {
        self.typed.iter().zip(&self.matched).filter(|(_, hit)| !hit.load(Ordering::Relaxed)).map(|(g, _)| g.as_str())
    }
}

/// Compiles globs as a `.gitignore` reads them (see [`expand`]), for `--include`/`--exclude` and
/// `sendonce.json` alike, so `test` and `test/` skip a folder anywhere in both: the set, and for each
/// of its globs the index of the user's glob it came from. An error names the glob (`` `a{b`: ... ``).
pub fn gitignore_globs(globs: &[String]) -> Result<(GlobSet, Vec<usize>), String> {
    let mut builder = GlobSetBuilder::new();
    let mut owner = Vec::new();
    for (index, glob) in globs.iter().enumerate() {
        for pattern in expand(glob) {
            builder.add(Glob::new(&pattern).map_err(|err| format!("`{glob}`: {err}"))?);
            owner.push(index);
        }
    }
    let set = builder.build().map_err(|err| err.to_string())?;
    Ok((set, owner))
}

/// The globs a user's glob stands for, read as a `.gitignore` line: a name without a `/` (or
/// with only a trailing one) matches at any depth, a trailing `/` matches only a folder, a
/// leading `/` anchors it to the current folder, and a folder stands for everything in it.
/// So `test` and `test/` both skip `test/a.js` and `src/test/b.js`; `src/test` only the latter.
fn expand(glob: &str) -> Vec<String> {
    let folder_only = glob.ends_with('/');
    // Shown paths have no `./` (see `display_path`), so `./test` means `test` here, anchored.
    let (glob, dotted) = match glob.strip_prefix("./") {
        Some(rest) => (rest, true),
        None => (glob, false),
    };
    let body = glob.trim_end_matches('/');
    let anchored = dotted || body.starts_with('/') || body.contains('/');
    let body = body.strip_prefix('/').unwrap_or(body);
    if body.is_empty() {
        return vec![glob.to_owned()];
    }
    let mut patterns = Vec::new();
    let mut add = |base: String| {
        if !folder_only {
            patterns.push(base.clone());
        }
        if !base.ends_with("/**") {
            patterns.push(format!("{base}/**"));
        }
    };
    add(body.to_owned());
    if !anchored {
        add(format!("**/{body}"));
    }
    patterns
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

/// A JS/TS source file worth parsing: declaration files and minified bundles hold no handlers to
/// fix. Judged on the name's bytes, so a name that is not UTF-8 is a candidate too, and the run
/// can say why it skips it instead of passing over it without a word.
fn is_candidate(path: &Path) -> bool {
    let Some(name) = path.file_name() else { return false };
    let name = name.as_encoded_bytes();
    let Some(dot) = name.iter().rposition(|&b| b == b'.') else { return false };
    let (stem, ext) = (&name[..dot], &name[dot + 1..]);
    EXTENSIONS.iter().any(|known| known.as_bytes() == ext) && !stem.ends_with(b".d") && !stem.ends_with(b".min")
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
    slashed(&relative.to_string_lossy())
}

/// The path a patch names for the file at `path` (shown as `shown`): with every symlink resolved,
/// relative to the current folder (itself resolved), since `git apply` refuses to patch a file
/// through a symlinked folder and `--write` edits a symlink's target. `shown` when the file is
/// outside the current folder or cannot be resolved.
pub fn patch_path(path: &Path, shown: &str) -> String {
    let resolved = || -> Option<String> {
        let real = std::fs::canonicalize(path).ok()?;
        let cwd = std::fs::canonicalize(std::env::current_dir().ok()?).ok()?;
        Some(slashed(&real.strip_prefix(&cwd).ok()?.to_string_lossy()))
    };
    resolved().unwrap_or_else(|| shown.to_owned())
}

/// `path` with `/` separators: on Windows `\\` is a separator too and becomes `/`; elsewhere it is
/// an ordinary byte of a file name and is kept.
pub fn slashed(path: &str) -> String {
    if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_owned()
    }
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
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let latin1 = Path::new(std::ffi::OsStr::from_bytes(b"caf\xe9.js"));
            assert!(is_candidate(latin1), "a name that is not UTF-8 reaches the run, which names it");
        }
    }

    #[test]
    fn a_name_matches_a_folder_at_any_depth_as_in_gitignore() {
        for glob in ["test", "test/", "**/test"] {
            let options = WalkOptions::new(false, &[], &[glob.to_owned()]).unwrap();
            for excluded in ["test/a.js", "src/test/b.js", "a/b/test/c/d.ts"] {
                assert!(!options.selects(excluded), "--exclude {glob} should skip {excluded}");
            }
            for kept in ["tests/a.js", "src/latest/b.js", "src/test.js"] {
                assert!(options.selects(kept), "--exclude {glob} should keep {kept}");
            }
        }
        let anchored = WalkOptions::new(false, &[], &["src/test".to_owned()]).unwrap();
        assert!(!anchored.selects("src/test/a.js"));
        assert!(anchored.selects("lib/src/test/a.js"), "a glob with a `/` is anchored");
        for root in ["/test", "./test", "./test/"] {
            let rooted = WalkOptions::new(false, &[], &[root.to_owned()]).unwrap();
            assert!(!rooted.selects("test/a.js") && rooted.selects("src/test/a.js"), "{root}");
        }
        let file = WalkOptions::new(false, &[], &["stats.js".to_owned()]).unwrap();
        assert!(!file.selects("pages/api/stats.js"), "a file name matches at any depth too");
        let include = WalkOptions::new(false, &["pages".to_owned()], &[]).unwrap();
        assert!(include.selects("apps/web/pages/api/a.js") && !include.selects("apps/web/lib/a.js"));
        let suffix = WalkOptions::new(false, &[], &["**/*.test.ts".to_owned()]).unwrap();
        assert!(!suffix.selects("src/a.test.ts") && suffix.selects("src/a.ts"));
    }

    #[test]
    fn globs_that_match_no_file_are_named() {
        let options = WalkOptions::new(false, &["src/**".to_owned()], &["test".to_owned(), "tset".to_owned()]).unwrap();
        for shown in ["src/a.js", "test/b.js"] {
            options.selects(shown);
        }
        assert_eq!(options.unmatched(), ["--exclude `tset`"]);
        assert!(WalkOptions::new(false, &[], &[]).unwrap().unmatched().is_empty());
    }

    #[test]
    fn display_paths_are_relative_without_dot() {
        let cwd = Path::new("/repo");
        assert_eq!(display_path(Path::new("/repo/src/a.js"), cwd), "src/a.js");
        assert_eq!(display_path(Path::new("./src/a.js"), cwd), "src/a.js");
        assert_eq!(display_path(Path::new("/elsewhere/a.js"), cwd), "/elsewhere/a.js");
    }
}

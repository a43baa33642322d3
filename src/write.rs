//! Writing a fixed file without ever losing the original.
//!
//! The new text goes to a temporary file in the same folder, which then
//! replaces the original by rename: a crash or a full disk leaves either the
//! old file or the new one, never half of one. Permissions are kept, a symlink
//! stays a symlink (its target is edited), and a file that changed since it was
//! read is not overwritten.
//!
//! A run that fixes many files writes them all first ([`prepare`]), syncs them to disk at once
//! ([`sync_to_disk`]), then renames each into place ([`PreparedWrite::commit`]).

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::error::FileError;

/// Replaces the file at `path` with `contents`, if it still holds `original`.
pub fn write_atomically(path: &Path, original: &[u8], contents: &[u8]) -> Result<(), FileError> {
    let prepared = prepare(path, original, contents)?;
    prepared.temp_file_sync()?;
    prepared.commit()
}

/// A fixed file written next to its original but not yet in its place: [`commit`](Self::commit)
/// renames it over the original; dropping it deletes it.
#[derive(Debug)]
pub struct PreparedWrite {
    /// The temporary file, in the same folder as the target.
    temp: tempfile::TempPath,
    /// The file to replace (a symlink's target).
    target: PathBuf,
    /// What the target held when it was read.
    original: Vec<u8>,
    /// The file system the target is on, so [`sync_to_disk`] can sync each one once.
    #[cfg(target_os = "linux")]
    device: u64,
}

/// Writes `contents` to a temporary file beside `path` with the same permissions, without
/// syncing it: call [`sync_to_disk`] on every prepared file, then [`PreparedWrite::commit`].
pub fn prepare(path: &Path, original: &[u8], contents: &[u8]) -> Result<PreparedWrite, FileError> {
    // Only a symlink needs resolving (its target is edited); a plain file is replaced where it is.
    let link = fs::symlink_metadata(path).map_err(FileError::Write)?;
    let (target, metadata) = if link.file_type().is_symlink() {
        let target = fs::canonicalize(path).map_err(FileError::Write)?;
        let metadata = fs::metadata(&target).map_err(FileError::Write)?;
        (target, metadata)
    } else {
        (path.to_path_buf(), link)
    };
    if metadata.permissions().readonly() {
        return Err(FileError::Write(io::Error::new(io::ErrorKind::PermissionDenied, "the file is read-only")));
    }
    let folder =
        folder_of(&target).ok_or_else(|| FileError::Write(io::Error::other("the file has no parent folder")))?;
    let mut temp =
        tempfile::Builder::new().prefix(".sendonce-").suffix(".tmp").tempfile_in(folder).map_err(FileError::Write)?;
    temp.write_all(contents).map_err(FileError::Write)?;
    temp.as_file().set_permissions(metadata.permissions()).map_err(FileError::Write)?;
    Ok(PreparedWrite {
        temp: temp.into_temp_path(),
        target,
        original: original.to_vec(),
        #[cfg(target_os = "linux")]
        device: std::os::unix::fs::MetadataExt::dev(&metadata),
    })
}

/// The folder `path` is in, where its temporary file goes (`.` for a bare file name); `None` for
/// a root.
fn folder_of(path: &Path) -> Option<&Path> {
    path.parent().map(|folder| if folder.as_os_str().is_empty() { Path::new(".") } else { folder })
}

impl PreparedWrite {
    /// The file this replaces: the path written, or a symlink's target, resolved.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Syncs this one temporary file to disk.
    fn temp_file_sync(&self) -> Result<(), FileError> {
        fs::File::open(&self.temp).and_then(|file| file.sync_all()).map_err(FileError::Write)
    }

    /// Renames the temporary file over the target, unless the target changed since it was read.
    /// Only call it after the temporary file is on disk ([`sync_to_disk`]).
    pub fn commit(self) -> Result<(), FileError> {
        if !self.target_is_unchanged().map_err(FileError::Write)? {
            return Err(FileError::ChangedOnDisk);
        }
        self.temp.persist(&self.target).map_err(|err| FileError::Write(err.error))?;
        Ok(())
    }

    /// Whether the target still holds exactly what was read: reads at most one byte more than
    /// that, into a buffer of that size (no `stat` for a size hint, no growing).
    fn target_is_unchanged(&self) -> io::Result<bool> {
        let limit = self.original.len() as u64 + 1;
        let mut current = Vec::with_capacity(self.original.len() + 1);
        fs::File::open(&self.target)?.take(limit).read_to_end(&mut current)?;
        Ok(current == self.original)
    }
}

/// Above this many files, [`sync_to_disk`] syncs whole filesystems instead of each file.
const PER_FILE_SYNC_LIMIT: usize = 64;

/// Puts every prepared file's contents on disk, so a crash after a rename can never leave a
/// half-written file. A few files are synced one by one (in parallel, on the current rayon pool);
/// many files, on Linux, with one `syncfs` per filesystem: with thousands of fixed files, one
/// `fsync` each costs many times the analysis. (`syncfs` also flushes other programs' writes to
/// that filesystem, which is why a handful of files is not synced that way.)
pub fn sync_to_disk(prepared: &[&PreparedWrite]) -> Result<(), FileError> {
    use rayon::prelude::*;
    if prepared.len() <= PER_FILE_SYNC_LIMIT || !cfg!(target_os = "linux") {
        return prepared.par_iter().try_for_each(|write| write.temp_file_sync());
    }
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let mut devices = std::collections::HashSet::new();
        for write in prepared {
            if devices.insert(write.device) {
                let folder = folder_of(&write.target).unwrap_or(Path::new("."));
                let folder = fs::File::open(folder).map_err(FileError::Write)?;
                // SAFETY: `syncfs` only reads the descriptor, which `folder` keeps open for the call.
                if unsafe { libc::syncfs(folder.as_raw_fd()) } != 0 {
                    return Err(FileError::Write(io::Error::last_os_error()));
                }
            }
        }
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    unreachable!("only Linux syncs whole filesystems")
}

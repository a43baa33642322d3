//! Writing a fixed file without ever losing the original.
//!
//! The new text goes to a temporary file in the same folder, which then
//! replaces the original by rename: a crash or a full disk leaves either the
//! old file or the new one, never half of one. Permissions are kept, a symlink
//! stays a symlink (its target is edited), and a file that changed since it was
//! read is not overwritten.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use crate::error::FileError;

/// Replaces the file at `path` with `contents`, if it still holds `original`.
pub fn write_atomically(path: &Path, original: &[u8], contents: &[u8]) -> Result<(), FileError> {
    let target = fs::canonicalize(path).map_err(FileError::Write)?;
    let metadata = fs::metadata(&target).map_err(FileError::Write)?;
    if metadata.permissions().readonly() {
        return Err(FileError::Write(io::Error::new(io::ErrorKind::PermissionDenied, "the file is read-only")));
    }
    let folder = target.parent().ok_or_else(|| FileError::Write(io::Error::other("the file has no parent folder")))?;
    let mut temp =
        tempfile::Builder::new().prefix(".sendonce-").suffix(".tmp").tempfile_in(folder).map_err(FileError::Write)?;
    temp.write_all(contents).map_err(FileError::Write)?;
    temp.as_file().sync_all().map_err(FileError::Write)?;
    fs::set_permissions(temp.path(), metadata.permissions()).map_err(FileError::Write)?;
    let current = fs::read(&target).map_err(FileError::Write)?;
    if current != original {
        return Err(FileError::ChangedOnDisk);
    }
    temp.persist(&target).map_err(|err| FileError::Write(err.error))?;
    Ok(())
}

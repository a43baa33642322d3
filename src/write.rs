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
//!
//! Temporary files are named `.sendonce-PID-N.tmp` (PID the writing process) and kept in a
//! registry while they exist: every error path deletes its own, SIGINT, SIGTERM and SIGHUP delete
//! all of them before the process dies ([`clean_up_on_signals`]), and a later `--write` deletes
//! those of a process that no longer runs ([`remove_leftovers`]), which is what a SIGKILL (or a
//! power cut) leaves.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, RwLock};

use crate::error::FileError;

/// How every temporary file's name starts (see the module docs).
pub const TEMP_PREFIX: &str = ".sendonce-";

/// How every temporary file's name ends.
pub const TEMP_SUFFIX: &str = ".tmp";

/// The temporary files that exist now, and whether the process is dying (then no new one is made).
static TEMP_FILES: Mutex<(bool, Option<HashSet<PathBuf>>)> = Mutex::new((false, None));

/// Held (shared) while a temporary file is being created, so the signal cleanup (which takes it
/// exclusively) never runs between a file's registration and its creation and misses it.
static CREATING: RwLock<()> = RwLock::new(());

/// The next temporary file number of this process.
static NEXT_TEMP: AtomicU64 = AtomicU64::new(0);

fn temp_files() -> std::sync::MutexGuard<'static, (bool, Option<HashSet<PathBuf>>)> {
    TEMP_FILES.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A registered temporary file, deleted (and unregistered) when dropped unless it was renamed.
#[derive(Debug)]
struct TempFile {
    path: PathBuf,
}

impl TempFile {
    /// Creates a new, empty temporary file in `folder` (only readable by its owner until its
    /// permissions are set), registered before it exists.
    fn create_in(folder: &Path) -> io::Result<(Self, fs::File)> {
        let _creating = CREATING.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        loop {
            let number = NEXT_TEMP.fetch_add(1, Ordering::Relaxed);
            let path = folder.join(format!("{TEMP_PREFIX}{}-{number}{TEMP_SUFFIX}", std::process::id()));
            {
                let mut registry = temp_files();
                if registry.0 {
                    return Err(io::Error::new(io::ErrorKind::Interrupted, "sendonce is being stopped"));
                }
                registry.1.get_or_insert_with(HashSet::new).insert(path.clone());
            }
            let temp = Self { path };
            let mut options = fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            match options.open(&temp.path) {
                Ok(file) => return Ok((temp, file)),
                // A leftover of an earlier process that had this PID: take the next number.
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {
                    temp.forget();
                }
                Err(err) => {
                    temp.forget();
                    return Err(err);
                }
            }
        }
    }

    /// Unregisters the file without deleting it (renamed into place, or never created by us).
    fn forget(self) {
        if let Some(registered) = temp_files().1.as_mut() {
            registered.remove(&self.path);
        }
        std::mem::forget(self);
    }

    /// Renames the file over `target`; on failure it is deleted when the returned error's
    /// owner drops it.
    fn rename_to(self, target: &Path) -> Result<(), FileError> {
        fs::rename(&self.path, target).map_err(FileError::Write)?;
        self.forget();
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
        if let Some(registered) = temp_files().1.as_mut() {
            registered.remove(&self.path);
        }
    }
}

/// Deletes every temporary file this process has made and not yet renamed, and stops new ones
/// from being made: what a signal that ends the run must do first.
fn remove_all_temp_files() {
    let _no_creation = CREATING.write().unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut registry = temp_files();
    registry.0 = true;
    for path in registry.1.take().unwrap_or_default() {
        let _ = fs::remove_file(path);
    }
}

/// Makes SIGINT, SIGTERM and SIGHUP delete this process's temporary files before it dies of the
/// signal (as it would have without this, same exit status): the signals are blocked in every
/// thread and one small thread waits for them with `sigwait`, so the cleanup runs as ordinary
/// code, not in a signal handler. Child processes start with the signals unblocked (the
/// standard library resets their mask).
///
/// Ends the process as `signal` would have, so the parent sees the signal (the supervisor after
/// its worker, the signal thread after removing the temporary files).
#[cfg(target_os = "linux")]
pub(crate) fn end_by_signal(signal: libc::c_int) -> ! {
    // SAFETY: restores the default action for `signal`, unblocks it in this thread and sends it to
    // this thread, which ends the process as the signal would have.
    unsafe {
        libc::signal(signal, libc::SIG_DFL);
        let mut only: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut only);
        libc::sigaddset(&mut only, signal);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &only, std::ptr::null_mut());
        libc::raise(signal);
    }
    std::process::exit(128 + signal)
}

/// # Safety
///
/// Call it before any other thread of the process exists: threads started earlier would keep
/// the signals unblocked and could take them without cleaning up.
#[cfg(target_os = "linux")]
pub unsafe fn clean_up_on_signals() {
    // SAFETY: plain libc calls on a local signal set; the caller guarantees no other thread runs.
    let set = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            libc::sigaddset(&mut set, signal);
        }
        if libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) != 0 {
            return;
        }
        set
    };
    let waiter = std::thread::Builder::new().name("sendonce-signals".into()).stack_size(256 << 10).spawn(move || {
        let mut signal = 0;
        // SAFETY: `set` is a valid signal set and `signal` a valid place for the result.
        while unsafe { libc::sigwait(&set, &mut signal) } != 0 {}
        remove_all_temp_files();
        end_by_signal(signal);
    });
    if waiter.is_err() {
        // No thread to take them: let the signals act as they did.
        // SAFETY: unblocks the signals blocked above, in this (the only) thread.
        unsafe { libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut()) };
    }
}

/// Deletes the temporary files in `folder` left by a sendonce process that no longer runs
/// (killed with SIGKILL, or the machine stopped): named `.sendonce-PID-N.tmp` for a PID that
/// no process has. One of a running process (this one, or another sendonce at work in the same
/// folder) is kept. Returns how many were deleted.
pub fn remove_leftovers(folder: &Path) -> usize {
    let Ok(entries) = fs::read_dir(folder) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(leftover_pid) else { continue };
        if !process_exists(pid) && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The PID in a temporary file's name `.sendonce-PID-N.tmp`, if `name` is one.
fn leftover_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)?;
    let (pid, number) = rest.split_once('-')?;
    number.parse::<u64>().ok()?;
    pid.parse().ok()
}

/// Whether a process with this PID runs: it has an entry in `/proc` and is not a zombie (a killed
/// process that nobody has reaped yet still has its PID).
#[cfg(target_os = "linux")]
fn process_exists(pid: u32) -> bool {
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the command name, which is in parentheses and may hold anything.
        Ok(stat) => {
            !stat.rsplit_once(')').is_some_and(|(_, rest)| matches!(rest.trim_start().chars().next(), Some('Z' | 'X')))
        }
        Err(err) => err.kind() != io::ErrorKind::NotFound,
    }
}

/// Elsewhere a leftover's owner cannot be checked, so it is kept.
#[cfg(not(target_os = "linux"))]
fn process_exists(_pid: u32) -> bool {
    true
}

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
    temp: TempFile,
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
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Replacing one name of a file with several would leave the others with the old text.
        if metadata.nlink() > 1 {
            return Err(FileError::HardLinked { links: metadata.nlink() });
        }
    }
    let (temp, mut file) = TempFile::create_in(folder).map_err(FileError::Write)?;
    file.write_all(contents).map_err(FileError::Write)?;
    #[cfg(unix)]
    keep_owner(&file, &metadata)?;
    #[cfg(target_os = "linux")]
    copy_xattrs(&target, &temp.path)?;
    // After the owner: changing the owner clears the set-user-ID and set-group-ID bits.
    file.set_permissions(metadata.permissions()).map_err(FileError::Write)?;
    drop(file);
    Ok(PreparedWrite {
        temp,
        target,
        original: original.to_vec(),
        #[cfg(target_os = "linux")]
        device: std::os::unix::fs::MetadataExt::dev(&metadata),
    })
}

/// Gives the temporary file the original's owner and group (a run as root would otherwise make
/// another user's file root's). Skipped when they are already ours; when they cannot be kept (not
/// root, and not one of our groups) the file is not written rather than silently given away.
#[cfg(unix)]
fn keep_owner(file: &fs::File, original: &fs::Metadata) -> Result<(), FileError> {
    use std::os::unix::fs::MetadataExt;
    let ours = file.metadata().map_err(FileError::Write)?;
    if (ours.uid(), ours.gid()) == (original.uid(), original.gid()) {
        return Ok(());
    }
    std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid())).map_err(|err| {
        FileError::Write(io::Error::new(
            err.kind(),
            format!("cannot keep the file's owner and group ({}:{}): {err}", original.uid(), original.gid()),
        ))
    })
}

/// A path as the C string the xattr calls take.
#[cfg(target_os = "linux")]
fn c_path(path: &Path) -> io::Result<std::ffi::CString> {
    std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).map_err(|_| io::Error::other("a NUL byte in the path"))
}

/// Copies every extended attribute of `from` (the original) to `to` (its temporary file): labels,
/// ACLs, `user.*` metadata. A file system without them has none to copy; one the temporary file
/// cannot take (not permitted, no room) means the file is not written rather than written without.
#[cfg(target_os = "linux")]
fn copy_xattrs(from: &Path, to: &Path) -> Result<(), FileError> {
    let (from_c, to_c) = (c_path(from).map_err(FileError::Write)?, c_path(to).map_err(FileError::Write)?);
    let mut names = vec![0u8; 1024];
    loop {
        // SAFETY: `names` is a writable buffer of the length passed; the path is NUL-terminated.
        let len = unsafe { libc::listxattr(from_c.as_ptr(), names.as_mut_ptr().cast(), names.len()) };
        if len >= 0 {
            names.truncate(len as usize);
            break;
        }
        let err = io::Error::last_os_error();
        match err.raw_os_error() {
            Some(libc::ENOTSUP) => return Ok(()),
            Some(libc::ERANGE) => names.resize(names.len() * 4, 0),
            _ => return Err(FileError::Write(err)),
        }
    }
    for name in names.split(|&b| b == 0).filter(|name| !name.is_empty()) {
        let name_c = std::ffi::CString::new(name).map_err(|_| FileError::Write(io::Error::other("xattr name")))?;
        let mut value = vec![0u8; 256];
        let len = loop {
            // SAFETY: as above, for the value buffer.
            let len =
                unsafe { libc::getxattr(from_c.as_ptr(), name_c.as_ptr(), value.as_mut_ptr().cast(), value.len()) };
            if len >= 0 {
                break len as usize;
            }
            let err = io::Error::last_os_error();
            if err.raw_os_error() == Some(libc::ERANGE) {
                value.resize(value.len() * 4, 0);
                continue;
            }
            return Err(FileError::Write(err));
        };
        // SAFETY: `value[..len]` is initialised; both strings are NUL-terminated.
        let set = unsafe { libc::setxattr(to_c.as_ptr(), name_c.as_ptr(), value.as_ptr().cast(), len, 0) };
        if set != 0 {
            let err = io::Error::last_os_error();
            let name = String::from_utf8_lossy(name);
            return Err(FileError::Write(io::Error::new(
                err.kind(),
                format!("cannot keep extended attribute {name}: {err}"),
            )));
        }
    }
    Ok(())
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
        fs::File::open(&self.temp.path).and_then(|file| file.sync_all()).map_err(FileError::Write)
    }

    /// Puts the temporary file in the target's place, unless the target changed since it was read
    /// or is open for writing in another program. Only call it after the temporary file is on
    /// disk ([`sync_to_disk`]).
    ///
    /// On Linux the gap between "unchanged?" and the replacement is closed as far as the kernel
    /// allows: a read lease on the original (granted only while no other process has it open for
    /// writing, and broken by any open for writing or truncation) proves nobody can be writing to
    /// it; the two files are then swapped atomically (`renameat2(RENAME_EXCHANGE)`), the original,
    /// now under the temporary name, is checked once more (its contents, and that the lease was
    /// not broken meanwhile), and swapped back if anything changed. Where leases or the exchange
    /// are not available (some network and FUSE file systems), the check and a plain rename remain.
    pub fn commit(self) -> Result<(), FileError> {
        let mut original = fs::File::open(&self.target).map_err(FileError::Write)?;
        #[cfg(target_os = "linux")]
        let lease = match lease::take(&original) {
            Ok(lease) => lease,
            Err(err) if err.kind() == io::ErrorKind::WouldBlock => return Err(FileError::OpenForWriting),
            Err(err) => return Err(FileError::Write(err)),
        };
        if !self.holds_original(&mut original).map_err(FileError::Write)? {
            return Err(FileError::ChangedOnDisk);
        }
        #[cfg(target_os = "linux")]
        {
            match exchange(&self.temp.path, &self.target) {
                Ok(()) => {}
                Err(err) if matches!(err.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS | libc::ENOTSUP)) => {
                    return self.temp.rename_to(&self.target);
                }
                Err(err) => return Err(FileError::Write(err)),
            }
            // The original is now at the temporary name (still open as `original`); the fixed
            // text is in place.
            let intact = lease.is_intact(&original) && self.holds_original(&mut original).unwrap_or(false);
            if !intact {
                // Put the original back where it was; the fixed text is then deleted with `temp`.
                exchange(&self.temp.path, &self.target).map_err(FileError::Write)?;
                return Err(FileError::ChangedOnDisk);
            }
            // `temp`'s name now holds the original, which is what its drop deletes.
            drop(self.temp);
            Ok(())
        }
        #[cfg(not(target_os = "linux"))]
        self.temp.rename_to(&self.target)
    }

    /// Whether `file` (the original, open) still holds exactly what was read: reads it from the
    /// start, at most one byte more than that, into a buffer of that size.
    fn holds_original(&self, file: &mut fs::File) -> io::Result<bool> {
        use std::io::Seek;
        file.rewind()?;
        let limit = self.original.len() as u64 + 1;
        let mut current = Vec::with_capacity(self.original.len() + 1);
        file.take(limit).read_to_end(&mut current)?;
        Ok(current == self.original)
    }
}

/// Swaps the files at `a` and `b` in one step (`renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    let (a, b) = (c_path(a)?, c_path(b)?);
    // SAFETY: both paths are NUL-terminated and live across the call.
    let done =
        unsafe { libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE) };
    if done == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Read leases (`fcntl(F_SETLEASE, F_RDLCK)`), see [`PreparedWrite::commit`].
#[cfg(target_os = "linux")]
mod lease {
    use std::fs::File;
    use std::io;
    use std::os::fd::AsRawFd;

    /// `fcntl`'s command to choose the signal of a lease break (Linux's `F_SETSIG`).
    const F_SETSIG: libc::c_int = 10;

    /// Whether a lease was taken; without one (not supported, or not the file's owner) only the
    /// content checks guard the replacement.
    pub(super) struct Lease(bool);

    /// Takes a read lease on `file` (opened read-only). `WouldBlock` when another process has the
    /// file open for writing.
    pub(super) fn take(file: &File) -> io::Result<Lease> {
        let fd = file.as_raw_fd();
        // A broken lease is announced with a signal; SIGURG's default action is to ignore it (the
        // default SIGIO would end the process). The break itself is read with F_GETLEASE.
        // SAFETY: fcntl on a descriptor `file` keeps open.
        if unsafe { libc::fcntl(fd, F_SETSIG, libc::SIGURG) } != 0 {
            return Ok(Lease(false));
        }
        // SAFETY: as above.
        if unsafe { libc::fcntl(fd, libc::F_SETLEASE, libc::F_RDLCK) } == 0 {
            return Ok(Lease(true));
        }
        let err = io::Error::last_os_error();
        match err.raw_os_error() {
            Some(libc::EAGAIN) => Err(io::Error::from(io::ErrorKind::WouldBlock)),
            // Not the owner (and no CAP_LEASE), or a file system without leases.
            _ => Ok(Lease(false)),
        }
    }

    impl Lease {
        /// Whether nobody opened the file for writing (or truncated it) since the lease was taken.
        pub(super) fn is_intact(&self, file: &File) -> bool {
            // SAFETY: fcntl on a descriptor `file` keeps open.
            !self.0 || unsafe { libc::fcntl(file.as_raw_fd(), libc::F_GETLEASE) } == libc::F_RDLCK
        }
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

//! Running the work in a child process, so that no file can take the whole run down.
//!
//! oxc's parser (and the walks over what it builds) recurse once per level of nesting and have
//! no depth limit of their own; the bracket limit before parsing (`source::MAX_NESTING`) is an
//! estimate that a file can fool, and long unbracketed chains (`a => a => ...`) have no brackets
//! to count. A stack overflow aborts a process; it cannot be caught in it. So on Linux the
//! `sendonce` binary is a small supervisor that runs the real run in a child (the same binary,
//! the same arguments) and, only when that child dies of a crash signal (a stack overflow is
//! SIGABRT), finds the file: it runs again one file at a time, each file's path written to a
//! marks file before its analysis and a mark after it, so the file being analysed at the crash
//! is known; that file becomes that file's error (`FileError::Overflowed`) and the run is done
//! again without it (with every worker), until a run completes. Nothing is printed or written
//! before every file is analysed, so a crashed child has shown and changed nothing.
//!
//! Costs: one more process per run (a few milliseconds); after a crash, runs at `-j 1`.
//! SIGINT, SIGTERM and SIGHUP sent to the supervisor go to the child, and the supervisor then
//! ends by the same signal; the child gets SIGKILL when the supervisor dies.

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;

/// Set in the child's environment (to the supervisor's PID): this process does the work.
const CHILD: &str = "SENDONCE_SUPERVISOR";

/// Set in the child's environment to a file to append marks to (see the module docs).
const MARKS: &str = "SENDONCE_MARKS";

/// Set in the child's environment to a file listing the paths (NUL-separated) to skip as
/// [`crate::error::FileError::Overflowed`].
const SKIP: &str = "SENDONCE_SKIP";

/// Set (to anything) to run without a supervisor.
pub const NO_SUPERVISOR: &str = "SENDONCE_NO_SUPERVISOR";

/// At most this many files are found one by one before the supervisor gives up.
const MAX_CULPRITS: usize = 64;

/// Everything `main` does: supervise a child that does the work, or do it here (in the child,
/// without Linux, for runs that analyse nothing, or when no child can be started).
///
/// # Safety
///
/// Call it first in `main`, before any other thread exists (see `prepare_process`).
pub unsafe fn main_process() -> ExitCode {
    #[cfg(target_os = "linux")]
    if std::env::var_os(CHILD).is_none() && std::env::var_os(NO_SUPERVISOR).is_none() && analyses_files() {
        if let Some(code) = linux::supervise() {
            return code;
        }
    }
    // SAFETY: the caller guarantees no other thread exists yet.
    unsafe { crate::runner::prepare_process() };
    #[cfg(target_os = "linux")]
    linux::die_with_supervisor();
    crate::runner::run_with_args(std::env::args_os())
}

/// Whether the command line asks for a run over files or stdin (not `--help`, `--list-rules`,
/// `--explain`, `--generate`, or a usage error, which are answered without a child).
fn analyses_files() -> bool {
    use clap::Parser;
    match crate::cli::Args::try_parse_from(std::env::args_os()) {
        Ok(args) => !args.list_rules && args.explain.is_none() && args.generate.is_none(),
        Err(_) => false,
    }
}

/// Whether this run marks each analysis (it then uses one worker, so the last mark is the file).
pub(crate) fn marking() -> bool {
    marks_file().is_some()
}

fn marks_file() -> Option<&'static std::sync::Mutex<std::fs::File>> {
    static FILE: OnceLock<Option<std::sync::Mutex<std::fs::File>>> = OnceLock::new();
    FILE.get_or_init(|| {
        let path = std::env::var_os(MARKS)?;
        std::fs::OpenOptions::new().append(true).open(path).ok().map(std::sync::Mutex::new)
    })
    .as_ref()
}

/// Runs `analyse` for the file at `path`, with a mark before and after it when marking.
pub(crate) fn marked<T>(path: &Path, analyse: impl FnOnce() -> T) -> T {
    let Some(file) = marks_file() else { return analyse() };
    let write = |record: &[u8]| {
        use std::io::Write;
        let mut file = file.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let _ = file.write_all(record);
    };
    let mut start = vec![b'S'];
    start.extend_from_slice(path.as_os_str().as_encoded_bytes());
    start.push(0);
    write(&start);
    let result = analyse();
    write(b"E\0");
    result
}

/// Whether the supervisor found that analysing `path` overflows the stack.
pub(crate) fn is_skipped(path: &Path) -> bool {
    static SKIPPED: OnceLock<HashSet<PathBuf>> = OnceLock::new();
    SKIPPED
        .get_or_init(|| {
            let Some(list) = std::env::var_os(SKIP) else { return HashSet::new() };
            let bytes = std::fs::read(list).unwrap_or_default();
            bytes.split(|&b| b == 0).filter(|p| !p.is_empty()).map(path_from_bytes).collect()
        })
        .contains(path)
}

/// A path from the bytes [`marked`] wrote.
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    #[cfg(unix)]
    {
        PathBuf::from(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
    }
}

/// The file whose analysis started and never ended, from a marks file's contents.
fn unfinished(marks: &[u8]) -> Option<PathBuf> {
    let mut open = None;
    for record in marks.split(|&b| b == 0) {
        match record.split_first() {
            Some((b'S', path)) => open = Some(path_from_bytes(path)),
            Some((b'E', _)) => open = None,
            _ => {}
        }
    }
    open
}

#[cfg(target_os = "linux")]
mod linux {
    use std::os::unix::process::ExitStatusExt;
    use std::process::{Command, ExitCode};
    use std::sync::atomic::{AtomicI32, Ordering};

    use super::*;

    /// The child's PID while one runs (0 otherwise), for the signal forwarder.
    static CHILD_PID: AtomicI32 = AtomicI32::new(0);

    /// The signal that asked the supervisor to stop (0: none).
    static STOP: AtomicI32 = AtomicI32::new(0);

    /// The signals passed on to the child.
    const FORWARDED: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

    /// Runs the child until a run completes (see the module docs); `None` when no child can be
    /// started (the caller then does the work itself).
    pub(super) fn supervise() -> Option<ExitCode> {
        let exe = std::env::current_exe().ok()?;
        let args: Vec<OsString> = std::env::args_os().skip(1).collect();
        let stdin = args.iter().any(|arg| arg.as_encoded_bytes().starts_with(b"--stdin-filename"));
        forward_signals()?;
        let scratch = Scratch::new();
        let mut skipped: Vec<PathBuf> = Vec::new();
        let mut marking = false;
        loop {
            stop_if_asked();
            let mut command = Command::new(&exe);
            command.args(&args).env(CHILD, std::process::id().to_string());
            if marking {
                if let Err(err) = std::fs::write(&scratch.marks, b"") {
                    return Some(fail(&format!("cannot write {}: {err}", scratch.marks.display())));
                }
                command.env(MARKS, &scratch.marks);
            }
            if !skipped.is_empty() {
                let mut list = Vec::new();
                for path in &skipped {
                    list.extend_from_slice(path.as_os_str().as_encoded_bytes());
                    list.push(0);
                }
                if let Err(err) = std::fs::write(&scratch.skip, list) {
                    return Some(fail(&format!("cannot write {}: {err}", scratch.skip.display())));
                }
                command.env(SKIP, &scratch.skip);
            }
            // While looking for the file, the runs that crash print only the overflow message:
            // their stderr is kept and shown only for the run that completes.
            if marking {
                command.stderr(std::process::Stdio::piped());
            }
            let mut child = match command.spawn() {
                Ok(child) => child,
                Err(err) => return Some(fail(&format!("cannot start the worker process: {err}"))),
            };
            CHILD_PID.store(i32::try_from(child.id()).unwrap_or(0), Ordering::SeqCst);
            // A signal that came before the PID was known is passed on now.
            let early = STOP.load(Ordering::SeqCst);
            if early != 0 {
                // SAFETY: signals the child this process started and has not yet waited for.
                unsafe { libc::kill(child.id() as libc::pid_t, early) };
            }
            let mut stderr = Vec::new();
            if let Some(mut pipe) = child.stderr.take() {
                use std::io::Read;
                let _ = pipe.read_to_end(&mut stderr);
            }
            let status = child.wait();
            CHILD_PID.store(0, Ordering::SeqCst);
            stop_if_asked();
            let status = match status {
                Ok(status) => status,
                Err(err) => return Some(fail(&format!("cannot wait for the worker process: {err}"))),
            };
            if let Some(code) = status.code() {
                use std::io::Write;
                let _ = std::io::stderr().write_all(&stderr);
                return Some(ExitCode::from(u8::try_from(code).unwrap_or(2)));
            }
            let signal = status.signal().unwrap_or(0);
            if ![libc::SIGABRT, libc::SIGSEGV, libc::SIGBUS, libc::SIGILL].contains(&signal) {
                die_by(signal);
            }
            if stdin {
                eprintln!("sendonce: error: {}; nothing printed", crate::error::FileError::Overflowed);
                return Some(ExitCode::from(2));
            }
            if !marking {
                eprintln!(
                    "sendonce: note: a file is nested too deeply for the parser's stack (see above); \
                     running again, one file at a time, to find it"
                );
                marking = true;
                continue;
            }
            let marks = std::fs::read(&scratch.marks).unwrap_or_default();
            match unfinished(&marks) {
                Some(path) if !skipped.contains(&path) && skipped.len() < MAX_CULPRITS => {
                    eprintln!("sendonce: note: found it: {}; running again without it", path.display());
                    skipped.push(path);
                    // With all workers again; another such file starts another search.
                    marking = false;
                }
                _ => {
                    return Some(fail(&format!(
                        "the worker process crashed (signal {signal}) outside the analysis of a file"
                    )))
                }
            }
        }
    }

    /// Prints `message` as the run's error; the exit code for it.
    fn fail(message: &str) -> ExitCode {
        eprintln!("sendonce: error: {message}");
        ExitCode::from(2)
    }

    /// The marks and skip files of one supervised run, deleted at its end.
    struct Scratch {
        marks: PathBuf,
        skip: PathBuf,
    }

    impl Scratch {
        fn new() -> Self {
            let dir = std::env::temp_dir();
            let id = std::process::id();
            Self { marks: dir.join(format!(".sendonce-marks-{id}")), skip: dir.join(format!(".sendonce-skip-{id}")) }
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.marks);
            let _ = std::fs::remove_file(&self.skip);
        }
    }

    /// Blocks [`FORWARDED`] in this (the only) thread and starts one that waits for them and
    /// passes each on to the child. The child starts with them unblocked (the standard library
    /// resets a child's signal mask).
    fn forward_signals() -> Option<()> {
        // SAFETY: plain libc calls on a local signal set, before any other thread exists.
        let set = unsafe {
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            for signal in FORWARDED {
                libc::sigaddset(&mut set, signal);
            }
            if libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) != 0 {
                return None;
            }
            set
        };
        let spawned =
            std::thread::Builder::new().name("sendonce-forward".into()).stack_size(256 << 10).spawn(move || loop {
                let mut signal = 0;
                // SAFETY: `set` is a valid signal set and `signal` a valid place for the result.
                if unsafe { libc::sigwait(&set, &mut signal) } != 0 {
                    continue;
                }
                STOP.store(signal, Ordering::SeqCst);
                let child = CHILD_PID.load(Ordering::SeqCst);
                if child > 0 {
                    // SAFETY: signals the running child (a stale PID was waited for and is 0 here).
                    unsafe { libc::kill(child, signal) };
                }
            });
        if spawned.is_err() {
            // SAFETY: undoes the block above in this thread.
            unsafe { libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut()) };
            return None;
        }
        Some(())
    }

    /// Ends the supervisor by the signal it was asked to stop with, if any.
    fn stop_if_asked() {
        let signal = STOP.load(Ordering::SeqCst);
        if signal != 0 {
            die_by(signal);
        }
    }

    /// Ends this process as `signal` would (the child already ended by it, or was told to).
    fn die_by(signal: libc::c_int) -> ! {
        crate::write::end_by_signal(signal)
    }

    /// In the child: be killed when the supervisor dies (a SIGKILL cannot be passed on), and
    /// stop at once if it already has.
    pub(super) fn die_with_supervisor() {
        let Some(supervisor) = std::env::var(CHILD).ok().and_then(|pid| pid.parse::<libc::pid_t>().ok()) else {
            return;
        };
        // SAFETY: prctl with PR_SET_PDEATHSIG only sets this process's parent-death signal.
        unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) };
        // SAFETY: getppid has no preconditions.
        if unsafe { libc::getppid() } != supervisor {
            std::process::exit(2);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unfinished_analysis_is_the_last_start_without_an_end() {
        assert_eq!(unfinished(b"Sa.js\0E\0Sb.js\0"), Some(PathBuf::from("b.js")));
        assert_eq!(unfinished(b"Sa.js\0E\0"), None);
        assert_eq!(unfinished(b""), None);
    }
}

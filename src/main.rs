//! The `sendonce` binary: everything happens in the library.

fn main() -> std::process::ExitCode {
    // SAFETY: the first thing the process does; no other thread exists yet.
    unsafe { sendonce::supervise::main_process() }
}

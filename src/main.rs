//! The `sendonce` binary: everything happens in the library.

fn main() -> std::process::ExitCode {
    sendonce::run_with_args(std::env::args_os())
}

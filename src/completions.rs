//! `--generate`: shell completions and a man page, both built from the clap definition in
//! [`crate::cli::Args`], so they always list the flags the binary really has.

use std::io::{self, Write};

use clap::{CommandFactory, ValueEnum};
use clap_complete::Shell;

use crate::cli::Args;

/// What `--generate` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Generate {
    /// Bash completions (source the output, or put it in bash-completion's `completions/sendonce`).
    CompletionsBash,
    /// Zsh completions (save the output as `_sendonce` in a folder on `$fpath`).
    CompletionsZsh,
    /// Fish completions (save the output as `~/.config/fish/completions/sendonce.fish`).
    CompletionsFish,
    /// The man page, in roff (`sendonce --generate man > sendonce.1; man ./sendonce.1`).
    Man,
}

/// Writes the completions or man page for `kind` to `out`.
pub fn generate(kind: Generate, out: &mut dyn Write) -> io::Result<()> {
    let mut command = Args::command();
    let shell = match kind {
        Generate::CompletionsBash => Shell::Bash,
        Generate::CompletionsZsh => Shell::Zsh,
        Generate::CompletionsFish => Shell::Fish,
        Generate::Man => return clap_mangen::Man::new(command).render(out),
    };
    // clap_complete panics when its writer fails (a closed pipe); render to memory first.
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut command, "sendonce", &mut buffer);
    out.write_all(&buffer)
}

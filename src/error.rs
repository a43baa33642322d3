//! The ways one file can fail. Each is reported against its file and never stops the run.

use std::io;

/// Why a file could not be analysed or written. The message is what the user reads after `PATH: error: `.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The path could not be opened or read (missing, permission denied, a folder loop).
    #[error("cannot read: {0}")]
    Read(#[source] io::Error),
    /// Not a regular file (a FIFO, a device, a socket): reading it could block forever or never
    /// end, so it is not opened for more than a look at what it is.
    #[error("not a regular file ({kind}); skipped")]
    NotRegular {
        /// What it is instead, e.g. "a FIFO".
        kind: &'static str,
    },
    /// A path named on the command line that is not a JS/TS file.
    #[error("not a JavaScript or TypeScript file (expected one of .js .jsx .mjs .cjs .ts .tsx .mts .cts)")]
    UnsupportedExtension,
    /// A NUL byte near the start: the file is not text.
    #[error("binary file (contains a NUL byte); skipped")]
    Binary,
    /// Bytes that are not UTF-8; guessing an encoding could corrupt the file on write.
    #[error("not valid UTF-8 (invalid byte at offset {offset}); skipped")]
    NotUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// oxc could not parse the file; nothing is analysed or changed.
    #[error("{line}:{col}: syntax error: {message}; file left unchanged")]
    Parse {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        col: usize,
        /// oxc's message.
        message: String,
    },
    /// A Flow-typed file (`// @flow` before its code) with Flow syntax oxc cannot parse. Not a
    /// failure: the runner counts it as skipped and names the count in the summary.
    #[error("Flow-typed file (`@flow`): sendonce parses JavaScript and TypeScript, not Flow; skipped")]
    Flow,
    /// Brackets nested deeper than `source::MAX_NESTING`: parsing it could overflow the stack.
    #[error(
        "{line}:{col}: brackets nested more than {max} levels deep; skipped (sendonce's parser would run out of stack)"
    )]
    TooDeep {
        /// 1-based line where the limit is passed.
        line: usize,
        /// 1-based column where the limit is passed.
        col: usize,
        /// The limit.
        max: usize,
    },
    /// Analysing the file overflowed the stack (nesting deeper than the parser can follow, that
    /// the bracket limit did not catch): found by the supervisor (`crate::supervise`) after the
    /// worker process crashed on it, and skipped in the run that followed.
    #[error("nested too deeply for sendonce's parser (analysing it ran out of stack); skipped")]
    Overflowed,
    /// The path walk of a handler ran out of its budget (`flow::MAX_WORK` steps or `flow::MAX_DEPTH`
    /// levels): a per-file limit so a pathological file cannot hang the run.
    #[error(
        "{line}:{col}: this handler is too complex to follow within sendonce's limits \
         ({max_work} steps, {max_depth} levels of nesting); file left unchanged"
    )]
    TooComplex {
        /// 1-based line of the handler.
        line: usize,
        /// 1-based column of the handler.
        col: usize,
        /// The step limit.
        max_work: u64,
        /// The nesting limit.
        max_depth: u32,
    },
    /// The rewritten text does not parse: a bug in a fix, caught before anything was written.
    #[error("internal error: the fixed code does not parse ({message}); nothing written for this file")]
    FixBreaksSyntax {
        /// oxc's message for the rewritten text.
        message: String,
    },
    /// The file has more than one name (hard links): replacing it by rename would split them, the
    /// other names keeping the old text, so it is not written.
    #[error("has {links} hard links; replacing it would leave the other names with the old text; not written")]
    HardLinked {
        /// How many names the file has.
        links: u64,
    },
    /// Another program has the file open for writing: replacing it now could lose what that
    /// program writes next.
    #[error("open for writing in another program; not written")]
    OpenForWriting,
    /// The file changed between our read and our write: someone else is editing it.
    #[error("changed on disk while sendonce was running; not written")]
    ChangedOnDisk,
    /// Creating, writing or renaming the temporary file failed; the original is untouched.
    #[error("cannot write: {0}; file left unchanged")]
    Write(#[source] io::Error),
}

//! A bounded fuzzer for the whole pipeline, driven by proptest.
//!
//! `cargo fuzz` needs a nightly toolchain and sendonce builds with stable Rust 1.95, so this is
//! a proptest-driven mutator instead. Each input goes through what the command line does with a
//! file: `SourceFile::from_bytes` (decode), `analyze_and_fix` (parse, analyse, fix, in rounds)
//! and a re-parse of the output, on a thread with the stack the command line's workers have.
//! The oracle: no panic, no output that does not parse (nor a fix the library itself caught
//! breaking the syntax), and every input done within [`PER_INPUT`] (sendonce's own limits make
//! a pathological file an error, not a hang).
//!
//! Inputs: arbitrary bytes, the files of `testdata/rules` and `testdata/example` and generated
//! handlers (`tests/common/generate.rs`), mutated by deleting,
//! duplicating, swapping and truncating ranges, flipping bits and inserting JS/TS tokens,
//! some repeated thousands of times (deep nesting, long chains).
//!
//! `SENDONCE_FUZZ_SECONDS` (default 10) bounds the run; `scripts/test.sh` gives it 60. A failing
//! input is shrunk by proptest and saved under `target/fuzz-failures/`; move it to
//! `testdata/fuzz/regressions/` and commit it, where [`regressions_replay`] runs it every time.
//! The input being run is also written to `target/fuzz-last-input.*` first, so an input that
//! kills the process (a stack overflow cannot be caught) is not lost.

mod common;

use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use oxc_allocator::Allocator;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestError, TestRunner};
use sendonce::analysis::{analyze_and_fix, WORKER_STACK_SIZE};
use sendonce::diagnostic::Applicability;
use sendonce::error::FileError;
use sendonce::source::SourceFile;

/// The most one input may take (debug build). sendonce's own analysis limits stop far sooner;
/// this only catches a hang they miss.
const PER_INPUT: Duration = Duration::from_secs(20);

const EXTENSIONS: &[&str] = &["js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts"];

/// Tokens the mutator inserts: the syntax sendonce cares about, and shapes that nest.
const TOKENS: &[&str] = &[
    "res.json(x);",
    "res.status(500).json({ error });",
    "return res.json(a);",
    "res.send('x');",
    "res.end();",
    "res.setHeader('a', 'b');",
    "next();",
    "next(err);",
    "await ",
    "const a = await getA();",
    "const { b } = await getB(a.id);",
    "if (a) {",
    "if (a) ",
    "} else {",
    "else if (b) ",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "try {",
    "} catch (e) {",
    "} finally {",
    "for (const x of y) {",
    "for (;;) ",
    "while (a) {",
    "do {",
    "} while (a);",
    "switch (a) { case 1: ",
    "break;",
    "continue;",
    "return;",
    "throw e;",
    "items.forEach((item) => {",
    "db.query(sql, (err, rows) => {",
    "});",
    "=> ",
    "x => ",
    "async (req, res) => {",
    "export default async function handler(req, res) {",
    "router.get('/', async (req, res) => {",
    "module.exports = (req, res) => {",
    "a + ",
    "!",
    "a ? b : ",
    "a = ",
    ".then(() => res.json(1))",
    "//",
    "// note\n",
    "/*",
    "*/",
    "/* c */",
    "\n",
    "\r\n",
    "\t",
    "  ",
    "\u{feff}",
    "'",
    "\"",
    "`",
    "${",
    ";",
    ",",
    ".",
    ":",
    "é",
    "\u{2028}",
    "<div>",
    "</div>",
    ": string",
    " as any",
    "<T>",
    "@dec ",
    "#priv",
    "label: ",
    "__sendonce_0__",
    "/re/g",
];

/// One input: bytes and the extension of the file they pretend to be.
#[derive(Debug, Clone)]
struct Input {
    ext: &'static str,
    bytes: Vec<u8>,
}

/// One edit of an input's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Delete(Index, usize),
    Duplicate(Index, usize),
    Swap(Index, Index, usize),
    Truncate(Index),
    FlipBit(Index, u8),
    InsertBytes(Index, Vec<u8>),
    /// A token inserted `n` times in a row.
    Insert(Index, usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> + Clone {
    let repeat = prop_oneof![8 => Just(1usize), 3 => 2..16usize, 1 => 16..4000usize];
    prop_oneof![
        2 => (any::<Index>(), 1..64usize).prop_map(|(at, len)| Mutation::Delete(at, len)),
        1 => (any::<Index>(), 1..256usize).prop_map(|(at, len)| Mutation::Duplicate(at, len)),
        1 => (any::<Index>(), any::<Index>(), 1..64usize).prop_map(|(a, b, len)| Mutation::Swap(a, b, len)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        1 => (any::<Index>(), 0..8u8).prop_map(|(at, bit)| Mutation::FlipBit(at, bit)),
        1 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..8)).prop_map(|(at, b)| Mutation::InsertBytes(at, b)),
        6 => (any::<Index>(), 0..TOKENS.len(), repeat).prop_map(|(at, token, n)| Mutation::Insert(at, token, n)),
    ]
}

fn apply(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let at = |index: &Index, len: usize| if len == 0 { 0 } else { index.index(len + 1) };
    match mutation {
        Mutation::Delete(i, len) => {
            let start = at(i, bytes.len());
            let end = (start + len).min(bytes.len());
            bytes.drain(start..end);
        }
        Mutation::Duplicate(i, len) => {
            let start = at(i, bytes.len());
            let end = (start + len).min(bytes.len());
            let copy = bytes[start..end].to_vec();
            bytes.splice(end..end, copy);
        }
        Mutation::Swap(a, b, len) => {
            let (a, b) = (at(a, bytes.len()), at(b, bytes.len()));
            let (lo, hi) = (a.min(b), a.max(b));
            let len = (*len).min(hi - lo).min(bytes.len() - hi);
            for k in 0..len {
                bytes.swap(lo + k, hi + k);
            }
        }
        Mutation::Truncate(i) => {
            let end = at(i, bytes.len());
            bytes.truncate(end);
        }
        Mutation::FlipBit(i, bit) => {
            if !bytes.is_empty() {
                let k = i.index(bytes.len());
                bytes[k] ^= 1 << bit;
            }
        }
        Mutation::InsertBytes(i, new) => {
            let k = at(i, bytes.len());
            bytes.splice(k..k, new.iter().copied());
        }
        Mutation::Insert(i, token, n) => {
            let k = at(i, bytes.len());
            let text = TOKENS[*token].repeat(*n);
            bytes.splice(k..k, text.into_bytes());
        }
    }
}

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The JS/TS files under `folder` (relative to the crate, at any depth), sorted, with their extensions.
fn files_in(folder: &str) -> Vec<(PathBuf, &'static str, Vec<u8>)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, &'static str, Vec<u8>)>) {
        for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
                continue;
            }
            let ext = path.extension().and_then(|e| e.to_str()).and_then(|e| EXTENSIONS.iter().find(|x| **x == e));
            if let Some(ext) = ext {
                let bytes = fs::read(&path).unwrap();
                out.push((path, *ext, bytes));
            }
        }
    }
    let mut out = Vec::new();
    walk(&manifest().join(folder), &mut out);
    out.sort();
    out
}

/// The seed files the fuzzer mutates: every rule fixture and the example project.
fn corpus() -> Vec<(PathBuf, &'static str, Vec<u8>)> {
    let mut files = files_in("testdata/rules");
    files.extend(files_in("testdata/example"));
    files
}

fn input() -> impl Strategy<Value = Input> {
    let corpus: Vec<(&'static str, Vec<u8>)> = corpus().into_iter().map(|(_, ext, b)| (ext, b)).collect();
    assert!(corpus.len() >= 50, "the fuzz corpus (testdata/rules, testdata/example) has {} files", corpus.len());
    let mutations = prop::collection::vec(mutation(), 1..8);
    let arbitrary = (prop::sample::select(EXTENSIONS), prop::collection::vec(any::<u8>(), 0..1024))
        .prop_map(|(ext, bytes)| Input { ext, bytes });
    let mutated_corpus = (prop::sample::select(corpus), mutations.clone()).prop_map(|((ext, mut bytes), mutations)| {
        for m in &mutations {
            apply(&mut bytes, m);
        }
        Input { ext, bytes }
    });
    let mutated_generated = (common::handler_file(), mutations).prop_map(|(file, mutations)| {
        let mut bytes = file.bytes();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        Input { ext: file.extension(), bytes }
    });
    prop_oneof![1 => arbitrary, 3 => mutated_corpus, 2 => mutated_generated]
}

/// What went wrong with one input.
fn check_pipeline(input: &Input) -> Result<(), String> {
    let path = PathBuf::from(format!("fuzz.{}", input.ext));
    let Ok(file) = SourceFile::from_bytes(&path, input.bytes.clone()) else { return Ok(()) };
    let fixed = match analyze_and_fix(&file, Applicability::Unsafe) {
        Ok(fixed) => fixed,
        Err(err @ FileError::FixBreaksSyntax { .. }) => return Err(format!("a fix broke the code: {err}")),
        Err(_) => return Ok(()),
    };
    let Some(output) = fixed.fixed_text else { return Ok(()) };
    let written = file.with_bom(&output).into_bytes();
    let reread = SourceFile::from_bytes(&path, written).map_err(|e| format!("the output cannot be read back: {e}"))?;
    let allocator = Allocator::default();
    // Parsed as sendonce parses it (a CommonJS `.js` file may `return` at the top level).
    let parsed = sendonce::analysis::parse(&allocator, &reread.text, reread.source_type);
    if let Some(error) = parsed.diagnostics.first() {
        return Err(format!("the output does not parse: {}\n--- output ---\n{}", error.message, reread.text));
    }
    Ok(())
}

/// Runs [`check_pipeline`] on a thread with the command line's worker stack, catching panics
/// and giving up after [`PER_INPUT`].
fn check(input: &Input) -> Result<(), String> {
    let last = manifest().join(format!("target/fuzz-last-input.{}", input.ext));
    let _ = fs::write(&last, &input.bytes);
    let (send, receive) = mpsc::channel();
    let owned = input.clone();
    let started = Instant::now();
    std::thread::Builder::new()
        .stack_size(WORKER_STACK_SIZE)
        .spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(|| check_pipeline(&owned)))
                .unwrap_or_else(|panic| Err(format!("panicked: {}", panic_message(&panic))));
            let _ = send.send(result);
        })
        .expect("a thread");
    match receive.recv_timeout(PER_INPUT) {
        Ok(result) => result,
        Err(_) => {
            Err(format!("no result after {:?}: a hang (sendonce's per-file limits should stop it)", started.elapsed()))
        }
    }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

/// Saves a failing input where a developer finds it, and says where.
fn save_failure(input: &Input) -> PathBuf {
    let dir = manifest().join("target/fuzz-failures");
    let _ = fs::create_dir_all(&dir);
    let hash =
        input.bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3));
    let path = dir.join(format!("{hash:016x}.{}", input.ext));
    let _ = fs::write(&path, &input.bytes);
    path
}

fn fuzz_seconds() -> u64 {
    std::env::var("SENDONCE_FUZZ_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(10)
}

/// Feeds generated inputs through the pipeline for `SENDONCE_FUZZ_SECONDS`, in batches of 64
/// with seeds counted up from `SENDONCE_FUZZ_SEED` (random by default; printed on failure).
#[test]
fn fuzz_the_whole_pipeline() {
    let deadline = Instant::now() + Duration::from_secs(fuzz_seconds());
    let seed = std::env::var("SENDONCE_FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64)
    });
    let strategy = input();
    let mut batch = 0u64;
    while Instant::now() < deadline {
        let config = Config {
            cases: 64,
            max_shrink_iters: 2048,
            failure_persistence: None,
            rng_seed: RngSeed::Fixed(seed.wrapping_add(batch)),
            ..Config::default()
        };
        let result = TestRunner::new(config).run(&strategy, |input| {
            check(&input).map_err(|message| {
                let saved = save_failure(&input);
                TestCaseError::fail(format!("{message}\ninput saved to {}", saved.display()))
            })
        });
        match result {
            Ok(()) => {}
            Err(TestError::Fail(reason, input)) => panic!(
                "fuzz failure (SENDONCE_FUZZ_SEED={seed}, batch {batch}): {reason}\nshrunk input ({} bytes, .{}):\n{}",
                input.bytes.len(),
                input.ext,
                String::from_utf8_lossy(&input.bytes)
            ),
            Err(TestError::Abort(reason)) => panic!("fuzzing aborted: {reason}"),
        }
        batch += 1;
    }
    eprintln!("fuzz: {} inputs in {}s (SENDONCE_FUZZ_SEED={seed})", batch * 64, fuzz_seconds());
}

/// Every input once found failing, and every corpus file, still goes through cleanly.
#[test]
fn regressions_replay() {
    let mut failures = Vec::new();
    for (path, ext, bytes) in files_in("testdata/fuzz/regressions").into_iter().chain(corpus()) {
        if let Err(message) = check(&Input { ext, bytes }) {
            failures.push(format!("{}: {message}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

//! Parse-only probe: the cost floor sendonce is measured against.
//!
//! Walks a tree in parallel with `ignore::WalkParallel` (skipping `node_modules`), reads every
//! `.js .mjs .cjs .jsx .ts .mts .cts .tsx` file, and parses it with oxc 0.146 in one arena per
//! walker thread, reset after each file. This is the probe of `shared/bench/peers.sh`.
//!
//! Usage: `oxc-probe [--read | --parse | --prefilter] [-j N] DIR`
//!   `--read`       walk + read only
//!   `--parse`      parse every file (default)
//!   `--prefilter`  parse only files containing `res.`, `response.`, `.json(` or `.send(`
//! Prints one line of counts on stdout.
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use ignore::{WalkBuilder, WalkState};
use memchr::memmem;
use oxc_allocator::Allocator;
use oxc_parser::Parser;
use oxc_span::SourceType;

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Read,
    Parse,
    Prefilter,
}

fn is_js(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("js" | "mjs" | "cjs" | "jsx" | "ts" | "mts" | "cts" | "tsx"))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut root = String::from(".");
    let mut mode = Mode::Parse;
    let mut threads = 0usize;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--read" => mode = Mode::Read,
            "--prefilter" => mode = Mode::Prefilter,
            "--parse" => mode = Mode::Parse,
            "-j" => threads = args.next().and_then(|n| n.parse().ok()).expect("-j N"),
            _ => root = a,
        }
    }
    let files = AtomicUsize::new(0);
    let bytes = AtomicUsize::new(0);
    let parsed = AtomicUsize::new(0);
    let err_files = AtomicUsize::new(0);
    let panicked = AtomicUsize::new(0);
    let stmts = AtomicUsize::new(0);
    let show_errors = std::env::var_os("OXC_PROBE_SHOW_ERRORS").is_some();
    let needles: Vec<memmem::Finder<'static>> =
        ["res.", "response.", ".json(", ".send("].iter().map(|n| memmem::Finder::new(n.as_bytes())).collect();

    let walker = WalkBuilder::new(&root).threads(threads).filter_entry(|e| e.file_name() != "node_modules").build_parallel();
    walker.run(|| {
        let mut alloc = Allocator::default();
        let (files, bytes, parsed, err_files, panicked, stmts, needles) =
            (&files, &bytes, &parsed, &err_files, &panicked, &stmts, &needles);
        Box::new(move |entry| {
            let Ok(entry) = entry else { return WalkState::Continue };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                return WalkState::Continue;
            }
            let path = entry.path();
            if !is_js(path) {
                return WalkState::Continue;
            }
            let Ok(src) = std::fs::read(path) else { return WalkState::Continue };
            files.fetch_add(1, Relaxed);
            bytes.fetch_add(src.len(), Relaxed);
            if mode == Mode::Read {
                return WalkState::Continue;
            }
            if mode == Mode::Prefilter && !needles.iter().any(|f| f.find(&src).is_some()) {
                return WalkState::Continue;
            }
            let Ok(text) = String::from_utf8(src) else {
                err_files.fetch_add(1, Relaxed);
                return WalkState::Continue;
            };
            let st = SourceType::from_path(path).unwrap_or_default();
            alloc.reset();
            let ret = Parser::new(&alloc, &text, st).parse();
            parsed.fetch_add(1, Relaxed);
            stmts.fetch_add(ret.program.body.len(), Relaxed);
            if !ret.diagnostics.is_empty() {
                err_files.fetch_add(1, Relaxed);
                if show_errors {
                    eprintln!("parse error: {}", path.display());
                }
            }
            if ret.panicked {
                panicked.fetch_add(1, Relaxed);
            }
            WalkState::Continue
        })
    });
    println!(
        "files={} bytes={} parsed={} files_with_errors={} panicked={} top_level_stmts={}",
        files.load(Relaxed),
        bytes.load(Relaxed),
        parsed.load(Relaxed),
        err_files.load(Relaxed),
        panicked.load(Relaxed),
        stmts.load(Relaxed)
    );
}

//! Property tests: for generated handler files (see `tests/common/mod.rs`), what sendonce
//! writes always parses, nothing outside its edits changes, no comment is lost, a second
//! run changes nothing, and `git apply` of the dry run equals `--write`.
//!
//! Each property runs 256 cases (`PROPTEST_CASES=N` changes it). A failing case is shrunk
//! and saved by proptest under `proptest-regressions/`; commit that file so it is replayed.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use oxc_allocator::Allocator;
use oxc_parser::Parser;
use oxc_semantic::SemanticBuilder;
use oxc_span::SourceType;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use sendonce::analysis::{analyze_and_fix, FixedFile};
use sendonce::diagnostic::{Applicability, Edit};
use sendonce::source::SourceFile;
use tempfile::TempDir;

use common::{cases, git, git_init_commit, handler_file, run, run_handler, sample, snapshot, HandlerFile, Run};

// ---------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------

/// Parser and semantic (early) errors of `text`, as oxc reports them.
fn syntax_errors(text: &str, source_type: SourceType) -> Vec<String> {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, text, source_type).parse();
    let mut errors: Vec<String> = parsed.diagnostics.iter().map(|d| d.message.to_string()).collect();
    if parsed.panicked {
        errors.push("the parser gave up".into());
    }
    if errors.is_empty() {
        let semantic = SemanticBuilder::new().with_check_syntax_error(true).build(&parsed.program);
        errors.extend(semantic.diagnostics.iter().map(|d| d.message.to_string()));
    }
    errors
}

/// The comments of `text`, each with the leading whitespace of its lines removed (a moved
/// comment is re-indented with its statement), sorted so two files can be compared as multisets.
fn comments(text: &str, source_type: SourceType) -> Vec<String> {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, text, source_type).parse();
    let mut out: Vec<String> = parsed
        .program
        .comments
        .iter()
        .map(|c| {
            let raw = &text[c.span.start as usize..c.span.end as usize];
            raw.split('\n')
                .map(|line| line.trim_start_matches([' ', '\t']).trim_end_matches('\r'))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    out.sort();
    out
}

/// A generated case: its source file as sendonce decodes it, checked to be valid input.
fn load(case: &HandlerFile) -> SourceFile {
    let path = PathBuf::from(format!("case.{}", case.extension()));
    let file = SourceFile::from_bytes(&path, case.bytes()).expect("generated files are UTF-8 text");
    let errors = syntax_errors(&file.text, file.source_type);
    assert!(errors.is_empty(), "the generator made invalid input: {errors:?}\n{}", file.text);
    file
}

/// Runs the library as `--write --unsafe-fixes` would on one file.
fn fix(file: &SourceFile) -> FixedFile {
    analyze_and_fix(file, Applicability::Unsafe)
        .unwrap_or_else(|err| panic!("analyze_and_fix failed: {err}\n--- input ---\n{}", file.text))
}

/// `edits` spliced into `text`.
fn splice(text: &str, edits: &[Edit]) -> String {
    let mut out = String::new();
    let mut cursor = 0;
    for edit in edits {
        out.push_str(&text[cursor..edit.span.start as usize]);
        out.push_str(&edit.text);
        cursor = edit.span.end as usize;
    }
    out.push_str(&text[cursor..]);
    out
}

/// Maps an offset in the text after `edits` back to the text before them. An offset inside
/// inserted text maps to the start of the replaced range (`start_side`) or to its end.
fn map_back(pos: usize, edits: &[Edit], start_side: bool) -> usize {
    let mut delta: isize = 0;
    for edit in edits {
        let new_start = (edit.span.start as isize + delta) as usize;
        let new_end = new_start + edit.text.len();
        let (before, inside) =
            if start_side { (pos < new_start, pos < new_end) } else { (pos <= new_start, pos <= new_end) };
        if before {
            break;
        }
        if inside {
            return if start_side { edit.span.start as usize } else { edit.span.end as usize };
        }
        delta += edit.text.len() as isize - edit.span.size() as isize;
    }
    (pos as isize - delta) as usize
}

fn show(input: &str, output: &str) -> String {
    format!("--- input ---\n{input}\n--- output ---\n{output}")
}

// ---------------------------------------------------------------------------
// properties
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(256),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    /// (a) What `--write` would write (and the dry run's diff shows) parses with oxc, with no
    /// parser or early (semantic) error, BOM included.
    #[test]
    fn output_always_parses(case in handler_file()) {
        let file = load(&case);
        let fixed = fix(&file);
        if let Some(new_text) = &fixed.fixed_text {
            let written = file.with_bom(new_text);
            let reread = SourceFile::from_bytes(Path::new(&format!("out.{}", case.extension())), written.into_bytes())
                .expect("the output is UTF-8 text");
            prop_assert_eq!(reread.has_bom, file.has_bom, "the BOM must be kept");
            let errors = syntax_errors(&reread.text, reread.source_type);
            prop_assert!(errors.is_empty(), "the output does not parse: {:?}\n{}", errors, show(&file.text, new_text));
        }
    }

    /// (b) The output is the input with the applied edits spliced in, and nothing else: the bytes
    /// before the first edit and after the last are the input's, and between edits too. Every
    /// comment of the input is in the output (re-indented at most), and no comment is added.
    /// Line endings and the indentation character follow the file.
    #[test]
    fn nothing_outside_the_edits_changes(case in handler_file()) {
        let file = load(&case);
        let fixed = fix(&file);
        let input = file.text.as_str();
        let Some(output) = &fixed.fixed_text else {
            prop_assert!(fixed.rounds.is_empty(), "edits were recorded but nothing changed");
            return Ok(());
        };
        prop_assert!(!fixed.rounds.is_empty(), "the text changed without an applied edit");
        // Every round's text is the text before it with that round's edits spliced in, and nothing else.
        let mut text = input.to_owned();
        for edits in &fixed.rounds {
            for pair in edits.windows(2) {
                prop_assert!(pair[0].span.end <= pair[1].span.start, "applied edits overlap: {:?}", pair);
            }
            text = splice(&text, edits);
        }
        prop_assert!(&text == output, "the output is not the input with its edits\n{}", show(input, output));
        // The changed range, in offsets of the input: before and after it, the bytes are the input's.
        let (mut first, mut last) = (usize::MAX, 0);
        for (round, edits) in fixed.rounds.iter().enumerate() {
            let (mut start, mut end) = (edits[0].span.start as usize, edits[edits.len() - 1].span.end as usize);
            for earlier in fixed.rounds[..round].iter().rev() {
                start = map_back(start, earlier, true);
                end = map_back(end, earlier, false);
            }
            first = first.min(start);
            last = last.max(end);
        }
        prop_assert!(output.starts_with(&input[..first]), "bytes before the first edit changed\n{}", show(input, output));
        prop_assert!(output.ends_with(&input[last..]), "bytes after the last edit changed\n{}", show(input, output));

        let (before, after) = (comments(input, file.source_type), comments(output, file.source_type));
        prop_assert_eq!(before, after, "comments were lost or added\n{}", show(input, output));

        let crlf = case.shape.newline == "\r\n";
        for edit in fixed.rounds.iter().flatten() {
            if crlf {
                let lone_lf = edit.text.match_indices('\n').any(|(i, _)| i == 0 || edit.text.as_bytes()[i - 1] != b'\r');
                prop_assert!(!lone_lf, "an edit brings a bare LF into a CRLF file: {:?}", edit.text);
            } else {
                prop_assert!(!edit.text.contains('\r'), "an edit brings CR into an LF file: {:?}", edit.text);
            }
            if case.shape.indent == "\t" {
                for line in edit.text.lines().skip(1) {
                    let indent: String = line.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
                    let spaces = indent.trim_start_matches('\t');
                    // ` * text` in a block comment is aligned with one space after the tabs.
                    prop_assert!(spaces.is_empty() || (spaces == " " && line.trim_start().starts_with('*')),
                        "space indentation in a tab-indented file: {:?}\n{}", line, show(input, output));
                }
            }
        }
    }

    /// (c) Idempotent: a second run over the output applies nothing.
    #[test]
    fn a_second_run_changes_nothing(case in handler_file()) {
        let file = load(&case);
        let fixed = fix(&file);
        if let Some(output) = &fixed.fixed_text {
            let again = SourceFile::from_bytes(Path::new(&format!("out.{}", case.extension())), file.with_bom(output).into_bytes())
                .expect("the output is UTF-8 text");
            let second = fix(&again);
            prop_assert!(second.fixed_text.is_none(),
                "a second run changed the output again\n{}\n--- second output ---\n{}",
                show(&file.text, output), second.fixed_text.as_deref().unwrap_or_default());
        }
    }
}

// ---------------------------------------------------------------------------
// (d) git apply of the dry run equals --write, through the binary
// ---------------------------------------------------------------------------

/// 48 generated files in one repository: the dry run's patch, applied with `git apply`, gives
/// the same bytes as `--write --unsafe-fixes` (the dry run shows every fix), whether or not the
/// dry run itself was given `--unsafe-fixes`; a dry run afterwards is empty.
#[test]
fn git_apply_of_the_dry_run_equals_write() {
    let cases = sample(handler_file(), 48, 7);
    for flags in [&[][..], &["--unsafe-fixes"][..]] {
        let patched = TempDir::new().unwrap();
        let written = TempDir::new().unwrap();
        for dir in [&patched, &written] {
            for (i, case) in cases.iter().enumerate() {
                fs::write(dir.path().join(format!("case{i:02}.{}", case.extension())), case.bytes()).unwrap();
            }
            git_init_commit(dir.path());
        }
        let original = snapshot(patched.path());

        let Run { code, stdout: diff, stderr } = run(patched.path(), flags);
        assert_eq!(code, 0, "{flags:?}: a dry run that printed its diff exits 0:\n{stderr}");
        assert!(diff.contains("+++ b/"), "{flags:?}: the dry run fixes something:\n{stderr}");
        let patch = TempDir::new().unwrap();
        let patch_file = patch.path().join("fix.patch");
        fs::write(&patch_file, &diff).unwrap();
        git(patched.path(), &["apply", "--check", patch_file.to_str().unwrap()]);
        git(patched.path(), &["apply", patch_file.to_str().unwrap()]);

        let Run { code, stderr, .. } = run(written.path(), &["--write", "--unsafe-fixes"]);
        assert!(code == 0 || code == 1, "{flags:?}: --write failed with {code}:\n{stderr}");

        let (after_patch, after_write) = (snapshot(patched.path()), snapshot(written.path()));
        assert_ne!(after_patch, original, "{flags:?}: the patch changed nothing");
        for (name, bytes) in &after_write {
            assert!(
                after_patch[name] == *bytes,
                "{flags:?}: {name}: git apply and --write differ\n--- git apply ---\n{}\n--- --write ---\n{}",
                String::from_utf8_lossy(&after_patch[name]),
                String::from_utf8_lossy(bytes)
            );
        }
        let again = run(written.path(), flags).stdout;
        assert_eq!(again, "", "{flags:?}: a dry run after --write shows more changes");
    }
}

// ---------------------------------------------------------------------------
// behaviour: the fixed handler answers once, with every body, or 500
// ---------------------------------------------------------------------------

fn behaviour_cases() -> u32 {
    std::env::var("SENDONCE_BEHAVIOUR_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(24)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: behaviour_cases(),
        max_shrink_iters: 64,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    /// (4) For a generated handler of the seed's shape (independent awaits, `res.json` sends),
    /// run with Node against a mock response that throws on a second send: the original sends
    /// its first body and then throws `ERR_HTTP_HEADERS_SENT`; the fixed one sends exactly once,
    /// status 200, and its body is every body the original meant to send, merged (a sent
    /// variable `x` becomes the property `x`); when any one awaited call fails, the fixed one
    /// sends exactly one 500 and lets no error escape.
    #[test]
    fn fixed_handlers_answer_once_with_every_body(case in common::behaviour_case(), failing in any::<prop::sample::Index>()) {
        let source = case.render();
        let path = PathBuf::from(case.file_name());
        let file = SourceFile::from_bytes(&path, source.clone().into_bytes()).unwrap();
        // The seed's rewrite is an unsafe fix (it changes what clients receive).
        let fixed = analyze_and_fix(&file, Applicability::Unsafe).unwrap();
        let all_fixed = fixed.analysis.findings.iter().zip(&fixed.applied).all(|(f, &a)| a || f.rule != "multiple-sends");
        prop_assert!(all_fixed && fixed.fixed_text.is_some(), "the seed's shape must be fixed:\n{source}\n{:?}", fixed.analysis.findings);
        let output = fixed.fixed_text.unwrap();

        let (original_dir, fixed_dir) = (TempDir::new().unwrap(), TempDir::new().unwrap());
        let (original_file, fixed_file) = (original_dir.path().join(&path), fixed_dir.path().join(&path));
        fs::write(&original_file, &source).unwrap();
        fs::write(&fixed_file, &output).unwrap();
        let route: &[&str] = if case.express { &["--express-route", "GET /items/:id"] } else { &[] };
        let bodies = case.bodies();
        let context = format!("--- original ---\n{source}\n--- fixed ---\n{output}");

        let original = run_handler(original_dir.path(), case.file_name(), route);
        prop_assert_eq!(original["sends"].as_array().map(Vec::len), Some(1), "original: {}\n{}", original, context);
        prop_assert_eq!(&original["body"], &bodies[0], "original's first body: {}\n{}", original, context);
        prop_assert!(original["errors"].to_string().contains("ERR_HTTP_HEADERS_SENT"), "original: {}\n{}", original, context);

        let result = run_handler(fixed_dir.path(), case.file_name(), route);
        prop_assert_eq!(result["sends"].as_array().map(Vec::len), Some(1), "fixed: {}\n{}", result, context);
        prop_assert_eq!(&result["errors"], &serde_json::json!([]), "fixed: {}\n{}", result, context);
        prop_assert_eq!(&result["status"], &serde_json::json!(200), "fixed: {}\n{}", result, context);
        prop_assert_eq!(&result["body"], &case.merged_body(), "fixed body: {}\n{}", result, context);

        let functions = case.functions();
        let fail = &functions[failing.index(functions.len())];
        let failed = run_handler(fixed_dir.path(), case.file_name(), &[route, &["--fail", fail]].concat());
        prop_assert_eq!(failed["sends"].as_array().map(Vec::len), Some(1), "{} fails: {}\n{}", fail, failed, context);
        prop_assert_eq!(&failed["status"], &serde_json::json!(500), "{} fails: {}\n{}", fail, failed, context);
        prop_assert_eq!(&failed["body"], &serde_json::json!({ "error": "Failed to fetch data" }), "{} fails: {}", fail, failed);
        prop_assert_eq!(&failed["errors"], &serde_json::json!([]), "{} fails: {}\n{}", fail, failed, context);
    }
}

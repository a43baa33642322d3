//! One file through the pipeline: parse, find handlers, run the rules, apply the fixes.

use oxc_allocator::Allocator;
use oxc_parser::{Parser, ParserReturn};
use oxc_span::SourceType;

use crate::cli::RuleSelection;
use crate::config::{ProjectConfig, Severity};
use crate::diagnostic::{Applicability, Edit, Finding, FixStatus};
use crate::error::FileError;
use crate::fix::apply_fixes;
use crate::flow::{Helpers, MAX_DEPTH, MAX_WORK};
use crate::handler::{find_handlers, Handler};
use crate::prefilter::Evidence;
use crate::prettier::{Layout, LayoutSource};
use crate::rules::{check_handler, RuleContext};
use crate::sends::{Binding, SendMethods};
use crate::source::{line_col, nesting_exceeds, SourceFile, MAX_NESTING};
use crate::suppress::DIRECTIVE;

/// What sendonce found in one file.
#[derive(Debug, Default)]
pub struct Analysis {
    /// How many handlers the file has.
    pub handlers: usize,
    /// Findings, in source order.
    pub findings: Vec<Finding>,
}

/// The analysis of one file plus its fixed text, when any fix applied.
#[derive(Debug)]
pub struct FixedFile {
    /// Findings, in source order, each marked with whether its fix was applied.
    pub analysis: Analysis,
    /// `applied[i]` says whether `analysis.findings[i]`'s fix is in `fixed_text` (applied in the
    /// first round, or a later round applied a fix of the same rule in its place, or another fix of
    /// the first round removed it: see `mark_resolved`).
    pub applied: Vec<bool>,
    /// The new text (without BOM), if anything changed.
    pub fixed_text: Option<String>,
    /// The edits of each round that changed the text, sorted; the first round's are offsets into
    /// the original text, each later round's into the text the round before produced. The
    /// property tests rebuild the output from them to prove nothing else changed.
    pub rounds: Vec<Vec<Edit>>,
}

/// The largest file whose symbols are resolved (`oxc_semantic`). Handwritten handler files are far
/// smaller; the larger ones that have a handler are bundles (`next/dist/compiled/...`), where the
/// semantic pass cost a quarter of `--check`'s time on the benchmark corpus. Their handlers are
/// analysed with identity by name, and same-file functions are found by name at the top level.
pub const MAX_RESOLVED_FILE_SIZE: usize = 64 << 10;

/// The stack of each thread that analyses files. Parsing and walking recurse once per level of
/// nesting: [`MAX_NESTING`] bounds brackets, but long unbracketed chains (`a + b + ...`, `else if`
/// ladders, `!!x`) recurse too, a few kilobytes per level in a debug build. The memory is reserved,
/// not used: pages are only touched as deep as a file goes.
pub const WORKER_STACK_SIZE: usize = 256 << 20;

/// What an analysis runs with: the rules chosen on the command line and the file's `sendonce.json`.
#[derive(Debug, Clone, Copy)]
pub struct Options<'o> {
    /// `--rule` / `--ignore-rule`.
    pub rules: &'o RuleSelection,
    /// The nearest `sendonce.json` (or the defaults).
    pub project: &'o ProjectConfig,
    /// Whether handler discovery skips what the prefilter's evidence proves holds no finding
    /// (see [`Evidence`]). Off only with `--no-prefilter`, which the soundness tests compare with.
    pub prefilter: bool,
    /// The file's Prettier layout, which fixes fit (looked up only when a fix is printed).
    pub layout: &'o dyn LayoutSource,
}

impl Options<'_> {
    /// Whether `rule` runs: command-line choices win over the configuration file.
    pub fn runs(&self, rule: &str) -> bool {
        if self.rules.names_rules() {
            self.rules.allows(rule)
        } else {
            self.rules.allows(rule) && self.project.severity(rule) != Severity::Off
        }
    }
}

/// Parses `text` and checks every handler in it, with every rule, no configuration and Prettier's
/// default layout.
pub fn analyze(text: &str, source_type: SourceType) -> Result<Analysis, FileError> {
    let (rules, project) = (RuleSelection::default(), ProjectConfig::default());
    let options = Options { rules: &rules, project: &project, prefilter: true, layout: &Layout::default() };
    analyze_in(&Allocator::default(), text, source_type, options)
}

/// [`analyze`] with the AST in `allocator`, which the caller may reset and reuse for the next file
/// (nothing in the result borrows from it), keeping only the findings of the selected rules.
pub fn analyze_in(
    allocator: &Allocator,
    text: &str,
    source_type: SourceType,
    options: Options<'_>,
) -> Result<Analysis, FileError> {
    analyze_found(allocator, text, source_type, options, None)
}

/// [`analyze_in`], with the prefilter's evidence for `text` when the caller already found it
/// ([`crate::prefilter::evidence_if_may_have_findings`] with the configuration's extra words).
fn analyze_found(
    allocator: &Allocator,
    text: &str,
    source_type: SourceType,
    options: Options<'_>,
    found: Option<Evidence>,
) -> Result<Analysis, FileError> {
    if let Some(offset) = nesting_exceeds(text, MAX_NESTING) {
        let (line, col) = line_col(text, offset as u32);
        return Err(FileError::TooDeep { line, col, max: MAX_NESTING });
    }
    let parsed = parse_checked(allocator, text, source_type)?;
    let send_methods = SendMethods::new(&options.project.send_methods);
    let mut helpers = Helpers::collect(&parsed.program, &options.project.send_helpers, send_methods);
    let evidence = if options.prefilter {
        let mut evidence = found.unwrap_or_else(|| Evidence::find(text.as_bytes(), &options.project.extra_words()));
        evidence.include_helpers(text.as_bytes(), &helpers.bodies()).then_some(evidence)
    } else {
        None
    };
    let handlers = find_handlers(&parsed.program, &options.project.handler_wrappers, evidence.as_ref());
    if handlers.is_empty() && memchr::memmem::find(text.as_bytes(), DIRECTIVE.as_bytes()).is_none() {
        // Most parsed files (bundles, libraries) have no handler: skip the rules' setup for them.
        // (With an ignore directive, the rules still run, to report it if it silences nothing.)
        return Ok(Analysis { handlers: 0, findings: Vec::new() });
    }
    // Symbols only for files with a handler (most files parsed have none), and not for bundles.
    helpers.resolve(&parsed.program, text.len() <= MAX_RESOLVED_FILE_SIZE);
    let handlers = http_handlers(handlers, &helpers);
    let cx = RuleContext::new(text, &parsed.program, options.layout, send_methods);
    let mut findings = Vec::new();
    for handler in &handlers {
        check_handler(handler, &helpers, &cx, &mut findings);
        if helpers.budget().exceeded() {
            let (line, col) = line_col(text, handler.span.start);
            return Err(FileError::TooComplex { line, col, max_work: MAX_WORK, max_depth: MAX_DEPTH });
        }
    }
    findings.sort_by_key(|f| (f.primary.span.start, f.rule));
    crate::suppress::apply(&cx, &mut findings);
    findings.retain(|finding| options.runs(finding.rule));
    Ok(Analysis { handlers: handlers.len(), findings })
}

/// Whether a comment before the first line of code has a `@flow` pragma (`// @flow`,
/// `/* @flow strict */`, also after a license header or a hashbang), as Flow itself reads it.
/// oxc looks only at the first comment, so a pragma after a license header went unnoticed.
fn has_flow_pragma(text: &str) -> bool {
    let mut rest = text.strip_prefix("#!").map_or(text, |after| after.find('\n').map_or("", |end| &after[end..]));
    loop {
        rest = rest.trim_start();
        let (comment, after) = if let Some(line) = rest.strip_prefix("//") {
            line.split_at(line.find('\n').unwrap_or(line.len()))
        } else if let Some(block) = rest.strip_prefix("/*") {
            match block.find("*/") {
                Some(end) => (&block[..end], &block[end + 2..]),
                None => (block, ""),
            }
        } else {
            return false;
        };
        if comment.contains("@flow") {
            return true;
        }
        rest = after;
    }
}

/// Parses `text` as Node would run it. A `.js`/`.jsx` file without `import`/`export` is a
/// CommonJS module to Node (also under `"type": "commonjs"`), wrapped in a function, so a
/// top-level `return` is valid there: when the first parse fails, the file is parsed again as
/// CommonJS, and that parse is used if it succeeds without ESM syntax (`import` and a top-level
/// `return` together stay an error, as in Node). `.cjs`/`.cts` are CommonJS from the start; a
/// hashbang line is accepted in every file. The retry costs nothing for files that parse.
/// Public so the tests that check an output parses read it the same way.
pub fn parse<'a>(allocator: &'a Allocator, text: &'a str, source_type: SourceType) -> ParserReturn<'a> {
    let parsed = Parser::new(allocator, text, source_type).parse();
    let failed = |parsed: &ParserReturn<'_>| parsed.panicked || !parsed.diagnostics.is_empty();
    if !failed(&parsed) || parsed.is_flow_language || !source_type.is_javascript() || !source_type.is_unambiguous() {
        return parsed;
    }
    let commonjs = Parser::new(allocator, text, source_type.with_commonjs(true)).parse();
    // oxc accepts `import`/`export` in CommonJS mode too; Node would run such a file as ESM.
    if failed(&commonjs) || commonjs.module_record.has_module_syntax {
        parsed
    } else {
        commonjs
    }
}

/// The handlers that answer HTTP: a function known only by its signature and passed to a call
/// that is not a registration must call an HTTP-only response method; one registered through
/// such a call (`app.use(methodOverride(function (req, res) { ... }))`) must use its response.
/// A function another handler calls with its response is marked as that handler's helper.
fn http_handlers<'a>(handlers: Vec<Handler<'a>>, helpers: &Helpers<'a>) -> Vec<Handler<'a>> {
    let answering: Vec<(Handler<'a>, Binding<'a>)> = handlers
        .into_iter()
        .map(|handler| {
            let response = Binding::of(handler.response_binding, helpers.scoping());
            (handler, response)
        })
        .filter(|(handler, response)| {
            if !handler.passed_to_call || handler.response_typed {
                return true;
            }
            if handler.registered {
                handler.uses_response(response)
            } else {
                handler.answers_http(response)
            }
        })
        .collect();
    let helper_starts: Vec<u32> =
        answering.iter().flat_map(|(handler, response)| helpers.called_with(handler.body, response)).collect();
    answering
        .into_iter()
        .map(|(mut handler, _)| {
            handler.called_as_helper = !handler.registered && helper_starts.contains(&handler.span.start);
            handler
        })
        .collect()
}

/// Parses `text`, turning what the parser reports into the file's error: a Flow-typed file, the
/// first syntax error, or a parser that gave up.
fn parse_checked<'a>(
    allocator: &'a Allocator,
    text: &'a str,
    source_type: SourceType,
) -> Result<ParserReturn<'a>, FileError> {
    let parsed = parse(allocator, text, source_type);
    let failed = parsed.panicked || !parsed.diagnostics.is_empty();
    if parsed.is_flow_language || (failed && source_type.is_javascript() && has_flow_pragma(text)) {
        return Err(FileError::Flow);
    }
    if let Some(error) = parsed.diagnostics.iter().next() {
        let offset = error.labels.first().map_or(0, |label| label.offset());
        let (line, col) = line_col(text, offset);
        return Err(FileError::Parse { line, col, message: error.message.to_string() });
    }
    if parsed.panicked {
        return Err(FileError::Parse { line: 1, col: 1, message: "the parser gave up".into() });
    }
    Ok(parsed)
}

/// The flow of every handler in `text` as readable text ([`crate::flow::dump`]), with symbols
/// resolved as an analysis resolves them and no prefilter: what the flow snapshot tests compare.
pub fn flow_dumps(text: &str, source_type: SourceType) -> Result<String, FileError> {
    let allocator = Allocator::default();
    let parsed = parse_checked(&allocator, text, source_type)?;
    let mut helpers = Helpers::collect(&parsed.program, &[], SendMethods::default());
    let handlers = find_handlers(&parsed.program, &[], None);
    helpers.resolve(&parsed.program, true);
    let handlers = http_handlers(handlers, &helpers);
    let dumps: Vec<String> = handlers
        .iter()
        .map(|handler| {
            let flow = crate::flow::analyze(handler, &helpers, handler.response_looks_like_one);
            crate::flow::dump(handler, &flow, &helpers, text)
        })
        .collect();
    Ok(dumps.join("\n"))
}

/// Analyses `file` and applies every fix at least as trusted as `threshold`, checking that the
/// result parses; the fixes fit Prettier's default layout.
pub fn analyze_and_fix(file: &SourceFile, threshold: Applicability) -> Result<FixedFile, FileError> {
    let (rules, project) = (RuleSelection::default(), ProjectConfig::default());
    let options = Options { rules: &rules, project: &project, prefilter: true, layout: &Layout::default() };
    analyze_and_fix_in(&Allocator::default(), file, threshold, options)
}

/// [`analyze_and_fix`] with the first parse in `allocator` (see [`analyze_in`]) and only the selected
/// rules; the re-parse of the fixed text uses an allocator of its own.
pub fn analyze_and_fix_in(
    allocator: &Allocator,
    file: &SourceFile,
    threshold: Applicability,
    options: Options<'_>,
) -> Result<FixedFile, FileError> {
    analyze_and_fix_found(allocator, file, threshold, options, None)
}

/// [`analyze_and_fix_in`], with the prefilter's evidence for `file` when the caller already found it
/// ([`crate::prefilter::evidence_if_may_have_findings`] with the configuration's extra words).
pub fn analyze_and_fix_found(
    allocator: &Allocator,
    file: &SourceFile,
    threshold: Applicability,
    options: Options<'_>,
    evidence: Option<Evidence>,
) -> Result<FixedFile, FileError> {
    let mut analysis = analyze_found(allocator, &file.text, file.source_type, options, evidence)?;
    let mut applied = vec![false; analysis.findings.len()];
    let mut rounds: Vec<Vec<Edit>> = Vec::new();
    let mut fixed_text: Option<String> = None;
    if !analysis.findings.iter().any(|f| f.fix().is_some_and(|fix| fix.applicability >= threshold)) {
        return Ok(FixedFile { analysis, applied, fixed_text, rounds });
    }
    // The findings of the text the next round fixes (after the first round, of the text the round
    // before produced, as running sendonce again would see it: one run gives the final result),
    // and which of their fixes are withheld because they would not remove their finding.
    let mut current: Vec<Finding> = analysis.findings.clone();
    let mut withheld = vec![false; current.len()];
    while rounds.len() < MAX_FIX_ROUNDS {
        let text = fixed_text.as_deref().unwrap_or(&file.text);
        let (next, round_applied, edits) = fix_round(text, &current, &withheld, threshold);
        let Some(next) = next else { break };
        // The re-analysis is also the check that the fixed text parses (one parse, not two).
        let again = match analyze_in(&Allocator::default(), &next, file.source_type, options) {
            Err(FileError::Parse { message, .. }) => return Err(FileError::FixBreaksSyntax { message }),
            // A `@flow` comment makes oxc report any syntax error as "Flow is not supported".
            Err(FileError::Flow) => {
                return Err(FileError::FixBreaksSyntax { message: "a syntax error in a `@flow` file".into() })
            }
            result => result?,
        };
        // A fix after which its own finding is still there (the same rule at the same places)
        // did not fix it; applying it again would only repeat the edit. Withhold it, redo the round.
        let ineffective: Vec<usize> = (0..current.len())
            .filter(|&i| round_applied[i] && again.findings.iter().any(|f| same_finding(&current[i], f, &edits)))
            .collect();
        if !ineffective.is_empty() {
            for i in ineffective {
                withheld[i] = true;
                if rounds.is_empty() {
                    analysis.findings[i].fix = FixStatus::Unavailable(
                        "the fix would leave this finding in place (another path still reaches the second send)".into(),
                    );
                }
            }
            continue;
        }
        if rounds.is_empty() {
            applied = round_applied;
            mark_resolved(&current, &again.findings, &edits, &mut applied);
        } else {
            // A later round applies fixes that overlapped another fix in an earlier round: credit
            // them to a held-over finding of the same rule.
            for finding in current.iter().zip(&round_applied).filter(|(_, applied)| **applied).map(|(f, _)| f) {
                let earlier = (0..applied.len()).find(|&i| {
                    let held_over = analysis.findings[i].fix().is_some_and(|fix| fix.applicability >= threshold);
                    !applied[i] && held_over && analysis.findings[i].rule == finding.rule
                });
                if let Some(i) = earlier {
                    applied[i] = true;
                }
            }
        }
        rounds.push(edits);
        fixed_text = Some(next);
        current = again.findings;
        withheld = vec![false; current.len()];
    }
    Ok(FixedFile { analysis, applied, fixed_text, rounds })
}

/// Marks as applied the findings the first round's fixes removed although their own fix did not
/// run (a `send-then-throw` whose second send the `multiple-sends` fix merged away): the run
/// reports what is left in the fixed text, not what the original had. A finding counts as gone
/// when no finding of its rule is at the place its primary location moved to; one whose primary
/// location was rewritten is kept (it may be the same problem, moved).
fn mark_resolved(before: &[Finding], after: &[Finding], edits: &[Edit], applied: &mut [bool]) {
    for (finding, applied) in before.iter().zip(applied.iter_mut()).filter(|(_, applied)| !**applied) {
        let Some(moved) = moved_offset(finding.primary.span.start, edits) else { continue };
        let still_there = after.iter().any(|f| f.rule == finding.rule && f.primary.span.start == moved);
        if !still_there {
            *applied = true;
        }
    }
}

/// Where `offset` of the text before `edits` is in the text after them; `None` if it was rewritten.
fn moved_offset(offset: u32, edits: &[Edit]) -> Option<u32> {
    let mut shift: i64 = 0;
    for edit in edits {
        if edit.span.end <= offset {
            shift += edit.text.len() as i64 - i64::from(edit.span.end - edit.span.start);
        } else if edit.span.start < offset {
            return None;
        }
    }
    u32::try_from(i64::from(offset) + shift).ok()
}

/// Whether `after` (found in the text `edits` produced) is `before` again: the same rule, and
/// every place it points at is where `before`'s places moved to.
fn same_finding(before: &Finding, after: &Finding, edits: &[Edit]) -> bool {
    let moved = |offset: u32| -> Option<u32> {
        let mut shift: i64 = 0;
        for edit in edits {
            if edit.span.end <= offset {
                shift += edit.text.len() as i64 - i64::from(edit.span.end - edit.span.start);
            } else if edit.span.start < offset {
                return None; // the place was rewritten
            }
        }
        u32::try_from(i64::from(offset) + shift).ok()
    };
    before.rule == after.rule
        && before.secondary.len() == after.secondary.len()
        && std::iter::once((&before.primary, &after.primary))
            .chain(before.secondary.iter().zip(&after.secondary))
            .all(|(old, new)| moved(old.span.start) == Some(new.span.start))
}

/// At most this many rounds of fixing per file.
pub const MAX_FIX_ROUNDS: usize = 10;

/// One round: applies the fixes of `findings` (but the withheld ones) to `text`; returns the new
/// text, which findings were fixed, and the edits that went in.
fn fix_round(
    text: &str,
    findings: &[Finding],
    withheld: &[bool],
    threshold: Applicability,
) -> (Option<String>, Vec<bool>, Vec<Edit>) {
    let fixes: Vec<_> = findings
        .iter()
        .zip(withheld)
        .map(|(f, &withheld)| f.fix().filter(|fix| !withheld && fix.applicability >= threshold))
        .collect();
    let (fixed_text, applied) = apply_fixes(text, &fixes);
    let mut edits: Vec<Edit> = fixes
        .iter()
        .zip(&applied)
        .filter(|(_, applied)| **applied)
        .flat_map(|(fix, _)| fix.map_or(&[][..], |f| &f.edits))
        .cloned()
        .collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    (fixed_text, applied, edits)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// A fix held back because it overlapped another is applied in a second round, so running
    /// sendonce on its own output changes nothing (found by the property tests on branch `safety`).
    #[test]
    fn overlapping_fixes_are_applied_in_later_rounds() {
        let source = "export default async function handler(req, res) {
  for (const entry of [1, 2]) {
    res.json({ ok: true });
    const user = await getUser();
    res.json(user);
  }
  res.json({ done: true });
}
";
        let file = SourceFile::from_bytes(Path::new("a.js"), source.as_bytes().to_vec()).unwrap();
        let fixed = analyze_and_fix(&file, Applicability::Unsafe).unwrap();
        let output = fixed.fixed_text.expect("fixed");
        let again = SourceFile::from_bytes(Path::new("a.js"), output.clone().into_bytes()).unwrap();
        let second = analyze_and_fix(&again, Applicability::Unsafe).unwrap();
        assert_eq!(second.fixed_text, None, "a second run changed:\n{output}");
    }
}

#[cfg(test)]
mod limit_tests {
    use super::*;

    /// Runs `f` on a thread with the stack the command line gives its workers.
    fn with_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        std::thread::Builder::new().stack_size(WORKER_STACK_SIZE).spawn(f).unwrap().join().unwrap()
    }

    fn handler(body: &str) -> String {
        format!("export default async function handler(req, res) {{\n{body}\n}}\n")
    }

    /// Brackets nested past `MAX_NESTING` are refused before parsing; this runs on the test's own
    /// 2 MiB stack, which oxc's parser would overflow (aborting the process) on this input.
    #[test]
    fn flow_pragmas_before_the_code_are_found() {
        for text in [
            "// @flow\ntype T = number;",
            "/* @flow strict */\nx",
            "#!/usr/bin/env node\n/**\n * (c) Someone\n */\n// @flow\nx",
        ] {
            assert!(has_flow_pragma(text), "{text:?}");
        }
        for text in ["const flow = '@flow';", "x; // @flow", "// license\nx\n// @flow", ""] {
            assert!(!has_flow_pragma(text), "{text:?}");
        }
        let late =
            "/* (c) Someone */\n// @flow\nimport type { A } from './a';\nexport default function h(req: A, res) {}\n";
        assert!(matches!(analyze(late, SourceType::mjs()), Err(FileError::Flow)));
        let plain = "// @flow\nexport default function h(req, res) { res.json(1); res.json(2); }\n";
        assert_eq!(
            analyze(plain, SourceType::mjs()).map(|a| a.findings.len()).ok(),
            Some(1),
            "Flow files that parse are checked"
        );
    }

    #[test]
    fn deep_brackets_are_refused_before_parsing() {
        let body = format!("res.json({}1{});", "[".repeat(MAX_NESTING), "]".repeat(MAX_NESTING));
        let result = analyze(&handler(&body), SourceType::mjs());
        let col = MAX_NESTING + 8;
        assert!(
            matches!(result, Err(FileError::TooDeep { line: 2, col: c, max: MAX_NESTING }) if c == col),
            "{result:?}"
        );
    }

    /// Loops nested 30 deep would be walked 2^30 times: the file is an error, not a hang.
    #[test]
    fn deeply_nested_loops_are_too_complex() {
        let body = "for (const x of xs) {\n".repeat(30) + "res.json(1);\n" + &"}\n".repeat(30);
        let result = with_big_stack(move || analyze(&handler(&body), SourceType::mjs()));
        assert!(matches!(result, Err(FileError::TooComplex { line: 1, col: 16, .. })), "{result:?}");
    }

    /// An `else if` chain thousands long compares every condition with every other.
    #[test]
    fn a_very_long_else_if_chain_is_too_complex() {
        let mut body = String::from("if (a0) res.json(0);\n");
        for i in 1..3000 {
            body.push_str(&format!("else if (a{i}) res.json({i});\n"));
        }
        body.push_str("res.json(-1);\n");
        let result = with_big_stack(move || analyze(&handler(&body), SourceType::mjs()));
        assert!(matches!(result, Err(FileError::TooComplex { .. })), "{result:?}");
    }

    /// The walk recurses once per level of nesting: past `MAX_DEPTH` it stops with an error.
    #[test]
    fn a_chain_deeper_than_max_depth_is_too_complex() {
        let body = format!("res.send({});", vec!["'a'"; 3 * MAX_DEPTH as usize].join(" + "));
        let result = with_big_stack(move || analyze(&handler(&body), SourceType::mjs()));
        assert!(matches!(result, Err(FileError::TooComplex { .. })), "{result:?}");
        let short = format!("res.send({});", vec!["'a'"; 300].join(" + "));
        assert!(with_big_stack(move || analyze(&handler(&short), SourceType::mjs())).is_ok());
    }
}

//! One file through the pipeline: parse, find handlers, run the rules, apply the fixes.

use oxc_allocator::Allocator;
use oxc_parser::Parser;
use oxc_span::SourceType;

use crate::diagnostic::{Applicability, Finding};
use crate::error::FileError;
use crate::fix::apply_fixes;
use crate::handler::find_handlers;
use crate::rules::{check_handler, RuleContext};
use crate::source::{line_col, SourceFile};

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
    /// `applied[i]` says whether `analysis.findings[i]`'s fix is in `fixed_text`.
    pub applied: Vec<bool>,
    /// The new text (without BOM), if anything changed.
    pub fixed_text: Option<String>,
}

/// Parses `text` and checks every handler in it.
pub fn analyze(text: &str, source_type: SourceType) -> Result<Analysis, FileError> {
    analyze_in(&Allocator::default(), text, source_type)
}

/// [`analyze`] with the AST in `allocator`, which the caller may reset and reuse for the next file:
/// nothing in the result borrows from it.
pub fn analyze_in(allocator: &Allocator, text: &str, source_type: SourceType) -> Result<Analysis, FileError> {
    let parsed = Parser::new(allocator, text, source_type).parse();
    if let Some(error) = parsed.diagnostics.iter().next() {
        let offset = error.labels.first().map_or(0, |label| label.offset());
        let (line, col) = line_col(text, offset);
        return Err(FileError::Parse { line, col, message: error.message.to_string() });
    }
    if parsed.panicked {
        return Err(FileError::Parse { line: 1, col: 1, message: "the parser gave up".into() });
    }
    let handlers = find_handlers(&parsed.program);
    let cx = RuleContext::new(text, &parsed.program);
    let mut findings = Vec::new();
    for handler in &handlers {
        check_handler(handler, &cx, &mut findings);
    }
    findings.sort_by_key(|f| (f.primary.span.start, f.rule));
    Ok(Analysis { handlers: handlers.len(), findings })
}

/// Analyses `file` and applies every fix at least as trusted as `threshold`, checking that the result parses.
pub fn analyze_and_fix(file: &SourceFile, threshold: Applicability) -> Result<FixedFile, FileError> {
    analyze_and_fix_in(&Allocator::default(), file, threshold)
}

/// [`analyze_and_fix`] with the first parse in `allocator` (see [`analyze_in`]); the re-parse of
/// the fixed text uses an allocator of its own.
pub fn analyze_and_fix_in(allocator: &Allocator, file: &SourceFile, threshold: Applicability) -> Result<FixedFile, FileError> {
    let analysis = analyze_in(allocator, &file.text, file.source_type)?;
    let fixes: Vec<_> = analysis
        .findings
        .iter()
        .map(|f| f.fix().filter(|fix| fix.applicability >= threshold))
        .collect();
    let (fixed_text, applied) = apply_fixes(&file.text, &fixes);
    if let Some(fixed) = &fixed_text {
        let allocator = Allocator::default();
        let reparsed = Parser::new(&allocator, fixed, file.source_type).parse();
        if let Some(error) = reparsed.diagnostics.iter().next() {
            return Err(FileError::FixBreaksSyntax { message: error.message.to_string() });
        }
    }
    Ok(FixedFile { analysis, applied, fixed_text })
}

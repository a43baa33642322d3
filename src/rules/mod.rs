//! The rules: each one looks at one handler and reports findings with fixes.
//!
//! A rule file holds its documentation ([`RuleMeta`]), its detection, its fix
//! and its unit tests. Detection works on the AST; rendering happens elsewhere
//! and never sees the AST.

pub mod multiple_sends;

use std::cell::OnceCell;

use oxc_ast::ast::{Comment, ExpressionStatement, Program, ReturnStatement, StringLiteral, VariableDeclaration};
use oxc_ast_visit::{walk, Visit};

use crate::diagnostic::Finding;
use crate::handler::Handler;
use crate::source::Style;

/// What a rule is, for `--check` output, the README and the summary.
#[derive(Debug)]
pub struct RuleMeta {
    /// Kebab-case name printed with each finding.
    pub name: &'static str,
    /// One line: what it catches.
    pub summary: &'static str,
}

/// Every rule, in the order they run.
pub const RULES: &[&RuleMeta] = &[&multiple_sends::META];

/// What a rule may look at besides the handler: the file's text, comments and style.
pub struct RuleContext<'a> {
    /// The file's code (without BOM); spans index into it.
    pub source: &'a str,
    /// Every comment in the file, in order, so fixes can carry them along.
    pub comments: &'a [Comment],
    program: &'a Program<'a>,
    style: OnceCell<Style>,
}

impl<'a> RuleContext<'a> {
    /// A context for one parsed file.
    pub fn new(source: &'a str, program: &'a Program<'a>) -> Self {
        Self { source, comments: &program.comments, program, style: OnceCell::new() }
    }

    /// The file's formatting conventions, detected the first time a fix needs them.
    pub fn style(&self) -> &Style {
        self.style.get_or_init(|| {
            let mut counter = StyleCounter { source: self.source, ..StyleCounter::default() };
            counter.visit_program(self.program);
            Style::detect(
                self.source,
                counter.single_quoted > counter.double_quoted,
                counter.with_semicolon >= counter.without_semicolon,
            )
        })
    }

    /// The source text of `span`.
    pub fn text(&self, span: oxc_span::Span) -> &'a str {
        &self.source[span.start as usize..span.end as usize]
    }
}

/// Runs every rule on one handler.
pub fn check_handler<'a>(handler: &Handler<'a>, cx: &RuleContext<'a>, findings: &mut Vec<Finding>) {
    multiple_sends::check(handler, cx, findings);
}

/// Counts quote and semicolon habits over a file.
#[derive(Default)]
struct StyleCounter<'s> {
    source: &'s str,
    single_quoted: usize,
    double_quoted: usize,
    with_semicolon: usize,
    without_semicolon: usize,
}

impl StyleCounter<'_> {
    fn count_statement_end(&mut self, end: u32) {
        if self.source.as_bytes().get(end.saturating_sub(1) as usize) == Some(&b';') {
            self.with_semicolon += 1;
        } else {
            self.without_semicolon += 1;
        }
    }
}

impl<'a> Visit<'a> for StyleCounter<'_> {
    fn visit_string_literal(&mut self, it: &StringLiteral<'a>) {
        match self.source.as_bytes().get(it.span.start as usize) {
            Some(b'\'') => self.single_quoted += 1,
            Some(b'"') => self.double_quoted += 1,
            _ => {}
        }
    }

    fn visit_expression_statement(&mut self, it: &ExpressionStatement<'a>) {
        self.count_statement_end(it.span.end);
        walk::walk_expression_statement(self, it);
    }

    fn visit_variable_declaration(&mut self, it: &VariableDeclaration<'a>) {
        self.count_statement_end(it.span.end);
        walk::walk_variable_declaration(self, it);
    }

    fn visit_return_statement(&mut self, it: &ReturnStatement<'a>) {
        self.count_statement_end(it.span.end);
        walk::walk_return_statement(self, it);
    }
}

//! The rules: each one looks at one handler and reports findings with fixes.
//!
//! A rule file holds its documentation ([`RuleMeta`]), its detection, its fix
//! and its unit tests. Detection works on the AST; rendering happens elsewhere
//! and never sees the AST.

pub mod missing_return;
pub mod multiple_sends;
pub mod no_response;
pub mod send_in_callback;
pub mod send_in_loop;
pub mod send_then_throw;

use std::cell::OnceCell;
use std::collections::HashSet;

use oxc_ast::ast::{Comment, ExpressionStatement, Program, ReturnStatement, StringLiteral, VariableDeclaration};
use oxc_ast_visit::{walk, Visit};
use oxc_span::Span;

use crate::diagnostic::{Finding, Label};
use crate::flow::{Double, Flow, Helpers, Site, SiteId, SiteKind};
use crate::handler::Handler;
use crate::prettier::LayoutSource;
use crate::sends::{describe, SendMethods};
use crate::source::{LineIndex, Style};

/// What a rule is, for `--check` output, the README and the summary.
#[derive(Debug)]
pub struct RuleMeta {
    /// Kebab-case name printed with each finding.
    pub name: &'static str,
    /// One line: what it catches.
    pub summary: &'static str,
    /// The full documentation in Markdown: what, why, example, fix and its safety.
    pub doc: &'static str,
    /// The most a fix from this rule may change.
    pub fix: FixTier,
}

/// Whether a rule offers fixes, and how far they can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixTier {
    /// The rule only reports.
    None,
    /// Fixes keep everything but the bug; applied by default.
    Safe,
    /// Fixes change behaviour more; applied only when asked for.
    Unsafe,
}

impl FixTier {
    /// The word shown in docs and listings.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "report only",
            Self::Safe => "safe fix",
            Self::Unsafe => "unsafe fix",
        }
    }
}

/// Every rule, in the order they run.
pub const RULES: &[&RuleMeta] = &[
    &multiple_sends::META,
    &missing_return::META,
    &send_in_loop::META,
    &send_then_throw::META,
    &send_in_callback::META,
    &no_response::META,
];

/// Every rule a user can name (`--list-rules`, `--explain`, `--rule`): the handler rules in
/// [`RULES`], then `unused-ignore`, which checks ignore comments instead of handlers.
pub fn every_rule() -> impl Iterator<Item = &'static RuleMeta> {
    RULES.iter().copied().chain([&crate::suppress::UNUSED_META])
}

/// What a rule may look at besides the handler: the file's text, comments and style.
pub struct RuleContext<'a> {
    /// The file's code (without BOM); spans index into it.
    pub source: &'a str,
    /// Every comment in the file, in order, so fixes can carry them along.
    pub comments: &'a [Comment],
    /// What counts as a send in this file (the configured `sendMethods` too), for the fixes.
    pub send_methods: SendMethods<'a>,
    program: &'a Program<'a>,
    layout: &'a dyn LayoutSource,
    style: OnceCell<Style>,
    lines: OnceCell<LineIndex>,
    has_placeholder: OnceCell<bool>,
}

impl<'a> RuleContext<'a> {
    /// A context for one parsed file, whose fixes fit the layout `layout` gives (asked only
    /// when a fix is printed), and whose sends are `send_methods`.
    pub fn new(
        source: &'a str,
        program: &'a Program<'a>,
        layout: &'a dyn LayoutSource,
        send_methods: SendMethods<'a>,
    ) -> Self {
        Self {
            source,
            comments: &program.comments,
            send_methods,
            program,
            layout,
            style: OnceCell::new(),
            lines: OnceCell::new(),
            has_placeholder: OnceCell::new(),
        }
    }

    /// The file's formatting conventions, detected (and its Prettier settings found) the first
    /// time a fix needs them.
    pub fn style(&self) -> &Style {
        self.style.get_or_init(|| {
            let mut counter = StyleCounter { source: self.source, ..StyleCounter::default() };
            counter.visit_program(self.program);
            Style::detect(
                self.source,
                counter.single_quoted > counter.double_quoted,
                counter.with_semicolon >= counter.without_semicolon,
                self.layout.layout(),
            )
        })
    }

    /// 1-based line and column of a byte offset (the file's line index is built once).
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        self.lines().line_col(self.source, offset)
    }

    /// The byte offset where the line holding `offset` starts.
    pub fn line_start(&self, offset: u32) -> u32 {
        self.lines().line_start(offset)
    }

    /// The whitespace at the start of the line that holds `offset`.
    pub fn indentation_at(&self, offset: u32) -> &'a str {
        let rest = &self.source[self.line_start(offset) as usize..];
        &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()]
    }

    fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(self.source))
    }

    /// Whether the file contains the placeholder prefix generated code uses (checked once per file).
    pub fn has_placeholder(&self) -> bool {
        *self.has_placeholder.get_or_init(|| self.source.contains(crate::generate::PLACEHOLDER_PREFIX))
    }

    /// The comments that lie inside `start..end` (the list is in source order).
    pub fn comments_within(&self, start: u32, end: u32) -> impl Iterator<Item = &'a Comment> {
        let first = self.comments.partition_point(|c| c.span.start < start);
        self.comments[first..].iter().take_while(move |c| c.span.start < end).filter(move |c| c.span.end <= end)
    }

    /// The source text of `span`.
    pub fn text(&self, span: oxc_span::Span) -> &'a str {
        &self.source[span.start as usize..span.end as usize]
    }
}

/// A rule's documentation as Markdown: the text `--explain` prints and the README's rule section holds.
pub fn explain(meta: &RuleMeta) -> String {
    let doc = meta.doc.replace("## ", "#### ");
    format!("### `{}` ({})\n\n{}.\n\n{}", meta.name, meta.fix.as_str(), capitalized(meta.summary), doc.trim_end())
}

/// Every rule's documentation, in registry order (`unused-ignore` last): the README's "Rules" section.
pub fn rules_markdown() -> String {
    every_rule().map(explain).collect::<Vec<_>>().join("\n\n") + "\n"
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Follows every path through one handler and runs every rule on what was found.
pub fn check_handler<'a>(
    handler: &Handler<'a>,
    helpers: &Helpers<'a>,
    cx: &RuleContext<'a>,
    findings: &mut Vec<Finding>,
) {
    let must_answer = handler.response_looks_like_one;
    let flow = crate::flow::analyze(handler, helpers, must_answer);
    // The prefilter's contract (src/prefilter.rs): a finding needs a send, a call of `next`, or a
    // response-like parameter. Calls of a third parameter with another name (`done()`) count as
    // answers only next to one of those, so a file the prefilter skips has no finding to lose.
    let has_send = flow.sites.iter().any(|site| matches!(site.kind, SiteKind::Send | SiteKind::HelperSend));
    if !(has_send || must_answer || handler.next == Some("next")) {
        return;
    }
    multiple_sends::check(handler, &flow, cx, findings);
    missing_return::check(handler, &flow, cx, findings);
    send_in_loop::check(handler, &flow, cx, findings);
    send_then_throw::check(handler, &flow, cx, findings);
    send_in_callback::check(handler, &flow, cx, findings);
    no_response::check(handler, &flow, cx, findings);
}

/// Which rule explains a send reached after a send. Each double belongs to exactly one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoubleKind {
    /// Both are statements of one block, one after the other.
    MultipleSends,
    /// The first is in a branch, case, `try` or `catch` block that falls through to the second.
    MissingReturn,
    /// The second is the first again, on the loop's next iteration.
    SendInLoop,
    /// The first is in a `try`, the second in its `catch`: code after the send threw.
    SendThenThrow,
    /// One of the two is in a callback and the other is not (or in another callback).
    SendInCallback,
}

/// A rule's test of whether it reports a double (`<rule>::claims`).
type Claims = fn(&Flow<'_>, &Double) -> bool;

/// Which rule claims a double, asked in this order; the first rule whose `claims` holds reports it,
/// and what none claims is two sends in one function in different blocks (multiple-sends). Each
/// rule's test assumes the ones before it did not claim the double. Why this order:
/// - a send reached again on the loop's next iteration is one bug however the loop body is laid
///   out: send-in-loop first;
/// - two sends one after the other in one block are plainly two answers: multiple-sends;
/// - a send that falls through is reported once, as a missing `return`, even when what it falls
///   into is a callback or a `catch`: missing-return before send-then-throw and send-in-callback;
/// - a second send in the `catch` around the first runs because later code threw, which is so
///   across callbacks too: send-then-throw before send-in-callback.
const CLAIMS: &[(DoubleKind, Claims)] = &[
    (DoubleKind::SendInLoop, send_in_loop::claims),
    (DoubleKind::MultipleSends, multiple_sends::claims),
    (DoubleKind::MissingReturn, missing_return::claims),
    (DoubleKind::SendThenThrow, send_then_throw::claims),
    (DoubleKind::SendInCallback, send_in_callback::claims),
];

/// Decides which rule reports `double`: the first in `CLAIMS` that claims it.
pub fn classify(flow: &Flow<'_>, double: &Double) -> DoubleKind {
    CLAIMS.iter().find(|(_, claims)| claims(flow, double)).map_or(DoubleKind::MultipleSends, |&(kind, _)| kind)
}

/// Both sites are whole statements of the same statement list.
pub fn same_list(first: &Site<'_>, second: &Site<'_>) -> bool {
    matches!((first.statement, second.statement), (Some(a), Some(b)) if a.list == b.list)
}

/// The doubles one rule reports, in the order found.
pub fn doubles_of<'f>(flow: &'f Flow<'_>, kind: DoubleKind) -> impl Iterator<Item = &'f Double> {
    flow.doubles.iter().filter(move |d| classify(flow, d) == kind)
}

/// One rule's doubles grouped by their first send (`by_first`) or by their second, in the order
/// found: one finding per group, with the other sites as extra labels.
pub fn grouped_doubles(flow: &Flow<'_>, kind: DoubleKind, by_first: bool) -> Vec<(SiteId, Vec<SiteId>)> {
    let mut groups: Vec<(SiteId, Vec<SiteId>)> = Vec::new();
    for double in doubles_of(flow, kind) {
        let (key, other) = if by_first { (double.first, double.second) } else { (double.second, double.first) };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, others)) => others.push(other),
            None => groups.push((key, vec![other])),
        }
    }
    groups
}

/// Which pairs send-in-loop reports as part of its finding for a send in a loop, so one bug
/// gives one finding: a send-in-callback pair with a send in an iteration callback (`forEach`),
/// and a multiple-sends pair in different blocks whose first send runs in a loop. Those rules
/// leave such pairs out; send-in-loop names the other send as a related location.
pub struct LoopMerges {
    /// The sends reached again on a loop's next iteration.
    looped: HashSet<SiteId>,
}

impl LoopMerges {
    /// Finds the sends in loops of `flow` (once per handler).
    pub fn new(flow: &Flow<'_>) -> Self {
        Self { looped: doubles_of(flow, DoubleKind::SendInLoop).map(|d| d.second).collect() }
    }

    /// Whether send-in-loop reports `double` with its finding.
    pub fn covers(&self, flow: &Flow<'_>, double: &Double) -> bool {
        if double.loop_backedge || !(self.looped.contains(&double.first) || self.looped.contains(&double.second)) {
            return false;
        }
        match classify(flow, double) {
            DoubleKind::SendInCallback => [double.first, double.second]
                .into_iter()
                .any(|s| flow.sites[s].callback.is_some() && self.looped.contains(&s)),
            DoubleKind::MultipleSends => {
                !same_list(&flow.sites[double.first], &flow.sites[double.second]) && self.looped.contains(&double.first)
            }
            _ => false,
        }
    }

    /// The sites send-in-loop names with the send `looped`, in the order found.
    pub fn others(&self, flow: &Flow<'_>, looped: SiteId) -> Vec<SiteId> {
        let mut others = Vec::new();
        for double in flow.doubles.iter().filter(|d| d.first == looped || d.second == looped) {
            let other = if double.first == looped { double.second } else { double.first };
            if self.covers(flow, double) && !others.contains(&other) {
                others.push(other);
            }
        }
        others
    }
}

/// How a site reads in a message: the call, shortened (`res.status(404).json(...)`).
pub fn describe_site(source: &str, site: &Site<'_>) -> String {
    match &site.send {
        Some(send) => describe(source, send),
        None => describe_span(source, site.span),
    }
}

/// "line 12" for a site, for messages that point at a second place.
pub fn line_of(cx: &RuleContext<'_>, site: &Site<'_>) -> usize {
    cx.line_col(site.span.start).0
}

/// " on line N" for `other` in a message whose finding is at `at`, or nothing when both are on
/// the same line: a message never sends its reader to the line they are already reading.
pub fn on_line(cx: &RuleContext<'_>, at: Span, other: Span) -> String {
    let (here, there) = (cx.line_col(at.start).0, cx.line_col(other.start).0);
    if here == there {
        String::new()
    } else {
        format!(" on line {there}")
    }
}

/// A label for a site reached after the response was sent, saying what it does there: a header
/// write (`res.clearCookie`, `res.setHeader`) is not called a send.
pub fn again_label(site: &Site<'_>) -> Label {
    let text = match site.kind {
        SiteKind::Send | SiteKind::HelperSend => "sends again here, after the response was sent",
        SiteKind::Next => "passes the request on here, after the response was sent",
        SiteKind::HeaderWrite => "sets a header here, after the response was sent (this throws)",
    };
    Label { span: site.span, message: text.to_owned() }
}

/// What a site does, as a verb for "`x` also ...": "sends", "sets a header", "calls `next()`".
pub fn verb(site: &Site<'_>) -> &'static str {
    match site.kind {
        SiteKind::Send | SiteKind::HelperSend => "sends",
        SiteKind::Next => "passes the request on",
        SiteKind::HeaderWrite => "sets a header",
    }
}

/// The source of `span` on one line, shortened like [`describe_site`] (for statements in messages).
pub fn describe_span(source: &str, span: Span) -> String {
    let text = source[span.start as usize..span.end as usize].trim_end_matches(';');
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= 48 {
        one_line
    } else {
        let head: String = one_line.chars().take(45).collect();
        format!("{head}...")
    }
}

/// A label on a site, saying what happens there.
pub fn label(site: &Site<'_>, message: &str) -> Label {
    Label { span: site.span, message: message.to_owned() }
}

/// What a second site does, as a verb phrase: "sends a second response", "calls `next()`", ...
pub fn second_action(site: &Site<'_>) -> &'static str {
    match site.kind {
        SiteKind::Send | SiteKind::HelperSend => "sends a second response",
        SiteKind::Next => "passes the request on after a response was sent",
        SiteKind::HeaderWrite => "sets a header after the response was sent (this throws)",
    }
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

/// What a site does when reached after a send, completing "execution continues to X, which ...".
pub fn continuation(site: &Site<'_>) -> &'static str {
    match site.kind {
        SiteKind::Send | SiteKind::HelperSend => "sends again",
        SiteKind::Next => "passes the request on to another handler",
        SiteKind::HeaderWrite => "sets a header and throws",
    }
}

//! `send-then-throw`: see [`META`] for what it catches and how it fixes it.

use oxc_ast::ast::{
    ArrowFunctionExpression, AwaitExpression, BindingPattern, CallExpression, Function, FunctionBody, NewExpression,
    Statement, TaggedTemplateExpression, ThrowStatement, TryStatement, YieldExpression,
};
use oxc_ast_visit::{walk, Visit};
use oxc_span::{GetSpan, Span};
use oxc_syntax::scope::ScopeFlags;

use super::{
    continuation, describe_site, describe_span, grouped_doubles, label, on_line, DoubleKind, FixTier, RuleContext,
    RuleMeta,
};
use crate::diagnostic::{Applicability, Edit, Finding, Fix, FixStatus, Label};
use crate::fix::in_braces;
use crate::flow::{Container, Double, Flow, Site, SiteKind, StatementForm};
use crate::generate::{reindent, Verbatim};
use crate::handler::Handler;

/// The rule's documentation, printed by `--explain` and copied into the README.
const DOC: &str = "## What it does
Finds a `try` block that sends and then runs code that can throw (logging,
auditing, a cache write after the response), whose `catch` sends an error
response. A send that is itself the last thing that can throw in the `try`
is fine: if it throws, nothing was sent.

## Why is this bad?
When the trailing work throws, the `catch` answers a request that was
already answered, and that second send throws `ERR_HTTP_HEADERS_SENT` from
inside the error handler.

## Example
```js
try {
  res.status(201).json(order);
  await audit.log('order.created', order.id); // if this throws...
} catch (error) {
  res.status(500).json({ error: error.message }); // ...this sends again
}
```

## Fix (unsafe)
As Express's guide on error handling says: when the response was already
sent, delegate to the error middleware. In a handler with `next`, whose
`catch` binds the error and ends with its send, and whose `try` is the
handler's last statement, `if (res.headersSent) return next(err);` goes
before that send: the error still reaches the app's error middleware
(logging, Sentry), and the client keeps the answer it got. Without `next`,
when the `catch` logs or passes on the error before its send, that send is
guarded with `if (!res.headersSent)`: the error is still logged.

Reported without a fix: a `catch` that neither logs nor passes on the error
(a guard would silence it), a `catch` that calls `next(err)` (already what
Express asks), and a send followed by more code in the handler.

It is unsafe because what happens after the response changes: the error
middleware runs (Express's default one closes the connection), or the error
is only logged.\n";

/// This rule's name, summary, docs and fix tier.
pub const META: RuleMeta = RuleMeta {
    name: "send-then-throw",
    summary: "code after a send in a try block can throw, and the catch block sends again",
    doc: DOC,
    fix: FixTier::Unsafe,
};

/// Whether send-then-throw reports `double` (asked after missing-return, see `super::CLAIMS`):
/// the second send is in the `catch` of a `try` around the first.
pub(super) fn claims(flow: &Flow<'_>, double: &Double) -> bool {
    throws_into_catch(flow, double)
}

/// The second send is in the `catch` of a `try` around the first: it runs because later code threw
/// (in the first's function, or in a callback the `try` awaits).
pub(super) fn throws_into_catch(flow: &Flow<'_>, double: &Double) -> bool {
    let (first, second) = (&flow.sites[double.first], &flow.sites[double.second]);
    flow.runs_within(first.callback, second.callback) && second.catch_of.is_some_and(|t| first.tries.contains(&t))
}

/// Reports each `catch` send reached after the `try` block already sent.
pub fn check<'a>(handler: &Handler<'a>, flow: &Flow<'a>, cx: &RuleContext<'a>, findings: &mut Vec<Finding>) {
    let seconds = grouped_doubles(flow, DoubleKind::SendThenThrow, false);
    for (second, firsts) in seconds {
        let (first, second) = (&flow.sites[firsts[0]], &flow.sites[second]);
        // `if (err instanceof HttpError) res.status(400)...; else throw err`: the catch answers
        // only some errors, and which one the late code throws is not known.
        if second.only_some_errors || passes_error_on(handler, second, cx) {
            continue;
        }
        let thrower = statement_that_can_throw(flow, first.span, second.span);
        let message = match thrower {
            Some(thrower) => format!(
                "`{}`{} can throw after `{}`{} answered, and then `{}` in the catch block {}",
                describe_span(cx.source, thrower),
                on_line(cx, second.span, thrower),
                describe_site(cx.source, first),
                on_line(cx, second.span, first.span),
                describe_site(cx.source, second),
                continuation(second),
            ),
            None => format!(
                "`{}` in the catch block runs when code after `{}`{} throws, but that send already answered",
                describe_site(cx.source, second),
                describe_site(cx.source, first),
                on_line(cx, second.span, first.span),
            ),
        };
        let fix = catch_fix(handler, flow, second, cx);
        let mut secondary: Vec<Label> =
            firsts.iter().map(|&f| label(&flow.sites[f], "the response was sent here, inside the try")).collect();
        if let Some(thrower) = thrower {
            secondary.push(Label { span: thrower, message: "this can throw after the response was sent".into() });
        }
        findings.push(Finding {
            rule: META.name,
            message,
            primary: label(second, "sends again when the code after the first send throws"),
            secondary,
            fix,
        });
    }
}

/// The fix for the `catch` block's second answer `second`, the way Express's guide on error
/// handling says ("if you call `next()` with an error after you have started writing the response
/// ... delegate to the default Express error handler": `if (res.headersSent) return next(err)`),
/// and never one that drops an error the `catch` logged or passed on:
///
/// - the handler has `next`, the `catch` binds the error, its send is the `catch`'s last
///   statement and the `try` is the handler's last: `if (res.headersSent) return next(err);`
///   goes before the send, so the error still reaches the app's error middleware;
/// - no `next`, but the `catch` logs or passes on the error before its send: that send gets
///   `if (!res.headersSent)`, and the error is still logged;
/// - otherwise there is no fix: a guard would silence the error.
fn catch_fix(handler: &Handler<'_>, flow: &Flow<'_>, second: &Site<'_>, cx: &RuleContext<'_>) -> FixStatus {
    let unavailable = |reason: &str| FixStatus::Unavailable(reason.to_owned());
    if second.kind == SiteKind::Next {
        return unavailable(
            "passing the error on after a send is what Express's guide asks (its default handler then closes the connection); end the `try` at the send if the later work may fail on its own",
        );
    }
    let Some(statement) = second.statement.filter(|s| matches!(s.form, StatementForm::Plain | StatementForm::Return))
    else {
        return unavailable("the catch block's send is part of a larger expression");
    };
    let span = statement.stmt.span();
    let Some(catch) = enclosing_catch(handler.body, span) else {
        return unavailable("the catch block's send is not directly in the catch block");
    };
    let response = handler.response;
    let style = cx.style();
    let semicolon = if style.semicolons { ";" } else { "" };
    let direct = catch.body.contains(&span);
    if let (Some(next), Some(error)) = (handler.next, catch.error.as_deref()) {
        let send_is_last = catch.body.last() == Some(&span);
        let try_is_last = handler.body.statements.last().is_some_and(|stmt| stmt.span() == catch.try_span);
        if direct && send_is_last && try_is_last {
            let indent = cx.indentation_at(span.start);
            let text =
                format!("if ({response}.headersSent) return {next}({error}){semicolon}{}{indent}", style.newline);
            return FixStatus::Available(Fix {
                edits: vec![Edit { span: Span::empty(span.start), text }],
                applicability: Applicability::Unsafe,
            });
        }
        return unavailable(&format!(
            "code follows the send in this function; pass the error on with `if ({response}.headersSent) return {next}({error})` where the error handling starts"
        ));
    }
    let logged = catch.error.as_deref().is_some_and(|error| {
        catch.body.iter().take_while(|&&stmt| stmt != span).any(|&stmt| mentions(cx.text(stmt), error))
    });
    if !logged {
        return unavailable(
            "the catch block neither logs nor passes on the error, so guarding its send would silence it; log the error (or pass it to `next`) when the response was already sent",
        );
    }
    let guard = format!("if (!{response}.headersSent)");
    let send = cx.text(span);
    // The guard and what goes between it and the send, for a send on a line indented by `indent`.
    // As Prettier prints a brace-less `if` that does not fit on one line (a send of several lines
    // never does): the statement on the next line, one level deeper.
    let on_one_line = |indent: &str| !send.contains('\n') && style.layout.fits(&format!("{indent}{guard} {send}"));
    let prefix = |indent: &str| {
        if on_one_line(indent) {
            format!("{guard} ")
        } else {
            format!("{guard}{}{indent}{}", style.newline, style.indent_unit)
        }
    };
    let guarded = |indent: &str| {
        let moved = Verbatim { text: send.to_owned(), original_indent: cx.indentation_at(span.start).to_owned() };
        let inner = if on_one_line(indent) { indent.to_owned() } else { format!("{indent}{}", style.indent_unit) };
        format!("{}{}", prefix(indent), reindent(&moved, &inner, style.newline))
    };
    let edits = if flow.lists[statement.list].braceless {
        // In a braceless branch (`if (a) res.json(x); else ...`), a bare `if` would capture the `else`.
        in_braces(cx, span, Some(&guarded), None)
    } else if send.contains('\n') {
        vec![Edit { span, text: guarded(cx.indentation_at(span.start)) }]
    } else {
        vec![Edit { span: Span::empty(span.start), text: prefix(cx.indentation_at(span.start)) }]
    };
    FixStatus::Available(Fix { edits, applicability: Applicability::Unsafe })
}

/// `next(err)` in a `catch`, reached after a send: what Express's guide asks for ("delegate to the
/// default Express error handler" when the headers were already sent), so not a second answer
/// to report, and what the fix writes.
fn passes_error_on(handler: &Handler<'_>, site: &Site<'_>, cx: &RuleContext<'_>) -> bool {
    let Some(next) = handler.next else { return false };
    let text = cx.text(site.span);
    site.kind == SiteKind::Next
        && text
            .strip_prefix(next)
            .and_then(|rest| rest.strip_prefix('('))
            .is_some_and(|args| !args.trim_start().starts_with(')'))
}

/// The innermost `catch` clause whose block holds `span`, with its error binding and its `try`.
struct Catch {
    error: Option<String>,
    /// The spans of the `catch` block's statements.
    body: Vec<Span>,
    try_span: Span,
}

fn enclosing_catch(body: &FunctionBody<'_>, span: Span) -> Option<Catch> {
    struct Finder {
        span: Span,
        found: Option<Catch>,
    }
    impl<'a> Visit<'a> for Finder {
        fn visit_try_statement(&mut self, it: &TryStatement<'a>) {
            if let Some(clause) = &it.handler {
                let block = clause.body.span;
                if block.start <= self.span.start && self.span.end <= block.end {
                    let error = clause.param.as_ref().and_then(|param| match &param.pattern {
                        BindingPattern::BindingIdentifier(id) => Some(id.name.to_string()),
                        _ => None,
                    });
                    let body = clause.body.body.iter().map(GetSpan::span).collect();
                    self.found = Some(Catch { error, body, try_span: it.span });
                }
            }
            walk::walk_try_statement(self, it);
        }
    }
    let mut finder = Finder { span, found: None };
    finder.visit_function_body(body);
    finder.found
}

/// Whether `code` uses the identifier `name` (not as part of a longer name or a property).
fn mentions(code: &str, name: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    code.match_indices(name).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + name.len()..].chars().next();
        !before.is_some_and(|c| is_ident(c) || c == '.') && !after.is_some_and(is_ident)
    })
}

/// The first statement after the send at `sent` in its `try` block (the send's own block first,
/// then each block around it, out to the `try` block whose `catch` holds `catch_send`) that can
/// throw: it calls, constructs, awaits, yields or throws. That statement is why the `catch` runs.
fn statement_that_can_throw(flow: &Flow<'_>, sent: Span, catch_send: Span) -> Option<Span> {
    let span_of = |stmts: &[Statement<'_>]| Span::new(stmts.first()?.span().start, stmts.last()?.span().end).into();
    let contains = |outer: Span, inner: Span| outer.start <= inner.start && inner.end <= outer.end;
    // The innermost `try` block around the send that ends before the `catch` send.
    let try_block = flow
        .lists
        .iter()
        .filter(|list| list.container == Container::Try)
        .filter_map(|list| span_of(list.stmts))
        .filter(|&span| contains(span, sent) && span.end <= catch_send.start)
        .min_by_key(|span| span.size())?;
    let mut around: Vec<_> = flow
        .lists
        .iter()
        .filter_map(|list| Some((span_of(list.stmts)?, list.stmts)))
        .filter(|&(span, _)| contains(span, sent) && contains(try_block, span))
        .collect();
    around.sort_by_key(|(span, _)| span.size());
    around.dedup_by_key(|(span, _)| *span);
    around.into_iter().find_map(|(_, stmts)| {
        let holding = stmts.iter().position(|stmt| contains(stmt.span(), sent))?;
        stmts[holding + 1..].iter().find(|stmt| can_throw(stmt)).map(GetSpan::span)
    })
}

/// Whether running `stmt` can throw, by the calls, `new`, `await`, `yield` and `throw` it runs
/// itself (functions it only defines are not run).
fn can_throw(stmt: &Statement<'_>) -> bool {
    let mut finder = ThrowFinder { found: false };
    finder.visit_statement(stmt);
    finder.found
}

struct ThrowFinder {
    found: bool,
}

impl<'a> Visit<'a> for ThrowFinder {
    fn visit_call_expression(&mut self, _: &CallExpression<'a>) {
        self.found = true;
    }
    fn visit_new_expression(&mut self, _: &NewExpression<'a>) {
        self.found = true;
    }
    fn visit_await_expression(&mut self, _: &AwaitExpression<'a>) {
        self.found = true;
    }
    fn visit_yield_expression(&mut self, _: &YieldExpression<'a>) {
        self.found = true;
    }
    fn visit_throw_statement(&mut self, _: &ThrowStatement<'a>) {
        self.found = true;
    }
    fn visit_tagged_template_expression(&mut self, _: &TaggedTemplateExpression<'a>) {
        self.found = true;
    }
    fn visit_function(&mut self, _: &Function<'a>, _: ScopeFlags) {}
    fn visit_arrow_function_expression(&mut self, _: &ArrowFunctionExpression<'a>) {}
}

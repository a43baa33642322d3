//! `send-then-throw`: see [`META`] for what it catches and how it fixes it.

use oxc_ast::ast::{
    ArrowFunctionExpression, AwaitExpression, CallExpression, Function, NewExpression, Statement,
    TaggedTemplateExpression, ThrowStatement, YieldExpression,
};
use oxc_ast_visit::Visit;
use oxc_span::{GetSpan, Span};
use oxc_syntax::scope::ScopeFlags;

use super::{
    continuation, describe_site, describe_span, grouped_doubles, label, on_line, DoubleKind, FixTier, RuleContext,
    RuleMeta,
};
use crate::diagnostic::{Applicability, Edit, Finding, Fix, FixStatus, Label};
use crate::flow::{Container, Flow, StatementForm};
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
Guard the `catch`'s send: `if (!res.headersSent) res.status(500).json(...)`.
This keeps the error logging and the trailing work where the author put
them; moving the work out of the `try` would change which errors are
caught. It is unsafe because the error is then only logged, not answered.\n";

/// This rule's name, summary, docs and fix tier.
pub const META: RuleMeta = RuleMeta {
    name: "send-then-throw",
    summary: "code after a send in a try block can throw, and the catch block sends again",
    doc: DOC,
    fix: FixTier::Unsafe,
};

/// Reports each `catch` send reached after the `try` block already sent.
pub fn check<'a>(handler: &Handler<'a>, flow: &Flow<'a>, cx: &RuleContext<'a>, findings: &mut Vec<Finding>) {
    let seconds = grouped_doubles(flow, DoubleKind::SendThenThrow, false);
    for (second, firsts) in seconds {
        let (first, second) = (&flow.sites[firsts[0]], &flow.sites[second]);
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
        let fix = match second.statement {
            Some(statement) if matches!(statement.form, StatementForm::Plain | StatementForm::Return) => {
                let span = statement.stmt.span();
                let guard = format!("if (!{}.headersSent) ", handler.response);
                // In a braceless branch (`if (a) res.json(x); else ...`), a bare `if` would capture the `else`.
                let edits = if flow.lists[statement.list].braceless {
                    vec![
                        Edit { span: Span::empty(span.start), text: format!("{{ {guard}") },
                        Edit { span: Span::empty(span.end), text: " }".into() },
                    ]
                } else {
                    vec![Edit { span: Span::empty(span.start), text: guard }]
                };
                FixStatus::Available(Fix { edits, applicability: Applicability::Unsafe })
            }
            _ => FixStatus::Unavailable("the catch block's send is part of a larger expression".into()),
        };
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

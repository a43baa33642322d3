//! `send-then-throw`: see [`META`] for what it catches and how it fixes it.

use oxc_span::{GetSpan, Span};

use super::{describe_site, grouped_doubles, label, line_of, DoubleKind, FixTier, RuleContext, RuleMeta};
use crate::diagnostic::{Applicability, Edit, Finding, Fix, FixStatus};
use crate::flow::{Flow, StatementForm};
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
        let message = format!(
            "`{}` in the catch block runs when code after `{}` (line {}) throws, but that send already answered",
            describe_site(cx.source, second),
            describe_site(cx.source, first),
            line_of(cx, first),
        );
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
        let secondary =
            firsts.iter().map(|&f| label(&flow.sites[f], "the response was sent here, inside the try")).collect();
        findings.push(Finding {
            rule: META.name,
            message,
            primary: label(second, "sends again when the code after the first send throws"),
            secondary,
            fix,
        });
    }
}

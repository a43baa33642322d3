//! `send-in-callback`: see [`META`] for what it catches and how it fixes it.

use super::{
    describe_site, grouped_doubles, label, on_line, verb, DoubleKind, FixTier, LoopMerges, RuleContext, RuleMeta,
};
use crate::diagnostic::{Finding, FixStatus};
use crate::flow::{Double, Flow, SiteId, SiteKind};
use crate::handler::Handler;

/// The rule's documentation, printed by `--explain` and copied into the README.
const DOC: &str = "## What it does
Finds a send inside a callback (`db.query(sql, (err, rows) => ...)`,
`jwt.verify(token, key, cb)`, `.then(...)`, `setTimeout`) while the handler
also sends after the call, sends before it, or another callback sends too.

## Why is this bad?
The callback runs later. By then the handler has already answered (or will
answer from another callback), so one of the two sends throws
`ERR_HTTP_HEADERS_SENT`. A `return` inside the callback only leaves the
callback, never the handler.

## Example
```js
db.query(sql, (err, rows) => {
  if (err) return res.status(500).json(err); // runs later
  res.json(rows);
});
res.json({ ok: true }); // answers first; the callback's send throws
```

## Fix
None: sendonce reports it. Send only from the callback (return right after
the call), or `await` a promise and send once.\n";

/// This rule's name, summary, docs and fix tier.
pub const META: RuleMeta = RuleMeta {
    name: "send-in-callback",
    summary: "a callback sends while the handler (or another callback) also sends",
    doc: DOC,
    fix: FixTier::None,
};

/// Reports each send that may run after a send in another callback (or outside it), once.
pub fn check<'a>(_handler: &Handler<'a>, flow: &Flow<'a>, cx: &RuleContext<'a>, findings: &mut Vec<Finding>) {
    let merges = LoopMerges::new(flow);
    let seconds = grouped_doubles(flow, DoubleKind::SendInCallback, false);
    for (second_id, firsts) in seconds {
        // A send in an iteration callback (`forEach`) is one bug, reported by send-in-loop with
        // the other send as its related location: not a second finding here.
        let firsts: Vec<SiteId> = firsts
            .into_iter()
            .filter(|&first| !merges.covers(flow, &Double { first, second: second_id, loop_backedge: false }))
            .collect();
        let Some(&first_id) = firsts.first() else { continue };
        let (first, second) = (&flow.sites[first_id], &flow.sites[second_id]);
        let (in_callback, other) = if second.callback.is_some() { (second, first) } else { (first, second) };
        let message = if first_id == second_id {
            format!(
                "`{}` sends from a callback that can run more than once; its second run sends again",
                describe_site(cx.source, in_callback),
            )
        } else {
            format!(
                "`{}` sends from a callback, and `{}`{} also {}; one of them runs after the other already answered",
                describe_site(cx.source, in_callback),
                describe_site(cx.source, other),
                on_line(cx, second.span, other.span),
                verb(other),
            )
        };
        let primary_text = match second.kind {
            SiteKind::Send | SiteKind::HelperSend => "may send after the response was sent",
            SiteKind::Next => "may pass the request on after the response was sent",
            SiteKind::HeaderWrite => "may set a header after the response was sent (this throws)",
        };
        let secondary = firsts
            .iter()
            .filter(|&&f| f != second_id)
            .map(|&f| label(&flow.sites[f], &format!("{} here too", verb(&flow.sites[f]))))
            .collect();
        findings.push(Finding {
            rule: META.name,
            message,
            primary: label(second, primary_text),
            secondary,
            fix: FixStatus::Unavailable(
                "send from one place only; a `return` in a callback does not end the handler".into(),
            ),
        });
    }
}

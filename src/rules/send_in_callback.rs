//! `send-in-callback`: see [`META`] for what it catches and how it fixes it.

use super::{
    describe_site, grouped_doubles, label, on_line, verb, DoubleKind, FixTier, LoopMerges, RuleContext, RuleMeta,
};
use crate::diagnostic::{Finding, FixStatus};
use crate::flow::{CallbackId, Double, Flow, Site, SiteId, SiteKind};
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

/// Whether send-in-callback reports `double` (asked last, see `super::CLAIMS`): the two sends are
/// in different functions (one in a callback, the other not, or in another callback).
pub(super) fn claims(flow: &Flow<'_>, double: &Double) -> bool {
    flow.sites[double.first].callback != flow.sites[double.second].callback
}

/// Reports the sends of one callback that may run after the same other sends, once: two
/// callbacks that both answer are one bug, however many sends the second one has.
pub fn check<'a>(_handler: &Handler<'a>, flow: &Flow<'a>, cx: &RuleContext<'a>, findings: &mut Vec<Finding>) {
    let merges = LoopMerges::new(flow);
    // (the callback of the later sends, the sends they may follow, the later sends)
    let mut groups: Vec<(Option<CallbackId>, Vec<SiteId>, Vec<SiteId>)> = Vec::new();
    for (second_id, firsts) in grouped_doubles(flow, DoubleKind::SendInCallback, false) {
        // A send in an iteration callback (`forEach`) is one bug, reported by send-in-loop with
        // the other send as its related location: not a second finding here.
        let firsts: Vec<SiteId> = firsts
            .into_iter()
            .filter(|&first| !merges.covers(flow, &Double { first, second: second_id, loop_backedge: false }))
            .collect();
        if firsts.is_empty() {
            continue;
        }
        let callback = flow.sites[second_id].callback;
        // A callback that can run twice (its send follows itself) stays a finding of its own.
        let group = (!firsts.contains(&second_id))
            .then(|| groups.iter_mut().find(|(c, f, _)| *c == callback && *f == firsts))
            .flatten();
        match group {
            Some((_, _, seconds)) => seconds.push(second_id),
            None => groups.push((callback, firsts, vec![second_id])),
        }
    }
    for (_, firsts, seconds) in groups {
        let (first_id, second_id) = (firsts[0], seconds[0]);
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
        let secondary = firsts
            .iter()
            .filter(|&&f| f != second_id)
            .map(|&f| label(&flow.sites[f], &format!("{} here too", verb(&flow.sites[f]))))
            .chain(seconds[1..].iter().map(|&s| label(&flow.sites[s], after_the_response(&flow.sites[s]))))
            .collect();
        findings.push(Finding {
            rule: META.name,
            message,
            primary: label(second, after_the_response(second)),
            secondary,
            fix: FixStatus::Unavailable(
                "send from one place only; a `return` in a callback does not end the handler".into(),
            ),
        });
    }
}

/// What a later site does wrong, for its label.
fn after_the_response(site: &Site<'_>) -> &'static str {
    match site.kind {
        SiteKind::Send | SiteKind::HelperSend => "may send after the response was sent",
        SiteKind::Next => "may pass the request on after the response was sent",
        SiteKind::HeaderWrite => "may set a header after the response was sent (this throws)",
    }
}

//! `send-in-loop`: see [`META`] for what it catches and how it fixes it.

use super::{describe_site, doubles_of, label, on_line, verb, DoubleKind, FixTier, LoopMerges, RuleContext, RuleMeta};
use crate::diagnostic::{Finding, FixStatus};
use crate::flow::{Double, Flow, SiteId, SiteKind};
use crate::handler::Handler;

/// The rule's documentation, printed by `--explain` and copied into the README.
const DOC: &str = "## What it does
Finds a send inside `for`, `for...of`, `for...in`, `while`, `do...while`,
or a `forEach`/`map`/`filter`/... callback, reached again on the next
iteration because nothing ends the handler after it.

## Why is this bad?
The first iteration answers; the second throws `ERR_HTTP_HEADERS_SENT`.
The usual intent was to collect the items and answer once after the loop.

## Example
```js
for (const user of users) {
  res.json(user); // the second user throws
}
```

## Fix
None yet: sendonce reports it. Collect the values in the loop and send once
after it (or `return` the send if the first match is the answer).\n";

/// This rule's name, summary, docs and fix tier.
pub const META: RuleMeta = RuleMeta {
    name: "send-in-loop",
    summary: "a send inside a loop or iteration callback runs on every iteration",
    doc: DOC,
    fix: FixTier::None,
};

/// Whether send-in-loop reports `double` (asked first, see `super::CLAIMS`): it was found on a
/// loop's next iteration (or an iteration callback's second call).
pub(super) fn claims(_: &Flow<'_>, double: &Double) -> bool {
    double.loop_backedge
}

/// Reports each send reached again by a loop's next iteration.
pub fn check<'a>(_handler: &Handler<'a>, flow: &Flow<'a>, cx: &RuleContext<'a>, findings: &mut Vec<Finding>) {
    let mut reported = Vec::new();
    // A send that falls through to a later send is reported once, as a missing `return`, whose
    // fix also ends the loop.
    let falls_through: Vec<SiteId> = doubles_of(flow, DoubleKind::MissingReturn).map(|d| d.first).collect();
    let merges = LoopMerges::new(flow);
    for double in doubles_of(flow, DoubleKind::SendInLoop) {
        if reported.contains(&double.second) || falls_through.contains(&double.second) {
            continue;
        }
        reported.push(double.second);
        let (first, second) = (&flow.sites[double.first], &flow.sites[double.second]);
        let message = if double.first == double.second && flow.in_callback_of_an_item(second.callback) {
            // `items.forEach(item => save(item, err => { if (err) return res.status(500)... }))`
            format!(
                "`{}` runs in the callback of every item: when two items fail, each sends its own answer",
                describe_site(cx.source, second)
            )
        } else if double.first == double.second {
            format!("`{}` runs on every iteration: the second iteration sends again", describe_site(cx.source, second))
        } else {
            format!(
                "`{}` runs on the next iteration after `{}` already sent",
                describe_site(cx.source, second),
                describe_site(cx.source, first)
            )
        };
        let mut secondary = if double.first == double.second {
            Vec::new()
        } else {
            vec![label(first, "sent on an earlier iteration here")]
        };
        // The sends outside the loop (or the iteration callback) that this send collides with are
        // this same bug: send-in-callback and multiple-sends leave them to this finding.
        let mut message = message;
        let others = merges.others(flow, double.second);
        if let Some(&other) = others.first() {
            message.push_str(&format!(
                ", and `{}`{} {} too",
                describe_site(cx.source, &flow.sites[other]),
                on_line(cx, second.span, flow.sites[other].span),
                verb(&flow.sites[other]),
            ));
        }
        let outside = if second.callback.is_some() { "outside the callback" } else { "after the loop" };
        secondary.extend(
            others.iter().map(|&o| label(&flow.sites[o], &format!("{} here too, {outside}", verb(&flow.sites[o])))),
        );
        let primary_text = if second.kind == SiteKind::HeaderWrite {
            "sets a header again on every iteration"
        } else {
            "sends on every iteration"
        };
        findings.push(Finding {
            rule: META.name,
            message,
            primary: label(second, primary_text),
            secondary,
            fix: FixStatus::Unavailable("collect the values and send once after the loop".into()),
        });
    }
}

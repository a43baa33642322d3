//! `send-in-callback`: a send inside a callback, plus another send that does not wait for it.
//!
//! ## What it does
//! Finds a send inside a callback (`db.query(sql, (err, rows) => ...)`,
//! `jwt.verify(token, key, cb)`, `.then(...)`, `setTimeout`) while the handler
//! also sends after the call, sends before it, or another callback sends too.
//!
//! ## Why is this bad?
//! The callback runs later. By then the handler has already answered (or will
//! answer from another callback), so one of the two sends throws
//! `ERR_HTTP_HEADERS_SENT`. A `return` inside the callback only leaves the
//! callback, never the handler.
//!
//! ## Fix
//! None: sendonce reports it. Send only from the callback (return right after
//! the call), or `await` a promise and send once.

use super::{FixTier, describe_site, doubles_of, label, line_of, DoubleKind, RuleContext, RuleMeta};
use crate::diagnostic::{Finding, FixStatus};
use crate::flow::Flow;
use crate::handler::Handler;

/// This rule's name and summary.
pub const META: RuleMeta = RuleMeta {
    name: "send-in-callback",
    summary: "a callback sends while the handler (or another callback) also sends",
    fix: FixTier::None,
};

/// Reports each pair of sends split between a callback and its surroundings.
pub fn check<'a>(_handler: &Handler<'a>, flow: &Flow<'a>, cx: &RuleContext<'a>, findings: &mut Vec<Finding>) {
    let mut reported: Vec<(usize, usize)> = Vec::new();
    for double in doubles_of(flow, DoubleKind::SendInCallback) {
        let pair = (double.first.min(double.second), double.first.max(double.second));
        if reported.contains(&pair) {
            continue;
        }
        reported.push(pair);
        let (first, second) = (&flow.sites[double.first], &flow.sites[double.second]);
        let (in_callback, other) = if second.callback.is_some() { (second, first) } else { (first, second) };
        let message = format!(
            "`{}` sends from a callback, and `{}` on line {} also sends; one of them runs after the other already answered",
            describe_site(cx.source, in_callback),
            describe_site(cx.source, other),
            line_of(cx.source, other),
        );
        findings.push(Finding {
            rule: META.name,
            message,
            primary: label(second, "may send after the response was sent"),
            secondary: vec![label(first, "sends here too")],
            fix: FixStatus::Unavailable("send from one place only; a `return` in a callback does not end the handler".into()),
        });
    }
}

//! `no-response`: see [`META`] for what it catches and how it fixes it.

use super::{FixTier, RuleContext, RuleMeta};
use crate::diagnostic::{Finding, FixStatus, Label};
use crate::flow::{Branch, Flow};
use crate::handler::Handler;

/// The rule's documentation, printed by `--explain` and copied into the README.
const DOC: &str = "## What it does
Finds a `return;` or the end of a handler reached on a path that sent
nothing, called no `next()`, and did not hand the response to other code
(passing `res` to a function, a callback that sends, returning a value a
wrapper may send). Only handlers whose response parameter is named or typed
like one (`res`, `response`, `NextApiResponse`, ...) and that are registered
as handlers (default export, `module.exports`, a route, a server) or take a
request first (`req`, `NextApiRequest`, ...): `notifyCustomer(event, res)` is
a helper its caller answers for, and so is a function another handler of the
file calls with its response. A handler that never answers on any path is
only checked when it is registered; an empty one is a deliberate stub.

It reports only what is certain: every call on the path is understood (no
hand-off of `res`, `next` or a function that answers, no check of
`res.headersSent`), and a `catch` path counts only when an awaited promise
can reject into it. A promise chain that is a whole statement, answers in its
`.then` and has nothing to catch a rejection (no `.catch`, no second `.then`
argument) leaves the request unanswered when it rejects, unless it cannot: its promise
is made by an executor given no `reject` (`new Promise((resolve) => ...)`,
also returned by a same-file function) and its callbacks only answer or log
plain values. So does a Node-style callback
that calls a function its module never declares (`validationError(res, err)`
with no `validationError`): the ReferenceError reaches nothing that catches
it. (An undeclared object, `Comment.create(...)`, may be a global another
file sets: that path is left alone.) The finding points
at the `if` whose untaken side ends unanswered (or the promise that rejects)
and, for tests of `req.method`, names the methods that get nothing.

## Why is this bad?
The client waits until it times out. Next.js prints \"API resolved without
sending a response\" at runtime; Express just hangs the request.

## Example
```ts
export default async function handler(req, res) {
  if (req.method === 'GET') {
    return res.json(await listInvitations());
  }
  // a POST ends here without an answer
}
```

## Fix
None: sendonce reports it, because only the author knows the right answer.\n";

/// This rule's name, summary, docs and fix tier.
pub const META: RuleMeta = RuleMeta {
    name: "no-response",
    summary: "a path through the handler ends without sending a response",
    doc: DOC,
    fix: FixTier::None,
};

/// Reports each exit reached on a path that sent nothing.
pub fn check<'a>(handler: &Handler<'a>, flow: &Flow<'a>, cx: &RuleContext<'a>, findings: &mut Vec<Finding>) {
    let is_handler = handler.registered || handler.request_looks_like_one;
    // An empty body (`function (req, res) {}`) is a deliberate stub, not a path someone forgot.
    let stub = handler.body.statements.is_empty();
    if stub
        || handler.called_as_helper
        || !handler.response_looks_like_one
        || !is_handler
        || (!handler.registered && flow.sites.is_empty())
    {
        return;
    }
    for unanswered in &flow.unanswered {
        let at_end = unanswered.span.end == handler.body.span.end;
        let ending = if at_end { "reaches the end of the handler" } else { "reaches this `return`" };
        let who = match unanswered.excluded_methods.as_slice() {
            [] => "a path".to_owned(),
            methods => format!("a request whose method is not {}", methods.join(" or ")),
        };
        let exit = Label { span: unanswered.span, message: "the path ends here without a response".into() };
        let (message, primary, secondary) = match unanswered.via {
            Some(Branch::Test { test, taken }) => {
                let text = one_line(cx.text(test));
                let side = if taken { "holds" } else { "does not hold" };
                let message = if unanswered.excluded_methods.is_empty() {
                    format!("when `{text}` {side}, {who} {ending} without sending a response")
                } else {
                    format!("{who} {ending} without sending a response")
                };
                let primary = Label { span: test, message: format!("the path where this {side} is not answered") };
                (message, primary, vec![exit])
            }
            Some(Branch::Rejection { promise }) => {
                let text = one_line(cx.text(promise));
                let message =
                    format!("when `{text}` rejects (nothing catches it), {who} {ending} without sending a response");
                (message, Label { span: promise, message: "nothing answers when this rejects".into() }, vec![exit])
            }
            Some(Branch::Undeclared { name }) => {
                let name_text = cx.text(name);
                let message = format!(
                    "`{name_text}` is not defined: reading it throws a ReferenceError that nothing catches, so {} is never answered",
                    if unanswered.excluded_methods.is_empty() { "the request".to_owned() } else { who }
                );
                (message, Label { span: name, message: "declared nowhere in this file".into() }, vec![exit])
            }
            None => (format!("{who} {ending} without sending a response"), exit, Vec::new()),
        };
        findings.push(Finding {
            rule: META.name,
            message,
            primary,
            secondary,
            fix: FixStatus::Unavailable("decide what this path should answer".into()),
        });
    }
}

/// `text` on one line, its runs of whitespace made single spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

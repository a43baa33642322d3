//! `multiple-sends`: see [`META`] for what it catches and how it fixes it.

use std::collections::HashSet;

use oxc_ast::ast::*;
use oxc_ast_visit::Visit;
use oxc_span::{GetSpan, Span};

use super::{
    again_label, describe_site, doubles_of, label, on_line, same_list, second_action, DoubleKind, FixTier, LoopMerges,
    RuleContext, RuleMeta,
};
use crate::diagnostic::{Applicability, Edit, Finding, Fix, FixStatus};
use crate::flow::{Double, Flow, ListId, SiteId, SiteKind, StatementForm};
use crate::framework::EXPRESS;
use crate::generate::{ItemComments, Template, Verbatim, PLACEHOLDER_PREFIX};
use crate::handler::Handler;
use crate::sends::{as_send, statement_effect, Send, SendMethods, StatementEffect};

/// The rule's documentation, printed by `--explain` and copied into the README.
const DOC: &str = "## What it does
Finds a statement list in a handler where a response is sent, execution
goes on, and a second response is sent: the seed's
`res.json(data1); ...; res.json(data2);`.

## Why is this bad?
The second send throws `Error [ERR_HTTP_HEADERS_SENT]: Cannot set headers
after they are sent to the client`, in Next.js pages API routes as in
Express; the client only ever sees the first body.

## Example
```js
export default async function handler(req, res) {
  const data1 = await fetchDataFromSource1();
  res.json(data1);
  const data2 = await fetchDataFromSource2();
  res.json(data2); // throws: the response was already sent
}
```

## Fix (unsafe)
Where every statement from the first awaited value to the last send is an
`await` declaration or a send, the run becomes one `Promise.all` over the
independent awaits (dependent or writing calls stay sequential, in order),
then one send with the user's method whose body combines the bodies, inside
a `try`/`catch` (or inside the existing `try` when its `catch` already
sends). The new `catch` passes the error on with `next(error)` when the
handler has `next`, and otherwise logs it and answers 500 (\"Failed to fetch
data\" only when every awaited call reads data). A `return` on the last send
is kept. A type-annotated declaration keeps its annotation as written (typed
and untyped declarations do not share a `Promise.all`; typed ones together
get a tuple annotation). A comment about a removed send goes next to that
send's value in the combined body, not above the new send.

Reported without a fix, with the reason: sends with different methods or
status chains; a `send` body that is a string, template or buffer (combining it
would change the content type); bodies whose keys clash, spread another
object, have computed keys or contain `await`; other statements between the
sends; a value declared in the run and used after it (the `try` would hide
it); no awaited value at all; a conditional send; `next()` or a header write
after the send.

Why it is unsafe: clients that received the first body (`user`) now receive
the combined one (`{ user, orders }`), and reads that ran one after the other
now run concurrently, which can reorder their side effects. The dry run shows
the rewrite for review; `--write` applies it only with `--unsafe-fixes`.\n";

/// This rule's name, summary, docs and fix tier.
pub const META: RuleMeta = RuleMeta {
    name: "multiple-sends",
    summary: "a response is sent, execution continues, and a second response is sent on the same path",
    doc: DOC,
    fix: FixTier::Unsafe,
};

/// Verbs that start the names of calls that write or have effects: such calls are never run
/// concurrently with other awaits, because their order may matter even without a data dependency.
#[rustfmt::skip]
const EFFECT_VERBS: &[&str] = &[
    "create", "insert", "update", "upsert", "delete", "del", "remove", "destroy", "save", "set", "put", "post",
    "patch", "add", "push", "send", "write", "increment", "decrement", "incr", "decr", "mark", "reset", "clear",
    "register", "login", "logout", "signup", "sign", "charge", "pay", "publish", "emit", "enqueue", "lock",
    "unlock", "revoke", "approve", "reject", "cancel", "commit", "rollback", "transaction", "begin", "exec",
    "execute", "run", "query", "raw", "mutate", "invalidate", "revalidate", "process", "handle", "submit",
    "store", "persist", "flush", "apply", "assign", "replace", "move", "copy", "upload", "import", "sync",
];
/// Prefixes dropped from a callee's name to make a key (`getUsers()` gives `users`).
const NAME_PREFIXES: &[&str] =
    &["get", "fetch", "load", "find", "read", "retrieve", "select", "list", "lookup", "compute", "count"];
/// The seed's catch block texts, for awaited calls that read data.
const CATCH_LOG: &str = "Error fetching data:";
const CATCH_BODY: &str = "Failed to fetch data";
/// The catch block texts when some awaited call does more than read.
const NEUTRAL_CATCH_LOG: &str = "Request failed:";
const NEUTRAL_CATCH_BODY: &str = "Internal server error";

/// Whether multiple-sends reports `double` as two sends of one block (asked second, see
/// `super::CLAIMS`): both are statements of one list and the first is not a guard
/// (`ok || res.json(...)` falls through, which is missing-return's). It also reports what no rule
/// claims: two sends of one function in different blocks.
pub(super) fn claims(flow: &Flow<'_>, double: &Double) -> bool {
    let first = &flow.sites[double.first];
    same_list(first, &flow.sites[double.second]) && first.statement.map(|s| s.form) != Some(StatementForm::Guard)
}

/// Reports sends reached one after another in one statement list (one finding per list, with the
/// seed's fix where it is safe), and other sends reached after a send that no other rule explains.
pub fn check<'a>(handler: &Handler<'a>, flow: &Flow<'a>, cx: &RuleContext<'a>, findings: &mut Vec<Finding>) {
    let mut groups: Vec<(ListId, Vec<SiteId>)> = Vec::new();
    let mut loose = Vec::new();
    for double in doubles_of(flow, DoubleKind::MultipleSends) {
        let (first, second) = (&flow.sites[double.first], &flow.sites[double.second]);
        let Some(list) = first.statement.filter(|_| same_list(first, second)).map(|s| s.list) else {
            loose.push(*double);
            continue;
        };
        let index = groups.iter().position(|(id, _)| *id == list).unwrap_or_else(|| {
            groups.push((list, Vec::new()));
            groups.len() - 1
        });
        let group = &mut groups[index].1;
        for site in [double.first, double.second] {
            if !group.contains(&site) {
                group.push(site);
            }
        }
    }
    let mut fixer = Fixer { handler, cx, names: None };
    for (list, mut sites) in groups {
        sites.sort_by_key(|&s| flow.sites[s].span.start);
        let fix = fixer.sequence_fix(flow, list, &sites);
        findings.push(finding(flow, cx, &sites, fix));
    }
    let mut reported = Vec::new();
    let merges = LoopMerges::new(flow);
    for double in loose {
        // After a send in a loop, this is the loop's bug: send-in-loop reports the pair.
        if reported.contains(&double.second) || merges.covers(flow, &double) {
            continue;
        }
        reported.push(double.second);
        let reason = if flow.sites[double.second].kind == SiteKind::HeaderWrite {
            "set headers before the first send"
        } else if flow.sites[double.first].statement.is_none() {
            "the first send is part of a larger expression; restructure so only one of them runs"
        } else {
            "the sends are in different blocks; restructure so only one of them runs"
        };
        findings.push(finding(flow, cx, &[double.first, double.second], FixStatus::Unavailable(reason.into())));
    }
}

fn finding(flow: &Flow<'_>, cx: &RuleContext<'_>, sites: &[SiteId], fix: FixStatus) -> Finding {
    let (first, second) = (&flow.sites[sites[0]], &flow.sites[sites[1]]);
    let mut message = format!(
        "`{}` {}; `{}`{} already sent one",
        describe_site(cx.source, second),
        second_action(second),
        describe_site(cx.source, first),
        on_line(cx, second.span, first.span),
    );
    if sites.len() > 2 {
        let writes = sites.iter().filter(|&&s| flow.sites[s].kind == SiteKind::HeaderWrite).count();
        message.push_str(&match writes {
            0 => format!(" ({} sends on this path in all)", sites.len()),
            _ => format!(" ({} sends and {writes} header writes on this path in all)", sites.len() - writes),
        });
    }
    let secondary = std::iter::once(label(first, "first response sent here"))
        .chain(sites[2..].iter().map(|&s| again_label(&flow.sites[s])))
        .collect();
    let primary = match second.kind {
        SiteKind::Send | SiteKind::HelperSend => label(second, "second response sent here"),
        _ => again_label(second),
    };
    Finding { rule: META.name, message, primary, secondary, fix }
}

/// Plans fixes for one handler; remembers the names it has handed out.
struct Fixer<'h, 'a> {
    handler: &'h Handler<'a>,
    cx: &'h RuleContext<'a>,
    /// Every identifier in the handler, collected the first time a fix needs fresh names.
    names: Option<HashSet<String>>,
}

impl<'a> Fixer<'_, 'a> {
    /// The seed's fix for the sends `sites` of one statement list, or why there is none.
    fn sequence_fix(&mut self, flow: &Flow<'a>, list: ListId, sites: &[SiteId]) -> FixStatus {
        let mut sends = Vec::new();
        for &site in sites {
            let site = &flow.sites[site];
            match (site.kind, site.send, site.statement) {
                (SiteKind::Send, Some(send), Some(statement)) => sends.push((statement.index, send)),
                (SiteKind::Next, ..) => {
                    return FixStatus::Unavailable("`next()` runs after the send; remove it or return before it".into())
                }
                (SiteKind::HeaderWrite, ..) => {
                    return FixStatus::Unavailable("set headers before the first send".into())
                }
                _ => return FixStatus::Unavailable("a helper call sends; it cannot be merged".into()),
            }
        }
        let list = &flow.lists[list];
        match self.plan_fix(list.stmts, &sends, list.in_sending_try) {
            Ok(fix) => FixStatus::Available(fix),
            Err(reason) => FixStatus::Unavailable(reason),
        }
    }

    /// Plans the seed's rewrite for the run of statements ending at the last send, or says why it cannot.
    fn plan_fix(
        &mut self,
        stmts: &'a [Statement<'a>],
        sends: &[(usize, Send<'a>)],
        in_sending_try: bool,
    ) -> Result<Fix, String> {
        let cx = self.cx;
        let response = self.handler.response;
        let first_send = sends[0].0;
        let last_send = sends[sends.len() - 1].0;
        let mut start = first_send;
        while start > 0 && as_await_declaration(&stmts[start - 1]).is_some() {
            start -= 1;
        }
        let region = &stmts[start..=last_send];
        if cx.has_placeholder() {
            return Err(format!("the file already contains `{PLACEHOLDER_PREFIX}`, which the fix uses internally"));
        }

        // Classify every statement of the run: only awaits and sends can be rearranged safely.
        // Bodies are combined into one object; an inline `await` in a body becomes an awaited item.
        let base_indent = cx.indentation_at(region[0].span().start).to_owned();
        let mut awaits: Vec<AwaitItem<'a>> = Vec::new();
        let mut bodies: Vec<&'a Expression<'a>> = Vec::new();
        let mut statement_slot: Vec<Slot> = Vec::new();
        let mut properties: Vec<Verbatim> = Vec::new();
        let mut keys: HashSet<String> = HashSet::new();
        let mut last_send_returns = false;
        for (offset, stmt) in region.iter().enumerate() {
            if let Some(declaration) = as_await_declaration(stmt) {
                statement_slot.push(Slot::Await(awaits.len()));
                awaits.push(declaration);
                continue;
            }
            let send = match statement_effect(stmt, response, cx.send_methods) {
                StatementEffect::Sends(send) => send,
                StatementEffect::SendsAndExits(send) => {
                    last_send_returns = true;
                    send
                }
                _ => {
                    return Err(format!(
                        "line {} between the sends is neither an awaited declaration nor a send",
                        cx.line_col(stmt.span().start).0
                    ))
                }
            };
            let plain = match stmt {
                Statement::ExpressionStatement(s) => as_send(&s.expression, response, cx.send_methods).is_some(),
                Statement::ReturnStatement(s) => {
                    s.argument.as_ref().is_some_and(|a| as_send(a, response, cx.send_methods).is_some())
                }
                _ => false,
            };
            if !plain {
                return Err(
                    "a send is conditional (`c ? res.json(a) : res.json(b)`), so its body cannot be merged".into()
                );
            }
            if sends.iter().all(|(index, _)| *index != start + offset) {
                return Err("a bare `end()` sits between the sends".into());
            }
            if !EXPRESS.answer.combined_send_methods.contains(&send.method) {
                return Err(format!("only `json` and `send` sends are combined, and this run uses `{}`", send.method));
            }
            if send.method != sends[0].1.method {
                return Err(format!(
                    "the sends use different methods (`{}` and `{}`), so one combined body would change what one of them meant",
                    sends[0].1.method, send.method
                ));
            }
            let [argument] = send.call.arguments.as_slice() else {
                return Err("a send without exactly one body argument".into());
            };
            let Some(body) = argument.as_expression() else {
                return Err("a send spreads its arguments".into());
            };
            if send.method == "send" && is_text_or_bytes(body) {
                return Err(
                    "a `send` body is a string or buffer: combined into an object it would be sent as JSON, not as text".into()
                );
            }
            let value_start = match body.get_inner_expression() {
                Expression::ObjectExpression(object) => {
                    object.properties.first().map_or(body.span().end, |p| p.span().start)
                }
                other => other.span().start,
            };
            statement_slot.push(Slot::Send(properties.len(), value_start));
            bodies.push(body);
            let body = body.get_inner_expression();
            if !matches!(body, Expression::AwaitExpression(_)) && contains_await(body) {
                return Err("a response body contains `await`; move it into a declaration first".into());
            }
            match body {
                Expression::Identifier(id) => {
                    add_key(&mut keys, id.name.as_str())?;
                    properties.push(self.verbatim(id.span));
                }
                Expression::ObjectExpression(object) => {
                    for property in &object.properties {
                        let ObjectPropertyKind::ObjectProperty(property) = property else {
                            return Err(
                                "a body spreads another object, so its keys cannot be checked for clashes".into()
                            );
                        };
                        let key =
                            (!property.computed).then(|| property.key.static_name()).flatten().ok_or_else(|| {
                                "a body has a computed key, so its keys cannot be checked for clashes".to_owned()
                            })?;
                        add_key(&mut keys, &key)?;
                        properties.push(self.verbatim(property.span));
                    }
                }
                Expression::AwaitExpression(await_expr) => {
                    let name = self.fresh_name(&await_expr.argument);
                    add_key(&mut keys, &name)?;
                    properties.push(Verbatim { text: name.clone(), original_indent: base_indent.clone() });
                    awaits.push(AwaitItem::inline(name, await_expr));
                }
                other => {
                    let key = self.fresh_name(other);
                    add_key(&mut keys, &key)?;
                    let value = self.verbatim(other.span());
                    properties.push(Verbatim {
                        text: format!("{key}: {}", value.text),
                        original_indent: value.original_indent,
                    });
                }
            }
            if let Some(Slot::Send(first, _)) = statement_slot.last_mut() {
                if *first == properties.len() {
                    // An empty body gives no property to hold the send's comments.
                    *first = usize::MAX;
                }
            }
        }
        if awaits.is_empty() {
            return Err("no awaited value comes before the sends, so there is nothing to gather".into());
        }

        let receivers: Vec<&str> = sends.iter().map(|(_, s)| cx.text(s.receiver.span())).collect();
        if let Some(other) = receivers.iter().find(|r| **r != receivers[0]) {
            return Err(format!(
                "the sends answer differently (`{}` and `{other}`), so they cannot be merged",
                receivers[0]
            ));
        }

        let stages = stage(&awaits, cx);
        if stages.iter().any(|stage| {
            stage.len() > 1
                && stage.iter().any(|&i| awaits[i].kind == VariableDeclarationKind::Var)
                && stage.iter().any(|&i| awaits[i].kind != VariableDeclarationKind::Var)
        }) {
            return Err("the awaits mix `var` with `let`/`const`".into());
        }

        let wrap = !in_sending_try;
        if wrap {
            // A name declared in the run and read anywhere else in the handler (after the sends, or in
            // a closure declared before them) would be out of scope inside the new `try` block.
            let bound: HashSet<&str> = awaits.iter().flat_map(|a| a.names.iter().copied()).collect();
            let region_span = Span::new(region[0].span().start, region[region.len() - 1].span().end);
            let mut outside = ReferencesOutside { region: region_span, names: HashSet::new() };
            outside.visit_function_body(self.handler.body);
            if let Some(name) = outside.names.iter().filter(|n| bound.contains(*n)).min() {
                return Err(format!(
                    "`{name}` is used outside the statements the fix rewrites, so it cannot move into a `try` block"
                ));
            }
        }

        // Comments in the rewritten range go with the statement they describe.
        let region_start = region[0].span().start;
        let region_end = self.end_with_trailing_comment(region[region.len() - 1].span().end);
        let line_start = cx.line_start(region_start) as usize;
        if !cx.source[line_start..region_start as usize].trim().is_empty() {
            return Err("the statements share a line with other code".into());
        }
        let copied: Vec<Span> = self.copied_spans(region, &awaits, &stages, &bodies);
        let mut stage_comments: Vec<Vec<Verbatim>> = vec![Vec::new(); stages.len()];
        let mut send_comments: Vec<Verbatim> = Vec::new();
        let mut property_comments: Vec<ItemComments> = vec![ItemComments::default(); properties.len()];
        for comment in cx.comments_within(region_start, region_end) {
            if copied.iter().any(|s| s.start <= comment.span.start && comment.span.end <= s.end) {
                continue;
            }
            let owner = owning_statement(cx.source, region, comment.span);
            let verbatim = self.verbatim(comment.span);
            match statement_slot[owner] {
                Slot::Await(index) => {
                    let stage_index = stages.iter().position(|s| s.contains(&index)).unwrap_or(0);
                    stage_comments[stage_index].push(verbatim);
                }
                // A comment about a removed send (`// first response sent here`) would be false
                // above the combined send: it goes next to that send's value in the body.
                Slot::Send(property, value_start) if property < properties.len() => {
                    let around = &mut property_comments[property];
                    if comment.span.end <= value_start {
                        around.leading.push(verbatim.text);
                    } else {
                        around.trailing.push(verbatim.text);
                    }
                }
                Slot::Send(..) => send_comments.push(verbatim),
            }
        }

        // Print the new code.
        let style = cx.style();
        let error_name = if response == "error" { "err" } else { "error" };
        let mut template = Template::default();
        if wrap {
            template.push("try {\n");
        }
        for (stage, comments) in stages.iter().zip(stage_comments) {
            for comment in comments {
                template.line(comment);
            }
            self.print_stage(&mut template, stage, &awaits);
        }
        for comment in send_comments {
            template.line(comment);
        }
        if last_send_returns {
            template.push("return ");
        }
        template.code(self.verbatim(sends[0].1.receiver.span()));
        template.push(&format!(".{}(", sends[0].1.method)).commented_object(properties, property_comments).push(");\n");
        if wrap {
            template.push(&format!("}} catch ({error_name}) {{\n"));
            if let Some(next) = self.handler.next {
                // The app's error middleware (logging, Sentry) sees the error, as for any other.
                template.push(&format!("{next}({error_name});\n"));
            } else {
                let quote = if style.single_quote { '\'' } else { '"' };
                let reads = awaits.iter().all(|item| reads_data(item.awaited));
                let (log, body) = if reads { (CATCH_LOG, CATCH_BODY) } else { (NEUTRAL_CATCH_LOG, NEUTRAL_CATCH_BODY) };
                template.push(&format!(
                    "console.error({quote}{log}{quote}, {error_name});\n{response}.status(500).json({{ error: {quote}{body}{quote} }});\n"
                ));
            }
            template.push("}\n");
        }
        let text = template.render(style, &base_indent).map_err(|err| err.to_string())?;
        Ok(Fix {
            edits: vec![Edit { span: Span::new(region_start, region_end), text }],
            // Clients that got `user` now get `{ user, orders }`, and the awaits may run in
            // another order: a reviewer has to accept that.
            applicability: Applicability::Unsafe,
        })
    }

    /// Prints one stage: a single await as it was written, or several as one `Promise.all`.
    fn print_stage(&self, template: &mut Template, stage: &[usize], awaits: &[AwaitItem<'a>]) {
        if let [only] = stage {
            let item = &awaits[*only];
            match (&item.inline_name, item.statement) {
                (None, Some(stmt)) => {
                    template.line(self.verbatim(stmt.span()));
                }
                (name, _) => {
                    let name = name.clone().unwrap_or_default();
                    template
                        .push(&format!("const {name} = await "))
                        .code(self.verbatim(item.awaited.span()))
                        .push(";\n");
                }
            }
            return;
        }
        let kind = if stage.iter().all(|&i| awaits[i].kind == VariableDeclarationKind::Var) {
            "var"
        } else if stage.iter().all(|&i| awaits[i].kind == VariableDeclarationKind::Const) {
            "const"
        } else {
            "let"
        };
        template.push(kind).push(" [");
        for (n, &i) in stage.iter().enumerate() {
            if n > 0 {
                template.push(", ");
            }
            match (&awaits[i].inline_name, awaits[i].pattern) {
                (Some(name), _) => template.push(name),
                (None, Some(pattern)) => template.code(self.verbatim(pattern)),
                (None, None) => template.push("_"),
            };
        }
        template.push("]");
        if awaits[stage[0]].type_annotation.is_some() {
            template.push(": [");
            for (n, &i) in stage.iter().enumerate() {
                if n > 0 {
                    template.push(", ");
                }
                if let Some(annotation) = awaits[i].type_annotation {
                    template.code(self.verbatim(annotation));
                }
            }
            template.push("]");
        }
        template.push(" = await Promise.all(");
        template.array(stage.iter().map(|&i| self.verbatim(awaits[i].awaited.span())).collect());
        template.push(");\n");
    }

    /// Spans whose text the fix copies as it is (comments inside them travel with them).
    fn copied_spans(
        &self,
        region: &'a [Statement<'a>],
        awaits: &[AwaitItem<'a>],
        stages: &[Vec<usize>],
        bodies: &[&'a Expression<'a>],
    ) -> Vec<Span> {
        let mut spans: Vec<Span> = awaits.iter().map(|a| a.awaited.span()).collect();
        // An await alone in its stage is copied as a whole statement (see `print_stage`).
        spans.extend(stages.iter().filter_map(|stage| match stage.as_slice() {
            [only] if awaits[*only].inline_name.is_none() => awaits[*only].statement.map(GetSpan::span),
            _ => None,
        }));
        spans.extend(awaits.iter().filter_map(|a| a.pattern));
        spans.extend(awaits.iter().filter_map(|a| a.type_annotation));
        for body in bodies {
            match body.get_inner_expression() {
                Expression::ObjectExpression(object) => spans.extend(object.properties.iter().map(GetSpan::span)),
                other => spans.push(other.span()),
            }
        }
        for stmt in region {
            if let Some(send) = sends_in(stmt, self.handler.response, self.cx.send_methods) {
                spans.push(send.receiver.span());
            }
        }
        spans
    }

    /// The region's end, moved past a comment that trails the last statement on its line.
    fn end_with_trailing_comment(&self, end: u32) -> u32 {
        let rest = &self.cx.source[end as usize..];
        let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let comment_start = end + gap as u32;
        let at = self.cx.comments.partition_point(|c| c.span.start < comment_start);
        self.cx
            .comments
            .get(at)
            .filter(|c| c.span.start == comment_start && !self.cx.text(c.span).contains('\n'))
            .map_or(end, |c| c.span.end)
    }

    fn verbatim(&self, span: Span) -> Verbatim {
        Verbatim { text: self.cx.text(span).to_owned(), original_indent: self.cx.indentation_at(span.start).to_owned() }
    }

    /// A readable name for an expression's value that no identifier in the handler uses yet.
    fn fresh_name(&mut self, expr: &Expression<'a>) -> String {
        let handler_body = self.handler.body;
        let taken = self.names.get_or_insert_with(|| {
            let mut collector = References::default();
            collector.visit_function_body(handler_body);
            collector.names.into_iter().chain(collector.bindings).map(str::to_owned).collect()
        });
        let base = suggested_name(expr);
        let mut candidate = base.clone();
        let mut n = 2;
        while taken.contains(&candidate) || is_reserved(&candidate) {
            candidate = format!("{base}{n}");
            n += 1;
        }
        taken.insert(candidate.clone());
        candidate
    }
}

/// Which output line a rewritten statement ends up in.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Await(usize),
    /// A send, with the index of the first property its body gives the combined body and where
    /// that property's value starts (comments before it lead it, comments after it trail it).
    Send(usize, u32),
}

/// One awaited value: `const users = await getUsers();` or an inline `res.json(await getUsers())`.
#[derive(Debug)]
struct AwaitItem<'a> {
    statement: Option<&'a Statement<'a>>,
    kind: VariableDeclarationKind,
    pattern: Option<Span>,
    type_annotation: Option<Span>,
    names: Vec<&'a str>,
    awaited: &'a Expression<'a>,
    inline_name: Option<String>,
}

impl<'a> AwaitItem<'a> {
    fn inline(name: String, await_expr: &'a AwaitExpression<'a>) -> Self {
        Self {
            statement: None,
            kind: VariableDeclarationKind::Const,
            pattern: None,
            type_annotation: None,
            names: Vec::new(),
            awaited: &await_expr.argument,
            inline_name: Some(name),
        }
    }
}

/// `const x = await f();` (one declarator, any binding pattern, optional type annotation).
fn as_await_declaration<'a>(stmt: &'a Statement<'a>) -> Option<AwaitItem<'a>> {
    let Statement::VariableDeclaration(decl) = stmt else { return None };
    if decl.declare
        || decl.declarations.len() != 1
        || matches!(decl.kind, VariableDeclarationKind::Using | VariableDeclarationKind::AwaitUsing)
    {
        return None;
    }
    let declarator = &decl.declarations[0];
    let init = declarator.init.as_ref()?;
    let mut inner = init;
    while let Expression::ParenthesizedExpression(p) = inner {
        inner = &p.expression;
    }
    let Expression::AwaitExpression(await_expr) = inner else { return None };
    Some(AwaitItem {
        statement: Some(stmt),
        kind: decl.kind,
        pattern: Some(declarator.id.span()),
        type_annotation: declarator.type_annotation.as_ref().map(|t| t.type_annotation.span()),
        names: declarator.id.get_binding_identifiers().iter().map(|id| id.name.as_str()).collect(),
        awaited: &await_expr.argument,
        inline_name: None,
    })
}

/// Groups awaits, in order, into stages that can run concurrently: a new stage starts when an
/// await uses a value bound in the current stage, or when either side looks like it has effects.
fn stage(awaits: &[AwaitItem<'_>], cx: &RuleContext<'_>) -> Vec<Vec<usize>> {
    let mut stages: Vec<Vec<usize>> = Vec::new();
    for (index, item) in awaits.iter().enumerate() {
        let mut refs = References::default();
        refs.visit_expression(item.awaited);
        let effectful = has_effects(item.awaited, cx);
        // A tuple annotation needs a type for every element: typed and untyped declarations do
        // not share a `Promise.all` (each keeps its own annotation, as written).
        let typed = item.type_annotation.is_some();
        let joins = stages.last().is_some_and(|current| {
            !effectful
                && current.iter().all(|&i| awaits[i].type_annotation.is_some() == typed)
                && current.iter().all(|&i| {
                    !has_effects(awaits[i].awaited, cx) && !awaits[i].names.iter().any(|n| refs.names.contains(n))
                })
        });
        match stages.last_mut() {
            Some(current) if joins => current.push(index),
            _ => stages.push(vec![index]),
        }
    }
    stages
}

/// Whether an awaited expression may write: its callee's name starts with an effect verb,
/// or it passes an options object with a `method` (a `fetch` that posts).
fn has_effects(expr: &Expression<'_>, cx: &RuleContext<'_>) -> bool {
    let Expression::CallExpression(call) = expr.get_inner_expression() else { return false };
    let name = callee_name(&call.callee).unwrap_or_default().to_ascii_lowercase();
    if EFFECT_VERBS.iter().any(|verb| name.starts_with(verb)) {
        return true;
    }
    call.arguments.iter().any(|arg| matches!(arg, Argument::ObjectExpression(o) if cx.text(o.span).contains("method")))
}

/// Whether an awaited call reads data (`getUser`, `fetchOrders`, `db.users.findMany`), so the
/// seed's "Failed to fetch data" describes its failure.
fn reads_data(expr: &Expression<'_>) -> bool {
    let Expression::CallExpression(call) = expr.get_inner_expression() else { return false };
    let name = callee_name(&call.callee).unwrap_or_default();
    NAME_PREFIXES.iter().any(|prefix| {
        name.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_uppercase()))
    })
}

/// A body the code shows is text, bytes or another literal: a string, a template, a number or a
/// boolean, `String(...)`, `Buffer.from(...)`, `x.toString()`. `res.send` sends those as they are
/// (a number as a status code in Express 4), so they cannot join an object.
fn is_text_or_bytes(body: &Expression<'_>) -> bool {
    match body.get_inner_expression() {
        Expression::StringLiteral(_)
        | Expression::TemplateLiteral(_)
        | Expression::TaggedTemplateExpression(_)
        | Expression::NumericLiteral(_)
        | Expression::BooleanLiteral(_) => true,
        Expression::BinaryExpression(binary) => {
            binary.operator == oxc_syntax::operator::BinaryOperator::Addition
                && (is_text_or_bytes(&binary.left) || is_text_or_bytes(&binary.right))
        }
        Expression::CallExpression(call) => match call.callee.get_inner_expression() {
            Expression::Identifier(id) => id.name == "String",
            Expression::StaticMemberExpression(member) => {
                let object = match member.object.get_inner_expression() {
                    Expression::Identifier(id) => id.name.as_str(),
                    _ => "",
                };
                (object == "Buffer" && member.property.name == "from")
                    || matches!(member.property.name.as_str(), "toString" | "join" | "toFixed")
            }
            _ => false,
        },
        _ => false,
    }
}

/// The last name in a callee: `getUsers` for `db.users.getUsers`.
fn callee_name<'a>(callee: &Expression<'a>) -> Option<&'a str> {
    match callee.get_inner_expression() {
        Expression::Identifier(id) => Some(id.name.as_str()),
        Expression::StaticMemberExpression(member) => Some(member.property.name.as_str()),
        _ => None,
    }
}

/// A readable key for a value: `getUsers()` gives `users`, `data.items` gives `items`.
fn suggested_name(expr: &Expression<'_>) -> String {
    let raw = match expr.get_inner_expression() {
        Expression::CallExpression(call) => callee_name(&call.callee).map(|name| {
            let stripped = NAME_PREFIXES
                .iter()
                .find_map(|p| name.strip_prefix(p).filter(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase())))
                .unwrap_or(name);
            stripped.to_owned()
        }),
        Expression::StaticMemberExpression(member) => Some(member.property.name.to_string()),
        Expression::Identifier(id) => Some(id.name.to_string()),
        _ => None,
    };
    let raw = raw.filter(|r| !r.is_empty()).unwrap_or_else(|| "result".to_owned());
    let mut chars = raw.chars();
    let first = chars.next().map(|c| c.to_ascii_lowercase()).unwrap_or('r');
    std::iter::once(first).chain(chars).collect()
}

/// Records a key of the combined body; a key two bodies share would silently lose one value.
fn add_key(keys: &mut HashSet<String>, key: &str) -> Result<(), String> {
    if keys.insert(key.to_owned()) {
        Ok(())
    } else {
        Err(format!("two bodies both have the key `{key}`; merging them would lose one"))
    }
}

/// Words a generated name must not be: reserved words, and `error`, which the generated `catch` binds.
#[rustfmt::skip]
const RESERVED: &[&str] = &[
    "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do",
    "else", "enum", "export", "extends", "false", "finally", "for", "function", "if", "import", "in",
    "instanceof", "new", "null", "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var",
    "void", "while", "with", "yield", "let", "static", "implements", "interface", "package", "private",
    "protected", "public", "error",
];

fn is_reserved(name: &str) -> bool {
    RESERVED.contains(&name)
}

/// The index, within `region`, of the statement a comment belongs to: the one containing it,
/// the one it trails on the same line, or else the next one.
fn owning_statement(source: &str, region: &[Statement<'_>], comment: Span) -> usize {
    for (index, stmt) in region.iter().enumerate() {
        let span = stmt.span();
        if span.start <= comment.start && comment.end <= span.end {
            return index;
        }
        if span.end <= comment.start && !source[span.end as usize..comment.start as usize].contains('\n') {
            return index;
        }
        if comment.end <= span.start {
            return index;
        }
    }
    region.len().saturating_sub(1)
}

fn sends_in<'a>(stmt: &'a Statement<'a>, response: &str, methods: SendMethods<'_>) -> Option<Send<'a>> {
    match statement_effect(stmt, response, methods) {
        StatementEffect::Sends(send) | StatementEffect::SendsAndExits(send) => Some(send),
        _ => None,
    }
}

fn contains_await(expr: &Expression<'_>) -> bool {
    #[derive(Default)]
    struct Finder(bool);
    impl<'a> Visit<'a> for Finder {
        fn visit_await_expression(&mut self, _: &AwaitExpression<'a>) {
            self.0 = true;
        }
        fn visit_function(&mut self, _: &Function<'a>, _: oxc_syntax::scope::ScopeFlags) {}
        fn visit_arrow_function_expression(&mut self, _: &ArrowFunctionExpression<'a>) {}
    }
    let mut finder = Finder::default();
    finder.visit_expression(expr);
    finder.0
}

/// Names referenced outside a range of the handler.
struct ReferencesOutside<'a> {
    region: Span,
    names: HashSet<&'a str>,
}

impl<'a> Visit<'a> for ReferencesOutside<'a> {
    fn visit_identifier_reference(&mut self, it: &IdentifierReference<'a>) {
        if it.span.end <= self.region.start || it.span.start >= self.region.end {
            self.names.insert(it.name.as_str());
        }
    }
}

/// Names referenced and bound in a piece of code.
#[derive(Default)]
struct References<'a> {
    names: HashSet<&'a str>,
    bindings: HashSet<&'a str>,
}

impl<'a> Visit<'a> for References<'a> {
    fn visit_identifier_reference(&mut self, it: &IdentifierReference<'a>) {
        self.names.insert(it.name.as_str());
    }

    fn visit_binding_identifier(&mut self, it: &BindingIdentifier<'a>) {
        self.bindings.insert(it.name.as_str());
    }
}

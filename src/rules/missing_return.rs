//! `missing-return`: see [`META`] for what it catches and how it fixes it.

use oxc_ast::ast::{Expression, LogicalOperator, Statement};
use oxc_span::{GetSpan, Span};

use super::send_then_throw::throws_into_catch;
use super::{
    again_label, continuation, describe_site, grouped_doubles, label, on_line, DoubleKind, FixTier, RuleContext,
    RuleMeta,
};
use crate::diagnostic::{Applicability, Edit, Finding, Fix, FixStatus};
use crate::fix::in_braces;
use crate::flow::{Container, Double, Flow, Site, StatementForm};
use crate::handler::Handler;

/// The rule's documentation, printed by `--explain` and copied into the README.
const DOC: &str = "## What it does
Finds a send (or `next(err)`) inside an `if`/`else`, a `case`, a `try` or a
`catch` block after which execution leaves the block and reaches a second
send, header write or `next()`: the classic
`if (!user) { res.status(404).json(...) }` without `return`.

## Why is this bad?
The request that took the branch gets its answer, then the code after the
block answers again and throws `ERR_HTTP_HEADERS_SENT`.

## Example
```js
if (!project) {
  res.status(404).json({ error: 'Not found' }); // no return
}
res.status(200).json(project); // runs too, and throws
```

## Fix (safe)
End the path at the first send, in the file's own style. Where the file
returns its sends, `return res.status(404).json(...)`. Where returning a
value is wrong or not the project's habit, the send stays as it is and a
`return;` follows it: the handler's return type is `void` or
`Promise<void>` (Express 5's `RequestHandler`; TypeScript rejects
`return res.json(...)` there), the file is a Next.js API route (Next warns
`API handler should not return a value`), the file never returns a send,
or the send is in a callback that is not `async` (whose return value its
caller may use). When the send is not the last statement of its block, a
`return;` ends the block instead (before a trailing `break`), so the
statements after the send still run. A brace-less `if (x) res.send()` that
gets a `return;` gets braces, with `} else` on the closing brace's line.
`cond && res.json(x);` becomes `if (cond) return res.json(x);` (or the
braced two-statement form) and `ok || res.json(x);` becomes
`if (!ok) ...`.

Why it is safe: the request that took the branch got its answer, and still
gets exactly that answer; only the second send, which threw, no longer runs.\n";

/// This rule's name, summary, docs and fix tier.
pub const META: RuleMeta = RuleMeta {
    name: "missing-return",
    summary: "a send in a branch, case or catch block falls through to code that sends again",
    doc: DOC,
    fix: FixTier::Safe,
};

/// Whether missing-return reports `double` (asked after multiple-sends, see `super::CLAIMS`): the
/// first send falls through (it is a guard, or in a branch, case, `try` or `catch` block, and not
/// a `return`), so a `return` after it ends the path. Then either the second runs within the
/// first's function (a `return` also skips the callbacks registered after it), or the second is
/// in a `catch` reached because later code threw, and the first also falls through to an ordinary
/// send, without being sent in the middle of the `try`: the same missing `return`.
pub(super) fn claims(flow: &Flow<'_>, double: &Double) -> bool {
    let (first, second) = (&flow.sites[double.first], &flow.sites[double.second]);
    let first_form = first.statement.map(|s| s.form);
    let container = first.statement.map(|s| flow.lists[s.list].container);
    let falls_through = first_form == Some(StatementForm::Guard)
        || matches!(container, Some(Container::Branch | Container::Case | Container::Try | Container::Catch));
    if !falls_through || first_form == Some(StatementForm::Return) {
        return false;
    }
    if throws_into_catch(flow, double) {
        // Reached only because later code threw: a `return` would skip that code.
        let also_falls_through = flow.doubles.iter().any(|d| d.first == double.first && !throws_into_catch(flow, d));
        let sent_mid_try = container == Some(Container::Try) && first_form != Some(StatementForm::Guard);
        return also_falls_through && !sent_mid_try;
    }
    flow.runs_within(second.callback, first.callback)
}

/// Reports each send that falls through to another, with every later send it reaches.
pub fn check<'a>(handler: &Handler<'a>, flow: &Flow<'a>, cx: &RuleContext<'a>, findings: &mut Vec<Finding>) {
    let firsts = grouped_doubles(flow, DoubleKind::MissingReturn, true);
    for (first, seconds) in firsts {
        let (first, second) = (&flow.sites[first], &flow.sites[seconds[0]]);
        // The finding is at the send that lacks its `return` (where the fix goes and where a
        // pull request's annotation belongs); what runs after it is the related location.
        let message = format!(
            "`{}` answers, but execution continues to `{}`{}, which {}",
            describe_site(cx.source, first),
            describe_site(cx.source, second),
            on_line(cx, first.span, second.span),
            continuation(second),
        );
        let second_spans: Vec<Span> = seconds.iter().map(|&s| flow.sites[s].span).collect();
        let fix = match return_fix(handler, flow, first, &second_spans, cx) {
            Ok(fix) => FixStatus::Available(fix),
            Err(reason) => FixStatus::Unavailable(reason.into()),
        };
        let secondary = seconds.iter().map(|&s| again_label(&flow.sites[s])).collect();
        findings.push(Finding {
            rule: META.name,
            message,
            primary: label(first, "answers here without returning"),
            secondary,
            fix,
        });
    }
}

/// The edit that ends the path at `site`'s statement, before every send in `seconds` it reaches;
/// or why there is none.
fn return_fix(
    handler: &Handler<'_>,
    flow: &Flow<'_>,
    site: &Site<'_>,
    seconds: &[Span],
    cx: &RuleContext<'_>,
) -> Result<Fix, &'static str> {
    const LARGER_EXPRESSION: &str = "the send is part of a larger expression";
    let Some(statement) = site.statement else { return Err(LARGER_EXPRESSION) };
    let list = &flow.lists[statement.list];
    let stmt_span = statement.stmt.span();
    let style = cx.style();
    let semicolon = if style.semicolons { ";" } else { "" };
    let newline = style.newline;
    let is_last = statement.index + 1 == list.stmts.len();
    let value_may_matter = list.in_callback && !list.in_async_function;
    // `return res.json(x)` where the file's own style allows it; `res.json(x);` then `return;`
    // where returning a value is wrong or not the project's habit.
    let bare = value_may_matter || !returns_sends(handler, list.in_callback, cx);
    let edits = match statement.form {
        StatementForm::Return => return Err(LARGER_EXPRESSION),
        StatementForm::Plain if list.braceless && bare => {
            in_braces(cx, stmt_span, None, Some(&format!("return{semicolon}")))
        }
        StatementForm::Plain if list.braceless || (is_last && !bare) => {
            vec![Edit { span: Span::empty(stmt_span.start), text: "return ".into() }]
        }
        StatementForm::Plain => {
            // End the path where the block ends, so the statements after the send still run
            // (a trailing `break`/`continue` would skip a `return` placed after it).
            let last = &list.stmts[list.stmts.len() - 1];
            // A `return` at the end of the block only helps when the second send is after it.
            if seconds.iter().any(|second| second.start >= stmt_span.end && second.start < last.span().end) {
                return Err("a later statement of the same block answers again; decide which answer is meant");
            }
            let indent = cx.indentation_at(last.span().start);
            if matches!(last, Statement::BreakStatement(_) | Statement::ContinueStatement(_)) {
                vec![Edit { span: Span::empty(last.span().start), text: format!("return{semicolon}{newline}{indent}") }]
            } else {
                let at = end_of_line_after(cx.source, last.span().end);
                vec![Edit { span: Span::empty(at), text: format!("{newline}{indent}return{semicolon}") }]
            }
        }
        StatementForm::Guard => {
            let Statement::ExpressionStatement(expr_stmt) = statement.stmt else { return Err(LARGER_EXPRESSION) };
            let Expression::LogicalExpression(logical) = expr_stmt.expression.get_inner_expression() else {
                return Err(LARGER_EXPRESSION);
            };
            let left = cx.text(logical.left.span());
            let condition = match logical.operator {
                LogicalOperator::And => left.to_owned(),
                LogicalOperator::Or if is_simple(&logical.left) => format!("!{left}"),
                LogicalOperator::Or => format!("!({left})"),
                LogicalOperator::Coalesce => return Err(LARGER_EXPRESSION),
            };
            let send = cx.text(logical.right.span());
            // `if (cond) {`, the send and `return;` on lines of their own, as Prettier prints them.
            let guard = |indent: &str| {
                if bare {
                    let inner = format!("{indent}{}", style.indent_unit);
                    format!(
                        "if ({condition}) {{{newline}{inner}{send}{semicolon}{newline}{inner}return{semicolon}{newline}{indent}}}"
                    )
                } else {
                    format!("if ({condition}) return {send}{semicolon}")
                }
            };
            if list.braceless {
                // In a braceless branch a new `if` would capture the branch's `else`.
                in_braces(cx, stmt_span, Some(&guard), None)
            } else {
                vec![Edit { span: stmt_span, text: guard(cx.indentation_at(stmt_span.start)) }]
            }
        }
    };
    Ok(Fix { edits, applicability: Applicability::Safe })
}

/// Whether a `return` may carry the send's value here: not when the handler's return type is
/// `void` or `Promise<void>` (TypeScript rejects `return res.json(x)` there; Express 5's
/// `RequestHandler` is one), not in a Next.js API route (Next warns "API handler should not
/// return a value"), and not in a file that never returns a send (its authors write
/// `res.json(x); return;`).
fn returns_sends(handler: &Handler<'_>, in_callback: bool, cx: &RuleContext<'_>) -> bool {
    let source = cx.source;
    if !in_callback && returns_void(handler, source) {
        return false;
    }
    let next_js = ["NextApiRequest", "NextApiResponse", "NextApiHandler", "from 'next'", "from \"next\""];
    if next_js.iter().any(|marker| source.contains(marker)) {
        return false;
    }
    source.contains(&format!("return {}.", handler.response))
}

/// The handler is declared to return nothing: `(req, res): void`, `(...): Promise<void>`, or
/// `const h: RequestHandler = (req, res) => ...`.
fn returns_void(handler: &Handler<'_>, source: &str) -> bool {
    let head = source.get(handler.span.start as usize..handler.body.span.start as usize).unwrap_or_default();
    let after_params = head.rfind(')').map_or("", |at| &head[at + 1..]);
    let annotation = after_params.trim().trim_end_matches("=>").trim_end();
    if let Some(annotation) = annotation.strip_prefix(':') {
        let annotation: String = annotation.chars().filter(|c| !c.is_whitespace()).collect();
        if annotation == "void" || annotation == "Promise<void>" {
            return true;
        }
    }
    let before = source.get(..handler.span.start as usize).unwrap_or_default().trim_end();
    let Some(declaration) = before.strip_suffix('=') else { return false };
    let line = declaration.rsplit('\n').next().unwrap_or_default();
    line.rsplit_once(':').is_some_and(|(_, annotation)| {
        let name = annotation.trim();
        name.starts_with("RequestHandler") || name.contains(".RequestHandler")
    })
}

/// An operand that `!` can prefix without parentheses.
fn is_simple(expr: &Expression<'_>) -> bool {
    matches!(expr, Expression::Identifier(_) | Expression::StaticMemberExpression(_) | Expression::CallExpression(_))
}

/// Where to put a new line after a statement ending at `end`: after a comment that trails it on
/// its line, so the comment stays with the statement it describes.
pub(crate) fn end_of_line_after(source: &str, end: u32) -> u32 {
    let rest = &source[end as usize..];
    let line_end = rest.find('\n').map_or(rest.len(), |i| i);
    let line = rest[..line_end].trim_end_matches('\r');
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.starts_with("//") || (trimmed.starts_with("/*") && trimmed.ends_with("*/")) {
        end + line.len() as u32
    } else {
        end
    }
}

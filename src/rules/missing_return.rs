//! `missing-return`: see [`META`] for what it catches and how it fixes it.

use oxc_ast::ast::{Expression, LogicalOperator, Statement};
use oxc_span::{GetSpan, Span};

use super::{
    again_label, continuation, describe_site, grouped_doubles, label, on_line, DoubleKind, FixTier, RuleContext,
    RuleMeta,
};
use crate::diagnostic::{Applicability, Edit, Finding, Fix, FixStatus};
use crate::flow::{Flow, Site, StatementForm};
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
End the path at the first send: `return res.status(404).json(...)`. When
the send is not the last statement of its block, or it is in a callback
that is not `async` (whose return value its caller may use), a `return;`
ends the block instead (before a trailing `break`), so the statements after
the send still run. `cond && res.json(x);` becomes
`if (cond) return res.json(x);` and `ok || res.json(x);` becomes
`if (!ok) return res.json(x);`.\n";

/// This rule's name, summary, docs and fix tier.
pub const META: RuleMeta = RuleMeta {
    name: "missing-return",
    summary: "a send in a branch, case or catch block falls through to code that sends again",
    doc: DOC,
    fix: FixTier::Safe,
};

/// Reports each send that falls through to another, with every later send it reaches.
pub fn check<'a>(_handler: &Handler<'a>, flow: &Flow<'a>, cx: &RuleContext<'a>, findings: &mut Vec<Finding>) {
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
        let fix = match return_fix(flow, first, &second_spans, cx) {
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
fn return_fix(flow: &Flow<'_>, site: &Site<'_>, seconds: &[Span], cx: &RuleContext<'_>) -> Result<Fix, &'static str> {
    const LARGER_EXPRESSION: &str = "the send is part of a larger expression";
    let Some(statement) = site.statement else { return Err(LARGER_EXPRESSION) };
    let list = &flow.lists[statement.list];
    let stmt_span = statement.stmt.span();
    let semicolon = if cx.style().semicolons { ";" } else { "" };
    let is_last = statement.index + 1 == list.stmts.len();
    let value_may_matter = list.in_callback && !list.in_async_function;
    let edit = match statement.form {
        StatementForm::Return => return Err(LARGER_EXPRESSION),
        StatementForm::Plain if list.braceless || (is_last && !value_may_matter) => {
            Edit { span: Span::empty(stmt_span.start), text: "return ".into() }
        }
        StatementForm::Plain => {
            // End the path where the block ends, so the statements after the send still run
            // (a trailing `break`/`continue` would skip a `return` placed after it).
            let last = &list.stmts[list.stmts.len() - 1];
            // A `return` at the end of the block only helps when the second send is after it.
            if seconds.iter().any(|second| second.start >= stmt_span.end && second.start < last.span().end) {
                return Err("a later statement of the same block answers again; decide which answer is meant");
            }
            let newline = cx.style().newline;
            if matches!(last, Statement::BreakStatement(_) | Statement::ContinueStatement(_)) {
                let indent = cx.indentation_at(last.span().start);
                Edit { span: Span::empty(last.span().start), text: format!("return{semicolon}{newline}{indent}") }
            } else {
                let at = end_of_line_after(cx.source, last.span().end);
                let indent = cx.indentation_at(last.span().start);
                Edit { span: Span::empty(at), text: format!("{newline}{indent}return{semicolon}") }
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
            let text = if value_may_matter {
                format!("if ({condition}) {{ {send}; return; }}")
            } else {
                format!("if ({condition}) return {send}{semicolon}")
            };
            // In a braceless branch a new `if` would capture the branch's `else`.
            let text = if list.braceless { format!("{{ {text} }}") } else { text };
            Edit { span: stmt_span, text }
        }
    };
    Ok(Fix { edits: vec![edit], applicability: Applicability::Safe })
}

/// An operand that `!` can prefix without parentheses.
fn is_simple(expr: &Expression<'_>) -> bool {
    matches!(expr, Expression::Identifier(_) | Expression::StaticMemberExpression(_) | Expression::CallExpression(_))
}

/// Where to put a new line after a statement ending at `end`: after a comment that trails it on
/// its line, so the comment stays with the statement it describes.
fn end_of_line_after(source: &str, end: u32) -> u32 {
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

//! Promise chains that cannot reject: a chain with no `.catch` leaves the request unanswered
//! when it rejects, unless nothing in it can (`new Promise((resolve) => ...)` and callbacks that
//! only answer with plain values).

use oxc_ast::ast::*;

use super::calls::{is_response, CallbackFunction};
use super::probes::{is_plain_value, logs_plain_values};
use super::walker::Walker;

impl<'a> Walker<'a, '_> {
    /// Whether the chain `chain` on `promise` can only resolve: the promise never rejects and
    /// nothing its callbacks do throws.
    pub(super) fn chain_never_rejects(&self, promise: &Expression<'a>, chain: &Expression<'a>) -> bool {
        self.never_rejects(promise) && self.reactions_cannot_throw(chain)
    }

    /// Whether the promise `expr` can only resolve: `new Promise((resolve) => ...)`, whose executor
    /// is given no `reject`, or a call of a same-file function that returns one
    /// (`const getItems = () => new Promise((res) => db.query(sql, (err, rows) => res(rows)))`).
    fn never_rejects(&self, expr: &Expression<'a>) -> bool {
        let resolves_only = |expr: &Expression<'_>| {
            matches!(expr.get_inner_expression(), Expression::NewExpression(new)
                if matches!(new.callee.get_inner_expression(), Expression::Identifier(id) if id.name == "Promise")
                    && matches!(new.arguments.as_slice(), [argument]
                        if argument.as_expression().and_then(CallbackFunction::of_expression)
                            .is_some_and(|executor| executor.params().items.len() <= 1 && executor.params().rest.is_none())))
        };
        if resolves_only(expr) {
            return true;
        }
        let Expression::CallExpression(call) = expr.get_inner_expression() else { return false };
        let Expression::Identifier(callee) = call.callee.get_inner_expression() else { return false };
        let Some(function) = self.helpers.local(callee).filter(|function| !function.is_async()) else { return false };
        if let Some(returned) = function.returned_expression() {
            return resolves_only(returned);
        }
        function.body().is_some_and(|body| match body.statements.as_slice() {
            [Statement::ReturnStatement(ret)] => ret.argument.as_ref().is_some_and(resolves_only),
            _ => false,
        })
    }

    /// Whether the `.then`/`.finally` callbacks of the chain `expr` (`load().then((rows) =>
    /// res.json(rows))`) only answer or log with plain values, so nothing they do throws and
    /// the chain rejects only when its promise does.
    fn reactions_cannot_throw(&self, expr: &Expression<'a>) -> bool {
        let mut current = expr.get_inner_expression();
        while let Expression::CallExpression(call) = current {
            let Expression::StaticMemberExpression(member) = call.callee.get_inner_expression() else { break };
            if matches!(member.property.name.as_str(), "then" | "finally") {
                let plain = call.arguments.iter().all(|argument| {
                    argument.as_expression().and_then(CallbackFunction::of_expression).is_some_and(|reaction| {
                        match (reaction.returned_expression(), reaction.body()) {
                            (Some(returned), _) => self.is_plain_answer(returned),
                            (None, Some(body)) => body.statements.iter().all(|stmt| match stmt {
                                Statement::ExpressionStatement(s) => self.is_plain_answer(&s.expression),
                                Statement::ReturnStatement(s) => {
                                    s.argument.as_ref().is_none_or(|e| self.is_plain_answer(e))
                                }
                                _ => false,
                            }),
                            (None, None) => false,
                        }
                    })
                });
                if !plain {
                    return false;
                }
            }
            current = member.object.get_inner_expression();
        }
        true
    }

    /// `res.status(200).json(rows)`, `console.log('sent', id)`: calls on the response, or logging,
    /// with nothing but plain values as arguments.
    fn is_plain_answer(&self, expr: &Expression<'_>) -> bool {
        let Expression::CallExpression(call) = expr.get_inner_expression() else { return false };
        if logs_plain_values(call) {
            return true;
        }
        let mut current = expr.get_inner_expression();
        while let Expression::CallExpression(call) = current {
            let Expression::StaticMemberExpression(member) = call.callee.get_inner_expression() else { return false };
            if !call.arguments.iter().all(is_plain_value) {
                return false;
            }
            current = member.object.get_inner_expression();
        }
        is_response(current, &self.response)
    }
}

//! Cheap questions asked of a piece of code without walking its paths.

use oxc_ast::ast::*;
use oxc_ast_visit::walk;
use oxc_ast_visit::Visit;
use oxc_span::Span;
use oxc_syntax::scope::ScopeFlags;

use crate::sends::{Binding, Identifies, ReferenceFinder, SendMethods};

use super::calls::is_scheduler;

/// How evaluating an expression can throw into an enclosing `catch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Throws {
    /// It cannot: no call, construction or `await` (or only calls that cannot throw here:
    /// `setTimeout(...)`, `promise.catch(() => {})`).
    Never,
    /// A synchronous call may throw, which working code does not do on purpose: the `catch` path
    /// is possible, but not certain enough to say a request goes unanswered there.
    Synchronously,
    /// An awaited promise may reject, as I/O does.
    Rejects,
}

/// How evaluating `expr` can throw.
pub(super) fn can_throw(expr: &Expression<'_>) -> Throws {
    struct Finder(Throws);
    impl<'a> Visit<'a> for Finder {
        fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
            if cannot_throw(it) {
                return;
            }
            self.0 = self.0.max(Throws::Synchronously);
            walk::walk_call_expression(self, it);
        }
        fn visit_new_expression(&mut self, it: &NewExpression<'a>) {
            self.0 = self.0.max(Throws::Synchronously);
            walk::walk_new_expression(self, it);
        }
        fn visit_await_expression(&mut self, it: &AwaitExpression<'a>) {
            // `await audit.log(order).catch(() => {})` resolves whatever the log does.
            match it.argument.get_inner_expression() {
                Expression::CallExpression(call) if cannot_throw(call) => {}
                _ => self.0 = Throws::Rejects,
            }
        }
        fn visit_tagged_template_expression(&mut self, it: &TaggedTemplateExpression<'a>) {
            self.0 = self.0.max(Throws::Synchronously);
            walk::walk_tagged_template_expression(self, it);
        }
        fn visit_function(&mut self, _: &Function<'a>, _: ScopeFlags) {}
        fn visit_arrow_function_expression(&mut self, _: &ArrowFunctionExpression<'a>) {}
    }
    let mut finder = Finder(Throws::Never);
    finder.visit_expression(expr);
    finder.0
}

/// Calls that do not throw into the caller: timers run their callback later, a `.catch(...)`
/// handles what its promise throws, and logging of plain values (`console.log('saved', id)`)
/// prints them; reading a property for the log (`req.user.email`) may throw.
fn cannot_throw(call: &CallExpression<'_>) -> bool {
    if is_scheduler(&call.callee) {
        return true;
    }
    let is_catch = matches!(call.callee.get_inner_expression(),
        Expression::StaticMemberExpression(member) if member.property.name == "catch");
    is_catch || logs_plain_values(call)
}

/// `console.log('saved', id)`: logging that prints its arguments and cannot throw.
pub(super) fn logs_plain_values(call: &CallExpression<'_>) -> bool {
    is_console_call(call) && call.arguments.iter().all(is_plain_value)
}

/// Whether `call` logs: `console.log(...)`, `console.error(...)`.
fn is_console_call(call: &CallExpression<'_>) -> bool {
    matches!(call.callee.get_inner_expression(), Expression::StaticMemberExpression(member)
        if matches!(member.object.get_inner_expression(), Expression::Identifier(id) if id.name == "console"))
}

/// A literal, a variable, or a template of them: evaluating it cannot throw.
pub(super) fn is_plain_value(argument: &Argument<'_>) -> bool {
    fn plain(expr: &Expression<'_>) -> bool {
        match expr.get_inner_expression() {
            Expression::TemplateLiteral(template) => template.expressions.iter().all(plain),
            Expression::Identifier(_)
            | Expression::StringLiteral(_)
            | Expression::NumericLiteral(_)
            | Expression::BooleanLiteral(_)
            | Expression::NullLiteral(_) => true,
            _ => false,
        }
    }
    argument.as_expression().is_some_and(plain)
}

/// Whether any statement in `stmts` answers: sends on `response` or calls `next` (at any depth).
pub(super) fn contains_send_to(
    stmts: &[Statement<'_>],
    response: &Binding<'_>,
    next: Option<&Binding<'_>>,
    methods: SendMethods<'_>,
) -> bool {
    struct Finder<'r> {
        response: &'r Binding<'r>,
        next: Option<&'r Binding<'r>>,
        methods: SendMethods<'r>,
        found: bool,
    }
    impl<'a> Visit<'a> for Finder<'_> {
        fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
            let calls_next =
                matches!((&it.callee, self.next), (Expression::Identifier(id), Some(next)) if next.identifies(id));
            if calls_next || crate::sends::is_send_call(it, self.response, self.methods) {
                self.found = true;
            }
            walk::walk_call_expression(self, it);
        }
    }
    let mut finder = Finder { response, next, methods, found: false };
    for stmt in stmts {
        finder.visit_statement(stmt);
    }
    finder.found
}

/// Whether `expr` reads one of `bindings` (`err instanceof HttpError`, `err.code === 'E_DUP'`).
pub(super) fn reads_any(expr: &Expression<'_>, bindings: &[Binding<'_>]) -> bool {
    let bindings: Vec<&Binding<'_>> = bindings.iter().collect();
    let mut finder = ReferenceFinder::new(&bindings);
    finder.visit_expression(expr);
    finder.found()
}

/// The first statement of a `catch` that hands the caught error to a function other than a
/// logger (`handleError(error, 'login')`): such error handlers often throw it on, to the
/// framework, which answers.
pub(super) fn error_handed_on(stmts: &[Statement<'_>], caught: &Binding<'_>) -> Option<Span> {
    stmts.iter().find_map(|stmt| {
        let Statement::ExpressionStatement(statement) = stmt else { return None };
        let expr = match statement.expression.get_inner_expression() {
            Expression::AwaitExpression(awaited) => awaited.argument.get_inner_expression(),
            other => other,
        };
        let Expression::CallExpression(call) = expr else { return None };
        let hands_error =
            call.arguments.iter().any(|argument| matches!(argument, Argument::Identifier(id) if caught.identifies(id)));
        (hands_error && !is_console_call(call)).then_some(call.span)
    })
}

/// Whether `stmts` throw (`throw err`), outside nested functions.
pub(super) fn contains_throw(stmts: &[Statement<'_>]) -> bool {
    #[derive(Default)]
    struct Finder(bool);
    impl<'a> Visit<'a> for Finder {
        fn visit_throw_statement(&mut self, _: &ThrowStatement<'a>) {
            self.0 = true;
        }
        fn visit_function(&mut self, _: &Function<'a>, _: ScopeFlags) {}
        fn visit_arrow_function_expression(&mut self, _: &ArrowFunctionExpression<'a>) {}
    }
    let mut finder = Finder::default();
    for stmt in stmts {
        finder.visit_statement(stmt);
    }
    finder.0
}

/// Whether `test` counts: it updates a counter (`--remaining === 0`, `++done === items.length`).
pub(super) fn counts_down(test: &Expression<'_>) -> bool {
    #[derive(Default)]
    struct Finder(bool);
    impl<'a> Visit<'a> for Finder {
        fn visit_update_expression(&mut self, _: &UpdateExpression<'a>) {
            self.0 = true;
        }
        fn visit_function(&mut self, _: &Function<'a>, _: ScopeFlags) {}
        fn visit_arrow_function_expression(&mut self, _: &ArrowFunctionExpression<'a>) {}
    }
    let mut finder = Finder::default();
    finder.visit_expression(test);
    finder.0
}

/// In a promise chain that is a whole statement (not awaited, not returned), the promise whose
/// `.then(onFulfilled)` nothing after it catches: `load(id).then(cb)`, `load(id).then(a).finally(b)`
/// give `load(id)`; `.catch(...)` or `.then(a, onRejected)` later in the chain give `None`.
pub(super) fn unhandled_then<'a>(expr: &'a Expression<'a>) -> Option<&'a Expression<'a>> {
    let mut current = expr.get_inner_expression();
    let mut promise = None;
    while let Expression::CallExpression(call) = current {
        let Expression::StaticMemberExpression(member) = call.callee.get_inner_expression() else { break };
        match member.property.name.as_str() {
            "catch" => return None,
            "then" if call.arguments.len() >= 2 => return None,
            "then" => promise = Some(&member.object),
            "finally" => {}
            _ => break,
        }
        current = member.object.get_inner_expression();
    }
    promise
}

/// Whether `body` calls `function` the way a handler calls `next`: `next()`, `next(err)`, never
/// building on what it returns. A third parameter used as `db('users').where(...)` (a knex instance)
/// is a value the handler works with, not the framework's `next`.
pub(super) fn is_called_like_next(body: &FunctionBody<'_>, function: &Binding<'_>) -> bool {
    struct Finder<'b> {
        function: &'b Binding<'b>,
        called: bool,
        used_as_value: bool,
    }
    impl Finder<'_> {
        fn calls_function(&self, expr: &Expression<'_>) -> bool {
            matches!(expr.get_inner_expression(), Expression::CallExpression(call)
                if matches!(call.callee.get_inner_expression(), Expression::Identifier(id) if self.function.identifies(id)))
        }
    }
    impl<'a> Visit<'a> for Finder<'_> {
        fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
            if matches!(it.callee.get_inner_expression(), Expression::Identifier(id) if self.function.identifies(id)) {
                if it.arguments.len() <= 1 {
                    self.called = true;
                } else {
                    self.used_as_value = true;
                }
            }
            walk::walk_call_expression(self, it);
        }
        fn visit_member_expression(&mut self, it: &MemberExpression<'a>) {
            self.used_as_value |= self.calls_function(it.object());
            walk::walk_member_expression(self, it);
        }
    }
    let mut finder = Finder { function, called: false, used_as_value: false };
    finder.visit_function_body(body);
    finder.called && !finder.used_as_value
}

/// The route parameters `body` reads from `request`: `req.params.id`, `const { id } = req.params`.
/// For a handler registered in another file, whose path is not known here: a parameter the
/// handler reads is one its route declares, and Express matches only a non-empty one.
pub(super) fn read_route_params<'a>(body: &FunctionBody<'a>, request: &Binding<'_>) -> Vec<&'a str> {
    struct Finder<'a, 'b> {
        request: &'b Binding<'b>,
        params: Vec<&'a str>,
    }
    impl<'a> Finder<'a, '_> {
        fn is_params(&self, expr: &Expression<'a>) -> bool {
            matches!(expr.get_inner_expression(), Expression::StaticMemberExpression(member)
                if member.property.name == "params"
                    && matches!(member.object.get_inner_expression(), Expression::Identifier(id) if self.request.identifies(id)))
        }
    }
    impl<'a> Visit<'a> for Finder<'a, '_> {
        fn visit_static_member_expression(&mut self, it: &StaticMemberExpression<'a>) {
            if self.is_params(&it.object) {
                self.params.push(it.property.name.as_str());
            }
            walk::walk_static_member_expression(self, it);
        }
        fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
            if let (BindingPattern::ObjectPattern(object), Some(init)) = (&it.id, &it.init) {
                if self.is_params(init) {
                    self.params.extend(object.properties.iter().filter_map(|property| match &property.key {
                        PropertyKey::StaticIdentifier(id) => Some(id.name.as_str()),
                        _ => None,
                    }));
                }
            }
            walk::walk_variable_declarator(self, it);
        }
    }
    let mut finder = Finder { request, params: Vec::new() };
    finder.visit_function_body(body);
    finder.params.sort_unstable();
    finder.params.dedup();
    finder.params
}

//! Cheap questions asked of a piece of code without walking its paths.

use oxc_ast::ast::*;
use oxc_ast_visit::walk;
use oxc_ast_visit::Visit;
use oxc_syntax::scope::ScopeFlags;

/// Whether evaluating `expr` can throw: it calls, constructs, awaits or throws.
pub(super) fn can_throw(expr: &Expression<'_>) -> bool {
    #[derive(Default)]
    struct Finder(bool);
    impl<'a> Visit<'a> for Finder {
        fn visit_call_expression(&mut self, _: &CallExpression<'a>) {
            self.0 = true;
        }
        fn visit_new_expression(&mut self, _: &NewExpression<'a>) {
            self.0 = true;
        }
        fn visit_await_expression(&mut self, _: &AwaitExpression<'a>) {
            self.0 = true;
        }
        fn visit_tagged_template_expression(&mut self, _: &TaggedTemplateExpression<'a>) {
            self.0 = true;
        }
        fn visit_function(&mut self, _: &Function<'a>, _: ScopeFlags) {}
        fn visit_arrow_function_expression(&mut self, _: &ArrowFunctionExpression<'a>) {}
    }
    let mut finder = Finder::default();
    finder.visit_expression(expr);
    finder.0
}

/// Whether any statement in `stmts` answers: sends on `response` or calls `next` (at any depth).
pub fn contains_send_to(stmts: &[Statement<'_>], response: &str, next: Option<&str>) -> bool {
    struct Finder<'r> {
        response: &'r str,
        next: Option<&'r str>,
        found: bool,
    }
    impl<'a> Visit<'a> for Finder<'_> {
        fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
            let calls_next =
                matches!((&it.callee, self.next), (Expression::Identifier(id), Some(next)) if id.name == next);
            if calls_next || crate::sends::is_send_call(it, self.response) {
                self.found = true;
            }
            walk::walk_call_expression(self, it);
        }
    }
    let mut finder = Finder { response, next, found: false };
    for stmt in stmts {
        finder.visit_statement(stmt);
    }
    finder.found
}

/// Looks for references to the response (or `next`) inside a callback.
pub(super) struct NameFinder<'n> {
    pub(super) names: [Option<&'n str>; 2],
    pub(super) found: bool,
}

impl<'a> Visit<'a> for NameFinder<'_> {
    fn visit_identifier_reference(&mut self, it: &IdentifierReference<'a>) {
        if self.names.iter().flatten().any(|n| *n == it.name.as_str()) {
            self.found = true;
        }
    }
}

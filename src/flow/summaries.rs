//! Same-file functions that take the response, and what each does with it.

use std::cell::RefCell;
use std::collections::HashMap;

use oxc_ast::ast::*;
use oxc_span::Span;

use super::budget::Budget;
use super::state::State;
use super::walker::Walker;
use super::Container;
/// Same-file functions that a handler may call with its response, and the file's walk [`Budget`].
#[derive(Default)]
pub struct Helpers<'a> {
    pub(super) functions: HashMap<&'a str, (&'a FormalParameters<'a>, &'a FunctionBody<'a>)>,
    /// `(function start, parameter index)` to what the function does with that parameter.
    pub(super) verdicts: RefCell<HashMap<(u32, usize), HelperVerdict>>,
    /// Functions configured to send (`sendHelpers`), wherever they are defined.
    pub(super) configured: Vec<String>,
    /// Shared by every walk of the file.
    pub(super) budget: Budget,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HelperVerdict {
    /// Every path through the helper sends.
    Always,
    /// Some path sends or hands the response on.
    Maybe,
    /// Never sends.
    Never,
}

impl<'a> Helpers<'a> {
    /// Collects the top-level functions of `program` (declarations and `const f = () => {}`).
    pub fn collect(program: &'a Program<'a>, configured: &[String]) -> Self {
        let mut helpers = Self { configured: configured.to_vec(), ..Self::default() };
        for stmt in &program.body {
            let declaration = match stmt {
                Statement::ExportDeclaration(export) => Some(&export.declaration),
                Statement::FunctionDeclaration(_) | Statement::VariableDeclaration(_) => stmt.as_declaration(),
                _ => None,
            };
            match declaration {
                Some(Declaration::FunctionDeclaration(f)) => {
                    if let (Some(id), Some(body)) = (&f.id, &f.body) {
                        helpers.functions.insert(id.name.as_str(), (&f.params, body));
                    }
                }
                Some(Declaration::VariableDeclaration(decl)) => {
                    for declarator in &decl.declarations {
                        let (Some(name), Some(init)) = (declarator.id.get_identifier_name(), &declarator.init) else {
                            continue;
                        };
                        match init.get_inner_expression() {
                            Expression::ArrowFunctionExpression(f) => {
                                if let ArrowFunctionBody::FunctionBody(body) = &f.body {
                                    helpers.functions.insert(name.as_str(), (&f.params, body));
                                }
                            }
                            Expression::FunctionExpression(f) => {
                                if let Some(body) = &f.body {
                                    helpers.functions.insert(name.as_str(), (&f.params, body));
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        helpers
    }

    /// Each helper's name and the start and end of its body.
    pub fn bodies(&self) -> Vec<(&'a str, u32, u32)> {
        self.functions.iter().map(|(&name, (_, body))| (name, body.span.start, body.span.end)).collect()
    }

    /// Whether `name` is a configured send helper (`sendHelpers`).
    pub(super) fn is_configured(&self, name: &str) -> bool {
        self.configured.iter().any(|helper| helper == name)
    }

    /// The walk limits of this file: [`Budget::exceeded`] says a walk stopped early.
    pub fn budget(&self) -> &Budget {
        &self.budget
    }

    /// What `name(…)` does with the response passed as argument `index`.
    pub(super) fn verdict(&self, name: &str, index: usize) -> HelperVerdict {
        if self.is_configured(name) {
            return HelperVerdict::Always;
        }
        let Some(&(params, body)) = self.functions.get(name) else { return HelperVerdict::Maybe };
        let key = (body.span.start, index);
        if let Some(verdict) = self.verdicts.borrow().get(&key) {
            return *verdict;
        }
        // A recursive helper is "maybe" while it is being decided.
        self.verdicts.borrow_mut().insert(key, HelperVerdict::Maybe);
        let Some(response) = params.items.get(index).and_then(|p| p.pattern.get_identifier_name()) else {
            return HelperVerdict::Maybe;
        };
        let mut walker = Walker::new(response.as_str(), None, self, false);
        let end = walker.list(&body.statements, Container::Body, false, State::entry());
        walker.record_exit(end, Span::empty(body.span.end), false);
        let exits = std::mem::take(&mut walker.exits);
        let verdict =
            if exits.iter().all(|(s, _, _)| !s.unsent && !s.unknown && !s.sent.is_empty()) && !exits.is_empty() {
                HelperVerdict::Always
            } else if exits.iter().any(|(s, _, _)| !s.sent.is_empty() || s.unknown) {
                HelperVerdict::Maybe
            } else {
                HelperVerdict::Never
            };
        self.verdicts.borrow_mut().insert(key, verdict);
        verdict
    }
}

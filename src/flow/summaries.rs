//! Function summaries: what a same-file function does with the response when it is called.
//!
//! A function that can reach the response, either because it takes it as a parameter
//! (`unauthorized(res)`) or because it closes over it (`const done = () => res.redirect('/')`),
//! is walked once per way it reaches it and summarised as a [`Summary`], which the walk then
//! applies wherever the function is called. Functions are found by their `oxc_semantic` symbol, so
//! a local `send` that shadows another is never confused with it.

use std::cell::RefCell;

use oxc_ast::ast::*;
use oxc_ast_visit::{walk, Visit};
use oxc_semantic::{Scoping, SemanticBuilder};
use oxc_span::Span;
use oxc_syntax::reference::ReferenceId;
use oxc_syntax::scope::ScopeFlags;
use oxc_syntax::symbol::SymbolId;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::framework::{is_runtime_global, EXPRESS};
use crate::sends::{Binding, Identifies, SendMethods};

use super::budget::Budget;
use super::calls::{is_array_like, CallbackFunction};
use super::state::State;
use super::walker::Walker;

/// Same-file functions that a handler may call with its response, and the file's walk [`Budget`].
#[derive(Default)]
pub struct Helpers<'a> {
    /// Top-level functions by name: the prefilter follows their bodies before anything is resolved.
    pub(super) functions: FxHashMap<&'a str, CallbackFunction<'a>>,
    /// Every function of the file bound to a name (declarations, `const f = () => {}`).
    locals: FxHashMap<Variable<'a>, CallbackFunction<'a>>,
    /// Variables the file shows to be arrays (`const ids = [...]`, `= rows.map(...)`, `: T[]`).
    arrays: FxHashSet<Variable<'a>>,
    /// Whether no name is bound twice in the file, so a name says which variable it is.
    names_unique: bool,
    /// `(function start, what it reaches)` to its summary.
    summaries: RefCell<FxHashMap<(u32, Reach), Summary>>,
    /// Functions configured to send (`sendHelpers`), wherever they are defined.
    pub(super) configured: Vec<String>,
    /// What counts as a send in this file (the configured `sendMethods` too).
    pub(super) send_methods: SendMethods<'a>,
    /// Shared by every walk of the file.
    pub(super) budget: Budget,
    /// The file's symbols and references, once the semantic pass ran (files with a handler only).
    scoping: Option<Scoping>,
    /// The names the file imports an assertion function as (`import invariant from 'invariant'`,
    /// `const assert = require('assert')`).
    assertions: Vec<&'a BindingIdentifier<'a>>,
    /// Every name a whole module (one that imports or requires others) declares or assigns, in
    /// any scope: a name outside it and outside the runtime's globals exists nowhere, and reading
    /// it throws. `None` for a snippet, whose helpers are left out on purpose.
    declared: Option<FxHashSet<&'a str>>,
}

/// What calling a function does to the response, on every path through it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Summary {
    /// Every path answers (sends, or calls `next`).
    Always,
    /// Some paths answer and the others do nothing with the response. `answering_returns` says
    /// what every path that answers returns, so the caller can tell (`if (!user) return;`,
    /// `if (check(req, res)) return;`). With `continues_unanswered`, the function's other
    /// parameters (a continuation, `cb`) are used only on paths that have not answered: it
    /// answers or calls back, never both.
    Sometimes { answering_returns: Returned, continues_unanswered: bool },
    /// Some path hands the response (or `next`) to code the walk cannot see.
    HandsOff,
    /// No path answers.
    Never,
}

/// What every path of a function that answers returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Returned {
    /// Something falsy: `return null`, `return;`, or nothing.
    Falsy,
    /// A truthy literal: `return true`.
    Truthy,
    /// Anything: the caller cannot tell from the result.
    Either,
}

impl Returned {
    /// What two sets of paths return together: the same, or either.
    pub(super) fn or(self, other: Returned) -> Returned {
        if self == other {
            self
        } else {
            Returned::Either
        }
    }
}

impl Summary {
    /// The name printed in flow dumps.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Always => "sends-always",
            Self::Sometimes { answering_returns, continues_unanswered } => {
                match (answering_returns, continues_unanswered) {
                    (Returned::Either, false) => "sends-sometimes",
                    (Returned::Falsy, false) => "sends-sometimes (falsy result when it sends)",
                    (Returned::Truthy, false) => "sends-sometimes (truthy result when it sends)",
                    (Returned::Either, true) => "sends-sometimes (or calls back, never both)",
                    (Returned::Falsy, true) => {
                        "sends-sometimes (falsy result when it sends; or calls back, never both)"
                    }
                    (Returned::Truthy, true) => {
                        "sends-sometimes (truthy result when it sends; or calls back, never both)"
                    }
                }
            }
            Self::HandsOff => "hands-off",
            Self::Never => "never",
        }
    }
}

/// How a summarised function reaches the response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Reach {
    /// It is passed as this argument.
    Parameter(usize),
    /// The function closes over the handler's response and `next`.
    Closure,
}

impl<'a> Helpers<'a> {
    /// Collects the top-level functions of `program` (declarations and `const f = () => {}`);
    /// `configured` are the `sendHelpers`, `send_methods` what counts as a send in the file.
    pub fn collect(program: &'a Program<'a>, configured: &[String], send_methods: SendMethods<'a>) -> Self {
        let mut helpers = Self { configured: configured.to_vec(), send_methods, ..Self::default() };
        for stmt in &program.body {
            if let Some(assertion) = assertion_import(stmt) {
                helpers.assertions.push(assertion);
            }
            let declaration = match stmt {
                Statement::ExportDeclaration(export) => Some(&export.declaration),
                Statement::FunctionDeclaration(_) | Statement::VariableDeclaration(_) => stmt.as_declaration(),
                _ => None,
            };
            match declaration {
                Some(Declaration::FunctionDeclaration(f)) => {
                    if let (Some(id), Some(_)) = (&f.id, &f.body) {
                        helpers.functions.insert(id.name.as_str(), CallbackFunction::Function(f));
                    }
                }
                Some(Declaration::VariableDeclaration(decl)) => {
                    for declarator in &decl.declarations {
                        let (Some(name), Some(init)) = (declarator.id.get_identifier_name(), &declarator.init) else {
                            continue;
                        };
                        match init.get_inner_expression() {
                            Expression::ArrowFunctionExpression(f) => {
                                helpers.functions.insert(name.as_str(), CallbackFunction::Arrow(f));
                            }
                            Expression::FunctionExpression(f) if f.body.is_some() => {
                                helpers.functions.insert(name.as_str(), CallbackFunction::Function(f));
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
        self.functions
            .iter()
            .filter_map(|(&name, function)| function.body().map(|body| (name, body.span.start, body.span.end)))
            .collect()
    }

    /// Whether `name` is a configured send helper (`sendHelpers`).
    pub(super) fn is_configured(&self, name: &str) -> bool {
        self.configured.iter().any(|helper| helper == name)
    }

    /// Finds every named function of `program`, so it can be summarised where it is called, and
    /// decides how identifiers are matched: by symbol, or by name where that is the same.
    ///
    /// The semantic pass runs only where a name can mean two variables: when a function binds a
    /// name its surroundings already bind (a callback's own `err` or `res`), or two named functions
    /// share a name. Otherwise, in each function, a name is one variable (two handlers' own `res`
    /// never meet in one walk) and matching by name is exact, at a fraction of the cost. With
    /// `resolve_symbols` false (a bundle, see [`crate::analysis::MAX_RESOLVED_FILE_SIZE`]) nothing
    /// is resolved: names decide, and only top-level functions are followed, by name.
    pub fn resolve(&mut self, program: &'a Program<'a>, resolve_symbols: bool) {
        if !resolve_symbols {
            return;
        }
        let imports = program.body.iter().any(imports_values);
        let mut finder = LocalFinder { declared: imports.then(FxHashSet::default), ..LocalFinder::default() };
        finder.visit_program(program);
        self.names_unique = !finder.rebound;
        self.declared = finder.declared.take();
        if !self.names_unique {
            self.scoping = Some(SemanticBuilder::new().build(program).semantic.into_scoping());
        }
        let by_symbol = self.scoping.is_some();
        let variable = |binding: &'a BindingIdentifier<'a>| match (by_symbol, binding.symbol_id.get()) {
            (true, Some(symbol)) => Some(Variable::Symbol(symbol)),
            (false, _) if self.names_unique => Some(Variable::Name(binding.name.as_str())),
            _ => None,
        };
        let locals = finder.locals.into_iter().filter_map(|(b, f)| Some((variable(b)?, f))).collect();
        let arrays = finder.arrays.into_iter().filter_map(variable).collect();
        self.locals = locals;
        self.arrays = arrays;
    }

    /// The variable `id` refers to, as the maps are keyed.
    fn variable_of(&self, id: &IdentifierReference<'a>) -> Option<Variable<'a>> {
        match &self.scoping {
            Some(_) => self.symbol_of(id).map(Variable::Symbol),
            None => self.names_unique.then(|| Variable::Name(id.name.as_str())),
        }
    }

    /// The key facts use for the variable `id` refers to: its name and symbol, so a callback's own
    /// `err` is not the handler's `err` (the name alone when unresolved, e.g. a global).
    pub(super) fn reference_key(&self, id: &IdentifierReference<'_>) -> String {
        variable_key(id.name.as_str(), self.symbol_of(id))
    }

    /// Whether `id` refers to a variable declared outside `function` (one the function shares
    /// with its surroundings); `None` when the semantic pass did not run or left `id` unresolved.
    pub(super) fn declared_outside(&self, id: &IdentifierReference<'_>, function: Span) -> Option<bool> {
        let scoping = self.scoping.as_ref()?;
        Some(!function.contains_inclusive(scoping.symbol_span(self.symbol_of(id)?)))
    }

    /// Whether `id` is an assertion function the file imports ([`EXPRESS`]'s
    /// `assertion_modules`), by symbol when resolved.
    pub(super) fn is_assertion(&self, id: &IdentifierReference<'_>) -> bool {
        self.assertions.iter().any(|binding| match (self.symbol_of(id), binding.symbol_id.get()) {
            (Some(symbol), Some(declared)) => symbol == declared,
            _ => self.scoping.is_none() && binding.name == id.name,
        })
    }

    /// [`Helpers::reference_key`] of the identifier `name` with `reference`, kept from a visit.
    pub(super) fn key_of(&self, name: &str, reference: Option<ReferenceId>) -> String {
        let symbol = self
            .scoping
            .as_ref()
            .zip(reference)
            .and_then(|(scoping, reference)| scoping.get_reference(reference).symbol_id());
        variable_key(name, symbol)
    }

    /// Whether `id` names nothing the file declares or assigns and nothing the runtime provides
    /// (`users.find(...)` in a module that never defines `users`): reading it throws.
    pub(super) fn is_undeclared(&self, id: &IdentifierReference<'_>) -> bool {
        self.declared.as_ref().is_some_and(|declared| {
            let name = id.name.as_str();
            !declared.contains(name) && !is_runtime_global(name)
        })
    }

    /// The symbol `id` refers to, when the semantic pass resolved it.
    fn symbol_of(&self, id: &IdentifierReference<'_>) -> Option<SymbolId> {
        self.scoping.as_ref()?.get_reference(id.reference_id.get()?).symbol_id()
    }

    /// The named function of this file that `id` refers to.
    pub(super) fn local(&self, id: &IdentifierReference<'a>) -> Option<CallbackFunction<'a>> {
        self.locals.get(&self.variable_of(id)?).copied()
    }

    /// The functions of this file that `body` calls with `response` as an argument
    /// (`return profileHandler(req, res)`), by the start of their span: helpers whose paths are
    /// their caller's, not entry points of their own.
    pub fn called_with(&self, body: &'a FunctionBody<'a>, response: &Binding<'a>) -> Vec<u32> {
        struct Finder<'h, 'a> {
            helpers: &'h Helpers<'a>,
            response: &'h Binding<'a>,
            found: Vec<u32>,
        }
        impl<'a> Visit<'a> for Finder<'_, 'a> {
            fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
                let passes_response = it
                    .arguments
                    .iter()
                    .any(|arg| matches!(arg, Argument::Identifier(id) if self.response.identifies(id)));
                if let (true, Expression::Identifier(callee)) = (passes_response, it.callee.get_inner_expression()) {
                    if let Some(function) = self.helpers.local(callee) {
                        self.found.push(function.span().start);
                    }
                }
                walk::walk_call_expression(self, it);
            }
        }
        let mut finder = Finder { helpers: self, response, found: Vec::new() };
        finder.visit_function_body(body);
        finder.found
    }

    /// Whether `id` is a variable the file shows to be an array.
    pub(super) fn is_array(&self, id: &IdentifierReference<'a>) -> bool {
        self.variable_of(id).is_some_and(|variable| self.arrays.contains(&variable))
    }

    /// The file's symbol data, when the semantic pass ran.
    pub fn scoping(&self) -> Option<&Scoping> {
        self.scoping.as_ref()
    }

    /// The walk limits of this file: [`Budget::exceeded`] says a walk stopped early.
    pub fn budget(&self) -> &Budget {
        &self.budget
    }

    /// What calling `callee` does with the response passed as argument `index`.
    pub(super) fn parameter_summary(&self, callee: &IdentifierReference<'a>, index: usize) -> Summary {
        if self.is_configured(callee.name.as_str()) {
            return Summary::Always;
        }
        // Without symbol data (a file too large to resolve), a top-level function of that name.
        let function = match &self.scoping {
            Some(_) => self.local(callee),
            None => self.functions.get(callee.name.as_str()).copied(),
        };
        let Some(function) = function else { return Summary::HandsOff };
        let Some(response) = function.params().items.get(index).and_then(|p| p.pattern.get_binding_identifier()) else {
            return Summary::HandsOff;
        };
        self.summarise(function, Reach::Parameter(index), || {
            let mut walker = Walker::new(function.span(), Binding::of(response, self.scoping()), None, self, false);
            if let Some(body) = function.body() {
                walker.continuations = function
                    .params()
                    .items
                    .iter()
                    .enumerate()
                    .filter(|&(position, _)| position != index)
                    .filter_map(|(_, parameter)| parameter.pattern.get_binding_identifier())
                    .map(|parameter| Binding::of(parameter, self.scoping()))
                    .filter(|parameter| calls_binding(body, parameter))
                    .collect();
            }
            walker
        })
    }

    /// What calling `function`, which closes over the response or `next` of the function `root`
    /// declares them in, does with them.
    pub(super) fn closure_summary(
        &self,
        function: CallbackFunction<'a>,
        root: Span,
        response: &Binding<'a>,
        next: Option<&Binding<'a>>,
    ) -> Summary {
        self.summarise(function, Reach::Closure, || Walker::new(root, response.clone(), next.cloned(), self, false))
    }

    fn summarise<'h>(
        &'h self,
        function: CallbackFunction<'a>,
        reach: Reach,
        walker: impl FnOnce() -> Walker<'a, 'h>,
    ) -> Summary {
        let key = (function.span().start, reach);
        if let Some(summary) = self.summaries.borrow().get(&key) {
            return *summary;
        }
        // A recursive function hands off while it is being decided.
        self.summaries.borrow_mut().insert(key, Summary::HandsOff);
        let mut walker = walker();
        let end = walker.callback_fall_through(&function, State::entry());
        // Falling off the end returns `undefined`.
        if !end.sent.is_empty() {
            walker.answered_then_returned(Returned::Falsy);
        }
        walker.record_exit(end, Span::empty(function.span().end), false);
        let exits = std::mem::take(&mut walker.exits);
        let summary = if exits.iter().any(|(s, _, _)| s.unknown) {
            Summary::HandsOff
        } else if !exits.is_empty() && exits.iter().all(|(s, _, _)| !s.unsent && !s.sent.is_empty()) {
            Summary::Always
        } else if exits.iter().any(|(s, _, _)| !s.sent.is_empty()) {
            Summary::Sometimes {
                // Paths that answer and never `return` return `undefined`.
                answering_returns: walker.answered_returns.unwrap_or(Returned::Falsy),
                continues_unanswered: !walker.continuations.is_empty() && !walker.continued_after_answer,
            }
        } else {
            Summary::Never
        };
        self.summaries.borrow_mut().insert(key, summary);
        summary
    }

    /// Every summary computed so far: the start of its function, how it reaches the response
    /// (`parameter 1`, `closure`) and the summary, in source order, for flow dumps.
    pub fn summaries(&self) -> Vec<(u32, String, Summary)> {
        let mut all: Vec<(u32, String, Summary)> = self
            .summaries
            .borrow()
            .iter()
            .map(|(&(start, reach), &summary)| {
                let reach = match reach {
                    Reach::Parameter(index) => format!("parameter {index}"),
                    Reach::Closure => "closure".to_owned(),
                };
                (start, reach, summary)
            })
            .collect();
        all.sort_unstable_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        all
    }
}

/// Collects the file's named functions and the variables it shows to be arrays.
#[derive(Default)]
struct LocalFinder<'a> {
    locals: Vec<(&'a BindingIdentifier<'a>, CallbackFunction<'a>)>,
    arrays: Vec<&'a BindingIdentifier<'a>>,
    /// The names bound in each function around the position (the file's top level first).
    scopes: Vec<FxHashSet<&'a str>>,
    /// The names of the functions and arrays collected.
    named: FxHashSet<&'a str>,
    /// A name is bound again inside a function where it is already bound, or two collected
    /// functions or arrays share a name: a name alone does not say which variable it is.
    rebound: bool,
    /// Every name bound or assigned anywhere (`x = 1` makes a global in sloppy code), collected
    /// only in a file that imports ([`Helpers::declared`]).
    declared: Option<FxHashSet<&'a str>>,
}

impl<'a> LocalFinder<'a> {
    /// Keeps a named function (or, without one, an array) for lookups by variable.
    fn collect(&mut self, id: &'a BindingIdentifier<'a>, function: Option<CallbackFunction<'a>>) {
        if !self.named.insert(id.name.as_str()) {
            self.rebound = true;
        }
        match function {
            Some(function) => self.locals.push((id, function)),
            None => self.arrays.push(id),
        }
    }
}

/// A variable, by symbol where the file was resolved, by name where every name is unique.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Variable<'a> {
    Symbol(SymbolId),
    Name(&'a str),
}

impl<'a> Visit<'a> for LocalFinder<'a> {
    fn visit_binding_identifier(&mut self, it: &BindingIdentifier<'a>) {
        let name = self.alloc(it).name.as_str();
        // A name met for the first time anywhere is bound in no enclosing function either; once
        // a name is bound again, the scopes have told what they can.
        let first_anywhere = self.declared.as_mut().is_some_and(|declared| declared.insert(name));
        if self.rebound {
            return;
        }
        if !first_anywhere && self.scopes.iter().any(|scope| scope.contains(name)) {
            self.rebound = true;
        }
        if let Some(scope) = self.scopes.last_mut() {
            scope.insert(name);
        }
    }

    fn visit_simple_assignment_target(&mut self, it: &SimpleAssignmentTarget<'a>) {
        if let (SimpleAssignmentTarget::AssignmentTargetIdentifier(id), Some(declared)) = (it, &mut self.declared) {
            declared.insert(id.name.as_str());
        }
        walk::walk_simple_assignment_target(self, it);
    }

    fn visit_assignment_target_property_identifier(&mut self, it: &AssignmentTargetPropertyIdentifier<'a>) {
        if let Some(declared) = &mut self.declared {
            declared.insert(it.binding.name.as_str());
        }
        walk::walk_assignment_target_property_identifier(self, it);
    }

    fn visit_program(&mut self, it: &Program<'a>) {
        self.scopes.push(FxHashSet::default());
        walk::walk_program(self, it);
    }

    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        let it: &'a Function<'a> = self.alloc(it);
        if let Some(id) = &it.id {
            self.collect(id, Some(CallbackFunction::Function(it)));
        }
        self.scopes.push(FxHashSet::default());
        walk::walk_function(self, it, flags);
        self.scopes.pop();
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        self.scopes.push(FxHashSet::default());
        walk::walk_arrow_function_expression(self, it);
        self.scopes.pop();
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        let it: &'a VariableDeclarator<'a> = self.alloc(it);
        if let Some(id) = it.id.get_binding_identifier() {
            let annotated_array = it
                .type_annotation
                .as_ref()
                .is_some_and(|a| matches!(a.type_annotation, TSType::TSArrayType(_) | TSType::TSTupleType(_)));
            match it.init.as_ref().map(Expression::get_inner_expression) {
                Some(Expression::ArrowFunctionExpression(f)) => self.collect(id, Some(CallbackFunction::Arrow(f))),
                Some(Expression::FunctionExpression(f)) => self.collect(id, Some(CallbackFunction::Function(f))),
                Some(init) if is_array_like(init) => self.collect(id, None),
                _ if annotated_array => self.collect(id, None),
                _ => {}
            }
        }
        walk::walk_variable_declarator(self, it);
    }
}

/// The key facts use for a variable: its name and, when known, its symbol.
pub(super) fn variable_key(name: &str, symbol: Option<SymbolId>) -> String {
    match symbol {
        Some(symbol) => format!("{name}#{}", symbol.index()),
        None => name.to_owned(),
    }
}

/// The key facts use for the variable `id` declares.
pub(super) fn binding_key(id: &BindingIdentifier<'_>) -> String {
    variable_key(id.name.as_str(), id.symbol_id.get())
}

/// Whether `body` calls `binding` (`cb(result)`), nested functions included: a parameter used so
/// is a continuation.
fn calls_binding(body: &FunctionBody<'_>, binding: &Binding<'_>) -> bool {
    struct Finder<'b> {
        binding: &'b Binding<'b>,
        found: bool,
    }
    impl<'a> Visit<'a> for Finder<'_> {
        fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
            self.found |=
                matches!(it.callee.get_inner_expression(), Expression::Identifier(id) if self.binding.identifies(id));
            walk::walk_call_expression(self, it);
        }
    }
    let mut finder = Finder { binding, found: false };
    finder.visit_function_body(body);
    finder.found
}

/// The binding `stmt` imports an assertion function as: `import invariant from 'invariant'`,
/// `const assert = require('node:assert')`.
/// Whether `stmt` imports a value from another module (`import { db } from './db'`,
/// `const db = require('./db')`, `const { Router } = require('express')`): a file with one is a
/// whole module. `import type` brings no value, and snippets have those too.
fn imports_values(stmt: &Statement<'_>) -> bool {
    let requires = |expr: &Expression<'_>| {
        let mut expr = expr.get_inner_expression();
        while let Expression::StaticMemberExpression(member) = expr {
            expr = member.object.get_inner_expression();
        }
        matches!(expr, Expression::CallExpression(call) if is_require(call))
    };
    match stmt {
        Statement::ImportDeclaration(import) => import.import_kind.is_value(),
        Statement::VariableDeclaration(decl) => {
            decl.declarations.iter().any(|declarator| declarator.init.as_ref().is_some_and(requires))
        }
        _ => false,
    }
}

/// `require(...)`.
fn is_require(call: &CallExpression<'_>) -> bool {
    matches!(call.callee.get_inner_expression(), Expression::Identifier(callee) if callee.name == "require")
}

fn assertion_import<'a>(stmt: &'a Statement<'a>) -> Option<&'a BindingIdentifier<'a>> {
    let is_assertion_module = |source: &str| EXPRESS.assertion_modules.contains(&source);
    match stmt {
        Statement::ImportDeclaration(import) if is_assertion_module(import.source.value.as_str()) => {
            import.specifiers.as_ref()?.iter().find_map(|specifier| match specifier {
                ImportDeclarationSpecifier::ImportDefaultSpecifier(default) => Some(&default.local),
                _ => None,
            })
        }
        Statement::VariableDeclaration(decl) => decl.declarations.iter().find_map(|declarator| {
            let BindingPattern::BindingIdentifier(id) = &declarator.id else { return None };
            let Expression::CallExpression(call) = declarator.init.as_ref()?.get_inner_expression() else {
                return None;
            };
            let requires = is_require(call);
            let source = match call.arguments.first() {
                Some(Argument::StringLiteral(source)) => source.value.as_str(),
                _ => return None,
            };
            (requires && is_assertion_module(source)).then_some(&**id)
        }),
        _ => None,
    }
}

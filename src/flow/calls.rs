//! Calls: sends, `next()`, header writes, helpers that take the response, and callbacks.

use oxc_ast::ast::*;
use oxc_ast_visit::Visit;
use oxc_span::Span;

use crate::framework::EXPRESS;
use crate::sends::{Binding, Identifies, ReferenceFinder, Send, SendMethods};

use super::facts::{assume, collected_into, Fact};
use super::state::State;
use super::summaries::{binding_key, Summary};
use super::walker::{contains, Position, Walker};
use super::{Container, SiteKind, StatementForm};
/// Array methods whose callback runs once per element.
pub(super) const ITERATION_METHODS: &[&str] =
    &["forEach", "map", "flatMap", "filter", "some", "every", "reduce", "reduceRight", "find", "findIndex"];
/// Iteration methods that query libraries use too, with a callback called once
/// (`User.find(cb)`, `db.filter(query, cb)`): per element only on a value known to be an array.
const AMBIGUOUS_ITERATION_METHODS: &[&str] = &["find", "findIndex", "filter", "findLast", "reduce"];
/// Calls that make a new array: `Array.from(x).map(...)`, `Object.keys(o).forEach(...)`.
const ARRAY_MAKERS: &[&str] = &["from", "of", "keys", "values", "entries"];
/// Array methods that return an array, so a chain of them stays one.
const ARRAY_RETURNING_METHODS: &[&str] =
    &["map", "filter", "slice", "concat", "flat", "flatMap", "sort", "reverse", "split", "toSorted", "toReversed"];
/// Functions that run their callback later, on their own: nothing they do throws into the caller's `catch`.
const SCHEDULERS: &[&str] = &["setImmediate", "setTimeout", "setInterval", "queueMicrotask", "nextTick"];
/// Methods that register event listeners: their callbacks are alternatives, not a sequence.
pub(super) const LISTENER_METHODS: &[&str] = &["on", "once", "addListener", "addEventListener", "prependListener"];

/// What a callback is to its call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CallbackKind {
    /// Runs once, later (`.then(cb)`, `setTimeout(cb)`).
    Once,
    /// The error-first callback of a Node-style API (`db.query(sql, (err, rows) => ...)`): runs
    /// once, later, from the event loop, so nothing catches what it throws.
    NodeStyle,
    /// Runs once per element (`items.forEach(cb)`).
    PerElement,
    /// Runs instead of what came before (`.catch(cb)`, the second argument of `.then`).
    Alternative,
    /// An event listener: one of several that may each run.
    Listener,
    /// The callback of an awaited call (`await upload(file, (err, data) => ...)`): a library that
    /// takes a callback and returns a promise calls back and settles the promise too, so whether
    /// the code after the `await` runs after the callback's answer depends on the library.
    Unordered,
}

impl<'a> Walker<'a, '_> {
    pub(super) fn call(&mut self, call: &'a CallExpression<'a>, state: State) -> State {
        let callee = call.callee.get_inner_expression();
        let member = match callee {
            Expression::StaticMemberExpression(member) => Some(member),
            _ => None,
        };
        let before_object = state.clone();
        let mut state = match (member, callee) {
            (Some(member), _) => self.expression(&member.object, state),
            // A called name evaluates to nothing the walk follows, unless nothing declares it.
            (None, Expression::Identifier(id)) => match self.helpers.is_undeclared(id) {
                true => self.reference_error(id.span, true, state),
                false => state,
            },
            (None, _) => self.expression(callee, state),
        };
        // `req.status(400).json(...)`: the request has no such method, so the call throws; in the
        // synchronous body of a handler, to Express, which answers. (Thrown in an async handler it
        // rejects, which Express 4 ignores; in a callback it is uncaught.)
        let in_synchronous_body = self.position.callback.is_none() && !self.position.in_async_function;
        if in_synchronous_body && member.is_some_and(|member| self.calls_missing_request_method(member)) {
            return self.throws(state);
        }
        if let Some(send) = as_send_call(call, &self.response, self.helpers.send_methods) {
            // `res.download(path, cb)`, `res.render(view, cb)`: the callback runs instead of the
            // send (or after it failed), so it is an alternative to the send, not a second one.
            let (callbacks, values): (Vec<&'a Argument<'a>>, Vec<&'a Argument<'a>>) =
                call.arguments.iter().partition(|arg| is_function_argument(arg));
            for value in values {
                if let Some(e) = value.as_expression() {
                    state = self.expression(e, state);
                }
            }
            let unsent_before = state.clone();
            let mut after = self.reach(SiteKind::Send, call.span, Some(send), state);
            for callback in callbacks {
                let function = match callback {
                    Argument::ArrowFunctionExpression(f) => CallbackFunction::Arrow(f),
                    Argument::FunctionExpression(f) => CallbackFunction::Function(f),
                    _ => continue,
                };
                if self.callback_uses_response(&function) {
                    let mut alternative = self.callback(&function, CallbackKind::Alternative, unsent_before.clone());
                    // A path through the callback that sends nothing still had the send itself.
                    alternative.unsent = false;
                    alternative.unsent_facts.clear();
                    after.join(&alternative);
                }
            }
            return after;
        }
        if let Some(collected) = collected_into(call) {
            self.counted(self.helpers.reference_key(collected));
        }
        let per_element = member.is_some_and(|m| self.iterates(m));
        let awaited = self.awaited_call == Some(call.span);
        if !state.sent.is_empty() && self.uses_continuation(call) {
            self.continued_after_answer = true;
        }
        let passes_response = call
            .arguments
            .iter()
            .position(|arg| matches!(arg, Argument::Identifier(id) if self.response.identifies(id)));
        // Kept for a helper that answers or calls back (see `Summary::Sometimes`).
        let passes_response_to_local = passes_response.is_some()
            && matches!(callee, Expression::Identifier(_))
            && call.arguments.iter().any(is_function_argument);
        let before_arguments = passes_response_to_local.then(|| state.clone());
        state = self.arguments(&call.arguments, member.map(|m| &**m), per_element, awaited, before_object, state);

        // `(async () => { ... })()`: an immediately invoked function runs here, as part of the path.
        if let Some(function) = CallbackFunction::of_expression(callee) {
            return self.callback(&function, CallbackKind::Once, state);
        }
        if self.is_next(callee) {
            self.passes_on_unanswered |= call.arguments.is_empty() && state.unsent;
            if call.arguments.is_empty() && !self.next_reaches_final_handler {
                return self.reach(SiteKind::Next, call.span, None, state);
            }
            // `next(err)` after a response reaches Express's error handling, which sees
            // `headersSent` and closes the connection: an answer, but not a second one. So does
            // `next()` from the app's last catch-all.
            if !call.arguments.is_empty() {
                let site = self.site(SiteKind::Next, call.span, None);
                self.passed_errors.insert(site);
            }
            return self.reach_without_doubles(SiteKind::Next, call.span, state);
        }
        if let Some(member) = member {
            if EXPRESS.answer.header_writes.contains(&member.property.name.as_str())
                && is_response(&member.object, &self.response)
            {
                self.reach_without_sending(SiteKind::HeaderWrite, call.span, &state);
                return state;
            }
        }
        // `getSession({ req, res })`: the response handed over inside an object.
        let passes_in_object = call.arguments.iter().any(|arg| match arg {
            Argument::ObjectExpression(object) => object.properties.iter().any(|p| {
                matches!(p, ObjectPropertyKind::ObjectProperty(p)
                    if matches!(&p.value, Expression::Identifier(id) if self.response.identifies(id)))
            }),
            _ => false,
        });
        if passes_response.is_none() && passes_in_object {
            return self.hand_off(call.span, state);
        }
        match (self.call_summary(call, callee), before_arguments) {
            // `check(req, res, (ok) => { ... res.json(...) })` where `check` answers or calls
            // back, never both: its own answer comes instead of the callback's.
            (Some(Summary::Sometimes { continues_unanswered: true, .. }), Some(before)) => {
                let sent = self.reach(SiteKind::HelperSend, call.span, None, before);
                sent.joined(&self.hand_off(call.span, state))
            }
            (Some(summary), _) => self.apply(summary, call.span, state),
            (None, _) => state,
        }
    }

    /// Whether `member` is a response method the request lacks, called on the request itself
    /// (`req.status`, `req.send`).
    fn calls_missing_request_method(&self, member: &StaticMemberExpression<'_>) -> bool {
        let Some(request) = &self.request else { return false };
        EXPRESS.answer.missing_on_request.contains(&member.property.name.as_str())
            && matches!(member.object.get_inner_expression(), Expression::Identifier(id) if request.identifies(id))
    }

    /// Whether `call` calls, or is handed, one of the continuations of the helper being
    /// summarised (`cb(true)`, `graph.get(query, cb)`).
    fn uses_continuation(&self, call: &CallExpression<'_>) -> bool {
        if self.continuations.is_empty() {
            return false;
        }
        let is_continuation = |expr: &Expression<'_>| {
            matches!(expr.get_inner_expression(), Expression::Identifier(id)
                if self.continuations.iter().any(|continuation| continuation.identifies(id)))
        };
        is_continuation(&call.callee) || call.arguments.iter().filter_map(Argument::as_expression).any(is_continuation)
    }

    /// The state after a call of a function with `summary`.
    fn apply(&mut self, summary: Summary, span: Span, state: State) -> State {
        match summary {
            Summary::Always => self.reach(SiteKind::HelperSend, span, None, state),
            // The paths that sent are tracked; the others depend on what the function was given.
            Summary::Sometimes { answering_returns, .. } => {
                let sent = self.reach(SiteKind::HelperSend, span, None, state.clone());
                match self.guarded_call {
                    // `if (!user) return;` right after, `if (denied(req, res)) return;`: the
                    // paths that answered end there.
                    Some((call, guard, returns)) if returns == answering_returns && call == span => {
                        self.record_exit(sent, guard, false);
                        self.hand_off(span, state)
                    }
                    _ => sent.joined(&self.hand_off(span, state)),
                }
            }
            Summary::HandsOff => self.hand_off(span, state),
            Summary::Never => state,
        }
    }

    /// Whether `callback`'s call of `member` runs it once per element: the method iterates and the
    /// receiver is an array (or the method means nothing else).
    fn iterates(&self, member: &StaticMemberExpression<'a>) -> bool {
        let method = member.property.name.as_str();
        if !ITERATION_METHODS.contains(&method) {
            return false;
        }
        if !AMBIGUOUS_ITERATION_METHODS.contains(&method) {
            return true;
        }
        match member.object.get_inner_expression() {
            Expression::Identifier(id) => self.helpers.is_array(id),
            other => is_array_like(other),
        }
    }

    /// Evaluates arguments in order; function arguments are callbacks and are walked as such.
    pub(super) fn arguments(
        &mut self,
        args: &'a [Argument<'a>],
        callee: Option<&StaticMemberExpression<'_>>,
        per_element: bool,
        awaited: bool,
        before_object: State,
        mut state: State,
    ) -> State {
        let method = callee.map(|member| member.property.name.as_str());
        let result_on_success = callee.is_some_and(|callee| yields_result_on_success(callee, args));
        for (index, arg) in args.iter().enumerate() {
            let function = match arg {
                Argument::ArrowFunctionExpression(f) => Some(CallbackFunction::Arrow(f)),
                Argument::FunctionExpression(f) => Some(CallbackFunction::Function(f)),
                // `setImmediate(next)`, `.then(next)`, `load(sendResult)`: `next`, or a function that
                // answers, handed over as a value answers at a time the walk cannot see.
                Argument::Identifier(id) if self.next.as_ref().is_some_and(|next| next.identifies(id)) => {
                    self.passes_on_unanswered |= state.unsent;
                    state = self.hand_off(id.span, state);
                    None
                }
                Argument::Identifier(id) => {
                    if self.local_closure(id).is_some_and(|f| self.callback_uses_response(&f)) {
                        state = self.hand_off(id.span, state);
                    }
                    None
                }
                Argument::SpreadElement(spread) => {
                    state = self.expression(&spread.argument, state);
                    None
                }
                Argument::ObjectExpression(object) => {
                    state = self.expression(arg.to_expression(), state);
                    // `res.format({ html() { res.send(...) } })`: functions handed over in an object
                    // answer for us, at a time we cannot see.
                    if object.properties.iter().any(|p| self.property_uses_response(p)) {
                        state = self.hand_off(object.span, state);
                    }
                    None
                }
                other => {
                    if let Some(e) = other.as_expression() {
                        state = self.expression(e, state);
                    }
                    None
                }
            };
            let Some(function) = function else { continue };
            if !self.callback_uses_response(&function) {
                continue;
            }
            let kind = match method {
                // Array methods take the callback first: `svc.find(id, (err, doc) => ...)` calls it once,
                // and so does an error-first callback whatever the method is called.
                Some(_) if per_element && index == 0 && !function.is_error_first() => CallbackKind::PerElement,
                Some(m) if LISTENER_METHODS.contains(&m) => CallbackKind::Listener,
                Some("catch") => CallbackKind::Alternative,
                Some("error") if callee.is_some_and(follows_then) => CallbackKind::Alternative,
                Some("then") if index == 1 => CallbackKind::Alternative,
                // A promise's own callbacks run in order, awaited or not.
                Some("then" | "finally") => CallbackKind::Once,
                _ if awaited && function.is_error_first() => CallbackKind::Unordered,
                _ if function.is_error_first() => CallbackKind::NodeStyle,
                _ => CallbackKind::Once,
            };
            state = match kind {
                CallbackKind::Alternative => {
                    let alternative = self.callback(&function, kind, before_object.clone());
                    state.joined(&alternative)
                }
                CallbackKind::Listener | CallbackKind::Unordered => {
                    let after = self.callback(&function, kind, state.clone());
                    if after.sent.is_empty() && !after.unknown {
                        state
                    } else {
                        self.hand_off(function.span(), state)
                    }
                }
                CallbackKind::Once | CallbackKind::NodeStyle => {
                    // `jwt.verify(token, key, (err, decoded) => ...)`: called with an error or a result.
                    let entry = match function.error_and_result().filter(|_| result_on_success) {
                        Some((error, result)) => {
                            assume(state, &[vec![Fact::truthy(error), Fact::truthy(result)]], &self.known_units)
                        }
                        None => state,
                    };
                    self.callback(&function, kind, entry)
                }
                CallbackKind::PerElement => self.callback(&function, kind, state),
            };
        }
        state
    }

    /// `await processUpload({ authorize: async () => { res.status(403).end(); throw err } })`:
    /// the functions that use the response in the options of an awaited call, inside a `try`.
    /// They run during the await, and what they throw rejects the awaited promise, into the
    /// `catch` around it.
    pub(super) fn option_callbacks(&self, awaited: &'a Expression<'a>) -> Vec<CallbackFunction<'a>> {
        let Expression::CallExpression(call) = awaited.get_inner_expression() else { return Vec::new() };
        if self.catch_entries.is_empty() {
            return Vec::new();
        }
        call.arguments
            .iter()
            .filter_map(|argument| match argument {
                Argument::ObjectExpression(object) => Some(object),
                _ => None,
            })
            .flat_map(|object| &object.properties)
            .filter_map(|property| match property {
                ObjectPropertyKind::ObjectProperty(property) => CallbackFunction::of_expression(&property.value),
                ObjectPropertyKind::SpreadProperty(_) => None,
            })
            .filter(|function| self.callback_uses_response(function))
            .collect()
    }

    /// Walks `function`, one of [`Self::option_callbacks`], for what it throws into the `catch`:
    /// its other paths, and whether it runs at all, are the library's (the call hands it off).
    pub(super) fn callback_throwing_into_catch(&mut self, function: &CallbackFunction<'a>, entry: State) {
        self.callback_within(function, CallbackKind::Alternative, entry, true);
    }

    /// Walks a callback's body from `entry`; returns the join of its exits.
    pub(super) fn callback(&mut self, function: &CallbackFunction<'a>, kind: CallbackKind, entry: State) -> State {
        self.callback_within(function, kind, entry, false)
    }

    /// [`Self::callback`]; with `throws_to_caller`, what the callback throws reaches the `try`
    /// blocks around the call (it runs while the caller awaits it).
    fn callback_within(
        &mut self,
        function: &CallbackFunction<'a>,
        kind: CallbackKind,
        entry: State,
        throws_to_caller: bool,
    ) -> State {
        let id = self.flow.callback_parents.push(self.position.callback);
        if kind == CallbackKind::PerElement {
            self.flow.per_element_callbacks.push(id);
        }
        if let Some(outcome) = function.error_and_result() {
            self.outcomes.push(outcome);
        }
        let facts = self.position.facts.clone();
        let tries = if throws_to_caller { self.position.tries.clone() } else { Vec::new() };
        let saved_position = std::mem::replace(
            &mut self.position,
            Position {
                callback: Some(id),
                in_async_function: function.is_async(),
                throws_uncaught: matches!(kind, CallbackKind::NodeStyle | CallbackKind::Unordered),
                callback_counters: self.counters_of_callbacks.get(&function.span().start).cloned().unwrap_or_default(),
                loops: usize::from(kind == CallbackKind::PerElement),
                facts,
                tries,
                ..Position::default()
            },
        );
        // Thrown to the caller: the `try` blocks around the call stay, and keep what reaches them.
        let saved_catches = if throws_to_caller { None } else { Some(std::mem::take(&mut self.catch_entries)) };
        let saved_breakables = std::mem::take(&mut self.breakables);
        let saved_exits = std::mem::take(&mut self.exits);

        let mut result = self.callback_body(function, entry.clone());
        if kind == CallbackKind::PerElement {
            self.second_iterations.push(function.span());
            let again = self.callback_body(function, entry.clone().joined(&result));
            self.second_iterations.pop();
            result = entry.joined(&result).joined(&again);
        }

        self.position = saved_position;
        if let Some(saved_catches) = saved_catches {
            self.catch_entries = saved_catches;
        }
        self.breakables = saved_breakables;
        self.exits = saved_exits;
        result
    }

    pub(super) fn callback_body(&mut self, function: &CallbackFunction<'a>, entry: State) -> State {
        let mut result = self.callback_fall_through(function, entry);
        for (state, _, _) in self.exits.drain(..) {
            result.join(&state);
        }
        result
    }

    /// Walks a callback's body from `entry`: the state at its end, its `return`s left in `exits`.
    pub(super) fn callback_fall_through(&mut self, function: &CallbackFunction<'a>, entry: State) -> State {
        match function.body() {
            Some(body) => self.list(&body.statements, Container::Body, false, entry),
            None => match function {
                CallbackFunction::Arrow(arrow) => match arrow.get_expression() {
                    Some(expr) => self.expression(expr, entry),
                    None => entry,
                },
                CallbackFunction::Function(_) => entry,
            },
        }
    }

    pub(super) fn property_uses_response(&self, property: &'a ObjectPropertyKind<'a>) -> bool {
        let ObjectPropertyKind::ObjectProperty(property) = property else { return false };
        match &property.value {
            Expression::ArrowFunctionExpression(f) => self.callback_uses_response(&CallbackFunction::Arrow(f)),
            Expression::FunctionExpression(f) => self.callback_uses_response(&CallbackFunction::Function(f)),
            _ => false,
        }
    }

    /// The same-file function `id` names, when it is declared inside the walked function and so
    /// can close over its response: a top-level function's own `res` (`(err, res) => ...` of an
    /// upload callback) is another variable, whatever its name.
    pub(super) fn local_closure(&self, id: &IdentifierReference<'a>) -> Option<CallbackFunction<'a>> {
        self.helpers.local(id).filter(|function| contains(self.root, function.span()))
    }

    pub(super) fn callback_uses_response(&self, function: &CallbackFunction<'a>) -> bool {
        let response = &self.response;
        let with_next;
        let bindings: &[&Binding<'_>] = match &self.next {
            Some(next) => {
                with_next = [response, next];
                &with_next
            }
            None => std::slice::from_ref(&response),
        };
        let mut finder = ReferenceFinder::new(bindings);
        match function {
            CallbackFunction::Arrow(arrow) => finder.visit_arrow_function_body(&arrow.body),
            CallbackFunction::Function(f) => {
                if let Some(body) = &f.body {
                    finder.visit_function_body(body);
                }
            }
        }
        finder.found()
    }

    /// If `expr` (a statement's whole expression) is a send or `next()`, its call span and form.
    pub(super) fn statement_form(
        &self,
        expr: &'a Expression<'a>,
        stmt: &'a Statement<'a>,
    ) -> Option<(Span, StatementForm, &'a Statement<'a>)> {
        let inner = match expr.get_inner_expression() {
            Expression::AwaitExpression(a) => a.argument.get_inner_expression(),
            other => other,
        };
        if let Some(span) = self.answer_call(inner) {
            return Some((span, StatementForm::Plain, stmt));
        }
        if let Expression::LogicalExpression(logical) = inner {
            if logical.operator != LogicalOperator::Coalesce {
                if let Some(span) = self.answer_call(logical.right.get_inner_expression()) {
                    return Some((span, StatementForm::Guard, stmt));
                }
            }
        }
        None
    }

    pub(super) fn answer_call(&self, expr: &'a Expression<'a>) -> Option<Span> {
        let Expression::CallExpression(call) = expr else { return None };
        if as_send_call(call, &self.response, self.helpers.send_methods).is_some() {
            return Some(call.span);
        }
        let callee = call.callee.get_inner_expression();
        if self.is_next(callee) {
            return Some(call.span);
        }
        (self.call_summary(call, callee) == Some(Summary::Always)).then_some(call.span)
    }

    /// What a call of a same-file function does to the response: one that is passed the response
    /// (`unauthorized(res)`), or a closure over it (`done()`). `None`: the call does not involve it.
    pub(super) fn call_summary(&self, call: &CallExpression<'a>, callee: &Expression<'a>) -> Option<Summary> {
        let passed = call
            .arguments
            .iter()
            .position(|arg| matches!(arg, Argument::Identifier(id) if self.response.identifies(id)));
        match (callee, passed) {
            (Expression::Identifier(id), Some(index)) => Some(self.helpers.parameter_summary(id, index)),
            (Expression::StaticMemberExpression(member), Some(_))
                if self.helpers.is_configured(&member.property.name) =>
            {
                Some(Summary::Always)
            }
            (_, Some(_)) => Some(Summary::HandsOff),
            (Expression::Identifier(id), None) => {
                let function = self.local_closure(id)?;
                self.callback_uses_response(&function)
                    .then(|| self.helpers.closure_summary(function, self.root, &self.response, self.next.as_ref()))
            }
            _ => None,
        }
    }
}

/// A function the walk follows: passed as an argument, invoked in place, or bound to a name.
#[derive(Debug, Clone, Copy)]
pub(super) enum CallbackFunction<'a> {
    Arrow(&'a ArrowFunctionExpression<'a>),
    Function(&'a Function<'a>),
}

impl<'a> CallbackFunction<'a> {
    /// `expr` as a function, looking through parentheses.
    pub(super) fn of_expression(expr: &'a Expression<'a>) -> Option<Self> {
        match expr.get_inner_expression() {
            Expression::ArrowFunctionExpression(f) => Some(Self::Arrow(f)),
            Expression::FunctionExpression(f) => Some(Self::Function(f)),
            _ => None,
        }
    }

    pub(super) fn params(&self) -> &'a FormalParameters<'a> {
        match self {
            Self::Arrow(f) => &f.params,
            Self::Function(f) => &f.params,
        }
    }

    /// The fact keys of a Node-style callback's error and result parameters (`(err, rows)`).
    pub(super) fn error_and_result(&self) -> Option<(String, String)> {
        if !self.is_error_first() {
            return None;
        }
        let mut params = self.params().items.iter().map(|p| p.pattern.get_binding_identifier());
        let (Some(Some(error)), Some(Some(result))) = (params.next(), params.next()) else { return None };
        Some((binding_key(error), binding_key(result)))
    }

    /// `(err, rows) => ...`: a Node-style callback, called once with the outcome.
    pub(super) fn is_error_first(&self) -> bool {
        self.params()
            .items
            .first()
            .and_then(|p| p.pattern.get_identifier_name())
            .is_some_and(|name| matches!(name.as_str(), "err" | "error" | "e" | "_err" | "error_"))
    }
    /// The expression an arrow function with an expression body returns (`() => value`).
    pub(super) fn returned_expression(&self) -> Option<&'a Expression<'a>> {
        match self {
            Self::Arrow(f) => f.get_expression(),
            Self::Function(_) => None,
        }
    }

    pub(super) fn body(&self) -> Option<&'a FunctionBody<'a>> {
        match self {
            Self::Arrow(f) => match &f.body {
                ArrowFunctionBody::FunctionBody(body) => Some(body),
                _ => None,
            },
            Self::Function(f) => f.body.as_deref(),
        }
    }

    pub(super) fn is_async(&self) -> bool {
        match self {
            Self::Arrow(f) => f.r#async,
            Self::Function(f) => f.r#async,
        }
    }

    pub(super) fn span(&self) -> Span {
        match self {
            Self::Arrow(f) => f.span,
            Self::Function(f) => f.span,
        }
    }
}

pub(super) fn as_send_call<'a>(
    call: &'a CallExpression<'a>,
    response: &Binding<'_>,
    methods: SendMethods<'_>,
) -> Option<Send<'a>> {
    // `as_send` takes an expression; rebuild the view over the call itself.
    let Expression::StaticMemberExpression(member) = call.callee.get_inner_expression() else { return None };
    if !crate::sends::is_send_call(call, response, methods) {
        return None;
    }
    Some(Send { call, method: member.property.name.as_str(), receiver: &member.object })
}

/// Whether `expr` is the response itself or a chain of calls on it.
pub(super) fn is_response(expr: &Expression<'_>, response: &Binding<'_>) -> bool {
    match expr.get_inner_expression() {
        Expression::Identifier(id) => response.identifies(id),
        Expression::CallExpression(call) => match call.callee.get_inner_expression() {
            Expression::StaticMemberExpression(member) => is_response(&member.object, response),
            _ => false,
        },
        _ => false,
    }
}

pub(super) fn is_function_argument(arg: &Argument<'_>) -> bool {
    matches!(arg, Argument::ArrowFunctionExpression(_) | Argument::FunctionExpression(_))
}

/// A value the code shows to be an array: a literal, `Array.from(...)`, `Object.keys(...)`, or a
/// chain of array methods on one (`[...].filter(...)`, `text.split(",")`).
pub(super) fn is_array_like(expr: &Expression<'_>) -> bool {
    match expr.get_inner_expression() {
        Expression::ArrayExpression(_) => true,
        Expression::CallExpression(call) => match call.callee.get_inner_expression() {
            Expression::StaticMemberExpression(member) => {
                let method = member.property.name.as_str();
                let maker = matches!(&member.object, Expression::Identifier(id) if id.name == "Array" || id.name == "Object")
                    && ARRAY_MAKERS.contains(&method);
                maker || method == "split" || ARRAY_RETURNING_METHODS.contains(&method) && is_array_like(&member.object)
            }
            _ => false,
        },
        _ => false,
    }
}

/// Whether `callee` is a method of the promise a `.then(...)` or `.catch(...)` returns: Bluebird's
/// `.then(show).error(fail)` runs `fail` instead of `show`, as `.catch` does.
fn follows_then(callee: &StaticMemberExpression<'_>) -> bool {
    matches!(callee.object.get_inner_expression(), Expression::CallExpression(call)
        if matches!(call.callee.get_inner_expression(), Expression::StaticMemberExpression(member)
            if matches!(member.property.name.as_str(), "then" | "catch")))
}

/// Whether `callee` schedules its callback for later (`setTimeout(fn, 10)`, `process.nextTick(fn)`).
pub(super) fn is_scheduler(callee: &Expression<'_>) -> bool {
    match callee.get_inner_expression() {
        Expression::Identifier(id) => SCHEDULERS.contains(&id.name.as_str()),
        Expression::StaticMemberExpression(member) => SCHEDULERS.contains(&member.property.name.as_str()),
        _ => false,
    }
}

/// Library calls (`receiver.method`) that pass their callback a truthy result whenever they pass
/// no error: a token's payload, a hash, a salt.
const RESULT_ON_SUCCESS: &[(&str, &str)] = &[
    ("jwt", "verify"),
    ("jwt", "sign"),
    ("jsonwebtoken", "verify"),
    ("jsonwebtoken", "sign"),
    ("bcrypt", "hash"),
    ("bcrypt", "genSalt"),
    ("bcryptjs", "hash"),
    ("bcryptjs", "genSalt"),
];

/// Database methods whose Node-style callback gets a truthy result whenever it gets no error,
/// with the least arguments they take then: `find(filter, cb)` passes an array (Mongoose, NeDB;
/// empty when nothing matched, still truthy) or the MongoDB driver's cursor, `create(doc, cb)`
/// and `save(cb)` the stored document. Not `findOne` or `findById`, whose result is `null` when
/// nothing matched. An array's `find(predicate)` takes one argument and no error.
const DOCUMENTS_ON_SUCCESS: &[(&str, usize)] = &[("find", 2), ("create", 2), ("save", 1)];

/// A library call whose Node-style callback gets a truthy result whenever it gets no error
/// (`jwt.verify(token, key, (err, decoded) => ...)`, `bcrypt.hash(pw, 10, (err, hash) => ...)`,
/// `Item.find(filter, (err, items) => ...)`): a path where neither holds does not exist.
fn yields_result_on_success(callee: &StaticMemberExpression<'_>, args: &[Argument<'_>]) -> bool {
    let method = callee.property.name.as_str();
    let library = matches!(callee.object.get_inner_expression(), Expression::Identifier(receiver)
        if RESULT_ON_SUCCESS.iter().any(|(library, name)| receiver.name == *library && method == *name));
    library || DOCUMENTS_ON_SUCCESS.iter().any(|&(name, least)| method == name && args.len() >= least)
}

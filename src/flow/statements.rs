//! Statements: sequence, branches, `switch`, loops, `try`, and the jumps out of them.

use oxc_ast::ast::*;
use oxc_span::GetSpan;
use oxc_span::Span;

use crate::sends::Binding;

use super::calls::CallbackFunction;
use super::facts::{
    any_contradiction, assume, is_falsy_literal, is_true_literal, is_truthy_literal, record_value, Assigned, Condition,
};
use super::ids::Id;
use super::probes::{contains_send_to, contains_throw, counts_down, error_handed_on, unhandled_then};
use super::state::{Branch, State};
use super::summaries::{binding_key, Returned};
use super::walker::{Breakable, Walker};
use super::{Container, List, StatementForm, TryId};
impl<'a> Walker<'a, '_> {
    pub(super) fn list(
        &mut self,
        stmts: &'a [Statement<'a>],
        container: Container,
        braceless: bool,
        mut state: State,
    ) -> State {
        let id = self.flow.lists.push(List {
            stmts,
            container,
            braceless,
            in_sending_try: self.position.sending_tries > 0,
            in_async_function: self.position.in_async_function,
            in_callback: self.position.callback.is_some(),
        });
        let (saved_list, saved_index) = (self.position.list, self.position.index);
        let saved_container = self.position.container.replace(container);
        let conditional = matches!(container, Container::Branch | Container::Case | Container::Catch | Container::Loop);
        self.position.conditional_lists += usize::from(conditional);
        for (index, stmt) in stmts.iter().enumerate() {
            if state.is_dead() {
                break;
            }
            self.position.list = Some(id);
            self.position.index = index;
            let guarded = self.guarded_helper_call(stmt, stmts.get(index + 1));
            let saved_guarded = std::mem::replace(&mut self.guarded_call, guarded);
            state = self.statement(stmt, state);
            self.guarded_call = saved_guarded;
        }
        self.position.list = saved_list;
        self.position.index = saved_index;
        self.position.container = saved_container;
        self.position.conditional_lists -= usize::from(conditional);
        state
    }

    /// A branch, loop body or labeled body: a block's statements, or one braceless statement.
    pub(super) fn body(&mut self, stmt: &'a Statement<'a>, container: Container, state: State) -> State {
        match stmt {
            Statement::BlockStatement(block) => self.list(&block.body, container, false, state),
            other => self.list(std::slice::from_ref(other), container, true, state),
        }
    }

    /// Walks one statement, within the file's [`Budget`]: past it, no path goes on.
    pub(super) fn statement(&mut self, stmt: &'a Statement<'a>, state: State) -> State {
        if !self.helpers.budget.enter(self.cost(&state)) {
            return State::default();
        }
        let after = self.statement_inner(stmt, state);
        self.helpers.budget.leave();
        after
    }

    /// One unit for the node, plus the conditions the walk carries and compares there.
    pub(super) fn cost(&self, state: &State) -> u64 {
        1 + self.position.facts.len() as u64 + state.unsent_facts.len() as u64
    }

    pub(super) fn statement_inner(&mut self, stmt: &'a Statement<'a>, state: State) -> State {
        match stmt {
            Statement::ExpressionStatement(s) => {
                self.pending_statement = self.statement_form(&s.expression, stmt);
                // A send that throws has sent nothing: only other statements carry "sent" into a
                // `catch`, but what a send's arguments await can reject before it sends.
                if self.pending_statement.is_none() {
                    self.may_throw_at(&state, &s.expression);
                } else {
                    self.arguments_may_throw_at(&state, &s.expression);
                }
                let before = state.clone();
                let mut after = self.expression(&s.expression, state);
                self.pending_statement = None;
                // `invariant(req.method === 'GET' || req.method === 'POST', '...')`: it throws
                // unless the condition holds, so the paths that go on know it.
                if let Some(condition) = self.asserted_condition(&s.expression) {
                    let on_path = self.condition(condition, true);
                    after = assume(after, &on_path.then, &self.known_units);
                }
                // `User.findOne(q).then((user) => res.json(user));` with no `.catch`: when the
                // promise rejects, nothing answers. Not when the promise is a call that took the
                // response or `next` (`register(req, res).then(log)`): it may answer before it
                // rejects; nor when the chain cannot reject.
                if let Some(promise) = unhandled_then(&s.expression).filter(|promise| {
                    !self.takes_response(promise) && !self.chain_never_rejects(promise, &s.expression)
                }) {
                    if before.unsent && !after.unsent && !after.unknown {
                        after.join(&before.through(Branch::Rejection { promise: promise.span() }));
                    }
                }
                after
            }
            Statement::VariableDeclaration(decl) => {
                let mut state = state;
                for declarator in &decl.declarations {
                    if let Some(init) = &declarator.init {
                        self.may_throw_at(&state, init);
                        // A function bound to a name is summarised where it is called.
                        state = if CallbackFunction::of_expression(init).is_some() {
                            self.expression(init, state)
                        } else {
                            self.stored_value(init, state)
                        };
                    }
                    if let Some(binding) = declarator.id.get_binding_identifier() {
                        let value = declarator.init.as_ref().map_or(Assigned::Undefined, Assigned::Value);
                        state = record_value(state, &binding_key(binding), value);
                    }
                    if let Some(init) = &declarator.init {
                        self.copy_known_facts(&declarator.id, init);
                    }
                }
                state
            }
            Statement::ReturnStatement(s) => {
                let mut state = state;
                let mut returns_value = false;
                if let Some(argument) = &s.argument {
                    self.pending_statement =
                        self.statement_form(argument, stmt).map(|(span, _, stmt)| (span, StatementForm::Return, stmt));
                    if self.pending_statement.is_none() {
                        self.may_throw_at(&state, argument);
                    } else {
                        self.arguments_may_throw_at(&state, argument);
                    }
                    let before = state.clone();
                    state = self.expression(argument, state);
                    self.pending_statement = None;
                    // `return value` hands the value to whoever called the handler (a wrapper may send it);
                    // `return res.json(x)` and `return next()` already count as answers.
                    returns_value = state == before;
                }
                if !state.sent.is_empty() {
                    let returned = match &s.argument {
                        None => Returned::Falsy,
                        Some(value) if is_falsy_literal(value) => Returned::Falsy,
                        Some(value) if is_truthy_literal(value) => Returned::Truthy,
                        Some(_) => Returned::Either,
                    };
                    self.answered_then_returned(returned);
                }
                self.record_exit(state, s.span, returns_value);
                State::default()
            }
            Statement::ThrowStatement(s) => {
                let state = self.expression(&s.argument, state);
                self.throws(state)
            }
            Statement::IfStatement(s) => {
                self.may_throw_at(&state, &s.test);
                let state = self.expression(&s.test, state);
                let (then_state, else_state) = self.split_on_headers_sent(&s.test, state);
                // Unsent paths carry the values assigned along them; sites only know constants.
                let on_path = self.condition(&s.test, true);
                // `assume` compares every condition on the path with every other.
                let clauses = then_state.unsent_facts.len().max(else_state.unsent_facts.len()) as u64;
                if !self.helpers.budget.spend(clauses * clauses) {
                    return State::default();
                }
                let then_state = assume(then_state, &on_path.then, &self.known_units);
                let else_state = assume(else_state, &on_path.otherwise, &self.known_units);
                let structural = self.condition(&s.test, false);
                let then_facts = Condition::units(&structural.then);
                let else_facts = Condition::units(&structural.otherwise);
                // A side whose test contradicts what the framework guarantees never runs.
                let then_state =
                    if any_contradiction(&then_facts, &self.known_units) { State::default() } else { then_state };
                let else_state =
                    if any_contradiction(&else_facts, &self.known_units) { State::default() } else { else_state };
                let tests_error = self.reads_caught_error(&s.test);
                // `if (--remaining === 0)`, or `count--` then `if (!count)` in a callback: the last
                // of many callbacks answers; the others leave the request to it.
                let counters = if self.position.callback.is_some() { self.counters_read(&s.test) } else { Vec::new() };
                let counts = counts_down(&s.test) || !counters.is_empty();
                let else_state = if counts { self.hand_off(s.test.span(), else_state) } else { else_state };
                let saved_counted = self.position.once_counted;
                self.position.once_counted |= counts;
                let saved_counters = self.position.counted_by.len();
                self.position.counted_by.extend(counters);
                let saved_errors = self.position.only_some_errors;
                self.position.only_some_errors |= tests_error;
                let counted_before = self.position.counted_here.len();
                let after_then =
                    self.with_facts(then_facts, |walker| walker.body(&s.consequent, Container::Branch, then_state));
                let counted_then = self.position.counted_here.split_off(counted_before);
                let after_else = match &s.alternate {
                    Some(alternate) => {
                        self.with_facts(else_facts, |walker| walker.body(alternate, Container::Branch, else_state))
                    }
                    None => else_state,
                };
                // After the `if`, a counter is counted when every side that goes on counted it.
                let counted_else = self.position.counted_here.split_off(counted_before);
                let counted_after: Vec<String> = match (after_then.is_dead(), after_else.is_dead()) {
                    (true, _) => counted_else,
                    (false, true) => counted_then,
                    (false, false) => {
                        counted_then.into_iter().filter(|counter| counted_else.contains(counter)).collect()
                    }
                };
                self.position.counted_here.extend(counted_after);
                self.position.only_some_errors = saved_errors;
                self.position.once_counted = saved_counted;
                self.position.counted_by.truncate(saved_counters);
                // Only one side still unanswered: that side is the branch to name if the path ends so.
                let (after_then, after_else) = match (after_then.unsent, after_else.unsent) {
                    (false, true) => {
                        (after_then, after_else.through(Branch::Test { test: s.test.span(), taken: false }))
                    }
                    (true, false) => {
                        (after_then.through(Branch::Test { test: s.test.span(), taken: true }), after_else)
                    }
                    _ => (after_then, after_else),
                };
                after_then.joined(&after_else)
            }
            Statement::BlockStatement(block) => {
                let container = self.position.container.unwrap_or(Container::Block);
                self.list(&block.body, container, false, state)
            }
            Statement::TryStatement(s) => self.try_statement(s, state),
            Statement::SwitchStatement(s) => self.switch_statement(s, state),
            Statement::ForStatement(_)
            | Statement::ForOfStatement(_)
            | Statement::ForInStatement(_)
            | Statement::WhileStatement(_)
            | Statement::DoWhileStatement(_) => self.loop_of(stmt, None, state),
            Statement::LabeledStatement(s) => {
                let label = Some(s.label.name.as_str());
                match &s.body {
                    Statement::ForStatement(_)
                    | Statement::ForOfStatement(_)
                    | Statement::ForInStatement(_)
                    | Statement::WhileStatement(_)
                    | Statement::DoWhileStatement(_) => self.loop_of(&s.body, label, state),
                    body => {
                        self.breakables.push(Breakable {
                            label,
                            is_loop: false,
                            breaks: State::default(),
                            continues: State::default(),
                        });
                        let after = self.body(body, Container::Block, state);
                        let frame = self.breakables.pop();
                        frame.map_or(after.clone(), |f| after.joined(&f.breaks))
                    }
                }
            }
            Statement::BreakStatement(s) => {
                let label = s.label.as_ref().map(|l| l.name.as_str());
                let target = self.breakables.iter_mut().rev().find(|b| {
                    if label.is_some() {
                        b.label == label
                    } else {
                        b.is_loop || b.label.is_none()
                    }
                });
                if let Some(frame) = target {
                    frame.breaks.join(&state);
                }
                State::default()
            }
            Statement::ContinueStatement(s) => {
                let label = s.label.as_ref().map(|l| l.name.as_str());
                let target =
                    self.breakables.iter_mut().rev().find(|b| b.is_loop && (label.is_none() || b.label == label));
                if let Some(frame) = target {
                    frame.continues.join(&state);
                }
                State::default()
            }
            _ => state,
        }
    }

    /// The condition an assertion call asserts (`invariant(cond, message)`, `assert(cond)`).
    fn asserted_condition(&self, expr: &'a Expression<'a>) -> Option<&'a Expression<'a>> {
        let Expression::CallExpression(call) = expr.get_inner_expression() else { return None };
        let Expression::Identifier(callee) = call.callee.get_inner_expression() else { return None };
        if !self.helpers.is_assertion(callee) {
            return None;
        }
        call.arguments.first()?.as_expression()
    }

    /// `const user = await requireUser(req, res);` followed by `if (!user) return;`, or
    /// `if (denied(req, res)) return;`: the call of a same-file helper whose result tells whether
    /// it answered, and the `return` its caller takes then, answering nothing more. Its call span,
    /// that `return`'s span, and what the helper must return when it answers for the `return` to
    /// be taken.
    fn guarded_helper_call(
        &self,
        stmt: &'a Statement<'a>,
        next: Option<&'a Statement<'a>>,
    ) -> Option<(Span, Span, Returned)> {
        if let Statement::IfStatement(guard) = stmt {
            let (negated, tested) = match guard.test.get_inner_expression() {
                Expression::UnaryExpression(not) if not.operator == UnaryOperator::LogicalNot => (true, &not.argument),
                other => (false, other),
            };
            let call = self.helper_call(tested)?;
            return Some((call.span, guard_return(guard)?, if negated { Returned::Falsy } else { Returned::Truthy }));
        }
        let Statement::VariableDeclaration(decl) = stmt else { return None };
        let [declarator] = decl.declarations.as_slice() else { return None };
        let BindingPattern::BindingIdentifier(variable) = &declarator.id else { return None };
        let call = self.helper_call(declarator.init.as_ref()?)?;
        let Some(Statement::IfStatement(guard)) = next else { return None };
        let tests_variable = |expr: &Expression<'_>| {
            matches!(expr.get_inner_expression(), Expression::Identifier(id)
                if id.name == variable.name && self.helpers.reference_key(id) == binding_key(variable))
        };
        let answering_returns = match guard.test.get_inner_expression() {
            Expression::UnaryExpression(not)
                if not.operator == UnaryOperator::LogicalNot && tests_variable(&not.argument) =>
            {
                Returned::Falsy
            }
            other if tests_variable(other) => Returned::Truthy,
            _ => return None,
        };
        Some((call.span, guard_return(guard)?, answering_returns))
    }

    /// `helper(req, res)` or `await helper(req, res)` of a same-file helper, awaited exactly
    /// when it is async (an async helper's result is a promise, truthy until awaited).
    fn helper_call(&self, expr: &'a Expression<'a>) -> Option<&'a CallExpression<'a>> {
        let (call, awaited) = match expr.get_inner_expression() {
            Expression::AwaitExpression(awaited) => (awaited.argument.get_inner_expression(), true),
            other => (other, false),
        };
        let Expression::CallExpression(call) = call else { return None };
        let Expression::Identifier(callee) = call.callee.get_inner_expression() else { return None };
        (self.helpers.local(callee)?.is_async() == awaited).then_some(call)
    }

    pub(super) fn try_statement(&mut self, s: &'a TryStatement<'a>, state: State) -> State {
        let id = TryId::from_index(self.tries_entered);
        self.tries_entered += 1;
        let catch_sends = s.handler.as_ref().is_some_and(|c| {
            contains_send_to(&c.body.body, &self.response, self.next.as_ref(), self.helpers.send_methods)
        });
        self.catch_entries.push(State::default());
        self.position.tries.push(id);
        if catch_sends {
            self.position.sending_tries += 1;
        }
        let after_try = self.list(&s.block.body, Container::Try, false, state);
        if catch_sends {
            self.position.sending_tries -= 1;
        }
        self.position.tries.pop();
        let catch_entry = self.catch_entries.pop().unwrap_or_default();
        let mut after = after_try;
        match &s.handler {
            Some(handler) => {
                let saved = self.position.catch_of.replace(id);
                // Errors are told apart only in a catch that throws some of them on.
                let caught = handler.param.as_ref().and_then(|p| p.pattern.get_binding_identifier());
                let caught = caught.filter(|_| contains_throw(&handler.body.body));
                if let Some(caught) = caught {
                    self.position.caught.push(Binding::of(caught, self.helpers.scoping()));
                }
                let mut after_catch = self.list(&handler.body.body, Container::Catch, false, catch_entry);
                if caught.is_some() {
                    self.position.caught.pop();
                }
                let error = handler.param.as_ref().and_then(|p| p.pattern.get_binding_identifier());
                if let Some(span) = error
                    .and_then(|error| error_handed_on(&handler.body.body, &Binding::of(error, self.helpers.scoping())))
                {
                    after_catch = self.hand_off(span, after_catch);
                }
                self.position.catch_of = saved;
                after.join(&after_catch);
            }
            None => {
                if let Some(outer) = self.catch_entries.last_mut() {
                    outer.join(&catch_entry);
                }
            }
        }
        match &s.finalizer {
            Some(finalizer) => self.list(&finalizer.body, Container::Finally, false, after),
            None => after,
        }
    }

    pub(super) fn switch_statement(&mut self, s: &'a SwitchStatement<'a>, state: State) -> State {
        self.may_throw_at(&state, &s.discriminant);
        let state = self.expression(&s.discriminant, state);
        self.breakables.push(Breakable {
            label: None,
            is_loop: false,
            breaks: State::default(),
            continues: State::default(),
        });
        let mut fallthrough = State::default();
        let mut has_default = false;
        for case in &s.cases {
            has_default |= case.test.is_none();
            let entry = state.clone().joined(&fallthrough);
            fallthrough = self.list(&case.consequent, Container::Case, false, entry);
        }
        let breaks = self.breakables.pop().map(|b| b.breaks).unwrap_or_default();
        let mut after = fallthrough.joined(&breaks);
        if !has_default {
            // No case matched: on unsent paths that already know the value is one of the cases
            // (`if (method !== 'GET' && method !== 'POST') return ...`), this cannot happen.
            after.join(&assume(state, &self.no_case_matched(s), &self.known_units));
        }
        after
    }

    /// A loop statement, labelled (`outer: for (...)`) or not: one walk for both, so the label
    /// changes only what `break outer` and `continue outer` leave.
    pub(super) fn loop_of(&mut self, stmt: &'a Statement<'a>, label: Option<&'a str>, state: State) -> State {
        match stmt {
            Statement::ForStatement(s) => {
                let mut state = state;
                match &s.init {
                    Some(ForStatementInit::VariableDeclaration(decl)) => {
                        for declarator in &decl.declarations {
                            if let Some(init) = &declarator.init {
                                state = self.expression(init, state);
                            }
                        }
                    }
                    Some(init) => {
                        if let Some(expr) = init.as_expression() {
                            state = self.expression(expr, state);
                        }
                    }
                    None => {}
                }
                if let Some(test) = &s.test {
                    state = self.expression(test, state);
                }
                let always = s.test.as_ref().is_none_or(is_true_literal);
                let entered = self.counting_loop_bound(s).into_iter().collect();
                self.with_facts(entered, |walker| walker.loop_statement(s.span, label, &s.body, state, always, false))
            }
            Statement::ForOfStatement(s) => {
                let state = self.expression(&s.right, state);
                self.loop_statement(s.span, label, &s.body, state, false, false)
            }
            Statement::ForInStatement(s) => {
                let state = self.expression(&s.right, state);
                self.loop_statement(s.span, label, &s.body, state, false, false)
            }
            Statement::WhileStatement(s) => {
                let state = self.expression(&s.test, state);
                self.loop_statement(s.span, label, &s.body, state, is_true_literal(&s.test), false)
            }
            Statement::DoWhileStatement(s) => {
                self.loop_statement(s.span, label, &s.body, state, is_true_literal(&s.test), true)
            }
            _ => state,
        }
    }

    /// A loop body walked twice: the second time from the states that reach the loop head again,
    /// so a send that already ran on the first iteration is found on the second.
    pub(super) fn loop_statement(
        &mut self,
        span: Span,
        label: Option<&'a str>,
        body: &'a Statement<'a>,
        entry: State,
        exits_only_by_break: bool,
        runs_at_least_once: bool,
    ) -> State {
        self.breakables.push(Breakable { label, is_loop: true, breaks: State::default(), continues: State::default() });
        self.position.loops += 1;
        let first = self.body(body, Container::Loop, entry.clone());
        let continues = self.breakables.last_mut().map(|b| std::mem::take(&mut b.continues)).unwrap_or_default();
        let first = first.joined(&continues);
        self.second_iterations.push(span);
        let second = self.body(body, Container::Loop, entry.clone().joined(&first));
        self.second_iterations.pop();
        self.position.loops -= 1;
        let frame = self.breakables.pop();
        let breaks = frame.map(|f| f.breaks.joined(&f.continues)).unwrap_or_default();
        if exits_only_by_break {
            return breaks;
        }
        let mut after = first.joined(&second).joined(&breaks);
        if !runs_at_least_once {
            after.join(&entry);
        }
        after
    }
}

/// The `return` of `if (...) return;` (or `{ return; }`, `return null`), with no `else`: the
/// caller answers nothing more on that side.
fn guard_return(guard: &IfStatement<'_>) -> Option<Span> {
    if guard.alternate.is_some() {
        return None;
    }
    let exit = match &guard.consequent {
        Statement::BlockStatement(block) => match block.body.as_slice() {
            [only] => only,
            _ => return None,
        },
        other => other,
    };
    match exit {
        Statement::ReturnStatement(ret) if ret.argument.as_ref().is_none_or(is_falsy_literal) => Some(ret.span),
        _ => None,
    }
}

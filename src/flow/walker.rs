//! The walker: its position in the handler, and the sites, doubles and exits it records.

use oxc_ast::ast::*;
use oxc_ast_visit::Visit;
use oxc_span::Span;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::sends::{Binding, Identifies, Send};

use super::facts::{any_contradiction, Fact, FactTest};
use super::probes::{can_throw, reads_any, Throws};
use super::state::{hand_off, Branch, State};
use super::summaries::{Helpers, Returned};
use super::{CallbackId, Container, Double, Flow, ListId, Site, SiteId, SiteKind, StatementForm, StatementSite, TryId};
/// A loop, `switch` or labeled statement that `break` (and, for loops, `continue`) can leave.
pub(super) struct Breakable<'a> {
    pub(super) label: Option<&'a str>,
    pub(super) is_loop: bool,
    pub(super) breaks: State,
    pub(super) continues: State,
}

/// The walker's position: what a site created now is inside of.
#[derive(Debug, Clone, Default)]
pub(super) struct Position<'a> {
    pub(super) list: Option<ListId>,
    pub(super) index: usize,
    pub(super) callback: Option<CallbackId>,
    pub(super) tries: Vec<TryId>,
    pub(super) catch_of: Option<TryId>,
    /// The error parameters of the `catch` blocks around the position that throw some errors on.
    pub(super) caught: Vec<Binding<'a>>,
    /// Inside a branch whose test reads a caught error.
    pub(super) only_some_errors: bool,
    /// Inside a branch whose test counts (`if (--remaining === 0)`).
    pub(super) once_counted: bool,
    /// The shared counters the tests of the branches around the position read.
    pub(super) counted_by: Vec<String>,
    /// The shared counters the callback being walked counts with.
    pub(super) callback_counters: Vec<String>,
    /// Those of them it has counted on the way to the position.
    pub(super) counted_here: Vec<String>,
    pub(super) loops: usize,
    pub(super) sending_tries: usize,
    pub(super) in_async_function: bool,
    /// In a callback that nothing catches a throw from (a Node-style callback).
    pub(super) throws_uncaught: bool,
    pub(super) facts: Vec<Fact>,
    /// The branches, cases, `catch` blocks and loop bodies around the position: with none, in the
    /// handler's own body, every request that gets this far runs it.
    pub(super) conditional_lists: usize,
    /// The construct of the list being walked; a nested `{ }` block belongs to it too.
    pub(super) container: Option<Container>,
}

pub(super) struct Walker<'a, 'h> {
    /// The function whose parameters the response and `next` are: only a function declared
    /// inside it can close over them.
    pub(super) root: Span,
    pub(super) response: Binding<'a>,
    pub(super) next: Option<Binding<'a>>,
    /// The request of a synchronous handler, when known: a response method called on it in the
    /// handler's own body throws to Express.
    pub(super) request: Option<Binding<'a>>,
    pub(super) helpers: &'h Helpers<'a>,
    pub(super) flow: Flow<'a>,
    pub(super) site_ids: FxHashMap<(u32, u32), SiteId>,
    pub(super) doubles_seen: FxHashSet<(SiteId, SiteId)>,
    /// Catch-entry states of the enclosing `try` blocks (innermost last).
    pub(super) catch_entries: Vec<State>,
    pub(super) breakables: Vec<Breakable<'a>>,
    /// `(state, span, returns a value)` for every exit of the current function.
    pub(super) exits: Vec<(State, Span, bool)>,
    pub(super) position: Position<'a>,
    /// Loops being walked a second time: a double found there between two sites inside is a back edge.
    pub(super) second_iterations: Vec<Span>,
    /// The statement being walked, if its whole expression is a send (set before walking it).
    pub(super) pending_statement: Option<(Span, StatementForm, &'a Statement<'a>)>,
    /// How many `try` statements the walk entered: the next one's [`TryId`].
    pub(super) tries_entered: usize,
    /// The error and result of every Node-style callback walked (`(err, match) => ...`), as fact
    /// keys: a truthy error and a truthy result are never passed together.
    pub(super) outcomes: Vec<(String, String)>,
    /// Names assigned anywhere in the function: conditions on them prove nothing.
    pub(super) assigned: FxHashSet<&'a str>,
    /// The variables callbacks count with, as fact keys (see [`super::facts::Assignments`]).
    pub(super) shared_counters: FxHashSet<String>,
    /// [`super::facts::Assignments::counters_of_callbacks`].
    pub(super) counters_of_callbacks: FxHashMap<u32, Vec<String>>,
    /// What holds on every path of the walk (the framework's guarantees, constants copied from
    /// them): kept here rather than in every state, which is cloned at each branch.
    pub(super) known_units: Vec<Fact>,
    /// `next()` reaches only the framework's final handler (the app's last catch-all): after a
    /// send it answers nothing more.
    pub(super) next_reaches_final_handler: bool,
    /// Some path calls `next()` (or hands `next` on) before answering: the handler is a
    /// middleware, so another handler follows it.
    pub(super) passes_on_unanswered: bool,
    /// The call an `await` is about to walk: its error-first callbacks run in an order the walk
    /// cannot see ([`super::calls::CallbackKind::Unordered`]).
    pub(super) awaited_call: Option<Span>,
    /// The `next(err)` sites: the error pass they start runs to the end of Express's stacks, so
    /// a `next()` after one finds no handler left.
    pub(super) passed_errors: FxHashSet<SiteId>,
    /// What the paths that answered return, joined over them (`None`: no such `return` yet).
    pub(super) answered_returns: Option<Returned>,
    /// A same-file helper's call whose result the caller returns on
    /// (`const user = await requireUser(req, res); if (!user) return;`), with that `return` and
    /// what the helper returns when it answers for the `return` to be taken.
    pub(super) guarded_call: Option<(Span, Span, Returned)>,
    /// When summarising a helper, its parameters other than the response (`cb`).
    pub(super) continuations: Vec<Binding<'a>>,
    /// One of [`Walker::continuations`] is called or handed on where a path has answered.
    pub(super) continued_after_answer: bool,
}

impl<'a, 'h> Walker<'a, 'h> {
    pub(super) fn new(
        root: Span,
        response: Binding<'a>,
        next: Option<Binding<'a>>,
        helpers: &'h Helpers<'a>,
        is_async: bool,
    ) -> Self {
        Self {
            root,
            response,
            next,
            request: None,
            helpers,
            flow: Flow::default(),
            site_ids: FxHashMap::default(),
            doubles_seen: FxHashSet::default(),
            catch_entries: Vec::new(),
            breakables: Vec::new(),
            exits: Vec::new(),
            position: Position { in_async_function: is_async, ..Position::default() },
            second_iterations: Vec::new(),
            pending_statement: None,
            tries_entered: 0,
            outcomes: Vec::new(),
            assigned: FxHashSet::default(),
            shared_counters: FxHashSet::default(),
            counters_of_callbacks: FxHashMap::default(),
            known_units: Vec::new(),
            next_reaches_final_handler: false,
            passes_on_unanswered: false,
            awaited_call: None,
            passed_errors: FxHashSet::default(),
            answered_returns: None,
            guarded_call: None,
            continuations: Vec::new(),
            continued_after_answer: false,
        }
    }

    /// The response (or `next`) goes to code the walk cannot follow at `span`: the unsent paths
    /// may be answered there.
    pub(super) fn hand_off(&mut self, span: Span, state: State) -> State {
        if state.unsent && !self.flow.hand_offs.contains(&span) {
            self.flow.hand_offs.push(span);
        }
        hand_off(state)
    }

    /// Whether `a` and `b` hold on different outcomes of one Node-style callback: one needs its
    /// error (`if (err)`), the other its result (`if (match)`), and it is called with only one.
    fn outcomes_exclude(&self, a: &[Fact], b: &[Fact]) -> bool {
        let holds =
            |facts: &[Fact], key: &str| facts.iter().any(|fact| fact.key == key && fact.test == FactTest::Truthy);
        self.outcomes
            .iter()
            .any(|(error, result)| (holds(a, error) && holds(b, result)) || (holds(a, result) && holds(b, error)))
    }

    /// Whether `test` reads the error of a `catch` around the position that throws some errors on.
    pub(super) fn reads_caught_error(&self, test: &Expression<'_>) -> bool {
        !self.position.caught.is_empty() && reads_any(test, &self.position.caught)
    }

    /// A path that answered returns `returned`.
    pub(super) fn answered_then_returned(&mut self, returned: Returned) {
        self.answered_returns = Some(self.answered_returns.map_or(returned, |so_far| so_far.or(returned)));
    }

    /// `key` was counted on the way here (`count--`, `found.push(x)`), if it is a shared counter.
    pub(super) fn counted(&mut self, key: String) {
        if self.position.callback_counters.contains(&key) && !self.position.counted_here.contains(&key) {
            self.position.counted_here.push(key);
        }
    }

    /// The variables that callbacks count with that `test` reads (`if (!count)`), as fact keys.
    pub(super) fn counters_read(&self, test: &Expression<'a>) -> Vec<String> {
        struct Finder<'w, 'a, 'h> {
            walker: &'w Walker<'a, 'h>,
            found: Vec<String>,
        }
        impl<'a> Visit<'a> for Finder<'_, 'a, '_> {
            fn visit_identifier_reference(&mut self, it: &IdentifierReference<'a>) {
                let key = self.walker.helpers.reference_key(it);
                if self.walker.shared_counters.contains(&key) {
                    self.found.push(key);
                }
            }
        }
        if self.shared_counters.is_empty() {
            return Vec::new();
        }
        let mut finder = Finder { walker: self, found: Vec::new() };
        finder.visit_expression(test);
        finder.found
    }

    /// Whether `expr` is a call that takes the response or `next` as an argument.
    pub(super) fn takes_response(&self, expr: &Expression<'_>) -> bool {
        let Expression::CallExpression(call) = expr.get_inner_expression() else { return false };
        call.arguments.iter().any(|argument| {
            matches!(argument, Argument::Identifier(id)
                if self.response.identifies(id) || self.next.as_ref().is_some_and(|next| next.identifies(id)))
        })
    }

    /// Whether `callee` is the handler's `next`.
    pub(super) fn is_next(&self, callee: &Expression<'_>) -> bool {
        matches!((callee.get_inner_expression(), &self.next), (Expression::Identifier(id), Some(next)) if next.identifies(id))
    }

    /// A send (or `next()`) is reached: every send that may already have run makes a double.
    pub(super) fn reach(&mut self, kind: SiteKind, span: Span, send: Option<Send<'a>>, state: State) -> State {
        let site = self.site(kind, span, send);
        // A bare `res.end()` after a send finishes nothing new and throws nothing.
        if !send.is_some_and(|s| s.is_bare_end()) {
            self.record_doubles(site, &state);
        }
        Self::answered(site, state)
    }

    /// An answer that is harmless after another one: it answers the paths that had not.
    pub(super) fn reach_without_doubles(&mut self, kind: SiteKind, span: Span, state: State) -> State {
        let site = self.site(kind, span, None);
        Self::answered(site, state)
    }

    /// The state after `site` answered.
    fn answered(site: SiteId, state: State) -> State {
        let mut after = State { sent: state.sent.clone(), ..State::default() };
        if state.unsent || state.unknown {
            after.join(&State { sent: vec![site], ..State::default() });
        }
        after
    }

    /// A header write is reached: it throws if a send already ran, but sends nothing itself.
    pub(super) fn reach_without_sending(&mut self, kind: SiteKind, span: Span, state: &State) {
        if state.sent.is_empty() {
            return;
        }
        let site = self.site(kind, span, None);
        self.record_doubles(site, state);
    }

    pub(super) fn record_doubles(&mut self, site: SiteId, state: &State) {
        for &first in &state.sent {
            let pairs = self.flow.sites[first].facts.len() * self.flow.sites[site].facts.len();
            if !self.helpers.budget.spend(1 + pairs as u64) {
                return;
            }
            let (a, b) = (self.flow.sites[first].span, self.flow.sites[site].span);
            let loop_backedge = self.second_iterations.iter().any(|l| contains(*l, a) && contains(*l, b));
            // A counted branch (`if (--remaining === 0) res.send(...)`) runs in one iteration only.
            let counted = self.flow.sites[first].once_counted || self.flow.sites[site].once_counted;
            if loop_backedge && counted {
                continue;
            }
            if self.flow.sites[site].kind == SiteKind::Next && self.passed_errors.contains(&first) {
                continue;
            }
            // Two sends that each wait for the same count to complete (`if (found.length ===
            // total)` in two loops' callbacks) run in the last callback only, one of them.
            let (first_counters, counters) = (&self.flow.sites[first].counted_by, &self.flow.sites[site].counted_by);
            if first != site && first_counters.iter().any(|counter| counters.contains(counter)) {
                continue;
            }
            // A callback that answers without counting (`if (err) return next(err)` before
            // `found.push(book)`) keeps the count from completing: a send waiting for it never runs.
            let never_completes = |waits: &Site<'_>, other: &Site<'_>| {
                waits.counted_by.iter().any(|counter| other.uncounted.contains(counter))
            };
            if never_completes(&self.flow.sites[site], &self.flow.sites[first])
                || never_completes(&self.flow.sites[first], &self.flow.sites[site])
            {
                continue;
            }
            if (first == site && !loop_backedge)
                || any_contradiction(&self.flow.sites[first].facts, &self.flow.sites[site].facts)
                || self.outcomes_exclude(&self.flow.sites[first].facts, &self.flow.sites[site].facts)
                || !self.doubles_seen.insert((first, site))
            {
                continue;
            }
            self.flow.doubles.push(Double { first, second: site, loop_backedge });
        }
    }

    pub(super) fn site(&mut self, kind: SiteKind, span: Span, send: Option<Send<'a>>) -> SiteId {
        if let Some(&id) = self.site_ids.get(&(span.start, span.end)) {
            return id;
        }
        let statement = match (self.pending_statement, self.position.list) {
            (Some((pending, form, stmt)), Some(list)) if pending == span => {
                Some(StatementSite { stmt, list, index: self.position.index, form })
            }
            _ => None,
        };
        let id = self.flow.sites.push(Site {
            span,
            kind,
            send,
            statement,
            callback: self.position.callback,
            tries: self.position.tries.clone(),
            catch_of: self.position.catch_of,
            only_some_errors: self.position.only_some_errors,
            once_counted: self.position.once_counted,
            counted_by: self.position.counted_by.clone(),
            uncounted: self
                .position
                .callback_counters
                .iter()
                .filter(|counter| !self.position.counted_here.contains(counter))
                .cloned()
                .collect(),
            in_loop: self.position.loops > 0,
            facts: self.position.facts.clone(),
        });
        self.site_ids.insert((span.start, span.end), id);
        id
    }

    pub(super) fn record_exit(&mut self, state: State, span: Span, returns_value: bool) {
        if !state.is_dead() {
            self.exits.push((state, span, returns_value));
        }
    }

    /// Before a send statement (`res.json(await load())`), what its call's arguments await may
    /// reject into the `catch` before anything is sent.
    pub(super) fn arguments_may_throw_at(&mut self, state: &State, expr: &Expression<'a>) {
        let mut expr = expr.get_inner_expression();
        loop {
            match expr {
                Expression::AwaitExpression(inner) => expr = inner.argument.get_inner_expression(),
                Expression::LogicalExpression(logical) => expr = logical.right.get_inner_expression(),
                Expression::CallExpression(call) => {
                    for argument in &call.arguments {
                        if let Some(argument) = argument.as_expression() {
                            self.may_throw_at(state, argument);
                        }
                    }
                    match call.callee.get_inner_expression() {
                        Expression::StaticMemberExpression(member) => expr = member.object.get_inner_expression(),
                        _ => return,
                    }
                }
                _ => return,
            }
        }
    }

    /// A throw that always happens here: the path goes on only in the enclosing `catch`, if any.
    pub(super) fn throws(&mut self, state: State) -> State {
        if let Some(entry) = self.catch_entries.last_mut() {
            entry.join(&state);
        }
        State::default()
    }

    /// Reading a name nothing declares throws a ReferenceError, as a `throw` statement would. In a
    /// Node-style callback outside any `try` nothing catches it (the process crashes): when the name
    /// is called (`validationError(res, err)`), the path ends unanswered and is named so. A global
    /// another file sets is far more often an object (`global.db`, `global.Campground`) than a
    /// function, so only a call is taken for certain enough to report. Read where every request
    /// runs it (the handler's own body, outside any branch), the name would fail the route on its
    /// first request: it is more likely such a global, and the read is let be.
    pub(super) fn reference_error(&mut self, span: Span, called: bool, state: State) -> State {
        if self.position.callback.is_none() && self.position.conditional_lists == 0 {
            return state;
        }
        if called && self.catch_entries.is_empty() && self.position.throws_uncaught {
            self.record_exit(state.through(Branch::Undeclared { name: span }), span, false);
            return State::default();
        }
        self.throws(state)
    }

    /// Before a statement that can throw inside a `try`, its state may reach the `catch`.
    pub(super) fn may_throw_at(&mut self, state: &State, expr: &Expression<'a>) {
        let Some(entry) = self.catch_entries.last_mut() else { return };
        match can_throw(expr) {
            Throws::Never => {}
            Throws::Synchronously => entry.join(&hand_off(state.clone())),
            Throws::Rejects => entry.join(state),
        }
    }
}

pub(super) fn contains(outer: Span, inner: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

//! Following every path through a handler.
//!
//! The walk models the control-flow edges of the handler's body over the AST
//! (sequence, `if`, `switch`, loops with a back edge, `try`/`catch`/`finally`,
//! `return`/`throw`/`break`/`continue`, short-circuit and conditional
//! expressions, callbacks), carrying at each point the set of send sites that
//! may already have run. Two questions are then answered for the rules:
//! "is a send reached on a path where a send already ran?" ([`Double`]) and
//! "does a path reach the end without any response?" ([`Unanswered`]).
//! Nothing in here decides what to report or how to fix: that is `rules/`.
//!
//! Identity is by `oxc_semantic` symbol where a name could mean two variables
//! ([`Helpers::resolve`]); same-file functions are summarised ([`Summary`]) and the summary
//! applied where they are called; what the walk cannot follow is a hand-off, which makes the
//! paths after it uncertain. [`dump`] prints a handler's flow for the snapshot tests.
//! The files: `state` (the lattice and its join), `facts` (what conditions prove),
//! `summaries`, `statements`, `expressions` and `calls` (the walk), `walker` (position and
//! records), `probes` (questions asked without walking), `promises` (chains that cannot reject), `budget`,
//! `dump`.

use oxc_ast::ast::*;
use oxc_span::Span;
use rustc_hash::FxHashSet;

use crate::framework::EXPRESS;
use crate::handler::{required_route_params, Handler};
use crate::sends::{Binding, Send};

mod budget;
mod calls;
mod dump;
mod expressions;
mod facts;
mod ids;
mod probes;
mod promises;
mod state;
mod statements;
mod summaries;
mod walker;

pub use budget::{Budget, MAX_DEPTH, MAX_WORK};
pub use dump::dump;
pub use facts::Fact;
pub use ids::{CallbackId, IdVec, ListId, SiteId, TryId};
pub use state::Branch;
pub use summaries::{Helpers, Returned, Summary};

use facts::{assignments, assume};
use probes::{is_called_like_next, read_route_params};
use state::State;
use summaries::binding_key;
use walker::Walker;

/// What happens at a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteKind {
    /// A send on the response (`res.json(...)`).
    Send,
    /// `next()` / `next(err)`: hands the request on, so another handler answers it.
    Next,
    /// A header write (`res.setHeader(...)`): not a send, but it throws after one.
    HeaderWrite,
    /// A call of a same-file function that always sends (`unauthorized(res)`).
    HelperSend,
}

/// The construct whose statement list holds a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// The function body.
    Body,
    /// An `if` or `else` branch.
    Branch,
    /// A `switch` case.
    Case,
    /// A `try` block.
    Try,
    /// A `catch` block.
    Catch,
    /// A `finally` block.
    Finally,
    /// A loop body.
    Loop,
    /// A plain `{ }` block or a labeled statement.
    Block,
}

/// How a statement holds its send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementForm {
    /// `res.json(x);` or `await res.json(x);`
    Plain,
    /// `return res.json(x);`
    Return,
    /// `cond && res.json(x);` or `ok || res.json(x);`
    Guard,
}

/// A send whose call is a whole statement, so fixes can edit that statement.
#[derive(Debug, Clone, Copy)]
pub struct StatementSite<'a> {
    /// The statement.
    pub stmt: &'a Statement<'a>,
    /// The list it is in.
    pub list: ListId,
    /// Its index in the list.
    pub index: usize,
    /// How it holds the send.
    pub form: StatementForm,
}

/// One place where the response is sent, handed on or written to.
#[derive(Debug, Clone)]
pub struct Site<'a> {
    /// The call.
    pub span: Span,
    /// What the call does.
    pub kind: SiteKind,
    /// The send, for `Send` sites.
    pub send: Option<Send<'a>>,
    /// The statement that is this call, if it is a whole statement.
    pub statement: Option<StatementSite<'a>>,
    /// The callback the site is in (`None`: the handler's own body).
    pub callback: Option<CallbackId>,
    /// `try` blocks around the site, innermost last (within its function).
    pub tries: Vec<TryId>,
    /// The `try` whose `catch` block holds the site.
    pub catch_of: Option<TryId>,
    /// Inside a branch taken once a counter runs out (`if (--remaining === 0)`): across the
    /// iterations of a fan-out it runs once, in the last callback.
    pub once_counted: bool,
    /// The counters shared by many callbacks that the branches around the site wait on
    /// (`if (found.length === total)`), as fact keys.
    pub counted_by: Vec<String>,
    /// The shared counters the site's callback counts with elsewhere but not on the way to the
    /// site (`if (err) return next(err)` before `results.push(row)`): that callback never adds
    /// to them, so a send waiting for them to complete never runs.
    pub uncounted: Vec<String>,
    /// Inside a branch of the `catch` that tests the error (`if (err instanceof HttpError)`): it
    /// runs only for some errors.
    pub only_some_errors: bool,
    /// The loop (statement or iteration callback) around the site, if any.
    pub in_loop: bool,
    /// Conditions of the branches around the site.
    pub facts: Vec<Fact>,
}

/// A statement list seen during the walk.
#[derive(Debug, Clone, Copy)]
pub struct List<'a> {
    /// The statements (a single statement for a braceless `if (x) stmt;` branch).
    pub stmts: &'a [Statement<'a>],
    /// Where the list is.
    pub container: Container,
    /// True for a braceless branch: a fix that adds a statement must add braces.
    pub braceless: bool,
    /// Inside a `try` whose `catch` sends: a fix need not add its own `try`.
    pub in_sending_try: bool,
    /// The enclosing function (handler or callback) is `async`.
    pub in_async_function: bool,
    /// The list is inside a callback, not the handler's own body.
    pub in_callback: bool,
}

/// A site reached on a path where `first` already sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Double {
    /// The send that ran first.
    pub first: SiteId,
    /// The send (or header write, or `next()`) that runs after it.
    pub second: SiteId,
    /// Found on a loop's second iteration (or an iteration callback's second call).
    pub loop_backedge: bool,
}

/// A path that ends without sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unanswered {
    /// The `return` that ends it, or the handler's closing brace.
    pub span: Span,
    /// The last `if` the path took past an answer (`if (method === 'GET') return res.json(...)`
    /// taken as false), when there is one: where the path parts from the answered ones.
    pub via: Option<Branch>,
    /// The request methods the path is known not to have (`GET`, `POST`), from the tests it passed
    /// on `req.method` or a `method` taken from it: the methods that get no answer are the others.
    pub excluded_methods: Vec<String>,
}

/// Everything the walk learned about one handler.
#[derive(Debug, Default)]
pub struct Flow<'a> {
    /// Every site, in the order first reached.
    pub sites: IdVec<SiteId, Site<'a>>,
    /// Every statement list walked.
    pub lists: IdVec<ListId, List<'a>>,
    /// Sends reached after a send, in the order found, without duplicates.
    pub doubles: Vec<Double>,
    /// Paths that end without a response (only for handlers that must answer).
    pub unanswered: Vec<Unanswered>,
    /// For each callback (by the id its sites carry), the callback it was passed in, if any.
    pub callback_parents: IdVec<CallbackId, Option<CallbackId>>,
    /// The callbacks that run once per element (`items.forEach(cb)`).
    pub per_element_callbacks: Vec<CallbackId>,
    /// Where the response or `next` went to code the walk cannot see, on a path that had not
    /// answered yet: why such paths are not reported as unanswered.
    pub hand_offs: Vec<Span>,
}

impl Flow<'_> {
    /// Whether `callback` is passed from within a per-element callback without being one itself:
    /// the async fan-out `items.forEach(item => save(item, (err) => ...))`, called once per item.
    pub fn in_callback_of_an_item(&self, callback: Option<CallbackId>) -> bool {
        let Some(id) = callback else { return false };
        if self.per_element_callbacks.contains(&id) {
            return false;
        }
        let mut current = self.callback_parents.get(id).copied().flatten();
        while let Some(parent) = current {
            if self.per_element_callbacks.contains(&parent) {
                return true;
            }
            current = self.callback_parents.get(parent).copied().flatten();
        }
        false
    }

    /// Whether code in callback `inner` runs inside `outer`: it is `outer`, or a callback passed
    /// (at any depth) from within it. `None` is the handler's own body, which holds everything.
    pub fn runs_within(&self, inner: Option<CallbackId>, outer: Option<CallbackId>) -> bool {
        let mut current = inner;
        loop {
            if current == outer {
                return true;
            }
            match current {
                Some(id) => current = self.callback_parents.get(id).copied().flatten(),
                None => return false,
            }
        }
    }
}

/// Walks every path through `handler`; `must_answer` turns on the search for paths without a response.
pub fn analyze<'a>(handler: &Handler<'a>, helpers: &Helpers<'a>, must_answer: bool) -> Flow<'a> {
    let response = Binding::of(handler.response_binding, helpers.scoping());
    let next = handler
        .next_binding
        .map(|next| Binding::of(next, helpers.scoping()))
        .filter(|next| EXPRESS.parameters.next_names.contains(&next.name) || is_called_like_next(handler.body, next));
    let mut walker = Walker::new(handler.span, response, next, helpers, handler.is_async);
    // Only a synchronous handler's own body throws to Express when it calls `req.status(...)`.
    walker.request =
        handler.request_binding.filter(|_| !handler.is_async).map(|request| Binding::of(request, helpers.scoping()));
    let assigned = assignments(handler.body, helpers);
    walker.assigned = assigned.names;
    walker.shared_counters = assigned.shared_counters;
    walker.counters_of_callbacks = assigned.counters_of_callbacks;
    walker.next_reaches_final_handler = handler.last_catch_all;
    // What the framework guarantees on every path: an error middleware's `err` is truthy, the
    // request's `body`, `query`, ... are objects, and `req.params.id` of a route registered on
    // `'/users/:id'` (or, for an endpoint registered elsewhere, read by it) is not empty.
    let mut known = Vec::new();
    if let Some(error) = handler.error_binding.filter(|error| !walker.assigned.contains(error.name.as_str())) {
        known.push(Fact::truthy(binding_key(error)));
    }
    if let Some(request) = handler.request_binding.filter(|request| !walker.assigned.contains(request.name.as_str())) {
        // A middleware (it has `next`) may be mounted on routes with other parameters.
        let params = match handler.route_path {
            Some(path) => required_route_params(path),
            None if handler.next_binding.is_none() => {
                read_route_params(handler.body, &Binding::of(request, helpers.scoping()))
            }
            None => Vec::new(),
        };
        let request = binding_key(request);
        known.extend(
            EXPRESS.always_set_request_properties.iter().map(|property| Fact::truthy(format!("{request}.{property}"))),
        );
        known.extend(params.into_iter().map(|param| Fact::truthy(format!("{request}.params.{param}"))));
    }
    let mut clauses: Vec<Vec<Fact>> = Vec::new();
    // A wrapper that answers every method but these (`withMethods(['GET', 'POST'], handler)`).
    if let (Some(methods), Some(request)) = (handler.allowed_methods, handler.request_binding) {
        if !walker.assigned.contains(request.name.as_str()) {
            let key = format!("{}.method", binding_key(request));
            clauses.push(methods.elements.iter().filter_map(|element| Fact::equal_to_string(&key, element)).collect());
        }
    }
    let entry = assume(State::entry(), &clauses, &known);
    walker.known_units = known;
    let end = walker.list(&handler.body.statements, Container::Body, false, entry);
    let closing_brace = Span::new(handler.body.span.end.saturating_sub(1), handler.body.span.end);
    walker.record_exit(end, closing_brace, false);
    // `next()` after a send answers again only if another handler follows: one this file
    // registers after it, or any when the handler passes unanswered requests on (a middleware).
    // For an endpoint, what comes after it (a later route, or only Express's final handler,
    // which answers nothing once a response went out) is registered where the walk cannot see.
    if !walker.passes_on_unanswered && !handler.followed_in_file {
        let sites = &walker.flow.sites;
        walker.flow.doubles.retain(|double| sites[double.second].kind != SiteKind::Next);
    }
    if must_answer {
        let mut seen = FxHashSet::default();
        for (state, span, returns_value) in &walker.exits {
            if state.unsent && !returns_value && seen.insert(*span) {
                let excluded_methods = state.excluded_methods();
                walker.flow.unanswered.push(Unanswered { span: *span, via: state.unsent_via, excluded_methods });
            }
        }
    }
    walker.flow
}

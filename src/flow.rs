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

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};

use oxc_ast::ast::*;
use oxc_ast_visit::{walk, Visit};
use oxc_span::Span;
use oxc_syntax::scope::ScopeFlags;

use crate::handler::Handler;
use crate::sends::Send;

/// Calls on the response that set headers: after a send they throw `ERR_HTTP_HEADERS_SENT` too.
const HEADER_WRITES: &[&str] = &[
    "setHeader",
    "set",
    "header",
    "writeHead",
    "cookie",
    "clearCookie",
    "location",
    "type",
    "contentType",
    "append",
    "attachment",
    "links",
    "vary",
];
/// Array methods whose callback runs once per element.
const ITERATION_METHODS: &[&str] =
    &["forEach", "map", "flatMap", "filter", "some", "every", "reduce", "reduceRight", "find", "findIndex"];
/// Methods that register event listeners: their callbacks are alternatives, not a sequence.
const LISTENER_METHODS: &[&str] = &["on", "once", "addListener", "addEventListener", "prependListener"];
/// At most this many distinct "already sent here" sites are tracked per point (keeps the walk linear).
const MAX_TRACKED_SENDS: usize = 8;
/// The most work the walks of one file may do, in units: one per statement or expression visited
/// plus the branch conditions carried there, one per pair of conditions compared. The handlers in
/// `testdata/` take a few hundred; past this (loops nested two dozen deep are walked 2^24 times, an
/// `else if` chain hundreds long compares every condition with every other) the file is reported as
/// too complex instead of running for minutes: about a second in a release build. The count does not
/// depend on the machine, so neither does the result.
pub const MAX_WORK: u64 = 10_000_000;
/// The deepest nesting of statements and expressions the walk follows: it recurses once per level.
pub const MAX_DEPTH: u32 = 2_000;

/// The work limits of one file's walks, shared by every walker of the file (handlers and helpers).
#[derive(Debug, Default)]
pub struct Budget {
    work: Cell<u64>,
    depth: Cell<u32>,
    exceeded: Cell<bool>,
}

impl Budget {
    /// Whether a walk of this file stopped early at [`MAX_WORK`] or [`MAX_DEPTH`].
    pub fn exceeded(&self) -> bool {
        self.exceeded.get()
    }

    /// Spends `units`; false once the budget is exhausted.
    fn spend(&self, units: u64) -> bool {
        let work = self.work.get().saturating_add(units);
        self.work.set(work);
        if work > MAX_WORK {
            self.exceeded.set(true);
        }
        !self.exceeded.get()
    }

    /// Enters one level of the walk, spending `units`; false (and nothing entered) when over budget.
    fn enter(&self, units: u64) -> bool {
        if !self.spend(units) || self.depth.get() >= MAX_DEPTH {
            self.exceeded.set(true);
            return false;
        }
        self.depth.set(self.depth.get() + 1);
        true
    }

    fn leave(&self) {
        self.depth.set(self.depth.get().saturating_sub(1));
    }
}

/// Index of a [`Site`] in [`Flow::sites`].
pub type SiteId = usize;
/// Index of a [`List`] in [`Flow::lists`].
pub type ListId = usize;

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
    pub callback: Option<usize>,
    /// `try` blocks around the site, innermost last (within its function).
    pub tries: Vec<usize>,
    /// The `try` whose `catch` block holds the site.
    pub catch_of: Option<usize>,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unanswered {
    /// The `return` that ends it, or the handler's closing brace.
    pub span: Span,
}

/// Everything the walk learned about one handler.
#[derive(Debug, Default)]
pub struct Flow<'a> {
    /// Every site, in the order first reached.
    pub sites: Vec<Site<'a>>,
    /// Every statement list walked.
    pub lists: Vec<List<'a>>,
    /// Sends reached after a send, in the order found, without duplicates.
    pub doubles: Vec<Double>,
    /// Paths that end without a response (only for handlers that must answer).
    pub unanswered: Vec<Unanswered>,
}

/// Same-file functions that a handler may call with its response, and the file's walk [`Budget`].
#[derive(Default)]
pub struct Helpers<'a> {
    functions: HashMap<&'a str, (&'a FormalParameters<'a>, &'a FunctionBody<'a>)>,
    /// `(function start, parameter index)` to what the function does with that parameter.
    verdicts: RefCell<HashMap<(u32, usize), HelperVerdict>>,
    /// Functions configured to send (`sendHelpers`), wherever they are defined.
    configured: Vec<String>,
    /// Shared by every walk of the file.
    budget: Budget,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HelperVerdict {
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
    fn is_configured(&self, name: &str) -> bool {
        self.configured.iter().any(|helper| helper == name)
    }

    /// The walk limits of this file: [`Budget::exceeded`] says a walk stopped early.
    pub fn budget(&self) -> &Budget {
        &self.budget
    }

    /// What `name(…)` does with the response passed as argument `index`.
    fn verdict(&self, name: &str, index: usize) -> HelperVerdict {
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

/// Walks every path through `handler`; `must_answer` turns on the search for paths without a response.
pub fn analyze<'a>(handler: &Handler<'a>, helpers: &Helpers<'a>, must_answer: bool) -> Flow<'a> {
    let mut walker = Walker::new(handler.response, handler.next, helpers, handler.is_async);
    walker.assigned = assigned_names(handler.body);
    let end = walker.list(&handler.body.statements, Container::Body, false, State::entry());
    let closing_brace = Span::new(handler.body.span.end.saturating_sub(1), handler.body.span.end);
    walker.record_exit(end, closing_brace, false);
    if must_answer {
        let mut seen = HashSet::new();
        for (state, span, returns_value) in &walker.exits {
            if state.unsent && !returns_value && seen.insert(*span) {
                walker.flow.unanswered.push(Unanswered { span: *span });
            }
        }
    }
    walker.flow
}

/// What a branch condition says about a value that never changes in the handler
/// (`method === "GET"`, `!wait`), so branches guarded by opposite conditions are known
/// not to run on the same request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// The tested value, as a dotted path (`method`, `req.method`).
    key: String,
    test: FactTest,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum FactTest {
    Equals(String),
    NotEquals(String),
    Truthy,
    Falsy,
}

impl Fact {
    fn negated(&self) -> Fact {
        let test = match &self.test {
            FactTest::Equals(v) => FactTest::NotEquals(v.clone()),
            FactTest::NotEquals(v) => FactTest::Equals(v.clone()),
            FactTest::Truthy => FactTest::Falsy,
            FactTest::Falsy => FactTest::Truthy,
        };
        Fact { key: self.key.clone(), test }
    }

    /// Both facts cannot hold at once.
    fn contradicts(&self, other: &Fact) -> bool {
        if self.key != other.key {
            return false;
        }
        match (&self.test, &other.test) {
            (FactTest::Equals(a), FactTest::Equals(b)) => a != b,
            (FactTest::Equals(a), FactTest::NotEquals(b)) | (FactTest::NotEquals(b), FactTest::Equals(a)) => a == b,
            (FactTest::Truthy, FactTest::Falsy) | (FactTest::Falsy, FactTest::Truthy) => true,
            _ => false,
        }
    }
}

fn any_contradiction(a: &[Fact], b: &[Fact]) -> bool {
    a.iter().any(|x| b.iter().any(|y| x.contradicts(y)))
}

/// The sends that may have run on the paths reaching a point.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct State {
    /// Some path here has sent nothing yet.
    unsent: bool,
    /// Conditions every unsent path here satisfies, as clauses (each clause: one of its facts holds).
    unsent_facts: Vec<Vec<Fact>>,
    /// Some path here handed the response to code we cannot see.
    unknown: bool,
    /// Sends that may have run on some path here (sorted).
    sent: Vec<SiteId>,
}

impl State {
    fn entry() -> Self {
        Self { unsent: true, ..Self::default() }
    }

    /// No path reaches this point.
    fn is_dead(&self) -> bool {
        !self.unsent && !self.unknown && self.sent.is_empty()
    }

    fn join(&mut self, other: &State) {
        match (self.unsent, other.unsent) {
            (true, true) => self.unsent_facts.retain(|f| other.unsent_facts.contains(f)),
            (false, true) => self.unsent_facts = other.unsent_facts.clone(),
            _ => {}
        }
        self.unsent |= other.unsent;
        self.unknown |= other.unknown;
        for site in &other.sent {
            if let Err(at) = self.sent.binary_search(site) {
                if self.sent.len() < MAX_TRACKED_SENDS {
                    self.sent.insert(at, *site);
                }
            }
        }
    }

    fn joined(mut self, other: &State) -> Self {
        self.join(other);
        self
    }
}

/// A loop, `switch` or labeled statement that `break` (and, for loops, `continue`) can leave.
struct Breakable<'a> {
    label: Option<&'a str>,
    is_loop: bool,
    breaks: State,
    continues: State,
}

/// What a callback is to its call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CallbackKind {
    /// Runs once, later (`db.query(sql, cb)`, `.then(cb)`, `setTimeout(cb)`).
    Once,
    /// Runs once per element (`items.forEach(cb)`).
    PerElement,
    /// Runs instead of what came before (`.catch(cb)`, the second argument of `.then`).
    Alternative,
    /// An event listener: one of several that may each run.
    Listener,
}

/// The walker's position: what a site created now is inside of.
#[derive(Debug, Clone, Default)]
struct Position {
    list: Option<ListId>,
    index: usize,
    callback: Option<usize>,
    tries: Vec<usize>,
    catch_of: Option<usize>,
    loops: usize,
    sending_tries: usize,
    in_async_function: bool,
    facts: Vec<Fact>,
    /// The construct of the list being walked; a nested `{ }` block belongs to it too.
    container: Option<Container>,
}

struct Walker<'a, 'h> {
    response: &'a str,
    next: Option<&'a str>,
    helpers: &'h Helpers<'a>,
    flow: Flow<'a>,
    site_ids: HashMap<(u32, u32), SiteId>,
    doubles_seen: HashSet<(SiteId, SiteId)>,
    /// Catch-entry states of the enclosing `try` blocks (innermost last), with their ids.
    catch_entries: Vec<(usize, State)>,
    breakables: Vec<Breakable<'a>>,
    /// `(state, span, returns a value)` for every exit of the current function.
    exits: Vec<(State, Span, bool)>,
    position: Position,
    /// Loops being walked a second time: a double found there between two sites inside is a back edge.
    second_iterations: Vec<Span>,
    /// The statement being walked, if its whole expression is a send (set before walking it).
    pending_statement: Option<(Span, StatementForm, &'a Statement<'a>)>,
    next_try_id: usize,
    next_callback_id: usize,
    /// Names assigned anywhere in the function: conditions on them prove nothing.
    assigned: HashSet<&'a str>,
}

impl<'a, 'h> Walker<'a, 'h> {
    fn new(response: &'a str, next: Option<&'a str>, helpers: &'h Helpers<'a>, is_async: bool) -> Self {
        Self {
            response,
            next,
            helpers,
            flow: Flow::default(),
            site_ids: HashMap::new(),
            doubles_seen: HashSet::new(),
            catch_entries: Vec::new(),
            breakables: Vec::new(),
            exits: Vec::new(),
            position: Position { in_async_function: is_async, ..Position::default() },
            second_iterations: Vec::new(),
            pending_statement: None,
            next_try_id: 0,
            next_callback_id: 0,
            assigned: HashSet::new(),
        }
    }

    fn list(&mut self, stmts: &'a [Statement<'a>], container: Container, braceless: bool, mut state: State) -> State {
        let id = self.flow.lists.len();
        self.flow.lists.push(List {
            stmts,
            container,
            braceless,
            in_sending_try: self.position.sending_tries > 0,
            in_async_function: self.position.in_async_function,
            in_callback: self.position.callback.is_some(),
        });
        let (saved_list, saved_index) = (self.position.list, self.position.index);
        let saved_container = self.position.container.replace(container);
        for (index, stmt) in stmts.iter().enumerate() {
            if state.is_dead() {
                break;
            }
            self.position.list = Some(id);
            self.position.index = index;
            state = self.statement(stmt, state);
        }
        self.position.list = saved_list;
        self.position.index = saved_index;
        self.position.container = saved_container;
        state
    }

    /// A branch, loop body or labeled body: a block's statements, or one braceless statement.
    fn body(&mut self, stmt: &'a Statement<'a>, container: Container, state: State) -> State {
        match stmt {
            Statement::BlockStatement(block) => self.list(&block.body, container, false, state),
            other => self.list(std::slice::from_ref(other), container, true, state),
        }
    }

    /// Walks one statement, within the file's [`Budget`]: past it, no path goes on.
    fn statement(&mut self, stmt: &'a Statement<'a>, state: State) -> State {
        if !self.helpers.budget.enter(self.cost(&state)) {
            return State::default();
        }
        let after = self.statement_inner(stmt, state);
        self.helpers.budget.leave();
        after
    }

    /// One unit for the node, plus the conditions the walk carries and compares there.
    fn cost(&self, state: &State) -> u64 {
        1 + self.position.facts.len() as u64 + state.unsent_facts.len() as u64
    }

    fn statement_inner(&mut self, stmt: &'a Statement<'a>, state: State) -> State {
        match stmt {
            Statement::ExpressionStatement(s) => {
                self.pending_statement = self.statement_form(&s.expression, stmt);
                // A send that throws has sent nothing: only other statements carry "sent" into a `catch`.
                if self.pending_statement.is_none() {
                    self.may_throw_at(&state, &s.expression);
                }
                let after = self.expression(&s.expression, state);
                self.pending_statement = None;
                after
            }
            Statement::VariableDeclaration(decl) => {
                let mut state = state;
                for declarator in &decl.declarations {
                    if let Some(init) = &declarator.init {
                        self.may_throw_at(&state, init);
                        state = self.expression(init, state);
                    }
                    if let Some(name) = declarator.id.get_identifier_name() {
                        let value = declarator.init.as_ref().map_or(Assigned::Undefined, Assigned::Value);
                        state = record_value(state, name.as_str(), value);
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
                    }
                    let before = state.clone();
                    state = self.expression(argument, state);
                    self.pending_statement = None;
                    // `return value` hands the value to whoever called the handler (a wrapper may send it);
                    // `return res.json(x)` and `return next()` already count as answers.
                    returns_value = state == before;
                }
                self.record_exit(state, s.span, returns_value);
                State::default()
            }
            Statement::ThrowStatement(s) => {
                let state = self.expression(&s.argument, state);
                if let Some((_, entry)) = self.catch_entries.last_mut() {
                    entry.join(&state);
                }
                State::default()
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
                let then_state = assume(then_state, &on_path.then);
                let else_state = assume(else_state, &on_path.otherwise);
                let structural = self.condition(&s.test, false);
                let then_facts = Condition::units(&structural.then);
                let else_facts = Condition::units(&structural.otherwise);
                let after_then =
                    self.with_facts(then_facts, |walker| walker.body(&s.consequent, Container::Branch, then_state));
                let after_else = match &s.alternate {
                    Some(alternate) => {
                        self.with_facts(else_facts, |walker| walker.body(alternate, Container::Branch, else_state))
                    }
                    None => else_state,
                };
                after_then.joined(&after_else)
            }
            Statement::BlockStatement(block) => {
                let container = self.position.container.unwrap_or(Container::Block);
                self.list(&block.body, container, false, state)
            }
            Statement::TryStatement(s) => self.try_statement(s, state),
            Statement::SwitchStatement(s) => self.switch_statement(s, state),
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
                let always = s.test.as_ref().is_none_or(is_true_literal);
                self.loop_statement(s.span, None, &s.body, state, always, false)
            }
            Statement::ForOfStatement(s) => {
                let state = self.expression(&s.right, state);
                self.loop_statement(s.span, None, &s.body, state, false, false)
            }
            Statement::ForInStatement(s) => {
                let state = self.expression(&s.right, state);
                self.loop_statement(s.span, None, &s.body, state, false, false)
            }
            Statement::WhileStatement(s) => {
                let state = self.expression(&s.test, state);
                self.loop_statement(s.span, None, &s.body, state, is_true_literal(&s.test), false)
            }
            Statement::DoWhileStatement(s) => {
                self.loop_statement(s.span, None, &s.body, state, is_true_literal(&s.test), true)
            }
            Statement::LabeledStatement(s) => {
                let label = Some(s.label.name.as_str());
                match &s.body {
                    Statement::ForStatement(f) => {
                        self.loop_statement(f.span, label, &f.body, state, f.test.is_none(), false)
                    }
                    Statement::ForOfStatement(f) => {
                        let state = self.expression(&f.right, state);
                        self.loop_statement(f.span, label, &f.body, state, false, false)
                    }
                    Statement::ForInStatement(f) => {
                        let state = self.expression(&f.right, state);
                        self.loop_statement(f.span, label, &f.body, state, false, false)
                    }
                    Statement::WhileStatement(w) => {
                        self.loop_statement(w.span, label, &w.body, state, is_true_literal(&w.test), false)
                    }
                    Statement::DoWhileStatement(w) => {
                        self.loop_statement(w.span, label, &w.body, state, is_true_literal(&w.test), true)
                    }
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

    fn try_statement(&mut self, s: &'a TryStatement<'a>, state: State) -> State {
        let id = self.next_try_id;
        self.next_try_id += 1;
        let catch_sends = s.handler.as_ref().is_some_and(|c| contains_send_to(&c.body.body, self.response, self.next));
        self.catch_entries.push((id, State::default()));
        self.position.tries.push(id);
        if catch_sends {
            self.position.sending_tries += 1;
        }
        let after_try = self.list(&s.block.body, Container::Try, false, state);
        if catch_sends {
            self.position.sending_tries -= 1;
        }
        self.position.tries.pop();
        let catch_entry = self.catch_entries.pop().map(|(_, entry)| entry).unwrap_or_default();
        let mut after = after_try;
        match &s.handler {
            Some(handler) => {
                let saved = self.position.catch_of.replace(id);
                let after_catch = self.list(&handler.body.body, Container::Catch, false, catch_entry);
                self.position.catch_of = saved;
                after.join(&after_catch);
            }
            None => {
                if let Some((_, outer)) = self.catch_entries.last_mut() {
                    outer.join(&catch_entry);
                }
            }
        }
        match &s.finalizer {
            Some(finalizer) => self.list(&finalizer.body, Container::Finally, false, after),
            None => after,
        }
    }

    fn switch_statement(&mut self, s: &'a SwitchStatement<'a>, state: State) -> State {
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
            after.join(&state);
        }
        after
    }

    /// A loop body walked twice: the second time from the states that reach the loop head again,
    /// so a send that already ran on the first iteration is found on the second.
    fn loop_statement(
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

    /// Evaluates `expr` in order, following short-circuit and conditional branches, within the file's [`Budget`].
    fn expression(&mut self, expr: &'a Expression<'a>, state: State) -> State {
        if state.is_dead() {
            return state;
        }
        if !self.helpers.budget.enter(self.cost(&state)) {
            return State::default();
        }
        let after = self.expression_inner(expr, state);
        self.helpers.budget.leave();
        after
    }

    fn expression_inner(&mut self, expr: &'a Expression<'a>, state: State) -> State {
        match expr {
            Expression::CallExpression(call) => self.call(call, state),
            Expression::NewExpression(new) => {
                let mut state = self.expression(&new.callee, state);
                state = self.arguments(&new.arguments, None, state.clone(), state);
                state
            }
            Expression::ChainExpression(chain) => match &chain.expression {
                ChainElement::CallExpression(call) => self.call(call, state),
                other => match other.as_member_expression() {
                    Some(member) => self.expression(member.object(), state),
                    None => state,
                },
            },
            Expression::LogicalExpression(logical) => {
                let after_left = self.expression(&logical.left, state);
                let after_right = self.expression(&logical.right, after_left.clone());
                after_left.joined(&after_right)
            }
            Expression::ConditionalExpression(cond) => {
                let state = self.expression(&cond.test, state);
                let (then_state, else_state) = self.split_on_headers_sent(&cond.test, state);
                let a = self.expression(&cond.consequent, then_state);
                let b = self.expression(&cond.alternate, else_state);
                a.joined(&b)
            }
            Expression::AwaitExpression(e) => self.expression(&e.argument, state),
            Expression::ParenthesizedExpression(e) => self.expression(&e.expression, state),
            Expression::TSAsExpression(e) => self.expression(&e.expression, state),
            Expression::TSSatisfiesExpression(e) => self.expression(&e.expression, state),
            Expression::TSNonNullExpression(e) => self.expression(&e.expression, state),
            Expression::TSTypeAssertion(e) => self.expression(&e.expression, state),
            Expression::SequenceExpression(seq) => {
                seq.expressions.iter().fold(state, |state, e| self.expression(e, state))
            }
            Expression::AssignmentExpression(assign) => {
                let state = self.expression(&assign.right, state);
                match &assign.left {
                    AssignmentTarget::AssignmentTargetIdentifier(id) => {
                        let value = if assign.operator == AssignmentOperator::Assign {
                            Assigned::Value(&assign.right)
                        } else {
                            Assigned::Unknown
                        };
                        record_value(state, id.name.as_str(), value)
                    }
                    _ => state,
                }
            }
            Expression::UpdateExpression(update) => match &update.argument {
                SimpleAssignmentTarget::AssignmentTargetIdentifier(id) => {
                    record_value(state, id.name.as_str(), Assigned::Unknown)
                }
                _ => state,
            },
            Expression::BinaryExpression(binary) => {
                let state = self.expression(&binary.left, state);
                self.expression(&binary.right, state)
            }
            Expression::UnaryExpression(unary) => self.expression(&unary.argument, state),
            Expression::StaticMemberExpression(member) => self.expression(&member.object, state),
            Expression::ComputedMemberExpression(member) => {
                let state = self.expression(&member.object, state);
                self.expression(&member.expression, state)
            }
            Expression::ArrayExpression(array) => array.elements.iter().fold(state, |state, element| match element {
                ArrayExpressionElement::SpreadElement(spread) => self.expression(&spread.argument, state),
                other => match other.as_expression() {
                    Some(e) => self.expression(e, state),
                    None => state,
                },
            }),
            Expression::ObjectExpression(object) => {
                object.properties.iter().fold(state, |state, property| match property {
                    ObjectPropertyKind::ObjectProperty(p) => self.expression(&p.value, state),
                    ObjectPropertyKind::SpreadProperty(s) => self.expression(&s.argument, state),
                })
            }
            Expression::TemplateLiteral(template) => {
                template.expressions.iter().fold(state, |state, e| self.expression(e, state))
            }
            Expression::TaggedTemplateExpression(tagged) => {
                tagged.quasi.expressions.iter().fold(state, |state, e| self.expression(e, state))
            }
            _ => state,
        }
    }

    fn call(&mut self, call: &'a CallExpression<'a>, state: State) -> State {
        let callee = call.callee.get_inner_expression();
        let member = match callee {
            Expression::StaticMemberExpression(member) => Some(member),
            _ => None,
        };
        let before_object = state.clone();
        let mut state = match member {
            Some(member) => self.expression(&member.object, state),
            None => self.expression(callee, state),
        };
        if let Some(send) = as_send_call(call, self.response) {
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
        let method = member.map(|m| m.property.name.as_str());
        state = self.arguments(&call.arguments, method, before_object, state);

        if let (Expression::Identifier(id), Some(next)) = (callee, self.next) {
            if id.name == next {
                return self.reach(SiteKind::Next, call.span, None, state);
            }
        }
        if let Some(member) = member {
            if HEADER_WRITES.contains(&member.property.name.as_str()) && is_response(&member.object, self.response) {
                self.reach_without_sending(SiteKind::HeaderWrite, call.span, &state);
                return state;
            }
        }
        let passes_response =
            call.arguments.iter().position(|arg| matches!(arg, Argument::Identifier(id) if id.name == self.response));
        // `getSession({ req, res })`: the response handed over inside an object.
        let passes_in_object = call.arguments.iter().any(|arg| match arg {
            Argument::ObjectExpression(object) => object.properties.iter().any(|p| {
                matches!(p, ObjectPropertyKind::ObjectProperty(p)
                    if matches!(&p.value, Expression::Identifier(id) if id.name == self.response))
            }),
            _ => false,
        });
        if passes_response.is_none() && passes_in_object {
            return hand_off(state);
        }
        if passes_response.is_some() {
            let verdict = self.helper_verdict(call, callee).unwrap_or(HelperVerdict::Maybe);
            return match verdict {
                HelperVerdict::Always => self.reach(SiteKind::HelperSend, call.span, None, state),
                HelperVerdict::Maybe => hand_off(state),
                HelperVerdict::Never => state,
            };
        }
        state
    }

    /// Evaluates arguments in order; function arguments are callbacks and are walked as such.
    fn arguments(
        &mut self,
        args: &'a [Argument<'a>],
        method: Option<&str>,
        before_object: State,
        mut state: State,
    ) -> State {
        for (index, arg) in args.iter().enumerate() {
            let function = match arg {
                Argument::ArrowFunctionExpression(f) => Some(CallbackFunction::Arrow(f)),
                Argument::FunctionExpression(f) => Some(CallbackFunction::Function(f)),
                Argument::SpreadElement(spread) => {
                    state = self.expression(&spread.argument, state);
                    None
                }
                Argument::ObjectExpression(object) => {
                    state = self.expression(arg.to_expression(), state);
                    // `res.format({ html() { res.send(...) } })`: functions handed over in an object
                    // answer for us, at a time we cannot see.
                    if object.properties.iter().any(|p| self.property_uses_response(p)) {
                        state = hand_off(state);
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
                // Array methods take the callback first: `svc.find(id, (err, doc) => ...)` calls it once.
                Some(m) if ITERATION_METHODS.contains(&m) && index == 0 => CallbackKind::PerElement,
                Some(m) if LISTENER_METHODS.contains(&m) => CallbackKind::Listener,
                Some("catch") => CallbackKind::Alternative,
                Some("then") if index == 1 => CallbackKind::Alternative,
                _ => CallbackKind::Once,
            };
            state = match kind {
                CallbackKind::Alternative => {
                    let alternative = self.callback(&function, kind, before_object.clone());
                    state.joined(&alternative)
                }
                CallbackKind::Listener => {
                    let after = self.callback(&function, kind, state.clone());
                    if after.sent.is_empty() && !after.unknown {
                        state
                    } else {
                        hand_off(state)
                    }
                }
                CallbackKind::Once | CallbackKind::PerElement => self.callback(&function, kind, state),
            };
        }
        state
    }

    /// Walks a callback's body from `entry`; returns the join of its exits.
    fn callback(&mut self, function: &CallbackFunction<'a>, kind: CallbackKind, entry: State) -> State {
        let id = self.next_callback_id;
        self.next_callback_id += 1;
        let facts = self.position.facts.clone();
        let saved_position = std::mem::replace(
            &mut self.position,
            Position {
                callback: Some(id),
                in_async_function: function.is_async(),
                loops: usize::from(kind == CallbackKind::PerElement),
                facts,
                ..Position::default()
            },
        );
        let saved_catches = std::mem::take(&mut self.catch_entries);
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
        self.catch_entries = saved_catches;
        self.breakables = saved_breakables;
        self.exits = saved_exits;
        result
    }

    fn callback_body(&mut self, function: &CallbackFunction<'a>, entry: State) -> State {
        let end = match function.body() {
            Some(body) => self.list(&body.statements, Container::Body, false, entry),
            None => match function {
                CallbackFunction::Arrow(arrow) => match arrow.get_expression() {
                    Some(expr) => self.expression(expr, entry),
                    None => entry,
                },
                CallbackFunction::Function(_) => entry,
            },
        };
        let mut result = end;
        for (state, _, _) in self.exits.drain(..) {
            result.join(&state);
        }
        result
    }

    fn property_uses_response(&self, property: &'a ObjectPropertyKind<'a>) -> bool {
        let ObjectPropertyKind::ObjectProperty(property) = property else { return false };
        match &property.value {
            Expression::ArrowFunctionExpression(f) => self.callback_uses_response(&CallbackFunction::Arrow(f)),
            Expression::FunctionExpression(f) => self.callback_uses_response(&CallbackFunction::Function(f)),
            _ => false,
        }
    }

    fn callback_uses_response(&self, function: &CallbackFunction<'a>) -> bool {
        let params = function.params();
        let shadows =
            params.items.iter().any(|p| p.pattern.get_binding_identifiers().iter().any(|id| id.name == self.response));
        if shadows {
            return false;
        }
        let mut finder = NameFinder { names: [Some(self.response), self.next], found: false };
        match function {
            CallbackFunction::Arrow(arrow) => finder.visit_arrow_function_body(&arrow.body),
            CallbackFunction::Function(f) => {
                if let Some(body) = &f.body {
                    finder.visit_function_body(body);
                }
            }
        }
        finder.found
    }

    /// A send (or `next()`) is reached: every send that may already have run makes a double.
    fn reach(&mut self, kind: SiteKind, span: Span, send: Option<Send<'a>>, state: State) -> State {
        let site = self.site(kind, span, send);
        // A bare `res.end()` after a send finishes nothing new and throws nothing.
        if !send.is_some_and(|s| s.is_bare_end()) {
            self.record_doubles(site, &state);
        }
        let mut after = State { sent: state.sent.clone(), ..State::default() };
        if state.unsent || state.unknown {
            after.join(&State { sent: vec![site], ..State::default() });
        }
        after
    }

    /// A header write is reached: it throws if a send already ran, but sends nothing itself.
    fn reach_without_sending(&mut self, kind: SiteKind, span: Span, state: &State) {
        if state.sent.is_empty() {
            return;
        }
        let site = self.site(kind, span, None);
        self.record_doubles(site, state);
    }

    fn record_doubles(&mut self, site: SiteId, state: &State) {
        for &first in &state.sent {
            let pairs = self.flow.sites[first].facts.len() * self.flow.sites[site].facts.len();
            if !self.helpers.budget.spend(1 + pairs as u64) {
                return;
            }
            let (a, b) = (self.flow.sites[first].span, self.flow.sites[site].span);
            let loop_backedge = self.second_iterations.iter().any(|l| contains(*l, a) && contains(*l, b));
            if (first == site && !loop_backedge)
                || any_contradiction(&self.flow.sites[first].facts, &self.flow.sites[site].facts)
                || !self.doubles_seen.insert((first, site))
            {
                continue;
            }
            self.flow.doubles.push(Double { first, second: site, loop_backedge });
        }
    }

    fn site(&mut self, kind: SiteKind, span: Span, send: Option<Send<'a>>) -> SiteId {
        if let Some(&id) = self.site_ids.get(&(span.start, span.end)) {
            return id;
        }
        let statement = match (self.pending_statement, self.position.list) {
            (Some((pending, form, stmt)), Some(list)) if pending == span => {
                Some(StatementSite { stmt, list, index: self.position.index, form })
            }
            _ => None,
        };
        let id = self.flow.sites.len();
        self.flow.sites.push(Site {
            span,
            kind,
            send,
            statement,
            callback: self.position.callback,
            tries: self.position.tries.clone(),
            catch_of: self.position.catch_of,
            in_loop: self.position.loops > 0,
            facts: self.position.facts.clone(),
        });
        self.site_ids.insert((span.start, span.end), id);
        id
    }

    fn record_exit(&mut self, state: State, span: Span, returns_value: bool) {
        if !state.is_dead() {
            self.exits.push((state, span, returns_value));
        }
    }

    /// Before a statement that can throw inside a `try`, its state may reach the `catch`.
    fn may_throw_at(&mut self, state: &State, expr: &Expression<'a>) {
        let Some((_, entry)) = self.catch_entries.last_mut() else { return };
        if can_throw(expr) {
            entry.join(state);
        }
    }

    /// Walks `f` with `facts` known to hold for the sites inside.
    fn with_facts(&mut self, facts: Vec<Fact>, f: impl FnOnce(&mut Self) -> State) -> State {
        let keep = self.position.facts.len();
        self.position.facts.extend(facts);
        let state = f(self);
        self.position.facts.truncate(keep);
        state
    }

    /// What a branch condition proves on each side: `&&`, `||` and `!` over simple tests.
    /// With `on_path`, conditions on variables the handler assigns count too (for the unsent paths,
    /// which track the values assigned along them).
    fn condition(&self, test: &Expression<'a>, on_path: bool) -> Condition {
        match test.get_inner_expression() {
            Expression::LogicalExpression(logical) => {
                let (left, right) = (self.condition(&logical.left, on_path), self.condition(&logical.right, on_path));
                match logical.operator {
                    LogicalOperator::And => Condition {
                        then: left.then.into_iter().chain(right.then).collect(),
                        otherwise: either(left.otherwise, right.otherwise),
                    },
                    LogicalOperator::Or => Condition {
                        then: either(left.then, right.then),
                        otherwise: left.otherwise.into_iter().chain(right.otherwise).collect(),
                    },
                    LogicalOperator::Coalesce => Condition::default(),
                }
            }
            Expression::UnaryExpression(unary) if unary.operator == UnaryOperator::LogicalNot => {
                self.condition(&unary.argument, on_path).negated()
            }
            other => match self.fact_of(other, on_path) {
                Some(fact) => Condition { otherwise: vec![vec![fact.negated()]], then: vec![vec![fact]] },
                None => Condition::default(),
            },
        }
    }

    /// What `test` says, when it tests a value nothing in the handler assigns to.
    fn fact_of(&self, test: &Expression<'a>, on_path: bool) -> Option<Fact> {
        let key = |expr: &Expression<'a>| if on_path { path_key(expr) } else { self.stable_key(expr) };
        match test.get_inner_expression() {
            Expression::BinaryExpression(binary) => {
                let (value, literal) = match (literal_text(&binary.left), literal_text(&binary.right)) {
                    (None, Some(literal)) => (&binary.left, literal),
                    (Some(literal), None) => (&binary.right, literal),
                    _ => return None,
                };
                let test = match binary.operator {
                    BinaryOperator::StrictEquality | BinaryOperator::Equality => FactTest::Equals(literal),
                    BinaryOperator::StrictInequality | BinaryOperator::Inequality => FactTest::NotEquals(literal),
                    _ => return None,
                };
                Some(Fact { key: key(value)?, test })
            }
            other => Some(Fact { key: key(other)?, test: FactTest::Truthy }),
        }
    }

    /// `method` or `req.method` when its root is never assigned in the handler.
    fn stable_key(&self, expr: &Expression<'a>) -> Option<String> {
        match expr.get_inner_expression() {
            Expression::Identifier(id) => (!self.assigned.contains(id.name.as_str())).then(|| id.name.to_string()),
            Expression::StaticMemberExpression(member) => {
                Some(format!("{}.{}", self.stable_key(&member.object)?, member.property.name))
            }
            _ => None,
        }
    }

    /// `if (!res.headersSent)` proves nothing was sent on its `then` side (and the reverse).
    fn split_on_headers_sent(&self, test: &Expression<'a>, state: State) -> (State, State) {
        let (negated, inner) = match test.get_inner_expression() {
            Expression::UnaryExpression(unary) if unary.operator == UnaryOperator::LogicalNot => {
                (true, unary.argument.get_inner_expression())
            }
            other => (false, other),
        };
        let Expression::StaticMemberExpression(member) = inner else { return (state.clone(), state) };
        if !matches!(member.property.name.as_str(), "headersSent" | "writableEnded" | "finished")
            || !is_response(&member.object, self.response)
        {
            return (state.clone(), state);
        }
        let not_sent = State {
            unsent: state.unsent || state.unknown,
            unsent_facts: state.unsent_facts.clone(),
            ..State::default()
        };
        let sent = State { unsent: false, unsent_facts: Vec::new(), ..state };
        if negated {
            (not_sent, sent)
        } else {
            (sent, not_sent)
        }
    }

    /// If `expr` (a statement's whole expression) is a send or `next()`, its call span and form.
    fn statement_form(
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

    fn answer_call(&self, expr: &'a Expression<'a>) -> Option<Span> {
        let Expression::CallExpression(call) = expr else { return None };
        if as_send_call(call, self.response).is_some() {
            return Some(call.span);
        }
        match (call.callee.get_inner_expression(), self.next) {
            (Expression::Identifier(id), Some(next)) if id.name == next => Some(call.span),
            (callee, _) => (self.helper_verdict(call, callee) == Some(HelperVerdict::Always)).then_some(call.span),
        }
    }

    /// For a call that passes the response (`unauthorized(res)`), what the callee does with it.
    fn helper_verdict(&self, call: &CallExpression<'a>, callee: &Expression<'a>) -> Option<HelperVerdict> {
        let index = call
            .arguments
            .iter()
            .position(|arg| matches!(arg, Argument::Identifier(id) if id.name == self.response))?;
        Some(match callee {
            Expression::Identifier(id) => self.helpers.verdict(id.name.as_str(), index),
            Expression::StaticMemberExpression(member) if self.helpers.is_configured(&member.property.name) => {
                HelperVerdict::Always
            }
            _ => HelperVerdict::Maybe,
        })
    }
}

/// A function passed as an argument.
enum CallbackFunction<'a> {
    Arrow(&'a ArrowFunctionExpression<'a>),
    Function(&'a Function<'a>),
}

impl<'a> CallbackFunction<'a> {
    fn params(&self) -> &'a FormalParameters<'a> {
        match self {
            Self::Arrow(f) => &f.params,
            Self::Function(f) => &f.params,
        }
    }

    fn body(&self) -> Option<&'a FunctionBody<'a>> {
        match self {
            Self::Arrow(f) => match &f.body {
                ArrowFunctionBody::FunctionBody(body) => Some(body),
                _ => None,
            },
            Self::Function(f) => f.body.as_deref(),
        }
    }

    fn is_async(&self) -> bool {
        match self {
            Self::Arrow(f) => f.r#async,
            Self::Function(f) => f.r#async,
        }
    }

    fn span(&self) -> Span {
        match self {
            Self::Arrow(f) => f.span,
            Self::Function(f) => f.span,
        }
    }
}

fn as_send_call<'a>(call: &'a CallExpression<'a>, response: &str) -> Option<Send<'a>> {
    // `as_send` takes an expression; rebuild the view over the call itself.
    let Expression::StaticMemberExpression(member) = call.callee.get_inner_expression() else { return None };
    if !crate::sends::is_send_call(call, response) {
        return None;
    }
    Some(Send { call, method: member.property.name.as_str(), receiver: &member.object })
}

/// Whether `expr` is the response itself or a chain of calls on it.
fn is_response(expr: &Expression<'_>, response: &str) -> bool {
    match expr.get_inner_expression() {
        Expression::Identifier(id) => id.name == response,
        Expression::CallExpression(call) => match call.callee.get_inner_expression() {
            Expression::StaticMemberExpression(member) => is_response(&member.object, response),
            _ => false,
        },
        _ => false,
    }
}

/// A tested value as a dotted path, whether or not the handler assigns it.
fn path_key(expr: &Expression<'_>) -> Option<String> {
    match expr.get_inner_expression() {
        Expression::Identifier(id) => Some(id.name.to_string()),
        Expression::StaticMemberExpression(member) => {
            Some(format!("{}.{}", path_key(&member.object)?, member.property.name))
        }
        _ => None,
    }
}

/// What an assignment put in a variable.
enum Assigned<'e, 'a> {
    /// `let x;`
    Undefined,
    /// `x = value` / `let x = value`.
    Value(&'e Expression<'a>),
    /// `x += 1`, `x++`: something we do not follow.
    Unknown,
}

/// After `name = value` on the unsent paths: what they knew about `name` is replaced by the new value
/// (a literal is known; anything else is not).
fn record_value(mut state: State, name: &str, value: Assigned<'_, '_>) -> State {
    if !state.unsent {
        return state;
    }
    let prefix = format!("{name}.");
    state.unsent_facts.retain(|clause| clause.iter().all(|f| f.key != name && !f.key.starts_with(&prefix)));
    let literal = match value {
        Assigned::Undefined => Some((None, false)),
        Assigned::Unknown => None,
        Assigned::Value(expr) => match expr.get_inner_expression() {
            Expression::BooleanLiteral(b) => Some((Some(b.value.to_string()), b.value)),
            Expression::NullLiteral(_) => Some((Some("null".to_owned()), false)),
            Expression::NumericLiteral(n) => Some((Some(n.value.to_string()), n.value != 0.0)),
            Expression::StringLiteral(s) => Some((Some(format!("{:?}", s.value.as_str())), !s.value.is_empty())),
            _ => None,
        },
    };
    if let Some((text, truthy)) = literal {
        let truthiness = if truthy { FactTest::Truthy } else { FactTest::Falsy };
        state.unsent_facts.push(vec![Fact { key: name.to_owned(), test: truthiness }]);
        if let Some(text) = text {
            state.unsent_facts.push(vec![Fact { key: name.to_owned(), test: FactTest::Equals(text) }]);
        }
    }
    state
}

fn is_function_argument(arg: &Argument<'_>) -> bool {
    matches!(arg, Argument::ArrowFunctionExpression(_) | Argument::FunctionExpression(_))
}

fn hand_off(mut state: State) -> State {
    if state.unsent {
        state.unsent = false;
        state.unsent_facts.clear();
        state.unknown = true;
    }
    state
}

/// `state` on the side of a branch where `clauses` hold: unsent paths that contradict them cannot get there.
fn assume(mut state: State, clauses: &[Vec<Fact>]) -> State {
    if !state.unsent || clauses.is_empty() {
        return state;
    }
    for clause in clauses {
        if !state.unsent_facts.contains(clause) {
            state.unsent_facts.push(clause.clone());
        }
    }
    let units: Vec<&Fact> = state.unsent_facts.iter().filter(|c| c.len() == 1).map(|c| &c[0]).collect();
    let impossible = state
        .unsent_facts
        .iter()
        .any(|clause| clause.iter().all(|fact| units.iter().any(|unit| unit.contradicts(fact))));
    if impossible {
        state.unsent = false;
        state.unsent_facts.clear();
    }
    state
}

/// What a condition proves on its `then` and `else` sides, as clauses.
#[derive(Debug, Default)]
struct Condition {
    then: Vec<Vec<Fact>>,
    otherwise: Vec<Vec<Fact>>,
}

impl Condition {
    fn negated(self) -> Self {
        Self { then: self.otherwise, otherwise: self.then }
    }

    /// The facts that hold on one side as plain facts (clauses of one), for the sites inside.
    fn units(clauses: &[Vec<Fact>]) -> Vec<Fact> {
        clauses.iter().filter(|c| c.len() == 1).map(|c| c[0].clone()).collect()
    }
}

/// `a or b` for two sides that are each one clause; anything else is not kept.
fn either(a: Vec<Vec<Fact>>, b: Vec<Vec<Fact>>) -> Vec<Vec<Fact>> {
    match (a.as_slice(), b.as_slice()) {
        ([a], [b]) => vec![a.iter().chain(b).cloned().collect()],
        _ => Vec::new(),
    }
}

fn contains(outer: Span, inner: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Every name assigned to (`x = ...`, `x++`) in `body`, nested functions included.
fn assigned_names<'a>(body: &FunctionBody<'a>) -> HashSet<&'a str> {
    #[derive(Default)]
    struct Finder<'a>(HashSet<&'a str>);
    impl<'a> Visit<'a> for Finder<'a> {
        fn visit_simple_assignment_target(&mut self, it: &SimpleAssignmentTarget<'a>) {
            if let SimpleAssignmentTarget::AssignmentTargetIdentifier(id) = it {
                self.0.insert(id.name.as_str());
            }
            walk::walk_simple_assignment_target(self, it);
        }
        fn visit_assignment_target_property_identifier(&mut self, it: &AssignmentTargetPropertyIdentifier<'a>) {
            self.0.insert(it.binding.name.as_str());
            walk::walk_assignment_target_property_identifier(self, it);
        }
    }
    let mut finder = Finder::default();
    finder.visit_function_body(body);
    finder.0
}

/// The text of a literal a condition compares with.
fn literal_text(expr: &Expression<'_>) -> Option<String> {
    match expr.get_inner_expression() {
        Expression::StringLiteral(s) => Some(format!("{:?}", s.value.as_str())),
        Expression::NumericLiteral(n) => Some(n.value.to_string()),
        Expression::BooleanLiteral(b) => Some(b.value.to_string()),
        Expression::NullLiteral(_) => Some("null".into()),
        _ => None,
    }
}

fn is_true_literal(expr: &Expression<'_>) -> bool {
    matches!(expr.get_inner_expression(), Expression::BooleanLiteral(b) if b.value)
}

/// Whether evaluating `expr` can throw: it calls, constructs, awaits or throws.
fn can_throw(expr: &Expression<'_>) -> bool {
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
struct NameFinder<'n> {
    names: [Option<&'n str>; 2],
    found: bool,
}

impl<'a> Visit<'a> for NameFinder<'_> {
    fn visit_identifier_reference(&mut self, it: &IdentifierReference<'a>) {
        if self.names.iter().flatten().any(|n| *n == it.name.as_str()) {
            self.found = true;
        }
    }
}

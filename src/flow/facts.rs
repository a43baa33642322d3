//! What branch conditions prove, so paths guarded by opposite conditions are not joined.

use oxc_ast::ast::*;
use oxc_ast_visit::walk;
use oxc_ast_visit::Visit;
use oxc_span::Span;
use oxc_syntax::reference::ReferenceId;
use oxc_syntax::scope::ScopeFlags;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::framework::EXPRESS;

use super::calls::is_response;
use super::state::State;
use super::summaries::{binding_key, Helpers};
use super::walker::Walker;
/// What a branch condition says about a value that never changes in the handler
/// (`method === "GET"`, `!wait`), so branches guarded by opposite conditions are known
/// not to run on the same request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// The tested value, as a dotted path (`method`, `req.method`).
    pub(super) key: String,
    pub(super) test: FactTest,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum FactTest {
    Equals(String),
    NotEquals(String),
    Truthy,
    Falsy,
    /// `count < 1`: at most this integer. A comparison with an integer literal is taken to compare
    /// integers (counts, lengths, indexes), so `x < 1` and `x > 0` are opposites.
    AtMost(i64),
    /// `count > 0`, `i < count` on entering a loop from `i = 0`: at least this integer.
    AtLeast(i64),
}

impl Fact {
    pub(super) fn negated(&self) -> Fact {
        let test = match &self.test {
            FactTest::Equals(v) => FactTest::NotEquals(v.clone()),
            FactTest::NotEquals(v) => FactTest::Equals(v.clone()),
            FactTest::Truthy => FactTest::Falsy,
            FactTest::Falsy => FactTest::Truthy,
            FactTest::AtMost(bound) => FactTest::AtLeast(bound.saturating_add(1)),
            FactTest::AtLeast(bound) => FactTest::AtMost(bound.saturating_sub(1)),
        };
        Fact { key: self.key.clone(), test }
    }

    /// Both facts cannot hold at once.
    pub(super) fn contradicts(&self, other: &Fact) -> bool {
        if self.key != other.key {
            return false;
        }
        match (&self.test, &other.test) {
            (FactTest::Equals(a), FactTest::Equals(b)) => a != b,
            (FactTest::Equals(a), FactTest::NotEquals(b)) | (FactTest::NotEquals(b), FactTest::Equals(a)) => a == b,
            (FactTest::Truthy, FactTest::Falsy) | (FactTest::Falsy, FactTest::Truthy) => true,
            (FactTest::Truthy, FactTest::Equals(v)) | (FactTest::Equals(v), FactTest::Truthy) => {
                matches!(v.as_str(), "undefined" | "null")
            }
            (FactTest::AtMost(most), FactTest::AtLeast(least)) | (FactTest::AtLeast(least), FactTest::AtMost(most)) => {
                least > most
            }
            // Only 0 is a falsy number in a range of integers.
            (FactTest::Falsy, FactTest::AtLeast(bound)) | (FactTest::AtLeast(bound), FactTest::Falsy) => *bound > 0,
            (FactTest::Falsy, FactTest::AtMost(bound)) | (FactTest::AtMost(bound), FactTest::Falsy) => *bound < 0,
            (FactTest::Equals(v), FactTest::AtLeast(bound)) | (FactTest::AtLeast(bound), FactTest::Equals(v)) => {
                integer_literal(v).is_some_and(|value| value < *bound)
            }
            (FactTest::Equals(v), FactTest::AtMost(bound)) | (FactTest::AtMost(bound), FactTest::Equals(v)) => {
                integer_literal(v).is_some_and(|value| value > *bound)
            }
            _ => false,
        }
    }
}

/// The integer a literal's text (from [`literal_text`]) spells, if it is one.
fn integer_literal(text: &str) -> Option<i64> {
    text.parse().ok()
}

/// The integer a numeric literal is (`0`, `1`), when it is one an `i64` holds exactly.
fn integer_value(expr: &Expression<'_>) -> Option<i64> {
    match expr.get_inner_expression() {
        Expression::NumericLiteral(n) if n.value.fract() == 0.0 && n.value.abs() < 1e15 => Some(n.value as i64),
        _ => None,
    }
}

/// `value < literal` and its kin as a bound on `value`, when the literal is an integer (either
/// side: `0 < count` bounds `count` too).
fn integer_bound(binary: &BinaryExpression<'_>) -> Option<(bool, FactTest)> {
    // `literal_on_right`: the bounded value is the left operand.
    let (literal_on_right, literal) = match (integer_value(&binary.left), integer_value(&binary.right)) {
        (None, Some(literal)) => (true, literal),
        (Some(literal), None) => (false, literal),
        _ => return None,
    };
    let test = match (binary.operator, literal_on_right) {
        (BinaryOperator::LessThan, true) | (BinaryOperator::GreaterThan, false) => FactTest::AtMost(literal - 1),
        (BinaryOperator::LessEqualThan, true) | (BinaryOperator::GreaterEqualThan, false) => FactTest::AtMost(literal),
        (BinaryOperator::GreaterThan, true) | (BinaryOperator::LessThan, false) => FactTest::AtLeast(literal + 1),
        (BinaryOperator::GreaterEqualThan, true) | (BinaryOperator::LessEqualThan, false) => FactTest::AtLeast(literal),
        _ => return None,
    };
    Some((literal_on_right, test))
}

pub(super) fn any_contradiction(a: &[Fact], b: &[Fact]) -> bool {
    a.iter().any(|x| b.iter().any(|y| x.contradicts(y)))
}

/// Methods that only look something up, so two calls with the same arguments answer the same.
const LOOKUP_METHODS: &[&str] = &["includes", "has", "startsWith", "endsWith", "some", "every", "indexOf", "test"];

/// What an assignment put in a variable.
pub(super) enum Assigned<'e, 'a> {
    /// `let x;`
    Undefined,
    /// `x = value` / `let x = value`.
    Value(&'e Expression<'a>),
    /// `x += 1`, `x++`: something we do not follow.
    Unknown,
}

/// After `name = value` on the unsent paths (`name`: the variable's key): what they knew about it is replaced by the new value
/// (a literal is known; anything else is not).
pub(super) fn record_value(mut state: State, name: &str, value: Assigned<'_, '_>) -> State {
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

/// `state` on the side of a branch where `clauses` hold: unsent paths that contradict them (or
/// `known`, what holds on every path) cannot get there.
pub(super) fn assume(mut state: State, clauses: &[Vec<Fact>], known: &[Fact]) -> State {
    if !state.unsent || clauses.is_empty() {
        return state;
    }
    for clause in clauses {
        if !state.unsent_facts.contains(clause) {
            state.unsent_facts.push(clause.clone());
        }
    }
    let units: Vec<&Fact> =
        state.unsent_facts.iter().filter(|c| c.len() == 1).map(|c| &c[0]).chain(known.iter()).collect();
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
pub(super) struct Condition {
    pub(super) then: Vec<Vec<Fact>>,
    pub(super) otherwise: Vec<Vec<Fact>>,
}

impl Condition {
    pub(super) fn negated(self) -> Self {
        Self { then: self.otherwise, otherwise: self.then }
    }

    /// The facts that hold on one side as plain facts (clauses of one), for the sites inside.
    pub(super) fn units(clauses: &[Vec<Fact>]) -> Vec<Fact> {
        clauses.iter().filter(|c| c.len() == 1).map(|c| c[0].clone()).collect()
    }
}

/// `a or b` for two sides that are each one clause; anything else is not kept.
pub(super) fn either(a: Vec<Vec<Fact>>, b: Vec<Vec<Fact>>) -> Vec<Vec<Fact>> {
    match (a.as_slice(), b.as_slice()) {
        ([a], [b]) => vec![a.iter().chain(b).cloned().collect()],
        _ => Vec::new(),
    }
}

/// What a handler's body assigns, found in one pass over it.
pub(super) struct Assignments<'a> {
    /// Every name assigned to (`x = ...`, `x++`), nested functions included: conditions on them
    /// prove nothing.
    pub(super) names: FxHashSet<&'a str>,
    /// The variables callbacks count with (`count--`, `done += 1`, `results.push(row)` inside a
    /// callback, on a variable declared outside it), as fact keys: a callback's test on one
    /// (`if (!count)`, `if (results.length === total)`) is the fan-out idiom's "the last one
    /// answers", like `if (--remaining === 0)`.
    pub(super) shared_counters: FxHashSet<String>,
    /// The shared counters each callback counts with, by the start of the callback's span.
    pub(super) counters_of_callbacks: FxHashMap<u32, Vec<String>>,
}

/// Array methods that add to the array: a callback that collects results with one counts them.
const COLLECTING_METHODS: &[&str] = &["push", "unshift"];

/// `results.push(row)`: the variable `call` adds to, counting with it.
pub(super) fn collected_into<'c, 'a>(call: &'c CallExpression<'a>) -> Option<&'c IdentifierReference<'a>> {
    let Expression::StaticMemberExpression(member) = call.callee.get_inner_expression() else { return None };
    match member.object.get_inner_expression() {
        Expression::Identifier(id) if COLLECTING_METHODS.contains(&member.property.name.as_str()) => Some(id),
        _ => None,
    }
}

/// What `body` assigns ([`Assignments`]).
pub(super) fn assignments<'a>(body: &FunctionBody<'a>, helpers: &Helpers<'a>) -> Assignments<'a> {
    /// A variable counted inside a nested function.
    struct Counted<'a> {
        name: &'a str,
        reference: Option<ReferenceId>,
        function: Span,
        declared_outside: Option<bool>,
    }
    struct Finder<'a, 'h> {
        helpers: &'h Helpers<'a>,
        functions: Vec<Span>,
        names: FxHashSet<&'a str>,
        counted: Vec<Counted<'a>>,
    }
    impl<'a> Finder<'a, '_> {
        fn counted(&mut self, target: &SimpleAssignmentTarget<'a>) {
            if let SimpleAssignmentTarget::AssignmentTargetIdentifier(id) = target {
                self.counted_variable(id);
            }
        }
        fn counted_variable(&mut self, id: &IdentifierReference<'a>) {
            if let Some(&function) = self.functions.last() {
                self.counted.push(Counted {
                    name: id.name.as_str(),
                    reference: id.reference_id.get(),
                    function,
                    declared_outside: self.helpers.declared_outside(id, function),
                });
            }
        }
    }
    impl<'a> Visit<'a> for Finder<'a, '_> {
        fn visit_simple_assignment_target(&mut self, it: &SimpleAssignmentTarget<'a>) {
            if let SimpleAssignmentTarget::AssignmentTargetIdentifier(id) = it {
                self.names.insert(id.name.as_str());
            }
            walk::walk_simple_assignment_target(self, it);
        }
        fn visit_assignment_target_property_identifier(&mut self, it: &AssignmentTargetPropertyIdentifier<'a>) {
            self.names.insert(it.binding.name.as_str());
            walk::walk_assignment_target_property_identifier(self, it);
        }
        fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
            // `results.push(row)`: the collected results count too (`results.length === total`).
            if self.functions.is_empty() {
                walk::walk_call_expression(self, it);
                return;
            }
            if let Some(id) = collected_into(it) {
                self.counted_variable(id);
            }
            walk::walk_call_expression(self, it);
        }
        fn visit_update_expression(&mut self, it: &UpdateExpression<'a>) {
            self.counted(&it.argument);
            walk::walk_update_expression(self, it);
        }
        fn visit_assignment_expression(&mut self, it: &AssignmentExpression<'a>) {
            let counts = matches!(it.operator, AssignmentOperator::Addition | AssignmentOperator::Subtraction);
            if let (true, Some(target)) = (counts, it.left.as_simple_assignment_target()) {
                self.counted(target);
            }
            walk::walk_assignment_expression(self, it);
        }
        fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
            self.functions.push(it.span);
            walk::walk_function(self, it, flags);
            self.functions.pop();
        }
        fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
            self.functions.push(it.span);
            walk::walk_arrow_function_expression(self, it);
            self.functions.pop();
        }
    }
    let mut finder = Finder { helpers, functions: Vec::new(), names: FxHashSet::default(), counted: Vec::new() };
    finder.visit_function_body(body);
    // Without symbols, a name is one variable in the handler: it is shared when the function
    // that counts with it does not declare it.
    let mut shared_counters = FxHashSet::default();
    let mut counters_of_callbacks: FxHashMap<u32, Vec<String>> = FxHashMap::default();
    for counted in finder.counted {
        if !counted.declared_outside.unwrap_or_else(|| !declares_within(body, counted.name, counted.function)) {
            continue;
        }
        let key = helpers.key_of(counted.name, counted.reference);
        let counters = counters_of_callbacks.entry(counted.function.start).or_default();
        if !counters.contains(&key) {
            counters.push(key.clone());
        }
        shared_counters.insert(key);
    }
    Assignments { names: finder.names, shared_counters, counters_of_callbacks }
}

/// Whether `body` declares `name` inside `within` (a function of it).
fn declares_within(body: &FunctionBody<'_>, name: &str, within: Span) -> bool {
    struct Finder<'n> {
        name: &'n str,
        within: Span,
        found: bool,
    }
    impl<'a> Visit<'a> for Finder<'_> {
        fn visit_binding_identifier(&mut self, it: &BindingIdentifier<'a>) {
            self.found |= it.name == self.name && self.within.contains_inclusive(it.span);
        }
    }
    let mut finder = Finder { name, within, found: false };
    finder.visit_function_body(body);
    finder.found
}

/// The text of a literal a condition compares with.
pub(super) fn literal_text(expr: &Expression<'_>) -> Option<String> {
    match expr.get_inner_expression() {
        Expression::StringLiteral(s) => Some(format!("{:?}", s.value.as_str())),
        Expression::NumericLiteral(n) => Some(n.value.to_string()),
        Expression::BooleanLiteral(b) => Some(b.value.to_string()),
        Expression::NullLiteral(_) => Some("null".into()),
        Expression::Identifier(id) if id.name == "undefined" => Some("undefined".into()),
        _ => None,
    }
}

/// Methods that always return an array or another object (`list.filter(...)`, `text.split(",")`,
/// `Object.keys(o)`, `Array.from(xs)`), never `undefined`. Not `slice` or `concat`: on a string
/// they return a string, which may be empty.
const ARRAY_METHODS: &[&str] =
    &["filter", "map", "flat", "flatMap", "split", "keys", "values", "entries", "from", "of"];

/// A value that is truthy however it was computed: an array, object or function, a `new` object,
/// the array a `filter`/`map`/`split` call returns (`const task = todos.filter(...)`, which a
/// following `if (task === undefined)` mistakes for `find`).
fn always_truthy(expr: &Expression<'_>) -> bool {
    match expr.get_inner_expression() {
        Expression::ArrayExpression(_)
        | Expression::ObjectExpression(_)
        | Expression::NewExpression(_)
        | Expression::ArrowFunctionExpression(_)
        | Expression::FunctionExpression(_) => true,
        Expression::CallExpression(call) => matches!(call.callee.get_inner_expression(),
            Expression::StaticMemberExpression(member) if ARRAY_METHODS.contains(&member.property.name.as_str())),
        _ => false,
    }
}

pub(super) fn is_true_literal(expr: &Expression<'_>) -> bool {
    matches!(expr.get_inner_expression(), Expression::BooleanLiteral(b) if b.value)
}

/// A literal that is truthy: `true`, a non-zero number, a non-empty string.
pub(super) fn is_truthy_literal(expr: &Expression<'_>) -> bool {
    match expr.get_inner_expression() {
        Expression::BooleanLiteral(b) => b.value,
        Expression::NumericLiteral(n) => n.value != 0.0 && !n.value.is_nan(),
        Expression::StringLiteral(s) => !s.value.is_empty(),
        _ => false,
    }
}

/// A literal that is falsy: `null`, `undefined`, `false`, `0`, `''`.
pub(super) fn is_falsy_literal(expr: &Expression<'_>) -> bool {
    match expr.get_inner_expression() {
        Expression::NullLiteral(_) => true,
        Expression::BooleanLiteral(b) => !b.value,
        Expression::NumericLiteral(n) => n.value == 0.0,
        Expression::StringLiteral(s) => s.value.is_empty(),
        Expression::Identifier(id) => id.name == "undefined",
        _ => false,
    }
}

impl<'a> Walker<'a, '_> {
    /// Walks `f` with `facts` known to hold for the sites inside.
    pub(super) fn with_facts(&mut self, facts: Vec<Fact>, f: impl FnOnce(&mut Self) -> State) -> State {
        let keep = self.position.facts.len();
        self.position.facts.extend(facts);
        let state = f(self);
        self.position.facts.truncate(keep);
        state
    }

    /// What a branch condition proves on each side: `&&`, `||` and `!` over simple tests.
    /// With `on_path`, conditions on variables the handler assigns count too (for the unsent paths,
    /// which track the values assigned along them).
    pub(super) fn condition(&self, test: &Expression<'a>, on_path: bool) -> Condition {
        if let Expression::CallExpression(call) = test.get_inner_expression() {
            if let Some((key, literals)) = self.literal_list_includes(call, on_path) {
                let equals = |l: &String| Fact { key: key.clone(), test: FactTest::Equals(l.clone()) };
                let differs = |l: &String| vec![Fact { key: key.clone(), test: FactTest::NotEquals(l.clone()) }];
                return Condition {
                    then: vec![literals.iter().map(equals).collect()],
                    otherwise: literals.iter().map(differs).collect(),
                };
            }
        }
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

    /// `['GET', 'POST'].includes(req.method)`: the tested value's key and the list's literals.
    fn literal_list_includes(&self, call: &CallExpression<'a>, on_path: bool) -> Option<(String, Vec<String>)> {
        let Expression::StaticMemberExpression(member) = call.callee.get_inner_expression() else { return None };
        let Expression::ArrayExpression(list) = member.object.get_inner_expression() else { return None };
        let [Argument::StaticMemberExpression(_) | Argument::Identifier(_)] = call.arguments.as_slice() else {
            return None;
        };
        let value = call.arguments[0].as_expression()?;
        if member.property.name != "includes" || list.elements.is_empty() {
            return None;
        }
        let literals = list
            .elements
            .iter()
            .map(|element| element.as_expression().and_then(literal_text))
            .collect::<Option<Vec<String>>>()?;
        let key = if on_path { self.path_key(value) } else { self.stable_key(value) }?;
        Some((key, literals))
    }

    /// What `test` says, when it tests a value nothing in the handler assigns to.
    pub(super) fn fact_of(&self, test: &Expression<'a>, on_path: bool) -> Option<Fact> {
        let key = |expr: &Expression<'a>| if on_path { self.path_key(expr) } else { self.stable_key(expr) };
        match test.get_inner_expression() {
            Expression::BinaryExpression(binary) if binary.operator.is_compare() => {
                let (literal_on_right, test) = integer_bound(binary)?;
                let value = if literal_on_right { &binary.left } else { &binary.right };
                Some(Fact { key: key(value)?, test })
            }
            Expression::BinaryExpression(binary) => {
                let (value, literal) = match (literal_text(&binary.left), literal_text(&binary.right)) {
                    (None, Some(literal)) => (&binary.left, literal),
                    (Some(literal), None) => (&binary.right, literal),
                    _ => return None,
                };
                // `x == undefined` holds for `null` too: the same test as `x == null`.
                let loose = matches!(binary.operator, BinaryOperator::Equality | BinaryOperator::Inequality);
                let literal = if loose && literal == "undefined" { "null".to_owned() } else { literal };
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

    /// `for (let i = 0; i < count; i++)`: inside the body, `count` is at least 1 (more than the
    /// counter's start), so a branch that needed `count < 1` and a send in the body never both run.
    pub(super) fn counting_loop_bound(&self, for_statement: &ForStatement<'a>) -> Option<Fact> {
        let start = match for_statement.init.as_ref()? {
            ForStatementInit::VariableDeclaration(decl) => match decl.declarations.as_slice() {
                [declarator] => (
                    binding_key(declarator.id.get_binding_identifier()?),
                    declarator.init.as_ref()?.get_inner_expression(),
                ),
                _ => return None,
            },
            init => match init.as_expression()?.get_inner_expression() {
                Expression::AssignmentExpression(assign) if assign.operator == AssignmentOperator::Assign => {
                    match &assign.left {
                        AssignmentTarget::AssignmentTargetIdentifier(id) => {
                            (self.helpers.reference_key(id), assign.right.get_inner_expression())
                        }
                        _ => return None,
                    }
                }
                _ => return None,
            },
        };
        let (counter, first) = start;
        let first = integer_value(first)?;
        let Expression::BinaryExpression(test) = for_statement.test.as_ref()?.get_inner_expression() else {
            return None;
        };
        let is_counter = |expr: &Expression<'_>| matches!(expr.get_inner_expression(), Expression::Identifier(id) if self.helpers.reference_key(id) == counter);
        // `i < count` or `count > i`: `count` exceeds the counter's first value; `<=`: reaches it.
        let (bound, strict) = match test.operator {
            BinaryOperator::LessThan if is_counter(&test.left) => (&test.right, true),
            BinaryOperator::LessEqualThan if is_counter(&test.left) => (&test.right, false),
            BinaryOperator::GreaterThan if is_counter(&test.right) => (&test.left, true),
            BinaryOperator::GreaterEqualThan if is_counter(&test.right) => (&test.left, false),
            _ => return None,
        };
        let least = if strict { first + 1 } else { first };
        Some(Fact { key: self.stable_key(bound)?, test: FactTest::AtLeast(least) })
    }

    /// A tested value as a dotted path from its variable, whether or not the handler assigns it.
    pub(super) fn path_key(&self, expr: &Expression<'a>) -> Option<String> {
        self.key_of(expr, false)
    }

    /// What holds when no case of `switch_statement` matched: the value differs from every case's
    /// literal. Nothing is known when the value or a case is not a simple one.
    pub(super) fn no_case_matched(&self, switch_statement: &SwitchStatement<'a>) -> Vec<Vec<Fact>> {
        let Some(key) = self.path_key(&switch_statement.discriminant) else { return Vec::new() };
        let mut clauses = Vec::new();
        for case in &switch_statement.cases {
            let Some(literal) = case.test.as_ref().and_then(literal_text) else { return Vec::new() };
            clauses.push(vec![Fact { key: key.clone(), test: FactTest::NotEquals(literal) }]);
        }
        clauses
    }

    /// `const id = req.params.id`, `const { id } = req.params`: what is known of the value (a
    /// required route parameter is not empty) is known of the constant too: on every path when
    /// the framework guarantees it, inside the branch when a branch's test proved it.
    pub(super) fn copy_known_facts(&mut self, target: &BindingPattern<'a>, init: &Expression<'a>) {
        if let BindingPattern::BindingIdentifier(id) = target {
            if always_truthy(init) && !self.assigned.contains(id.name.as_str()) {
                self.known_units.push(Fact::truthy(binding_key(id)));
                return;
            }
        }
        let Some(source) = self.stable_key(init) else { return };
        let copies: Vec<(String, String)> = match target {
            BindingPattern::BindingIdentifier(id) if !self.assigned.contains(id.name.as_str()) => {
                vec![(source.clone(), binding_key(id))]
            }
            BindingPattern::ObjectPattern(object) => object
                .properties
                .iter()
                .filter_map(|property| {
                    let name = property.key.static_name()?;
                    let id = property.value.get_binding_identifier()?;
                    (!self.assigned.contains(id.name.as_str())).then(|| (format!("{source}.{name}"), binding_key(id)))
                })
                .collect(),
            _ => Vec::new(),
        };
        let copy = |facts: &[Fact], from: &str, to: &str| -> Vec<Fact> {
            facts
                .iter()
                .filter(|fact| fact.key == from)
                .map(|fact| Fact { key: to.to_owned(), test: fact.test.clone() })
                .collect()
        };
        for (from, to) in copies {
            let always = copy(&self.known_units, &from, &to);
            let here = copy(&self.position.facts, &from, &to);
            self.known_units.extend(always);
            self.position.facts.extend(here);
        }
    }

    /// `method` or `req.method` when its root is never assigned in the handler.
    pub(super) fn stable_key(&self, expr: &Expression<'a>) -> Option<String> {
        self.key_of(expr, true)
    }

    /// The key of a tested value: a variable, a property path on one (`req.method`, also
    /// optional: `result?.error`), or a lookup call on one with simple arguments
    /// (`post.votes.includes(userId)`), which answers the same while nothing is assigned.
    /// With `stable`, only when the variables in it are never assigned in the handler.
    fn key_of(&self, expr: &Expression<'a>, stable: bool) -> Option<String> {
        match expr.get_inner_expression() {
            Expression::Identifier(id) => {
                (!stable || !self.assigned.contains(id.name.as_str())).then(|| self.helpers.reference_key(id))
            }
            Expression::StaticMemberExpression(member) => {
                Some(format!("{}.{}", self.key_of(&member.object, stable)?, member.property.name))
            }
            Expression::ChainExpression(chain) => match &chain.expression {
                ChainElement::StaticMemberExpression(member) => {
                    Some(format!("{}.{}", self.key_of(&member.object, stable)?, member.property.name))
                }
                _ => None,
            },
            Expression::CallExpression(call) => {
                let Expression::StaticMemberExpression(member) = call.callee.get_inner_expression() else {
                    return None;
                };
                if !LOOKUP_METHODS.contains(&member.property.name.as_str()) {
                    return None;
                }
                let mut arguments = Vec::new();
                for argument in &call.arguments {
                    let argument = argument.as_expression()?;
                    arguments.push(literal_text(argument).or_else(|| self.key_of(argument, stable))?);
                }
                Some(format!(
                    "{}.{}({})",
                    self.key_of(&member.object, stable)?,
                    member.property.name,
                    arguments.join(",")
                ))
            }
            _ => None,
        }
    }

    /// `if (!res.headersSent)` proves nothing was sent on its `then` side (and the reverse).
    pub(super) fn split_on_headers_sent(&self, test: &Expression<'a>, state: State) -> (State, State) {
        let (negated, inner) = match test.get_inner_expression() {
            Expression::UnaryExpression(unary) if unary.operator == UnaryOperator::LogicalNot => {
                (true, unary.argument.get_inner_expression())
            }
            other => (false, other),
        };
        let Expression::StaticMemberExpression(member) = inner else { return (state.clone(), state) };
        if !EXPRESS.answer.sent_properties.contains(&member.property.name.as_str())
            || !is_response(&member.object, &self.response)
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
}

impl Fact {
    /// The value at `key` equals the string literal `element` (`'GET'` of a method list).
    pub(super) fn equal_to_string(key: &str, element: &ArrayExpressionElement<'_>) -> Option<Self> {
        let ArrayExpressionElement::StringLiteral(s) = element else { return None };
        Some(Fact { key: key.to_owned(), test: FactTest::Equals(format!("{:?}", s.value.as_str())) })
    }

    /// The value at `key` is truthy: what Express guarantees of an error middleware's first
    /// parameter, of the request's `body`, of a required route parameter.
    pub(super) fn truthy(key: String) -> Self {
        Fact { key, test: FactTest::Truthy }
    }
}

impl Fact {
    /// The method this fact excludes: `method !== "GET"` or `req.method !== "GET"` gives `GET`.
    pub(super) fn excluded_method(&self) -> Option<String> {
        // The last part of the path, without a variable's symbol: `method#3`, `req#1.method`.
        let last = self.key.rsplit('.').next().unwrap_or_default();
        let is_method = last.split('#').next() == Some("method");
        match &self.test {
            FactTest::NotEquals(literal) if is_method => Some(literal.trim_matches('"').to_owned()),
            _ => None,
        }
    }
}

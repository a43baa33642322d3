//! Recognising the calls that send a response.
//!
//! A send is a call of one of the framework's send methods ([`crate::framework::Answer`]), or of
//! the file's configured ones ([`SendMethods`]), on the handler's response, directly or at the
//! end of a chain of calls on it (`res.status(404).json(...)`, `res.writeHead(307, headers).end()`).
//! Calls that only prepare a response (`res.status(...)`, `res.setHeader(...)`, `res.write(...)`)
//! are not sends.

use oxc_ast::ast::*;
use oxc_ast_visit::Visit;
use oxc_semantic::Scoping;
use oxc_span::{GetSpan, Span};
use oxc_syntax::reference::ReferenceId;

use crate::framework::EXPRESS;

/// What counts as a send in one file: the framework's send methods plus the file's configured
/// `sendMethods` (`sendonce.json`). A value handed down to every send check, so that files with
/// different configurations can be analysed side by side on any thread.
#[derive(Debug, Clone, Copy, Default)]
pub struct SendMethods<'c> {
    configured: &'c [String],
}

impl<'c> SendMethods<'c> {
    /// The built-in methods plus `configured` (the `sendMethods` of the file's `sendonce.json`).
    pub fn new(configured: &'c [String]) -> Self {
        Self { configured }
    }

    /// Whether `method` ends a response: a built-in send method or a configured one.
    pub fn is_send_method(self, method: &str) -> bool {
        EXPRESS.answer.send_methods.contains(&method) || self.configured.iter().any(|m| m == method)
    }
}

/// Tells whether an identifier is the response (or `next`): the question every send check asks.
pub trait Identifies {
    /// Whether `id` refers to the tracked value.
    fn identifies(&self, id: &IdentifierReference<'_>) -> bool;
}

/// By name: for code that already knows which statements belong to the handler (the fixes).
impl Identifies for str {
    fn identifies(&self, id: &IdentifierReference<'_>) -> bool {
        id.name == self
    }
}

/// A parameter identified by its symbol, so that an inner `const res = await fetch(...)`, or a
/// callback's own `res`, is a different value even though it has the same name.
#[derive(Debug, Clone)]
pub struct Binding<'a> {
    /// The parameter's name, for the text of messages and fixes.
    pub name: &'a str,
    /// Every reference that resolves to the parameter, sorted; `None` when the file has no symbol
    /// data, and then the name decides.
    references: Option<Vec<ReferenceId>>,
}

impl<'a> Binding<'a> {
    /// The binding `id` declares, with its references from `scoping` (when the semantic pass ran).
    pub fn of(id: &BindingIdentifier<'a>, scoping: Option<&Scoping>) -> Self {
        let references = match (id.symbol_id.get(), scoping) {
            (Some(symbol), Some(scoping)) => {
                let mut references = scoping.get_resolved_reference_ids(symbol).to_vec();
                references.sort_unstable();
                Some(references)
            }
            _ => None,
        };
        Self { name: id.name.as_str(), references }
    }
}

impl Identifies for Binding<'_> {
    fn identifies(&self, id: &IdentifierReference<'_>) -> bool {
        match (&self.references, id.reference_id.get()) {
            (Some(references), Some(reference)) => references.binary_search(&reference).is_ok(),
            (Some(_), None) => false,
            (None, _) => id.name == self.name,
        }
    }
}

/// Finds a reference to one of some bindings in a piece of code: the one question "does this
/// callback, body or test use the response (or `next`, or the caught error)" that handler
/// discovery and the flow both ask. Visit the code, then read [`ReferenceFinder::found`].
pub struct ReferenceFinder<'b> {
    bindings: &'b [&'b Binding<'b>],
    found: bool,
}

impl<'b> ReferenceFinder<'b> {
    /// A finder of references to any of `bindings`.
    pub fn new(bindings: &'b [&'b Binding<'b>]) -> Self {
        Self { bindings, found: false }
    }

    /// Whether the code visited so far refers to one of the bindings.
    pub fn found(&self) -> bool {
        self.found
    }
}

impl<'a> Visit<'a> for ReferenceFinder<'_> {
    fn visit_identifier_reference(&mut self, it: &IdentifierReference<'a>) {
        if !self.found {
            self.found = self.bindings.iter().any(|binding| binding.identifies(it));
        }
    }
}

/// One call that sends a response.
#[derive(Debug, Clone, Copy)]
pub struct Send<'a> {
    /// The send call itself (`res.status(404).json(body)`).
    pub call: &'a CallExpression<'a>,
    /// The send method (`json`).
    pub method: &'a str,
    /// The callee up to the method (`res.status(404)`), whose text the fix keeps.
    pub receiver: &'a Expression<'a>,
}

impl<'a> Send<'a> {
    /// The whole call's span.
    pub fn span(&self) -> Span {
        self.call.span
    }

    /// `res.end()` with no body: after a send it finishes nothing new and throws nothing,
    /// so it never counts as a second response.
    pub fn is_bare_end(&self) -> bool {
        self.method == "end" && self.call.arguments.is_empty()
    }
}

/// `expr` as a send on `response`, looking through parentheses, TS casts and `await`.
pub fn as_send<'a, R: Identifies + ?Sized>(
    expr: &'a Expression<'a>,
    response: &R,
    methods: SendMethods<'_>,
) -> Option<Send<'a>> {
    let expr = match expr.get_inner_expression() {
        Expression::AwaitExpression(await_expr) => await_expr.argument.get_inner_expression(),
        other => other,
    };
    let Expression::CallExpression(call) = expr else { return None };
    let Expression::StaticMemberExpression(member) = call.callee.get_inner_expression() else { return None };
    let method = member.property.name.as_str();
    if !methods.is_send_method(method) || !is_rooted_at(&member.object, response, methods) {
        return None;
    }
    Some(Send { call, method, receiver: &member.object })
}

/// Whether `expr` is `response` or a chain of non-send calls on it (`res.status(500)`).
fn is_rooted_at<R: Identifies + ?Sized>(expr: &Expression<'_>, response: &R, methods: SendMethods<'_>) -> bool {
    match expr.get_inner_expression() {
        Expression::Identifier(id) => response.identifies(id),
        Expression::CallExpression(call) => match call.callee.get_inner_expression() {
            Expression::StaticMemberExpression(member) => {
                !methods.is_send_method(member.property.name.as_str())
                    && is_rooted_at(&member.object, response, methods)
            }
            _ => false,
        },
        _ => false,
    }
}

/// How a statement takes part in the response, seen from the statement list it is in.
#[derive(Debug, Clone, Copy)]
pub enum StatementEffect<'a> {
    /// Always sends, and execution continues after it.
    Sends(Send<'a>),
    /// `return res.json(...)`: sends, and the path ends.
    SendsAndExits(Send<'a>),
    /// `return`, `throw`, `break`, `continue`: the path ends here without a send.
    Exits,
    /// Anything else (including sends that happen only on some paths through it).
    Other,
}

/// What `stmt` does with the response named `response`.
pub fn statement_effect<'a, R: Identifies + ?Sized>(
    stmt: &'a Statement<'a>,
    response: &R,
    methods: SendMethods<'_>,
) -> StatementEffect<'a> {
    match stmt {
        Statement::ExpressionStatement(s) => match definite_send(&s.expression, response, methods) {
            Some(send) => StatementEffect::Sends(send),
            None => StatementEffect::Other,
        },
        Statement::ReturnStatement(s) => {
            match s.argument.as_ref().and_then(|arg| definite_send(arg, response, methods)) {
                Some(send) => StatementEffect::SendsAndExits(send),
                None => StatementEffect::Exits,
            }
        }
        Statement::ThrowStatement(_) | Statement::BreakStatement(_) | Statement::ContinueStatement(_) => {
            StatementEffect::Exits
        }
        _ => StatementEffect::Other,
    }
}

/// A send that happens whenever `expr` is evaluated: a send call, or `c ? res.json(a) : res.json(b)`
/// (reported as the first branch's send).
fn definite_send<'a, R: Identifies + ?Sized>(
    expr: &'a Expression<'a>,
    response: &R,
    methods: SendMethods<'_>,
) -> Option<Send<'a>> {
    if let Some(send) = as_send(expr, response, methods) {
        return Some(send);
    }
    match expr.get_inner_expression() {
        Expression::ConditionalExpression(cond) => {
            let consequent = definite_send(&cond.consequent, response, methods)?;
            definite_send(&cond.alternate, response, methods)?;
            Some(consequent)
        }
        _ => None,
    }
}

/// Source text of a send for messages: the call on one line, or `res.json(...)` when long.
pub fn describe(source: &str, send: &Send<'_>) -> String {
    const MAX: usize = 48;
    let span = send.call.span();
    let text = &source[span.start as usize..span.end as usize];
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= MAX && !one_line.contains("//") {
        return one_line;
    }
    let receiver = send.receiver.span();
    let receiver =
        source[receiver.start as usize..receiver.end as usize].split_whitespace().collect::<Vec<_>>().join(" ");
    format!("{receiver}.{}(...)", send.method)
}

/// Whether `call` is a send on `response` (used to ask "does this block send at all?").
pub fn is_send_call<R: Identifies + ?Sized>(call: &CallExpression<'_>, response: &R, methods: SendMethods<'_>) -> bool {
    let Expression::StaticMemberExpression(member) = call.callee.get_inner_expression() else { return false };
    let method = member.property.name.as_str();
    methods.is_send_method(method)
        && is_rooted_at(&member.object, response, methods)
        && !(EXPRESS.answer.result_to_callback_methods.contains(&method)
            && call.arguments.last().is_some_and(|argument| {
                matches!(argument, Argument::ArrowFunctionExpression(_) | Argument::FunctionExpression(_))
            }))
}

//! Generated handler files (proptest strategies), shared by the property, fuzz, fault and CLI tests.
//!
//! [`handler_file`] is a proptest strategy for whole source files: a Next.js
//! default export, an Express route or a TypeScript handler whose body is a
//! random mix of awaits (independent and dependent on earlier ones), sends
//! (`res.json`, `res.status(n).json`, `return res.json`), `if`/`else`,
//! `try`/`catch`, loops, returns and logging, with comments before, after and
//! inside statements, in a random file shape (tabs or spaces, LF or CRLF, a
//! BOM or not, semicolons or not, single or double quotes). Every generated
//! file parses; the tests check that first.
//!
//! [`behaviour_case`] is a narrower strategy for executing handlers with Node:
//! only the seed's shape (independent awaits and `res.json` sends), with a
//! model of what each send's body is at runtime.

use std::fmt::Write as _;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// The number of cases for a property: `PROPTEST_CASES` if set, else `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// `count` values of `strategy`, the same on every run (a fixed seed), for tests that are not properties.
pub fn sample<S: Strategy>(strategy: S, count: usize, seed: u8) -> Vec<S::Value> {
    let config = Config::default();
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]);
    let mut runner = TestRunner::new_with_rng(config, rng);
    (0..count).map(|_| strategy.new_tree(&mut runner).expect("a value").current()).collect()
}

// ---------------------------------------------------------------------------
// file shape
// ---------------------------------------------------------------------------

/// How a file is written, independent of what it says.
#[derive(Debug, Clone)]
pub struct Shape {
    /// One indentation level.
    pub indent: &'static str,
    /// `"\r\n"` or `"\n"`.
    pub newline: &'static str,
    /// Starts with a UTF-8 BOM.
    pub bom: bool,
    /// Statements end with `;`.
    pub semicolons: bool,
    /// Strings use `'`.
    pub single_quote: bool,
    /// The file ends with a newline.
    pub final_newline: bool,
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        prop_oneof![Just("  "), Just("    "), Just("\t")],
        prop_oneof![3 => Just("\n"), 1 => Just("\r\n")],
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.8),
        any::<bool>(),
        prop::bool::weighted(0.9),
    )
        .prop_map(|(indent, newline, bom, semicolons, single_quote, final_newline)| Shape {
            indent,
            newline,
            bom,
            semicolons,
            single_quote,
            final_newline,
        })
}

// ---------------------------------------------------------------------------
// handler bodies
// ---------------------------------------------------------------------------

/// Which kind of file the handler lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// `export default async function handler(req, res)` in a `.js` file.
    NextJs,
    /// `router.get(path, async (req, res) => ...)` with `require('express')`, in a `.js` or `.cjs` file.
    Express,
    /// A Next.js handler with `NextApiRequest`/`NextApiResponse` and typed awaits, in a `.ts` file.
    NextTs,
    /// An Express route with `Request`/`Response` annotations, in a `.ts` file.
    ExpressTs,
}

impl Flavor {
    fn is_ts(self) -> bool {
        matches!(self, Self::NextTs | Self::ExpressTs)
    }
}

/// Where comments go around and inside one statement (several may apply).
#[derive(Debug, Clone, Copy, Default)]
pub struct Comments {
    /// `// note` on its own line before the statement.
    pub leading_line: bool,
    /// A multi-line `/* ... */` block before the statement.
    pub leading_block: bool,
    /// `/* note */` on the statement's line, before it.
    pub inline_before: bool,
    /// `/* note */` inside the statement's expression.
    pub inside: bool,
    /// `// note` at the end of the statement's line.
    pub trailing: bool,
    /// A blank line before the statement.
    pub blank_before: bool,
}

fn comments() -> impl Strategy<Value = Comments> + Clone {
    prop_oneof![
        3 => Just(Comments::default()),
        2 => (
            prop::bool::weighted(0.4),
            prop::bool::weighted(0.15),
            prop::bool::weighted(0.15),
            prop::bool::weighted(0.3),
            prop::bool::weighted(0.4),
            prop::bool::weighted(0.3),
        )
            .prop_map(|(leading_line, leading_block, inline_before, inside, trailing, blank_before)| Comments {
                leading_line,
                leading_block,
                inline_before,
                inside,
                trailing,
                blank_before,
            }),
    ]
}

/// Names of the functions awaited, from which the variable names are made (`getUser3` gives `user3`).
const VERBS: &[&str] = &["get", "fetch", "load", "find", "count", "list", "create", "update", "save"];
const NOUNS: &[&str] = &["user", "orders", "stats", "profile", "items", "team", "data", "invoices"];
/// Keys used in object bodies; some are also variable names, so bodies may clash.
const KEYS: &[&str] = &["data", "items", "user", "total", "result", "meta"];

/// `const`, `let` or `var`.
#[derive(Debug, Clone, Copy)]
pub enum Decl {
    Const,
    Let,
    Var,
}

/// What a send sends.
#[derive(Debug, Clone)]
pub enum Body {
    /// A variable in scope (`res.json(user1)`).
    Var(Index),
    /// An object literal of variables in scope: shorthand (`{ user1 }`) or keyed (`{ data: user1 }`).
    Object(Vec<(Option<usize>, Index)>),
    /// A literal object (`{ ok: true }`).
    Literal,
    /// An inline await (`res.json(await getUser3())`).
    Await(usize, usize),
}

/// A loop statement.
#[derive(Debug, Clone, Copy)]
pub enum LoopKind {
    ForOf,
    ForIndex,
    While,
}

/// One statement of a generated handler.
#[derive(Debug, Clone)]
pub enum Stmt {
    /// `const user1 = await getUser1(dep?.id);`
    Await { decl: Decl, verb: usize, noun: usize, dep: Option<Index>, typed: bool, parens: bool },
    /// `res.json(body);`, `res.status(201).json(body);`, `return res.json(body);`
    Send { status: Option<u16>, body: Body, ret: bool },
    /// `if (cond) { ... } else { ... }`
    If { cond: Option<Index>, then: Vec<Node>, otherwise: Option<Vec<Node>> },
    /// `try { ... } catch (err) { ... }` (the catch may answer 500).
    Try { body: Vec<Node>, catch_sends: bool, finally: bool },
    /// A loop around statements.
    Loop { kind: LoopKind, body: Vec<Node> },
    /// `return;`
    Return,
    /// `console.log(...)`: a statement that is neither an await nor a send.
    Log,
}

/// A statement with its comments.
#[derive(Debug, Clone)]
pub struct Node {
    pub stmt: Stmt,
    pub comments: Comments,
}

fn decl() -> impl Strategy<Value = Decl> + Clone {
    prop_oneof![6 => Just(Decl::Const), 2 => Just(Decl::Let), 1 => Just(Decl::Var)]
}

fn body() -> impl Strategy<Value = Body> + Clone {
    prop_oneof![
        4 => any::<Index>().prop_map(Body::Var),
        3 => prop::collection::vec((prop::option::weighted(0.4, 0..KEYS.len()), any::<Index>()), 1..3)
            .prop_map(Body::Object),
        1 => Just(Body::Literal),
        1 => (0..VERBS.len(), 0..NOUNS.len()).prop_map(|(v, n)| Body::Await(v, n)),
    ]
}

fn leaf() -> impl Strategy<Value = Stmt> + Clone {
    prop_oneof![
        5 => (decl(), 0..VERBS.len(), 0..NOUNS.len(), prop::option::weighted(0.35, any::<Index>()), any::<bool>(),
              prop::bool::weighted(0.1))
            .prop_map(|(decl, verb, noun, dep, typed, parens)| Stmt::Await { decl, verb, noun, dep, typed, parens }),
        5 => (prop::option::weighted(0.15, prop_oneof![Just(200u16), Just(201u16), Just(404u16)]), body(),
              prop::bool::weighted(0.2))
            .prop_map(|(status, body, ret)| Stmt::Send { status, body, ret }),
        1 => Just(Stmt::Return),
        1 => Just(Stmt::Log),
    ]
}

fn node_of(stmt: impl Strategy<Value = Stmt> + Clone) -> impl Strategy<Value = Node> + Clone {
    (stmt, comments()).prop_map(|(stmt, comments)| Node { stmt, comments })
}

/// Any statement, nested at most three levels deep.
pub fn stmt() -> impl Strategy<Value = Stmt> + Clone {
    leaf().prop_recursive(3, 32, 4, |inner| {
        let block = prop::collection::vec(node_of(inner), 0..4);
        prop_oneof![
            (prop::option::weighted(0.6, any::<Index>()), block.clone(), prop::option::weighted(0.4, block.clone()))
                .prop_map(|(cond, then, otherwise)| Stmt::If { cond, then, otherwise }),
            (block.clone(), prop::bool::weighted(0.6), prop::bool::weighted(0.15))
                .prop_map(|(body, catch_sends, finally)| Stmt::Try { body, catch_sends, finally }),
            (prop_oneof![Just(LoopKind::ForOf), Just(LoopKind::ForIndex), Just(LoopKind::While)], block)
                .prop_map(|(kind, body)| Stmt::Loop { kind, body }),
        ]
    })
}

/// An await or a send: the seed's shape.
fn await_or_send() -> impl Strategy<Value = Stmt> + Clone {
    leaf().prop_filter("an await or a send", |s| matches!(s, Stmt::Await { .. } | Stmt::Send { .. }))
}

/// A handler body: any mix of statements, or a run of awaits and sends (the seed's shape, which
/// `multiple-sends` rewrites) between other statements.
fn handler_body() -> impl Strategy<Value = Vec<Node>> {
    let any_mix = prop::collection::vec(node_of(prop_oneof![4 => leaf(), 1 => stmt()]), 1..9);
    let around = prop::collection::vec(node_of(stmt()), 0..2);
    let seed_run = (around.clone(), prop::collection::vec(node_of(await_or_send()), 2..8), around).prop_map(
        |(mut before, run, after)| {
            before.extend(run);
            before.extend(after);
            before
        },
    );
    prop_oneof![any_mix, seed_run]
}

/// A whole generated file.
#[derive(Debug, Clone)]
pub struct HandlerFile {
    pub flavor: Flavor,
    pub shape: Shape,
    /// One or two handlers in the file.
    pub handlers: Vec<Vec<Node>>,
    /// A comment at the top of the file.
    pub header_comment: bool,
    /// Use the `.cjs` extension for an Express file.
    pub cjs: bool,
}

/// Strategy for a whole file.
pub fn handler_file() -> impl Strategy<Value = HandlerFile> {
    (
        prop_oneof![Just(Flavor::NextJs), Just(Flavor::Express), Just(Flavor::NextTs), Just(Flavor::ExpressTs)],
        shape(),
        prop::collection::vec(handler_body(), 1..3),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(flavor, shape, handlers, header_comment, cjs)| HandlerFile {
            flavor,
            shape,
            handlers,
            header_comment,
            cjs,
        })
}

impl HandlerFile {
    /// The file name extension.
    pub fn extension(&self) -> &'static str {
        match self.flavor {
            Flavor::NextJs => "js",
            Flavor::Express if self.cjs => "cjs",
            Flavor::Express => "js",
            Flavor::NextTs | Flavor::ExpressTs => "ts",
        }
    }

    /// The file's bytes (with the BOM, when the shape has one).
    pub fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        if self.shape.bom {
            out.extend_from_slice("\u{feff}".as_bytes());
        }
        out.extend_from_slice(self.render().as_bytes());
        out
    }

    /// The file's text, without BOM.
    pub fn render(&self) -> String {
        let mut r = Renderer::new(&self.shape, self.flavor.is_ts());
        let q = r.quote;
        if self.header_comment {
            let comment = r.next_comment();
            r.line(0, &format!("// {comment}: generated handler"));
        }
        match self.flavor {
            Flavor::NextJs => {}
            Flavor::NextTs => {
                r.line(0, &format!("import type {{ NextApiRequest, NextApiResponse }} from {q}next{q}{}", r.semi()));
                r.blank();
                r.line(0, &format!("type Item = {{ id: string; n: number; arg: unknown }}{}", r.semi()));
                r.blank();
            }
            Flavor::Express => {
                r.line(0, &format!("const express = require({q}express{q}){}", r.semi()));
                r.blank();
                r.line(0, &format!("const router = express.Router(){}", r.semi()));
                r.blank();
            }
            Flavor::ExpressTs => {
                r.line(0, &format!("import express, {{ Request, Response }} from {q}express{q}{}", r.semi()));
                r.blank();
                r.line(0, &format!("type Item = {{ id: string; n: number; arg: unknown }}{}", r.semi()));
                r.blank();
                r.line(0, &format!("const router = express.Router(){}", r.semi()));
                r.blank();
            }
        }
        for (index, body) in self.handlers.iter().enumerate() {
            if index > 0 {
                r.blank();
            }
            if r.pick(body.len()).is_multiple_of(3) {
                let comment = r.next_comment();
                r.line(0, "/**");
                r.line(0, &format!(" * {comment}: the handler"));
                r.line(0, " */");
            }
            let (open, close) = match (self.flavor, index) {
                (Flavor::NextJs, 0) => ("export default async function handler(req, res) {".to_owned(), "}".to_owned()),
                (Flavor::NextJs, n) => (format!("export async function handler{n}(req, res) {{"), "}".to_owned()),
                (Flavor::NextTs, 0) => (
                    "export default async function handler(req: NextApiRequest, res: NextApiResponse) {".to_owned(),
                    "}".to_owned(),
                ),
                (Flavor::NextTs, n) => (
                    format!("export async function handler{n}(req: NextApiRequest, res: NextApiResponse) {{"),
                    "}".to_owned(),
                ),
                (Flavor::Express, n) => {
                    (format!("router.get({q}/items{n}/:id{q}, async (req, res) => {{"), format!("}}){}", r.semi()))
                }
                (Flavor::ExpressTs, n) => (
                    format!("router.get({q}/items{n}/:id{q}, async (req: Request, res: Response) => {{"),
                    format!("}}){}", r.semi()),
                ),
            };
            r.line(0, &open);
            r.block(body, 1);
            r.line(0, &close);
        }
        if matches!(self.flavor, Flavor::Express) {
            r.blank();
            r.line(0, &format!("module.exports = router{}", r.semi()));
        } else if matches!(self.flavor, Flavor::ExpressTs) {
            r.blank();
            r.line(0, &format!("export default router{}", r.semi()));
        }
        r.helpers();
        let comment = r.next_comment();
        r.line(0, &format!("// {comment}: end of file"));
        let mut out = r.out;
        if !self.shape.final_newline {
            let trimmed = out.trim_end_matches(['\r', '\n']).len();
            out.truncate(trimmed);
        }
        out
    }
}

/// A function awaited somewhere in the file, defined at its end.
struct Helper {
    name: String,
    id: String,
    n: usize,
}

struct Renderer<'s> {
    shape: &'s Shape,
    ts: bool,
    quote: char,
    out: String,
    comments: usize,
    counter: usize,
    scopes: Vec<Vec<String>>,
    /// Variables some send has sent.
    sent: Vec<String>,
    helpers: Vec<Helper>,
}

impl<'s> Renderer<'s> {
    fn new(shape: &'s Shape, ts: bool) -> Self {
        Self {
            shape,
            ts,
            quote: if shape.single_quote { '\'' } else { '"' },
            out: String::new(),
            comments: 0,
            counter: 0,
            scopes: Vec::new(),
            sent: Vec::new(),
            helpers: Vec::new(),
        }
    }

    fn semi(&self) -> &'static str {
        if self.shape.semicolons {
            ";"
        } else {
            ""
        }
    }

    /// A deterministic pseudo-choice, so rendering needs no randomness of its own.
    fn pick(&self, salt: usize) -> usize {
        (self.counter * 31 + self.comments * 17 + salt) % 7
    }

    fn next_comment(&mut self) -> String {
        self.comments += 1;
        format!("c{}", self.comments)
    }

    fn line(&mut self, depth: usize, text: &str) {
        for _ in 0..depth {
            self.out.push_str(self.shape.indent);
        }
        self.out.push_str(text);
        self.out.push_str(self.shape.newline);
    }

    fn blank(&mut self) {
        self.out.push_str(self.shape.newline);
    }

    fn names_in_scope(&self) -> Vec<String> {
        self.scopes.iter().flatten().cloned().collect()
    }

    fn resolve(&self, index: &Index) -> Option<String> {
        let names = self.names_in_scope();
        (!names.is_empty()).then(|| names[index.index(names.len())].clone())
    }

    /// A variable in scope for a body, preferring one no send has used yet (fewer key clashes).
    fn resolve_unsent(&mut self, index: &Index) -> Option<String> {
        let names = self.names_in_scope();
        let unsent: Vec<&String> = names.iter().filter(|n| !self.sent.contains(n)).collect();
        let name = if unsent.is_empty() {
            (!names.is_empty()).then(|| names[index.index(names.len())].clone())
        } else {
            Some(unsent[index.index(unsent.len())].clone())
        }?;
        self.sent.push(name.clone());
        Some(name)
    }

    fn block(&mut self, nodes: &[Node], depth: usize) {
        self.scopes.push(Vec::new());
        for node in nodes {
            self.node(node, depth);
        }
        self.scopes.pop();
    }

    fn helper(&mut self, verb: usize, noun: usize) -> (String, String) {
        self.counter += 1;
        let n = self.counter;
        let noun_name = NOUNS[noun];
        let mut capitalized = noun_name.to_owned();
        capitalized[..1].make_ascii_uppercase();
        let name = format!("{}{capitalized}{n}", VERBS[verb]);
        let var = format!("{noun_name}{n}");
        self.helpers.push(Helper { name: name.clone(), id: var.clone(), n });
        (name, var)
    }

    fn node(&mut self, node: &Node, depth: usize) {
        let c = node.comments;
        let q = self.quote;
        let semi = self.semi();
        if c.blank_before {
            self.blank();
        }
        if c.leading_line {
            let comment = self.next_comment();
            self.line(depth, &format!("// {comment}: about the next line"));
        }
        if c.leading_block {
            let comment = self.next_comment();
            self.line(depth, "/*");
            self.line(depth, &format!(" * {comment}: a block"));
            self.line(depth, " */");
        }
        let before = if c.inline_before { format!("/* {} */ ", self.next_comment()) } else { String::new() };
        let inside = if c.inside { format!("/* {} */ ", self.next_comment()) } else { String::new() };
        let trailing = if c.trailing { format!(" // {}", self.next_comment()) } else { String::new() };
        match &node.stmt {
            Stmt::Await { decl, verb, noun, dep, typed, parens } => {
                let arg = dep.as_ref().and_then(|d| self.resolve(d)).map(|v| format!("{v}.id")).unwrap_or_default();
                let (name, var) = self.helper(*verb, *noun);
                let keyword = match decl {
                    Decl::Const => "const",
                    Decl::Let => "let",
                    Decl::Var => "var",
                };
                let annotation = if self.ts && *typed { ": Item" } else { "" };
                let call = format!("{name}({arg})");
                let value = if *parens { format!("(await {inside}{call})") } else { format!("await {inside}{call}") };
                self.line(depth, &format!("{before}{keyword} {var}{annotation} = {value}{semi}{trailing}"));
                if let Some(scope) = self.scopes.last_mut() {
                    scope.push(var);
                }
            }
            Stmt::Send { status, body, ret } => {
                self.counter += 1;
                let n = self.counter;
                let body = match body {
                    Body::Var(index) => self.resolve_unsent(index).unwrap_or_else(|| format!("{{ ok{n}: true }}")),
                    Body::Object(entries) => {
                        let mut parts = Vec::new();
                        for (key, index) in entries {
                            match (key, self.resolve_unsent(index)) {
                                (None, Some(var)) => parts.push(var),
                                (Some(key), Some(var)) => parts.push(format!("{}: {var}", KEYS[*key])),
                                (Some(key), None) => parts.push(format!("{}: {q}none{q}", KEYS[*key])),
                                (None, None) => parts.push(format!("ok{n}: true")),
                            }
                        }
                        format!("{{ {} }}", parts.join(", "))
                    }
                    Body::Literal => format!("{{ ok{n}: true, source{n}: {q}literal{q} }}"),
                    Body::Await(verb, noun) => {
                        let (name, _) = self.helper(*verb, *noun);
                        format!("await {name}()")
                    }
                };
                let status = status.map(|s| format!(".status({s})")).unwrap_or_default();
                let ret = if *ret { "return " } else { "" };
                self.line(depth, &format!("{before}{ret}res{status}.json({inside}{body}){semi}{trailing}"));
            }
            Stmt::If { cond, then, otherwise } => {
                let cond = match cond.as_ref().and_then(|c| self.resolve(c)) {
                    Some(var) if self.counter.is_multiple_of(2) => format!("!{var}"),
                    Some(var) => format!("{var}.n > 1"),
                    None => "req.query.flag".to_owned(),
                };
                self.line(depth, &format!("{before}if ({inside}{cond}) {{"));
                self.block(then, depth + 1);
                match otherwise {
                    Some(otherwise) => {
                        self.line(depth, "} else {");
                        self.block(otherwise, depth + 1);
                        self.line(depth, &format!("}}{trailing}"));
                    }
                    None => self.line(depth, &format!("}}{trailing}")),
                }
            }
            Stmt::Try { body, catch_sends, finally } => {
                self.line(depth, &format!("{before}try {{"));
                self.block(body, depth + 1);
                self.line(depth, format!("}} catch (err) {{ {}", inside.trim_end()).trim_end());
                self.line(depth + 1, &format!("console.error({q}failed{q}, err){semi}"));
                if *catch_sends {
                    self.line(depth + 1, &format!("res.status(500).json({{ error: {q}failed{q} }}){semi}"));
                }
                if *finally {
                    self.line(depth, "} finally {");
                    self.line(depth + 1, &format!("console.log({q}done{q}){semi}"));
                }
                self.line(depth, &format!("}}{trailing}"));
            }
            Stmt::Loop { kind, body } => {
                self.counter += 1;
                let n = self.counter;
                let head = match kind {
                    LoopKind::ForOf => format!("for (const entry{n} of [1, 2]) {{"),
                    LoopKind::ForIndex => format!("for (let i{n} = 0; i{n} < 2; i{n}++) {{"),
                    LoopKind::While => format!("while ({inside}req.query.again) {{"),
                };
                self.line(depth, &format!("{before}{head}"));
                self.block(body, depth + 1);
                self.line(depth, &format!("}}{trailing}"));
            }
            Stmt::Return => self.line(depth, &format!("{before}return{semi}{trailing}")),
            Stmt::Log => {
                self.counter += 1;
                let n = self.counter;
                self.line(depth, &format!("{before}console.log({inside}{q}step{q}, {n}){semi}{trailing}"));
            }
        }
    }

    /// Defines every awaited function at the end of the file.
    fn helpers(&mut self) {
        let helpers = std::mem::take(&mut self.helpers);
        let (q, semi) = (self.quote, self.semi());
        for helper in &helpers {
            self.blank();
            let signature = if self.ts {
                format!("async function {}(arg?: unknown): Promise<Item> {{", helper.name)
            } else {
                format!("async function {}(arg) {{", helper.name)
            };
            self.line(0, &signature);
            self.line(1, &format!("return {{ id: {q}{}{q}, n: {}, arg: arg ?? null }}{semi}", helper.id, helper.n));
            self.line(0, "}");
        }
    }
}

// ---------------------------------------------------------------------------
// executable cases: the seed's shape, with a model of each body
// ---------------------------------------------------------------------------

/// One send of a behaviour case.
#[derive(Debug, Clone)]
pub enum SentBody {
    /// `res.json(var)`: the value of one await.
    Var(usize),
    /// `res.json({ keyN: var, ... })` (or `{ var }` when `shorthand`).
    Object(Vec<(usize, bool)>),
    /// `res.json(await getX())`: an inline await.
    InlineAwait(usize),
}

/// One statement of a behaviour case, in order.
#[derive(Debug, Clone)]
pub enum Step {
    /// `const v = await getX();` (the number is the await's index).
    Await(usize),
    /// A send.
    Send(SentBody),
}

/// A handler of the seed's shape that sendonce fixes, with what each send would send.
#[derive(Debug, Clone)]
pub struct BehaviourCase {
    pub express: bool,
    pub shape: Shape,
    /// `res.status(200).json(...)` instead of `res.json(...)` on every send.
    pub with_status: bool,
    /// `return` on the last send.
    pub return_last: bool,
    pub steps: Vec<Step>,
    /// Name stem of each await's function and variable (`getItems3` / `items3`).
    pub awaits: Vec<(usize, usize)>,
    /// Comments on the statements.
    pub comments: Vec<bool>,
}

/// A case: groups of one or two awaits, each followed by one send of what they fetched.
pub fn behaviour_case() -> impl Strategy<Value = BehaviourCase> {
    let group = (1usize..3, 0..4usize, any::<bool>());
    (
        any::<bool>(),
        shape(),
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(group, 2..5),
        prop::collection::vec((0..VERBS.len() - 3, 0..NOUNS.len()), 12),
        prop::collection::vec(prop::bool::weighted(0.3), 24),
    )
        .prop_map(|(express, mut shape, with_status, return_last, groups, names, comments)| {
            // Node reads the file; keep it plain UTF-8 without a BOM for the harness.
            shape.bom = false;
            let mut steps = Vec::new();
            let mut awaits = Vec::new();
            for (index, (count, body_kind, shorthand)) in groups.into_iter().enumerate() {
                if index > 0 && body_kind == 3 {
                    awaits.push(names[awaits.len()]);
                    steps.push(Step::Send(SentBody::InlineAwait(awaits.len() - 1)));
                    continue;
                }
                let first = awaits.len();
                for _ in 0..count {
                    awaits.push(names[awaits.len()]);
                    steps.push(Step::Await(awaits.len() - 1));
                }
                let body = if count == 1 && body_kind < 2 {
                    SentBody::Var(first)
                } else {
                    SentBody::Object((first..awaits.len()).map(|a| (a, shorthand)).collect())
                };
                steps.push(Step::Send(body));
            }
            BehaviourCase { express, shape, with_status, return_last, steps, awaits, comments }
        })
}

impl BehaviourCase {
    pub fn file_name(&self) -> &'static str {
        if self.express {
            "route.cjs"
        } else {
            "handler.mjs"
        }
    }

    /// The awaited function of await `a`.
    pub fn function(&self, a: usize) -> String {
        let (verb, noun) = self.awaits[a];
        let mut capitalized = NOUNS[noun].to_owned();
        capitalized[..1].make_ascii_uppercase();
        format!("{}{capitalized}{a}", VERBS[verb])
    }

    /// The variable of await `a`.
    pub fn variable(&self, a: usize) -> String {
        format!("{}{a}", NOUNS[self.awaits[a].1])
    }

    /// What `await getX()` of await `a` resolves to (matches [`Self::render`]).
    pub fn value(&self, a: usize) -> serde_json::Value {
        serde_json::json!({ "id": self.variable(a), "n": a })
    }

    /// The body each send would send, in order, as JSON (the model of the original handler).
    pub fn bodies(&self) -> Vec<serde_json::Value> {
        let mut out = Vec::new();
        for step in &self.steps {
            let Step::Send(body) = step else { continue };
            out.push(match body {
                SentBody::Var(a) | SentBody::InlineAwait(a) => self.value(*a),
                SentBody::Object(entries) => {
                    let mut object = serde_json::Map::new();
                    for &(a, shorthand) in entries {
                        let key = if shorthand { self.variable(a) } else { format!("key{a}") };
                        object.insert(key, self.value(a));
                    }
                    serde_json::Value::Object(object)
                }
            });
        }
        out
    }

    /// The single body of the fixed handler: every body merged, a sent variable `x` as the property `x`,
    /// an inline `await getX()` as the property sendonce names after the function (`getItems3` gives `items3`).
    pub fn merged_body(&self) -> serde_json::Value {
        let mut merged = serde_json::Map::new();
        for step in &self.steps {
            let Step::Send(body) = step else { continue };
            match body {
                SentBody::Var(a) | SentBody::InlineAwait(a) => {
                    merged.insert(self.variable(*a), self.value(*a));
                }
                SentBody::Object(entries) => {
                    for &(a, shorthand) in entries {
                        let key = if shorthand { self.variable(a) } else { format!("key{a}") };
                        merged.insert(key, self.value(a));
                    }
                }
            }
        }
        serde_json::Value::Object(merged)
    }

    /// The awaited function names.
    pub fn functions(&self) -> Vec<String> {
        (0..self.awaits.len()).map(|a| self.function(a)).collect()
    }

    /// The file's text.
    pub fn render(&self) -> String {
        let mut r = Renderer::new(&self.shape, false);
        let (q, semi) = (r.quote, r.semi());
        if self.express {
            r.line(0, &format!("const express = require({q}express{q}){semi}"));
            r.blank();
            r.line(0, &format!("const router = express.Router(){semi}"));
            r.blank();
            r.line(0, &format!("router.get({q}/items/:id{q}, async (req, res) => {{"));
        } else {
            r.line(0, "export default async function handler(req, res) {");
        }
        let sends = self.steps.iter().filter(|s| matches!(s, Step::Send(_))).count();
        let mut sent = 0;
        let status = if self.with_status { ".status(200)" } else { "" };
        for (index, step) in self.steps.iter().enumerate() {
            let trailing =
                if self.comments[index % self.comments.len()] { format!(" // note {index}") } else { String::new() };
            match step {
                Step::Await(a) => {
                    r.line(1, &format!("const {} = await {}(){semi}{trailing}", self.variable(*a), self.function(*a)))
                }
                Step::Send(body) => {
                    sent += 1;
                    let body = match body {
                        SentBody::Var(a) => self.variable(*a),
                        SentBody::InlineAwait(a) => format!("await {}()", self.function(*a)),
                        SentBody::Object(entries) => {
                            let parts: Vec<String> =
                                entries
                                    .iter()
                                    .map(|&(a, shorthand)| {
                                        if shorthand {
                                            self.variable(a)
                                        } else {
                                            format!("key{a}: {}", self.variable(a))
                                        }
                                    })
                                    .collect();
                            format!("{{ {} }}", parts.join(", "))
                        }
                    };
                    let ret = if self.return_last && sent == sends { "return " } else { "" };
                    r.line(1, &format!("{ret}res{status}.json({body}){semi}{trailing}"));
                }
            }
        }
        if self.express {
            r.line(0, &format!("}}){semi}"));
            r.blank();
            r.line(0, &format!("module.exports = router{semi}"));
        } else {
            r.line(0, "}");
        }
        for a in 0..self.awaits.len() {
            r.blank();
            r.line(0, &format!("async function {}() {{", self.function(a)));
            r.line(1, &format!("return {{ id: {q}{}{q}, n: {a} }}{semi}", self.variable(a)));
            r.line(0, "}");
        }
        let mut text = String::new();
        let _ = write!(text, "{}", r.out);
        text
    }
}

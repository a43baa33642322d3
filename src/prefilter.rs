//! A byte-level test that decides, before parsing, whether a file can have any finding at all.
//!
//! Most JavaScript in a project (and almost all of `vendor/`, `dist/` and generated code) has
//! no handler in it. Parsing is the bulk of sendonce's cost, so a file that this module rejects
//! is never parsed: [`may_have_findings`] looks at the raw bytes with `memchr::memmem` and says
//! "maybe" or "certainly not". It may let through a file that has nothing to report; it must
//! never reject a file that has something. A rejected file is never parsed, so a syntax error
//! in it is not reported either (the README says so). For a file that passes, [`Evidence`] lists
//! where the evidence is, so handler discovery can skip the parts of the file that have none.
//!
//! # The contract with the rules
//!
//! A rule can report something in a file only if one of these holds. The prefilter is sound
//! exactly as long as every rule keeps to it (now and after the path-analysis rules):
//!
//! - **(a) a send or a hand-off.** Every finding about sends involves a call of a send method
//!   (the send methods of [`EXPRESS`]: `json`, `send`, `end`, ...) on the response, which the parser only
//!   recognises as a `StaticMemberExpression` callee (`res.json(...)`, `res?.json(...)`,
//!   `res.status(404).json(...)`; `res["json"](...)` and `res.json` without a call are not
//!   sends), or a call of `next(...)` handing the request on, where `next` is the handler's own
//!   third (or fourth) parameter: the rules know it by that name.
//! - **(b) a response parameter.** `no-response` (a path that sends nothing) only fires on
//!   handlers whose second parameter is named exactly `res`, `_res`, `response` or `_response`,
//!   or is typed `NextApiResponse`, `ServerResponse` or `Response` (also qualified, as in
//!   `express.Response`).
//!
//! # Why the byte test is conservative
//!
//! Every word the rules care about (send methods, `next`, the response names and types) is an
//! ASCII identifier. In the source it is spelled either verbatim, as a whole identifier (the
//! bytes around it are not ASCII identifier bytes `[A-Za-z0-9_$]`), or with `\u` escapes.
//! Tokens may be separated by whitespace, line terminators and comments (`//`, `/* */`, and in
//! scripts the Annex B HTML-like `<!--` and `-->`). "The token before" a word below is found by
//! skipping back over ASCII whitespace and over every non-ASCII byte (an over-approximation of
//! the Unicode spaces and U+2028/U+2029: skipping more can only pass more files); it is
//! *unknown*, and the file passes, when the byte reached is the `/` of `*/` or when the skip
//! crossed a line end (`\n`, `\r` or a non-ASCII byte) and the line it reached holds `//`,
//! `<!--` or `-->`, since a comment may end there. A file passes if any of these holds:
//!
//! 1. **A `\u` escape decodes to an ASCII identifier character** (or cannot be decoded): only
//!    such an escape can spell part of one of the words (`res.js\u006Fn()` calls `json`,
//!    `r\u0065s` is the binding `res`). Escapes of other characters (`\u001b`, `\u00e9`) are
//!    common in strings and cannot.
//! 2. **A send method is the property name of a callee:** one of the send methods of [`EXPRESS`] as a whole
//!    word whose token before is `.` (or unknown), followed by what can follow a callee (below).
//!    A static member expression's property always follows its `.` (`res\n  .json()`,
//!    `res. json()`, `res?.json()`, `res./* c */json()`); any other token before the word means it
//!    is not a member property, so not a send. Most such words in libraries are not called
//!    (`node.end`, `pkg.json`), and a send is always a call.
//! 3. **`next` may be a callee, and a parameter:** `next` as a whole word, not right after a
//!    single `.` (the byte before an identifier is `.` only for a property name, as in
//!    `it.next()`, which is not the handler's `next`; `...next()` passes), followed by what can
//!    follow a callee; and somewhere in the file, `next` as a whole word where a later parameter
//!    can stand (after `,`, as case 4 tells), since a call of `next` is a hand-off only when a
//!    handler's own parameter has that name. A handler whose third parameter is named otherwise
//!    (`(req, res, done)`) answers through it only beside a send or a response-like parameter
//!    (see `rules::check_handler`).
//!
//!    What can follow a callee, after whitespace: `(`, `?.`, `<` (type arguments), `!`, `)`
//!    (`(next)(err)`, `(res.json)(x)`), `as` or `satisfies` (`(next as F)(err)`), or a comment
//!    (`//`, `/*`, `-->`).
//! 4. **A response parameter name may be a second parameter:** `res`, `_res`, `response` or
//!    `_response` as a whole word whose token before is `,` (after the first parameter), `)` (a
//!    decorator, `@Res() res`), a TypeScript modifier (`private res`) or unknown.
//! 5. **A response type may annotate a parameter:** `Response`, `NextApiResponse` or
//!    `ServerResponse` as a whole word whose token before is `:`, `.` (`express.Response`), `(`,
//!    `|`, `&` or unknown.
//!
//! Each case covers every way the source can spell what the contract needs, so a file where none
//! holds has no send, no call of a `next` parameter and no handler with a response-like second
//! parameter: no rule can fire. Non-ASCII bytes always count as word boundaries: `éres` passes as if it
//! held `res`, which costs a parse but never hides a real word.
//!
//! Known limit of the contract (not of the byte test): a hand-off is recognised by the name
//! `next`. A rule that reported on calls of a third parameter named otherwise (`done(err)`), in
//! a file with no send call and no response name, would need this module widened.

use std::sync::LazyLock;

use memchr::memmem::{self, Finder};

use crate::framework::EXPRESS;

/// Bytes that may stand between two tokens without being one: ASCII whitespace and line
/// terminators, plus every non-ASCII byte (Unicode spaces, U+2028/U+2029), over-approximated.
fn is_gap_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) || b >= 0x80
}

/// Bytes that can continue an ASCII identifier. Non-ASCII bytes are treated as boundaries.
fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// The needles, built once.
struct Needles {
    /// `\u`: a Unicode escape, possibly inside an identifier.
    escape: Finder<'static>,
    /// The send methods that contain no other send method (`end` finds `send`, `render`, `sendFile`).
    send_methods: Vec<Finder<'static>>,
    /// The hand-off's name (`next`).
    next: Finder<'static>,
    /// The response names that contain no other (`res` finds `res`, `_res`, `response`, `_response`).
    response_names: Vec<Finder<'static>>,
    /// The response types that contain no other (`Response` finds `Response`, `NextApiResponse`,
    /// `ServerResponse`).
    response_types: Vec<Finder<'static>>,
    /// Line comments and Annex B HTML-like comments.
    line_comments: [Finder<'static>; 3],
}

/// Finders for the words of `words` that contain no other of them: finding those finds every word.
fn minimal_finders(words: &'static [&'static str]) -> Vec<Finder<'static>> {
    let minimal = words.iter().filter(|w| !words.iter().any(|other| other != *w && w.contains(other)));
    minimal.map(|w| Finder::new(w.as_bytes())).collect()
}

/// Whether `word` is one of `words`.
fn is_one_of(word: &[u8], words: &[&str]) -> bool {
    words.iter().any(|w| w.as_bytes() == word)
}

static NEEDLES: LazyLock<Needles> = LazyLock::new(|| {
    let parameters = &EXPRESS.parameters;
    Needles {
        escape: Finder::new(b"\\u"),
        send_methods: minimal_finders(EXPRESS.answer.send_methods),
        next: Finder::new(parameters.next.as_bytes()),
        response_names: minimal_finders(parameters.response_names),
        response_types: minimal_finders(parameters.response_types),
        line_comments: [Finder::new(b"//"), Finder::new(b"<!--"), Finder::new(b"-->")],
    }
});

/// [`may_have_findings`], also passing files that mention one of `extra_words` (the configured
/// `sendHelpers` and `sendMethods`, which make more calls count as sends) or a
/// `sendonce-ignore-next-line` directive (an unused one is itself a finding).
pub fn may_have_findings_with(source: &[u8], extra_words: &[&str]) -> bool {
    may_have_findings(source)
        || memmem::find(source, crate::suppress::DIRECTIVE.as_bytes()).is_some()
        || extra_words.iter().any(|word| memmem::find(source, word.as_bytes()).is_some())
}

/// [`may_have_findings_with`], with the file's [`Evidence`] when it holds: one pass over the bytes
/// finds both, and the analysis uses the evidence instead of looking again.
pub fn evidence_if_may_have_findings(source: &[u8], extra_words: &[&str]) -> Option<Evidence> {
    if u32::try_from(source.len()).is_err() {
        // The evidence keeps `u32` offsets only; such a file is decided as the test itself does.
        return may_have_findings_with(source, extra_words).then(|| Evidence::find(source, extra_words));
    }
    let evidence = Evidence::find(source, extra_words);
    let passes = !evidence.offsets.is_empty() || memmem::find(source, crate::suppress::DIRECTIVE.as_bytes()).is_some();
    passes.then_some(evidence)
}

/// Whether the file with these bytes may have a finding: `false` means no rule can fire, so it
/// need not be parsed. See the module documentation for why this never rejects a file that has one.
pub fn may_have_findings(source: &[u8]) -> bool {
    evidence(source).next().is_some()
}

/// Where each of the cases 1 to 5 holds, case by case (not in source order). Sends come first: in
/// the files that pass, one is usually near the start, so [`may_have_findings`] stops early.
fn evidence(source: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let needles = &*NEEDLES;
    send_members(source, needles)
        .chain(response_names(source, needles))
        .chain(next_calls(source, needles))
        .chain(identifier_escapes(source, needles))
}

/// Where in a file the prefilter's evidence is: every offset at which one of the cases 1 to 5
/// holds (a word's first byte, or an escape's backslash), sorted.
///
/// Handler discovery uses it to skip subtrees. A handler with a finding has, inside its own
/// span, the evidence the module documentation describes: its send or `next(...)` call, its
/// response-like parameter, or an escape spelling one of them, since the rules only look at what
/// the handler's body and parameters contain. The one exception is a send made by a helper
/// function the handler calls (`sendError(res)`); [`Evidence::include_helpers`] adds the calls
/// of such helpers. So a statement or expression whose span holds no evidence has no handler with
/// a finding in it, and need not be walked.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    offsets: Vec<u32>,
}

/// At most this many helper functions are followed by [`Evidence::include_helpers`]; a file with
/// more (a bundle that hoists every function to the top level) is walked whole instead.
const MAX_EVIDENCE_HELPERS: usize = 64;

impl Evidence {
    /// The evidence in `source`, plus every occurrence of the configured `extra_words`.
    pub fn find(source: &[u8], extra_words: &[&str]) -> Self {
        let mut offsets: Vec<u32> = evidence(source)
            .chain(extra_words.iter().flat_map(|word| memmem::find_iter(source, word.as_bytes())))
            .filter_map(|at| u32::try_from(at).ok())
            .collect();
        offsets.sort_unstable();
        offsets.dedup();
        Self { offsets }
    }

    /// Whether some evidence lies in `start..end`.
    pub fn within(&self, start: u32, end: u32) -> bool {
        let first = self.offsets.partition_point(|&offset| offset < start);
        self.offsets.get(first).is_some_and(|&offset| offset < end)
    }

    /// Adds, as evidence, every call site a finding can reach a send through: the name of each
    /// top-level helper function (`helpers`: names and body spans) whose body holds evidence, or
    /// names such a helper, as a whole word wherever it occurs. `false` when there are more than
    /// 64 of them (`MAX_EVIDENCE_HELPERS`): then the evidence is not complete and must not be used.
    pub fn include_helpers(&mut self, source: &[u8], helpers: &[(&str, u32, u32)]) -> bool {
        let mut relevant = vec![false; helpers.len()];
        let mut pending: Vec<usize> = Vec::new();
        for (i, &(_, start, end)) in helpers.iter().enumerate() {
            if self.within(start, end) {
                relevant[i] = true;
                pending.push(i);
            }
        }
        // Every helper found relevant is followed, so this many already exceed the limit.
        if pending.len() > MAX_EVIDENCE_HELPERS {
            return false;
        }
        let mut followed = 0;
        while let Some(i) = pending.pop() {
            followed += 1;
            if followed > MAX_EVIDENCE_HELPERS {
                return false;
            }
            let name = helpers[i].0.as_bytes();
            let calls: Vec<u32> = memmem::find_iter(source, name)
                .filter(|&at| word_around(source, at, name.len()) == (at, at + name.len()))
                .filter_map(|at| u32::try_from(at).ok())
                .collect();
            for (j, &(_, start, end)) in helpers.iter().enumerate() {
                if !relevant[j] && calls.iter().any(|&at| (start..end).contains(&at)) {
                    relevant[j] = true;
                    pending.push(j);
                }
            }
            self.offsets.extend(calls);
        }
        self.offsets.sort_unstable();
        self.offsets.dedup();
        true
    }
}

/// The whole ASCII identifier word that contains `start..start + len`: `(word_start, word_end)`.
fn word_around(source: &[u8], start: usize, len: usize) -> (usize, usize) {
    let mut word_start = start;
    while word_start > 0 && is_ident_byte(source[word_start - 1]) {
        word_start -= 1;
    }
    let mut word_end = start + len;
    while word_end < source.len() && is_ident_byte(source[word_end]) {
        word_end += 1;
    }
    (word_start, word_end)
}

/// What comes before a token, looking back over whitespace and comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Before {
    /// The last byte of the previous token, for certain.
    Byte(u8),
    /// A comment may end right there, so the previous token is unknown.
    Unknown,
    /// Nothing: the token starts the file.
    Start,
}

/// The last byte of the token before `start`.
fn before(source: &[u8], start: usize) -> Before {
    let mut at = start;
    let mut crossed_line = false;
    while at > 0 && is_gap_byte(source[at - 1]) {
        crossed_line |= matches!(source[at - 1], b'\n' | b'\r') || source[at - 1] >= 0x80;
        at -= 1;
    }
    let Some(at) = at.checked_sub(1) else { return Before::Start };
    if source[at] == b'/' && at > 0 && source[at - 1] == b'*' {
        return Before::Unknown;
    }
    if crossed_line {
        let line_start = memchr::memrchr2(b'\n', b'\r', &source[..at]).map_or(0, |i| i + 1);
        let line = &source[line_start..=at];
        if NEEDLES.line_comments.iter().any(|finder| finder.find(line).is_some()) {
            return Before::Unknown;
        }
    }
    Before::Byte(source[at])
}

/// The first byte after `end` that is not whitespace, and the bytes after it.
fn after(source: &[u8], end: usize) -> Option<(u8, &[u8])> {
    let at = end + source[end..].iter().position(|&b| !is_gap_byte(b))?;
    Some((source[at], &source[at + 1..]))
}

/// Case 2: a send method name used as the property name of a callee (where each such word starts).
fn send_members<'s>(source: &'s [u8], needles: &'s Needles) -> impl Iterator<Item = usize> + 's {
    needles.send_methods.iter().flat_map(move |finder| {
        finder.find_iter(source).filter_map(move |at| {
            let (start, end) = word_around(source, at, finder.needle().len());
            let word = &source[start..end];
            (is_one_of(word, EXPRESS.answer.send_methods)
                && matches!(before(source, start), Before::Byte(b'.') | Before::Unknown)
                && may_be_callee(source, end))
            .then_some(start)
        })
    })
}

/// Whether the expression that ends at `end` may be a callee, by what follows it: `(`, `?.(`,
/// `<T>(`, `!(` (TypeScript), `)` (`(f)(...)`), `as`/`satisfies` (`(f as F)(...)`), or a comment
/// (`//`, `/*`, `<!--`, `-->`) after which anything may come.
fn may_be_callee(source: &[u8], end: usize) -> bool {
    match after(source, end) {
        Some((b'(' | b'?' | b'<' | b'!' | b')', _)) => true,
        Some((first @ (b'a' | b's'), rest)) => {
            let word_len = rest.iter().position(|&b| !is_ident_byte(b)).unwrap_or(rest.len());
            matches!((first, &rest[..word_len]), (b'a', b"s") | (b's', b"atisfies"))
        }
        Some((b'/', rest)) => matches!(rest.first(), Some(b'/' | b'*')),
        Some((b'-', rest)) => rest.starts_with(b"->"),
        _ => false,
    }
}

/// Case 3: the word `next` as the callee of a call (not a property name, as in `it.next()`), in a
/// file where `next` may also be a later parameter (see [`next_may_be_parameter`]).
fn next_calls<'s>(source: &'s [u8], needles: &'s Needles) -> impl Iterator<Item = usize> + 's {
    let calls = needles.next.find_iter(source).filter(move |&at| {
        let (start, end) = word_around(source, at, EXPRESS.parameters.next.len());
        if end - start != EXPRESS.parameters.next.len() {
            return false;
        }
        let after_single_dot = start >= 1 && source[start - 1] == b'.' && (start < 2 || source[start - 2] != b'.');
        !after_single_dot && may_be_callee(source, end)
    });
    // Asked once, when the first call is found (most files have none).
    let mut parameter = None;
    calls.filter(move |_| *parameter.get_or_insert_with(|| next_may_be_parameter(source, needles)))
}

/// Whether the word `next` stands somewhere a parameter after the first can: after a `,`, a
/// decorator's `)` or a modifier (or where a comment may end), as [`can_be_second_parameter`]
/// tells. A handler's `next` is its third (or fourth) parameter.
fn next_may_be_parameter(source: &[u8], needles: &Needles) -> bool {
    needles.next.find_iter(source).any(|at| {
        let (start, end) = word_around(source, at, EXPRESS.parameters.next.len());
        end - start == EXPRESS.parameters.next.len() && can_be_second_parameter(source, start)
    })
}

/// Cases 4 and 5: a response parameter name or type as a whole word, where a parameter or its
/// type can be.
fn response_names<'s>(source: &'s [u8], needles: &'s Needles) -> impl Iterator<Item = usize> + 's {
    let parameters = &EXPRESS.parameters;
    let names = needles.response_names.iter().flat_map(move |finder| {
        finder.find_iter(source).filter_map(move |at| {
            let (start, end) = word_around(source, at, finder.needle().len());
            (is_one_of(&source[start..end], parameters.response_names) && can_be_second_parameter(source, start))
                .then_some(start)
        })
    });
    let types = needles.response_types.iter().flat_map(move |finder| {
        finder.find_iter(source).filter_map(move |at| {
            let (start, end) = word_around(source, at, finder.needle().len());
            (is_one_of(&source[start..end], parameters.response_types)
                // `res: Response`, `res: express.Response`, `res: (Response)`, `res: | Response`
                && matches!(before(source, start), Before::Byte(b':' | b'.' | b'(' | b'|' | b'&') | Before::Unknown))
            .then_some(start)
        })
    });
    names.chain(types)
}

/// TypeScript modifiers that may stand before a parameter's name (`constructor(a, private res)`).
const PARAMETER_MODIFIERS: &[&[u8]] = &[b"public", b"private", b"protected", b"readonly", b"override"];

/// Whether the identifier at `start` may be a function's second parameter: after the `,` that ends
/// the first, a decorator's `)` (`@Res() res`) or a modifier.
fn can_be_second_parameter(source: &[u8], start: usize) -> bool {
    match before(source, start) {
        Before::Byte(b',' | b')') | Before::Unknown => true,
        Before::Byte(b) if is_ident_byte(b) => {
            let mut end = start;
            while !is_ident_byte(source[end - 1]) {
                end -= 1;
            }
            let (word_start, word_end) = word_around(source, end - 1, 1);
            PARAMETER_MODIFIERS.contains(&&source[word_start..word_end]) && can_be_second_parameter(source, word_start)
        }
        _ => false,
    }
}

/// Case 1: a `\u` escape that decodes to an ASCII identifier character (or cannot be decoded). Only
/// those can spell one of the ASCII words the other cases look for.
fn identifier_escapes<'s>(source: &'s [u8], needles: &'s Needles) -> impl Iterator<Item = usize> + 's {
    needles.escape.find_iter(source).filter(move |&at| {
        let rest = &source[at + 2..];
        let hex = match rest.first() {
            Some(b'{') => match memchr::memchr(b'}', rest) {
                Some(close) => &rest[1..close],
                None => return true,
            },
            _ => &rest[..rest.len().min(4)],
        };
        let code =
            std::str::from_utf8(hex).ok().filter(|h| !h.is_empty()).and_then(|h| u32::from_str_radix(h, 16).ok());
        match code {
            Some(code) => u8::try_from(code).is_ok_and(is_ident_byte),
            None => true,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passes(source: &str) -> bool {
        may_have_findings(source.as_bytes())
    }

    #[test]
    fn passes_send_calls_however_they_are_spelled() {
        for source in [
            "x.json(1)",
            "r.status(404).json({})",
            "r\n  .json(1)",
            "r?.json(1)",
            "r. json(1)",
            "r.\tsendStatus(200)",
            "r./* why */json(1)",
            "r. // why\n  json(1)",
            "r.\n<!-- old\njson(1)",
            "r.\n--> old\njson(1)",
            "r.\u{a0}json(1)",
            "r.\u{2028}json(1)",
            "r.js\\u006Fn(1)",
            "r.writeHead(307).end()",
            "r.redirect('/')",
            "r.render('x')",
            "r.jsonp(1)",
            "r.download('f')",
            "r.sendFile('f')",
        ] {
            assert!(passes(source), "{source:?} must pass");
        }
    }

    #[test]
    fn passes_next_calls_and_response_names() {
        for source in [
            "r.json\n  (1)",
            "(r.json)(1)",
            "r.json?.(1)",
            "r.json<T>(1)",
            "r.json!(1)",
            "(r.json as F)(1)",
            "r.json /* c */ (1)",
            "r.json // c\n(1)",
        ] {
            assert!(passes(source), "{source:?} must pass");
        }
        for call in [
            "next(err)",
            "return next ()",
            "f(...next())",
            "next?.()",
            "next<Error>(e)",
            "next!(e)",
            "(next as Fn)(e)",
            "next // hand off\n(e)",
            "next /* hand off */ (e)",
            "next\n--> old\n(e)",
        ] {
            for parameter in ["(req, res, next) => ", "function (err, req, r, next) ", "(q, s, /* n */ next) => "] {
                let source = format!("{parameter}{{ {call}; }}");
                assert!(passes(&source), "{source:?} must pass");
            }
        }
        for source in [
            "function h(req, res) {}",
            "function h(a, _res) {}",
            "function h(a, response) {}",
            "function h(a, _response) {}",
            "function h(a, r: NextApiResponse) {}",
            "function h(a, r: http.ServerResponse) {}",
            "function h(a, r: express.Response) {}",
            "function h(a, r\\u0065s) {}",
            "function h(a, /* the response */ res) {}",
            "class C { show(@Req() req, @Res() res) {} }",
            "class C { constructor(a, private readonly res) {} }",
            "function h(a, r: (Response)) {}",
            "f(\\u{6e}ext)",
        ] {
            assert!(passes(source), "{source:?} must pass");
        }
    }

    #[test]
    fn rejects_files_without_sends_or_response_names() {
        for source in [
            "",
            "const result = resolve(press); export default x;",
            "'application/json'; send(); json(); end; appendFile(); x.endsWith('a');",
            "it.next(); gen.next(1); o?.next(); nextTick();",
            "class NextResponse {} const responses = []; res_ = 1; $res = 2;",
            "x = a / json; y = 'a.b' + json; z = c /* . */ + json;",
            "const res = await fetch(u); return res.ok;",
            "f(function (res) { return res; });",
            "let next = 1; next = next + 1; [next, 2];",
            "x = node.end; y = pkg.json; o.send = f; z = a.render && a.render.length;",
            "s.end`x`; const { json } = s; f(s.json, s.end, 1);",
            "function next() {} next(); gen(next); then(next, fail);",
            "// eslint-disable-next-line\nrequire('next/dist/x'); 'next-action'; next - 1;",
            "x = new Response(); y instanceof Response; type T = Array<ServerResponse>;",
            "'\\u001b[0m \\u00e9 \\u{1F600} \\u2028'",
        ] {
            assert!(!passes(source), "{source:?} must be rejected");
        }
    }

    /// The evidence in `source`, as the words (or escapes) it starts.
    fn evidence_words(source: &str) -> Vec<&str> {
        let evidence = Evidence::find(source.as_bytes(), &["reply"]);
        evidence
            .offsets
            .iter()
            .map(|&at| {
                let rest = &source[at as usize..];
                &rest[..rest.find(|c: char| !c.is_ascii_alphanumeric() && c != '_' && c != '\\').unwrap_or(rest.len())]
            })
            .collect()
    }

    #[test]
    fn evidence_is_every_place_a_case_holds() {
        let source = "function h(q, res: Response, next: F) {\n  it.next();\n  next(e);\n  s.sendFile(f).end();\n  x.re\\u0070ly(1); reply(s);\n}";
        assert_eq!(evidence_words(source), ["res", "Response", "next", "sendFile", "end", "\\u0070ly", "reply"]);
        let evidence = Evidence::find(source.as_bytes(), &[]);
        let next = source.find("next(e)").unwrap() as u32;
        assert!(evidence.within(next, next + 1));
        assert!(
            !evidence.within(next + 1, source.find("sendFile").unwrap() as u32),
            "nothing between `next` and `sendFile`"
        );
    }

    #[test]
    fn helpers_that_send_make_their_calls_evidence() {
        let source = "function fail(r) { r.json(1); }\nfunction failLater(r) { fail(r); }\nfunction log(r) { failure(r); }\n(q, s) => { failLater(s); log(s); }";
        let span = |body: &str| {
            let start = source.find(body).unwrap() as u32;
            (start, start + body.len() as u32)
        };
        let (fail, later, log) = (span("{ r.json(1); }"), span("{ fail(r); }"), span("{ failure(r); }"));
        let helpers = [("fail", fail.0, fail.1), ("failLater", later.0, later.1), ("log", log.0, log.1)];
        let mut evidence = Evidence::find(source.as_bytes(), &[]);
        assert!(evidence.include_helpers(source.as_bytes(), &helpers));
        let handler = source.find("(q, s)").unwrap() as u32;
        assert!(evidence.within(handler, source.len() as u32), "failLater(s) calls fail, which sends");
        let log_call = source.rfind("log(s)").unwrap() as u32;
        assert!(!evidence.within(log_call, log_call + 6), "log sends nothing, `failure` is not `fail`");
        assert!(!evidence.within(log.0, log.1));
    }

    #[test]
    fn too_many_sending_helpers_make_the_evidence_unusable() {
        let mut source = String::new();
        let mut spans = Vec::new();
        for i in 0..=MAX_EVIDENCE_HELPERS {
            let start = source.len() as u32 + 14;
            source.push_str(&format!("function f{i:03}(r) {{ r.end(); }}\n"));
            spans.push((format!("f{i:03}"), start, source.len() as u32 - 1));
        }
        let helpers: Vec<(&str, u32, u32)> =
            spans.iter().map(|(name, start, end)| (name.as_str(), *start, *end)).collect();
        assert!(!Evidence::find(source.as_bytes(), &[]).include_helpers(source.as_bytes(), &helpers));
        assert!(Evidence::find(source.as_bytes(), &[]).include_helpers(source.as_bytes(), &helpers[1..]));
    }

    #[test]
    fn minimal_needles_cover_every_word() {
        let parameters = &EXPRESS.parameters;
        for (finders, words) in [
            (&NEEDLES.send_methods, EXPRESS.answer.send_methods),
            (&NEEDLES.response_names, parameters.response_names),
            (&NEEDLES.response_types, parameters.response_types),
        ] {
            let needles: Vec<&[u8]> = finders.iter().map(|f| f.needle()).collect();
            for word in words {
                assert!(needles.iter().any(|n| word.as_bytes().windows(n.len()).any(|w| w == *n)), "{word}");
            }
        }
    }
}

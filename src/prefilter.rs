//! A byte-level test that decides, before parsing, whether a file can have any finding at all.
//!
//! Most JavaScript in a project (and almost all of `vendor/`, `dist/` and generated code) has
//! no handler in it. Parsing is the bulk of sendonce's cost, so a file that this module rejects
//! is never parsed: [`may_have_findings`] looks at the raw bytes with `memchr::memmem` and says
//! "maybe" or "certainly not". It may let through a file that has nothing to report; it must
//! never reject a file that has something. A rejected file is never parsed, so a syntax error
//! in it is not reported either (the README says so).
//!
//! # The contract with the rules
//!
//! A rule can report something in a file only if one of these holds. The prefilter is sound
//! exactly as long as every rule keeps to it (now and after the path-analysis rules):
//!
//! - **(a) a send or a hand-off.** Every finding about sends involves a call of a send method
//!   ([`SEND_METHODS`]: `json`, `send`, `end`, ...) on the response, which the parser only
//!   recognises as a `StaticMemberExpression` callee (`res.json(...)`, `res?.json(...)`,
//!   `res.status(404).json(...)`; `res["json"](...)` is not a send), or a call of `next(...)`
//!   handing the request on.
//! - **(b) a response parameter.** `no-response` (a path that sends nothing) only fires on
//!   handlers whose second parameter is named exactly `res`, `_res`, `response` or `_response`,
//!   or is typed `NextApiResponse`, `ServerResponse` or `Response` (also qualified, as in
//!   `express.Response`).
//!
//! # Why the byte test is conservative
//!
//! A file passes if any of these is true:
//!
//! 1. **It contains `\u`.** An identifier may be written with Unicode escapes (`res.js\u006Fn()`
//!    calls `json`; `r\u0065s` is the binding `res`). Rather than decode escapes, any file with
//!    one is parsed.
//! 2. **A send method's name appears after a dot.** In a static member expression the property
//!    name is an IdentifierName, so its bytes are in the file verbatim (escapes are case 1), as a
//!    whole identifier: the byte before it and the byte after it are not ASCII identifier bytes
//!    (`[A-Za-z0-9_$]`). Only whitespace, line terminators and comments may separate it from the
//!    `.` before it (`res\n  .json()`, `res. json()`, `res?.json()`, `res./* c */json()`). For
//!    each occurrence of a method name as a whole word, the bytes before it are skipped while
//!    they are ASCII whitespace or any non-ASCII byte (this over-approximates the Unicode
//!    whitespace and line terminators JavaScript allows: skipping more can only pass more files).
//!    The file passes if the first byte left is `.`; or it is the `/` of `*/` (the end of a
//!    block comment: it may hide anything, so pass); or the skip crossed a line end (a `\n`,
//!    `\r` or non-ASCII byte) and the line before the gap holds `//`, `<!--` or `-->` (a line
//!    comment, or an Annex B HTML-like comment, may end there and hide the `.`). Every other
//!    preceding byte means the name is not a property name, so that occurrence cannot be a send.
//! 3. **`next` appears as a whole word not directly after a single `.`.** A call of the
//!    identifier `next` needs the token `next`. The byte right before an identifier is `.` only
//!    when the identifier is a property name (`it.next()`, `it?.next()`), which is not a call of
//!    the handler's `next`; `...next(x)` (a spread) is treated as a call, to be safe.
//! 4. **One of the response names or types appears as a whole word:** `res`, `_res`,
//!    `response`, `_response`, `Response`, `NextApiResponse`, `ServerResponse`. A binding or a
//!    type name is an identifier, so it appears verbatim (escapes are case 1) between non-identifier
//!    bytes.
//!
//! Non-ASCII bytes always count as word boundaries: `éres` then passes as if it held `res`,
//! which costs a parse but can never hide a real token.
//!
//! Known limit of the contract (not of the byte test): a hand-off is recognised by the name
//! `next`. A rule that reported on calls of a third parameter named otherwise (`done(err)`), in
//! a file with no send method and no response name, would need this module widened.

use std::sync::LazyLock;

use memchr::memmem::Finder;

use crate::sends::SEND_METHODS;

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
    next: Finder<'static>,
    /// `res` finds `res`, `_res`, `response`, `_response`.
    res: Finder<'static>,
    /// `Response` finds `Response`, `NextApiResponse`, `ServerResponse`.
    response_type: Finder<'static>,
    /// Line comments and Annex B HTML-like comments.
    line_comments: [Finder<'static>; 3],
}

static NEEDLES: LazyLock<Needles> = LazyLock::new(|| {
    let minimal = SEND_METHODS.iter().filter(|m| !SEND_METHODS.iter().any(|other| other != *m && m.contains(other)));
    Needles {
        escape: Finder::new(b"\\u"),
        send_methods: minimal.map(|m| Finder::new(m.as_bytes())).collect(),
        next: Finder::new(b"next"),
        res: Finder::new(b"res"),
        response_type: Finder::new(b"Response"),
        line_comments: [Finder::new(b"//"), Finder::new(b"<!--"), Finder::new(b"-->")],
    }
});

/// Whether the file with these bytes may have a finding: `false` means no rule can fire, so it
/// need not be parsed. See the module documentation for why this never rejects a file that has one.
pub fn may_have_findings(source: &[u8]) -> bool {
    let needles = &*NEEDLES;
    has_response_name(source, needles)
        || has_send_member(source, needles)
        || has_next_call(source, needles)
        || needles.escape.find(source).is_some()
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

/// Case 2: a send method name used as a property name.
fn has_send_member(source: &[u8], needles: &Needles) -> bool {
    needles.send_methods.iter().any(|finder| {
        finder.find_iter(source).any(|at| {
            let (start, end) = word_around(source, at, finder.needle().len());
            let word = &source[start..end];
            SEND_METHODS.iter().any(|m| m.as_bytes() == word) && dot_before(source, start)
        })
    })
}

/// Whether a `.` may come right before the token at `start`, looking back over whitespace and comments.
fn dot_before(source: &[u8], start: usize) -> bool {
    let mut at = start;
    let mut crossed_line = false;
    while at > 0 && is_gap_byte(source[at - 1]) {
        crossed_line |= matches!(source[at - 1], b'\n' | b'\r') || source[at - 1] >= 0x80;
        at -= 1;
    }
    let Some(at) = at.checked_sub(1) else { return false };
    match source[at] {
        b'.' => true,
        b'/' if at > 0 && source[at - 1] == b'*' => true,
        _ if crossed_line => {
            let line_start = memchr::memrchr2(b'\n', b'\r', &source[..at]).map_or(0, |i| i + 1);
            let line = &source[line_start..=at];
            NEEDLES.line_comments.iter().any(|finder| finder.find(line).is_some())
        }
        _ => false,
    }
}

/// Case 3: the word `next`, not as a property name.
fn has_next_call(source: &[u8], needles: &Needles) -> bool {
    needles.next.find_iter(source).any(|at| {
        let (start, end) = word_around(source, at, 4);
        if end - start != 4 {
            return false;
        }
        let after_single_dot = start >= 1 && source[start - 1] == b'.' && (start < 2 || source[start - 2] != b'.');
        !after_single_dot
    })
}

/// Case 4: a response parameter name or type as a whole word.
fn has_response_name(source: &[u8], needles: &Needles) -> bool {
    let names = needles.res.find_iter(source).any(|at| {
        let (start, end) = word_around(source, at, 3);
        matches!(&source[start..end], b"res" | b"_res" | b"response" | b"_response")
    });
    names
        || needles.response_type.find_iter(source).any(|at| {
            let (start, end) = word_around(source, at, 8);
            matches!(&source[start..end], b"Response" | b"NextApiResponse" | b"ServerResponse")
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
            "next(err)",
            "return next ()",
            "f(...next())",
            "function h(req, res) {}",
            "function h(a, _res) {}",
            "function h(a, response) {}",
            "function h(a, _response) {}",
            "function h(a, r: NextApiResponse) {}",
            "function h(a, r: http.ServerResponse) {}",
            "function h(a, r: express.Response) {}",
            "function h(a, r\\u0065s) {}",
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
        ] {
            assert!(!passes(source), "{source:?} must be rejected");
        }
    }

    #[test]
    fn minimal_needles_cover_every_method() {
        let needles: Vec<&[u8]> = NEEDLES.send_methods.iter().map(|f| f.needle()).collect();
        for method in SEND_METHODS {
            assert!(needles.iter().any(|n| method.as_bytes().windows(n.len()).any(|w| w == *n)), "{method}");
        }
    }
}

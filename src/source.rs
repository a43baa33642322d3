//! Reading a file into text we can analyse and write back byte for byte.
//!
//! A codemod must never change what it did not mean to change, so everything
//! about a file's shape (BOM, line endings, indentation, quote style) is
//! detected here once and carried to the code that generates new text.

use std::path::Path;
use std::sync::OnceLock;

use oxc_span::SourceType;

use crate::error::FileError;
use crate::prettier::Layout;

/// The UTF-8 byte order mark, kept aside so spans are offsets into the code itself.
const BOM: &str = "\u{feff}";

/// How many leading bytes are inspected for a NUL byte to call a file binary (git's rule).
const BINARY_SNIFF_LEN: usize = 8000;

/// Files whose brackets (`(`, `[`, `{`, and `${` in template literals) nest deeper than this are
/// refused before parsing: oxc's parser recurses once per level, so a deep enough file would
/// overflow the worker's stack and abort the whole run. Measured on the 256 MiB worker stack
/// (`analysis::WORKER_STACK_SIZE`) with nested arrows, functions, classes, object methods,
/// destructuring defaults, `switch`, parentheses, arrays and template substitutions around a
/// handler's sends: a debug build first overflowed at 80,000 levels of brackets (and never below
/// 40,000), a release build at 200,000. Real code stays below a few hundred.
pub const MAX_NESTING: usize = 10_000;

/// The text of one JS/TS file, as it was on disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The file's language, from its extension.
    pub source_type: SourceType,
    /// Whether the file started with a UTF-8 BOM (kept on write).
    pub has_bom: bool,
    /// The code, without the BOM: every span is an offset into this.
    pub text: String,
    /// Where `text`'s lines start, built the first time a position is asked for.
    lines: OnceLock<LineIndex>,
}

/// Where each line of a text starts, so a line and column cost a binary search, not a scan
/// from the start of the file (which made files with thousands of findings quadratic).
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of each line's start.
    starts: Vec<u32>,
    /// Whether each line is ASCII, so its columns are byte offsets.
    ascii: Vec<bool>,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i as u32 + 1));
        let ascii = (0..starts.len())
            .map(|i| {
                let end = starts.get(i + 1).map_or(bytes.len(), |&e| e as usize);
                bytes[starts[i] as usize..end].is_ascii()
            })
            .collect();
        Self { starts, ascii }
    }

    /// The byte offset where the line holding `offset` starts.
    pub fn line_start(&self, offset: u32) -> u32 {
        self.starts[self.line_of(offset)]
    }

    /// The 0-based number of the line holding `offset`.
    pub fn line_of(&self, offset: u32) -> usize {
        self.starts.partition_point(|&start| start <= offset) - 1
    }

    /// The byte range of 0-based line `line` (without its line ending) in the indexed `text`.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(line).map_or(text.len(), |&s| s as usize);
        let end = self.starts.get(line + 1).map_or(text.len(), |&e| e as usize - 1);
        let end = if end > start && text.as_bytes()[end - 1] == b'\r' { end - 1 } else { end };
        start..end.max(start)
    }

    /// Whether 0-based line `line` is ASCII, so its columns are byte offsets.
    pub fn is_ascii_line(&self, line: usize) -> bool {
        self.ascii.get(line).copied().unwrap_or(true)
    }

    /// 1-based line and column (in characters) of a byte offset in the indexed `text`.
    pub fn line_col(&self, text: &str, offset: u32) -> (usize, usize) {
        let offset = offset.min(text.len() as u32);
        let line = self.line_of(offset);
        let start = self.starts[line] as usize;
        let col = if self.ascii[line] { offset as usize - start } else { text[start..offset as usize].chars().count() };
        (line + 1, col + 1)
    }
}

impl SourceFile {
    /// Decodes raw bytes read from `path`; binary and non-UTF-8 files are refused, not guessed at.
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Self, FileError> {
        let source_type = source_type_for(path).ok_or(FileError::UnsupportedExtension)?;
        let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
        if memchr::memchr(0, sniff).is_some() {
            return Err(FileError::Binary);
        }
        let mut text =
            String::from_utf8(bytes).map_err(|err| FileError::NotUtf8 { offset: err.utf8_error().valid_up_to() })?;
        let has_bom = text.starts_with(BOM);
        if has_bom {
            text.drain(..BOM.len());
        }
        Ok(Self { source_type, has_bom, text, lines: OnceLock::new() })
    }

    /// The full file contents for `text`, with the BOM put back if the original had one.
    pub fn with_bom(&self, text: &str) -> String {
        if self.has_bom {
            let mut out = String::with_capacity(text.len() + BOM.len());
            out.push_str(BOM);
            out.push_str(text);
            out
        } else {
            text.to_owned()
        }
    }

    /// 1-based line and column (in characters) of a byte offset, as editors and compilers print them.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        self.lines().line_col(&self.text, offset)
    }

    /// Where `text`'s lines start, indexed the first time a position is asked for.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }
}

/// The byte offset where the brackets of `text` first nest deeper than `limit`, if they do.
/// Comments, strings, template text and regular expressions are skipped; a `/` starts a regular
/// expression where an operand is expected (after an operator, an opening bracket or a keyword
/// such as `return`), as editors decide it. This is an estimate for a safety limit, not a parser.
pub fn nesting_exceeds(text: &str, limit: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    // The depth only grows at an opening bracket byte: a file with no more of them than `limit`
    // cannot nest deeper, whatever is code and what is not. Counting them is a fraction of the
    // cost of the scan below, which most files then skip.
    if opening_brackets(bytes) <= limit {
        return None;
    }
    // How deep the brackets are, and the depths at which template substitutions (`${`) opened:
    // their `}` goes back to the template's text.
    let mut depth = 0usize;
    let mut substitutions: Vec<usize> = Vec::new();
    let mut in_template = false;
    // The last comment (or string or regular expression cut short by a line end) skipped, as
    // (start, end, the last code byte before it), so the byte before a `/` can be found by looking
    // back over whitespace instead of being tracked at every byte.
    let mut comment: Option<(usize, usize, Option<usize>)> = None;
    let last_code = |at: usize, comment: Option<(usize, usize, Option<usize>)>| -> Option<usize> {
        let j = bytes[..at].iter().rposition(|b| !b.is_ascii_whitespace())?;
        match comment {
            Some((start, end, before)) if (start..end).contains(&j) => before,
            _ => Some(j),
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        if in_template {
            i += memchr::memchr3(b'\\', b'`', b'$', &bytes[i..])?;
            match bytes[i] {
                b'\\' => i += 1,
                b'`' => in_template = false,
                _ if bytes.get(i + 1) == Some(&b'{') => {
                    in_template = false;
                    depth += 1;
                    substitutions.push(depth);
                    i += 1;
                    if depth > limit {
                        return Some(i);
                    }
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        // Brackets are counted in a tight loop without branches on the byte (one table lookup a
        // byte: this scan runs over every byte sendonce parses, mostly minified bundles); it stops
        // at what needs a decision, and at closing brackets inside a template substitution.
        // (A closing bracket at depth 0 stops too, so the depth is a plain sum here: a saturating
        // one would make every byte wait for the one before.)
        let closes_stop = !substitutions.is_empty();
        // Whole blocks with no byte that needs a decision, which can neither pass the limit nor
        // close below zero, move the depth by their counts alone (counted with vector
        // instructions); the byte loop below takes one block at most before they are tried again.
        if !closes_stop {
            while let Some(block) = bytes.get(i..i + BLOCK).and_then(|b| <&[u8; BLOCK]>::try_from(b).ok()) {
                match block_delta(block) {
                    Some((opens, closes)) if closes <= depth && depth + opens <= limit => {
                        depth = depth + opens - closes;
                        i += BLOCK;
                    }
                    _ => break,
                }
            }
        }
        let block_end = i + BLOCK;
        loop {
            if i == block_end {
                break;
            }
            let delta = BRACKET_DELTA[usize::from(*bytes.get(i)?)];
            let next = depth as isize + isize::from(delta);
            if delta == STOP || next < 0 || (closes_stop && delta < 0) {
                break;
            }
            depth = next as usize;
            if depth > limit {
                return Some(i);
            }
            i += 1;
        }
        if i == block_end {
            continue;
        }
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                comment = Some((i, end, last_code(i, comment)));
                i = end;
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = memchr::memmem::find(&bytes[i + 2..], b"*/").map_or(bytes.len(), |n| i + 2 + n + 2);
                comment = Some((i, end, last_code(i, comment)));
                i = end;
                continue;
            }
            b'/' if regex_can_start(bytes, last_code(i, comment)) => {
                let start = i;
                i = skip_regex(bytes, i);
                if bytes.get(i).is_none_or(u8::is_ascii_whitespace) {
                    // Cut short by the line end: what comes next follows the code before it.
                    comment = Some((start, i, last_code(start, comment)));
                }
            }
            b'\'' | b'"' => {
                let start = i;
                i = skip_string(bytes, i);
                if bytes.get(i).is_none_or(u8::is_ascii_whitespace) {
                    comment = Some((start, i, last_code(start, comment)));
                }
            }
            b'`' => in_template = true,
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return Some(i);
                }
            }
            b')' | b']' => {
                if substitutions.last() == Some(&depth) {
                    substitutions.pop();
                }
                depth = depth.saturating_sub(1);
            }
            b'}' => {
                in_template = substitutions.last() == Some(&depth);
                if in_template {
                    substitutions.pop();
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// How many `(`, `[` and `{` bytes there are. Written so the compiler vectorises it (14 GB/s, against
/// 0.7 for a plain filter and count): per chunk of 255 bytes the count fits a `u8`, and `[` and `{`
/// differ in one bit only (0x5B, 0x7B).
fn opening_brackets(bytes: &[u8]) -> usize {
    bytes.chunks(255).map(|chunk| usize::from(chunk.iter().map(|&b| opening(b)).fold(0u8, u8::wrapping_add))).sum()
}

/// 1 for `(`, `[` and `{`, else 0, without a branch (`[` 0x5B and `{` 0x7B differ in one bit).
#[inline(always)]
fn opening(b: u8) -> u8 {
    u8::from(b == b'(') + u8::from((b | 0x20) == b'{')
}

/// 1 for `)`, `]` and `}` (0x29, 0x5D, 0x7D), else 0, without a branch.
#[inline(always)]
fn closing(b: u8) -> u8 {
    u8::from(b == b')') + u8::from((b | 0x20) == b'}')
}

/// The bytes [`nesting_exceeds`] counts at once when none of them needs a decision.
const BLOCK: usize = 32;

/// The opening and closing brackets in `block`, or `None` when it holds a byte that needs a
/// decision (a [`STOP`] in [`BRACKET_DELTA`]).
fn block_delta(block: &[u8; BLOCK]) -> Option<(usize, usize)> {
    let (mut opens, mut closes, mut stops) = (0u8, 0u8, 0u8);
    for &b in block {
        opens += opening(b);
        closes += closing(b);
        stops |= u8::from(b == b'/') | u8::from(b == b'\'') | u8::from(b == b'"') | u8::from(b == b'`');
    }
    (stops == 0).then_some((usize::from(opens), usize::from(closes)))
}

/// What a byte outside strings and comments does to the depth in [`nesting_exceeds`]: an opening
/// bracket adds one, a closing one takes one away, and quotes, template marks and slashes
/// ([`STOP`]) need a decision.
const BRACKET_DELTA: [i8; 256] = {
    let mut table = [0; 256];
    table[b'(' as usize] = 1;
    table[b'[' as usize] = 1;
    table[b'{' as usize] = 1;
    table[b')' as usize] = -1;
    table[b']' as usize] = -1;
    table[b'}' as usize] = -1;
    table[b'/' as usize] = STOP;
    table[b'\'' as usize] = STOP;
    table[b'"' as usize] = STOP;
    table[b'`' as usize] = STOP;
    table
};
/// The mark in [`BRACKET_DELTA`] for bytes that need a decision.
const STOP: i8 = i8::MIN;

/// Whether a `/` after the code ending at `last` starts a regular expression (not a division).
fn regex_can_start(bytes: &[u8], last: Option<usize>) -> bool {
    let Some(last) = last else { return true };
    let b = bytes[last];
    if b"(,=:[!&|?{};+-*%<>~^".contains(&b) {
        return true;
    }
    let is_word = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'$';
    if !is_word(b) {
        return false;
    }
    let start = bytes[..=last].iter().rposition(|&c| !is_word(c)).map_or(0, |p| p + 1);
    matches!(
        &bytes[start..=last],
        b"return"
            | b"typeof"
            | b"case"
            | b"do"
            | b"else"
            | b"in"
            | b"of"
            | b"new"
            | b"delete"
            | b"void"
            | b"throw"
            | b"yield"
            | b"await"
            | b"instanceof"
    )
}

/// The index of the last byte of the regular expression starting at `start` (its closing `/`),
/// or of the end of its line if it is not closed there.
fn skip_regex(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    let mut in_class = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'[' => in_class = true,
            b']' => in_class = false,
            b'/' if !in_class => return i,
            b'\n' => return i,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// The index of the closing quote of the string starting at `start` (or of the end of its line).
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'\n' => return i,
            b if b == quote => return i,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// 1-based line and column (counted in characters) of `offset` in `text`.
pub fn line_col(text: &str, offset: u32) -> (usize, usize) {
    let offset = (offset as usize).min(text.len());
    let before = &text.as_bytes()[..offset];
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

/// The language of a file from its extension, for the extensions sendonce handles.
pub fn source_type_for(path: &Path) -> Option<SourceType> {
    let ext = path.extension()?.to_str()?;
    if !crate::walk::EXTENSIONS.contains(&ext) {
        return None;
    }
    let source_type = SourceType::from_path(path).ok()?;
    // React projects put JSX in plain `.js` files; every JS parser they use accepts it there.
    Some(if source_type.is_javascript() { source_type.with_jsx(true) } else { source_type })
}

/// The formatting conventions of one file, so generated code looks like its neighbours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Style {
    /// One level of indentation: a tab, or N spaces.
    pub indent_unit: String,
    /// `"\r\n"` when the file uses CRLF line endings, `"\n"` otherwise.
    pub newline: &'static str,
    /// Whether string literals mostly use single quotes.
    pub single_quote: bool,
    /// Whether statements end with semicolons.
    pub semicolons: bool,
    /// How long a line may be and how it is measured (the file's Prettier settings).
    pub layout: Layout,
}

impl Style {
    /// Detects the style of `text`; `single_quote` and `semicolons` come from the caller, who has the
    /// AST, and the layout from the file's Prettier settings.
    pub fn detect(text: &str, single_quote: bool, semicolons: bool, layout: Layout) -> Self {
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        Self { indent_unit: detect_indent_unit(text), newline, single_quote, semicolons, layout }
    }
}

/// The file's indentation unit: a tab if indented lines start with tabs, else the
/// smallest indentation that is not the odd alignment of a block comment's `*`.
fn detect_indent_unit(text: &str) -> String {
    let mut tabs = 0usize;
    let mut spaces = 0usize;
    let mut smallest = usize::MAX;
    for line in text.lines() {
        let trimmed = line.trim_start_matches([' ', '\t']);
        if trimmed.is_empty() || trimmed.starts_with('*') {
            continue;
        }
        let indent = &line[..line.len() - trimmed.len()];
        if indent.starts_with('\t') {
            tabs += 1;
        } else if !indent.is_empty() {
            spaces += 1;
            smallest = smallest.min(indent.len());
        }
    }
    if tabs > spaces {
        "\t".to_owned()
    } else if spaces > 0 {
        " ".repeat(smallest.clamp(1, 8))
    } else {
        "  ".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// The straightforward byte-by-byte scan [`nesting_exceeds`] must agree with.
    fn nesting_exceeds_reference(text: &str, limit: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        // Open brackets; `$` is a template substitution, whose `}` goes back to the template's text.
        let mut open: Vec<u8> = Vec::new();
        let mut in_template = false;
        let mut last = None::<usize>; // the last byte of code that is not whitespace
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if in_template {
                match b {
                    b'\\' => i += 1,
                    b'`' => {
                        in_template = false;
                        last = Some(i);
                    }
                    b'$' if bytes.get(i + 1) == Some(&b'{') => {
                        in_template = false;
                        open.push(b'$');
                        i += 1;
                        last = Some(i);
                        if open.len() > limit {
                            return Some(i);
                        }
                    }
                    _ => {}
                }
                i += 1;
                continue;
            }
            match b {
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                    continue;
                }
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    i = memchr::memmem::find(&bytes[i + 2..], b"*/").map_or(bytes.len(), |n| i + 2 + n + 2);
                    continue;
                }
                b'/' if regex_can_start(bytes, last) => i = skip_regex(bytes, i),
                b'\'' | b'"' => i = skip_string(bytes, i),
                b'`' => in_template = true,
                b'(' | b'[' | b'{' => {
                    open.push(b);
                    if open.len() > limit {
                        return Some(i);
                    }
                }
                b')' | b']' => {
                    open.pop();
                }
                b'}' => in_template = open.pop() == Some(b'$'),
                _ => {}
            }
            // (The byte at `i`, not `b`: a string cut short by a line end ends on whitespace.)
            if bytes.get(i).is_some_and(|c| !c.is_ascii_whitespace()) {
                last = Some(i);
            }
            i += 1;
        }
        None
    }

    proptest! {
        /// The fast scan finds the same place as the byte-by-byte one, on text made of the bytes
        /// that matter (brackets, quotes, slashes, template marks, keywords, newlines).
        #[test]
        fn nesting_scan_agrees_with_the_reference(
            parts in prop::collection::vec(prop::sample::select(vec![
                "(", ")", "[", "]", "{", "}", "'", "\"", "`", "${", "/", "//", "/*", "*/", "\\", "\n", " ",
                "a", "return ", "x ", "=", ",", "1",
            ]), 0..200),
            limit in 0usize..6,
        ) {
            let text: String = parts.concat();
            prop_assert_eq!(nesting_exceeds(&text, limit), nesting_exceeds_reference(&text, limit), "{:?}", text);
        }

        /// The same on long stretches of code with few quotes and slashes, where whole blocks are
        /// counted at once, with limits a block can reach.
        #[test]
        fn nesting_scan_agrees_with_the_reference_on_long_code(
            parts in prop::collection::vec(prop::sample::select(vec![
                "(", ")", "[", "]", "{", "}", "(", ")", "{", "}", "a", "b", "x", " ", "\n", ",", ";", "=",
                "return ", "f(x)", "{a:1}", "[1,2]", "'", "/", "`", "${", "\"",
            ]), 0..2000),
            open in 0usize..80,
            limit in 0usize..80,
        ) {
            let text: String = "(".repeat(open) + &parts.concat();
            prop_assert_eq!(nesting_exceeds(&text, limit), nesting_exceeds_reference(&text, limit), "{:?}", text);
        }
    }

    use super::*;

    #[test]
    fn detects_two_space_indent_and_ignores_block_comment_stars() {
        let text = "/**\n * doc\n */\nfunction f() {\n  if (x) {\n    y();\n  }\n}\n";
        assert_eq!(detect_indent_unit(text), "  ");
    }

    #[test]
    fn detects_tabs_and_crlf() {
        let style = Style::detect("function f() {\r\n\treturn 1;\r\n}\r\n", true, true, Layout::default());
        assert_eq!(style.indent_unit, "\t");
        assert_eq!(style.newline, "\r\n");
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        assert_eq!(line_col("é\nab", 4), (2, 2));
        assert_eq!(line_col("ab", 0), (1, 1));
    }

    #[test]
    fn line_index_agrees_with_line_col() {
        let text = "ab\r\nçé x\n\n\tlast";
        let index = LineIndex::new(text);
        for offset in (0..=text.len() as u32 + 2).filter(|&o| text.is_char_boundary((o as usize).min(text.len()))) {
            assert_eq!(index.line_col(text, offset), line_col(text, offset), "offset {offset}");
        }
    }

    #[test]
    fn refuses_binary_and_non_utf8() {
        let path = Path::new("a.js");
        assert!(matches!(SourceFile::from_bytes(path, b"a\0b".to_vec()), Err(FileError::Binary)));
        assert!(matches!(SourceFile::from_bytes(path, b"ab\xffc".to_vec()), Err(FileError::NotUtf8 { offset: 2 })));
    }

    #[test]
    fn javascript_files_accept_jsx() {
        assert!(source_type_for(Path::new("a.js")).unwrap().is_jsx());
        assert!(source_type_for(Path::new("a.cjs")).unwrap().is_jsx());
        assert!(!source_type_for(Path::new("a.ts")).unwrap().is_jsx());
        assert!(source_type_for(Path::new("a.md")).is_none());
    }

    #[test]
    fn opening_brackets_are_counted_exactly() {
        let text: String = "a([{}])\u{7b}\u{5b}[{(".repeat(300) + "{[(";
        let plain = text.bytes().filter(|b| matches!(b, b'(' | b'[' | b'{')).count();
        assert_eq!(opening_brackets(text.as_bytes()), plain);
        assert_eq!(opening_brackets(&[b'{'; 1000]), 1000);
        assert_eq!(opening_brackets(b"\xfb{\x08\x28"), 2);
    }

    #[test]
    fn nesting_is_exact_inside_blocks_counted_at_once() {
        // Depth 9, then a block of 32 bytes with no quote or slash that reaches 11 at its second byte.
        let text = "(".repeat(9) + "((" + &"a".repeat(28) + "))" + &")".repeat(9);
        assert_eq!(nesting_exceeds(&text, 10), Some(10));
        assert_eq!(nesting_exceeds(&text, 11), None);
        // A block that closes below zero is left to the byte loop.
        let text = "a".repeat(8) + ")" + &"a".repeat(40) + &"(".repeat(3);
        assert_eq!(nesting_exceeds(&text, 2), Some(text.len() - 1));
    }

    #[test]
    fn nesting_counts_brackets_in_code_only() {
        assert_eq!(nesting_exceeds("f(a[{ b }])", 3), None);
        assert_eq!(nesting_exceeds("f(a[{ b }])", 2), Some(4));
        assert_eq!(nesting_exceeds("((((", 3), Some(3));
        // Brackets in comments, strings, template text and regular expressions do not count.
        let quiet = "// ((((\n/* [[[[ */ x = '((((' + \"{{{{\" + `((((${a}((((` + /[((((]\\(/g; return /((/.test(s);";
        assert_eq!(nesting_exceeds(quiet, 1), None, "{quiet}");
        // A template substitution is a level, and so are brackets inside it.
        assert_eq!(nesting_exceeds("`${ f(`${ g() }`) }`", 3), Some(11));
        // A division is not a regular expression.
        assert_eq!(nesting_exceeds("x = a / b; y = (c) / (d);", 1), None);
    }

    #[test]
    fn strips_and_restores_bom() {
        let file = SourceFile::from_bytes(Path::new("a.ts"), "\u{feff}x;".as_bytes().to_vec()).unwrap();
        assert!(file.has_bom);
        assert_eq!(file.text, "x;");
        assert_eq!(file.with_bom("y;"), "\u{feff}y;");
    }
}

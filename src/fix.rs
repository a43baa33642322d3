//! Applying fixes: byte-range edits spliced into the original text in one pass.

use oxc_span::Span;

use crate::diagnostic::{Edit, Fix};
use crate::rules::RuleContext;

/// Splices the given fixes into `text` (`None` entries are skipped). A fix whose edits overlap
/// or touch an earlier applied one is not applied, so two fixes never fight over the same bytes.
/// Returns the new text (if anything changed) and, for each fix, whether it was applied.
pub fn apply_fixes(text: &str, fixes: &[Option<&Fix>]) -> (Option<String>, Vec<bool>) {
    let mut order: Vec<usize> = (0..fixes.len()).filter(|&i| fixes[i].is_some_and(|f| !f.edits.is_empty())).collect();
    order.sort_by_key(|&i| fixes[i].map(|f| (f.edits[0].span.start, f.edits[0].span.end)));
    let mut applied = vec![false; fixes.len()];
    let mut edits = Vec::new();
    let mut last_end: Option<u32> = None;
    for index in order {
        let Some(fix) = fixes[index] else { continue };
        let first = fix.edits[0].span.start;
        if last_end.is_some_and(|end| first <= end) {
            continue;
        }
        last_end = fix.edits.iter().map(|e| e.span.end).max();
        edits.extend(fix.edits.iter());
        applied[index] = true;
    }
    if edits.is_empty() {
        return (None, applied);
    }
    let mut out = String::with_capacity(text.len() + 256);
    let mut cursor = 0usize;
    for edit in edits {
        out.push_str(&text[cursor..edit.span.start as usize]);
        out.push_str(&edit.text);
        cursor = edit.span.end as usize;
    }
    out.push_str(&text[cursor..]);
    (Some(out).filter(|new| new != text), applied)
}

/// Edits that put the statement at `span` of a brace-less branch (`if (x) stmt`, `else stmt`) in
/// braces on lines of their own, as Prettier prints a block: `if (x) {`, the statement (or
/// `replace(inner indentation)` instead), `after` on a line of its own if given, then `}`, with a
/// following `else` on the closing brace's line. A fix that adds a statement to a brace-less
/// branch needs the braces; without them the new statement would run on every path.
pub fn in_braces(
    cx: &RuleContext<'_>,
    span: Span,
    replace: Option<&dyn Fn(&str) -> String>,
    after: Option<&str>,
) -> Vec<Edit> {
    let style = cx.style();
    let newline = style.newline;
    let source = cx.source.as_bytes();
    // The whitespace and comments between the branch's head (`if (x)`, `else`) and the
    // statement: the brace goes right after the head, each comment on its own line inside.
    let mut gap_start = span.start as usize;
    let mut gap_comments = Vec::new();
    loop {
        while gap_start > 0 && matches!(source[gap_start - 1], b' ' | b'\t' | b'\r' | b'\n') {
            gap_start -= 1;
        }
        let ending_here = cx.comments.partition_point(|c| (c.span.end as usize) < gap_start);
        match cx.comments.get(ending_here).filter(|c| c.span.end as usize == gap_start) {
            Some(comment) => {
                gap_comments.push(comment.span);
                gap_start = comment.span.start as usize;
            }
            None => break,
        }
    }
    let indent = cx.indentation_at(gap_start as u32);
    let inner = format!("{indent}{}", style.indent_unit);
    let mut opening = " {".to_owned();
    for comment in gap_comments.iter().rev() {
        opening.push_str(&format!("{newline}{inner}{}", cx.text(*comment)));
    }
    opening.push_str(&format!("{newline}{inner}"));
    let mut edits = vec![Edit { span: Span::new(gap_start as u32, span.start), text: opening }];
    if let Some(replace) = replace {
        edits.push(Edit { span, text: replace(&inner) });
    }
    let end = crate::rules::missing_return::end_of_line_after(cx.source, span.end) as usize;
    let after = after.map(|after| format!("{newline}{inner}{after}")).unwrap_or_default();
    // An `else` after the branch goes on the closing brace's line: `} else ...`.
    let mut next = end;
    while next < source.len() && matches!(source[next], b' ' | b'\t' | b'\r' | b'\n') {
        next += 1;
    }
    let rest = &source[next..];
    let else_follows =
        rest.starts_with(b"else") && !rest.get(4).is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_' || c == b'$');
    let close = if else_follows {
        Edit { span: Span::new(end as u32, next as u32), text: format!("{after}{newline}{indent}}} ") }
    } else {
        Edit { span: Span::empty(end as u32), text: format!("{after}{newline}{indent}}}") }
    };
    // A replaced statement that ends where the closing edit starts would touch it: merge them.
    match edits.last_mut() {
        Some(last) if replace.is_some() && last.span.end == close.span.start => {
            last.span = Span::new(last.span.start, close.span.end);
            last.text.push_str(&close.text);
        }
        _ => edits.push(close),
    }
    edits
}

#[cfg(test)]
mod tests {
    use oxc_span::Span;

    use super::*;
    use crate::diagnostic::{Applicability, Edit};

    fn fix(start: u32, end: u32, text: &str) -> Fix {
        Fix { edits: vec![Edit { span: Span::new(start, end), text: text.into() }], applicability: Applicability::Safe }
    }

    #[test]
    fn applies_in_order_and_skips_overlaps() {
        let (a, b, c) = (fix(6, 7, "Y"), fix(0, 1, "X"), fix(6, 8, "Z"));
        let (out, applied) = apply_fixes("a b c d e", &[Some(&a), Some(&b), Some(&c), None]);
        assert_eq!(out.as_deref(), Some("X b c Y e"));
        assert_eq!(applied, vec![true, true, false, false]);
    }

    #[test]
    fn no_change_gives_none() {
        let same = fix(0, 1, "a");
        assert_eq!(apply_fixes("abc", &[Some(&same)]).0, None);
    }
}

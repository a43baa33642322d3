//! Applying fixes: byte-range edits spliced into the original text in one pass.

use crate::diagnostic::Fix;

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

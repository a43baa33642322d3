//! `// sendonce-ignore-next-line RULE` comments: silence one finding on the next line.
//!
//! A directive names one or more rules (separated by spaces or commas); it
//! silences findings of those rules whose primary position is on the line
//! right after the comment. A directive that silences nothing is reported, so
//! stale ones do not pile up (as Biome and oxc do).

use oxc_span::Span;

use crate::diagnostic::{Finding, FixStatus, Label};
use crate::rules::{FixTier, RuleContext, RuleMeta};

/// The directive's keyword.
pub const DIRECTIVE: &str = "sendonce-ignore-next-line";
/// The rule name of findings about directives that silence nothing.
pub const UNUSED_RULE: &str = UNUSED_META.name;

/// The documentation of [`UNUSED_RULE`], so `--list-rules`, `--explain` and `--rule` treat it as
/// the rule it is to users, although it checks comments rather than handlers.
pub const UNUSED_META: RuleMeta = RuleMeta {
    name: "unused-ignore",
    summary: "a `sendonce-ignore-next-line` comment silences nothing on the next line",
    doc: UNUSED_DOC,
    fix: FixTier::None,
};

const UNUSED_DOC: &str = "## What it does
Finds `// sendonce-ignore-next-line RULE` comments after which no finding
of the named rules starts on the next line.

## Why is this bad?
A stale directive silences nothing today and hides a real finding when code
moves under it later; nobody can tell which bug it was written for.

## Example
```js
// sendonce-ignore-next-line missing-return
res.json(user); // nothing here falls through any more
```

## Fix
None: sendonce reports it. Delete the comment, or name the rule that
reports on the next line. `--ignore-rule unused-ignore` stops reporting them.\n";

/// One directive found in a comment.
#[derive(Debug)]
struct Directive {
    span: Span,
    /// The line the directive applies to (1-based).
    target_line: usize,
    rules: Vec<String>,
    used: bool,
}

/// Removes the findings silenced by directives in the file's comments, and adds one finding per
/// directive that silenced nothing (lines come from the file's line index, built once).
pub fn apply(cx: &RuleContext<'_>, findings: &mut Vec<Finding>) {
    let mut directives: Vec<Directive> = cx.comments.iter().filter_map(|c| parse(cx, c.span)).collect();
    if directives.is_empty() {
        return;
    }
    findings.retain(|finding| {
        let line = cx.line_col(finding.primary.span.start).0;
        let silenced = directives
            .iter_mut()
            .find(|d| d.target_line == line && d.rules.iter().any(|r| r == finding.rule || r == "all"));
        match silenced {
            Some(directive) => {
                directive.used = true;
                false
            }
            None => true,
        }
    });
    for directive in directives.into_iter().filter(|d| !d.used) {
        findings.push(Finding {
            rule: UNUSED_RULE,
            message: format!(
                "`{DIRECTIVE} {}` silences nothing on the next line; remove it",
                directive.rules.join(" ")
            ),
            primary: Label { span: directive.span, message: "nothing to silence here".into() },
            secondary: Vec::new(),
            fix: FixStatus::Unavailable("delete the comment".into()),
        });
    }
    findings.sort_by_key(|f| (f.primary.span.start, f.rule));
}

fn parse(cx: &RuleContext<'_>, span: Span) -> Option<Directive> {
    let comment = cx.text(span);
    let body = comment.strip_prefix("//").or_else(|| comment.strip_prefix("/*")?.strip_suffix("*/"))?;
    let rest = body.trim().strip_prefix(DIRECTIVE)?;
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rules: Vec<String> = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .take_while(|word| !word.starts_with("--"))
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect();
    let rules = if rules.is_empty() { vec!["all".to_owned()] } else { rules };
    let end_line = cx.line_col(span.end).0;
    Some(Directive { span, target_line: end_line + 1, rules, used: false })
}

#[cfg(test)]
mod tests {
    use oxc_span::SourceType;

    use crate::analysis::analyze;

    fn rules(text: &str) -> Vec<&'static str> {
        analyze(text, SourceType::mjs()).unwrap().findings.iter().map(|f| f.rule).collect()
    }

    /// `missing-return` is reported at the send that lacks its `return`, so the directive goes above it.
    const BUGGY: &str = "export default async function h(req, res) {\n  if (!req.user) {\n    IGNORE\n    res.status(401).end();\n  }\n  res.json({ ok: true });\n}\n";

    #[test]
    fn silences_the_named_rule_on_the_next_line_only() {
        assert_eq!(rules(&BUGGY.replace("IGNORE", "")), ["missing-return"]);
        assert!(rules(&BUGGY.replace("IGNORE", "// sendonce-ignore-next-line missing-return -- legacy")).is_empty());
        assert!(rules(&BUGGY.replace("IGNORE", "/* sendonce-ignore-next-line */")).is_empty());
    }

    #[test]
    fn a_directive_for_another_rule_silences_nothing_and_is_reported() {
        let found = rules(&BUGGY.replace("IGNORE", "// sendonce-ignore-next-line send-in-loop"));
        assert_eq!(found, ["unused-ignore", "missing-return"]);
    }
}

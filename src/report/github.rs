//! `--format github`: GitHub Actions workflow commands, one `::error` annotation per finding.

use super::located::FileFindings;

/// One `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::message` line per finding
/// (`::warning` for rules set to `warn`),
/// and one per file that could not be processed.
pub fn render(files: &[FileFindings]) -> String {
    let mut out = String::new();
    for file in files {
        if let Some(error) = &file.error {
            out.push_str(&format!("::error file={},title=sendonce::{}\n", property(&file.path), data(error)));
        }
        for finding in &file.findings {
            let (start, end) = (&finding.primary.start, &finding.primary.end);
            out.push_str(&format!(
                "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                finding.severity,
                property(&file.path),
                start.line,
                start.column,
                end.line,
                end.column,
                property(finding.rule),
                data(&finding.message),
            ));
        }
    }
    out
}

/// Escapes a message as GitHub's toolkit does.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value: also `:` and `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_actions_toolkit() {
        assert_eq!(data("50%\ndone"), "50%25%0Adone");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}

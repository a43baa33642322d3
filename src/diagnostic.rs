//! What a rule reports: a message, labelled spans, and maybe a fix.
//!
//! Fixes are plain byte-range edits into the original text, with an
//! applicability that says how much they can be trusted (Ruff's model).

use oxc_span::Span;

/// How far a fix can be trusted; ordered so `fix.applicability >= threshold` decides whether it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Applicability {
    /// Changes behaviour more than the bug requires; applied only when asked for.
    Unsafe,
    /// Keeps everything but the bug; applied by default.
    Safe,
}

impl Applicability {
    /// The word printed in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unsafe => "unsafe",
            Self::Safe => "safe",
        }
    }
}

/// Replace `span` of the original text with `text` (an insertion when the span is empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The bytes to replace.
    pub span: Span,
    /// What to put there.
    pub text: String,
}

/// A set of edits that together fix one finding.
#[derive(Debug, Clone)]
pub struct Fix {
    /// Non-overlapping edits, sorted by start.
    pub edits: Vec<Edit>,
    /// Whether it runs by default.
    pub applicability: Applicability,
}

/// A span with a short explanation, shown under the code.
#[derive(Debug, Clone)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What happens there.
    pub message: String,
}

/// What happened to a finding's fix, so the user is told why code was or was not changed.
#[derive(Debug, Clone)]
pub enum FixStatus {
    /// A fix exists.
    Available(Fix),
    /// No fix is offered; the reason is shown to the user.
    Unavailable(String),
}

/// One problem in one handler.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The rule's name (`multiple-sends`).
    pub rule: &'static str,
    /// One line saying what is wrong.
    pub message: String,
    /// The place the error happens at runtime (the second send).
    pub primary: Label,
    /// Other places that explain it (the first send).
    pub secondary: Vec<Label>,
    /// The fix, or why there is none.
    pub fix: FixStatus,
}

impl Finding {
    /// The fix, if one is offered.
    pub fn fix(&self) -> Option<&Fix> {
        match &self.fix {
            FixStatus::Available(fix) => Some(fix),
            FixStatus::Unavailable(_) => None,
        }
    }
}

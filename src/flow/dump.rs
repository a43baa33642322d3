//! A readable dump of one handler's flow, so that a change to the analysis is reviewed as a diff
//! of what it found (the way oxc and Ruff snapshot their control-flow graphs).

use std::fmt::Write;

use crate::handler::Handler;
use crate::source::line_col;

use super::summaries::Helpers;
use super::{Branch, Container, Flow, Site, SiteKind};

/// The flow of `handler` as text: its sites (what happens where, and in which construct), the
/// pairs where one site runs after another already answered, the exits reached without an answer,
/// the hand-offs that made paths uncertain, and the summaries of the functions it called.
pub fn dump(handler: &Handler<'_>, flow: &Flow<'_>, helpers: &Helpers<'_>, source: &str) -> String {
    let at = |offset: u32| {
        let (line, col) = line_col(source, offset);
        format!("{line}:{col}")
    };
    let text = |start: u32, end: u32| {
        let text = source.get(start as usize..end as usize).unwrap_or_default();
        let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if one_line.chars().count() > 60 {
            format!("{}...", one_line.chars().take(57).collect::<String>())
        } else {
            one_line
        }
    };
    let mut out = String::new();
    let next = handler.next.map(|next| format!(", next `{next}`")).unwrap_or_default();
    let _ = writeln!(out, "handler at {} (response `{}`{next})", at(handler.span.start), handler.response);
    let _ = writeln!(out, "  sites:");
    for (id, site) in flow.sites.iter_enumerated() {
        let _ = writeln!(
            out,
            "    #{id} {:<12} {:<6} `{}`{}",
            kind(site),
            at(site.span.start),
            text(site.span.start, site.span.end),
            placement(flow, site)
        );
    }
    if !flow.doubles.is_empty() {
        let _ = writeln!(out, "  runs after an answer:");
        for double in &flow.doubles {
            let again = if double.loop_backedge { " (next iteration)" } else { "" };
            let _ = writeln!(out, "    #{} -> #{}{again}", double.first, double.second);
        }
    }
    if !flow.unanswered.is_empty() {
        let _ = writeln!(out, "  unanswered exits:");
        for exit in &flow.unanswered {
            let via = exit
                .via
                .map(|branch| match branch {
                    Branch::Test { test, taken } => format!(" after `{}` {taken}", text(test.start, test.end)),
                    Branch::Rejection { promise } => format!(" when `{}` rejects", text(promise.start, promise.end)),
                    Branch::Undeclared { name } => format!(" when `{}` is read undeclared", text(name.start, name.end)),
                })
                .unwrap_or_default();
            let methods = if exit.excluded_methods.is_empty() {
                String::new()
            } else {
                format!(", method not {}", exit.excluded_methods.join(" or "))
            };
            let _ =
                writeln!(out, "    {} `{}`{via}{methods}", at(exit.span.start), text(exit.span.start, exit.span.end));
        }
    }
    if !flow.hand_offs.is_empty() {
        let _ = writeln!(out, "  hand-offs:");
        for span in &flow.hand_offs {
            let _ = writeln!(out, "    {} `{}`", at(span.start), text(span.start, span.end));
        }
    }
    let summaries = helpers.summaries();
    if !summaries.is_empty() {
        let _ = writeln!(out, "  summaries so far (file-wide):");
        for (start, reach, summary) in summaries {
            let _ = writeln!(out, "    function at {} ({reach}): {}", at(start), summary.as_str());
        }
    }
    out
}

fn kind(site: &Site<'_>) -> &'static str {
    match site.kind {
        SiteKind::Send => "send",
        SiteKind::Next => "next",
        SiteKind::HeaderWrite => "header-write",
        SiteKind::HelperSend => "helper-send",
    }
}

/// Where a site is: its statement's construct and form, loop, callback, `try` and `catch`.
fn placement(flow: &Flow<'_>, site: &Site<'_>) -> String {
    let mut parts = Vec::new();
    if let Some(statement) = site.statement {
        let container = match flow.lists[statement.list].container {
            Container::Body => "body",
            Container::Branch => "branch",
            Container::Case => "case",
            Container::Try => "try",
            Container::Catch => "catch",
            Container::Finally => "finally",
            Container::Loop => "loop body",
            Container::Block => "block",
        };
        parts.push(format!("statement in {container}"));
    } else {
        parts.push("inside an expression".to_owned());
    }
    if let Some(callback) = site.callback {
        parts.push(format!("callback {callback}"));
    }
    if site.in_loop {
        parts.push("in a loop".to_owned());
    }
    if !site.tries.is_empty() {
        let tries: Vec<String> = site.tries.iter().map(ToString::to_string).collect();
        parts.push(format!("in try [{}]", tries.join(", ")));
    }
    if let Some(of) = site.catch_of {
        parts.push(format!("in catch of try {of}"));
    }
    format!(" ({})", parts.join(", "))
}

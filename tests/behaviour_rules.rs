//! Behaviour tests for every rule with a fix: the handlers under `testdata/behaviour/` are
//! EXECUTED with Node, before and after `sendonce --write --unsafe-fixes`.
//!
//! Each file is one handler (or Express router) with the helpers it calls defined in the same
//! file, so `--fail NAME` can make any of them throw. Every case lists the paths through it: the
//! harness arguments that select the path (`--req JSON`, `--fail NAME`) and what the correct
//! handler answers there.
//!
//! - `testdata/behaviour/<rule>/`: buggy handlers. The original must answer twice on at least
//!   one path (a second send, or an `ERR_HTTP_HEADERS_SENT` thrown by the mock response); `sendonce --check` must report the rule; `sendonce --write
//!   --unsafe-fixes` must change the file; and the fixed file must then answer exactly once on
//!   EVERY path, with the expected status (and body and log lines, where the case gives them),
//!   and let no error escape.
//! - `testdata/behaviour/pass/`: correct handlers of tricky shapes. `sendonce --check` exits 0
//!   and prints nothing, `sendonce --write --unsafe-fixes` leaves the bytes identical, and each
//!   path answers exactly once (which proves the fixture itself is correct).
//!
//! The harness runs with `--final-handler`, so `next(err)` behaves as in Express: it answers
//! 500 when nothing was sent yet, and counts as a second answer after a send.

mod common;

use common::{node, run_handler};

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

// ---------------------------------------------------------------------------
// the table
// ---------------------------------------------------------------------------

/// One path through a handler.
struct Run {
    /// Harness arguments selecting the path, e.g. `["--req", r#"{"query":{"id":"2"}}"#]` or
    /// `["--fail", "getUser"]`.
    args: &'static [&'static str],
    /// The status of the one response a correct handler sends on this path.
    status: u16,
    /// The JSON of that response's body, compared exactly when given.
    body: Option<&'static str>,
    /// Substrings that must each appear in some captured console line (`warn: ...`), so that a
    /// fix cannot silently drop work the handler does on this path.
    logs: &'static [&'static str],
}

const fn run(args: &'static [&'static str], status: u16) -> Run {
    Run { args, status, body: None, logs: &[] }
}

impl Run {
    const fn body(self, body: &'static str) -> Run {
        Run { body: Some(body), ..self }
    }
    const fn logs(self, logs: &'static [&'static str]) -> Run {
        Run { logs, ..self }
    }
}

/// One handler file and the paths through it.
struct Case {
    /// The rule whose fix the file needs, or `PASS` for a correct handler.
    rule: &'static str,
    /// Path under `testdata/behaviour/`.
    file: &'static str,
    /// Harness arguments that reach the handler (`--express-route`, `--export`), on every run.
    entry: &'static [&'static str],
    runs: &'static [Run],
}

const PASS: &str = "pass";
const MISSING_RETURN: &str = "missing-return";
const MULTIPLE_SENDS: &str = "multiple-sends";
const SEND_THEN_THROW: &str = "send-then-throw";
/// Rules with a fix: each needs at least `MINIMUM` behaviour cases, and so does `pass`.
const FIXABLE: &[&str] = &[MULTIPLE_SENDS, MISSING_RETURN, SEND_THEN_THROW];
const MINIMUM: usize = 6;

/// Declares `CASES` and one `#[test]` per case (so a case can carry `#[ignore = "bug: ..."]`).
macro_rules! cases {
    ($($(#[$attr:meta])* $test:ident => $case:expr;)*) => {
        const CASES: &[Case] = &[$($case),*];
        $(
            #[test]
            $(#[$attr])*
            fn $test() {
                const CASE: Case = $case;
                check(&CASE);
            }
        )*
    };
}

cases! {
    // --- missing-return ------------------------------------------------------------------
    missing_return_guard_404 => Case {
        rule: MISSING_RETURN,
        file: "missing-return/guard-404.mjs",
        entry: &[],
        runs: &[
            run(&["--req", r#"{"query":{"id":"1"}}"#], 200).body(r#"{"id":"1","name":"Apollo","owner":"ada"}"#),
            run(&["--req", r#"{"query":{"id":"2"}}"#], 404).body(r#"{"error":"Not found"}"#),
        ],
    };

    missing_return_auth_401_then_log => Case {
        rule: MISSING_RETURN,
        file: "missing-return/auth-401-then-log.js",
        entry: &["--express-route", "GET /profile"],
        runs: &[
            run(&["--req", r#"{"headers":{"authorization":"Bearer s3cret"}}"#], 200)
                .body(r#"{"user":{"id":"1","name":"Ada"}}"#),
            run(&[], 401).body(r#"{"error":"missing token"}"#).logs(&["warn: request without token"]),
        ],
    };
    missing_return_validate_400 => Case {
        rule: MISSING_RETURN,
        file: "missing-return/validate-400.cjs",
        entry: &[],
        runs: &[
            run(&["--req", r#"{"body":{"email":"ada@example.com","password":"analytical"}}"#], 201)
                .body(r#"{"id":"1","email":"ada@example.com"}"#),
            run(&["--req", r#"{"body":{}}"#], 400).body(r#"{"error":"email and password are required"}"#),
            run(&["--req", r#"{"body":{"email":"ada@example.com","password":"short"}}"#], 400)
                .body(r#"{"error":"password too short"}"#),
        ],
    };
    missing_return_catch_next => Case {
        rule: MISSING_RETURN,
        file: "missing-return/catch-next.js",
        entry: &["--express-route", "GET /api/github"],
        runs: &[
            run(&[], 200).body(r#"{"title":"GitHub API","repos":[{"name":"sendonce","stars":42,"token":false}]}"#),
            // next(err) hands the error to Express, which answers 500.
            run(&["--fail", "listRepos"], 500).body(r#"{"error":"listRepos failed"}"#),
        ],
    };
    missing_return_catch_500_falls_through => Case {
        rule: MISSING_RETURN,
        file: "missing-return/catch-500-falls-through.mjs",
        entry: &[],
        runs: &[
            run(&[], 200).body(r#"{"order":{"id":"7","total":42.5}}"#),
            run(&["--fail", "loadOrder"], 500)
                .body(r#"{"error":"could not load order"}"#)
                .logs(&["error: loading order failed"]),
        ],
    };
    missing_return_short_circuit_login => Case {
        rule: MISSING_RETURN,
        file: "missing-return/short-circuit-login.js",
        entry: &["--express-route", "POST /login"],
        runs: &[
            run(&["--req", r#"{"body":{"username":"ada","password":"lovelace"}}"#], 200)
                .body(r#"{"token":"token-for-ada"}"#),
            run(&["--req", r#"{"body":{"username":"ada","password":"babbage"}}"#], 401)
                .body(r#"{"error":"Wrong credentials!"}"#),
            run(&["--req", r#"{"body":{"username":"charles","password":"x"}}"#], 401)
                .body(r#"{"error":"Wrong credentials!"}"#),
        ],
    };
    missing_return_braceless_db_callback => Case {
        rule: MISSING_RETURN,
        file: "missing-return/braceless-db-callback.js",
        entry: &["--export", "updateUser"],
        runs: &[
            run(&["--req", r#"{"body":{"name":"Ada"}}"#], 200).body(r#""Updated!""#),
            run(&["--req", r#"{"body":{"name":"Ada"}}"#, "--fail", "runQuery"], 500)
                .body(r#"{"error":"runQuery failed"}"#),
        ],
    };
    missing_return_switch_case_falls_out => Case {
        rule: MISSING_RETURN,
        file: "missing-return/switch-case-falls-out.mjs",
        entry: &[],
        runs: &[
            run(&["--req", r#"{"method":"GET"}"#], 200).body(r#"[{"id":"1","name":"first"}]"#),
            run(&["--req", r#"{"method":"POST","body":{"name":"second"}}"#], 201).body(r#"{"id":"2","name":"second"}"#),
            run(&["--req", r#"{"method":"PUT"}"#], 405).body(r#"{"error":"Method PUT not allowed"}"#),
        ],
    };
    missing_return_else_if_then_405 => Case {
        rule: MISSING_RETURN,
        file: "missing-return/else-if-then-405.mjs",
        entry: &[],
        runs: &[
            run(&["--req", r#"{"method":"GET"}"#], 200).body(r#"[{"id":"1","url":"https://example.com"}]"#),
            run(&["--req", r#"{"method":"DELETE","query":{"id":"1"}}"#], 204),
            run(&["--req", r#"{"method":"POST"}"#], 405).body(r#""Method POST Not Allowed""#),
        ],
    };
    missing_return_jwt_verify_middleware => Case {
        rule: MISSING_RETURN,
        file: "missing-return/jwt-verify-middleware.js",
        entry: &["--express-route", "GET /me"],
        runs: &[
            run(&["--req", r#"{"headers":{"token":"Bearer good"}}"#], 200).body(r#"{"user":{"id":"1","name":"Ada"}}"#),
            run(&["--req", r#"{"headers":{"token":"Bearer forged"}}"#], 403).body(r#""Token is not valid!""#),
            run(&[], 401).body(r#""You are not authenticated!""#),
        ],
    };

    missing_return_guard_inside_try => Case {
        rule: MISSING_RETURN,
        file: "missing-return/guard-inside-try.mjs",
        entry: &[],
        runs: &[
            run(&["--req", r#"{"query":{"id":"1"}}"#], 200)
                .body(r#"{"user":{"id":"1","name":"Ada"},"orders":[{"id":"o1","userId":"1"}]}"#),
            // Without the return, `user.id` throws and the catch answers a second time.
            run(&["--req", r#"{"query":{"id":"2"}}"#], 404).body(r#"{"error":"no such user"}"#),
            run(&["--req", r#"{"query":{"id":"1"}}"#, "--fail", "getOrders"], 500).body(r#"{"error":"failed"}"#),
        ],
    };
    missing_return_short_circuit_callback => Case {
        rule: MISSING_RETURN,
        file: "missing-return/short-circuit-callback.js",
        entry: &["--export", "me"],
        runs: &[
            run(&["--req", r#"{"headers":{"token":"good"}}"#], 200).body(r#"{"user":{"id":"1"}}"#),
            run(&["--req", r#"{"headers":{"token":"forged"}}"#], 403).body(r#"{"error":"forbidden"}"#),
        ],
    };
    missing_return_sync_catch_next => Case {
        rule: MISSING_RETURN,
        file: "missing-return/sync-catch-next.js",
        entry: &["--express-route", "POST /settings"],
        runs: &[
            run(&["--req", r#"{"body":{"raw":"{\"theme\":\"dark\"}"}}"#], 200).body(r#"{"saved":{"theme":"dark"}}"#),
            run(&["--req", r#"{"body":{"raw":"{oops"}}"#], 500),
            run(&["--req", r#"{"body":{"raw":"{}"}}"#, "--fail", "parseSettings"], 500)
                .body(r#"{"error":"parseSettings failed"}"#),
        ],
    };
    missing_return_else_branch_400 => Case {
        rule: MISSING_RETURN,
        file: "missing-return/else-branch-400.js",
        entry: &["--export", "subscribe"],
        runs: &[
            run(&["--req", r#"{"body":{"email":"ada@example.com"}}"#], 200)
                .body(r#"{"subscribed":true}"#)
                .logs(&["log: subscribing ada@example.com"]),
            run(&["--req", r#"{"body":{"email":"nope"}}"#], 400).body(r#"{"error":"a valid email is required"}"#),
        ],
    };

    missing_return_guard_in_braceless_if_else => Case {
        rule: MISSING_RETURN,
        file: "missing-return/guard-in-braceless-if-else.mjs",
        entry: &[],
        runs: &[
            run(&["--req", r#"{"method":"GET","query":{"id":"w1"}}"#], 200)
                .body(r#"{"widget":{"id":"w1","name":"Sprocket"}}"#),
            run(&["--req", r#"{"method":"GET","query":{"id":"w9"}}"#], 404).body(r#"{"error":"no such widget"}"#),
            run(&["--req", r#"{"method":"POST","query":{"id":"w1"}}"#], 200).logs(&["log: POST request for w1"]),
        ],
    };

    missing_return_middleware_401_then_next => Case {
        rule: MISSING_RETURN,
        file: "missing-return/middleware-401-then-next.js",
        entry: &["--express-route", "GET /admin/users"],
        runs: &[
            run(&["--req", r#"{"headers":{"authorization":"Bearer admin"}}"#], 200).body(r#"{"users":[{"id":"1","name":"Ada"}]}"#),
            run(&[], 401).body(r#"{"error":"unauthorized"}"#),
        ],
    };

    // --- multiple-sends ------------------------------------------------------------------
    multiple_sends_seed => Case {
        rule: MULTIPLE_SENDS,
        file: "multiple-sends/seed.mjs",
        entry: &[],
        runs: &[
            run(&[], 200).body(
                r#"{"data1":{"source":"1","data":"some data"},"data2":{"source":"2","data":"more data"}}"#,
            ),
            run(&["--fail", "fetchDataFromSource1"], 500).body(r#"{"error":"Failed to fetch data"}"#),
            run(&["--fail", "fetchDataFromSource2"], 500).logs(&["error: Error fetching data:"]),
        ],
    };
    multiple_sends_dependent_awaits => Case {
        rule: MULTIPLE_SENDS,
        file: "multiple-sends/dependent-awaits.js",
        entry: &["--express-route", "GET /users/:id"],
        runs: &[
            run(&[], 200).body(
                r#"{"user":{"id":"1","name":"Ada Lovelace"},"userPosts":[{"id":"p1","authorId":"1","title":"Notes on the Analytical Engine"}]}"#,
            ),
            // getUser throws for an unknown id: the original sent nothing at all.
            run(&["--req", r#"{"params":{"id":"9"}}"#], 500),
            run(&["--fail", "getPostsByUser"], 500),
        ],
    };
    multiple_sends_object_bodies => Case {
        rule: MULTIPLE_SENDS,
        file: "multiple-sends/object-bodies.mjs",
        entry: &[],
        runs: &[
            run(&[], 200).body(r#"{"users":1280,"generatedFor":"all","orders":5120,"total":"81234.50"}"#),
            run(&["--fail", "countUsers"], 500),
            run(&["--fail", "revenue"], 500),
        ],
    };
    multiple_sends_three_sends => Case {
        rule: MULTIPLE_SENDS,
        file: "multiple-sends/three-sends.cjs",
        entry: &[],
        runs: &[
            run(&["--req", r#"{"query":{"city":"Porto"}}"#], 200).body(
                r#"{"weather":{"city":"Porto","temperature":21},"news":[{"city":"Porto","headline":"Local codemod fixes handlers"}],"events":[{"city":"Porto","name":"Meetup"}]}"#,
            ),
            run(&["--fail", "fetchNews"], 500),
            run(&["--fail", "fetchEvents"], 500),
        ],
    };
    multiple_sends_existing_try => Case {
        rule: MULTIPLE_SENDS,
        file: "multiple-sends/existing-try.mjs",
        entry: &[],
        runs: &[
            run(&[], 200).body(r#"{"profile":{"id":"1","name":"Ada"},"settings":{"id":"1","theme":"dark"}}"#),
            run(&["--fail", "loadProfile"], 500).body(r#"{"message":"loadProfile failed"}"#),
            run(&["--fail", "loadSettings"], 500).body(r#"{"message":"loadSettings failed"}"#),
        ],
    };
    multiple_sends_existing_try_next => Case {
        rule: MULTIPLE_SENDS,
        file: "multiple-sends/existing-try-next.js",
        entry: &["--express-route", "GET /dashboard"],
        runs: &[
            run(&[], 200).body(r#"{"stats":{"visits":10},"feed":[{"id":"f1"}]}"#),
            run(&["--fail", "getStats"], 500),
            run(&["--fail", "getFeed"], 500),
        ],
    };
    multiple_sends_inline_await => Case {
        rule: MULTIPLE_SENDS,
        file: "multiple-sends/inline-await.cjs",
        entry: &[],
        runs: &[
            run(&[], 200).body(r#"{"users":[{"id":"1","name":"Ada"}],"posts":[{"id":"p1","title":"Hello"}]}"#),
            run(&["--fail", "getUsers"], 500),
            run(&["--fail", "getPosts"], 500),
        ],
    };
    multiple_sends_return_last => Case {
        rule: MULTIPLE_SENDS,
        file: "multiple-sends/return-last.js",
        entry: &["--export", "dashboard"],
        runs: &[
            run(&["--req", r#"{"user":{"id":"u7"}}"#], 200).body(
                r#"{"summary":{"userId":"u7","open":3,"closed":12},"alerts":[{"userId":"u7","level":"warn","text":"disk almost full"}]}"#,
            ),
            run(&["--fail", "getAlerts"], 500),
        ],
    };
    multiple_sends_writes_stay_sequential => Case {
        rule: MULTIPLE_SENDS,
        file: "multiple-sends/writes-stay-sequential.mjs",
        entry: &[],
        runs: &[
            // The reads must see the todo the write created: the write is not run concurrently.
            run(&["--req", r#"{"body":{"title":"ship it"}}"#], 201)
                .body(r#"{"created":{"id":"1","title":"ship it"},"ids":["1"],"count":1}"#),
            run(&["--fail", "createTodo"], 500),
            run(&["--fail", "countTodos"], 500),
        ],
    };
    multiple_sends_tabs_no_semicolons => Case {
        rule: MULTIPLE_SENDS,
        file: "multiple-sends/tabs-no-semicolons.js",
        entry: &[],
        runs: &[
            run(&[], 200).body(r#"{"user":{"id":"u1","name":"Grace"},"team":{"id":"t1","members":4}}"#),
            run(&["--fail", "getTeam"], 500),
        ],
    };
    multiple_sends_nested_block => Case {
        rule: MULTIPLE_SENDS,
        file: "multiple-sends/nested-block.mjs",
        entry: &[],
        runs: &[
            run(&["--req", r#"{"query":{"withComments":"yes"}}"#], 200).body(
                r#"{"article":{"slug":"hello","title":"Hello"},"comments":[{"slug":"hello","text":"Nice post"}]}"#,
            ),
            run(&[], 200).body(r#"{"article":{"slug":"hello","title":"Hello"}}"#),
            run(&["--req", r#"{"query":{"withComments":"yes"}}"#, "--fail", "getComments"], 500),
        ],
    };

    multiple_sends_switch_case => Case {
        rule: MULTIPLE_SENDS,
        file: "multiple-sends/switch-case.mjs",
        entry: &[],
        runs: &[
            run(&[], 200).body(r#"{"balance":{"account":"a1","amount":12},"limits":{"account":"a1","daily":500}}"#),
            run(&["--fail", "getLimits"], 500),
            run(&["--req", r#"{"method":"POST"}"#], 405),
        ],
    };



    // --- send-then-throw (unsafe fix) ----------------------------------------------------
    send_then_throw_audit_after_send => Case {
        rule: SEND_THEN_THROW,
        file: "send-then-throw/audit-after-send.mjs",
        entry: &[],
        runs: &[
            run(&["--req", r#"{"body":{"item":"pen"}}"#], 201).body(r#"{"id":"1","item":"pen"}"#),
            // The order exists and was answered 201; the failing audit must not answer again.
            run(&["--req", r#"{"body":{"item":"pen"}}"#, "--fail", "auditLog"], 201).body(r#"{"id":"1","item":"pen"}"#),
            run(&["--fail", "createOrder"], 500).body(r#"{"error":"createOrder failed"}"#),
        ],
    };
    send_then_throw_cache_write => Case {
        rule: SEND_THEN_THROW,
        file: "send-then-throw/cache-write.mjs",
        entry: &[],
        runs: &[
            run(&[], 200).body(r#"{"users":3,"orders":9}"#),
            run(&["--fail", "cacheSet"], 200).body(r#"{"users":3,"orders":9}"#).logs(&["error: Error: cacheSet failed"]),
            run(&["--fail", "computeStats"], 500).body(r#"{"error":"failed"}"#),
        ],
    };
    send_then_throw_logging_throws => Case {
        rule: SEND_THEN_THROW,
        file: "send-then-throw/logging-throws.js",
        entry: &["--export", "getReport"],
        runs: &[
            run(&["--req", r#"{"user":{"email":"ada@example.com"}}"#], 200)
                .body(r#""<h1>Report 1</h1>""#)
                .logs(&["info: report 1 sent to ada@example.com"]),
            // No req.user: the log line throws a TypeError after the report was sent.
            run(&[], 200).body(r#""<h1>Report 1</h1>""#),
            run(&["--fail", "renderReport"], 500).body(r#""Could not build report""#),
        ],
    };
    send_then_throw_notify_after_send => Case {
        rule: SEND_THEN_THROW,
        file: "send-then-throw/notify-after-send.mjs",
        entry: &[],
        runs: &[
            run(&[], 201).body(r#"{"id":"inv1","email":"ada@example.com"}"#),
            run(&["--fail", "sendInviteEmail"], 201).logs(&["error: invite failed"]),
            run(&["--fail", "createInvite"], 500).body(r#"{"error":"invite failed"}"#),
        ],
    };
    send_then_throw_webhook_parse => Case {
        rule: SEND_THEN_THROW,
        file: "send-then-throw/webhook-parse.js",
        entry: &["--export", "webhook"],
        runs: &[
            run(&["--req", r#"{"body":"{\"type\":\"invoice.paid\"}"}"#], 200).body(r#"{"received":true}"#),
            // The acknowledgement went out before the payload was parsed.
            run(&["--req", r#"{"body":"not json"}"#], 200).body(r#"{"received":true}"#),
            run(&["--req", r#"{"body":"{\"type\":\"invoice.paid\"}"}"#, "--fail", "processEvent"], 200),
        ],
    };

    send_then_throw_send_in_branch_then_work => Case {
        rule: SEND_THEN_THROW,
        file: "send-then-throw/send-in-branch-then-work.mjs",
        entry: &[],
        runs: &[
            run(&[], 200).body(r#"{"prices":{"btc":1,"eth":2},"cached":false}"#).logs(&["log: cache refreshed: prices"]),
            run(&["--fail", "refreshCache"], 200).logs(&["error: prices failed"]),
            run(&["--fail", "loadPrices"], 502).body(r#"{"error":"upstream failed"}"#),
        ],
    };

    send_then_throw_catch_two_sends => Case {
        rule: SEND_THEN_THROW,
        file: "send-then-throw/catch-two-sends.mjs",
        entry: &[],
        runs: &[
            run(&["--req", r#"{"body":{"email":"ada@example.com"}}"#], 201).body(r#"{"id":"u1","email":"ada@example.com"}"#),
            run(&["--req", r#"{"body":{"email":"taken@example.com"}}"#], 409).body(r#"{"error":"email taken"}"#),
            // A duplicate referral after the 201: the 409 branch must not answer again.
            run(&["--req", r#"{"body":{"email":"ada@example.com","ref":"used"}}"#], 201),
            run(&["--req", r#"{"body":{"email":"ada@example.com"}}"#, "--fail", "linkReferral"], 201),
        ],
    };

    send_then_throw_catch_braceless_if_else => Case {
        rule: SEND_THEN_THROW,
        file: "send-then-throw/catch-braceless-if-else.mjs",
        entry: &[],
        runs: &[
            run(&["--req", r#"{"body":{"name":"Ada"}}"#], 201).body(r#"{"name":"Ada"}"#),
            run(&["--req", r#"{"body":{}}"#], 400).body(r#"{"error":"name is required"}"#),
            run(&["--req", r#"{"body":{"name":"Ada"}}"#, "--fail", "indexForSearch"], 201),
            run(&["--req", r#"{"body":{"name":"Ada"}}"#, "--fail", "parseForm"], 500).body(r#"{"error":"could not save"}"#),
        ],
    };

    // --- pass: correct handlers, never changed -------------------------------------------
    pass_if_else_each_sends => Case {
        rule: PASS,
        file: "pass/if-else-each-sends.mjs",
        entry: &[],
        runs: &[
            run(&["--req", r#"{"query":{"id":"1"}}"#], 200),
            run(&[], 400),
            run(&["--req", r#"{"query":{"id":"2"}}"#], 404),
        ],
    };
    pass_try_send_last => Case {
        rule: PASS,
        file: "pass/try-send-last.mjs",
        entry: &[],
        runs: &[run(&[], 200), run(&["--fail", "loadInvoice"], 500)],
    };
    pass_background_work_catch_logs => Case {
        rule: PASS,
        file: "pass/background-work-catch-logs.mjs",
        entry: &[],
        runs: &[
            run(&[], 202).logs(&["log: welcome mail to ada@example.com"]),
            run(&["--fail", "sendWelcomeEmail"], 202).logs(&["error: welcome mail failed"]),
        ],
    };
    pass_return_helper => Case {
        rule: PASS,
        file: "pass/return-helper.cjs",
        entry: &[],
        runs: &[
            run(&[], 401),
            run(&["--req", r#"{"headers":{"authorization":"t"},"body":{"account":"a1","amount":4}}"#], 200)
                .body(r#"{"balance":6}"#),
            run(&["--req", r#"{"headers":{"authorization":"t"},"body":{"account":"a1","amount":-1}}"#], 400),
            run(&["--req", r#"{"headers":{"authorization":"t"},"body":{"account":"zz","amount":4}}"#], 400),
            run(&["--req", r#"{"headers":{"authorization":"t"},"body":{"account":"a1","amount":50}}"#], 400),
        ],
    };
    pass_write_loop_end => Case {
        rule: PASS,
        file: "pass/write-loop-end.js",
        entry: &["--export", "exportCsv"],
        runs: &[run(&[], 200).body(r#""id,name\n1,Ada\n2,Grace\n""#)],
    };
    pass_map_shadows_res => Case {
        rule: PASS,
        file: "pass/map-shadows-res.mjs",
        entry: &[],
        runs: &[run(&[], 200).body(r#"{"bodies":[{"url":"/a"},{"url":"/b"},{"url":"/c"}]}"#)],
    };
    pass_middleware_next_or_send => Case {
        rule: PASS,
        file: "pass/middleware-next-or-send.js",
        entry: &["--express-route", "GET /widgets"],
        runs: &[
            run(&["--req", r#"{"headers":{"x-api-key":"k1"}}"#], 200).body(r#"{"widgets":[{"id":"w1","clientId":"c1"}]}"#),
            run(&[], 403),
            run(&["--req", r#"{"headers":{"x-api-key":"k1"}}"#, "--fail", "listWidgets"], 500),
        ],
    };
    pass_switch_every_case_returns => Case {
        rule: PASS,
        file: "pass/switch-every-case-returns.mjs",
        entry: &[],
        runs: &[
            run(&["--req", r#"{"method":"GET"}"#], 200),
            run(&["--req", r#"{"method":"POST","body":{"text":"x"}}"#], 201),
            run(&["--req", r#"{"method":"DELETE"}"#], 405),
        ],
    };
    pass_headers_sent_guard => Case {
        rule: PASS,
        file: "pass/headers-sent-guard.mjs",
        entry: &[],
        runs: &[
            run(&[], 200),
            run(&["--fail", "trackView"], 200).logs(&["error: feed failed"]),
            run(&["--fail", "buildFeed"], 500),
        ],
    };
    pass_status_then_send => Case {
        rule: PASS,
        file: "pass/status-then-send.cjs",
        entry: &[],
        runs: &[run(&["--req", r#"{"body":{"text":"hi"}}"#], 201).body(r#"{"id":"c1","text":"hi"}"#)],
    };
    pass_then_catch => Case {
        rule: PASS,
        file: "pass/then-catch.mjs",
        entry: &[],
        runs: &[run(&[], 200), run(&["--fail", "loadTags"], 500)],
    };
    pass_if_else_then_background => Case {
        rule: PASS,
        file: "pass/if-else-then-background.mjs",
        entry: &[],
        runs: &[
            run(&[], 200).logs(&["log: visit recorded: home"]),
            run(&["--req", r#"{"query":{"slug":"nope"}}"#], 404).logs(&["log: visit recorded: nope"]),
        ],
    };
    pass_try_branches_catch_500 => Case {
        rule: PASS,
        file: "pass/try-branches-catch-500.mjs",
        entry: &[],
        runs: &[
            run(&[], 200),
            run(&["--req", r#"{"query":{"id":"p2"}}"#], 404),
            run(&["--fail", "findPost"], 500),
        ],
    };
    pass_try_branches_then_work_catch_logs => Case {
        rule: PASS,
        file: "pass/try-branches-then-work-catch-logs.mjs",
        entry: &[],
        runs: &[
            run(&[], 200).logs(&["log: lookup remembered: ACME"]),
            run(&["--req", r#"{"query":{"symbol":"XYZ"}}"#], 404),
            run(&["--fail", "rememberLookup"], 200).logs(&["error: lookup bookkeeping failed"]),
        ],
    };
    pass_headers_sent_after_cached_send => Case {
        rule: PASS,
        file: "pass/headers-sent-after-cached-send.mjs",
        entry: &[],
        runs: &[
            run(&["--req", r#"{"query":{"key":"hot"}}"#], 200).body(r#"{"cached":true,"key":"hot","value":1}"#),
            run(&["--req", r#"{"query":{"key":"cold"}}"#], 200).body(r#"{"cached":false,"key":"cold","value":2}"#),
        ],
    };
    pass_finally_sends => Case {
        rule: PASS,
        file: "pass/finally-sends.mjs",
        entry: &[],
        runs: &[
            run(&[], 200).body(r#"{"preferences":{"user":"ada","theme":"light"}}"#),
            run(&["--fail", "loadPreferences"], 200).body(r#"{"preferences":null}"#).logs(&["warn: using defaults"]),
        ],
    };
    pass_then_returns_then_catch_next => Case {
        rule: PASS,
        file: "pass/then-returns-then-catch-next.js",
        entry: &["--export", "show"],
        runs: &[
            run(&["--req", r#"{"params":{"id":"i1"}}"#], 200).body(r#"{"id":"i1","name":"Lamp"}"#),
            run(&["--req", r#"{"params":{"id":"i9"}}"#], 404),
            run(&["--fail", "loadItem"], 500).body(r#"{"error":"loadItem failed"}"#),
        ],
    };
    pass_query_callback_returns => Case {
        rule: PASS,
        file: "pass/query-callback-returns.js",
        entry: &["--export", "list"],
        runs: &[run(&[], 200), run(&["--fail", "runQuery"], 500).body(r#"{"error":"runQuery failed"}"#)],
    };
}

// ---------------------------------------------------------------------------
// the table covers every file
// ---------------------------------------------------------------------------

#[test]
fn every_behaviour_file_has_a_case_and_every_rule_enough() {
    let root = behaviour_root();
    let mut on_disk = BTreeSet::new();
    for kind in FIXABLE.iter().chain([&PASS]) {
        let dir = root.join(kind);
        let mut count = 0;
        for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display())) {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            on_disk.insert(format!("{kind}/{name}"));
            count += 1;
        }
        assert!(count >= MINIMUM, "testdata/behaviour/{kind} needs at least {MINIMUM} handler files, has {count}");
        let cases = CASES.iter().filter(|case| case.rule == *kind).count();
        assert!(cases >= MINIMUM, "{kind} needs at least {MINIMUM} behaviour cases, has {cases}");
    }
    let in_table: BTreeSet<String> = CASES.iter().map(|case| case.file.to_owned()).collect();
    assert_eq!(in_table.len(), CASES.len(), "a file is listed twice in CASES");
    let missing: Vec<_> = on_disk.difference(&in_table).collect();
    assert!(missing.is_empty(), "files under testdata/behaviour without a case in CASES: {missing:?}");
    let stray: Vec<_> = in_table.difference(&on_disk).collect();
    assert!(stray.is_empty(), "cases in CASES without a file: {stray:?}");
    for case in CASES {
        assert!(case.file.starts_with(&format!("{}/", case.rule)), "{} is not under {}/", case.file, case.rule);
        assert!(!case.runs.is_empty(), "{} has no paths", case.file);
    }
}

// ---------------------------------------------------------------------------
// checking one case
// ---------------------------------------------------------------------------

fn check(case: &Case) {
    node();
    if case.rule == PASS {
        check_pass(case);
    } else {
        check_fix(case);
    }
}

/// A buggy handler: answers twice somewhere before the fix, exactly once everywhere after it.
/// Everything is checked before failing, so one message shows the whole story of a case.
fn check_fix(case: &Case) {
    let (dir, file) = temp_copy(case);
    let original = fs::read(dir.path().join(&file)).unwrap();
    let mut failures = String::new();

    let check = sendonce(dir.path(), &["--check", &file]);
    let findings = String::from_utf8_lossy(&check.stdout).into_owned();
    if !reports(&findings, case.rule) {
        let _ = writeln!(
            failures,
            "  `sendonce --check` does not report {} in the original:\n{}",
            case.rule,
            indent(&findings)
        );
    }

    let mut before = String::new();
    let mut buggy = false;
    for path in case.runs {
        let outcome = execute(dir.path(), &file, case, path);
        buggy |= outcome.answers_twice();
        let _ = writeln!(before, "  {:?}: {}", path.args, outcome.summary());
    }
    assert!(
        buggy,
        "the unfixed {} answers at most once on every path, so it does not show the bug:\n{before}",
        case.file
    );

    let write = sendonce(dir.path(), &["--write", "--unsafe-fixes", &file]);
    assert!(
        matches!(write.status.code(), Some(0 | 1)),
        "`sendonce --write --unsafe-fixes {}` failed ({:?}):\n{}{}",
        case.file,
        write.status.code(),
        String::from_utf8_lossy(&write.stdout),
        String::from_utf8_lossy(&write.stderr)
    );
    let fixed = fs::read(dir.path().join(&file)).unwrap();
    assert_ne!(original, fixed, "`sendonce --write --unsafe-fixes` did not change {}:\n{before}", case.file);
    let diff = diff(&original, &fixed);

    let recheck = sendonce(dir.path(), &["--check", &file]);
    let left = String::from_utf8_lossy(&recheck.stdout).into_owned();
    if reports(&left, case.rule) {
        let _ = writeln!(failures, "  {} is still reported after the fix:\n{}", case.rule, indent(&left));
    }

    for path in case.runs {
        let outcome = execute(dir.path(), &file, case, path);
        if let Some(problem) = outcome.problem(path) {
            let _ = writeln!(failures, "  {:?}: {problem}\n    got: {}", path.args, outcome.summary());
        }
    }
    assert!(
        failures.is_empty(),
        "the fixed {} does not answer exactly once as expected:\n{failures}\n\
         --- sendonce --check on the original ---\n{findings}\n--- runs before the fix ---\n{before}\n--- diff ---\n{diff}",
        case.file
    );
}

/// Whether `--check` output names `rule`.
fn reports(check_stdout: &str, rule: &str) -> bool {
    check_stdout.lines().any(|line| line.contains(&format!(": {rule}: ")))
}

fn indent(text: &str) -> String {
    text.lines().map(|line| format!("    {line}\n")).collect()
}

/// A correct handler: sendonce finds nothing and changes nothing, and every path answers once.
fn check_pass(case: &Case) {
    let (dir, file) = temp_copy(case);
    let original = fs::read(dir.path().join(&file)).unwrap();

    let check = sendonce(dir.path(), &["--check", &file]);
    let stdout = String::from_utf8_lossy(&check.stdout);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "`sendonce --check {}` must exit 0:\n{stdout}{stderr}", case.file);
    assert_eq!(stdout, "", "`sendonce --check {}` must print nothing", case.file);
    assert!(
        stderr.lines().all(|line| line.starts_with("sendonce: ")) && stderr.contains(" 0 findings"),
        "`sendonce --check {}` must print only the summary on stderr:\n{stderr}",
        case.file
    );

    let dry = sendonce(dir.path(), &["--unsafe-fixes", &file]);
    assert_eq!(dry.status.code(), Some(0), "the dry run over {} must exit 0", case.file);
    assert_eq!(String::from_utf8_lossy(&dry.stdout), "", "the dry run over {} must print no diff", case.file);

    let write = sendonce(dir.path(), &["--write", "--unsafe-fixes", &file]);
    assert_eq!(
        write.status.code(),
        Some(0),
        "`sendonce --write --unsafe-fixes {}` must exit 0:\n{}",
        case.file,
        String::from_utf8_lossy(&write.stderr)
    );
    let after = fs::read(dir.path().join(&file)).unwrap();
    assert!(
        original == after,
        "`sendonce --write --unsafe-fixes` changed the pass case {}:\n{}",
        case.file,
        diff(&original, &after)
    );

    let mut failures = String::new();
    for path in case.runs {
        let outcome = execute(dir.path(), &file, case, path);
        if let Some(problem) = outcome.problem(path) {
            let _ = writeln!(failures, "  {:?}: {problem}\n    got: {}", path.args, outcome.summary());
        }
    }
    assert!(failures.is_empty(), "the pass case {} does not answer exactly once as expected:\n{failures}", case.file);
}

// ---------------------------------------------------------------------------
// running the harness
// ---------------------------------------------------------------------------

/// What one harness run saw.
struct Outcome {
    json: Value,
}

impl Outcome {
    fn sends(&self) -> &[Value] {
        self.json["sends"].as_array().unwrap_or_else(|| panic!("no `sends` array in {}", self.json))
    }

    fn errors(&self) -> Vec<String> {
        self.json["errors"]
            .as_array()
            .unwrap_or_else(|| panic!("no `errors` array in {}", self.json))
            .iter()
            .map(|e| e.as_str().map_or_else(|| e.to_string(), str::to_owned))
            .collect()
    }

    fn logs(&self) -> Vec<String> {
        self.json["logs"]
            .as_array()
            .map(|logs| logs.iter().map(|l| l.as_str().map_or_else(|| l.to_string(), str::to_owned)).collect())
            .unwrap_or_default()
    }

    /// A second answer: another send went out, `res` threw `ERR_HTTP_HEADERS_SENT`, or
    /// `next(err)` ran after the response was sent.
    fn answers_twice(&self) -> bool {
        self.sends().len() > 1
            || self.errors().iter().any(|e| e.contains("ERR_HTTP_HEADERS_SENT") || e.contains("ERR_NEXT_AFTER_SEND"))
    }

    /// Why this run is not exactly one answer as `expected` describes, if it is not.
    fn problem(&self, expected: &Run) -> Option<String> {
        let mut problems = Vec::new();
        let sends = self.sends().len();
        if sends != 1 {
            problems.push(format!("{sends} sends instead of exactly 1"));
        }
        let errors = self.errors();
        if !errors.is_empty() {
            problems.push(format!("errors {errors:?}"));
        }
        if self.json["status"] != expected.status {
            problems.push(format!("status {} instead of {}", self.json["status"], expected.status));
        }
        if let Some(body) = expected.body {
            let want: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("bad expected body {body}: {e}"));
            if self.json["body"] != want {
                problems.push(format!("body {} instead of {want}", self.json["body"]));
            }
        }
        let logs = self.logs();
        for wanted in expected.logs {
            if !logs.iter().any(|line| line.contains(wanted)) {
                problems.push(format!("no log line containing {wanted:?} in {logs:?}"));
            }
        }
        (!problems.is_empty()).then(|| problems.join("; "))
    }

    fn summary(&self) -> String {
        let sends: Vec<String> = self.sends().iter().map(|s| format!("{} {}", s["status"], s["body"])).collect();
        format!("sends [{}], errors {:?}, logs {:?}", sends.join(", "), self.errors(), self.logs())
    }
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn behaviour_root() -> PathBuf {
    manifest_dir().join("testdata/behaviour")
}

/// A fresh copy of the case's file, alone in a temporary folder; returns the folder and file name.
fn temp_copy(case: &Case) -> (TempDir, String) {
    let from = behaviour_root().join(case.file);
    let name = from.file_name().unwrap().to_string_lossy().into_owned();
    let dir = TempDir::new().unwrap();
    fs::copy(&from, dir.path().join(&name)).unwrap_or_else(|e| panic!("cannot copy {}: {e}", from.display()));
    (dir, name)
}

fn sendonce(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("sendonce")
        .expect("the sendonce binary is built")
        .args(args)
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .output()
        .expect("sendonce runs")
}

/// Runs the harness on `file` along one path and parses its JSON line.
fn execute(dir: &Path, file: &str, case: &Case, path: &Run) -> Outcome {
    Outcome { json: run_handler(dir, file, &[case.entry, path.args, &["--final-handler"]].concat()) }
}

/// The unified diff of the fix, for failure messages.
fn diff(before: &[u8], after: &[u8]) -> String {
    let before = String::from_utf8_lossy(before);
    let after = String::from_utf8_lossy(after);
    similar::TextDiff::from_lines(before.as_ref(), after.as_ref()).unified_diff().context_radius(2).to_string()
}

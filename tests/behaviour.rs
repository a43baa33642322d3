//! Executes the example's handlers with Node, before and after `sendonce --write`.
//!
//! `tests/behaviour/run-handler.mjs` runs one handler file against a mock
//! `req`/`res` and prints one JSON line (`sends`, `errors`, `status`, `body`).
//! The original handlers must trip `ERR_HTTP_HEADERS_SENT` (proving the harness
//! sees the bug); the fixed ones must send exactly one response: 200 with every
//! result, or 500 when one of the awaited calls fails.

mod common;

use common::{copy_tree, run_handler};

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::{json, Value};
use tempfile::TempDir;

// ---------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, unfixed copy of the example project.
fn original_example() -> TempDir {
    let dir = TempDir::new().unwrap();
    copy_tree(&manifest_dir().join("testdata/example"), dir.path());
    dir
}

/// A copy of the example project after `sendonce --write --unsafe-fixes` (the example's fixes are unsafe); `file` must have been rewritten.
fn fixed_example(file: &str) -> TempDir {
    let dir = original_example();
    let before = fs::read(dir.path().join(file)).unwrap();
    let out = Command::cargo_bin("sendonce")
        .expect("the sendonce binary is built")
        .args(["--write", "--unsafe-fixes"])
        .current_dir(dir.path())
        .output()
        .expect("sendonce runs");
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "sendonce --write failed with {code:?}:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let after = fs::read(dir.path().join(file)).unwrap();
    assert_ne!(before, after, "sendonce --write did not change {file}:\n{}", String::from_utf8_lossy(&out.stderr));
    dir
}

fn sends(result: &Value) -> &Vec<Value> {
    result["sends"].as_array().unwrap_or_else(|| panic!("no `sends` array in {result}"))
}

fn errors(result: &Value) -> Vec<String> {
    result["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no `errors` array in {result}"))
        .iter()
        .map(|e| e.as_str().map_or_else(|| e.to_string(), str::to_owned))
        .collect()
}

/// A handler and how to reach it through the harness.
struct Case {
    /// Path inside the example project.
    file: &'static str,
    /// Extra harness arguments (`--express-route ...`).
    args: &'static [&'static str],
}

const DATA: Case = Case { file: "pages/api/data.js", args: &[] };
const STATS: Case = Case { file: "pages/api/stats.js", args: &[] };
const USERS: Case = Case { file: "server/routes/users.js", args: &["--express-route", "GET /users/:id"] };

/// The unfixed handler sends once, then the second send throws `ERR_HTTP_HEADERS_SENT`.
fn assert_original_hits_headers_sent(case: &Case) {
    let dir = original_example();
    let result = run_handler(dir.path(), case.file, case.args);
    let errs = errors(&result);
    assert!(
        errs.iter().any(|e| e.contains("ERR_HTTP_HEADERS_SENT")),
        "the unfixed {} should trip ERR_HTTP_HEADERS_SENT: {result}",
        case.file
    );
    assert_eq!(sends(&result).len(), 1, "only the first send of the unfixed handler succeeds: {result}");
}

/// The fixed handler sends exactly once: 200 with `expected` as the body, and no errors.
fn assert_fixed_sends_once(case: &Case, expected: &Value) {
    let dir = fixed_example(case.file);
    let result = run_handler(dir.path(), case.file, case.args);
    assert_eq!(sends(&result).len(), 1, "the fixed {} must send exactly once: {result}", case.file);
    assert_eq!(errors(&result), Vec::<String>::new(), "the fixed {} must not error: {result}", case.file);
    assert_eq!(result["status"], json!(200), "{result}");
    assert_eq!(&result["body"], expected, "the body must hold every result: {result}");
}

/// The fixed handler, with `failing` made to throw, sends exactly one 500 and lets no error escape.
fn assert_fixed_sends_500_when(case: &Case, failing: &str) {
    let dir = fixed_example(case.file);
    let mut args = case.args.to_vec();
    args.extend(["--fail", failing]);
    let result = run_handler(dir.path(), case.file, &args);
    assert_eq!(sends(&result).len(), 1, "exactly one send when {failing} fails: {result}");
    assert_eq!(result["status"], json!(500), "status 500 when {failing} fails: {result}");
    assert!(
        !errors(&result).iter().any(|e| e.contains("ERR_HTTP_HEADERS_SENT")),
        "no second send when {failing} fails: {result}"
    );
    assert_eq!(errors(&result), Vec::<String>::new(), "the failure is handled, not leaked: {result}");
}

fn data_body() -> Value {
    // What fetchDataFromSource1/2 in testdata/example/pages/api/data.js return.
    json!({
        "data1": { "source": "1", "data": "some data" },
        "data2": { "source": "2", "data": "more data" },
    })
}

fn stats_body() -> Value {
    // What countUsers/countOrders in testdata/example/pages/api/stats.js return.
    json!({
        "users": { "total": 1280, "activeToday": 342 },
        "orders": { "total": 5120, "pending": 17 },
    })
}

fn users_body() -> Value {
    // What getUser('1') / getOrdersByUser('1') in testdata/example/lib/db.js return.
    json!({
        "user": { "id": "1", "name": "Ada Lovelace", "email": "ada@example.com" },
        "orders": [{ "id": "o1", "userId": "1", "total": 42.5, "status": "shipped" }],
    })
}

// ---------------------------------------------------------------------------
// pages/api/data.js (the seed bug)
// ---------------------------------------------------------------------------

#[test]
fn data_original_trips_err_http_headers_sent() {
    assert_original_hits_headers_sent(&DATA);
}

#[test]
fn data_fixed_sends_once_with_both_results() {
    assert_fixed_sends_once(&DATA, &data_body());
}

#[test]
fn data_fixed_sends_one_500_when_source1_fails() {
    assert_fixed_sends_500_when(&DATA, "fetchDataFromSource1");
}

#[test]
fn data_fixed_sends_one_500_when_source2_fails() {
    assert_fixed_sends_500_when(&DATA, "fetchDataFromSource2");
}

// ---------------------------------------------------------------------------
// pages/api/stats.js
// ---------------------------------------------------------------------------

#[test]
fn stats_original_trips_err_http_headers_sent() {
    assert_original_hits_headers_sent(&STATS);
}

#[test]
fn stats_fixed_sends_once_with_both_results() {
    assert_fixed_sends_once(&STATS, &stats_body());
}

#[test]
fn stats_fixed_sends_one_500_when_count_users_fails() {
    assert_fixed_sends_500_when(&STATS, "countUsers");
}

#[test]
fn stats_fixed_sends_one_500_when_count_orders_fails() {
    assert_fixed_sends_500_when(&STATS, "countOrders");
}

// ---------------------------------------------------------------------------
// server/routes/users.js, GET /users/:id (Express)
// ---------------------------------------------------------------------------

#[test]
fn users_route_original_trips_err_http_headers_sent() {
    assert_original_hits_headers_sent(&USERS);
}

#[test]
fn users_route_fixed_sends_once_with_both_results() {
    assert_fixed_sends_once(&USERS, &users_body());
}

#[test]
fn users_route_fixed_sends_one_500_when_get_user_fails() {
    assert_fixed_sends_500_when(&USERS, "getUser");
}

#[test]
fn users_route_fixed_sends_one_500_when_get_orders_fails() {
    assert_fixed_sends_500_when(&USERS, "getOrdersByUser");
}

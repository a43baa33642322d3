//! The prefilter is sound: whatever it lets sendonce skip has no finding.
//!
//! Two checks, on every fixture under `testdata/` and on a few hundred generated handler files
//! (Next.js, Express, plain `http`, TypeScript, with and without sends, with the odd spellings
//! `res\n  .json(`, `res. json(`, `res?.json(`, `res./* c */json(`, escapes and comments):
//!
//! - in-process, file by file: a file the prefilter rejects parses to no finding, and handler
//!   discovery guided by the prefilter's evidence finds what a walk of the whole file finds;
//! - end to end: `sendonce --check` prints the same findings and exits the same way with the
//!   prefilter and with `--no-prefilter`.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use oxc_allocator::Allocator;
use sendonce::analysis::{analyze_in, Options};
use sendonce::cli::RuleSelection;
use sendonce::config::ProjectConfig;
use sendonce::prefilter::may_have_findings;
use sendonce::prettier::Layout;
use sendonce::source::SourceFile;
use sendonce::walk::EXTENSIONS;
use tempfile::TempDir;

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

/// Every JS/TS file under `dir`, node_modules included, sorted.
fn js_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.contains(&e)) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// What the prefilter said about one file, and what a full parse found.
struct Verdict {
    passed: bool,
    findings: usize,
}

/// Every finding of `file` (rule, places, message, fix), with handler discovery guided by the
/// prefilter's evidence or walking the whole file; an error (a syntax error) as its message.
fn findings(file: &SourceFile, guided: bool) -> Result<Vec<String>, String> {
    let (rules, project) = (RuleSelection::default(), ProjectConfig::default());
    let options = Options { rules: &rules, project: &project, prefilter: guided, layout: &Layout::default() };
    let analysis =
        analyze_in(&Allocator::default(), &file.text, file.source_type, options).map_err(|e| e.to_string())?;
    Ok(analysis.findings.iter().map(|f| format!("{f:?}")).collect())
}

/// Fails if the prefilter rejects a file that has a finding, or if discovery guided by its
/// evidence misses a finding (or finds one) that a walk of the whole file does not.
fn check_file(path: &Path) -> Verdict {
    let bytes = fs::read(path).unwrap();
    let passed = may_have_findings(&bytes);
    let file = SourceFile::from_bytes(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let guided = findings(&file, true);
    assert_eq!(guided, findings(&file, false), "guided discovery differs from a full walk in {}", path.display());
    // A syntax error has no findings either way (a skipped file's error goes unreported).
    let findings = guided.map_or(0, |found| found.len());
    assert!(
        passed || findings == 0,
        "the prefilter rejects {} but it has {findings} finding(s):\n{}",
        path.display(),
        file.text
    );
    Verdict { passed, findings }
}

/// `sendonce --check DIR` with and without the prefilter: same stdout, same exit code.
fn check_binary_agrees(dir: &Path) -> String {
    let run = |extra: &[&str]| {
        let out = Command::cargo_bin("sendonce")
            .unwrap()
            .args(["--check", "--color", "never", "-j", "2"])
            .args(extra)
            .arg(dir)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    let with = run(&[]);
    let without = run(&["--no-prefilter"]);
    assert_eq!(with, without, "findings differ with and without the prefilter in {}", dir.display());
    with.1
}

#[test]
fn fixtures_lose_no_finding() {
    let files = js_files(&testdata());
    assert!(files.len() >= 30, "expected the fixtures under testdata/, found {}", files.len());
    // On a stack as large as the command line's workers have: testdata/fuzz/regressions holds
    // files nested deep enough to need it.
    let verdicts: Vec<Verdict> = std::thread::Builder::new()
        .stack_size(sendonce::analysis::WORKER_STACK_SIZE)
        .spawn(move || files.iter().map(|path| check_file(path)).collect())
        .expect("a thread with a large stack")
        .join()
        .expect("checking the fixtures does not panic");
    assert!(verdicts.iter().any(|v| v.findings > 0), "no fixture has a finding: the test checks nothing");
    let stdout = check_binary_agrees(&testdata());
    assert!(!stdout.is_empty());
}

// ---------------------------------------------------------------------------
// generated handlers
// ---------------------------------------------------------------------------

/// A small deterministic generator (an LCG), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// How a member call on the response is spelled: `{r}` is the response, `{m}` the method.
const MEMBER_SPELLINGS: &[&str] = &[
    "{r}.{m}",
    "{r}.{m}",
    "{r}\n    .{m}",
    "{r}. {m}",
    "{r}?.{m}",
    "{r}./* send */{m}",
    "{r}. // send\n    {m}",
    "{r}.status(200).{m}",
    "{r}\n    .status(201)\n    .{m}",
    "({r}).{m}",
];

const SEND_METHODS: &[&str] = &["json", "json", "send", "end", "redirect", "sendStatus", "render", "jsonp", "download"];

/// One send statement on `r`, with a body that uses `value`.
fn send(rng: &mut Rng, r: &str, value: &str) -> String {
    let method = rng.pick(SEND_METHODS);
    let callee = rng.pick(MEMBER_SPELLINGS).replace("{r}", r).replace("{m}", method);
    let args = match method {
        "end" => String::new(),
        "sendStatus" => "200".to_owned(),
        "redirect" | "render" | "download" => format!("'/{value}'"),
        _ => value.to_owned(),
    };
    let prefix = if rng.chance(20) { "return " } else { "" };
    format!("{prefix}{callee}({args});")
}

/// Top-level functions that send on their first parameter, in the shapes the rules follow: a
/// declaration, an arrow, and one that only calls another (`(name, code)`; the caller uses the
/// last one). A handler whose sends all go through them has no send of its own.
const SEND_HELPERS: &[(&str, &str)] = &[
    ("fail", "function fail(r, status) {\n  r.status(status).json({ error: 'failed' });\n}\n"),
    ("done", "const done = (r, value) => {\n  r.send(value);\n};\n"),
    ("failLater", "function fail(r, status) {\n  r.status(status).end();\n}\nfunction failLater(r, status) {\n  fail(r, status);\n}\n"),
];

/// A handler body: awaits, sends (zero, one or several, some through `helper`), branches,
/// `next()`, logging.
fn body(rng: &mut Rng, r: &str, next: Option<&str>, sends: bool, helper: Option<&str>) -> String {
    let mut lines = Vec::new();
    for i in 0..1 + rng.below(5) {
        match rng.below(if sends { 8 } else { 4 }) {
            4 | 6 if helper.is_some() && rng.chance(60) => {
                let helper = helper.unwrap_or_default();
                lines.push(format!("if (!req.query.id) {{ {helper}({r}, 400); }}"));
            }
            7 if helper.is_some() => lines.push(format!("{}({r}, 200);", helper.unwrap_or_default())),
            0 => lines.push(format!("const data{i} = await fetchData{i}(req.query.id);")),
            1 => lines.push(format!("console.log('step {i}', req.url);")),
            2 => lines.push(format!("{r}.setHeader('X-Step', '{i}');")),
            3 => match next {
                Some(next) => lines.push(format!("if (req.query.skip) {{ return {next}(); }}")),
                None => lines.push(format!("const items{i} = list.map((it) => it.next());")),
            },
            4 => lines.push(format!("if (!req.query.id) {{\n    {}\n  }}", send(rng, r, "{ error: 'missing' }"))),
            5 if next.is_some() => lines.push(format!("if (req.query.fail) {{ {}(new Error('x')); }}", next.unwrap())),
            _ => {
                lines.push(format!("const value{i} = await load{i}();"));
                lines.push(send(rng, r, &format!("value{i}")));
            }
        }
    }
    lines.iter().map(|l| format!("  {l}\n")).collect()
}

/// One generated file: `(file name, source)`.
fn generate(rng: &mut Rng, index: usize) -> (String, String) {
    let ts = rng.chance(45);
    let sends = rng.chance(80);
    // The response's name: mostly one the prefilter knows, sometimes not (then only sends let it through).
    let r = rng.pick(&["res", "res", "res", "response", "_res", "_response", "r", "resp", "reply"]);
    let req = rng.pick(&["req", "request", "_req", "q"]);
    let typed = |name: &str, ty: &str| if ts { format!("{name}: {ty}") } else { name.to_owned() };
    let response_type = rng.pick(&[
        "NextApiResponse",
        "Response",
        "ServerResponse",
        "express.Response",
        "http.ServerResponse",
        "Reply",
    ]);
    let next = rng.pick(&["next", "next", "done"]);
    let shape = rng.below(7);
    let with_next = matches!(shape, 2 | 3);
    let helper = rng.chance(25).then(|| SEND_HELPERS[rng.below(SEND_HELPERS.len())]);
    let body = body(rng, r, with_next.then_some(next), sends, helper.map(|(name, _)| name));
    let params = if with_next {
        format!("{}, {}, {next}", typed(req, "Request"), typed(r, response_type))
    } else {
        format!("{}, {}", typed(req, "NextApiRequest"), typed(r, response_type))
    };
    let code = match shape {
        0 => format!("export default async function handler({params}) {{\n{body}}}\n"),
        1 => format!("export default async ({params}) => {{\n{body}}};\n"),
        2 => format!("const router = express.Router();\nrouter.get('/items/:id', async ({params}) => {{\n{body}}});\nmodule.exports = router;\n"),
        3 => format!("app.post('/items', auth, async function ({params}) {{\n{body}}});\n"),
        4 => format!("class ItemController {{\n  async show({params}) {{\n{body}  }}\n}}\nexports.ItemController = ItemController;\n"),
        5 => format!("module.exports = async ({params}) => {{\n{body}}};\n"),
        _ => format!("const server = http.createServer(async ({params}) => {{\n{body}}});\n"),
    };
    let header = rng.pick(&["", "'use strict';\n", "// generated\n", "/* api */\n"]);
    let helpers = helper.map_or("", |(_, code)| code);
    let ext = if ts { rng.pick(&["ts", "mts"]) } else { rng.pick(&["js", "mjs", "cjs"]) };
    (format!("h{index:03}.{ext}"), format!("{header}{helpers}{code}"))
}

/// Files with no handler at all, or with lookalikes the prefilter must tell apart.
const LOOKALIKES: &[&str] = &[
    "export const sum = (a, b) => a + b;\n",
    "const it = gen(); it.next(); it.next(1);\nexport default it;\n",
    "const result = await resolve(press);\nexport default result;\n",
    "export function toJson(x) { return JSON.stringify({ type: 'application/json', x }); }\n",
    "export default async function handler(req, r) {\n  console.log(req.url);\n}\n",
    "export default async function handler(req, reply) {\n  reply.code(200);\n}\n",
    "const payload = { json: 1, send: 2, end: 3 };\nexport default payload;\n",
    "export default function f(a, b) { return a?.next?.(b); }\n",
    // A registered handler whose only calls are of its third parameter, not named `next`, and whose
    // response is neither named nor typed like one: outside the prefilter's contract, so the rules
    // must not report it either.
    "app.get('/x', (a, b, done) => {\n  done();\n  done();\n});\n",
    // Send methods that are read, not called (`node.end`), and `next` called where no parameter has
    // that name: no send and no hand-off, so the prefilter skips them.
    "app.get('/x', (a, b, done) => {\n  const { end } = b;\n  log(b.json, b.end, 1);\n  done();\n  done();\n});\n",
    "const it = { next() {} };\nfunction next() {}\napp.get('/x', (a, b, n) => {\n  next();\n  next();\n});\n",
    // A helper whose first parameter is `next`, called with a handler's third parameter named otherwise.
    "function fail(next) {\n  next(new Error('x'));\n}\napp.get('/x', (a, b, n) => {\n  fail(n);\n  fail(n);\n});\n",
];

#[test]
fn generated_handlers_lose_no_finding() {
    let dir = TempDir::new().unwrap();
    let mut rng = Rng(0x5e4d_0ace);
    for index in 0..400 {
        let (name, code) = generate(&mut rng, index);
        fs::write(dir.path().join(name), code).unwrap();
    }
    for (index, code) in LOOKALIKES.iter().enumerate() {
        fs::write(dir.path().join(format!("lookalike{index}.js")), code).unwrap();
    }
    let files = js_files(dir.path());
    let verdicts: Vec<Verdict> = files.iter().map(|path| check_file(path)).collect();
    let rejected = verdicts.iter().filter(|v| !v.passed).count();
    let with_findings = verdicts.iter().filter(|v| v.findings > 0).count();
    assert!(rejected >= 10, "only {rejected} generated files were rejected: the test checks little");
    assert!(with_findings >= 30, "only {with_findings} generated files have findings: the test checks little");
    check_binary_agrees(dir.path());
}

/// The odd spellings are sends to the rules, and the prefilter lets each through on the send alone
/// (the response is called `reply`, a name the prefilter does not know).
#[test]
fn odd_spellings_of_a_send_pass() {
    let dir = TempDir::new().unwrap();
    let mut spellings: Vec<String> =
        MEMBER_SPELLINGS.iter().map(|s| s.replace("{r}", "reply").replace("{m}", "json")).collect();
    spellings.extend(
        [
            "reply.\\u006Ason",
            "reply.\n<!-- old\njson",
            "reply.\u{a0}json",
            "reply.\u{2028}json",
            "reply /* a */ . /* b */ json",
        ]
        .map(String::from),
    );
    for (index, callee) in spellings.iter().enumerate() {
        let code = format!(
            "export default async function handler(req, reply) {{\n  const a = await getA();\n  {callee}(a);\n  const b = await getB();\n  {callee}(b);\n}}\n"
        );
        let path = dir.path().join(format!("odd{index}.js"));
        fs::write(&path, &code).unwrap();
        let verdict = check_file(&path);
        assert!(verdict.passed, "the prefilter rejects a send spelled {callee:?}");
        if verdict.findings == 0 {
            eprintln!("note: the rules do not see a send in {callee:?}");
        }
    }
    check_binary_agrees(dir.path());
}

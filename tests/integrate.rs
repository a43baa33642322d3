//! The GitHub Action (`action.yml`) and the pre-commit hooks (`.pre-commit-hooks.yaml`), issue 8
//! point 4, exercised with the built binary.
//!
//! GitHub Actions cannot run here, so the action's own shell steps are run the way the runner runs
//! them (`bash --noprofile --norc -eo pipefail`, `${{ inputs.* }}` and `${{ steps.*.outputs.* }}`
//! filled in, `GITHUB_OUTPUT` and `RUNNER_TEMP` set, sendonce on `PATH`). The install step
//! (`cargo install` of this repository) and the uploads by other actions are not run. The hooks
//! are run as pre-commit runs them: the entry, split into words, followed by the matching files.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Output};

use common::*;
use serde_json::{json, Value};
use tempfile::TempDir;
use yaml_rust2::{Yaml, YamlLoader};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A YAML document as JSON, for easy indexing (keys become strings).
fn to_json(yaml: &Yaml) -> Value {
    match yaml {
        Yaml::Real(text) => text.parse::<f64>().map(Value::from).unwrap_or_else(|_| Value::from(text.as_str())),
        Yaml::Integer(n) => Value::from(*n),
        Yaml::String(text) => Value::from(text.as_str()),
        Yaml::Boolean(b) => Value::from(*b),
        Yaml::Array(items) => Value::Array(items.iter().map(to_json).collect()),
        Yaml::Hash(map) => Value::Object(
            map.iter()
                .map(|(key, value)| {
                    let key = match key {
                        Yaml::String(text) => text.clone(),
                        other => to_json(other).to_string(),
                    };
                    (key, to_json(value))
                })
                .collect(),
        ),
        Yaml::Null => Value::Null,
        other => panic!("unexpected YAML node {other:?}"),
    }
}

fn load_yaml(rel: &str) -> Value {
    let text = fs::read_to_string(repo().join(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"));
    let docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{rel} is not valid YAML: {e}"));
    assert_eq!(docs.len(), 1, "{rel} holds one document");
    to_json(&docs[0])
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn describe(what: &str, out: &Output) -> String {
    format!("{what}: {}\n--- stdout ---\n{}\n--- stderr ---\n{}", out.status, text(&out.stdout), text(&out.stderr))
}

/// The folder of the built binary, to put first on `PATH`.
fn binary_dir() -> PathBuf {
    let binary = assert_cmd::cargo::cargo_bin("sendonce");
    assert!(binary.is_file(), "the sendonce binary is built: {}", binary.display());
    binary.parent().unwrap().to_path_buf()
}

fn path_with_sendonce() -> std::ffi::OsString {
    let mut dirs = vec![binary_dir()];
    dirs.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    std::env::join_paths(dirs).unwrap()
}

// ---------------------------------------------------------------------------
// action.yml
// ---------------------------------------------------------------------------

fn action_steps() -> Vec<Value> {
    load_yaml("action.yml")["runs"]["steps"].as_array().expect("action.yml has runs.steps").clone()
}

fn step(id: &str) -> Value {
    action_steps()
        .into_iter()
        .find(|step| step["id"] == id || step["name"] == id)
        .unwrap_or_else(|| panic!("action.yml has no step {id}"))
}

#[test]
fn action_is_composite_with_paths_args_and_sarif_inputs() {
    let action = load_yaml("action.yml");
    assert_eq!(action["name"], "sendonce");
    assert_eq!(action["runs"]["using"], "composite");
    let inputs = &action["inputs"];
    assert_eq!(inputs["paths"]["default"], ".");
    assert_eq!(inputs["args"]["default"], "");
    assert_eq!(inputs["sarif"]["default"], "false");
    for name in ["paths", "args", "sarif"] {
        assert_eq!(inputs[name]["required"], false, "{name}");
        assert!(inputs[name]["description"].as_str().is_some_and(|d| !d.is_empty()), "{name} has a description");
    }

    let steps = action_steps();
    for step in &steps {
        if step.get("run").is_some() {
            assert_eq!(step["shell"], "bash", "a composite run step needs a shell: {step}");
        } else {
            let uses = step["uses"].as_str().expect("a step runs or uses");
            assert!(uses.contains('@'), "{uses} is pinned to a version");
        }
    }
    let install = step("Install sendonce (cargo install)");
    assert!(install["run"].as_str().unwrap().contains("cargo install --locked --path \"$GITHUB_ACTION_PATH\""));
    let run = step("run")["run"].as_str().unwrap().to_owned();
    assert!(run.contains("sendonce --check --format github"), "{run}");
    assert!(run.contains("sendonce --check --format sarif"), "{run}");
    let upload = step("Upload SARIF to code scanning");
    assert!(upload["uses"].as_str().unwrap().starts_with("github/codeql-action/upload-sarif@"));
    assert_eq!(upload["if"], "inputs.sarif == 'true'");
    assert_eq!(upload["with"]["sarif_file"], "${{ steps.run.outputs.sarif-file }}");
}

/// What one run of the action's shell steps left behind.
struct ActionRun {
    run_step: Output,
    outputs: BTreeMap<String, String>,
    /// The last step ("Fail on findings"), when the run step succeeded.
    result_step: Option<Output>,
}

/// Replaces `${{ inputs.NAME }}` and `${{ steps.ID.outputs.NAME }}` as the runner would.
fn expand(template: &str, inputs: &BTreeMap<&str, &str>, outputs: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}").expect("closed expression") + start;
        let expr = rest[start + 3..end].trim();
        let value = if let Some(name) = expr.strip_prefix("inputs.") {
            inputs.get(name).map(|v| v.to_string()).unwrap_or_else(|| {
                let default = &load_yaml("action.yml")["inputs"][name]["default"];
                default.as_str().unwrap_or_else(|| panic!("unknown input {name}")).to_owned()
            })
        } else if let Some(name) = expr.strip_prefix("steps.run.outputs.") {
            outputs.get(name).cloned().unwrap_or_default()
        } else {
            panic!("the test does not know the expression {expr}");
        };
        out.push_str(&value);
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

fn run_step(
    step: &Value,
    cwd: &Path,
    temp: &Path,
    inputs: &BTreeMap<&str, &str>,
    outputs: &mut BTreeMap<String, String>,
) -> Output {
    let script = step["run"].as_str().expect("a run step");
    assert!(!script.contains("${{"), "expressions go through env, not into the script: {script}");
    let output_file = temp.join("github_output");
    fs::write(&output_file, "").unwrap();
    let mut command = StdCommand::new("bash");
    command
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
        .current_dir(cwd)
        .env("PATH", path_with_sendonce())
        .env("RUNNER_TEMP", temp)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env("GITHUB_ACTION_PATH", repo())
        .env("GITHUB_OUTPUT", &output_file)
        .env("GITHUB_WORKSPACE", cwd)
        .env_remove("NO_COLOR");
    if let Some(env) = step["env"].as_object() {
        for (name, value) in env {
            command.env(name, expand(value.as_str().unwrap(), inputs, outputs));
        }
    }
    let out = command.output().unwrap();
    for line in fs::read_to_string(&output_file).unwrap().lines() {
        let (name, value) = line.split_once('=').unwrap_or_else(|| panic!("bad GITHUB_OUTPUT line {line:?}"));
        outputs.insert(name.to_owned(), value.to_owned());
    }
    out
}

/// Runs the action's "Run sendonce" step and then, if it succeeded, "Fail on findings", in `cwd`.
fn run_action(cwd: &Path, inputs: &[(&str, &str)]) -> (ActionRun, TempDir) {
    let temp = TempDir::new().unwrap();
    let inputs: BTreeMap<&str, &str> = inputs.iter().copied().collect();
    let mut outputs = BTreeMap::new();
    let run = run_step(&step("run"), cwd, temp.path(), &inputs, &mut outputs);
    let result =
        run.status.success().then(|| run_step(&step("Fail on findings"), cwd, temp.path(), &inputs, &mut outputs));
    (ActionRun { run_step: run, outputs, result_step: result }, temp)
}

#[test]
fn action_cache_key_hashes_the_sources() {
    let temp = TempDir::new().unwrap();
    let mut outputs = BTreeMap::new();
    let out = run_step(&step("key"), temp.path(), temp.path(), &BTreeMap::new(), &mut outputs);
    assert!(out.status.success(), "{}", describe("key step", &out));
    let key = &outputs["key"];
    let sum = key.strip_prefix("sendonce-Linux-X64-").unwrap_or_else(|| panic!("{key}"));
    assert!(sum.len() == 20 && sum.chars().all(|c| c.is_ascii_hexdigit()), "{key}");
}

#[test]
fn action_annotates_findings_writes_sarif_and_fails_the_job() {
    let dir = example_copy();
    let (run, _temp) = run_action(
        dir.path(),
        &[("paths", "pages server"), ("args", "--exclude 'pages/api/stats.js' -j 2"), ("sarif", "true")],
    );
    assert!(run.run_step.status.success(), "{}", describe("run step", &run.run_step));
    let stdout = text(&run.run_step.stdout);
    assert!(stdout.contains("::error file=pages/api/data.js,line="), "{stdout}");
    assert!(stdout.contains("::error file=server/routes/users.js,line="), "{stdout}");
    assert!(!stdout.contains("stats.js"), "--exclude from `args` applies: {stdout}");
    assert_eq!(run.outputs["exit-code"], "1");

    let sarif: Value = serde_json::from_str(&fs::read_to_string(&run.outputs["sarif-file"]).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty(), "{sarif}");
    assert!(!sarif.to_string().contains("stats.js"), "{sarif}");
    assert_eq!(
        results.len(),
        stdout.lines().filter(|l| l.starts_with("::error ")).count(),
        "SARIF and annotations hold the same findings"
    );

    let result = run.result_step.expect("the last step runs");
    assert_eq!(result.status.code(), Some(1), "{}", describe("result step", &result));
    assert!(text(&result.stderr).contains("sendonce --write"), "{}", describe("result step", &result));
}

#[test]
fn action_passes_on_clean_code_without_sarif() {
    let dir = example_copy();
    let (run, _temp) = run_action(dir.path(), &[("paths", "pages/api/health.js")]);
    assert!(run.run_step.status.success(), "{}", describe("run step", &run.run_step));
    assert_eq!(text(&run.run_step.stdout), "", "no findings, no annotations");
    assert_eq!(run.outputs["exit-code"], "0");
    assert!(!run.outputs.contains_key("sarif-file"), "sarif defaults to false: {:?}", run.outputs);
    let result = run.result_step.expect("the last step runs");
    assert!(result.status.success(), "{}", describe("result step", &result));
}

#[test]
fn action_stops_on_errors_and_bad_quoting() {
    let dir = example_copy();
    let (missing, _t1) = run_action(dir.path(), &[("paths", "no/such/folder")]);
    assert_eq!(missing.run_step.status.code(), Some(2), "{}", describe("run step", &missing.run_step));
    assert!(text(&missing.run_step.stderr).contains("no/such/folder"), "{}", describe("run", &missing.run_step));
    assert!(missing.result_step.is_none());

    let (quote, _t2) = run_action(dir.path(), &[("args", "--exclude 'unclosed")]);
    assert!(!quote.run_step.status.success(), "{}", describe("run step", &quote.run_step));
    assert!(text(&quote.run_step.stderr).contains("unmatched"), "{}", describe("run step", &quote.run_step));
    assert!(!quote.outputs.contains_key("exit-code"), "sendonce did not run: {:?}", quote.outputs);
}

// ---------------------------------------------------------------------------
// .pre-commit-hooks.yaml
// ---------------------------------------------------------------------------

fn hook(id: &str) -> Value {
    let hooks = load_yaml(".pre-commit-hooks.yaml");
    hooks.as_array().unwrap().iter().find(|hook| hook["id"] == id).cloned().unwrap_or_else(|| panic!("no hook {id}"))
}

/// Runs a hook's entry on `files` in `cwd`, as pre-commit does (entry words, then the file names).
fn run_hook(hook: &Value, cwd: &Path, files: &[&str]) -> Output {
    let entry: Vec<&str> = hook["entry"].as_str().unwrap().split_whitespace().collect();
    StdCommand::new(entry[0])
        .args(&entry[1..])
        .args(files)
        .current_dir(cwd)
        .env("PATH", path_with_sendonce())
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

#[test]
fn pre_commit_hooks_are_declared_for_rust_and_js_ts_files() {
    for (id, entry) in [("sendonce", "sendonce --check"), ("sendonce-fix", "sendonce --write --allow-dirty")] {
        let hook = hook(id);
        assert_eq!(hook["entry"], entry, "{id}");
        assert_eq!(hook["language"], "rust", "{id}: pre-commit builds it with cargo install");
        assert_eq!(hook["types_or"], json!(["javascript", "jsx", "ts", "tsx"]), "{id}");
        assert!(hook["name"].as_str().is_some_and(|n| !n.is_empty()), "{id}");
    }
    // language: rust installs the package at the repository root.
    assert!(repo().join("Cargo.toml").is_file());
}

#[test]
fn pre_commit_check_hook_fails_on_a_double_send_and_passes_clean_files() {
    let dir = example_copy();
    let check = hook("sendonce");
    let staged = ["pages/api/data.js", "pages/api/health.js", "pages/api/login.ts"];
    let out = run_hook(&check, dir.path(), &staged);
    assert_eq!(out.status.code(), Some(1), "{}", describe("hook", &out));
    assert!(text(&out.stdout).contains("pages/api/data.js:"), "{}", describe("hook", &out));

    let out = run_hook(&check, dir.path(), &["pages/api/health.js"]);
    assert_eq!(out.status.code(), Some(0), "{}", describe("hook", &out));
    assert_eq!(text(&out.stdout), "");
}

#[test]
fn pre_commit_fix_hook_rewrites_staged_files_in_a_git_repository() {
    let dir = example_copy();
    let guard = "export default async function handler(req, res) {\n  const user = await getUser(req.query.id);\n  if (!user) {\n    res.status(404).json({ error: 'Not found' });\n  }\n  res.json(user);\n}\n";
    fs::write(dir.path().join("pages/api/guard.js"), guard).unwrap();
    git_init_commit(dir.path());
    // Staged changes, as during `git commit`.
    let mut staged = Vec::new();
    for name in ["pages/api/data.js", "pages/api/guard.js"] {
        let file = dir.path().join(name);
        let mut source = fs::read_to_string(&file).unwrap();
        source.push_str("// staged edit\n");
        fs::write(&file, &source).unwrap();
        git(dir.path(), &["add", name]);
        staged.push(source);
    }

    let out = run_hook(&hook("sendonce-fix"), dir.path(), &["pages/api/data.js", "pages/api/guard.js"]);
    assert_eq!(out.status.code(), Some(1), "the unsafe fix is held back: {}", describe("fix hook", &out));
    let fixed = fs::read_to_string(dir.path().join("pages/api/guard.js")).unwrap();
    assert!(
        fixed.contains("res.status(404).json({ error: 'Not found' });\n    return;\n"),
        "the safe fix is applied:\n{fixed}"
    );
    let data = fs::read_to_string(dir.path().join("pages/api/data.js")).unwrap();
    assert_eq!(data, staged[0], "the hook applies only safe fixes: the Promise.all rewrite is unsafe");
    assert!(text(&out.stderr).contains("unsafe held back"), "{}", describe("fix hook", &out));
    let out = run_hook(&hook("sendonce"), dir.path(), &["pages/api/guard.js"]);
    assert_eq!(out.status.code(), Some(0), "the check hook passes after the fix: {}", describe("hook", &out));
}

// ---------------------------------------------------------------------------
// the README's "Install and integrate" section is copy-pasteable
// ---------------------------------------------------------------------------

/// The fenced code blocks of the README's "Install and integrate" section, as (language, text).
fn install_section_blocks() -> Vec<(String, String)> {
    let readme = fs::read_to_string(repo().join("README.md")).unwrap();
    let start = readme.find("\n## Install and integrate\n").expect("README has an Install and integrate section");
    let section = &readme[start + 1..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |end| end + 4)];
    let mut blocks = Vec::new();
    let mut lines = section.lines();
    while let Some(line) = lines.next() {
        if let Some(lang) = line.strip_prefix("```") {
            let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
            blocks.push((lang.to_owned(), body.join("\n") + "\n"));
        }
    }
    blocks
}

#[test]
fn readme_snippets_match_the_action_the_hooks_and_the_flags() {
    let blocks = install_section_blocks();
    let inputs = load_yaml("action.yml")["inputs"].as_object().unwrap().clone();
    let hook_ids: Vec<String> = load_yaml(".pre-commit-hooks.yaml")
        .as_array()
        .unwrap()
        .iter()
        .map(|hook| hook["id"].as_str().unwrap().to_owned())
        .collect();
    let (mut workflows, mut pre_commit_configs) = (0, 0);
    for (lang, body) in &blocks {
        match lang.as_str() {
            "yaml" => {
                let docs = YamlLoader::load_from_str(body).unwrap_or_else(|e| panic!("README YAML: {e}\n{body}"));
                let doc = to_json(&docs[0]);
                if let Some(jobs) = doc.get("jobs") {
                    workflows += 1;
                    let steps = jobs["sendonce"]["steps"].as_array().unwrap();
                    let ours =
                        steps.iter().find(|s| s["uses"].as_str().is_some_and(|u| u.contains("/sendonce@"))).unwrap();
                    for key in ours["with"].as_object().unwrap().keys() {
                        assert!(inputs.contains_key(key), "the README passes `{key}`, which action.yml lacks");
                    }
                } else {
                    pre_commit_configs += 1;
                    for hook in doc["repos"][0]["hooks"].as_array().unwrap() {
                        let id = hook["id"].as_str().unwrap();
                        if hook.get("entry").is_some() {
                            assert_eq!(hook["types_or"], load_yaml(".pre-commit-hooks.yaml")[0]["types_or"]);
                        } else {
                            assert!(hook_ids.iter().any(|h| h == id), "README names hook {id}");
                        }
                    }
                    // The hook that is commented out must exist too.
                    for line in body.lines().filter(|l| l.trim_start().starts_with("# - id: ")) {
                        let id = line.trim_start().trim_start_matches("# - id: ").split_whitespace().next().unwrap();
                        assert!(hook_ids.iter().any(|h| h == id), "README names hook {id}");
                    }
                }
            }
            "json" => {
                let doc: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("README JSON: {e}\n{body}"));
                assert_eq!(doc["scripts"]["lint:responses"], "sendonce --check");
            }
            "sh" => {
                for line in body.lines() {
                    let words: Vec<&str> = line.split_whitespace().collect();
                    if let ["sendonce", "--generate", kind, ..] = words.as_slice() {
                        let r = run(repo(), &["--generate", kind]);
                        assert_eq!(r.code, 0, "README: {line}\n{r:?}");
                    }
                }
            }
            other => panic!("unexpected code block language {other:?} in Install and integrate"),
        }
    }
    assert_eq!((workflows, pre_commit_configs), (1, 2), "the section shows the action and both pre-commit configs");
}

//! Flags that describe sendonce instead of running it: `--version`, `--list-rules`, `--explain`
//! and `--generate` (shell completions and the man page). Every test runs the built binary.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command as StdCommand, Stdio};

use clap::CommandFactory;
use common::*;
use sendonce::cli::Args;
use sendonce::rules::{every_rule, explain, RULES};
use tempfile::TempDir;

fn repo_file(rel: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

/// Every `--long` flag clap knows, `--help` and `--version` included.
/// Every flag a user can see (hidden test-only flags such as `--no-prefilter` are left out).
fn long_flags() -> BTreeSet<String> {
    let command = Args::command();
    let mut flags: BTreeSet<String> = command
        .get_arguments()
        .filter(|arg| !arg.is_hide_set())
        .filter_map(|arg| arg.get_long())
        .map(|long| format!("--{long}"))
        .collect();
    flags.extend(["--help".to_owned(), "--version".to_owned()]);
    flags
}

/// The version of the locked package `name`, from Cargo.lock.
fn locked_version(name: &str) -> String {
    let lock = repo_file("Cargo.lock");
    let entry = lock.split("[[package]]").find(|entry| entry.contains(&format!("name = \"{name}\"\n"))).unwrap();
    let line = entry.lines().find(|line| line.starts_with("version = ")).unwrap();
    line.trim_start_matches("version = ").trim_matches('"').to_owned()
}

fn any_dir() -> TempDir {
    TempDir::new().unwrap()
}

// ---------------------------------------------------------------------------
// --version (issue 8, point 6)
// ---------------------------------------------------------------------------

#[test]
fn version_names_the_crate_version_and_the_locked_oxc_version() {
    let dir = any_dir();
    let oxc = locked_version("oxc_parser");
    let oxc_minor = oxc.rsplit_once('.').unwrap().0;
    let expected = format!("sendonce {} (oxc {oxc_minor})\n", env!("CARGO_PKG_VERSION"));
    for flag in ["--version", "-V"] {
        let r = run(dir.path(), &[flag]);
        assert_eq!(r.code, 0, "{r:?}");
        assert_eq!(r.stdout, expected, "update VERSION in src/cli.rs when oxc is upgraded");
    }
}

// ---------------------------------------------------------------------------
// --list-rules and --explain (issue 8, point 2)
// ---------------------------------------------------------------------------

#[test]
fn list_rules_prints_every_rule_with_its_fix_tier_and_summary() {
    let r = run(any_dir().path(), &["--list-rules"]);
    assert_eq!(r.code, 0, "{r:?}");
    let lines: Vec<&str> = r.stdout.lines().collect();
    let rules: Vec<_> = every_rule().collect();
    assert_eq!(lines.len(), rules.len(), "one line per rule:\n{r:?}");
    assert_eq!(rules.len(), RULES.len() + 1, "the handler rules and unused-ignore");
    for (line, meta) in lines.iter().zip(rules) {
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(words[0], meta.name, "{line:?}");
        assert!(line.contains(meta.fix.as_str()) && line.ends_with(meta.summary), "{line:?}");
    }
}

#[test]
fn explain_prints_the_readme_section_of_each_rule() {
    let readme = repo_file("README.md");
    for meta in every_rule() {
        let r = run(any_dir().path(), &["--explain", meta.name]);
        assert_eq!(r.code, 0, "{r:?}");
        assert_eq!(r.stdout, format!("{}\n", explain(meta)));
        for heading in ["#### What it does", "#### Why is this bad?", "#### Example", "#### Fix"] {
            assert!(r.stdout.contains(heading), "`--explain {}` lacks {heading:?}:\n{}", meta.name, r.stdout);
        }
        assert!(readme.contains(r.stdout.trim_end()), "README's section for {} differs from --explain", meta.name);
    }
}

#[test]
fn explain_an_unknown_rule_is_a_usage_error_listing_the_rules() {
    let r = run(any_dir().path(), &["--explain", "no-such-rule"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stdout.is_empty(), "{r:?}");
    assert!(r.stderr.contains("no rule named `no-such-rule`") && r.stderr.contains("missing-return"), "{r:?}");
}

// ---------------------------------------------------------------------------
// --generate (issue 8, point 5)
// ---------------------------------------------------------------------------

fn generate(what: &str) -> String {
    let r = run(any_dir().path(), &["--generate", what]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.is_empty(), "--generate prints nothing else:\n{r:?}");
    r.stdout
}

#[test]
fn every_generated_file_names_every_flag() {
    for (what, first_line) in [
        ("completions-bash", "_sendonce() {"),
        ("completions-zsh", "#compdef sendonce"),
        ("completions-fish", "complete -c sendonce"),
        ("man", ".ie \\n(.g .ds Aq \\(aq"),
    ] {
        let text = generate(what);
        assert!(text.starts_with(first_line), "{what} starts with {first_line:?}:\n{text}");
        // The man page escapes `-` as `\-`.
        let plain = text.replace("\\-", "-");
        for flag in long_flags() {
            let name = flag.trim_start_matches('-');
            let named = plain.contains(&flag) || (what == "completions-fish" && plain.contains(&format!("-l {name}")));
            assert!(named, "{what} does not mention {flag}");
        }
    }
}

#[test]
fn bash_completions_complete_flags_and_values() {
    let script = generate("completions-bash");
    let dir = any_dir();
    let file = dir.path().join("sendonce.bash");
    fs::write(&file, script).unwrap();
    // Load the script into a non-interactive bash and ask it, as bash would on <Tab>.
    let complete = |words: &str| -> Vec<String> {
        let program = format!(
            "source {}\nCOMP_WORDS=({words})\nCOMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))\nCOMP_LINE=\"${{COMP_WORDS[*]}}\"\nCOMP_POINT=${{#COMP_LINE}}\n_sendonce sendonce \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
            file.display()
        );
        let out = StdCommand::new("bash").arg("-c").arg(&program).current_dir(dir.path()).output().unwrap();
        assert!(out.status.success(), "bash failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap().lines().map(str::to_owned).collect()
    };
    let flags = complete("sendonce --gen");
    assert_eq!(flags, ["--generate"]);
    let values = complete("sendonce --generate comp");
    assert_eq!(values, ["completions-bash", "completions-zsh", "completions-fish"]);
    let formats = complete("sendonce --format s");
    assert_eq!(formats, ["sarif"]);
}

#[test]
fn man_page_renders_with_groff_when_it_is_installed() {
    let page = generate("man");
    assert!(page.contains(".TH sendonce 1"), "{page}");
    assert!(page.contains(env!("CARGO_PKG_VERSION")), "the man page carries the version");
    let Ok(mut child) = StdCommand::new("groff")
        .args(["-man", "-Tutf8", "-P-cbou"])
        .env("GROFF_NO_SGR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        eprintln!("skipping the groff rendering check: groff is not installed");
        return;
    };
    child.stdin.take().unwrap().write_all(page.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "groff failed: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "groff warned: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    // groff may hyphenate with U+2010; compare without it.
    let text = text.replace(['\u{2010}', '\u{2212}'], "-");
    for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS"] {
        assert!(text.contains(section), "rendered man page lacks {section}:\n{text}");
    }
    assert!(text.contains("--generate") && text.contains("completions-bash"), "{text}");
}

#[test]
fn generate_an_unknown_kind_is_a_usage_error() {
    let r = run(any_dir().path(), &["--generate", "completions-tcsh"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stdout.is_empty(), "{r:?}");
    assert!(r.stderr.contains("completions-bash") && r.stderr.contains("man"), "lists the possible values:\n{r:?}");
}

//! The npm packages (`npm/`, issue 8 point 3): the launcher `sendonce` and the platform packages
//! `@sendonce/cli-<platform>-<arch>`.
//!
//! - The package files agree with each other and with the release workflow (no tools needed).
//! - The launcher, run by `node` in a hand-made `node_modules`, finds the platform binary, passes
//!   arguments, stdio, exit codes and signals through, and explains each way it can fail.
//! - End to end as a new user would: `scripts/npm-pack.sh` builds the release binary and packs both
//!   packages, `npm install --offline` puts the tarballs into a fresh Next.js-shaped project, and
//!   `npx sendonce` runs there. This one is skipped, with a message, when npm is not installed,
//!   unless `SENDONCE_REQUIRE_NPM` is set (`scripts/test.sh` sets it after installing npm).

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Output, Stdio};

use common::*;
use serde_json::Value;
use tempfile::TempDir;

const VERSION: &str = env!("CARGO_PKG_VERSION");
const SCOPE: &str = "@sendonce/cli-";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// The platforms that have a package folder `npm/cli-<platform>`, e.g. `linux-x64`.
fn platform_dirs() -> BTreeSet<String> {
    fs::read_dir(repo().join("npm"))
        .unwrap()
        .filter_map(|entry| entry.unwrap().file_name().to_str()?.strip_prefix("cli-").map(str::to_owned))
        .collect()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn describe(what: &str, out: &Output) -> String {
    format!("{what}: {}\n--- stdout ---\n{}\n--- stderr ---\n{}", out.status, text(&out.stdout), text(&out.stderr))
}

fn tool_version(tool: &str) -> Option<String> {
    let out = StdCommand::new(tool).arg("--version").output().ok()?;
    out.status.success().then(|| text(&out.stdout).trim().to_owned())
}

/// `process.platform-process.arch` of this machine's node, as the launcher computes it.
fn node_platform() -> String {
    let out = StdCommand::new("node")
        .args(["-p", "process.platform + '-' + process.arch"])
        .output()
        .expect("node runs (the tests need Node.js; `.ci/run` installs it)");
    assert!(out.status.success(), "{}", describe("node -p", &out));
    text(&out.stdout).trim().to_owned()
}

// ---------------------------------------------------------------------------
// the package files
// ---------------------------------------------------------------------------

#[test]
fn launcher_lists_exactly_the_platform_packages_and_each_declares_its_os_and_cpu() {
    let launcher = read_json(&repo().join("npm/sendonce/package.json"));
    assert_eq!(launcher["name"], "sendonce");
    assert_eq!(launcher["bin"]["sendonce"], "bin/sendonce.js");
    assert!(repo().join("npm/sendonce/bin/sendonce.js").is_file());
    let optional: BTreeSet<String> = launcher["optionalDependencies"]
        .as_object()
        .expect("the launcher has optionalDependencies")
        .keys()
        .map(|name| name.strip_prefix(SCOPE).unwrap_or_else(|| panic!("{name} is not in {SCOPE}*")).to_owned())
        .collect();
    let dirs = platform_dirs();
    assert_eq!(optional, dirs, "optionalDependencies of npm/sendonce and the npm/cli-* folders differ");
    assert!(dirs.contains("linux-x64"), "{dirs:?}");

    let workflow = fs::read_to_string(repo().join(".github/workflows/release.yml")).unwrap();
    for platform in &dirs {
        let manifest = read_json(&repo().join(format!("npm/cli-{platform}/package.json")));
        let (os, cpu) = platform.split_once('-').unwrap();
        let exe = if os == "win32" { "bin/sendonce.exe" } else { "bin/sendonce" };
        assert_eq!(manifest["name"], format!("{SCOPE}{platform}"));
        assert_eq!(manifest["os"], serde_json::json!([os]), "{platform}");
        assert_eq!(manifest["cpu"], serde_json::json!([cpu]), "{platform}");
        assert_eq!(manifest["files"], serde_json::json!([exe]), "{platform}");
        assert!(manifest.get("bin").is_none(), "{platform}: only the launcher has a bin");
        assert!(workflow.contains(&format!("platform: {platform}\n")), "release.yml does not build {platform}");
    }
    // Versions are placeholders that scripts/npm-pack.sh fills in from Cargo.toml.
    for manifest in std::iter::once("sendonce".to_owned()).chain(dirs.iter().map(|p| format!("cli-{p}"))) {
        assert_eq!(read_json(&repo().join(format!("npm/{manifest}/package.json")))["version"], "0.0.0");
    }
}

// ---------------------------------------------------------------------------
// the launcher, run by node in a hand-made node_modules
// ---------------------------------------------------------------------------

/// A project folder whose node_modules holds the launcher package as committed and, when
/// `binary` is given, the platform package for this machine with that file as its binary.
fn launcher_project(binary: Option<&str>) -> TempDir {
    let dir = TempDir::new().unwrap();
    let modules = dir.path().join("node_modules");
    copy_tree(&repo().join("npm/sendonce"), &modules.join("sendonce"));
    if let Some(script) = binary {
        let platform = node_platform();
        let package = modules.join(format!("@sendonce/cli-{platform}"));
        fs::create_dir_all(package.join("bin")).unwrap();
        fs::copy(repo().join(format!("npm/cli-{platform}/package.json")), package.join("package.json"))
            .unwrap_or_else(|e| panic!("no npm/cli-{platform} package for this machine: {e}"));
        if !script.is_empty() {
            let exe = package.join("bin/sendonce");
            fs::write(&exe, script).unwrap();
            #[cfg(unix)]
            set_mode(&exe, 0o755);
        }
    }
    dir
}

fn launch(project: &Path, args: &[&str], stdin: &str, preload: Option<&Path>) -> Output {
    let mut command = StdCommand::new("node");
    if let Some(preload) = preload {
        command.arg("--require").arg(preload);
    }
    let mut child = command
        .arg(project.join("node_modules/sendonce/bin/sendonce.js"))
        .args(args)
        .current_dir(project)
        .env_remove("SENDONCE_BINARY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs (the tests need Node.js; `.ci/run` installs it)");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn launcher_passes_arguments_stdio_and_the_exit_code_through() {
    let fake = "#!/bin/sh\nprintf '[%s]\\n' \"$@\"\ncat\necho 'to stderr' >&2\nexit 7\n";
    let project = launcher_project(Some(fake));
    let out = launch(project.path(), &["--check", "two words", ""], "from stdin\n", None);
    assert_eq!(out.status.code(), Some(7), "{}", describe("launcher", &out));
    assert_eq!(text(&out.stdout), "[--check]\n[two words]\n[]\nfrom stdin\n");
    assert_eq!(text(&out.stderr), "to stderr\n");
}

#[cfg(unix)]
#[test]
fn launcher_dies_of_the_signal_that_killed_the_binary() {
    use std::os::unix::process::ExitStatusExt;
    let project = launcher_project(Some("#!/bin/sh\nkill -TERM $$\n"));
    let out = launch(project.path(), &[], "", None);
    assert_eq!(out.status.signal(), Some(15), "{}", describe("launcher", &out));
}

#[test]
fn launcher_on_an_unsupported_platform_names_it_and_the_supported_ones() {
    let project = launcher_project(None);
    let preload = project.path().join("fake-platform.js");
    fs::write(
        &preload,
        "Object.defineProperty(process, 'platform', { value: 'aix' });\nObject.defineProperty(process, 'arch', { value: 'ppc64' });\n",
    )
    .unwrap();
    let out = launch(project.path(), &["--version"], "", Some(&preload));
    assert_eq!(out.status.code(), Some(2), "{}", describe("launcher", &out));
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with("sendonce: error: "), "{stderr}");
    assert!(stderr.contains("no binary for aix-ppc64"), "{stderr}");
    for platform in platform_dirs() {
        assert!(stderr.contains(&platform), "the message lists {platform}: {stderr}");
    }
    assert!(stderr.contains("cargo install"), "the message says how else to get it: {stderr}");
}

#[test]
fn launcher_without_the_platform_package_says_to_reinstall_with_optional_dependencies() {
    let project = launcher_project(None);
    let out = launch(project.path(), &["--version"], "", None);
    assert_eq!(out.status.code(), Some(2), "{}", describe("launcher", &out));
    let stderr = text(&out.stderr);
    assert!(stderr.contains(&format!("{SCOPE}{}", node_platform())) && stderr.contains("is not installed"), "{stderr}");
    assert!(stderr.contains("--omit=optional"), "{stderr}");
}

#[test]
fn launcher_with_the_binary_missing_names_the_path() {
    let project = launcher_project(Some(""));
    let out = launch(project.path(), &["--version"], "", None);
    assert_eq!(out.status.code(), Some(2), "{}", describe("launcher", &out));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("is installed but its binary") && stderr.contains("bin/sendonce"), "{stderr}");
}

// ---------------------------------------------------------------------------
// end to end: npm pack, npm install --offline, npx
// ---------------------------------------------------------------------------

/// Runs `program args` in `cwd` with npm kept offline and away from the user's cache.
fn npm_command(program: &str, cwd: &Path, cache: &Path) -> StdCommand {
    let mut command = StdCommand::new(program);
    command
        .current_dir(cwd)
        .env("npm_config_cache", cache)
        .env("npm_config_offline", "true")
        .env("npm_config_update_notifier", "false")
        .env("npm_config_fund", "false")
        .env("npm_config_audit", "false")
        .env_remove("SENDONCE_BINARY")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    command
}

/// A fresh Next.js-shaped project: a copy of testdata/example (pages/api, server/, tsconfig,
/// the Next.js scripts) whose dependencies, which an offline install cannot fetch, are dropped,
/// plus a package.json script that runs sendonce as JS teams do.
fn next_project() -> TempDir {
    let dir = example_copy();
    let path = dir.path().join("package.json");
    let mut manifest = read_json(&path);
    let object = manifest.as_object_mut().unwrap();
    object.remove("dependencies");
    object.remove("devDependencies");
    object["scripts"]["lint:responses"] = Value::from("sendonce --check");
    fs::write(&path, serde_json::to_string_pretty(&manifest).unwrap() + "\n").unwrap();
    dir
}

#[test]
fn npm_pack_then_offline_install_into_a_next_project_runs_sendonce_with_npx() {
    let Some(npm) = tool_version("npm") else {
        assert!(
            std::env::var_os("SENDONCE_REQUIRE_NPM").is_none(),
            "SENDONCE_REQUIRE_NPM is set but npm is not installed"
        );
        eprintln!("SKIPPED npm_pack_then_offline_install...: npm is not installed (`./scripts/test.sh` installs it)");
        return;
    };
    eprintln!("npm {npm}");
    let work = TempDir::new().unwrap();
    let out_dir = work.path().join("tarballs");
    let cache = work.path().join("npm-cache"); // empty: everything must come from the tarballs

    // 1. Build the release binary and pack both packages.
    let pack = StdCommand::new(repo().join("scripts/npm-pack.sh"))
        .arg("--out")
        .arg(&out_dir)
        .env("npm_config_cache", &cache)
        .output()
        .expect("scripts/npm-pack.sh runs");
    assert!(pack.status.success(), "{}", describe("scripts/npm-pack.sh", &pack));
    let tarballs: Vec<PathBuf> = text(&pack.stdout).lines().map(PathBuf::from).collect();
    let platform = node_platform();
    let names: Vec<String> =
        tarballs.iter().map(|path| path.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, [format!("sendonce-cli-{platform}-{VERSION}.tgz"), format!("sendonce-{VERSION}.tgz")]);
    assert!(tarballs.iter().all(|path| path.is_file()), "{tarballs:?}");
    let committed = fs::read_to_string(repo().join("npm/sendonce/package.json")).unwrap();
    assert!(committed.contains("\"version\": \"0.0.0\""), "the script must not edit the committed package.json");

    // 2. Install them offline into a fresh Next.js-shaped project, as `npm i -D sendonce` would.
    let project = next_project();
    let install = npm_command("npm", project.path(), &cache)
        .args(["install", "--offline", "--no-audit", "--no-fund", "--save-dev"])
        .args(&tarballs)
        .output()
        .unwrap();
    assert!(install.status.success(), "{}", describe("npm install --offline", &install));
    let binary = project.path().join(format!("node_modules/@sendonce/cli-{platform}/bin/sendonce"));
    assert!(binary.is_file(), "the platform package brings the binary: {}", binary.display());
    let installed = read_json(&project.path().join("node_modules/sendonce/package.json"));
    assert_eq!(installed["version"], VERSION, "npm-pack.sh fills in the version from Cargo.toml");
    assert_eq!(installed["optionalDependencies"][format!("{SCOPE}{platform}")], VERSION);

    // 3. npx sendonce --version: the release binary, through the launcher.
    let version = npm_command("npx", project.path(), &cache).args(["sendonce", "--version"]).output().unwrap();
    assert_eq!(version.status.code(), Some(0), "{}", describe("npx sendonce --version", &version));
    let direct = run(project.path(), &["--version"]);
    assert_eq!(text(&version.stdout), direct.stdout);
    assert!(direct.stdout.starts_with(&format!("sendonce {VERSION} (oxc ")), "{direct:?}");

    // 4. npx sendonce --check on the example: exit 1 and the same findings as the binary itself
    //    (node_modules, with the launcher's own JavaScript, stays skipped).
    let check = npm_command("npx", project.path(), &cache).args(["sendonce", "--check"]).output().unwrap();
    assert_eq!(check.status.code(), Some(1), "{}", describe("npx sendonce --check", &check));
    let reference = example_copy();
    let expected = run(reference.path(), &["--check"]);
    assert_eq!(expected.code, 1, "{expected:?}");
    assert_eq!(text(&check.stdout), expected.stdout, "npx and the binary found different things");
    for file in ["pages/api/data.js", "server/routes/users.js"] {
        assert!(expected.stdout.contains(file), "the example's findings name {file}:\n{}", expected.stdout);
    }
    assert!(text(&check.stderr).contains("sendonce: "), "the summary reaches stderr");

    // 5. The package.json script fails the way CI needs it to.
    let script =
        npm_command("npm", project.path(), &cache).args(["run", "--silent", "lint:responses"]).output().unwrap();
    assert_eq!(script.status.code(), Some(1), "{}", describe("npm run lint:responses", &script));
    assert_eq!(text(&script.stdout), expected.stdout);

    // 6. stdin reaches the binary: an editor-style run prints the fixed source.
    let buggy = "export default async function handler(req, res) {\n  const user = await getUser(req.query.id);\n  if (!user) {\n    res.status(404).json({ error: 'not found' });\n  }\n  res.json(user);\n}\n";
    let mut child = npm_command("npx", project.path(), &cache)
        .args(["sendonce", "--stdin-filename", "pages/api/user.js"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(buggy.as_bytes()).unwrap();
    let fixed = child.wait_with_output().unwrap();
    assert!(
        text(&fixed.stdout).contains("res.status(404).json({ error: 'not found' });\n    return;\n"),
        "{}",
        describe("npx sendonce --stdin-filename", &fixed)
    );
}

#!/usr/bin/env node
// The `sendonce` command of the npm package: finds the native binary that npm installed for
// this platform (the optional dependency `@sendonce/cli-<platform>-<arch>`) and runs it with
// the same arguments, the same stdin/stdout/stderr, and passes its exit code on.
// Set SENDONCE_BINARY to run another binary instead (a local build, say).
"use strict";

const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const { optionalDependencies = {} } = require("../package.json");

const SCOPE = "@sendonce/cli-";

/** Prints `message` the way sendonce prints errors and exits 2, as sendonce does on errors. */
function fail(message) {
  process.stderr.write(`sendonce: error: ${message}\n`);
  process.exit(2);
}

function binaryPath() {
  const override = process.env.SENDONCE_BINARY;
  if (override) {
    if (!fs.existsSync(override)) {
      fail(`SENDONCE_BINARY is set to ${override}, which does not exist`);
    }
    return override;
  }

  const platform = `${process.platform}-${process.arch}`;
  const pkg = `${SCOPE}${platform}`;
  if (!Object.hasOwn(optionalDependencies, pkg)) {
    const supported = Object.keys(optionalDependencies)
      .map((name) => name.slice(SCOPE.length))
      .join(", ");
    fail(
      `the sendonce npm package has no binary for ${platform} (it has: ${supported}).\n` +
        "  Build sendonce from source with Rust instead: `cargo install --path .` in a clone of its repository.",
    );
  }

  let dir;
  try {
    dir = path.dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    fail(
      `${pkg}, the package that holds sendonce's binary for ${platform}, is not installed.\n` +
        "  npm installs it as an optional dependency of sendonce: reinstall without --omit=optional / --no-optional,\n" +
        "  and do not copy node_modules between platforms (`npm install sendonce` again on this machine).",
    );
  }
  const binary = path.join(dir, "bin", process.platform === "win32" ? "sendonce.exe" : "sendonce");
  if (!fs.existsSync(binary)) {
    fail(`${pkg} is installed but its binary ${binary} is missing; reinstall it: npm install sendonce`);
  }
  return binary;
}

const binary = binaryPath();
const result = spawnSync(binary, process.argv.slice(2), { stdio: "inherit", windowsHide: true });
if (result.error) {
  fail(`cannot run ${binary}: ${result.error.message}`);
}
if (result.signal) {
  // Die of the same signal, so a shell sees what the binary saw.
  process.kill(process.pid, result.signal);
}
process.exit(result.status ?? 2);

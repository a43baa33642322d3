#!/usr/bin/env bash
# Runs every test sendonce has, then the benchmarks in a quick mode. Installs what the tests need first:
# Node.js (the behaviour tests execute fixed handlers), npm (tests/npm.rs packs the npm packages,
# installs them offline and runs `npx sendonce`), git (tests apply patches with `git apply`) and,
# when running as root, setpriv (the fault tests drop to `nobody` so file permissions apply); then Prettier
# from npm into target/npm-tools (tests/prettier.rs checks that fixed files stay Prettier-clean).
set -euo pipefail
cd "$(dirname "$0")/.."

need_install=()
command -v node >/dev/null 2>&1 || need_install+=(nodejs)
command -v npm >/dev/null 2>&1 || need_install+=(npm)
if [ "$(id -u)" -eq 0 ] && ! command -v setpriv >/dev/null 2>&1; then need_install+=(util-linux); fi
command -v git >/dev/null 2>&1 || need_install+=(git)
if [ ${#need_install[@]} -gt 0 ]; then
  echo "installing: ${need_install[*]}"
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need_install[@]}"
  else
    echo "error: please install ${need_install[*]}" >&2
    exit 1
  fi
fi

# npm is installed now, so the npm test must run rather than skip.
export SENDONCE_REQUIRE_NPM=1
# Prettier, for tests/prettier.rs (fixed files stay Prettier-clean), in a project-local folder.
if [ ! -x target/npm-tools/node_modules/.bin/prettier ]; then
  npm install --prefix target/npm-tools --no-audit --no-fund --silent prettier@3
fi
# The bounded fuzz test (tests/fuzz.rs) runs for SENDONCE_FUZZ_SECONDS; CI gives it a minute.
export SENDONCE_FUZZ_SECONDS="${SENDONCE_FUZZ_SECONDS:-60}"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
cargo test --locked 2>&1 | tee "$log"

# The criterion benchmarks, each run once (criterion's test mode): this keeps them compiling and
# running in the test profile, reusing the build `cargo test` just made (`cargo bench` would build
# oxc again in the bench profile, minutes on a small machine). Their timings are not checked here
# (BENCHMARKS.md and scripts/bench/compare.sh are the measurements).
cargo test --locked --benches

# One closing line for the whole run, after the benchmarks' output.
awk '/^test result:/ { passed += $4; failed += $6 } END { printf "tests: %d passed, %d failed\n", passed, failed }' "$log"

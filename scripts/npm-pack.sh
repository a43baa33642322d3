#!/usr/bin/env bash
# Packs sendonce for npm: the `sendonce` launcher package and one `@sendonce/cli-<platform>-<arch>`
# package per binary, as tarballs made by `npm pack` (see npm/README.md).
#
#   scripts/npm-pack.sh [--out DIR] [--binary PLATFORM=PATH]...
#
#   --out DIR                where the .tgz files go (default: target/npm)
#   --binary PLATFORM=PATH   pack this prebuilt binary as @sendonce/cli-PLATFORM (repeatable);
#                            without it, the release binary of this machine is built and packed
#
# The version of every package (and of the launcher's optional dependencies) is the one in
# Cargo.toml. The committed package.json files are not changed: they are copied to a staging
# folder first. Prints the path of each tarball on stdout, platform packages first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

out="$root/target/npm"
binaries=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="${2:?--out needs a folder}"; shift 2 ;;
    --out=*) out="${1#--out=}"; shift ;;
    --binary) binaries+=("${2:?--binary needs PLATFORM=PATH}"); shift 2 ;;
    --binary=*) binaries+=("${1#--binary=}"); shift ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "npm-pack.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
needed=(node npm)
[ ${#binaries[@]} -eq 0 ] && needed+=(cargo)
for tool in "${needed[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "npm-pack.sh: $tool is needed" >&2; exit 1; }
done

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n 1)"
[ -n "$version" ] || { echo "npm-pack.sh: no version in Cargo.toml" >&2; exit 1; }

if [ ${#binaries[@]} -eq 0 ]; then
  platform="$(node -p 'process.platform + "-" + process.arch')"
  exe=sendonce
  [ "${platform%%-*}" = win32 ] && exe=sendonce.exe
  # The build's own output goes to stderr: stdout lists the tarballs.
  (cd "$root" && cargo build --release --locked --bin sendonce) >&2
  target_dir="$(cd "$root" && cargo metadata --format-version 1 --no-deps |
    node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).target_directory))')"
  binaries=("$platform=$target_dir/release/$exe")
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$out"
out="$(cd "$out" && pwd)"

packages=()
for entry in "${binaries[@]}"; do
  platform="${entry%%=*}"
  binary="${entry#*=}"
  if [ ! -d "$root/npm/cli-$platform" ]; then
    known=("$root"/npm/cli-*)
    known=("${known[@]##*/cli-}")
    echo "npm-pack.sh: no package for platform $platform (npm/ has: ${known[*]})" >&2
    exit 2
  fi
  [ -f "$binary" ] || { echo "npm-pack.sh: binary $binary does not exist" >&2; exit 2; }
  exe=sendonce
  [ "${platform%%-*}" = win32 ] && exe=sendonce.exe
  cp -R "$root/npm/cli-$platform" "$stage/cli-$platform"
  mkdir -p "$stage/cli-$platform/bin"
  cp "$binary" "$stage/cli-$platform/bin/$exe"
  chmod 755 "$stage/cli-$platform/bin/$exe"
  packages+=("cli-$platform")
done
cp -R "$root/npm/sendonce" "$stage/sendonce"
packages+=(sendonce)

for package in "${packages[@]}"; do
  node - "$stage/$package/package.json" "$version" <<'JS'
const fs = require("node:fs");
const [file, version] = process.argv.slice(2);
const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
manifest.version = version;
for (const name of Object.keys(manifest.optionalDependencies ?? {})) {
  manifest.optionalDependencies[name] = version;
}
fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n");
JS
  tarball="$(cd "$stage/$package" && npm pack --silent --pack-destination "$out")"
  echo "$out/$tarball"
done

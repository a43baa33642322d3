#!/usr/bin/env bash
# Extract every app of apps.tsv at its pinned commit into OUT_DIR/owner+name/.
# Usage: scripts/realworld/extract.sh [OUT_DIR]   (default /tmp/sendonce-realworld)
# Mirrors are looked up under ${SENDONCE_MIRRORS:-/work/.mirror}/owner+name/
# (the git directory the search tool's `fetch` made, usually .../owner+name/repo).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
apps="$here/apps.tsv"
out="${1:-/tmp/sendonce-realworld}"
mirrors="${SENDONCE_MIRRORS:-/work/.mirror}"

# Print the git directory inside a mirror folder, or nothing.
find_git_dir() {
  local base="$1" cand
  for cand in "$base/repo" "$base/repo/.git" "$base" "$base/.git" "$base"/* "$base"/*/.git; do
    if [[ -d "$cand" ]] && git --git-dir="$cand" rev-parse --git-dir >/dev/null 2>&1; then
      printf '%s\n' "$cand"
      return 0
    fi
  done
  return 1
}

mkdir -p "$out"
missing=0
extracted=0
kept=0
while IFS=$'\t' read -r repo commit split _rest; do
  [[ -z "${repo:-}" || "$repo" == \#* ]] && continue
  key="${repo/\//+}"
  dest="$out/$key"
  stamp="$dest/.sendonce-commit"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$commit" ]]; then
    kept=$((kept + 1))
    continue
  fi
  if ! gitdir="$(find_git_dir "$mirrors/$key")"; then
    echo "extract.sh: no mirror of $repo under $mirrors/$key: fetch it first (search tool: fetch github:$repo)" >&2
    missing=$((missing + 1))
    continue
  fi
  if ! git --git-dir="$gitdir" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "extract.sh: the mirror of $repo ($gitdir) lacks commit $commit: fetch it again" >&2
    missing=$((missing + 1))
    continue
  fi
  # Snapshots lack big blobs (4 MiB and more, Git LFS content): leave out
  # the paths whose blob is absent, or archive fails on them.
  tree="$(git -c core.quotePath=false --git-dir="$gitdir" ls-tree -r --full-tree "$commit" |
    awk -F'\t' '$1 ~ / blob /')"
  missing_blobs="$(printf '%s\n' "$tree" | awk '{ print $3 }' |
    git --git-dir="$gitdir" cat-file --batch-check --buffer | awk '$2 == "missing" { print $1 }')"
  excludes=()
  if [[ -n "$missing_blobs" ]]; then
    while IFS= read -r path; do
      excludes+=(":(exclude,literal)$path")
    done < <(awk -F'\t' 'NR == FNR { gone[$1] = 1; next } { split($1, m, " "); if (m[3] in gone) print $2 }' \
      <(printf '%s\n' "$missing_blobs") <(printf '%s\n' "$tree"))
    echo "extract.sh: $repo: ${#excludes[@]} file(s) absent from the snapshot (large blobs), left out" >&2
  fi
  rm -rf "$dest"
  mkdir -p "$dest"
  # archive still names the left-out blobs on stderr ("invalid object"), and
  # succeeds: show its stderr only when it fails.
  errlog="$(mktemp)"
  if ! git --git-dir="$gitdir" archive "$commit" -- . "${excludes[@]}" 2>"$errlog" | tar -x -C "$dest"; then
    cat "$errlog" >&2
    rm -f "$errlog"
    echo "extract.sh: extracting $repo at $commit failed" >&2
    exit 1
  fi
  rm -f "$errlog"
  printf '%s\n' "$commit" >"$stamp"
  extracted=$((extracted + 1))
done <"$apps"

echo "extract.sh: $extracted extracted, $kept already up to date, $missing missing, in $out" >&2
if [[ $missing -gt 0 ]]; then
  exit 1
fi

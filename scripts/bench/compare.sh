#!/usr/bin/env bash
# compare.sh — time sendonce next to an oxc parse-only probe and oxlint, and check its scaling.
#
# Usage: scripts/bench/compare.sh [CORPUS_DIR]            (default: /tmp/sendonce-corpus)
# Env:
#   RUNS            counted runs per tool, after one warm-up round (default: 7)
#   SCALE_RUNS      counted runs for each scaling measurement (default: 3)
#   MONOREPO_FILES  handler files in the generated monorepo (default: 20000)
#   SCALING=0       skip the scaling part
#   BENCH_DIR       where the tools, the doubled corpus and the monorepo go (default: /tmp/sendonce-bench)
#   SETTLE_SECONDS  wait before the --write rounds on ext4 without a journal (default: 361, see below)
#
# What it does, from a fresh clone:
#   1. builds the corpus (make-corpus.sh: pinned npm tarballs, offline once cached),
#   2. builds sendonce (--release) and the oxc parse-only probe (scripts/bench/oxc-probe),
#      installs oxlint (pinned) from npm under BENCH_DIR, and GNU time if it is missing,
#   3. times `sendonce --check CORPUS`, `oxc-probe --parse CORPUS` and
#      `oxlint -A all -D no-debugger CORPUS` in interleaved rounds (one warm-up round first), each
#      run a whole process under /usr/bin/time (wall from `date +%s%N`, peak RSS from time),
#   4. prints a table (median, min and max wall, files/s and MB/s over the corpus' JS/TS files,
#      peak RSS, and the median of the per-round ratios to the probe) and sendonce's ratios,
#   5. scaling: the corpus twice (hard-linked copies) against once, and `--write` against
#      `--check` on fresh copies of a generated monorepo of MONOREPO_FILES buggy handlers, on the
#      disk and on tmpfs (/dev/shm), next to the least any safe rewrite of those files takes there
#      (scripts/bench/write-probe: temporary files, one sync, renames; no analysis, no checks).
# The machine has 2 cores and may be shared: compare ratios from one run, not absolute times.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CORPUS="${1:-/tmp/sendonce-corpus}"
BENCH="${BENCH_DIR:-/tmp/sendonce-bench}"
RUNS="${RUNS:-7}"
SCALE_RUNS="${SCALE_RUNS:-3}"
MONOREPO_FILES="${MONOREPO_FILES:-20000}"
OXLINT_VERSION=1.94.0
WORK="$BENCH/work"
mkdir -p "$WORK"

# ---- prerequisites ------------------------------------------------------------------
apt_install() {
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq "$@" >&2
}
[ -x /usr/bin/time ] || apt_install time
command -v npm >/dev/null 2>&1 || apt_install nodejs npm

"$HERE/make-corpus.sh" "$CORPUS" >&2
echo "== building sendonce, the parse probe and the write probe" >&2
(cd "$ROOT" && cargo build --release --locked >&2)
(cd "$HERE/oxc-probe" && cargo build --release --locked >&2)
(cd "$HERE/write-probe" && cargo build --release --locked >&2)
SENDONCE="$ROOT/target/release/sendonce"
PROBE="$HERE/oxc-probe/target/release/oxc-probe"
WRITE_PROBE="$HERE/write-probe/target/release/write-probe"
OXLINT="$BENCH/npm/node_modules/.bin/oxlint"
if [ ! -x "$OXLINT" ] || [ "$("$OXLINT" --version 2>/dev/null)" != "Version: $OXLINT_VERSION" ]; then
  mkdir -p "$BENCH/npm"
  [ -f "$BENCH/npm/package.json" ] || echo '{"private":true}' > "$BENCH/npm/package.json"
  npm install --prefix "$BENCH/npm" --no-audit --no-fund "oxlint@$OXLINT_VERSION" >&2
fi

js_files() {
  find "$1" -type f \( -name '*.js' -o -name '*.mjs' -o -name '*.cjs' -o -name '*.jsx' \
    -o -name '*.ts' -o -name '*.mts' -o -name '*.cts' -o -name '*.tsx' \) -printf '%s\n' \
    | awk '{ n++; s += $1 } END { print n, s }'
}
read -r FILES BYTES < <(js_files "$CORPUS")

# ---- timing -------------------------------------------------------------------------
# once NAME ROUND CMD: runs CMD once and appends "NAME ROUND WALL_S MAXRSS_KB" to $RAW.
once() {
  local name="$1" round="$2" cmd="$3" t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -f '%M' -o "$WORK/time.out" sh -c "$cmd" > "$WORK/$name.stdout" 2> "$WORK/$name.stderr" || true
  t1=$(date +%s%N)
  echo "$name $round $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }') $(tail -1 "$WORK/time.out")" >> "$RAW"
}
# stats NAME: "median min max peak_rss_kb" over the counted rounds (round > 0).
stats() {
  awk -v n="$1" '$1 == n && $2 > 0 { print $3, $4 }' "$RAW" | sort -n | awk '
    { w[NR] = $1; if ($2 > m) m = $2 }
    END { med = (NR % 2) ? w[(NR + 1) / 2] : (w[NR / 2] + w[NR / 2 + 1]) / 2; print med, w[1], w[NR], m }'
}
# paired A B: median over the counted rounds of wall(A) / wall(B) in the same round.
paired() {
  awk -v a="$1" -v b="$2" '$2 > 0 && $1 == a { x[$2] = $3 } $2 > 0 && $1 == b { y[$2] = $3 }
    END { for (r in x) if (y[r] > 0) print x[r] / y[r] }' "$RAW" | median
}
# median: the median of the numbers on stdin, one per line, to two decimals ("n/a" for none).
median() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "n/a"; exit }
    med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f\n", med }'
}

RAW="$WORK/compare.txt"; : > "$RAW"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "== corpus: $FILES JS/TS files, $BYTES bytes; $RUNS rounds after a warm-up" >&2
for round in $(seq 0 "$RUNS"); do
  once sendonce "$round" "'$SENDONCE' --check '$CORPUS'"
  once probe "$round" "'$PROBE' --parse '$CORPUS'"
  once oxlint "$round" "cd '$WORK' && '$OXLINT' -A all -D no-debugger '$CORPUS'"
  echo "   round $round: $(awk -v r="$round" '$2 == r { printf "%s %ss  ", $1, $3 }' "$RAW")" >&2
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "corpus: $CORPUS — $FILES JS/TS files, $(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB; $(nproc) cores; $RUNS interleaved rounds after 1 warm-up; load average before/after: $LOAD_BEFORE / $LOAD_AFTER"
echo "sendonce: $(grep '^sendonce:' "$WORK/sendonce.stderr" | tail -1)"
echo "probe:    $(tail -1 "$WORK/probe.stdout")"
echo "oxlint:   $(grep -E '^Finished' "$WORK/oxlint.stdout" "$WORK/oxlint.stderr" 2>/dev/null | tail -1 | cut -d: -f2-)"
echo
echo "| tool | files | MB | wall s median (min–max) | files/s | MB/s | peak RSS MiB | × probe (paired median) |"
echo "|---|---|---|---|---|---|---|---|"
for tool in sendonce probe oxlint; do
  read -r med min max rss < <(stats "$tool")
  ratio="$(paired "$tool" probe)"
  awk -v t="$tool" -v f="$FILES" -v b="$BYTES" -v med="$med" -v min="$min" -v max="$max" -v rss="$rss" -v r="$ratio" 'BEGIN {
    printf "| %s | %d | %.1f | %.3f (%.3f–%.3f) | %.0f | %.1f | %.0f | %s |\n", t, f, b / 1e6, med, min, max, f / med, b / 1e6 / med, rss / 1024, r }'
done
read -r s_med _ _ s_rss < <(stats sendonce)
read -r p_med _ _ p_rss < <(stats probe)
read -r o_med _ _ _ < <(stats oxlint)
echo
echo "sendonce / probe wall:   $(paired sendonce probe) (paired median; medians $(awk -v a="$s_med" -v b="$p_med" 'BEGIN { printf "%.2f", a / b }'))   target <= 1.00"
echo "sendonce / oxlint wall:  $(paired sendonce oxlint) (paired median; medians $(awk -v a="$s_med" -v b="$o_med" 'BEGIN { printf "%.2f", a / b }'))   target <= 0.50"
echo "sendonce / probe RSS:    $(awk -v a="$s_rss" -v b="$p_rss" 'BEGIN { printf "%.2f", a / b }')   target <= 1.50"

[ "${SCALING:-1}" = 0 ] && exit 0

# ---- scaling ------------------------------------------------------------------------
echo
echo "== scaling" >&2
X2="$BENCH/corpus-x2"
if [ ! -f "$X2/.complete" ]; then
  rm -rf "$X2"; mkdir -p "$X2"
  cp -rl "$CORPUS" "$X2/a"; cp -rl "$CORPUS" "$X2/b"   # hard links: the same bytes twice, no extra disk
  touch "$X2/.complete"
fi
MONO="$BENCH/monorepo-$MONOREPO_FILES"
if [ ! -f "$MONO/.complete" ]; then
  rm -rf "$MONO"
  node "$HERE/gen-monorepo.js" "$MONO" "$MONOREPO_FILES" >&2
  touch "$MONO/.complete"
fi
RAW="$WORK/scaling.txt"; : > "$RAW"
for round in $(seq 0 "$SCALE_RUNS"); do
  once corpus-x1 "$round" "'$SENDONCE' --check '$CORPUS'"
  once corpus-x2 "$round" "'$SENDONCE' --check '$X2'"
  echo "   round $round: $(awk -v r="$round" '$2 == r { printf "%s %ss  ", $1, $3 }' "$RAW")" >&2
done
# --write against --check on a fresh copy of the monorepo per round. All copies are made before
# any timing. On ext4 without a journal (this machine's disk), creating a file skips, one by one,
# every inode freed in the last minute (six while its inode table block is unwritten): a run
# that creates 20,000 files right after 100,000 were deleted (the last benchmark's copies) pays
# for that deletion, up to twice its time. That is the benchmark's doing, not sendonce's: a
# user's run does not follow a mass delete. So on such a file system the rounds start after the
# window has passed (SETTLE_SECONDS, default 361; 0 to skip). The same is then done on tmpfs
# (/dev/shm), which separates sendonce's own cost from the file system's.
# settle DIR: flush, then wait out the recently-deleted window if DIR is on ext4 without a journal.
settle() {
  local dev
  sync
  dev="$(basename "$(df -P "$1" | awk 'NR == 2 { print $1 }')")"
  if [ "$(cat "/sys/fs/ext4/$dev/journal_task" 2>/dev/null)" = "<none>" ] && [ "${SETTLE_SECONDS:-361}" -gt 0 ]; then
    echo "   waiting ${SETTLE_SECONDS:-361} s: $1 is on ext4 without a journal (see the comment above settle)" >&2
    sleep "${SETTLE_SECONDS:-361}"
  fi
}
mono_rounds() { # mono_rounds DIR SUFFIX
  local dir="$1" suffix="$2" round
  rm -rf "$dir"; mkdir -p "$dir"
  for round in $(seq 0 "$SCALE_RUNS"); do cp -r "$MONO" "$dir/$round"; cp -r "$MONO" "$dir/floor-$round"; done
  settle "$dir"
  for round in $(seq 0 "$SCALE_RUNS"); do
    # Read the copy once first: this VM drops cached file contents within minutes (the wait
    # above), and a cold --check (1.5-2.4 s here) followed by a warm --write is no comparison.
    "$SENDONCE" --check "$dir/$round" > /dev/null 2>&1 || true
    once "mono-check$suffix" "$round" "'$SENDONCE' --check '$dir/$round'"
    once "mono-write$suffix" "$round" "'$SENDONCE' --write '$dir/$round'"
    # The same rewrite with nothing but the writing, on its own copy (it times itself, after
    # reading every file): what the file system alone costs.
    "$WRITE_PROBE" "$dir/floor-$round" > "$WORK/write-probe.out"
    echo "mono-floor$suffix $round $(awk '{ print $NF }' "$WORK/write-probe.out") 0" >> "$RAW"
    echo "   round $round: $(awk -v r="$round" -v s="$suffix" '$2 == r && $1 ~ ("^mono-.*" s "$") { printf "%s %ss  ", $1, $3 }' "$RAW")" >&2
  done
  after_write="$("$SENDONCE" --check "$dir/$SCALE_RUNS" 2>&1 >/dev/null | tail -1)"
  rm -rf "$dir"
}
mono_rounds "$WORK/mono" ""
after_disk="$after_write"
names="corpus-x1 corpus-x2 mono-check mono-write mono-floor"
if [ -d /dev/shm ] && [ "$(df -Pk /dev/shm | awk 'NR == 2 { print $4 }')" -gt $((4 * 1024 * 1024)) ]; then
  mono_rounds /dev/shm/sendonce-mono "-tmpfs"
  names="$names mono-check-tmpfs mono-write-tmpfs mono-floor-tmpfs"
fi

# floor SUFFIX: median over the counted rounds of (--check + write-probe) / --check in one round:
# the --write / --check ratio a sendonce whose writing cost nothing beyond the file system's would get.
floor() {
  awk -v c="mono-check$1" -v f="mono-floor$1" '$2 > 0 && $1 == c { x[$2] = $3 } $2 > 0 && $1 == f { y[$2] = $3 }
    END { for (r in x) if (r in y) print (x[r] + y[r]) / x[r] }' "$RAW" | median
}
echo "| run | wall s median (min–max) | peak RSS MiB |"
echo "|---|---|---|"
for name in $names; do
  read -r med min max rss < <(stats "$name")
  awk -v t="$name" -v med="$med" -v min="$min" -v max="$max" -v rss="$rss" 'BEGIN {
    printf "| %s | %.3f (%.3f–%.3f) | %s |\n", t, med, min, max, (rss > 0 ? sprintf("%.0f", rss / 1024) : "–") }'
done
read -r x1 _ _ x1_rss < <(stats corpus-x1)
read -r x2 _ _ x2_rss < <(stats corpus-x2)
echo
echo "corpus twice / once wall: $(paired corpus-x2 corpus-x1) (paired median; medians $(awk -v a="$x2" -v b="$x1" 'BEGIN { printf "%.2f", a / b }'))   target <= 2.10"
echo "corpus twice / once RSS:  $(awk -v a="$x2_rss" -v b="$x1_rss" 'BEGIN { printf "%.2f", a / b }')   target <= 1.00 (no more memory)"
echo "monorepo ($MONOREPO_FILES handlers) --write / --check wall, disk:  $(paired mono-write mono-check) (paired median)   target <= 3.00"
echo "   the file system's share, disk:  (--check + write-probe) / --check = $(floor "") (paired median; mono-floor is the probe's writing alone)"
case " $names " in *" mono-write-tmpfs "*)
  echo "monorepo ($MONOREPO_FILES handlers) --write / --check wall, tmpfs: $(paired mono-write-tmpfs mono-check-tmpfs) (paired median)   target <= 3.00"
  echo "   the file system's share, tmpfs: (--check + write-probe) / --check = $(floor -tmpfs) (paired median)" ;;
esac
echo "after --write, --check says: $after_disk"

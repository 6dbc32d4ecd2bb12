#!/usr/bin/env bash
# Times `finwire export` of a whole database in every format, one row each (wall seconds, peak RSS), so
# the figures in BENCHMARKS.md ("Exports") can be re-run on any build.
#
#   Benchmarks/exports.sh CONFIG [LABEL]
#
# CONFIG names the database (e.g. the 100,000 articles of a default `finwire fetch` of
# `genfeeds.py --feeds 2000 --items 50 --seed 7`). Outputs go to $T (default /tmp/finwire-exports) and
# are removed after each row. Needs GNU time.
set -euo pipefail
CONFIG=$(realpath "${1:?usage: exports.sh CONFIG [LABEL]}"); LABEL=${2:-$(basename "$(dirname "$CONFIG")")}
FW=${FINWIRE:-$(cd "$(dirname "$0")/.." && pwd)/.build/release/finwire}
T=${T:-/tmp/finwire-exports}; rm -rf "$T"; mkdir -p "$T"
export LANG=C.UTF-8

run() { # LABEL ARGS... → one table row
  local label=$1; shift
  /usr/bin/time -v -o "$T/time.txt" "$FW" export --config "$CONFIG" --timezone Asia/Shanghai "$@" \
    >"$T/out.txt" 2>"$T/err.txt" || { echo "FAILED: $label" >&2; tail -3 "$T/err.txt" >&2; }
  local wall rss size
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$T/time.txt")
  rss=$(awk -F': ' '/Maximum resident/{print int($2/1024)}' "$T/time.txt")
  size=$(du -sm "$T/x" 2>/dev/null | cut -f1)
  printf '| %s | %s | %.2f | %d | %s |\n' "$LABEL" "$label" "$wall" "$rss" "${size:-0}"
  rm -rf "$T/x"
}

echo "$LABEL: $("$FW" export --config "$CONFIG" --format jsonl --out - 2>/dev/null | wc -l) entries, $(date -u +%FT%TZ), $(nproc) cores"
echo "| database | export | wall s | peak RSS MB | output MB |"
echo "|---|---|---|---|---|"
for f in jsonl markdown html csv atom; do run "$f" --format "$f" --out "$T/x"; done
run "jsonl --all-copies" --format jsonl --all-copies --out "$T/x"
run "jsonl --html raw" --format jsonl --html raw --out "$T/x"
run "hexo into a folder" --format hexo --out "$T/x/"

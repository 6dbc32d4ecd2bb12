#!/usr/bin/env bash
# Parse-only throughput of finwire's parser beside raw libxml2 and Python feedparser, on the same bytes,
# interleaved in one series of runs.
#
#   Benchmarks/parse-throughput.sh DIR [RUNS] [FEEDPARSER_RUNS]
#
# DIR is a genfeeds.py output (e.g. python3 ../shared/bench/genfeeds.py --feeds 2000 --items 50 --seed 1
# --out /tmp/fw/f2000). Needs a release build, gcc + libxml2-dev (for ../shared/bench/xmlprobe.c) and
# `pip install feedparser`. Every tool reads the files first and times only the parse (MB/s of XML).
set -euo pipefail
DIR=$(cd "${1:?usage: parse-throughput.sh DIR [RUNS] [FEEDPARSER_RUNS]}" && pwd); RUNS=${2:-3}; FP_RUNS=${3:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FW=${FINWIRE:-$ROOT/.build/release/finwire}
SHARED=${SHARED:-$ROOT/../shared/bench}
T=${T:-/tmp/finwire-bench-parse}; mkdir -p "$T"
[ -x "$T/xmlprobe" ] || gcc -O2 -o "$T/xmlprobe" "$SHARED/xmlprobe.c" $(pkg-config --cflags --libs libxml-2.0)
files=("$DIR"/feed*.xml)
echo "set: $DIR (${#files[@]} files), $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
for r in $(seq "$RUNS"); do
  echo "-- run $r"
  "$FW" bench parse "${files[@]}"
  "$FW" bench parse --stream "${files[@]}" | sed 's/^finwire-parse/finwire-parse-stream/'
  "$T/xmlprobe" reader "${files[@]}"
  "$T/xmlprobe" dom "${files[@]}"
  "$T/xmlprobe" sax "${files[@]}"
done
for r in $(seq "$FP_RUNS"); do
  python3 "$SHARED/peer_feedparser.py" parse "$DIR"
done

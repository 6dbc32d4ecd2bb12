#!/usr/bin/env bash
# Load on `finwire serve`'s busiest question: wrk against /api/stories?region=浙江&kind=policy, and the
# server's peak RSS (VmHWM) after it (issue 16's measure).
#
#   Benchmarks/serve-load.sh CONFIG [SECONDS] [CONNECTIONS]
#
# CONFIG names the database to read (e.g. the 1,000,000-article one of Benchmarks/year-of-data.sh).
# Needs wrk (apt-get install wrk) and release builds of both packages (`swift build -c release && swift build -c
# release --package-path Serve`).
set -euo pipefail
CONFIG=${1:?usage: serve-load.sh CONFIG [SECONDS] [CONNECTIONS]}; SECS=${2:-20}; CONNS=${3:-8}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FW=${FINWIRE:-$ROOT/.build/release/finwire}
PORT=${PORT:-8097}
"$FW" serve --config "$CONFIG" --listen 127.0.0.1:$PORT --log-level error &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null' EXIT
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/openapi.json" 2>/dev/null && break; sleep 0.2; done
Q='/api/stories?region=%E6%B5%99%E6%B1%9F&kind=policy'
echo "== first request: $(curl -s -o /dev/null -w '%{time_total}s %{size_download} bytes' "http://127.0.0.1:$PORT$Q")"
echo "== wrk -c$CONNS -d${SECS}s --latency $Q"
wrk -t"$(( CONNS < 2 ? 1 : 2 ))" -c"$CONNS" -d"${SECS}s" --latency "http://127.0.0.1:$PORT$Q"
echo "== the page: $(curl -s -o /dev/null -w '%{time_total}s %{size_download} bytes' "http://127.0.0.1:$PORT/?region=%E6%B5%99%E6%B1%9F&kind=policy")"
echo "== serve peak RSS: $(grep VmHWM /proc/$PID/status); now: $(grep -E "RssAnon|RssFile|RssShmem" /proc/$PID/status | tr -s " \t\n" " ")"
echo "== /api/feeds: $(curl -s -o /dev/null -w '%{time_total}s %{size_download} bytes' "http://127.0.0.1:$PORT/api/feeds"); peak RSS after it: $(grep VmHWM /proc/$PID/status)"

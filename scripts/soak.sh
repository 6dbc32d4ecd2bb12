#!/usr/bin/env bash
# Soak test of `finwire run` on a served feed set: idle cost and memory over time.
#   scripts/soak.sh DIR [idle|day|all|steady]      DIR: a genfeeds.py output served by ../shared/bench/serve.sh
#
# idle  Every feed at interval 900 s. Warm-up = the first full pass (every feed has a last success in
#       fetch_state, or fetch_log has >= as many rows as feeds), then until the daemon is quiet (a second
#       with < 2 clock ticks of CPU, at most 30 s). Then samples every SAMPLE s for IDLE_SECS s and reports
#       the CPU seconds used in that window, the average CPU % of one core and RSS first/min/max/last.
#       Right after the first pass every feed is next due ~interval later, so this window holds no fetch.
# steady  (not part of "all") Like idle, but after warm-up each feed's next_due_at is spread uniformly over
#       its own wait (next_due_at - last_attempt_at: the interval, or the <ttl> where larger), as it would be
#       after many cycles of jitter; then 30 s for the daemon to re-read it (it sleeps at most 30 s), then the
#       same window: the steady-state cost of refetching 2,000 feeds on their schedule (mostly 304s).
# day   A compressed day: every feed at DAY_INTERVAL s (60 is the smallest the configuration accepts),
#       run for DAY_SECS s, sampled every SAMPLE s from start. Warm-up = the first WARMUP_SECS s. Reports
#       RSS at the end of warm-up, max RSS after it, last RSS, growth %, fetches (fetch_log rows, by
#       status) and articles stored. RSS feeds with <ttl> are honoured (the fetcher waits at least ttl).
#
# Each run gets a fresh database. The daemon is stopped with SIGTERM at the end; its exit code is recorded.
# Sampling reads utime+stime (clock ticks, getconf CLK_TCK) from /proc/PID/stat and VmRSS from
# /proc/PID/status into $OUT/<run>/samples.csv (columns: t_s, epoch, utime, stime, cpu_s, rss_kb, threads,
# fetch_log_rows, load1). Summaries go to stdout and $OUT/<run>/summary.txt.
#
# Env: FINWIRE (binary, default .build/release/finwire), OUT (default /tmp/soak), SAMPLE (10),
#      IDLE_SECS (600), IDLE_INTERVAL (900), DAY_SECS (1500), DAY_INTERVAL (60), WARMUP_SECS (180),
#      CONCURRENCY (16). Run idle and day one after the other, never two soaks at once (they share the cores).
set -euo pipefail
DIR=$(cd "${1:?usage: soak.sh DIR [idle|day|all|steady]}" && pwd); MODE=${2:-all}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FW=${FINWIRE:-$ROOT/.build/release/finwire}
OUT=${OUT:-/tmp/soak}
SAMPLE=${SAMPLE:-10}
IDLE_SECS=${IDLE_SECS:-600}; IDLE_INTERVAL=${IDLE_INTERVAL:-900}
DAY_SECS=${DAY_SECS:-1500}; DAY_INTERVAL=${DAY_INTERVAL:-60}; WARMUP_SECS=${WARMUP_SECS:-180}
CONCURRENCY=${CONCURRENCY:-16}
HZ=$(getconf CLK_TCK)
[ -x "$FW" ] || { echo "no finwire binary at $FW (set FINWIRE)" >&2; exit 1; }
[ -s "$DIR/urls.txt" ] || { echo "no $DIR/urls.txt" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 CLI needed" >&2; exit 1; }
first_url=$(head -1 "$DIR/urls.txt")
curl -sf -o /dev/null "$first_url" || { echo "$first_url is not served (../shared/bench/serve.sh start $DIR PORT)" >&2; exit 1; }
NFEEDS=$(grep -c . "$DIR/urls.txt")
mkdir -p "$OUT"

PID=""
cleanup() { if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill -TERM "$PID"; wait "$PID" || true; fi; }
trap cleanup EXIT

# config DEST DB INTERVAL: one feed per line of urls.txt.
config() {
  python3 - "$DIR/urls.txt" "$1" "$2" "$3" "$CONCURRENCY" <<'PY'
import json, sys
urls = [l.strip() for l in open(sys.argv[1]) if l.strip()]
json.dump({"database": sys.argv[3], "fetch": {"concurrency": int(sys.argv[5]), "per_host": int(sys.argv[5])},
           "feeds": [{"id": f"feed{i}", "url": u, "interval": int(sys.argv[4])} for i, u in enumerate(urls)]},
          open(sys.argv[2], "w"))
PY
}

q() { sqlite3 -cmd '.timeout 5000' "$DB" "$1" 2>/dev/null || echo NA; }

# One sample of $PID: sets UT ST RSS THR.
read_proc() {
  local stat rest f
  stat=$(cat "/proc/$PID/stat") || return 1
  rest=${stat##*) }            # fields after "pid (comm) ": state is [0], utime [11], stime [12]
  read -r -a f <<<"$rest"
  UT=${f[11]}; ST=${f[12]}
  RSS=$(awk '/^VmRSS:/ {print $2}' "/proc/$PID/status")
  THR=$(awk '/^Threads:/ {print $2}' "/proc/$PID/status")
}

# sample CSV T0: appends one row, t_s relative to T0 (epoch seconds with fraction).
sample() {
  read_proc || return 1
  local now rows load
  now=$EPOCHREALTIME
  rows=$(q 'select count(*) from fetch_log')
  load=$(cut -d' ' -f1 /proc/loadavg)
  awk -v t0="$2" -v now="$now" -v ut="$UT" -v st="$ST" -v hz="$HZ" -v rss="$RSS" -v thr="$THR" -v rows="$rows" -v load="$load" \
    'BEGIN { printf "%.1f,%.3f,%d,%d,%.2f,%d,%d,%s,%s\n", now - t0, now, ut, st, (ut + st) / hz, rss, thr, rows, load }' >>"$1"
}

sleep_until() { sleep "$(awk -v t="$1" -v n="$EPOCHREALTIME" 'BEGIN { d = t - n; if (d < 0) d = 0; printf "%.3f", d }')"; }

# start_daemon RUNDIR INTERVAL
start_daemon() {
  local run=$1
  rm -rf "$run"; mkdir -p "$run"
  config "$run/config.json" soak.sqlite "$2"
  DB=$run/soak.sqlite
  CMD="$FW run --config $run/config.json --log-level error"
  echo "$CMD" >"$run/command.txt"
  $CMD 2>>"$run/daemon.log" &
  PID=$!
  START=$EPOCHREALTIME
}

# stop_daemon RUNDIR: SIGTERM, wait, record exit code and how long the stop took.
stop_daemon() {
  local t=$EPOCHREALTIME rc=0
  kill -TERM "$PID"
  wait "$PID" || rc=$?
  PID=""
  EXIT_RC=$rc
  STOP_SECS=$(awk -v a="$t" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
}

header() { echo "t_s,epoch,utime,stime,cpu_s,rss_kb,threads,fetch_log_rows,load1" >"$1"; }

db_facts() {
  echo "fetch_log_rows: $(q 'select count(*) from fetch_log')"
  echo "fetch_log_by_status: $(q "select group_concat(s || '=' || n, ' ') from (select coalesce(status, 'error') s, count(*) n from fetch_log group by 1)")"
  echo "fetches_per_feed (fetches=feeds): $(q "select group_concat(n || '=' || c, ' ') from (select n, count(*) c from (select feed_id, count(*) n from fetch_log group by 1) group by 1)")"
  echo "articles: $(q 'select count(*) from articles')"
  echo "database_bytes: $(( $(stat -c %s "$DB") + $(stat -c %s "$DB-wal" 2>/dev/null || echo 0) ))"
}

common_facts() {
  echo "finwire: $FW ($("$FW" --version))"
  echo "nproc: $(nproc)"
  echo "clk_tck: $HZ"
  echo "feeds: $NFEEDS from $DIR"
}

run_idle() {
  local variant=${1:-idle}
  local run=$OUT/$variant
  start_daemon "$run" "$IDLE_INTERVAL"
  header "$run/warmup.csv"; header "$run/samples.csv"
  local deadline warm_end prev cur
  deadline=$(awk -v s="$START" 'BEGIN { printf "%.3f", s + 900 }')
  while :; do
    sleep 1
    kill -0 "$PID" 2>/dev/null || { echo "daemon died during warm-up, see $run/daemon.log" >&2; exit 1; }
    sample "$run/warmup.csv" "$START"
    local missing rows
    missing=$(q "select count(*) from feeds f left join fetch_state s on s.feed_id = f.id where s.last_success_at is null")
    rows=$(q 'select count(*) from fetch_log')
    { [ "$missing" = 0 ] || { [ "$rows" != NA ] && [ "$rows" -ge "$NFEEDS" ]; }; } && break
    [ "$(awk -v d="$deadline" -v n="$EPOCHREALTIME" 'BEGIN { print (n > d) }')" = 1 ] && { echo "warm-up did not finish in 900 s" >&2; exit 1; }
  done
  warm_end=$(awk -v s="$START" -v n="$EPOCHREALTIME" 'BEGIN { printf "%.1f", n - s }')
  # Let the end of the pass (fetch-log pruning, last commits) finish: wait for a quiet second, at most 30 s.
  for _ in $(seq 30); do
    read_proc; prev=$((UT + ST)); sleep 1; read_proc; cur=$((UT + ST))
    [ $((cur - prev)) -lt 2 ] && break
  done
  if [ "$variant" = steady ]; then
    q "update fetch_state set next_due_at = cast(strftime('%s', 'now') as integer)
         + abs(random()) % max(1, next_due_at - last_attempt_at) where next_due_at is not null" >/dev/null
    echo "spread: next_due_at - now (s) min/avg/max: $(q "select min(d) || '/' || cast(avg(d) as int) || '/' || max(d) from (select next_due_at - cast(strftime('%s', 'now') as integer) d from fetch_state)")" >"$run/spread.txt"
    sleep 30
  fi
  local t0=$EPOCHREALTIME settled
  settled=$(awk -v s="$START" -v n="$t0" 'BEGIN { printf "%.1f", n - s }')
  local n=$((IDLE_SECS / SAMPLE)) i
  for i in $(seq 0 "$n"); do
    sleep_until "$(awk -v t="$t0" -v i="$i" -v s="$SAMPLE" 'BEGIN { printf "%.3f", t + i * s }')"
    sample "$run/samples.csv" "$t0" || { echo "daemon gone during the idle window" >&2; exit 1; }
  done
  local hwm; hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$PID/status")
  stop_daemon "$run"
  {
    echo "== $variant: $NFEEDS feeds at interval $IDLE_INTERVAL s, window ${IDLE_SECS} s sampled every ${SAMPLE} s"
    [ "$variant" = steady ] && cat "$run/spread.txt"
    common_facts
    echo "command: $CMD"
    echo "warmup_first_pass_done_s: $warm_end"
    echo "window_start_s (after quiet second): $settled"
    python3 - "$run/samples.csv" "$HZ" <<'PY'
import csv, sys
r = list(csv.DictReader(open(sys.argv[1]))); hz = int(sys.argv[2])
wall = float(r[-1]["epoch"]) - float(r[0]["epoch"])
cpu = float(r[-1]["cpu_s"]) - float(r[0]["cpu_s"])
rss = [int(x["rss_kb"]) for x in r]
print(f"samples: {len(r)} over {wall:.1f} s wall")
print(f"cpu_s_in_window: {cpu:.2f} (user {(int(r[-1]['utime'])-int(r[0]['utime']))/hz:.2f}, sys {(int(r[-1]['stime'])-int(r[0]['stime']))/hz:.2f})")
print(f"avg_cpu_pct_one_core: {100 * cpu / wall:.3f}")
print(f"rss_kb first/min/max/last: {rss[0]}/{min(rss)}/{max(rss)}/{rss[-1]} (max-min {max(rss)-min(rss)} kB)")
rows = [x["fetch_log_rows"] for x in r]
print(f"fetch_log rows at window start/end: {rows[0]}/{rows[-1]}")
print(f"threads first/last: {r[0]['threads']}/{r[-1]['threads']}; load1 first/max/last: {r[0]['load1']}/{max(float(x['load1']) for x in r)}/{r[-1]['load1']}")
PY
    echo "vmhwm_kb (peak, incl. warm-up): $hwm"
    db_facts
    echo "sigterm_exit_code: $EXIT_RC (stopped in $STOP_SECS s)"
  } | tee "$run/summary.txt"
}

run_day() {
  local run=$OUT/day
  start_daemon "$run" "$DAY_INTERVAL"
  header "$run/samples.csv"
  local n=$((DAY_SECS / SAMPLE)) i
  for i in $(seq 0 "$n"); do
    sleep_until "$(awk -v t="$START" -v i="$i" -v s="$SAMPLE" 'BEGIN { printf "%.3f", t + i * s }')"
    sample "$run/samples.csv" "$START" || { echo "daemon died, see $run/daemon.log" >&2; exit 1; }
  done
  local hwm; hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$PID/status")
  stop_daemon "$run"
  {
    echo "== compressed day: $NFEEDS feeds at interval $DAY_INTERVAL s for $DAY_SECS s, warm-up $WARMUP_SECS s, sampled every $SAMPLE s"
    common_facts
    echo "command: $CMD"
    python3 - "$run/samples.csv" "$WARMUP_SECS" <<'PY'
import csv, sys
r = list(csv.DictReader(open(sys.argv[1]))); w = float(sys.argv[2])
warm = [x for x in r if float(x["t_s"]) <= w + 0.5][-1]
after = [x for x in r if float(x["t_s"]) > w + 0.5]
base = int(warm["rss_kb"]); mx = max(after, key=lambda x: int(x["rss_kb"])); last = r[-1]
print(f"samples: {len(r)} over {float(last['t_s']):.0f} s")
print(f"rss_kb at end of warm-up (t={warm['t_s']} s): {base}")
print(f"rss_kb max after warm-up: {mx['rss_kb']} (t={mx['t_s']} s); min after warm-up: {min(int(x['rss_kb']) for x in after)}")
print(f"rss_kb last (t={last['t_s']} s): {last['rss_kb']}")
print(f"rss_kb max overall: {max(int(x['rss_kb']) for x in r)}")
print(f"growth_pct max-after-warmup vs end-of-warmup: {100 * (int(mx['rss_kb']) - base) / base:.1f}")
print(f"growth_pct last vs end-of-warmup: {100 * (int(last['rss_kb']) - base) / base:.1f}")
print(f"cpu_s total: {float(last['cpu_s']):.2f}; after warm-up: {float(last['cpu_s']) - float(warm['cpu_s']):.2f} "
      f"({100 * (float(last['cpu_s']) - float(warm['cpu_s'])) / (float(last['t_s']) - float(warm['t_s'])):.2f}% of one core)")
print(f"fetch_log rows at end of warm-up / end: {warm['fetch_log_rows']} / {last['fetch_log_rows']}")
print(f"threads at warm-up end / last: {warm['threads']} / {last['threads']}; load1 max: {max(float(x['load1']) for x in r)}")
PY
    echo "vmhwm_kb (peak): $hwm"
    db_facts
    echo "sigterm_exit_code: $EXIT_RC (stopped in $STOP_SECS s)"
  } | tee "$run/summary.txt"
}

case "$MODE" in
  idle) run_idle idle ;;
  steady) run_idle steady ;;
  day) run_day ;;
  all) run_idle idle; run_day ;;
  *) echo "mode must be idle, steady, day or all" >&2; exit 64 ;;
esac

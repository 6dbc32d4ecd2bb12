#!/usr/bin/env bash
# Crash safety, scripted: run the daemon on a served feed set, kill -9 it at random moments N times
# (restarting each time), then let one run finish and check the database:
#   PRAGMA integrity_check = ok; no (feed, identity) stored twice; every served item stored.
#   scripts/crash-test.sh DIR [KILLS]     DIR: a genfeeds.py output served by ../shared/bench/serve.sh
set -euo pipefail
DIR=$(cd "${1:?usage: crash-test.sh DIR [KILLS]}" && pwd); KILLS=${2:-20}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FW=${FINWIRE:-$ROOT/.build/release/finwire}
T=${T:-/tmp/finwire-crash}; rm -rf "$T"; mkdir -p "$T"
python3 - "$DIR/urls.txt" "$T/config.json" <<'PY'
import json, sys
urls = [l.strip() for l in open(sys.argv[1]) if l.strip()]
json.dump({"database": "crash.sqlite", "fetch": {"concurrency": 16, "per_host": 16},
           "feeds": [{"id": f"feed{i}", "url": u, "interval": 60} for i, u in enumerate(urls)]},
          open(sys.argv[2], "w"))
PY
expected=$(python3 -c "import json;print(json.load(open('$DIR/stats.json'))['items'])")
for i in $(seq "$KILLS"); do
  "$FW" run --config "$T/config.json" --log-level error 2>>"$T/daemon.log" &
  pid=$!
  sleep "$(python3 -c 'import random; print(round(random.uniform(0.3, 4.0), 2))')"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  n=$(sqlite3 "$T/crash.sqlite" 'select count(*) from articles' 2>/dev/null || echo 0)
  echo "kill $i: $n articles stored so far"
  # Make every feed due again and forget its validators, so the next run re-downloads and re-stores all of
  # them and the next kill lands in the middle of writes, not in an idle daemon.
  sqlite3 "$T/crash.sqlite" "update fetch_state set next_due_at = null, etag = null, last_modified = null, body_hash = null" 2>/dev/null || true
done
# A last run that is allowed to finish one full pass, then stops cleanly.
"$FW" run --config "$T/config.json" --log-level error 2>>"$T/daemon.log" &
pid=$!
for _ in $(seq 120); do
  sleep 1
  due=$(sqlite3 "$T/crash.sqlite" "select count(*) from feeds f left join fetch_state s on s.feed_id=f.id where s.last_success_at is null" 2>/dev/null || echo 1)
  [ "$due" = 0 ] && break
done
kill -TERM "$pid"; wait "$pid"; echo "final run exited $?"
echo "integrity_check: $(sqlite3 "$T/crash.sqlite" 'PRAGMA integrity_check')"
echo "duplicates: $(sqlite3 "$T/crash.sqlite" 'select count(*) from (select feed_id, identity from articles group by 1, 2 having count(*) > 1)')"
stored=$(sqlite3 "$T/crash.sqlite" 'select count(*) from articles')
echo "articles stored: $stored of $expected served"
[ "$stored" = "$expected" ]

#!/usr/bin/env bash
# A year of heavy use: the operations users run on a big database, timed on a 100,000- and a
# 1,000,000-article database in the same way, so the two can be compared.
#
#   Benchmarks/year-of-data.sh DB CONFIG NEWPASS_CONFIG [LABEL]
#
# DB is a finwire database built by `finwire fetch` from generated feeds (tagging and dedupe on):
#   python3 ../shared/bench/genfeeds.py --feeds 20000 --items 50 --seed 11 --no-gzip \
#       --base-url http://127.0.0.1:8092/ --out /tmp/fw/f20000          # 1,000,000 items
#   RUN=/tmp/nginx-f20000 ../shared/bench/serve.sh start /tmp/fw/f20000 8092
#   finwire fetch --config CONFIG                                      # CONFIG lists the 20,000 URLs
# The generator dates every item within the two weeks before 2024-06-01; the script first spreads the
# database over 10 such fortnights (feed N is moved back N mod 10 fortnights), so that one day holds
# about as many articles in the 1M database as in the 100k one (whose feeds are all in block 0: a
# 100k database is one fortnight, 1M is ten) and "the last day" selects a like amount in both.
# NEWPASS_CONFIG lists 2,000 feeds the database has not seen (genfeeds.py --seed 8, served on 8093).
# Each operation runs on a copy where it writes; REBUILD=0 leaves out dedupe --rebuild (the longest).
# Needs GNU time and sqlite3.
set -euo pipefail
DB=$(realpath "${1:?usage: year-of-data.sh DB CONFIG NEWPASS_CONFIG [LABEL]}")
CONFIG=$(realpath "$2"); NEWPASS=$(realpath "$3"); LABEL=${4:-$(basename "$DB")}
FW=${FINWIRE:-$(cd "$(dirname "$0")/.." && pwd)/.build/release/finwire}
T=${T:-/tmp/finwire-year}; rm -rf "$T"; mkdir -p "$T/out"
export LANG=C.UTF-8

# The configurations point at finwire.sqlite in their own folder: run everything from copies there.
cp "$CONFIG" "$T/config.json"; cp "$NEWPASS" "$T/newpass.json"
cp "$DB" "$T/finwire.sqlite"
sqlite3 "$T/finwire.sqlite" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
# Fortnights to spread over: one per 100,000 articles.
blocks=$(sqlite3 "$T/finwire.sqlite" "SELECT max(1, CAST(round(count(*) / 100000.0) AS INTEGER)) FROM articles")
spread=$(sqlite3 "$T/finwire.sqlite" "SELECT count(*) FROM articles WHERE published_at < 1715000000")
if [ "$spread" = 0 ] && [ "$blocks" -gt 1 ]; then
  sqlite3 "$T/finwire.sqlite" "UPDATE articles SET published_at = published_at - 1209600 * (CAST(substr(feed_id, instr(feed_id, 'feed') + 4) AS INTEGER) % $blocks);"
fi
newest=$(sqlite3 "$T/finwire.sqlite" "SELECT strftime('%Y-%m-%dT%H:%MZ', max(published_at) - 86400, 'unixepoch') FROM articles")
articles=$(sqlite3 "$T/finwire.sqlite" "SELECT count(*) FROM articles")
day=$(sqlite3 "$T/finwire.sqlite" "SELECT count(*) FROM articles WHERE published_at >= strftime('%s', '$newest')")

run() { # LABEL CMD... → one table row
  local label=$1; shift
  /usr/bin/time -v -o "$T/time.txt" "$@" >"$T/out.txt" 2>"$T/err.txt" || { echo "FAILED: $label" >&2; tail -3 "$T/err.txt" >&2; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$T/time.txt")
  rss=$(awk -F': ' '/Maximum resident/{print int($2/1024)}' "$T/time.txt")
  printf '| %s | %s | %.2f | %d | %s |\n' "$LABEL" "$label" "$wall" "$rss" "$(tail -1 "$T/out.txt" | cut -c1-90)"
}

echo "$LABEL: $articles articles, $day published in the last day (since $newest), $(date -u +%FT%TZ), $(nproc) cores"
echo "| database | operation | wall s | peak RSS MB | last line |"
echo "|---|---|---|---|---|"
cd "$T"
run "status" "$FW" status --config config.json
for f in jsonl markdown html csv atom; do
  run "export --since 1d, $f" "$FW" export --config config.json --format "$f" --since "$newest" --out "out/day.$f"
done
run "export --since 1d, hexo" "$FW" export --config config.json --format hexo --since "$newest" --out out/hexo/
run "export --region 浙江 --since 1d" "$FW" export --config config.json --region 浙江 --since "$newest" --out out/zj.jsonl
run "export --query 贷款 --since 1d (builds the full-text index)" "$FW" export --config config.json --query 贷款 --since "$newest" --out out/q1.jsonl
run "export --query 贷款 --since 1d (index built)" "$FW" export --config config.json --query 贷款 --since "$newest" --out out/q2.jsonl
cp finwire.sqlite base.sqlite
run "fetch: a new 2,000-feed pass" "$FW" fetch --config newpass.json
cp base.sqlite finwire.sqlite; rm -f finwire.sqlite-wal finwire.sqlite-shm
# Prune the same amount from both: every article left its feed a day after publication, and the
# cutoff is a week after the oldest one (half of the oldest fortnight, ~50,000 articles at either size).
sqlite3 finwire.sqlite "UPDATE articles SET last_seen_at = coalesce(published_at, first_seen_at) + 86400;"
days=$(sqlite3 finwire.sqlite "SELECT CAST((strftime('%s','now') - (min(published_at) + 7 * 86400)) / 86400 AS INTEGER) + 1 FROM articles")
goes=$(sqlite3 finwire.sqlite "SELECT count(*) FROM articles WHERE published_at < strftime('%s','now') - $days * 86400")
run "prune --days $days ($goes articles go)" "$FW" prune --config config.json --days "$days"
if [ "${REBUILD:-1}" = 1 ]; then
  cp base.sqlite finwire.sqlite; rm -f finwire.sqlite-wal finwire.sqlite-shm
  run "dedupe --rebuild" "$FW" dedupe --rebuild --config config.json
fi

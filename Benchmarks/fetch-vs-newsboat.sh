#!/usr/bin/env bash
# Times `finwire fetch` against newsboat and the Python feedparser peer on one served feed set, in the
# same run (interleaved: finwire, newsboat, feedparser, per round).
#
#   Benchmarks/fetch-vs-newsboat.sh DIR [RUNS]
#
# DIR is a genfeeds.py output already served on 127.0.0.1 (urls.txt lists the feed URLs), e.g.
#   python3 ../shared/bench/genfeeds.py --feeds 200 --items 50 --seed 1 --out /tmp/fw/f200
#   ../shared/bench/serve.sh start /tmp/fw/f200 8089
# Needs: a release build (swift build -c release), newsboat, sqlite3, GNU time (apt-get install time),
# and `pip install feedparser` (the peer is ../shared/bench/peer_feedparser.py; set PEER= to skip it).
# NEWSBOAT_COLD_ONLY=1 skips newsboat's second and third runs (ten minutes at 2,000 feeds).
# Each figure is the median of RUNS runs (default 3) of /usr/bin/time -v: wall seconds, user+sys CPU
# seconds, peak RSS. "cold" starts from an empty database; "warm" is the run right after (all 304s).
set -euo pipefail
DIR=$(cd "${1:?usage: fetch-vs-newsboat.sh DIR [RUNS]}" && pwd); RUNS=${2:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FW=${FINWIRE:-$ROOT/.build/release/finwire}
PEER=${PEER-$ROOT/../shared/bench/peer_feedparser.py}
T=${T:-/tmp/finwire-bench-fetch}; mkdir -p "$T"
export LANG=C.UTF-8

python3 - "$DIR/urls.txt" "$T/config.json" "$T/config-off.json" <<'PY'
import json, sys
urls = [l.strip() for l in open(sys.argv[1]) if l.strip()]
config = {"database": "finwire.sqlite", "fetch": {"concurrency": 16, "per_host": 16},
          "feeds": [{"id": f"feed{i}", "url": u} for i, u in enumerate(urls)]}
json.dump(config, open(sys.argv[2], "w"))
# The same run with the understanding switched off: what the default pays for tagging and dedupe.
config.update(tagging={"enabled": False}, dedupe={"enabled": False})
json.dump(config, open(sys.argv[3], "w"))
PY
printf 'reload-threads 8\ndownload-timeout 60\nmax-items 0\n' >"$T/newsboat.conf"

# run LABEL CMD... → appends "wall cpu rss_mb" to $T/LABEL.tsv
run() {
  local label=$1; shift
  /usr/bin/time -v -o "$T/time.txt" "$@" >"$T/out.txt" 2>&1 || { tail -5 "$T/out.txt"; }
  local wall cpu rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$T/time.txt")
  cpu=$(awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{print u+s}' "$T/time.txt")
  rss=$(awk -F': ' '/Maximum resident/{print int($2/1024)}' "$T/time.txt")
  echo "$wall $cpu $rss" >>"$T/$label.tsv"
}
med() { sort -g | awk '{a[NR]=$0} END{print a[int((NR+1)/2)]}'; }
report() {
  local label=$1 extra=$2
  printf '| %-34s | %7.2f | %7.2f | %5d | %s |\n' "$label" \
    "$(cut -d' ' -f1 "$T/$label.tsv" | med)" "$(cut -d' ' -f2 "$T/$label.tsv" | med)" \
    "$(cut -d' ' -f3 "$T/$label.tsv" | med)" "$extra"
}

rm -f "$T"/*.tsv
for _ in $(seq "$RUNS"); do
  rm -f "$T"/finwire.sqlite*
  run "finwire cold" "$FW" fetch --config "$T/config.json"
  fw_items=$(sqlite3 "$T/finwire.sqlite" 'select count(*) from articles')
  run "finwire warm (304)" "$FW" fetch --config "$T/config.json"
  fw_warm=$(tail -1 "$T/out.txt")
  rm -f "$T"/finwire.sqlite*
  run "finwire cold, tagging+dedupe off" "$FW" fetch --config "$T/config-off.json"
  rm -f "$T"/nb-cache.db*
  run "newsboat cold" newsboat -x reload -u "$DIR/urls.txt" -c "$T/nb-cache.db" -C "$T/newsboat.conf"
  nb_items=$(sqlite3 "$T/nb-cache.db" 'select count(*) from rss_item')
  # newsboat 2.21 stores validators only on a feed's 2nd download, so its 2nd run is all 200s
  if [ -z "${NEWSBOAT_COLD_ONLY:-}" ]; then
    run "newsboat 2nd run" newsboat -x reload -u "$DIR/urls.txt" -c "$T/nb-cache.db" -C "$T/newsboat.conf"
    run "newsboat warm (304)" newsboat -x reload -u "$DIR/urls.txt" -c "$T/nb-cache.db" -C "$T/newsboat.conf"
  fi
  if [ -n "$PEER" ] && [ -f "$PEER" ]; then
    rm -f "$T"/pf.db*
    run "feedparser peer cold" python3 "$PEER" fetch "$DIR/urls.txt" "$T/pf.db" --threads 16
    run "feedparser peer warm (304)" python3 "$PEER" fetch "$DIR/urls.txt" "$T/pf.db" --threads 16
  fi
done
echo "set: $DIR ($(wc -l <"$DIR/urls.txt") feeds), runs: $RUNS, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
echo "| run | wall s | CPU s | peak RSS MB | notes |"
echo "|---|---|---|---|---|"
report "finwire cold" "$fw_items articles stored"
report "finwire warm (304)" "${fw_warm}"
report "finwire cold, tagging+dedupe off" "the same pass without the understanding"
report "newsboat cold" "$nb_items items stored"
if [ -z "${NEWSBOAT_COLD_ONLY:-}" ]; then
  report "newsboat 2nd run" "content unchanged, all 200"
  report "newsboat warm (304)" ""
fi
if [ -f "$T/feedparser peer cold.tsv" ]; then
  report "feedparser peer cold" "16 threads"
  report "feedparser peer warm (304)" ""
fi

#!/usr/bin/env bash
# Builds the parser fuzzer with libFuzzer + AddressSanitizer and runs it.
#   Fuzz/run.sh [SECONDS]        (default 600)
# Seeds: every fixture feed under Tests/Fixtures/feeds. New interesting inputs go to Fuzz/corpus/
# (git-ignored); crashes to Fuzz/artifacts/, each of which becomes a regression fixture.
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_TO_RUN=${1:-600}
swift build -c debug --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
  -Xcc -fsanitize=fuzzer-no-link,address --product FuzzParser
mkdir -p corpus artifacts seeds
# Seeds up to 16 KiB (the large hostile fixtures are tested by the suite; here they would only slow each run).
find ../Tests/Fixtures/feeds -type f -size -16k -exec cp {} seeds/ \;
ASAN_OPTIONS=detect_leaks=1 .build-fuzz/debug/FuzzParser corpus seeds \
  -max_total_time="$SECONDS_TO_RUN" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix=artifacts/ -print_final_stats=1 2>&1 | tee fuzz.log | grep -E "^#|ERROR|SUMMARY|stat::" | tail -25

#!/bin/sh
# Runs every fuzz target one after another (one worker each, niced), seeding the corpora first.
# Usage: fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]   (default 600 s, all four targets)
# Logs go to fuzz/logs/<target>.log; findings to fuzz/artifacts/<target>/.
set -eu
cd "$(dirname "$0")"
secs=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-diagnose redact request har}
python3 seed.py
mkdir -p logs
cargo +nightly fuzz build
for t in $targets; do
  echo "== $t ($secs s)"
  # -fork=1: one worker process; a crash is saved and fuzzing goes on (-ignore_*).
  nice -n 10 cargo +nightly fuzz run "$t" "corpus/$t" -- \
    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 >"logs/$t.log" 2>&1 || true
  tail -n 3 "logs/$t.log"
done

#!/usr/bin/env bash
# Prints raw, gzip (-9) and brotli (-q 11) bytes of the widget in dist/ (wasm + JS + CSS) and
# reports whether the brotli total is over the budget of DESIGN.md (200 kB = 200,000 bytes);
# with SIZE_STRICT=1 being over budget fails.
set -euo pipefail
dist=${1:-dist}
budget=${SIZE_BUDGET_BROTLI:-200000}

shopt -s nullglob
files=("$dist"/*.wasm "$dist"/*.js "$dist"/*.css)
if [ ${#files[@]} -eq 0 ]; then
  echo "size: no wasm, js or css in $dist (run trunk build --release)" >&2
  exit 1
fi

total_raw=0 total_gz=0 total_br=0
printf '%-48s %10s %10s %10s\n' "file" "raw" "gzip" "brotli"
for f in "${files[@]}"; do
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli -q 11 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
  printf '%-48s %10d %10d %10d\n' "$(basename "$f")" "$raw" "$gz" "$br"
done
printf '%-48s %10d %10d %10d\n' "total" "$total_raw" "$total_gz" "$total_br"
if [ "$total_br" -gt "$budget" ]; then
  # Over budget is always printed. It fails the run only with SIZE_STRICT=1 until the widget is
  # back under budget (the open size work is tracked as an issue; see README, Measured figures).
  echo "size: OVER BUDGET: brotli total $total_br bytes is over the budget of $budget" >&2
  if [ "${SIZE_STRICT:-0}" = 1 ]; then
    exit 1
  fi
  exit 0
fi
echo "size: ok, brotli total $total_br of $budget bytes"

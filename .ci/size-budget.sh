#!/usr/bin/env bash
# Prints the gzipped size of the release build's wasm, JS and CSS, and fails
# when their total is above the budget kept in .ci/size-budget (KB, 1 KB =
# 1024 bytes). Lower the budget as the code allows; raise it only on purpose.
set -euo pipefail
dist=${1:-dist}
budget_kb=$(grep -v '^#' "$(dirname "$0")/size-budget" | tr -d '[:space:]')
shopt -s nullglob
files=("$dist"/*.wasm "$dist"/*.js "$dist"/*.css)
if [ ${#files[@]} -eq 0 ]; then
  echo "size budget: no wasm/js/css in $dist; run the release build first" >&2
  exit 1
fi
total=0
for f in "${files[@]}"; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total=$((total + gz))
  printf '  %-48s %8d B raw %8d B gzipped\n' "$(basename "$f")" "$raw" "$gz"
done
total_kb=$(( (total + 1023) / 1024 ))
printf 'size budget: %d KB gzipped in total, budget %d KB\n' "$total_kb" "$budget_kb"
if [ "$total_kb" -gt "$budget_kb" ]; then
  echo "size budget exceeded: $total_kb KB > $budget_kb KB (.ci/size-budget)" >&2
  exit 1
fi

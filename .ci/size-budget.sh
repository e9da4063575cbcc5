#!/usr/bin/env bash
# Prints the gzipped size of the release build's wasm, JS and CSS, split into
# the first load (what the page fetches to open) and the parts fetched only
# when first used (the importer worker, `importer*`), and fails when either
# is above its budget: .ci/size-budget for the first load, .ci/size-budget-lazy
# for the parts loaded on use (KB, 1 KB = 1024 bytes). Lower a budget as the
# code allows; raise it only on purpose, with the reason beside it.
set -euo pipefail
dist=${1:-dist}
here=$(dirname "$0")
budget_of() { grep -v '^#' "$1" | tr -d '[:space:]'; }
first_budget=$(budget_of "$here/size-budget")
lazy_budget=$(budget_of "$here/size-budget-lazy")
shopt -s nullglob
files=("$dist"/*.wasm "$dist"/*.js "$dist"/*.css)
if [ ${#files[@]} -eq 0 ]; then
  echo "size budget: no wasm/js/css in $dist; run the release build first" >&2
  exit 1
fi
first=0
lazy=0
for f in "${files[@]}"; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  case "$(basename "$f")" in
    importer*) lazy=$((lazy + gz)); part="on use" ;;
    *) first=$((first + gz)); part="first load" ;;
  esac
  printf '  %-48s %8d B raw %8d B gzipped  (%s)\n' "$(basename "$f")" "$raw" "$gz" "$part"
done
kb() { echo $(( ($1 + 1023) / 1024 )); }
printf 'size budget: first load %d KB gzipped (budget %d KB); loaded on use %d KB (budget %d KB); whole %d KB\n' \
  "$(kb $first)" "$first_budget" "$(kb $lazy)" "$lazy_budget" "$(kb $((first + lazy)))"
status=0
if [ "$(kb $first)" -gt "$first_budget" ]; then
  echo "size budget exceeded: first load $(kb $first) KB > $first_budget KB (.ci/size-budget)" >&2
  status=1
fi
if [ "$(kb $lazy)" -gt "$lazy_budget" ]; then
  echo "size budget exceeded: loaded on use $(kb $lazy) KB > $lazy_budget KB (.ci/size-budget-lazy)" >&2
  status=1
fi
exit $status

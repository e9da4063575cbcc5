#!/usr/bin/env bash
# Prints the gzipped size of the release build's page, wasm, JS and CSS, split
# into the first load (what the page fetches to open: index.html, which carries
# the style sheets and the boot scripts inlined, and the app's module) and each part fetched only
# when first used (the importer workers, `importer*`, each its JS, wasm and
# loader; the app's parts split out of the main module, `split_*` and the
# `chunk_*` modules they share, as one "parts" entry; their small
# `__wasm_split` loader is imported by the page, so it is first load), and fails when one is above its budget: .ci/size-budget for the
# first load, .ci/size-budget-lazy (a `name KB` line per part) for the parts
# loaded on use (KB, 1 KB = 1024 bytes). Lower a budget as the code allows;
# raise it only on purpose, with the reason beside it.
set -euo pipefail
dist=${1:-dist}
here=$(dirname "$0")
budget_of() { grep -v '^#' "$1" | tr -d '[:space:]'; }
first_budget=$(budget_of "$here/size-budget")
shopt -s nullglob
if [ ! -f "$dist/index.html" ]; then
  echo "size budget: no page in $dist; run the release build first" >&2
  exit 1
fi
files=("$dist"/index.html "$dist"/*.wasm "$dist"/*.js "$dist"/*.css)
first=0
declare -A lazy=()
for f in "${files[@]}"; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  base=$(basename "$f")
  case "$base" in
    importer*)
      part=${base%_loader.js}; part=${part%_bg.wasm}; part=${part%.js}
      lazy[$part]=$(( ${lazy[$part]:-0} + gz ))
      where="on use: $part" ;;
    split_*|chunk_*)
      part=parts; lazy[$part]=$(( ${lazy[$part]:-0} + gz )); where="on use: parts" ;;
    sw.js) part=sw; lazy[$part]=$(( ${lazy[$part]:-0} + gz )); where="on use: service worker" ;;
    *) first=$((first + gz)); where="first load" ;;
  esac
  printf '  %-48s %8d B raw %8d B gzipped  (%s)\n' "$base" "$raw" "$gz" "$where"
done
kb() { echo $(( ($1 + 1023) / 1024 )); }
status=0
printf 'size budget: first load %d KB gzipped (budget %d KB)\n' "$(kb $first)" "$first_budget"
if [ "$(kb $first)" -gt "$first_budget" ]; then
  echo "size budget exceeded: first load $(kb $first) KB > $first_budget KB (.ci/size-budget)" >&2
  status=1
fi
for part in $(printf '%s\n' "${!lazy[@]}" | sort); do
  budget=$(grep -v '^#' "$here/size-budget-lazy" | awk -v p="$part" '$1 == p { print $2 }')
  size=$(kb "${lazy[$part]}")
  printf 'size budget: %s, loaded on use, %d KB gzipped (budget %s KB)\n' "$part" "$size" "${budget:-none}"
  if [ -z "$budget" ] || [ "$size" -gt "$budget" ]; then
    echo "size budget exceeded: $part $size KB > ${budget:-no budget} KB (.ci/size-budget-lazy)" >&2
    status=1
  fi
done
exit $status

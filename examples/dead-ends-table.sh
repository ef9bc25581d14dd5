#!/usr/bin/env bash
# The dead-end table of README.md: exact measures (every genotype enumerated, N = 14) over 100 landscape instances
# of NK at growing K, house of cards, rough Mount Fuji, block NK and NKp. Prints a Markdown table. About a minute.
#   bash examples/dead-ends-table.sh
set -euo pipefail
cd "$(dirname "$0")/.."
measures=local-optima,accessible-from-random,basin-of-global,greedy-walk-length
cell() { node -e '
  const r = JSON.parse(require("fs").readFileSync(0, "utf8")).measures[process.argv[1]];
  // Two significant digits of the standard error decide the decimals shown.
  const digits = r.se > 0 ? Math.max(0, 1 - Math.floor(Math.log10(r.se))) : 4;
  process.stdout.write(r.se === 0 ? String(+r.mean.toFixed(digits)) : `${r.mean.toFixed(digits)} ± ${r.se.toFixed(digits)}`)' "$1"; }

echo "| landscape (N = 14) | local optima | share of genotypes with an uphill path to the top | greedy walk reaches the top | greedy walk length |"
echo "|---|---|---|---|---|"
for landscape in '{id: nk, dim: 14, k: 0}' '{id: nk, dim: 14, k: 2}' '{id: nk, dim: 14, k: 4}' '{id: nk, dim: 14, k: 13}' \
  '{id: house-of-cards, dim: 14}' '{id: rough-mount-fuji, dim: 14, theta: 1}' '{id: nk, dim: 14, k: 1, neighbours: block}' \
  '{id: nk, dim: 14, k: 4, p: 0.9}'; do
  out=$(node bin/hyperclimb.mjs analyze --landscape "$landscape" --instances 100 --measures "$measures" --json)
  row="| \`$landscape\` "
  for m in ${measures//,/ }; do row+="| $(cell "$m" <<<"$out") "; done
  echo "$row|"
done

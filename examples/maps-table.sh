#!/usr/bin/env bash
# The measured figures of docs/maps.md: for each genotype–phenotype map, the dead-end measures of a house-of-cards
# phenotype (N = 8 bits; exact by enumeration where the genotype has at most 2^20 genotypes, sampled beyond) and
# gradient descent's dead-end rate on Styblinski–Tang (N = 4). Prints a Markdown table. About a minute.
#   bash examples/maps-table.sh
set -euo pipefail
cd "$(dirname "$0")/.."
hyperclimb() { node bin/hyperclimb.mjs "$@"; }
field() { node -e '
  const r = JSON.parse(require("fs").readFileSync(0, "utf8")).measures[process.argv[1]];
  // Two significant digits of the standard error decide the decimals shown.
  const digits = r.se > 0 ? Math.max(0, 1 - Math.floor(Math.log10(r.se))) : 4;
  process.stdout.write(r.se === 0 ? String(+r.mean.toFixed(digits)) : `${r.mean.toFixed(digits)} ± ${r.se.toFixed(digits)}` + (r.exact ? " (exact)" : ""))' "$1"; }

echo "| map on house of cards, N = 8 | genotype bits | share of genotypes with no fitter neighbour | greedy walks reaching the global optimum |"
echo "|---|---|---|---|"
for row in 'identity|{id: identity}|8' 'duplicate r = 3, majority|{id: duplicate, copies: 3}|24' 'duplicate r = 2, any copy|{id: duplicate, copies: 2, vote: any}|16' \
  'neutral, 8 sites|{id: neutral, sites: 8}|16' 'permute, 2 units|{id: permute, units: 2}|16' 'embed, M = 12|{id: embed, genes: 12}|12' 'embed, M = 16|{id: embed, genes: 16}|16'; do
  IFS='|' read -r name map bits <<<"$row"
  out=$(hyperclimb analyze --landscape '{id: house-of-cards, dim: 8}' --map "$map" --instances 100 --measures local-optima-fraction,basin-of-global --json)
  echo "| \`$map\` ($name) | $bits | $(field local-optima-fraction <<<"$out") | $(field basin-of-global <<<"$out") |"
done

echo
echo "| map on Styblinski–Tang, N = 4 (theory without a map: 1 − 0.516⁴ = 0.929) | gradient-descent dead-end rate | critical index at the stops |"
echo "|---|---|---|"
for map in '{id: identity}' '{id: duplicate, copies: 4}' '{id: embed, genes: 8}' '{id: product, depth: 2}' '{id: permute, units: 2}'; do
  out=$(hyperclimb analyze --landscape '{id: styblinski-tang, dim: 4}' --map "$map" --instances 100 --starts 20 --measures gd-dead-end-rate,critical-index --json)
  echo "| \`$map\` | $(field gd-dead-end-rate <<<"$out") | $(field critical-index <<<"$out") |"
done

#!/usr/bin/env bash
# Saddles against N on the Gaussian random field (sims/saddles-vs-n.yaml; docs/analysis.md, "Critical points of every
# index"): for N = 1 … 8, the critical points that Levenberg–Marquardt on ∇f = 0 finds from 50 random starts per
# instance, the share of them that are minima of the loss (index 0), their mean index, and the correlation of index
# with loss, mean ± standard error over 20 instances (analyze, seed 1); a share of 0 is given as 0 of the critical
# points found in all 20 instances. Prints a Markdown table. About a minute alone, three on a busy machine.
#   bash examples/saddles-table.sh
set -euo pipefail
cd "$(dirname "$0")/.."
measures=critical-points,critical-points-optima-share,critical-points-mean-index,critical-points-index-loss-correlation
cell() { node -e '
  const { measures } = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const r = measures[process.argv[1]];
  // A share of zero has no spread to show: say of how many critical points found in all instances.
  const found = measures["critical-points"];
  // Two significant digits of the standard error decide the decimals shown.
  const digits = r.se > 0 ? Math.max(0, 1 - Math.floor(Math.log10(r.se))) : 4;
  process.stdout.write(process.argv[1].endsWith("-share") && r.mean === 0 ? `0 of ${Math.round(found.mean * found.n)}`
    : r.se === 0 ? String(+r.mean.toFixed(digits)) : `${r.mean.toFixed(digits)} ± ${r.se.toFixed(digits)}`)' "$1"; }

echo "| N | critical points found (of 50 starts) | share that are minima | mean index | correlation of index with loss |"
echo "|---|---|---|---|---|"
for n in 1 2 3 4 5 6 7 8; do
  out=$(node bin/hyperclimb.mjs analyze --landscape "{id: random-field, dim: $n}" --instances 20 --starts 50 --measures "$measures" --json 2>/dev/null)
  echo "| $n | $(cell critical-points <<<"$out") | $(cell critical-points-optima-share <<<"$out") | $(cell critical-points-mean-index <<<"$out") | $(cell critical-points-index-loss-correlation <<<"$out") |"
done

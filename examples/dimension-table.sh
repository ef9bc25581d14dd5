#!/usr/bin/env bash
# Dimension against dead ends, both ways, on house of cards and on NK with K = 2 (sims/house-of-cards-vs-n.yaml,
# sims/nk-vs-n.yaml): for N = 4 … 16, the share of genotypes that are local optima and the share of random starts
# whose greedy walk reaches the global optimum, exact per instance (every genotype enumerated), mean ± standard error
# over 100 instances. House of cards has a theory for the first: 1/(N + 1). Then rough Mount Fuji
# (sims/rough-mount-fuji-vs-n.yaml) with the slope θ fixed at 0.5 and with θ = 2/N (equal at N = 4): the chance that
# an uphill path leads from the antipode of the top to it, the share of genotypes with such a path, and the same two
# dead-end figures, over 200 instances, because the antipode figure is 0 or 1 per instance. No theory column there:
# accessibility with back-steps has no exact finite-N value we can cite (docs/theory.md, section 9). Prints Markdown tables.
# About two minutes.
#   bash examples/dimension-table.sh
set -euo pipefail
cd "$(dirname "$0")/.."
measures=local-optima-fraction,basin-of-global
cell() { node -e '
  const r = JSON.parse(require("fs").readFileSync(0, "utf8")).measures[process.argv[1]];
  // Two significant digits of the standard error decide the decimals shown.
  const digits = r.se > 0 ? Math.max(0, 1 - Math.floor(Math.log10(r.se))) : 4;
  process.stdout.write(r.se === 0 ? String(+r.mean.toFixed(digits)) : `${r.mean.toFixed(digits)} ± ${r.se.toFixed(digits)}`)' "$1"; }

table() {
  local family=$1 spec=$2
  echo "| $family, N | theory 1/(N + 1) | share of genotypes that are local optima | greedy walks reaching the top |"
  echo "|---|---|---|---|"
  for n in 4 6 8 10 12 14 16; do
    out=$(node bin/hyperclimb.mjs analyze --landscape "${spec/N/$n}" --instances 100 --measures "$measures" --json)
    theory=$([ "$family" = "house of cards" ] && node -e "process.stdout.write((1 / ($n + 1)).toFixed(4))" || echo "—")
    echo "| $n | $theory | $(cell local-optima-fraction <<<"$out") | $(cell basin-of-global <<<"$out") |"
  done
}
table "house of cards" '{id: house-of-cards, dim: N}'
echo
table "NK, K = 2" '{id: nk, dim: N, k: 2}'

# θ is passed to analyze as JavaScript prints it, so a command with the same text reproduces a row.
slope_table() {
  local family=$1 theta_of_n=$2
  echo "| $family, N | θ | share of genotypes that are local optima | uphill path from the antipode | share of genotypes with an uphill path to the top | greedy walks reaching the top |"
  echo "|---|---|---|---|---|---|"
  for n in 4 6 8 10 12 14 16; do
    theta=$(node -e "process.stdout.write(String(${theta_of_n//N/$n}))")
    out=$(node bin/hyperclimb.mjs analyze --landscape "{id: rough-mount-fuji, dim: $n, theta: $theta}" --instances 200 \
      --measures "$measures,accessible-from-antipode,accessible-from-random" --json)
    echo "| $n | $(node -e "process.stdout.write(String(+(+process.argv[1]).toFixed(4)))" "$theta") | $(cell local-optima-fraction <<<"$out") |" \
      "$(cell accessible-from-antipode <<<"$out") | $(cell accessible-from-random <<<"$out") | $(cell basin-of-global <<<"$out") |"
  done
}
echo
slope_table "rough Mount Fuji, θ = 0.5" "0.5"
echo
slope_table "rough Mount Fuji, θ = 2/N" "2 / N"

#!/usr/bin/env bash
# Regenerates README's runtime-distribution figure, docs/images/rastrigin-ecdf.svg: sims/rastrigin-race.yaml as it is
# (seed 11, 10 replicates per N = 2, 5, 10, 20, budget 20,000) run with improvement traces, then `hyperclimb report`
# on its results. The SVG is the report's ecdf.svg unchanged; the same seed gives the same bytes on any machine.
# Prints the report's summary table. A minute or two on two cores.
#   bash examples/report-figure.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node bin/hyperclimb.mjs run sims/rastrigin-race.yaml --trace --out "$work/race.jsonl" >/dev/null
node bin/hyperclimb.mjs report "$work/race.jsonl" --out "$work/report" | sed '/^wrote /d'
cp "$work/report/ecdf.svg" docs/images/rastrigin-ecdf.svg

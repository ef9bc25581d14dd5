#!/usr/bin/env bash
# How often gradient descent ends at a spurious local minimum of the ReLU teacher–student, for k = d = 6 … 10
# teacher units and a student of n = k and n = k + 1 units: the sizes of Safran & Shamir's (2018, ICML) experiments,
# measured as docs/networks.md measures k = 8 (1,000 starts per cell: 10 instances × 100 starts, η = 0.5, mean ±
# standard error over the instances). Prints a Markdown table. About a quarter of an hour on two busy cores.
#   bash examples/spurious-rates.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rate() {
  node bin/hyperclimb.mjs analyze --landscape "{id: relu-teacher-student, inputs: $1, teacherUnits: $1, studentUnits: $2}" \
    --instances 10 --starts 100 --learning-rate 0.5 --measures gd-dead-end-rate --json > "$tmp/a.json"
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).measures["gd-dead-end-rate"];
    process.stdout.write(`${r.mean.toFixed(3)} ± ${r.se.toFixed(3)}${r.note ? ` (${r.note})` : ""}`);' "$tmp/a.json"
}

echo "| teacher units k (= inputs d) | n = k: share of GD runs at a spurious minimum | n = k + 1 |"
echo "|---|---|---|"
for k in 6 7 8 9 10; do
  echo "| $k | $(rate "$k" "$k") | $(rate "$k" $((k + 1))) |"
done

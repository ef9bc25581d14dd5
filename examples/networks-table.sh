#!/usr/bin/env bash
# The measured figures of docs/networks.md: spurious minima of the ReLU teacher–student (gradient descent from
# 1,000 random starts per width, by `hyperclimb analyze`), the race of sims/spurious-minima.yaml (gradient descent
# against a GA), and the sharpness traces of sims/edge-of-stability.yaml. Prints Markdown tables. A few minutes.
#   bash examples/networks-table.sh
set -euo pipefail
cd "$(dirname "$0")/.."
hyperclimb() { node bin/hyperclimb.mjs "$@"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "| student units n (k = d = 8) | GD runs ending at a spurious minimum (1,000 starts, η = 0.5) | Hessian index at the stops |"
echo "|---|---|---|"
for n in 8 9 10; do
  hyperclimb analyze --landscape "{id: relu-teacher-student, inputs: 8, teacherUnits: 8, studentUnits: $n}" --instances 10 --starts 100 \
    --learning-rate 0.5 --measures gd-dead-end-rate,critical-index --json > "$tmp/a.json"
  node -e '
    const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).measures;
    const f = (r) => `${r.mean.toFixed(3)} ± ${r.se.toFixed(3)}`;
    console.log(`| ${process.argv[2]} | ${f(m["gd-dead-end-rate"])} | ${f(m["critical-index"])} |`);' "$tmp/a.json" "$n"
done

echo
echo "| student units n | racer | reached the teacher (loss ≤ 1e-4) | ended at a dead end | mean best loss |"
echo "|---|---|---|---|---|"
hyperclimb run sims/spurious-minima.yaml --json > "$tmp/s.json"
node -e '
  const doc = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const se = (p, n) => Math.sqrt(p * (1 - p) / n);
  for (const cell of doc.cells) for (const r of cell.results)
    console.log(`| ${cell.params["landscape.studentUnits"]} | ${r.label} | ${r.reachedOptimum.toFixed(2)} ± ${se(r.reachedOptimum, r.replicates).toFixed(2)} | ${r.deadEnds.toFixed(2)} ± ${se(r.deadEnds, r.replicates).toFixed(2)} | ${(-r.meanBestFitness).toExponential(2)} ± ${r.seBestFitness.toExponential(1)} |`);' "$tmp/s.json"

echo
echo "| learning rate η | 2/η | sharpness at start | largest | mean over the second half | at the end | Hessian index at the end | best loss |"
echo "|---|---|---|---|---|---|---|---|"
hyperclimb run sims/edge-of-stability.yaml --out "$tmp/e.jsonl" > /dev/null
node -e '
  for (const line of require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n")) {
    const r = JSON.parse(line);
    const eta = Number(r.label.replace(/[^0-9.]/g, ""));
    const s = r.sharpness.map(([, v]) => v);
    const late = r.sharpness.filter(([e]) => e >= r.evaluations / 2).map(([, v]) => v);
    const mean = late.reduce((a, b) => a + b, 0) / late.length;
    console.log(`| ${eta} | ${(2 / eta).toFixed(1)} | ${s[0].toFixed(2)} | ${Math.max(...s).toFixed(2)} | ${mean.toFixed(2)} | ${s[s.length - 1].toFixed(2)} | ${r.hessianIndex.toFixed(3)} | ${(-r.bestFitness).toFixed(4)} |`);
  }' "$tmp/e.jsonl"

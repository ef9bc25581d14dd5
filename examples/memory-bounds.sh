#!/usr/bin/env bash
# The memory figures of README's Reliability section: the peak resident memory of the inputs issue 11 found
# unbounded, each run as users run it. Needs GNU time (/usr/bin/time). About 40 s on 2 cores.
#   bash examples/memory-bounds.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
peak() { # label, command…: prints the exit code and the peak resident memory
  local label=$1; shift
  local code=0
  /usr/bin/time -f '%M' -o "$dir/rss" "$@" > /dev/null 2> "$dir/err" || code=$?
  printf '%-64s exit %s, peak %s MiB\n' "$label" "$code" "$(( $(tail -1 "$dir/rss") / 1024 ))"
}

# gd improving at every one of 100,000,000 steps: its trace of improvements held 4.4 GB before it was bounded.
cat > "$dir/trace.yaml" <<'YAML'
schemaVersion: 1
title: A trace that improves at every step
landscape: {id: sphere, dim: 1}
optimizers: [{id: gd, learningRate: 1.0e-9}]
budget: {evaluations: 200000000}
stop: {atOptimum: false}
YAML
peak 'run: sphere dim 1, gd eta 1e-9, budget 2e8' node bin/hyperclimb.mjs run "$dir/trace.yaml" --workers 1

# 100 × 100 cells with 1,000,000 replicates: validated, then died at the heap limit after 55 s.
{
  echo 'schemaVersion: 1'; echo 'title: Ten thousand cells'; echo 'landscape: {id: nk, dim: 8, k: 2}'
  echo 'optimizers: [{id: greedy-walk}]'; echo 'budget: {evaluations: 100}'; echo 'replicates: 1000000'
  echo "sweep: {landscape.k: [$(seq -s, 0 99 | sed 's/[0-9]*/1/g')], budget.evaluations: [$(seq -s, 1 100)]}"
} > "$dir/cells.yaml"
peak 'run: 100 x 100 cells x 1,000,000 replicates' node bin/hyperclimb.mjs run "$dir/cells.yaml"

# A 10 MB scenario file: 4.8 GB and 67 s before its first message.
node -e 'process.stdout.write("schemaVersion: 1\ntitle: t\n" + "x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]\n".repeat(262144))' > "$dir/huge.yaml"
peak 'validate: a 10 MB scenario file' node bin/hyperclimb.mjs validate "$dir/huge.yaml"

# 64 workers used 5.7 GB.
peak 'run: --workers 64' node bin/hyperclimb.mjs run "$dir/trace.yaml" --workers 64

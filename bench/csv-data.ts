/**
 * Your own data at the size issue 18 asks to stay fast: a CSV of ROWS rows × INPUTS inputs (default 5,000 × 30,
 * about 1.2 MB; generated from the seed, a noisy linear rule), through the same steps as `hyperclimb run`: decode and
 * read it into the scenario, validate and fingerprint the scenario, build a replicate's landscape (split and
 * standardise), and full-batch gradients of a 30-16-1 tanh network. Prints milliseconds per step: the first call, then the median of 4 more.
 *
 *   node bin/run-ts.mjs bench/csv-data.ts [rows = 5000] [inputs = 30]
 */
import { createLandscape } from '../src/core/run/instance.ts';
import { deriveRng } from '../src/core/rng.ts';
import type { ContinuousLandscape } from '../src/core/landscapes/landscape.ts';
import { runSpecs } from '../src/scenario/cells.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { scenarioFingerprint } from '../src/scenario/results.ts';
import { median } from './timing.ts';

const rows = Number(process.argv[2] ?? 5000);
const inputs = Number(process.argv[3] ?? 30);
const rng = deriveRng('bench csv', 'rows');
const names = Array.from({ length: inputs }, (_, i) => `x${i + 1}`);
const lines = [[...names, 'y'].join(',')];
for (let r = 0; r < rows; r++) {
  const x = names.map(() => rng.normal());
  const score = x.reduce((s, v, i) => s + (i % 3 === 0 ? v : -0.5 * v), 0) + rng.normal();
  lines.push(`${x.map((v) => v.toFixed(4)).join(',')},${score > 0 ? 'yes' : 'no'}`);
}
const csv = new TextEncoder().encode(`${lines.join('\n')}\n`);
const scenario = `schemaVersion: 1
title: bench
landscape:
  id: mlp
  hidden: [16]
  loss: cross-entropy
  data: {file: bench.csv, inputs: [${names.join(', ')}], target: y, task: classification}
optimizers: [{id: adam}, {id: cma-es}]
budget: {evaluations: 1000}
`;

function time(what: string, step: () => void): void {
  const ms: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    step();
    ms.push(performance.now() - t0);
  }
  // The first call pays for what the process then keeps (the table read once, the data's digest).
  console.log(`${what.padEnd(60)} first ${ms[0].toFixed(1)} ms, then ${median(ms.slice(1)).toFixed(1)} ms`);
}

console.log(`${rows} rows × ${inputs} inputs, ${(csv.length / 1e6).toFixed(2)} MB of CSV`);
let parsed: ReturnType<typeof parseScenario>;
time('read, decode and validate the scenario with its CSV', () => {
  parsed = parseScenario(scenario, 'bench.yaml', { readFile: () => csv });
});
time('fingerprint (the data’s content included)', () => scenarioFingerprint(parsed));
const spec = runSpecs(parsed!, 0)[0];
let landscape = createLandscape(spec.landscape, parsed!.seed, 0) as ContinuousLandscape;
time('landscape of a replicate (split, standardise)', () => {
  landscape = createLandscape(spec.landscape, parsed!.seed, 0) as ContinuousLandscape;
});
const w = new Float64Array(landscape.dim).map(() => 0.1 * rng.normal());
const g = new Float64Array(landscape.dim);
time(`100 full-batch gradients (${landscape.samples} training rows, ${landscape.dim} weights)`, () => {
  for (let k = 0; k < 100; k++) landscape.gradient!(w, g);
});

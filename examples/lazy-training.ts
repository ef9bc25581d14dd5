/**
 * The exponent of lazy training (docs/networks.md, "Lazy training"): reads the result lines of
 * `hyperclimb run sims/lazy-training.yaml --out FILE` (or of any scenario with `measure: {weightChange: true}` and a
 * sweep over one numeric knob, by default the width `landscape.hidden.0`), fits log(‖w_T − w_0‖ / ‖w_0‖) against
 * log(width) by least squares within each replicate, and prints the exponent as mean ± standard error over the
 * replicates, the pooled fit beside it, and the table per width; the same for the linearisation gap (the share of
 * the change of the network's outputs that its linearisation at the start misses) where the lines carry it.
 *
 *   npx hyperclimb run sims/lazy-training.yaml --out lazy.jsonl
 *   node bin/run-ts.mjs examples/lazy-training.ts lazy.jsonl [sweep key = landscape.hidden.0]
 */
import { readFileSync } from 'node:fs';
import { exponentOverReplicates, logLogFit } from '../src/core/metrics/power-law.ts';
import { meanAndSe, readResultEntries } from '../src/scenario/results.ts';

const file = process.argv[2];
const key = process.argv[3] ?? 'landscape.hidden.0';
if (!file) throw new Error('usage: node bin/run-ts.mjs examples/lazy-training.ts RESULTS.jsonl [sweep key]');
const lines = readResultEntries(readFileSync(file, 'utf8'), file).entries.map((entry) => entry.line);
const measured = lines.filter((line) => line.error === undefined && typeof line.weightChange === 'number' && typeof line.params[key] === 'number');
if (!measured.length) throw new Error(`${file}: no result line has a weightChange and a numeric ${key}`);

const byReplicate = new Map<string, { x: number[]; y: number[] }>();
const gapByReplicate = new Map<string, { x: number[]; y: number[] }>();
const byWidth = new Map<number, { change: number[]; gap: number[]; loss: number[] }>();
for (const line of measured) {
  const width = line.params[key] as number;
  const group = byReplicate.get(`${line.label}/${line.replicate}`) ?? { x: [], y: [] };
  group.x.push(width);
  group.y.push(line.weightChange!);
  byReplicate.set(`${line.label}/${line.replicate}`, group);
  const cell = byWidth.get(width) ?? { change: [], gap: [], loss: [] };
  cell.change.push(line.weightChange!);
  if (typeof line.linearisationGap === 'number') {
    cell.gap.push(line.linearisationGap);
    const gaps = gapByReplicate.get(`${line.label}/${line.replicate}`) ?? { x: [], y: [] };
    gaps.x.push(width);
    gaps.y.push(line.linearisationGap);
    gapByReplicate.set(`${line.label}/${line.replicate}`, gaps);
  }
  if (typeof line.bestFitness === 'number') cell.loss.push(-line.bestFitness);
  byWidth.set(width, cell);
}

const fmt = (m: { mean: number | null; se: number | null }, digits: number) => `${m.mean?.toExponential(digits)} ± ${m.se?.toExponential(1)}`;
console.log(`| ${key} | replicates | relative weight change ‖w_T − w_0‖ / ‖w_0‖ | linearisation gap | training loss |`);
console.log('|---|---|---|---|---|');
for (const [width, cell] of [...byWidth].sort(([a], [b]) => a - b)) {
  console.log(`| ${width} | ${cell.change.length} | ${fmt(meanAndSe(cell.change), 3)} | ${cell.gap.length ? fmt(meanAndSe(cell.gap), 3) : '—'} | ${fmt(meanAndSe(cell.loss), 2)} |`);
}
const exponent = exponentOverReplicates([...byReplicate.values()]);
const pooled = logLogFit(measured.map((l) => l.params[key] as number), measured.map((l) => l.weightChange!));
console.log();
console.log(`exponent (fit within each of ${exponent.slopes.length} replicates, mean ± s.e.): ${exponent.mean.toFixed(3)} ± ${exponent.se?.toFixed(3)}`);
console.log(`exponent (one fit over all ${pooled.points} runs, ± its least-squares s.e.): ${pooled.slope.toFixed(3)} ± ${pooled.slopeSe?.toFixed(3)}`);
if (gapByReplicate.size) {
  const gap = exponentOverReplicates([...gapByReplicate.values()]);
  console.log(`exponent of the linearisation gap (within each of ${gap.slopes.length} replicates, mean ± s.e.): ${gap.mean.toFixed(3)} ± ${gap.se?.toFixed(3)}`);
}

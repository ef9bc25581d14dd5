/**
 * Stuck units, run by run (docs/networks.md, "Stuck units are replaced"): reads the result lines of
 * `hyperclimb run sims/stuck-units.yaml --out FILE` (any scenario with `measure: {units: true}` and a sweep over the
 * width `landscape.hidden.0`) and prints, per racer and width, the training loss of the runs that lost at least one
 * unit to death against those that lost none — whether dead units, not width alone, are what a narrow network pays
 * for — and how many units carry the fit (removing one raises the training loss by more than 0.01).
 *
 *   npx hyperclimb run sims/stuck-units.yaml --out units.jsonl
 *   node bin/run-ts.mjs examples/stuck-units.ts units.jsonl
 */
import { readFileSync } from 'node:fs';
import { meanAndSe, readResultEntries, type ResultLine } from '../src/scenario/results.ts';

const WORKING = 0.01;
const file = process.argv[2];
if (!file) throw new Error('usage: node bin/run-ts.mjs examples/stuck-units.ts RESULTS.jsonl');
const lines = readResultEntries(readFileSync(file, 'utf8'), file).entries.map((entry) => entry.line);
const measured = lines.filter((line) => line.units && typeof line.bestFitness === 'number' && typeof line.params['landscape.hidden.0'] === 'number');
if (!measured.length) throw new Error(`${file}: no result line has units (measure: {units: true}) and a width landscape.hidden.0`);

const groups = new Map<string, ResultLine[]>();
for (const line of measured) {
  const key = `${line.label}\u0000${line.params['landscape.hidden.0']}`;
  groups.set(key, [...(groups.get(key) ?? []), line]);
}
const fmt = (values: number[]) => {
  if (!values.length) return '—';
  const { mean, se } = meanAndSe(values);
  return `${mean!.toFixed(4)}${se === null ? '' : ` ± ${se.toFixed(4)}`} (${values.length})`;
};
console.log('| racer | width | loss, runs with a dead unit (runs) | loss, runs with none (runs) | units whose removal costs > 0.01 |');
console.log('|---|---|---|---|---|');
for (const [key, group] of groups) {
  const [label, width] = key.split('\u0000');
  const loss = (line: ResultLine) => -line.bestFitness!;
  const withDead = group.filter((line) => (line.units!.dead ?? 0) > 0).map(loss);
  const without = group.filter((line) => (line.units!.dead ?? 0) === 0).map(loss);
  const working = group.map((line) => line.units!.contribution.filter((c) => c > WORKING).length);
  const w = meanAndSe(working);
  console.log(`| ${label} | ${width} | ${fmt(withDead)} | ${fmt(without)} | ${w.mean!.toFixed(1)} ± ${(w.se ?? 0).toFixed(1)} |`);
}

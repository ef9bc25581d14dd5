/**
 * Interpolation against parameters ÷ data (docs/networks.md, "Interpolation once parameters outnumber data"): reads the
 * result lines of `hyperclimb run sims/interpolation.yaml --out FILE` (or of any `mlp` scenario with a sweep) and the
 * scenario itself, which fixes each cell's number of weights (the landscape's dim) and of training rows, and prints
 * per labels, racer and width the final training loss and the test loss (mean ± s.e. over replicates) against
 * parameters ÷ data; then, per labels and racer, the smallest ratio at which the mean training loss is below 10⁻³
 * (interpolation) and the ratio at which the test loss peaks. The losses of the best constant (the training targets'
 * mean) on the training and test rows are printed beside them: a network that learnt nothing scores about these.
 *
 *   npx hyperclimb run sims/interpolation.yaml --out interp.jsonl
 *   node bin/run-ts.mjs examples/interpolation.ts sims/interpolation.yaml interp.jsonl
 */
import { readFileSync } from 'node:fs';
import type { MlpLandscape } from '../src/core/landscapes/mlp.ts';
import { createLandscape, problemOf } from '../src/core/run/instance.ts';
import { expandCells } from '../src/scenario/cells.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { meanAndSe, readResultEntries } from '../src/scenario/results.ts';

const [scenarioFile, resultsFile] = process.argv.slice(2);
if (!scenarioFile || !resultsFile) throw new Error('usage: node bin/run-ts.mjs examples/interpolation.ts SCENARIO.yaml RESULTS.jsonl');
const scenario = parseScenario(readFileSync(scenarioFile, 'utf8'), scenarioFile);
const cells = expandCells(scenario);
const lines = readResultEntries(readFileSync(resultsFile, 'utf8'), resultsFile).entries.map((e) => e.line).filter((l) => l.error === undefined);
if (!lines.length) throw new Error(`${resultsFile}: no result lines`);

const specOf = (cell: number) => {
  const { id, dim, ...params } = cells[cell].scenario.landscape;
  return { id, dim: dim!, params };
};
const rowsOf = (cell: number) => problemOf(specOf(cell)).samples!;
const labelsOf = (cell: number) => String(cells[cell].scenario.landscape.labels ?? 'true');

type Group = { cell: number; train: number[]; test: number[] };
const groups = new Map<string, Group>();
for (const line of lines) {
  const key = `${labelsOf(line.cell)}|${line.label}|${line.cell}`;
  const group = groups.get(key) ?? { cell: line.cell, train: [], test: [] };
  group.train.push(-line.bestFitness!);
  if (typeof line.testLoss === 'number') group.test.push(line.testLoss);
  groups.set(key, group);
}

const fmt = (values: number[]) => {
  const { mean, se } = meanAndSe(values);
  return mean === null ? '—' : `${mean.toPrecision(3)} ± ${se!.toPrecision(2)}`;
};
console.log('| labels | racer | width | parameters | parameters ÷ data | training loss | test loss |');
console.log('|---|---|---|---|---|---|---|');
const byRacer = new Map<string, { ratio: number; train: number; test: number }[]>();
for (const [key, group] of [...groups].sort(([, a], [, b]) => a.cell - b.cell)) {
  const [labels, racer] = key.split('|');
  const spec = specOf(group.cell);
  const ratio = spec.dim / rowsOf(group.cell);
  const width = (spec.params.hidden as number[])[0];
  console.log(`| ${labels} | ${racer} | ${width} | ${spec.dim} | ${ratio.toFixed(2)} | ${fmt(group.train)} | ${fmt(group.test)} |`);
  const series = byRacer.get(`${labels}|${racer}`) ?? [];
  series.push({ ratio, train: meanAndSe(group.train).mean!, test: meanAndSe(group.test).mean ?? NaN });
  byRacer.set(`${labels}|${racer}`, series);
}
console.log();
for (const [key, series] of byRacer) {
  const [labels, racer] = key.split('|');
  const fits = series.find((s) => s.train < 1e-3);
  const peak = series.reduce((a, b) => (b.test > a.test ? b : a));
  console.log(`${labels} labels, ${racer}: training loss below 1e-3 from parameters ÷ data = ${fits ? fits.ratio.toFixed(2) : 'never (at these widths)'}; test loss peaks at ${peak.ratio.toFixed(2)} (${peak.test.toPrecision(3)})`);
}

// The best constant predictor of each replicate's data set, per labels (the same data at every width).
const replicates = Math.max(...lines.map((l) => l.replicate)) + 1;
for (const labels of new Set(cells.map((_, c) => labelsOf(c)))) {
  const cell = cells.findIndex((_, c) => labelsOf(c) === labels);
  const train: number[] = [];
  const test: number[] = [];
  for (let r = 0; r < replicates; r++) {
    const landscape = createLandscape(specOf(cell), scenario.seed, r) as MlpLandscape;
    const { y } = landscape.data;
    const rows = landscape.samples;
    const mean = y.subarray(0, rows).reduce((a, b) => a + b, 0) / rows;
    const squared = (from: number, to: number) => y.subarray(from, to).reduce((a, v) => a + (v - mean) ** 2, 0) / (to - from);
    train.push(squared(0, rows));
    test.push(squared(rows, y.length));
  }
  console.log(`${labels} labels, the training targets' mean as the prediction: training loss ${fmt(train)}, test loss ${fmt(test)}`);
}

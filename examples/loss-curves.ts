/**
 * Training loss over evaluations, and the share of runs that succeed, for every cell and racer of a scenario on a
 * loss landscape (docs/networks.md, "A stuck layer is bypassed"): runs each replicate in this process with the same
 * run code as `hyperclimb run` (so the final losses are the `meanBestFitness` of `run --json`, negated), reads each
 * run's trace of best losses at the start and at 1/8, 1/4, 1/2 and all of the budget, and counts a run as a success when its final
 * training loss is below the threshold (mean ± standard error over replicates; for the share the binomial one,
 * √(p(1 − p)/n)). Runs that ended `diverged` are counted apart: they failed.
 *
 *   node bin/run-ts.mjs examples/loss-curves.ts sims/stuck-layer.yaml [threshold = 0.1] [replicates = the file's]
 */
import { readFileSync } from 'node:fs';
import { createRun } from '../src/core/run/run.ts';
import { expandCells, runSpecs } from '../src/scenario/cells.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { meanAndSe } from '../src/scenario/results.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: node bin/run-ts.mjs examples/loss-curves.ts SCENARIO.yaml [threshold] [replicates]');
const threshold = Number(process.argv[3] ?? 0.1);
const scenario = parseScenario(readFileSync(file, 'utf8'), file);
const replicates = Number(process.argv[4] ?? scenario.replicates);
const budget = scenario.budget.evaluations;
const fractions = [1 / 8, 1 / 4, 1 / 2, 1];

/** The best loss reached within `evaluations` (the trace holds every improvement as [evaluations, best fitness]). */
function lossAt(trace: Float64Array, evaluations: number): number {
  let fitness = -Infinity;
  for (let i = 0; i < trace.length && trace[i] <= evaluations; i += 2) fitness = trace[i + 1];
  return -fitness;
}

const fmt = (values: number[]) => {
  const { mean, se } = meanAndSe(values);
  return `${mean!.toPrecision(3)} ± ${se!.toPrecision(2)}`;
};
console.log(`${scenario.title}: training loss (mean ± s.e. over ${replicates} replicates) after a share of ${budget} evaluations; success = final loss < ${threshold}`);
const keys = Object.keys(expandCells(scenario)[0].params);
console.log(`| ${[...keys, 'racer'].join(' | ')} | loss at the start | ${fractions.map((f) => `loss at ${f === 1 ? 'the end' : `${f * budget}`}`).join(' | ')} | success | diverged |`);
console.log(`|${'---|'.repeat(keys.length + fractions.length + 4)}`);
for (const cell of expandCells(scenario)) {
  const curves = scenario.optimizers.map(() => ({ start: [] as number[], at: fractions.map(() => [] as number[]), wins: 0, diverged: 0 }));
  for (let r = 0; r < replicates; r++) {
    runSpecs(cell.scenario, r).forEach((spec, racer) => {
      const run = createRun(spec);
      run.finish();
      const { trace, endedAt } = run.snapshot();
      const curve = curves[racer];
      curve.start.push(-trace[1]);
      fractions.forEach((f, i) => curve.at[i].push(lossAt(trace, f * budget)));
      if (endedAt === 'diverged') curve.diverged++;
      else if (curve.at[fractions.length - 1][r] < threshold) curve.wins++;
    });
  }
  scenario.optimizers.forEach((racer, i) => {
    const { start, at, wins, diverged } = curves[i];
    const p = wins / replicates;
    const share = `${p.toFixed(2)} ± ${Math.sqrt((p * (1 - p)) / replicates).toFixed(2)}`;
    console.log(`| ${keys.map((k) => String(cell.params[k])).join(' | ')} | ${racer.label} | ${fmt(start)} | ${at.map(fmt).join(' | ')} | ${share} | ${diverged} |`);
  });
}

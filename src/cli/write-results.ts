/**
 * Writes the results that ship beside sweep scenarios (`npm run results`): sims/NAME.results.jsonl is exactly what
 * `hyperclimb run sims/NAME.yaml --out …` writes, so the page's Sweep view opens drawn and
 * tests/shipped-results.test.ts can run some of its cells again. With no arguments it rewrites every file that
 * ships; `npm run results -- sims/NAME.yaml` writes (or rewrites) that scenario's. It prints each run's wall and CPU
 * time, the figures by which a sweep ships or not (README, "Shipped results").
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from './main.ts';

const sims = fileURLToPath(new URL('../../sims/', import.meta.url));
const resultsOf = (scenario: string) => scenario.replace(/\.(ya?ml|json)$/, '.results.jsonl');

const named = process.argv.slice(2);
const scenarios = named.length
  ? named
  : readdirSync(sims)
      .filter((file) => file.endsWith('.results.jsonl'))
      .map((file) => join(sims, file.replace(/\.results\.jsonl$/, '.yaml')));

let failed = 0;
for (const scenario of scenarios) {
  const target = resultsOf(scenario);
  if (target === scenario) {
    process.stderr.write(`${scenario}: not a scenario file (.yaml, .yml or .json)\n`);
    failed++;
    continue;
  }
  // A fresh run, not a resumed one: `run --out` appends to what is there, and the old lines may be another code's.
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  const code = await main(['run', scenario, '--out', partial]);
  const cpu = process.cpuUsage(cpuStart);
  const wall = (performance.now() - wallStart) / 1000;
  if (code !== 0 || !existsSync(partial)) {
    process.stderr.write(`${scenario}: hyperclimb run exited with ${code}; ${basename(target)} is unchanged\n`);
    failed++;
    continue;
  }
  renameSync(partial, target);
  const lines = readFileSync(target, 'utf8').split('\n').filter(Boolean).length;
  // CPU time counts the worker threads too: the cost of the sweep whatever else shares the machine.
  process.stdout.write(`${basename(target)}: ${lines} lines, ${wall.toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU\n`);
}
process.exitCode = failed ? 1 : 0;

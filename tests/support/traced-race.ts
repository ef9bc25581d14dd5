/** sims/rastrigin-race.yaml run by `hyperclimb run --trace` with a small budget: results for report and export tests. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { inProcess } from './cli.ts';

export const RACE_BUDGET = 1500;
export const RACE_REPLICATES = 3;

/** Runs the race (4 cells × 3 replicates × 3 racers) into a fresh folder; returns the folder and the results file. */
export async function tracedRace(): Promise<{ folder: string; results: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'hyperclimb-traced-'));
  const scenario = parse(readFileSync(join(__dirname, '..', '..', 'sims', 'rastrigin-race.yaml'), 'utf8'));
  scenario.budget.evaluations = RACE_BUDGET;
  scenario.stop.stalledEvaluations = 500;
  const file = join(folder, 'race.yaml');
  writeFileSync(file, stringify(scenario));
  const results = join(folder, 'race.jsonl');
  const run = await inProcess('run', file, '--trace', '--replicates', String(RACE_REPLICATES), '--workers', '2', '--out', results);
  if (run.code !== 0) throw new Error(`run failed: ${run.stderr}`);
  return { folder, results };
}

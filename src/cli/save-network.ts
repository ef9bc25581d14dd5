/**
 * `run --save-network FILE [--racer LABEL]`: the best network of one racer (the lowest training loss of cell 0,
 * replicate 0, or the racer named) as JSON (src/core/nets/saved-network.ts, docs/networks.md "Saved networks").
 * The run is made again in this process from its spec — the numbers do not depend on where a replicate runs — and
 * its best fitness must equal the result line's to the bit, or nothing is written.
 */
import type { MlpLandscape } from '../core/landscapes/mlp.ts';
import { formatSavedNetwork, type SavedNetwork, savedNetworkOf } from '../core/nets/saved-network.ts';
import { createLandscape } from '../core/run/instance.ts';
import { createRun } from '../core/run/run.ts';
import type { PlannedTask } from '../scenario/results.ts';
import type { Scenario } from '../scenario/schema.ts';
import { InputError, OutputError } from './input-error.ts';
import type { ResultLine } from './results-file.ts';
import { ReplacementFile, writeFailure, type WriteFs } from './safe-write.ts';
import { UsageError } from './usage.ts';

/** Refuses --save-network where there is no network to save, before anything runs. */
export function checkSaveNetwork(scenario: Scenario, racer: string | undefined): void {
  if (scenario.landscape.id !== 'mlp') throw new UsageError(`--save-network saves an mlp network; this scenario's landscape is ${scenario.landscape.id}`);
  if (scenario.map && scenario.map.id !== 'identity') throw new UsageError(`--save-network saves network weights; through the map ${scenario.map.id} a racer's genotype is not the weights`);
  if (racer !== undefined && !scenario.optimizers.some((r) => r.label === racer)) {
    throw new UsageError(`--racer ${JSON.stringify(racer)}: no such racer; racers are ${scenario.optimizers.map((r) => JSON.stringify(r.label)).join(', ')}`);
  }
}

/** The saved network of cell 0, replicate 0; `lines` are the run's result lines (those of that replicate if it ran here). */
export function bestSavedNetwork(scenario: Scenario, task: PlannedTask, lines: readonly ResultLine[], fingerprint: string, racer: string | undefined): SavedNetwork {
  const ran = lines.filter((line) => line.cell === task.cell && line.replicate === task.replicate && line.error === undefined && typeof line.bestFitness === 'number');
  const best = ran.length ? ran.reduce((a, b) => ((b.bestFitness as number) > (a.bestFitness as number) ? b : a)) : undefined;
  const label = racer ?? best?.label ?? task.specs[0].optimizer.label;
  const spec = task.specs.find((s) => s.optimizer.label === label)!;
  const landscape = createLandscape(spec.landscape, spec.seed, spec.replicate) as MlpLandscape;
  const run = createRun(spec, { landscape });
  run.finish();
  const result = run.result();
  const line = ran.find((l) => l.label === label);
  if (line && !Object.is(line.bestFitness, result.bestFitness)) {
    throw new InputError(`--save-network: ${label}'s run made again gave best fitness ${result.bestFitness}, its result line ${String(line.bestFitness)}; nothing written (please report this: runs must be deterministic)`);
  }
  return savedNetworkOf(landscape, run.bestGenes() as Float64Array, {
    fingerprint,
    seed: scenario.seed,
    cell: task.cell,
    replicate: task.replicate,
    racer: label,
    trainingLoss: -result.bestFitness,
    testLoss: result.testLoss,
  });
}

/** Writes the file whole or not at all (beside it, renamed into place). */
export function writeSavedNetwork(path: string, network: SavedNetwork, fs?: WriteFs): void {
  let file: ReplacementFile | undefined;
  try {
    file = new ReplacementFile(path, fs);
    file.write(formatSavedNetwork(network));
    file.commit();
  } catch (error) {
    file?.abandon();
    throw new OutputError(`cannot write --save-network ${path}: ${writeFailure(error)}; nothing was written`);
  }
}

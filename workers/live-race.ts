/** The race the page runs live for a cell: its first replicates, as run specs. Shared by the page and its worker. */
import type { RunSpec } from '../src/core/run/spec.ts';
import { cellAt, runSpecs } from '../src/scenario/cells.ts';
import type { Scenario } from '../src/scenario/schema.ts';

/** Replicates raced live in the page (the CLI runs any number). */
export const MAX_LIVE_REPLICATES = 24;

/** The run specs of the live race of a cell: one list of racers per live replicate. */
export function liveSpecs(scenario: Scenario, cell: number, seed: string | number = scenario.seed): RunSpec[][] {
  const cellScenario = { ...cellAt(scenario, cell).scenario, seed };
  return Array.from({ length: Math.min(cellScenario.replicates, MAX_LIVE_REPLICATES) }, (_, r) => runSpecs(cellScenario, r));
}

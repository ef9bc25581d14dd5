/**
 * A scenario as work: cells (one per sweep point), each run `replicates` times by every racer. A replicate is the
 * unit of work: its racers share one landscape instance and start, and its results depend only on the scenario,
 * the cell's values and the replicate number, never on which worker runs it or when.
 */
import { landscapeDef } from '../core/landscapes/registry.ts';
import type { BoundPolicy } from '../core/landscapes/bounds.ts';
import type { LandscapeSpec, RunSpec, StopRules } from '../core/run/spec.ts';
import { deriveDim, type Scenario, type SweepValue } from './schema.ts';
import { cellCount, cellValues, clone, resolveSweepPath, setPath } from './sweep.ts';

export interface Cell {
  readonly index: number;
  /** The sweep values of this cell, by sweep key (empty without a sweep). */
  readonly params: Readonly<Record<string, SweepValue>>;
  /** The scenario with this cell's values applied and no sweep. */
  readonly scenario: Scenario;
}

/** Every cell of the scenario's sweep, in order (the first sweep key varies slowest). */
export function expandCells(scenario: Scenario): Cell[] {
  return Array.from({ length: cellCount(scenario.sweep) }, (_, index) => cellAt(scenario, index));
}

/** Cell `index` of the scenario's sweep alone: a page showing one cell of a 100,000-cell sweep builds just that one. */
export function cellAt(scenario: Scenario, index: number): Cell {
  const { sweep, ...base } = scenario;
  const params = cellValues(sweep, index);
  const data = clone(base) as Record<string, unknown>;
  for (const [key, value] of Object.entries(params)) setPath(data, resolveSweepPath(key, data), value);
  if (Object.keys(params).length) deriveDim(data.landscape as Record<string, unknown>, true);
  return { index, params, scenario: data as unknown as Scenario };
}

/** The stop rules with their defaults resolved for the landscape's space. */
export function stopRules(scenario: Scenario): StopRules {
  const space = landscapeDef(scenario.landscape.id)?.space;
  const stop = scenario.stop;
  return {
    atOptimum: stop.atOptimum,
    deadEnd: stop.deadEnd,
    stalledEvaluations: stop.stalledEvaluations,
    tolerance: stop.tolerance ?? (space === 'continuous' ? 1e-6 : 0),
    gradientTolerance: stop.gradientTolerance ?? 1e-6,
  };
}

/** The scenario's map as a spec, or undefined for none (or the identity). */
export function mapSpec(scenario: Scenario): { id: string; params: Record<string, unknown> } | undefined {
  if (!scenario.map || scenario.map.id === 'identity') return undefined;
  const { id, ...params } = scenario.map;
  return { id, params };
}

/** The scenario's landscape as a spec: `id`, `dim` and `bounds` are the run's, the other fields the landscape's own. */
export function landscapeSpec(scenario: Scenario): LandscapeSpec {
  const { id, dim, bounds, ...params } = scenario.landscape;
  const map = mapSpec(scenario);
  return { id, dim, params, ...(map && { map }), ...(bounds !== undefined && { bounds: bounds as BoundPolicy }) };
}

/** One run spec per racer for replicate `replicate` of a cell's scenario. */
export function runSpecs(scenario: Scenario, replicate: number): RunSpec[] {
  const landscape = landscapeSpec(scenario);
  const stop = stopRules(scenario);
  return scenario.optimizers.map((racer) => {
    const { id: optimizerId, label, preset: _preset, ...params } = racer;
    return {
      seed: scenario.seed,
      replicate,
      landscape,
      optimizer: { id: optimizerId, label, params },
      budget: scenario.budget,
      stop,
      ...(scenario.measure && { measure: scenario.measure }),
    };
  });
}

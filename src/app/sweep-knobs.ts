/**
 * Knobs for fields a sweep varies. Written into the text, such a value would be overridden by the sweep in every
 * cell, so moving the knob races the sweep cell with the value instead: the nearest of the sweep's values (by where
 * they sit on the slider), the other keys' values kept.
 */
import type { Scenario, SweepValue } from '../scenario/schema.ts';
import { cellOfPicks, cellPicks, resolveSweepPath } from '../scenario/sweep.ts';
import { SWEPT, toSlider, type Knob } from './knobs.ts';

/** The sweep key that sets `path` with its values, when they are all numbers a slider can hold; else undefined. */
export function sweptValues(scenario: Scenario, path: readonly (string | number)[]): { key: string; values: number[] } | undefined {
  const target = JSON.stringify(path);
  for (const [key, values] of Object.entries(scenario.sweep ?? {})) {
    if (JSON.stringify(resolveSweepPath(key, scenario as unknown as Record<string, unknown>)) !== target) continue;
    return values.every((v) => typeof v === 'number' && Number.isFinite(v)) ? { key, values: values as number[] } : undefined;
  }
  return undefined;
}

/**
 * The cell to race when the knob of sweep key `key` is let go at `value`, starting from cell `cell`: the key's value
 * nearest to `value` on the slider (the first of equals), every other key's value as in `cell`.
 */
export function cellForKnob(scenario: Scenario, cell: number, key: string, knob: Pick<Knob, 'min' | 'max' | 'scale'>, value: number): { cell: number; value: SweepValue } {
  const sweep = scenario.sweep!;
  const values = sweep[key];
  const position = toSlider(knob, value);
  let nearest = 0;
  values.forEach((v, i) => {
    if (Math.abs(toSlider(knob, Number(v)) - position) < Math.abs(toSlider(knob, Number(values[nearest])) - position)) nearest = i;
  });
  const picks = cellPicks(sweep, cell);
  picks[Object.keys(sweep).indexOf(key)] = nearest;
  return { cell: cellOfPicks(sweep, picks), value: values[nearest] };
}

/**
 * A knob the sweep sets, made to pick the cell: it spans the sweep's values (linear where a log scale cannot hold
 * them). A sweep of other than numbers, or of one value, leaves it fixed.
 */
export function sweepKnob(scenario: Scenario, knob: Knob): Knob {
  if (knob.disabled !== SWEPT) return knob;
  const swept = sweptValues(scenario, knob.path);
  if (!swept || new Set(swept.values).size < 2) return knob;
  const min = Math.min(...swept.values);
  const max = Math.max(...swept.values);
  return { ...knob, disabled: undefined, sweep: swept, min, max, scale: knob.scale === 'log' && min > 0 ? 'log' : 'linear' };
}

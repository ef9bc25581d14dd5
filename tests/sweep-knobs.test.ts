/** Knobs of fields a sweep varies pick the sweep cell: snapped to the sweep's values, the other keys' values kept. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { knobsFor, SWEPT } from '../src/app/knobs.ts';
import { cellForKnob, sweepKnob } from '../src/app/sweep-knobs.ts';
import { cellAt } from '../src/scenario/cells.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { cellCount } from '../src/scenario/sweep.ts';
import { sweepSeries } from '../src/render/sweep-view.ts';

const sim = (file: string) => parseScenario(readFileSync(join(__dirname, '..', 'sims', file), 'utf8'), file);
const knobOf = (scenario: ReturnType<typeof sim>, id: string) => sweepKnob(scenario, knobsFor(scenario).find((k) => k.id === id)!);

describe('sweep-key knobs', () => {
  const scenario = sim('dimension-vs-dead-ends.yaml');

  it('can be moved, spanning the sweep’s values, instead of being greyed out', () => {
    const dim = knobOf(scenario, 'dim');
    expect(dim).toMatchObject({ disabled: undefined, sweep: { key: 'landscape.dim', values: [1, 2, 4, 8, 16] }, min: 1, max: 16, scale: 'log' });
    expect(knobOf(scenario, 'map')).toMatchObject({ disabled: undefined, sweep: { key: 'map.copies', values: [1, 4] }, min: 1, max: 4 });
  });

  it('reach the cell with each of the key’s values from every cell, keeping the other keys’ values', () => {
    const dim = knobOf(scenario, 'dim');
    for (let from = 0; from < cellCount(scenario.sweep); from++) {
      const before = cellAt(scenario, from).params;
      for (const value of [1, 2, 4, 8, 16]) {
        const target = cellForKnob(scenario, from, 'landscape.dim', dim, value);
        expect(target.value).toBe(value);
        expect(cellAt(scenario, target.cell).params).toEqual({ ...before, 'landscape.dim': value });
      }
    }
  });

  it('snap to the nearest value where it sits on the slider (log: 12 is nearer 16 than 8), the first of equals', () => {
    const dim = knobOf(scenario, 'dim');
    expect(cellForKnob(scenario, 0, 'landscape.dim', dim, 12).value).toBe(16);
    expect(cellForKnob(scenario, 0, 'landscape.dim', dim, 11).value).toBe(8);
    expect(cellForKnob(scenario, 0, 'landscape.dim', { ...dim, scale: 'linear' }, 12).value).toBe(8);
    expect(cellForKnob(scenario, 0, 'landscape.dim', dim, 1e9).value).toBe(16);
  });

  it('follow sweep values in the file’s order, not sorted (mode-connectivity sweeps widths 64, 16, 4)', () => {
    const modes = sim('mode-connectivity.yaml');
    const width = knobOf(modes, 'width');
    expect(width.sweep?.values).toEqual([64, 16, 4]);
    expect(cellForKnob(modes, 0, 'landscape.hidden.0', width, 5)).toEqual({ cell: 2, value: 4 });
  });

  it('stay fixed where the sweep’s values are not numbers, and ordinary knobs are left alone', () => {
    const oneGene = sim('eye-one-gene.yaml');
    for (const knob of knobsFor(oneGene)) expect(sweepKnob(oneGene, knob)).toBe(knob);
    const single = parseScenario(readFileSync(join(__dirname, '..', 'sims', 'house-of-cards-vs-n.yaml'), 'utf8').replace(/landscape\.dim: \[[^\]]*\]/, 'landscape.dim: [8]'));
    expect(knobOf(single, 'dim').disabled).toBe(SWEPT);
  });
});

describe('the sweep view’s mark of the cell racing', () => {
  const sweep = { 'landscape.dim': [1, 2, 4, 8, 16], 'map.copies': [1, 4] };
  const data = { cells: [], sweep, racers: ['GD'], reading: 'fitness' as const };
  const choice = { metric: 'deadEnds' as const, x: 'landscape.dim', series: 'map.copies', racers: ['GD'], fixed: {} };

  it('sits at the cell’s x value and names its sweep values', () => {
    expect(sweepSeries(data, { ...choice, current: { 'landscape.dim': 8, 'map.copies': 4 } }).current).toEqual({ x: 8, label: 'race: dim = 8, copies = 4' });
    // Against copies, the same cell is at x = 4; words on the x axis are placed by their position.
    expect(sweepSeries(data, { ...choice, x: 'map.copies', series: 'landscape.dim', current: { 'landscape.dim': 8, 'map.copies': 4 } }).current?.x).toBe(4);
    const words = sweepSeries({ ...data, sweep: { ...sweep, 'map.copies': ['one', 'four'] } }, { ...choice, x: 'map.copies', series: null, current: { 'landscape.dim': 2, 'map.copies': 'four' } });
    expect(words.current?.x).toBe(1);
  });

  it('is absent without a race, or when the race’s value is not on the axis', () => {
    expect(sweepSeries(data, choice).current).toBeUndefined();
    expect(sweepSeries(data, { ...choice, current: { 'landscape.dim': 3 } }).current).toBeUndefined();
  });
});

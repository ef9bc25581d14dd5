/** The page's sweep and meter logic without a browser: curves from summaries, axes, and the meter's sentence. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meterRequest, meterText, racesMeterMethod } from '../src/app/meter.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { summarise, type ResultLine } from '../src/scenario/results.ts';
import { log2TickLabels, metricOf, shortKey, sweepSeries, type SweepData } from '../src/render/sweep-view.ts';
import type { MeterReading } from '../workers/sim-api.ts';

const headline = parseScenario(readFileSync(join(__dirname, '..', 'sims', 'dimension-vs-dead-ends.yaml'), 'utf8'));

function line(cell: number, params: Record<string, unknown>, label: string, replicate: number, endedAt: string, bestFitness: number): ResultLine {
  return { cell, params, optimizer: 'x', label, replicate, seed: 1, endedAt, bestFitness, evaluations: 10 * (replicate + 1), wallMs: 0 };
}

describe('the sweep view’s curves', () => {
  const sweep = { 'landscape.dim': [1, 2, 4, 8, 16], 'map.copies': [1, 4] };
  const lines: ResultLine[] = [];
  let cell = 0;
  for (const dim of sweep['landscape.dim']) {
    for (const copies of sweep['map.copies']) {
      const params = { 'landscape.dim': dim, 'map.copies': copies };
      for (let r = 0; r < 4; r++) {
        lines.push(line(cell, params, 'GD', r, r < Math.min(4, Math.log2(dim) + 1) ? 'local-optimum' : 'optimum', -dim));
        lines.push(line(cell, params, 'GA', r, r === 0 ? 'saddle' : 'budget', dim));
      }
      cell++;
    }
  }
  const labels = [{ optimizer: 'x', label: 'GD' }, { optimizer: 'x', label: 'GA' }];
  const data: SweepData = { cells: summarise(lines, labels), sweep, racers: ['GD', 'GA'], reading: 'loss' };

  it('draw one curve per racer and series value, dead ends counting saddles, with binomial errors', () => {
    const series = sweepSeries(data, { metric: 'deadEnds', x: 'landscape.dim', series: 'map.copies', racers: ['GD', 'GA'], fixed: {} });
    expect(series.x).toEqual([1, 2, 4, 8, 16]);
    expect(series.log).toBe(2);
    expect(series.curves.map((c) => c.label)).toEqual(['GD, copies = 1', 'GD, copies = 4', 'GA, copies = 1', 'GA, copies = 4']);
    expect(series.curves[0].values).toEqual([0.25, 0.5, 0.75, 1, 1]);
    expect(series.curves[0].errors[0]).toBeCloseTo(Math.sqrt((0.25 * 0.75) / 4));
    expect(series.curves[2].values).toEqual([0.25, 0.25, 0.25, 0.25, 0.25]);
  });

  it('show losses as losses, one racer alone, and categorical or linear axes when the values call for them', () => {
    const loss = sweepSeries(data, { metric: 'meanBestFitness', x: 'landscape.dim', series: null, racers: ['GD'], fixed: { 'map.copies': 4 } });
    expect(loss.curves).toHaveLength(1);
    expect(loss.curves[0].values).toEqual([1, 2, 4, 8, 16]);
    const byCopies = sweepSeries(data, { metric: 'meanEvaluations', x: 'map.copies', series: 'landscape.dim', racers: ['GA'], fixed: {} });
    expect(byCopies.log).toBe(0);
    expect(byCopies.curves.map((c) => c.label)).toEqual([1, 2, 4, 8, 16].map((d) => `GA, dim = ${d}`));
    expect(byCopies.curves[0].values).toEqual([25, 25]);
    const words = sweepSeries({ ...data, sweep: { ...sweep, 'map.copies': ['one', 'four'] } }, { metric: 'deadEnds', x: 'map.copies', series: null, racers: ['GA'], fixed: {} });
    expect(words.xLabels).toEqual(['one', 'four']);
    expect(words.x).toEqual([0, 1]);
    expect(shortKey('optimizers.GA.populationSize')).toBe('populationSize');
  });

  it('label a base-2 log axis at powers of two, and leave the ticks uPlot filters out (null) blank', () => {
    // uPlot's log-axis filter passes null for ticks it drops on a small plot, as when the Sweep tab is left.
    expect(log2TickLabels([1, 3, 2, null, 4, 6, null, 16, 0.5])).toEqual(['1', '', '2', '', '4', '', '', '16', '0.5']);
  });

  it('give no value for a racer without finished replicates', () => {
    const empty = { ...data.cells[0].results[0], replicates: 0 };
    expect(metricOf(empty, 'reachedOptimum')).toEqual({ value: null, se: null });
  });
});

describe('the dead-end meter in the page', () => {
  it('asks about the chosen cell’s landscape with its map, gradient descent’s learning rate and the stop tolerances', () => {
    const request = meterRequest(headline, 9, 5);
    expect(request.spec).toMatchObject({ id: 'styblinski-tang', dim: 16, params: {}, map: { id: 'duplicate', params: { copies: 4 } } });
    expect(request).toMatchObject({ seed: 5, learningRate: 0.01, tolerance: 1e-3, gradientTolerance: 1e-6 });
  });

  it('says what it measured, exactly or with its standard error and sample', () => {
    const base = { method: 'greedy-walk', undecided: 0, optimumKnown: true, evaluations: 1, ms: 1 } as const;
    const exact: MeterReading = { ...base, share: 0.4312, se: 0, exact: true, starts: 1024, deadEnds: 441.5 };
    expect(meterText(exact)).toEqual({ value: '43%', detail: 'of greedy walks (exact, all 1,024 starts)' });
    const sampled: MeterReading = { ...base, share: 0.432, se: 0.031, exact: false, starts: 250, deadEnds: 108 };
    expect(meterText(sampled)).toEqual({ value: '43% ± 3%', detail: 'of greedy walks (108 of 250 random starts)' });
    const all: MeterReading = { ...base, method: 'gradient-descent', share: 1, se: 0, exact: false, starts: 512, deadEnds: 512, learningRate: 0.01 };
    expect(meterText(all)).toEqual({ value: '100%', detail: 'of gradient descents (512 of 512 random starts, learning rate η = 0.01)' });
    const few: MeterReading = { ...base, method: 'gradient-descent', share: 1, se: 0, exact: false, starts: 32, undecided: 31, deadEnds: 1, learningRate: 0.001 };
    expect(meterText(few)).toEqual({ value: '—', detail: 'too few gradient descents ended to tell: 1 of 32 ended (1 at a dead end), the rest still climbing when their share of the budget ran out, learning rate η = 0.001' });
    const unknown: MeterReading = { ...base, share: null, se: null, exact: false, starts: 10, deadEnds: 0, reason: 'the global optimum of this landscape is not known at this size' };
    expect(meterText(unknown).value).toBe('—');
    // The eye: no racer runs gradient descent, and none of the meter's descents came to rest. Say what was measured.
    const none: MeterReading = { ...base, method: 'gradient-descent', share: null, se: null, exact: false, starts: 32, undecided: 32, deadEnds: 0, learningRate: 0.001, reason: 'none of 32 gradient descents came to rest within 6250 steps' };
    expect(meterText(none, false)).toEqual({
      value: '—',
      detail: 'too few gradient descents ended to tell: 0 of 32 ended (0 at a dead end), the rest still climbing when their share of the budget ran out, learning rate η = 0.001 — the meter measures gradient descent only, which no racer here runs',
    });
    const eye = parseScenario(readFileSync(join(__dirname, '..', 'sims', 'eye.yaml'), 'utf8'), 'eye.yaml');
    expect([racesMeterMethod(eye, 'gradient-descent'), racesMeterMethod(headline, 'gradient-descent'), racesMeterMethod(headline, 'greedy-walk')]).toEqual([false, true, false]);
  });
});

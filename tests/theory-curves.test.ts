/**
 * Theory curves a scenario declares for its sweep: formulas read without evaluating code, refused with where they go
 * wrong, drawn for their measure and key only — and the shipped ones agree with the runs they are drawn beside.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../src/scenario/issues.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { readResultEntries, summarise } from '../src/scenario/results.ts';
import { compileFormula, FormulaError } from '../src/scenario/theory.ts';
import { metricOf, sweepSeries } from '../src/render/sweep-view.ts';

const sims = join(__dirname, '..', 'sims');

describe('theory formulas', () => {
  it('read numbers, x, + − * / ^ (right-associative, above a leading minus), parentheses, ln, exp and sqrt', () => {
    expect(compileFormula('1 - 0.516^x')(8)).toBe(1 - 0.516 ** 8);
    expect(compileFormula('1 / (x + 1)')(4)).toBe(0.2);
    expect(compileFormula('-x^2')(3)).toBe(-9);
    expect(compileFormula('2^3^2')(0)).toBe(512);
    expect(compileFormula('ln(exp(2)) * sqrt(x) - 1e-1')(16)).toBeCloseTo(7.9, 12);
  });

  it('say what is wrong and where, and run nothing else', () => {
    const problem = (text: string) => {
      try {
        compileFormula(text);
      } catch (error) {
        expect(error).toBeInstanceOf(FormulaError);
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(problem('1 +')).toBe('expected a number, x or “(” at the end');
    expect(problem('x * y')).toBe('expected a number, x, “(” or one of ln, exp, sqrt at character 5 (“y”)');
    expect(problem('Math.random()')).toContain('at character 1 (“Math”)');
    expect(problem('(x + 1')).toBe('expected “)” at the end');
    expect(problem('x x')).toBe('unexpected text at character 3 (“x”)');
  });

  it('are checked in the scenario: the formula, and a key the sweep has', () => {
    const text = (theory: string) => `schemaVersion: 1\ntitle: t\nlandscape: {id: onemax, dim: 8}\noptimizers: [{id: ga}]\nbudget: {evaluations: 100}\nsweep: {landscape.dim: [4, 8]}\ntheory:\n${theory}\n`;
    const issues = (theory: string) => {
      try {
        parseScenario(text(theory), 't.yaml');
        return [];
      } catch (error) {
        return (error as ScenarioError).issues.map((issue) => `${issue.line}: ${issue.path}: ${issue.message}`);
      }
    };
    expect(issues('  - {label: a, measure: deadEnds, against: landscape.dim, formula: 1/(x + 1)}')).toEqual([]);
    expect(issues('  - {label: a, measure: deadEnds, against: landscape.dim, formula: 1/(x + }')).toEqual(['8: theory[0].formula: the formula cannot be read: expected a number, x or “(” at the end']);
    expect(issues('  - {label: a, measure: deadEnds, against: map.copies, formula: x}')).toEqual(['8: theory[0].against: not a key of this scenario\'s sweep (landscape.dim)']);
  });
});

describe('the sweep view’s theory curves', () => {
  const yaml = 'dimension-vs-dead-ends.yaml';
  const scenario = parseScenario(readFileSync(join(sims, yaml), 'utf8'), yaml);
  const lines = readResultEntries(readFileSync(join(sims, 'dimension-vs-dead-ends.results.jsonl'), 'utf8'), 'x').entries.map((e) => e.line);
  const labels = scenario.optimizers.map((r) => ({ optimizer: r.id, label: r.label }));
  const cells = summarise(lines, labels);
  const data = { cells, sweep: scenario.sweep!, racers: labels.map((l) => l.label), reading: 'fitness' as const, theory: scenario.theory!.map((t) => ({ ...t, at: compileFormula(t.formula) })) };
  const choice = { metric: 'deadEnds' as const, x: 'landscape.dim', series: 'map.copies', racers: ['Gradient descent'], fixed: {} };

  it('are drawn for their measure and key, at the sweep’s values, and nowhere else', () => {
    expect(sweepSeries(data, choice).theory).toEqual([{ label: 'theory for gradient descent: 1 − 0.516ᴺ', values: [1, 2, 4, 8, 16].map((n) => 1 - 0.516 ** n) }]);
    expect(sweepSeries(data, { ...choice, metric: 'reachedOptimum' }).theory).toEqual([]);
    expect(sweepSeries(data, { ...choice, x: 'map.copies', series: 'landscape.dim' }).theory).toEqual([]);
  });

  it('1 − 0.516ᴺ lies within three standard errors of gradient descent’s shipped dead-end rates at every N', () => {
    const gd = sweepSeries(data, { ...choice, series: null, fixed: { 'map.copies': 1 } });
    const [theory] = gd.theory;
    gd.curves[0].values.forEach((rate, i) => {
      const n = cells.find((c) => c.params['landscape.dim'] === gd.x[i] && c.params['map.copies'] === 1)!.results.find((r) => r.label === 'Gradient descent')!;
      const { value } = metricOf(n, 'deadEnds');
      expect(value).toBe(rate);
      const p = theory.values[i]!;
      expect(Math.abs(rate! - p)).toBeLessThanOrEqual(3 * Math.sqrt((p * (1 - p)) / n.replicates) + 1e-12);
    });
  });
});

describe('house of cards against N, as its lesson reads the sweep view', () => {
  const yaml = 'house-of-cards-vs-n.yaml';
  const scenario = parseScenario(readFileSync(join(sims, yaml), 'utf8'), yaml);
  const lines = readResultEntries(readFileSync(join(sims, 'house-of-cards-vs-n.results.jsonl'), 'utf8'), 'x').entries.map((e) => e.line);
  const labels = scenario.optimizers.map((r) => ({ optimizer: r.id, label: r.label }));
  const data = { cells: summarise(lines, labels), sweep: scenario.sweep!, racers: labels.map((l) => l.label), reading: 'fitness' as const, theory: scenario.theory!.map((t) => ({ ...t, at: compileFormula(t.formula) })) };

  // The dashed line is a share of genotypes and the curves are shares of runs: the lesson asks the reader to see
  // them part, so it must hold in what the page draws from the shipped results.
  it('draws 1/(N + 1) on the dead-end rate, falling, while the greedy walk’s dead-end rate lies above it and rises', () => {
    const drawn = sweepSeries(data, { metric: 'deadEnds', x: 'landscape.dim', series: null, racers: ['Greedy walk'], fixed: {} });
    expect(drawn.x).toEqual([4, 6, 8, 10, 12, 14, 16]);
    expect(drawn.theory[0]!.values).toEqual(drawn.x.map((n) => 1 / (n + 1)));
    const rates = drawn.curves[0]!.values as number[];
    rates.forEach((rate, i) => expect(rate).toBeGreaterThan(drawn.theory[0]!.values[i]!));
    expect(rates[rates.length - 1]).toBeGreaterThan(rates[0]!);
  });
});

/**
 * The quantitative-genetics estimate of Nilsson & Pelger (1994, Proc. R. Soc. Lond. B 256:53): the published figures
 * from the published formula, and how the estimate moves with each assumption.
 */
import { describe, expect, it } from 'vitest';
import {
  generationsFor,
  nilssonPelgerEstimate,
  PAPER_ASSUMPTIONS,
  PAPER_GENERATIONS,
  PAPER_STAGE_STEPS,
  PAPER_STEPS,
  responsePerGeneration,
  stepsForRatio,
} from '../../src/core/eye/nilsson-pelger.ts';
import { DEFAULT_OPTICS } from '../../src/core/eye/optics.ts';
import { onePercentPath } from '../../src/core/eye/path.ts';
import { main } from '../../src/cli/main.ts';

describe('Nilsson & Pelger (1994)', () => {
  it('its stages add up to the published 1829 steps of 1%, a change by a factor 1.01^1829 ≈ 8.0 × 10⁷', () => {
    expect(PAPER_STAGE_STEPS.reduce((a, b) => a + b, 0)).toBe(PAPER_STEPS);
    expect(PAPER_STEPS).toBe(1829);
    expect(nilssonPelgerEstimate().totalChange).toBeCloseTo(80_129_540, -1);
    expect(Math.round(stepsForRatio(1.01 ** 1829))).toBe(1829);
  });

  it('h² = 0.5, i = 0.01, CV = 0.01 change a trait by 0.005% a generation, and 1829 steps take 363,992 generations', () => {
    expect(responsePerGeneration(PAPER_ASSUMPTIONS)).toBeCloseTo(0.00005, 15);
    expect(generationsFor(1829)).toBeCloseTo(363_992.2, 1);
    expect(nilssonPelgerEstimate().generations).toBe(PAPER_GENERATIONS);
    expect(PAPER_GENERATIONS).toBe(363_992);
    // One 1% step is ln 1.01 / ln 1.00005 ≈ 199 generations.
    expect(generationsFor(1)).toBeCloseTo(199.0116, 4);
  });

  it('generations per stage add up to the total (rounding aside)', () => {
    const e = nilssonPelgerEstimate(PAPER_ASSUMPTIONS, PAPER_STEPS, PAPER_STAGE_STEPS);
    const sum = e.stageGenerations!.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - e.generations)).toBeLessThanOrEqual(PAPER_STAGE_STEPS.length);
  });

  it('halving h², i or CV doubles the generations; doubling them halves it (to the second order in R)', () => {
    const base = generationsFor(PAPER_STEPS);
    for (const key of ['heritability', 'selectionIntensity', 'coefficientOfVariation'] as const) {
      const half = generationsFor(PAPER_STEPS, { ...PAPER_ASSUMPTIONS, [key]: PAPER_ASSUMPTIONS[key] / 2 });
      const twice = generationsFor(PAPER_STEPS, { ...PAPER_ASSUMPTIONS, [key]: PAPER_ASSUMPTIONS[key] * 2 });
      expect(half / base).toBeCloseTo(2, 4);
      expect(twice / base).toBeCloseTo(0.5, 4);
    }
  });

  it('generations grow in proportion to the steps, and refuse a response of zero', () => {
    expect(generationsFor(2 * PAPER_STEPS) / generationsFor(PAPER_STEPS)).toBeCloseTo(2, 12);
    expect(() => generationsFor(PAPER_STEPS, { ...PAPER_ASSUMPTIONS, heritability: 0 })).toThrow(/positive/);
  });

  it("this model's own 1% path from the flat patch: 1225 steps, about 243,800 generations with the paper's genetics", () => {
    const path = onePercentPath(DEFAULT_OPTICS);
    expect(path.steps).toBe(1225);
    expect(nilssonPelgerEstimate(PAPER_ASSUMPTIONS, path.steps).generations).toBe(Math.round((1225 * Math.log(1.01)) / Math.log(1.00005)));
  });

  it('hyperclimb eye prints the published figures, and the doubled time for half the heritability', async () => {
    const run = async (...args: string[]): Promise<{ code: number; out: string }> => {
      let out = '';
      const sink = { write: (t: string) => ((out += t), true) } as unknown as NodeJS.WriteStream;
      const code = await main(['eye', ...args], { stdout: sink, stderr: sink });
      return { code, out };
    };
    const text = await run();
    expect(text.code).toBe(0);
    expect(text.out).toContain('R = h²·i·CV = 0.5 × 0.01 × 0.01 = 0.00005 (0.005%)');
    expect(text.out).toContain('n = 1829 · ln 1.01 / ln(1 + R) = 363,992');
    const json = JSON.parse((await run('--heritability', '0.25', '--json')).out);
    expect(json.paper).toMatchObject({ steps: 1829, generations: 727_975 });
    expect(json.model).toMatchObject({ steps: 1225, stepsBy: { cup: 531, aperture: 462, lens: 232 } });
    expect((await run('--heritability', '2')).code).toBe(2);
  });
});

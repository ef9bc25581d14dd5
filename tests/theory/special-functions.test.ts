/**
 * The numerical tools the theory tests compute their predictions with, checked against tabulated values, so that
 * a disagreement in another theory test points at the engine rather than at the reference computation.
 */
import { describe, expect, it } from 'vitest';
import { choose, erfc, logChoose, logGamma, normalCdf, normalPdf, simpson } from './support.ts';

describe('reference numerics', () => {
  it('log-gamma matches factorials and Γ(1/2) = √π', () => {
    let f = 1;
    for (let n = 1; n <= 30; n++) {
      f *= n;
      expect(Math.abs(logGamma(n + 1) - Math.log(f))).toBeLessThan(1e-12 * Math.max(1, Math.log(f)));
    }
    expect(Math.abs(logGamma(0.5) - 0.5 * Math.log(Math.PI))).toBeLessThan(1e-14);
    expect(Math.abs(logChoose(50, 25) - Math.log(126410606437752))).toBeLessThan(1e-12);
    expect(choose(50, 25)).toBe(126410606437752);
  });

  it('erfc and Φ match tabulated values', () => {
    // Values from Abramowitz & Stegun, Table 7.1 / 26.1 (and their continuations in NIST DLMF).
    const table: [number, number][] = [
      [0, 1],
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028513],
      [2, 0.004677734981047266],
      [2.5, 4.069520174449590e-4],
      [3, 2.209049699858544e-5],
      [5, 1.537459794428035e-12],
    ];
    for (const [x, v] of table) expect(Math.abs(erfc(x) - v)).toBeLessThan(1e-14 + 1e-12 * v);
    expect(Math.abs(normalCdf(1) - 0.8413447460685429)).toBeLessThan(1e-14);
    expect(Math.abs(normalCdf(-1.6448536269514722) - 0.05)).toBeLessThan(1e-14);
    expect(Math.abs(simpson(normalPdf, -10, 10, 2000) - 1)).toBeLessThan(1e-12);
  });
});

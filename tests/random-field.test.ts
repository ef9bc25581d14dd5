/**
 * The Gaussian random field (src/core/landscapes/random-field.ts): its Hessian–vector product against central
 * differences of its gradient (the gradient itself is checked for every landscape in landscapes.test.ts), and its
 * covariance over instances against the stated kernel exp(−|x − y|²/2ℓ²).
 */
import { describe, expect, it } from 'vitest';
import type { ContinuousLandscape } from '../src/core/landscapes/landscape.ts';
import { randomField } from '../src/core/landscapes/random-field.ts';
import { deriveRng, Rng } from '../src/core/rng.ts';

function field(dim: number, fields: Record<string, unknown>, instance: number): ContinuousLandscape {
  return randomField.create(dim, randomField.params.parse(fields), deriveRng('random-field-test', instance)) as ContinuousLandscape;
}

describe('random-field', () => {
  it('has a Hessian–vector product equal to central differences of its gradient', () => {
    const rng = new Rng('hv');
    for (const dim of [1, 4, 9]) {
      const l = field(dim, { features: 300, lengthScale: 0.7 }, dim);
      for (let trial = 0; trial < 4; trial++) {
        const x = new Float64Array(dim).map(() => -5 + 10 * rng.uniform());
        const v = new Float64Array(dim).map(() => rng.normal());
        const hv = new Float64Array(dim);
        l.hessianVector!(x, v, hv);
        const h = 1e-5;
        const gPlus = new Float64Array(dim);
        const gMinus = new Float64Array(dim);
        l.gradient!(x.map((xi, i) => xi + h * v[i]), gPlus);
        l.gradient!(x.map((xi, i) => xi - h * v[i]), gMinus);
        const scale = Math.max(1, ...hv.map(Math.abs));
        for (let i = 0; i < dim; i++) expect(Math.abs((gPlus[i] - gMinus[i]) / (2 * h) - hv[i])).toBeLessThan(1e-6 * scale);
      }
    }
  });

  it('has mean 0, variance 1 and covariance exp(−d²/2ℓ²) over instances, within four standard errors', () => {
    // ℓ ≠ 1 so that a field drawn with the wrong power of ℓ (w ~ N(0, I/ℓ) say) gives other covariances.
    const lengthScale = 1.5;
    const dim = 3;
    const instances = 4000;
    const rng = new Rng('covariance-points');
    const x = new Float64Array(dim).map(() => -2 + 4 * rng.uniform());
    const u = new Float64Array(dim).map(() => rng.normal());
    const length = Math.hypot(...u);
    const distances = [lengthScale, 2 * lengthScale];
    const ys = distances.map((d) => x.map((xi, i) => xi + (d * u[i]) / length));
    const at = { x: [] as number[], y: ys.map(() => [] as number[]) };
    for (let k = 0; k < instances; k++) {
      const l = field(dim, { features: 100, lengthScale }, k);
      at.x.push(-l.fitnessAt(x, 0));
      ys.forEach((y, j) => at.y[j].push(-l.fitnessAt(y, 0)));
    }
    const withinFourSe = (samples: number[], expected: number) => {
      const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
      const sd = Math.sqrt(samples.reduce((a, b) => a + (b - mean) ** 2, 0) / (samples.length - 1));
      expect(Math.abs(mean - expected)).toBeLessThan((4 * sd) / Math.sqrt(samples.length));
    };
    withinFourSe(at.x, 0);
    withinFourSe(at.x.map((f) => f * f), 1);
    distances.forEach((d, j) => withinFourSe(at.x.map((f, k) => f * at.y[j][k]), Math.exp(-(d * d) / (2 * lengthScale * lengthScale))));
  });
});

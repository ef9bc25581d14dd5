/**
 * An isotropic Gaussian random field on R^N by random Fourier features (Rahimi & Recht 2007): the loss is
 * f(x) = √(2/M) · Σₘ aₘ cos(wₘ·x + bₘ) with aₘ ~ N(0, 1), wₘ ~ N(0, I/ℓ²), bₘ ~ U[0, 2π), and fitness = −f.
 * Over instances, E f(x) f(y) = E cos(w·(x − y)) = exp(−|x − y|²/2ℓ²) exactly for every M (the characteristic
 * function of w); f is Gaussian only as M → ∞ (a sum of M independent terms), so M must stay well above N² for
 * the Hessian at a point to look like a Gaussian matrix. The landscape of Bray & Dean (2007): no confining term,
 * critical points everywhere, their index tied to their height. A smooth random landscape, not a network's loss.
 */
import { z } from 'zod';
import { defineLandscape, type ContinuousLandscape } from './landscape.ts';

const BOX = [-5, 5] as const;

const TWO_PI = 2 * Math.PI;

/** Features M at most: M·(N + 2) doubles must be allocated, and every evaluation costs M·N. */
const MAX_FEATURES = 1_000_000;

export const randomField = defineLandscape({
  id: 'random-field',
  title: 'Gaussian random field',
  space: 'continuous',
  summary: 'Isotropic Gaussian random field by random Fourier features, covariance exp(−|x − y|²/2ℓ²): saddles everywhere, no known optimum.',
  box: BOX,
  minDim: 1,
  params: z.strictObject({
    features: z.int().min(1).max(MAX_FEATURES).default(1000).describe('Random Fourier features M: the field is Gaussian as M → ∞ (keep M ≫ N²); the covariance is exact for any M.'),
    lengthScale: z.number().positive().max(1e6).default(1).describe('Correlation length ℓ of the covariance exp(−|x − y|²/2ℓ²); the box is [−5, 5] per coordinate whatever ℓ is.'),
  }),
  memoryBytes: (dim, p) => 8 * p.features * (dim + 3) + 8 * dim,
  memoryField: () => 'features',
  create(dim, p, rng): ContinuousLandscape {
    const m = p.features;
    const directions = new Float64Array(m * dim);
    const amplitudes = new Float64Array(m);
    const phases = new Float64Array(m);
    const scale = Math.sqrt(2 / m);
    for (let k = 0; k < m; k++) {
      for (let i = 0; i < dim; i++) directions[k * dim + i] = rng.normal() / p.lengthScale;
      amplitudes[k] = scale * rng.normal();
      phases[k] = TWO_PI * rng.uniform();
    }
    const cosines = new Float64Array(m);
    const cosinesAt = new Float64Array(dim).fill(NaN);
    const angle = (k: number, x: Float64Array, offset: number) => {
      let s = phases[k];
      for (let i = 0, row = k * dim; i < dim; i++) s += directions[row + i] * x[offset + i];
      return s;
    };
    return {
      id: 'random-field',
      space: 'continuous',
      dim,
      reading: 'loss',
      // One pass over the features gives the loss and its gradient together; the sines cost about one more pass.
      gradientCost: 2,
      lower: BOX[0],
      upper: BOX[1],
      fitnessAt(x, offset) {
        let loss = 0;
        for (let k = 0; k < m; k++) loss += amplitudes[k] * Math.cos(angle(k, x, offset));
        return -loss;
      },
      gradient(x, out) {
        out.fill(0);
        let loss = 0;
        for (let k = 0; k < m; k++) {
          const t = angle(k, x, 0);
          loss += amplitudes[k] * Math.cos(t);
          const c = amplitudes[k] * Math.sin(t);
          for (let i = 0, row = k * dim; i < dim; i++) out[i] += c * directions[row + i];
        }
        return -loss;
      },
      hessianVector(x, v, out) {
        // A full Hessian is N products at one x: the M cosines are computed once for them all.
        if (!sameArray(x, cosinesAt)) {
          cosinesAt.set(x);
          for (let k = 0; k < m; k++) cosines[k] = amplitudes[k] * Math.cos(angle(k, x, 0));
        }
        out.fill(0);
        for (let k = 0; k < m; k++) {
          const row = k * dim;
          let along = 0;
          for (let i = 0; i < dim; i++) along += directions[row + i] * v[i];
          const c = cosines[k] * along;
          for (let i = 0; i < dim; i++) out[i] += c * directions[row + i];
        }
      },
    };
  },
});

/** Equal element by element (NaN equals nothing, so a fresh cache never matches). */
function sameArray(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Sphere: fitness −Σ xᵢ². Convex, one optimum at the origin; the baseline every method should solve. */
import { z } from 'zod';
import { type ContinuousLandscape, defineLandscape } from './landscape.ts';

const BOX = [-5.12, 5.12] as const;

export const sphere = defineLandscape({
  id: 'sphere',
  title: 'Sphere',
  space: 'continuous',
  summary: 'Convex bowl −Σxᵢ²; a single optimum at the origin.',
  box: BOX,
  minDim: 1,
  params: z.strictObject({}),
  memoryBytes: (dim) => 8 * dim,
  create(dim) {
    const landscape: ContinuousLandscape = {
      id: 'sphere',
      space: 'continuous',
      dim,
      reading: 'loss',
      gradientCost: 2,
      lower: BOX[0],
      upper: BOX[1],
      optimumFitness: 0,
      optimum: new Float64Array(dim),
      fitnessAt(x, offset) {
        let s = 0;
        for (let i = offset, end = offset + dim; i < end; i++) s += x[i] * x[i];
        return -s;
      },
      gradient(x, out) {
        // One pass, unrolled; the sum keeps its left-to-right order, so the fitness is the same double as
        // fitnessAt's.
        let s = 0;
        let i = 0;
        for (; i + 3 < dim; i = (i + 4) | 0) {
          const a = x[i];
          const b = x[(i + 1) | 0];
          const c = x[(i + 2) | 0];
          const d = x[(i + 3) | 0];
          s += a * a;
          s += b * b;
          s += c * c;
          s += d * d;
          out[i] = -2 * a;
          out[(i + 1) | 0] = -2 * b;
          out[(i + 2) | 0] = -2 * c;
          out[(i + 3) | 0] = -2 * d;
        }
        for (; i < dim; i++) {
          const xi = x[i];
          s += xi * xi;
          out[i] = -2 * xi;
        }
        return -s;
      },
      hessianVectorCost: 1,
      // Per coordinate: xᵢ², the running sum, −2xᵢ; the product −2vᵢ.
      flopsPerGradient: 3 * dim,
      flopsPerHessianVector: dim,
      hessianVector(_x, v, out) {
        for (let i = 0; i < dim; i++) out[i] = -2 * v[i];
      },
    };
    // Not enumerable: a copy made by spreading ({ ...sphere, gradient: … }, as wrappers and tests do) must not keep a
    // one-pass step that no longer matches its gradient; it falls back to the separate passes.
    Object.defineProperty(landscape, 'gradientStep', {
      enumerable: false,
      value: (x: Float64Array, a: number, next: Float64Array) => gradientStep(dim, x, a, next),
    });
    return landscape;
  },
});

/**
 * x + a·∇f(x) into `next` and f(x) in one pass (`ContinuousLandscape.gradientStep`): the same sums and products as
 * `gradient` followed by the update, without the gradient's buffer.
 */
function gradientStep(dim: number, x: Float64Array, a: number, next: Float64Array): number {
  // No separate non-finite scan: the gradient −2x can only be non-finite where Σx² already is (NaN, or
  // |x| > 1.3·10¹⁵⁴ overflows the sum first), and then the fitness is.
  let s = 0;
  let i = 0;
  for (; i + 3 < dim; i = (i + 4) | 0) {
    const p = x[i];
    const q = x[(i + 1) | 0];
    const r = x[(i + 2) | 0];
    const t = x[(i + 3) | 0];
    s += p * p;
    s += q * q;
    s += r * r;
    s += t * t;
    next[i] = p + a * (-2 * p);
    next[(i + 1) | 0] = q + a * (-2 * q);
    next[(i + 2) | 0] = r + a * (-2 * r);
    next[(i + 3) | 0] = t + a * (-2 * t);
  }
  for (; i < dim; i++) {
    const xi = x[i];
    s += xi * xi;
    next[i] = xi + a * (-2 * xi);
  }
  return -s;
}

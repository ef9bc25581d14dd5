/**
 * Styblinski–Tang: fitness −½ Σ (xᵢ⁴ − 16xᵢ² + 5xᵢ). Separable with two minima per coordinate, hence 2^N local
 * optima of which one is global, at xᵢ ≈ −2.9035 (Styblinski & Tang 1990).
 */
import { z } from 'zod';
import { defineLandscape } from './landscape.ts';

/** The global minimiser of one term: the root of 4x³ − 32x + 5 near −2.9, by Newton's method to machine precision. */
function termMinimiser(): number {
  let x = -2.9;
  for (let i = 0; i < 50; i++) x -= (4 * x * x * x - 32 * x + 5) / (12 * x * x - 32);
  return x;
}

const X_STAR = termMinimiser();
const TERM_MIN = 0.5 * (X_STAR ** 4 - 16 * X_STAR * X_STAR + 5 * X_STAR);

const BOX = [-5, 5] as const;

export const styblinskiTang = defineLandscape({
  id: 'styblinski-tang',
  title: 'Styblinski–Tang',
  space: 'continuous',
  summary: 'Separable double wells: 2^N local optima, the global one at xᵢ ≈ −2.9035.',
  box: BOX,
  minDim: 1,
  params: z.strictObject({}),
  memoryBytes: (dim) => 8 * dim,
  create(dim) {
    return {
      id: 'styblinski-tang',
      space: 'continuous',
      dim,
      reading: 'loss',
      gradientCost: 2,
      lower: BOX[0],
      upper: BOX[1],
      optimumFitness: -dim * TERM_MIN,
      optimum: new Float64Array(dim).fill(X_STAR),
      fitnessAt(x, offset) {
        let s = 0;
        for (let i = offset, end = offset + dim; i < end; i++) {
          const xi = x[i];
          const x2 = xi * xi;
          s += x2 * x2 - 16 * x2 + 5 * xi;
        }
        return -0.5 * s;
      },
      gradient(x, out) {
        let s = 0;
        for (let i = 0; i < dim; i++) {
          const xi = x[i];
          const x2 = xi * xi;
          s += x2 * x2 - 16 * x2 + 5 * xi;
          out[i] = -0.5 * (4 * x2 * xi - 32 * xi + 5);
        }
        return -0.5 * s;
      },
    };
  },
});

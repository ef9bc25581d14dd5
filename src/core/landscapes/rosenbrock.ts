/**
 * Rosenbrock: fitness −Σ [100 (xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²]. A curved, narrow valley that punishes poorly scaled
 * steps (Rosenbrock 1960); one optimum at (1, …, 1), plus one local optimum near (−1, 1, …, 1) for 4 ≤ N ≤ 7.
 */
import { z } from 'zod';
import { defineLandscape } from './landscape.ts';

const BOX = [-2.048, 2.048] as const;

export const rosenbrock = defineLandscape({
  id: 'rosenbrock',
  title: 'Rosenbrock',
  space: 'continuous',
  summary: 'Narrow curved valley; global optimum 0 at (1, …, 1).',
  box: BOX,
  minDim: 2,
  params: z.strictObject({}),
  memoryBytes: (dim) => 8 * dim,
  create(dim) {
    return {
      id: 'rosenbrock',
      space: 'continuous',
      dim,
      reading: 'loss',
      gradientCost: 2,
      lower: BOX[0],
      upper: BOX[1],
      optimumFitness: 0,
      optimum: new Float64Array(dim).fill(1),
      fitnessAt(x, offset) {
        let s = 0;
        for (let i = offset, end = offset + dim - 1; i < end; i++) {
          const a = x[i + 1] - x[i] * x[i];
          const b = 1 - x[i];
          s += 100 * a * a + b * b;
        }
        return -s;
      },
      gradient(x, out) {
        let s = 0;
        out.fill(0, 0, dim);
        for (let i = 0; i < dim - 1; i++) {
          const a = x[i + 1] - x[i] * x[i];
          const b = 1 - x[i];
          s += 100 * a * a + b * b;
          out[i] -= -400 * a * x[i] - 2 * b;
          out[i + 1] -= 200 * a;
        }
        return -s;
      },
      hessianVectorCost: 1,
      // Per term (N − 1 of them): 15 for value and gradient, 14 for the tridiagonal product.
      flopsPerGradient: 15 * (dim - 1),
      flopsPerHessianVector: 14 * (dim - 1),
      // The loss Hessian is tridiagonal: ∂² of term i is 1200xᵢ² − 400xᵢ₊₁ + 2 in xᵢ, −400xᵢ across, 200 in xᵢ₊₁.
      hessianVector(x, v, out) {
        out.fill(0, 0, dim);
        for (let i = 0; i < dim - 1; i++) {
          const across = -400 * x[i];
          out[i] -= (1200 * x[i] * x[i] - 400 * x[i + 1] + 2) * v[i] + across * v[i + 1];
          out[i + 1] -= across * v[i] + 200 * v[i + 1];
        }
      },
    };
  },
});

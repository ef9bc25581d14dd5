/**
 * Ill-conditioned quadratic: fitness −½ Σ λᵢ xᵢ² with curvatures λᵢ = κ^{i/(N−1)} spread geometrically from 1 to the
 * condition number κ. Convex, one optimum at the origin. Gradient descent needs about κ steps per digit here, Newton
 * one step and conjugate gradients at most N (Nocedal & Wright 2006, ch. 3 and 5). The Hessian is diagonal: gradient
 * descent, conjugate gradients, L-BFGS and Newton are all unchanged by a rotation of the coordinates, so for them a
 * diagonal Hessian is every quadratic with this spectrum (per-coordinate methods such as Adam and CMA-ES are not).
 */
import { z } from 'zod';
import { defineLandscape } from './landscape.ts';

const BOX = [-5.12, 5.12] as const;

/** The curvatures λᵢ = κ^{i/(N−1)} (λ = 1 when N = 1). */
export function quadraticCurvatures(dim: number, condition: number): Float64Array {
  const lambda = new Float64Array(dim);
  for (let i = 0; i < dim; i++) lambda[i] = dim === 1 ? 1 : Math.pow(condition, i / (dim - 1));
  return lambda;
}

export const quadratic = defineLandscape({
  id: 'quadratic',
  title: 'Ill-conditioned quadratic',
  space: 'continuous',
  summary: 'Convex bowl −½Σλᵢxᵢ² with curvatures from 1 to the condition number κ; optimum 0 at the origin.',
  box: BOX,
  minDim: 1,
  params: z.strictObject({
    condition: z.number().min(1).max(1e12).default(1000).describe('Condition number κ: ratio of the largest to the smallest curvature (default 1000).'),
  }),
  memoryBytes: (dim) => 16 * dim,
  create(dim, p) {
    const lambda = quadraticCurvatures(dim, p.condition);
    return {
      id: 'quadratic',
      space: 'continuous',
      dim,
      reading: 'loss',
      gradientCost: 2,
      hessianVectorCost: 1,
      // Per coordinate: λᵢxᵢ, its product with xᵢ, the sum; then ½; the product λᵢvᵢ.
      flopsPerGradient: 3 * dim + 1,
      flopsPerHessianVector: dim,
      lower: BOX[0],
      upper: BOX[1],
      optimumFitness: 0,
      optimum: new Float64Array(dim),
      fitnessAt(x, offset) {
        let s = 0;
        for (let i = 0; i < dim; i++) s += lambda[i] * x[offset + i] * x[offset + i];
        return -0.5 * s;
      },
      gradient(x, out) {
        let s = 0;
        for (let i = 0; i < dim; i++) {
          const g = lambda[i] * x[i];
          s += g * x[i];
          out[i] = -g;
        }
        return -0.5 * s;
      },
      hessianVector(_x, v, out) {
        for (let i = 0; i < dim; i++) out[i] = -lambda[i] * v[i];
      },
    };
  },
});

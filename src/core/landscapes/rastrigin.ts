/**
 * Rastrigin: fitness −(10N + Σ xᵢ² − 10 cos 2πxᵢ). A bowl covered with a grid of local optima (about 11^N in the
 * usual box), the standard example of a rugged continuous landscape (Rastrigin 1974; Mühlenbein et al. 1991).
 */
import { z } from 'zod';
import { defineLandscape } from './landscape.ts';

const TWO_PI = 2 * Math.PI;

const BOX = [-5.12, 5.12] as const;

export const rastrigin = defineLandscape({
  id: 'rastrigin',
  title: 'Rastrigin',
  space: 'continuous',
  summary: 'Bowl covered with a regular grid of local optima; global optimum 0 at the origin.',
  box: BOX,
  minDim: 1,
  params: z.strictObject({}),
  memoryBytes: (dim) => 8 * dim,
  create(dim) {
    return {
      id: 'rastrigin',
      space: 'continuous',
      dim,
      reading: 'loss',
      gradientCost: 2,
      lower: BOX[0],
      upper: BOX[1],
      optimumFitness: 0,
      optimum: new Float64Array(dim),
      fitnessAt(x, offset) {
        let s = 10 * dim;
        for (let i = offset, end = offset + dim; i < end; i++) {
          const xi = x[i];
          s += xi * xi - 10 * Math.cos(TWO_PI * xi);
        }
        return -s;
      },
      gradient(x, out) {
        let s = 10 * dim;
        for (let i = 0; i < dim; i++) {
          const xi = x[i];
          const a = TWO_PI * xi;
          s += xi * xi - 10 * Math.cos(a);
          out[i] = -(2 * xi + 10 * TWO_PI * Math.sin(a));
        }
        return -s;
      },
      hessianVectorCost: 1,
      // Per coordinate (sin and cos one each): 11 for value and gradient, 6 for the product.
      flopsPerGradient: 11 * dim,
      flopsPerHessianVector: 6 * dim,
      hessianVector(x, v, out) {
        for (let i = 0; i < dim; i++) out[i] = -(2 + 10 * TWO_PI * TWO_PI * Math.cos(TWO_PI * x[i])) * v[i];
      },
    };
  },
});

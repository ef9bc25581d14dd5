/**
 * Ackley: fitness −(−20 exp(−0.2 √(Σxᵢ²/N)) − exp(Σ cos(2πxᵢ)/N) + 20 + e). A nearly flat outer region riddled
 * with shallow local optima around one deep funnel at the origin (Ackley 1987).
 */
import { z } from 'zod';
import { defineLandscape } from './landscape.ts';

const TWO_PI = 2 * Math.PI;

const BOX = [-32.768, 32.768] as const;

export const ackley = defineLandscape({
  id: 'ackley',
  title: 'Ackley',
  space: 'continuous',
  summary: 'Flat, bumpy plateau around one deep funnel; global optimum 0 at the origin.',
  box: BOX,
  minDim: 1,
  params: z.strictObject({}),
  memoryBytes: (dim) => 8 * dim,
  create(dim) {
    const value = (sumSq: number, sumCos: number) =>
      -(-20 * Math.exp(-0.2 * Math.sqrt(sumSq / dim)) - Math.exp(sumCos / dim) + 20 + Math.E);
    return {
      id: 'ackley',
      space: 'continuous',
      dim,
      reading: 'loss',
      gradientCost: 2,
      lower: BOX[0],
      upper: BOX[1],
      optimumFitness: 0,
      optimum: new Float64Array(dim),
      fitnessAt(x, offset) {
        let sumSq = 0;
        let sumCos = 0;
        for (let i = offset, end = offset + dim; i < end; i++) {
          sumSq += x[i] * x[i];
          sumCos += Math.cos(TWO_PI * x[i]);
        }
        return value(sumSq, sumCos);
      },
      gradient(x, out) {
        let sumSq = 0;
        let sumCos = 0;
        for (let i = 0; i < dim; i++) {
          sumSq += x[i] * x[i];
          sumCos += Math.cos(TWO_PI * x[i]);
        }
        const r = Math.sqrt(sumSq / dim);
        // The radial term is not differentiable at the origin; its subgradient there includes 0.
        const radial = r > 0 ? (-4 * Math.exp(-0.2 * r)) / (dim * r) : 0;
        const periodic = (-TWO_PI * Math.exp(sumCos / dim)) / dim;
        for (let i = 0; i < dim; i++) out[i] = radial * x[i] + periodic * Math.sin(TWO_PI * x[i]);
        return value(sumSq, sumCos);
      },
    };
  },
});

/**
 * Schwefel's sine function: fitness −Σ (C − xᵢ sin √|xᵢ|) on the box [−500, 500]ᴺ (Schwefel 1981, Numerical
 * Optimization of Computer Models, Wiley, problem 2.26). Separable, with its best point far from the centre, near the
 * box's corner xᵢ ≈ 420.97, and the next-best ones far from it. Unlike the other test functions it rises without
 * limit outside its box (xᵢ sin √|xᵢ| grows like |xᵢ|), so it declares a bound policy: without one an optimizer
 * "beats" the optimum by walking away. COCO's version (bbob f20) adds a penalty beyond the box for the same reason.
 */
import { z } from 'zod';
import { defineLandscape } from './landscape.ts';

/**
 * The maximiser of x sin √x on (0, 500]: s = √x solves sin s + (s/2) cos s = 0 near 20.5 (Newton's method to machine
 * precision). C is the term's value there, so every term C − xᵢ sin √|xᵢ| is 0 exactly at the optimum.
 */
function termMaximiser(): number {
  let s = 20.5;
  for (let i = 0; i < 50; i++) s -= (Math.sin(s) + 0.5 * s * Math.cos(s)) / (1.5 * Math.cos(s) - 0.5 * s * Math.sin(s));
  return s * s;
}

const X_STAR = termMaximiser();
const C = X_STAR * Math.sin(Math.sqrt(X_STAR));

const BOX = [-500, 500] as const;

export const schwefel = defineLandscape({
  id: 'schwefel',
  title: 'Schwefel',
  space: 'continuous',
  summary: 'Separable sine waves whose best point lies near a corner of the box (xᵢ ≈ 420.97); unbounded outside the box, so it is penalised there.',
  box: BOX,
  bounds: 'penalty',
  minDim: 1,
  params: z.strictObject({}),
  memoryBytes: (dim) => 8 * dim,
  create(dim) {
    return {
      id: 'schwefel',
      space: 'continuous',
      dim,
      reading: 'loss',
      gradientCost: 2,
      lower: BOX[0],
      upper: BOX[1],
      optimumFitness: 0,
      optimum: new Float64Array(dim).fill(X_STAR),
      fitnessAt(x, offset) {
        let s = 0;
        for (let i = offset, end = offset + dim; i < end; i++) s += C - x[i] * Math.sin(Math.sqrt(Math.abs(x[i])));
        return -s;
      },
      gradient(x, out) {
        let s = 0;
        for (let i = 0; i < dim; i++) {
          const root = Math.sqrt(Math.abs(x[i]));
          const sine = Math.sin(root);
          s += C - x[i] * sine;
          // d/dx x sin √|x| = sin √|x| + (√|x| / 2) cos √|x|, 0 at x = 0.
          out[i] = sine + 0.5 * root * Math.cos(root);
        }
        return -s;
      },
    };
  },
});

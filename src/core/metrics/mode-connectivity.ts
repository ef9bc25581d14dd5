/**
 * Linear mode connectivity: the loss along the straight segment between two solutions, and its barrier.
 *
 * The barrier is the definition of Frankle, Dziugaite, Roy & Carbin (2020, ICML, "Linear mode connectivity and the
 * lottery ticket hypothesis") and Entezari, Sedghi, Saukh & Neyshabur (2022, ICLR, "The role of permutation
 * invariance in linear mode connectivity of neural networks"):
 *
 *   B(a, b) = max_t [ L((1 − t)a + tb) − ((1 − t)L(a) + tL(b)) ],  t ∈ [0, 1],
 *
 * the largest rise of the loss above the straight line between the end losses (0 at the ends, so B ≥ 0 on the
 * grid). `peak` is the other reading seen in the literature, max_t L(t) − max(L(a), L(b)) (it can be negative).
 * The loss is −fitness (the core's sign convention), so any continuous landscape works; t is sampled on a uniform
 * grid of `points` values including both ends.
 */
import type { ContinuousLandscape } from '../landscapes/landscape.ts';

export interface InterpolationCurve {
  /** t_i = i / (points − 1). */
  readonly t: Float64Array;
  /** L((1 − t_i)a + t_i b). */
  readonly loss: Float64Array;
  /** max_i [L(t_i) − ((1 − t_i)L(a) + t_i L(b))] (Frankle et al. 2020; Entezari et al. 2022). */
  readonly barrier: number;
  /** The t at which the barrier is reached. */
  readonly barrierAt: number;
  /** max_i L(t_i) − max(L(a), L(b)). */
  readonly peak: number;
}

export function interpolationCurve(landscape: ContinuousLandscape, a: Float64Array, b: Float64Array, points = 25): InterpolationCurve {
  if (!(points >= 2) || !Number.isInteger(points)) throw new Error(`points must be an integer ≥ 2, not ${points}`);
  const dim = landscape.dim;
  if (a.length < dim || b.length < dim) throw new Error(`both points must have ${dim} coordinates`);
  const t = new Float64Array(points);
  const loss = new Float64Array(points);
  const x = new Float64Array(dim);
  for (let i = 0; i < points; i++) {
    // a + t(b − a): the ends are a and b themselves, and a segment from a point to itself stays on it exactly.
    const ti = i / (points - 1);
    t[i] = ti;
    if (i === points - 1) x.set(b.subarray(0, dim));
    else for (let q = 0; q < dim; q++) x[q] = a[q] + ti * (b[q] - a[q]);
    loss[i] = -landscape.fitnessAt(x, 0);
  }
  const la = loss[0];
  const lb = loss[points - 1];
  let barrier = -Infinity;
  let barrierAt = 0;
  let highest = -Infinity;
  for (let i = 0; i < points; i++) {
    const rise = loss[i] - (la + t[i] * (lb - la));
    if (rise > barrier) {
      barrier = rise;
      barrierAt = t[i];
    }
    if (loss[i] > highest) highest = loss[i];
  }
  return { t, loss, barrier, barrierAt, peak: highest - Math.max(la, lb) };
}

/**
 * Sharpness: the largest eigenvalue of the Hessian of the loss, λ_max(∇²L), with L = −fitness (so for every
 * landscape it is the curvature of the descent objective along its steepest direction). Gradient descent with step
 * η is stable on a quadratic only while η·λ_max < 2; Cohen et al. (2021, ICLR, "Gradient descent on neural networks
 * typically occurs at the edge of stability") found that full-batch gradient descent on networks raises the
 * sharpness until it reaches 2/η and then hovers there. Computed by Lanczos on finite-difference Hessian–vector
 * products (`hessianExtremes` of dead-end.ts: two gradients per step, deterministic start vector); the index at a
 * point (fraction of negative loss-Hessian eigenvalues) is `criticalIndex` of critical-index.ts.
 */
import type { ContinuousLandscape } from '../landscapes/landscape.ts';
import { hessianExtremes } from './dead-end.ts';

/** Lanczos steps for sharpness: the top of the spectrum converges first, so 20 steps suffice unless N is smaller. */
export const SHARPNESS_STEPS = 20;

/** λ_max of the loss Hessian at x (= −λ_min of the fitness Hessian); costs 2·min(N, steps) gradients. */
export function sharpness(landscape: ContinuousLandscape, x: Float64Array, steps = SHARPNESS_STEPS): number {
  return -hessianExtremes(landscape, x, Math.min(landscape.dim, steps)).min;
}

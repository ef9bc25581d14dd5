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

/** The sharpness above which a gradient method's step diverges on a quadratic, and how it is written. */
export interface StabilityLimit {
  readonly value: number;
  /** E.g. '2/η = 5'. */
  readonly label: string;
}

/**
 * The stability limit of a gradient method with its parameters: on the quadratic ½λx² the iteration diverges once
 * λ exceeds it. Gradient descent (and SGD, Langevin: the same step) 2/η; heavy-ball momentum 2(1 + β)/η; Nesterov
 * (look-ahead form) 2(1 + β)/((1 + 2β)η), as in Cohen et al. (2021, appendix on momentum). Undefined for methods
 * without one fixed limit on the raw Hessian (Adam's applies to its preconditioned Hessian, Cohen et al. 2022).
 */
export function stabilityLimit(optimizer: string, params: Readonly<Record<string, unknown>>): StabilityLimit | undefined {
  const eta = params.learningRate;
  if (typeof eta !== 'number' || !(eta > 0)) return undefined;
  // Heavy-ball coefficient: `beta` (momentum, nesterov) or `momentum` (sgd).
  const raw = params.beta ?? params.momentum;
  const beta = typeof raw === 'number' ? raw : 0;
  const show = (value: number, formula: string) => ({ value, label: `${formula} = ${Number(value.toPrecision(4))}` });
  switch (optimizer) {
    case 'gd':
    case 'langevin':
      return show(2 / eta, '2/η');
    case 'sgd':
      return beta > 0 ? show((2 * (1 + beta)) / eta, '2(1+β)/η') : show(2 / eta, '2/η');
    case 'momentum':
      return show((2 * (1 + beta)) / eta, '2(1+β)/η');
    case 'nesterov':
      return show((2 * (1 + beta)) / ((1 + 2 * beta) * eta), '2(1+β)/((1+2β)η)');
    default:
      return undefined;
  }
}

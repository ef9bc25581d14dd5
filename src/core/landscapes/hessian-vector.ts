/**
 * Hessian–vector products of a continuous landscape's fitness, and what they cost: the one place for both rules.
 * - Value: the landscape's analytic `hessianVector` where it has one; otherwise central differences of the gradient,
 *   (∇f(x + εv) − ∇f(x − εv)) / 2ε, with the displacement ε‖v‖ = 10⁻⁵·max(1, ‖x‖/√N) (the step `hessianOperator` of
 *   metrics/dead-end.ts uses for unit vectors), so truncation (O(ε²)) and rounding (O(u/ε)) errors both stay near 10⁻¹⁰.
 * - Cost: a product is charged `hessianVectorCost` gradients when the landscape declares it, else 2 — the two
 *   gradients of the difference, and about what reverse-over-forward differentiation costs (Pearlmutter 1994).
 */
import type { ContinuousLandscape } from './landscape.ts';

/** Gradients a Hessian–vector product is charged when the landscape does not declare its own cost. */
export const DEFAULT_HESSIAN_VECTOR_COST = 2;

/** What one Hessian–vector product of `landscape` costs, in gradients. */
export function hessianVectorCost(landscape: ContinuousLandscape): number {
  return landscape.hessianVectorCost ?? DEFAULT_HESSIAN_VECTOR_COST;
}

/**
 * Flops of one product: the landscape's declared `flopsPerHessianVector` when it is analytic; by differences, two
 * gradients and 10N for the norms, the two shifted points and the scaled difference. Undefined when unknown.
 */
export function hessianVectorFlops(landscape: ContinuousLandscape): number | undefined {
  if (landscape.hessianVector) return landscape.flopsPerHessianVector;
  return landscape.flopsPerGradient === undefined ? undefined : 2 * landscape.flopsPerGradient + 10 * landscape.dim;
}

/** Computes H(x)·v for one landscape, with the difference buffers allocated once (no allocation per product). */
export class HessianVectorProduct {
  private readonly plus: Float64Array;
  private readonly minus: Float64Array;
  private readonly gPlus: Float64Array;
  private readonly gMinus: Float64Array;

  constructor(private readonly landscape: ContinuousLandscape) {
    const n = landscape.hessianVector ? 0 : landscape.dim;
    this.plus = new Float64Array(n);
    this.minus = new Float64Array(n);
    this.gPlus = new Float64Array(n);
    this.gMinus = new Float64Array(n);
  }

  /** True when the product is the landscape's own (analytic), false when it is a finite difference. */
  get analytic(): boolean {
    return this.landscape.hessianVector !== undefined;
  }

  /** Writes the fitness Hessian at x times v into `out`. */
  apply(x: Float64Array, v: Float64Array, out: Float64Array): void {
    const landscape = this.landscape;
    if (landscape.hessianVector) return landscape.hessianVector(x, v, out);
    if (!landscape.gradient) throw new Error(`landscape ${landscape.id} has no gradient for Hessian–vector products`);
    const n = landscape.dim;
    let xx = 0;
    let vv = 0;
    for (let i = 0; i < n; i++) {
      xx += x[i] * x[i];
      vv += v[i] * v[i];
    }
    if (vv === 0) {
      out.fill(0, 0, n);
      return;
    }
    const eps = (1e-5 * Math.max(1, Math.sqrt(xx / n))) / Math.sqrt(vv);
    const { plus, minus, gPlus, gMinus } = this;
    for (let i = 0; i < n; i++) {
      plus[i] = x[i] + eps * v[i];
      minus[i] = x[i] - eps * v[i];
    }
    landscape.gradient(plus, gPlus);
    landscape.gradient(minus, gMinus);
    const scale = 1 / (2 * eps);
    for (let i = 0; i < n; i++) out[i] = (gPlus[i] - gMinus[i]) * scale;
  }
}

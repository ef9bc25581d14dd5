/**
 * Arithmetic work as a second currency beside evaluations (`measure.flops`). A run's flops are the landscape's
 * work (each gradient its declared `flopsPerGradient`, a minibatch gradient its share of one, each Hessian–vector
 * product `hessianVectorFlops`) plus the method's own (`OptimizerDef.flops`: the update, a line search's trial
 * points, L-BFGS's two-loop recursion, Newton–CG's CG iterations). One flop is one addition, subtraction,
 * multiplication or division; an elementary function counts one. Unlike wall time (`wallMs`), the count is the same
 * on every machine and with any number of workers, so it is the one the docs quote. Where a part is unknown (a
 * landscape that does not declare its work, a method that does not count, fitness-only evaluations) the run's
 * flops are null: a partial count would flatter whoever is not counted.
 */
import { hessianVectorFlops } from '../landscapes/hessian-vector.ts';
import type { Landscape } from '../landscapes/landscape.ts';

export class LandscapeWork {
  private total = 0;
  private readonly perGradient: number;
  private readonly perProduct: number;

  constructor(landscape: Landscape) {
    const continuous = landscape.space === 'continuous';
    this.perGradient = (continuous ? landscape.flopsPerGradient : undefined) ?? NaN;
    this.perProduct = (continuous ? hessianVectorFlops(landscape) : undefined) ?? NaN;
  }

  /** `count` gradients (fractions for minibatches). */
  gradients(count: number): void {
    this.total += count * this.perGradient;
  }

  products(count: number): void {
    this.total += count * this.perProduct;
  }

  /** Fitness-only evaluations: no landscape declares their work. */
  evaluations(count: number): void {
    if (count > 0) this.total = NaN;
  }

  /** The run's flops given the method's own count (undefined: not counted), or null where unknown. */
  withMethod(methodFlops: number | undefined): number | null {
    const total = this.total + (methodFlops ?? NaN);
    return Number.isFinite(total) ? total : null;
  }
}

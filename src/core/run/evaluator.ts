/**
 * Evaluation of candidates against a landscape: batch loops without per-individual views, delta evaluation of
 * move batches where the landscape offers it, and the one rule for non-finite values: NaN and ±∞ become −∞ (never
 * the best, never selected over a finite value) and are counted.
 */
import { swapChanges, unswapChanges } from '../landscapes/changes.ts';
import type { ContinuousLandscape, DiscreteLandscape, Landscape } from '../landscapes/landscape.ts';
import { HessianVectorProduct } from '../landscapes/hessian-vector.ts';
import type { Candidates, Feedback } from '../optimizers/optimizer.ts';

export class Evaluator {
  nonFinite = 0;
  private buffer = new Float64Array(0);
  private readonly feedback: Feedback = { fitness: new Float64Array(0) };
  private readonly gradient: Float64Array;

  constructor(
    private readonly landscape: Landscape,
    private readonly withGradient: boolean,
  ) {
    this.gradient = new Float64Array(withGradient ? landscape.dim : 0);
    if (withGradient) this.feedback.gradient = this.gradient;
  }

  /** Fitness (and gradient, for gradient methods) of every candidate; the returned object is reused. */
  evaluate(candidates: Candidates): Feedback {
    const count = candidates.count;
    if (this.buffer.length < count) this.buffer = new Float64Array(Math.max(count, 2 * this.buffer.length));
    if (this.feedback.fitness.length !== count) this.feedback.fitness = this.buffer.subarray(0, count);
    const out = this.feedback.fitness;
    const landscape = this.landscape;
    if (this.withGradient && candidates.kind === 'points' && candidates.hessianVector) {
      this.hessianVectorOf(candidates.genes as Float64Array, candidates.hessianVector);
      out[0] = -Infinity;
      return this.feedback;
    }
    this.feedback.hessianVector = undefined;
    if (this.withGradient) {
      if (landscape.space !== 'continuous' || !landscape.gradient) throw new Error(`landscape ${landscape.id} has no gradient`);
      const minibatch = candidates.kind === 'points' ? candidates.minibatch : undefined;
      if (minibatch && candidates.kind === 'points') {
        if (!landscape.minibatchGradient) throw new Error(`landscape ${landscape.id} has no minibatch gradient`);
        out[0] = landscape.minibatchGradient(candidates.genes as Float64Array, minibatch.indices, minibatch.from, minibatch.to, this.gradient);
      } else {
        out[0] = landscape.gradient(candidates.kind === 'points' ? (candidates.genes as Float64Array) : new Float64Array(0), this.gradient);
      }
      if (!gradientIsFinite(this.gradient)) {
        this.gradient.fill(0);
        out[0] = NaN;
      }
    } else if (candidates.kind === 'points') {
      if (landscape.space === 'continuous') continuousPoints(landscape, candidates.genes as Float64Array, count, out);
      else discretePoints(landscape, candidates.genes as Uint8Array, count, out);
    } else {
      if (landscape.space !== 'discrete') throw new Error('move batches need a discrete landscape');
      const { base, baseFitness, offsets, loci, values } = candidates;
      if (landscape.deltaFitness) {
        for (let c = 0; c < count; c++) out[c] = landscape.deltaFitness(base, 0, baseFitness, loci, values, offsets[c], offsets[c + 1]);
      } else {
        for (let c = 0; c < count; c++) {
          swapChanges(base, 0, loci, values, offsets[c], offsets[c + 1]);
          out[c] = landscape.fitnessAt(base, 0);
          unswapChanges(base, 0, loci, values, offsets[c], offsets[c + 1]);
        }
      }
    }
    for (let c = 0; c < count; c++) {
      const f = out[c];
      if (f - f !== 0) {
        out[c] = -Infinity;
        this.nonFinite++;
      }
    }
    return this.feedback;
  }

  private product: HessianVectorProduct | undefined;
  private productOut: Float64Array | undefined;

  /** H(x)·v into feedback.hessianVector; a product with a non-finite entry becomes 0 (no curvature information) and is counted. */
  private hessianVectorOf(x: Float64Array, v: Float64Array): void {
    const landscape = this.landscape;
    if (landscape.space !== 'continuous') throw new Error('Hessian–vector products need a continuous landscape');
    this.product ??= new HessianVectorProduct(landscape);
    this.productOut ??= new Float64Array(landscape.dim);
    const out = this.productOut;
    this.product.apply(x, v, out);
    if (!gradientIsFinite(out)) {
      out.fill(0);
      this.nonFinite++;
    }
    this.feedback.hessianVector = out;
  }
}

// Batches of whole genotypes; a discrete landscape with `fitnessMany` evaluates the batch in one call.
function continuousPoints(landscape: ContinuousLandscape, genes: Float64Array, count: number, out: Float64Array): void {
  const dim = landscape.dim;
  for (let c = 0; c < count; c++) out[c] = landscape.fitnessAt(genes, c * dim);
}

function discretePoints(landscape: DiscreteLandscape, genes: Uint8Array, count: number, out: Float64Array): void {
  if (landscape.fitnessMany) return landscape.fitnessMany(genes, 0, count, out);
  const dim = landscape.dim;
  for (let c = 0; c < count; c++) out[c] = landscape.fitnessAt(genes, c * dim);
}

/**
 * True when every entry is finite: Σ g·0 is 0 exactly when no entry is NaN or ±∞ (in any order). The vector is read
 * as four quarters at once: four memory streams keep more loads in flight than one, which is what bounds this pass
 * on large vectors.
 */
function gradientIsFinite(g: Float64Array): boolean {
  const n = g.length;
  const q = n >> 2;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < q; i = (i + 1) | 0) {
    s0 += g[i] * 0;
    s1 += g[(i + q) | 0] * 0;
    s2 += g[(i + 2 * q) | 0] * 0;
    s3 += g[(i + 3 * q) | 0] * 0;
  }
  for (let i = 4 * q; i < n; i++) s0 += g[i] * 0;
  return s0 + s1 + s2 + s3 === 0;
}

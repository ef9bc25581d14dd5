/**
 * The optimizer interface: ask/tell over plain state, in the shape of evosax and EvoTorch's functional API.
 * `init` makes the state, `ask` proposes candidates, `tell` hands back their fitness (and, for gradient methods,
 * the gradient). State holds numbers and typed arrays only, so it can be cloned, sent to a worker or saved; it is
 * mutated in place for speed. Bookkeeping shared by all methods (best so far, budgets, non-finite values) lives once
 * in run/, not here.
 */
import type { z } from 'zod';
import type { ParamProblem, Space } from '../landscapes/landscape.ts';
import type { Rng } from '../rng.ts';

/** What an optimizer may know about the search space. */
export interface Problem {
  readonly space: Space;
  readonly dim: number;
  /** Alleles per locus (discrete spaces); 0 for continuous spaces. */
  readonly alleles: number;
  /** The box initial points are drawn from (continuous spaces). */
  readonly lower: number;
  readonly upper: number;
  /** Continuous spaces with their own initialisation (networks): initial coordinates uniform in [−scaleᵢ, scaleᵢ]. */
  readonly scale?: Float64Array;
  /** Stochastic landscapes: training examples that minibatches index (0 .. samples − 1). */
  readonly samples?: number;
}

/** Candidates given as whole genotypes, row-major `count × dim`. */
export interface PointBatch<G extends Float64Array | Uint8Array = Float64Array | Uint8Array> {
  kind: 'points';
  genes: G;
  count: number;
  /**
   * Gradient methods on stochastic landscapes: ask for the gradient on the training examples
   * `indices[from .. to)` only (a minibatch, charged as its share of a full gradient).
   */
  minibatch?: { indices: Int32Array; from: number; to: number };
  /**
   * Newton-type methods: instead of fitness and gradient, ask for the fitness Hessian at the (one) point times this
   * direction, returned in `Feedback.hessianVector`, charged as landscapes/hessian-vector.ts says.
   */
  hessianVector?: Float64Array;
}

/**
 * Candidates given as changes to one base genotype (discrete spaces): candidate c sets `loci[k]` to `values[k]` for
 * k in [offsets[c], offsets[c+1]). Landscapes with delta evaluation price such a candidate by the loci it changes.
 */
export interface MoveBatch {
  kind: 'moves';
  base: Uint8Array;
  baseFitness: number;
  count: number;
  offsets: Int32Array;
  loci: Int32Array;
  values: Uint8Array;
}

export type Candidates = PointBatch | MoveBatch;

/** Feedback for `tell`: fitness per candidate (non-finite values already replaced by −∞) and gradients if asked. */
export interface Feedback {
  fitness: Float64Array;
  /** ∂fitness/∂x per candidate, row-major `count × dim`; present for methods with `needsGradient`. */
  gradient?: Float64Array;
  /** The Hessian–vector product a candidate batch with `hessianVector` asked for (its fitness is then −∞: not computed). */
  hessianVector?: Float64Array;
}

/** Where every racer of a replicate starts: the same point, and the same stream for any further initial points. */
export interface Start {
  readonly x0: Float64Array | Uint8Array;
  readonly fitness0: number;
  /** A fresh copy of the replicate's initial-population stream. */
  readonly rng: Rng;
}

export interface OptimizerDef<P extends Record<string, unknown> = any, S = any> {
  readonly id: string;
  readonly title: string;
  /** One sentence for menus, docs and the JSON Schema. */
  readonly summary: string;
  readonly spaces: readonly Space[];
  /** Asks for the gradient at each candidate. */
  readonly needsGradient: boolean;
  /** Can leave a local optimum by its own moves (jumps, noise, a population); adaptive walks and plain gradient
   * methods cannot. Decides how the dead-end stop rule is applied. */
  readonly escapesDeadEnds: boolean;
  /** The scenario fields of this optimizer, all optional (defaults come from `defaults`). */
  readonly params: z.ZodObject;
  /**
   * Full parameters for a problem; some depend on the dimension (rates 1/N, CMA-ES population 4 + 3 ln N), some on
   * the fields the scenario did set (`given`), such as the ES's μ = ⌊λ/2⌋ of the λ in use.
   */
  defaults(problem: Problem, given?: Readonly<Record<string, unknown>>): P;
  check?(problem: Problem, params: P): ParamProblem[];
  /** Bytes the state allocates, to refuse sizes beyond memory before allocating. */
  memoryBytes(problem: Problem, params: P): number;
  init(rng: Rng, problem: Problem, start: Start, params: P): S;
  ask(rng: Rng, state: S, params: P): Candidates;
  tell(rng: Rng, candidates: Candidates, feedback: Feedback, state: S, params: P): void;
  /** The current point: a walker's position, a parent, a mean, or the best of the current population. */
  incumbent(state: S): Float64Array | Uint8Array;
  /**
   * The method's own arithmetic so far, in flops (+ − × ÷ one each; counting of line-search-method.ts), besides the
   * landscape's gradients and products, which the run counts. Absent: the method does not count (flops unknown).
   */
  flops?(state: S): number;
  /**
   * Methods whose whole step is x ← x + a·∇f(x) at their current point x (plain gradient descent): the step size a,
   * or undefined when the steps are not of that form (minibatches). The run asks once, at the start, so it must be the
   * same for every step: the run recovers past points by replaying steps with it. With a landscape's `gradientStep`
   * the run then computes fitness, gradient and update in one pass and hands the new point over with `adoptPoint`
   * instead of `ask`/`tell`.
   */
  fusedStepSize?(state: S, params: P): number | undefined;
  /** After a fused step: `next` becomes the current point (as `tell` would have left it). */
  adoptPoint?(state: S, next: Float64Array): void;
  /** True when the method can never move again (an adaptive walk on a local optimum). */
  stuck?(state: S): boolean;
  /** The points a population method currently holds (its population, or its last offspring), for views. */
  population?(state: S): PointBatch;
}

/** Identity helper that keeps a definition's parameter and state types attached to its functions. */
export function defineOptimizer<P extends Record<string, unknown>, S>(def: OptimizerDef<P, S>): OptimizerDef<P, S> {
  return def;
}

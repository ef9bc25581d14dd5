/**
 * The landscape interface every phenotype landscape and genotype–phenotype map implements. Fitness is maximised
 * everywhere; a landscape whose natural reading is a loss reports fitness = −loss and says `reading: 'loss'`.
 * Genotypes are rows of flat typed arrays: a function that evaluates "the genotype at `offset`" reads
 * `genes[offset .. offset + dim)`, so populations are evaluated without creating a view per individual.
 */
import type { z } from 'zod';
import type { Rng } from '../rng.ts';
import type { BoundPolicy } from './bounds.ts';

export type Space = 'continuous' | 'discrete';
export type Reading = 'fitness' | 'loss';

interface LandscapeCommon {
  readonly id: string;
  readonly dim: number;
  readonly reading: Reading;
  /** What one gradient costs, in fitness evaluations, when a budget is charged. */
  readonly gradientCost: number;
  /** The global optimum's fitness where it is known exactly (analytically, by dynamic programming or enumeration). */
  readonly optimumFitness?: number;
}

export interface ContinuousLandscape extends LandscapeCommon {
  readonly space: 'continuous';
  /**
   * The box that initial points are drawn from and that views show. Optimizers may leave it; what they find outside
   * is the bound policy's (bounds.ts).
   */
  readonly lower: number;
  readonly upper: number;
  /** The bound policy this instance was made with (run/instance.ts); absent means `none`. */
  readonly bounds?: BoundPolicy;
  /** A global optimum's location where it is known. */
  readonly optimum?: Float64Array;
  /** The point every racer starts from instead of a random one (a network reloaded from a file). */
  readonly start?: Float64Array;
  fitnessAt(genes: Float64Array, offset: number): number;
  /** Writes ∂fitness/∂x into `out` and returns the fitness at x. */
  gradient?(x: Float64Array, out: Float64Array): number;
  /** Hessian–vector product of the fitness at x along v, written into out (analytic; without it callers use finite differences of `gradient`). */
  hessianVector?(x: Float64Array, v: Float64Array, out: Float64Array): void;
  /**
   * Plain gradient ascent in one pass over memory where the landscape allows it: writes x + a·∇f(x) into `next`
   * and returns the fitness at x, non-finite when the fitness or the gradient is (then `next` is to be ignored).
   * Equal, bit for bit, to `gradient` followed by next[i] = x[i] + a·g[i]. `next` may be x itself (the run steps in
   * place, and replays steps to recover the best point), with the same bits.
   */
  gradientStep?(x: Float64Array, a: number, next: Float64Array): number;
  /**
   * `count` buffers for points, made together, on which `gradientStep` runs fastest (a kernel's own memory), or
   * undefined where the landscape has none; a step between any two of them needs no copy in or out.
   */
  stepBuffers?(count: number): Float64Array[] | undefined;
  /** Stochastic landscapes (data sets): the number of training examples that minibatches are drawn from. */
  readonly samples?: number;
  /**
   * Stochastic landscapes: the fitness (−mean loss) of the training examples `indices[from .. to)` at x, with its
   * gradient written into `out`. With every example once it equals `gradient`; a run charges it
   * (to − from) / samples of a gradient.
   */
  minibatchGradient?(x: Float64Array, indices: Int32Array, from: number, to: number, out: Float64Array): number;
  /** Stochastic landscapes: fitness on held-out examples (−test loss), for measures; never charged. */
  testFitness?(genes: Float64Array, offset: number): number;
  /** What one `hessianVector` costs, in gradients, when a budget is charged (rule: hessian-vector.ts). */
  readonly hessianVectorCost?: number;
  /**
   * Arithmetic work of one `gradient` (value included) and one analytic `hessianVector`, in flops (one addition,
   * subtraction, multiplication or division each; an elementary function such as sin or exp counts one): for the
   * `measure.flops` reading of a race (run/flops.ts). Undeclared: the run cannot count its work.
   */
  readonly flopsPerGradient?: number;
  readonly flopsPerHessianVector?: number;
  /** Genotype landscapes made by a map: the phenotype landscape the genes are read as (views draw phenotypes). */
  readonly phenotype?: ContinuousLandscape;
  /** With `phenotype`: writes the phenotype of genes[offset .. offset + dim) into `out` (phenotype.dim values). */
  decode?(genes: Float64Array, offset: number, out: Float64Array): void;
}

export interface DiscreteLandscape extends LandscapeCommon {
  readonly space: 'discrete';
  /** Alleles per locus: genes take the values 0 .. alleles − 1. */
  readonly alleles: number;
  readonly optimum?: Uint8Array;
  fitnessAt(genes: Uint8Array, offset: number): number;
  /** Genotype landscapes made by a map: the phenotype landscape the genes are read as (views draw phenotypes). */
  readonly phenotype?: DiscreteLandscape;
  /** With `phenotype`: writes the phenotype of genes[offset .. offset + dim) into `out` (phenotype.dim values). */
  decode?(genes: Uint8Array, offset: number, out: Uint8Array): void;
  /**
   * Optional batch form of `fitnessAt` (ARCHITECTURE.md's `fitnessMany`): writes the fitness of the `count`
   * genotypes stored one after another from `genes[offset]` into `out[0 .. count)`, each equal, bit for bit, to
   * `fitnessAt` on that row. Lets a landscape share work across a population (the evaluator uses it when present).
   */
  fitnessMany?(genes: Uint8Array, offset: number, count: number, out: Float64Array): void;
  /**
   * The fitness of the genotype at `offset` after setting `loci[k]` to `values[k]` for k in [from, to), given its
   * current fitness `fx`; the genotype is left as it was. Equal, bit for bit, to evaluating the changed genotype.
   */
  deltaFitness?(
    genes: Uint8Array,
    offset: number,
    fx: number,
    loci: Int32Array,
    values: Uint8Array,
    from: number,
    to: number,
  ): number;
}

export type Landscape = ContinuousLandscape | DiscreteLandscape;

/** The fitness of a single genotype. */
export function fitnessOf(landscape: Landscape, x: Float64Array | Uint8Array): number {
  return landscape.space === 'continuous'
    ? landscape.fitnessAt(x as Float64Array, 0)
    : landscape.fitnessAt(x as Uint8Array, 0);
}

/** A problem in a registry entry's own words, for validation messages that point at a field. */
export interface ParamProblem {
  readonly path: (string | number)[];
  readonly message: string;
  /** A defect inside a file the field at `path` names (a data set's CSV): where in that file. */
  readonly at?: { readonly file: string; readonly line: number; readonly column: number };
}

/**
 * A registry entry: how scenario words (`id`, `dim` and the landscape's own fields) become a landscape instance.
 * `params` is a zod object of the landscape's own fields with their defaults; `create` draws the instance's random
 * parts (tables, reference sequences) from `rng` only.
 */
export interface LandscapeDef<S extends z.ZodObject = z.ZodObject<any>, P = z.output<S>> {
  readonly id: string;
  readonly title: string;
  readonly space: Space;
  /** One sentence for menus, docs and the JSON Schema. */
  readonly summary: string;
  readonly minDim: number;
  /** Continuous landscapes: the box [lower, upper] per coordinate that initial points are drawn from. */
  readonly box?: readonly [number, number];
  /**
   * Continuous landscapes with a box: what fitness is outside it (bounds.ts), unless a scenario's `landscape.bounds`
   * says otherwise. Default `none`: right when no point outside beats the declared optimum.
   */
  readonly bounds?: BoundPolicy;
  /**
   * For landscapes whose dimension is fixed by their parameters (a network's weight count): the dimension. A
   * scenario may then leave `dim` out (it is derived, in every sweep cell); a `dim` that disagrees is an error.
   */
  dimOf?(params: P): number;
  readonly params: S;
  /**
   * Continuous landscapes whose initial points should not be uniform in the box (network weights): per-coordinate
   * half-widths s, initial coordinates uniform in [−sᵢ, sᵢ] (one uniform draw per coordinate, as from the box).
   * Undefined for parameters that ask for starts uniform in the box after all.
   */
  initScale?(dim: number, params: P): Float64Array | undefined;
  /** Stochastic landscapes: the number of training examples (`samples` of the instance), known before creating it. */
  trainingSamples?(params: P): number;
  /** Checks that involve `dim` and several fields at once. */
  check?(dim: number, params: P): ParamProblem[];
  /** Bytes the instance allocates, to refuse sizes beyond memory before allocating. */
  memoryBytes(dim: number, params: P): number;
  /** The field a refusal of `memoryBytes` blames, where it is not `dim` (a data set's rows, a network's widths). */
  memoryField?(dim: number, params: P): string;
  create(dim: number, params: P, rng: Rng): Landscape;
}

/** Identity helper that keeps a definition's parameter type attached to its functions. */
export function defineLandscape<S extends z.ZodObject>(def: LandscapeDef<S>): LandscapeDef<S> {
  return def;
}

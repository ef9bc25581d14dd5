/**
 * The live dead-end meter: a cheap estimate, for one landscape instance, of the share of random starts from which
 * the natural local search ends at a dead end that is not the global optimum — the greedy walk on discrete
 * landscapes, plain gradient descent on continuous ones. Made for the page, which recomputes it while a knob moves,
 * so its cost is bounded by an effort budget in fitness evaluations (a gradient costs the landscape's
 * `gradientCost`), never by a clock: the same spec, seed and options always give the same numbers, and the
 * evaluations spent never exceed the budget.
 *
 * Discrete spaces that the budget can enumerate (alleles^N ≤ budget, and at most 2^20) give the exact share,
 * 1 − the mean probability that the greedy walk from a genotype ends on a fittest genotype (ties broken uniformly),
 * with standard error 0. Otherwise greedy walks from uniformly random starts run while the budget lasts; a walk the
 * budget cannot finish is abandoned and not counted; the standard error is the binomial one, √(p(1 − p)/n). Without
 * a known global optimum a sampled walk cannot be judged, and the share is null.
 *
 * Continuous: gradient descent (`gradientEndpoint`: the engine's `gd` with the race's stop rules) from uniformly
 * random starts, each allowed at most `steps` gradients, as many runs as the budget pays for (at least
 * `minStarts` when the budget allows). Runs still moving after their steps are `undecided` and left out of the share.
 */
import type { ContinuousLandscape, DiscreteLandscape } from '../landscapes/landscape.ts';
import { neighbourCount } from '../landscapes/neighbourhood.ts';
import { deriveRng, type Rng } from '../rng.ts';
import { createLandscape } from '../run/instance.ts';
import type { LandscapeSpec } from '../run/spec.ts';
import { fittestFitter } from '../optimizers/greedy-walk.ts';
import { greedyExpectations, meanOver } from './adaptive-walks.ts';
import { canEnumerate, enumerateSpace } from './genotype-space.ts';
import { GRADIENT_DEFAULTS, gradientEndpoint } from './gradient-endpoints.ts';
import { finiteFitness, NeighbourFitness } from './neighbour-fitness.ts';

export interface DeadEndMeterOptions {
  /** The replicate whose landscape instance is measured (default 0, the one the page's views show). */
  readonly instance?: number;
  /** Effort budget in fitness evaluations (default `DEAD_END_METER_EVALUATIONS`); never exceeded. */
  readonly evaluations?: number;
  /** Discrete landscapes: sample walks even when the budget could enumerate the space (for tests). */
  readonly sample?: boolean;
  /** Continuous landscapes: the gradient step size (default GRADIENT_DEFAULTS.learningRate). */
  readonly learningRate?: number;
  /** Continuous landscapes: the most gradient steps of one run (default: the budget shared by `minStarts` runs, at most 20 000). */
  readonly steps?: number;
  /** Continuous landscapes: runs the step limit is sized for (default 32). */
  readonly minStarts?: number;
  /** Continuous landscapes: gradient norm at or below which a point is critical (default 1e-6). */
  readonly gradientTolerance?: number;
  /** Fitness distance below the known optimum that still counts as reaching it (default 1e-6 continuous, 0 discrete). */
  readonly tolerance?: number;
}

/** Default effort: 200 000 evaluations, tens of milliseconds on the registry's landscapes at moderate N. */
export const DEAD_END_METER_EVALUATIONS = 200_000;
/** Most sampled starts, whatever the budget: walks (cheap) and gradient runs (a standard error of at most 2.2 %). */
const MAX_WALKS = 4096;
const MAX_RUNS = 512;

export interface DeadEndEstimate {
  /** 'greedy-walk' on discrete landscapes, 'gradient-descent' on continuous ones. */
  readonly method: 'greedy-walk' | 'gradient-descent';
  /** Share of decided starts that ended at a dead end other than the global optimum; null if it cannot be told. */
  readonly share: number | null;
  /** Its standard error (0 when exact); null below two decided starts. */
  readonly se: number | null;
  /** True when every start of the space was accounted for exactly. */
  readonly exact: boolean;
  /** Starts counted (all genotypes when exact). */
  readonly starts: number;
  /** Starts that ended at a dead end other than the global optimum (expected number when exact). */
  readonly deadEnds: number;
  /** Gradient runs that had not stopped within their steps (0 for discrete landscapes). */
  readonly undecided: number;
  /** False when the global optimum's fitness is unknown (then a sampled share is null). */
  readonly optimumKnown: boolean;
  /** Evaluations spent (at most the budget). */
  readonly evaluations: number;
  /** Why the share is null, when it is. */
  readonly reason?: string;
}

/** The dead-end share of instance `options.instance` of `spec` (a landscape spec with its map) under `seed`. */
export function deadEndMeter(spec: LandscapeSpec, seed: string | number, options: DeadEndMeterOptions = {}): DeadEndEstimate {
  const instance = options.instance ?? 0;
  const budget = Math.max(1, Math.floor(options.evaluations ?? DEAD_END_METER_EVALUATIONS));
  const landscape = createLandscape(spec, seed, instance);
  return landscape.space === 'discrete'
    ? discreteMeter(landscape, seed, instance, budget, options)
    : continuousMeter(landscape, spec, seed, instance, budget, options);
}

function discreteMeter(landscape: DiscreteLandscape, seed: string | number, instance: number, budget: number, options: DeadEndMeterOptions): DeadEndEstimate {
  const { dim, alleles } = landscape;
  const optimum = landscape.optimumFitness;
  const method = 'greedy-walk';
  if (!options.sample && canEnumerate(alleles, dim) && Math.pow(alleles, dim) <= budget) {
    const space = enumerateSpace(landscape);
    const share = 1 - meanOver(greedyExpectations(space).basin);
    return { method, share, se: 0, exact: true, starts: space.size, deadEnds: share * space.size, undecided: 0, optimumKnown: true, evaluations: space.size };
  }
  const tolerance = options.tolerance ?? 0;
  const rng = deriveRng(seed, 'dead-end-meter', instance);
  const neighbours = new NeighbourFitness(landscape);
  const perStep = neighbourCount(dim, alleles);
  const x = new Uint8Array(dim);
  let spent = 0;
  let starts = 0;
  let deadEnds = 0;
  while (starts < MAX_WALKS && budget - spent >= 1 + perStep) {
    for (let i = 0; i < dim; i++) x[i] = rng.int(alleles);
    const walk = boundedGreedyWalk(landscape, x, rng, neighbours, budget - spent);
    spent += walk.evaluations;
    if (walk.fitness === null) break;
    starts++;
    if (optimum !== undefined && walk.fitness < optimum - tolerance) deadEnds++;
  }
  const base = { method, exact: false, starts, undecided: 0, optimumKnown: optimum !== undefined, evaluations: spent } as const;
  if (optimum === undefined) return { ...base, share: null, se: null, deadEnds: 0, reason: 'the global optimum of this landscape is not known at this size' };
  if (starts === 0) return { ...base, share: null, se: null, deadEnds: 0, reason: 'the effort budget cannot pay for one walk' };
  const p = deadEnds / starts;
  return { ...base, share: p, se: starts >= 2 ? Math.sqrt((p * (1 - p)) / starts) : null, deadEnds };
}

/**
 * A greedy walk from x (changed in place) to a local optimum: to the fittest fitter one-mutant neighbour, ties drawn
 * from `rng`. Stops without an answer (fitness null) when the next neighbourhood would take it past `allowance`.
 */
function boundedGreedyWalk(landscape: DiscreteLandscape, x: Uint8Array, rng: Rng, neighbours: NeighbourFitness, allowance: number): { fitness: number | null; evaluations: number } {
  let fx = finiteFitness(landscape, x);
  let spent = 1;
  for (;;) {
    if (spent + neighbours.count > allowance) return { fitness: null, evaluations: spent };
    const values = neighbours.evaluate(x, fx);
    spent += neighbours.count;
    const chosen = fittestFitter(values, fx, rng);
    if (chosen < 0) return { fitness: fx, evaluations: spent };
    fx = values[chosen];
    neighbours.apply(x, chosen);
  }
}

function continuousMeter(
  landscape: ContinuousLandscape,
  spec: LandscapeSpec,
  seed: string | number,
  instance: number,
  budget: number,
  options: DeadEndMeterOptions,
): DeadEndEstimate {
  const method = 'gradient-descent';
  const optimumKnown = landscape.optimumFitness !== undefined;
  const empty = { method, share: null, se: null, exact: false, starts: 0, deadEnds: 0, undecided: 0, optimumKnown, evaluations: 0 } as const;
  if (!landscape.gradient) return { ...empty, reason: 'this landscape has no gradient' };
  if (!optimumKnown) return { ...empty, reason: 'the global optimum of this landscape is not known' };
  const cost = landscape.gradientCost;
  const minStarts = Math.max(1, Math.floor(options.minStarts ?? 32));
  const steps = Math.max(1, Math.floor(options.steps ?? Math.min(GRADIENT_DEFAULTS.steps, budget / (minStarts * cost))));
  const run = {
    learningRate: options.learningRate ?? GRADIENT_DEFAULTS.learningRate,
    steps,
    gradientTolerance: options.gradientTolerance ?? GRADIENT_DEFAULTS.gradientTolerance,
    tolerance: options.tolerance ?? GRADIENT_DEFAULTS.tolerance,
  };
  let deadEnds = 0;
  let undecided = 0;
  let spent = 0;
  let starts = 0;
  // A run costs at most `steps` gradients: start one only while the budget can pay for all of them.
  while (starts < MAX_RUNS && budget - spent >= steps * cost) {
    const end = gradientEndpoint(spec, landscape, seed, instance, starts, run);
    spent += end.gradients * cost;
    starts++;
    if (!end.critical) undecided++;
    else if (!end.global) deadEnds++;
  }
  const decided = starts - undecided;
  const p = decided ? deadEnds / decided : null;
  return {
    method,
    share: p,
    se: p !== null && decided >= 2 ? Math.sqrt((p * (1 - p)) / decided) : null,
    exact: false,
    starts,
    deadEnds,
    undecided,
    optimumKnown,
    evaluations: spent,
    ...(p === null && { reason: starts ? `none of ${starts} gradient descents came to rest within ${steps} steps` : 'the effort budget cannot pay for one gradient run' }),
  };
}

import type { BoundPolicy } from '../landscapes/bounds.ts';
import type { UnitDiagnostics } from '../nets/unit-diagnostics.ts';
import type { RunTrace, TraceSpec } from './trace.ts';

/** What one run needs, as plain data: it crosses to workers unchanged and fixes every number of the run. */

export interface StopRules {
  /** End when the best fitness is within `tolerance` of the known global optimum. */
  readonly atOptimum: boolean;
  /** End at the first dead end of the incumbent (see `createRun`). */
  readonly deadEnd: boolean;
  /** End after this many evaluations without a strict improvement of the best fitness. */
  readonly stalledEvaluations?: number;
  /** Distance in fitness from the optimum that counts as reaching it. */
  readonly tolerance: number;
  /** Gradient norm at or below which a continuous point counts as critical. */
  readonly gradientTolerance: number;
}

export interface ComponentSpec {
  readonly id: string;
  /** The component's own fields, as validated (optimizer fields may be partial: defaults depend on the problem). */
  readonly params: Readonly<Record<string, unknown>>;
}

export interface LandscapeSpec extends ComponentSpec {
  readonly dim: number;
  /** A genotype→phenotype map wrapping the landscape; absent means the identity. */
  readonly map?: ComponentSpec;
  /** The phenotype's bound policy (landscapes/bounds.ts); absent means the one its definition declares. */
  readonly bounds?: BoundPolicy;
}

export interface OptimizerSpec extends ComponentSpec {
  /** Name shown in results; unique within a scenario, and part of the optimizer's seed. */
  readonly label: string;
}

/** Observer's measurements along a run (scenario `measure:`); uncharged and deterministic. */
export interface MeasureSpec {
  /** Sharpness (top loss-Hessian eigenvalue) of the current point every this many generations, and at the end. */
  readonly sharpnessEvery?: number;
  /** The Hessian index (fraction of negative loss-Hessian eigenvalues) of the end point. */
  readonly hessianIndex?: boolean;
  /** The relative distance ‖x_T − x_0‖ / ‖x_0‖ of the end point from the start (lazy training). */
  readonly weightChange?: boolean;
  /** Arithmetic work in flops: the landscape's gradients and products plus the method's own (run/flops.ts). */
  readonly flops?: boolean;
  /** Per-unit diagnostics of the end point of an `mlp` (nets/unit-diagnostics.ts): dead, stuck, contribution. */
  readonly units?: boolean;
  /** The improvement trace and best at fixed budgets (trace.ts), with its bounds (true: the defaults). */
  readonly trace?: boolean | Partial<TraceSpec>;
}

export interface RunSpec {
  readonly seed: string | number;
  readonly replicate: number;
  readonly landscape: LandscapeSpec;
  readonly optimizer: OptimizerSpec;
  readonly budget: { readonly evaluations: number; readonly gradientCost?: number };
  readonly stop: StopRules;
  /** Measurements to record along the run; absent in runs that ask for none (and then results have no such fields). */
  readonly measure?: MeasureSpec;
}

/**
 * Why a run ended (SCENARIO.md), in the order views list them; `diverged`: every candidate of a generation had a
 * non-finite fitness (NaN or ±∞). The one list of outcome names: summaries, the page and analyze read it.
 */
export const ENDED_AT = ['optimum', 'local-optimum', 'saddle', 'diverged', 'stalled', 'budget'] as const;
export type EndedAt = (typeof ENDED_AT)[number];

/** The numbers a finished run reports. */
export interface RunResult {
  readonly endedAt: EndedAt;
  readonly bestFitness: number;
  /** The landscape's global optimum where it is known, else null. */
  readonly optimumFitness: number | null;
  /** Cost in evaluations: fitness evaluations plus gradientCost per gradient. */
  readonly evaluations: number;
  readonly fitnessEvaluations: number;
  readonly gradientEvaluations: number;
  /** Hessian–vector products (Newton-type methods; absent when none), each charged hessianVectorCost gradients. */
  readonly hessianVectorProducts?: number;
  readonly generations: number;
  /** Evaluations that returned NaN or ±∞ (ranked as −∞, never best). */
  readonly nonFinite: number;
  /** With `measure.sharpnessEvery`: pairs [evaluations, sharpness] at generation 0, every K generations and the end. */
  readonly sharpness?: readonly (readonly [number, number])[];
  /** With `measure.hessianIndex`: the end point's fraction of negative loss-Hessian eigenvalues (null if N > 300). */
  readonly hessianIndex?: number | null;
  /** With `measure.weightChange`: ‖x_T − x_0‖ / ‖x_0‖ for the optimizer's end point x_T and its start x_0. */
  readonly weightChange?: number;
  /** With `measure.weightChange` on an `mlp`: the share of the outputs' change its linearisation at w_0 misses. */
  readonly linearisationGap?: number;
  /** With `measure.flops`: floating-point operations of the run (null where the landscape or method does not count). */
  readonly flops?: number | null;
  /** With `measure.units` on an `mlp`: per-unit diagnostics of the end point. */
  readonly units?: UnitDiagnostics;
  /** With `measure.trace`: the improvements (bounded, trace.ts) and the best at fixed budgets. */
  readonly traceRecord?: RunTrace;
  /**
   * Landscapes with held-out data (`mlp` with a test share): the test loss of the best point (the observer's,
   * uncharged). bestFitness is −(training loss) of the same point.
   */
  readonly testLoss?: number;
}

/**
 * The simulation API that workers expose (through comlink in sim.worker.ts). It is plain functions over plain
 * data, so the page's Web Workers, the CLI's worker_threads and tests in-process all run the same code.
 */
import { deadEndMeter, type DeadEndEstimate, type DeadEndMeterOptions } from '../src/core/metrics/dead-end-meter.ts';
import { GRADIENT_DEFAULTS } from '../src/core/metrics/gradient-endpoints.ts';
import { analyzeRange, type AnalysisOptions, type RangeValues } from '../src/core/metrics/landscape-analysis.ts';
import { createLandscape, problemOf } from '../src/core/run/instance.ts';
import { createRun } from '../src/core/run/run.ts';
import type { LandscapeSpec, RunResult, RunSpec } from '../src/core/run/spec.ts';

/** One replicate of one cell: every racer on the same landscape instance and start. */
export interface ReplicateTask {
  readonly cell: number;
  readonly replicate: number;
  readonly specs: readonly RunSpec[];
}

export interface RacerOutcome {
  readonly optimizer: string;
  readonly label: string;
  /** Present when the run finished; absent when it failed. */
  readonly result?: RunResult;
  /** Why the run failed. */
  readonly error?: string;
  readonly wallMs: number;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The page meter's effort: 200 000 evaluations on discrete landscapes (cheap, incremental evaluations); on continuous
 * ones an evaluation costs O(N), so 2 000 000 / N evaluations, between 10 000 and 200 000 — about a second or less in
 * a worker at any dimension the page offers.
 */
export function meterEvaluations(spec: LandscapeSpec): number {
  const problem = problemOf(spec);
  if (problem.space === 'discrete') return 200_000;
  return Math.max(10_000, Math.min(200_000, Math.round(2_000_000 / problem.dim)));
}

export interface MeterReading extends DeadEndEstimate {
  /** The gradient step size used (continuous landscapes). */
  readonly learningRate?: number;
  /** Milliseconds the estimate took in the worker. */
  readonly ms: number;
}

export const simApi = {
  /** The dead-end meter for instance 0 of a landscape (with its map), with the page's effort budget. */
  deadEnds(spec: LandscapeSpec, seed: string | number, options: DeadEndMeterOptions = {}): MeterReading {
    const started = performance.now();
    const estimate = deadEndMeter(spec, seed, { evaluations: meterEvaluations(spec), ...options });
    const continuous = estimate.method === 'gradient-descent';
    return { ...estimate, ...(continuous && { learningRate: options.learningRate ?? GRADIENT_DEFAULTS.learningRate }), ms: performance.now() - started };
  },


  /** Instances from..to−1 of `analyze`, for `hyperclimb analyze --workers` (combined in order by combineAnalysis). */
  analyzeRange(spec: LandscapeSpec, seed: string | number, from: number, to: number, options: Omit<AnalysisOptions, 'instances' | 'onInstance'>): RangeValues {
    return analyzeRange(spec, seed, from, to, options);
  },

  /** Runs every racer of a replicate to its end; a failing racer is reported, the others still run. */
  runReplicate(task: ReplicateTask): RacerOutcome[] {
    const first = task.specs[0];
    let landscape: ReturnType<typeof createLandscape> | undefined;
    let landscapeError: string | undefined;
    const started = performance.now();
    try {
      landscape = createLandscape(first.landscape, first.seed, first.replicate);
    } catch (error) {
      landscapeError = message(error);
    }
    const setupMs = performance.now() - started;
    return task.specs.map((spec) => {
      const t0 = performance.now();
      const base = { optimizer: spec.optimizer.id, label: spec.optimizer.label };
      if (!landscape) return { ...base, error: landscapeError, wallMs: setupMs };
      try {
        const run = createRun(spec, { landscape });
        run.finish();
        return { ...base, result: run.result(), wallMs: performance.now() - t0 };
      } catch (error) {
        return { ...base, error: message(error), wallMs: performance.now() - t0 };
      }
    });
  },
};

export type SimApi = typeof simApi;

/**
 * The simulation API that workers expose (through comlink in sim.worker.ts). It is plain functions over plain
 * data, so the page's Web Workers, the CLI's worker_threads and tests in-process all run the same code.
 */
import { createLandscape } from '../src/core/run/instance.ts';
import { createRun } from '../src/core/run/run.ts';
import type { RunResult, RunSpec } from '../src/core/run/spec.ts';

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

export const simApi = {
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

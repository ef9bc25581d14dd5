/**
 * Runs a whole sweep in the page: every cell × replicate of a scenario, spread over a few Web Workers running the
 * same worker module as the command line, with progress and cancellation. Results are taken strictly in task
 * order and turned into result lines by the code the command line uses, so the lines are the command line's, line
 * for line (apart from wallMs). `runSweep` takes any pool with `run(task)`: the page passes `BrowserPool`, the
 * tests pass the command line's Node pool.
 */
import * as Comlink from 'comlink';
import { planTasks, resultLine, scenarioFingerprint, type ResultLine } from '../scenario/results.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { RacerOutcome, ReplicateTask } from '../../workers/sim-api.ts';
import type { WorkerApi } from '../../workers/sim.worker.ts';

export interface TaskPool {
  readonly size: number;
  run(task: ReplicateTask): Promise<RacerOutcome[]>;
}

export interface SweepProgress {
  /** Replicates done (all racers of one cell replicate). */
  readonly done: number;
  readonly total: number;
}

export interface SweepOutcome {
  readonly status: 'done' | 'cancelled';
  readonly fingerprint: string;
  /** The lines of every replicate finished in order before the end or the cancellation. */
  readonly lines: ResultLine[];
}

/** A way to stop a sweep: `cancel()` makes `runSweep` return at once with the lines so far. */
export class SweepSignal {
  cancelled = false;
  private wake!: () => void;
  readonly whenCancelled = new Promise<void>((resolve) => (this.wake = resolve));

  cancel(): void {
    this.cancelled = true;
    this.wake();
  }
}

/**
 * Runs every cell × replicate of `scenario` (its seed and replicates as given) on `pool`. `onLines` receives each
 * replicate's lines in the command line's order; a failed replicate becomes lines with `error`, as there.
 */
export async function runSweep(
  scenario: Scenario,
  pool: TaskPool,
  onLines: (lines: ResultLine[], progress: SweepProgress) => void = () => {},
  signal = new SweepSignal(),
): Promise<SweepOutcome> {
  const tasks = planTasks(scenario);
  const fingerprint = scenarioFingerprint(scenario);
  const lines: ResultLine[] = [];
  const window = Math.max(2, 4 * pool.size);
  const inFlight: Promise<RacerOutcome[]>[] = [];
  let next = 0;
  const cancelled = signal.whenCancelled.then(() => 'cancelled' as const);
  for (let i = 0; i < tasks.length; i++) {
    while (next < tasks.length && next < i + window) {
      const task = tasks[next++];
      inFlight.push(
        pool.run({ cell: task.cell, replicate: task.replicate, specs: task.specs }).catch((error: Error) =>
          task.specs.map((spec) => ({ optimizer: spec.optimizer.id, label: spec.optimizer.label, error: error.message, wallMs: 0 })),
        ),
      );
    }
    if (signal.cancelled) break;
    // A cancelled pool never answers: do not wait for it.
    const outcomes = await Promise.race([inFlight.shift()!, cancelled]);
    if (outcomes === 'cancelled') break;
    const task = tasks[i];
    const taskLines = outcomes.map((outcome) => resultLine(task.cell, task.params, task.replicate, scenario.seed, outcome, fingerprint));
    lines.push(...taskLines);
    onLines(taskLines, { done: i + 1, total: tasks.length });
  }
  return { status: signal.cancelled ? 'cancelled' : 'done', fingerprint, lines };
}

/** Workers for a sweep in the page: one per core but one (the page and its race keep one), 2 to 8. */
export function sweepWorkers(cores = navigator.hardwareConcurrency || 2): number {
  return Math.max(1, Math.min(cores, 8, Math.max(2, cores - 1)));
}

interface Slot {
  worker: Worker;
  api: Comlink.Remote<WorkerApi>;
  busy: boolean;
  fail?: (error: Error) => void;
}

/** Web Workers running workers/sim.worker.ts; a worker that dies fails its task and is replaced. */
export class BrowserPool implements TaskPool {
  private slots: Slot[] = [];
  private waiting: (() => void)[] = [];
  private closed = false;

  constructor(readonly size = sweepWorkers()) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('../../workers/sim.worker.ts', import.meta.url), { type: 'module', name: 'hyperclimb-sweep' });
    const slot: Slot = { worker, api: Comlink.wrap<WorkerApi>(worker), busy: false };
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      slot.fail?.(new Error(event.message || 'a sweep worker failed'));
      slot.fail = undefined;
      worker.terminate();
      if (this.closed) return;
      this.slots[this.slots.indexOf(slot)] = this.spawn();
      this.waiting.shift()?.();
    });
    return slot;
  }

  private async acquire(): Promise<Slot> {
    for (;;) {
      const free = this.slots.find((slot) => !slot.busy);
      if (free) {
        free.busy = true;
        return free;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  async run(task: ReplicateTask): Promise<RacerOutcome[]> {
    const slot = await this.acquire();
    try {
      return await new Promise<RacerOutcome[]>((resolve, reject) => {
        slot.fail = reject;
        slot.api.runReplicate(task).then(resolve, reject);
      });
    } finally {
      slot.fail = undefined;
      slot.busy = false;
      this.waiting.shift()?.();
    }
  }

  /** Ends every worker at once (running tasks are abandoned). */
  close(): void {
    this.closed = true;
    for (const slot of this.slots) slot.worker.terminate();
    this.slots = [];
    this.waiting = [];
  }
}

/**
 * A pool of simulation workers for Node (worker_threads running workers/sim.worker.ts through comlink's node adapter).
 * Tasks go to whichever worker is free; callers get each task's result as a promise, so they can write results in
 * a fixed order whatever the scheduling. A worker that dies fails its task and is replaced.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { RacerOutcome, ReplicateTask } from './sim-api.ts';
import type { WorkerApi as SimApi } from './sim.worker.ts';

const WORKER_URL = new URL('./sim.worker.ts', import.meta.url);

interface Slot {
  worker: Worker;
  api: Comlink.Remote<SimApi>;
  busy: boolean;
  fail?: (error: Error) => void;
}

export interface SimPool {
  readonly size: number;
  run(task: ReplicateTask): Promise<RacerOutcome[]>;
  close(): Promise<void>;
}

/** The default number of workers: one per core. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

function spawn(): Worker {
  if (WORKER_URL.pathname.endsWith('.ts')) {
    // Under tsx the worker must register the TypeScript loader before importing the module (TOOLCHAIN.md).
    const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
    return new Worker(bootstrap, { eval: true });
  }
  return new Worker(WORKER_URL);
}

export function createPool(size: number): SimPool {
  const slots: Slot[] = [];
  const waiting: (() => void)[] = [];
  let closed = false;

  const makeSlot = (): Slot => {
    const worker = spawn();
    const slot: Slot = { worker, api: Comlink.wrap<SimApi>(nodeEndpoint(worker)), busy: false };
    const onFailure = (error: Error) => {
      slot.fail?.(error);
      slot.fail = undefined;
      if (closed) return;
      const replacement = makeSlot();
      slots[slots.indexOf(slot)] = replacement;
      waiting.shift()?.();
    };
    worker.on('error', onFailure);
    worker.on('exit', (code) => {
      if (!closed) onFailure(new Error(`simulation worker exited with code ${code}`));
    });
    return slot;
  };
  for (let i = 0; i < size; i++) slots.push(makeSlot());

  const acquire = async (): Promise<Slot> => {
    for (;;) {
      const free = slots.find((slot) => !slot.busy);
      if (free) {
        free.busy = true;
        return free;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };

  return {
    size,
    async run(task) {
      const slot = await acquire();
      try {
        return await new Promise<RacerOutcome[]>((resolve, reject) => {
          slot.fail = reject;
          slot.api.runReplicate(task).then(resolve, reject);
        });
      } finally {
        slot.fail = undefined;
        slot.busy = false;
        waiting.shift()?.();
      }
    },
    async close() {
      closed = true;
      for (const slot of slots) slot.api[Comlink.releaseProxy]();
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}

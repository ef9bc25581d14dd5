/**
 * A pool of simulation workers for Node (worker_threads running workers/sim.worker.ts through comlink's node adapter).
 * Tasks go to whichever worker is free; callers get each task's result as a promise, so they can write results in
 * a fixed order whatever the scheduling. A worker that dies while running fails its task (the caller records the
 * failure) and is replaced. A worker that cannot even load the simulation module (a broken install, a missing
 * loader) is not retried: every task is rejected with a WorkerStartError, so the caller stops instead of recording
 * a failure for every run. A dying worker emits 'error' and then 'exit': it is replaced once, and `close` terminates
 * every worker the pool ever started, so a crash cannot leave a thread that keeps the process alive.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { RangeValues } from '../src/core/metrics/landscape-analysis.ts';
import type { RacerOutcome, ReplicateTask, SimApi as SimApiFunctions } from './sim-api.ts';
import type { WorkerApi as SimApi } from './sim.worker.ts';

const WORKER_URL = new URL('./sim.worker.ts', import.meta.url);
const USER_MODULE_URL = new URL('../src/core/user-module.ts', import.meta.url);

/** The simulation workers could not start; no task ran. */
export class WorkerStartError extends Error {
  constructor(cause: Error) {
    super(`the simulation workers could not start: ${cause.message}`);
    this.name = 'WorkerStartError';
  }
}

/** What the bootstrap posts once the simulation module has loaded (comlink ignores messages without its ids). */
const READY = 'hyperclimb-worker-ready';

interface Slot {
  worker: Worker;
  /** The simulation module has loaded in this worker. */
  ready: boolean;
  api: Comlink.Remote<SimApi>;
  busy: boolean;
  /** The worker failed ('error' or 'exit') and was replaced; later events of the same death are ignored. */
  dead: boolean;
  /** The worker's uncaught error, acted on at its 'exit' (see makeSlot). */
  error?: Error;
  fail?: (error: Error) => void;
}

export interface SimPool {
  readonly size: number;
  run(task: ReplicateTask): Promise<RacerOutcome[]>;
  /** Instances from..to−1 of `analyze` (src/core/metrics/landscape-analysis.ts), on a free worker. */
  analyzeRange(...args: Parameters<SimApiFunctions['analyzeRange']>): Promise<RangeValues>;
  close(): Promise<void>;
}

/** The default number of workers: one per core. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

const TSX_API_URL = resolveFromHere('tsx/esm/api');

function resolveFromHere(specifier: string): string {
  try {
    return import.meta.resolve(specifier);
  } catch {
    // Runners that do not provide import.meta.resolve (vitest's module runner) start in the checkout anyway.
    return specifier;
  }
}

function spawn(url: URL, modules: readonly string[]): Worker {
  if (url.pathname.endsWith('.ts')) {
    // A scenario's own modules register in the worker's registries before the simulation module exposes its API:
    // comlink answers as soon as that is loaded, and a task must not arrive before its ids are known.
    const registering = modules
      .map((module) => `.then(() => Promise.all([import(${JSON.stringify(USER_MODULE_URL.href)}), import(${JSON.stringify(module)})])).then(([{ registerModule }, exports]) => { registerModule(exports, ${JSON.stringify(module)}); })`)
      .join('');
    // Under tsx the worker must register the TypeScript loader before importing the module (TOOLCHAIN.md).
    // The loader is named by absolute URL: an eval worker resolves bare specifiers from the current directory, which
    // need not be the checkout (a cluster job, `npx hyperclimb` run from a results folder).
    const bootstrap = `import(${JSON.stringify(TSX_API_URL)}).then(({ register }) => { register(); })${registering}.then(() => import(${JSON.stringify(url.href)})).then(() => require('node:worker_threads').parentPort.postMessage(${JSON.stringify(READY)}))`;
    return new Worker(bootstrap, { eval: true });
  }
  const worker = new Worker(url);
  worker.once('online', () => worker.emit('message', READY));
  return worker;
}

/**
 * `workerUrl` is for tests: a module that fails to load, in place of the simulation worker. `modules` are the file
 * URLs of a scenario's own optimizers and landscapes, registered in every worker (TypeScript workers only).
 */
export function createPool(size: number, workerUrl: URL = WORKER_URL, modules: readonly string[] = []): SimPool {
  const slots: Slot[] = [];
  const started: Worker[] = [];
  const waiting: (() => void)[] = [];
  let closed = false;
  let startError: WorkerStartError | undefined;

  const makeSlot = (): Slot => {
    const worker = spawn(workerUrl, modules);
    started.push(worker);
    const slot: Slot = { worker, ready: false, api: Comlink.wrap<SimApi>(nodeEndpoint(worker)), busy: false, dead: false };
    worker.on('message', (message) => {
      if (message === READY) slot.ready = true;
    });
    const onFailure = (error: Error) => {
      if (slot.dead) return;
      slot.dead = true;
      if (!slot.ready && !closed) {
        startError ??= new WorkerStartError(error);
        slot.fail?.(startError);
        slot.fail = undefined;
        for (const wake of waiting.splice(0)) wake();
        return;
      }
      slot.fail?.(error);
      slot.fail = undefined;
      if (closed) return;
      const replacement = makeSlot();
      slots[slots.indexOf(slot)] = replacement;
      waiting.shift()?.();
    };
    // 'error' travels on Node's internal port and READY on the public one, so under load a worker that loaded and
    // then crashed can report its error before its READY arrives, and look like a start failure. Node drains both
    // ports before 'exit', which always follows 'error': by then `ready` is known.
    worker.on('error', (error) => {
      slot.error ??= error;
    });
    // After close, a task still running is failed rather than left pending forever.
    worker.on('exit', (code) => onFailure(slot.error ?? new Error(`simulation worker exited with code ${code}`)));
    return slot;
  };
  for (let i = 0; i < size; i++) slots.push(makeSlot());

  const acquire = async (): Promise<Slot> => {
    for (;;) {
      if (startError) throw startError;
      const free = slots.find((slot) => !slot.busy);
      if (free) {
        free.busy = true;
        return free;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };

  /** `work` on a free worker; a worker that dies meanwhile rejects it. */
  const onFreeWorker = async <R>(work: (api: Comlink.Remote<SimApi>) => Promise<R>): Promise<R> => {
    const slot = await acquire();
    try {
      return await new Promise<R>((resolve, reject) => {
        slot.fail = reject;
        work(slot.api).then(resolve, reject);
      });
    } finally {
      slot.fail = undefined;
      slot.busy = false;
      waiting.shift()?.();
    }
  };

  return {
    size,
    run: (task) => onFreeWorker((api) => api.runReplicate(task) as Promise<RacerOutcome[]>),
    analyzeRange: (...args) => onFreeWorker((api) => api.analyzeRange(...args) as Promise<RangeValues>),
    async close() {
      closed = true;
      for (const slot of slots) slot.api[Comlink.releaseProxy]();
      await Promise.all(started.map((worker) => worker.terminate()));
    },
  };
}

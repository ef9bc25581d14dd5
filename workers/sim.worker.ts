/**
 * The simulation worker: exposes the simulation API with comlink. In a browser it is a module Web Worker; under
 * Node it is a worker_threads worker reached through comlink's node adapter. Same module, same numbers. Typed
 * arrays in results are transferred, not copied.
 */
import './browser-jitless.ts';
import * as Comlink from 'comlink';
import { loadScenario } from './page-load.ts';
import { PageSession } from './page-session.ts';
import type { FeedAnswer, FeedRequest, FetchedFeed, RaceProtocol } from './protocol.ts';
import { simApi } from './sim-api.ts';

/** The buffers of every typed array inside a result, for transfer. */
function buffersOf(value: unknown, found = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
  } else if (value && typeof value === 'object') {
    for (const child of Object.values(value)) buffersOf(child, found);
  }
  return [...found];
}

function transferring<F extends (...args: never[]) => unknown>(fn: F): F {
  return ((...args: Parameters<F>) => {
    const result = fn(...args);
    return Comlink.transfer(result, buffersOf(result));
  }) as F;
}

/** This worker's live race (a page has one worker, and the worker one race at a time). */
const race = new PageSession();

/** Fetch answers carry their compute time (FeedAnswer); the other messages are the protocol's as they are. */
const raceApi: Omit<RaceProtocol, 'fetch'> & { fetch<F extends FetchedFeed>(feed: F, request: FeedRequest<F>): FeedAnswer<F> } = {
  open: (specs, cell) => race.open(specs, cell),
  advance: transferring((evaluations: number) => race.advance(evaluations)),
  fetch: transferring(<F extends FetchedFeed>(feed: F, request: FeedRequest<F>): FeedAnswer<F> => {
    const started = performance.now();
    const data = race.fetch(feed, request);
    return { data, computeMs: performance.now() - started };
  }),
  configure: (feed, settings) => race.configure(feed, settings),
  savedNetwork: (racer, origin) => race.savedNetwork(racer, origin),
};

export const workerApi = {
  ...simApi,
  load: loadScenario,
  ...raceApi,
};

export type WorkerApi = typeof workerApi;

const isBrowserWorker = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';

if (isBrowserWorker) {
  Comlink.expose(workerApi);
} else {
  // Specifiers held in variables keep browser bundlers from resolving Node-only modules.
  const threadsModule = 'node:worker_threads';
  const adapterModule = 'comlink/dist/esm/node-adapter.mjs';
  const { parentPort } = (await import(/* @vite-ignore */ threadsModule)) as typeof import('node:worker_threads');
  const { default: nodeEndpoint } = (await import(/* @vite-ignore */ adapterModule)) as typeof import('comlink/dist/esm/node-adapter.mjs');
  if (parentPort) Comlink.expose(workerApi, nodeEndpoint(parentPort));
}

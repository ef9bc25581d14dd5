/**
 * The simulation worker: exposes the simulation API with comlink. In a browser it is a module Web Worker; under
 * Node it is a worker_threads worker reached through comlink's node adapter. Same module, same numbers. Typed
 * arrays in results are transferred, not copied.
 */
import './browser-jitless.ts';
import * as Comlink from 'comlink';
import { loadScenario } from './page-load.ts';
import { pageApi } from './page-session.ts';
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

export const workerApi = {
  ...simApi,
  load: loadScenario,
  open: pageApi.open,
  setPlane: pageApi.setPlane,
  advance: transferring(pageApi.advance),
  slice: transferring(pageApi.slice),
  hypercube: transferring(pageApi.hypercube),
  decision: transferring(pageApi.decision),
  savedNetwork: pageApi.savedNetwork,
  eye: transferring(pageApi.eye),
  interpolation: transferring(pageApi.interpolation),
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

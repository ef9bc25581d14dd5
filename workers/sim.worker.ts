/**
 * The simulation worker: exposes `simApi` with comlink. In a browser it is a module Web Worker; under Node it is a
 * worker_threads worker reached through comlink's node adapter. Same module, same numbers.
 */
import * as Comlink from 'comlink';
import { simApi } from './sim-api.ts';

const isBrowserWorker = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';

if (isBrowserWorker) {
  Comlink.expose(simApi);
} else {
  // Specifiers held in variables keep browser bundlers from resolving Node-only modules.
  const threadsModule = 'node:worker_threads';
  const adapterModule = 'comlink/dist/esm/node-adapter.mjs';
  const { parentPort } = (await import(/* @vite-ignore */ threadsModule)) as typeof import('node:worker_threads');
  const { default: nodeEndpoint } = (await import(/* @vite-ignore */ adapterModule)) as typeof import('comlink/dist/esm/node-adapter.mjs');
  if (!parentPort) throw new Error('sim.worker must run as a worker thread');
  Comlink.expose(simApi, nodeEndpoint(parentPort));
}

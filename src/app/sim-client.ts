/**
 * The page's connection to its simulation worker (workers/sim.worker.ts through comlink). A worker that dies is
 * replaced on the next call, and its error reaches the caller as an ordinary rejected promise.
 */
import * as Comlink from 'comlink';
import type { FeedAnswer, FeedRequest, FeedSettings, FetchedFeed, SetFeed } from '../../workers/protocol.ts';
import type { WorkerApi } from '../../workers/sim.worker.ts';

export type SimWorker = Comlink.Remote<WorkerApi>;

export class SimClient {
  private worker?: Worker;
  private remote?: SimWorker;
  private crashed?: (error: Error) => void;

  /** Called when the worker itself fails (not a single call): the page should reload its race. */
  onCrash?: (error: Error) => void;

  /** The worker's API, starting a worker if none is running. */
  get api(): SimWorker {
    if (!this.remote) {
      this.worker = new Worker(new URL('../../workers/sim.worker.ts', import.meta.url), { type: 'module', name: 'hyperclimb-sim' });
      this.worker.addEventListener('error', (event) => this.fail(new Error(event.message || 'the simulation worker failed')));
      this.remote = Comlink.wrap<WorkerApi>(this.worker);
    }
    return this.remote;
  }

  /** A feed's answer for the race the worker holds (comlink's remote type forgets the protocol's generic; this keeps it). */
  fetch<F extends FetchedFeed>(feed: F, request: FeedRequest<F>): Promise<FeedAnswer<F>> {
    return this.api.fetch(feed, request as never) as Promise<FeedAnswer<F>>;
  }

  /** Changes a feed's settings in the worker (typed like `fetch`). */
  configure<F extends SetFeed>(feed: F, settings: FeedSettings<F>): Promise<void> {
    return this.api.configure(feed, settings as never);
  }

  private fail(error: Error): void {
    this.terminate();
    this.crashed?.(error);
    this.onCrash?.(error);
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.remote = undefined;
  }
}

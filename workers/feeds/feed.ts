/**
 * What a feed is: the worker's side of one view's data. A feed says whether a race can serve its view, keeps its
 * own record of the race (made when the race opens), may add its part to each racer's frame, and may answer a
 * view's requests. The page session (../page-session.ts) calls them; it holds no view's state itself.
 */
import type { Landscape } from '../../src/core/landscapes/landscape.ts';
import { optimizerDef } from '../../src/core/optimizers/registry.ts';
import type { Run } from '../../src/core/run/run.ts';
import type { Session } from '../../src/core/run/session.ts';
import type { RunSpec } from '../../src/core/run/spec.ts';
import type { FeedData, FeedId, FeedRequest, FeedSettings, FeedTypes, FetchedFeed, RacerFrame, SetFeed } from '../protocol.ts';

/** Most individuals per racer drawn in the slice and hypercube views. */
export const MAX_DRAWN = 20_000;

/** The live race a feed reads: the runs, and replicate 1's landscape instance (the one every view shows). */
export interface LiveRace {
  readonly session: Session;
  readonly landscape: Landscape;
}

type Fetch<F extends FeedId, State> = F extends FetchedFeed ? { fetch(state: State, race: LiveRace, request: FeedRequest<F>): FeedData<F> } : { fetch?: never };
type Configure<F extends FeedId, State> = F extends SetFeed ? { configure(state: State, race: LiveRace, settings: FeedSettings<F>): void } : { configure?: never };

export type Feed<F extends FeedId, State = unknown> = {
  readonly id: F;
  /**
   * How the page measures replicate r's racer (Session's `adapt`), for feeds whose data is a measure the run
   * records; measures are uncharged, so every other number of the race is unchanged.
   */
  measure?(spec: RunSpec, replicate: number, landscape: Landscape): RunSpec;
  /** Whether this race can serve the feed's view, or why not; a feed that cannot is not opened. */
  available(race: LiveRace): true | string;
  /** The feed's record of a race that has just opened. */
  open(race: LiveRace): State;
  /** After each generation of replicate 1's racer k, for a record that must not miss a generation. */
  afterGeneration?(state: State, race: LiveRace, k: number, run: Run): void;
  /** Adds the feed's part to racer k's frame (replicate 1). */
  frame?(state: State, race: LiveRace, k: number, out: RacerFrame): void;
} & Fetch<F, State> &
  Configure<F, State>;

/** A feed whose state type is forgotten, as the registry holds them. */
export type AnyFeed = { [F in keyof FeedTypes]: Feed<F, any> }[keyof FeedTypes];

/** Racer k's current points in replicate 1, at most MAX_DRAWN of them. */
export function drawnPoints(race: LiveRace, k: number): { genes: Float64Array | Uint8Array; count: number } {
  const { genes, count } = race.session.runs[0][k].points();
  return { genes, count: Math.min(count, MAX_DRAWN) };
}

/** The racer the decision and interpolation views show first: the first gradient racer, else the first. */
export function firstGradientRacer(race: LiveRace): number {
  return Math.max(0, race.session.runs[0].findIndex((run) => optimizerDef(run.spec.optimizer.id)!.needsGradient));
}

/** Replicate 1's run of racer k, or an error naming the racer. */
export function racerRun(race: LiveRace, k: number): Run {
  const run = race.session.runs[0][k];
  if (!run) throw new Error(`there is no racer ${k + 1}`);
  return run;
}

/**
 * The page's side of the simulation, run inside the worker: one live race at a time, the frame every view draws
 * from, and the feeds (feeds/) that keep and serve each view's own data, so the main thread only draws. Plain
 * methods over plain data; sim.worker.ts exposes one PageSession with comlink, tests use their own in-process.
 */
import { optimizerDef } from '../src/core/optimizers/registry.ts';
import { stabilityLimit } from '../src/core/metrics/sharpness.ts';
import { optimizerParams, problemOf } from '../src/core/run/instance.ts';
import { Session } from '../src/core/run/session.ts';
import type { Run } from '../src/core/run/run.ts';
import type { RunSpec } from '../src/core/run/spec.ts';
import { sharpnessCadence } from './feeds/sharpness.ts';
import { network } from './feeds/decision.ts';
import { racerRun, type AnyFeed, type LiveRace } from './feeds/feed.ts';
import { type SavedNetwork, savedNetworkOf } from '../src/core/nets/saved-network.ts';
import { feeds } from './feeds/registry.ts';
import type { FeedData, FeedId, FeedRequest, FeedSettings, FetchedFeed, Frame, RacedCell, RaceInfo, RaceProtocol, RacerFrame, SetFeed } from './protocol.ts';
import { raceMemoryProblem } from './race-memory.ts';

const FEEDS = Object.values(feeds) as AnyFeed[];

/** A race and what its feeds keep of it. */
interface OpenRace extends LiveRace {
  /** Improvements of each racer already sent in a frame's trace. */
  traceSent: number[];
  /**
   * With `measure.flops`, per racer of replicate 1: the flops at each improvement not yet sent (NaN: not counted),
   * noted after every generation, so the race can be drawn against flops at the same improvements.
   */
  improvementFlops?: { noted: number; unsent: number[] }[];
  /** Whether the frame that ended the race, with every replicate's trace, has been sent. */
  tracesSent: boolean;
  /** Why each feed cannot serve this race, or true. */
  reasons: Record<FeedId, true | string>;
  /** The records of the feeds that can. */
  states: Map<FeedId, unknown>;
}

export class PageSession implements RaceProtocol {
  private race?: OpenRace;

  open(specs: RunSpec[][], cell: RacedCell = { index: 0, params: {} }): RaceInfo {
    // Refused before anything is allocated: the previous race stays loaded.
    const tooLarge = raceMemoryProblem(specs);
    if (tooLarge) throw new Error(`This race cannot open: ${tooLarge.message}.`);
    const problem = problemOf(specs[0][0].landscape);
    const session = new Session(specs, (spec, replicate, landscape) => FEEDS.reduce((s, feed) => feed.measure?.(s, replicate, landscape) ?? s, spec));
    const landscape = session.landscapes[0];
    const live: LiveRace = { session, landscape };
    const reasons = Object.fromEntries(FEEDS.map((feed) => [feed.id, feed.available(live)])) as Record<FeedId, true | string>;
    const states = new Map<FeedId, unknown>();
    for (const feed of FEEDS) if (reasons[feed.id] === true) states.set(feed.id, feed.open(live));
    const improvementFlops = specs[0][0].measure?.flops ? session.runs[0].map((run) => ({ noted: run.improvements, unsent: Array<number>(run.improvements).fill(run.flops ?? NaN) })) : undefined;
    this.race = { ...live, traceSent: specs[0].map(() => 0), improvementFlops, tracesSent: false, reasons, states };
    const measured = sharpnessCadence(session.specs[0], landscape);
    return {
      space: problem.space,
      dim: landscape.dim,
      alleles: problem.alleles,
      lower: problem.lower,
      upper: problem.upper,
      reading: landscape.reading,
      optimumFitness: landscape.optimumFitness ?? null,
      replicates: specs.length,
      racers: specs[0].map((spec, k) => {
        const def = optimizerDef(spec.optimizer.id)!;
        const stability = def.needsGradient ? stabilityLimit(spec.optimizer.id, optimizerParams(def, problem, spec.optimizer)) : undefined;
        return { label: spec.optimizer.label, optimizer: spec.optimizer.id, needsGradient: def.needsGradient, stability: stability ?? null, sharpnessEvery: measured[k] };
      }),
      feeds: reasons,
      cell,
      traced: Boolean(specs[0][0].measure?.trace),
      flops: Boolean(specs[0][0].measure?.flops),
    };
  }

  advance(evaluations: number): Frame {
    const started = performance.now();
    const race = this.requireRace();
    const { session } = race;
    const open = FEEDS.filter((feed) => race.states.has(feed.id));
    const watching = open.filter((feed) => feed.afterGeneration);
    // A feed that records every generation (the eye's stages) sees replicate 1's; the frame sees where they ended.
    const { improvementFlops } = race;
    session.advance(
      evaluations,
      watching.length || improvementFlops
        ? (replicate, k, run) => {
            if (replicate !== 0) return;
            watching.forEach((feed) => feed.afterGeneration!(race.states.get(feed.id), race, k, run));
            if (improvementFlops) noteImprovementFlops(improvementFlops[k], run);
          }
        : undefined,
    );
    // Result-line traces are whole only once every run has ended (the budgets after an early end are filled then).
    const sendTraces = session.done && !race.tracesSent && Boolean(session.specs[0][0].measure?.trace);
    if (sendTraces) race.tracesSent = true;
    const racers = session.runs[0].map((run, k): RacerFrame => {
      const result = run.result();
      const trace = run.traceFrom(race.traceSent[k]);
      const fresh = trace.length / 2;
      const traceX = new Float64Array(fresh);
      const traceY = new Float64Array(fresh);
      for (let i = 0; i < fresh; i++) {
        traceX[i] = trace[2 * i];
        traceY[i] = trace[2 * i + 1];
      }
      race.traceSent[k] += fresh;
      const frame: RacerFrame = {
        label: run.spec.optimizer.label,
        evaluations: result.evaluations,
        gradientEvaluations: result.gradientEvaluations,
        bestFitness: result.bestFitness,
        endedAt: run.done ? result.endedAt : null,
        traceX,
        traceY,
        ...(improvementFlops && { flops: result.flops ?? null, traceFlops: Float64Array.from(improvementFlops[k].unsent.splice(0)) }),
        ...(sendTraces && { traces: session.runs.map((replicate) => replicate[k].result().traceRecord!) }),
      };
      for (const feed of open) feed.frame?.(race.states.get(feed.id), race, k, frame);
      return frame;
    });
    return { clock: session.clock, done: session.done, racers, outcomes: session.outcomes(), computeMs: performance.now() - started };
  }

  fetch<F extends FetchedFeed>(id: F, request: FeedRequest<F>): FeedData<F> {
    const race = this.requireRace();
    const feed = this.openFeed(race, id) as unknown as { fetch(state: unknown, race: LiveRace, request: FeedRequest<F>): FeedData<F> };
    return feed.fetch(race.states.get(id), race, request);
  }

  configure<F extends SetFeed>(id: F, settings: FeedSettings<F>): void {
    const race = this.requireRace();
    const feed = this.openFeed(race, id) as { configure(state: unknown, race: LiveRace, settings: FeedSettings<F>): void };
    feed.configure(race.states.get(id), race, settings);
  }

  savedNetwork(racer: number, origin: { fingerprint: string; seed: string | number; cell: number }): SavedNetwork {
    const race = this.requireRace();
    const landscape = network(race.landscape);
    if (!landscape) throw new Error('only an mlp network (no map in between) can be saved');
    const run = racerRun(race, racer);
    const result = run.result();
    return savedNetworkOf(landscape, run.bestGenes() as Float64Array, { ...origin, replicate: 0, racer: run.spec.optimizer.label, trainingLoss: -result.bestFitness, testLoss: result.testLoss });
  }

  private requireRace(): OpenRace {
    if (!this.race) throw new Error('no race is loaded');
    return this.race;
  }

  /** The feed, if this race can serve it; else its reason, as an error. */
  private openFeed(race: OpenRace, id: FeedId): AnyFeed {
    const reason = race.reasons[id];
    if (reason !== true) throw new Error(reason);
    return feeds[id];
  }
}

/** The flops now, at each improvement the generation just run added (the run's trace only grows). */
function noteImprovementFlops(record: { noted: number; unsent: number[] }, run: Run): void {
  if (run.improvements === record.noted) return;
  const flops = run.flops ?? NaN;
  for (; record.noted < run.improvements; record.noted++) record.unsent.push(flops);
}

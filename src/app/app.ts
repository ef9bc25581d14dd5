/**
 * The page's controller: one scenario text is the source of truth; it is validated here, turned into run specs for
 * the worker, and every frame the worker returns is handed to the views. The main thread never simulates, so the
 * page stays responsive whatever the race costs.
 */
import { formatSavedNetwork } from '../core/nets/saved-network.ts';
import { scenarioFingerprint } from '../scenario/results.ts';
import { openedFiles } from './data-files.ts';
import type { ScenarioIssue } from '../scenario/issues.ts';
import type { Scenario } from '../scenario/schema.ts';
import { liveSpecs } from '../../workers/live-race.ts';
import { cellAt } from '../scenario/cells.ts';
import type { FeedSettings, Frame, RaceInfo, SetFeed } from '../../workers/protocol.ts';
import type { View } from '../render/view.ts';
import { VIEW_IDS, type ViewId } from '../views/registry.ts';
import type { PageView, ViewFeed, ViewModule } from '../views/view-module.ts';
import { Refresher } from './refresher.ts';
import { SimClient } from './sim-client.ts';

/** A 'frames' feed is asked again at most this often while the race runs (latest wins), unless it says otherwise. */
export const FEED_INTERVAL_MS = 250;
/** Most of the worker's time a 'frames' feed may take from the race while it plays, unless it says otherwise. */
const FEED_SHARE = 0.1;

/**
 * The simulation's pace while playing: at most one worker frame per FRAME_MS, of `speed` evaluations per FRAME_MS
 * the worker could have been working but was not asked (at most CATCH_UP frames' worth at once). It runs on timers,
 * not on animation frames, so a view that is slow to draw (a WebGL canvas drawn in software) slows its own drawing,
 * never the race; time the worker spent on the last frame is not caught up, or a slow race would ask for ever
 * larger frames.
 */
const FRAME_MS = 1000 / 60;
const CATCH_UP = 60;

/** Whether a view can draw this race, or why not (views without a condition always can). */
export function viewAvailability(module: ViewModule, info: RaceInfo, scenario: Scenario): true | string {
  return module.applies?.(info, scenario) ?? true;
}

/** What views may ask of the page beyond the race: messages and downloads. */
export interface ViewServices {
  toast(message: string, kind?: 'info' | 'error'): void;
  download(name: string, data: string, type: string): void;
}

/** A view's feed and when it is next asked. */
interface FeedLink {
  readonly view: ViewId;
  readonly feed: ViewFeed;
  /** Whether the data no longer matches the race ('stale' feeds). */
  stale: boolean;
  /** Paces 'frames' and 'stale' feeds; 'opening' feeds are asked directly. */
  readonly refresher?: Refresher;
}

export interface AppEvents {
  /** The worker is opening a race of the scenario with `replicates` live replicates (seconds for a network). */
  onOpening?(scenario: Scenario, replicates: number): void;
  /** A new scenario (or cell or seed) is racing. */
  onRace?(info: RaceInfo, scenario: Scenario): void;
  onFrame?(frame: Frame): void;
  onPlaying?(playing: boolean): void;
  onError?(message: string): void;
}

export class App {
  /** Each view on this page: its drawer, options, feed and race hook (src/views/<id>.ts). */
  readonly pageViews: Record<ViewId, PageView>;
  /** Each view's drawer. */
  readonly views: Record<ViewId, View>;
  readonly sim = new SimClient();
  text = '';
  file = 'scenario.yaml';
  scenario?: Scenario;
  /** Cells of the scenario's sweep (1 without one). */
  cells = 1;
  cell = 0;
  seed?: string | number;
  info?: RaceInfo;
  frame?: Frame;
  playing = false;
  /** Evaluations each racer may spend per FRAME_MS of playing. */
  speed = 50;
  shown: boolean[] = [];
  frames = 0;
  /** The view in front: only its feed is asked while the race runs (beside 'opening' feeds). */
  front?: ViewId;
  /** Evaluations per racer at which playing pauses (a lesson's "run until"); undefined: play on. */
  private stopAt?: number;
  private inFlight = false;
  /** Feed fetches and settings sent to the worker and not yet answered. */
  private requests = 0;
  private raceId = 0;
  /**
   * Whether the worker is opening a race: a feed asked now would reach the new race with the old race's request (the
   * eye of a race that has no eye any more), so none is asked until the race is open.
   */
  private opening = false;
  /** Whether the next race to start is a new scenario's (views then forget the reader's choices of the last). */
  private freshScenario = false;
  /** When the last frame was asked for while playing, and the timer of the next one. */
  private askedAt = 0;
  private nextFrame?: ReturnType<typeof setTimeout>;
  /** How long the worker worked on the last frame asked for while playing, ms. */
  private lastTrip = 0;
  private readonly feeds: FeedLink[] = [];

  constructor(
    readonly modules: Record<ViewId, ViewModule>,
    services: ViewServices,
    private readonly events: AppEvents = {},
  ) {
    const raceNow = () => this.info;
    this.pageViews = Object.fromEntries(
      VIEW_IDS.map((id) => [
        id,
        modules[id].create({
          ...services,
          get race() {
            return raceNow();
          },
          refresh: () => this.refreshFeed(id),
          configure: (feed, settings) => this.configure(id, feed, settings),
          seed: () => this.activeSeed,
          file: () => this.file,
          savedNetwork: (racer) => this.savedNetwork(racer),
        }),
      ]),
    ) as Record<ViewId, PageView>;
    this.views = Object.fromEntries(VIEW_IDS.map((id) => [id, this.pageViews[id].drawer])) as Record<ViewId, View>;
    for (const id of VIEW_IDS) {
      const feed = this.pageViews[id].feed;
      if (!feed) continue;
      const link: FeedLink = {
        view: id,
        feed,
        stale: true,
        refresher:
          feed.cadence === 'opening'
            ? undefined
            : new Refresher(
                feed.cadence === 'frames' ? (feed.interval ?? FEED_INTERVAL_MS) : 0,
                () => this.front === id && this.info?.feeds[feed.id] === true && (feed.cadence === 'frames' || link.stale),
                () => this.fetchFeed(link),
                feed.cadence === 'frames' ? (feed.share ?? FEED_SHARE) : 1,
              ),
      };
      this.feeds.push(link);
    }
    this.sim.onCrash = (error) => {
      this.events.onError?.(`The simulation stopped (${error.message}); it has been restarted.`);
      void this.startRace();
    };
  }

  async mount(hosts: Record<ViewId, HTMLElement>): Promise<void> {
    await Promise.all(VIEW_IDS.map((id) => this.views[id].mount(hosts[id])));
  }

  /** Racer `racer`'s best network so far (replicate 1), as the JSON text of a saved network. */
  async savedNetwork(racer: number): Promise<string> {
    if (!this.scenario) throw new Error('no race');
    const seed = this.activeSeed;
    const fingerprint = scenarioFingerprint({ ...this.scenario, seed });
    return formatSavedNetwork(await this.sim.api.savedNetwork(racer, { fingerprint, seed, cell: this.cell }));
  }

  /** Problems with scenario text (empty when it is valid), found in the worker so that no text can freeze the page. */
  async check(text: string, file = this.file): Promise<ScenarioIssue[]> {
    const result = await this.sim.api.load(text, file, this.cell, openedFiles);
    return 'issues' in result ? result.issues : [];
  }

  /** Loads scenario text; returns its problems (and keeps the current race) if it is not valid or too large to race here. */
  async load(text: string, options: { file?: string; cell?: number; seed?: string | number } = {}): Promise<ScenarioIssue[]> {
    const file = options.file ?? this.file;
    const result = await this.sim.api.load(text, file, options.cell ?? 0, openedFiles);
    if ('issues' in result) return result.issues;
    const { scenario } = result;
    this.text = text;
    this.file = file;
    this.scenario = scenario;
    this.cells = result.cells;
    this.cell = result.cell;
    this.seed = options.seed;
    this.shown = scenario.optimizers.map(() => true);
    this.freshScenario = true;
    this.speed = Math.max(1, Math.round(scenario.budget.evaluations / 300));
    await this.startRace();
    return [];
  }

  /** The seed in force: the reader's, or the scenario's. */
  get activeSeed(): string | number {
    return this.seed ?? this.scenario?.seed ?? 1;
  }

  /**
   * (Re)starts the race of the current scenario, cell and seed from its first evaluation. Returns false if the worker
   * refused to open it (too large for the page, say); the previous race then goes on.
   */
  async startRace(): Promise<boolean> {
    if (!this.scenario) return false;
    const id = ++this.raceId;
    const specs = liveSpecs(this.scenario, this.cell, this.activeSeed);
    this.inFlight = true;
    this.opening = true;
    this.events.onOpening?.(this.scenario, specs.length);
    let opened = false;
    try {
      const info = await this.sim.api.open(specs, { index: this.cell, params: cellAt(this.scenario, this.cell).params }).finally(() => id === this.raceId && (this.opening = false));
      opened = true;
      if (id !== this.raceId) return true;
      this.info = info;
      // The last frame belongs to the previous race (other racers, maybe more): a redraw must not feed it to views
      // that were just reset for this one.
      this.frame = undefined;
      this.frames = 0;
      const fresh = this.freshScenario;
      this.freshScenario = false;
      for (const id of VIEW_IDS) {
        this.views[id].reset(info);
        this.pageViews[id].race?.(info, this.scenario, fresh);
      }
      for (const link of this.feeds) link.stale = true;
      this.events.onRace?.(info, this.scenario);
      // Data that depends only on the landscape (the slice's heat map, the hypercube) is there before the first frame.
      for (const link of this.feeds) if (link.feed.cadence === 'opening') await this.fetchFeed(link);
      const frame = await this.sim.api.advance(0);
      if (id === this.raceId) this.show(frame);
    } catch (error) {
      this.fail(error);
    } finally {
      if (id === this.raceId) this.inFlight = false;
    }
    return opened;
  }

  /** Races another cell of the sweep; a cell the page cannot hold is refused with a message and the current one goes on. */
  async setCell(cell: number): Promise<void> {
    const previous = this.cell;
    this.cell = cell;
    this.play(false);
    if (!(await this.startRace())) this.cell = previous;
  }

  /**
   * Asks a feed for data and hands it to its view, only if the race it was asked for is still the one shown and can
   * still serve it (a new race may have started while the worker computed). Returns the worker's compute time.
   */
  private async fetchFeed(link: FeedLink): Promise<number | undefined> {
    const { feed } = link;
    if (this.opening || this.info?.feeds[feed.id] !== true) return;
    const id = this.raceId;
    link.stale = false;
    this.requests++;
    try {
      const { data, computeMs } = await this.sim.fetch(feed.id, feed.request());
      if (id === this.raceId && this.info?.feeds[feed.id] === true) feed.receive(data);
      return computeMs;
    } catch (error) {
      if (id === this.raceId) this.fail(error);
      return undefined;
    } finally {
      this.requests--;
    }
  }

  /** Nothing asked of the worker is unanswered, and no feed waits to ask: a paused page has nothing more coming. */
  get settled(): boolean {
    return !this.inFlight && !this.opening && this.requests === 0 && this.feeds.every((link) => !link.refresher?.pending);
  }

  /** A view asks for its feed again (a racer or setting changed, or Recompute). */
  private refreshFeed(view: ViewId): void {
    const link = this.feeds.find((l) => l.view === view);
    if (!link) return;
    link.stale = true;
    if (link.refresher) link.refresher.request();
    else void this.fetchFeed(link);
  }

  /** Asks every paced feed (each decides whether it is wanted now). */
  private requestFeeds(): void {
    for (const link of this.feeds) link.refresher?.request();
  }

  /** Changes a feed's settings (the slice's plane), then re-fetches the view's data and the frame, which follow them. */
  private async configure<F extends SetFeed>(view: ViewId, feed: F, settings: FeedSettings<F>): Promise<void> {
    if (this.info?.feeds[feed] !== true) return;
    this.requests++;
    try {
      await this.sim.configure(feed, settings);
      const link = this.feeds.find((l) => l.view === view);
      if (link) await this.fetchFeed(link);
      const frame = await this.sim.api.advance(0);
      this.show(frame);
    } catch (error) {
      this.fail(error);
    } finally {
      this.requests--;
    }
  }

  play(on = !this.playing): void {
    const was = this.playing;
    this.playing = on && !this.frame?.done;
    if (!this.playing) this.stopAt = undefined;
    if (!this.playing && was) {
      // The last surface or eye asked for comes now, so the view settles at once and then rests.
      for (const link of this.feeds) if (link.feed.cadence === 'frames') link.refresher!.hurry();
    }
    if (this.playing && !was) {
      // A start from rest is one frame's worth, not the whole pause's.
      this.askedAt = performance.now() - FRAME_MS;
      this.scheduleFrame();
    }
    this.events.onPlaying?.(this.playing);
  }

  /** Asks the worker for the next frame one FRAME_MS after the last was asked for (at once if that is past). */
  private scheduleFrame(): void {
    if (!this.playing || this.nextFrame !== undefined) return;
    this.nextFrame = setTimeout(() => {
      this.nextFrame = undefined;
      if (!this.playing) return;
      if (this.inFlight) {
        this.scheduleFrame();
        return;
      }
      const now = performance.now();
      const frames = Math.min(CATCH_UP, Math.max(1, (now - this.askedAt - this.lastTrip) / FRAME_MS));
      this.askedAt = now;
      void this.advance(Math.max(1, Math.round(frames * this.speed))).finally(() => {
        this.lastTrip = this.frame?.computeMs ?? 0;
        this.scheduleFrame();
      });
    }, Math.max(0, this.askedAt + FRAME_MS - performance.now()));
  }

  /**
   * Plays until each racer has spent `evaluations` (Infinity: until every run ends) and pauses there. A race already
   * past that point starts again, so a lesson step shows the same moment however the reader got to it.
   */
  async runUntil(evaluations: number): Promise<void> {
    if ((this.frame?.clock ?? 0) > evaluations) await this.reset();
    if ((this.frame?.clock ?? 0) >= evaluations) return;
    this.play(true);
    this.stopAt = evaluations;
  }

  /** One frame's worth of evaluations, while paused. */
  async step(): Promise<void> {
    this.play(false);
    await this.advance();
  }

  async reset(): Promise<void> {
    this.play(false);
    await this.startRace();
  }

  async newSeed(seed?: string | number): Promise<void> {
    const fresh = new Uint32Array(1);
    crypto.getRandomValues(fresh);
    this.seed = seed ?? fresh[0] % 1_000_000;
    await this.reset();
  }

  private async advance(evaluations = this.speed): Promise<void> {
    if (this.inFlight || !this.info) return;
    const id = this.raceId;
    this.inFlight = true;
    try {
      // Landing exactly on a lesson's stop keeps its numbers the same at any speed.
      const clock = this.frame?.clock ?? 0;
      const frame = await this.sim.api.advance(this.stopAt === undefined ? evaluations : Math.max(1, Math.min(evaluations, this.stopAt - clock)));
      if (id === this.raceId) this.show(frame);
    } catch (error) {
      this.fail(error);
    } finally {
      if (id === this.raceId) this.inFlight = false;
    }
  }

  private show(frame: Frame): void {
    // The runs just ended: 'stale' feeds (the interpolation curves) are wanted once more, between the final networks.
    if (frame.done && this.frame && !this.frame.done) for (const link of this.feeds) if (link.feed.cadence === 'stale') link.stale = true;
    this.frame = frame;
    this.frames++;
    for (const view of Object.values(this.views)) view.update(frame, this.shown);
    this.requestFeeds();
    this.events.onFrame?.(frame);
    if (this.playing && (frame.done || (this.stopAt !== undefined && frame.clock >= this.stopAt))) this.play(false);
  }

  redraw(): void {
    if (this.frame) for (const view of Object.values(this.views)) view.update(this.frame, this.shown);
    this.requestFeeds();
  }

  private fail(error: unknown): void {
    this.play(false);
    this.events.onError?.(error instanceof Error ? error.message : String(error));
  }
}

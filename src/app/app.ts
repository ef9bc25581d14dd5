/**
 * The page's controller: one scenario text is the source of truth; it is validated here, turned into run specs for
 * the worker, and every frame the worker returns is handed to the views. The main thread never simulates, so the
 * page stays responsive whatever the race costs.
 */
import type { ScenarioIssue } from '../scenario/issues.ts';
import type { Scenario } from '../scenario/schema.ts';
import { liveSpecs } from '../../workers/live-race.ts';
import type { Frame, PlaneMode, RaceInfo } from '../../workers/page-session.ts';
import { DecisionView } from '../render/decision-view.ts';
import { openedFiles } from './data-files.ts';
import { formatSavedNetwork } from '../core/nets/saved-network.ts';
import { scenarioFingerprint } from '../scenario/results.ts';
import { EyeView } from '../render/eye-view.ts';
import { HypercubeView } from '../render/hypercube-view.ts';
import { InterpolationView } from '../render/interpolation-view.ts';
import { OutcomesView } from '../render/outcomes-view.ts';
import { RaceView } from '../render/race-view.ts';
import { SharpnessView } from '../render/sharpness-view.ts';
import { SliceView } from '../render/slice-view.ts';
import type { View, ViewId } from '../render/view.ts';
import { Refresher } from './refresher.ts';
import { SimClient } from './sim-client.ts';

/** The decision surface and the eye are re-fetched at most this often while the race runs (latest wins). */
export const DECISION_INTERVAL_MS = 250;
/** Most of the worker's time the decision surface and the eye may take from the race while it plays. */
const VIEW_FETCH_SHARE = 0.1;
/** Grid cells per side of the decision surface. */
const DECISION_RESOLUTION = 96;
/** Values of t on the interpolation curves (ends included). */
const INTERPOLATION_POINTS = 41;

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
export function viewAvailability(info: RaceInfo, view: ViewId): true | string {
  switch (view) {
    case 'slice':
    case 'hypercube':
    case 'decision':
    case 'eye':
    case 'sharpness':
    case 'interpolation':
      return info[view];
    default:
      return true;
  }
}

export interface AppEvents {
  /** A new scenario (or cell or seed) is racing. */
  onRace?(info: RaceInfo, scenario: Scenario): void;
  onFrame?(frame: Frame): void;
  onPlaying?(playing: boolean): void;
  onError?(message: string): void;
}

export class App {
  readonly views: Record<ViewId, View> = {
    slice: new SliceView(),
    race: new RaceView(),
    hypercube: new HypercubeView(),
    outcomes: new OutcomesView(),
    decision: new DecisionView(),
    eye: new EyeView(),
    sharpness: new SharpnessView(),
    interpolation: new InterpolationView(),
  };
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
  planeMode: PlaneMode = 'random';
  frames = 0;
  /** The racer whose network the decision view draws. */
  decisionRacer = 0;
  /** The inputs on the decision view's horizontal and vertical axes (0-based). */
  decisionAxes: [number, number] = [0, 1];
  /** Decision surfaces received (for tests). */
  decisions = 0;
  /** The racer whose best eye the eye view draws. */
  eyeRacer = 0;
  /** Eyes received (for tests). */
  eyes = 0;
  /** The racer whose two replicates the interpolation view joins. */
  interpolationRacer = 0;
  /** Interpolation curves received (for tests). */
  interpolations = 0;
  /** Evaluations per racer at which playing pauses (a lesson's "run until"); undefined: play on. */
  private stopAt?: number;
  private inFlight = false;
  private raceId = 0;
  /** When the last frame was asked for while playing, and the timer of the next one. */
  private askedAt = 0;
  private nextFrame?: ReturnType<typeof setTimeout>;
  /** How long the worker worked on the last frame asked for while playing, ms. */
  private lastTrip = 0;
  private readonly decisionRefresher = new Refresher(
    DECISION_INTERVAL_MS,
    () => this.info?.decision === true && this.decisionView.visible,
    () => this.fetchDecision(),
    VIEW_FETCH_SHARE,
  );
  private readonly eyeRefresher = new Refresher(DECISION_INTERVAL_MS, () => this.info?.eye === true && this.eyeView.visible, () => this.fetchEye(), VIEW_FETCH_SHARE);
  /** Whether the interpolation curves no longer match the race (new race, racer, end of the runs, or asked). */
  private interpolationStale = true;
  private readonly interpolationRefresher = new Refresher(
    0,
    () => this.interpolationStale && this.info?.interpolation === true && this.interpolationView.visible,
    () => this.fetchInterpolation(),
  );

  constructor(private readonly events: AppEvents = {}) {
    this.sim.onCrash = (error) => {
      this.events.onError?.(`The simulation stopped (${error.message}); it has been restarted.`);
      void this.startRace();
    };
  }

  async mount(hosts: Record<ViewId, HTMLElement>): Promise<void> {
    await Promise.all((Object.keys(this.views) as ViewId[]).map((id) => this.views[id].mount(hosts[id])));
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
    this.decisionRacer = -1;
    this.decisionAxes = [0, 1];
    this.interpolationRacer = -1;
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
    let opened = false;
    try {
      const info = await this.sim.api.open(specs);
      opened = true;
      if (id !== this.raceId) return true;
      this.info = info;
      // The last frame belongs to the previous race (other racers, maybe more): a redraw must not feed it to views
      // that were just reset for this one.
      this.frame = undefined;
      this.frames = 0;
      // A new scenario starts on its first gradient racer (else the first); a re-run keeps the reader's choice.
      const firstGradient = Math.max(0, info.racers.findIndex((r) => r.needsGradient));
      if (this.decisionRacer < 0 || this.decisionRacer >= info.racers.length) this.decisionRacer = firstGradient;
      if (this.interpolationRacer < 0 || this.interpolationRacer >= info.racers.length) this.interpolationRacer = firstGradient;
      this.interpolationStale = true;
      if (this.eyeRacer >= info.racers.length) this.eyeRacer = 0;
      for (const view of Object.values(this.views)) view.reset(info);
      this.events.onRace?.(info, this.scenario);
      await this.refreshPlaneData();
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

  /** Re-fetches what depends on the landscape instance and the plane: the heat map and the hypercube. */
  async refreshPlaneData(): Promise<void> {
    if (!this.info) return;
    if (this.info.slice === true) (this.views.slice as SliceView).setSlice(await this.sim.api.slice(160));
    if (this.info.hypercube === true) (this.views.hypercube as HypercubeView).setCube(await this.sim.api.hypercube());
  }

  /** The decision view's racer's best network so far (replicate 1), as the JSON text of a saved network. */
  async savedNetwork(): Promise<string> {
    if (!this.scenario) throw new Error('no race');
    const seed = this.activeSeed;
    const fingerprint = scenarioFingerprint({ ...this.scenario, seed });
    return formatSavedNetwork(await this.sim.api.savedNetwork(Math.max(0, this.decisionRacer), { fingerprint, seed, cell: this.cell }));
  }

  /** Shows another racer's network in the decision view. */
  setDecisionRacer(racer: number): void {
    this.decisionRacer = racer;
    this.requestDecision();
  }

  private get decisionView(): DecisionView {
    return this.views.decision as DecisionView;
  }

  private get interpolationView(): InterpolationView {
    return this.views.interpolation as InterpolationView;
  }

  /** Asks for a fresh decision surface: at most every DECISION_INTERVAL_MS, and only while the view is in front. */
  requestDecision(): void {
    this.decisionRefresher.request();
  }

  /**
   * Fetches data a view pulls from the worker and hands it over only if the race it was asked for is still the one
   * shown and can still draw that view (a new race may have started while the worker computed). Returns whether it did.
   */
  private async fetchFor<T>(view: 'decision' | 'eye' | 'interpolation', call: () => Promise<T>, accept: (data: T) => void): Promise<boolean> {
    const id = this.raceId;
    try {
      const data = await call();
      if (id !== this.raceId || this.info?.[view] !== true) return false;
      accept(data);
      return true;
    } catch (error) {
      if (id === this.raceId) this.fail(error);
      return false;
    }
  }

  private async fetchDecision(): Promise<void> {
    const call = () => this.sim.api.decision(DECISION_RESOLUTION, this.decisionRacer, this.decisionAxes);
    if (await this.fetchFor('decision', call, (data) => this.decisionView.setDecision(data))) this.decisions++;
  }

  /** Shows another racer's eye in the eye view. */
  setEyeRacer(racer: number): void {
    this.eyeRacer = racer;
    this.requestEye();
  }

  private get eyeView(): EyeView {
    return this.views.eye as EyeView;
  }

  /** Asks for the current eye (throttled like the decision surface; only while the view is in front). */
  requestEye(): void {
    this.eyeRefresher.request();
  }

  private async fetchEye(): Promise<void> {
    if (await this.fetchFor('eye', () => this.sim.api.eye(this.eyeRacer), (data) => this.eyeView.setEye(data))) this.eyes++;
  }

  /** Joins another racer's two replicates in the interpolation view. */
  setInterpolationRacer(racer: number): void {
    this.interpolationRacer = racer;
    this.refreshInterpolation();
  }

  /**
   * Recomputes the interpolation curves from the networks as they are now (when the view is in front, else when it
   * is next shown). They are also recomputed when a race starts and when its runs end, never every frame.
   */
  refreshInterpolation(): void {
    this.interpolationStale = true;
    this.interpolationRefresher.request();
  }

  private async fetchInterpolation(): Promise<void> {
    this.interpolationStale = false;
    const call = () => this.sim.api.interpolation(INTERPOLATION_POINTS, this.interpolationRacer);
    if (await this.fetchFor('interpolation', call, (data) => this.interpolationView.setInterpolation(data))) this.interpolations++;
  }

  async setPlane(mode: PlaneMode, coordinates?: [number, number]): Promise<void> {
    this.planeMode = mode;
    if (this.info?.slice !== true) return;
    try {
      await this.sim.api.setPlane(mode, coordinates);
      await this.refreshPlaneData();
      const frame = await this.sim.api.advance(0);
      this.show(frame);
    } catch (error) {
      this.fail(error);
    }
  }

  play(on = !this.playing): void {
    const was = this.playing;
    this.playing = on && !this.frame?.done;
    if (!this.playing) this.stopAt = undefined;
    if (!this.playing && was) {
      // The last surface or eye asked for comes now, so the view settles at once and then rests.
      this.decisionRefresher.hurry();
      this.eyeRefresher.hurry();
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
    // The runs just ended: the interpolation curves are wanted once more, between the final networks.
    if (frame.done && this.frame && !this.frame.done) this.interpolationStale = true;
    this.frame = frame;
    this.frames++;
    for (const view of Object.values(this.views)) view.update(frame, this.shown);
    this.requestDecision();
    this.requestEye();
    this.interpolationRefresher.request();
    this.events.onFrame?.(frame);
    if (this.playing && (frame.done || (this.stopAt !== undefined && frame.clock >= this.stopAt))) this.play(false);
  }

  redraw(): void {
    if (this.frame) for (const view of Object.values(this.views)) view.update(this.frame, this.shown);
    this.requestDecision();
    this.requestEye();
    this.interpolationRefresher.request();
  }

  private fail(error: unknown): void {
    this.play(false);
    this.events.onError?.(error instanceof Error ? error.message : String(error));
  }
}

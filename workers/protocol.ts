/**
 * What the page and its simulation worker say to each other: the race's description, the frames it sends while
 * the race runs, and the feeds (data a view asks for on its own: the slice's heat map, the decision surface…). The
 * worker implements it (page-session.ts, feeds/); app and render import only these types, never the worker.
 */
import type { CrossSection } from '../src/core/eye/cross-section.ts';
import type { StabilityLimit } from '../src/core/metrics/sharpness.ts';
import type { Outcome } from '../src/core/run/session.ts';
import type { EndedAt, RunSpec } from '../src/core/run/spec.ts';
import type { SavedNetwork } from '../src/core/nets/saved-network.ts';
import type { RunTrace } from '../src/core/run/trace.ts';

export type PlaneMode = 'coordinates' | 'random' | 'pca' | 'three-points';

export interface RaceInfo {
  space: 'continuous' | 'discrete';
  dim: number;
  alleles: number;
  lower: number;
  upper: number;
  reading: 'fitness' | 'loss';
  optimumFitness: number | null;
  replicates: number;
  racers: {
    label: string;
    optimizer: string;
    needsGradient: boolean;
    /** The sharpness at which the racer's step diverges on a quadratic (2/η for gradient descent), if it has one. */
    stability: StabilityLimit | null;
    /** Generations between the sharpness points of this racer (replicate 1), or null when it is not measured. */
    sharpnessEvery: number | null;
  }[];
  /** Whether each feed can serve this race, or why not (the reason its view cannot draw here). */
  feeds: Record<FeedId, true | string>;
  /** The sweep cell raced and its sweep values (cell 0 and none without a sweep): the trace export's first columns. */
  cell: RacedCell;
  /** `measure.trace`: the last frame carries every replicate's result-line trace (RacerFrame.traces). */
  traced: boolean;
  /** `measure.flops`: frames carry each racer's flops so far (RacerFrame.flops). */
  flops: boolean;
}

export interface RacedCell {
  index: number;
  params: Record<string, unknown>;
}

export interface RacerFrame {
  label: string;
  evaluations: number;
  gradientEvaluations: number;
  bestFitness: number;
  endedAt: EndedAt | null;
  /** New improvements since the last frame: evaluations and best fitness, pairwise. */
  traceX: Float64Array;
  traceY: Float64Array;
  /** With `measure.flops`: the flops replicate 1 of this racer has spent so far (null where they are not counted). */
  flops?: number | null;
  /** With `measure.flops`: the flops spent at each of traceX's improvements (NaN where not counted). */
  traceFlops?: Float64Array;
  /**
   * With `measure.trace`, in the frame that ends the race only: each live replicate's trace as its result line would
   * carry it (bounded, core/run/trace.ts), so the page exports what `hyperclimb export --format csv` writes.
   */
  traces?: RunTrace[];
  /** Slice feed: plane coordinates (x, y pairs) of the racer's points, their distances from the plane, and its path. */
  points?: Float32Array;
  distances?: Float32Array;
  path?: Float32Array;
  /** Hypercube feed: genotype indices of the racer's points. */
  genotypes?: Int32Array;
  /** Sharpness feed: new [evaluations, sharpness] pairs since the last frame, flattened (racers with a trace). */
  sharpness?: Float64Array;
}

export interface Frame {
  clock: number;
  done: boolean;
  /** Milliseconds the worker spent making this frame (the page paces its requests by it). */
  computeMs: number;
  racers: RacerFrame[];
  outcomes: Record<Outcome, number>[];
}

export interface SliceData {
  values: Float32Array;
  resolution: number;
  extent: number;
  min: number;
  max: number;
  mode: PlaneMode;
  /** Axis labels, e.g. ['x₃', 'x₇'] or ['u (random)', 'v (random)']. */
  axes: [string, string];
}

/** The plane the slice feed projects onto: through the current best point, chosen by `mode`. */
export interface PlaneSettings {
  mode: PlaneMode;
  /** The two coordinates (0-based) of a 'coordinates' plane. */
  coordinates?: [number, number];
}

export interface HypercubeData {
  dim: number;
  fitness: Float64Array;
  localOptimum: Uint8Array;
  accessible: Uint8Array;
  globalOptimum: number;
}

/** The decision view: a racer's network over the input plane, and the data set it is trained on. */
export interface DecisionData {
  /** The racer whose best weights so far are drawn, and what it has spent. */
  racer: number;
  label: string;
  evaluations: number;
  /** Training loss of those weights (the racer's best so far). */
  loss: number;
  resolution: number;
  /** The square drawn, [xMin, xMax, yMin, yMax]: the data's bounding box with a margin. */
  extent: [number, number, number, number];
  /**
   * The network's prediction on a resolution × resolution grid of cell centres, row-major, top row (largest y)
   * first: the output itself (mse) or 2σ(z) − 1 = P(+1) − P(−1) (cross-entropy), so both read on the targets' scale.
   */
  values: Float32Array;
  /** Half the colour range: values and targets are drawn from −scale (one colour) to +scale (the other). */
  scale: number;
  /** What `values` are, for the legend. */
  meaning: string;
  /** Every row of the data set (x, y pairs) and its target; rows [0, train) are training rows, the rest test rows. */
  points: Float32Array;
  targets: Float32Array;
  train: number;
  /** Every input's name (a CSV's columns, else x1, x2, …), the two on the horizontal and vertical axes, and what the others are held at, if there are others. */
  inputs: string[];
  axes: [string, string];
  held?: string;
  /** The saved network every racer started from, when the start is one rather than a random initialisation. */
  startedFrom?: string;
}

/** The eye view: a racer's best eye so far (phenotype traits, after any map), drawn in cross-section, and every racer's stages. */
export interface EyeData {
  racer: number;
  label: string;
  evaluations: number;
  /** Traits of that racer's best genotype as the eye reads them (after the map, within [0, 1]): x₀ invagination, x₁ constriction, x₂ lens. */
  traits: [number, number, number];
  /** Its acuity (cycles per radian) and the best the optics allow. */
  acuity: number;
  bestAcuity: number | null;
  section: CrossSection;
  /** Per racer: the stage (index into EYE_STAGES) of its best eye now, and the evaluations by which it first reached each stage or a later one (null: not yet). */
  racers: { label: string; stage: number; evaluations: number; reached: (number | null)[] }[];
}

/**
 * The interpolation view: the training loss of replicate 1's data set on the straight segment from racer `racer`'s
 * best network of replicate 1 (t = 0) to its best network of replicate 2 (t = 1), as trained and after weight
 * matching has reordered the hidden units of the second to match the first (same function, other point).
 */
export interface InterpolationData {
  racer: number;
  label: string;
  /** Evaluations each end had spent, and whether its run has ended. */
  evaluations: [number, number];
  done: boolean;
  t: Float64Array;
  before: Float64Array;
  after: Float64Array;
  /** The loss barrier (mode-connectivity.ts) of each curve, and the t where it is reached. */
  barrierBefore: number;
  barrierAtBefore: number;
  barrierAfter: number;
  barrierAtAfter: number;
  /** The second end's training loss on its own data set (replicate 2's), for comparison with its loss at t = 1. */
  ownLossB: number;
  /** Hidden units that weight matching moved (reordered or, for tanh, negated), of all hidden units. */
  moved: number;
  units: number;
}

/**
 * Every feed: what a view may ask it (`request`), what it answers (`data`) and how it is set (`settings`). A feed
 * without `data` only adds its part to each racer's frame (the sharpness points). The worker's feeds/registry.ts
 * implements each entry; adding a feed is one entry here and one there.
 */
export interface FeedTypes {
  slice: { request: { resolution: number }; data: SliceData; settings: PlaneSettings };
  hypercube: { request: Record<string, never>; data: HypercubeData };
  /** `axes`: the inputs (0-based) on the horizontal and vertical axes, [0, 1] if left out. */
  decision: { request: { resolution: number; racer?: number; axes?: [number, number] }; data: DecisionData };
  eye: { request: { racer?: number }; data: EyeData };
  sharpness: Record<string, never>;
  interpolation: { request: { points: number; racer?: number }; data: InterpolationData };
}

export type FeedId = keyof FeedTypes;
/** Feeds a view can ask for data. */
export type FetchedFeed = { [F in FeedId]: FeedTypes[F] extends { data: unknown } ? F : never }[FeedId];
/** Feeds that take settings. */
export type SetFeed = { [F in FeedId]: FeedTypes[F] extends { settings: unknown } ? F : never }[FeedId];
export type FeedRequest<F extends FetchedFeed> = FeedTypes[F] extends { request: infer R } ? R : never;
export type FeedData<F extends FetchedFeed> = FeedTypes[F] extends { data: infer D } ? D : never;
export type FeedSettings<F extends SetFeed> = FeedTypes[F] extends { settings: infer S } ? S : never;

/**
 * A feed's answer as it reaches the page: the data, and the milliseconds the worker spent computing it. The page
 * paces costly feeds by it, as it paces frames by theirs; the round trip would also count the frames queued ahead.
 */
export interface FeedAnswer<F extends FetchedFeed> {
  data: FeedData<F>;
  computeMs: number;
}

/** The live race's messages: the worker answers each (sim.worker.ts exposes them with comlink). */
export interface RaceProtocol {
  /** Starts a race: `specs[r][k]` is racer k of replicate r; `cell` is the sweep cell they are of. */
  open(specs: RunSpec[][], cell?: RacedCell): RaceInfo;
  /** Lets every racer spend `evaluations` more and returns the frame every view draws from. */
  advance(evaluations: number): Frame;
  /** A feed's data for this race now; throws the feed's reason where the race cannot serve it. */
  fetch<F extends FetchedFeed>(feed: F, request: FeedRequest<F>): FeedData<F>;
  /** Changes a feed's settings (the slice's plane); the next frame follows them. */
  configure<F extends SetFeed>(feed: F, settings: FeedSettings<F>): void;
  /** Racer `racer`'s best network of replicate 1 so far, as a saved network (`origin` names the run it is from). */
  savedNetwork(racer: number, origin: { fingerprint: string; seed: string | number; cell: number }): SavedNetwork;
}

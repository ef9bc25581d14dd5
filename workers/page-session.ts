/**
 * The page's side of the simulation, run inside the worker: one live race (a Session), the plane the slice view
 * shows, and the data each view draws, computed here so the main thread only draws. Plain functions over plain
 * data; sim.worker.ts exposes them with comlink.
 */
import { crossSection, type CrossSection } from '../src/core/eye/cross-section.ts';
import { foldTrait } from '../src/core/eye/optics.ts';
import { EYE_STAGES, eyeStageIndex } from '../src/core/eye/stage.ts';
import type { EyeLandscape } from '../src/core/landscapes/eye.ts';
import type { ContinuousLandscape, DiscreteLandscape, Landscape } from '../src/core/landscapes/landscape.ts';
import type { MlpLandscape } from '../src/core/landscapes/mlp.ts';
import { type SavedNetwork, savedNetworkOf } from '../src/core/nets/saved-network.ts';
import { genotypeIndex, hypercube, HYPERCUBE_MAX_DIM } from '../src/core/metrics/hypercube.ts';
import { interpolationCurve } from '../src/core/metrics/mode-connectivity.ts';
import { coordinatePlane, principalPlane, projectPoints, randomPlane, sampleSlice, threePointPlane, type Plane } from '../src/core/metrics/projection.ts';
import { SHARPNESS_STEPS, stabilityLimit, type StabilityLimit } from '../src/core/metrics/sharpness.ts';
import { weightMatching } from '../src/core/nets/permutation.ts';
import { optimizerDef } from '../src/core/optimizers/registry.ts';
import { Rng } from '../src/core/rng.ts';
import { landscapeBytes, mapBytes, optimizerBytes, optimizerParams, problemOf } from '../src/core/run/instance.ts';
import { formatBytes } from '../src/core/run/limits.ts';
import type { Run } from '../src/core/run/run.ts';
import { Session, type Outcome } from '../src/core/run/session.ts';
import type { EndedAt, RunSpec } from '../src/core/run/spec.ts';

/** Points kept per racer trajectory; older ones are thinned, so memory stays fixed however long a run goes. */
const TRAJECTORY_POINTS = 256;
/** Most individuals per racer drawn in the slice and hypercube views. */
const MAX_DRAWN = 20_000;
/** Sharpness points per racer the page aims at when the scenario sets no `measure.sharpnessEvery`. */
const SHARPNESS_POINTS = 150;
/**
 * Without a scenario cadence, the observer's Lanczos may cost at most this share of the gradients a racer computes
 * itself, so measuring never slows a frame by more than a third, whatever the speed.
 */
const SHARPNESS_SHARE = 1 / 3;

/**
 * Memory the live race may take in the page's worker: every live replicate's runs and the views' buffers. A browser
 * tab that asks for more fails to allocate ("Array buffer allocation failed") and is left with an empty page.
 */
export const PAGE_RACE_MEMORY_LIMIT = 1024 ** 3;

/** What a live race would allocate, by the per-run estimates the command line checks, plus the page's own buffers. */
export interface RaceMemory {
  bytes: number;
  /** Landscape instances (with their maps), one per replicate. */
  landscapes: number;
  /** Each racer's optimizer state over all replicates. */
  racers: number[];
  /** The slice view's paths (TRAJECTORY_POINTS points per racer, and their copy for principal components). */
  views: number;
}

/** The memory a race of `specs` (`specs[r][k]`: racer k of replicate r) would take here; allocates nothing. */
export function raceMemory(specs: readonly (readonly RunSpec[])[]): RaceMemory {
  const landscape = specs[0][0].landscape;
  const problem = problemOf(landscape);
  const landscapes = specs.length * (landscapeBytes(landscape) + mapBytes(landscape));
  const racers = specs[0].map((spec) => specs.length * optimizerBytes(landscape, spec.optimizer));
  // Paths and their principal-component copy, plus the plane's origin and two directions.
  const views = problem.space === 'continuous' ? 8 * problem.dim * (2 * TRAJECTORY_POINTS * specs[0].length + 3) : 0;
  return { bytes: landscapes + racers.reduce((a, b) => a + b, 0) + views, landscapes, racers, views };
}

/** Why the page cannot hold a race of `specs` (the estimate, its largest part and the limit), or undefined if it can. */
export function raceMemoryProblem(specs: readonly (readonly RunSpec[])[], limit = PAGE_RACE_MEMORY_LIMIT): { message: string; racer?: number } | undefined {
  const memory = raceMemory(specs);
  if (memory.bytes <= limit) return undefined;
  const largestRacer = memory.racers.indexOf(Math.max(...memory.racers));
  const racerIsLargest = memory.racers[largestRacer] > Math.max(memory.landscapes, memory.views);
  const parts = [
    `${formatBytes(memory.landscapes)} for ${specs.length} landscape instance${specs.length === 1 ? '' : 's'}`,
    `${formatBytes(memory.racers.reduce((a, b) => a + b, 0))} for the racers`,
    ...(memory.views ? [`${formatBytes(memory.views)} for the slice view's paths`] : []),
  ];
  const lower = racerIsLargest ? `lower this racer's population or the dimension` : 'lower the dimension';
  return {
    message: `the page would need about ${formatBytes(memory.bytes)} to race this live (${parts.join(', ')}), above its limit of ${formatBytes(limit)}; ${lower}${specs.length > 1 ? ' or the replicates' : ''}, or run it with the command line (hyperclimb run)`,
    ...(racerIsLargest && { racer: largestRacer }),
  };
}

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
  /** Whether each view can show this landscape, and why not. */
  slice: true | string;
  hypercube: true | string;
  decision: true | string;
  /** The network's input names (a CSV's columns, else x1, x2, …), for the decision view's choice of axes. */
  decisionInputs?: string[];
  eye: true | string;
  sharpness: true | string;
  interpolation: true | string;
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
  /** Slice view: plane coordinates (x, y pairs) of the racer's points, their distances from the plane, and its path. */
  points?: Float32Array;
  distances?: Float32Array;
  path?: Float32Array;
  /** Hypercube view: genotype indices of the racer's points. */
  genotypes?: Int32Array;
  /** Sharpness view: new [evaluations, sharpness] pairs since the last frame, flattened (racers with a trace). */
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
  /** The inputs on the horizontal and vertical axes (names), and what the others are held at, if there are others. */
  axes: [string, string];
  held?: string;
}

/** Why the decision view cannot draw a landscape. */
export const DECISION_UNAVAILABLE = 'the decision view draws networks of at least 2 inputs (no map in between)';

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

/** Why the eye view cannot draw a landscape. */
export const EYE_UNAVAILABLE = 'the eye view draws the eye landscape';

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

export interface HypercubeData {
  dim: number;
  fitness: Float64Array;
  localOptimum: Uint8Array;
  accessible: Uint8Array;
  globalOptimum: number;
}

interface RacerTrack {
  traceSent: number;
  sharpnessSent: number;
  path: Float64Array;
  pathLength: number;
  stride: number;
  sinceKept: number;
}

let session: Session | undefined;
let tracks: RacerTrack[] = [];
let plane: Plane | undefined;
let planeMode: PlaneMode = 'random';
let planeAxes: [string, string] = ['u', 'v'];
let extent = 1;
/**
 * The eye view's record, kept as frames advance: each racer's best phenotype (3 traits per racer), its stage, and the
 * evaluations by which it first reached each stage (NaN: not yet), in buffers made once per race.
 */
let eyeTrack:
  | { landscape: Landscape; eye: EyeLandscape; traits: Float64Array; decoded: Float64Array; stage: Int8Array; reached: Float64Array; improvements: Int32Array }
  | undefined;

function requireSession(): Session {
  if (!session) throw new Error('no race is loaded');
  return session;
}

function pointsOf(k: number): { genes: Float64Array | Uint8Array; count: number } {
  const { genes, count } = requireSession().runs[0][k].points();
  return { genes, count: Math.min(count, MAX_DRAWN) };
}

function recordPath(k: number): void {
  const s = requireSession();
  const track = tracks[k];
  const dim = s.landscapes[0].dim;
  if (++track.sinceKept < track.stride) return;
  track.sinceKept = 0;
  if (track.pathLength === TRAJECTORY_POINTS) {
    // Thin to every other point and keep half as often from now on.
    for (let i = 0; i < TRAJECTORY_POINTS / 2; i++) track.path.copyWithin(i * dim, 2 * i * dim, 2 * i * dim + dim);
    track.pathLength = TRAJECTORY_POINTS / 2;
    track.stride *= 2;
  }
  const { genes, count } = s.runs[0][k].points();
  // A population's path is the path of its best point so far; a single point's path is its own.
  const x = count > 1 ? s.runs[0][k].bestGenes() : genes;
  track.path.set(x.subarray(0, dim), track.pathLength * dim);
  track.pathLength++;
}

function bestPoint(): Float64Array {
  const s = requireSession();
  let best = s.runs[0][0];
  for (const run of s.runs[0]) if (run.result().bestFitness > best.result().bestFitness) best = run;
  return best.bestGenes() as Float64Array;
}

export const pageApi = {
  /** Starts a race: `specs[r][k]` is racer k of replicate r. */
  open(specs: RunSpec[][]): RaceInfo {
    // Refused before anything is allocated: the previous race stays loaded.
    const tooLarge = raceMemoryProblem(specs);
    if (tooLarge) throw new Error(`This race cannot open: ${tooLarge.message}.`);
    const problem = problemOf(specs[0][0].landscape);
    session = new Session(specs, pageMeasure);
    const landscape = session.landscapes[0];
    const dim = landscape.dim;
    const measured = session.specs[0].map((spec) => (landscape.space === 'continuous' && landscape.gradient ? (spec.measure?.sharpnessEvery ?? null) : null));
    tracks = specs[0].map(() => ({ traceSent: 0, sharpnessSent: 0, path: new Float64Array(problem.space === 'continuous' ? TRAJECTORY_POINTS * dim : 0), pathLength: 0, stride: 1, sinceKept: 0 }));
    plane = undefined;
    const eye = eyeOf(landscape);
    const racers = specs[0].length;
    eyeTrack = eye && {
      landscape,
      eye,
      traits: new Float64Array(3 * racers),
      decoded: new Float64Array(3),
      stage: new Int8Array(racers),
      reached: new Float64Array(EYE_STAGES.length * racers).fill(NaN),
      improvements: new Int32Array(racers),
    };
    if (eyeTrack) for (let k = 0; k < racers; k++) afterEyeGeneration(0, k, session.runs[0][k]);
    if (problem.space === 'continuous') {
      specs[0].forEach((_, k) => recordPath(k));
      setPlaneInternal(dim >= 2 ? 'random' : 'coordinates');
    }
    const binary = problem.space === 'discrete' && problem.alleles === 2;
    return {
      space: problem.space,
      dim,
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
      slice: problem.space === 'continuous' ? (dim >= 2 ? true : 'the slice view needs at least 2 dimensions') : 'the slice view draws continuous landscapes; this one is discrete',
      hypercube: binary && dim <= HYPERCUBE_MAX_DIM ? true : `the hypercube view draws binary landscapes with N ≤ ${HYPERCUBE_MAX_DIM}`,
      decision: decisionNetwork(landscape) ? true : DECISION_UNAVAILABLE,
      ...(decisionNetwork(landscape) && { decisionInputs: inputNames(decisionNetwork(landscape)!) }),
      eye: eyeTrack ? true : EYE_UNAVAILABLE,
      sharpness: sharpnessAvailable(landscape, measured),
      interpolation: interpolationAvailable(landscape, specs.length),
    };
  },

  /** Lets every racer spend `evaluations` more and returns what the views need. */
  advance(evaluations: number): Frame {
    const started = performance.now();
    const s = requireSession();
    // The eye's stages are stamped at the generation whose improvement reached them, not at the frame's end.
    s.advance(evaluations, eyeTrack ? afterEyeGeneration : undefined);
    const continuous = s.landscapes[0].space === 'continuous';
    const racers = s.runs[0].map((run, k): RacerFrame => {
      const result = run.result();
      const track = tracks[k];
      const trace = run.traceFrom(track.traceSent);
      const fresh = trace.length / 2;
      const traceX = new Float64Array(fresh);
      const traceY = new Float64Array(fresh);
      for (let i = 0; i < fresh; i++) {
        traceX[i] = trace[2 * i];
        traceY[i] = trace[2 * i + 1];
      }
      track.traceSent += fresh;
      const frame: RacerFrame = {
        label: run.spec.optimizer.label,
        evaluations: result.evaluations,
        gradientEvaluations: result.gradientEvaluations,
        bestFitness: result.bestFitness,
        endedAt: run.done ? result.endedAt : null,
        traceX,
        traceY,
      };
      if (continuous && s.specs[0][k].measure?.sharpnessEvery !== undefined) {
        frame.sharpness = run.sharpnessFrom(track.sharpnessSent);
        track.sharpnessSent += frame.sharpness.length / 2;
      }
      const { genes, count } = pointsOf(k);
      if (continuous && plane) {
        recordPath(k);
        frame.points = new Float32Array(2 * count);
        frame.distances = new Float32Array(count);
        projectPoints(plane, genes as Float64Array, count, frame.points, frame.distances);
        frame.path = new Float32Array(2 * track.pathLength);
        projectPoints(plane, track.path, track.pathLength, frame.path, new Float32Array(track.pathLength));
      } else if (!continuous && s.landscapes[0].dim <= HYPERCUBE_MAX_DIM) {
        const dim = s.landscapes[0].dim;
        frame.genotypes = new Int32Array(count);
        for (let i = 0; i < count; i++) frame.genotypes[i] = genotypeIndex(genes, i * dim, dim);
      }
      return frame;
    });
    return { clock: s.clock, done: s.done, racers, outcomes: s.outcomes(), computeMs: performance.now() - started };
  },

  /** Chooses the slice plane through the current best point. */
  setPlane(mode: PlaneMode, coordinates: [number, number] = [0, 1]): void {
    setPlaneInternal(mode, coordinates);
  },

  /** The landscape's fitness over the current plane, resolution × resolution (at most 256). */
  slice(resolution: number): SliceData {
    const s = requireSession();
    const landscape = s.landscapes[0];
    if (landscape.space !== 'continuous' || !plane) throw new Error('the slice view needs a continuous landscape');
    const res = Math.max(8, Math.min(256, Math.round(resolution)));
    const values = new Float32Array(res * res);
    const { min, max } = sampleSlice(landscape as ContinuousLandscape, plane, extent, res, values);
    return { values, resolution: res, extent, min, max, mode: planeMode, axes: planeAxes };
  },

  /**
   * The decision surface of racer `racer` (default: the first gradient racer, else racer 0): its best weights so far
   * evaluated by the network on a resolution × resolution grid (8 to 256) over the data's bounding box.
   */
  decision(resolution: number, racer?: number, axes: readonly [number, number] = [0, 1]): DecisionData {
    const s = requireSession();
    const landscape = decisionNetwork(s.landscapes[0]);
    if (!landscape) throw new Error(DECISION_UNAVAILABLE);
    const k = racer ?? firstGradientRacer(s);
    const run = s.runs[0][k];
    if (!run) throw new Error(`there is no racer ${k + 1}`);
    const res = Math.max(8, Math.min(256, Math.round(resolution)));
    const { x: all, y, inputs } = landscape.data;
    const [a, b] = axes;
    if (!(Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b >= 0 && a < inputs && b < inputs && a !== b)) {
      throw new Error(`the decision view's axes are two different inputs of 1 to ${inputs}, not ${a + 1} and ${b + 1}`);
    }
    const rows = y.length;
    // Every row seen in the plane of the two chosen inputs; the other inputs are held at their mean over all rows.
    const mean = new Float64Array(inputs);
    for (let i = 0; i < rows; i++) for (let k = 0; k < inputs; k++) mean[k] += all[i * inputs + k] / rows;
    const x = new Float64Array(2 * rows);
    for (let i = 0; i < rows; i++) {
      x[2 * i] = all[i * inputs + a];
      x[2 * i + 1] = all[i * inputs + b];
    }
    let xMin = Infinity;
    let xMax = -Infinity;
    let yMin = Infinity;
    let yMax = -Infinity;
    let scale = 0;
    for (let i = 0; i < rows; i++) {
      xMin = Math.min(xMin, x[2 * i]);
      xMax = Math.max(xMax, x[2 * i]);
      yMin = Math.min(yMin, x[2 * i + 1]);
      yMax = Math.max(yMax, x[2 * i + 1]);
      scale = Math.max(scale, Math.abs(y[i]));
    }
    // A square with equal scales on both axes (circles stay round), 10 % larger than the data.
    const half = 0.55 * Math.max(xMax - xMin, yMax - yMin, 1e-9);
    const cx = (xMin + xMax) / 2;
    const cy = (yMin + yMax) / 2;
    const extent: [number, number, number, number] = [cx - half, cx + half, cy - half, cy + half];
    const grid = new Float64Array(inputs * res * res);
    for (let j = 0; j < res; j++) {
      const v = cy + half - ((j + 0.5) / res) * 2 * half;
      for (let i = 0; i < res; i++) {
        const at = inputs * (j * res + i);
        grid.set(mean, at);
        grid[at + a] = cx - half + ((i + 0.5) / res) * 2 * half;
        grid[at + b] = v;
      }
    }
    const names = inputNames(landscape);
    const out = new Float64Array(res * res);
    landscape.network.predict(run.bestGenes() as Float64Array, 0, grid, res * res, out);
    const logistic = landscape.network.arch.loss === 'cross-entropy';
    const values = new Float32Array(res * res);
    for (let i = 0; i < values.length; i++) values[i] = logistic ? Math.tanh(out[i] / 2) : out[i];
    const result = run.result();
    return {
      racer: k,
      label: run.spec.optimizer.label,
      evaluations: result.evaluations,
      loss: -result.bestFitness,
      resolution: res,
      extent,
      values,
      scale: logistic ? 1 : scale || 1,
      meaning: logistic ? 'P(+1) − P(−1)' : 'network output',
      points: Float32Array.from(x),
      targets: Float32Array.from(y),
      train: landscape.samples,
      axes: [names[a], names[b]],
      ...(inputs > 2 && { held: `${names.filter((_, k) => k !== a && k !== b).join(', ')} held at ${inputs > 3 ? 'their' : 'its'} mean` }),
    };
  },

  /** Racer `racer`'s best eye so far in cross-section (default: racer 0), and where every racer is on the stages. */
  eye(racer = 0): EyeData {
    const s = requireSession();
    const track = eyeTrack;
    if (!track) throw new Error(EYE_UNAVAILABLE);
    const run = s.runs[0][racer];
    if (!run) throw new Error(`there is no racer ${racer + 1}`);
    // Outside [0, 1] a value reads as its reflection (docs/eye.md): the eye drawn and described is the one the optics see.
    const traits = Float64Array.from(track.traits.subarray(3 * racer, 3 * racer + 3), foldTrait);
    const section = crossSection(track.eye.optics, traits);
    const stages = EYE_STAGES.length;
    return {
      racer,
      label: run.spec.optimizer.label,
      evaluations: run.evaluations,
      traits: [traits[0], traits[1], traits[2]],
      acuity: section.shape.acuity,
      bestAcuity: track.eye.optimumFitness ?? null,
      section,
      racers: s.runs[0].map((other, k) => ({
        label: other.spec.optimizer.label,
        stage: track.stage[k],
        evaluations: other.evaluations,
        reached: Array.from(track.reached.subarray(k * stages, (k + 1) * stages), (e) => (Number.isNaN(e) ? null : e)),
      })),
      };
    },

  /**
   * The interpolation curves of racer `racer` (default: the first gradient racer) between its best networks of
   * replicates 1 and 2, on `points` values of t (3 to 201), before and after weight matching.
   */
  /** Racer `racer`'s best network of replicate 1 so far, as a saved network (`origin` names the run it is from). */
  savedNetwork(racer: number, origin: { fingerprint: string; seed: string | number; cell: number }): SavedNetwork {
    const s = requireSession();
    const landscape = network(s.landscapes[0]);
    if (!landscape) throw new Error('only an mlp network (no map in between) can be saved');
    const run = s.runs[0][racer];
    if (!run) throw new Error(`there is no racer ${racer + 1}`);
    const result = run.result();
    return savedNetworkOf(landscape, run.bestGenes() as Float64Array, { ...origin, replicate: 0, racer: run.spec.optimizer.label, trainingLoss: -result.bestFitness, testLoss: result.testLoss });
  },

  interpolation(points: number, racer?: number): InterpolationData {
    const s = requireSession();
    const reason = interpolationAvailable(s.landscapes[0], s.runs.length);
    if (reason !== true) throw new Error(reason);
    const landscape = s.landscapes[0] as MlpLandscape;
    const k = racer ?? firstGradientRacer(s);
    const [runA, runB] = [s.runs[0][k], s.runs[1][k]];
    if (!runA) throw new Error(`there is no racer ${k + 1}`);
    const n = Math.max(3, Math.min(201, Math.round(points)));
    const a = runA.bestGenes() as Float64Array;
    const b = runB.bestGenes() as Float64Array;
    const plain = interpolationCurve(landscape, a, b, n);
    const matching = weightMatching(landscape.network.arch, a, b);
    const aligned = interpolationCurve(landscape, a, matching.aligned, n);
    let moved = 0;
    let units = 0;
    matching.permutations.forEach((perm, h) => {
      units += perm.length;
      // A unit counts as moved when it was reordered or (tanh) negated.
      perm.forEach((p, j) => (moved += p === j && matching.signs[h][j] === 1 ? 0 : 1));
    });
    return {
      racer: k,
      label: runA.spec.optimizer.label,
      evaluations: [runA.evaluations, runB.evaluations],
      done: runA.done && runB.done,
      t: plain.t,
      before: plain.loss,
      after: aligned.loss,
      barrierBefore: plain.barrier,
      barrierAtBefore: plain.barrierAt,
      barrierAfter: aligned.barrier,
      barrierAtAfter: aligned.barrierAt,
      ownLossB: -runB.result().bestFitness,
      moved,
      units,
    };
  },

  /** Every genotype of a small binary landscape, its local optima and what can reach the global optimum uphill. */
  hypercube(): HypercubeData {
    const cube = hypercube(requireSession().landscapes[0] as DiscreteLandscape);
    return { dim: cube.dim, fitness: cube.fitness, localOptimum: cube.localOptimum, accessible: cube.accessible, globalOptimum: cube.globalOptimum };
  },
};

/** The landscape as a network of 2 or more inputs whose genotype is its weights (no map in between), or undefined. */
function decisionNetwork(landscape: Landscape): MlpLandscape | undefined {
  const net = network(landscape);
  return net && net.data.inputs >= 2 ? net : undefined;
}

/** A network's input names: a CSV's columns (standardised ones say so), else x1, x2, …. */
function inputNames(landscape: MlpLandscape): string[] {
  const source = landscape.source;
  if (!source) return Array.from({ length: landscape.data.inputs }, (_, k) => `x${k + 1}`);
  return source.inputs.map((name) => (source.standardisation ? `${name} (standardised)` : name));
}

/** The landscape as a network whose genotype is its weights (no map in between), on any data, or undefined. */
function network(landscape: Landscape): MlpLandscape | undefined {
  const net = landscape as Partial<MlpLandscape>;
  if (landscape.id !== 'mlp' || !net.network || !net.data || landscape.dim !== net.network.dim) return undefined;
  return landscape as MlpLandscape;
}

/** The eye landscape a race's genotypes are read as (directly or through a map), or undefined. */
function eyeOf(landscape: Landscape): EyeLandscape | undefined {
  if (landscape.space !== 'continuous') return undefined;
  const phenotype = landscape.phenotype ?? landscape;
  return phenotype.id === 'eye' && 'optics' in phenotype ? (phenotype as EyeLandscape) : undefined;
}

/** After each generation of replicate 1: an improved best eye is read again (the others cannot have changed stage). */
function afterEyeGeneration(replicate: number, k: number, run: Run): void {
  if (replicate !== 0 || run.improvements === eyeTrack!.improvements[k]) return;
  eyeTrack!.improvements[k] = run.improvements;
  trackEye(k);
}

/**
 * Reads racer k's best genotype as an eye and notes the stage it is at; a stage reached for the first time (or
 * passed over) is stamped with the racer's evaluations so far, so the timeline's resolution is one generation.
 */
function trackEye(k: number): void {
  const track = eyeTrack!;
  const run = requireSession().runs[0][k];
  const genes = run.bestGenes() as Float64Array;
  const landscape = track.landscape as ContinuousLandscape;
  const x = landscape.decode ? track.decoded : genes;
  landscape.decode?.(genes, 0, track.decoded);
  for (let i = 0; i < 3; i++) track.traits[3 * k + i] = x[i];
  const stage = eyeStageIndex(track.eye.optics, track.traits, 3 * k);
  track.stage[k] = stage;
  const base = k * EYE_STAGES.length;
  for (let i = 0; i <= stage; i++) if (Number.isNaN(track.reached[base + i])) track.reached[base + i] = run.evaluations;
}

function sharpnessAvailable(landscape: Landscape, measured: readonly (number | null)[]): true | string {
  if (landscape.space !== 'continuous' || !landscape.gradient) return 'the sharpness view needs a continuous landscape with gradients';
  return measured.some((every) => every !== null) ? true : 'the sharpness view follows gradient racers (and racers the scenario measures), and this race has none';
}

function interpolationAvailable(landscape: Landscape, replicates: number): true | string {
  const net = network(landscape);
  if (!net) return 'the interpolation view joins two trained mlp networks (weights as the genotype, no map)';
  if (replicates < 2) return 'the interpolation view joins the networks of replicates 1 and 2: the scenario needs replicates: 2 or more';
  return true;
}

/**
 * How the page measures a racer (Session's `adapt`): replicate 1's gradient racers record their sharpness (the
 * scenario's cadence, else one that keeps about SHARPNESS_POINTS points and the observer's cost within
 * SHARPNESS_SHARE of the racer's own gradients); the other replicates measure nothing, as no view shows them.
 * Measures are uncharged, so every other number of the race is unchanged.
 */
function pageMeasure(spec: RunSpec, replicate: number, landscape: Landscape): RunSpec {
  // The Hessian index of end points is in result lines, not in any view: the page skips its full Hessians.
  const measure = spec.measure?.sharpnessEvery === undefined ? undefined : { sharpnessEvery: spec.measure.sharpnessEvery };
  if (replicate > 0) return { ...spec, measure: undefined };
  const def = optimizerDef(spec.optimizer.id)!;
  if (landscape.space !== 'continuous' || !landscape.gradient || !def.needsGradient || measure) return { ...spec, measure };
  // A minibatch step computes a share of a full gradient; Lanczos takes two full gradients per step.
  const problem = problemOf(spec.landscape);
  const params = optimizerParams(def, problem, spec.optimizer);
  const share = typeof params.batchSize === 'number' && problem.samples ? Math.min(1, params.batchSize / problem.samples) : 1;
  const lanczos = 2 * Math.min(landscape.dim, SHARPNESS_STEPS);
  const generations = spec.budget.evaluations / ((spec.budget.gradientCost ?? landscape.gradientCost) * share);
  const every = Math.max(Math.ceil(lanczos / (SHARPNESS_SHARE * share)), Math.ceil(generations / SHARPNESS_POINTS));
  return { ...spec, measure: { sharpnessEvery: every } };
}

/** The racer the decision and interpolation views show first: the first gradient racer, else the first. */
function firstGradientRacer(s: Session): number {
  return Math.max(0, s.runs[0].findIndex((run) => optimizerDef(run.spec.optimizer.id)!.needsGradient));
}

function setPlaneInternal(mode: PlaneMode, coordinates: [number, number] = [0, 1]): void {
  const s = requireSession();
  const dim = s.landscapes[0].dim;
  const origin = bestPoint();
  const rng = new Rng(`plane/${mode}`);
  planeMode = mode;
  if (mode === 'coordinates' || dim < 2) {
    const [i, j] = dim < 2 ? [0, 0] : coordinates;
    plane = dim < 2 ? undefined : coordinatePlane(origin, i, j);
    planeAxes = [`x${subscript(i + 1)}`, `x${subscript(j + 1)}`];
  } else if (mode === 'random') {
    plane = randomPlane(origin, rng);
    planeAxes = ['u (random)', 'v (random)'];
  } else if (mode === 'pca') {
    const all = tracks.flatMap((t) => (t.pathLength ? [t.path.subarray(0, t.pathLength * dim)] : []));
    const total = all.reduce((n, a) => n + a.length / dim, 0);
    const points = new Float64Array(total * dim);
    let offset = 0;
    for (const a of all) {
      points.set(a, offset);
      offset += a.length;
    }
    plane = total >= 3 ? principalPlane(origin, points, total, rng) : randomPlane(origin, rng);
    planeAxes = ['PC 1 of the paths', 'PC 2 of the paths'];
  } else {
    // Every racer starts at the replicate's shared x0: the first point of any path.
    const start = tracks[0].pathLength ? tracks[0].path.slice(0, dim) : origin;
    const gradientRacer = s.runs[0].findIndex((run) => optimizerDef(run.spec.optimizer.id)!.needsGradient);
    const populationRacer = s.runs[0].findIndex((run) => optimizerDef(run.spec.optimizer.id)!.population);
    const end = gradientRacer >= 0 ? (s.runs[0][gradientRacer].points().genes as Float64Array) : origin;
    const popBest = populationRacer >= 0 ? (s.runs[0][populationRacer].bestGenes() as Float64Array) : origin;
    plane = threePointPlane(start, popBest, end, rng);
    planeAxes = ['start → population best', '⊥ towards gradient end'];
  }
  extent = planeExtent();
}

/** Half-width of the drawn square: every current point and path inside, with a margin; at least 5 % of the box. */
function planeExtent(): number {
  const s = requireSession();
  const problem = problemOf(s.specs[0][0].landscape);
  let reach = 0.05 * (problem.upper - problem.lower);
  if (!plane) return reach;
  s.runs[0].forEach((_, k) => {
    const { genes, count } = pointsOf(k);
    const coords = new Float32Array(2 * count);
    projectPoints(plane!, genes as Float64Array, count, coords, new Float32Array(count));
    for (const c of coords) reach = Math.max(reach, 1.15 * Math.abs(c));
    const track = tracks[k];
    const path = new Float32Array(2 * track.pathLength);
    projectPoints(plane!, track.path, track.pathLength, path, new Float32Array(track.pathLength));
    for (const c of path) reach = Math.max(reach, 1.15 * Math.abs(c));
  });
  return reach;
}

function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
}

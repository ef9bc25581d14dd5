/**
 * The slice view's feed: a plane through the best point (random directions, two coordinates, the paths' principal
 * components, or start / population best / gradient end), each racer's points and path projected onto it every
 * frame, and the landscape's fitness sampled over it on request.
 */
import type { ContinuousLandscape } from '../../src/core/landscapes/landscape.ts';
import { coordinatePlane, principalPlane, projectPoints, randomPlane, sampleSlice, threePointPlane, type Plane } from '../../src/core/metrics/projection.ts';
import { optimizerDef } from '../../src/core/optimizers/registry.ts';
import { Rng } from '../../src/core/rng.ts';
import { problemOf } from '../../src/core/run/instance.ts';
import type { PlaneMode, PlaneSettings } from '../protocol.ts';
import { drawnPoints, type Feed, type LiveRace } from './feed.ts';

/** Points kept per racer trajectory; older ones are thinned, so memory stays fixed however long a run goes. */
export const TRAJECTORY_POINTS = 256;

interface Path {
  points: Float64Array;
  length: number;
  stride: number;
  sinceKept: number;
}

interface SliceState {
  paths: Path[];
  plane?: Plane;
  mode: PlaneMode;
  axes: [string, string];
  /** Half-width of the drawn square. */
  extent: number;
}

export const sliceFeed: Feed<'slice', SliceState> = {
  id: 'slice',

  available(race) {
    if (race.landscape.space !== 'continuous') return 'the slice view draws continuous landscapes; this one is discrete';
    return race.landscape.dim >= 2 ? true : 'the slice view needs at least 2 dimensions';
  },

  open(race) {
    const dim = race.landscape.dim;
    const state: SliceState = {
      paths: race.session.runs[0].map(() => ({ points: new Float64Array(TRAJECTORY_POINTS * dim), length: 0, stride: 1, sinceKept: 0 })),
      mode: 'random',
      axes: ['u', 'v'],
      extent: 1,
    };
    state.paths.forEach((_, k) => recordPath(state, race, k));
    setPlane(state, race, { mode: 'random' });
    return state;
  },

  frame(state, race, k, out) {
    recordPath(state, race, k);
    const { genes, count } = drawnPoints(race, k);
    const path = state.paths[k];
    out.points = new Float32Array(2 * count);
    out.distances = new Float32Array(count);
    projectPoints(state.plane!, genes as Float64Array, count, out.points, out.distances);
    out.path = new Float32Array(2 * path.length);
    projectPoints(state.plane!, path.points, path.length, out.path, new Float32Array(path.length));
  },

  /** The landscape's fitness over the current plane, resolution × resolution (8 to 256). */
  fetch(state, race, { resolution }) {
    const res = Math.max(8, Math.min(256, Math.round(resolution)));
    const values = new Float32Array(res * res);
    const { min, max } = sampleSlice(race.landscape as ContinuousLandscape, state.plane!, state.extent, res, values);
    return { values, resolution: res, extent: state.extent, min, max, mode: state.mode, axes: state.axes };
  },

  configure(state, race, settings) {
    setPlane(state, race, settings);
  },
};

/** Keeps racer k's current point on its path, every `stride` frames; a full path is thinned to half. */
function recordPath(state: SliceState, race: LiveRace, k: number): void {
  const path = state.paths[k];
  const dim = race.landscape.dim;
  if (++path.sinceKept < path.stride) return;
  path.sinceKept = 0;
  if (path.length === TRAJECTORY_POINTS) {
    // Thin to every other point and keep half as often from now on.
    for (let i = 0; i < TRAJECTORY_POINTS / 2; i++) path.points.copyWithin(i * dim, 2 * i * dim, 2 * i * dim + dim);
    path.length = TRAJECTORY_POINTS / 2;
    path.stride *= 2;
  }
  const run = race.session.runs[0][k];
  const { genes, count } = run.points();
  // A population's path is the path of its best point so far; a single point's path is its own.
  const x = count > 1 ? run.bestGenes() : genes;
  path.points.set(x.subarray(0, dim), path.length * dim);
  path.length++;
}

function bestPoint(race: LiveRace): Float64Array {
  let best = race.session.runs[0][0];
  for (const run of race.session.runs[0]) if (run.result().bestFitness > best.result().bestFitness) best = run;
  return best.bestGenes() as Float64Array;
}

function setPlane(state: SliceState, race: LiveRace, { mode, coordinates = [0, 1] }: PlaneSettings): void {
  const runs = race.session.runs[0];
  const dim = race.landscape.dim;
  const origin = bestPoint(race);
  const rng = new Rng(`plane/${mode}`);
  state.mode = mode;
  if (mode === 'coordinates') {
    const [i, j] = coordinates;
    state.plane = coordinatePlane(origin, i, j);
    state.axes = [`x${subscript(i + 1)}`, `x${subscript(j + 1)}`];
  } else if (mode === 'random') {
    state.plane = randomPlane(origin, rng);
    state.axes = ['u (random)', 'v (random)'];
  } else if (mode === 'pca') {
    const all = state.paths.flatMap((p) => (p.length ? [p.points.subarray(0, p.length * dim)] : []));
    const total = all.reduce((n, a) => n + a.length / dim, 0);
    const points = new Float64Array(total * dim);
    let offset = 0;
    for (const a of all) {
      points.set(a, offset);
      offset += a.length;
    }
    state.plane = total >= 3 ? principalPlane(origin, points, total, rng) : randomPlane(origin, rng);
    state.axes = ['PC 1 of the paths', 'PC 2 of the paths'];
  } else {
    // Every racer starts at the replicate's shared x0: the first point of any path.
    const first = state.paths[0];
    const start = first.length ? first.points.slice(0, dim) : origin;
    const gradientRacer = runs.findIndex((run) => optimizerDef(run.spec.optimizer.id)!.needsGradient);
    const populationRacer = runs.findIndex((run) => optimizerDef(run.spec.optimizer.id)!.population);
    const end = gradientRacer >= 0 ? (runs[gradientRacer].points().genes as Float64Array) : origin;
    const popBest = populationRacer >= 0 ? (runs[populationRacer].bestGenes() as Float64Array) : origin;
    state.plane = threePointPlane(start, popBest, end, rng);
    state.axes = ['start → population best', '⊥ towards gradient end'];
  }
  state.extent = planeExtent(state, race);
}

/** Half-width of the drawn square: every current point and path inside, with a margin; at least 5 % of the box. */
function planeExtent(state: SliceState, race: LiveRace): number {
  const problem = problemOf(race.session.specs[0][0].landscape);
  let reach = 0.05 * (problem.upper - problem.lower);
  const plane = state.plane!;
  race.session.runs[0].forEach((_, k) => {
    const { genes, count } = drawnPoints(race, k);
    const coords = new Float32Array(2 * count);
    projectPoints(plane, genes as Float64Array, count, coords, new Float32Array(count));
    for (const c of coords) reach = Math.max(reach, 1.15 * Math.abs(c));
    const path = state.paths[k];
    const projected = new Float32Array(2 * path.length);
    projectPoints(plane, path.points, path.length, projected, new Float32Array(path.length));
    for (const c of projected) reach = Math.max(reach, 1.15 * Math.abs(c));
  });
  return reach;
}

function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
}

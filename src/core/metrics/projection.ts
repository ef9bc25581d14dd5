/**
 * Planes through genotype space, for drawing a high-dimensional landscape on a screen: a plane is an origin and an
 * orthonormal pair (u, v). Points are shown by their coordinates in the plane together with their distance from
 * it, so a projection never hides how far a point really is from what is drawn.
 */
import type { ContinuousLandscape } from '../landscapes/landscape.ts';
import type { Rng } from '../rng.ts';

export interface Plane {
  readonly origin: Float64Array;
  readonly u: Float64Array;
  readonly v: Float64Array;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Makes `w` orthogonal to the unit vectors given and unit length; returns false when nothing is left of it. */
function orthonormalise(w: Float64Array, against: Float64Array[]): boolean {
  for (let pass = 0; pass < 2; pass++) {
    for (const e of against) {
      const d = dot(w, e);
      for (let i = 0; i < w.length; i++) w[i] -= d * e[i];
    }
  }
  const n = Math.sqrt(dot(w, w));
  if (!(n > 1e-12)) return false;
  for (let i = 0; i < w.length; i++) w[i] /= n;
  return true;
}

function randomUnit(dim: number, rng: Rng, against: Float64Array[]): Float64Array {
  const w = new Float64Array(dim);
  do {
    for (let i = 0; i < dim; i++) w[i] = rng.normal();
  } while (!orthonormalise(w, against));
  return w;
}

/** The plane of coordinates i and j through `origin`. */
export function coordinatePlane(origin: Float64Array, i: number, j: number): Plane {
  const dim = origin.length;
  if (i === j || i < 0 || j < 0 || i >= dim || j >= dim) throw new Error(`coordinates ${i} and ${j} do not span a plane in ${dim} dimensions`);
  const u = new Float64Array(dim);
  const v = new Float64Array(dim);
  u[i] = 1;
  v[j] = 1;
  return { origin: origin.slice(), u, v };
}

/** A uniformly random plane through `origin` (Gaussian directions, orthonormalised). */
export function randomPlane(origin: Float64Array, rng: Rng): Plane {
  const u = randomUnit(origin.length, rng, []);
  const v = randomUnit(origin.length, rng, [u]);
  return { origin: origin.slice(), u, v };
}

/**
 * The plane through a, b and c with origin a; when the points are (nearly) collinear the missing direction is
 * random, so the plane still contains all three.
 */
export function threePointPlane(a: Float64Array, b: Float64Array, c: Float64Array, rng: Rng): Plane {
  const dim = a.length;
  const u = new Float64Array(dim);
  for (let i = 0; i < dim; i++) u[i] = b[i] - a[i];
  const uValid = orthonormalise(u, []);
  const first = uValid ? u : randomUnit(dim, rng, []);
  const v = new Float64Array(dim);
  for (let i = 0; i < dim; i++) v[i] = c[i] - a[i];
  const second = orthonormalise(v, [first]) ? v : randomUnit(dim, rng, [first]);
  return { origin: a.slice(), u: first, v: second };
}

/**
 * The plane through `origin` spanned by the two leading principal components of `count` points (rows of `points`),
 * by power iteration with deflation on their covariance (never formed: O(count·dim) per iteration).
 */
export function principalPlane(origin: Float64Array, points: Float64Array, count: number, rng: Rng, iterations = 100): Plane {
  const dim = origin.length;
  const mean = new Float64Array(dim);
  for (let k = 0; k < count; k++) for (let i = 0; i < dim; i++) mean[i] += points[k * dim + i] / count;
  const apply = (w: Float64Array, out: Float64Array) => {
    out.fill(0);
    for (let k = 0; k < count; k++) {
      let s = 0;
      for (let i = 0; i < dim; i++) s += (points[k * dim + i] - mean[i]) * w[i];
      for (let i = 0; i < dim; i++) out[i] += s * (points[k * dim + i] - mean[i]);
    }
  };
  const components: Float64Array[] = [];
  const scratch = new Float64Array(dim);
  for (let c = 0; c < 2; c++) {
    let w = randomUnit(dim, rng, components);
    for (let it = 0; it < iterations; it++) {
      apply(w, scratch);
      const next = scratch.slice();
      if (!orthonormalise(next, components)) {
        w = randomUnit(dim, rng, components);
        break;
      }
      w = next;
    }
    components.push(w);
  }
  return { origin: origin.slice(), u: components[0], v: components[1] };
}

/**
 * Writes the plane coordinates of point k (row k of `points`) into coords[2k], coords[2k+1] and its distance from
 * the plane into distances[k], for `count` points.
 */
export function projectPoints(plane: Plane, points: Float64Array, count: number, coords: Float32Array, distances: Float32Array): void {
  const { origin, u, v } = plane;
  const dim = origin.length;
  for (let k = 0; k < count; k++) {
    let a = 0;
    let b = 0;
    let squared = 0;
    const row = k * dim;
    for (let i = 0; i < dim; i++) {
      const d = points[row + i] - origin[i];
      a += d * u[i];
      b += d * v[i];
      squared += d * d;
    }
    coords[2 * k] = a;
    coords[2 * k + 1] = b;
    distances[k] = Math.sqrt(Math.max(0, squared - a * a - b * b));
  }
}

/**
 * Fitness on a res × res grid over [−extent, extent]² of the plane (row 0 at +extent along v, column 0 at
 * −extent along u), into `out`; returns the minimum and maximum finite values.
 */
export function sampleSlice(landscape: ContinuousLandscape, plane: Plane, extent: number, res: number, out: Float32Array): { min: number; max: number } {
  const dim = landscape.dim;
  const x = new Float64Array(dim);
  let min = Infinity;
  let max = -Infinity;
  for (let r = 0; r < res; r++) {
    const b = extent - (2 * extent * (r + 0.5)) / res;
    for (let c = 0; c < res; c++) {
      const a = -extent + (2 * extent * (c + 0.5)) / res;
      for (let i = 0; i < dim; i++) x[i] = plane.origin[i] + a * plane.u[i] + b * plane.v[i];
      const f = landscape.fitnessAt(x, 0);
      out[r * res + c] = f;
      if (Number.isFinite(f)) {
        if (f < min) min = f;
        if (f > max) max = f;
      }
    }
  }
  return { min, max };
}

/**
 * Two-layer ReLU teacher–student with Gaussian inputs and the population loss in closed form (no sampling), the
 * model of Safran & Shamir (2018, "Spurious local minima are common in two-layer ReLU neural networks", ICML):
 *
 *   student f(x) = Σᵢ relu(wᵢ·x), i = 1…n;   teacher g(x) = Σⱼ relu(vⱼ·x), j = 1…k, v orthonormal;   x ~ N(0, I_d)
 *   L(w) = ½ E[(f(x) − g(x))²] = ½ [Σᵢᵢ' K(wᵢ, wᵢ') − 2 Σᵢⱼ K(wᵢ, vⱼ) + Σⱼⱼ' K(vⱼ, vⱼ')]
 *
 * with the arc-cosine kernel of degree 1 (Cho & Saul 2009, NeurIPS, "Kernel methods for deep learning"):
 *
 *   K(u, v) = E[relu(u·x) relu(v·x)] = |u||v|/(2π) · (sin θ + (π − θ) cos θ),   θ = angle(u, v),
 *
 * and its gradient in the first argument (Brutzkus & Globerson 2017; Safran & Shamir 2018, section 4)
 *
 *   ∂K/∂u = (1/2π) · (|v| sin θ · u/|u| + (π − θ) v),   so   ∂L/∂wᵢ = wᵢ/2 + Σ_{i'≠i} ∂K(wᵢ, wᵢ') − Σⱼ ∂K(wᵢ, vⱼ).
 *
 * The angle comes from θ = 2·atan2(|ū − v̄|, |ū + v̄|) on unit vectors, accurate near θ = 0 and π where acos loses
 * half the digits; sin θ and cos θ follow from the same two norms, so θ = 0, π need no special case. A unit of zero
 * norm contributes nothing (K(0, v) = 0) and gets gradient 0 from every pair, as relu′(0) = 0 gives: a dead unit
 * stays dead. The genotype is the n × d weight matrix, row-major (unit i is genes[i·d … (i+1)·d)). Fitness = −L.
 * The global optimum 0 is known when n ≥ k (the student holds the teacher's units, the rest at zero).
 */
import { z } from 'zod';
import type { Rng } from '../rng.ts';
import { defineLandscape } from './landscape.ts';

const INV_2PI = 1 / (2 * Math.PI);

const params = z.strictObject({
  inputs: z.int().min(1).max(10_000).default(8).describe('Input dimension d (x ~ N(0, I_d)).'),
  teacherUnits: z.int().min(1).max(10_000).default(8).describe('Hidden units k of the teacher (orthonormal, k ≤ d).'),
  studentUnits: z.int().min(1).max(10_000).default(8).describe('Hidden units n of the student; dim = n·d.'),
  teacher: z
    .enum(['identity', 'random'])
    .default('identity')
    .describe('Teacher units: vⱼ = eⱼ (Safran & Shamir 2018), or an orthonormal set drawn from the landscape stream.'),
});

type Params = z.output<typeof params>;

/**
 * The arc-cosine kernel term of unit vectors ū, v̄ (rows at `a` and `b` of `units`, length d): returns
 * (sin θ + (π − θ) cos θ) and writes sin θ and (π − θ) into `out[0]`, `out[1]` for the gradient.
 */
function angular(units: Float64Array, a: number, b: number, d: number, out: Float64Array): number {
  let minus = 0;
  let plus = 0;
  for (let t = 0; t < d; t++) {
    const p = units[a + t];
    const q = units[b + t];
    minus += (p - q) * (p - q);
    plus += (p + q) * (p + q);
  }
  // |ū − v̄|² + |ū + v̄|² = 4 up to rounding; normalising keeps sin² + cos² = 1.
  const s = minus + plus;
  const theta = 2 * Math.atan2(Math.sqrt(minus), Math.sqrt(plus));
  const sin = (2 * Math.sqrt(minus * plus)) / s;
  const cos = (plus - minus) / s;
  out[0] = sin;
  out[1] = Math.PI - theta;
  return sin + (Math.PI - theta) * cos;
}

/** An orthonormal set of k vectors in R^d (rows), by Gram–Schmidt on Gaussian vectors drawn from `rng`. */
function randomOrthonormal(k: number, d: number, rng: Rng): Float64Array {
  const v = new Float64Array(k * d);
  for (let j = 0; j < k; j++) {
    const row = v.subarray(j * d, (j + 1) * d);
    for (;;) {
      rng.fillNormal(row);
      for (let pass = 0; pass < 2; pass++) {
        for (let q = 0; q < j; q++) {
          let dot = 0;
          for (let t = 0; t < d; t++) dot += row[t] * v[q * d + t];
          for (let t = 0; t < d; t++) row[t] -= dot * v[q * d + t];
        }
      }
      let norm = 0;
      for (let t = 0; t < d; t++) norm += row[t] * row[t];
      norm = Math.sqrt(norm);
      if (norm > 1e-6) {
        for (let t = 0; t < d; t++) row[t] /= norm;
        break;
      }
    }
  }
  return v;
}

/** The box views show (it holds the identity teacher); initial weights come from the smaller `initScale`. */
const BOX = [-1, 1] as const;

/** Half-width of the initial weights: uniform weights in [−a, a] with a = √(3/d) give E|wᵢ|² = 1, the teacher units' norm. */
export function reluInitScale(inputs: number): number {
  return Math.sqrt(3 / inputs);
}

export const reluTeacherStudent = defineLandscape({
  id: 'relu-teacher-student',
  title: 'ReLU teacher–student',
  space: 'continuous',
  summary:
    'Two-layer ReLU student of n units fitting an orthonormal teacher of k units on Gaussian inputs; population loss in closed form; dim = n·d.',
  box: BOX,
  initScale: (dim: number, p: Params) => new Float64Array(dim).fill(reluInitScale(p.inputs)),
  dimOf: (p: Params) => p.studentUnits * p.inputs,
  minDim: 1,
  params,
  check(_dim, p) {
    if (p.teacherUnits > p.inputs) {
      return [{ path: ['teacherUnits'], message: `an orthonormal teacher has at most d = ${p.inputs} units (inputs); got ${p.teacherUnits}` }];
    }
    return [];
  },
  memoryBytes: (_dim, p) => 8 * (2 * (p.studentUnits + p.teacherUnits) * p.inputs + 4 * p.studentUnits + 16),
  create(dim, p, rng) {
    const d = p.inputs;
    const n = p.studentUnits;
    const k = p.teacherUnits;
    if (dim !== n * d) throw new Error(`relu-teacher-student: dim ${dim} is not studentUnits × inputs = ${n * d}`);
    let teacher: Float64Array;
    if (p.teacher === 'identity') {
      teacher = new Float64Array(k * d);
      for (let j = 0; j < k; j++) teacher[j * d + j] = 1;
    } else {
      teacher = randomOrthonormal(k, d, rng);
    }
    // Unit vectors: rows 0…n−1 the student's (refreshed per evaluation), rows n…n+k−1 the teacher's.
    const units = new Float64Array((n + k) * d);
    units.set(teacher, n * d);
    const norms = new Float64Array(n + k).fill(1);
    const trig = new Float64Array(2);
    // Σⱼⱼ' K(vⱼ, vⱼ') for orthonormal v: k/2 on the diagonal, 1/(2π) for each ordered pair j ≠ j'.
    const teacherTerm = k / 2 + k * (k - 1) * INV_2PI;

    /** Loss at the student in x[offset…]; with `out`, also ∂L/∂w into out[0…dim). */
    const evaluate = (x: Float64Array, offset: number, out: Float64Array | null): number => {
      for (let i = 0; i < n; i++) {
        const row = offset + i * d;
        let s = 0;
        for (let t = 0; t < d; t++) s += x[row + t] * x[row + t];
        const norm = Math.sqrt(s);
        norms[i] = norm;
        const inv = norm > 0 ? 1 / norm : 0;
        for (let t = 0; t < d; t++) units[i * d + t] = x[row + t] * inv;
      }
      if (out) out.fill(0, 0, dim);
      let self = 0;
      let cross = 0;
      for (let i = 0; i < n; i++) {
        const ni = norms[i];
        self += 0.5 * ni * ni;
        if (out) for (let t = 0; t < d; t++) out[i * d + t] += 0.5 * x[offset + i * d + t];
        if (ni === 0) continue;
        // Pairs with other student units, each once: K counts twice in Σᵢᵢ' and ½ L halves it back.
        for (let i2 = i + 1; i2 < n; i2++) {
          const nj = norms[i2];
          if (nj === 0) continue;
          const a = angular(units, i * d, i2 * d, d, trig);
          self += 2 * ni * nj * INV_2PI * a;
          if (out) {
            // ∂K(wᵢ, wᵢ₂)/∂wᵢ = (|wᵢ₂| sin θ ūᵢ + (π − θ) wᵢ₂)/2π, and symmetrically for wᵢ₂.
            const sin = trig[0];
            const rest = trig[1];
            for (let t = 0; t < d; t++) {
              out[i * d + t] += INV_2PI * (nj * sin * units[i * d + t] + rest * nj * units[i2 * d + t]);
              out[i2 * d + t] += INV_2PI * (ni * sin * units[i2 * d + t] + rest * ni * units[i * d + t]);
            }
          }
        }
        for (let j = 0; j < k; j++) {
          const a = angular(units, i * d, (n + j) * d, d, trig);
          cross += ni * INV_2PI * a;
          if (out) {
            const sin = trig[0];
            const rest = trig[1];
            const v = (n + j) * d;
            for (let t = 0; t < d; t++) out[i * d + t] -= INV_2PI * (sin * units[i * d + t] + rest * units[v + t]);
          }
        }
      }
      return 0.5 * self - cross + 0.5 * teacherTerm;
    };

    let optimum: Float64Array | undefined;
    if (n >= k) {
      optimum = new Float64Array(dim);
      optimum.set(teacher);
    }
    return {
      id: 'relu-teacher-student',
      space: 'continuous',
      dim,
      reading: 'loss',
      gradientCost: 2,
      lower: BOX[0],
      upper: BOX[1],
      ...(optimum && { optimumFitness: 0, optimum }),
      fitnessAt(x, offset) {
        return -evaluate(x, offset, null);
      },
      gradient(x, out) {
        const loss = evaluate(x, 0, out);
        for (let i = 0; i < dim; i++) out[i] = -out[i];
        return -loss;
      },
    };
  },
});

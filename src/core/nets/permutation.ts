/**
 * Permutation symmetry of fully connected networks, and weight matching (Ainsworth, Hayase & Srinivasa 2023, ICLR,
 * "Git Re-Basin: merging models modulo permutation symmetries").
 *
 * Reordering the units of a hidden layer — their incoming weights (a column of W_l), their biases (b_l) and their
 * outgoing weights (a row of W_{l+1}) together — leaves the function a network computes unchanged: every network
 * is one of ∏ n_l! equivalent points of weight space. Weight matching picks, for network b, the equivalent point
 * closest to network a: it maximises Σ_l ⟨W_l^a, P_l W_l^b P_{l−1}ᵀ⟩ (biases included) over permutations P_l.
 * With one hidden layer that is one linear assignment problem; with several, it is solved by coordinate descent
 * (one layer's assignment with the others held fixed, sweeping the layers until no permutation changes), as in the
 * paper. Residual networks share one permutation across residual-connected layers; that coupled problem is not
 * implemented here and `weightMatching` refuses them.
 *
 * Layout (mlp-net.ts): weights are [W0 (n0 × n1, row-major), b0, W1, b1, …], one linear output. A permutation of
 * hidden layer h (width m) is an Int32Array `perm` of length m: unit j of the permuted network is unit perm[j] of
 * the original.
 */
import { type Architecture, layerSizes, parameterCount } from './mlp-net.ts';

/**
 * Minimum-cost linear assignment on an n × n matrix (row-major Float64Array): the Hungarian method with potentials
 * and shortest augmenting paths (Kuhn 1955; Munkres 1957; the O(n³) form of Jonker & Volgenant 1987 / Edmonds &
 * Karp 1972). Ties are broken towards the lowest column index (strict comparisons), so equal inputs give equal
 * assignments. The workspace is allocated once for the largest n; `solve` allocates nothing.
 */
export class AssignmentSolver {
  private readonly u: Float64Array;
  private readonly v: Float64Array;
  private readonly minv: Float64Array;
  private readonly p: Int32Array;
  private readonly way: Int32Array;
  private readonly used: Uint8Array;

  constructor(readonly maxSize: number) {
    const m = maxSize + 1;
    this.u = new Float64Array(m);
    this.v = new Float64Array(m);
    this.minv = new Float64Array(m);
    this.p = new Int32Array(m);
    this.way = new Int32Array(m);
    this.used = new Uint8Array(m);
  }

  /**
   * Writes into `out[0 .. n)` the column assigned to each row so that Σ_i cost[i·n + out[i]] is least; returns that
   * sum. Costs must be finite.
   */
  solve(cost: Float64Array, n: number, out: Int32Array): number {
    if (n > this.maxSize) throw new Error(`assignment of size ${n} exceeds the solver's ${this.maxSize}`);
    if (n === 0) return 0;
    for (let i = 0; i < n * n; i++) if (!Number.isFinite(cost[i])) throw new Error(`assignment cost [${Math.floor(i / n)}, ${i % n}] is ${cost[i]}`);
    const { u, v, minv, p, way, used } = this;
    u.fill(0, 0, n + 1);
    v.fill(0, 0, n + 1);
    p.fill(0, 0, n + 1);
    way.fill(0, 0, n + 1);
    // 1-based rows and columns; column 0 is the virtual start of each augmenting path.
    for (let i = 1; i <= n; i++) {
      p[0] = i;
      let j0 = 0;
      minv.fill(Infinity, 0, n + 1);
      used.fill(0, 0, n + 1);
      do {
        used[j0] = 1;
        const i0 = p[j0];
        const row = (i0 - 1) * n - 1;
        const ui = u[i0];
        let delta = Infinity;
        let j1 = 0;
        for (let j = 1; j <= n; j++) {
          if (used[j]) continue;
          const reduced = cost[row + j] - ui - v[j];
          if (reduced < minv[j]) {
            minv[j] = reduced;
            way[j] = j0;
          }
          if (minv[j] < delta) {
            delta = minv[j];
            j1 = j;
          }
        }
        for (let j = 0; j <= n; j++) {
          if (used[j]) {
            u[p[j]] += delta;
            v[j] -= delta;
          } else minv[j] -= delta;
        }
        j0 = j1;
      } while (p[j0] !== 0);
      do {
        const j1 = way[j0];
        p[j0] = p[j1];
        j0 = j1;
      } while (j0 !== 0);
    }
    let total = 0;
    for (let j = 1; j <= n; j++) {
      out[p[j] - 1] = j - 1;
    }
    for (let i = 0; i < n; i++) total += cost[i * n + out[i]];
    return total;
  }
}

/** Minimum-cost assignment of an n × n cost matrix (allocates a solver; see AssignmentSolver). */
export function solveAssignment(cost: Float64Array, n: number): { assignment: Int32Array; cost: number } {
  const assignment = new Int32Array(n);
  const total = new AssignmentSolver(n).solve(cost, n, assignment);
  return { assignment, cost: total };
}

/** Offsets of W_l and b_l in the flat weight vector. */
function offsets(sizes: readonly number[]): { w: Int32Array; b: Int32Array } {
  const layers = sizes.length - 1;
  const w = new Int32Array(layers);
  const b = new Int32Array(layers);
  let offset = 0;
  for (let l = 0; l < layers; l++) {
    w[l] = offset;
    b[l] = offset + sizes[l] * sizes[l + 1];
    offset += (sizes[l] + 1) * sizes[l + 1];
  }
  return { w, b };
}

/** True when some hidden-to-hidden layer has a skip connection (the rule of mlp-net.ts: equal widths). */
export function hasResidualLayers(arch: Architecture): boolean {
  if (!arch.residual) return false;
  const n = layerSizes(arch);
  for (let l = 1; l + 2 < n.length; l++) if (n[l] === n[l + 1]) return true;
  return false;
}

function checkPermutations(arch: Architecture, perms: readonly Int32Array[]): void {
  if (perms.length !== arch.hidden.length) throw new Error(`${perms.length} permutations for ${arch.hidden.length} hidden layers`);
  for (let h = 0; h < perms.length; h++) {
    const m = arch.hidden[h];
    const perm = perms[h];
    if (perm.length !== m) throw new Error(`permutation of hidden layer ${h} has length ${perm.length}, the layer has ${m} units`);
    const seen = new Uint8Array(m);
    for (let j = 0; j < m; j++) {
      const k = perm[j];
      if (!(k >= 0 && k < m) || seen[k]) throw new Error(`hidden layer ${h}: not a permutation of 0..${m - 1}`);
      seen[k] = 1;
    }
  }
}

/**
 * Writes into `out` the weights `w` with the units of every hidden layer h reordered by `perms[h]` (unit j of the
 * result is unit perms[h][j] of `w`): incoming weights, biases and outgoing weights move together, so the result
 * computes the same function. Residual networks are refused unless every residual-connected pair of layers has the
 * same permutation (which keeps h ← φ(hW + b) + h intact).
 */
export function permuteNetwork(arch: Architecture, w: Float64Array, perms: readonly Int32Array[], out: Float64Array): Float64Array {
  const n = layerSizes(arch);
  const dim = parameterCount(arch);
  if (w.length < dim || out.length < dim) throw new Error(`weights must have ${dim} entries`);
  if (w === out) throw new Error('permuteNetwork cannot work in place');
  checkPermutations(arch, perms);
  if (arch.residual) {
    for (let l = 1; l + 2 < n.length; l++) {
      if (n[l] !== n[l + 1]) continue;
      const p = perms[l - 1];
      const q = perms[l];
      for (let j = 0; j < n[l]; j++) {
        if (p[j] !== q[j]) throw new Error(`residual layers ${l - 1} and ${l} share a skip connection and need the same permutation`);
      }
    }
  }
  const off = offsets(n);
  const layers = n.length - 1;
  for (let l = 0; l < layers; l++) {
    const nin = n[l];
    const nout = n[l + 1];
    const inPerm = l === 0 ? null : perms[l - 1];
    const outPerm = l === layers - 1 ? null : perms[l];
    const wo = off.w[l];
    for (let k = 0; k < nin; k++) {
      const src = wo + (inPerm ? inPerm[k] : k) * nout;
      const dst = wo + k * nout;
      for (let j = 0; j < nout; j++) out[dst + j] = w[src + (outPerm ? outPerm[j] : j)];
    }
    const bo = off.b[l];
    for (let j = 0; j < nout; j++) out[bo + j] = w[bo + (outPerm ? outPerm[j] : j)];
  }
  return out;
}

export interface WeightMatching {
  /** Per hidden layer: unit j of the aligned network is unit permutations[h][j] of b. */
  readonly permutations: Int32Array[];
  /** b with its hidden units reordered (the same function as b). */
  readonly aligned: Float64Array;
  /** Sweeps over the layers, the last of which changed nothing (when converged). */
  readonly sweeps: number;
  readonly converged: boolean;
  /** Σ_l ⟨W_l^a, W_l^aligned⟩ + ⟨b_l^a, b_l^aligned⟩ (the objective the matching maximises). */
  readonly similarity: number;
}

/**
 * Weight matching (Ainsworth et al. 2023, algorithm 1): permutes the hidden units of network `b` to align with
 * network `a`, by coordinate descent over the hidden layers from the identity, each step an exact linear assignment
 * (AssignmentSolver), until a sweep changes no permutation (or `maxSweeps`). Layers are visited in order, input side
 * first (the paper draws a random order; a fixed one keeps the result a function of the weights alone).
 */
export function weightMatching(arch: Architecture, a: Float64Array, b: Float64Array, maxSweeps = 100): WeightMatching {
  if (hasResidualLayers(arch)) {
    throw new Error('weight matching of residual networks is not implemented: residual-connected layers must share one permutation (a coupled assignment problem)');
  }
  const n = layerSizes(arch);
  const dim = parameterCount(arch);
  if (a.length < dim || b.length < dim) throw new Error(`weights must have ${dim} entries`);
  const off = offsets(n);
  const hidden = arch.hidden.length;
  const last = n.length - 2;
  const perms = arch.hidden.map((m) => Int32Array.from({ length: m }, (_, j) => j));
  const widest = hidden ? Math.max(...arch.hidden) : 0;
  const solver = new AssignmentSolver(widest);
  const cost = new Float64Array(widest * widest);
  const next = new Int32Array(widest);
  let sweeps = 0;
  let converged = hidden === 0;
  while (!converged && sweeps < maxSweeps) {
    sweeps++;
    let changed = false;
    for (let h = 0; h < hidden; h++) {
      // Hidden layer h is the output of weight layer h and the input of weight layer h + 1.
      const m = n[h + 1];
      const nin = n[h];
      const nout = n[h + 2];
      const inPerm = h === 0 ? null : perms[h - 1];
      const outPerm = h + 1 === last ? null : perms[h + 1];
      const wIn = off.w[h];
      const bIn = off.b[h];
      const wOut = off.w[h + 1];
      for (let j = 0; j < m; j++) {
        for (let jb = 0; jb < m; jb++) {
          let s = a[bIn + j] * b[bIn + jb];
          for (let k = 0; k < nin; k++) s += a[wIn + k * m + j] * b[wIn + (inPerm ? inPerm[k] : k) * m + jb];
          const ra = wOut + j * nout;
          const rb = wOut + jb * nout;
          for (let q = 0; q < nout; q++) s += a[ra + q] * b[rb + (outPerm ? outPerm[q] : q)];
          cost[j * m + jb] = -s;
        }
      }
      solver.solve(cost, m, next);
      const perm = perms[h];
      for (let j = 0; j < m; j++) {
        if (perm[j] !== next[j]) {
          changed = true;
          perm[j] = next[j];
        }
      }
    }
    if (!changed) converged = true;
  }
  const aligned = permuteNetwork(arch, b, perms, new Float64Array(dim));
  let similarity = 0;
  for (let i = 0; i < dim; i++) similarity += a[i] * aligned[i];
  return { permutations: perms, aligned, sweeps, converged, similarity };
}

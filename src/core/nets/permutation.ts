/**
 * Permutation and sign symmetries of fully connected networks, and weight matching (Ainsworth, Hayase & Srinivasa
 * 2023, ICLR, "Git Re-Basin: merging models modulo permutation symmetries").
 *
 * Reordering the units of a hidden layer — their incoming weights (a column of W_l), their biases (b_l) and their
 * outgoing weights (a row of W_{l+1}) together — leaves the function a network computes unchanged: every network
 * is one of ∏ n_l! equivalent points of weight space. For an odd activation (tanh), negating a unit's incoming
 * weights, bias and outgoing weights together is a second symmetry (tanh(−z) = −tanh(z)), a factor 2^{n_l} more.
 * Weight matching picks, for network b, the equivalent point closest to network a: it maximises
 * Σ_l ⟨W_l^a, P_l W_l^b P_{l−1}ᵀ⟩ (biases included) over permutations P_l — signed permutations when signs are
 * searched. With one hidden layer that is one linear assignment problem; with several, it is solved by coordinate
 * descent (one layer's assignment with the others held fixed, sweeping the layers until none changes), as in the
 * paper.
 *
 * A residual connection h ← φ(hW + b) + h adds a layer's input to its output unit by unit, so the two layers must
 * be reordered (and sign-flipped) alike: residual-connected layers form one class with one shared permutation, the
 * residual stream's. A class's assignment cost is the sum of its layers' similarity matrices. A weight layer inside
 * a class has the class's permutation on both sides, so its term is quadratic in that permutation (a quadratic
 * assignment problem); it is linearised at the current permutation, the other side held as it is. Such a step can
 * overshoot, so a step is kept only when it raises the true objective (else the parts of it that do), and swap/flip
 * local search finishes each sweep: the objective never falls, though nothing guarantees its optimum.
 *
 * Layout (mlp-net.ts): weights are [W0 (n0 × n1, row-major), b0, W1, b1, …], one linear output. A permutation of
 * hidden layer h (width m) is an Int32Array `perm` of length m and its signs an Int8Array of ±1: unit j of the
 * transformed network is signs[j] × unit perm[j] of the original.
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

/**
 * For every hidden layer, the first hidden layer of its class: layers joined by skip connections (mlp-net.ts: with
 * `residual`, hidden layers h and h + 1 of equal widths) must share one permutation and one set of signs. Skip
 * connections only join neighbours, so a class is a run of consecutive layers.
 */
export function permutationClasses(arch: Architecture): Int32Array {
  const hidden = arch.hidden;
  const first = new Int32Array(hidden.length);
  for (let h = 1; h < hidden.length; h++) first[h] = arch.residual && hidden[h] === hidden[h - 1] ? first[h - 1] : h;
  return first;
}

/** True when an activation is odd (φ(−z) = −φ(z)), so that negating a hidden unit is a symmetry. */
export function signFlipsAllowed(arch: Architecture): boolean {
  return arch.activation === 'tanh';
}

function checkTransform(arch: Architecture, perms: readonly Int32Array[], signs: readonly Int8Array[] | undefined): void {
  if (perms.length !== arch.hidden.length) throw new Error(`${perms.length} permutations for ${arch.hidden.length} hidden layers`);
  if (signs && signs.length !== arch.hidden.length) throw new Error(`${signs.length} sign vectors for ${arch.hidden.length} hidden layers`);
  const classes = permutationClasses(arch);
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
    const sign = signs?.[h];
    if (sign) {
      if (sign.length !== m) throw new Error(`signs of hidden layer ${h} have length ${sign.length}, the layer has ${m} units`);
      for (let j = 0; j < m; j++) {
        if (sign[j] !== 1 && sign[j] !== -1) throw new Error(`hidden layer ${h}: sign ${sign[j]} of unit ${j} is not ±1`);
        if (sign[j] === -1 && !signFlipsAllowed(arch)) {
          throw new Error(`hidden layer ${h}: a sign flip preserves the function only for an odd activation (tanh), not ${arch.activation}`);
        }
      }
    }
    if (classes[h] === h) continue;
    // A skip connection adds unit j of layer h − 1 to unit j of layer h: both must move (and flip) alike.
    const p = perms[h - 1];
    const s = signs?.[h - 1];
    for (let j = 0; j < m; j++) {
      if (p[j] !== perm[j]) throw new Error(`residual layers ${h - 1} and ${h} share a skip connection and need the same permutation`);
      if (s && sign && s[j] !== sign[j]) throw new Error(`residual layers ${h - 1} and ${h} share a skip connection and need the same signs`);
    }
  }
}

/**
 * Writes into `out` the weights `w` with the units of every hidden layer h reordered by `perms[h]` and, when given,
 * negated where `signs[h]` is −1 (unit j of the result is signs[h][j] × unit perms[h][j] of `w`): incoming weights,
 * biases and outgoing weights move together, so the result computes the same function. Residual-connected layers
 * must have the same permutation and signs (which keeps h ← φ(hW + b) + h intact); negative signs need tanh.
 */
export function permuteNetwork(
  arch: Architecture,
  w: Float64Array,
  perms: readonly Int32Array[],
  out: Float64Array,
  signs?: readonly Int8Array[],
): Float64Array {
  const n = layerSizes(arch);
  const dim = parameterCount(arch);
  if (w.length < dim || out.length < dim) throw new Error(`weights must have ${dim} entries`);
  if (w === out) throw new Error('permuteNetwork cannot work in place');
  checkTransform(arch, perms, signs);
  transform(n, offsets(n), w, perms, signs, out);
  return out;
}

/** permuteNetwork without the checks: the matching loop calls it once per step on validated state. */
function transform(
  n: readonly number[],
  off: { w: Int32Array; b: Int32Array },
  w: Float64Array,
  perms: readonly Int32Array[],
  signs: readonly Int8Array[] | undefined,
  out: Float64Array,
): void {
  const layers = n.length - 1;
  for (let l = 0; l < layers; l++) {
    const nin = n[l];
    const nout = n[l + 1];
    const inPerm = l === 0 ? null : perms[l - 1];
    const outPerm = l === layers - 1 ? null : perms[l];
    const inSign = l === 0 || !signs ? null : signs[l - 1];
    const outSign = l === layers - 1 || !signs ? null : signs[l];
    const wo = off.w[l];
    for (let k = 0; k < nin; k++) {
      const src = wo + (inPerm ? inPerm[k] : k) * nout;
      const dst = wo + k * nout;
      const sk = inSign ? inSign[k] : 1;
      for (let j = 0; j < nout; j++) out[dst + j] = sk * (outSign ? outSign[j] : 1) * w[src + (outPerm ? outPerm[j] : j)];
    }
    const bo = off.b[l];
    for (let j = 0; j < nout; j++) out[bo + j] = (outSign ? outSign[j] : 1) * w[bo + (outPerm ? outPerm[j] : j)];
  }
}

export interface WeightMatchingOptions {
  /** Search sign flips too (signed permutations). Default: on for tanh, off otherwise; refused unless tanh. */
  readonly signs?: boolean;
  /** Most sweeps over the classes of layers (default 100). */
  readonly maxSweeps?: number;
}

export interface WeightMatching {
  /** Per hidden layer: unit j of the aligned network is signs[h][j] × unit permutations[h][j] of b. */
  readonly permutations: Int32Array[];
  /** Per hidden layer, ±1 (all +1 unless signs were searched). */
  readonly signs: Int8Array[];
  /** b with its hidden units reordered and flipped (the same function as b). */
  readonly aligned: Float64Array;
  /** Sweeps over the classes, the last of which changed nothing (when converged). */
  readonly sweeps: number;
  readonly converged: boolean;
  /** Σ_l ⟨W_l^a, W_l^aligned⟩ + ⟨b_l^a, b_l^aligned⟩ (the objective the matching maximises). */
  readonly similarity: number;
  /** The objective after each sweep (sweep 0: b as it is), non-decreasing; with signs, of the start kept. */
  readonly history: number[];
}

function dot(a: Float64Array, b: Float64Array, dim: number): number {
  let s = 0;
  for (let i = 0; i < dim; i++) s += a[i] * b[i];
  return s;
}

/**
 * Weight matching (Ainsworth et al. 2023, algorithm 1): permutes (and, with `signs`, negates) the hidden units of
 * network `b` to align with network `a`, by coordinate ascent over the classes of hidden layers that share a
 * permutation (permutationClasses), from the identity, each step an exact linear assignment (AssignmentSolver),
 * until a sweep changes nothing (or `maxSweeps`). Classes are visited in order, input side first (the paper draws a
 * random order; a fixed one keeps the result a function of the weights alone).
 */
export function weightMatching(arch: Architecture, a: Float64Array, b: Float64Array, options: WeightMatchingOptions = {}): WeightMatching {
  const searchSigns = options.signs ?? signFlipsAllowed(arch);
  if (searchSigns && !signFlipsAllowed(arch)) {
    throw new Error(`sign search needs an odd activation (tanh): negating a ${arch.activation} unit changes the function`);
  }
  const dim = parameterCount(arch);
  if (a.length < dim || b.length < dim) throw new Error(`weights must have ${dim} entries`);
  const matcher = new Matcher(arch, a, b, options.maxSweeps ?? 100);
  matcher.ascend(false);
  // With signs, two starts, the better kept: signs searched from the permutation-only optimum (so the signed
  // objective is never below the plain one), and from the identity (on trained residual pairs each won sometimes).
  if (searchSigns) matcher.ascend(true);
  let kept = matcher.state();
  if (searchSigns) {
    matcher.reset();
    matcher.ascend(true);
    if (matcher.similarity > kept.similarity) kept = matcher.state();
  }
  const aligned = permuteNetwork(arch, b, kept.permutations, new Float64Array(dim), kept.signs);
  return { ...kept, aligned, similarity: dot(a, aligned, dim) };
}

/** The state and workspace of one weight matching: permutations and signs per class, the objective, scratch. */
class Matcher {
  private readonly n: number[];
  private readonly off: { w: Int32Array; b: Int32Array };
  private readonly dim: number;
  private readonly first: Int32Array;
  /** Per hidden layer; the layers of a class share one array, so a class step updates them all. */
  private readonly perms: Int32Array[] = [];
  private readonly signs: Int8Array[] = [];
  private readonly solver: AssignmentSolver;
  private readonly score: Float64Array;
  private readonly cost: Float64Array;
  private readonly next: Int32Array;
  private readonly nextSign: Int8Array;
  private readonly oldPerm: Int32Array;
  private readonly oldSign: Int8Array;
  private readonly where: Int32Array;
  private readonly visited: Uint8Array;
  private readonly aligned: Float64Array;
  similarity = 0;
  private history: number[] = [];
  private sweeps = 0;
  private converged = false;

  constructor(
    private readonly arch: Architecture,
    private readonly a: Float64Array,
    private readonly b: Float64Array,
    private readonly maxSweeps: number,
  ) {
    this.n = layerSizes(arch);
    this.off = offsets(this.n);
    this.dim = parameterCount(arch);
    this.first = permutationClasses(arch);
    arch.hidden.forEach((m, h) => {
      this.perms.push(this.first[h] === h ? new Int32Array(m) : this.perms[h - 1]);
      this.signs.push(this.first[h] === h ? new Int8Array(m) : this.signs[h - 1]);
    });
    const widest = arch.hidden.length ? Math.max(...arch.hidden) : 0;
    this.solver = new AssignmentSolver(widest);
    this.score = new Float64Array(widest * widest);
    this.cost = new Float64Array(widest * widest);
    this.next = new Int32Array(widest);
    this.nextSign = new Int8Array(widest);
    this.oldPerm = new Int32Array(widest);
    this.oldSign = new Int8Array(widest);
    this.where = new Int32Array(widest);
    this.visited = new Uint8Array(widest);
    this.aligned = new Float64Array(this.dim);
    this.reset();
  }

  /** Back to the identity (b as it is). */
  reset(): void {
    for (let h = 0; h < this.perms.length; h++) {
      for (let j = 0; j < this.perms[h].length; j++) this.perms[h][j] = j;
      this.signs[h].fill(1);
    }
    this.similarity = this.objective();
    this.history = [this.similarity];
    this.sweeps = 0;
  }

  /** A copy of the result so far, separate arrays per layer for the caller. */
  state(): Omit<WeightMatching, 'aligned'> {
    return {
      permutations: this.perms.map((p) => p.slice()),
      signs: this.signs.map((s) => s.slice()),
      sweeps: this.sweeps,
      converged: this.converged,
      similarity: this.similarity,
      history: this.history.slice(),
    };
  }

  /** Coordinate ascent from the current permutations and signs, searching sign flips when `flips`. */
  ascend(flips: boolean): void {
    const hidden = this.arch.hidden.length;
    this.converged = hidden === 0;
    while (!this.converged && this.sweeps < this.maxSweeps) {
      this.sweeps++;
      let changed = false;
      for (let c = 0; c < hidden; c++) {
        if (this.first[c] !== c) continue;
        let end = c + 1;
        while (end < hidden && this.first[end] === c) end++;
        if (this.assign(c, end, flips)) changed = true;
      }
      // Inside residual classes the assignment steps are linearised and stall short of the optimum (measured: half
      // of it on trained 8-wide residual nets); local search on the true objective goes on from there.
      for (let c = 0; c + 1 < hidden; c++) if (this.first[c] === c && this.first[c + 1] === c && this.localSearch(c, flips)) changed = true;
      this.history.push(this.similarity);
      if (!changed) this.converged = true;
    }
  }

  /** Σ_l ⟨W_l^a, W_l^aligned⟩ + ⟨b_l^a, b_l^aligned⟩ for the current permutations and signs. */
  private objective(): number {
    transform(this.n, this.off, this.b, this.perms, this.signs, this.aligned);
    return dot(this.a, this.aligned, this.dim);
  }

  /** Keeps the current state if it raises the objective (strictly: equal objectives could cycle); reports which. */
  private improves(): boolean {
    const value = this.objective();
    if (!(value > this.similarity)) return false;
    this.similarity = value;
    return true;
  }

  /** One assignment step for the class of hidden layers [c, end); true if it changed the state. */
  private assign(c: number, end: number, flips: boolean): boolean {
    const { n, off, a, b, perms, signs, score, cost, next, nextSign, oldPerm, oldSign } = this;
    const last = n.length - 2;
    const m = n[c + 1];
    score.fill(0, 0, m * m);
    for (let h = c; h < end; h++) {
      // Hidden layer h is the output of weight layer h and the input of weight layer h + 1. Inside a class the
      // neighbour's permutation is this class's current one (the linearisation of the quadratic term).
      const nin = n[h];
      const nout = n[h + 2];
      const inPerm = h === 0 ? null : perms[h - 1];
      const inSign = h === 0 ? null : signs[h - 1];
      const outPerm = h + 1 === last ? null : perms[h + 1];
      const outSign = h + 1 === last ? null : signs[h + 1];
      const wIn = off.w[h];
      const bIn = off.b[h];
      const wOut = off.w[h + 1];
      for (let j = 0; j < m; j++) {
        for (let jb = 0; jb < m; jb++) {
          let s = a[bIn + j] * b[bIn + jb];
          for (let k = 0; k < nin; k++) s += a[wIn + k * m + j] * (inSign ? inSign[k] : 1) * b[wIn + (inPerm ? inPerm[k] : k) * m + jb];
          const ra = wOut + j * nout;
          const rb = wOut + jb * nout;
          for (let q = 0; q < nout; q++) s += a[ra + q] * (outSign ? outSign[q] : 1) * b[rb + (outPerm ? outPerm[q] : q)];
          score[j * m + jb] += s;
        }
      }
    }
    // Pairing unit j of a with −(unit jb of b) scores −s: with signs, each pair takes the better of the two.
    for (let i = 0; i < m * m; i++) cost[i] = flips ? -Math.abs(score[i]) : -score[i];
    this.solver.solve(cost, m, next);
    const perm = perms[c];
    const sign = signs[c];
    let differs = false;
    for (let j = 0; j < m; j++) {
      nextSign[j] = flips && score[j * m + next[j]] < 0 ? -1 : 1;
      if (perm[j] !== next[j] || sign[j] !== nextSign[j]) differs = true;
      oldPerm[j] = perm[j];
      oldSign[j] = sign[j];
      perm[j] = next[j];
      sign[j] = nextSign[j];
    }
    if (!differs) return false;
    if (this.improves()) return true;
    for (let j = 0; j < m; j++) {
      perm[j] = oldPerm[j];
      sign[j] = oldSign[j];
    }
    // Without a residual class the step is exact, and an optimum that does not rise is a tie.
    return end - c > 1 && this.splitCycles(c);
  }

  /**
   * The whole linearised step of a residual class overshot: split it into its cycles — sets of units that trade
   * places, and single units that flip — and keep each cycle that raises the objective on its own.
   */
  private splitCycles(c: number): boolean {
    const { next, nextSign, oldPerm, oldSign, where, visited } = this;
    const perm = this.perms[c];
    const sign = this.signs[c];
    const m = perm.length;
    for (let j = 0; j < m; j++) where[oldPerm[j]] = j;
    visited.fill(0, 0, m);
    let changed = false;
    for (let j0 = 0; j0 < m; j0++) {
      if (visited[j0]) continue;
      let moves = false;
      for (let j = j0; !visited[j]; j = where[next[j]]) {
        visited[j] = 1;
        if (perm[j] !== next[j] || sign[j] !== nextSign[j]) moves = true;
        perm[j] = next[j];
        sign[j] = nextSign[j];
      }
      if (!moves) continue;
      const keep = this.improves();
      if (keep) changed = true;
      let j = j0;
      do {
        // Kept: later cycles are judged from here on. Not kept: undone.
        if (keep) {
          oldPerm[j] = perm[j];
          oldSign[j] = sign[j];
        } else {
          perm[j] = oldPerm[j];
          sign[j] = oldSign[j];
        }
        j = where[next[j]];
      } while (j !== j0);
    }
    return changed;
  }

  /**
   * Swaps two units of class c, or (with `flips`) negates one, while a single such move raises the objective. A move
   * changes only the rows and columns of its two units, so its effect is summed over those (`unitTerms`), not over
   * the whole network: a 64-wide, three-layer residual class took seconds with whole-network evaluations.
   */
  private localSearch(c: number, flips: boolean): boolean {
    const perm = this.perms[c];
    const sign = this.signs[c];
    const m = perm.length;
    // A move must gain more than rounding: a swap of two equal units changes nothing but the order of the sums.
    const tolerance = 1e-12 * (1 + Math.abs(this.similarity));
    let changed = false;
    let improved = true;
    while (improved) {
      improved = false;
      for (let i = 0; i < m; i++) {
        for (let j = flips ? i : i + 1; j < m; j++) {
          const before = this.unitTerms(c, i, j);
          const pi = perm[i];
          const si = sign[i];
          // j = i: flip unit i alone.
          if (j === i) sign[i] = -si;
          else {
            perm[i] = perm[j];
            perm[j] = pi;
            sign[i] = sign[j];
            sign[j] = si;
          }
          if (this.unitTerms(c, i, j) - before > tolerance) {
            improved = true;
            changed = true;
            continue;
          }
          if (j !== i) {
            perm[j] = perm[i];
            sign[j] = sign[i];
          }
          perm[i] = pi;
          sign[i] = si;
        }
      }
    }
    if (changed) this.similarity = this.objective();
    return changed;
  }

  /**
   * The part of the objective Σ a·aligned over the weights and biases of units i and j (i may equal j) of class c:
   * their rows and columns in every weight layer the class touches, each entry once.
   */
  private unitTerms(c: number, i: number, j: number): number {
    const { n, off, a, b, perms, signs, first } = this;
    const hidden = perms.length;
    let end = c + 1;
    while (end < hidden && first[end] === c) end++;
    let total = 0;
    for (let l = c; l <= end; l++) {
      const nin = n[l];
      const nout = n[l + 1];
      const inClass = l > c;
      const outClass = l < end;
      const inPerm = l === 0 ? null : perms[l - 1];
      const inSign = l === 0 ? null : signs[l - 1];
      const outPerm = l < hidden ? perms[l] : null;
      const outSign = l < hidden ? signs[l] : null;
      const wo = off.w[l];
      if (inClass) {
        // Rows i and j: the outgoing weights of the two units.
        for (let r = 0; r < (j === i ? 1 : 2); r++) {
          const k = r === 0 ? i : j;
          const sk = inSign![k];
          const ra = wo + k * nout;
          const rb = wo + inPerm![k] * nout;
          for (let q = 0; q < nout; q++) total += a[ra + q] * sk * (outSign ? outSign[q] : 1) * b[rb + (outPerm ? outPerm[q] : q)];
        }
      }
      if (outClass) {
        // Columns i and j (less the entries the rows counted) and the biases: the incoming weights of the two units.
        for (let r = 0; r < (j === i ? 1 : 2); r++) {
          const q = r === 0 ? i : j;
          const sq = outSign![q];
          const pq = outPerm![q];
          for (let k = 0; k < nin; k++) {
            if (inClass && (k === i || k === j)) continue;
            total += a[wo + k * nout + q] * (inSign ? inSign[k] : 1) * sq * b[wo + (inPerm ? inPerm[k] : k) * nout + pq];
          }
          total += a[off.b[l] + q] * sq * b[off.b[l] + pq];
        }
      }
    }
    return total;
  }
}

/**
 * NK landscapes (Kauffman & Weinberger 1989; Kauffman 1993): N loci, each contributing a random value that depends
 * on its own allele and on the alleles of K other loci (the next K loci cyclically, or K drawn at random).
 * K tunes ruggedness from one optimum (K = 0) to house-of-cards (K = N − 1).
 *
 * `neighbours: block` is the block model (Perelson & Macken 1995, PNAS 92:9657): the loci fall into N/(K+1)
 * blocks of K + 1 consecutive loci and each locus's neighbours are the other loci of its block, so the landscape is
 * a sum of independent house-of-cards blocks (N must be divisible by K + 1).
 *
 * Contributions are integers drawn uniformly from [0, 2^24) and fitness is their sum divided by N·2^24, so sums are
 * exact: changing a few loci and updating only the affected contributions (delta evaluation) gives the same double
 * as evaluating from scratch, bit for bit.
 *
 * Neutrality, both off by default (and then not a single extra random draw, so instances are unchanged):
 *  - `p` (NKp; Barnett 1998): each table entry is 0 with probability p, otherwise drawn as above;
 *  - `q` (NKq; Newman & Engelhardt 1998): each table entry is an integer uniform in {0, …, q − 1}, and fitness is
 *    the sum divided by N·(q − 1), so fitness stays in [0, 1] and sums stay exact integers.
 * With both, an entry is 0 with probability p and otherwise uniform in {0, …, q − 1}.
 */
import { z } from 'zod';
import type { Rng } from '../rng.ts';
import { unswapChanges } from './changes.ts';
import { ENUMERATION_LIMIT, enumerateOptimum, spaceSize } from './enumerate.ts';
import { defineLandscape } from './landscape.ts';

const LEVELS = 1 << 24;
/** Largest contribution table per locus (alleles^(K+1) entries). */
const MAX_TABLE = 1 << 22;
/** Work limit (table look-ups) for the dynamic programme that finds the optimum of adjacent neighbourhoods. */
const DP_LIMIT = 1 << 28;

const params = z.strictObject({
  k: z.int().min(0).default(2).describe('Epistatic neighbours per locus (0 ≤ K ≤ N − 1): ruggedness.'),
  neighbours: z
    .enum(['adjacent', 'random', 'block'])
    .default('random')
    .describe(
      'adjacent: the next K loci, cyclically; random: K distinct other loci drawn per locus; block: the other loci of the ' +
        'locus’s block of K + 1 consecutive loci (Perelson & Macken 1995; N divisible by K + 1).',
    ),
  alleles: z.int().min(2).max(16).default(2).describe('Alleles per locus (2 = bit strings).'),
  p: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('NKp neutrality (Barnett 1998): each contribution-table entry is 0 with this probability. Default: off.'),
  q: z
    .int()
    .min(2)
    .max(LEVELS)
    .optional()
    .describe('NKq neutrality (Newman & Engelhardt 1998): contributions are integers uniform in {0, …, q − 1}. Default: off.'),
});

export const nk = defineLandscape({
  id: 'nk',
  title: 'NK',
  space: 'discrete',
  summary: 'Kauffman’s tunably rugged landscape: each locus interacts with K others.',
  minDim: 1,
  params,
  check(dim, p) {
    if (p.k > dim - 1) return [{ path: ['k'], message: `k must be at most dim − 1 = ${dim - 1}, got ${p.k}` }];
    if (p.neighbours === 'block' && dim % (p.k + 1) !== 0) {
      return [{ path: ['neighbours'], message: `block neighbourhoods need dim divisible by k + 1 = ${p.k + 1}; dim is ${dim}` }];
    }
    if (Math.pow(p.alleles, p.k + 1) > MAX_TABLE) {
      return [{ path: ['k'], message: `alleles^(k+1) = ${p.alleles}^${p.k + 1} exceeds the table limit of 2^22 entries per locus` }];
    }
    return [];
  },
  memoryBytes: (dim, p) => dim * (4 * Math.pow(p.alleles, p.k + 1) + 12 * (p.k + 1) + 12),
  create(dim, p, rng) {
    return createNk(dim, p.k, p.neighbours, p.alleles, rng, { p: p.p, q: p.q });
  },
});

/** How the K neighbours of each locus are chosen. */
export type NkNeighbours = 'adjacent' | 'random' | 'block';

function drawNeighbours(n: number, k: number, kind: NkNeighbours, rng: Rng): Int32Array {
  const nb = new Int32Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      if (kind === 'adjacent') {
        nb[i * k + j] = (i + 1 + j) % n;
        continue;
      }
      if (kind === 'block') {
        // The other K loci of i's block, in increasing order.
        const first = i - (i % (k + 1));
        nb[i * k + j] = first + j + (first + j >= i ? 1 : 0);
        continue;
      }
      let candidate: number;
      let taken: boolean;
      do {
        candidate = rng.int(n);
        taken = candidate === i;
        for (let q = 0; q < j && !taken; q++) taken = nb[i * k + q] === candidate;
      } while (taken);
      nb[i * k + j] = candidate;
    }
  }
  return nb;
}

/** For each locus, the contributions that read it (itself and every locus that lists it as a neighbour), as CSR. */
function dependents(n: number, k: number, nb: Int32Array): { offsets: Int32Array; list: Int32Array } {
  const counts = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    counts[i + 1]++;
    for (let j = 0; j < k; j++) counts[nb[i * k + j] + 1]++;
  }
  for (let i = 0; i < n; i++) counts[i + 1] += counts[i];
  const fill = counts.slice(0, n);
  const list = new Int32Array(counts[n]);
  for (let i = 0; i < n; i++) {
    list[fill[i]++] = i;
    for (let j = 0; j < k; j++) list[fill[nb[i * k + j]]++] = i;
  }
  return { offsets: counts, list };
}

/** Neutrality of the contribution tables (both off when absent). */
export interface NkNeutrality {
  /** NKp: probability that a table entry is 0. */
  readonly p?: number;
  /** NKq: entries are integers uniform in {0, …, q − 1}. */
  readonly q?: number;
}

/** Fills the contribution tables; without neutrality exactly the draws of the original NK (one uint32 per entry). */
function drawTable(table: Int32Array, rng: Rng, neutrality: NkNeutrality): void {
  const p = neutrality.p ?? 0;
  const q = neutrality.q;
  if (p === 0 && q === undefined) {
    for (let i = 0; i < table.length; i++) table[i] = rng.uint32() >>> 8;
    return;
  }
  for (let i = 0; i < table.length; i++) {
    if (p > 0 && rng.uniform() < p) table[i] = 0;
    else table[i] = q === undefined ? rng.uint32() >>> 8 : rng.int(q);
  }
}

export function createNk(n: number, k: number, kind: NkNeighbours, alleles: number, rng: Rng, neutrality: NkNeutrality = {}) {
  if (kind === 'block' && n % (k + 1) !== 0) throw new Error(`block neighbourhoods need N divisible by K + 1 = ${k + 1}; N is ${n}`);
  const tableSize = Math.pow(alleles, k + 1);
  const nb = drawNeighbours(n, k, kind, rng);
  const table = new Int32Array(n * tableSize);
  drawTable(table, rng, neutrality);
  // Fitness = (sum of contributions) / (N · largest contribution), in [0, 1].
  const denominator = n * (neutrality.q === undefined ? LEVELS : neutrality.q - 1);
  const deps = dependents(n, k, nb);
  const stamp = new Int32Array(n);
  const affected = new Int32Array(n);
  let epoch = 0;
  const binary = alleles === 2;

  const contribution = (x: Uint8Array, offset: number, i: number): number => {
    let index = x[offset + i];
    const base = i * k;
    if (binary) for (let j = 0; j < k; j++) index = (index << 1) | x[offset + nb[base + j]];
    else for (let j = 0; j < k; j++) index = index * alleles + x[offset + nb[base + j]];
    return table[i * tableSize + index];
  };

  const fitnessAt = binary ? binaryFitness(n, k, nb, table, denominator) : (x: Uint8Array, offset: number): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += contribution(x, offset, i);
    return sum / denominator;
  };

  const deltaFitness = (
    x: Uint8Array,
    offset: number,
    fx: number,
    loci: Int32Array,
    values: Uint8Array,
    from: number,
    to: number,
  ): number => {
    if (++epoch === 0x7fffffff) {
      stamp.fill(0);
      epoch = 1;
    }
    let count = 0;
    for (let c = from; c < to; c++) {
      const locus = loci[c];
      for (let d = deps.offsets[locus], end = deps.offsets[locus + 1]; d < end; d++) {
        const i = deps.list[d];
        if (stamp[i] !== epoch) {
          stamp[i] = epoch;
          affected[count++] = i;
        }
      }
    }
    let diff = 0;
    for (let a = 0; a < count; a++) diff -= contribution(x, offset, affected[a]);
    for (let c = from; c < to; c++) {
      const at = offset + loci[c];
      const old = x[at];
      x[at] = values[c];
      values[c] = old;
    }
    for (let a = 0; a < count; a++) diff += contribution(x, offset, affected[a]);
    unswapChanges(x, offset, loci, values, from, to);
    // fx·N·2^24 is within N·2^-28 of the exact integer sum, so rounding recovers it for any N below 2^27.
    return (Math.round(fx * denominator) + diff) / denominator;
  };

  let optimum: { fitness: number; genes: Uint8Array } | undefined;
  if (kind === 'block') {
    const best = blockOptimum(n, k, alleles, nb, table);
    optimum = { fitness: best.sum / denominator, genes: best.genes };
  } else if (kind === 'adjacent' && n >= 2 * k && n * Math.pow(alleles, 2 * k + 1) <= DP_LIMIT) {
    const best = adjacentOptimum(n, k, alleles, table);
    optimum = { fitness: best.sum / denominator, genes: best.genes };
  } else if (spaceSize(alleles, n) <= ENUMERATION_LIMIT) {
    optimum = enumerateOptimum(alleles, n, fitnessAt);
  }

  return {
    id: 'nk',
    space: 'discrete' as const,
    dim: n,
    alleles,
    reading: 'fitness' as const,
    gradientCost: 1,
    optimumFitness: optimum?.fitness,
    optimum: optimum?.genes,
    /** Neighbour loci of each locus, row-major n × k (for docs, views and tests). */
    neighbours: nb,
    fitnessAt,
    fitnessMany: binary && k <= 7 ? binaryFitnessMany(n, k, nb, table, denominator, fitnessAt) : undefined,
    deltaFitness,
  };
}

/** Loci whose contributions (each below 2^24) can be summed in a 32-bit integer without overflow. */
const INT_CHUNK = 127;

/**
 * The fitness function of a binary NK landscape: the sum of the contributions table[i][x_i x_nb1 … x_nbK] (bits,
 * most significant first) over N, with loops specialised for K = 2, 3, 4 and a generic one. Contributions are
 * integers, summed exactly in 32-bit chunks of 127 loci, so every variant returns the same double.
 */
function binaryFitness(n: number, k: number, nb: Int32Array, table: Int32Array, denominator: number) {
  if (k === 4) {
    return (x: Uint8Array, o: number): number => {
      let total = 0;
      for (let start = 0; start < n; start += INT_CHUNK) {
        const end = Math.min(n, start + INT_CHUNK);
        let sum = 0;
        for (let i = start, t = start << 5, b = start << 2; i < end; i = (i + 1) | 0, t = (t + 32) | 0, b = (b + 4) | 0) {
          const index =
            (x[(o + i) | 0] << 4) |
            (x[(o + nb[b]) | 0] << 3) |
            (x[(o + nb[(b + 1) | 0]) | 0] << 2) |
            (x[(o + nb[(b + 2) | 0]) | 0] << 1) |
            x[(o + nb[(b + 3) | 0]) | 0];
          sum = (sum + table[(t + index) | 0]) | 0;
        }
        total += sum;
      }
      return total / denominator;
    };
  }
  if (k === 3) {
    return (x: Uint8Array, o: number): number => {
      let total = 0;
      for (let start = 0; start < n; start += INT_CHUNK) {
        const end = Math.min(n, start + INT_CHUNK);
        let sum = 0;
        for (let i = start, t = start << 4, b = start * 3; i < end; i = (i + 1) | 0, t = (t + 16) | 0, b = (b + 3) | 0) {
          const index =
            (x[(o + i) | 0] << 3) | (x[(o + nb[b]) | 0] << 2) | (x[(o + nb[(b + 1) | 0]) | 0] << 1) | x[(o + nb[(b + 2) | 0]) | 0];
          sum = (sum + table[(t + index) | 0]) | 0;
        }
        total += sum;
      }
      return total / denominator;
    };
  }
  if (k === 2) {
    return (x: Uint8Array, o: number): number => {
      let total = 0;
      for (let start = 0; start < n; start += INT_CHUNK) {
        const end = Math.min(n, start + INT_CHUNK);
        let sum = 0;
        for (let i = start, t = start << 3, b = start << 1; i < end; i = (i + 1) | 0, t = (t + 8) | 0, b = (b + 2) | 0) {
          const index = (x[(o + i) | 0] << 2) | (x[(o + nb[b]) | 0] << 1) | x[(o + nb[(b + 1) | 0]) | 0];
          sum = (sum + table[(t + index) | 0]) | 0;
        }
        total += sum;
      }
      return total / denominator;
    };
  }
  const tableSize = 1 << (k + 1);
  return (x: Uint8Array, o: number): number => {
    let total = 0;
    for (let start = 0; start < n; start += INT_CHUNK) {
      const end = Math.min(n, start + INT_CHUNK);
      let sum = 0;
      for (let i = start, t = start * tableSize, b = start * k; i < end; i++, t += tableSize) {
        let index = x[o + i];
        for (let j = 0; j < k; j++, b++) index = (index << 1) | x[o + nb[b]];
        sum = (sum + table[t + index]) | 0;
      }
      total += sum;
    }
    return total / denominator;
  };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const wordViews = new WeakMap<ArrayBufferLike, Int32Array>();

/** A buffer as 32-bit words (cached per buffer, so batches allocate nothing). */
function wordsOf(buffer: ArrayBufferLike): Int32Array {
  let view = wordViews.get(buffer);
  if (!view) {
    view = new Int32Array(buffer, 0, buffer.byteLength >> 2);
    wordViews.set(buffer, view);
  }
  return view;
}
/** SPREAD[m] has byte j equal to bit j of m (0 ≤ m < 16). */
const SPREAD = Int32Array.from({ length: 16 }, (_, m) => (m & 1) | ((m & 2) << 7) | ((m & 4) << 14) | ((m & 8) << 21));

/**
 * Batch evaluation of binary NK genotypes, four at a time: a 32-bit word per locus holds that locus's bit for the
 * four genotypes (one per byte), so one pass over the neighbour lists builds all four table indices at once (each
 * below 2^(K+1) ≤ 256, so the bytes never carry into each other). Rows are read as 32-bit words and transposed
 * through SPREAD. Sums are the same integer sums as `fitnessAt`'s, so the results are equal bit for bit. Rows that
 * do not fill a group of four, unaligned batches and big-endian machines go through `fitnessAt`.
 */
function binaryFitnessMany(
  n: number,
  k: number,
  nb: Int32Array,
  table: Int32Array,
  denominator: number,
  fitnessAt: (x: Uint8Array, offset: number) => number,
) {
  const lanes = new Int32Array(n + 3);
  const words = n >> 2;
  const shift = k + 1;
  return (genes: Uint8Array, offset: number, count: number, out: Float64Array): void => {
    let c = 0;
    const start = genes.byteOffset + offset;
    if (LITTLE_ENDIAN && n % 4 === 0 && start % 4 === 0) {
      const x = wordsOf(genes.buffer);
      const base = start >> 2;
      for (; c + 3 < count; c += 4) {
        const q0 = base + c * words;
        const q1 = q0 + words;
        const q2 = q1 + words;
        const q3 = q2 + words;
        for (let q = 0; q < words; q++) {
          const v = x[q0 + q] | (x[q1 + q] << 1) | (x[q2 + q] << 2) | (x[q3 + q] << 3);
          const i = q << 2;
          lanes[i] = SPREAD[v & 15];
          lanes[i + 1] = SPREAD[(v >>> 8) & 15];
          lanes[i + 2] = SPREAD[(v >>> 16) & 15];
          lanes[i + 3] = SPREAD[(v >>> 24) & 15];
        }
        let t0 = 0;
        let t1 = 0;
        let t2 = 0;
        let t3 = 0;
        for (let from = 0; from < n; from += INT_CHUNK) {
          const end = Math.min(n, from + INT_CHUNK);
          let s0 = 0;
          let s1 = 0;
          let s2 = 0;
          let s3 = 0;
          if (k === 4) {
            for (let i = from, t = from << 5, b = from << 2; i < end; i = (i + 1) | 0, t = (t + 32) | 0, b = (b + 4) | 0) {
              const v =
                (lanes[i] << 4) |
                (lanes[nb[b]] << 3) |
                (lanes[nb[(b + 1) | 0]] << 2) |
                (lanes[nb[(b + 2) | 0]] << 1) |
                lanes[nb[(b + 3) | 0]];
              s0 = (s0 + table[(t + (v & 255)) | 0]) | 0;
              s1 = (s1 + table[(t + ((v >>> 8) & 255)) | 0]) | 0;
              s2 = (s2 + table[(t + ((v >>> 16) & 255)) | 0]) | 0;
              s3 = (s3 + table[(t + (v >>> 24)) | 0]) | 0;
            }
          } else {
            for (let i = from, t = from << shift, b = from * k; i < end; i++, t += 1 << shift) {
              let v = lanes[i];
              for (let j = 0; j < k; j++, b++) v = (v << 1) | lanes[nb[b]];
              s0 = (s0 + table[t + (v & 255)]) | 0;
              s1 = (s1 + table[t + ((v >>> 8) & 255)]) | 0;
              s2 = (s2 + table[t + ((v >>> 16) & 255)]) | 0;
              s3 = (s3 + table[t + (v >>> 24)]) | 0;
            }
          }
          t0 += s0;
          t1 += s1;
          t2 += s2;
          t3 += s3;
        }
        out[c] = t0 / denominator;
        out[c + 1] = t1 / denominator;
        out[c + 2] = t2 / denominator;
        out[c + 3] = t3 / denominator;
      }
    }
    for (; c < count; c++) out[c] = fitnessAt(genes, offset + c * n);
  };
}

/**
 * The exact optimum of a block NK landscape: blocks share no loci and no contributions, so each block is maximised
 * on its own over its A^(K+1) block genotypes (ties: the first in odometer order), N/(K+1) · A^(K+1) · (K+1) work.
 */
function blockOptimum(n: number, k: number, alleles: number, nb: Int32Array, table: Int32Array): { sum: number; genes: Uint8Array } {
  const width = k + 1;
  const tableSize = Math.pow(alleles, width);
  const genes = new Uint8Array(n);
  const x = new Uint8Array(n);
  let sum = 0;
  for (let first = 0; first < n; first += width) {
    let best = -1;
    let bestCode = 0;
    for (let code = 0; code < tableSize; code++) {
      for (let j = width - 1, rest = code; j >= 0; j--, rest = Math.floor(rest / alleles)) x[first + j] = rest % alleles;
      let total = 0;
      for (let i = first; i < first + width; i++) {
        let index = x[i];
        for (let j = 0; j < k; j++) index = index * alleles + x[nb[i * k + j]];
        total += table[i * tableSize + index];
      }
      if (total > best) {
        best = total;
        bestCode = code;
      }
    }
    for (let j = width - 1, rest = bestCode; j >= 0; j--, rest = Math.floor(rest / alleles)) genes[first + j] = rest % alleles;
    sum += best;
  }
  return { sum, genes };
}

/**
 * The exact optimum of an NK landscape with adjacent (cyclic) neighbourhoods by dynamic programming over windows of
 * K loci, after fixing the first K loci (Weinberger 1996): N · A^(2K+1) work instead of A^N. Needs N ≥ 2K.
 */
function adjacentOptimum(n: number, k: number, alleles: number, table: Int32Array): { sum: number; genes: Uint8Array } {
  const states = Math.pow(alleles, k);
  const tableSize = states * alleles;
  let value = new Float64Array(states);
  let next = new Float64Array(states);
  const back = new Int32Array(n * states);
  let bestSum = -1;
  const bestGenes = new Uint8Array(n);
  for (let prefix = 0; prefix < states; prefix++) {
    value.fill(-Infinity);
    value[prefix] = 0;
    for (let p = k; p < n; p++) {
      next.fill(-Infinity);
      const row = (p - k) * tableSize;
      for (let s = 0; s < states; s++) {
        const v = value[s];
        if (v === -Infinity) continue;
        for (let g = 0; g < alleles; g++) {
          const window = s * alleles + g;
          const ns = window % states;
          const candidate = v + table[row + window];
          if (candidate > next[ns]) {
            next[ns] = candidate;
            back[p * states + ns] = s;
          }
        }
      }
      [value, next] = [next, value];
    }
    // The last K contributions wrap around: their windows read the final K loci followed by the first K loci.
    for (let s = 0; s < states; s++) {
      if (value[s] === -Infinity) continue;
      const joined = s * states + prefix;
      let total = value[s];
      for (let t = 0; t < k; t++) {
        const window = Math.floor(joined / Math.pow(alleles, k - 1 - t)) % tableSize;
        total += table[(n - k + t) * tableSize + window];
      }
      if (total > bestSum) {
        bestSum = total;
        let state = s;
        for (let p = n - 1; p >= k; p--) {
          bestGenes[p] = state % alleles;
          state = back[p * states + state];
        }
        for (let q = k - 1, rest = prefix; q >= 0; q--, rest = Math.floor(rest / alleles)) bestGenes[q] = rest % alleles;
      }
    }
  }
  return { sum: bestSum, genes: bestGenes };
}

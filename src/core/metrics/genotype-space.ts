/**
 * A whole discrete genotype space in memory: the fitness of every genotype of a landscape with alleles^N ≤ 2^20,
 * indexed by the genotype read as a number in base A with locus 0 as the lowest digit (for bit strings: bit i is
 * locus i, as in `hypercube.ts`). Exact landscape measures (local optima, accessibility, walk expectations) are
 * graph algorithms on this array and the Hamming graph of one-mutant steps.
 */
import { ENUMERATION_LIMIT, spaceSize } from '../landscapes/enumerate.ts';
import type { DiscreteLandscape } from '../landscapes/landscape.ts';

/** Largest genotype space the exact measures enumerate: 2^20 genotypes (the landscapes' own enumeration limit). */
export const EXACT_LIMIT = ENUMERATION_LIMIT;

export interface GenotypeSpace {
  readonly dim: number;
  readonly alleles: number;
  /** alleles^dim. */
  readonly size: number;
  /** Fitness of every genotype by index; NaN and ±∞ are stored as −∞ (never fitter than anything, as in runs). */
  readonly fitness: Float64Array;
  /** strides[i] = alleles^i, the index step of locus i. */
  readonly strides: Int32Array;
  /** The largest fitness in the space. */
  readonly maxFitness: number;
}

/** True when every genotype of an alleles^dim space fits the exact measures' enumeration. */
export function canEnumerate(alleles: number, dim: number): boolean {
  return spaceSize(alleles, dim) <= EXACT_LIMIT;
}

/** Evaluates every genotype of a small landscape (alleles^dim ≤ 2^20). */
export function enumerateSpace(landscape: DiscreteLandscape): GenotypeSpace {
  const { dim, alleles } = landscape;
  if (!canEnumerate(alleles, dim)) throw new Error(`${alleles}^${dim} genotypes are more than the 2^20 the exact measures enumerate`);
  const size = Math.pow(alleles, dim);
  const strides = new Int32Array(dim);
  for (let i = 0, s = 1; i < dim; i++, s *= alleles) strides[i] = s;
  const fitness = new Float64Array(size);
  const x = new Uint8Array(dim);
  let maxFitness = -Infinity;
  for (let g = 0; g < size; g++) {
    const f = landscape.fitnessAt(x, 0);
    const value = f - f === 0 ? f : -Infinity;
    fitness[g] = value;
    if (value > maxFitness) maxFitness = value;
    // Odometer with locus 0 fastest, so that the index of x is g.
    let i = 0;
    while (i < dim && x[i] === alleles - 1) x[i++] = 0;
    if (i < dim) x[i]++;
  }
  return { dim, alleles, size, fitness, strides, maxFitness };
}

const orders = new WeakMap<GenotypeSpace, Uint32Array>();

/** Bits shift … shift + 10 of the 64-bit key (hi, lo). */
function digit(hi: number, lo: number, shift: number): number {
  if (shift >= 32) return (hi >>> (shift - 32)) & 0x7ff;
  if (shift + 11 <= 32) return (lo >>> shift) & 0x7ff;
  return ((lo >>> shift) | (hi << (32 - shift))) & 0x7ff;
}
/** Spaces up to this size are ordered by a comparison sort, larger ones by radix sort. */
const SMALL_SORT = 2048;

/**
 * Every genotype index, fittest first (equal fitness in no particular order): processing genotypes in this order,
 * each one comes after all its strictly fitter neighbours, the order of the uphill dynamic programmes. A radix sort
 * on the bits of the doubles (six 11-bit passes over a monotone unsigned key), O(size), or a comparison sort for
 * small spaces; cached per space.
 */
export function fitnessOrder(space: GenotypeSpace): Uint32Array {
  const cached = orders.get(space);
  if (cached) return cached;
  const n = space.size;
  if (n <= SMALL_SORT) {
    // The radix sort's 65,536 buckets per pass would dominate the cost of small spaces.
    const { fitness } = space;
    const small = new Uint32Array(n);
    for (let i = 0; i < n; i++) small[i] = i;
    small.sort((a, b) => (fitness[a] < fitness[b] ? 1 : fitness[a] > fitness[b] ? -1 : a - b));
    orders.set(space, small);
    return small;
  }
  const words = new Uint32Array(space.fitness.buffer, space.fitness.byteOffset, 2 * n);
  const little = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  const hiKey = new Uint32Array(n);
  const loKey = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let hi = words[2 * i + (little ? 1 : 0)];
    let lo = words[2 * i + (little ? 0 : 1)];
    // Negative doubles: flip every bit; non-negative: flip the sign bit. The key then orders as the value does.
    if (hi & 0x80000000) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    } else {
      hi = (hi | 0x80000000) >>> 0;
    }
    hiKey[i] = hi;
    loKey[i] = lo;
  }
  // LSD radix sort on 11-bit digits (six passes cover the 64 bits), moving the keys with the indices so that every
  // pass reads sequentially.
  let index = new Uint32Array(n);
  let hiA = hiKey;
  let loA = loKey;
  let indexB = new Uint32Array(n);
  let hiB = new Uint32Array(n);
  let loB = new Uint32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  const counts = new Uint32Array(2049);
  for (let shift = 0; shift < 64; shift += 11) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[digit(hiA[i], loA[i], shift) + 1]++;
    for (let k = 0; k < 2048; k++) counts[k + 1] += counts[k];
    for (let i = 0; i < n; i++) {
      const at = counts[digit(hiA[i], loA[i], shift)]++;
      indexB[at] = index[i];
      hiB[at] = hiA[i];
      loB[at] = loA[i];
    }
    [index, indexB] = [indexB, index];
    [hiA, hiB] = [hiB, hiA];
    [loA, loB] = [loB, loA];
  }
  const a = index;
  a.reverse();
  orders.set(space, a);
  return a;
}

/** Uphill structure of a space, computed once in index order (where memory access is cheap) and cached. */
export interface UphillMoves {
  /**
   * Bit k set when the neighbour written k-th by `neighboursOf` is strictly fitter; present when a neighbourhood
   * has at most 32 genotypes (always for bit strings up to N = 20).
   */
  readonly fitterMask?: Uint32Array;
  /** The fittest strictly fitter neighbour when it is unique; −1 when no neighbour is fitter; −2 when several tie. */
  readonly greedyNext: Int32Array;
}

const uphill = new WeakMap<GenotypeSpace, UphillMoves>();

export function uphillMoves(space: GenotypeSpace): UphillMoves {
  const cached = uphill.get(space);
  if (cached) return cached;
  const { fitness, size } = space;
  const nb = neighbourBuffer(space);
  const fitterMask = nb.length <= 32 ? new Uint32Array(size) : undefined;
  const greedyNext = new Int32Array(size);
  if (space.alleles === 2) {
    // Bit strings: neighbour k of g is g ^ 2^k, no neighbour list needed (same order as `neighboursOf`).
    const dim = space.dim;
    for (let g = 0; g < size; g++) {
      const f = fitness[g];
      let mask = 0;
      let best = f;
      let next = -1;
      for (let k = 0; k < dim; k++) {
        const n = g ^ (1 << k);
        const h = fitness[n];
        if (h > f) {
          mask |= 1 << k;
          if (h > best) {
            best = h;
            next = n;
          } else if (h === best) {
            next = -2;
          }
        }
      }
      fitterMask![g] = mask;
      greedyNext[g] = next;
    }
    const moves = { fitterMask, greedyNext };
    uphill.set(space, moves);
    return moves;
  }
  for (let g = 0; g < size; g++) {
    const f = fitness[g];
    const m = neighboursOf(space, g, nb);
    let mask = 0;
    let best = f;
    let next = -1;
    for (let k = 0; k < m; k++) {
      const h = fitness[nb[k]];
      if (h > f) mask |= 1 << k;
      if (h > best) {
        best = h;
        next = nb[k];
      } else if (h === best && next !== -1) {
        next = -2;
      }
    }
    if (fitterMask) fitterMask[g] = mask;
    greedyNext[g] = next;
  }
  const moves = { fitterMask, greedyNext };
  uphill.set(space, moves);
  return moves;
}

/** The index of a genotype. */
export function indexOf(space: GenotypeSpace, genes: Uint8Array): number {
  let g = 0;
  for (let i = 0; i < space.dim; i++) g += genes[i] * space.strides[i];
  return g;
}

/** Writes the genotype of index `g` into `out`. */
export function genotypeOf(space: GenotypeSpace, g: number, out: Uint8Array): Uint8Array {
  for (let i = 0, rest = g; i < space.dim; i++, rest = Math.floor(rest / space.alleles)) out[i] = rest % space.alleles;
  return out;
}

/** Writes the indices of the N(A − 1) one-mutant neighbours of `g` into `out`; returns their number. */
export function neighboursOf(space: GenotypeSpace, g: number, out: Int32Array): number {
  const { dim, alleles, strides } = space;
  if (alleles === 2) {
    for (let i = 0; i < dim; i++) out[i] = g ^ (1 << i);
    return dim;
  }
  let count = 0;
  for (let i = 0; i < dim; i++) {
    const s = strides[i];
    const digit = Math.floor(g / s) % alleles;
    const base = g - digit * s;
    for (let a = 0; a < alleles; a++) if (a !== digit) out[count++] = base + a * s;
  }
  return count;
}

/** A scratch array that holds one neighbourhood of the space. */
export function neighbourBuffer(space: GenotypeSpace): Int32Array {
  return new Int32Array(space.dim * (space.alleles - 1));
}

/**
 * The index of the global optimum the measures refer to: the landscape's declared optimum when it has the largest
 * fitness in the space (for a mapped landscape, the map's preimage of the phenotype optimum), otherwise the first
 * genotype of largest fitness in index order.
 */
export function globalOptimumIndex(space: GenotypeSpace, landscape: DiscreteLandscape): number {
  if (landscape.optimum && landscape.optimum.length === space.dim) {
    const g = indexOf(space, landscape.optimum);
    if (space.fitness[g] === space.maxFitness) return g;
  }
  for (let g = 0; g < space.size; g++) if (space.fitness[g] === space.maxFitness) return g;
  return 0;
}

/**
 * The antipode of a genotype: every locus changed, locus i to allele (x_i + 1) mod A — the complement for bit
 * strings. It is at Hamming distance N, the largest possible; with A > 2 alleles it is one of the (A − 1)^N genotypes
 * at that distance, chosen by this fixed rule.
 */
export function antipode(genes: Uint8Array, alleles: number): Uint8Array {
  const out = new Uint8Array(genes.length);
  for (let i = 0; i < genes.length; i++) out[i] = (genes[i] + 1) % alleles;
  return out;
}

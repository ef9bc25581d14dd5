/**
 * Random fields over genotype space without a table: a genotype's value is a hash of its genes under the
 * instance's seed words. This lets house-of-cards and rough-Mount-Fuji landscapes have any dimension while every
 * genotype keeps one fixed, effectively independent random value. The mixing is MurmurHash3's (Appleby 2011).
 */

function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finalise(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MurmurHash3 (x86, 32-bit) of the genes at genes[offset .. offset + dim), seeded. */
export function hashGenes(genes: Uint8Array, offset: number, dim: number, seed: number): number {
  let h = seed | 0;
  const end = offset + dim;
  let i = offset;
  for (; i + 4 <= end; i += 4) {
    h = mix(h, genes[i] | (genes[i + 1] << 8) | (genes[i + 2] << 16) | (genes[i + 3] << 24));
  }
  if (i < end) {
    let k = 0;
    for (let shift = 0; i < end; i++, shift += 8) k |= genes[i] << shift;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
  }
  return finalise(h, dim);
}

const TWO_POW_21 = 2097152;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;

/** A uniform value in [0, 1) on a grid of 2^-53, fixed for each genotype by two seed words. */
export function uniformOfGenes(genes: Uint8Array, offset: number, dim: number, seedA: number, seedB: number): number {
  const a = hashGenes(genes, offset, dim, seedA);
  const b = hashGenes(genes, offset, dim, seedB);
  return (a * TWO_POW_21 + (b >>> 11)) * TWO_POW_MINUS_53;
}

/** A standard normal value fixed for each genotype, by Box–Muller on three seeded hashes. */
export function normalOfGenes(genes: Uint8Array, offset: number, dim: number, seeds: Uint32Array): number {
  const u1 = 1 - uniformOfGenes(genes, offset, dim, seeds[0], seeds[1]);
  const u2 = hashGenes(genes, offset, dim, seeds[2]) / 4294967296;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

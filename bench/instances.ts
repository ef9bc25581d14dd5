/**
 * The peers' shared instance generator (Mulberry32, see peers/README.md "Shared instance generator"), so that our
 * engine solves the same NK instance as the DEAP, numpy and JS peers. `MulberryRng` is an `Rng` whose draws come
 * from Mulberry32: given to `createNk`, it draws the peers' neighbour lists (j = ⌊uniform·N⌋ until K distinct loci
 * other than i) and, in the same order, the contribution tables — ours are integers ⌊u32 / 2^8⌋ = ⌊uniform·2^24⌋,
 * i.e. the peers' uniform table quantised to 24 bits (NK fitness in Hyperclimb is an exact integer sum).
 */
import { createNk } from '../src/core/landscapes/nk.ts';
import { Rng } from '../src/core/rng.ts';

export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

export class MulberryRng extends Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    super(`mulberry32:${seed}`);
    this.next = mulberry32(seed);
  }

  override uniform(): number {
    return this.next() / 4294967296;
  }

  override uint32(): number {
    return this.next();
  }

  override int(n: number): number {
    return Math.floor(this.uniform() * n);
  }
}

/** The peers' ga_nk instance (N = 64, K = 4, random neighbours, Mulberry32 seed 1) as a Hyperclimb landscape. */
export function peerNkInstance(n = 64, k = 4, seed = 1) {
  return createNk(n, k, 'random', 2, new MulberryRng(seed));
}

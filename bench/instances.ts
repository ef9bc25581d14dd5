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

/** The peers' instance normals (lib/common.mjs `InstanceRng`): Mulberry32 uniforms through Box–Muller, pairs cached. */
class InstanceNormals {
  private readonly u32: () => number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.u32 = mulberry32(seed);
  }

  normal(): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return z;
    }
    const u1 = (this.u32() + 1) / 4294967296;
    const u2 = this.u32() / 4294967296;
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }
}

/**
 * The gd_mlp peers' teacher–student instance (peers/README.md, lib/common.mjs `mlpInstance`): X (n × d) and the
 * targets y = tanh(X W1t + b1t) W2t, and the student's start W1 (d × h, row k·h + j), W2 (h), biases 0 — laid out
 * as an `mlp` weight vector [W1, b1, W2, b2].
 */
export function peerMlpInstance(n = 2048, d = 20, h = 64, seed = 3): { x: Float64Array; y: Float64Array; x0: Float64Array } {
  const r = new InstanceNormals(seed);
  const x = new Float64Array(n * d);
  for (let i = 0; i < n * d; i++) x[i] = r.normal();
  const w1t = new Float64Array(d * h);
  const b1t = new Float64Array(h);
  const w2t = new Float64Array(h);
  for (let i = 0; i < d * h; i++) w1t[i] = r.normal() / Math.sqrt(d);
  for (let j = 0; j < h; j++) b1t[j] = 0.1 * r.normal();
  for (let j = 0; j < h; j++) w2t[j] = r.normal() / Math.sqrt(h);
  const x0 = new Float64Array(d * h + h + h + 1);
  for (let i = 0; i < d * h; i++) x0[i] = r.normal() / Math.sqrt(d);
  for (let j = 0; j < h; j++) x0[d * h + h + j] = r.normal() / Math.sqrt(h);
  const y = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    let acc = 0;
    for (let j = 0; j < h; j++) {
      let z = b1t[j];
      for (let k = 0; k < d; k++) z += x[s * d + k] * w1t[k * h + j];
      acc += Math.tanh(z) * w2t[j];
    }
    y[s] = acc;
  }
  return { x, y, x0 };
}

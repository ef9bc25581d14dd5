/**
 * Seeded random streams. Every random draw in Hyperclimb goes through an `Rng` made from a string seed, so a
 * scenario's seed fixes every number on every machine. The generator is seedrandom's xor4096 (Brent's xorgens,
 * period 2^4096 − 1), chosen for its statistical quality and speed in V8 (see TOOLCHAIN.md); one generator type
 * everywhere keeps the hot call sites monomorphic.
 */
import seedrandom from 'seedrandom';

/** The complete state of an `Rng`, plain data: it survives structured cloning and JSON. */
export interface RngState {
  readonly i: number;
  readonly w: number;
  readonly X: number[];
  /** The second normal of the last polar pair, or null when none is cached. */
  readonly spare: number | null;
}

interface Xor4096 {
  (): number;
  int32(): number;
  state(): { i: number; w: number; X: number[] };
}

const TWO_POW_MINUS_32 = 1 / 4294967296;

export class Rng {
  private readonly nextInt32: () => number;
  private readonly generator: Xor4096;
  private spare = 0;
  private hasSpare = false;

  /** A stream seeded by `seed`, or resumed from `state` when given. */
  constructor(seed: string, state?: RngState) {
    const saved = state ? { i: state.i, w: state.w, X: state.X.slice() } : true;
    this.generator = seedrandom.xor4096(seed, { state: saved as true }) as unknown as Xor4096;
    this.nextInt32 = this.generator.int32;
    if (state && state.spare !== null) {
      this.spare = state.spare;
      this.hasSpare = true;
    }
  }

  /** Uniform in [0, 1) on a grid of 2^-32. */
  uniform(): number {
    return (this.nextInt32() >>> 0) * TWO_POW_MINUS_32;
  }

  /** Uniform 32-bit unsigned integer. */
  uint32(): number {
    return this.nextInt32() >>> 0;
  }

  /** Uniform integer in [0, n) for 1 ≤ n ≤ 2^32; the bias is below n / 2^32. */
  int(n: number): number {
    return Math.floor((this.nextInt32() >>> 0) * TWO_POW_MINUS_32 * n);
  }

  /** Standard normal by Marsaglia's polar method (only log and sqrt, which V8 computes identically everywhere). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = (this.nextInt32() >>> 0) * TWO_POW_MINUS_32 * 2 - 1;
      v = (this.nextInt32() >>> 0) * TWO_POW_MINUS_32 * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * m;
    this.hasSpare = true;
    return u * m;
  }

  /**
   * Fills `out[from..to)` with standard normals: the numbers `normal()` would give one call at a time, in that order
   * (a cached spare first, a pair's second number cached when it falls past `to`), but both numbers of each polar
   * pair stored in one pass, which spares a call and a branch per number in CMA-ES's λN draws per generation.
   */
  fillNormal(out: Float64Array, from = 0, to = out.length): void {
    let i = from;
    if (this.hasSpare && i < to) {
      this.hasSpare = false;
      out[i++] = this.spare;
    }
    const next = this.nextInt32;
    for (; i < to; i += 2) {
      let u: number;
      let v: number;
      let s: number;
      do {
        u = (next() >>> 0) * TWO_POW_MINUS_32 * 2 - 1;
        v = (next() >>> 0) * TWO_POW_MINUS_32 * 2 - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const m = Math.sqrt((-2 * Math.log(s)) / s);
      out[i] = u * m;
      if (i + 1 < to) out[i + 1] = v * m;
      else {
        this.spare = v * m;
        this.hasSpare = true;
      }
    }
  }

  /** A copy of the full state, from which `new Rng('', state)` continues the same stream. */
  state(): RngState {
    const g = this.generator.state();
    return { i: g.i, w: g.w, X: g.X, spare: this.hasSpare ? this.spare : null };
  }
}

/**
 * The seed string of a purpose-specific stream: the same (seed, parts) always gives the same stream, and different
 * parts give independent streams. Parts name the purpose and identity, e.g. ('landscape', replicate).
 */
export function streamSeed(seed: string | number, ...parts: (string | number)[]): string {
  return [String(seed), ...parts.map(String)].join('\u241f');
}

/** A stream for `parts` under `seed` (see `streamSeed`). */
export function deriveRng(seed: string | number, ...parts: (string | number)[]): Rng {
  return new Rng(streamSeed(seed, ...parts));
}

/**
 * The fitness of every one-mutant neighbour of a genotype, for measures that sample genotypes of spaces too large
 * to enumerate. Moves are numbered as in `neighbourhood.ts` (move m changes locus ⌊m/(A−1)⌋); landscapes with delta
 * evaluation use it. The evaluations are the observer's: they are not charged to any budget.
 */
import type { DiscreteLandscape } from '../landscapes/landscape.ts';
import { moveLocus, moveValue, neighbourCount } from '../landscapes/neighbourhood.ts';

/** Evaluates neighbourhoods of one landscape with preallocated scratch space. */
export class NeighbourFitness {
  readonly count: number;
  /** The fitness of neighbour m after `evaluate`; NaN and ±∞ are stored as −∞. */
  readonly values: Float64Array;
  private readonly loci = new Int32Array(1);
  private readonly alleleOf = new Uint8Array(1);

  constructor(private readonly landscape: DiscreteLandscape) {
    this.count = neighbourCount(landscape.dim, landscape.alleles);
    this.values = new Float64Array(this.count);
  }

  /** Fills `values` with the fitness of every neighbour of x (whose fitness is fx); x is left unchanged. */
  evaluate(x: Uint8Array, fx: number): Float64Array {
    const { landscape, loci, alleleOf, values } = this;
    const alleles = landscape.alleles;
    for (let m = 0; m < this.count; m++) {
      const locus = moveLocus(m, alleles);
      const allele = moveValue(x, m, alleles);
      let f: number;
      if (landscape.deltaFitness && Number.isFinite(fx)) {
        loci[0] = locus;
        alleleOf[0] = allele;
        f = landscape.deltaFitness(x, 0, fx, loci, alleleOf, 0, 1);
      } else {
        const old = x[locus];
        x[locus] = allele;
        f = landscape.fitnessAt(x, 0);
        x[locus] = old;
      }
      values[m] = f - f === 0 ? f : -Infinity;
    }
    return values;
  }

  /** Changes x into its neighbour m. */
  apply(x: Uint8Array, m: number): void {
    const alleles = this.landscape.alleles;
    x[moveLocus(m, alleles)] = moveValue(x, m, alleles);
  }
}

/** The fitness of a genotype with NaN and ±∞ read as −∞. */
export function finiteFitness(landscape: DiscreteLandscape, x: Uint8Array): number {
  const f = landscape.fitnessAt(x, 0);
  return f - f === 0 ? f : -Infinity;
}

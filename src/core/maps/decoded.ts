/**
 * Genotype landscapes that decode each genotype into a phenotype and ask the phenotype landscape. Maps supply the
 * decoder (and, for continuous spaces, the transpose of its Jacobian for gradients); evaluation, optimum, reading
 * and, for landscapes with training examples, minibatch gradients and the test loss come from here once.
 */
import type { ContinuousLandscape, DiscreteLandscape, Landscape } from '../landscapes/landscape.ts';
import type { SpaceShape } from './map.ts';

export interface ContinuousDecoder {
  /** Writes the phenotype of genes[offset .. offset + genotypeDim) into `phenotype`. */
  decode(genes: Float64Array, offset: number, phenotype: Float64Array): void;
  /** Writes Jᵀ·gPhenotype (the genotype gradient) into `out`, for the genotype `genes`. */
  pullBack(genes: Float64Array, gPhenotype: Float64Array, out: Float64Array): void;
  /** A genotype whose phenotype is `x`, if the map can invert it. */
  preimage?(x: Float64Array): Float64Array;
}

export interface DiscreteDecoder {
  decode(genes: Uint8Array, offset: number, phenotype: Uint8Array): void;
  preimage?(x: Uint8Array): Uint8Array;
}

export function decodedContinuous(id: string, phenotype: ContinuousLandscape, shape: SpaceShape, decoder: ContinuousDecoder): ContinuousLandscape {
  const x = new Float64Array(phenotype.dim);
  const gx = new Float64Array(phenotype.dim);
  const fitnessAt = (genes: Float64Array, offset: number) => {
    decoder.decode(genes, offset, x);
    return phenotype.fitnessAt(x, 0);
  };
  const base = phenotype.gradient;
  const minibatch = phenotype.minibatchGradient;
  const test = phenotype.testFitness;
  return {
    id: `${phenotype.id}+${id}`,
    space: 'continuous',
    dim: shape.dim,
    reading: phenotype.reading,
    gradientCost: phenotype.gradientCost,
    lower: shape.lower,
    upper: shape.upper,
    optimumFitness: phenotype.optimumFitness,
    optimum: phenotype.optimum && decoder.preimage ? decoder.preimage(phenotype.optimum) : undefined,
    phenotype,
    decode: (genes, offset, out) => decoder.decode(genes, offset, out),
    fitnessAt,
    gradient: base
      ? (genes, out) => {
          decoder.decode(genes, 0, x);
          const f = base.call(phenotype, x, gx);
          decoder.pullBack(genes, gx, out);
          return f;
        }
      : undefined,
    // The phenotype's examples, read through the map: a minibatch of the genotype is a minibatch of the network.
    samples: phenotype.samples,
    minibatchGradient: minibatch
      ? (genes, indices, from, to, out) => {
          decoder.decode(genes, 0, x);
          const f = minibatch.call(phenotype, x, indices, from, to, gx);
          decoder.pullBack(genes, gx, out);
          return f;
        }
      : undefined,
    testFitness: test
      ? (genes, offset) => {
          decoder.decode(genes, offset, x);
          return test.call(phenotype, x, 0);
        }
      : undefined,
  };
}

export function decodedDiscrete(id: string, phenotype: DiscreteLandscape, shape: SpaceShape, decoder: DiscreteDecoder): DiscreteLandscape {
  const x = new Uint8Array(phenotype.dim);
  return {
    id: `${phenotype.id}+${id}`,
    space: 'discrete',
    dim: shape.dim,
    alleles: shape.alleles,
    reading: phenotype.reading,
    gradientCost: phenotype.gradientCost,
    optimumFitness: phenotype.optimumFitness,
    optimum: phenotype.optimum && decoder.preimage ? decoder.preimage(phenotype.optimum) : undefined,
    phenotype,
    decode: (genes, offset, out) => decoder.decode(genes, offset, out),
    fitnessAt(genes, offset) {
      decoder.decode(genes, offset, x);
      return phenotype.fitnessAt(x, 0);
    },
  };
}

/** Whichever of the two a phenotype needs. */
export function decoded(id: string, phenotype: Landscape, shape: SpaceShape, decoders: { continuous?: ContinuousDecoder; discrete?: DiscreteDecoder }): Landscape {
  if (phenotype.space === 'continuous') {
    if (!decoders.continuous) throw new Error(`the ${id} map does not work on continuous landscapes`);
    return decodedContinuous(id, phenotype, shape, decoders.continuous);
  }
  if (!decoders.discrete) throw new Error(`the ${id} map does not work on discrete landscapes`);
  return decodedDiscrete(id, phenotype, shape, decoders.discrete);
}

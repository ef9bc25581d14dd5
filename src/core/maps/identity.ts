/** The identity map: the genotype is the phenotype. What a scenario without `map:` uses. */
import { z } from 'zod';
import { defineMap } from './map.ts';

export const identity = defineMap({
  id: 'identity',
  title: 'Identity',
  summary: 'Genotype = phenotype: no added dimensions, no redundancy.',
  params: z.strictObject({}),
  genotypeDim: (phenotypeDim) => phenotypeDim,
  memoryBytes: () => 0,
  create: (phenotype) => phenotype,
});

/** The identity map: the genotype is the phenotype. What a scenario without `map:` uses. */
import { z } from 'zod';
import { defineMap } from './map.ts';

export const identity = defineMap({
  id: 'identity',
  title: 'Identity',
  summary: 'Genotype = phenotype: no added dimensions, no redundancy.',
  spaces: ['continuous', 'discrete'],
  params: z.strictObject({}),
  genotype: (phenotype) => phenotype,
  initScale: (scale) => scale,
  memoryBytes: () => 0,
  create: (phenotype) => phenotype,
});

/**
 * The quantitative-genetics estimate of Nilsson & Pelger (1994, "A pessimistic estimate of the time required for an
 * eye to evolve", Proc. R. Soc. Lond. B 256:53–58). The eye's transformation is counted in steps of 1% change of
 * some structure; the breeder's equation (Falconer) gives the change per generation as a fraction of the trait's
 * mean, R = h²·i·CV; and a change by 1.01^steps takes n generations with (1 + R)^n = 1.01^steps.
 */

/** The paper's assumptions: heritability, selection intensity and coefficient of variation. */
export interface GeneticsAssumptions {
  readonly heritability: number;
  readonly selectionIntensity: number;
  readonly coefficientOfVariation: number;
}

export const PAPER_ASSUMPTIONS: GeneticsAssumptions = { heritability: 0.5, selectionIntensity: 0.01, coefficientOfVariation: 0.01 };

/** The paper's stages (Fig. 2): 1% steps between consecutive drawings of the eye, from the flat patch to the lens eye. */
export const PAPER_STAGE_STEPS: readonly number[] = [176, 362, 270, 225, 203, 365, 228];

/** The paper's total: 1829 steps of 1%. */
export const PAPER_STEPS = 1829;

/** The paper's estimate of generations, 363,992. */
export const PAPER_GENERATIONS = 363_992;

/** Change of the trait's mean per generation, as a fraction of the mean: R = h²·i·CV (0.00005 with the paper's values). */
export function responsePerGeneration(a: GeneticsAssumptions): number {
  return a.heritability * a.selectionIntensity * a.coefficientOfVariation;
}

/** Steps of `stepFraction` (default 1%) that multiply a structure by `ratio`: ln ratio / ln(1 + stepFraction). */
export function stepsForRatio(ratio: number, stepFraction = 0.01): number {
  return Math.abs(Math.log(ratio)) / Math.log1p(stepFraction);
}

/**
 * Generations for `steps` changes of 1% (fractional; the paper rounds): n with (1 + R)^n = 1.01^steps, i.e.
 * n = steps · ln 1.01 / ln(1 + h²·i·CV).
 */
export function generationsFor(steps: number, a: GeneticsAssumptions = PAPER_ASSUMPTIONS, stepFraction = 0.01): number {
  const R = responsePerGeneration(a);
  if (!(R > 0)) throw new RangeError(`the response per generation h²·i·CV must be positive, got ${R}`);
  return (steps * Math.log1p(stepFraction)) / Math.log1p(R);
}

export interface NilssonPelgerEstimate {
  readonly assumptions: GeneticsAssumptions;
  readonly steps: number;
  /** Total change of the structures, 1.01^steps. */
  readonly totalChange: number;
  readonly responsePerGeneration: number;
  /** Generations, rounded to the nearest whole generation. */
  readonly generations: number;
  /** Generations per stage, rounded, when stage steps are given. */
  readonly stageGenerations?: readonly number[];
}

/** The estimate for `steps` (default: the paper's 1829) under the given assumptions. */
export function nilssonPelgerEstimate(
  assumptions: GeneticsAssumptions = PAPER_ASSUMPTIONS,
  steps: number = PAPER_STEPS,
  stageSteps?: readonly number[],
): NilssonPelgerEstimate {
  return {
    assumptions,
    steps,
    totalChange: Math.pow(1.01, steps),
    responsePerGeneration: responsePerGeneration(assumptions),
    generations: Math.round(generationsFor(steps, assumptions)),
    ...(stageSteps && { stageGenerations: stageSteps.map((s) => Math.round(generationsFor(s, assumptions))) }),
  };
}

/**
 * The eye view's feed: each racer's best eye read as it improves, the stage it is at and the evaluations by which it
 * first reached each stage (stamped at the generation, not the frame), and a racer's eye in cross-section on request.
 */
import { crossSection } from '../../src/core/eye/cross-section.ts';
import { foldTrait } from '../../src/core/eye/optics.ts';
import { EYE_STAGES, eyeStageIndex } from '../../src/core/eye/stage.ts';
import type { EyeLandscape } from '../../src/core/landscapes/eye.ts';
import type { ContinuousLandscape, Landscape } from '../../src/core/landscapes/landscape.ts';
import { racerRun, type Feed, type LiveRace } from './feed.ts';

/** Buffers made once per race: 3 traits per racer, its stage, the evaluations each stage was first reached by (NaN: not yet). */
interface EyeRecord {
  eye: EyeLandscape;
  traits: Float64Array;
  decoded: Float64Array;
  stage: Int8Array;
  reached: Float64Array;
  /** Each racer's improvement count when its eye was last read. */
  improvements: Int32Array;
}

/** The eye landscape a race's genotypes are read as (directly or through a map), or undefined. */
function eyeOf(landscape: Landscape): EyeLandscape | undefined {
  if (landscape.space !== 'continuous') return undefined;
  const phenotype = landscape.phenotype ?? landscape;
  return phenotype.id === 'eye' && 'optics' in phenotype ? (phenotype as EyeLandscape) : undefined;
}

export const eyeFeed: Feed<'eye', EyeRecord> = {
  id: 'eye',

  available: (race) => (eyeOf(race.landscape) ? true : 'the eye view draws the eye landscape'),

  open(race) {
    const racers = race.session.runs[0].length;
    const record: EyeRecord = {
      eye: eyeOf(race.landscape)!,
      traits: new Float64Array(3 * racers),
      decoded: new Float64Array(3),
      stage: new Int8Array(racers),
      reached: new Float64Array(EYE_STAGES.length * racers).fill(NaN),
      improvements: new Int32Array(racers),
    };
    race.session.runs[0].forEach((run, k) => eyeFeed.afterGeneration!(record, race, k, run));
    return record;
  },

  /** An improved best eye is read again (the others cannot have changed stage). */
  afterGeneration(record, race, k, run) {
    if (run.improvements === record.improvements[k]) return;
    record.improvements[k] = run.improvements;
    readEye(record, race, k);
  },

  /** Racer `racer`'s best eye so far in cross-section (default: racer 0), and where every racer is on the stages. */
  fetch(record, race, { racer = 0 }) {
    const run = racerRun(race, racer);
    // Outside [0, 1] a value reads as its reflection (docs/eye.md): the eye drawn and described is the one the optics see.
    const traits = Float64Array.from(record.traits.subarray(3 * racer, 3 * racer + 3), foldTrait);
    const section = crossSection(record.eye.optics, traits);
    const stages = EYE_STAGES.length;
    return {
      racer,
      label: run.spec.optimizer.label,
      evaluations: run.evaluations,
      traits: [traits[0], traits[1], traits[2]],
      acuity: section.shape.acuity,
      bestAcuity: record.eye.optimumFitness ?? null,
      section,
      racers: race.session.runs[0].map((other, k) => ({
        label: other.spec.optimizer.label,
        stage: record.stage[k],
        evaluations: other.evaluations,
        reached: Array.from(record.reached.subarray(k * stages, (k + 1) * stages), (e) => (Number.isNaN(e) ? null : e)),
      })),
    };
  },
};

/**
 * Reads racer k's best genotype as an eye and notes the stage it is at; a stage reached for the first time (or
 * passed over) is stamped with the racer's evaluations so far, so the timeline's resolution is one generation.
 */
function readEye(record: EyeRecord, race: LiveRace, k: number): void {
  const run = race.session.runs[0][k];
  const genes = run.bestGenes() as Float64Array;
  const landscape = race.landscape as ContinuousLandscape;
  const x = landscape.decode ? record.decoded : genes;
  landscape.decode?.(genes, 0, record.decoded);
  for (let i = 0; i < 3; i++) record.traits[3 * k + i] = x[i];
  const stage = eyeStageIndex(record.eye.optics, record.traits, 3 * k);
  record.stage[k] = stage;
  const base = k * EYE_STAGES.length;
  for (let i = 0; i <= stage; i++) if (Number.isNaN(record.reached[base + i])) record.reached[base + i] = run.evaluations;
}

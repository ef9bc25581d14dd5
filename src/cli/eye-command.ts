/**
 * `hyperclimb eye`: Nilsson & Pelger's (1994) estimate of the time an eye takes to evolve, for the paper's 1829 steps
 * of 1% and for the 1% path of this project's eye landscape, under chosen genetics (docs/eye.md).
 */
import { parseArgs } from 'node:util';
import {
  generationsFor,
  nilssonPelgerEstimate,
  responsePerGeneration,
  PAPER_ASSUMPTIONS,
  PAPER_STAGE_STEPS,
  PAPER_STEPS,
  type GeneticsAssumptions,
} from '../core/eye/nilsson-pelger.ts';
import { eyeOptimum } from '../core/eye/optimum.ts';
import { onePercentPath } from '../core/eye/path.ts';
import { eye, eyeOptics } from '../core/landscapes/eye.ts';
import { UsageError } from './usage.ts';

export const EYE_USAGE = `  hyperclimb eye [--heritability H] [--selection I] [--cv V] [--steps S] [--light N] [--contrast C] [--json]
      Nilsson & Pelger's (1994) estimate: generations n with (1 + h²·i·CV)^n = 1.01^steps, for the paper's
      1829 steps of 1% (or --steps S) and for the 1% path of the eye landscape (fields light and contrast).
      Defaults are the paper's: heritability 0.5, selection intensity 0.01, coefficient of variation 0.01.`;

interface Streams {
  stdout: NodeJS.WritableStream;
}

function number(text: string | undefined, flag: string, fallback: number, ok: (v: number) => boolean, what: string): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || !ok(v)) throw new UsageError(`${flag} needs ${what}, got '${text}'`);
  return v;
}

const fmt = (v: number): string => Math.round(v).toLocaleString('en-US');

/** Runs `hyperclimb eye` with its arguments; returns the exit code. */
export function eyeFromArgs(args: string[], streams: Streams): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      heritability: { type: 'string' },
      selection: { type: 'string' },
      cv: { type: 'string' },
      steps: { type: 'string' },
      light: { type: 'string' },
      contrast: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length) throw new UsageError(`eye takes no file, got '${positionals[0]}'`);
  const a: GeneticsAssumptions = {
    heritability: number(values.heritability, '--heritability', PAPER_ASSUMPTIONS.heritability, (v) => v > 0 && v <= 1, 'a heritability in (0, 1]'),
    selectionIntensity: number(values.selection, '--selection', PAPER_ASSUMPTIONS.selectionIntensity, (v) => v > 0 && v <= 10, 'a selection intensity in (0, 10]'),
    coefficientOfVariation: number(values.cv, '--cv', PAPER_ASSUMPTIONS.coefficientOfVariation, (v) => v > 0 && v <= 10, 'a coefficient of variation in (0, 10]'),
  };
  const steps = number(values.steps, '--steps', PAPER_STEPS, (v) => Number.isInteger(v) && v >= 1 && v <= 1e9, 'a whole number of steps of at least 1');
  // Each flag can be in range while their product underflows (1e-200 · 1e-200) or the count overflows a double.
  const response = responsePerGeneration(a);
  if (!(response > 0) || !Number.isFinite(generationsFor(steps, a))) {
    throw new UsageError(
      `--heritability ${a.heritability}, --selection ${a.selectionIntensity}, --cv ${a.coefficientOfVariation}: the response per generation h²·i·CV = ${response} is too small for a finite number of generations; choose larger values`,
    );
  }
  const fields = eye.params.safeParse({
    ...(values.light !== undefined && { light: Number(values.light) }),
    ...(values.contrast !== undefined && { contrast: Number(values.contrast) }),
  });
  if (!fields.success) throw new UsageError(`--light must be in (0, 1e12] and --contrast in (0, 1]: ${fields.error.issues[0].message}`);
  const optics = eyeOptics(fields.data);

  const paperStages = steps === PAPER_STEPS ? PAPER_STAGE_STEPS : undefined;
  const paper = nilssonPelgerEstimate(a, steps, paperStages);
  const path = onePercentPath(optics);
  const best = eyeOptimum(optics);
  const model = nilssonPelgerEstimate(a, path.steps);

  if (values.json) {
    const out = {
      assumptions: a,
      responsePerGeneration: paper.responsePerGeneration,
      paper: { steps, ...(paperStages && { stageSteps: paperStages, stageGenerations: paper.stageGenerations }), totalChange: paper.totalChange, generations: paper.generations },
      model: {
        light: fields.data.light,
        contrast: fields.data.contrast,
        steps: path.steps,
        stepsBy: path.stepsBy,
        stages: path.stages.map((s) => ({ trait: s.trait, steps: s.steps })),
        acuityStart: path.acuityStart,
        acuityEnd: path.acuityEnd,
        optimumAcuity: best.acuity,
        generations: model.generations,
      },
    };
    streams.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  const R = paper.responsePerGeneration;
  const lines = [
    'Nilsson & Pelger (1994), "A pessimistic estimate of the time required for an eye to evolve"',
    `  steps of 1%:              ${fmt(steps)}${paperStages ? ` (the paper's stages: ${paperStages.join(' + ')})` : ' (given)'}`,
    `  total change:             1.01^${steps} = ${paper.totalChange < 1e15 ? fmt(paper.totalChange) : paper.totalChange.toExponential(4)}`,
    `  change per generation:    R = h²·i·CV = ${a.heritability} × ${a.selectionIntensity} × ${a.coefficientOfVariation} = ${Number(R.toPrecision(6))} (${Number((100 * R).toPrecision(6))}%)`,
    `  generations:              n = ${steps} · ln 1.01 / ln(1 + R) = ${fmt(paper.generations)}`,
    ...(paper.stageGenerations ? [`  per stage:                ${paper.stageGenerations.map(fmt).join(' + ')}`] : []),
    `This project's eye landscape (light N = ${fields.data.light} photons/µm², contrast c = ${fields.data.contrast}):`,
    `  1% steps from a flat patch, each sharpening the eye: ${fmt(path.steps)} (cup ${path.stepsBy.cup}, aperture ${path.stepsBy.aperture}, lens ${path.stepsBy.lens})`,
    `  stages:                   ${path.stages.map((s) => `${s.trait} ${s.steps}`).join(', ')}`,
    `  acuity:                   ${path.acuityStart.toPrecision(3)} → ${path.acuityEnd.toPrecision(4)} cycles/rad (best possible ${best.acuity.toPrecision(4)})`,
    `  generations:              ${fmt(model.generations)}`,
  ];
  streams.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

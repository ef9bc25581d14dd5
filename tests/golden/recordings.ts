/**
 * Golden recordings: every optimizer of the registry on a few small landscapes, seeded, with the numbers its run
 * ends with (best fitness, evaluations, why it ended, a hash of its best point). tests/golden.test.ts recomputes
 * them and compares exactly, so a change of behaviour (a reordered draw, another rounding, a changed default) fails a
 * test instead of passing unnoticed, as nevergrad keeps recorded results of its optimizers. Regenerating the file
 * (`npm run golden:update`) is a decision to accept new numbers, reviewed in its diff like code.
 */
import { createHash } from 'node:crypto';
import { landscapeDef } from '../../src/core/landscapes/registry.ts';
import { optimizers } from '../../src/core/optimizers/registry.ts';
import { checkLandscape, checkOptimizer } from '../../src/core/run/instance.ts';
import { createRun } from '../../src/core/run/run.ts';
import type { LandscapeSpec, RunSpec, StopRules } from '../../src/core/run/spec.ts';

export const RECORDINGS_FILE = new URL('./recordings.json', import.meta.url);

/**
 * The landscapes every optimizer that can run on them is recorded on: continuous and discrete, smooth and rugged,
 * bounded by a penalty (Schwefel's own policy) and by reflection, and a small network for the methods that need
 * training examples. Small, so the whole set runs in seconds.
 */
export const GOLDEN_LANDSCAPES: Readonly<Record<string, LandscapeSpec>> = {
  'sphere-4': { id: 'sphere', dim: 4, params: {} },
  'rastrigin-4': { id: 'rastrigin', dim: 4, params: {} },
  'rosenbrock-4': { id: 'rosenbrock', dim: 4, params: {} },
  'schwefel-3': { id: 'schwefel', dim: 3, params: {} },
  'schwefel-3-reflect': { id: 'schwefel', dim: 3, params: {}, bounds: 'reflect' },
  'mlp-linear-4': { id: 'mlp', dim: 4, params: { hidden: [], dataset: 'teacher', inputs: 3, samples: 40 } },
  'onemax-16': { id: 'onemax', dim: 16, params: {} },
  'nk-12-k2': { id: 'nk', dim: 12, params: { k: 2 } },
};

export const GOLDEN_SEED = 'golden';
export const GOLDEN_BUDGET = 2000;

/** Stops at the optimum and at dead ends too, so recordings cover the stop rules' bookkeeping as well as the search. */
function stopRules(spec: LandscapeSpec): StopRules {
  const continuous = landscapeDef(spec.id)!.space === 'continuous';
  return { atOptimum: true, deadEnd: true, tolerance: continuous ? 1e-6 : 0, gradientTolerance: 1e-6 };
}

export interface Recording {
  readonly optimizer: string;
  readonly landscape: string;
  readonly endedAt: string;
  /** A number, or its text where JSON has none (−Infinity). */
  readonly bestFitness: number | string;
  readonly evaluations: number;
  /** First 16 hex digits of SHA-256 over the best point's values as little-endian doubles (or its bytes). */
  readonly best: string;
}

/** The run spec of one recording. */
export function goldenSpec(optimizer: string, landscape: string): RunSpec {
  const spec = GOLDEN_LANDSCAPES[landscape];
  return {
    seed: GOLDEN_SEED,
    replicate: 0,
    landscape: spec,
    optimizer: { id: optimizer, label: optimizer, params: {} },
    budget: { evaluations: GOLDEN_BUDGET },
    stop: stopRules(spec),
  };
}

/** Every (optimizer, landscape) pair to record: each registry optimizer on every golden landscape it accepts. */
export function goldenCases(): { optimizer: string; landscape: string }[] {
  const cases: { optimizer: string; landscape: string }[] = [];
  for (const def of optimizers) {
    for (const [name, spec] of Object.entries(GOLDEN_LANDSCAPES)) {
      if (checkLandscape(spec).length) throw new Error(`golden landscape ${name} is refused: ${checkLandscape(spec)[0].message}`);
      if (!checkOptimizer(spec, { id: def.id, label: def.id, params: {} }).length) cases.push({ optimizer: def.id, landscape: name });
    }
  }
  return cases;
}

/** Runs one case to its end and records it. */
export function record(optimizer: string, landscape: string): Recording {
  const run = createRun(goldenSpec(optimizer, landscape));
  run.finish();
  const result = run.result();
  return {
    optimizer,
    landscape,
    endedAt: result.endedAt,
    // JSON has no −0, so a recording of −0 reads back as 0: record what the file can hold (+0 covers both).
    bestFitness: Number.isFinite(result.bestFitness) ? result.bestFitness + 0 : String(result.bestFitness),
    evaluations: result.evaluations,
    best: pointHash(run.bestGenes()),
  };
}

/** Hash of a genotype's values, independent of the machine's byte order. */
export function pointHash(genes: Float64Array | Uint8Array): string {
  let bytes: Uint8Array;
  if (genes instanceof Float64Array) {
    const view = new DataView(new ArrayBuffer(8 * genes.length));
    genes.forEach((value, i) => view.setFloat64(8 * i, value, true));
    bytes = new Uint8Array(view.buffer);
  } else bytes = genes;
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** The file's text: one recording per line, in case order, so a regenerated file's diff names what changed. */
export function recordingsText(recordings: readonly Recording[]): string {
  return `[\n${recordings.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]\n`;
}

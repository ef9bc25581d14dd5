/**
 * The scenario schema, built from the registries: each landscape, map and optimizer contributes its own fields, so
 * a new registry entry is a new valid `id` with no edit here. One schema validates files, share links and the
 * page's editor, and exports the JSON Schema that editors use for completion.
 */
import { z } from 'zod';
import { BOUND_POLICIES, BOUND_POLICY_SUMMARY } from '../core/landscapes/bounds.ts';
import { landscapeDef, landscapes } from '../core/landscapes/registry.ts';
import { maps } from '../core/maps/registry.ts';
import { optimizers } from '../core/optimizers/registry.ts';
import { MAX_NUMERIC_SEED, MAX_REPLICATES, MAX_SEED_LENGTH } from '../core/run/limits.ts';

export const CURRENT_SCHEMA_VERSION = 1;
export const VIEW_IDS = ['slice', 'race', 'hypercube', 'outcomes', 'decision', 'eye', 'sharpness', 'interpolation'] as const;
/** Largest dimension a scenario may ask for; memory checks usually refuse far earlier. */
export const MAX_DIM = 1_000_000_000;

type Options = [z.ZodObject, ...z.ZodObject[]];

// The id unions are made from the registries when first needed, and again after a researcher's module registered
// more: its ids are then valid scenario words like the built-in ones.
function landscapeSchema() {
  return z.discriminatedUnion(
    'id',
    landscapes.map((def) =>
      z
        .strictObject({
          id: z.literal(def.id),
          dim: def.dimOf
            ? z.int().min(def.minDim).max(MAX_DIM).optional().describe('Dimension N of the phenotype: derived from the other fields when left out.')
            : z.int().min(def.minDim).max(MAX_DIM).describe('Dimension N of the phenotype.'),
          ...(def.space === 'continuous' && def.box && { bounds: z.enum(BOUND_POLICIES).optional().describe(`${BOUND_POLICY_SUMMARY} Default: ${def.bounds ?? 'none'}.`) }),
          ...def.params.shape,
        })
        .describe(`${def.title}: ${def.summary}`),
    ) as unknown as Options,
  );
}

const mapSchema = z.discriminatedUnion(
  'id',
  maps.map((def) => z.strictObject({ id: z.literal(def.id), ...def.params.shape }).describe(`${def.title}: ${def.summary}`)) as unknown as Options,
);

function optimizerSchema() {
  return z.discriminatedUnion(
    'id',
    optimizers.map((def) =>
      z
        .strictObject({
          id: z.literal(def.id),
          label: z.string().min(1).max(60).optional().describe('Name in results and charts (default: the preset or id); unique.'),
          preset: z.string().optional().describe('A named parameter set; fields given here override it.'),
          ...def.params.shape,
        })
        .describe(`${def.title}: ${def.summary}`),
    ) as unknown as Options,
  );
}

/** Most steps (gradients or generations) a budget may buy one run: the largest budget at one evaluation a step. */
export const MAX_STEPS_PER_RUN = 1e12;

const budgetSchema = z
  .strictObject({
    evaluations: z.int().min(1).max(MAX_STEPS_PER_RUN).describe('Per optimizer per replicate, in fitness evaluations.'),
    gradientCost: z.number().gt(0).max(1e9).optional().describe('Evaluations charged per gradient (default: the landscape’s).'),
  })
  .superRefine((budget, context) => {
    // A gradient cheaper than an evaluation multiplies the steps a budget buys: 1e-12 made a gd run endless.
    const steps = budget.gradientCost === undefined ? 0 : budget.evaluations / budget.gradientCost;
    if (steps > MAX_STEPS_PER_RUN) {
      context.addIssue({
        code: 'custom',
        path: ['gradientCost'],
        message: `${budget.evaluations} evaluations at ${budget.gradientCost} per gradient buy ${steps.toExponential(2)} gradient steps per run; at most ${MAX_STEPS_PER_RUN.toExponential(0)} are allowed: gradientCost must be at least ${budget.evaluations / MAX_STEPS_PER_RUN}`,
      });
    }
  });

const stopSchema = z.strictObject({
  atOptimum: z.boolean().default(true).describe('End when the known global optimum is reached (within tolerance).'),
  deadEnd: z.boolean().default(false).describe('End at a dead end: a local optimum or saddle of the current point.'),
  stalledEvaluations: z.int().min(1).optional().describe('End after this many evaluations without improvement.'),
  tolerance: z.number().min(0).optional().describe('Fitness distance from the optimum that counts as reaching it (default 0 discrete, 1e-6 continuous).'),
  gradientTolerance: z.number().gt(0).optional().describe('Gradient norm below which a point is critical (default 1e-6).'),
});

const measureSchema = z.strictObject({
  sharpnessEvery: z
    .int()
    .min(1)
    .max(1e9)
    .optional()
    .describe('Record the sharpness (top loss-Hessian eigenvalue) of each racer’s current point every this many generations and at the end (continuous landscapes; uncharged).'),
  hessianIndex: z.boolean().optional().describe('Record the Hessian index (fraction of negative loss-Hessian eigenvalues) of each racer’s end point (N ≤ 300).'),
  weightChange: z.boolean().optional().describe('Record ‖x_T − x_0‖ / ‖x_0‖, how far each racer’s end point is from its start relative to the start’s norm (lazy training).'),
  flops: z
    .boolean()
    .optional()
    .describe('Record each run’s arithmetic work in floating-point operations: the landscape’s declared work per gradient and Hessian–vector product plus the method’s own (null where either is not counted).'),
  units: z.boolean().optional().describe('Record per-unit diagnostics of each racer’s end point (mlp only): dead ReLU units, stuck units, each unit’s contribution to the training loss.'),
  trace: z
    .union([
      z.boolean(),
      z.strictObject({
        points: z.int().min(4).max(100_000).optional().describe('Most improvements kept per run (default 1000); past it, improvements are merged into log-spaced buckets of the evaluation count.'),
        budgets: z.int().min(1).max(10_000).optional().describe('Number of fixed budgets, log-spaced from 1 evaluation to the budget, at which the best so far is recorded (default 50).'),
      }),
    ])
    .optional()
    .describe('Record each racer’s improvement trace (evaluations and best so far at every improvement, bounded) and its best at fixed budgets; `hyperclimb report` and `export` read them. Any landscape.'),
});

export const sweepValueSchema = z.union([z.number(), z.string(), z.boolean()]);

/**
 * The page's controls a lesson step can show, hide or lock, by the names teachers write. The page maps each name to
 * its elements (src/app/lesson-controls.ts); the knob names match the knobs the page derives for a scenario.
 */
export const CONTROL_IDS = [
  'play',
  'step',
  'reset',
  'new-seed',
  'speed',
  'racers',
  'cell',
  'landscape',
  'map',
  'dimension',
  'redundancy',
  'ruggedness',
  'slope',
  'width',
  'optimizer-knobs',
  'meter',
  'views',
  'editor',
] as const;
/** Views a lesson step may bring to the front: the race's views and the sweep. */
export const LESSON_VIEW_IDS = [...VIEW_IDS, 'sweep'] as const;

const controlList = z.array(z.enum(CONTROL_IDS)).max(CONTROL_IDS.length);

const lessonActionSchema = z
  .strictObject({
    load: z
      .string()
      .regex(/^[\w.-]+\.(ya?ml|json)$/, 'expected a file name from sims/, e.g. eye.yaml')
      .optional()
      .describe('Open another scenario of sims/ (by file name) in place of the lesson’s own; the lesson stays.'),
    cell: z.int().min(0).max(100_000).optional().describe('Show this sweep cell (0-based, in the order the Sweep cell menu lists them).'),
    set: z
      .record(z.string().min(1), sweepValueSchema)
      .optional()
      .describe('Knobs to set, by the dotted paths a sweep uses (landscape.dim, map.copies, optimizers.GA.populationSize).'),
    run: z
      .union([z.int().min(1).max(1e12), z.literal('done')])
      .optional()
      .describe('Play until each racer has spent this many evaluations, or `done` to play until every run ends.'),
  })
  .describe('What happens on entering the step, in this order: load, cell, set, run.');

const lessonStepSchema = z.strictObject({
  title: z.string().min(1).max(200).describe('Shown as the step’s heading.'),
  text: z.string().max(100_000).optional().describe('Markdown.'),
  show: controlList.optional().describe('Controls this step is about: highlighted; in a classroom link the only controls shown.'),
  hide: controlList.optional().describe('Controls hidden in this step.'),
  lock: controlList.optional().describe('Controls shown but locked in this step.'),
  action: lessonActionSchema.optional(),
  view: z.enum(LESSON_VIEW_IDS).optional().describe('The view brought to the front on entering the step.'),
  question: z.string().max(10_000).optional().describe('Markdown; shown below the text.'),
  answer: z.string().max(10_000).optional().describe('Markdown; hidden until the reader asks for it.'),
});
export type LessonStep = z.output<typeof lessonStepSchema>;
export type ControlId = (typeof CONTROL_IDS)[number];

/** Most modules a scenario may name. */
export const MAX_MODULES = 32;

function buildScenarioSchema() {
  return z
    .strictObject({
      schemaVersion: z.literal(CURRENT_SCHEMA_VERSION).describe('Format version of this file; required.'),
      title: z.string().min(1).max(200),
      description: z.string().max(100_000).optional().describe('Markdown, shown beside the views.'),
      modules: z
        .array(z.string().min(1).max(1000))
        .min(1)
        .max(MAX_MODULES)
        .optional()
        .describe('Files of your own (paths relative to this file) exporting `optimizers` and/or `landscapes` lists: their ids race like built-in ones. The command line only; the page refuses them.'),
      seed: z
        .union([z.number(), z.string().min(1).max(MAX_SEED_LENGTH)])
        .refine((seed) => typeof seed === 'string' || Number.isSafeInteger(seed), {
          message: `a numeric seed is a whole number of magnitude at most ${MAX_NUMERIC_SEED} (2^53 − 1, exact in every reader); write other seeds as text in quotes`,
        })
        .default(1)
        .describe('Everything random derives from it: a whole number or a text.'),
      landscape: landscapeSchema(),
      map: mapSchema.optional().describe('Genotype→phenotype map; omitted = identity.'),
      optimizers: z.array(optimizerSchema()).min(1).max(32).describe('The racers.'),
      budget: budgetSchema,
      stop: stopSchema.default({ atOptimum: true, deadEnd: false }),
      measure: measureSchema.optional().describe('Measurements recorded along each run (result lines gain `sharpness`, `hessianIndex`, `weightChange`, `flops`, `units`, `trace`); omitted = none.'),
      replicates: z.int().min(1).max(MAX_REPLICATES).default(1).describe('Independent repetitions, each with its own landscape instance and start.'),
      sweep: z
        .record(z.string().min(1), z.array(sweepValueSchema).min(1).max(10_000))
        .optional()
        .describe('Grid over dotted paths (e.g. landscape.dim); cells are the cartesian product.'),
      views: z.array(z.enum(VIEW_IDS)).optional().describe('Page views that open first.'),
      lesson: z.array(lessonStepSchema).max(200).optional().describe('Teacher steps, shown one at a time beside the views.'),
    })
    .describe('A Hyperclimb scenario: a landscape, the optimizers racing on it, a budget and stop rules.');
}

let built: { key: string; schema: ReturnType<typeof buildScenarioSchema> } | undefined;

/** The scenario schema for the registries as they are now (registries only grow, so their sizes identify them). */
export function scenarioSchema(): ReturnType<typeof buildScenarioSchema> {
  const key = `${landscapes.length}/${optimizers.length}`;
  if (built?.key !== key) built = { key, schema: buildScenarioSchema() };
  return built.schema;
}

export type ScenarioData = z.output<ReturnType<typeof buildScenarioSchema>>;
export type SweepValue = z.output<typeof sweepValueSchema>;

/** A validated scenario: defaults applied, presets merged, every racer labelled. */
export type Scenario = Omit<ScenarioData, 'optimizers' | 'landscape' | 'map'> & {
  landscape: { id: string; dim: number; [field: string]: unknown };
  map?: { id: string; [field: string]: unknown };
  optimizers: { id: string; label: string; preset?: string; [field: string]: unknown }[];
};

/**
 * Sets `landscape.dim` of schema-valid landscape data where the landscape derives its dimension from its own fields
 * (a network's weight count, `dimOf`): when it is left out, or always with `overwrite` (after a sweep changed the
 * fields; a `dim` given in the file was checked against the derived one in every cell).
 */
export function deriveDim(landscape: Record<string, unknown>, overwrite = false): void {
  const def = typeof landscape.id === 'string' ? landscapeDef(landscape.id) : undefined;
  if (!def?.dimOf || (landscape.dim !== undefined && !overwrite)) return;
  const { id: _id, dim: _dim, bounds: _bounds, ...params } = landscape;
  landscape.dim = def.dimOf(def.params.parse(params));
}

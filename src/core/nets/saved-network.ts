/**
 * A trained network as a JSON file (docs/networks.md, "Saved networks"): what a reader needs to use the weights
 * without Hyperclimb (architecture, weight layout, the inputs' standardisation, what the output means) and what
 * Hyperclimb needs to check a reload (the scenario fingerprint, the loss it had). Weights are JSON numbers, which
 * JavaScript writes with the fewest digits that read back to the same double, so a reload is exact to the bit.
 */
import { z } from 'zod';
import { ACTIVATIONS, type Architecture, LOSSES, parameterCount } from './mlp-net.ts';
import type { MlpLandscape } from '../landscapes/mlp.ts';
import { TASKS } from './csv-table.ts';
import type { Standardisation } from './table-data.ts';

export const SAVED_NETWORK_FORMAT = 'hyperclimb-network';
export const SAVED_NETWORK_VERSION = 1;

const finite = z.number().refine(Number.isFinite, 'expected a finite number');

export const savedNetworkSchema = z.strictObject({
  format: z.literal(SAVED_NETWORK_FORMAT),
  version: z.literal(SAVED_NETWORK_VERSION),
  architecture: z.strictObject({
    inputs: z.int().min(1),
    hidden: z.array(z.int().min(1)),
    activation: z.enum(ACTIVATIONS),
    residual: z.boolean(),
    loss: z.enum(LOSSES),
  }),
  /** Layer after layer: W_l row-major (n_l × n_{l+1}), then b_l; the output is linear (mlp-net.ts). */
  weights: z.array(finite),
  data: z
    .strictObject({
      inputs: z.array(z.string()),
      target: z.string(),
      task: z.enum(TASKS),
      classes: z.tuple([z.string(), z.string()]).optional(),
      standardisation: z.strictObject({ mean: z.array(finite), sd: z.array(finite.refine((v) => v > 0, 'expected a positive number')) }).optional(),
    })
    .optional(),
  fingerprint: z.string(),
  seed: z.union([z.number(), z.string()]),
  cell: z.int().min(0),
  replicate: z.int().min(0),
  racer: z.string(),
  trainingLoss: z.number(),
  testLoss: z.number().optional(),
});

export type SavedNetwork = z.output<typeof savedNetworkSchema>;

export interface SavedData {
  readonly inputs: readonly string[];
  readonly target: string;
  readonly task: (typeof TASKS)[number];
  readonly classes?: readonly [string, string];
  readonly standardisation?: Standardisation;
}

/** Where a saved network comes from: the run's identity and the losses of its weights. */
export interface SavedOrigin {
  readonly fingerprint: string;
  readonly seed: string | number;
  readonly cell: number;
  readonly replicate: number;
  readonly racer: string;
  readonly trainingLoss: number;
  readonly testLoss?: number;
}

/** A network of `landscape` with `weights` (copied) as a saved network: what the command line and the page write. */
export function savedNetworkOf(landscape: MlpLandscape, weights: Float64Array, origin: SavedOrigin): SavedNetwork {
  const source = landscape.source;
  const { testLoss, ...rest } = origin;
  return {
    format: SAVED_NETWORK_FORMAT,
    version: SAVED_NETWORK_VERSION,
    architecture: { ...landscape.network.arch, hidden: [...landscape.network.arch.hidden] },
    weights: Array.from(weights),
    ...(source && {
      data: {
        inputs: [...source.inputs],
        target: source.target,
        task: source.task,
        ...(source.classes && { classes: [...source.classes] as [string, string] }),
        ...(source.standardisation && { standardisation: { mean: [...source.standardisation.mean], sd: [...source.standardisation.sd] } }),
      },
    }),
    ...rest,
    ...(testLoss !== undefined && Number.isFinite(testLoss) && { testLoss }),
  };
}

/** The JSON text of a saved network (two-space indented, weights on one line each so the file stays readable). */
export function formatSavedNetwork(network: SavedNetwork): string {
  return `${JSON.stringify(network, null, 2).replace(/\[\s+(-?[\d.e+-]+(?:,\s+-?[\d.e+-]+)*)\s+\]/g, (_, items: string) => `[${items.split(/,\s+/).join(', ')}]`)}\n`;
}

/** The saved network in `text`, or what is wrong with it (one line per problem, naming the field). */
export function readSavedNetwork(text: string, name: string): { network: SavedNetwork; problems?: undefined } | { network?: undefined; problems: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { problems: [`${name} is not JSON: ${(error as Error).message}`] };
  }
  const parsed = savedNetworkSchema.safeParse(data);
  if (!parsed.success) {
    return { problems: parsed.error.issues.slice(0, 5).map((issue) => `${name}: ${issue.path.join('.') || 'the file'}: ${issue.message}${data && typeof data === 'object' && (data as { format?: unknown }).format !== SAVED_NETWORK_FORMAT ? ` (is it a network saved by hyperclimb run --save-network?)` : ''}`) };
  }
  const network = parsed.data;
  const expected = parameterCount(network.architecture);
  if (network.weights.length !== expected) return { problems: [`${name}: weights: the architecture has ${expected} weights and biases, the file lists ${network.weights.length}`] };
  const st = network.data?.standardisation;
  if (st && (st.mean.length !== network.architecture.inputs || st.sd.length !== network.architecture.inputs)) {
    return { problems: [`${name}: data.standardisation: needs one mean and one sd per input (${network.architecture.inputs})`] };
  }
  return { network };
}

/**
 * Why a saved network cannot start a network of `arch` on these data, or undefined when it can: the first field of
 * the file that differs (architecture.*, data.inputs, data.target, data.task, data.classes), so a reader knows which side to change.
 */
export function startMismatch(network: SavedNetwork, arch: Architecture, data: SavedData | undefined): string | undefined {
  const a = network.architecture;
  const fields: [string, unknown, unknown][] = [
    ['inputs', a.inputs, arch.inputs],
    ['hidden', `[${a.hidden.join(', ')}]`, `[${arch.hidden.join(', ')}]`],
    ['activation', a.activation, arch.activation],
    ['residual', a.residual, arch.residual],
    ['loss', a.loss, arch.loss],
  ];
  const describe = (x: Architecture) => `${x.inputs} inputs, hidden [${x.hidden.join(', ')}], ${x.activation}${x.residual ? ', residual' : ''}, ${x.loss}`;
  for (const [field, saved, wanted] of fields) {
    if (saved !== wanted) return `architecture.${field} differs: the saved network has ${saved}, this landscape ${wanted} (the saved network is ${describe(a)}; this landscape is ${describe(arch)})`;
  }
  const saved = network.data;
  if (!data || !saved) return undefined;
  if (saved.inputs.join('\u0000') !== data.inputs.join('\u0000')) return `data.inputs differs: the saved network reads inputs ${saved.inputs.join(', ')}; this landscape's are ${data.inputs.join(', ')}`;
  if (saved.target !== data.target) return `data.target differs: the saved network predicts ${saved.target}; this landscape ${data.target}`;
  if (saved.task !== data.task) return `data.task differs: the saved network does ${saved.task}; this landscape ${data.task}`;
  // Its output's sign means classes[1]: other classes, or the same in another order, would read it wrongly.
  if (saved.classes && data.classes && saved.classes.join('\u0000') !== data.classes.join('\u0000')) return `data.classes differs: the saved network tells ${saved.classes.join(' from ')}; this landscape ${data.classes.join(' from ')}`;
  return undefined;
}

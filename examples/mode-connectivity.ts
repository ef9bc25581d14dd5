/**
 * Linear mode connectivity before and after weight matching, against width (docs/networks.md, "Mode connectivity").
 *
 * For each width, R pairs of 2-h-1 ReLU networks are trained with Adam (η = 0.01, 1,000 steps) from different seeds on
 * the same data (the circles set, 192 training rows, mean squared error); the loss barrier on the straight segment between the two members of a pair is
 * measured as it is, then after permuting the hidden units of the second to match the first (Ainsworth et al.
 * 2023). Prints a Markdown table: mean ± standard error over the pairs. About half a minute with the defaults (20 pairs).
 * `layers` > 1 stacks hidden layers of the same width, joined by skip connections with `residual` (weight matching
 * then shares one permutation across them). For tanh, matching is measured without and with the search of sign
 * flips (signed permutations, the default for tanh).
 *
 *   node bin/run-ts.mjs examples/mode-connectivity.ts [pairs = 20] [steps = 1000] [activation = relu] [layers = 1]
 *     [residual | plain = plain] [widths = 4,16,64]
 */
import { architectureOf, type MlpLandscape } from '../src/core/landscapes/mlp.ts';
import { landscapeDef } from '../src/core/landscapes/registry.ts';
import { interpolationCurve } from '../src/core/metrics/mode-connectivity.ts';
import { parameterCount } from '../src/core/nets/mlp-net.ts';
import { weightMatching } from '../src/core/nets/permutation.ts';
import { createLandscape } from '../src/core/run/instance.ts';
import { createRun } from '../src/core/run/run.ts';
import type { RunSpec } from '../src/core/run/spec.ts';

const pairs = Number(process.argv[2] ?? 20);
const steps = Number(process.argv[3] ?? 1000);
const activation = process.argv[4] ?? 'relu';
const layers = Number(process.argv[5] ?? 1);
const residual = (process.argv[6] ?? 'plain') === 'residual';
const widths = (process.argv[7] ?? '4,16,64').split(',').map(Number);
if (!(layers >= 1) || !widths.every((w) => w >= 1)) throw new Error('layers and widths must be positive integers');
const signed = activation === 'tanh';
const seed = 'mode-connectivity';
const points = 25;

function meanSe(values: number[]): string {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  return `${mean.toFixed(4)} ± ${Math.sqrt(variance / n).toFixed(4)}`;
}

const signColumns = signed ? ' barrier after matching with sign flips | pairs lower with signs than without |' : '';
console.log(`| hidden widths | weights | mean training loss of the ends | barrier before alignment | barrier after weight matching${signed ? ' (permutations only)' : ''} |${signColumns} pairs whose barrier fell |`);
console.log(`|---|---|---|---|---|${signed ? '---|---|' : ''}---|`);
for (const width of widths) {
  const hidden = Array.from({ length: layers }, () => width);
  const params = { hidden, residual, activation: activation, loss: 'mse', dataset: 'circles', samples: 256, testFraction: 0.25 };
  const arch = architectureOf(landscapeDef('mlp')!.params.parse(params) as never);
  const dim = parameterCount(arch);
  const spec = (replicate: number): RunSpec => ({
    seed,
    replicate,
    landscape: { id: 'mlp', dim, params },
    optimizer: { id: 'adam', label: 'adam', params: { learningRate: 0.01 } },
    budget: { evaluations: 3 * steps },
    stop: { atOptimum: false, deadEnd: false, tolerance: 0, gradientTolerance: 0 },
  });
  // One data set for every network of this width: the landscape of replicate 0, shared; replicates differ in their
  // start point and optimizer stream only.
  const landscape = createLandscape(spec(0).landscape, seed, 0) as MlpLandscape;
  const train = (replicate: number): Float64Array => {
    const run = createRun(spec(replicate), { landscape });
    run.finish();
    return run.bestGenes().slice() as Float64Array;
  };
  const before: number[] = [];
  const after: number[] = [];
  const withSigns: number[] = [];
  const ends: number[] = [];
  let fell = 0;
  let signsHelped = 0;
  for (let r = 0; r < pairs; r++) {
    const a = train(2 * r);
    const b = train(2 * r + 1);
    const plain = interpolationCurve(landscape, a, b, points);
    const matched = weightMatching(arch, a, b, { signs: false });
    const aligned = interpolationCurve(landscape, a, matched.aligned, points);
    before.push(plain.barrier);
    after.push(aligned.barrier);
    ends.push((plain.loss[0] + plain.loss[points - 1]) / 2);
    let best = aligned.barrier;
    if (signed) {
      const flipped = interpolationCurve(landscape, a, weightMatching(arch, a, b, { signs: true }).aligned, points);
      withSigns.push(flipped.barrier);
      if (flipped.barrier < aligned.barrier) signsHelped++;
      best = flipped.barrier;
    }
    if (best < plain.barrier) fell++;
  }
  const signCells = signed ? ` ${meanSe(withSigns)} | ${signsHelped} / ${pairs} |` : '';
  console.log(`| ${hidden.join(', ')} | ${dim} | ${meanSe(ends)} | ${meanSe(before)} | ${meanSe(after)} |${signCells} ${fell} / ${pairs} |`);
}

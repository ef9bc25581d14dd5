/**
 * Lottery tickets at small scale (docs/networks.md, "Stuck units are replaced"; Frankle & Carbin 2019, ICLR, "The
 * lottery ticket hypothesis"). For each replicate: train a 2-h-1 ReLU network on the circles set by full-batch
 * gradient descent (η, T steps), prune each weight matrix to the `keep` share of largest magnitudes, then retrain the
 * survivors for T steps (pruned weights held at 0) from (a) their initial values — the winning ticket — and (b) a
 * fresh random start of the same sparse network. Prints training and test loss, mean ± s.e. over the replicates, and
 * the evaluations each arm is charged (a gradient costs 3; the ticket pays for the dense training that found it).
 *
 *   node bin/run-ts.mjs examples/lottery-ticket.ts [replicates = 20] [width = 64] [steps = 2000] [keep = 0.5,0.2,0.1]
 */
import type { MlpLandscape } from '../src/core/landscapes/mlp.ts';
import { architectureOf } from '../src/core/landscapes/mlp.ts';
import { landscapeDef } from '../src/core/landscapes/registry.ts';
import { magnitudeMask, trainMasked } from '../src/core/nets/pruning.ts';
import { parameterCount } from '../src/core/nets/mlp-net.ts';
import { createLandscape, createStart, problemOf } from '../src/core/run/instance.ts';
import { meanAndSe } from '../src/scenario/results.ts';

const replicates = Number(process.argv[2] ?? 20);
const width = Number(process.argv[3] ?? 64);
const steps = Number(process.argv[4] ?? 2000);
const keeps = (process.argv[5] ?? '0.5,0.2,0.1').split(',').map(Number);
const learningRate = 0.1;
const seed = 'lottery-ticket';
const params = { hidden: [width], activation: 'relu', loss: 'mse', dataset: 'circles', samples: 128, testFraction: 0.25 };
const arch = architectureOf(landscapeDef('mlp')!.params.parse(params) as never);
const spec = { id: 'mlp', dim: parameterCount(arch), params };

type Arm = { train: number[]; test: number[]; evaluations: number };
const arms = new Map<string, Arm>();
const record = (name: string, landscape: MlpLandscape, w: Float64Array, gradients: number) => {
  const arm = arms.get(name) ?? { train: [], test: [], evaluations: 0 };
  arm.train.push(-landscape.fitnessAt(w, 0));
  arm.test.push(-landscape.testFitness!(w, 0));
  arm.evaluations = gradients * landscape.gradientCost;
  arms.set(name, arm);
};
const all = new Uint8Array(spec.dim).fill(1);
for (let r = 0; r < replicates; r++) {
  const landscape = createLandscape(spec, seed, r) as MlpLandscape;
  const problem = problemOf(spec);
  const w0 = createStart(landscape, problem, seed, r).x0 as Float64Array;
  // The fresh start: another draw of the same initialisation (its own stream), used only through the mask.
  const fresh = createStart(landscape, problem, `${seed}/fresh`, r).x0 as Float64Array;
  const dense = trainMasked(landscape, w0, all, learningRate, steps);
  record('dense network', landscape, dense.weights, dense.gradients);
  for (const keep of keeps) {
    const mask = magnitudeMask(arch, dense.weights, keep);
    const ticket = trainMasked(landscape, w0, mask, learningRate, steps);
    record(`${keep}: winning ticket (rewound to w_0)`, landscape, ticket.weights, dense.gradients + ticket.gradients);
    const random = trainMasked(landscape, fresh, mask, learningRate, steps);
    record(`${keep}: same mask, fresh start`, landscape, random.weights, dense.gradients + random.gradients);
  }
}
const fmt = (values: number[]) => {
  const { mean, se } = meanAndSe(values);
  return `${mean!.toFixed(4)} ± ${se!.toFixed(4)}`;
};
console.log(`2-${width}-1 ReLU, circles, GD η = ${learningRate}, ${steps} steps per training, ${replicates} replicates`);
console.log('| weights kept | network | training loss | test loss | evaluations charged |');
console.log('|---|---|---|---|---|');
for (const [name, arm] of arms) {
  const [keep, label] = name.includes(': ') ? name.split(': ') : ['1', name];
  console.log(`| ${keep} | ${label} | ${fmt(arm.train)} | ${fmt(arm.test)} | ${arm.evaluations} |`);
}
// Paired by replicate (same data, same mask): the fresh start's loss minus the ticket's; positive favours the ticket.
console.log();
console.log('| weights kept | training loss, fresh − ticket (paired) | test loss, fresh − ticket | replicates where the ticket trains lower |');
console.log('|---|---|---|---|');
for (const keep of keeps) {
  const ticket = arms.get(`${keep}: winning ticket (rewound to w_0)`)!;
  const fresh = arms.get(`${keep}: same mask, fresh start`)!;
  const train = fresh.train.map((v, r) => v - ticket.train[r]);
  const test = fresh.test.map((v, r) => v - ticket.test[r]);
  console.log(`| ${keep} | ${fmt(train)} | ${fmt(test)} | ${train.filter((d) => d > 0).length} / ${train.length} |`);
}

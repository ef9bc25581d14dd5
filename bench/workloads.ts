/**
 * Our engine on the peers' three workloads (peers/README.md), through its real code paths:
 *
 * - "run": `createRun` + `step`/`finish` — landscape, optimizer and the bookkeeping of run/run.ts (evaluator with
 *   its non-finite rule, best-so-far tracking, budget, stop rules): what the CLI, the workers and the page execute.
 * - "ask/tell": the optimizer's ask/tell loop calling the landscape directly (no evaluator, no run bookkeeping), to
 *   show what the run wrapper costs.
 *
 * Instance generation is outside every timed region, as in the peers.
 */
import { useKernels } from '../src/core/kernels/wasm.ts';
import type { ContinuousLandscape, DiscreteLandscape } from '../src/core/landscapes/landscape.ts';
import { symmetricEigen } from '../src/core/linalg/symmetric-eigen.ts';
import { createMlp } from '../src/core/landscapes/mlp.ts';
import { cmaEs } from '../src/core/optimizers/cma-es.ts';
import { ga } from '../src/core/optimizers/ga.ts';
import { gd } from '../src/core/optimizers/gd.ts';
import type { Feedback, OptimizerDef, Problem } from '../src/core/optimizers/optimizer.ts';
import { preset } from '../src/core/optimizers/registry.ts';
import { deriveRng } from '../src/core/rng.ts';
import { createRun } from '../src/core/run/run.ts';
import { createLandscape, createStart, optimizerParams, problemOf } from '../src/core/run/instance.ts';
import type { RunSpec, StopRules } from '../src/core/run/spec.ts';
import { peerMlpInstance, peerNkInstance } from './instances.ts';
import { median, timed } from './timing.ts';

/** One measured line of the table. */
export interface Measurement {
  readonly workload: string;
  readonly label: string;
  /** METRIC_NAME of the run_all.sh last-line format. */
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  /** The same work per process CPU second (as the peers' cpu_rate). */
  readonly cpuValue: number;
  /** Free-form facts printed under the table (sanity values, byte counts, per-iteration times). */
  readonly notes: string[];
}

const STOP: StopRules = { atOptimum: true, deadEnd: false, tolerance: 0, gradientTolerance: 1e-6 };

// ------------------------------------------------------------------------------------------------ ga_nk

const GA_N = 64;
const GA_POP = 1000;
const GA_GENERATIONS = 200;
const GA_EVALS = GA_POP * (GA_GENERATIONS + 1);

function gaSpec(seed: number): RunSpec {
  return {
    seed,
    replicate: 0,
    landscape: { id: 'nk', dim: GA_N, params: { k: 4, neighbours: 'random' } },
    optimizer: { id: 'ga', label: 'ga-classic', params: { ...preset('ga-classic')!.params, populationSize: GA_POP } },
    budget: { evaluations: GA_EVALS },
    stop: STOP,
  };
}

/** (a) GA ga-classic, population 1000, 200 generations on the peers' NK instance (N = 64, K = 4): evaluations / s. */
export function gaNk(reps: number): Measurement[] {
  const landscape = peerNkInstance(GA_N, 4, 1);
  const runWalls: number[] = [];
  const runCpus: number[] = [];
  const loopWalls: number[] = [];
  const loopCpus: number[] = [];
  const bests: number[] = [];
  for (let r = 0; r < reps; r++) {
    const spec = gaSpec(12345 + r);
    // Alternate the order so that neither path always runs second (warmer JIT, other tenants).
    const first = r % 2 === 0;
    const once = (which: 'run' | 'loop') => {
      if (which === 'run') {
        const t = timed(() => {
          const run = createRun(spec, { landscape });
          run.finish();
          return run.result();
        });
        if (t.result.evaluations !== GA_EVALS) throw new Error(`ga_nk: ${t.result.evaluations} evaluations, expected ${GA_EVALS}`);
        runWalls.push(t.wall);
        runCpus.push(t.cpu);
        bests.push(t.result.bestFitness);
      } else {
        const t = timed(() => gaAskTell(landscape, spec));
        loopWalls.push(t.wall);
        loopCpus.push(t.cpu);
      }
    };
    once(first ? 'run' : 'loop');
    once(first ? 'loop' : 'run');
  }
  const notes = [
    `${reps} reps (seeds 12345…), median rep; ${GA_EVALS.toLocaleString('en-US')} evaluations per rep; best fitness at the end ${Math.min(...bests).toFixed(3)}–${Math.max(...bests).toFixed(3)} (peers: 0.73–0.76)`,
    `run wrapper (createRun: evaluator, best-so-far, budget, stops) vs bare ask/tell loop: ${(median(runWalls) / median(loopWalls)).toFixed(3)}× the time`,
  ];
  return [
    measurement('ga_nk', 'Hyperclimb GA ga-classic, createRun', 'ga_nk_hyperclimb_evals_per_s', GA_EVALS, runWalls, runCpus, 'evals/s', notes),
    measurement('ga_nk', 'Hyperclimb GA ga-classic, bare ask/tell', 'ga_nk_hyperclimb_asktell_evals_per_s', GA_EVALS, loopWalls, loopCpus, 'evals/s', []),
  ];
}

function gaAskTell(landscape: DiscreteLandscape, spec: RunSpec): number {
  const problem = problemOf(spec.landscape);
  const params = optimizerParams(ga, problem, spec.optimizer) as ReturnType<typeof ga.defaults>;
  const rng = deriveRng(spec.seed, 'optimizer', spec.optimizer.label, spec.replicate);
  const start = createStart(landscape, problem, spec.seed, spec.replicate);
  const state = ga.init(rng, problem, start, params);
  const feedback: Feedback = { fitness: new Float64Array(GA_POP) };
  let evaluations = 0;
  for (let g = 0; g <= GA_GENERATIONS; g++) {
    const candidates = ga.ask(rng, state, params);
    if (candidates.kind !== 'points') throw new Error('ga asks for points');
    const genes = candidates.genes as Uint8Array;
    const out = feedback.fitness.subarray(0, candidates.count);
    if (landscape.fitnessMany) landscape.fitnessMany(genes, 0, candidates.count, out);
    else for (let c = 0; c < candidates.count; c++) out[c] = landscape.fitnessAt(genes, c * GA_N);
    ga.tell(rng, candidates, { fitness: out }, state, params);
    evaluations += candidates.count;
  }
  return evaluations;
}

// ------------------------------------------------------------------------------------------------ es_rastrigin

const ES_N = 1000;
const ES_LAMBDA = 32;
const ES_ITERATIONS = 100;

function esSpec(seed: number): RunSpec {
  return {
    seed,
    replicate: 0,
    landscape: { id: 'rastrigin', dim: ES_N, params: {} },
    optimizer: { id: 'cma-es', label: 'cma-es', params: { lambda: ES_LAMBDA, sigma0: 0.5 } },
    budget: { evaluations: ES_LAMBDA * ES_ITERATIONS },
    stop: { ...STOP, tolerance: 1e-6 },
  };
}

/**
 * (b) CMA-ES (Hansen's tutorial, full covariance, lazy eigendecomposition) on Rastrigin N = 1000, λ = 32, σ0 = 0.5,
 * 100 iterations: evaluations / s and seconds per iteration. The ask/tell loop also times the iterations that
 * ended with an eigendecomposition separately.
 */
export function esRastrigin(reps: number, bareLoop = true): Measurement[] {
  const runWalls: number[] = [];
  const runCpus: number[] = [];
  const loopWalls: number[] = [];
  const loopCpus: number[] = [];
  const notes: string[] = [];
  for (let r = 0; r < reps; r++) {
    const spec = esSpec(1 + r);
    const landscape = createLandscape(spec.landscape, spec.seed, spec.replicate) as ContinuousLandscape;
    const t = timed(() => {
      const run = createRun(spec, { landscape });
      run.finish();
      return run.result();
    });
    if (t.result.evaluations !== ES_LAMBDA * ES_ITERATIONS) throw new Error(`es_rastrigin: ${t.result.evaluations} evaluations`);
    runWalls.push(t.wall);
    runCpus.push(t.cpu);
    if (!bareLoop) {
      notes.push(`rep ${r}: run ${(t.wall / ES_ITERATIONS).toFixed(4)} s/iteration, best fitness ${t.result.bestFitness.toFixed(1)}`);
      continue;
    }
    const loop = timed(() => esAskTell(landscape, spec));
    loopWalls.push(loop.wall);
    loopCpus.push(loop.cpu);
    const { plain, decompositions } = loop.result;
    notes.push(
      `rep ${r}: run ${(t.wall / ES_ITERATIONS).toFixed(4)} s/iteration, best fitness ${t.result.bestFitness.toFixed(1)}; ask/tell ${(loop.wall / ES_ITERATIONS).toFixed(4)} s/iteration: ` +
        `median iteration without decomposition ${(median(plain) * 1000).toFixed(1)} ms, ${decompositions.length} iterations with an eigendecomposition (N = ${ES_N}) ${(median(decompositions)).toFixed(2)} s median`,
    );
  }
  const work = ES_LAMBDA * ES_ITERATIONS;
  const main = measurement('es_rastrigin', 'Hyperclimb CMA-ES (full), createRun', 'es_rastrigin_hyperclimb_cma_evals_per_s', work, runWalls, runCpus, 'evals/s', notes, {
    secondsPerIteration: median(runWalls) / ES_ITERATIONS,
  });
  if (!bareLoop) return [main];
  notes.push(`run wrapper vs bare ask/tell loop: ${(median(runWalls) / median(loopWalls)).toFixed(3)}× the time`);
  return [
    main,
    measurement('es_rastrigin', 'Hyperclimb CMA-ES (full), bare ask/tell', 'es_rastrigin_hyperclimb_cma_asktell_evals_per_s', work, loopWalls, loopCpus, 'evals/s', [], {
      secondsPerIteration: median(loopWalls) / ES_ITERATIONS,
    }),
  ];
}

function esAskTell(landscape: ContinuousLandscape, spec: RunSpec): { plain: number[]; decompositions: number[] } {
  const problem = problemOf(spec.landscape);
  const params = optimizerParams(cmaEs, problem, spec.optimizer) as ReturnType<typeof cmaEs.defaults>;
  const rng = deriveRng(spec.seed, 'optimizer', spec.optimizer.label, spec.replicate);
  const start = createStart(landscape, problem, spec.seed, spec.replicate);
  const state = cmaEs.init(rng, problem, start, params);
  const fitness = new Float64Array(ES_LAMBDA);
  const plain: number[] = [];
  const decompositions: number[] = [];
  for (let it = 0; it < ES_ITERATIONS; it++) {
    const before = state.eigeneval;
    const t = timed(() => {
      const candidates = cmaEs.ask(rng, state, params);
      if (candidates.kind !== 'points') throw new Error('cma-es asks for points');
      const genes = candidates.genes as Float64Array;
      for (let c = 0; c < candidates.count; c++) fitness[c] = landscape.fitnessAt(genes, c * ES_N);
      cmaEs.tell(rng, candidates, { fitness }, state, params);
    });
    (state.eigeneval !== before ? decompositions : plain).push(t.wall);
  }
  return { plain, decompositions };
}

// ------------------------------------------------------------------------------------------------ eigen

const EIGEN_N = 1000;

/**
 * (e) CMA-ES's eigensolver alone: `symmetricEigen` on a fixed 1000 × 1000 symmetric matrix, built from integers
 * exactly as bench/eigh_numpy.py builds it for LAPACK: median of `reps` decompositions with the WebAssembly kernel,
 * and one with the typed-array reference (the code before the kernel, same bits).
 */
export function eigenWorkload(reps: number): OurMeasurement[] {
  const n = EIGEN_N;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = ((i * j * 7919 + i + j) % 1009) / 1009 - 0.5 + (i === j ? 3 : 0);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  const time = (kernels: boolean, count: number) => {
    const previous = useKernels(kernels);
    const walls: number[] = [];
    const cpus: number[] = [];
    try {
      for (let r = 0; r < count; r++) {
        const t = timed(() => symmetricEigen(n, a, values, vectors));
        walls.push(t.wall);
        cpus.push(t.cpu);
      }
    } finally {
      useKernels(previous);
    }
    return { walls, cpus, smallest: values[0] };
  };
  const kernel = time(true, reps);
  const reference = time(false, 1);
  const notes = [
    `n = ${n}: smallest eigenvalue ${kernel.smallest.toFixed(6)} (reference ${reference.smallest.toFixed(6)}); kernel ${median(kernel.walls).toFixed(3)} s wall, ${median(kernel.cpus).toFixed(3)} s CPU per decomposition (median of ${reps}); typed-array reference ${reference.walls[0].toFixed(3)} s wall, ${reference.cpus[0].toFixed(3)} s CPU`,
  ];
  return [
    measurement('eigen', `Hyperclimb symmetricEigen, WebAssembly SIMD kernel (N = ${n})`, 'eigen_hyperclimb_decompositions_per_s', 1, kernel.walls, kernel.cpus, 'decompositions/s', notes),
    measurement('eigen', `Hyperclimb symmetricEigen, typed-array reference (N = ${n})`, 'eigen_hyperclimb_reference_decompositions_per_s', 1, reference.walls, reference.cpus, 'decompositions/s', [], { role: 'baseline' }),
  ];
}

// ------------------------------------------------------------------------------------------------ gd_sphere_bw

const GD_N = 10_000_000;
const GD_STEPS = 20;
const GD_LEARNING_RATE = 0.1;

/**
 * Bytes per element that one GD step of ours reads and writes, counted like the peers (STREAM convention: each
 * array read or written counts 8 B; the write-allocate read of a freshly written array is not counted). Through
 * createRun the step is one pass in place (sphere.gradientStep): it reads x and overwrites it with x + η·∇f, summing
 * x² on the way; the best point is not stored but recomputed when read, so 16 B, as numpy's in-place step.
 */
const GD_BYTES_RUN = 16;
/** The bare ask/tell loop: gradient x → g 16 B, update x += η·g 24 B. */
const GD_BYTES_LOOP = 40;

/**
 * (c) 20 GD steps on the sphere, N = 10^7: GB/s of the bytes our step moves, beside a plain copy y.set(x) (16 B per
 * element) measured in the same process, alternately; best of `reps` repetitions for both (STREAM convention).
 */
export function gdSphere(reps: number): Measurement[] {
  const copyFrom = new Float64Array(GD_N);
  const copyTo = new Float64Array(GD_N);
  for (let i = 0; i < GD_N; i++) copyFrom[i] = 1 + (i % 1000) * 1e-3;
  copyTo.fill(1);
  const spec: RunSpec = {
    seed: 1,
    replicate: 0,
    landscape: { id: 'sphere', dim: GD_N, params: {} },
    optimizer: { id: 'gd', label: 'gd', params: { learningRate: GD_LEARNING_RATE } },
    budget: { evaluations: 2 * GD_STEPS * (reps + 1) },
    // GD reaches −Σx² ≥ −1e-6 after about 70 steps; the timed steps must not end the run.
    stop: { ...STOP, atOptimum: false, tolerance: 1e-6 },
  };
  const landscape = createLandscape(spec.landscape, spec.seed, spec.replicate) as ContinuousLandscape;
  const run = createRun(spec, { landscape });
  const loop = gdLoop(landscape, spec);
  // The kernel's step alone, in place as the run's, without the run's bookkeeping: what that bookkeeping costs.
  const [inPlace] = landscape.stepBuffers?.(1) ?? [new Float64Array(GD_N)];
  inPlace.set(copyFrom);
  const stepInPlace = () => landscape.gradientStep!(inPlace, GD_LEARNING_RATE, inPlace);
  // Warm-up: compile every pass, touch every array.
  run.step(2);
  loop.step(2);
  for (let s = 0; s < 2; s++) copyTo.set(copyFrom);
  for (let s = 0; s < 2; s++) stepInPlace();
  const copyWalls: number[] = [];
  const copyCpus: number[] = [];
  const runWalls: number[] = [];
  const runCpus: number[] = [];
  const loopWalls: number[] = [];
  const loopCpus: number[] = [];
  const inPlaceWalls: number[] = [];
  const inPlaceCpus: number[] = [];
  const improvementsBefore = run.improvements;
  let stepsTimed = 0;
  const timeRun = () => {
    const g = timed(() => run.step(GD_STEPS));
    if (g.result !== GD_STEPS) throw new Error(`gd_sphere: the run ended after ${g.result} steps`);
    stepsTimed += GD_STEPS;
    runWalls.push(g.wall);
    runCpus.push(g.cpu);
  };
  const timeInPlace = () => {
    const k = timed(() => {
      for (let s = 0; s < GD_STEPS; s++) stepInPlace();
    });
    inPlaceWalls.push(k.wall);
    inPlaceCpus.push(k.cpu);
  };
  for (let r = 0; r < reps; r++) {
    const c = timed(() => {
      for (let s = 0; s < GD_STEPS; s++) copyTo.set(copyFrom);
    });
    copyWalls.push(c.wall);
    copyCpus.push(c.cpu);
    // The run and the bare kernel back to back, in turns first: what the bookkeeping costs is their ratio within a
    // rep, so that neither always follows the same pass (the copy's dirty lines) or the same moment of the machine.
    if (r % 2 === 0) {
      timeRun();
      timeInPlace();
    } else {
      timeInPlace();
      timeRun();
    }
    const l = timed(() => loop.step(GD_STEPS));
    loopWalls.push(l.wall);
    loopCpus.push(l.cpu);
  }
  const improvements = run.improvements - improvementsBefore;
  // Untimed above: the steps that lead to the best point, replayed once when it is read (run.ts bestPoint). When every
  // step improved, the best is the last point evaluated, after all steps but the last.
  const replayed = improvements === stepsTimed ? stepsTimed + 2 - 1 : undefined;
  const replay = timed(() => run.bestGenes());
  const bytesRun = GD_BYTES_RUN;
  const copyGB = (16 * GD_N * GD_STEPS) / 1e9;
  const runGB = (bytesRun * GD_N * GD_STEPS) / 1e9;
  const loopGB = (GD_BYTES_LOOP * GD_N * GD_STEPS) / 1e9;
  const bestCopy = Math.min(...copyWalls) / (GD_N * GD_STEPS);
  const bestRun = Math.min(...runWalls) / (GD_N * GD_STEPS);
  const bestLoop = Math.min(...loopWalls) / (GD_N * GD_STEPS);
  const bestInPlace = Math.min(...inPlaceWalls) / (GD_N * GD_STEPS);
  const pairedCpu = runCpus.map((cpu, r) => cpu / inPlaceCpus[r]);
  const notes = [
    `bytes counted per element and step (STREAM convention, write-allocate not counted): one pass x → x + η·∇f in place with Σx² on the way ${bytesRun} B (${improvements} of ${stepsTimed} timed steps improved; the best point is not stored, it is recomputed when read); bare ask/tell: gradient 16 + update 24 = ${GD_BYTES_LOOP} B`,
    `time per element and step: copy ${(bestCopy * 1e9).toFixed(2)} ns, GD step via createRun ${(bestRun * 1e9).toFixed(2)} ns (= ${(bestRun / bestCopy).toFixed(2)} copies), bare ask/tell ${(bestLoop * 1e9).toFixed(2)} ns; run wrapper ${(bestRun / bestLoop).toFixed(3)}× the bare loop's time`,
    `the same one-pass step alone (${landscape.stepBuffers ? 'kernel' : 'typed arrays'}, in place, no bookkeeping): ${(bestInPlace * 1e9).toFixed(2)} ns per element and step; the run's step takes ${(bestRun / bestInPlace).toFixed(2)}× its time (best walls); timed back to back with it, by CPU time: ${median(pairedCpu).toFixed(3)}× (median over the ${reps} reps of each rep's ratio: ${pairedCpu.map((q) => q.toFixed(3)).join(', ')})`,
    replayed === undefined
      ? `reading the best point at the end (untimed above): ${replay.wall.toFixed(3)} s`
      : `reading the best point at the end (untimed above) replayed the ${replayed} steps before it: ${((replay.wall / (GD_N * replayed)) * 1e9).toFixed(2)} ns per element and step replayed`,
  ];
  return [
    measurement('gd_sphere_bw', 'copy y.set(x), same process (ref)', 'bw_copy_hyperclimb_process_GB_per_s', copyGB, copyWalls, copyCpus, 'GB/s', [], { role: 'baseline' }, 'max'),
    measurement('gd_sphere_bw', `Hyperclimb GD step, createRun (${bytesRun.toFixed(0)} B/elem)`, 'gd_sphere_hyperclimb_GB_per_s', runGB, runWalls, runCpus, 'GB/s', notes, {}, 'max'),
    measurement('gd_sphere_bw', `Hyperclimb GD step, bare ask/tell (${GD_BYTES_LOOP} B/elem)`, 'gd_sphere_hyperclimb_asktell_GB_per_s', loopGB, loopWalls, loopCpus, 'GB/s', [], {}, 'max'),
  ];
}

function gdLoop(landscape: ContinuousLandscape, spec: RunSpec): { step(n: number): void } {
  const problem: Problem = problemOf(spec.landscape);
  const params = optimizerParams(gd, problem, spec.optimizer);
  const rng = deriveRng(spec.seed, 'optimizer', 'gd-loop', spec.replicate);
  const start = createStart(landscape, problem, spec.seed, spec.replicate);
  const def = gd as OptimizerDef;
  const state = def.init(rng, problem, start, params);
  const gradient = new Float64Array(GD_N);
  const feedback: Feedback = { fitness: new Float64Array(1), gradient };
  return {
    step(n: number) {
      for (let s = 0; s < n; s++) {
        const candidates = def.ask(rng, state, params);
        if (candidates.kind !== 'points') throw new Error('gd asks for points');
        feedback.fitness[0] = landscape.gradient!(candidates.genes as Float64Array, gradient);
        def.tell(rng, candidates, feedback, state, params);
      }
    },
  };
}

// ------------------------------------------------------------------------------------------------ gd_mlp

const MLP_N = 2048;
const MLP_D = 20;
const MLP_H = 64;
const MLP_STEPS = 500;
const MLP_LR = 0.5;

/**
 * (d) 500 full-batch GD steps (η = 0.5) on the peers' teacher–student MLP (inputs 20, hidden 64 tanh, 2048 samples,
 * MSE), from the peers' student start: steps / s, the final training loss evaluated inside the timed region (as the
 * peers do). `mlp` with `dataset: teacher` draws the same shapes from a seed; here the peers' data are passed in.
 */
export function gdMlp(reps: number): Measurement[] {
  const { x, y, x0 } = peerMlpInstance(MLP_N, MLP_D, MLP_H, 3);
  const arch = { inputs: MLP_D, hidden: [MLP_H], activation: 'tanh', residual: false, loss: 'mse' } as const;
  const landscape = createMlp(arch, x, y, MLP_N);
  const spec: RunSpec = {
    seed: 1,
    replicate: 0,
    landscape: { id: 'mlp', dim: landscape.dim, params: { hidden: [MLP_H], inputs: MLP_D, dataset: 'teacher', teacherWidth: MLP_H, samples: MLP_N, testFraction: 0 } },
    optimizer: { id: 'gd', label: 'gd', params: { learningRate: MLP_LR } },
    budget: { evaluations: landscape.gradientCost * MLP_STEPS },
    stop: { ...STOP, atOptimum: false, tolerance: 1e-6 },
  };
  const runWalls: number[] = [];
  const runCpus: number[] = [];
  const loopWalls: number[] = [];
  const loopCpus: number[] = [];
  const losses: string[] = [];
  for (let r = 0; r < reps; r++) {
    const first = r % 2 === 0;
    const once = (which: 'run' | 'loop') => {
      if (which === 'run') {
        const t = timed(() => {
          const run = createRun(spec, { landscape, x0 });
          run.finish();
          const end = landscape.fitnessAt(run.snapshot().incumbent as Float64Array, 0);
          return { result: run.result(), end };
        });
        if (t.result.result.generations !== MLP_STEPS) throw new Error(`gd_mlp: ${t.result.result.generations} steps, expected ${MLP_STEPS}`);
        runWalls.push(t.wall);
        runCpus.push(t.cpu);
        losses.push(`${(-t.result.result.bestFitness).toFixed(6)} / ${(-t.result.end).toFixed(6)}`);
      } else {
        const t = timed(() => mlpLoop(landscape, x0));
        loopWalls.push(t.wall);
        loopCpus.push(t.cpu);
        losses.push(`loop ${(-t.result[0]).toFixed(6)} → ${(-t.result[1]).toFixed(6)}`);
      }
    };
    once(first ? 'run' : 'loop');
    once(first ? 'loop' : 'run');
  }
  const notes = [
    `${reps} reps, median rep; loss at step 0 ${(-landscape.fitnessAt(x0, 0)).toFixed(6)} (peers 0.760931); best loss / loss after ${MLP_STEPS} steps per rep: ${[...new Set(losses)].join('; ')} (peers 0.015295)`,
    `run wrapper vs bare ask/tell loop: ${(median(runWalls) / median(loopWalls)).toFixed(3)}× the time`,
  ];
  return [
    measurement('gd_mlp', 'Hyperclimb mlp + gd, createRun (f64)', 'gd_mlp_hyperclimb_steps_per_s', MLP_STEPS, runWalls, runCpus, 'steps/s', notes),
    measurement('gd_mlp', 'Hyperclimb mlp + gd, bare ask/tell (f64)', 'gd_mlp_hyperclimb_asktell_steps_per_s', MLP_STEPS, loopWalls, loopCpus, 'steps/s', []),
  ];
}

/** The bare loop: gd's ask/tell with the landscape's gradient called directly; returns the first and last fitness. */
function mlpLoop(landscape: ContinuousLandscape, x0: Float64Array): [number, number] {
  const problem: Problem = { space: 'continuous', dim: landscape.dim, alleles: 0, lower: -1, upper: 1 };
  const rng = deriveRng('gd_mlp', 'loop');
  const def = gd as OptimizerDef;
  const params = { learningRate: MLP_LR };
  const state = def.init(rng, problem, { x0, fitness0: 0, rng }, params);
  const gradient = new Float64Array(landscape.dim);
  const feedback: Feedback = { fitness: new Float64Array(1), gradient };
  let first = NaN;
  for (let s = 0; s < MLP_STEPS; s++) {
    const candidates = def.ask(rng, state, params);
    if (candidates.kind !== 'points') throw new Error('gd asks for points');
    feedback.fitness[0] = landscape.gradient!(candidates.genes as Float64Array, gradient);
    if (s === 0) first = feedback.fitness[0];
    def.tell(rng, candidates, feedback, state, params);
  }
  return [first, landscape.fitnessAt(def.incumbent(state) as Float64Array, 0)];
}

// ------------------------------------------------------------------------------------------------ helpers

export interface Extra {
  secondsPerIteration?: number;
  /** main: our createRun variant (what --peer-line prints and ratios refer to); asktell: the bare loop; baseline:
   * a reference measured in our process (the copy). */
  role?: 'main' | 'asktell' | 'baseline';
}

export type OurMeasurement = Measurement & Extra;

function measurement(
  workload: string,
  label: string,
  metric: string,
  work: number,
  walls: number[],
  cpus: number[],
  unit: string,
  notes: string[],
  extra: Extra = {},
  agg: 'median' | 'max' = 'median',
): OurMeasurement {
  const pick = (v: number[]) => (agg === 'median' ? median(v) : Math.max(...v));
  const role = extra.role ?? (metric.includes('asktell') ? 'asktell' : 'main');
  return {
    role,
    workload,
    label,
    metric,
    value: pick(walls.map((w) => work / w)),
    cpuValue: pick(cpus.filter((c) => c > 0).map((c) => work / c)),
    unit,
    notes,
    ...extra,
  };
}

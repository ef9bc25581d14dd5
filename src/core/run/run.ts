/**
 * A run: one optimizer on one landscape instance from one start, stepped a generation at a time. Runs have no
 * clock: the page steps them between frames, the CLI and tests step them to the end. The bookkeeping every method
 * shares lives here once: budget in evaluations (a gradient costs `gradientCost`), best so far, the trace of
 * improvements, non-finite values, and the stop rules of SCENARIO.md.
 *
 * Dead ends. Adaptive walks end at a local optimum on their own (they cannot move). With `stop.deadEnd`, methods
 * that cannot leave a dead end (plain gradient methods) end as soon as their point is critical (gradient below
 * tolerance), classified as local optimum or saddle; methods that can (EA, GA, ES, Langevin) end when they have
 * stalled and their incumbent is a dead end, otherwise as `stalled`. A generation whose every candidate has a
 * non-finite fitness ends the run as `diverged`.
 */
import { hessianVectorCost } from '../landscapes/hessian-vector.ts';
import { type ContinuousLandscape, fitnessOf, type Landscape } from '../landscapes/landscape.ts';
import { ascend, classifyPoint, isLocalOptimum, norm, type PointKind } from '../metrics/dead-end.ts';
import type { Candidates, OptimizerDef, Problem } from '../optimizers/optimizer.ts';
import { optimizerDef } from '../optimizers/registry.ts';
import { deriveRng, type Rng } from '../rng.ts';
import { Evaluator } from './evaluator.ts';
import { LandscapeWork } from './flops.ts';
import { RunMeasures } from './measures.ts';
import { createLandscape, createStart, optimizerParams, problemOf } from './instance.ts';
import { TRACE_FULL_ENTRIES, TRACE_THINNED_SPACING } from './limits.ts';
import { DEFAULT_TRACE, TraceRecorder } from './trace.ts';
import type { EndedAt, RunResult, RunSpec } from './spec.ts';

export interface RunSnapshot extends RunResult {
  readonly done: boolean;
  readonly endedAt: EndedAt;
  /** Copies: the best genotype so far and the optimizer's current point. */
  readonly best: Float64Array | Uint8Array;
  readonly incumbent: Float64Array | Uint8Array;
  /** Improvements of the best fitness: pairs (evaluations, best fitness), flattened. */
  readonly trace: Float64Array;
}

export interface Run {
  readonly spec: RunSpec;
  readonly landscape: Landscape;
  readonly done: boolean;
  /** Evaluations spent so far (the budget's currency). */
  readonly evaluations: number;
  /** Advances up to `generations` generations (fewer if the run ends); returns how many ran. */
  step(generations?: number): number;
  /** Steps until the run ends. */
  finish(): void;
  result(): RunResult;
  snapshot(): RunSnapshot;
  /** The points the optimizer holds now, for views: its population, or its current point (not copies). */
  points(): { genes: Float64Array | Uint8Array; count: number };
  /** The best genotype so far (not a copy, and only until the next step: one-pass gradient steps recompute it). */
  bestGenes(): Float64Array | Uint8Array;
  /** Entries of the trace of improvements so far (one per improvement of the best fitness, the start included). */
  readonly improvements: number;
  /** With `measure.flops`: the flops spent so far (null where a part is not counted, flops.ts); else undefined. */
  readonly flops: number | null | undefined;
  /** The trace of improvements from entry `from` on (pairs of evaluations and best fitness, flattened), copied. */
  traceFrom(from: number): Float64Array;
  /** The sharpness trace (`measure.sharpnessEvery`) from entry `from` on, as flattened [evaluations, sharpness] pairs. */
  sharpnessFrom(from: number): Float64Array;
}

export interface RunContext {
  /**
   * A landscape instance already made for this spec's replicate (racers of a replicate share it), used as it is:
   * made by createLandscape it carries the spec's bound policy; made by hand, wrap it in boundedLandscape for one.
   */
  landscape?: Landscape;
  /** A start point instead of the replicate's (benchmarks that reproduce another program's start). */
  x0?: Float64Array | Uint8Array;
}

/** Makes a run; the landscape comes from the replicate's landscape stream unless one is passed in. */
export function createRun(spec: RunSpec, context: RunContext = {}): Run {
  const def = optimizerDef(spec.optimizer.id);
  if (!def) throw new Error(`unknown optimizer '${spec.optimizer.id}'`);
  const landscape = context.landscape ?? createLandscape(spec.landscape, spec.seed, spec.replicate);
  const problem = problemOf(spec.landscape);
  return new RunImpl(spec, def, landscape, problem, context.x0);
}

/**
 * True when no candidate of a generation has a finite fitness (the evaluator ranks NaN and ±∞ as −∞): the method
 * has left the region where the landscape is defined (a learning rate too large overflows within a few steps), and
 * no later step can bring it back, so the run ends as `diverged` instead of spending its budget on non-numbers.
 */
function allNonFinite(fitness: Float64Array, count: number): boolean {
  for (let c = 0; c < count; c++) if (fitness[c] !== -Infinity) return false;
  return count > 0;
}

class RunImpl implements Run {
  done = false;
  endedAt: EndedAt = 'budget';
  private readonly rng: Rng;
  private readonly params: Record<string, unknown>;
  private readonly state: unknown;
  private readonly evaluator: Evaluator;
  private readonly measures: RunMeasures;
  private readonly work: LandscapeWork;
  private readonly gradientCost: number;
  private readonly stallWindow: number;
  evaluations = 0;
  private fitnessEvaluations = 0;
  private gradientEvaluations = 0;
  private hessianVectorProducts = 0;
  // Minibatch gradients (stochastic landscapes): full gradients and examples of minibatch gradients, counted as
  // integers so that the charged share (examples / samples) is exact; the best is observed once per epoch.
  private fullGradients = 0;
  private minibatchExamples = 0;
  private nextObservation = 0;
  private unobserved = false;
  private generations = 0;
  private bestFitness: number;
  /**
   * The best point so far once `bestPoint` has brought it up to date. One-pass gradient steps overwrite their point,
   * so there it holds the point of generation `bestHeld`, and the best is the point of generation `bestAt`: the same
   * deterministic steps, replayed, lead from one to the other (`bestPoint`).
   */
  private best: Float64Array | Uint8Array;
  private bestHeld = 0;
  private bestAt = 0;
  /** One-pass gradient steps in place (landscape `gradientStep`, optimizer `fusedStepSize`): their step size. */
  private readonly fusedStep: number | undefined;
  /** The buffer one-pass steps take in place, once the first step has moved the optimizer's point into it. */
  private stepPoint: Float64Array | undefined;
  private lastImprovement = 0;
  private trace = new Float64Array(64);
  private traceLength = 0;
  /** The bounded trace result lines carry (`measure.trace`); the one above is the page's, unbounded in length. */
  private readonly resultTrace: TraceRecorder | undefined;

  constructor(
    readonly spec: RunSpec,
    private readonly def: OptimizerDef,
    readonly landscape: Landscape,
    private readonly problem: Problem,
    x0?: Float64Array | Uint8Array,
  ) {
    const { seed, replicate } = spec;
    this.params = optimizerParams(def, problem, spec.optimizer);
    this.rng = deriveRng(seed, 'optimizer', spec.optimizer.label, replicate);
    const replicateStart = createStart(landscape, problem, seed, replicate);
    const start = x0 ? { ...replicateStart, x0, fitness0: fitnessOf(landscape, x0) } : replicateStart;
    this.best = start.x0.slice();
    this.bestFitness = Number.isFinite(start.fitness0) ? start.fitness0 : -Infinity;
    this.state = def.init(this.rng, problem, { ...start, fitness0: this.bestFitness }, this.params);
    this.evaluator = new Evaluator(landscape, def.needsGradient);
    this.measures = new RunMeasures(spec.measure, landscape);
    const trace = spec.measure?.trace;
    this.resultTrace = trace
      ? new TraceRecorder(trace === true ? DEFAULT_TRACE : { ...DEFAULT_TRACE, ...trace }, spec.budget.evaluations, {
          landscape: spec.landscape.id,
          dim: problem.dim,
        })
      : undefined;
    this.work = new LandscapeWork(landscape);
    if (this.measures.active) this.measures.step(0, 0, def.incumbent(this.state));
    this.gradientCost = spec.budget.gradientCost ?? landscape.gradientCost;
    // The dead-end stop reads the gradient, which a one-pass step never stores.
    const fused = def.fusedStepSize && def.adoptPoint && landscape.space === 'continuous' && landscape.gradientStep && !spec.stop.deadEnd;
    this.fusedStep = fused ? def.fusedStepSize!(this.state, this.params) : undefined;
    this.stallWindow =
      spec.stop.stalledEvaluations ?? (spec.stop.deadEnd && def.escapesDeadEnds ? Math.ceil(spec.budget.evaluations / 10) : Infinity);
    this.record();
    if (this.reachedOptimum()) this.end('optimum');
  }

  step(generations = 1): number {
    let ran = 0;
    while (ran < generations && !this.done) {
      this.generation();
      ran++;
    }
    return ran;
  }

  finish(): void {
    while (!this.done) this.generation();
  }

  private generation(): void {
    if (this.fusedStep !== undefined) return this.fusedGeneration(this.fusedStep);
    const { def, state, params, rng } = this;
    const candidates = def.ask(rng, state, params);
    const minibatch = def.needsGradient && candidates.kind === 'points' ? candidates.minibatch : undefined;
    if (minibatch) return this.minibatchGeneration(candidates, minibatch.to - minibatch.from);
    if (def.needsGradient && candidates.kind === 'points' && candidates.hessianVector) return this.hessianVectorGeneration(candidates);
    const cost = def.needsGradient ? this.gradientCost * candidates.count : candidates.count;
    if (this.evaluations + cost > this.spec.budget.evaluations) {
      this.end('budget');
      return;
    }
    const feedback = this.evaluator.evaluate(candidates);
    this.resultTrace?.advance(this.evaluations + cost, this.bestFitness);
    this.evaluations += cost;
    if (def.needsGradient) {
      this.gradientEvaluations += candidates.count;
      this.fullGradients += candidates.count;
      this.work.gradients(candidates.count);
    } else {
      this.fitnessEvaluations += candidates.count;
      this.work.evaluations(candidates.count);
    }
    this.trackBest(candidates, feedback.fitness);
    if (allNonFinite(feedback.fitness, candidates.count)) return this.end('diverged');
    def.tell(rng, candidates, feedback, state, params);
    this.generations++;
    if (this.measures.active) this.measures.step(this.generations, this.evaluations, def.incumbent(state));
    this.checkStops(feedback.gradient);
  }

  /**
   * A generation of plain gradient ascent in one pass over memory: the landscape overwrites x with x + a·∇f(x) and
   * returns f(x), with the evaluator's rule for non-finite values. Stepping in place saves the second array's
   * write-allocate read, but overwrites x, which is the best point whenever f(x) improved; the run keeps only that
   * generation's number (`bestAt`), and `bestPoint` replays the steps that lead to it when the point is read. Same
   * numbers as `generation`'s ask, evaluate, copy and tell. The step buffer comes from the landscape's `stepBuffers`
   * where it has them, so that its kernel steps without copying.
   */
  private fusedGeneration(stepSize: number): void {
    const { def, state } = this;
    const cost = this.gradientCost;
    if (this.evaluations + cost > this.spec.budget.evaluations) return this.end('budget');
    const x = def.incumbent(state) as Float64Array;
    // The first step moves the optimizer's own point into the step buffer; every later one is in place.
    const point = (this.stepPoint ??= this.stepBuffers(x.length));
    let fitness = (this.landscape as ContinuousLandscape).gradientStep!(x, stepSize, point);
    if (fitness - fitness !== 0) {
      fitness = -Infinity;
      this.evaluator.nonFinite++;
    }
    this.resultTrace?.advance(this.evaluations + cost, this.bestFitness);
    this.evaluations += cost;
    this.gradientEvaluations++;
    this.fullGradients++;
    this.work.gradients(1);
    if (fitness > this.bestFitness) {
      this.bestFitness = fitness;
      this.bestAt = this.generations;
      this.lastImprovement = this.evaluations;
      this.record();
    }
    if (fitness === -Infinity) {
      // A diverged run ends on the point it evaluated (as ask/tell leaves it), which the step has overwritten.
      if (x === point) this.replayInto(point, this.generations);
      return this.end('diverged');
    }
    def.adoptPoint!(state, point);
    this.generations++;
    if (this.measures.active) this.measures.step(this.generations, this.evaluations, def.incumbent(state));
    this.checkStops(undefined);
  }

  /** The buffer one-pass steps take; with the landscape's step buffers, the best point's replays move into one too. */
  private stepBuffers(dim: number): Float64Array {
    const buffers = (this.landscape as ContinuousLandscape).stepBuffers?.(2);
    if (!buffers) return new Float64Array(dim);
    const [point, best] = buffers;
    best.set(this.best);
    this.best = best;
    return point;
  }

  /**
   * The best point so far. After one-pass steps it is recomputed from the last point recomputed (or the start) by the
   * same steps with the same step size, so the same bits. Each step of a run is replayed at most once, because the
   * best's generation only grows: reading the best costs nothing while nobody reads it, and at most one more step per
   * step taken when a view reads it after every step.
   */
  private bestPoint(): Float64Array | Uint8Array {
    const landscape = this.landscape as ContinuousLandscape;
    const best = this.best as Float64Array;
    for (; this.bestHeld < this.bestAt; this.bestHeld++) landscape.gradientStep!(best, this.fusedStep!, best);
    return this.best;
  }

  /** Sets `point` to the point of one-pass generation `generation` (at or after the best's), by replaying steps. */
  private replayInto(point: Float64Array, generation: number): void {
    point.set(this.bestPoint());
    const landscape = this.landscape as ContinuousLandscape;
    for (let g = this.bestAt; g < generation; g++) landscape.gradientStep!(point, this.fusedStep!, point);
  }

  /**
   * A minibatch gradient of `examples` training examples (docs/runs.md): charged examples / samples of a gradient.
   * Its fitness is the minibatch's, an estimate, so the best so far is instead observed (uncharged, like the dead-end
   * tests) at the incumbent after each epoch's worth of examples and when the run ends.
   */
  private minibatchGeneration(candidates: Candidates, examples: number): void {
    const { def, state, params, rng } = this;
    const samples = this.landscape.space === 'continuous' ? (this.landscape.samples ?? 0) : 0;
    if (!(samples > 0)) throw new Error(`landscape ${this.landscape.id} has no training examples for minibatches`);
    const gradients = (m: number) => this.fullGradients + m / samples;
    if (this.fitnessEvaluations + this.gradientCost * gradients(this.minibatchExamples + examples) > this.spec.budget.evaluations) {
      this.end('budget');
      return;
    }
    const feedback = this.evaluator.evaluate(candidates);
    this.minibatchExamples += examples;
    this.work.gradients(examples / samples);
    this.gradientEvaluations = gradients(this.minibatchExamples);
    this.resultTrace?.advance(this.fitnessEvaluations + this.gradientCost * this.gradientEvaluations, this.bestFitness);
    this.evaluations = this.fitnessEvaluations + this.gradientCost * this.gradientEvaluations;
    if (allNonFinite(feedback.fitness, candidates.count)) return this.end('diverged');
    def.tell(rng, candidates, feedback, state, params);
    this.generations++;
    if (this.measures.active) this.measures.step(this.generations, this.evaluations, def.incumbent(state));
    this.unobserved = true;
    if (this.minibatchExamples >= this.nextObservation) {
      while (this.nextObservation <= this.minibatchExamples) this.nextObservation += samples;
      this.observe();
    }
    this.checkStops(undefined);
  }

  /**
   * A Hessian–vector product (Newton-type methods), charged hessianVectorCost gradients (landscapes/hessian-vector.ts).
   * It has no fitness of its own, so the best so far is unchanged; the dead-end test waits for the next gradient.
   */
  private hessianVectorGeneration(candidates: Candidates): void {
    const { def, state, params, rng } = this;
    const cost = this.gradientCost * hessianVectorCost(this.landscape as ContinuousLandscape);
    if (this.evaluations + cost > this.spec.budget.evaluations) {
      this.end('budget');
      return;
    }
    const feedback = this.evaluator.evaluate(candidates);
    this.evaluations += cost;
    this.hessianVectorProducts++;
    this.work.products(1);
    def.tell(rng, candidates, feedback, state, params);
    this.generations++;
    if (this.measures.active) this.measures.step(this.generations, this.evaluations, def.incumbent(state));
    this.checkStops(undefined);
  }

  /** The observer's evaluation of the incumbent (uncharged): the best so far of a minibatch method. */
  private observe(): void {
    this.unobserved = false;
    const x = this.def.incumbent(this.state) as Float64Array;
    const f = (this.landscape as ContinuousLandscape).fitnessAt(x, 0);
    if (!(f > this.bestFitness)) return;
    this.best.set(x);
    this.bestHeld = this.bestAt = this.generations;
    this.bestFitness = f;
    this.lastImprovement = this.evaluations;
    this.record();
  }

  private trackBest(candidates: Candidates, fitness: Float64Array): void {
    let bestIndex = -1;
    let bestValue = this.bestFitness;
    for (let c = 0; c < candidates.count; c++) {
      if (fitness[c] > bestValue) {
        bestValue = fitness[c];
        bestIndex = c;
      }
    }
    if (bestIndex < 0) return;
    const dim = this.problem.dim;
    if (candidates.kind === 'points') {
      // A native copy (memcpy): for gradient methods on large vectors this runs every step.
      const genes = candidates.genes;
      const from = bestIndex * dim;
      this.best.set(from === 0 && genes.length === dim ? genes : genes.subarray(from, from + dim));
    } else {
      this.best.set(candidates.base);
      for (let k = candidates.offsets[bestIndex]; k < candidates.offsets[bestIndex + 1]; k++) {
        this.best[candidates.loci[k]] = candidates.values[k];
      }
    }
    this.bestFitness = bestValue;
    this.bestHeld = this.bestAt = this.generations;
    this.lastImprovement = this.evaluations;
    this.record();
  }

  /**
   * Appends (evaluations, best fitness) to the trace. Beyond TRACE_FULL_ENTRIES improvements only those spaced by
   * TRACE_THINNED_SPACING in evaluations are kept (limits.ts), and the last one when the run ends (`final`): the trace
   * stays bounded and append-only, so readers that take it from an offset (`traceFrom`) see the same entries.
   */
  private record(final = false): void {
    if (!final) this.resultTrace?.improve(this.evaluations, this.bestFitness);
    const thinning = this.traceLength >= 2 * TRACE_FULL_ENTRIES;
    const last = this.traceLength - 2;
    if (final && !(thinning && this.trace[last + 1] !== this.bestFitness)) return;
    if (!final && thinning && this.evaluations < this.trace[last] * TRACE_THINNED_SPACING) return;
    const evaluations = final ? this.lastImprovement : this.evaluations;
    if (this.traceLength + 2 > this.trace.length) {
      const grown = new Float64Array(this.trace.length * 2);
      grown.set(this.trace);
      this.trace = grown;
    }
    this.trace[this.traceLength++] = evaluations;
    this.trace[this.traceLength++] = this.bestFitness;
  }

  private reachedOptimum(): boolean {
    const optimum = this.landscape.optimumFitness;
    return this.spec.stop.atOptimum && optimum !== undefined && this.bestFitness >= optimum - this.spec.stop.tolerance;
  }

  private checkStops(gradient: Float64Array | undefined): void {
    const { def, state, spec } = this;
    if (this.reachedOptimum()) return this.end('optimum');
    if (def.stuck?.(state)) return this.end('local-optimum');
    if (spec.stop.deadEnd && !def.escapesDeadEnds && gradient && norm(gradient) <= spec.stop.gradientTolerance) {
      const kind = this.classifyIncumbent();
      if (kind !== 'regular') return this.end(kind);
    }
    if (this.evaluations - this.lastImprovement >= this.stallWindow) {
      const kind = spec.stop.deadEnd ? this.classifyIncumbent(def.escapesDeadEnds) : 'regular';
      return this.end(kind === 'regular' ? 'stalled' : kind);
    }
    if (this.evaluations >= spec.budget.evaluations) return this.end('budget');
  }

  /**
   * Whether the optimizer's current point is a dead end (the observer's test, not charged to the budget). A
   * population or a noisy method that stalls is rarely exactly at a critical point, so with `inBasin` its point is
   * first carried uphill by gradient ascent: the run stalled in a dead end if that ascent ends at a local optimum
   * (or saddle) other than the global optimum.
   */
  private classifyIncumbent(inBasin = false): PointKind {
    const x = this.def.incumbent(this.state);
    const landscape = this.landscape;
    if (landscape.space === 'discrete') {
      const genes = x as Uint8Array;
      return isLocalOptimum(landscape, genes, landscape.fitnessAt(genes, 0)) ? 'local-optimum' : 'regular';
    }
    if (!landscape.gradient) return 'regular';
    const options = { gradientTolerance: this.spec.stop.gradientTolerance };
    if (!inBasin) return classifyPoint(landscape, x as Float64Array, options).kind;
    const top = ascend(landscape, x as Float64Array, options.gradientTolerance);
    const optimum = landscape.optimumFitness;
    if (optimum !== undefined && landscape.fitnessAt(top, 0) >= optimum - this.spec.stop.tolerance) return 'regular';
    return classifyPoint(landscape, top, options).kind;
  }

  private end(endedAt: EndedAt): void {
    if (this.measures.active && !this.done) this.measures.end(this.generations, this.evaluations, this.def.incumbent(this.state));
    if (this.unobserved) this.observe();
    if (!this.done) this.record(true);
    if (!this.done) this.resultTrace?.end(this.bestFitness);
    this.done = true;
    this.endedAt = endedAt;
  }

  result(): RunResult {
    return {
      endedAt: this.endedAt,
      bestFitness: this.bestFitness,
      optimumFitness: this.landscape.optimumFitness ?? null,
      evaluations: this.evaluations,
      fitnessEvaluations: this.fitnessEvaluations,
      gradientEvaluations: this.gradientEvaluations,
      generations: this.generations,
      nonFinite: this.evaluator.nonFinite,
      ...(this.hessianVectorProducts > 0 && { hessianVectorProducts: this.hessianVectorProducts }),
      ...this.measures.result(),
      ...(this.resultTrace && { traceRecord: this.resultTrace.result() }),
      ...(this.spec.measure?.flops && { flops: this.flops }),
      ...this.testLoss(),
    };
  }

  private testLossOf: { entries: number; value: number } | undefined;

  /** The best point's test loss, for landscapes with held-out data; recomputed only when the best changed. */
  private testLoss(): { testLoss?: number } {
    const landscape = this.landscape;
    if (landscape.space !== 'continuous' || !landscape.testFitness || !Number.isFinite(this.bestFitness)) return {};
    if (this.testLossOf?.entries !== this.traceLength) {
      this.testLossOf = { entries: this.traceLength, value: -landscape.testFitness(this.bestPoint() as Float64Array, 0) };
    }
    return Number.isNaN(this.testLossOf.value) ? {} : { testLoss: this.testLossOf.value };
  }

  points(): { genes: Float64Array | Uint8Array; count: number } {
    const population = this.def.population?.(this.state);
    return population ? { genes: population.genes, count: population.count } : { genes: this.def.incumbent(this.state), count: 1 };
  }

  bestGenes(): Float64Array | Uint8Array {
    return this.bestPoint();
  }

  get improvements(): number {
    return this.traceLength / 2;
  }

  get flops(): number | null | undefined {
    return this.spec.measure?.flops ? this.work.withMethod(this.def.flops?.(this.state)) : undefined;
  }

  traceFrom(from: number): Float64Array {
    return this.trace.slice(2 * from, this.traceLength);
  }

  sharpnessFrom(from: number): Float64Array {
    return this.measures.sharpnessFrom(from);
  }

  snapshot(): RunSnapshot {
    return {
      ...this.result(),
      done: this.done,
      best: this.bestPoint().slice(),
      incumbent: this.def.incumbent(this.state).slice(),
      trace: this.trace.slice(0, this.traceLength),
    };
  }
}

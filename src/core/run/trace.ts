/**
 * The improvement trace a result line carries (scenario `measure.trace`): what fixed-target and fixed-budget analyses
 * (runtime ECDFs, ERT, best value against budget; `hyperclimb report`) read from a run.
 *
 * - Improvements: (evaluations, best fitness) after every generation that improved the best so far, the start
 *   included. Kept in two preallocated arrays of `points` entries. When they fill up, neighbouring improvements are
 *   merged into log-spaced buckets of the evaluation count (bucket ⌊ln(1 + e) / ln ρ⌋, ρ squared at each merge until at
 *   most half the room is used): each bucket keeps its *last* improvement. So the trace never holds more than `points`
 *   entries, its last entry is always the run's best, and past the bound a target's runtime e read from it is never
 *   early and late by less than a factor ρ in 1 + e; the best value read at any budget is never overstated. `spacing` says
 *   which ρ was reached (1: every improvement is there).
 * - Fixed budgets: the best so far at `budgets` evaluation counts log-spaced from 1 to the budget (`budgetGrid`),
 *   exact whatever the merging; a run that ended early keeps its final best at the budgets after its end.
 *
 * "After e evaluations" means after the generation that brought the count to e (a generation's candidates are
 * evaluated together). No allocation after construction: the hot loop only writes into the arrays.
 */

export interface TraceSpec {
  /** Most improvements kept (`points` ≥ 4). */
  readonly points: number;
  /** Number of fixed budgets (log-spaced from 1 evaluation to the budget). */
  readonly budgets: number;
}

export const DEFAULT_TRACE: TraceSpec = { points: 1000, budgets: 50 };

/** What a result line carries: improvements as [evaluations, best] pairs and the best at each fixed budget. */
export interface RunTrace {
  /** What the exchange formats need to name the problem: the landscape id, the genotype's length, the budget. */
  readonly landscape: string;
  readonly dim: number;
  readonly budget: number;
  readonly improvements: [number, number][];
  /** The bucket ratio ρ the improvements were merged with (1 when none were). */
  readonly spacing: number;
  readonly budgets: [number, number][];
}

/**
 * `count` evaluation counts log-spaced from 1 to `budget`, rounded to whole evaluations and without repeats (so a
 * small budget has fewer): round(budget^(k / (count − 1))).
 */
export function budgetGrid(budget: number, count: number): number[] {
  const grid: number[] = [];
  const top = Math.max(1, Math.floor(budget));
  for (let k = 0; k < count; k++) {
    const value = count === 1 ? top : Math.min(top, Math.round(top ** (k / (count - 1))));
    if (grid[grid.length - 1] !== value) grid.push(value);
  }
  return grid;
}

export class TraceRecorder {
  private readonly evaluations: Float64Array;
  private readonly values: Float64Array;
  private length = 0;
  private logSpacing = 0;
  private readonly grid: Float64Array;
  private readonly gridValues: Float64Array;
  private nextBudget = 0;

  constructor(
    spec: TraceSpec,
    private readonly budget: number,
    private readonly problem: { landscape: string; dim: number },
  ) {
    this.evaluations = new Float64Array(spec.points);
    this.values = new Float64Array(spec.points);
    this.grid = Float64Array.from(budgetGrid(budget, spec.budgets));
    this.gridValues = new Float64Array(this.grid.length);
  }

  /**
   * The run is about to move from its current count to `evaluations`; `best` is its best so far: every fixed budget
   * below the new count is passed with that best.
   */
  advance(evaluations: number, best: number): void {
    while (this.nextBudget < this.grid.length && this.grid[this.nextBudget] < evaluations) this.gridValues[this.nextBudget++] = best;
  }

  /** The best so far improved to `best` after `evaluations`. */
  improve(evaluations: number, best: number): void {
    const last = this.length - 1;
    if (last >= 0 && this.logSpacing > 0 && this.bucket(evaluations) === this.bucket(this.evaluations[last])) {
      this.evaluations[last] = evaluations;
      this.values[last] = best;
      return;
    }
    this.evaluations[this.length] = evaluations;
    this.values[this.length++] = best;
    if (this.length === this.evaluations.length) this.merge();
  }

  /** The run ended with `best`: the budgets it did not reach keep it. */
  end(best: number): void {
    this.advance(Infinity, best);
  }

  /** The trace so far (budgets up to the current count; all of them once the run ended). */
  result(): RunTrace {
    const improvements: [number, number][] = [];
    for (let i = 0; i < this.length; i++) improvements.push([this.evaluations[i], this.values[i]]);
    const budgets: [number, number][] = [];
    for (let i = 0; i < this.nextBudget; i++) budgets.push([this.grid[i], this.gridValues[i]]);
    return { ...this.problem, budget: this.budget, improvements, spacing: Math.exp(this.logSpacing), budgets };
  }

  private bucket(evaluations: number): number {
    return Math.floor(Math.log1p(evaluations) / this.logSpacing);
  }

  /** Full: merge into coarser buckets (in place) until at most half the room is used. */
  private merge(): void {
    const room = this.evaluations.length;
    if (this.logSpacing === 0) this.logSpacing = Math.log1p(this.evaluations[this.length - 1]) / (room / 4);
    while (this.length > room / 2) {
      let kept = 0;
      for (let i = 0; i < this.length; i++) {
        const sameBucket = kept > 0 && this.bucket(this.evaluations[i]) === this.bucket(this.evaluations[kept - 1]);
        const at = sameBucket ? kept - 1 : kept++;
        this.evaluations[at] = this.evaluations[i];
        this.values[at] = this.values[i];
      }
      this.length = kept;
      if (this.length > room / 2) this.logSpacing *= 2;
    }
  }
}

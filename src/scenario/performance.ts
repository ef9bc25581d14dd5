/**
 * Fixed-target and fixed-budget analysis of traced runs (result lines with `trace`, core/run/trace.ts), by the
 * field's standard definitions, as plain data for `hyperclimb report` (and, having no Node modules, for the page).
 *
 * - Targets (per cell, shared by its racers so that they are compared on the same ones): f_ref − Δ_k with gaps Δ_k
 *   log-spaced from Δ_0 = f_ref − (worst start of any run of the cell) down to Δ_0 · finalGap, where f_ref is the
 *   landscape's optimum when known, else the best value any run of the cell reached.
 * - Runtime T(run, target): evaluations at the first trace entry whose best reaches the target (∞ if none).
 * - ECDF (fixed target, as COCO and IOHanalyzer aggregate over targets): at budget b, the share of (run, target) pairs
 *   with T ≤ b.
 * - ERT (expected running time): COCO (Hansen et al. 2012, Auger & Hansen 2005): the evaluations all runs spent until
 *   they reached the target or ended, over the number of runs that reached it; IOHprofiler (Doerr et al. 2018,
 *   Wang et al. 2022): Σ min(T_i, B) over the number of successes, with B the budget (a run that ended early counts as
 *   if it had spent B). ∞ (null) when no run reached the target.
 * - Fixed budget: at each budget of the traces' grid, the best so far across runs: mean and quantiles (type 7, linear
 *   interpolation between order statistics, the default of R and numpy).
 */
import type { ResultLine } from './results.ts';

export type Trace = NonNullable<ResultLine['trace']>;

/** One run that carries a trace, and where it came from. */
export interface TracedRun {
  readonly cell: number;
  readonly params: Record<string, unknown>;
  readonly optimizer: string;
  readonly label: string;
  readonly replicate: number;
  /** Evaluations the run spent in all. */
  readonly evaluations: number;
  readonly optimumFitness: number | null;
  readonly trace: Trace;
}

/** The runs of one racer in one cell. */
export interface RunGroup {
  readonly cell: number;
  readonly params: Record<string, unknown>;
  readonly optimizer: string;
  readonly label: string;
  /** A name for plots and tables: the label, and the cell's sweep values when the runs come from a sweep. */
  readonly name: string;
  readonly runs: readonly TracedRun[];
}

export interface Targets {
  readonly cell: number;
  /** The optimum, or the best value reached when the optimum is unknown. */
  readonly reference: number;
  readonly referenceIsOptimum: boolean;
  /** Gaps below the reference, largest first, and the targets reference − gap. */
  readonly gaps: readonly number[];
  readonly values: readonly number[];
}

export interface ErtRow {
  readonly target: number;
  readonly gap: number;
  readonly runs: number;
  readonly successes: number;
  readonly ertCoco: number | null;
  readonly ertIoh: number | null;
}

export interface BudgetRow {
  readonly evaluations: number;
  /** Runs with a finite best at this budget (the statistics are over these). */
  readonly runs: number;
  readonly mean: number | null;
  readonly q10: number | null;
  readonly q25: number | null;
  readonly median: number | null;
  readonly q75: number | null;
  readonly q90: number | null;
}

export const DEFAULT_TARGETS = 31;
export const DEFAULT_FINAL_GAP = 1e-5;

/** Sweep values as `key=value` words (`landscape.dim: 5` → `dim=5`). */
export function paramsText(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([key, value]) => `${key.split('.').at(-1)}=${String(value)}`)
    .join(' ');
}

/** Runs grouped by cell and racer, cells in order and racers in the order first seen. */
export function groupRuns(runs: readonly TracedRun[]): RunGroup[] {
  const groups = new Map<string, TracedRun[]>();
  for (const run of runs) {
    const key = `${run.cell}\u0000${run.label}`;
    const list = groups.get(key) ?? [];
    list.push(run);
    groups.set(key, list);
  }
  const swept = runs.some((run) => Object.keys(run.params).length > 0);
  return [...groups.values()]
    .map((list) => {
      const { cell, params, optimizer, label } = list[0];
      const name = swept ? `${label} (${paramsText(params)})` : label;
      return { cell, params, optimizer, label, name, runs: list };
    })
    .sort((a, b) => a.cell - b.cell);
}

/** The targets of each cell (see the file's head). */
export function cellTargets(runs: readonly TracedRun[], count = DEFAULT_TARGETS, finalGap = DEFAULT_FINAL_GAP): Map<number, Targets> {
  const byCell = new Map<number, TracedRun[]>();
  for (const run of runs) byCell.set(run.cell, [...(byCell.get(run.cell) ?? []), run]);
  const out = new Map<number, Targets>();
  for (const [cell, list] of byCell) {
    const optimum = list.find((run) => run.optimumFitness !== null)?.optimumFitness ?? null;
    const finals = list.map((run) => run.trace.improvements.at(-1)?.[1]).filter(isFiniteNumber);
    const starts = list.map((run) => run.trace.improvements[0]?.[1]).filter(isFiniteNumber);
    const reference = optimum ?? (finals.length ? Math.max(...finals) : NaN);
    const worst = starts.length ? Math.min(...starts) : NaN;
    const span = reference - worst;
    const gaps = !(span > 0) ? [0] : Array.from({ length: count }, (_, k) => span * finalGap ** (count === 1 ? 1 : k / (count - 1)));
    out.set(cell, { cell, reference, referenceIsOptimum: optimum !== null, gaps, values: gaps.map((gap) => reference - gap) });
  }
  return out;
}

/** Evaluations at which the run's best first reached `target` (∞ if it never did). */
export function runtime(run: TracedRun, target: number): number {
  for (const [evaluations, best] of run.trace.improvements) if (best !== null && best >= target) return evaluations;
  return Infinity;
}

/** The ECDF over targets at each of `budgets`: share of (run, target) pairs reached within the budget. */
export function ecdf(group: RunGroup, targets: Targets, budgets: readonly number[]): { evaluations: number; proportion: number }[] {
  const times = group.runs.flatMap((run) => targets.values.map((target) => runtime(run, target))).sort((a, b) => a - b);
  let reached = 0;
  return budgets.map((evaluations) => {
    while (reached < times.length && times[reached] <= evaluations) reached++;
    return { evaluations, proportion: times.length ? reached / times.length : 0 };
  });
}

/** ERT per target by both definitions (see the file's head). */
export function ert(group: RunGroup, targets: Targets): ErtRow[] {
  return targets.values.map((target, k) => {
    let successes = 0;
    let coco = 0;
    let ioh = 0;
    for (const run of group.runs) {
      const time = runtime(run, target);
      if (Number.isFinite(time)) successes++;
      coco += Number.isFinite(time) ? time : run.evaluations;
      ioh += Math.min(time, run.trace.budget);
    }
    return {
      target,
      gap: targets.gaps[k],
      runs: group.runs.length,
      successes,
      ertCoco: successes ? coco / successes : null,
      ertIoh: successes ? ioh / successes : null,
    };
  });
}

/** Best so far across the group's runs at each budget of their traces' grid. */
export function fixedBudget(group: RunGroup): BudgetRow[] {
  const grid = [...new Set(group.runs.flatMap((run) => run.trace.budgets.map(([e]) => e)))].sort((a, b) => a - b);
  return grid.map((evaluations) => {
    const values = group.runs
      .map((run) => bestAt(run, evaluations))
      .filter(isFiniteNumber)
      .sort((a, b) => a - b);
    const q = (p: number) => quantile(values, p);
    return {
      evaluations,
      runs: values.length,
      mean: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
      q10: q(0.1),
      q25: q(0.25),
      median: q(0.5),
      q75: q(0.75),
      q90: q(0.9),
    };
  });
}

/** A run's best so far at a budget of its grid (its last budget's value past its grid, a budget grid's end). */
function bestAt(run: TracedRun, evaluations: number): number | null {
  let best: number | null = null;
  for (const [e, value] of run.trace.budgets) if (e <= evaluations) best = value;
  return best;
}

/** Quantile of sorted values, type 7 (R's and numpy's default); null for no values. */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function isFiniteNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * The tidy trace table (docs/exchange-formats.md): one row per trace point of each traced run, written by
 * `hyperclimb export --format csv` as trace.csv and by the page's race view as its trace export. One writer, so a
 * pandas or R script reads the page's file and the command line's alike.
 */
import { toCsv } from '../render/view.ts';

/** What a trace row needs of a run: where it ran (cell and its sweep values), who ran it, and its trace. */
export interface TraceCsvRun {
  readonly cell: number;
  readonly params: Readonly<Record<string, unknown>>;
  readonly racer: string;
  readonly replicate: number;
  readonly trace: {
    readonly improvements: readonly (readonly [number, number | null])[];
    readonly budgets: readonly (readonly [number, number | null])[];
  };
}

/** CSV text: `cell`, one column per sweep key, `racer`, `replicate`, `kind`, `evaluations`, `best`. */
export function traceCsv(sweepKeys: readonly string[], runs: readonly TraceCsvRun[]): string {
  const rows: (string | number | null)[][] = [['cell', ...sweepKeys, 'racer', 'replicate', 'kind', 'evaluations', 'best']];
  for (const run of runs) {
    const head = [run.cell, ...sweepKeys.map((key) => sweepValue(run.params[key]))];
    const point = (kind: string) => ([evaluations, best]: readonly [number, number | null]) => rows.push([...head, run.racer, run.replicate, kind, evaluations, finiteOrEmpty(best)]);
    run.trace.improvements.forEach(point('improvement'));
    run.trace.budgets.forEach(point('budget'));
  }
  return toCsv(rows);
}

function sweepValue(value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') return JSON.stringify(value);
  return typeof value === 'number' ? finiteOrEmpty(value) : String(value);
}

/** Missing and non-finite values are empty fields (pandas reads NaN, R reads NA). */
function finiteOrEmpty(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

/**
 * The page's trace table of a live race: `traces[k][r]` is racer k's trace in replicate r. Rows in the order of a
 * results file (replicate by replicate, the racers in order), so they match the command line's row for row.
 */
export function liveRaceTraceCsv(cell: { index: number; params: Readonly<Record<string, unknown>> }, racers: readonly string[], traces: readonly (readonly TraceCsvRun['trace'][])[]): string {
  const replicates = Math.max(0, ...traces.map((t) => t.length));
  const runs: TraceCsvRun[] = [];
  for (let replicate = 0; replicate < replicates; replicate++)
    racers.forEach((racer, k) => {
      const trace = traces[k]?.[replicate];
      if (trace) runs.push({ cell: cell.index, params: cell.params, racer, replicate, trace });
    });
  return traceCsv(Object.keys(cell.params), runs);
}

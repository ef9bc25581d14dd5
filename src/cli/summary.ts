/** Aggregates result lines into the per-cell summary of `hyperclimb run --json` (SCENARIO.md). */
import type { ResultLine } from './results-file.ts';

export interface RacerSummary {
  optimizer: string;
  label: string;
  replicates: number;
  reachedOptimum: number;
  deadEnds: number;
  saddles: number;
  failed: number;
  meanEvaluations: number | null;
  seEvaluations: number | null;
  meanBestFitness: number | null;
  seBestFitness: number | null;
}

export interface CellSummary {
  cell: number;
  params: Record<string, unknown>;
  results: RacerSummary[];
}

/** Mean and standard error of the mean (sample standard deviation / √n); SE is null below two values. */
export function meanAndSe(values: readonly number[]): { mean: number | null; se: number | null } {
  const n = values.length;
  if (n === 0) return { mean: null, se: null };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, se: null };
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}

/** One summary per cell, racers in scenario order. */
export function summarise(lines: readonly ResultLine[], labels: readonly { optimizer: string; label: string }[]): CellSummary[] {
  const cells = new Map<number, { params: Record<string, unknown>; byLabel: Map<string, ResultLine[]> }>();
  for (const line of lines) {
    let cell = cells.get(line.cell);
    if (!cell) cells.set(line.cell, (cell = { params: line.params, byLabel: new Map() }));
    const list = cell.byLabel.get(line.label) ?? [];
    list.push(line);
    cell.byLabel.set(line.label, list);
  }
  return [...cells.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, cell]) => ({
      cell: index,
      params: cell.params,
      results: labels.map(({ optimizer, label }) => {
        const all = cell.byLabel.get(label) ?? [];
        const ok = all.filter((line) => line.error === undefined);
        const share = (endedAt: string) => (ok.length ? ok.filter((line) => line.endedAt === endedAt).length / ok.length : 0);
        const evaluations = meanAndSe(ok.map((line) => line.evaluations!));
        const best = meanAndSe(ok.map((line) => line.bestFitness).filter((f): f is number => f !== null && f !== undefined));
        return {
          optimizer,
          label,
          replicates: ok.length,
          reachedOptimum: share('optimum'),
          deadEnds: share('local-optimum'),
          saddles: share('saddle'),
          failed: all.length - ok.length,
          meanEvaluations: evaluations.mean,
          seEvaluations: evaluations.se,
          meanBestFitness: best.mean,
          seBestFitness: best.se,
        };
      }),
    }));
}

/**
 * A table read from a CSV file as the `mlp` landscape's rows: training rows first, then test rows, inputs
 * standardised. The split is the file's own (a split column, rows kept in file order) or drawn from the
 * landscape's stream (rows shuffled once, the last share held out), so a replicate's split is fixed by the seed.
 *
 * Standardisation is z = (x − mean) / sd per input with the mean and the population standard deviation of the
 * training rows only (test rows must not inform the model); an input constant over the training rows keeps sd 1.
 * A network reloaded from a file brings the standardisation it was trained with, so its weights mean the same.
 */
import type { Rng } from '../rng.ts';
import { shuffleRows } from './datasets.ts';
import type { Table } from './csv-table.ts';

export interface Standardisation {
  readonly mean: readonly number[];
  readonly sd: readonly number[];
}

export interface TableRows {
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Rows [0, train) are training rows, the rest test rows. */
  readonly train: number;
  /** Undefined when the inputs are used as written. */
  readonly standardisation?: Standardisation;
}

export interface TableRowsOptions {
  /** Share of rows held out when the table has no split column. */
  readonly testFraction: number;
  readonly standardise: boolean;
  /** The standardisation to apply instead of the training rows' own (a reloaded network's). */
  readonly given?: Standardisation;
}

export function tableRows(table: Table, inputs: number, options: TableRowsOptions, rng: Rng): TableRows {
  const x = new Float64Array(table.x);
  const y = new Float64Array(table.y);
  let train: number;
  if (table.test) {
    // Stable partition: training rows in file order, then test rows in file order.
    const order: number[] = [];
    for (let r = 0; r < table.rows; r++) if (!table.test[r]) order.push(r);
    train = order.length;
    for (let r = 0; r < table.rows; r++) if (table.test[r]) order.push(r);
    order.forEach((from, to) => {
      y[to] = table.y[from];
      x.set(table.x.subarray(from * inputs, (from + 1) * inputs), to * inputs);
    });
  } else {
    shuffleRows({ inputs, count: table.rows, x, y }, rng);
    train = Math.max(1, table.rows - Math.round(table.rows * options.testFraction));
  }
  const standardisation = options.given ?? (options.standardise ? statistics(x, inputs, train) : undefined);
  if (standardisation) {
    for (let r = 0; r < table.rows; r++) {
      for (let i = 0; i < inputs; i++) x[r * inputs + i] = (x[r * inputs + i] - standardisation.mean[i]) / standardisation.sd[i];
    }
  }
  return { x, y, train, ...(standardisation && { standardisation }) };
}

function statistics(x: Float64Array, inputs: number, train: number): Standardisation {
  const mean = new Array<number>(inputs).fill(0);
  const sd = new Array<number>(inputs).fill(0);
  for (let r = 0; r < train; r++) for (let i = 0; i < inputs; i++) mean[i] += x[r * inputs + i];
  for (let i = 0; i < inputs; i++) mean[i] /= train;
  for (let r = 0; r < train; r++) {
    for (let i = 0; i < inputs; i++) {
      const d = x[r * inputs + i] - mean[i];
      sd[i] += d * d;
    }
  }
  for (let i = 0; i < inputs; i++) sd[i] = Math.sqrt(sd[i] / train) || 1;
  return { mean, sd };
}

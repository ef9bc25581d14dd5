/**
 * A strict reader of comma-separated data for the `mlp` landscape: a header line of column names, then one row per
 * line. It reads only text (the command line and the page read the file and decode it), and it either returns the
 * whole table or every defect it found, each at its line and column, so nothing ever trains on a half-read file.
 *
 * The format, stated so that a refusal is never a surprise: fields separated by commas (a file of semicolons or tabs
 * is refused, naming what was found: guessing a separator would misread decimal commas); a field may be wrapped in
 * double quotes ("" is a quote inside), but may not span lines; spaces around a field are ignored; LF or CRLF line
 * ends; blank lines only at the end. Numbers are decimal (`-1.5`, `2e-3`); an empty cell or NA, N/A, NaN, null, ?
 * is a missing value, which is refused (drop or fill the row first: imputing is a modelling choice, not a reader's).
 * Columns that no field names are not read beyond counting their fields.
 */

import { didYouMean } from '../words.ts';

export const MAX_DATA_BYTES = 8 * 1024 * 1024;
export const MAX_DATA_ROWS = 1_000_000;
export const MAX_DATA_COLUMNS = 10_000;
/** Defects listed before the rest are only counted: a wrong separator would otherwise give one per line. */
const MAX_PROBLEMS = 20;

export const TASKS = ['classification', 'regression'] as const;
export type Task = (typeof TASKS)[number];

/** Which columns to read and how. */
export interface TableSpec {
  readonly inputs: readonly string[];
  readonly target: string;
  readonly task: Task;
  /** A column of `train` / `test` per row; without it the split is drawn from the seed. */
  readonly split?: string;
}

export interface Table {
  readonly rows: number;
  /** Input values, row-major, in the order of `spec.inputs`, as written in the file (not standardised). */
  readonly x: Float64Array;
  /** Targets: the value for regression; −1 or +1 for classification (`classes[0]` and `classes[1]`). */
  readonly y: Float64Array;
  /** Classification: the two labels, sorted (numerically when both are numbers), read as −1 and +1. */
  readonly classes?: readonly [string, string];
  /** With a split column: 1 for a test row, 0 for a training row. */
  readonly test?: Uint8Array;
}

/** A defect at a 1-based line and column of the data text; a column the file lacks names the scenario field (`field`, `index`) that asks for it. */
export interface TableProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly field?: 'inputs' | 'target' | 'split';
  readonly index?: number;
}

export type TableResult = { readonly table: Table; readonly problems?: undefined } | { readonly table?: undefined; readonly problems: readonly TableProblem[] };

const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', '?', 'none']);
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

interface Field {
  readonly text: string;
  readonly column: number;
}

/** The fields of one line (without its line end), or a problem at a column of it. */
function splitLine(line: string): Field[] | { column: number; message: string } {
  const fields: Field[] = [];
  let i = 0;
  for (;;) {
    const start = i;
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (line[i] === '"') {
      const open = i;
      let text = '';
      i++;
      for (;;) {
        const quote = line.indexOf('"', i);
        if (quote < 0) return { column: open + 1, message: 'a quoted field is not closed on its line (a field may not span lines)' };
        text += line.slice(i, quote);
        if (line[quote + 1] === '"') {
          text += '"';
          i = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      while (line[i] === ' ' || line[i] === '\t') i++;
      if (i < line.length && line[i] !== ',') return { column: i + 1, message: 'text after a closing quote; a quoted field ends at its closing quote' };
      fields.push({ text, column: open + 1 });
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      fields.push({ text: line.slice(start, end).trim(), column: start + 1 });
      i = end;
    }
    if (i >= line.length) return fields;
    i++; // the comma
  }
}

/** Reads `text` (header and rows) as `spec` asks. `name` is how messages call the data (a file name). */
export function readTable(text: string, spec: TableSpec, name: string): TableResult {
  const problems: TableProblem[] = [];
  let more = 0;
  const problem = (p: TableProblem): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
    else more++;
  };
  const finish = (): TableResult => {
    if (more) problems.push({ ...problems[problems.length - 1], message: `and ${more} more problem${more === 1 ? '' : 's'} like those above` });
    return { problems };
  };
  if (text.length > MAX_DATA_BYTES) return { problems: [{ line: 1, column: 1, message: `${name} has ${text.length} characters; a data file may have at most ${MAX_DATA_BYTES / 1024 / 1024} MiB` }] };
  const lines = text.split('\n');
  // A final line end leaves one empty string; so do blank lines at the end, which are allowed.
  let count = lines.length;
  while (count > 0 && lines[count - 1].replace(/\r$/, '').trim() === '') count--;
  if (count === 0) return { problems: [{ line: 1, column: 1, message: `${name} is empty: expected a header line of column names, then rows` }] };
  const header = lines[0].replace(/\r$/, '');
  if (!header.includes(',')) {
    const semicolons = header.split(';').length - 1;
    const tabs = header.split('\t').length - 1;
    if (semicolons > 0 || tabs > 0) {
      const found = semicolons >= tabs ? `${semicolons} semicolon${semicolons === 1 ? '' : 's'} (;)` : `${tabs} tab${tabs === 1 ? '' : 's'}`;
      return {
        problems: [{ line: 1, column: header.search(semicolons >= tabs ? /;/ : /\t/) + 1, message: `the header line has ${found} and no comma: fields must be separated by commas (save or export the file as comma-separated values)` }],
      };
    }
  }
  const headerFields = splitLine(header);
  if (!Array.isArray(headerFields)) return { problems: [{ line: 1, ...headerFields }] };
  const names = headerFields.map((f) => f.text);
  if (names.length > MAX_DATA_COLUMNS) return { problems: [{ line: 1, column: 1, message: `the header names ${names.length} columns; at most ${MAX_DATA_COLUMNS} are read` }] };
  const rows = count - 1;
  if (rows > MAX_DATA_ROWS) return { problems: [{ line: MAX_DATA_ROWS + 2, column: 1, message: `${name} has ${rows} rows; at most ${MAX_DATA_ROWS} are read` }] };
  const seen = new Map<string, number>();
  headerFields.forEach((f, k) => {
    if (f.text === '') problem({ line: 1, column: f.column, message: `column ${k + 1} has no name in the header line` });
    else if (seen.has(f.text)) problem({ line: 1, column: f.column, message: `the header names '${f.text}' twice (columns ${seen.get(f.text)! + 1} and ${k + 1})` });
    else seen.set(f.text, k);
  });
  const columnOf = (wanted: string, field: 'inputs' | 'target' | 'split', index?: number): number => {
    const k = seen.get(wanted);
    if (k !== undefined) return k;
    problem({ line: 1, column: 1, field, index, message: `${name} has no column '${wanted}'${didYouMean(wanted, [...seen.keys()])}; its columns: ${[...seen.keys()].join(', ')}` });
    return -1;
  };
  const inputColumns = spec.inputs.map((input, i) => columnOf(input, 'inputs', i));
  const targetColumn = columnOf(spec.target, 'target');
  const splitColumn = spec.split === undefined ? -1 : columnOf(spec.split, 'split');
  const used = [...inputColumns, targetColumn, splitColumn].filter((k) => k >= 0);
  if (new Set(used).size < used.length) problem({ line: 1, column: 1, message: 'a column is used twice (as an input and the target or split, or listed twice in inputs): each column has one role' });
  if (problems.length) return finish();
  if (rows === 0) return { problems: [{ line: 1, column: 1, message: `${name} has a header line but no rows` }] };

  const k = spec.inputs.length;
  const x = new Float64Array(rows * k);
  const y = new Float64Array(rows);
  const labels: string[] = new Array(rows);
  const test = splitColumn >= 0 ? new Uint8Array(rows) : undefined;
  const classes = new Map<string, number>();
  const number = (f: Field, line: number, column: string): number => {
    if (MISSING.has(f.text.toLowerCase())) {
      problem({ line, column: f.column, message: `missing value in column '${column}'${f.text ? ` (${f.text})` : ''}: every row needs a number in every input and the target (drop or fill such rows first)` });
      return NaN;
    }
    if (!NUMBER.test(f.text)) {
      const hint = /^[+-]?\d+,\d+$/.test(f.text) ? ' (a decimal comma? write 1.5, not 1,5)' : /[;\t]/.test(f.text) ? ' (fields here are separated by semicolons or tabs; use commas)' : '';
      problem({ line, column: f.column, message: `column '${column}': ${JSON.stringify(f.text.length > 30 ? `${f.text.slice(0, 27)}...` : f.text)} is not a number${hint}` });
      return NaN;
    }
    const value = Number(f.text);
    if (!Number.isFinite(value)) problem({ line, column: f.column, message: `column '${column}': ${f.text} is beyond the largest number a double holds (about 1.8e308)` });
    return value;
  };
  for (let r = 0; r < rows; r++) {
    const line = r + 2;
    const raw = lines[r + 1].replace(/\r$/, '');
    if (raw.trim() === '') {
      problem({ line, column: 1, message: 'an empty line between rows: every line after the header is a row' });
      continue;
    }
    const fields = splitLine(raw);
    if (!Array.isArray(fields)) {
      problem({ line, ...fields });
      continue;
    }
    if (fields.length !== names.length) {
      const at = fields.length > names.length ? fields[names.length].column : raw.length + 1;
      problem({ line, column: at, message: `this row has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header ${names.length}` });
      continue;
    }
    for (let i = 0; i < k; i++) x[r * k + i] = number(fields[inputColumns[i]], line, spec.inputs[i]);
    const target = fields[targetColumn];
    if (spec.task === 'regression') y[r] = number(target, line, spec.target);
    else if (MISSING.has(target.text.toLowerCase())) problem({ line, column: target.column, message: `missing class in the target column '${spec.target}'` });
    else {
      labels[r] = target.text;
      if (!classes.has(target.text)) {
        classes.set(target.text, line);
        if (classes.size === 3) {
          problem({
            line,
            column: target.column,
            message: `a third class '${target.text}' in the target column '${spec.target}' (after ${[...classes.keys()].slice(0, 2).map((c) => `'${c}'`).join(' and ')}): a network here has one output, so classification has two classes; make the target two-class (e.g. one class against the rest)`,
          });
        }
      }
    }
    if (test) {
      const value = fields[splitColumn];
      if (value.text === 'train' || value.text === 'test') test[r] = value.text === 'test' ? 1 : 0;
      else problem({ line, column: value.column, message: `column '${spec.split}': ${JSON.stringify(value.text)} is neither train nor test` });
    }
  }
  if (problems.length) return finish();
  for (let i = 0; i < k; i++) {
    let constant = true;
    for (let r = 1; r < rows && constant; r++) constant = x[r * k + i] === x[i];
    if (constant) {
      problem({ line: 1, column: headerFields[inputColumns[i]].column, message: `input column '${spec.inputs[i]}' is ${x[i]} in every row: a constant input carries no information (and cannot be standardised); leave it out of inputs` });
    }
  }
  let classPair: [string, string] | undefined;
  if (spec.task === 'classification') {
    const found = [...classes.keys()];
    if (found.length < 2) {
      problem({ line: 1, column: headerFields[targetColumn].column, message: `the target column '${spec.target}' has one class ('${found[0]}') in every row: classification needs two` });
    } else {
      const numeric = found.every((c) => NUMBER.test(c));
      classPair = (numeric ? found.sort((a, b) => Number(a) - Number(b)) : found.sort()) as [string, string];
      for (let r = 0; r < rows; r++) y[r] = labels[r] === classPair[1] ? 1 : -1;
    }
  } else {
    let constant = true;
    for (let r = 1; r < rows && constant; r++) constant = y[r] === y[0];
    if (constant && rows > 1) problem({ line: 1, column: headerFields[targetColumn].column, message: `the target column '${spec.target}' is ${y[0]} in every row: there is nothing to learn` });
  }
  if (test) {
    let training = 0;
    for (let r = 0; r < rows; r++) training += 1 - test[r];
    if (training === 0) problem({ line: 1, column: headerFields[splitColumn].column, message: `the split column '${spec.split}' marks every row test: at least one row must be train` });
  }
  if (problems.length) return finish();
  return { table: { rows, x, y, ...(classPair && { classes: classPair }), ...(test && { test }) } };
}

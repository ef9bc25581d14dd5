/**
 * Results as JSON Lines, one line per run (SCENARIO.md), written in a fixed order: cell, then replicate, then
 * racer. Lines are appended a replicate at a time, so an interrupted run leaves whole replicates behind and a
 * rerun with the same --out continues after them. Every line carries the run's `fingerprint` (fingerprint.ts).
 */
import { closeSync, existsSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import type { RacerOutcome } from '../../workers/sim-api.ts';
import { InputError } from './input-error.ts';

export interface ResultLine {
  cell: number;
  params: Record<string, unknown>;
  optimizer: string;
  label: string;
  replicate: number;
  seed: string | number;
  endedAt?: string;
  bestFitness?: number | null;
  optimumFitness?: number | null;
  evaluations?: number;
  gradientEvaluations?: number;
  fitnessEvaluations?: number;
  generations?: number;
  nonFinite?: number;
  error?: string;
  /** The scenario fingerprint of the run that wrote the line (fingerprint.ts). */
  fingerprint?: string;
  wallMs: number;
}

function finiteOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

/**
 * The result line of one racer's outcome (fields in contract order, then the fingerprint; wallMs last so it is easy
 * to strip).
 */
export function resultLine(
  cell: number,
  params: Record<string, unknown>,
  replicate: number,
  seed: string | number,
  outcome: RacerOutcome,
  fingerprint: string,
): ResultLine {
  const head = { cell, params, optimizer: outcome.optimizer, label: outcome.label, replicate, seed };
  const wallMs = Math.round(outcome.wallMs * 1000) / 1000;
  if (!outcome.result) return { ...head, error: outcome.error ?? 'unknown failure', fingerprint, wallMs };
  const r = outcome.result;
  return {
    ...head,
    endedAt: r.endedAt,
    bestFitness: finiteOrNull(r.bestFitness),
    optimumFitness: finiteOrNull(r.optimumFitness),
    evaluations: r.evaluations,
    gradientEvaluations: r.gradientEvaluations,
    fitnessEvaluations: r.fitnessEvaluations,
    generations: r.generations,
    nonFinite: r.nonFinite,
    fingerprint,
    wallMs,
  };
}

/** Identity of a line within a scenario's run: which cell, replicate and racer it belongs to. */
export function lineKey(line: Pick<ResultLine, 'cell' | 'replicate' | 'label'>): string {
  return `${line.cell}/${line.replicate}/${line.label}`;
}

/** One parsed line of a results file, with its 1-based line number and its exact text. */
export interface ParsedLine {
  line: ResultLine;
  raw: string;
  lineNumber: number;
  /** Byte offset just after the line's newline. */
  end: number;
}

export interface ParsedResults {
  lines: ParsedLine[];
  /** Byte length of the complete lines (everything up to the last newline). */
  completeBytes: number;
  /** The 1-based number of a trailing line without its newline (an interrupted write), if there is one. */
  partialLine?: number;
}

const isIndex = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function isResultLine(value: unknown): value is ResultLine {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const line = value as Record<string, unknown>;
  const params = line.params;
  return isIndex(line.cell) && isIndex(line.replicate) && typeof line.label === 'string' && typeof params === 'object' && params !== null && !Array.isArray(params);
}

/** The text of a file, or an InputError that says why it cannot be read. */
export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new InputError(`cannot read ${path}: ${why}`);
  }
}

/**
 * Parses the text of a results file without touching the file. Only newline-terminated lines count; a trailing
 * piece without a newline is reported in `partialLine`. Throws an InputError naming `path` and the line when a
 * complete line is not a result line.
 */
export function parseResults(text: string, path: string): ParsedResults {
  const end = text.lastIndexOf('\n') + 1;
  const rows = text.slice(0, end).split('\n');
  rows.pop(); // the empty piece after the last newline
  const lines: ParsedLine[] = [];
  let offset = 0;
  rows.forEach((raw, i) => {
    offset += Buffer.byteLength(raw) + 1;
    if (raw.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new InputError(`${path}:${i + 1}: not a JSON line`);
    }
    if (!isResultLine(parsed)) {
      throw new InputError(`${path}:${i + 1}: not a Hyperclimb result line (it needs cell, params, label and replicate)`);
    }
    lines.push({ line: parsed, raw, lineNumber: i + 1, end: offset });
  });
  return { lines, completeBytes: offset, ...(end < text.length && { partialLine: rows.length + 1 }) };
}

/**
 * Reads the complete lines of an existing results file; a trailing partial line (an interrupted write) is cut off
 * the file. Throws an InputError with a line number when a line is not a result.
 */
export function readResults(path: string): ResultLine[] {
  if (!existsSync(path)) return [];
  const text = readText(path);
  const parsed = parseResults(text, path);
  if (parsed.partialLine !== undefined) truncateSync(path, parsed.completeBytes);
  return parsed.lines.map((entry) => entry.line);
}

/** An append-only writer; each `append` call writes whole lines in one system call. */
export class ResultsWriter {
  private readonly fd: number;

  constructor(path: string) {
    try {
      this.fd = openSync(path, 'a');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such directory' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
      throw new InputError(`cannot write ${path}: ${why}`);
    }
  }

  append(lines: readonly ResultLine[]): void {
    if (lines.length) writeSync(this.fd, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
  }

  close(): void {
    closeSync(this.fd);
  }
}

/**
 * Results as JSON Lines, one line per run (SCENARIO.md), written in a fixed order: cell, then replicate, then
 * racer. Lines are appended a replicate at a time, so an interrupted run leaves whole replicates behind and a
 * rerun with the same --out continues after them.
 */
import { closeSync, existsSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import type { RacerOutcome } from '../../workers/sim-api.ts';

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
  wallMs: number;
}

function finiteOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

/** The result line of one racer's outcome (fields in contract order; wallMs last so it is easy to strip). */
export function resultLine(
  cell: number,
  params: Record<string, unknown>,
  replicate: number,
  seed: string | number,
  outcome: RacerOutcome,
): ResultLine {
  const head = { cell, params, optimizer: outcome.optimizer, label: outcome.label, replicate, seed };
  const wallMs = Math.round(outcome.wallMs * 1000) / 1000;
  if (!outcome.result) return { ...head, error: outcome.error ?? 'unknown failure', wallMs };
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
    wallMs,
  };
}

/** Identity of a line within a scenario's run: which cell, replicate and racer it belongs to. */
export function lineKey(line: Pick<ResultLine, 'cell' | 'replicate' | 'label'>): string {
  return `${line.cell}/${line.replicate}/${line.label}`;
}

/**
 * Reads the complete lines of an existing results file; a trailing partial line (an interrupted write) is cut off
 * the file. Throws with a line number when a line is not a result.
 */
export function readResults(path: string): ResultLine[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  if (end < text.length) truncateSync(path, Buffer.byteLength(text.slice(0, end)));
  const lines: ResultLine[] = [];
  text
    .slice(0, end)
    .split('\n')
    .forEach((raw, i) => {
      if (raw.trim() === '') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        throw new Error(`${path}:${i + 1}: not a JSON line`);
      }
      const line = parsed as ResultLine;
      if (typeof line !== 'object' || line === null || typeof line.cell !== 'number' || typeof line.label !== 'string' || typeof line.replicate !== 'number') {
        throw new Error(`${path}:${i + 1}: not a Hyperclimb result line`);
      }
      lines.push(line);
    });
  return lines;
}

/** Cuts the file after its first `keep` lines. */
export function keepLines(path: string, keep: number): void {
  const text = readFileSync(path, 'utf8');
  let offset = 0;
  for (let i = 0; i < keep; i++) offset = text.indexOf('\n', offset) + 1;
  truncateSync(path, Buffer.byteLength(text.slice(0, offset)));
}

/** An append-only writer; each `append` call writes whole lines in one system call. */
export class ResultsWriter {
  private readonly fd: number;

  constructor(path: string) {
    this.fd = openSync(path, 'a');
  }

  append(lines: readonly ResultLine[]): void {
    if (lines.length) writeSync(this.fd, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
  }

  close(): void {
    closeSync(this.fd);
  }
}

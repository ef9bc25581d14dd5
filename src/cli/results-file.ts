/**
 * Results as JSON Lines, one line per run (SCENARIO.md), written in a fixed order: cell, then replicate, then
 * racer. Lines are appended a replicate at a time, so an interrupted run leaves whole replicates behind and a
 * rerun with the same --out continues after them. Every line carries the run's `fingerprint` (src/scenario/results.ts).
 */
import { closeSync, existsSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { isResultLine, NOT_A_RESULT, NOT_JSON, type ResultLine } from '../scenario/results.ts';
import { InputError } from './input-error.ts';

// The line itself, its identity and its validation are shared with the page (src/scenario/results.ts).
export { lineKey, resultLine, type ResultLine } from '../scenario/results.ts';

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
  rows.forEach((row, i) => {
    offset += Buffer.byteLength(row) + 1;
    // A file saved with Windows line ends: the line is its text without the \r (merge writes it with \n alone).
    const raw = row.endsWith('\r') ? row.slice(0, -1) : row;
    if (raw.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new InputError(`${path}:${i + 1}: ${NOT_JSON}`);
    }
    if (!isResultLine(parsed)) {
      throw new InputError(`${path}:${i + 1}: ${NOT_A_RESULT}`);
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

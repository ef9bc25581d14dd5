/**
 * Files a scenario names beside itself — a data set's CSV (`landscape.data.file`) and a saved network to start from
 * (`landscape.start.file`) — read into the scenario as their text (`text` beside `file`) before it is validated, so
 * that the scenario that runs, and its fingerprint, carry the data itself: results of different data never merge,
 * and a worker, the page or a share link needs no file system. A `text` already present (inline data) is kept.
 *
 * The scenario layer reads no files: the caller passes `readFile` (the command line reads the disk, the page the
 * files opened with the scenario).
 */
import { MAX_DATA_BYTES } from '../core/nets/csv-table.ts';
import type { RawIssue } from './messages.ts';
import { decodeDataBytes } from './scenario-bytes.ts';

/** Where scenario fields name files read as text. */
export const ATTACHED_FILES = [
  ['landscape', 'data'],
  ['landscape', 'start'],
] as const;

/** `name` (relative to the scenario file) as a path from where the scenario file's own name is (pure text). */
export function besideScenario(scenarioFile: string, name: string): string {
  if (name.startsWith('/') || /^[A-Za-z]:[\\/]/.test(name)) return name;
  const slash = Math.max(scenarioFile.lastIndexOf('/'), scenarioFile.lastIndexOf('\\'));
  return slash < 0 ? name : `${scenarioFile.slice(0, slash + 1)}${name}`;
}

export interface FileReader {
  /** The bytes of `path` (as `besideScenario` makes it); throws an Error saying why not. */
  (path: string): Uint8Array;
}

/**
 * Fills `text` of every attached-file field of raw scenario data that names a `file`; problems reading a file are
 * reported at its field; bytes that are not UTF-8 throw a ScenarioError located in the file.
 */
export function attachFiles(root: Record<string, unknown>, scenarioFile: string, readFile: FileReader | undefined, report: (issue: RawIssue) => void, onNote?: (note: string) => void): void {
  if (!readFile) return;
  for (const [parent, field] of ATTACHED_FILES) {
    const holder = root[parent];
    if (!holder || typeof holder !== 'object') continue;
    const entry = (holder as Record<string, unknown>)[field];
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) continue;
    const record = entry as Record<string, unknown>;
    if (typeof record.file !== 'string' || record.text !== undefined || record.file === '') continue;
    const path = besideScenario(scenarioFile, record.file);
    let bytes: Uint8Array;
    try {
      bytes = readFile(path);
    } catch (error) {
      report({ path: [parent, field, 'file'], message: `cannot read ${path}: ${(error as Error).message}` });
      continue;
    }
    const { text, notes } = decodeDataBytes(bytes, path, MAX_DATA_BYTES);
    for (const note of notes) onNote?.(note);
    record.text = text;
  }
}

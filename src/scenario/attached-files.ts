/**
 * Files a scenario names beside itself — a data set's CSV (`landscape.data.file`) and a saved network to start from
 * (`landscape.start.file`) — read into the scenario as their text (`text` beside `file`) before it is validated, so
 * that the scenario that runs, and its fingerprint, carry the data itself: results of different data never merge,
 * and a worker, the page or a share link needs no file system. A `text` already present (inline data) is kept.
 *
 * The scenario layer reads no files: the caller passes `readFile` (the command line reads the disk, the page the
 * files opened with the scenario).
 */
import { parseDocument } from 'yaml';
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
 * A reader of files held in memory (the page's, src/app/data-files.ts): by the path the scenario names, else by the
 * file's own name (a reader drops fruit.csv beside a scenario that names data/fruit.csv).
 */
export function readerOf(files: Readonly<Record<string, Uint8Array>>): FileReader {
  return (path) => {
    const name = path.split(/[\\/]/).pop() ?? path;
    const bytes = Object.hasOwn(files, path) ? files[path] : Object.hasOwn(files, name) ? files[name] : undefined;
    if (!bytes) throw new Error(`the page has no file ${name}: open it together with the scenario (Open file… takes several files) or drop both`);
    return bytes;
  };
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

/** Data a share link carries inside its scenario; a link to larger data says it needs the file. */
export const SHARE_INLINE_DATA_BYTES = 32 * 1024;

export interface Inlined {
  /** The scenario text with each file that fitted written in as `text` (unchanged when none did). */
  readonly text: string;
  /** Files that did not go in, and why: the link needs them opened beside it. */
  readonly missing: readonly { readonly file: string; readonly reason: string }[];
}

/**
 * Scenario text for a share link: the files it names that the page has, written into it as `text` while together
 * they stay within `limit` bytes, so the link opens anywhere with its data. Comments and layout of the rest are kept.
 */
export function inlineAttachedFiles(text: string, scenarioFile: string, readFile: FileReader, limit = SHARE_INLINE_DATA_BYTES): Inlined {
  const doc = parseDocument(text);
  if (doc.errors.length) return { text, missing: [] };
  const missing: { file: string; reason: string }[] = [];
  let room = limit;
  let changed = false;
  for (const path of ATTACHED_FILES) {
    const file = doc.getIn([...path, 'file']);
    if (typeof file !== 'string' || doc.hasIn([...path, 'text'])) continue;
    let bytes: Uint8Array;
    try {
      bytes = readFile(besideScenario(scenarioFile, file));
    } catch (error) {
      missing.push({ file, reason: (error as Error).message });
      continue;
    }
    if (bytes.length > room) {
      missing.push({ file, reason: `${bytes.length.toLocaleString('en-GB')} bytes, more than the ${limit / 1024} KiB of data a link carries` });
      continue;
    }
    let decoded: string;
    try {
      decoded = decodeDataBytes(bytes, file, MAX_DATA_BYTES).text;
    } catch (error) {
      missing.push({ file, reason: (error as Error).message });
      continue;
    }
    room -= bytes.length;
    doc.setIn([...path, 'text'], decoded);
    changed = true;
  }
  return { text: changed ? doc.toString({ lineWidth: 0 }) : text, missing };
}

/**
 * Scenario text whose network starts from the saved network `networkFile` (`landscape.start: {file}`, replacing any
 * start it named): what the page runs when a saved network is opened with or after a scenario. A landscape that is
 * not a network is refused here; whether the network fits the landscape (architecture, input columns, target, task,
 * classes) is the scenario check's to say, at landscape.start.file, like a start the file names itself.
 */
export function startingFrom(text: string, scenarioFile: string, networkFile: string): { text: string; problem?: undefined } | { problem: string } {
  const doc = parseDocument(text);
  // A scenario that does not parse is left as it is: loading it reports where.
  if (doc.errors.length) return { text };
  const id = doc.getIn(['landscape', 'id']);
  if (id !== 'mlp') return { problem: `${networkFile} is a saved network, which starts an mlp landscape; ${scenarioFile}'s landscape.id is ${typeof id === 'string' ? id : 'not set'}` };
  doc.setIn(['landscape', 'start'], doc.createNode({ file: networkFile }));
  return { text: doc.toString({ lineWidth: 0 }) };
}

/**
 * Share links: the scenario (as its YAML text, compressed) and what the reader is looking at travel in the address
 * fragment, so opening the link reproduces the same run with no server involved. Pure string ↔ object; the page
 * reads and writes `location.hash` with it.
 *
 * A scenario that is one of the page's built-in files, perhaps with knobs moved, travels as a short link instead:
 * the file's name, a digest of its text (so a link made against another version of the file is noticed, not
 * silently run with other numbers) and the fields changed in it (scenario-edits.ts).
 */
import { deflateSync, Inflate, strToU8 } from 'fflate';
import { parseDocument } from 'yaml';
import { ATTACHED_FILES } from './attached-files.ts';
import { sha256Hex } from './results.ts';
import { applyEdits, textEdits, type FieldPath, type ScenarioEdit } from './scenario-edits.ts';

export const SHARE_LINK_VERSION = 1;
/** Largest scenario text a link may expand to; guards against decompression bombs. */
export const MAX_SCENARIO_BYTES = 512 * 1024;
/**
 * Longest scenario part a link can have: the base64 of MAX_SCENARIO_BYTES stored uncompressed (DEFLATE's worst case
 * adds 5 bytes per 64 KiB block), with room to spare. A longer one is refused before it is decoded at all.
 */
const MAX_PACKED_CHARS = Math.ceil(((MAX_SCENARIO_BYTES + 1024) * 4) / 3);
/** Longest seed a link may carry: seeds are words or numbers, not documents. */
const MAX_SEED_CHARS = 200;

export interface ShareState {
  /** The scenario file's text (YAML or JSON). */
  readonly scenario: string;
  /** The built-in file the scenario is (with knobs moved, perhaps): a short link names it. */
  readonly file?: string;
  /** A seed overriding the scenario's own. */
  readonly seed?: string | number;
  /** The sweep cell shown. */
  readonly cell?: number;
  /** The view in front. */
  readonly view?: string;
  /** The lesson step shown (0-based). */
  readonly step?: number;
  /** A classroom link: the page hides the editor and the controls the lesson's step does not show. */
  readonly classroom?: boolean;
}

export class ShareLinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShareLinkError';
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new ShareLinkError('the link is damaged: the scenario part has characters a link never contains');
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(padded);
  } catch {
    throw new ShareLinkError('the link is damaged: the scenario part is cut off');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Compressed input fed to the inflater at a time. fflate inflates all it is given before it hands any output over,
 * and DEFLATE expands at most 1032:1, so a slice this size can overshoot the limit by at most about 1 MiB.
 */
const INFLATE_SLICE = 1024;

function inflateCapped(data: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    chunks.push(chunk);
  });
  try {
    for (let offset = 0; offset < data.length || offset === 0; offset += INFLATE_SLICE) {
      const end = Math.min(offset + INFLATE_SLICE, data.length);
      inflater.push(data.subarray(offset, end), end === data.length);
      // Stop as soon as the text is too large: a bomb is refused after inflating about a megabyte, not a gigabyte.
      if (total > MAX_SCENARIO_BYTES) throw new ShareLinkError(`the link's scenario is larger than ${MAX_SCENARIO_BYTES / 1024} KiB`);
      if (end === data.length) break;
    }
  } catch (error) {
    if (error instanceof ShareLinkError) throw error;
    throw new ShareLinkError('the link is damaged: its scenario cannot be decompressed (was it cut off when copied?)');
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** The fragment (without '#') that encodes `state` with the whole scenario text in it. */
export function encodeShareState(state: ShareState): string {
  const params = new URLSearchParams();
  params.set('v', String(SHARE_LINK_VERSION));
  params.set('s', toBase64Url(deflateSync(strToU8(state.scenario), { level: 9 })));
  setViewState(params, state);
  return params.toString();
}

/** What the reader is looking at, the same in a full and a short link. */
function setViewState(params: URLSearchParams, state: ShareState): void {
  if (state.seed !== undefined) params.set('seed', String(state.seed));
  if (state.cell !== undefined) params.set('cell', String(state.cell));
  if (state.view !== undefined) params.set('view', state.view);
  if (state.step !== undefined) params.set('step', String(state.step));
  if (state.classroom) params.set('classroom', '1');
}

/** The page's built-in scenarios: a file name's text, or undefined when the page has no such file. */
export type BuiltInScenarios = (file: string) => string | undefined;

/**
 * Most changes, path segments and characters of a changed value a short link carries: larger changes travel in a
 * full link, and a hostile short link cannot make the page build deep or huge documents.
 */
const MAX_EDITS = 64;
const MAX_PATH_SEGMENTS = 12;
const MAX_VALUE_CHARS = 2048;
/** A string value written bare in a short link (a word such as `duplicate`); anything else is JSON. */
const BARE_WORD = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** The digest a short link holds of its built-in file's text: enough to notice the file has changed since. */
export function builtInDigest(text: string): string {
  return sha256Hex(text).slice(0, 8);
}

function pathText(path: FieldPath): string | undefined {
  if (path.length > MAX_PATH_SEGMENTS) return undefined;
  const segments = path.map((segment) => (typeof segment === 'number' ? String(segment) : /^\d*$/.test(segment) ? undefined : encodeURIComponent(segment).replace(/\./g, '%2E')));
  return segments.every((segment) => segment !== undefined) ? segments.join('.') : undefined;
}

function valueText(value: unknown): string | undefined {
  const text = typeof value === 'string' && BARE_WORD.test(value) && !['true', 'false', 'null'].includes(value) ? value : JSON.stringify(value);
  return text !== undefined && text.length <= MAX_VALUE_CHARS ? text : undefined;
}

/** The plain value of a node of a parsed document (a mapping's fields, a scalar's value). */
function plainAt(text: string, path: readonly string[]): string {
  const node = parseDocument(text).getIn(path) as { toJSON?: () => unknown } | undefined;
  return JSON.stringify(node?.toJSON ? node.toJSON() : node) ?? '';
}

/** Whether `text` names only files `base` names: the page has a built-in file's data, not the sender's own files. */
function namesNoOtherFile(base: string, text: string): boolean {
  return ATTACHED_FILES.every((path) => plainAt(text, path) === '' || plainAt(text, path) === plainAt(base, path));
}

/**
 * The short fragment for `state` when its scenario is the built-in file `state.file` with fields changed as the
 * page's knobs and menus change them; undefined when it must travel whole (another file, edits made by hand, data
 * the sender opened). It is read back before it is returned: a short link opens exactly the text shared.
 */
export function encodeShortShareState(state: ShareState, builtIns: BuiltInScenarios): string | undefined {
  const base = state.file === undefined ? undefined : builtIns(state.file);
  if (base === undefined || state.file === undefined) return undefined;
  const edits = textEdits(base, state.scenario);
  if (!edits || edits.length > MAX_EDITS || !namesNoOtherFile(base, state.scenario)) return undefined;
  const parts = [`v=${SHARE_LINK_VERSION}`, `sim=${encodeURIComponent(state.file)}`, `h=${builtInDigest(base)}`];
  for (const edit of edits) {
    const path = pathText(edit.path);
    const value = 'remove' in edit ? '' : valueText(edit.value);
    if (path === undefined || value === undefined) return undefined;
    parts.push(`~${encodeURIComponent(path)}=${encodeURIComponent(value)}`);
  }
  const view = new URLSearchParams();
  setViewState(view, state);
  if (view.size) parts.push(view.toString());
  const fragment = parts.join('&');
  try {
    const opened = decodeShareState(fragment, builtIns);
    return opened.scenario === state.scenario && !opened.notice ? fragment : undefined;
  } catch {
    return undefined;
  }
}

function readPath(text: string): FieldPath {
  const segments = text.split('.');
  if (segments.length > MAX_PATH_SEGMENTS) throw new ShareLinkError(`the link changes a field ${segments.length} levels deep (${quoted(text)}); a scenario's fields are at most ${MAX_PATH_SEGMENTS} deep`);
  return segments.map((segment) => {
    if (segment === '') throw new ShareLinkError(`the link's change ${quoted(text)} names no field`);
    if (/^\d+$/.test(segment)) return wholeNumber(segment, 'list position in a change')!;
    try {
      return decodeURIComponent(segment);
    } catch {
      throw new ShareLinkError(`the link's change ${quoted(text)} is damaged`);
    }
  });
}

function readValue(text: string, path: string): unknown {
  if (text.length > MAX_VALUE_CHARS) throw new ShareLinkError(`the link's value for ${quoted(path)} is ${text.length.toLocaleString('en')} characters long; a short link's values have at most ${MAX_VALUE_CHARS.toLocaleString('en')}`);
  try {
    return JSON.parse(text);
  } catch {
    if (BARE_WORD.test(text)) return text;
    throw new ShareLinkError(`the link's value for ${quoted(path)} is damaged: ${quoted(text)}`);
  }
}

/** The changes a short link carries (`~path=value`; an empty value removes the field), in order. */
function readEdits(params: URLSearchParams): ScenarioEdit[] {
  const edits: ScenarioEdit[] = [];
  for (const [key, value] of params) {
    if (!key.startsWith('~')) continue;
    if (edits.length === MAX_EDITS) throw new ShareLinkError(`the link has more than ${MAX_EDITS} changes; a short link never carries more`);
    const path = readPath(key.slice(1));
    edits.push(value === '' ? { path, remove: true } : { path, value: readValue(value, key.slice(1)) });
  }
  return edits;
}

/** The scenario a short link names: its built-in file with the link's changes, and a notice if the file has changed since. */
function openShort(params: URLSearchParams, file: string, builtIns: BuiltInScenarios | undefined): { scenario: string; file: string; notice?: string } {
  const base = builtIns?.(file);
  if (base === undefined) throw new ShareLinkError(`the link names the built-in scenario ${quoted(file)}, which this page does not have (renamed or removed since the link was made?)`);
  const digest = params.get('h');
  if (digest === null || !/^[0-9a-f]{8}$/.test(digest)) throw new ShareLinkError(`the link's digest of ${file} is ${digest === null ? 'missing' : `damaged (${quoted(digest)})`}`);
  const edits = readEdits(params);
  const changed = digest !== builtInDigest(base);
  const since = `${file} has changed since this link was made`;
  const differ = 'its numbers may differ from the ones shared';
  let scenario: string;
  try {
    scenario = applyEdits(base, edits);
  } catch {
    if (!changed) throw new ShareLinkError(`the link's changes to ${file} cannot be made (was the link cut or edited?)`);
    return { scenario: base, file, notice: `${since}, and the link's changes no longer fit it: this is the current ${file} as it is; ${differ}` };
  }
  if (!changed) return { scenario, file };
  const changes = edits.length ? ` with the link's ${edits.length} change${edits.length === 1 ? '' : 's'}` : '';
  return { scenario, file, notice: `${since}: this is the current ${file}${changes}; ${differ}` };
}

/** The start of a value from the link, for a message: a hostile link's value may be megabytes long. */
function clipped(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

function quoted(value: string): string {
  return `'${clipped(value)}'`;
}

function wholeNumber(value: string | null, name: string): number | undefined {
  if (value === null) return undefined;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new ShareLinkError(`the link's ${name} must be a whole number, got ${quoted(value)}`);
  return Number(value);
}

function seedOf(text: string): string | number {
  if (text.length > MAX_SEED_CHARS) throw new ShareLinkError(`the link's seed is ${text.length} characters long; a seed has at most ${MAX_SEED_CHARS}`);
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
  const seed = Number(text);
  // A number too long for a double would change on the way in (it reads as a rounded or infinite value).
  if (!Number.isSafeInteger(seed) && !(Number.isFinite(seed) && String(seed) === text)) {
    throw new ShareLinkError(`the link's seed ${quoted(text)} is not a number this page can keep exactly; use a whole number below 2^53 or a word`);
  }
  return seed;
}

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ShareLinkError('the link is damaged: its scenario is not UTF-8 text');
  }
}

function classroomFlag(value: string): boolean {
  if (value !== '1' && value !== '0') throw new ShareLinkError(`the link's classroom flag must be 1 or 0, got ${quoted(value)}`);
  return value === '1';
}

/** A link as the page opens it: the state, and what the reader must be told (the built-in file it names has changed). */
export interface OpenedShareState extends ShareState {
  readonly notice?: string;
}

/**
 * The state a fragment encodes (with or without the leading '#'); throws ShareLinkError with a readable reason. A
 * short link's scenario is read from `builtIns`.
 */
export function decodeShareState(fragment: string, builtIns?: BuiltInScenarios): OpenedShareState {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const version = params.get('v');
  if (version !== String(SHARE_LINK_VERSION)) {
    throw new ShareLinkError(version === null ? 'this is not a Hyperclimb share link' : `this link is of version ${clipped(version)}; this page reads version ${SHARE_LINK_VERSION}`);
  }
  const packed = params.get('s');
  const sim = params.get('sim');
  if (!packed && !sim) throw new ShareLinkError('the link holds no scenario');
  let opened: { scenario: string; file?: string; notice?: string };
  if (packed) {
    if (packed.length > MAX_PACKED_CHARS) {
      throw new ShareLinkError(`the link's scenario part is ${packed.length.toLocaleString('en')} characters long; a scenario of at most ${MAX_SCENARIO_BYTES / 1024} KiB never needs more than ${MAX_PACKED_CHARS.toLocaleString('en')}`);
    }
    opened = { scenario: utf8(inflateCapped(fromBase64Url(packed))) };
  } else {
    opened = openShort(params, sim!, builtIns);
  }
  const seedText = params.get('seed');
  const seed = seedText === null ? undefined : seedOf(seedText);
  return {
    ...opened,
    ...(seed !== undefined && { seed }),
    ...(params.has('cell') && { cell: wholeNumber(params.get('cell'), 'cell') }),
    ...(params.has('view') && { view: params.get('view')! }),
    ...(params.has('step') && { step: wholeNumber(params.get('step'), 'step') }),
    ...(params.has('classroom') && { classroom: classroomFlag(params.get('classroom')!) }),
  };
}

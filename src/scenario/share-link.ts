/**
 * Share links: the scenario (as its YAML text, compressed) and what the reader is looking at travel in the address
 * fragment, so opening the link reproduces the same run with no server involved. Pure string ↔ object; the page
 * reads and writes `location.hash` with it.
 */
import { deflateSync, Inflate, strToU8 } from 'fflate';

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

/** The fragment (without '#') that encodes `state`. */
export function encodeShareState(state: ShareState): string {
  const params = new URLSearchParams();
  params.set('v', String(SHARE_LINK_VERSION));
  params.set('s', toBase64Url(deflateSync(strToU8(state.scenario), { level: 9 })));
  if (state.seed !== undefined) params.set('seed', String(state.seed));
  if (state.cell !== undefined) params.set('cell', String(state.cell));
  if (state.view !== undefined) params.set('view', state.view);
  if (state.step !== undefined) params.set('step', String(state.step));
  if (state.classroom) params.set('classroom', '1');
  return params.toString();
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

/** The state a fragment encodes (with or without the leading '#'); throws ShareLinkError with a readable reason. */
export function decodeShareState(fragment: string): ShareState {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const version = params.get('v');
  if (version !== String(SHARE_LINK_VERSION)) {
    throw new ShareLinkError(version === null ? 'this is not a Hyperclimb share link' : `this link is of version ${clipped(version)}; this page reads version ${SHARE_LINK_VERSION}`);
  }
  const packed = params.get('s');
  if (!packed) throw new ShareLinkError('the link holds no scenario');
  if (packed.length > MAX_PACKED_CHARS) {
    throw new ShareLinkError(`the link's scenario part is ${packed.length.toLocaleString('en')} characters long; a scenario of at most ${MAX_SCENARIO_BYTES / 1024} KiB never needs more than ${MAX_PACKED_CHARS.toLocaleString('en')}`);
  }
  const scenario = utf8(inflateCapped(fromBase64Url(packed)));
  const seedText = params.get('seed');
  const seed = seedText === null ? undefined : seedOf(seedText);
  return {
    scenario,
    ...(seed !== undefined && { seed }),
    ...(params.has('cell') && { cell: wholeNumber(params.get('cell'), 'cell') }),
    ...(params.has('view') && { view: params.get('view')! }),
    ...(params.has('step') && { step: wholeNumber(params.get('step'), 'step') }),
    ...(params.has('classroom') && { classroom: classroomFlag(params.get('classroom')!) }),
  };
}

/**
 * Share links: the scenario (as its YAML text, compressed) and what the reader is looking at travel in the address
 * fragment, so opening the link reproduces the same run with no server involved. Pure string ↔ object; the page
 * reads and writes `location.hash` with it.
 */
import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';

export const SHARE_LINK_VERSION = 1;
/** Largest scenario text a link may expand to; guards against decompression bombs. */
export const MAX_SCENARIO_BYTES = 512 * 1024;

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

function inflateCapped(data: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > MAX_SCENARIO_BYTES) throw new ShareLinkError(`the link's scenario is larger than ${MAX_SCENARIO_BYTES / 1024} KiB`);
    chunks.push(chunk);
  });
  try {
    inflater.push(data, true);
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

function wholeNumber(value: string | null, name: string): number | undefined {
  if (value === null) return undefined;
  if (!/^\d+$/.test(value)) throw new ShareLinkError(`the link's ${name} must be a whole number, got '${value}'`);
  return Number(value);
}

function classroomFlag(value: string): boolean {
  if (value !== '1' && value !== '0') throw new ShareLinkError(`the link's classroom flag must be 1 or 0, got '${value}'`);
  return value === '1';
}

/** The state a fragment encodes (with or without the leading '#'); throws ShareLinkError with a readable reason. */
export function decodeShareState(fragment: string): ShareState {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const version = params.get('v');
  if (version !== String(SHARE_LINK_VERSION)) {
    throw new ShareLinkError(version === null ? 'this is not a Hyperclimb share link' : `this link is of version ${version}; this page reads version ${SHARE_LINK_VERSION}`);
  }
  const packed = params.get('s');
  if (!packed) throw new ShareLinkError('the link holds no scenario');
  const scenario = strFromU8(inflateCapped(fromBase64Url(packed)));
  const seedText = params.get('seed');
  const seed = seedText === null ? undefined : /^-?\d+(\.\d+)?$/.test(seedText) ? Number(seedText) : seedText;
  return {
    scenario,
    ...(seed !== undefined && { seed }),
    ...(params.has('cell') && { cell: wholeNumber(params.get('cell'), 'cell') }),
    ...(params.has('view') && { view: params.get('view')! }),
    ...(params.has('step') && { step: wholeNumber(params.get('step'), 'step') }),
    ...(params.has('classroom') && { classroom: classroomFlag(params.get('classroom')!) }),
  };
}

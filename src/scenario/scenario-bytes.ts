/**
 * The bytes of a scenario file to its text: UTF-8 only, with a byte-order mark allowed and dropped. Invalid bytes
 * are refused at their line and column instead of becoming U+FFFD, which would silently change a title or an id;
 * so are control characters, which YAML does not allow.
 */
import { MAX_SCENARIO_BYTES, formatBytes, formatCount } from '../core/run/limits.ts';
import { ScenarioError } from './issues.ts';

/** The text of a scenario file's bytes; throws a ScenarioError located at the first byte that is not UTF-8. */
export function decodeScenarioBytes(bytes: Uint8Array, file: string): string {
  if (bytes.length > MAX_SCENARIO_BYTES) throw tooLarge(bytes.length, file);
  const bad = firstInvalidUtf8(bytes);
  if (bad !== undefined) {
    const before = bytes.subarray(0, bad);
    const lineStart = before.lastIndexOf(0x0a) + 1;
    const line = before.reduce((n, byte) => n + (byte === 0x0a ? 1 : 0), 1);
    const column = new TextDecoder().decode(before.subarray(lineStart)).length + 1;
    const hex = `0x${bytes[bad].toString(16).padStart(2, '0')}`;
    throw new ScenarioError([{ file, line, column, path: '', message: `byte ${hex} is not UTF-8 text: save the file as UTF-8` }]);
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\r(?!\n)/.exec(text);
  if (control) {
    const before = text.slice(0, control.index);
    const line = before.split('\n').length;
    const column = control.index - before.lastIndexOf('\n');
    const code = `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    // YAML allows no control characters but tab and line ends; a lone \r is the line end of old Mac files, which
    // the parser reads as one long line.
    const message = control[0] === '\r' ? 'a carriage return without a line feed: save the file with LF (or CRLF) line ends' : `control character ${code} is not allowed in a scenario file`;
    throw new ScenarioError([{ file, line, column, path: '', message }]);
  }
  return text;
}

/** The refusal of a scenario file of `size` bytes, before reading it. */
export function tooLarge(size: number, file: string): ScenarioError {
  return new ScenarioError([
    { file, line: 1, column: 1, path: '', message: `the file has ${formatCount(size)} bytes; a scenario may have at most ${formatBytes(MAX_SCENARIO_BYTES)}` },
  ]);
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF). */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    // The second byte's range is narrower after some leads: that is what excludes overlongs, surrogates and > U+10FFFF.
    const [low, high] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    if (i + 1 >= bytes.length || bytes[i + 1] < low || bytes[i + 1] > high) return i;
    for (let k = 2; k < length; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return undefined;
}

/**
 * The text of a data file's bytes (a CSV), under the same rules as a scenario's: UTF-8 only, refused at the line and
 * column of the first byte that is not. A UTF-8 byte-order mark (which Excel writes before "CSV UTF-8") is accepted
 * and dropped, with a note saying so; a UTF-16 one is refused by name, since its text would be every other byte.
 */
export function decodeDataBytes(bytes: Uint8Array, file: string, limit: number): { text: string; notes: string[] } {
  if (bytes.length > limit) {
    throw new ScenarioError([{ file, line: 1, column: 1, path: '', message: `the file has ${formatCount(bytes.length)} bytes; a data file may have at most ${formatBytes(limit)}` }]);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ScenarioError([{ file, line: 1, column: 1, path: '', message: 'the file is UTF-16 text (it starts with a UTF-16 byte-order mark): save it as UTF-8 (in Excel: CSV UTF-8)' }]);
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const bad = firstInvalidUtf8(body);
  if (bad !== undefined) {
    const before = body.subarray(0, bad);
    const lineStart = before.lastIndexOf(0x0a) + 1;
    const line = before.reduce((n, byte) => n + (byte === 0x0a ? 1 : 0), 1);
    const column = new TextDecoder().decode(before.subarray(lineStart)).length + 1;
    const hex = `0x${body[bad].toString(16).padStart(2, '0')}`;
    throw new ScenarioError([{ file, line, column, path: '', message: `byte ${hex} is not UTF-8 text (Latin-1 or Windows-1252?): save the file as UTF-8` }]);
  }
  const notes = bom ? [`${file}: starts with a UTF-8 byte-order mark (as Excel's CSV UTF-8 writes); it was dropped and the rest read as UTF-8`] : [];
  return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(body), notes };
}

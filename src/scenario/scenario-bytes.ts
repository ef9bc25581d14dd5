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

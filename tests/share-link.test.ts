/** Share links: a round trip reproduces the scenario and state exactly; damaged or hostile links give reasons, not crashes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeShareState, encodeShareState, ShareLinkError } from '../src/scenario/share-link.ts';

const scenario = readFileSync(join(__dirname, '..', 'sims', 'nk-ruggedness.yaml'), 'utf8');

describe('share links', () => {
  it('round-trip a scenario and the view state', () => {
    const state = { scenario, seed: 42, cell: 3, view: 'race', step: 2 };
    const fragment = encodeShareState(state);
    expect(fragment.length).toBeLessThan(scenario.length);
    expect(decodeShareState(`#${fragment}`)).toEqual(state);
    expect(decodeShareState(encodeShareState({ scenario, seed: 'my seed' })).seed).toBe('my seed');
  });

  it('round-trip a lesson step and the classroom flag, which is absent unless set', () => {
    const classroom = { scenario, step: 4, classroom: true };
    const fragment = encodeShareState(classroom);
    expect(fragment).toContain('step=4');
    expect(fragment).toContain('classroom=1');
    expect(decodeShareState(fragment)).toEqual(classroom);
    const plain = encodeShareState({ scenario, step: 0, classroom: false });
    expect(plain).not.toContain('classroom');
    expect(decodeShareState(plain)).toEqual({ scenario, step: 0 });
    expect(decodeShareState(`${plain}&classroom=0`).classroom).toBe(false);
    expect(() => decodeShareState(`${plain}&classroom=yes`)).toThrow("classroom flag must be 1 or 0, got 'yes'");
    expect(() => decodeShareState(`${plain.replace('step=0', 'step=-1')}`)).toThrow("step must be a whole number, got '-1'");
  });

  it('round-trip any text, including non-ASCII', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => decodeShareState(encodeShareState({ scenario: text })).scenario === text), { numRuns: 200, seed: 5 });
  });

  it('explain damaged links instead of failing obscurely', () => {
    const fragment = encodeShareState({ scenario });
    expect(() => decodeShareState('')).toThrow('not a Hyperclimb share link');
    expect(() => decodeShareState('v=9&s=abc')).toThrow('version 9');
    expect(() => decodeShareState(fragment.slice(0, fragment.length - 40))).toThrow(ShareLinkError);
    expect(() => decodeShareState('v=1&s=%%%')).toThrow('damaged');
    expect(() => decodeShareState(`${fragment}&cell=x`)).toThrow("cell must be a whole number, got 'x'");
  });

  it('refuse decompression bombs', () => {
    const bomb = deflateSync(new Uint8Array(10 * 1024 * 1024));
    let binary = '';
    for (const b of bomb) binary += String.fromCharCode(b);
    const packed = btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(() => decodeShareState(`v=1&s=${packed}`)).toThrow('larger than 512 KiB');
  });

  it('never throw anything but ShareLinkError on random fragments', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (text) => {
        try {
          decodeShareState(`v=1&s=${text}`);
        } catch (error) {
          if (!(error instanceof ShareLinkError)) throw error;
        }
      }),
      { numRuns: 300, seed: 8 },
    );
  });
});

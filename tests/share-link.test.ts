/** Share links: a round trip reproduces the scenario and state exactly; damaged or hostile links give reasons, not crashes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, strToU8 } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { formatIssue, ScenarioError } from '../src/scenario/issues.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { decodeShareState, encodeShareState, MAX_SCENARIO_BYTES, ShareLinkError } from '../src/scenario/share-link.ts';

/** Bytes the share-link decoder has inflated, over every Inflate it made: a bomb must be stopped near the limit. */
const inflated = vi.hoisted(() => ({ bytes: 0 }));
vi.mock('fflate', async (importOriginal) => {
  const original = await importOriginal<typeof import('fflate')>();
  class CountingInflate extends original.Inflate {
    constructor(ondata: (chunk: Uint8Array, final: boolean) => void) {
      super((chunk, final) => {
        inflated.bytes += chunk.length;
        ondata(chunk, final);
      });
    }
  }
  return { ...original, Inflate: CountingInflate };
});

function packBytes(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A link whose scenario part is `bytes` compressed, as a hostile page would make it. */
function linkOf(bytes: Uint8Array, extra = ''): string {
  return `v=1&s=${packBytes(deflateSync(bytes))}${extra}`;
}

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

  it('refuse decompression bombs after inflating little more than the limit, not the whole bomb', () => {
    // 4 MiB of zeros packs into 4 KiB; inflated in one go it would all be in memory before the limit is checked.
    const bomb = linkOf(new Uint8Array(4 * 1024 * 1024));
    inflated.bytes = 0;
    expect(() => decodeShareState(bomb)).toThrow('larger than 512 KiB');
    expect(inflated.bytes).toBeGreaterThan(MAX_SCENARIO_BYTES);
    expect(inflated.bytes).toBeLessThan(MAX_SCENARIO_BYTES + 1.1 * 1024 * 1024);
  });

  it('open a link whose scenario is exactly at the limit', () => {
    const text = 'a'.repeat(MAX_SCENARIO_BYTES);
    expect(decodeShareState(encodeShareState({ scenario: text })).scenario).toBe(text);
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

const sphere = (dim: number) => `schemaVersion: 1\ntitle: t\nlandscape: {id: sphere, dim: ${dim}}\noptimizers: [{id: gd}]\nbudget: {evaluations: 100}\n`;
/** Bytes that are not UTF-8 (a lone continuation byte and an overlong encoding). */
const notUtf8 = new Uint8Array([0x74, 0x69, 0x74, 0x6c, 0x65, 0x3a, 0x20, 0x80, 0xc0, 0xaf]);

/**
 * Hostile and damaged links, each with where its message must point: the part of the link (scenario part, seed,
 * cell…) or, for a link that decodes to a bad scenario, the file, line and column. The corpus of bad inputs
 * (tests/corpus/) can take these rows over as they are.
 */
const hostileLinks: [name: string, fragment: () => string, message: RegExp][] = [
  ['an empty fragment', () => '', /not a Hyperclimb share link/],
  ['another site\'s fragment', () => '#section-2', /not a Hyperclimb share link/],
  ['a future version', () => 'v=2&s=abc', /version 2; this page reads version 1/],
  ['a megabyte-long version', () => `v=${'9'.repeat(1 << 20)}&s=abc`, /version 9{40}…; this page reads version 1/],
  ['no scenario part', () => 'v=1&seed=3', /holds no scenario/],
  ['characters base64url never has', () => 'v=1&s=%%%', /scenario part has characters a link never contains/],
  ['an emoji in the scenario part', () => 'v=1&s=eJw😀', /scenario part has characters a link never contains/],
  ['a scenario part cut to one character', () => 'v=1&s=A', /scenario part is cut off|cannot be decompressed/],
  ['a scenario part cut short', () => linkOf(strToU8(sphere(3).repeat(20))).slice(0, 60), /cannot be decompressed/],
  ['base64 of bytes that are not DEFLATE', () => `v=1&s=${packBytes(strToU8('plain text, never compressed'))}`, /cannot be decompressed/],
  ['a 1.4 MB scenario part', () => `v=1&s=${'A'.repeat(1_400_000)}`, /scenario part is 1,400,000 characters long; .* never needs more than/],
  ['a bomb just over the limit', () => linkOf(new Uint8Array(MAX_SCENARIO_BYTES + 1)), /larger than 512 KiB/],
  ['a scenario that is not UTF-8', () => linkOf(notUtf8), /scenario is not UTF-8 text/],
  ['a seed of a million characters', () => `${encodeShareState({ scenario: sphere(3) })}&seed=${'x'.repeat(1_000_000)}`, /seed is 1000000 characters long; a seed has at most 200/],
  ['a seed of 400 digits', () => `${encodeShareState({ scenario: sphere(3) })}&seed=${'9'.repeat(199)}`, /seed '9{40}…' is not a number this page can keep exactly/],
  ['a negative cell', () => `${encodeShareState({ scenario: sphere(3) })}&cell=-1`, /cell must be a whole number, got '-1'/],
  ['a cell of 30 digits', () => `${encodeShareState({ scenario: sphere(3) })}&cell=${'1'.repeat(30)}`, /cell must be a whole number, got '1{30}'/],
  ['a lesson step in words', () => `${encodeShareState({ scenario: sphere(3) })}&step=two`, /step must be a whole number, got 'two'/],
  ['a classroom flag of a megabyte', () => `${encodeShareState({ scenario: sphere(3) })}&classroom=${'y'.repeat(1 << 20)}`, /classroom flag must be 1 or 0, got 'y{40}…'/],
  ['a scenario that is not YAML', () => encodeShareState({ scenario: 'title: [unclosed\n  - {' }), /^shared-link\.yaml:\d+:\d+: .*not valid YAML/],
  ['a scenario with an unknown landscape', () => encodeShareState({ scenario: sphere(3).replace('sphere', 'spere') }), /^shared-link\.yaml:3:\d+: landscape\.id: .*sphere/],
  ['a scenario of 2,000 nested lists', () => encodeShareState({ scenario: `title: ${'['.repeat(2000)}${']'.repeat(2000)}` }), /^shared-link\.yaml:\d+:\d+: /],
  ['an alias bomb', () => encodeShareState({ scenario: `a: &a [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`).join('\n')}\n` }), /^shared-link\.yaml:1:1: cannot read the file/],
];

describe('hostile share links', () => {
  /** The message the page shows for a fragment: the link's own reason, or the first located problem of its scenario. */
  function pageMessage(fragment: string): string | undefined {
    try {
      const state = decodeShareState(fragment);
      parseScenario(state.scenario, 'shared-link.yaml');
      return undefined;
    } catch (error) {
      if (error instanceof ShareLinkError) return error.message;
      if (error instanceof ScenarioError) return formatIssue(error.issues[0]);
      throw error;
    }
  }

  // The timeout is a hang guard (a case that loops or inflates a gigabyte), not a speed requirement.
  it.each(hostileLinks)('%s: a short, located message, nothing else thrown', (_name, fragment, expected) => {
    const message = pageMessage(fragment());
    expect(message).toMatch(expected);
    expect(message!.length).toBeLessThan(300);
  }, 10_000);
});

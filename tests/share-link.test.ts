/** Share links: a round trip reproduces the scenario and state exactly; damaged or hostile links give reasons, not crashes. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, strToU8 } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { formatIssue, ScenarioError } from '../src/scenario/issues.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { builtInDigest, decodeShareState, encodeShareState, encodeShortShareState, MAX_SCENARIO_BYTES, ShareLinkError } from '../src/scenario/share-link.ts';
import { knobsFor, setField, setLandscape, setMap } from '../src/app/knobs.ts';

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

/** Every scenario shipped in sims/, as the page bundles them (src/app/library.ts). */
const simsDir = join(__dirname, '..', 'sims');
const sims: Record<string, string> = Object.fromEntries(readdirSync(simsDir).filter((f) => /\.ya?ml$/.test(f)).map((f) => [f, readFileSync(join(simsDir, f), 'utf8')]));
const builtIns = (file: string) => (Object.hasOwn(sims, file) ? sims[file] : undefined);

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

describe('short share links', () => {
  /** The page's longest state beside the scenario: a 6-digit seed (as New seed makes), a cell, a view, a step, classroom. */
  const state = { seed: 123456, cell: 12, view: 'interpolation', step: 7, classroom: true } as const;

  it.each(Object.keys(sims))('%s unmodified: a link under 200 characters that opens the file itself', (file) => {
    const fragment = encodeShortShareState({ scenario: sims[file], file, ...state }, builtIns)!;
    expect(fragment).toContain(`sim=${file}&h=${builtInDigest(sims[file])}`);
    expect(fragment.length).toBeLessThan(200);
    expect(decodeShareState(`#${fragment}`, builtIns)).toEqual({ scenario: sims[file], file, ...state });
  });

  it.each(Object.keys(sims))('%s with its knobs and map moved: a short link that opens the very same text', (file) => {
    let text = sims[file];
    // Each movable knob to a value of its own (the page writes them with setField), and another map (setMap).
    for (const knob of knobsFor(parseScenario(text, file, { readFile: (path) => readFileSync(join(simsDir, path)) })).filter((k) => !k.disabled)) {
      text = setField(text, knob.path, knob.integer ? knob.min + 1 : knob.min * 3);
    }
    text = setMap(text, 'duplicate');
    const fragment = encodeShortShareState({ scenario: text, file, seed: 7 }, builtIns)!;
    expect(fragment).toMatch(/~/);
    expect(fragment.length).toBeLessThan(400);
    expect(decodeShareState(fragment, builtIns)).toEqual({ scenario: text, file, seed: 7 });
  });

  it('carry another landscape, a removed field and values that are not words', () => {
    const file = 'nk-ruggedness.yaml';
    const landscape = setLandscape(sims[file], 'house-of-cards');
    const edited = setField(setField(setMap(landscape, 'identity'), ['title'], 'N = 16, K = 3 & more'), ['optimizers', 0, 'label'], 'true');
    const fragment = encodeShortShareState({ scenario: edited, file }, builtIns)!;
    expect(decodeShareState(fragment, builtIns).scenario).toBe(edited);
  });

  it('leave a text changed by hand, another file or data the sender opened to a full link', () => {
    const file = 'nk-ruggedness.yaml';
    expect(encodeShortShareState({ scenario: `# my notes\n${sims[file]}`, file }, builtIns)).toBeUndefined();
    expect(encodeShortShareState({ scenario: sims[file], file: 'my-copy.yaml' }, builtIns)).toBeUndefined();
    expect(encodeShortShareState({ scenario: sims[file] }, builtIns)).toBeUndefined();
    const data = setField(sims['your-own-data.yaml'], ['landscape', 'data', 'file'], 'data/mine.csv');
    expect(encodeShortShareState({ scenario: data, file: 'your-own-data.yaml' }, builtIns)).toBeUndefined();
    // The built-in's own data is the page's, so its knobs still travel short.
    const knob = setField(sims['your-own-data.yaml'], ['seed'], 9);
    expect(encodeShortShareState({ scenario: knob, file: 'your-own-data.yaml' }, builtIns)).toBeDefined();
  });

  it('open the current file and say so when the file changed since the link was made', () => {
    const file = 'nk-ruggedness.yaml';
    const fragment = encodeShortShareState({ scenario: setField(sims[file], ['landscape', 'k'], 5), file, seed: 3 }, builtIns)!;
    const newer = sims[file].replace(/budget:/, '# a comment added since\nbudget:');
    const opened = decodeShareState(fragment, (f) => (f === file ? newer : undefined));
    expect(opened.scenario).toBe(setField(newer, ['landscape', 'k'], 5));
    expect(opened).toMatchObject({ file, seed: 3 });
    expect(opened.notice).toBe(`${file} has changed since this link was made: this is the current ${file} with the link's 1 change; its numbers may differ from the ones shared`);
    // Changes that no longer fit the file: the file as it is.
    const reshaped = decodeShareState(`v=1&sim=${file}&h=00000000&~landscape.k.deep=1`, builtIns);
    expect(reshaped.scenario).toBe(sims[file]);
    expect(reshaped.notice).toMatch(/and the link's changes no longer fit it: this is the current nk-ruggedness\.yaml as it is/);
  });

  it('still open full links, which never name a file', () => {
    const full = encodeShareState({ scenario: sims['eye.yaml'], file: 'eye.yaml', step: 2 });
    expect(full).toMatch(/^v=1&s=/);
    expect(decodeShareState(full, builtIns)).toEqual({ scenario: sims['eye.yaml'], step: 2 });
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
  ['a short link to a file the page does not have', () => 'v=1&sim=eye-v2.yaml&h=0123abcd', /names the built-in scenario 'eye-v2\.yaml', which this page does not have/],
  ['a short link without its digest', () => 'v=1&sim=eye.yaml&step=2', /digest of eye\.yaml is missing/],
  ['a short link with a damaged digest', () => 'v=1&sim=eye.yaml&h=xyz', /digest of eye\.yaml is damaged \('xyz'\)/],
  ['a short link whose change names no field', () => `v=1&sim=eye.yaml&h=${builtInDigest(sims['eye.yaml'])}&~landscape..dim=3`, /change 'landscape\.\.dim' names no field/],
  ['a short link changing a field 1,000 levels deep', () => `v=1&sim=eye.yaml&h=${builtInDigest(sims['eye.yaml'])}&~${'a.'.repeat(999)}a=1`, /changes a field 1000 levels deep .*at most 12 deep/],
  ['a short link with a damaged value', () => `v=1&sim=eye.yaml&h=${builtInDigest(sims['eye.yaml'])}&~seed=%7B%22a`, /value for 'seed' is damaged: '\{"a'/],
  ['a short link with a value of a megabyte', () => `v=1&sim=eye.yaml&h=${builtInDigest(sims['eye.yaml'])}&~title=${'x'.repeat(1 << 20)}`, /value for 'title' is 1,048,576 characters long/],
  ['a short link of 100,000 changes', () => `v=1&sim=eye.yaml&h=${builtInDigest(sims['eye.yaml'])}${'&~seed=1'.repeat(100_000)}`, /more than 64 changes/],
  ['a short link whose changes cannot be made', () => `v=1&sim=eye.yaml&h=${builtInDigest(sims['eye.yaml'])}&~title.x=1`, /changes to eye\.yaml cannot be made/],
  ['a short link whose change makes the scenario invalid', () => `v=1&sim=eye.yaml&h=${builtInDigest(sims['eye.yaml'])}&~budget.evaluations=-5`, /^eye\.yaml:\d+:\d+: budget\.evaluations: /],
  ['an alias bomb', () => encodeShareState({ scenario: `a: &a [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`).join('\n')}\n` }), /^shared-link\.yaml:1:1: cannot read the file/],
];

describe('hostile share links', () => {
  /** The message the page shows for a fragment: the link's own reason, or the first located problem of its scenario. */
  function pageMessage(fragment: string): string | undefined {
    try {
      const state = decodeShareState(fragment, builtIns);
      parseScenario(state.scenario, state.file ?? 'shared-link.yaml');
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

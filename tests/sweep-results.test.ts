/**
 * The results code the page shares with the command line (src/scenario/results.ts): its pure SHA-256 equals
 * node:crypto's, fingerprints are stable (files written by earlier versions stay mergeable), and results text is
 * parsed with errors that name the line.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../src/scenario/parse.ts';
import { digestCheck, fingerprintShape, lineDigest, readResultEntries, ResultsError, resultLine, scenarioFingerprint, sha256Hex } from '../src/scenario/results.ts';
import { readSimsFile } from './support/sims.ts';

const sims = join(__dirname, '..', 'sims');

describe('the shared results code', () => {
  it('hashes like node:crypto (empty, block edges, non-ASCII)', () => {
    const texts = ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(63), 'a'.repeat(64), 'a'.repeat(1000), 'Styblinski–Tang 0.516ᴺ ✓'];
    for (const text of texts) expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('fingerprints a scenario by what determines its numbers, stably across versions', () => {
    const onemax = parseScenario(readFileSync(join(sims, 'onemax-ea.yaml'), 'utf8'), 'onemax-ea.yaml');
    // Pinned: a change here orphans every results file researchers have (resume and merge refuse them).
    expect(scenarioFingerprint({ ...onemax, seed: 3, replicates: 5 })).toBe('4x5x3-ab9f1ed85a9e0c03');
    expect(scenarioFingerprint({ ...onemax, title: 'another title', seed: 3, replicates: 5 })).toBe('4x5x3-ab9f1ed85a9e0c03');
    expect(scenarioFingerprint({ ...onemax, seed: 4, replicates: 5 })).not.toBe('4x5x3-ab9f1ed85a9e0c03');
    const files = readdirSync(sims).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(4);
    for (const file of files) {
      const scenario = parseScenario(readFileSync(join(sims, file), 'utf8'), file, { readFile: readSimsFile });
      const other = { ...scenario, seed: 'another seed', replicates: 3 };
      expect(fingerprintShape(scenarioFingerprint(other))?.replicates).toBe(3);
      expect(scenarioFingerprint(other)).not.toBe(scenarioFingerprint(scenario));
    }
  });

  it('parses results text, naming the file and line of a bad line, and notes an unfinished last line', () => {
    const good = JSON.stringify({ cell: 0, params: {}, optimizer: 'gd', label: 'GD', replicate: 0, seed: 1, wallMs: 1 });
    expect(readResultEntries(`${good}\n\n${good}\n`, 'r.jsonl').entries).toHaveLength(2);
    expect(readResultEntries(`${good}\n{"cell":`, 'r.jsonl')).toMatchObject({ partialLine: 2 });
    expect(() => readResultEntries(`${good}\n{oops\n`, 'r.jsonl')).toThrow('r.jsonl:2: not a JSON line');
    expect(() => readResultEntries(`${good}\n${good}\n[1,2]\n`, 'r.jsonl')).toThrow(/^r\.jsonl:3: not a Hyperclimb result line/);
    const negativeCell = () => readResultEntries(`${good}\n{"cell": -1, "params": {}, "label": "x", "replicate": 0}\n`, 'r.jsonl');
    expect(negativeCell).toThrow(ResultsError);
    expect(negativeCell).toThrow(expect.objectContaining({ file: 'r.jsonl', line: 2 }));
  });

  it('digests a line by its content without wallMs, the same with the pure and the native SHA-256', () => {
    const line = resultLine(1, { 'landscape.dim': 8 }, 2, 'seed ✓', { optimizer: 'gd', label: 'GD', error: 'diverged', wallMs: 3.5 }, '2x3x1-0123456789abcdef');
    const native = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(line.digest).toMatch(/^[0-9a-f]{16}$/);
    expect(lineDigest(line, native)).toBe(line.digest);
    const parsed = JSON.parse(JSON.stringify({ ...line, wallMs: 99 }));
    expect(digestCheck(parsed)).toBe('ok');
    expect(digestCheck({ ...parsed, replicate: 3 })).toBe('changed');
    expect(digestCheck({ ...parsed, digest: undefined })).toBe('absent');
    expect(resultLine(0, {}, 0, 1, { optimizer: 'gd', label: 'GD', error: 'x', wallMs: 0 })).not.toHaveProperty('digest');
  });
});

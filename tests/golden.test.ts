/**
 * Golden recordings (tests/golden/recordings.ts): each stored run recomputed and compared exactly, and the stored set
 * is the set the registry asks for, so a new optimizer without recordings, or a recording of one that is gone, fails
 * here. After an intended change of numbers or a new optimizer: `npm run golden:update`, and review the diff.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { optimizers } from '../src/core/optimizers/registry.ts';
import { goldenCases, record, RECORDINGS_FILE, recordingsText, type Recording } from './golden/recordings.ts';

const stored = JSON.parse(readFileSync(RECORDINGS_FILE, 'utf8')) as Recording[];
const REGENERATE = 'run `npm run golden:update` and review the diff of tests/golden/recordings.json';

describe('golden recordings', () => {
  it('cover every optimizer in the registry', () => {
    const recorded = new Set(stored.map((r) => r.optimizer));
    expect(optimizers.map((o) => o.id).filter((id) => !recorded.has(id)), `optimizers without recordings: ${REGENERATE}`).toEqual([]);
  });

  it('are the cases the registry asks for, in order, no more and no fewer', () => {
    const key = (r: { optimizer: string; landscape: string }) => `${r.optimizer} on ${r.landscape}`;
    expect(stored.map(key), REGENERATE).toEqual(goldenCases().map(key));
  });

  it('are stored one per line, as the update command writes them', () => {
    expect(readFileSync(RECORDINGS_FILE, 'utf8')).toBe(recordingsText(stored));
  });

  it.each(stored.map((r) => [`${r.optimizer} on ${r.landscape}`, r] as const))('%s gives the recorded numbers exactly', (_name, recording) => {
    expect(record(recording.optimizer, recording.landscape), `a change of behaviour; if intended, ${REGENERATE}`).toEqual(recording);
  });
});

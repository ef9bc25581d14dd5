/**
 * The page's words for a reader with no background (issue 14, "jargon"): each term the page cannot avoid — η,
 * Lanczos, replicate 1, sweep cell, the file's map.copies = 8 — has a glossary entry, which the page shows as the
 * tooltip of the sentence using it, and the sentences that use them say what they mean in plain words too.
 */
import { describe, expect, it } from 'vitest';
import { replicatesNote } from '../src/app/controls.ts';
import { termsIn } from '../src/app/glossary.ts';
import { meterText } from '../src/app/meter.ts';
import { sharpnessNote } from '../src/render/sharpness-view.ts';
import type { RaceInfo } from '../workers/protocol.ts';
import type { MeterReading } from '../workers/sim-api.ts';

const termsOf = (text: string) => termsIn(text).map((entry) => entry.term);

describe('the page’s unavoidable terms', () => {
  it('each have a glossary entry, found where the page writes them', () => {
    expect(['η = 0.001', 'found by the Lanczos method', 'views draw replicate 1', 'Sweep cell', 'map.copies = 8', 'landscape.dim = 16', '400 of 400 replicates of its sweep cells'].map(termsOf)).toEqual([
      ['η'],
      ['Lanczos'],
      ['replicate'],
      ['sweep cell'],
      ['gene copies'],
      ['dimension N'],
      ['replicate', 'sweep cell'],
    ]);
  });

  it('are said in plain words where the page uses them', () => {
    // The racers' table: what a replicate is and which one the views draw.
    expect(replicatesNote(20, 20)).toBe('20 replicates (repeats, each on its own landscape and start): Outcomes counts them all, the views draw the first of them (replicate 1).');
    expect(replicatesNote(4, 100)).toMatch(/^4 of 100 replicates \(repeats, each on its own landscape and start\) race here, the command line runs all;/);
    expect(termsOf(replicatesNote(20, 20))).toEqual(['replicate']);
    // The dead-end meter: η is the learning rate.
    const reading: MeterReading = { method: 'gradient-descent', share: 0.5, se: 0.03, exact: false, starts: 250, deadEnds: 125, undecided: 0, optimumKnown: true, evaluations: 1, ms: 1, learningRate: 0.002 };
    expect(meterText(reading).detail).toBe('of gradient descents (125 of 250 random starts, learning rate η = 0.002)');
    // The sharpness chart: what it measures, how (Lanczos), on which run, and what η is.
    const racer = (label: string, stability: { value: number; label: string } | null) => ({ label, needsGradient: true, sharpnessEvery: 120, stability });
    const info = { racers: [racer('SGD', { value: 38, label: '2(1+β)/η = 38' }), racer('Adam', null)] } as unknown as RaceInfo;
    const note = sharpnessNote(info, [0, 1]);
    expect(note).toMatch(/^Sharpness: how steeply the loss curves along its most curved direction \(the top eigenvalue of its Hessian, found by the Lanczos method/);
    expect(note).toContain('in the run the views draw (replicate 1), every 120 steps');
    expect(note).toContain('steps of learning rate η overshoot');
    expect(note).toMatch(/Adam: no fixed limit \(its step sizes adapt as it goes\)\.$/);
    expect(termsOf(note)).toEqual(['Hessian', 'η', 'Lanczos', 'replicate']);
  });
});

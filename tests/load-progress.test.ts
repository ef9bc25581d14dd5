/** The line the page shows while a race opens: what is being prepared, for the cell that opens. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openingText } from '../src/app/load-progress.ts';
import { parseScenario } from '../src/scenario/parse.ts';

const sim = (file: string) => parseScenario(readFileSync(join(__dirname, '..', 'sims', file), 'utf8'), file, { readFile: (path) => readFileSync(join(__dirname, '..', 'sims', path)) });

describe('the opening line', () => {
  it('names a teacher network, a network with its weights, or a landscape with its N, and the racers', () => {
    const spurious = sim('spurious-minima.yaml');
    expect(openingText(spurious, 0, 1)).toBe(`Preparing the teacher network and its data… starting ${spurious.optimizers.length} racers (${spurious.optimizers.map((r) => r.label).join(', ')})…`);
    expect(openingText(sim('your-own-data.yaml'), 0, 2)).toMatch(/^Preparing the network \([\d,]+ weights\) and its data… starting \d racers \(.*, 2 replicates each\)…$/);
    expect(openingText(sim('nk-ruggedness.yaml'), 0, 1)).toMatch(/^Preparing the NK landscape \(N = 16\)… starting 4 racers/);
  });

  it('describes the sweep cell that opens, not the file’s own values', () => {
    const headline = sim('house-of-cards-vs-n.yaml');
    expect(openingText(headline, 0, 1)).toContain('(N = 4)');
    expect(openingText(headline, 6, 1)).toContain('(N = 16)');
  });
});

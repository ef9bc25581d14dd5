/**
 * The results that ship beside sweep scenarios (sims/<name>.results.jsonl, written by `npm run results`, drawn by the
 * page's sweep view at once) are the engine's: every line of the scenario's run is there, signed with its fingerprint
 * and digest, and a few cells run again here give the very same lines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../src/scenario/parse.ts';
import { digestCheck, lineKey, planTasks, readResultEntries, resultLine, scenarioFingerprint, type ResultLine } from '../src/scenario/results.ts';
import { cellCount } from '../src/scenario/sweep.ts';
import { simApi } from '../workers/sim-api.ts';

const sims = join(__dirname, '..', 'sims');
const shipped = readdirSync(sims).filter((f) => f.endsWith('.results.jsonl'));
/**
 * Sweeps whose first, middle and last tasks are run again (milliseconds each); every other file has its middle task
 * run again, which for the network sweeps alone costs seconds.
 */
const HEADLINE = ['dimension-vs-dead-ends.results.jsonl', 'house-of-cards-vs-n.results.jsonl', 'nk-vs-n.results.jsonl', 'rough-mount-fuji-vs-n.results.jsonl'];
const readBeside = (path: string) => readFileSync(path);
const withoutWallMs = ({ wallMs: _wallMs, ...line }: ResultLine) => line;

describe('results shipped with the sweep scenarios', () => {
  it('ship for every sweep of sims/', () => {
    const sweeps = readdirSync(sims).filter((f) => f.endsWith('.yaml') && /^sweep:/m.test(readFileSync(join(sims, f), 'utf8')));
    expect(sweeps.filter((f) => !shipped.includes(f.replace(/\.yaml$/, '.results.jsonl')))).toEqual([]);
    expect(shipped).toEqual(expect.arrayContaining(HEADLINE));
  });

  describe.each(shipped)('%s', (file) => {
    const yaml = file.replace(/\.results\.jsonl$/, '.yaml');
    // A scenario's data set is read beside it, as the command line that wrote the file read it.
    const scenario = parseScenario(readFileSync(join(sims, yaml), 'utf8'), join(sims, yaml), { readFile: readBeside });
    const lines = readResultEntries(readFileSync(join(sims, file), 'utf8'), file).entries.map((entry) => entry.line);
    const fingerprint = scenarioFingerprint(scenario);

    it(`holds every cell × replicate × racer of ${yaml} once, with its fingerprint, seed and an intact digest`, () => {
      expect(lines.length).toBe(cellCount(scenario.sweep) * scenario.replicates * scenario.optimizers.length);
      expect(new Set(lines.map(lineKey)).size).toBe(lines.length);
      expect(lines.every((line) => line.fingerprint === fingerprint && line.seed === scenario.seed && line.error === undefined)).toBe(true);
      expect(lines.map((line) => digestCheck(line)).filter((check) => check !== 'ok')).toEqual([]);
    });

    it(`equals the engine on its ${HEADLINE.includes(file) ? 'first, middle and last replicate tasks' : 'middle replicate task'} run again`, () => {
      const tasks = planTasks(scenario);
      const middle = tasks[tasks.length >> 1];
      for (const task of HEADLINE.includes(file) ? [tasks[0], middle, tasks[tasks.length - 1]] : [middle]) {
        const again = simApi.runReplicate({ cell: task.cell, replicate: task.replicate, specs: task.specs }).map((outcome) => resultLine(task.cell, task.params, task.replicate, scenario.seed, outcome, fingerprint));
        const stored = lines.filter((line) => line.cell === task.cell && line.replicate === task.replicate);
        expect(stored.map(withoutWallMs)).toEqual(again.map(withoutWallMs));
      }
    });
  });
});

/**
 * The command line with a researcher's own modules: `list` shows their ids (tagged user), from a scenario's
 * `modules:` or from --module, and the scenario fingerprint covers the modules' code, so results of changed code are
 * not resumed into or merged with results of the old.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../src/scenario/parse.ts';
import { scenarioFingerprint } from '../src/scenario/results.ts';
import { inProcess } from './support/cli.ts';

const library = pathToFileURL(join(__dirname, '..', 'src', 'index.ts')).href;

/** A module of one landscape and one optimizer whose ids end in `suffix`; `note` changes its text, not its ids. */
function moduleText(suffix: string, note = ''): string {
  return `// ${note}
import { defineLandscape, defineOptimizer, z } from ${JSON.stringify(library)};
export const landscapes = [defineLandscape({
  id: 'tilted-${suffix}', title: 'Tilted', summary: 'A tilted plane, highest at the upper corner.', space: 'continuous',
  minDim: 1, box: [-1, 1], params: z.object({}), memoryBytes: () => 0,
  create: (dim) => ({ id: 'tilted-${suffix}', space: 'continuous', dim, reading: 'fitness', gradientCost: 2, lower: -1, upper: 1,
    fitnessAt: (genes, offset) => { let s = 0; for (let i = 0; i < dim; i++) s += genes[offset + i]; return s; } }),
})];
export const optimizers = [defineOptimizer({
  id: 'stay-${suffix}', title: 'Stay', summary: 'Asks for its start again and again.', spaces: ['continuous'],
  needsGradient: false, escapesDeadEnds: false, params: z.object({}), defaults: () => ({}), memoryBytes: () => 0,
  init: (_rng, _problem, start) => ({ x: Float64Array.from(start.x0) }),
  ask: (_rng, state) => ({ kind: 'points', genes: state.x, count: 1 }),
  tell: () => {},
  incumbent: (state) => state.x,
})];
`;
}

function folder(suffix: string): { dir: string; scenario: string; module: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hyperclimb-modules-'));
  const module = join(dir, 'mine.mjs');
  writeFileSync(module, moduleText(suffix));
  const scenario = join(dir, 'mine.yaml');
  writeFileSync(
    scenario,
    `schemaVersion: 1\ntitle: mine\nmodules: [./mine.mjs]\nlandscape: { id: tilted-${suffix}, dim: 2 }\noptimizers: [{ id: stay-${suffix} }, { id: one-plus-one-es }]\nbudget: { evaluations: 50 }\n`,
  );
  return { dir, scenario, module };
}

describe('hyperclimb list with modules of ones own', () => {
  it('lists the ids a scenario’s modules register, tagged user, and built-in ids untagged', async () => {
    const { scenario } = folder('a');
    const listed = await inProcess('list', scenario);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^ {2}tilted-a +continuous +\(user\) A tilted plane/m);
    expect(listed.stdout).toMatch(/^ {2}stay-a +continuous +\(user\) Asks for its start/m);
    expect(listed.stdout).toMatch(/^ {2}cma-es +continuous +[^(]/m);
  });

  it('lists the ids of --module files, and names a missing one', async () => {
    const { module } = folder('b');
    const listed = await inProcess('list', '--module', module);
    expect(listed.stdout).toMatch(/^ {2}stay-b +continuous +\(user\)/m);
    const missing = await inProcess('list', '--module', join(tmpdir(), 'no-such-module.mjs'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^hyperclimb: --module .*no-such-module\.mjs: no such file/);
  });
});

describe('the fingerprint of a scenario with modules', () => {
  it('changes with the content of a module file, and is the old one without modules', () => {
    const { scenario } = folder('c');
    const parsed = parseScenario(readFileSync(scenario, 'utf8').replace('modules: [./mine.mjs]\n', '').replace(/tilted-c/, 'sphere').replace(/stay-c/, 'cma-es'), 'x.yaml');
    expect(scenarioFingerprint(parsed, [])).toBe(scenarioFingerprint(parsed));
    expect(scenarioFingerprint(parsed, ['a'.repeat(64)])).not.toBe(scenarioFingerprint(parsed, ['b'.repeat(64)]));
  });

  it('keeps a run from resuming into the results of the module’s earlier code', async () => {
    const { scenario, module, dir } = folder('d');
    const out = join(dir, 'runs.jsonl');
    expect((await inProcess('run', scenario, '--workers', '1', '--out', out)).code).toBe(0);
    const first = JSON.parse(readFileSync(out, 'utf8').split('\n')[0]).fingerprint;
    writeFileSync(module, moduleText('d', 'the same ids, other code'));
    const again = await inProcess('run', scenario, '--workers', '1', '--out', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(first);
  });
});

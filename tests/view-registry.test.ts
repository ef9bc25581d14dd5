/**
 * The view registry is the one list of views: each id has its module src/views/<id>.ts (and each module an id), the
 * scenario schema accepts exactly these ids where a file names views, and keys 1–9 follow the list's order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../src/scenario/issues.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { VIEW_IDS, viewKey } from '../src/views/registry.ts';

const viewsDir = join(__dirname, '..', 'src', 'views');
/** Files of src/views that are not views: the registry and the contract. */
const SUPPORT = ['registry.ts', 'view-module.ts'];

const scenario = (views: string) => `schemaVersion: 1
title: t
landscape: {id: sphere, dim: 4}
optimizers: [{id: gd}]
budget: {evaluations: 100}
${views}
`;

describe('the view registry', () => {
  it('lists exactly the view modules, each exporting its declaration as `view`', () => {
    const modules = readdirSync(viewsDir).filter((f) => f.endsWith('.ts') && !SUPPORT.includes(f)).map((f) => f.replace(/\.ts$/, ''));
    expect([...modules].sort()).toEqual([...VIEW_IDS].sort());
    for (const id of modules) expect(readFileSync(join(viewsDir, `${id}.ts`), 'utf8')).toMatch(/^export const view: ViewModule = \{$/m);
  });

  it('gives keys 1 to 9 in the order of the list', () => {
    expect(VIEW_IDS.map(viewKey)).toEqual(VIEW_IDS.map((_, i) => (i < 9 ? String(i + 1) : undefined)));
  });

  it('is what scenario files may name, as views to open and as a lesson step’s view', () => {
    expect(parseScenario(scenario(`views: [${VIEW_IDS.join(', ')}]`)).views).toEqual([...VIEW_IDS]);
    const steps = VIEW_IDS.map((id) => `  - {title: s, text: t, view: ${id}}`).join('\n');
    expect(parseScenario(scenario(`lesson:\n${steps}`)).lesson!.map((step) => step.view)).toEqual([...VIEW_IDS]);
    try {
      parseScenario(scenario('views: [race, scatter]'), 'x.yaml');
      expect.unreachable('an unknown view was accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      const [issue] = (error as ScenarioError).issues;
      expect(issue).toMatchObject({ file: 'x.yaml', line: 6, column: 15, path: 'views[1]' });
      expect(issue.message).toBe(`expected one of ${VIEW_IDS.join(', ')}, got "scatter"`);
    }
  });
});

/**
 * The packed package works in another project: `npm pack` (whose prepack builds dist/), the tarball unpacked into a
 * temporary project's node_modules, and a user-written optimizer racing cma-es on a user-written landscape, through
 * `import … from 'hyperclimb'` and through the package's own command with a scenario naming the user's module.
 * The tarball's dependencies are linked from this checkout's node_modules: no network, and the package itself is
 * exactly what the tarball holds.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(__dirname, '..');
const fixtures = join(__dirname, 'fixtures', 'library-user');

let project: string;

/** Packs this checkout and installs the tarball into a fresh project holding the user's files; returns its folder. */
export async function installPackedPackage(): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'hyperclimb-user-'));
  const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', folder], { cwd: root });
  const tarball = join(folder, stdout.trim().split('\n').pop()!);
  const modules = join(folder, 'node_modules');
  mkdirSync(join(modules, 'hyperclimb'), { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', join(modules, 'hyperclimb'), '--strip-components=1']);
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name !== '.bin' && name !== 'hyperclimb' && !name.startsWith('.')) symlinkSync(join(root, 'node_modules', name), join(modules, name));
  }
  return folder;
}

interface RunRecord {
  label: string;
  replicate: number;
  bestFitness: number;
  evaluations: number;
  endedAt: string;
}

describe('the packed package', () => {
  beforeAll(async () => {
    project = await installPackedPackage();
    cpSync(fixtures, project, { recursive: true });
  });
  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('ships JavaScript and types for its entry point, and no TypeScript sources behind `exports`', () => {
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/hyperclimb/package.json'), 'utf8'));
    expect(manifest.private).toBeUndefined();
    expect(manifest.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js' });
    const dist = readdirSync(join(project, 'node_modules/hyperclimb/dist'));
    expect(dist).toEqual(expect.arrayContaining(['index.js', 'index.d.ts']));
    expect(readFileSync(join(project, 'node_modules/hyperclimb/dist/index.js'), 'utf8')).not.toMatch(/from '[^']+\.ts'/);
  });

  let library: RunRecord[];

  it('races a user optimizer against cma-es on a user landscape through createRun', async () => {
    const { stdout } = await run(process.execPath, ['race.mjs'], { cwd: project });
    library = JSON.parse(stdout);
    expect(library.map((r) => `${r.label}/${r.replicate}`)).toEqual(['climber/0', 'cma-es/0', 'climber/1', 'cma-es/1']);
    for (const result of library) expect(result.evaluations).toBeLessThanOrEqual(4000);
    // The bowl's optimum is 0 at (1, …, 1): CMA-ES reaches it; the climber, whose steps never shrink, does not.
    expect(library.filter((r) => r.label === 'cma-es').map((r) => r.endedAt)).toEqual(['optimum', 'optimum']);
    expect(library.filter((r) => r.label === 'climber').map((r) => r.endedAt)).toEqual(['budget', 'budget']);
  });

  it('runs the same race from a scenario naming the user module, with the same numbers', async () => {
    const bin = join(project, 'node_modules/hyperclimb/bin/hyperclimb.mjs');
    await run(process.execPath, [bin, 'run', 'race.yaml', '--workers', '2', '--out', 'runs.jsonl'], { cwd: project });
    const lines = readFileSync(join(project, 'runs.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => ({ label: l.label, replicate: l.replicate, bestFitness: l.bestFitness, evaluations: l.evaluations, endedAt: l.endedAt }))).toEqual(
      library.map(({ label, replicate, bestFitness, evaluations, endedAt }) => ({ label, replicate, bestFitness, evaluations, endedAt })),
    );
  });
});

/**
 * The packed package works in another project: `npm pack` (whose prepack builds dist/), the tarball unpacked into a
 * temporary project's node_modules, and a user-written optimizer racing cma-es on a user-written landscape, through
 * `import … from 'hyperclimb'` in plain JavaScript, and (docs/library.md's example, in TypeScript) through createRun
 * and through the package's own command with a scenario naming the user's module.
 * The tarball's dependencies are linked from this checkout's node_modules: no network, and the package itself is
 * exactly what the tarball holds. docs/library.md's example is checked in the same project: its files are type-checked
 * and run, and the output the page shows is what they print.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(__dirname, '..');
const fixtures = join(__dirname, 'fixtures', 'library-user');

let project: string;

/** Packs this checkout and installs the tarball into a fresh project holding the user's files; returns its folder. */
async function installPackedPackage(): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'hyperclimb-user-'));
  // npm pack's own lifecycle less `prepare`, which only recompiles the kernels `npm test` compiled a moment ago
  // (about 4 s): the package's prepack (the dist/ build) still runs, as the script package.json declares.
  await run('npm', ['run', '--silent', 'prepack'], { cwd: root });
  const { stdout } = await run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', folder], { cwd: root });
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
  evaluations: number;
  endedAt: string;
}

// One pack and install serves both the package's tests and the doc's example.
beforeAll(async () => {
  project = await installPackedPackage();
  cpSync(fixtures, project, { recursive: true });
  writeFileSync(join(project, 'package.json'), '{ "type": "module", "private": true }\n');
});
afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('ships JavaScript and types for its entry point, and no TypeScript sources behind `exports`', () => {
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/hyperclimb/package.json'), 'utf8'));
    expect(manifest.private).toBeUndefined();
    expect(manifest.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js' });
    const dist = readdirSync(join(project, 'node_modules/hyperclimb/dist'));
    expect(dist).toEqual(expect.arrayContaining(['index.js', 'index.d.ts']));
    expect(readFileSync(join(project, 'node_modules/hyperclimb/dist/index.js'), 'utf8')).not.toMatch(/from '[^']+\.ts'/);
  });

  it('races a user optimizer against cma-es on a user landscape through createRun, in plain JavaScript', async () => {
    const { stdout } = await run(process.execPath, ['race.mjs'], { cwd: project });
    const library: RunRecord[] = JSON.parse(stdout);
    expect(library.map((r) => `${r.label}/${r.replicate}`)).toEqual(['climber/0', 'cma-es/0', 'climber/1', 'cma-es/1']);
    for (const result of library) expect(result.evaluations).toBeLessThanOrEqual(4000);
    // The bowl's optimum is 0 at (1, …, 1): CMA-ES reaches it; the climber, whose steps never shrink, does not.
    expect(library.filter((r) => r.label === 'cma-es').map((r) => r.endedAt)).toEqual(['optimum', 'optimum']);
    expect(library.filter((r) => r.label === 'climber').map((r) => r.endedAt)).toEqual(['budget', 'budget']);
  });
});

/** The example's files (a fenced block after `<!-- file: NAME -->`) and shown outputs (after `<!-- output: NAME -->`). */
function docBlocks(markdown: string, kind: 'file' | 'output'): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const match of markdown.matchAll(new RegExp(`<!-- ${kind}: (\\S+) -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\`\`\`\\n`, 'g'))) blocks.set(match[1], match[2]);
  return blocks;
}

describe('docs/library.md', () => {
  const markdown = readFileSync(join(root, 'docs/library.md'), 'utf8');
  const files = docBlocks(markdown, 'file');
  let example: string;
  // The type-check, the script and the command are independent processes: started together, each test awaits its own.
  let typeChecked: Promise<unknown>;
  let script: Promise<{ stdout: string }>;
  let command: Promise<unknown>;
  const started = <T>(promise: Promise<T>): Promise<T> => {
    // Handled here so that a failure waits for its test, which awaits the same promise and reports it.
    promise.catch(() => {});
    return promise;
  };

  beforeAll(() => {
    example = join(project, 'doc-example');
    mkdirSync(example);
    writeFileSync(join(example, 'package.json'), '{ "type": "module", "private": true }\n');
    for (const [name, text] of files) writeFileSync(join(example, name), text);
    typeChecked = started(run(process.execPath, [join(project, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: example }));
    script = started(run(process.execPath, ['--import', 'tsx', 'race.ts'], { cwd: example }));
    const bin = join(project, 'node_modules/hyperclimb/bin/hyperclimb.mjs');
    command = started(run(process.execPath, [bin, 'run', 'race.yaml', '--workers', '2', '--out', 'runs.jsonl'], { cwd: example }));
  });

  it('holds a complete example: definitions, a script, a scenario and the tsconfig they type-check with', () => {
    expect([...files.keys()].sort()).toEqual(['my-racers.ts', 'race.ts', 'race.yaml', 'tsconfig.json']);
  });

  it('type-checks against the declarations the package ships', async () => {
    await typeChecked;
  });

  it('prints what the page shows', async () => {
    expect((await script).stdout).toBe(docBlocks(markdown, 'output').get('race.ts'));
  });

  it('gives the same numbers through the command line', async () => {
    await command;
    const lines = readFileSync(join(example, 'runs.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const rows = ['dim  racer    optimum  mean evaluations'];
    for (const dim of [2, 8]) {
      for (const label of ['my ES', 'cma-es']) {
        const runs = lines.filter((l) => l.params['landscape.dim'] === dim && l.label === label);
        const reached = runs.filter((l) => l.endedAt === 'optimum').length;
        const mean = runs.reduce((sum, l) => sum + l.evaluations, 0) / runs.length;
        rows.push(`${String(dim).padEnd(4)} ${label.padEnd(8)} ${`${reached}/${runs.length}`.padEnd(8)} ${mean}`);
      }
    }
    expect(`${rows.join('\n')}\n`).toBe((await script).stdout);
  });
});

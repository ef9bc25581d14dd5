/**
 * The import rules of ARCHITECTURE.md, checked on the source tree: src/core is pure (it imports only itself and
 * the pure libraries seedrandom and zod); src/render never imports optimizers or landscapes; only src/cli touches
 * the file system; only workers/ and src/app know about comlink; nothing draws from Math.random or evaluates text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  const full = join(root, dir);
  let entries: string[];
  try {
    entries = readdirSync(full);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(full, name);
    if (statSync(path).isDirectory()) return sourceFiles(relative(root, path));
    return /\.(ts|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [relative(root, path)] : [];
  });
}

/** Module specifiers imported by a file (static imports, re-exports and dynamic imports with literals). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specifiers: string[] = [];
  for (const match of text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g)) {
    specifiers.push(match[1] ?? match[2] ?? match[3]);
  }
  return specifiers;
}

function resolvesInside(file: string, specifier: string, dir: string): boolean {
  if (!specifier.startsWith('.')) return false;
  const target = relative(root, resolve(dirname(join(root, file)), specifier));
  return target === dir || target.startsWith(`${dir}/`);
}

const allSources = ['src', 'workers', 'bench', 'bin'].flatMap(sourceFiles);

describe('architecture', () => {
  it('finds the sources it checks', () => {
    expect(sourceFiles('src/core').length).toBeGreaterThan(20);
  });

  it('keeps src/core pure: only core itself, seedrandom and zod', () => {
    const offenders = sourceFiles('src/core').flatMap((file) =>
      importsOf(file)
        .filter((s) => !(resolvesInside(file, s, 'src/core') || s === 'seedrandom' || s === 'zod'))
        .map((s) => `${file} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps the DOM out of src/core', () => {
    const offenders = sourceFiles('src/core').filter((file) => /\b(document|window|navigator|localStorage)\./.test(readFileSync(join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('keeps src/render away from optimizers and landscapes', () => {
    const offenders = sourceFiles('src/render').flatMap((file) =>
      importsOf(file)
        .filter((s) => resolvesInside(file, s, 'src/core/optimizers') || resolvesInside(file, s, 'src/core/landscapes'))
        .map((s) => `${file} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('lets src/render know the worker only through its protocol', () => {
    const offenders = sourceFiles('src/render').flatMap((file) =>
      importsOf(file)
        .filter((s) => resolvesInside(file, s, 'workers') && relative(root, resolve(dirname(join(root, file)), s)) !== 'workers/protocol.ts')
        .map((s) => `${file} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('lets only src/cli touch the file system', () => {
    const offenders = allSources
      .filter((file) => !file.startsWith('src/cli/') && !file.startsWith('bench/') && !file.startsWith('bin/'))
      .flatMap((file) => importsOf(file).filter((s) => /^(node:)?fs(\/promises)?$/.test(s)).map((s) => `${file} imports ${s}`));
    expect(offenders).toEqual([]);
  });

  it('lets only workers/ and src/app know about comlink', () => {
    const offenders = allSources
      .filter((file) => !file.startsWith('workers/') && !file.startsWith('src/app/'))
      .flatMap((file) => importsOf(file).filter((s) => s.startsWith('comlink')).map((s) => `${file} imports ${s}`));
    expect(offenders).toEqual([]);
  });

  it('never draws from Math.random or evaluates text as code', () => {
    const offenders = allSources.filter((file) => /Math\.random\(|\beval\(|new Function\(/.test(readFileSync(join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

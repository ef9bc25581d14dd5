/**
 * The `modules:` of a scenario file: a researcher's own optimizers and landscapes, imported from files beside the
 * scenario (paths relative to it) and registered before the scenario is validated, so their ids are valid words in
 * it. Only the command line does this; the page refuses such scenarios (parse.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { registerModule, type Registered } from '../core/user-module.ts';
import { formatPath, ScenarioError } from '../scenario/issues.ts';
import { locate } from '../scenario/locate.ts';
import { UsageError } from './usage.ts';

/** The module files a scenario text names, as written; anything malformed is left to the scenario's own validation. */
function namedModules(text: string): string[] {
  try {
    const modules = (parseDocument(text).toJS({ maxAliasCount: 100 }) as { modules?: unknown } | null)?.modules;
    return Array.isArray(modules) && modules.every((m) => typeof m === 'string' && m.length) ? (modules as string[]) : [];
  } catch {
    return [];
  }
}

/** The file URLs of the modules a scenario names (for worker threads, which register them again). */
export function moduleUrls(modules: readonly string[] | undefined, scenarioFile: string): string[] {
  return (modules ?? []).map((name) => pathToFileURL(resolve(dirname(scenarioFile), name)).href);
}

/**
 * Imports and registers every module the scenario text names. A module that is missing, fails to load or exports
 * something that is not a definition is a ScenarioError at its line of `modules:`.
 */
export async function loadScenarioModules(text: string, scenarioFile: string): Promise<void> {
  const modules = namedModules(text);
  const urls = moduleUrls(modules, scenarioFile);
  for (const [index, name] of modules.entries()) {
    const url = urls[index];
    const fail = (message: string): never => {
      const lineCounter = new LineCounter();
      const path = ['modules', index];
      const { line, column } = locate(parseDocument(text, { lineCounter }), lineCounter, path);
      throw new ScenarioError([{ file: scenarioFile, line, column, path: formatPath(path), message }]);
    };
    if (!existsSync(new URL(url))) fail(`no such file: ${resolve(dirname(scenarioFile), name)} (module paths are relative to the scenario file)`);
    let exports: unknown;
    try {
      exports = await import(url);
    } catch (error) {
      fail(`cannot load ${name}: ${(error as Error).message.split('\n')[0]}`);
    }
    try {
      registerModule(exports, name);
    } catch (error) {
      fail((error as Error).message);
    }
  }
}

/**
 * Imports and registers module files named on the command line (`--module FILE`, relative to the working
 * directory); a missing file or one that does not load or register is a UsageError naming it.
 */
export async function loadModuleFiles(files: readonly string[]): Promise<Registered[]> {
  const registered: Registered[] = [];
  for (const file of files) {
    const url = pathToFileURL(resolve(file));
    if (!existsSync(url)) throw new UsageError(`--module ${file}: no such file`);
    let exports: unknown;
    try {
      exports = await import(url.href);
    } catch (error) {
      throw new UsageError(`--module ${file}: cannot load it: ${(error as Error).message.split('\n')[0]}`);
    }
    try {
      registered.push(registerModule(exports, file));
    } catch (error) {
      throw new UsageError(`--module ${(error as Error).message}`);
    }
  }
  return registered;
}

/**
 * SHA-256 of each module file a scenario names (paths relative to it), for the scenario fingerprint: results of
 * changed module code are results of another run, which resume and merge must not join to the old ones. Only the
 * named files are read; code they import is not covered.
 */
export function moduleDigests(modules: readonly string[] | undefined, scenarioFile: string): string[] {
  return (modules ?? []).map((name) => createHash('sha256').update(readFileSync(resolve(dirname(scenarioFile), name))).digest('hex'));
}

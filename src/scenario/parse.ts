/**
 * Scenario files (YAML or JSON) to validated scenarios. Every problem is reported with file, line, column and
 * field path; several problems are reported together. Nothing here throws anything but a `ScenarioError`.
 */
import { isCollection, isNode, isPair, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { z } from 'zod';
import { landscapeDef } from '../core/landscapes/registry.ts';
import { preset, presets } from '../core/optimizers/registry.ts';
import { checkLandscape, checkMap, checkOptimizer } from '../core/run/instance.ts';
import { DEFAULT_MEMORY_LIMIT, formatBytes, formatCount, MAX_CELLS, MAX_DEPTH, MAX_REPLICATES, MAX_RESULT_LINES, MAX_SCENARIO_BYTES, MAX_YAML_ALIASES } from '../core/run/limits.ts';
import { landscapeSpec } from './cells.ts';
import { describeValue, didYouMean, formatPath, ScenarioError, type ScenarioIssue } from './issues.ts';
import { attachFiles, besideScenario, type FileReader } from './attached-files.ts';
import { lessonIssues } from './lesson-check.ts';
import { locate } from './locate.ts';
import { translateIssues, type RawIssue } from './messages.ts';
import { migrate } from './migrate.ts';
import { deriveDim, scenarioSchema, type Scenario } from './schema.ts';
import { cellCount, cellPicks, cellValues, clone, resolveSweepPath, setPath, SWEEPABLE_ROOTS } from './sweep.ts';

export interface ParseOptions {
  /** Memory one run may allocate (default 2 GiB); larger dimensions or populations are refused. */
  memoryLimit?: number;
  /**
   * The command line, which has imported the scenario's `modules` (registering their ids) before parsing. Anywhere
   * else (the page, a share link) a scenario naming modules is refused: they are files on someone's machine, and
   * running code named by a link is not something a page may do.
   */
  modulesLoaded?: boolean;
  /**
   * Reads the files the scenario names beside itself (a data set's CSV, a saved network; attached-files.ts). The
   * command line reads the disk, the page the files opened with the scenario; without it they stay unread and the
   * landscape's check says the scenario needs them.
   */
  readFile?: FileReader;
  /** Told what was accepted with a remark (a data file's byte-order mark, dropped). */
  onNote?: (note: string) => void;
}

/** Parses and validates scenario text; `file` names it in messages. Throws `ScenarioError` listing every problem. */
export function parseScenario(text: string, file = 'scenario.yaml', options: ParseOptions = {}): Scenario {
  // Parsing costs hundreds of bytes per byte of input: refuse a huge text before the parser sees it.
  if (text.length > MAX_SCENARIO_BYTES) {
    throw new ScenarioError([{ file, line: 1, column: 1, path: '', message: `the file has ${formatCount(text.length)} characters; a scenario may have at most ${formatBytes(MAX_SCENARIO_BYTES)}` }]);
  }
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  } catch (error) {
    throw new ScenarioError([{ file, line: 1, column: 1, path: '', message: `cannot read the file: ${(error as Error).message}` }]);
  }
  const issues: ScenarioIssue[] = [];
  const report = (raw: RawIssue) => {
    if (raw.at) {
      issues.push({ file: besideScenario(file, raw.at.file), line: raw.at.line, column: raw.at.column, path: '', message: raw.message });
      return;
    }
    const { line, column } = locate(doc, lineCounter, raw.path, raw.atKey);
    issues.push({ file, line, column, path: formatPath(raw.path), message: raw.message });
  };
  if (doc.errors.length) {
    for (const error of doc.errors) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      issues.push({ file, line, column: col, path: '', message: `not valid YAML: ${error.message.split('\n')[0]}` });
    }
    throw new ScenarioError(issues);
  }
  for (const { pos, message } of yamlProblems(doc)) {
    const { line, col } = lineCounter.linePos(pos);
    issues.push({ file, line, column: col, path: '', message });
  }
  if (issues.length) throw new ScenarioError(issues);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    throw new ScenarioError([{ file, line: 1, column: 1, path: '', message: `cannot read the file: ${(error as Error).message}` }]);
  }
  const shapeProblem = checkShape(data);
  if (shapeProblem) {
    report(shapeProblem);
    throw new ScenarioError(issues);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    report({ path: [], message: `a scenario is a mapping of fields (schemaVersion, title, landscape, optimizers, budget…), got ${describeValue(data)}` });
    throw new ScenarioError(issues);
  }
  const root = data as Record<string, unknown>;
  const versionProblem = migrate(root);
  if (versionProblem) {
    report({ path: root.schemaVersion === undefined ? [] : ['schemaVersion'], message: versionProblem });
    throw new ScenarioError(issues);
  }
  if (root.modules !== undefined && !options.modulesLoaded) {
    report({
      path: ['modules'],
      message: 'this scenario races code of its own (modules: files on the machine it was written on), which only the command line can load: run it with `hyperclimb run`; the page never runs code named by a file or link',
    });
    throw new ScenarioError(issues);
  }
  applyPresets(root, report);
  attachFiles(root, file, options.readFile, report, options.onNote);
  if (issues.length) throw new ScenarioError(issues);

  const sweep = root.sweep;
  // The sweep's own shape first: a list too long would otherwise be reported once per cell, after every cell ran.
  // (An empty list has its own message below.)
  const sweepShape = scenarioSchema().shape.sweep.safeParse(sweep, { reportInput: true });
  const shapeIssues = sweepShape.success ? [] : sweepShape.error.issues.filter((issue) => issue.code !== 'too_small');
  if (shapeIssues.length) {
    for (const raw of translateIssues(shapeIssues, sweep, scenarioSchema().shape.sweep as unknown as z.ZodType)) report({ ...raw, path: ['sweep', ...raw.path] });
    throw new ScenarioError(issues);
  }
  const sweepPaths = new Map<string, (string | number)[]>();
  if (sweep && typeof sweep === 'object' && !Array.isArray(sweep)) {
    for (const [key, values] of Object.entries(sweep)) {
      try {
        sweepPaths.set(key, resolveSweepPath(key, root));
      } catch (error) {
        report({ path: ['sweep', key], atKey: true, message: (error as Error).message });
      }
      if (!Array.isArray(values)) report({ path: ['sweep', key], message: `expected a list of values, got ${describeValue(values)}` });
      else if (values.length === 0) report({ path: ['sweep', key], message: 'an empty list: a sweep key needs at least one value (a sweep of no values has no cells to run)' });
    }
    if (issues.length) throw new ScenarioError(issues);
  }
  const sweepValues = sweepPaths.size ? (sweep as Record<string, (string | number | boolean)[]>) : undefined;
  const cells = cellCount(sweepValues);
  if (cells > MAX_CELLS) {
    report({ path: ['sweep'], message: `the sweep has ${cells} cells; at most ${MAX_CELLS} are allowed` });
    throw new ScenarioError(issues);
  }
  const lines = resultLineCount(root, cells);
  if (lines > MAX_RESULT_LINES) {
    report({ path: root.replicates === undefined ? ['sweep'] : ['replicates'], message: tooManyLines(cells, root.replicates, root.optimizers, lines) });
    throw new ScenarioError(issues);
  }

  const seen = new Set<string>();
  let first: Scenario | undefined;
  let firstData: Record<string, unknown> | undefined;
  for (let cell = 0; cell < cells; cell++) {
    const cellData = clone(root);
    const params = cellValues(sweepValues, cell);
    for (const [key, value] of Object.entries(params)) setPath(cellData, sweepPaths.get(key)!, value);
    const cellIssues = validateCell(cellData, options);
    const picks = sweepValues ? cellPicks(sweepValues, cell) : [];
    for (const raw of cellIssues) {
      const swept = [...sweepPaths.entries()].findIndex(([, path]) => startsWith(raw.path, path));
      let located: RawIssue = raw;
      if (swept >= 0) {
        const key = [...sweepPaths.keys()][swept];
        located = raw.atKey
          ? { path: ['sweep', key], atKey: true, message: `the sweep names ${raw.message}` }
          : { path: ['sweep', key, picks[swept]], message: `${formatPath(raw.path)} = ${describeValue(params[key])}: ${raw.message}` };
      } else if (sweepValues && SWEEPABLE_ROOTS.includes(raw.path[0] as (typeof SWEEPABLE_ROOTS)[number])) {
        // Only fields a sweep can vary differ between cells; a title or lesson problem is the same in all of them.
        located = { ...raw, message: `${raw.message} (in the sweep cell ${describeCell(params)})` };
      }
      const signature = `${formatPath(located.path)}|${located.message}`;
      if (seen.has(signature)) continue;
      seen.add(signature);
      report(located);
    }
    if (cell === 0 && !cellIssues.length) {
      first = parsed(cellData);
      firstData = cellData;
    }
    if (issues.length >= 50) break;
  }
  if (!issues.length && firstData) {
    for (const raw of lessonIssues(root, firstData, cells, [...sweepPaths.values()], (data) => validateCell(data, options))) report(raw);
  }
  if (issues.length || !first) throw new ScenarioError(sortIssues(issues));
  return first;
}

/** The YAML core schema's tags; any other tag (`!foo`, `!!binary`, `!!set`) is a typo or a construct no field takes. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((name) => `tag:yaml.org,2002:${name}`));

/** Explicit tags the scenario format does not know, values the yaml library could not read under their tag, and keys that are not text. */
function yamlProblems(doc: Document): { pos: number; message: string }[] {
  const shortTag = (tag: string) => tag.replace('tag:yaml.org,2002:', '!!');
  const problems: { pos: number; message: string }[] = [];
  visit(doc, (_key, node) => {
    // A list or mapping as a key (`? [a, b]`) has no field name; the yaml library would stringify it with a warning.
    if (isPair(node) && isCollection(node.key)) {
      problems.push({ pos: node.key.range?.[0] ?? 0, message: 'a key here is a list or mapping; field names are plain text' });
      return;
    }
    if (!isNode(node) || !node.tag || CORE_TAGS.has(node.tag)) return;
    problems.push({ pos: node.range?.[0] ?? 0, message: `unknown YAML tag ${shortTag(node.tag)}: scenario values are plain text, numbers, true/false, lists and mappings` });
  });
  for (const warning of doc.warnings) {
    const coreTag = [...CORE_TAGS].find((tag) => warning.message.endsWith(` ${tag}`));
    // An unknown tag is reported above at its value; a core tag that failed (`!!float yes`) is reported here.
    if (warning.code === 'TAG_RESOLVE_FAILED' && !coreTag) continue;
    problems.push({ pos: warning.pos[0], message: coreTag ? `this value cannot be read as ${shortTag(coreTag)}` : `not valid here: ${warning.message.split('\n')[0]}` });
  }
  return problems.sort((a, b) => a.pos - b.pos);
}

/** Result lines a scenario plans (cells × replicates × racers), from its raw data; 0 while `replicates` is itself invalid. */
function resultLineCount(root: Record<string, unknown>, cells: number): number {
  const replicates = root.replicates === undefined ? 1 : root.replicates;
  // A replicates field the schema refuses anyway (text, 2.5, 1e308) gets the schema's message, not this one.
  if (!(Number.isSafeInteger(replicates) && (replicates as number) >= 1 && (replicates as number) <= MAX_REPLICATES)) return 0;
  const racers = Array.isArray(root.optimizers) ? root.optimizers.length : 1;
  return cells * (replicates as number) * racers;
}

/** The refusal of a run with too many result lines: the estimate, the limit and how the estimate came about. */
export function tooManyLines(cells: number, replicates: unknown, optimizers: unknown, lines: number): string {
  const racers = Array.isArray(optimizers) ? optimizers.length : 1;
  return `${formatCount(cells)} cell${cells === 1 ? '' : 's'} × ${formatCount(Number(replicates ?? 1))} replicates × ${racers} racer${racers === 1 ? '' : 's'} = ${formatCount(lines)} result lines; a run may have at most ${formatCount(MAX_RESULT_LINES)}: fewer replicates or a smaller sweep, or split the sweep into several scenario files`;
}

/** Self-referencing anchors and absurd nesting, which no scenario needs and which would make validation recurse forever. */
function checkShape(data: unknown): RawIssue | undefined {
  const open = new Set<unknown>();
  const visit = (value: unknown, path: PropertyKey[]): RawIssue | undefined => {
    if (value === null || typeof value !== 'object') return undefined;
    if (open.has(value)) return { path, message: 'this value contains itself (a YAML alias inside its own anchor); write it out instead' };
    if (path.length > MAX_DEPTH) return { path: path.slice(0, 3), message: `nested more than ${MAX_DEPTH} levels deep` };
    open.add(value);
    for (const [key, child] of Object.entries(value)) {
      const problem = visit(child, [...path, Array.isArray(value) ? Number(key) : key]);
      if (problem) return problem;
    }
    open.delete(value);
    return undefined;
  };
  return visit(data, []);
}

function startsWith(path: readonly PropertyKey[], prefix: readonly PropertyKey[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => segment === path[i]);
}

function describeCell(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([key, value]) => `${key} = ${describeValue(value)}`)
    .join(', ');
}

function sortIssues(issues: ScenarioIssue[]): ScenarioIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Merges named presets into optimizer entries (fields in the file win) and fills `id` from the preset. */
function applyPresets(root: Record<string, unknown>, report: (issue: RawIssue) => void): void {
  if (!Array.isArray(root.optimizers)) return;
  root.optimizers.forEach((entry: unknown, index: number) => {
    if (!entry || typeof entry !== 'object' || !('preset' in entry)) return;
    const record = entry as Record<string, unknown>;
    const name = record.preset;
    const found = typeof name === 'string' ? preset(name) : undefined;
    if (!found) {
      const names = presets.map((p) => p.name);
      const hint = typeof name === 'string' ? didYouMean(name, names) : '';
      report({ path: ['optimizers', index, 'preset'], message: `unknown preset ${describeValue(name)}${hint}; presets: ${names.join(', ')}` });
      return;
    }
    if (record.id !== undefined && record.id !== found.optimizer) {
      report({ path: ['optimizers', index, 'id'], message: `preset ${found.name} is for ${found.optimizer}, not ${describeValue(record.id)}` });
      return;
    }
    root.optimizers = (root.optimizers as unknown[]).map((e, i) => (i === index ? { ...found.params, ...record, id: found.optimizer } : e));
  });
}

/** Schema and cross-field problems of one cell's data (sweep applied). */
function validateCell(data: Record<string, unknown>, options: ParseOptions): RawIssue[] {
  const result = scenarioSchema().safeParse(data, { reportInput: true });
  if (!result.success) {
    return translateIssues(result.error.issues, data, scenarioSchema() as unknown as z.ZodType);
  }
  const scenario = parsed(data);
  const raw: RawIssue[] = [];
  const memoryLimit = options.memoryLimit ?? DEFAULT_MEMORY_LIMIT;
  const landscape = landscapeSpec(scenario);
  const { id, map } = landscape;
  for (const problem of checkLandscape(landscape, memoryLimit)) raw.push({ path: ['landscape', ...problem.path], message: problem.message, ...(problem.at && { at: problem.at }) });
  if (id === 'mlp' && landscape.params.start !== undefined && map) {
    raw.push({ path: ['landscape', 'start'], message: `a saved network starts the weights themselves; through the map ${map.id} the genotype is not the weights: leave out the map or the start` });
  }
  for (const problem of checkMap(landscape, memoryLimit)) raw.push({ path: ['map', ...problem.path], message: problem.message });
  if (scenario.measure && (scenario.measure.sharpnessEvery !== undefined || scenario.measure.hessianIndex || scenario.measure.weightChange || scenario.measure.flops) && landscapeDef(id)?.space !== 'continuous') {
    raw.push({ path: ['measure'], message: `sharpness, the Hessian index and the weight change are measures of continuous landscapes, as are flops; ${id} is discrete` });
  }
  if (scenario.measure?.units && (id !== 'mlp' || map)) {
    raw.push({ path: ['measure', 'units'], message: `unit diagnostics read the weights of an mlp network; ${map ? `through the map ${map.id} the genotype is not the weights` : `${id} is not a network`}` });
  }
  if (raw.length) return raw;
  const labels = new Map<string, number>();
  scenario.optimizers.forEach((racer, index) => {
    const { id: optimizerId, label, preset: _preset, ...params } = racer;
    const earlier = labels.get(label);
    if (earlier !== undefined) {
      raw.push({
        path: ['optimizers', index, ...(data.optimizers as Record<string, unknown>[])[index].label !== undefined ? ['label'] : []],
        message: `racers ${earlier} and ${index} are both labelled '${label}'; give each racer its own label`,
      });
    }
    labels.set(label, index);
    for (const problem of checkOptimizer(landscape, { id: optimizerId, label, params }, memoryLimit)) {
      raw.push({ path: ['optimizers', index, ...problem.path], message: problem.message });
    }
  });
  return raw;
}

/** The validated scenario of schema-valid data, with every racer labelled. */
function parsed(data: Record<string, unknown>): Scenario {
  const scenario = scenarioSchema().parse(data) as unknown as Scenario;
  deriveDim(scenario.landscape);
  scenario.optimizers = scenario.optimizers.map((racer) => ({ ...racer, label: racer.label ?? racer.preset ?? racer.id }));
  return scenario;
}

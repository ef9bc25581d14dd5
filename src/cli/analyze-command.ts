/**
 * `hyperclimb analyze`: measures of dead ends (local optima, accessibility, walk lengths, where gradient descent
 * stops) over M instances of one landscape, written as in a scenario's `landscape:` and `map:`. The flags are
 * validated with the scenario's own schema and checks, so a problem names the field as a scenario file would.
 * The numbers come from `src/core/metrics/landscape-analysis.ts` (docs/analysis.md).
 */
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { landscapeDef } from '../core/landscapes/registry.ts';
import {
  analyze,
  combineAnalysis,
  measureDef,
  measureIds,
  measureProblems,
  measuresFor,
  DEFAULT_STARTS,
  type AnalysisOptions,
  type AnalysisResult,
  type MeasureId,
} from '../core/metrics/landscape-analysis.ts';
import { checkLandscape, checkMap, createLandscape, problemOf } from '../core/run/instance.ts';
import { formatCount, MAX_YAML_ALIASES } from '../core/run/limits.ts';
import { analysisCost } from '../core/metrics/analysis-cost.ts';
import { GRADIENT_DEFAULTS } from '../core/metrics/gradient-endpoints.ts';
import type { LandscapeSpec } from '../core/run/spec.ts';
import type { BoundPolicy } from '../core/landscapes/bounds.ts';
import { describeValue, didYouMean, formatPath } from '../scenario/issues.ts';
import { translateIssues, type RawIssue } from '../scenario/messages.ts';
import { deriveDim, scenarioSchema } from '../scenario/schema.ts';
import { InputError, reportingInputErrors } from './input-error.ts';
import { Progress } from './progress.ts';
import { parseSeed } from './run-command.ts';
import { UsageError } from './usage.ts';
import { workersFromFlag } from './whole-number-flags.ts';
import { createPool } from '../../workers/node-pool.ts';

export const ANALYZE_USAGE = `  hyperclimb analyze --landscape '{id: nk, dim: 12, k: 2}' [--map '{id: duplicate, copies: 2}'] [--instances M]
                     [--seed S] [--measures LIST] [--starts S] [--learning-rate η] [--steps T] [--workers W] [--json]
      Measures of dead ends over M landscape instances (default 100; instance r is the race's instance of
      replicate r under seed S, default 1): the mean over instances and its standard error. --landscape and --map
      are YAML flow mappings written as a scenario's landscape: and map:. --measures is a comma-separated list
      (default: every measure of the landscape's space); exact by enumeration up to 2^20 genotypes, otherwise
      estimated from --starts sampled genotypes, walks or gradient runs per instance (default ${DEFAULT_STARTS.discrete} discrete,
      ${DEFAULT_STARTS.continuous} continuous). Gradient runs take steps of --learning-rate (default ${GRADIENT_DEFAULTS.learningRate}) for at
      most --steps steps (default ${GRADIENT_DEFAULTS.steps}). --workers W splits the instances over W worker threads
      (default 1; the numbers do not depend on W). Measures: ${measureIds.join(', ')}.`;

interface Streams {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/** The part of the scenario schema that --landscape and --map fill. */
function flagsSchema() {
  const { landscape, map } = scenarioSchema().shape;
  return z.strictObject({ landscape, map });
}

const FLAG_OF: Record<string, string> = { landscape: '--landscape', map: '--map' };

function issueText(raw: RawIssue): string {
  const [field, ...rest] = raw.path;
  const flag = FLAG_OF[String(field)] ?? formatPath(raw.path);
  const where = formatPath(rest);
  return `${flag}: ${where ? `${where}: ` : ''}${raw.message}`;
}

/** A YAML flow mapping (or any YAML mapping) from a flag. */
function readMapping(text: string, flag: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = parseYaml(text, { uniqueKeys: true, prettyErrors: false, maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    throw new InputError(`${flag}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(`${flag}: expected a mapping of fields like '{id: nk, dim: 12, k: 2}', got ${describeValue(value)}`);
  }
  return value as Record<string, unknown>;
}

/** The landscape spec of --landscape and --map, validated as a scenario's landscape and map are. */
export function landscapeFromFlags(landscapeText: string, mapText?: string): LandscapeSpec {
  const data: Record<string, unknown> = { landscape: readMapping(landscapeText, '--landscape') };
  if (mapText !== undefined) data.map = readMapping(mapText, '--map');
  const schema = flagsSchema();
  const result = schema.safeParse(data, { reportInput: true });
  if (!result.success) {
    const issues = translateIssues(result.error.issues, data, schema as unknown as z.ZodType);
    throw new InputError(issues.map(issueText).join('\n'));
  }
  deriveDim(result.data.landscape as Record<string, unknown>);
  const { id, dim, bounds, ...params } = result.data.landscape as { id: string; dim: number; bounds?: BoundPolicy; [field: string]: unknown };
  const mapData = result.data.map as { id: string; [field: string]: unknown } | undefined;
  const map = mapData && mapData.id !== 'identity' ? (({ id: mapId, ...mapParams }) => ({ id: mapId, params: mapParams }))(mapData) : undefined;
  const spec: LandscapeSpec = { id, dim, params, ...(map && { map }), ...(bounds !== undefined && { bounds }) };
  const problems = [
    ...checkLandscape(spec).map((p) => ({ path: ['landscape', ...p.path], message: p.message })),
    ...checkMap(spec).map((p) => ({ path: ['map', ...p.path], message: p.message })),
  ];
  if (problems.length) throw new InputError(problems.map(issueText).join('\n'));
  return spec;
}

/** The measures of --measures (comma-separated), checked against the registry and the landscape's space. */
export function measuresFromFlag(text: string | undefined, spec: LandscapeSpec): MeasureId[] {
  const space = problemOf(spec).space;
  if (text === undefined) return measuresFor(space);
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!names.length) throw new UsageError('--measures needs at least one measure name');
  const out: MeasureId[] = [];
  for (const name of names) {
    const def = measureDef(name);
    if (!def) throw new InputError(`--measures: unknown measure '${name}'${didYouMean(name, measureIds)}; measures: ${measureIds.join(', ')}`);
    if (def.space !== space) {
      throw new InputError(
        `--measures: ${name} is a measure of ${def.space} landscapes, and ${spec.id} is ${space}; measures of ${space} landscapes: ${measuresFor(space).join(', ')}`,
      );
    }
    if (!out.includes(def.id as MeasureId)) out.push(def.id as MeasureId);
  }
  return out;
}

function positiveNumber(text: string, flag: string): number {
  const value = Number(text);
  if (!(text.trim() !== '' && Number.isFinite(value) && value > 0)) throw new UsageError(`${flag} needs a positive number, got '${text}'`);
  return value;
}

function wholeNumber(text: string | undefined, flag: string, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) throw new UsageError(`${flag} needs a whole number from 1 to ${max}, got '${text}'`);
  return Number(text);
}

export async function analyzeFromArgs(args: string[], streams: Streams): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      landscape: { type: 'string' },
      map: { type: 'string' },
      instances: { type: 'string' },
      seed: { type: 'string' },
      measures: { type: 'string' },
      starts: { type: 'string' },
      'learning-rate': { type: 'string' },
      steps: { type: 'string' },
      workers: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length) throw new UsageError(`analyze takes no file (got '${positionals[0]}'); name the landscape with --landscape '{id: …, dim: …}'`);
  if (values.landscape === undefined) throw new UsageError("analyze needs --landscape, e.g. --landscape '{id: house-of-cards, dim: 10}'");
  const instances = wholeNumber(values.instances, '--instances', 100, 10_000_000);
  const starts = values.starts === undefined ? undefined : wholeNumber(values.starts, '--starts', 0, 100_000_000);
  const seed = values.seed === undefined ? 1 : parseSeed(values.seed);
  const gradient = {
    ...(values['learning-rate'] !== undefined && { learningRate: positiveNumber(values['learning-rate'], '--learning-rate') }),
    ...(values.steps !== undefined && { steps: wholeNumber(values.steps, '--steps', 0, 1_000_000_000) }),
  };
  const workers = workersFromFlag(values.workers) ?? 1;
  return reportingInputErrors(streams.stderr, async () => {
    const spec = landscapeFromFlags(values.landscape!, values.map);
    let measures = measuresFromFlag(values.measures, spec);
    const problems = measureProblems(createLandscape(spec, seed, 0), measures);
    if (problems.size && values.measures !== undefined) {
      throw new InputError([...problems].map(([id, why]) => `--measures: ${id} cannot be computed here: ${why}`).join('\n'));
    }
    // Without --measures: every measure that can be computed, and a word on stderr about the others.
    for (const [id, why] of problems) streams.stderr.write(`hyperclimb: leaving out ${id}: ${why}\n`);
    measures = measures.filter((id) => !problems.has(id));
    const first = createLandscape(spec, seed, 0);
    const cost = analysisCost(first, measures, starts ?? DEFAULT_STARTS[first.space], gradient);
    streams.stderr.write(
      `analyze: ${formatCount(instances)} instance${instances === 1 ? '' : 's'} × ${cost.method}: up to ${formatCount(instances * cost.perInstance)} evaluations\n`,
    );
    const started = Date.now();
    const logged = new Progress(streams.stderr, instances, 'instances', 'lines');
    let progress = new Progress(streams.stderr, instances, 'instances');
    let timed = false;
    const onInstance = (done: number) => {
      // The first instances timed are the honest rate for the rest (the cost model above is only an order of
      // magnitude; on workers, as many ranges run at once as there are workers). A run that will take long also
      // reports each tenth when stderr is a log file, not a terminal.
      if (!timed && done < instances) {
        timed = true;
        const seconds = (Date.now() - started) / 1000;
        const total = (seconds * instances) / (done * Math.min(workers, instances));
        if (total >= LONG_SECONDS) {
          const first = done === 1 ? 'the first instance' : `the first ${done} instances`;
          streams.stderr.write(`analyze: ${first} took ${seconds.toFixed(1)} s; all ${formatCount(instances)} will take about ${duration(total)}\n`);
          progress = logged;
        }
      }
      progress.update(done);
    };
    const result =
      workers > 1
        ? await analyzeOnWorkers(spec, seed, { instances, measures, starts, gradient }, workers, onInstance)
        : analyze(spec, seed, { instances, measures, starts, gradient, onInstance });
    progress.finish();
    streams.stdout.write(values.json ? `${JSON.stringify(result)}\n` : table(result, spec, seed));
    return 0;
  });
}

/**
 * `analyze` split into consecutive ranges of instances on a pool of workers, combined in instance order: the same
 * numbers as in one process (combineAnalysis). `onInstance` hears the number of instances done, range by range.
 */
async function analyzeOnWorkers(
  spec: LandscapeSpec,
  seed: string | number,
  options: Omit<AnalysisOptions, 'onInstance'>,
  workers: number,
  onInstance: (done: number) => void,
): Promise<AnalysisResult> {
  // At least four ranges per worker keep every worker busy to the end when instances differ in cost; at most four
  // instances per range let the first timing (and progress) come early. A range starts without knowing which searches
  // earlier ranges gave up on, so more ranges may retry more of them: the time, never the numbers, depends on it.
  const count = Math.min(options.instances, Math.max(4 * workers, Math.ceil(options.instances / 4)));
  const bounds = Array.from({ length: count + 1 }, (_, i) => Math.round((i * options.instances) / count));
  const pool = createPool(Math.min(workers, count));
  let done = 0;
  try {
    const { onInstance: _none, ...rangeOptions } = options as AnalysisOptions;
    const { instances: _instances, ...perRange } = rangeOptions;
    const ranges = await Promise.all(
      bounds.slice(0, -1).map((from, i) =>
        pool.analyzeRange(spec, seed, from, bounds[i + 1], perRange).then((range) => {
          done += bounds[i + 1] - from;
          onInstance(done);
          return range;
        }),
      ),
    );
    return combineAnalysis(ranges, options);
  } finally {
    await pool.close();
  }
}

/** Expected seconds from which analyze says how long it will take and reports progress in a log. */
const LONG_SECONDS = 10;

/** A duration for people: 40 s, 5.2 min, 3.1 h. */
function duration(seconds: number): string {
  if (seconds < 90) return `${seconds.toFixed(0)} s`;
  if (seconds < 5400) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

function describeSpec(spec: LandscapeSpec): string {
  const fields = (record: Record<string, unknown> | undefined) =>
    Object.entries(record ?? {})
      .map(([k, v]) => `, ${k}: ${String(v)}`)
      .join('');
  const landscape = `{id: ${spec.id}, dim: ${spec.dim}${fields(spec.params)}}`;
  return spec.map ? `${landscape} through map {id: ${spec.map.id}${fields(spec.map.params)}}` : landscape;
}

function number(value: number | null): string {
  if (value === null) return '—';
  if (value === 0) return '0';
  const a = Math.abs(value);
  return a >= 1e6 || a < 1e-4 ? value.toExponential(4) : value.toPrecision(6).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/** A readable table of the result. */
export function table(result: AnalysisResult, spec: LandscapeSpec, seed: string | number): string {
  const rows = Object.entries(result.measures).map(([id, m]) => [
    id,
    number(m.mean),
    m.se === null ? '—' : `± ${number(m.se)}`,
    m.exact ? 'exact' : `sampled (${m.starts} per instance)`,
  ]);
  const header = ['measure', 'mean', 'standard error', 'per instance'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 1 || c === 2 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  const space = landscapeDef(spec.id)?.space ?? '';
  const out = [`${describeSpec(spec)} (${space}), ${result.instances} instance${result.instances === 1 ? '' : 's'}, seed ${seed}`, '', line(header), ...rows.map(line)];
  const notes = Object.entries(result.measures).filter(([, m]) => m.note);
  if (notes.length) out.push('', ...notes.map(([id, m]) => `${id}: ${m.note}`));
  const described = Object.keys(result.measures).map((id) => `  ${id}: ${measureDef(id)?.summary ?? ''}`);
  out.push('', ...described);
  return `${out.join('\n')}\n`;
}

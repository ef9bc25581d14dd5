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
  measureDef,
  measureIds,
  measureProblems,
  measuresFor,
  DEFAULT_STARTS,
  type AnalysisResult,
  type MeasureId,
} from '../core/metrics/landscape-analysis.ts';
import { checkLandscape, checkMap, createLandscape, problemOf } from '../core/run/instance.ts';
import { GRADIENT_DEFAULTS } from '../core/metrics/gradient-endpoints.ts';
import type { LandscapeSpec } from '../core/run/spec.ts';
import { describeValue, didYouMean, formatPath } from '../scenario/issues.ts';
import { translate, type RawIssue } from '../scenario/messages.ts';
import { deriveDim, scenarioSchema } from '../scenario/schema.ts';
import { InputError, reportingInputErrors } from './input-error.ts';
import { Progress } from './progress.ts';
import { parseSeed } from './run-command.ts';
import { UsageError } from './usage.ts';

export const ANALYZE_USAGE = `  hyperclimb analyze --landscape '{id: nk, dim: 12, k: 2}' [--map '{id: duplicate, copies: 2}'] [--instances M]
                     [--seed S] [--measures LIST] [--starts S] [--learning-rate η] [--steps T] [--json]
      Measures of dead ends over M landscape instances (default 100; instance r is the race's instance of
      replicate r under seed S, default 1): the mean over instances and its standard error. --landscape and --map
      are YAML flow mappings written as a scenario's landscape: and map:. --measures is a comma-separated list
      (default: every measure of the landscape's space); exact by enumeration up to 2^20 genotypes, otherwise
      estimated from --starts sampled genotypes, walks or gradient runs per instance (default ${DEFAULT_STARTS.discrete} discrete,
      ${DEFAULT_STARTS.continuous} continuous). Gradient runs take steps of --learning-rate (default ${GRADIENT_DEFAULTS.learningRate}) for at
      most --steps steps (default ${GRADIENT_DEFAULTS.steps}). Measures: ${measureIds.join(', ')}.`;

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
    value = parseYaml(text, { uniqueKeys: true, prettyErrors: false, maxAliasCount: 100 });
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
    const issues = result.error.issues.flatMap((issue) => translate(issue, data, schema as unknown as z.ZodType));
    throw new InputError(issues.map(issueText).join('\n'));
  }
  deriveDim(result.data.landscape as Record<string, unknown>);
  const { id, dim, ...params } = result.data.landscape as { id: string; dim: number; [field: string]: unknown };
  const mapData = result.data.map as { id: string; [field: string]: unknown } | undefined;
  const map = mapData && mapData.id !== 'identity' ? (({ id: mapId, ...mapParams }) => ({ id: mapId, params: mapParams }))(mapData) : undefined;
  const spec: LandscapeSpec = { id, dim, params, ...(map && { map }) };
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
  return reportingInputErrors(streams.stderr, () => {
    const spec = landscapeFromFlags(values.landscape!, values.map);
    let measures = measuresFromFlag(values.measures, spec);
    const problems = measureProblems(createLandscape(spec, seed, 0), measures);
    if (problems.size && values.measures !== undefined) {
      throw new InputError([...problems].map(([id, why]) => `--measures: ${id} cannot be computed here: ${why}`).join('\n'));
    }
    // Without --measures: every measure that can be computed, and a word on stderr about the others.
    for (const [id, why] of problems) streams.stderr.write(`hyperclimb: leaving out ${id}: ${why}\n`);
    measures = measures.filter((id) => !problems.has(id));
    const progress = new Progress(streams.stderr, instances, 'instances');
    const result = analyze(spec, seed, { instances, measures, starts, gradient, onInstance: (done) => progress.update(done) });
    progress.finish();
    streams.stdout.write(values.json ? `${JSON.stringify(result)}\n` : table(result, spec, seed));
    return 0;
  });
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

/**
 * Results as data, shared by the command line and the page (no Node modules here): the result line of SCENARIO.md
 * (one per racer per replicate), the plan of a run (every cell × replicate, in the fixed order both write lines
 * in), the per-cell summary of `hyperclimb run --json`, a parser for results text that names each bad line, and the
 * scenario fingerprint every line carries, computed with a small pure SHA-256 so that the page can tell which
 * scenario a results file belongs to and write files the command line accepts (`resume`, `merge`).
 */
import type { UnitDiagnostics } from '../core/nets/unit-diagnostics.ts';
import type { RunResult, RunSpec } from '../core/run/spec.ts';
import { ATTACHED_FILES } from './attached-files.ts';
import { expandCells, runSpecs } from './cells.ts';
import type { Scenario } from './schema.ts';

export interface ResultLine {
  cell: number;
  params: Record<string, unknown>;
  optimizer: string;
  label: string;
  replicate: number;
  seed: string | number;
  endedAt?: string;
  bestFitness?: number | null;
  optimumFitness?: number | null;
  evaluations?: number;
  gradientEvaluations?: number;
  fitnessEvaluations?: number;
  /** Newton-type methods: Hessian–vector products (each charged as landscapes/hessian-vector.ts says). */
  hessianVectorProducts?: number;
  generations?: number;
  nonFinite?: number;
  /** Only when the scenario's `measure:` asks for it: pairs [evaluations, sharpness], and the end point's index. */
  sharpness?: (readonly [number, number])[];
  hessianIndex?: number | null;
  /** With `measure.weightChange`: ‖x_T − x_0‖ / ‖x_0‖; with `measure.units` (mlp): per-unit diagnostics. */
  weightChange?: number | null;
  /** With `measure.weightChange` on an mlp: ‖f(w_T) − f_lin(w_T)‖ / ‖f(w_T) − f(w_0)‖ on the training rows. */
  linearisationGap?: number | null;
  units?: UnitDiagnostics;
  /** With `measure.flops`: floating-point operations of the run (run/flops.ts); null where not counted. */
  flops?: number | null;
  /** Landscapes with held-out data (mlp): the test loss of the best point. */
  testLoss?: number | null;
  /**
   * With `measure.trace` (core/run/trace.ts): [evaluations, best so far] at each improvement (at most `points`, merged
   * into log-spaced buckets of ratio `spacing` past that) and at the fixed budgets; null for a non-finite best.
   */
  trace?: { landscape: string; dim: number; budget: number; improvements: [number, number | null][]; spacing: number; budgets: [number, number | null][] };
  error?: string;
  /** The scenario fingerprint of the run that wrote the line (`scenarioFingerprint`). */
  fingerprint?: string;
  /** `lineDigest` of the line as written, so that an edited or damaged line is noticed (absent before 2026-12). */
  digest?: string;
  wallMs: number;
}

/** What a worker reports for one racer of one replicate (the shape of workers/sim-api.ts's RacerOutcome). */
export interface OutcomeOf {
  readonly optimizer: string;
  readonly label: string;
  readonly result?: RunResult;
  readonly error?: string;
  readonly wallMs: number;
}

function finiteOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

/**
 * The result line of one racer's outcome (fields in contract order, then the fingerprint and the digest; wallMs last
 * so it is easy to strip). Without a fingerprint both are left out.
 */
export function resultLine(
  cell: number,
  params: Record<string, unknown>,
  replicate: number,
  seed: string | number,
  outcome: OutcomeOf,
  fingerprint?: string,
): ResultLine {
  const head = { cell, params, optimizer: outcome.optimizer, label: outcome.label, replicate, seed };
  const wallMs = Math.round(outcome.wallMs * 1000) / 1000;
  const signed = (body: Omit<ResultLine, 'wallMs'>): ResultLine =>
    fingerprint === undefined ? { ...body, wallMs } : { ...body, fingerprint, digest: lineDigest({ ...body, fingerprint }), wallMs };
  if (!outcome.result) return signed({ ...head, error: outcome.error ?? 'unknown failure' });
  const r = outcome.result;
  return signed({
    ...head,
    endedAt: r.endedAt,
    bestFitness: finiteOrNull(r.bestFitness),
    optimumFitness: finiteOrNull(r.optimumFitness),
    evaluations: r.evaluations,
    gradientEvaluations: r.gradientEvaluations,
    fitnessEvaluations: r.fitnessEvaluations,
    ...(r.hessianVectorProducts !== undefined && { hessianVectorProducts: r.hessianVectorProducts }),
    generations: r.generations,
    nonFinite: r.nonFinite,
    ...(r.sharpness && { sharpness: r.sharpness.map(([e, s]) => [e, finiteOrNull(s)] as [number, number]) }),
    ...(r.hessianIndex !== undefined && { hessianIndex: finiteOrNull(r.hessianIndex) }),
    ...(r.testLoss !== undefined && { testLoss: finiteOrNull(r.testLoss) }),
    ...(r.weightChange !== undefined && { weightChange: finiteOrNull(r.weightChange) }),
    ...(r.linearisationGap !== undefined && { linearisationGap: finiteOrNull(r.linearisationGap) }),
    ...(r.units && { units: r.units }),
    ...(r.traceRecord && {
      trace: {
        landscape: r.traceRecord.landscape,
        dim: r.traceRecord.dim,
        budget: r.traceRecord.budget,
        improvements: r.traceRecord.improvements.map(([e, f]) => [e, finiteOrNull(f)] as [number, number | null]),
        spacing: r.traceRecord.spacing,
        budgets: r.traceRecord.budgets.map(([e, f]) => [e, finiteOrNull(f)] as [number, number | null]),
      },
    }),
    ...(r.flops !== undefined && { flops: finiteOrNull(r.flops) }),
  });
}

/** Identity of a line within a scenario's run: which cell, replicate and racer it belongs to. */
export function lineKey(line: Pick<ResultLine, 'cell' | 'replicate' | 'label'>): string {
  return `${line.cell}/${line.replicate}/${line.label}`;
}

const isIndex = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** True for a parsed JSON value that has what every result line has: cell, params, label and replicate. */
export function isResultLine(value: unknown): value is ResultLine {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const line = value as Record<string, unknown>;
  const params = line.params;
  return isIndex(line.cell) && isIndex(line.replicate) && typeof line.label === 'string' && typeof params === 'object' && params !== null && !Array.isArray(params);
}

/** Why a complete line of a results file is not a result line. */
export const NOT_JSON = 'not a JSON line';
export const NOT_A_RESULT = 'not a Hyperclimb result line (it needs cell, params, label and replicate)';

/** Thrown by `readResultEntries`: `name:line: why`. */
export class ResultsError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly why: string,
  ) {
    super(`${file}:${line}: ${why}`);
    this.name = 'ResultsError';
  }
}

/** One complete line of a results file: the parsed line, its exact text, its 1-based number and where it ends. */
export interface ResultEntry {
  readonly line: ResultLine;
  readonly raw: string;
  readonly lineNumber: number;
  /** Byte offset (UTF-8) just after the line's newline. */
  readonly end: number;
}

/**
 * The one reader of results text (command line and page). Only newline-terminated lines count: a trailing piece
 * without a newline is an interrupted write, reported in `partialLine` unless it is only white space, and left out
 * of `completeBytes` (the length a resume cuts the file to). Blank lines are skipped. Throws a ResultsError naming
 * the file and line when a complete line is not a result line.
 */
export function readResultEntries(text: string, file: string): { entries: ResultEntry[]; completeBytes: number; partialLine?: number } {
  const end = text.lastIndexOf('\n') + 1;
  const rows = text.slice(0, end).split('\n');
  rows.pop(); // the empty piece after the last newline
  const entries: ResultEntry[] = [];
  const encoder = new TextEncoder();
  let offset = 0;
  rows.forEach((row, i) => {
    offset += (/^[\x00-\x7f]*$/.test(row) ? row.length : encoder.encode(row).length) + 1;
    // A file saved with Windows line ends: the line is its text without the \r (merge writes it with \n alone).
    const raw = row.endsWith('\r') ? row.slice(0, -1) : row;
    if (raw.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new ResultsError(file, i + 1, NOT_JSON);
    }
    if (!isResultLine(parsed)) throw new ResultsError(file, i + 1, NOT_A_RESULT);
    entries.push({ line: parsed, raw, lineNumber: i + 1, end: offset });
  });
  return { entries, completeBytes: offset, ...(text.slice(end).trim() !== '' && { partialLine: rows.length + 1 }) };
}

/** One replicate of one cell to run: the unit of work, with the cell's sweep values. */
export interface PlannedTask {
  readonly cell: number;
  readonly replicate: number;
  readonly params: Record<string, unknown>;
  readonly specs: readonly RunSpec[];
}

/** Every cell × replicate of a scenario (seed and replicates as given), cells first: the order lines are written in. */
export function planTasks(scenario: Scenario): PlannedTask[] {
  const tasks: PlannedTask[] = [];
  for (const cell of expandCells(scenario)) {
    for (let replicate = 0; replicate < scenario.replicates; replicate++) {
      tasks.push({ cell: cell.index, replicate, params: { ...cell.params }, specs: runSpecs(cell.scenario, replicate) });
    }
  }
  return tasks;
}

// ---------------------------------------------------------------------------------------------------------------
// The summary of `hyperclimb run --json`.

export interface RacerSummary {
  optimizer: string;
  label: string;
  /** Runs that finished (failed runs are not among them): the denominator of the three shares below. */
  replicates: number;
  /** Shares from 0 to 1 of `replicates` (not counts): runs that ended at the optimum, a local optimum, a saddle. */
  reachedOptimum: number;
  deadEnds: number;
  saddles: number;
  /** Share of replicates whose fitness became non-finite (`endedAt` diverged). */
  diverged: number;
  /** A count: runs that failed (their lines carry `error`). */
  failed: number;
  meanEvaluations: number | null;
  seEvaluations: number | null;
  meanBestFitness: number | null;
  seBestFitness: number | null;
  /** Landscapes with held-out data (mlp): the mean test loss of the best points, and its standard error. */
  meanTestLoss?: number | null;
  seTestLoss?: number | null;
  /** With `measure.weightChange`: mean ‖x_T − x_0‖ / ‖x_0‖ and its standard error. */
  meanWeightChange?: number | null;
  seWeightChange?: number | null;
  meanLinearisationGap?: number | null;
  seLinearisationGap?: number | null;
  /** With `measure.flops`: mean floating-point operations per run and its standard error. */
  meanFlops?: number | null;
  seFlops?: number | null;
  /** With `measure.units`: mean shares of dead and of stuck hidden units (dead: ReLU only), with standard errors. */
  meanDeadShare?: number | null;
  seDeadShare?: number | null;
  meanStuckShare?: number | null;
  seStuckShare?: number | null;
}

export interface CellSummary {
  cell: number;
  params: Record<string, unknown>;
  results: RacerSummary[];
}

/** Mean and standard error of the mean (sample standard deviation / √n); SE is null below two values. */
export function meanAndSe(values: readonly number[]): { mean: number | null; se: number | null } {
  const n = values.length;
  if (n === 0) return { mean: null, se: null };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, se: null };
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}

/** One summary per cell, racers in scenario order. */
export function summarise(lines: readonly ResultLine[], labels: readonly { optimizer: string; label: string }[]): CellSummary[] {
  const cells = new Map<number, { params: Record<string, unknown>; byLabel: Map<string, ResultLine[]> }>();
  for (const line of lines) {
    let cell = cells.get(line.cell);
    if (!cell) cells.set(line.cell, (cell = { params: line.params, byLabel: new Map() }));
    const list = cell.byLabel.get(line.label) ?? [];
    list.push(line);
    cell.byLabel.set(line.label, list);
  }
  return [...cells.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, cell]) => ({
      cell: index,
      params: cell.params,
      results: labels.map(({ optimizer, label }) => {
        const all = cell.byLabel.get(label) ?? [];
        const ok = all.filter((line) => line.error === undefined);
        const share = (endedAt: string) => (ok.length ? ok.filter((line) => line.endedAt === endedAt).length / ok.length : 0);
        const evaluations = meanAndSe(ok.map((line) => line.evaluations!));
        const best = meanAndSe(ok.map((line) => line.bestFitness).filter((f): f is number => f !== null && f !== undefined));
        const test = ok.some((line) => line.testLoss !== undefined)
          ? meanAndSe(ok.map((line) => line.testLoss).filter((f): f is number => f !== null && f !== undefined))
          : undefined;
        const optional = (value: (line: ResultLine) => number | null | undefined) =>
          ok.some((line) => value(line) !== undefined) ? meanAndSe(ok.map(value).filter((f): f is number => f !== null && f !== undefined && Number.isFinite(f))) : undefined;
        const change = optional((line) => line.weightChange);
        const gap = optional((line) => line.linearisationGap);
        const flops = optional((line) => line.flops);
        const dead = optional((line) => (line.units ? (line.units.dead === null ? null : line.units.dead / line.units.units) : undefined));
        const stuck = optional((line) => (line.units ? line.units.stuck / line.units.units : undefined));
        return {
          optimizer,
          label,
          replicates: ok.length,
          reachedOptimum: share('optimum'),
          deadEnds: share('local-optimum'),
          saddles: share('saddle'),
          diverged: share('diverged'),
          failed: all.length - ok.length,
          meanEvaluations: evaluations.mean,
          seEvaluations: evaluations.se,
          meanBestFitness: best.mean,
          seBestFitness: best.se,
          ...(test && { meanTestLoss: test.mean, seTestLoss: test.se }),
          ...(change && { meanWeightChange: change.mean, seWeightChange: change.se }),
          ...(gap && { meanLinearisationGap: gap.mean, seLinearisationGap: gap.se }),
          ...(flops && { meanFlops: flops.mean, seFlops: flops.se }),
          ...(dead && { meanDeadShare: dead.mean, seDeadShare: dead.se }),
          ...(stuck && { meanStuckShare: stuck.mean, seStuckShare: stuck.se }),
        };
      }),
    }));
}

// ---------------------------------------------------------------------------------------------------------------
// The scenario fingerprint that every result line carries (`fingerprint`), so that a results file names the run it
// belongs to: `run --out` refuses to resume a file of another run, `merge` refuses to join shards of different runs
// and knows how many lines a complete run has, and the page refuses to open a file of another scenario.
// Format: `<cells>x<replicates>x<racers>-<hash>`, e.g. `4x5x3-ab9f1ed85a9e0c03`. The hash is the first 16 hex digits
// of SHA-256 over the canonical JSON of what determines the numbers: every cell's sweep values (in order) and run
// specs (seed, landscape, map, racers with resolved parameters, budget, resolved stop rules) and the number of
// replicates, after --seed and --replicates, and the SHA-256 of each module file it names (its code decides numbers
// too). Title, description, views and lesson are not part of it (editing the prose does not orphan a sweep), nor
// are --workers and --shard. Pure JS SHA-256, so the page computes the same.

/** JSON with object keys sorted (arrays keep their order); `undefined` members are left out as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** SHA-256 of the UTF-8 bytes of `text`, as 64 hex digits (FIPS 180-4; tested against node:crypto). */
export function sha256Hex(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const blocks = Math.ceil((bytes.length + 9) / 64);
  const data = new Uint8Array(blocks * 64);
  data.set(bytes);
  data[bytes.length] = 0x80;
  const view = new DataView(data.buffer);
  const bits = bytes.length * 8;
  view.setUint32(data.length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(data.length - 4, bits >>> 0);
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let b = 0; b < blocks; b++) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(b * 64 + 4 * t);
    for (let t = 16; t < 64; t++) {
      const s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >>> 3);
      const s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >>> 10);
      w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    // Plain reads, not destructuring: iterating a typed array per block made hashing several times slower.
    let a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (let t = 0; t < 64; t++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t]) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & bb) ^ (a & c) ^ (bb & c))) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = bb;
      bb = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] += a;
    h[1] += bb;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  return [...h].map((x) => x.toString(16).padStart(8, '0')).join('');
}

let lastDigest: { text: string; digest: string } | undefined;

/**
 * Landscape fields with the text of the files a scenario read (attached-files.ts) replaced by its SHA-256: the same
 * identity, hashed once instead of once per racer and cell (a 1 MB CSV took 0.2 s per fingerprint otherwise).
 */
function digestAttached(params: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!params) return params;
  let out = params;
  for (const [, field] of ATTACHED_FILES) {
    const entry = params[field] as { text?: unknown } | undefined;
    if (!entry || typeof entry !== 'object' || typeof entry.text !== 'string') continue;
    if (lastDigest?.text !== entry.text) lastDigest = { text: entry.text, digest: sha256Hex(entry.text) };
    out = { ...out, [field]: { ...entry, text: undefined, sha256: lastDigest.digest } };
  }
  return out;
}

/**
 * The fingerprint of a validated scenario (seed and replicates as they will be run). `moduleDigests`: hashes of the
 * content of the module files it names (the command line reads them), in their order; a scenario without modules
 * has none and keeps the fingerprint it always had.
 */
export function scenarioFingerprint(scenario: Scenario, moduleDigests: readonly string[] = []): string {
  const cells = expandCells(scenario).map((cell) => ({
    // Entries, not an object: the order of sweep keys decides the order of cells.
    params: Object.entries(cell.params),
    specs: runSpecs(cell.scenario, 0).map(({ replicate: _replicate, ...spec }) => ({ ...spec, landscape: { ...spec.landscape, params: digestAttached(spec.landscape.params) } })),
  }));
  const identity = canonicalJson({ fingerprint: 1, replicates: scenario.replicates, cells, ...(moduleDigests.length && { modules: moduleDigests }) });
  return `${cells.length}x${scenario.replicates}x${scenario.optimizers.length}-${sha256Hex(identity).slice(0, 16)}`;
}

/**
 * The digest a result line carries: the first 16 hex digits of SHA-256 over the canonical JSON of the line without
 * `wallMs` (which differs between runs) and without the digest itself. It notices a line edited by hand or damaged
 * on disk (resume and merge refuse it); it is no signature: whoever edits a line on purpose can recompute it.
 */
export function lineDigest(line: object, sha256: (text: string) => string = sha256Hex): string {
  const { wallMs: _wallMs, digest: _digest, ...content } = line as Record<string, unknown>;
  return sha256(canonicalJson(content)).slice(0, 16);
}

/**
 * Whether a parsed line's digest matches its content: 'ok', 'absent' (a line written before digests were added,
 * accepted unchecked), or 'changed'. The line's own JSON is used, so a number edited in the file is seen. `sha256`
 * may be a native one (the command line checks whole files; node:crypto's gives the same digits, faster).
 */
export function digestCheck(line: ResultLine, sha256: (text: string) => string = sha256Hex): 'ok' | 'absent' | 'changed' {
  if (line.digest === undefined) return 'absent';
  return line.digest === lineDigest(line, sha256) ? 'ok' : 'changed';
}

/** The shape a fingerprint states (cells × replicates × racers), or undefined when the text is not a fingerprint. */
export function fingerprintShape(fingerprint: unknown): { cells: number; replicates: number; racers: number } | undefined {
  if (typeof fingerprint !== 'string') return undefined;
  const match = /^([1-9]\d*)x([1-9]\d*)x([1-9]\d*)-[0-9a-f]{16}$/.exec(fingerprint);
  if (!match) return undefined;
  const [cells, replicates, racers] = [match[1], match[2], match[3]].map(Number);
  return Number.isSafeInteger(cells * replicates * racers) ? { cells, replicates, racers } : undefined;
}

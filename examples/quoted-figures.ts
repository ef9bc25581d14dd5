/**
 * Figures quoted in sims/ comments, README.md and docs/, each tied to the command that prints it.
 *
 * A claim names a file, the command, and a function that formats figures from the command's output the way the text
 * quotes them; it holds when every formatted figure appears in the claim's passage and the passage appears in the
 * file (both with whitespace and YAML comment markers collapsed). The figures are recomputed, never stored here, so
 * a change in the engine that moves a number, or an edit of the text, breaks the claim.
 *
 * `cheap` claims (seconds) run in `tests/quoted-figures.test.ts`; every claim runs in
 * `node bin/run-ts.mjs examples/check-quoted-figures.ts` (a few minutes: races, the maps table, 1,000 gradient
 * descents of the teacher-student network, 60 pairs of trained networks).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.ts';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** What a command left: its standard output and, for `run --out`, the result lines. */
export interface Output {
  readonly stdout: string;
  readonly lines: readonly ResultLine[];
}

interface ResultLine {
  readonly params: Record<string, unknown>;
  readonly label: string;
  readonly endedAt: string;
  readonly evaluations: number;
  readonly sharpness?: readonly (readonly [number, number])[];
}

/** `hyperclimb` arguments (run in this process; `--out` is added when lines are wanted) or a shell command. */
export type Command = { readonly hyperclimb: readonly string[]; readonly out?: boolean } | { readonly shell: string } | { readonly compute: true };

export interface Claim {
  readonly file: string;
  /** The passage of the file that quotes the figures. */
  readonly passage: string;
  /** Look for the figures anywhere in the file (a whole table), not only in the passage. */
  readonly wholeFile?: boolean;
  readonly command: Command;
  readonly cheap: boolean;
  readonly figures: (output: Output) => string[];
}

const collapse = (text: string) =>
  text
    .split('\n')
    .map((line) => line.replace(/^\s*#\s?/, '').trim())
    .join(' ')
    .replace(/\s+/g, ' ');

interface Summary {
  cells: {
    params: Record<string, number>;
    results: {
      label: string;
      replicates: number;
      reachedOptimum: number;
      deadEnds: number;
      meanEvaluations: number;
      seEvaluations: number;
      meanBestFitness: number;
      seBestFitness: number;
      meanTestLoss?: number;
      seTestLoss?: number;
    }[];
  }[];
}
const summary = (o: Output) => JSON.parse(o.stdout) as Summary;
const racer = (o: Output, label: string) => summary(o).cells.map((c) => c.results.find((r) => r.label === label)!);
const percent = (share: number) => `${Math.round(share * 100)}`;
const count = (o: Output, where: (l: ResultLine) => boolean) => o.lines.filter(where).length;
const sharpness = (o: Output, label: string) => o.lines.find((l) => l.label === label)!.sharpness!.map(([, v]) => v);
const f2 = (v: number) => v.toFixed(2);

/**
 * The speed runs kept verbatim in bench/runs/ (timings cannot be recomputed; these claims check that README quotes
 * what the bench printed): a table cell by workload, row label and column, a note's or a target line's text.
 */
const speedRuns = { shell: 'cat bench/runs/2026-12-03-peers-all.txt bench/runs/2026-12-03-eigen.txt' } as const;
const benchCell = (o: Output, workload: string, label: string, column: 'value' | 'cpu' | 'sIter' | 'ratio') => {
  const row = o.stdout.split('\n').find((l) => l.startsWith(`| ${workload} `) && l.includes(`| ${label}`));
  if (!row) throw new Error(`no bench row ${workload} / ${label}`);
  const cells = row.split('|').map((c) => c.trim());
  return cells[{ value: 4, cpu: 5, sIter: 6, ratio: 7 }[column]]!;
};
const benchMatch = (o: Output, pattern: RegExp) => {
  const match = pattern.exec(o.stdout);
  if (!match) throw new Error(`bench output has no ${pattern}`);
  return match[1]!;
};
type RacerResult = Summary['cells'][number]['results'][number];
/** Training loss (−fitness) ± its standard error, to `digits` decimals. */
const loss = (r: RacerResult, digits: number) => `${(-r.meanBestFitness).toFixed(digits)} ± ${r.seBestFitness.toFixed(digits)}`;
const testLoss = (r: RacerResult, digits: number) => `${r.meanTestLoss!.toFixed(digits)} ± ${r.seTestLoss!.toFixed(digits)}`;
/** A row of a Markdown table the command printed, by its first cell. */
const row = (o: Output, first: string) => o.stdout.split('\n').find((l) => l.startsWith(`| ${first} |`))!.split('|').map((c) => c.trim());
const meanSe = (cell: string) => cell.split('±').map((v) => Number(v.trim()));

/** Exact expected evaluations of the (1+1) EA on OneMax from a uniform start (the chain of tests/theory/ea-onemax.test.ts). */
export function oneMaxExpectation(n: number): number {
  const p = 1 / n;
  const choose = (a: number, b: number) => {
    let c = 1;
    for (let i = 0; i < b; i++) c = (c * (a - i)) / (i + 1);
    return c;
  };
  const hit = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    let leave = 0;
    let next = 0;
    for (let j = i + 1; j <= n; j++) {
      let pij = 0;
      for (let k = 0; k <= Math.min(i, n - j); k++) {
        const l = j - i + k;
        pij += choose(i, k) * p ** k * (1 - p) ** (i - k) * choose(n - i, l) * p ** l * (1 - p) ** (n - i - l);
      }
      leave += pij;
      next += pij * hit[j]!;
    }
    hit[i] = (1 + next) / leave;
  }
  let mean = 0;
  for (let i = 0; i <= n; i++) mean += (choose(n, i) / 2 ** n) * hit[i]!;
  return mean;
}
const grouped = (v: number, digits: number) => v.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const edge = { hyperclimb: ['run', 'sims/edge-of-stability.yaml'], out: true } as const;
/** The η = 0.2 trace from its first point at or above 2/η = 10. */
const atLimit = (o: Output) => {
  const s = sharpness(o, 'η = 0.2');
  return s.slice(s.findIndex((v, i) => i > 1 && v >= 10));
};
const onemax = { hyperclimb: ['run', 'sims/onemax-ea.yaml', '--json'] } as const;
const rastrigin = { hyperclimb: ['run', 'sims/rastrigin-race.yaml', '--json'], out: true } as const;
const eye = { hyperclimb: ['run', 'sims/eye.yaml', '--json'], out: true } as const;
const dimension = { hyperclimb: ['run', 'sims/dimension-vs-dead-ends.yaml', '--json'], out: true } as const;
const modes = { shell: 'node bin/run-ts.mjs examples/mode-connectivity.ts' } as const;
const ga = (o: Output, dim: number, copies: number, endedAt: string) =>
  `${count(o, (l) => l.label === 'GA' && l.params['landscape.dim'] === dim && l.params['map.copies'] === copies && l.endedAt === endedAt)}`;
const barrier = (o: Output, width: string, digitsAfter: number) => {
  const cells = row(o, width);
  const [before, beforeSe] = meanSe(cells[4]!);
  const [after, afterSe] = meanSe(cells[5]!);
  return [`${f2(before!)} ± ${f2(beforeSe!)}`, `${after!.toFixed(digitsAfter)} ± ${afterSe!.toFixed(digitsAfter)}`];
};

/** The greedy walk's and the GA's success rates in per cent at every N of a dimension sweep file, as quoted. */
const raceRates = (o: Output) => [`${racer(o, 'Greedy walk').map((r) => percent(r.reachedOptimum)).join(', ')} %`, `${racer(o, 'GA').map((r) => percent(r.reachedOptimum)).join(', ')} %`];
/** Cells of one family's table in examples/dimension-table.sh, by N: [N, theory, local-optima share, greedy reach]. */
const familyRows = (o: Output, family: string) => {
  const lines = o.stdout.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`| ${family}, N |`));
  return lines.slice(start + 2).filter((l) => l.startsWith('| ')).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()))
    .slice(0, 7);
};
const dimensionTable = { shell: 'bash examples/dimension-table.sh' } as const;

/** The analyze figures at N = 4, 8, 12, 16 and the race's success rates at every N of a dimension sweep file. */
function dimensionClaims(file: string, family: string, passages: { optima: string; greedy: string; race: string }): Claim[] {
  const at = (o: Output, n: number) => familyRows(o, family).find((r) => r[0] === String(n))!;
  const quoted = [4, 8, 12, 16];
  return [
    {
      file,
      passage: passages.optima,
      command: dimensionTable,
      cheap: false,
      figures: (o) => quoted.flatMap((n) => [at(o, n)[2]!, ...(at(o, n)[1] === '—' ? [] : [`(${n === 4 ? 'theory ' : ''}${at(o, n)[1]})`])]),
    },
    { file, passage: passages.greedy, command: dimensionTable, cheap: false, figures: (o) => [quoted.map((n) => at(o, n)[3]).join(', ')] },
    {
      file,
      passage: passages.race,
      command: { hyperclimb: ['run', file, '--json'] },
      cheap: false,
      figures: raceRates,
    },
  ];
}

/** A mean ± standard error as examples/dimension-table.sh's cell() prints it: two significant digits of the error. */
const analyzeCell = ({ mean, se }: { mean: number; se: number }) => {
  const digits = se > 0 ? Math.max(0, 1 - Math.floor(Math.log10(se))) : 4;
  return se === 0 ? String(+mean.toFixed(digits)) : `${mean.toFixed(digits)} ± ${se.toFixed(digits)}`;
};
const slopeMeasures = 'local-optima-fraction,basin-of-global,accessible-from-antipode,accessible-from-random';
/** One row of examples/dimension-table.sh's rough Mount Fuji tables, by the same analyze call, in seconds. */
const slopeRow = (n: number, theta: number) => ({
  hyperclimb: ['analyze', '--landscape', `{id: rough-mount-fuji, dim: ${n}, theta: ${theta}}`, '--instances', '200', '--measures', slopeMeasures, '--json'],
});
const slopeCell = (o: Output, measure: string) =>
  analyzeCell((JSON.parse(o.stdout) as { measures: Record<string, { mean: number; se: number }> }).measures[measure]!);

/**
 * Rough Mount Fuji against N at θ = 0.5 and at θ = 2/N: accessibility from the antipode and from every genotype, and
 * the greedy walks' reach, at N = 4, 8, 12, 16 from the table; the N = 8 rows again by their own analyze calls (cheap);
 * and the race's success rates.
 */
function slopeClaims(passages: { fixed: string; scaled: string; greedy: string; race: string; lessonTable: string; lessonRace: string }): Claim[] {
  const file = 'sims/rough-mount-fuji-vs-n.yaml';
  const quoted = [4, 8, 12, 16];
  const fixed = 'rough Mount Fuji, θ = 0.5';
  const scaled = 'rough Mount Fuji, θ = 2/N';
  const column = (o: Output, family: string, index: number) =>
    quoted.map((n) => familyRows(o, family).find((r) => r[0] === String(n))![index]).join(', ');
  const [antipode, anyStart, greedy] = [3, 4, 5];
  const accessibility = ['accessible-from-antipode', 'accessible-from-random'];
  return [
    { file, passage: passages.fixed, command: dimensionTable, cheap: false, figures: (o) => [column(o, fixed, antipode), column(o, fixed, anyStart)] },
    { file, passage: passages.scaled, command: dimensionTable, cheap: false, figures: (o) => [column(o, scaled, antipode), column(o, scaled, anyStart)] },
    { file, passage: passages.greedy, command: dimensionTable, cheap: false, figures: (o) => [column(o, fixed, greedy), column(o, scaled, greedy)] },
    {
      file,
      passage: passages.lessonTable,
      command: dimensionTable,
      cheap: false,
      figures: (o) => [4, 16].map((n) => familyRows(o, fixed).find((r) => r[0] === String(n))![antipode]!),
    },
    { file, passage: passages.fixed, command: slopeRow(8, 0.5), cheap: true, figures: (o) => accessibility.map((m) => slopeCell(o, m)) },
    { file, passage: passages.scaled, command: slopeRow(8, 2 / 8), cheap: true, figures: (o) => accessibility.map((m) => slopeCell(o, m)) },
    {
      file,
      passage: passages.race,
      command: { hyperclimb: ['run', file, '--json'] },
      cheap: false,
      figures: raceRates,
    },
    {
      file,
      passage: passages.lessonRace,
      command: { hyperclimb: ['run', file, '--json'] },
      cheap: false,
      figures: raceRates,
    },
  ];
}

/** Safran & Shamir's k = n = 8 student: gradient descent's dead-end share and the index where it stops (README, docs). */
const spuriousMinima = {
  hyperclimb: ['analyze', '--landscape', '{id: relu-teacher-student, inputs: 8, teacherUnits: 8, studentUnits: 8}', '--instances', '10', '--starts', '100',
    '--learning-rate', '0.5', '--measures', 'gd-dead-end-rate,critical-index', '--json'],
} as const;
const analyzeMeasure = (o: Output, id: string) => {
  const m = (JSON.parse(o.stdout) as { measures: Record<string, { mean: number; se: number }> }).measures[id]!;
  return `${m.mean.toFixed(3)} ± ${m.se.toFixed(3)}`;
};

export const CLAIMS: readonly Claim[] = [
  {
    file: 'sims/onemax-ea.yaml',
    passage: 'e·N·ln N is 219 for N = 25, 532 for N = 50, 1,252 for N = 100 and 2,880 for N = 200',
    command: { compute: true },
    cheap: true,
    figures: () => [25, 50, 100, 200].map((n) => grouped(Math.E * n * Math.log(n), 0)),
  },
  {
    file: 'sims/onemax-ea.yaml',
    passage: 'is 176.7, 443.2, 1,069.5 and 2,509.8',
    command: { compute: true },
    cheap: true,
    figures: () => [25, 50, 100, 200].map((n) => grouped(oneMaxExpectation(n), 1)),
  },
  {
    file: 'sims/onemax-ea.yaml',
    passage: 'prints mean evaluations of 186 ± 20, 405 ± 34, 1000 ± 69 and 2550 ± 152 for the (1+1) EA',
    command: onemax,
    cheap: true,
    figures: (o) => racer(o, '(1+1) EA').map((r) => `${Math.round(r.meanEvaluations)} ± ${Math.round(r.seEvaluations)}`),
  },
  {
    file: 'sims/onemax-ea.yaml',
    passage: '318, 1268, 5220 and 20160 on average here',
    command: onemax,
    cheap: true,
    figures: (o) => racer(o, 'Greedy walk').map((r) => `${Math.round(r.meanEvaluations)}`),
  },
  {
    file: 'sims/edge-of-stability.yaml',
    passage: `(every run starts at sharpness 5.15):
      - η = 0.2 (2/η = 10) is the run that shows progressive sharpening: after one catapult (13.47 at step 200) it falls
        to 7.69, climbs steadily to 10.42 and then zigzags around its limit, between 9.53 and 11.12, ending at 9.96.
      - η = 0.4 (2/η = 5) shows no sharpening: it starts *above* its limit, peaks at 5.54 and is pushed down to it,
        5.04 at the end. It sits at the edge of stability from the first step, but never climbs to it.
      - η = 0.02 and 0.1 sharpen to 14.33 and 16.83, far below their limits of 100 and 20.`,
    command: edge,
    cheap: true,
    figures: (o) => {
      const mid = sharpness(o, 'η = 0.2');
      const high = sharpness(o, 'η = 0.4');
      const limit = atLimit(o);
      return [
        ...['η = 0.02', 'η = 0.1', 'η = 0.2', 'η = 0.4'].map((label) => f2(sharpness(o, label)[0]!)),
        f2(mid[1]!), f2(Math.min(...mid.slice(2))), f2(limit[0]!), f2(Math.min(...limit)), f2(Math.max(...limit)), f2(mid.at(-1)!),
        f2(Math.max(...high)), f2(high.at(-1)!),
        f2(Math.max(...sharpness(o, 'η = 0.02'))), f2(Math.max(...sharpness(o, 'η = 0.1'))),
      ];
    },
  },
  {
    file: 'README.md',
    passage: `η = 0.2 sharpens from 7.69 to its 2/η = 10 and zigzags around it (9.53–11.12); η = 0.4 starts above its
      2/η = 5 and is pushed down onto it (5.54 → 5.04).`,
    command: edge,
    cheap: true,
    figures: (o) => {
      const mid = sharpness(o, 'η = 0.2');
      const high = sharpness(o, 'η = 0.4');
      return [f2(Math.min(...mid.slice(2))), `${f2(Math.min(...atLimit(o)))}–${f2(Math.max(...atLimit(o)))}`, `${f2(Math.max(...high))} → ${f2(high.at(-1)!)}`];
    },
  },
  {
    file: 'README.md',
    passage: `η = 0.2 raises the sharpness from 7.69 to 2/η = 10 and keeps it there (9.96 at the end), the progressive
      sharpening Cohen et al. (2021) found; at η = 0.4 the network starts sharper (5.15) than 2/η = 5, so the sharpness
      does not rise but is pushed down onto the limit (5.04 at the end); at η = 0.02 and 0.1 it rises to 14.33 and
      16.83, far below 2/η.`,
    command: edge,
    cheap: true,
    figures: (o) => {
      const mid = sharpness(o, 'η = 0.2');
      const high = sharpness(o, 'η = 0.4');
      return [f2(Math.min(...mid.slice(2))), f2(mid.at(-1)!), f2(high[0]!), f2(high.at(-1)!), f2(Math.max(...sharpness(o, 'η = 0.02'))), f2(Math.max(...sharpness(o, 'η = 0.1')))];
    },
  },
  {
    file: 'docs/networks.md',
    passage: `With η = 0.2 it overshoots once (13.47 at step 200, a catapult), falls back to 7.69 and then climbs steadily
      to 2/η = 10 — the progressive sharpening of Cohen et al. — and zigzags around it (9.53–11.12, mean 10.14 over the
      second half). η = 0.4 shows no progressive sharpening: the network starts sharper (5.15) than its 2/η = 5, the
      sharpness peaks at 5.54 at step 200 and is then pushed down onto the limit (5.11 at step 1,000, 5.04 at the end)`,
    command: edge,
    cheap: true,
    figures: (o) => {
      const mid = sharpness(o, 'η = 0.2');
      const high = sharpness(o, 'η = 0.4');
      // Sharpness is recorded every 200 steps: index 1 is step 200, index 5 step 1,000.
      return [f2(mid[1]!), f2(Math.min(...mid.slice(2))), `${f2(Math.min(...atLimit(o)))}–${f2(Math.max(...atLimit(o)))}`, f2(high[0]!), `${f2(high[1]!)} at step 200`, `${f2(high[5]!)} at step 1,000`, f2(high.at(-1)!)];
    },
  },
  {
    file: 'sims/rastrigin-race.yaml',
    passage: `Adam ends at a dead end in all 10 runs at every N. CMA-ES reaches the optimum in 2 of 10 runs at N = 2 and
      1 of 10 at N = 5, never at N = 10 or 20; its dead-end share does not grow with N (80, 90, 80, 70 %; the other runs
      stall), so with 10 runs it is stuck about as often at every N, and what falls with N is its success. The GA
      reaches the optimum once (N = 2) and ends at a dead end in 0, 50, 60 and 30 % of runs; at N = 20, 7 of its 10
      runs spend the whole budget.`,
    command: rastrigin,
    cheap: false,
    figures: (o) => {
      const cma = racer(o, 'CMA-ES');
      const adam = racer(o, 'Adam');
      const gaRuns = racer(o, 'GA');
      return [
        adam.every((r) => r.deadEnds === 1) ? 'all 10 runs at every N' : 'Adam not always stuck',
        `${cma[0]!.reachedOptimum * 10} of 10 runs at N = 2 and ${cma[1]!.reachedOptimum * 10} of 10 at N = 5`,
        cma[2]!.reachedOptimum + cma[3]!.reachedOptimum === 0 ? 'never at N = 10 or 20' : 'CMA-ES succeeds at N >= 10',
        `(${cma.map((r) => percent(r.deadEnds)).join(', ')} %`,
        `${gaRuns.map((r) => percent(r.deadEnds)).slice(0, 3).join(', ')} and ${percent(gaRuns[3]!.deadEnds)} %`,
        `${count(o, (l) => l.label === 'GA' && l.params['landscape.dim'] === 20 && l.endedAt === 'budget')} of its 10`,
      ];
    },
  },
  {
    file: 'sims/eye.yaml',
    passage: `prints a dead-end share of 0 for both racers in both cells: no run stalled at all. The GA reaches the best
      eye in 95% of 20 runs directly and 20% through 8 copies, the adaptive walk in 55% and 15%`,
    command: eye,
    cheap: false,
    figures: (o) => {
      const [gaDirect, gaCopies] = racer(o, 'GA');
      const [walkDirect, walkCopies] = racer(o, 'Adaptive walk');
      const all = [gaDirect!, gaCopies!, walkDirect!, walkCopies!];
      return [
        all.every((r) => r.deadEnds === 0) ? 'a dead-end share of 0' : 'some dead end',
        count(o, (l) => l.endedAt === 'stalled') === 0 ? 'no run stalled' : 'some run stalled',
        `${percent(gaDirect!.reachedOptimum)}% of ${gaDirect!.replicates} runs directly and ${percent(gaCopies!.reachedOptimum)}% through`,
        `${percent(walkDirect!.reachedOptimum)}% and ${percent(walkCopies!.reachedOptimum)}%`,
      ];
    },
  },
  // README's "The answer, both ways": each line's figures, by the command it names.
  {
    file: 'README.md',
    passage: `0.2019 ± 0.0058 at N = 4 to 0.058786 ± 0.000071 at N = 16`,
    command: dimensionTable,
    cheap: false,
    figures: (o) => [4, 16].map((n) => familyRows(o, 'house of cards').find((r) => r[0] === String(n))![2]!),
  },
  {
    file: 'README.md',
    passage: `0.524 ± 0.018 of starts at N = 4 and 0.000580 ± 0.000031 at N = 16`,
    command: dimensionTable,
    cheap: false,
    figures: (o) => [4, 16].map((n) => familyRows(o, 'house of cards').find((r) => r[0] === String(n))![3]!),
  },
  {
    file: 'README.md',
    passage: `an uphill path from the far corner to the top exists in 0.515 of landscapes at N = 4 and 0.945 at N = 16`,
    command: dimensionTable,
    cheap: false,
    figures: (o) => [4, 16].map((n) => `${familyRows(o, 'rough Mount Fuji, θ = 0.5').find((r) => r[0] === String(n))![3]!.split(' ± ')[0]} `),
  },
  {
    file: 'README.md',
    passage: `uphill paths from the far corner fall from 0.515 to 0.285`,
    command: dimensionTable,
    cheap: false,
    figures: (o) => [4, 16].map((n) => familyRows(o, 'rough Mount Fuji, θ = 2/N').find((r) => r[0] === String(n))![3]!.split(' ± ')[0]!),
  },
  {
    file: 'README.md',
    passage: `0.60 ± 0.08 at N = 1 and 1.00 at N = 8 and 16`,
    command: dimension,
    cheap: false,
    figures: (o) => {
      const gd = (n: number) =>
        summary(o).cells.find((c) => c.params['landscape.dim'] === n && c.params['map.copies'] === 1)!.results.find((r) => r.label === 'Gradient descent')!;
      const [one, eight, sixteen] = [gd(1), gd(8), gd(16)];
      const se = Math.sqrt((one.deadEnds * (1 - one.deadEnds)) / one.replicates);
      return [`${one.deadEnds.toFixed(2)} ± ${se.toFixed(2)} at N = 1`, eight.deadEnds === sixteen.deadEnds ? `${eight.deadEnds.toFixed(2)} at N = 8 and 16` : 'N = 8 and 16 differ'];
    },
  },
  {
    file: 'README.md',
    passage: `drop the GA's share of runs reaching the best eye from 95% to 20%`,
    command: eye,
    cheap: false,
    figures: (o) => [`from ${percent(racer(o, 'GA')[0]!.reachedOptimum)}% to ${percent(racer(o, 'GA')[1]!.reachedOptimum)}%`],
  },
  {
    file: 'README.md',
    passage: `the GA reaches the best eye in 95% of 20 runs, the adaptive walk in 55%`,
    command: eye,
    cheap: false,
    figures: (o) => [`${percent(racer(o, 'GA')[0]!.reachedOptimum)}% of 20`, `walk in ${percent(racer(o, 'Adaptive walk')[0]!.reachedOptimum)}%`],
  },
  {
    file: 'README.md',
    passage: `with 8 copies per trait 20% and 15%`,
    command: eye,
    cheap: false,
    figures: (o) => [`${percent(racer(o, 'GA')[1]!.reachedOptimum)}% and ${percent(racer(o, 'Adaptive walk')[1]!.reachedOptimum)}%`],
  },
  {
    file: 'README.md',
    passage: `its dead-end share is 0 for both racers in both cells`,
    command: eye,
    cheap: false,
    figures: (o) => [summary(o).cells.every((c) => c.results.every((r) => r.deadEnds === 0)) ? 'is 0' : 'is not 0'],
  },
  {
    file: 'README.md',
    passage: `count, of its 40 runs, 17 dead ends, 16 stalls and 7 spent budgets at N = 8; 25 dead ends, 1 stall and 14 spent
      budgets at N = 16; and with 4 copies at N = 16, 2 dead ends and 38 runs that spent all 8,000 evaluations`,
    command: dimension,
    cheap: false,
    figures: (o) => [
      `${ga(o, 8, 1, 'local-optimum')} dead ends, ${ga(o, 8, 1, 'stalled')} stalls and ${ga(o, 8, 1, 'budget')} spent budgets at N = 8`,
      `${ga(o, 16, 1, 'local-optimum')} dead ends, ${ga(o, 16, 1, 'stalled')} stall and ${ga(o, 16, 1, 'budget')} spent`,
      `${ga(o, 16, 4, 'local-optimum')} dead ends and ${ga(o, 16, 4, 'budget')} runs`,
    ],
  },
  {
    file: 'README.md',
    passage: `the barrier falls from 0.65 ± 0.06 as trained to 0.083 ± 0.017 after matching`,
    command: modes,
    cheap: false,
    figures: (o) => barrier(o, '64', 3),
  },
  {
    file: 'sims/mode-connectivity.yaml',
    passage: `the mean barrier falls from 0.65 ± 0.06 to 0.083 ± 0.017 at h = 64, 0.79 ± 0.14 to 0.10 ± 0.02 at 16 and
      1.00 ± 0.12 to 0.34 ± 0.09 at 4`,
    command: modes,
    cheap: false,
    figures: (o) => [...barrier(o, '64', 3), ...barrier(o, '16', 2), ...barrier(o, '4', 2)],
  },
  {
    file: 'sims/neuroevolution-vs-sgd.yaml',
    passage: `Adam 0.002 ± 0.001 and SGD 0.05 ± 0.04 fit the spirals; CMA-ES 0.37 ± 0.04, the (μ/μ, λ)-ES 0.50 ± 0.02 and the GA
      0.57 ± 0.01 are still near the 0.69 of guessing`,
    command: { hyperclimb: ['run', 'sims/neuroevolution-vs-sgd.yaml', '--json'] },
    cheap: false,
    figures: (o) => {
      const [r] = summary(o).cells;
      const of = (label: string) => r!.results.find((x) => x.label === label)!;
      return [loss(of('Adam'), 3), loss(of('SGD'), 2), loss(of('CMA-ES'), 2), loss(of('ES'), 2), loss(of('GA'), 2)];
    },
  },
  {
    file: 'sims/neuroevolution-vs-sgd.yaml',
    passage: '(test SGD 0.32 ± 0.13, Adam 0.43 ± 0.15, CMA-ES 0.46 ± 0.05)',
    command: { hyperclimb: ['run', 'sims/neuroevolution-vs-sgd.yaml', '--json'] },
    cheap: false,
    figures: (o) => ['SGD', 'Adam', 'CMA-ES'].map((label) => testLoss(summary(o).cells[0]!.results.find((x) => x.label === label)!, 2)),
  },
  {
    file: 'sims/full-batch-vs-sgd.yaml',
    passage: `B = 1: 0.0056 ± 0.0005, 8: 0.0062 ± 0.0002, 32: 0.0095 ± 0.0008, 128: 0.0145 ± 0.0015, full batch 0.0208 ± 0.0027 —
      but B = 1 fits below the noise floor and its test loss (0.0205 ± 0.0015) is worse than B = 32's (0.0163 ± 0.0017);
      full batch: test 0.0261 ± 0.0053.`,
    command: { hyperclimb: ['run', 'sims/full-batch-vs-sgd.yaml', '--json'] },
    cheap: false,
    figures: (o) => {
      const sgd = racer(o, 'SGD');
      return [...sgd.map((r) => loss(r, 4)), testLoss(sgd[0]!, 4), testLoss(sgd[2]!, 4), testLoss(sgd[4]!, 4)];
    },
  },
  {
    file: 'sims/mode-connectivity.yaml',
    passage: `training loss 0.143 ± 0.033 at h = 4, 0.056 ± 0.002 at 16, 0.044 ± 0.002 at 64 (test loss 0.193, 0.090, 0.092)`,
    command: { hyperclimb: ['run', 'sims/mode-connectivity.yaml', '--json'] },
    cheap: false,
    figures: (o) => {
      // Cells run widest first: 64, 16, 4.
      const [wide, mid, narrow] = racer(o, 'Adam');
      return [`${loss(narrow!, 3)} at h = 4`, `${loss(mid!, 3)} at 16`, `${loss(wide!, 3)} at 64`, [narrow, mid, wide].map((r) => r!.meanTestLoss!.toFixed(3)).join(', ')];
    },
  },
  ...dimensionClaims('sims/house-of-cards-vs-n.yaml', 'house of cards', {
    optima: `0.2019 ± 0.0058 at N = 4 (theory 0.2000), 0.1108 ± 0.0014 at 8 (0.1111), 0.07694 ± 0.00029 at 12 (0.0769),
      0.058786 ± 0.000071 at 16 (0.0588)`,
    greedy: '0.524 ± 0.018, 0.0709 ± 0.0035, 0.00693 ± 0.00037, 0.000580 ± 0.000031',
    race: `greedy walk reaching the top in 47, 21, 2, 0, 0, 1, 0 % of runs for N = 4, 6, …, 16, and a GA of 20 with 2,000
      evaluations in 100, 99, 72, 39, 17, 7, 1 %`,
  }),
  ...dimensionClaims('sims/nk-vs-n.yaml', 'NK, K = 2', {
    optima: '0.1437 ± 0.0046 at N = 4, 0.01988 ± 0.00081 at 8, 0.00286 ± 0.00014 at 12, 0.000387 ± 0.000016 at 16',
    greedy: '0.682 ± 0.019, 0.413 ± 0.019, 0.317 ± 0.016, 0.204 ± 0.011',
    race: `greedy walk reaching the top in 57, 46, 39, 32, 36, 17, 22 % of runs for N = 4, 6, …, 16, and a GA of 20 with
      2,000 evaluations in 100, 100, 97, 86, 83, 76, 65 %`,
  }),
  ...slopeClaims({
    fixed: `for θ = 0.5 fixed, an uphill path from the antipode to the top in 0.515 ± 0.035, 0.670 ± 0.033, 0.885 ± 0.023,
      0.945 ± 0.016 of instances at N = 4, 8, 12, 16, and a share 0.763 ± 0.011, 0.6510 ± 0.0090, 0.7263 ± 0.0069,
      0.8096 ± 0.0059 of genotypes with an uphill path to the top`,
    scaled: `0.515 ± 0.035, 0.330 ± 0.033, 0.250 ± 0.031, 0.285 ± 0.032 from the antipode, and 0.763 ± 0.011,
      0.5117 ± 0.0090, 0.4118 ± 0.0068, 0.3659 ± 0.0067 of genotypes`,
    greedy: `0.586 ± 0.014, 0.1273 ± 0.0050, 0.0243 ± 0.0014, 0.00391 ± 0.00026 with θ fixed and 0.586 ± 0.014,
      0.0869 ± 0.0032, 0.00812 ± 0.00029, 0.000704 ± 0.000030 with θ = 2/N`,
    race: `greedy walk reaching the top in 57, 38, 10, 3, 2, 1, 0 % of runs for N = 4, 6, …, 16, and a GA of 20 with 2,000
      evaluations in 100, 100, 96, 84, 59, 46, 29 %`,
    lessonTable: 'exists in 0.515 ± 0.035 of landscapes at N = 4 and 0.945 ± 0.016 at N = 16',
    lessonRace: `the greedy walk reaches the top in 57, 38, 10, 3, 2, 1, 0 % of runs for N = 4, 6, …, 16 and the GA in
      100, 100, 96, 84, 59, 46, 29 %`,
  }),
  { file: 'README.md', passage: 'spurious minimum from 0.114 ± 0.010 of random starts', command: spuriousMinima, cheap: false, figures: (o) => [analyzeMeasure(o, 'gd-dead-end-rate')] },
  {
    file: 'docs/networks.md',
    passage: '| 8 | 0.114 ± 0.010 | 0.000 ± 0.000 |',
    command: spuriousMinima,
    cheap: false,
    figures: (o) => ['gd-dead-end-rate', 'critical-index'].map((id) => analyzeMeasure(o, id)),
  },
  {
    file: 'README.md',
    passage: `falls from 0.1108 to 0.06219 with 16 genes`,
    command: { shell: 'bash examples/maps-table.sh' },
    cheap: false,
    figures: (o) => {
      const share = (map: string) => o.stdout.split('\n').find((l) => l.startsWith(`| \`${map}\``))!.split('|')[3]!.trim().split(' ± ')[0]!;
      return [`from ${share('{id: identity}')} to ${share('{id: embed, genes: 16}')}`];
    },
  },
  {
    file: 'docs/maps.md',
    passage: '| map on house of cards, N = 8 |',
    wholeFile: true,
    command: { shell: 'bash examples/maps-table.sh' },
    cheap: false,
    // Every row the script prints must stand in the file as printed.
    figures: (o) => o.stdout.split('\n').filter((l) => l.startsWith('| `')),
  },
  {
    file: 'README.md',
    passage: '| (a) GA on NK, N = 64, K = 4, population 1000, 200 generations | 3,250,000 evaluations per CPU second | numpy, vectorised: 1,210,000 | **2.73×** numpy',
    command: speedRuns,
    cheap: true,
    figures: (o) => [
      benchCell(o, 'ga_nk', 'Hyperclimb GA ga-classic, createRun', 'cpu'),
      benchCell(o, 'ga_nk', 'peer numpy vectorised', 'cpu'),
      benchMatch(o, /\(a\) GA on NK: ([0-9.]+×) the numpy peer/),
    ],
  },
  {
    file: 'README.md',
    passage: "| (b) CMA-ES on Rastrigin, N = 1000, λ = 32, 100 iterations | 1.25 s/iteration (222 evaluations per CPU second) | pycma 4.5.0 full CMA: 0.536 s/iteration (498) | **0.43×** pycma's speed",
    command: speedRuns,
    cheap: true,
    figures: (o) => [
      benchCell(o, 'es_rastrigin', 'Hyperclimb CMA-ES (full), createRun', 'sIter'),
      benchCell(o, 'es_rastrigin', 'Hyperclimb CMA-ES (full), createRun', 'cpu'),
      benchCell(o, 'es_rastrigin', 'peer pycma 4.5.0 full CMA', 'sIter'),
      benchCell(o, 'es_rastrigin', 'peer pycma 4.5.0 full CMA', 'cpu'),
      benchMatch(o, /\(b\) CMA-ES N=1000: ([0-9.]+×) the speed of pycma/),
    ],
  },
  {
    file: 'README.md',
    passage:
      "| (e) CMA-ES's eigensolver alone, N = 1000 | 1.101 s CPU per decomposition (typed-array reference: 5.134 s) | `numpy.linalg.eigh` (LAPACK): 3.28 decompositions per CPU second | **2.70×** LAPACK's time",
    command: speedRuns,
    cheap: true,
    figures: (o) => [
      benchMatch(o, /kernel [0-9.]+ s wall, ([0-9.]+ s) CPU per decomposition/),
      benchMatch(o, /typed-array reference [0-9.]+ s wall, ([0-9.]+ s) CPU/),
      benchCell(o, 'eigen', 'numpy.linalg.eigh', 'cpu'),
      benchMatch(o, /\(e\) CMA-ES's eigensolver alone, N = 1000: ([0-9.]+×) the time of LAPACK/),
    ],
  },
  {
    file: 'README.md',
    passage: 'decomposes the 1000 × 1000 covariance 11 times in 100 iterations; the kernel made each decomposition 4.43× faster',
    command: speedRuns,
    cheap: true,
    figures: (o) => [
      `${benchMatch(o, /([0-9]+) iterations with an eigendecomposition/)} times`,
      `${benchCell(o, 'eigen', 'Hyperclimb symmetricEigen, typed-array reference', 'ratio')} faster`,
    ],
  },
  {
    file: 'README.md',
    passage: "| (c) GD on the sphere, N = 10⁷, one step | 1.69 copies' time per step (8.18 GB per CPU second at 16 B/element) | numpy's in-place step (28.2) | **5.84×** numpy's time",
    command: speedRuns,
    cheap: true,
    figures: (o) => [
      benchMatch(o, /GD step via createRun [0-9.]+ ns \(= ([0-9.]+) copies\)/),
      benchCell(o, 'gd_sphere_bw', 'Hyperclimb GD step, createRun', 'cpu'),
      benchCell(o, 'gd_sphere_bw', 'peer numpy GD in place', 'cpu'),
      benchMatch(o, /time per step ([0-9.]+×) numpy's in-place step/),
    ],
  },
  {
    file: 'README.md',
    passage:
      "| 325 steps per CPU second | numpy f64: 237; PyTorch f64: 225; hand-written JS: 48; TensorFlow.js WebAssembly (f32): 83.1 | **1.75×** numpy's speed, **0.91×** PyTorch's, **3.98×** hand-written JS |",
    command: speedRuns,
    cheap: true,
    figures: (o) => [
      benchCell(o, 'gd_mlp', 'Hyperclimb mlp + gd, createRun', 'cpu'),
      ...['peer numpy backprop f64', 'peer PyTorch 2.13 CPU autograd f64', 'peer JS Float64Array backprop'].flatMap((label) => [
        benchCell(o, 'gd_mlp', label, 'cpu'),
        benchCell(o, 'gd_mlp', label, 'ratio'),
      ]),
      benchCell(o, 'gd_mlp', 'peer tfjs 4.22 wasm', 'cpu'),
    ],
  },
];

class Sink {
  text = '';
  isTTY = false;
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** Runs a claim's command (from the repository root) and returns what it printed. */
export async function runCommand(command: Command): Promise<Output> {
  if ('compute' in command) return { stdout: '', lines: [] };
  if ('shell' in command) return { stdout: execFileSync('bash', ['-c', command.shell], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 }), lines: [] };
  const dir = mkdtempSync(join(tmpdir(), 'hyperclimb-figures-'));
  try {
    const out = join(dir, 'out.jsonl');
    const args = command.hyperclimb.map((a) => (a.startsWith('sims/') ? join(root, a) : a));
    const stdout = new Sink();
    const stderr = new Sink();
    const code = await main(command.out ? [...args, '--out', out] : [...args], { stdout: stdout as unknown as NodeJS.WriteStream, stderr: stderr as unknown as NodeJS.WriteStream });
    if (code !== 0) throw new Error(`hyperclimb ${command.hyperclimb.join(' ')} exited with ${code}: ${stderr.text}`);
    const lines = command.out ? readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ResultLine) : [];
    return { stdout: stdout.text, lines };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The problems of one claim against its command's output: a missing passage, or figures the passage does not quote. */
export function checkClaim(claim: Claim, output: Output): string[] {
  const text = collapse(readFileSync(join(root, claim.file), 'utf8'));
  const passage = collapse(claim.passage);
  if (!text.includes(passage)) return [`${claim.file}: the passage "${passage.slice(0, 80)}…" is no longer in the file`];
  const scope = claim.wholeFile ? text : passage;
  return claim.figures(output)
    .map(collapse)
    .filter((figure) => !scope.includes(figure))
    .map((figure) => `${claim.file}: the command now prints "${figure}", which "${passage.slice(0, 80)}…" does not quote`);
}

/** A key per command, so claims that share one run it once. */
export const commandKey = (command: Command) => JSON.stringify(command);

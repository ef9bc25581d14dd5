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
import type { ContinuousLandscape } from '../src/core/landscapes/landscape.ts';
import { schwefel } from '../src/core/landscapes/schwefel.ts';
import { DIVIDE_AND_CONQUER_MIN } from '../src/core/linalg/tridiagonal-divide-conquer.ts';
import { REDUCTION_BLOCK } from '../src/core/linalg/symmetric-eigen.ts';
import { deriveRng } from '../src/core/rng.ts';

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

// The speed runs are kept verbatim in bench/runs/ (timings cannot be recomputed; these claims check that README quotes
// what the bench printed): a table cell by workload, row label and column, a note's or a target line's text.
/**
 * The later es_rastrigin + eigen pass with CMA-ES's sampling and covariance kernels and the blocked accumulation, its
 * phase profile, and pycma's decompositions in the same workload.
 */
const cmaRuns = {
  shell: 'cat bench/runs/2026-12-03-x16eig-cma-eigen.txt bench/runs/2026-12-03-x16eig-cma-phases.txt bench/runs/2026-12-03-x16eig-pycma-lazy-gap.txt',
} as const;
/** CMA-ES's generations without a decomposition after the panels and the blocked update (issue 16), λ = 32 first. */
const cmaIterationRuns = { shell: 'cat bench/runs/2026-12-03-x17cmaiter-cma-phases.txt' } as const;
/** `bench/cma-es-phases.ts` and a loaded es_rastrigin pass with the eigenvectors kept factored (x18factored). */
const factoredPhases = { shell: 'cat bench/runs/2026-12-03-x18factored-cma-phases.txt' } as const;
const factoredPeers = { shell: 'cat bench/runs/2026-12-03-x18factored-peers-eigen-es-1.txt' } as const;
/** The sphere kernel's loop shapes (several passes, each printed). */
const kernelShapesRuns = { shell: 'cat bench/runs/2026-12-03-x17sphere-kernel-shapes.txt' } as const;
/** The same bench after the kernel's page touches (issue 16, x18sphere), two passes. */
const touchedKernelShapesRuns = { shell: 'cat bench/runs/2026-12-03-x18sphere-kernel-shapes.txt' } as const;
/** Two runs of `npm run bench -- --workload gd_sphere_bw --peers all --passes 3` after the page touches. */
const touchedSphereRuns = { shell: 'cat bench/runs/2026-12-03-x18sphere-peers-1.txt bench/runs/2026-12-03-x18sphere-peers-2.txt' } as const;
/** The least and the greatest of a figure printed once per pass, as "A×–B×". */
const spanOver = (o: Output, pattern: RegExp) => {
  const values = [...o.stdout.matchAll(pattern)].map((m) => Number(m[1]));
  if (values.length === 0) throw new Error(`bench output has no ${pattern}`);
  return `${Math.min(...values).toFixed(2)}×–${Math.max(...values).toFixed(2)}×`;
};
const phaseCell = (o: Output, first: string, column: number) => row(o, first)[column]!;
const benchCell = (o: Output, workload: string, label: string, column: 'value' | 'cpu' | 'sIter' | 'ratio') => {
  const row = o.stdout.split('\n').find((l) => l.startsWith(`| ${workload} `) && l.includes(`| ${label}`));
  if (!row) throw new Error(`no bench row ${workload} / ${label}`);
  const cells = row.split('|').map((c) => c.trim());
  return cells[{ value: 4, cpu: 5, sIter: 6, ratio: 7 }[column]]!;
};
/** The pass of `npm run bench -- --peers all` on a quiet machine, after the kernels of issue 16. */
const quietRuns = { shell: 'cat bench/runs/2026-12-03-quiet-peers-all.txt' } as const;
/** The same command on the quiet machine at the end of the work on issue 16: README's Speed table. */
const finalQuietRun = { shell: 'cat bench/runs/2026-12-03-quiet-peers-all-2.txt' } as const;
/** The same command on the quiet machine after the factored eigenvectors and the faster reduction: README's Speed table. */
const lastQuietRun = { shell: 'cat bench/runs/2026-12-03-quiet-peers-all-4.txt' } as const;
/** Every quiet pass of that command, for the spread of the peers' own times. */
const allQuietRuns = {
  shell: 'cat bench/runs/2026-12-03-quiet-peers-all.txt bench/runs/2026-12-03-quiet-peers-all-2.txt bench/runs/2026-12-03-quiet-peers-all-3.txt bench/runs/2026-12-03-quiet-peers-all-4.txt',
} as const;
const benchMatch = (o: Output, pattern: RegExp) => {
  const match = pattern.exec(o.stdout);
  if (!match) throw new Error(`bench output has no ${pattern}`);
  return match[1]!;
};
/** `bench/arithmetic-ceiling.ts` kept verbatim: a 5-pass run, then a 3-pass run minutes earlier (issue 16, target (b)). */
const ceilingRun = { shell: 'cat bench/runs/2026-12-03-x17ceiling.txt' } as const;
/** The ratio OpenBLAS ÷ ours by CPU time in the first run's rates row that starts `| work | n |` and names `native`. */
const ceilingRatio = (o: Output, work: string, native: string) => {
  const line = o.stdout.split('\n').find((l) => l.startsWith(`| ${work} |`) && l.includes(`| ${native} |`));
  if (!line) throw new Error(`no arithmetic-ceiling row ${work} / ${native}`);
  return line.split('|').map((c) => c.trim())[9]!;
};
const ceilingLines = (o: Output) => [...o.stdout.matchAll(/^Ceiling, CPU time: (.*)$/gm)].map((m) => m[1]!);
const ceilingMatch = (line: string, pattern: RegExp) => benchMatch({ stdout: line, lines: [] }, pattern);
/** The page's bench run kept verbatim (`npm run bench:page`): a view's ratio to the Race view, as printed. */
const pageRun = { shell: 'cat bench/runs/2026-12-03-page.txt' } as const;
const pageRatio = (o: Output, file: string, view: string) => {
  const line = o.stdout.split('\n').find((l) => l.startsWith(`| ${file} | ${view} |`));
  if (!line) throw new Error(`no bench:page row ${file} / ${view}`);
  return line.split('|').map((c) => c.trim())[5]!;
};
/** A view's ratios on the network scenario, every pass in the file in order. */
const networkRatios = (o: Output, view: string) =>
  o.stdout.split('\n').filter((l) => l.startsWith(`| neuroevolution-vs-sgd.yaml | ${view} |`)).map((l) => l.split('|').map((c) => c.trim())[5]!);
/** `npm run results`'s run kept verbatim: each sweep's wall and CPU seconds. */
const resultsRun = { shell: 'cat bench/runs/2026-12-03-results.txt' } as const;
const sweepCosts = (o: Output) =>
  [...o.stdout.matchAll(/^(\S+)\.results\.jsonl: \d+ lines, ([0-9.]+) s wall, ([0-9.]+) s CPU$/gm)].map((m) => ({ name: m[1]!, wall: m[2]!, cpu: Number(m[3]) }));
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

/** The greedy walk's and the GA's dead-end rates in per cent at every N of a dimension sweep file, as quoted. */
const deadEndRates = (o: Output) => ['Greedy walk', 'GA'].map((label) => `${racer(o, label).map((r) => percent(r.deadEnds)).join(', ')} %`);
const familyCell = (o: Output, family: string, n: number, column: number) => familyRows(o, family).find((r) => r[0] === String(n))![column]!;
/** The mean number of local optima, 2^N times the table's mean share, to two significant digits. */
const optimaCount = (o: Output, family: string, n: number) => (2 ** n * Number(familyCell(o, family, n, 2).split(' ± ')[0])).toPrecision(2);

/** The lessons of the two dimension sweep files: the table's ends, the race's rates and, for NK, the count of optima. */
function dimensionLessonClaims(): Claim[] {
  const cards = 'sims/house-of-cards-vs-n.yaml';
  const nk = 'sims/nk-vs-n.yaml';
  const [SHARE, REACH] = [2, 3];
  return [
    {
      file: cards,
      passage: `the share that are local optima is 0.2019 ± 0.0058 at N = 4 and 0.058786 ± 0.000071 at N = 16, as 1/(N + 1)
        says (0.2000 and 0.0588;`,
      command: dimensionTable,
      cheap: false,
      figures: (o) => [
        `${familyCell(o, 'house of cards', 4, SHARE)} at N = 4`,
        `${familyCell(o, 'house of cards', 16, SHARE)} at N = 16`,
        `(${familyCell(o, 'house of cards', 4, 1)} and ${familyCell(o, 'house of cards', 16, 1)};`,
      ],
    },
    {
      file: cards,
      passage: `53, 79, 98, 100, 100, 99, 100 % of greedy walks and 0, 1, 28, 61, 83, 92, 96 % of GAs for N = 4, 6, …, 16`,
      command: { hyperclimb: ['run', cards, '--json'] },
      cheap: false,
      figures: deadEndRates,
    },
    {
      file: cards,
      passage: 'reaches the top falls from 0.524 ± 0.018 to 0.000580 ± 0.000031',
      command: dimensionTable,
      cheap: false,
      figures: (o) => [`from ${familyCell(o, 'house of cards', 4, REACH)} to ${familyCell(o, 'house of cards', 16, REACH)}`],
    },
    {
      file: nk,
      passage: `falls from 0.1437 ± 0.0046 at N = 4 to 0.000387 ± 0.000016 at N = 16, far faster than house of cards' 1/(N + 1);
        but the space doubles with every locus, so the mean number of local optima still grows, about 2.3, 5.1, 12 and 25
        at N = 4, 8, 12, 16`,
      command: dimensionTable,
      cheap: false,
      figures: (o) => [
        `from ${familyCell(o, 'NK, K = 2', 4, SHARE)} at N = 4 to ${familyCell(o, 'NK, K = 2', 16, SHARE)} at N = 16`,
        `about ${[4, 8, 12].map((n) => optimaCount(o, 'NK, K = 2', n)).join(', ')} and ${optimaCount(o, 'NK, K = 2', 16)}`,
      ],
    },
    {
      file: nk,
      passage: 'falls, slowly: 0.682 ± 0.019 to 0.204 ± 0.011',
      command: dimensionTable,
      cheap: false,
      figures: (o) => [`${familyCell(o, 'NK, K = 2', 4, REACH)} to ${familyCell(o, 'NK, K = 2', 16, REACH)}`],
    },
    {
      file: nk,
      passage: `the greedy walk reaches the top in 57, 46, 39, 32, 36, 17, 22 % of runs for N = 4, 6, …, 16 and the GA in 100,
        100, 97, 86, 83, 76, 65 %`,
      command: { hyperclimb: ['run', nk, '--json'] },
      cheap: false,
      figures: raceRates,
    },
    {
      file: nk,
      passage: 'from 0.204 of starts here against 0.000580 on house of cards',
      command: dimensionTable,
      cheap: false,
      figures: (o) => [`${familyCell(o, 'NK, K = 2', 16, REACH).split(' ± ')[0]} of starts here against ${familyCell(o, 'house of cards', 16, REACH).split(' ± ')[0]}`],
    },
    {
      file: nk,
      passage: 'optima on average, 16 at N = 12, K = 2. Random neighbours give fewer: about 12 at N = 12',
      command: { compute: true },
      cheap: true,
      // Perelson & Macken's block model, binary: (2^(K+1)/(K + 2))^(N/(K+1)) local optima on average.
      figures: () => [`on average, ${(2 ** 3 / 4) ** (12 / 3)} at N = 12`],
    },
    {
      file: nk,
      passage: 'optima on average, 16 at N = 12, K = 2. Random neighbours give fewer: about 12 at N = 12',
      command: dimensionTable,
      cheap: false,
      figures: (o) => [`about ${optimaCount(o, 'NK, K = 2', 12)} at N = 12`],
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

/** Issue 12, parts 2 and 3: loss curves and success rates, and the interpolation table (the scripts print the tables). */
const stuckLayer = { shell: 'node bin/run-ts.mjs examples/loss-curves.ts sims/stuck-layer.yaml' } as const;
const depthVsResidual = { shell: 'node bin/run-ts.mjs examples/loss-curves.ts sims/depth-vs-residual.yaml' } as const;
const interpolationOf = (replicates: number) =>
  ({
    shell: `f=$(mktemp) && node bin/hyperclimb.mjs run sims/interpolation.yaml --replicates ${replicates} --out "$f" > /dev/null && node bin/run-ts.mjs examples/interpolation.ts sims/interpolation.yaml "$f"; s=$?; rm -f "$f"; exit $s`,
  }) as const;
const interpolation = interpolationOf(4);
const interpolation20 = interpolationOf(20);
/** Every table row and summary line a script prints must stand in the file as printed. */
const printedRows = (o: Output) => o.stdout.split('\n').filter((l) => l.startsWith('| '));
const printedLine = (o: Output, start: string) => o.stdout.split('\n').find((l) => l.startsWith(start))!;
/** A loss-curves row's final loss (column 8) and success share (9); an interpolation row's training (6) and test (7) loss. */
const curveEnd = (o: Output, first: string) => row(o, first)[8]!;
const curveSuccess = (o: Output, first: string) => row(o, first)[9]!;
const trainLoss = (o: Output, first: string) => row(o, first)[6]!;
const heldOutLoss = (o: Output, first: string) => row(o, first)[7]!;
const baselineTest = (o: Output, labels: string) => printedLine(o, `${labels} labels, the training targets' mean`).split('test loss ')[1]!;
const fromRatio = (o: Output, labels: string, racer: string) => printedLine(o, `${labels} labels, ${racer}:`).split('from parameters ÷ data = ')[1]!.split(';')[0]!;
const testRange = (o: Output, labels: string, widths: number[]) => {
  const values = ['GD', 'SGD'].flatMap((r) => widths.map((w) => meanSe(heldOutLoss(o, `${labels} | ${r} | ${w}`))[0]!));
  const text = (v: number) => o.stdout.split('\n').flatMap((l) => l.split('|').map((c) => c.trim().split(' ± ')[0]!)).find((c) => Number(c) === v)!;
  return `${text(Math.min(...values))} to ${text(Math.max(...values))}`;
};

/** Safran & Shamir's k = n = 8 student: gradient descent's dead-end share and the index where it stops (README, docs). */
const spuriousMinima = {
  hyperclimb: ['analyze', '--landscape', '{id: relu-teacher-student, inputs: 8, teacherUnits: 8, studentUnits: 8}', '--instances', '10', '--starts', '100',
    '--learning-rate', '0.5', '--measures', 'gd-dead-end-rate,critical-index', '--json'],
} as const;
const analyzeMeasure = (o: Output, id: string) => {
  const m = (JSON.parse(o.stdout) as { measures: Record<string, { mean: number; se: number }> }).measures[id]!;
  return `${m.mean.toFixed(3)} ± ${m.se.toFixed(3)}`;
};

/** examples/saddles-table.sh: by N, the cells [N, points found, share of minima, mean index, index–loss correlation]. */
const saddlesTable = { shell: 'bash examples/saddles-table.sh' } as const;
const saddles = (o: Output, n: number) => row(o, String(n)).slice(1, -1);
const [FOUND, MINIMA, INDEX, CORRELATION] = [1, 2, 3, 4];
/** The N = 2 row of the saddles table by its own analyze call (a second or two). */
const saddlesRow2 = {
  hyperclimb: ['analyze', '--landscape', '{id: random-field, dim: 2}', '--instances', '20', '--starts', '50', '--measures',
    'critical-points,critical-points-optima-share,critical-points-mean-index,critical-points-index-loss-correlation', '--json'],
} as const;
const saddlesRace = { hyperclimb: ['run', 'sims/saddles-vs-n.yaml', '--json'] } as const;
/** Gradient descent's loss where it stopped, as the text writes it (a true minus sign, two decimals). */
const stopLoss = (r: RacerResult) => {
  const v = -r.meanBestFitness;
  return `${v < 0 ? '−' : ''}${Math.abs(v).toFixed(2)} ± ${r.seBestFitness.toFixed(2)}`;
};
const gdAt = (o: Output, dims: number[]) => summary(o).cells.filter((c) => dims.includes(c.params['landscape.dim']!)).map((c) => c.results[0]!);
/** examples/goe-positive-definite.ts: by N, [N, matrices, positive definite, P ± s.e., exact, −ln P / N²], and the fit line. */
const goeTable = { shell: 'node bin/run-ts.mjs examples/goe-positive-definite.ts' } as const;
const goe = (o: Output, n: number) => row(o, String(n)).slice(1, -1);
const goeFit = (o: Output) => /N = 1 … 6: ([\d.]+); N = 4 … 6: ([\d.]+);.*= ([\d.]+)$/m.exec(o.stdout)!.slice(1, 4);
/**
 * The second-order races (sims/second-order*.yaml): per racer in one cell, mean ± s.e. evaluations and mean flops
 * (as the run table prints them), outcome shares, in the order the text quotes the racers.
 */
const SECOND_ORDER = ['GD', 'L-BFGS', 'CG', 'Newton–CG'];
const secondOrderRacer = (o: Output, cell: number, label: string) =>
  summary(o).cells[cell].results.find((r) => r.label === label)! as RacerResult & { meanFlops: number };
const secondOrderCosts = (o: Output, cell: number, labels = SECOND_ORDER) =>
  labels.flatMap((label) => {
    const r = secondOrderRacer(o, cell, label);
    return [`${Math.round(r.meanEvaluations)} ± ${Math.round(r.seEvaluations)}`, r.meanFlops.toExponential(2)];
  });
const secondOrderShares = (o: Output, cell: number, share: (r: RacerResult) => number) =>
  [['L-BFGS', 'CG', 'Newton–CG'].map((label) => `${percent(share(secondOrderRacer(o, cell, label)))}%`).join(', ').replace(/, (?=[^,]*$)/, ' and ')];
const secondOrderRace = (name: string) => ({ hyperclimb: ['run', `sims/${name}.yaml`, '--json'] }) as const;
const fruit = { hyperclimb: ['run', 'sims/your-own-data.yaml', '--json'] } as const;
/** A racer's mean ± s.e. training loss (or test loss) in a cell of the fruit scenario, as its texts quote it. */
const fruitLoss = (o: Output, cell: number, label: string, test = false) => {
  const r = summary(o).cells[cell].results.find((x) => x.label === label)!;
  return test ? `${r.meanTestLoss!.toFixed(3)} ± ${r.seTestLoss!.toFixed(3)}` : `${(-r.meanBestFitness).toFixed(3)} ± ${r.seBestFitness.toFixed(3)}`;
};

export const CLAIMS: readonly Claim[] = [
  {
    file: 'README.md',
    passage: "| (a) GA on NK, N = 64, K = 4, population 1000, 200 generations | 3,630,000 evaluations per second | numpy, vectorised: 1,520,000 | **2.38×** numpy's speed | ≥ 2× numpy: met |",
    command: lastQuietRun,
    cheap: true,
    figures: (o) => [
      benchCell(o, 'ga_nk', 'Hyperclimb GA ga-classic, createRun', 'value'),
      benchCell(o, 'ga_nk', 'peer numpy vectorised', 'value'),
      benchMatch(o, /\(a\) GA on NK: ([0-9.]+×) the numpy peer \(target ≥ 2×: met\)/),
    ],
  },
  {
    file: 'README.md',
    passage: "| (b) CMA-ES on Rastrigin, N = 1000, λ = 32, 100 iterations | 0.0413 s/iteration | pycma 4.5.0 full CMA: 0.0440 s/iteration | **1.07×** pycma's speed | ≥ 1× pycma: met |",
    command: lastQuietRun,
    cheap: true,
    figures: (o) => [
      benchCell(o, 'es_rastrigin', 'Hyperclimb CMA-ES (full), createRun', 'sIter'),
      benchCell(o, 'es_rastrigin', 'peer pycma 4.5.0 full CMA', 'sIter'),
      benchMatch(o, /\(b\) CMA-ES N=1000: ([0-9.]+×) the speed of pycma's full CMA-ES per iteration \(target ≥ 1×: met\)/),
    ],
  },
  {
    file: 'README.md',
    passage: "| (e) CMA-ES's eigensolver alone, N = 1000 | 2.74 decompositions per second (typed-array reference: 0.216) | `numpy.linalg.eigh` (LAPACK dsyevd, OpenBLAS, 1 thread): 5.45 | **1.99×** LAPACK's time | within 3× of LAPACK: met |",
    command: lastQuietRun,
    cheap: true,
    figures: (o) => [
      benchCell(o, 'eigen', 'Hyperclimb symmetricEigen, WebAssembly SIMD kernel', 'value'),
      benchCell(o, 'eigen', 'Hyperclimb symmetricEigen, typed-array reference', 'value'),
      benchCell(o, 'eigen', 'numpy.linalg.eigh', 'value'),
      benchMatch(o, /\(e\) CMA-ES's eigensolver alone, N = 1000: ([0-9.]+×) the time of LAPACK's \(numpy eigh\) \(target ≤ 3×: met\)/),
    ],
  },
  {
    file: 'README.md',
    passage: "| (c) GD on the sphere, N = 10⁷, one step | 25.5 GB/s at 16 B/element | numpy's in-place step, which computes no fitness and keeps no best point: 32.3; the same step without huge pages: 31.2; numpy doing the same work as ours: 13.1 | **1.26×** the time of numpy's in-place step; 1.23× that of the step without huge pages; **0.51×** that of numpy doing the same work | ≤ 1.5× numpy's in-place step: met |",
    command: lastQuietRun,
    cheap: true,
    figures: (o) => [
      benchCell(o, 'gd_sphere_bw', 'Hyperclimb GD step, createRun', 'value'),
      benchCell(o, 'gd_sphere_bw', 'peer numpy GD in place', 'value'),
      benchCell(o, 'gd_sphere_bw', 'numpy in-place step without huge pages', 'value'),
      benchCell(o, 'gd_sphere_bw', 'numpy GD keeping the best', 'value'),
      benchMatch(o, /\(c\) GD step on the sphere: time per step ([0-9.]+×) numpy's in-place step \(target ≤ 1\.5×: met/),
      benchMatch(o, /\(c\) GD step on the sphere: .*?; ([0-9.]+×) the same numpy step without huge pages/),
      benchMatch(o, /\(c\) GD step on the sphere: .*; ([0-9.]+×) the time of numpy doing the same work/),
    ],
  },
  {
    file: 'README.md',
    passage: "| (d) 500 full-batch GD steps, teacher–student MLP 20-64-1, 2048 samples, MSE (float64) | 356 steps per second | numpy f64: 320; PyTorch f64: 447; hand-written JS: 52.2; TensorFlow.js WebAssembly (f32): 108 | **1.11×** numpy's speed, 0.80× PyTorch's, 6.83× hand-written JS | ≥ 1× numpy f64: met |",
    command: lastQuietRun,
    cheap: true,
    figures: (o) => [
      benchCell(o, 'gd_mlp', 'Hyperclimb mlp + gd, createRun', 'value'),
      benchCell(o, 'gd_mlp', 'peer numpy backprop f64', 'value'),
      benchCell(o, 'gd_mlp', 'peer PyTorch 2.13 CPU autograd f64', 'value'),
      benchCell(o, 'gd_mlp', 'peer JS Float64Array backprop', 'value'),
      benchCell(o, 'gd_mlp', 'peer tfjs 4.22 wasm backend', 'value'),
      benchMatch(o, /\(d\) GD on the teacher–student MLP: .*; ([0-9.]+×) numpy f64 \(target ≥ 1×\)/),
      benchMatch(o, /\(d\) GD on the teacher–student MLP: .*; ([0-9.]+×) PyTorch f64/),
      benchMatch(o, /\(d\) GD on the teacher–student MLP: ([0-9.]+×) the plain-JS peer/),
    ],
  },
  {
    file: 'README.md',
    passage: "pycma's own time per iteration moved between 0.0427 and 0.0476 s across our four quiet passes",
    command: allQuietRuns,
    cheap: true,
    figures: (o) => {
      const times = o.stdout
        .split('\n')
        .filter((l) => l.startsWith('| es_rastrigin ') && l.includes('| peer pycma 4.5.0 full CMA'))
        .map((l) => l.split('|').map((c) => c.trim())[6]!);
      if (times.length !== 4) throw new Error(`expected 4 quiet passes with pycma, got ${times.length}`);
      const sorted = times.map(Number).sort((a, b) => a - b);
      return [`between ${sorted[0]!.toFixed(4)} and ${sorted[3]!.toFixed(4)} s`];
    },
  },
  {
    file: 'README.md',
    passage: "our createRun's first run in the process (the notes' rep 0, which also compiles the kernels) took 0.0421 s per iteration",
    command: lastQuietRun,
    cheap: true,
    figures: (o) => [`took ${benchMatch(o, /es_rastrigin: rep 0: run ([0-9.]+) s\/iteration/)} s per iteration`],
  },
  {
    file: 'README.md',
    passage: "gave (b) 1.08× pycma's speed by wall clock and 1.06× by CPU time, and (e) 2.00× LAPACK's time.",
    command: { shell: 'cat bench/runs/2026-12-03-quiet-es-eigen-5.txt' },
    cheap: true,
    figures: (o) => [
      `(b) ${benchMatch(o, /\(b\) CMA-ES N=1000: ([0-9.]+×) the speed of pycma/)}`,
      `and ${benchMatch(o, /\(b\) CMA-ES N=1000: .*; by CPU time ([0-9.]+×) \(met\)/)} by CPU`,
      `(e) ${benchMatch(o, /\(e\) CMA-ES's eigensolver alone, N = 1000: ([0-9.]+×) the time of LAPACK/)}`,
    ],
  },
  {
    file: 'README.md',
    passage: "(`bench/runs/2026-12-03-quiet-peers-all.txt`), (b) 0.45× pycma's speed, (e) 3.95× LAPACK's time and (c) 1.97× the time of numpy's in-place step",
    command: quietRuns,
    cheap: true,
    figures: (o) => [
      `(b) ${benchMatch(o, /\(b\) CMA-ES N=1000: ([0-9.]+×) the speed of pycma/)}`,
      `(e) ${benchMatch(o, /\(e\) CMA-ES's eigensolver alone, N = 1000: ([0-9.]+×) the time of LAPACK/)}`,
      `(c) ${benchMatch(o, /\(c\) GD step on the sphere: time per step ([0-9.]+×) numpy's in-place step/)}`,
    ],
  },
  {
    file: 'README.md',
    passage: 'after them (`-2.txt`), (b) 0.67×, (e) 2.38× and (c) 1.59×.',
    command: finalQuietRun,
    cheap: true,
    figures: (o) => [
      `(b) ${benchMatch(o, /\(b\) CMA-ES N=1000: ([0-9.]+×) the speed of pycma/)}`,
      `(e) ${benchMatch(o, /\(e\) CMA-ES's eigensolver alone, N = 1000: ([0-9.]+×) the time of LAPACK/)}`,
      `(c) ${benchMatch(o, /\(c\) GD step on the sphere: time per step ([0-9.]+×) numpy's in-place step/)}`,
    ],
  },
  {
    file: 'README.md',
    passage: 'a decomposition of the `eigen` workload took 0.431 s CPU in `-2.txt` and 0.365 s in the pass above.',
    command: finalQuietRun,
    cheap: true,
    figures: (o) => [`took ${benchMatch(o, /eigen: n = 1000: .*?kernel [0-9.]+ s wall, ([0-9.]+ s) CPU per decomposition/)} CPU`],
  },
  {
    file: 'README.md',
    passage: 'a decomposition of the `eigen` workload took 0.431 s CPU in `-2.txt` and 0.365 s in the pass above.',
    command: lastQuietRun,
    cheap: true,
    figures: (o) => [`and ${benchMatch(o, /eigen: n = 1000: .*?kernel [0-9.]+ s wall, ([0-9.]+ s) CPU per decomposition/)} in`],
  },
  {
    file: 'README.md',
    passage: 'In the pass above a generation without a decomposition takes 16.6 ms (median; Qᵀ on the samples is the added part) and one with a decomposition 0.19 s.',
    command: lastQuietRun,
    cheap: true,
    figures: (o) => [
      `takes ${benchMatch(o, /es_rastrigin: rep 1: .*?median iteration without decomposition ([0-9.]+ ms)/)} (median`,
      `decomposition ${benchMatch(o, /es_rastrigin: rep 1: .*?iterations with an eigendecomposition \(N = 1000\) ([0-9.]+ s) median/)}.`,
    ],
  },
  {
    file: 'sims/second-order.yaml',
    passage: `19611 ± 17 evaluations and 4.90e+8 flops for GD, 468 ± 3 and 2.17e+8 for L-BFGS, 870 ± 34 and 6.29e+7 for CG,
      and 507 ± 4 and 4.19e+7 for Newton–CG`,
    command: secondOrderRace('second-order'),
    cheap: false,
    figures: (o) => secondOrderCosts(o, 3),
  },
  {
    file: 'sims/second-order.yaml',
    passage: `at N = 10⁴ GD needs 19611 ± 17, L-BFGS 468 ± 3 and Newton–CG 507 ± 4. But each of their evaluations carries
      more arithmetic (L-BFGS's update costs 8mN flops, a gradient here 3N), so in flops the gap shrinks to 4.90e+8
      against 2.17e+8 and 4.19e+7.`,
    command: secondOrderRace('second-order'),
    cheap: false,
    figures: (o) => secondOrderCosts(o, 3, ['GD', 'L-BFGS', 'Newton–CG']),
  },
  {
    file: 'sims/second-order.yaml',
    passage: `123 ± 8 evaluations and 1.10e+7 flops for GD, 41 ± 3 and 1.18e+7 for L-BFGS, 60 ± 3 and 7.31e+6 for CG,
      and 61 ± 4 and 1.02e+7 for Newton–CG`,
    command: secondOrderRace('second-order-factorisation'),
    cheap: false,
    figures: (o) => secondOrderCosts(o, 3),
  },
  {
    file: 'sims/second-order.yaml',
    passage: 'L-BFGS wins in evaluations (41 ± 3 against 123 ± 8) and loses in flops (1.18e+7 against 1.10e+7)',
    command: secondOrderRace('second-order-factorisation'),
    cheap: false,
    figures: (o) => secondOrderCosts(o, 3, ['L-BFGS', 'GD']),
  },
  {
    file: 'sims/second-order.yaml',
    passage: 'ends (the local optimum near (−1, 1, …, 1)) in 33%, 33% and 33% of runs of L-BFGS, CG and Newton–CG at N = 10 (GD: 0%',
    command: secondOrderRace('second-order-rosenbrock'),
    cheap: false,
    figures: (o) => [...secondOrderShares(o, 0, (r) => r.deadEnds), `GD: ${percent(secondOrderRacer(o, 0, 'GD').deadEnds)}%`],
  },
  {
    file: 'sims/second-order.yaml',
    passage: 'end at the local optimum near (−1, 1, …, 1) in 33%, 33% and 33% of runs',
    command: secondOrderRace('second-order-rosenbrock'),
    cheap: false,
    figures: (o) => secondOrderShares(o, 0, (r) => r.deadEnds),
  },
  {
    file: 'sims/second-order.yaml',
    passage: 'and at N = 1000 the optimum in 67%, 0% and 0% of their runs',
    command: secondOrderRace('second-order-rosenbrock'),
    cheap: false,
    figures: (o) => secondOrderShares(o, 2, (r) => r.reachedOptimum),
  },
  {
    file: 'README.md',
    passage: `19611 ± 17 evaluations for GD against 468 ± 3 for L-BFGS and 507 ± 4 for Newton–CG, and 4.90e+8 flops
      against 2.17e+8 and 4.19e+7`,
    command: secondOrderRace('second-order'),
    cheap: false,
    figures: (o) => secondOrderCosts(o, 3, ['GD', 'L-BFGS', 'Newton–CG']),
  },
  {
    file: 'README.md',
    passage: '41 ± 3 evaluations for L-BFGS against 123 ± 8 for GD, but 1.18e+7 flops against 1.10e+7',
    command: secondOrderRace('second-order-factorisation'),
    cheap: false,
    figures: (o) => secondOrderCosts(o, 3, ['L-BFGS', 'GD']),
  },
  {
    file: 'docs/optimizers.md',
    passage: '19611 ± 17 evaluations and 4.90e+8 flops for `gd`, 468 ± 3 and 2.17e+8 for `lbfgs`',
    command: secondOrderRace('second-order'),
    cheap: false,
    figures: (o) => secondOrderCosts(o, 3, ['GD', 'L-BFGS']),
  },
  {
    file: 'docs/optimizers.md',
    passage: 'L-BFGS needs 41 ± 3 evaluations against 123 ± 8 but 1.18e+7 flops against 1.10e+7',
    command: secondOrderRace('second-order-factorisation'),
    cheap: false,
    figures: (o) => secondOrderCosts(o, 3, ['L-BFGS', 'GD']),
  },
  {
    file: 'sims/second-order.yaml',
    passage: 'GD, L-BFGS, CG and Newton–CG did 8.09e+8, 8.86e+8, 8.17e+8 and 8.18e+8 flops',
    command: secondOrderRace('second-order-network'),
    cheap: false,
    figures: (o) => [SECOND_ORDER.map((label) => secondOrderRacer(o, 2, label).meanFlops.toExponential(2)).join(', ').replace(/, (?=[^,]*$)/, ' and ')],
  },
  {
    file: 'sims/your-own-data.yaml',
    passage: "training loss 0.080 ± 0.022 against CMA-ES's 0.160 ± 0.013) but does worse on the held-out rows (test loss 1.841 ± 0.360 against 0.799 ± 0.188)",
    command: fruit,
    cheap: false,
    figures: (o) => [fruitLoss(o, 0, 'Adam'), fruitLoss(o, 0, 'CMA-ES'), fruitLoss(o, 0, 'Adam', true), fruitLoss(o, 0, 'CMA-ES', true)],
  },
  {
    file: 'sims/your-own-data.yaml',
    passage: 'As written, Adam stays at 0.689 ± 0.001 (about ln 2 = 0.693, the loss of guessing) and CMA-ES reaches 0.530 ± 0.029.',
    command: fruit,
    cheap: false,
    figures: (o) => [fruitLoss(o, 1, 'Adam'), Math.LN2.toFixed(3), fruitLoss(o, 1, 'CMA-ES')],
  },
  {
    file: 'sims/your-own-data.yaml',
    passage: 'training loss **0.080 ± 0.022** against **0.160 ± 0.013**',
    command: fruit,
    cheap: false,
    figures: (o) => [fruitLoss(o, 0, 'Adam'), fruitLoss(o, 0, 'CMA-ES')],
  },
  {
    file: 'sims/your-own-data.yaml',
    passage: 'test loss **1.841 ± 0.360** for Adam, **0.799 ± 0.188** for CMA-ES',
    command: fruit,
    cheap: false,
    figures: (o) => [fruitLoss(o, 0, 'Adam', true), fruitLoss(o, 0, 'CMA-ES', true)],
  },
  {
    file: 'sims/your-own-data.yaml',
    passage: 'Adam stays at **0.689 ± 0.001**, about ln 2 = 0.693, the loss of guessing. CMA-ES does not need the gradient and still reaches **0.530 ± 0.029**',
    command: fruit,
    cheap: false,
    figures: (o) => [fruitLoss(o, 1, 'Adam'), Math.LN2.toFixed(3), fruitLoss(o, 1, 'CMA-ES')],
  },
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
    passage: `Adam 0.002 ± 0.001 and SGD 0.05 ± 0.04 fit the spirals; CMA-ES 0.39 ± 0.03, the (μ/μ, λ)-ES 0.50 ± 0.02 and the GA
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
    passage: '(test SGD 0.32 ± 0.13, Adam 0.43 ± 0.15, CMA-ES 0.53 ± 0.07)',
    command: { hyperclimb: ['run', 'sims/neuroevolution-vs-sgd.yaml', '--json'] },
    cheap: false,
    figures: (o) => ['SGD', 'Adam', 'CMA-ES'].map((label) => testLoss(summary(o).cells[0]!.results.find((x) => x.label === label)!, 2)),
  },
  {
    file: 'docs/networks.md',
    passage: '| CMA-ES | 0.389 ± 0.032 | 0.53 ± 0.07 |',
    wholeFile: true,
    command: { hyperclimb: ['run', 'sims/neuroevolution-vs-sgd.yaml', '--json'] },
    cheap: false,
    // The whole training / test table of the neuroevolution race, row by row.
    figures: (o) =>
      [
        ['GA', 'GA'],
        ['ES', '(μ/μ, λ)-ES'],
        ['CMA-ES', 'CMA-ES'],
        ['SGD', 'SGD (momentum)'],
        ['Adam', 'Adam'],
      ].map(([label, name]) => {
        const r = summary(o).cells[0]!.results.find((x) => x.label === label)!;
        return `| ${name} | ${loss(r, 3)} | ${testLoss(r, 2)} |`;
      }),
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
  ...dimensionLessonClaims(),
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
  // Issue 12, part 2: a stuck layer is bypassed; depth against residual connections.
  {
    file: 'sims/stuck-layer.yaml',
    passage: `dead layer 1, residual: GD 0.0505 ± 0.0038, Adam 0.00907 ± 0.0028; success (loss < 0.1) 1.00 for both
      dead layer 2, residual: GD 0.0509 ± 0.0035, Adam 0.0151 ± 0.0035; success 1.00
      dead layer 1 or 2, plain: 0.999 ± 0.00048 for both racers, success 0.00: the constant that predicts the mean
      dead layer 0, plain or residual: 0.999 ± 0.00048`,
    command: stuckLayer,
    cheap: false,
    figures: (o) => [
      `GD ${curveEnd(o, '1 | true | GD')}, Adam ${curveEnd(o, '1 | true | Adam')}; success (loss < 0.1) ${curveSuccess(o, '1 | true | GD').split(' ')[0]}`,
      `GD ${curveEnd(o, '2 | true | GD')}, Adam ${curveEnd(o, '2 | true | Adam')}; success ${curveSuccess(o, '2 | true | Adam').split(' ')[0]}`,
      `plain: ${curveEnd(o, '1 | false | GD')} for both racers, success ${curveSuccess(o, '2 | false | Adam').split(' ')[0]}`,
      `plain or residual: ${curveEnd(o, '0 | true | Adam')}`,
    ],
  },
  {
    file: 'sims/stuck-layer.yaml',
    passage: 'after 750 evaluations (250 steps) the residual GD runs are at 0.0796 ± 0.0058',
    command: stuckLayer,
    cheap: false,
    figures: (o) => [row(o, '1 | true | GD')[5]!],
  },
  {
    file: 'sims/stuck-layer.yaml',
    passage: `training loss of 0.0505 ± 0.0038 (GD) and 0.00907 ± 0.0028 (Adam) in every run; the plain ones stay at
      0.999 ± 0.00048, a constant`,
    command: stuckLayer,
    cheap: false,
    figures: (o) => [curveEnd(o, '1 | true | GD'), curveEnd(o, '1 | true | Adam'), curveEnd(o, '1 | false | GD')],
  },
  { file: 'docs/networks.md', passage: '| 0 | false | GD |', wholeFile: true, command: stuckLayer, cheap: false, figures: printedRows },
  {
    file: 'docs/networks.md',
    passage: `its loss stays at the targets' variance, 0.999, in every run,
      whatever the optimizer. A residual network with layer 1 or 2 dead trains in every run, GD to 0.0505 ± 0.0038 and Adam
      to 0.00907 ± 0.0028.`,
    command: stuckLayer,
    cheap: false,
    figures: (o) => [`variance, ${curveEnd(o, '1 | false | GD').split(' ')[0]}`, `GD to ${curveEnd(o, '1 | true | GD')}`, `Adam to ${curveEnd(o, '1 | true | Adam')}`],
  },
  {
    file: 'README.md',
    passage: `plain 2-8-8-8-1 networks then stay at a constant's loss, 0.999 ± 0.00048,
      while residual ones train around the dead layer to 0.0505 ± 0.0038 (GD) in every run`,
    command: stuckLayer,
    cheap: false,
    figures: (o) => [curveEnd(o, '1 | false | GD'), curveEnd(o, '1 | true | GD')],
  },
  {
    file: 'sims/depth-vs-residual.yaml',
    passage: '4 0.0157 ± 0.0070 (1.00) 0.0257 ± 0.0079 (1.00) 0.0000175 (1.00) 0.00723 (1.00)',
    command: depthVsResidual,
    cheap: false,
    figures: (o) => [
      `4 ${curveEnd(o, '4 | false | GD')} (${curveSuccess(o, '4 | false | GD').split(' ')[0]}) ${curveEnd(o, '4 | true | GD')} (${curveSuccess(o, '4 | true | GD').split(' ')[0]}) ${curveEnd(o, '4 | false | Adam').split(' ')[0]} (${curveSuccess(o, '4 | false | Adam').split(' ')[0]}) ${curveEnd(o, '4 | true | Adam').split(' ')[0]} (${curveSuccess(o, '4 | true | Adam').split(' ')[0]})`,
    ],
  },
  {
    file: 'sims/depth-vs-residual.yaml',
    passage: `8 0.000420 ± 0.00017 0.00431 ± 0.0032 0.00000288 0.0000989
      16 0.141 ± 0.12 (0.67) 0.00129 ± 0.00034 (1.00) 0.00000106 (1.00) 0.00000717 (1.00)
      32 0.824 ± 0.096 (0.00) 0.847 ± 0.15 (0.17) 0.499 ± 0.22 (0.50) 0.0000253 (1.00)`,
    command: depthVsResidual,
    cheap: false,
    figures: (o) => [
      `8 ${curveEnd(o, '8 | false | GD')} ${curveEnd(o, '8 | true | GD')} ${curveEnd(o, '8 | false | Adam').split(' ')[0]} ${curveEnd(o, '8 | true | Adam').split(' ')[0]}`,
      ...[16, 32].map((d) => {
        const cell = (res: string, racer: string, full: boolean) =>
          `${full ? curveEnd(o, `${d} | ${res} | ${racer}`) : curveEnd(o, `${d} | ${res} | ${racer}`).split(' ')[0]} (${curveSuccess(o, `${d} | ${res} | ${racer}`).split(' ')[0]})`;
        return `${d} ${cell('false', 'GD', true)} ${cell('true', 'GD', true)} ${cell('false', 'Adam', d === 32)} ${cell('true', 'Adam', false)}`;
      }),
    ],
  },
  {
    file: 'sims/depth-vs-residual.yaml',
    passage: `plain GD succeeds in 1.00 of runs at depth 8, 0.67 at 16 and 0.00 at 32, plain
      Adam in 0.50 at 32.`,
    command: depthVsResidual,
    cheap: false,
    figures: (o) => [`${curveSuccess(o, '8 | false | GD').split(' ')[0]} of runs at depth 8, ${curveSuccess(o, '16 | false | GD').split(' ')[0]} at 16 and ${curveSuccess(o, '32 | false | GD').split(' ')[0]} at 32`, `Adam in ${curveSuccess(o, '32 | false | Adam').split(' ')[0]} at 32`],
  },
  {
    file: 'sims/depth-vs-residual.yaml',
    passage: '(its start loss is 7.73 ± 3.6)',
    command: depthVsResidual,
    cheap: false,
    figures: (o) => [row(o, '32 | true | GD')[4]!],
  },
  {
    file: 'sims/depth-vs-residual.yaml',
    passage: `plain gradient descent succeeds (training loss below 0.1) in 0.67 of runs at depth 16 and 0.00 at 32,
      plain Adam in 0.50 at 32`,
    command: depthVsResidual,
    cheap: false,
    figures: (o) => [`in ${curveSuccess(o, '16 | false | GD').split(' ')[0]} of runs at depth 16 and ${curveSuccess(o, '32 | false | GD').split(' ')[0]} at 32`, `Adam in ${curveSuccess(o, '32 | false | Adam').split(' ')[0]} at 32`],
  },
  { file: 'docs/networks.md', passage: '| 4 | false | GD |', wholeFile: true, command: depthVsResidual, cheap: false, figures: printedRows },
  {
    file: 'docs/networks.md',
    passage: `plain gradient descent succeeds in 1.00 of runs at depth 8, 0.67 ± 0.19 at
      16 and 0.00 ± 0.00 at 32 (final losses 0.000420, 0.141, 0.824); plain Adam in 0.50 ± 0.20 at 32. Residual
      connections cure it for Adam at every depth (0.0000253 ± 0.0000089 at 32) and for gradient descent at depth 16
      (0.00129 ± 0.00034), not at 32, where the same η = 0.05 is too large for the deeper residual stack (it starts at a
      loss of 7.73 ± 3.6 even with the small branches) and gradient descent succeeds in 0.17 ± 0.15 of runs. Up to depth 8
      the plain networks train *better* than the residual ones (GD 0.000420 ± 0.00017 against 0.00431 ± 0.0032 at depth 8)`,
    command: depthVsResidual,
    cheap: false,
    figures: (o) => [
      `${curveSuccess(o, '8 | false | GD').split(' ')[0]} of runs at depth 8, ${curveSuccess(o, '16 | false | GD')} at 16 and ${curveSuccess(o, '32 | false | GD')} at 32`,
      `(final losses ${['8', '16', '32'].map((d) => curveEnd(o, `${d} | false | GD`).split(' ')[0]).join(', ')})`,
      `Adam in ${curveSuccess(o, '32 | false | Adam')} at 32`,
      `(${curveEnd(o, '32 | true | Adam')} at 32)`,
      `(${curveEnd(o, '16 | true | GD')})`,
      `loss of ${row(o, '32 | true | GD')[4]!}`,
      `succeeds in ${curveSuccess(o, '32 | true | GD')} of runs`,
      `(GD ${curveEnd(o, '8 | false | GD')} against ${curveEnd(o, '8 | true | GD')} at depth 8)`,
    ],
  },
  {
    file: 'README.md',
    passage: `plain gradient descent
      succeeds in 1.00 ± 0.00 of runs at 8 layers, 0.67 ± 0.19 at 16 and 0.00 ± 0.00 at 32`,
    command: depthVsResidual,
    cheap: false,
    figures: (o) => [`${curveSuccess(o, '8 | false | GD')} of runs at 8 layers, ${curveSuccess(o, '16 | false | GD')} at 16 and ${curveSuccess(o, '32 | false | GD')} at 32`],
  },
  // Issue 12, part 3: interpolation once parameters outnumber data.
  {
    file: 'sims/interpolation.yaml',
    passage: `training loss below 1e-3 from parameters ÷ data = 1.52 (true labels) and 2.13 (random) with SGD, from 4.22 and
      8.43 with GD, which takes 5 times fewer steps for the same budget; at 8.43: SGD 1.99e-13 ± 1.8e-13
      (true) and 5.11e-22 ± 5.1e-22 (random), GD 0.0000377 ± 0.000036 and 0.000169 ± 0.00016.`,
    command: interpolation,
    cheap: false,
    figures: (o) => [
      `= ${fromRatio(o, 'true', 'SGD')} (true labels) and ${fromRatio(o, 'random', 'SGD')} (random) with SGD, from ${fromRatio(o, 'true', 'GD')} and ${fromRatio(o, 'random', 'GD')} with GD`,
      `SGD ${trainLoss(o, 'true | SGD | 56')} (true) and ${trainLoss(o, 'random | SGD | 56')} (random), GD ${trainLoss(o, 'true | GD | 56')} and ${trainLoss(o, 'random | GD | 56')}.`,
    ],
  },
  {
    file: 'sims/interpolation.yaml',
    passage: `test loss, true labels: GD 0.120 ± 0.023 at 0.33, 0.183 ± 0.032 at 1.07, 0.133 ± 0.015 at 8.43; SGD 0.118 ±
      0.026, 0.224 ± 0.036 at 1.52, 0.159 ± 0.019 at 8.43`,
    command: interpolation,
    cheap: false,
    figures: (o) => [
      `GD ${heldOutLoss(o, 'true | GD | 2')} at 0.33, ${heldOutLoss(o, 'true | GD | 7')} at 1.07, ${heldOutLoss(o, 'true | GD | 56')} at 8.43`,
      `SGD ${heldOutLoss(o, 'true | SGD | 2')}, ${heldOutLoss(o, 'true | SGD | 10')} at 1.52, ${heldOutLoss(o, 'true | SGD | 56')} at 8.43`,
    ],
  },
  {
    file: 'sims/interpolation.yaml',
    passage: `test loss, random labels: 1.06 to 1.61 from parameters ÷ data = 1.07 on, against 0.320 ± 0.084 for predicting the
      training mean`,
    command: interpolation,
    cheap: false,
    figures: (o) => [testRange(o, 'random', [7, 10, 14, 28, 56]), baselineTest(o, 'random')],
  },
  {
    file: 'sims/interpolation.yaml',
    passage: `SGD drives the training loss below 10⁻³ from 1.52 weights per example with true labels and from
      2.13 with random ones, GD (five times fewer steps for the same budget) from 4.22 and 8.43. What they learn of
      random labels is memorised: past the threshold the test loss is 1.06 to 1.61, worse than the 0.320 ± 0.084 of
      predicting the average. With true labels the test loss rises near the threshold (GD 0.183 ± 0.032 at 1.07, SGD
      0.224 ± 0.036 at 1.52) and falls part of the way back with more weights (0.133 ± 0.015 and 0.159 ± 0.019 at
      8.43)`,
    command: interpolation,
    cheap: false,
    figures: (o) => [
      `from ${fromRatio(o, 'true', 'SGD')} weights per example with true labels and from ${fromRatio(o, 'random', 'SGD')} with random ones`,
      `from ${fromRatio(o, 'true', 'GD')} and ${fromRatio(o, 'random', 'GD')}.`,
      `test loss is ${testRange(o, 'random', [7, 10, 14, 28, 56])}, worse than the ${baselineTest(o, 'random')}`,
      `(GD ${heldOutLoss(o, 'true | GD | 7')} at 1.07, SGD ${heldOutLoss(o, 'true | SGD | 10')} at 1.52)`,
      `(${heldOutLoss(o, 'true | GD | 56')} and ${heldOutLoss(o, 'true | SGD | 56')} at 8.43)`,
    ],
  },
  { file: 'docs/networks.md', passage: '| true | GD | 2 | 13 | 0.33 |', wholeFile: true, command: interpolation20, cheap: false, figures: (o) => [...printedRows(o), ...o.stdout.split('\n').filter((l) => l.includes(' labels, '))] },
  {
    file: 'docs/networks.md',
    passage: `SGD's training loss is below
      10⁻³ from 2.13 parameters per training row, with true and with random labels; GD, which takes five times fewer steps
      for the same budget, gets there from 4.22 (true) and 8.43 (random). Below the threshold neither can: at 0.33 the
      losses are 0.0574 ± 0.0049 (GD, true labels) and 0.256 ± 0.069 (random).`,
    command: interpolation20,
    cheap: false,
    figures: (o) => [
      `from ${fromRatio(o, 'true', 'SGD')} parameters per training row`,
      `gets there from ${fromRatio(o, 'true', 'GD')} (true) and ${fromRatio(o, 'random', 'GD')} (random)`,
      `losses are ${trainLoss(o, 'true | GD | 2')} (GD, true labels) and ${trainLoss(o, 'random | GD | 2')} (random)`,
    ],
  },
  {
    file: 'docs/networks.md',
    passage: `the test loss past the threshold (0.957 to 1.96) is far
      worse than predicting the training mean (0.384 ± 0.092). With true labels the test loss rises from 0.110 ± 0.011
      (GD, 0.63) to about 0.16–0.19 past the threshold, and SGD's from 0.121 ± 0.013 to a peak of 0.293 ± 0.046 at 2.13,
      then falls back to 0.194 ± 0.024 and 0.202 ± 0.035 at 4.22 and 8.43.`,
    command: interpolation20,
    cheap: false,
    figures: (o) => [
      `(${testRange(o, 'random', [7, 10, 14, 28, 56])})`,
      `(${baselineTest(o, 'random')})`,
      `from ${heldOutLoss(o, 'true | GD | 4')} (GD, 0.63)`,
      (() => {
        const past = [7, 10, 14, 28, 56].map((w) => meanSe(heldOutLoss(o, `true | GD | ${w}`))[0]!);
        return `about ${Math.min(...past).toFixed(2)}–${Math.max(...past).toFixed(2)} past the threshold`;
      })(),
      `from ${heldOutLoss(o, 'true | SGD | 2')} to a peak of ${heldOutLoss(o, 'true | SGD | 14')} at 2.13`,
      `falls back to ${heldOutLoss(o, 'true | SGD | 28')} and ${heldOutLoss(o, 'true | SGD | 56')} at 4.22 and 8.43`,
    ],
  },
  {
    file: 'README.md',
    passage: `SGD fits 40 examples to a training loss below 10⁻³ from 2.13
      parameters per example, true labels and random ones alike; with true labels the test loss peaks near that
      threshold (0.293 ± 0.046) and falls part of the way back (0.194 ± 0.024)`,
    command: interpolation20,
    cheap: false,
    figures: (o) => [`from ${fromRatio(o, 'random', 'SGD')} parameters per example`, `(${heldOutLoss(o, 'true | SGD | 14')})`, `(${heldOutLoss(o, 'true | SGD | 28')})`],
  },
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
  },  {
    file: 'sims/saddles-vs-n.yaml',
    passage: `are minima of the loss falling with N: 0.499 ± 0.019 at N = 1, 0.249 ± 0.012 at 2, 0.108 ± 0.013 at 3,
      0.0597 ± 0.0089 at 4, 0.0264 ± 0.0060 at 5, 0.0076 ± 0.0030 at 6, 0.0042 ± 0.0023 at 7, and 0 of 656 at 8`,
    command: saddlesTable,
    cheap: false,
    figures: (o) => [1, 2, 3, 4, 5, 6, 7, 8].map((n) => saddles(o, n)[MINIMA]!),
  },
  {
    file: 'sims/saddles-vs-n.yaml',
    passage: '0.249 ± 0.012 at 2',
    command: saddlesRow2,
    cheap: true,
    figures: (o) => [slopeCell(o, 'critical-points-optima-share')],
  },
  {
    file: 'sims/saddles-vs-n.yaml',
    passage: `(0.501 ± 0.019 at N = 1, 0.4984 ± 0.0043 at 8)`,
    command: saddlesTable,
    cheap: false,
    figures: (o) => [1, 8].map((n) => saddles(o, n)[INDEX]!),
  },
  {
    file: 'sims/saddles-vs-n.yaml',
    passage: '0.773 ± 0.033 at N = 1 to 0.9158 ± 0.0072 at 8',
    command: saddlesTable,
    cheap: false,
    figures: (o) => [1, 8].map((n) => saddles(o, n)[CORRELATION]!),
  },
  { file: 'sims/saddles-vs-n.yaml', passage: '(0.0076 against 0.00000444 at N = 6,', command: saddlesTable, cheap: false, figures: (o) => [saddles(o, 6)[MINIMA]!.split(' ± ')[0]!] },
  { file: 'sims/saddles-vs-n.yaml', passage: '(0.0076 against 0.00000444 at N = 6,', command: goeTable, cheap: false, figures: (o) => [goe(o, 6)[3]!.split(' ± ')[0]!] },
  {
    file: 'sims/saddles-vs-n.yaml',
    passage: `in 100, 100, 100, 100 % of runs at N = 1, 2, 4, 8 — never at a saddle — and the loss where it stopped fell from
      −0.55 ± 0.17 to −1.54 ± 0.11, −2.60 ± 0.11 and −4.32 ± 0.11`,
    command: saddlesRace,
    cheap: false,
    figures: (o) => [`${gdAt(o, [1, 2, 4, 8]).map((r) => percent(r.deadEnds)).join(', ')} %`, ...gdAt(o, [1, 2, 4, 8]).map(stopLoss)],
  },
  {
    file: 'sims/saddles-vs-n.yaml',
    passage: `falls from 0.499 ± 0.019 at N = 1 to 0.0042 ± 0.0023 at N = 7 and 0 of 656 at N = 8`,
    command: saddlesTable,
    cheap: false,
    figures: (o) => [1, 7, 8].map((n) => saddles(o, n)[MINIMA]!),
  },
  {
    file: 'sims/saddles-vs-n.yaml',
    passage: `gradient descent stopped at a local minimum in 100, 100, 100, 100 % of runs at N = 1, 2, 4, 8
      (\`npx hyperclimb run sims/saddles-vs-n.yaml --json\`), at a loss of −0.55 ± 0.17 at N = 1 and −4.32 ± 0.11 at N = 8`,
    command: saddlesRace,
    cheap: false,
    figures: (o) => [`${gdAt(o, [1, 2, 4, 8]).map((r) => percent(r.deadEnds)).join(', ')} %`, ...gdAt(o, [1, 8]).map(stopLoss)],
  },
  { file: 'sims/saddles-vs-n.yaml', passage: 'index with loss is 0.9158 ± 0.0072 at N = 8', command: saddlesTable, cheap: false, figures: (o) => [saddles(o, 8)[CORRELATION]!] },
  {
    file: 'README.md',
    passage: `falling from 0.499 ± 0.019 at N = 1 to 0.0597 ± 0.0089 at N = 4, 0.0042 ± 0.0023 at N = 7 and 0 of 656 at N = 8,
      and the correlation of index with loss rising from 0.773 ± 0.033 to 0.9158 ± 0.0072`,
    command: saddlesTable,
    cheap: false,
    figures: (o) => [...[1, 4, 7, 8].map((n) => saddles(o, n)[MINIMA]!), ...[1, 8].map((n) => saddles(o, n)[CORRELATION]!)],
  },
  {
    file: 'README.md',
    passage: 'at a loss falling from −0.55 ± 0.17 at N = 1 to −4.32 ± 0.11 at N = 8',
    command: saddlesRace,
    cheap: false,
    figures: (o) => gdAt(o, [1, 8]).map(stopLoss),
  },
  {
    file: 'README.md',
    passage: `0.14642 ± 0.00035 at N = 2 (exact (2 − √2)/4 = 0.14645) and 0.00000444 ± 0.00000030 at N = 6; −ln P_N / N² is still
      0.342 there against Dean & Majumdar's limit ln 3 / 4 = 0.2747`,
    command: goeTable,
    cheap: false,
    figures: (o) => [goe(o, 2)[3]!, `= ${goe(o, 2)[4]!}`, goe(o, 6)[3]!, `still ${goe(o, 6)[5]!}`, `= ${goeFit(o)[2]!}`],
  },
  {
    file: 'docs/analysis.md',
    passage: '| N | critical points found (of 50 starts) |',
    wholeFile: true,
    command: saddlesTable,
    cheap: false,
    // Every row the script prints must stand in the file as printed.
    figures: (o) => o.stdout.split('\n').filter((l) => /^\| \d/.test(l)),
  },
  {
    file: 'docs/analysis.md',
    passage: '| N | matrices | positive definite |',
    wholeFile: true,
    command: goeTable,
    cheap: false,
    figures: (o) => o.stdout.split('\n').filter((l) => /^\| \d|^fitted c/.test(l)),
  },
  {
    file: 'docs/analysis.md',
    passage: `(0.342, against θ = 0.2747), and the slopes fitted to N ≤ 6 (0.330, and 0.316 from N = 4 on)`,
    command: goeTable,
    cheap: false,
    figures: (o) => [`(${goe(o, 6)[5]!},`, `θ = ${goeFit(o)[2]!}`, `(${goeFit(o)[0]!},`, `${goeFit(o)[1]!} from`],
  },
  { file: 'docs/analysis.md', passage: '(0.0076 ± 0.0030 against 0.00000444 at N = 6)', command: saddlesTable, cheap: false, figures: (o) => [saddles(o, 6)[MINIMA]!] },
  { file: 'docs/analysis.md', passage: '(0.0076 ± 0.0030 against 0.00000444 at N = 6)', command: goeTable, cheap: false, figures: (o) => [`against ${goe(o, 6)[3]!.split(' ± ')[0]!}`] },
  { file: 'docs/analysis.md', passage: 'to none of 656 at N = 8', command: saddlesTable, cheap: false, figures: (o) => [saddles(o, 8)[MINIMA]!.replace('0 of', 'none of')] },
  {
    file: 'docs/landscapes.md',
    passage: '0 at xᵢ = x* ≈ 420.9687',
    command: { compute: true },
    cheap: true,
    figures: () => [schwefelOptimum().toFixed(4)],
  },
  {
    file: 'docs/reference.md',
    passage: 'whose best point lies near a corner of the box (xᵢ ≈ 420.97)',
    command: { compute: true },
    cheap: true,
    figures: () => [schwefelOptimum().toFixed(2)],
  },
  {
    file: 'docs/optimizers.md',
    passage: 'implicit QL (tql2) up to N = 25 and above it a reduction in panels of 16 columns',
    command: { compute: true },
    cheap: true,
    figures: () => [`up to N = ${DIVIDE_AND_CONQUER_MIN}`, `panels of ${REDUCTION_BLOCK} columns`],
  },
  {
    file: 'README.md',
    passage: 'Since that pass CMA-ES keeps the eigenvectors factored above N = 25, V = Z·Qᵀ',
    command: { compute: true },
    cheap: true,
    figures: () => [`above N = ${DIVIDE_AND_CONQUER_MIN}`],
  },
  {
    file: 'README.md',
    passage: "Above N = 25 it follows LAPACK's dsyevd: the Householder reduction in panels (dsytrd)",
    command: { compute: true },
    cheap: true,
    figures: () => [`Above N = ${DIVIDE_AND_CONQUER_MIN}`],
  },
  {
    file: 'README.md',
    passage:
      'decomposes the 1000 × 1000 covariance 14 times in 100 iterations. pycma follows the same rule of thumb (in iterations) and decomposes more often, not less: `python3 bench/pycma_lazy_gap.py` (`bench/runs/2026-12-03-x16eig-pycma-lazy-gap.txt`) finds 16 decompositions in 100 iterations, a gap of 5.879 iterations, its c_μ (1.502e-05) being a little larger than the tutorial\'s.',
    command: cmaRuns,
    cheap: true,
    figures: (o) => [
      `${benchMatch(o, /([0-9]+) iterations with an eigendecomposition/)} times`,
      `finds ${benchMatch(o, /pycma decomposed C ([0-9]+) times/)} decompositions`,
      `a gap of ${benchMatch(o, /lazy_update_gap = ([0-9.]+) iterations/)} iterations`,
      `its c_μ (${benchMatch(o, /cmu = ([0-9.e+-]+);/)})`,
    ],
  },
  {
    file: 'README.md',
    passage:
      'In the quiet pass `-2.txt`, a generation without a decomposition took 10.9 ms (median) and one with a decomposition 0.39 s, so the decompositions were most of the run.',
    command: finalQuietRun,
    cheap: true,
    figures: (o) => [
      `took ${benchMatch(o, /median iteration without decomposition ([0-9.]+ ms)/)} (median)`,
      `decomposition ${benchMatch(o, /iterations with an eigendecomposition \(N = 1000\) ([0-9.]+ s) median/)}`,
    ],
  },
  {
    file: 'README.md',
    passage: '(in the quiet pass above, reading it at the end replayed 101 steps at 0.63 ns per element and step)',
    command: lastQuietRun,
    cheap: true,
    figures: (o) => [
      `replayed ${benchMatch(o, /replayed the ([0-9]+) steps before it/)} steps`,
      `at ${benchMatch(o, /replayed the [0-9]+ steps before it: ([0-9.]+ ns) per element and step replayed/)} per element`,
    ],
  },
  {
    file: 'README.md',
    passage:
      '(`bench/runs/2026-12-03-x18factored-cma-phases.txt`, loaded machine, CPU time) times a tell with a decomposition at 163.8 ms and a generation without one at 19.4 ms, of which Qᵀ on the λ samples takes 4.61 ms; preparing the blocks takes 6.46 ms per decomposition.',
    command: factoredPhases,
    cheap: true,
    figures: (o) => [
      `at ${phaseCell(o, 'WebAssembly SIMD kernels', 6).replace(/ \(.*\)$/, '')} and`,
      `one at ${phaseCell(o, 'WebAssembly SIMD kernels', 5)}`,
      `takes ${phaseCell(o, 'sampling, Qᵀ, `applyBackTransform` (λ rows)', 3)};`,
      `takes ${phaseCell(o, "once per decomposition: Qᵀ's blocks, `prepareBackTransform`", 3)} per`,
    ],
  },
  {
    file: 'README.md',
    passage: '(`bench/runs/2026-12-03-x18factored-peers-eigen-es-1.txt`; `-2.txt` after a transposition per decomposition was dropped; `-3.txt` after the blocks\' preparation was sped up), (b) ran at 0.86×, 0.89× and 0.87× pycma\'s speed by CPU time, still short of 1×.',
    command: factoredPeers,
    cheap: true,
    figures: (o) => [`at ${benchMatch(o, /\(b\) CMA-ES N=1000: .*; by CPU time ([0-9.]+×)/)},`],
  },
  {
    file: 'README.md',
    passage: '(b) ran at 0.86×, 0.89× and 0.87× pycma\'s speed by CPU time',
    command: { shell: 'cat bench/runs/2026-12-03-x18factored-peers-eigen-es-2.txt' },
    cheap: true,
    figures: (o) => [`, ${benchMatch(o, /\(b\) CMA-ES N=1000: .*; by CPU time ([0-9.]+×)/)} and`],
  },
  {
    file: 'README.md',
    passage: '(b) ran at 0.86×, 0.89× and 0.87× pycma\'s speed by CPU time',
    command: { shell: 'cat bench/runs/2026-12-03-x18factored-peers-eigen-es-3.txt' },
    cheap: true,
    figures: (o) => [`and ${benchMatch(o, /\(b\) CMA-ES N=1000: .*; by CPU time ([0-9.]+×)/)} pycma's`],
  },
  {
    file: 'README.md',
    passage:
      '`bench/runs/2026-12-03-x17cmaiter-cma-phases.txt` times a generation without a decomposition at 12.4 ms CPU (typed arrays: 43.2 ms), 1.59× its arithmetic floor (41.5 M multiply–adds at the sampling product\'s 10.66 GFlop/s)',
    command: cmaIterationRuns,
    cheap: true,
    figures: (o) => [
      `at ${phaseCell(o, 'WebAssembly SIMD kernels', 5)} CPU`,
      `typed arrays: ${phaseCell(o, 'typed-array reference', 5)}`,
      `${benchMatch(o, /takes [0-9.]+ ms, ([0-9.]+×) the floor/)} its arithmetic floor`,
      `(${benchMatch(o, /Arithmetic floor: ([0-9.]+ M) multiply–adds/)} multiply–adds`,
      `product's ${benchMatch(o, /at the sampling product's ([0-9.]+ GFlop\/s)/)}`,
    ],
  },
  {
    file: 'README.md',
    passage:
      "The arithmetic ceiling behind (b). `node bin/run-ts.mjs bench/arithmetic-ceiling.ts --passes 3` (`bench/runs/2026-12-03-x17ceiling.txt`, on the loaded machine, our kernels and OpenBLAS taking turns; CPU-time ratios from that run) measures what each side does per core on the work of an eigendecomposition. On registers, AVX2's fused multiply–add runs 2.72× our f64x2 loop of a multiply then an add; native SSE2 runs that same two-lane loop 1.18× faster than WebAssembly, so most of the gap is the width and the fusing. OpenBLAS's dgemm at n = 1000 runs at 2.03× our register peak and 4.65× the 4×4 block's product as CMA-ES's sampling runs it (2.26× with all operands in the L2 cache); its dsymv, 2.26× ours. Priced with LAPACK dsyevd's flop mix (dsytrd 4/3·n³, half of it matrix–vector products; dstedc's merge products, 0.52·n³ multiply–adds on the bench's matrix; dormtr 2·n³), our decomposition's floor is 2.09× LAPACK's floor even with every product at our register peak (2.99× at the block's in-cache rate). That is a ratio of floors, not a bound on the times: LAPACK's own floor is 56 % of its measured time. (b) needs each of our decompositions within 1.07× LAPACK's time, so our code would have to stand closer to its floor than LAPACK does to its own, spend fewer flops than LAPACK's algorithm, or use the wider, fused arithmetic that relaxed SIMD would bring and issue 16 excludes.",
    command: ceilingRun,
    cheap: true,
    figures: (o) => {
      const run = ceilingLines(o)[0];
      if (!run) throw new Error('bench/runs/2026-12-03-x17ceiling.txt holds no run');
      return [
        `--passes ${benchMatch(o, /over ([0-9]+) passes/)}`,
        `runs ${ceilingRatio(o, 'register peak, 12 chains', 'C avx2_fma')} our f64x2`,
        `loop ${ceilingRatio(o, 'register peak, 12 chains', 'C sse2_mul_add')} faster`,
        `at ${ceilingMatch(run, /dgemm at n = 1000 runs at ([0-9.]+×) our f64x2 register peak/)} our register peak`,
        `and ${ceilingRatio(o, 'C = A·B', 'numpy.dot (dgemm)')} the 4×4 block's`,
        `(${ceilingRatio(o, 'C = A·B (all in L2)', 'numpy.dot (dgemm)')} with all operands`,
        `dsymv, ${ceilingMatch(run, /its dsymv at ([0-9.]+×) ours/)} ours`,
        `merge products, ${benchMatch(o, /merge products \(([0-9.]+)·n³ multiply–adds, measured\)/)}·n³`,
        `floor is ${ceilingMatch(run, /decomposition's floor is ([0-9.]+×) LAPACK's floor/)} LAPACK's`,
        `(${ceilingMatch(run, /\(([0-9.]+×) at the block's in-cache rate/)} at the block's`,
        `floor is ${benchMatch(o, /its flop floor [0-9.]+ ms is ([0-9]+ %) of it/)} of its measured`,
        `within ${ceilingMatch(run, /needs our decomposition within ([0-9.]+×) LAPACK's time/)} LAPACK's`,
      ];
    },
  },
  {
    file: 'README.md',
    passage:
      "times numpy's step at 0.545 ns per element with them and 0.675 ns without, 1.24× its time, and our process holds 0 MB of huge pages.",
    command: { shell: 'cat bench/runs/2026-12-03-x17sphere-numpy-hugepages.txt bench/runs/2026-12-03-x17sphere-kernel-shapes.txt' },
    cheap: true,
    figures: (o) => [
      `at ${benchMatch(o, /hugepage advice on: best over passes ([0-9.]+ ns) wall/)} per element`,
      `and ${benchMatch(o, /hugepage advice off: best over passes ([0-9.]+ ns) wall/)} without`,
      `${benchMatch(o, /without huge pages numpy's step takes ([0-9.]+)x/)}× its time`,
      `holds ${benchMatch(o, /this process's memory in transparent huge pages: ([0-9]+ MB)/)} of huge pages`,
    ],
  },
  {
    file: 'README.md',
    passage:
      "`node bin/run-ts.mjs bench/sphere-kernel-shapes.ts` (`bench/runs/2026-12-03-x18sphere-kernel-shapes.txt`, CPU-time medians on the loaded machine) times the loop without that touch at 1.09×–1.14× the kernel's CPU time, and numpy's own operation, x ← c·x in place, in the same WebAssembly at 0.94×–1.00× of it",
    command: touchedKernelShapesRuns,
    cheap: true,
    figures: (o) => [
      `at ${spanOver(o, /^eight a turn, no touch .*; ([0-9.]+)x the kernel's CPU time/gm)} the kernel's`,
      `at ${spanOver(o, /^floor: .*; ([0-9.]+)x the kernel's CPU time/gm)} of it`,
    ],
  },
  {
    file: 'README.md',
    passage: 'the loop takes eight numbers a turn, where four took 1.18×–1.22× its CPU time and sixteen no less.',
    command: touchedKernelShapesRuns,
    cheap: true,
    figures: (o) => {
      const four = spanOver(o, /^four a turn .*; ([0-9.]+)x the kernel's CPU time/gm);
      const sixteen = [...o.stdout.matchAll(/^sixteen a turn.*; ([0-9.]+)x the kernel's CPU time/gm)].map((m) => Number(m[1]));
      const fours = [...o.stdout.matchAll(/^four a turn .*; ([0-9.]+)x the kernel's CPU time/gm)].map((m) => Number(m[1]));
      // "sixteen no less": in every pass, sixteen a turn took at least four a turn's time.
      if (sixteen.some((v, k) => v < fours[k])) throw new Error('sixteen a turn took less than four in some pass');
      return [`four took ${four} its`];
    },
  },
  {
    file: 'README.md',
    passage: '(0.87×–0.90× before the touch)',
    command: kernelShapesRuns,
    cheap: true,
    figures: (o) => [`(${spanOver(o, /^floor: .*; ([0-9.]+)x the kernel's CPU time/gm)} before`],
  },
  {
    file: 'README.md',
    passage: 'The run\'s bookkeeping costs nothing measurable: the quiet pass\'s "1.14× its time" compared one best wall of each',
    command: finalQuietRun,
    cheap: true,
    figures: (o) => [`"${benchMatch(o, /the run's step takes ([0-9.]+×) its time/)} its time"`],
  },
  {
    file: 'README.md',
    passage:
      "the run's step took 1.001× and 0.989× the kernel's CPU time (median of the reps' ratios), and our step took 1.25× and 1.24× the CPU time of numpy's in-place step (1.17× and 1.11× that of the step without huge pages): within 1.5×. Their wall ratios, 1.25× and 1.49× (single passes from 1.17× to 1.71×)",
    command: touchedSphereRuns,
    cheap: true,
    figures: (o) => {
      const runs = o.stdout.split(/^# npm run bench/m).slice(1).map((stdout) => ({ stdout, lines: [] }));
      if (runs.length !== 2) throw new Error(`expected two bench runs, found ${runs.length}`);
      const both = (pattern: RegExp) => runs.map((run) => benchMatch(run, pattern)).join(' and ');
      const passes = runs.flatMap((run) => benchMatch(run, /\(c\) GD step on the sphere: .*?each pass: ([0-9.×, ]+);/).split(', ').map((r) => Number(r.replace('×', ''))));
      for (const run of runs) if (!/\(c\) GD step on the sphere: .*?by CPU time [0-9.]+×\)/.test(run.stdout)) throw new Error('no CPU-time ratio');
      return [
        `took ${both(/by CPU time: ([0-9.]+×) \(median over/)} the kernel's`,
        `took ${both(/\(c\) GD step on the sphere: .*?by CPU time ([0-9.]+×)\)/)} the CPU time`,
        `(${both(/the same numpy step without huge pages \(by CPU time ([0-9.]+×)\)/)} that of`,
        `ratios, ${both(/\(c\) GD step on the sphere: time per step ([0-9.]+×) numpy's in-place step/)} (single`,
        `from ${Math.min(...passes).toFixed(2)}× to ${Math.max(...passes).toFixed(2)}×`,
      ];
    },
  },
  {
    file: 'README.md',
    passage: `at most 108 characters for a file as shipped and 316 with every knob and the map moved, where the scenario
      itself took up to 5,504`,
    command: { shell: 'node bin/run-ts.mjs examples/share-link-lengths.ts' },
    cheap: true,
    figures: (o) =>
      ['short link, file as shipped', 'short link, every knob and the map moved', 'full link'].map((what) => /: ([\d,]+) characters/.exec(printedLine(o, `longest ${what}:`))![1]!),
  },
  {
    file: 'README.md',
    passage: '| ga-vs-gd.yaml | Slice 0.94, Outcomes 1.00, Sharpness 1.00 |',
    command: pageRun,
    cheap: true,
    figures: (o) => [`Slice ${pageRatio(o, 'ga-vs-gd.yaml', 'slice')}`, `Outcomes ${pageRatio(o, 'ga-vs-gd.yaml', 'outcomes')}`, `Sharpness ${pageRatio(o, 'ga-vs-gd.yaml', 'sharpness')}`],
  },
  { file: 'README.md', passage: '| walks-on-nk.yaml | Hypercube 0.98 |', command: pageRun, cheap: true, figures: (o) => [`Hypercube ${pageRatio(o, 'walks-on-nk.yaml', 'hypercube')}`] },
  { file: 'README.md', passage: '| eye.yaml | Eye 1.02 |', command: pageRun, cheap: true, figures: (o) => [`Eye ${pageRatio(o, 'eye.yaml', 'eye')}`] },
  { file: 'README.md', passage: '| dimension-vs-dead-ends.yaml | Sweep 1.00 |', command: pageRun, cheap: true, figures: (o) => [`Sweep ${pageRatio(o, 'dimension-vs-dead-ends.yaml', 'sweep')}`] },
  {
    file: 'README.md',
    passage: '| neuroevolution-vs-sgd.yaml | Decision 0.79, Interpolation 0.88; later passes, Decision on a 2-D canvas: Decision 0.95, 1.01, 0.68, 1.12 |',
    command: pageRun,
    cheap: true,
    // The file holds the whole run, then the network scenario's later passes: the first row of a view is the run's.
    figures: (o) => {
      const decision = networkRatios(o, 'decision');
      return [`Decision ${decision[0]}`, `Interpolation ${networkRatios(o, 'interpolation')[0]}`, `Decision ${decision.slice(1).join(', ')} |`];
    },
  },
  {
    file: 'README.md',
    passage: 'Paused: 0 long tasks over all views',
    command: pageRun,
    cheap: true,
    figures: (o) => [`Paused: ${benchMatch(o, /Paused: ([0-9]+) long tasks over all views/)} long tasks`],
  },
  {
    file: 'README.md',
    passage: 'except the Decision view on the network race in that run (0.79). That race is the one bound by its worker rather than by the clock, on two cores shared with other jobs: its Race measurements moved by up to 3.07× within the run',
    command: pageRun,
    cheap: true,
    figures: (o) => [`in that run (${benchMatch(o, /the slowest view runs at ([0-9.]+)×/)})`, `up to ${benchMatch(o, /differ by up to ([0-9.]+×)/)}`],
  },
  {
    file: 'README.md',
    passage: `the main thread on the Decision view spent 2155 ms of 5 s in the browser's own native work ("(program)"), presenting
      the software-drawn WebGL canvas for each new surface, against 536 and 534 ms on the Race view before and after it:
      CPU the worker then lacks. The Decision view now draws on a 2-D canvas (a few hundred dots and a line, drawn in
      milliseconds): 398 ms, against the Race view's 596 and 512`,
    command: { shell: 'cat bench/runs/2026-12-03-x14decision-profile.txt' },
    cheap: true,
    // Two runs of bench/page-profile.ts, main's code first: the (program) column of race, decision, race in each.
    figures: (o) => {
      const program = o.stdout.split('\n').filter((l) => /^\| (race|decision) \|/.test(l)).map((l) => l.split('|').map((c) => c.trim())[4]!);
      return [`spent ${program[1]} ms of`, `against ${program[0]} and ${program[2]} ms on the Race view`, `milliseconds): ${program[4]} ms, against the Race view's ${program[3]} and ${program[5]}`];
    },
  },
  {
    file: 'README.md',
    passage: `at 0.82, 0.87, 0.82 and 0.80 of the Race view's pace before, with 8 to 20 long tasks while playing, and at 0.95, 1.01,
      0.68 and 1.12 after, with 0 or 1; the pass at 0.68 had one long task on the page while playing, so what slowed its
      worker was most likely the machine's other jobs, and a whole run after the change (same file) has every view at
      0.99 of the Race view or more`,
    command: { shell: 'cat bench/runs/2026-12-03-x14decision-alternating.txt' },
    cheap: true,
    // Passes alternate: main's code first, then this branch's; the file ends with a whole run after the change.
    figures: (o) => {
      const rows = o.stdout.split('\n').filter((l) => l.startsWith('| neuroevolution-vs-sgd.yaml | decision |')).map((l) => l.split('|').map((c) => c.trim()));
      const [before, after] = [0, 1].map((side) => rows.filter((_, i) => i % 2 === side && i < 8));
      const list = (cells: string[]) => `${cells.slice(0, -1).join(', ')} and ${cells.at(-1)}`;
      const longTasks = (side: string[][]) => side.map((r) => Number(r[6]));
      const slowest = [...o.stdout.matchAll(/the slowest view runs at ([0-9.]+)×/g)].map((m) => m[1]);
      return [
        `at ${list(before.map((r) => r[5]))} of`,
        `with ${Math.min(...longTasks(before))} to ${Math.max(...longTasks(before))} long tasks`,
        `at ${list(after.map((r) => r[5]))} after, with ${Math.min(...longTasks(after))} or ${Math.max(...longTasks(after))};`,
        `the pass at ${after.reduce((low, r) => (Number(r[5]) < Number(low[5]) ? r : low))[5]} had one long task`,
        `every view at ${slowest.at(-1)} of`,
      ];
    },
  },
  {
    file: 'README.md',
    passage: 'counts 0 long tasks paused on every view, [Speed](#speed)); the race is paced by the clock, not by drawing, so a view that is slow to draw (WebGL in software) does not slow the race, except a race bound by its worker: on the network race the Decision view, drawn with WebGL, ran it at 0.79×',
    command: pageRun,
    cheap: true,
    figures: (o) => [`counts ${benchMatch(o, /Paused: ([0-9]+) long tasks/)} long tasks`, `at ${pageRatio(o, 'neuroevolution-vs-sgd.yaml', 'decision')}×`],
  },
  {
    file: 'README.md',
    passage: 'an idle page that draws nothing (16.7 ms) with renders of a software WebGL canvas at most ten times a second (150.0 ms while racing 1,000 individuals); racing 10,000 individuals at N = 100 delivered 6 frames in 6 s',
    command: pageRun,
    cheap: true,
    figures: (o) => [`(${row(o, 'idle page (1,000 individuals loaded, paused)')[2]})`, `(${row(o, 'racing 1,000 individuals at N = 100')[2]} while`, `delivered ${row(o, 'racing 10,000 individuals (10,000 particles)')[5]} frames`],
  },
  {
    file: 'README.md',
    passage: 'printing what each sweep costs: from 2.4 to 53.0 s of CPU, the most for `sims/spurious-minima.yaml` (158.9 s wall',
    command: resultsRun,
    cheap: true,
    figures: (o) => {
      const costs = sweepCosts(o).sort((a, b) => a.cpu - b.cpu);
      const most = costs[costs.length - 1]!;
      return [`from ${costs[0]!.cpu.toFixed(1)} to ${most.cpu.toFixed(1)} s of CPU`, `\`sims/${most.name}.yaml\` (${most.wall} s wall`];
    },
  },
];

/** Where Schwefel's landscape puts its optimum (each coordinate), as the engine computes it. */
function schwefelOptimum(): number {
  return (schwefel.create(1, {}, deriveRng('figures')) as ContinuousLandscape).optimum![0];
}

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

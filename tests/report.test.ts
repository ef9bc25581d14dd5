/**
 * `hyperclimb report`: the standard definitions on runs small enough to count by hand (ERT by COCO's and by
 * IOHprofiler's rule, the ECDF over targets, type 7 quantiles), and the report of sims/rastrigin-race.yaml run with
 * traces: an ECDF and a fixed-budget plot drawn, tables that agree with the definitions, located errors for bad lines;
 * and `hyperclimb export` of the same runs: the IOHprofiler layout (docs/exchange-formats.md) and the tidy CSV.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellTargets, ecdf, ert, groupRuns, quantile, type TracedRun } from '../src/scenario/performance.ts';
import { inProcess } from './support/cli.ts';
import { RACE_BUDGET, RACE_REPLICATES, tracedRace } from './support/traced-race.ts';

function run(replicate: number, improvements: [number, number][], evaluations: number): TracedRun {
  return {
    cell: 0,
    params: {},
    optimizer: 'x',
    label: 'X',
    replicate,
    evaluations,
    optimumFitness: 0,
    trace: { landscape: 'sphere', dim: 2, budget: 200, improvements, spacing: 1, budgets: [] },
  };
}

describe('performance measures by their definitions', () => {
  // Target −1: A reaches it at 10 (of 100 spent), B never (it stopped after 50 of a budget of 200), C at 30.
  const runs = [run(0, [[0, -8], [10, -0.5], [60, 0]], 100), run(1, [[0, -4], [20, -2]], 50), run(2, [[0, -6], [30, -1]], 80)];
  const targets = { cell: 0, reference: 0, referenceIsOptimum: true, gaps: [4, 1], values: [-4, -1] };
  const [group] = groupRuns(runs);

  it('ERT: COCO counts what each run spent, IOHprofiler a failed run at the whole budget', () => {
    const [first, second] = ert(group, targets);
    expect(second).toMatchObject({ successes: 2, runs: 3, ertCoco: (10 + 50 + 30) / 2, ertIoh: (10 + 200 + 30) / 2 });
    expect(first).toMatchObject({ successes: 3, ertCoco: (10 + 0 + 30) / 3 });
    expect(ert(group, { ...targets, values: [1] })[0]).toMatchObject({ successes: 0, ertCoco: null, ertIoh: null });
  });

  it('ECDF: the share of (run, target) pairs reached within each budget', () => {
    // Runtimes: target −4: 10, 0, 30; target −1: 10, ∞, 30.
    expect(ecdf(group, targets, [0, 10, 29, 30, 1000]).map((p) => p.proportion)).toEqual([1 / 6, 3 / 6, 3 / 6, 5 / 6, 5 / 6]);
  });

  it('targets: gaps log-spaced from the worst start down to the final share, below the optimum', () => {
    const t = cellTargets(runs, 3, 0.01).get(0)!;
    expect(t.gaps.map((g) => Number(g.toPrecision(12)))).toEqual([8, 0.8, 0.08]);
    expect(t.values.map((v) => Number(v.toPrecision(12)))).toEqual([-8, -0.8, -0.08]);
  });

  it('quantiles are type 7 (numpy and R defaults)', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([5], 0.9)).toBe(5);
    expect(quantile([], 0.5)).toBeNull();
  });
});

describe('hyperclimb report on sims/rastrigin-race.yaml with traces', () => {
  let race: { folder: string; results: string };
  beforeAll(async () => {
    race = await tracedRace();
  }, 120_000);

  it('draws an ECDF and a fixed-budget plot, and writes tables and a page', async () => {
    const out = join(race.folder, 'report');
    const result = await inProcess('report', race.results, '--out', out);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const racer of ['GA (dim=2)', 'CMA-ES (dim=20)', 'Adam (dim=5)']) expect(result.stdout).toContain(racer);
    const ecdfSvg = readFileSync(join(out, 'ecdf.svg'), 'utf8');
    const budgetSvg = readFileSync(join(out, 'fixed-budget.svg'), 'utf8');
    for (const svg of [ecdfSvg, budgetSvg]) {
      expect(svg.startsWith('<svg')).toBe(true);
      for (const text of ['GA', 'CMA-ES', 'Adam', 'dim=2', 'dim=20', 'evaluations']) expect(svg).toContain(`>${text}<`);
    }
    expect(ecdfSvg).toContain('share of (run, target) pairs reached');
    expect(budgetSvg).toContain('best fitness so far');
    // The same results give the same bytes (README's figure is regenerated, not redrawn by hand).
    await inProcess('report', race.results, '--out', join(race.folder, 'again'));
    for (const name of ['ecdf.svg', 'fixed-budget.svg', 'ert.csv']) expect(readFileSync(join(race.folder, 'again', name), 'utf8')).toBe(readFileSync(join(out, name), 'utf8'));
    const page = readFileSync(join(out, 'report.html'), 'utf8');
    expect(page).toContain(ecdfSvg);
    expect(page).not.toMatch(/<script|<link|src="http/);

    const rows = (name: string) => {
      const [header, ...lines] = readFileSync(join(out, name), 'utf8').trim().split('\n');
      const keys = header.split(',');
      return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [keys[i], v])));
    };
    const ecdfRows = rows('ecdf.csv');
    const byGroup = new Map<string, Record<string, string>[]>();
    for (const r of ecdfRows) byGroup.set(`${r.cell}/${r.racer}`, [...(byGroup.get(`${r.cell}/${r.racer}`) ?? []), r]);
    expect(byGroup.size).toBe(12);
    for (const points of byGroup.values()) {
      const shares = points.map((p) => Number(p.proportion));
      expect(shares.every((s, i) => s >= 0 && s <= 1 && (i === 0 || s >= shares[i - 1]))).toBe(true);
      expect(Number(points.at(-1)!.evaluations)).toBe(RACE_BUDGET);
    }
    // ERT at the first target (the worst start): every run reached it at evaluation 0.
    const ertRows = rows('ert.csv');
    const first = ertRows.filter((r) => Number(r.gap) === Math.max(...ertRows.filter((s) => s.cell === r.cell).map((s) => Number(s.gap))));
    expect(first.length).toBe(12);
    for (const r of first) expect([r.successes, r.ertCoco]).toEqual([String(RACE_REPLICATES), '0']);
    const budgetRows = rows('fixed-budget.csv');
    for (const r of budgetRows) expect(Number(r.q25) <= Number(r.median) && Number(r.median) <= Number(r.q75)).toBe(true);
  });

  it('names the file, line and field of a line it cannot read', async () => {
    const lines = readFileSync(race.results, 'utf8').trim().split('\n');
    const untraced = JSON.parse(lines[1]);
    delete untraced.trace;
    delete untraced.digest;
    const file = join(race.folder, 'untraced.jsonl');
    writeFileSync(file, `${lines[0]}\n${JSON.stringify(untraced)}\n`);
    const missing = await inProcess('report', file, '--out', join(race.folder, 'bad'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`hyperclimb: ${file}:2: no trace: run the scenario with \`measure: {trace: true}\` (or \`hyperclimb run FILE --trace\`) to record one\n`);

    const broken = JSON.parse(lines[0]);
    broken.trace.improvements[1] = [-5, 1];
    delete broken.digest;
    writeFileSync(file, `${JSON.stringify(broken)}\n`);
    const bad = await inProcess('report', file, '--out', join(race.folder, 'bad'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(new RegExp(`^hyperclimb: ${file}:1: trace\\.improvements\\[1\\]: expected \\[evaluations, best or null\\] with evaluations ≥ 0, found \\[-5,1\\]\\n$`));

    const edited = JSON.parse(lines[0]);
    edited.trace.budgets[2][1] += 1;
    writeFileSync(file, `${JSON.stringify(edited)}\n`);
    expect((await inProcess('report', file, '--out', join(race.folder, 'bad'))).stderr).toContain(`${file}:1: changed after it was written`);
  });

  it('exports the IOHprofiler layout: per racer a .json meta file and a .dat file per dimension, one block per run', async () => {
    const out = join(race.folder, 'ioh');
    const result = await inProcess('export', race.results, '--format', 'ioh', '--out', out);
    expect(result.code).toBe(0);
    const lines = readFileSync(race.results, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(readdirSync(out).sort()).toEqual(['Adam', 'CMA-ES', 'GA']);
    for (const racer of ['GA', 'CMA-ES', 'Adam']) {
      expect(readdirSync(join(out, racer)).sort()).toEqual(['IOHprofiler_f1_rastrigin.json', 'data_f1_rastrigin']);
      const meta = JSON.parse(readFileSync(join(out, racer, 'IOHprofiler_f1_rastrigin.json'), 'utf8'));
      expect(meta).toMatchObject({ version: '0.3.23', suite: 'hyperclimb', function_id: 1, function_name: 'rastrigin', maximization: true, algorithm: { name: racer }, attributes: ['evaluations', 'raw_y'] });
      expect(meta.scenarios.map((s: { dimension: number }) => s.dimension)).toEqual([2, 5, 10, 20]);
      for (const scenario of meta.scenarios) {
        expect(scenario.path).toBe(`data_f1_rastrigin/IOHprofiler_f1_DIM${scenario.dimension}.dat`);
        const dat = readFileSync(join(out, racer, scenario.path), 'utf8');
        const blocks = dat.split('evaluations raw_y\n').slice(1);
        expect(dat.startsWith('evaluations raw_y\n')).toBe(true);
        expect(blocks).toHaveLength(RACE_REPLICATES);
        blocks.forEach((block, r) => {
          const rows = block.trim().split('\n').map((row) => row.split(' ').map(Number));
          const line = lines.find((l) => l.label === racer && l.params['landscape.dim'] === scenario.dimension && l.replicate === r);
          expect(rows.every(([e, y], i) => Number.isInteger(e) && e >= 1 && Number.isFinite(y) && (i === 0 || (e > rows[i - 1][0] && y > rows[i - 1][1])))).toBe(true);
          expect(rows.at(-1)).toEqual([scenario.runs[r].best.evals, scenario.runs[r].best.y]);
          expect(scenario.runs[r]).toMatchObject({ instance: r + 1, evals: line.evaluations, best: { y: line.bestFitness } });
        });
      }
    }
  });

  it('exports tidy CSV: one row per run and one per trace point, each sweep key a column', async () => {
    const out = join(race.folder, 'csv');
    expect((await inProcess('export', race.results, '--format', 'csv', '--out', out)).code).toBe(0);
    const lines = readFileSync(race.results, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const table = (name: string) => readFileSync(join(out, name), 'utf8').trim().split('\n').map((row) => row.split(','));
    const runs = table('runs.csv');
    expect(runs[0].slice(0, 6)).toEqual(['cell', 'landscape.dim', 'racer', 'optimizer', 'replicate', 'seed']);
    expect(runs).toHaveLength(lines.length + 1);
    expect(runs.every((row) => row.length === runs[0].length)).toBe(true);
    const best = runs[0].indexOf('bestFitness');
    lines.forEach((line, i) => expect(Number(runs[i + 1][best])).toBe(line.bestFitness));
    const points = table('trace.csv');
    expect(points[0]).toEqual(['cell', 'landscape.dim', 'racer', 'replicate', 'kind', 'evaluations', 'best']);
    expect(points).toHaveLength(1 + lines.reduce((n, line) => n + line.trace.improvements.length + line.trace.budgets.length, 0));
    expect(existsSync(join(out, 'ioh'))).toBe(false);
  });

  it('refuses an export without a format, and an IOHprofiler export of runs without traces', async () => {
    expect((await inProcess('export', race.results, '--out', join(race.folder, 'x'))).stderr).toBe('hyperclimb: export needs --format ioh or --format csv (hyperclimb export --help for the options)\n');
    expect((await inProcess('report', race.results, '--outt', 'x')).stderr).toBe(
      "hyperclimb: report has no option '--outt' (did you mean '--out'?); its options: --out, --targets, --final-gap (hyperclimb report --help)\n",
    );
    const untraced = JSON.parse(readFileSync(race.results, 'utf8').split('\n')[0]);
    delete untraced.trace;
    delete untraced.digest;
    const file = join(race.folder, 'untraced-export.jsonl');
    writeFileSync(file, `${JSON.stringify(untraced)}\n`);
    const ioh = await inProcess('export', file, '--format', 'ioh', '--out', join(race.folder, 'x'));
    expect([ioh.code, ioh.stderr]).toEqual([2, `hyperclimb: ${file}:1: no trace: run the scenario with \`measure: {trace: true}\` (or \`hyperclimb run FILE --trace\`) to record one\n`]);
    expect((await inProcess('export', file, '--format', 'csv', '--out', join(race.folder, 'x'))).code).toBe(0);
  });
});

/**
 * `hyperclimb report FILE.jsonl [FILE…] --out DIR`: fixed-target and fixed-budget analysis of a run's traced results
 * (definitions in src/scenario/performance.ts): runtime ECDFs over targets, ERT by COCO's and IOHprofiler's
 * definitions, best so far against budget, per racer and per sweep cell. Writes SVG plots, CSV tables and one
 * self-contained HTML page to DIR, and a summary table to stdout.
 */
import { parseArgs } from 'node:util';
import { budgetGrid } from '../core/run/trace.ts';
import {
  cellTargets,
  DEFAULT_FINAL_GAP,
  DEFAULT_TARGETS,
  ecdf,
  ert,
  fixedBudget,
  groupRuns,
  paramsText,
  type BudgetRow,
  type ErtRow,
  type RunGroup,
  type Targets,
} from '../scenario/performance.ts';
import { reportingInputErrors } from './input-error.ts';
import { csv, OutputFolder } from './output-folder.ts';
import { ecdfSpec, fixedBudgetSpec, renderSvg, type CurvePoint } from './report-plots.ts';
import { readTracedRuns } from './traced-runs.ts';
import { UsageError } from './usage.ts';

export const REPORT_USAGE = `  hyperclimb report FILE.jsonl [FILE...] --out DIR [--targets K] [--final-gap G]
      Runtime ECDFs over targets, ERT (COCO's and IOHprofiler's definitions) and best fitness against budget, per
      racer and sweep cell, from the traces of a run's results (its --out or its shards; a scenario records them
      with measure: {trace: true}, and so does run with its trace flag). Targets: K (default ${DEFAULT_TARGETS}) per cell, their gaps to the optimum
      (else to the best value reached) log-spaced from the worst start's down to G times it (default ${DEFAULT_FINAL_GAP}).
      DIR gets ecdf.svg, fixed-budget.svg, ecdf.csv, ert.csv, fixed-budget.csv and report.html.`;

/** Budgets at which the ECDF is tabulated and drawn (log-spaced from 1 to the largest budget). */
const ECDF_POINTS = 100;

interface Streams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface Report {
  readonly groups: readonly { group: RunGroup; targets: Targets; ecdf: { evaluations: number; proportion: number }[]; ert: ErtRow[]; budget: BudgetRow[] }[];
}

export function reportFromArgs(args: string[], streams: Streams): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, targets: { type: 'string' }, 'final-gap': { type: 'string' } },
  });
  if (!positionals.length) throw new UsageError('report needs at least one results file');
  if (!values.out) throw new UsageError('report needs --out DIR, the folder for its plots, tables and page');
  const targets = values.targets === undefined ? DEFAULT_TARGETS : Number(values.targets);
  if (!Number.isSafeInteger(targets) || targets < 1 || targets > 1000) throw new UsageError(`--targets ${values.targets}: expected a whole number from 1 to 1000`);
  const finalGap = values['final-gap'] === undefined ? DEFAULT_FINAL_GAP : Number(values['final-gap']);
  if (!(finalGap > 0 && finalGap < 1)) throw new UsageError(`--final-gap ${values['final-gap']}: expected a number between 0 and 1 (a share of the worst start's gap)`);
  return reportingInputErrors(streams.stderr, () => writeReport(positionals, values.out!, targets, finalGap, streams));
}

/** The analysis of the runs in `files` (throws InputError naming file and line for bad input). */
export function analyseFiles(files: readonly string[], targetCount: number, finalGap: number, stderr?: NodeJS.WritableStream): Report {
  const { runs, failed } = readTracedRuns(files);
  if (failed.length) stderr?.write(`report: leaving out ${failed.length} failed run${failed.length === 1 ? '' : 's'} (${failed.slice(0, 3).join(', ')}${failed.length > 3 ? ', …' : ''})\n`);
  const targets = cellTargets(runs, targetCount, finalGap);
  const grid = budgetGrid(Math.max(...runs.map((run) => run.trace.budget)), ECDF_POINTS);
  return {
    groups: groupRuns(runs).map((group) => {
      const cellTargets = targets.get(group.cell)!;
      return { group, targets: cellTargets, ecdf: ecdf(group, cellTargets, grid), ert: ert(group, cellTargets), budget: fixedBudget(group) };
    }),
  };
}

async function writeReport(files: string[], out: string, targetCount: number, finalGap: number, streams: Streams): Promise<number> {
  const report = analyseFiles(files, targetCount, finalGap, streams.stderr);
  const folder = new OutputFolder(out);
  const problem = (group: RunGroup) => paramsText(group.params) || 'all runs';
  const ids = (group: RunGroup) => ({ cell: group.cell, problem: problem(group), racer: group.label, optimizer: group.optimizer });
  const idColumns = ['cell', 'problem', 'racer', 'optimizer'];

  const ecdfPoints: CurvePoint[] = report.groups.flatMap(({ group, ecdf }) => ecdf.map((row) => ({ problem: problem(group), racer: group.label, ...row })));
  const budgetPoints: CurvePoint[] = report.groups.flatMap(({ group, budget }) => budget.map((row) => ({ problem: problem(group), racer: group.label, ...row })));
  const ecdfSvg = await renderSvg(ecdfSpec(ecdfPoints));
  const budgetSvg = await renderSvg(fixedBudgetSpec(budgetPoints));
  folder.write('ecdf.svg', ecdfSvg);
  folder.write('fixed-budget.svg', budgetSvg);
  folder.write('ecdf.csv', csv([...idColumns, 'evaluations', 'proportion'], report.groups.flatMap(({ group, ecdf }) => ecdf.map((row) => ({ ...ids(group), ...row })))));
  folder.write(
    'ert.csv',
    csv(
      [...idColumns, 'target', 'gap', 'reference', 'referenceIsOptimum', 'runs', 'successes', 'ertCoco', 'ertIoh'],
      report.groups.flatMap(({ group, ert, targets }) => ert.map((row) => ({ ...ids(group), ...row, reference: targets.reference, referenceIsOptimum: targets.referenceIsOptimum }))),
    ),
  );
  folder.write(
    'fixed-budget.csv',
    csv([...idColumns, 'evaluations', 'runs', 'mean', 'q10', 'q25', 'median', 'q75', 'q90'], report.groups.flatMap(({ group, budget }) => budget.map((row) => ({ ...ids(group), ...row })))),
  );
  const rows = summaryRows(report);
  folder.write('report.html', html(report, rows, ecdfSvg, budgetSvg, files, targetCount, finalGap));
  streams.stdout.write(summaryText(rows, targetCount, finalGap));
  streams.stdout.write(`\nwrote ${folder.written.join(', ')}\n`);
  return 0;
}

interface SummaryRow {
  name: string;
  runs: number;
  /** Share of (run, target) pairs reached by the end (the ECDF's last value). */
  reached: number;
  finalSuccesses: number;
  finalErt: number | null;
  finalMedian: number | null;
}

function summaryRows(report: Report): SummaryRow[] {
  return report.groups.map(({ group, ecdf, ert, budget }) => ({
    name: group.name,
    runs: group.runs.length,
    reached: ecdf.at(-1)?.proportion ?? 0,
    finalSuccesses: ert.at(-1)!.successes,
    finalErt: ert.at(-1)!.ertCoco,
    finalMedian: budget.at(-1)?.median ?? null,
  }));
}

function number(value: number | null): string {
  if (value === null) return '∞';
  const a = Math.abs(value);
  return a !== 0 && (a >= 1e6 || a < 1e-3) ? value.toExponential(3) : String(Number(value.toPrecision(5)));
}

const HEADER = ['racer', 'runs', 'pairs reached', 'final target reached', 'ERT final (COCO)', 'median final best'];

function summaryCells(row: SummaryRow): string[] {
  return [row.name, String(row.runs), `${(100 * row.reached).toFixed(1)} %`, `${row.finalSuccesses} of ${row.runs}`, number(row.finalErt), number(row.finalMedian)];
}

function summaryText(rows: SummaryRow[], targets: number, finalGap: number): string {
  const cells = rows.map(summaryCells);
  const widths = HEADER.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return `${[`${targets} targets per cell, gaps from the worst start's down to ${finalGap} of it; ERT in evaluations (∞: no run reached it)`, '', line(HEADER), ...cells.map(line)].join('\n')}\n`;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function html(report: Report, rows: SummaryRow[], ecdfSvg: string, budgetSvg: string, files: readonly string[], targets: number, finalGap: number): string {
  const table = (header: string[], body: string[][]) =>
    `<table><thead><tr>${header.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${body.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  // ERT at five of the targets: the first, the last, and three between.
  const picks = [...new Set([0, 0.25, 0.5, 0.75, 1].map((p) => Math.round(p * (targets - 1))))];
  const ertBody = report.groups.flatMap(({ group, ert }) => picks.map((k) => ert[k]).filter(Boolean).map((row) => [group.name, number(row.gap), number(row.target), `${row.successes} of ${row.runs}`, number(row.ertCoco), number(row.ertIoh)]));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hyperclimb report</title>
<style>body{font:15px/1.5 sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:right}td:first-child,th:first-child{text-align:left}figure{margin:1em 0}</style>
</head><body>
<h1>Hyperclimb report</h1>
<p>From ${files.map((f) => `<code>${escape(f)}</code>`).join(', ')}. ${targets} targets per cell: gaps below the optimum (or, where it is unknown, the best value any run of the cell reached) log-spaced from the worst start's gap down to ${finalGap} of it. A run's runtime for a target is the evaluations at the first improvement of its trace that reaches it.</p>
<h2>Summary</h2>
${table(HEADER, rows.map(summaryCells))}
<h2>Fixed target: runtime ECDF</h2>
<p>The share of (run, target) pairs reached within each number of evaluations (COCO's and IOHanalyzer's aggregation over targets).</p>
<figure>${ecdfSvg}</figure>
<h2>Fixed budget: best fitness so far</h2>
<p>Median over runs, and the band from the 25th to the 75th percentile (type 7 quantiles), at the traces' fixed budgets.</p>
<figure>${budgetSvg}</figure>
<h2>Expected running time</h2>
<p>COCO (Hansen et al.): evaluations of all runs until they reached the target or ended, over the runs that reached it. IOHprofiler (Doerr et al.): the same with each run's evaluations capped at the budget and a run that did not reach the target counted at the whole budget. ∞: no run reached it. Every target is in <code>ert.csv</code>.</p>
${table(['racer', 'gap', 'target', 'reached', 'ERT (COCO)', 'ERT (IOHprofiler)'], ertBody)}
</body></html>
`;
}

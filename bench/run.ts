/**
 * `npm run bench [-- options]`: our engine on the peers' workloads (ga_nk, es_rastrigin, gd_sphere_bw, gd_mlp; see
 * bench/README.md), beside the peers' reference implementations run in the same pass, with same-pass ratios.
 *
 *   --workload ga_nk,es_rastrigin,gd_sphere_bw,gd_mlp   which workloads (default all; the option may repeat)
 *   --peers none|js|all                          JS peers (default, when the peers folder exists), or also the
 *                                                numpy/pycma peers (they install themselves on first use)
 *   --peers-dir DIR                              peers folder (default $HYPERCLIMB_PEERS or /work/shared/peers)
 *   --reps N                                     repetitions of our runs (default ga_nk 10, es_rastrigin 3, gd 5,
 *                                                gd_mlp 3)
 *   --passes N                                   whole passes; values and ratios are medians over passes
 *   --peer-timeout S                             seconds before a peer is stopped (default 300)
 *   --peer-line                                  one workload, our createRun variant only, printed in run_all.sh's
 *                                                format: info lines, `cpu_rate …`, then `METRIC VALUE UNIT` last
 */
import { cpus } from 'node:os';
import { eigenWorkload, esRastrigin, gaNk, gdMlp, gdSphere, type OurMeasurement } from './workloads.ts';
import { findPeersDir, PEERS, preparePeers, runPeer, type PeerResult, type PeerSet } from './peers.ts';
import { fmt, fmtRatio, median } from './timing.ts';

const WORKLOADS = ['ga_nk', 'es_rastrigin', 'eigen', 'gd_sphere_bw', 'gd_mlp'] as const;
type Workload = (typeof WORKLOADS)[number];
const DEFAULT_REPS: Record<Workload, number> = { ga_nk: 10, es_rastrigin: 3, eigen: 3, gd_sphere_bw: 5, gd_mlp: 3 };

interface Options {
  workloads: Workload[];
  peers: PeerSet;
  peersDir?: string;
  reps?: number;
  passes: number;
  peerTimeout: number;
  peerLine: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { workloads: [], peers: 'js', passes: 1, peerTimeout: 300, peerLine: false };
  let peersGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--workload' || arg === '--workloads') {
      for (const w of value().split(',')) {
        if (!(WORKLOADS as readonly string[]).includes(w)) throw new Error(`unknown workload '${w}' (${WORKLOADS.join(', ')})`);
        options.workloads.push(w as Workload);
      }
    } else if (arg === '--peers') {
      const v = value();
      if (v !== 'none' && v !== 'js' && v !== 'all') throw new Error(`--peers takes none, js or all, not '${v}'`);
      options.peers = v;
      peersGiven = true;
    } else if (arg === '--peers-dir') options.peersDir = value();
    else if (arg === '--reps') options.reps = positive(arg, value());
    else if (arg === '--passes') options.passes = positive(arg, value());
    else if (arg === '--peer-timeout') options.peerTimeout = positive(arg, value());
    else if (arg === '--peer-line') options.peerLine = true;
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: npm run bench -- [--workload ga_nk,es_rastrigin,eigen,gd_sphere_bw,gd_mlp] [--peers none|js|all] [--peers-dir DIR] [--reps N] [--passes N] [--peer-timeout S] [--peer-line]');
      process.exit(0);
    } else throw new Error(`unknown option '${arg}' (try --help)`);
  }
  if (options.workloads.length === 0) options.workloads = [...WORKLOADS];
  if (options.peerLine) {
    if (options.workloads.length !== 1) throw new Error('--peer-line needs exactly one --workload');
    if (!peersGiven) options.peers = 'none';
  }
  return options;
}

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} takes a positive integer, not '${text}'`);
  return n;
}

function measureOurs(workload: Workload, reps: number, bareLoop = true): OurMeasurement[] {
  if (workload === 'ga_nk') return gaNk(reps);
  if (workload === 'es_rastrigin') return esRastrigin(reps, bareLoop);
  if (workload === 'gd_mlp') return gdMlp(reps);
  if (workload === 'eigen') return eigenWorkload(reps);
  return gdSphere(reps);
}

type Row = (OurMeasurement | PeerResult) & { ours: boolean };

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  if (options.peerLine) return peerLine(options);

  const source = options.peers === 'none' ? undefined : findPeersDir(options.peersDir);
  const peersDir = source ? preparePeers(source) : undefined;
  console.log(
    `hyperclimb bench: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}); ` +
      `peers: ${options.peers === 'none' ? 'none' : source ? `${options.peers} (${source}, run from ${peersDir})` : `${options.peers} requested, but no peers folder was found`}`,
  );
  const passes: Row[][] = [];
  for (let pass = 1; pass <= options.passes; pass++) {
    const rows: Row[] = [];
    for (const workload of options.workloads) {
      const reps = options.reps ?? DEFAULT_REPS[workload];
      console.log(`pass ${pass}: ${workload}: ours (${reps} reps) …`);
      for (const m of measureOurs(workload, reps)) rows.push({ ...m, ours: true });
      if (peersDir) {
        for (const peer of PEERS) {
          if (peer.workload !== workload || (peer.set === 'all' && options.peers !== 'all')) continue;
          console.log(`pass ${pass}: ${workload}: ${peer.label} …`);
          const result = runPeer(peersDir, peer, options.peerTimeout);
          rows.push({ ...result, ours: false });
        }
      }
    }
    passes.push(rows);
  }
  report(passes, options);
}

/** Our createRun variant of one workload in run_all.sh's format (the last line is `METRIC VALUE UNIT`). */
function peerLine(options: Options): void {
  const workload = options.workloads[0];
  // The CMA-ES run takes a minute or more; its bare-loop comparison is left to the full bench.
  const ours = measureOurs(workload, options.reps ?? DEFAULT_REPS[workload], false);
  const main = ours.find((m) => m.role === 'main')!;
  for (const m of ours) for (const note of m.notes) console.log(note);
  for (const m of ours) if (m !== main) console.log(`${m.label}: ${fmt(m.value)} ${m.unit}`);
  if (main.secondsPerIteration !== undefined) console.log(`peer=hyperclimb s_per_iter=${main.secondsPerIteration.toExponential(4)}`);
  console.log(`cpu_rate ${Number(main.cpuValue.toPrecision(6))} ${main.unit} (process CPU time)`);
  console.log(`${main.metric} ${Number(main.value.toPrecision(6))} ${main.unit}`);
}

// ------------------------------------------------------------------------------------------------ report

/** The row every other row of a workload is compared with: our createRun variant. */
function isOurMain(row: Row): boolean {
  return row.ours && 'role' in row && row.role === 'main';
}

function report(passes: Row[][], options: Options): void {
  const labels: { workload: string; label: string }[] = [];
  for (const row of passes[0]) labels.push({ workload: row.workload, label: row.label });
  const lines: string[][] = [];
  const perPass = (workload: string, label: string) =>
    passes.map((rows) => rows.find((r) => r.workload === workload && r.label === label)).filter((r): r is Row => !!r);
  const ratioOf = (workload: string, label: string) =>
    median(
      passes.map((rows) => {
        const main = rows.find((r) => r.workload === workload && isOurMain(r));
        const row = rows.find((r) => r.workload === workload && r.label === label);
        return main && row ? main.value / row.value : NaN;
      }),
    );
  for (const { workload, label } of labels) {
    const rows = perPass(workload, label);
    const value = median(rows.map((r) => r.value));
    const cpu = median(rows.map((r) => r.cpuValue));
    const spi = rows[0].secondsPerIteration !== undefined ? median(rows.map((r) => r.secondsPerIteration ?? NaN)) : undefined;
    const ratio = isOurMain(rows[0]) ? '1' : fmtRatio(ratioOf(workload, label));
    lines.push([
      workload,
      label + (rows.every((r) => 'ok' in r && !r.ok) ? ' (failed)' : ''),
      rows[0].unit,
      fmt(value),
      Number.isFinite(cpu) ? fmt(cpu) : '–',
      spi !== undefined ? spi.toPrecision(3) : '',
      ratio,
    ]);
  }
  const head = ['workload', 'implementation', 'metric', 'value', 'cpu-time rate', 's/iter', 'Hyperclimb ÷ this'];
  const widths = head.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c].length)));
  const show = (cells: string[]) => `| ${cells.map((cell, c) => (c >= 3 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join(' | ')} |`;
  console.log();
  console.log(`Results (${passes.length} pass${passes.length > 1 ? 'es, medians' : ''}; "Hyperclimb ÷ this" = our createRun row ÷ this row, same pass):`);
  console.log();
  console.log(show(head));
  console.log(`|${widths.map((w, c) => (c >= 3 ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|')}|`);
  for (const line of lines) console.log(show(line));
  console.log();
  for (const row of passes[passes.length - 1]) for (const note of row.notes) console.log(`- ${row.workload}: ${note}`);
  console.log();
  targets(passes, options);
}

/** The targets of the performance briefs (issue 16 for (b)–(e)), as same-pass ratios. */
function targets(passes: Row[][], options: Options): void {
  const find = (rows: Row[], workload: string, test: (r: Row) => boolean) => rows.find((r) => r.workload === workload && test(r));
  const perPass = (f: (rows: Row[]) => number) => median(passes.map(f));
  const say = (text: string) => console.log(`- ${text}`);
  console.log('Targets (per core, same-pass ratios):');
  if (options.workloads.includes('ga_nk')) {
    const vsNumpy = perPass((rows) => {
      const ours = find(rows, 'ga_nk', isOurMain);
      const peer = find(rows, 'ga_nk', (r) => r.label.includes('numpy') && 'ok' in r && r.ok);
      return ours && peer ? ours.value / peer.value : NaN;
    });
    const vsJs = perPass((rows) => {
      const ours = find(rows, 'ga_nk', isOurMain);
      const peer = find(rows, 'ga_nk', (r) => r.label.includes('generic K') && 'ok' in r && r.ok);
      return ours && peer ? ours.value / peer.value : NaN;
    });
    say(
      `(a) GA on NK: ${Number.isFinite(vsNumpy) ? `${fmtRatio(vsNumpy)} the numpy peer (target ≥ 2×: ${vsNumpy >= 2 ? 'met' : 'NOT met'})` : 'numpy peer not run (--peers all)'}; ${fmtRatio(vsJs)} the JS generic-K peer`,
    );
  }
  if (options.workloads.includes('es_rastrigin')) {
    const vsPycma = perPass((rows) => {
      const ours = find(rows, 'es_rastrigin', isOurMain);
      const peer = find(rows, 'es_rastrigin', (r) => r.label.includes('pycma') && r.label.includes('full') && 'ok' in r && r.ok);
      return ours && peer && ours.secondsPerIteration && peer.secondsPerIteration ? peer.secondsPerIteration / ours.secondsPerIteration : NaN;
    });
    // On a shared machine wall time counts the waits for a core; both sides do the same work, so their CPU-time
    // rates give the ratio the waits do not disturb.
    const vsPycmaCpu = perPass((rows) => {
      const ours = find(rows, 'es_rastrigin', isOurMain);
      const peer = find(rows, 'es_rastrigin', (r) => r.label.includes('pycma') && r.label.includes('full') && 'ok' in r && r.ok);
      return ours && peer ? ours.cpuValue / peer.cpuValue : NaN;
    });
    say(
      `(b) CMA-ES N=1000: ${Number.isFinite(vsPycma) ? `${fmtRatio(vsPycma)} the speed of pycma's full CMA-ES per iteration (target ≥ 1×: ${vsPycma >= 1 ? 'met' : 'NOT met'}); by CPU time ${fmtRatio(vsPycmaCpu)} (${vsPycmaCpu >= 1 ? 'met' : 'NOT met'})` : 'pycma peer not run (--peers all)'}`,
    );
  }
  if (options.workloads.includes('eigen')) {
    const vsLapack = perPass((rows) => {
      const ours = find(rows, 'eigen', isOurMain);
      const peer = find(rows, 'eigen', (r) => r.label.includes('LAPACK') && 'ok' in r && r.ok);
      return ours && peer ? peer.value / ours.value : NaN;
    });
    const vsLapackCpu = perPass((rows) => {
      const ours = find(rows, 'eigen', isOurMain);
      const peer = find(rows, 'eigen', (r) => r.label.includes('LAPACK') && 'ok' in r && r.ok);
      return ours && peer ? peer.cpuValue / ours.cpuValue : NaN;
    });
    say(
      `(e) CMA-ES's eigensolver alone, N = 1000: ${Number.isFinite(vsLapack) ? `${vsLapack.toFixed(2)}× the time of LAPACK's (numpy eigh) (target ≤ 3×: ${vsLapack <= 3 ? 'met' : 'NOT met'}); by CPU time ${vsLapackCpu.toFixed(2)}× (${vsLapackCpu <= 3 ? 'met' : 'NOT met'})` : 'LAPACK peer not run (--peers all)'}`,
    );
  }
  if (options.workloads.includes('gd_sphere_bw')) {
    const vsCopy = perPass((rows) => {
      const ours = find(rows, 'gd_sphere_bw', isOurMain);
      const copy = find(rows, 'gd_sphere_bw', (r) => r.ours && 'role' in r && r.role === 'baseline');
      return ours && copy ? ours.value / copy.value : NaN;
    });
    // Both count 16 B per element and step, so the inverse ratio of their GB/s is the ratio of their times per step.
    const versusNumpy = (rows: Row[], rate: 'value' | 'cpuValue', label = 'numpy GD in place') => {
      const ours = find(rows, 'gd_sphere_bw', isOurMain);
      const peer = find(rows, 'gd_sphere_bw', (r) => r.label.includes(label) && 'ok' in r && r.ok);
      return ours && peer ? peer[rate] / ours[rate] : NaN;
    };
    const timeVsNumpy = perPass((rows) => versusNumpy(rows, 'value'));
    // A memory-bound step's wall time swings with whatever else shares the memory bus, so each pass is shown.
    const eachPass = passes.map((rows) => `${versusNumpy(rows, 'value').toFixed(2)}×`).join(', ');
    const cpuVsNumpy = perPass((rows) => versusNumpy(rows, 'cpuValue'));
    // numpy's step gets huge pages (madvise), which no JavaScript or WebAssembly memory can ask for: the other way.
    const withoutHugePages = 'numpy in-place step without huge pages';
    const timeVsSmallPages = perPass((rows) => versusNumpy(rows, 'value', withoutHugePages));
    const cpuVsSmallPages = perPass((rows) => versusNumpy(rows, 'cpuValue', withoutHugePages));
    const timeVsSameWork = perPass((rows) => {
      const ours = find(rows, 'gd_sphere_bw', isOurMain);
      const peer = find(rows, 'gd_sphere_bw', (r) => r.label.includes('numpy GD keeping the best') && 'ok' in r && r.ok);
      return ours && peer ? peer.value / ours.value : NaN;
    });
    say(
      `(c) GD step on the sphere: ${Number.isFinite(timeVsNumpy) ? `time per step ${timeVsNumpy.toFixed(2)}× numpy's in-place step (target ≤ 1.5×: ${timeVsNumpy <= 1.5 ? 'met' : 'NOT met'}; each pass: ${eachPass}; by CPU time ${cpuVsNumpy.toFixed(2)}×)` : "numpy's in-place step not run (--peers all)"}; ${Number.isFinite(timeVsSmallPages) ? `${timeVsSmallPages.toFixed(2)}× the same numpy step without huge pages (by CPU time ${cpuVsSmallPages.toFixed(2)}×)` : 'numpy without huge pages not run'}; ${Number.isFinite(timeVsSameWork) ? `${timeVsSameWork.toFixed(2)}× the time of numpy doing the same work (fitness, non-finite check, best kept)` : 'numpy doing the same work not run'}; ${(100 * vsCopy).toFixed(0)}% of the same-process copy's GB/s`,
    );
  }
  if (options.workloads.includes('gd_mlp')) {
    const versus = (test: (label: string) => boolean) =>
      perPass((rows) => {
        const ours = find(rows, 'gd_mlp', isOurMain);
        const peer = find(rows, 'gd_mlp', (r) => !r.ours && test(r.label.toLowerCase()) && 'ok' in r && r.ok);
        return ours && peer ? ours.value / peer.value : NaN;
      });
    const show = (ratio: number, name: string) => (Number.isFinite(ratio) ? `${fmtRatio(ratio)} ${name}` : `${name} not run or failed`);
    say(
      `(d) GD on the teacher–student MLP: ${show(versus((l) => l.includes('js float64array')), 'the plain-JS peer')}; ${show(versus((l) => l.includes('tfjs') && l.includes('cpu')), 'tfjs cpu')}; ${show(versus((l) => l.includes('wasm')), 'tfjs wasm')}; ${show(versus((l) => l.includes('numpy') && l.includes('f64')), 'numpy f64 (target ≥ 1×)')}; ${show(versus((l) => l.includes('torch') && l.includes('f64')), 'PyTorch f64')}`,
    );
  }
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}

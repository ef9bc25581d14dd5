/**
 * The reference implementations in the shared peers folder (peers/README.md), run as child processes in the same
 * pass as our engine. The folder is copied to a writable directory first (the Python peers install their
 * dependencies beside themselves); the copy is kept between runs so that those installs are reused.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Measurement } from './workloads.ts';

export type PeerSet = 'none' | 'js' | 'all';

export interface PeerSpec {
  readonly workload: string;
  readonly label: string;
  /** Which --peers level runs it. */
  readonly set: 'js' | 'all';
  readonly command: string;
  readonly args: readonly string[];
}

export const DEBIAN_PYTHON = '/usr/bin/python3';

/** The peers of each workload that we compare against (the slow DEAP, cmaes and tfjs peers are left out). */
export const PEERS: readonly PeerSpec[] = [
  { workload: 'ga_nk', label: 'peer JS typed arrays, generic K (run_all ref)', set: 'js', command: 'node', args: ['ga_nk/ga_nk_js.mjs'] },
  { workload: 'ga_nk', label: 'peer JS typed arrays, K=4 unrolled', set: 'js', command: 'node', args: ['ga_nk/ga_nk_js.mjs', '--eval', 'k4'] },
  { workload: 'ga_nk', label: 'peer numpy vectorised (Debian numpy)', set: 'all', command: DEBIAN_PYTHON, args: ['ga_nk/ga_nk_numpy.py'] },
  { workload: 'es_rastrigin', label: 'peer JS CSA-ES (simpler algorithm, run_all ref)', set: 'js', command: 'node', args: ['es_rastrigin/es_js.mjs'] },
  { workload: 'es_rastrigin', label: 'peer pycma 4.5.0 full CMA', set: 'all', command: DEBIAN_PYTHON, args: ['es_rastrigin/es_cma_lib.py', '--lib', 'pycma'] },
  { workload: 'es_rastrigin', label: 'peer pycma 4.5.0 CMA_diagonal', set: 'all', command: DEBIAN_PYTHON, args: ['es_rastrigin/es_cma_lib.py', '--lib', 'pycma', '--diag'] },
  { workload: 'gd_mlp', label: 'peer JS Float64Array backprop (run_all ref)', set: 'js', command: 'node', args: ['gd_mlp/gd_mlp_js.mjs'] },
  { workload: 'gd_mlp', label: 'peer tfjs 4.22 cpu backend (pure JS, f32)', set: 'js', command: 'node', args: ['gd_mlp/gd_mlp_tfjs.mjs', '--backend', 'cpu'] },
  { workload: 'gd_mlp', label: 'peer tfjs 4.22 wasm backend (XNNPACK, 1 thread, f32)', set: 'js', command: 'node', args: ['gd_mlp/gd_mlp_tfjs.mjs', '--backend', 'wasm'] },
  { workload: 'gd_mlp', label: 'peer tfjs-node (native libtensorflow)', set: 'all', command: 'node', args: ['gd_mlp/gd_mlp_tfjs.mjs', '--backend', 'node'] },
  { workload: 'gd_mlp', label: 'peer numpy backprop f64 (Debian numpy)', set: 'all', command: DEBIAN_PYTHON, args: ['gd_mlp/gd_mlp_numpy.py'] },
  { workload: 'gd_mlp', label: 'peer numpy backprop f32 (Debian numpy)', set: 'all', command: DEBIAN_PYTHON, args: ['gd_mlp/gd_mlp_numpy.py', '--dtype', 'float32'] },
  { workload: 'gd_mlp', label: 'peer PyTorch 2.13 CPU autograd f64', set: 'all', command: 'python3', args: ['gd_mlp/gd_mlp_torch.py'] },
  { workload: 'gd_mlp', label: 'peer PyTorch 2.13 CPU autograd f32', set: 'all', command: 'python3', args: ['gd_mlp/gd_mlp_torch.py', '--dtype', 'float32'] },
  { workload: 'gd_sphere_bw', label: 'peer JS copy Float64Array.set', set: 'js', command: 'node', args: ['gd_sphere_bw/bw_js.mjs', '--mode', 'copy'] },
  { workload: 'gd_sphere_bw', label: 'peer JS GD fused loop (16 B/elem)', set: 'js', command: 'node', args: ['gd_sphere_bw/bw_js.mjs', '--mode', 'gd'] },
  { workload: 'gd_sphere_bw', label: 'peer numpy copy np.copyto (run_all ref)', set: 'all', command: DEBIAN_PYTHON, args: ['gd_sphere_bw/bw_numpy.py', '--mode', 'copy'] },
  { workload: 'gd_sphere_bw', label: 'peer numpy GD in place (16 B/elem)', set: 'all', command: DEBIAN_PYTHON, args: ['gd_sphere_bw/bw_numpy.py', '--mode', 'gd'] },
  // Ours, not the shared folder's: numpy doing our step's work (fitness, non-finite check, best kept; bench/gd_sphere_numpy.py).
  { workload: 'gd_sphere_bw', label: 'numpy GD keeping the best (dot, then step into a spare)', set: 'all', command: DEBIAN_PYTHON, args: [fileURLToPath(new URL('./gd_sphere_numpy.py', import.meta.url))] },
  // Ours: the peer's in-place step without numpy's madvise(MADV_HUGEPAGE), which WebAssembly memory cannot ask for.
  { workload: 'gd_sphere_bw', label: 'numpy in-place step without huge pages (no madvise)', set: 'all', command: DEBIAN_PYTHON, args: [fileURLToPath(new URL('./gd_sphere_numpy_hugepages.py', import.meta.url)), '--peer', 'off'] },
  // Ours, not the shared folder's: the same matrix as bench/workloads.ts eigenWorkload.
  { workload: 'eigen', label: 'numpy.linalg.eigh (LAPACK dsyevd, OpenBLAS, 1 thread)', set: 'all', command: DEBIAN_PYTHON, args: [fileURLToPath(new URL('./eigh_numpy.py', import.meta.url))] },
];

export interface PeerResult extends Measurement {
  readonly ok: boolean;
  /** Seconds per iteration, when the peer reports it (the ES peers). */
  readonly secondsPerIteration?: number;
  readonly seconds: number;
}

/** The peers folder: --peers-dir, $HYPERCLIMB_PEERS, or the shared one; undefined when it does not exist. */
export function findPeersDir(explicit?: string): string | undefined {
  const candidates = [explicit, process.env.HYPERCLIMB_PEERS, '/work/shared/peers'].filter((d): d is string => !!d);
  return candidates.find((d) => existsSync(join(d, 'README.md')));
}

/** Copies the peers to a stable writable place (scripts refreshed, installed dependencies kept); returns it. */
export function preparePeers(source: string): string {
  const target = join(tmpdir(), 'hyperclimb-bench-peers');
  mkdirSync(target, { recursive: true });
  cpSync(source, target, { recursive: true, force: true, filter: (from) => !/\/(results|node_modules|\.pylib[^/]*)(\/|$)/.test(from) });
  return target;
}

const LAST_LINE = /^([A-Za-z0-9_]+) ([-+0-9.eEnaNif]+) (\S+)$/;

export function runPeer(dir: string, peer: PeerSpec, timeoutSeconds: number): PeerResult {
  const t0 = Date.now();
  const child = spawnSync(peer.command, [...peer.args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: timeoutSeconds * 1000,
    maxBuffer: 64 * 1024 * 1024,
    env: process.env,
  });
  const seconds = (Date.now() - t0) / 1000;
  const lines = (child.stdout ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  const last = [...lines].reverse().find((l) => LAST_LINE.test(l));
  const cpu = [...lines].reverse().find((l) => l.startsWith('cpu_rate '));
  const perIter = lines.map((l) => /\bs_per_iter=([0-9.eE+-]+)/.exec(l)).find((m) => m);
  const match = last ? LAST_LINE.exec(last) : null;
  const ok = child.status === 0 && !!match && Number.isFinite(Number(match[2]));
  const notes: string[] = [];
  if (!ok) {
    const why = child.error ? String(child.error.message) : `exit ${child.status}${child.signal ? ` (${child.signal})` : ''}`;
    const tail = (child.stderr ?? '').trim().split('\n').slice(-3).join(' | ');
    notes.push(`${peer.label}: failed (${why})${tail ? `: ${tail}` : ''}`);
  }
  return {
    workload: peer.workload,
    label: peer.label,
    metric: match ? match[1] : 'none',
    value: match ? Number(match[2]) : NaN,
    unit: match ? match[3] : '?',
    cpuValue: cpu ? Number(cpu.split(' ')[1]) : NaN,
    notes,
    ok,
    secondsPerIteration: perIter ? Number(perIter[1]) : undefined,
    seconds,
  };
}

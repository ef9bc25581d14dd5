"""The sphere GD peer doing our step's work in numpy: the peers' in-place step (np.multiply(x, 1 - 2 lr, out=x))
computes neither the fitness nor keeps the best point, so it is a floor, not the same work. Here each step computes
f(x) = -x.x (np.dot, one pass), stops on a non-finite f, writes x + lr*(-2x) into a spare array (a second pass: the
in-place update would destroy x, which is the best point so far whenever f improved), and keeps the best by swapping
arrays, as Hyperclimb's run did before it stepped in place (it now replays the steps to the best point when that is
read, docs/runs.md). Same instance, N, steps, step size and best-of-5 (STREAM convention) as
peers/gd_sphere_bw/bw_numpy.py; GB/s counted at 16 B per element and step like every row of this workload, so the
ratios of GB/s are ratios of time per step. Last line: `bw_gd_sphere_numpy_best_GB_per_s VALUE GB/s`, the line
before it the CPU-time rate (peers' format)."""
import os
import sys

for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"
import time

import numpy as np

N, STEPS, LR, REPS = 10_000_000, 20, 0.1, 5
x = 1 + (np.arange(N) % 1000) * 1e-3
spare = np.ones(N)
best = np.ones(N)
state = {"x": x, "spare": spare, "best": best, "best_f": -np.inf, "improved": 0}


def steps():
    s = state
    for _ in range(STEPS):
        f = -np.dot(s["x"], s["x"])
        if not np.isfinite(f):
            raise SystemExit("diverged")
        np.multiply(s["x"], 1 - 2 * LR, out=s["spare"])
        if f > s["best_f"]:
            s["best_f"] = f
            s["improved"] += 1
            s["best"], s["x"], s["spare"] = s["x"], s["spare"], s["best"]
        else:
            s["x"], s["spare"] = s["spare"], s["x"]


walls, cpus = [], []
for _ in range(REPS):
    w0, c0 = time.perf_counter(), time.process_time()
    steps()
    walls.append(time.perf_counter() - w0)
    cpus.append(time.process_time() - c0)
gb = 16 * N * STEPS / 1e9
print(f"numpy GD keeping the best: {state['improved']} of {REPS * STEPS} steps improved, best of {REPS}: "
      f"{min(walls) / (N * STEPS) * 1e9:.2f} ns per element and step")
print(f"cpu_rate {max(gb / c for c in cpus if c > 0):.6g} GB/s (process CPU time, max of {REPS} reps)")
print(f"bw_gd_sphere_numpy_best_GB_per_s {max(gb / w for w in walls):.6g} GB/s")

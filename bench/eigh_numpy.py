"""The eigensolver peer: numpy.linalg.eigh (LAPACK dsyevd through OpenBLAS, one thread) on the matrix that
bench/workloads.ts `eigenWorkload` decomposes: n = 1000, A[i, j] = ((i*j*7919 + i + j) mod 1009) / 1009 - 0.5 + 3 [i == j]
(integer arithmetic, so both sides build exactly the same matrix). Median of 3 decompositions. Last line:
`eigh_numpy_decompositions_per_s VALUE decompositions/s`, the line before it the CPU-time rate (peers' format)."""
import os
import sys

for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"
import time

import numpy as np

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
i = np.arange(n, dtype=np.int64)
a = ((np.outer(i, i) * 7919 + i[:, None] + i[None, :]) % 1009) / 1009 - 0.5 + 3 * np.eye(n)
walls, cpus = [], []
for _ in range(3):
    w0, c0 = time.perf_counter(), time.process_time()
    values, vectors = np.linalg.eigh(a)
    walls.append(time.perf_counter() - w0)
    cpus.append(time.process_time() - c0)
walls.sort()
cpus.sort()
print(f"eigh n={n}: smallest eigenvalue {values[0]:.6f}, median {walls[1]:.3f} s wall, {cpus[1]:.3f} s cpu")
print(f"cpu_rate {1 / cpus[1]:.4g} decompositions/s (process CPU time)")
print(f"eigh_numpy_decompositions_per_s {1 / walls[1]:.4g} decompositions/s")

"""The native side of bench/arithmetic-ceiling.ts: what OpenBLAS (Debian's numpy, one thread) does per core on the
work of an eigendecomposition, and, when a C compiler is here, the register peaks of this CPU.

  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/arithmetic_ceiling_numpy.py [--reps 5] [--product-sizes 1000,500,64]
      [--vector-sizes 1000,500] [--eigen-size 1000]

One line per measurement, `ceiling KIND n WALL_GFLOPS CPU_GFLOPS` (medians over --reps timings, each timing a batch
of calls long enough for the clocks), `eigh n WALL_S CPU_S`, `peak KIND WALL_GFLOPS CPU_GFLOPS`, and `info ...`
lines; flops are counted as BLAS counts them (2n³ for dgemm, 2n² for dgemv and dsymv).
"""
import argparse
import ctypes
import os
import shutil
import subprocess
import sys
import tempfile

for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"
import time

import numpy as np


def sizes(text):
    try:
        values = [int(v) for v in text.split(",") if v]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated integers, got '{text}'")
    if not values or any(v < 2 or v % 2 for v in values):
        raise argparse.ArgumentTypeError(f"sizes must be even integers ≥ 2, got '{text}'")
    return values


parser = argparse.ArgumentParser()
parser.add_argument("--reps", type=int, default=5)
parser.add_argument("--product-sizes", type=sizes, default=[1000, 500, 64])
parser.add_argument("--vector-sizes", type=sizes, default=[1000, 500])
parser.add_argument("--eigen-size", type=int, default=1000)
args = parser.parse_args()
if args.reps < 1:
    parser.error(f"--reps must be a positive integer (got {args.reps})")


def measure(call, flops, seconds=0.05):
    """Median GFlop/s by wall clock and by process CPU time; each timing repeats `call` for about `seconds`."""
    call()
    batch = 1
    while True:
        w0 = time.perf_counter()
        for _ in range(batch):
            call()
        if time.perf_counter() - w0 >= seconds or batch >= 1 << 20:
            break
        batch *= 2
    walls, cpus = [], []
    for _ in range(args.reps):
        w0, c0 = time.perf_counter(), time.process_time()
        for _ in range(batch):
            call()
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    return flops * batch / np.median(walls) / 1e9, flops * batch / np.median(cpus) / 1e9


def test_matrix(n, seed):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, n))


# cblas_dsymv from the BLAS numpy itself links (Debian: libblas.so.3 is OpenBLAS through the alternatives link).
blas = ctypes.CDLL("libblas.so.3")
blas.cblas_dsymv.restype = None
blas.cblas_dsymv.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_double, ctypes.c_void_p, ctypes.c_int,
                             ctypes.c_void_p, ctypes.c_int, ctypes.c_double, ctypes.c_void_p, ctypes.c_int]
ROW_MAJOR, LOWER = 101, 122
try:
    core = ctypes.CDLL("libopenblas.so.0")
    core.openblas_get_corename.restype = ctypes.c_char_p
    core.openblas_get_config.restype = ctypes.c_char_p
    print(f"info openblas {core.openblas_get_config().decode()} core {core.openblas_get_corename().decode()}")
except (OSError, AttributeError):
    print("info openblas (version and core not reported)")
print(f"info numpy {np.__version__} python {sys.version.split()[0]}")

for n in args.product_sizes:
    a, b = test_matrix(n, 1), test_matrix(n, 2)
    c = np.empty((n, n))
    wall, cpu = measure(lambda: np.dot(a, b, out=c), 2.0 * n ** 3)
    print(f"ceiling dgemm {n} {wall:.4g} {cpu:.4g}")

for n in args.vector_sizes:
    a = test_matrix(n, 3)
    a = a + a.T
    x = np.random.default_rng(4).standard_normal(n)
    y = np.empty(n)
    wall, cpu = measure(lambda: np.dot(x, a, out=y), 2.0 * n * n)
    print(f"ceiling dgemv {n} {wall:.4g} {cpu:.4g}")
    ap, xp, yp = a.ctypes.data, x.ctypes.data, y.ctypes.data
    wall, cpu = measure(lambda: blas.cblas_dsymv(ROW_MAJOR, LOWER, n, 1.0, ap, n, xp, 1, 0.0, yp, 1), 2.0 * n * n)
    if not np.allclose(y, a @ x, rtol=1e-12, atol=1e-9):
        sys.exit("bench/arithmetic_ceiling_numpy.py: cblas_dsymv disagrees with a @ x; its signature here is not the one assumed")
    print(f"ceiling dsymv {n} {wall:.4g} {cpu:.4g}")

# The eigensolver itself, on bench/workloads.ts's `eigen` matrix (as bench/eigh_numpy.py builds it).
n = args.eigen_size
i = np.arange(n, dtype=np.int64)
m = ((np.outer(i, i) * 7919 + i[:, None] + i[None, :]) % 1009) / 1009 - 0.5 + 3 * np.eye(n)
walls, cpus = [], []
for _ in range(args.reps):
    w0, c0 = time.perf_counter(), time.process_time()
    np.linalg.eigh(m)
    walls.append(time.perf_counter() - w0)
    cpus.append(time.process_time() - c0)
print(f"eigh {n} {np.median(walls):.4g} {np.median(cpus):.4g}")

# Register peaks in C (bench/arithmetic_ceiling_peak.c), if a compiler is here.
source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "arithmetic_ceiling_peak.c")
compiler = shutil.which("gcc") or shutil.which("cc")
if not compiler:
    print("info peak: no C compiler here, so no register peaks; numpy's dgemm is the practical peak")
else:
    with tempfile.TemporaryDirectory() as tmp:
        binary = os.path.join(tmp, "peak")
        # -ffp-contract=off: the 128- and 256-bit multiply-then-add loops must stay two instructions, not fuse.
        build = subprocess.run([compiler, "-O2", "-mavx2", "-mfma", "-ffp-contract=off", "-o", binary, source],
                               capture_output=True, text=True)
        if build.returncode != 0:
            print(f"info peak: {compiler} failed: {build.stderr.strip().splitlines()[-1:]}")
        else:
            run = subprocess.run([binary, str(args.reps)], capture_output=True, text=True)
            if run.returncode != 0:
                sys.exit(f"bench/arithmetic_ceiling_peak.c: exit {run.returncode}: {run.stderr.strip()}")
            sys.stdout.write(run.stdout)

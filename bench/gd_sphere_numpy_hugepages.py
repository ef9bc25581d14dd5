"""Is numpy's in-place sphere step faster than ours because of huge pages? numpy asks the kernel for transparent huge
pages on its large arrays (madvise(MADV_HUGEPAGE); with THP set to `madvise`, as on this machine, only such memory gets
them), and V8's WebAssembly memory does not ask. This runs the peer's step (np.multiply(x, 1 - 2 lr, out=x), N = 10^7,
20 steps, best of 5 repetitions, as peers/gd_sphere_bw/bw_numpy.py) in a fresh process with numpy's hugepage advice on
and off, alternately, and prints ns per element and step for each, with the huge-page share of the process's
anonymous memory (/proc/self/smaps_rollup) as evidence that the advice took effect.
Usage: python3 bench/gd_sphere_numpy_hugepages.py [--passes 3]
       python3 bench/gd_sphere_numpy_hugepages.py --peer off   (npm run bench's row: one run, without the advice,
       last line `bw_gd_sphere_numpy_no_hugepages_GB_per_s VALUE GB/s` at 16 B per element and step, the line before
       it the CPU-time rate, as the peers print)"""
import argparse
import os
import subprocess
import sys
import time

N, STEPS, LR, REPS = 10_000_000, 20, 0.1, 5


def anon_huge_kb():
    with open("/proc/self/smaps_rollup") as f:
        for line in f:
            if line.startswith("AnonHugePages:"):
                return int(line.split()[1])
    return -1


def child(hugepages, peer=False):
    import numpy as np
    core = getattr(np, "_core", None) or np.core
    core.multiarray._set_madvise_hugepage(hugepages)
    x = 1 + (np.arange(N) % 1000) * 1e-3
    walls, cpus = [], []
    for _ in range(REPS):
        w0, c0 = time.perf_counter(), time.process_time()
        for _ in range(STEPS):
            np.multiply(x, 1 - 2 * LR, out=x)
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    per = N * STEPS / 1e9
    if peer:
        print(f"numpy in-place step, hugepage advice {'on' if hugepages else 'off'}: AnonHugePages {anon_huge_kb() // 1024} MB, "
              f"best of {REPS}: {min(walls) / per:.3f} ns per element and step")
        print(f"cpu_rate {16 * per / min(cpus):.6g} GB/s (process CPU time, best of {REPS})")
        print(f"bw_gd_sphere_numpy_{'' if hugepages else 'no_'}hugepages_GB_per_s {16 * per / min(walls):.6g} GB/s")
        return
    print(f"{min(walls) / per:.3f} {min(cpus) / per:.3f} {anon_huge_kb()}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--child", choices=["on", "off"])
    ap.add_argument("--peer", choices=["on", "off"])
    args = ap.parse_args()
    if args.child or args.peer:
        child((args.child or args.peer) == "on", peer=bool(args.peer))
        return
    import numpy as np
    print(f"numpy {np.__version__}, THP: {open('/sys/kernel/mm/transparent_hugepage/enabled').read().strip()}")
    results = {"on": [], "off": []}
    for p in range(args.passes):
        for mode in ("on", "off"):
            out = subprocess.run([sys.executable, __file__, "--child", mode], capture_output=True, text=True, check=True)
            wall, cpu, huge = out.stdout.split()
            results[mode].append((float(wall), float(cpu)))
            print(f"pass {p + 1} hugepage advice {mode:3}: {float(wall):.3f} ns wall, {float(cpu):.3f} ns CPU per element "
                  f"and step (best of {REPS}); AnonHugePages {int(huge) // 1024} MB")
    for mode in ("on", "off"):
        best_wall = min(w for w, _ in results[mode])
        best_cpu = min(c for _, c in results[mode])
        print(f"hugepage advice {mode}: best over passes {best_wall:.3f} ns wall, {best_cpu:.3f} ns CPU")
    on = min(w for w, _ in results["on"])
    off = min(w for w, _ in results["off"])
    print(f"without huge pages numpy's step takes {off / on:.2f}x its time with them (best walls)")


if __name__ == "__main__":
    main()

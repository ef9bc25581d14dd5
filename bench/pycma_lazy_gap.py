"""How often pycma decomposes C in the es_rastrigin workload (the pycma peer's run: D = 1000, popsize 32, sigma0 0.5,
seed 1, x0 from the peers' shared generator, 100 iterations), beside the rule it follows: pycma 4.5's
GaussFullSampler decomposes once `lazy_update_gap` = 1/((c1 + cmu)·N·10) iterations have passed since the last time
(evolution_strategy.py, `updatecovwait` unset), Hansen's rule of thumb, which Hyperclimb applies in evaluations
(λ/((c1 + cμ)·N·10)). Runs with the peers' installed pycma: python3 bench/pycma_lazy_gap.py [PEERS_DIR], PEERS_DIR
the bench's copy of the peers (default /tmp/hyperclimb-bench-peers, made by `npm run bench -- --peers all`)."""
import os
import sys

for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"
peers = sys.argv[1] if len(sys.argv) > 1 else "/tmp/hyperclimb-bench-peers"
sys.path.insert(0, os.path.join(peers, "lib"))
sys.path.insert(0, os.path.join(peers, ".pylib"))
import warnings

warnings.filterwarnings("ignore")
import numpy as np

try:
    import cma
except ImportError:
    sys.exit(f"pycma_lazy_gap.py: no pycma under {peers}/.pylib (run `npm run bench -- --workload es_rastrigin --peers all` first)")
from common import rastrigin_x0

D, LAM, ITERATIONS = 1000, 32, 100
es = cma.CMAEvolutionStrategy(np.array(rastrigin_x0(D, 2)), 0.5, {"popsize": LAM, "seed": 1, "verbose": -9})
at = []
for it in range(ITERATIONS):
    before = es.sm.count_eigen
    X = es.ask()
    es.tell(X, [float(10 * D + x.dot(x) - 10 * np.cos(2 * np.pi * x).sum()) for x in X])
    if es.sm.count_eigen != before:
        at.append(it)
print(f"pycma {cma.__version__}: c1 = {es.sp.c1:.4g}, cmu = {es.sp.cmu:.4g}; lazy_update_gap = {es.sm.lazy_update_gap:.3f} iterations ({LAM * es.sm.lazy_update_gap:.1f} evaluations)")
print(f"pycma decomposed C {len(at)} times in {ITERATIONS} iterations (in iterations {', '.join(map(str, at))})")

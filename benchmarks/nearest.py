"""What the nearest-paragraph context of the topic feature costs (``themes.nearest_paragraphs``,
``pipeline.scoring.nearest_scores``): wall time on random unit vectors of USE's width (512),
BLAS on one thread as the themes stage runs it. Beyond ``scoring.MAX_REFERENCE`` paragraphs
the neighbours are sought among that many, so the cost grows linearly.

    python benchmarks/nearest.py [--sizes 5000 20000 100000] [--k 20]
"""

from __future__ import annotations

import argparse
import sys
import time

import pipeline  # noqa: F401  (first: it pins the numeric kernels before NumPy loads)
import numpy as np


def main() -> int:
    from pipeline.io import one_blas_thread, peak_memory_mb
    from pipeline.scoring import nearest_scores

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000, 100000])
    ap.add_argument("--k", type=int, default=20)
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    print("| paragraphs | seconds | peak memory of the process (MB) |\n| --- | --- | --- |")
    with one_blas_thread():
        for n in args.sizes:
            x = rng.normal(size=(n, 512)).astype(np.float32)
            x /= np.linalg.norm(x, axis=1, keepdims=True)
            content = rng.dirichlet(np.ones(5), size=n)
            start = time.perf_counter()
            nearest_scores(x, content, args.k)
            print(f"| {n:,} | {time.perf_counter() - start:.1f} | {peak_memory_mb():.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

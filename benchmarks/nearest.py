"""What the nearest-neighbour steps of the themes stage cost: the nearest-paragraph context
of the topic feature (``themes.nearest_paragraphs``, ``pipeline.scoring.nearest_scores``) and
the corpus neighbours of every sentence (``themes.corpus_neighbours``,
``pipeline.themes.with_corpus_neighbours``: neighbours from other documents, 50 sentences a
document). Wall time on random unit vectors of USE's width (512), BLAS on one thread as the
themes stage runs it. Beyond ``scoring.MAX_REFERENCE`` rows the neighbours are sought among
that many, so the cost grows linearly.

    python benchmarks/nearest.py [--sizes 5000 20000 100000] [--k 20] [--sentences 25000 100000] [--corpus-k 10]
"""

from __future__ import annotations

import argparse
import dataclasses
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
    ap.add_argument("--sentences", type=int, nargs="*", default=[25000, 100000])
    ap.add_argument("--corpus-k", type=int, default=10)
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
        if args.sentences:
            from types import SimpleNamespace

            from pipeline.config import ThemesParams, load_params, section
            from pipeline.themes import with_corpus_neighbours

            themes = section(load_params(), "themes", ThemesParams)
            themes = dataclasses.replace(themes, corpus_neighbours=args.corpus_k)
            print(f"\n| sentences (corpus neighbours, k={args.corpus_k}) | seconds | peak memory of the process (MB) |\n| --- | --- | --- |")
            for n in args.sentences:
                x = rng.normal(size=(n, 512)).astype(np.float32)
                x /= np.linalg.norm(x, axis=1, keepdims=True)
                scores = rng.dirichlet(np.ones(5), size=n)
                sentences = SimpleNamespace(embeddings=x, para_index=np.arange(n) // 5)
                source = np.repeat(np.arange((n + 49) // 50), 10)[: (n + 4) // 5]  # 10 paragraphs (50 sentences) a document
                start = time.perf_counter()
                with_corpus_neighbours(scores, sentences, source, themes)
                print(f"| {n:,} | {time.perf_counter() - start:.1f} | {peak_memory_mb():.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How fast, and in how much memory, shared passages are found (:func:`pipeline.estimates.shared_passages`).

The 62 provincial reports, cut at 。, copied ``--copies`` times as other localities (half of
each copy's sentences changed at their end, so that copies share passages, not whole texts):
seconds, the share of letters found shared, and the peak memory the search adds to its inputs.

    python benchmarks/passages.py [--copies 1 10 30]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pipeline  # noqa: F401,E402  (first: it pins the numeric kernels before NumPy loads)
import numpy as np  # noqa: E402

from pipeline.estimates import shared_passages  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "cn_provincial_gwr"


def run(copies: int) -> str:
    files = sorted(CORPUS.glob("*.txt"))
    rng = np.random.default_rng(0)
    texts, docs, groups = [], [], []
    for c in range(copies):
        for f in files:
            for s in f.read_text(encoding="utf-8").split("。"):
                texts.append(s + str(c) if rng.random() < 0.5 else s)
                docs.append(f"{c}/{f.name}")
                groups.append(f"{c}/{f.stem.split('_')[-1]}")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    out = shared_passages(texts, np.array(docs), np.array(groups))
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return (f"| {copies} | {sum(map(len, texts)) / 1e6:.1f} M | {len(texts):,} | {took:.1f} s | {out['shared'].sum() / out['letters'].sum():.3f} "
            f"| {max(0.0, peak - before):,.0f} MB |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 10, 30])
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # (one size, in a process of its own, so its peak is its own)
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} not found")
        return 0
    if args.one:
        print(run(args.one), flush=True)
        return 0
    import subprocess

    print("| copies | characters | sentences | time | letters shared | peak memory added |")
    print("| --- | --- | --- | --- | --- | --- |")
    for copies in args.copies:
        subprocess.run([sys.executable, __file__, "--one", str(copies)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

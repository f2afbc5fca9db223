"""Generate a large, realistic corpus from the provincial work reports, for scaling runs.

Sentences of each report are recombined into new paragraphs of 2–6 sentences that keep
their province and year; each generated file holds ``--per-file`` paragraphs under a title
naming the province and year, so ingest infers the same locality and date as for the
originals. Every sentence written is made unique (a numbered item mark before its end,
第N项), so the embedding cache cannot serve a repeated sentence and the scaling runs measure
what a real corpus of that size costs. The output is deterministic for a given ``--seed``.

    python benchmarks/make_corpus.py --paragraphs 100000 --out /tmp/corpus_100k
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "corpora" / "cn_provincial_gwr"
_SENTENCE = re.compile(r"[^。！？；]*[。！？；]+[”’」』）)]*")


def sentences_by_report(source: Path) -> dict[tuple[str, str], list[str]]:
    """Sentences of each ``YYYY_<province>.txt`` report, keyed by (year, province)."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for f in sorted(source.glob("*_*.txt")):
        year, province = f.stem.split("_", 1)
        for line in f.read_text(encoding="utf-8").splitlines():
            out[(year, province)] += [s for s in _SENTENCE.findall(line) if len(s) >= 12]
    return out


def _unique(sentence: str, n: int) -> str:
    """``sentence`` with a numbered item mark before its closing punctuation (…，第12项。)."""
    body = sentence.rstrip("。！？；”’」』）)")
    return f"{body}（第{n}项）{sentence[len(body):]}"


def generate(source: Path, out: Path, paragraphs: int, per_file: int, seed: int) -> tuple[int, int]:
    """Write files of ``per_file`` paragraphs until ``paragraphs`` are written; return
    (files, paragraphs)."""
    rng = random.Random(seed)
    pools = sentences_by_report(source)
    keys = sorted(pools)
    out.mkdir(parents=True, exist_ok=True)
    written = files = 0
    counter = itertools.count(1)
    while written < paragraphs:
        year, province = keys[files % len(keys)]
        pool = pools[(year, province)]
        n = min(per_file, paragraphs - written)
        lines = [f"{year}年{province}政府工作报告（重组样本{files // len(keys) + 1}）", f"——{year}年1月15日在{province}人民代表大会上"]
        for _ in range(n):
            picked = rng.sample(pool, rng.randint(2, 6))
            lines.append("".join(_unique(s, next(counter)) for s in picked))
        (out / f"{year}_{province}_{files // len(keys) + 1:04d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        written += n
        files += 1
    return files, written


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--paragraphs", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--per-file", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    args = ap.parse_args()
    if not args.source.is_dir():
        print(f"source corpus {args.source} not found", file=sys.stderr)
        return 2
    files, n = generate(args.source, args.out, args.paragraphs, args.per_file, args.seed)
    print(f"wrote {n} paragraphs in {files} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

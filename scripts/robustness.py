"""How far theme shares move with the random seed and the main theme params.

Refits topics and themes on this project's current stage outputs (run ``dvc repro`` first;
inside a ``dvc exp`` workspace it takes that experiment's params) under:

- other ``topics.seed`` values (UMAP and HDBSCAN, so topics and everything after them), and
- each main theme param moved down and up within a stated range, one at a time, with the
  seed of ``params.yaml``, and
- other ways of measuring, one run each (``--also``; by default the zero-shot model alone,
  ``themes.zero_shot_weight=1``, and no corpus neighbours, ``themes.corpus_neighbours=0``),

and writes, per locality and theme, the smallest and largest character share across the
runs (the run with the params of ``params.yaml`` included) and their spread to
``reports/robustness.csv``, with what was varied and the shares of the run with
``params.yaml``'s values in ``reports/robustness.json``. The ``report`` stage depends on both:
the next ``dvc repro`` shows the spread beside each share's interval, or, when that run's
shares are not the report's own (the runs were made before the outputs changed), says the
runs are out of date instead of showing them.

    python scripts/robustness.py                      # seeds 1-4, each theme param ± its step
    python scripts/robustness.py --seeds 1 2 3 4 5 6 --vary themes.lexical_weight=0.1
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

import pipeline  # noqa: F401  (first: it pins the numeric kernels before NumPy loads, see pipeline/__init__.py)
import numpy as np
import pandas as pd

# theme params varied by default, with the step they move by (down and up)
DEFAULT_VARY = {"themes.zero_shot_weight": 0.25, "themes.corpus_weight": 0.15, "themes.lexical_weight": 0.1, "themes.far_from_topic": 0.1, "themes.overview_max_share": 0.1}
# other ways of measuring, one run each: the zero-shot model alone (no builtin model), and no
# corpus neighbours: a share that moves with them owes more to the measurement than to the text
DEFAULT_ALSO = ["themes.zero_shot_weight=1", "themes.corpus_neighbours=0"]


def shares_of(result, paragraphs: pd.DataFrame, spans: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Character share of each theme per locality, by sentence theme (as the report counts)."""
    s = result.sentences[["para_id", "theme"]].assign(n=spans["n_chars"].to_numpy()).merge(paragraphs[["para_id", "locality"]], on="para_id")
    s["locality"] = s["locality"].replace("", "(locality not found)")
    chars = s.pivot_table(index="locality", columns="theme", values="n", aggfunc="sum", fill_value=0).reindex(columns=keys, fill_value=0)
    return chars.div(chars.sum(axis=1), axis=0).stack().rename("share").reset_index().rename(columns={"level_1": "theme"})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, nargs="*", default=[1, 2, 3, 4], help="other topics.seed values")
    ap.add_argument("--vary", nargs="*", default=[f"{k}={v}" for k, v in DEFAULT_VARY.items()], help="themes.<key>=<step>: moved down and up by step")
    ap.add_argument("--also", nargs="*", default=DEFAULT_ALSO, help="themes.<key>=<value>: one run each with that value (other ways of measuring)")
    args = ap.parse_args()

    from pipeline import config
    from pipeline.artifacts import StoredVectors, load_embeddings, load_sentence_embeddings
    from pipeline.classify import choose_model
    from pipeline.embedders import make_embedder
    from pipeline.io import write_csv, write_json
    from pipeline.labels import read_examples
    from pipeline.scoring import theme_prototypes
    from pipeline.themes import theme_corpus
    from pipeline.topics import model_topics, paragraph_tokens

    if not config.THEMES.exists():
        print("no stage outputs here: run `dvc repro` first", file=sys.stderr)
        return 2
    p = config.stage_params("robustness", ["topics", "themes", "embed.backend", "embed.model", "embed.prefix"])
    paragraphs = pd.read_parquet(config.PARAGRAPHS, columns=["para_id", "text", "section", "n_chars", "locality", "source", "line_start", "line_end"])
    spans = pd.read_parquet(config.SENTENCE_SPANS)
    embeddings = load_embeddings(paragraphs, mmap=True)
    sentence_embeddings = load_sentence_embeddings(spans, mmap=True)
    # as the stages do: topics cluster the paragraphs' jieba tokens (cut once by ingest), and
    # themes use the theme-text vectors the embed stage stored (no model is loaded for them)
    tokens = paragraph_tokens(paragraphs, spans)
    stored = StoredVectors()
    embedder = make_embedder(p.embed) if p.topics.representation != "ctfidf" else None
    keys = p.themes.keys
    examples = [read_examples(Path(f), keys, names=p.themes.label_names) for f in p.themes.examples] or None  # as the themes stage does

    def themes_for(themes, topics_result):
        protos = theme_prototypes(themes, stored)
        model, name = choose_model(themes, stored.identity) if themes.unit == "sentence" else (None, "")
        return theme_corpus(paragraphs, spans, topics_result.table, topics_result.topic_info, np.asarray(embeddings, dtype=np.float32), sentence_embeddings,
                            protos, themes, model, name, examples, stored.identity)

    runs: list[tuple[str, pd.DataFrame]] = []
    t0 = time.perf_counter()
    topic_runs = {}
    for seed in [p.topics.seed, *[s for s in args.seeds if s != p.topics.seed]]:
        tp = dataclasses.replace(p.topics, seed=seed)
        topic_runs[seed] = model_topics(tokens, embeddings, tp, embedder)
        runs.append((f"topics.seed={seed}", shares_of(themes_for(p.themes, topic_runs[seed]), paragraphs, spans, keys)))
        print(f"topics.seed={seed}: {topic_runs[seed].metrics['topics']} topics ({time.perf_counter() - t0:.0f} s)")
    base_topics = topic_runs[p.topics.seed]
    varied = [f"topics.seed ∈ {{{', '.join(str(s) for s in topic_runs)}}}"]
    for item in args.vary:
        key, step = item.split("=")
        name = key.split(".", 1)[1]
        base = getattr(p.themes, name)
        values = [round(v, 4) for v in (base - float(step), base + float(step)) if 0 <= v <= 1]
        for v in values:
            runs.append((f"{key}={v}", shares_of(themes_for(dataclasses.replace(p.themes, **{name: v}), base_topics), paragraphs, spans, keys)))
        varied.append(f"{key} ∈ {{{', '.join(str(v) for v in [base, *values])}}}")
        print(f"{key}: {values} ({time.perf_counter() - t0:.0f} s)")

    for item in args.also:
        key, value = item.split("=")
        name = key.split(".", 1)[1]
        if not hasattr(p.themes, name):
            raise SystemExit(f"--also {item}: themes has no param {name}")
        base = getattr(p.themes, name)
        v = type(base)(float(value)) if isinstance(base, (int, float)) and not isinstance(base, bool) else value
        if v == base:
            continue
        runs.append((f"{key}={v}", shares_of(themes_for(dataclasses.replace(p.themes, **{name: v}), base_topics), paragraphs, spans, keys)))
        varied.append(f"{key}={v}")
        print(f"{key}={v} ({time.perf_counter() - t0:.0f} s)")

    table = pd.concat([df.assign(run=name) for name, df in runs])
    out = table.groupby(["locality", "theme"])["share"].agg(["size", "min", "max"]).reset_index().rename(columns={"size": "runs"})
    out["spread"] = out["max"] - out["min"]
    out = out.assign(theme=pd.Categorical(out["theme"], keys)).sort_values(["locality", "theme"])
    out["theme"] = out["theme"].astype(str)
    out[["min", "max", "spread"]] = out[["min", "max", "spread"]].round(4)
    write_csv(out[["locality", "theme", "runs", "min", "max", "spread"]], config.REPORTS / "robustness.csv")
    base_run = runs[0][1]  # params.yaml's values: the report checks these against its own shares, to tell stale runs
    base = {f"{loc}|{th}": round(float(v), 4) for loc, th, v in zip(base_run["locality"], base_run["theme"], base_run["share"])}
    write_json({"runs": len(runs), "varied": "; ".join(varied), "run_names": [name for name, _ in runs], "base_shares": base}, config.REPORTS / "robustness.json")
    worst = out.sort_values("spread", ascending=False).iloc[0]
    print(f"{len(runs)} runs in {time.perf_counter() - t0:.0f} s; largest spread {worst['locality']} {worst['theme']}: "
          f"{worst['min']:.3f}–{worst['max']:.3f} ({100 * worst['spread']:.1f} points); median spread {100 * out['spread'].median():.1f} points")
    print("wrote reports/robustness.csv and reports/robustness.json; `dvc repro` shows them in the report")
    return 0


if __name__ == "__main__":
    from pipeline.io import one_blas_thread

    with one_blas_thread():  # as the stages run, so the figures do not depend on the number of cores
        sys.exit(main())

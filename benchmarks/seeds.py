"""Sentence themes on the five bundled seed documents (county and city speeches and articles),
against one reader's labels: a check on texts unlike the provincial reports the builtin
model was fitted on.

``benchmarks/seed_sentence_labels.csv`` codes all 183 sentences of the seeds with the
codebook (``../shared/eval/CODEBOOK.md``). One reader (the developer) coded them, starting
from the builtin model's themes and after seeing where it disagreed with the zero-shot model;
so they lean towards whichever model the reader agreed with, and the figures are a sanity
check, not a measurement like ``benchmarks/themes.py``'s leave-one-province-out one.

Scores every sentence model on the repository's own outputs (run ``make repro`` first):
accuracy and macro-F1 on the sentences, the share TV of the 48 paragraphs (as ``evaluate``
computes it) and the total-variation distance between the labelled and the predicted theme
shares of each locality and of the whole corpus.

It also plays a user who codes sentences of their own corpus (``themes.examples``): each
document is themed by a model fitted on the other four documents' labels, stacked on the
shipped model. (Without its embeddings-only part, that model themes all 183 sentences alike.)

    python benchmarks/seeds.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import pipeline  # noqa: F401  (first: it pins the numeric kernels before NumPy loads, see pipeline/__init__.py)
import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
LABELS = Path(__file__).resolve().parent / "seed_sentence_labels.csv"
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=ROOT, help="a project whose pipeline has run up to themes (default: this repository)")
    parser.add_argument("--labels", type=Path, default=LABELS, help="sentence labels: source, line, sentence, label[, text]")
    args = parser.parse_args(argv)
    from themes import load

    from pipeline import config
    from pipeline.classify import BlendedModel, ZeroShotModel, builtin_model, choose_model, fit_linear, labelled_sentences
    from pipeline.labels import align_sentence_labels, read_sentence_labels, score_intervals, sentence_scores
    from pipeline.themes import with_corpus_neighbours

    if not (args.project / config.SENTENCE_SPANS).exists():
        print(f"run `make repro` first: this scores {args.project}'s own outputs", file=sys.stderr)
        return 2
    themes, paragraphs, spans, documents, sc, identity = load(args.project)
    keys = themes.keys
    labels = read_sentence_labels(args.labels, keys)
    alignment = align_sentence_labels(labels, paragraphs, spans)
    gold = np.full(len(spans), -1)
    for lab, where in zip(labels["label"], alignment):
        for row, _ in where:
            gold[row] = keys.index(lab)
    print(f"{len(labels)} labelled sentences, {int((gold >= 0).sum())} of {len(spans)} sentences matched")
    n = sc.sentences.n_chars
    locality = paragraphs["source"].map(dict(zip(documents["source"], documents["locality"]))).to_numpy()[sc.sentences.para_index]

    def shares(theme, mask):
        return np.bincount(theme[mask], weights=n[mask], minlength=len(keys)) / n[mask].sum()  # theme ≥ 0 where mask

    builtin = builtin_model(keys, identity, themes.nearest_paragraphs)
    zero = ZeroShotModel(keys, themes.sentence_weights)
    models = {"zero-shot": zero}
    if builtin is not None:
        for w in (0.0, 0.25, 0.5):
            models["builtin alone" if w == 0 else f"builtin mixed with zero-shot at {w:g}"] = BlendedModel(keys, [builtin, zero], [1 - w, w])
    para_source = np.asarray(paragraphs["source"])
    near = f"with {themes.corpus_neighbours} corpus neighbours at {themes.corpus_weight:g}"
    predicted = {}
    for name, model in models.items():  # each as the themes stage applies it (with the corpus neighbours), and without them
        proba = model.predict_proba(sc.features, sc.sentences)
        if themes.corpus_neighbours and themes.corpus_weight:
            predicted[f"{name}, {near}"] = with_corpus_neighbours(proba, sc.sentences, para_source, themes).argmax(axis=1)
        predicted[name] = proba.argmax(axis=1)
    # a user who codes sentences of their own corpus (themes.examples): a model fitted on the other
    # documents' labels, stacked on the shipped model, themes one held-out document
    base, base_name = choose_model(themes, identity)
    examples = labelled_sentences(labels, paragraphs, spans, keys)
    doc = np.asarray(paragraphs["source"])[sc.sentences.para_index]
    theme = np.full(len(spans), -1)
    for source in sorted(set(examples["group"])):
        held = np.array([s == source or s.endswith("/" + source) for s in doc])
        tr = examples[examples["group"] != source]
        model = fit_linear(sc.features, sc.sentences, tr["row"].to_numpy(), tr["y"].to_numpy(), keys, identity, base=base, kinds=tr["kind"].to_numpy())
        theme[held] = with_corpus_neighbours(model.predict_proba(sc.features, sc.sentences), sc.sentences, para_source, themes).argmax(axis=1)[held]
    predicted[f"examples: the other documents' labels, stacked on {base_name}, as the themes stage applies it"] = theme
    rows = []
    for name, theme in predicted.items():
        res, per = sentence_scores(labels, alignment, np.asarray(keys)[theme], keys)
        ci = score_intervals(per, keys, 1000, 0)
        tv = {loc: 0.5 * np.abs(shares(theme, m) - shares(gold, m)).sum() for loc in sorted(set(locality)) if (m := (locality == loc) & (gold >= 0)).any()}
        rows.append({"model": name, "accuracy": res["accuracy"], "macro-F1": res["macro_f1"],
                     f"macro-F1 95% interval ({ci['units']} {ci['resampled']} resampled)": f"{ci['macro_f1']['low']:.2f}–{ci['macro_f1']['high']:.2f}", "paragraph share TV": res["share_tv"],
                     "corpus share TV": 0.5 * np.abs(shares(theme, gold >= 0) - shares(gold, gold >= 0)).sum(),
                     "worst locality TV": max(tv.values()), **{f"{k} share": shares(theme, gold >= 0)[i] for i, k in enumerate(keys)}})
    rows.append({"model": "labels", **{f"{k} share": shares(gold, gold >= 0)[i] for i, k in enumerate(keys)}})
    table = pd.DataFrame(rows).set_index("model")
    print(table.to_markdown(floatfmt=".3f"))
    return 0


if __name__ == "__main__":
    from pipeline.io import one_blas_thread

    with one_blas_thread():  # as the stages run, so the figures do not depend on the number of cores
        sys.exit(main())

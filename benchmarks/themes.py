"""How well themes generalise: leave-one-province-out on the development labels.

The provincial reports beside the repository go through the pipeline up to ``topics`` (in a
work folder kept between runs); then every classifier is scored on each province's labels
after being fitted without them:

- ``paragraph``   the paragraph classifier (``themes.unit: paragraph``; hand-set weights)
- ``zero-shot``   the sentence classifier with feature weights fitted on the other provinces
- ``linear``      logistic regression on features and embeddings (the builtin model's kind),
                  fitted on the other provinces, averaged over a grid of C and of the weight
                  of sentence labels against paragraph labels, mixed with the same fitted on
                  the embeddings alone (and, for comparison: without that mixture, with both
                  kinds of label weighted alike, and with one setting of a smaller grid chosen
                  by cross-validation grouped by province, as before)
- ``mixed``       the linear model's log-probabilities mixed with the zero-shot model's at
                  ``themes.zero_shot_weight``, both fitted on the other provinces (what ships)
- ``shipped``     what ships: the builtin model and params.yaml's weights, fitted on all
                  labels (in-sample: for comparison only)

Paragraph labels (``../shared/eval/dev_labels.csv``) are scored as the evaluate stage does
(the theme holding most characters of the labelled line); sentence labels
(``../shared/eval/dev_sentences.csv``) give sentence accuracy and macro-F1 and the mean
per-paragraph total-variation distance between labelled and predicted theme shares; a second
table gives their 95% bootstrap intervals, resampling the labelled documents (as the
evaluate stage does).

    python benchmarks/themes.py              # the table (and confusion matrices)
    python benchmarks/themes.py --fit        # fit on all labels: write pipeline/resources/models/theme_model.npz
                                             # and print themes.sentence_weights for params.yaml
    python benchmarks/themes.py --topic-seeds 42 1 2   # the shipped kinds, LOPO, with the topics refitted under
                                             # each topics.seed, and the topic feature with and without the
                                             # nearest paragraphs: how much a figure owes to one clustering
    python benchmarks/themes.py --nearest 0 5 10 20 40 80   # the same for the number of nearest paragraphs
    python benchmarks/themes.py --pool benchmarks/county benchmarks/county2   # the LOPO figures with the county
                                             # texts' sentence labels added to the training labels, and each
                                             # county set's figures with the other's labels added
    python benchmarks/themes.py --pool benchmarks/county benchmarks/county2 --together   # the same with the county
                                             # texts in one corpus with the provincial reports
    python benchmarks/themes.py --shift benchmarks/county benchmarks/county2   # adapting the mix to corpora unlike the
                                             # provincial reports without their labels: by likeness to the training
                                             # sentences, by genre, by EM on the theme priors (see shift)
    python benchmarks/themes.py --soft       # share TV of the shipped mix (LOPO) counting each sentence's characters
                                             # by its theme, and by its probabilities (probabilistic classify-and-count)
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import pipeline  # noqa: F401  (first: it pins the numeric kernels before NumPy loads, see pipeline/__init__.py)
import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PROVINCIAL = SHARED / "corpora" / "cn_provincial_gwr"
LABELS = SHARED / "eval" / "dev_labels.csv"
SENTENCES = SHARED / "eval" / "dev_sentences.csv"
BIN = Path(sys.executable).parent


def prepare(work: Path):
    """Run ingest → embed → topics on the provincial corpus in ``work`` (kept, so a second
    run reuses it), and load what the themes stage reads."""
    from end_to_end import make_project, refresh_project, run

    project = work / "project"
    if not (project / "dvc.yaml").exists():
        project.mkdir(parents=True)
        make_project(project, sorted(PROVINCIAL.glob("*.txt")))
    else:  # this checkout's pipeline on the same corpus: DVC re-runs what the code change touches
        refresh_project(project)
    t, _ = run([str(BIN / "dvc"), "repro", "topics"], project)
    print(f"workspace {project}: ingest, embed and topics up to date ({t:.0f} s)")
    return project


def load(project: Path):
    from pipeline import config
    from pipeline.artifacts import load_embeddings, load_sentence_embeddings
    from pipeline.embedders import make_embedder
    from pipeline.scoring import theme_prototypes
    from pipeline.themes import score_corpus

    cwd = os.getcwd()
    os.chdir(project)
    try:
        p = config.stage_params("benchmark", ["themes", "embed.backend", "embed.model", "embed.prefix"])
        themes = p.themes
        paragraphs = pd.read_parquet(config.PARAGRAPHS)
        spans = pd.read_parquet(config.SENTENCE_SPANS)
        topics = pd.read_parquet(config.TOPICS)
        emb = load_embeddings(paragraphs)
        sent_emb = load_sentence_embeddings(spans)
        documents = pd.read_parquet(config.DOCUMENTS)
        embedder = make_embedder(p.embed)
    finally:
        os.chdir(cwd)
    prototypes = theme_prototypes(themes, embedder)
    scored = score_corpus(paragraphs, spans, topics, emb, sent_emb, prototypes, themes)
    return themes, paragraphs, spans, documents, scored, embedder.identity


class Bench:
    """The provincial corpus's features and the development labels, aligned: what every
    classifier is scored on (:meth:`evaluate`) and fitted without a province (:meth:`lopo`)."""

    def __init__(self, project: Path, quiet: bool = False):
        from pipeline.classify import claimed_paragraphs, claimed_sentences, labelled_sentences
        from pipeline.labels import align_sentence_labels, labelled_rows, read_labels, read_sentence_labels

        t0 = time.perf_counter()
        self.project = project
        self.themes, self.paragraphs, self.spans, documents, self.sc, self.identity = load(project)
        self.keys = self.themes.keys
        self.k = len(self.keys)
        if not quiet:
            print(f"{len(self.paragraphs)} paragraphs, {len(self.spans)} sentences; features in {time.perf_counter() - t0:.1f} s")
        self.plabels = read_labels(LABELS, self.keys)
        self.slabels = read_sentence_labels(SENTENCES, self.keys)
        province = dict(zip(documents["source"], documents["province"]))
        prov_of = lambda src: next((v for s, v in province.items() if src.endswith("/" + s) or s == src), "")  # noqa: E731
        self.plabels["province"] = self.plabels["source"].map(prov_of)
        self.slabels["province"] = self.slabels["source"].map(prov_of)
        self.sents, self.feats = self.sc.sentences, self.sc.features
        claimed = claimed_sentences(self.feats)
        self.claims = claimed_paragraphs(self.feats, self.sents.para_index, len(self.paragraphs))
        labelled = [labelled_sentences(self.plabels, self.paragraphs, self.spans, self.keys, claimed), labelled_sentences(self.slabels, self.paragraphs, self.spans, self.keys)]
        self.train = pd.concat(labelled).drop_duplicates("row", keep="last")
        self.train["province"] = self.train["group"].map(prov_of)
        self.para_rows = labelled_rows(self.plabels, self.paragraphs)
        self.alignment = align_sentence_labels(self.slabels, self.paragraphs, self.spans)
        self.provinces = sorted(set(self.plabels["province"]))
        if not quiet:
            print(f"labels: {len(self.plabels)} paragraphs and {len(self.slabels)} sentences from {len(self.provinces)} provinces → {len(self.train)} labelled sentences for training")

    def evaluate(self, s_theme: np.ndarray, held: list[str] | None = None) -> tuple[dict, dict]:
        """Paragraph- and sentence-level scores of sentence themes (indices), on the labels of ``held`` provinces."""
        from pipeline.classify import paragraph_shares, paragraph_themes
        from pipeline.labels import score_intervals, scores, sentence_scores

        keys, k, sents, plabels, slabels = self.keys, self.k, self.sents, self.plabels, self.slabels
        shares = paragraph_shares(s_theme, sents.n_chars, sents.para_index, len(self.paragraphs), k)
        ptheme = paragraph_themes(shares, self.claims)
        p_chars = self.paragraphs["n_chars"].to_numpy()
        pl = plabels if held is None else plabels[plabels["province"].isin(held)]
        actual, pred, source, line = [], [], [], []
        for (_, r), rows in zip(plabels.iterrows(), self.para_rows):
            if r.name in pl.index and len(rows):  # the theme of most of the line's characters, by paragraph theme (as the evaluate stage does)
                ch = np.bincount(ptheme[rows], weights=p_chars[rows], minlength=k)
                actual.append(r["primary"])
                pred.append(keys[int(ch.argmax())])
                source.append(r["source"])
                line.append(r["line"])
        para = scores(actual, pred, keys)
        para["intervals"] = score_intervals(pd.DataFrame({"source": source, "line": line, "actual": actual, "predicted": pred}), keys, 1000, 0)
        para["confusion"] = pd.crosstab(pd.Series(actual, name="actual"), pd.Series(pred, name="predicted")).reindex(index=keys, columns=keys, fill_value=0)
        mask = slabels["province"].isin(held) if held is not None else slabels["province"].notna()
        sl = slabels[mask]
        sent, per = sentence_scores(sl, [a for a, m in zip(self.alignment, mask) if m], np.asarray(keys)[s_theme], keys)
        sent["confusion"] = pd.crosstab(per["actual"], per["predicted"]).reindex(index=keys, columns=keys, fill_value=0)
        sent["intervals"] = score_intervals(per, keys, 1000, 0)
        return para, sent

    def lopo(self, fit_predict, tell_held: bool = False) -> np.ndarray:
        """Sentence themes of each province's labelled lines from a model fitted without that
        province (``tell_held``: the training labels' ``attrs["held"]`` names it)."""
        out = np.zeros(len(self.sents), dtype=int)
        for pv in self.provinces:
            tr = self.train[self.train["province"] != pv]
            if tell_held:
                tr = tr.copy()
                tr.attrs["held"] = pv
            theme = fit_predict(tr)
            held_rows = {i for rows in (r for (_, lab), r in zip(self.plabels.iterrows(), self.para_rows) if lab["province"] == pv) for i in rows}
            for (_, lab), where in zip(self.slabels.iterrows(), self.alignment):
                if lab["province"] == pv:
                    held_rows |= {int(self.sents.para_index[r]) for r, _ in where}
            mask = np.isin(self.sents.para_index, sorted(held_rows))
            out[mask] = theme[mask]
        return out

    def neighbours(self) -> np.ndarray:
        """For every sentence of a labelled paragraph, its ``themes.corpus_neighbours`` nearest
        sentences in other documents (-1 padded), as the themes stage finds them, but never a
        labelled sentence: a new corpus has none, and a fold's model would score them in-sample."""
        from pipeline.scoring import SENTENCE_REFERENCE, nearest_rows

        if getattr(self, "_neighbours", None) is None:
            labelled = np.zeros(len(self.sents), bool)
            labelled[self.train["row"].to_numpy()] = True
            rows = {int(i) for rs in self.para_rows for i in rs} | {int(self.sents.para_index[r]) for where in self.alignment for r, _ in where}
            self._queries = np.flatnonzero(np.isin(self.sents.para_index, sorted(rows)))
            source = self.paragraphs["source"].to_numpy()[self.sents.para_index]
            self._neighbours = nearest_rows(self.sents.embeddings, self.themes.corpus_neighbours, groups=source, eligible=~labelled, queries=self._queries,
                                            max_reference=SENTENCE_REFERENCE)
        return self._neighbours

    def with_neighbours(self, fit_proba):
        """``fit_proba`` (training labels → sentence probabilities) as a fit_predict for
        :meth:`lopo`: probabilities mixed with the corpus neighbours' as the themes stage mixes them."""
        from pipeline.scoring import mean_over
        from pipeline.themes import mix_neighbours

        idx, weight = self.neighbours(), self.themes.corpus_weight

        def fit_predict(tr):
            p = np.asarray(fit_proba(tr), dtype=np.float64)  # as the stage mixes them
            p[self._queries] = mix_neighbours(p[self._queries], *mean_over(p, idx), weight)
            return p.argmax(axis=1)

        return fit_predict

    def topic_parts(self) -> tuple[np.ndarray, np.ndarray]:
        """(n_paragraphs, n_themes) theme scores of each paragraph's topic (0 when far from it),
        and the paragraphs' embeddings: what the topic feature is made of."""
        from pipeline.artifacts import load_embeddings

        topics = pd.read_parquet(self.project / "data" / "processed" / "topics.parquet")["topic"].to_numpy()
        alone = np.array([self.sc.topic_scores[t] if c else np.zeros(self.k) for t, c in zip(topics, self.sc.close)]).reshape(len(topics), self.k)
        cwd = os.getcwd()
        os.chdir(self.project)
        try:
            return alone, load_embeddings(self.paragraphs)
        finally:
            os.chdir(cwd)

    def shipped_kinds(self, topic_column: np.ndarray):
        """LOPO scores ``(name, paragraph scores, sentence scores)`` of zero-shot and of the
        shipped mix, with the sentences' topic feature replaced by ``topic_column`` (per paragraph)."""
        from pipeline.classify import FEATURES, BlendedModel, ZeroShotModel, fit_linear, fit_zero_shot
        from pipeline.config import SentenceWeights

        feats = self.feats.copy()
        feats[:, :, FEATURES.index("topic")] = topic_column[self.sents.para_index]
        w0 = self.themes.zero_shot_weight

        def zero(tr):
            return ZeroShotModel(self.keys, SentenceWeights(**fit_zero_shot(feats, tr["row"].to_numpy(), tr["y"].to_numpy())))

        def mixed(tr):
            linear = fit_linear(feats, self.sents, tr["row"].to_numpy(), tr["y"].to_numpy(), self.keys, self.identity, kinds=tr["kind"].to_numpy())
            return BlendedModel(self.keys, [linear, zero(tr)], [1 - w0, w0])

        for name, model in (("zero-shot", zero), (f"linear mixed with zero-shot at {w0:g}", mixed)):
            yield (name, *self.evaluate(self.lopo(lambda tr: model(tr).predict_proba(feats, self.sents).argmax(axis=1))))


def topic_seeds(project: Path, seeds: list[int]) -> int:
    """LOPO figures of the shipped kinds of classifier with the topics refitted under each of
    ``seeds`` (topics.seed), and the sentences' topic feature as shipped (the topic's theme
    scores averaged with the nearest paragraphs', ``themes.nearest_paragraphs``), of the topic
    alone (``nearest_paragraphs: 0``) and of the nearest paragraphs alone: how much a figure
    owes to one clustering."""
    import re
    import shutil
    import tempfile

    from end_to_end import run

    from pipeline.scoring import nearest_scores

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "project"
        shutil.copytree(project, work, symlinks=True)
        params = (work / "params.yaml").read_text(encoding="utf-8")
        for seed in seeds:
            text, n = re.subn(r"(?m)^(topics:\n(?:[ #].*\n|\n)*?  seed: )\d+", rf"\g<1>{seed}", params)
            assert n == 1, "topics.seed not found in params.yaml"
            (work / "params.yaml").write_text(text, encoding="utf-8")
            run([str(BIN / "dvc"), "repro", "topics"], work)
            b = Bench(work, quiet=True)
            n_topics = len(b.sc.topic_scores)
            alone, emb = b.topic_parts()
            near = nearest_scores(emb, b.sc.content, b.themes.nearest_paragraphs or 20)
            for variant, column in ((f"as shipped (nearest {b.themes.nearest_paragraphs})", 0.5 * (alone + near) if b.themes.nearest_paragraphs else alone),
                                    ("topic alone", alone), ("nearest paragraphs alone", near)):
                for name, para, sent in b.shipped_kinds(column):
                    rows.append({"topic feature": variant, "classifier (LOPO)": name, "seed": seed, "topics": n_topics, "paragraph macro-F1": para["macro_f1"],
                                 "sentence macro-F1": sent["macro_f1"], "share TV": sent["share_tv"]})
                    print(" ".join(f"{v:.3f}" if isinstance(v, float) else str(v) for v in rows[-1].values()), flush=True)
    table = pd.DataFrame(rows)
    print("\n" + table.to_markdown(index=False, floatfmt=".3f"))
    summary = table.groupby(["topic feature", "classifier (LOPO)"], sort=False)[["paragraph macro-F1", "sentence macro-F1", "share TV"]].agg(["mean", "min", "max"])
    summary.columns = [f"{a} {b}" for a, b in summary.columns]
    print(f"\nover topics.seed {', '.join(map(str, seeds))}:\n" + summary.reset_index().to_markdown(index=False, floatfmt=".3f"))
    return 0


def soft_shares(project: Path, temperatures: tuple[float, ...] = (0.5, 1.0, 1.5, 2.0)) -> int:
    """Share TV of the shipped mix held out by province, a sentence's characters counted for its
    theme (as the pipeline does) and split by its probabilities (sharpened or flattened by a
    temperature): per labelled paragraph (the mean, as the table gives it) and over all of them pooled."""
    from pipeline.classify import BlendedModel, ZeroShotModel, fit_linear, fit_zero_shot
    from pipeline.config import SentenceWeights
    from pipeline.scoring import mean_over
    from pipeline.themes import mix_neighbours

    b = Bench(project)
    keys, feats, sents, w0 = b.keys, b.feats, b.sents, b.themes.zero_shot_weight
    idx = b.neighbours()
    probs = np.zeros((len(sents), b.k))
    for pv in b.provinces:
        tr = b.train[b.train["province"] != pv]
        zero = ZeroShotModel(keys, SentenceWeights(**fit_zero_shot(feats, tr["row"].to_numpy(), tr["y"].to_numpy())))
        linear = fit_linear(feats, sents, tr["row"].to_numpy(), tr["y"].to_numpy(), keys, b.identity, kinds=tr["kind"].to_numpy())
        p = np.asarray(BlendedModel(keys, [linear, zero], [1 - w0, w0]).predict_proba(feats, sents), dtype=np.float64)
        p[b._queries] = mix_neighbours(p[b._queries], *mean_over(p, idx), b.themes.corpus_weight)
        held = {int(sents.para_index[r]) for (_, lab), where in zip(b.slabels.iterrows(), b.alignment) if lab["province"] == pv for r, _ in where}
        mask = np.isin(sents.para_index, sorted(held))
        probs[mask] = p[mask]
    column = {key: i for i, key in enumerate(keys)}
    print("| counted by | temperature | share TV (mean over paragraphs) | share TV (paragraphs pooled) |\n| --- | --- | --- | --- |")
    for t in (None, *temperatures):
        lines: dict[tuple[str, int], tuple[np.ndarray, np.ndarray]] = {}
        for (_, lab), where in zip(b.slabels.iterrows(), b.alignment):
            gold, pred = lines.setdefault((lab["source"], int(lab["line"])), (np.zeros(b.k), np.zeros(b.k)))
            for row, chars in where:
                gold[column[lab["label"]]] += chars
                q = np.eye(b.k)[probs[row].argmax()] if t is None else probs[row] ** (1 / t)
                pred += chars * q / q.sum()
        tv = [0.5 * np.abs(g / g.sum() - p / p.sum()).sum() for g, p in lines.values() if g.sum()]
        g_all, p_all = sum(g for g, _ in lines.values()), sum(p for _, p in lines.values())
        pooled = 0.5 * np.abs(g_all / g_all.sum() - p_all / p_all.sum()).sum()
        print(f"| {'theme' if t is None else 'probabilities'} | {'' if t is None else t:} | {np.mean(tv):.3f} | {pooled:.3f} |")
    return 0


def nearest_sweep(project: Path, ks: list[int]) -> int:
    """LOPO figures of zero-shot and of the shipped mix with the topic feature averaged with
    each number of nearest paragraphs in ``ks`` (``themes.nearest_paragraphs``; 0: the topic
    alone), on the workspace's topics."""
    from pipeline.scoring import nearest_scores

    b = Bench(project, quiet=True)
    alone, emb = b.topic_parts()
    rows = []
    for k in ks:
        for name, para, sent in b.shipped_kinds(0.5 * (alone + nearest_scores(emb, b.sc.content, k)) if k else alone):
            rows.append({"nearest paragraphs": k, "classifier (LOPO)": name, "paragraph macro-F1": para["macro_f1"], "sentence macro-F1": sent["macro_f1"], "share TV": sent["share_tv"]})
            print(" ".join(f"{v:.3f}" if isinstance(v, float) else str(v) for v in rows[-1].values()), flush=True)
    print("\n" + pd.DataFrame(rows).to_markdown(index=False, floatfmt=".3f"))
    return 0


def one_corpus(project: Path, sets: list[Path]) -> Path:
    """A workspace (``<work>/together_<set>_…``, one per choice of ``sets``) of the provincial
    reports and the texts of ``sets`` in one corpus, up to ``topics``; the provincial
    workspace's embedding cache is copied in. Rebuilt when the texts are not those it holds."""
    import shutil

    from end_to_end import make_project, refresh_project, run

    texts = sorted(PROVINCIAL.glob("*.txt")) + [f for data in sets for f in sorted((data / "texts").glob("*.txt"))]
    where = project.parent / "_".join(["together", *(d.resolve().name for d in sets)])
    if (where / "dvc.yaml").exists() and sorted(f.name for f in (where / "data" / "raw").iterdir()) != sorted(f.name for f in texts):
        shutil.rmtree(where)  # other texts than these sets hold now
    if not (where / "dvc.yaml").exists():
        where.mkdir(parents=True)
        make_project(where, texts)
        cache = project / "models" / "embed_cache"
        if cache.is_dir():
            shutil.copytree(cache, where / "models" / "embed_cache")
    else:
        refresh_project(where)
    t, _ = run([str(BIN / "dvc"), "repro", "topics"], where)
    print(f"workspace {where}: the provincial reports and {', '.join(d.name for d in sets)} in one corpus, up to topics ({t:.0f} s)")
    return where


def pooled(project: Path, sets: list[Path], together: bool = False, work: Path | None = None) -> int:
    """LOPO figures with the sentence labels of other folders of texts (``texts/*.txt`` and
    ``sentence_labels.csv``, as ``benchmarks/county``) added to the training labels, and each
    folder's figures from a model fitted on the development labels with and without the other
    folders' labels: what pooling labels of other texts, coded by other coders, does.

    Each folder's texts go through the pipeline on their own (``county.workspace``: in
    ``work/county_<folder>`` when ``work`` is given, else in its default work folders), so their features are those a corpus of their size gets; with
    ``together``, they go through it in one corpus with the provincial reports
    (:func:`one_corpus`), so that every feature comes from one large corpus. In each LOPO fold,
    a folder's labels on texts of the held-out province (by ``sources.csv``) are left out too."""
    from county import workspace

    from pipeline.classify import BlendedModel, Sentences, ZeroShotModel, fit_linear, fit_zero_shot, labelled_sentences
    from pipeline.config import SentenceWeights
    from pipeline.labels import align_sentence_labels, read_sentence_labels, sentence_scores

    if together:
        project = one_corpus(project, sets)
    b = Bench(project, quiet=True)
    keys, w0 = b.keys, b.themes.zero_shot_weight
    parts, extra = [(b.sents, b.feats)], []
    n_sents, n_paras = len(b.sents), len(b.paragraphs)
    for data in sets:
        if together:  # the folder's labels on the one corpus: scored on all of it, where they lie
            themes, paragraphs, spans, sc, identity, start = b.themes, b.paragraphs, b.spans, b.sc, b.identity, 0
        else:
            themes, paragraphs, spans, _, sc, identity = load(workspace(data, work / f"county_{data.resolve().name}" if work else None))
            start = n_sents
        if identity != b.identity or themes.keys != keys:
            raise SystemExit(f"{data}: another embedding model or other themes than the provincial workspace")
        labels = read_sentence_labels(data / "sentence_labels.csv", keys)
        train = labelled_sentences(labels, paragraphs, spans, keys).drop_duplicates("row", keep="last")
        sources = pd.read_csv(data / "sources.csv") if (data / "sources.csv").exists() else pd.DataFrame(columns=["file", "province"])
        province = dict(zip(sources["file"], sources["province"].fillna("").astype(str)))
        train["province"] = train["group"].map(lambda src: province.get(Path(src).name, ""))
        train["row"] += start
        s = sc.sentences
        extra.append({"name": data.name, "start": start, "end": start + len(s), "labels": labels, "alignment": align_sentence_labels(labels, paragraphs, spans),
                      "train": train, "chars": np.asarray(s.n_chars)})
        print(f"{data.name}: {len(labels)} sentence labels, {len(train)} matched")
        if not together:
            parts.append((Sentences(s.texts, np.asarray(s.para_index) + n_paras, s.n_chars, np.asarray(s.embeddings, dtype=np.float32)), sc.features))
            n_sents, n_paras = n_sents + len(s), n_paras + len(paragraphs)
    sents = Sentences([t for p in parts for t in p[0].texts], np.concatenate([np.asarray(p[0].para_index) for p in parts]),
                      np.concatenate([np.asarray(p[0].n_chars) for p in parts]), np.concatenate([np.asarray(p[0].embeddings, dtype=np.float32) for p in parts]))
    feats = np.concatenate([p[1] for p in parts])
    n_dev = len(b.sents)  # the provincial corpus's sentences come first (all of them, together)

    def themes_of(tr: pd.DataFrame) -> dict[str, np.ndarray]:
        rows, y = tr["row"].to_numpy(), tr["y"].to_numpy()
        linear = fit_linear(feats, sents, rows, y, keys, b.identity, kinds=tr["kind"].to_numpy())
        zero = ZeroShotModel(keys, SentenceWeights(**fit_zero_shot(feats, rows, y)))
        return {"builtin kind alone": linear.predict_proba(feats, sents).argmax(axis=1),
                f"mixed with zero-shot at {w0:g} (shipped)": BlendedModel(keys, [linear, zero], [1 - w0, w0]).predict_proba(feats, sents).argmax(axis=1)}

    def same_province(p: str, q: str) -> bool:  # 陕西 and 陕西省, 内蒙古 and 内蒙古自治区
        return bool(p) and bool(q) and p[:2] == q[:2]

    rows = []
    pool = pd.concat([e["train"] for e in extra])
    for training, with_pool in (("development labels", False), ("development labels + " + " + ".join(e["name"] for e in extra), True)):
        cache: dict[str, dict[str, np.ndarray]] = {}

        def fit_predict(tr, name):
            pv = tr.attrs["held"]
            if pv not in cache:
                add = pool[~pool["province"].map(lambda p: same_province(p, pv))] if with_pool else pool.iloc[:0]
                cache[pv] = {n: t[:n_dev] for n, t in themes_of(pd.concat([tr, add])).items()}
            return cache[pv][name]

        for name in ("builtin kind alone", f"mixed with zero-shot at {w0:g} (shipped)"):
            def one(tr, name=name):
                return fit_predict(tr, name)
            para, sent = b.evaluate(b.lopo(one, tell_held=True))
            rows.append({"scored on": "development labels, LOPO", "trained on": training, "model": name, "paragraph macro-F1": para["macro_f1"],
                         "sentence accuracy": sent["accuracy"], "sentence macro-F1": sent["macro_f1"], "paragraph share TV": sent["share_tv"]})
            print(" | ".join(f"{v:.3f}" if isinstance(v, float) else str(v) for v in rows[-1].values()), flush=True)
            print(f"sentence confusion (rows: labelled, columns: predicted)\n{sent['confusion'].to_string()}")
    for e in extra:
        others = [x["train"] for x in extra if x is not e]
        for training, tr in (("development labels", b.train), ("development labels + " + " + ".join(x["name"] for x in extra if x is not e), pd.concat([b.train, *others]))):
            for name, theme in themes_of(tr).items():
                theme = theme[e["start"] : e["end"]]
                res, per = sentence_scores(e["labels"], e["alignment"], np.asarray(keys)[theme], keys)
                gold = np.full(len(theme), -1)
                for lab, where in zip(e["labels"]["label"], e["alignment"]):
                    for r, _ in where:
                        gold[r] = keys.index(lab)
                m = gold >= 0
                share = lambda t: np.bincount(t[m], weights=e["chars"][m], minlength=len(keys)) / e["chars"][m].sum()  # noqa: E731
                rows.append({"scored on": e["name"], "trained on": training, "model": name, "sentence accuracy": res["accuracy"], "sentence macro-F1": res["macro_f1"],
                             "paragraph share TV": res["share_tv"], "corpus share TV": 0.5 * np.abs(share(theme) - share(gold)).sum()})
                print(" | ".join(f"{v:.3f}" if isinstance(v, float) else str(v) for v in rows[-1].values()), flush=True)
    print("\n" + pd.DataFrame(rows).to_markdown(index=False, floatfmt=".3f"))
    return 0


def shift(project: Path, sets: list[Path], work: Path | None = None) -> int:
    """Three ways of adapting the shipped mix to a corpus unlike the provincial reports, without
    its labels, each scored held out by province and on the folders ``sets`` (and the seeds,
    where ``make repro`` has run), all with the corpus neighbours as shipped:

    - the zero-shot weight by the sentence's likeness to the builtin model's training sentences
      (the mean cosine of its 3 nearest): accuracy of the builtin model, zero-shot and the mix by
      fifths of that likeness, pooled over the sets;
    - the zero-shot weight by genre: work reports and summaries (by their file names) against
      the rest, sentences right at each weight;
    - label-shift adaptation: the corpus's theme priors estimated by EM (Saerens et al. 2002)
      on the mix's probabilities, and on the same after bias-corrected temperature scaling
      fitted on the held-out provinces' labels (Alexandari et al. 2020), the probabilities
      then reweighted by the new priors."""
    import re

    from county import workspace
    from scipy.optimize import minimize

    from pipeline.classify import ZeroShotModel, builtin_model, fit_linear, fit_zero_shot
    from pipeline.config import SentenceWeights
    from pipeline.labels import align_sentence_labels, read_sentence_labels
    from pipeline.scoring import SENTENCE_REFERENCE, nearest_mean
    from pipeline.themes import mix_neighbours

    b = Bench(project, quiet=True)
    keys, k, feats, sents, w0 = b.keys, b.k, b.feats, b.sents, b.themes.zero_shot_weight
    k_near, w_near = b.themes.corpus_neighbours, b.themes.corpus_weight

    def unit(x):
        x = np.asarray(x, dtype=np.float64)
        return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)

    def likeness(emb, train_emb, top=3):
        e, t = unit(emb), unit(train_emb)
        return np.concatenate([np.sort(e[s : s + 4096] @ t.T, axis=1)[:, -top:].mean(axis=1) for s in range(0, len(e), 4096)])

    def log(p):
        return np.log(np.maximum(np.asarray(p, dtype=np.float64), 1e-12))

    def softmax(z):
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    # every corpus: builtin and zero-shot probabilities, likeness, gold, characters, document and
    # embeddings of every sentence (held out by province: each province's sentences from its fold)
    corpora, calib_z, calib_y = {}, {0.0: [], w0: [], 1.0: []}, []
    prov = np.asarray(b.paragraphs["source"].map(dict(zip(*[pd.read_parquet(project / "data" / "interim" / "documents.parquet")[c] for c in ("source", "province")]))))[sents.para_index]
    gold = np.full(len(sents), -1)
    for (_, lab), where in zip(b.slabels.iterrows(), b.alignment):
        for r, _ in where:
            gold[r] = keys.index(lab["label"])
    doc = np.asarray(b.paragraphs["source"])[sents.para_index]
    for pv in b.provinces:
        tr = b.train[b.train["province"] != pv]
        zero = ZeroShotModel(keys, SentenceWeights(**fit_zero_shot(feats, tr["row"].to_numpy(), tr["y"].to_numpy())))
        linear = fit_linear(feats, sents, tr["row"].to_numpy(), tr["y"].to_numpy(), keys, b.identity, kinds=tr["kind"].to_numpy())
        pb, pz = linear.predict_proba(feats, sents), zero.predict_proba(feats, sents)
        held = b.train[b.train["province"] == pv]["row"].to_numpy()
        for w in calib_z:
            calib_z[w].append((1 - w) * log(pb[held]) + w * log(pz[held]))
        calib_y.append(b.train[b.train["province"] == pv]["y"].to_numpy())
        m = prov == pv  # the province's sentences; neighbours are sought among them and the rest as the fold's model reads them
        corpora[pv] = dict(pb=pb, pz=pz, mask=m, sim=likeness(sents.embeddings[m], sents.embeddings[np.sort(tr["row"].to_numpy())]))
    calib_y = np.concatenate(calib_y)
    train_emb = sents.embeddings[np.sort(b.train["row"].to_numpy())]
    builtin = builtin_model(keys, b.identity, b.themes.nearest_paragraphs)
    zero = ZeroShotModel(keys, b.themes.sentence_weights)
    folders = [(d.name, workspace(d, work / f"county_{d.resolve().name}" if work else None), d / "sentence_labels.csv") for d in sets]
    if (ROOT / "data" / "processed" / "sentences.parquet").exists():
        folders.append(("seeds", ROOT, ROOT / "benchmarks" / "seed_sentence_labels.csv"))
    for name, where, labels_path in folders:
        themes, paragraphs, spans, _, sc, identity = load(where)
        labels = read_sentence_labels(labels_path, keys)
        g = np.full(len(spans), -1)
        for lab, rows in zip(labels["label"], align_sentence_labels(labels, paragraphs, spans)):
            for r, _ in rows:
                g[r] = keys.index(lab)
        corpora[name] = dict(pb=builtin.predict_proba(sc.features, sc.sentences), pz=zero.predict_proba(sc.features, sc.sentences), gold=g, n=sc.sentences.n_chars,
                             doc=np.asarray(paragraphs["source"])[sc.sentences.para_index], emb=sc.sentences.embeddings,
                             sim=likeness(sc.sentences.embeddings, train_emb))

    def themes_of(c, p):
        """Sentence themes from probabilities ``p`` of a folder's corpus, with the corpus neighbours."""
        near, found = nearest_mean(c["emb"], p, k_near, groups=c["doc"], max_reference=SENTENCE_REFERENCE)
        return mix_neighbours(p, near, found, w_near).argmax(axis=1)

    def lopo_themes(proba, rest=None):
        """Held out by province: each province's themes from its fold's probabilities ``proba(fold,
        rows)`` (``rest(fold, rows)`` for the other provinces' sentences, its neighbours)."""
        out = np.full(len(sents), -1)
        for pv in b.provinces:
            c, m = corpora[pv], corpora[pv]["mask"]
            p = np.zeros((len(sents), k))
            p[m], p[~m] = proba(c, m), (rest or proba)(c, ~m)
            out[m] = b.with_neighbours(lambda tr, p=p: p)(None)[m]
        return out

    def score(g, t, n):
        lab = g >= 0
        g, t, n = g[lab], t[lab], n[lab]
        sg, st = (np.bincount(x, weights=n, minlength=k) / n.sum() for x in (g, t))
        return int((g == t).sum()), int(lab.sum()), 0.5 * np.abs(sg - st).sum(), st[0], sg[0]

    names = [n for n, *_ in folders]
    lopo_c = dict(gold=gold, n=sents.n_chars, sim=np.full(len(sents), np.nan))
    for pv in b.provinces:
        lopo_c["sim"][corpora[pv]["mask"]] = corpora[pv]["sim"]

    # 1. likeness to the training sentences
    def mixed(c, w, rows=slice(None)):
        return softmax((1 - w) * log(c["pb"][rows]) + w * log(c["pz"][rows]))

    pooled_sim = np.concatenate([lopo_c["sim"][gold >= 0]] + [corpora[n]["sim"][corpora[n]["gold"] >= 0] for n in names])
    edges = np.percentile(pooled_sim, [0, 20, 40, 60, 80, 100])
    print("likeness to the training sentences (mean cosine of the 3 nearest): deciles 10/50/90 and, by fifths of it pooled"
          f" (edges {' '.join(f'{e:.2f}' for e in edges)}), sentences right: builtin / zero-shot / mix at {w0:g}\n")
    print("| corpus | likeness 10% / 50% / 90% | " + " | ".join(f"fifth {i + 1}" for i in range(5)) + " |\n|" + " --- |" * 7)
    rows = {"held out by province": (lopo_c, {w: lopo_themes(lambda c, rows, w=w: mixed(c, w, rows)) for w in (0.0, 1.0, w0)})}
    for n in names:
        rows[n] = (corpora[n], {w: themes_of(corpora[n], mixed(corpora[n], w)) for w in (0.0, 1.0, w0)})
    for n, (c, t) in rows.items():
        lab = c["gold"] >= 0
        cells = []
        for lo, hi in zip(edges[:-1], edges[1:]):
            m = lab & (c["sim"] >= lo) & (c["sim"] <= hi)
            cells.append(f"{m.sum()}: " + " / ".join(f"{(t[w][m] == c['gold'][m]).mean():.2f}" for w in (0.0, 1.0, w0)) if m.sum() else "")
        print(f"| {n} | {' / '.join(f'{x:.2f}' for x in np.percentile(c['sim'][lab], [10, 50, 90]))} | " + " | ".join(cells) + " |")

    # 2. genre, by file name
    report = re.compile(r"(政府工作报告|工作总结|工作回顾|工作报告)(?!征求|的决议)")
    weights = (0.25, w0, 0.65, 0.8, 1.0)
    print(f"\nsentences right (corpus share TV) in work reports and summaries, and in the rest, by themes.zero_shot_weight\n")
    print("| corpus | genre | " + " | ".join(f"{w:g}" for w in weights) + " |\n|" + " --- |" * (len(weights) + 2))
    for n in names:
        c = corpora[n]
        is_report = np.array([bool(report.search(d)) and "解读" not in d for d in c["doc"]])
        ts = {w: themes_of(c, mixed(c, w)) for w in weights}
        for genre, m in (("reports", is_report), ("the rest", ~is_report)):
            if (c["gold"][m] >= 0).any():
                print(f"| {n} | {genre} | " + " | ".join("{} / {} ({:.2f})".format(*score(c["gold"][m], ts[w][m], c["n"][m])[:3]) for w in weights) + " |")

    # 3. label shift: EM on the priors, raw and after bias-corrected temperature scaling
    def em(p, prior, iters=2000, tol=1e-9):
        q, est = p, prior.copy()
        for _ in range(iters):
            q = p * (est / prior)
            q /= q.sum(axis=1, keepdims=True)
            new = q.mean(axis=0)
            done = np.abs(new - est).max() < tol
            est = new
            if done:
                break
        return q, est

    z = np.vstack(calib_z[w0])
    prior = np.bincount(calib_y, minlength=k) / len(calib_y)  # the calibrated model's priors: the held-out labels'

    def nll(theta):
        p = softmax(z / theta[0] + np.r_[0.0, theta[1:]])
        return -log(p[np.arange(len(calib_y)), calib_y]).mean()

    theta = minimize(nll, np.r_[1.0, np.zeros(k - 1)], method="L-BFGS-B", bounds=[(0.05, 20.0)] + [(-10.0, 10.0)] * (k - 1)).x
    print(f"\nlabel shift: sentences right (corpus share TV; party share, coders'); calibration of the mix at {w0:g} on the held-out"
          f" provinces' labels: temperature {theta[0]:.2f}, biases {' '.join(f'{x:+.2f}' for x in np.r_[0.0, theta[1:]])}\n")
    print("| corpus | mix as shipped | EM on the priors | calibrated | calibrated, then EM on the priors |\n| --- | --- | --- | --- | --- |")

    prior_raw = softmax(z).mean(axis=0)  # the uncalibrated mix's priors: its mean prediction on the held-out labels

    def variants(c, rows=slice(None)):
        zc = (1 - w0) * log(c["pb"][rows]) + w0 * log(c["pz"][rows])
        raw, cal = softmax(zc), softmax(zc / theta[0] + np.r_[0.0, theta[1:]])
        return [raw, em(raw, prior_raw)[0], cal, em(cal, prior)[0]]

    # held out by province: each province adapted on its own sentences; its neighbours, in the
    # other provinces, read by the fold's mix as it comes
    cells = [score(gold, lopo_themes(lambda c, rows, i=i: variants(c, rows)[i], lambda c, rows: mixed(c, w0, rows)), sents.n_chars) for i in range(4)]
    print("| held out by province | " + " | ".join(f"{a} / {m} ({tv:.3f}; {p:.1%}, {pg:.1%})" for a, m, tv, p, pg in cells) + " |")
    for n in names:
        c = corpora[n]
        cells = [score(c["gold"], themes_of(c, p), c["n"]) for p in variants(c)]
        print(f"| {n} | " + " | ".join(f"{a} / {m} ({tv:.3f}; {p:.1%}, {pg:.1%})" for a, m, tv, p, pg in cells) + " |")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, help="work folder, kept between runs (default: $TMPDIR/themes_benchmark; with --pool, the county sets' workspaces go in it too)")
    ap.add_argument("--fit", action="store_true", help="fit on all labels and write the builtin model")
    ap.add_argument("--topic-seeds", type=int, nargs="+", metavar="SEED", help="instead: the LOPO figures with the topics refitted under each seed (see topic_seeds)")
    ap.add_argument("--pool", type=Path, nargs="+", metavar="DIR", help="instead: the LOPO figures with the sentence labels of these folders of texts added (see pooled)")
    ap.add_argument("--soft", action="store_true", help="instead: share TV with characters counted by theme and by probabilities (see soft_shares)")
    ap.add_argument("--together", action="store_true", help="with --pool: the folders' texts in one corpus with the provincial reports")
    ap.add_argument("--shift", type=Path, nargs="+", metavar="DIR", help="instead: adapting the mix to corpora unlike the provincial reports, tried on these folders of texts (see shift)")
    ap.add_argument("--nearest", type=int, nargs="+", metavar="K", help="instead: the LOPO figures with the topic feature averaged with K nearest paragraphs (see nearest_sweep)")
    args = ap.parse_args()
    if not (PROVINCIAL.is_dir() and LABELS.is_file() and SENTENCES.is_file()):
        print(f"needs {PROVINCIAL}, {LABELS} and {SENTENCES}", file=sys.stderr)
        return 2
    from pipeline.classify import BUILTIN, BlendedModel, LinearModel, ZeroShotModel, choose_model, design, fingerprint, fit_linear, fit_zero_shot
    from pipeline.config import SentenceWeights

    if args.together and not args.pool:
        ap.error("--together goes with --pool")
    project = prepare(args.work or Path(os.environ.get("TMPDIR", "/tmp")) / "themes_benchmark")
    if args.topic_seeds:
        return topic_seeds(project, args.topic_seeds)
    if args.nearest:
        return nearest_sweep(project, args.nearest)
    if args.soft:
        return soft_shares(project)
    if args.shift:
        return shift(project, args.shift, args.work)
    if args.pool:
        return pooled(project, args.pool, args.together, args.work)
    b = Bench(project)
    themes, sc, identity, keys, k = b.themes, b.sc, b.identity, b.keys, b.k
    sents, feats, train = b.sents, b.feats, b.train
    evaluate, lopo = b.evaluate, b.lopo

    results = {}
    results["paragraph (hand-set, in-sample)"] = evaluate(sc.choice[sents.para_index])

    def zero_shot(tr):
        w = fit_zero_shot(feats, tr["row"].to_numpy(), tr["y"].to_numpy())
        return ZeroShotModel(keys, SentenceWeights(**w)).predict_proba(feats, sents).argmax(axis=1)

    t = time.perf_counter()
    results["zero-shot (LOPO)"] = evaluate(lopo(zero_shot))
    print(f"zero-shot LOPO in {time.perf_counter() - t:.1f} s")
    k_near, w_near = themes.corpus_neighbours, themes.corpus_weight
    near = f"with {k_near} corpus neighbours at {w_near:g}"
    if k_near and w_near:
        t = time.perf_counter()
        b.neighbours()
        print(f"corpus neighbours of {len(b._queries)} sentences in {time.perf_counter() - t:.1f} s")
        results[f"zero-shot, {near} (LOPO)"] = evaluate(lopo(b.with_neighbours(
            lambda tr: ZeroShotModel(keys, SentenceWeights(**fit_zero_shot(feats, tr["row"].to_numpy(), tr["y"].to_numpy()))).predict_proba(feats, sents))))

    def fit(tr, **kw):
        return fit_linear(feats, sents, tr["row"].to_numpy(), tr["y"].to_numpy(), keys, identity, kinds=tr["kind"].to_numpy(), **kw)

    def linear(tr):
        return fit(tr).predict_proba(feats, sents).argmax(axis=1)

    t = time.perf_counter()
    results["linear (LOPO)"] = evaluate(lopo(linear))
    print(f"linear LOPO in {time.perf_counter() - t:.1f} s")
    if k_near and w_near:
        results[f"linear, {near} (LOPO)"] = evaluate(lopo(b.with_neighbours(lambda tr: fit(tr).predict_proba(feats, sents))))

    w0 = themes.zero_shot_weight

    def mixed_proba(tr):
        zero = ZeroShotModel(keys, SentenceWeights(**fit_zero_shot(feats, tr["row"].to_numpy(), tr["y"].to_numpy())))
        return BlendedModel(keys, [fit(tr), zero], [1 - w0, w0]).predict_proba(feats, sents)

    t = time.perf_counter()
    results[f"linear mixed with zero-shot at {w0:g}{', as shipped' if not (k_near and w_near) else ''} (LOPO)"] = evaluate(lopo(lambda tr: mixed_proba(tr).argmax(axis=1)))
    if k_near and w_near:
        results[f"linear mixed with zero-shot at {w0:g}, {near}, as shipped (LOPO)"] = evaluate(lopo(b.with_neighbours(mixed_proba)))
    print(f"mixed LOPO in {time.perf_counter() - t:.1f} s")

    def linear_contextual(tr):
        return fit(tr, embedding_only=0.0).predict_proba(feats, sents).argmax(axis=1)

    t = time.perf_counter()
    results["linear, without the embeddings-only model (LOPO)"] = evaluate(lopo(linear_contextual))
    print(f"linear LOPO without the embeddings-only model in {time.perf_counter() - t:.1f} s")

    def linear_alike(tr):
        return fit(tr, sentence_weights=(1.0,)).predict_proba(feats, sents).argmax(axis=1)

    t = time.perf_counter()
    results["linear, both kinds of label weighted alike (LOPO)"] = evaluate(lopo(linear_alike))
    print(f"linear LOPO, labels weighted alike, in {time.perf_counter() - t:.1f} s")

    def linear_chosen(tr):
        """The earlier fit: one (C, sentence-label weight) of a smaller grid, chosen by
        cross-validation grouped by province, scored by the mean macro-F1 of the two kinds."""
        from sklearn.metrics import f1_score
        from sklearn.model_selection import GroupKFold

        tr = tr.reset_index(drop=True)
        grid = [(c, w) for w in (1.0, 3.0, 10.0) for c in (0.3, 1.0, 3.0)]
        folds = list(GroupKFold(n_splits=5).split(tr, tr["y"], tr["province"]))
        score = {}
        for c, w in grid:
            hits = []
            for a, b in folds:
                model = fit(tr.iloc[a], cs=(c,), sentence_weights=(w,), embedding_only=0.0)
                te = tr.iloc[b].sort_values("row")
                pred = (design(feats, sents, te["row"].to_numpy()) @ model.coef.T + model.intercept).argmax(axis=1)
                hits.append(np.mean([f1_score(te["y"][m], pred[m.to_numpy()], average="macro", zero_division=0.0)
                                     for m in (te["kind"] == "sentence", te["kind"] != "sentence") if m.any()]))
            score[(c, w)] = np.mean(hits)
        c, w = max(grid, key=lambda cw: (score[cw], -cw[0], -cw[1]))
        return fit(tr, cs=(c,), sentence_weights=(w,), embedding_only=0.0).predict_proba(feats, sents).argmax(axis=1)

    t = time.perf_counter()
    results["linear, one setting chosen by grouped CV (before; LOPO)"] = evaluate(lopo(linear_chosen))
    print(f"linear LOPO, setting chosen by CV, in {time.perf_counter() - t:.1f} s")

    if args.fit:
        weights = fit_zero_shot(feats, train["row"].to_numpy(), train["y"].to_numpy())
        print("\nthemes.sentence_weights fitted on all labels (paste into params.yaml and config.SentenceWeights):")
        for f, v in weights.items():
            print(f"    {f}: {v}")
        model = fit(train)
        model.info = {**model.info, "trained_on": f"{LABELS.name} + {SENTENCES.name}, {PROVINCIAL.name}", "nearest_paragraphs": themes.nearest_paragraphs,
                      "corpus_neighbours": k_near, "corpus_weight": w_near,
                      "trained_sentences": sorted({fingerprint(sents.texts[r]) for r in train["row"]}), "leave_one_province_out": {
            name: {"paragraph_macro_f1": r[0]["macro_f1"], "sentence_macro_f1": r[1]["macro_f1"], "share_tv": r[1]["share_tv"]} for name, r in results.items() if "LOPO" in name}}
        model.save(BUILTIN)
        print(f"wrote {BUILTIN} (averaged over {model.info['averaged_over']})")
    base, name = choose_model(themes, identity)
    results[f"shipped: {name.split(' (')[0]} (in-sample, without corpus neighbours)"] = evaluate(base.predict_proba(feats, sents).argmax(axis=1))
    if isinstance(base, (BlendedModel, LinearModel)):
        results["shipped: zero-shot weights (in-sample)"] = evaluate(ZeroShotModel(keys, themes.sentence_weights).predict_proba(feats, sents).argmax(axis=1))

    print("\n| classifier | paragraphs: accuracy | macro-F1 | " + " | ".join(f"F1 {key}" for key in keys) + " | sentences: accuracy | macro-F1 | share TV |")
    print("|---|---|---|" + "---|" * k + "---|---|---|")
    for name, (para, sent) in results.items():
        print(f"| {name} | {para['accuracy']:.3f} | {para['macro_f1']:.3f} | " + " | ".join(f"{para['per_theme'][key]['f1']:.2f}" for key in keys)
              + f" | {sent['accuracy']:.3f} | {sent['macro_f1']:.3f} | {sent['share_tv']:.3f} |")
    ci = lambda m, name: f"{m[name]:.3f} [{m['intervals'][name]['low']:.3f}–{m['intervals'][name]['high']:.3f}]"  # noqa: E731
    first = next(iter(results.values()))
    print(f"\n95% intervals, resampling labelled documents ({first[0]['intervals']['units']} with paragraph labels, {first[1]['intervals']['units']} with sentence labels):")
    print("\n| classifier | paragraphs: macro-F1 | sentences: macro-F1 | share TV |\n|---|---|---|---|")
    for name, (para, sent) in results.items():
        print(f"| {name} | {ci(para, 'macro_f1')} | {ci(sent, 'macro_f1')} | {ci(sent, 'share_tv')} |")
    print("\nsupport: paragraphs " + ", ".join(f"{key} {results['linear (LOPO)'][0]['per_theme'][key]['support']}" for key in keys)
          + "; sentences " + ", ".join(f"{key} {results['linear (LOPO)'][1]['per_theme'][key]['support']}" for key in keys))
    for name in ("zero-shot (LOPO)", "linear (LOPO)"):
        para, sent = results[name]
        print(f"\n{name}: paragraph confusion (rows: labelled, columns: predicted)\n{para['confusion'].to_string()}")
        print(f"{name}: sentence F1 by theme: " + ", ".join(f"{key} {sent['per_theme'][key]['f1']:.2f}" for key in keys))
        print(f"{name}: sentence confusion\n{sent['confusion'].to_string()}")
    return 0


if __name__ == "__main__":
    from pipeline.io import one_blas_thread

    with one_blas_thread():  # as the stages run, so the figures do not depend on the number of cores
        sys.exit(main())

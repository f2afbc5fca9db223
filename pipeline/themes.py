"""Stage ``themes``: a theme for every sentence, paragraph and topic, from ``params.yaml``.

Outputs:
    ``data/processed/sentences.parquet``  para_id, sentence, char_start, char_end, theme, confidence, score per theme
    ``data/processed/themes.parquet``  para_id, topic, theme (the theme of most of its characters, or the one claiming it),
                                       confidence, decided_by, score per theme, share of each theme's characters
    ``reports/topic_themes.csv``       each topic's theme, score and the evidence for it
    ``metrics/themes.json``            paragraphs, sentences and characters per theme
    ``data/processed/theme_definitions.json``  the themes' keys, names and descriptions (what later stages show)
    ``reports/codebook.md``            the themes and how to code them by hand (with ``reports/label_sample.csv``)

``themes.unit: sentence`` (the default) themes every sentence (:mod:`pipeline.classify`):
from its own seed words and embedding, its neighbours, its paragraph, its section heading and
its topic, with the builtin model, the zero-shot model, or a model trained on
``themes.examples``; a paragraph's theme is the theme of most of its characters, unless a
theme claims the paragraph by its section or form (``sections``, ``patterns``: a glossary, an
annex), which decides the paragraph's theme but not its sentences' (they count by what they say).

``themes.unit: paragraph`` keeps the paragraph classifier (:mod:`pipeline.scoring`): a
paragraph's content score pulled ``topic_weight`` towards its topic's theme when it is close
to the topic, the fallback theme below ``min_score``; its sentences all take its theme.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from .artifacts import StoredVectors, ThemeCatalog, check_aligned, load_embeddings, load_sentence_embeddings, sentence_texts
from .classify import (
    UNUSED_ADVICE, Context, Sentences, ThemeModel, choose_model, fingerprint, training_overlap, claimed_paragraphs, claimed_sentences, fit_linear, labelled_sentences, paragraph_shares,
    paragraph_themes, sentence_features,
)
from .config import ParamsError, ThemesParams
from .io import run_stage, setup_logging, write_csv, write_json, write_parquet, write_text
from .sampling import codebook
from .labels import read_examples
from .scoring import SENTENCE_REFERENCE, assign_themes, nearest_mean, nearest_scores, score_content, theme_prototypes
from .shares import char_shares

log = logging.getLogger("pipeline.themes")

# The params keys this stage reads (its params in dvc.yaml). The embedding model is known
# from embeddings.json (the builtin model applies only to the model it was fitted with).
PARAMS = (
    "themes.definitions", "themes.lexical_weight", "themes.topic_weight", "themes.far_from_topic", "themes.min_score",
    "themes.overview_max_share", "themes.overview_weight", "themes.unit", "themes.model", "themes.examples",
    "themes.sentence_weights", "themes.zero_shot_weight", "themes.pins", "themes.nearest_paragraphs",
    "themes.corpus_neighbours", "themes.corpus_weight",
)


@dataclass
class ThemesResult:
    """What the ``themes`` stage computes."""

    table: pd.DataFrame  # one row per paragraph
    sentences: pd.DataFrame  # one row per sentence
    topic_themes: pd.DataFrame  # one row per topic: its theme and the evidence
    metrics: dict


@dataclass
class Scored:
    """The zero-shot scores of every paragraph and the features of every sentence."""

    content: np.ndarray  # (n, n_themes) paragraph content scores
    lexical: np.ndarray
    cosines: np.ndarray
    counts: list  # seed words found in each paragraph
    choice: np.ndarray  # paragraph classifier: theme index (n,)
    confidence: np.ndarray
    topic_scores: dict  # topic → (n_themes,)
    final: np.ndarray  # paragraph classifier: scores after the topic's pull
    close: np.ndarray  # (n,) paragraph is in a topic and close to it
    sentences: Sentences
    features: np.ndarray | None  # (n_sentences, n_themes, n_features), for unit sentence


def score_corpus(paragraphs: pd.DataFrame, spans: pd.DataFrame, topics: pd.DataFrame, embeddings: np.ndarray, sentence_embeddings: np.ndarray,
                 prototypes: np.ndarray, themes: ThemesParams, with_features: bool = True) -> Scored:
    """Paragraph scores (:mod:`pipeline.scoring`) and sentence features (:mod:`pipeline.classify`).

    Args:
        paragraphs: ``para_id``, ``section``, ``text``, ``n_chars`` of n paragraphs.
        spans: the sentences (``para_id``, ``sentence``, ``char_start``, ``char_end``, ``n_chars``), by paragraph.
        topics: the ``topics`` stage's table, row i for paragraph i.
        embeddings: (n, dim) paragraph unit vectors; sentence_embeddings: (n_sentences, dim).
        prototypes: (n_themes, dim) unit vectors (see :func:`pipeline.scoring.theme_prototypes`).
    """
    k = len(themes.definitions)
    texts = paragraphs["text"].tolist()
    sections = paragraphs["section"].fillna("").tolist()
    content, lex, sem, cos, counts = score_content(texts, embeddings, prototypes, themes, sections)
    topic_arr = topics["topic"].to_numpy()
    similarity = topics["similarity"].to_numpy()
    choice, conf, topic_scores, final = assign_themes(content, topic_arr, similarity, themes)
    close = (topic_arr != -1) & ~np.isnan(similarity) & (similarity >= themes.far_from_topic)
    para_index = pd.Index(paragraphs["para_id"]).get_indexer(spans["para_id"])
    sents = Sentences(texts=sentence_texts(paragraphs, spans), para_index=para_index, n_chars=spans["n_chars"].to_numpy(), embeddings=sentence_embeddings)
    features = None
    if with_features:
        topic_vec = np.array([topic_scores[t] if c else np.zeros(k) for t, c in zip(topic_arr, close)]).reshape(len(topic_arr), k)
        near = nearest_scores(embeddings, content, themes.nearest_paragraphs)
        if near is not None:  # the topic's themes, steadied by the paragraph's nearest paragraphs' (see nearest_scores)
            topic_vec = 0.5 * (topic_vec + near)
        features = sentence_features(sents, Context(paragraph=content, topic=topic_vec, sections=sections, texts=texts), prototypes, themes)
    return Scored(content, lex, cos, counts, choice, conf, topic_scores, final, close, sents, features)


def theme_corpus(
    paragraphs: pd.DataFrame,
    spans: pd.DataFrame,
    topics: pd.DataFrame,
    topic_info: pd.DataFrame,
    embeddings: np.ndarray,
    sentence_embeddings: np.ndarray,
    prototypes: np.ndarray,
    themes: ThemesParams,
    model: ThemeModel | None = None,
    model_name: str = "",
    examples: list[pd.DataFrame] | None = None,
    identity: str = "",
) -> ThemesResult:
    """A theme for every sentence, paragraph and topic.

    Args:
        paragraphs, spans, topics, embeddings, sentence_embeddings, prototypes: see :func:`score_corpus`.
        topic_info: one row per topic.
        themes: the ``themes`` parameters.
        model: the sentence classifier (``unit: sentence``); model_name says which it is.
        examples: label tables of this corpus; with them a model is fitted on top of ``model``.
        identity: the embedding model's identity (recorded with a fitted model).
    Raises:
        ParamsError: ``themes.pins`` names a topic this run does not have; examples match no sentence.
    """
    unknown_pins = sorted(set(themes.pins) - set(topic_info["topic"]))
    if unknown_pins:
        raise ParamsError(f"params.yaml: themes.pins names topic(s) {unknown_pins} that this run does not have")
    keys = themes.keys
    k = len(keys)
    sc = score_corpus(paragraphs, spans, topics, embeddings, sentence_embeddings, prototypes, themes, with_features=themes.unit == "sentence")
    topic_arr = topics["topic"].to_numpy()
    para_index, n_chars = sc.sentences.para_index, sc.sentences.n_chars
    fit_info, trained = None, None
    if themes.unit == "paragraph":
        s_theme, s_conf, s_scores = sc.choice[para_index], sc.confidence[para_index], sc.final[para_index]
        decided = np.where(topic_arr == -1, "own content (outlier)", np.where(sc.close, "content + topic", "own content (far from topic)"))
    else:
        if model is None:
            raise ValueError("themes.unit is sentence: a sentence model is needed")
        if examples:
            model, model_name, fit_info = _fit_examples(examples, sc.features, sc.sentences, paragraphs, spans, themes, model, identity, model_name)
        trained = training_overlap(model, sc.sentences.texts)
        n_mixed: list[int] = []
        s_scores = with_corpus_neighbours(model.predict_proba(sc.features, sc.sentences), sc.sentences, paragraphs["source"].to_numpy(), themes, n_mixed)
        s_theme = s_scores.argmax(axis=1)
        s_conf = s_scores.max(axis=1)
        claims = claimed_paragraphs(sc.features, para_index, len(paragraphs))
        decided = np.where(claims >= 0, f"claimed by its section or form (sentences: {model_name})", f"sentences: {model_name}")

    shares = paragraph_shares(s_theme, n_chars, para_index, len(paragraphs), k)
    p_chars = np.maximum(shares.sum(axis=1, keepdims=True), 1)
    if themes.unit == "paragraph":
        p_theme, p_conf, p_scores = shares.argmax(axis=1), sc.confidence, sc.final
    else:
        p_theme = paragraph_themes(shares, claims)
        weighted = np.zeros((len(paragraphs), k))
        np.add.at(weighted, para_index, s_scores * n_chars[:, None])
        p_scores = weighted / p_chars
        p_conf = np.where(claims >= 0, 1.0, p_scores[np.arange(len(paragraphs)), p_theme])  # a claim is a rule, not a guess

    table = pd.DataFrame(
        {
            "para_id": paragraphs["para_id"],
            "topic": topic_arr,
            "theme": [keys[c] for c in p_theme],
            "confidence": np.round(p_conf, 6),
            "decided_by": decided,
        }
    )
    for j, key in enumerate(keys):
        table[f"score_{key}"] = np.round(p_scores[:, j], 6)
    for j, key in enumerate(keys):
        table[f"share_{key}"] = np.round(shares[:, j] / p_chars[:, 0], 6)
    sentences = spans[["para_id", "sentence", "char_start", "char_end"]].copy()
    sentences["theme"] = [keys[c] for c in s_theme]
    sentences["confidence"] = np.round(s_conf, 6)
    for j, key in enumerate(keys):
        sentences[f"score_{key}"] = np.round(s_scores[:, j], 6)
    sentences["in_training"] = trained if trained is not None else np.zeros(len(sentences), bool)

    topic_themes = _topic_themes(topic_info, topic_arr, sc.topic_scores, sc.counts, sc.cosines, sc.lexical, keys, themes.pins)
    s_keys = np.asarray(keys)[s_theme]
    metrics = {
        "unit": themes.unit,
        "model": model_name if themes.unit == "sentence" else "paragraph scores",
        "paragraphs": {key: int((table["theme"] == key).sum()) for key in keys},
        "sentences": {key: int((s_keys == key).sum()) for key in keys},
        "char_share": {key: round(v, 4) for key, v in char_shares(s_keys, n_chars, keys).items()},
        "mixed_paragraphs": int(((shares > 0).sum(axis=1) > 1).sum()),
        "mean_confidence": round(float(table["confidence"].mean()), 4),
    }
    if themes.unit == "sentence":
        metrics["corpus_neighbours"] = {"neighbours": themes.corpus_neighbours, "weight": themes.corpus_weight, "sentences_mixed": n_mixed[0]}
    if trained is not None:
        # the builtin model learnt from some of these sentences: accuracy measured on them is in-sample
        metrics["in_training"] = {"sentences": int(trained.sum()), **_out_of_sample(model, model_name, themes)}
    if fit_info:
        metrics["examples"] = fit_info
    return ThemesResult(table=table, sentences=sentences, topic_themes=topic_themes, metrics=metrics)


def with_corpus_neighbours(scores: np.ndarray, sentences, para_source: np.ndarray, themes: ThemesParams, mixed: list | None = None) -> np.ndarray:
    """Sentence theme scores mixed, at ``themes.corpus_weight``, with the mean scores of the
    ``themes.corpus_neighbours`` sentences most like it (cosine of their embeddings) in the
    corpus's other documents: a sentence is read as sentences like it are read elsewhere, whose
    paragraphs and sections tell more. They are sought among ``SENTENCE_REFERENCE`` sentences
    evenly spaced through the corpus (all of them in a smaller corpus), so the cost grows
    linearly. Sentences of its own document are left out (their context
    is its own, and so are their errors); a sentence with no other document to draw on keeps its
    scores. Measured held out by province, and on the seeds and both county sets, in the README.

    Args:
        scores: (n_sentences, n_themes) probabilities.
        sentences: :class:`pipeline.classify.Sentences` (embeddings, paragraph of each).
        para_source: each paragraph's source file (its document).
        mixed: if given, the number of sentences that had neighbours is appended to it.
    """
    if themes.corpus_neighbours <= 0 or themes.corpus_weight <= 0 or not len(scores):
        if mixed is not None:
            mixed.append(0)
        return scores
    near, found = nearest_mean(sentences.embeddings, scores, themes.corpus_neighbours, groups=np.asarray(para_source)[sentences.para_index],
                               max_reference=SENTENCE_REFERENCE)
    if mixed is not None:
        mixed.append(int((found > 0).sum()))
    return mix_neighbours(scores, near, found, themes.corpus_weight)


def mix_neighbours(scores: np.ndarray, near: np.ndarray, found: np.ndarray, weight: float) -> np.ndarray:
    """``scores`` mixed at ``weight`` with their neighbours' mean scores ``near``, where any
    were ``found`` (:func:`pipeline.scoring.nearest_mean`); the rest kept."""
    w = np.where(found > 0, weight, 0.0)[:, None]
    return (1 - w) * scores + w * near


def _out_of_sample(model: object, model_name: str, themes: ThemesParams) -> dict:
    """The builtin model's leave-one-province-out figures (recorded when it was fitted, see
    ``benchmarks/themes.py``) for the way it is used here (alone, or mixed with zero-shot at the
    weight it was benchmarked at; with the corpus neighbours it was benchmarked with, or
    without), if recorded."""
    lopo, info = {}, {}
    for m in (model, getattr(model, "base", None)):
        if not lopo:
            info = getattr(m, "info", None) or {}
            lopo = info.get("leave_one_province_out", {})
    mixed = re.search(r"mixed with zero-shot at (\S+)$", model_name)
    base = f"linear mixed with zero-shot at {mixed.group(1)}" if mixed else "linear"
    if themes.corpus_neighbours and themes.corpus_weight:
        near = f"with {themes.corpus_neighbours} corpus neighbours at {themes.corpus_weight:g}"
        names = [f"{base}, {near}, as shipped (LOPO)", f"{base}, {near} (LOPO)"]
    else:
        names = [f"{base} (LOPO)", f"{base}, as shipped (LOPO)"]
    name = next((n for n in names if n in lopo), None)
    if name is None:
        return {}
    return {"out_of_sample": {"method": "leave one province out", "trained_on": info.get("trained_on", ""), "classifier": name.removesuffix(" (LOPO)"), **lopo[name]}}


def _fit_examples(examples, features, sents, paragraphs, spans, themes, base, identity, base_name):
    """A model fitted on this corpus's labelled examples, stacked on the base model."""
    # sentence labels say more than a paragraph label about a sentence: they come last and win
    ordered = sorted(examples, key=lambda ex: "sentence" in ex.columns)
    claimed = claimed_sentences(features)
    unused: Counter = Counter()
    parts = [labelled_sentences(ex, paragraphs, spans, themes.keys, claimed, unused) for ex in ordered]
    found = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["row", "y", "group", "kind"])
    n_labels = sum(len(ex) for ex in examples)
    unused_labels = dict(sorted(unused.items()))
    if found.empty:
        raise ParamsError(f"themes.examples: none of the {n_labels} labels matches a sentence of this corpus ({_reasons(unused_labels)}){_advice(unused_labels)}")
    if unused_labels:
        log.warning("themes.examples: %d of %d labels label no sentence (%s)", sum(unused_labels.values()), n_labels, _reasons(unused_labels))
    n_found = len(found)
    found = found.drop_duplicates("row", keep="last")
    rows, y, kinds = found["row"].to_numpy(), found["y"].to_numpy(), found["kind"].to_numpy()
    # groups: out-of-fold scores by document, for the record (the evaluate stage's figures are in-sample if it scores these labels)
    model = fit_linear(features, sents, rows, y, themes.keys, identity, base=base, kinds=kinds, groups=found["group"].to_numpy())
    cv = model.info["cross_validation"]
    for kind in ("paragraph", "sentence"):
        got = (cv or {}).get(f"{kind}_labels")
        if got and got["macro_f1"] < got["base_macro_f1"]:
            log.warning("themes.examples: out of fold (folds by document), on %d sentences %s, the model scores macro-F1 %.3f; the base model (%s) scores %.3f "
                        "on the same labels (out of sample unless it was fitted on them). These labels do not yet improve on the base: code more, or "
                        "set themes.examples: [] and give them to eval.labels / eval.sentence_labels, where a random sample corrects the report's shares",
                        got["n"], "of paragraph labels" if kind == "paragraph" else "with labels of their own", got["macro_f1"], base_name, got["base_macro_f1"])
    log.info("fitted a model on %d labelled sentences of this corpus on top of %s (averaged over C %s and sentence-label weights %s); grouped cross-validation: %s",
             len(found), base_name, model.info["averaged_over"]["C"], model.info["averaged_over"]["sentence_weight"], cv if cv else "fewer than 3 documents, none")
    # a sentence two labels label keeps the later: a sentence label over a paragraph label, in a file the later row
    info = {**model.info, "labels": n_labels, "unused_labels": unused_labels, "sentences_labelled_twice": n_found - len(found)}
    # the sentences it learnt from: hand labels of the same text in eval.* measure it in-sample (see training_overlap)
    model.info["trained_sentences"] = sorted({fingerprint(sents.texts[r]) for r in rows})
    return model, f"examples ({len(found)} labelled sentences) on {base_name}", info


def _reasons(counts: dict[str, int]) -> str:
    return "; ".join(f"{n} {why}" for why, n in counts.items()) or "the files hold no label"


def _advice(counts: dict[str, int]) -> str:
    tips = [tip for why, tip in UNUSED_ADVICE.items() if why in counts]
    return "; " + "; ".join(tips) if tips else ""


def _topic_themes(topic_info, topic_arr, topic_scores, counts, cos, lex, keys, pins) -> pd.DataFrame:
    rows = []
    for t in topic_info["topic"].astype(int):
        if t == -1:
            continue
        v = topic_scores[t]
        members = topic_arr == t
        seeds = Counter()
        for c, m in zip(counts, members):
            if m:
                seeds.update(c)
        j = int(v.argmax())
        rows.append(
            {
                "topic": t,
                "size": int(members.sum()),
                "words": topic_info.loc[topic_info["topic"] == t, "words"].iloc[0],
                "theme": keys[j],
                "score": round(float(v[j]), 4),
                "runner_up": keys[int(np.argsort(v)[-2])] if len(keys) > 1 else "",
                "pinned": t in pins,
                "seed_words": " ".join(f"{w}×{n}" for w, n in seeds.most_common(8)),
                "similarity": " ".join(f"{key}={cos[members, i].mean():.3f}" for i, key in enumerate(keys)),
                "lexical_share": " ".join(f"{key}={lex[members, i].mean():.2f}" for i, key in enumerate(keys)),
            }
        )
    return pd.DataFrame(rows, columns=["topic", "size", "words", "theme", "score", "runner_up", "pinned", "seed_words", "similarity", "lexical_share"])


def main() -> int:
    setup_logging("themes")
    p = config.stage_params("themes", PARAMS)
    themes = p.themes
    paragraphs = pd.read_parquet(config.PARAGRAPHS, columns=["para_id", "source", "line_start", "line_end", "section", "text", "n_chars"])
    spans = pd.read_parquet(config.SENTENCE_SPANS)
    topics = pd.read_parquet(config.TOPICS)
    check_aligned(paragraphs, topics, config.PARAGRAPHS, config.TOPICS)
    topic_info = pd.read_parquet(config.TOPIC_INFO)
    embeddings = load_embeddings(paragraphs)
    sentence_embeddings = load_sentence_embeddings(spans, lazy=True)
    embedder = StoredVectors()  # the theme texts' vectors, stored by the embed stage
    prototypes = theme_prototypes(themes, embedder)
    model, name = (None, "")
    if themes.unit == "sentence":
        model, name = choose_model(themes, embedder.identity)
        log.info("sentence model: %s", name)
    examples = [read_examples(Path(f), themes.keys, names=themes.label_names) for f in themes.examples]
    for f in themes.examples:
        config.warn_untracked("themes.examples", f)
    result = theme_corpus(paragraphs, spans, topics, topic_info, embeddings, sentence_embeddings, prototypes, themes, model, name, examples, embedder.identity)
    catalog = ThemeCatalog.of(themes)
    write_json(catalog.to_json(), config.THEME_DEFINITIONS)
    write_text(codebook(themes), config.REPORTS / "codebook.md")
    write_parquet(result.sentences, config.SENTENCE_THEMES)
    write_parquet(result.table, config.THEMES)
    write_csv(result.topic_themes, config.REPORTS / "topic_themes.csv")
    write_json(result.metrics, config.METRICS / "themes.json")
    m = result.metrics
    log.info("themes of %d sentences in %d paragraphs (%d mixed): %s", len(result.sentences), len(result.table), m["mixed_paragraphs"],
             ", ".join(f"{k} {v:.1%}" for k, v in m["char_share"].items()))
    return 0


if __name__ == "__main__":
    run_stage(main, "themes")

"""The sentence classifier: a theme for every sentence, from its own words and meaning and
from its context (its paragraph, its neighbours, its section heading, its topic).

Features (:func:`sentence_features`): for every sentence and theme, the zero-shot scores of
:mod:`pipeline.scoring` for the sentence itself and for its context — one value per theme
and feature, ``FEATURES`` in order:

``lexical``                 seed-word share of the sentence
``semantic``                softmax of the cosine to the theme's prototype
``semantic_without_seeds``  the same, for sentences without any seed word (else 0)
``paragraph``               content score of the whole paragraph
``topic``                   theme score of the paragraph's topic (0 when far from it or an outlier),
                            averaged with the mean content score of the paragraph's
                            ``themes.nearest_paragraphs`` nearest paragraphs (a clustering of its own)
``neighbours``              content score of the sentences before and after it in the paragraph
``heading``                 seed-word share of the section heading above the paragraph
``claimed_section``         1 for the theme whose ``sections`` name the heading (名词解释, 附件 …) or whose
                            ``patterns`` the paragraph starts with (a glossary footnote)
``overview``                for the fallback theme: how evenly the sentence's seed words spread over themes
``short_paragraph``         for a short sentence (a lead such as 三是抓实科技创新。): the paragraph's score
``short_next``              for a short sentence: the score of the sentence that follows

Models turn features into theme probabilities, one contract (``predict_proba``):

- :class:`ZeroShotModel` — a conditional logit with one weight per feature, the same for
  every theme (``themes.sentence_weights``), so it applies to any theme definitions.
- :class:`BlendedModel` — log-probabilities of models mixed (the builtin with the zero-shot).
- :class:`LinearModel` — multinomial logistic regression on the features and the sentence's
  embedding and its neighbours' (trained on hand labels; :func:`fit_linear` averages a grid
  of fits and mixes in a fit on the embeddings alone). The builtin model
  (``resources/models/theme_model.npz``, made by ``benchmarks/themes.py --fit`` from the
  development labels) is one; ``themes.examples`` trains another on this corpus's labels,
  stacked on the base model's scores.

A paragraph's theme is the theme holding most of its characters (:func:`paragraph_shares`), or
the theme that claims it by its section or form (:func:`claimed_paragraphs`: a glossary, an annex).
"""

from __future__ import annotations

import hashlib
import json
import logging
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
import pandas as pd

from . import RESOURCES
from .config import ParamsError, SentenceWeights, ThemesParams
from .scoring import lexical_scores, overview_scores, section_marks, seed_counts, semantic_scores

log = logging.getLogger("pipeline.classify")

FEATURES = (
    "lexical", "semantic", "semantic_without_seeds", "paragraph", "topic", "neighbours", "heading",
    "claimed_section", "overview", "short_paragraph", "short_next",
)
SHORT_CHARS = 25  # a sentence shorter than this leans on its context (a lead, a heading-like line)
BUILTIN = RESOURCES / "models" / "theme_model.npz"


# ----------------------------------------------------------------------------- features


@dataclass
class Sentences:
    """The sentences of a corpus with what their features need, rows in corpus order.

    ``para_index`` gives each sentence's paragraph (a row of the paragraph arrays);
    sentences of a paragraph are consecutive and in order.
    """

    texts: list[str]
    para_index: np.ndarray  # (n,) int
    n_chars: np.ndarray  # (n,) int
    embeddings: np.ndarray  # (n, dim) unit vectors (a memmap is fine)

    def __len__(self) -> int:
        return len(self.texts)

    def neighbours(self) -> tuple[np.ndarray, np.ndarray]:
        """Masks (n,): the sentence has a previous / a next sentence in its paragraph."""
        if getattr(self, "_neighbours", None) is None:
            p = np.asarray(self.para_index)
            has_prev = np.r_[False, p[1:] == p[:-1]] if len(p) else np.zeros(0, bool)
            has_next = np.r_[p[:-1] == p[1:], False] if len(p) else np.zeros(0, bool)
            self._neighbours = (has_prev, has_next)
        return self._neighbours


@dataclass
class Context:
    """What a sentence's paragraph says: its content score and its topic's theme score,
    (n_paragraphs, n_themes) each, its section heading and its text."""

    paragraph: np.ndarray
    topic: np.ndarray
    sections: list[str]
    texts: list[str] | None = None


def _shift(x: np.ndarray, has: np.ndarray, step: int) -> np.ndarray:
    out = np.zeros_like(x)
    if step > 0:
        out[1:] = x[:-1]
    else:
        out[:-1] = x[1:]
    out[~has] = 0
    return out


def sentence_features(sentences: Sentences, context: Context, prototypes: np.ndarray, themes: ThemesParams, chunk: int = 65536) -> np.ndarray:
    """The features of every sentence for every theme.

    Args:
        sentences: n sentences.
        context: their paragraphs' scores and headings.
        prototypes: (n_themes, dim) unit vectors.
        themes: the theme definitions and the mixing weights of :func:`pipeline.scoring.score_content`.
    Returns:
        float32 (n, n_themes, len(FEATURES)).
    """
    k = len(themes.definitions)
    counts, owners = seed_counts(sentences.texts, themes)
    lex = lexical_scores(counts, owners, k)
    sem = np.empty((len(sentences), k))
    for s in range(0, len(sentences), chunk):
        sem[s : s + chunk] = semantic_scores(np.asarray(sentences.embeddings[s : s + chunk], dtype=np.float32), prototypes)[0]
    has_seed = lex.sum(axis=1) > 0
    w = themes.lexical_weight
    own = np.where(has_seed[:, None], w * lex + (1 - w) * sem, sem)
    has_prev, has_next = sentences.neighbours()
    prev, nxt = _shift(own, has_prev, 1), _shift(own, has_next, -1)
    n_nb = has_prev.astype(float) + has_next
    neighbours = (prev + nxt) / np.maximum(n_nb, 1)[:, None]
    pi = sentences.para_index
    last_heading = [s.split(" > ")[-1] if s else "" for s in context.sections]
    h_counts, h_owners = seed_counts(last_heading, themes)
    heading = lexical_scores(h_counts, h_owners, k)[pi]
    claimed = section_marks(list(context.sections), themes, context.texts)[pi]
    fallback = np.zeros(k)
    if themes.fallback is not None:
        fallback[themes.keys.index(themes.fallback)] = 1.0
    overview = overview_scores(lex, themes)[:, None] * fallback
    short = (np.asarray(sentences.n_chars) < SHORT_CHARS).astype(float)[:, None]
    paragraph = context.paragraph[pi]
    columns = {
        "lexical": lex,
        "semantic": sem,
        "semantic_without_seeds": sem * (~has_seed)[:, None],
        "paragraph": paragraph,
        "topic": context.topic[pi],
        "neighbours": neighbours,
        "heading": heading,
        "claimed_section": claimed,
        "overview": overview,
        "short_paragraph": short * paragraph,
        "short_next": short * nxt,
    }
    return np.stack([columns[f] for f in FEATURES], axis=2).astype(np.float32)


def neighbour_embeddings(sentences: Sentences, rows: np.ndarray) -> np.ndarray:
    """The mean embedding of each sentence's neighbours in its paragraph, for ``rows`` (sorted)."""
    has_prev, has_next = sentences.neighbours()
    rows = np.asarray(rows)
    if not len(rows):
        return np.zeros((0, sentences.embeddings.shape[1]), dtype=np.float32)
    last = len(sentences) - 1
    prev = np.asarray(sentences.embeddings[np.clip(rows - 1, 0, last)], dtype=np.float32) * has_prev[rows, None]
    nxt = np.asarray(sentences.embeddings[np.clip(rows + 1, 0, last)], dtype=np.float32) * has_next[rows, None]
    n = has_prev[rows].astype(np.float32) + has_next[rows]
    return (prev + nxt) / np.maximum(n, 1)[:, None]


# ----------------------------------------------------------------------------- models


class ThemeModel(Protocol):
    """Contract of a sentence classifier."""

    keys: list[str]  # the themes, in the order of the probability columns

    def predict_proba(self, features: np.ndarray, sentences: Sentences) -> np.ndarray:
        """Theme probabilities.

        Args:
            features: (n, n_themes, len(FEATURES)) from :func:`sentence_features`.
            sentences: the same n sentences (for their embeddings).
        Returns:
            (n, n_themes), rows summing to 1.
        """
        ...


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class ZeroShotModel:
    """Score of a theme = Σ_f weight_f × feature_f(theme); probabilities by softmax."""

    def __init__(self, keys: list[str], weights: SentenceWeights):
        self.keys = list(keys)
        self.weights = np.array([getattr(weights, f) for f in FEATURES], dtype=np.float32)

    def logits(self, features: np.ndarray, sentences: Sentences) -> np.ndarray:
        return features @ self.weights

    def predict_proba(self, features: np.ndarray, sentences: Sentences) -> np.ndarray:
        return _softmax(self.logits(features, sentences))


@dataclass
class BlendedModel:
    """A product of experts: log-probabilities of ``models`` mixed with ``weights``
    (summing to 1), renormalised. The builtin model is mixed with the zero-shot model
    (``themes.zero_shot_weight``): the first learnt the development labels' provincial
    reports, the second knows only the theme definitions and a few shared feature weights,
    so it hedges the first on texts unlike those reports (county speeches, party articles)."""

    keys: list[str]
    models: list
    weights: list[float]
    info: dict | None = None

    def logits(self, features: np.ndarray, sentences: Sentences) -> np.ndarray:
        out = np.zeros((features.shape[0], len(self.keys)))
        for model, w in zip(self.models, self.weights):
            if w:
                out += w * np.log(np.maximum(model.predict_proba(features, sentences), 1e-12))
        return out

    def predict_proba(self, features: np.ndarray, sentences: Sentences) -> np.ndarray:
        return _softmax(self.logits(features, sentences))


def fit_zero_shot(features: np.ndarray, rows: np.ndarray, y: np.ndarray, l2: float = 1e-3) -> dict[str, float]:
    """Weights of the :class:`ZeroShotModel` (one per feature, shared by all themes) that
    maximise the likelihood of labelled sentences, with a small ridge penalty.

    Args:
        features: (n, n_themes, n_features); rows: (m,) labelled rows; y: (m,) theme indices.
    Returns:
        ``{feature: weight}``, rounded to 2 decimals (as written to ``themes.sentence_weights``).
    """
    from scipy.optimize import minimize

    x = np.asarray(features[rows], dtype=np.float64)
    m = np.arange(len(y))

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        p = np.exp(logp)
        p[m, y] -= 1
        grad = np.einsum("nk,nkj->j", p, x) / len(y) + 2 * l2 * w
        return -logp[m, y].mean() + l2 * (w**2).sum(), grad

    w0 = np.array([1.0 if f in ("lexical", "semantic") else 0.0 for f in FEATURES])
    w = minimize(loss, w0, jac=True, method="L-BFGS-B").x
    return {f: round(float(v), 2) for f, v in zip(FEATURES, w)}


def design(features: np.ndarray, sentences: Sentences, rows: np.ndarray, extra: np.ndarray | None = None) -> np.ndarray:
    """Inputs of a :class:`LinearModel` for the sentences ``rows`` (sorted): the features
    flattened, the sentence's embedding, its neighbours' mean embedding (and ``extra``
    columns, e.g. a base model's logits)."""
    rows = np.asarray(rows)
    parts = [
        features[rows].reshape(len(rows), -1),
        np.asarray(sentences.embeddings[rows], dtype=np.float32),
        neighbour_embeddings(sentences, rows),
    ]
    if extra is not None:
        parts.append(extra[rows])
    return np.hstack(parts).astype(np.float32)


@dataclass
class LinearModel:
    """Multinomial logistic regression on :func:`design` inputs.

    Attributes:
        keys: themes, in the order of ``coef`` rows.
        coef: (n_themes, n_inputs); intercept: (n_themes,).
        identity: the embedding model the coefficients were fitted with.
        base: for a stacked model, the model whose logits are its last inputs.
        info: how it was fitted (labels, C, scores), for the record.
    """

    keys: list[str]
    coef: np.ndarray
    intercept: np.ndarray
    identity: str
    base: object | None = None
    info: dict | None = None

    def logits(self, features: np.ndarray, sentences: Sentences, chunk: int = 32768) -> np.ndarray:
        extra = self.base.logits(features, sentences) if self.base is not None else None
        out = np.empty((len(sentences), len(self.keys)), dtype=np.float64)
        for s in range(0, len(sentences), chunk):
            x = design(features, sentences, np.arange(s, min(len(sentences), s + chunk)), extra)
            out[s : s + len(x)] = x @ self.coef.T + self.intercept
        return out

    def predict_proba(self, features: np.ndarray, sentences: Sentences) -> np.ndarray:
        return _softmax(self.logits(features, sentences))

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path, coef=self.coef.astype(np.float32), intercept=self.intercept.astype(np.float32),
            meta=np.array(json.dumps({"keys": self.keys, "identity": self.identity, "features": FEATURES, "info": self.info or {}}, ensure_ascii=False)),
        )

    @classmethod
    def load(cls, path: Path) -> "LinearModel":
        with np.load(path) as z:
            meta = json.loads(str(z["meta"]))
            if tuple(meta["features"]) != FEATURES:
                raise ParamsError(f"{path}: fitted with features {meta['features']}, this version computes {list(FEATURES)}; re-run benchmarks/themes.py --fit")
            return cls(keys=meta["keys"], coef=z["coef"].astype(np.float64), intercept=z["intercept"].astype(np.float64), identity=meta["identity"], info=meta.get("info"))


C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)  # inverse regularisation strengths the builtin and examples models average over
SENTENCE_WEIGHT_GRID = (1.0, 3.0, 10.0, 30.0)  # weights of a sentence label against a paragraph label's sentence
# weight of the embeddings-only model mixed into the linear model (see fit_linear); leave-one-province-out
# scored every weight from 0.2 to 0.33 alike and better than 0 (benchmarks/themes.py)
EMBEDDING_ONLY_WEIGHT = 0.25


def _inputs(features: np.ndarray, sentences: Sentences, rows: np.ndarray, base: object | None) -> np.ndarray:
    """:func:`design` inputs of the labelled ``rows`` (in any order), in their order."""
    extra = base.logits(features, sentences) if base is not None else None
    rows = np.asarray(rows)
    if not len(rows):
        return np.empty((0, 0), dtype=np.float32)
    order = np.argsort(rows, kind="stable")
    return design(features, sentences, rows[order], extra)[np.argsort(order, kind="stable")]


def _fit_grid(x: np.ndarray, y: np.ndarray, is_sentence: np.ndarray, n_themes: int, cs: tuple[float, ...], weights: tuple[float, ...],
              seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Coefficients (n_themes, n_inputs) and intercepts averaged over logistic regressions
    fitted at every ``C`` in ``cs`` and sentence-label weight in ``weights``."""
    from sklearn.linear_model import LogisticRegression

    classes = np.unique(y)
    coef = np.zeros((n_themes, x.shape[1]))
    intercept = np.zeros(n_themes)
    for c in cs:
        for w in weights:
            clf = LogisticRegression(C=c, max_iter=5000, class_weight="balanced", random_state=seed).fit(x, y, sample_weight=np.where(is_sentence, w, 1.0))
            if len(classes) > 2:
                coef[classes] += clf.coef_
                intercept[classes] += clf.intercept_
            else:  # binary: one row of coefficients for the second class, split symmetrically
                coef[classes] += np.vstack([-clf.coef_[0], clf.coef_[0]]) / 2
                intercept[classes] += np.array([-clf.intercept_[0], clf.intercept_[0]]) / 2
    n = len(cs) * len(weights)
    intercept /= n
    intercept[np.setdiff1d(np.arange(n_themes), classes)] = -1e3  # a theme without any label is never predicted
    return coef / n, intercept


def _label_kinds(y: np.ndarray, kinds: np.ndarray | None, sentence_weights: tuple[float, ...]) -> tuple[np.ndarray, tuple[float, ...]]:
    is_sentence = np.zeros(len(y), dtype=bool) if kinds is None else np.asarray(kinds) == "sentence"
    both = bool(is_sentence.any() and (~is_sentence).any())
    return is_sentence, (tuple(sentence_weights) if both else (1.0,))


def fit_linear(features: np.ndarray, sentences: Sentences, rows: np.ndarray, y: np.ndarray, keys: list[str], identity: str,
               base: object | None = None, kinds: np.ndarray | None = None, cs: tuple[float, ...] = C_GRID,
               sentence_weights: tuple[float, ...] = SENTENCE_WEIGHT_GRID, embedding_only: float = EMBEDDING_ONLY_WEIGHT, seed: int = 0,
               groups: np.ndarray | None = None) -> LinearModel:
    """Fit a :class:`LinearModel` on labelled sentences: the average of the logistic
    regressions fitted at every inverse regularisation ``C`` in ``cs`` and (when both kinds
    of label are given) every weight of a sentence label in ``sentence_weights``, mixed at
    ``embedding_only`` with the same average fitted on the embeddings alone.

    Two kinds of label teach different things. A sentence of a paragraph labelled with one
    theme (``kinds`` "paragraph") mostly teaches that a sentence shares its paragraph's
    theme; a sentence labelled on its own (``kinds`` "sentence", from mixed paragraphs)
    teaches when it does not. How much more the second kind should count, and how strongly
    to regularise, is not something a few hundred labels decide: on the development labels,
    grouped cross-validation scores every setting within about 0.01 macro-F1 of the others
    and picks a different one for almost every held-out province. So none is picked: the
    models of the whole grid are averaged (their coefficients, i.e. the geometric mean of
    their probabilities), which leave-one-province-out scores higher than picking by
    cross-validation (``benchmarks/themes.py``).

    The features (the paragraph's, the topic's and the neighbours' scores) let the model
    lean on context, which most labelled sentences reward: they come from single-theme
    paragraphs. A model of the sentence's and its neighbours' embeddings alone judges it by
    what it means, so mixing its logits in (a product of the two) lets a sentence whose
    meaning is plain keep its theme inside a paragraph of another. (A stacked model's
    embeddings-only fit also sees its base model's logits.) Both are linear in the same
    inputs, so the mixture is one :class:`LinearModel`.

    Args:
        features, sentences: the whole corpus (features of :func:`sentence_features`).
        rows: (m,) the labelled sentences' rows; y: (m,) their theme indices.
        kinds: (m,) "paragraph" or "sentence" per label (None: all alike).
        base: a model whose logits are added as inputs (stacking), or None.
        embedding_only: weight of the embeddings-only model's logits (0: none).
        groups: (m,) the labels' documents: when given, ``info["cross_validation"]`` records
            :func:`cross_validate`'s out-of-fold scores (computed on the same inputs).
    """
    y = np.asarray(y)
    classes = np.unique(y)
    if len(classes) < 2:
        raise ParamsError(f"themes.examples: the labelled sentences name only {[keys[c] for c in classes]}; a model needs at least two themes")
    is_sentence, weights = _label_kinds(y, kinds, sentence_weights)
    x = _inputs(features, sentences, rows, base)
    coef, intercept = _fit_mixture(x, y, is_sentence, len(keys), tuple(cs), weights, _embedding_columns(features), embedding_only, seed)
    info = {"labelled_sentences": int(len(y)), "sentence_labels": int(is_sentence.sum()), "per_theme": {keys[c]: int((y == c).sum()) for c in classes},
            "averaged_over": {"C": [float(c) for c in cs], "sentence_weight": [float(w) for w in weights]}, "embedding_only_weight": float(embedding_only)}
    if groups is not None:
        info["cross_validation"] = _cross_validate(x, y, np.asarray(groups), len(keys), kinds, _embedding_columns(features), tuple(cs), tuple(sentence_weights),
                                                   embedding_only, seed, stacked=base is not None)
    return LinearModel(keys=list(keys), coef=coef, intercept=intercept, identity=identity, base=base, info=info)


def _embedding_columns(features: np.ndarray) -> slice:
    """The columns of :func:`design` inputs after the features: the sentence's and its
    neighbours' embeddings and, for a stacked model, the base model's logits (which the
    embeddings-only fit keeps, so a model fitted on a corpus's examples never ignores its base)."""
    return slice(features.shape[1] * features.shape[2], None)


def _fit_mixture(x: np.ndarray, y: np.ndarray, is_sentence: np.ndarray, n_themes: int, cs: tuple[float, ...], weights: tuple[float, ...],
                 emb: slice, embedding_only: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_fit_grid` on all inputs, mixed at ``embedding_only`` with :func:`_fit_grid` on the embedding columns ``emb``."""
    coef, intercept = _fit_grid(x, y, is_sentence, n_themes, cs, weights, seed)
    if embedding_only > 0:
        e_coef, e_intercept = _fit_grid(x[:, emb], y, is_sentence, n_themes, cs, weights, seed)
        coef *= 1 - embedding_only
        coef[:, emb] += embedding_only * e_coef
        intercept = (1 - embedding_only) * intercept + embedding_only * e_intercept
    return coef, intercept


def cross_validate(features: np.ndarray, sentences: Sentences, rows: np.ndarray, y: np.ndarray, groups: np.ndarray, n_themes: int,
                   base: object | None = None, kinds: np.ndarray | None = None, n_splits: int = 5, seed: int = 0) -> dict | None:
    """Out-of-fold scores of :func:`fit_linear` (its default grid), folds grouped by
    ``groups`` (documents or provinces: no group is both fitted and scored on): accuracy and
    macro-F1 on each kind of label. None with fewer than three groups."""
    return _cross_validate(_inputs(features, sentences, rows, base), np.asarray(y), np.asarray(groups), n_themes, kinds, _embedding_columns(features), C_GRID,
                           SENTENCE_WEIGHT_GRID, EMBEDDING_ONLY_WEIGHT, seed, n_splits, stacked=base is not None)


def _cross_validate(x: np.ndarray, y: np.ndarray, groups: np.ndarray, n_themes: int, kinds: np.ndarray | None, emb: slice, cs: tuple[float, ...],
                    sentence_weights: tuple[float, ...], embedding_only: float, seed: int, n_splits: int = 5, stacked: bool = False) -> dict | None:
    """Out-of-fold accuracy and macro-F1 per kind of label; for a ``stacked`` model (the base
    model's logits are the last inputs) also the base model's own scores on the same labels
    (``base_accuracy``, ``base_macro_f1``; out of sample unless the base was fitted on these
    labels), so a user sees whether a model of the labels improves on the base."""
    from sklearn.metrics import accuracy_score
    from sklearn.model_selection import GroupKFold

    n_groups = len(np.unique(groups))
    if n_groups < 3:
        return None
    kinds = np.full(len(y), "paragraph") if kinds is None else np.asarray(kinds)
    pred = np.full(len(y), -1)
    n_folds = min(n_splits, n_groups)
    for tr, te in GroupKFold(n_splits=n_folds).split(x, y, groups):
        if len(np.unique(y[tr])) < 2:
            continue
        is_sentence, weights = _label_kinds(y[tr], kinds[tr], sentence_weights)
        coef, intercept = _fit_mixture(x[tr], y[tr], is_sentence, n_themes, cs, weights, emb, embedding_only, seed)
        pred[te] = (x[te] @ coef.T + intercept).argmax(axis=1)
    out: dict = {"groups": int(n_groups), "folds": int(n_folds)}
    for kind in ("paragraph", "sentence"):
        m = (kinds == kind) & (pred >= 0)
        if m.any():
            out[f"{kind}_labels"] = {"n": int(m.sum()), "accuracy": round(float(accuracy_score(y[m], pred[m])), 4), "macro_f1": round(_macro_f1(y[m], pred[m]), 4)}
            if stacked:
                b = x[m][:, -n_themes:].argmax(axis=1)
                out[f"{kind}_labels"].update(base_accuracy=round(float(accuracy_score(y[m], b)), 4), base_macro_f1=round(_macro_f1(y[m], b), 4))
    return out


def _macro_f1(a: np.ndarray, p: np.ndarray) -> float:
    """Macro-F1 over the themes labelled or predicted here (a theme absent from a fold's
    labels and never predicted there is not scored as 0)."""
    from sklearn.metrics import f1_score

    return float(f1_score(a, p, average="macro", zero_division=0.0))


def fingerprint(text: str) -> str:
    """A short hash of a sentence's words (NFKC, without white space and punctuation), the same
    for the sentence wherever it is cut from: it records which sentences a model learnt from."""
    folded = "".join(c for c in unicodedata.normalize("NFKC", text) if not (c.isspace() or unicodedata.category(c)[0] in "PZS"))
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=6).hexdigest()


def training_overlap(model: object, texts: list[str]) -> np.ndarray | None:
    """(n,) bool: which of ``texts`` are sentences ``model`` (or the builtin model inside a
    mix or under an examples model) was trained on, or None when it records none."""
    seen: set[str] = set()
    stack = [model]
    while stack:
        m = stack.pop()
        seen.update((getattr(m, "info", None) or {}).get("trained_sentences", ()))
        stack += list(getattr(m, "models", ())) + ([m.base] if getattr(m, "base", None) is not None else [])
    return np.fromiter((fingerprint(t) in seen for t in texts), bool, len(texts)) if seen else None


def builtin_model(keys: list[str], identity: str, nearest_paragraphs: int | None = None) -> LinearModel | None:
    """The builtin model, if it was fitted for these themes with this embedding model (and,
    when ``nearest_paragraphs`` is given, with the topic feature computed the same way)."""
    if not BUILTIN.exists():
        return None
    model = LinearModel.load(BUILTIN)
    if nearest_paragraphs is not None and model.info.get("nearest_paragraphs", 0) != nearest_paragraphs:
        return None
    return model if model.keys == list(keys) and model.identity == identity else None


def choose_model(themes: ThemesParams, identity: str) -> tuple[ThemeModel, str]:
    """The base model named by ``themes.model`` and why: ``builtin`` when it was fitted for
    these theme keys and this embedding model (``auto`` falls back to zero-shot otherwise),
    mixed with the zero-shot model at ``themes.zero_shot_weight`` (:class:`BlendedModel`)."""
    zero_shot = ZeroShotModel(themes.keys, themes.sentence_weights)
    if themes.model != "zero-shot":
        model = builtin_model(themes.keys, identity)
        fitted_nearest = model.info.get("nearest_paragraphs", 0) if model is not None else None
        if model is not None and fitted_nearest == themes.nearest_paragraphs:
            name = f"builtin ({BUILTIN.name}: {model.info.get('labelled_sentences', '?')} labelled sentences)"
            w = themes.zero_shot_weight
            if w >= 1:
                return zero_shot, "zero-shot (themes.sentence_weights; themes.zero_shot_weight is 1)"
            if w > 0:
                return BlendedModel(themes.keys, [model, zero_shot], [1 - w, w], info=model.info), f"{name} mixed with zero-shot at {w:g}"
            return model, name
        if model is not None:  # the same themes and embedder, another topic feature
            why = f"{BUILTIN.name} was fitted with themes.nearest_paragraphs = {fitted_nearest}"
            if themes.model == "builtin":
                raise ParamsError(f"themes.model is builtin, but {why}, not {themes.nearest_paragraphs}; set it back or use themes.model: auto or zero-shot")
            return zero_shot, f"zero-shot (themes.sentence_weights; {why})"
        if themes.model == "builtin":
            raise ParamsError(
                f"themes.model is builtin, but {BUILTIN} was fitted for themes and an embedding model other than "
                f"{themes.keys} and {identity}; use themes.model: auto or zero-shot"
            )
    return zero_shot, "zero-shot (themes.sentence_weights)"


def claimed_sentences(features: np.ndarray) -> np.ndarray:
    """(n_sentences,) bool: the sentence's paragraph is claimed by a theme's ``sections`` or ``patterns``."""
    return np.asarray(features[:, :, FEATURES.index("claimed_section")]).sum(axis=1) > 0


def claimed_paragraphs(features: np.ndarray, para_index: np.ndarray, n_paragraphs: int) -> np.ndarray:
    """The theme that claims each paragraph by its section or form (a theme's ``sections`` or
    ``patterns``: a glossary, an annex), -1 where none does.

    A claim decides the paragraph's theme, as the codebook codes a paragraph ("annexes and
    glossaries of terms" are ``other``), not its sentences' themes: a sentence is counted by
    what it says, so a glossary entry explaining 供应链改造 counts for industry (the
    development sentence labels code it so, unanimously, under a paragraph label ``other``).

    Args:
        features: (n_sentences, n_themes, n_features) from :func:`sentence_features`.
        para_index: (n_sentences,) each sentence's paragraph.
    Returns:
        (n_paragraphs,) int theme index or -1.
    """
    claimed = np.asarray(features[:, :, FEATURES.index("claimed_section")])
    out = np.full(n_paragraphs, -1, dtype=int)
    rows = np.flatnonzero(claimed.sum(axis=1) > 0)
    out[np.asarray(para_index)[rows]] = claimed[rows].argmax(axis=1)
    return out


# ----------------------------------------------------------------------------- labels


# why a label labels no sentence (the keys :func:`labelled_sentences` counts), and, where it helps, what to do
NO_THEME = "theme not in themes.definitions"
NO_LINE = "no paragraph of the corpus at its source and line"
NOT_FOUND = "sentence text not found in its line"
TEXT_NOT_FOUND = "text not found at its line nor elsewhere in its source"
OUT_OF_ORDER = "sentence text only before the previous label's (a duplicate, or sentence numbers out of order)"
MIXED = "mixed paragraph (a secondary theme)"
CLAIMED = "paragraph claimed by its section or form"
AMBIGUOUS_SOURCE = "its source names several files of the corpus, and no text decides which"
UNUSED_ADVICE = {
    AMBIGUOUS_SOURCE: "give each source as its path under corpus.dir (folder/name), or the labelled text",
    NO_LINE: "check corpus.dir and that sources and line numbers are the corpus's",
    NOT_FOUND: "check that each text is a sentence of its line as the corpus has it",
    TEXT_NOT_FOUND: "check that sources, line numbers and texts are the corpus's",
    MIXED: "a paragraph label with a secondary theme says nothing certain about any one sentence: label its sentences",
    CLAIMED: "its section or form decides the paragraph's theme: label its sentences",
}


def labelled_sentences(labels: pd.DataFrame, paragraphs: pd.DataFrame, spans: pd.DataFrame, keys: list[str], claimed: np.ndarray | None = None,
                       unused: Counter | None = None) -> pd.DataFrame:
    """The sentences of this corpus that hand labels label.

    Paragraph labels (``source``, ``line``, ``primary``[, ``secondary``]) label every
    sentence of the paragraphs cut from the line when the paragraph is of one theme (no
    secondary theme): a mixed paragraph says nothing certain about any one sentence.
    Sentence labels (``source``, ``line``, ``sentence``, ``label``, ``text``) are found by
    their text (:func:`pipeline.labels.align_sentence_labels`); each labels the sentence of
    ours that holds most of its characters.

    ``claimed`` (n_sentences,) marks the sentences of paragraphs a theme claims by section or
    form (:func:`claimed_paragraphs`): a paragraph label there codes the claim (a glossary is
    ``other``), not what the sentences say, so it labels none of them.

    ``unused``, when given, counts the labels that label no sentence, by reason: the theme
    is not a theme key; no paragraph of the corpus comes from the labelled line; a sentence
    label's text is not found in its line, or only before the previous label's (a duplicate,
    or sentence numbers out of the text's order); a paragraph label names a secondary theme;
    every sentence of its paragraphs is claimed; its source names several files and no text
    decides which.

    Returns:
        ``row`` (row of ``spans``), ``y`` (theme index), ``group`` (the label's source) and
        ``kind`` ("sentence" or "paragraph": what the label labelled), one row per labelled
        sentence and label, sorted by row and, for a sentence two labels label, in the labels'
        order (callers keep the last: ``drop_duplicates("row", keep="last")``).
    """
    from .labels import AMBIGUOUS, NO_SOURCE, NOWHERE, TEXT_ELSEWHERE, align_sentence_labels, contains_text, locate_labels

    unused = Counter() if unused is None else unused
    not_located = {AMBIGUOUS: AMBIGUOUS_SOURCE, NOWHERE: NO_LINE, NO_SOURCE: NO_LINE, TEXT_ELSEWHERE: TEXT_NOT_FOUND}  # locate_labels's reasons, as counted here
    out: list[tuple[int, int, str]] = []  # (row, theme, source) in the labels' order
    if "sentence" in labels.columns and "label" in labels.columns:
        p_text = paragraphs["text"].to_numpy()
        for (src, lab, text), prows, how, where in zip(zip(labels["source"], labels["label"], labels["text"]), *locate_labels(labels, paragraphs),
                                                       align_sentence_labels(labels, paragraphs, spans)):
            if lab not in keys:
                unused[NO_THEME] += 1
            elif where:  # found in its line's text (the line found by its number, or by its labels' texts)
                out.append((max(where, key=lambda rc: (rc[1], -rc[0]))[0], keys.index(lab), src))
            elif how in not_located:
                unused[not_located[how]] += 1
            else:
                t = str(text).strip()
                unused[OUT_OF_ORDER if t and any(contains_text(p_text[pr], t) for pr in prows) else NOT_FOUND] += 1
    else:
        by_para = spans.groupby("para_id", sort=False).indices
        ids = paragraphs["para_id"].to_numpy()
        secondary = labels["secondary"].fillna("").astype(str) if "secondary" in labels.columns else pd.Series("", index=labels.index)
        for (src, lab, sec), prows, how in zip(zip(labels["source"], labels["primary"], secondary), *locate_labels(labels, paragraphs)):
            if lab not in keys:
                unused[NO_THEME] += 1
            elif how in not_located:
                unused[not_located[how]] += 1
            elif sec.strip():
                unused[MIXED] += 1
            else:
                kept = [int(r) for pr in prows for r in by_para.get(ids[pr], []) if claimed is None or not claimed[r]]
                if not kept:
                    unused[CLAIMED] += 1
                out += [(r, keys.index(lab), src) for r in kept]
    out.sort(key=lambda o: o[0])  # stable: a sentence's labels stay in the labels' order
    kind = "sentence" if "sentence" in labels.columns and "label" in labels.columns else "paragraph"
    return pd.DataFrame({"row": np.array([o[0] for o in out], dtype=int), "y": np.array([o[1] for o in out], dtype=int), "group": [o[2] for o in out],
                         "kind": [kind] * len(out)})


# ----------------------------------------------------------------------------- paragraphs


def paragraph_shares(theme_index: np.ndarray, n_chars: np.ndarray, para_index: np.ndarray, n_paragraphs: int, n_themes: int) -> np.ndarray:
    """Characters of each theme in each paragraph, (n_paragraphs, n_themes), from the
    themes of its sentences."""
    out = np.zeros((n_paragraphs, n_themes))
    np.add.at(out, (para_index, theme_index), n_chars)
    return out


def paragraph_themes(shares: np.ndarray, claims: np.ndarray) -> np.ndarray:
    """Each paragraph's theme: the theme that claims it (:func:`claimed_paragraphs`), else
    the theme holding most of its characters. (n_paragraphs,) theme indices."""
    return np.where(claims >= 0, claims, shares.argmax(axis=1))

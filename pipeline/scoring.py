"""Zero-shot theme scores: what the theme definitions of ``params.yaml`` say about a text.

A theme is a key, names, a description and seed words (and, optionally, the section headings
whose text belongs to it). From these alone, without labels:

- a lexical score: the share of a text's seed-word weight on each theme, seeds weighted by
  how specific they are across the texts scored together (idf);
- a semantic score: a softmax over themes of the cosine between the text's embedding and
  each theme's prototype (its embedded description and seeds);
- an overview score: how evenly the seed words spread over the themes (the codebook files
  a list of every task with none dominant under the fallback theme);
- section marks: text under a heading a theme claims (名词解释, 附件 …).

``score_content`` mixes them into one content score per text and ``assign_themes`` adds the
pull of a paragraph's topic: the paragraph-level classifier (``themes.unit: paragraph``) and
the context features of the sentence classifier (:mod:`pipeline.classify`).
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np

from .config import ThemesParams


def seed_matcher(themes: ThemesParams) -> tuple[re.Pattern, dict[str, list[int]]]:
    """A regex finding seed words leftmost-longest, and the themes each seed belongs to."""
    owners: dict[str, list[int]] = {}
    for k, d in enumerate(themes.definitions):
        for s in d.seeds:
            owners.setdefault(s, [])
            if k not in owners[s]:
                owners[s].append(k)
    pattern = re.compile("|".join(re.escape(s) for s in sorted(owners, key=lambda s: (-len(s), s))))
    return pattern, owners


def seed_counts(texts: list[str], themes: ThemesParams) -> tuple[list[Counter], dict[str, list[int]]]:
    """Seed words found in each text (leftmost-longest, so 生态环境 is not also 生态)."""
    pattern, owners = seed_matcher(themes)
    return [Counter(pattern.findall(t)) for t in texts], owners


def lexical_scores(counts: list[Counter], owners: dict[str, list[int]], n_themes: int) -> np.ndarray:
    """Share of each paragraph's seed-word weight per theme, shape (n, n_themes).

    A seed's weight is its idf over the paragraphs (a word in every paragraph says little)
    times the square root of its count in the paragraph. Rows without any seed are zero.
    """
    n = max(1, len(counts))
    df = Counter(w for c in counts for w in c)
    idf = {w: math.log((1 + n) / (1 + df[w])) + 1 for w in df}
    out = np.zeros((len(counts), n_themes))
    for i, c in enumerate(counts):
        for w, k in c.items():
            for t in owners[w]:
                out[i, t] += idf[w] * math.sqrt(k) / len(owners[w])
    totals = out.sum(axis=1, keepdims=True)
    return np.divide(out, totals, out=np.zeros_like(out), where=totals > 0)


def theme_texts(themes: ThemesParams) -> list[str]:
    """The texts the theme prototypes are made of: each theme's names and description, and its seed words."""
    return [t for d in themes.definitions for t in (f"{d.zh}：{d.description}", *d.seeds)]


def theme_prototypes(themes: ThemesParams, embedder) -> np.ndarray:
    """One unit vector per theme: the mean of its embedded description and seed words.

    Args:
        embedder: anything with ``embed(texts) -> (n, dim)`` (a model, or the vectors the
            embed stage stored for :func:`theme_texts`).
    Returns:
        float32 array (n_themes, dim).
    """
    protos = []
    for d in themes.definitions:
        vecs = embedder.embed([f"{d.zh}：{d.description}", *d.seeds])
        # the description counts as much as all seed words together
        v = 0.5 * vecs[0] + 0.5 * vecs[1:].mean(axis=0)
        protos.append(v / (np.linalg.norm(v) or 1.0))
    return np.stack(protos).astype(np.float32)


def semantic_scores(embeddings: np.ndarray, prototypes: np.ndarray, temperature: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Softmax over themes of the cosine to each prototype, and the cosines themselves.

    Args:
        embeddings: (n, dim) unit vectors.
        prototypes: (n_themes, dim) unit vectors.
    Returns:
        ``(probabilities, cosines)``, both (n, n_themes).
    """
    cos = embeddings @ prototypes.T
    z = (cos - cos.max(axis=1, keepdims=True)) / temperature
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True), cos


def assign_themes(
    content: np.ndarray,
    topics: np.ndarray,
    similarity: np.ndarray,
    themes: ThemesParams,
) -> tuple[np.ndarray, np.ndarray, dict[int, np.ndarray], np.ndarray]:
    """Combine paragraph content scores with their topics' themes.

    Args:
        content: (n, n_themes) content score per paragraph (rows sum to 1, or 0).
        topics: (n,) topic per paragraph, -1 for outliers.
        similarity: (n,) cosine of each paragraph to its topic centroid (NaN for outliers).
        themes: the ``themes`` parameters.
    Returns:
        ``(theme_index, confidence, topic_scores, final_scores)``: the chosen theme (n,),
        its score (n,), the score vector of each topic, and the final scores (n, n_themes).
    """
    k = len(themes.definitions)
    keys = themes.keys
    topic_scores: dict[int, np.ndarray] = {}
    pins = themes.pins
    for t in sorted(set(topics.tolist()) - {-1}):
        pinned = pins.get(t)
        if pinned is not None:
            v = np.zeros(k)
            v[keys.index(pinned)] = 1.0
        else:
            v = content[topics == t].mean(axis=0)
        topic_scores[t] = v
    final = content.copy()
    far, w = themes.far_from_topic, themes.topic_weight
    for i, t in enumerate(topics):
        if t != -1 and not np.isnan(similarity[i]) and similarity[i] >= far:
            final[i] = (1 - w) * content[i] + w * topic_scores[t]
    choice = final.argmax(axis=1)
    conf = final.max(axis=1)
    fb = themes.fallback
    if fb is not None:
        low = conf < themes.min_score
        choice[low] = keys.index(fb)
    return choice, conf, topic_scores, final


MAX_REFERENCE = 20000  # nearest paragraphs are sought among at most this many (evenly spaced)
SENTENCE_REFERENCE = 5000  # a sentence's corpus neighbours are sought among at most this many sentences (evenly spaced)


def nearest_scores(embeddings: np.ndarray, content: np.ndarray, k: int, max_reference: int = MAX_REFERENCE, chunk: int = 1024) -> np.ndarray | None:
    """The mean content score of each paragraph's ``k`` nearest paragraphs (cosine of unit
    vectors, itself left out): a topic without a clustering, the same whatever the seed.

    On corpora above ``max_reference`` paragraphs the neighbours are sought among that many,
    evenly spaced in corpus order (the cost grows linearly beyond it). Cosines are computed in
    float64 and rounded to 1e-9, so copies of a paragraph tie exactly wherever they stand, and
    ties at the k-th place go to the earlier paragraph: the result does not depend on the
    chunking, the BLAS kernel or how a sort orders ties. A vector that is not finite is no
    one's neighbour.

    Returns:
        (n, n_themes), or None when ``k`` is 0 or the corpus has one paragraph.
    """
    if k <= 0 or len(embeddings) < 2:
        return None
    return nearest_mean(embeddings, content, min(k, len(_reference(len(embeddings), max_reference)) - 1), max_reference=max_reference, chunk=chunk)[0]


def nearest_mean(embeddings: np.ndarray, values: np.ndarray, k: int, groups: np.ndarray | None = None, max_reference: int = MAX_REFERENCE,
                 chunk: int = 1024) -> tuple[np.ndarray, np.ndarray]:
    """The mean of ``values`` over each row's ``k`` nearest rows (:func:`nearest_rows`).

    Returns:
        ``(mean, found)``: (n, m) means, and (n,) how many neighbours each mean is of (fewer
        than ``k`` where fewer rows are eligible; 0, with a mean of 0, where none is).
    """
    values = np.asarray(values, dtype=np.float64)
    idx = nearest_rows(embeddings, k, groups, max_reference=max_reference, chunk=chunk)
    return mean_over(values, idx)


def mean_over(values: np.ndarray, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Means of ``values`` over the rows ``idx`` names ((n, k), -1 for none), and how many."""
    found = (idx >= 0).sum(axis=1)
    if idx.shape[1] and (found == idx.shape[1]).all():
        return values[idx].mean(axis=1), found
    sums = np.where((idx >= 0)[:, :, None], values[np.maximum(idx, 0)], 0.0).sum(axis=1) if idx.shape[1] else np.zeros((len(idx), values.shape[1]))
    return sums / np.maximum(found, 1)[:, None], found


def _reference(n: int, max_reference: int) -> np.ndarray:
    """The rows neighbours are sought among: all, or ``max_reference`` evenly spaced."""
    return np.arange(n) if n <= max_reference else np.unique(np.linspace(0, n - 1, max_reference).round().astype(np.int64))


def nearest_rows(embeddings: np.ndarray, k: int, groups: np.ndarray | None = None, eligible: np.ndarray | None = None,
                 queries: np.ndarray | None = None, max_reference: int = MAX_REFERENCE, chunk: int = 1024) -> np.ndarray:
    """Each row's ``k`` nearest rows (cosine of unit vectors; see :func:`nearest_scores` for the
    reference sample, the rounding and the ties), the row itself left out, and with ``groups``
    every row of its own group too (its document: neighbours from elsewhere); with
    ``eligible`` (a mask over rows) only those rows are anyone's neighbours. A row whose
    vector is not finite or is zero has none and is none.

    Args:
        queries: the rows to find neighbours for (default: all).
    Returns:
        (n_queries, k) row numbers in corpus order, padded with -1 where fewer are eligible.
    """
    n = len(embeddings)
    queries = np.arange(n) if queries is None else np.asarray(queries, dtype=np.int64)
    if k <= 0 or n < 2:
        return np.full((len(queries), 0), -1, dtype=np.int64)
    ref = _reference(n, max_reference)
    k = min(k, len(ref))
    reference = np.asarray(embeddings[ref], dtype=np.float64)  # queries are cast a chunk at a time: no float64 copy of the corpus
    if groups is not None:  # document names as integer ids, once
        groups = np.unique(np.asarray(groups), return_inverse=True)[1].reshape(-1)
    ref_groups = None if groups is None else groups[ref]
    barred = np.zeros(len(ref), bool) if eligible is None else ~np.asarray(eligible, bool)[ref]
    barred |= ~np.isfinite(reference).all(axis=1) | ~reference.any(axis=1)  # a vector that is not finite, or zero, is no one's neighbour
    own = np.full(n, -1)
    own[ref] = np.arange(len(ref))
    out = np.full((len(queries), k), -1, dtype=np.int64)
    for start in range(0, len(queries), chunk):
        rows = queries[start : start + chunk]
        q = np.asarray(embeddings[rows], dtype=np.float64)
        sim = np.round(q @ reference.T, 9)
        sim[~np.isfinite(sim)] = -3.0  # below any cosine, above the excluded
        sim[~np.isfinite(q).all(axis=1) | ~q.any(axis=1)] = -np.inf  # a query without a usable vector has no neighbours
        mine = own[rows] >= 0
        sim[np.nonzero(mine)[0], own[rows][mine]] = -np.inf
        sim[:, barred] = -np.inf
        if ref_groups is not None:
            sim[groups[rows][:, None] == ref_groups[None, :]] = -np.inf
        kth = -np.partition(-sim, k - 1, axis=1)[:, k - 1 : k]
        above, tie = sim > kth, sim == kth
        chosen = above | (tie & (np.cumsum(tie, axis=1) <= k - above.sum(axis=1, keepdims=True)))
        chosen &= sim > -np.inf
        r, c = np.nonzero(chosen)  # each row's neighbours, in corpus order
        slot = np.arange(len(r)) - np.searchsorted(r, r)  # position within its row
        out[start + r, slot] = ref[c]
    return out


def overview_scores(lex: np.ndarray, themes: ThemesParams) -> np.ndarray:
    """How much a paragraph is a general overview: 0 where one theme dominates its seed
    words, up to 1 where the seed words spread evenly over the (non-fallback) themes.

    The codebook files a paragraph that lists several themes with none dominant under
    ``other``; this is the normalised entropy of the seed-word shares, counted only for
    paragraphs whose top theme holds less than ``themes.overview_max_share``.
    """
    keys = themes.keys
    idx = [i for i, k in enumerate(keys) if k != themes.fallback]
    sub = lex[:, idx]
    tot = sub.sum(axis=1, keepdims=True)
    share = np.divide(sub, tot, out=np.zeros_like(sub), where=tot > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ent = -np.nansum(np.where(share > 0, share * np.log(share), 0.0), axis=1) / np.log(max(2, len(idx)))
    return np.where((tot[:, 0] > 0) & (share.max(axis=1) < themes.overview_max_share), ent, 0.0)


def section_marks(sections: list[str], themes: ThemesParams, texts: list[str] | None = None) -> np.ndarray:
    """Which theme claims each text by its section heading (a theme's ``sections`` name a
    part of it: 名词解释, 附件 …) or by its form (the text matches one of a theme's
    ``patterns`` at its start: a glossary footnote ``[7]“三重压力”：…``).

    Returns:
        (n, n_themes) one-hot rows, zero where no theme claims the text.
    """
    out = np.zeros((len(sections), len(themes.definitions)))
    by_section = [(k, d.sections) for k, d in enumerate(themes.definitions) if d.sections]
    by_form = [(k, re.compile("|".join(f"(?:{p})" for p in d.patterns))) for k, d in enumerate(themes.definitions) if d.patterns] if texts is not None else []
    if not by_section and not by_form:
        return out
    for i, s in enumerate(sections):
        k = next((k for k, names in by_section if s and any(m in s for m in names)), None)
        if k is None:
            k = next((k for k, pattern in by_form if pattern.match(texts[i])), None)
        if k is not None:
            out[i, k] = 1.0
    return out


def score_content(texts: list[str], embeddings: np.ndarray, prototypes: np.ndarray, themes: ThemesParams, sections: list[str] | None = None):
    """Content score of each text: lexical and semantic scores mixed by ``lexical_weight``.

    A text without any seed word is scored on semantics alone; a general overview (seed
    words spread over many themes) leans to the fallback theme; a text under a heading a
    theme claims (its ``sections``: 名词解释, 附件 …) goes to that theme outright.

    Returns:
        ``(content, lexical, semantic, cosines, counts)``; arrays are (n, n_themes).
    """
    counts, owners = seed_counts(texts, themes)
    lex = lexical_scores(counts, owners, len(themes.definitions))
    sem, cos = semantic_scores(embeddings, prototypes)
    has_seed = lex.sum(axis=1, keepdims=True) > 0
    w = themes.lexical_weight
    content = np.where(has_seed, w * lex + (1 - w) * sem, sem)
    fb = themes.fallback
    if fb is not None:
        j = themes.keys.index(fb)
        ov = overview_scores(lex, themes)[:, None] * themes.overview_weight
        target = np.eye(len(themes.keys))[j]
        content = (1 - ov) * content + ov * target
    if sections is not None:
        marks = section_marks(sections, themes, texts)
        marked = marks.sum(axis=1) > 0
        content[marked] = marks[marked]
    return content, lex, sem, cos, counts

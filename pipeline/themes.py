"""Stage ``themes``: every topic and every paragraph mapped to one theme of ``params.yaml``.

Outputs:
    ``data/processed/themes.parquet``  para_id, topic, theme, confidence, and a score per theme
    ``reports/topic_themes.csv``       each topic's theme, score and the evidence for it
    ``metrics/themes.json``            paragraphs and characters per theme

How a paragraph's theme is decided (all weights in ``themes``):
1. Its own content: a lexical score (how much of its seed-word mass falls on each theme;
   seed words are weighted by how specific they are to their theme across the corpus) mixed,
   ``lexical_weight`` to the rest, with a semantic score (softmax of the cosine between the
   paragraph's embedding and each theme's prototype: the embedded description and seeds).
2. Its topic's theme: the mean content score of the topic's paragraphs (or the theme a user
   pinned to the topic). A paragraph in a topic, and close to it (cosine to the topic's
   centroid at least ``far_from_topic``), is pulled ``topic_weight`` towards it; an outlier,
   or a paragraph far from its topic, is decided on its own content.
3. Where no theme reaches ``min_score``, the fallback theme (``fallback: true``) takes it.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from .artifacts import check_aligned, load_embeddings
from .config import ParamsError, ThemesParams
from .embedders import make_embedder
from .io import run_stage, setup_logging, write_csv, write_json, write_parquet
from .labels import labelled_rows, read_labels
from .shares import char_shares

log = logging.getLogger("pipeline.themes")

# The params keys this stage reads (its params in dvc.yaml). The embedding model names are
# read because theme descriptions, seeds and labelled examples are embedded with it.
PARAMS = (
    "themes.definitions", "themes.lexical_weight", "themes.topic_weight", "themes.far_from_topic", "themes.min_score",
    "themes.overview_max_share", "themes.overview_weight", "themes.fallback_sections", "themes.examples",
    "themes.examples_weight", "themes.pins", "embed.backend", "embed.model", "embed.prefix",
)


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


def theme_prototypes(themes: ThemesParams, embedder) -> np.ndarray:
    """One unit vector per theme: the mean of its embedded description and seed words.

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


def anchor_prototypes(prototypes: np.ndarray, examples: pd.DataFrame, paragraphs: pd.DataFrame, embeddings: np.ndarray, embedder, themes: ThemesParams) -> tuple[np.ndarray, dict[str, int]]:
    """Move each theme's prototype towards its labelled examples.

    Args:
        prototypes: (n_themes, dim) unit vectors.
        examples: labelled paragraphs (``source``, ``line``, ``primary``, optional ``text``);
            an example with text is embedded, one without is looked up among ``paragraphs``
            by source and line.
        paragraphs, embeddings: the corpus and its (n, dim) embeddings.
    Returns:
        ``(prototypes, used)``: the anchored unit vectors and the number of examples used per theme.
    """
    vecs: dict[int, list[np.ndarray]] = {}
    keys = themes.keys
    with_text = examples["text"].fillna("").astype(str).str.strip() != "" if "text" in examples else pd.Series(False, index=examples.index)
    if with_text.any():
        emb = embedder.embed(examples.loc[with_text, "text"].tolist())
        for k, v in zip(examples.loc[with_text, "primary"], emb):
            vecs.setdefault(keys.index(k), []).append(v)
    rest = examples[~with_text]
    if len(rest):
        chars, ids = paragraphs["n_chars"].to_numpy(), paragraphs["para_id"].to_numpy()
        for k, rows in zip(rest["primary"], labelled_rows(rest, paragraphs)):
            if len(rows):  # the longest paragraph cut from the line (ties: first para_id)
                best = min(rows, key=lambda r: (-chars[r], ids[r]))
                vecs.setdefault(keys.index(k), []).append(embeddings[best])
    out = prototypes.copy()
    w = themes.examples_weight
    for i, vs in vecs.items():
        m = np.mean(vs, axis=0)
        v = (1 - w) * out[i] + w * m / (np.linalg.norm(m) or 1.0)
        out[i] = v / (np.linalg.norm(v) or 1.0)
    return out.astype(np.float32), {keys[i]: len(vs) for i, vs in sorted(vecs.items())}


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


def score_content(texts: list[str], embeddings: np.ndarray, prototypes: np.ndarray, themes: ThemesParams, sections: list[str] | None = None):
    """Content score of each paragraph: lexical and semantic scores mixed by ``lexical_weight``.

    A paragraph without any seed word is scored on semantics alone; a general overview
    (seed words spread over many themes) leans to the fallback theme; a paragraph under a
    heading named in ``themes.fallback_sections`` (名词解释, 附件 …) goes to it outright.

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
        if sections is not None and themes.fallback_sections:
            marked = np.array([any(m in (s or "") for m in themes.fallback_sections) for s in sections])
            content[marked] = target
    return content, lex, sem, cos, counts


@dataclass
class ThemesResult:
    """What the ``themes`` stage computes."""

    table: pd.DataFrame  # para_id, topic, theme, confidence, decided_by, score_<theme>...
    topic_themes: pd.DataFrame  # one row per topic: its theme and the evidence
    metrics: dict


def theme_paragraphs(paragraphs: pd.DataFrame, topics: pd.DataFrame, topic_info: pd.DataFrame, embeddings: np.ndarray, prototypes: np.ndarray, themes: ThemesParams) -> ThemesResult:
    """A theme for every paragraph and every topic.

    Args:
        paragraphs: ``para_id``, ``section``, ``text``, ``n_chars`` of n paragraphs.
        topics: the ``topics`` stage's table, row i for paragraph i.
        topic_info: one row per topic.
        embeddings: (n, dim) unit vectors.
        prototypes: (n_themes, dim) unit vectors (see :func:`theme_prototypes`).
        themes: the ``themes`` parameters.
    Raises:
        ParamsError: ``themes.pins`` names a topic this run does not have.
    """
    unknown_pins = sorted(set(themes.pins) - set(topic_info["topic"]))
    if unknown_pins:
        raise ParamsError(f"params.yaml: themes.pins names topic(s) {unknown_pins} that this run does not have")
    texts = paragraphs["text"].tolist()
    content, lex, sem, cos, counts = score_content(texts, embeddings, prototypes, themes, paragraphs["section"].tolist())
    topic_arr = topics["topic"].to_numpy()
    similarity = topics["similarity"].to_numpy()
    choice, conf, topic_scores, final = assign_themes(content, topic_arr, similarity, themes)
    keys = themes.keys
    far = themes.far_from_topic

    table = pd.DataFrame(
        {
            "para_id": paragraphs["para_id"],
            "topic": topic_arr,
            "theme": [keys[c] for c in choice],
            "confidence": np.round(conf, 6),
            "decided_by": [
                "own content (outlier)" if t == -1 else ("own content (far from topic)" if np.isnan(s) or s < far else "content + topic")
                for t, s in zip(topic_arr, similarity)
            ],
        }
    )
    for j, key in enumerate(keys):
        table[f"score_{key}"] = np.round(final[:, j], 6)

    rows = []
    pins = themes.pins
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
    topic_themes = pd.DataFrame(rows, columns=["topic", "size", "words", "theme", "score", "runner_up", "pinned", "seed_words", "similarity", "lexical_share"])
    shares = char_shares(table["theme"].to_numpy(), paragraphs["n_chars"].to_numpy(), keys)
    metrics = {
        "paragraphs": {k: int((table["theme"] == k).sum()) for k in keys},
        "char_share": {k: round(v, 4) for k, v in shares.items()},
        "mean_confidence": round(float(table["confidence"].mean()), 4),
    }
    return ThemesResult(table=table, topic_themes=topic_themes, metrics=metrics)


def main() -> int:
    setup_logging("themes")
    p = config.stage_params("themes", PARAMS)
    themes = p.themes
    paragraphs = pd.read_parquet(config.PARAGRAPHS, columns=["para_id", "source", "line_start", "line_end", "section", "text", "n_chars"])
    topics = pd.read_parquet(config.TOPICS)
    check_aligned(paragraphs, topics, config.PARAGRAPHS, config.TOPICS)
    topic_info = pd.read_parquet(config.TOPIC_INFO)
    embeddings = load_embeddings(paragraphs)
    embedder = make_embedder(p.embed)
    prototypes = theme_prototypes(themes, embedder)
    if themes.examples:
        examples = read_labels(Path(themes.examples), themes.keys, key="themes.examples")
        prototypes, used = anchor_prototypes(prototypes, examples, paragraphs, embeddings, embedder, themes)
        log.info("themes anchored by %d labelled examples from %s: %s", sum(used.values()), themes.examples, used)
    result = theme_paragraphs(paragraphs, topics, topic_info, embeddings, prototypes, themes)
    write_parquet(result.table, config.THEMES)
    write_csv(result.topic_themes, config.REPORTS / "topic_themes.csv")
    write_json(result.metrics, config.METRICS / "themes.json")
    log.info("themes of %d paragraphs: %s", len(result.table), ", ".join(f"{k} {v}" for k, v in result.metrics["paragraphs"].items()))
    return 0


if __name__ == "__main__":
    run_stage(main, "themes")

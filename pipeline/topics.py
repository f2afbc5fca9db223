"""Stage ``topics``: BERTopic on the paragraphs with their precomputed embeddings.

Outputs:
    ``models/topic_model/``            BERTopic in its safetensors format (+ ``pipeline.json``)
    ``data/processed/topics.parquet``  para_id, topic, topic_before_outliers, probability, similarity
    ``data/processed/topic_info.parquet``  one row per topic: size, name, words
    ``metrics/topics.json``            topics, outlier share, NPMI coherence, diversity

BERTopic is fitted on all paragraphs, or on a seeded sample of ``topics.fit_sample`` of them
for a large corpus; every other paragraph is then assigned, in batches of
``topics.assign_batch`` (on a Dask cluster if ``compute.scheduler`` names one), to the topic
whose centroid is most similar, or to -1 below ``topics.outlier_threshold``. Memory is so
bounded by the sample and the batch. UMAP runs on an exact cosine kNN graph of the sample.

UMAP and HDBSCAN settings scale with the corpus (``auto`` in params). When HDBSCAN finds
fewer than ``topics.min_topics`` clusters — typical of a corpus of a few dozen paragraphs —
the documented fallback is k-means on the same UMAP space with k = round(sqrt(n / 2)),
between 2 and 20, so every corpus gets topics and the report is still produced.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.abc
import json
import logging
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from .artifacts import load_embeddings
from .compute import client_for
from .config import TopicsParams, VectorizerParams
from .io import atomic_dir, run_stage, setup_logging, write_json, write_parquet

log = logging.getLogger("pipeline.topics")

# The params keys this stage reads (its params in dvc.yaml). The embedding model names are
# read because the keybert and mmr representations embed candidate words with it.
PARAMS = (
    "topics.seed", "topics.umap", "topics.hdbscan", "topics.vectorizer", "topics.min_topics", "topics.fit_sample",
    "topics.top_n_words", "topics.representation", "topics.outliers", "topics.outlier_threshold",
    "embed.backend", "embed.model", "embed.prefix",
)


# ----------------------------------------------------------------------------- fixed costs

# BERTopic imports sentence-transformers (and with it transformers and torch: 8 s and 300 MB)
# for embedding backends; it treats them as optional. This stage embeds nothing itself unless
# a keybert or mmr representation runs with a sentence-transformers model.
DEEP_LEARNING = ("sentence_transformers", "transformers", "torch")


class _Absent(importlib.abc.MetaPathFinder):
    """Makes ``import name`` fail (ModuleNotFoundError) for the top-level names given."""

    def __init__(self, names: tuple[str, ...]):
        self.names = frozenset(names)

    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] in self.names:
            raise ModuleNotFoundError(f"{fullname} is not imported by pipeline.topics (no backend here needs it)", name=fullname)
        return None


@contextlib.contextmanager
def without_modules(names: tuple[str, ...]):
    """Within the block, importing any of ``names`` fails as if it were not installed (a
    library that imports them as optional goes on without); modules already imported stay."""
    finder = _Absent(tuple(n for n in names if n not in sys.modules))
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


@functools.cache
def cache_umap_compilation() -> None:
    """Have Numba keep UMAP's compiled hot loops on disk.

    UMAP compiles its kNN smoothing, membership strengths and layout epoch in every new
    process (about 19 s here) because they are not declared cacheable. The same Python
    functions are compiled here with ``cache=True`` and put in their place, so the code is
    compiled once per machine (in ``__pycache__`` beside UMAP, or Numba's user cache where
    that is read-only) and loaded in every later process; the results are the same.
    """
    import numba
    import umap.layouts
    import umap.umap_

    for name in ("smooth_knn_dist", "compute_membership_strengths"):
        dispatcher = getattr(umap.umap_, name)
        options = {k: v for k, v in dispatcher.targetoptions.items() if k not in ("nopython", "boundscheck")}
        setattr(umap.umap_, name, numba.njit(cache=True, **options)(dispatcher.py_func))
    umap.layouts._nb_optimize_layout_euclidean_single_epoch = numba.njit(
        umap.layouts._optimize_layout_euclidean_single_epoch, fastmath=True, parallel=False, cache=True
    )


def warm_up() -> None:
    """Compile (and cache on disk) what a first topics run would: ``make install`` calls it."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((60, 16)).astype(np.float32)
    with without_modules(DEEP_LEARNING):
        cache_umap_compilation()
        ExactKnnUMAP(5, 2, 0.0, "cosine", 0).fit_transform(x / np.linalg.norm(x, axis=1, keepdims=True))


# ----------------------------------------------------------------------------- sizes


@dataclass(frozen=True)
class Sizes:
    """UMAP and HDBSCAN settings resolved for a corpus of ``n`` paragraphs."""

    n_neighbors: int
    n_components: int
    min_cluster_size: int
    min_samples: int
    kmeans_k: int


def resolve_sizes(n: int, p: TopicsParams) -> Sizes:
    """Turn ``auto`` settings into numbers for ``n`` paragraphs.

    n_neighbors = min(15, (n - 1) // 3) (at least 2); min_cluster_size = sqrt(n) / 2 between
    3 and 100; min_samples = min_cluster_size // 3 (at least 2); n_components at most n - 2.
    """
    nn = p.umap.n_neighbors if p.umap.n_neighbors != "auto" else max(2, min(15, (n - 1) // 3))
    mcs = p.hdbscan.min_cluster_size if p.hdbscan.min_cluster_size != "auto" else int(min(100, max(3, round(math.sqrt(n) / 2))))
    ms = p.hdbscan.min_samples if p.hdbscan.min_samples != "auto" else max(2, mcs // 3)
    if ms > n - 1 and n > 2:  # HDBSCAN needs fewer neighbours than points (params tuned on a larger corpus)
        log.warning("topics.hdbscan.min_samples = %d (%s) is not below the %d paragraphs clustered: %d is used", ms,
                    "set" if p.hdbscan.min_samples != "auto" else f"auto, from min_cluster_size {mcs}", n, n - 1)
        ms = n - 1
    return Sizes(
        n_neighbors=int(min(nn, max(2, n - 1))),
        n_components=int(max(1, min(p.umap.n_components, n - 2))),
        min_cluster_size=int(mcs),
        min_samples=int(ms),
        kmeans_k=int(min(20, max(2, round(math.sqrt(n / 2))))),
    )


def exact_knn(x: np.ndarray, k: int, block: int = 2048) -> tuple[np.ndarray, np.ndarray]:
    """Exact cosine nearest neighbours of the rows of ``x`` (unit vectors), self included.

    Computed in blocks of ``block`` rows (memory ``block × n``), so it costs O(n² d) time:
    it is meant for the clustering sample (``topics.fit_sample``), where it is faster than
    compiling pynndescent's approximate search anew in every process.

    Returns:
        ``(indices, distances)``, both (n, k); distance is 1 - cosine.
    """
    n = len(x)
    k = min(k, n)
    idx = np.empty((n, k), dtype=np.int64)
    dist = np.empty((n, k), dtype=np.float32)
    for s in range(0, n, block):
        sim = x[s : s + block] @ x.T
        part = np.argpartition(-sim, k - 1, axis=1)[:, :k]
        ps = np.take_along_axis(sim, part, axis=1)
        order = np.lexsort((part, -ps), axis=1)  # by similarity, ties by index: deterministic
        idx[s : s + block] = np.take_along_axis(part, order, axis=1)
        dist[s : s + block] = np.clip(1 - np.take_along_axis(ps, order, axis=1), 0, 2)
    return idx, dist


class ExactKnnUMAP:
    """UMAP on an exact cosine kNN graph (see :func:`exact_knn`).

    ``fit_transform`` is what BERTopic calls; ``transform`` places new points at the
    similarity-weighted mean of their nearest fitted points.
    """

    def __init__(self, n_neighbors: int, n_components: int, min_dist: float, metric: str, random_state: int, n_epochs: int | None = None):
        self.n_neighbors = n_neighbors
        self.n_components = n_components
        self.min_dist = min_dist
        self.metric = metric
        self.random_state = random_state
        self.n_epochs = n_epochs  # None: UMAP's own choice (500 up to 10,000 points, 200 beyond)

    def fit_transform(self, X: np.ndarray, y=None) -> np.ndarray:
        import warnings

        from umap import UMAP

        cache_umap_compilation()
        X = np.asarray(X, dtype=np.float32)
        unit = X / np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-12)
        idx, dist = exact_knn(unit, self.n_neighbors)
        self.umap_ = UMAP(
            n_neighbors=idx.shape[1], n_components=self.n_components, min_dist=self.min_dist, metric=self.metric,
            random_state=self.random_state, n_jobs=1, low_memory=True, n_epochs=self.n_epochs,
            init="spectral" if len(X) > self.n_components + 2 else "random",
            precomputed_knn=(idx, dist, None),
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "transform unavailable without a search index": see transform()
            self.embedding_ = self.umap_.fit_transform(X)
        self.fitted_ = unit
        return self.embedding_

    def fit(self, X: np.ndarray, y=None) -> "ExactKnnUMAP":
        self.fit_transform(X)
        return self

    def transform(self, X: np.ndarray) -> np.ndarray:
        unit = np.asarray(X, dtype=np.float32)
        unit = unit / np.maximum(np.linalg.norm(unit, axis=1, keepdims=True), 1e-12)
        sim = unit @ self.fitted_.T
        k = min(self.n_neighbors, sim.shape[1])
        part = np.argpartition(-sim, k - 1, axis=1)[:, :k]
        w = np.clip(np.take_along_axis(sim, part, axis=1), 1e-6, None)
        return (w[..., None] * self.embedding_[part]).sum(axis=1) / w.sum(axis=1, keepdims=True)


class FallbackClusterer:
    """HDBSCAN, or k-means where HDBSCAN finds fewer than ``min_topics`` clusters.

    Follows the contract BERTopic expects of a clustering model: ``fit(X)`` sets
    ``labels_`` (-1 for outliers), ``predict(X)`` labels new points.
    """

    def __init__(self, min_cluster_size: int, min_samples: int, k: int, min_topics: int, random_state: int):
        self.min_cluster_size = min_cluster_size
        self.min_samples = min_samples
        self.k = k
        self.min_topics = min_topics
        self.random_state = random_state

    def fit(self, X: np.ndarray, y=None) -> "FallbackClusterer":
        from hdbscan import HDBSCAN
        from sklearn.cluster import KMeans

        hdb = HDBSCAN(min_cluster_size=self.min_cluster_size, min_samples=self.min_samples, prediction_data=True)
        labels = hdb.fit_predict(X)
        n_clusters = len(set(labels) - {-1})
        if n_clusters >= self.min_topics or len(X) <= self.k:
            self.method_, self.model_, self.labels_ = "hdbscan", hdb, labels
            if n_clusters < self.min_topics:
                log.warning("HDBSCAN found %d cluster(s) in %d paragraphs (< topics.min_topics = %d), and %d paragraphs are too few for the "
                            "k-means fallback (k = %d): the topics are what HDBSCAN found", n_clusters, len(X), self.min_topics, len(X), self.k)
        else:
            km = KMeans(n_clusters=self.k, random_state=self.random_state, n_init=10)
            self.method_, self.model_, self.labels_ = "kmeans-fallback", km, km.fit_predict(X)
            log.info("HDBSCAN found %d cluster(s) in %d paragraphs (< topics.min_topics = %d): k-means with k = %d", n_clusters, len(X), self.min_topics, self.k)
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        if self.method_ == "hdbscan":
            import hdbscan

            return hdbscan.approximate_predict(self.model_, X)[0]
        return self.model_.predict(X)


# ----------------------------------------------------------------------------- model


class PrecomputedBackend:
    """Wraps a pipeline :class:`~pipeline.embed.Embedder` as BERTopic's embedding backend,
    so that representations (KeyBERTInspired) embed words with the same model."""

    def __new__(cls, embedder):
        from bertopic.backend import BaseEmbedder

        class _Backend(BaseEmbedder):
            def embed(self, documents, verbose=False):
                return embedder.embed(list(documents))

        return _Backend()


def make_vectorizer(p: VectorizerParams | None = None, n_docs: int | None = None, tokens: bool = True):
    """CountVectorizer over the content words of :func:`pipeline.tokenize.tokenize`.

    With ``tokens`` the documents are those words already, joined by spaces (ingest computes
    them once: ``sentences.parquet``), and are split at spaces; without, raw text is
    tokenized (a loaded model applied to new text). ``min_df`` is capped so that a corpus of
    a few dozen paragraphs still has a vocabulary.
    """
    from sklearn.feature_extraction.text import CountVectorizer

    p = p or VectorizerParams()
    min_df = p.min_df if n_docs is None else max(1, min(p.min_df, n_docs // 20))
    if tokens:
        return CountVectorizer(tokenizer=str.split, token_pattern=None, lowercase=False, min_df=min_df, max_df=p.max_df, ngram_range=(1, p.ngram_max))
    from .tokenize import tokenize

    return CountVectorizer(tokenizer=tokenize, token_pattern=None, lowercase=False, min_df=min_df, max_df=p.max_df, ngram_range=(1, p.ngram_max))


def make_ctfidf(p: VectorizerParams | None = None):
    """BERTopic's c-TF-IDF; with ``reduce_frequent_words`` on the square root of each topic's
    word frequencies, so that words every topic uses often (经济, 增长, 达到) rank below the
    topic's own. Off by default: it raised the NPMI of the 62 provincial reports' topic words
    (0.448 → 0.501) but lowered it on four corpora of 50–130 paragraphs (README)."""
    from bertopic.vectorizers import ClassTfidfTransformer

    return ClassTfidfTransformer(reduce_frequent_words=(p or VectorizerParams()).reduce_frequent_words)


def make_representation(name: str, seed: int):
    from bertopic.representation import KeyBERTInspired, MaximalMarginalRelevance

    if name == "keybert":
        return KeyBERTInspired(top_n_words=10, nr_repr_docs=5, nr_candidate_words=60, random_state=seed)
    if name == "mmr":
        return MaximalMarginalRelevance(diversity=0.3, top_n_words=10)
    return None


def fit_topics(docs: list[str], embeddings: np.ndarray, p: TopicsParams, embedder=None):
    """Fit BERTopic on paragraphs with their precomputed embeddings.

    Args:
        docs: n paragraph texts.
        embeddings: float32 array (n, dim), row i for ``docs[i]``.
        p: the ``topics`` parameters.
        embedder: pipeline embedder, needed by the ``keybert`` and ``mmr`` representations
            (they embed candidate words); without one, c-TF-IDF words are used.

    Returns:
        ``(model, topics, topics_before, probabilities, info)``: the fitted BERTopic; topic
        per paragraph after the outlier strategy and before it; HDBSCAN membership
        strength (1.0 under the k-means fallback); a dict describing what was done.
    """
    from bertopic import BERTopic

    n = len(docs)
    sizes = resolve_sizes(n, p)
    umap_model = ExactKnnUMAP(sizes.n_neighbors, sizes.n_components, p.umap.min_dist, p.umap.metric, p.seed,
                              None if p.umap.n_epochs == "auto" else p.umap.n_epochs)
    cluster = FallbackClusterer(sizes.min_cluster_size, sizes.min_samples, sizes.kmeans_k, p.min_topics, p.seed)
    representation = make_representation(p.representation, p.seed) if embedder is not None else None
    model = BERTopic(
        embedding_model=PrecomputedBackend(embedder) if embedder is not None else None,
        umap_model=umap_model,
        hdbscan_model=cluster,
        vectorizer_model=make_vectorizer(p.vectorizer, n),
        ctfidf_model=make_ctfidf(p.vectorizer),
        # the representation is computed once, on the final topics (after outliers), below
        representation_model=None,
        top_n_words=p.top_n_words,
        # any language but "english": BERTopic strips every non-ASCII character from the
        # text it builds topic words from when language == "english" (its default)
        language="multilingual",
        calculate_probabilities=False,
        verbose=False,
    )
    topics_before, probs = model.fit_transform(docs, embeddings)
    topics_before = np.asarray(topics_before, dtype=int)
    probs = np.ones(n) if probs is None or cluster.method_ != "hdbscan" else np.asarray(probs, dtype=float)
    topics = topics_before.copy()
    if p.outliers == "reduce" and (topics == -1).any() and len(set(topics) - {-1}) > 0:
        topics = np.asarray(
            model.reduce_outliers(docs, list(topics), strategy="embeddings", embeddings=embeddings, threshold=p.outlier_threshold),
            dtype=int,
        )
    if representation is not None or (topics != topics_before).any():
        # BERTopic warns that topics assigned by hand may break a later topic reduction;
        # there is none here (the outliers were reduced with its own method just above)
        bertopic_log = logging.getLogger("BERTopic")
        level = bertopic_log.level
        bertopic_log.setLevel(logging.ERROR)
        try:
            model.update_topics(docs, topics=list(topics), vectorizer_model=make_vectorizer(p.vectorizer, n), ctfidf_model=make_ctfidf(p.vectorizer),
                                representation_model=representation, top_n_words=p.top_n_words)
        finally:
            bertopic_log.setLevel(level)
    info = {"clustering": cluster.method_, "sizes": sizes.__dict__, "outlier_strategy": p.outliers}
    return model, topics, topics_before, probs, info


def assign_to_topics(embeddings: np.ndarray, centroids: dict[int, np.ndarray], threshold: float, batch: int, client=None) -> tuple[np.ndarray, np.ndarray]:
    """Assign each row to the topic with the most similar centroid, in batches.

    A row whose best cosine is below ``threshold`` is an outlier (-1). Batches run on the
    Dask cluster when ``client`` is given (each task gets its rows and the centroids).

    Args:
        embeddings: (n, dim) unit vectors, e.g. a memmap.
        centroids: unit centroid (dim,) per topic id.
    Returns:
        ``(topics, similarity)``, both (n,).
    """
    from .compute import map_ordered

    ids = np.array(sorted(centroids), dtype=int)
    mat = np.stack([centroids[t] for t in ids]).astype(np.float32)
    starts = range(0, len(embeddings), batch)
    tasks = ((np.asarray(embeddings[s : s + batch], dtype=np.float32), ids, mat, threshold) for s in starts)
    topics, sims = [], []
    from .io import progress

    for t, sim in progress(map_ordered(_assign_batch, tasks, client), total=len(starts), desc="assign to topics", unit="batch"):
        topics.append(t)
        sims.append(sim)
    if not topics:
        return np.zeros(0, dtype=int), np.zeros(0)
    return np.concatenate(topics), np.concatenate(sims)


def _assign_batch(task) -> tuple[np.ndarray, np.ndarray]:
    rows, ids, mat, threshold = task
    sim = rows @ mat.T
    best = sim.argmax(axis=1)
    top = sim[np.arange(len(rows)), best]
    return np.where(top >= threshold, ids[best], -1), top.astype(np.float64)


def topic_similarity(embeddings: np.ndarray, topics: np.ndarray) -> tuple[np.ndarray, dict[int, np.ndarray]]:
    """Cosine of each paragraph to the centroid of its topic (NaN for outliers), and the
    centroids by topic."""
    centroids = {}
    sim = np.full(len(topics), np.nan)
    for t in sorted(set(topics.tolist()) - {-1}):
        idx = np.flatnonzero(topics == t)
        c = embeddings[idx].mean(axis=0)
        c = c / (np.linalg.norm(c) or 1.0)
        centroids[t] = c
        sim[idx] = embeddings[idx] @ c
    return sim, centroids


# ----------------------------------------------------------------------------- quality


def npmi_coherence(topic_words: dict[int, list[str]], tokenized_docs: list[list[str]], top_n: int = 10) -> float:
    """Mean NPMI of word pairs among each topic's top words (Bouma 2009; as in the BERTopic
    paper), with paragraphs as co-occurrence windows. A pair that never co-occurs scores -1."""
    vocab = sorted({w for words in topic_words.values() for w in words[:top_n]})
    if not vocab:
        return float("nan")
    index = {w: i for i, w in enumerate(vocab)}
    rows = np.zeros((len(tokenized_docs), len(vocab)), dtype=bool)
    for d, toks in enumerate(tokenized_docs):
        for w in set(toks):
            j = index.get(w)
            if j is not None:
                rows[d, j] = True
    n_docs = max(1, len(tokenized_docs))
    m = rows.astype(np.float64)
    p_single = m.sum(axis=0) / n_docs
    p_joint = (m.T @ m) / n_docs
    scores = []
    for words in topic_words.values():
        ids = [index[w] for w in words[:top_n] if w in index]
        for a in range(len(ids)):
            for b in range(a + 1, len(ids)):
                i, j = ids[a], ids[b]
                pij = p_joint[i, j]
                if pij <= 0:
                    scores.append(-1.0)
                elif pij >= 1:
                    scores.append(1.0)
                else:
                    scores.append(math.log(pij / (p_single[i] * p_single[j])) / -math.log(pij))
    return float(np.mean(scores)) if scores else float("nan")


def topic_diversity(topic_words: dict[int, list[str]], top_n: int = 10) -> float:
    """Share of unique words among all topics' top words (Dieng et al. 2020)."""
    words = [w for ws in topic_words.values() for w in ws[:top_n]]
    return len(set(words)) / len(words) if words else float("nan")


# ----------------------------------------------------------------------------- save / load


def save_topic_model(model, path: Path, info: dict) -> None:
    """BERTopic's safetensors format, plus ``pipeline.json`` recording how to restore it."""
    bertopic_log = logging.getLogger("BERTopic")
    level = bertopic_log.level
    with atomic_dir(path) as tmp:
        # (the embedding model is left out on purpose: the paragraphs' vectors come from the embed stage, and
        # load_topic_model takes the embedder to use; BERTopic's warning that it is left out would print on every run)
        bertopic_log.setLevel(logging.ERROR)
        try:
            model.save(str(tmp), serialization="safetensors", save_ctfidf=True, save_embedding_model=False)
        finally:
            bertopic_log.setLevel(level)
        (tmp / "pipeline.json").write_text(
            json.dumps({"tokenizer": "pipeline.tokenize.tokenize", **info}, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
            encoding="utf-8",
        )


def load_topic_model(path: Path = config.TOPIC_MODEL, embedder=None):
    """Load a saved topic model with the pipeline's jieba tokenizer restored.

    BERTopic's safetensors format stores the vectorizer's vocabulary and settings but not a
    custom tokenizer; without this, a loaded model would tokenize Chinese on whitespace.
    """
    from bertopic import BERTopic

    model = BERTopic.load(str(path), embedding_model=PrecomputedBackend(embedder) if embedder is not None else None)
    old = model.vectorizer_model
    model.vectorizer_model = make_vectorizer(tokens=False)
    model.vectorizer_model.set_params(min_df=old.min_df, max_df=old.max_df, ngram_range=tuple(old.ngram_range))
    model.vectorizer_model.vocabulary_ = old.vocabulary_
    model.vectorizer_model.fixed_vocabulary_ = True
    return model


@dataclass
class TopicsResult:
    """What the ``topics`` stage computes: the fitted model and the tables it writes."""

    model: object
    table: pd.DataFrame  # para_id, topic, topic_before_outliers, probability, similarity
    topic_info: pd.DataFrame  # topic, size, words, name
    metrics: dict
    info: dict  # how the model was made (clustering, sizes...), saved beside it


def model_topics(paragraphs: pd.DataFrame, embeddings: np.ndarray, p: TopicsParams, embedder=None, client=None) -> TopicsResult:
    """Topics of every paragraph: BERTopic fitted on (a seeded sample of) the paragraphs,
    the rest assigned to the nearest topic centroid.

    Args:
        paragraphs: ``para_id`` and ``text`` of n paragraphs: their content words joined by
            spaces (see :func:`paragraph_tokens`).
        embeddings: (n, dim) unit vectors, row i for paragraph i (a memmap is fine).
        p: the ``topics`` parameters.
        embedder: the embedding model, for the keybert and mmr representations.
        client: a Dask client for the assignment of paragraphs outside the sample, or None.
    """
    docs = paragraphs["text"].tolist()
    n = len(docs)
    sample = np.arange(n)
    if n > p.fit_sample:
        sample = np.sort(np.random.default_rng(p.seed).choice(n, size=p.fit_sample, replace=False))
    sample_docs = [docs[i] for i in sample]
    sample_emb = np.asarray(embeddings[sample], dtype=np.float32)
    log.info("fitting BERTopic on %d of %d paragraphs, embeddings %s", len(sample), n, embeddings.shape)
    model, fit_topics_, fit_before, fit_probs, info = fit_topics(sample_docs, sample_emb, p, embedder)
    _, centroids = topic_similarity(sample_emb, fit_topics_)
    topics = np.full(n, -1, dtype=int)
    before = np.full(n, -1, dtype=int)
    probs = np.full(n, np.nan)
    topics[sample], before[sample], probs[sample] = fit_topics_, fit_before, fit_probs
    rest = np.setdiff1d(np.arange(n), sample)
    if len(rest) and centroids:
        assigned, _ = assign_to_topics(embeddings[rest], centroids, p.outlier_threshold, p.assign_batch, client)
        topics[rest] = assigned
        before[rest] = assigned
        log.info("assigned %d paragraphs outside the sample to the nearest topic (%d outliers)", len(rest), int((assigned == -1).sum()))
    info["fit_sample"] = int(len(sample))
    sim = np.full(n, np.nan)
    for t, c in centroids.items():
        idx = np.flatnonzero(topics == t)
        for s0 in range(0, len(idx), p.assign_batch):
            part = idx[s0 : s0 + p.assign_batch]
            sim[part] = np.asarray(embeddings[part], dtype=np.float32) @ c

    words = {t: [w for w, _ in (model.get_topic(t) or [])] for t in sorted(set(topics.tolist()) - {-1})}
    tokenized = [d.split() for d in sample_docs]  # coherence on the fitted sample
    metrics = {
        "paragraphs": n,
        "fit_sample": int(len(sample)),
        "topics": len(words),
        "clustering": info["clustering"],
        "outlier_share_before": round(float((before == -1).mean()), 4),
        "outlier_share": round(float((topics == -1).mean()), 4),
        "coherence_npmi": round(npmi_coherence(words, tokenized), 4),
        "diversity": round(topic_diversity(words), 4),
    }
    table = pd.DataFrame(
        {
            "para_id": paragraphs["para_id"],
            "topic": topics,
            "topic_before_outliers": before,
            "probability": np.round(probs, 6),
            "similarity": np.round(sim, 6),
        }
    )
    counts = table["topic"].value_counts()
    topic_info = pd.DataFrame(
        [
            {"topic": t, "size": int(counts.get(t, 0)), "words": " ".join(ws), "name": f"{t}_" + "_".join(ws[:4])}
            for t, ws in words.items()
        ]
        + ([{"topic": -1, "size": int(counts.get(-1, 0)), "words": "", "name": "-1_outliers"}] if -1 in counts else []),
        columns=["topic", "size", "words", "name"],
    ).sort_values("topic")
    return TopicsResult(model=model, table=table, topic_info=topic_info, metrics=metrics, info=info)


def paragraph_tokens(paragraphs: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """``para_id`` and ``text``: each paragraph's content words (its sentences' ``tokens``) joined by spaces."""
    words = sentences.groupby("para_id", sort=False)["tokens"].agg(lambda t: " ".join(x for x in t if x))
    return pd.DataFrame({"para_id": paragraphs["para_id"], "text": paragraphs["para_id"].map(words).fillna("")})


def main() -> int:
    setup_logging("topics")
    params = config.stage_params("topics", PARAMS)
    p = params.topics
    needs_models = p.representation in ("keybert", "mmr") and params.embed.backend == "sentence-transformers"
    with contextlib.nullcontext() if needs_models else without_modules(DEEP_LEARNING):
        return _run(params)


def _run(params) -> int:
    p = params.topics
    paragraphs = pd.read_parquet(config.PARAGRAPHS, columns=["para_id"])
    embeddings = load_embeddings(paragraphs, mmap=True)
    paragraphs = paragraph_tokens(paragraphs, pd.read_parquet(config.SENTENCE_SPANS, columns=["para_id", "tokens"]))
    embedder = None
    if p.representation in ("keybert", "mmr"):
        from .embedders import make_embedder

        embedder = make_embedder(params.embed)
    with client_for(params.compute.scheduler) as client:
        result = model_topics(paragraphs, embeddings, p, embedder, client)
    metrics = result.metrics
    save_topic_model(result.model, config.TOPIC_MODEL, {**result.info, "metrics": metrics})
    write_parquet(result.table, config.TOPICS)
    write_parquet(result.topic_info, config.TOPIC_INFO)
    write_json(metrics, config.METRICS / "topics.json")
    log.info(
        "%d topics (%s), outliers %.1f%% → %.1f%%, NPMI %.3f, diversity %.2f",
        metrics["topics"], metrics["clustering"], 100 * metrics["outlier_share_before"], 100 * metrics["outlier_share"],
        metrics["coherence_npmi"], metrics["diversity"],
    )
    for r in result.topic_info[result.topic_info["topic"] >= 0].head(30).itertuples():
        log.info("topic %d (%d): %s", r.topic, r.size, r.words)
    return 0


if __name__ == "__main__":
    run_stage(main, "topics")

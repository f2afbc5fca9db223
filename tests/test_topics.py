import numpy as np
import pytest

from pipeline.config import HdbscanParams, TopicsParams, VectorizerParams
from pipeline.topics import (
    FallbackClusterer,
    fit_topics,
    load_topic_model,
    npmi_coherence,
    resolve_sizes,
    save_topic_model,
    topic_diversity,
    topic_similarity,
)
from pipeline.tokenize import tokenize


def test_sizes_scale_with_the_corpus():
    p = TopicsParams()
    small, large = resolve_sizes(48, p), resolve_sizes(5000, p)
    assert small.n_neighbors <= large.n_neighbors == 15
    assert 3 <= small.min_cluster_size < large.min_cluster_size <= 100
    tiny = resolve_sizes(4, p)
    assert tiny.n_neighbors <= 3 and tiny.n_components <= 2
    fixed = resolve_sizes(5000, TopicsParams(hdbscan=HdbscanParams(min_cluster_size=7, min_samples=2)))
    assert (fixed.min_cluster_size, fixed.min_samples) == (7, 2)


def test_min_samples_from_a_larger_corpus_is_cut_to_the_paragraphs_clustered(caplog):
    """Params tuned on a large corpus, run on 48 paragraphs: HDBSCAN would fail (k must be at
    most the number of points); the setting is cut to 47, with a warning, and clustering runs."""
    for hp in (HdbscanParams(min_samples=60), HdbscanParams(min_cluster_size=100000)):
        sizes = resolve_sizes(48, TopicsParams(hdbscan=hp))
        assert sizes.min_samples == 47
        x = np.random.default_rng(0).normal(size=(48, 5))
        c = FallbackClusterer(sizes.min_cluster_size, sizes.min_samples, sizes.kmeans_k, 2, 0).fit(x)
        assert len(c.predict(x)) == 48
    assert "topics.hdbscan.min_samples = 60 (set) is not below the 48 paragraphs clustered: 47 is used" in caplog.text


def test_fallback_clusterer_uses_kmeans_only_when_hdbscan_finds_too_little():
    rng = np.random.default_rng(0)
    blobs = np.vstack([rng.normal(c, 0.05, size=(30, 2)) for c in ((0, 0), (5, 5), (0, 5))])
    c = FallbackClusterer(min_cluster_size=5, min_samples=2, k=3, min_topics=2, random_state=0).fit(blobs)
    assert c.method_ == "hdbscan" and len(set(c.labels_) - {-1}) == 3
    noise = rng.uniform(size=(20, 2))
    c = FallbackClusterer(min_cluster_size=15, min_samples=15, k=3, min_topics=2, random_state=0).fit(noise)
    assert c.method_ == "kmeans-fallback" and sorted(set(c.labels_)) == [0, 1, 2]
    assert c.predict(noise[:3]).shape == (3,)


def test_npmi_and_diversity_on_known_values():
    docs = [["a", "b"], ["a", "b"], ["c"]]
    assert npmi_coherence({0: ["a", "b"]}, docs) == pytest.approx(1.0)
    assert npmi_coherence({0: ["a", "c"]}, docs) == pytest.approx(-1.0)
    # p(a)=p(d)=1/2, p(ad)=1/4: independent → 0
    assert npmi_coherence({0: ["a", "d"]}, [["a", "d"], ["a"], ["d"], []]) == pytest.approx(0.0, abs=1e-12)
    assert topic_diversity({0: ["a", "b"], 1: ["a", "c"]}) == 0.75


def test_tokenizer_keeps_policy_terms_and_drops_noise():
    toks = tokenize("坚持推进乡村振兴，2025年增长5.2%，落实河湖长制和放管服改革，GDP稳步增长。")
    assert "乡村振兴" in toks and "河湖长制" in toks and "放管服" in toks
    assert not {"坚持", "推进", "2025", "5.2", "GDP", "年"} & set(toks)


def test_a_districts_own_name_written_bare_is_no_topic_word():
    import pandas as pd

    from pipeline.ingest import sentence_tokens

    text = "天河坚持创新驱动，天河区数字经济增长。振兴老工业基地。"
    paragraphs = pd.DataFrame({"para_id": ["a", "b"], "text": [text, text], "locality": ["天河区", "沈阳市"]})
    sentences = pd.DataFrame({"para_id": ["a", "b"], "char_start": [0, 0], "char_end": [len(text)] * 2})
    own, other = (t.split() for t in sentence_tokens(paragraphs, sentences))
    assert "天河" not in own and "天河" in other  # in another city's text it may be the river, or a word
    assert {"创新", "数字经济", "工业"} <= set(own)
    # a new area's name loses its whole unit's word (两江新区 → 两江, not 两江新)
    text = "两江坚持创新驱动，两江数字经济增长。"
    paragraphs = pd.DataFrame({"para_id": ["a"], "text": [text], "locality": ["两江新区"]})
    sentences = pd.DataFrame({"para_id": ["a"], "char_start": [0], "char_end": [len(text)]})
    (own,) = (t.split() for t in sentence_tokens(paragraphs, sentences))
    assert "两江" not in own and "数字经济" in own


@pytest.fixture(scope="module")
def seed_topics(seed_ingest, seed_embeddings):
    docs = [" ".join(tokenize(t)) for t in seed_ingest[0]["text"]]  # content words, as ingest stores them
    return docs, fit_topics(docs, seed_embeddings, TopicsParams(representation="ctfidf"))


def test_fit_on_a_small_corpus_gives_topics(seed_topics, seed_embeddings):
    docs, (model, topics, before, probs, info) = seed_topics
    assert len(topics) == len(docs) == len(seed_embeddings)
    assert len(set(topics) - {-1}) >= 2
    assert info["clustering"] in ("hdbscan", "kmeans-fallback")
    sim, centroids = topic_similarity(seed_embeddings, topics)
    assert set(centroids) == set(topics) - {-1}
    assert np.nanmin(sim) > 0


def test_fit_is_deterministic(seed_topics, seed_ingest, seed_embeddings):
    docs, (model, topics, *_ ) = seed_topics
    _, again, *_ = fit_topics(docs, seed_embeddings, TopicsParams(representation="ctfidf"))
    np.testing.assert_array_equal(topics, again)


def test_reduce_frequent_words_changes_the_topic_words_not_the_topics(seed_topics, seed_embeddings):
    """topics.vectorizer.reduce_frequent_words reaches BERTopic's c-TF-IDF, also the one
    computed again on the final topics (after outliers): the same clusters, other words."""
    docs, (model, topics, *_ ) = seed_topics
    p = TopicsParams(representation="ctfidf", vectorizer=VectorizerParams(reduce_frequent_words=True))
    reduced, again, *_ = fit_topics(docs, seed_embeddings, p)
    np.testing.assert_array_equal(topics, again)
    assert reduced.ctfidf_model.reduce_frequent_words and not model.ctfidf_model.reduce_frequent_words
    words = {t: [w for w, _ in model.get_topic(t)] for t in set(topics) - {-1}}
    assert words != {t: [w for w, _ in reduced.get_topic(t)] for t in words}


def test_saved_model_gets_the_jieba_tokenizer_back(seed_topics, tmp_path):
    docs, (model, topics, _, _, info) = seed_topics
    save_topic_model(model, tmp_path / "m", info)
    assert {"topics.json", "config.json", "topic_embeddings.safetensors", "ctfidf.safetensors", "pipeline.json"} <= {p.name for p in (tmp_path / "m").iterdir()}
    loaded = load_topic_model(tmp_path / "m")
    analyzer = loaded.vectorizer_model.build_analyzer()
    assert analyzer("推进乡村振兴和生态文明建设") == tokenize("推进乡村振兴和生态文明建设")
    assert [(w, round(float(s), 9)) for w, s in loaded.get_topic(0)] == [(w, round(float(s), 9)) for w, s in model.get_topic(0)]


def test_exact_knn_matches_brute_force():
    from sklearn.neighbors import NearestNeighbors

    from pipeline.topics import ExactKnnUMAP, exact_knn

    rng = np.random.default_rng(1)
    x = rng.standard_normal((300, 12)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    idx, dist = exact_knn(x, 7, block=64)
    ref_dist, ref_idx = NearestNeighbors(n_neighbors=7, metric="cosine", algorithm="brute").fit(x).kneighbors(x)
    np.testing.assert_array_equal(idx[:, 0], np.arange(300))  # itself first
    np.testing.assert_allclose(dist, ref_dist, atol=1e-5)
    assert (idx == ref_idx).mean() > 0.99  # equal up to ties
    red = ExactKnnUMAP(7, 2, 0.0, "cosine", 0)
    emb = red.fit_transform(x)
    assert emb.shape == (300, 2)
    # a new point lands among the fitted points it is closest to: a slightly moved copy of a
    # fitted point lands nearer that point's own place than most fitted points do
    moved = x[:20] + 0.01 * rng.standard_normal((20, 12)).astype(np.float32)
    placed = red.transform(moved)
    assert placed.shape == (20, 2)
    d_own = np.linalg.norm(placed - emb[:20], axis=1)
    d_all = np.linalg.norm(placed[:, None, :] - emb[None, :, :], axis=2)
    rank = (d_all < d_own[:, None]).sum(axis=1)  # fitted points nearer than its own
    # (placed at random, the median would be about 150 of the 300; the layout's last bits
    # depend on the machine's code, so the bounds leave room)
    assert np.median(rank) <= 10 and np.quantile(rank, 0.9) < 75

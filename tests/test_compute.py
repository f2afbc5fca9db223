"""The heavy loops give the same results on a Dask cluster as in-process."""

import copy

import numpy as np
import pytest

from pipeline.compute import ComputeError, client_for, map_ordered
from pipeline.config import EmbedParams
from pipeline.embedders import EmbedError, EmbeddingCache, cache_namespace, embed_texts
from pipeline.topics import assign_to_topics

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def test_map_ordered_keeps_order(cluster):
    with client_for(cluster.scheduler_address) as client:
        assert list(map_ordered(abs, range(-50, 0), client, window=4)) == list(range(50, 0, -1))
    assert list(map_ordered(abs, [-1, -2])) == [1, 2]


def test_embedding_on_the_cluster_equals_in_process(cluster, seed_ingest, use_embedder, tmp_path):
    texts = seed_ingest[0]["text"].tolist()[:24]
    local, _ = embed_texts(texts, use_embedder, None, batch_size=5, progress=False)
    spec = {**EmbedParams().__dict__, "threads": 1}
    cache = EmbeddingCache(tmp_path / "c.sqlite")
    with client_for(cluster.scheduler_address) as client:
        remote, stats = embed_texts(texts, use_embedder, cache, batch_size=5, progress=False, client=client, spec=spec)
    assert stats["embedded"] == len(set(texts))
    np.testing.assert_allclose(remote, local, atol=1e-5)
    # what the workers embedded went into the driver's cache
    again, stats = embed_texts(texts, use_embedder, cache, batch_size=5, progress=False)
    assert stats["embedded"] == 0
    np.testing.assert_array_equal(again, remote)
    # workers on other library versions than this process would fill the cache with vectors
    # a local run does not compute: refused, nothing stored
    elsewhere = copy.copy(use_embedder)
    elsewhere.runtime = "numpy==1.0"
    with client_for(cluster.scheduler_address) as client, pytest.raises(EmbedError, match="numpy==1.0.*constraints.txt"):
        embed_texts(texts, elsewhere, cache, batch_size=5, progress=False, client=client, spec=spec)
    assert cache.dim(cache_namespace(elsewhere)) is None


def test_topic_assignment_on_the_cluster_equals_in_process(cluster):
    rng = np.random.default_rng(0)
    emb = rng.standard_normal((1000, 16)).astype(np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    centroids = {t: emb[t * 100] for t in range(5)}
    local = assign_to_topics(emb, centroids, threshold=0.2, batch=128)
    with client_for(cluster.scheduler_address) as client:
        remote = assign_to_topics(emb, centroids, threshold=0.2, batch=128, client=client)
    np.testing.assert_array_equal(remote[0], local[0])
    np.testing.assert_allclose(remote[1], local[1])
    assert (local[0] == -1).any() and set(local[0]) - {-1} == set(range(5))


def test_unreachable_scheduler_is_a_clear_error():
    with pytest.raises(ComputeError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        with client_for("tcp://127.0.0.1:9", timeout=2):
            pass

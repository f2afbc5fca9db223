"""Stage ``embed``: sentences → one vector per sentence, and one per paragraph.

Outputs:
    ``data/interim/sentence_embeddings.npy``  (n_sentences, dim), row j = sentence j of sentences.parquet
    ``data/interim/embeddings.npy``   (n_paragraphs, dim), row i = paragraph i of paragraphs.parquet
    ``data/interim/embeddings.json``  model identity, shape, dtype, the para_ids (row order) and their digest
    ``data/interim/theme_vectors.npz``  the vectors of the theme descriptions and seed words (the
                                      themes stage makes its prototypes of them, with no model to load)
    ``models/embed_cache/``           persistent cache (kept by DVC across runs)

Every sentence is embedded once (the unit themes are decided on); a paragraph's vector is
the mean of its sentences' vectors weighted by their characters, normalised. Embedding the
sentences costs what embedding the paragraphs did (the encoder's time grows with the
characters it reads), and no model truncates a long paragraph. The backend is named by
``embed.backend`` (see :mod:`pipeline.embedders`). A document's sentences are embedded as
one batch, and vectors come from the cache by text and document, so only new or edited
documents are embedded and the vectors do not depend on the cache's history.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from .artifacts import NpyRows, NpyWriter, ids_digest, sentence_texts
from .compute import client_for
from .embedders import Embedder, EmbeddingCache, available_cores, cache_namespace, embed_texts, local_pool, local_processes, make_embedder
from .io import atomic_path, run_stage, setup_logging, write_json
from .scoring import theme_texts

log = logging.getLogger("pipeline.embed")

# The params keys this stage reads (its params in dvc.yaml); execution settings such as
# embed.threads, embed.batch_size and compute.scheduler need no declaring (config.EXECUTION_KEYS).
PARAMS = ("embed.backend", "embed.model", "embed.prefix", "embed.dtype", "themes.definitions")


def embed_sentences(texts: list[str], embedder: Embedder, cache: EmbeddingCache, out_path: Path, dtype, batch_size: int, client=None,
                    spec: dict | None = None, documents: list[str] | None = None, pool=None) -> tuple[int, dict[str, int]]:
    """Embed ``texts`` into a ``.npy`` at ``out_path`` (row i = text i), written a window of rows at a time.

    The sentences of a document (``documents``: its id per sentence) are embedded as one
    batch, so their vectors are a function of the document's text alone (see
    :func:`~pipeline.embedders.embed_texts`). Rows are written a window at a time, so
    memory stays bounded by a window of rows.

    Returns:
        ``(dim, stats)``: the vector size and the counts of texts taken from the cache and embedded.
    """
    dim = cache.dim(cache_namespace(embedder)) or (embedder.embed(texts[:1]).shape[1] if texts else 0)
    out = NpyWriter(out_path, (len(texts), dim), dtype)
    try:
        _, stats = embed_texts(texts, embedder, cache, batch_size, out=out, client=client, spec=spec, groups=documents, pool=pool)
    finally:
        out.close()
    return dim, stats


def paragraph_vectors(sentence_vectors: np.ndarray, para_index: np.ndarray, n_chars: np.ndarray, n_paragraphs: int, chunk: int = 65536) -> np.ndarray:
    """Each paragraph's vector: the mean of its sentences' vectors weighted by their
    characters, L2-normalised.

    Args:
        sentence_vectors: (n_sentences, dim), e.g. a memmap (read ``chunk`` rows at a time).
        para_index: (n_sentences,) row of each sentence's paragraph.
        n_chars: (n_sentences,) characters of each sentence.
    Returns:
        float32 (n_paragraphs, dim).
    """
    dim = sentence_vectors.shape[1] if sentence_vectors.ndim == 2 else 0
    out = np.zeros((n_paragraphs, dim), dtype=np.float32)
    w = np.asarray(n_chars, dtype=np.float32)
    for s in range(0, len(para_index), chunk):
        block = np.asarray(sentence_vectors[s : s + chunk], dtype=np.float32) * w[s : s + chunk, None]
        np.add.at(out, para_index[s : s + chunk], block)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1, norms)


def main() -> int:
    setup_logging("embed")
    p = config.stage_params("embed", PARAMS)
    params = p.embed
    paragraphs = pd.read_parquet(config.PARAGRAPHS, columns=["para_id", "doc_id", "text"])
    spans = pd.read_parquet(config.SENTENCE_SPANS)
    t0 = time.perf_counter()
    embedder = make_embedder(params)
    log.info("backend %s (%s)", params.backend, embedder.identity)
    cache = EmbeddingCache(Path(params.cache_dir) / "embeddings.sqlite")
    texts = sentence_texts(paragraphs, spans)
    dtype = np.float16 if params.dtype == "float16" else np.float32
    spec = {f.name: getattr(params, f.name) for f in dataclasses.fields(params) if f.name != "cache_dir"}
    try:
        # rows go straight to a .npy beside the output, renamed into place at the end
        with atomic_path(config.SENTENCE_EMBEDDINGS, ".npy") as tmp, client_for(p.compute.scheduler) as client:
            documents = spans["para_id"].map(paragraphs.set_index("para_id")["doc_id"]).tolist()
            processes = 1 if client is not None else local_processes(params)
            per_process = params.n_threads if params.threads != "auto" else max(1, available_cores() // processes)
            with local_pool(lambda: make_embedder(dataclasses.replace(params, threads=per_process)), processes) as pool:
                dim, stats = embed_sentences(texts, embedder, cache, tmp, dtype, params.batch_size, client, spec, documents, pool)
                if pool is not None and pool.started:
                    log.info("embedded in %d processes of %d BLAS thread(s) each", processes, per_process)
            para_index = pd.Index(paragraphs["para_id"]).get_indexer(spans["para_id"])
            rows = NpyRows(tmp)
            vectors = paragraph_vectors(rows, para_index, spans["n_chars"].to_numpy(), len(paragraphs))
            rows.close()
            with atomic_path(config.EMBEDDINGS, ".npy") as ptmp:
                np.save(ptmp, vectors.astype(dtype))
            themes = sorted(set(theme_texts(p.themes)))
            # one batch, in sorted order: the vectors are a function of the definitions alone
            theme_vectors, _ = embed_texts(themes, embedder, cache, params.batch_size, progress=False, groups=["themes"] * len(themes))
            with atomic_path(config.THEME_VECTORS, ".npz") as ttmp:
                with open(ttmp, "wb") as fh:
                    np.savez(fh, texts=np.array(themes), vectors=theme_vectors.astype(np.float32))
        dropped = cache.drop_other_versions(embedder.identity, cache_namespace(embedder))
        if dropped:
            log.info("cache: dropped %d vectors of %s computed by other library versions than %s", dropped, embedder.identity, getattr(embedder, "runtime", ""))
    finally:
        cache.close()
    elapsed = time.perf_counter() - t0
    write_json(
        {
            "model": embedder.identity,
            "backend": params.backend,
            "n": len(paragraphs),
            "n_sentences": len(texts),
            "dim": int(dim),
            "dtype": np.dtype(dtype).name,
            "paragraph_vectors": "mean of the sentence vectors weighted by characters, normalised",
            "para_ids_sha256": ids_digest(paragraphs["para_id"]),
            "sentences_sha256": ids_digest(f"{a}:{b}" for a, b in zip(spans["para_id"], spans["sentence"])),
            "para_ids": paragraphs["para_id"].tolist(),
        },
        config.EMBEDDINGS_META,
    )
    log.info(
        "%d sentences of %d paragraphs → (%d, %d) %s in %.1fs (%d from cache, %d embedded)",
        len(texts), len(paragraphs), len(texts), dim, np.dtype(dtype).name, elapsed, stats["cached"], stats["embedded"],
    )
    return 0


if __name__ == "__main__":
    run_stage(main, "embed")

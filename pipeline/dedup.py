"""Exact and near duplicates among texts: MinHash signatures of character 3-grams, banded
into a locality-sensitive hash (LSH) to propose candidates, confirmed by exact Jaccard.

Written in numpy rather than with ``datasketch`` (which the first versions used): the
signatures of all texts are computed in a few vectorised passes instead of one Python
object per text, and importing ``datasketch`` alone took a second (it imports SciPy's
integrators). The scheme is the textbook one (Broder 1997; Leskovec, Rajaraman & Ullman,
*Mining of Massive Datasets*, ch. 3): a text's 3-grams are exact integer codes, each of
``num_perm`` hash functions (a 64-bit mix, then multiply–shift with seeded odd multipliers)
keeps its minimum over the text, and the ``b`` bands of ``r`` rows are chosen, as datasketch
chooses them, to minimise the false positives below the candidate threshold plus the false
negatives above it.
"""

from __future__ import annotations

import functools
import re

import numpy as np

_trapezoid = getattr(np, "trapezoid", None) or np.trapz  # numpy >= 2 renamed trapz

_HAN_OR_WORD = re.compile(r"[\u3400-\u9fff\w]")
MIN_CHARS = 20  # texts shorter than this (without punctuation) are compared exactly only


def normalise(text: str) -> str:
    """Text without punctuation and blanks, for comparing texts."""
    return "".join(_HAN_OR_WORD.findall(text))


def trigram_codes(text: str) -> np.ndarray:
    """Distinct character 3-grams of ``text`` as sorted uint64 codes (exact, no hashing)."""
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    codes = (cp[:-2] << np.uint64(42)) | (cp[1:-1] << np.uint64(21)) | cp[2:]
    return np.unique(codes)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every input bit reaches every output bit."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def signatures(codes: list[np.ndarray], num_perm: int = 128, seed: int = 1, chunk: int = 1 << 18) -> np.ndarray:
    """MinHash signatures, (len(codes), num_perm) uint32: the minimum over a text's codes of
    each hash function. An empty text gets the maximum value everywhere."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) | np.uint64(1)  # odd multipliers
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    out = np.full((len(codes), num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
    lengths = np.array([len(c) for c in codes], dtype=np.int64)
    start = 0
    with np.errstate(over="ignore"):
        while start < len(codes):
            stop, total = start, 0
            while stop < len(codes) and (total == 0 or total + lengths[stop] <= chunk):
                total += lengths[stop]
                stop += 1
            nonempty = [i for i in range(start, stop) if lengths[i]]
            if nonempty:
                flat = _mix(np.concatenate([codes[i] for i in nonempty]))
                hashed = ((flat[:, None] * a[None, :] + b[None, :]) >> np.uint64(32)).astype(np.uint32)
                ends = np.cumsum(lengths[nonempty])
                # one slice per text: numpy's minimum.reduceat along the first axis is far slower
                out[nonempty] = np.stack([hashed[e - n : e].min(axis=0) for e, n in zip(ends, lengths[nonempty])])
            start = stop
    return out


@functools.cache
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """``(bands, rows)`` minimising the area of false positives below ``threshold`` plus
    false negatives above it (each weighted ½), as datasketch's MinHashLSH chooses them."""
    s = np.linspace(0, 1, 2001)
    best, best_err = (1, num_perm), np.inf
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            p = 1 - (1 - s**rows) ** bands
            fp = _trapezoid(np.where(s <= threshold, p, 0), s)
            fn = _trapezoid(np.where(s >= threshold, 1 - p, 0), s)
            err = 0.5 * fp + 0.5 * fn
            if err < best_err:
                best, best_err = (bands, rows), err
    return best


def find_duplicates(texts: list[str], threshold: float, seed: int = 1, num_perm: int = 64, cache=None) -> list[int]:
    """For each text, the index of an earlier text it repeats, or -1.

    Exact duplicates compare text without punctuation and blanks; near duplicates (texts of
    at least :data:`MIN_CHARS` such characters) compare sets of character 3-grams: the
    candidates the LSH proposes at a threshold 0.3 lower (a pair right at the threshold is
    otherwise missed about half the time) are checked by their true Jaccard similarity,
    which must reach ``threshold``; the earliest such text is the one repeated. A text that
    repeats another is not itself a candidate for later texts. With a ``cache``
    (:class:`pipeline.memo.IngestCache`), signatures computed in an earlier run are reused.
    """
    out = [-1] * len(texts)
    seen: dict[str, int] = {}
    todo, grams, norms = [], [], []
    for i, text in enumerate(texts):
        norm = normalise(text)
        if norm in seen:
            out[i] = seen[norm]
            continue
        seen[norm] = i
        if len(norm) >= MIN_CHARS:
            todo.append(i)
            grams.append(trigram_codes(norm))
            norms.append(norm)
    if not todo:
        return out
    bands, rows = lsh_bands(max(0.2, threshold - 0.3), num_perm)
    if cache is None:
        sig = signatures(grams, num_perm, seed)
    else:
        sig = cache.signatures(norms, lambda idx: signatures([grams[j] for j in idx], num_perm, seed), f"{num_perm}:{seed}")
    sig = sig[:, : bands * rows]
    keys = np.ascontiguousarray(sig).view(np.dtype((np.void, 4 * rows))).reshape(len(todo), bands)
    buckets: list[dict[bytes, list[int]]] = [{} for _ in range(bands)]
    from .io import progress

    for n, i in enumerate(progress(todo, desc="near duplicates", unit="text")):
        row = keys[n]
        found: set[int] = set()
        for band in range(bands):
            found.update(buckets[band].get(row[band].tobytes(), ()))
        g = grams[n]
        for m in sorted(found):
            h = grams[m]
            inter = len(np.intersect1d(g, h, assume_unique=True))
            if inter / (len(g) + len(h) - inter) >= threshold:
                out[i] = todo[m]
                break
        else:
            for band in range(bands):
                buckets[band].setdefault(row[band].tobytes(), []).append(n)
    return out

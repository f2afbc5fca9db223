"""jieba's dictionary, loaded once per process, and the lists derived from it.

Three modules need jieba: :mod:`pipeline.gazetteer` (word boundaries around place names),
:mod:`pipeline.tokenize` (content words) and :mod:`pipeline.readers` (which characters are
common). Loading jieba's prefix dictionary takes about a second, so it is loaded once:
:func:`new_tokenizer` gives a tokenizer of its own (its added words stay its own) without
loading it again.

Parsing jieba's word list takes as long again, and what the pipeline derives from it never
changes for a given jieba: those lists are files under ``resources/lexicon/`` written by
``scripts/build_lexicon.py`` (from :func:`derive_common_chars`, :func:`derive_frequent_chars`
and :func:`derive_common_words`; ``tests/test_lexicon.py`` checks the files still match).
"""

from __future__ import annotations

import functools
import io
import logging
from collections import Counter

from . import RESOURCES

N_FREQUENT = 3500  # as many as the list of common characters (现代汉语常用字表) holds
PUNCTUATION = "，。、；：？！“”‘’（）《》【】—…·「」『』　％"
PLACE_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "t"})


@functools.cache
def entries() -> tuple[tuple[str, int, str], ...]:
    """jieba's dictionary as (word, frequency, part-of-speech tag) triples."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    out = []
    with jieba.get_dict_file() as raw, io.TextIOWrapper(raw, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                out.append((parts[0], int(parts[1]), parts[2]))
    return tuple(out)


@functools.cache
def _base():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def plain_tokenizer():
    """jieba's tokenizer with its default dictionary only, loaded once and shared: to cut or count words, never to add
    any (see :func:`new_tokenizer`)."""
    return _base()


def new_tokenizer():
    """A jieba tokenizer with the default dictionary, independent of every other one (words
    added to it stay its own), made without loading the dictionary again."""
    import jieba

    base = _base()
    tok = jieba.Tokenizer()
    tok.FREQ, tok.total, tok.initialized = dict(base.FREQ), base.total, True
    return tok


def _with_traditional(simplified: str) -> set[str]:
    """The characters of ``simplified`` and their traditional (and Taiwan-standard) forms."""
    import opencc

    return set(simplified) | set(opencc.OpenCC("s2t").convert(simplified)) | set(opencc.OpenCC("s2tw").convert(simplified))


def derive_common_chars() -> frozenset[str]:
    """Characters of jieba's dictionary words of frequency ≥ 20, their traditional forms,
    and common punctuation: what text in a Chinese encoding, rightly decoded, is made of."""
    chars = {c for word, freq, _ in entries() if freq >= 20 for c in word}
    return frozenset(_with_traditional("".join(sorted(chars))) | set(PUNCTUATION))


def derive_frequent_chars() -> frozenset[str]:
    """The :data:`N_FREQUENT` Han characters that carry most of jieba's dictionary (each
    weighted by the counts of the words it is in), with their traditional forms. Text
    decoded with the wrong codec is made of real but rare characters (宸ヤ綔鎶ュ憡 for
    工作报告), few of which are among these."""
    counts: Counter[str] = Counter()
    for word, freq, _ in entries():
        for c in word:
            if "\u4e00" <= c <= "\u9fff":
                counts[c] += freq
    return frozenset(_with_traditional("".join(c for c, _ in counts.most_common(N_FREQUENT))))


def derive_common_words() -> frozenset[str]:
    """Words jieba knows as frequent (≥ 100) ordinary words (资源, 合作, 通道 …), not as
    names of places or people: a county or city is not recognised by such a short name."""
    return frozenset(word for word, freq, tag in entries() if freq >= 100 and tag not in PLACE_TAGS)


def _read(name: str) -> frozenset[str]:
    text = (RESOURCES / "lexicon" / name).read_text(encoding="utf-8")
    return frozenset(x for line in text.splitlines() if line and not line.startswith("#") for x in (line.split() if " " in line else [line]))


@functools.cache
def common_chars() -> frozenset[str]:
    """:func:`derive_common_chars`, as stored in ``resources/lexicon/common_chars.txt``."""
    return frozenset("".join(_read("common_chars.txt")))


@functools.cache
def frequent_chars() -> frozenset[str]:
    """:func:`derive_frequent_chars`, as stored in ``resources/lexicon/frequent_chars.txt``."""
    return frozenset("".join(_read("frequent_chars.txt")))


@functools.cache
def common_words() -> frozenset[str]:
    """The words of :func:`derive_common_words` that are also names the gazetteer considers
    (short names of units, stems of former names), as stored in
    ``resources/lexicon/common_place_words.txt``."""
    return _read("common_place_words.txt")

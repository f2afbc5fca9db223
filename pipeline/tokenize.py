"""The jieba tokenizer used for topic words, coherence and distinctive words.

Policy terms are kept whole (a user dictionary: 两个确立, 放管服, 河湖长制 ...); stop words,
officialese (坚持, 推进, 加快, 坚决, 站上 ...), place names of the gazetteer (湘潭, 澧县 ...: a
topic about a place is about what is done there), single characters, numbers (also in Han numerals: 六个, 十项), years,
percentages and Latin fragments are dropped. :func:`tokenize` is a plain module-level
function, so a topic model loaded from disk gets exactly the same tokenizer back (see
``topics.load_topic_model``).
"""

from __future__ import annotations

import functools
import re

from . import RESOURCES

_HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")
# Counted quantities and short numerals written in Han characters (六个, 十项, 两批, 千万): no
# topic. Longer bare numerals are kept: 十四五 and 十五五 name five-year plans.
_NUMERAL = re.compile(r"^([零〇一二三四五六七八九十百千万亿两几多数半]+[个项条件次批家年月日天名位户座所元亩吨种类]|[零〇一二三四五六七八九十百千万亿两几多数半]{2})$")


def _words(name: str) -> list[str]:
    text = (RESOURCES / "lexicon" / name).read_text(encoding="utf-8")
    return [w for line in text.splitlines() if not line.startswith("#") for w in line.split()]


@functools.cache
def stopwords() -> frozenset[str]:
    """Stop words, officialese and place names."""
    from .gazetteer import Gazetteer

    return frozenset(_words("stopwords_zh.txt")) | frozenset(_words("officialese_zh.txt")) | frozenset(Gazetteer.default().aliases)


@functools.cache
def _tokenizer():
    from .lexicon import new_tokenizer

    tok = new_tokenizer()
    tok.load_userdict(str(RESOURCES / "lexicon" / "userdict_zh.txt"))
    return tok


def segment(text: str) -> list[str]:
    """All jieba tokens of ``text`` (HMM off, so the same text always gives the same tokens)."""
    return _tokenizer().lcut(text, HMM=False)


def tokenize(text: str) -> list[str]:
    """Content words of ``text``: Han words of two or more characters, not stop words.

    A space is a word boundary in Chinese text, so the text is cut at spaces first and each
    piece is segmented once per process (cached): BERTopic joins a topic's paragraphs with
    spaces and segments the result several times per fit.
    """
    out: list[str] = []
    for piece in text.split(" "):
        if piece:
            out.extend(_tokenize_piece(piece))
    return out


@functools.lru_cache(maxsize=65536)
def _tokenize_piece(piece: str) -> tuple[str, ...]:
    stop = stopwords()
    return tuple(w for w in segment(piece) if _HAN_WORD.match(w) and w not in stop and not _NUMERAL.match(w))

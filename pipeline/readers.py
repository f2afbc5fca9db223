"""Readers: one small contract per file type.

A reader takes the bytes of a file and returns its text as a list of lines (line ``i`` of
the list is line ``i + 1`` of the source) and the encoding or format it found. A file that
cannot be read raises :class:`ReadError` with a reason a user can act on.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import stat
import zipfile
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable


class ReadError(Exception):
    """A file could not be read; the message says why."""


@dataclass
class RawText:
    lines: list[str]
    encoding: str
    meta: dict[str, str] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)  # text of the file not in ``lines`` (a web page's furniture)


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them (CRLF, CR and LF all end a line)."""
    lines = re.split(r"\r\n|\r|\n", text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


# ----------------------------------------------------------------------------- plain text

# Order matters: a text that is valid UTF-8 is UTF-8; GB18030 (a superset of GBK/GB2312)
# and Big5 both accept many byte strings, so which one is meant is decided by which
# reading gives common Chinese characters (see _plausibility).
_CJK_CODECS = ("gb18030", "big5")


# Byte-order marks, longest first (GB18030 writes U+FEFF as 84 31 95 33).
_BOMS = ((b"\x84\x31\x95\x33", "gb18030"), (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


STRAY_NUL_SHARE = 0.01  # at most this share of a file's bytes NUL, and the rest a text: the NULs are stray, not a binary file


def decode(data: bytes) -> tuple[str, str]:
    """Decode a text file whose encoding is not declared.

    Returns:
        ``(text, encoding)``.
    Raises:
        ReadError: empty, binary, or in no encoding this tool knows.
    """
    if not data.strip():
        raise ReadError("empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec).removeprefix("\ufeff"), f"{codec.removesuffix('-sig')} (BOM)"
            except UnicodeDecodeError as exc:
                # a mark some tool set before text in another encoding (a UTF-8 BOM before GB18030): the rest read as it
                # is, when it reads cleanly, and the encoding says so; else the file is refused, naming the mark
                try:
                    text, found = decode(data[len(bom) :])
                except ReadError:
                    found = ""
                if found and "undecodable" not in found and not found.startswith(("mixed", codec.removesuffix("-sig"))):
                    return text, f"{found} (after a stray {codec.removesuffix('-sig')} byte-order mark, dropped)"
                raise ReadError(f"starts with a {codec} byte-order mark but does not decode as {codec}: {exc}") from None
    nul = data.count(b"\x00")
    if nul:
        utf16 = _utf16_without_bom(data)
        if utf16:
            return utf16
        if nul <= len(data) * STRAY_NUL_SHARE:  # a few stray NULs (padding from an export or a crawl) in a text: left out, and said
            try:
                text, codec = decode(data.replace(b"\x00", b""))
            except ReadError:
                pass
            else:
                if "undecodable" not in codec:  # the rest reads cleanly as a text
                    return text, f"{codec} ({nul} NUL byte{'s' if nul > 1 else ''} removed)"
        raise ReadError(f"binary file ({nul} NUL bytes in {len(data)}); not a text document")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    readings = []
    for codec in _CJK_CODECS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        readings.append((_plausibility(text), codec, text))
    if not readings:
        mixed = _decode_by_line(data)
        if mixed is None:
            raise ReadError("does not decode as UTF-8, UTF-16, GB18030/GBK or Big5, as a whole or line by line")
        return mixed
    score, codec, text = max(readings, key=lambda r: r[0])
    if score < 0.5:
        raise ReadError(f"decodes as {codec} only to unlikely characters (score {score:.2f}); encoding unknown")
    return text, codec


def _decode_by_line(data: bytes) -> tuple[str, str] | None:
    """A file no one codec decodes, read line by line (a page whose template is UTF-8 and its
    article GBK; a file with a few corrupt bytes): each line in UTF-8 or the CJK codec that
    reads it most plausibly; a line none decodes is read in the codec most of the file is in,
    with U+FFFD for its bad bytes (ingest logs it ``garbled`` when that garbles it). None when
    the result is mostly implausible characters. The encoding says what was done:
    ``mixed (utf-8 12 lines, gb18030 24 lines, 1 undecodable)``."""
    parts = re.split(rb"\r\n|\r|\n", data)  # CR, LF and CRLF end lines as split_lines counts them; never inside a character
    decoded: list[tuple[str, str] | None] = []
    used: Counter[str] = Counter()
    for part in parts:
        readings = []
        for codec in ("utf-8", *_CJK_CODECS):
            try:
                text = part.decode(codec)
            except UnicodeDecodeError:
                continue
            if codec == "utf-8":  # valid UTF-8 is UTF-8 (a CJK misreading of it is rarely valid)
                readings = [(1.0, codec, text)]
                break
            readings.append((_plausibility(text), codec, text))
        if readings:
            _, codec, text = max(readings, key=lambda r: r[0])
            decoded.append((codec, text))
            used[codec] += not part.isascii()
        else:
            decoded.append(None)
    main = max((c for c in used if used[c]), key=lambda c: used[c], default="utf-8")
    lines = [d[1] if d else part.decode(main, errors="replace") for d, part in zip(decoded, parts)]
    bad = sum(d is None for d in decoded)
    text = "\n".join(lines)
    if _plausibility(text) < 0.5:
        return None
    counts = [f"{codec} {n} lines" for codec, n in sorted(used.items()) if n] + ([f"{bad} undecodable, read as {main}"] if bad else [])
    return text, f"mixed ({', '.join(counts)})"


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) / 2
    for codec, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        # ASCII-heavy UTF-16 has a NUL in every other byte; CJK-heavy UTF-16 has few, so
        # accept it when it decodes to mostly common characters.
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if zeros > 0.3 * half or _plausibility(text) > 0.8:
            return text, codec
    return None


def _plausibility(text: str) -> float:
    """Share of the non-ASCII characters that are common CJK characters or punctuation."""
    sample = [c for c in text[:20000] if ord(c) > 127]
    if not sample:
        return 1.0
    common = _common_chars()
    return sum(c in common for c in sample) / len(sample)


def _common_chars() -> frozenset[str]:
    """Characters of jieba's dictionary words and their traditional forms (see :mod:`pipeline.lexicon`)."""
    from .lexicon import common_chars

    return common_chars()


def frequent_chars() -> frozenset[str]:
    """The 3,500 most frequent Han characters and their traditional forms (see :mod:`pipeline.lexicon`)."""
    from .lexicon import frequent_chars as chars

    return chars()


# Characters that wrong decoding produces: Han, kana, box drawing, private use, U+FFFD (not
# Tibetan, Uyghur, Mongolian, Hangul or Cyrillic, which are text in their own right).
_SUSPECT = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0003ffff\u3040-\u30ff\u2500-\u257f\ue000-\uf8ff\ufffd]")


def garbled_share(text: str) -> tuple[int, float]:
    """``(n, share)``: how many characters of ``text`` are Han or what wrong decoding leaves
    (see :data:`_SUSPECT`), and the share of them that are not frequent Han characters."""
    rare = text.translate(_without_frequent())  # frequent characters deleted (at C speed)
    n_rare = len(_SUSPECT.findall(rare))
    n = n_rare + len(text) - len(rare)
    return n, (n_rare / n if n else 0.0)


_WITHOUT_FREQUENT: dict[int, None] | None = None


def _without_frequent() -> dict[int, None]:
    """A :meth:`str.translate` table deleting the characters of :func:`frequent_chars`."""
    global _WITHOUT_FREQUENT
    if _WITHOUT_FREQUENT is None:
        _WITHOUT_FREQUENT = dict.fromkeys(map(ord, frequent_chars()))
    return _WITHOUT_FREQUENT


# Text saved as UTF-8 (or GBK) after being decoded with the wrong codec: (codec it was read
# with, codec it was written in). "gbk" is Windows code page 936 as Windows decodes it: GBK,
# byte 0x80 as €, and GBK's undefined and user-defined pairs as private-use characters the way
# GB18030 maps them; so it is encoded back with GB18030 and € as 0x80.
_MISREADINGS = (("gbk", "utf-8"), ("cp1252", "utf-8"), ("latin-1", "utf-8"), ("cp1252", "gb18030"), ("latin-1", "gb18030"), ("big5", "utf-8"))


def _encode_as(text: str, codec: str, errors: str = "strict") -> bytes:
    """The bytes ``text`` was decoded from if it was decoded with ``codec`` (see above)."""
    if codec == "gbk":
        return b"\x80".join(part.encode("gb18030", errors) for part in text.split("€"))
    if codec == "cp1252" and re.search("[\x81\x8d\x8f\x90\x9d]", text):
        # (the five bytes Windows-1252 leaves undefined come through as the C1 controls of the same number, as
        # Windows and browsers decode them: 讲话 → è®²è¯\x9d)
        return b"".join(bytes([ord(c)]) if c in "\x81\x8d\x8f\x90\x9d" else c.encode("cp1252", errors) for c in text)
    return text.encode(codec, errors)


_PUNCTUATION = frozenset("，。、；：？！“”‘’（）《》【】〔〕—…·「」『』％")


def _goodness(text: str) -> float:
    """Share of the non-ASCII, non-blank characters that are frequent Han or common punctuation."""
    chars = [c for c in text if ord(c) > 127 and not c.isspace()]
    if not chars:
        return 0.0
    frequent = frequent_chars()
    return sum(c in frequent or c in _PUNCTUATION for c in chars) / len(chars)


def repair_mojibake(line: str) -> tuple[str, str]:
    """Undo a wrong decoding when the round trip is exact.

    ``"工作报告".encode("utf-8").decode("gbk")`` gives 宸ヤ綔鎶ュ憡; re-encoding that with GBK
    and decoding as UTF-8 gives 工作报告 back. A reading is taken only when it is exact (no
    byte lost or replaced), reads as ordinary text (:func:`_goodness` at least 0.9) and
    reads better than the line as it is (mojibake is made of real characters, many of them
    frequent ones, so the line as it is may read fairly well too).

    Returns:
        ``(text, how)``: the repaired line and e.g. ``"utf-8 read as gbk"``, or the line
        unchanged and ``""``.
    """
    if line.isascii():
        return line, ""
    best = (-1.0, line, "")
    for wrong, right in _MISREADINGS:
        try:
            fixed = _encode_as(line, wrong).decode(right)
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if best[0] < 0:
            best = (_goodness(line), line, "")
        score = _goodness(fixed)
        if fixed != line and score >= 0.9 and score > best[0]:
            best = (score, fixed, f"{right} read as {wrong}")
    return best[1], best[2]


GARBLED_SHARE = 0.4  # ordinary text stays under 0.15 (even traditional text with pinyin)
GARBLED_MIN_CHARS = 4


def garbled(text: str, lost_chars: int = 0) -> str:
    """Why ``text`` reads as garbled, or ``""`` for ordinary text.

    Garbled is text decoded with a wrong codec and not repairable by :func:`repair_mojibake`
    (bytes were lost on the way, so the round trip is not exact). It shows in two ways:

    * a lossy re-reading (lost bytes replaced) gives ordinary text: at most a third of its
      non-ASCII characters are replacement marks and the rest read better than the line as it
      is (ordinary text re-read that way gives almost nothing but replacement marks);
    * at least :data:`GARBLED_SHARE` of its Han-like characters are rare ones, kana or U+FFFD
      (``lost_chars``, the characters of ``?`` runs standing for lost ones, count as such).
    """
    if text.isascii():
        return ""
    before = None
    for wrong, right in _MISREADINGS:
        data = _encode_as(text, wrong, "replace")
        try:
            lossy = data.decode(right)
        except UnicodeDecodeError as err:
            if data[: err.start].isascii():
                continue  # nothing but ASCII reads right before the first error: not this misreading
            lossy = data.decode(right, errors="replace")
        n_wide = len(lossy) - len(lossy.encode("ascii", errors="ignore"))
        n_lost = lossy.count("\ufffd")
        if n_wide - n_lost >= 2 and n_lost <= n_wide / 3:
            after = _goodness(lossy.replace("\ufffd", ""))
            before = _goodness(text) if before is None else before
            if after >= 0.9 and after > before:
                return f"garbled: {right} read as {wrong} with bytes lost (not repairable exactly)"
    n, share = garbled_share(text)
    n, share = n + lost_chars, (share * n + lost_chars) / (n + lost_chars) if n + lost_chars else 0.0
    if n >= GARBLED_MIN_CHARS and share >= GARBLED_SHARE:
        return f"garbled: {share:.0%} of {n} characters are rare, kana, replacement marks or lost"
    return ""


# What a web page starts with (the WHATWG MIME Sniffing Standard's HTML patterns, §7.1, and
# an XHTML page's XML declaration), after any white space: a page saved with the wrong
# extension (a .txt, or a server's .jsp or .asp) is still read as a page.
_WHOLE_PAGE = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)
_PAGE_PART = re.compile(r"\s*(?:<(?:head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p)[\s>]|<!--)", re.IGNORECASE)
_CLOSING_TAG = re.compile(r"</[a-zA-Z][a-zA-Z0-9]*\s*>")
SNIFF_BYTES = 4096  # how much of a file of unknown type is read to tell whether it is a web page


def looks_like_html(text: str) -> bool:
    """Whether ``text`` (a decoded file, or its start) begins as a web page, or a part of one, does."""
    head = text[:SNIFF_BYTES]
    return _WHOLE_PAGE.match(head) is not None or _PAGE_PART.match(head) is not None


def _page_in_text_file(text: str) -> bool:
    """Whether a text file holds a web page: it opens as a whole page does (a doctype or
    ``<html>``), or as a page's part does and goes on in markup (at least three closing tags
    in its first 64 KB), so a text that merely opens with ``<title>…</title>`` stays text."""
    return _WHOLE_PAGE.match(text[:SNIFF_BYTES]) is not None or (looks_like_html(text) and len(_CLOSING_TAG.findall(text[:65536])) >= 3)


def sniff_page(head: bytes) -> bool:
    """Whether the first bytes of a file of unknown type are the start of a web page. The
    patterns are ASCII, so any ASCII-compatible encoding (UTF-8, GBK, Big5 …) is read byte
    for byte; UTF-16 (with or without a byte-order mark) is decoded; a character cut at the
    end of ``head`` does not matter."""
    head = head.removeprefix(b"\xef\xbb\xbf")
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return looks_like_html(_utf16(head[2:], codec))
    if b"\x00" in head[:256]:  # UTF-16 without a mark: its ASCII has a NUL beside every byte
        return any(looks_like_html(_utf16(head, codec)) for codec in ("utf-16-le", "utf-16-be"))
    return looks_like_html(head.decode("latin-1"))


def _utf16(data: bytes, codec: str) -> str:
    return data[: len(data) // 2 * 2].decode(codec, errors="ignore")


def read_text(data: bytes, path: Path) -> RawText:
    """A plain-text file; Markdown markup (a ``.md`` file, or a text file with at least
    ``MARKDOWN_MIN_LINES`` lines of it) is removed line by line, so line numbers hold. A text
    file (not ``.md``) that holds a web page (:func:`_page_in_text_file`) is read as one
    (:func:`read_html`; its line numbers are then those of the extracted text), unless no
    main text can be extracted from it."""
    text, encoding = decode(data)
    if path.suffix.lower() != ".md" and _page_in_text_file(text):
        try:
            return _as_page(data, path)
        except ReadError:
            pass  # read as the text it is
    bad = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\r\n\t\f\v")
    if bad > 0.01 * min(len(text), 20000):
        raise ReadError(f"binary file ({bad} control characters after decoding as {encoding})")
    lines = tab_tables(split_lines(text))
    if path.suffix.lower() == ".md" or sum(1 for line in lines if _MD_SIGNAL.search(line)) >= MARKDOWN_MIN_LINES:
        return RawText([strip_markdown(line) for line in lines], f"{encoding} (Markdown)")
    return RawText(lines, encoding)


# a list number alone in the first cell, before one filled cell (一、\t总体要求, 1.\t\t…, （三）\t…): a list item set
# off by tabs, not a table's first column (序号: 1\t项目名称\t48.6\t12.0)
_LIST_MARK = re.compile(r"[(（]?(?:[一二三四五六七八九十]+|\d{1,2})[)）]?[、.．]?|[①-⑳]")
# a cell that is a field of a header or a signature (发文时间：, 来源：衡东县…) or a date: such lines are fields, not rows
_FIELD_CELL = re.compile(r"^[^：:]{1,8}[：:]|^\s*(19|20)\d{2}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?\s*$")
# a number in a cell (8650, 12.5%, 3.2万亿元, ＋5%): what tables hold and verse and header fields do not
_NUMBER_CELL = re.compile(r"^[约近超]?[-+＋－]?\d[\d,.，．]*\s*(%|％|[万亿千百]*[个项家户人元吨亩米公里台套座所]*)?$")


def tab_tables(lines: list[str]) -> list[str]:
    """A table pasted from Word or Excel as tab-separated lines, written as the readers write a
    table's rows (``| a | b |``), so the table rule sees them (logged ``table``, not run into
    the text around them): two or more lines in a row with the same number (two or more) of
    tab-separated cells, at least two of them filled, none a list number alone before one cell, a header
    field (``发文时间：``) or a date; and a table by its content: a cell holding a number,
    or three columns and three rows (a couplet or a poem set in two columns is none). One
    line per line, so line numbers hold."""
    cells = []
    for line in lines:
        row = [c.strip(" \u3000") for c in line.strip().split("\t")] if "\t" in line.strip() else []
        ok = (len(row) >= 2 and sum(1 for c in row if c) >= 2 and not (_LIST_MARK.fullmatch(row[0]) and sum(1 for c in row[1:] if c) == 1)
              and not any(_FIELD_CELL.match(c) for c in row))
        cells.append(row if ok else None)
    out = list(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and cells[j] is not None and len(cells[j]) == len(cells[i] or ()):
            j += 1
        run = cells[i:j]
        numbers = any(_NUMBER_CELL.match(c) for row in run for c in row)
        if len(run) >= 2 and (numbers or len(run) >= 3 and len(run[0]) >= 3):
            for k in range(i, j):
                out[k] = "| " + " | ".join(c.replace("|", "\\|") for c in cells[k]) + " |"
        i = max(j, i + 1)
    return out


# ----------------------------------------------------------------------------- Markdown

MARKDOWN_MIN_LINES = 2
# What only Markdown writes: an ATX heading, bold, a link or an image.
# Bold never opens on punctuation nor closes after a comma: 王**、李**等人 masks names; nor
# opens on a form of address: 王**同志主持，李**同志讲话 masks them too.
_MASKED_NAME_NEXT = r"(?!同志|先生|女士|等)"
_MD_SIGNAL = re.compile(r"^\s{0,3}#{1,6}\s+\S|(?<!\*)\*{2,3}" + _MASKED_NAME_NEXT + r"[^*\s、，。；：,.;:](?:[^*]{0,80}[^*\s、，,])?\*{2,3}(?!\*)|!?\[[^\]]+\]\((https?://|/|\.)[^)]*\)")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_MD_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]^]+\]:\s*<?(https?://|www\.|/|\./)\S*(\s+[\"'(].*)?$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(\s+#+)?\s*$")
_MD_QUOTE = re.compile(r"^\s{0,3}(>\s?)+")
_MD_BULLET = re.compile(r"^(\s*)[-*+]\s+(?=\S)")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\((?:[^()\s]|\([^)]*\))*(\s+\"[^\"]*\")?\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*(\s+\"[^\"]*\")?\)")
# bold-italic (***…***), bold and italic marks and code ticks; ~ is left alone (1~3 is a range in Chinese text)
_MD_EMPHASIS = re.compile(
    r"(?<![*_])(?P<mark>\*\*\*|___|\*\*|__)" + _MASKED_NAME_NEXT + r"(?=[^\s*_、，。；：,.;:])(?P<strong>.+?)(?<=[^\s*_、，,])(?P=mark)(?![*_])"
    r"|(?<![A-Za-z0-9*])\*(?=[^\s*])(?P<em>[^*]+?)(?<=\S)\*(?![A-Za-z0-9*])|`(?P<code>[^`]+)`"
)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def strip_markdown(line: str) -> str:
    """One line of Markdown as the text a reader sees: heading marks, quote marks, bullets,
    bold/italic/code marks and rules removed, a link as its text, an image as nothing.
    A table row (``| a | b |``) is left to the table rule."""
    if _MD_RULE.match(line) or _MD_LINK_DEF.match(line):
        return ""
    m = _MD_HEADING.match(line)
    if m:
        line = m.group(1)
    line = _MD_QUOTE.sub("", line)
    line = _MD_BULLET.sub(r"\1", line)
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_EMPHASIS.sub(lambda m: m["strong"] or m["em"] or m["code"], line)
    return _MD_ESCAPE.sub(r"\1", line)


# ----------------------------------------------------------------------------- HTML


# htmldate's settings for a page's date. trafilatura's default caps dates at today, so a page
# dated after the day of the run would lose its date and regain it on a later run: a fixed cap
# keeps ingest a function of the files. Without a cap at today, htmldate's extensive search
# would take dates from the body (…2035年远景目标 → 2035-01-01), so it is off: the page's
# markup (meta tags, time elements, URL) dates it, and ingest's own passes read the text.
HTML_DATES = {"original_date": True, "extensive_search": False, "max_date": "2099-12-31"}


LAYOUT_CELL_CHARS = 200  # a table row longer than this holds running text: the table is the page's layout


# a WeChat article's posting time, which its page writes only into a script for the browser to show
# (var publish_time = "2024-03-19" || "";  var ct = "1710806700";)
_WECHAT_PUBLISH = re.compile(r"""var\s+publish_time\s*=\s*["']((?:19|20)\d{2}-\d{2}-\d{2})["']""")
_WECHAT_CT = re.compile(r"""var\s+ct\s*=\s*["'](\d{10})["']""")


def wechat_posted(html: str) -> str:
    """``YYYY-MM-DD`` a WeChat page's script says it was posted (its ``publish_time``, else its
    ``ct`` timestamp, read in China's time, UTC+8), or ``""``."""
    if m := _WECHAT_PUBLISH.search(html):
        return m.group(1)
    if m := _WECHAT_CT.search(html):
        return dt.datetime.fromtimestamp(int(m.group(1)), dt.timezone(dt.timedelta(hours=8))).date().isoformat()
    return ""


def read_html(data: bytes, path: Path) -> RawText:
    """Main text of a web page (navigation, footers and scripts removed) with trafilatura;
    data tables as rows of cells (``| a | b |``), layout tables as the text they hold.

    Line numbers refer to lines of the extracted text, not of the HTML source.
    """
    import trafilatura

    try:
        html, encoding = decode(data)
    except ReadError:
        raise
    # trafilatura drops <label> elements with forms; an open-government page keys its table of
    # particulars with them (<li><label>索引号：</label>0086…</li>): keep their text
    body = _LABEL_TAG.sub("", html)
    text = trafilatura.extract(body, include_comments=False, include_tables=True, favor_recall=True)
    if _laid_out(text):
        # A page laid out with tables (older government sites) holds most of its text in
        # cells, which table rows would flatten into lines: read it as text instead, and where
        # the text is still one cell (a whole speech in a <td>, its lines broken by <br>), with
        # the layout's tables read as blocks
        text = trafilatura.extract(body, include_comments=False, include_tables=False, favor_recall=True) or text
        if _laid_out(text):
            text = trafilatura.extract(_LAYOUT_TAG.sub(r"<\1div>", body), include_comments=False, include_tables=False, favor_recall=True) or text
    if not text or not text.strip():
        raise ReadError("HTML page without extractable main text")
    meta = {}
    md = trafilatura.extract_metadata(html, date_config=HTML_DATES)
    if md is not None:
        for key in ("title", "author", "date"):
            value = getattr(md, key, None)
            if value:
                meta[key] = str(value)
    if "date" not in meta and (posted := wechat_posted(html)):
        meta["date"] = posted
    headings = page_headings(html)
    if headings:
        meta["headings"] = "\n".join(headings)  # the page's <h1>–<h3>: a headline the <title> may lack (ingest.reader_title)
    # trafilatura writes a list item as "- item": its mark, not the page's text
    lines = [_ITEM_MARK.sub("", line) for line in split_lines(text)]
    page = page_lines(html)
    dropped = left_out(page, text, meta.get("title", ""), headings)
    if _prose(dropped) >= _MIN_PROSE and not any(re.search("[。！？]", line) for line in lines):
        # the extraction kept the furniture and left the text out (a forum's posts, with their members' ranks and
        # buttons kept; not one sentence kept): the page's visible lines are read instead, and ingest tells text
        # from furniture
        return RawText(page, f"html ({encoding})", meta, [])
    return RawText(lines, f"html ({encoding})", meta, dropped)


_MIN_PROSE = 200  # characters of sentences the extraction must not leave out for nothing


def _prose(lines: list[str]) -> int:
    """Characters in lines that hold a sentence (40 characters or more, with a 。)."""
    return sum(len(line) for line in lines if len(line) >= 40 and "。" in line)


_ITEM_MARK = re.compile(r"^- (?=\S)")
_LAYOUT_TAG = re.compile(r"<(/?)(?:table|tbody|thead|tfoot|tr|td|th)\b[^>]*>", re.I)


def _laid_out(text: str | None) -> bool:
    """Whether most of an extraction is table rows with a long cell (:data:`LAYOUT_CELL_CHARS`):
    a page laid out with tables, read as data."""
    long_rows = sum(len(line) for line in (text or "").splitlines() if line.startswith("|") and len(line) > LAYOUT_CELL_CHARS)
    return long_rows > 0.5 * len(text or "")
_LABEL_TAG = re.compile(r"</?label\b[^>]*>", re.I)
# Elements that start a new line of a page's visible text.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption dd details div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr legend li main nav ol option p pre section select summary table tbody td tfoot th "
    "thead tr ul".split()
)
_INVISIBLE = "//script|//style|//noscript|//template|//head|//iframe|//object|//svg"


def page_lines(html: str) -> list[str]:
    """A web page's visible text (no scripts, styles or head) as lines, one per block element
    (paragraph, cell, list item, ``<br>``), whitespace collapsed, blank lines left out."""
    root = _visible(html)
    if root is None:
        return []
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.text = "\u2029" + (el.text or "")  # a paragraph separator: the source's own line breaks are spaces
            el.tail = "\u2029" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\u2029"))
    return [line for line in lines if line]


def page_headings(html: str) -> list[str]:
    """The visible text of a web page's ``<h1>`` to ``<h3>`` elements, in page order, whitespace
    collapsed; a page with none, the first block an old table layout sets as its headline (of 8–80
    characters, its whole text one bold or enlarged run: ``<td><font size="4"><b>我县召开…推进会</b></font></td>``;
    not the bold subheadings of the text below it)."""
    root = _visible(html)
    if root is None:
        return []
    found = [text for el in root.iter("h1", "h2", "h3") if (text := " ".join(el.text_content().split()))]
    if found:
        return found
    for el in root.iter("td", "div", "p"):
        text = " ".join(el.text_content().split())
        if 8 <= len(text) <= 80 and _emphasised(el, text):
            return [text]
    return []


def _emphasised(el, text: str) -> bool:
    """A block whose only content is one ``<b>``/``<strong>``/``<font>`` run (nested ones allowed), holding all its text."""
    children = [c for c in el if isinstance(c.tag, str)]
    if len(children) != 1 or (el.text or "").strip() or (children[0].tail or "").strip():
        return False
    child = children[0]
    while child.tag in ("font", "span") and len([c for c in child if isinstance(c.tag, str)]) == 1 and not (child.text or "").strip():
        if child.tag == "font" and child.get("size"):
            break
        child = next(c for c in child if isinstance(c.tag, str))
    return child.tag in ("b", "strong") or child.tag == "font" and bool(child.get("size")) and " ".join(child.text_content().split()) == text


def _visible(html: str):
    """A web page parsed by lxml without what is never shown (scripts, styles, head), or None."""
    from lxml import etree
    from lxml import html as lxml_html

    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)  # lxml refuses a str with an encoding declaration
    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    for el in root.xpath(_INVISIBLE):
        el.drop_tree()
    return root


def left_out(page: list[str], extracted: str, title: str = "", headings: list[str] | tuple[str, ...] = ()) -> list[str]:
    """The lines of ``page`` (see :func:`page_lines`) whose text is nowhere in ``extracted``
    (whitespace ignored): what the main-text extraction left out, in page order. The page's
    ``title`` (its heading, which the extraction gives as metadata), or a part of it (the
    headline of ``…推进会-呼兰区人民政府``), and its ``headings`` (``<h1>``–``<h3>``) count as kept
    only as a line of their own, not inside one (兰考县召开…分析会 in 10月19日下午，兰考县召开…分析会，…)."""
    squeeze = re.compile(r"\s+")
    # the title and each of its parts (a <title> joins the headline to the site's name: …推进会-呼兰区人民政府)
    titles = {squeeze.sub("", part) for part in (title, *_TITLE_JOINS.split(title), *headings)} - {""}
    kept = squeeze.sub("", extracted)
    # extracted lines as trafilatura writes them: list items after "- ", table rows as "| a | b |"
    lines = [re.sub(r"^\s*([-*•]|#+)\s+", "", line) for line in extracted.splitlines()]
    kept_lines = {squeeze.sub("", part) for line in lines for part in (line, *line.strip("| ").split(" | "))}
    kept_words = {word for line in lines for word in line.split() if word != "|"}
    out = []
    for line in page:
        key = squeeze.sub("", line)
        # a short line (首页, 打印) only by itself or as a word of a kept line (a cell's part):
        # inside a longer word it is another word
        if key in kept_lines or all(word in kept_words for word in line.split()) or len(key) >= _INLINE_MIN_CHARS and key in kept and key not in titles:
            continue
        out.append(line)
    return out


_INLINE_MIN_CHARS = 8  # a page line at least this long counts as kept when it is inside the extracted text
# what a page's <title> joins its parts with (as pipeline.ingest reads them; not ——, a subtitle's dash)
_TITLE_JOINS = re.compile(r"[_|｜»]|>{2,}|＞{2,}|::|：：|(?<!\d)-{1,2}(?!\d)")


# ----------------------------------------------------------------------------- Word


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIPPED_RUNS = {_W + "del", _W + "moveFrom", _W + "instrText", _W + "delText", _W + "pPr", _W + "rPr", _MC_FALLBACK}


def read_docx(data: bytes, path: Path) -> RawText:
    """Paragraphs and tables of a .docx in document order, a paragraph per line (a manual line
    break inside it starts a new line) and a table row per line (``| a | b |``, a merged cell
    once, a ``|`` inside a cell written ``\\|``); a table that lays out text (a cell of several
    paragraphs or over ``LAYOUT_CELL_CHARS`` characters) gives its cells' paragraphs as lines.

    Text is read wherever Word keeps it: in content controls, smart tags, hyperlinks, fields
    and tracked insertions (not tracked deletions), automatic list numbers (一、, （一）, 1.)
    written before their paragraph, a text box's paragraphs after the paragraph it is anchored
    in, and footnotes and endnotes after the body. Page headers and footers are returned as
    ``left_out``: they are furniture, logged rather than read.
    """
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table

    try:
        doc = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(f"corrupt .docx (not a readable Word file: {exc.__class__.__name__}: {exc})") from None
    except Exception as exc:  # python-docx raises several library-specific errors
        raise ReadError(f"corrupt .docx ({exc.__class__.__name__}: {exc})") from None
    numbers = _ListNumbers(doc)
    lines: list[str] = []

    def blocks(parent) -> None:
        for block in parent.iterchildren():
            if block.tag == qn("w:p"):
                text, boxes = _paragraph_text(block)
                lines.extend((numbers.label(block) + text).split("\n"))
                for box in boxes:
                    blocks(box)
            elif block.tag == qn("w:tbl"):
                lines.extend(_table_lines(Table(block, doc), numbers))
            elif _placeholder(block):
                continue  # a content control still showing its placeholder (单击或点击此处输入文字。)
            elif block.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
                blocks(block)

    blocks(doc.element.body)
    left_out: list[str] = []
    for part in doc.part.package.iter_parts():
        name = str(part.partname)
        if re.fullmatch(r"/word/(footnotes|endnotes)\.xml", name):
            root = _xml(part.blob)
            for note in root:
                if note.get(_W + "type") in (None, "normal"):
                    lines.extend(line for p in note.iter(_W + "p") for line in _paragraph_text(p)[0].split("\n") if line.strip())
        elif re.fullmatch(r"/word/(header|footer)\d*\.xml", name):
            root = _xml(part.blob)
            left_out.extend(line for p in root.iter(_W + "p") for line in _paragraph_text(p)[0].split("\n") if line.strip())
    meta = {}
    props = doc.core_properties
    if props.title:
        meta["title"] = props.title
    if props.author:
        meta["author"] = props.author
    return RawText(lines, "docx", meta, list(dict.fromkeys(left_out)))


def _xml(blob: bytes):
    from lxml import etree

    return etree.fromstring(blob, etree.XMLParser(resolve_entities=False, no_network=True))


def _placeholder(el) -> bool:
    """A content control still showing its placeholder (单击或点击此处输入文字。)."""
    if el.tag != _W + "sdt":
        return False
    shown = el.find(f"{_W}sdtPr/{_W}showingPlcHdr")
    return shown is not None and shown.get(_W + "val", "true").lower() not in ("0", "false", "off")


def _paragraph_text(p) -> tuple[str, list]:
    """The text of a ``w:p`` element (manual line breaks as ``\\n``) and its text boxes'
    ``w:txbxContent`` elements, read for themselves (a drawing's VML fallback copy is skipped)."""
    parts: list[str] = []
    boxes: list = []

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED_RUNS or _placeholder(child):
                continue
            if tag == _W + "txbxContent":
                boxes.append(child)
            elif tag == _W + "t":
                parts.append(child.text or "")
            elif tag == _W + "tab":
                parts.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                parts.append("\n" if child.get(_W + "type") in (None, "textWrapping") else "")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
            else:
                walk(child)

    walk(p)
    return "".join(parts), boxes


def _int(value: str | None, default: int) -> int:
    """A number attribute of Word's XML; a missing or malformed one (``w:val=""``) reads as
    Word's default rather than stopping the file."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class _ListNumbers:
    """The numbers Word writes before list paragraphs (``w:numPr`` on the paragraph or its
    style): per list and level a counter, in the level's format (一, 1, ①, 壹…) and text
    (``%1、``, ``（%1）``); a level restarts when a level above it moves on. Bullets give no
    label."""

    _FORMATS = {
        "decimal": str, "decimalZero": lambda n: f"{n:02d}",
        "chineseCounting": lambda n: _chinese_counting(n), "chineseCountingThousand": lambda n: _chinese_number(n),
        "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10], "taiwaneseCounting": lambda n: _chinese_number(n),
        "japaneseCounting": lambda n: _chinese_number(n), "ideographDigital": lambda n: _digit_by_digit(n, "〇"),
        "chineseLegalSimplified": lambda n: _chinese_number(n, "零壹贰叁肆伍陆柒捌玖", "拾佰仟", "零"),
        "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
        "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
        "decimalEnclosedParen": lambda n: chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})",
        "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
        "lowerLetter": lambda n: chr(ord("a") + (n - 1) % 26), "upperLetter": lambda n: chr(ord("A") + (n - 1) % 26),
        "lowerRoman": lambda n: _roman(n).lower(), "upperRoman": lambda n: _roman(n),
    }

    def __init__(self, doc):
        self._levels: dict[str, dict[int, tuple[str, str, int, str]]] = {}  # numId -> ilvl -> (format, text, start, suffix)
        self._style_num: dict[str, tuple[str, int]] = {}
        self._counts: dict[str, dict[int, int]] = {}
        try:
            numbering = doc.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for a in numbering.iter(_W + "abstractNum"):
            levels = {}
            for lvl in a.iter(_W + "lvl"):
                fmt, text, start, suff = lvl.find(_W + "numFmt"), lvl.find(_W + "lvlText"), lvl.find(_W + "start"), lvl.find(_W + "suff")
                levels[_int(lvl.get(_W + "ilvl"), 0)] = (
                    fmt.get(_W + "val", "decimal") if fmt is not None else "decimal",
                    text.get(_W + "val", "") if text is not None else "",
                    _int(start.get(_W + "val"), 1) if start is not None else 1,
                    "" if suff is not None and suff.get(_W + "val") == "nothing" else " ",  # Word's default: a tab
                )
            abstract[a.get(_W + "abstractNumId")] = levels
        self._abstract_of: dict[str, str] = {}
        self._start_override: dict[tuple[str, int], int] = {}
        for num in numbering.iter(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            if ref is not None and ref.get(_W + "val") in abstract:
                num_id = num.get(_W + "numId")
                self._levels[num_id] = abstract[ref.get(_W + "val")]
                self._abstract_of[num_id] = ref.get(_W + "val")
                for override in num.iter(_W + "lvlOverride"):
                    start = override.find(_W + "startOverride")
                    if start is not None:
                        self._start_override[(num_id, _int(override.get(_W + "ilvl"), 0))] = _int(start.get(_W + "val"), 1)
        for style in doc.styles.element.iter(_W + "style"):
            found = self._num_pr(style.find(_W + "pPr"))
            if found:
                self._style_num[style.get(_W + "styleId")] = found
        self._based_on = {st.get(_W + "styleId"): st.find(_W + "basedOn").get(_W + "val")
                          for st in doc.styles.element.iter(_W + "style") if st.find(_W + "basedOn") is not None}

    @staticmethod
    def _num_pr(ppr) -> tuple[str, int] | None:
        num_pr = ppr.find(_W + "numPr") if ppr is not None else None
        if num_pr is None:
            return None
        num_id, ilvl = num_pr.find(_W + "numId"), num_pr.find(_W + "ilvl")
        if num_id is None:
            return None
        return num_id.get(_W + "val"), _int(ilvl.get(_W + "val"), 0) if ilvl is not None else 0

    def label(self, p) -> str:
        if not self._levels:
            return ""
        ppr = p.find(_W + "pPr")
        found = self._num_pr(ppr)
        if found is None and ppr is not None and ppr.find(_W + "pStyle") is not None:
            style, seen = ppr.find(_W + "pStyle").get(_W + "val"), set()
            while style and style not in seen and found is None:
                seen.add(style)
                found = self._style_num.get(style)
                style = self._based_on.get(style)
        if found is None or found[0] not in self._levels:
            return ""  # numId 0 (numbering removed) or unknown
        mark = ppr.find(f"{_W}rPr") if ppr is not None else None
        if mark is not None and (mark.find(_W + "del") is not None or mark.find(_W + "moveFrom") is not None):
            return ""  # a paragraph deleted (or moved away) in tracked changes takes no number
        num_id, ilvl = found
        levels = self._levels[num_id]
        if ilvl not in levels or levels[ilvl][0] in ("bullet", "none"):
            return ""
        # lists of one abstract definition count on together (Word), unless a start is overridden
        key = num_id if (num_id, ilvl) in self._start_override else self._abstract_of[num_id]
        start = self._start_override.get((num_id, ilvl), levels[ilvl][2])
        counts = self._counts.setdefault(key, {})
        counts[ilvl] = counts.get(ilvl, start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        text = levels[ilvl][1]
        for k in range(9):
            if f"%{k + 1}" in text:
                fmt, _, first, _ = levels.get(k, ("decimal", "", 1, ""))
                n = counts.get(k, first)
                text = text.replace(f"%{k + 1}", self._FORMATS.get(fmt, str)(n))
        # Word sets the number off with a tab: a space here where the number would run into the
        # text (1. 2023年…, not 1.2023年…), none after 、 or ）
        return text + (levels[ilvl][3] if text[-1:].isascii() and text[-1:].isalnum() or text.endswith(".") else "") if text else ""


def _chinese_number(n: int, digits: str = "零一二三四五六七八九", units: str = "十百千", zero: str = "〇") -> str:
    """``n`` in Chinese numerals as Word numbers a ``chineseCountingThousand`` list (after
    Microsoft's Open-XML-PowerTools, which emulates Word): 十一, 一百〇三, 一千〇一十; 10–19
    start with 十. From 10,000 on, and below 0, Arabic digits."""
    if not 0 <= n < 10**4:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 20:
        return units[0] + (digits[n % 10] if n % 10 else "")
    out, gap = "", False
    for power in (3, 2, 1, 0):
        d = n // 10**power % 10
        if d:
            out += (zero if gap and out else "") + digits[d] + (units[power - 1] if power else "")
        gap = not d
    return out


def _chinese_counting(n: int) -> str:
    """Word's ``chineseCounting``: as :func:`_chinese_number` up to 99, then digit by digit
    (一○三, 一○一○) up to 9,999, then Arabic digits."""
    if 100 <= n < 10**4:
        return _digit_by_digit(n, "○")
    return _chinese_number(n)


def _digit_by_digit(n: int, zero: str) -> str:
    """``n``'s digits as Chinese numerals, one by one (一○三), with ``zero`` for 0."""
    return "".join((zero + "一二三四五六七八九")[int(d)] for d in str(n))


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def _cell_paragraphs(tc, numbers: "_ListNumbers") -> list[str]:
    """The paragraphs of a table cell as text, in order: its own, those of content controls
    and nested tables in it, and its text boxes' after the paragraph they are anchored in."""
    out = []
    for p in tc.iter(_W + "p"):
        if any(a.tag == _W + "txbxContent" or _placeholder(a) for a in p.iterancestors()):
            continue  # read with the paragraph it is anchored in; or a placeholder's text
        text, boxes = _paragraph_text(p)
        out.append(numbers.label(p) + text)
        out += [_paragraph_text(q)[0] for box in boxes for q in box.iter(_W + "p")]
    return out


def _table_lines(table, numbers: "_ListNumbers") -> list[str]:
    rows = [[cell for n, cell in enumerate(row.cells) if n == 0 or cell._tc is not row.cells[n - 1]._tc] for row in table.rows]
    # a cell merged down several rows is read once, in its first row (its text, and its list
    # numbers, would otherwise count once per row); the rows below get an empty cell
    seen: set[int] = set()
    texts = []
    for row in rows:
        texts.append([[] if id(cell._tc) in seen else _cell_paragraphs(cell._tc, numbers) for cell in row])
        seen.update(id(cell._tc) for cell in row)
    layout = any(len([t for t in cell if t.strip()]) > 1 or len("\n".join(cell)) > LAYOUT_CELL_CHARS for row in texts for cell in row)
    if layout:
        return [line for row in texts for cell in row for t in cell for line in t.split("\n")]
    return ["| " + " | ".join(" ".join("\n".join(c).split()).replace("|", "\\|") for c in row) + " |" for row in texts]


READERS: dict[str, Callable[[bytes, Path], RawText]] = {
    ".txt": read_text,
    ".md": read_text,
    ".text": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".shtml": read_html,  # server-side includes: many government sites' pages
    ".xhtml": read_html,
    ".docx": read_docx,
}


# What to do with the formats government sites also publish in, which are not read.
_SAVE_AS_DOCX = "save it as .docx: in Word or WPS, Save As; or `soffice --headless --convert-to docx` (LibreOffice)"
CONVERT = {
    ".doc": _SAVE_AS_DOCX, ".wps": _SAVE_AS_DOCX, ".rtf": _SAVE_AS_DOCX, ".odt": _SAVE_AS_DOCX,
    ".pdf": "extract its text to .txt first, e.g. `pdftotext -layout` (poppler-utils); a scan needs OCR",
}


def _head(path: Path, n: int) -> bytes:
    with path.open("rb") as f:
        return f.read(n)


def _as_page(data: bytes, path: Path) -> RawText:
    """A file of another type read as the web page it holds; its encoding says so."""
    page = read_html(data, path)
    return replace(page, encoding=f"{page.encoding}, a {path.suffix or 'file without extension'} holding a web page")


def read_file(path: Path, max_bytes: int, data: bytes | None = None) -> RawText:
    """Read one file with the reader for its extension (``data``: its bytes, already read);
    a file of another extension, or none, is read as a web page if it starts as one
    (:func:`sniff_page`).

    Raises:
        ReadError: not a regular file, unknown type, too large, empty, binary, undecodable or corrupt.
    """
    try:
        st = path.stat()
    except OSError as exc:
        raise ReadError(f"cannot read it: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise ReadError("not a regular file (a pipe, socket or device)")
    size = st.st_size
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        # a page a crawler saved under its address (.jsp, .asp, .php, no extension) is read as a page
        if size == 0 or not sniff_page(data[:SNIFF_BYTES] if data is not None else _head(path, SNIFF_BYTES)):
            readable = f"readable: {', '.join(sorted(READERS))}, or a web page under any name"
            hint = CONVERT.get(path.suffix.lower())
            if hint:
                raise ReadError(f"unsupported file type {path.suffix!r}: {hint} ({readable})")
            raise ReadError(f"unknown file type {path.suffix or '(no extension)'!r}; {readable}")
        reader = _as_page
    if size > max_bytes:
        raise ReadError(
            f"file too large: {size / 2**20:.1f} MB > ingest.max_file_mb = {max_bytes / 2**20:g} MB "
            "(split it, or raise ingest.max_file_mb)"
        )
    if size == 0:
        raise ReadError("empty file")
    return reader(path.read_bytes() if data is None else data, path)

"""Line-level cleaning and paragraph cutting for Chinese government texts.

Pure functions on strings: :func:`clean_line` normalises a line, :func:`classify_line`
tells site furniture, bylines and headings from body text, :func:`split_sentences` and
:func:`chunk` cut long lines into paragraphs of bounded length at sentence ends.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# ----------------------------------------------------------------------------- cleaning

_SPACES = re.compile(r"[\s\u3000\u00a0\u2002-\u200b\ufeff]+")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
# A Latin syllable in brackets right after a character: 領(lǐng), 續(xù), 创(chuang4). (Not
# only after Han characters: a garbled character before the reading is still followed by it.)
_PINYIN = re.compile(rf"(?<=\S)\s?[(（]\s*([a-zA-Z{_TONED}]{{1,8}}[1-5]?)\s*[)）]")


def strip_pinyin(text: str) -> tuple[str, int]:
    """Remove pinyin readings in brackets after Han characters; return text and count.

    Only syllables with a tone mark or tone digit count, so ``(GDP)`` or ``(App)`` stay.
    """
    count = 0

    def repl(m: re.Match) -> str:
        nonlocal count
        syl = m.group(1)
        if any(c in _TONED for c in syl) or syl[-1].isdigit():
            count += 1
            return ""
        return m.group(0)

    return _PINYIN.sub(repl, text), count


def clean_line(line: str) -> str:
    """Collapse every kind of blank to one space and strip the ends."""
    return _SPACES.sub(" ", line).strip()


# ----------------------------------------------------------------------------- line kinds

_SHORT = 200  # site furniture is never longer than this
BOILERPLATE = [
    ("navigation", re.compile(r"网站首页|网站地图|^首页\s*[>＞›»/]|[>＞›»]\s*正文\s*$|当前位置\s*[:：]|您现在的位置|^返回(首页|顶部)")),
    ("copyright", re.compile(r"(?i)copyright|©|版权所有|ICP\s*[备证]|公网安备|网站标识码|未经.{0,10}(授权|许可).{0,10}不得")),
    ("site owner", re.compile(r"^(主办单位|承办单位|协办单位|技术支[撑持]|运行维护|网站维护|联系我们|网站声明|主办\s*[:：])")),
    ("editor", re.compile(r"^[\[【(（]?\s*(责任编辑|编辑|责编|审核|审校|校对|初审|复审|终审|监制|值班编辑)\s*[:：]")),
    ("reprint note", re.compile(r"^[\[【(（]\s*(文章|本文)?据.{1,40}(转发|转载|编发|整理)|转发时有改动|转载请注明|^[\[【(（]\s*来源[:：].{0,40}[\]】)）]$")),
    ("share/print widget", re.compile(r"^[\[【]?\s*(分享到|分享|打印本页|打印|关闭窗口|关闭|字号|字体|大\s*中\s*小|扫一扫|收藏|返回顶部|上一篇|下一篇|相关链接|相关阅读)")),
]
_META_SOURCE = re.compile(r"^(信息来源|文章来源|稿件来源|来源|发布时间|发布日期|发稿时间|时间|日期)\s*[:：]")
_SOURCE_VALUE = re.compile(r"来源\s*[:：]\s*([^\s:：]+)")
_BYLINE = re.compile(r"^[(（]\s*(作者|文\s*/|本文作者)\s*(系|为|是|[:：/])?\s*(?P<who>.+?)[)）]\s*$")
_AUTHOR_LINE = re.compile(r"^(作者|文|撰文|文\s*/)\s*[:：/]\s*(?P<who>\S.{0,40})$")
_TITLED_NAME = re.compile(
    r"^(?P<office>\S{0,16}(省长|市长|县长|区长|州长|旗长|盟长|主席|书记|代省长|代市长|代县长))\s+(?P<who>[\u4e00-\u9fff·]{2,12})$"
)
_SURNAMES = set(
    "李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏"
    "钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文欧覃甘聂莫向"
)
_CLOSING = "。！？；!?;…”’」』"
_INLINE_HEADING = re.compile(r"^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[,，、])")
_HAN_OR_WORD = re.compile(r"[\u3400-\u9fff\w]")

DATE_PATTERNS = [
    re.compile(r"(?P<y>(19|20)\d{2})\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})"),
    re.compile(r"(?P<y>(19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
]
_YEAR_ONLY = re.compile(r"(?P<y>(19|20)\d{2})\s*年")


@dataclass(frozen=True)
class LineKind:
    """What a line is: ``body``, ``heading``, ``boilerplate``, ``metadata`` or ``blank``;
    ``reason`` names the rule, ``value`` carries what a metadata line says."""

    kind: str
    reason: str = ""
    value: str = ""


_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_CN_DATE = re.compile(r"(?P<y>[〇零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日")


def _cn_number(s: str) -> int:
    """一 → 1, 十二 → 12, 二十七 → 27, 三十一 → 31."""
    if "十" not in s:
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def find_date(text: str) -> str:
    """The first full date in ``text`` (2023-03-02, 2026年2月3日, 二〇二六年一月二十七日) as
    ``YYYY-MM-DD``, or ``""``."""
    best = None
    m = _CN_DATE.search(text)
    if m:
        y = int("".join(str(_CN_DIGITS[c]) for c in m.group("y")))
        mo, d = _cn_number(m.group("m")), _cn_number(m.group("d"))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            best = (m.start(), f"{y:04d}-{mo:02d}-{d:02d}")
    for pat in DATE_PATTERNS:
        for m in pat.finditer(text):
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
            if 1 <= mo <= 12 and 1 <= d <= 31 and (best is None or m.start() < best[0]):
                best = (m.start(), f"{y:04d}-{mo:02d}-{d:02d}")
            break
    return best[1] if best else ""


def find_year(text: str) -> str:
    m = _YEAR_ONLY.search(text)
    return m.group("y") if m else ""


# Only at the top or bottom of a page: inside a report, 主办单位：… names a project's owner.
_EDGE_ONLY = {"site owner"}
_DATELINE = re.compile(
    r"^[—\-－–]*\s*(19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.{0,100}(会议|大会|上|作|讲话|报告)"
)
_DATELINE_AUTHOR = re.compile(r"(省长|市长|县长|区长|州长|主席|书记)\s*(?P<who>[\u4e00-\u9fff·]{2,12}?)(同志)?(作|在|所作)")


def dateline(line: str) -> tuple[str, str] | None:
    """``(date, speaker)`` of a report's dateline (——2025年1月14日在…大会…会议上 省长某某作…),
    or None."""
    if len(line) > 160 or not _DATELINE.match(line):
        return None
    m = _DATELINE_AUTHOR.search(line)
    return find_date(line), (m.group("who") if m else "")


def classify_line(line: str, heading_max_chars: int, edge: bool = True) -> LineKind:
    """Classify one cleaned line on its own (the header zone is decided by the caller).

    ``edge`` says whether the line stands near the top or bottom of its file, where site
    owner lines (主办单位…) are furniture rather than content.
    """
    if not line:
        return LineKind("blank")
    if not _HAN_OR_WORD.search(line):
        return LineKind("boilerplate", "no text (punctuation or symbols only)")
    if len(line) <= _SHORT:
        for reason, pat in BOILERPLATE:
            if (edge or reason not in _EDGE_ONLY) and pat.search(line):
                return LineKind("boilerplate", reason)
        if len(re.findall(r"[|｜]", line)) >= 2 and len(line) <= 80:
            return LineKind("boilerplate", "navigation")
        if _META_SOURCE.match(line):
            m = _SOURCE_VALUE.search(line)
            return LineKind("metadata", "source/date line", m.group(1) if m else "")
        m = _BYLINE.match(line) or _AUTHOR_LINE.match(line)
        if m:
            return LineKind("metadata", "byline", m.group("who").strip())
        m = _TITLED_NAME.match(line)
        if m:
            return LineKind("metadata", "byline", f"{m.group('who')}（{m.group('office')}）")
    if is_heading(line, heading_max_chars):
        return LineKind("heading", "heading")
    return LineKind("body")


def is_heading(line: str, heading_max_chars: int) -> bool:
    """A short line that does not end like a sentence (一、…, （三）…, a title).

    A short line ending in 。！？； or a colon is a sentence or a lead-in (各位代表：,
    14.“双招双引”：招才引智、招商引资。) and stays body text, merged with a neighbour.
    """
    return len(line) <= heading_max_chars and line[-1] not in _CLOSING and line[-1] not in "：:"


def looks_like_person(line: str) -> bool:
    """A bare 2–4 character name such as 李军 (a byline above the text)."""
    return 2 <= len(line) <= 4 and line[0] in _SURNAMES and all("\u4e00" <= c <= "\u9fff" for c in line)


def heading_level(line: str) -> int:
    """1 for 一、 and 第一章, 2 for （一）, 3 for 1. and (1); 2 for other short lines."""
    if re.match(r"^(第[一二三四五六七八九十百]+[章节部分篇]|[一二三四五六七八九十]+[、.．])", line):
        return 1
    if re.match(r"^[(（][一二三四五六七八九十]+[)）]", line):
        return 2
    if re.match(r"^(\d{1,2}[、.．]|[(（]\d{1,2}[)）])", line):
        return 3
    return 2


def inline_heading(line: str, heading_max_chars: int) -> str:
    """The lead sentence of a numbered body line (一、要学出绝对忠诚，…。), or ``""``."""
    if not _INLINE_HEADING.match(line):
        return ""
    first = split_sentences(line)[0]
    first = re.split(r"[，,：:]", first)[0] if len(first) > heading_max_chars * 2 else first
    return first.rstrip("。；;！!？?") if len(first) <= heading_max_chars * 2 else ""


# ----------------------------------------------------------------------------- cutting

_SENTENCE = re.compile(r"[^。！？；!?;]*[。！？；!?;]+[”’」』）)\"']*|[^。！？；!?;]+$")
_CLAUSE = re.compile(r"[^，,、：:]*[，,、：:]+|[^，,、：:]+$")


def split_sentences(text: str) -> list[str]:
    """Sentences ending in 。！？；(and ASCII !?;), closing quotes kept with them."""
    return [s for s in _SENTENCE.findall(text) if s]


def chunk(text: str, max_chars: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``max_chars``, at sentence ends.

    Pieces are balanced (a 1,000-character line with ``max_chars=400`` gives three pieces
    of about 333, not 400 + 400 + 200). A single sentence longer than ``max_chars`` is cut
    at commas, and only a clause longer than ``max_chars`` is cut inside.
    """
    if len(text) <= max_chars:
        return [text]
    units: list[str] = []
    for sent in split_sentences(text):
        if len(sent) <= max_chars:
            units.append(sent)
            continue
        for clause in _CLAUSE.findall(sent):
            while len(clause) > max_chars:
                units.append(clause[:max_chars])
                clause = clause[max_chars:]
            if clause:
                units.append(clause)
    return _pack(units, max_chars)


def _pack(units: list[str], max_chars: int) -> list[str]:
    total = sum(map(len, units))
    target = total / math.ceil(total / max_chars)
    pieces: list[str] = []
    cur = ""
    for u in units:
        if cur and (len(cur) + len(u) > max_chars or len(cur) + len(u) / 2 > target):
            pieces.append(cur)
            cur = ""
        cur += u
    if cur:
        pieces.append(cur)
    return pieces


_FULL_STOP = re.compile(r"[。！？!?]+[”’」』）)\"']*")
_SEMICOLON = re.compile(r"[；;]+[”’」』）)\"']*")


def sentence_spans(text: str, long_chars: int) -> list[tuple[int, int]]:
    """Character spans ``[start, end)`` of the sentences of ``text``.

    Sentences end at 。！？ (and ASCII !?), closing quotes and brackets kept with them; a
    sentence longer than ``long_chars`` is cut again after each ；. The spans cover the text
    exactly, in order: a tail without an end mark is the last sentence, and blanks stay with
    the sentence they follow.

    Returns:
        ``[(start, end), ...]``, empty for an empty text.
    """
    if not text:
        return []
    spans, start = [], 0
    ends = [m.end() for m in _FULL_STOP.finditer(text)]
    if not ends or ends[-1] < len(text):
        ends.append(len(text))
    for end in ends:
        if end - start > long_chars:
            cuts = [m.end() for m in _SEMICOLON.finditer(text, start, end) if m.end() < end]
            for cut in cuts:
                spans.append((start, cut))
                start = cut
        spans.append((start, end))
        start = end
    # blanks after an end mark belong to the sentence before them, not to a sentence of their own
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and not text[a:b].strip():
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def normalise_for_dedup(text: str) -> str:
    """Text without punctuation and blanks, for comparing paragraphs."""
    return "".join(_HAN_OR_WORD.findall(text))

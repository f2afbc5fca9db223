"""Stage ``ingest``: a folder of documents → cleaned paragraphs with provenance.

Outputs (paths in :mod:`pipeline.config`):
    ``data/interim/paragraphs.parquet``  one row per paragraph (the contract in README.md)
    ``data/interim/documents.parquet``   one row per input file: metadata, locality evidence, status
    ``data/interim/ingest_log.csv``      one row per input line (or per unreadable file): what became of it;
                                         a line cut at escaped line breaks has one row per part (see below)
    ``metrics/ingest.json``              counts
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import fnmatch
import logging
import os
import re
from collections import Counter
from difflib import SequenceMatcher
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Iterable, NamedTuple

import numpy as np
import pandas as pd

from . import config
from .config import IngestParams, ParamsError, PipelineError
from .dedup import find_duplicates, normalise
from .gazetteer import ZONE_WEIGHTS, Gazetteer, Locality, body_level, declared_levels, infer_locality, speaks_below, speaks_for
from .io import progress, run_stage, setup_logging, write_csv, write_json, write_parquet
from .memo import IngestCache
from .readers import READERS, RawText, ReadError, garbled, read_file, repair_mojibake
from .text import (
    OFFICES,
    BARE_NUMBER,
    BOILERPLATE,
    CN_NUMBER,
    LUNAR_DATE_LINE,
    date_probe,
    lunar_date,
    DRAFT_MARK,
    DOCUMENT_KINDS,
    DOCUMENT_TITLE,
    LEAD_NUMBERING,
    NOT_SOURCE,
    ORGAN_WORDS,
    FIELD_ROLE,
    PAGE_NUMBER,
    PAPER_DAY,
    REPORTER_RANK,
    KEYLESS_CRUMB,
    MENU_WORD,
    OFFICIAL_DOCUMENT,
    SUBTITLE_SPEAKER,
    TURN_LABEL,
    WEATHER,
    ascii_alnum,
    author_name,
    balanced_groups,
    split_author,
    title_speaker,
    LineKind,
    chunk,
    classify_line,
    clean_line,
    closed_up,
    dateline,
    find_date,
    find_year,
    header_fields,
    heading_level,
    inline_heading,
    looks_like_person,
    lost_char_runs,
    office_and_name,
    office_only,
    numbering,
    pinyin_line,
    sentence_spans,
    split_escaped_breaks,
    table_cells,
    strip_pinyin,
    title_speaker,
    unescape_entities,
    unspaced_name,
    without_note,
    year_month_line,
)

log = logging.getLogger("pipeline.ingest")

# The params keys this stage reads (its params in dvc.yaml).
PARAMS = (
    "corpus.dir", "corpus.manifest", "ingest.max_chars", "ingest.min_chars", "ingest.heading_max_chars", "ingest.duplicates",
    "ingest.near_duplicate_threshold", "ingest.max_file_mb", "ingest.exclude", "ingest.long_sentence_chars",
)

PARAGRAPH_COLUMNS = [
    "para_id", "doc_id", "source", "line_start", "line_end", "locality", "province", "level",
    "date", "year", "section", "text", "n_chars", "duplicate_of",
]
LOG_COLUMNS = ["source", "line", "status", "reason", "para_id", "note"]
SENTENCE_COLUMNS = ["para_id", "sentence", "char_start", "char_end", "n_chars"]
MANIFEST_FIELDS = ("locality", "province", "level", "date", "year", "title", "author")


class IngestError(PipelineError, RuntimeError):
    """The corpus as a whole cannot be ingested (e.g. no usable document)."""


@dataclass
class Document:
    """One input file after cleaning, before duplicates are resolved across the corpus."""

    doc_id: str
    source: str
    encoding: str = ""
    status: str = "ok"
    reason: str = ""
    n_lines: int = 0
    title: str = ""
    author: str = ""
    source_name: str = ""
    issuer: str = ""
    url: str = ""
    date: str = ""
    year: str = ""
    date_source: str = ""
    year_source: str = ""
    locality: Locality = field(default_factory=lambda: Locality(found=False))
    locality_source: str = ""
    metadata_from: str = "text"
    pinyin_removed: int = 0
    lines_split: int = 0
    entities_unescaped: int = 0
    mojibake_repaired: int = 0
    lost_char_runs: int = 0
    lines_joined: int = 0
    lines_left_out: int = 0
    later_datelines: str = ""  # dates of report datelines below the first ("; "-joined): several documents in one file
    extra: dict[str, str] = field(default_factory=dict)  # other manifest columns
    paragraphs: list[dict] = field(default_factory=list)
    log: list[dict] = field(default_factory=list)


class Dated(NamedTuple):
    """A date found in a document, where it was found (its ``source``, e.g. ``meeting line``)
    and on which logical line (-1 for none)."""

    date: str
    source: str
    line: int = -1


# Which date a document is dated by, first to last: the report's own dates (its meeting line,
# a date among its title lines, an issuing date in a header field, its signature) before the
# dates a website gives it (posting time, page metadata).
LEAD_DAY = "lead (the day of the event)"  # a news report's first clause (see lead_day)
CLOSING_DAY = "closing day (a speech's)"  # the day a speech's text closes on, （2019年3月29日） (see mark_signature_date)
DATE_AUTHORITY = ("meeting line", "title block", CLOSING_DAY, "header: issued", "signature", LEAD_DAY, "header: posted", "source/date line")


def date_rank(source: str) -> int:
    """Rank of a date's source in :data:`DATE_AUTHORITY` (``header: 发文时间`` ranks as an
    issuing date, ``header: 发布时间`` as a posting date); other sources (file metadata) last."""
    if source.startswith("header: "):
        source = "header: " + ("issued" if FIELD_ROLE.get(source[8:]) == "issued" else "posted")
    return DATE_AUTHORITY.index(source) if source in DATE_AUTHORITY else len(DATE_AUTHORITY)


@dataclass
class Lines:
    """The state the passes of :func:`process_document` share: the document's cleaned logical
    lines and, per line, its kind and what became of it (``status``: empty until a pass decides).

    A logical line is a physical line of the file, or a part of one: a physical line that holds
    escaped line breaks (``\\n`` written out in a spreadsheet export) is cut into parts, and a
    dateline run into the report's first sentence is cut from it. ``origin`` is the 0-based
    physical line of each logical line and ``notes`` what was done to it (``escaped line breaks:
    part 2 of 5``, ``mojibake repaired …``). In hard-wrapped text (a PDF's text layer) the
    lines of one paragraph are joined into one logical line: ``joined`` holds the other
    physical lines it took, with the offset where each starts in its text, and each of them
    keeps a log row of its own.

    ``zones`` collects text by where it stands (author, source, title, body) for the
    locality; ``dates`` collects the dates found, with where they were found.
    """

    text: list[str]
    kinds: list[LineKind]
    status: list[tuple[str, str]]
    origin: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    joined: list[tuple[tuple[int, int], ...]] = field(default_factory=list)
    zones: dict[str, list[str]] = field(default_factory=lambda: {"author": [], "issuer": [], "source": [], "title": [], "file": [], "body": []})
    running: list[str] = field(default_factory=list)  # running headers and footers (see running_lines)
    site: list[str] = field(default_factory=list)  # the web site's name (parts of a <title>): see process_document
    lists: dict[int, int] = field(default_factory=dict)  # a list's lead-in and items (mark_lists) → the list's first item
    dates: list[Dated] = field(default_factory=list)
    years: list[tuple[str, str]] = field(default_factory=list)  # (YYYY-MM, where) of year-and-month date lines (二〇一二年十二月)
    author_field: bool = False  # the author so far is a page's 作者： field (the poster), which a byline overrides
    signed_by: str = ""  # the name a closing line gives (述职人：王建军, 解读人：李明)
    issuer: str = ""  # the body a closing line names (the signature: 中共留坝县委办公室)
    posted_by: str = ""  # the body a page's catalogue names as 发布机构 (| 发布机构： | 孟连县人民政府办公室 |): who posted it, after the document's own issuer
    shared: bool = False  # a copy from a document-sharing site (see shared_copy)
    lunar: list[int] = field(default_factory=list)  # title-block lines dated by the Chinese calendar (see date_document)
    yearless: list[tuple[int, str]] = field(default_factory=list)  # title-block lines of a month and day alone, MM-DD (see date_document)

    def __post_init__(self) -> None:
        self.origin = self.origin or list(range(len(self.text)))
        self.notes = self.notes or [""] * len(self.text)
        self.joined = self.joined or [()] * len(self.text)

    @property
    def nonblank(self) -> list[int]:
        return [i for i, line in enumerate(self.text) if line]

    def open(self, i: int) -> bool:
        """Line ``i`` has not been decided by an earlier pass."""
        return not self.status[i][0]

    def mark(self, i: int, status: str, reason: str = "") -> None:
        self.status[i] = (status, reason)

    def split(self, i: int, parts: list[tuple[str, LineKind]], why: str) -> None:
        """Replace logical line ``i`` by ``parts`` (text and kind each), all from the same
        physical line; each part's note says ``<why>: part k of n``."""
        n = len(parts)
        notes = [_join_notes(self.notes[i], f"{why}: part {k} of {n}") for k in range(1, n + 1)]
        self.text[i : i + 1] = [t for t, _ in parts]
        self.kinds[i : i + 1] = [k for _, k in parts]
        self.status[i : i + 1] = [self.status[i]] * n
        self.origin[i : i + 1] = [self.origin[i]] * n
        self.joined[i : i + 1] = [self.joined[i]] * n
        self.notes[i : i + 1] = notes


def _join_notes(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


# ----------------------------------------------------------------------------- one document


def process_document(source: str, raw: RawText, params: IngestParams, to_simplified, gazetteer: Gazetteer) -> Document:
    """Clean one document and cut it into paragraphs.

    The passes run in order over one :class:`Lines` state, each deciding some lines:
    cleaning (escaped line breaks, entities, mojibake, garbled lines), the report's dateline,
    the header (title, byline, dates above the body), header fields (标题：…, 发文时间：…,
    来源URL：…) and URL lines, metadata and furniture lines, a signature date at the end, the
    document's date, then cutting the body into paragraphs and assembling the paragraphs and
    the line log.

    Args:
        source: path relative to the corpus folder (kept on every paragraph).
        raw: the file's lines as read.
        params: the ``ingest`` parameters.
        to_simplified: ``str -> str`` traditional → simplified converter (OpenCC t2s).
        gazetteer: for the locality.

    Returns:
        A :class:`Document` with metadata, paragraphs (dicts with the paragraph columns
        except the locality ones) and one log row per line.
    """
    doc = Document(doc_id=str(Path(source).with_suffix("")), source=source, encoding=raw.encoding, n_lines=len(raw.lines))
    lines = clean_lines(raw.lines, params, to_simplified, doc)
    lines.shared = shared_copy(raw)
    cut_title_from_dateline(lines, params)
    mark_dateline(lines, doc, params)
    mark_field_columns(lines)
    mark_header(lines, doc, gazetteer)
    mark_fields(lines, doc)
    mark_metadata(lines, doc)
    mark_signature_date(lines)
    mark_later_datelines(lines, doc)
    mark_promulgated(lines, doc)
    mark_transmitted_speech(lines, doc)
    mark_speech_head(lines, doc)
    reader_title(lines, doc, raw.meta, to_simplified, gazetteer, raw.left_out if raw.encoding.startswith("html") else ())
    doc.title = _FULL_TEXT_TAG.sub("", doc.title) or doc.title  # …的讲话（全文）: a site's tag, not the title's
    doc.title = _REPOST_TAG.sub("", doc.title) or doc.title  # (重磅！…, [转贴]…, however the title was read: the page's <title> too)
    left_out_source(lines, doc, raw, to_simplified)
    date_document(lines, doc, raw.meta, raw.encoding.split(" ")[0] + " metadata", lines.shared)
    # 县委书记王建勋在…上的讲话, as the title or as a headline above the document's own title
    doc.author = doc.author or title_speaker(doc.title) or next((who for t in lines.zones["title"] if (who := title_speaker(t) or _prefix_speaker(t))), "")
    # …or as the file's name gives it (2018.7.20徐建华书记在全镇安全生产工作会议上的讲话（定稿）.txt), where the text names no one
    named = _FULL_TEXT_TAG.sub("", re.sub(r"^[\d\s._-]+", "", file_name_text(source)))
    doc.author = doc.author or (_prefix_speaker(named) if _SPEECH_TITLE.search(named) else "")
    mark_lists(lines)
    pieces = cut_body(lines, params)
    doc.author = doc.author or lines.signed_by or note_speaker(lines)
    # an interview is its interviewee's, as its subtitle names them (——访安吉县委书记杨振宇)
    # (the office attests a name of a rare surname, 县长字云飞, as a lead's does)
    doc.author = next((f"{m.group('who')}（{m.group('office')}）" for t in lines.zones["title"] if (m := _INTERVIEW.search(t.strip()))
                       and (looks_like_person(m.group("who")) or len(m.group("who")) == 3 and not (_NOT_SPEAKER.match(m.group("who")) or _clause_words(m.group("who"))))), "") or doc.author
    body = [lines.text[i] for i, k in enumerate(lines.kinds) if k.kind == "body"]
    if not doc.author or lines.author_field or _by_reporter(doc.author, lines, raw.left_out):
        doc.author = interviewee(body) or doc.author
    guest = lead_interviewee(body)
    if guest and (not doc.author or lines.author_field or _by_reporter(doc.author, lines, raw.left_out)):
        # an interview its lead presents (记者专访了武汉市江夏区委书记张斐, 皮山县县委书记沈毅做客天山网): its interviewee's, who
        # speaks for the unit the office names, as a byline's office does
        doc.author = guest
        lines.zones["author"].append(split_author(guest)[1])
    # (an explainer however its title reads here: 一图读懂｜… in the file's name or the page's <title>)
    explains = any(_EXPLAINS.search(t) for t in (*lines.zones["title"], file_name_text(source), raw.meta.get("title", "")))
    news_leader = ""
    if (not doc.author or lines.author_field or _by_reporter(doc.author, lines, raw.left_out)) and not explains:
        # (the lead with a short opening line before it: 龙腾南阳讯 和风丽日,春意盎然。 / 4月19日,市委书记张文深深入…调研)
        # (not a speech's salutation, 同志们：, before a line that reports another's words)
        lead = "".join(body[:2]) if body and len(body[0].strip()) < _SHORT_OPENING and not _SALUTATION.match(body[0]) and not re.search(r"[：:]\s*$", body[0]) else body[0] if body else ""
        if news_item(doc.title or file_name_text(source), lead):
            # news of a meeting or a visit: the leader whose words it reports, not its reporter or poster
            news_leader = news_speaker(doc.title or file_name_text(source), body)
            doc.author = news_leader or doc.author
        elif lead := next((t for t in body[:3] if _PRESENTS_SPEECH.search(t)), ""):
            # a speech printed below the lead or the editor's note that presents it (…省长孙建平出席会议并讲话。现将讲话摘要刊发): its speaker's
            doc.author = news_speaker("", [lead]) or doc.author
    if not doc.author and body and (m := _LEAD_REPORTER.match(body[0])) and looks_like_person(m.group("who")):
        doc.author = m.group("who")  # (a news item whose lead names its reporter, 本网讯（记者 马文军）…, and no leader news_speaker finds)
    # (the body an official document's title names before 关于 issued it, before a catalogue's 发布机构, which posted it:
    # 孟连傣族拉祜族佤族自治县人民政府办公室关于印发…的通知 under | 发布机构： | 孟连县人民政府办公室 |)
    named = title_issuer(doc.title)
    if named and lines.posted_by and not _names_unit_first(named, gazetteer):
        named = ""  # (…but not a bare 县政府办公室 over the catalogue's 孟连县人民政府办公室)
    doc.issuer = doc.issuer or lines.issuer or named or lines.posted_by
    if not _repeats_title(file_name_text(source), lines.zones["title"]):
        lines.zones["file"].append(file_name_text(source))
    # a gazette's running header names its issuer (宁海县人民政府公报), unless it only repeats the title
    lines.zones["source"] += [h for h in lines.running if not _repeats_title(h, lines.zones["title"])]
    name = doc.author.split("（")[0].strip()
    if looks_like_person(name) or "（" in doc.author and re.fullmatch(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff·]{1,12}", name):
        # the author's name (a name alone, or one an office goes with: 关 is no surname of SURNAMES) names no place
        # wherever it is written: 镇党委书记关玉山 names no 玉山县, in the author's line, the title or the file's name
        unnamed = re.compile(re.escape(name) + "(?![省市县区州旗盟镇乡])")
        for zone, texts in lines.zones.items():
            lines.zones[zone] = [unnamed.sub(" ", t) for t in texts]
    # a township the title names (在平江街道2017年度工作会议上的讲话, 永安镇…) is what its stem names alone in the text too
    # (推动平江各项事业, 古韵平江): no county of that short name (平江县), unless the text writes the county's full name
    # a compilation's running head names whose papers they are (宁乡县领导讲话汇编（2014年）): a source line, for the locality
    lines.zones["source"] += [lines.text[i] for i, (st, why) in enumerate(lines.status) if st == "boilerplate" and why == "compilation header"]
    leader = subject_office(doc.title, [lines.text[i] for i, k in enumerate(lines.kinds) if k.kind == "body"], doc.author)
    if office := own_leader_level(news_leader, leader, lines.zones, gazetteer):
        lines.zones["author"].append(office)
    doc.locality = infer_locality(lines.zones, gazetteer, doc.date or doc.year, leader)
    towns = {t[m.start() - n : m.start()] for t in lines.zones["title"] for m in re.finditer(r"(街道|镇|乡)(?![\u4e00-\u9fff]?[长委])", t) for n in (2, 3) if m.start() >= n}
    for stem in towns:
        county = doc.locality.code if doc.locality.found else ""
        if county not in gazetteer.short.get(stem, ()):
            continue
        # (…where the page names another unit, its site or a header: 姑苏区人民政府 over 平江街道's speech; not a 阜平镇's text of
        # 阜平县, named by its seat's stem, with nothing else to say whose it is)
        furniture = [t for t in raw.left_out if re.search("人民政府|版权所有|主办", t)]  # (a page's header and footer: 广州市人民政府 | 白云区人民政府)
        elsewhere = {c for t in [*lines.site, *furniture, *(t for z in ("title", "source", "file", "issuer", "author") for t in lines.zones[z])]
                     for _, n, codes in gazetteer.find(t) if n != stem for c in codes} - {county, *gazetteer.places[county].ancestors}
        if elsewhere and not any(gazetteer.places[county].name in t for ts in lines.zones.values() for t in ts):
            # the county the text was filed under is only the short name of a township its title names (平江 of
            # 在平江街道…上的讲话, 推动平江各项事业: no 平江县, which the text never names in full): read without it
            bare = re.compile(re.escape(stem) + "(?![省市县区州旗盟镇乡街])")
            for zone in ("body", "title"):
                lines.zones[zone] = [bare.sub(" ", t) for t in lines.zones[zone]]
            doc.locality = infer_locality(lines.zones, gazetteer, doc.date or doc.year, leader)
    # a web page saved as text keeps its site's header and footer (桐乡市人民政府门户网站, 主办：桐乡市人民政府办公室)
    copied = [lines.text[i] for i, (st, why) in enumerate(lines.status) if st == "boilerplate" and why in ("site owner", "site header above the navigation", "copyright")]
    if not any(st == "boilerplate" and why in ("navigation", "breadcrumb", "site header above the navigation") for st, why in lines.status):
        copied = []  # (a Word file's 主办：… under an event's plan is no site: a page saved as text keeps its menu)
    site = lines.site or [m.group(1) for text in [*raw.left_out, *copied] if (m := _SITE_OWNER.search(to_simplified(text)))] or [
        text.strip() for text in copied if _SITE_PART.search(text.strip()) and len(text.strip()) <= 30]
    posted_from: list[str] = []
    if not doc.locality.found:  # (鼓楼区 of which city: the site's identifier and address say, 网站标识码：3501020001, 地址：福州市鼓楼区湖东路)
        identity, posted_from = site_identity([to_simplified(t) for t in [*raw.left_out, *copied]], gazetteer)
        site = [*site, *identity]
    if (not doc.locality.found or doc.locality.passing or _site_below(doc, lines, site, gazetteer)) and (raw.encoding.startswith("html") or copied):
        # a page whose text names no place (市政府召开…, 全市), or names places only in passing (a
        # township's speech naming a neighbour county once), stands on its government's site: its
        # name locates it, if the text speaks as that unit's level (not otherwise: a county's news
        # stands on its city's site); a web page's only (a Word file's title property is often a template's)
        # (a post's province weighs as a mention in its text: it settles which 城关区, and locates nothing by itself)
        on_site = (infer_locality({**lines.zones, "site": site, "body": [*lines.zones["body"], *posted_from]}, gazetteer, doc.date or doc.year, leader)
                   if site or posted_from else doc.locality)
        inside = doc.locality.found and on_site.code in gazetteer.places[doc.locality.code].ancestors
        visited = inside and any(re.search(rf"(赴|前往|到访)\s*{re.escape(doc.locality.locality)}", t) for t in lines.zones["body"])
        if on_site.found and speaks_for(on_site.code, lines.zones, gazetteer) and (not inside or visited):
            # (not a unit inside the site's that the text is about, 瑞金市召开… on 赣州's site; one it went to, 赴瑞金市参观学习, is passing)
            doc.locality = on_site
    doc.locality_source = locality_source(doc.locality)
    assemble(lines, pieces, doc)
    log_left_out(raw, doc)
    return doc


# A news title whose subject is a leader (冯立军在琼中调研时强调：…, 市委书记张三到我县调研), and that leader's
# office as the body gives it, bare (省长冯立军: the province's), not a unit's (清远市副市长冯立军)
_SUBJECT = re.compile(r"^(?P<office>[\u4e00-\u9fff、]{0,16}?(?:书记|[省市县区州盟旗]长))?(?P<who>[\u4e00-\u9fff]{2,4}?)(?:同志)?"
                      r"(?:在|到|赴|来|深入|率队|带队|一行)[^，。：:]{0,20}?(?:调研|考察|视察|检查|督导|督查|慰问|走访)")
_BARE_OFFICE = r"(?:[省市县区州盟旗]委?(?:副|常务副)?(?:书记|长)|(?:副|常务副)[省市县区州盟旗]长)"
_SUBJECT_AFTER = re.compile(rf"^(?P<who>[\u4e00-\u9fff]{{2,3}}?)(?P<office>{_BARE_OFFICE})"
                            r"(?:在|到|赴|来|深入|率队|带队|一行)[^，。：:]{0,20}?(?:调研|考察|视察|检查|督导|督查|慰问|走访)")


_OFFICE_SUBJECT = re.compile(rf"^(?P<office>{_BARE_OFFICE})(?:在|到|赴|来|深入|率队|带队|一行)[^，。：:]{{0,20}}?(?:调研|考察|视察|检查|督导|督查|慰问|走访|宣讲)")


def subject_office(title: str, body: list[str], author: str = "") -> str:
    """The bare office (省长, 市委书记) of the leader a news title reports on a visit (调研, 考察,
    视察 …), as the title, the byline or the body writes it right before the name; ``""`` for any
    other title or where no bare office names the leader. Such news, or the leader's speech
    there (韩立新在共和县调研…座谈会上的讲话 / 副省长 韩立新), speaks for the leader's level, not for
    the place visited."""
    if after := _SUBJECT_AFTER.match(title.strip()):  # (the office after the name: 韩立新省长在赣州调研…)
        return after.group("office") if looks_like_person(after.group("who")) and re.fullmatch(_BARE_OFFICE, after.group("office")) else ""
    if bare := _OFFICE_SUBJECT.match(title.strip()):  # (the office alone: 市委书记深入新邵县调研…)
        return bare.group("office")
    m = _SUBJECT.match(title.strip())
    if not m or not looks_like_person(m.group("who")):
        return ""
    if m.group("office"):
        return m.group("office") if re.fullmatch(_BARE_OFFICE, m.group("office")) else ""
    who, office = split_author(author)
    if who == m.group("who") and re.fullmatch(_BARE_OFFICE, office):
        return office
    for text in body:
        if o := re.search(rf"(?<![\u4e00-\u9fff])({_BARE_OFFICE}){re.escape(m.group('who'))}", text):
            return o.group(1)
    return ""


# News of a meeting or a visit reports a leader's words: whose they are. A clause opened by a name that
# says something (程浩在讲话中指出, 罗建华强调, 白云峰在报告中指出), a lead naming an office-holder who
# convenes, speaks or reports (州长多杰加主持召开…, 市委书记张卫东主持并讲话, 县委书记韦成刚代表县委常委会作工作报告并讲话),
# and a headline whose subject is a person (孙志远主持召开…, 赵启明调研…).
# (not a quotation, 邓小平同志指出: a local leader's own words are reported without 同志)
_SAYS = re.compile(r"(?:^|[。！？；，,;：:\s])(?P<who>[\u4e00-\u9fff]{2,3}?|[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff·]{1,12}?)(?:书记|[省市县区州旗]长|主任|主席)?(?:在[^，。；！？]{0,20}?(?:时|中|后)[，,]?)?(?:指出|强调|要求|表示|提出|说(?=[，,：:])|介绍(?=[，,：:]))")
_OFFICE_AFTER = re.compile(r"书记|[省市县区州旗]长|主任|主席")
# an office-holder who speaks, as a lead says it in two words (区委书记秦文敏讲话, 县委书记卢林讲话(陈颖 摄)), or who presides and
# stresses (地委书记窦万贵主持会议并强调): the name as short as the words after it allow
_OFFICE_SPEAKS = re.compile(r"(?P<office>(?:[省市县区州盟旗乡镇地]委)?[\u4e00-\u9fff]{0,8}?(?:书记|[省市县区州盟旗乡镇]长|主任|主席|专员))(?P<who>[\u4e00-\u9fff]{2,3}?)(?:同志)?"
                            r"(?P<act>讲话(?=[。；;（(]|\s*$)|主持会议并(?:强调|指出|要求))", re.MULTILINE)
# …or a county's, a district's, a township's own head or party secretary opening a sentence with words
# (镇党委书记张鼎要求，, 双牌县委副书记张跃斌强调，; not an upper leader quoted, 会议指出，省委书记…强调, a past one,
# 去年，县委书记…强调, nor any other holder of a title, 县商会主席…表示)
_LOCAL_SPEAKS = re.compile(r"(?:^|(?<=[。！？!?\n]))\s*(?P<office>[\u4e00-\u9fff]{0,6}?(?:[县区旗乡镇](?:党?委|党工委)副?书记|街道党工委副?书记|(?:代|副|常务副)?[县区旗乡镇]长))"
                           r"(?P<who>[\u4e00-\u9fff]{2,3}?)(?:同志)?(?:在[^，,。；;！？]{0,20}?(?:时|中|上)[，,]?)?(?:强调|指出|要求|表示)(?=[，,：:])", re.MULTILINE)
# (the name as long as the act after it allows: 镇长刘志向出席…, not 刘志)
_LEAD_ROLE = re.compile(r"(?P<office>(?:[\u4e00-\u9fff]{1,8}?(?:书记|长|主任|主席|常委)、){0,3}(?:[省市县区州盟旗乡镇地]委|常务|副|代)?[\u4e00-\u9fff]{0,8}?(?:书记|[省市县区州盟旗乡镇]长|主任|主席|专员))"
                        r"(?P<who>[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff]{2,12}?|[\u4e00-\u9fff]{2,4})(?:同志)?(?=主持|出席|代表|作|在|向|发表|深入|到|赴|率队|带队|带领|率领|一行|逐一|点评|传达|宣读|讲话|通报|署名|受[^，。；]{1,12}委托)"
                        # (the act the holder's own: not past 陪同, nor into a clause another office-holder opens, 县长王五陪同市委书记李四…)
                        r"(?P<act>(?:(?!陪同|[，,][^。；！？，,]{0,12}?(?:书记|[省市县区州盟旗乡镇]长|主任|主席))[^。；！？]){0,40}?(?:主持召开|主持并讲话|并讲话|并作[^。；！？]{0,12}讲话|作[^。；！？]{0,20}(?:讲话|报告)|作了?题为《[^》]{1,60}》的(?:讲话|报告)|上的(?:讲话|报告|致辞)(?!精神)|发表[^。；！？]{0,10}讲话|(?:刊发|发表)[^。；！？]{0,40}文章|署名文章|作主发布|通报|调研|考察|视察|督导|督查|检查|看望|慰问))")
_HEAD_ROLE = re.compile(r"^(?:(?:[省市县区州盟旗]委?|副|常务副)[\u4e00-\u9fff、]{0,8}?(?:书记|[省市县区州盟旗]长))?(?P<who>[\u4e00-\u9fff]{2,3}?)(?:同志)?"
                        r"(?:主持召开|主持|出席|在[^，。：:]{0,20}?(?:调研|考察|视察|检查|督导|督查)|到[^，。：:]{0,20}?(?:调研|考察|视察|检查|督导|督查)|调研|督导|督查|检查|深入)")
# the first of the office-holders a lead lists before their party's 一行 (部长赵志刚、副部长包玉童、主任徐冬梅一行)
_PARTY_HEAD = re.compile(r"(?:书记|[省市县区州盟旗乡镇部局]长|主任|主席)(?P<who>[\u4e00-\u9fff]{2,3}?)、")
# a column's name before a headline (工作动态——…, 政务要闻——…; not a speech's subtitle, ——在…上的讲话)
_COLUMN_BEFORE = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[—―]{1,2}\s*(?![—―\s]*在)")
# the day a lead opens with (7月15日晚, 近日, 昨日上午)
_DAY_OPENING = re.compile(r"^\s*(?:\d{1,2}月\d{1,2}日|昨天|昨日|前天|今天|今日|近日|日前|近期)(?:上午|下午|晚上?|早上|中午)?\s*")
# what a news item's headline or lead does (召开, 调研 …), where its title names no document (…的通知, …工作总结, …纪要)
_NEWS_VERB = re.compile("召开|举行|开幕|闭幕|举办|调研|考察|视察|督导|督查|检查|慰问|走访|座谈|会见|接见|宣讲|主持|出席|部署|推进|强调|指出|要求")
# (its offices may run over commas: ——访我省十八大代表,省政协副主席、黄南藏族自治州州委书记李选生; the last is the office)
_INTERVIEW = re.compile(r"(?:^|[—―–\-－]{1,2})\s*(?:专)?访(?:[\u4e00-\u9fff、]{1,20}[,，])?(?P<office>[\u4e00-\u9fff、]{1,24}?(?:书记|[省市县区州盟旗乡镇]长|主任|主席))(?P<who>[\u4e00-\u9fff]{2,3})$")
_EXPLAINS = re.compile("图解|读懂|解读|问答|答记者问|一图看懂|图说")  # a title of a text that explains another
_OF_ANOTHER = re.compile("[了的]|审议|听取|批准|通过|同意|关于|助理")  # an office in a clause about another's act (or not one: 市长助理)
# (in a clause, or a unit's or an office's name, not in a person's: 主席团工作报告, 刘文斌所作, 高新区, 王书记, 于会上, 市长助理李明)
_clause_words = re.compile("[的了们是在和对把将要这那我你他所]|会议|工作|全[县市区省州旗]|[区县市局校厅委办处上]$|[省市县区州盟旗乡镇部局]长$|书记|助理|秘书").search
# words that open such a clause and are no one's name (会议指出, 全会强调, 报告要求, 通知强调 …)
_NOT_SPEAKER = re.compile(r"^(一行|会议|全会|大会|报告|文章|文件|通知|意见|方案|讲话|同志|他们|我们|领导|会上|会后|强调|指出|要求|同时|此外|其中|另外|最后|首先|全市|全县|全区|全省|全州|全旗|各级|各地|各部门|市委|县委|区委|省委|州委|旗委|党委|政府|常委|座谈会|与会|代表|专家|企业|群众|干部|记者|编者|决定|纲要|规划|公报|意见稿|白皮书|曾多次|曾经|曾先后|曾在)")
_NATIONAL = re.compile("总书记|总理|委员长|国家主席")  # a national leader's office, before or after the name: quoted, not reporting


# a day as a site prints it, in digits, with a short label or counter run on (2020-07-22新闻5), or with its time between the
# site's name and its column (公文搜 2021-07-23 10:26:26 政府报告, admin 2021-07-08 15:57:54 党委): a posting
_SITE_DAY = re.compile(r"\s*(?:[^\s\d]{1,8}\s+)?(?:19|20)\d{2}([-/.])\d{1,2}\1\d{1,2}"
                       r"(?:(?:新闻|资讯|动态|要闻|政务|浏览|点击|阅读|访问)[^\s\d年月日。，：:]{0,4}\d{0,6}|\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s+[^\s\d。，：:]{1,8})?)\s*")  # (not 2015-03-10定稿, nor 2023-03-02 阜平县人民政府)


def own_leader_level(news_leader: str, visitor: str, zones: dict[str, list[str]], gazetteer: Gazetteer) -> str:
    """The bare office (市长, 市政府党组书记、市长, 县委书记) of the leader a news item reports convening or
    speaking (:func:`news_speaker`), to be read as a byline's: a paper writes its own unit's leaders by their
    office alone (市长吴晓晖主持召开市政府党组会议), so the item speaks as that office's level, as a byline
    (市长) says, however often it names the province above (学习贯彻…视察广东重要讲话精神). ``""`` where the
    office names a place (清远市副市长: whose unit, the gazetteer reads), where the item reports a visit
    (``visitor``, the bare office :func:`subject_office` reads in a visit's title: a visiting leader's level is
    kept from below, not declared), or where the text's own words speak as another level (a line's, or one 我县,
    全县 of a lower level in the body: a county's news of its city's leader)."""
    office = split_author(news_leader)[1]
    if not office or visitor or gazetteer.find(office):
        return ""
    said = declared_levels({"author": [office]})
    if not said:
        return ""
    own = declared_levels(zones) | body_level(zones)
    # (…and a single 我县 or 全县 of a level below the office's is the text's own: 听取我县工作汇报)
    if own and not own <= said or speaks_below(zones.get("body", []), said):
        return ""
    return office


def news_item(title: str, lead: str) -> bool:
    """Whether a text is a news item on a meeting or a visit: its title names no document (not …的通知,
    …工作总结, …讲话) and it or the text's first line says what happened (召开, 调研, 会见 …; 3月14日，…召开;
    县委书记谭建华…刊发…文章)."""
    return (not names_document(title) and not _EXPLAINS.search(title)
            and bool(_NEWS_VERB.search(title) or _LEAD_DAY.match(lead) or _LEAD_ROLE.search(lead)))


def news_speaker(title: str, body: list[str]) -> str:
    """The leader whose words a news item (:func:`news_item`) gives, as :func:`author_name` writes it
    (``多杰加（州长）``, ``程浩``), or ``""``: the person a lead names as convening, speaking or reporting
    (3 points), the headline's subject (3), and each clause the person opens saying something (2); the
    highest with 3 or more. Not a national leader (习近平总书记强调: quoted, not reporting)."""
    points: Counter = Counter()
    offices: dict[str, str] = {}
    text = "\n".join(body)
    for m in _LEAD_ROLE.finditer(text):  # (an office attests a name without a common surname: 州长多杰加)
        who, after = m.group("who"), text[m.end("who") : m.end("who") + 1]
        who = who[:-2] if who.endswith("同志") and len(who) > 3 else who  # (市长高峰同志作重要讲话: 高峰)
        if re.search(r"(学习|传达|贯彻|领会|研读)了?(?=[省市县区州盟旗](?:委|长|政府|政协|人大)|自治区|中央|国务院)",
                     re.split("[。！？；，,]", text[max(0, m.start() - 8) : m.start("who")])[-1]):
            continue  # (传达学习市委书记李建国在…上的讲话精神: another's speech, studied)
        if re.search(r"(?:学习|传达|贯彻|领会|研读)了?[^，,。；！？]{0,60}、$", re.split("[。！？；，,]", text[max(0, m.start() - 80) : m.start()])[-1]):
            continue  # (…and one of a list of what was studied: 传达学习省委全会决议、省委书记刘赐贵在全会上的工作报告)
        if _NOT_SPEAKER.match(who) or _clause_words(who) or (who + after).endswith("工作") or _OF_ANOTHER.search(m.group("office")):
            continue  # (审议了市长刘文斌所作的报告: a report received, not given; 主席团工作报告: no name)
        office = re.split("陪同|陪", m.group("office"))[-1]  # (县长李四陪同市委书记王五一行: 王五's office is 市委书记)
        listed = re.split("[。！？；，,]", text[max(0, m.start() - 80) : m.start("who")])[-1]
        if (text.startswith("一行", m.end("who")) and not re.search("陪|和|与|及|同|在", listed)
                and (first := _PARTY_HEAD.search(listed)) and looks_like_person(first.group("who"))):
            # (a party's members listed before its 一行, 旗委常委、宣传部部长赵志刚、宣传部副部长包玉童、…主任徐冬梅一行: its first leads it;
            # not a host's who goes with it, 县委书记张三陪同市委书记王五一行)
            who, office = first.group("who"), _DAY_OPENING.sub("", listed[: first.start("who")])
        points[who] += 3
        # (the office as the lead gives it, not the clause before it: 会议由县委副书记、县长…)
        offices.setdefault(who, _lead_office(office))

    def person(who: str) -> bool:
        # (a transliterated name with its dot too, 艾克拜尔·吐尔逊, where no lead names an office-holder who would be the
        # speaker; not a column's 两会·代表说)
        dotted = (not offices and bool(re.fullmatch(r"[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff]{2,12}", who))
                  and not re.search("代表|委员|声音|观点|访谈|两会", who))
        return (looks_like_person(who) or who in offices or dotted) and not _NOT_SPEAKER.match(who) and not _clause_words(who)

    for m in _OFFICE_SPEAKS.finditer(text):
        # (县委书记秦文敏讲话。: 3, as a lead's act; 地委书记窦万贵主持会议并强调,…: 2, as a clause of words, so that a leader
        # who spoke at the meeting, 市委书记王五出席会议并讲话, comes first; not a speech studied, 传达学习市委书记张建华讲话)
        studied = re.search(r"(学习|传达|贯彻|领会|研读|收听|收看)了?[^，,。；;]{0,6}$", text[max(0, m.start() - 12) : m.start()])
        if person(m.group("who")) and not studied and not _quoted_national(m.group("who"), text + title):
            points[m.group("who")] += 2 if m.group("act").startswith("主持") else 3
            offices.setdefault(m.group("who"), _lead_office(m.group("office")))
    spoke: set[str] = set()
    for m in _LOCAL_SPEAKS.finditer(text):  # (once a person: a leader who spoke at the meeting still outranks the presider's clauses)
        if person(m.group("who")) and not re.search("时任|原|前任", m.group("office")) and m.group("who") not in spoke:
            spoke.add(m.group("who"))
            points[m.group("who")] += 3
            offices.setdefault(m.group("who"), _lead_office(m.group("office")))
    if (m := _HEAD_ROLE.match(_COLUMN_BEFORE.sub("", title.strip()))) and person(m.group("who")):  # (工作动态——旗委常委…赵志刚到…调研: after the column's name)
        points[m.group("who")] += 3
    # (a name with its office after it, 刘丽香书记强调, only of someone the text names with an office too, 县委书记刘丽香: not
    # 常务副县长强调 read as 常务副)
    says = [m.group("who") for m in _SAYS.finditer(text) if person(m.group("who"))
            and (not _OFFICE_AFTER.match(text, m.end("who")) or m.group("who") in offices or re.search(rf"(?:{OFFICES})\s*{re.escape(m.group('who'))}", text))]
    if any("·" not in who for who in says):
        # (a transliterated name quoted beside a county's own leader, unless a lead names its office: the leader's)
        says = [who for who in says if "·" not in who or who in offices]
    for who in says:
        points[who] += 2
    for who, score in points.most_common():
        if score < 3:
            break
        if _quoted_national(who, text + title):
            continue  # (习近平总书记强调…: a national leader quoted)
        return f"{who}（{offices[who]}）" if who in offices and office_only(offices[who]) else who
    # (…else, where nobody's words are given (会议强调…), the head who presides over the body's own meeting)
    if not points and (head := _presiding_head(title, body[0] if body else "")) and not re.search("辅导|宣讲|授课|应邀|讲座", text) and not _quoted_national(head[0], text + title):
        return f"{head[0]}（{_lead_office(head[1])}）"
    return ""


def _quoted_national(who: str, text: str) -> bool:
    """Whether ``text`` names ``who`` with a national leader's office (习近平总书记, 总理李强): quoted, not reporting."""
    return bool(re.search(rf"{re.escape(who)}(总书记|总理|委员长)|({_NATIONAL.pattern}){re.escape(who)}", text))


def _lead_office(office: str) -> str:
    """A leader's office as a lead gives it, without the clause before it (会议由县委副书记、县长… → 县委副书记、县长…)."""
    return re.sub(r"^.*(?:由|受[^，。]{0,12}委托|本文系|本文是|此文系|刊发|刊登|发表)(?=[省市县区州盟旗乡镇党人政副常代])", "", office)


def _presiding_head(title: str, lead: str) -> tuple[str, str] | None:
    """``(name, office)`` of the one leader a news item's lead names presiding (:data:`_PRESIDES`) over a meeting of a
    body that leader heads (市委常委会会议召开。市委书记陈英杰主持会议), or None: not a deputy, not a people's congress's or a
    presidium's meeting, not a meeting the lead only studies (传达学习县委常委会会议精神), nor where two preside."""
    first = title + "\n" + lead
    headed = next((m for m in _HEADED_MEETING.finditer(title + "\n" + re.split("[。！？]", lead, maxsplit=1)[0])
                   if not re.search("传达|学习|贯彻", first[max(0, m.start() - 12) : m.start()]) and not re.match(r"[^。，,]{0,8}精神", first[m.end() :])), None)
    if headed is None:
        return None
    # (the office that heads the body: a party committee's, its study group's or a party group's secretary, a government's head)
    heads = r"书记$" if re.match("常委|中心组|党组", headed.group()) else r"[省市县区州盟旗乡镇]长$" if re.match("常务|办公", headed.group()) else r"书记$|长$"
    found = {(m.group("who"), m.group("office")) for m in _PRESIDES.finditer(lead)
             if looks_like_person(m.group("who")) and not _OF_ANOTHER.search(m.group("office")) and not re.search("人大|政协", m.group("office"))
             and not re.search("副|常务", m.group("office").split("、")[-1]) and re.search(heads, m.group("office").split("、")[-1])}
    return found.pop() if len({who for who, _ in found}) == 1 else None


# meetings of a body its presider heads (a party standing committee, a government's executive meeting, a leading group)
_HEADED_MEETING = re.compile("(?<!人大)(?<!政协)(?<!人大常)(?<!政协常)常委会|常务会议?|党组(?:（扩大）|\\(扩大\\))?会议?|办公会|中心组|领导小组(?:会议|全体)")
# the leader a meeting's lead names presiding over it (市委书记陈英杰主持会议, 会议由县委书记张三主持)
_PRESIDES = re.compile(r"(?:^|[。！？；，,\n])(?:会议由)?(?P<office>(?:[\u4e00-\u9fff]{1,8}?(?:书记|长|主任|主席|常委)、){0,3}(?:[省市县区州盟旗乡镇]委|常务|副|代)?[\u4e00-\u9fff]{0,8}?(?:书记|[省市县区州盟旗乡镇]长|主任|主席))"
                       r"(?P<who>[\u4e00-\u9fff]{2,3})(?:同志)?主持(?:会议|召开会议)?(?=[。；，,])")


def _by_reporter(author: str, lines: Lines, left_out: Iterable[str] = ()) -> bool:
    """Whether ``author`` is a news report's reporter or poster: a line outside the body, or a short one (a
    caption's credit, a closing byline), names them as 记者, 通讯员, 作者, 编辑, 撰稿 or 摄(影) (作者：记者 李文静,
    （记者 周晓东 叶飞）, 记者：张雯 王鹏)."""
    names = split_author(author)[0].split()
    if not names:
        return False
    name = names[0]
    outside = [t for i, t in enumerate(lines.text) if lines.kinds[i].kind != "body" or len(t.strip()) <= 40] + list(left_out)
    return any(re.search(rf"(记者|通讯员|作者|编辑|撰稿|摄影?)\s*[:：/／]?[^。！？]{{0,12}}?{re.escape(name)}", t) for t in outside)


LEFT_OUT = "left out of the page's main text by trafilatura (navigation, header, footer, links)"
LEFT_OUT_TITLE = "left out of the page's main text by trafilatura: the page's title, read as its metadata"
LEFT_OUT_PROSE = "left out of the page's main text by trafilatura, though it holds sentences: check it is not the document's text"
LEFT_OUT_WORD = "a Word page header or footer: furniture, not read as the document's text"
_PROSE_MIN_CHARS = 40  # a left-out line this long with a sentence end may be text, not furniture


# (…的讲话（全文）, …的讲话（讨论稿）, and a paper's instalment, …的讲话（上）)
_FULL_TEXT_TAG = re.compile(rf"\s*[（(【]\s*((讲话|报告|致辞)?全文|{DRAFT_MARK}|[上中下]|续[一二三四五六七八九十]?)\s*[)）】]\s*$")  # (…（讲话全文）)
_WIDGETS = re.compile(r"\s*[【\[|｜]")


def before_widgets(value: str) -> str:
    """A header field's value up to the page's widgets or its time after it on its line (作者：覃丽萍 【字体：大 中 小】 → 覃丽萍,
    作者：林建国 2022-06-01 09:00:00 → 林建国)."""
    return re.split(r"\s+(?=(?:19|20)\d{2}[-/.年]\d{1,2})", _WIDGETS.split(value, maxsplit=1)[0], maxsplit=1)[0]


def _site_below(doc: Document, lines: Lines, site: list[str], gazetteer: Gazetteer) -> bool:
    """Whether a web page stands on the site of a unit inside the one its text was filed under,
    and its text names that unit too, twice or more (a county-level city's speech on 海伦市人民政府's
    site, naming 绥化市, its city, more often than 海伦市; not the city's news reposted there, naming
    海伦市 once in a list): the site may then decide (see process_document)."""
    if not (doc.locality.found and site):
        return False
    on_site = infer_locality({"site": site}, gazetteer, doc.date or doc.year)
    return bool(on_site and on_site.found and doc.locality.code in gazetteer.places[on_site.code].ancestors
                and sum(on_site.code in codes for t in lines.zones["body"] for _, _, codes in gazetteer.find(t)) >= 2)


_ISSUE_DAY = r"^(19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s+星期[一二三四五六日天]"  # an e-paper issue's day and weekday
_EPAPER_DAY = re.compile(_ISSUE_DAY + r"(\s+\S.{0,40})?$")
_EPAPER_BAR = re.compile(_ISSUE_DAY + r"\s+(第\s*[A-Z]?\d{1,3}\s*版|往期回顾|PDF版)")


# a page's list of other articles under its label (相关阅读, 相关新闻, 推荐阅读): its lines are no post's
_RELATED_LIST = re.compile(r"^\s*[【\[]?(相关阅读|相关新闻|相关链接|相关文章|推荐阅读|延伸阅读|热点推荐|热门文章|点击排行|往期回顾)")


def word_header(lines: Lines, doc: Document, texts: list[str]) -> None:
    """A Word file's page header that repeats the speech's title with its speaker and day (林建华同志在全市…工作会议上的讲话
    （2021年3月12日）) names them where the text did not: the speaker the author, the day as a date of its title block."""
    title = re.sub(r"\s", "", doc.title)
    for text in texts:
        bare = re.sub(r"\s", "", text)
        head = bare.split("（")[0].split("(")[0]
        if not title or not head.endswith(title) or head == title:
            continue
        if not doc.author and (who := _prefix_speaker(head, bare_name=True)):
            doc.author = who
            lines.zones["author"].append(who)
        if (m := _BRACKETED_DAY.search(bare)) and (day := find_date(m.group())) and not any(d.source in ("meeting line", "title block") for d in lines.dates):
            lines.dates.append(Dated(day, "title block"))
        return


def left_out_source(lines: Lines, doc: Document, raw: RawText, to_simplified) -> None:
    """A web page's 来源/发布时间 line that the main-text extraction left out (trafilatura often
    drops it with the page's furniture) still names the source (and the author, by its 作者
    field, where the text named none), speaks for the locality as a source line does, and
    dates the page (as a source/date line: the least authority), unless the text itself had
    one: the first such line of the left-out text. A report's dateline left out above it
    (——2020年1月8日在正蓝旗第十六届人民代表大会第四次会议上), where the text has none, dates the
    report as its meeting line would, and the speaker on the line under it is the author."""
    if raw.encoding == "docx":
        word_header(lines, doc, raw.left_out)
    texts = [to_simplified(text.strip()) for text in raw.left_out]
    title = re.sub(r"\s", "", doc.title)
    if raw.encoding.startswith("html") and not lines.dates and (
            post := next((t for t in texts[: next((k for k, t in enumerate(texts) if _RELATED_LIST.match(t)), len(texts))]
                          if (m := _POST_LINE.match(t)) and find_date(t) and (m.group("account2") or m.group("account3"))), None)):
        # a post's line under its headline, left out with the page's furniture (平南发布 2023年10月27日 18:02 广西): the account
        # posted it then, where nothing else dates the page
        lines.dates.append(Dated(find_date(post), "source/date line (left out of the main text)"))
        lines.zones["source"].append(post)
    if doc.source_name or not raw.left_out or raw.encoding == "docx":
        if raw.encoding.startswith("html") and not doc.author and (title := re.sub(r"\s", "", doc.title)):
            # (the text had its source line, but its speaker was left out under the headline: ——县委书记张立新)
            at = next((h for h, t in enumerate(texts) if re.sub(r"\s", "", t) == title), None)
            if at is not None:
                _left_out_head(lines, doc, texts[at + 1 : at + 4])
        return
    # a catalogue left out as key over value (成文日期： / 2020-01-10): its issuing date dates the document as the same field in the text would
    for key, value in zip(texts, texts[1:]):
        closed = key.replace(" ", "").replace("\u3000", "")
        if closed in FIELD_ROLE:  # (a table's cell of the key alone, without its colon: 成文日期 / 2025-03-06)
            closed += "："
        if re.fullmatch(r"\S{2,6}\s*[:：]", closed) and find_date(value):
            for field, said in header_fields(closed + value):
                if FIELD_ROLE.get(field) in ("issued", "posted") and find_date(said):
                    lines.dates.append(Dated(find_date(said), f"header: {field}"))
    epaper = any(re.search(r"第\s*[A-Z]?\d{1,3}\s*版", t) for t in texts)  # (a bar with the day alone, on a page of an e-paper)
    if paper := next((t for t in texts if _EPAPER_BAR.match(t) or epaper and _EPAPER_DAY.match(t)), None):
        # an e-paper page's bar (2016年12月24日 星期六 第01版：要闻 上一版 下一版): the issue's day, where nothing else dates the page
        lines.dates.append(Dated(find_date(paper), "source/date line (left out of the main text)"))
        lines.zones["source"].append(paper)
    for n, text in enumerate(texts):
        k = classify_line(text, 40)
        source = k.value or next((re.match(r"[^\s:：]*", v).group() for key, v in k.fields if FIELD_ROLE.get(key) == "source"), "")
        roles = {FIELD_ROLE.get(key) for key, _ in k.fields}
        if k.kind == "metadata" and source and (k.reason == "source/date line" or k.reason == "header fields" and roles & {"posted", "issued"}):
            doc.source_name = source
            lines.zones["source"].append(text)
            if find_date(text):
                lines.dates.append(Dated(find_date(text), "source/date line (left out of the main text)"))
            value = next((before_widgets(v) for key, v in k.fields if FIELD_ROLE.get(key) == "author"), "")
            author = author_name(value) if value else ""
            name = author.split("（")[0]
            if author and office_only(doc.author) and looks_like_person(author):
                # (作者：林建国 on a page whose text's note gives only the office, 作者系中共浙江省委书记)
                doc.author = f"{author}（{doc.author}）"
                lines.zones["author"].append(author)
            elif (author and not doc.author and not title_speaker(doc.title) and (looks_like_person(name) or "·" in name)
                    and ("记者" in value or "（" in author or "·" in name
                         # (or a bare name over a speech that names no speaker, 作者：覃振宇 over 在…大会上的讲话 / 同志们：: its speaker's)
                         or _SPEECH_TITLE.search(doc.title) and any(_SALUTATION.match(t) for t in lines.text[:8]))):
                # (a reporter, 记者 王海燕, an office-holder, 西柳镇党委书记 郑宏伟, or a transliterated name, 古丽米热·阿不力孜;
                # not 县政府办, nor a bare name, often the site's editor, nor over the speaker a headline names)
                doc.author, lines.author_field = author, True
                lines.zones["author"].append(author)
            _left_out_head(lines, doc, texts[max(0, n - 3) : n])
            return
    # (a page without such a line: the lines under its headline, 珠海市政府工作报告（摘要） / ——二○○八年一月十五日在…会议上 /
    # 珠海市市长 钟华生)
    title = re.sub(r"\s", "", doc.title)
    found = [h for h, t in enumerate(texts) if title and re.sub(r"\s", "", t) == title]
    # (the headline, where a list of the page's links names it too: the one its subtitle follows first, then the others
    # while only an office is known of the author)
    for at in sorted(found, key=lambda h: not (h + 1 < len(texts) and _DASH.match(texts[h + 1].strip()))):
        _left_out_head(lines, doc, texts[at + 1 : at + 4])
        if not office_only(doc.author):
            break


def meeting_day(text: str) -> str:
    """The day of a line that is a whole dateline naming its meeting (——2021年1月27日在…会议上), else ``""``."""
    found = dateline(text)
    return found.date if found and found.date and found.end == len(text) and _NAMES_MEETING.search(text) else ""


# a day alone in brackets, as a speech's page sets it under the title (（2021年1月15日）; not a 发布时间 field nor a time)
_BRACKETED_DAY = re.compile(r"[（(]\s*[\d〇○零一二三四五六七八九十年月日\s.-]{6,20}\s*[)）]")
# a speech's closing note that gives its day (（根据录音整理，2022年3月2日）, （2019年3月5日在…会议上的讲话）)
_DATED_NOTE = re.compile(r"^[（(](?=[^（）()]*(?:整理|录音|讲话|审阅|发言))[^（）()]{0,40}[)）]$")


def _left_out_head(lines: Lines, doc: Document, texts: list[str]) -> None:
    """A speech's or a report's dateline (or its day alone, under a speech's title), the title above the
    dateline where nothing else gave one, and speaker among
    ``texts``, lines the page's extraction left out by its headline or above its source line, where
    the text opens as a speech or a report does (各位代表： / 同志们： among its first lines; not a
    news item under a link list's line) and nothing in the text dated it so or named its speaker; and in
    any text whose note gave only its author's office (作者系省委副书记、省长), the name on its byline (□黄启明)."""
    office = doc.author if doc.author and office_only(doc.author) else ""  # (a note's 作者系宜宾市人民政府市长: the name is the byline's)
    speech = any(_SALUTATION.match(t) for t in lines.text[:8])
    if not speech and not office:
        return
    if speech and not doc.title and len(texts) >= 2 and meeting_day(texts[1]) and classify_line(texts[0], 80).kind == "heading" and not _SPEECH_TITLE.match(texts[0]):
        # (the title itself left out above its dateline, the page's <title> only the site's name)
        doc.title = texts[0]
        lines.zones["title"].append(texts[0])
    if speech and not any(d.source in ("meeting line", "title block") for d in lines.dates):
        for text in texts:
            if day := meeting_day(text):
                lines.dates.insert(0, Dated(day, "meeting line"))
                lines.zones["title"].append(text)
                break
            if _BRACKETED_DAY.fullmatch(text) and find_date(text) and (_SPEECH_TITLE.search(doc.title) or any(_SPEECH_TITLE.search(t) for t in texts)):
                # (a speech's day alone under its title, （2021年1月15日）, as its page sets it apart from the text)
                lines.dates.insert(0, Dated(find_date(text), "title block"))
                lines.zones["title"].append(text)
                break
    if speech and (not doc.author or lines.author_field) or office:
        # the speaker's line (市长 钟华生, 市委书记、市委双拥工作领导小组组长　朴成哲, under or over the date), or the name
        # alone, as a byline sets it, of a holder of the office a note gives
        for n, text in enumerate(texts):
            probe = unspaced_name(text.strip().lstrip("—―–-－ "))  # (——县委书记张立新: a speaker set as a subtitle is)
            k = classify_line(probe, 40)
            who = office_and_name(probe) or (k.value if k.reason == "byline" and "（" in k.value and looks_like_person(k.value.split("（")[0]) else "")
            bare = probe.strip().lstrip("□■ ")  # (a magazine's mark before a byline: □黄启明)
            # (set as a byline is: letter-spaced, 林　涛, or marked, □黄启明; not a word, 金句, 文化)
            byline_set = bare != text.strip() or len(bare) == 3
            who = who or (f"{bare}（{office}）" if office and looks_like_person(bare) and byline_set else "")
            # (…or a speech's speaker alone under its subtitle or its day, set as a byline is, where its title names nobody:
            # ——在…上的讲话 / （2014年12月19日） / 周宏宇; not 文字实录, 周末, nor an editor's 王丽)
            above = texts[n - 1].strip() if n else ""
            if (not who and speech and looks_like_person(bare) and (byline_set or len(bare) == 3) and len(bare) <= 3 and not title_speaker(doc.title)
                    and (_SPEECH_TITLE.search(above) or _BRACKETED_DAY.fullmatch(above))):
                who = bare
            if who:
                doc.author, lines.author_field = who, False
                lines.zones["author"].append(text)
                break


def log_left_out(raw: RawText, doc: Document) -> None:
    """Log rows (``left_out``, no line number: the log numbers the extracted text's lines) for
    the text of the file the reader left out (a web page's furniture, a Word file's page
    headers and footers), the text in ``note``; a warning when some of a web page's reads as
    prose."""
    # the <title>, the title read from it, and the page's headings that may be its headline (not 相关新闻)
    titles = {"".join(t.split()) for t in (raw.meta.get("title", ""), doc.title, *headlines(raw.meta.get("headings", "")))} - {""}
    prose = 0
    for text in raw.left_out:
        if raw.encoding == "docx":
            reason = LEFT_OUT_WORD
        elif "".join(text.split()) in titles:
            reason = LEFT_OUT_TITLE
        elif len(text) >= _PROSE_MIN_CHARS and re.search(r"[。！？]", text):
            reason, prose = LEFT_OUT_PROSE, prose + len(text)
        else:
            reason = LEFT_OUT
        doc.log.append({"source": doc.source, "line": "", "status": "left_out", "reason": reason, "para_id": "", "note": text})
    doc.lines_left_out = len(raw.left_out)
    if prose:
        log.warning("%s: the page's main text leaves out %d characters of lines with sentences (ingest_log.csv, status left_out)", doc.source, prose)


# a web page's list mark, as a copy of its text keeps it (• , ▪ , ◦ ): a bullet and a blank before the item
_WEB_BULLET = re.compile(r"^\s*[•▪◦‣]\s+(?=\S)")


def logical_lines(raw_lines: list[str], doc: Document) -> tuple[list[str], list[int], list[str]]:
    """The file's physical lines as logical lines, repaired, before classification.

    Each physical line has its HTML entities unescaped (``&nbsp;``, ``&ldquo;``) and is cut at
    escaped line breaks (``\\r\\n``, ``\\n``, ``\\r``, ``<br>``); each part has mojibake
    repaired where the round trip is exact (:func:`pipeline.readers.repair_mojibake`), pinyin
    readings removed and blanks collapsed. Counts go to ``doc`` (``lines_split``,
    ``entities_unescaped``, ``mojibake_repaired``, ``pinyin_removed``, ``lost_char_runs``).

    Line numbers: a physical line cut into parts keeps its number. Its parts are logical
    lines of their own (each is classified, cut into paragraphs and logged on its own), and
    each part's paragraphs and log row carry the physical line's number, so ``file:line``
    still opens the right line of the file; the log's ``note`` says ``escaped line breaks:
    part k of n``. Every physical line thus has at least one log row, and as many as parts.

    Returns:
        ``(text, origin, notes)``: per logical line its text (not yet simplified), its
        0-based physical line, and what was done to it.
    """
    texts: list[str] = []
    origin: list[int] = []
    notes: list[str] = []
    for n, raw in enumerate(raw_lines):
        unescaped, n_entities = unescape_entities(raw)
        doc.entities_unescaped += n_entities
        parts = split_escaped_breaks(unescaped)
        doc.lines_split += len(parts) > 1
        for k, part in enumerate(parts, start=1):
            note = [f"{n_entities} HTML entities unescaped"] if n_entities else []
            if len(parts) > 1:
                note.append(f"escaped line breaks: part {k} of {len(parts)}")
            part, how = repair_mojibake(part)
            if how:
                doc.mojibake_repaired += 1
                note.append(f"mojibake repaired ({how})")
            part, n_pinyin = strip_pinyin(part)
            doc.pinyin_removed += n_pinyin
            part = clean_line(part)
            if bullet := _WEB_BULLET.match(part):
                # a page's list item copied as text (  • 时间:2012-04-20 09:10, • 2012年4月19日在宁波市): its mark is no part of what it says
                part = part[bullet.end() :]
                note.append("list mark removed")
            lost = lost_char_runs(part)
            if lost:
                doc.lost_char_runs += lost
                note.append(f"lost characters: {lost} run(s) of ?")
            texts.append(part)
            origin.append(n)
            notes.append("; ".join(note))
    marker = _line_end_marker(texts)
    if marker:
        # a site's marker at the end of its lines (政府工作报告2Iu, …会议上vfO, a copy-protection scheme's), and wherever the
        # crawl ran lines together (瑶海区BNC  第四届人民代表大会): no part of the text
        glued = re.compile(rf"(?<=[^\x00-\x7f\s]){re.escape(marker)}(?=\s|$)")
        for i, t in enumerate(texts):
            t2, k = glued.subn("", t)
            if k:
                texts[i] = t2.rstrip()
                notes[i] = "; ".join(x for x in (notes[i], f"site's line marker {marker} removed") if x)
    return texts, origin, notes


_MARKER_CANDIDATE = re.compile(r"(?<=[^\x00-\x7f\s万亿])([A-Za-z0-9]{2,4})$")  # (not 10万kW, 18.6亿kWh: a unit)
_MARKER_MIN_LINES = 5  # lines that must end in a site's marker (and a fifth of the lines of text at least) for it to be one
_MARKER_AFTER_MARK = 2  # …of them, after a sentence's or a salutation's mark (各位代表:vfO), as no unit or name of a thing stands


def _line_end_marker(texts: list[str]) -> str:
    """The token of 2–4 ASCII letters and digits (one letter at least, and not a year or a count) that a site glued to the
    end of many of a page's lines (2Iu, vfO, BNC), or ``""``."""
    ends = Counter(m.group(1) for t in texts if (m := _MARKER_CANDIDATE.search(t)) and re.search("[A-Za-z]", m.group(1)))
    if not ends:
        return ""
    token, n = ends.most_common(1)[0]
    lines = sum(1 for t in texts if t.strip())
    after_mark = sum(1 for t in texts if re.search(rf"[。：:；;！？!?]{re.escape(token)}$", t))
    return token if n >= _MARKER_MIN_LINES and n >= 0.2 * lines and after_mark >= _MARKER_AFTER_MARK else ""


def clean_lines(raw_lines: list[str], params: IngestParams, to_simplified, doc: Document) -> Lines:
    """Logical lines (see :func:`logical_lines`) converted traditional → simplified; each
    line classified on its own (the first 6 and last 8 non-blank lines are the page's edges,
    where site-owner lines are furniture). A line that still reads as garbled (text decoded
    with a wrong codec, not repairable) is of kind ``garbled``."""
    cleaned, origin, notes = logical_lines(raw_lines, doc)
    indented = [raw_lines[n][:1].isspace() for n in origin]
    running = running_lines(cleaned)
    headers = list(dict.fromkeys(cleaned[i].strip() for i in running))
    running = {origin[i]: n for i, n in running.items()}  # by physical line: indices change when lines are joined

    def not_text(line: str) -> bool:  # what a line ending in a comma does not run on into: furniture, metadata, a date line
        text = to_simplified(line)
        if _ends_sentence(text):
            return False  # a sentence, whatever its words (扫一扫即可办理。 关闭落后产能企业12家。)
        if classify_line(text, params.heading_max_chars).kind not in ("body", "heading"):
            return True
        return len(text) <= 20 and not _INNER_PUNCTUATION.search(text) and bool(find_date(text))

    cleaned, origin, notes, joined = join_wrapped(cleaned, origin, notes, indented, running, not_text)
    doc.lines_joined += sum(map(len, joined))
    simplified = to_simplified("\n".join(cleaned)).split("\n")
    text = simplified if len(simplified) == len(cleaned) else [to_simplified(s) for s in cleaned]
    nonblank = [i for i, line in enumerate(text) if line]
    edges = set(nonblank[:6]) | set(nonblank[-8:])
    kinds = []
    for i, line in enumerate(text):
        why = garbled(cleaned[i], lost_char_runs(cleaned[i])) if line else ""
        if why:
            kinds.append(LineKind("garbled", why))
            continue
        line = text[i] = ascii_alnum(line)
        if origin[i] in running and not joined[i]:
            n = running[origin[i]]
            kinds.append(LineKind("boilerplate", f"running header or footer (the same line at {n} page breaks)" if n > 1 else
                                  "running header or footer (at a page break, inside a sentence that runs on across it)"))
        else:
            kinds.append(classify_line(line, params.heading_max_chars, i in edges))
    _mark_link_list(text, kinds)
    lines = Lines(text=text, kinds=kinds, status=[("", "")] * len(text), origin=origin, notes=notes, joined=joined)
    lines.running = [to_simplified(h) for h in headers]
    return lines


# the head of a list of links to other pages or posts (往期推荐, 推荐阅读, 相关阅读, 相关链接)
_LINK_LIST = re.compile(r"^\W*(往期(推荐|回顾|精彩)|推荐阅读|精彩推荐|相关(阅读|链接|新闻|文章|推荐|文档|资料|文件|政策|信息)(推荐)?|延伸阅读|猜你喜欢|为你推荐|类似文章|TA的推荐"
                        r"|喜欢此文档的还喜欢)\W*$")
LINK_LIST_MAX_LINES, LINK_LIST_MAX_CHARS = 12, 50  # at most this many lines below it, of at most this many characters each


def _mark_link_list(text: list[str], kinds: list[LineKind]) -> None:
    """The lines under the head of a list of links (往期推荐 / ▶@恩施人，这份春季出行指南请收好！ / …),
    down to the next blank line: the titles of other posts, boilerplate; only when there are
    few, each is as short as a link's title (:data:`LINK_LIST_MAX_LINES`, :data:`LINK_LIST_MAX_CHARS`) and none ends a sentence
    with 。 or ；, and no sentence follows below the list (the 来源, 记者 and 编辑 lines of a post
    may: they keep their kinds)."""
    for i, line in enumerate(text):
        if kinds[i].kind in ("boilerplate", "heading") and _LINK_LIST.match(line):
            end = next((k for k in range(i + 1, len(text)) if not text[k] or kinds[k].kind == "boilerplate" and kinds[k].reason != "document site prompt"),
                       len(text))  # (or the footer below; a sharing site's list of documents is read already)
            links = [k for k in range(i + 1, end) if kinds[k].kind != "boilerplate"] or list(range(i + 1, end))
            after = [k for k in range(end, len(text)) if text[k] and kinds[k].kind in ("body", "heading")]
            if (links and len(links) <= LINK_LIST_MAX_LINES and all(len(text[k]) <= LINK_LIST_MAX_CHARS and kinds[k].kind in ("body", "heading", "boilerplate")
                                                                 and not re.search("[。；;]$", text[k]) for k in links)
                    and not any(re.search("[。！？]", text[k]) for k in after)):
                kinds[i] = LineKind("boilerplate", "the head of a list of links")
                for k in links:
                    if kinds[k].kind != "boilerplate":
                        kinds[k] = LineKind("boilerplate", f"a link under {line.strip()}")
    # a side column's links, each on its line behind a dot (·安达市 / ·肇东市 / ·海伦市 …): three or more in a row above
    # the first line of text (a list under a lead-in, 以下大事： / ·…, is text)
    # (or at the page's foot, under 相关新闻：)
    first_text = next((i for i, k in enumerate(kinds) if k.kind == "body"), len(text))
    foot = set([i for i, t in enumerate(text) if t.strip()][-_FOOT_LINES:])
    i = 0
    while i < len(text):
        k = i
        while k < len(text) and kinds[k].kind == "heading" and _DOTTED_LINK.match(text[k]):
            k += 1
        lead = next((text[j] for j in range(i - 1, -1, -1) if text[j].strip()), "")
        linked = bool(re.match(r"\s*(相关|推荐|延伸|往期|热点)", lead))  # (at the foot only under 相关新闻：…; a speech's last list is text)
        if k - i >= 3 and (i < first_text and (not lead.rstrip().endswith(("：", ":")) or linked) or i in foot and linked):
            for j in range(i, k):
                kinds[j] = LineKind("boilerplate", "navigation")
        i = max(k, i + 1)


_FOOT_LINES = 12
_DOTTED_LINK = re.compile(r"^\s*[·•・]\s*[^\s·•・。！？；，]{2,40}\s*$")
RUNNING_MIN_PAGES = 2  # a running header or footer stands at this many page breaks at least


def running_lines(texts: list[str]) -> dict[int, int]:
    """The running headers and footers of a paginated text (a PDF's text layer: 宁海县人民政府公报
    2023年第2期 on every page): by index, how many page breaks the same line stands at. A page
    break is a page number or a form feed; a line stands at one when it is within two
    non-blank lines of it. A candidate is short, has no punctuation (a title, not prose), is
    not a numbered item or a table row, and stands at :data:`RUNNING_MIN_PAGES` page breaks
    or more; its other occurrences (the title on the first page) are left alone."""
    stripped = [t.strip() for t in texts]
    nonblank = [i for i, t in enumerate(stripped) if t]
    breaks = {k for k, i in enumerate(nonblank) if PAGE_NUMBER.match(stripped[i]) or texts[i].lstrip(" ").startswith("\f")}
    # a page break shows in hard-wrapped text where a line interrupts a paragraph that runs on
    # (…成绩 / 宁海县人民政府公报 / 来之不易…), the page number aside
    width = wrap_width(texts)
    text_rows = [i for i in nonblank if not PAGE_NUMBER.match(stripped[i])]
    interrupts = {i for prev, i in zip(text_rows, text_rows[1:]) if _runs_on(stripped[prev], width)} if width else set()
    if len(breaks) < 2 and len(interrupts) < 2 and not (breaks and interrupts):
        return {}
    near_break = {i for k, i in enumerate(nonblank) if any(b in breaks for b in range(k - 2, k + 3))}
    found: dict[str, list[int]] = {}
    for i in sorted(interrupts | near_break):
        t = stripped[i]
        if (len(t) <= 40 and not PAGE_NUMBER.match(t) and not _INNER_PUNCTUATION.search(t) and not re.search("[！？!?]", t)
                and not _NEW_ITEM.match(t) and table_cells(t) is None):
            found.setdefault(t, []).append(i)
    # …or stands once, at a page break, inside a sentence (a two-page PDF's header on its second
    # page), shorter than a wrapped line (a line of the sentence without a comma is no header)
    return {i: len(where) for where in found.values() for i in where
            if len(where) >= RUNNING_MIN_PAGES or len(where) == 1 and i in interrupts and i in near_break and _width(stripped[i]) < 0.85 * width
            and not office_and_name(unspaced_name(stripped[i]))}  # (not a speaker's line over the text: 商城县人民政府县长  胡明远)


def _ends_sentence(line: str) -> bool:
    """The line ends a sentence (。！？；…, or a closing quote or bracket after one, or a note
    in brackets after one: 奋斗！（热烈掌声）)."""
    line = without_note(line)
    end = line.rstrip("”’」』）)\"'")
    return bool(end) and end[-1] in "。！？；!?;…" and (end == line or end[-1] in "。！？!?…")


def _width(line: str) -> float:
    """Display width: a Han character or full-width sign 1, an ASCII character ½."""
    return sum(0.5 if ord(c) < 128 else 1.0 for c in line)


# Punctuation inside a line: a line of prose has some; a heading, a title or a list item has none.
_INNER_PUNCTUATION = re.compile(r"[，,、；;：:“”（）()《》。]")


def _runs_on(line: str, width: float, starts_paragraph: bool = False) -> bool:
    """A line of prose (or a dateline) of about the wrap width that does not end a sentence.

    A ！ or ？ inside makes prose only of a line known to start a paragraph (indented where the
    text indents its paragraphs: 各位代表！让我们…); elsewhere it is a slogan (凝心聚力！奋力开创新局面).
    A table row (``| a | b |``) never runs on."""
    return (bool(line) and 0.85 * width <= _width(line) <= 1.15 * width and not _ends_sentence(line) and table_cells(line) is None
            and (bool(_INNER_PUNCTUATION.search(line[:-1])) or starts_paragraph and bool(re.search("[！？]", line[:-1]))
                 or dateline(line) is not None))


def wrap_width(texts: list[str], skip: frozenset[int] | set[int] = frozenset()) -> float:
    """The width at which ``texts`` were hard-wrapped, or 0 when they were not.

    A PDF's text layer (pdftotext, a copy from a PDF viewer) breaks every paragraph into lines
    of about the page's width, which end mid-sentence. The width is the median display width
    of the lines that do not end a sentence; the text counts as hard-wrapped when at least 30%
    of its lines are prose of about that width (0.85–1.15 times, with some punctuation inside)
    that does not end a sentence and runs on into the next line, and at most 10% are wider
    than 1.3 times it (text with a paragraph per line has many long lines; its unended lines
    are headings and list items of all lengths, without punctuation). Lines in ``skip`` (a
    PDF's running headers) are left out: they do not wrap and would pull the width down.
    """
    rows = [i for i, t in enumerate(texts) if t and not PAGE_NUMBER.match(t) and i not in skip]
    open_ended = [i for i in rows if not _ends_sentence(texts[i])]
    if len(open_ended) < 5:
        return 0.0
    width = float(np.median([_width(texts[i]) for i in open_ended]))
    if width < 10:
        return 0.0
    full = sum(_runs_on(texts[i], width) and i + 1 < len(texts) and bool(texts[i + 1]) for i in open_ended)
    wide = sum(_width(texts[i]) > 1.3 * width for i in rows)
    return width if full >= 0.3 * len(rows) and wide <= 0.1 * len(rows) else 0.0


# A line ending in a comma never ends a paragraph, whatever the wrapping: text copied from a web
# page, a chat app or a PDF viewer breaks lines anywhere (全县上下坚持稳中求进工作总基调，|地区生产总值…).
_OPEN_END = re.compile(r"[，,、]\s*$")


def _comma_runs_on(line: str) -> bool:
    return bool(_OPEN_END.search(line)) and table_cells(line) is None


def _garbled(line: str) -> bool:
    return bool(garbled(line, lost_char_runs(line)))


# a signature: the issuing body's name, alone on its line (XX县人民政府, 中共XX县委办公室)
# a notice's list of what it attaches: 附件：…, 附件1：…, and the numbered items below it
_ATTACHMENT = re.compile(r"\s*附\s*件\s*[0-9０-９一二三四五六七八九十]*\s*[:：]")
_SIGNATURE = re.compile(rf".{{2,30}}({ORGAN_WORDS})\s*")
# a line in brackets as a whole: a byline or a note (（记者 王五 通讯员 赵六）, 【责任编辑：李四】)
_BRACKETED = re.compile(r"\s*[（(【\[〔][^（()）【】\[\]〔〕]*[）)】\]〕]\s*")


_NEW_ITEM = re.compile(rf"^({CN_NUMBER}[、.．]|[(（]({CN_NUMBER}|\d{{1,3}})[)）]|\d{{1,2}}[、.．](?!\d)|第{CN_NUMBER}[章节部分篇条]|[—–-]{{2}})")


def join_wrapped(texts: list[str], origin: list[int], notes: list[str], indented: list[bool] | None = None,
                 running: dict[int, int] | None = None, not_text=None) -> tuple[list[str], list[int], list[str], list[tuple[tuple[int, int], ...]]]:
    """Join the lines of hard-wrapped text (see :func:`wrap_width`) back into paragraphs.

    A line of prose of about the wrap width that does not end a sentence runs on into the next
    non-blank line, across a page break too (blank lines, page numbers and ``running`` headers
    or footers, by physical line, between, which keep their own rows), unless that line starts a numbered item (一、 （二） 3. 第二部分) or a
    dateline (——), or, where the text marks paragraphs by indenting their first line
    (``indented``, per logical line), is indented. In any text, wrapped or not, a line ending
    in a comma (，、) runs on the same way (a paragraph never ends in one), across blank lines
    too, but not into a line that is not text (``not_text``: a page's furniture or metadata,
    a date line; a signature such as XX县人民政府; a bracketed byline such as （记者 王五）)
    nor from or into a garbled line, which stays apart to be logged; a list number alone on
    its line (一、) runs on into its heading whatever it is. Other text is returned as it is.

    Returns:
        ``(texts, origin, notes, joined)`` for the logical lines after joining; ``joined[i]``
        holds, for each physical line joined into line ``i`` after its first, its 0-based
        number and the offset in the joined text where it starts.
    """
    width = wrap_width(texts, {i for i, n in enumerate(origin) if running and n in running})
    joined: list[tuple[tuple[int, int], ...]] = [()] * len(texts)
    if not width and not any(map(_comma_runs_on, texts)):
        return texts, origin, notes, joined
    indented = indented or [False] * len(texts)
    share = sum(indented[i] for i, t in enumerate(texts) if t) / max(1, sum(map(bool, texts)))
    by_indent = 0.03 <= share <= 0.6  # indentation marks paragraph starts (not every line, not none)
    out_text, out_origin, out_notes, out_joined = [], [], [], []
    taken: set[int] = set()
    for i, text in enumerate(texts):
        if i in taken:
            continue
        parts, more, j, length = [text], [], i, len(text)
        while True:
            wrapped = bool(width) and _runs_on(texts[j], width, starts_paragraph=j == i and by_indent and indented[i])
            comma = not wrapped and _comma_runs_on(texts[j]) and not _garbled(texts[j])
            if not (wrapped or comma):
                break
            k = j + 1
            between = []
            while k < len(texts) and (not texts[k] or PAGE_NUMBER.match(texts[k]) or origin[k] in (running or {})):
                between.append(texts[k])
                k += 1
            if (k >= len(texts) or (between and not any(between) and not comma) or _NEW_ITEM.match(texts[k]) or by_indent and indented[k]
                    or table_cells(texts[k]) is not None):
                break
            if comma and not BARE_NUMBER.fullmatch(texts[j]) and (
                    _garbled(texts[k]) or _BRACKETED.fullmatch(texts[k]) or (not_text is not None and not_text(texts[k]))
                    or _SIGNATURE.fullmatch(texts[k]) and not _INNER_PUNCTUATION.search(texts[k])):
                break
            # a space only between two words of Latin letters: 1|500套 is 1500套, 6.2|% is 6.2%
            glue = " " if texts[j][-1].isascii() and texts[j][-1].isalpha() and texts[k][0].isascii() and texts[k][0].isalpha() else ""
            parts.append(glue + texts[k])
            more.append((origin[k], length + len(glue)))
            length += len(glue) + len(texts[k])
            taken.add(k)
            j = k
        out_text.append("".join(parts))
        out_origin.append(origin[i])
        out_joined.append(tuple(more))
        out_notes.append(_join_notes(notes[i], *(notes[m] for m in range(i + 1, j + 1) if m in taken),
                                     f"line breaks inside sentences: lines {origin[i] + 1}–{more[-1][0] + 1} joined" if more else ""))
    return out_text, out_origin, out_notes, out_joined


# a dash that may open a dateline inside a line (…的报告 ——2023年7月25日在…会议上)
_DASH = re.compile(r"[—―–－]{1,2}|-{2}")
# a title, its day in brackets, its speaker and the meeting it was given at, on one line (a crawl that lost the breaks)
_RUN_ON_TITLE_BLOCK = re.compile(r"(?P<title>[^（()）。，：:]{4,60}?)\s*(?P<day>[（(]\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[)）])\s*"
                                 r"(?P<who>[\u4e00-\u9fff]{2,4})\s+(?P<sub>在[^。！？]{4,80}?上的(?:工作报告|报告|讲话|发言|致辞))\s*")
_MEETING_IN = re.compile(r"(会议|大会|全会)\S{0,6}上")  # (…a short line's dateline names its meeting, not a date alone: 工作总结 —2019年)


def cut_title_from_dateline(lines: Lines, params: IngestParams) -> None:
    """A text whose first line runs its title into its dateline and on into the report (a
    crawl that lost the line breaks: 成都市武侯区人民政府关于…的报告 ——2023年7月25日在…会议上
    区长　刘思远 主任、各位副主任…：…): the title is cut off as a line of its own, a heading, so
    that the dateline, the speaker and the title are read as they are where the lines were
    kept. Only a title without punctuation of a sentence, of 4–60 characters, before a dash
    that opens a dateline (see :func:`pipeline.text.dateline`)."""
    # (on the first line of text, or on one of the next two under a site's bar: 天津市政府门户网站 政务邮箱 / 2014年政府工作报告
    # ——2013年11月27日在天津市滨海新区第二届人民代表大会第一次会议上)
    for first in [i for i in lines.nonblank if lines.open(i) and lines.kinds[i].kind in ("heading", "body")][:3]:
        line = lines.text[first]
        if dateline(line):
            return
        if m := _RUN_ON_TITLE_BLOCK.fullmatch(line):
            # a title block run into one line (思想再解放… (2019年1月11日)李贻伟 在中国共产党惠州市…会议上的报告): its lines again
            parts = [m.group("title").strip(), m.group("day").strip(), m.group("who"), m.group("sub").strip()]
            lines.split(first, [(t, classify_line(t, params.heading_max_chars, False)) for t in parts], "title block run into one line")
            return
        for m in _DASH.finditer(line, 0, 64):
            head = line[: m.start()].strip()
            if 4 <= len(head) <= 60 and not re.search("[。！？；，,：:]", head) and dateline(line[m.start() :]) and (
                    len(line) > params.heading_max_chars or _MEETING_IN.search(line, m.start())):
                rest = line[m.start() :]
                lines.split(first, [(head, LineKind("heading")), (rest, classify_line(rest, params.heading_max_chars, False))], "title run into its dateline")
                return


def mark_dateline(lines: Lines, doc: Document, params: IngestParams) -> None:
    """A report's dateline (——2025年1月14日在…大会…上 省长某某作) among its first four
    lines of text (blank, furniture and metadata lines such as a scraper's header not
    counted): its date (source ``meeting line``), its speaker as the author, its text in the
    title zone. A dateline run into the report's first sentence is cut from it: the dateline
    becomes a logical line of its own and the rest stays body text."""
    window = [i for i in lines.nonblank if lines.open(i) and lines.kinds[i].kind in ("heading", "body")][:4]
    for i in reversed(window):  # from the last, so that cutting a line keeps the others' indices
        found = dateline(lines.text[i])
        if not found:
            continue
        line = lines.text[i]
        if found.end < len(line):
            rest = line[found.end :].strip()
            lines.split(i, [(line[: found.end].strip(), lines.kinds[i]), (rest, classify_line(rest, params.heading_max_chars, False))], "date line run into the text")
        lines.mark(i, "metadata", "date line")
        if found.date:
            lines.dates.insert(0, Dated(found.date, "meeting line", i))
        doc.author = found.speaker or doc.author
        lines.zones["title"].insert(0, lines.text[i])
        lines.kinds[i] = LineKind("metadata", "date line")


# where a later dateline names its meeting: 在…人民代表大会第三次会议上 (not a caption's …会议开幕
# or a resolution's …会议通过)
_NAMES_MEETING = re.compile(r"在[^，。；：,;:！？!?]{0,80}?(会议|大会|全会)\s*(开幕式|闭幕式|开幕|闭幕)?\s*上")


def mark_later_datelines(lines: Lines, doc: Document) -> None:
    """In a report that opens with a dateline (``meeting line``), a line further down that is
    another such dateline opens another report: the file holds several documents, all of which
    get the first's date, locality and author. Such a line is metadata (the log's reason says
    so) and its date goes to ``doc.later_datelines`` (:func:`ingest` warns). Only a whole line
    that names its meeting (在…会议上), gives another date and ends without a sentence end
    counts: a repeated dateline, a caption (…会议开幕), a resolution's note (…会议通过) or a
    sentence (2024年3月5日，市长…在…大会上作讲话。) stay as they were. Runs after the header
    passes, on the lines they left open. (In 124 real reports, speeches and news items, no
    such line stands below the top.)"""
    first = next((d.date for d in lines.dates if d.source == "meeting line"), "")
    later = []
    for i in lines.nonblank if first else ():
        if not lines.open(i) or lines.kinds[i].kind not in ("heading", "body"):
            continue
        text = lines.text[i].strip()
        found = dateline(text)
        if not (found and found.date and found.date != first and found.end == len(text)) or text[-1] in "。！？!?" or not _NAMES_MEETING.search(text):
            continue
        lines.mark(i, "metadata", f"dateline of another report ({found.date}) in this file: its paragraphs are dated as the file's first report ({first}); "
                                  "split the file to date each")
        lines.kinds[i] = LineKind("metadata", "later date line")
        later.append(found.date)
    later += _later_notices(lines, doc.title)
    doc.later_datelines = "; ".join(later)


# the title of another document that a file holds below a notice's signature (see _later_notices)
ANOTHER_DOCUMENT = "another document's title"


# a notice that passes on another (关于转发…的通知, 关于印发…的通知): what follows its signature is that
# document, however it is titled
_ISSUES_ANOTHER = re.compile(r"转发|批转|印发|颁发")


def _later_notices(lines: Lines, doc_title: str) -> list[str]:
    """A notice signed and dated (信丰县人民政府办公室 / 2021年2月3日) with another notice's header right
    below it (its issuer, and its title: 关于开展…的通知): the file holds several documents. The
    later title heads its own paragraphs, under no heading of the first (its kind says
    :data:`ANOTHER_DOCUMENT`); its issuer line is metadata; the date it is signed with is
    returned. (A notice with the document it issues or forwards below, under a 关于印发/关于转发
    ``doc_title``, is one document, whatever the title below.)"""
    text_lines = [i for i in range(len(lines.text)) if lines.kinds[i].kind in ("heading", "body")]
    signed = {d.line: d.date for d in lines.dates if d.source == "signature"}
    later = []
    for k, i in enumerate(text_lines):
        if lines.status[i][1] != "date line (a notice's signature)":
            continue
        head = [j for j in text_lines[k + 1 : k + 3] if lines.open(j)]
        if head and _SIGNATURE.fullmatch(lines.text[head[0]].strip()) and not _INNER_PUNCTUATION.search(lines.text[head[0]]):
            issuer, head = head[0], head[1:]
        else:
            issuer = None
        title = lines.text[head[0]].strip() if head else ""
        if not (title.startswith("关于") and title.endswith("通知") and len(title) <= 80 and not _SENTENCE_MARK.search(title)) or _ISSUES_ANOTHER.search(doc_title):
            continue
        if issuer is not None:
            lines.mark(issuer, "metadata", "issuer of another document in this file")
        lines.kinds[head[0]] = LineKind("heading", ANOTHER_DOCUMENT)
        date = next((signed[j] for j in sorted(signed) if j > head[0]), "")
        if date:  # (the same date too: another document all the same)
            later.append(date)
    return later


_NUMBERED = re.compile(rf"^(第{CN_NUMBER}[章节部分篇]|{CN_NUMBER}[、.．]|[(（]{CN_NUMBER}[)）])")


_MENU = {"navigation", "breadcrumb"}
_MEETING_END = re.compile(r"(会议|大会|全会|会)\s*(开幕式|闭幕式|开幕|闭幕)?\s*上(的讲话|的报告)?\s*[)）]?$")
_ARROW = re.compile(r"^\s*[>＞›»]")
# a subtitle naming the meeting a report was given at, with no date (——在…会议上, ——在…全体会议上的工作报告,
# （在…大会上的讲话）)
_UNDATED_MEETING = re.compile(r"^\s*([—―–\-－]{1,2}|[（(])\s*在[^，。；！？]{2,60}?(会议|大会|全会)\s*(开幕式|闭幕式|开幕|闭幕)?\s*上"
                              r"(的[^，。；！？\s]{0,6}?(讲话|报告|发言|致辞|总结))?\s*[)）]?\s*(（[^（）]{1,12}）)?\s*$")  # （摘要）


# a meeting as a cover names it, without 在…上 (前郭尔罗斯蒙古族自治县第十五届人民代表大会第五次会议,
# 政协…第十一届委员会第三次会议, a line of its own: 第二次会议)
# (a standing committee or a 政协 committee alone, 澧县第十八届人民代表大会常务委员会, is an issuer)
_SESSION = re.compile(rf"^([\u4e00-\u9fff]{{0,30}}?第{CN_NUMBER}届(人民代表大会|人大)\s*(第{CN_NUMBER}次(全体)?会议)?"
                      rf"|[\u4e00-\u9fff]{{0,30}}?第{CN_NUMBER}届(人民代表大会|委员会)(常务委员会)?\s*第{CN_NUMBER}次(全体)?会议"
                      rf"|第{CN_NUMBER}次(全体)?会议)$")
_PAPER_LABEL = dict(OFFICIAL_DOCUMENT)["meeting paper label"]
_REPORTER_KEY = re.compile(r"^\s*(?:报告人|汇报人|讲话人)\s*[:：]\s*(\S.{0,30})$")
_MONTH_DAY = re.compile(r"^\s*[（(]?\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*[)）]?\s*$")


def _meeting_year(title: str) -> str:
    """The year of the meeting a speech's title names, when it is the title's one year (在全市2015年安全生产工作会议上的讲话),
    or ``""``: not a report's year under review (2015年度述职述廉报告, 关于2020年预算执行情况和2021年预算草案的报告), nor a
    December's date (a year's economic meeting is often held the December before)."""
    years = set(re.findall(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)", title))
    if len(years) != 1 or not re.search(r"在.{0,40}(会议|大会|会)上的(讲话|发言|致辞|报告)|政府工作报告$", title) or re.search("年度|周年|纪念|预算|决算|总结", title):
        return ""
    return years.pop()


_COLUMN_LABEL = re.compile(r"^\s*[【\[][^【】\[\]]{2,16}[】\]]\s*$|^\s*[·•]\s*[\u4e00-\u9fff]{2,8}\s*[·•]\s*$")  # (【州政府工作报告】, · 领导讲话 ·)
_TOP_LINES = 6
_ATTACHMENT_LABEL = re.compile(r"^\s*附\s*件\s*[\d一二三四五六七八九十]{0,2}\s*[:：]?\s*$")
_CRUMB_CHARS = 8  # a breadcrumb's item (领导讲话, 政策解读)
_PAPER_NUMBER = re.compile(r"^\s*[（(]\s*之?\s*[\d一二三四五六七八九十](\s*[\d一二三四五六七八九十]){0,2}\s*[)）]\s*$")  # (a scan's spaced (十 二) too)


# an editor's note on the text under its title (（本刊转载时有删节）, （有删节）, （摘要）, （节选）, （全文）)
_EDITORIAL_NOTE = re.compile(r"^\s*[（(](?![^（）()]*(?:报告|讲话|会|转载自))[^（）()]{0,12}?(删节|摘要|节选|摘编|全文)[^（）()]{0,6}[）)]\s*$")


# a speech's note that it was transcribed from a recording (（根据录音整理，未经本人审阅）): said of the text, no title
_TRANSCRIBED = re.compile(r"^\s*[（(][^（）()]{0,16}?(录音整理|未经本人审阅|未经本人审定|据录音)[^（）()]{0,16}[）)]\s*$")
# …and the day or the month it names (（2021年2月，根据录音整理）), the speech's
_NOTE_MONTH = re.compile(r"(\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月")


# a title that is whole: it ends in what kind of document it is (…工作总结, …的通知, …实施方案)
_GENRE_END = re.compile(r"(报告|总结|讲话|发言|致辞|通知|通报|意见|方案|要点|计划|规划|决定|公报|纲要|办法|细则|汇报|述职|思路|打算|设想|纪要)(（[^）]*）)?\s*$")
# a headline that reports someone speaking (…会议召开 黄振宇梁海清出席并讲话, …作重要讲话) or reporting
# (…人大四次会议开幕 韦家荣作政府工作报告): news, not the speech or the report
_REPORTS_SPEAKING = re.compile(r"(出席|并|作|发表)(重要|动员|总结)?讲话\s*$|(?P<who>[\u4e00-\u9fff]{2,3})作(?!的)[\u4e00-\u9fff]{0,10}报告\s*$")


# a document's title and its day in brackets on one line ((江苏省)苏州市人民政府工作报告(2023年1月7日); a province set before it in brackets)
_TITLE_THEN_DAY = re.compile(r"\s*(?P<title>(?:[（(][\u4e00-\u9fff]{2,8}[)）])?[^。！？；，,：:（）()]{4,60}?)\s*[（(]\s*(?P<day>[^（）()]{6,24}?)\s*[)）]\s*")


def names_document(title: str) -> bool:
    """Whether a title names the document it heads by its genre (…工作报告, …的讲话), not news of someone speaking."""
    m = _REPORTS_SPEAKING.search(title)  # (作…报告 after someone: not 工作报告)
    who = (m.group("who") or "") if m else ""
    speaking = bool(m) and (not who or looks_like_person(who) or bool(re.search("(书记|[省市县区州盟旗乡镇]长|主任|主席)$", who)))
    # (a headline of a meeting held and who spoke at it, set apart: 县政府召开第四次全体会议 杨鹏讲话)
    speaking = speaking or bool(_HELD_THEN_SPOKE.search(title))
    return bool(_GENRE_END.search(title)) and not speaking


_HELD_THEN_SPOKE = re.compile(r"(召开|举行|开幕|闭幕|举办)\S{0,20}\s+[\u4e00-\u9fff]{2,4}(?:出席并)?讲话\s*$")


# an entry of a table of contents: its page at the end, after leaders or a blank (第一章  发展基础 ……… 2, …讲话………吴晓东（1）,
# 1.…工作回顾 2, — I —), or at the start, as a magazine sets it (04  牢记总书记嘱托…)
_TOC_ENTRY = re.compile(r"(\.{4,}|…{2,}|·{4,}|．{4,}|…\.|[—-]{6,})\s*([\u4e00-\u9fff·]{2,8}\s*)?([（(]\s*\d{1,4}\s*[)）]|\d{1,4}|[IVXivx]{1,5})\s*$"
                        r"|\S\s+\d{1,4}\s*$|^\s*\d{1,3}\s+[\u4e00-\u9fff“《]")


_GAZETTE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,30}(人民政府|政府|人民代表大会常务委员会|人大常委会)公报$")


def _gazette_cover(line: str) -> bool:
    """A gazette cover's name (潍 坊 市 人 民 政 府 公 报, letter-spaced or not) or its year alone (2016)."""
    return bool(_GAZETTE_NAME.match(closed_up(line)) or re.fullmatch(r"\s*(19|20)\d{2}\s*", line))

_TEASER_CHARS = 40  # a teaser holds the title and the text's opening: longer than a headline that ends in …
_TEASER_LINES = 15  # …among the first lines, under the site's header


PREVIOUS_TAIL = "the end of the piece before, above this document's title (a compilation's or a yearbook's page)"
# how a piece ends: its contributor (（县委办公室供稿）), a 抄送 or 印发 line, a speech's call (…而努力奋斗！)
_PIECE_END = re.compile(r"[（(][^（）()]{1,24}(供稿|撰稿|整理|执笔|提供)[)）]$|^(抄送|抄报|分送|印发)|(让我们|努力奋斗|而奋斗|而努力|新的更大贡献|再立新功)[^。]{0,30}[！!]$")


def _previous_tail(lines: Lines) -> list[int]:
    """The lines above a document's title block that end another piece (see :data:`_PIECE_END`; also a
    date alone, a signature's), where a compilation's page opens with them: a title (a heading) followed
    within three lines by its dateline or its meeting line, within four by a document number, by a 关于 title's end, or by a
    salutation within six; nothing above it that opens a speech or presents one. ``[]`` where none."""
    kinds = lines.kinds
    seen = [i for i in lines.nonblank[:40] if lines.open(i) and kinds[i].kind not in ("boilerplate", "blank")]
    # (a date alone is a signature's: 二OO二年五月八日, 2021年3月2日; not a dateline, ——2021年2月2日在…)
    closing = lambda x: bool(_PIECE_END.search(x) or find_date(x) and not re.sub(r"[\d〇○零一二三四五六七八九十年月日OoΟ\s]", "", x))  # noqa: E731
    for n, t in enumerate(seen[1:12], start=1):
        if kinds[t].kind != "heading" or closing(lines.text[t].strip()):
            continue
        after = [lines.text[j].strip() for j in seen[n + 1 : n + 7]]
        heads = [lines.text[t].strip(), *after[:3]]
        block = (any(meeting_day(a) or _UNDATED_MEETING.match(a) or (d := dateline(a)) and d.date for a in after[:3])
                 or any(re.search(r"[〔\[［]\s*(19|20)\d{2}\s*[〕\]］]\s*\d{1,4}\s*号$", a) for a in after[:4])
                 or any(h.startswith("关于") or DOCUMENT_TITLE.match(h) or DOCUMENT_TITLE.match(h + g) for h, g in zip(heads, heads[1:]))
                 or any(_SALUTATION.match(a) for a in after))
        if not block:
            continue
        above = seen[:n]
        texts = [lines.text[j].strip() for j in above]
        if any(_SALUTATION.match(x) or _PRESENTS_SPEECH.search(x) or "编者按" in x for x in texts) or len(above) > 10:
            return []
        # (the piece's end is text, a sentence, or its 抄送 block: not a cover's date under its title, 政府工作报告 / 2022年1月19日)
        has_text = any(kinds[j].kind == "body" or kinds[j].kind == "metadata" and _PIECE_END.search(lines.text[j].strip()) for j in above)
        return above if has_text and any(closing(x) for x in texts[-6:]) else []
    return []


# a briefing's or a bulletin's masthead line: the body that compiles it and its day, set apart (中共六安市委政策研究室　　2017年6月12日)
_BRIEFING_MASTHEAD = re.compile(r"\s*(?P<body>\S{4,30}?)(?:\s*编)?[ \u3000]+(?P<day>(19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*")


def mark_header(lines: Lines, doc: Document, gazetteer: Gazetteer) -> None:
    """Short unpunctuated lines above the first body line and the first numbered heading
    (一、 （一） 第一部分): the title (and a byline or a date among them), or site furniture
    when they stand above the navigation."""
    kinds = lines.kinds
    for i in lines.nonblank[:8]:  # (a briefing's masthead line, longer than a heading, is the header's: see below)
        if kinds[i].kind == "body" and (m := _BRIEFING_MASTHEAD.fullmatch(lines.text[i])) and _bodies_only(m.group("body")):
            kinds[i] = LineKind("heading", "heading")
    # a briefing's or a bulletin's name over its issue (工 作 简 报 / 第12期（总第136期）, 齐齐哈尔政务信息 / 第18期): who printed it, no title
    for i, j in zip(lines.nonblank[:10], lines.nonblank[1:11]):
        below = [n for n in lines.nonblank if j < n][:4]
        titled = any(kinds[n].kind == "heading" and not _BRIEFING_MASTHEAD.fullmatch(lines.text[n]) and not find_date(lines.text[n]) for n in below)
        if (kinds[i].kind == "heading" and kinds[j].reason == "issue number" and len(closed_up(lines.text[i]).strip()) <= 12
                and not _GENRE_END.search(closed_up(lines.text[i]).strip()) and lines.open(i) and titled):  # (a title of its own below)
            kinds[i] = LineKind("metadata", "source/date line")
            lines.mark(i, "metadata", "masthead (a briefing's name over its issue)")
            lines.zones["source"].append(lines.text[i])
            doc.source_name = doc.source_name or closed_up(lines.text[i]).strip()
    # a repost's card names the account it comes from, then the account's name again (以下文章来源于湄潭发布 / 湄潭发布): no title
    for i, j in zip(lines.nonblank, lines.nonblank[1:]):
        if ((card := re.match(r"\s*以下文章来源于\s*([^\s，,]{2,20})(\s*[，,]\s*作者\s*\S{2,30})?\s*$", lines.text[i])) and lines.open(j)
                and lines.text[j].strip().rstrip(".。") == card.group(1)):  # (the name again, with the card's trailing dot: 寻乌发布.)
            kinds[j] = LineKind("boilerplate", "social media profile")
            lines.mark(j, "boilerplate", "social media profile")
    # a site's name above its menu, long with its name transliterated (日喀则市人民政府  gzhis ka rtse grong khyer …): furniture
    top = lines.nonblank[:_TOP_LINES]
    menu = max((i for i in top if kinds[i].kind == "boilerplate" and kinds[i].reason in _MENU and re.search(r"[|｜>＞›»]|首页", lines.text[i])),
               default=-1)
    for i in top:
        if (i < menu and kinds[i].kind == "body" and lines.open(i) and len(lines.text[i]) <= 80 and not re.search("[。！？；]", lines.text[i])
                and re.search(r"人民政府|政府网|门户网|网站", lines.text[i])):
            lines.mark(i, "boilerplate", "site header above the navigation")
    # a teaser above the text that repeats its opening (a document site's abstract: 保康镇2013年工作总结_政史地_行业资料。
    # 保康镇2013年工作总结 2013年，在旗委、旗政府的正确领导下，…): not text
    for i in lines.nonblank[:_TEASER_LINES]:
        text = lines.text[i].rstrip()
        if (kinds[i].kind == "body" and lines.open(i) and len(text) >= _TEASER_CHARS and (m := re.search(r"(……|…|\.{3,6})$", text))
                and len(probe := re.sub(r"\s", "", text[: m.start()])[-20:]) >= 12
                and any(probe in re.sub(r"\s", "", lines.text[j]) for j in lines.nonblank if j > i)):
            lines.mark(i, "boilerplate", "teaser (repeats the text below)")
            kinds[i] = LineKind("boilerplate", "teaser")
            # …and what stands above it is the site's: its name, the uploader's title, the categories and counts
            # (百度文库 / 专业资料 / 人文社科 / 0人阅读|0次下载); the document's own title is below
            if lines.shared and all(kinds[j].kind != "body" or not lines.open(j) for j in lines.nonblank if j < i):
                for j in (j for j in lines.nonblank if j < i and lines.open(j)):
                    lines.mark(j, "boilerplate", "site header above the teaser")
                    kinds[j] = LineKind("boilerplate", "site header above the teaser")
            break

    # a compilation's or a yearbook's page that opens with the end of the piece before (…而努力奋斗！ / （县委办公室供稿）,
    # a signature's date, a 抄送 block) above this document's title block: not this document's text
    for i in _previous_tail(lines):
        kinds[i] = LineKind("boilerplate", PREVIOUS_TAIL)
        lines.mark(i, "boilerplate", PREVIOUS_TAIL)
        lines.dates = [d for d in lines.dates if d.line != i]

    # a post's headline however it reads (刚刚，市委书记这场讲话释放强烈信号！) over its account's line (原创 泉州发布 2024-02-19 20:30)
    if (len(lines.nonblank) >= 2 and kinds[(h := lines.nonblank[0])].kind == "body" and len(lines.text[h].strip()) <= 80
            and not re.search("[。；;]", lines.text[h])
            and _POST_LINE.match(lines.text[lines.nonblank[1]]) and find_date(lines.text[lines.nonblank[1]])):
        kinds[h] = LineKind("heading", "heading")

    def body_start() -> int:  # the first body line or numbered heading still open (not a number alone: a cover's volume, （一）)
        return next((i for i, k in enumerate(kinds) if (k.kind == "body" or k.kind == "heading" and (m := _NUMBERED.match(t := lines.text[i].strip()))
                                                         and t[m.end():].strip()) and lines.open(i)),
                    len(lines.text))

    first_body = body_start()
    if (first_body < len(lines.text) and kinds[first_body].kind == "body" and DOCUMENT_TITLE.match(lines.text[first_body])
            and not any(re.fullmatch(r"(本期)?目\s*录", lines.text[i].strip()) for i in range(first_body))):
        # the first line of text is an official document's title, longer than a heading (…关于印发…实施方案的通知):
        # the header goes on below it (not a gazette's table of contents)
        kinds[first_body] = LineKind("heading", "heading")
        first_body = body_start()
    # a paper's or a magazine's name over its romanised name (绵阳日报 / MIANYANG RIBAO): who printed the text
    # (a pinyin name, not a cover's translation of its title, GOVERNMENT WORK REPORT, nor its title's pinyin), and the paper's
    # day with its weekday under it (2012年1月17日  星期二)
    for n, (i, below) in enumerate(zip(lines.nonblank, lines.nonblank[1:])):
        if (i < first_body and kinds[i].kind == "heading" and kinds[below].reason == "masthead" and pinyin_line(lines.text[below])
                and len(text := lines.text[i].strip()) <= 12 and not _GENRE_END.search(text) and not _DOCUMENT_TITLE_END.search(text)):
            kinds[i] = LineKind("metadata", "source/date line", text)
            lines.mark(i, "metadata", "masthead")
            doc.source_name = doc.source_name or text
            lines.zones["source"].append(text)
            for j in lines.nonblank[n + 2 : n + 5]:
                if lines.open(j) and PAPER_DAY.match(lines.text[j].strip()):
                    lines.mark(j, "metadata", "source/date line (the paper's day)")
                    kinds[j] = LineKind("metadata", "source/date line")
                    lines.dates.append(Dated(find_date(lines.text[j]), "source/date line", j))
                    lines.zones["source"].append(lines.text[j])
    # an e-paper copied as text: its name over the paper's day (吉林日报数字报 / 2017年01月04日 星期三), and the list of the
    # page's articles under its label, to the blank line (本版标题导航 / 在全省经济工作会议上的讲话 / 省委常委会召开会议 / …)
    for n, i in enumerate(lines.nonblank):
        if i >= first_body:
            break
        if (kinds[i].reason == "site name" and re.search(r"报\s*(数字报|电子报|电子版)$", lines.text[i].strip())
                or re.fullmatch(r"[\u4e00-\u9fff]{2,10}(日报|晚报|时报)", lines.text[i].strip())):  # (…or a paper's page as a PDF: 湖南日报 / 2021年3月5日 星期五  3)
            for j in lines.nonblank[n + 1 : n + 3]:
                if lines.open(j) and PAPER_DAY.match(lines.text[j].strip()):
                    lines.mark(j, "metadata", "source/date line (the paper's day)")
                    kinds[j] = LineKind("metadata", "source/date line")
                    lines.dates.append(Dated(find_date(lines.text[j]), "source/date line", j))
                    lines.zones["source"] += [lines.text[i], lines.text[j]]
                    doc.source_name = doc.source_name or lines.text[i].strip()
                    if lines.open(i):
                        lines.mark(i, "metadata", "masthead")
                        kinds[i] = LineKind("metadata", "source/date line")
        if kinds[i].reason == "navigation" and re.sub(r"[\s:：]", "", lines.text[i]) in ("本版标题导航", "标题导航", "本版导航", "本版新闻列表", "本版文章", "本版文章列表"):
            # (to a blank line or the first item said again, the article's own title; where a speaker's name or a date
            # ends the run, the last line above it is the article's title, not an item)
            items: list[int] = []
            for j in range(i + 1, len(lines.text)):
                text = lines.text[j].strip().lstrip("・·•")
                if kinds[j].reason == "byline" and items:
                    items = items[:-1]  # (a reporter's line under the article's title, with no blank line before it)
                    break
                if not text or kinds[j].kind not in ("heading", "body") or len(text) > 40 or re.search("[。；！？]", text):
                    break
                if any(lines.text[k].strip().lstrip("・·•") == text for k in items):
                    break
                after = next((lines.text[n].strip() for n in range(j + 1, len(lines.text)) if lines.text[n].strip()), "")
                if (office_and_name(unspaced_name(text)) or find_date(text)
                        or looks_like_person(unspaced_name(text)) and (find_date(after) or _BRACKETED_DAY.fullmatch(after) or _SALUTATION.match(after)
                                                                      or classify_line(after, 40).kind == "body")):
                    items = items[:-1]  # (a byline, the name over the speech's day, or a date line: the title is above it)
                    break
                items.append(j)
            for j in items:
                kinds[j] = LineKind("boilerplate", "e-paper's list of the page's articles")
                lines.mark(j, "boilerplate", "e-paper's list of the page's articles")
    first_body = body_start()
    # a table of contents: its entries follow its label, with their page numbers (目录 / 1.…工作回顾 2)
    toc = [i for i in range(first_body) if kinds[i].kind == "boilerplate" and kinds[i].reason == "table of contents"]
    # (a magazine's: 04  牢记总书记嘱托…, under its columns' names, 特别策划)
    entry = lambda j: (kinds[j].kind in ("heading", "body") and lines.open(j) and len(lines.text[j]) <= 120  # noqa: E731
                       and bool(_TOC_ENTRY.search(lines.text[j])))
    for i in toc:
        after = [j for j in lines.nonblank if j > i]
        for n, j in enumerate(after):
            nxt = after[n + 1] if n + 1 < len(after) else None
            column = (kinds[j].kind == "heading" and (len(lines.text[j].strip()) <= 6 or _COLUMN_LABEL.match(lines.text[j])) and nxt is not None
                      and (entry(nxt) or n + 2 < len(after) and entry(after[n + 2])))
            # (a gazette's entry over two lines: its title, then its number with the leaders and page, （潍政发〔2016〕6号）………1)
            wrapped = kinds[j].kind in ("heading", "body") and nxt is not None and entry(nxt) and bool(re.match(r"\s*[（(]", lines.text[nxt]))
            if not (entry(j) or column or wrapped):
                break
            kinds[j] = LineKind("boilerplate", "table of contents")
            lines.mark(j, "boilerplate", "table of contents")
    first_body = body_start()
    # …ends the cover: the headings below it are the text's (序言, 第一章); a title below it where none stands above
    header = [i for i in range(first_body) if kinds[i].kind == "heading"]
    if toc:
        end = max(i for i in range(first_body) if kinds[i].reason == "table of contents")
        # (entries said again below as headings, two or more, are the text's sections: 泽州's 要点之一, 要点之二; one
        # is the article a magazine's pages hold, its title)
        entries = "".join(re.sub(r"\s", "", lines.text[i]) for i in range(toc[0], end + 1)
                          if kinds[i].reason == "table of contents" and _TOC_ENTRY.search(lines.text[i]))  # (not its columns' names)
        again = [i for i in lines.nonblank if i > end and len(bare := re.sub(r"\s", "", lines.text[i])) >= 4 and bare in entries]
        before = [i for i in header if i < toc[0]]
        titled = any(not (find_date(t := lines.text[i]) or year_month_line(t) or _bodies_only(t.strip()) or _PAPER_LABEL.match(closed_up(t))
                          or _gazette_cover(t) or _UNDATED_MEETING.match(t) or _SESSION.match(t.strip())
                          or (m := _NUMBERED.match(t.strip())) and not t.strip()[m.end():].strip()) for i in before)
        # (a date, an issuer, a meeting or a label above the table is the cover's furniture, no title: 九江市第十四届人民代表大会 /
        # 第三次会议文件 / （一） over a session's papers)
        header = before if titled else before + [i for i in header if i > end and (len(again) < 2 or i not in again)]
    # a site's menu or breadcrumb: what stands above it is the site's header (a widget below a
    # news title, 【打印】【关闭】 or 字号：大 中 小, is not)
    # (a breadcrumb that the page's layout cut into lines, 您现在的位置： / 首页 / >> 政务公开, ends
    # at its last arrow)
    # above the headline only: a breadcrumb without its key, a lone weather widget, a meeting paper's label
    weather = [i for i in range(len(lines.text)) if WEATHER.match(lines.text[i].strip())]
    for i in list(header):
        text = lines.text[i].strip()
        if KEYLESS_CRUMB.match(text):
            kinds[i] = LineKind("boilerplate", "breadcrumb")
            lines.mark(i, "boilerplate", "breadcrumb")
        elif len(weather) == 1 and weather[0] == i:
            kinds[i] = LineKind("boilerplate", "weather widget")
            lines.mark(i, "boilerplate", "weather widget")
        elif _PAPER_LABEL.match(text) or _PAPER_LABEL.match(closed_up(text)):
            kinds[i] = LineKind("metadata", "meeting paper label")
            lines.mark(i, "metadata", "meeting paper label")
        elif toc and i < toc[0] and _gazette_cover(text):
            # a gazette's cover over its table of contents (潍 坊 市 人 民 政 府 公 报 / 2016 / 第 4 期): the gazette, not the title
            kinds[i] = LineKind("metadata", "gazette header")
            lines.mark(i, "metadata", "gazette header")
            lines.zones["source"].append(text)
        elif (re.fullmatch(r"(文件|材料)(之[一二三四五六七八九十]{1,3})?", closed_up(text)) and (above := [j for j in header if j < i])
              and _PAPER_LABEL.match(closed_up(lines.text[above[-1]]) + closed_up(text))):
            # the label set over two lines of a cover (县委十四届六次全会暨县委经济工作会议 / 材    料)
            for j in (above[-1], i):
                kinds[j] = LineKind("metadata", "meeting paper label")
                lines.mark(j, "metadata", "meeting paper label")
    # a menu the page's layout cut into lines, one link a line (首页 / 要闻动态 / 政务公开 / 政务服务): three or more
    # lines of one short word each, opened by 首页 or with two of a menu's words
    run: list[int] = []
    for i in [*header, -1]:
        if i >= 0 and re.fullmatch(r"[\u4e00-\u9fff]{2,6}", lines.text[i].strip()) and (not run or i == run[-1] + 1):
            run.append(i)
            continue
        words = [lines.text[j].strip() for j in run]
        if len(run) >= 3 and (words[0] in ("首页", "网站首页") or sum(bool(MENU_WORD.search(w)) for w in words) >= 2):
            for j in run:
                kinds[j] = LineKind("boilerplate", "navigation")
                lines.mark(j, "boilerplate", "navigation")
        run = [i] if i >= 0 and re.fullmatch(r"[\u4e00-\u9fff]{2,6}", lines.text[i].strip()) else []
    header = [i for i in header if kinds[i].kind == "heading"]
    last_furniture = max((i for i in range(first_body) if kinds[i].kind == "boilerplate" and kinds[i].reason in _MENU
                          or _ARROW.match(lines.text[i])), default=-1)
    if last_furniture >= 0 and re.fullmatch(r"\s*[>＞›»]{1,2}\s*", lines.text[last_furniture]):
        # a breadcrumb cut into lines ends at the item after its last arrow (>> / 领导讲话), when a line of title follows
        after = [i for i in header if i > last_furniture]
        if len(after) >= 2 and len(lines.text[after[0]].strip()) <= _CRUMB_CHARS:
            last_furniture = after[0]
    title_parts, meeting, office = [], "", ""
    issuers_above: list[int] = []
    title_at: list[int] = []  # the line of each title part
    dated: set[int] = {d.line for d in lines.dates if d.source in ("meeting line", "title block")}
    for k, i in enumerate(header):
        line, name = lines.text[i], unspaced_name(lines.text[i])  # (a byline's 谭　勇 is 谭勇)
        if (cell := _cell_text(line)) != line:
            line, name = cell, unspaced_name(cell)  # (a layout's one-cell row, as a red head's table sets its second issuer: | 晋江市人民政府 | |)
        if TURN_LABEL.match(line):
            break  # a transcript's first turn (【主持人 林雅琴】): the header ends above it; the label heads its turn
        if re.fullmatch(r"\s*\d{1,4}\s*个\s*", line) and (above := [j for j in lines.nonblank if j < i]) and lines.kinds[above[-1]].reason == "social media prompt":
            lines.mark(i, "boilerplate", "social media prompt")  # (a post's topic's count on a line of its own: #政务公开 / 14个)
            continue
        if title_parts and closed_up(line).strip() in ("前言", "序言", "引言", "导言", "序"):
            # a plan's preface (前　言): not title, and no section the plan's parts below would fall under; the header ends
            lines.mark(i, "metadata", "the preface's heading")
            break
        if i == last_furniture:
            lines.mark(i, "boilerplate", "breadcrumb")
        elif i < last_furniture:
            lines.mark(i, "boilerplate", "site header above the navigation")
        elif (looks_like_person(name) or title_parts and _GENRE_END.search(title_parts[-1]) and re.fullmatch(r"[\u4e00-\u9fff]{2,3}", name.strip())
              and not re.match(r"[的之与和及]", name.strip()) and not _GENRE_END.search(name) and k + 1 < len(header)
              and _BRACKETED_DAY.fullmatch(date_probe(lines.text[header[k + 1]].strip()))) and not gazetteer.find(name):
            # (or a name of a surname SURNAMES leaves out, between a whole title and its day in brackets: 盛国良 /
            # （2013年12月24日）; not a title's last line wrapped, 在…会议上的 / 讲话)
            lines.mark(i, "metadata", "byline (name above the text)")
            doc.author = doc.author or (author_name(f"{office} {name}") if office else name)
            lines.zones["author"].append(f"{office} {name}".strip())
        elif who := office_and_name(name):
            # the office and its holder's name on one line, as a cover sets them (潮州市市长何晓军, 市 长 崔永辉)
            lines.mark(i, "metadata", "byline (office and name)")
            doc.author = doc.author or who
            lines.zones["author"].append(name)
        elif (k and len(parts := line.split()) == 2 and looks_like_person(parts[1]) and len(parts[0]) <= 20 and not find_date(parts[0])
              and re.search("委|长|书记|主任|主席", parts[0]) and _SPEECH_SUBTITLE.match(lines.text[header[k - 1]].strip())):
            # under a speech's subtitle, an office the reader may not know set apart from the name (市委常委、组织部咅长  马志刚: OCR's 部)
            lines.mark(i, "metadata", "byline (office and name)")
            doc.author = doc.author or f"{parts[1]}（{parts[0]}）"
            lines.zones["author"].append(line)
        elif (m := _REPORTER_KEY.match(name)) and (author_name(m.group(1)) != m.group(1).strip() or looks_like_person(m.group(1).strip())):
            # 报告人：县长 王建国 under a report's title (in the header only: an agenda's 汇报人：… lines are its text)
            lines.mark(i, "metadata", "byline")
            doc.author = doc.author or author_name(m.group(1))
            lines.zones["author"].append(m.group(1))
        elif office_only(name) and k + 1 < len(header) and looks_like_person(unspaced_name(lines.text[header[k + 1]])):
            # a cover's byline, the office above its holder's name (区长 / 郑荣辉)
            lines.mark(i, "metadata", "byline (office above the name)")
            office = name
        elif _SESSION.match(line) and (i + 1 >= len(lines.text) or kinds[i + 1].kind != "heading" or _SESSION.match(lines.text[i + 1])):
            # the meeting a cover names, set apart (厦门市集美区第十八届人民代表大会 / 第二次会议 / blank): what
            # the paper was given at (the title if nothing else is), as a meeting line without its date; not a
            # title wrapped after its meeting (…第五次全体会议 / 公报, …第三次会议 / 隆重开幕)
            lines.mark(i, "metadata", "meeting line (no date)")
            lines.zones["title"].append(line)
            meeting = meeting or line
        elif _PAPER_NUMBER.match(line):
            lines.mark(i, "metadata", "paper number")  # （1） under a cover's 大会文件
        elif re.fullmatch(r"\s*\d{1,9}\s*", line) and i and lines.text[i - 1].rstrip().endswith(("：", ":")):
            lines.mark(i, "boilerplate", "a number alone (a page's hit count)")  # 点击数： / 2486
        elif ((_COLUMN_LABEL.match(line) or len(line.strip()) <= 6 and _COLUMN.search(line.strip()) or closed_up(line).strip() in _YEARBOOK_COLUMNS)
              and not title_parts and (k + 1 < len(header)
              and not find_date(lines.text[header[k + 1]]) and not office_and_name(unspaced_name(lines.text[header[k + 1]]))
              and not looks_like_person(unspaced_name(lines.text[header[k + 1]])) or k + 1 == len(header) and _COLUMN_LABEL.match(line))):
            # 【州政府工作报告】 above the title, a gazette's or a paper's column (or a post's, 【新春访谈】, over its text, the
            # title the page's <title>)
            lines.mark(i, "metadata", "column label")
        elif (len(tokens := line.split()) >= 3 and all([n for _, n, _ in gazetteer.find(t)][:1] == [t] for t in tokens)
              and (doc.encoding.startswith("html") or any(why in _MENU for _, why in lines.status))):  # (on a web page, or with its menu)
            lines.mark(i, "boilerplate", "navigation")  # a menu's row of places (阆中市 南部县 西充县)
        elif _ATTACHMENT_LABEL.match(line) and not title_parts:
            lines.mark(i, "metadata", "attachment label")  # 附件 above an attachment's title, saved as a file of its own
        elif m := SUBTITLE_SPEAKER.match(name):
            lines.mark(i, "metadata", "title (speaker named after it)")
            doc.author = doc.author or m.group("who")
            head = name[: m.start("who")].rstrip()
            if _UNDATED_MEETING.match(head):  # only its meeting, as below: no more title
                meeting = meeting or head
            else:
                title_parts.append(head)
                title_at.append(i)
            lines.zones["title"].append(without_name(name, m.group("who")))
        elif (m := _POST_LINE.match(line)) and find_date(line) and not ((who := m.group("account") or m.group("account2")) and _SIGNATURE.fullmatch(who)):
            # (not an issuer's date and name: 2023-03-02 阜平县人民政府)
            # a WeChat post's line under its title (原创 平果发布 平果发布 2017-08-16): who posted it, and when
            lines.mark(i, "metadata", "source/date line")
            lines.dates.append(Dated(find_date(line), "source/date line", i))
            lines.zones["source"].append(line)
            if k + 1 < len(header) and re.fullmatch(r"\s*[\u4e00-\u9fff]{2,20}(融媒体中心|新闻中心|宣传部|融媒|发布)\s*", lines.text[header[k + 1]]):
                # (…and the account's owner under it, as a post names its author: 正定县融媒体中心)
                lines.mark(header[k + 1], "metadata", "source (a post's author line)")
                lines.zones["source"].append(lines.text[header[k + 1]])
        elif (m := _BRIEFING_MASTHEAD.fullmatch(line)) and _bodies_only(m.group("body")):
            # a briefing's or a bulletin's masthead: the body that compiles it and its day, set apart on one line (中共六安市委政策研究室
            # 　　2017年6月12日, 县委办公室 编　　2019年3月5日): the issuer, and the day it was issued
            lines.mark(i, "metadata", "issuer and date (a briefing's masthead)")
            doc.issuer = doc.issuer or m.group("body")
            lines.issuer = lines.issuer or m.group("body")
            lines.zones["issuer"].append(m.group("body"))
            lines.dates.append(Dated(find_date(m.group("day")), "header: issued", i))
        elif re.fullmatch(r"\s*(19|20)\d{2}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?\s*", line):
            # a day as a site or an app prints its posting (2022-09-14 under 作者：…), not as a document writes its own
            lines.mark(i, "metadata", "source/date line")
            lines.dates.append(Dated(find_date(line), "source/date line", i))
        elif (m := _DAY_FIRST_STAMP.fullmatch(line)) and 1 <= int(m.group("m")) <= 12 and 1 <= int(m.group("d")) <= 31:
            # (…or day first, as some sites' templates print it: 19.12.2019  09:50)
            lines.mark(i, "metadata", "source/date line")
            lines.dates.append(Dated(f"{m.group('y')}-{int(m.group('m')):02d}-{int(m.group('d')):02d}", "source/date line", i))
        elif find_date(line):
            lines.mark(i, "metadata", "date line")
            if not title_parts and (m := _TITLE_THEN_DAY.fullmatch(line)) and find_date(m.group("day")) and names_document(m.group("title")):
                # a title with its day in brackets on one line, as a site lists reports ((江苏省)苏州市人民政府工作报告(2023年1月7日)):
                # the title too, not a date line alone (the document had none)
                title_parts.append(m.group("title").strip())
                title_at.append(i)
            # (a day the text was printed, 中共乐昌市委办公室　2015年1月12日印发 over a compilation's speeches: an issuing
            # date, after the day a speech below gives under its title)
            # (a day with its weekday above any title but a body's name, 甘孜县人民政府 / 2022年04月20日 星期三, is a page's bar
            # of the day, not the document's)
            # (and a day in a site's digits with a label or a counter run on, 2020-07-22新闻5, is the page's posting too)
            source = ("header: issued" if re.search(r"(印发|编印|印)\s*$", line)
                      else "source/date line" if PAPER_DAY.match(line.strip()) and all(_bodies_only(p) for p in title_parts) or _SITE_DAY.fullmatch(line)
                      else "title block")
            lines.dates.append(Dated(find_date(line), source, i))
            lines.zones["title"].append(line)
            dated.add(i)
        elif LUNAR_DATE_LINE.match(line.strip()):
            # （农历癸未年腊月二十六日） under a Spring Festival speech's title: its day, once a year places the cycle (above
            # any title, under a page's bar of the day, 2022年04月20日 星期三 / 农历壬寅年三月二十, the page's, dating nothing)
            lines.mark(i, "metadata", "date line (Chinese calendar)")
            if title_parts and not all(_bodies_only(p) for p in title_parts):
                lines.lunar.append(i)
                lines.zones["title"].append(line)
                dated.add(i)
        elif (md := _MONTH_DAY.match(line)) and (title_parts or any(kinds[j].reason == "byline" or lines.status[j][1].startswith("byline") for j in range(i))):
            # （3月12日） under a title that gives the year of a meeting (在全市2015年安全生产工作会议上的讲话) or of a report
            # (2020年宁乡市政府工作报告); else a date line without its year
            year = _meeting_year(" ".join(title_parts)) if md.group(1) not in ("12", "十二") else ""
            day = find_date(f"{year}年{md.group(1)}月{md.group(2)}日") if year else ""
            lines.mark(i, "metadata", "date line (month and day; the year from the title)" if day else "date line (month and day, no year)")
            if day:
                lines.dates.append(Dated(day, "title block", i))
                dated.add(i)
            elif found := find_date(f"2000年{md.group(1)}月{md.group(2)}日"):
                lines.yearless.append((i, found[5:]))  # (its year the page's: see date_document)
            lines.zones["title"].append(line)
        elif year_month_line(line):  # （二〇一二年十二月） under the title
            lines.mark(i, "metadata", "date line (year and month)")
            lines.years.append((year_month_line(line), "title block"))
        elif title_parts and k and lines.status[header[k - 1]][1].startswith("byline") and _bodies_only(line):
            # the author's unit under the author's name, as an article sets it (马文昌 / 海东市人民政府): no title
            lines.mark(i, "metadata", "byline (the author's unit)")
            lines.zones["author"].append(line)
        elif title_parts and (meeting or _GENRE_END.search(closed_up(title_parts[-1])) or k == len(header) - 1 and _names_unit_first(line, gazetteer)) and _bodies_only(line):  # (政 府 工 作 报 告 too)
            # the body that issues it, under a title that is whole (…工作总结 / 常州市对口支援…前方工作组;
            # 凝心聚力 / ——在全县经济工作会议上的讲话 / 中共湄潭县委), or right above the text, a place's body (…情况分析 /
            # 融水苗族自治县统计局 / 今年以来，…; not …名单 / 县公安局, nor a profile's ——记宁海县第一人民医院党委):
            # not more title; it still names the place, as the title does
            _header_issuer(lines, doc, i, "issuer (under the title)")
        elif not title_parts and _bodies_only(line) and (len(line.split()) > 1 or any(
                j > i and not find_date(lines.text[j]) and not _bodies_only(lines.text[j]) for j in header)):
            # the issuing body above the title, as an official document sets them (遵义市人民政府办公室 /
            # 关于印发…的通知), or several bodies above the text (九江市统计局　国家统计局九江调查队, a page whose
            # headline the extraction dropped): not title; it names the place, as the title does. One
            # body's name with no title below it may be a headline (我县成立乡村振兴工作领导小组)
            _header_issuer(lines, doc, i, "issuer (above the title)")
            issuers_above.append(i)
        elif title_parts and _EDITORIAL_NOTE.match(line) or _TRANSCRIBED.match(line):
            lines.mark(i, "metadata", "editorial note")  # （本刊转载时有删节）, （摘要）: said of the text, no title
            if _TRANSCRIBED.match(line):  # (its day, （2021年2月20日根据录音整理）, or its month: the speech's)
                if day := find_date(date_probe(line)):
                    lines.dates.append(Dated(day, "title block", i))
                elif (m := _NOTE_MONTH.search(date_probe(line))) and (month := year_month_line(m.group())) and not lines.years:
                    lines.years.append((month, "title block"))
        elif _UNDATED_MEETING.match(line):
            # ——在会宁县第十七届人民代表大会第六次会议上: the meeting the report was given at, without its
            # date (the title if nothing else is: it says what the text is)
            lines.mark(i, "metadata", "meeting line (no date)")
            lines.zones["title"].append(line)
            meeting = meeting or line
        elif i - 1 in dated and _MEETING_END.search(line) and len(line) <= 30:
            # a dateline wrapped over two lines (——2015年1月8日在…人民代表大会 / 第五次会议上)
            lines.mark(i, "metadata", "date line (continued)")
            lines.zones["title"].append(line)
        elif title_parts and any(re.sub(r"\s", "", line) in re.sub(r"\s", "", z) for z in lines.zones["source"]):
            lines.mark(i, "metadata", "source (named again under its line)")  # a post's account (2015-07-02 张家口发布 / 张家口发布)
        elif (m := _ACCOUNT_LINE.match(line.strip())) and (m.group("follow") or title_parts and _posted_below(lines, i)) or (
                re.fullmatch(r"[\u4e00-\u9fff]{2,12}", line.strip()) and _posted_below(lines, i, card=True)):
            # a post's account under its headline, with its follow button or over the post's time (宁乡发布 +关注, 绍兴网 /
            # 发布时间：05-12 17:36): who posted it, no title
            lines.mark(i, "metadata", "source (a post's account under its headline)")
            lines.zones["source"].append(line.strip() if m is None else m.group("account"))
        else:
            lines.mark(i, "metadata", "title")
            title_parts.append(line)
            title_at.append(i)
            lines.zones["title"].append(line)
    # title lines with other lines between them (a site's headline, its 来源/发布时间 line, then the
    # document's own title) are separate blocks
    blocks = [0]
    for a, b in zip(title_at, title_at[1:]):
        blocks.append(blocks[-1] + any(lines.text[j].strip() for j in range(a + 1, b)))
    sub = re.sub(r"\s", "", meeting or "").lstrip("—―–-－")
    if sub.startswith("在") and len(title_parts) > 1 and re.sub(r"\s", "", title_parts[0]).endswith(sub) and _speaker_over(re.sub(r"\s", "", title_parts[0]), sub):
        # a headline that is the speech's subtitle with its speaker put before it (县委书记于海波在…上的讲话 / 抢抓机遇… /
        # ——在…上的讲话), over the speech's own title: the own title is the document's, the headline names its speaker
        title_parts, blocks, title_at = title_parts[1:], blocks[1:], title_at[1:]
    marks = [i for i in range(title_at[0], title_at[-1]) if "secretariat's print mark" in (lines.status[i][1], lines.kinds[i].reason)] if title_at else []
    labelled = bool(marks) and any({"meeting paper label", "paper number label"} & {lines.status[i][1], lines.kinds[i].reason}
                                   for i in range(max(0, title_at[0] - 6), marks[-1]))
    if labelled and len(title_at) == len(title_parts) and title_at[0] < marks[-1] < title_at[-1]:
        # a meeting paper's cover (…一季度经济运行分析会 / 会 议 材 料 / （二） / 县人民政府办公室印 / 2025年4月) over the
        # paper's own title: the cover names the meeting the paper was given at (not a title set over a print mark without
        # the cover's label: 凝心聚力 奋勇争先 / 大会秘书处印 / 全力推动…)
        keep = [n for n, i in enumerate(title_at) if i > marks[-1]]
        for i in title_at[: keep[0]]:
            lines.mark(i, "metadata", "meeting line (a paper's cover)")
        meeting = meeting or " ".join(title_parts[: keep[0]])
        title_parts, blocks, title_at = [title_parts[n] for n in keep], [blocks[n] for n in keep], [title_at[n] for n in keep]
    doc.title = doc.title or join_title(title_parts, gazetteer, blocks) or meeting
    # (the issuer lines right above the title, one or several: 中共涞源县委办公室 / 涞源县人民政府办公室 / 关于…的通知)
    run = [i for i in issuers_above if title_at and i < title_at[0]][-1:]
    for i in reversed([i for i in issuers_above if run and i < run[0]]):
        if any(lines.text[j].strip() for j in range(i + 1, run[0])):
            break
        run.insert(0, i)
    issuer = " ".join(_cell_text(lines.text[i]).strip() for i in run)
    bare = _FULL_TEXT_TAG.sub("", doc.title) or doc.title  # (…的通报（征求意见稿）)
    if (issuer and (re.match(r"(关于|印发|转发)", bare) and DOCUMENT_TITLE.match(bare)
                    or re.match(r"(19|20)\d{2}\s*年", bare) and re.search(r"(总结|计划|要点|思路|打算|设想)\s*$", bare)
                    # (…or its meeting's minutes: 青阳县人民政府 / 第23次常务会议纪要; not an office's, which records another's meeting)
                    or re.match(r"第\s*[\d一二三四五六七八九十百]+\s*次[^，。]{0,20}纪要\s*$", bare) and not re.search("办公室|办公厅", issuer)
                    # (…or its plenum's communiqué: 中国共产党大理白族自治州第十届委员会 / 第五次全体会议公报)
                    or re.match(r"第\s*[\d一二三四五六七八九十百]+\s*次全体(（扩大）)?会议(公报|决议)\s*$", bare) and re.search(r"委员会\s*$", issuer))
            and not any(lines.text[j].strip() for j in range(run[-1] + 1, title_at[0]))):
        # (…or a year's report or plan under the body whose it is: 昆山市人民政府 / 2016年工作总结和2017年工作思路)
        # an official document's title is its issuers' names, 关于 and what it is about (GB/T 9704), set over two
        # lines (涞源县人民政府办公室 / 关于印发…的通知; 中共曲靖市委　曲靖市人民政府 / 印发《关于…的意见》的通知): one
        # title; the line still names the issuer
        doc.title = issuer + doc.title


# a post's account on a line of its own (宁乡发布, 绍兴网, 今日北流) with its follow button (+关注)
_ACCOUNT_LINE = re.compile(r"^(?P<account>[\u4e00-\u9fff]{2,6}?(?:发布|融媒|网|在线|之声|微讯|微报)|(?=\S{2,10}(?:\s+\+?|\+)\s*关注$)\S{2,10}?)(?P<follow>\s+\+?\s*关注|\+\s*关注)?$")


def _posted_below(lines: Lines, i: int, card: bool = False) -> bool:
    """Whether the next non-blank line after ``i`` is a post's time or its source line (2020-01-02 11:08, 发布时间：05-12 17:36),
    or, with ``card``, the account's card (微信号 fpzg_dj: the line above names the account, 阜平组工)."""
    j = next((j for j in lines.nonblank if j > i), None)
    pattern = r"\s*微信号\s*[:：]?\s*[A-Za-z]" if card else r"\s*(?:(?:19|20)\d{2}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}|发布时间|发布日期|来源)"
    return j is not None and bool(re.match(pattern, lines.text[j]))


# (or its date and account alone: 2015-07-02 张家口发布)
_POST_LINE = re.compile(r"^\s*(原创|转载)\s*[:：]?\s+(\S{1,20}\s+){1,3}\d{4}[-年]|^\s*(19|20)\d{2}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2})?\s+(?P<account>[\u4e00-\u9fff]{2,12})\s*$"
                        # (the account before the day and time, as a post shows them: 伊宁县发布 2022-01-08 21:30, …发表于贵州)
                        # (…or 夷陵交通 2025年02月20日 18:02 湖北: the day written out, the poster's province after it without 发表于)
                        r"|^\s*(?P<account2>[\u4e00-\u9fff]{2,12})(\s+[\u4e00-\u9fff]{2,12})?\s+(19|20)\d{2}(-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日)\s+\d{1,2}:\d{2}"
                        r"(\s+(发表于)?[\u4e00-\u9fff]{2,8})?\s*$"
                        # (…or an account's name and the day alone: 正定发布 2018-12-25)
                        r"|^\s*(?P<account3>[\u4e00-\u9fff]{2,6}(?:发布|融媒|网|在线|之声|微讯|微报|头条|视界|新闻))\s+(19|20)\d{2}-\d{1,2}-\d{1,2}\s*$")
# an official document's title opened by its issuer (思茅市人民政府关于加快普洱茶产业发展的意见, 中共某县委　某县人民政府关于…)
_TITLE_ISSUER = re.compile(rf"^(?P<body>[\u4e00-\u9fff（）、\s]{{2,60}}?({ORGAN_WORDS}))\s*(关于|印发|转发)")


# (…or before the year of its yearly report: 天门市人民政府2018年政府信息公开工作年度报告, 某某县统计局2019年工作总结)
_TITLE_ISSUER_YEAR = re.compile(rf"^(?P<body>[\u4e00-\u9fff（）、\s]{{2,60}}?({ORGAN_WORDS}))\s*(19|20)\d{{2}}\s*年度?[^，。]{{0,30}}?(报告|总结|计划|要点|思路|打算|设想)$")


def title_issuer(title: str) -> str:
    """The body that issues an official document, as its title names it before 关于 (or 印发, 转发) or before the year of
    its yearly report, or ``""``."""
    if (m := _TITLE_ISSUER_YEAR.match(title.strip())) and _bodies_only(m.group("body")):
        return m.group("body").strip()
    m = _TITLE_ISSUER.match(title.strip())
    # (only bodies' names: not 关于转发市人民政府办公室…, 县人大常委会审议县人民政府关于…, 政策解读 于都县人民政府关于…)
    return m.group("body").strip() if m and _DOCUMENT_TITLE_END.search(title) and _bodies_only(m.group("body")) \
        and not re.search("审议|转发|印发|批转|解读|^对", m.group("body")) else ""


_DOCUMENT_TITLE_END = re.compile(rf"({DOCUMENT_KINDS})$")


def _bodies_only(line: str) -> bool:
    """A line that only names one body or several (中共湄潭县委, 九江市统计局　国家统计局九江调查队):
    no title's words (关于, a year), no punctuation inside."""
    parts = line.split()
    return (bool(parts) and all(_SIGNATURE.fullmatch(p) for p in parts) and not _INNER_PUNCTUATION.search(line)
            and not re.search(r"\d|关于|转发|印发|批转", line))  # (宾阳县人民政府办公室转发南宁市人民政府 / 办公室关于…: a title wrapped)


def _names_unit_first(line: str, gazetteer: Gazetteer) -> bool:
    """Whether ``line`` opens with the name of a unit of the gazetteer (融水苗族自治县统计局, 中共张掖市委; not ——记…, 县公安局)."""
    bare = re.sub(r"^\s*(中国共产党|中共|共青团)", "", line)
    found = gazetteer.find(bare.strip())
    return bool(found) and found[0][0] == 0


def _cell_text(line: str) -> str:
    """The one filled cell of a table row that holds one (| 晋江市人民政府 |  |), else ``line``."""
    if (cells := table_cells(line)) is not None and len(filled := [c.strip() for c in cells if c.strip()]) == 1 and "|" not in filled[0]:
        return filled[0]
    return line


def _header_issuer(lines: Lines, doc: Document, i: int, reason: str) -> None:
    """Header line ``i`` names the body that issues the document: metadata, the issuer (unless
    one is known), and read for the locality in the ``issuer`` zone."""
    name = _cell_text(lines.text[i]).strip()
    lines.mark(i, "metadata", reason)
    doc.issuer = doc.issuer or name
    lines.issuer = lines.issuer or name
    lines.zones["issuer"].append(lines.text[i])


# a headline's speaker put before its speech's own title, the name first (顾晓东区长在…) or the office (县委书记张玉林在…)
_HEAD_OFFICE = re.compile(r"(?:[省市县区州旗盟乡镇党]|副|常务|代)[\u4e00-\u9fff]{0,10}?(?:书记|长|主任|主席)")
# the short title set after a name (徐建华书记在…, 何志军局长在…)
_NAME_TITLE = re.compile(r"副?(?:书记|局长|部长|主任|主席|厅长|处长|科长|所长|站长|院长|校长|行长|社长|[省市县区州旗盟乡镇]长)")


def _prefix_speaker(headline: str, bare_name: bool = False) -> str:
    """``顾晓东（区长）`` of a headline that puts a speaker before a speech's title (顾晓东区长在全区…上的讲话,
    县委书记张玉林在…), else ``""``; with ``bare_name``, a name alone too (何建军在…上的讲话: a headline over
    the own title it repeats; not an author by itself, 习近平在…上的讲话 being about another's speech as often)."""
    bare = re.sub(r"\s", "", headline)
    m = re.match(r"(.{3,16}?)在", bare)
    if not m or not _SPEECH_TITLE.search(bare):
        return ""  # (not a headline about a speech: …上的讲话引起强烈反响)
    head = m.group(1).removesuffix("同志")
    if bare_name and looks_like_person(head):
        return head
    for n in (3, 2):
        if looks_like_person(head[:n]) and not head[:n].endswith("副") and (_HEAD_OFFICE.fullmatch(head[n:]) or _NAME_TITLE.fullmatch(head[n:])
                                            and not (re.fullmatch("副?(局长|部长|主任|主席|厅长|处长|科长|所长|站长|院长|校长|行长|社长)", head[n:]) and _frequent_word(head[:n]))):
            return f"{head[:n]}（{head[n:]}）"  # (not a department's word before its head's title: 文化局长, 武装部长; 高峰书记 is a name)
        if looks_like_person(head[-n:]) and _HEAD_OFFICE.fullmatch(head[:-n]):
            return f"{head[-n:]}（{head[:-n]}）"
    return ""


def _frequent_word(word: str) -> bool:
    """A word jieba's dictionary counts often (文化, 武装, 林业, 金融: 1,000 times or more), no one's name."""
    from .lexicon import plain_tokenizer

    return plain_tokenizer().FREQ.get(word, 0) >= 1000


def _speaker_over(headline: str, own: str) -> bool:
    """Whether ``headline`` is the speech's own title ``own`` (在…上的讲话) with only its speaker put before it."""
    return own.startswith("在") and headline.endswith(own) and bool(title_speaker(headline) or _prefix_speaker(headline, bare_name=True))


def join_title(parts: list[str], gazetteer: Gazetteer | None = None, blocks: list[int] | None = None) -> str:
    """Title lines as one title: a line wrapped in the middle of a phrase is joined without a
    space (霞浦县2023年巩固拓展脱贫攻坚成果 / 同乡村振兴有效衔接工作总结): a long first line
    (:data:`TITLE_WRAP_CHARS` or more, no space in it) and a last line that ends in what the
    document is but is a title of its own (在…上的讲话, ——…, 县委书记王建勋在…上的讲话, 关于…, one
    opened by a unit: 澧县2023年政府工作报告); lines of a slogan (牢记嘱托 感恩奋进 / 为奋力谱写…)
    keep their space."""
    gaz = gazetteer or Gazetteer.default()
    # a cover's title letter-spaced (政 府 工 作 报 告) is one word, and the title the first page repeats
    # under the cover's is said once
    parts = [_letter_spaced(p) for p in parts]
    if blocks and blocks[-1] > 0 and parts and _POST_CALL.search(parts[0]):
        # a post's headline calling readers in (重磅！市委五届八次全会报告全文来了) over the document's own title below its
        # source line: the document's
        keep = [k for k, b in enumerate(blocks) if b != blocks[0]]
        parts, blocks = [parts[k] for k in keep], [blocks[k] for k in keep]
    if parts:
        parts[0] = _REPOST_TAG.sub("", parts[0]) or parts[0]
        # an uploaded file's name as a sharing site shows it (…工作计划.doc), and the site after its name (…_百度文库)
        parts = [_SHARED_SUFFIX.sub("", p) or p for p in parts]
    if blocks and blocks[-1] > 0:
        parts = _one_block(parts, blocks)
    # under the cover's (or a site's) headline, contained in it (许昌市魏都区2022年政府工作报告 / 2022年政府工作报告),
    # is said once
    bare = [re.sub(r"\s", "", p) for p in parts]
    # (but a speech's own title under a headline that only puts its speaker before it, 顾晓东区长在…上的讲话 / 在…上的讲话, is kept
    # and the headline is not)
    parts = [p for k, p in enumerate(parts) if not any(_speaker_over(bare[k], b) for b in bare[k + 1 :])]
    bare = [re.sub(r"\s", "", p) for p in parts]
    parts = [p for k, p in enumerate(parts) if len(bare[k]) < 4 or not any(bare[k] in q for q in bare[:k])]
    title = ""
    for k, part in enumerate(parts):
        # (…the middle line too, where the title runs on to its end: 宾阳县人民政府办公室转发南宁市人民政府 / 办公室关于…生产 / 工作的通知;
        # not a slogan's second line over a title of its own, …新征程 / 奋力谱写…新篇章 / 在全县…上的讲话)
        before = "".join(parts[:k])
        # (…and one inside a quoted title, 关于印发《全县乡村振兴 / 县委县政府督查工作方案》的通知, runs on)
        quoted = before.count("《") > before.count("》")
        opens = (before + part).count("《") > (before + part).count("》")  # (…and one that opens it, 印发《全县乡村振兴)
        wrapped = bool(k) and (quoted and not re.search(r"\s", parts[k - 1]) and not re.search(r"\s", part) or (
            (k == len(parts) - 1 or not re.search(r"\s", part) and (part[-1] in "和与及的暨、" or opens or all(_runs_on_title(q, gaz) for q in parts[k + 1 :])))
            and len(parts[k - 1]) >= TITLE_WRAP_CHARS and not re.search(r"\s", parts[k - 1])
            and _GENRE_END.search("".join(parts[k:])) and not re.match(r"\s*(在|关于|[—―–\-－])", part) and _HAN.match(parts[k - 1][-1]) and _HAN.match(part[0])
            and not title_speaker(part) and not any(off <= 2 for off, _, _ in gaz.find(part))))
        title = title + part if wrapped else f"{title} {part}" if k else part
    return title


def _runs_on_title(part: str, gaz: Gazetteer) -> bool:
    """A title line that may be the rest of the line above it: not one opened as a title of its own is (在…, 关于…, a dash,
    a year, a unit or a body: 县人民政府2022年工作要点), nor one naming a speaker."""
    return not (re.match(r"\s*(在|关于|[—―–\-－]|(19|20)\d{2})", part) or re.match(r"[\u4e00-\u9fff]{0,12}?(人民政府|政府|委员会|[省市县区州]委)", part)
                or title_speaker(part) or any(off <= 2 for off, _, _ in gaz.find(part)))


_SHARED_SUFFIX = re.compile(r"(\.(docx?|pdf|wps|txt)|\s*(?:_|-|\||｜)\s*(百度文库|道客巴巴|豆丁网|360doc个人图书馆))\s*$", re.IGNORECASE)
TITLE_WRAP_CHARS = 12
# a meeting's name alone, as a cover sets it above the paper's title (中共宁乡县委经济工作会议)
_MEETING_NAME = re.compile(r"^[^在关于]{2,30}(会议|大会|全会)(（[^）]*）)?$")


def _one_block(parts: list[str], blocks: list[int]) -> list[str]:
    """The title lines of one block, where other lines part them into several: a cover's meeting
    name above the paper's title is not title, nor a block said again in another, and of two
    that name one document (a site's headline, 永兴镇党委书记冉启华2022年度抓基层党建工作述职报告,
    then the document's own title below its 来源 line, 中共湄潭县永兴镇委员会书记 /
    2022年度抓基层党建工作述职报告, both a 述职报告) the document's own, the lower, is kept (also under a headline that
    names its speaker: 市长李明在…上的讲话 / 在…上的讲话). Blocks
    that name nothing alike are one title (the upper a kicker or a headline's first line)."""
    grouped: dict[int, list[str]] = {}
    for b, part in zip(blocks, parts):
        grouped.setdefault(b, []).append(part)
    texts = list(grouped.values())
    if len(texts) > 1 and len(texts[0]) == 1 and _MEETING_NAME.match(re.sub(r"\s", "", texts[0][0])):
        texts = texts[1:]
    bare = ["".join(re.sub(r"\s", "", p) for p in t) for t in texts]
    genre = [(m.group(1) if (m := _GENRE_END.search(bare[k])) else "") for k in range(len(texts))]
    # (a headline that names the speaker, 县委书记张玉林在县委经济工作会议上的讲话, holding the document's own title, 在县委
    # 经济工作会议上的讲话: the own title is kept below, the speaker is the author)
    # (…or whoever it puts before the own title: 顾晓东区长在…上的讲话 / 在…上的讲话)
    speaker = lambda j, k: genre[k] and genre[j] == genre[k] and bool(title_speaker(bare[j]) or _speaker_over(bare[j], bare[k]))  # noqa: E731
    keep = [k for k in range(len(texts)) if not any(bare[k] in bare[j] and not speaker(j, k) for j in range(k))]
    out = [keep[0]]
    for k in keep[1:]:
        if genre[k] and genre[k] == genre[out[-1]]:
            out[-1] = k  # the same document named twice: the lower is its own title
        else:
            out.append(k)
    return [p for k in out for p in texts[k]]


def _letter_spaced(part: str) -> str:
    """``政 府 工 作 报 告`` → ``政府工作报告``: a title set with a blank between its characters (three
    or more, each alone); any other part as it is."""
    tokens = part.split()
    return "".join(tokens) if len(tokens) >= 3 and all(len(t) == 1 and _HAN.match(t) for t in tokens) else part


# the reporter a news item's lead names (本网讯（记者 马文军）, 本报讯（记者 王梅 通讯员 陈刚）: the first)
_LEAD_REPORTER = re.compile(r"^\s*[^\s，,。]{0,12}?讯\s*[（(]\s*(?:本报|本网|本台)?" + REPORTER_RANK + r"?记者\s*[:：]?\s*(?P<who>[\u4e00-\u9fff]{2,4}?)(?=[\s）)、，,])")
# a turn of an interview set as a transcript: who speaks, then a colon (记者：…？ / 段林华：…)
_TURN = re.compile(r"^\s*(?P<who>[\u4e00-\u9fff]{1,4})\s*[:：]")
_ASKER = ("记者", "问", "主持人", "本报记者", "编者", "提问")


# a lead presenting an interview: 记者专访了武汉市江夏区委书记张斐, 和田地区皮山县县委书记沈毅做客天山网
_LEAD_GUEST = re.compile(r"(?:专访了?|对话了?)(?P<office>[^，。；：:、“”]{2,30}?(?:书记|[省市县区州盟旗乡镇]长|主任|主席))(?P<who>[\u4e00-\u9fff]{2,3}?)(?=[，。,；]|$)"
                         r"|(?P<office2>[^，。；：:、“”]{2,30}?(?:书记|[省市县区州盟旗乡镇]长|主任|主席))(?P<who2>[\u4e00-\u9fff]{2,3}?)做客")


def lead_interviewee(body: list[str]) -> str:
    """``张斐（武汉市江夏区委书记）`` of an interview whose first lines (four: under a deck) present its guest (记者专访了…,
    …做客…), else ``""``."""
    for text in body[:4]:
        for m in _LEAD_GUEST.finditer(text):
            who, office = m.group("who") or m.group("who2"), m.group("office") or m.group("office2")
            office = _DAY_OPENING.sub("", office).lstrip(",， ")  # (10月23日,和田地区…: the day and its half-width comma)
            # (not two guests, 县委书记王明和县长李华: whose is the text?)
            if looks_like_person(who) and not _NATIONAL.search(office) and office_only(office) and not re.search(r"(?:书记|长|主任|主席)[\u4e00-\u9fff]{2,3}[和与及]", office):
                return f"{who}（{office}）"
    return ""


def interviewee(body: list[str]) -> str:
    """The one who answers an interview set as a transcript (记者：…？ / 段林华：…, two questions and two answers or
    more; not a record's 主持人：… who asks nothing), else ``""``."""
    # (an outlet asking, 中评社：…？, 新华社：…？; not a name, 刘建社, 王明台)
    asker = lambda who: who in _ASKER or bool(re.search("(评社|华社|新闻社|通讯社|日报|晚报|电视台|电台|网|记者)$", who))  # noqa: E731
    turns = Counter(m.group("who") for t in body if (m := _TURN.match(t)))
    asked = sum(1 for t in body if (m := _TURN.match(t)) and asker(m.group("who")) and re.search(r"[？?]", t))
    answers = [(n, who) for who, n in turns.items() if not asker(who) and looks_like_person(who)]
    return max(answers)[1] if asked >= 2 and answers and max(answers)[0] >= 2 and len(answers) == 1 else ""


def without_name(line: str, author: str) -> str:
    """``line`` with the person's name of ``author`` (``刘东海（区委书记）`` or ``刘东海``) blanked
    out, for the locality: 区委书记 刘东海 names no 东海县, 张太和 no 太和县."""
    name = author.split("（")[0].strip()
    return line.replace(name, " ").strip() if looks_like_person(name) else line


# a post's call in its headline (重磅！, 权威发布｜, …全文来了): an account's headline, not a document's title
_POST_CALL = re.compile(r"^\s*(?:重磅|权威发布|速看|必看|最新|快讯|(?:讲话|致辞|报告)全文)\s*[｜丨|！!]|全文来了|全文来啦|全文发布|全文公布|全文刊发|(?:全文|原文)\s*[↓👇]")
# a forum's or a blog's mark on a reposted thread's title ([转贴] 平潭县长在…上的讲话, 【转载】…)
# a forum's or a post's tag before its headline ([转贴], 【原创】; 重磅｜, 权威发布丨, 重磅！: an account's call, no part of the title)
_REPOST_TAG = re.compile(r"^\s*(?:[\[【]?\s*(转贴|转帖|转载|原创|转|推荐)\s*[\]】]|(?:重磅|权威发布|速看|必看|关注|快讯|独家|官宣|最新)\s*[｜丨|！!]|【(?:重磅|权威发布|最新|关注)】|【[\u4e00-\u9fff]{2,6}】(?=\S{6})|原标题\s*[:：])\s*")  # (a column's tag before a headline: 【述职述廉】…; a repost's 原标题：)
# Which locality zone the value of a header field goes to (fields not named stay out of it).
FIELD_ZONES = {"title": "title", "author": "author", "summary": "body", "event": "body"}


_GENERIC_DATE_KEYS = {"时间", "日期"}


def _turn(value: str) -> bool:
    """A press conference's or meeting's header value that is a turn of its transcript: a
    sentence (各位媒体朋友，大家上午好！), or a clause (同志们，现在开会) that does not end in a
    person's name as a header's list of offices and names does (县委宣传部副部长，县政府新闻办主任 汪丽萍)."""
    if re.search("[。！？!?]", value):
        return True
    last = unspaced_name(re.split(r"[\s，,、；;]", value.strip())[-1])
    named = looks_like_person(last) or bool(_OFFICE_THEN_NAME.search(last))  # 汪丽萍, 县统计局局长李华
    return bool(re.search("[，,]", value)) and not named


_OFFICE_THEN_NAME = re.compile(r"(长|书记|主任|主席|委员|部长|专员|记者|员)[\u4e00-\u9fff]{2,3}$")
# what a meeting's time says and a page's posting time does not (2016年3月5日上午9时, 3月5日（星期六）)
_MEETING_TIME = re.compile(r"上午|下午|晚上|\d\s*[时点]|星期|周[一二三四五六日天]|^\D*\d{1,2}\s*月")


# a catalogue's key alone on its line, its value on the next (索 引 号： / 014108963/2022-00045, 名　　称： / …的讲话): a
# 信息公开 catalogue's keys and the page's own (not 时间, 地点 or 参会人员, which a meeting notice's text sets so)
_COLUMN_KEYS = frozenset(("标题", "文件标题", "名称", "信息名称", "索引号", "发布机构", "发文机关", "发文机构", "所属机构", "生成日期", "成文日期", "发布日期",
                          "发布时间", "公开日期", "发文字号", "文号", "文件编号", "主题分类", "体裁分类", "组配分类", "信息分类", "主题词", "关键词", "有效性",
                          "是否有效", "效力状态", "公开方式", "公开范围", "公开时限", "内容概述", "信息来源", "来源"))
_KEY_ALONE = re.compile(r"^\s*(?P<key>[\u4e00-\u9fff](?:[ \u3000]*[\u4e00-\u9fff]){1,5})\s*[:：]\s*$")


def first_sentence_line(lines: Lines) -> int:
    """The first line of text holding a sentence's end (what stands above it is the header), or the line count."""
    return next((i for i, k in enumerate(lines.kinds) if k.kind == "body" and re.search("[。！？]", lines.text[i])), len(lines.text))


def mark_field_columns(lines: Lines) -> None:
    """A catalogue's key alone on its line with its value on the next line, above the text (a
    page's table copied as text: 索 引 号： / 014108963/2022-00045 / 名　　称： / 顾晓东区长在…的讲话):
    both are metadata, the pair read as one ``key：value`` line (so 名称 gives the title, 生成日期
    the date, 发布机构 the issuer); a key with no value under it (文件编号： / blank) is metadata too.
    Not inside the text (a notice's 时间： / 2023年3月10日 is what it says), and a document's title
    under a key of another role (主题词： / 关于印发…的通知) is no value of it."""
    first_text = first_sentence_line(lines)
    for i, text in enumerate(lines.text[:first_text]):
        if not (m := _KEY_ALONE.match(text)) or not lines.open(i):
            continue
        key = re.sub(r"[ \u3000]", "", m.group("key"))
        if key not in _COLUMN_KEYS:
            continue
        j = i + 1
        value = lines.text[j].strip() if j < first_text and lines.open(j) and not _KEY_ALONE.match(lines.text[j]) else ""
        if value and FIELD_ROLE.get(key) != "title" and (DOCUMENT_TITLE.match(value) or _SPEECH_TITLE.search(value)):
            value = ""  # (主题词： / 关于印发…的通知: the key's value is missing, the title follows)
        k = classify_line(f"{key}：{value}", 40) if value else None
        if value and len(value) <= 80 and not re.search("[。！？]", value) and (k.kind == "metadata" and k.fields or FIELD_ROLE.get(key) is None):
            lines.kinds[i] = k if k.kind == "metadata" and k.fields else LineKind("metadata", "catalogue field")
            lines.kinds[j] = LineKind("metadata", "catalogue field")
            lines.mark(j, "metadata", "header field's value (on the line under its key)")
            if lines.kinds[i].reason == "catalogue field":
                lines.mark(i, "metadata", "catalogue field")
        elif not value:
            lines.kinds[i] = LineKind("metadata", "catalogue field")
            lines.mark(i, "metadata", "catalogue field (no value)")


def mark_fields(lines: Lines, doc: Document) -> None:
    """Header-field lines (``标题：…``, ``发文单位：…``, ``发文时间：2009-02-05``,
    ``来源URL：http://…``, ``时间：… 作者：… 来源：… 阅读：283``) and lines that are mainly a
    URL, anywhere: metadata, never paragraphs.

    Their values give the title (a 标题 field wins over the title lines), issuer, author,
    source name and URL where none was found before, and dates (source ``header: <key>``, or
    ``source/date line`` for a date outside a date field). Title, author and summary values
    go to their locality zones; the rest of the line (source, issuer, dates) to the source zone.
    """
    text_at = [i for i, k in enumerate(lines.kinds) if k.kind == "body" and lines.open(i)]
    for i, k in enumerate(lines.kinds):
        if not lines.open(i) or k.kind != "metadata" or not k.fields:
            continue
        if len(k.fields) == 1 and k.fields[0][0] in _GENERIC_DATE_KEYS and _MEETING_TIME.search(k.fields[0][1]) and text_at and text_at[0] < i < text_at[-1]:
            lines.kinds[i] = LineKind("body")  # inside the text, 时间：3月5日上午9时 is what it says (a meeting's time), not the page's
            continue
        if all(FIELD_ROLE.get(key) == "event" for key, _ in k.fields) and (text_at and text_at[0] < i or any(_turn(v) for _, v in k.fields)):
            lines.kinds[i] = LineKind("body")  # 主持人：同志们，现在开会 — a turn of the transcript, not its header
            continue
        lines.mark(i, "metadata", k.reason)
        source_zone = []
        dated = False
        for key, value in k.fields:
            role = FIELD_ROLE.get(key, "")
            if role == "title" and value and not (doc.title and (lines.text[i].lstrip().startswith("|") or _KEY_ALONE.match(lines.text[i]) or key == "名称")):
                # (a catalogue's 标题 cell yields to the title the text sets above its body: 在中共勐海县委经济工作会议上的讲话
                # under | 标 题： | 刀建明在县委经济工作会议上的讲话 |)
                doc.title = _REPOST_TAG.sub("", value) or value
            elif role == "issuer" and key.startswith(("发布", "来源")):  # (who posted it: after the document's own issuer)
                lines.posted_by = lines.posted_by or value
            elif role == "issuer":  # (发文机关, 成文单位: who issued it)
                doc.issuer = doc.issuer or value
            elif role == "author":
                if not doc.author and not _SITE_ACCOUNT.fullmatch(before_widgets(value)) and not _THIS_SITE.fullmatch(before_widgets(value)):  # (a widget after it on the line is no name: 作者：覃丽萍 【字体：大 中 小】;
                    # nor is the site's account that posted it, 作者:renda)
                    doc.author, lines.author_field = author_name(before_widgets(value)) or author_name(value), True
            elif role == "source":
                doc.source_name = doc.source_name or re.match(r"[^\s:：]*", value).group()
            elif role == "url":
                doc.url = doc.url or value
            if role in ("issued", "posted") and find_date(value):
                lines.dates.append(Dated(find_date(value), f"header: {key}", i))
                dated = True
            if role == "author":
                value = without_name(value, author_name(value))
            if role in FIELD_ZONES and value:
                lines.zones[FIELD_ZONES[role]].append(value)
            elif role in ("source", "issuer", "issued", "posted", ""):
                source_zone.append(f"{key}：{value}")
        if k.reason == "source/date line" and not any(FIELD_ROLE.get(key) in FIELD_ZONES for key, _ in k.fields):
            source_zone = [lines.text[i]]  # a plain 来源/发布时间 line: the whole line, as always
        if source_zone:
            lines.zones["source"].append(" ".join(source_zone))
        if not dated and k.reason == "source/date line" and find_date(lines.text[i]):
            lines.dates.append(Dated(find_date(lines.text[i]), "source/date line", i))


# a table's caption: 表1 …, 附表2：…, 表一 … (short, no sentence in it)
_TABLE_CAPTION = re.compile(r"\s*附?表\s*[0-9０-９一二三四五六七八九十]{1,3}(?:[-－.．][0-9]{1,2})?(?:\s|[:：、.．]|$)[^。！？]{0,40}$")


def _next_text_line(lines: Lines, i: int) -> int:
    """The next line after ``i`` that is not blank (``i`` itself if none)."""
    return next((j for j in range(i + 1, len(lines.text)) if lines.kinds[j].kind != "blank"), i)


def mark_metadata(lines: Lines, doc: Document) -> None:
    """Blank lines, furniture, garbled lines, table rows and metadata lines anywhere: bylines give the
    author, source lines the source name (and a date where they carry one). Office-holders listed
    inside the text, one under another (a leading group's 成员： / 县人民医院院长 王五 / 县中医院院长 赵六), are
    text, not bylines."""
    first_text = first_sentence_line(lines)

    bylines = {i for i, k in enumerate(lines.kinds) if k.reason == "byline"}

    def listed(i: int) -> bool:  # a byline inside the text, beside another or under a list's label
        near = [j for j in lines.nonblank if j != i and abs(j - i) <= 2]
        return i > first_text and any(j in bylines or re.search(r"(成员|组长|委员|主任|名单)[:：]$", re.sub(r"\s", "", lines.text[j]))
                                      for j in near)

    for i, k in enumerate(lines.kinds):
        if not lines.open(i):
            continue
        if k.kind == "metadata" and k.reason == "byline" and listed(i):
            lines.kinds[i] = LineKind("body")
            continue
        if k.kind == "blank":
            lines.mark(i, "blank")
        elif k.kind in ("boilerplate", "garbled", "table"):
            lines.mark(i, k.kind, k.reason)
        elif _TABLE_CAPTION.match(lines.text[i]) and lines.kinds[_next_text_line(lines, i)].kind == "table":
            lines.mark(i, "table", "table caption (above the table's rows)")
        elif k.kind == "metadata":
            lines.mark(i, "metadata", k.reason)
            if k.reason == "byline":
                if not doc.author or lines.author_field:  # the speaker (县长 曹某某), not the page's poster (作者：县政府办)
                    # (below a sentence of the text, 县人大常委会主任 石和平 is a photo's caption in a news item: the leader whose
                    # words the news reports comes first, as over a page's 作者 field)
                    # (but not a speech's byline under the lead that presents it, …现将讲话摘要刊发如下。 / 副县长 刘明 / 同志们：)
                    above = [lines.text[j] for j in range(i) if lines.kinds[j].kind == "body"]
                    after = next((t for t in lines.text[i + 1 :] if t.strip()), "")
                    below_text = (any(len(t.strip()) >= 40 and _SENTENCE_END.search(t) for t in above) and not any(_PRESENTS_SPEECH.search(t) for t in above)
                                  and not _SALUTATION.match(after))
                    doc.author, lines.author_field = k.value, below_text
                lines.zones["author"].append(without_name(lines.text[i], k.value))
            elif k.reason not in NOT_SOURCE:
                doc.source_name = doc.source_name or k.value
                lines.zones["source"].append(lines.text[i])
                if find_date(lines.text[i]):
                    lines.dates.append(Dated(find_date(lines.text[i]), "source/date line", i))


_ATTACHMENT_NUMBERING = (3, 4, 5, 6)  # the outline's 一、 （一） 1. (1) (see text.numbering)


def _attachment_item(line: str) -> bool:
    """A short line naming what is attached, no sentence (附件：1.2024年市政府工作要点)."""
    return len(line) <= 60 and not re.search("[。！？；]", line)


_SIGNATURE_END = re.compile(r"[日\d]\s*[)）]?\s*(印发|发布|签发)?\s*$")  # 2023年3月2日, 2023年3月2日印发, 2023年3月2日（此件公开发布）
_SENTENCE_MARK = re.compile(r"[，。！？；,!?;]")


def _date_line(text: str) -> bool:
    return len(text) <= 20 and bool(find_date(text)) and bool(_SIGNATURE_END.search(without_note(text))) and not _SENTENCE_MARK.search(text)


# a repost's note on where and when its text first appeared (（原载2024年6月12日《六安日报》第3版“县区书记谈发展”专栏）, （原载《求是》2019年第3期）)
_FIRST_PRINTED = re.compile(r"^[（(【\[]\s*(原载|原刊|原文刊载于|刊于|载于|本文原载)[^（）()]{2,60}[)）】\]]$")


def mark_signature_date(lines: Lines) -> None:
    """A short line ending in a date among the last two heading/body lines (XX县人民政府
    2023年3月2日) dates the document: it is a signature, not a paragraph. A sentence that
    names a date (报名截止时间为2023年3月1日。 会议于1月9日闭幕) is neither. Further up, an
    issuing body's name alone on its line followed by such a date line, after a sentence's
    end, is a signature too: a notice's, with the document it issues attached below (鹤岗市
    人民政府 / 2024年2月5日 / 2024年市政府工作要点 …); both lines are metadata, and the date
    dates the document."""
    text_lines = [i for i in range(len(lines.text)) if lines.kinds[i].kind in ("heading", "body")]
    if any(_SALUTATION.match(lines.text[i]) for i in text_lines[:10]):
        # a speech's day in brackets on a line of its own after its last sentence (谢谢大家！ / （2019年3月29日）), or
        # in its note (（根据录音整理，2022年3月2日）): the day it was given, before a page's catalogue date; in a
        # yearbook's pages, the first speech's (the next one's title may follow it)
        for k, i in enumerate(text_lines[5:], 5):
            text = date_probe(lines.text[i].strip())  # (OCR's (2O18年l2月26日) too)
            after = [lines.text[j].strip() for j in text_lines[k + 1 : k + 3]]
            # (the next piece's title, maybe wrapped over two lines: 湖北省人民政府关于公布第六批省级非物质 / 文化遗产代表性项目名录的通知)
            ends = len(after) < 2 or any((_SPEECH_TITLE.search(t) or _GENRE_END.search(t)) and len(t) <= 80 and not re.search("[。，；！？]", t)
                                         for t in (after[0], after[0] + after[1]))
            if (lines.open(i) and (_BRACKETED_DAY.fullmatch(text) or _DATED_NOTE.match(text)) and (day := find_date(text))
                    and re.search(r"[。！!]\s*$", lines.text[text_lines[k - 1]]) and ends):
                # (at the text's end, or where the next piece's title follows it; not a citation inside the text,
                # （2021年2月20日在…动员大会上的讲话） under a quoted passage)
                lines.dates.append(Dated(day, CLOSING_DAY, i))
                lines.mark(i, "metadata", "date line (the day a speech was given)")
                break
    # (the last two of the text's own lines: not a page's furniture the extraction kept below it, 下一篇文章：…, 地址：…)
    tail = [i for i in text_lines if lines.status[i][0] != "boilerplate"][-2:]
    for i in tail:
        text = lines.text[i]
        if not lines.open(i):
            continue  # (a short text's date line under its title, already read)
        if _FIRST_PRINTED.match(text.strip()) and (day := find_date(text)):
            # where and when a reposted text first appeared (（原载2024年6月12日《六安日报》第3版）): its own date, as a posting
            # date of its own, before the repost's (after the day a news report gives the event it reports)
            lines.dates.insert(0, Dated(day, "header: 原载", i))
            lines.mark(i, "metadata", "reprint note (the day the text first appeared)")
            continue
        if year_month_line(text):  # 二〇一二年十二月: the month (a signature's under its issuer; alone, a caption's or a period's may be)
            above = [j for j in text_lines if j < i]
            signed = bool(above) and bool(_SIGNATURE.fullmatch(lines.text[above[-1]].strip())) and not _INNER_PUNCTUATION.search(lines.text[above[-1]])
            lines.years.append((year_month_line(text), "signature" if signed else "closing line (year and month)"))
            lines.mark(i, "metadata", "date line (year and month)")
            continue
        if _date_line(text):
            lines.dates.append(Dated(find_date(lines.text[i]), "signature", i))
            lines.mark(i, "metadata", "date line")
    inserted = 0
    for k, (issuer, date) in enumerate(zip(text_lines[1:], text_lines[2:])):
        if date in tail or not lines.open(issuer) or not lines.open(date):
            continue
        name, when = lines.text[issuer].strip(), lines.text[date]
        # the notice's list of attachments may stand between its last sentence and its signature
        # (附件：1.2024年市政府工作要点 / 2.重点项目清单)
        j = k
        # (one attachment of that list numbered 1. / （1） / 一、 / （一）: 附件：1.2024年市政府工作要点 / （2）重点项目清单)
        while j > 0 and numbering(lines.text[text_lines[j]].strip()) in _ATTACHMENT_NUMBERING:
            j -= 1
        j = j - 1 if j > 0 and _ATTACHMENT.match(lines.text[text_lines[j]]) else k
        if (lines.text[text_lines[j]].rstrip().endswith(("。", "！", "？")) and _SIGNATURE.fullmatch(name) and not _INNER_PUNCTUATION.search(name)
                and _date_line(when)):
            lines.dates.insert(inserted, Dated(find_date(when), "signature", date))  # before a deadline closing the attachment (and after an earlier notice's)
            inserted += 1
            lines.mark(issuer, "metadata", "signature: the issuing body, above its date (a notice whose document follows)")
            if not lines.issuer:  # the first notice's; a forwarded one's below it is another body's
                lines.issuer = name
                lines.zones["issuer"].append(name)
            lines.mark(date, "metadata", "date line (a notice's signature)")
    # a notice's list of what it attaches (附件：2024年市政府工作要点 / 2.重点项目清单): what is attached
    # follows, under its own title; the list is no text (a bare 附件 above the attachment stays
    # its heading)
    for k, i in enumerate(text_lines):
        if lines.open(i) and (head := _ATTACHMENT.match(lines.text[i])) and _attachment_item(lines.text[i]):
            lines.mark(i, "metadata", "a notice's list of attachments")
            # …and the items numbered as its first (附件：1.… / 2.…); a heading numbered otherwise
            # (一、总体要求) is the attached document's
            style = numbering(lines.text[i][head.end() :].strip())
            for j in text_lines[k + 1 :] if style in _ATTACHMENT_NUMBERING else ():
                if not (lines.open(j) and numbering(lines.text[j].strip()) == style and _attachment_item(lines.text[j])):
                    break
                lines.mark(j, "metadata", "a notice's list of attachments")


# a notice that promulgates a text, by its number alone (株洲市人民代表大会常务委员会公告 （第12号）,
# 天津市人民政府令 第5号): it names no text; the text it promulgates is the document
_PROMULGATION_TITLE = re.compile(r"(公告|令)\s*[（(〔\[]?\s*第\s*[0-9０-９一二三四五六七八九十百零〇]+\s*号\s*[）)〕\]]?\s*$")
# …whose words quote that text's title (《…的决定》已由…会议于…通过，现予公布，自…起施行。)
_PROMULGATES = re.compile(r"^\s*《(?P<title>[^《》]{4,80})》\s*(?:已|业已|业)?(?:由|经|于)[^。！？]{0,120}?(?:通过|批准|修订|修正|审议)[^。！？]{0,80}?(?:公布|施行)")
# a note on when and by whom a text was adopted, under its title (（2021年8月27日株洲市第十六届人民代表大会常务委员会第三十八次会议通过）)
_ADOPTION_NOTE = re.compile(r"^\s*[（(][^（）()]{0,120}(?:通过|批准|修订|修正|公布)[^（）()]{0,80}[）)]\s*$")


def mark_promulgated(lines: Lines, doc: Document) -> None:
    """A notice that promulgates a text (a 人大常委会's 公告 （第12号）, a government's 令 第5号),
    with the text after it: the text's own title, where its first sentence quotes it (《…的决定》
    已由…通过，现予公布) and it stands as a line below, is the document's title, not a heading
    of what follows; the notice's signature is metadata, and the note on the text's adoption under
    that title (（2021年8月27日…会议通过）) is a date line, not a heading either (it dates the
    document, by its last adoption or amendment, only where the notice is undated)."""
    if not _PROMULGATION_TITLE.search(doc.title):
        return
    text_lines = [i for i in range(len(lines.text)) if lines.kinds[i].kind in ("heading", "body")]
    first = next((i for i in text_lines if lines.status[i][0] in ("", "kept")), None)
    m = _PROMULGATES.match(lines.text[first]) if first is not None else None
    if not m:
        return
    title = unspaced_name(m.group("title"))
    at = next((i for i in text_lines if i > first and lines.open(i) and unspaced_name(lines.text[i].strip().strip("《》")) == title), None)
    if at is None:
        return
    lines.mark(at, "metadata", "title (of the text the notice above promulgates)")
    lines.zones["title"].append(lines.text[at])
    doc.title = title
    # the notice's signature, where no earlier pass read it (市长 张三 / 2021年3月10日): short lines, no sentence
    for j in text_lines:
        if first < j < at and lines.open(j) and len(lines.text[j].strip()) <= 30 and not _SENTENCE_MARK.search(lines.text[j]):
            lines.mark(j, "metadata", "signature (of the notice above)")
            if _date_line(lines.text[j]):
                lines.dates.insert(0, Dated(find_date(lines.text[j]), "signature", j))
    note = next((i for i in text_lines if i > at), None)
    if note is not None and lines.open(note) and _ADOPTION_NOTE.match(lines.text[note]) and find_date(lines.text[note]):
        lines.mark(note, "metadata", "adoption note (under the title)")
        if not lines.dates:  # (the notice's date is the document's; else the text's last adoption or amendment)
            text = lines.text[note]
            dates = {find_date(text[m.start() :]) for m in re.finditer(r"(19|20)\d{2}|[一二][〇○零一二三四五六七八九]{3}", text)} - {""}
            lines.dates.append(Dated(max(dates), "title block", note))


# a notice that transmits a speech (关于印发李卫东同志在地委扩大会议…上的讲话的通知)
_TRANSMITS_SPEECH = re.compile(r"关于(?:印发|转发)(?P<who>[\u4e00-\u9fff·]{2,8}?)同志(?P<speech>在.{2,60}?上的?(?:讲话|报告|发言|致辞|总结讲话))的通知$")


def mark_transmitted_speech(lines: Lines, doc: Document) -> None:
    """A notice that transmits a speech, with the speech below it (关于印发李卫东同志在…上的讲话的通知 /
    …现将…讲话印发给你们… / 中共吐鲁番地委 / 2012年2月20日 / 在…上的讲话 / 李卫东 / （2012年2月15日）): the speech is
    the document. Its title line (one line, or two a wrap cut) is the title, the speaker named by the notice is
    the author, and the date under the speech's title dates it; the notice stays text and its date a later one."""
    m = _TRANSMITS_SPEECH.search(doc.title)
    if not m:
        return
    want = re.sub(r"\s", "", m.group("speech")).replace("上讲话", "上的讲话")
    open_lines = [i for i in range(len(lines.text)) if lines.open(i) and lines.text[i].strip()]
    at, span = None, 1
    for k, i in enumerate(open_lines):
        here = re.sub(r"\s", "", lines.text[i])
        if here == want or k + 1 < len(open_lines) and here + re.sub(r"\s", "", lines.text[open_lines[k + 1]]) == want:
            at, span = k, 1 if here == want else 2
            break
    if at is None:
        return
    title_rows = open_lines[at : at + span]
    for i in title_rows:
        lines.mark(i, "metadata", "title (of the speech the notice above transmits)")
        lines.zones["title"].append(lines.text[i])
    doc.title = "".join(lines.text[i].strip() for i in title_rows)
    doc.author = doc.author or m.group("who")
    # the speaker's name and the speech's date under its title (an earlier pass may have read the date line)
    below = [i for i in lines.nonblank if i > title_rows[-1]][:3]
    for i in below:
        text = unspaced_name(lines.text[i].strip())
        if lines.open(i) and (text == m.group("who") or text.endswith(m.group("who")) and len(text) <= 30):
            lines.mark(i, "metadata", "byline (of the speech)")
            lines.zones["author"].append(text)
        elif find_date(text) and len(text) <= 20:
            if lines.open(i):
                lines.mark(i, "metadata", "date line (of the speech)")
            lines.dates.insert(0, Dated(find_date(text), "title block", i))
            break


# how a speech or a report greets its audience, on a line of its own, where its text begins
# (also with the chair and the officers a standing committee's report addresses first: 主任、各位副主任、秘书长、各位委员：)
_SALUTATION = re.compile(r"^\s*(同志们|各位代表|各位委员|各位领导|同志们、朋友们|各位代表[、，,]\s*同志们|(?:(?:各位)?(?:副?主任|秘书长|副?主席)[、，,]){1,3}各位委员)\s*[:：!！,，]?\s*$"
                         # (a greeting's 致辞 opens so: 尊敬的各位领导、各位嘉宾，女士们、先生们：)
                         r"|^\s*尊敬的[^。！？；]{2,60}[:：]\s*$")
# the title of a speech (在…会议上的讲话, ——在…上的讲话, …的报告)
_SPEECH_TITLE = re.compile(r"(上的|上)(讲话|报告|工作报告|发言|致辞|总结讲话)[)）]?$|^[—―–\-－]{1,2}\s*\S{2,80}?(代表大会|全体会议|全会)的(工作)?报告[)）]?$|^[—―–\-－]{1,2}\s*在.{2,40}上$")
_HEAD_LINES = 4
_PRESENTS = re.compile(r"现将(?P<who>[\u4e00-\u9fff·]{2,8}?)同志(在[^，。]{2,40}上)?的?讲话(全文)?(予以)?(刊发|印发|刊登|摘登|发布|转发|刊载)"
                       # (…or a lead naming who reports for a body: 蒋建新代表中国共产党祁阳县第十一届委员会向大会作报告)
                       r"|(?:^|[。，,：:\s])(?:[\u4e00-\u9fff、]{0,16}?(?:书记|[省市县区州盟旗镇乡]长|主任|主席))?(?P<who2>[\u4e00-\u9fff·]{2,4}?)(?:同志)?"
                       r"代表[^。，,]{2,40}?(?:委员会|常委会|人民政府)[^。]{0,12}?作(?:了)?(?:题为《[^》]{1,80}》的)?[^。]{0,10}?(?:报告|讲话)")


def mark_speech_head(lines: Lines, doc: Document) -> None:
    """A speech's own title, speaker and date set below a lead that presents it (a post's
    "8月14日下午，全县…会议召开。…现将讲话全文刊发如下" or a forum's repost note, then 在全县安全生产工作会议上的讲话 /
    黄志强 / （2017年8月14日） / 同志们：): its title line is metadata (the document keeps the
    title it has), its speaker the author where the text named none or only the poster, and
    its date a date of its title block (which beats the post's)."""
    salute = next((i for i in lines.nonblank[:60] if _SALUTATION.match(lines.text[i])), None)
    if salute is None:
        return
    above = [i for i in lines.nonblank if i < salute][-_HEAD_LINES:]
    # an editor's note naming whose speech follows (现将沈国平同志的讲话全文刊发), or a lead who reports
    for i in (i for i in lines.nonblank if i < salute):
        if (m := _PRESENTS.search(lines.text[i])) and (not doc.author or lines.author_field) and (
                who := office_and_name(name := m.group("who") or m.group("who2")) or (name if looks_like_person(name) else "")):
            doc.author, lines.author_field = who, False
            lines.zones["author"].append(name)
    meeting_line = lambda i: meeting_day(lines.text[i].strip())  # noqa: E731
    # (…or a report's title over its dateline: 周口市人民检察院工作报告 / ——2021年1月27日在…会议上)
    title_at = next((i for k, i in enumerate(above) if lines.open(i) and len(lines.text[i].strip()) <= 60 and not re.search("[。！？；]", lines.text[i]) and (
        _SPEECH_TITLE.search(lines.text[i].strip()) or _GENRE_END.search(lines.text[i].strip()) and k + 1 < len(above) and meeting_line(above[k + 1]))), None)
    if title_at is None and above and lines.open(i := above[-1]) and _BRACKETED_DAY.fullmatch(lines.text[i].strip()) and (day := find_date(lines.text[i])) and any(
            _PRESENTS_SPEECH.search(lines.text[j]) or _PRESENTS.search(lines.text[j]) for j in above[:-1] if lines.kinds[j].kind == "body"):
        # no title, only the speech's day between the note that presents it and its salutation (编者按：本文系…的讲话… /
        # （2016年5月6日） / 同志们：): the day it was given
        lines.mark(i, "metadata", "dateline (of the speech, below the lead)")
        lines.dates.insert(0, Dated(day, "title block", i))
    if title_at is None or not lines.open(title_at):
        return
    head = [i for i in above if i > title_at]
    lead = [i for i in lines.nonblank if i < title_at and lines.kinds[i].kind == "body" and lines.status[i][0] != "boilerplate"]
    if not lead or any((len(lines.text[i].strip()) > 30 or re.search("[。！？；]", lines.text[i])) and not meeting_line(i) for i in head):
        return  # (no lead above: the header pass read the head; a sentence between the title and the greeting: no head)
    # where the text set no title above it (a journal's pages opening with the end of the article before), the speech's
    # title is the document's: with the lines right above its subtitle (深入学习贯彻… / 以提升组织力为重点… / ——在全市…上的讲话)
    above_title = []
    for i in range(title_at - 1, -1, -1):
        if lines.kinds[i].kind != "heading" or not lines.open(i) or len(above_title) >= 3:
            break
        above_title.insert(0, i)
    # (and where it has one, a headline, those lines are still the speech's title, not a heading of its text)
    own = above_title + [title_at] if above_title and _DASH.match(lines.text[title_at].strip()) else [title_at]
    if own == [title_at] and above_title and lines.text[above_title[-1]].strip().startswith("在") and not lines.text[title_at].strip().startswith("在"):
        own = [above_title[-1], title_at]  # (…or a speech's title wrapped over two lines: 在中共天津市滨海新区第三届委员会 / 第六次全体会议上的讲话)
    for i in own:
        lines.mark(i, "metadata", "title (of the speech, below the lead)")
        lines.zones["title"].append(lines.text[i])
    own_title = re.sub(r"\s", "", join_title([lines.text[i].strip() for i in own]))
    headline = re.sub(r"\s", "", _REPOST_TAG.sub("", lines.zones["title"][0])) if lines.zones["title"] else ""
    if doc.title and any(_POST_CALL.search(t) for t in lines.zones["title"][:1]):
        doc.title = ""  # (a post's headline calling readers in, 致辞全文｜钟晓岚：…: the speech's own title is the document's)
    doc.title = doc.title or join_title([lines.text[i].strip() for i in own])
    for i in head:
        text = unspaced_name(lines.text[i].strip())
        who = office_and_name(text) or (author_name(text) if author_name(text) != text else "") or (text if looks_like_person(text) else "")
        parts = lines.text[i].split()
        if not who and len(parts) == 2 and looks_like_person(parts[1]) and re.search("委|长|书记|主任|主席", parts[0]) and not find_date(parts[0]):
            who = f"{parts[1]}（{parts[0]}）"  # an office the reader may not know, set apart from the name (市委常委、组织部咅长  马志刚: OCR's 部)
        if day := meeting_line(i):
            lines.mark(i, "metadata", "dateline (of the speech, below the lead)")
            lines.dates.insert(0, Dated(day, "meeting line", i))
            lines.zones["title"].append(text)
            continue
        if who:
            if lines.open(i) or lines.status[i][1].startswith("byline"):
                lines.mark(i, "metadata", "byline (of the speech, below the lead)")
            if not doc.author or lines.author_field:
                doc.author, lines.author_field = who, False
            lines.zones["author"].append(text)
        elif (day := find_date(text)) and len(text) <= 20:
            lines.mark(i, "metadata", "date line (of the speech, below the lead)")
            lines.dates.insert(0, Dated(day, "title block", i))
    if not doc.author and headline and headline != own_title and _speaker_over(headline, own_title):
        # (no speaker under the title, but a headline that is the speech's own title with its speaker put before it:
        # 重磅｜陈立军在…上的讲话 / … / 在…上的讲话)
        doc.author = _prefix_speaker(headline, bare_name=True)


# A year in a file's name, standing apart (2025_河南省.txt, 河南-2025.txt; not 2000字, a2019b, 1024x2048).
_NAME_YEAR = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d{2})(?![0-9A-Za-z字号期页条])")


# a document-sharing site, whose dates are a user's upload, not the document's (百度文库, 道客巴巴, 豆丁, 360doc个人图书馆, 原创力文档)
SHARING_SITE = re.compile(r"百度文库|道客巴巴|豆丁网|docin\.com|doc88\.com|360doc|个人图书馆|原创力文档|book118\.com|wenku\.baidu\.com")
_UPLOAD = re.compile(r"上传(人|者|时间|日期|于)|贡献(者|于)|^\W*本文由\s*\S{1,30}\s*贡献")


def shared_copy(raw: RawText) -> bool:
    """Whether the file is a copy from a document-sharing site: the site's name on a line of its
    furniture (its page's title, a short line with no sentence in it, among the first 12, the last
    20 or the left-out lines) and its upload particulars or prompts there too (上传时间, 贡献者,
    下载券); a text that names such a site in a sentence (严禁将涉密文件上传至百度文库。) is none."""
    texts = [raw.meta.get("title", ""), *raw.lines[:12], *raw.lines[-20:], *raw.left_out]
    furniture = [t.strip() for t in texts if t.strip() and len(t.strip()) <= 80 and not re.search("[。！？]", t)]
    return (any(SHARING_SITE.search(t) for t in furniture)
            and any(_UPLOAD.search(t) or classify_line(t, 40).reason == "document site prompt" for t in furniture))


def date_document(lines: Lines, doc: Document, meta: dict[str, str], meta_source: str = "file metadata", shared: bool = False) -> None:
    """The document's date: of the dates found, the first of the highest authority (see
    :data:`DATE_AUTHORITY`: a report's meeting line beats a website's posting time wherever
    that stands), then the reader's metadata (source ``meta_source``), then a date in the
    file's name (``2022-06-30_讲话.txt``). A date line with a year and a month only
    (二〇一二年十二月, under the title or as the signature) dates it ``YYYY-MM`` where no day
    of the same or a higher authority is found. Its year comes from the date, else from the
    title (2024年, 二〇二四年), else from the file's name (2025_河南省.txt).
    ``date_source`` and ``year_source`` say where they came
    from, and the log's note on the line that gave the date says so. The reader's author fills
    in where the text gave none, if it is a name in Chinese (not Administrator, 微软用户).
    On a copy from a document-sharing site (``shared``) the site's dates (its page's metadata,
    an upload field, its left-out lines) are a user's upload, not the document's: they date
    nothing."""
    if lines.lunar:
        # a day of the Chinese calendar (癸未年腊月二十六日), its sixty-year cycle placed by the title's year, else the other dates'
        near = find_year(doc.title) or next((d.date[:4] for d in [*lines.dates, Dated(meta.get("date", ""), "")] if d.date), "")
        for i in lines.lunar:
            if near and (day := lunar_date(lines.text[i], int(near))):
                lines.dates.append(Dated(day, "title block", i))
    dates = sorted(lines.dates, key=lambda d: date_rank(d.source)) + ([Dated(meta["date"], meta_source)] if meta.get("date") else [])
    if shared:  # the site's page date, its upload field and its left-out line (a 发布时间 line copied with the text still dates it)
        dates = [d for d in dates if not (d.source == meta_source or _UPLOAD.search(d.source) or d.source.endswith("(left out of the main text)"))]
    name = Path(doc.source).name
    title_year = find_year(doc.title) or find_year(" ".join(lines.zones["title"]))
    named = find_date(name) or _compact_date(name)  # (2022-06-30_讲话.txt, 20190305讲话.docx, t20150710_688912.html)
    # a crawl date must not outvote the title's year, a year-and-month line's, or another year in the name (2019_讲话_20230915.txt)
    other_years = {y[:4] for y, _ in lines.years} | {m.group(1) for m in _NAME_YEAR.finditer(name)} | ({title_year} if title_year else set())
    if named and not other_years - {named[:4]}:
        dates.append(Dated(named, "file name"))
    # (a catalogue's 成文日期 the same day as its 发布日期 is the news item's posting, not an issuing date)
    posted_too = bool(dates) and date_rank(dates[0].source) == DATE_AUTHORITY.index("header: issued") and any(
        d.date == dates[0].date and date_rank(d.source) == DATE_AUTHORITY.index("header: posted") for d in dates)
    # (…and an editor's note presenting the speech or report below it gives the day it was given, before a catalogue's 成文日期:
    # 【编者按】1月5日，…县委书记张宏伟…向全会作了题为《…》的报告)
    first = _first_text_line(lines)
    presented = first is not None and not re.search(r"(通知|通报|通告|公告)(（[^）]*）)?\s*$", doc.title) and bool(re.match(r"\s*[【\[]?编者按", lines.text[first]) and re.search("讲话|报告|致辞", lines.text[first])
                                                                         or _PRESENTS_SPEECH.search(lines.text[first]))  # (not a notice's 现将…讲话印发)
    if dates and (date_rank(dates[0].source) > date_rank(LEAD_DAY) or posted_too or presented and date_rank(dates[0].source) > date_rank(CLOSING_DAY)) and (
            lead := lead_day(lines, dates[0].date, doc.title, dates[0].source)):
        dates.insert(0, lead)
    elif (dates and dates[0].source == "title block" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", dates[0].date)
          and (lead := lead_day(lines, dates[0].date, doc.title, dates[0].source)) and 0 < (dt.date.fromisoformat(dates[0].date) - dt.date.fromisoformat(lead.date)).days <= _POSTED_WITHIN
          and not re.search(rf"(?<!\d){int(dates[0].date[8:])}\s*日", lines.text[lead.line])):  # (…unless the lead reaches the day too: 7月20日，全市召开…。22日上午，我县召开…)
        # a news item's day under its headline that is a few days after the day its lead reports (县政协召开…常委会议 / 2010年07月22日 /
        # 7月20日，县政协召开…): the day it was posted; the lead's day is the event's (a speech's title block is never a news lead's)
        dates.insert(0, lead)
    if not dates and (lead := year_lead_day(lines, doc.title)):
        dates.append(lead)  # (a page that kept no date but its lead's: 2020年4月28日,出席…会议的河津代表团举行全团会议)
    if dates and date_rank(dates[0].source) > date_rank(CLOSING_DAY) and (given := note_day(lines, dates[0].date)):
        dates.insert(0, given)
    if lines.yearless and dates and date_rank(dates[0].source) > date_rank(CLOSING_DAY) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", dates[0].date) and (
            given := _day_before(int(lines.yearless[0][1][:2]), int(lines.yearless[0][1][3:]), dt.date.fromisoformat(dates[0].date), lines.yearless[0][0], "title block")):
        dates.insert(0, given)  # (a speech's day under its title or speaker without its year, （6月12日）: of the page's year, or the year before)
    if (len({month for month, _ in lines.years}) == 1 and (not dates or date_rank(dates[0].source) > max(date_rank(lines.years[0][1]), date_rank("signature")))
            and sum(bool(year_month_line(t)) for t in lines.text) <= 1):  # (a transcription note's month, （2021年2月，根据录音整理）, is no such line)
        # the document's own month (二〇一二年十二月 under its title or as its signature) before a website's day; not
        # where it has a day of its own (a signature's 2012年12月20日 under a title's （2012年12月）, a 成文日期), nor
        # where months head its parts (a 大事记's 2013年1月 … 2013年12月)
        month, where = lines.years[0]
        dates.insert(0, Dated(month, where))
    doc.date, doc.date_source, line = dates[0] if dates else ("", "", -1)
    if line >= 0:
        lines.notes[line] = _join_notes(lines.notes[line], f"dates the document ({doc.date_source})")
    if doc.date:
        doc.year, doc.year_source = doc.date[:4], doc.date_source
    else:
        # (else a gazette's issue: 宁海县人民政府公报　2023年第2期)
        gazette = next((y for i, (st, why) in enumerate(lines.status) if why in ("gazette header", "issue number") and (y := find_year(lines.text[i]))), "")
        doc.year = title_year or gazette
        doc.year_source = "title" if title_year else "gazette header" if gazette else ""
        year = _NAME_YEAR.search(name)
        if not doc.year and year:
            doc.year, doc.year_source = year.group(1), "file name"
    editor = dict(BOILERPLATE)["editor"]
    author = meta.get("author", "").strip()
    if not editor.match(author) and re.fullmatch(r"[\u4e00-\u9fff·（）()、]{2,30}", author) and not _NOBODY.search(author):
        # 【责任编辑：…】 is the site's editor; Administrator, 微软用户 or a pirated system's name is nobody. Like a page's
        # 作者 field, it names who posted the text (红河日报 on a 百家号 page), which the speaker a news item names overrides
        if not doc.author:
            doc.author, lines.author_field = author, True


# a news report's or an editor's note's first sentence, dated by the day of what it reports (本报讯（记者…）3月14日，长安区召开…;
# 编者按：12月26日，市委经济工作会议召开。; 8月14日下午，全县…会议在县政府第一会议室召开)
_LEAD_DAY = re.compile(
    # (after a short opening sentence too: 群贤毕至谋发展，凝心聚力著华章。昨日下午，…开幕; or after its subject: 中国共产党济南市第十一次代表大会，
    # 3月28日上午在山东会堂隆重开幕)
    r"^\s*(?:[^。！？!?\d\s]{4,20}[。！!]\s*|[^\s，,。！？!?\d]{2,36}(?:会议|大会|全会|代表大会|节|仪式|论坛|博览会)[，,]\s*(?=\d{1,2}月\d{1,2}日(?:上午|下午)?\s*在))?(?:[【\[]?编者按\s*[】\]]?\s*[:：]?\s*)?(?:[^\s，,。]{0,12}?(?:讯|消息)\s*(?:[】\]]\s*)?(?:[:：]\s*)?(?:记者\s*[\u4e00-\u9fff]{2,4}\s*报道\s*[:：]\s*)?"
    # (a dateline's day before the reporters in brackets and the event's own day: 新华网长沙3月5日电（记者 周俊）3月3日，…;
    # 东方网记者汤小琪11月15日报道：11月13日，…)
    r"|[^\s，,。\d]{1,16}?\d{1,2}月\d{1,2}日(?:电|报道[:：]?)\s*(?=(?:[（(][^）)]{0,40}[）)]\s*)?(?:\d{1,2}月)?\d{1,2}日)"
    r"|[^\s，,。\d]{1,16}?(?=\d{1,2}月\d{1,2}日电))?(?:[（(][^）)]{0,40}[）)]\s*)?(?:(?:(?P<y>(?:19|20)\d{2})\s*年\s*|(?P<last>去年)|今年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日|(?P<rel>昨天|昨日|前天|今天|今日|[上本]周[一二三四五六日天])|[昨今前]\s*[（(]\s*(?P<d2>\d{1,2})\s*[)）]\s*日|(?P<d3>\d{1,2})日(?=上午|下午|晚|早上|凌晨|中午|[，,]))\s*(?:[（(][^）)]{1,8}[）)])?\s*(?:上午|下午|晚上?|早上|凌晨|中午)?\s*(?:[，,]|(?<=日)电\s*(?:[（(][^）)]{0,40}[）)])?\s*|(?<=[日午])(?=在))"
    # (the day may carry a note in brackets, 2月5日（正月初八）, 3月1日（星期三）; the clause may run across a comma, 市长赵启明深入陈仓区、凤翔区，调研…; not past a source's 获悉 or another day: 9月18日，
    # 记者从县农业农村局获悉，我县将于9月23日举办… is the day of the reporting)
    r"(?P<clause>(?:(?!获悉|了解到|获知|据悉|\d{1,2}月\d{1,2}日)[^。！？；;]){0,80}?(?:召开|举行|开幕|闭幕|举办|调研|考察|视察|督导|督查|检查|慰问|走访|座谈|召集|会见|接见|宣讲|集体学习)(?!的))")
_LEAD_DAYS = 62  # how long before the page's date the reported day may be
_RECALLED_BEFORE = 1990  # a lead's year before this, on a page with no date of its own, is history the text recalls
_SHORT_OPENING = 20  # a first line shorter than this opens a news item's lead, which goes on below it
_POSTED_WITHIN = 7  # …and how long before a day under a news item's headline, for that day to be its posting
_LEAD_SHARED_CHARS = 4  # how much of the headline the lead's first clause repeats (安全生产工作会议)


# a lead that presents the speech printed below it (…出席会议并讲话。现将讲话全文刊发如下：)
_PRESENTS_SPEECH = re.compile(r"(讲话|致辞)(全文|摘要|摘登)?[^。]{0,12}(刊发|刊登|摘登|发布|编发)如下|全文(刊发|刊登)如下|现将[^。]{0,20}(讲话|致辞)|以下(为|是)[^。]{0,8}(讲话|报告|致辞)(全文|摘要|摘登|原文)|(讲话|报告|致辞)(全文|摘要)?(刊发|刊登|摘登)如下|(讲话|报告|致辞)(全文|摘要)如下"
                              r"|(本文|此文)(系|是|为)[^。]{0,60}(讲话|报告|致辞)")  # (编者按：本文系县委书记周立新同志在…上的讲话，…)


def lead_day(lines: Lines, posted: str, doc_title: str, posted_by: str = "header: posted") -> Dated | None:
    """The day a news report's first clause gives the event its headline reports (长安区召开…推进会 /
    3月14日，长安区召开…推进会: :data:`_LEAD_SHARED_CHARS` characters in common; not under a speech's,
    a report's or a summary's title), or an editor's note the speech it presents (编者按：12月26日，…会议召开。…讲话…),
    with the year of the page's date ``posted`` (the year before, where the day falls after it:
    12月30日 on a page of 2024-01-02), or None: not where it is more than :data:`_LEAD_DAYS` days
    before the page's date (another year's event)."""
    note = lambda i: bool(re.match(r"\s*[【\[]?编者按", lines.text[i]))  # noqa: E731
    first = next((i for i in lines.nonblank if lines.open(i) and lines.kinds[i].kind == "body" or note(i)), None)
    if first is not None and (wire := _WIRE_DAY.match(lines.text[first])) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", posted):
        # a news agency's dateline dates its report, whatever it reports (中评社漳州5月20日电（记者…）: an interview too),
        # unless the report gives the day of the event its headline reports after its reporters (新华网长沙3月5日电（记者
        # 周俊）3月3日，中共桑植县委经济工作会议…召开)
        wired = _day_before(int(wire.group("m")), int(wire.group("d")), dt.date.fromisoformat(posted), first)
        own = _LEAD_DAY.match(lines.text[first])
        if not own or (own.group("m"), own.group("d")) == (wire.group("m"), wire.group("d")):
            return wired
        own_day = _lead_day(lines, wired.date if wired else posted, doc_title, posted_by, first, note)
        return own_day if own_day and wired and own_day.date <= wired.date else wired  # (not a later day: 将于3月8日召开)
    if first is None:
        return None
    return _lead_day(lines, posted, doc_title, posted_by, first, note)


def _first_text_line(lines: Lines) -> int | None:
    """The index of the text's first open line of body text, or None."""
    return next((i for i in lines.nonblank if lines.open(i) and lines.kinds[i].kind == "body"), None)


def year_lead_day(lines: Lines, doc_title: str) -> Dated | None:
    """The day a news report's lead gives with its year (2020年4月28日，…代表团举行全团会议), for a text that has no
    other date to place a lead's day by; as :func:`lead_day` reads leads, so not under a headline the lead does not
    report nor under a document's title (a speech that opens from another event's day)."""
    first = _first_text_line(lines)
    if first is None or not (m := _LEAD_DAY.match(lines.text[first])) or not m.group("m"):
        return None
    # (…or with the year of the session its first sentence reports: 12月25日，县长刘飞霞主持召开县政府2018年第八次常务会议)
    # (the session its own 召开 or 举行 holds, not one it hears, relays or prepares, nor a document's: 听取2018年第四次…汇报, 《…2017年第三次…方案》)
    first_sentence = re.split("[。！？]", lines.text[first][m.start("clause"):], maxsplit=1)[0]
    in_season = 3 <= int(m.group("m")) <= 10  # (from March to October: a meeting named for a year is held in it)
    session = re.search(r"(?:召开|举行)(?:了)?[^，,。；;《》]{0,12}?(?<!\d)((?:19|20)\d{2})\s*年度?第[一二三四五六七八九十\d]{1,3}次", first_sentence)
    if not session and in_season:  # (…or named before them: 市委理论学习中心组2023年第二次集体学习在市委党校举行)
        session = re.search(r"(?<![\d《])(?<!听取)(?<!传达)(?<!学习)(?<!了)((?:19|20)\d{2})\s*年度?第[一二三四五六七八九十\d]{1,3}次[^，,。；;《》]{0,20}?(?:召开|举行)",
                            first_sentence)
        session = None if session and re.search("普查|调查|总结|表彰|述职|考核|评议|回顾", session.group()) else session
    # (…or with the year of the meeting it names holding, 7月12日,2022年梅县区委农村工作会议…召开, 8月16日,龙圩区召开2023年全区年中工作会议;
    # not in December, when a meeting is named for the year to come, 12月28日，我县召开2023年工作谋划会, nor one it hears or relays)
    # (nor a meeting on a year past, 2月15日，…召开2018年度工作总结大会, 2024年度述责述廉会议: held the year after)
    # (only where the meeting's name opens the clause or follows its 召开, from March to October, and not a period, a plan or a
    # budget for a year to come, 2024年部门预算编制工作部署会, 2030年前碳达峰…, 2023—2024年冬春…, nor an event of that year, 2022年亚运会…)
    meeting = r"((?:19|20)\d{2})\s*年(?![底末初度前终—\-至季])(?:[全县市区旗]{0,2})[^，,。；;《》\d会]{2,30}?(?:会议|大会|全会|推进会|分析会|座谈会|动员会|部署会|调度会|交流会|现场会)"
    named = (re.match(rf"\s*{meeting}[^。；;]*?(?:召开|举行|开幕)", first_sentence) or re.search(rf"(?:召开|举行)(?:了)?{meeting}", first_sentence)
             if in_season else None)
    if named and re.search("总结|述职|述责|述廉|表彰|考核|评议|回顾|季度|年终|冬春|秋冬|预算|编制|谋划|规划|计划", named.group()):
        named = None
    if not m.group("y") and not session and not named:
        return None
    said = int(m.group("y") or (session.group(1) if session else named.group(1) or named.group(2)))
    # (not an event a text recalls: 1921年7月23日，中国共产党第一次全国代表大会在上海召开, or one before a later year it names)
    # (…nor a session's year before a text that names a year two or more after it)
    later = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})\s*年", "\n".join(lines.text))]
    if said < _RECALLED_BEFORE or any(y > said + (0 if m.group("y") or named and not session else 1) for y in later):
        return None
    if not _lead_reports(doc_title, lines.text[first], m):
        return None
    try:
        return Dated(dt.date(said, int(m.group("m")), int(m.group("d"))).isoformat(), LEAD_DAY, first)
    except ValueError:
        return None


def _lead_reports(doc_title: str, lead: str, m: re.Match) -> bool:
    """Whether the lead ``lead`` (``m``: its :data:`_LEAD_DAY` match) reports the event its headline ``doc_title`` does:
    :data:`_LEAD_SHARED_CHARS` characters of the headline in its first clause (the clause to its next mark: 7月26日上午，我县召开防御
    第5号台风“杜苏芮”工作视频调度会 under 我县部署防御第5号台风“杜苏芮”工作); not under a document's title (3月5日，十四届全国人大二次会议在北京开幕
    under a speech's title); any lead of a page whose headline was not kept (时间：… 来源：… / 8月16日下午，西岗区政府召开…)."""
    title = re.sub(r"\s", "", doc_title)
    clause = m.group("clause") + re.match(r"[^。！？，,；;]*", lead[m.end("clause"):]).group()
    return not (names_document(doc_title) or title and SequenceMatcher(None, title, clause, autojunk=False).find_longest_match().size < _LEAD_SHARED_CHARS)


def _lead_day(lines: Lines, posted: str, doc_title: str, posted_by: str, first: int, note) -> Dated | None:
    """:func:`lead_day` of the first line of text ``first`` (``note``: whether a line is an editor's note); of a text
    without a headline to check its lead against, only a day at most :data:`_POSTED_WITHIN` days before the page's
    (not 3月5日，十四届全国人大二次会议在北京开幕 opening an untitled speech posted weeks later)."""
    day = _day_of_lead(lines, posted, doc_title, posted_by, first, note)
    if (day and not doc_title.strip() and not (note(first) or _PRESENTS_SPEECH.search(lines.text[first])) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", posted)
            and (dt.date.fromisoformat(posted) - dt.date.fromisoformat(day.date)).days > _POSTED_WITHIN):
        return None
    return day


def _day_of_lead(lines: Lines, posted: str, doc_title: str, posted_by: str, first: int, note) -> Dated | None:
    """The day the lead gives, as :func:`_lead_day` reads it before it weighs a text without a headline."""
    # (an editor's note read whole, also where a page's hard breaks cut it into paragraphs: 编者按：3月3日，…暨全 / 省巩固…工 /
    # 作会议在长沙召开。省委书记陈立群出席会议并讲话。)
    said = "".join(lines.text[i] for i in [first, *[j for j in lines.nonblank if j > first and lines.kinds[j].kind in ("body", "heading")][:3]]) if note(first) else lines.text[first]
    if not (m := _LEAD_DAY.match(said)) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", posted):
        return None
    # (a lead that presents the speech below it, as an editor's note does: 2020年12月30日，旗委经济工作会议召开。…书记李志强出席会议并讲话。
    # 现将讲话全文刊发如下：)
    presents = bool(_PRESENTS_SPEECH.search(lines.text[first]))
    if note(first) or presents:
        if not re.search("讲话|报告|致辞", said):
            return None  # (an editor's note dates the speech it presents)
    else:
        # the event the headline reports (长安区召开优化营商环境工作推进会 / 3月14日，长安区召开优化营商环境工作推进会)
        if not _lead_reports(doc_title, lines.text[first], m):
            return None
    ref = dt.date.fromisoformat(posted)
    if (m.group("rel") or m.group("d2") or m.group("d3")) and (posted_by == "file name" or posted_by.endswith("metadata") and not posted_by.startswith("html")):
        return None  # (a day said relative to a Word file's date: that is when it was saved, not a page's)
    if m.group("rel"):  # a day said relative to the page's (昨天, 上周五: the Friday before the page's week)
        return Dated(d.isoformat(), LEAD_DAY, first) if (d := _relative_day(m.group("rel"), ref)) else None
    if m.group("d3") and (re.search("将(于|要|在|召开|举办|举行|开展)|即将|拟于|拟在", m.group("clause")) or int(m.group("d3")) > ref.day > 20):
        return None  # (23日上午，我县将举办…: a coming event; 23日 on the 20th is no day of the month before)
    if m.group("d2") or m.group("d3"):  # 昨（27）日, 17日上午: the day of the page's month, or of the month before (昨（31）日 on the 1st)
        said = int(m.group("d2") or m.group("d3"))
        month = ref if said <= ref.day else ref.replace(day=1) - dt.timedelta(days=1)
        try:
            day = month.replace(day=said)
        except ValueError:
            return None
        return Dated(day.isoformat(), LEAD_DAY, first) if 0 <= (ref - day).days <= _LEAD_DAYS else None
    year = int(m.group("y")) if m.group("y") else ref.year - 1 if m.group("last") else None  # (去年12月27日: the year before the page's)
    return _day_before(int(m.group("m")), int(m.group("d")), ref, first, year=year)


# a note on the speech a text was made from, with its day (本文根据其4月16日在全市安全生产工作会议上的讲话整理; 这是…2019年3月5日在…上的讲话)
_NOTE_DAY = re.compile(r"(?:根据|这是|本文(?:系|是|为)|此文(?:系|是|为))[^。（）()]{0,20}?(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
                       r"(?:上午|下午|晚上?)?在[^。（）()]{2,60}?上的(?:讲话|报告|发言|致辞)")


# the speaker a note on the text names (（本文根据街道党工委书记周立新2月10日在…上的讲话录音整理）)
_NOTE_SPEAKER = re.compile(r"(?:根据|这是|本文(?:系|是|为)|此文(?:系|是|为))(?P<office>[\u4e00-\u9fff、]{2,20}?(?:书记|[省市县区州盟旗乡镇]长|主任|主席|局长|部长))"
                           r"(?P<who>[\u4e00-\u9fff]{2,3}?)(?:同志)?(?=(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月|在|的讲话)")


def note_speaker(lines: Lines) -> str:
    """``周立新（街道党工委书记）`` of a note on the speech a text was made from, as :func:`note_day` reads notes, or ``""``."""
    ends = set(lines.nonblank[-2:]) | {next((i for i in lines.nonblank if lines.kinds[i].kind == "body"), -1)}  # (the text's first or last lines)
    for i, text in enumerate(lines.text):
        # (a note in brackets, or opening with 本文, 此文, 编者注; or one sentence saying whose speech it is, at the text's start or
        # end; not a sentence of the text citing another's words, 这是市委书记…的要求, nor a caption in a news item)
        if ((re.match(r"\s*(?:[（(].*[)）]\s*$|本文|此文|编者注|注[:：])", text)
             or i in ends and re.fullmatch(r"\s*这是.{4,60}(讲话|报告|致辞)(摘要|全文|节选)?\s*。?\s*", text))
                and "精神" not in text
                and (m := _NOTE_SPEAKER.search(text)) and looks_like_person(m.group("who"))):
            return f"{m.group('who')}（{m.group('office')}）"
    return ""


def note_day(lines: Lines, posted: str) -> Dated | None:
    """The day a note on the text gives the speech it was made from (（作者系宜宾市人民政府市长。本文根据其4月16日在全市
    安全生产工作会议上的讲话整理，有删节）), its year, where the note omits it, the page's (``posted``; the year before
    where the day falls after it), or None: no such note, or a day more than :data:`_LEAD_DAYS` days before the page's."""
    for i, text in enumerate(lines.text):
        # (a note: in brackets, or opening with 本文, 此文, 这是 or 编者注; not a sentence of the text citing a speech)
        if not re.match(r"\s*(?:[（(].*[)）]\s*$|本文|此文|这是|编者注|注[:：])", text) or not (m := _NOTE_DAY.search(date_probe(text))):
            continue
        if m.group("y"):
            day = find_date(m.group())
            return Dated(day, CLOSING_DAY, i) if day else None
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", posted):
            return None
        return _day_before(int(m.group("m")), int(m.group("d")), dt.date.fromisoformat(posted), i, CLOSING_DAY)
    return None


_WEEKDAYS = "一二三四五六日"
# a news agency's dateline (新华社北京3月5日电, 中評社漳州5月20日電)
_WIRE_DAY = re.compile(r"^\s*[^\s，,。\d]{0,10}?(?:社|报|網|网|台)[^\s，,。\d]{0,8}?(?P<m>\d{1,2})月(?P<d>\d{1,2})日[电電](?=\s|[（(]|$)")  # (not 5月20日电视电话会议)


def _day_before(month: int, day: int, ref: dt.date, line: int, source: str = LEAD_DAY, year: int | None = None) -> Dated | None:
    """The day ``month``/``day`` of ``year``, else of ``ref``'s year (the year before where it falls after ``ref``), dated
    from ``line`` by ``source``, or None: no such day, or a day after ``ref`` or more than :data:`_LEAD_DAYS` days before it."""
    try:
        found = dt.date(year or ref.year, month, day)
        if found > ref and year is None:
            found = dt.date(ref.year - 1, month, day)
    except ValueError:
        return None
    return Dated(found.isoformat(), source, line) if 0 <= (ref - found).days <= _LEAD_DAYS else None


def _relative_day(said: str, ref: dt.date) -> dt.date | None:
    """The day a news lead names relative to the page's date ``ref`` (昨天, 前天, 今天, 上周五, 本周二), or None (本周五 on a Wednesday)."""
    back = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2}.get(said)
    if back is None:
        weekday = _WEEKDAYS.index(said[-1].replace("天", "日"))
        back = ref.weekday() - weekday + (7 if said[0] == "上" else 0)
    return ref - dt.timedelta(days=back) if back >= 0 else None


_COMPACT = re.compile(r"(?:(?<![0-9A-Za-z])|(?<=\b[tTcC]))((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")  # (t20150710_688912.html: a TRS site's)


def _compact_date(name: str) -> str:
    """A date written as eight digits in a file's name (20190305讲话.docx, t20150710_688912.html), ISO, or ``""``; not
    a period (20190101-20191231) or a version (V20200101)."""
    found = set(_COMPACT.findall(name))
    return "-".join(found.pop()) if len(found) == 1 else ""


# a posting stamp written day first, with its time (19.12.2019  09:50): a line of its own, never an outline's 1.1.2019年
_DAY_FIRST_STAMP = re.compile(r"\s*(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d{2})\s+\d{1,2}:\d{2}(?::\d{2})?\s*")
# the site itself in a page's 作者 field (作者:本站, 本网, 管理员, 网站编辑): nobody
_THIS_SITE = re.compile(r"\s*(?:本站|本网|本站编辑|本网编辑|管理员|网站管理员|网站编辑|小编|编辑部|原创|转载)\s*")
# a site's account in a page's 作者 field (作者:renda, 作者：admin01): who posted the page, in Latin letters and digits, no person's name
_SITE_ACCOUNT = re.compile(r"\s*[A-Za-z][A-Za-z0-9_.\-]{1,30}\s*")
# an author property that names nobody: a computer's user account or a pirated system's
_NOBODY = re.compile(r"用户|微软|雨林木风|番茄花园|系统之家|深度|未知|匿名|佚名|作者|电脑|[Uu]ser|[Aa]dmin")
# the parts of a page's <title>, which sites join with _ or | (or >>, ::, », a spaced hyphen, or two: …动员会--大荔县人民政府;
# not ——, a title's own dash before its subtitle)
_TITLE_PARTS = re.compile(r"\s*(?:[_|｜»]|>{2,}|＞{2,}|::|：：|(?<!\d)-{2,}(?!\d))\s*|\s+-\s+")  # (not 2018--2022年)
# a footer's line naming who runs the site (主办：漯河市人民政府办公室, 网站主办单位：…, 版权所有 © 2023 …人民政府), at
# the start of the line or of a part of it; its name ends in an organ's word (not 由…主办的…大赛)
# a government site's identifier, its unit's code and a serial number (网站标识码：3501020001, by the national rules for
# government sites of 2017), and the address in its footer (地址：福州市鼓楼区湖东路 邮编：350003)
_SITE_CODE = re.compile(r"网站标识码\s*[:：]?\s*(\d{6})\d{4}(?!\d)")
# (a post's place, as WeChat and Weibo show it since 2022: 发表于甘肃, IP属地：甘肃)
_POSTED_FROM = re.compile(r"(?:发表于|IP属地\s*[:：]?)\s*([\u4e00-\u9fff]{2,3})(?![\u4e00-\u9fff])")
_SITE_ADDRESS = re.compile(r"(?:^|\s)(?:地址|通讯地址|联系地址)\s*[:：]\s*([\u4e00-\u9fff]{4,30})")


def site_identity(texts: list[str], gazetteer: Gazetteer) -> tuple[list[str], list[str]]:
    """Whose site a page stands on, as its furniture says: the full name of the unit a 网站标识码 codes
    (福建省福州市鼓楼区) and a footer's address (福州市鼓楼区湖东路); and, apart, a post's province (发表于甘肃): for
    the locality a text's ambiguous or missing name leaves open."""
    found, provinces = [], []
    for text in texts:
        if (m := _SITE_CODE.search(text)) and (place := gazetteer.places.get(m.group(1) + "0" * 6)):
            found.append("".join(gazetteer.places[c].name for c in (*place.ancestors, place.code) if c in gazetteer.places))
        if m := _SITE_ADDRESS.search(text):
            found.append(m.group(1))
        if m := _SITE_WELCOME.search(text):
            found.append(m.group(1))  # (its greeting: 欢迎访问沭阳新闻网！)
        if (m := _POSTED_FROM.search(text)) and any(gazetteer.places[c].level == "province" for _, _, codes in gazetteer.find(m.group(1)) for c in codes):
            provinces.append(m.group(1))
    return found, provinces


# a site's greeting in its header, naming it (欢迎访问沭阳新闻网！, 欢迎光临中国·澧县政府门户网站)
_SITE_WELCOME = re.compile(r"欢迎(?:您)?(?:访问|光临|来到)\s*([\u4e00-\u9fff·]{2,16}?(?:新闻网|政府网|门户网站|网站|网|在线))(?![\u4e00-\u9fff])")
_SITE_OWNER = re.compile(r"(?:^|[\s|｜])(?:网站)?(?:主办(?:单位)?|版权所有)\s*[：:]?\s*(?:[©Ⓒ]\s*)?(?:\d{4}\s*)?"
                         r"([\u4e00-\u9fff（）()]{2,30}?(?:人民政府|政府|办公室|办公厅|委员会|中心|局))(?![\u4e00-\u9fff])")
# how long a page's <h1>–<h3> may be to be its headline (not 政务动态, not a paragraph set as a heading)
_HEADLINE_CHARS = (8, 80)


def headlines(headings: str) -> list[str]:
    """Of a page's ``<h1>``–``<h3>`` (one a line), those that may be its headline: 8–80 characters,
    naming no site (not 相关新闻, 郴州市人民政府)."""
    found = [h for h in headings.split("\n") if _HEADLINE_CHARS[0] <= len(h) <= _HEADLINE_CHARS[1] and not _SITE_PART.search(h)
             and not _NUMBERED.match(h)]  # (一、充分认清…: a section's heading)
    # a subtitle set off by its dash (凝心聚力 真抓实干… / ——在地区经济工作会议上的讲话) goes with the headline above it
    for k in range(len(found) - 1, 0, -1):
        if _DASH.match(found[k]) and not _DASH.match(found[k - 1]):
            found[k - 1 : k + 1] = [f"{found[k - 1]}{found[k]}"]
    return found


def left_out_headline(left_out: list[str], to_simplified) -> list[str]:
    """The page's headline among the lines the extraction left out: a title-like line (8–80
    characters, no sentence end) right above the article's 日期/来源 line, above a speech's subtitle, or a
    document's name above its dateline."""
    texts = [to_simplified(t.strip()) for t in left_out]
    title_like = lambda text: (_HEADLINE_CHARS[0] <= len(text) <= _HEADLINE_CHARS[1] and classify_line(text, _HEADLINE_CHARS[1]).kind == "heading"  # noqa: E731
                               and not _SITE_PART.search(text) and not _NUMBERED.match(text))
    for k, (text, after) in enumerate(zip(texts, texts[1:])):
        if k and meeting_day(text):
            # a report's short title over its dateline (政府工作报告 / （摘要） / ――2019年1月3日在…会议上), as an e-paper sets it
            j = k - 1 - bool(k > 1 and re.fullmatch(r"[（(【]\s*(摘要|摘登|节选|全文)\s*[)）】]", texts[k - 1]))
            if 4 <= len(texts[j]) <= _HEADLINE_CHARS[1] and _GENRE_END.search(texts[j]) and classify_line(texts[j], _HEADLINE_CHARS[1]).kind == "heading" \
                    and not _SITE_PART.search(texts[j]) and not _NUMBERED.match(texts[j]):
                return [texts[j]]
        if _SPEECH_SUBTITLE.match(text) and k and title_like(texts[k - 1]) and not _DASH.match(texts[k - 1]):
            return [f"{texts[k - 1]}{text}"]  # (a speech's headline and subtitle, with or without a source line below: an e-paper's)
        kind = classify_line(after, 40)
        if kind.kind == "metadata" and kind.reason in ("source/date line", "header fields"):
            if _DASH.match(text) and k and title_like(texts[k - 1]) and not _DASH.match(texts[k - 1]):
                return [f"{texts[k - 1]}{text}"]  # the headline and its subtitle (凝心聚力… / ——在全镇…大会上的讲话)
            if title_like(text):
                return [text]
    return []
_SPEECH_SUBTITLE = re.compile(r"^[—―–\-－]{1,2}\s*在.{2,60}?(上|时)的?(讲话|报告|发言|致辞)")
# a part that names the site, not the article (郴州市人民政府, 政务公开, 门户网站, an e-paper's 大众日报数字报 and its page, 第02版：要闻)
_SITE_PART = re.compile(r"(人民政府|政府|行政公署|行署|政府网|门户网站|网站|首页|政务公开|信息公开|新闻中心|办公室|网|在线|数字报|电子报|电子版|日报|晚报)$|^第\s*[A-Z]?\d{1,3}\s*版")
_WORD_TITLE = re.compile(r"^Microsoft Word\s*-\s*|\.(docx?|wps)$", re.IGNORECASE)
# a dash or hyphen that may set a site's name off a title with no space (…推进会-哈尔滨市呼兰区人民政府,
# …推进会——呼兰区人民政府); not between digits (2018-2022年)
_SITE_DASH = re.compile(r"(?<!\d)\s*[-－–—―]{1,2}\s*(?!\d)")
_SITE_NAME_CHARS = 24
_SUBJECT_VERB = re.compile("关于|召开|印发|转发|出台|发布|举行|举办|部署|开展|启动|批复|决定|表彰")
# a site's column (政策解读, 领导讲话, 工作动态), after its name in a <title>
_COLUMN = re.compile(r"(解读|动态|要闻|讲话|公开|公示|公告|新闻|专题|专栏|信息|资讯|快讯|之窗|聚焦|头条|文章|报道|论坛|文件|园地|访谈)$")  # (…|文件: 政府文件)
_YEARBOOK_COLUMNS = ("特载", "专文", "特稿")  # a yearbook's columns, letter-spaced as it sets them (特　载)
# a site's name as such, with no place in it (人民政府 alone, not 服务型政府 or 民生保障网)
# a line that is only a site's name (荆门教育信息网, 盐池县人民政府门户网站, 铜仁信息港)
_SITE_NAME_ONLY = re.compile(r"[\u4e00-\u9fff]{2,14}(信息网|门户网站|网站|政府网|新闻网|在线|信息港)")
_SITE_ITSELF = re.compile(r"(人民政府|政府网|门户网站|网站|政务公开|信息公开|新闻中心|数字报|电子报|电子版)$|^第\s*[A-Z]?\d{1,3}\s*版")


def _site_off(part: str, gazetteer: Gazetteer) -> list[str]:
    """``part`` of a page's title with a site's name that a dash sets off at its end or start
    cut off as a part of its own: a short part named like a site (:data:`_SITE_PART`) that names
    a unit (呼兰区人民政府, 长沙市政府网) or is a site's name as such (门户网站). A subtitle's dash sets
    off no site: 织密民生保障网——宁乡县民生工作综述, 宁乡县召开会议——全力打造数字政府."""
    def site(piece: str) -> bool:
        return (len(piece) <= _SITE_NAME_CHARS and bool(_SITE_PART.search(piece))
                and (bool(_SITE_ITSELF.search(piece)) or bool(gazetteer.find(piece)) or bool(_SITE_NAME_ONLY.fullmatch(piece))))

    tokens = part.split()
    k = 0  # a site's name and its column set off by blanks before the headline (湖州市人民政府 政策解读 最高补贴…)
    if len(tokens) >= 2 and site(tokens[0]) and _SITE_ITSELF.search(tokens[0]) and not _SUBJECT_VERB.match(tokens[1]):
        k = 1  # (人民政府, 门户网站: not 宁乡市政府 召开…, 长沙市人民政府 关于…的通知, a headline that opens with its subject)
        while k < len(tokens) - 1 and len(tokens[k]) <= 6 and _COLUMN.search(tokens[k]):
            k += 1
    if k:
        return [*tokens[:k], " ".join(tokens[k:])]
    m = re.match(r"([^:：]{2,24}?)\s*[:：]\s*", part)
    if m and (_SITE_NAME_ONLY.fullmatch(m.group(1)) or re.fullmatch(r"[\u4e00-\u9fff]{2,8}(新闻|日报|晚报)", m.group(1))
              or site(m.group(1)) and _SITE_ITSELF.search(m.group(1))):
        return [m.group(1), part[m.end() :]]  # (a site's name before a colon: 中国评论新闻网: 林建国：在…上的致辞)
    dashes = list(_SITE_DASH.finditer(part))
    if dashes:
        head, tail = part[: dashes[0].start()], part[dashes[-1].end() :]
        if site(tail) and part[: dashes[-1].start()].strip():
            return [part[: dashes[-1].start()], tail]
        if site(head) and part[dashes[0].end() :].strip():
            return [head, part[dashes[0].end() :]]
    return [part]


def reader_title(lines: Lines, doc: Document, meta: dict[str, str], to_simplified, gazetteer: Gazetteer, left_out: list[str] = ()) -> None:
    """Where the text gave no title, the reader's (a web page's ``<title>``, which the main-text
    extraction leaves out, or a Word file's title property): simplified, the site's name cut
    off (``2012年固始县政府工作报告_固始县人民政府``, ``郴州市人民政府_政务公开_…``: of the parts
    joined by ``_`` or ``|``, the longest that names no site; a site's name a dash sets off,
    ``…推进会-呼兰区人民政府``, is a part too), and read like a title found in
    the text, for the year and the locality; where the ``<title>`` is only the site's name, the
    longest of the page's ``<h1>``–``<h3>`` that names no site. The site's name is left out, as the page's
    furniture is: a county's text stands on its city's site (it goes to ``lines.site``, which
    locates a page whose text names no place)."""
    title = to_simplified(_WORD_TITLE.sub("", meta.get("title", "")).strip())
    if not re.search(r"[\u4e00-\u9fff]", title):
        return
    parts = [piece for part in _TITLE_PARTS.split(title) if part.strip() for piece in _site_off(part, gazetteer)]
    # (a site's column beside its name, 海城市人民政府--乡镇动态, names no article either)
    articles = [part for part in parts if not _SITE_PART.search(part)
                and not (len(parts) > 1 and len(part) <= 6 and _COLUMN.search(part) and any(_SITE_PART.search(q) for q in parts))]
    lines.site += [part for part in parts if _SITE_PART.search(part)]
    if articles and len(parts) > 1 and lines.site and len(best := max(articles, key=len)) <= 8 and not _GENRE_END.search(best):
        # a <title> that names the site and its column only (巴东县人民政府门户网站--财政预决算): the page's headline that names a
        # document is the article's (关于巴东县2013年财政预算执行情况和2014年财政预算草案的报告)
        articles = [h for h in headlines(to_simplified(meta.get("headings", ""))) if _GENRE_END.search(h)] or articles
    if not articles:  # a <title> that is only its site's name (郴州市人民政府) names no article: the page's headline may
        # (the line above the article's 日期/来源 line, where the extraction left it out)
        articles = headlines(to_simplified(meta.get("headings", ""))) or left_out_headline(list(left_out), to_simplified)
    if articles and doc.title and (_SITE_NAME_ONLY.fullmatch(doc.title.strip()) or len(doc.title.strip()) <= 6 and _COLUMN.search(doc.title.strip())
                                   and not _GENRE_END.search(doc.title.strip())):
        # the text's first line is only the site's name (荆门教育信息网), or a column's (政务公开), and the page's <title> names the article
        i = next((i for i, (st, why) in enumerate(lines.status) if st == "metadata" and why == "title" and lines.text[i].strip() == doc.title), None)
        if i is not None:
            lines.zones["title"].remove(lines.text[i])
            lines.mark(i, "boilerplate", "site name")
            lines.site.append(doc.title.strip())
            doc.title = ""
    if articles and doc.title and _bodies_only(doc.title) and meta.get("headings"):
        # the text's first line names only a body (九江市统计局) and the page's headline was dropped by the
        # extraction: the body is the issuer, the headline the title
        i = next((i for i, (st, why) in enumerate(lines.status) if st == "metadata" and why == "title" and lines.text[i].strip() == doc.title), None)
        if i is not None:
            lines.zones["title"].remove(lines.text[i])
            _header_issuer(lines, doc, i, "issuer (above the title)")
            doc.title = ""
    if articles and doc.title and lines.zones["title"] == [doc.title] and len(doc.title.strip()) <= 24 and not _GENRE_END.search(doc.title.strip()):
        # the text's first line is a site's slogan (传承红色基因　建设美丽新县) the extraction kept, and the page's headline, which
        # its <title> names too, it left out: the headline is the title (not where the text's line is in the <title> or a
        # heading, nor where the headline is in the text: a speech's own title under a headline naming its speaker)
        bare = lambda t: re.sub(r"\s", "", t)  # noqa: E731
        article = bare(max(articles, key=len))
        head = next((h for h in headlines(to_simplified(meta.get("headings", ""))) if article and bare(h).startswith(article)), "")
        text = "".join(bare(t) for t in lines.text)
        if head and article not in text and bare(doc.title) not in bare(meta.get("headings", "")) + bare(title):
            i = next((i for i, (st, why) in enumerate(lines.status) if st == "metadata" and why == "title" and lines.text[i].strip() == doc.title.strip()), None)
            if i is not None:
                lines.zones["title"].remove(lines.text[i])
                lines.mark(i, "boilerplate", "site slogan (above the text; the page's headline is its title)")
                doc.title = head
                lines.zones["title"].append(head)
    if articles and doc.title and _DASH.match(doc.title.strip()):
        # the text opens with its subtitle (――在全市农村工作会议上的讲话), its title left out with the page's header: the
        # title is the page's headline holding the subtitle, else the <title>'s article and the subtitle (not a site's
        # name the <title> gives alone, 中国·绍兴县)
        sub = re.sub(r"\s", "", doc.title)[1:].lstrip("—―–-－")
        full = next((h for h in headlines(to_simplified(meta.get("headings", ""))) if sub and sub in re.sub(r"\s", "", h) and not _DASH.match(h)), "")
        head = max(articles, key=len).strip()
        if (m := re.match(r"([^：:]{2,16})[：:]\s*", head)) and (looks_like_person(who := unspaced_name(m.group(1)).strip()) or office_and_name(who)):
            # (a <title> that puts the speaker before the headline with a colon: 刘宏伟：以过硬作风推动工作落实…)
            doc.author = doc.author or (office_and_name(who) or who)
            head = head[m.end() :]
        if full:
            doc.title = full
            lines.zones["title"].append(full)
        elif not _DASH.match(head) and head not in doc.title and "·" not in head and not any(n == head for _, n, _ in gazetteer.find(head)):
            doc.title = join_title([head, doc.title.strip()])
            lines.zones["title"].append(head)
    if articles and not doc.title:
        doc.title = max(articles, key=len)
        # a headline that puts its speaker before a speech's title with a colon (林建国：在…开幕式上的致辞): the title is the speech's
        if (m := re.match(r"([^：:]{2,16})[：:]\s*", doc.title)) and _SPEECH_TITLE.search(rest := doc.title[m.end() :]) and (
                looks_like_person(who := unspaced_name(m.group(1)).strip()) or office_and_name(who)):
            doc.author = doc.author or (office_and_name(who) or who)
            doc.title = rest
        lines.zones["title"].append(doc.title)


def mark_lists(lines: Lines) -> None:
    """Heading-like lines (short, no sentence end) that are a list's items rather than headings:
    a run of them numbered alike (or all unnumbered) with no text between them, either right
    after a lead-in that ends in a colon (主要预期目标是： / 地区生产总值增长6.5%左右 / 一般公共预算收入增长6% …)
    or, unnumbered or numbered 一是 二是, three or more long with text after them (a heading heads
    text, and three in a row head nothing). They are text, merged into a paragraph with their
    lead-in, and the log's note says so. A table of contents (lines numbered as the outline is,
    with no lead-in), two in a row with no lead-in (附件 / 名词解释) and lines with no text after
    them (a signature, a footer's menu) stay as they were."""
    body = [i for i in range(len(lines.text)) if lines.open(i) and lines.kinds[i].kind != "blank"]
    k = 0
    while k < len(body):
        i = body[k]
        if lines.kinds[i].kind != "heading":
            k += 1
            continue
        style = numbering(lines.text[i])
        run = [i]
        while k + len(run) < len(body) and lines.kinds[j := body[k + len(run)]].kind == "heading" and numbering(lines.text[j]) == style:
            run.append(j)
        before = lines.text[body[k - 1]] if k and lines.kinds[body[k - 1]].kind == "body" else ""
        after = lines.kinds[body[k + len(run)]].kind if k + len(run) < len(body) else ""
        lead_in = len(run) >= 2 and before.rstrip().endswith(("：", ":"))
        if lead_in or len(run) >= 3 and style in (None, LEAD_NUMBERING) and after == "body":
            for j in run:
                lines.kinds[j] = LineKind("body")
                lines.notes[j] = _join_notes(lines.notes[j], f"a list's item, not a heading ({len(run)} in a row{' after a lead-in' if lead_in else ''})")
                lines.lists[j] = run[0]
            if lead_in:
                lines.lists[body[k - 1]] = run[0]
        k += len(run)


def _signs_above_date(lines: Lines, i: int) -> bool:
    """Whether closing line ``i`` is a person's name, or an office and name, right above the text's
    closing date line, in a speech or a report (同志们： or 各位代表： at its top)."""
    name = unspaced_name(lines.text[i].strip())
    below = next((j for j in lines.nonblank if j > i), None)
    return (below is not None and lines.status[below][1] in ("date line", "date line (year and month)") and (looks_like_person(name) or bool(office_and_name(name)))
            and any(_SALUTATION.match(lines.text[j]) for j in lines.nonblank[:12]))


# a closing line that names who gives the text (述职人：王建军, 解读人：李明, 报告人 张三)
# (with the office after the name: 解读人：林晓峰（区发改局营商环境科科长）)
_SIGNED_BY = re.compile(r"^(述职人|解读人|报告人|发言人|主讲人|讲话人|撰稿人|执笔人)\s*[:：]?\s*(?P<who>[\u4e00-\u9fff·]{2,12}?)(\s*[（(][^（）()]{1,30}[）)])?$")


def _signature_block(lines: Lines, closing: list[int]) -> list[str]:
    """The issuing bodies that sign the text: closing lines that name a body
    (:data:`_SIGNATURE`: 中共留坝县委办公室, 彭州市丽春镇人民政府), one after another right above
    its date line, the first of them first. A body's name at the end of a web page with no date
    under it (a related link, 主办：…中心) signs nothing."""
    block: list[str] = []
    for i in reversed(closing):
        below = next((k for k in range(i + 1, len(lines.text)) if lines.text[k].strip()), None)
        text = lines.text[i].strip()
        if (below is None or not (_date_line(lines.text[below]) or year_month_line(lines.text[below]) or block and lines.text[below].strip() == block[0])
                or not _SIGNATURE.fullmatch(text) or _INNER_PUNCTUATION.search(text) or _NOT_SIGNATURE.match(text)):
            if block:
                break
            continue
        block.insert(0, text)
    return block


# a closing line that names a body but does not sign (来源 县融媒体中心, 主办单位 …中心)
_NOT_SIGNATURE = re.compile(r"(来源|主办|承办|协办|供稿|技术支持|相关链接|版权所有|编辑|审核|责编|出品)")


def cut_body(lines: Lines, params: IngestParams) -> list[dict]:
    """The lines no pass has decided: headings become the section of what follows, other
    lines are cut at sentence ends into pieces of at most ``max_chars``, and short pieces
    are merged with a neighbour (lines left with none are marked ``too_short``).

    Returns:
        Pieces as dicts: ``lines`` (0-based line numbers), ``text``, ``section``, ``merged``.
    """
    stack: dict[int, str] = {}
    passed: list[str] = []  # headings since the last piece
    after_text: list[int] = []  # their lines
    pieces: list[dict] = []  # {"lines": [i], "text", "section", "spans", "passed"}
    for i, k in enumerate(lines.kinds):
        if not lines.open(i):
            continue
        line = lines.text[i]
        if k.kind == "heading":
            level = -1 if k.reason == ANOTHER_DOCUMENT else heading_level(line)  # (another document's title: under no heading of the first)
            stack = {lv: h for lv, h in stack.items() if lv < level}
            stack[level] = line
            passed.append(line)
            after_text.append(i)
            lines.mark(i, "heading", "kept as the section of the paragraphs below it" if k.reason != ANOTHER_DOCUMENT else
                       "another document's title, kept as the section of its paragraphs: they are dated and placed as the file's first document; split the file")
            lines.zones["body"].append(line)
            continue
        cells = table_cells(line)
        if cells is not None and not lines.joined[i]:  # a table row holding sentences: its text, without the | marks
            line = lines.text[i] = "　".join(c for c in cells if c)
            lines.notes[i] = _join_notes(lines.notes[i], "table row: cells joined with a full-width space")
        lead = inline_heading(line, params.heading_max_chars)
        if lead:
            level = heading_level(line)
            stack = {lv: h for lv, h in stack.items() if lv < level}
            stack[level] = lead
        section = " > ".join(stack[lv] for lv in sorted(stack))
        lines.zones["body"].append(line)
        at = 0
        for piece in chunk(line, params.max_chars):
            start = line.find(piece, at)
            start = at if start < 0 else start
            at = start + len(piece)
            pieces.append({"lines": [i], "text": piece, "section": section, "spans": {i: (start, at)}, "passed": passed})
            passed, after_text = [], []
        if i in lines.lists and pieces:
            pieces[-1]["list"] = lines.lists[i]  # (of a lead-in cut into pieces, the last, which ends in its colon)
    if pieces:
        signature = _signature_block(lines, after_text)
        for i in after_text:  # heading-like lines after the last text head nothing: closing lines (述职人：王建军, a signature)
            lines.mark(i, "metadata", "closing line (no text below it)")
            m = _SIGNED_BY.match(lines.text[i])
            if m and not re.search("[:：]", lines.text[i]) and not looks_like_person(m.group("who")):
                m = None  # (a caption's 发言人答记者问: the spokesman answering, no name)
            if m:
                lines.zones["author"].append(m.group("who"))
                lines.signed_by = lines.signed_by or m.group("who")
            elif (m := re.fullmatch(r"\s*[（(]\s*([^（）()]{4,30}?)\s*[)）]\s*", lines.text[i])) and (who := office_and_name(unspaced_name(m.group(1)))):
                # a speaker's office and name in brackets at the end (（县委常委、组织部长  罗永红）), as a speech's draft signs it
                lines.zones["author"].append(m.group(1))
                lines.signed_by = lines.signed_by or who
            elif _signs_above_date(lines, i):
                # a speaker's name (or office and name) over the date at the end (周德明 / 二〇一五年二月十日)
                name = unspaced_name(lines.text[i].strip())
                lines.zones["author"].append(name)
                lines.signed_by = lines.signed_by or office_and_name(name) or name
        if signature and (not lines.issuer or lines.issuer == signature[0]):  # not a forwarded document's signer
            lines.issuer = signature[0]
            lines.zones["issuer"] += signature
    pieces, merged, dropped = _merge_fragments(_join_lists(pieces, params.max_chars), params)
    for i in dropped:
        lines.mark(i, "too_short", f"under ingest.min_chars = {params.min_chars}, no sentence, and no neighbour in its section (or subsection after it) to merge with")
    for piece in pieces:
        piece["merged"] = [i for i in piece["lines"] if i in merged]
    return pieces


def _join_lists(pieces: list[dict], max_chars: int) -> list[dict]:
    """A list's lead-in and items (see :func:`mark_lists`: 主要预期目标是： / 地区生产总值增长6%左右 /
    一般公共预算收入增长5% …) as one piece, or, past ``max_chars``, as pieces of about equal
    length (:func:`pipeline.text.balanced_groups`, as a long line is cut); the lines keep their
    breaks, the first piece its other keys (the headings passed before it, the list)."""
    out: list[dict] = []
    k = 0
    while k < len(pieces):
        run = [pieces[k]]
        while pieces[k].get("list") is not None and k + len(run) < len(pieces) and pieces[k + len(run)].get("list") == pieces[k]["list"]:
            run.append(pieces[k + len(run)])
        k += len(run)
        for group in balanced_groups([len(p["text"]) for p in run], max_chars):
            joined = run[group[0]]
            for i in group[1:]:
                joined = {**joined, **_join_pieces(joined, run[i])}
            out.append(joined)
    return out


def _join_pieces(a: dict, b: dict, section: str | None = None) -> dict:
    """Piece ``a`` with ``b`` after it: their lines, text and spans, the breaks where ``b``
    starts, and ``a``'s section (or ``section``)."""
    spans = dict(a.get("spans", {}))
    for i, (start, end) in b.get("spans", {}).items():
        spans[i] = (min(start, spans[i][0]), max(end, spans[i][1])) if i in spans else (start, end)
    breaks = [*a.get("breaks", ()), len(a["text"]), *(len(a["text"]) + k for k in b.get("breaks", ()))]
    return {"lines": sorted(set(a["lines"]) | set(b["lines"])), "text": a["text"] + b["text"], "section": section or a["section"], "spans": spans,
            "breaks": breaks}


def assemble(lines: Lines, pieces: list[dict], doc: Document) -> None:
    """Paragraph rows from the pieces (ids ``<doc_id>:<n>``, 1-based physical lines) and one
    log row per logical line saying what became of it, which paragraphs it went into and
    (``note``) what was done to it before; a physical line cut into parts has a row per part."""
    line_paras: dict[int, list[str]] = {}
    for n, piece in enumerate(pieces, start=1):
        para_id = f"{doc.doc_id}:{n}"
        physical = [n for i in piece["lines"] for n in _physical_lines(lines, i, piece.get("spans", {}).get(i))]
        first, last = min(physical), max(physical)
        doc.paragraphs.append(
            {
                "para_id": para_id,
                "doc_id": doc.doc_id,
                "source": doc.source,
                "line_start": first + 1,
                "line_end": last + 1,
                "section": piece["section"],
                "text": piece["text"],
                "n_chars": len(piece["text"]),
                "duplicate_of": "",
                "breaks": tuple(piece.get("breaks", ())),  # where a line merged into it starts (for the sentences; not a column)
            }
        )
        for i in piece["lines"]:
            for n in _physical_lines(lines, i, piece.get("spans", {}).get(i)):
                line_paras.setdefault((i, n), []).append(para_id)
            if lines.open(i):
                lines.mark(i, *(("merged", "short fragment merged with a neighbour") if i in piece["merged"] else ("kept", "")))
    for i, (st, reason) in enumerate(lines.status):
        for n in (lines.origin[i], *(m for m, _ in lines.joined[i])):
            doc.log.append(
                {"source": doc.source, "line": n + 1, "status": st, "reason": reason, "para_id": ";".join(line_paras.get((i, n), [])), "note": lines.notes[i]}
            )
    if any(lines.joined):
        doc.log.sort(key=lambda row: row["line"])
    if not doc.paragraphs:
        doc.status, doc.reason = "no paragraphs", "every line is blank, boilerplate, metadata or a heading"


def _physical_lines(lines: Lines, i: int, span: tuple[int, int] | None) -> list[int]:
    """The 0-based physical lines that characters ``span`` of logical line ``i`` come from
    (all of them when ``span`` is None): one, unless hard-wrapped lines were joined into it."""
    starts = [(lines.origin[i], 0), *lines.joined[i]]
    if span is None or len(starts) == 1:
        return [n for n, _ in starts]
    ends = [offset for _, offset in starts[1:]] + [len(lines.text[i]) + 1]
    return [n for (n, begin), end in zip(starts, ends) if begin < span[1] and end > span[0]] or [starts[0][0]]


_SENTENCE_END = re.compile(r"[。！？；!?;]")
# a photo caption or a site's call to follow it, not text (图为…, 欢迎关注…, …摄)
# (关注 and 点击 only with what a page asks to follow or click: 关注困难群众 is text)
_CAPTION = re.compile(
    r"^\s*[(（]?\s*(图为|图片|欢迎关注|关注(我们|本号|公众号|微信|官方|官微|抖音|视频号)|(扫码|扫一扫|长按)(关注|观看|阅读|查看|下载|进入|识别|二维码|分享|在手机)"
    r"|点击(这里|此处|查看|阅读|进入|下载|图片|链接|播放|关注|上方|下方|右上角|“阅读原文))|[摄]\s*[)）]?\s*$|^[(（](记者|通讯员)"
)
_HAN = re.compile(r"[\u4e00-\u9fff]")


_LABEL_END = re.compile(r"[：:]\s*$")  # a speaker's label, a lead-in, a glossary's term: what opens the piece after it


def _merge_fragments(pieces: list[dict], params: IngestParams) -> tuple[list[dict], set[int], list[int]]:
    """Merge pieces under ``min_chars`` into the next (else the previous) piece of their
    section (the result may pass ``max_chars`` by less than ``min_chars``); a fragment alone
    in its section joins the next piece if that starts a subsection of it (a lead-in to a
    list of subsections; a speech's opening before its first heading).

    Returns:
        ``(pieces, merged_lines, dropped_lines)``: a fragment with no neighbour to join in
        its section stays a paragraph of its own if it holds a sentence (four Han characters
        and a sentence end), else it is dropped, and its lines are returned so they can be
        logged.
    """
    out: list[dict] = []
    merged: set[int] = set()
    dropped: list[int] = []

    def fits(a: dict, b: dict) -> bool:
        # a fragment joins a neighbour of its section even where that makes a paragraph longer
        # than max_chars (by less than min_chars): a sentence cut off a long line is not lost
        return a["section"] == b["section"]

    def leads(a: dict, b: dict) -> bool:
        # a fragment alone in its section that comes right before a subsection of it (具体要抓好
        # 9个方面的工作： before （一）…, a speech's opening before its first heading) leads into
        # it, if every heading between them is on the subsection's path (not past an empty
        # （一） to （二）, nor past a plan's title to its 一、)
        path = b["section"].split(" > ")
        return (not a["section"] or b["section"].startswith(a["section"] + " > ")) and all(h in path for h in b.get("passed", ()))

    def items(a: dict, b: dict) -> bool:
        # two numbered items of one list with no heading line between them (一是抓项目建设； /
        # 二是抓招商引资；): each starts a section of its own, but a fragment of one joins the other
        # rather than be lost
        return bool(a["section"]) and not b.get("passed") and a["section"].rpartition(" > ")[0] == b["section"].rpartition(" > ")[0]

    join = _join_pieces

    def keep_or_drop(fragment: dict) -> None:
        # a whole sentence is content, however short (一是对确诊患者，做到应收尽收。 alone under
        # its lead): a paragraph of its own; anything else (a caption, a stray label) is dropped
        nonlocal dropped, merged
        merged -= set(fragment["lines"])
        han = len(_HAN.findall(fragment["text"]))
        if (_SENTENCE_END.search(fragment["text"]) and han >= 4 or len(fragment["lines"]) >= 2 and han >= 8) and not _CAPTION.search(fragment["text"]):
            out.append(fragment)  # (lines joined: a short list with its lead-in, 重点抓好三项工作： / 一是抓项目 / 二是抓招商)
        elif out and items(out[-1], fragment):
            out[-1] = join(out[-1], fragment)
        else:
            dropped += fragment["lines"]

    carry: dict | None = None
    label = False  # the carry is a label the sentence before it was kept apart from
    for piece in pieces:
        if carry is not None:
            label_next = bool(_SENTENCE_END.search(carry["text"]) and len(piece["text"]) < params.min_chars and _LABEL_END.search(piece["text"]))
            if label_next and len(_HAN.findall(carry["text"])) >= 4:
                # a short piece ending in a colon (县发改委主任 程晓峰：, 答：) opens what follows it: a
                # sentence before it (a reporter's question) does not join it, and is kept as it is
                keep_or_drop(carry)
            elif label_next and out and fits(out[-1], carry):
                out[-1] = join(out[-1], carry)  # one too short for a paragraph (谢谢！) closes the piece before it
            elif label and not fits(carry, piece) and (leads(carry, piece) or items(carry, piece)):
                piece = join(carry, piece, section=piece["section"])  # 答： before 一是…: the label goes with its answer
            elif fits(carry, piece):
                piece = join(carry, piece)
            elif out and fits(out[-1], carry):
                out[-1] = join(out[-1], carry)
            elif leads(carry, piece):
                piece = join(carry, piece, section=piece["section"])
            elif items(carry, piece) and not _SENTENCE_END.search(carry["text"]):  # a whole sentence stays a paragraph (keep_or_drop)
                piece = join(carry, piece)
            else:
                keep_or_drop(carry)
            carry, label = None, label_next  # (the label is the next carry: it was kept apart from what stood before it)
        if len(piece["text"]) < params.min_chars:
            carry = piece
            merged |= set(piece["lines"])
        else:
            out.append(piece)
    if carry is not None:
        if out and fits(out[-1], carry):
            out[-1] = join(out[-1], carry)
        else:
            keep_or_drop(carry)
    return out, merged, dropped


# ----------------------------------------------------------------------------- duplicates


# ----------------------------------------------------------------------------- corpus


EXCLUDED_BY_NAME = "the manifest, or a name matching ingest.exclude"


def discover(corpus_dir: Path, exclude: set[Path], patterns: tuple[str, ...] = ()) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files under ``corpus_dir`` (recursively, sorted), split into those to read and those
    not read, each with its reason: the manifest or a name matching ``patterns``; a hidden file
    (``.draft.txt``) or folder (``.git/``, one row for the folder); a link to a folder read
    anyway (``latest -> 2023``, ``sub/loop -> ..``) or to a file read anyway; a link that leads
    to nothing (broken, or a loop). A linked folder outside the corpus folder is read, once:
    each real folder and file is read by one path, its own rather than a link's."""
    root_real = os.path.realpath(corpus_dir)
    seen: dict[str, Path] = {root_real: corpus_dir}  # real folders walked

    def shown(real: str) -> str:
        return Path(real).relative_to(root_real).as_posix() if real == root_real or real.startswith(root_real + os.sep) else real

    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for root, dirs, names in os.walk(corpus_dir, followlinks=True):
        keep = []
        for d in sorted(dirs):
            path = Path(root) / d
            real = os.path.realpath(path)
            if d.startswith("."):
                skipped.append((path, "a hidden folder (its name starts with a dot): not read"))
            elif path.is_symlink() and any(real == r or real.startswith(r + os.sep) for r in seen):
                skipped.append((path, f"a link to a folder read anyway ({shown(real)}): not read again"))
            elif path.is_symlink() and any(r.startswith(real + os.sep) for r in seen):  # up -> .., or / : it holds the corpus
                skipped.append((path, f"a link to a folder that holds the corpus folder ({real}): not read"))
            else:
                seen[real] = path
                keep.append(d)
        dirs[:] = keep
        for n in names:
            path = Path(root) / n
            if n.startswith("."):
                skipped.append((path, "a hidden file (its name starts with a dot): not read"))
            elif not path.exists():
                skipped.append((path, "a link that leads to no file (broken, or a loop): not read"))
            else:
                found.append(path)
    order = lambda p: p.relative_to(corpus_dir).as_posix()  # noqa: E731
    exclude_real = {os.path.realpath(e) for e in exclude}
    by_real: dict[str, list[Path]] = {}
    for path in found:  # excluded first, so that a link to an excluded file is not called one "read anyway"
        if os.path.realpath(path) in exclude_real or any(fnmatch.fnmatch(path.name, pat) for pat in patterns):
            skipped.append((path, EXCLUDED_BY_NAME))
        else:
            by_real.setdefault(os.path.realpath(path), []).append(path)
    read = []
    for paths in by_real.values():
        paths.sort(key=lambda p: (p.is_symlink(), order(p)))
        read.append(paths[0])
        skipped += [(p, f"a link to a file read anyway ({order(paths[0])}): not read again") for p in paths[1:]]
    return sorted(read, key=order), sorted(skipped, key=lambda x: order(x[0]))


def read_manifest(path: Path, corpus_dir: Path) -> dict[str, dict[str, str]]:
    """Manifest rows by file path relative to the corpus folder (``file`` column required).

    The columns of :data:`MANIFEST_FIELDS` override what ingest infers; every other column
    is kept as a document column (for ``report.covariates``), prefixed ``manifest_`` where
    its name is one documents.parquet already has."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except FileNotFoundError:
        raise ParamsError(f"corpus.manifest: file {path} not found") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ParamsError(f"corpus.manifest: {path} is not a UTF-8 CSV file: {exc}") from None
    if rows and "file" not in rows[0] and any(k and k.strip() == "file" for k in rows[0]):  # "file , locality": spaces around the names
        rows = [{(k.strip() if k else k): v for k, v in row.items()} for row in rows]
    if not rows or "file" not in rows[0]:
        raise ParamsError(f"corpus.manifest: {path} needs a header with a 'file' column (got {list(rows[0]) if rows else 'no rows'})")
    out: dict[str, dict[str, str]] = {}
    first_row: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):  # the header is row 1
        name = (row.get("file") or "").strip()
        if not name:
            continue
        values = {k.strip(): (v or "").strip() for k, v in row.items() if k and k.strip() != "file" and (v or "").strip()}
        where = f"corpus.manifest: {path} row {number} ({name})"
        values = _checked_manifest_values(values, where)
        key = Path(name).as_posix()
        if key in out and out[key] != values:
            raise ParamsError(f"{where}: gives other values than row {first_row[key]} for the same file ({out[key]} vs {values}); keep one row per file")
        out[key] = values
        first_row.setdefault(key, number)
    return out


# a manifest's level: the pipeline's words, or the usual Chinese ones
MANIFEST_LEVELS = {"province": "province", "city": "city", "county": "county", "省": "province", "自治区": "province", "直辖市": "province",
                   "市": "city", "地级市": "city", "州": "city", "自治州": "city", "盟": "city", "地区": "city",
                   "县": "county", "区": "county", "县级市": "county", "旗": "county", "自治县": "county", "市辖区": "county"}
_MANIFEST_DATE = re.compile(r"(?P<y>\d{4})[-/.年](?P<m>\d{1,2})(?:[-/.月](?P<d>\d{1,2})日?|月)?")


def _checked_manifest_values(values: dict[str, str], where: str) -> dict[str, str]:
    """A manifest row's date, year and level checked and written as the pipeline writes them
    (2023/3/2 and 2023年3月2日 → 2023-03-02; 2023-03 stays a month; 县 → county); anything else
    stops with the row named, rather than a date the by-year table cannot place or a level
    no group of the report holds."""
    import datetime

    out = dict(values)
    if "date" in out:
        raw = out["date"]
        m = _MANIFEST_DATE.fullmatch(raw)
        try:
            if not m:
                raise ValueError
            y, mo = int(m.group("y")), int(m.group("m"))
            if not 1900 <= y <= 2099:  # 9999-01-01, 0023-03-02: a placeholder or a typo, not a report's date
                raise ValueError
            if m.group("d"):
                out["date"] = datetime.date(y, mo, int(m.group("d"))).isoformat()
            else:
                datetime.date(y, mo, 1)
                out["date"] = f"{y:04d}-{mo:02d}"
        except ValueError:
            raise ParamsError(f"{where}: date {raw!r} is not a date (write YYYY-MM-DD, YYYY-MM, 2023/3/2 or 2023年3月2日; a year alone goes in 'year')") from None
    if "year" in out:
        year = out["year"].removesuffix("年")
        if not re.fullmatch(r"(19|20)\d{2}", year):
            raise ParamsError(f"{where}: year {out['year']!r} is not a year (write YYYY)")
        if "date" in out and not out["date"].startswith(year):
            raise ParamsError(f"{where}: year {year} and date {out['date']} disagree")
        out["year"] = year
    if "level" in out:
        level = MANIFEST_LEVELS.get(out["level"].lower())
        if level is None:
            raise ParamsError(f"{where}: level {out['level']!r} is none of province, city, county (or 省, 市, 县 and their kin: "
                              f"{', '.join(k for k in MANIFEST_LEVELS if not k.isascii())})")
        out["level"] = level
    if "province" in out:
        out["province"] = _manifest_province(out["province"], where)
    return out


def _manifest_province(value: str, where: str) -> str:
    """A manifest's province as the gazetteer writes it (湖南 → 湖南省, 广西 → 广西壮族自治区),
    so that it groups with the provinces ingest infers; a name the gazetteer does not know is
    kept as written, with a warning."""
    gaz = Gazetteer.default()
    codes = {c for c in gaz.aliases.get(value, ()) if gaz.places[c].level == "province"}
    if len(codes) == 1:
        return gaz.places[codes.pop()].name
    log.warning("%s: province %r is no province in the gazetteer; kept as written (documents of it will not group with inferred ones)", where, value)
    return value


def _document_state(doc: Document) -> dict:
    """A :class:`Document` as plain values (what :class:`pipeline.memo.IngestCache` keeps)."""
    state = {f.name: getattr(doc, f.name) for f in fields(doc)}
    state["locality"] = asdict(doc.locality)
    return state


def _document_from_state(state: dict) -> Document:
    return Document(**{**state, "locality": Locality(**state["locality"])})


def ingest(corpus_dir: Path, params: IngestParams, manifest: dict[str, dict[str, str]] | None = None, exclude: set[Path] | None = None,
           cache: IngestCache | None = None):
    """Ingest every file under ``corpus_dir``; with a ``cache``, a file read before with the
    same bytes, params and code is not read and cut again (see :mod:`pipeline.memo`).

    Returns:
        ``(paragraphs, documents, line_log, metrics)``: two DataFrames in the column order
        of the contracts, the per-line log, and a dict of counts.
    Raises:
        IngestError: the folder is missing or holds no usable document.
    """
    import opencc

    if not corpus_dir.is_dir():
        raise IngestError(f"corpus.dir: {corpus_dir} is not a folder")
    files, excluded = discover(corpus_dir, exclude or set(), params.exclude)
    if not files:
        reasons = Counter(why for _, why in excluded)
        raise IngestError(f"corpus.dir: no document files in {corpus_dir}" + (f" ({'; '.join(f'{n}× {why}' for why, n in reasons.most_common())})" if reasons else ""))
    converter = opencc.OpenCC("t2s")
    gazetteer = Gazetteer.default()
    manifest = manifest or {}
    docs: list[Document] = []
    max_bytes = int(params.max_file_mb * 2**20)
    iterator = progress(files, desc="ingest", unit="file")
    for path in iterator:
        source = path.relative_to(corpus_dir).as_posix()
        key, doc, data = None, None, None
        if cache is not None and path.is_file() and 0 < path.stat().st_size <= max_bytes:  # else read_file says why not
            data = path.read_bytes()
            key = cache.document_key(source, data, params)
            state = cache.get_document(key)
            doc = _document_from_state(state) if state is not None else None
        if doc is None:
            try:
                raw = read_file(path, max_bytes, data)
            except ReadError as exc:
                log.warning("%s: skipped: %s", source, exc)
                doc = Document(doc_id=str(Path(source).with_suffix("")), source=source, status="skipped", reason=str(exc))
                doc.log.append({"source": source, "line": "", "status": "file_skipped", "reason": str(exc), "para_id": "", "note": ""})
                docs.append(doc)
                continue
            doc = process_document(source, raw, params, converter.convert, gazetteer)
            if key is not None:
                cache.put_document(key, _document_state(doc))
        _apply_manifest(doc, manifest.get(source), gazetteer)
        if doc.status == "ok" and not doc.locality.locality:
            log.warning("%s: no locality found (%s); its paragraphs are reported under an empty locality", source, doc.locality.evidence)
        if doc.later_datelines:
            log.warning("%s: more report datelines or notices below the first (%s): the file seems to hold several documents, all dated and placed as the first (%s); "
                        "split it to date each (ingest_log.csv, status metadata)", source, doc.later_datelines, doc.date)
        docs.append(doc)

    for path, why in excluded:
        source = path.relative_to(corpus_dir).as_posix()
        if why != EXCLUDED_BY_NAME:  # a link read another way is worth a look; a hidden file (.DS_Store) hardly
            (log.info if "hidden" in why else log.warning)("%s: %s", source, why)
        doc = Document(doc_id=str(Path(source).with_suffix("")), source=source, status="excluded", reason=why)
        doc.log.append({"source": source, "line": "", "status": "file_excluded", "reason": doc.reason, "para_id": "", "note": ""})
        docs.append(doc)
    unmatched = sorted(set(manifest) - {d.source for d in docs})
    if unmatched:
        log.warning("corpus.manifest names %d file(s) not in %s, so their metadata is not applied: %s%s (metrics/ingest.json → "
                    "manifest_unmatched_files)", len(unmatched), corpus_dir, ", ".join(unmatched[:5]), " …" if len(unmatched) > 5 else "")
    usable = [d for d in docs if d.paragraphs]
    if not usable:
        reasons = Counter(d.reason for d in docs)
        raise IngestError(
            f"no usable document in {corpus_dir}: {len(docs)} file(s) read, none gave a paragraph "
            f"({'; '.join(f'{n}× {r}' for r, n in reasons.most_common(3))})"
        )

    rows = []
    for d in usable:
        for p in d.paragraphs:
            loc = d.locality
            rows.append({**p, "locality": loc.locality, "province": loc.province, "level": loc.level, "date": d.date, "year": d.year})
    paragraphs = pd.DataFrame(rows, columns=PARAGRAPH_COLUMNS)
    # where lines merged into a paragraph start: cut_sentences ends a sentence there when the line
    # before has no end mark (a list of targets, one per line)
    paragraphs.attrs["breaks"] = {p["para_id"]: p.get("breaks", ()) for d in usable for p in d.paragraphs if p.get("breaks")}
    line_log = pd.DataFrame([row for d in docs for row in d.log], columns=LOG_COLUMNS)

    n_duplicates = 0
    if params.duplicates != "keep":
        dup = find_duplicates(paragraphs["text"].tolist(), params.near_duplicate_threshold, cache=cache)
        ids = paragraphs["para_id"].to_numpy()
        paragraphs["duplicate_of"] = [ids[j] if j >= 0 else "" for j in dup]
        is_dup = paragraphs["duplicate_of"] != ""
        n_duplicates = int(is_dup.sum())
        if params.duplicates == "drop" and n_duplicates:
            dropped = dict(zip(paragraphs.loc[is_dup, "para_id"], paragraphs.loc[is_dup, "duplicate_of"]))
            paragraphs = paragraphs.loc[~is_dup].reset_index(drop=True)
            line_log = _log_dropped_duplicates(line_log, dropped)

    documents = pd.DataFrame([_doc_row(d, paragraphs) for d in docs])
    extra = [c for c in documents.columns if c not in _doc_row(Document(doc_id="", source=""), paragraphs)]
    documents[extra] = documents[extra].fillna("").astype(str)
    metrics = _metrics(documents, paragraphs, line_log, n_duplicates)
    if manifest:
        metrics["manifest_rows"] = len(manifest)
        metrics["manifest_unmatched"] = len(unmatched)
        metrics["manifest_unmatched_files"] = unmatched[:MANIFEST_UNMATCHED_LISTED]
    return paragraphs, documents, line_log, metrics


def cut_sentences(paragraphs: pd.DataFrame, long_chars: int) -> pd.DataFrame:
    """One row per sentence of every paragraph (see :func:`pipeline.text.sentence_spans`):
    ``para_id``, ``sentence`` (0-based index in the paragraph), ``char_start``, ``char_end``
    (offsets in the paragraph's text) and ``n_chars``. A sentence is quoted as its
    paragraph's ``source:line`` and ``text[char_start:char_end]``. ``paragraphs.attrs["breaks"]``
    (from :func:`ingest`) says where lines merged into a paragraph start."""
    pids, idx, starts, ends = [], [], [], []
    breaks = paragraphs.attrs.get("breaks", {})
    for pid, text in zip(paragraphs["para_id"], paragraphs["text"]):
        for i, (a, b) in enumerate(sentence_spans(text, long_chars, breaks.get(pid, ()))):
            pids.append(pid)
            idx.append(i)
            starts.append(a)
            ends.append(b)
    starts_a, ends_a = np.asarray(starts, dtype=np.int32), np.asarray(ends, dtype=np.int32)
    return pd.DataFrame({"para_id": pids, "sentence": np.asarray(idx, dtype=np.int32), "char_start": starts_a, "char_end": ends_a, "n_chars": ends_a - starts_a}, columns=SENTENCE_COLUMNS)


LOCALITY_FIELDS = ("locality", "province", "level")


def sentence_tokens(paragraphs: pd.DataFrame, sentences: pd.DataFrame, cache: IngestCache | None = None) -> list[str]:
    """Each sentence's content words (:func:`pipeline.tokenize.tokenize`), joined by spaces:
    computed once here (or taken from ``cache``), and read by the stages that need words
    (topic words, distinctive words)."""
    from .tokenize import tokenize

    text = dict(zip(paragraphs["para_id"], paragraphs["text"]))
    texts = [text[p][a:b] for p, a, b in zip(sentences["para_id"], sentences["char_start"], sentences["char_end"])]
    tokens = [" ".join(tokenize(t)) for t in texts] if cache is None else cache.tokens(texts, lambda t: " ".join(tokenize(t)))
    # a district's own text names it bare (天河 for 天河区, 龙岗 for 龙岗区): a place, not a topic
    # word, though the stem alone is no short name the gazetteer reads (雨花, 和平 are words too)
    stem = {p: _own_stem(loc) for p, loc in zip(paragraphs["para_id"], paragraphs["locality"])}
    return [t if not stem[p] or stem[p] not in t.split(" ") else " ".join(w for w in t.split(" ") if w != stem[p])
            for p, t in zip(sentences["para_id"], tokens)]


# a unit's word at the end of its name, longest first (两江新区 → 两江, not 两江新)
_UNIT_WORDS = ("高新技术产业开发区", "经济技术开发区", "工业园区", "开发区", "高新区", "新区", "林区", "地区", "区", "县", "市", "旗", "盟")


def _own_stem(locality: str) -> str:
    """The name of a document's unit without its unit's word (天河区 → 天河, 两江新区 → 两江), if two or more characters remain;
    an autonomous unit's stem (长阳 of 长阳土家族自治县) is the gazetteer's short name already."""
    if "自治" in locality:
        return ""
    word = next((w for w in _UNIT_WORDS if locality.endswith(w)), "")
    return locality[: -len(word)] if word and len(locality) - len(word) >= 2 else ""


REUSE_MIN_CHARS = 20  # shorter sentences (各位代表！, 请予审议。) are formulas, not reused text


def sentence_duplicates(paragraphs: pd.DataFrame, sentences: pd.DataFrame, threshold: float, cache: IngestCache | None = None) -> list[str]:
    """For each sentence, the sentence (``<para_id>/<sentence>``) it repeats exactly or
    nearly (see :func:`find_duplicates`), or ``""``; sentences of fewer than
    :data:`REUSE_MIN_CHARS` characters (without punctuation) are formulas and never count."""
    text = dict(zip(paragraphs["para_id"], paragraphs["text"]))
    ids = [f"{p}/{k}" for p, k in zip(sentences["para_id"], sentences["sentence"])]
    texts = [text[p][a:b] for p, a, b in zip(sentences["para_id"], sentences["char_start"], sentences["char_end"])]
    long = [i for i, t in enumerate(texts) if len(normalise(t)) >= REUSE_MIN_CHARS]
    out = [""] * len(texts)
    for i, j in zip(long, find_duplicates([texts[i] for i in long], threshold, cache=cache)):
        if j >= 0:
            out[i] = ids[long[j]]
    return out


def _apply_manifest(doc: Document, row: dict[str, str] | None, gazetteer: Gazetteer | None = None) -> None:
    """Manifest values override what was inferred (the inferred locality stays in the evidence).
    A locality given without its province or level takes them from the gazetteer where it
    names one unit there (or one in the province given), else leaves them unknown: the
    inferred ones belong to another place."""
    if not row:
        return
    given = sorted(k for k in row if k in MANIFEST_FIELDS)
    code = {}
    # a locality, province or level other than the inferred unit's names another unit: its code
    # (and what the row leaves out) come from the gazetteer, never from the inferred unit
    # (朝阳区 inferred in 北京市, the row saying 吉林省, is 长春's 朝阳区)
    # A row with a province or level but no locality corrects the inferred unit: the inferred
    # name there, or, where it names no unit there, an unknown locality in them (not the
    # inferred unit's name under another province).
    name = row.get("locality", doc.locality.locality)
    if name and any(row[k] != getattr(doc.locality, k) for k in LOCALITY_FIELDS if k in row):
        inferred = "locality" not in row
        lookup = {**row, "locality": name, **({"province": row.get("province", doc.locality.province)} if inferred else {})}
        unit = _manifest_unit(lookup, gazetteer or Gazetteer.default(), doc.source, inferred)
        code = {"code": unit.pop("code")}
        row = {**row, **unit}
        if inferred:
            row["locality"] = name if code["code"] else ""
    for key, value in row.items():
        if key in MANIFEST_FIELDS and key not in LOCALITY_FIELDS:
            setattr(doc, key, value)
        elif key not in MANIFEST_FIELDS:
            doc.extra[key] = value
    if any(k in row for k in LOCALITY_FIELDS):
        evidence = f"manifest (inferred: {doc.locality.evidence})" if "locality" in row else doc.locality.evidence
        doc.locality = dataclasses.replace(doc.locality, evidence=evidence, **code, **{k: row[k] for k in LOCALITY_FIELDS if k in row})
        doc.locality_source = "manifest" if "locality" in row else doc.locality_source
    if "date" in row:
        doc.date_source = "manifest"
    if "date" in row and "year" not in row:
        doc.year = row["date"][:4]
    if "date" in row or "year" in row:
        doc.year_source = "manifest"
    doc.metadata_from = "manifest: " + ", ".join(given)


def _manifest_unit(row: dict[str, str], gazetteer: Gazetteer, source: str, inferred: bool = False) -> dict[str, str]:
    """For a manifest's locality other than the inferred one: its administrative code, and the
    province and level the row does not give, from the gazetteer where the name (and the
    province and level given) fit one unit; else the code and those fields are left empty.
    A short name that fits one unit (长沙 for 长沙市) is written as the gazetteer writes it,
    so that the documents group with those whose locality was inferred. ``inferred``: the
    name is the inferred one, the row giving only a province or level."""
    name = row["locality"]

    def fits(c: str) -> bool:
        place = gazetteer.places[c]
        return ("province" not in row or place.province == row["province"]) and ("level" not in row or place.level == row["level"])

    codes = [c for c in gazetteer.aliases.get(name, ()) if gazetteer.places[c].name == name and fits(c)]
    renamed, short = {}, []
    if not codes:
        short = [c for c in gazetteer.aliases.get(name, ()) if fits(c)]
        if len(short) == 1:
            codes, renamed = short, {"locality": gazetteer.places[short[0]].name}
            log.info("%s: the manifest's locality %s is written %s, as the gazetteer writes it", source, name, renamed["locality"])
    missing = [k for k in ("province", "level") if k not in row]
    if len(codes) == 1:
        place = gazetteer.places[codes[0]]
        return {"code": place.code, **renamed, **{k: getattr(place, k) for k in missing}}
    given = "".join(f", {k} {row[k]}" for k in ("province", "level") if k in row)
    found = len(codes) or len(short)
    if inferred:
        log.warning("%s: the inferred locality %s with the manifest's%s is %s in the gazetteer: its locality, %s left empty (give the locality "
                    "in the manifest)", source, name, given.lstrip(","), f"{found} units" if found else "no unit", ", ".join(["code", *missing]))
    else:
        log.warning("%s: the manifest's locality %s%s is %s in the gazetteer: its %s left unknown%s", source, name, given,
                    f"{found} units" if found else "no unit", ", ".join(["code", *missing]), " (give them in the manifest)" if missing else "")
    return {"code": "", **{k: "" for k in missing}}


ZONE_LABELS = {"author": "author line", "issuer": "issuer line", "source": "source line", "site": "web site's name", "title": "title", "file": "file name", "body": "body"}


def _repeats_title(name: str, titles: list[str]) -> bool:
    """Whether a file's name only repeats the document's title (a file saved under its title):
    then it is no more evidence of the locality than the title already is."""
    squeeze = lambda t: re.sub(r"[\W\d_a-zA-Z]+", "", t)  # noqa: E731
    key, title = squeeze(name), squeeze("".join(titles))
    return len(key) >= 4 and key in title


def file_name_text(source: str) -> str:
    """A file's name (without folders and extension) as text for the locality: separators
    (``_``, ``-``, ``.``) read as spaces, so 2022_石家庄市-新华区 names 新华区 in 石家庄市."""
    return re.sub(r"[\s_\-–—.·]+", " ", Path(source).stem).strip()
_EVIDENCE_ZONE = re.compile(r"(\w+)×(\d+)")


def locality_source(loc: Locality) -> str:
    """Where the evidence for an inferred locality stood: the zones that named the chosen
    unit, strongest first by zone weight × mentions (``title, body``), read from
    ``loc.evidence``; ``places inside it`` when the unit won by the mentions of its cities or
    counties alone; ``""`` when no locality was found."""
    if not loc.found or not loc.locality:
        return ""
    # (also as 百色地区; author×1, body×6; …), or under the former name the text used alone (百色地区 (now 百色市; title×1; …))
    m = (re.search(r"(?:^|; )" + re.escape(loc.locality) + r" \(([^)]*)\)", loc.evidence)
         or re.search(r"(?:^|; )[^;()]+ \(now " + re.escape(loc.locality) + r"(;[^)]*)\)", loc.evidence))
    if not m:
        return "places inside it"
    counts = {z: int(n) for z, n in _EVIDENCE_ZONE.findall(m.group(1)) if z in ZONE_WEIGHTS}
    ranked = sorted(counts, key=lambda z: -ZONE_WEIGHTS[z] * counts[z])
    return ", ".join(ZONE_LABELS.get(z, z) for z in ranked)


def _log_dropped_duplicates(line_log: pd.DataFrame, dropped: dict[str, str]) -> pd.DataFrame:
    """Mark lines whose every paragraph was dropped as a duplicate (keeping which it repeats)."""
    statuses, reasons = [], []
    for st, reason, ids in zip(line_log["status"], line_log["reason"], line_log["para_id"]):
        parts = [p for p in str(ids).split(";") if p]
        if parts and all(p in dropped for p in parts):
            statuses.append("duplicate")
            reasons.append("repeats " + ";".join(dropped[p] for p in parts))
        else:
            statuses.append(st)
            reasons.append(reason)
    return line_log.assign(status=statuses, reason=reasons)


def _doc_row(d: Document, paragraphs: pd.DataFrame) -> dict:
    loc = d.locality
    row = {
        "doc_id": d.doc_id, "source": d.source, "status": d.status, "reason": d.reason, "encoding": d.encoding,
        "n_lines": d.n_lines, "n_paragraphs": int((paragraphs["doc_id"] == d.doc_id).sum()),
        "title": d.title, "author": d.author, **dict(zip(("author_name", "author_office"), split_author(d.author))),
        "source_name": d.source_name, "date": d.date, "year": d.year,
        "locality": loc.locality, "province": loc.province, "level": loc.level, "locality_code": loc.code,
        "locality_confidence": loc.confidence, "locality_evidence": loc.evidence,
        "metadata_from": d.metadata_from, "pinyin_removed": d.pinyin_removed,
        "issuer": d.issuer, "url": d.url, "date_source": d.date_source, "year_source": d.year_source,
        "locality_source": d.locality_source, "lines_split": d.lines_split, "entities_unescaped": d.entities_unescaped,
        "mojibake_repaired": d.mojibake_repaired, "lost_char_runs": d.lost_char_runs, "lines_joined": d.lines_joined,
        "lines_left_out": d.lines_left_out, "later_datelines": d.later_datelines,
    }
    row.update({(f"manifest_{k}" if k in row else k): v for k, v in d.extra.items()})
    return row


MANIFEST_UNMATCHED_LISTED = 20  # manifest rows naming no file of the corpus, listed in metrics/ingest.json


def _metrics(documents: pd.DataFrame, paragraphs: pd.DataFrame, line_log: pd.DataFrame, n_duplicates: int) -> dict:
    lines = line_log[~line_log["status"].isin(["file_skipped", "file_excluded"])]
    ok = documents[documents["status"] == "ok"]
    return {
        "files": int(len(documents)),
        "documents": int(len(ok)),
        "files_skipped": int((documents["status"] == "skipped").sum()),
        "files_excluded": int((documents["status"] == "excluded").sum()),
        "documents_without_paragraphs": int((documents["status"] == "no paragraphs").sum()),
        "documents_without_locality": int((ok["locality"] == "").sum()),
        "localities": int(ok.loc[ok["locality"] != "", "locality"].nunique()),
        "paragraphs": int(len(paragraphs)),
        "paragraph_chars": int(paragraphs["n_chars"].sum()),
        "duplicates": n_duplicates,
        "lines": {k: int(v) for k, v in sorted(Counter(lines["status"]).items())},
        "pinyin_removed": int(documents["pinyin_removed"].sum()),
        "lines_split": int(documents["lines_split"].sum()),
        "entities_unescaped": int(documents["entities_unescaped"].sum()),
        "mojibake_repaired": int(documents["mojibake_repaired"].sum()),
        "lost_char_runs": int(documents["lost_char_runs"].sum()),
        "lines_joined": int(documents["lines_joined"].sum()),
        "lines_left_out": int(documents["lines_left_out"].sum()),
        "files_with_several_datelines": int((ok["later_datelines"] != "").sum()),
        "date_sources": {k or "none": int(v) for k, v in sorted(Counter(ok["date_source"]).items())},
    }


def main() -> int:
    setup_logging("ingest")
    p = config.stage_params("ingest", PARAMS)
    corpus, params = p.corpus, p.ingest
    corpus_dir = Path(corpus.dir)
    manifest, exclude = None, set()
    if corpus.manifest:
        mpath = Path(corpus.manifest)
        manifest = read_manifest(mpath, corpus_dir)
        config.warn_untracked("corpus.manifest", mpath, corpus_dir)
        exclude.add(mpath.resolve())
    log.info("reading %s (readers for %s)", corpus_dir, ", ".join(sorted(READERS)))
    cache = IngestCache(config.INGEST_CACHE / "ingest.sqlite")
    paragraphs, documents, line_log, metrics = ingest(corpus_dir, params, manifest, exclude, cache)
    sentences = cut_sentences(paragraphs, params.long_sentence_chars)
    sentences["duplicate_of"] = sentence_duplicates(paragraphs, sentences, params.near_duplicate_threshold, cache) if params.duplicates != "keep" else ""
    sentences["tokens"] = sentence_tokens(paragraphs, sentences, cache)
    cache.close()
    log.info("cache %s: documents %d read before, %d new; sentence tokens %d cut before, %d new; MinHash signatures %d cached, %d new",
             config.INGEST_CACHE, cache.hits["documents"], cache.misses["documents"], cache.hits["tokens"], cache.misses["tokens"],
             cache.hits["signatures"], cache.misses["signatures"])
    metrics["sentences"] = int(len(sentences))
    metrics["duplicate_sentences"] = int((sentences["duplicate_of"] != "").sum())
    write_parquet(paragraphs, config.PARAGRAPHS)
    write_parquet(sentences, config.SENTENCE_SPANS)
    write_parquet(documents, config.DOCUMENTS)
    write_csv(line_log, config.INGEST_LOG)
    write_json(metrics, config.METRICS / "ingest.json")
    log.info(
        "%d files → %d documents, %d paragraphs (%d chars), %d duplicates flagged, %d files skipped; localities: %s",
        metrics["files"], metrics["documents"], metrics["paragraphs"], metrics["paragraph_chars"],
        metrics["duplicates"], metrics["files_skipped"],
        ", ".join(sorted(set(documents.loc[documents["status"] == "ok", "locality"]) - {""})) or "none",
    )
    log.info(
        "dated by: %s; %d lines cut at escaped line breaks, %d entities unescaped, %d lines of mojibake repaired, "
        "%d garbled lines left out, %d runs of ? for lost characters",
        ", ".join(f"{k} {v}" for k, v in metrics["date_sources"].items()) or "none", metrics["lines_split"],
        metrics["entities_unescaped"], metrics["mojibake_repaired"], metrics["lines"].get("garbled", 0), metrics["lost_char_runs"],
    )
    return 0


if __name__ == "__main__":
    run_stage(main, "ingest")

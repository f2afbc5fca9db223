"""Stage ``ingest``: a folder of documents → cleaned paragraphs with provenance.

Outputs (paths in :mod:`pipeline.config`):
    ``data/interim/paragraphs.parquet``  one row per paragraph (the contract in README.md)
    ``data/interim/documents.parquet``   one row per input file: metadata, locality evidence, status
    ``data/interim/ingest_log.csv``      one row per input line (or per unreadable file): what became of it
    ``metrics/ingest.json``              counts
"""

from __future__ import annotations

import csv
import dataclasses
import fnmatch
import logging
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from .config import IngestParams, ParamsError, PipelineError
from .gazetteer import Gazetteer, Locality, infer_locality
from .io import run_stage, setup_logging, write_csv, write_json, write_parquet
from .readers import READERS, RawText, ReadError, read_file
from .text import (
    LineKind,
    chunk,
    classify_line,
    dateline,
    clean_line,
    find_date,
    find_year,
    heading_level,
    inline_heading,
    looks_like_person,
    normalise_for_dedup,
    sentence_spans,
    strip_pinyin,
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
LOG_COLUMNS = ["source", "line", "status", "reason", "para_id"]
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
    date: str = ""
    year: str = ""
    locality: Locality = field(default_factory=lambda: Locality(found=False))
    metadata_from: str = "text"
    pinyin_removed: int = 0
    paragraphs: list[dict] = field(default_factory=list)
    log: list[dict] = field(default_factory=list)


@dataclass
class Lines:
    """The state the passes of :func:`process_document` share: the document's cleaned lines
    and, per line, its kind and what became of it (``status``: empty until a pass decides).

    ``zones`` collects text by where it stands (author, source, title, body) for the
    locality; ``dates`` collects dates in the order of their authority.
    """

    text: list[str]
    kinds: list[LineKind]
    status: list[tuple[str, str]]
    zones: dict[str, list[str]] = field(default_factory=lambda: {"author": [], "source": [], "title": [], "body": []})
    dates: list[str] = field(default_factory=list)

    @property
    def nonblank(self) -> list[int]:
        return [i for i, line in enumerate(self.text) if line]

    def open(self, i: int) -> bool:
        """Line ``i`` has not been decided by an earlier pass."""
        return not self.status[i][0]

    def mark(self, i: int, status: str, reason: str = "") -> None:
        self.status[i] = (status, reason)


# ----------------------------------------------------------------------------- one document


def process_document(source: str, raw: RawText, params: IngestParams, to_simplified, gazetteer: Gazetteer) -> Document:
    """Clean one document and cut it into paragraphs.

    The passes run in order over one :class:`Lines` state, each deciding some lines:
    cleaning, the report's dateline, the header (title, byline, dates above the body),
    metadata and furniture lines, a signature date at the end, then cutting the body into
    paragraphs and assembling the paragraphs and the line log.

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
    mark_dateline(lines, doc)
    mark_header(lines, doc, gazetteer)
    mark_metadata(lines, doc)
    mark_signature_date(lines)
    date_document(lines, doc, raw.meta)
    pieces = cut_body(lines, params)
    doc.locality = infer_locality(lines.zones, gazetteer)
    assemble(lines, pieces, doc)
    return doc


def clean_lines(raw_lines: list[str], params: IngestParams, to_simplified, doc: Document) -> Lines:
    """Pinyin readings removed (counted on ``doc``), blanks collapsed, traditional →
    simplified; each line classified on its own (the first 6 and last 8 non-blank lines are
    the page's edges, where site-owner lines are furniture)."""
    stripped = []
    for line in raw_lines:
        text, n = strip_pinyin(line)
        doc.pinyin_removed += n
        stripped.append(clean_line(text))
    simplified = to_simplified("\n".join(stripped)).split("\n")
    text = simplified if len(simplified) == len(stripped) else [to_simplified(s) for s in stripped]
    nonblank = [i for i, line in enumerate(text) if line]
    edges = set(nonblank[:6]) | set(nonblank[-8:])
    kinds = [classify_line(line, params.heading_max_chars, i in edges) for i, line in enumerate(text)]
    return Lines(text=text, kinds=kinds, status=[("", "")] * len(text))


def mark_dateline(lines: Lines, doc: Document) -> None:
    """A report's dateline (——2025年1月14日在…大会…上 省长某某作) among the first four
    non-blank lines: its date, its speaker as the author, its text in the title zone."""
    for i in lines.nonblank[:4]:
        found = dateline(lines.text[i])
        if found:
            lines.mark(i, "metadata", "date line")
            lines.dates.append(found[0])
            doc.author = doc.author or found[1]
            lines.zones["title"].append(lines.text[i])
            lines.kinds[i] = LineKind("metadata", "date line")


def mark_header(lines: Lines, doc: Document, gazetteer: Gazetteer) -> None:
    """Short unpunctuated lines above the first body line: the title (and a byline or a
    date among them), or site furniture when they stand above the navigation."""
    kinds = lines.kinds
    first_body = next((i for i, k in enumerate(kinds) if k.kind == "body" and lines.open(i)), len(lines.text))
    header = [i for i in range(first_body) if kinds[i].kind == "heading"]
    last_furniture = max((i for i in range(first_body) if kinds[i].kind == "boilerplate"), default=-1)
    title_parts = []
    for i in header:
        line = lines.text[i]
        if i < last_furniture:
            lines.mark(i, "boilerplate", "site header above the navigation")
        elif looks_like_person(line) and not gazetteer.find(line):
            lines.mark(i, "metadata", "byline (name above the text)")
            doc.author = doc.author or line
            lines.zones["author"].append(line)
        elif find_date(line):
            lines.mark(i, "metadata", "date line")
            lines.dates.append(find_date(line))
            lines.zones["title"].append(line)
        else:
            lines.mark(i, "metadata", "title")
            title_parts.append(line)
            lines.zones["title"].append(line)
    doc.title = " ".join(title_parts)


def mark_metadata(lines: Lines, doc: Document) -> None:
    """Blank lines, furniture, and metadata lines anywhere: bylines give the author,
    source lines the source name (and a date where they carry one)."""
    for i, k in enumerate(lines.kinds):
        if not lines.open(i):
            continue
        if k.kind == "blank":
            lines.mark(i, "blank")
        elif k.kind == "boilerplate":
            lines.mark(i, "boilerplate", k.reason)
        elif k.kind == "metadata":
            lines.mark(i, "metadata", k.reason)
            if k.reason == "byline":
                doc.author = doc.author or k.value
                lines.zones["author"].append(lines.text[i])
            else:
                doc.source_name = doc.source_name or k.value
                lines.zones["source"].append(lines.text[i])
                if find_date(lines.text[i]):
                    lines.dates.append(find_date(lines.text[i]))


def mark_signature_date(lines: Lines) -> None:
    """A short date line among the last two heading/body lines (…2023年3月2日) dates the
    document (it is a signature, not a paragraph)."""
    tail = [i for i in range(len(lines.text)) if lines.kinds[i].kind in ("heading", "body")][-2:]
    for i in tail:
        if len(lines.text[i]) <= 20 and find_date(lines.text[i]):
            lines.dates.append(find_date(lines.text[i]))
            lines.mark(i, "metadata", "date line")


def date_document(lines: Lines, doc: Document, meta: dict[str, str]) -> None:
    """The document's date (the first found, then the reader's metadata), its year (from
    the date, else from the title), and the reader's title and author where the text gave none."""
    dates = lines.dates + ([meta["date"]] if meta.get("date") else [])
    doc.date = dates[0] if dates else ""
    doc.year = doc.date[:4] if doc.date else find_year(doc.title) or find_year(" ".join(lines.zones["title"]))
    doc.title = doc.title or meta.get("title", "")
    doc.author = doc.author or meta.get("author", "")


def cut_body(lines: Lines, params: IngestParams) -> list[dict]:
    """The lines no pass has decided: headings become the section of what follows, other
    lines are cut at sentence ends into pieces of at most ``max_chars``, and short pieces
    are merged with a neighbour (lines left with none are marked ``too_short``).

    Returns:
        Pieces as dicts: ``lines`` (0-based line numbers), ``text``, ``section``, ``merged``.
    """
    stack: dict[int, str] = {}
    pieces: list[dict] = []  # {"lines": [i], "text", "section"}
    for i, k in enumerate(lines.kinds):
        if not lines.open(i):
            continue
        line = lines.text[i]
        if k.kind == "heading":
            level = heading_level(line)
            stack = {lv: h for lv, h in stack.items() if lv < level}
            stack[level] = line
            lines.mark(i, "heading", "kept as the section of the paragraphs below it")
            lines.zones["body"].append(line)
            continue
        lead = inline_heading(line, params.heading_max_chars)
        if lead:
            level = heading_level(line) if heading_level(line) != 2 or line[0] in "(（" else 3
            stack = {lv: h for lv, h in stack.items() if lv < level}
            stack[level] = lead
        section = " > ".join(stack[lv] for lv in sorted(stack))
        lines.zones["body"].append(line)
        for piece in chunk(line, params.max_chars):
            pieces.append({"lines": [i], "text": piece, "section": section})
    pieces, merged, dropped = _merge_fragments(pieces, params)
    for i in dropped:
        lines.mark(i, "too_short", f"under ingest.min_chars = {params.min_chars} with no neighbour in its section to merge with")
    for piece in pieces:
        piece["merged"] = [i for i in piece["lines"] if i in merged]
    return pieces


def assemble(lines: Lines, pieces: list[dict], doc: Document) -> None:
    """Paragraph rows from the pieces (ids ``<doc_id>:<n>``, 1-based lines) and one log row
    per line saying what became of it and which paragraphs it went into."""
    line_paras: dict[int, list[str]] = {}
    for n, piece in enumerate(pieces, start=1):
        para_id = f"{doc.doc_id}:{n}"
        first, last = min(piece["lines"]), max(piece["lines"])
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
            }
        )
        for i in piece["lines"]:
            line_paras.setdefault(i, []).append(para_id)
            if lines.open(i):
                lines.mark(i, *(("merged", "short fragment merged with a neighbour") if i in piece["merged"] else ("kept", "")))
    for i, (st, reason) in enumerate(lines.status):
        doc.log.append({"source": doc.source, "line": i + 1, "status": st, "reason": reason, "para_id": ";".join(line_paras.get(i, []))})
    if not doc.paragraphs:
        doc.status, doc.reason = "no paragraphs", "every line is blank, boilerplate, metadata or a heading"


def _merge_fragments(pieces: list[dict], params: IngestParams) -> tuple[list[dict], set[int], list[int]]:
    """Merge pieces under ``min_chars`` into the next (else the previous) piece of their
    section when the result stays within ``max_chars``.

    Returns:
        ``(pieces, merged_lines, dropped_lines)``: a fragment with no neighbour to join
        in its section is dropped, and its lines are returned so they can be logged.
    """
    out: list[dict] = []
    merged: set[int] = set()
    dropped: list[int] = []

    def fits(a: dict, b: dict) -> bool:
        return a["section"] == b["section"] and len(a["text"]) + len(b["text"]) <= params.max_chars

    def join(a: dict, b: dict) -> dict:
        return {"lines": sorted(set(a["lines"]) | set(b["lines"])), "text": a["text"] + b["text"], "section": a["section"]}

    carry: dict | None = None
    for piece in pieces:
        if carry is not None:
            if fits(carry, piece):
                piece = join(carry, piece)
            elif out and fits(out[-1], carry):
                out[-1] = join(out[-1], carry)
            else:
                dropped += carry["lines"]
                merged -= set(carry["lines"])
            carry = None
        if len(piece["text"]) < params.min_chars:
            carry = piece
            merged |= set(piece["lines"])
        else:
            out.append(piece)
    if carry is not None:
        if out and fits(out[-1], carry):
            out[-1] = join(out[-1], carry)
        else:
            dropped += carry["lines"]
            merged -= set(carry["lines"])
    return out, merged, dropped


# ----------------------------------------------------------------------------- duplicates


def find_duplicates(texts: list[str], threshold: float, seed: int = 1) -> list[int]:
    """For each text, the index of an earlier text it repeats, or -1.

    Exact duplicates compare text without punctuation and blanks; near duplicates compare
    sets of character 3-grams by MinHash LSH and are confirmed by their true Jaccard
    similarity (at least ``threshold``). Each text's 3-grams are kept as a sorted array of
    exact integer codes (three code points in 63 bits), a few KB per paragraph.
    """
    from datasketch import MinHash, MinHashLSH

    out = [-1] * len(texts)
    seen: dict[str, int] = {}
    # LSH only proposes candidates, so it runs at a lower threshold than the check below
    # (a pair right at the threshold is otherwise missed about half the time).
    lsh = MinHashLSH(threshold=max(0.2, threshold - 0.3), num_perm=128)
    # The 3-gram codes are exact integers, so they go to MinHash as they are (the affine64
    # scheme mixes them first); the permutations are drawn once, not per paragraph.
    permutations = MinHash(num_perm=128, seed=seed, scheme="affine64").permutations
    grams: dict[int, np.ndarray] = {}
    for i, text in enumerate(texts):
        norm = normalise_for_dedup(text)
        if norm in seen:
            out[i] = seen[norm]
            continue
        seen[norm] = i
        if len(norm) < 20:
            continue
        g = _trigram_codes(norm)
        mh = MinHash(num_perm=128, seed=seed, scheme="affine64", hashfunc=int, permutations=permutations)
        mh.update_batch(g)
        for c in sorted(int(c) for c in lsh.query(mh)):
            inter = len(np.intersect1d(g, grams[c], assume_unique=True))
            if inter / (len(g) + len(grams[c]) - inter) >= threshold:
                out[i] = c
                break
        else:
            lsh.insert(str(i), mh)
            grams[i] = g
    return out


def _trigram_codes(text: str) -> np.ndarray:
    """Distinct character 3-grams of ``text`` as sorted uint64 codes (exact, no hashing)."""
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    codes = (cp[:-2] << np.uint64(42)) | (cp[1:-1] << np.uint64(21)) | cp[2:]
    return np.unique(codes)


# ----------------------------------------------------------------------------- corpus


def discover(corpus_dir: Path, exclude: set[Path], patterns: tuple[str, ...] = ()) -> tuple[list[Path], list[Path]]:
    """Files under ``corpus_dir`` (recursively, sorted, hidden ones left out), split into
    those to read and those excluded (the manifest, or a name matching ``patterns``)."""
    files, excluded = [], []
    found = []
    for root, dirs, names in os.walk(corpus_dir, followlinks=True):  # a linked corpus folder counts
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(root) / n for n in names if not n.startswith(".")]
    for path in sorted(found, key=lambda p: p.relative_to(corpus_dir).as_posix()):
        if path.resolve() in exclude or any(fnmatch.fnmatch(path.name, pat) for pat in patterns):
            excluded.append(path)
        else:
            files.append(path)
    return files, excluded


def read_manifest(path: Path, corpus_dir: Path) -> dict[str, dict[str, str]]:
    """Manifest rows by file path relative to the corpus folder (``file`` column required)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except FileNotFoundError:
        raise ParamsError(f"corpus.manifest: file {path} not found") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ParamsError(f"corpus.manifest: {path} is not a UTF-8 CSV file: {exc}") from None
    if not rows or "file" not in rows[0]:
        raise ParamsError(f"corpus.manifest: {path} needs a header with a 'file' column (got {list(rows[0]) if rows else 'no rows'})")
    out = {}
    for row in rows:
        name = (row.get("file") or "").strip()
        if name:
            out[Path(name).as_posix()] = {k: (row.get(k) or "").strip() for k in MANIFEST_FIELDS if row.get(k)}
    return out


def ingest(corpus_dir: Path, params: IngestParams, manifest: dict[str, dict[str, str]] | None = None, exclude: set[Path] | None = None):
    """Ingest every file under ``corpus_dir``.

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
        raise IngestError(f"corpus.dir: no document files in {corpus_dir} ({len(excluded)} excluded by ingest.exclude or as the manifest)")
    converter = opencc.OpenCC("t2s")
    gazetteer = Gazetteer.default()
    manifest = manifest or {}
    docs: list[Document] = []
    max_bytes = int(params.max_file_mb * 2**20)
    try:
        from tqdm import tqdm

        iterator = tqdm(files, desc="ingest", unit="file", disable=len(files) < 20 or not sys.stderr.isatty())
    except ImportError:  # pragma: no cover
        iterator = files
    for path in iterator:
        source = path.relative_to(corpus_dir).as_posix()
        try:
            raw = read_file(path, max_bytes)
        except ReadError as exc:
            log.warning("%s: skipped: %s", source, exc)
            doc = Document(doc_id=str(Path(source).with_suffix("")), source=source, status="skipped", reason=str(exc))
            doc.log.append({"source": source, "line": "", "status": "file_skipped", "reason": str(exc), "para_id": ""})
            docs.append(doc)
            continue
        doc = process_document(source, raw, params, converter.convert, gazetteer)
        _apply_manifest(doc, manifest.get(source))
        if doc.status == "ok" and not doc.locality.locality:
            log.warning("%s: no locality found (%s); its paragraphs are reported under an empty locality", source, doc.locality.evidence)
        docs.append(doc)

    for path in excluded:
        source = path.relative_to(corpus_dir).as_posix()
        doc = Document(doc_id=str(Path(source).with_suffix("")), source=source, status="excluded", reason="the manifest, or a name matching ingest.exclude")
        doc.log.append({"source": source, "line": "", "status": "file_excluded", "reason": doc.reason, "para_id": ""})
        docs.append(doc)
    unmatched = sorted(set(manifest) - {d.source for d in docs})
    if unmatched:
        log.warning("corpus.manifest names %d file(s) not in %s, e.g. %s", len(unmatched), corpus_dir, unmatched[0])
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
    line_log = pd.DataFrame([row for d in docs for row in d.log], columns=LOG_COLUMNS)

    n_duplicates = 0
    if params.duplicates != "keep":
        dup = find_duplicates(paragraphs["text"].tolist(), params.near_duplicate_threshold)
        ids = paragraphs["para_id"].to_numpy()
        paragraphs["duplicate_of"] = [ids[j] if j >= 0 else "" for j in dup]
        is_dup = paragraphs["duplicate_of"] != ""
        n_duplicates = int(is_dup.sum())
        if params.duplicates == "drop" and n_duplicates:
            dropped = dict(zip(paragraphs.loc[is_dup, "para_id"], paragraphs.loc[is_dup, "duplicate_of"]))
            paragraphs = paragraphs.loc[~is_dup].reset_index(drop=True)
            line_log = _log_dropped_duplicates(line_log, dropped)

    documents = pd.DataFrame([_doc_row(d, paragraphs) for d in docs])
    metrics = _metrics(documents, paragraphs, line_log, n_duplicates)
    return paragraphs, documents, line_log, metrics


def cut_sentences(paragraphs: pd.DataFrame, long_chars: int) -> pd.DataFrame:
    """One row per sentence of every paragraph (see :func:`pipeline.text.sentence_spans`):
    ``para_id``, ``sentence`` (0-based index in the paragraph), ``char_start``, ``char_end``
    (offsets in the paragraph's text) and ``n_chars``. A sentence is quoted as its
    paragraph's ``source:line`` and ``text[char_start:char_end]``."""
    pids, idx, starts, ends = [], [], [], []
    for pid, text in zip(paragraphs["para_id"], paragraphs["text"]):
        for i, (a, b) in enumerate(sentence_spans(text, long_chars)):
            pids.append(pid)
            idx.append(i)
            starts.append(a)
            ends.append(b)
    starts_a, ends_a = np.asarray(starts, dtype=np.int32), np.asarray(ends, dtype=np.int32)
    return pd.DataFrame({"para_id": pids, "sentence": np.asarray(idx, dtype=np.int32), "char_start": starts_a, "char_end": ends_a, "n_chars": ends_a - starts_a}, columns=SENTENCE_COLUMNS)


LOCALITY_FIELDS = ("locality", "province", "level")


def _apply_manifest(doc: Document, row: dict[str, str] | None) -> None:
    """Manifest values override what was inferred (the inferred locality stays in the evidence)."""
    if not row:
        return
    for key, value in row.items():
        if key not in LOCALITY_FIELDS:
            setattr(doc, key, value)
    if any(k in row for k in LOCALITY_FIELDS):
        evidence = f"manifest (inferred: {doc.locality.evidence})" if "locality" in row else doc.locality.evidence
        doc.locality = dataclasses.replace(doc.locality, evidence=evidence, **{k: row[k] for k in LOCALITY_FIELDS if k in row})
    if "date" in row and "year" not in row:
        doc.year = row["date"][:4]
    doc.metadata_from = "manifest: " + ", ".join(sorted(row))


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
    return {
        "doc_id": d.doc_id, "source": d.source, "status": d.status, "reason": d.reason, "encoding": d.encoding,
        "n_lines": d.n_lines, "n_paragraphs": int((paragraphs["doc_id"] == d.doc_id).sum()),
        "title": d.title, "author": d.author, "source_name": d.source_name, "date": d.date, "year": d.year,
        "locality": loc.locality, "province": loc.province, "level": loc.level, "locality_code": loc.code,
        "locality_confidence": loc.confidence, "locality_evidence": loc.evidence,
        "metadata_from": d.metadata_from, "pinyin_removed": d.pinyin_removed,
    }


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
        exclude.add(mpath.resolve())
    log.info("reading %s (readers for %s)", corpus_dir, ", ".join(sorted(READERS)))
    paragraphs, documents, line_log, metrics = ingest(corpus_dir, params, manifest, exclude)
    sentences = cut_sentences(paragraphs, params.long_sentence_chars)
    metrics["sentences"] = int(len(sentences))
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
    return 0


if __name__ == "__main__":
    run_stage(main, "ingest")

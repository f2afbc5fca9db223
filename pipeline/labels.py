"""Hand labels: reading them, finding the paragraphs they label, and scoring predictions.

A label file is a CSV with ``source`` (path relative to the corpus folder, or ending in it),
``line`` (1-based) and ``primary`` (a theme key), as ``../shared/eval/dev_labels.csv``. Used
by ``evaluate`` (accuracy against the labels) and by ``themes`` (labelled examples).
"""

from __future__ import annotations

import csv
import io
import logging
import re
import unicodedata
import warnings
from bisect import bisect_left
from pathlib import Path

import numpy as np
import pandas as pd

from .config import ParamsError, fold_label, fold_names
from .readers import ReadError, decode
from .readers import _plausibility as plausibility

log = logging.getLogger("pipeline.labels")


def read_label_csv(path: Path, key: str, dtype: dict | None = None, nrows: int | None = None) -> pd.DataFrame:
    """A label sheet in any encoding the corpus may use (UTF-8 with or without the BOM Excel
    writes, GB18030/GBK as Excel saves CSV on Chinese Windows, UTF-16, Big5), separated by
    commas, tabs (Excel's "Unicode text") or semicolons; header names are stripped and
    lower-cased (``Source``, ``Line``), ``file`` (the manifest's word) stands for a missing
    ``source``, and ``source`` paths use ``/`` (a sheet written on Windows may use ``\\``).

    Raises:
        ParamsError: the file is missing, empty, binary or not a CSV; the message names ``key``.
    """
    if not path.is_file():
        raise ParamsError(f"{key}: file {path} not found")
    data = path.read_bytes()
    try:
        text, encoding = decode(data)
    except ReadError as exc:
        raise ParamsError(f"{key}: {path} is not a readable CSV: {exc}") from None
    if encoding == "utf-8":
        text = _chinese_reading(data, text)
    control = _CONTROL.search(text)
    if control is not None:
        raise ParamsError(f"{key}: {path} is not a readable CSV: it holds control character {ord(control.group()):#04x} "
                          f"on line {text.count(chr(10), 0, control.start()) + 1} (a binary file, or a spreadsheet not saved as CSV?)")
    first = text.split("\n", 1)[0]
    sep = max((",", "\t", ";"), key=first.count)
    try:
        header = pd.read_csv(io.StringIO(text), sep=sep, nrows=0).columns
        names = [str(h).strip().lower() for h in header]
        if "source" not in names and "file" in names:  # the manifest's word for it
            names[names.index("file")] = "source"
        wanted = dtype or {}
        reader = csv.reader(io.StringIO(text), delimiter=sep)
        for row in reader:
            if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
                raise ParamsError(f"{key}: {path} line {reader.line_num} has {len(row)} fields where the header has {len(header)} "
                                  f"(a {'comma' if sep == ',' else 'separator'} inside a cell that is not quoted?)")
        # (index_col=False: a sheet whose rows all end in a separator keeps its first column)
        df = pd.read_csv(io.StringIO(text), sep=sep, nrows=nrows, index_col=False, dtype={h: wanted[n] for h, n in zip(header, names) if n in wanted})
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ParamsError(f"{key}: {path} is not a readable CSV: {exc}") from None
    df.columns = names
    if "source" in df.columns:
        df["source"] = df["source"].where(df["source"].isna(), df["source"].astype(str).str.strip().str.replace("\\", "/", regex=False))
    return df


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
def _chinese_reading(data: bytes, text: str) -> str:
    """A short GBK sheet can be valid UTF-8 by chance (``专业`` in GBK reads as ``רҵ``); label
    sheets of Chinese texts hold Chinese, so a UTF-8 reading with no common Chinese character
    among its non-ASCII ones gives way to a GB18030 reading that :func:`pipeline.readers.decode`
    would accept (mostly common Chinese)."""
    if plausibility(text) > 0:
        return text
    try:
        other = data.decode("gb18030")
    except UnicodeDecodeError:
        return text
    return other if plausibility(other) >= 0.5 else text


def read_labels(path: Path, theme_keys: list[str], key: str = "eval.labels", names: dict[str, str] | None = None) -> pd.DataFrame:
    """Labels with columns source, line, primary (and any others, e.g. text). A label may
    name its theme by key or by any of ``names`` (:attr:`ThemesParams.label_names`: 党建,
    Party building); it is read as the key.

    Raises:
        ParamsError: file missing, not a CSV with those columns, or labels that are not
            themes; the message names the parameter ``key`` and the file.
    """
    labels = read_label_csv(path, key, {"source": str, "primary": str})
    missing = [c for c in ("source", "line", "primary") if c not in labels.columns]
    if missing:
        raise ParamsError(f"{key}: {path} lacks column(s) {missing} (has {list(labels.columns)})")
    labels = _coded(_without_repeats(labels, key, path), "primary")
    labels["line"] = pd.to_numeric(labels["line"], errors="coerce")
    bad = labels["line"].isna() | labels["source"].isna() | (labels["line"] % 1 != 0)
    if bad.any():
        raise ParamsError(f"{key}: {path} row {int(labels.index[np.flatnonzero(bad)[0]]) + 2} has no valid source/line (a line is a whole number)")
    labels["primary"] = _theme_keys(labels["primary"], theme_keys, names, f"{key}: {path}")
    if "secondary" in labels.columns:
        _check_secondary(labels["secondary"], theme_keys, names, f"{key}: {path}")
    labels["line"] = labels["line"].astype(int)
    # (a sample sheet's rows are paragraphs, several of one long line)
    unit = ["source", "line", "para_id"] if "para_id" in labels.columns else ["source", "line"]
    return _one_label_per_unit(labels, unit, "primary", key, path)


def _without_repeats(labels: pd.DataFrame, key: str, path: Path) -> pd.DataFrame:
    """``labels`` without rows that repeat an earlier row in every cell (a sheet pasted twice),
    counted in ``attrs["repeated"]`` and warned about: each would count twice in every score and
    in the design weights."""
    empty = labels.apply(lambda row: all(pd.isna(v) or not str(v).strip() for v in row), axis=1)  # (Excel's blank rows: uncoded, not repeats)
    repeated = labels.duplicated(keep="first") & ~empty
    if repeated.any():
        rows = ", ".join(str(int(i) + 2) for i in labels.index[repeated][:5])
        log.warning("%s: %s: %d row(s) repeat an earlier row and are read once (rows %s%s)", key, path, int(repeated.sum()), rows,
                    " …" if repeated.sum() > 5 else "")
    out = labels[~repeated].copy()
    out.attrs["repeated"] = int(repeated.sum())
    return out


def _one_label_per_unit(labels: pd.DataFrame, unit: list[str], column: str, key: str, path: Path) -> pd.DataFrame:
    """``labels`` with one label per unit (a line, a paragraph of a sample sheet, or a line's
    sentence): a row that labels a unit an earlier row labels is dropped; with the same label
    it is counted in ``attrs["repeated"]``, with another (two coders, or a slip) in
    ``attrs["conflicting"]`` and warned about with its rows (the first row's label is kept). A
    sample sheet's ``attrs["drawn"]`` counts each unit once."""
    attrs = dict(labels.attrs)
    first = labels.drop_duplicates(subset=unit, keep="first").set_index(unit)[column]
    again = labels.duplicated(subset=unit, keep="first")
    differs = again & (labels.set_index(unit).index.map(first).to_numpy() != labels[column].to_numpy())
    if differs.any():
        rows = ", ".join(str(int(i) + 2) for i in labels.index[differs][:5])
        log.warning("%s: %s: %d row(s) label a %s an earlier row labels otherwise; the first row's label is kept (rows %s%s)", key, path,
                    int(differs.sum()), "sentence" if "text" in unit else "paragraph" if "para_id" in unit else "line", rows, " …" if differs.sum() > 5 else "")
    drawn = dict(attrs.get("drawn", {}))
    if drawn and "stratum" in labels.columns:
        for stratum in labels.loc[again, "stratum"].astype(str):
            drawn[stratum] = max(drawn.get(stratum, 0) - 1, 0)
        attrs["drawn"] = drawn
    out = labels[~again].copy()
    out.attrs = {**attrs, "repeated": attrs.get("repeated", 0) + int((again & ~differs).sum()), "conflicting": int(differs.sum())}
    return out


def _coded(labels: pd.DataFrame, column: str) -> pd.DataFrame:
    """The rows whose label is filled in (a sample sheet may be coded only in part); the
    number left out is kept in ``attrs["uncoded"]``, and a sample sheet's rows per stratum,
    coded or not, in ``attrs["drawn"]`` (see :func:`design_weights`)."""
    filled = labels[column].fillna("").astype(str).str.strip()
    out = labels[filled != ""].copy()
    out[column] = filled[filled != ""]
    out.attrs = dict(labels.attrs)
    out.attrs["uncoded"] = int((filled == "").sum())
    if "stratum" in labels.columns:
        out.attrs["drawn"] = {str(k): int(v) for k, v in labels["stratum"].astype(str).value_counts().items()}
    return out


def labelled_rows(labels: pd.DataFrame, paragraphs: pd.DataFrame) -> list[np.ndarray]:
    """For each labelled line, the row positions in ``paragraphs`` of the paragraphs cut
    from it; empty where there are none (see :func:`locate_labels`)."""
    return locate_labels(labels, paragraphs)[0]


def own_paragraphs(labels: pd.DataFrame, paragraphs: pd.DataFrame, rows: list) -> list:
    """``rows`` (each label's paragraphs, from :func:`locate_labels`) with a sample sheet's row
    narrowed to its own paragraph: the sheet names it by ``para_id``, one of the paragraphs of
    a long line, and it labels that one while it is still one of its line's and holds the
    row's text."""
    if "para_id" not in labels.columns:
        return rows
    position = {pid: r for r, pid in enumerate(paragraphs["para_id"])}
    texts = paragraphs["text"].to_numpy() if "text" in paragraphs.columns else None
    sheet_text = labels["text"] if "text" in labels.columns else pd.Series("", index=labels.index)
    out = []
    for prows, pid, t in zip(rows, labels["para_id"], sheet_text):
        r = position.get(pid)
        same = r is not None and r in set(np.asarray(prows).tolist()) and (
            texts is None or not isinstance(t, str) or not t.strip() or texts[r].strip() == t.strip())
        out.append(np.array([r]) if same else prows)
    return out


BY_LINE, BY_TEXT, TEXT_ELSEWHERE, NOWHERE = "line", "text", "text not found", "nothing at its line"
NO_SOURCE = "its source is none of the corpus's files"  # (nor was its text found in another)
AMBIGUOUS = "its source names several files"  # report.txt, with hunan/report.txt and jiangxi/report.txt in the corpus
TEXT_AGREES = 0.5     # share of a label's character trigrams in the paragraphs of its line: the line is the label's
TEXT_HOLDS = 0.8      # share of one text's trigrams in another: a paragraph holds the label, or is a piece of it
TEXT_MIN_CHARS = 6    # a label text shorter than this (folded) is too short to check its line by, or to look for
PROBE, PROBE_STRIDE = 6, 12   # a label is looked for by its stretches of PROBE characters, one every PROBE_STRIDE
# extensions a label's source may carry where the corpus holds the same file in another format
DOCUMENT_EXTENSIONS = (".txt", ".text", ".md", ".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php", ".docx", ".doc", ".wps", ".pdf", ".rtf", ".odt")


def locate_labels(labels: pd.DataFrame, paragraphs: pd.DataFrame) -> tuple[list[np.ndarray], list[str]]:
    """Where each labelled line is among ``paragraphs``, and how it was found.

    A label's source matches a paragraph's source if one path ends with the other, so labels
    written relative to ``../shared/corpora/`` match a corpus laid out either way; failing
    that, if exactly one source does without its document extension (a label of ``a.docx``
    on a corpus holding ``a.txt``). Its line gives the paragraphs cut from it (``line``
    inside ``line_start..line_end``): ``"line"``.

    Where the labels carry the labelled ``text`` (and ``paragraphs`` theirs), the line is
    checked against it, so that line numbers counted another way (a Word or HTML file read
    by another tool, lines counted from 0 or without blank lines) do not score a neighbouring
    paragraph. Texts are compared by their character trigrams (folded as :func:`_folded`
    folds them). If the line's paragraphs hold fewer than ``TEXT_AGREES`` of the label's
    trigrams, the label is looked for by its text in its source (or, when no paragraph comes
    from its source, in the one source of the corpus that holds it): the paragraph holding
    ``TEXT_HOLDS`` of it, else the run of consecutive paragraphs that are pieces of it, nearest
    the labelled line (``"text"``). Not found that way, it labels nothing, and the caller
    counts it: ``"text not found"`` where its line has paragraphs of another text, ``"nothing
    at its line"`` where it has none. A text shorter than ``TEXT_MIN_CHARS`` is not checked.

    A source that names several files of the corpus (``report.txt`` for ``hunan/report.txt``
    and ``jiangxi/report.txt``; one of them exactly is the one) is decided by the text: the
    one file whose line holds it, else the one file holding it elsewhere; a label without a
    text, or whose text does not decide, labels nothing (:data:`AMBIGUOUS`).

    Returns:
        ``(rows, how)``: for each row of ``labels`` the row positions in ``paragraphs`` (empty
        where none) and how they were found: ``"line"`` or ``"text"`` (or why none were).
    """
    by_source = {s: idx for s, idx in paragraphs.groupby("source").indices.items()}
    by_stem: dict[str, list[np.ndarray]] = {}
    for s, idx in by_source.items():
        by_stem.setdefault(_stem(str(s)), []).append(idx)
    starts, ends = paragraphs["line_start"].to_numpy(), paragraphs["line_end"].to_numpy()
    sources = paragraphs["source"].to_numpy()
    texts = paragraphs["text"].fillna("").astype(str).to_numpy() if "text" in paragraphs.columns else None
    label_texts = labels["text"].fillna("").astype(str).to_numpy() if "text" in labels.columns and texts is not None else None
    look = _TextIndex(texts) if texts is not None else None

    rows, how = [], []
    for i, (src, line) in enumerate(zip(labels["source"], labels["line"])):
        src = str(src)
        folded = _plain_fold(label_texts[i]) if label_texts is not None else ""
        named_by = {str(s): ix for s, ix in by_source.items() if _same_path(str(s), src)}
        if len(named_by) > 1 and src in named_by:  # the label's path is one of them exactly
            named_by = {src: named_by[src]}
        elif len(named_by) > 1:  # the ones sharing most of the label's path (hunan/report.txt for data/raw/hunan/report.txt, not report.txt)
            shared = {s: _shared_tail(s, src) for s in named_by}
            named_by = {s: ix for s, ix in named_by.items() if shared[s] == max(shared.values())}
        named = list(named_by.values())
        if not named:
            same_stem = [ix for st, ixs in by_stem.items() if _same_path(st, _stem(src)) for ix in ixs]
            named = same_stem if len(same_stem) == 1 else []
        if len(named) > 1:
            # files of one name in several folders: the one whose line holds the label's text,
            # else the one source holding its text; without a text, no guess
            want = _trigrams(folded) if len(folded) >= TEXT_MIN_CHARS else set()
            agree = [ix for ix in named if want and _share(want, look.grams(ix[(starts[ix] <= line) & (ends[ix] >= line)])) >= TEXT_AGREES]
            if len(agree) != 1:
                held = look.holding(folded, named) if want else []
                found = _by_text(want, held, line, starts, sources) if held else np.array([], dtype=int)
                rows.append(found)
                how.append(BY_TEXT if len(found) else TEXT_ELSEWHERE if want and not held else AMBIGUOUS)  # its text in none of them, or not in one only
                continue
            named = agree
        idx = named[0] if named else np.array([], dtype=int)
        hit = idx[(starts[idx] <= line) & (ends[idx] >= line)]
        if len(folded) < TEXT_MIN_CHARS or _share(want := _trigrams(folded), look.grams(hit)) >= TEXT_AGREES:
            rows.append(hit)
            how.append(BY_LINE if len(hit) else NOWHERE if len(idx) else NO_SOURCE)
            continue
        if len(idx):
            found = _by_text(want, look.holding(folded, [idx]), line, starts)
        else:  # the sources of the corpus that hold a stretch of the label, and the one of them that holds it
            near = set(sources[look.corpus_rows(folded)])
            found = _by_text(want, look.holding(folded, [ix for s, ix in by_source.items() if s in near]), line, starts, sources)
        rows.append(found)
        how.append(BY_TEXT if len(found) else TEXT_ELSEWHERE if len(hit) else NOWHERE if len(idx) else NO_SOURCE)
    return rows, how


def _same_path(a: str, b: str) -> bool:
    return a == b or a.endswith("/" + b) or b.endswith("/" + a)


def _shared_tail(a: str, b: str) -> int:
    """How many trailing path components ``a`` and ``b`` share."""
    n = 0
    for x, y in zip(reversed(a.split("/")), reversed(b.split("/"))):
        if x != y:
            break
        n += 1
    return n


def _stem(path: str) -> str:
    low = path.lower()
    return next((path[: -len(e)] for e in DOCUMENT_EXTENSIONS if low.endswith(e)), path)


class _TextIndex:
    """The corpus's paragraphs folded (:func:`_folded`), their trigrams, and each source's
    folded text joined (to find a label's stretches in), computed as the labels ask for them."""

    def __init__(self, texts: np.ndarray):
        self.texts = texts
        self._grams: dict[int, set[str]] = {}
        self._joined: dict[tuple[int, int], tuple[str, np.ndarray, np.ndarray]] = {}

    def gram(self, r: int) -> set[str]:
        if r not in self._grams:
            self._grams[r] = _trigrams(_plain_fold(self.texts[r]))
        return self._grams[r]

    def grams(self, rows) -> set[str]:
        return set().union(*(self.gram(int(r)) for r in rows))

    def _rows_holding(self, rows: np.ndarray, probes: set[str]) -> set[int]:
        """Which of ``rows`` (one source's, or the corpus's) hold one of ``probes``."""
        key = (int(rows[0]), len(rows))
        if key not in self._joined:
            plain = [_plain_fold(self.texts[r]) for r in rows]
            self._joined[key] = ("\x00".join(plain), np.cumsum([0] + [len(t) + 1 for t in plain]), rows)
        joined, offsets, rows = self._joined[key]
        out = set()
        for p in probes:
            at = joined.find(p)
            while at >= 0:
                out.add(int(rows[int(np.searchsorted(offsets, at, side="right")) - 1]))
                at = joined.find(p, at + 1)
        return out

    def holding(self, folded: str, pools: list[np.ndarray]) -> list[tuple[int, set[str]]]:
        """The paragraphs of ``pools`` (sources' rows) that hold one of ``folded``'s stretches
        (every piece of the label longer than a stretch and a stride holds one), in order, with
        their trigrams."""
        probes = _probes(folded, PROBE_STRIDE)
        found = set().union(*(self._rows_holding(np.sort(pool), probes) for pool in pools if len(pool)))
        return [(r, self.gram(r)) for r in sorted(found)]

    def corpus_rows(self, folded: str) -> np.ndarray:
        """Rows of the whole corpus holding the label's first, middle or last stretch."""
        probes = {folded[k : k + PROBE] for k in (0, (len(folded) - PROBE) // 2, len(folded) - PROBE)}
        return np.array(sorted(self._rows_holding(np.arange(len(self.texts)), probes)), dtype=int)


def _probes(folded: str, stride: int) -> set[str]:
    return {folded[k : k + PROBE] for k in range(0, max(len(folded) - PROBE, 0) + 1, stride)} | {folded[-PROBE:]}


def _trigrams(folded: str) -> set[str]:
    return {folded[k : k + 3] for k in range(len(folded) - 2)} if len(folded) >= 3 else ({folded} if folded else set())


def _share(part: set[str], whole: set[str]) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _by_text(want: set[str], candidates: list[tuple[int, set[str]]], line: int, starts: np.ndarray, sources: np.ndarray | None = None) -> np.ndarray:
    """Of ``candidates`` (rows in order, with their trigrams): the paragraph holding the label
    (its trigrams ``want``), else the run of consecutive paragraphs that are pieces of it and
    together hold most of it; of equals, the nearest ``line``. With ``sources`` (candidates of
    several sources), what is found must be found in one source only: a formula every report
    opens with labels nothing."""
    holding = sorted((abs(int(starts[r]) - line), r) for r, g in candidates if _share(want, g) >= TEXT_HOLDS)
    if holding:
        if sources is not None and len({sources[r] for _, r in holding}) > 1:
            return np.array([], dtype=int)
        return np.array([holding[0][1]], dtype=int)
    runs: list[list[tuple[int, set[str]]]] = []
    for r, g in candidates:
        if g and _share(g, want) >= TEXT_HOLDS:
            if runs and runs[-1][-1][0] == r - 1 and (sources is None or sources[r] == sources[r - 1]):
                runs[-1].append((r, g))
            else:
                runs.append([(r, g)])
    scored = sorted(((_share(want, set().union(*(g for _, g in run))), -abs(int(starts[run[0][0]]) - line), [r for r, _ in run]) for run in runs),
                    key=lambda x: x[:2], reverse=True)
    if not scored or scored[0][0] < TEXT_AGREES:
        return np.array([], dtype=int)
    if sources is not None and any(x[0] == scored[0][0] and sources[x[2][0]] != sources[scored[0][2][0]] for x in scored[1:]):
        return np.array([], dtype=int)
    return np.array(scored[0][2], dtype=int)


class _FoldTable(dict):
    """Each character as :func:`_folded` folds it (a ``str.translate`` table), filled as characters come."""

    def __missing__(self, code: int) -> str:
        folded = "".join(f for f in unicodedata.normalize("NFKC", chr(code)) if not f.isspace() and not unicodedata.category(f).startswith("P"))
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def _plain_fold(text: str) -> str:
    """:func:`_folded`'s text, without the positions."""
    return text.translate(_FOLD_TABLE)


def match_labels(labels: pd.DataFrame, paragraphs: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """Predicted theme of each labelled line (NaN where no paragraph came from it): where a
    line gave several paragraphs, the theme with most of their characters (a sample sheet's
    row: its own paragraph's, see :func:`own_paragraphs`); ``found_by``:
    how its paragraphs were found (see :func:`locate_labels`); ``para_ids``: the paragraphs
    it is scored on, joined by :data:`ID_SEP` (a para_id may hold spaces: its file's name)."""
    df = paragraphs[["para_id", "source", "line_start", "line_end", "n_chars", *(["text"] if "text" in paragraphs.columns else [])]].merge(themes[["para_id", "theme"]], on="para_id")
    preds, ids = [], []
    rows, how = locate_labels(labels, df)
    for r in own_paragraphs(labels, df, rows):
        hit = df.iloc[r]
        preds.append(hit.groupby("theme")["n_chars"].sum().sort_index().idxmax() if len(hit) else np.nan)
        ids.append(ID_SEP.join(hit["para_id"]))
    return labels.assign(predicted=preds, found_by=how, para_ids=ids)


ID_SEP = "\x1f"  # joins the para_ids of a label (unit separator: in no file name)


def shared_paragraphs(matched: pd.DataFrame, column: str = "primary") -> pd.DataFrame:
    """The matched labels scored on a paragraph another label is also scored on (ingest merged
    a short line into its neighbour, or a label's line holds several paragraphs another label's
    overlaps), with ``disagrees``: the labels of that paragraph differ, so one prediction is
    scored against two answers and cannot be right for both."""
    pairs = matched[["para_ids", column]].assign(para_id=matched["para_ids"].str.split(ID_SEP)).explode("para_id")
    pairs = pairs[pairs["para_id"].fillna("") != ""]
    per_para = pairs.groupby("para_id")[column].agg(["size", "nunique"])
    shared = per_para[per_para["size"] > 1]
    if shared.empty:
        return matched.iloc[:0].assign(disagrees=pd.Series(dtype=bool))
    hit = pairs[pairs["para_id"].isin(shared.index)]
    disagree = set(shared.index[shared["nunique"] > 1])
    rows = hit.groupby(level=0)["para_id"].agg(lambda p: bool(disagree & set(p)))
    return matched.loc[rows.index].assign(disagrees=rows.to_numpy())


def scores(actual: list[str], predicted: list[str], keys: list[str], weights: np.ndarray | None = None) -> dict:
    """Accuracy, macro-F1 over the themes present in ``actual``, per-theme P/R/F1 (``support``:
    the number of labels of the theme).

    ``weights`` (one per label, e.g. 1/inclusion probability of a stratified sample, see
    :func:`design_weights`) make every count a weighted count, so the figures estimate those
    of the population the labels were drawn from.
    """
    index = {k: i for i, k in enumerate(keys)}
    a = np.array([index[x] for x in actual], dtype=int)
    p = np.array([index[x] for x in predicted], dtype=int)
    w = np.ones(len(a)) if weights is None else np.asarray(weights, dtype=float)
    prec, rec, f1 = _precision_recall_f1(_confusion(a, p, w, len(keys)))
    support = np.bincount(a, minlength=len(keys))
    per = {k: {"precision": round(float(prec[i]), 4), "recall": round(float(rec[i]), 4), "f1": round(float(f1[i]), 4), "support": int(support[i])}
           for i, k in enumerate(keys)}
    present = [k for k in keys if per[k]["support"] > 0]
    return {
        "accuracy": round(float(w[a == p].sum() / w.sum()), 4) if len(a) else 0.0,
        "macro_f1": round(float(np.mean([per[k]["f1"] for k in present])), 4) if present else 0.0,
        "per_theme": per,
    }


def _confusion(actual: np.ndarray, predicted: np.ndarray, weights: np.ndarray, k: int) -> np.ndarray:
    """(k, k) weighted counts: rows the labelled theme, columns the predicted one (indices)."""
    return np.bincount(actual * k + predicted, weights=weights, minlength=k * k).reshape(k, k)


def _precision_recall_f1(cm: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per theme, from a confusion matrix of :func:`_confusion` (0 where undefined)."""
    tp, labelled, predicted = np.diag(cm), cm.sum(axis=1), cm.sum(axis=0)
    ratio = lambda x, y: np.divide(x, y, out=np.zeros(len(cm)), where=y > 0)  # noqa: E731
    return ratio(tp, predicted), ratio(tp, labelled), ratio(2 * tp, labelled + predicted)


def design_weights(labels: pd.DataFrame, drawn: dict[str, int] | None = None) -> tuple[np.ndarray | None, str]:
    """Design weights of labels from the pipeline's stratified random sample, and a note.

    Small strata are drawn at higher rates, so unweighted recall and accuracy would describe
    the sample, not the corpus. A label's weight is 1 / its inclusion probability; where rows
    of the sheet were left uncoded (or match no unit of the corpus), the coded ones of their
    stratum stand in for them: the weight becomes N_h / m_h (N_h = drawn rows of the stratum /
    inclusion probability, m_h = its labels here), which assumes the missing rows are missing
    at random within their stratum.

    Args:
        labels: the matched labels (with ``inclusion_probability`` and ``stratum`` when they
            come from a sample sheet).
        drawn: rows per stratum of the whole sheet, coded or not (``attrs["drawn"]`` of
            :func:`read_labels` / :func:`read_sentence_labels`).
    Returns:
        ``(weights or None, note)``: None when the labels have no inclusion probabilities, or
        when some lack one (then every label counts alike, and the note says how many lack it).
    """
    if "inclusion_probability" not in labels.columns or not len(labels):
        return None, ""
    pi = pd.to_numeric(labels["inclusion_probability"], errors="coerce").to_numpy(dtype=float)
    valid = np.isfinite(pi) & (pi > 0) & (pi <= 1)
    if not valid.any():
        return None, ""
    if not valid.all():
        return None, (f"{int((~valid).sum())} of {len(pi)} labels have no valid inclusion probability (not from the pipeline's sample, "
                      "or a value that is not a number in (0, 1]), so every label counts alike and the figures describe these labels, not the corpus")
    w = 1.0 / pi
    if drawn and "stratum" in labels.columns:
        strata = labels["stratum"].astype(str)
        coded = strata.value_counts()
        factor = strata.map(lambda h: drawn.get(h, coded[h]) / coded[h]).to_numpy(dtype=float)
        missing = int(sum(drawn.get(h, 0) for h in coded.index) - len(labels))
        empty = {h: n for h, n in sorted(drawn.items()) if n and h not in coded.index}  # strata with no coded unit at all
        note = (f"{missing} drawn units have no label here (left uncoded or not found); the labelled units of their "
                "strata stand in for them, which assumes they are missing at random within a stratum") if missing > 0 else ""
        if empty:
            note += ("; " if note else "") + (f"{sum(empty.values())} more drawn units are in strata with no coded unit at all "
                                              f"({', '.join(f'{h}: {n}' for h, n in empty.items())}): nothing stands in for them, so the "
                                              "weighted figures leave those strata out")
        if note:
            return w * factor, note
    return w, ""


SENTENCE_LABEL_COLUMNS = ("source", "line", "sentence", "label", "text")


def read_sentence_labels(path: Path, theme_keys: list[str], key: str = "eval.sentence_labels", names: dict[str, str] | None = None) -> pd.DataFrame:
    """Sentence labels with columns source, line, sentence (index in the line), label and
    text (as ``../shared/eval/dev_sentences.csv``); labels as in :func:`read_labels`.

    Raises:
        ParamsError: file missing, not a CSV with those columns, or labels that are not themes.
    """
    labels = read_label_csv(path, key, {"source": str, "label": str, "text": str})
    missing = [c for c in SENTENCE_LABEL_COLUMNS if c not in labels.columns]
    if missing:
        raise ParamsError(f"{key}: {path} lacks column(s) {missing} (has {list(labels.columns)})")
    labels = _coded(_without_repeats(labels, key, path), "label")
    for col in ("line", "sentence"):
        labels[col] = pd.to_numeric(labels[col], errors="coerce")
    bad = labels["line"].isna() | labels["sentence"].isna() | labels["source"].isna() | labels["text"].isna()
    bad |= (labels["line"] % 1 != 0) | (labels["sentence"] % 1 != 0)
    if bad.any():
        raise ParamsError(f"{key}: {path} row {int(labels.index[np.flatnonzero(bad)[0]]) + 2} has no valid source/line/sentence/text (line and sentence are whole numbers)")
    labels["label"] = _theme_keys(labels["label"], theme_keys, names, f"{key}: {path}")
    labels[["line", "sentence"]] = labels[["line", "sentence"]].astype(int)
    return _one_label_per_unit(labels, ["source", "line", "text"], "label", key, path)  # (a sheet's sentence numbers may restart within a line)


def read_examples(path: Path, theme_keys: list[str], key: str = "themes.examples", names: dict[str, str] | None = None) -> pd.DataFrame:
    """A file of labelled examples: sentence labels (with ``sentence`` and ``label``
    columns) or paragraph labels (``primary``), whichever its header says."""
    try:
        header = read_label_csv(path, key, nrows=0).columns
    except ParamsError:
        header = []  # read_labels says what is wrong with the file
    if "sentence" in header and "label" in header:
        return read_sentence_labels(path, theme_keys, key, names)
    return read_labels(path, theme_keys, key, names)


# what separates several themes written in one cell (党建;民生)
_SEVERAL = re.compile(r"[;；,，、/|]")


def _label_map(theme_keys: list[str], names: dict[str, str] | None) -> dict[str, str]:
    """Folded name → key: ``names`` (for these keys), or without them the keys themselves."""
    if names is None:
        return fold_names((k, k) for k in theme_keys)
    return {n: k for n, k in names.items() if k in theme_keys}


def _check_secondary(secondary: pd.Series, theme_keys: list[str], names: dict[str, str] | None, where: str) -> None:
    """Warn about secondary themes that name no theme (``other;livelihod``). Only whether a
    paragraph has any secondary theme is used (it marks the paragraph as mixed), so a typo
    changes nothing, but it may be a label meant elsewhere."""
    known = _label_map(theme_keys, names)
    written = {part.strip() for cell in secondary.dropna().astype(str) for part in _SEVERAL.split(cell) if part.strip()}
    unknown = sorted(w for w in written if w not in theme_keys and fold_label(w) not in known)
    if unknown:
        log.warning("%s: secondary themes %s name no theme (keys %s); a paragraph with any secondary theme counts as mixed all the same",
                    where, unknown[:10], theme_keys)


def _theme_keys(labels: pd.Series, theme_keys: list[str], names: dict[str, str] | None, where: str) -> pd.Series:
    """Each label as its theme's key: a key as written, else by :func:`fold_label` among the
    keys and ``names`` (two keys that fold alike name neither).

    Raises:
        ParamsError: a label that names no theme; the message names ``where`` and the themes.
    """
    keys, known = set(theme_keys), _label_map(theme_keys, names)
    out = labels.map(lambda label: label if label in keys else known.get(fold_label(label)))
    unknown = sorted(set(labels[out.isna()]))
    if unknown:
        also = " or their zh/en names in themes.definitions" if names is not None else ""
        several = [u for u in unknown if _SEVERAL.search(u)]
        hint = f"; one theme per row ({several[0]!r}): a paragraph's other themes go in `secondary`" if several else ""
        raise ParamsError(f"{where} uses labels {unknown} that are not theme keys {theme_keys}{also}{hint}")
    return out


def label_lines(labels: pd.DataFrame) -> pd.DataFrame:
    """One row per labelled line (``source``, ``line``) with its labelled sentences' texts
    joined in order: the line is found by their text where its number misleads
    (:func:`align_sentence_labels`, and the reasons :func:`line_reasons` gives)."""
    ordered = labels.sort_values("sentence", kind="stable") if "sentence" in labels.columns else labels
    return ordered.assign(text=ordered["text"].fillna("").astype(str).str.strip()).groupby(["source", "line"], sort=False)["text"].agg("".join).reset_index()


def line_reasons(labels: pd.DataFrame, paragraphs: pd.DataFrame) -> dict[tuple[str, int], str]:
    """How each labelled line of sentence ``labels`` was found (:func:`locate_labels` on
    :func:`label_lines`), by (source, line)."""
    lines = label_lines(labels)
    return dict(zip(zip(lines["source"], lines["line"]), locate_labels(lines, paragraphs)[1]))


def align_sentence_labels(labels: pd.DataFrame, paragraphs: pd.DataFrame, spans: pd.DataFrame) -> list[list[tuple[int, int]]]:
    """Where each labelled sentence lies among this corpus's sentences.

    The sentences cut from a labelled line (its paragraphs, in order) are joined, and each
    labelled sentence's text is looked for after the previous one's: as it is, or else with
    width variants folded and spaces and punctuation dropped on both sides (a label sheet may
    write ``,`` for ``，`` or keep spaces a cleaned corpus line lost, see :func:`_folded`).

    Returns:
        For each row of ``labels``: ``[(row of spans, characters shared), ...]`` in order;
        empty where the line gave no paragraph or the text is not found.
    """
    by_para = spans.groupby("para_id", sort=False).indices
    starts, ends = spans["char_start"].to_numpy(), spans["char_end"].to_numpy()
    ids = paragraphs["para_id"].to_numpy()
    text = dict(zip(paragraphs["para_id"], paragraphs["text"]))
    out: list[list[tuple[int, int]]] = [[] for _ in range(len(labels))]
    lines = label_lines(labels)
    for (src, line), prows in zip(zip(lines["source"], lines["line"]), labelled_rows(lines, paragraphs)):
        owner: list[int] = []
        joined = []
        for pr in sorted(prows, key=lambda r: int(ids[r].rsplit(":", 1)[1])):
            pid = ids[pr]
            for r in by_para.get(pid, []):
                seg = text[pid][starts[r] : ends[r]]
                joined.append(seg)
                owner += [int(r)] * len(seg)
        full, pos = "".join(joined), 0
        folded: tuple[str, list[int]] | None = None
        mine = labels[(labels["source"] == src) & (labels["line"] == line)]
        order = mine.sort_values("sentence").index if "sentence" in mine.columns else mine.index
        for i in order:
            t = str(labels.at[i, "text"]).strip()
            at = full.find(t, pos) if t else -1
            end = at + len(t)
            if at < 0 and t:
                folded = folded or _folded(full)
                ft = _folded(t)[0]
                fa = folded[0].find(ft, bisect_left(folded[1], pos)) if ft else -1
                if fa >= 0:
                    at, end = folded[1][fa], folded[1][fa + len(ft) - 1] + 1
                    at, end = _widened(full, at, end, t, pos)
            if at < 0:
                continue
            rows, counts = np.unique(owner[at:end], return_counts=True)
            out[labels.index.get_loc(i)] = [(int(r), int(c)) for r, c in zip(rows, counts)]
            pos = end
    return out


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` with each character in its NFKC form (full-width ``Ａ１`` become ``A1``) and
    white space and punctuation dropped (``，`` against ``,``, ``“好”`` against ``"好"``, ``。``
    against ``.``), and for each character kept the index in ``text`` it came from."""
    chars, where = [], []
    for i, c in enumerate(text):
        for f in _FOLD_TABLE[ord(c)]:
            chars.append(f)
            where.append(i)
    return "".join(chars), where


def _widened(full: str, at: int, end: int, label: str, floor: int) -> tuple[int, int]:
    """A folded match ``full[at:end]`` widened over as many spaces and punctuation marks as
    the label has at its start and end (its closing ``。``), so they count with the sentence
    (not back beyond ``floor``, the end of the previous label's match)."""
    def vanishing(chars) -> int:  # how many leading ``chars`` folding drops
        return next((n for n, c in enumerate(chars) if _folded(c)[0]), len(label))

    lead, trail = vanishing(label), vanishing(reversed(label))
    while lead and at > floor and not _folded(full[at - 1])[0]:
        at, lead = at - 1, lead - 1
    while trail and end < len(full) and not _folded(full[end])[0]:
        end, trail = end + 1, trail - 1
    return at, end


def contains_text(text: str, part: str) -> bool:
    """Whether ``part`` is in ``text``, as it is or folded (see :func:`_folded`), as
    :func:`align_sentence_labels` looks for a labelled sentence."""
    folded = _folded(part)[0]
    return part in text or bool(folded) and folded in _folded(text)[0]


def sentence_scores(labels: pd.DataFrame, alignment: list[list[tuple[int, int]]], sentence_theme: np.ndarray, keys: list[str]) -> tuple[dict, pd.DataFrame]:
    """Sentence labels against predicted sentence themes.

    Args:
        labels: sentence labels (source, line, sentence, label, text).
        alignment: from :func:`align_sentence_labels`.
        sentence_theme: (n_sentences,) predicted theme key of every sentence of the corpus.
    Returns:
        ``(metrics, per_sentence)``: accuracy, macro-F1 and per-theme scores of the labelled
        sentences (each predicted as the theme holding most of its characters), and the mean
        per-paragraph total-variation distance between the labelled and the predicted
        character shares of the themes (``share_tv``, over the labelled lines); one row per
        matched labelled sentence (source, line, sentence, actual, predicted, its line's
        ``share_tv`` and, for a random sample's labels, its design ``weight``). Labels of the
        pipeline's random sample (with ``inclusion_probability``) are weighted by
        :func:`design_weights` (``weighted``: true).
    """
    rows, tv_by_line = [], {}
    theme = np.asarray(sentence_theme)
    index = {k: i for i, k in enumerate(keys)}
    for (i, r), where in zip(labels.reset_index(drop=True).iterrows(), alignment):
        if not where:
            continue
        chars = np.zeros(len(keys))
        for srow, c in where:
            chars[index[theme[srow]]] += c
        rows.append({"source": r["source"], "line": int(r["line"]), "sentence": int(r["sentence"]), "actual": r["label"], "predicted": keys[int(chars.argmax())],
                     "inclusion_probability": r.get("inclusion_probability", np.nan), "stratum": r.get("stratum", "")})
        gold, pred = tv_by_line.setdefault((r["source"], int(r["line"])), (np.zeros(len(keys)), np.zeros(len(keys))))
        gold[index[r["label"]]] += chars.sum()
        pred += chars
    line_tv = {line: 0.5 * np.abs(g / g.sum() - p / p.sum()).sum() for line, (g, p) in tv_by_line.items() if g.sum()}
    per = pd.DataFrame(rows, columns=["source", "line", "sentence", "actual", "predicted", "inclusion_probability", "stratum"])
    weights, note = design_weights(per, labels.attrs.get("drawn"))
    per = per.drop(columns=["inclusion_probability", "stratum"])
    if weights is not None:
        per["weight"] = weights
    per["share_tv"] = [line_tv.get((s, ln), np.nan) for s, ln in zip(per["source"], per["line"])]
    first = ~per.duplicated(["source", "line"]).to_numpy()
    tv = per["share_tv"].to_numpy(dtype=float)[first]
    line_w = _line_weights(per)[first]
    result = scores(per["actual"].tolist(), per["predicted"].tolist(), keys, weights) if len(per) else {"accuracy": 0.0, "macro_f1": 0.0, "per_theme": {}}
    result.update({"labels": int(len(labels)), "matched": int(len(per)), "paragraphs": len(tv),
                   "share_tv": round(float(np.average(tv, weights=line_w)), 4) if len(tv) else None, "weighted": weights is not None})
    if note:
        result["weighting"] = note
    return result, per


def _line_weights(per: pd.DataFrame) -> np.ndarray:
    """Each label's line's weight in the mean share TV: the mean design weight of the line's
    labels (1 without weights)."""
    if "weight" not in per.columns:
        return np.ones(len(per))
    return per.groupby(["source", "line"], sort=False)["weight"].transform("mean").to_numpy(dtype=float)


MIN_DOCUMENTS_TO_RESAMPLE = 5  # fewer labelled documents than this: the bootstrap resamples labelled lines instead


def score_intervals(per: pd.DataFrame, keys: list[str], n_boot: int, seed: int, level: float = 0.95) -> dict:
    """Bootstrap intervals of accuracy, macro-F1 (and mean share TV, where ``per`` has a
    ``share_tv`` column) of matched labels.

    Labels of one document share its style and its topics, so they are not independent: the
    bootstrap resamples documents (the labels' ``source``), each with all its labels, or
    labelled lines when fewer than :data:`MIN_DOCUMENTS_TO_RESAMPLE` documents are labelled.
    Bias-corrected and accelerated (BCa) intervals of ``scipy.stats.bootstrap``: macro-F1 over
    few labels of a rare theme is skewed, and a percentile interval would sit below the
    estimate; percentile intervals where BCa is undefined. The same resamples for every measure.

    Args:
        per: one row per matched label: ``source``, ``line``, ``actual``, ``predicted``
            (and ``share_tv``, the TV of the label's line, repeated on its sentences; and
            ``weight``, a design weight, see :func:`design_weights`).
    Returns:
        ``{"level", "resampled", "units", "n_boot", measure: {"low", "high", "method"}}``; only
        the first four when there are fewer than two units to resample.
    """
    from scipy.stats import bootstrap

    resampled, n_units, measures = resampling_measures(per, keys)
    out: dict = {"level": level, "resampled": resampled, "units": n_units, "n_boot": int(n_boot)}
    if n_units < 2:
        return out
    for name, statistic in measures.items():
        for method in ("BCa", "percentile"):  # BCa is undefined when every replicate is alike (e.g. no error at all)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ci = bootstrap((np.arange(n_units),), statistic, n_resamples=n_boot, vectorized=False, method=method,
                               confidence_level=level, rng=np.random.default_rng(seed)).confidence_interval
            if np.isfinite([ci.low, ci.high]).all():
                break
        out[name] = {"low": round(float(ci.low), 4), "high": round(float(ci.high), 4), "method": method}
    return out


def resampling_measures(per: pd.DataFrame, keys: list[str]) -> tuple[str, int, dict]:
    """What :func:`score_intervals` resamples and measures.

    Returns:
        ``(resampled, n_units, measures)``: ``"documents"`` or ``"lines"``, their number, and
        for each measure a function of a resample of unit indices (a unit drawn twice counts
        its labels, and its lines, twice).
    """
    by_document = per["source"].nunique() >= MIN_DOCUMENTS_TO_RESAMPLE
    unit = per["source"].astype(str) if by_document else per["source"].astype(str) + "\x00" + per["line"].astype(str)
    codes, uniques = pd.factorize(unit)
    index = {k: i for i, k in enumerate(keys)}
    a = per["actual"].map(index).to_numpy()
    p = per["predicted"].map(index).to_numpy()
    w = per["weight"].to_numpy(dtype=float) if "weight" in per.columns else np.ones(len(per))
    members = [np.flatnonzero(codes == u) for u in range(len(uniques))]
    k = len(keys)

    def accuracy(rows: np.ndarray) -> float:
        return float(w[rows][a[rows] == p[rows]].sum() / w[rows].sum())

    def macro_f1(rows: np.ndarray) -> float:
        cm = _confusion(a[rows], p[rows], w[rows], k)
        return float(_precision_recall_f1(cm)[2][cm.sum(axis=1) > 0].mean())

    measures = {"accuracy": accuracy, "macro_f1": macro_f1}
    if "share_tv" in per.columns:
        first = ~per.duplicated(["source", "line"]).to_numpy()
        tv = per["share_tv"].to_numpy(dtype=float)
        lw = _line_weights(per)

        def share_tv(rows: np.ndarray) -> float:
            lines = rows[first[rows]]
            return float(np.average(tv[lines], weights=lw[lines]))

        measures["share_tv"] = share_tv

    def of_units(measure):
        return lambda ids: measure(np.concatenate([members[i] for i in ids]))

    return "documents" if by_document else "lines", len(uniques), {name: of_units(m) for name, m in measures.items()}


HAND_LABEL_COLUMNS = ["para_id", "sentence", "n_chars", "predicted", "label", "inclusion_probability", "stratum", "origin"]


def hand_labelled_units(paragraph_labels: pd.DataFrame | None, sentence_labels: pd.DataFrame | None, paragraphs: pd.DataFrame, spans: pd.DataFrame,
                        paragraph_themes: pd.DataFrame, sentence_themes: pd.DataFrame) -> pd.DataFrame:
    """Every hand-labelled unit of this corpus with the pipeline's theme beside its label.

    A paragraph label labels the paragraphs cut from its line (``sentence`` -1, the
    paragraph's theme as prediction), a sample sheet's row only its own paragraph (its
    ``para_id``, while that paragraph still holds the row's text); a sentence label labels the sentence of ours holding
    most of its text, found by its text on its line as the evaluate stage's scores find it
    (not by a sample sheet's ``para_id`` and ``sentence_in_paragraph``, which name other
    sentences once the corpus is cut anew: ``ingest.max_chars`` changed, a line added).
    ``inclusion_probability`` and ``stratum`` are kept where the labels come from a random sample the pipeline drew (else NaN and empty):
    only such labels can correct the shares.

    Returns:
        Columns :data:`HAND_LABEL_COLUMNS`, one row per labelled unit found.
    """
    rows = []
    p_theme = dict(zip(paragraph_themes["para_id"], paragraph_themes["theme"]))
    chars = paragraphs.set_index("para_id")["n_chars"]
    if paragraph_labels is not None and len(paragraph_labels):
        pi = paragraph_labels["inclusion_probability"] if "inclusion_probability" in paragraph_labels else pd.Series(np.nan, index=paragraph_labels.index)
        stratum = paragraph_labels["stratum"] if "stratum" in paragraph_labels else pd.Series("", index=paragraph_labels.index)
        rows_of = own_paragraphs(paragraph_labels, paragraphs, labelled_rows(paragraph_labels, paragraphs))
        for (lab, p, s), prows in zip(zip(paragraph_labels["primary"], pi, stratum), rows_of):
            for r in prows:
                pid = paragraphs["para_id"].iloc[r]
                rows.append((pid, -1, int(chars[pid]), p_theme.get(pid, ""), lab, p, s, "eval.labels"))
    if sentence_labels is not None and len(sentence_labels):
        key = sentence_themes.set_index(["para_id", "sentence"])["theme"]
        span = spans.set_index(["para_id", "sentence"])["n_chars"]
        pi = sentence_labels["inclusion_probability"] if "inclusion_probability" in sentence_labels else pd.Series(np.nan, index=sentence_labels.index)
        stratum = sentence_labels["stratum"] if "stratum" in sentence_labels else pd.Series("", index=sentence_labels.index)
        # by its text, as evaluate finds it (a sample's para_id no longer names it once the corpus is cut anew)
        ids = spans[["para_id", "sentence"]].to_numpy()
        where = []
        for found in align_sentence_labels(sentence_labels, paragraphs, spans):
            best = max(found, key=lambda rc: (rc[1], -rc[0]))[0] if found else None
            where.append((ids[best][0], int(ids[best][1])) if best is not None else None)
        for w, lab, p, s in zip(where, sentence_labels["label"], pi, stratum):
            if w is not None and w in key.index:
                rows.append((w[0], w[1], int(span[w]), key[w], lab, p, s, "eval.sentence_labels"))
    out = pd.DataFrame(rows, columns=HAND_LABEL_COLUMNS)
    out["inclusion_probability"] = pd.to_numeric(out["inclusion_probability"], errors="coerce")
    out["stratum"] = out["stratum"].fillna("").astype(str)
    return out

"""Hand labels: reading them, finding the paragraphs they label, and scoring predictions.

A label file is a CSV with ``source`` (path relative to the corpus folder, or ending in it),
``line`` (1-based) and ``primary`` (a theme key), as ``../shared/eval/dev_labels.csv``. Used
by ``evaluate`` (accuracy against the labels) and by ``themes`` (labelled examples).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .config import ParamsError


def read_labels(path: Path, theme_keys: list[str], key: str = "eval.labels") -> pd.DataFrame:
    """Labels with columns source, line, primary (and any others, e.g. text).

    Raises:
        ParamsError: file missing, not a CSV with those columns, or labels that are not
            themes; the message names the parameter ``key`` and the file.
    """
    if not path.is_file():
        raise ParamsError(f"{key}: file {path} not found")
    try:
        labels = pd.read_csv(path, dtype={"source": str, "primary": str}, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ParamsError(f"{key}: {path} is not a readable UTF-8 CSV: {exc}") from None
    missing = [c for c in ("source", "line", "primary") if c not in labels.columns]
    if missing:
        raise ParamsError(f"{key}: {path} lacks column(s) {missing} (has {list(labels.columns)})")
    labels = _coded(labels, "primary")
    labels["line"] = pd.to_numeric(labels["line"], errors="coerce")
    bad = labels["line"].isna() | labels["source"].isna()
    if bad.any():
        raise ParamsError(f"{key}: {path} row {int(labels.index[np.flatnonzero(bad)[0]]) + 2} has no valid source/line")
    unknown = sorted(set(labels["primary"]) - set(theme_keys))
    if unknown:
        raise ParamsError(f"{key}: {path} uses labels {unknown} that are not theme keys {theme_keys}")
    labels["line"] = labels["line"].astype(int)
    return labels


def _coded(labels: pd.DataFrame, column: str) -> pd.DataFrame:
    """The rows whose label is filled in (a sample sheet may be coded only in part); the
    number left out is kept in ``attrs["uncoded"]``."""
    filled = labels[column].fillna("").astype(str).str.strip()
    out = labels[filled != ""].copy()
    out[column] = filled[filled != ""]
    out.attrs["uncoded"] = int((filled == "").sum())
    return out


def labelled_rows(labels: pd.DataFrame, paragraphs: pd.DataFrame) -> list[np.ndarray]:
    """For each labelled line, the row positions in ``paragraphs`` of the paragraphs cut
    from it (same source, line inside ``line_start..line_end``); empty where there are none.

    A label's source matches a paragraph's source if one path ends with the other, so labels
    written relative to ``../shared/corpora/`` match a corpus laid out either way.
    """
    by_source = {s: idx for s, idx in paragraphs.groupby("source").indices.items()}
    starts, ends = paragraphs["line_start"].to_numpy(), paragraphs["line_end"].to_numpy()
    out = []
    for src, line in zip(labels["source"], labels["line"]):
        idx = next((i for s, i in by_source.items() if s == src or s.endswith("/" + src) or src.endswith("/" + s)), np.array([], dtype=int))
        out.append(idx[(starts[idx] <= line) & (ends[idx] >= line)])
    return out


def match_labels(labels: pd.DataFrame, paragraphs: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """Predicted theme of each labelled line (NaN where no paragraph came from it): where a
    line gave several paragraphs, the theme with most of their characters."""
    df = paragraphs[["para_id", "source", "line_start", "line_end", "n_chars"]].merge(themes[["para_id", "theme"]], on="para_id")
    preds = []
    for rows in labelled_rows(labels, df):
        hit = df.iloc[rows]
        preds.append(hit.groupby("theme")["n_chars"].sum().sort_index().idxmax() if len(hit) else np.nan)
    return labels.assign(predicted=preds)


def scores(actual: list[str], predicted: list[str], keys: list[str]) -> dict:
    """Accuracy, macro-F1 over the themes present in ``actual``, per-theme P/R/F1."""
    a, p = np.asarray(actual), np.asarray(predicted)
    per = {}
    for k in keys:
        tp = int(((a == k) & (p == k)).sum())
        fp = int(((a != k) & (p == k)).sum())
        fn = int(((a == k) & (p != k)).sum())
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[k] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "support": int((a == k).sum())}
    present = [k for k in keys if per[k]["support"] > 0]
    return {
        "accuracy": round(float((a == p).mean()), 4) if len(a) else 0.0,
        "macro_f1": round(float(np.mean([per[k]["f1"] for k in present])), 4) if present else 0.0,
        "per_theme": per,
    }


SENTENCE_LABEL_COLUMNS = ("source", "line", "sentence", "label", "text")


def read_sentence_labels(path: Path, theme_keys: list[str], key: str = "eval.sentence_labels") -> pd.DataFrame:
    """Sentence labels with columns source, line, sentence (index in the line), label and
    text (as ``../shared/eval/dev_sentences.csv``).

    Raises:
        ParamsError: file missing, not a CSV with those columns, or labels that are not themes.
    """
    if not path.is_file():
        raise ParamsError(f"{key}: file {path} not found")
    try:
        labels = pd.read_csv(path, dtype={"source": str, "label": str, "text": str}, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ParamsError(f"{key}: {path} is not a readable UTF-8 CSV: {exc}") from None
    missing = [c for c in SENTENCE_LABEL_COLUMNS if c not in labels.columns]
    if missing:
        raise ParamsError(f"{key}: {path} lacks column(s) {missing} (has {list(labels.columns)})")
    labels = _coded(labels, "label")
    for col in ("line", "sentence"):
        labels[col] = pd.to_numeric(labels[col], errors="coerce")
    bad = labels["line"].isna() | labels["sentence"].isna() | labels["source"].isna() | labels["text"].isna()
    if bad.any():
        raise ParamsError(f"{key}: {path} row {int(labels.index[np.flatnonzero(bad)[0]]) + 2} has no valid source/line/sentence/text")
    unknown = sorted(set(labels["label"]) - set(theme_keys))
    if unknown:
        raise ParamsError(f"{key}: {path} uses labels {unknown} that are not theme keys {theme_keys}")
    labels[["line", "sentence"]] = labels[["line", "sentence"]].astype(int)
    return labels


def read_examples(path: Path, theme_keys: list[str], key: str = "themes.examples") -> pd.DataFrame:
    """A file of labelled examples: sentence labels (with ``sentence`` and ``label``
    columns) or paragraph labels (``primary``), whichever its header says."""
    try:
        header = pd.read_csv(path, nrows=0, encoding="utf-8").columns if path.is_file() else []
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError):
        header = []
    if "sentence" in header and "label" in header:
        return read_sentence_labels(path, theme_keys, key)
    return read_labels(path, theme_keys, key)


def align_sentence_labels(labels: pd.DataFrame, paragraphs: pd.DataFrame, spans: pd.DataFrame) -> list[list[tuple[int, int]]]:
    """Where each labelled sentence lies among this corpus's sentences.

    The sentences cut from a labelled line (its paragraphs, in order) are joined, and each
    labelled sentence's text is looked for after the previous one's.

    Returns:
        For each row of ``labels``: ``[(row of spans, characters shared), ...]`` in order;
        empty where the line gave no paragraph or the text is not found.
    """
    by_para = spans.groupby("para_id", sort=False).indices
    starts, ends = spans["char_start"].to_numpy(), spans["char_end"].to_numpy()
    ids = paragraphs["para_id"].to_numpy()
    text = dict(zip(paragraphs["para_id"], paragraphs["text"]))
    out: list[list[tuple[int, int]]] = [[] for _ in range(len(labels))]
    lines = labels[["source", "line"]].drop_duplicates().reset_index(drop=True)
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
        mine = labels[(labels["source"] == src) & (labels["line"] == line)]
        order = mine.sort_values("sentence").index if "sentence" in mine.columns else mine.index
        for i in order:
            t = str(labels.at[i, "text"]).strip()
            at = full.find(t, pos) if t else -1
            if at < 0:
                continue
            rows, counts = np.unique(owner[at : at + len(t)], return_counts=True)
            out[labels.index.get_loc(i)] = [(int(r), int(c)) for r, c in zip(rows, counts)]
            pos = at + len(t)
    return out


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
        matched labelled sentence (source, line, sentence, actual, predicted).
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
        rows.append({"source": r["source"], "line": int(r["line"]), "sentence": int(r["sentence"]), "actual": r["label"], "predicted": keys[int(chars.argmax())]})
        gold, pred = tv_by_line.setdefault((r["source"], int(r["line"])), (np.zeros(len(keys)), np.zeros(len(keys))))
        gold[index[r["label"]]] += chars.sum()
        pred += chars
    per = pd.DataFrame(rows, columns=["source", "line", "sentence", "actual", "predicted"])
    tv = [0.5 * np.abs(g / g.sum() - p / p.sum()).sum() for g, p in tv_by_line.values() if g.sum()]
    result = scores(per["actual"].tolist(), per["predicted"].tolist(), keys) if len(per) else {"accuracy": 0.0, "macro_f1": 0.0, "per_theme": {}}
    result.update({"labels": int(len(labels)), "matched": int(len(per)), "paragraphs": len(tv), "share_tv": round(float(np.mean(tv)), 4) if tv else None})
    return result, per


HAND_LABEL_COLUMNS = ["para_id", "sentence", "n_chars", "predicted", "label", "inclusion_probability", "stratum", "origin"]


def hand_labelled_units(paragraph_labels: pd.DataFrame | None, sentence_labels: pd.DataFrame | None, paragraphs: pd.DataFrame, spans: pd.DataFrame,
                        paragraph_themes: pd.DataFrame, sentence_themes: pd.DataFrame) -> pd.DataFrame:
    """Every hand-labelled unit of this corpus with the pipeline's theme beside its label.

    A paragraph label labels the paragraphs cut from its line (``sentence`` -1, the
    paragraph's theme as prediction); a sentence label labels the sentence of ours holding
    most of its text (found by ``para_id`` and ``sentence_in_paragraph`` when the sheet came
    from the hand-coding sample the evaluate stage draws, else by its text).
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
        for (lab, p, s), prows in zip(zip(paragraph_labels["primary"], pi, stratum), labelled_rows(paragraph_labels, paragraphs)):
            for r in prows:
                pid = paragraphs["para_id"].iloc[r]
                rows.append((pid, -1, int(chars[pid]), p_theme.get(pid, ""), lab, p, s, "eval.labels"))
    if sentence_labels is not None and len(sentence_labels):
        key = sentence_themes.set_index(["para_id", "sentence"])["theme"]
        span = spans.set_index(["para_id", "sentence"])["n_chars"]
        pi = sentence_labels["inclusion_probability"] if "inclusion_probability" in sentence_labels else pd.Series(np.nan, index=sentence_labels.index)
        stratum = sentence_labels["stratum"] if "stratum" in sentence_labels else pd.Series("", index=sentence_labels.index)
        if {"para_id", "sentence_in_paragraph"} <= set(sentence_labels.columns):
            where = [(pid, int(si)) for pid, si in zip(sentence_labels["para_id"], sentence_labels["sentence_in_paragraph"])]
        else:
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

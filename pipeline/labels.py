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
    labels["line"] = pd.to_numeric(labels["line"], errors="coerce")
    bad = labels["line"].isna() | labels["source"].isna()
    if bad.any():
        raise ParamsError(f"{key}: {path} row {int(np.flatnonzero(bad)[0]) + 2} has no valid source/line")
    unknown = sorted(set(labels["primary"]) - set(theme_keys))
    if unknown:
        raise ParamsError(f"{key}: {path} uses labels {unknown} that are not theme keys {theme_keys}")
    labels["line"] = labels["line"].astype(int)
    return labels


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

"""Character shares of themes: per group, with bootstrap intervals, by year, and log-odds
of a group against the rest.

A share is the fraction of a group's characters whose text carries a theme. These are the
numbers every output reports (``themes`` metrics, the report's tables, figures and plots),
computed here once and apart from how they are shown.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def char_shares(theme: np.ndarray, n_chars: np.ndarray, keys: list[str]) -> dict[str, float]:
    """Share of all characters per theme: ``theme`` (n,) keys, ``n_chars`` (n,) weights."""
    theme, chars = np.asarray(theme), np.asarray(n_chars, dtype=float)
    total = chars.sum()
    return {k: float(chars[theme == k].sum() / total) if total else 0.0 for k in keys}


def theme_shares(df: pd.DataFrame, keys: list[str], n_boot: int, seed: int) -> pd.DataFrame:
    """Share of each locality's characters per theme, with a 95% bootstrap interval.

    Args:
        df: one row per paragraph with ``locality``, ``doc_id``, ``theme``, ``n_chars``.
        keys: theme keys, in order.
        n_boot: bootstrap resamples. A locality with one document is resampled by paragraph;
            one with several by a two-stage bootstrap — documents with replacement, then
            paragraphs with replacement inside each drawn document — so that neither the
            between-document nor the within-document variation is ignored (resampling
            documents alone gives near-empty intervals for a locality with two documents).
        seed: seed of the resampling.
    Returns:
        Columns locality, theme, n_paragraphs, n_chars, share, ci_low, ci_high.
    """
    rng = np.random.default_rng(seed)
    k = len(keys)
    rows = []
    for loc, g in df.groupby("locality", sort=True):
        theme_idx = g["theme"].map({t: i for i, t in enumerate(keys)}).to_numpy()
        chars = g["n_chars"].to_numpy(dtype=float)
        docs = g["doc_id"].to_numpy()
        boot = np.zeros((n_boot, k))
        doc_ids = np.unique(docs)
        weights = rng.multinomial(len(doc_ids), np.full(len(doc_ids), 1 / len(doc_ids)), size=n_boot) if len(doc_ids) > 1 else np.ones((n_boot, 1))
        for j, d in enumerate(doc_ids):
            sel = docs == d
            onehot = np.zeros((sel.sum(), k))
            onehot[np.arange(sel.sum()), theme_idx[sel]] = chars[sel]
            draws = rng.multinomial(sel.sum(), np.full(sel.sum(), 1 / sel.sum()), size=n_boot)
            boot += weights[:, [j]] * (draws @ onehot)
        boot_share = boot / np.maximum(boot.sum(axis=1, keepdims=True), 1)
        lo, hi = np.percentile(boot_share, [2.5, 97.5], axis=0)
        total = chars.sum()
        for i, t in enumerate(keys):
            sel = theme_idx == i
            rows.append(
                {
                    "locality": loc,
                    "theme": t,
                    "n_paragraphs": int(sel.sum()),
                    "n_chars": int(chars[sel].sum()),
                    "share": round(float(chars[sel].sum() / total), 4) if total else 0.0,
                    "ci_low": round(float(lo[i]), 4),
                    "ci_high": round(float(hi[i]), 4),
                }
            )
    return pd.DataFrame(rows, columns=["locality", "theme", "n_paragraphs", "n_chars", "share", "ci_low", "ci_high"])


def distinctive(df: pd.DataFrame, keys: list[str], prior_strength: float = 100.0) -> pd.DataFrame:
    """Log-odds ratio of each theme in a locality against the rest of the corpus, with an
    informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), on paragraph counts.

    The z-score accounts for size: a small locality needs a larger difference to stand out.
    |z| > 1.96 is flagged as more (or less) emphasis than the rest.
    """
    counts = pd.crosstab(df["locality"], df["theme"]).reindex(columns=keys, fill_value=0)
    total = counts.sum(axis=0).to_numpy(dtype=float)
    alpha = prior_strength * (total + 0.5) / (total + 0.5).sum()
    a0 = alpha.sum()
    rows = []
    for loc, y in counts.iterrows():
        y = y.to_numpy(dtype=float)
        rest = total - y
        n, m = y.sum(), rest.sum()
        for i, k in enumerate(keys):
            l1 = np.log((y[i] + alpha[i]) / (n + a0 - y[i] - alpha[i]))
            l2 = np.log((rest[i] + alpha[i]) / (m + a0 - rest[i] - alpha[i]))
            var = 1 / (y[i] + alpha[i]) + 1 / (rest[i] + alpha[i])
            z = (l1 - l2) / np.sqrt(var)
            rows.append({"locality": loc, "theme": k, "log_odds": round(float(l1 - l2), 4), "z": round(float(z), 3),
                         "emphasis": "more" if z > 1.96 else ("less" if z < -1.96 else "")})
    return pd.DataFrame(rows, columns=["locality", "theme", "log_odds", "z", "emphasis"])


def shares_by_year(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Character share per theme and year, for paragraphs whose document has a year."""
    d = df[df["year"].astype(str).str.fullmatch(r"\d{4}")]
    if d.empty:
        return pd.DataFrame(columns=["year", "theme", "n_documents", "n_paragraphs", "n_chars", "share"])
    g = d.groupby(["year", "theme"])["n_chars"].agg(["size", "sum"]).reset_index()
    tot = d.groupby("year")["n_chars"].sum()
    g["share"] = (g["sum"] / g["year"].map(tot)).round(4)
    g = g.rename(columns={"size": "n_paragraphs", "sum": "n_chars"})
    full = pd.MultiIndex.from_product([sorted(d["year"].unique()), keys], names=["year", "theme"])
    out = g.set_index(["year", "theme"]).reindex(full, fill_value=0).reset_index()
    out.insert(2, "n_documents", out["year"].map(d.groupby("year")["doc_id"].nunique()).astype(int))
    return out

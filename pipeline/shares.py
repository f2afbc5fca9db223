"""Character shares of themes: per group, with bootstrap intervals, by year, and log-odds
of a group against the rest.

A share is the fraction of a group's characters whose text carries a theme: characters are
counted by the theme of the sentence they are in (``chars_<theme>`` columns of a paragraph
table), or by the paragraph's theme where a table has no such columns. These are the numbers
every output reports (``themes`` metrics, the report's tables, figures and plots), computed
here once and apart from how they are shown.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def char_shares(theme: np.ndarray, n_chars: np.ndarray, keys: list[str]) -> dict[str, float]:
    """Share of all characters per theme: ``theme`` (n,) keys, ``n_chars`` (n,) weights."""
    theme, chars = np.asarray(theme), np.asarray(n_chars, dtype=float)
    total = chars.sum()
    return {k: float(chars[theme == k].sum() / total) if total else 0.0 for k in keys}


def char_matrix(df: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """(n, n_themes) characters of each theme in each row: the ``chars_<theme>`` columns, or
    all of ``n_chars`` on the row's ``theme``."""
    if all(f"chars_{k}" in df.columns for k in keys):
        return df[[f"chars_{k}" for k in keys]].to_numpy(dtype=float)
    idx = df["theme"].map({t: i for i, t in enumerate(keys)}).to_numpy()
    out = np.zeros((len(df), len(keys)))
    out[np.arange(len(df)), idx] = df["n_chars"].to_numpy(dtype=float)
    return out


def korn_graubard(point: np.ndarray, variance: np.ndarray, n_units: np.ndarray, alpha: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """The Korn–Graubard (1998) interval of a share: the exact binomial (Clopper–Pearson)
    interval at the effective sample size n* = p(1 − p) / var̂(p), the variance coming from
    the bootstrap, n* between 1 and the ``n_units`` units resampled (paragraphs), and n* = n
    where the share is 0 or 1, which no resample moves (R survey's ``svyciprop(method =
    "beta")``, without its degrees-of-freedom correction: with a locality of 2–5 documents it
    is somewhat narrower than R's). For a share of units' text, not for a corrected share
    (see :func:`percentile_or_exact`).

    The percentile bootstrap is too narrow for a share resting on a few paragraphs: at 0
    every resample repeats it and the interval collapses to 0–0, which claims the share is
    known to be nil, and just above 0 it is hardly wider. This interval says what n* units
    cannot rule out — 0% [0–12%] for 30 paragraphs, the "rule of three" — moves smoothly
    with the share, and where a share rests on many paragraphs keeps the bootstrap's width
    (its variance sees the spread of paragraph lengths and of documents). Arrays broadcast.
    """
    from statsmodels.stats.proportion import proportion_confint

    p = np.clip(np.asarray(point, dtype=float), 0, 1)
    v = np.asarray(variance, dtype=float)
    if np.isnan(v).any():
        raise ValueError("korn_graubard: the variance is NaN (fewer than 2 bootstrap resamples?)")
    n = np.broadcast_to(np.maximum(np.asarray(n_units, dtype=float), 1), p.shape)
    inner = (p > 0) & (p < 1) & (v > 0)
    n_eff = np.where(inner, np.clip(p * (1 - p) / np.where(inner, v, 1), 1, n), n)
    low, high = proportion_confint(p * n_eff, n_eff, alpha=alpha, method="beta")
    return np.nan_to_num(low, nan=0.0), np.nan_to_num(high, nan=1.0)


def percentile_or_exact(point: np.ndarray, boot: np.ndarray, n_units: np.ndarray, alpha: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """The 95% percentile interval of ``boot`` (replicates on axis 0) clipped to [0, 1], or,
    where every replicate repeats the point (no spread to read), the exact binomial bound for
    0 (or n) events in ``n_units`` units: for an estimate that is not a proportion of units,
    such as a corrected share (calibration plus residuals; it may fall outside [0, 1]), whose
    bootstrap spread is the measure of its error and has no binomial shape to lean on."""
    point = np.asarray(point, dtype=float)
    lo, hi = np.percentile(boot, [100 * alpha / 2, 100 * (1 - alpha / 2)], axis=0)
    lo, hi = np.clip(lo, 0, 1), np.clip(hi, 0, 1)
    flat = np.ptp(boot, axis=0) <= 1e-12
    exact_lo, exact_hi = korn_graubard(point, np.zeros_like(point), n_units, alpha)  # no spread: 0 (or n) of n
    hi = np.where(flat & (point <= 1e-12), exact_hi, hi)
    lo = np.where(flat & (point >= 1 - 1e-12), exact_lo, lo)
    return lo, hi


def theme_shares(df: pd.DataFrame, keys: list[str], n_boot: int, seed: int) -> pd.DataFrame:
    """Share of each locality's characters per theme, with a 95% interval from a bootstrap.

    Args:
        df: one row per paragraph with ``locality``, ``doc_id``, ``theme`` (the paragraph's),
            ``n_chars`` and the characters of each theme (see :func:`char_matrix`);
            ``n_sentences_<theme>`` columns, where present, are summed into ``n_sentences``.
        keys: theme keys, in order.
        n_boot: bootstrap resamples. Paragraphs are the units resampled (their sentences'
            themes hang together). A locality with one document is resampled by paragraph;
            one with several by a two-stage bootstrap — documents with replacement, then
            paragraphs with replacement inside each drawn document — so that neither the
            between-document nor the within-document variation is ignored (resampling
            documents alone gives near-empty intervals for a locality with two documents).
            The interval is Korn and Graubard's (:func:`korn_graubard`): exact binomial at
            the effective number of paragraphs this variance implies, so a share of 0 gets
            no 0–0 interval.
        seed: seed of the resampling.
    Returns:
        Columns locality, theme, n_paragraphs (whose theme it is), n_chars, share, ci_low,
        ci_high, n_sentences.
    """
    rng = np.random.default_rng(seed)
    k = len(keys)
    rows = []
    mat_all = char_matrix(df, keys)
    sent_cols = [f"n_sentences_{t}" for t in keys]
    has_sent = all(c in df.columns for c in sent_cols)
    from .io import progress

    groups = df.groupby("locality", sort=True)
    for loc, g in progress(groups, total=groups.ngroups, desc="bootstrap intervals", unit="locality"):
        pos = df.index.get_indexer(g.index)
        mat = mat_all[pos]
        theme_idx = g["theme"].map({t: i for i, t in enumerate(keys)}).to_numpy()
        docs = g["doc_id"].to_numpy()
        boot = np.zeros((n_boot, k))
        doc_ids = np.unique(docs)
        weights = rng.multinomial(len(doc_ids), np.full(len(doc_ids), 1 / len(doc_ids)), size=n_boot) if len(doc_ids) > 1 else np.ones((n_boot, 1))
        for j, d in enumerate(doc_ids):
            sel = docs == d
            draws = rng.multinomial(sel.sum(), np.full(sel.sum(), 1 / sel.sum()), size=n_boot)
            boot += weights[:, [j]] * (draws @ mat[sel])
        boot_share = boot / np.maximum(boot.sum(axis=1, keepdims=True), 1)
        by_theme = mat.sum(axis=0)
        total = by_theme.sum()
        lo, hi = korn_graubard(by_theme / max(total, 1e-12), boot_share.var(axis=0, ddof=1) if n_boot > 1 else np.zeros(k), len(g))
        n_sent = g[sent_cols].sum(axis=0).to_numpy() if has_sent else np.full(k, np.nan)
        for i, t in enumerate(keys):
            rows.append(
                {
                    "locality": loc,
                    "theme": t,
                    "n_paragraphs": int((theme_idx == i).sum()),
                    "n_chars": int(round(by_theme[i])),
                    "share": round(float(by_theme[i] / total), 4) if total else 0.0,
                    "ci_low": round(float(lo[i]), 4),
                    "ci_high": round(float(hi[i]), 4),
                    "n_sentences": int(n_sent[i]) if has_sent else None,
                }
            )
    out = pd.DataFrame(rows, columns=["locality", "theme", "n_paragraphs", "n_chars", "share", "ci_low", "ci_high", "n_sentences"])
    return out if has_sent else out.drop(columns="n_sentences")


ALPHA = 0.05  # false discovery rate of the emphasis flags


def distinctive(df: pd.DataFrame, keys: list[str], prior_strength: float = 100.0, intervals: pd.DataFrame | None = None,
                unplaced: str | None = None) -> pd.DataFrame:
    """Log-odds ratio of each theme in a locality against the rest of the corpus, with an
    informative Dirichlet prior (Monroe, Colaresi & Quinn 2008).

    Counts are characters of each theme (see :func:`char_matrix`) divided by the mean
    characters of a counting unit — a sentence where the table counts them
    (``n_sentences_<theme>``), else a paragraph — so they weigh text by its length yet
    keep the scale of counts the z-score needs. The z-score accounts for size: a small
    locality needs a larger difference to stand out. Every locality × theme is a test, so
    its two-sided p-value is corrected for all of them (Benjamini–Hochberg, ``q``), and
    q < 0.05 is flagged as more (or less) emphasis than the rest — where ``intervals`` (:func:`theme_shares`: ``locality``,
    ``theme``, ``ci_low``, ``ci_high``) are given, only when the locality's interval also
    excludes the rest's share: the z-score counts sentences as independent, the interval
    resamples documents and paragraphs, so a difference must hold under both.

    The documents without a locality (``unplaced``: the name they are filed under) are no
    place and are never flagged (their rows keep their z-scores); nor is a locality with no
    rest of the corpus to compare with (a corpus of one locality: z and log-odds empty).
    """
    bounds = {} if intervals is None else {(r.locality, r.theme): (r.ci_low, r.ci_high) for r in intervals.itertuples()}
    mat = char_matrix(df, keys)
    sent_cols = [f"n_sentences_{t}" for t in keys]
    units = df[sent_cols].to_numpy().sum() if all(c in df.columns for c in sent_cols) else len(df)
    unit = mat.sum() / max(units, 1)
    counts = pd.DataFrame(mat / max(unit, 1e-9), index=df["locality"].to_numpy(), columns=keys).groupby(level=0, sort=True).sum()
    total = counts.sum(axis=0).to_numpy(dtype=float)
    alpha = prior_strength * (total + 0.5) / (total + 0.5).sum()
    a0 = alpha.sum()
    rows = []
    for loc, y in counts.iterrows():
        y = y.to_numpy(dtype=float)
        rest = total - y
        n, m = y.sum(), rest.sum()
        if m <= 0:  # nothing else to compare with
            rows += [{"locality": loc, "theme": k, "log_odds": np.nan, "z": np.nan, "rest_share": np.nan} for k in keys]
            continue
        for i, k in enumerate(keys):
            l1 = np.log((y[i] + alpha[i]) / (n + a0 - y[i] - alpha[i]))
            l2 = np.log((rest[i] + alpha[i]) / (m + a0 - rest[i] - alpha[i]))
            var = 1 / (y[i] + alpha[i]) + 1 / (rest[i] + alpha[i])
            rows.append({"locality": loc, "theme": k, "log_odds": round(float(l1 - l2), 4), "z": round(float((l1 - l2) / np.sqrt(var)), 3),
                         "rest_share": rest[i] / m})
    out = pd.DataFrame(rows, columns=["locality", "theme", "log_odds", "z", "rest_share"])
    # every locality × theme is a test: Benjamini–Hochberg over all of them (the unplaced
    # documents, which are never flagged, are not among them)
    out["q"] = np.nan
    tested = out["z"].notna() & (out["locality"] != unplaced)
    if tested.any():
        from scipy.stats import norm
        from statsmodels.stats.multitest import multipletests

        out.loc[tested, "q"] = np.round(multipletests(2 * norm.sf(out.loc[tested, "z"].abs()), alpha=ALPHA, method="fdr_bh")[1], 4)
    emphasis = []
    for r in out.itertuples():
        low, high = bounds.get((r.locality, r.theme), (np.inf, -np.inf))  # no interval given: the test alone decides
        significant = r.q < ALPHA  # False for NaN
        emphasis.append("more" if significant and r.z > 0 and low > r.rest_share else ("less" if significant and r.z < 0 and high < r.rest_share else ""))
    out["emphasis"] = emphasis
    return out[["locality", "theme", "log_odds", "z", "emphasis", "q"]]


def shares_by_year(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Character share per theme and year, for paragraphs whose document has a year
    (characters counted as in :func:`char_matrix`; ``n_paragraphs``: paragraphs whose theme it is)."""
    d = df[df["year"].astype(str).str.fullmatch(r"\d{4}")]
    if d.empty:
        return pd.DataFrame(columns=["year", "theme", "n_documents", "n_paragraphs", "n_chars", "share"])
    mat = pd.DataFrame(char_matrix(d, keys), columns=keys, index=d.index)
    chars = mat.groupby(d["year"]).sum()
    paras = pd.crosstab(d["year"], d["theme"]).reindex(columns=keys, fill_value=0)
    docs = d.groupby("year")["doc_id"].nunique()
    rows = []
    for year in sorted(chars.index):
        total = chars.loc[year].sum()
        for k in keys:
            rows.append({"year": year, "theme": k, "n_documents": int(docs[year]), "n_paragraphs": int(paras.loc[year, k]) if year in paras.index else 0,
                         "n_chars": int(round(chars.loc[year, k])), "share": round(float(chars.loc[year, k] / total), 4) if total else 0.0})
    return pd.DataFrame(rows, columns=["year", "theme", "n_documents", "n_paragraphs", "n_chars", "share"])

"""Estimates a reviewer accepts: shares corrected for classifier error, what predicts
emphasis, and reused text.

**Corrected shares** (:func:`corrected_shares`). With a random, stratified hand-coded sample
(inclusion probability πᵢ known for every labelled unit), each group's character share of
a theme is estimated as

    θ̂_g = [ Σ_{i∈g} cᵢ m̂(ŷᵢ, lᵢ) + Σ_{i∈g∩S} (cᵢ/πᵢ) (yᵢ − m̂(ŷᵢ, lᵢ)) ] / Σ_{i∈g} cᵢ

where cᵢ are a unit's characters, ŷᵢ its predicted theme, yᵢ its hand label (one-hot), lᵢ its
level, and m̂(j, l) the hand-label distribution of the units predicted j at level l,
estimated from the sample with weights cᵢ/πᵢ (a calibration of the classifier: row j of its
estimated confusion matrix). The first sum carries the classifier's predictions for every
unit, calibrated; the second is the design-based correction of prediction-powered
inference (Angelopoulos et al. 2023) and design-based supervised learning (Egami et al.
2023): the sample's residuals weighted by 1/π, which keeps the estimate unbiased whatever
the classifier's errors. A group without labelled units is corrected by the calibration
alone. The ``ppi-python`` package takes neither strata nor clusters nor group estimates
(its weights are rescaled to mean 1 and its variance is i.i.d.), and ``dsl-kit`` does not
import (0.1.1), so the estimator is written here, in numpy.

The 95% interval comes from a bootstrap that resamples what is random: documents (and
paragraphs within a document, or paragraphs alone for a group of one document) with the
labelled units they contain, and the calibration is re-estimated in every replicate, so the
interval holds both the sampling of documents and the classification error (its estimate).
The interval is its percentile one (a corrected share is no proportion of units, so the
Korn–Graubard interval of raw shares does not apply), with the exact binomial bound over the
group's paragraphs where every replicate agrees (a share of 0 is not 0–0).

**Covariates** (:func:`covariate_effects`): each theme's character share per document as a
fractional logit (statsmodels GLM, binomial family, documents weighted by their characters,
standard errors clustered by locality), in the spirit of stm's ``estimateEffect``: the
expected share at each value of a covariate with the others as observed, and contrasts
between values, with intervals from simulated coefficients.

**Reused text** (:func:`reuse_table`): sentences that repeat (exactly or nearly) a
sentence of another locality, the earlier-dated (or, on the same date, higher-level)
document counted as the source.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .config import INTERACTION_FORM, interaction_parts
from .shares import percentile_or_exact

LEVEL_ORDER = {"province": 0, "city": 1, "county": 2}
COMMON_SOURCE_LOCALITIES = 3  # text found in this many localities or more is a common source, not one copying another


# ----------------------------------------------------------------------------- corrected shares


@dataclass
class Corpus:
    """What the estimator needs of every paragraph (rows) of a corpus.

    Attributes:
        chars: (n, K) characters of each predicted theme in the paragraph.
        level: (n,) calibration cell of the paragraph (its document's level).
        group: (n,) the group estimated (locality).
        doc: (n,) its document.
    """

    chars: np.ndarray
    level: np.ndarray
    group: np.ndarray
    doc: np.ndarray


@dataclass
class Labelled:
    """The hand-labelled units (sentences or paragraphs) of a random sample.

    Attributes:
        para: (m,) row of each unit's paragraph in :class:`Corpus`.
        chars: (m,) characters of the unit.
        predicted: (m,) predicted theme index.
        label: (m,) hand label (theme index).
        pi: (m,) inclusion probability of the unit.
    """

    para: np.ndarray
    chars: np.ndarray
    predicted: np.ndarray
    label: np.ndarray
    pi: np.ndarray

    def __len__(self) -> int:
        return len(self.para)


# A calibration row (the hand labels of the units predicted j at level l) is estimated from that
# cell's coded units only when it has at least this many; with fewer, from the units predicted j at
# every level; with fewer than this in the whole sample, not at all (the classifier's theme stands).
# One coded unit would otherwise make a row one-hot: a sheet coded in part, with one unit in
# city/party coded `other`, moved every city's party share to 0% and its `other` to 91–100%.
MIN_CODED_IN_CELL = 5


def _cell_rule(own: np.ndarray) -> np.ndarray:
    """How each calibration row is estimated from ``own`` (…, n_cells, K), the coded units of each
    cell and predicted theme: 0 from its own cell, 1 pooled over the cells, 2 not at all."""
    pooled = own.sum(axis=-2, keepdims=True)
    return np.where(own >= MIN_CODED_IN_CELL, 0, np.where(pooled >= MIN_CODED_IN_CELL, 1, 2))


def calibration_cells(lab: Labelled, cells: np.ndarray, n_cells: int, k: int) -> np.ndarray:
    """(n_cells, K) how each calibration row is estimated (see :data:`MIN_CODED_IN_CELL`):
    0 from its own cell, 1 pooled over the cells (levels), 2 not at all (the identity)."""
    return _cell_rule(np.bincount(cells * k + lab.predicted, minlength=n_cells * k).reshape(n_cells, k))


def _calibration(lab: Labelled, cells: np.ndarray, n_cells: int, k: int, weight: np.ndarray, per_row: bool = False) -> np.ndarray:
    """m̂: (B, n_cells, K, K), row j of cell l = hand-label distribution of units predicted j
    (weights ``weight`` (B, m) × c/π); a row with too few coded units in its cell, or one a
    replicate leaves empty, is pooled over all cells; one with too few in the whole sample is j
    itself (:func:`calibration_cells`). With ``per_row``, a weight row that leaves units out (a
    cross-fitting fold) counts only the units it keeps towards those thresholds."""
    b = weight.shape[0]
    w = weight * (lab.chars / lab.pi)[None, :]
    onehot_y = np.eye(k)[lab.label]  # (m, K)
    key = cells * k + lab.predicted  # (m,)
    num = np.zeros((b, n_cells * k, k))
    for c in np.unique(key):
        sel = key == c
        num[:, c] = w[:, sel] @ onehot_y[sel]
    num = num.reshape(b, n_cells, k, k)
    pooled_num = num.sum(axis=1, keepdims=True)  # every coded unit, whatever its cell
    if per_row:
        how = _cell_rule(np.stack([np.bincount(key[weight[r] > 0], minlength=n_cells * k) for r in range(b)]).reshape(b, n_cells, k))[..., None]
    else:
        how = calibration_cells(lab, cells, n_cells, k)[None, :, :, None]  # (1, L, K, 1)
    num = np.where(how == 0, num, 0.0)  # (a thin cell's units count in the pooled row only)
    den = num.sum(axis=3, keepdims=True)
    pooled_den = pooled_num.sum(axis=3, keepdims=True)
    identity = np.broadcast_to(np.eye(k), num.shape)
    pooled = np.where((pooled_den > 0) & (how < 2), pooled_num / np.where(pooled_den > 0, pooled_den, 1), identity)
    return np.where(den > 0, num / np.where(den > 0, den, 1), pooled)


# A group's corrected share adds the residuals of its own coded units (1/π-weighted) only when
# it has at least this many: with one or two, a sentence coded otherwise than predicted moves
# the group by its characters × 1/π (a 500-character locality from 0% to 54% on two sentences).
# Below it, the group's coded units count as coded (their own labels, not 1/π-weighted) and its
# other characters are the classifier's calibrated on the whole sample; the interval then also
# draws a theme for each of those characters' paragraphs from the calibration (see _estimate), so
# that it holds what the group's own text may be, not only the calibration's error. The report says so.
MIN_CODED_IN_GROUP = 10


def _estimate(corpus: Corpus, lab: Labelled, groups: np.ndarray, levels: np.ndarray, para_w: np.ndarray, lab_w: np.ndarray, k: int,
              rng: np.random.Generator | None = None) -> np.ndarray:
    """θ̂ for every group under paragraph weights ``para_w`` (B, n) and labelled-unit weights
    ``lab_w`` (B, m). A group with at least :data:`MIN_CODED_IN_GROUP` coded units: the calibrated
    prediction plus its coded units' residuals weighted by 1/π. A group with fewer: its coded units'
    labels plus the calibrated prediction of its other characters; with ``rng`` (a bootstrap
    replicate), those characters are drawn instead, each paragraph's characters of a predicted theme
    going to one theme drawn from that theme's calibration row (a whole paragraph's part at once,
    so the spread is if anything too wide, as sentences of one paragraph tend to share a theme).
    Returns (B, G, K)."""
    g_idx = np.searchsorted(groups, corpus.group)
    l_idx = np.searchsorted(levels, corpus.level)
    lab_cells = l_idx[lab.para]
    m_hat = _calibration(lab, lab_cells, len(levels), k, lab_w)  # (B, L, K, K)
    b = para_w.shape[0]
    out_num = np.zeros((b, len(groups), k))
    out_den = np.zeros((b, len(groups)))
    total = corpus.chars.sum(axis=1)
    g_lab = g_idx[lab.para]
    coded = np.bincount(g_lab, minlength=len(groups))
    thin = coded < MIN_CODED_IN_GROUP
    uncoded = np.asarray(corpus.chars, dtype=float).copy()  # characters of each paragraph and predicted theme not coded
    np.subtract.at(uncoded, (lab.para, lab.predicted), lab.chars)
    uncoded = np.maximum(uncoded, 0.0)
    for gi in range(len(groups)):
        rows = np.flatnonzero(g_idx == gi)
        out_den[:, gi] = para_w[:, rows] @ total[rows]
        for li in np.unique(l_idx[rows]):
            sel = rows[l_idx[rows] == li]
            if not thin[gi] or rng is None:
                mass = para_w[:, sel] @ (uncoded[sel] if thin[gi] else corpus.chars[sel])  # (B, K) predicted characters
                out_num[:, gi] += np.einsum("bj,bjk->bk", mass, m_hat[:, li])
                continue
            r, j = np.nonzero(uncoded[sel])  # each paragraph's part of each predicted theme, drawn whole
            if not len(r):
                continue
            cum = np.cumsum(m_hat[:, li, j, :], axis=2)  # (B, parts, K)
            drawn = np.minimum((rng.random((b, len(r), 1)) > cum).sum(axis=2), k - 1)  # (B, parts)
            weight = para_w[:, sel[r]] * uncoded[sel[r], j][None, :]
            for t in range(k):
                out_num[:, gi, t] += np.where(drawn == t, weight, 0.0).sum(axis=1)
    if len(lab):
        onehot = np.eye(k)[lab.label]
        resid = onehot[None, :, :] - m_hat[:, lab_cells, lab.predicted, :]  # (B, m, K)
        contrib = (lab_w * (lab.chars / lab.pi)[None, :])[:, :, None] * resid
        for gi in np.unique(g_lab):
            sel = g_lab == gi
            if thin[gi]:  # too few coded units for the group's own residuals: they count as coded, the rest calibrated
                out_num[:, gi] += (lab_w[:, sel] * lab.chars[sel][None, :]) @ onehot[sel]
            else:
                # the residuals' mean per character (weighted by 1/π) times the group's characters: the ratio (Hájek) form,
                # since how many of a group's units the sample holds is itself random (the sample is stratified by level and
                # predicted theme, not by group): 11 of a locality's 18 sentences coded at π = 0.4 stood, summed ×1/π, for
                # 150% of its text, and moved its livelihood share from 61% to 95%
                expanded = (lab_w[:, sel] * (lab.chars[sel] / lab.pi[sel])[None, :]).sum(axis=1)  # (B,)
                out_num[:, gi] += contrib[:, sel].sum(axis=1) * (out_den[:, gi] / np.maximum(expanded, 1e-12))[:, None]
    return out_num / np.maximum(out_den, 1e-12)[:, :, None]


def _bootstrap_weights(corpus: Corpus, lab: Labelled, n_boot: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Replicate weights: per group, documents with replacement then paragraphs with
    replacement within each drawn document (paragraphs alone for a one-document group);
    a labelled unit carries its paragraph's weight."""
    n = len(corpus.group)
    w = np.zeros((n_boot, n))
    doc_codes, doc_of = np.unique(corpus.doc, return_inverse=True)
    doc_group = np.empty(len(doc_codes), dtype=corpus.group.dtype)
    doc_group[doc_of] = corpus.group
    doc_w = np.ones((n_boot, len(doc_codes)))
    for g in np.unique(doc_group):
        docs = np.flatnonzero(doc_group == g)
        if len(docs) > 1:
            doc_w[:, docs] = rng.multinomial(len(docs), np.full(len(docs), 1 / len(docs)), size=n_boot)
    order = np.argsort(doc_of, kind="stable")
    bounds = np.r_[0, np.cumsum(np.bincount(doc_of, minlength=len(doc_codes)))]
    for d in range(len(doc_codes)):
        sel = order[bounds[d] : bounds[d + 1]]
        w[:, sel] = doc_w[:, [d]] * rng.multinomial(len(sel), np.full(len(sel), 1 / len(sel)), size=n_boot)
    return w, w[:, lab.para]


def corrected_shares(corpus: Corpus, lab: Labelled, keys: list[str], n_boot: int = 1000, seed: int = 0, chunk: int = 100) -> pd.DataFrame:
    """Each group's character share per theme, corrected with the hand-labelled sample.

    Args:
        corpus: every paragraph's predicted-theme characters, level, group and document.
        lab: the labelled units of a random sample (with their inclusion probabilities).
        keys: theme keys (the K columns).
        n_boot: bootstrap replicates (in chunks of ``chunk``, so memory is bounded).
        seed: seed of the resampling.
    Returns:
        Columns group, theme, raw (predicted share), corrected, ci_low, ci_high (95%
        percentile interval of the corrected share, clipped to [0, 1]; where no replicate moves
        it, the exact binomial bound over the group's paragraphs, see
        :func:`pipeline.shares.percentile_or_exact`), n_labelled (labelled units in the group;
        under :data:`MIN_CODED_IN_GROUP` the share is calibrated only).
    """
    k = len(keys)
    groups, levels = np.unique(corpus.group), np.unique(corpus.level)
    ones_p, ones_l = np.ones((1, len(corpus.group))), np.ones((1, len(lab)))
    point = _estimate(corpus, lab, groups, levels, ones_p, ones_l, k)[0]
    rng = np.random.default_rng(seed)
    reps = []
    from .io import progress

    for start in progress(range(0, n_boot, chunk), desc="corrected shares: bootstrap", unit="×100"):
        pw, lw = _bootstrap_weights(corpus, lab, min(chunk, n_boot - start), rng)
        reps.append(_estimate(corpus, lab, groups, levels, pw, lw, k, rng))
    boot = np.concatenate(reps) if reps else np.zeros((0, len(groups), k))
    g_idx = np.searchsorted(groups, corpus.group)
    lo, hi = percentile_or_exact(point, boot if len(boot) else point[None], np.bincount(g_idx, minlength=len(groups))[:, None])
    raw = np.zeros((len(groups), k))
    np.add.at(raw, g_idx, corpus.chars)
    raw = raw / np.maximum(raw.sum(axis=1, keepdims=True), 1e-12)
    n_lab = np.bincount(g_idx[lab.para], minlength=len(groups))
    rows = []
    for gi, g in enumerate(groups):
        for j, key in enumerate(keys):
            rows.append({"group": g, "theme": key, "raw": round(float(raw[gi, j]), 4), "corrected": round(float(np.clip(point[gi, j], 0, 1)), 4),
                         "ci_low": round(float(np.clip(lo[gi, j], 0, 1)), 4), "ci_high": round(float(np.clip(hi[gi, j], 0, 1)), 4),
                         "n_labelled": int(n_lab[gi])})
    out = pd.DataFrame(rows, columns=["group", "theme", "raw", "corrected", "ci_low", "ci_high", "n_labelled"])
    l_idx = np.searchsorted(levels, corpus.level)
    how = calibration_cells(lab, l_idx[lab.para], len(levels), k)
    mass = np.zeros((len(levels), k))
    np.add.at(mass, l_idx, corpus.chars)
    np.subtract.at(mass, (l_idx[lab.para], lab.predicted), lab.chars)  # (what the sample holds is coded: nothing to calibrate)
    mass[mass < 0.5] = 0.0
    # the calibration rows of uncoded characters that rest on all levels' coded units, and the
    # predicted themes that rest on none (for the report; a stratum coded in full needs neither)
    out.attrs["calibration"] = {"pooled": [f"{levels[li]}/{keys[j]}" for li in range(len(levels)) for j in range(k) if how[li, j] == 1 and mass[li, j] > 0],
                                "uncorrected": [keys[j] for j in range(k) if (how[:, j] == 2).all() and mass[:, j].sum() > 0]}
    return out


def calibrated_document_shares(corpus: Corpus, lab: Labelled, keys: list[str]) -> pd.DataFrame:
    """Each document's share of each theme with the classifier calibrated on the sample
    (the first term of the corrected estimate; no residuals, so shares stay in [0, 1]):
    the outcome the covariate models use when hand labels exist. Columns doc, then one per theme."""
    k = len(keys)
    levels = np.unique(corpus.level)
    m_hat = _calibration(lab, np.searchsorted(levels, corpus.level)[lab.para], len(levels), k, np.ones((1, len(lab))))[0]
    l_idx = np.searchsorted(levels, corpus.level)
    calibrated = np.einsum("nj,njk->nk", corpus.chars, m_hat[l_idx])
    out = pd.DataFrame(calibrated, columns=keys).groupby(corpus.doc).sum()
    return out.div(out.sum(axis=1), axis=0).rename_axis("doc").reset_index()


DSL_FOLDS = 5  # cross-fitting folds of documents for the calibration inside the pseudo-outcomes


def dsl_document_shares(corpus: Corpus, lab: Labelled, keys: list[str], seed: int = 0, folds: int = DSL_FOLDS) -> pd.DataFrame:
    """Each document's design-based pseudo-outcome of each theme's share: the outcome of the
    covariate models when a random hand-coded sample exists (design-based supervised learning,
    Egami, Hinck, Stewart and Wei 2023).

    For document d with characters C_d,

        Ỹ_dk = [ Σ_{i∈d} cᵢ m̂₋(ŷᵢ, lᵢ)ₖ + Σ_{i∈d∩S} (cᵢ/πᵢ) (yᵢₖ − m̂₋(ŷᵢ, lᵢ)ₖ) ] / C_d

    with m̂₋ the calibration of :func:`corrected_shares` estimated without the coded units of
    d's fold (documents split at random into ``folds`` with ``seed``: cross-fitting, so a coded
    unit's residual is not taken against a calibration it helped fit; a fold's calibration
    rows follow :data:`MIN_CODED_IN_CELL` in the units it keeps). Ỹ is unbiased for the
    document's true share whatever the classifier's errors, including errors that differ
    between the years or places within a calibration cell, which the calibrated shares
    (:func:`calibrated_document_shares`) carry into every contrast; a regression on Ỹ has
    consistent coefficients (its score is DSL's moment condition), and its robust (clustered)
    errors hold the classification error as well as the sampling of documents. A document with a coded unit drawn at a low
    probability gets a pseudo-outcome far outside [0, 1]: that is the estimator, and its
    weight in the errors. Columns doc, then one per theme.
    """
    k = len(keys)
    levels = np.unique(corpus.level)
    l_idx = np.searchsorted(levels, corpus.level)
    doc_codes, doc_of = np.unique(corpus.doc, return_inverse=True)
    rng = np.random.default_rng(seed)
    fold_of_doc = rng.permutation(len(doc_codes)) % folds
    para_fold = fold_of_doc[doc_of]
    lab_fold = para_fold[lab.para]
    # (F, L, K, K); the thresholds of MIN_CODED_IN_CELL counted in each fold's units
    m_hat = _calibration(lab, l_idx[lab.para], len(levels), k, (lab_fold[None, :] != np.arange(folds)[:, None]).astype(float), per_row=True)
    pseudo = np.einsum("nj,njk->nk", np.asarray(corpus.chars, dtype=float), m_hat[para_fold, l_idx])
    if len(lab):
        resid = np.eye(k)[lab.label] - m_hat[lab_fold, l_idx[lab.para], lab.predicted]  # (m, K)
        np.add.at(pseudo, lab.para, resid * (lab.chars / lab.pi)[:, None])
    out = pd.DataFrame(pseudo, columns=keys).groupby(corpus.doc).sum()
    total = pd.Series(corpus.chars.sum(axis=1)).groupby(corpus.doc).sum()
    return out.div(total.reindex(out.index).where(lambda s: s > 0, 1.0), axis=0).rename_axis("doc").reset_index()


# ----------------------------------------------------------------------------- reliability

MIN_LOCALITIES_FOR_RELIABILITY = 3  # localities with two documents or more that an ICC needs


def _icc1(y: np.ndarray, group: np.ndarray) -> float:
    """ICC(1) of one-way random-effects ANOVA with unequal group sizes (Shrout & Fleiss 1979;
    n₀ for unbalanced groups): (MSB − MSW) / (MSB + (n₀ − 1) MSW)."""
    codes, g = np.unique(group, return_inverse=True)
    n_g = np.bincount(g)
    big_n, k = len(y), len(codes)
    mean_g = np.bincount(g, weights=y) / n_g
    msb = float((n_g * (mean_g - y.mean()) ** 2).sum() / (k - 1))
    msw = float(((y - mean_g[g]) ** 2).sum() / (big_n - k))
    n0 = (big_n - (n_g ** 2).sum() / big_n) / (k - 1)
    den = msb + (n0 - 1) * msw
    return (msb - msw) / den if den > 0 else float("nan")


def locality_reliability(doc_shares: pd.DataFrame, locality: pd.Series, keys: list[str], n_boot: int = 1000, seed: int = 0) -> pd.DataFrame:
    """How far a locality's documents agree on each theme's share: the intraclass correlation
    ICC(1) of the documents' shares by locality, over the localities with two documents or
    more, with a 95% interval resampling those localities.

    Near 1, the documents of a locality give a theme alike shares, and a difference between
    localities is the locality's; near 0 (or below), they differ as much within a locality as
    between localities, and a locality's share says more about which documents it has than
    about the locality (on the 62 provincial reports, two a province: party building 0.3, the
    other themes 0.7–0.8).

    Args:
        doc_shares: ``doc`` and a share per theme (one row per document).
        locality: the locality of each document, indexed by ``doc``.
    Returns:
        Columns theme, icc, ci_low, ci_high, n_localities, n_documents; empty with fewer than
        :data:`MIN_LOCALITIES_FOR_RELIABILITY` localities of two documents or more.
    """
    cols = ["theme", "icc", "ci_low", "ci_high", "n_localities", "n_documents"]
    d = doc_shares.assign(locality=doc_shares["doc"].map(locality))
    d = d[d["locality"].notna()]
    sizes = d["locality"].value_counts()
    d = d[d["locality"].isin(sizes[sizes >= 2].index)].sort_values(["locality", "doc"])
    n_loc = d["locality"].nunique()
    if n_loc < MIN_LOCALITIES_FOR_RELIABILITY:
        return pd.DataFrame(columns=cols)
    rng = np.random.default_rng(seed)
    locs = np.unique(d["locality"].to_numpy())
    rows_of = [np.flatnonzero(d["locality"].to_numpy() == loc) for loc in locs]
    draws = rng.integers(0, len(locs), size=(n_boot, len(locs)))
    out = []
    for k in keys:
        y = d[k].to_numpy(dtype=float)
        point = _icc1(y, d["locality"].to_numpy())
        boot = []
        for draw in draws:
            idx = np.concatenate([rows_of[i] for i in draw])
            grp = np.concatenate([np.full(len(rows_of[i]), j) for j, i in enumerate(draw)])
            boot.append(_icc1(y[idx], grp))
        boot = np.asarray(boot)
        boot = boot[np.isfinite(boot)]
        lo, hi = np.percentile(boot, [2.5, 97.5]) if len(boot) else (np.nan, np.nan)
        out.append({"theme": k, "icc": round(point, 3), "ci_low": round(float(lo), 3), "ci_high": round(float(hi), 3),
                    "n_localities": int(n_loc), "n_documents": int(len(d))})
    return pd.DataFrame(out, columns=cols)


# ----------------------------------------------------------------------------- covariates


@dataclass
class CovariateResult:
    """Expected shares by covariate value and contrasts between values, per theme."""

    expected: pd.DataFrame  # theme, covariate, value, expected, ci_low, ci_high, n_documents
    contrasts: pd.DataFrame  # theme, covariate, value, reference, difference, ci_low, ci_high
    skipped: list[tuple[str, str]]  # (covariate, reason)
    models: dict  # theme -> summary numbers


MIN_CLUSTERS_PER_VALUE = 3  # localities a covariate's every value needs for its contrast


def _design(docs: pd.DataFrame, covariates: list[str], levels: dict[str, list[str]], cells: list[tuple[str, str, str, str]] = ()) -> np.ndarray:
    """Intercept and treatment dummies (the first of ``levels[c]`` the reference) of each
    covariate, then one dummy per interaction cell ``(a, b, value of a, value of b)``."""
    cols = [np.ones(len(docs))]
    for c in covariates:
        values = docs[c].to_numpy()
        cols += [(values == v).astype(float) for v in levels[c][1:]]
    cols += [((docs[a] == va) & (docs[b] == vb)).to_numpy(dtype=float) for a, b, va, vb in cells]
    return np.column_stack(cols)


def _interactions(covariates: list[str]) -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]:
    """``covariates`` as main effects, interactions ``a:b`` (both also main effects) and what
    is skipped with its reason."""
    mains = [c for c in covariates if ":" not in c]
    pairs, skipped = [], []
    for c in covariates:
        if ":" not in c:
            continue
        parts = interaction_parts(c)
        if parts is None:
            skipped.append((c, INTERACTION_FORM))
        elif missing := [x for x in parts if x not in mains]:
            skipped.append((c, f"{' and '.join(missing)} not among the covariates (an interaction is modelled beside both)"))
        else:
            pairs.append(parts)
    return mains, pairs, skipped


MAX_LOGIT = 30.0  # a coefficient beyond this (a share of e⁻³⁰) is a fit that did not settle, not an effect


def _cluster_jackknife(x: np.ndarray, y: np.ndarray, weights: np.ndarray, groups: np.ndarray, beta: np.ndarray) -> np.ndarray:
    """The cluster jackknife (CV3) covariance of a weighted fractional logit's coefficients:
    (G − 1)/G Σ_g (β̂₋g − β̂)(β̂₋g − β̂)ᵀ over the G clusters, each β̂₋g one Newton step from β̂
    without cluster g (β̂ − H₋g⁻¹ s_g; exact for least squares). The usual sandwich (CV1) is too
    small when one cluster dominates a coefficient, as a short document holding one coded
    sentence drawn at π = 0.015 does with a design-based pseudo-outcome of +750%: one code
    changed moved a level contrast from +0.2 [−44, +39] to −41.5 [−54, −4] points, outside its
    interval. The jackknife puts what leaving that cluster out would do into the interval
    (MacKinnon, Nielsen and Webb 2023, "Cluster-robust inference: a guide to empirical practice")."""
    mu = 1 / (1 + np.exp(-(x @ beta)))
    score = x * (weights * (y - mu))[:, None]  # (n, p) each document's score at β̂
    info = x * (weights * mu * (1 - mu))[:, None]  # (n, p) rows of X'WX
    codes, g = np.unique(groups, return_inverse=True)
    s_g = np.zeros((len(codes), x.shape[1]))
    np.add.at(s_g, g, score)
    whole = x.T @ info
    deltas = np.empty_like(s_g)
    for c in range(len(codes)):
        rows = g == c
        rest = whole - x[rows].T @ info[rows]
        if np.linalg.matrix_rank(rest) < x.shape[1]:
            # without this locality the model cannot be fitted (it alone tells two effects apart): its leave-one-out shift is
            # unbounded, not 0 (a pseudo-inverse gave 0, and intervals too narrow); the caller skips the theme
            return np.full((x.shape[1], x.shape[1]), np.nan)
        deltas[c] = -np.linalg.solve(rest, s_g[c])
    return (len(codes) - 1) / len(codes) * deltas.T @ deltas


def covariate_effects(docs: pd.DataFrame, shares: pd.DataFrame, keys: list[str], covariates: list[str], cluster: str = "locality",
                      min_documents: int = 8, n_sim: int = 1000, seed: int = 0) -> CovariateResult:
    """Fractional-logit models of each theme's share per document on the covariates.

    Args:
        docs: one row per document: ``doc``, ``n_chars`` and the covariate and cluster columns.
        shares: one row per document: ``doc`` and one column per theme: shares in [0, 1], or
            the design-based pseudo-outcomes of :func:`dsl_document_shares`, which may lie outside.
        keys: theme keys.
        covariates: columns of ``docs``, each treated as categorical; ``a:b`` adds their
            interaction (both must be covariates too): the expected share of every cell of a
            and b, and the contrasts of b's values within each value of a ("year within level"),
            when every cell is found in ``MIN_CLUSTERS_PER_VALUE`` localities or more.
        cluster: column whose values the standard errors are clustered by.
        min_documents: fewer documents with a known value → the covariate is skipped.
        n_sim: coefficient draws for the intervals of expected shares and contrasts.
    Returns:
        A :class:`CovariateResult`; a covariate with one value, too few documents, too few
        clusters or values the other covariates fix is skipped with its reason, and so is a
        theme whose model has no finite fit (never an error).
    """
    import warnings

    d = docs.merge(shares, on="doc")
    covariates, pairs, skipped = _interactions(list(covariates))
    used = []
    for c in covariates:
        if c not in d.columns:
            skipped.append((c, "no such document column"))
            continue
        known = d[c].astype(str).str.strip().replace({"": np.nan, "nan": np.nan, "None": np.nan}).notna()
        values = d.loc[known, c].astype(str).nunique()
        if known.sum() < min_documents:
            n = int(known.sum())
            skipped.append((c, f"{n} document{'' if n == 1 else 's'} with a value (fewer than {min_documents})"))
        elif values < 2:
            skipped.append((c, f"one value only ({d.loc[known, c].astype(str).iloc[0] if known.any() else '—'})"))
        else:
            used.append(c)
    expected_rows, contrast_rows, models = [], [], {}

    def nothing() -> CovariateResult:
        """No model: every interaction is skipped with the reason its covariates were."""
        skipped.extend((f"{a}:{b}", f"{' and '.join(x for x in (a, b) if x not in used) or a + ' and ' + b} not modelled (see above)") for a, b in pairs)
        return CovariateResult(pd.DataFrame(columns=["theme", "covariate", "value", "expected", "ci_low", "ci_high", "n_documents"]),
                               pd.DataFrame(columns=["theme", "covariate", "value", "reference", "difference", "ci_low", "ci_high"]), skipped, models)
    if not used:
        return nothing()
    whole = d

    def complete(cols: list[str]) -> pd.DataFrame:
        out = whole.dropna(subset=cols).copy()
        for c in cols:
            out[c] = out[c].astype(str)
        return out[out[cols].apply(lambda r: all(v.strip() and v not in ("nan", "None") for v in r), axis=1)].reset_index(drop=True)

    d = complete(used)
    plural = {"locality": "localities"}.get(cluster, f"{cluster}s")

    def counted(items) -> str:
        """``city: 1 locality; county: 2 localities`` of (label, count) pairs."""
        return "; ".join(f"{label}: {n} {cluster if n == 1 else plural}" for label, n in items)
    for c in list(used):  # a value's contrast from one or two localities has clustered errors of nothing
        thin = {v: n for v, n in complete([c]).groupby(c)[cluster].nunique().items() if n < MIN_CLUSTERS_PER_VALUE}
        if thin:
            used.remove(c)
            skipped.append((c, counted(thin.items()) + f" (fewer than {MIN_CLUSTERS_PER_VALUE} per value for clustered standard errors)"))
    if not used:
        return nothing()
    d = complete(used)
    # covariates whose values the others already fix in these documents (every county text of
    # 2023 or 2024, every provincial one of 2025 or 2026) cannot be told apart: the later is
    # skipped, and the documents are those the covariates kept know (a skipped covariate's
    # unknown values do not take documents from the others)
    while True:
        levels = {c: sorted(d[c].unique(), key=lambda v: (LEVEL_ORDER.get(v, 99), v)) for c in used}
        kept = []
        for c in used:
            x = _design(d, kept + [c], levels)
            if np.linalg.matrix_rank(x) < x.shape[1]:
                skipped.append((c, f"confounded with {', '.join(kept) or 'the intercept'} in these documents (its effect cannot be told apart)"))
            else:
                kept.append(c)
        for c in list(kept):  # a value thinned by the documents another covariate does not know (a year missing)
            thin = {v: n for v, n in d.groupby(c)[cluster].nunique().items() if n < MIN_CLUSTERS_PER_VALUE}
            if thin:
                kept.remove(c)
                skipped.append((c, counted(thin.items()) + f" in the documents every covariate modelled knows (fewer than {MIN_CLUSTERS_PER_VALUE} per value for clustered standard errors)"))
        if kept == used or not kept:
            used = kept
            break
        used, d = kept, complete(kept)
    if not used:
        return nothing()
    n_clusters = d[cluster].nunique()
    if n_clusters < 4:
        skipped += [(c, f"{n_clusters} {cluster} clusters (fewer than 4) for clustered standard errors") for c in used]
        return nothing()
    # statsmodels is imported only when a covariate is modelled (its import takes a second or two)
    from statsmodels.genmod import families
    from statsmodels.genmod.generalized_linear_model import GLM

    localities = {c: d.groupby(c)[cluster].nunique() for c in used}  # per value of each covariate
    fixed_within = {c for c in used if d.groupby(cluster)[c].nunique().max() == 1}  # (the level: one value per locality)
    cells = []  # interaction terms (a, b, value of a, value of b)
    for a, b in pairs:
        if a not in used or b not in used:
            skipped.append((f"{a}:{b}", f"{' and '.join(x for x in (a, b) if x not in used)} not modelled (see above)"))
            continue
        # every cell needs localities of its own: with one thin cell, a term of the reference
        # value (the main effect) would rest on the few localities of that cell
        n_loc = d.groupby([a, b])[cluster].nunique()
        thin = [(f"{va} {vb}", int(n_loc.get((va, vb), 0))) for va in levels[a] for vb in levels[b] if n_loc.get((va, vb), 0) < MIN_CLUSTERS_PER_VALUE]
        # a covariate fixed within each locality (the level) gives each of its values one term per
        # value of the other (the year): clustered errors of those terms rest on that value's
        # localities alone, and need more of them than terms (two more, as a margin)
        few = [(c, v, int(n), len(levels[other]) + 2) for c, other in ((a, b), (b, a)) if c in fixed_within
               for v, n in localities[c].items() if n < len(levels[other]) + 2]
        own = [(a, b, va, vb) for va in levels[a][1:] for vb in levels[b][1:]]
        x = _design(d, used, levels, cells + own)
        if thin:
            skipped.append((f"{a}:{b}", counted(thin) + f" (every cell needs {MIN_CLUSTERS_PER_VALUE} or more for clustered standard errors)"))
        elif few:
            skipped.append((f"{a}:{b}", counted((f"{c} {v}", n) for c, v, n, _ in few) + f" (each needs {few[0][3]} or more: one per term it gets, and two more, for clustered standard errors)"))
        elif np.linalg.matrix_rank(x) < x.shape[1]:
            skipped.append((f"{a}:{b}", "confounded with the other covariates in these documents"))
        else:
            cells += own
    weights = d["n_chars"].to_numpy(dtype=float)
    weights = weights / weights.mean()
    groups = pd.factorize(d[cluster])[0]
    rng = np.random.default_rng(seed)
    for key in keys:
        # (shares, or the pseudo-outcomes of dsl_document_shares, which may lie outside [0, 1])
        y = d[key].to_numpy(dtype=float)

        def no_share(sel: np.ndarray, what: str) -> str | None:
            """Why the documents ``sel`` leave the logit no finite contrast, or None: they give the
            theme nothing (an interval of 0–0 would be false) or all their text, or, as corrected
            pseudo-outcomes, 0% or less (100% or more) on average."""
            mean = float((weights[sel] * y[sel]).sum() / weights[sel].sum())
            if np.abs(y[sel]).max() < 1e-9:
                return f"every document with {what} gives it 0%"
            if np.abs(y[sel] - 1).max() < 1e-9:
                return f"every document with {what} gives it 100%"
            if mean <= 1e-9 or mean >= 1 - 1e-9:
                return f"the documents with {what} give it {'0% or less' if mean <= 1e-9 else '100% or more'} on average as corrected ({mean:.1%})"
            return None
        flat = [r for c in used for v in levels[c] if (r := no_share((d[c] == v).to_numpy(), f"{c} {v}"))]
        if flat:
            skipped.append((f"{key} (every covariate)", "; ".join(flat)))
            continue
        theme_cells = cells
        for a, b in {t[:2] for t in cells}:
            empty = [r for va in levels[a] for vb in levels[b] if (r := no_share(((d[a] == va) & (d[b] == vb)).to_numpy(), f"{a} and {b} {va} {vb}"))]
            if empty:  # (the same for one cell, reference cells included: the theme keeps the model without the interaction)
                theme_cells = [t for t in theme_cells if t[:2] != (a, b)]
                skipped.append((f"{key} ({a}:{b})", "; ".join(empty)))
        x = _design(d, used, levels, theme_cells)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fit = GLM(y, x, family=families.Binomial(), var_weights=weights).fit(cov_type="cluster", cov_kwds={"groups": groups})
        beta = np.asarray(fit.params)
        # a fit that never settles has huge but finite coefficients (±1e16, fitted shares of exactly 0 or 1): no fit
        settled = bool(np.isfinite(beta).all() and np.abs(beta).max() < MAX_LOGIT)
        cov = _cluster_jackknife(x, y, weights, groups, beta) if settled else np.full((len(beta), len(beta)), np.nan)
        if settled and not np.isfinite(cov).all():
            skipped.append((f"{key} (every covariate)", "not estimable without one of the localities (it alone tells two effects apart), so its interval has no bound"))
            continue
        if not (np.isfinite(beta).all() and np.isfinite(cov).all()):
            # (a theme no document, or every document, gives text to: the logit has no finite fit)
            skipped.append((f"{key} (every covariate)", "the model has no finite fit: the theme's share is 0 or 1 (or, corrected, beyond them) in too many documents"))
            continue
        # draws from a multivariate t with G − 1 degrees of freedom (G localities; for a covariate
        # fixed within localities, the localities of its thinnest value, and of its own value
        # in a cell of an interaction): with few
        # clusters, the clustered errors' normal intervals are too narrow (Cameron and Miller 2015)
        z = rng.multivariate_normal(np.zeros(len(beta)), cov, size=n_sim, method="eigh")
        scale = rng.chisquare(1.0, size=(n_sim, 1))  # (one draw per coefficient draw, turned to any df below)

        @functools.cache
        def t_draws(df: int) -> np.ndarray:
            # the same normal and uniform draws for every df: a chi-square of df degrees by its quantile
            from scipy.stats import chi2
            assert df >= MIN_CLUSTERS_PER_VALUE - 1, df  # (the skip rules above leave no value with fewer localities)
            return beta + z * np.sqrt(df / chi2.isf(chi2.sf(scale, 1.0), df))

        models[key] = {"documents": int(len(d)), "clusters": int(n_clusters)}  # (no deviance: it means nothing for pseudo-outcomes outside [0, 1])

        def shares(setting: dict[str, str], df: int) -> tuple[np.ndarray, float]:
            """The model's average share with ``setting`` for every document (the other
            covariates as observed): its draws (t with ``df`` degrees of freedom) and its point."""
            return _shares(tuple(setting.items()), df)

        @functools.cache
        def _shares(setting: tuple[tuple[str, str], ...], df: int) -> tuple[np.ndarray, float]:
            xv = _design(d.assign(**dict(setting)), used, levels, theme_cells)
            sim = (weights[:, None] * (1 / (1 + np.exp(-(xv @ t_draws(df).T))))).sum(axis=0) / weights.sum()  # (n_sim,)
            return sim, round(float((weights * (1 / (1 + np.exp(-(xv @ beta))))).sum() / weights.sum()), 4)

        def expected(setting: dict[str, str], covariate: str, value: str, df: int) -> None:
            sim, point = shares(setting, df)
            lo, hi = np.percentile(sim, [2.5, 97.5])
            observed = np.logical_and.reduce([(d[k] == v).to_numpy() for k, v in setting.items()])
            expected_rows.append({"theme": key, "covariate": covariate, "value": value, "expected": point, "ci_low": round(float(lo), 4),
                                  "ci_high": round(float(hi), 4), "n_documents": int(observed.sum())})

        def contrast(covariate: str, value: str, reference: str, this: dict[str, str], ref: dict[str, str], df: int) -> None:
            # both sides from the same draws (one df: the smaller of the two's)
            (sim, point), (sim_ref, point_ref) = shares(this, df), shares(ref, df)
            lo, hi = np.percentile(sim - sim_ref, [2.5, 97.5])
            contrast_rows.append({"theme": key, "covariate": covariate, "value": value, "reference": reference,
                                  "difference": round(point - point_ref, 4), "ci_low": round(float(lo), 4), "ci_high": round(float(hi), 4)})

        def fixed_df(setting: dict[str, str]) -> int:
            """Localities less one: those holding the values of ``setting`` that are fixed within
            localities (the level), which is all a value's or a cell's estimate rests on."""
            return min((int(localities[c][v]) - 1 for c, v in setting.items() if c in fixed_within), default=n_clusters - 1)

        for c in used:
            # (a covariate fixed within localities is told apart by as many localities as its thinnest value has)
            df = min(fixed_df({c: v}) for v in levels[c])
            for v in levels[c]:
                expected({c: v}, c, v, df)
            for v in levels[c][1:]:
                contrast(c, v, levels[c][0], {c: v}, {c: levels[c][0]}, df)
        for a, b in pairs:
            if not any(t[:2] == (a, b) for t in theme_cells):
                continue
            for va in levels[a]:
                for vb in levels[b]:
                    expected({a: va, b: vb}, f"{a}:{b}", f"{va} {vb}", fixed_df({a: va, b: vb}))
            for va in levels[a]:
                for vb in levels[b][1:]:
                    this, ref = {a: va, b: vb}, {a: va, b: levels[b][0]}
                    contrast(f"{b} ({a} = {va})", vb, levels[b][0], this, ref, min(fixed_df(this), fixed_df(ref)))
    return CovariateResult(pd.DataFrame(expected_rows), pd.DataFrame(contrast_rows), skipped, models)


# ----------------------------------------------------------------------------- reused text


# A passage this many letters long (Chinese characters, letters and digits, punctuation and spaces not counted) found
# verbatim in a document of another locality is shared text: on the 62 provincial reports, 6.3% of the characters lie in
# such passages (4.3% in passages 3 or more provinces hold: 坚持以习近平新时代中国特色社会主义思想为指导…, 十五五规划纲要草案),
# against 0.2% in whole sentences repeated; 12 letters catch 18% (stock phrases), 30 letters 2.8%
SHARED_PASSAGE_LETTERS = 20
_NOT_LETTER = re.compile(r"[^0-9A-Za-z\u3400-\u9fff\uf900-\ufaff]")


def shared_passages(texts: list[str], doc: np.ndarray, group: np.ndarray, k: int = SHARED_PASSAGE_LETTERS) -> pd.DataFrame:
    """How much of each unit (sentence) lies in a passage that another group's documents also hold.

    A unit's letters (Chinese characters, letters, digits) are read in corpus order, document by
    document; every run of ``k`` letters within one document is hashed (a 64-bit polynomial hash),
    and a letter is *shared* when a run covering it occurs verbatim in a document of another group
    (locality), *common* when the run occurs in :data:`COMMON_SOURCE_LOCALITIES` groups or more.
    Passages may cross sentences, and a copied clause inside a longer sentence counts by its
    letters (a 72-character clause a county's report shares with its city's, 0.41 of the
    sentences' 3-grams, was below ingest's near-duplicate threshold). Verbatim only: a passage
    edited every few characters is not found (ingest's near duplicates find whole sentences so).

    Args:
        texts: each unit's text, in corpus order (a document's units together).
        doc, group: each unit's document and group.
    Returns:
        One row per unit: ``letters``, ``shared`` and ``common`` (letters in such passages).
    """
    norm = [_NOT_LETTER.sub("", t) for t in texts]
    lens = np.fromiter((len(t) for t in norm), dtype=np.int64, count=len(norm))
    out = pd.DataFrame({"letters": lens, "shared": 0, "common": 0})
    n = int(lens.sum())
    if n < k or len(np.unique(group)) < 2:
        return out
    codes = np.frombuffer("".join(norm).encode("utf-32-le"), dtype=np.uint32)
    unit_of = np.repeat(np.arange(len(norm), dtype=np.int32), lens)
    doc_of = np.unique(np.asarray(doc).astype(str), return_inverse=True)[1].astype(np.int32)[unit_of]
    group_of = np.unique(np.asarray(group).astype(str), return_inverse=True)[1].astype(np.int32)[unit_of]
    m = n - k + 1
    h = np.zeros(m, dtype=np.uint64)
    base = np.uint64(1_000_003)
    with np.errstate(over="ignore"):  # (arithmetic modulo 2**64)
        for j in range(k):
            h *= base
            h += codes[j : j + m]
    # runs within one document, and not mostly digits: statistics that happen to match (增长6.5%，…增长7.2%) are no shared wording
    digits = np.r_[0, np.cumsum((codes >= 48) & (codes <= 57), dtype=np.int32)]
    windows = np.flatnonzero((doc_of[:m] == doc_of[k - 1 :]) & (digits[k : k + m] - digits[:m] <= k // 4))
    del digits
    del codes, doc_of  # (the large arrays go as soon as they are read: 35 million characters add about 1.7 GB at the peak, benchmarks/passages.py)
    hh, gg = h[windows], group_of[windows]
    del h, group_of
    order = np.lexsort((gg, hh))
    hs, gs = hh[order], gg[order]
    del hh, gg
    new_hash = np.r_[True, hs[1:] != hs[:-1]]
    new_group = new_hash | np.r_[True, gs[1:] != gs[:-1]]
    del hs, gs
    run_id = np.cumsum(new_hash, dtype=np.int64) - 1
    n_groups = np.empty(len(windows), dtype=np.int32)
    n_groups[order] = np.bincount(run_id, weights=new_group).astype(np.int32)[run_id]
    del order, run_id, new_hash, new_group

    def covered(starts: np.ndarray) -> np.ndarray:
        edge = np.bincount(starts, minlength=n + 1)[: n + 1] - np.bincount(starts + k, minlength=n + 1)[: n + 1]
        return np.cumsum(edge[:n]) > 0

    out["shared"] = np.bincount(unit_of, weights=covered(windows[n_groups >= 2]), minlength=len(norm)).astype(np.int64)
    out["common"] = np.bincount(unit_of, weights=covered(windows[n_groups >= COMMON_SOURCE_LOCALITIES]), minlength=len(norm)).astype(np.int64)
    return out


def reuse_table(units: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Units of text (sentences or paragraphs) that repeat a unit of another locality,
    oriented from source to copy.

    Ingest flags each duplicate with the first unit it repeats (``duplicate_of``); the pair
    is turned so that the source is the earlier-dated document, or, on the same (or an
    unknown) date, the higher-level one (province before city before county); otherwise the
    first in corpus order.

    Args:
        units: ``id``, ``doc_id``, ``locality``, ``n_chars``, ``duplicate_of`` (an ``id`` or "").
        documents: ``doc_id``, ``date``, ``level``.
    Returns:
        One row per reused unit: id (the copy), source_id, locality, source_locality, n_chars,
        n_localities (the localities whose text holds this text: its units linked by
        ``duplicate_of``, transitively; 3 or more mean a common source, such as an opening
        formula or central wording, more than one locality copying another).
    """
    cols = ["id", "source_id", "locality", "source_locality", "n_chars", "n_localities"]
    dup = units[units["duplicate_of"].fillna("") != ""]
    if dup.empty:
        return pd.DataFrame(columns=cols)
    info = units.set_index("id")[["doc_id", "locality", "n_chars"]]
    # the text's cluster: units joined by duplicate_of (union-find), and its localities
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for a, b in zip(dup["id"], dup["duplicate_of"]):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, set] = {}
    for u in set(dup["id"]) | set(dup["duplicate_of"]):
        if u in info.index:
            members.setdefault(root(u), set()).add(info.at[u, "locality"])
    doc = documents.set_index("doc_id")
    rows = []

    def date(d: str) -> str:
        return str(doc.at[d, "date"]) if d in doc.index and pd.notna(doc.at[d, "date"]) else ""

    def level(d: str) -> int:
        return LEVEL_ORDER.get(str(doc.at[d, "level"]) if d in doc.index else "", 9)

    def rank(d: str, other: str) -> tuple:
        # by date where both are dated (an undated text is not later than a dated one), else by level
        return (date(d), level(d)) if date(d) and date(other) else (level(d), date(d) or "9999")

    for a, b in zip(dup["id"], dup["duplicate_of"]):
        if b not in info.index or info.at[a, "locality"] == info.at[b, "locality"]:
            continue  # repeating one's own locality's text is not reuse from another
        da, db = info.at[a, "doc_id"], info.at[b, "doc_id"]
        copy, src = (a, b) if rank(db, da) <= rank(da, db) else (b, a)
        rows.append({"id": copy, "source_id": src, "locality": info.at[copy, "locality"], "source_locality": info.at[src, "locality"],
                     "n_chars": int(info.at[copy, "n_chars"]), "n_localities": len(members.get(root(a), ()))})
    return pd.DataFrame(rows, columns=cols).drop_duplicates("id")

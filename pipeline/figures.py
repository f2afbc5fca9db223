"""The report's figures (PNG), drawn with matplotlib from the computed tables.

Figures never compute a number: they take the share tables of :mod:`pipeline.shares` and an
order of localities (grouped by level) and draw them. Each returns PNG bytes, so the report
can write them as files and inline them in the page.
"""

from __future__ import annotations

import io
import textwrap

import numpy as np
import pandas as pd

CJK_FONTS = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "SimHei", "Microsoft YaHei", "PingFang SC"]


def cjk_font() -> str | None:
    """The first installed font with Chinese glyphs, or None."""
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((f for f in CJK_FONTS if f in names), None)


def use_cjk_font() -> str | None:
    """Make matplotlib draw Chinese with the first CJK font installed; return its name (None if none)."""
    import matplotlib

    font = cjk_font()
    if font is not None:
        matplotlib.rcParams["font.family"] = [font, "DejaVu Sans"]
    return font


def _subplots(*args, figsize: tuple[float, float], **kwargs):
    """A figure and its axes, without pyplot: nothing global is kept (no figure to close),
    and pyplot's import (0.7 s) is spared; ``savefig`` draws with Agg."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize)
    return fig, fig.subplots(*args, **kwargs)


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    return buf.getvalue()


def _group_rows(groups: list[tuple[str, list[str]]]) -> tuple[list[str], list[tuple[str, int, int]]]:
    """Localities in display order, and (title, first row, last row) of each group."""
    order, spans = [], []
    for title, locs in groups:
        if locs:
            spans.append((title, len(order), len(order) + len(locs) - 1))
            order += locs
    return order, spans


def _wrapped(label: str, width: int = 11) -> str:
    """A theme label on short lines (党建 / Party / building), so neighbouring column labels do not run together."""
    head, _, rest = label.partition(" ")
    return "\n".join([head, *textwrap.wrap(rest, width)]) if rest else head


def heatmap_png(shares: pd.DataFrame, labels: dict[str, str], groups: list[tuple[str, list[str]]]) -> bytes:
    """Localities × themes heatmap of character shares, localities grouped by level.

    Args:
        shares: ``locality``, ``theme``, ``share`` rows (see :func:`pipeline.shares.theme_shares`).
        labels: theme key → label, in column order.
        groups: (group title, localities in order) for each level.
    """
    order, spans = _group_rows(groups)
    pivot = shares.pivot(index="locality", columns="theme", values="share").reindex(index=order, columns=list(labels))
    values = pivot.to_numpy()
    # shade within each theme: the question is which localities stand out on a theme
    lo = values.min(axis=0, keepdims=True)
    rel = (values - lo) / np.maximum(values.max(axis=0, keepdims=True) - lo, 1e-9)
    fig, ax = _subplots(figsize=(1.6 + 1.3 * pivot.shape[1], 0.9 + 0.38 * pivot.shape[0]))
    im = ax.imshow(rel, cmap="YlGnBu", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(pivot.shape[1]), [_wrapped(labels[k]) for k in pivot.columns], rotation=0, fontsize=8)
    ax.set_yticks(range(pivot.shape[0]), pivot.index)
    for (i, j), v in np.ndenumerate(values):
        ax.text(j, i, f"{v:.0%}", ha="center", va="center", fontsize=8, color="white" if rel[i, j] > 0.6 else "black")
    _mark_groups(ax, spans)
    fig.colorbar(im, ax=ax, fraction=0.04, pad=0.08, label="lowest → highest share within the theme")
    ax.set_title("Share of each locality's text per theme")
    png = _png(fig)
    return png


def _mark_groups(ax, spans: list[tuple[str, int, int]], titles: bool = True) -> None:
    """A line between level groups and (with ``titles``) each group's title beside its rows, on the right."""
    for title, first, last in spans:
        if first > 0:
            ax.axhline(first - 0.5, color="#333333", linewidth=1.2)
        if titles:
            ax.annotate(
                title, xy=(1.0, (first + last) / 2), xycoords=("axes fraction", "data"), xytext=(6, 0),
                textcoords="offset points", rotation=90, va="center", ha="left", fontsize=9, color="#555555",
            )


def intervals_png(shares: pd.DataFrame, labels: dict[str, str], groups: list[tuple[str, list[str]]], overall: dict[str, float] | None = None) -> bytes:
    """Per theme, each locality's share with its 95% interval; localities grouped by level
    (a line and the level's name between groups). The dashed line is the theme's share of
    the whole corpus. Each panel has its own scale."""
    import matplotlib.ticker

    keys = list(labels)
    locs, spans = _group_rows(groups)
    fig, axes = _subplots(1, len(keys), figsize=(2.6 * len(keys), 0.9 + 0.3 * len(locs)), sharey=True)
    axes = np.atleast_1d(axes)
    y = np.arange(len(locs))
    for ax, k in zip(axes, keys):
        s = shares[shares["theme"] == k].set_index("locality").reindex(locs)
        ax.errorbar(s["share"], y, xerr=[s["share"] - s["ci_low"], s["ci_high"] - s["share"]], fmt="o", ms=4, capsize=2, color="#1f6f8b")
        ax.set_title(labels[k].replace(" ", "\n", 1), fontsize=10)
        if overall is not None:
            ax.axvline(overall[k], color="#999999", linestyle="--", linewidth=1)
        _mark_groups(ax, spans, titles=ax is axes[-1])
        ax.set_xlim(0, min(1.0, max(0.05, float(s["ci_high"].max()) * 1.1)))
        ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=0))
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(3))
        ax.grid(axis="x", alpha=0.3)
    axes[0].set_yticks(y, locs)
    axes[0].set_ylim(len(locs) - 0.5, -0.5)
    png = _png(fig)
    return png


def covariates_png(expected: pd.DataFrame, labels: dict[str, str]) -> bytes:
    """Per theme, the expected share at each value of each covariate with its 95% interval
    (fractional-logit models); one panel per theme, one row per covariate value."""
    import matplotlib.ticker

    keys = [k for k in labels if k in set(expected["theme"])]
    rows = expected.drop_duplicates(["covariate", "value"])[["covariate", "value"]].itertuples(index=False)
    rows = [(c, v) for c, v in rows]
    fig, axes = _subplots(1, len(keys), figsize=(2.6 * len(keys), 0.9 + 0.32 * len(rows)), sharey=True)
    axes = np.atleast_1d(axes)
    y = np.arange(len(rows))
    for ax, k in zip(axes, keys):
        e = expected[expected["theme"] == k].set_index(["covariate", "value"]).reindex(rows)
        ax.errorbar(e["expected"], y, xerr=[e["expected"] - e["ci_low"], e["ci_high"] - e["expected"]], fmt="o", ms=4, capsize=2, color="#8b4d1f")
        ax.set_title(labels[k].replace(" ", "\n", 1), fontsize=10)
        ax.set_xlim(0, min(1.0, max(0.05, float(e["ci_high"].max()) * 1.15)))
        ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=0))
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(3))
        ax.grid(axis="x", alpha=0.3)
        for i in range(1, len(rows)):
            if rows[i][0] != rows[i - 1][0]:
                ax.axhline(i - 0.5, color="#333333", linewidth=0.8)
    axes[0].set_yticks(y, [f"{c} = {v}" for c, v in rows])
    axes[0].set_ylim(len(rows) - 0.5, -0.5)
    png = _png(fig)
    return png

"""Stage ``report``: theme emphasis by locality, as tables, figures, Markdown and HTML.

Outputs:
    ``reports/theme_by_locality.csv``  locality × theme: paragraphs, characters, share, 95% bootstrap interval
    ``reports/theme_distinctive.csv``  locality × theme: log-odds against the rest of the corpus (z-score)
    ``reports/theme_by_year.csv``      year × theme shares, where documents carry a date
    ``reports/theme_words_by_locality.csv``  words that distinguish a locality within a theme
    ``reports/topics.csv``             topic table: theme, size, words, representative paragraphs, counts per locality
    ``reports/theme_share.csv``        long table for ``dvc plots``
    ``reports/figures/*.png``          heatmap and interval chart
    ``reports/report.md``, ``reports/report.html``  the story, for a terminal and for a browser (self-contained)
    ``metrics/report.json``            corpus-level numbers to diff between runs
"""

from __future__ import annotations

import base64
import html
import io
import logging
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from . import config
from .config import ReportParams, ThemesParams
from .io import atomic_path, run_stage, setup_logging, write_csv, write_json, write_text

log = logging.getLogger("pipeline.report")

UNKNOWN = "(locality not found)"
# The params sections shown on the page (and declared for this stage in dvc.yaml).
REPORTED_PARAMS = ("corpus", "ingest", "embed", "topics", "themes", "report")
CJK_FONTS = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "SimHei", "Microsoft YaHei", "PingFang SC"]


# ----------------------------------------------------------------------------- numbers


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


def distinctive_words(df: pd.DataFrame, keys: list[str], top: int = 8, prior_strength: float = 500.0) -> pd.DataFrame:
    """Words that distinguish a locality within a theme: log-odds of each word in the
    locality's paragraphs of that theme against the other localities' paragraphs of the same
    theme, with an informative Dirichlet prior from the theme's word counts (Monroe et al.
    2008). Only words with z > 1.96 and at least 3 occurrences, the ``top`` highest per pair.

    Args:
        df: paragraphs with ``locality``, ``theme`` and ``tokens`` (list of words).
    Returns:
        Columns locality, theme, word, count, z.
    """
    from collections import Counter

    rows = []
    for k in keys:
        sub = df[df["theme"] == k]
        if sub["locality"].nunique() < 2:
            continue
        by_loc = {loc: Counter(w for toks in g["tokens"] for w in toks) for loc, g in sub.groupby("locality", sort=True)}
        total = Counter()
        for c in by_loc.values():
            total.update(c)
        n_total = sum(total.values())
        if not n_total:
            continue
        for loc, c in by_loc.items():
            n_loc = sum(c.values())
            n_rest = n_total - n_loc
            scored = []
            for w, y in c.items():
                if y < 3:
                    continue
                a = prior_strength * total[w] / n_total
                rest = total[w] - y
                d = np.log((y + a) / (n_loc + prior_strength - y - a)) - np.log((rest + a) / (n_rest + prior_strength - rest - a))
                z = d / np.sqrt(1 / (y + a) + 1 / (rest + a))
                if z > 1.96:
                    scored.append((-z, w, y))
            for negz, w, y in sorted(scored)[:top]:
                rows.append({"locality": loc, "theme": k, "word": w, "count": int(y), "z": round(float(-negz), 3)})
    return pd.DataFrame(rows, columns=["locality", "theme", "word", "count", "z"])


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


def topic_table(df: pd.DataFrame, topic_themes: pd.DataFrame, n_examples: int) -> pd.DataFrame:
    """Topics with theme, size, words, the most representative paragraphs and counts per locality."""
    rows = []
    for _, t in topic_themes.iterrows():
        g = df[df["topic"] == t["topic"]].sort_values(["similarity", "para_id"], ascending=[False, True])
        examples = [f"{r.source}:{_lines(r)} {r.text[:80]}" for r in g.head(n_examples).itertuples()]
        per_loc = g["locality"].value_counts().sort_index()
        rows.append({
            "topic": int(t["topic"]), "theme": t["theme"], "size": int(t["size"]), "words": t["words"],
            "examples": " || ".join(examples),
            "localities": "; ".join(f"{loc} {n}" for loc, n in per_loc.items()),
        })
    return pd.DataFrame(rows, columns=["topic", "theme", "size", "words", "examples", "localities"])


def _lines(r) -> str:
    return f"{r.line_start}" if r.line_start == r.line_end else f"{r.line_start}-{r.line_end}"


# ----------------------------------------------------------------------------- figures


def cjk_font() -> str | None:
    """The first installed font with Chinese glyphs, or None."""
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((f for f in CJK_FONTS if f in names), None)


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    return buf.getvalue()


def heatmap_png(shares: pd.DataFrame, labels: dict[str, str]) -> bytes:
    """Localities × themes heatmap of character shares."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    pivot = shares.pivot(index="locality", columns="theme", values="share")[list(labels)]
    values = pivot.to_numpy()
    # shade within each theme: the question is which localities stand out on a theme
    lo = values.min(axis=0, keepdims=True)
    rel = (values - lo) / np.maximum(values.max(axis=0, keepdims=True) - lo, 1e-9)
    fig, ax = plt.subplots(figsize=(1.6 + 1.3 * pivot.shape[1], 0.9 + 0.38 * pivot.shape[0]))
    im = ax.imshow(rel, cmap="YlGnBu", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(pivot.shape[1]), [labels[k].replace(" ", "\n", 1) for k in pivot.columns], rotation=0)
    ax.set_yticks(range(pivot.shape[0]), pivot.index)
    for (i, j), v in np.ndenumerate(values):
        ax.text(j, i, f"{v:.0%}", ha="center", va="center", fontsize=8, color="white" if rel[i, j] > 0.6 else "black")
    fig.colorbar(im, ax=ax, fraction=0.04, label="lowest → highest share within the theme")
    ax.set_title("Share of each locality's text per theme")
    png = _png(fig)
    plt.close(fig)
    return png


def intervals_png(shares: pd.DataFrame, labels: dict[str, str], overall: dict[str, float] | None = None) -> bytes:
    """Per theme, each locality's share with its 95% bootstrap interval; the dashed line
    is the theme's share of the whole corpus. Each panel has its own scale."""
    import matplotlib
    import matplotlib.ticker

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    keys = list(labels)
    locs = sorted(shares["locality"].unique())
    fig, axes = plt.subplots(1, len(keys), figsize=(2.6 * len(keys), 0.9 + 0.3 * len(locs)), sharey=True)
    axes = np.atleast_1d(axes)
    for ax, k in zip(axes, keys):
        s = shares[shares["theme"] == k].set_index("locality").reindex(locs)
        y = np.arange(len(locs))
        ax.errorbar(s["share"], y, xerr=[s["share"] - s["ci_low"], s["ci_high"] - s["share"]], fmt="o", ms=4, capsize=2, color="#1f6f8b")
        ax.set_title(labels[k].replace(" ", "\n", 1), fontsize=10)
        if overall is not None:
            ax.axvline(overall[k], color="#999999", linestyle="--", linewidth=1)
        ax.set_xlim(0, min(1.0, max(0.05, float(s["ci_high"].max()) * 1.1)))
        ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=0))
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(3))
        ax.grid(axis="x", alpha=0.3)
    axes[0].set_yticks(np.arange(len(locs)), locs)
    axes[0].invert_yaxis()
    png = _png(fig)
    plt.close(fig)
    return png


# ----------------------------------------------------------------------------- documents


def markdown_table(df: pd.DataFrame) -> str:
    cols = list(df.columns)
    out = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in df.itertuples(index=False):
        out.append("| " + " | ".join(str(v).replace("|", "\\|").replace("\n", " ") for v in row) + " |")
    return "\n".join(out)


def build_markdown(ctx: dict) -> str:
    labels = ctx["labels"]
    pivot = ctx["pivot"].copy()
    for c in pivot.columns[1:]:
        pivot[c] = pivot[c].map(lambda v: f"{v:.0%}")
    lines = [
        "# Theme emphasis by locality",
        "",
        f"{ctx['metrics']['documents']} documents, {ctx['metrics']['paragraphs']} paragraphs, "
        f"{ctx['metrics']['localities']} localities, {ctx['metrics']['topics']} topics. "
        "Shares are of each locality's characters; intervals are 95% bootstrap intervals.",
        "",
        "## Share of text per theme",
        "",
        markdown_table(pivot),
        "",
        "![heatmap](figures/theme_share_heatmap.png)",
        "",
        "## Where a locality stands out",
        "",
        "Log-odds against the rest of the corpus with an informative Dirichlet prior; |z| > 1.96 marked.",
        "",
    ]
    marked = ctx["distinctive"][ctx["distinctive"]["emphasis"] != ""]
    lines.append(markdown_table(marked.assign(theme=marked["theme"].map(labels))) if len(marked) else "No locality differs from the rest beyond |z| > 1.96.")
    lines += ["", "## Localities", ""]
    for loc in ctx["localities"]:
        s = ctx["shares"][ctx["shares"]["locality"] == loc]
        lines.append(f"### {loc}")
        lines.append("")
        lines.append(", ".join(f"{labels[r.theme]} {r.share:.0%} [{r.ci_low:.0%}–{r.ci_high:.0%}]" for r in s.itertuples()))
        lines.append("")
        words = ctx["words"][ctx["words"]["locality"] == loc]
        if len(words):
            lines.append("Words that set it apart: " + "; ".join(f"{labels[k]}: {' '.join(g['word'])}" for k, g in words.groupby("theme", sort=False)))
            lines.append("")
        for ex in ctx["examples"].get(loc, []):
            lines.append(f"- **{labels[ex['theme']]}** `{ex['where']}` {ex['text'][:120]}…")
        lines.append("")
    lines += ["## Topics", "", markdown_table(ctx["topics"][["topic", "theme", "size", "words"]].assign(theme=lambda d: d["theme"].map(labels))), ""]
    q = ctx["quality"]
    lines += ["## Data quality", "", q["headline"], "", markdown_table(q["lines"]), ""]
    if len(q["files"]):
        lines += ["Files not read:", "", markdown_table(q["files"]), ""]
    if len(q["duplicates"]):
        lines += [f"Duplicates (first 20 of {len(q['duplicates'])}):", "", markdown_table(q["duplicates"].head(20)), ""]
    return "\n".join(lines)


def quality_summary(ingest_metrics: dict, documents: pd.DataFrame, line_log: pd.DataFrame, paragraphs: pd.DataFrame) -> dict:
    """What ingest read, dropped and why, for the data-quality section.

    Returns:
        dict with ``headline`` (text), ``lines`` (status, reason, lines), ``files`` (files
        not read, with reasons) and ``duplicates`` (paragraph, where, repeats, where).
    """
    m = ingest_metrics
    headline = (
        f"{m.get('files', 0)} files: {m.get('documents', 0)} documents read, {m.get('files_skipped', 0)} skipped, "
        f"{m.get('files_excluded', 0)} excluded; {m.get('documents_without_locality', 0)} without a locality; "
        f"{m.get('paragraphs', 0)} paragraphs, {m.get('duplicates', 0)} of them duplicates of another."
    )
    lines = (
        line_log[~line_log["status"].isin(["file_skipped", "file_excluded"])]
        .assign(reason=lambda d: d["reason"].fillna("").replace("", "—"))
        .groupby(["status", "reason"]).size().rename("lines").reset_index()
        .sort_values(["status", "lines"], ascending=[True, False])
    )
    files = documents.loc[documents["status"] != "ok", ["source", "status", "reason"]]
    no_loc = documents.loc[(documents["status"] == "ok") & (documents["locality"] == ""), ["source", "locality_evidence"]]
    where = {r.para_id: f"{r.source}:{_lines(r)}" for r in paragraphs.itertuples()}
    dups = paragraphs.loc[paragraphs["duplicate_of"] != "", ["para_id", "duplicate_of"]]
    dups = pd.DataFrame({"paragraph": dups["para_id"].map(where), "repeats": dups["duplicate_of"].map(lambda p: where.get(p, p))})
    return {"headline": headline, "lines": lines, "files": files, "no_locality": no_loc, "duplicates": dups}


CSS = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",system-ui,sans-serif;margin:0;color:#1d2733;background:#f7f8fa;line-height:1.55}
main{max-width:1100px;margin:0 auto;padding:24px 28px 60px;background:#fff}
h1{font-size:1.7em;margin:.2em 0}h2{margin-top:1.8em;border-bottom:2px solid #e3e8ee;padding-bottom:.2em}
table{border-collapse:collapse;margin:.6em 0;font-size:.92em}th,td{padding:.35em .6em;border-bottom:1px solid #e7eaee;text-align:left;vertical-align:top}
th{background:#f1f4f7}th a{color:inherit;text-decoration:none}td.num{text-align:right;font-variant-numeric:tabular-nums}
table.heat td.cell{text-align:center;min-width:5.5em;font-variant-numeric:tabular-nums}
.muted{color:#66727f;font-size:.9em}.pill{display:inline-block;padding:0 .5em;border-radius:1em;background:#e8f1f6;margin-right:.3em;font-size:.85em}
blockquote{margin:.4em 0 .8em;padding:.3em .8em;border-left:3px solid #9cc3d5;background:#f6fafc}
code{font-size:.85em;color:#44505c}details{margin:.4em 0}summary{cursor:pointer;font-weight:600}
nav a{margin-right:1em}img{max-width:100%}caption{text-align:left;font-weight:600;padding:.3em 0}ul.words{margin:.2em 0 .8em}.more{color:#0a6b3d;font-weight:600}.less{color:#9b2c2c;font-weight:600}
"""


def build_html(ctx: dict) -> str:
    labels = ctx["labels"]
    e = html.escape
    keys = list(labels)
    pivot = ctx["pivot"]
    colmin = {k: float(pivot[k].min()) for k in keys}
    colspan = {k: max(1e-9, float(pivot[k].max()) - colmin[k]) for k in keys}
    dist = ctx["distinctive"]
    mark = {(r.locality, r.theme): r.emphasis for r in dist.itertuples()}

    def cell(loc: str, k: str, v: float) -> str:
        a = (v - colmin[k]) / colspan[k]
        bg = f"rgba(31,111,139,{0.05 + 0.85 * a:.3f})"
        fg = "#fff" if a > 0.6 else "#1d2733"
        m = {"more": " ▲", "less": " ▼"}.get(mark.get((loc, k), ""), "")
        title = {"more": "more than the rest of the corpus", "less": "less than the rest of the corpus"}.get(mark.get((loc, k), ""), "")
        return f'<td class="cell" style="background:{bg};color:{fg}" title="{title}">{v:.0%}{m}</td>'

    heat = ['<table class="heat" id="heatmap"><tr><th>locality</th>' + "".join(f"<th>{e(labels[k])}</th>" for k in keys) + "</tr>"]
    for r in pivot.itertuples(index=False):
        heat.append(f"<tr><th><a href='#loc-{e(str(r[0]))}'>{e(str(r[0]))}</a></th>" + "".join(cell(r[0], k, v) for k, v in zip(keys, r[1:])) + "</tr>")
    heat.append("</table>")
    heat.append("<p class='muted'>Share of each locality's characters per theme. Shading runs from the lowest to the highest share within each theme (column). "
                "▲/▼: the locality gives the theme more/less of its paragraphs than the rest of the corpus (log-odds with a Dirichlet prior, |z| &gt; 1.96).</p>")

    loc_sections = []
    for loc in ctx["localities"]:
        s = ctx["shares"][ctx["shares"]["locality"] == loc]
        d = dist[dist["locality"] == loc].set_index("theme")
        rows = "".join(
            f"<tr><td>{e(labels[r.theme])}</td><td class='num'>{r.n_paragraphs}</td><td class='num'>{r.n_chars}</td>"
            f"<td class='num'>{r.share:.1%}</td><td class='num'>{r.ci_low:.1%} – {r.ci_high:.1%}</td>"
            f"<td class='num {d.loc[r.theme, 'emphasis']}'>{d.loc[r.theme, 'z']:+.2f}</td></tr>"
            for r in s.itertuples()
        )
        quotes = "".join(
            f"<blockquote><span class='pill'>{e(labels[ex['theme']])}</span><code>{e(ex['where'])}</code><br>{e(ex['text'])}</blockquote>"
            for ex in ctx["examples"].get(loc, [])
        )
        meta = ctx["loc_meta"].get(loc, "")
        words = ctx["words"][ctx["words"]["locality"] == loc]
        words_html = "".join(
            f"<li><span class='pill'>{e(labels[k])}</span>{e(' '.join(g['word']))}</li>" for k, g in words.groupby("theme", sort=False)
        )
        loc_sections.append(
            f"<section><h3 id='loc-{e(loc)}'>{e(loc)}</h3><p class='muted'>{e(meta)}</p>"
            f"<table><tr><th>theme</th><th>paragraphs</th><th>characters</th><th>share</th><th>95% interval</th><th>z vs rest</th></tr>{rows}</table>"
            + (f"<p><b>Words that set it apart</b> (within each theme, against the other localities):</p><ul class='words'>{words_html}</ul>" if words_html else "")
            + ""
            f"<details><summary>Example paragraphs</summary>{quotes}</details></section>"
        )

    topics = "".join(
        f"<details><summary>Topic {r.topic} · {e(labels.get(r.theme, r.theme))} · {r.size} paragraphs — {e(' '.join(str(r.words).split()[:6]))}</summary>"
        f"<p><b>Words:</b> {e(str(r.words))}</p><p><b>Localities:</b> {e(str(r.localities))}</p>"
        + "".join(f"<blockquote>{e(x)}</blockquote>" for x in str(r.examples).split(" || ") if x)
        + "</details>"
        for r in ctx["topics"].itertuples()
    )
    year = ctx["by_year"]
    year_html = ""
    if len(year) and year["year"].nunique() > 0:
        yp = year.pivot(index="year", columns="theme", values="share").reindex(columns=keys)
        ndocs = year.groupby("year")["n_documents"].first()
        year_html = "<h2 id='years'>By year</h2><p class='muted'>Documents that carry a date or year.</p><table><tr><th>year</th><th>documents</th>" + "".join(f"<th>{e(labels[k])}</th>" for k in keys) + "</tr>" + "".join(
            f"<tr><th>{e(str(y))}</th><td class='num'>{ndocs[y]}</td>" + "".join(f"<td class='num'>{v:.1%}</td>" for v in row) + "</tr>" for y, row in yp.iterrows()
        ) + "</table>"
    q = ctx["quality"]
    quality = f"<p>{e(q['headline'])}</p>" + _html_table(q["lines"], "What became of every line of the input")
    if len(q["files"]):
        quality += _html_table(q["files"], "Files not read")
    if len(q["no_locality"]):
        quality += _html_table(q["no_locality"], "Documents without a locality")
    if len(q["duplicates"]):
        quality += _html_table(q["duplicates"].head(50), f"Duplicate paragraphs (first {min(50, len(q['duplicates']))} of {len(q['duplicates'])})")
    themes_html = "".join(f"<li><b>{e(labels[d.key])}</b>: {e(d.description)}</li>" for d in ctx["themes"].definitions)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Theme emphasis by locality</title><style>{CSS}</style></head>
<body><main>
<h1>Theme emphasis by locality</h1>
<p class="muted">{ctx['metrics']['documents']} documents · {ctx['metrics']['paragraphs']} paragraphs · {ctx['metrics']['localities']} localities · {ctx['metrics']['topics']} topics ({e(ctx['clustering'])}). Shares are of each locality's characters; intervals are 95% bootstrap intervals ({ctx['n_boot']} resamples).</p>
<nav><a href="#overview">Overview</a><a href="#intervals">Intervals</a><a href="#localities">Localities</a><a href="#topics">Topics</a><a href="#quality">Data quality</a><a href="#params">Parameters</a></nav>
<h2 id="overview">Overview</h2>{''.join(heat)}
<h2 id="intervals">Shares with intervals</h2><p class="muted">Dots are shares, bars 95% bootstrap intervals, the dashed line the theme's share of the whole corpus; each panel has its own scale.</p><img alt="theme shares with 95% intervals" src="data:image/png;base64,{ctx['intervals_b64']}">
{year_html}
<h2 id="localities">Localities</h2>{''.join(loc_sections)}
<h2 id="topics">Topics</h2>{topics}
<h2>Themes</h2><ul>{themes_html}</ul>
<h2 id="quality">Data quality</h2>{quality}
<h2 id="params">Parameters of this run</h2><details><summary>params.yaml (the sections this report depends on)</summary><pre>{e(ctx['params_yaml'])}</pre></details>
</main></body></html>
"""


def _html_table(df: pd.DataFrame, caption: str) -> str:
    e = html.escape
    head = "".join(f"<th>{e(str(c))}</th>" for c in df.columns)
    body = "".join(
        "<tr>" + "".join(f"<td class='num'>{v}</td>" if isinstance(v, (int, np.integer)) else f"<td>{e(str(v))}</td>" for v in row) + "</tr>"
        for row in df.itertuples(index=False)
    )
    return f"<table><caption>{e(caption)}</caption><tr>{head}</tr>{body}</table>"


def examples_by_locality(df: pd.DataFrame, keys: list[str], per_theme: int = 1, max_total: int = 5) -> dict[str, list[dict]]:
    """The most confidently themed paragraphs of each locality, one theme after another."""
    out: dict[str, list[dict]] = {}
    for loc, g in df.groupby("locality", sort=True):
        picks = []
        for k in keys:
            top = g[g["theme"] == k].sort_values(["confidence", "para_id"], ascending=[False, True]).head(per_theme)
            picks += [{"theme": k, "where": f"{r.source}:{_lines(r)}", "text": r.text} for r in top.itertuples()]
        out[loc] = picks[:max_total]
    return out


def main() -> int:
    setup_logging("report")
    raw = config.load_params()
    rp = config.section(raw, "report", ReportParams)
    themes_p = config.section(raw, "themes", ThemesParams)
    keys = themes_p.keys
    labels = {d.key: f"{d.zh} {d.en}" for d in themes_p.definitions}
    paragraphs = pd.read_parquet(config.PARAGRAPHS)
    themes = pd.read_parquet(config.THEMES, columns=["para_id", "theme", "confidence"])
    topics = pd.read_parquet(config.TOPICS, columns=["para_id", "topic", "similarity"])
    documents = pd.read_parquet(config.DOCUMENTS)
    topic_themes = pd.read_csv(config.REPORTS / "topic_themes.csv")
    ingest_metrics = _read_json(config.METRICS / "ingest.json")
    line_log = pd.read_csv(config.INGEST_LOG, dtype={"reason": str, "para_id": str}, keep_default_na=False)
    topic_metrics = _read_json(config.METRICS / "topics.json")

    df = paragraphs.merge(themes, on="para_id").merge(topics, on="para_id")
    df["locality"] = df["locality"].replace("", UNKNOWN)
    shares = theme_shares(df, keys, rp.n_boot, rp.seed)
    dist = distinctive(df, keys)
    by_year = shares_by_year(df, keys)
    ttable = topic_table(df, topic_themes, rp.top_examples)
    from .tokenize import tokenize

    from .gazetteer import Gazetteer

    places = Gazetteer.default().aliases  # a locality's own name tells the reader nothing new
    words = distinctive_words(df.assign(tokens=[[w for w in tokenize(t) if w not in places] for t in df["text"]]), keys)
    pivot = shares.pivot(index="locality", columns="theme", values="share")[keys].reset_index()
    long = shares.assign(theme_label=shares["theme"].map(labels))[["locality", "theme", "theme_label", "share", "ci_low", "ci_high"]]

    font = cjk_font()
    if font is None:
        log.warning("no CJK font installed (tried %s): Chinese labels in the PNG figures will not render; run `make fonts`", ", ".join(CJK_FONTS))
    else:
        import matplotlib

        matplotlib.rcParams["font.family"] = [font, "DejaVu Sans"]
    overall = {k: float(df.loc[df["theme"] == k, "n_chars"].sum() / df["n_chars"].sum()) for k in keys}
    heat = heatmap_png(shares, labels)
    intervals = intervals_png(shares, labels, overall)

    docs_ok = documents[documents["status"] == "ok"].copy()
    docs_ok["locality"] = docs_ok["locality"].replace("", UNKNOWN)
    loc_meta = {
        loc: "; ".join(f"{r.source} ({r.level or 'level unknown'}, {r.province or 'province unknown'}{', ' + r.date if r.date else ''})" for r in g.itertuples())
        for loc, g in docs_ok.groupby("locality")
    }
    metrics = {
        "documents": int(len(docs_ok)),
        "paragraphs": int(len(df)),
        "localities": int(df["locality"].nunique()),
        "topics": int(topic_metrics.get("topics", 0)),
        "outlier_share": topic_metrics.get("outlier_share"),
        "coherence_npmi": topic_metrics.get("coherence_npmi"),
        "diversity": topic_metrics.get("diversity"),
        "theme_char_share": {k: round(float(df.loc[df["theme"] == k, "n_chars"].sum() / df["n_chars"].sum()), 4) for k in keys},
    }
    ctx = {
        "labels": labels, "pivot": pivot, "shares": shares, "distinctive": dist, "by_year": by_year, "topics": ttable,
        "localities": sorted(df["locality"].unique()), "examples": examples_by_locality(df, keys), "metrics": metrics,
        "ingest": ingest_metrics, "documents": documents, "themes": themes_p, "loc_meta": loc_meta,
        "clustering": topic_metrics.get("clustering", ""), "n_boot": rp.n_boot, "words": words,
        "quality": quality_summary(ingest_metrics, documents, line_log, paragraphs),
        "params_yaml": yaml.safe_dump({k: raw[k] for k in REPORTED_PARAMS if k in raw}, allow_unicode=True, sort_keys=False, default_flow_style=None, width=110),
        "intervals_b64": base64.b64encode(intervals).decode("ascii"),
    }
    R = config.REPORTS
    write_csv(shares, R / "theme_by_locality.csv")
    write_csv(dist, R / "theme_distinctive.csv")
    write_csv(by_year, R / "theme_by_year.csv")
    write_csv(ttable, R / "topics.csv")
    write_csv(words, R / "theme_words_by_locality.csv")
    write_csv(long, R / "theme_share.csv")
    for name, data in (("theme_share_heatmap.png", heat), ("theme_share_intervals.png", intervals)):
        with atomic_path(R / "figures" / name, ".png") as tmp:
            tmp.write_bytes(data)
    write_text(build_markdown(ctx), R / "report.md")
    write_text(build_html(ctx), R / "report.html")
    write_json(metrics, config.METRICS / "report.json")
    log.info("report for %d localities, %d paragraphs → %s", metrics["localities"], metrics["paragraphs"], R / "report.html")
    return 0


def _read_json(path: Path) -> dict:
    import json

    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


if __name__ == "__main__":
    run_stage(main, "report")

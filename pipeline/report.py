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

The work is done in three steps that never mix: :func:`compute_tables` (numbers, from the
stage inputs), :mod:`pipeline.figures` (PNG from those tables) and :func:`build_context`
then :mod:`pipeline.render` (the page and the Markdown, from Jinja2 templates).
"""

from __future__ import annotations

import base64
import dataclasses
import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd
import yaml

from . import config
from .artifacts import read_json, sentence_texts
from .config import ReportParams, ThemesParams
from .figures import CJK_FONTS, heatmap_png, intervals_png, use_cjk_font
from .io import atomic_path, run_stage, setup_logging, write_csv, write_json, write_text
from .render import Example, HeatCell, LevelGroup, LocalityView, ReportContext, ShareRow, Table, TopicView, render_html, render_markdown
from .shares import char_shares, distinctive, shares_by_year, theme_shares

log = logging.getLogger("pipeline.report")

UNKNOWN = "(locality not found)"
LEVELS = {"province": "Provinces", "city": "Cities", "county": "Counties", "unknown": "Level unknown"}
# The params sections whose values the page shows (and so declares: every key but the
# execution settings, which change no number).
SHOWN_SECTIONS = ("corpus", "ingest", "embed", "topics", "themes", "report")
PARAMS = tuple(k for s in SHOWN_SECTIONS for k in config.result_keys(s))


# ----------------------------------------------------------------------------- numbers


def distinctive_words(df: pd.DataFrame, keys: list[str], top: int = 8, prior_strength: float = 500.0) -> pd.DataFrame:
    """Words that distinguish a locality within a theme: log-odds of each word in the
    locality's text of that theme against the other localities' text of the same theme,
    with an informative Dirichlet prior from the theme's word counts (Monroe et al. 2008).
    Only words with z > 1.96 and at least 3 occurrences, the ``top`` highest per pair.

    Args:
        df: units of text (sentences, or paragraphs) with ``locality``, ``theme`` and ``tokens`` (list of words).
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


def locality_groups(documents: pd.DataFrame, localities: list[str]) -> list[tuple[str, list[str]]]:
    """Localities grouped by level (province, city, county, then unknown), each group in a
    stable order: by administrative code, then name.

    Args:
        documents: the ingest stage's documents (``locality``, ``level``, ``locality_code``, ``status``).
        localities: the localities to place (``UNKNOWN`` for documents without one).
    Returns:
        ``[(level, [locality, ...]), ...]`` for the levels present, in the order above.
    """
    docs = documents[documents["status"] == "ok"].assign(locality=lambda d: d["locality"].replace("", UNKNOWN))
    info: dict[str, tuple[str, str]] = {}
    for loc, g in docs.sort_values("doc_id").groupby("locality", sort=True):
        level = g["level"].replace("", np.nan).dropna()
        code = g["locality_code"].replace("", np.nan).dropna() if "locality_code" in g else pd.Series(dtype=str)
        info[loc] = (level.mode().iloc[0] if len(level) else "unknown", str(code.iloc[0]) if len(code) else "")
    groups: dict[str, list[str]] = {k: [] for k in LEVELS}
    for loc in localities:
        level, _ = info.get(loc, ("unknown", ""))
        groups[level if loc != UNKNOWN and level in groups else "unknown"].append(loc)
    return [(lv, sorted(locs, key=lambda x: (info.get(x, ("", "~"))[1] or "~", x))) for lv, locs in groups.items() if locs]


@dataclass
class ReportTables:
    """Every number the report shows, before any rendering."""

    shares: pd.DataFrame  # theme_by_locality.csv
    distinctive: pd.DataFrame
    by_year: pd.DataFrame
    topics: pd.DataFrame
    words: pd.DataFrame
    long: pd.DataFrame  # theme_share.csv, for dvc plots
    overall: dict[str, float]  # each theme's share of the corpus
    groups: list[tuple[str, list[str]]]  # localities by level
    examples: dict[str, list[dict]]
    loc_meta: dict[str, str]
    quality: dict
    metrics: dict


def sentence_chars(sentences: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per paragraph: characters (``chars_<theme>``) and sentences (``n_sentences_<theme>``)
    of each theme, from the themes of its sentences (``para_id``, ``theme``, ``n_chars``)."""
    chars = sentences.pivot_table(index="para_id", columns="theme", values="n_chars", aggfunc="sum", fill_value=0).reindex(columns=keys, fill_value=0)
    count = sentences.pivot_table(index="para_id", columns="theme", values="n_chars", aggfunc="size", fill_value=0).reindex(columns=keys, fill_value=0)
    return pd.concat([chars.add_prefix("chars_"), count.add_prefix("n_sentences_")], axis=1).reset_index()


def compute_tables(paragraphs: pd.DataFrame, themes: pd.DataFrame, topics: pd.DataFrame, sentences: pd.DataFrame, documents: pd.DataFrame, topic_themes: pd.DataFrame,
                   line_log: pd.DataFrame, ingest_metrics: dict, topic_metrics: dict, theme_params: ThemesParams, rp: ReportParams) -> ReportTables:
    """The report's numbers, from the stage inputs (paragraphs with their themes and topics,
    sentences with their themes and text, documents, topic themes, the ingest log and metrics).
    Shares count characters by the theme of the sentence they are in."""
    from .tokenize import tokenize

    keys = theme_params.keys
    labels = theme_labels(theme_params)
    df = paragraphs.merge(themes, on="para_id").merge(topics, on="para_id").merge(sentence_chars(sentences, keys), on="para_id", how="left")
    df["locality"] = df["locality"].replace("", UNKNOWN)
    shares = theme_shares(df, keys, rp.n_boot, rp.seed)
    located = sentences[["para_id", "theme", "text"]].merge(df[["para_id", "locality"]], on="para_id")
    words = distinctive_words(located.assign(tokens=[tokenize(t) for t in located["text"]]), keys)  # place names are not words here
    docs_ok = documents[documents["status"] == "ok"].copy()
    docs_ok["locality"] = docs_ok["locality"].replace("", UNKNOWN)
    loc_meta = {
        loc: "; ".join(f"{r.source} ({r.level or 'level unknown'}, {r.province or 'province unknown'}{', ' + r.date if r.date else ''})" for r in g.itertuples())
        for loc, g in docs_ok.groupby("locality")
    }
    overall = char_shares(sentences["theme"].to_numpy(), sentences["n_chars"].to_numpy(), keys)
    metrics = {
        "documents": int(len(docs_ok)),
        "paragraphs": int(len(df)),
        "sentences": int(len(sentences)),
        "localities": int(df["locality"].nunique()),
        "topics": int(topic_metrics.get("topics", 0)),
        "outlier_share": topic_metrics.get("outlier_share"),
        "coherence_npmi": topic_metrics.get("coherence_npmi"),
        "diversity": topic_metrics.get("diversity"),
        "theme_char_share": {k: round(v, 4) for k, v in overall.items()},
    }
    return ReportTables(
        shares=shares,
        distinctive=distinctive(df, keys),
        by_year=shares_by_year(df, keys),
        topics=topic_table(df, topic_themes, rp.top_examples),
        words=words,
        long=shares.assign(theme_label=shares["theme"].map(labels))[["locality", "theme", "theme_label", "share", "ci_low", "ci_high"]],
        overall=overall,
        groups=locality_groups(documents, sorted(df["locality"].unique())),
        examples=examples_by_locality(df, keys),
        loc_meta=loc_meta,
        quality=quality_summary(ingest_metrics, documents, line_log, paragraphs),
        metrics=metrics,
    )


def theme_labels(theme_params: ThemesParams) -> dict[str, str]:
    """Theme key → "中文 English" label, in the order of the definitions."""
    return {d.key: f"{d.zh} {d.en}" for d in theme_params.definitions}


# ----------------------------------------------------------------------------- the page


def build_context(t: ReportTables, theme_params: ThemesParams, rp: ReportParams, topic_metrics: dict, params_yaml: str, intervals: bytes) -> ReportContext:
    """The one object the templates render."""
    labels = theme_labels(theme_params)
    keys = list(labels)
    pivot = t.shares.pivot(index="locality", columns="theme", values="share")[keys]
    lo = {k: float(pivot[k].min()) for k in keys}
    span = {k: max(1e-9, float(pivot[k].max()) - lo[k]) for k in keys}
    dist = t.distinctive.set_index(["locality", "theme"])
    marks = {"more": (" ▲", "more than the rest of the corpus"), "less": (" ▼", "less than the rest of the corpus")}

    def view(loc: str) -> LocalityView:
        cells = []
        for k in keys:
            v = float(pivot.loc[loc, k])
            mark, title = marks.get(dist.loc[(loc, k), "emphasis"], ("", ""))
            cells.append(HeatCell(share=v, shade=(v - lo[k]) / span[k], mark=mark, title=title))
        s = t.shares[t.shares["locality"] == loc]
        rows = [
            ShareRow(labels[r.theme], int(r.n_paragraphs), int(r.n_chars), float(r.share), float(r.ci_low), float(r.ci_high),
                     float(dist.loc[(loc, r.theme), "z"]), str(dist.loc[(loc, r.theme), "emphasis"]))
            for r in s.itertuples()
        ]
        w = t.words[t.words["locality"] == loc]
        words = [(labels[k], " ".join(g["word"])) for k, g in w.groupby("theme", sort=False)]
        examples = [Example(labels[e["theme"]], e["where"], e["text"]) for e in t.examples.get(loc, [])]
        return LocalityView(name=loc, anchor=f"loc-{loc}", meta=t.loc_meta.get(loc, ""), cells=cells, shares=rows, words=words, examples=examples)

    groups = [LevelGroup(level=lv, title=LEVELS[lv], localities=[view(x) for x in locs]) for lv, locs in t.groups]
    marked = t.distinctive[t.distinctive["emphasis"] != ""]
    years = None
    if len(t.by_year) and t.by_year["year"].nunique() > 0:
        yp = t.by_year.pivot(index="year", columns="theme", values="share").reindex(columns=keys)
        ndocs = t.by_year.groupby("year")["n_documents"].first()
        years = Table(columns=["year", "documents", *(labels[k] for k in keys)],
                      rows=[[str(y), int(ndocs[y]), *(f"{v:.1%}" for v in row)] for y, row in yp.iterrows()])
    q = t.quality
    quality = [Table.from_frame(q["lines"], "What became of every line of the input")]
    if len(q["files"]):
        quality.append(Table.from_frame(q["files"], "Files not read"))
    if len(q["no_locality"]):
        quality.append(Table.from_frame(q["no_locality"], "Documents without a locality"))
    if len(q["duplicates"]):
        quality.append(Table.from_frame(q["duplicates"].head(50), f"Duplicate paragraphs (first {min(50, len(q['duplicates']))} of {len(q['duplicates'])})"))
    m = t.metrics
    return ReportContext(
        title="Theme emphasis by locality",
        n_documents=m["documents"], n_paragraphs=m["paragraphs"], n_localities=m["localities"], n_topics=m["topics"],
        clustering=str(topic_metrics.get("clustering", "")), n_boot=rp.n_boot,
        level_counts=[(g.title, len(g.localities)) for g in groups],
        theme_labels=[labels[k] for k in keys],
        themes=[(labels[d.key], d.description) for d in theme_params.definitions],
        groups=groups,
        intervals_png=base64.b64encode(intervals).decode("ascii"),
        heatmap_file="figures/theme_share_heatmap.png",
        distinctive=Table.from_frame(marked.assign(theme=marked["theme"].map(labels))),
        years=years,
        topics=[
            TopicView(int(r.topic), labels.get(r.theme, r.theme), int(r.size), str(r.words), str(r.localities),
                      [x for x in str(r.examples).split(" || ") if x])
            for r in t.topics.itertuples()
        ],
        quality_headline=q["headline"],
        quality=quality,
        params_yaml=params_yaml,
    )


def shown_params(p: config.StageParams) -> str:
    """The declared params' values as YAML, in the shape of ``params.yaml``."""
    out: dict = {}
    for key in PARAMS:
        *parents, leaf = key.split(".")
        node = out
        for k in parents:
            node = node.setdefault(k, {})
        node[leaf] = p.value(key)
    return yaml.safe_dump(out, allow_unicode=True, sort_keys=False, default_flow_style=None, width=110)


def main() -> int:
    setup_logging("report")
    p = config.stage_params("report", PARAMS)
    rp, theme_params = p.report, p.themes
    paragraphs = pd.read_parquet(config.PARAGRAPHS)
    themes = pd.read_parquet(config.THEMES, columns=["para_id", "theme", "confidence"])
    topics = pd.read_parquet(config.TOPICS, columns=["para_id", "topic", "similarity"])
    spans = pd.read_parquet(config.SENTENCE_SPANS)
    sentences = pd.read_parquet(config.SENTENCE_THEMES, columns=["para_id", "sentence", "theme"]).merge(spans, on=["para_id", "sentence"])
    sentences["text"] = sentence_texts(paragraphs, sentences)
    documents = pd.read_parquet(config.DOCUMENTS)
    topic_themes = pd.read_csv(config.REPORTS / "topic_themes.csv")
    ingest_metrics = read_json(config.METRICS / "ingest.json")
    line_log = pd.read_csv(config.INGEST_LOG, dtype={"reason": str, "para_id": str}, keep_default_na=False)
    topic_metrics = read_json(config.METRICS / "topics.json")

    t = compute_tables(paragraphs, themes, topics, sentences, documents, topic_themes, line_log, ingest_metrics, topic_metrics, theme_params, rp)
    labels = theme_labels(theme_params)
    if use_cjk_font() is None:
        log.warning("no CJK font installed (tried %s): Chinese labels in the PNG figures will not render; run `make fonts`", ", ".join(CJK_FONTS))
    heat = heatmap_png(t.shares, labels, [(LEVELS[lv], locs) for lv, locs in t.groups])
    intervals = intervals_png(t.shares, labels, [(LEVELS[lv], locs) for lv, locs in t.groups], t.overall)
    ctx = build_context(t, theme_params, rp, topic_metrics, shown_params(p), intervals)

    R = config.REPORTS
    write_csv(t.shares, R / "theme_by_locality.csv")
    write_csv(t.distinctive, R / "theme_distinctive.csv")
    write_csv(t.by_year, R / "theme_by_year.csv")
    write_csv(t.topics, R / "topics.csv")
    write_csv(t.words, R / "theme_words_by_locality.csv")
    write_csv(t.long, R / "theme_share.csv")
    for name, data in (("theme_share_heatmap.png", heat), ("theme_share_intervals.png", intervals)):
        with atomic_path(R / "figures" / name, ".png") as tmp:
            tmp.write_bytes(data)
    write_text(render_markdown(ctx), R / "report.md")
    write_text(render_html(ctx), R / "report.html")
    write_json(t.metrics, config.METRICS / "report.json")
    log.info("report for %d localities, %d paragraphs → %s", t.metrics["localities"], t.metrics["paragraphs"], R / "report.html")
    return 0


if __name__ == "__main__":
    run_stage(main, "report")

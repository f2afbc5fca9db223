"""Stage ``report``: theme emphasis by locality, as tables, figures, Markdown and HTML.

Outputs:
    ``reports/theme_by_locality.csv``  locality × theme: paragraphs, characters, share, 95% interval (bootstrap, Korn–Graubard)
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
import contextlib
import re
import logging
import sys
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import yaml

from . import config
from .artifacts import ThemeCatalog, read_json, sentence_texts
from .config import ReportParams, interaction_parts
from .figures import CJK_FONTS, covariates_png, heatmap_png, intervals_png, use_cjk_font
from .io import atomic_path, run_stage, setup_logging, write_csv, write_json, write_text
from .render import Example, HeatCell, LevelGroup, LocalityView, ReportContext, ShareRow, Table, TopicView, render_html, render_markdown
from .estimates import COMMON_SOURCE_LOCALITIES, LEVEL_ORDER, MIN_CODED_IN_CELL, MIN_CODED_IN_GROUP, MIN_LOCALITIES_FOR_RELIABILITY, Corpus, CovariateResult, Labelled, calibrated_document_shares, corrected_shares, covariate_effects, dsl_document_shares, locality_reliability, reuse_table, shared_passages, SHARED_PASSAGE_LETTERS
from .shares import char_shares, distinctive, shares_by_year, theme_shares

log = logging.getLogger("pipeline.report")

UNKNOWN = "(locality not found)"
# Written by scripts/robustness.py (not a stage: it refits topics and themes many times);
# tracked in git, header only until it runs, and a dependency of this stage.
ROBUSTNESS = config.REPORTS / "robustness.csv"
LEVELS = {"province": "Provinces", "city": "Cities", "county": "Counties", "unknown": "Level or locality unknown"}
# The params sections whose values the page shows (and so declares: every key but the
# execution settings, which change no number).
SHOWN_SECTIONS = ("corpus", "ingest", "embed", "topics", "themes", "report")
# …but the theme definitions (names, descriptions: theme_definitions.json carries them, and the
# page lists them), which would copy their seed words into dvc.lock once more
PARAMS = tuple(k for s in SHOWN_SECTIONS for k in config.result_keys(s) if k != "themes.definitions")


# ----------------------------------------------------------------------------- numbers


# what a locality calls itself beyond its name: it sets the locality apart from the others in
# every theme and says nothing of what it does. Its kind of unit is part of its name
# (自治区 of 新疆维吾尔自治区); these are the words its name does not hold.
_CALLS_ITSELF = {"首都": {"北京市"}, "直辖市": {"北京市", "天津市", "上海市", "重庆市"}}


def _names_itself(word: str, locality: str) -> bool:
    """Whether ``word`` only names the locality: a part of its own name, its kind of unit
    included (维吾尔, 自治区 for 新疆维吾尔自治区), or what it alone calls itself
    (:data:`_CALLS_ITSELF`: 首都 for 北京市, not for 天津市 serving the capital)."""
    return (len(word) >= 2 and word in locality) or locality in _CALLS_ITSELF.get(word, ())


def distinctive_words(df: pd.DataFrame, keys: list[str], top: int = 8, prior_strength: float = 500.0) -> pd.DataFrame:
    """Words that distinguish a locality within a theme: log-odds of each word in the
    locality's text of that theme against the other localities' text of the same theme,
    with an informative Dirichlet prior from the theme's word counts (Monroe et al. 2008).
    Only words with z > 1.96 and at least 3 occurrences, the ``top`` highest per pair, and not
    words that only name the locality (parts of its name, 自治区 and 维吾尔 for 新疆; 首都 for 北京).

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
                if y < 3 or _names_itself(w, loc):
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
    ranked = df.sort_values(["topic", "similarity", "para_id"], ascending=[True, False, True])
    by_topic = dict(tuple(ranked.groupby("topic", sort=False)))
    empty = ranked.iloc[:0]
    for t in topic_themes.to_dict("records"):
        g = by_topic.get(t["topic"], empty)
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
    if m.get("manifest_unmatched"):
        headline += (f" {m['manifest_unmatched']} of {m.get('manifest_rows', '?')} manifest rows name no file of the corpus, so their metadata is not "
                     f"applied (e.g. {(m.get('manifest_unmatched_files') or ['?'])[0]}; metrics/ingest.json → manifest_unmatched_files).")
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


def _title_author(doc) -> str:
    """`` 《title》, author`` of a document row, for naming what a locality's share rests on."""
    title, author = str(getattr(doc, "title", "") or "").strip(), str(getattr(doc, "author", "") or "").strip()
    return (f" 《{title}》" if title else "") + (f", {author}" if author else "")


def examples_by_locality(df: pd.DataFrame, sentences: pd.DataFrame, keys: list[str], per_theme: int = 1, max_total: int = 5,
                         max_chars: int = 300) -> dict[str, list[dict]]:
    """Each locality's example of each theme (in theme order, at most ``max_total``): the
    text that was counted for it, so a reader judges the classification itself.

    The paragraph is the one where the theme weighs most — its characters of the theme ×
    their share of the paragraph × their sentences' mean confidence — so a long paragraph
    wholly of the theme, confidently themed, comes first, and neither a one-line heading nor
    a paragraph the theme only touches is chosen. Shown are the sentences of that paragraph
    that carry the theme (``…`` where others come between or the text is cut at
    ``max_chars``), quoted with the paragraph's ``file:line``.

    Args:
        df: paragraphs with ``locality``, ``para_id``, ``source``, ``line_start``, ``line_end``.
        sentences: ``para_id``, ``sentence``, ``theme``, ``confidence``, ``text``, ``n_chars``.
    """
    s = sentences[["para_id", "sentence", "theme", "confidence", "text", "n_chars"]].merge(
        df[["para_id", "locality", "source", "line_start", "line_end"]], on="para_id")
    s = s[s["theme"].isin(keys)]
    total = sentences.groupby("para_id")["n_chars"].sum()
    per_para = (s.assign(weighted=s["confidence"] * s["n_chars"])
                .groupby(["locality", "theme", "para_id"], sort=False)
                .agg(chars=("n_chars", "sum"), weighted=("weighted", "sum")).reset_index())
    per_para["score"] = per_para["weighted"] * per_para["chars"] / per_para["para_id"].map(total).clip(lower=1)  # chars × share × mean confidence
    per_para["rank"] = per_para["theme"].map({k: i for i, k in enumerate(keys)})
    top = (per_para.sort_values(["locality", "rank", "score", "para_id"], ascending=[True, True, False, True])
           .groupby(["locality", "theme"], sort=False).head(per_theme))
    shown = s[s["para_id"].isin(set(top["para_id"]))]  # only the chosen paragraphs' sentences
    by_para = {pid: g.sort_values("sentence") for pid, g in shown.groupby("para_id", sort=False)}
    out: dict[str, list[dict]] = {}
    for loc, theme, pid in zip(top["locality"], top["theme"], top["para_id"]):
        picks = out.setdefault(loc, [])
        if len(picks) >= max_total:
            continue
        g = by_para[pid]
        mine = g[g["theme"] == theme]
        text, last = "", None
        for i, t in zip(mine["sentence"], mine["text"]):
            text += ("…" if last is not None and i != last + 1 else "") + t
            last = i
        if len(text) > max_chars:
            text = text[:max_chars] + "…"
        first, end, source = g["line_start"].iloc[0], g["line_end"].iloc[0], g["source"].iloc[0]
        picks.append({"theme": theme, "where": f"{source}:{first}" if first == end else f"{source}:{first}-{end}", "text": text})
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
    paragraph_table: pd.DataFrame  # one row per paragraph: locality, doc_id, theme, chars_<theme> …


def sentence_chars(sentences: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per paragraph: characters (``chars_<theme>``) and sentences (``n_sentences_<theme>``)
    of each theme, from the themes of its sentences (``para_id``, ``theme``, ``n_chars``)."""
    chars = sentences.pivot_table(index="para_id", columns="theme", values="n_chars", aggfunc="sum", fill_value=0).reindex(columns=keys, fill_value=0)
    count = sentences.pivot_table(index="para_id", columns="theme", values="n_chars", aggfunc="size", fill_value=0).reindex(columns=keys, fill_value=0)
    return pd.concat([chars.add_prefix("chars_"), count.add_prefix("n_sentences_")], axis=1).reset_index()


def compute_tables(paragraphs: pd.DataFrame, themes: pd.DataFrame, topics: pd.DataFrame, sentences: pd.DataFrame, documents: pd.DataFrame, topic_themes: pd.DataFrame,
                   line_log: pd.DataFrame, ingest_metrics: dict, topic_metrics: dict, theme_params: ThemeCatalog, rp: ReportParams) -> ReportTables:
    """The report's numbers, from the stage inputs (paragraphs with their themes and topics,
    sentences with their themes and text, documents, topic themes, the ingest log and metrics).
    Shares count characters by the theme of the sentence they are in."""
    keys = theme_params.keys
    labels = theme_labels(theme_params)
    df = paragraphs.merge(themes, on="para_id").merge(topics, on="para_id").merge(sentence_chars(sentences, keys), on="para_id", how="left")
    df["locality"] = df["locality"].replace("", UNKNOWN)
    shares = theme_shares(df, keys, rp.n_boot, rp.seed)
    located = sentences[["para_id", "theme", "tokens"]].merge(df[["para_id", "locality"]], on="para_id")
    words = distinctive_words(located.assign(tokens=located["tokens"].fillna("").str.split()), keys)  # ingest's content words: no place names
    docs_ok = documents[documents["status"] == "ok"].copy()
    docs_ok["locality"] = docs_ok["locality"].replace("", UNKNOWN)
    loc_meta = {
        loc: "; ".join(f"{r.source}{_title_author(r)} ({r.level or 'level unknown'}, {r.province or 'province unknown'}{', ' + (r.date or r.year) if (r.date or r.year) else ', undated'})"
                       for r in g.itertuples())
        for loc, g in docs_ok.groupby("locality")
    }
    overall = char_shares(sentences["theme"].to_numpy(), sentences["n_chars"].to_numpy(), keys)
    metrics = {
        "documents": int(len(docs_ok)),
        "paragraphs": int(len(df)),
        "sentences": int(len(sentences)),
        "localities": int(df.loc[df["locality"] != UNKNOWN, "locality"].nunique()),  # (documents without one are no locality, as ingest counts them)
        "topics": int(topic_metrics.get("topics", 0)),
        "outlier_share": topic_metrics.get("outlier_share"),
        "coherence_npmi": topic_metrics.get("coherence_npmi"),
        "diversity": topic_metrics.get("diversity"),
        "theme_char_share": {k: round(v, 4) for k, v in overall.items()},
    }
    return ReportTables(
        shares=shares,
        distinctive=distinctive(df, keys, intervals=shares, unplaced=UNKNOWN),
        by_year=shares_by_year(df, keys),
        topics=topic_table(df, topic_themes, rp.top_examples),
        words=words,
        long=shares.assign(theme_label=shares["theme"].map(labels))[["locality", "theme", "theme_label", "share", "ci_low", "ci_high"]],
        overall=overall,
        groups=locality_groups(documents, sorted(df["locality"].unique())),
        examples=examples_by_locality(df, sentences, keys),
        loc_meta=loc_meta,
        quality=quality_summary(ingest_metrics, documents, line_log, paragraphs),
        metrics=metrics,
        paragraph_table=df,
    )


@dataclass
class Estimates:
    """What a reviewer asks of the shares: the classifier's accuracy here, shares corrected
    for its errors, what predicts emphasis, reused text, and how much the shares move with
    the random seed and the main params."""

    accuracy: dict  # evaluate's metrics (empty without hand labels)
    confusion: pd.DataFrame  # hand label × prediction counts of the labelled units
    random_sample: bool  # the labels come from the pipeline's random sample (with inclusion probabilities)
    corrected: pd.DataFrame  # locality, theme, raw, corrected, ci_low, ci_high, n_labelled (empty without a random sample)
    correction_note: str
    covariates: CovariateResult
    doc_shares: pd.DataFrame  # one row per document: its shares (calibrated with a random sample), what the reliability reads
    reuse_pairs: pd.DataFrame  # locality, source_locality, sentences, chars, common_sentences, common_chars (of text 3+ localities share)
    reuse_shares: pd.DataFrame  # locality, theme, share, share_without_reuse, reused_chars, share_without_shared, shared_chars (passages found in another locality)
    robustness: pd.DataFrame  # locality, theme, runs, min, max, spread (empty until scripts/robustness.py runs)
    robustness_note: str
    reliability: pd.DataFrame = field(default_factory=pd.DataFrame)  # theme, icc, ci_low, ci_high, n_localities, n_documents
    coded_by_level: pd.DataFrame = field(default_factory=pd.DataFrame)  # level, coded, accuracy (1/π-weighted) of the random sample's coded units


def label_confusion(hand_labels: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Hand label (rows) × the pipeline's theme (columns), counted on one unit base, the one
    the per-theme accuracy table scores: the labelled sentences where there are any (the
    paragraphs of paragraph labels would count the same text a second time), else the
    paragraphs cut from the labelled lines. ``attrs["units"]`` says which, and how many."""
    sentences = hand_labels["sentence"] >= 0
    counted = hand_labels[sentences] if sentences.any() else hand_labels
    if not len(counted):
        return pd.DataFrame()
    confusion = pd.crosstab(counted["label"], counted["predicted"]).reindex(index=keys, columns=keys, fill_value=0)
    n = int(confusion.to_numpy().sum())  # the units with a theme of the catalogue on both sides
    confusion.attrs["units"] = f"{n} labelled sentences" if sentences.any() else f"{n} paragraphs cut from the labelled lines"
    return confusion


def compute_estimates(df: pd.DataFrame, sentences: pd.DataFrame, documents: pd.DataFrame, hand_labels: pd.DataFrame, eval_metrics: dict,
                      robustness: pd.DataFrame, robustness_info: dict, keys: list[str], rp: ReportParams) -> Estimates:
    """The estimates of :class:`Estimates` from the paragraph table ``df`` (with ``chars_<theme>``
    columns and ``locality``), the sentences (``para_id``, ``sentence``, ``theme``, ``n_chars``,
    ``duplicate_of``), the documents, the hand-labelled units and the robustness runs."""
    chars = df[[f"chars_{k}" for k in keys]].to_numpy(dtype=float)
    docs = documents[documents["status"] == "ok"].copy()
    docs["locality"] = docs["locality"].replace("", UNKNOWN)
    level_of = dict(zip(docs["doc_id"], docs["level"].replace("", "unknown")))
    corpus = Corpus(chars=chars, level=df["doc_id"].map(level_of).fillna("unknown").to_numpy(dtype=str),
                    group=df["locality"].to_numpy(dtype=str), doc=df["doc_id"].to_numpy(dtype=str))
    key_index = {k: i for i, k in enumerate(keys)}
    confusion = label_confusion(hand_labels, keys)
    drawn = hand_labels[hand_labels["inclusion_probability"].notna() & hand_labels["para_id"].isin(df["para_id"])]
    random_sample = len(drawn) > 0
    corrected = pd.DataFrame(columns=["locality", "theme", "raw", "corrected", "ci_low", "ci_high", "n_labelled"])
    doc_chars = pd.DataFrame(chars, columns=keys).groupby(df["doc_id"].to_numpy()).sum()
    doc_shares = outcome = doc_chars.div(doc_chars.sum(axis=1), axis=0).rename_axis("doc").reset_index()
    # the coded units of each level and their accuracy, weighted by 1/π: the headline accuracy is mostly the largest level's,
    # and a level's contrasts rest on its own few coded units (26 county and 25 city of 200 in a corpus of provincial reports)
    level_of_para = df["doc_id"].map(level_of).fillna("unknown").replace("", "unknown")
    coded_level = drawn["para_id"].map(dict(zip(df["para_id"], level_of_para))).fillna("unknown")
    right = (drawn["label"] == drawn["predicted"]).to_numpy(dtype=float)
    by_level = pd.DataFrame([{"level": lv, "coded": int(sel.sum()), "accuracy": round(float(np.average(right[sel], weights=1 / drawn["inclusion_probability"].to_numpy(dtype=float)[sel])), 3)}
                             for lv in sorted(coded_level.unique(), key=lambda v: (LEVEL_ORDER.get(v, 9), v)) if (sel := (coded_level == lv).to_numpy()).any()],
                            columns=["level", "coded", "accuracy"])
    if random_sample:
        row_of = pd.Index(df["para_id"]).get_indexer(drawn["para_id"])
        lab = Labelled(para=row_of, chars=drawn["n_chars"].to_numpy(dtype=float), predicted=drawn["predicted"].map(key_index).to_numpy(),
                       label=drawn["label"].map(key_index).to_numpy(), pi=drawn["inclusion_probability"].to_numpy(dtype=float))
        corrected = corrected_shares(corpus, lab, keys, rp.n_boot, rp.seed).rename(columns={"group": "locality"})
        doc_shares = calibrated_document_shares(corpus, lab, keys)
        # the covariate models' outcome: design-based pseudo-outcomes, unbiased whatever the classifier's
        # errors, with the classification error in their clustered errors (the calibrated shares carry
        # errors that differ between years or places within a level into every contrast, and hold none of it)
        outcome = dsl_document_shares(corpus, lab, keys, seed=rp.seed)
        note = (f"Corrected with {len(drawn)} hand-coded units of the pipeline's random sample (stratified by level and predicted theme, "
                f"weighted by 1/inclusion probability); intervals resample documents and re-estimate the classifier's errors.")
    elif len(hand_labels):
        note = ("The hand labels were not drawn by the pipeline's random sample (they have no inclusion probabilities), so they measure "
                "accuracy but cannot correct the shares: the report's shares are uncorrected. Code reports/label_sample.csv (the random sample "
                "the evaluate stage draws), save it as labels/label_sample_coded.csv and name that in eval.sentence_labels (or eval.labels).")
    else:
        note = ("No hand labels: the shares are the classifier's, uncorrected for its errors. Code reports/label_sample.csv (a random sample "
                "the pipeline drew), save it as labels/label_sample_coded.csv and name that in eval.sentence_labels (or eval.labels) to measure "
                "accuracy on this corpus and correct the shares.")
    doc_info = docs[["doc_id", "locality", *[c for c in docs.columns if c not in ("doc_id", "locality")]]].rename(columns={"doc_id": "doc"})
    doc_info = doc_info.merge(doc_chars.sum(axis=1).rename("n_chars").rename_axis("doc").reset_index(), on="doc")
    # an unplaced document is a cluster of its own (pooled, two unplaced texts of two provinces were one "locality")
    clustered = doc_info.assign(locality=doc_info["locality"].where(doc_info["locality"] != UNKNOWN, UNKNOWN + " " + doc_info["doc"].astype(str)))
    covariates = covariate_effects(clustered, outcome, keys, list(rp.covariates), cluster="locality", min_documents=rp.min_documents, seed=rp.seed)
    placed = doc_info[doc_info["locality"] != UNKNOWN].set_index("doc")["locality"]  # documents without a locality are no locality's
    reliability = locality_reliability(doc_shares, placed, keys, rp.n_boot, rp.seed)
    units = sentences.assign(id=sentences["para_id"] + "/" + sentences["sentence"].astype(str)).merge(df[["para_id", "doc_id", "locality"]], on="para_id")
    # passages found verbatim in another locality's documents (an unplaced document is a group of its own), counted by the
    # characters of each sentence they cover
    passage_group = np.where(units["locality"] == UNKNOWN, "\x00" + units["doc_id"].astype(str), units["locality"].astype(str))
    texts = units["text"].tolist() if "text" in units else [""] * len(units)
    passages = shared_passages(texts, units["doc_id"].to_numpy(), passage_group)
    pairs = reuse_table(units[["id", "doc_id", "locality", "n_chars", "duplicate_of"]], documents)
    # a repeated sentence is a common source when 3 or more localities hold it as near duplicates, or when most of its letters
    # lie in passages 3 or more localities hold (the opening formula 各位代表：现在，我代表…人民政府向大会报告工作 in variants the
    # near-duplicate links do not join: a district listed as a province's source)
    mostly_common = set(units["id"][(2 * passages["common"] >= passages["letters"]) & (passages["letters"] > 0)])
    pairs["common"] = (pairs["n_localities"] >= COMMON_SOURCE_LOCALITIES) | pairs["id"].isin(mostly_common)
    common = pairs.assign(common_chars=lambda d: d["n_chars"].where(d["common"], 0))
    reuse_pairs = (common.groupby(["locality", "source_locality"]).agg(sentences=("id", "size"), chars=("n_chars", "sum"), common_sentences=("common", "sum"),
                                                                        common_chars=("common_chars", "sum")).reset_index()
                   if len(pairs) else pd.DataFrame(columns=["locality", "source_locality", "sentences", "chars", "common_sentences", "common_chars"]))
    # without reused text: a copy's sentences, and a common source's (text 3 or more localities hold, an opening formula or
    # central wording) in every locality holding it, the first included: it is none of theirs (left in the first, it moved the
    # later-dated reports' shares only, 嘉兴's industry 61.8% → 67.0% while its neighbours kept the same formula)
    common_source = pairs.loc[pairs["common"], "source_id"]
    keep = ~units["id"].isin(set(pairs["id"]) | set(common_source) | mostly_common).to_numpy()  # (every holder of common text)
    theme_chars = np.zeros((len(units), len(keys)))
    theme_chars[np.arange(len(units)), units["theme"].map(key_index).to_numpy()] = units["n_chars"].to_numpy()
    by_loc = pd.DataFrame(theme_chars, columns=keys).groupby(units["locality"].to_numpy()).sum()
    kept = pd.DataFrame(theme_chars[keep], columns=keys).groupby(units["locality"].to_numpy()[keep]).sum().reindex(by_loc.index, fill_value=0)
    part = (passages["shared"] / passages["letters"].where(passages["letters"] > 0, 1)).to_numpy()
    shared_by_loc = pd.DataFrame(theme_chars * part[:, None], columns=keys).groupby(units["locality"].to_numpy()).sum().reindex(by_loc.index, fill_value=0)
    reuse_rows = []
    for loc in by_loc.index:
        total, total_kept, shared = by_loc.loc[loc].sum(), kept.loc[loc].sum(), shared_by_loc.loc[loc].sum()
        for k in keys:
            reuse_rows.append({"locality": loc, "theme": k, "share": round(float(by_loc.loc[loc, k] / total), 4) if total else 0.0,
                               "share_without_reuse": round(float(kept.loc[loc, k] / total_kept), 4) if total_kept else None,
                               "reused_chars": int(round(total - total_kept)),
                               "share_without_shared": round(float((by_loc.loc[loc, k] - shared_by_loc.loc[loc, k]) / (total - shared)), 4) if total - shared > 0.5 else None,
                               "shared_chars": int(round(shared))})
    robust_note = (f"{robustness_info.get('runs', '?')} runs of topics and themes ({robustness_info.get('varied', '')}) by scripts/robustness.py"
                   if len(robustness) else
                   "Not run yet: `python scripts/robustness.py` refits topics and themes under several seeds and theme params and fills this in.")
    reuse_shares = pd.DataFrame(reuse_rows, columns=["locality", "theme", "share", "share_without_reuse", "reused_chars", "share_without_shared", "shared_chars"])
    reuse_shares.attrs["common_shared_chars"] = float((units["n_chars"].to_numpy() * (passages["common"] / passages["letters"].where(passages["letters"] > 0, 1)).to_numpy()).sum())
    stale = _stale_robustness(robustness_info, reuse_shares) if len(robustness) else None
    if stale:
        robustness = robustness.iloc[0:0]
        robust_note = (f"Out of date, not shown: the runs in reports/robustness.csv were made from other outputs than this report's ({stale}). "
                       "Run `python scripts/robustness.py` again, then `dvc repro`.")
    return Estimates(accuracy=eval_metrics if eval_metrics.get("evaluated") or eval_metrics.get("sentences") else {}, confusion=confusion,
                     coded_by_level=by_level, random_sample=random_sample, corrected=corrected, correction_note=note, covariates=covariates, doc_shares=doc_shares,
                     reuse_pairs=reuse_pairs, reuse_shares=reuse_shares, robustness=robustness, robustness_note=robust_note, reliability=reliability)


def _stale_robustness(info: dict, shares: pd.DataFrame) -> str | None:
    """Why the robustness runs do not belong to these outputs (their run with params.yaml's
    values gives other shares than this report's), or None when they do."""
    base = info.get("base_shares")
    if not isinstance(base, dict):
        return "reports/robustness.json does not record the shares of its run with params.yaml's values"
    here = {f"{loc}|{th}": v for loc, th, v in zip(shares["locality"], shares["theme"], shares["share"])}
    if not here or set(base) != set(here):
        return "their localities or themes differ from this report's"
    worst = max(here, key=lambda key: abs(here[key] - base[key]))
    if abs(here[worst] - base[worst]) <= 5e-4:
        return None
    loc, th = worst.rsplit("|", 1)
    return f"its run with params.yaml's values gives {loc} {th} {base[worst]:.1%}, this report {here[worst]:.1%}"


def estimate_metrics(est: Estimates, t: ReportTables) -> dict:
    """Numbers of the estimates for ``metrics/report.json`` (``dvc metrics diff`` compares them)."""
    out: dict = {"hand_labels_random_sample": int(est.random_sample)}
    if len(est.corrected):
        out["corrected_mean_abs_change"] = round(float((est.corrected["corrected"] - est.corrected["raw"]).abs().mean()), 4)
        out["corrected_mean_interval_width"] = round(float((est.corrected["ci_high"] - est.corrected["ci_low"]).mean()), 4)
    out["reused_char_share"] = round(float(est.reuse_pairs["chars"].sum()) / max(1, int(t.paragraph_table["n_chars"].sum())), 4) if len(est.reuse_pairs) else 0.0
    # (characters in passages found verbatim in another locality's documents, inside sentences too)
    out["shared_passage_share"] = (round(float(est.reuse_shares.drop_duplicates("locality")["shared_chars"].sum()) / max(1, int(t.paragraph_table["n_chars"].sum())), 4)
                                   if "shared_chars" in est.reuse_shares else 0.0)
    out["covariates_modelled"] = int(est.covariates.expected["covariate"].nunique()) if len(est.covariates.expected) else 0
    if len(est.robustness):
        out["robustness_max_spread"] = round(float(est.robustness["spread"].max()), 4)
    if len(est.reliability):
        out["reliability_icc"] = {r.theme: r.icc for r in est.reliability.itertuples()}
    return out


def theme_labels(theme_params: ThemeCatalog) -> dict[str, str]:
    """Theme key → "中文 English" label, in the order of the definitions."""
    return {d.key: f"{d.zh} {d.en}" for d in theme_params.definitions}


# ----------------------------------------------------------------------------- the page


REUSE_ROWS = 15  # rows of each reused-text table on the page (the largest first); reports/reuse.csv and theme_reuse.csv hold them all


def _calibration_note(how: dict, labels: dict) -> str:
    """What the corrected-shares table says of calibration rows without enough coded units of their own."""
    def cells(items: list[str]) -> str:
        return ", ".join(f"{lv} predicted {labels.get(th, th)}" for lv, th in (c.split("/", 1) for c in items))
    out = ""
    if how.get("pooled"):
        out += (f" Fewer than {MIN_CODED_IN_CELL} coded units in {cells(how['pooled'])}: there the classifier's errors are estimated "
                "from the units so predicted at every level.")
    if how.get("uncorrected"):
        out += (f" Fewer than {MIN_CODED_IN_CELL} coded units in the whole sample predicted {', '.join(labels.get(t, t) for t in how['uncorrected'])}: "
                "those characters keep the classifier's theme (not corrected); code more of the sheet.")
    return out


def _pct(v: float, d: int = 0) -> str:
    return f"{v:.{d}%}"


def _points(v: float) -> str:
    """A difference of shares in percentage points, signed (no "-0.0")."""
    p = round(100 * v, 1)
    return f"{p:+.1f}" if p else "0.0"


def _with_interval(metrics: dict, name: str) -> str:
    """``0.86 [0.80–0.91]``: a measure with its bootstrap interval where there is one."""
    ci = metrics.get("intervals", {}).get(name)
    if metrics.get(name) is None:  # nothing to measure it on (written as null)
        return "—"
    return f"{metrics[name]:.2f}" + (f" [{ci['low']:.2f}–{ci['high']:.2f}]" if ci and ci.get("low") is not None and ci.get("high") is not None else "")


def _weighted(metrics: dict) -> str:
    """The clause saying a figure is design-weighted, where it is."""
    return ", each labelled unit weighted by the inverse of its inclusion probability, so the figures estimate the whole corpus" if metrics.get("weighted") else ""


def _resampled(metrics: dict) -> str:
    """What the intervals resampled, e.g. ``(95% intervals: 12 labelled documents resampled)``."""
    ci = metrics.get("intervals")
    if not ci:
        return ""
    if not any(isinstance(v, dict) for v in ci.values()):
        return f" (no interval: only {ci['units']} labelled {ci['resampled'][:-1]})"
    rough = "; so few make them rough and too narrow" if ci["resampled"] != "documents" or ci["units"] < FEW_LABELLED_DOCUMENTS else ""
    return f" ({ci['level']:.0%} intervals: {ci['units']} labelled {ci['resampled']} resampled{rough})"


FEW_LABELLED_DOCUMENTS = 20  # below this many labelled documents a bootstrap interval is rough and too narrow (README)


def _in_sample_note(trained: dict, acc: dict) -> str:
    """The warning that labels the builtin model learnt from measure it in-sample, with its
    out-of-sample figures where they were recorded."""
    counts = []
    if trained.get("labels"):
        counts.append(f"{trained['labels']} of {acc['labels']} labelled paragraphs")
    if trained.get("sentence_labels") and acc.get("sentences"):
        counts.append(f"{trained['sentence_labels']} of {acc['sentences']['labels']} labelled sentences")
    examples = trained.get("examples") or {}
    learnt = "the builtin model or this corpus's themes.examples" if examples else "the builtin model"
    without = trained.get("without") or {}
    if without:  # some labels, not all: the rest are scored on their own
        rest = []
        for key, what in (("labels", "paragraph labels"), ("sentence_labels", "sentence labels")):
            if key in without:
                w = without[key]
                rest.append(f"on the other {w['matched']} {what}, accuracy {_with_interval(w, 'accuracy')} and macro-F1 {_with_interval(w, 'macro_f1')}"
                            + (f", share TV {_with_interval(w, 'share_tv')}" if "share_tv" in w else ""))
        note = (f"In-sample in part: {' and '.join(counts)} are text {learnt} was trained on, so the figures above are optimistic to that "
                f"extent; {'; '.join(rest)}.")
    else:
        note = (f"In-sample: {' and '.join(counts)} are text {learnt} was trained on, so the figures above are optimistic "
                "and not evidence of its accuracy on other texts.")
    for kind in ("sentence", "paragraph"):
        cv = (examples.get("cross_validation") or {}).get(f"{kind}_labels")
        if cv:
            what = f"{cv['n']} sentences of paragraph labels" if kind == "paragraph" else f"{cv['n']} sentence labels"
            note += (f" Out of fold (folds by document), on the {what} of themes.examples, the model scored accuracy {cv['accuracy']:.2f} and "
                     f"macro-F1 {cv['macro_f1']:.2f}" + (f", against {cv['base_accuracy']:.2f} and {cv['base_macro_f1']:.2f} for the model under it" if "base_macro_f1" in cv else "") + ".")
    oos = trained.get("out_of_sample") or {}
    if oos:
        note += (f" Fitted without the province scored ({oos['method']}, on {oos.get('trained_on', 'its training labels')}), it reached paragraph macro-F1 "
                 f"{oos['paragraph_macro_f1']:.2f}, sentence macro-F1 {oos['sentence_macro_f1']:.2f} and share TV {oos['share_tv']:.2f} "
                 "(intervals in the README, \"How accurate the themes are\").")
    return note


def _unmatched_note(acc: dict) -> str:
    """How many labels of ``acc`` (metrics/eval.json) matched nothing, with an example and
    where the list is; empty when all matched."""
    lost = [(acc.get("labels", 0) - acc.get("matched", 0), "paragraph label") if "labels" in acc else (0, ""),
            (acc["sentences"]["labels"] - acc["sentences"]["matched"], "sentence label") if acc.get("sentences") else (0, "")]
    if not any(n for n, _ in lost):
        return ""
    listed = (acc.get("unmatched") or []) + ((acc.get("sentences") or {}).get("unmatched") or [])
    first = listed[0] if listed else None
    return (" and ".join(f"{n} {what}{'s' if n != 1 else ''}" for n, what in lost if n) + " matched nothing"
            + (f" (for example {first['source']}:{first['line']}: {first['reason']})" if first else "")
            + "; metrics/eval.json → unmatched lists them with their reasons.")


def reuse_views(reuse_pairs: pd.DataFrame, reuse_shares: pd.DataFrame, loc_chars: pd.Series, rank: dict[str, int], labels: dict[str, str]) -> dict:
    """The reused-text section: a summary, the pairs of localities sharing the most
    characters, and the localities whose theme shares move most without their reused text,
    each table at most ``REUSE_ROWS`` rows (a note says where the rest are).

    Args:
        reuse_pairs, reuse_shares: :class:`Estimates`' (as reports/reuse.csv and theme_reuse.csv).
        loc_chars: characters of each locality.
        rank: each locality's place in the overview (ties in size go in that order).
        labels: theme key → label, in the themes' order.
    """
    order = lambda loc: (rank.get(loc, len(rank)), loc)  # noqa: E731
    out = _passage_views(reuse_shares, loc_chars, order, labels)
    if not len(reuse_pairs):
        return {**out, "reuse_summary": "No sentence repeats another locality's text (exactly or nearly)." + out.pop("passage_summary", "")}
    n_sen, n_chr, n_loc = int(reuse_pairs["sentences"].sum()), int(reuse_pairs["chars"].sum()), reuse_pairs["locality"].nunique()
    common = reuse_pairs["common_sentences"] if "common_sentences" in reuse_pairs else pd.Series(0, index=reuse_pairs.index)
    common_chars = reuse_pairs["common_chars"] if "common_chars" in reuse_pairs else pd.Series(0, index=reuse_pairs.index)
    n_common, c_common = int(common.sum()), int(common_chars.sum())
    out["reuse_summary"] = (f"Sentences repeating another locality's text: {n_sen} ({n_chr} characters, {n_chr / max(int(loc_chars.sum()), 1):.1%} of the corpus), "
                            f"in {n_loc} {'locality' if n_loc == 1 else 'localities'}. A shared sentence is not proof of copying from that locality: "
                            "opening formulas and central policy wording are shared because both draw on a common source."
                            + (f" {n_common} of these sentences ({c_common} characters) are text that {COMMON_SOURCE_LOCALITIES} or more localities share — a common "
                               "source rather than one locality copying another — and the table of pairs leaves them out." if n_common else "")
                            + out.pop("passage_summary", ""))
    own = pd.DataFrame({"locality": reuse_pairs["locality"], "source": reuse_pairs["source_locality"], "sentences": reuse_pairs["sentences"] - common,
                        "chars": reuse_pairs["chars"] - common_chars})
    pairs = sorted([[a, b, int(n), int(c)] for a, b, n, c in own[own["sentences"] > 0].values.tolist()], key=lambda r: (-r[3], order(r[0]), order(r[1])))
    if pairs:
        out["reuse_pairs"] = Table(["locality", "shares text with (the earlier or higher)", "sentences", "characters"], pairs[:REUSE_ROWS],
                                   "Who shares text with whom" + (f" (not counting text {COMMON_SOURCE_LOCALITIES} or more localities share)" if n_common else ""),
                                   f"The {REUSE_ROWS} pairs sharing the most characters, of {len(pairs)}; all of them are in reports/reuse.csv." if len(pairs) > REUSE_ROWS else "")
    out["reuse_shares"] = _with_without_table(reuse_shares, "reused_chars", "share_without_reuse", "reused", "the reused text", " with reused text",
                                              loc_chars, order, labels)
    return out


def _with_without_table(reuse_shares: pd.DataFrame, chars_col: str, without_col: str, what: str, left_out: str, of_what: str,
                        loc_chars: pd.Series, order, labels: dict[str, str]) -> Table:
    """Each locality's shares with → without some of its text (``without_col``; ``chars_col`` its characters), the
    localities whose shares move most first, at most ``REUSE_ROWS`` (a locality all of whose text is left out comes first)."""
    keys = list(labels)
    chars = reuse_shares.drop_duplicates("locality").set_index("locality")[chars_col]
    rs = reuse_shares[reuse_shares["locality"].isin(chars[chars > 0].index)]
    moved = (rs["share"] - pd.to_numeric(rs[without_col])).abs().groupby(rs["locality"]).max().fillna(1.0)
    rs = rs.set_index(["locality", "theme"])
    shown = sorted(moved.index, key=lambda loc: (-round(float(moved[loc]), 4), order(loc)))
    return Table(["locality", what, *(labels[k] for k in keys)],
                 [[loc, _pct(chars[loc] / max(int(loc_chars.get(loc, 0)), 1), 1),
                   *(f"{_pct(rs.loc[(loc, k), 'share'], 1)} → {_pct(rs.loc[(loc, k), without_col], 1)}" if pd.notna(rs.loc[(loc, k), without_col]) else "—"
                     for k in keys)]
                  for loc in shown[:REUSE_ROWS]],
                 f"Share with → without {left_out} ({what}: the share of the locality's characters), the largest change first",
                 f"The {REUSE_ROWS} localities whose shares move most, of {len(shown)}{of_what}; all of them are in reports/theme_reuse.csv." if len(shown) > REUSE_ROWS else "")


def _passage_views(reuse_shares: pd.DataFrame, loc_chars: pd.Series, order, labels: dict[str, str]) -> dict:
    """``passage_summary`` (a sentence for the reused-text summary) and the table ``reuse_passages``: each
    locality's shares with and without the passages found verbatim in another locality's documents
    (:func:`pipeline.estimates.shared_passages`), the largest change first."""
    if "shared_chars" not in reuse_shares or not len(reuse_shares):
        return {}
    shared = reuse_shares.drop_duplicates("locality").set_index("locality")["shared_chars"]
    total, corpus = int(shared.sum()), max(int(loc_chars.sum()), 1)
    if not total:
        return {"passage_summary": f" No passage of {SHARED_PASSAGE_LETTERS} characters or more is found verbatim in another locality's documents."}
    common = float(reuse_shares.attrs.get("common_shared_chars", 0.0))
    out = {"passage_summary": (f" Counted by passage, inside sentences too: {total} characters ({total / corpus:.1%} of the corpus) lie in passages of "
                               f"{SHARED_PASSAGE_LETTERS} characters or more found verbatim in another locality's documents"
                               + (f", {common / corpus:.1%} in passages {COMMON_SOURCE_LOCALITIES} or more localities hold (central wording, formulas)" if common >= 0.5 else "")
                               + "; whether copied or drawn from a common source, it is not wording of the locality's own (runs of mostly digits, "
                               "statistics that happen to match, are not counted).")}
    out["reuse_passages"] = _with_without_table(reuse_shares, "shared_chars", "share_without_shared", "shared", "the passages found in other localities", "",
                                                loc_chars, order, labels)
    return out


def _coded_by_level_note(by_level: pd.DataFrame, cov: CovariateResult) -> str:
    """How many coded units each level's corrected outcomes rest on, when levels are modelled."""
    if not len(by_level) or not len(cov.expected) or "level" not in set(cov.expected["covariate"]):
        return ""
    counts = ", ".join(f"{LEVELS.get(r.level, r.level).lower()} {r.coded}" for r in by_level.itertuples())
    return (f" Coded units by level: {counts}. A level's correction rests on its own coded units: with few of them, one drawn at a low "
            "inclusion probability moves its contrasts by many points (in one corpus, recoding one sentence moved a level's contrast by 41 points), "
            "and the interval may not hold it; code more of that level (a larger sample.min_per_stratum) before quoting its contrasts.")


def covariates_note(cov: CovariateResult, random_sample: bool) -> str:
    """What the covariate models modelled, skipped (and why), and read as their outcome."""
    modelled = sorted(set(cov.expected["covariate"])) if len(cov.expected) else []
    note = [f"Modelled: {', '.join(modelled)} ({next(iter(cov.models.values()))['documents']} documents, {next(iter(cov.models.values()))['clusters']} localities)." if modelled else "No covariate could be modelled."]
    note += [f"Skipped {c}: {why}." for c, why in cov.skipped]
    # an interaction skipped beside both its covariates: the main effect of the second averages over the first's values (a
    # pooled year effect of +22 points was +35 in counties and +4 in cities by a coder's own labels)
    note += [f"Without {c}, the contrasts of {b} are one for every {a} together: they may differ between {a}s."
             for c, _ in cov.skipped if (parts := interaction_parts(c)) and all(x in modelled for x in parts) for a, b in [parts]]
    note.append("Outcome: each document's shares corrected with the random hand-coded sample (design-based supervised learning, Egami et al. 2023: "
                "the classifier calibrated on the coded units of the other documents, in five folds, plus the document's own coded units' residuals "
                "weighted by 1/inclusion probability), so the contrasts are not biased by the classifier's errors, even where they differ between "
                "years or places, and their intervals hold the classification error as well as the sampling of documents." if random_sample
                else "Outcome: the classifier's shares (no random hand-coded sample to correct them" + ("; the intervals hold the sampling of documents only)." if modelled else ")."))
    return " ".join(note)


def estimate_views(est: Estimates, t: ReportTables, labels: dict[str, str], covariates_png: bytes | None) -> dict:
    """The report's estimate sections as the fields of :class:`ReportContext`."""
    keys = list(labels)
    out: dict = {"correction_note": est.correction_note, "robustness_note": est.robustness_note}
    acc = est.accuracy
    parts = []
    kind = "from the pipeline's random sample" if est.random_sample else "not a random sample of this corpus: they tell the accuracy on the lines they cover, not on the corpus as a whole"
    notes = []
    if "labels" in acc:  # (paragraph labels; sentence labels' figures are under acc["sentences"])
        parts.append(f"{acc['matched']} of {acc['labels']} labelled paragraphs found: accuracy {_with_interval(acc, 'accuracy')}, "
                     f"macro-F1 {_with_interval(acc, 'macro_f1')}{_resampled(acc)}{_weighted(acc)}")
        notes += [f"Paragraph labels: {acc['weighting']}."] if acc.get("weighting") else []
        shared = acc.get("shared_paragraph", {})
        if shared.get("disagreeing"):
            notes.append(f"{shared['disagreeing']} paragraph labels fall on a paragraph another label of another theme also falls on (ingest merged "
                         f"their lines): one predicted theme is scored against both, so at most one of them can be right.")
        if acc.get("matched_by_text") or acc.get("text_not_found"):
            notes.append(f"Of the paragraph labels, {acc.get('matched_by_text', 0)} were found by their text because their line held another text "
                         f"(line numbers counted another way), and {acc.get('text_not_found', 0)} whose line held another text were not found by their text either.")
    if acc.get("sentences"):
        s = acc["sentences"]
        parts.append(f"{s['matched']} of {s['labels']} labelled sentences found: accuracy {_with_interval(s, 'accuracy')}, macro-F1 {_with_interval(s, 'macro_f1')}; "
                     f"mean difference between coded and predicted theme shares of a paragraph (total variation) {_with_interval(s, 'share_tv')}{_resampled(s)}{_weighted(s)}")
        notes += [f"Sentence labels: {s['weighting']}."] if s.get("weighting") else []
    notes += [n for n in [_unmatched_note(acc)] if n]
    if acc.get("in_training"):
        notes.append(_in_sample_note(acc["in_training"], acc))
    weighted = acc.get("weighting") or acc.get("sentences", {}).get("weighting")
    if acc.get("uncoded_rows") and not weighted:  # (a weighting note counts them already)
        notes.append(f"{acc['uncoded_rows']} rows of the label files have no label and are left out.")
    if acc.get("repeated_rows") or acc.get("conflicting_rows"):
        notes.append(f"{acc.get('repeated_rows', 0)} rows of the label files repeat an earlier row and are read once; {acc.get('conflicting_rows', 0)} "
                     f"label a line or sentence an earlier row labels, and the earlier row's label is kept.")
    if parts:
        if len(est.coded_by_level) > 1:  # (the headline is mostly the largest level's)
            notes.append("Accuracy of the random sample's coded units by level (weighted by 1/inclusion probability): "
                         + ", ".join(f"{LEVELS.get(r.level, r.level).lower()} {r.accuracy:.2f} ({r.coded} coded)" for r in est.coded_by_level.itertuples()) + ".")
        out["accuracy_summary"] = " ".join(["; ".join(parts) + f". The labels are {kind}.", *notes])
        per = acc["sentences"]["per_theme"] if acc.get("sentences") else acc["per_theme"]
        predicted = est.confusion[keys].sum(axis=0) if len(est.confusion) else None

        def measure(v: float, defined: bool) -> str:  # (no unit labelled a theme: its recall and F1 are undefined, not 0)
            return f"{v:.2f}" if defined else "—"

        out["accuracy"] = Table(["theme", "precision", "recall", "F1", "labelled"],
                                [[labels[k], measure(per[k]["precision"], predicted is None or predicted[k] > 0), measure(per[k]["recall"], per[k]["support"] > 0),
                                  measure(per[k]["f1"], per[k]["support"] > 0 or predicted is None or predicted[k] > 0), int(per[k]["support"])] for k in keys if k in per],
                                "Per theme (" + ("sentences" if acc.get("sentences") else "paragraphs") + ")")
        if len(est.confusion):
            out["confusion"] = Table(["hand label \\ pipeline", *(labels[k] for k in keys)],
                                     [[labels[k], *(int(v) for v in est.confusion.loc[k, keys])] for k in keys],
                                     f"Labelled units ({est.confusion.attrs.get('units', '')}): hand label (rows) against the pipeline's theme (columns)"
                                     + ("; counts of units, while precision and recall above weigh each unit by 1/its inclusion probability"
                                        if acc.get("weighted") or (acc.get("sentences") or {}).get("weighted") else ""))
    else:
        out["accuracy_summary"] = ("No hand labels. Code reports/label_sample.csv (with reports/codebook.md), save it as labels/label_sample_coded.csv and name "
                                   "that in eval.sentence_labels (or eval.labels): this section then gives the classifier's accuracy on this corpus.")
    if len(est.corrected):
        c = est.corrected.set_index(["locality", "theme"])
        rows = []
        for level, locs in t.groups:
            for loc in locs:
                if (loc, keys[0]) in c.index:
                    n = int(c.loc[(loc, keys[0]), "n_labelled"])
                    rows.append([LEVELS[level], loc, f"{n}" if n >= MIN_CODED_IN_GROUP else f"{n}*",
                                 *(f"{_pct(c.loc[(loc, k), 'raw'])}\u00a0→\u00a0{_pct(c.loc[(loc, k), 'corrected'])} [{100 * c.loc[(loc, k), 'ci_low']:.0f}\u2060–\u2060{_pct(c.loc[(loc, k), 'ci_high'])}]" for k in keys)])
                                  # (no break around the arrow or the dash: a cell breaks before its interval only, so the table fits the page)
        out["corrected"] = Table(["level", "locality", "labelled units", *(labels[k] for k in keys)], rows,
                                 f"Share of characters: the classifier's → corrected [95% interval]. A locality with fewer than {MIN_CODED_IN_GROUP} "
                                 "coded units (*) is not corrected by their errors weighted by 1/inclusion probability (one or two would swing it by "
                                 "their length many times over): its coded units count as coded, the rest of its text is the classifier's calibrated on "
                                 "the whole sample, and its interval also draws a theme for each paragraph of that rest from the calibration, so it holds "
                                 "what the locality's own text may be (wide where a locality has little text). With 10 or more, each theme is estimated on "
                                 "its own, so a locality's corrected shares need not add up to exactly 100%." + _calibration_note(est.corrected.attrs.get("calibration") or {}, labels))
    cov = est.covariates
    out["covariates_note"] = covariates_note(cov, est.random_sample) + _coded_by_level_note(est.coded_by_level, cov)
    if len(cov.contrasts):
        out["covariates_contrasts"] = Table(["theme", "covariate", "contrast", "difference (points)", "95% interval"],
                                            [[labels[r.theme], r.covariate, f"{r.value} vs {r.reference}", _points(r.difference), f"{_points(r.ci_low)} to {_points(r.ci_high)}"]
                                             for r in cov.contrasts.itertuples()], "Contrasts")
    if len(cov.expected):
        out["covariates_expected"] = Table(["theme", "covariate", "value", "expected share", "95% interval", "documents"],
                                           [[labels[r.theme], r.covariate, r.value, _pct(r.expected, 1), f"{_pct(r.ci_low, 1)}–{_pct(r.ci_high, 1)}", int(r.n_documents)]
                                            for r in cov.expected.itertuples()])
    if covariates_png:
        out["covariates_png"] = base64.b64encode(covariates_png).decode("ascii")
    rank = {loc: n for n, loc in enumerate(loc for _, locs in t.groups for loc in locs)}  # the overview's order (level, administrative code)
    out.update(reuse_views(est.reuse_pairs, est.reuse_shares, t.paragraph_table.groupby("locality")["n_chars"].sum(), rank, labels))
    if len(est.robustness):
        out.update(robustness_view(est.robustness, t.shares, est.robustness_note, labels))
    out.update(reliability_view(est.reliability, labels))
    return out


ROBUSTNESS_LARGE_SPREAD = 0.10  # a spread across runs this wide is worth quoting even inside the share's interval (9–40% across 17 runs sat inside 71-point intervals)


def robustness_view(robustness: pd.DataFrame, shares: pd.DataFrame, note: str, labels: dict[str, str]) -> dict:
    """The robustness section: ``robustness_note`` (``note`` with the largest and median
    spread, and how many shares have a run outside their interval) and the ``robustness``
    table, largest spread first, such shares marked ‡."""
    out: dict = {}
    r = robustness.merge(shares[["locality", "theme", "share", "ci_low", "ci_high"]], on=["locality", "theme"], how="left").sort_values(["spread", "locality", "theme"], ascending=[False, True, True])
    largest = r.iloc[0]
    out["robustness_note"] = (note + f". Largest spread: {largest['locality']}, {labels.get(largest['theme'], largest['theme'])}: "
                              f"{_pct(largest['min'], 1)}–{_pct(largest['max'], 1)} ({100 * largest['spread']:.1f} points); "
                              f"median spread {100 * r['spread'].median():.1f} points, against a median interval width of {100 * (r['ci_high'] - r['ci_low']).median():.1f} points.")
    # a run outside the share's interval: the number owes more to a setting than to the text
    outside = ((r["min"] < r["ci_low"] - 5e-4) | (r["max"] > r["ci_high"] + 5e-4)) & r["share"].notna()
    out["robustness_note"] += (f" {int(outside.sum())} of {len(r)} shares have a run outside their 95% interval (marked ‡ in the table): "
                               "quote them with the range across runs." if outside.any() else " Every run stays inside its share's 95% interval"
                               + (f", but spreads of {100 * largest['spread']:.0f} points are large in themselves: those intervals are wide, and the range "
                                  "across runs is worth quoting beside them." if largest["spread"] >= ROBUSTNESS_LARGE_SPREAD else "."))
    out["robustness"] = Table(["locality", "theme", "share [95% interval]", "across runs", "spread (points)"],
                              [[x.locality, labels.get(x.theme, x.theme), f"{_pct(x.share)} [{_pct(x.ci_low)}–{_pct(x.ci_high)}]" if pd.notna(x.share) else "—",
                                f"{_pct(x.min)}–{_pct(x.max)}" + (" ‡" if out_ else ""), f"{100 * x.spread:.1f}"]
                               for x, out_ in zip(r.head(40).itertuples(), outside.head(40))],
                              f"The {len(r.head(40))} largest spreads of {len(r)}" if len(r) > 40 else f"Every share's spread ({len(r)}), largest first")
    return out


def reliability_view(reliability: pd.DataFrame, labels: dict[str, str]) -> dict:
    """The note (``reliability_note``) and table (``reliability``) on how far a locality's
    documents agree on each theme (:func:`pipeline.estimates.locality_reliability`)."""
    if not len(reliability):
        return {"reliability_note": f"Not measured: it needs {MIN_LOCALITIES_FOR_RELIABILITY} localities with two documents or more."}
    n_loc, n_doc = int(reliability["n_localities"].iloc[0]), int(reliability["n_documents"].iloc[0])
    weak = [labels.get(r.theme, r.theme) for r in reliability.itertuples() if r.icc < 0.5]
    note = (f"Over the {n_loc} localities with two documents or more ({n_doc} documents): the intraclass correlation of the documents' shares "
            "by locality, ICC(1), with a 95% interval resampling localities. Near 1, a locality's documents give the theme alike shares and a "
            "difference between localities is the locality's; below 0.5, its documents differ nearly as much as localities do, and a locality's "
            "share says as much about which documents it has (their year, occasion, genre) as about the locality.")
    if weak:
        note += f" Below 0.5 here: {', '.join(weak)}; compare localities on it with care."
    table = Table(["theme", "ICC(1)", "95% interval"], [[labels.get(r.theme, r.theme), f"{r.icc:.2f}", f"{r.ci_low:.2f} to {r.ci_high:.2f}"]
                                                       for r in reliability.itertuples()])
    return {"reliability_note": note, "reliability": table}


def build_context(t: ReportTables, theme_params: ThemeCatalog, rp: ReportParams, topic_metrics: dict, params_yaml: str, intervals: bytes,
                  est: Estimates | None = None, covariates_png: bytes | None = None, theme_metrics: dict | None = None) -> ReportContext:
    """The one object the templates render."""
    labels = theme_labels(theme_params)
    keys = list(labels)
    pivot = t.shares.pivot(index="locality", columns="theme", values="share")[keys]
    lo = {k: float(pivot[k].min()) for k in keys}
    span = {k: max(1e-9, float(pivot[k].max()) - lo[k]) for k in keys}
    dist = t.distinctive.set_index(["locality", "theme"])[["emphasis", "z"]].to_dict("index")
    cell = pivot.to_dict("index")
    shares_of = dict(tuple(t.shares.groupby("locality", sort=False)))
    words_of = dict(tuple(t.words.groupby("locality", sort=False)))
    marks = {"more": (" ▲", "more than the rest of the corpus"), "less": (" ▼", "less than the rest of the corpus")}

    def view(loc: str) -> LocalityView:
        cells = []
        for k in keys:
            v = float(cell[loc][k])
            mark, title = marks.get(dist[(loc, k)]["emphasis"], ("", ""))
            cells.append(HeatCell(share=v, shade=(v - lo[k]) / span[k], mark=mark, title=title))
        s = shares_of.get(loc, t.shares.iloc[:0])
        rows = [
            ShareRow(labels[r.theme], int(r.n_paragraphs), int(r.n_chars), float(r.share), float(r.ci_low), float(r.ci_high),
                     float(dist[(loc, r.theme)]["z"]), str(dist[(loc, r.theme)]["emphasis"]),
                     int(r.n_sentences) if "n_sentences" in s else None)
            for r in s.itertuples()
        ]
        w = words_of.get(loc, t.words.iloc[:0])
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
        n_dup = len(q["duplicates"])
        quality.append(Table(["paragraph", "same text as"], q["duplicates"].head(50).values.tolist(),
                             f"Duplicate paragraphs (first {min(50, n_dup)} of {n_dup}): the same or nearly the same text as an earlier paragraph (files in name order); "
                             "which locality's text is the source is what Reused text says",
                             f"All {n_dup} are in {config.PARAGRAPHS.as_posix()} (column duplicate_of)." if n_dup > 50 else ""))
    m = t.metrics
    unplaced = int((t.paragraph_table.drop_duplicates("doc_id")["locality"] == UNKNOWN).sum())  # documents without a locality
    return ReportContext(
        title="Theme emphasis by locality",
        n_documents=m["documents"], n_paragraphs=m["paragraphs"], n_localities=m["localities"], n_topics=m["topics"],
        clustering=str(topic_metrics.get("clustering", "")), n_boot=rp.n_boot,
        # (the documents whose locality was not found are no locality: counted apart, as the header's count leaves them out)
        level_counts=[(LEVELS[lv], n) for lv, locs in t.groups if (n := sum(loc != UNKNOWN for loc in locs))]
        + ([("documents without a locality", unplaced)] if unplaced else []),
        theme_labels=[labels[k] for k in keys],
        themes=[(labels[d.key], d.description) for d in theme_params.definitions],
        groups=groups,
        intervals_png=base64.b64encode(intervals).decode("ascii"),
        heatmap_file="figures/theme_share_heatmap.png",
        distinctive=Table.from_frame(marked.assign(theme=marked["theme"].map(labels), q=marked["q"].map(lambda q: "< 0.001" if q < 0.001 else f"{q:.3f}"))),
        years=years,
        topics=[
            TopicView(int(r.topic), labels.get(r.theme, r.theme), int(r.size), str(r.words), str(r.localities),
                      [x for x in str(r.examples).split(" || ") if x])
            for r in t.topics.itertuples()
        ],
        quality_headline=q["headline"],
        quality=quality,
        params_yaml=params_yaml,
        theme_model=_theme_model(theme_metrics or {}),
        **(estimate_views(est, t, labels, covariates_png) if est is not None else {}),
    )


def _theme_model(theme_metrics: dict) -> str:
    """What gave the text its themes, in words a reader follows (from the themes stage's
    metrics: ``model`` as :func:`pipeline.classify.choose_model` and the examples fit name it)."""
    name = theme_metrics.get("model", "")
    if not name:
        return ""
    if theme_metrics.get("unit", "sentence") == "paragraph":
        return ("Each paragraph's theme: the seed words and descriptions of the theme definitions (params.yaml), "
                "pulled towards its topic's theme (themes.unit: paragraph).")
    zero_shot = "the zero-shot score of the theme definitions in params.yaml (their seed words and descriptions, with the sentence's paragraph, section, topic and nearest paragraphs)"
    if "builtin (" in name:
        count = re.search(r"builtin \([^)]*?(\d+) labelled sentences\)", name)
        trained = (theme_metrics.get("in_training", {}).get("out_of_sample", {}) or {}).get("trained_on", "")
        text = (f"the builtin classifier (a logistic regression on the sentence's embedding and context, fitted on "
                f"{count.group(1) + ' ' if count else ''}sentences with a hand label of their own or of their paragraph"
                f"{': ' + trained if trained else ''})")
        mixed = re.search(r"mixed with zero-shot at (\S+)$", name)
        if mixed:
            text += f", averaged at weight {mixed.group(1)} (themes.zero_shot_weight) with {zero_shot}"
    else:
        text = zero_shot
    examples = re.match(r"examples \((\d+) labelled sentences\)", name)
    if examples:
        text += f"; then a model fitted on this corpus's {examples.group(1)} labelled sentences (themes.examples), stacked on that"
    near = theme_metrics.get("corpus_neighbours") or {}
    if near.get("sentences_mixed"):
        text += (f"; each sentence's scores are then mixed at weight {near['weight']:g} with those of the {near['neighbours']} sentences most like it "
                 f"in the corpus's other documents (themes.corpus_neighbours; {near['sentences_mixed']:,} sentences had such neighbours)")
    out = f"Each sentence's theme: {text}."
    fitted = (theme_metrics.get("in_training") or {}).get("sentences", 0)
    counts = theme_metrics.get("sentences") or {}
    total = sum(counts.values()) if isinstance(counts, dict) else int(counts)
    if fitted:
        of = f"{fitted:,} of this corpus's {total:,} sentences ({fitted / total:.1%})" if total else f"{fitted:,} sentences of this corpus"
        out += (f" {of} are text the classifier was trained on (sentences.parquet: in_training): "
                "their themes are fitted rather than predicted, so where they cluster (a document or locality that was hand-labelled) "
                "the shares rest partly on hand labels.")
    return out


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


@contextlib.contextmanager
def side_process():
    """An executor that runs work in one forked process beside this one (figures are
    CPU-bound and matplotlib holds the GIL), or in this process where fork is unavailable;
    the results are the same either way."""
    import multiprocessing
    from concurrent.futures import Executor, Future, ProcessPoolExecutor

    class InProcess(Executor):
        def submit(self, fn, /, *args, **kwargs):
            f: Future = Future()
            try:
                f.set_result(fn(*args, **kwargs))
            except Exception as exc:  # raised by .result(), as from the process pool
                f.set_exception(exc)
            return f

    # fork only on Linux: on macOS a process that has used system frameworks is unsafe to fork
    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        yield InProcess()
        return
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        yield pool


def main() -> int:
    setup_logging("report")
    p = config.stage_params("report", PARAMS)
    rp, theme_params = p.report, ThemeCatalog.read()
    paragraphs = pd.read_parquet(config.PARAGRAPHS)
    themes = pd.read_parquet(config.THEMES, columns=["para_id", "theme", "confidence"])
    topics = pd.read_parquet(config.TOPICS, columns=["para_id", "topic", "similarity"])
    spans = pd.read_parquet(config.SENTENCE_SPANS)
    sentences = pd.read_parquet(config.SENTENCE_THEMES, columns=["para_id", "sentence", "theme", "confidence"]).merge(spans, on=["para_id", "sentence"])
    if "duplicate_of" not in sentences:
        sentences["duplicate_of"] = ""
    sentences["text"] = sentence_texts(paragraphs, sentences)
    documents = pd.read_parquet(config.DOCUMENTS)
    topic_themes = pd.read_csv(config.REPORTS / "topic_themes.csv")
    ingest_metrics = read_json(config.METRICS / "ingest.json")
    line_log = pd.read_csv(config.INGEST_LOG, dtype={"reason": str, "para_id": str}, keep_default_na=False)
    topic_metrics = read_json(config.METRICS / "topics.json")
    theme_metrics = read_json(config.METRICS / "themes.json")

    hand_labels = pd.read_parquet(config.HAND_LABELS)
    eval_metrics = read_json(config.METRICS / "eval.json")
    if eval_metrics.get("in_training"):  # labels the model learnt from: say what it scores out of sample
        eval_metrics["in_training"]["out_of_sample"] = theme_metrics.get("in_training", {}).get("out_of_sample", {})
        eval_metrics["in_training"]["examples"] = theme_metrics.get("examples", {})
    robustness = pd.read_csv(ROBUSTNESS, dtype={"locality": str, "theme": str})
    robustness_info = read_json(ROBUSTNESS.with_suffix(".json"))

    t = compute_tables(paragraphs, themes, topics, sentences, documents, topic_themes, line_log, ingest_metrics, topic_metrics, theme_params, rp)
    labels = theme_labels(theme_params)
    if use_cjk_font() is None:
        log.warning("no CJK font installed (tried %s): Chinese labels in the PNG figures will not render; run `make fonts`", ", ".join(CJK_FONTS))
    groups = [(LEVELS[lv], locs) for lv, locs in t.groups]
    with side_process() as side:  # the two share figures are drawn while the estimates are computed
        heat = side.submit(heatmap_png, t.shares, labels, groups)
        intervals = side.submit(intervals_png, t.shares, labels, groups, t.overall)
        est = compute_estimates(t.paragraph_table, sentences, documents, hand_labels, eval_metrics, robustness, robustness_info, theme_params.keys, rp)
        cov_png = covariates_png(est.covariates.expected, labels) if len(est.covariates.expected) else None
        heat, intervals = heat.result(), intervals.result()
    ctx = build_context(t, theme_params, rp, topic_metrics, shown_params(p), intervals, est, cov_png, theme_metrics)
    metrics = {**t.metrics, **estimate_metrics(est, t)}

    R = config.REPORTS
    write_csv(t.shares, R / "theme_by_locality.csv")
    write_csv(t.distinctive, R / "theme_distinctive.csv")
    write_csv(t.by_year, R / "theme_by_year.csv")
    write_csv(t.topics, R / "topics.csv")
    write_csv(t.words, R / "theme_words_by_locality.csv")
    write_csv(t.long, R / "theme_share.csv")
    write_csv(est.corrected.assign(theme_label=est.corrected["theme"].map(labels)), R / "theme_corrected.csv")
    expected = est.covariates.expected
    write_csv(expected.assign(theme_label=expected["theme"].map(labels), term=expected["covariate"] + " = " + expected["value"].astype(str)), R / "theme_covariates.csv")
    write_csv(est.covariates.contrasts, R / "theme_contrasts.csv")
    write_csv(est.reuse_pairs, R / "reuse.csv")
    write_csv(est.reuse_shares, R / "theme_reuse.csv")
    figures = {"theme_share_heatmap.png": heat, "theme_share_intervals.png": intervals}
    if cov_png:
        figures["covariate_effects.png"] = cov_png
    for old in (R / "figures").glob("*.png"):
        if old.name not in figures:
            old.unlink()  # a figure this run does not draw must not stay behind from an earlier one
    for name, data in figures.items():
        with atomic_path(R / "figures" / name, ".png") as tmp:
            tmp.write_bytes(data)
    write_text(render_markdown(ctx), R / "report.md")
    write_text(render_html(ctx), R / "report.html")
    write_json(metrics, config.METRICS / "report.json")
    log.info("report for %d localities, %d paragraphs → %s", t.metrics["localities"], t.metrics["paragraphs"], R / "report.html")
    return 0


if __name__ == "__main__":
    run_stage(main, "report")

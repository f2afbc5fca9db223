"""A random sample of the corpus to code by hand, and the codebook to code it with.

The ``evaluate`` stage draws the sample (``reports/label_sample.csv``, with the pipeline's
themes apart in ``reports/label_sample_predictions.csv``); the ``themes`` stage writes the
codebook (``reports/codebook.md``).

The sample is stratified by the locality's level and the predicted theme, so every theme
is represented even when it is rare: each stratum gets ``sample.min_per_stratum`` units (or
all it has), the rest of ``sample.size`` is allocated in proportion to the strata's sizes,
and units are drawn without replacement with ``sample.seed``. A unit's inclusion
probability is n_h / N_h of its stratum h: the corrected shares of the report weight by it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .artifacts import sentence_texts
from .config import ThemesParams


def allocate(sizes: np.ndarray, total: int, minimum: int) -> np.ndarray:
    """Units to draw from each stratum: ``minimum`` (or all it has) first, the rest in
    proportion to the strata's sizes (largest remainders first, ties to the earlier stratum),
    never more than a stratum has."""
    sizes = np.asarray(sizes, dtype=int)
    n = np.minimum(sizes, minimum)
    left = max(0, min(total, sizes.sum()) - n.sum())
    while left > 0:
        room = sizes - n
        if room.sum() == 0:
            break
        share = left * room / room.sum()
        add = np.minimum(np.floor(share).astype(int), room)
        if add.sum() == 0:
            order = sorted(np.flatnonzero(room > 0), key=lambda i: (-(share[i] - np.floor(share[i])), i))
            add = np.zeros_like(n)
            add[order[:left]] = 1
        n += add
        left -= int(add.sum())
    return n


def draw_sample(units: pd.DataFrame, size: int, minimum: int, seed: int) -> pd.DataFrame:
    """A stratified random sample of ``units`` (one row each, with a ``stratum`` column).

    Returns:
        The drawn rows in corpus order, with ``inclusion_probability`` (n_h / N_h) and a
        ``sample_id`` (1, 2, …).
    """
    rng = np.random.default_rng(seed)
    strata = sorted(units["stratum"].unique())
    sizes = units["stratum"].value_counts().reindex(strata).to_numpy()
    n = allocate(sizes, size, minimum)
    picked, pi = [], {}
    for s, n_h, big_n in zip(strata, n, sizes):
        rows = np.flatnonzero(units["stratum"].to_numpy() == s)
        picked += sorted(rng.choice(rows, size=int(n_h), replace=False).tolist())
        pi[s] = n_h / big_n
    out = units.iloc[sorted(picked)].copy()
    out["inclusion_probability"] = out["stratum"].map(pi).round(6)
    out.insert(0, "sample_id", np.arange(1, len(out) + 1))
    return out.reset_index(drop=True)


def sampling_frame(paragraphs: pd.DataFrame, spans: pd.DataFrame, sentence_themes: pd.DataFrame, paragraph_themes: pd.DataFrame, unit: str) -> pd.DataFrame:
    """One row per unit to sample from: sentences or paragraphs, with where they are, their
    text, their predicted theme and their stratum (level × predicted theme)."""
    para = paragraphs[["para_id", "source", "line_start", "line_end", "level", "text"]]
    if unit == "sentence":
        df = spans.merge(sentence_themes[["para_id", "sentence", "theme", "confidence"]], on=["para_id", "sentence"]).merge(para.drop(columns="text"), on="para_id")
        df["text"] = sentence_texts(paragraphs, df)
        # the index of the sentence among all the sentences cut from its source line
        df["line_sentence"] = df.groupby(["source", "line_start"], sort=False).cumcount()
    else:
        df = para.merge(paragraph_themes[["para_id", "theme", "confidence"]], on="para_id")
        df["sentence"] = -1
        df["line_sentence"] = -1
    df["level"] = df["level"].replace("", "unknown").fillna("unknown")
    df["stratum"] = df["level"] + "/" + df["theme"]
    df["file_line"] = df["source"] + ":" + np.where(df["line_start"] == df["line_end"], df["line_start"].astype(str), df["line_start"].astype(str) + "-" + df["line_end"].astype(str))
    return df


def label_sheets(sample: pd.DataFrame, unit: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sheet to code (what the label readers take, the label column empty) and the
    hidden predictions, joined by ``sample_id``."""
    common = ["sample_id", "source", "line"]
    sheet = sample.rename(columns={"line_start": "line"})
    if unit == "sentence":
        sheet = sheet.assign(sentence=sheet["line_sentence"], label="")
        cols = common + ["sentence", "label", "text", "file_line", "para_id", "sentence_in_paragraph", "stratum", "inclusion_probability"]
        sheet = sheet.assign(sentence_in_paragraph=sample["sentence"])
    else:
        sheet = sheet.assign(primary="", secondary="")
        cols = common + ["primary", "secondary", "text", "file_line", "para_id", "stratum", "inclusion_probability"]
    # the sheet names each stratum by a code (S1, S2, …), not by level/theme: the theme is the
    # pipeline's, and the coder should not see it; the predictions file says what each code stands for
    code = {s: f"S{i}" for i, s in enumerate(sorted(sample["stratum"].unique()), start=1)}
    sheet = sheet.assign(stratum=sample["stratum"].map(code).to_numpy())
    predictions = sample[["sample_id", "theme", "confidence", "stratum"]].rename(columns={"theme": "predicted"}).assign(stratum_code=sample["stratum"].map(code).to_numpy())
    return sheet[cols], predictions


def codebook(themes: ThemesParams) -> str:
    """The coding instructions: the themes of ``params.yaml`` and how to use the sheet."""
    unit = themes.unit
    what = "sentence" if unit == "sentence" else "paragraph"
    column = "label" if unit == "sentence" else "primary"
    lines = [
        "# Codebook for the hand-coding sample",
        "",
        f"`label_sample.csv` (written by the evaluate stage; `sample.size` rows) holds {what}s drawn at random, stratified by the locality's level and the pipeline's theme.",
        f"For each row, read `text` (open `file_line` for context) and write one theme in `{column}`, by its key or its Chinese or English name"
        + (" (and optionally secondary themes, separated by `;`, in `secondary`)." if unit != "sentence" else "."),
        "Do not open `label_sample_predictions.csv` before you are done: it holds the pipeline's themes.",
        f"Save the filled sheet in `labels/` (e.g. `labels/label_sample_coded.csv`), set `eval.{'sentence_labels' if unit == 'sentence' else 'labels'}` "
        "in `params.yaml` to it and run `dvc repro`:",
        "the report gains the classifier's accuracy on this corpus and shares corrected for its errors.",
        "Keep `stratum` and `inclusion_probability`: the correction needs them.",
        "",
        "| key | theme | what belongs here | seed words |",
        "|---|---|---|---|",
    ]
    for d in themes.definitions:
        extra = ""
        if d.sections:
            extra = (f" Paragraphs under headings containing {', '.join(d.sections)} are coded here; code each of their sentences by what it says."
                     if themes.unit == "sentence" else f" Text under headings containing {', '.join(d.sections)} belongs here.")
        extra += " Text no other theme claims belongs here." if d.fallback else ""
        lines.append(f"| `{d.key}` | {d.zh} {d.en} | {d.description}{extra} | {' '.join(d.seeds[:25])}{' …' if len(d.seeds) > 25 else ''} |")
    # the framing example names the theme that holds employment policy where the theme set has one (the default's livelihood)
    jobs = next((d for d in themes.definitions if "就业" in d.seeds), None)
    example = f" (习近平总书记指出… followed by employment policy is `{jobs.key}`)" if jobs is not None else ""
    fallback = f"the fallback theme (`{themes.fallback}`)" if themes.fallback else "the theme with the most concrete content"
    lines += [
        "",
        f"Rules of thumb: judge what the text says, not its framing words{example};",
        f"a short lead or heading-like sentence takes the theme of what it introduces; a text listing several themes with none dominant is {fallback}.",
        "",
    ]
    return "\n".join(lines)

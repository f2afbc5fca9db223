"""Stage ``evaluate``: the hand-coding loop — a random sample to code, and the accuracy of
the themes against hand-labelled lines and sentences.

``reports/label_sample.csv`` is a stratified random sample of sentences (paragraphs with
``themes.unit: paragraph``) to code by hand (see :mod:`pipeline.sampling`; the codebook is
``reports/codebook.md``); the pipeline's themes for it are apart, in
``reports/label_sample_predictions.csv``. Coded and named in ``eval.sentence_labels`` (or
``eval.labels``), it is read back here.

``eval.labels`` names a CSV with ``source``, ``line`` and ``primary`` (see
:mod:`pipeline.labels`). Each labelled line is matched to the paragraphs cut from it (same
source, line inside ``line_start..line_end``); where a line gave several paragraphs, the
theme with most of its characters is the line's prediction.

``eval.sentence_labels`` names a CSV of labelled sentences (``source``, ``line``,
``sentence``, ``label``, ``text``): each is found among the sentences cut from its line and
predicted as the theme holding most of its characters; per labelled line, the total
variation distance between the labelled and the predicted character shares of the themes
says how far the shares are off.

Outputs:
    ``metrics/eval.json``     accuracy, macro-F1, per-theme precision/recall/F1, matched counts; ``sentences``: the same for sentences, and ``share_tv``;
                              ``intervals``: 95% bootstrap intervals of the accuracy, macro-F1 (and share TV), resampling labelled documents;
                              ``weighted``: the labels are the pipeline's random sample, each weighted by 1/inclusion probability;
                              ``in_training``: how many labels fall on sentences the theme model was trained on (the builtin model's labels or themes.examples: in-sample)
    ``reports/eval_confusion.csv``  one row per matched line (actual, predicted): a DVC confusion plot
    ``reports/label_sample.csv``, ``reports/label_sample_predictions.csv``  the sample to code and the pipeline's themes for it
    ``data/processed/hand_labels.parquet``  every labelled unit with the pipeline's theme beside its label, and
                              its inclusion probability where the labels are the pipeline's random sample
                              (what the report corrects the shares with)
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from .config import ParamsError
from .io import run_stage, setup_logging, write_csv, write_json, write_parquet
from .sampling import draw_sample, label_sheets, sampling_frame
from .artifacts import ThemeCatalog
from .labels import AMBIGUOUS, BY_TEXT, HAND_LABEL_COLUMNS, NO_SOURCE, NOWHERE, TEXT_ELSEWHERE, align_sentence_labels, design_weights, hand_labelled_units, labelled_rows, line_reasons, match_labels, read_labels, read_sentence_labels, score_intervals, scores, sentence_scores, shared_paragraphs

log = logging.getLogger("pipeline.evaluate")

PARAMS = ("eval.labels", "eval.sentence_labels", "eval.n_boot", "eval.seed", "sample.size", "sample.seed", "sample.min_per_stratum", "themes.unit")
SAMPLE = config.REPORTS / "label_sample.csv"
SAMPLE_PREDICTIONS = config.REPORTS / "label_sample_predictions.csv"
CONFUSION_COLUMNS = ["source", "line", "actual", "predicted"]


def evaluate(labels: pd.DataFrame, paragraphs: pd.DataFrame, themes: pd.DataFrame, keys: list[str], where: str = "the labels",
             n_boot: int = 1000, seed: int = 0, quiet: bool = False) -> tuple[dict, pd.DataFrame]:
    """Score the themes of ``paragraphs`` against hand ``labels`` (``quiet``: without the
    warnings, for a second scoring of some of the same labels).

    Returns:
        ``(metrics, confusion)``: accuracy, macro-F1 and per-theme scores with the numbers
        of labels and matched labels (weighted by 1/inclusion probability when the labels are
        the pipeline's random sample: ``weighted``), and their bootstrap ``intervals`` (see
        :func:`pipeline.labels.score_intervals`); one row per matched label (source, line, actual, predicted).
    Raises:
        ParamsError: no label matches a paragraph of this corpus.
    """
    matched = match_labels(labels, paragraphs, themes)
    ok = matched["predicted"].notna()
    if not ok.any():
        raise ParamsError(f"eval.labels: none of the {len(labels)} labelled lines of {where} matches a paragraph of this corpus (check corpus.dir and the label sources)")
    m = matched[ok].rename(columns={"primary": "actual"})
    weights, note = design_weights(m, labels.attrs.get("drawn"))
    if weights is not None:
        m = m.assign(weight=weights)
    found_by = matched["found_by"].value_counts()
    metrics = {"evaluated": True, "labels": int(len(labels)), "matched": int(ok.sum()), "matched_by_text": int(found_by.get(BY_TEXT, 0)),
               "text_not_found": int(found_by.get(TEXT_ELSEWHERE, 0)), "ambiguous_source": int(found_by.get(AMBIGUOUS, 0)),
               **scores(m["actual"].tolist(), m["predicted"].tolist(), keys, weights),
               "weighted": weights is not None, "intervals": score_intervals(m, keys, n_boot, seed),
               "unmatched": unmatched_list(matched[~ok], matched.loc[~ok, "found_by"].tolist())}
    shared = shared_paragraphs(matched[ok])
    metrics["shared_paragraph"] = {"labels": int(len(shared)), "disagreeing": int(shared["disagrees"].sum())}
    if shared["disagrees"].any() and not quiet:
        at = shared[shared["disagrees"]]
        where = [f"{src}:{line}" for src, line in zip(at["source"], at["line"])]
        listed = ", ".join(where[:10]) + (" …" if len(where) > 10 else "")
        log.warning("eval.labels: %d labels fall on a paragraph that another label with another theme also falls on (ingest merged their "
                    "lines, see ingest_log.csv): one predicted theme is scored against both, so at most one can be right (%s); "
                    "metrics/eval.json → shared_paragraph", len(at), listed)
    if note:
        metrics["weighting"] = note
    return metrics, m[CONFUSION_COLUMNS]


UNMATCHED_LISTED = 20  # labels that matched nothing, listed by source, line and reason in metrics/eval.json (the first so many)


def unmatched_list(labels: pd.DataFrame, reasons: list[str]) -> list[dict]:
    """The first :data:`UNMATCHED_LISTED` of ``labels`` (rows that matched nothing) as
    ``{source, line[, sentence], reason}``, so that a user can find and fix each."""
    cols = [c for c in ("source", "line", "sentence") if c in labels.columns]

    def value(c: str, v):
        if c == "source" or pd.isna(v):
            return None if pd.isna(v) else str(v)
        try:
            return int(v)
        except (TypeError, ValueError):  # a sentence column left blank in a paragraph sheet
            return str(v)

    return [{**{c: value(c, v) for c, v in zip(cols, row)}, "reason": why} for row, why in zip(labels[cols].itertuples(index=False), reasons)][:UNMATCHED_LISTED]


def _log_unmatched(key: str, n: int, listed: list[dict]) -> None:
    if n:
        log.warning("%s: %d labels matched nothing, e.g. %s (metrics/eval.json lists %d with their reasons)", key, n,
                    "; ".join(f"{u['source']}:{u['line']} ({u['reason']})" for u in listed[:3]), len(listed))


def in_training(labels: pd.DataFrame | None, gold: pd.DataFrame | None, paragraphs: pd.DataFrame, spans: pd.DataFrame, trained: pd.Series) -> dict:
    """Which labels fall on sentences the builtin model was trained on (``trained``: one
    bool per sentence of ``spans``): measured on them, accuracy is in-sample and optimistic.
    A paragraph label counts when any sentence of its line's paragraphs is such a sentence.
    Returns one bool array per label file given: ``labels``, ``sentence_labels``."""
    out = {}
    trained = trained.to_numpy(bool)
    if labels is not None:
        hit = set(spans.loc[trained, "para_id"])
        rows = labelled_rows(labels, paragraphs)
        out["labels"] = np.array([bool(len(r)) and bool(set(paragraphs["para_id"].to_numpy()[r]) & hit) for r in rows], dtype=bool)
    if gold is not None:
        out["sentence_labels"] = np.array([any(trained[row] for row, _ in where) for where in align_sentence_labels(gold, paragraphs, spans)], dtype=bool)
    return out


def without_training_text(masks: dict, labels: pd.DataFrame | None, gold: pd.DataFrame | None, paragraphs: pd.DataFrame, themes: pd.DataFrame,
                          spans: pd.DataFrame, sentences: pd.DataFrame, keys: list[str], n_boot: int, seed: int) -> dict:
    """The scores on the labels that fall on no training sentence, for each label file some
    (not all) of whose labels do: the out-of-sample part of an evaluation that is partly
    in-sample (a report's opening formula, 各位代表：, is in the builtin model's training text)."""
    out = {}
    for key, frame in (("labels", labels), ("sentence_labels", gold)):
        mask = masks.get(key)
        if frame is None or mask is None or not mask.any() or mask.all():
            continue
        rest = frame[~mask]
        try:
            if key == "labels":
                m, _ = evaluate(rest, paragraphs, themes, keys, n_boot=n_boot, seed=seed, quiet=True)
            else:
                m = evaluate_sentences(rest, paragraphs, spans, sentences, keys, n_boot, seed)
        except ParamsError:  # none of the rest matches: nothing to score
            continue
        if not m.get("matched"):
            continue
        out[key] = {"labels": int(len(rest)), "matched": int(m["matched"]), "accuracy": m["accuracy"], "macro_f1": m["macro_f1"],
                    **({"share_tv": m["share_tv"]} if "share_tv" in m else {}), "intervals": m.get("intervals", {})}
    return out


def evaluate_sentences(labels: pd.DataFrame, paragraphs: pd.DataFrame, spans: pd.DataFrame, sentence_themes: pd.DataFrame, keys: list[str],
                       n_boot: int = 1000, seed: int = 0, per_sentence: list | None = None) -> dict:
    """Score the sentence themes against labelled sentences (see :func:`pipeline.labels.sentence_scores`),
    with bootstrap ``intervals`` of accuracy, macro-F1 and share TV (``per_sentence``, if given, gets the
    table of matched labelled sentences: source, line, sentence, actual, predicted …)."""
    alignment = align_sentence_labels(labels, paragraphs, spans)
    result, per = sentence_scores(labels, alignment, sentence_themes["theme"].to_numpy(), keys)
    if per_sentence is not None:
        per_sentence.append(per)
    if len(per):
        result["intervals"] = score_intervals(per, keys, n_boot, seed)
    lost = np.flatnonzero([not where for where in alignment])
    result["unmatched"] = []  # as for paragraph labels: the key is there whether or not any label was lost
    if len(lost):
        missed = labels.iloc[lost[:UNMATCHED_LISTED]]
        how = line_reasons(labels, paragraphs)  # as the line was looked for: by all its labels' texts
        reasons = [h if (h := how.get((src, line), "")) in (AMBIGUOUS, NOWHERE, NO_SOURCE, TEXT_ELSEWHERE) else "sentence text not found in its line"
                   for src, line in zip(missed["source"], missed["line"])]
        result["unmatched"] = unmatched_list(missed, reasons)
    return result


def draw_label_sample(paragraphs: pd.DataFrame, spans: pd.DataFrame, sentence_themes: pd.DataFrame, paragraph_themes: pd.DataFrame, unit: str,
                      size: int, min_per_stratum: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sheet to code by hand and the pipeline's themes for it (see :mod:`pipeline.sampling`)."""
    frame = sampling_frame(paragraphs, spans, sentence_themes, paragraph_themes, unit)
    return label_sheets(draw_sample(frame, size, min_per_stratum, seed), unit)


def _redrawn(labels: pd.DataFrame, sheet: pd.DataFrame, key: str, path: str) -> dict:
    """How many coded rows of a sheet the pipeline drew are not in the sample drawn now (a param changed the predicted
    themes that stratify it, so the stage drew anew), said in the log: the coded rows still evaluate, and weight by the
    inclusion probabilities of the draw they came from, which stays a random sample of this corpus's units."""
    if not {"para_id", "stratum", "inclusion_probability"} <= set(labels.columns) or not len(labels):
        return {}
    cols = ["para_id"] + (["sentence_in_paragraph"] if "sentence_in_paragraph" in labels.columns and "sentence_in_paragraph" in sheet.columns else [])
    coded = labels[cols].astype(str).agg("/".join, axis=1)
    now = set(sheet[cols].astype(str).agg("/".join, axis=1)) if set(cols) <= set(sheet.columns) else set()
    gone = int((~coded.isin(now)).sum())
    if not gone:
        return {}
    log.warning("%s: %d of the %d coded rows of %s are not in the sample drawn now (%s): a param changed the themes that stratify it, "
                "so the stage drew anew; the coded rows still evaluate and correct the shares, weighted by their own draw's inclusion "
                "probabilities, and the new sheet is for coding more", key, gone, len(coded), path, SAMPLE)
    return {"coded_rows": int(len(coded)), "not_in_current_draw": gone}


def check_label_paths(labels_file: str, sentence_file: str) -> None:
    """Refuse labels read from the sheet this stage writes: DVC removes the stage's outputs
    before it runs, and the stage draws a new sheet there, so the coding would be lost."""
    for key, value in (("eval.labels", labels_file), ("eval.sentence_labels", sentence_file)):
        if value and Path(value).resolve() in (SAMPLE.resolve(), SAMPLE_PREDICTIONS.resolve()):
            raise ParamsError(f"{key}: {value} is a sheet the evaluate stage writes and overwrites; "
                              "save the coded sheet under another name in labels/ (e.g. labels/label_sample_coded.csv) and name that")


def main() -> int:
    setup_logging("evaluate")
    p = config.stage_params("evaluate", PARAMS)
    catalog = ThemeCatalog.read()
    keys = catalog.keys
    confusion_path = config.REPORTS / "eval_confusion.csv"
    labels_file, sentence_file = p.eval.labels, p.eval.sentence_labels
    check_label_paths(labels_file, sentence_file)
    if labels_file:
        config.warn_untracked("eval.labels", labels_file)
    if sentence_file:
        config.warn_untracked("eval.sentence_labels", sentence_file)
    paragraphs = pd.read_parquet(config.PARAGRAPHS, columns=["para_id", "source", "line_start", "line_end", "level", "text", "n_chars"])
    spans = pd.read_parquet(config.SENTENCE_SPANS, columns=["para_id", "sentence", "char_start", "char_end", "n_chars"])
    themes = pd.read_parquet(config.THEMES, columns=["para_id", "theme", "confidence"])
    sentences = pd.read_parquet(config.SENTENCE_THEMES, columns=["para_id", "sentence", "theme", "confidence", "in_training"])
    sheet, predictions = draw_label_sample(paragraphs, spans, sentences, themes, p.themes.unit, p.sample.size, p.sample.min_per_stratum, p.sample.seed)
    write_csv(sheet, SAMPLE, bom=True)  # coded in Excel or WPS, read back in any encoding (pipeline.labels.read_label_csv)
    write_csv(predictions, SAMPLE_PREDICTIONS, bom=True)
    log.info("%d %ss to code by hand → %s (codebook: reports/codebook.md)", len(sheet), p.themes.unit, SAMPLE)
    if not labels_file and not sentence_file:
        log.info("eval.labels and eval.sentence_labels are empty: nothing to evaluate")
        write_json({"evaluated": False}, config.METRICS / "eval.json")
        write_csv(pd.DataFrame(columns=CONFUSION_COLUMNS), confusion_path)
        write_parquet(pd.DataFrame(columns=HAND_LABEL_COLUMNS), config.HAND_LABELS)
        return 0
    result: dict = {}
    confusion = pd.DataFrame(columns=CONFUSION_COLUMNS)
    labels = gold = None
    if labels_file:
        labels = read_labels(Path(labels_file), keys, names=catalog.label_names)
        result, confusion = evaluate(labels, paragraphs, themes, keys, labels_file, p.eval.n_boot, p.eval.seed)
        log.info(
            "%d of %d labelled lines matched: accuracy %.3f, macro-F1 %.3f (%s)",
            result["matched"], result["labels"], result["accuracy"], result["macro_f1"],
            ", ".join(f"{k} {v['f1']:.2f}" for k, v in result["per_theme"].items() if v.get("support")),
        )
        _log_unmatched("eval.labels", result["labels"] - result["matched"], result["unmatched"])
        if result["matched_by_text"] or result["text_not_found"]:
            log.warning("eval.labels: %d labelled lines held another text and were found by their text elsewhere in their source; "
                        "%d whose line held another text were not found by their text either (are the line numbers and texts the corpus's?)", result["matched_by_text"], result["text_not_found"])
    if labels is not None and (redrawn := _redrawn(labels, sheet, "eval.labels", labels_file)):
        result["sample_redrawn"] = redrawn
    if sentence_file:
        gold = read_sentence_labels(Path(sentence_file), keys, names=catalog.label_names)
        if redrawn := _redrawn(gold, sheet, "eval.sentence_labels", sentence_file):
            result["sample_redrawn"] = redrawn
        per_sentence: list = []
        s = evaluate_sentences(gold, paragraphs, spans, sentences, keys, p.eval.n_boot, p.eval.seed, per_sentence)
        if not labels_file and len(per_sentence[0]):  # the confusion plot of the sentence labels, where they are all there is
            confusion = per_sentence[0][CONFUSION_COLUMNS]
        if not s["matched"]:
            raise ParamsError(f"eval.sentence_labels: none of the {len(gold)} labelled sentences of {sentence_file} is found in this corpus (check corpus.dir and the label sources)")
        result["sentences"] = s
        _log_unmatched("eval.sentence_labels", s["labels"] - s["matched"], s["unmatched"])
        log.info("%d of %d labelled sentences matched: accuracy %.3f, macro-F1 %.3f; mean share error (TV) over %d paragraphs %.3f",
                 s["matched"], s["labels"], s["accuracy"], s["macro_f1"], s["paragraphs"], s["share_tv"])
    for what, m in (("labelled lines", result if labels_file else {}), ("labelled sentences", result.get("sentences", {}))):
        if m.get("weighting"):
            log.warning("%s: %s", what, m["weighting"])
    masks = in_training(labels, gold, paragraphs, spans, sentences["in_training"]) if sentences["in_training"].any() else {}
    overlap = {k: int(v.sum()) for k, v in masks.items()}
    if any(overlap.values()):
        result["in_training"] = dict(overlap)
        rest = without_training_text(masks, labels, gold, paragraphs, themes, spans, sentences, keys, p.eval.n_boot, p.eval.seed)
        if rest:
            result["in_training"]["without"] = rest
        log.warning("%s fall on sentences the theme model was trained on (the builtin model's labels, or themes.examples): their accuracy is in-sample (optimistic)",
                    " and ".join(f"{n} {'sentence' if k == 'sentence_labels' else 'paragraph'} labels" for k, n in overlap.items() if n))
    units = hand_labelled_units(labels, gold, paragraphs, spans, themes, sentences)
    result["random_sample_units"] = int(units["inclusion_probability"].notna().sum())
    result["uncoded_rows"] = int(sum(x.attrs.get("uncoded", 0) for x in (labels, gold) if x is not None))
    result["repeated_rows"] = int(sum(x.attrs.get("repeated", 0) for x in (labels, gold) if x is not None))
    result["conflicting_rows"] = int(sum(x.attrs.get("conflicting", 0) for x in (labels, gold) if x is not None))
    # evaluated: any labels were (paragraph labels' figures at the top, sentence labels' under "sentences"; it was false
    # with sentence labels alone, which `dvc metrics show` read as nothing evaluated)
    result = {"evaluated": True, **result}
    write_json(result, config.METRICS / "eval.json")
    write_csv(confusion, confusion_path)
    write_parquet(units, config.HAND_LABELS)
    return 0


if __name__ == "__main__":
    run_stage(main, "evaluate")

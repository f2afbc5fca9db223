"""Stage ``evaluate``: theme accuracy against hand-labelled lines.

``eval.labels`` names a CSV with ``source``, ``line`` and ``primary`` (see
:mod:`pipeline.labels`). Each labelled line is matched to the paragraphs cut from it (same
source, line inside ``line_start..line_end``); where a line gave several paragraphs, the
theme with most of its characters is the line's prediction.

Outputs:
    ``metrics/eval.json``     accuracy, macro-F1, per-theme precision/recall/F1, matched counts
    ``reports/eval_confusion.csv``  one row per matched line (actual, predicted): a DVC confusion plot
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from . import config
from .config import ParamsError
from .io import run_stage, setup_logging, write_csv, write_json
from .labels import match_labels, read_labels, scores

log = logging.getLogger("pipeline.evaluate")

PARAMS = ("eval.labels", "themes.definitions")
CONFUSION_COLUMNS = ["source", "line", "actual", "predicted"]


def evaluate(labels: pd.DataFrame, paragraphs: pd.DataFrame, themes: pd.DataFrame, keys: list[str], where: str = "the labels") -> tuple[dict, pd.DataFrame]:
    """Score the themes of ``paragraphs`` against hand ``labels``.

    Returns:
        ``(metrics, confusion)``: accuracy, macro-F1 and per-theme scores with the numbers
        of labels and matched labels; one row per matched label (source, line, actual, predicted).
    Raises:
        ParamsError: no label matches a paragraph of this corpus.
    """
    matched = match_labels(labels, paragraphs, themes)
    ok = matched["predicted"].notna()
    if not ok.any():
        raise ParamsError(f"eval.labels: none of the {len(labels)} labelled lines of {where} matches a paragraph of this corpus (check corpus.dir and the label sources)")
    m = matched[ok]
    metrics = {"evaluated": True, "labels": int(len(labels)), "matched": int(ok.sum()), **scores(m["primary"].tolist(), m["predicted"].tolist(), keys)}
    return metrics, m.rename(columns={"primary": "actual"})[CONFUSION_COLUMNS]


def main() -> int:
    setup_logging("evaluate")
    p = config.stage_params("evaluate", PARAMS)
    keys = p.themes.keys
    confusion_path = config.REPORTS / "eval_confusion.csv"
    if not p.eval.labels:
        log.info("eval.labels is empty: nothing to evaluate")
        write_json({"evaluated": False}, config.METRICS / "eval.json")
        write_csv(pd.DataFrame(columns=CONFUSION_COLUMNS), confusion_path)
        return 0
    labels = read_labels(Path(p.eval.labels), keys)
    paragraphs = pd.read_parquet(config.PARAGRAPHS, columns=["para_id", "source", "line_start", "line_end", "n_chars"])
    themes = pd.read_parquet(config.THEMES, columns=["para_id", "theme"])
    result, confusion = evaluate(labels, paragraphs, themes, keys, p.eval.labels)
    write_json(result, config.METRICS / "eval.json")
    write_csv(confusion, confusion_path)
    log.info(
        "%d of %d labelled lines matched: accuracy %.3f, macro-F1 %.3f (%s)",
        result["matched"], result["labels"], result["accuracy"], result["macro_f1"],
        ", ".join(f"{k} {v['f1']:.2f}" for k, v in result["per_theme"].items()),
    )
    return 0


if __name__ == "__main__":
    run_stage(main, "evaluate")

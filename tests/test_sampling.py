"""The hand-coding sample: stratified, seeded, with inclusion probabilities, and sheets that
the label readers take back."""

import numpy as np
import pandas as pd

from pipeline.labels import hand_labelled_units, read_sentence_labels
from pipeline.sampling import allocate, codebook, draw_sample, label_sheets, sampling_frame


def test_allocation_gives_every_stratum_its_minimum_then_proportions():
    n = allocate(np.array([1000, 100, 3, 0]), total=50, minimum=5)
    assert n.tolist()[2:] == [3, 0]  # a small stratum gives all it has
    assert n.sum() == 50 and n[0] > n[1] >= 5
    assert allocate(np.array([4, 4]), total=100, minimum=2).tolist() == [4, 4]  # never more than a stratum has


def _frame():
    rng = np.random.default_rng(0)
    themes = rng.choice(["party", "industry", "ecology"], p=[0.1, 0.8, 0.1], size=400)
    return pd.DataFrame({"unit": range(400), "stratum": [f"county/{t}" for t in themes]})


def test_sample_is_stratified_seeded_and_knows_its_inclusion_probabilities():
    frame = _frame()
    a = draw_sample(frame, size=60, minimum=10, seed=3)
    assert len(a) == 60 and a["sample_id"].tolist() == list(range(1, 61))
    counts = a["stratum"].value_counts()
    assert counts.min() >= 10
    sizes = frame["stratum"].value_counts()
    for s, n in counts.items():
        assert (a.loc[a["stratum"] == s, "inclusion_probability"] == round(n / sizes[s], 6)).all()
    pd.testing.assert_frame_equal(a, draw_sample(frame, size=60, minimum=10, seed=3))
    assert not a["unit"].equals(draw_sample(frame, size=60, minimum=10, seed=4)["unit"])


def test_sentence_sheet_reads_back_as_sentence_labels(tmp_path):
    paragraphs = pd.DataFrame({"para_id": ["d:1", "d:2"], "source": ["d.txt", "d.txt"], "line_start": [3, 3], "line_end": [3, 3], "level": ["county", "county"],
                               "text": ["加强党建工作。发展产业经济。", "保护生态环境。"], "n_chars": [14, 7]})
    spans = pd.DataFrame({"para_id": ["d:1", "d:1", "d:2"], "sentence": [0, 1, 0], "char_start": [0, 7, 0], "char_end": [7, 14, 7], "n_chars": [7, 7, 7]})
    s_themes = pd.DataFrame({"para_id": ["d:1", "d:1", "d:2"], "sentence": [0, 1, 0], "theme": ["party", "industry", "ecology"], "confidence": [0.9, 0.8, 0.7]})
    p_themes = pd.DataFrame({"para_id": ["d:1", "d:2"], "theme": ["party", "ecology"], "confidence": [0.9, 0.7]})
    frame = sampling_frame(paragraphs, spans, s_themes, p_themes, "sentence")
    assert frame["line_sentence"].tolist() == [0, 1, 2]  # counted across the paragraphs of the line
    sheet, predictions = label_sheets(draw_sample(frame, 3, 1, 0), "sentence")
    assert "predicted" not in sheet.columns and "theme" not in sheet.columns  # the coder is not shown the pipeline's theme
    assert predictions["predicted"].tolist() == ["party", "industry", "ecology"]
    sheet["label"] = ["party", "party", ""]  # coded in part
    sheet.to_csv(tmp_path / "coded.csv", index=False)
    gold = read_sentence_labels(tmp_path / "coded.csv", ["party", "industry", "ecology"])
    assert len(gold) == 2 and gold.attrs["uncoded"] == 1
    units = hand_labelled_units(None, gold, paragraphs, spans, p_themes, s_themes)
    assert units[["para_id", "sentence", "predicted", "label"]].values.tolist() == [["d:1", 0, "party", "party"], ["d:1", 1, "industry", "party"]]
    assert (units["inclusion_probability"] == 1.0).all() and (units["stratum"] != "").all()
    # the corpus cut anew (ingest.max_chars, a line added): the sheet's ids now name other
    # sentences, and each label still goes to the sentence that holds its text
    recut = paragraphs.assign(text=["保护生态环境。加强党建工作。发展产业经济。", ""], n_chars=[21, 0]).iloc[:1]
    respans = pd.DataFrame({"para_id": ["d:1"] * 3, "sentence": [0, 1, 2], "char_start": [0, 7, 14], "char_end": [7, 14, 21], "n_chars": [7, 7, 7]})
    rethemes = s_themes.assign(para_id="d:1", sentence=[0, 1, 2], theme=["ecology", "party", "industry"])
    units = hand_labelled_units(None, gold, recut, respans, p_themes, rethemes)
    assert units[["para_id", "sentence", "predicted", "label"]].values.tolist() == [["d:1", 1, "party", "party"], ["d:1", 2, "industry", "party"]]


def test_codebook_lists_every_theme(default_params):
    from pipeline import config
    from pipeline.config import ThemesParams

    themes = config.section(default_params, "themes", ThemesParams)
    text = codebook(themes)
    assert "holds sentences drawn at random" in text and "eval.sentence_labels" in text
    for d in themes.definitions:
        assert f"| `{d.key}` |" in text
    assert text.count("\n|") == len(themes.definitions) + 2
    assert "employment policy is `livelihood`" in text and "the fallback theme (`other`)" in text and "labels/label_sample_coded.csv" in text
    # a theme set of one's own: its own keys, no example it does not have
    from dataclasses import replace

    own = replace(themes, definitions=[d for d in themes.definitions if d.key != "livelihood"])
    assert "employment policy" not in codebook(own)


def test_the_sheet_names_strata_by_code_and_the_predictions_file_says_what_they_are():
    from pipeline.sampling import label_sheets

    sample = pd.DataFrame({"sample_id": [1, 2, 3], "source": "a.txt", "line_start": [1, 2, 3], "primary": "", "text": ["甲", "乙", "丙"],
                           "file_line": ["a.txt:1", "a.txt:2", "a.txt:3"], "para_id": ["p1", "p2", "p3"], "theme": ["party", "other", "party"],
                           "confidence": 0.9, "stratum": ["county/party", "county/other", "county/party"], "inclusion_probability": [0.5, 1.0, 0.5]})
    sheet, predictions = label_sheets(sample, "paragraph")
    assert sheet["stratum"].tolist() == ["S2", "S1", "S2"]  # no theme in the coder's sheet
    assert not sheet.apply(lambda col: col.astype(str).str.contains("party|other")).any().any()
    assert dict(zip(predictions["stratum_code"], predictions["stratum"])) == {"S1": "county/other", "S2": "county/party"}

import pandas as pd
import pytest

from conftest import DEV_LABELS, needs_shared
from pipeline.config import ParamsError
from pipeline.labels import match_labels, read_labels, scores

KEYS = ["party", "industry", "livelihood", "ecology", "other"]


def test_labels_match_paragraphs_by_line_span():
    paragraphs = pd.DataFrame({
        "para_id": ["d:1", "d:2", "d:3"], "source": ["cn/2025_x.txt"] * 3,
        "line_start": [1, 2, 2], "line_end": [1, 2, 3], "n_chars": [100, 50, 200],
    })
    themes = pd.DataFrame({"para_id": ["d:1", "d:2", "d:3"], "theme": ["party", "ecology", "industry"]})
    labels = pd.DataFrame({"source": ["2025_x.txt", "cn/2025_x.txt", "cn/2025_x.txt", "other.txt"], "line": [1, 2, 9, 1], "primary": ["party"] * 4})
    m = match_labels(labels, paragraphs, themes)
    assert m["predicted"].iloc[0] == "party"  # label paths relative to another root still match
    assert m["predicted"].iloc[1] == "industry"  # line 2 gave 50 chars of ecology and 200 of industry
    assert m["predicted"].iloc[2:].isna().all()  # no paragraph from line 9, nor from other.txt


def test_scores():
    s = scores(["party", "party", "ecology", "other"], ["party", "ecology", "ecology", "other"], KEYS)
    assert s["accuracy"] == 0.75
    assert s["per_theme"]["party"] == {"precision": 1.0, "recall": 0.5, "f1": pytest.approx(0.6667, abs=1e-4), "support": 2}
    assert s["macro_f1"] == pytest.approx((0.6667 + 0.6667 + 1.0) / 3, abs=1e-3)


def test_malformed_label_files_are_named(tmp_path):
    with pytest.raises(ParamsError, match="not found"):
        read_labels(tmp_path / "none.csv", KEYS)
    f = tmp_path / "l.csv"
    f.write_text("file,line,label\nx,1,party\n", encoding="utf-8")
    with pytest.raises(ParamsError, match=r"lacks column\(s\) \['source', 'primary'\]"):
        read_labels(f, KEYS)
    f.write_text("source,line,primary\nx,one,party\n", encoding="utf-8")
    with pytest.raises(ParamsError, match="row 2 has no valid source/line"):
        read_labels(f, KEYS)
    f.write_text("source,line,primary\nx,1,sports\n", encoding="utf-8")
    with pytest.raises(ParamsError, match=r"labels \['sports'\] that are not theme keys"):
        read_labels(f, KEYS)
    f.write_bytes("source,line,primary\nx,1,party\n".encode("utf-16"))
    with pytest.raises(ParamsError, match="not a readable UTF-8 CSV"):
        read_labels(f, KEYS)


@needs_shared
def test_dev_labels_read():
    labels = read_labels(DEV_LABELS, KEYS)
    assert len(labels) > 100 and set(labels["primary"]) <= set(KEYS)


def test_sentence_labels_give_accuracy_and_share_error():
    import numpy as np

    from pipeline.ingest import cut_sentences
    from pipeline.labels import align_sentence_labels, sentence_scores

    paragraphs = pd.DataFrame({"para_id": ["d:1", "d:2"], "source": ["c/d.txt"] * 2, "line_start": [3, 3], "line_end": [3, 3],
                               "text": ["加强党建工作。发展产业经济。", "保护生态环境。"], "n_chars": [14, 7]})
    spans = cut_sentences(paragraphs, 200)
    labels = pd.DataFrame({"source": ["d.txt"] * 4, "line": [3, 3, 3, 9], "sentence": [0, 1, 2, 0],
                           "label": ["party", "industry", "ecology", "party"], "text": ["加强党建工作。", "发展产业经济。", "保护生态环境。", "没有这一句。"]})
    where = align_sentence_labels(labels, paragraphs, spans)
    assert where == [[(0, 7)], [(1, 7)], [(2, 7)], []]
    predicted = np.array(["party", "party", "ecology"])  # the industry sentence is wrong
    result, per = sentence_scores(labels, where, predicted, KEYS)
    assert (result["matched"], result["labels"], result["paragraphs"]) == (3, 4, 1)
    assert result["accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    # labelled shares party 1/3, industry 1/3, ecology 1/3; predicted party 2/3, ecology 1/3
    assert result["share_tv"] == pytest.approx(1 / 3, abs=1e-4)
    assert per["predicted"].tolist() == ["party", "party", "ecology"]


@needs_shared
def test_dev_sentence_labels_read():
    from conftest import SHARED
    from pipeline.labels import read_sentence_labels

    labels = read_sentence_labels(SHARED / "eval" / "dev_sentences.csv", KEYS)
    assert len(labels) == 308 and labels["sentence"].dtype.kind == "i"


def test_labels_are_not_read_from_the_sheet_the_stage_overwrites():
    from pipeline.config import ParamsError
    from pipeline.evaluate import check_label_paths

    with pytest.raises(ParamsError, match="eval.sentence_labels: reports/label_sample.csv is a sheet the evaluate stage writes"):
        check_label_paths("", "reports/label_sample.csv")
    check_label_paths("reports/label_sample_coded.csv", "")  # a copy is fine

from collections import namedtuple

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


# one report as ingest cut it: line 3 is a long line cut in two, line 6 a paragraph joined from two lines
TEXTS = {
    "d:1": ("各位代表：", 1, 1),
    "d:2": ("过去一年，全县地区生产总值增长百分之六，规模以上工业增加值增长百分之八。", 2, 2),
    "d:3": ("坚持全面从严治党，深入开展党纪学习教育，严格落实中央八项规定精神。", 3, 3),
    "d:4": ("持续整治形式主义为基层减负，锻造忠诚干净担当的高素质干部队伍。", 3, 3),
    "d:5": ("新增城镇就业一万两千人，城乡居民人均可支配收入分别增长百分之五和百分之七。", 4, 4),
    "d:6": ("打好蓝天碧水净土保卫战，空气质量优良天数比例达到百分之九十二，河湖长制全面落实。", 5, 6),
}


def _report(source: str = "cn/2025_x.txt") -> pd.DataFrame:
    return pd.DataFrame([{"para_id": k, "source": source, "text": t, "line_start": a, "line_end": b, "n_chars": len(t)} for k, (t, a, b) in TEXTS.items()])


def test_labels_whose_line_holds_another_text_are_found_by_their_text():
    from pipeline.labels import locate_labels

    paragraphs = _report()
    party = TEXTS["d:3"][0] + TEXTS["d:4"][0]
    labels = pd.DataFrame({
        "source": ["2025_x.txt"] * 6,
        "line": [2, 4, 5, 2, 5, 2],  # right; off by one (lines counted without the blank one); off by one; both pieces of line 3 at line 2;
        "text": [TEXTS["d:2"][0], TEXTS["d:6"][0][:20], TEXTS["d:5"][0], party, "打好蓝天碧水净土保卫战，", "本段文字不在这份报告里，也不在别处。"],
    })  # part of a joined paragraph; a text the report does not have
    rows, how = locate_labels(labels, paragraphs)
    assert [paragraphs["para_id"].iloc[r].tolist() for r in rows] == [["d:2"], ["d:6"], ["d:5"], ["d:3", "d:4"], ["d:6"], []]
    assert how == ["line", "text", "text", "text", "line", "text not found"]
    # without texts, lines are taken as they are
    rows, how = locate_labels(labels.drop(columns="text"), paragraphs)
    assert [paragraphs["para_id"].iloc[r].tolist() for r in rows] == [["d:2"], ["d:5"], ["d:6"], ["d:2"], ["d:6"], ["d:2"]] and set(how) == {"line"}


def test_a_label_text_that_is_part_of_its_line_keeps_the_whole_line():
    from pipeline.labels import locate_labels

    # the text of a label sheet cut short (a preview of the line): the line's other piece still counts
    rows, how = locate_labels(pd.DataFrame({"source": ["2025_x.txt"], "line": [3], "text": [TEXTS["d:3"][0][:20]]}), _report())
    assert rows[0].tolist() == [2, 3] and how == ["line"]
    # too short to check a line by: the line is taken as it is
    rows, how = locate_labels(pd.DataFrame({"source": ["2025_x.txt"], "line": [2], "text": ["谢谢！"]}), _report())
    assert rows[0].tolist() == [1] and how == ["line"]


def test_labels_of_a_source_under_another_name_or_format():
    from pipeline.labels import locate_labels

    paragraphs = pd.concat([_report("a/2025_x.txt"), _report("a/2025_y.txt").assign(para_id=lambda d: "y" + d["para_id"])], ignore_index=True)
    paragraphs.loc[paragraphs["para_id"] == "yd:5", "text"] = "新建学校三所，新增学位两千个，义务教育优质均衡发展。"
    labels = pd.DataFrame({"source": ["2025_x.docx", "renamed.txt", "renamed.txt", "renamed.txt"], "line": [4, 4, 2, 1],
                           "text": [TEXTS["d:5"][0], "新建学校三所，新增学位两千个，义务教育优质均衡发展。", TEXTS["d:2"][0], "各位代表："]})
    rows, how = locate_labels(labels, paragraphs)
    # the same name in another format; a text one source holds; a text both hold (no one source); too short to look for
    assert [paragraphs["para_id"].iloc[r].tolist() for r in rows] == [["d:5"], ["yd:5"], [], []]
    assert how == ["line", "text", "its source is none of the corpus's files", "its source is none of the corpus's files"]


def test_a_source_several_files_share_is_decided_by_the_text_or_not_at_all():
    from pipeline.labels import locate_labels

    # report.txt in two folders (crawled sites' index.html, 政府工作报告.txt): the same lines, other texts
    hunan = _report("hunan/report.txt")
    jiangxi = _report("jiangxi/report.txt").assign(para_id=lambda d: "j" + d["para_id"])
    jiangxi.loc[jiangxi["para_id"] == "jd:5", "text"] = "新建学校三所，新增学位两千个，义务教育优质均衡发展。"
    paragraphs = pd.concat([hunan, jiangxi], ignore_index=True)
    school = "新建学校三所，新增学位两千个，义务教育优质均衡发展。"
    labels = pd.DataFrame({"source": ["report.txt", "report.txt", "report.txt", "jiangxi/report.txt", "report.txt"], "line": [4, 4, 2, 4, 1],
                           "text": [TEXTS["d:5"][0], school, TEXTS["d:2"][0], "", school]})
    rows, how = locate_labels(labels, paragraphs)
    # the line's text decides; the text both files hold at the line does not; the full path decides;
    # the text, held by one file at another line, decides
    assert [paragraphs["para_id"].iloc[r].tolist() for r in rows] == [["d:5"], ["jd:5"], [], ["jd:5"], ["jd:5"]]
    assert how == ["line", "line", "its source names several files", "line", "text"]
    # without texts nothing decides: no guess (before, the first file got every label)
    rows, how = locate_labels(labels.drop(columns="text").iloc[:3], paragraphs)
    assert [len(r) for r in rows] == [0, 0, 0] and set(how) == {"its source names several files"}
    # a text neither file holds is not found, whatever its source names
    rows, how = locate_labels(pd.DataFrame({"source": ["report.txt"], "line": [4], "text": ["本段文字不在这份报告里，也不在别处。"]}), paragraphs)
    assert how == ["text not found"]
    # a longer path than the corpus's decides between report.txt and hunan/report.txt by the folders it shares
    root = _report("report.txt").assign(para_id=lambda d: "r" + d["para_id"])
    both = pd.concat([root, hunan], ignore_index=True)
    rows, how = locate_labels(pd.DataFrame({"source": ["data/raw/hunan/report.txt", "data/raw/report.txt", "report.txt"], "line": [4, 4, 4]}), both)
    assert [both["para_id"].iloc[r].tolist() for r in rows] == [["d:5"], ["rd:5"], ["rd:5"]] and how == ["line"] * 3


def test_labels_that_match_nothing_are_listed_with_their_reasons():
    from pipeline.evaluate import evaluate

    paragraphs = pd.concat([_report("hunan/report.txt"), _report("jiangxi/report.txt").assign(para_id=lambda d: "j" + d["para_id"])], ignore_index=True)
    themes = pd.DataFrame({"para_id": paragraphs["para_id"], "theme": ["other", "industry", "party", "party", "livelihood", "ecology"] * 2})
    labels = pd.DataFrame({"source": ["hunan/report.txt", "report.txt", "hunan/report.txt", "gone.txt"], "line": [2, 2, 9, 1], "primary": ["industry"] * 4})
    metrics, _ = evaluate(labels, paragraphs, themes, KEYS, n_boot=50, seed=0)
    assert (metrics["labels"], metrics["matched"], metrics["ambiguous_source"]) == (4, 1, 1)
    assert metrics["unmatched"] == [{"source": "report.txt", "line": 2, "reason": "its source names several files"},
                                    {"source": "hunan/report.txt", "line": 9, "reason": "nothing at its line"},
                                    {"source": "gone.txt", "line": 1, "reason": "its source is none of the corpus's files"}]


def test_evaluate_counts_labels_found_by_text_and_not_found():
    from pipeline.evaluate import evaluate

    paragraphs = _report()
    themes = pd.DataFrame({"para_id": list(TEXTS), "theme": ["other", "industry", "party", "party", "livelihood", "ecology"]})
    labels = pd.DataFrame({"source": ["2025_x.txt"] * 4, "line": [2, 4, 5, 6], "primary": ["industry", "ecology", "livelihood", "party"],
                           "text": [TEXTS["d:2"][0], TEXTS["d:6"][0], TEXTS["d:5"][0], "本段文字不在这份报告里，也不在别处。"]})
    metrics, confusion = evaluate(labels, paragraphs, themes, KEYS, n_boot=50, seed=0)
    assert (metrics["labels"], metrics["matched"], metrics["matched_by_text"], metrics["text_not_found"]) == (4, 3, 2, 1)
    assert metrics["accuracy"] == 1.0


def test_labels_on_one_merged_paragraph_are_counted(caplog):
    """Lines 5 and 6 became one paragraph (d:6): two labels of different themes on it are both
    scored against its one prediction, and the metrics and the log say so."""
    from pipeline.evaluate import evaluate

    paragraphs = _report()
    themes = pd.DataFrame({"para_id": list(TEXTS), "theme": ["other", "industry", "party", "party", "livelihood", "ecology"]})
    labels = pd.DataFrame({"source": ["2025_x.txt"] * 4, "line": [2, 4, 5, 6], "primary": ["industry", "livelihood", "ecology", "other"]})
    metrics, _ = evaluate(labels, paragraphs, themes, KEYS, n_boot=50, seed=0)
    assert metrics["shared_paragraph"] == {"labels": 2, "disagreeing": 2} and metrics["accuracy"] == 0.75
    assert "2025_x.txt:5, 2025_x.txt:6" in caplog.text
    spaced = evaluate(labels.assign(source="2025 x.txt"), _report("cn/2025 x.txt").assign(para_id=lambda d: "cn/2025 x:" + d["para_id"]),
                      themes.assign(para_id=lambda d: "cn/2025 x:" + d["para_id"]), KEYS, n_boot=50, seed=0)[0]
    assert spaced["shared_paragraph"] == {"labels": 2, "disagreeing": 2}  # a space in the file's name shares nothing
    agreeing = labels.assign(primary=["industry", "livelihood", "ecology", "ecology"])
    assert evaluate(agreeing, paragraphs, themes, KEYS, n_boot=50, seed=0)[0]["shared_paragraph"] == {"labels": 2, "disagreeing": 0}


def test_scores():
    s = scores(["party", "party", "ecology", "other"], ["party", "ecology", "ecology", "other"], KEYS)
    assert s["accuracy"] == 0.75
    assert s["per_theme"]["party"] == {"precision": 1.0, "recall": 0.5, "f1": pytest.approx(0.6667, abs=1e-4), "support": 2}
    assert s["macro_f1"] == pytest.approx((0.6667 + 0.6667 + 1.0) / 3, abs=1e-3)


def test_malformed_label_files_are_named(tmp_path):
    with pytest.raises(ParamsError, match="not found"):
        read_labels(tmp_path / "none.csv", KEYS)
    f = tmp_path / "l.csv"
    f.write_text("path,line,label\nx,1,party\n", encoding="utf-8")
    with pytest.raises(ParamsError, match=r"lacks column\(s\) \['source', 'primary'\]"):
        read_labels(f, KEYS)
    f.write_text("file,line,label\nx,1,party\n", encoding="utf-8")  # file stands for source
    with pytest.raises(ParamsError, match=r"lacks column\(s\) \['primary'\]"):
        read_labels(f, KEYS)
    f.write_text("source,line,primary\nx,one,party\n", encoding="utf-8")
    with pytest.raises(ParamsError, match="row 2 has no valid source/line"):
        read_labels(f, KEYS)
    f.write_text("source,line,primary\nx,1,sports\n", encoding="utf-8")
    with pytest.raises(ParamsError, match=r"labels \['sports'\] that are not theme keys"):
        read_labels(f, KEYS)
    f.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ParamsError, match="eval.labels: .*l.csv is not a readable CSV: binary file"):
        read_labels(f, KEYS)
    f.write_bytes(b"source,line,primary\n\x01\x02\x03x,1,party\n")
    with pytest.raises(ParamsError, match="l.csv is not a readable CSV: it holds control character 0x01"):
        read_labels(f, KEYS)
    f.write_bytes(b"")
    with pytest.raises(ParamsError, match="l.csv is not a readable CSV: empty file"):
        read_labels(f, KEYS)


def test_labels_may_name_a_theme_by_its_chinese_or_english_name(tmp_path, caplog):
    """A coder writes 党建 or "Party building" where the params say party: read as the key;
    case, spaces, underscores and full-width letters do not matter; a name that is no
    theme's still stops the run, naming the file and the themes."""
    from pipeline import config
    from pipeline.labels import read_examples, read_sentence_labels

    names = config.section(config.load_params(), "themes", config.ThemesParams).label_names
    assert names["党建"] == "party" and names["partybuilding"] == "party" and names["党建partybuilding"] == "party" and names["生态"] == "ecology"
    f = tmp_path / "l.csv"
    f.write_text("source,line,primary\nx,1,党建\nx,2,Party building\nx,3,ＥＣＯＬＯＧＹ\nx,4,industry_and_economy\nx,5,民生 Livelihood\nx,6,other\n",
                 encoding="utf-8")
    assert read_labels(f, KEYS, names=names)["primary"].tolist() == ["party", "party", "ecology", "industry", "livelihood", "other"]
    assert read_examples(f, KEYS, names=names)["primary"].tolist()[:2] == ["party", "party"]
    with pytest.raises(ParamsError, match=r"labels \['Party building', 'industry_and_economy', '党建', '民生 Livelihood'\] that are not theme keys"):
        read_labels(f, KEYS)  # without the names, only the keys (in any case or width) are themes
    f.write_text("source,line,primary\nx,1,党建\nx,2,体育\n", encoding="utf-8")
    with pytest.raises(ParamsError, match=r"l.csv uses labels \['体育'\] that are not theme keys .* or their zh/en names"):
        read_labels(f, KEYS, names=names)
    g = tmp_path / "s.csv"
    g.write_text("source,line,sentence,label,text\nx,1,0,其他,各位代表\n", encoding="utf-8")
    assert read_sentence_labels(g, KEYS, names=names)["label"].tolist() == ["other"]
    f.write_text("source,line,primary\nx,1,党建;民生\n", encoding="utf-8")
    with pytest.raises(ParamsError, match=r"one theme per row \('党建;民生'\): a paragraph's other themes go in `secondary`"):
        read_labels(f, KEYS, names=names)
    # a secondary theme that names no theme is warned about (it only marks the paragraph as mixed)
    f.write_text("source,line,primary,secondary\nx,1,party,民生;livelihod\nx,2,other,\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="pipeline.labels"):
        assert read_labels(f, KEYS, names=names)["secondary"].fillna("").tolist() == ["民生;livelihod", ""]
    assert "secondary themes ['livelihod'] name no theme" in caplog.text
    # names that fold alike for two themes name neither: no label goes to the wrong theme
    keys = ["eco_logy", "ecology"]
    f.write_text("source,line,primary\nx,1,eco_logy\nx,2,ecology\nx,3,ECOLOGY\n", encoding="utf-8")
    with pytest.raises(ParamsError, match=r"labels \['ECOLOGY'\]"):
        read_labels(f, keys)
    Theme = namedtuple("Theme", "key zh en")
    clash = config.label_names([Theme("livelihood", "民生", "Livelihood"), Theme("other", None, "livelihood")])
    assert "livelihood" not in clash and clash["民生"] == "livelihood" and "nonenone" not in config.label_names([Theme("party", None, None)])
    f.write_text("source,line,primary\nx,1,Livelihood\nx,2,livelihood\n", encoding="utf-8")
    with pytest.raises(ParamsError, match=r"labels \['Livelihood'\]"):
        read_labels(f, ["livelihood", "other"], names=clash)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_label_files_in_any_common_encoding(tmp_path, encoding):
    """A sheet coded in Excel comes back with a BOM, or in GBK on Chinese Windows, with
    Windows path separators and stray spaces in the header; it reads the same."""
    from pipeline.labels import read_examples, read_sentence_labels

    f = tmp_path / "coded.csv"
    f.write_bytes("source ,line,primary,text\r\ncn\\2025_湖南省.txt,3,party,坚持党的全面领导。\r\n".encode(encoding))
    labels = read_labels(f, KEYS)
    assert labels[["source", "line", "primary", "text"]].to_dict("records") == [
        {"source": "cn/2025_湖南省.txt", "line": 3, "primary": "party", "text": "坚持党的全面领导。"}]
    f.write_bytes("source,line,sentence,label,text\ncn/x.txt,3,0,ecology,保护生态环境。\n".encode(encoding))
    assert read_sentence_labels(f, KEYS)["label"].tolist() == ["ecology"]
    assert "sentence" in read_examples(f, KEYS).columns  # the header is sniffed in the file's encoding too
    f.write_bytes("File,Line,Primary\ncn/x.txt,3,party\n".encode(encoding))  # the manifest's word, capitalised
    assert read_labels(f, KEYS)[["source", "line", "primary"]].to_dict("records") == [{"source": "cn/x.txt", "line": 3, "primary": "party"}]


def test_score_intervals_resample_documents():
    import numpy as np

    from pipeline.labels import score_intervals

    rng = np.random.default_rng(0)
    n = 240
    per = pd.DataFrame({"source": [f"doc{i % 12}.txt" for i in range(n)], "line": np.arange(n), "actual": rng.choice(KEYS, n)})
    per["predicted"] = np.where(rng.random(n) < 0.8, per["actual"], rng.choice(KEYS, n))
    per["share_tv"] = rng.random(n) * 0.3
    ci = score_intervals(per, KEYS, 500, 3)
    assert (ci["resampled"], ci["units"], ci["level"]) == ("documents", 12, 0.95)
    point = scores(per["actual"].tolist(), per["predicted"].tolist(), KEYS)
    assert ci["accuracy"]["low"] < point["accuracy"] < ci["accuracy"]["high"]
    assert ci["macro_f1"]["low"] < point["macro_f1"] < ci["macro_f1"]["high"]
    assert ci["share_tv"]["low"] < per["share_tv"].mean() < ci["share_tv"]["high"]
    assert ci["accuracy"]["high"] - ci["accuracy"]["low"] < 0.2
    assert score_intervals(per, KEYS, 500, 3) == ci  # seeded
    two = score_intervals(per.assign(source=[f"doc{i % 2}.txt" for i in range(n)]), KEYS, 500, 3)
    assert two["resampled"] == "lines" and two["units"] == n  # too few documents: lines are resampled
    assert ci["accuracy"]["method"] == "BCa"
    perfect = score_intervals(per.assign(predicted=per["actual"]), KEYS, 200, 3)
    assert perfect["accuracy"] == perfect["macro_f1"] == {"low": 1.0, "high": 1.0, "method": "percentile"}  # BCa is undefined here
    one = score_intervals(per.head(1), KEYS, 200, 3)
    assert one["units"] == 1 and "accuracy" not in one  # nothing to resample


def test_evaluation_metrics_carry_intervals():
    from pipeline.evaluate import evaluate

    paragraphs = pd.DataFrame({"para_id": [f"d{i}:{j}" for i in range(6) for j in range(4)], "source": [f"c/d{i}.txt" for i in range(6) for _ in range(4)],
                               "line_start": [j + 1 for _ in range(6) for j in range(4)], "line_end": [j + 1 for _ in range(6) for j in range(4)], "n_chars": 10})
    themes = pd.DataFrame({"para_id": paragraphs["para_id"], "theme": ["party", "industry", "ecology", "other"] * 6})
    labels = pd.DataFrame({"source": paragraphs["source"], "line": paragraphs["line_start"], "primary": ["party", "industry", "livelihood", "other"] * 6})
    metrics, confusion = evaluate(labels, paragraphs, themes, KEYS, n_boot=200, seed=1)
    assert metrics["accuracy"] == 0.75 and len(confusion) == 24
    ci = metrics["intervals"]
    assert (ci["resampled"], ci["units"]) == ("documents", 6)
    assert ci["accuracy"] == {"low": 0.75, "high": 0.75, "method": "percentile"}  # every document is 3 of 4 right


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
    # labels of a stratified sample: the wrong industry sentence stands for 4 sentences
    weighted, per = sentence_scores(labels.assign(inclusion_probability=[1.0, 0.25, 1.0, 1.0]), where, predicted, KEYS)
    assert weighted["weighted"] and not result["weighted"] and per["weight"].tolist() == [1.0, 4.0, 1.0]
    assert weighted["accuracy"] == pytest.approx(2 / 6, abs=1e-4)
    # the stage's scores name the label that matched nothing, and why
    from pipeline.evaluate import evaluate_sentences

    themed = pd.DataFrame({"theme": predicted})
    wrong_text = labels.assign(text=labels["text"].where(labels.index != 1, "不在这一行。"))
    s = evaluate_sentences(wrong_text, paragraphs, spans, themed, KEYS, n_boot=20, seed=0)
    assert s["unmatched"] == [{"source": "d.txt", "line": 3, "sentence": 1, "reason": "sentence text not found in its line"},
                              {"source": "d.txt", "line": 9, "sentence": 0, "reason": "nothing at its line"}]
    assert evaluate_sentences(labels.iloc[:3], paragraphs, spans, themed, KEYS, n_boot=20, seed=0)["unmatched"] == []
    # …and hands back the matched sentences, whose actual and predicted themes feed the confusion plot when they are all the labels
    from pipeline.evaluate import CONFUSION_COLUMNS

    per_sentence: list = []
    evaluate_sentences(labels.iloc[:3], paragraphs, spans, themed, KEYS, n_boot=20, seed=0, per_sentence=per_sentence)
    assert len(per_sentence[0]) == 3 and set(CONFUSION_COLUMNS) <= set(per_sentence[0].columns)
    # the reason is the line's, found by all its labels' texts: a second file of the same name does not make it ambiguous
    other = paragraphs.assign(source="x/d.txt", para_id=lambda d: "x" + d["para_id"], text=["其他文字在这里。另一句话。", "还有一句。"])
    both = pd.concat([paragraphs, other], ignore_index=True)
    s = evaluate_sentences(wrong_text, both, cut_sentences(both, 200), pd.DataFrame({"theme": ["party"] * 6}), KEYS, n_boot=20, seed=0)
    assert s["unmatched"][0] == {"source": "d.txt", "line": 3, "sentence": 1, "reason": "sentence text not found in its line"}


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


def test_sentence_labels_found_despite_width_and_spaces():
    """A label sheet made from another copy of the text may write half-width punctuation and
    keep spaces; the sentence is still found, with the characters of the corpus's text."""
    from pipeline.ingest import cut_sentences
    from pipeline.labels import align_sentence_labels

    paragraphs = pd.DataFrame({"para_id": ["d:1"], "source": ["c/d.txt"], "line_start": [3], "line_end": [3],
                               "text": ["加强党建，提高质量。发展ＡＩ产业（数字经济）。保护生态。"], "n_chars": [28]})
    spans = cut_sentences(paragraphs, 200)
    labels = pd.DataFrame({"source": ["d.txt"] * 4, "line": [3] * 4, "sentence": [0, 1, 2, 3], "label": ["party", "industry", "ecology", "other"],
                           "text": ["加强党建, 提高质量。", "发展AI产业(数字经济)。", "保护 生态。", "不在这里。"]})
    assert align_sentence_labels(labels, paragraphs, spans) == [[(0, 10)], [(1, 13)], [(2, 5)], []]


def test_a_resampled_document_counts_its_labels_and_lines_as_often_as_drawn():
    import numpy as np

    from pipeline.labels import resampling_measures

    # 5 documents; d0 has 2 lines (one of 3 sentences with TV 0.6, one of 1 sentence with TV 0), all its labels right;
    # d1 has 1 wrong label on a line of TV 0.1; d2-d4 one right label each on lines of TV 0
    per = pd.DataFrame({"source": ["d0"] * 4 + ["d1", "d2", "d3", "d4"], "line": [1, 1, 1, 2, 1, 1, 1, 1],
                        "actual": ["party"] * 4 + ["ecology", "party", "party", "party"], "predicted": ["party"] * 4 + ["other", "party", "party", "party"],
                        "share_tv": [0.6, 0.6, 0.6, 0.0, 0.1, 0.0, 0.0, 0.0]})
    resampled, n, m = resampling_measures(per, KEYS)
    assert (resampled, n) == ("documents", 5)
    assert m["accuracy"](np.array([0, 0, 1])) == pytest.approx(8 / 9)  # d0 twice: 8 right labels, then d1's wrong one
    assert m["share_tv"](np.array([0, 0, 1])) == pytest.approx((0.6 + 0.0) * 2 / 5 + 0.1 / 5)  # lines, not sentences: 5 line draws
    assert m["share_tv"](np.arange(5)) == pytest.approx(0.7 / 6)  # the full sample gives the point estimate over lines
    assert m["macro_f1"](np.array([1, 2])) == pytest.approx(0.5)  # over the themes labelled in the resample: party 1, ecology 0
    assert m["macro_f1"](np.array([1, 1, 2, 2])) == pytest.approx(0.5)


def test_document_intervals_are_wider_when_errors_cluster_in_documents():
    """Errors that come a whole document at a time are less information than as many
    independent errors: resampling documents says so, resampling labels would not."""
    import numpy as np

    from pipeline.labels import score_intervals

    n_docs, per_doc = 20, 15
    right = np.repeat(np.arange(n_docs) % 5 != 0, per_doc)  # every fifth document all wrong, the others all right
    per = pd.DataFrame({"source": np.repeat([f"d{i}" for i in range(n_docs)], per_doc), "line": np.arange(n_docs * per_doc),
                        "actual": "party", "predicted": np.where(right, "party", "other")})
    by_doc = score_intervals(per, KEYS, 500, 0)
    by_label = score_intervals(per.assign(source=[f"s{i}" for i in range(len(per))]), KEYS, 500, 0)
    width = lambda ci: ci["accuracy"]["high"] - ci["accuracy"]["low"]  # noqa: E731
    assert by_doc["units"] == 20 and by_label["units"] == 300
    assert width(by_doc) > 2 * width(by_label)


def test_folded_labels_keep_their_order_and_their_characters():
    from pipeline.ingest import cut_sentences
    from pipeline.labels import align_sentence_labels

    text = "推进 乡村振兴。推进 乡村振兴。他说“好”。今天。"
    paragraphs = pd.DataFrame({"para_id": ["d:1"], "source": ["c/d.txt"], "line_start": [3], "line_end": [3], "text": [text], "n_chars": [len(text)]})
    spans = cut_sentences(paragraphs, 200)
    assert len(spans) == 4
    labels = pd.DataFrame({"source": ["d.txt"] * 4, "line": [3] * 4, "sentence": [0, 1, 2, 3], "label": ["industry"] * 4,
                           "text": ["推进乡村振兴。", "推进乡村振兴。", '他说"好".', "今天."]})
    # the same sentence twice: the second label finds the second sentence; the space inside
    # the corpus's sentence and its closing 。 count with it (8 characters, not 6 or 7)
    assert align_sentence_labels(labels, paragraphs, spans) == [[(0, 8)], [(1, 8)], [(2, 6)], [(3, 3)]]


def test_short_gbk_sheets_tabs_and_late_control_characters(tmp_path):
    f = tmp_path / "l.csv"
    f.write_bytes("source,line,primary\ncn/专业.txt,3,party\n".encode("gbk"))  # valid UTF-8 by chance: רҵ
    assert read_labels(f, KEYS)["source"].tolist() == ["cn/专业.txt"]
    f.write_bytes("source\tline\tprimary\r\ncn/湖南.txt\t3\tparty\r\n".encode("utf-16"))  # Excel's "Unicode text"
    assert read_labels(f, KEYS)[["source", "line"]].to_dict("records") == [{"source": "cn/湖南.txt", "line": 3}]
    f.write_text("source;line;primary\n007.txt;3;party\n", encoding="utf-8")  # a semicolon CSV; a source that looks like a number
    assert read_labels(f, KEYS)["source"].tolist() == ["007.txt"]
    f.write_text(" source ,line,primary\n007,3,party\n", encoding="utf-8")  # a padded header still keeps source a string
    assert read_labels(f, KEYS)["source"].tolist() == ["007"]
    f.write_text("source,line,primary\n" + "x.txt,1,party\n" * 3000 + "x.txt,2,par\x01ty\n", encoding="utf-8")
    with pytest.raises(ParamsError, match="control character 0x01 on line 3002"):
        read_labels(f, KEYS)


def test_weighted_scores_count_each_label_as_often_as_it_stands_for():
    from pipeline.labels import design_weights

    s = scores(["party", "party", "other"], ["party", "other", "other"], KEYS, weights=[1.0, 3.0, 1.0])
    assert s["accuracy"] == pytest.approx(2 / 5)
    assert s["per_theme"]["party"]["recall"] == pytest.approx(0.25) and s["per_theme"]["party"]["precision"] == 1.0
    assert s["per_theme"]["party"]["support"] == 2  # support stays the number of labels
    assert scores(["party", "other"], ["party", "party"], KEYS, weights=[1, 1]) == scores(["party", "other"], ["party", "party"], KEYS)
    # precision of a predicted theme counts its labels by weight too
    s = scores(["party", "other", "other"], ["party", "party", "other"], KEYS, weights=[1.0, 3.0, 1.0])
    assert s["per_theme"]["party"]["precision"] == pytest.approx(0.25) and s["per_theme"]["other"]["recall"] == pytest.approx(0.25)
    w, note = design_weights(pd.DataFrame({"inclusion_probability": [0.5, 0.25]}))
    assert w.tolist() == [2.0, 4.0] and note == ""
    w, note = design_weights(pd.DataFrame({"inclusion_probability": [0.5, None, "0,25"]}))
    assert w is None and note.startswith("2 of 3 labels have no valid inclusion probability")  # not all from the sample: unweighted, and said
    assert design_weights(pd.DataFrame({"x": [1]})) == (None, "")
    # rows of the sheet left uncoded: the coded ones of their stratum stand in for them (N_h / m_h)
    coded = pd.DataFrame({"inclusion_probability": [0.5, 0.5, 0.1], "stratum": ["a", "a", "b"]})
    w, note = design_weights(coded, drawn={"a": 2, "b": 4})  # stratum b: 4 drawn of N 40, 1 coded
    assert w.tolist() == [2.0, 2.0, 40.0] and note.startswith("3 drawn units have no label here")
    assert design_weights(coded, drawn={"a": 2, "b": 1}) == (pytest.approx([2.0, 2.0, 10.0]), "")
    # a stratum with no coded unit at all is named: nothing stands in for it
    w, note = design_weights(coded, drawn={"a": 2, "b": 1, "c": 12})
    assert w.tolist() == pytest.approx([2.0, 2.0, 10.0]) and note.startswith("12 more drawn units are in strata with no coded unit at all (c: 12)")


def test_a_stratified_sample_estimates_the_corpus_accuracy_when_weighted():
    """The sample draws small strata at higher rates; the classifier is worse on the small
    stratum, so the unweighted accuracy of the sample understates the corpus's, and the
    design-weighted one does not."""
    import numpy as np

    from pipeline.evaluate import evaluate
    from pipeline.sampling import draw_sample

    rng = np.random.default_rng(0)
    n_big, n_small = 4000, 400
    units = pd.DataFrame({"stratum": ["county|industry"] * n_big + ["county|ecology"] * n_small})
    units["correct"] = np.r_[rng.random(n_big) < 0.9, rng.random(n_small) < 0.5]
    truth = units["correct"].mean()  # about 0.86
    sample = draw_sample(units, 200, 100, seed=3)  # 100 of each stratum
    n = len(sample)
    paragraphs = pd.DataFrame({"para_id": [f"d{i % 10}:{i}" for i in range(n)], "source": [f"c/d{i % 10}.txt" for i in range(n)],
                               "line_start": np.arange(n) + 1, "line_end": np.arange(n) + 1, "n_chars": 10})
    themes = pd.DataFrame({"para_id": paragraphs["para_id"], "theme": "industry"})
    labels = pd.DataFrame({"source": paragraphs["source"], "line": paragraphs["line_start"], "primary": np.where(sample["correct"], "industry", "other"),
                           "inclusion_probability": sample["inclusion_probability"]})
    weighted, _ = evaluate(labels, paragraphs, themes, KEYS, n_boot=200, seed=0)
    plain, _ = evaluate(labels.drop(columns="inclusion_probability"), paragraphs, themes, KEYS, n_boot=200, seed=0)
    assert weighted["weighted"] and not plain["weighted"]
    assert abs(weighted["accuracy"] - truth) < 0.04 < abs(plain["accuracy"] - truth)
    assert weighted["intervals"]["accuracy"]["low"] < truth < weighted["intervals"]["accuracy"]["high"]
    # the coder codes every unit of the big stratum and 10 of the small one: those 10 stand for all 400
    labels["stratum"] = sample["stratum"]
    labels.attrs["drawn"] = labels["stratum"].value_counts().to_dict()
    small = np.flatnonzero(labels["stratum"] == "county|ecology")
    part = labels.drop(index=small[10:])
    part.attrs["drawn"] = labels.attrs["drawn"]
    partial, _ = evaluate(part, paragraphs, themes, KEYS, n_boot=200, seed=0)
    small_acc = (part.loc[part["stratum"] == "county|ecology", "primary"] == "industry").mean()
    big_acc = (part.loc[part["stratum"] == "county|industry", "primary"] == "industry").mean()
    assert partial["accuracy"] == pytest.approx((n_big * big_acc + n_small * small_acc) / (n_big + n_small), abs=1e-4)
    assert "90 drawn units have no label here" in partial["weighting"]


def test_weighted_resamples_weigh_macro_f1_and_share_tv():
    import numpy as np

    from pipeline.labels import resampling_measures

    per = pd.DataFrame({"source": [f"d{i}" for i in range(5)], "line": 1, "actual": ["party", "party", "other", "other", "other"],
                        "predicted": ["party", "other", "other", "other", "party"], "share_tv": [0.0, 1.0, 0.0, 0.0, 1.0]})
    plain = resampling_measures(per, KEYS)[2]
    heavy = resampling_measures(per.assign(weight=[1.0, 10.0, 1.0, 1.0, 1.0]), KEYS)[2]
    ids = np.arange(5)
    full = scores(per["actual"].tolist(), per["predicted"].tolist(), KEYS, weights=[1.0, 10.0, 1.0, 1.0, 1.0])
    assert heavy["macro_f1"](ids) == pytest.approx(full["macro_f1"], abs=1e-4) and heavy["macro_f1"](ids) < plain["macro_f1"](ids)
    assert plain["share_tv"](ids) == pytest.approx(0.4) and heavy["share_tv"](ids) == pytest.approx(11 / 14)


def test_labels_on_sentences_the_builtin_model_learnt_from_are_counted_as_in_sample():
    from pipeline.classify import BlendedModel, LinearModel, ZeroShotModel, fingerprint, training_overlap
    from pipeline.config import SentenceWeights
    from pipeline.evaluate import in_training
    from pipeline.ingest import cut_sentences

    paragraphs = pd.DataFrame({"para_id": ["d:1", "d:2"], "source": ["c/d.txt"] * 2, "line_start": [3, 4], "line_end": [3, 4],
                               "text": ["加强党建工作。发展产业经济。", "保护生态环境。"], "n_chars": [14, 7]})
    spans = cut_sentences(paragraphs, 200)
    texts = ["加强党建工作。", "发展产业经济。", "保护生态环境。"]
    assert fingerprint("发展产业经济。") == fingerprint(" 发展产业经济. ") != fingerprint("发展产业经济和民生。")
    import numpy as np

    learnt = LinearModel(keys=KEYS, coef=np.zeros((len(KEYS), 1)), intercept=np.zeros(len(KEYS)), identity="x",
                         info={"trained_sentences": [fingerprint("发展产业经济。")]})
    mixed = BlendedModel(KEYS, [learnt, ZeroShotModel(KEYS, SentenceWeights())], [0.5, 0.5])
    trained = training_overlap(mixed, texts)
    assert trained.tolist() == [False, True, False]
    assert training_overlap(ZeroShotModel(KEYS, SentenceWeights()), texts) is None
    labels = pd.DataFrame({"source": ["d.txt", "d.txt"], "line": [3, 4], "primary": ["party", "ecology"]})
    gold = pd.DataFrame({"source": ["d.txt"] * 3, "line": [3, 3, 4], "sentence": [0, 1, 0], "label": ["party", "industry", "ecology"], "text": texts})
    masks = in_training(labels, gold, paragraphs, spans, pd.Series(trained))
    assert {k: v.tolist() for k, v in masks.items()} == {"labels": [True, False], "sentence_labels": [False, True, False]}
    # the other labels are scored on their own: out of sample
    from pipeline.evaluate import without_training_text

    themes = pd.DataFrame({"para_id": ["d:1", "d:2"], "theme": ["party", "ecology"]})
    sentences = spans[["para_id", "sentence"]].assign(theme=["party", "industry", "livelihood"])
    rest = without_training_text(masks, labels, gold, paragraphs, themes, spans, sentences, KEYS, n_boot=20, seed=0)
    assert rest["labels"]["matched"] == 1 and rest["labels"]["accuracy"] == 1.0  # line 4 only
    assert rest["sentence_labels"]["matched"] == 2 and rest["sentence_labels"]["accuracy"] == 0.5  # party right, ecology wrong


def test_sentence_labels_of_a_misnumbered_line_are_found_by_their_text():
    from pipeline.labels import align_sentence_labels
    from pipeline.ingest import cut_sentences

    paragraphs = _report()
    spans = cut_sentences(paragraphs, 200)
    labels = pd.DataFrame({"source": ["2025_x.txt"] * 2, "line": [2, 2], "sentence": [0, 1], "label": ["party", "party"],
                           "text": [TEXTS["d:3"][0], TEXTS["d:4"][0]]})  # line 3's sentences, labelled as line 2's
    found = align_sentence_labels(labels, paragraphs, spans)
    assert [spans["para_id"].iloc[[r for r, _ in f]].tolist() for f in found] == [["d:3"], ["d:4"]]
    assert [sum(n for _, n in f) for f in found] == [len(TEXTS["d:3"][0]), len(TEXTS["d:4"][0])]


def test_repeated_and_conflicting_label_rows_count_once_and_a_misaligned_row_is_named(tmp_path, caplog):
    """A sheet pasted twice counts each label once; two labels for one line (or one sentence's
    text) keep the first, with a warning naming the rows; a row with more fields than the header
    (a comma in an unquoted cell) stops the run naming its line; rows that all end in a comma
    are read as they are."""
    from pipeline.labels import read_sentence_labels

    f = tmp_path / "l.csv"
    f.write_text("source,line,primary\nx,1,party\nx,2,ecology\nx,1,party\nx,2,livelihood\nx,3,other\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="pipeline.labels"):
        labels = read_labels(f, KEYS)
    assert labels[["line", "primary"]].values.tolist() == [[1, "party"], [2, "ecology"], [3, "other"]]
    assert (labels.attrs["repeated"], labels.attrs["conflicting"]) == (1, 1)
    assert "1 row(s) repeat an earlier row and are read once (rows 4)" in caplog.text and "(rows 5)" in caplog.text
    g = tmp_path / "s.csv"  # sentence numbers that restart within a line: each text is its own unit
    g.write_text("source,line,sentence,label,text\nx,1,0,party,加强党建。\nx,1,0,industry,发展产业。\nx,1,0,party,加强党建。\n", encoding="utf-8")
    assert read_sentence_labels(g, KEYS)["label"].tolist() == ["party", "industry"]
    f.write_text("source,line,primary,text\nx,1,party,加强党建,从严治党\n", encoding="utf-8")
    with pytest.raises(ParamsError, match=r"l.csv line 2 has 5 fields where the header has 4 \(a comma inside a cell that is not quoted\?\)"):
        read_labels(f, KEYS)
    f.write_text("source,line,primary\nx,11.5,party\n", encoding="utf-8")
    with pytest.raises(ParamsError, match=r"row 2 has no valid source/line \(a line is a whole number\)"):
        read_labels(f, KEYS)
    f.write_text("source,line,primary\nx,1,party,\nx,2,ecology,\n", encoding="utf-8")
    assert read_labels(f, KEYS)[["source", "primary"]].values.tolist() == [["x", "party"], ["x", "ecology"]]


def test_a_sample_sheets_paragraph_rows_label_their_own_paragraphs_and_blank_rows_are_uncoded(tmp_path):
    """A paragraph sample sheet names several paragraphs of one long line: each row labels its
    own paragraph (by para_id, while it holds the row's text), none is a conflict; Excel's blank
    rows at the end are uncoded, not repeats; a bad row is named by its line in the file, a
    quoted cell's line break counted."""
    from pipeline.labels import hand_labelled_units, match_labels

    paragraphs = pd.DataFrame({"para_id": ["d:1", "d:2", "d:3"], "source": ["d.txt"] * 3, "line_start": [5, 5, 6], "line_end": [5, 5, 6],
                               "text": ["加强党的建设。", "保护生态环境。", "发展产业。"], "n_chars": [7, 7, 5], "level": ["county"] * 3})
    themes = pd.DataFrame({"para_id": ["d:1", "d:2", "d:3"], "theme": ["party", "ecology", "industry"], "confidence": [0.9] * 3})
    f = tmp_path / "coded.csv"
    f.write_text("source,line,para_id,text,primary,stratum,inclusion_probability\n"
                 "d.txt,5,d:1,加强党的建设。,party,county/party,1\nd.txt,5,d:2,保护生态环境。,ecology,county/ecology,1\n"
                 "d.txt,6,d:3,发展产业。,industry,county/industry,1\n,,,,,,\n,,,,,,\n", encoding="utf-8")
    labels = read_labels(f, KEYS)
    assert (len(labels), labels.attrs["repeated"], labels.attrs["conflicting"], labels.attrs["uncoded"]) == (3, 0, 0, 2)
    assert match_labels(labels, paragraphs, themes)["predicted"].tolist() == ["party", "ecology", "industry"]
    units = hand_labelled_units(labels, None, paragraphs, pd.DataFrame(columns=["para_id", "sentence", "n_chars"]), themes,
                                pd.DataFrame(columns=["para_id", "sentence", "theme"]))
    assert units[["para_id", "label", "predicted"]].values.tolist() == [["d:1", "party", "party"], ["d:2", "ecology", "ecology"], ["d:3", "industry", "industry"]]
    # a para_id that names a paragraph of another line labels the label's line, not that paragraph
    stale = pd.DataFrame({"source": ["d.txt"], "line": [6], "para_id": ["d:1"], "primary": ["industry"]})
    assert match_labels(stale, paragraphs, themes)["predicted"].tolist() == ["industry"]
    # a paragraph label's text does not make two labels of one line two units: the second is a conflict
    f.write_text("source,line,primary,text\nd.txt,5,party,加强党的建设\nd.txt,5,ecology,加强党的建设。\n", encoding="utf-8")
    assert read_labels(f, KEYS).attrs["conflicting"] == 1
    f.write_text('source,line,primary,text\nx,1,party,"加强\n党建"\nx,2,party,加强党建,从严治党\n', encoding="utf-8")
    with pytest.raises(ParamsError, match=r"line 4 has 5 fields"):
        read_labels(f, KEYS)


def test_coded_rows_of_an_earlier_draw_are_counted_not_dropped(caplog):
    """A param that changes the predicted themes redraws the sample; the coded sheet of the earlier draw still evaluates,
    and the stage says how many of its rows the new draw does not hold."""
    from pipeline.evaluate import _redrawn

    coded = pd.DataFrame({"para_id": ["p1", "p2", "p3"], "sentence_in_paragraph": [0, 1, 0], "stratum": "S1", "inclusion_probability": 0.5, "label": "party"})
    now = pd.DataFrame({"para_id": ["p1", "p2", "p9"], "sentence_in_paragraph": [0, 0, 0]})
    with caplog.at_level("WARNING"):
        assert _redrawn(coded, now, "eval.sentence_labels", "labels/x.csv") == {"coded_rows": 3, "not_in_current_draw": 2}
    assert "2 of the 3 coded rows of labels/x.csv are not in the sample drawn now" in caplog.text
    assert _redrawn(coded, coded, "eval.sentence_labels", "labels/x.csv") == {}
    assert _redrawn(coded.drop(columns="stratum"), now, "eval.sentence_labels", "labels/x.csv") == {}  # not a sheet the pipeline drew

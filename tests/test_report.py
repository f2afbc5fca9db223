import pytest
import numpy as np
import pandas as pd

from pipeline.render import Table, md_table
from pipeline.shares import distinctive, shares_by_year, theme_shares

KEYS = ["party", "industry", "other"]


def _frame():
    rng = np.random.default_rng(1)
    rows = []
    for loc, weights in (("甲县", [0.7, 0.2, 0.1]), ("乙市", [0.1, 0.8, 0.1])):
        for d in range(3):
            for _ in range(20):
                rows.append({"locality": loc, "doc_id": f"{loc}{d}", "theme": rng.choice(KEYS, p=weights), "n_chars": int(rng.integers(50, 300)), "year": "2024" if d else "2025"})
    return pd.DataFrame(rows)


def test_shares_with_intervals():
    df = _frame()
    s = theme_shares(df, KEYS, n_boot=300, seed=3)
    assert len(s) == 6
    np.testing.assert_allclose(s.groupby("locality")["share"].sum(), 1, atol=1e-3)
    assert ((s["ci_low"] <= s["share"] + 1e-9) & (s["share"] <= s["ci_high"] + 1e-9)).all()
    assert s.set_index(["locality", "theme"]).loc[("甲县", "party"), "share"] > 0.5
    pd.testing.assert_frame_equal(s, theme_shares(df, KEYS, n_boot=300, seed=3))  # same seed, same numbers
    assert (s["n_chars"].sum()) == df["n_chars"].sum()


def test_a_share_seen_at_zero_or_one_keeps_an_interval():
    # 甲县: 30 paragraphs, none of them "other"; 乙市: every paragraph party. Every resample
    # agrees, so a percentile interval would be 0–0 and 100–100: the exact binomial bound
    # over the paragraphs says how much could still hide in a sample of that size.
    df = pd.DataFrame({"locality": ["甲县"] * 30 + ["乙市"] * 12, "doc_id": ["a"] * 15 + ["b"] * 15 + ["c"] * 12,
                       "theme": ["party", "industry"] * 15 + ["party"] * 12, "n_chars": 100, "year": "2024"})
    s = theme_shares(df, KEYS, n_boot=200, seed=1).set_index(["locality", "theme"])
    assert s.loc[("甲县", "other"), "share"] == 0 and s.loc[("甲县", "other"), "ci_low"] == 0
    assert s.loc[("甲县", "other"), "ci_high"] == pytest.approx(1 - 0.025 ** (1 / 30), abs=1e-4)  # 11.6%, the "rule of three"
    assert s.loc[("乙市", "party"), "ci_low"] == pytest.approx(0.025 ** (1 / 12), abs=1e-4) and s.loc[("乙市", "party"), "ci_high"] == 1
    assert s.loc[("乙市", "industry"), "ci_high"] == pytest.approx(1 - 0.025 ** (1 / 12), abs=1e-4)
    assert 0 < s.loc[("甲县", "party"), "ci_low"] < 0.5 < s.loc[("甲县", "party"), "ci_high"] < 1
    # Korn–Graubard: exact binomial at n* = p(1 − p)/variance, at most n, and n at 0
    from statsmodels.stats.proportion import proportion_confint

    from pipeline.shares import korn_graubard

    p = np.array([0.0, 0.045, 0.3, 0.3, 0.3])
    low, high = korn_graubard(p, np.array([0.0, 0.0005, 0.3 * 0.7 / 13, 0.3 * 0.7 / 5, 1e-9]), 13)
    assert (low[0], round(float(high[0]), 4)) == (0, round(1 - 0.025 ** (1 / 13), 4))
    assert 0 < low[1] < 0.045 and high[1] > 0.2  # a share resting on 0.6 paragraphs' worth is far from known
    exact = proportion_confint(0.3 * 13, 13, method="beta")
    assert np.allclose((low[2], high[2]), exact) and np.allclose((low[4], high[4]), exact)  # binomial variance, or less: n itself
    assert low[3] < low[2] and high[3] > high[2]  # more variance than n paragraphs give: wider (n* = 5)


def test_distinctive_flags_what_a_locality_emphasises():
    d = distinctive(_frame(), KEYS).set_index(["locality", "theme"])
    assert d.loc[("甲县", "party"), "emphasis"] == "more" and d.loc[("甲县", "party"), "z"] > 1.96
    assert d.loc[("乙市", "party"), "emphasis"] == "less"
    assert abs(d.loc[("甲县", "other"), "z"]) < 1.96
    # an interval that holds the rest's share withdraws the mark (the z-score counts sentences as independent)
    wide = theme_shares(_frame(), KEYS, n_boot=300, seed=3).assign(ci_low=0.0, ci_high=1.0)
    assert (distinctive(_frame(), KEYS, intervals=wide)["emphasis"] == "").all()
    tight = distinctive(_frame(), KEYS, intervals=theme_shares(_frame(), KEYS, n_boot=300, seed=3)).set_index(["locality", "theme"])
    assert tight.loc[("甲县", "party"), "emphasis"] == "more"
    # the documents without a locality are no place: their z-scores stay, they are never flagged
    unplaced = distinctive(_frame(), KEYS, unplaced="甲县").set_index(["locality", "theme"])
    assert unplaced.loc[("甲县", "party"), "z"] == d.loc[("甲县", "party"), "z"] and (unplaced.loc["甲县", "emphasis"] == "").all()
    assert unplaced.loc[("乙市", "party"), "emphasis"] == "less"
    # one locality has no rest to differ from
    alone = distinctive(_frame().query("locality == '甲县'"), KEYS)
    assert (alone["emphasis"] == "").all() and alone["z"].isna().all() and len(alone) == len(KEYS)


def test_by_year_and_markdown():
    y = shares_by_year(_frame(), KEYS)
    assert set(y["year"]) == {"2024", "2025"}
    np.testing.assert_allclose(y.groupby("year")["share"].sum(), 1, atol=1e-3)
    md = md_table(Table.from_frame(pd.DataFrame({"a": [1], "b": ["x|y\nz"]})))
    assert md.splitlines() == ["| a | b |", "|---|---|", "| 1 | x\\|y z |"]


def test_shares_count_characters_by_sentence_theme():
    # one paragraph of 100 characters: 60 party, 40 ecology by its sentences; its own theme is party
    df = pd.DataFrame({"locality": ["甲县"] * 2, "doc_id": ["a", "a"], "theme": ["party", "industry"], "n_chars": [100, 50],
                       "chars_party": [60, 0], "chars_industry": [0, 50], "chars_other": [40, 0],
                       "n_sentences_party": [2, 0], "n_sentences_industry": [0, 1], "n_sentences_other": [1, 0], "year": ["2024", "2024"]})
    s = theme_shares(df, KEYS, n_boot=50, seed=1).set_index("theme")
    assert s.loc["party", "share"] == 0.4 and s.loc["other", "share"] == round(40 / 150, 4)
    assert s.loc["party", "n_paragraphs"] == 1 and s.loc["other", "n_paragraphs"] == 0  # paragraphs by their own theme
    assert s.loc["other", "n_sentences"] == 1 and s["n_chars"].sum() == 150
    y = shares_by_year(df, KEYS).set_index("theme")
    assert y.loc["other", "share"] == round(40 / 150, 4)


def _square(x):
    return x * x


def test_side_process_returns_what_a_call_here_returns():
    from pipeline.report import side_process

    with side_process() as side:
        futures = [side.submit(_square, n) for n in range(4)]
        assert [f.result() for f in futures] == [0, 1, 4, 9]


def test_side_process_passes_errors_through_result():
    from pipeline.report import side_process

    with side_process() as side:
        future = side.submit(_square, "x")
        with pytest.raises(TypeError):
            future.result()


def test_robustness_runs_of_other_outputs_are_flagged_not_shown():
    from pipeline.report import _stale_robustness

    shares = pd.DataFrame({"locality": ["湘潭市", "湘潭市"], "theme": ["party", "other"], "share": [0.6, 0.4]})
    assert _stale_robustness({"base_shares": {"湘潭市|party": 0.6, "湘潭市|other": 0.4}}, shares) is None
    assert _stale_robustness({"base_shares": {"湘潭市|party": 0.6002, "湘潭市|other": 0.3998}}, shares) is None  # rounding
    why = _stale_robustness({"base_shares": {"湘潭市|party": 0.5, "湘潭市|other": 0.5}}, shares)
    assert "湘潭市 party 50.0%, this report 60.0%" in why
    assert "localities or themes" in _stale_robustness({"base_shares": {"永州市|party": 1.0}}, shares)
    assert "does not record" in _stale_robustness({"runs": 11}, shares)  # written before the check existed


def test_accuracy_is_reported_with_its_interval():
    from pipeline.report import _resampled, _with_interval

    m = {"accuracy": 0.861, "macro_f1": 0.8, "intervals": {"level": 0.95, "resampled": "documents", "units": 12, "n_boot": 1000,
                                                          "accuracy": {"low": 0.8, "high": 0.912}}}
    assert _with_interval(m, "accuracy") == "0.86 [0.80–0.91]"
    assert _with_interval(m, "macro_f1") == "0.80"  # no interval recorded: the figure alone
    assert _resampled(m) == " (95% intervals: 12 labelled documents resampled; so few make them rough and too narrow)"
    m["intervals"]["units"] = 25
    assert _resampled(m) == " (95% intervals: 25 labelled documents resampled)"
    # fewer than 5 labelled documents: labelled lines are resampled, and the interval is rough whatever their number
    assert _resampled({"intervals": {"level": 0.95, "resampled": "lines", "units": 40, "n_boot": 1000, "accuracy": {"low": 0.9, "high": 1.0}}}).endswith("rough and too narrow)")
    assert _resampled({"intervals": {"level": 0.95, "resampled": "lines", "units": 1, "n_boot": 1000}}) == " (no interval: only 1 labelled line)"
    assert _resampled({}) == ""
    # a measure of nothing, or an interval bootstrap could not give, is read back from JSON as null
    assert _with_interval({"share_tv": None}, "share_tv") == "—"
    assert _with_interval({"accuracy": 1.0, "intervals": {"accuracy": {"low": None, "high": None}}}, "accuracy") == "1.00"


def test_the_accuracy_line_says_which_figures_are_weighted():
    from pipeline.report import _weighted

    assert "inverse of its inclusion probability" in _weighted({"weighted": True})
    assert _weighted({"weighted": False}) == _weighted({}) == ""


def test_in_sample_accuracy_is_flagged_with_the_out_of_sample_figures():
    from pipeline.report import _in_sample_note

    acc = {"labels": 156, "sentences": {"labels": 308}}
    note = _in_sample_note({"labels": 156, "sentence_labels": 308, "out_of_sample": {
        "method": "leave one province out", "trained_on": "dev_labels.csv", "paragraph_macro_f1": 0.9352, "sentence_macro_f1": 0.7754, "share_tv": 0.1548}}, acc)
    assert note.startswith("In-sample: 156 of 156 labelled paragraphs and 308 of 308 labelled sentences")
    assert "sentence macro-F1 0.78 and share TV 0.15" in note
    assert "Fitted without" not in _in_sample_note({"sentence_labels": 3}, acc)
    # a few labels on training text (an opening formula): the rest are scored out of sample
    few = _in_sample_note({"labels": 3, "without": {"labels": {"matched": 96, "accuracy": 0.9, "macro_f1": 0.88,
                                                                "intervals": {"accuracy": {"low": 0.8, "high": 0.95}}}}}, acc)
    assert few.startswith("In-sample in part: 3 of 156 labelled paragraphs") and "on the other 96 paragraph labels, accuracy 0.90 [0.80–0.95] and macro-F1 0.88" in few
    # labels that are also this corpus's themes.examples: the examples model's out-of-fold figures
    cv = {"sentence_labels": {"n": 68, "accuracy": 0.6, "macro_f1": 0.52, "base_accuracy": 0.72, "base_macro_f1": 0.61}}
    note = _in_sample_note({"sentence_labels": 68, "examples": {"cross_validation": cv}}, {"sentences": {"labels": 68}})
    assert "text the builtin model or this corpus's themes.examples was trained on" in note
    assert "on the 68 sentence labels of themes.examples, the model scored accuracy 0.60 and macro-F1 0.52, against 0.72 and 0.61" in note


@pytest.mark.parametrize("metrics,says", [
    ({"model": "builtin (theme_model.npz: 889 labelled sentences) mixed with zero-shot at 0.5",
      "in_training": {"out_of_sample": {"trained_on": "dev_labels.csv + dev_sentences.csv, cn_provincial_gwr"}}},
     ["builtin classifier", "889 sentences with a hand label of their own or of their paragraph: dev_labels.csv", "averaged at weight 0.5", "zero-shot score"]),
    ({"model": "builtin (theme_model.npz: 889 labelled sentences)"}, ["builtin classifier", "889 sentences"]),
    ({"model": "builtin (theme_model.npz: ? labelled sentences) mixed with zero-shot at 1e-05"}, ["builtin classifier", "averaged at weight 1e-05"]),
    ({"model": "zero-shot (themes.sentence_weights)"}, ["zero-shot score of the theme definitions"]),
    ({"model": "zero-shot (themes.sentence_weights)", "corpus_neighbours": {"neighbours": 10, "weight": 0.3, "sentences_mixed": 1234}},
     ["zero-shot score", "mixed at weight 0.3 with those of the 10 sentences most like it in the corpus's other documents", "1,234 sentences"]),
    ({"model": "examples (145 labelled sentences) on zero-shot (themes.sentence_weights)"}, ["zero-shot score", "this corpus's 145 labelled sentences"]),
    ({"model": "paragraph scores", "unit": "paragraph"}, ["Each paragraph's theme", "topic"]),
    ({"model": "builtin (theme_model.npz: 889 labelled sentences)", "in_training": {"sentences": 1192}, "sentences": {"party": 855, "other": 25000}},
     ["1,192 of this corpus's 25,855 sentences (4.6%) are text the classifier was trained on", "fitted rather than predicted"]),
])
def test_the_header_says_in_words_what_gave_the_themes(metrics, says):
    from pipeline.report import _theme_model

    text = _theme_model(metrics)
    assert all(s in text for s in says), text
    assert ("builtin" in text) == ("builtin" in metrics["model"])
    assert ("averaged" in text) == ("mixed" in metrics["model"])
    assert ("trained on (" in text) == bool(metrics.get("in_training", {}).get("sentences"))
    assert _theme_model({}) == ""
    # a corpus of one document: no sentence had neighbours, and the header does not claim any
    assert "most like it" not in _theme_model({"model": "zero-shot (x)", "corpus_neighbours": {"neighbours": 10, "weight": 0.3, "sentences_mixed": 0}})


def test_reused_text_tables_show_the_largest_first_and_say_where_the_rest_are():
    from pipeline.report import REUSE_ROWS, reuse_views

    labels = {"party": "党建", "other": "其他"}
    n = REUSE_ROWS + 3
    locs = [f"县{i:02d}" for i in range(n)]
    # 县00 reuses the fewest characters, the last the most; its shares move by i points
    pairs = pd.DataFrame({"locality": locs, "source_locality": ["市"] * n, "sentences": 1, "chars": [10 * (i + 1) for i in range(n)]})
    shares = pd.DataFrame([{"locality": loc, "theme": k, "share": s, "share_without_reuse": w, "reused_chars": 10 * (i + 1)}
                           for i, loc in enumerate(locs)
                           for k, s, w in (("party", 0.5, 0.5 - i / 100), ("other", 0.5, 0.5 + i / 100))]
                          + [{"locality": "全县", "theme": k, "share": 0.5, "share_without_reuse": None, "reused_chars": 100} for k in labels]  # all of it reused
                          + [{"locality": "市", "theme": k, "share": 0.5, "share_without_reuse": 0.5, "reused_chars": 0} for k in labels])  # reuses nothing
    loc_chars = pd.Series({**{loc: 1000 for loc in locs}, "全县": 100, "市": 5000})
    out = reuse_views(pairs, shares, loc_chars, {}, labels)

    rows = out["reuse_pairs"].rows
    assert len(rows) == REUSE_ROWS and [r[0] for r in rows[:2]] == [locs[-1], locs[-2]] and rows[-1][3] == 10 * (n - REUSE_ROWS + 1)
    assert f"of {n}" in out["reuse_pairs"].note and "reports/reuse.csv" in out["reuse_pairs"].note
    rows = out["reuse_shares"].rows
    assert [r[0] for r in rows[:3]] == ["全县", locs[-1], locs[-2]] and len(rows) == REUSE_ROWS  # 市 reused nothing: not listed
    assert rows[0][1:] == ["100.0%", "—", "—"] and rows[1][1:] == [f"{10 * n / 1000:.1%}", f"50.0% → {50 - n + 1}.0%", f"50.0% → {50 + n - 1}.0%"]
    assert f"of {n + 1} with reused text" in out["reuse_shares"].note
    assert str(sum(pairs["chars"])) in out["reuse_summary"]

    # exactly as many as are shown: nothing left out, nothing said
    exact = reuse_views(pairs.head(REUSE_ROWS), shares[shares["locality"].isin(locs[:REUSE_ROWS])], loc_chars, {}, labels)
    assert len(exact["reuse_pairs"].rows) == len(exact["reuse_shares"].rows) == REUSE_ROWS and exact["reuse_pairs"].note == exact["reuse_shares"].note == ""
    # ties in size go in the overview's order (rank), not by name
    tied = pairs.head(3).assign(chars=50)
    tied_shares = shares[shares["locality"].isin(locs[:3])].assign(share_without_reuse=lambda d: d["share"] - 0.02)
    rank = {locs[2]: 0, locs[0]: 1, locs[1]: 2}
    small = reuse_views(tied, tied_shares, loc_chars, rank, labels)
    assert [r[0] for r in small["reuse_pairs"].rows] == [r[0] for r in small["reuse_shares"].rows] == [locs[2], locs[0], locs[1]]
    assert "reused:" in small["reuse_shares"].caption
    assert md_table(Table(["a"], [[1]], note="the rest: x.csv")).endswith("| 1 |\n\nthe rest: x.csv")
    assert reuse_views(pairs.iloc[:0], shares.iloc[:0], loc_chars, {}, labels) == {"reuse_summary": "No sentence repeats another locality's text (exactly or nearly)."}


def test_labels_that_matched_nothing_are_counted_with_an_example():
    from pipeline.report import _unmatched_note

    acc = {"evaluated": True, "labels": 24, "matched": 23, "unmatched": [{"source": "2026_上海市.txt", "line": 48, "reason": "nothing at its line"}],
           "sentences": {"labels": 10, "matched": 8, "unmatched": []}}
    assert _unmatched_note(acc) == ("1 paragraph label and 2 sentence labels matched nothing (for example 2026_上海市.txt:48: nothing at its line); "
                                    "metrics/eval.json → unmatched lists them with their reasons.")
    assert _unmatched_note({"evaluated": True, "labels": 3, "matched": 3}) == _unmatched_note({}) == ""


def test_the_confusion_matrix_counts_the_units_the_accuracy_table_scores():
    from pipeline.labels import HAND_LABEL_COLUMNS
    from pipeline.report import label_confusion

    rows = [("p1", -1, 100, "party", "party", np.nan, "", "eval.labels"), ("p2", -1, 80, "industry", "other", np.nan, "", "eval.labels"),
            ("p1", 0, 40, "party", "party", np.nan, "", "eval.sentence_labels"), ("p1", 1, 60, "party", "industry", np.nan, "", "eval.sentence_labels")]
    both = pd.DataFrame(rows, columns=HAND_LABEL_COLUMNS)
    c = label_confusion(both, KEYS)  # the sentences, not the paragraph that holds them as well
    assert c.to_numpy().sum() == 2 and c.loc["industry", "party"] == 1 and c.attrs["units"] == "2 labelled sentences"
    c = label_confusion(both[both["sentence"] < 0], KEYS)
    assert c.to_numpy().sum() == 2 and c.loc["other", "industry"] == 1 and c.attrs["units"] == "2 paragraphs cut from the labelled lines"
    assert label_confusion(both.iloc[:0], KEYS).empty
    off = pd.concat([both, pd.DataFrame([("p1", 2, 10, "", "party", np.nan, "", "eval.sentence_labels")], columns=HAND_LABEL_COLUMNS)])
    assert label_confusion(off, KEYS).attrs["units"] == "2 labelled sentences"  # a unit without a theme is not in the matrix, nor counted


def test_a_locality_s_example_quotes_the_sentences_counted_for_the_theme():
    from pipeline.report import examples_by_locality

    df = pd.DataFrame({"locality": "甲县", "para_id": ["p1", "p2", "p3"], "source": "a.txt", "line_start": [3, 5, 7], "line_end": [3, 5, 8]})
    rows = [("p1", 0, "party", 0.9, "党" * 200 + "。"), ("p1", 1, "industry", 0.6, "工" * 20 + "。"),
            ("p2", 0, "party", 0.99, "一、加强党的建设。"),  # a heading, however confident, is no example
            ("p3", 0, "party", 0.8, "建" * 60 + "。"), ("p3", 1, "other", 0.7, "他" * 30 + "。"), ("p3", 2, "party", 0.8, "设" * 60 + "。")]
    sentences = pd.DataFrame(rows, columns=["para_id", "sentence", "theme", "confidence", "text"]).assign(n_chars=lambda d: d["text"].str.len())
    ex = {e["theme"]: e for e in examples_by_locality(df, sentences, KEYS)["甲县"]}
    assert ex["party"]["where"] == "a.txt:3" and ex["party"]["text"] == "党" * 200 + "。"
    assert ex["industry"]["text"] == "工" * 20 + "。"  # only what was counted for the theme, not its paragraph's opening
    assert ex["other"]["where"] == "a.txt:7-8" and ex["other"]["text"] == "他" * 30 + "。"
    assert [e["theme"] for e in examples_by_locality(df, sentences, KEYS)["甲县"]] == ["party", "industry", "other"]
    p3 = sentences[sentences["para_id"] == "p3"]
    gap = examples_by_locality(df[df["para_id"] == "p3"], p3, KEYS)["甲县"][0]
    assert gap["text"] == "建" * 60 + "。…" + "设" * 60 + "。"  # sentences of another theme in between: marked
    assert examples_by_locality(df, sentences, KEYS, max_chars=50)["甲县"][0]["text"] == "党" * 50 + "…"


def test_words_that_set_a_locality_apart_are_not_its_own_name_or_kind():
    from pipeline.report import distinctive_words

    rows = [("新疆维吾尔自治区", "industry", ["自治区", "维吾尔", "棉花"]) for _ in range(200)]
    rows += [("北京市", "industry", ["首都", "中关村"]) for _ in range(200)]
    rows += [("天津市", "industry", ["首都", "服务", "港口"]) for _ in range(200)]
    w = distinctive_words(pd.DataFrame(rows, columns=["locality", "theme", "tokens"]), KEYS)
    assert set(w.loc[w["locality"] == "新疆维吾尔自治区", "word"]) == {"棉花"}
    assert set(w.loc[w["locality"] == "北京市", "word"]) == {"中关村"}  # 首都 is what 北京 calls itself
    assert "首都" in set(w.loc[w["locality"] == "天津市", "word"])  # 天津 serving the capital: a word of what it does


def test_a_share_whose_runs_leave_its_interval_is_marked():
    from pipeline.report import robustness_view

    rob = pd.DataFrame({"locality": ["甲县", "乙市"], "theme": ["party", "party"], "runs": 5, "min": [0.03, 0.40], "max": [0.16, 0.45],
                        "spread": [0.13, 0.05]})
    shares = pd.DataFrame({"locality": ["甲县", "乙市"], "theme": ["party", "party"], "share": [0.04, 0.42], "ci_low": [0.01, 0.30], "ci_high": [0.10, 0.55]})
    view = robustness_view(rob, shares, "5 runs", {"party": "党建"})
    assert "1 of 2 shares have a run outside their 95% interval" in view["robustness_note"]
    assert [row[3] for row in view["robustness"].rows] == ["3%–16% ‡", "40%–45%"]
    inside = robustness_view(rob.iloc[1:], shares, "5 runs", {"party": "党建"})
    assert "Every run stays inside" in inside["robustness_note"] and "‡" not in inside["robustness"].rows[0][3]
    assert inside["robustness_note"].endswith("interval.")  # a 5-point spread needs no word more
    # inside wide intervals, a wide spread is still worth quoting (9–40% across runs inside 71-point intervals read as reassuring)
    wide = robustness_view(rob.assign(min=[0.09, 0.40], max=[0.40, 0.45], spread=[0.31, 0.05]), shares.assign(ci_low=[0.0, 0.3], ci_high=[0.71, 0.55]),
                           "5 runs", {"party": "党建"})
    assert "Every run stays inside its share's 95% interval, but spreads of 31 points are large in themselves" in wide["robustness_note"]


def test_text_many_localities_share_is_a_common_source_not_a_pair():
    from pipeline.report import reuse_views

    pairs = pd.DataFrame({"locality": ["乙省", "丙省", "丁县"], "source_locality": ["甲省", "甲省", "甲省"], "sentences": [3, 1, 2], "chars": [150, 50, 90],
                          "common_sentences": [1, 1, 0], "common_chars": [50, 50, 0]})
    shares = pd.DataFrame({"locality": ["乙省"], "theme": ["party"], "share": [0.5], "share_without_reuse": [0.5], "reused_chars": [0]})
    out = reuse_views(pairs, shares, pd.Series({"甲省": 1000, "乙省": 1000, "丙省": 1000, "丁县": 1000}), {}, {"party": "党建"})
    assert "2 of these sentences (100 characters) are text that 3 or more localities share" in out["reuse_summary"]
    assert out["reuse_pairs"].rows == [["乙省", "甲省", 2, 100], ["丁县", "甲省", 2, 90]]  # 丙省 shares only the formula: no pair
    assert "not counting text 3 or more localities share" in out["reuse_pairs"].caption


def test_the_reliability_note_names_the_themes_a_locality_s_documents_disagree_on():
    from pipeline.report import reliability_view

    rel = pd.DataFrame({"theme": ["party", "industry"], "icc": [0.31, 0.78], "ci_low": [-0.11, 0.57], "ci_high": [0.69, 0.9], "n_localities": 31, "n_documents": 62})
    view = reliability_view(rel, {"party": "党建", "industry": "产业"})
    assert "31 localities" in view["reliability_note"] and "Below 0.5 here: 党建;" in view["reliability_note"]
    assert view["reliability"].rows == [["党建", "0.31", "-0.11 to 0.69"], ["产业", "0.78", "0.57 to 0.90"]]
    assert "Not measured" in reliability_view(rel.iloc[:0], {})["reliability_note"]


def test_emphasis_flags_are_corrected_for_the_number_of_comparisons():
    # 20 localities drawn alike: by chance two cells pass |z| > 1.96, and none is flagged
    # once the 60 tests are corrected together (Benjamini–Hochberg)
    rng = np.random.default_rng(4)
    rows = [{"locality": f"L{i:02d}", "doc_id": f"L{i}", "theme": rng.choice(KEYS, p=[0.3, 0.4, 0.3]), "n_chars": 100} for i in range(20) for _ in range(60)]
    d = distinctive(pd.DataFrame(rows), KEYS)
    assert (d["z"].abs() > 1.96).sum() == 2 and (d["emphasis"] == "").all() and (d["q"] > 0.5).all()
    from scipy.stats import norm
    from statsmodels.stats.multitest import multipletests

    assert np.allclose(d["q"], multipletests(2 * norm.sf(d["z"].abs()), method="fdr_bh")[1], atol=1e-3)

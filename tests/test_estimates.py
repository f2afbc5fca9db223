"""Corrected shares cover the truth; covariate models; reused text."""

import numpy as np
import pandas as pd

from pipeline.estimates import Corpus, Labelled, calibrated_document_shares, corrected_shares, covariate_effects, dsl_document_shares, reuse_table

KEYS = ["party", "industry", "livelihood"]
TRUE = {"甲县": [0.5, 0.3, 0.2], "乙县": [0.2, 0.5, 0.3], "丙市": [0.3, 0.3, 0.4], "丁市": [0.1, 0.6, 0.3]}
LEVEL = {"甲县": "county", "乙县": "county", "丙市": "city", "丁市": "city"}
# the classifier's known confusion matrix: row = true theme, column = predicted theme
CONFUSION = np.array([[0.75, 0.20, 0.05], [0.10, 0.80, 0.10], [0.05, 0.30, 0.65]])


def synthetic(rng, docs_per_locality=12, units_per_doc=30, sample_size=300):
    """A corpus drawn from known shares, themed by a classifier with a known confusion
    matrix, and a random sample stratified by level and predicted theme."""
    names = list(TRUE)
    n_docs = len(names) * docs_per_locality
    g_of_doc = np.repeat(np.arange(len(names)), docs_per_locality)
    mix = np.stack([rng.dirichlet(np.asarray(TRUE[names[g]]) * 20) for g in g_of_doc])  # documents of a locality differ
    n = n_docs * units_per_doc
    doc_of = np.repeat(np.arange(n_docs), units_per_doc)
    true = (rng.random(n)[:, None] > np.cumsum(mix[doc_of], axis=1)).sum(axis=1).clip(0, 2)
    pred = (rng.random(n)[:, None] > np.cumsum(CONFUSION[true], axis=1)).sum(axis=1).clip(0, 2)
    chars = rng.integers(20, 80, size=n)
    para_chars = np.zeros((n, 3))
    para_chars[np.arange(n), pred] = chars
    group = np.array(names)[g_of_doc[doc_of]]
    level = np.array([LEVEL[g] for g in names])[g_of_doc[doc_of]]
    corpus = Corpus(para_chars, level, group, doc_of.astype(str))
    strata = np.char.add(level.astype(str), pred.astype(str))
    labels, counts = np.unique(strata, return_counts=True)
    alloc = np.maximum(5, np.round(sample_size * counts / counts.sum()).astype(int))
    picked, pi = [], []
    for s, n_h, big_n in zip(labels, alloc, counts):
        take = rng.choice(np.flatnonzero(strata == s), size=min(n_h, big_n), replace=False)
        picked += take.tolist()
        pi += [min(n_h, big_n) / big_n] * len(take)
    picked = np.array(picked)
    lab = Labelled(para=picked, chars=chars[picked], predicted=pred[picked], label=true[picked], pi=np.array(pi))
    return corpus, lab


def test_corrected_intervals_cover_the_truth_and_uncorrected_ones_do_not():
    rng = np.random.default_rng(20261122)
    truth = pd.DataFrame([(g, k, p[i]) for g, p in TRUE.items() for i, k in enumerate(KEYS)], columns=["group", "theme", "truth"])
    covered, raw_covered = [], []
    empty = Labelled(*(np.zeros(0, dtype=int) for _ in range(4)), pi=np.ones(0))
    for rep in range(200):
        corpus, lab = synthetic(rng)
        est = corrected_shares(corpus, lab, KEYS, n_boot=100, seed=rep).merge(truth, on=["group", "theme"])
        raw = corrected_shares(corpus, empty, KEYS, n_boot=100, seed=rep).merge(truth, on=["group", "theme"])
        covered.append(((est["ci_low"] <= est["truth"]) & (est["truth"] <= est["ci_high"])).to_numpy())
        raw_covered.append(((raw["ci_low"] <= raw["truth"]) & (raw["truth"] <= raw["ci_high"])).to_numpy())
    coverage, raw_coverage = np.mean(covered), np.mean(raw_covered)
    assert coverage >= 0.93, (coverage, raw_coverage)
    assert raw_coverage < 0.85, (coverage, raw_coverage)  # the classifier's bias pushes the truth out


def test_a_perfect_classifier_needs_no_correction():
    rng = np.random.default_rng(1)
    corpus, lab = synthetic(rng)
    lab.label = lab.predicted.copy()
    est = corrected_shares(corpus, lab, KEYS, n_boot=50, seed=0)
    np.testing.assert_allclose(est["corrected"], est["raw"], atol=1e-4)
    assert (est["n_labelled"] > 0).all()


def test_calibrated_document_shares_sum_to_one():
    corpus, lab = synthetic(np.random.default_rng(2))
    shares = calibrated_document_shares(corpus, lab, KEYS)
    assert len(shares) == 48 and np.allclose(shares[KEYS].sum(axis=1), 1)


def test_design_based_pseudo_outcomes_are_the_truth_when_every_unit_is_coded():
    """Coded in full (π = 1), the calibrated prediction plus the residuals is each document's
    true share, whatever the calibration; with a sample, they average to it."""
    corpus, lab = synthetic(np.random.default_rng(4))
    n = len(corpus.doc)
    pred = corpus.chars.argmax(axis=1)
    true_of = np.full(n, -1)
    true_of[lab.para] = lab.label
    rng = np.random.default_rng(5)  # the uncoded units' true themes, drawn from the known confusion of their predictions
    guess = (rng.random(n)[:, None] > np.cumsum(CONFUSION.T[pred] / CONFUSION.T[pred].sum(axis=1, keepdims=True), axis=1)).sum(axis=1).clip(0, 2)
    true = np.where(true_of >= 0, true_of, guess)
    chars = corpus.chars.sum(axis=1)
    full = Labelled(para=np.arange(n), chars=chars.astype(float), predicted=pred, label=true, pi=np.ones(n))
    truth = pd.DataFrame(np.eye(3)[true] * chars[:, None], columns=KEYS).groupby(corpus.doc).sum()
    truth = truth.div(truth.sum(axis=1), axis=0)
    pseudo = dsl_document_shares(corpus, full, KEYS, seed=0).set_index("doc")
    np.testing.assert_allclose(pseudo.loc[truth.index, KEYS], truth[KEYS], atol=1e-9)
    sampled = dsl_document_shares(corpus, lab, KEYS, seed=0)
    assert len(sampled) == 48 and np.allclose(sampled[KEYS].sum(axis=1), 1)  # (each unit's residuals sum to 0 over the themes)
    assert sampled[KEYS].to_numpy().min() < 0  # a coded unit drawn at a low probability takes its document outside [0, 1]


def test_a_documents_pseudo_outcome_is_cross_fitted():
    """A document's own coded units enter its pseudo-outcome through their residuals only, never
    through the calibration of its predictions: changing their labels moves it by exactly
    Σ c/π (new − old label) / C_d, and no other document of its fold."""
    corpus, lab = synthetic(np.random.default_rng(6))
    base = dsl_document_shares(corpus, lab, KEYS, seed=3).set_index("doc")
    doc_of_lab = corpus.doc[lab.para]
    for d in np.unique(doc_of_lab)[:8]:
        mine = doc_of_lab == d
        flipped = Labelled(lab.para, lab.chars, lab.predicted, np.where(mine, (lab.label + 1) % 3, lab.label), lab.pi)
        moved = dsl_document_shares(corpus, flipped, KEYS, seed=3).set_index("doc")
        step = (np.eye(3)[flipped.label[mine]] - np.eye(3)[lab.label[mine]]) * (lab.chars[mine] / lab.pi[mine])[:, None]
        np.testing.assert_allclose(moved.loc[d, KEYS] - base.loc[d, KEYS], step.sum(axis=0) / corpus.chars[corpus.doc == d].sum(), atol=1e-9)
        # (the documents of its fold keep theirs: the fold's calibration never saw it)
        same_fold = (moved[KEYS] - base[KEYS]).abs().max(axis=1) < 1e-12
        assert same_fold.sum() >= len(base) // 5 - 1


def test_a_value_whose_corrected_share_is_not_above_zero_is_skipped_with_its_reason():
    """Pseudo-outcomes may average 0% or less for a value (a rare theme, a few coded sentences read
    otherwise): its logit has no finite contrast, and the theme is skipped saying so; shares of
    exactly 0% or 100% keep their plain reasons."""
    docs = pd.DataFrame({"doc": [f"d{i}" for i in range(16)], "n_chars": 1000, "locality": [f"L{i % 8}" for i in range(16)],
                         "level": ["city"] * 8 + ["county"] * 8})
    rare = np.r_[np.full(8, 0.05), [0.04, -0.3, 0.0, -0.1, 0.02, 0.0, 0.0, 0.01]]
    shares = pd.DataFrame({"doc": docs["doc"], "party": rare, "other": 1 - rare, "all": np.r_[np.full(8, 0.5), np.ones(8)]})
    result = covariate_effects(docs, shares, ["party", "other", "all"], ["level"])
    assert dict(result.skipped) == {"party (every covariate)": "the documents with level county give it 0% or less on average as corrected (-4.1%)",
                                    "other (every covariate)": "the documents with level county give it 100% or more on average as corrected (104.1%)",
                                    "all (every covariate)": "every document with level county gives it 100%"}


def test_the_report_models_covariates_on_the_pseudo_outcomes(monkeypatch):
    """With a coded random sample, the covariate models read dsl_document_shares, and the
    reliability the calibrated shares; without one, both read the classifier's shares."""
    from pipeline import report
    from pipeline.config import ReportParams

    corpus, lab = synthetic(np.random.default_rng(7), docs_per_locality=3, units_per_doc=10, sample_size=40)
    n = len(corpus.doc)
    df = pd.DataFrame({"para_id": [f"p{i}" for i in range(n)], "doc_id": corpus.doc, "locality": corpus.group,
                       **{f"chars_{k}": corpus.chars[:, j] for j, k in enumerate(KEYS)}})
    sentences = pd.DataFrame({"para_id": df["para_id"], "sentence": 0, "theme": [KEYS[j] for j in corpus.chars.argmax(axis=1)],
                              "n_chars": corpus.chars.sum(axis=1), "duplicate_of": ""})
    documents = pd.DataFrame({"doc_id": np.unique(corpus.doc), "status": "ok"}).assign(
        locality=lambda d: d["doc_id"].map(dict(zip(corpus.doc, corpus.group))), level=lambda d: d["doc_id"].map(dict(zip(corpus.doc, corpus.level))),
        date="", year="")
    hand = pd.DataFrame({"para_id": df["para_id"].to_numpy()[lab.para], "sentence": 0, "n_chars": lab.chars, "predicted": [KEYS[j] for j in lab.predicted],
                         "label": [KEYS[j] for j in lab.label], "inclusion_probability": lab.pi, "stratum": "", "origin": "sample"})
    seen = {}
    real = report.covariate_effects
    monkeypatch.setattr(report, "covariate_effects", lambda docs, shares, *a, **kw: seen.setdefault("covariates", shares) is not None
                        and seen.setdefault("docs", docs) is not None and real(docs, shares, *a, **kw))
    monkeypatch.setattr(report, "locality_reliability", lambda shares, *a, **kw: seen.setdefault("reliability", shares) is not None and real_rel(shares, *a, **kw))
    from pipeline.estimates import locality_reliability as real_rel
    rp = ReportParams(n_boot=20)
    est = report.compute_estimates(df, sentences, documents, hand, {}, pd.DataFrame(), {}, KEYS, rp)
    pd.testing.assert_frame_equal(seen["covariates"], dsl_document_shares(corpus, lab, KEYS, seed=rp.seed))
    # the coded units by level, with their 1/π-weighted accuracy (the report gives both: a level's contrasts rest on its own)
    by_level = est.coded_by_level.set_index("level")
    assert list(by_level.index) == ["city", "county"] and by_level["coded"].sum() == len(lab)
    county = np.isin(lab.para, np.flatnonzero(corpus.level == "county"))
    right = lab.label[county] == lab.predicted[county]
    assert by_level.loc["county", "accuracy"] == round(float(np.average(right, weights=1 / lab.pi[county])), 3)
    pd.testing.assert_frame_equal(seen["reliability"], calibrated_document_shares(corpus, lab, KEYS))
    # two documents without a locality are two clusters, not one "(locality not found)"
    seen.clear()
    unplaced = documents["doc_id"].iloc[:2].tolist()
    report.compute_estimates(df, sentences, documents.assign(locality=documents["locality"].mask(documents["doc_id"].isin(unplaced), "")), hand, {},
                             pd.DataFrame(), {}, KEYS, rp)
    clusters = seen["docs"].set_index("doc")["locality"]
    assert clusters[unplaced[0]] != clusters[unplaced[1]] and all(c.startswith(report.UNKNOWN) for c in clusters[unplaced])
    seen.clear()
    report.compute_estimates(df, sentences, documents, hand.iloc[0:0], {}, pd.DataFrame(), {}, KEYS, rp)
    assert seen["covariates"] is seen["reliability"] and np.allclose(seen["covariates"][KEYS].sum(axis=1), 1)


def _misread_corpus(seed: int, misread: float) -> tuple[pd.DataFrame, pd.DataFrame, Corpus, Labelled]:
    """8 cities and 12 counties, two documents a year (2023, 2024) each, no effect of level or year
    on party building; the classifier reads 15% of party sentences as `other`, in county texts of
    2024 ``misread`` of them; 200 sentences coded by a sample stratified by level and prediction."""
    rng = np.random.default_rng(seed)
    docs, rows = [], []
    for level, n in (("city", 8), ("county", 12)):
        for i in range(n):
            own = rng.normal(0, 0.3)
            for year in ("2023", "2024"):
                for k in range(2):
                    doc, party = f"{level}{i}_{year}_{k}", 1 / (1 + np.exp(1.4 - own - rng.normal(0, 0.2)))
                    true = rng.choice(3, size=40, p=[party, 0.45 * (1 - party), 0.55 * (1 - party)])
                    miss = misread if (level, year) == ("county", "2024") else 0.15
                    confusion = np.array([[1 - miss, 0, miss], [0, 0.9, 0.1], [0.05, 0.1, 0.85]])
                    pred = (rng.random(40)[:, None] > np.cumsum(confusion[true], axis=1)).sum(axis=1).clip(0, 2)
                    docs.append({"doc": doc, "level": level, "year": year, "locality": f"{level}{i}", "n_chars": 40})
                    rows += [(doc, level, t, p) for t, p in zip(true, pred)]
    docs, units = pd.DataFrame(docs), pd.DataFrame(rows, columns=["doc", "level", "true", "pred"])
    truth = pd.crosstab(units["doc"], units["true"], normalize="index").reindex(columns=range(3), fill_value=0)
    truth = truth.set_axis(KEYS, axis=1).rename_axis("doc").reset_index()
    strata = (units["level"] + units["pred"].astype(str)).to_numpy()
    picked, pi = [], []
    for s in np.unique(strata):
        rows_s = np.flatnonzero(strata == s)
        n_h = min(len(rows_s), max(5, round(200 * len(rows_s) / len(units))))
        picked += rng.choice(rows_s, size=n_h, replace=False).tolist()
        pi += [n_h / len(rows_s)] * n_h
    picked = np.array(picked)
    corpus = Corpus(np.eye(3)[units["pred"]], units["level"].to_numpy(dtype=str), units["doc"].str.split("_").str[0].to_numpy(dtype=str),
                    units["doc"].to_numpy(dtype=str))
    lab = Labelled(para=picked, chars=np.ones(len(picked)), predicted=units["pred"].to_numpy()[picked], label=units["true"].to_numpy()[picked], pi=np.array(pi))
    return docs, truth, corpus, lab


def test_design_based_outcome_corrects_errors_that_differ_within_a_level():
    """The classifier misreads party building in county texts of 2024 three times as often as
    elsewhere (a genre it was not trained on): calibrated by level, the shares carry that into the
    year's contrast within counties, and their intervals miss what full hand coding would find;
    the design-based pseudo-outcomes' intervals hold it (benchmarks/covariates.py --classifier)."""
    held = {"calibrated": [], "design-based": []}
    for seed in range(12):
        docs, truth, corpus, lab = _misread_corpus(seed, misread=0.45)
        target = covariate_effects(docs, truth, ["party"], ["level", "year", "level:year"], n_sim=10, seed=seed).contrasts
        target = target.set_index("covariate").loc["year (level = county)", "difference"]
        for name, shares in (("calibrated", calibrated_document_shares(corpus, lab, KEYS)), ("design-based", dsl_document_shares(corpus, lab, KEYS, seed=seed))):
            c = covariate_effects(docs, shares, ["party"], ["level", "year", "level:year"], n_sim=400, seed=seed).contrasts.set_index("covariate")
            held[name].append(c.loc["year (level = county)", "ci_low"] <= target <= c.loc["year (level = county)", "ci_high"])
    assert np.mean(held["design-based"]) >= 0.9, held
    assert np.mean(held["calibrated"]) <= 0.25, held


def test_covariate_effects_recover_a_level_difference_and_skip_what_they_cannot_model():
    rng = np.random.default_rng(3)
    rows = []
    for i in range(60):
        level = ["province", "city", "county"][i % 3]
        year = str(2020 + i % 2)
        base = {"province": 0.10, "city": 0.20, "county": 0.35}[level]
        party = float(np.clip(base + rng.normal(0, 0.03), 0.01, 0.99))
        rows.append({"doc": f"d{i}", "n_chars": int(rng.integers(2000, 9000)), "level": level, "year": year, "locality": f"L{i % 15}",
                     "single": "x", "party": party, "industry": 1 - party})
    docs = pd.DataFrame(rows)
    result = covariate_effects(docs.drop(columns=KEYS[:2]), docs[["doc", "party", "industry"]], ["party", "industry"], ["level", "year", "single", "missing"], seed=0)
    assert dict(result.skipped) == {"single": "one value only (x)", "missing": "no such document column"}
    e = result.expected[(result.expected["theme"] == "party") & (result.expected["covariate"] == "level")].set_index("value")
    assert list(e.index) == ["province", "city", "county"]
    assert abs(e.loc["county", "expected"] - 0.35) < 0.03 and e.loc["province", "ci_high"] < e.loc["county", "ci_low"]
    c = result.contrasts[(result.contrasts["theme"] == "party") & (result.contrasts["value"] == "county")].iloc[0]
    assert c["reference"] == "province" and 0.2 < c["difference"] < 0.3 and c["ci_low"] > 0
    y = result.contrasts[(result.contrasts["theme"] == "party") & (result.contrasts["covariate"] == "year")].iloc[0]
    assert y["ci_low"] < 0 < y["ci_high"]  # no year effect was generated
    few = covariate_effects(docs.head(5).drop(columns=KEYS[:2]), docs[["doc", "party", "industry"]], ["party"], ["level"])
    assert few.expected.empty and "fewer than 8" in dict(few.skipped)["level"]


def test_reused_text_points_from_the_source_to_the_copy():
    units = pd.DataFrame({
        "id": ["a:1/0", "a:2/0", "b:1/0", "c:1/0"], "doc_id": ["a", "a", "b", "c"], "locality": ["衡东县", "衡东县", "永州市", "衡东县"],
        "n_chars": [100, 80, 100, 80], "duplicate_of": ["", "", "a:1/0", "a:2/0"],
    })
    documents = pd.DataFrame({"doc_id": ["a", "b", "c"], "date": ["2023-03-02", "", "2024-01-01"], "level": ["county", "city", "county"]})
    reuse = reuse_table(units, documents)
    # b:1 repeats a:1 from another locality; b is undated, so the date says nothing (an undated
    # text is not later than a dated one) and the higher level is the source: the county copies the city
    assert reuse.to_dict("records") == [{"id": "a:1/0", "source_id": "b:1/0", "locality": "衡东县", "source_locality": "永州市", "n_chars": 100, "n_localities": 2}]
    # c:1 repeats the same locality's text: not reuse from another locality
    swapped = units.assign(duplicate_of=["b:1/0", "", "", ""])  # flagged the other way round: the same
    assert reuse_table(swapped, documents)["id"].tolist() == ["a:1/0"]
    # both dated: the earlier is the source, whatever the levels
    dated = documents.assign(date=["2023-03-02", "2023-05-01", "2024-01-01"])
    assert reuse_table(units, dated)["id"].tolist() == ["b:1/0"]
    # an opening formula in four localities: one text, linked in a chain, held by all four
    formula = pd.DataFrame({"id": ["p/0", "q/0", "r/0", "s/0"], "doc_id": ["p", "q", "r", "s"], "locality": ["甲省", "乙省", "丙省", "丁省"],
                            "n_chars": 50, "duplicate_of": ["", "p/0", "q/0", "p/0"]})
    docs = pd.DataFrame({"doc_id": ["p", "q", "r", "s"], "date": "", "level": "province"})
    assert reuse_table(formula, docs)["n_localities"].tolist() == [4, 4, 4]


def test_confounded_covariates_are_skipped_with_their_reason():
    """Six provincial reports of 2025 and 2026 and six county texts of 2023 and 2024: the year
    fixes the level, so the year is skipped with its reason (it used to crash the report); a
    theme no document gives text to does not stop the models."""
    import numpy as np
    import pandas as pd

    from pipeline.estimates import covariate_effects

    rng = np.random.default_rng(0)
    n = 12
    docs = pd.DataFrame({"doc": [f"d{i}" for i in range(n)], "n_chars": rng.integers(1000, 5000, n), "locality": [f"L{i}" for i in range(n)],
                         "level": ["province"] * 6 + ["county"] * 6, "year": ["2025", "2026"] * 3 + ["2023", "2024"] * 3})
    shares = pd.DataFrame({"doc": docs["doc"], "party": rng.uniform(0.1, 0.5, n), "ecology": 0.0})
    shares["other"] = 1 - shares["party"]
    result = covariate_effects(docs, shares, ["party", "ecology", "other"], ["level", "year"])
    assert result.skipped == [("year", "confounded with level in these documents (its effect cannot be told apart)"),
                              ("ecology (every covariate)", "every document with level province gives it 0%; every document with level county gives it 0%")]
    assert set(result.contrasts["covariate"]) == {"level"} and set(result.contrasts["theme"]) == {"party", "other"}
    # a value found in fewer than 3 localities gives no clustered contrast
    few = docs.assign(locality=["L0", "L1"] + [f"L{i}" for i in range(2, n)], level=["city", "city"] + ["province"] * 4 + ["county"] * 6)
    thin = covariate_effects(few.assign(locality=["L0"] * 2 + list(few["locality"][2:])), shares, ["party", "other"], ["level"])
    assert thin.skipped[0] == ("level", "city: 1 locality (fewer than 3 per value for clustered standard errors)")
    # documents with no year still count for the level once the year is skipped
    docs.loc[:3, "year"] = ""
    result = covariate_effects(docs, shares, ["party", "ecology", "other"], ["level", "year"])
    assert result.models["party"]["documents"] == n and result.skipped[0][0] == "year"


def test_a_locality_with_few_coded_units_is_calibrated_not_swung_by_them(monkeypatch):
    """Two coded sentences that disagree with the classifier do not move a locality by their
    length × 1/π: under MIN_CODED_IN_GROUP coded units they count as coded, at their length, and
    the rest of its text is calibrated."""
    import pipeline.estimates as estimates

    big, lab = synthetic(np.random.default_rng(3))
    in_a = np.flatnonzero(big.group[lab.para] == "甲县")[:2]  # 甲县 keeps two coded paragraphs and eight others: a short text
    others = [i for i in np.flatnonzero(big.group == "甲县") if i not in set(lab.para)][:8]
    rows = np.r_[np.flatnonzero(big.group != "甲县"), lab.para[in_a], others]
    corpus = Corpus(big.chars[rows], big.level[rows], big.group[rows], big.doc[rows])
    where = {r: n for n, r in enumerate(rows)}
    keep = np.r_[np.flatnonzero(big.group[lab.para] != "甲县"), in_a]
    sub = Labelled(para=np.array([where[p] for p in lab.para[keep]]), chars=lab.chars[keep], predicted=lab.predicted[keep], label=lab.label[keep], pi=lab.pi[keep])
    flipped = Labelled(para=sub.para, chars=sub.chars, predicted=sub.predicted, label=sub.label.copy(), pi=sub.pi)
    flipped.label[-2:] = (flipped.predicted[-2:] + 1) % 3  # both of 甲县's coded units disagree

    def swing():
        a = corrected_shares(corpus, sub, KEYS, n_boot=20, seed=0).set_index(["group", "theme"]).loc["甲县", "corrected"]
        b = corrected_shares(corpus, flipped, KEYS, n_boot=20, seed=0).set_index(["group", "theme"]).loc["甲县", "corrected"]
        return float(np.abs(a.to_numpy() - b.to_numpy()).max())

    calibrated = swing()
    monkeypatch.setattr(estimates, "MIN_CODED_IN_GROUP", 0)
    residuals = swing()
    own = corpus.chars[sub.para[-2:]].sum() / corpus.chars[corpus.group == "甲县"].sum()  # the two coded units' share of 甲县's text
    assert calibrated <= own + 0.05 and residuals > 2 * calibrated, (calibrated, own, residuals)


def test_a_theme_no_coder_found_at_a_level_still_gets_an_upper_bound():
    # nothing is predicted or coded livelihood: the calibrated share is 0 in every replicate,
    # and its interval is the exact binomial bound over the group's paragraphs, not 0–0
    rng = np.random.default_rng(3)
    corpus, lab = synthetic(rng)
    corpus.chars[:, 1] += corpus.chars[:, 2]
    corpus.chars[:, 2] = 0
    lab.predicted = np.where(lab.predicted == 2, 1, lab.predicted)
    lab.label = np.where(lab.label == 2, 1, lab.label)
    est = corrected_shares(corpus, lab, KEYS, n_boot=50, seed=0)
    live = est[est["theme"] == "livelihood"]
    n_paras = pd.Series(corpus.group).value_counts()
    assert (live["corrected"] == 0).all()
    np.testing.assert_allclose(live["ci_high"], 1 - 0.025 ** (1 / n_paras[live["group"]].to_numpy()), atol=1e-4)
    others = est[est["theme"] != "livelihood"]
    assert ((others["ci_low"] <= others["corrected"]) & (others["corrected"] <= others["ci_high"])).all()


def test_a_corrected_share_near_zero_keeps_its_bootstrap_interval():
    # calibration plus residuals can put a corrected share just below or above 0 with a
    # real spread; its interval is the clipped percentile one, not a binomial one that
    # treats it as a proportion of paragraphs (which gave [0, 1%] or [0, 90%])
    from pipeline.shares import percentile_or_exact

    rng = np.random.default_rng(0)
    boot = rng.normal([[-0.01, 0.002, 0.3]], 0.05, size=(2000, 3))
    lo, hi = percentile_or_exact(np.array([-0.01, 0.002, 0.3]), boot, 200)
    assert np.allclose(lo, [0, 0, 0.3 - 1.96 * 0.05], atol=0.01) and np.allclose(hi, [-0.01 + 1.96 * 0.05, 0.002 + 1.96 * 0.05, 0.3 + 1.96 * 0.05], atol=0.01)
    flat = np.zeros((100, 2)) + [[0.0, 1.0]]  # no replicate moves it: the exact bound for 0 (or n) of n
    lo, hi = percentile_or_exact(np.array([0.0, 1.0]), flat, 30)
    assert np.allclose([hi[0], lo[1]], [1 - 0.025 ** (1 / 30), 0.025 ** (1 / 30)], atol=1e-4) and lo[0] == 0 and hi[1] == 1


def test_reliability_tells_a_locality_s_theme_from_its_documents_noise():
    from pipeline.estimates import locality_reliability

    rng = np.random.default_rng(5)
    locs = np.repeat([f"L{i}" for i in range(30)], 3)
    level = np.repeat(rng.uniform(0.1, 0.6, 30), 3)  # each locality's own industry share
    docs = pd.DataFrame({"doc": [f"d{i}" for i in range(90)], "industry": level + rng.normal(0, 0.02, 90), "party": rng.uniform(0.02, 0.1, 90)})
    docs = pd.concat([docs, pd.DataFrame({"doc": ["alone"], "industry": [0.9], "party": [0.5]})])  # one document: not counted
    where = pd.Series(list(locs) + ["L99"], index=docs["doc"].to_numpy())
    r = locality_reliability(docs, where, ["industry", "party"], n_boot=200, seed=1).set_index("theme")
    assert r.loc["industry", "icc"] > 0.9 and r.loc["industry", "ci_low"] > 0.8  # the locality's own
    assert r.loc["party", "icc"] < 0.3 and r.loc["party", "ci_low"] < 0 < r.loc["party", "ci_high"]  # noise around one level
    assert (r["n_localities"] == 30).all() and (r["n_documents"] == 90).all()
    assert locality_reliability(docs.iloc[:4], where, ["industry"]).empty  # fewer than 3 localities of two documents


def test_an_interaction_gives_the_year_within_each_level_and_needs_every_cell():
    """Party building rises by 10 points from 2023 to 2024 in county texts and not at all in
    city texts: the additive model gives both about +5; ``level:year`` gives each level its
    own. A cell found in two localities stops the interaction (the main effect of the year
    would rest on them), with its reason."""
    rng = np.random.default_rng(5)
    truth = {("county", "2023"): 0.20, ("county", "2024"): 0.30, ("city", "2023"): 0.20, ("city", "2024"): 0.20,
             ("province", "2023"): 0.10, ("province", "2024"): 0.40}

    def doc(name, level, year, locality):
        party = float(np.clip(truth[(level, year)] + rng.normal(0, 0.03), 0.01, 0.99))
        return {"doc": name, "n_chars": int(rng.integers(2000, 9000)), "level": level, "year": year, "locality": locality, "party": party, "industry": 1 - party}

    docs = pd.DataFrame([doc(f"d{i}_{y}", "county" if i < 20 else "city", y, f"L{i}") for i in range(40) for y in ("2023", "2024")])
    result = covariate_effects(docs.drop(columns=KEYS[:2]), docs[["doc", "party", "industry"]], ["party", "industry"], ["level", "year", "level:year"], seed=0)
    assert result.skipped == []
    c = result.contrasts[result.contrasts["theme"] == "party"].set_index("covariate")
    assert list(c.index) == ["level", "year", "year (level = city)", "year (level = county)"]
    county, city = c.loc["year (level = county)"], c.loc["year (level = city)"]
    assert county["value"] == "2024" and county["reference"] == "2023"
    assert abs(county["difference"] - 0.10) < 0.02 and county["ci_low"] > 0.05
    assert abs(city["difference"]) < 0.02 and city["ci_low"] < 0 < city["ci_high"]
    assert city["difference"] < c.loc["year", "difference"] < county["difference"]  # the year's average effect lies between
    cells = result.expected[(result.expected["theme"] == "party") & (result.expected["covariate"] == "level:year")].set_index("value")
    assert list(cells.index) == ["city 2023", "city 2024", "county 2023", "county 2024"]
    assert abs(cells.loc["county 2024", "expected"] - 0.30) < 0.03 and cells.loc["county 2024", "n_documents"] == 20
    # four provinces in 2023, two of them in 2024: the cell of two localities stops the interaction, the main effects stay
    provinces = pd.DataFrame([doc(f"p{i}_{y}", "province", y, f"P{i % 4}") for i, y in enumerate(["2023"] * 4 + ["2024"] * 2)])
    more = pd.concat([docs, provinces], ignore_index=True)
    thin = covariate_effects(more.drop(columns=KEYS[:2]), more[["doc", "party", "industry"]], ["party"], ["level", "year", "level:year"], seed=0)
    assert thin.skipped == [("level:year", "province 2024: 2 localities (every cell needs 3 or more for clustered standard errors)")]
    assert set(thin.contrasts["covariate"]) == {"level", "year"} and set(thin.expected["covariate"]) == {"level", "year"}
    # a level in 3 localities gets 2 terms (2023, 2024): its clustered errors need 4 localities or more
    cities = docs[docs["locality"].isin([f"L{i}" for i in range(20, 23)]) | (docs["level"] == "county")]
    few = covariate_effects(cities.drop(columns=KEYS[:2]), cities[["doc", "party", "industry"]], ["party"], ["level", "year", "level:year"], seed=0)
    assert few.skipped == [("level:year", "level city: 3 localities (each needs 4 or more: one per term it gets, and two more, for clustered standard errors)")]
    # a cell every document of which gives a theme 0% (here a reference cell, city 2023) leaves that
    # theme with the model without the interaction, and its main effects
    zero = docs.assign(industry=np.where((docs["level"] == "city") & (docs["year"] == "2023"), 0.0, docs["industry"]))
    z = covariate_effects(zero.drop(columns=KEYS[:2]), zero[["doc", "party", "industry"]], ["party", "industry"], ["level", "year", "level:year"], seed=0)
    assert z.skipped == [("industry (level:year)", "every document with level and year city 2023 gives it 0%")]
    assert set(z.contrasts.loc[z.contrasts["theme"] == "industry", "covariate"]) == {"level", "year"}
    assert "year (level = county)" in set(z.contrasts.loc[z.contrasts["theme"] == "party", "covariate"])
    # without the interaction, the models are as before
    plain = covariate_effects(docs.drop(columns=KEYS[:2]), docs[["doc", "party", "industry"]], ["party"], ["level", "year"], seed=0)
    assert set(plain.contrasts["covariate"]) == {"level", "year"}
    # malformed or unmatched interactions are skipped with their reason, never an error
    odd = covariate_effects(docs.drop(columns=KEYS[:2]), docs[["doc", "party"]], ["party"], ["level", "level:", "level:source", "year:year", "level:year"], seed=0)
    assert dict(odd.skipped) == {"level:": "an interaction names two different covariates, as level:year",
                                 "year:year": "an interaction names two different covariates, as level:year",
                                 "level:source": "source not among the covariates (an interaction is modelled beside both)",
                                 "level:year": "year not among the covariates (an interaction is modelled beside both)"}


def test_a_thin_calibration_cell_borrows_from_every_level_and_a_thin_theme_is_left_uncorrected():
    # a sheet coded in part: city/party has one coded unit, coded `other`-like (industry here); the
    # units predicted party at county level (6 coded) are right. One unit must not move every
    # city's party share to 0%: the city row is the pooled one (6 of 7 right), not one-hot.
    rng = np.random.default_rng(7)
    n = 400
    level = np.where(np.arange(n) < 200, "county", "city")
    pred = rng.integers(0, 3, size=n)
    chars = np.full(n, 50.0)
    para_chars = np.zeros((n, 3))
    para_chars[np.arange(n), pred] = chars
    group = np.where(level == "county", "甲县", "丙市")
    corpus = Corpus(para_chars, level, group, np.arange(n).astype(str))
    county_party = np.flatnonzero((level == "county") & (pred == 0))[:6]
    city_party = np.flatnonzero((level == "city") & (pred == 0))[:1]
    industry = np.flatnonzero(pred == 1)[:8]
    picked = np.r_[county_party, city_party, industry]
    label = np.r_[np.zeros(6, int), [1], np.ones(len(industry), int)]
    lab = Labelled(para=picked, chars=chars[picked], predicted=pred[picked], label=label, pi=np.full(len(picked), 0.1))
    est = corrected_shares(corpus, lab, KEYS, n_boot=50, seed=0).set_index(["group", "theme"])
    raw_party = est.loc[("丙市", "party"), "raw"]
    assert est.loc[("丙市", "party"), "corrected"] > 0.8 * raw_party  # pooled: 6 of 7 predicted party are party
    assert "city/party" in est.attrs["calibration"]["pooled"] and "county/party" not in est.attrs["calibration"]["pooled"]
    # nothing predicted livelihood was coded: its characters keep their theme
    assert est.attrs["calibration"]["uncorrected"] == ["livelihood"]
    assert abs(est.loc[("丙市", "livelihood"), "corrected"] - est.loc[("丙市", "livelihood"), "raw"]) < 1e-9
    # every unit coded (a corpus small enough for its sample to hold all of it): nothing is left to calibrate, so no
    # cell is named as pooled or uncorrected (the report said "code more of the sheet" of a sheet coded in full)
    few = np.flatnonzero(pred == 2)[3:]
    whole = Corpus(np.delete(para_chars, few, axis=0), np.delete(level, few), np.delete(group, few), np.delete(np.arange(n).astype(str), few))
    kept = np.delete(pred, few)
    census = Labelled(para=np.arange(len(kept)), chars=np.full(len(kept), 50.0), predicted=kept, label=kept, pi=np.ones(len(kept)))
    assert corrected_shares(whole, census, KEYS, n_boot=10, seed=0).attrs["calibration"] == {"pooled": [], "uncorrected": []}


def test_a_thinly_coded_locality_s_interval_holds_what_its_own_text_may_be():
    """A locality with no coded unit of its own gets the calibration's expectation, and an interval that holds what its
    few paragraphs may really be (each drawn from the calibration), not only the calibration's error: over localities
    of 8 paragraphs whose true themes follow the calibration, the intervals cover their true shares."""
    rng = np.random.default_rng(11)
    covered, widths = [], []
    for rep in range(40):
        n_big, n_small = 400, 8
        pred = np.r_[rng.integers(0, 3, size=n_big), np.full(n_small, 2)]
        true = pred.copy()
        wrong = rng.random(len(pred)) < 0.3  # three in ten predicted livelihood are party
        true[(pred == 2) & wrong] = 0
        chars = np.full(len(pred), 50.0)
        para_chars = np.zeros((len(pred), 3))
        para_chars[np.arange(len(pred)), pred] = chars
        group = np.r_[np.repeat(["甲县", "乙县", "丙县", "丁县"], n_big // 4), np.full(n_small, "戊县")]
        corpus = Corpus(para_chars, np.full(len(pred), "county"), group, np.arange(len(pred)).astype(str))
        picked = rng.choice(n_big, size=120, replace=False)  # 戊县 has no coded unit
        lab = Labelled(para=picked, chars=chars[picked], predicted=pred[picked], label=true[picked], pi=np.full(len(picked), 0.3))
        est = corrected_shares(corpus, lab, KEYS, n_boot=200, seed=rep).set_index(["group", "theme"]).loc["戊县"]
        truth = np.bincount(true[-n_small:], minlength=3) / n_small
        covered.append(((est["ci_low"].to_numpy() - 1e-9 <= truth) & (truth <= est["ci_high"].to_numpy() + 1e-9)).all())
        widths.append(est.loc["party", "ci_high"] - est.loc["party", "ci_low"])
    assert np.mean(covered) >= 0.85, np.mean(covered)
    assert np.median(widths) > 0.3  # eight paragraphs: their party share may be anything from 0 to 60%, not 30% ± the calibration's error


def test_a_common_source_is_left_out_of_every_locality_holding_it():
    """An opening formula three provinces share is none of theirs: without reused text, it leaves
    the first-dated report too, not only the later ones (which moved the later reports alone)."""
    from pipeline import report
    from pipeline.config import ReportParams

    names = ["甲省", "乙省", "丙省", "丁省"]
    df = pd.DataFrame({"para_id": [f"{d}:{i}" for d in "abcd" for i in (1, 2)], "doc_id": [d for d in "abcd" for _ in (1, 2)],
                       "locality": [n for n in names for _ in (1, 2)], "chars_party": 0.0, "chars_industry": [0.0, 60.0] * 4,
                       "chars_livelihood": [40.0, 0.0] * 4})
    df.loc[df["para_id"] == "d:1", ["chars_livelihood", "chars_industry"]] = [0.0, 40.0]  # (丁省 does not say it)
    sentences = pd.DataFrame({"para_id": df["para_id"], "sentence": 0, "theme": ["livelihood", "industry"] * 3 + ["industry", "industry"],
                              "n_chars": [40, 60] * 4, "duplicate_of": ["", "", "a:1/0", "", "a:1/0", "", "", ""],
                              "text": [t for i in range(4) for t in ("各位代表，现在我代表省人民政府向大会报告工作请予审议并请省政协委员和其他列席人员提出意见"
                                                                      if i < 3 else "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉", f"{'东南西北'[i]}部工作稳步推进取得明显成效")]})
    documents = pd.DataFrame({"doc_id": list("abcd"), "status": "ok", "locality": names, "level": "province",
                              "date": ["2024-01-10", "2024-01-20", "2024-01-25", "2024-01-30"], "year": "2024"})
    hand = pd.DataFrame(columns=["para_id", "sentence", "n_chars", "predicted", "label", "inclusion_probability", "stratum", "origin"])
    est = report.compute_estimates(df, sentences, documents, hand, {}, pd.DataFrame(), {}, KEYS, ReportParams(n_boot=10))
    reuse = est.reuse_shares.set_index(["locality", "theme"])
    for name in names[:3]:  # the first-dated 甲省 as much as the two that repeat it
        assert reuse.loc[(name, "livelihood"), "share"] == 0.4 and reuse.loc[(name, "livelihood"), "share_without_reuse"] == 0.0
        assert reuse.loc[(name, "livelihood"), "reused_chars"] == 40
    assert reuse.loc[("丁省", "industry"), "share_without_reuse"] == 1.0 and reuse.loc[("丁省", "industry"), "reused_chars"] == 0
    # counted by passage, the formula is shared text in all three (and 丁省's own words in none)
    for name in names[:3]:
        assert reuse.loc[(name, "livelihood"), "shared_chars"] == 40 and reuse.loc[(name, "livelihood"), "share_without_shared"] == 0.0
    assert reuse.loc[("丁省", "industry"), "shared_chars"] == 0 and reuse.attrs["common_shared_chars"] == 120
    # the near-duplicate links join only two of the three (a variant of the formula): the passages say three localities hold it,
    # so the pair is a common source too, not 乙省 copying 甲省
    linked = sentences.assign(duplicate_of=["", "", "a:1/0", "", "", "", "", ""])
    variant = report.compute_estimates(df, linked, documents, hand, {}, pd.DataFrame(), {}, KEYS, ReportParams(n_boot=10))
    assert variant.reuse_pairs[["sentences", "common_sentences"]].sum().tolist() == [1, 1]
    for name in names[:3]:  # 丙省 too, which holds the formula without a near-duplicate link
        assert variant.reuse_shares.set_index(["locality", "theme"]).loc[(name, "livelihood"), "share_without_reuse"] == 0.0
    assert est.reuse_pairs["common_sentences"].sum() == 2


def test_the_covariates_note_says_a_pooled_year_effect_averages_over_levels():
    """Three cities are too few for year within level: the interaction is skipped, and the note says that
    the year's contrast is then one for every level together (a coder's +22 points were +35 in counties
    and +4 in cities); it names the outcome the models read."""
    from pipeline.report import covariates_note

    rng = np.random.default_rng(8)
    rows = [{"doc": f"{lv}{i}_{y}", "n_chars": 3000, "level": lv, "year": y, "locality": f"{lv}{i}", "party": float(rng.uniform(0.1, 0.3))}
            for lv, n in (("city", 3), ("county", 8)) for i in range(n) for y in ("2023", "2024")]
    d = pd.DataFrame(rows)
    result = covariate_effects(d.drop(columns=["party"]), d[["doc", "party"]], ["party"], ["level", "year", "level:year"], n_sim=50)
    assert [c for c, _ in result.skipped] == ["level:year"]
    note = covariates_note(result, random_sample=True)
    assert "Without level:year, the contrasts of year are one for every level together: they may differ between levels." in note
    assert "design-based supervised learning" in note
    assert "Without" not in covariates_note(covariate_effects(d.drop(columns=["party"]), d[["doc", "party"]], ["party"], ["level", "year"], n_sim=50), False)


def test_shared_passages_count_a_copied_clause_inside_longer_sentences():
    """A county's report copies a 38-character clause of its city's into a sentence of its own (too little of
    either sentence for a near duplicate): its letters are shared, the rest of both sentences not; the same
    clause in a third locality makes it common; a locality repeating itself across years shares nothing;
    and no passage runs from one document into the next."""
    from pipeline.estimates import shared_passages

    clause = "加快建设具有全球影响力的产业科技创新中心主承载区，推动创新链产业链资金链人才链深度融合"
    texts = [f"今年，我们将{clause}，全力打造一流营商环境。", "全市生产总值增长百分之五。",  # 苏州市 2023
             f"围绕市委部署，{clause}，确保各项任务落地见效。",  # 太仓市 2023
             f"今年，我们将{clause}，全力打造一流营商环境。",  # 苏州市 2024: its own words again
             "全市生产总值增长百分之五点五，", "一般公共预算收入增长百分之六。"]  # 昆山市
    doc = np.array(["sz23", "sz23", "tc23", "sz24", "ks23", "ks23"])
    group = np.array(["苏州市", "苏州市", "太仓市", "苏州市", "昆山市", "昆山市"])
    out = shared_passages(texts, doc, group)
    n_clause = len(clause) - 1  # (its comma is no letter)
    assert out["shared"].tolist()[:4] == [n_clause, 0, n_clause, n_clause] and out["common"].sum() == 0
    assert out["letters"][0] == len(texts[0]) - 4
    # the 昆山 document's two sentences together repeat nothing of 苏州's in 20 letters (全市生产总值增长百分之五 is 11)
    assert out["shared"][4:].sum() == 0
    # a third locality with the clause: common to three
    three = shared_passages(texts + [f"{clause}。"], np.r_[doc, ["cs23"]], np.r_[group, ["常熟市"]])
    assert three["common"].tolist()[:3] == [n_clause, 0, n_clause]
    # figures that happen to match (more than a quarter of a run's letters digits) are no shared wording
    stats = shared_passages(["增长12.5%，达到3456.78亿元，增长8.9%，达到1234.56万元", "增长12.5%，达到3456.78亿元，增长8.9%，达到1234.56万元"],
                            np.array(["a", "b"]), np.array(["x", "y"]))
    assert stats["shared"].sum() == 0
    # no passage across documents: the end of one and the start of the next are not one run
    split = shared_passages(["一二三四五六七八九十", "甲乙丙丁戊己庚辛壬癸", "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸"], np.array(["a", "b", "c"]), np.array(["x", "y", "z"]))
    assert split["shared"].sum() == 0


def test_a_model_one_locality_alone_identifies_has_no_bounded_jackknife_interval():
    """Without one locality, year and source cannot be told apart: its leave-one-out Hessian is singular and the
    jackknife covariance undefined (a pseudo-inverse gave a shift of 0 and intervals too narrow); the theme is then
    skipped with its reason."""
    from pipeline.estimates import _cluster_jackknife

    x = np.column_stack([np.ones(7), [0, 0, 0, 1, 1, 1, 0], [0, 0, 0, 1, 1, 1, 1]])
    assert np.isnan(_cluster_jackknife(x, np.full(7, 0.2), np.ones(7), np.arange(1, 8), np.zeros(3))).all()
    assert np.isfinite(_cluster_jackknife(x[:, :2], np.full(7, 0.2), np.ones(7), np.arange(1, 8), np.zeros(2))).all()

"""Corrected shares cover the truth; covariate models; reused text."""

import numpy as np
import pandas as pd

from pipeline.estimates import Corpus, Labelled, calibrated_document_shares, corrected_shares, covariate_effects, reuse_table

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
    # b:1 repeats a:1 from another locality; a (dated) is earlier than b (undated): b copies a
    assert reuse.to_dict("records") == [{"id": "b:1/0", "source_id": "a:1/0", "locality": "永州市", "source_locality": "衡东县", "n_chars": 100}]
    # c:1 repeats the same locality's text: not reuse from another locality
    swapped = units.assign(duplicate_of=["b:1/0", "", "", ""])  # flagged the other way round: still b copies a
    assert reuse_table(swapped, documents)["id"].tolist() == ["b:1/0"]


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
    assert result.skipped == [("year", "confounded with level in these documents (its effect cannot be told apart)")]
    assert set(result.contrasts["covariate"]) == {"level"} and result.contrasts["difference"].notna().all()
    # documents with no year still count for the level once the year is skipped
    docs.loc[:3, "year"] = ""
    result = covariate_effects(docs, shares, ["party", "ecology", "other"], ["level", "year"])
    assert result.models["party"]["documents"] == n and result.skipped[0][0] == "year"

"""How often does a covariate model call a difference where there is none?

Synthetic corpora with no year effect and no level effect, documents clustered in localities
(each locality its own emphasis, each document some noise around it): the share of 95%
intervals that exclude 0, for the year's contrast within each level (``level:year``) and for
the level's and year's main effects. Nominal is 5%; a clustered-error interval with few
localities runs above it, which the t draws of :func:`pipeline.estimates.covariate_effects`
(G − 1 degrees of freedom, for a level's cells its own localities less one) are there to
correct.

The second table asks the same of the outcome when the themes come from a classifier whose
errors a random hand-coded sample measures (``--classifier``): synthetic sentences with true
themes, a classifier that misreads party building as `other` in 15% of sentences, or in 45% of
one level-year cell's (a genre it was not trained on), the evaluate stage's stratified sample
of 200 sentences, and the share of 95% intervals holding the contrast the same model finds on
the true themes of every sentence (what full hand coding would give), for the classifier's
shares, the calibrated shares and the design-based pseudo-outcomes
(:func:`pipeline.estimates.dsl_document_shares`).

    python benchmarks/covariates.py [--runs 100] [--n-sim 400] [--classifier]
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pipeline  # noqa: F401,E402  (first: it pins the numeric kernels before NumPy loads)
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from pipeline.estimates import Corpus, Labelled, calibrated_document_shares, covariate_effects, dsl_document_shares  # noqa: E402
from pipeline.sampling import draw_sample  # noqa: E402

KEYS = ["party", "industry", "other"]


def corpus(seed: int, n_city: int, n_county: int, years: list[str]) -> pd.DataFrame:
    """Two documents a year per locality; party building's share about 20%, no effect of level or year."""
    rng = np.random.default_rng(seed)
    rows = []
    for level, n in (("city", n_city), ("county", n_county)):
        for i in range(n):
            own = rng.normal(0, 0.3)  # the locality's own emphasis (what the clustering is for)
            for year in years:
                for k in range(2):
                    share = 1 / (1 + np.exp(-(-1.4 + own + rng.normal(0, 0.2))))
                    rows.append({"doc": f"{level}{i}_{year}_{k}", "n_chars": 3000, "level": level, "year": year, "locality": f"{level}{i}", "party": share})
    return pd.DataFrame(rows)


def coded_corpus(seed: int, misread: float, n_city: int = 8, n_county: int = 12, sentences: int = 40) -> tuple[pd.DataFrame, pd.DataFrame, Corpus, Labelled]:
    """Documents (two a year, 2023 and 2024, per locality; no effect of level or year on the
    true shares) of sentences with a true and a predicted theme, and a stratified random sample
    of 200 of them coded by hand. Party building is predicted `other` in 15% of its sentences,
    in county texts of 2024 in ``misread`` of them. Returns the documents, the true shares,
    the corpus and the coded sample as the estimators take them."""
    rng = np.random.default_rng(seed)
    docs, units = [], []
    for level, n in (("city", n_city), ("county", n_county)):
        for i in range(n):
            own = rng.normal(0, 0.3)
            for year in ("2023", "2024"):
                for k in range(2):
                    doc = f"{level}{i}_{year}_{k}"
                    party = 1 / (1 + np.exp(-(-1.4 + own + rng.normal(0, 0.2))))
                    true = rng.choice(3, size=sentences, p=[party, 0.45 * (1 - party), 0.55 * (1 - party)])
                    miss = misread if (level, year) == ("county", "2024") else 0.15
                    confusion = np.array([[1 - miss, 0, miss], [0, 0.9, 0.1], [0.05, 0.1, 0.85]])
                    predicted = np.array([rng.choice(3, p=confusion[t]) for t in true])
                    chars = rng.integers(40, 160, size=sentences)
                    docs.append({"doc": doc, "level": level, "year": year, "locality": f"{level}{i}", "n_chars": int(chars.sum())})
                    units += [{"doc": doc, "level": level, "true": t, "predicted": p, "chars": c} for t, p, c in zip(true, predicted, chars)]
    docs, units = pd.DataFrame(docs), pd.DataFrame(units)
    truth = pd.DataFrame(np.eye(3)[units["true"]] * units["chars"].to_numpy()[:, None], columns=KEYS).groupby(units["doc"].to_numpy()).sum()
    truth = truth.div(truth.sum(axis=1), axis=0).rename_axis("doc").reset_index()
    chars = np.eye(3)[units["predicted"]] * units["chars"].to_numpy()[:, None]
    corpus = Corpus(chars=chars, level=units["level"].to_numpy(dtype=str), group=units["doc"].str.split("_").str[0].to_numpy(dtype=str),
                    doc=units["doc"].to_numpy(dtype=str))
    sample = draw_sample(units.assign(stratum=units["level"] + "/" + units["predicted"].astype(str)).reset_index(names="row"), 200, 5, seed)
    lab = Labelled(para=sample["row"].to_numpy(), chars=sample["chars"].to_numpy(dtype=float), predicted=sample["predicted"].to_numpy(),
                   label=sample["true"].to_numpy(), pi=sample["inclusion_probability"].to_numpy(dtype=float))
    return docs, truth, corpus, lab


def classifier_table(runs: int, n_sim: int) -> None:
    """Coverage of full hand coding's contrasts by each outcome's intervals (see the module's doc)."""
    print("\n| party misread in county 2024 | runs | contrast | truth (mean) | outcome | mean estimate | intervals holding the truth's contrast | median width |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    covariates = ["level", "year", "level:year"]
    for misread in (0.15, 0.45):
        found: dict[tuple[str, str], list] = {}
        for run in range(runs):
            docs, truth, corpus, lab = coded_corpus(run, misread)
            raw = pd.DataFrame(corpus.chars, columns=KEYS).groupby(corpus.doc).sum()
            outcomes = {"classifier's shares": raw.div(raw.sum(axis=1), axis=0).rename_axis("doc").reset_index(),
                        "calibrated": calibrated_document_shares(corpus, lab, KEYS),
                        "design-based (DSL)": dsl_document_shares(corpus, lab, KEYS, seed=run)}
            target = covariate_effects(docs, truth, ["party"], covariates, n_sim=10, seed=run).contrasts.set_index(["covariate", "value"])["difference"]
            for name, shares in outcomes.items():
                c = covariate_effects(docs, shares, ["party"], covariates, n_sim=n_sim, seed=run).contrasts
                for row in c.itertuples():
                    t = target.get((row.covariate, row.value))
                    if t is not None:
                        found.setdefault((row.covariate, name), []).append((t, row.difference, row.ci_low <= t <= row.ci_high, row.ci_high - row.ci_low))
        for (contrast, name), xs in found.items():
            t, est, hold, width = map(np.array, zip(*xs))
            print(f"| {misread:.0%} | {runs} | {contrast} | {t.mean():+.3f} | {name} | {est.mean():+.3f} | {hold.mean():.2f} | {np.median(width):.3f} |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=100)
    ap.add_argument("--n-sim", type=int, default=400)
    ap.add_argument("--classifier", action="store_true", help="only the second table: outcomes from a classifier corrected by a coded sample")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    if args.classifier:
        classifier_table(args.runs, args.n_sim)
        return 0
    print("| cities | counties | years | runs | year within city: intervals excluding 0 | year within county | main effects (level, year) | interaction skipped |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for n_city, n_county, n_years in ((4, 12, 2), (7, 12, 5), (8, 12, 5), (12, 12, 2), (3, 12, 2)):
        years = [str(2021 + k) for k in range(n_years)]
        city, county, main_, skipped = [], [], [], 0
        for run in range(args.runs):
            d = corpus(run, n_city, n_county, years)
            r = covariate_effects(d.drop(columns=["party"]), d[["doc", "party"]], ["party"], ["level", "year", "level:year"], n_sim=args.n_sim, seed=run)
            c = r.contrasts
            out = (c["ci_low"] > 0) | (c["ci_high"] < 0)
            inner = c["covariate"].str.startswith("year (")
            city += out[inner & c["covariate"].str.endswith("city)")].tolist()
            county += out[inner & c["covariate"].str.endswith("county)")].tolist()
            main_ += out[~inner].tolist()
            skipped += any(k == "level:year" for k, _ in r.skipped)
        rate = lambda xs: f"{np.mean(xs):.3f} ({len(xs)})" if xs else "—"  # noqa: E731
        print(f"| {n_city} | {n_county} | {n_years} | {args.runs} | {rate(city)} | {rate(county)} | {rate(main_)} | {skipped} |")
    classifier_table(args.runs, args.n_sim)
    return 0


if __name__ == "__main__":
    sys.exit(main())

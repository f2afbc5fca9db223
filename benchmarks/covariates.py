"""How often does a covariate model call a difference where there is none?

Synthetic corpora with no year effect and no level effect, documents clustered in localities
(each locality its own emphasis, each document some noise around it): the share of 95%
intervals that exclude 0, for the year's contrast within each level (``level:year``) and for
the level's and year's main effects. Nominal is 5%; a clustered-error interval with few
localities runs above it, which the t draws of :func:`pipeline.estimates.covariate_effects`
(G − 1 degrees of freedom, for a level's cells its own localities less one) are there to
correct.

    python benchmarks/covariates.py [--runs 100] [--n-sim 400]
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

from pipeline.estimates import covariate_effects  # noqa: E402


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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=100)
    ap.add_argument("--n-sim", type=int, default=400)
    args = ap.parse_args()
    warnings.simplefilter("ignore")
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
    return 0


if __name__ == "__main__":
    sys.exit(main())

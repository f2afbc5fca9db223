"""How wide are the report's share intervals against what a locality's next document does?

On the provincial reports every province has two, one per year (2025, 2026). Each report's
theme shares get the report stage's interval (:func:`pipeline.shares.theme_shares`, a
paragraph bootstrap read as Korn–Graubard), and for every province and theme the difference
between its two years is divided by the standard error the two intervals imply
(width / 3.92, combined). Were the intervals as wide as the year-to-year change of one
government's emphasis, these z-scores would have a standard deviation of about 1 and 5% of
them would pass 1.96; a smaller spread says the intervals are wider than that change.

The same is done with the paragraphs resampled within their section (the heading path
above them, or only its top level), to see whether the width comes from ignoring the
report's fixed structure.

    python benchmarks/intervals.py [--work DIR] [--n-boot 1000]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import pipeline  # noqa: F401,E402  (first: it pins the numeric kernels before NumPy loads)
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from end_to_end import BIN, PROVINCIAL, make_project, refresh_project, run  # noqa: E402


def shares_by_document(df: pd.DataFrame, keys: list[str], n_boot: int, seed: int, strata: np.ndarray | None) -> pd.DataFrame:
    """Every document's share and interval: the report's own function (each document its own
    locality) when ``strata`` is None, else paragraphs resampled within each stratum."""
    from pipeline.shares import char_matrix, korn_graubard, theme_shares

    if strata is None:
        out = theme_shares(df.assign(locality=df["doc_id"]), keys, n_boot, seed)
        return out.rename(columns={"locality": "doc_id"})[["doc_id", "theme", "share", "ci_low", "ci_high"]]
    rng = np.random.default_rng(seed)
    mat = char_matrix(df, keys)
    rows = []
    for doc, g in df.groupby("doc_id", sort=True):
        pos = df.index.get_indexer(g.index)
        m, st = mat[pos], strata[pos]
        boot = np.zeros((n_boot, len(keys)))
        for s in np.unique(st):
            sel = st == s
            n = int(sel.sum())
            boot += rng.multinomial(n, np.full(n, 1 / n), size=n_boot) @ m[sel]
        p = m.sum(axis=0) / m.sum()
        lo, hi = korn_graubard(p, (boot / boot.sum(axis=1, keepdims=True)).var(axis=0, ddof=1), len(g))
        rows += [{"doc_id": doc, "theme": k, "share": p[i], "ci_low": lo[i], "ci_high": hi[i]} for i, k in enumerate(keys)]
    return pd.DataFrame(rows)


def year_to_year(shares: pd.DataFrame, docs: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """z-scores of each province's change between its two years, by theme, and overall."""
    s = shares.merge(docs, on="doc_id")
    s["se"] = (s["ci_high"] - s["ci_low"]) / 3.92
    wide = s.pivot_table(index=["locality", "theme"], columns="year", values=["share", "se"]).dropna()
    y0, y1 = sorted(s["year"].unique())[:2]
    diff = wide["share"][y1] - wide["share"][y0]
    z = diff / np.sqrt(wide["se"][y0] ** 2 + wide["se"][y1] ** 2)
    by_theme = pd.DataFrame({
        "pairs": z.groupby(level="theme").size(),
        "sd_z": z.groupby(level="theme").std(),
        "mean_abs_change_pts": 100 * diff.abs().groupby(level="theme").mean(),
        "median_width_pts": 100 * (s["ci_high"] - s["ci_low"]).groupby(s["theme"]).median(),
    })
    overall = {"pairs": int(len(z)), "sd_z": float(z.std()), "beyond_1.96": float((z.abs() > 1.96).mean()),
               "median_width_pts": float(100 * (s["ci_high"] - s["ci_low"]).median())}
    return by_theme, overall


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "intervals_benchmark")
    ap.add_argument("--n-boot", type=int, default=1000)
    args = ap.parse_args()
    if not PROVINCIAL.is_dir():
        print(f"skipped: {PROVINCIAL} is absent")
        return 0
    project = args.work / "project"
    if not (project / "dvc.yaml").exists():
        project.mkdir(parents=True)
        make_project(project, sorted(PROVINCIAL.glob("*.txt")))
    else:
        refresh_project(project)
    t, _ = run([str(BIN / "dvc"), "repro", "themes"], project)
    print(f"workspace {project}: ingest → themes up to date ({t:.0f} s)")

    from pipeline.report import sentence_chars

    keys = ["party", "industry", "livelihood", "ecology", "other"]
    par = pd.read_parquet(project / "data/interim/paragraphs.parquet")
    themes = pd.read_parquet(project / "data/processed/themes.parquet")
    sent = pd.read_parquet(project / "data/processed/sentences.parquet")
    sent["n_chars"] = sent["char_end"] - sent["char_start"]
    df = par.merge(themes, on="para_id").merge(sentence_chars(sent, keys), on="para_id", how="left").reset_index(drop=True)
    docs = par[["doc_id", "locality", "year"]].drop_duplicates("doc_id")
    docs = docs[docs["locality"] != ""]
    section = df["section"].fillna("")
    variants = {
        "paragraphs, as the report resamples them": None,
        "paragraphs within the top-level section": pd.factorize(section.str.split(" > ").str[0])[0],
        "paragraphs within the full heading path": pd.factorize(section)[0],
    }
    print(f"{docs['doc_id'].nunique()} reports of {docs['locality'].nunique()} provinces; {args.n_boot} resamples\n")
    print("| resampling | province × theme pairs | SD of z (1 = as wide as the year-to-year change) | share of abs(z) > 1.96 | median interval width (points) |")
    print("|---|---|---|---|---|")
    detail = None
    for name, strata in variants.items():
        by_theme, overall = year_to_year(shares_by_document(df, keys, args.n_boot, 0, strata), docs)
        detail = by_theme if detail is None else detail
        print(f"| {name} | {overall['pairs']} | {overall['sd_z']:.2f} | {overall['beyond_1.96']:.3f} | {overall['median_width_pts']:.1f} |")
    print("\nBy theme, as the report resamples:\n")
    print(detail.round(2).to_markdown())
    return 0


if __name__ == "__main__":
    from pipeline.io import one_blas_thread

    with one_blas_thread():
        sys.exit(main())

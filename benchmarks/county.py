"""Sentence themes on real county and city texts, against a second coder's labels: a check of
the shipped models on the genres and years the provincial development labels lack.

``benchmarks/county/texts`` holds 27 short excerpts (the first 550–750 characters of each page,
as stored) of public county- and city-level texts of 2016–2025 from 18 provinces: 10 work
reports or reviews, 6 speeches and party-congress reports, 11 news items on meetings (party
congresses, plenums, ecology and rural-work conferences). ``county/sources.csv`` gives where
each was found. ``county/sentence_labels.csv`` codes all 280 of their sentences by the
codebook (``../shared/eval/CODEBOOK.md``): one coder, blind to the pipeline's themes, who had
not seen the development labels' disagreements; ``note`` marks where they hesitated.

The texts go through the pipeline (ingest → themes) in a work folder, and every sentence model
is scored as ``benchmarks/seeds.py`` scores the seeds: accuracy, macro-F1 with an interval
(documents resampled), share TV per paragraph, for the corpus and for the worst document.

    python benchmarks/county.py [--work DIR] [--data DIR]

``--data`` names another folder laid out the same way (``texts/*.txt``, ``sentence_labels.csv``):
a second set of texts and labels, scored the same way. ``benchmarks/county2`` is one: 30
excerpts of county, district, township and street-office texts of 2013–2025 from 24 provinces,
gathered and coded blind by another coder after ``themes.zero_shot_weight`` was chosen (its
labelled title and dateline lines are metadata to the pipeline, so fewer sentences match).
``benchmarks/county3`` is another: 24 excerpts of 2011–2025 from 19 provinces, nine of them
about party building (propaganda, organisation and grassroots party-building meetings),
gathered and coded blind while the weight was chosen again at 0.5 and scored only after it (README, "How accurate the
themes are"). ``benchmarks/county4`` is a fifth: 19 excerpts of 2008–2025 from 13 provinces, six of them party-building
meetings and most of the rest county meetings that mix party work with other themes, coded blind by two more coders
who saw only the codebook; ``benchmarks/county5`` a sixth, 20 excerpts of 2008–2025 from 14 provinces coded blind
by two more, after the fifth was scored.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def workspace(data: Path, work: Path | None = None) -> Path:
    """The texts of ``data`` through ingest → themes in a project under ``work`` (default
    ``$TMPDIR/county_benchmark[_<data folder>]``), kept between runs: a second run copies in this
    repository's code and params and lets DVC re-run what they touch."""
    from end_to_end import BIN, make_project, refresh_project, run

    if work is None:
        suffix = "" if data.resolve() == (HERE / "county").resolve() else f"_{data.resolve().name}"
        work = Path(os.environ.get("TMPDIR", "/tmp")) / f"county_benchmark{suffix}"
    texts = sorted((data / "texts").glob("*.txt"))
    if not texts:
        raise SystemExit(f"no texts in {data / 'texts'}")
    project = work / "project"
    if not (project / "dvc.yaml").exists():
        project.mkdir(parents=True)
        make_project(project, texts)
    else:  # the same texts, this repository's current code and params
        refresh_project(project)
    seconds, _ = run([str(BIN / "dvc"), "repro", "themes"], project)
    print(f"{len(texts)} texts through ingest → themes in {work} ({seconds:.0f} s)")
    return project


def main() -> int:
    import seeds

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", type=Path, help="work folder, kept between runs (default: $TMPDIR/county_benchmark[_<data folder>])")
    ap.add_argument("--data", type=Path, default=HERE / "county", help="texts/*.txt and sentence_labels.csv (default: benchmarks/county)")
    args = ap.parse_args()
    if not list((args.data / "texts").glob("*.txt")):
        ap.error(f"no texts in {args.data / 'texts'}")
    project = workspace(args.data, args.work)
    return seeds.main(["--project", str(project), "--labels", str(args.data / "sentence_labels.csv")])


if __name__ == "__main__":
    from pipeline.io import one_blas_thread

    with one_blas_thread():  # as the stages run, so the figures do not depend on the number of cores
        sys.exit(main())

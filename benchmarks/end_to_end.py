"""Benchmark of the whole pipeline: against plain BERTopic, incremental runs, and scaling.

Default run: a forced ``dvc repro -f`` on the bundled corpus; then, on the provincial
corpus beside the repository, minus one report:
  1. a cold ``dvc repro`` in a fresh copy of the project: per-stage wall time (imports
     included) and peak memory, from the line each stage logs when it ends;
  2. benchmarks/plain_bertopic.py on the same files, side by side, with the ratio;
  3. incremental costs: a report param changed → which stages run and how long; one
     document added → how many paragraphs are embedded and how long.

    python benchmarks/end_to_end.py
    python benchmarks/end_to_end.py --scaling 10000 50000 100000   # generated corpora (make_corpus.py)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PROVINCIAL = ROOT.parent / "shared" / "corpora" / "cn_provincial_gwr"
BIN = Path(sys.executable).parent
STAGE_LINE = re.compile(r"stage (\w+) done in ([\d.]+) s, peak memory (\d+) MB")
RAN = re.compile(r"Running stage '(\w+)'")
EMBEDDED = re.compile(r"\((\d+) from cache, (\d+) embedded\)")
READ = re.compile(r"documents (\d+) read before, (\d+) new")


def make_project(where: Path, corpus_files: list[Path], params_update: dict | None = None) -> Path:
    """A fresh git + DVC project with this repository's pipeline and the given corpus files."""
    for name in ("dvc.yaml", "params.yaml", ".dvcignore"):
        shutil.copy(ROOT / name, where / name)
    shutil.copytree(ROOT / "pipeline", where / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "labels", where / "labels")
    (where / "reports").mkdir(exist_ok=True)
    for name in ("robustness.csv", "robustness.json"):  # inputs of the report stage (scripts/robustness.py)
        shutil.copy(ROOT / "reports" / name, where / "reports" / name)
    raw = where / "data" / "raw"
    raw.mkdir(parents=True)
    for f in corpus_files:
        shutil.copy(f, raw / f.name)
    params = yaml.safe_load((where / "params.yaml").read_text(encoding="utf-8"))
    for dotted, value in (params_update or {}).items():
        section, key = dotted.split(".", 1)
        params[section][key] = value
    (where / "params.yaml").write_text(yaml.safe_dump(params, allow_unicode=True, sort_keys=False), encoding="utf-8")
    run(["git", "init", "-q"], where)
    run([str(BIN / "dvc"), "init", "-q"], where)
    run([str(BIN / "dvc"), "config", "core.analytics", "false"], where)
    shutil.copytree(ROOT / ".dvc" / "plots", where / ".dvc" / "plots")
    return where


def refresh_project(where: Path) -> Path:
    """A kept project made by :func:`make_project`, with this checkout's pipeline, ``dvc.yaml``
    and ``params.yaml`` copied in: ``dvc repro`` then re-runs what the change touches."""
    for name in ("dvc.yaml", "params.yaml"):
        shutil.copy(ROOT / name, where / name)
    shutil.rmtree(where / "pipeline")
    shutil.copytree(ROOT / "pipeline", where / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    if not (where / "labels").exists():  # a project made before the stages depended on labels/
        shutil.copytree(ROOT / "labels", where / "labels")
    return where


def run(cmd: list[str], cwd: Path) -> tuple[float, str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    t0 = time.perf_counter()
    res = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    if res.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{res.stdout[-2000:]}\n{res.stderr[-4000:]}")
    return time.perf_counter() - t0, res.stdout + res.stderr


def stages(log: str) -> dict[str, tuple[float, int]]:
    return {m.group(1): (float(m.group(2)), int(m.group(3))) for m in STAGE_LINE.finditer(log)}


def print_stages(title: str, total: float, per_stage: dict[str, tuple[float, int]]) -> None:
    print(f"\n{title}: {total:.1f} s wall (dvc repro)")
    print(f"  {'stage':10s} {'seconds':>8s} {'peak MB':>8s}")
    for name, (sec, mb) in per_stage.items():
        print(f"  {name:10s} {sec:8.1f} {mb:8d}")
    print(f"  {'sum':10s} {sum(s for s, _ in per_stage.values()):8.1f} {max((m for _, m in per_stage.values()), default=0):8d} (max)")


def bundled() -> None:
    """The tuning loop's fixed cost: a forced ``dvc repro -f`` on the five bundled documents,
    after a first run has filled the embedding cache (what a researcher repeats)."""
    files = sorted(p for p in (ROOT / "data" / "raw").iterdir() if p.is_file())
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp), files)
        run([str(BIN / "dvc"), "repro"], project)
        total, log = run([str(BIN / "dvc"), "repro", "-f"], project)
        print_stages(f"bundled corpus ({len(files)} files), forced", total, stages(log))


def compare(corpus: Path) -> None:
    files = sorted(corpus.glob("*.txt"))
    held_out, files = files[-1], files[:-1]
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp), files)
        total, log = run([str(BIN / "dvc"), "repro"], project)
        per_stage = stages(log)
        print_stages(f"pipeline, cold, {len(files)} files", total, per_stage)
        m = json.loads((project / "metrics" / "topics.json").read_text(encoding="utf-8"))
        print(f"  {m['paragraphs']} paragraphs, {m['topics']} topics, outliers {m['outlier_share_before']:.1%} before reassignment")

        plain_dir = Path(tmp) / "plain"
        plain_dir.mkdir()
        for f in files:
            shutil.copy(f, plain_dir / f.name)
        t, out = run([sys.executable, str(ROOT / "benchmarks" / "plain_bertopic.py"), str(plain_dir)], ROOT)
        plain = json.loads(next(line for line in reversed(out.splitlines()) if line.startswith("{")))
        print(f"\nplain BERTopic script: {t:.1f} s wall, peak {plain['peak_memory_mb']} MB — {plain['documents']} lines as documents, {plain['topics']} topics, outliers {plain['outlier_share']:.1%}")
        print("  " + ", ".join(f"{k} {v} s" for k, v in plain["seconds"].items()))
        print(f"\npipeline / plain wall time: {total / t:.2f} (sum of stages {sum(s for s, _ in per_stage.values()):.1f} s vs {t:.1f} s)")

        # incremental: one param of each kind, then one more document
        def change(section: str, key: str, value) -> None:
            params = yaml.safe_load((project / "params.yaml").read_text(encoding="utf-8"))
            params[section][key] = value(params[section][key])
            (project / "params.yaml").write_text(yaml.safe_dump(params, allow_unicode=True, sort_keys=False), encoding="utf-8")
            t, log = run([str(BIN / "dvc"), "repro"], project)
            print(f"{section}.{key} changed: {t:.1f} s, stages run: {', '.join(RAN.findall(log)) or 'none'}")

        print()
        change("report", "n_boot", lambda v: v + 1)
        change("themes", "far_from_topic", lambda v: round(v + 0.05, 2))
        change("topics", "top_n_words", lambda v: v + 1)
        change("embed", "batch_size", lambda v: v * 2)
        shutil.copy(held_out, project / "data" / "raw" / held_out.name)
        t, log = run([str(BIN / "dvc"), "repro"], project)
        cached, embedded = EMBEDDED.search(log).groups()
        per = stages(log)
        before, new = READ.search(log).groups()
        print(f"{held_out.name} added: {t:.1f} s, stages run: {', '.join(RAN.findall(log))}; ingest: {new} file read, {before} from its cache; "
              f"embed: {embedded} sentences embedded, {cached} from cache, {per['embed'][0]:.1f} s")
        print("  " + ", ".join(f"{k} {v[0]:.1f} s" for k, v in per.items()))


def scaling(sizes: list[int], source: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_corpus import generate

    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = make_project(Path(tmp), [])
            generate(source, project / "data" / "raw", n, per_file=200, seed=0)
            total, log = run([str(BIN / "dvc"), "repro"], project)
            per = stages(log)
            rows.append((n, total, per))
            print_stages(f"{n} generated paragraphs", total, per)
    names = list(rows[0][2])
    print("\nscaling (seconds / peak MB per stage)")
    print(f"  {'paragraphs':>10s} " + " ".join(f"{s:>14s}" for s in names) + f" {'total s':>8s}")
    for n, total, per in rows:
        print(f"  {n:10d} " + " ".join(f"{per[s][0]:7.1f}/{per[s][1]:6d}" for s in names) + f" {total:8.1f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=PROVINCIAL)
    ap.add_argument("--scaling", type=int, nargs="*", help="paragraph counts of generated corpora to run instead")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus {args.corpus} not found; pass --corpus", file=sys.stderr)
        return 2
    if args.scaling:
        scaling(args.scaling, args.corpus)
    else:
        bundled()
        compare(args.corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())

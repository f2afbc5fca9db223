"""What running BLAS on one thread costs the stages after ``embed``.

Every stage but ``embed`` runs BLAS on one thread (``pipeline.io.one_blas_thread``), so that a
machine's core count does not change the topics. This times ``topics`` and ``themes`` both
ways, side by side and alternating (this machine is noisy), in a copy of a project whose
pipeline has run up to ``themes``: by default the provincial workspace that
``benchmarks/themes.py`` leaves in ``$TMPDIR/themes_benchmark/project`` (it is copied, and
``dvc repro themes`` brings the copy up to date first).

    python benchmarks/blas_threads.py [--project DIR] [--repeats 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
STAGE = """
import contextlib, sys
from pipeline.io import one_blas_thread
from pipeline.{stage} import main
with one_blas_thread() if sys.argv[1] == "one" else contextlib.nullcontext():
    main()
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--project", type=Path, default=Path(tempfile.gettempdir()) / "themes_benchmark" / "project")
    ap.add_argument("--repeats", type=int, default=2)
    args = ap.parse_args()
    if not (args.project / "dvc.yaml").exists():
        print(f"{args.project}: no project here; run `python benchmarks/themes.py` first, or pass --project", file=sys.stderr)
        return 2
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "DVC_NO_ANALYTICS": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "project"
        shutil.copytree(args.project, work, symlinks=True)
        subprocess.run(["dvc", "repro", "-q", "themes"], cwd=work, env=env, check=True)
        import pandas as pd

        paragraphs = len(pd.read_parquet(work / "data" / "interim" / "paragraphs.parquet", columns=["para_id"]))
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.repeats):
            for stage in ("topics", "themes"):
                for mode in ("one", "default"):
                    start = time.perf_counter()
                    subprocess.run([sys.executable, "-c", STAGE.format(stage=stage), mode], cwd=work, env=env, check=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    times.setdefault((stage, mode), []).append(time.perf_counter() - start)
    print(f"{args.project} ({paragraphs} paragraphs), {os.cpu_count()} cores; "
          f"wall time per run (imports included), best of {args.repeats}:")
    print("| stage | BLAS on one thread | BLAS on the default threads | ratio |")
    print("| --- | --- | --- | --- |")
    for stage in ("topics", "themes"):
        one, default = min(times[(stage, "one")]), min(times[(stage, "default")])
        print(f"| {stage} | {one:.1f} s | {default:.1f} s | {one / default:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

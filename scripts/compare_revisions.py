"""Run the pipeline at two git revisions on the same corpus and compare every output.

Each revision is exported (``git archive``) into a fresh folder with its own git and DVC
repository, ``dvc repro`` runs there on ``--corpus`` (default: the bundled corpus), and the
files under ``data/``, ``models/topic_model``, ``reports/`` and ``metrics/`` are compared
byte for byte. Files that differ are listed; with ``--show`` a DataFrame-level comparison
of differing parquet/CSV files is printed. Outputs of a revision are kept in
``--work/<rev>`` so a second comparison against it does not rerun it.

    python scripts/compare_revisions.py HEAD~1 HEAD
    python scripts/compare_revisions.py HEAD~1 WORKTREE --corpus ../shared/corpora/cn_provincial_gwr
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
FOLDERS = ("data/interim", "data/processed", "models/topic_model", "reports", "metrics")


def sh(cmd: list[str], cwd: Path, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "DVC_NO_ANALYTICS": "1"}
    res = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env, **kw)
    if res.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{res.stdout[-3000:]}\n{res.stderr[-3000:]}")
    return res


def export(rev: str, dst: Path) -> None:
    """The tracked files of ``rev`` (or of the working tree for WORKTREE) in ``dst``."""
    dst.mkdir(parents=True)
    if rev == "WORKTREE":
        files = sh(["git", "ls-files", "-co", "--exclude-standard"], ROOT).stdout.split("\n")
        for f in filter(None, files):
            src = ROOT / f
            if src.is_file():
                (dst / f).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst / f)
    else:
        archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dst)], input=archive, check=True)


def outputs(project: Path) -> list[str]:
    """Every path dvc.yaml declares as an output, metric or plot of a stage."""
    import yaml

    stages = yaml.safe_load((project / "dvc.yaml").read_text(encoding="utf-8"))["stages"]
    paths = []
    for stage in stages.values():
        for kind in ("outs", "metrics", "plots"):
            for entry in stage.get(kind, []):
                paths.append(next(iter(entry)) if isinstance(entry, dict) else entry)
    return paths


def run(rev: str, corpus: Path, work: Path, params: list[str]) -> Path:
    key = hashlib.sha256(f"{rev}|{corpus}|{params}".encode()).hexdigest()[:10]
    name = sh(["git", "rev-parse", "--short", rev], ROOT).stdout.strip() if rev != "WORKTREE" else "worktree"
    out = work / f"{name}-{key}"
    if rev != "WORKTREE" and (out / ".done").exists():
        return out
    if out.exists():
        shutil.rmtree(out)
    export(rev, out)
    for path in outputs(out):  # outputs committed at that revision are not what this run makes
        target = out / path
        shutil.rmtree(target, ignore_errors=True) if target.is_dir() else target.unlink(missing_ok=True)
    sh(["git", "init", "-q"], out)
    sh(["dvc", "init", "-q", "-f"], out) if not (out / ".dvc").exists() else None
    sh(["dvc", "config", "core.analytics", "false"], out)
    sets = [f"corpus.dir={corpus.resolve()}", *params]
    import yaml

    p = yaml.safe_load((out / "params.yaml").read_text(encoding="utf-8"))
    for s in sets:
        dotted, value = s.split("=", 1)
        node = p
        *parents, leaf = dotted.split(".")
        for k in parents:
            node = node[k]
        node[leaf] = yaml.safe_load(value)
    (out / "params.yaml").write_text(yaml.safe_dump(p, allow_unicode=True, sort_keys=False), encoding="utf-8")
    sh(["dvc", "repro", "-f"], out)
    (out / ".done").touch()
    return out


def digests(root: Path) -> dict[str, str]:
    out = {}
    for folder in FOLDERS:
        for f in sorted((root / folder).rglob("*")):
            if f.is_file() and f.name != ".gitignore":
                out[f.relative_to(root).as_posix()] = hashlib.sha256(f.read_bytes()).hexdigest()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--corpus", type=Path, default=ROOT / "data" / "raw")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "compare_revisions")
    ap.add_argument("--set", action="append", default=[], help="params override, e.g. eval.labels=../x.csv (both revisions)")
    ap.add_argument("--show", action="store_true", help="print how differing tables differ")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    a = run(args.old, args.corpus, args.work, args.set)
    b = run(args.new, args.corpus, args.work, args.set)
    da, db = digests(a), digests(b)
    same = sorted(k for k in da.keys() & db.keys() if da[k] == db[k])
    differ = sorted(k for k in da.keys() & db.keys() if da[k] != db[k])
    print(f"corpus {args.corpus}: {args.old} → {a}, {args.new} → {b}")
    print(f"identical: {len(same)} files")
    print(f"different: {len(differ)}" + "".join(f"\n  {k}" for k in differ))
    print(f"only in {args.old}: {len(da.keys() - db.keys())}" + "".join(f"\n  {k}" for k in sorted(da.keys() - db.keys())))
    print(f"only in {args.new}: {len(db.keys() - da.keys())}" + "".join(f"\n  {k}" for k in sorted(db.keys() - da.keys())))
    if args.show:
        import pandas as pd

        for k in differ:
            if k.endswith((".parquet", ".csv")):
                read = pd.read_parquet if k.endswith(".parquet") else pd.read_csv
                x, y = read(a / k), read(b / k)
                print(f"\n{k}: {x.shape} vs {y.shape}; columns equal: {list(x.columns) == list(y.columns)}")
                if x.shape == y.shape and list(x.columns) == list(y.columns):
                    try:
                        pd.testing.assert_frame_equal(x, y)
                        print("  equal as DataFrames (bytes differ)")
                    except AssertionError as exc:
                        print("  " + str(exc)[:600].replace("\n", "\n  "))
    return 0


if __name__ == "__main__":
    sys.exit(main())

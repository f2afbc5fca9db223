"""Derive what each stage of dvc.yaml depends on from the code, and rewrite dvc.yaml to match.

A stage depends on every module of ``pipeline/`` it imports (at module level or inside
functions, directly or through another module), on the package data those modules name
(``TEMPLATES``, ``RESOURCES / "<folder>"``) and on exactly the params keys in its ``PARAMS``.
tests/test_dvc_yaml.py checks dvc.yaml against these functions; after adding an import or a
params key, run

    python scripts/dvc_yaml.py          # rewrites the pipeline/ deps and params of every stage
    python scripts/dvc_yaml.py --check  # exit 1 and print the differences instead

Data deps, outs, metrics and plots are left as they are.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from pipeline.codedeps import code_deps, imported_modules  # noqa: E402  (what a stage reads, from its imports)

STAGES = ("ingest", "embed", "topics", "themes", "evaluate", "report")


expected_code_deps = code_deps  # the name tests/test_dvc_yaml.py uses


def stage_params(stage: str) -> tuple[str, ...]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return tuple(importlib.import_module(f"pipeline.{stage}").PARAMS)


def _list_block(lines: list[str], start: int, indent: str) -> int:
    """Index just past the ``- item`` lines (and their nested lines) that follow ``start``."""
    i = start + 1
    while i < len(lines) and (lines[i].startswith(indent + "- ") or lines[i].startswith(indent + "  ") or lines[i].lstrip().startswith("#")):
        i += 1
    return i


def rewrite(text: str) -> str:
    """dvc.yaml ``text`` with each stage's pipeline/ deps and params replaced by the derived ones."""
    lines = text.split("\n")
    out: list[str] = []
    stage = None
    i = 0
    while i < len(lines):
        line = lines[i]
        m = re.fullmatch(r"  (\w+):", line)
        if m:
            stage = m.group(1) if m.group(1) in STAGES else None
        if stage and line in ("    deps:", "    params:"):
            end = _list_block(lines, i, "      ")
            items = lines[i + 1 : end]
            if line == "    deps:":
                code = sorted(expected_code_deps(stage), key=lambda d: (d != "pipeline/__init__.py", d))
                items = [f"      - {d}" for d in code] + [x for x in items if not x.startswith("      - pipeline/")]
            else:
                items = [f"      - {k}" for k in stage_params(stage)]
            out += [line, *items]
            i = end
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="print the differences and exit 1 instead of writing")
    args = ap.parse_args()
    path = ROOT / "dvc.yaml"
    old = path.read_text(encoding="utf-8")
    new = rewrite(old)
    if args.check:
        import difflib

        diff = list(difflib.unified_diff(old.split("\n"), new.split("\n"), "dvc.yaml", "derived", lineterm=""))
        print("\n".join(diff) or "dvc.yaml matches the code")
        return 1 if diff else 0
    if new != old:
        path.write_text(new, encoding="utf-8")
        print("dvc.yaml rewritten")
    else:
        print("dvc.yaml already matches the code")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Which files of the package a stage reads: the modules it imports, directly or through
each other, and the package data those modules name (``TEMPLATES``, ``RESOURCES / "<folder>"``).

``scripts/dvc_yaml.py`` writes these as each stage's code deps in dvc.yaml, and the ingest
cache (:mod:`pipeline.memo`) keys on the same files, so it starts anew exactly when DVC re-runs
ingest for a code change.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
TEMPLATE_FOLDER = "pipeline/templates"  # what a module that names TEMPLATES reads


def imported_modules(module: str) -> set[str]:
    """Modules of the ``pipeline`` package that ``pipeline.<module>`` imports, directly or
    through each other (itself and the package's ``__init__`` included)."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = PACKAGE / ("__init__.py" if name == "__init__" else f"{name}.py")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                if node.level == 1 or (node.module or "").startswith("pipeline"):
                    base = (node.module or "").removeprefix("pipeline").lstrip(".")
                    if base:
                        todo.append(base.split(".")[0])
                    else:  # from . import config
                        todo += [a.name for a in node.names if (PACKAGE / f"{a.name}.py").exists()]
                    todo.append("__init__")
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.startswith("pipeline."):
                        todo.append(a.name.split(".")[1])
                        todo.append("__init__")
    return seen | {"__init__"}


def code_deps(stage: str) -> set[str]:
    """The ``pipeline/`` paths (modules, templates, resource folders) stage ``stage`` reads."""
    mods = imported_modules(stage)
    deps = {f"pipeline/{m}.py" for m in mods}
    for m in mods:
        tree = ast.parse((PACKAGE / f"{m}.py").read_text(encoding="utf-8"))
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        if "TEMPLATES" in used:
            deps.add(TEMPLATE_FOLDER)
        for n in ast.walk(tree):
            if (isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div) and isinstance(n.left, ast.Name) and n.left.id == "RESOURCES"
                    and isinstance(n.right, ast.Constant) and isinstance(n.right.value, str)):
                deps.add(f"pipeline/resources/{n.right.value.split('/')[0]}")
    return deps

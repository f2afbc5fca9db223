"""dvc.yaml says exactly what each stage reads: the modules of pipeline/ it imports (directly
or through another module, derived here from the code), the data folders those modules
read, and the params keys the stage declares (which the stage enforces when it runs)."""

from __future__ import annotations

import ast
import importlib

import pytest
import yaml

from conftest import ROOT
from pipeline import config

STAGES = ("ingest", "embed", "topics", "themes", "sample", "evaluate", "report")
PACKAGE = ROOT / "pipeline"
# Package data: the templates folder, and the resources sub-folder a module names (RESOURCES / "lexicon" …).
TEMPLATES = "pipeline/templates"


def imported_modules(module: str) -> set[str]:
    """Modules of the ``pipeline`` package that ``pipeline.<module>`` imports, at module
    level or inside functions, directly or through each other (itself and the package included)."""
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


def expected_code_deps(stage: str) -> set[str]:
    mods = imported_modules(stage)
    deps = {f"pipeline/{m}.py" for m in mods}
    for m in mods:
        tree = ast.parse((PACKAGE / f"{m}.py").read_text(encoding="utf-8"))
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        if "TEMPLATES" in used:
            deps.add(TEMPLATES)
        for n in ast.walk(tree):
            if (isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div) and isinstance(n.left, ast.Name) and n.left.id == "RESOURCES"
                    and isinstance(n.right, ast.Constant) and isinstance(n.right.value, str)):
                deps.add(f"pipeline/resources/{n.right.value.split('/')[0]}")
    return deps


@pytest.fixture(scope="module")
def dvc_stages():
    return yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"]


@pytest.mark.parametrize("stage", STAGES)
def test_code_dependencies_are_exactly_what_the_stage_imports(dvc_stages, stage):
    declared = {d for d in dvc_stages[stage]["deps"] if d.startswith("pipeline/")}
    expected = expected_code_deps(stage)
    assert declared == expected, f"dvc.yaml stage {stage}: its pipeline/ deps should be {sorted(expected)}"


@pytest.mark.parametrize("stage", STAGES)
def test_params_are_declared_by_key_as_the_stage_declares_them(dvc_stages, stage):
    module = importlib.import_module(f"pipeline.{stage}")
    declared = set(dvc_stages[stage].get("params", []))
    assert declared == set(module.PARAMS), f"dvc.yaml stage {stage} params differ from pipeline/{stage}.py PARAMS"
    sections = set(config.SECTIONS)
    assert not declared & sections, "params are declared by key, not by whole section"
    assert not declared & config.EXECUTION_KEYS, "execution settings change no output and are not dependencies"


def test_execution_settings_rerun_nothing_downstream(dvc_stages):
    for stage in ("topics", "themes", "report"):
        params = set(dvc_stages[stage].get("params", []))
        assert not {"embed.batch_size", "embed.threads", "compute.scheduler"} & params


def test_a_stage_reading_an_undeclared_key_fails(tmp_path):
    (tmp_path / "params.yaml").write_text((ROOT / "params.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    p = config.stage_params("topics", ("topics.seed",), tmp_path / "params.yaml")
    assert p.topics.seed == 42
    assert p.compute.scheduler == ""  # an execution setting needs no declaring
    with pytest.raises(config.ParamsError, match="stage topics reads params key topics.min_topics, which it does not declare"):
        p.topics.min_topics
    q = config.stage_params("topics", ("topics.umap",), tmp_path / "params.yaml")
    assert q.topics.umap.n_components == 5  # a declared sub-section allows its keys
    with pytest.raises(config.ParamsError, match="topics.hdbscan"):
        q.topics.hdbscan


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_never_imports_another_stage(stage):
    others = set(STAGES) - {stage}
    assert not imported_modules(stage) & others, f"pipeline/{stage}.py imports a stage module; move what they share to a library module"

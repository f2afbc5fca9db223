"""dvc.yaml says exactly what each stage reads: the modules of pipeline/ it imports (directly
or through another module, derived here from the code), the data folders those modules
read, and the params keys the stage declares (which the stage enforces when it runs)."""

from __future__ import annotations

import importlib
import sys

import pytest
import yaml

from conftest import ROOT
from pipeline import config

sys.path.insert(0, str(ROOT / "scripts"))
from dvc_yaml import STAGES, expected_code_deps, imported_modules, rewrite  # noqa: E402  (scripts/dvc_yaml.py rewrites dvc.yaml)


@pytest.fixture(scope="module")
def dvc_stages():
    return yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"]


@pytest.mark.parametrize("stage", STAGES)
def test_code_dependencies_are_exactly_what_the_stage_imports(dvc_stages, stage):
    declared = {d for d in dvc_stages[stage]["deps"] if d.startswith("pipeline/")}
    expected = expected_code_deps(stage)
    assert declared == expected, f"dvc.yaml stage {stage}: its pipeline/ deps should be {sorted(expected)} (python scripts/dvc_yaml.py rewrites them)"


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


def test_the_rewriter_restores_what_was_removed_and_keeps_the_rest():
    text = (ROOT / "dvc.yaml").read_text(encoding="utf-8")
    assert rewrite(text) == text
    broken = text.replace("      - pipeline/dedup.py\n", "", 1).replace("      - themes.pins\n", "      - themes.pinz\n", 1)
    assert broken != text
    assert rewrite(broken) == text


def test_the_ingest_cache_keys_on_exactly_the_ingest_stage_code_deps(dvc_stages):
    """A change DVC does not re-run ingest for (the report, the themes) must not start a new
    ingest cache either, or a fresh clone's dvc.lock would differ from the workspace's."""
    from pipeline.memo import PACKAGE, digested_files

    deps = [d for d in dvc_stages["ingest"]["deps"] if d.startswith("pipeline/")]
    covered = {p.relative_to(PACKAGE.parent).as_posix() for p in digested_files()}
    for dep in deps:
        assert dep in covered or any(c.startswith(dep + "/") for c in covered), dep
    assert all(c in deps or any(c.startswith(d + "/") for d in deps) for c in covered)
    assert "pipeline/report.py" not in covered and not any(c.startswith("pipeline/resources/models") for c in covered)


def test_a_stage_reading_the_users_files_depends_on_their_folder(dvc_stages):
    """A stage that reads input files a param names (a manifest, hand labels: it says so by
    calling ``config.warn_untracked`` for each) re-runs when a file in labels/ changes: DVC
    cannot list the files a param names, so the folder is the dependency."""
    import ast

    warned: dict[str, set[str]] = {}
    for stage in STAGES:
        tree = ast.parse((ROOT / "pipeline" / f"{stage}.py").read_text(encoding="utf-8"))
        calls = [c for c in ast.walk(tree) if isinstance(c, ast.Call) and getattr(c.func, "attr", "") == "warn_untracked"]
        keys = {a.value for c in calls for a in ast.walk(c) if isinstance(a, ast.Constant) and a.value in config.FILE_KEYS}
        if calls:
            warned[stage] = keys
        deps = [str(d) for d in dvc_stages[stage]["deps"]]
        assert (config.USER_FILES.as_posix() in deps) == bool(calls), stage
    assert set().union(*warned.values()) == set(config.FILE_KEYS), warned  # every key that names a file is read by a stage that says so
    assert set(warned) == {"ingest", "themes", "evaluate"}
    assert (ROOT / config.USER_FILES).is_dir()


def test_a_file_outside_the_users_folder_is_named_in_a_warning(tmp_path, monkeypatch, caplog):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "labels").mkdir()
    (tmp_path / "data").mkdir()
    with caplog.at_level("WARNING"):
        assert not config.warn_untracked("eval.labels", "labels/coded.csv")
        assert not config.warn_untracked("corpus.manifest", "data/manifest.csv", corpus_dir="data")
        assert config.warn_untracked("eval.sentence_labels", "../shared/eval/dev_sentences.csv")
    assert "eval.sentence_labels: ../shared/eval/dev_sentences.csv is outside labels/, so dvc repro does not see edits to it" in caplog.text
    assert "coded.csv" not in caplog.text
    # a link in labels/ to a file elsewhere: DVC follows it and sees its edits, so no warning
    (tmp_path / "elsewhere.csv").write_text("source,line,primary\n", encoding="utf-8")
    (tmp_path / "labels" / "linked.csv").symlink_to(tmp_path / "elsewhere.csv")
    assert not config.warn_untracked("eval.labels", "labels/linked.csv")
    assert "dvc repro -f -s <stage>" in caplog.text

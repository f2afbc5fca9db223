"""End to end: the real stages, through DVC, on a copy of the bundled corpus."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent


def _run(args, cwd, **kw):
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "DVC_NO_ANALYTICS": "1"}
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, check=False, **kw)


def _ok(result):
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def _digests(root: Path) -> dict[str, str]:
    out = {}
    for folder in ("data/interim", "data/processed", "models/topic_model", "reports", "metrics"):
        for f in sorted((root / folder).rglob("*")):
            if f.is_file() and ".gitignore" not in f.name:
                out[f.relative_to(root).as_posix()] = hashlib.sha256(f.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("project")
    for name in ("dvc.yaml", "params.yaml", ".dvcignore", "Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(ROOT / "pipeline", root / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    shutil.copytree(ROOT / "labels", root / "labels")  # the user's label files: a dependency of the stages that read them
    (root / "reports").mkdir()
    for name in ("robustness.csv", "robustness.json"):  # written by scripts/robustness.py, read by the report stage
        shutil.copy(ROOT / "reports" / name, root / "reports" / name)
    _ok(_run(["git", "init", "-q"], root))
    _ok(_run(["git", "config", "user.email", "test@example.org"], root))
    _ok(_run(["git", "config", "user.name", "test"], root))
    _ok(_run([str(BIN / "dvc"), "init", "-q"], root))
    _ok(_run([str(BIN / "dvc"), "config", "core.analytics", "false"], root))
    shutil.copytree(ROOT / ".dvc" / "plots", root / ".dvc" / "plots")
    _ok(_run(["git", "add", "-A"], root))
    _ok(_run(["git", "commit", "-qm", "start"], root))
    # The README's command, from a shell where the venv is not active: `make repro` must put
    # the venv's python on PATH for the stage commands. (-o: the venv exists, do not reinstall.)
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if p and Path(p).resolve() != BIN.resolve())
    # Every params key each stage reads is traced, to check it against dvc.yaml below.
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"} | {"PATH": path, "DVC_NO_ANALYTICS": "1", "PIPELINE_PARAMS_TRACE": str(root / "params_trace.tsv")}
    made = subprocess.run(["make", "-s", "-o", f"{BIN}/.installed", "repro", f"BIN={BIN}"], cwd=root, capture_output=True, text=True, env=env)
    _ok(made)
    assert "Running stage 'report'" in made.stdout + made.stderr
    return root


def test_contracts(project):
    paragraphs = pd.read_parquet(project / "data/interim/paragraphs.parquet")
    for col in ["para_id", "doc_id", "source", "line_start", "line_end", "locality", "province", "level", "date", "text", "n_chars"]:
        assert col in paragraphs.columns
    assert set(paragraphs["locality"]) == {"衡东县", "永州市", "衡南县", "湘潭市", "澧县"}
    themes = pd.read_parquet(project / "data/processed/themes.parquet")
    assert list(themes.columns[:4]) == ["para_id", "topic", "theme", "confidence"]
    assert themes["para_id"].tolist() == paragraphs["para_id"].tolist()
    assert set(themes["theme"]) <= {"party", "industry", "livelihood", "ecology", "other"}
    sentences = pd.read_parquet(project / "data/processed/sentences.parquet")
    assert list(sentences.columns[:6]) == ["para_id", "sentence", "char_start", "char_end", "theme", "confidence"]
    assert set(sentences["para_id"]) == set(paragraphs["para_id"])
    assert {f"share_{k}" for k in ("party", "ecology")} <= set(themes.columns)
    table = pd.read_csv(project / "reports/theme_by_locality.csv")
    assert list(table.columns) == ["locality", "theme", "n_paragraphs", "n_chars", "share", "ci_low", "ci_high", "n_sentences"]
    # shares count the characters of each sentence's theme
    chars = sentences.merge(paragraphs[["para_id", "locality"]], on="para_id").assign(n=lambda d: d["char_end"] - d["char_start"])
    expected = chars.groupby(["locality", "theme"])["n"].sum() / chars.groupby("locality")["n"].sum()
    got = table.set_index(["locality", "theme"])["share"]
    assert all(abs(got[i] - round(v, 4)) < 1e-9 for i, v in expected.items())
    assert table.groupby("locality")["share"].sum().between(0.99, 1.01).all()
    assert len(table) == 5 * 5
    topics = pd.read_parquet(project / "data/processed/topics.parquet")
    assert len(topics) == len(paragraphs) and topics["topic"].nunique() >= 2
    assert (project / "models/topic_model/topic_embeddings.safetensors").is_file()
    html = (project / "reports/report.html").read_text(encoding="utf-8")
    assert 'id="heatmap"' in html and "澧县" in html and "http" not in html.split("<body>")[1].split("<pre>")[0]
    md = (project / "reports/report.md").read_text(encoding="utf-8")
    assert "| locality |" in md and "衡东县" in md
    assert list((project / "reports/figures").glob("*.png"))
    for name in ("ingest", "topics", "themes", "report"):
        json.loads((project / f"metrics/{name}.json").read_text(encoding="utf-8"))


def test_stages_read_only_the_params_keys_dvc_yaml_lists(project):
    import yaml

    from pipeline.config import EXECUTION_KEYS

    stages = yaml.safe_load((project / "dvc.yaml").read_text(encoding="utf-8"))["stages"]
    read: dict[str, set[str]] = {}
    for line in (project / "params_trace.tsv").read_text(encoding="utf-8").splitlines():
        stage, key = line.split("\t")
        read.setdefault(stage, set()).add(key)
    assert set(read) == set(stages)
    for stage, keys in read.items():
        declared = set(stages[stage].get("params", []))
        covered = lambda k: any(k == d or k.startswith(d + ".") or d.startswith(k + ".") for d in declared)  # noqa: E731
        assert {k for k in keys if k not in EXECUTION_KEYS and not covered(k)} == set(), stage
    assert "themes.definitions" in read["themes"] and "topics.seed" in read["topics"]


def test_sections_read_as_a_reader_expects(project):
    """The 澧县 article's ecology section and the 永州 article's livelihood section."""
    paragraphs = pd.read_parquet(project / "data/interim/paragraphs.parquet")
    themes = pd.read_parquet(project / "data/processed/themes.parquet")
    df = paragraphs.merge(themes, on="para_id")
    eco = df[(df["doc_id"] == "004_fa679333fe926180") & (df["line_start"] == 22)]
    assert set(eco["theme"]) == {"ecology"}
    live = df[(df["doc_id"] == "001_a964bad20ebf15e6") & (df["line_start"] == 4)]
    assert (live["theme"] == "livelihood").mean() >= 0.5


def test_the_committed_outputs_are_what_a_fresh_checkout_writes(project):
    """The bundled corpus's reports and metrics in the repository are those `make repro`
    writes from a clean checkout (on any x86-64 machine: see pipeline/__init__.py), and the
    committed robustness runs are of those outputs, so the report shows them."""
    md = (project / "reports/report.md").read_text(encoding="utf-8")
    assert "Out of date, not shown" not in md
    for name in ("reports/theme_share.csv", "reports/theme_by_locality.csv", "metrics/themes.json", "metrics/topics.json"):
        fresh, committed = project / name, ROOT / name
        if fresh.read_bytes() == committed.read_bytes():
            continue
        # Another machine may differ in a float's last digits (the kernels are pinned, but not
        # every library's): every count, label and text must still match, and every float to
        # 0.005, far less than any change of params or model moves them.
        message = f"{name}: run `make repro` (and scripts/robustness.py) and commit"
        if name.endswith(".json"):
            _assert_close(json.loads(fresh.read_text(encoding="utf-8")), json.loads(committed.read_text(encoding="utf-8")), message)
        else:
            a, b = pd.read_csv(fresh), pd.read_csv(committed)
            assert list(a.columns) == list(b.columns) and len(a) == len(b), message
            for column in a.columns:
                if pd.api.types.is_float_dtype(a[column]) and pd.api.types.is_float_dtype(b[column]):
                    assert np.allclose(a[column], b[column], rtol=0, atol=0.005, equal_nan=True), f"{message} ({column})"
                else:
                    assert a[column].tolist() == b[column].tolist(), f"{message} ({column})"


def _assert_close(fresh, committed, message: str, where: str = "") -> None:
    if isinstance(fresh, float) or isinstance(committed, float):
        assert isinstance(fresh, (int, float)) and isinstance(committed, (int, float)), f"{message} ({where})"
        assert abs(fresh - committed) <= 0.005, f"{message} ({where}: {fresh} != {committed})"
    elif isinstance(fresh, dict) and isinstance(committed, dict):
        assert fresh.keys() == committed.keys(), f"{message} ({where})"
        for key in fresh:
            _assert_close(fresh[key], committed[key], message, f"{where}.{key}")
    elif isinstance(fresh, list) and isinstance(committed, list):
        assert len(fresh) == len(committed), f"{message} ({where})"
        for i, (x, y) in enumerate(zip(fresh, committed)):
            _assert_close(x, y, message, f"{where}[{i}]")
    else:
        assert fresh == committed, f"{message} ({where}: {fresh!r} != {committed!r})"


def test_second_repro_is_up_to_date_and_forced_rerun_is_identical(project):
    out = _ok(_run([str(BIN / "dvc"), "status"], project)).stdout
    assert "up to date" in out
    before = _digests(project)
    _ok(_run([str(BIN / "dvc"), "repro", "--force"], project))
    assert _digests(project) == before


def test_results_do_not_depend_on_the_number_of_blas_threads(project):
    """OpenBLAS on one thread computes float32 products in another order than on two; the
    stages run it on one thread, so a machine's core count does not change the topics."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: BLAS runs on one thread anyway")
    before = _digests(project)
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "DVC_NO_ANALYTICS": "1"}
    if env.get("OPENBLAS_NUM_THREADS", "") in ("", "0") or int(env["OPENBLAS_NUM_THREADS"]) > 1:
        env |= {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}  # the outputs were written with the default, one per core
    else:
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
            env.pop(name, None)  # the outputs were written on one thread: now one per core
    forced = subprocess.run([str(BIN / "dvc"), "repro", "--force"], cwd=project, capture_output=True, text=True, env=env, check=False)
    _ok(forced)
    assert _digests(project) == before


def test_a_coded_sample_corrects_the_shares(project):
    """The researcher's loop: code the pipeline's random sample, name it in eval.sentence_labels,
    run again: the report measures accuracy on this corpus and corrects the shares."""
    sheet = pd.read_csv(project / "reports/label_sample.csv", keep_default_na=False)
    predictions = pd.read_csv(project / "reports/label_sample_predictions.csv")
    assert len(sheet) == len(predictions) > 0 and (sheet["label"] == "").all()
    assert sheet["inclusion_probability"].between(0, 1, inclusive="right").all()
    assert "`party`" in (project / "reports/codebook.md").read_text(encoding="utf-8")
    # a coder who agrees with the pipeline except on every third sentence, which they call "other"
    coded = sheet.assign(label=[("other" if i % 3 == 0 else p) for i, p in enumerate(predictions["predicted"])])
    coded.to_csv(project / "labels/label_sample_coded.csv", index=False)
    _ok(_run([str(BIN / "dvc"), "exp", "run", "-S", "eval.sentence_labels=labels/label_sample_coded.csv"], project))
    corrected = pd.read_csv(project / "reports/theme_corrected.csv")
    assert len(corrected) == 5 * 5 and (corrected["n_labelled"] > 0).any()
    other = corrected[corrected["theme"] == "other"]
    assert (other["corrected"] >= other["raw"]).all() and (other["corrected"] > other["raw"]).any()
    assert ((corrected["ci_low"] <= corrected["corrected"] + 1e-9) & (corrected["corrected"] <= corrected["ci_high"] + 1e-9)).all()
    import html as htmllib

    page = htmllib.unescape((project / "reports/report.html").read_text(encoding="utf-8"))
    assert "Corrected with" in page and "from the pipeline's random sample" in page
    assert "design-based supervised learning" in page  # the covariate models' outcome, corrected too
    ev = json.loads((project / "metrics/eval.json").read_text(encoding="utf-8"))
    assert ev["sentences"]["matched"] == len(sheet) and ev["random_sample_units"] == len(sheet)
    assert ev["evaluated"] is True and "labels" not in ev  # sentence labels alone are evaluated (it said false); no paragraph figures
    assert ev["sentences"]["weighted"] and "intervals" in ev["sentences"]  # a random sample's labels are design-weighted
    assert 0.55 < ev["sentences"]["accuracy"] < 0.75  # two thirds agree
    # the coder changes their mind on every row: a plain `dvc repro` sees the edited sheet in labels/
    sheet.assign(label=predictions["predicted"]).to_csv(project / "labels/label_sample_coded.csv", index=False)
    assert "evaluate" in _ok(_run([str(BIN / "dvc"), "status"], project)).stdout
    _ok(_run([str(BIN / "dvc"), "repro"], project))
    assert json.loads((project / "metrics/eval.json").read_text(encoding="utf-8"))["sentences"]["accuracy"] == 1.0


def test_reused_text_of_seeds_000_and_001_is_shown(project):
    # seed 000, a 衡东县 news item (dated), quotes the article that is seed 001 (undated): with
    # one date unknown the higher level is the source, here rightly (the news reports the article)
    reuse = pd.read_csv(project / "reports/reuse.csv")
    pair = reuse[(reuse["locality"] == "衡东县") & (reuse["source_locality"] == "永州市")]
    assert len(pair) == 1 and pair["sentences"].iloc[0] >= 2


def test_experiment_changes_metrics(project):
    _ok(_run(["git", "add", "-A"], project))
    _ok(_run(["git", "commit", "-qm", "baseline"], project))
    _ok(_run([str(BIN / "dvc"), "exp", "run", "-S", "topics.representation=keybert", "-S", "themes.unit=paragraph"], project))
    diff = _ok(_run([str(BIN / "dvc"), "metrics", "diff", "--json"], project)).stdout
    changed = json.loads(diff)
    assert "metrics/topics.json" in changed and changed["metrics/topics.json"]
    assert "mixed_paragraphs" in changed["metrics/themes.json"]  # the unit switch shows in the metrics
    params = _ok(_run([str(BIN / "dvc"), "params", "diff"], project)).stdout
    assert "topics.representation" in params and "themes.unit" in params
    plots = json.loads(_ok(_run([str(BIN / "dvc"), "plots", "diff", "HEAD", "--json"], project)).stdout)["data"]
    shares = plots["reports/theme_share.csv"][0]["content"]
    assert shares["facet"]["column"]["field"] == "theme_label"
    revs = {row["rev"] for row in shares["data"]["values"]}
    assert len(revs) == 2  # the experiment's shares beside the committed ones


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (make browser installs Debian's)")
def test_report_page_in_headless_chromium(project, tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    errors = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url}"))
        page.goto((project / "reports/report.html").as_uri())
        page.wait_for_load_state("load")
        cells = page.locator("#heatmap td.cell")
        assert cells.count() == 5 * 5
        # localities grouped by level: cities first, then counties, each with its header row
        groups = page.locator("#heatmap tr.group th").all_inner_texts()
        assert [g.split(" ·")[0] for g in groups] == ["Cities", "Counties"]
        levels = page.locator("#heatmap tr[data-level]:not(.group)").evaluate_all("rows => rows.map(r => r.dataset.level)")
        assert levels == ["city"] * 2 + ["county"] * 3
        assert page.locator("#level-city ~ section h4").first.inner_text() in ("湘潭市", "永州市")
        for i in range(cells.count()):
            box = cells.nth(i).bounding_box()
            assert box and box["width"] > 20 and box["height"] > 10
        colours = {cells.nth(i).evaluate("c => getComputedStyle(c).backgroundColor") for i in range(cells.count())}
        assert len(colours) > 3  # shaded by value, not blank
        assert page.locator("img").first.evaluate("i => i.complete && i.naturalWidth > 0")
        shot = tmp_path / "report.png"
        page.screenshot(path=str(shot), full_page=True)
        browser.close()
    assert errors == []
    assert shot.stat().st_size > 20_000

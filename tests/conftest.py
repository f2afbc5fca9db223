"""Shared fixtures: the bundled corpus, the shared provincial corpus (skipped where absent),
and session fixtures chained documents → paragraphs → embeddings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pipeline  # noqa: F401  (first: it pins the numeric kernels before NumPy loads, as the stages do)
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "raw"
SHARED = ROOT.parent / "shared"
PROVINCIAL = SHARED / "corpora" / "cn_provincial_gwr"
DEV_LABELS = SHARED / "eval" / "dev_labels.csv"

needs_shared = pytest.mark.skipif(not PROVINCIAL.is_dir(), reason="../shared/corpora/cn_provincial_gwr is not beside this checkout")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A writable copy of the bundled corpus."""
    dst = tmp_path / "raw"
    shutil.copytree(SEEDS, dst)
    return dst


@pytest.fixture(scope="session")
def ingest_params():
    from pipeline.config import IngestParams

    return IngestParams()


@pytest.fixture(scope="session")
def seed_ingest(ingest_params):
    """(paragraphs, documents, log, metrics) of the bundled corpus."""
    from pipeline.ingest import ingest

    return ingest(SEEDS, ingest_params)


@pytest.fixture(scope="session")
def use_embedder():
    from pipeline.embedders import USEMultilingual

    return USEMultilingual(threads=1)


@pytest.fixture(scope="session")
def seed_embeddings(seed_ingest, use_embedder) -> np.ndarray:
    paragraphs = seed_ingest[0]
    return use_embedder.embed(paragraphs["text"].tolist())


@pytest.fixture(scope="session")
def default_params():
    from pipeline import config

    return config.load_params(ROOT / "params.yaml")

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
# a speech's opening, the text below a header under test
SPEECH = ["同志们：", "今天召开这次会议，主要任务是总结去年工作，部署今年任务。下面，我讲三点意见。", "一、充分肯定成绩",
          "过去的一年，全县地区生产总值增长6.5%，一般公共预算收入增长5.1%，城乡居民收入稳步增长。"]


def make_doc(lines, name="a.txt", encoding="utf-8", meta=None, left_out=()):
    """One document through ingest's passes, as its reader would give it (``left_out``: what a web page's extraction left out)."""
    import opencc

    from pipeline.config import IngestParams
    from pipeline.gazetteer import Gazetteer
    from pipeline.ingest import process_document
    from pipeline.readers import RawText

    return process_document(name, RawText(list(lines), encoding, meta or {}, list(left_out)), IngestParams(), opencc.OpenCC("t2s").convert,
                            Gazetteer.default())


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

"""Atomic writers: every output is written to a temporary name, then renamed into place,
so an interrupted stage never leaves a half-written file behind."""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Iterator

import pandas as pd


_UMASK = os.umask(0)
os.umask(_UMASK)


@contextlib.contextmanager
def atomic_path(path: Path | str, suffix: str = "") -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it to ``path`` if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix or ".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    os.chmod(tmp_path, 0o666 & ~_UMASK)  # mkstemp makes files private; outputs are ordinary files
    try:
        yield tmp_path
        os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


@contextlib.contextmanager
def atomic_dir(path: Path | str) -> Iterator[Path]:
    """Yield a fresh temporary directory beside ``path``; it replaces ``path`` on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    os.chmod(tmp, 0o777 & ~_UMASK)
    try:
        yield tmp
        if path.exists():
            shutil.rmtree(path)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


def write_parquet(df: pd.DataFrame, path: Path | str) -> None:
    with atomic_path(path, ".parquet") as tmp:
        df.to_parquet(tmp, index=False, compression="zstd")


def write_csv(df: pd.DataFrame, path: Path | str, bom: bool = False) -> None:
    """UTF-8 CSV; ``bom`` for a sheet people open in Excel, which reads UTF-8 without a
    byte-order mark in the system's code page (GBK on Chinese Windows) and garbles it."""
    with atomic_path(path, ".csv") as tmp:
        df.to_csv(tmp, index=False, encoding="utf-8-sig" if bom else "utf-8", lineterminator="\n")


def _json_safe(obj: Any) -> Any:
    """``obj`` with every float that JSON cannot hold (NaN, ±inf: a score of nothing) as null."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _json_safe(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_json_safe(v) for v in obj]
    return obj


def write_json(obj: Any, path: Path | str) -> None:
    """``obj`` as JSON that any reader takes (jq, JavaScript, ``dvc metrics``): NaN and
    infinities are written as null, not as Python's non-standard ``NaN``."""
    with atomic_path(path, ".json") as tmp:
        tmp.write_text(json.dumps(_json_safe(obj), ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False) + "\n", encoding="utf-8")


def write_text(text: str, path: Path | str) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def progress(iterable=None, total: int | None = None, desc: str = "", unit: str = "it", disable: bool = False):
    """A tqdm progress bar on stderr for a loop that can take more than a few seconds: shown
    in a terminal, quiet under ``CI=true`` and when stderr is not a terminal (a log file)."""
    import sys

    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread (the report forks a process for its figures)
    quiet = disable or os.environ.get("CI", "").strip().lower() in ("1", "true", "yes") or not sys.stderr.isatty()
    return tqdm(iterable, total=total, desc=desc, unit=unit, disable=quiet, mininterval=1.0, leave=False)


def peak_memory_mb() -> float:
    """Peak resident memory of this process so far, or of the largest process it started and
    waited for (the report draws figures in one), in MB (Linux and macOS)."""
    import resource
    import sys

    rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return rss / 2**20 if sys.platform == "darwin" else rss / 1024


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run BLAS on one thread, so that results do not depend on the number of cores.

    OpenBLAS splits a float32 product differently on one thread and on two (the paragraphs'
    ``x @ x.T`` of the bundled corpus differs in the last bits, 3e-7), and that is enough to
    change UMAP's neighbours and the topics (6 against 3 on the bundled corpus). The stages
    after ``embed`` run BLAS on one thread (their products are small beside the embedder's);
    the embedder's vectors are the same on any number of threads, and Dask's workers run BLAS
    on one thread already."""
    import scipy.linalg  # noqa: F401  (SciPy's BLAS is a library of its own: load it, so it is limited too)
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        yield


def run_stage(main, stage: str) -> None:
    """Run a stage's ``main()`` as a program: a :class:`~pipeline.config.PipelineError` is
    logged as one line naming what is wrong, and the exit status is 1. Every stage but
    ``embed`` runs BLAS on one thread (:func:`one_blas_thread`)."""
    import sys

    from .config import PipelineError

    try:
        with contextlib.nullcontext() if stage == "embed" else one_blas_thread():
            code = main()
    except PipelineError as exc:
        _STATE["failed"] = True
        logging.getLogger(f"pipeline.{stage}").error("%s", exc)
        sys.exit(1)
    except FileNotFoundError as exc:
        _STATE["failed"] = True
        name = exc.filename or str(exc)
        logging.getLogger(f"pipeline.{stage}").error("input %s not found: run the stages before %s first (`dvc repro %s`)", name, stage, stage)
        sys.exit(1)
    except BaseException:  # a traceback follows
        _STATE["failed"] = True
        raise
    _STATE["failed"] = bool(code)
    sys.exit(code)


_STATE = {"failed": False}  # whether the stage run_stage runs failed: its last log line says so


def process_seconds() -> float | None:
    """Wall time since this process started (Linux), imports included; None elsewhere."""
    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def setup_logging(stage: str) -> logging.Logger:
    """Log to stderr with the stage's name; at exit, log its wall time (since the process
    started, imports included) and peak memory. The benchmarks read that line."""
    import atexit
    import time

    start = time.perf_counter()
    logger = logging.getLogger(f"pipeline.{stage}")

    def done() -> None:
        wall = process_seconds()
        logger.info("stage %s %s %.1f s, peak memory %.0f MB", stage, "failed after" if _STATE["failed"] else "done in",
                    wall if wall is not None else time.perf_counter() - start, peak_memory_mb())

    atexit.register(done)
    logging.basicConfig(level=logging.INFO, format=f"%(asctime)s {stage:>7} %(levelname)s %(message)s", datefmt="%H:%M:%S")
    for noisy in ("jieba", "numba", "matplotlib", "urllib3", "sentence_transformers", "httpx", "distributed"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # BERTopic warns that custom topic lists may break later topic reduction: we reduce none
    logging.getLogger("BERTopic").setLevel(logging.ERROR)
    return logger

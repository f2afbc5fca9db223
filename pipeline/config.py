"""Paths and typed parameters.

All paths are relative to the working directory, which DVC sets to the folder holding
``dvc.yaml``. Parameters are read once, at the top of a stage's ``main()``, into frozen
dataclasses; a missing, unknown or ill-typed key fails at once with a message naming it.
"""

from __future__ import annotations

import dataclasses
import os
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

PARAMS_FILE = Path("params.yaml")

# Outputs of the stages (the contracts in README.md).
INTERIM = Path("data/interim")
PROCESSED = Path("data/processed")
PARAGRAPHS = INTERIM / "paragraphs.parquet"
DOCUMENTS = INTERIM / "documents.parquet"
INGEST_LOG = INTERIM / "ingest_log.csv"
EMBEDDINGS = INTERIM / "embeddings.npy"
EMBEDDINGS_META = INTERIM / "embeddings.json"
TOPIC_MODEL = Path("models/topic_model")
TOPICS = PROCESSED / "topics.parquet"
TOPIC_INFO = PROCESSED / "topic_info.parquet"
THEMES = PROCESSED / "themes.parquet"
REPORTS = Path("reports")
METRICS = Path("metrics")


class PipelineError(Exception):
    """An error a user can act on (bad params, unreadable corpus, missing model...): a stage
    reports its message and exits 1, without a traceback."""


class ParamsError(PipelineError, ValueError):
    """A parameter is missing, unknown or has a value of the wrong kind."""


@dataclass(frozen=True)
class CorpusParams:
    dir: str = "data/raw"
    manifest: str = ""


@dataclass(frozen=True)
class IngestParams:
    max_chars: int = 400
    min_chars: int = 30
    heading_max_chars: int = 40
    duplicates: str = "flag"
    near_duplicate_threshold: float = 0.8
    max_file_mb: float = 20.0
    exclude: tuple[str, ...] = ("README*", "SOURCE*", "LICENSE*", "*.csv")

    def validate(self) -> None:
        _positive("ingest.max_chars", self.max_chars)
        _positive("ingest.min_chars", self.min_chars)
        _positive("ingest.heading_max_chars", self.heading_max_chars)
        if self.min_chars >= self.max_chars:
            raise ParamsError(
                f"ingest.min_chars ({self.min_chars}) must be smaller than ingest.max_chars ({self.max_chars})"
            )
        _choice("ingest.duplicates", self.duplicates, ("keep", "flag", "drop"))
        _fraction("ingest.near_duplicate_threshold", self.near_duplicate_threshold)
        _positive("ingest.max_file_mb", self.max_file_mb)


@dataclass(frozen=True)
class EmbedParams:
    backend: str = "use-multilingual-v3"
    model: str = ""
    prefix: str = ""
    threads: int | str = "auto"
    batch_size: int = 64
    device: str = "auto"
    dtype: str = "float32"
    cache_dir: str = "models/embed_cache"

    def validate(self) -> None:
        _choice("embed.backend", self.backend, ("use-multilingual-v3", "sentence-transformers"))
        if self.backend == "sentence-transformers" and not self.model:
            raise ParamsError(
                "embed.model must name a sentence-transformers model (hub id or local path) "
                "when embed.backend is sentence-transformers"
            )
        if self.threads != "auto":
            _positive("embed.threads", self.threads)
        _positive("embed.batch_size", self.batch_size)
        _choice("embed.dtype", self.dtype, ("float32", "float16"))
        _choice("embed.device", self.device, ("auto", "cpu", "cuda", "mps"))

    @property
    def n_threads(self) -> int:
        return (os.cpu_count() or 1) if self.threads == "auto" else int(self.threads)


@dataclass(frozen=True)
class UmapParams:
    n_neighbors: int | str = "auto"
    n_components: int = 5
    min_dist: float = 0.0
    metric: str = "cosine"


@dataclass(frozen=True)
class HdbscanParams:
    min_cluster_size: int | str = "auto"
    min_samples: int | str = "auto"


@dataclass(frozen=True)
class VectorizerParams:
    min_df: int = 1
    max_df: float = 1.0
    ngram_max: int = 1


@dataclass(frozen=True)
class TopicsParams:
    seed: int = 42
    umap: UmapParams = field(default_factory=UmapParams)
    hdbscan: HdbscanParams = field(default_factory=HdbscanParams)
    vectorizer: VectorizerParams = field(default_factory=VectorizerParams)
    min_topics: int = 2
    fit_sample: int = 20000
    assign_batch: int = 8192
    top_n_words: int = 10
    representation: str = "keybert"
    outliers: str = "reduce"
    outlier_threshold: float = 0.1

    def validate(self) -> None:
        _int("topics.seed", self.seed)
        for key, value in (
            ("topics.umap.n_neighbors", self.umap.n_neighbors),
            ("topics.hdbscan.min_cluster_size", self.hdbscan.min_cluster_size),
            ("topics.hdbscan.min_samples", self.hdbscan.min_samples),
        ):
            if value != "auto":
                _positive(key, value)
        _positive("topics.umap.n_components", self.umap.n_components)
        _positive("topics.vectorizer.min_df", self.vectorizer.min_df)
        _fraction("topics.vectorizer.max_df", self.vectorizer.max_df)
        _positive("topics.vectorizer.ngram_max", self.vectorizer.ngram_max)
        _positive("topics.min_topics", self.min_topics)
        _positive("topics.fit_sample", self.fit_sample)
        _positive("topics.assign_batch", self.assign_batch)
        _positive("topics.top_n_words", self.top_n_words)
        _choice("topics.representation", self.representation, ("keybert", "mmr", "ctfidf"))
        _choice("topics.outliers", self.outliers, ("reduce", "keep"))
        _fraction("topics.outlier_threshold", self.outlier_threshold)


@dataclass(frozen=True)
class ThemeDef:
    key: str
    zh: str
    en: str
    description: str
    seeds: tuple[str, ...]
    fallback: bool = False


@dataclass(frozen=True)
class ThemesParams:
    definitions: tuple[ThemeDef, ...]
    lexical_weight: float = 0.6
    topic_weight: float = 0.3
    far_from_topic: float = 0.35
    min_score: float = 0.15
    overview_max_share: float = 0.5
    overview_weight: float = 0.5
    fallback_sections: tuple[str, ...] = ()
    examples: str = ""
    examples_weight: float = 0.5
    pins: dict = field(default_factory=dict)

    def validate(self) -> None:
        if not self.definitions:
            raise ParamsError("themes.definitions must list at least one theme")
        keys = [d.key for d in self.definitions]
        if len(set(keys)) != len(keys):
            raise ParamsError(f"themes.definitions has repeated keys: {keys}")
        for i, d in enumerate(self.definitions):
            if not d.key or not d.seeds:
                raise ParamsError(f"themes.definitions[{i}] needs a key and at least one seed word")
        if sum(d.fallback for d in self.definitions) > 1:
            raise ParamsError("themes.definitions: at most one theme may have fallback: true")
        for key in ("lexical_weight", "topic_weight", "far_from_topic", "min_score", "overview_max_share", "overview_weight", "examples_weight"):
            _fraction(f"themes.{key}", getattr(self, key))
        for topic, theme in self.pins.items():
            _int(f"themes.pins key {topic!r}", topic)
            if theme not in keys:
                raise ParamsError(f"themes.pins[{topic}] = {theme!r} is not a theme key; known: {keys}")

    @property
    def keys(self) -> list[str]:
        return [d.key for d in self.definitions]

    @property
    def fallback(self) -> str | None:
        return next((d.key for d in self.definitions if d.fallback), None)


@dataclass(frozen=True)
class ReportParams:
    seed: int = 42
    n_boot: int = 1000
    top_examples: int = 3

    def validate(self) -> None:
        _int("report.seed", self.seed)
        _positive("report.n_boot", self.n_boot)
        _positive("report.top_examples", self.top_examples)


@dataclass(frozen=True)
class ComputeParams:
    scheduler: str = ""

    def validate(self) -> None:
        if self.scheduler and "://" not in self.scheduler:
            raise ParamsError(f"params.yaml: compute.scheduler must be empty or a Dask scheduler address such as tcp://host:8786, got {self.scheduler!r}")


@dataclass(frozen=True)
class EvalParams:
    labels: str = ""


# ----------------------------------------------------------------------------- loading


def load_params(path: Path | str = PARAMS_FILE) -> dict[str, Any]:
    """Read ``params.yaml`` into a dict; a missing or malformed file names itself."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8") as fh:
            raw = yaml.safe_load(fh)
    except FileNotFoundError:
        raise ParamsError(f"{path}: parameter file not found (run from the project root)") from None
    except yaml.YAMLError as exc:
        raise ParamsError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise ParamsError(f"{path}: expected a mapping of sections, got {type(raw).__name__}")
    return raw


def section(params: dict[str, Any], name: str, cls: type) -> Any:
    """Build the typed section ``name`` of ``params`` as ``cls``, then validate it."""
    if name not in params:
        raise ParamsError(f"params.yaml: section {name!r} is missing")
    obj = _build(cls, params[name], name)
    if hasattr(obj, "validate"):
        obj.validate()
    return obj


def _build(cls: type, value: Any, where: str) -> Any:
    if not isinstance(value, dict):
        raise ParamsError(f"params.yaml: {where} must be a mapping, got {value!r}")
    hints = typing.get_type_hints(cls)
    fields = dataclasses.fields(cls)
    names = {f.name for f in fields}
    unknown = sorted(set(value) - names)
    if unknown:
        raise ParamsError(f"params.yaml: unknown key {where}.{unknown[0]} (known: {sorted(names)})")
    kwargs = {}
    for f in fields:
        if f.name in value:
            kwargs[f.name] = _coerce(hints[f.name], value[f.name], f"{where}.{f.name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise ParamsError(f"params.yaml: {where}.{f.name} is missing")
    return cls(**kwargs)


def _coerce(tp: Any, value: Any, where: str) -> Any:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if dataclasses.is_dataclass(tp):
        return _build(tp, {} if value is None else value, where)
    if origin is tuple:
        if not isinstance(value, list):
            raise ParamsError(f"params.yaml: {where} must be a list, got {value!r}")
        return tuple(_coerce(args[0], v, f"{where}[{i}]") for i, v in enumerate(value))
    if tp is dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise ParamsError(f"params.yaml: {where} must be a mapping, got {value!r}")
        return dict(value)
    options = args if origin in (typing.Union, types.UnionType) else (tp,)
    numeric_or_auto = str in options and int in options
    for option in options:
        if option is bool and isinstance(value, bool):
            return value
        if option is int and isinstance(value, int) and not isinstance(value, bool):
            return value
        if option is float and isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if option is str and isinstance(value, str) and (value == "auto" or not numeric_or_auto):
            if not value and not numeric_or_auto and where.endswith((".key", "]")):
                break  # theme keys and list items must not be empty
            return value
        if option is str and value is None and not numeric_or_auto:
            return ""
    kinds = " or ".join('"auto"' if o is str and numeric_or_auto else o.__name__ for o in options)
    raise ParamsError(f"params.yaml: {where} must be {kinds}, got {value!r}")


# ----------------------------------------------------------------------------- checks


def _int(key: str, value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ParamsError(f"params.yaml: {key} must be an integer, got {value!r}")


def _positive(key: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ParamsError(f"params.yaml: {key} must be a positive number, got {value!r}")


def _fraction(key: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ParamsError(f"params.yaml: {key} must be a number between 0 and 1, got {value!r}")


def _choice(key: str, value: Any, options: tuple[str, ...]) -> None:
    if value not in options:
        raise ParamsError(f"params.yaml: {key} must be one of {', '.join(options)}; got {value!r}")

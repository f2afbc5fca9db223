"""Paths and typed parameters.

All paths are relative to the working directory, which DVC sets to the folder holding
``dvc.yaml``. Parameters are read once, at the top of a stage's ``main()``, into frozen
dataclasses; a missing, unknown or ill-typed key fails at once with a message naming it.
"""

from __future__ import annotations

import dataclasses
import os
import re
import types
import typing
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

PARAMS_FILE = Path("params.yaml")

# Outputs of the stages (the contracts in README.md).
INTERIM = Path("data/interim")
PROCESSED = Path("data/processed")
PARAGRAPHS = INTERIM / "paragraphs.parquet"
SENTENCE_SPANS = INTERIM / "sentences.parquet"
DOCUMENTS = INTERIM / "documents.parquet"
INGEST_LOG = INTERIM / "ingest_log.csv"
EMBEDDINGS = INTERIM / "embeddings.npy"
SENTENCE_EMBEDDINGS = INTERIM / "sentence_embeddings.npy"
THEME_VECTORS = INTERIM / "theme_vectors.npz"
EMBEDDINGS_META = INTERIM / "embeddings.json"
TOPIC_MODEL = Path("models/topic_model")
INGEST_CACHE = Path("models/ingest_cache")  # see pipeline.memo: results of reading each file, kept between runs
TOPICS = PROCESSED / "topics.parquet"
TOPIC_INFO = PROCESSED / "topic_info.parquet"
THEMES = PROCESSED / "themes.parquet"
SENTENCE_THEMES = PROCESSED / "sentences.parquet"
HAND_LABELS = PROCESSED / "hand_labels.parquet"
# The user's own input files (manifest, hand labels, examples): the stages that read them
# depend on this folder in dvc.yaml, so DVC re-runs them when a file in it changes.
USER_FILES = Path("labels")
FILE_KEYS = ("corpus.manifest", "themes.examples", "eval.labels", "eval.sentence_labels")  # params keys that name such files
THEME_DEFINITIONS = PROCESSED / "theme_definitions.json"
REPORTS = Path("reports")
METRICS = Path("metrics")


class PipelineError(Exception):
    """An error a user can act on (bad params, unreadable corpus, missing model...): a stage
    reports its message and exits 1, without a traceback."""


class ParamsError(PipelineError, ValueError):
    """A parameter is missing, unknown or has a value of the wrong kind."""


class Section:
    """Base of the params sections: attribute reads are checked against the stage's
    declared keys once the section is guarded (see :func:`stage_params`)."""

    def __getattribute__(self, name: str) -> Any:
        guard = object.__getattribute__(self, "__dict__").get("_guard")
        if guard is not None and name in object.__getattribute__(self, "__dataclass_fields__"):
            guard[0].check(f"{guard[1]}.{name}")
        return object.__getattribute__(self, name)


@dataclass(frozen=True)
class CorpusParams(Section):
    dir: str = "data/raw"
    manifest: str = ""


@dataclass(frozen=True)
class IngestParams(Section):
    max_chars: int = 400
    min_chars: int = 30
    heading_max_chars: int = 40
    long_sentence_chars: int = 200
    duplicates: Literal["keep", "flag", "drop"] = "flag"
    near_duplicate_threshold: float = 0.8
    max_file_mb: float = 20.0
    exclude: tuple[str, ...] = ("README*", "SOURCE*", "LICENSE*", "*.csv")

    def validate(self) -> None:
        _positive("ingest.max_chars", self.max_chars)
        _positive("ingest.min_chars", self.min_chars)
        _positive("ingest.heading_max_chars", self.heading_max_chars)
        _positive("ingest.long_sentence_chars", self.long_sentence_chars)
        if self.min_chars >= self.max_chars:
            raise ParamsError(
                f"ingest.min_chars ({self.min_chars}) must be smaller than ingest.max_chars ({self.max_chars})"
            )
        _fraction("ingest.near_duplicate_threshold", self.near_duplicate_threshold)
        _positive("ingest.max_file_mb", self.max_file_mb)


@dataclass(frozen=True)
class EmbedParams(Section):
    backend: Literal["use-multilingual-v3", "sentence-transformers"] = "use-multilingual-v3"
    model: str = ""
    prefix: str = ""
    threads: int | Literal["auto"] = "auto"
    processes: int | Literal["auto"] = "auto"
    batch_size: int = 64
    device: Literal["auto", "cpu", "cuda", "mps"] = "auto"
    dtype: Literal["float32", "float16"] = "float32"
    cache_dir: str = "models/embed_cache"

    def validate(self) -> None:
        if self.backend == "sentence-transformers" and not self.model:
            raise ParamsError(
                "embed.model must name a sentence-transformers model (hub id or local path) "
                "when embed.backend is sentence-transformers"
            )
        if self.threads != "auto":
            _positive("embed.threads", self.threads)
        if self.processes != "auto":
            _positive("embed.processes", self.processes)
        _positive("embed.batch_size", self.batch_size)

    @property
    def n_threads(self) -> int:
        return (os.cpu_count() or 1) if self.threads == "auto" else int(self.threads)


@dataclass(frozen=True)
class UmapParams(Section):
    n_neighbors: int | Literal["auto"] = "auto"
    n_components: int = 5
    min_dist: float = 0.0
    metric: Literal["cosine"] = "cosine"  # the kNN graph is exact cosine (topics.exact_knn)
    n_epochs: int | Literal["auto"] = 200  # layout epochs; auto: UMAP's choice (500 up to 10,000 points, 200 beyond)


@dataclass(frozen=True)
class HdbscanParams(Section):
    min_cluster_size: int | Literal["auto"] = "auto"
    min_samples: int | Literal["auto"] = "auto"


@dataclass(frozen=True)
class VectorizerParams(Section):
    min_df: int = 2
    max_df: float = 1.0
    ngram_max: int = 1
    reduce_frequent_words: bool = False  # c-TF-IDF on the square root of word frequencies (BERTopic's ClassTfidfTransformer)


@dataclass(frozen=True)
class TopicsParams(Section):
    seed: int = 42
    umap: UmapParams = field(default_factory=UmapParams)
    hdbscan: HdbscanParams = field(default_factory=HdbscanParams)
    vectorizer: VectorizerParams = field(default_factory=VectorizerParams)
    min_topics: int = 2
    fit_sample: int = 20000
    assign_batch: int = 8192
    top_n_words: int = 10
    representation: Literal["keybert", "mmr", "ctfidf"] = "ctfidf"
    outliers: Literal["reduce", "keep"] = "reduce"
    outlier_threshold: float = 0.1

    def validate(self) -> None:
        _int("topics.seed", self.seed)
        for key, value in (
            ("topics.umap.n_neighbors", self.umap.n_neighbors),
            ("topics.umap.n_epochs", self.umap.n_epochs),
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
        _fraction("topics.outlier_threshold", self.outlier_threshold)


@dataclass(frozen=True)
class ThemeDef:
    key: str
    zh: str
    en: str
    description: str
    seeds: tuple[str, ...]
    fallback: bool = False
    sections: tuple[str, ...] = ()  # headings whose paragraphs this theme claims (名词解释, 附件 …); with unit sentence their sentences still count by content
    patterns: tuple[str, ...] = ()  # regular expressions: a paragraph that starts like this belongs to the theme (a glossary footnote [7]“…”：…)


@dataclass(frozen=True)
class SentenceWeights(Section):
    """Weights of the zero-shot sentence classifier: a sentence's score for a theme is the
    weighted sum of these features of the theme (see pipeline.classify.FEATURES). Fitted on
    hand labels by benchmarks/themes.py --fit, theme-agnostic (they apply to any themes)."""

    lexical: float = 2.11
    semantic: float = 1.21
    semantic_without_seeds: float = -0.24
    paragraph: float = 1.71
    topic: float = 2.61
    neighbours: float = 0.6
    heading: float = 0.87
    claimed_section: float = -0.26
    overview: float = 1.22
    short_paragraph: float = 0.73
    short_next: float = 0.12


@dataclass(frozen=True)
class ThemesParams(Section):
    definitions: tuple[ThemeDef, ...]
    lexical_weight: float = 0.6
    topic_weight: float = 0.3
    far_from_topic: float = 0.35
    min_score: float = 0.15
    overview_max_share: float = 0.6
    overview_weight: float = 0.5
    unit: Literal["sentence", "paragraph"] = "sentence"
    model: Literal["auto", "builtin", "zero-shot"] = "auto"
    examples: tuple[str, ...] = ()
    sentence_weights: SentenceWeights = field(default_factory=SentenceWeights)
    zero_shot_weight: float = 0.5
    pins: dict[int, str] = field(default_factory=dict)
    nearest_paragraphs: int = 20
    corpus_neighbours: int = 10
    corpus_weight: float = 0.3

    def validate(self) -> None:
        if len(self.definitions) < 2:
            raise ParamsError(f"themes.definitions must list at least two themes (a share of one theme is always 100%), got {len(self.definitions)}")
        keys = [d.key for d in self.definitions]
        if len(set(keys)) != len(keys):
            raise ParamsError(f"themes.definitions has repeated keys: {keys}")
        for i, d in enumerate(self.definitions):
            if not d.key or not d.seeds:
                raise ParamsError(f"themes.definitions[{i}] needs a key and at least one seed word")
        if sum(d.fallback for d in self.definitions) > 1:
            raise ParamsError("themes.definitions: at most one theme may have fallback: true")
        for i, d in enumerate(self.definitions):
            for j, pattern in enumerate(d.patterns):
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ParamsError(f"themes.definitions[{i}].patterns[{j}] ({d.key}) is not a regular expression: {exc}") from None
        for key in ("lexical_weight", "topic_weight", "far_from_topic", "min_score", "overview_max_share", "overview_weight", "zero_shot_weight", "corpus_weight"):
            _fraction(f"themes.{key}", getattr(self, key))
        if isinstance(self.nearest_paragraphs, bool) or not isinstance(self.nearest_paragraphs, int) or self.nearest_paragraphs < 0:
            raise ParamsError(f"themes.nearest_paragraphs must be a whole number ≥ 0 (0: the topic alone), got {self.nearest_paragraphs!r}")
        if isinstance(self.corpus_neighbours, bool) or not isinstance(self.corpus_neighbours, int) or self.corpus_neighbours < 0:
            raise ParamsError(f"themes.corpus_neighbours must be a whole number ≥ 0 (0: each sentence on its own), got {self.corpus_neighbours!r}")
        for topic, theme in self.pins.items():
            if theme not in keys:
                raise ParamsError(f"themes.pins[{topic}] = {theme!r} is not a theme key; known: {keys}")

    @property
    def keys(self) -> list[str]:
        return [d.key for d in self.definitions]

    @property
    def fallback(self) -> str | None:
        return next((d.key for d in self.definitions if d.fallback), None)

    @property
    def label_names(self) -> dict[str, str]:
        return label_names(self.definitions)


def label_names(definitions) -> dict[str, str]:
    """What a hand label may call a theme → its key: the key, the Chinese or English name,
    or both (``party``, ``党建``, ``Party building``, ``党建 Party building``), folded by
    :func:`fold_label`; a name two themes share is left out. ``definitions``: anything with
    ``key``, ``zh`` and ``en`` (the params' theme definitions, or the themes a run used)."""
    pairs = []
    for d in definitions:
        zh, en = d.zh or "", d.en or ""
        pairs += [(name, d.key) for name in (d.key, zh, en, zh + en, en + zh) if name]
    return fold_names(pairs)


def fold_names(pairs) -> dict[str, str]:
    """``(name, key)`` pairs as folded name (:func:`fold_label`) → key, leaving out a folded
    name that two keys share."""
    names: dict[str, set[str]] = {}
    for name, key in pairs:
        names.setdefault(fold_label(name), set()).add(key)
    return {name: next(iter(keys)) for name, keys in names.items() if len(keys) == 1}


def fold_label(name: str) -> str:
    """A theme label as :func:`label_names` compares it: NFKC (full-width letters as
    half-width), case-folded, and without spaces, underscores or hyphens (``Party building``,
    ``party_building`` and ``PARTY-BUILDING`` are one name)."""
    return re.sub(r"[\s_\-]+", "", unicodedata.normalize("NFKC", str(name))).casefold()


INTERACTION_FORM = "an interaction names two different covariates, as level:year"


def interaction_parts(covariate: str) -> tuple[str, str] | None:
    """The two covariates of an interaction ``a:b``, or None where it does not name two different ones."""
    parts = [x.strip() for x in covariate.split(":")]
    return (parts[0], parts[1]) if len(parts) == 2 and all(parts) and parts[0] != parts[1] else None


@dataclass(frozen=True)
class ReportParams(Section):
    seed: int = 42
    n_boot: int = 1000
    top_examples: int = 3
    covariates: tuple[str, ...] = ("level", "year", "level:year")
    min_documents: int = 8

    def validate(self) -> None:
        _int("report.seed", self.seed)
        _positive("report.n_boot", self.n_boot)
        if isinstance(self.n_boot, (int, float)) and not isinstance(self.n_boot, bool) and self.n_boot < 2:
            raise ParamsError(f"params.yaml: report.n_boot must be at least 2 (an interval needs the spread of resamples), got {self.n_boot!r}")
        _positive("report.top_examples", self.top_examples)
        _positive("report.min_documents", self.min_documents)
        for i, c in enumerate(self.covariates):
            if ":" in c:
                parts = interaction_parts(c)
                if parts is None:
                    raise ParamsError(f"params.yaml: report.covariates[{i}] {c!r}: {INTERACTION_FORM}")
                if missing := [x for x in parts if x not in self.covariates]:
                    raise ParamsError(f"params.yaml: report.covariates[{i}] {c!r}: {' and '.join(missing)} must be a covariate too "
                                      f"(add it to report.covariates; an interaction is modelled beside both)")


@dataclass(frozen=True)
class SampleParams(Section):
    size: int = 200
    seed: int = 7
    min_per_stratum: int = 5

    def validate(self) -> None:
        _positive("sample.size", self.size)
        _int("sample.seed", self.seed)
        _positive("sample.min_per_stratum", self.min_per_stratum)


@dataclass(frozen=True)
class ComputeParams(Section):
    scheduler: str = ""

    def validate(self) -> None:
        if self.scheduler and "://" not in self.scheduler:
            raise ParamsError(f"params.yaml: compute.scheduler must be empty or a Dask scheduler address such as tcp://host:8786, got {self.scheduler!r}")


@dataclass(frozen=True)
class EvalParams(Section):
    labels: str = ""
    sentence_labels: str = ""
    n_boot: int = 1000
    seed: int = 11

    def validate(self) -> None:
        _positive("eval.n_boot", self.n_boot)
        _int("eval.seed", self.seed)


# ----------------------------------------------------------------------------- loading


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing a key written twice in one mapping (PyYAML keeps the last
    silently; DVC refuses the file, so a stage run alone must too)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"key {key!r} appears twice in one mapping", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def load_params(path: Path | str = PARAMS_FILE) -> dict[str, Any]:
    """Read ``params.yaml`` into a dict; a missing or malformed file (a key written twice
    included) names itself."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8") as fh:
            raw = yaml.load(fh, Loader=_UniqueKeyLoader)  # noqa: S506 (a SafeLoader)
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


_LIST_IN_A_STRING = re.compile(r"[、，,;；\s]+")  # what separates the words of a list written as one string (民生、就业、教育)


def _coerce(tp: Any, value: Any, where: str) -> Any:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if dataclasses.is_dataclass(tp):
        return _build(tp, {} if value is None else value, where)
    if origin is tuple:
        if isinstance(value, str) and args[0] is str:
            if where.endswith((".seeds", ".sections")) and _LIST_IN_A_STRING.search(value.strip()):
                words = ", ".join(_LIST_IN_A_STRING.split(value.strip())[:3])
                raise ParamsError(f"params.yaml: {where} must be a list of words, got the string {value[:40]!r}: write it as a YAML list ([{words}, …])")
            return (value,) if value else ()  # one file named as a string, or none
        if not isinstance(value, list):
            raise ParamsError(f"params.yaml: {where} must be a list, got {value!r}")
        return tuple(_coerce(args[0], v, f"{where}[{i}]") for i, v in enumerate(value))
    if origin is dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise ParamsError(f"params.yaml: {where} must be a mapping, got {value!r}")
        key_type, value_type = args
        return {_coerce(key_type, k, f"{where} key {k!r}"): _coerce(value_type, v, f"{where}[{k!r}]") for k, v in value.items()}
    if origin is Literal:
        if value in args:
            return value
        raise ParamsError(f"params.yaml: {where} must be one of {', '.join(map(str, args))}; got {value!r}")
    options = args if origin in (typing.Union, types.UnionType) else (tp,)
    for option in options:
        if typing.get_origin(option) is Literal and value in typing.get_args(option):
            return value
        if option is bool and isinstance(value, bool):
            return value
        if option is int and isinstance(value, int) and not isinstance(value, bool):
            return value
        if option is int and " key " in where and isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return int(value)  # mapping keys such as themes.pins may come as "3" from the command line
        if option is float and isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if option is str and isinstance(value, str):
            if not value and where.endswith((".key", "]")):
                break  # theme keys and list items must not be empty
            return value
        if option is str and value is None:
            return ""
    kinds = " or ".join(
        " or ".join(f'"{a}"' for a in typing.get_args(o)) if typing.get_origin(o) is Literal else o.__name__ for o in options
    )
    if value == "" and str in options:
        raise ParamsError(f"params.yaml: {where} must not be empty")
    raise ParamsError(f"params.yaml: {where} must be {kinds}, got {value!r}")


# ----------------------------------------------------------------------------- what a stage reads

# The sections of params.yaml and their types.
SECTIONS: dict[str, type] = {
    "corpus": CorpusParams, "ingest": IngestParams, "embed": EmbedParams, "topics": TopicsParams,
    "themes": ThemesParams, "report": ReportParams, "sample": SampleParams, "compute": ComputeParams, "eval": EvalParams,
}

# Settings that change how a stage runs but never what it writes (tested: the Dask cluster
# gives the in-process results, the cache location and batch size change no vector). Any
# stage may read them without declaring them, so changing them re-runs nothing.
EXECUTION_KEYS = frozenset({"compute.scheduler", "embed.threads", "embed.processes", "embed.batch_size", "embed.device", "embed.cache_dir", "topics.assign_batch"})


@dataclass(frozen=True)
class StageParams:
    """The sections of ``params.yaml`` a stage reads; a section it declares nothing of is None."""

    corpus: CorpusParams | None = None
    ingest: IngestParams | None = None
    embed: EmbedParams | None = None
    topics: TopicsParams | None = None
    themes: ThemesParams | None = None
    report: ReportParams | None = None
    sample: SampleParams | None = None
    compute: ComputeParams | None = None
    eval: EvalParams | None = None

    def value(self, key: str) -> Any:
        """The value of a dotted key (``topics.umap.n_neighbors``) as plain YAML data
        (mappings, lists, scalars), read through the guarded sections."""
        node: Any = self
        for part in key.split("."):
            node = getattr(node, part)
        return _plain(node)


def _plain(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, tuple):
        return [_plain(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    return obj


class _Guard:
    """Checks that a stage reads only the params keys it declares (its DVC dependencies)."""

    def __init__(self, stage: str, declared: frozenset[str], trace: set[str] | None):
        self.stage, self.declared, self.trace = stage, declared, trace

    def check(self, key: str) -> None:
        if self.trace is not None:
            self.trace.add(key)
        if key in EXECUTION_KEYS:
            return
        parts = key.split(".")
        if any(".".join(parts[:i]) in self.declared for i in range(1, len(parts) + 1)):
            return  # the key, or a section holding it, is declared
        if any(d.startswith(key + ".") for d in self.declared):
            return  # a section some of whose keys are declared
        raise ParamsError(
            f"stage {self.stage} reads params key {key}, which it does not declare: add it to "
            f"pipeline/{self.stage}.py PARAMS and to the stage's params in dvc.yaml"
        )


def _guard(obj: Any, guard: _Guard, path: str) -> None:
    object.__setattr__(obj, "_guard", (guard, path))
    for f in dataclasses.fields(obj):
        child = object.__getattribute__(obj, f.name)
        if isinstance(child, Section):
            _guard(child, guard, f"{path}.{f.name}")


_TRACE: set[str] | None = None


def stage_params(stage: str, declared: typing.Iterable[str], path: Path | str = PARAMS_FILE) -> StageParams:
    """The params a stage declares, read from ``params.yaml``, typed and validated; the other
    sections are validated too, so that ``dvc exp run -S report.n_boot=abc`` stops at the
    first stage it runs rather than after hours of the others.

    Args:
        stage: the stage's name (for messages).
        declared: dotted keys (``topics.seed``) or sections (``topics.umap``) the stage
            reads: its ``PARAMS``, which ``dvc.yaml`` lists as the stage's params.
    Returns:
        A :class:`StageParams` whose sections raise :class:`ParamsError` when the stage reads
        a key it did not declare (execution settings, :data:`EXECUTION_KEYS`, excepted).
        With ``PIPELINE_PARAMS_TRACE`` set to a file, every key read is appended to it at
        exit (the test of ``dvc.yaml`` uses this).
    """
    global _TRACE
    declared = frozenset(declared)
    raw = load_params(path)
    needed = {k.split(".")[0] for k in declared | EXECUTION_KEYS}
    trace_file = os.environ.get("PIPELINE_PARAMS_TRACE")
    if trace_file and _TRACE is None:
        import atexit

        _TRACE = set()
        atexit.register(_write_trace, trace_file, stage)
    guard = _Guard(stage, declared, _TRACE)
    sections = {}
    for name in sorted(needed):
        obj = section(raw, name, SECTIONS[name])
        _guard(obj, guard, name)
        sections[name] = obj
    for name in sorted(set(SECTIONS) - needed):  # checked, not read: a bad value fails the first stage to run, not the last
        section(raw, name, SECTIONS[name])
    return StageParams(**sections)


def result_keys(name: str) -> list[str]:
    """The dotted keys of section ``name`` (a sub-section counts as one key), execution
    settings left out: the keys whose values can change what a stage writes."""
    return [f"{name}.{f.name}" for f in dataclasses.fields(SECTIONS[name]) if f"{name}.{f.name}" not in EXECUTION_KEYS]


def _write_trace(path: str, stage: str) -> None:
    with open(path, "a", encoding="utf-8") as fh:
        for key in sorted(_TRACE or ()):
            fh.write(f"{stage}\t{key}\n")


def defaults() -> dict[str, Any]:
    """Every section's defaults as plain data in the shape of ``params.yaml`` (a section
    with required fields, ``themes``, gives only the keys that have defaults)."""
    out = {}
    for name, cls in SECTIONS.items():
        out[name] = {
            f.name: _plain(f.default if f.default is not dataclasses.MISSING else f.default_factory())
            for f in dataclasses.fields(cls)
            if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        }
    return out


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


def warn_untracked(key: str, path: str | Path, corpus_dir: str | Path | None = None) -> bool:
    """Log a warning when ``path``, a file the param ``key`` names, lies outside
    :data:`USER_FILES` (and outside ``corpus_dir``, which the ingest stage depends on): DVC
    then does not see edits to it. Returns whether it warned."""
    import logging
    import os

    # by the path as written (not resolved): DVC follows a link in labels/ to a file elsewhere, and sees its edits
    where = Path(os.path.abspath(path))
    tracked = [Path(os.path.abspath(USER_FILES))] + ([Path(os.path.abspath(corpus_dir))] if corpus_dir else [])
    if any(where.is_relative_to(t) for t in tracked):
        return False
    logging.getLogger("pipeline").warning("%s: %s is outside %s/, so dvc repro does not see edits to it; keep it in %s/, or after "
                                          "editing it run `dvc repro -f -s <stage>` (this stage alone) and then `dvc repro`", key, path, USER_FILES, USER_FILES)
    return True

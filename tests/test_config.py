import pytest

from pipeline import config
from pipeline.config import EmbedParams, IngestParams, ParamsError, ThemesParams, TopicsParams


def test_default_params_load(default_params):
    for name, cls in (("ingest", IngestParams), ("embed", EmbedParams), ("topics", TopicsParams), ("themes", ThemesParams)):
        config.section(default_params, name, cls)
    themes = config.section(default_params, "themes", ThemesParams)
    assert themes.keys == ["party", "industry", "livelihood", "ecology", "other"]
    assert themes.fallback == "other"


@pytest.mark.parametrize(
    "section,value,message",
    [
        ("ingest", {"max_chars": "many"}, "ingest.max_chars must be int"),
        ("ingest", {"max_chars": 0}, "ingest.max_chars must be a positive number"),
        ("ingest", {"max_chracters": 10}, "unknown key ingest.max_chracters"),
        ("ingest", {"duplicates": "sometimes"}, "ingest.duplicates must be one of keep, flag, drop"),
        ("ingest", {"min_chars": 500, "max_chars": 400}, "ingest.min_chars (500) must be smaller"),
        ("embed", {"backend": "word2vec"}, "embed.backend must be one of"),
        ("embed", {"backend": "sentence-transformers"}, "embed.model must name a sentence-transformers model"),
        ("embed", {"threads": "lots"}, 'embed.threads must be int or "auto"'),
        ("topics", {"umap": {"n_neighbors": -3}}, "topics.umap.n_neighbors must be a positive number"),
        ("topics", {"umap": {"neighbours": 5}}, "unknown key topics.umap.neighbours"),
        ("topics", {"umap": {"n_epochs": 0}}, "topics.umap.n_epochs must be a positive number"),
        ("topics", {"umap": {"n_epochs": "many"}}, 'topics.umap.n_epochs must be int or "auto"'),
        ("topics", {"hdbscan": "big"}, "topics.hdbscan must be a mapping"),
        ("report", {"n_boot": 1}, "report.n_boot must be at least 2"),
        ("report", {"covariates": ["level", "level:"]}, "'level:': an interaction names two different covariates"),
        ("report", {"covariates": ["level", "level:year"]}, "'level:year': year must be a covariate too"),
    ],
)
def test_bad_values_name_the_key(section, value, message):
    cls = {"ingest": IngestParams, "embed": EmbedParams, "topics": TopicsParams, "report": config.ReportParams}[section]
    with pytest.raises(ParamsError, match=message.replace("(", r"\(").replace(")", r"\)")):
        config.section({section: value}, section, cls)


def test_missing_section_and_bad_yaml(tmp_path):
    with pytest.raises(ParamsError, match="section 'report' is missing"):
        config.section({}, "report", config.ReportParams)
    bad = tmp_path / "params.yaml"
    bad.write_text("ingest: [unclosed\n", encoding="utf-8")
    with pytest.raises(ParamsError, match="not valid YAML"):
        config.load_params(bad)
    with pytest.raises(ParamsError, match="not found"):
        config.load_params(tmp_path / "nope.yaml")
    bad.write_text("ingest:\n  max_chars: 400\n  min_chars: 30\n  max_chars: 300\n", encoding="utf-8")
    with pytest.raises(ParamsError, match=r"key 'max_chars' appears twice in one mapping[\s\S]*line 4"):
        config.load_params(bad)


def test_the_first_stage_to_run_checks_every_section(tmp_path):
    """A bad value of the report's stops ingest, not the report after every other stage ran."""
    import yaml

    from pipeline.ingest import PARAMS

    from conftest import ROOT

    raw = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    raw["report"]["n_boot"] = "abc"
    raw["themes"]["definitions"][0]["key"] = ""
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ParamsError, match="report.n_boot must be int, got 'abc'"):
        config.stage_params("ingest", PARAMS, path)
    raw["report"]["n_boot"] = 100
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ParamsError, match=r"themes.definitions\[0\].key must not be empty"):
        config.stage_params("ingest", PARAMS, path)


def test_theme_definitions_are_checked(default_params):
    raw = dict(default_params["themes"])
    broken = [dict(d) for d in raw["definitions"]]
    del broken[1]["seeds"]
    with pytest.raises(ParamsError, match=r"themes.definitions\[1\].seeds is missing"):
        config.section({"themes": {**raw, "definitions": broken}}, "themes", ThemesParams)
    with pytest.raises(ParamsError, match="themes.pins"):
        config.section({"themes": {**raw, "pins": {0: "sports"}}}, "themes", ThemesParams)
    dup = [dict(d) for d in raw["definitions"]] + [dict(raw["definitions"][0])]
    with pytest.raises(ParamsError, match="repeated keys"):
        config.section({"themes": {**raw, "definitions": dup}}, "themes", ThemesParams)
    with pytest.raises(ParamsError, match="themes.nearest_paragraphs must be a whole number"):
        config.section({"themes": {**raw, "nearest_paragraphs": -1}}, "themes", ThemesParams)
    with pytest.raises(ParamsError, match="themes.nearest_paragraphs must be int"):
        config.section({"themes": {**raw, "nearest_paragraphs": "many"}}, "themes", ThemesParams)
    with pytest.raises(ParamsError, match="themes.corpus_neighbours must be a whole number"):
        config.section({"themes": {**raw, "corpus_neighbours": -3}}, "themes", ThemesParams)
    with pytest.raises(ParamsError, match="themes.corpus_weight"):
        config.section({"themes": {**raw, "corpus_weight": 1.5}}, "themes", ThemesParams)
    with pytest.raises(ParamsError, match=r"at least two themes \(a share of one theme is always 100%\), got 1"):
        config.section({"themes": {**raw, "definitions": raw["definitions"][:1], "pins": {}}}, "themes", ThemesParams)


def test_compute_scheduler_must_be_an_address():
    from pipeline.config import ComputeParams

    assert config.section({"compute": {"scheduler": ""}}, "compute", ComputeParams).scheduler == ""
    with pytest.raises(ParamsError, match="compute.scheduler must be empty or a Dask scheduler address"):
        config.section({"compute": {"scheduler": "my-cluster"}}, "compute", ComputeParams)


def test_defaults_live_in_one_place(default_params):
    """The dataclass defaults are the values params.yaml ships with, key by key."""
    for name, defaults in config.defaults().items():
        shipped = default_params[name]
        assert set(defaults) <= set(shipped), f"{name}: keys with defaults missing from params.yaml"
        for key, value in defaults.items():
            assert shipped[key] == value, f"{name}.{key}: params.yaml {shipped[key]!r} vs default {value!r}"


def test_choices_are_typed():
    import typing

    from pipeline.config import EmbedParams, TopicsParams

    hints = typing.get_type_hints(TopicsParams)
    assert typing.get_args(hints["representation"]) == ("keybert", "mmr", "ctfidf")
    with pytest.raises(ParamsError, match="topics.outliers must be one of reduce, keep; got 'drop'"):
        config.section({"topics": {"outliers": "drop"}}, "topics", TopicsParams)
    with pytest.raises(ParamsError, match='embed.threads must be int or "auto"'):
        config.section({"embed": {"threads": "many"}}, "embed", EmbedParams)
    assert config.section({"embed": {"threads": 2}}, "embed", EmbedParams).threads == 2


def test_pins_have_integer_topic_keys(default_params):
    raw = dict(default_params["themes"])
    for pins in ({3: "ecology"}, {"3": "ecology"}):
        themes = config.section({"themes": {**raw, "pins": pins}}, "themes", ThemesParams)
        assert themes.pins == {3: "ecology"}
    with pytest.raises(ParamsError, match="themes.pins key 'three' must be int"):
        config.section({"themes": {**raw, "pins": {"three": "ecology"}}}, "themes", ThemesParams)


def test_seed_words_written_as_one_string_stop_with_a_hint():
    """seeds: 民生、就业、教育 is a YAML string, one 'word' the theme would never find: it stops
    the run, naming the key and showing the list to write."""
    import copy

    from pipeline import config

    params = copy.deepcopy(config.load_params())
    params["themes"]["definitions"][2]["seeds"] = "民生、就业、教育、医疗"
    with pytest.raises(config.ParamsError, match=r"themes.definitions\[2\].seeds must be a list of words, .* \(\[民生, 就业, 教育, …\]\)"):
        config.section(params, "themes", config.ThemesParams)
    params["themes"]["definitions"][2]["seeds"] = "民生"  # one word as a string is one word
    assert config.section(params, "themes", config.ThemesParams).definitions[2].seeds == ("民生",)

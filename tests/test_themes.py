"""The themes stage's function: sentence and paragraph units, shares, examples."""

import dataclasses

import numpy as np
import pandas as pd
import pytest

from pipeline import config
from pipeline.classify import choose_model
from pipeline.config import ParamsError, ThemesParams
from pipeline.embed import paragraph_vectors
from pipeline.ingest import cut_sentences
from pipeline.scoring import theme_prototypes
from pipeline.themes import theme_corpus

TEXTS = [
    "加强党的建设，坚定不移全面从严治党，持续正风肃纪反腐。打好污染防治攻坚战，加强生态环境保护，推进碳达峰碳中和。",
    "扩大就业，提高城乡居民收入。办好人民满意的教育，完善养老服务体系和医疗保障。",
    "推动产业升级，发展先进制造业，壮大数字经济。加大招商引资力度，优化营商环境。",
    "各位代表！让我们更加紧密地团结在以习近平同志为核心的党中央周围，奋力谱写新篇章！",
]


@pytest.fixture(scope="module")
def corpus(default_params, use_embedder):
    themes = config.section(default_params, "themes", ThemesParams)
    paragraphs = pd.DataFrame({
        "para_id": [f"d:{i + 1}" for i in range(len(TEXTS))], "source": ["d.txt"] * len(TEXTS), "line_start": [1, 2, 3, 4],
        "line_end": [1, 2, 3, 4], "section": [""] * len(TEXTS), "text": TEXTS, "n_chars": [len(t) for t in TEXTS],
    })
    spans = cut_sentences(paragraphs, 200)
    sent_emb = use_embedder.embed([paragraphs["text"][int(p.split(":")[1]) - 1][a:b] for p, a, b in zip(spans["para_id"], spans["char_start"], spans["char_end"])])
    emb = paragraph_vectors(sent_emb, spans["para_id"].str.split(":").str[1].astype(int).to_numpy() - 1, spans["n_chars"].to_numpy(), len(paragraphs))
    topics = pd.DataFrame({"para_id": paragraphs["para_id"], "topic": -1, "similarity": np.nan})
    info = pd.DataFrame({"topic": [-1], "size": [len(TEXTS)], "words": [""], "name": ["-1_outliers"]})
    protos = theme_prototypes(themes, use_embedder)
    return themes, paragraphs, spans, topics, info, emb, sent_emb, protos, use_embedder.identity


def _run(corpus, **changes):
    themes, paragraphs, spans, topics, info, emb, sent_emb, protos, identity = corpus
    themes = dataclasses.replace(themes, **changes)
    model, name = choose_model(themes, identity) if themes.unit == "sentence" else (None, "")
    examples = changes.get("examples") and [pd.DataFrame({"source": ["d.txt"] * 3, "line": [2, 3, 4], "primary": ["livelihood", "industry", "other"]})]
    return theme_corpus(paragraphs, spans, topics, info, emb, sent_emb, protos, themes, model, name, examples or None, identity)


def test_sentence_unit_splits_a_mixed_paragraph(corpus):
    r = _run(corpus)
    keys = corpus[0].keys
    s = r.sentences.set_index(["para_id", "sentence"])
    assert (s.loc[("d:1", 0), "theme"], s.loc[("d:1", 1), "theme"]) == ("party", "ecology")
    assert list(r.table["theme"])[1:] == ["livelihood", "industry", "other"]
    shares = r.table[[f"share_{k}" for k in keys]].to_numpy()
    np.testing.assert_allclose(shares.sum(axis=1), 1, atol=1e-5)
    assert 0.3 < r.table.loc[0, "share_party"] < 0.7 and 0.3 < r.table.loc[0, "share_ecology"] < 0.7
    assert list(r.sentences.columns[:6]) == ["para_id", "sentence", "char_start", "char_end", "theme", "confidence"]
    assert {f"score_{k}" for k in keys} <= set(r.sentences.columns)
    assert r.metrics["unit"] == "sentence" and r.metrics["mixed_paragraphs"] == 1
    chars = {k: sum(b - a for a, b, t in zip(r.sentences["char_start"], r.sentences["char_end"], r.sentences["theme"]) if t == k) for k in keys}
    assert r.metrics["char_share"]["ecology"] == round(chars["ecology"] / sum(chars.values()), 4)


def test_paragraph_unit_gives_every_sentence_its_paragraphs_theme(corpus):
    r = _run(corpus, unit="paragraph")
    merged = r.sentences.merge(r.table[["para_id", "theme"]], on="para_id", suffixes=("", "_p"))
    assert (merged["theme"] == merged["theme_p"]).all()
    assert r.metrics["unit"] == "paragraph" and r.metrics["mixed_paragraphs"] == 0
    assert ((r.table[[c for c in r.table if c.startswith("share_")]] == 1).sum(axis=1) == 1).all()


def test_examples_train_a_model_on_this_corpus(corpus):
    r = _run(corpus, examples=("labels.csv",))
    assert r.metrics["examples"]["labelled_sentences"] == 6  # the two sentences of each of lines 2, 3 and 4
    assert r.metrics["model"].startswith("examples (6 labelled sentences) on builtin")
    assert r.metrics["examples"]["labels"] == 3 and r.metrics["examples"]["unused_labels"] == {}
    # the sentences it learnt from are marked, so hand labels of them in eval.* are known to be in-sample
    trained = r.sentences.merge(corpus[1][["para_id", "line_start"]], on="para_id").groupby("line_start")["in_training"].all()
    assert trained.loc[[2, 3, 4]].all() and not trained.drop([2, 3, 4]).any()
    with pytest.raises(ParamsError, match="themes.pins names topic"):
        _run(corpus, pins={7: "party"})


def test_examples_that_match_nothing_say_why(corpus):
    themes, paragraphs, spans, topics, info, emb, sent_emb, protos, identity = corpus
    model, name = choose_model(themes, identity)
    mixed = pd.DataFrame({"source": ["d.txt", "d.txt"], "line": [1, 7], "primary": ["party", "party"], "secondary": ["ecology", ""]})
    with pytest.raises(ParamsError, match=r"none of the 2 labels .*1 mixed paragraph \(a secondary theme\); 1 no paragraph of the corpus"):
        theme_corpus(paragraphs, spans, topics, info, emb, sent_emb, protos, themes, model, name, [mixed], identity)
    some = pd.DataFrame({"source": ["d.txt"] * 5, "line": [2, 3, 4, 7, 2], "primary": ["livelihood", "industry", "other", "party", "industry"]})
    r = theme_corpus(paragraphs, spans, topics, info, emb, sent_emb, protos, themes, model, name, [some], identity)
    ex = r.metrics["examples"]
    assert ex["labels"] == 5 and ex["unused_labels"] == {"no paragraph of the corpus at its source and line": 1}
    # line 2 labelled twice: its two sentences keep the later label
    assert ex["sentences_labelled_twice"] == 2 and ex["labelled_sentences"] == 6 and ex["per_theme"] == {"industry": 4, "other": 2}


def test_examples_that_do_not_beat_their_base_are_flagged(corpus, monkeypatch, caplog):
    import pipeline.themes as stage

    themes, paragraphs, spans, topics, info, emb, sent_emb, protos, identity = corpus
    model, name = choose_model(themes, identity)
    labels = pd.DataFrame({"source": ["d.txt"] * 3, "line": [2, 3, 4], "primary": ["livelihood", "industry", "other"]})
    fit = stage.fit_linear

    def with_record(scores):
        def fake(*args, **kwargs):
            m = fit(*args, **kwargs)
            m.info["cross_validation"] = {"groups": 3, "folds": 3, "paragraph_labels": {"n": 6, **scores}}
            return m
        return fake

    for scores, flagged in (({"macro_f1": 0.6, "base_macro_f1": 0.8}, True), ({"macro_f1": 0.8, "base_macro_f1": 0.6}, False)):
        monkeypatch.setattr(stage, "fit_linear", with_record(scores))
        caplog.clear()
        with caplog.at_level("WARNING", logger="pipeline.themes"):
            theme_corpus(paragraphs, spans, topics, info, emb, sent_emb, protos, themes, model, name, [labels], identity)
        assert ("do not yet improve on the base" in caplog.text) is flagged


def test_a_claimed_paragraph_takes_the_claim_and_its_sentences_their_content(corpus):
    # an industry paragraph under a glossary heading: the codebook codes the paragraph `other`
    # (glossaries and annexes), while its sentences still count for what they say
    paragraphs = corpus[1].copy()
    paragraphs.loc[2, "section"] = "附件 > 名词解释"
    r = _run((corpus[0], paragraphs, *corpus[2:]))
    row = r.table.iloc[2]
    assert row["theme"] == "other" and row["decided_by"].startswith("claimed") and row["confidence"] == 1.0
    assert row["share_industry"] == 1.0
    assert set(r.sentences.loc[r.sentences["para_id"] == "d:3", "theme"]) == {"industry"}
    assert list(r.table["theme"])[:2] == list(_run(corpus).table["theme"])[:2]  # the others are untouched


def test_out_of_sample_figures_are_those_of_the_weight_and_neighbours_in_use():
    import dataclasses
    from types import SimpleNamespace

    from pipeline.themes import _out_of_sample

    on = dataclasses.replace(config.section(config.load_params(), "themes", ThemesParams), corpus_neighbours=10, corpus_weight=0.3)
    off = dataclasses.replace(on, corpus_neighbours=0)
    lopo = {"linear (LOPO)": {"sentence_macro_f1": 0.81}, "linear, with 10 corpus neighbours at 0.3 (LOPO)": {"sentence_macro_f1": 0.83},
            "linear mixed with zero-shot at 0.25 (LOPO)": {"sentence_macro_f1": 0.80},
            "linear mixed with zero-shot at 0.25, with 10 corpus neighbours at 0.3, as shipped (LOPO)": {"sentence_macro_f1": 0.82}}
    model = SimpleNamespace(info={"leave_one_province_out": lopo, "trained_on": "dev"})
    assert _out_of_sample(model, "builtin (x) mixed with zero-shot at 0.25", on)["out_of_sample"]["sentence_macro_f1"] == 0.82
    assert _out_of_sample(model, "builtin (x) mixed with zero-shot at 0.25", off)["out_of_sample"]["sentence_macro_f1"] == 0.80
    assert _out_of_sample(model, "builtin (x)", on)["out_of_sample"]["sentence_macro_f1"] == 0.83
    assert _out_of_sample(model, "builtin (x)", off)["out_of_sample"]["sentence_macro_f1"] == 0.81
    assert _out_of_sample(model, "builtin (x) mixed with zero-shot at 0.5", on) == {}  # not benchmarked at that weight: no figure
    assert _out_of_sample(model, "builtin (x)", dataclasses.replace(on, corpus_weight=0.5)) == {}  # nor with other neighbours


def test_a_sentence_leans_towards_sentences_like_it_in_other_documents():
    from types import SimpleNamespace

    from pipeline.themes import with_corpus_neighbours

    themes = config.section(config.load_params(), "themes", ThemesParams)
    themes = dataclasses.replace(themes, corpus_neighbours=2, corpus_weight=0.3)
    e = np.eye(4)[[0, 0, 1, 0, 1, 2]].astype(float)  # sentences 0, 1 and 3 alike; 2 and 4 alike; 5 alone
    e[1] += 0.01
    e /= np.linalg.norm(e, axis=1, keepdims=True)
    sentences = SimpleNamespace(embeddings=e, para_index=np.array([0, 0, 1, 2, 2, 3]))
    source = np.array(["a.txt", "a.txt", "b.txt", "c.txt"])  # paragraphs 0 and 1 are one document's
    scores = np.array([[1.0, 0], [1, 0], [0, 1], [0, 1], [0, 1], [1, 0]])
    out = with_corpus_neighbours(scores, sentences, source, themes)
    # sentence 0's two nearest elsewhere: 3 (alike) and 2 (first of the equally far 2, 4, 5); not 1, of its own document
    assert np.allclose(out[0], 0.7 * scores[0] + 0.3 * (scores[3] + scores[2]) / 2)
    assert np.allclose(out.sum(axis=1), 1)
    # nobody else to lean on: one document keeps its scores; switched off, nothing moves
    assert np.array_equal(with_corpus_neighbours(scores, sentences, np.array(["a.txt"] * 4), themes), scores)
    assert np.array_equal(with_corpus_neighbours(scores, sentences, source, dataclasses.replace(themes, corpus_neighbours=0)), scores)
    assert np.array_equal(with_corpus_neighbours(scores, sentences, source, dataclasses.replace(themes, corpus_weight=0.0)), scores)

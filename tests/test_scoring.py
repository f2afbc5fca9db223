import numpy as np
import pytest

from pipeline import config
from pipeline.config import ThemesParams
from pipeline.scoring import assign_themes, lexical_scores, mean_over, nearest_rows, nearest_scores, overview_scores, score_content, section_marks, seed_counts, semantic_scores, theme_prototypes


@pytest.fixture(scope="module")
def themes(default_params):
    return config.section(default_params, "themes", ThemesParams)


def test_seed_words_match_leftmost_longest(themes):
    counts, owners = seed_counts(["加强生态环境保护，推进污染防治。生态优先。"], themes)
    assert counts[0] == {"生态环境": 1, "污染防治": 1, "生态": 1}
    keys = themes.keys
    assert [keys[i] for i in owners["生态环境"]] == ["ecology"]


def test_lexical_scores_are_shares(themes):
    texts = ["打好蓝天碧水净土保卫战，推进碳达峰碳中和。", "扩大就业，办好教育，完善养老服务和医保。", "这一段不含任何种子词。"]
    counts, owners = seed_counts(texts, themes)
    lex = lexical_scores(counts, owners, len(themes.keys))
    np.testing.assert_allclose(lex[:2].sum(axis=1), 1)
    assert lex[2].sum() == 0
    assert themes.keys[lex[0].argmax()] == "ecology" and themes.keys[lex[1].argmax()] == "livelihood"


def test_semantic_scores_are_a_softmax_of_cosines():
    emb = np.eye(3, dtype=np.float32)
    protos = np.eye(3, dtype=np.float32)[[2, 0, 1]]
    probs, cos = semantic_scores(emb, protos)
    np.testing.assert_allclose(probs.sum(axis=1), 1)
    assert list(probs.argmax(axis=1)) == [1, 2, 0]


def _params(themes, **kw):
    from dataclasses import replace

    return replace(themes, **kw)


def test_topic_pulls_close_paragraphs_and_leaves_far_ones_and_outliers(themes):
    k = len(themes.keys)
    content = np.zeros((4, k))
    content[:, 1] = [0.55, 0.55, 0.55, 0.55]  # industry, weakly
    content[:, 2] = [0.45, 0.45, 0.45, 0.45]  # livelihood
    content[0] = 0
    content[0, 2] = 1.0  # paragraph 0 is clearly livelihood
    topics = np.array([0, 0, 0, -1])
    sim = np.array([0.9, 0.9, 0.1, np.nan])
    p = _params(themes, topic_weight=0.5, far_from_topic=0.35, min_score=0.0)
    choice, conf, topic_scores, final = assign_themes(content, topics, sim, p)
    assert themes.keys[topic_scores[0].argmax()] == "livelihood"  # mean of members
    np.testing.assert_allclose(final[2], content[2])  # far from its topic: own content
    np.testing.assert_allclose(final[3], content[3])  # outlier: own content
    assert themes.keys[choice[1]] == "livelihood"  # pulled by its topic
    assert themes.keys[choice[2]] == "industry"


def test_pins_and_fallback(themes):
    k = len(themes.keys)
    content = np.full((3, k), 1 / k)
    content[0] = np.eye(k)[1]
    topics = np.array([0, 0, 1])
    sim = np.array([0.9, 0.9, 0.9])
    p = _params(themes, pins={0: "ecology"}, topic_weight=0.9, min_score=0.3)
    choice, conf, topic_scores, _ = assign_themes(content, topics, sim, p)
    assert themes.keys[topic_scores[0].argmax()] == "ecology"
    assert themes.keys[choice[0]] == "ecology"
    assert themes.keys[choice[2]] == "other"  # no theme reaches min_score → fallback


def test_prototypes_are_unit_vectors(themes, use_embedder):
    protos = theme_prototypes(themes, use_embedder)
    assert protos.shape == (len(themes.keys), 512)
    np.testing.assert_allclose(np.linalg.norm(protos, axis=1), 1, atol=1e-5)
    v = use_embedder.embed(["打好污染防治攻坚战，改善生态环境质量。"])[0]
    assert themes.keys[int((protos @ v).argmax())] == "ecology"


def test_overview_leans_to_the_fallback_only_when_seed_words_spread(themes):
    keys = themes.keys
    texts = [
        "推动产业升级，扩大就业，加强党的建设，改善生态环境。",  # four themes, none dominant: an overview
        "推动产业升级，发展先进制造业，壮大数字经济，扩大有效投资。",  # industry only
    ]
    counts, owners = seed_counts(texts, themes)
    lex = lexical_scores(counts, owners, len(keys))
    ov = overview_scores(lex, themes)
    assert ov[0] > 0.7 and ov[1] == 0.0
    # at overview_max_share = 0 no paragraph counts as an overview
    assert (overview_scores(lex, _params(themes, overview_max_share=0.0)) == 0).all()
    emb = np.zeros((2, 4), dtype=np.float32)
    emb[:, 0] = 1.0
    protos = np.eye(len(keys), 4, dtype=np.float32)
    other = keys.index("other")
    strong = score_content(texts, emb, protos, _params(themes, overview_weight=1.0))[0]
    none = score_content(texts, emb, protos, _params(themes, overview_weight=0.0))[0]
    assert strong[0, other] > none[0, other] + 0.5  # the overview moves to other
    np.testing.assert_allclose(strong[1], none[1])  # the industry paragraph does not move


def test_text_under_a_heading_a_theme_claims_takes_that_theme(themes):
    from dataclasses import replace

    keys = themes.keys
    texts = ["推动产业升级，发展先进制造业。", "推动产业升级，发展先进制造业。"]
    emb = np.tile(np.eye(1, 4, dtype=np.float32), (2, 1))
    protos = np.eye(len(keys), 4, dtype=np.float32)
    content = score_content(texts, emb, protos, themes, sections=["三、重点工作", "附件 > 名词解释"])[0]
    assert keys[content[0].argmax()] == "industry"
    np.testing.assert_array_equal(content[1], np.eye(len(keys))[keys.index("other")])
    # the claim is the theme definition's: without it the heading changes nothing
    unclaimed = _params(themes, definitions=tuple(replace(d, sections=()) for d in themes.definitions))
    plain = score_content(texts, emb, protos, unclaimed, sections=["三、重点工作", "附件 > 名词解释"])[0]
    np.testing.assert_allclose(plain[1], plain[0])
    # any theme may claim headings, not only the fallback
    eco = _params(themes, definitions=tuple(replace(d, sections=("生态文明建设",) if d.key == "ecology" else d.sections) for d in themes.definitions))
    marks = section_marks(["四、生态文明建设 > （一）", "附件", ""], eco)
    assert [keys[i] if m.any() else None for i, m in zip(marks.argmax(axis=1), marks)] == ["ecology", "other", None]


def test_nearest_scores_average_the_k_nearest_other_paragraphs():
    """A clustering-free topic: the mean content score of each paragraph's k nearest others,
    ties to the earlier paragraph, among an evenly spaced reference on large corpora."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, 8)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    x[10:14] = x[3]  # copies: tied at the top, for paragraph 3 and for each other
    content = rng.random((60, 3))
    sim = x @ x.T
    np.fill_diagonal(sim, -np.inf)
    nearest = np.argsort(-sim, axis=1, kind="stable")[:, :5]
    assert np.allclose(nearest_scores(x, content, 5), content[nearest].mean(axis=1))
    # paragraph 3's copies are its nearest, whatever the order; the first three for k=3
    assert np.allclose(nearest_scores(x, content, 3)[3], content[[10, 11, 12]].mean(axis=0))
    assert nearest_scores(x, content, 0) is None and nearest_scores(x[:1], content[:1], 5) is None
    # copies far apart tie exactly, whatever the chunking: the same k chosen, in corpus order
    y = np.repeat(x, 40, axis=0)[:2000]
    y[[7, 100, 513, 1001, 1999]] = y[7]
    scores = rng.random((2000, 3))
    assert (nearest_scores(y, scores, 3) == nearest_scores(y, scores, 3, chunk=1)).all()
    assert (nearest_scores(y, scores, 3) == nearest_scores(y, scores, 3, chunk=7)).all()
    sampled = nearest_scores(x, content, 5, max_reference=20)
    reference = np.unique(np.linspace(0, 59, 20).round().astype(int))
    sim = x @ x[reference].T
    sim[reference, np.arange(20)] = -np.inf
    assert np.allclose(sampled, content[reference][np.argsort(-sim, axis=1, kind="stable")[:, :5]].mean(axis=1))


def test_nearest_rows_leave_out_a_rows_group_and_the_ineligible():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(12, 6))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    groups = np.repeat([0, 1, 2], 4)
    eligible = np.ones(12, bool)
    eligible[[5, 9]] = False
    idx = nearest_rows(x, 3, groups=groups, eligible=eligible)
    sim = x @ x.T
    for i in range(12):
        allowed = [j for j in range(12) if groups[j] != groups[i] and eligible[j]]
        best = sorted(sorted(allowed, key=lambda j: -sim[i, j])[:3])
        assert idx[i].tolist() == best  # in corpus order
    # queries: the same rows for the rows asked
    assert (nearest_rows(x, 3, groups=groups, eligible=eligible, queries=[4, 0]) == idx[[4, 0]]).all()
    # fewer eligible than k: padded with -1, and the mean is over those found
    one_other = nearest_rows(x, 3, groups=np.r_[np.zeros(11), 1])
    assert (one_other[:11] == 11).sum(axis=1).tolist() == [1] * 11 and (one_other[:11] == -1).sum() == 22
    mean, found = mean_over(np.arange(12.0)[:, None], one_other)
    assert found.tolist() == [1] * 11 + [3] and (mean[:11, 0] == 11).all()
    assert (nearest_rows(x, 3, groups=np.zeros(12)) == -1).all()  # one document: no neighbours


def test_nearest_rows_give_a_vector_that_is_not_usable_no_neighbours_and_padding_reads_nothing():
    rng = np.random.default_rng(2)
    x = rng.normal(size=(8, 4))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    x[2] = np.nan
    x[5] = 0.0
    idx = nearest_rows(x, 3, groups=np.repeat([0, 1], 4))
    assert (idx[2] == -1).all() and (idx[5] == -1).all()
    assert not np.isin([2, 5], idx).any()  # nor are they anyone's
    values = np.ones((8, 2))
    values[0] = np.nan  # padding must not read row 0
    mean, found = mean_over(values, np.array([[4, 6, -1], [-1, -1, -1]]))
    assert mean[0].tolist() == [1.0, 1.0] and mean[1].tolist() == [0.0, 0.0] and found.tolist() == [2, 0]

import pytest

from pipeline.text import chunk, classify_line, clean_line, find_date, inline_heading, is_heading, split_sentences, strip_pinyin


def test_strip_pinyin_removes_readings_only():
    text, n = strip_pinyin("認真學習領(lǐng)會,持續(xù)推進創(chuàng)新,發展(GDP)和App(ai)")
    assert text == "認真學習領會,持續推進創新,發展(GDP)和App(ai)"
    assert n == 3
    assert strip_pinyin("创（chuang4）新")[0] == "创新"


def test_clean_line_collapses_blanks():
    assert clean_line("\u3000\u3000各位代表：\xa0 现在 ") == "各位代表： 现在"


@pytest.mark.parametrize(
    "line,kind,reason",
    [
        ("网站首页 | 网站地图", "boilerplate", "navigation"),
        ("首页 > 地方要闻 > 基层治理 > 正文", "boilerplate", "navigation"),
        ("Copyright © 2017 www.hnzy.gov.cn 湖南政研网 湘ICP备18001534号 版权所有", "boilerplate", "copyright"),
        ("主办单位:中共湖南省委政策研究室 承办单位:中共湖南省委政策研究室办公室", "boilerplate", "site owner"),
        ("[责任编辑:钟超]", "boilerplate", "editor"),
        ("【文章据“红星云”微信公号,转发时有改动】", "boilerplate", "reprint note"),
        ("【字体：大 中 小】【打印】【关闭】", "boilerplate", "share/print widget"),
        ("分享到：微信 微博", "boilerplate", "share/print widget"),
        ("来源:衡东县融媒体中心 发布时间:2023-03-02", "metadata", "source/date line"),
        ("(作者系中共衡南县委副书记、县人民政府县长)", "metadata", "byline"),
        ("(作者:王启武,系澧县县委书记)", "metadata", "byline"),
        ("北京市市长 殷勇", "metadata", "byline"),
        ("一、2024年工作回顾", "heading", "heading"),
        ("（三）着力扩大有效需求", "heading", "heading"),
        ("习近平总书记考察湖南重要讲话和指示精神,高屋建瓴、思想深邃。", "body", ""),
    ],
)
def test_classify_line(line, kind, reason):
    k = classify_line(line, heading_max_chars=40)
    assert (k.kind, k.reason) == (kind, reason)


def test_site_owner_inside_a_report_is_content():
    line = "主办单位：省教育厅、省民政厅，各州、市人民政府"
    assert classify_line(line, 40, edge=False).kind != "boilerplate"
    assert classify_line(line, 40, edge=True).kind == "boilerplate"


def test_metadata_values():
    assert classify_line("来源:衡东县融媒体中心 发布时间:2023-03-02", 40).value == "衡东县融媒体中心"
    assert classify_line("(作者:王启武,系澧县县委书记)", 40).value == "王启武,系澧县县委书记"


def test_headings():
    assert is_heading("牢记嘱托 感恩奋进", 40)
    assert not is_heading("各位代表：", 40)
    assert not is_heading("一、要学出绝对忠诚,在捍卫“两个确立”上坚定坚决。“两个确立”是党在新时代取得的重大政治成果。" * 2, 40)
    assert inline_heading("一、要学出绝对忠诚,在捍卫“两个确立”上坚定坚决。“两个确立”是重大成果。", 40) == "一、要学出绝对忠诚,在捍卫“两个确立”上坚定坚决"
    assert inline_heading("习近平总书记指出,要学出绝对忠诚。", 40) == ""


@pytest.mark.parametrize(
    "text,date",
    [
        ("发布时间:2023-03-02", "2023-03-02"),
        ("——2026年2月3日在湖南省第十四届人民代表大会第四次会议上", "2026-02-03"),
        ("——二〇二六年一月二十七日在甘肃省十四届人民代表大会", "2026-01-27"),
        ("2024/5/9", "2024-05-09"),
        ("2023年13月40日", ""),
        ("没有日期", ""),
    ],
)
def test_find_date(text, date):
    assert find_date(text) == date


def test_split_sentences_keeps_closing_quotes():
    s = split_sentences("他说：“要抓落实。”我们照办！是吗？好；结束")
    assert s == ["他说：“要抓落实。”", "我们照办！", "是吗？", "好；", "结束"]
    assert "".join(s) == "他说：“要抓落实。”我们照办！是吗？好；结束"


def test_chunk_respects_max_and_sentence_ends():
    sentences = [f"第{i}句话说明一件具体的事情，内容足够长以便测试切分是否均衡。" for i in range(40)]
    text = "".join(sentences)
    pieces = chunk(text, 400)
    assert "".join(pieces) == text
    assert all(len(p) <= 400 for p in pieces)
    assert all(p.endswith("。") for p in pieces)
    assert len(pieces) == -(-len(text) // 400)  # as few pieces as the limit allows
    assert max(map(len, pieces)) - min(map(len, pieces)) < 60  # balanced


def test_chunk_cuts_an_overlong_sentence_at_commas_then_hard():
    long_sentence = "，".join(["一段没有句号的很长的分句"] * 60) + "。"
    pieces = chunk(long_sentence, 100)
    assert "".join(pieces) == long_sentence
    assert all(len(p) <= 100 for p in pieces)
    assert all(p.endswith(("，", "。")) for p in pieces)
    no_punct = "字" * 250
    assert chunk(no_punct, 100) == ["字" * 100, "字" * 100, "字" * 50]


@pytest.mark.parametrize("text", [
    "各位代表！现在，我代表县人民政府报告工作。“两个确立”是重大成果。结尾没有句号",
    "提升社会治理水平；提升法治建设水平；提升安全发展水平。他说：“要抓落实。”然后呢？好!",
    "一句话。 ",
    "没有任何句末标点的一段文字，逗号，顿号、而已",
])
def test_sentence_spans_cover_the_text_exactly(text):
    from pipeline.text import sentence_spans

    spans = sentence_spans(text, long_chars=12)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a < b for a, b in spans) and all(b == c for (_, b), (c, _) in zip(spans, spans[1:]))
    assert "".join(text[a:b] for a, b in spans) == text


def test_sentences_end_at_full_stops_and_long_ones_at_semicolons():
    from pipeline.text import sentence_spans

    text = "提升社会治理水平；提升法治建设水平；提升安全发展水平。“两个确立”是重大成果。"
    cut = lambda n: [text[a:b] for a, b in sentence_spans(text, n)]  # noqa: E731
    assert cut(200) == ["提升社会治理水平；提升法治建设水平；提升安全发展水平。", "“两个确立”是重大成果。"]
    assert cut(20) == ["提升社会治理水平；", "提升法治建设水平；", "提升安全发展水平。", "“两个确立”是重大成果。"]
    quote = "他说：“要抓落实。”然后呢？"
    assert [quote[a:b] for a, b in sentence_spans(quote, 200)] == ["他说：“要抓落实。”", "然后呢？"]
    assert sentence_spans("", 10) == []

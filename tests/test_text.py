import pytest

from pipeline.text import chunk, classify_line, clean_line, dateline, find_date, find_year, inline_heading, is_heading, split_author, split_sentences, strip_pinyin


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
        ("扫一扫在手机打开当前页", "boilerplate", "share/print widget"),
        ("扫一扫，用手机看新闻", "boilerplate", "share/print widget"),
        ("【加入收藏】【打印此文】【关闭本窗口】", "boilerplate", "share/print widget"),
        ("收藏文物3000件。", "body", ""),
        ("您的位置：网站首页 > 政务公开 > 工作动态", "boilerplate", "navigation"),
        ("湘公网安备：43010202000123号", "boilerplate", "copyright"),
        ("未经本站书面许可，任何单位和个人不得以任何形式转载、摘编", "boilerplate", "copyright"),
        ("本网站所有内容，未经授权不得转载。", "boilerplate", "copyright"),
        # a sentence that starts with a button's word, or shares words with a notice, is text
        ("关闭小造纸、小化工企业23家，化学需氧量排放量下降5%。", "body", ""),
        ("分享经济、平台经济健康发展。", "body", ""),
        ("打印机产业集群加快形成。", "body", ""),
        ("扫一扫即可办理。", "body", ""),
        ("严格执行项目审批，未经许可不得擅自开工建设。", "body", ""),
        ("建立版权所有人登记制度。", "body", ""),
        ("关闭“五小”企业23家，淘汰落后产能12万吨。", "body", ""),
        ("关闭、搬迁畜禽养殖场47家。", "body", ""),
        ("上一篇章已经写就，新的篇章需要我们共同书写。", "body", ""),
        ("完成县政府门户网站首页改版，新开设“县长信箱”栏目。", "body", ""),
        ("全县34个部门网站全部完成ICP备案，统一标注网站标识码。", "body", ""),
        ("湘ICP备18001534号 湘公网安备 43010502000441号", "boilerplate", "copyright"),
        ("网站标识码：4300000001", "boilerplate", "copyright"),
        ("设为首页 网站地图 联系我们", "boilerplate", "navigation"),
        # a sentence with a note after it is a sentence; a heading with one is a heading
        ("去年全县地区生产总值突破百亿元大关。（掌声）", "body", ""),
        ("关于2023年预算执行情况的报告（草案）", "heading", "heading"),
        ("来源:衡东县融媒体中心 发布时间:2023-03-02", "metadata", "source/date line"),
        ("(作者系中共衡南县委副书记、县人民政府县长)", "metadata", "byline"),
        ("(作者:王启武,系澧县县委书记)", "metadata", "byline"),
        ("北京市市长 殷勇", "metadata", "byline"),
        ("管委会主任 李承宇", "metadata", "byline"),
        ("行署专员 艾尔肯·吐尼亚孜", "metadata", "byline"),
        ("（记者 刘晓燕 王明）", "metadata", "byline"),
        ("本报记者　王　梅　陈　涛", "metadata", "byline"),  # names letter-spaced, two of them
        ("索 引 号：11152500011566085X/2017-00143", "metadata", "header fields"),  # a key letter-spaced to align it
        ("文　　号：锡署办发〔2017〕56号", "metadata", "header fields"),
        ("时 间 紧", "heading", "heading"),
        # a meeting paper's labels and a paper's handling marks; not a heading about them
        ("文登市第十七届人民代表大会第二次会议文件", "metadata", "meeting paper label"),
        ("第二次会议文件（1）", "metadata", "meeting paper label"),
        ("全区经济工作会议文件之二", "metadata", "meeting paper label"),
        ("二、会议材料", "heading", "heading"),
        ("会议材料汇编", "heading", "heading"),
        ("此件仅供民主测评使用　会后收回", "metadata", "handling mark"),
        ("秘密★1年", "metadata", "handling mark"),
        ("大会秘书处　2016年9月印", "metadata", "printing line"),
        ("吐鲁番地委文件", "metadata", "red-head banner"),
        ("您当前的位置：首页 > 政务公开 > 领导讲话", "boilerplate", "navigation"),
        # an official document's title longer than a heading is body on its own (the header takes it at the top)
        ("锡林郭勒盟行政公署办公室关于印发锡林郭勒盟推进“互联网+政务服务”工作实施方案的通知", "body", ""),
        ("（记者 王晓燕 通讯员 陈刚）", "metadata", "byline"),
        # …with its outlet named
        ("兴义市融媒体中心记者　杨帆", "metadata", "byline"),
        ("黔西南日报记者 杨帆", "metadata", "byline"),
        ("兴义市融媒体中心 记者：杨帆", "metadata", "byline"),
        ("融媒体中心建设", "heading", "heading"),
        # a list's label before the office, or a clause after it, is no byline
        ("组长：县委书记 刘国强", "heading", "heading"),
        ("县委书记 要当好第一责任人", "heading", "heading"),
        ("— 2 —", "boilerplate", "page number"),
        ("第3页 共12页", "boilerplate", "page number"),
        (">> 政府工作报告", "boilerplate", "breadcrumb"),
        ("地址：山东省寿光市圣城街 邮编：262700", "boilerplate", "site address"),
        ("记者手记", "heading", "heading"),
        ("通讯员队伍", "heading", "heading"),
        ("| 指标 | 单位 | 2023年 | 增长 |", "table", "table row (cells, not running text)"),
        # a 信息公开 catalogue's rows are header fields; a table of a notice's arrangements is a table
        ("| 发布机构： | 武冈市人民政府办公室 | 生成日期： | 2012-03-05 |", "metadata", "header fields"),
        ("| 名称： | 2012年市政府工作报告 | 文号： |  |", "metadata", "header fields"),
        ("| 时间： | 2023年3月5日 | 地点： | 县政府三楼会议室 |", "table", "table row (cells, not running text)"),
        ("| 名称： | 县人民医院住院楼 | 时间： | 2012年3月5日 |", "table", "table row (cells, not running text)"),
        # an official document's parts, and a heading that names documents
        ("凤政发〔2012〕5号", "metadata", "document number"),
        ("一、认真学习贯彻郴州市委文件", "heading", "heading"),
        ("二、认真执行市委文件", "heading", "heading"),
        ("| 网站首页 \\| 政务公开 \\| 办事服务 |", "boilerplate", "navigation"),
        ("| 1 | 全面推进乡村振兴，新建高标准农田10万亩。 |", "body", ""),
        ("2023年工作回顾", "heading", "heading"),
        ("一、2024年工作回顾", "heading", "heading"),
        ("（三）着力扩大有效需求", "heading", "heading"),
        ("习近平总书记考察湖南重要讲话和指示精神,高屋建瓴、思想深邃。", "body", ""),
    ],
)
def test_classify_line(line, kind, reason):
    k = classify_line(line, heading_max_chars=40)
    assert (k.kind, k.reason) == (kind, reason)


def test_site_owner_inside_a_report_is_content():
    line = "主办单位：省教育厅、省民政厅，各州、市人民政府"  # an annex's list of tasks, at a file's end
    assert classify_line(line, 40, edge=False).kind != "boilerplate"
    assert classify_line(line, 40, edge=True).kind != "boilerplate"
    assert classify_line("主办单位：寿光市人民政府办公室 承办单位：寿光市大数据中心", 40, edge=True).kind == "boilerplate"
    for line in ("地址：项目位于县经济开发区东区，总投资50亿元。", "> 坚持稳中求进"):
        assert classify_line(line, 40, edge=False).kind != "boilerplate"
    assert classify_line("地址：项目位于县经济开发区东区，总投资50亿元。", 40, edge=True).kind == "body"
    wide = "| " + " | ".join(f"指标{n}" for n in range(45)) + " |"
    assert classify_line(wide, 40).kind == "table"


def test_metadata_values():
    assert classify_line("来源:衡东县融媒体中心 发布时间:2023-03-02", 40).value == "衡东县融媒体中心"
    assert classify_line("作者：贵州省委书记 方志远", 40).value == "方志远（贵州省委书记）"
    assert classify_line("本报记者 张三", 40).value == "张三"
    assert classify_line("行署专员 艾尔肯·吐尼亚孜", 40).value == "艾尔肯·吐尼亚孜（行署专员）"
    assert classify_line("(作者:王启武,系澧县县委书记)", 40).value == "王启武（澧县县委书记）"
    assert classify_line("作者：阿不都·热合曼，现任喀什地区行署专员", 40).value == "阿不都·热合曼（喀什地区行署专员）"
    # offices only, or a list of them: kept as written
    assert classify_line("(作者系中共衡南县委副书记、县人民政府县长)", 40).value == "中共衡南县委副书记、县人民政府县长"
    assert classify_line("(作者为湘潭市委书记)", 40).value == "湘潭市委书记"
    assert classify_line("作者：市委书记，县长", 40).value == "市委书记，县长"
    assert classify_line("作者：欧阳明，系县委书记", 40).value == "欧阳明（县委书记）"
    # not a name, or more than an office: kept as written
    for who in ("湖南人,现任澧县县委书记", "镇长,镇党委副书记", "党组成员,县委常委", "评论员，系市委书记", "王启武，系澧县人，曾任县长"):
        assert classify_line(f"(作者系{who})", 40).value == who


def test_headings():
    assert is_heading("牢记嘱托 感恩奋进", 40)
    assert not is_heading("各位代表：", 40)
    # the word that heads notes or a glossary, with its colon, heads them (注释： / ①专精特新：指…)
    assert is_heading("注释：", 40) and is_heading("名词解释：", 40) and not is_heading("注：以上数据为初步核算数。", 40)
    assert not is_heading("一、要学出绝对忠诚,在捍卫“两个确立”上坚定坚决。“两个确立”是党在新时代取得的重大政治成果。" * 2, 40)
    assert inline_heading("一、要学出绝对忠诚,在捍卫“两个确立”上坚定坚决。“两个确立”是重大成果。", 40) == "一、要学出绝对忠诚,在捍卫“两个确立”上坚定坚决"
    assert inline_heading("习近平总书记指出,要学出绝对忠诚。", 40) == ""
    # a quoted name closing a numbered heading, after its comma: an outline's heading (an item's
    # 1. or an unnumbered line with a comma before the quotation is a sentence cut short)
    assert is_heading("五、加强自身建设，打造“四个机关”", 40) and is_heading("（二）聚焦主业，实施“强省会”", 40)
    assert not is_heading("1.加快发展，打造“四个机关”", 40) and not is_heading("…，展现了经济发展“安居速度”", 40)
    assert not is_heading("五、他说：“要抓好落实。”", 40) and not is_heading("五、加强自身建设，打造“四个机关”（掌声）", 40)


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
    '全县开展"两学一做"学习教育。"三会一课"制度全面落实。"',
    "详见网站（http://www.a.gov.cn/i.html?id=1）。《奋斗吧！中华儿女》播出。大关。（掌声）（二）加快发展；“稳；进”；等。",
])
@pytest.mark.parametrize("breaks", [(), (3, 9, 20)])
def test_sentence_spans_cover_the_text_exactly(text, breaks):
    from pipeline.text import sentence_spans

    spans = sentence_spans(text, long_chars=12, breaks=breaks)
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


@pytest.mark.parametrize("text,long_chars,breaks,sentences", [
    # no end inside a web address or a title in 《》
    ("请登录网站（http://www.fhx.gov.cn/index.html?uid=456&p=1）下载。逾期不予受理。", 200, (),
     ["请登录网站（http://www.fhx.gov.cn/index.html?uid=456&p=1）下载。", "逾期不予受理。"]),
    ("组织开展了《奋斗吧！中华儿女》主题宣传活动。", 200, (), ["组织开展了《奋斗吧！中华儿女》主题宣传活动。"]),
    # a note after an end mark stays with its sentence; a list number starts the next one
    ("突破300亿元大关。（掌声）增长7.5%。（按可比价格计算）（二）加快发展。", 200, (),
     ["突破300亿元大关。（掌声）", "增长7.5%。（按可比价格计算）", "（二）加快发展。"]),
    # a straight quote that opens the next sentence's quotation goes with it
    ('开展"两学一做"学习教育。"三会一课"制度全面落实。', 200, (), ['开展"两学一做"学习教育。', '"三会一课"制度全面落实。']),
    # lines merged into one paragraph: one without an end mark ends a sentence there, one ending in a colon does not
    ("主要预期目标是：地区生产总值增长6.5%左右城镇新增就业5000人", 200, (8, 22), ["主要预期目标是：地区生产总值增长6.5%左右", "城镇新增就业5000人"]),
    # the ；-rule: not inside quotes or brackets, and no tail of a few characters
    ("坚持“稳中求进；改革创新”总基调，推进改革发展；抓好项目建设；等。", 10, (),
     ["坚持“稳中求进；改革创新”总基调，推进改革发展；", "抓好项目建设；等。"]),
])
def test_what_a_sentence_is(text, long_chars, breaks, sentences):
    from pipeline.text import sentence_spans

    assert [text[a:b] for a, b in sentence_spans(text, long_chars, breaks)] == sentences


def test_a_long_line_is_cut_into_paragraphs_where_sentences_end():
    """chunk cuts where sentence_spans would: a note stays with its sentence, a 《》 title whole."""
    s1, s2 = "全面推进乡村振兴，" * 20 + "取得新成效。", "全面推进改革开放，" * 20 + "取得新进展。"
    assert chunk(s1 + "（掌声）" + s2, 300) == [s1 + "（掌声）", s2]
    text = "加快发展，" * 30 + "请阅读《奋斗吧！中华儿女》一书，" + "推进改革，" * 20 + "。"
    assert not any(piece.endswith("《奋斗吧！") for piece in chunk(text, 200)) and "".join(chunk(text, 200)) == text


# ----------------------------------------------------------------------------- web and export text


def test_clean_line_drops_zero_width_characters_and_stray_boms():
    assert clean_line("\ufeff一、工作\u200b回顾\u200c") == "一、工作回顾"
    assert clean_line("过去一年，\u3000\u3000全县经济\xa0平稳") == "过去一年， 全县经济 平稳"


@pytest.mark.parametrize("line,expected,n", [
    ("&ldquo;六保&rdquo;任务", "“六保”任务", 2),
    ("各位代表：&nbsp;&nbsp;现在", "各位代表：\xa0\xa0现在", 2),
    ("&mdash;&mdash;2021年1月31日", "——2021年1月31日", 2),
    ("&#8220;十四五&#x201D;", "“十四五”", 2),
    ("全县&amp;nbsp;经济", "全县\xa0经济", 2),  # escaped twice, unescaped twice
    ("R&D经费投入强度", "R&D经费投入强度", 0),
    ("&nbsp", "\xa0", 1),
])
def test_unescape_entities(line, expected, n):
    from pipeline.text import unescape_entities

    assert unescape_entities(line) == (expected, n)


@pytest.mark.parametrize("line,parts", [
    (r"各位代表：\r\n现在，我代表市人民政府\n报告工作。\r请予审议。", ["各位代表：", "现在，我代表市人民政府", "报告工作。", "请予审议。"]),
    (r"第一段\\n第二段", ["第一段", "第二段"]),
    ("三、保障措施<br>加强组织领导<BR/>压实责任", ["三、保障措施", "加强组织领导", "压实责任"]),
    ("<p>第一段</p>", ["", "第一段", ""]),
    (r"单位\t名称", ["单位 名称"]),
    ("没有换行的一行。", ["没有换行的一行。"]),
])
def test_split_escaped_breaks(line, parts):
    from pipeline.text import split_escaped_breaks

    assert split_escaped_breaks(line) == parts


@pytest.mark.parametrize("line,url", [
    ("http://www.baoding.gov.cn/art/2021/2/5/art_1.html", "http://www.baoding.gov.cn/art/2021/2/5/art_1.html"),
    ("原文地址 https://www.x.gov.cn/c/1.html?id=3", "https://www.x.gov.cn/c/1.html?id=3"),
    ("（www.baoding.gov.cn）", "www.baoding.gov.cn"),
    ("详情请登录县政府门户网站www.x.gov.cn查询办理进度和结果，也可拨打服务热线咨询。", ""),
    ("没有网址的一行。", ""),
])
def test_url_line(line, url):
    from pipeline.text import url_line

    assert url_line(line) == url


@pytest.mark.parametrize("line,n", [
    ("全面落实“六?!比蝿眨瑩屪バ抡摺⑿禄?、新消费", 2),
    ("延链补链强链??阜€(wěn)农业大县", 1),
    ("因?qū)W致贫返贫", 1),
    ("、?水灌区开工建设", 1),
    ("1个学科进入前1?。", 1),
    ("？？？？", 1),
    ("如何回报她的馈赠呢？我们要", 0),
    ("怎么办？", 0),
    ("是真的吗?我们", 0),
    ("What?", 0),
    ("http://x.gov.cn/a?id=3", 0),
])
def test_lost_char_runs(line, n):
    from pipeline.text import lost_char_runs

    assert lost_char_runs(line) == n


@pytest.mark.parametrize("line,fields", [
    ("标题：保定市2021年政府工作报告", (("标题", "保定市2021年政府工作报告"),)),
    ("发文时间：2009-02-05", (("发文时间", "2009-02-05"),)),
    ("来源URL：http://www.x.gov.cn/a?id=1", (("来源URL", "http://www.x.gov.cn/a?id=1"),)),
    ("url: http://x.gov.cn", (("URL", "http://x.gov.cn"),)),
    ("时间：2023-01-24 作者：某某 来源：政府官网 阅读：283 评论：0 内容摘要：全县召开会议。",
     (("时间", "2023-01-24"), ("作者", "某某"), ("来源", "政府官网"), ("阅读", "283"), ("评论", "0"), ("内容摘要", "全县召开会议。"))),
    ("【发布时间：2021-02-05 10:30:00】【来源：保定日报】", (("发布时间", "2021-02-05 10:30:00"), ("来源", "保定日报"))),
    ("发布时间：2021-02-05 | 浏览次数：1024", (("发布时间", "2021-02-05"), ("浏览次数", "1024"))),
    ("全县经济运行总体平稳，来源：统计局。", ()),
    ("时间就是生命。", ()),
])
def test_header_fields(line, fields):
    from pipeline.text import header_fields

    assert header_fields(line) == fields


@pytest.mark.parametrize("line,reason", [
    ("标题：保定市2021年政府工作报告", "header fields"),
    ("发文单位：保定市人民政府", "header fields"),
    ("发文时间：2009-02-05", "header fields"),
    ("原文链接：https://www.baoding.gov.cn/content/1.html", "header fields"),
    ("时间：2023-01-24 作者：某某 来源：政府官网 阅读：283 评论：0", "source/date line"),
    ("发布时间：2021-02-05 | 来源：保定日报 | 浏览次数：1024", "source/date line"),
    ("作者：某某 来源：政府官网 阅读：283", "header fields"),
    ("http://www.baoding.gov.cn/art/2021/2/5/art_1.html", "url"),
    ("内容摘要：" + "今年以来，全县扎实推进各项工作，经济社会发展稳中有进。" * 10, "header fields"),
])
def test_classify_header_field_and_url_lines(line, reason):
    k = classify_line(line, heading_max_chars=40)
    assert (k.kind, k.reason) == ("metadata", reason)
    assert k.fields


@pytest.mark.parametrize("line,date,speaker,dateline_part", [
    ("——2021年1月31日在保定市第十五届人民代表大会第六次会议上", "2021-01-31", "", None),
    ("――2021年1月31日在保定市第十五届人民代表大会第六次会议上", "2021-01-31", "", None),
    ("--2021年1月31日在保定市第十五届人民代表大会第六次会议上", "2021-01-31", "", None),
    ("—2021年1月31日在保定市第十五届人民代表大会第六次会议上", "2021-01-31", "", None),
    ("－－2021年1月31日在保定市第十五届人民代表大会第六次会议上", "2021-01-31", "", None),
    ("—— 2021 年 1 月 31 日 在保定市第十五届人民代表大会第六次会议上", "2021-01-31", "", None),
    ("——２０２１年１月３１日在保定市第十五届人民代表大会第六次会议上", "2021-01-31", "", None),
    ("——二〇二一年一月三十一日在保定市第十五届人民代表大会第六次会议上", "2021-01-31", "", None),
    ("——二○二一年一月三十一日在保定市第十五届人民代表大会第六次会议上", "2021-01-31", "", None),
    ("（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）", "2026-01-27", "", None),
    ("——2025年1月14日在湖南省第十四届人民代表大会第四次会议上 省长 毛伟明", "2025-01-14", "毛伟明（省长）", None),
    ("2025年1月14日在北京市第十六届人民代表大会第三次会议上北京市市长 殷勇同志作政府工作报告。", "2025-01-14", "殷勇", None),
    ("——2025年1月14日自治区人民政府主席王莉霞在内蒙古自治区第十四届人民代表大会第三次会议上的讲话", "2025-01-14", "王莉霞", None),
    ("——2023年3月2日，县长张三在全县经济工作会议上的讲话", "2023-03-02", "张三", None),
    ("——2021年1月31日在保定市第十五届人民代表大会第六次会议上各位代表：现在，我代表市人民政府，向大会报告工作。",
     "2021-01-31", "", "——2021年1月31日在保定市第十五届人民代表大会第六次会议上"),
    ("——二〇二一年一月三十一日在保定市第十五届人民代表大会第六次会议上 保定市市长 郭建英 各位代表：现在，我代表市人民政府报告工作。",
     "2021-01-31", "郭建英（保定市市长）", "——二〇二一年一月三十一日在保定市第十五届人民代表大会第六次会议上 保定市市长 郭建英"),
    # a date alone in brackets, the text run on from it
    ("（2023.5.18）尊敬的各位领导、各位嘉宾：", "2023-05-18", "", "（2023.5.18）"),
    ("（2023年5月18日）尊敬的各位领导、各位嘉宾：", "2023-05-18", "", "（2023年5月18日）"),
    ("（二〇二三年五月十八日）同志们：", "2023-05-18", "", "（二〇二三年五月十八日）"),
])
def test_dateline_variants(line, date, speaker, dateline_part):
    from pipeline.text import dateline

    found = dateline(line)
    assert (found.date, found.speaker) == (date, speaker)
    assert line[: found.end] == (dateline_part or line)


@pytest.mark.parametrize("line", [
    "（2023年5月18日通过）本条例自公布之日起施行。",
    "2023年3月2日，衡东县召开全县经济工作会议，研究部署今年重点工作。",
    "2021年全县经济运行总体平稳，地区生产总值增长百分之六。",
    "发布时间：2021-02-05",
    # a news lead that names a meeting: its date opens a sentence
    "2023年2月9日，县委书记刘国强在全县经济工作会议上强调，要坚定发展信心，狠抓项目建设。",
    "2011年12月28日，在区委六届十次全会上，我代表区委常委会作工作报告。",
])
def test_not_a_dateline(line):
    from pipeline.text import dateline

    assert dateline(line) is None


def test_find_date_reads_circle_zero_and_full_width_digits():
    assert find_date("二○二一年一月三十一日") == "2021-01-31"
    assert find_date("２０２１年１月３１日") == "2021-01-31"


@pytest.mark.parametrize("text,year", [
    ("正定县二〇二四年政府工作报告", "2024"), ("二○二三年工作回顾", "2023"), ("2025年政府工作报告", "2025"),
    ("二〇二四年一月在会上，2023年", "2024"), ("十二年来", ""), ("一九九八年", "1998"), ("一二三四年", ""),
    # a plan's target year or the end of its period is not the document's year
    ("六盘水市第十四个五年规划和二〇三五年远景目标纲要", ""), ("十四五规划（2021—2025年）", ""), ("到2035年基本实现现代化", ""),
    ("2021年工作安排和2035年远景目标", "2021"), ("2024年目标任务完成情况", "2024"),
    ("截至2023年底累计建成高标准农田20万亩", "2023"), ("衡东县人民政府—2024年政府工作报告", "2024"),
    ("十四五规划（二〇二一—二〇二五年）", ""), ("2021年至2025年规划", "2021"), ("二〇二三年至二〇二四年", "2023"),
])
def test_find_year_reads_chinese_numerals(text, year):
    assert find_year(text) == year


def test_a_dateline_with_only_a_year_and_month_gives_no_date():
    found = dateline("二〇二四年一月在正定县第十七届人民代表大会第三次会议上")
    assert found is not None and found.date == ""
    assert dateline("——2023年2月在市委全会上的讲话").date == ""
    assert dateline("2023年2月，全县地区生产总值增长5%，规上工业增加值增长6%。") is None
    assert dateline("2024年6月全县经济运行分析报告") is None
    assert dateline("2024年1月召开全县经济工作会议") is None


@pytest.mark.parametrize("title,speaker", [
    ("县委书记王建勋在全县经济工作会议上的讲话", "王建勋（县委书记）"),
    ("县委书记韦少华在全县经济工作会议上的讲话", "韦少华（县委书记）"),  # a surname outside the common list
    ("县委书记欧阳建国同志在全县干部大会上的讲话", "欧阳建国（县委书记）"),
    ("州长阿不都·热合曼在全州经济工作会议上的讲话", "阿不都·热合曼（州长）"),
    ("王建勋同志在全县经济工作会议上的讲话", "王建勋"),
    ("关于学习县委书记王建勋在全县经济工作会议上的讲话", ""),  # about the speech
    ("县委书记亲自在全县大会上的讲话", ""),
    ("县委副书记兼县长在全县大会上的讲话", ""),  # another office, not a name
    ("县长助理在全县大会上的讲话", ""),
    ("市委书记一行在我县调研时的讲话", ""),
    ("县长李长江在全县大会上的讲话", "李长江（县长）"),
    ("县委书记于伟国在全县经济工作会议上的讲话", "于伟国（县委书记）"),
    ("市长王明理在全市经济工作会议上的讲话", "王明理（市长）"),
    ("市委书记在全市经济工作会议上的讲话", ""),
])
def test_title_speaker(title, speaker):
    from pipeline.text import title_speaker

    assert title_speaker(title) == speaker


@pytest.mark.parametrize("author,expected", [
    ("王予波（省长）", ("王予波", "省长")),
    ("艾尔肯·吐尼亚孜（自治区主席）", ("艾尔肯·吐尼亚孜", "自治区主席")),
    ("殷勇", ("殷勇", "")),
    ("吴波 吴嘉辉", ("吴波 吴嘉辉", "")),  # two reporters: names, no office
    ("湘潭市委书记", ("", "湘潭市委书记")),  # an office names no person
    ("县政府办公室", ("", "县政府办公室")),
    ("县委宣传部", ("", "县委宣传部")),
    ("王五 县长", ("王五", "县长")),
    ("县委办（供稿）", ("", "县委办")),  # a contributor's role is no office
    ("王五（执笔）", ("王五", "")),
    ("", ("", "")),
])
def test_an_author_splits_into_name_and_office(author, expected):
    assert split_author(author) == expected


@pytest.mark.parametrize("line,kind", [
    ("一季度恩施市经济实现“开门红”", "heading"),  # a title ending in a quoted name
    ("（三）深入实施“强省会”", "heading"),
    ("他强调：“要抓好落实。”", "body"),  # the sentence ends inside the quotation
    ("这一年,我们埋头苦干、对标竞进,展现了经济发展“安居速度”", "body"),  # a clause cut short
    ("记者：谭晓明", "metadata"),
    ("（记者 伍伟明 通讯员 李嘉欣）", "metadata"),
    ("点击蓝字 关注我们", "boilerplate"),
    ("往期推荐", "boilerplate"),
    ("关注我们的民生工作，做好保障。", "body"),
    ("关注我们身边的困难群众", "heading"),  # words of a report, not a prompt
    ("阅读原文件，逐条对照整改", "heading"),
    ("欢迎关注和支持我县教育事业发展", "heading"),
    ("习近平总书记指出：“绿水青山就是金山银山”", "body"),  # a saying after a colon
    ("全县经济实现了“开门红”（掌声）", "body"),  # a note after it
])
def test_lines_of_posts_and_titles(line, kind):
    assert classify_line(clean_line(line), 40).kind == kind


def test_full_width_digits_and_letters_are_ascii():
    from pipeline.text import ascii_alnum

    assert ascii_alnum("台山市召开２０２３年侨务工作会议") == "台山市召开2023年侨务工作会议"
    assert ascii_alnum("完成５２６．８亿元，增长６．２％，ＧＤＰ稳步增长。") == "完成526.8亿元，增长6.2%，GDP稳步增长。"
    assert ascii_alnum("（一）全面推进：①②") == "（一）全面推进：①②"  # full-width signs and circled numbers stay
    assert ascii_alnum("增长6.2％") == "增长6.2％"  # a line with ASCII digits keeps its own signs


def test_emoji_are_no_text():
    assert clean_line("奋力夺取二季度“双过半”。💪") == "奋力夺取二季度“双过半”。"
    assert clean_line("👆👆点击上方") == "点击上方"
    assert clean_line("🄰 加强组织领导") == "🄰 加强组织领导"  # enclosed letters are list marks
    assert clean_line("👇👇") == "👇👇"  # a line of emoji alone stays, to be logged as no text


def test_a_speaker_set_off_after_the_meeting_is_the_datelines():
    assert dateline("——2025年1月14日在省十四届人大三次会议上 省长 王予波").speaker == "王予波（省长）"
    assert dateline("——2025年1月14日在河南省第十四届人民代表大会第三次会议上省长王凯作").speaker == "王凯"


def test_office_and_name_on_one_line():
    from pipeline.text import office_and_name, unspaced_name

    assert office_and_name("潮州市市长何晓军") == "何晓军（潮州市市长）"
    assert office_and_name("市 长 崔永辉") == "崔永辉（市长）"
    assert office_and_name("县委副书记、县长王五") == "王五（县委副书记、县长）"
    # not an interview's subtitle, a sentence about an office, or an office without a name
    assert [office_and_name(x) for x in ("——访遵义市人民政府市长李国华", "关于县长张三", "市长办公会议", "县长热线", "区长")] == [""] * 5
    assert unspaced_name("本报记者　王　梅　陈　涛") == "本报记者　王梅 陈涛"
    assert unspaced_name("县长  谭　勇") == "县长  谭勇"

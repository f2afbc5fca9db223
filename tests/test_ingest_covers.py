"""Covers, print furniture and the pages documents are copied from: what is not title or text,
and where a document's date, author and place are when the text does not set them as usual."""

import datetime as dt

import pytest
from conftest import SPEECH
from conftest import make_doc as _doc

from pipeline.gazetteer import Gazetteer, infer_locality
from pipeline.ingest import _relative_day
from pipeline.text import classify_line, dateline, find_date, year_month_line


def _reasons(doc):
    return {row["line"]: row["reason"] for row in doc.log if row["line"]}


@pytest.mark.parametrize("text, day", [("二〇一〇年元月十二日", "2010-01-12"), ("2010年元月12日", "2010-01-12"), ("（2O18年2月 9日）", "2018-02-09"),
                                       ("2O2O年1月5日", "2020-01-05"), ("Office 2O10 版", ""), ("元月份以来", "")])
def test_dates_written_with_yuan_yue_or_an_ocr_letter_o(text, day):
    """元月 is January; an OCR's letter O inside a year is 0 (not a version's 2O10 in a product's name)."""
    assert find_date(text) == day


def test_a_month_line_and_the_signatures_day():
    """（2012年12月） under the title and the signature's day of that month: the day dates the document."""
    lines = ["关于2012年全县农村工作的总结", "（2012年12月）", "今年以来，全县农业农村工作取得新成效，粮食总产达到68万吨，农民人均纯收入增长12%。",
             "县农业局", "2012年12月20日"]
    assert (_doc(lines).date, _doc(lines).date_source) == ("2012-12-20", "signature")


def test_a_year_and_month_line_gives_the_month():
    assert [year_month_line(t) for t in ("二〇一三年十二月", "（2012年3月）", "2010年元月", "2013年12月全县工作")] == ["2013-12", "2012-03", "2010-01", ""]
    assert dateline("——二〇一〇年元月十二日在廉州镇第十七届人民代表大会第四次会议上").date == "2010-01-12"


@pytest.mark.parametrize("line, reason", [
    ("中共道县县委办公室  编印", "compiler line"), ("常州市地方志编纂委员会 编", "compiler line"), ("中共准格尔旗委宣传部 编", "compiler line"),
    ("常州年鉴（2012）", "yearbook header"), ("方志出版社  2012年11月第1版", "yearbook header"), ("请勿外传          会议材料之三", "handling mark"),
    ("目    录", "table of contents"), ("目 录 CONTENTS", "table of contents"), ("— I —", "page number"),
    ("·1262·                              沛县志（1991—2010）", "page number"), ("MIANYANG RIBAO", "masthead"), ("今日苍南 JINRI CANGNAN", "masthead"),
    ("2018 · 7", "masthead"), ("半月刊", "masthead"), ("第2版  综合", "newspaper page"),
    ("展开全文 ▼ 本文档由 ywq888 分享于2014-01-09", "document site prompt"), ("本文由yxz_dzb贡献", "document site prompt"),
    ("文档贡献者  wjzz2008  贡献于2014-02-17", "document site prompt"), ("文档格式：.doc 文档页数：5页 文档大小：31.0K", "header fields"),
    ("发表于 2013-5-2 21:37:45|只看该作者|倒序浏览", "forum furniture"), ("本帖最后由 北流阿强 于 2013-5-3 08:12 编辑", "forum furniture"),
    ("查看: 3527|回复: 5", "forum furniture"), ("中级会员", "forum furniture"), ("1楼 2012-03-15 09:47", "forum furniture"),
    ("微信号 zjkfabu", "social media profile"), ("2下载券  3人已下载", "document site prompt"), ("还剩2页未读，继续阅读", "document site prompt"),
    ("锡林郭勒日报 2021-01-12 第01版", "source/date line"), ("2017-06-12 08:34　来源：赣南日报　作者：记者 刘晓红", "source/date line"),
])
def test_cover_print_and_page_furniture(line, reason):
    assert classify_line(line, 40).reason == reason


@pytest.mark.parametrize("line", ["政策文件汇编", "全面完成……目标任务，增长12%", "市委召开常委会 2021-01-12", "下载和使用政务服务移动端的群众越来越多。",
                                  "2012年1月17日  星期二", "全县共有学校 12 页", "回复群众关切。", "发帖量大幅增加", "群众纷纷称赞：“好干部”“贴心人”", "他强调：“绿水青山”就是“金山银山”",
                                  "税收收入……………… 8532", "功能介绍：该APP设有办事指南、在线咨询等四大模块。", "工作汇报 2023-01-05", "情况通报 2023年1月5日",
                                  "GDP CPI PPI", "2023年12月27日 时间：上午9时，地点：县政府第一会议室。"])
def test_not_furniture(line):
    assert classify_line(line, 40).kind in ("heading", "body")


def test_a_covers_labels_and_compiler_are_not_its_title():
    """A meeting paper's cover: handling marks and the paper's label side by side, the meeting's
    name over 材 料, the title and its meeting line, the speaker, the date in Chinese numerals and
    the office that compiled the papers; only the title is title."""
    cover = ["内部资料", "请勿外传                                         会议材料之三", "", "县委十四届六次全会暨县委经济工作会议", "材    料", "",
             "锚定目标  奋勇争先", "全力推动道县高质量发展迈上新台阶", "", "——在县委十四届六次全会暨县委经济工作会议上的讲话", "", "何永红", "",
             "二〇二三年十二月二十八日", "", "中共道县县委办公室  编印"]
    doc = _doc(cover + SPEECH)
    assert doc.title == "锚定目标 奋勇争先 全力推动道县高质量发展迈上新台阶"  # (its meeting line is metadata of its own)
    assert (doc.author, doc.date) == ("何永红", "2023-12-28")
    assert _reasons(doc)[5] == "meeting paper label" and _reasons(doc)[16] == "compiler line"


def test_a_yearbooks_page_and_a_plans_table_of_contents():
    """A speech reprinted in a yearbook: the yearbook's name, compiler, imprint and column (特 载)
    are no title; a plan's table of contents ends its cover, and its entries are no text."""
    page = ["常州年鉴2012", "常州市地方志编纂委员会 编", "方志出版社  2012年11月第1版", "", "特    载", "", "·14·", "    坚定信心  奋力攻坚  确保“十二五”开好局起好步",
            "            ——在全市经济工作暨作风建设大会上的讲话", "市长  沈建华", "（2011年2月10日）"]
    doc = _doc(page + SPEECH)
    assert (doc.title, doc.date) == ("坚定信心 奋力攻坚 确保“十二五”开好局起好步", "2011-02-10")
    plan = ["芜湖市国民经济和社会发展", "第十四个五年规划和2035年远景目标纲要", "", "（2021年1月29日芜湖市第十六届人民代表大会第五次会议批准）", "", "芜湖市人民政府",
            "二〇二一年二月", "", "目    录", "", "序  言 ........................................ 1", "第一篇  开启全面建设社会主义现代化新征程 .............. 2",
            "", "— I —", "", "序    言", "", "“十四五”时期是开启全面建设社会主义现代化国家新征程的第一个五年，也是芜湖加快建设省域副中心城市的关键五年。"]
    doc = _doc(plan)
    assert (doc.title, doc.date) == ("芜湖市国民经济和社会发展第十四个五年规划和2035年远景目标纲要", "2021-01-29")
    assert [p["section"] for p in doc.paragraphs] == ["序 言"] and len(doc.paragraphs) == 1
    # entries with their page numbers and no leaders, under a label at the top: no title, no text; the section headings below stay headings
    toc = ["目录", "1.两会解读之一:2022年工作回顾 2", "2.两会解读之二:2023年工作思路 6", "1.两会解读之一:2022年工作回顾",
           "2022年，是泽州发展历程中极不平凡的一年，全县上下真抓实干，奋发进取。", "2.两会解读之二:2023年工作思路", "今年全县经济社会发展的主要预期目标是地区生产总值增长6%左右。"]
    doc = _doc(toc)
    assert doc.title == "" and [p["section"] for p in doc.paragraphs] == ["1.两会解读之一:2022年工作回顾", "2.两会解读之二:2023年工作思路"]


def test_a_document_sites_copy():
    """A copy from a document-sharing site: its teaser (the title and the text's opening cut
    off with ……), its prompts and its list of related documents are furniture; the signature's
    year and month date the document, above the upload day."""
    lines = ["百度文库", "首页 | 分类 | 精品内容 | 机构合作", "百度文库 > 行业资料 > 政史地", "保康镇2013年工作总结",
             "上传者：nmgkzzq2011 | 2013-12-27 | 暂无评价 | 0人阅读 | 0次下载 | 举报文档",
             "保康镇2013年工作总结_政史地_行业资料。保康镇2013年工作总结 2013年，在旗委、旗政府的正确领导下，保康镇党委、政府坚持以科学发展观为统领……", "",
             "保康镇2013年工作总结", "", "    2013年，在旗委、旗政府的正确领导下，保康镇党委、政府坚持以科学发展观为统领，全镇经济社会保持了平稳较快发展的良好态势。",
             "    一、主要经济指标完成情况", "    全镇完成地区生产总值12.6亿元，增长9.5%；农牧民人均纯收入达到9860元，增长12%。科左中旗下达的各项任务全面完成。", "",
             "保康镇人民政府", "二〇一三年十二月", "", "下载文档到电脑，查找使用更方便", "2下载券  3人已下载", "下载", "还剩2页未读，继续阅读", "相关文档推荐",
             "乡镇2013年工作总结及2014年工作计划  4页", "科左中旗2013年政府工作报告  11页", "©2013 Baidu  使用百度前必读 | 文库协议 | 网站地图"]
    doc = _doc(lines)
    assert (doc.title, doc.date, doc.date_source) == ("保康镇2013年工作总结", "2013-12", "signature")
    assert len(doc.paragraphs) == 2 and _reasons(doc)[6] == "teaser (repeats the text below)"
    assert {_reasons(doc)[n] for n in (22, 23)} == {"document site prompt"} and _reasons(doc)[21] == "the head of a list of links"


def test_banner_abbreviations():
    """Inner Mongolia's banners are written short by their wing or part (科左中旗, 土左旗, 东乌旗)."""
    gaz = Gazetteer.default()
    for short, full in (("科左中旗", "科尔沁左翼中旗"), ("察右前旗", "察哈尔右翼前旗"), ("土左旗", "土默特左旗"), ("东乌旗", "东乌珠穆沁旗"), ("乌前旗", "乌拉特前旗")):
        assert [gaz.places[c].name for c in gaz.aliases[short]] == [full]
    loc = infer_locality({"issuer": ["科左中旗人民政府"], "body": ["全旗经济社会保持平稳较快发展。"]})
    assert (loc.locality, loc.level) == ("科尔沁左翼中旗", "county")


def test_what_a_web_page_left_out():
    """The extraction left out the report's dateline and speaker above the page's 发布时间 line, and
    a news item's 作者 field: they still date the report, name its speaker and the reporter."""
    report = ["政府工作报告", "各位代表：", "现在，我代表旗人民政府，向大会报告工作，请予审议，并请旗政协委员和其他列席人员提出意见。"]
    left = ["锡林郭勒盟正蓝旗人民政府", "您现在的位置：首页 >> 政务公开 >> 政府工作报告 >> 正文", "——2020年1月8日在正蓝旗第十六届人民代表大会第四次会议上",
            "正蓝旗人民政府旗长 苏日娜", "发布时间：2020-01-15 09:26:31 来源：旗政府办 点击：745"]
    doc = _doc(report, "content_2471.html", "html (utf-8)", {"title": "政府工作报告", "date": "2020-01-15"}, left)
    assert (doc.author, doc.date, doc.locality.locality) == ("苏日娜（正蓝旗人民政府旗长）", "2020-01-08", "正蓝旗")
    news = ["巴州一季度经济运行实现“开门红”", "据初步核算，一季度全州实现地区生产总值398.6亿元，同比增长6.8%，高于全疆0.5个百分点。"]
    left = ["当前位置：首页 » 新闻中心 » 巴州要闻", "来源：巴音郭楞日报 作者：古丽米热·阿不力孜 发布时间：2024-04-18 11:20 字号：A+ A A-"]
    doc = _doc(news, "a.html", "html (utf-8)", {"date": "2024-04-18"}, left)
    assert (doc.author, doc.source_name) == ("古丽米热·阿不力孜", "巴音郭楞日报")
    left = ["发布日期：2018-01-15 16:08 来源：甘南日报 作者：记者 王海燕 【字体：大 中 小】"]
    assert _doc(news, "b.html", "html (utf-8)", {"date": "2018-01-15"}, left).author == "王海燕"


def test_a_pages_title_from_its_headings_and_left_out_lines():
    """A <title> that is the site's name and a column (海城市人民政府--乡镇动态) or a 行政公署's
    name names no article: the headline and its subtitle, where the extraction left them out,
    are the title."""
    body = ["同志们：", "今天是春节后上班的第一天，镇党委、镇政府召开这次大会，总结2010年工作，部署2011年任务。"]
    left = ["当前位置：首页 >> 乡镇动态 >> 西柳镇", "凝心聚力 乘势而上 全力推动西柳经济社会发展再上新台阶", "——在全镇经济工作暨干部作风建设大会上的讲话",
            "作者：西柳镇党委书记 郑宏伟    信息来源：西柳镇党政办    点击数：1027    更新时间：2011-2-11"]
    doc = _doc(body, "a.htm", "html (utf-8)", {"title": "海城市人民政府--乡镇动态", "date": "2011-02-11"}, left)
    assert doc.title == "凝心聚力 乘势而上 全力推动西柳经济社会发展再上新台阶——在全镇经济工作暨干部作风建设大会上的讲话"
    assert doc.author == "郑宏伟（西柳镇党委书记）"
    headings = "阿克苏地区行政公署\n凝心聚力 真抓实干 奋力推动阿克苏高质量发展迈出新步伐\n——在地区经济工作会议上的讲话"
    doc = _doc(body, "b.html", "html (utf-8)", {"title": "阿克苏地区行政公署", "headings": headings})
    assert doc.title == "凝心聚力 真抓实干 奋力推动阿克苏高质量发展迈出新步伐——在地区经济工作会议上的讲话"


def test_a_county_level_citys_page_on_its_own_site():
    """A county-level city's speech on its own site (海伦市人民政府) that names its city (绥化市)
    more often than itself, as the superior whose meetings it relays: the site's unit."""
    body = ["同志们：", "今天，市委召开全市组织工作会议，主要任务是认真贯彻全国、全省组织部长会议和绥化市组织工作会议精神。",
            "一、充分肯定成绩", "2015年，全市各级组织部门紧紧围绕市委中心工作，海伦市23个乡镇全部完成分类定级，受到绥化市委表彰。",
            "二、明确任务", "落实绥化市委部署，推动海伦市组织工作再上新台阶。"]
    doc = _doc(["在全市组织工作会议上的讲话", "市委书记　孙宝成"] + body, "3127.html", "html (utf-8)", {"title": "海伦市人民政府"})
    assert doc.locality.locality == "海伦市"
    doc = _doc(["在全市组织工作会议上的讲话", "市委书记　孙宝成"] + body, "3127.txt")
    assert doc.locality.locality == "绥化市"  # (a file that is no page: no site)


def test_a_wechat_post_and_a_newspapers_clipping():
    """A post's date-and-account line and its account card are no title and date only the post;
    the editor's note dates the speech. A clipping's masthead dates its printing, not the speech.
    A site's （全文） is no part of the title."""
    post = ["市长高建民在全市“十三五”规划编制工作推进会上的讲话（全文）", "", "2015-07-02 张家口发布", "", "张家口发布", "微信号 zjkfabu",
            "功能介绍 张家口市人民政府新闻办公室官方微信，发布权威信息，服务张家口百姓。", "",
            "编者按：6月26日，全市“十三五”规划编制工作推进会召开。市长高建民出席会议并讲话。现将讲话全文刊发如下。", "",
            "在全市“十三五”规划编制工作推进会上的讲话", "高建民", ""] + SPEECH
    doc = _doc(post)
    assert (doc.title, doc.date, doc.author) == ("市长高建民在全市“十三五”规划编制工作推进会上的讲话", "2015-06-26", "高建民")
    clip = ["锡林郭勒日报 2021-01-12 第01版", "", "坚定信心 真抓实干 奋力谱写锡林郭勒高质量发展新篇章", "——在盟委十届九次全体（扩大）会议暨全盟经济工作会议上的讲话", "",
            "盟委书记  刘志强", "（2021年1月9日）", ""] + SPEECH
    doc = _doc(clip)
    assert (doc.date, doc.source_name) == ("2021-01-09", "锡林郭勒日报")


@pytest.mark.parametrize("said, page, day", [("上周五", "2017-06-12", "2017-06-09"), ("昨天", "2017-06-12", "2017-06-11"), ("本周二", "2017-06-14", "2017-06-13"),
                                              ("本周五", "2017-06-14", None), ("上周日", "2017-06-12", "2017-06-11")])
def test_a_lead_day_said_relative_to_the_page(said, page, day):
    found = _relative_day(said, dt.date.fromisoformat(page))
    assert (found.isoformat() if found else None) == day


def test_a_news_lead_dated_last_friday():
    lines = ["曾文明主持召开市政府常务会议 研究部署防汛抗灾工作", "2017-06-12 08:34　来源：赣南日报　作者：记者 刘晓红　编辑：钟倩",
             "本报讯（记者刘晓红）上周五下午，市长曾文明主持召开市政府第12次常务会议，研究部署我市防汛抗灾、脐橙产业发展等工作。",
             "会议指出，我市已全面进入主汛期，各地各部门要坚决打好防汛抗灾这场硬仗。"]
    doc = _doc(lines)
    assert (doc.date, doc.date_source, doc.source_name) == ("2017-06-09", "lead (the day of the event)", "赣南日报")


def test_a_journals_pages_opening_with_the_article_before():
    """Pages of a party journal, OCR'd: they open with the end of the article before; the speech's
    title, speaker (an office the OCR misread: 组织部咅长) and date (2O18) are still its own."""
    lines = ["                                        张掖党建", "                                             ·7·", "",
             "行动上同党中央保持高度一致，以永不懈怠的精神状态和一往无前的奋斗姿态，为加快建设幸福美好新张掖作出新的更大贡献！", "", "",
             "深入学习贯彻党的十九大精神", "以提升组织力为重点全面加强组织建设", "——在全市组织工作会议上的讲话", "市委常委、组织部咅长  马志刚", "（2O18年2月 9日）", ""] + SPEECH
    lines += ["                                        张掖党建", "                                             ·8·", SPEECH[-1]]  # (the journal's running header)
    doc = _doc(lines)
    # (the end of the article before set apart, the title block heads the text as a speech's own does: its subtitle a meeting line)
    assert doc.title == "深入学习贯彻党的十九大精神 以提升组织力为重点全面加强组织建设"
    assert (doc.author, doc.date) == ("马志刚（市委常委、组织部咅长）", "2018-02-09")
    assert [row["reason"] for row in doc.log][3].startswith("the end of the piece before")


def test_copies_from_document_sharing_sites():
    """百度文库 pasted into a text file: the site's header above the teaser (its name, the uploader's
    title, categories, counts) is furniture and the document's own title below it is the title;
    豆丁's upload day dates nothing (the year comes from the title)."""
    lines = ["周庄镇镇长2013年度述职报告_百度文库", "百度文库", "专业资料", "人文社科", "政治/军事", "周庄镇镇长2013年度述职报告", "|", "0人阅读|0次下载",
             "周庄镇镇长2013年度述职报告_政治/军事_人文社科_专业资料。述职报告 周庄镇党委副书记、镇长 沈卫东 （2014年元月8日） 2013年，在市委、市政府和镇党委的正确领导下，在镇人大的监督支持下……",
             "", "述职报告", "周庄镇党委副书记、镇长  沈卫东", "（2014年元月8日）", "",
             "2013年，在市委、市政府和镇党委的正确领导下，在镇人大的监督支持下，我认真履行职责，全镇经济社会保持了平稳较快发展。",
             "一、加强学习，提高履职能力", "一年来，我坚持把学习作为提高素质的首要任务，全年参加各类学习培训12次。", "",
             "展开阅读全文 ▼", "下载文档    收藏    分享", "下载券：2", "文档贡献者  wjzz2008  贡献于2014-02-17", "猜你喜欢", "锦溪镇镇长2013年度述职报告.doc",
             "昆山市2013年政府工作报告.doc", "©2014 Baidu  使用百度前必读 | 文库协议 | 网站地图"]
    doc = _doc(lines)
    assert (doc.title, doc.date, doc.author) == ("述职报告", "2014-01-08", "沈卫东（周庄镇党委副书记、镇长）")
    assert _reasons(doc)[2] == "site header above the teaser" and len(doc.paragraphs) == 2
    left = ["豆丁网", "当前位置：豆丁网 > 论文 > 党团工作 > 述职报告", "府谷县副县长2013年述职述廉报告", "上传人：ywq888 | 上传时间：2014-01-09 | 浏览：368次"]
    report = ["2013年述职述廉报告", "府谷县人民政府副县长 高建平", "根据市委组织部的通知要求，现将本人一年来学习、履职和廉洁自律情况报告如下，请予评议。",
              "一、加强学习，不断提高履职能力", "一年来，我始终把学习作为提高素质、做好工作的首要任务。", "展开全文 ▼ 本文档由 ywq888 分享于2014-01-09"]
    doc = _doc(report, "p-738251946.html", "html (utf-8)", {"title": "府谷县副县长2013年述职述廉报告", "date": "2014-01-09"}, left)
    assert (doc.date, doc.year) == ("", "2013")
    doc = _doc(report[:-1], "a.html", "html (utf-8)", {"title": "府谷县副县长2013年述职述廉报告", "date": "2014-01-09"})
    assert doc.date == "2014-01-09"  # (a government site's posting day still dates a page)


def test_a_magazines_pages_and_a_newspapers_page():
    """A party magazine's pages: masthead, issue, table of contents with its pages first and its
    columns' names; the one article the contents list and the pages hold is the title. A county
    paper's page: masthead, day, page label, then the headline."""
    lines = ["支部生活", "ZHIBU SHENGHUO", "2018 · 7", "半月刊", "", "目 录 CONTENTS", "", "特别策划", "04  牢记总书记嘱托  走在前列 全面开创",
             "08  学习贯彻习近平总书记视察山东重要讲话精神综述", "", "书记论坛", "28  以组织振兴引领乡村振兴            周连华", "31  让党旗在项目一线高高飘扬          刘建业",
             "", "……", "", "书记论坛", "以组织振兴引领乡村振兴", "□ 中共淄博市委书记  周连华",
             "习近平总书记在参加十三届全国人大一次会议山东代表团审议时强调，要推动乡村产业振兴、人才振兴、文化振兴、生态振兴、组织振兴。",
             "一、建强战斗堡垒，筑牢乡村振兴的组织根基", "农村基层党组织是党在农村全部工作和战斗力的基础。"]
    doc = _doc(lines)
    assert (doc.title, doc.author, doc.source_name) == ("以组织振兴引领乡村振兴", "周连华（中共淄博市委书记）", "支部生活")
    assert len(doc.paragraphs) == 2
    page = ["今日苍南", "JINRI CANGNAN", "2023年3月17日  星期五  癸卯年二月廿六", "第2版  综合", "", "“积分制”让乡村治理有了“分量”", "", "记者　林晓燕",
            "", "近日，在马站镇三澳村的“积分超市”里，村民王阿婆一边挑选商品，一边高兴地说。", "小积分撬动大治理。去年以来，马站镇以党建为引领推行乡村治理“积分制”管理。"]
    doc = _doc(page)
    assert (doc.title, doc.date, doc.date_source, doc.source_name) == ("“积分制”让乡村治理有了“分量”", "2023-03-17", "source/date line", "今日苍南")


def test_what_the_review_found():
    """Guards the reviewer's cases: a bare 作者 name left out of the extraction (often the site's
    editor) is no author, nor over the speaker a headline names; the city's news on a county-level
    city's site, naming it once, stays the city's; a dateline left out above a news item's source
    line dates nothing; a month alone at the end (a caption's) yields to the news lead's day, and
    a chronicle's months date nothing; an issuer's day-and-name line under a title is no post line;
    a letter-spaced 公　告 is the title, not a column; a Word file's save day anchors no 上周五."""
    news = ["县委书记王建军在全县经济工作会议上的讲话", "同志们：", "今天召开全县经济工作会议，主要任务是总结去年工作，部署今年任务。"]
    left = ["来源：县委办 作者：李丽 发布时间：2023-12-28"]
    assert _doc(news, "a.html", "html (utf-8)", {"date": "2023-12-28"}, left).author == "王建军（县委书记）"
    report = ["政府工作报告", "各位代表：", "现在，我代表县人民政府，向大会报告工作，请予审议。"]
    assert _doc(report, "b.html", "html (utf-8)", {"date": "2023-12-28"}, left).author == ""
    city = ["全市经济工作会议召开", "12月27日，绥化市召开全市经济工作会议，绥化市委书记出席会议并讲话。",
            "会议指出，全市上下要坚定信心，绥化市各县（市、区）要抓好落实，海伦市、肇东市、安达市等地要走在前列。"]
    assert _doc(city, "c.html", "html (utf-8)", {"title": "海伦市人民政府", "date": "2023-12-28"}).locality.locality == "绥化市"
    item = ["阜平县召开全县经济工作会议", "12月27日，阜平县召开全县经济工作会议，县委书记王建军出席会议并讲话。", "会议指出，今年以来，全县经济保持了平稳增长。"]
    left = ["相关链接：", "——2023年1月5日在阜平县第十八届人民代表大会第二次会议上", "来源：阜平县融媒体中心  发布时间：2023-12-28"]
    assert _doc(item, "d.html", "html (utf-8)", {"date": "2023-12-28"}, left).date == "2023-12-27"
    caption = item + ["图为会议现场", "2013年12月"]
    assert _doc(caption, "e.html", "html (utf-8)", {"date": "2023-12-28"}).date == "2023-12-27"
    chronicle = ["阜平县2013年大事记", "2013年1月", "1月5日，县委召开全县经济工作会议。", "2013年2月", "2月10日，县政府召开全县春耕生产工作会议。"]
    assert (_doc(chronicle).date, _doc(chronicle).year) == ("", "2013")
    plan = ["阜平县2023年重点工作要点", "2023-03-02 阜平县人民政府", "发布时间：2023-03-10", "一、扎实推进项目建设", "全年实施重点项目120个，完成投资150亿元以上。"]
    assert _doc(plan).date == "2023-03-02"
    notice = ["阜平县人民政府", "公　　告", "（第1号）", "根据有关法律法规规定，现将有关事项公告如下：全县范围内禁止露天焚烧秸秆。"]
    assert _doc(notice).title == "公 告 （第1号）"
    lead = ["县委常委会研究部署防汛工作", "上周五下午，县委书记王建军主持召开县委常委会，研究部署防汛工作。", "会议指出，全县已全面进入主汛期。"]
    doc = _doc(lead, "a.docx", "docx", {"date": "2023-03-06"})
    assert doc.date_source != "lead (the day of the event)"


def test_a_short_name_before_a_towns_organ_names_the_town():
    """兴隆镇政府工作报告: jieba keeps 镇政府 one word, and 兴隆 before it names the town (of 巴彦县 here),
    not 兴隆县."""
    gaz = Gazetteer.default()
    assert [name for _, name, _ in gaz.find("兴隆镇政府工作报告")] == []
    assert [name for _, name, _ in gaz.find("兴隆县政府工作报告")] == ["兴隆县"]


def test_what_the_second_review_found():
    """A sharing site named in a sentence makes no copy, and on a copy the 发布时间 line copied with the
    text still dates it; a teaser on a text that is no copy drops nothing above it; a day with its
    weekday under a title (no masthead) dates the document as a title block; a cover's English or
    pinyin rendering of its title is no masthead; a date above a table of contents is no title."""
    notice = ["关于加强涉密文件管理的通知", "发布时间：2019-03-01 来源：阜平县保密局",
              "各乡镇、县直各单位：严禁将涉密文件上传至百度文库、道客巴巴、豆丁网等网站，违者严肃追究责任。"]
    assert _doc(notice, "a.html", "html (utf-8)", {"date": "2019-03-01"}).date == "2019-03-01"
    copy = ["阜平县召开全县经济工作会议_360doc个人图书馆", "上传者：fp2019", "发布时间：2019-03-01 来源：阜平县人民政府网",
            "3月1日，阜平县召开全县经济工作会议，县委书记王建军出席会议并讲话。", "会议指出，全县经济保持了平稳增长。"]
    doc = _doc(copy, "b.html", "html (utf-8)", {"date": "2020-06-01", "title": "阜平县召开全县经济工作会议_360doc个人图书馆"})
    assert doc.date == "2019-03-01"
    teaser = ["石桥乡2013年工作总结", "", "2013年，在县委、县政府的正确领导下，我乡紧紧围绕年初确定的目标任务，扎实推进各项工作……", "",
              "2013年，在县委、县政府的正确领导下，我乡紧紧围绕年初确定的目标任务，扎实推进各项工作，全乡经济社会保持了平稳发展。"]
    assert _doc(teaser).title == "石桥乡2013年工作总结"
    day = ["在全县干部大会上的讲话", "2012年1月17日  星期二", "同志们：今天召开全县干部大会，主要任务是总结去年工作，部署今年任务。"]
    assert (_doc(day).date, _doc(day).date_source) == ("2012-01-17", "title block")
    for cover in (["政府工作报告", "GOVERNMENT WORK REPORT"], ["阜平县政府工作报告", "FUPING XIAN ZHENGFU GONGZUO BAOGAO"]):
        assert _doc(cover + ["各位代表：", "现在，我代表县人民政府，向大会报告工作，请予审议。"]).title == cover[0]
    toc = ["二〇一九年一月", "目录", "一、2018年工作回顾………………1", "二、2019年工作安排………………9", "阜平县政府工作报告", "各位代表：",
           "现在，我代表县人民政府，向大会报告工作，请予审议。"]
    assert _doc(toc).title == "阜平县政府工作报告"


def test_a_saved_pages_site_a_readers_office_and_a_fields_widget():
    """A page saved as text keeps its site's header (晋江市人民政府 above its menu): a county-level
    city's speech naming its city more often is still the site's; a 解读人 with the office after the
    name signs the text; an 作者 field's value ends before the page's widgets (and gives way to a leader a news
    item reports, below); an image's placeholder
    is no title."""
    body = ["同志们：", "今天召开市政府全体会议，主要任务是贯彻泉州市委、泉州市政府部署，总结去年工作。", "一、2018年工作回顾",
            "过去一年，全市地区生产总值增长8.5%，晋江市经济总量连续多年位居泉州市各县（市、区）首位。", "二、2019年工作安排",
            "今年，晋江市要对标泉州市的部署，推动高质量发展落地见效。"]
    page = ["晋江市人民政府", "首页  政务公开  政务服务  互动交流  走进晋江  专题专栏", "当前位置：首页 > 政务公开 > 领导讲话", "",
            "在2019年市政府全体（扩大）会议上的讲话", "文章来源：市政府办    发布时间：2019-02-18 11:20", "市长  洪志强"] + body
    assert _doc(page).locality.locality == "晋江市"
    signed = ["《鼓楼区2023年优化营商环境工作要点》政策解读", "一、出台背景", "为持续优化营商环境，区发改局牵头制定了《工作要点》。",
              "解读机关：福州市鼓楼区发展和改革局", "解读人：林晓峰（区发改局营商环境科科长）"]
    assert _doc(signed).author == "林晓峰"
    news = ["容县召开县政府常务会议", "发布时间：2023-09-14 来源：县政府办 作者：覃丽萍 【字体：大 中 小】 【打印】",
            "9月12日，县政府召开常务会议，研究部署秋冬季安全生产工作。"]
    assert _doc(news).author == "覃丽萍"
    # (the poster gives way to the leader who convened the meeting the news reports)
    news[2] = "9月12日，县长李振华主持召开县政府常务会议，研究部署秋冬季安全生产工作。"
    assert _doc(news).author == "李振华（县长）"
    pic = ["图解：2022年琼海市政府工作报告", "[图片：一图读懂2022年琼海市政府工作报告（头图）]", "一、2021年工作回顾",
           "过去一年，全市地区生产总值增长10.5%，经济运行稳中向好。"]
    assert _doc(pic).title == "图解：2022年琼海市政府工作报告"


def test_a_gazette_issue_with_its_contents():
    """A gazette's cover (its name letter-spaced, the year, the issue, who runs it) over a table of
    contents whose entries take two lines (the title, then the number with the leaders and page):
    the first document after the contents gives the title."""
    lines = ["潍 坊 市 人 民 政 府 公 报", "2016", "第 4 期", "（总第 196 期）", "潍坊市人民政府办公室　主办", "2016年4月28日出版", "目　　录", "【市政府文件】",
             "潍坊市人民政府关于加快农村电子商务发展的意见", "　（潍政发〔2016〕6号）…………………………………………（1）",
             "潍坊市人民政府关于公布2016年市级重点建设项目名单的通知", "　（潍政字〔2016〕27号）………………………………………（4）", "",
             "关于加快农村电子商务发展的意见", "潍政发〔2016〕6号", "各县市区人民政府，市属各开发区管委会：",
             "为深入贯彻落实国务院办公厅关于促进农村电子商务加快发展的指导意见，现提出如下意见。"]
    doc = _doc(lines)
    assert doc.title == "关于加快农村电子商务发展的意见" and doc.year == "2016"
    assert _reasons(doc)[1] == "gazette header" and _reasons(doc)[5] == "compiler line" and _reasons(doc)[9] == "table of contents"


def test_a_forum_thread_holding_a_speech():
    """A forum thread read from the page's lines: its buttons, ranks and post stamps are furniture;
    the speech the poster pasted below a note gives the title, speaker and date."""
    from pathlib import Path as _Path
    from pipeline.readers import read_html
    path = _Path(__file__).parent / "fixtures" / "forum" / "thread-86213-1-1.html"
    raw = read_html(path.read_bytes(), path)
    doc = _doc(raw.lines, path.name, raw.encoding, raw.meta, raw.left_out)
    assert (doc.author, doc.date, doc.locality.locality) == ("陈海波（市长）", "2013-04-28", "北流市")

"""Drafts and official notices, a session's compiled papers, WeChat posts and the lines a web
page leaves out: where the title, date, author and place are when the file does not set them
as a plain speech does."""

import pytest
from conftest import SPEECH
from conftest import make_doc as _doc

from pipeline.gazetteer import infer_locality
from pipeline.readers import wechat_posted
from pipeline.text import classify_line, dateline


@pytest.mark.parametrize("line, reason", [
    ("征求意见稿", "draft mark"), ("（讨论稿）", "draft mark"), ("【送审稿】", "draft mark"), ("（请勿外传）", "handling mark"),
    ("文档贡献者  hrbsc2010", "document site prompt"), ("上传于2013-03-04", "document site prompt"),
    ("肃南裕固族自治县融媒体中心官方公众号", "social media profile"), ("湄潭县融媒体中心官方公众号，权威发布湄潭资讯。", "social media profile"),
    ("以下文章来源于湄潭发布", "social media profile"), ("《荆州年鉴2011》·特载·", "yearbook header"),
])
def test_marks_and_furniture(line, reason):
    assert classify_line(line, 40).reason == reason


@pytest.mark.parametrize("line", ["讨论稿的修改意见如下", "（一）征求意见稿起草情况", "县政府官方公众号“平安临泉”发布预警信息，提醒群众注意防范。"])
def test_not_marks(line):
    assert classify_line(line, 40).reason not in ("draft mark", "social media profile")


def test_a_catalogue_row_of_its_posting_date_and_a_data_tables_row():
    """A 信息公开 catalogue's row holding only 发布日期 and 分类 is header fields; a data table's
    row of a name and a time is not."""
    k = classify_line("| 发布日期： | 2021年01月19日 | 分类： | 领导讲话 |", 40)
    assert k.kind == "metadata" and ("发布日期", "2021年01月19日") in k.fields
    assert classify_line("| 时间： | 2012年3月5日 | 地点： | 县政府三楼会议室 |", 40).kind == "table"


@pytest.mark.parametrize("line, author", [
    ("师市党委书记、第八师政委 赵卫东", "赵卫东（师市党委书记、第八师政委）"),
    ("市委书记、市委双拥工作领导小组组长　朴成哲", "朴成哲（市委书记、市委双拥工作领导小组组长）"),
])
def test_bylines_of_a_bingtuan_division_and_a_groups_lead(line, author):
    k = classify_line(line, 40)
    assert (k.reason, k.value) == ("byline", author)


def test_a_groups_lead_alone_is_no_byline():
    assert classify_line("组长 刘国强", 40).reason != "byline"


def test_a_speechs_day_and_speaker_that_the_page_left_out():
    """A speech's page whose extraction left out the day set apart under the title and the speaker's
    line: they still date the speech and name its speaker (not the page's 发布日期)."""
    lines = ["| 索引号： | bt8-0101-2021-0007 | 发文机关： | 第八师石河子市党委办公室 |", "| 发布日期： | 2021年01月19日 | 分类： | 领导讲话 |",
             "在第八师石河子市经济工作会议上的讲话"] + SPEECH
    left = ["新疆生产建设兵团第八师 石河子市", "您现在的位置：首页 >> 领导之窗 >> 领导讲话", "（2021年1月15日）", "师市党委书记、第八师政委 赵卫东",
            "信息来源：师市党委办公室 作者： 点击数：2104 【字体：大 中 小】"]
    doc = _doc(lines, "content_4471.htm", "html (gb18030)", {"title": "在第八师石河子市经济工作会议上的讲话"}, left)
    assert (doc.date, doc.author) == ("2021-01-15", "赵卫东（师市党委书记、第八师政委）")
    # the page's own day where nothing else dates it
    assert _doc(lines, "content_4471.htm", "html (gb18030)", {}, left[:2]).date == "2021-01-19"
    # a news page (no salutation opening its text) takes no speaker from left-out lines
    news = ["石河子市召开经济工作会议", "1月15日，第八师石河子市经济工作会议召开，总结2020年工作，部署2021年任务。"]
    assert _doc(news, "b.htm", "html (utf-8)", {"date": "2021-01-19"}, left).author == ""


def test_a_drafts_marks_and_its_blank_day():
    """A draft's marks (征求意见稿, （请勿外传）, （讨论稿）) are no part of its title, and a day
    left blank for the meeting (2021年1月  日) leaves the month."""
    assert dateline("——2021年1月  日在信丰县第十七届人民代表大会第五次会议上").date == "2021-01"
    assert dateline("（2021年1月__日在信丰县第十七届人民代表大会第五次会议上）").date == "2021-01"
    lines = ["附件1", "", "征求意见稿", "（请勿外传）", "政 府 工 作 报 告", "——2021年1月  日在信丰县第十七届人民代表大会第五次会议上", "县长  钟建华",
             "各位代表：", "现在，我代表县人民政府向大会报告工作，请予审议，并请县政协委员和其他列席人员提出意见。"]
    doc = _doc(lines, "附件1：政府工作报告（征求意见稿）.docx", "docx")
    assert (doc.title, doc.date, doc.locality.locality) == ("政府工作报告", "2021-01", "信丰县")
    doc = _doc(["在全县脱贫攻坚工作推进会议上的讲话（讨论稿）", "马建龙"] + SPEECH)
    assert doc.title == "在全县脱贫攻坚工作推进会议上的讲话"


def test_an_official_documents_title_with_its_issuer():
    """GB/T 9704 sets a 公文's title as its issuer, 关于, matter and kind, often over two lines
    under the red head: one title, and the issuer still the issuer; joint issuers too, and a title
    that issues a document without 关于 of its own. A body above a headline is no title's part."""
    lines = ["涞源县人民政府办公室文件", "", "涞政办发〔2020〕6号", "", "涞源县人民政府办公室", "关于印发涞源县2020年重点工作任务分解方案的通知", "",
             "各乡镇人民政府，县政府各部门，各有关单位：", "《涞源县2020年重点工作任务分解方案》已经县政府常务会议研究同意，现印发给你们，请认真抓好贯彻落实。"]
    doc = _doc(lines, "涞政办发[2020]6号.docx", "docx")
    assert (doc.title, doc.issuer) == ("涞源县人民政府办公室关于印发涞源县2020年重点工作任务分解方案的通知", "涞源县人民政府办公室")
    joint = _doc(["中共曲靖市委　曲靖市人民政府", "印发《关于加快推进高原特色农业现代化的意见》的通知"] + lines[7:])
    assert joint.title == "中共曲靖市委 曲靖市人民政府印发《关于加快推进高原特色农业现代化的意见》的通知"  # (blanks cleaned to one)
    news = _doc(["涞源县人民政府办公室", "我县召开春节期间安全生产工作会议", "1月10日，县政府召开春节期间安全生产工作会议，部署节日安全工作。"])
    assert news.title == "我县召开春节期间安全生产工作会议"


def test_a_sessions_compiled_papers():
    """A session's compilation (cover, volume number, table of contents with leaders and pages):
    the report after the contents is the document, dated by its dateline wrapped over two lines."""
    lines = ["九江市第十四届人民代表大会", "第三次会议文件", "（一）", "", "目　　录", "",
             "政府工作报告……………………………………………………（1）",
             "关于九江市2012年预算执行情况与2013年预算草案的报告……………………（33）",
             "九江市人民检察院工作报告………………………………（65）", "", "政　府　工　作　报　告",
             "——2013年1月8日在九江市第十四届人民代表大会第三", "次会议上", "九江市人民政府市长　周晓峰", "", "各位代表：",
             "现在，我代表市人民政府向大会报告工作，请予审议，并请各位市政协委员和列席会议的同志提出意见。", "一、2012年工作回顾",
             "过去的一年，面对复杂严峻的宏观经济形势，全市上下深入贯彻落实科学发展观，经济社会保持了平稳较快发展。"]
    doc = _doc(lines)
    assert (doc.title, doc.date, doc.locality.locality) == ("政府工作报告", "2013-01-08", "九江市")
    assert doc.author.startswith("周晓峰")
    reasons = {r["line"]: r["reason"] for r in doc.log if r["line"]}
    assert reasons[3] == "paper number" and reasons[7] == reasons[9] == "table of contents"


def test_a_papers_instalment_is_no_part_of_the_title():
    assert _doc(["在全市经济工作会议上的讲话（上）", "市委书记　徐新荣"] + SPEECH).title == "在全市经济工作会议上的讲话"


def test_a_short_name_repeated_in_a_speech_of_its_level():
    """A county's short name said twice in a speech whose speaker is a county's (县长) locates it;
    once, or a name two units share, or a two-character county's whole name read in a slogan
    (旅游兴县) does not."""
    author = ["孙立伟（县委副书记、县长）"]
    twice = infer_locality({"author": author, "body": ["为建设更高水平的平安临泉作出贡献。", "加快推动临泉高质量发展。"]})
    assert twice.locality == "临泉县"
    once = infer_locality({"author": author, "body": ["为建设更高水平的平安临泉作出贡献。"]})
    assert not once.found
    assert not infer_locality({"body": ["为建设更高水平的平安临泉作出贡献。", "加快推动临泉高质量发展。"]}).found  # (no speaker's level)
    assert not infer_locality({"author": author, "body": ["坚持旅游兴县、工业富县战略。", "坚持科教兴县。"]}).found


def test_a_lead_presenting_the_speech_and_a_posts_account_line():
    """A post's lead that presents the speech below it (…出席会议并讲话。现将讲话全文刊发如下：)
    dates the speech, with its year or the post's; a post's account-and-time line is the post's."""
    lines = ["点击蓝字 关注我们", "2020年12月30日，旗委经济工作会议召开。旗委书记李志强出席会议并讲话。现将讲话全文刊发如下：",
             "坚定信心 乘势而上", "奋力开创“十四五”高质量发展新局面", "——在旗委经济工作会议上的讲话", "李志强"] + SPEECH
    doc = _doc(lines, "a.html", "html (utf-8)", {"title": "旗委书记李志强在旗委经济工作会议上的讲话", "date": "2021-01-04"})
    assert (doc.date, doc.date_source) == ("2020-12-30", "lead (the day of the event)")
    post = ["【全文】县委书记马卫东在县委十五届二次全会上的讲话", "伊宁县发布 2022-01-08 21:30", "", "点击蓝字关注我们", "",
            "在中共伊宁县委十五届二次全体（扩大）会议上的讲话", "（2022年1月6日）", "马卫东"] + SPEECH
    doc = _doc(post)
    assert (doc.title, doc.date, doc.author) == ("在中共伊宁县委十五届二次全体（扩大）会议上的讲话", "2022-01-06", "马卫东")
    # a repost's card: the account's name under it is no title
    card = ["以下文章来源于湄潭发布", "湄潭发布", "湄潭县融媒体中心官方公众号，权威发布湄潭资讯。", "",
            "7月28日，中国共产党湄潭县第十四届委员会第三次全体会议召开。全会总结上半年工作，安排部署下半年任务。"]
    doc = _doc(card, "b.html", "html (utf-8)", {"title": "中国共产党湄潭县第十四届委员会第三次全体会议召开", "date": "2022-07-29"})
    assert (doc.title, doc.date) == ("中国共产党湄潭县第十四届委员会第三次全体会议召开", "2022-07-28")


@pytest.mark.parametrize("script, day", [
    ('var ct = "1703682720";\n var publish_time = "" || "";', "2023-12-27"),
    ('var ct = "1710806700";\n var publish_time = "2024-03-19" || "";', "2024-03-19"),
    ('var ct = "1703606400";', "2023-12-27"),  # (midnight in China, the day before in UTC)
    ("var title = '2023';", ""),
])
def test_a_wechat_pages_posting_day_from_its_script(script, day):
    assert wechat_posted(f"<html><script>{script}</script></html>") == day


def test_radicals_a_pdfs_fonts_give_for_characters():
    """pdftotext writes some fonts' characters as radicals (KANGXI RADICAL WORK ⼯, CJK RADICAL
    C-SIMPLIFIED LONG ⻓): the text reads as the characters, so the report is dated and placed."""
    from pipeline.text import clean_line

    assert clean_line("政府⼯作报告 1⽉12⽇ ⼈民 ⺠族") == "政府工作报告 1月12日 人民 民族"
    lines = ["政府⼯作报告", "——2016年1⽉12⽇在兰考县第⼗四届⼈民代表⼤会第五次会议上", "兰考县⼈民政府县⻓  蔡⽂彬", "",
             "各位代表：", "现在，我代表县⼈民政府，向⼤会报告⼯作，请予审议，并请县政协委员和其他列席⼈员提出意⻅。"]
    doc = _doc(lines)
    assert (doc.title, doc.date, doc.author, doc.locality.locality) == ("政府工作报告", "2016-01-12", "蔡文彬（兰考县人民政府县长）", "兰考县")


def test_a_pages_label_over_its_text_and_a_column_of_documents():
    """A database's 全文 label over the text is no title; a <title> of a site and its column of
    documents (莱芜政府网－－政府文件) names no article: the page's headline does."""
    assert classify_line("全文", 40).reason == "text label" and classify_line("正文", 40).reason == "text label"
    body = ["莱政办发〔2007〕96号", "各区人民政府，市政府各部门：", "2008年元旦、春节即将来临。为确保全市人民度过一个欢乐祥和的节日，现就做好节日期间有关工作通知如下："]
    meta = {"title": "莱芜政府网－－政府文件", "headings": "莱芜市人民政府办公室关于切实做好2008年元旦春节期间有关工作的通知"}
    assert _doc(body, "a.html", "html (gb18030)", meta).title == "莱芜市人民政府办公室关于切实做好2008年元旦春节期间有关工作的通知"


def test_a_left_out_dateline_under_the_headline_and_an_e_papers_day():
    """Where no 来源 line was left out, the dateline and speaker the extraction left out under the
    page's headline still date the report and name its speaker; an e-paper's bar gives the issue's
    day, from which a lead's 昨天 counts."""
    report = ["【本報訊】記者陳志豪珠海報道：珠海市第七屆人民代表大會第一次會議十五日開幕。本報今日刊出市政府工作報告摘要。", "各位代表：",
              "現在，我代表市人民政府向大會報告工作，請予審議。"]
    left = ["二○○八年一月十八日 星期五 丁亥年十二月十一日", "您現在的位置：大公網 >> 珠三角 >> 專題 >> 珠海兩會", "珠海市政府工作報告（摘要）",
            "——二○○八年一月十五日在珠海市第七屆人民代表大會第一次會議上", "珠海市市長 鍾華生", "【大公報訊】 2008-01-18 【字體：大 中 小】"]
    doc = _doc(report, "ZM-856321.htm", "html (big5)", {"title": "大公報 -- 珠海市政府工作報告（摘要）", "date": "2008-01-18",
                                                        "headings": "珠海市政府工作報告（摘要）"}, left)
    assert (doc.date, doc.author) == ("2008-01-15", "钟华生（珠海市市长）")
    news = ["本报讯（记者 钟华 刘晓东）昨天，市委经济工作会议在市行政中心召开。会议总结今年经济工作，部署明年经济工作。"]
    left = ["2016年12月24日 星期六 第01版：要闻 上一版 下一版 往期回顾 PDF版", "版面导航"]
    doc = _doc(news, "content_215736.htm", "html (gb18030)", {"title": "市委经济工作会议召开"}, left)
    assert (doc.date, doc.date_source) == ("2016-12-23", "lead (the day of the event)")


def test_a_leads_clause_to_its_next_mark():
    """The lead's event, read to its next mark (我县召开防御第5号台风“杜苏芮”工作视频调度会, 市长赵启明深入陈仓区、
    凤翔区、眉县，调研…), names what the headline names."""
    news = ["7月26日上午，我县召开防御第5号台风“杜苏芮”工作视频调度会，动员部署全县防御工作。"]
    doc = _doc(news, "a.html", "html (utf-8)", {"title": "我县部署防御第5号台风“杜苏芮”工作", "date": "2023-07-27"})
    assert doc.date == "2023-07-26"
    news = ["2024年4月9日，市委副书记、市长赵启明深入陈仓区、凤翔区、眉县，调研重点项目建设和招商引资工作。"]
    doc = _doc(news, "b.html", "html (utf-8)", {"title": "赵启明调研重点项目建设和招商引资工作", "date": "2024-04-10"})
    assert doc.date == "2024-04-09"


def test_a_repeated_short_name_that_is_also_a_word_beside_a_named_county():
    """平原 twice in a 澧县 speech is the plain, not 平原县: where a unit is named in full, a repeated
    short name needs the usual support."""
    loc = infer_locality({"author": ["王启武（澧县县委书记）"], "body": ["澧县地处洞庭湖平原西缘。", "澧阳平原是全省重要的粮食产区。"]})
    assert loc.locality == "澧县" and "平原县 (body×2; weight 0.2)" in loc.evidence  # (unsupported: a tenth of its weight)


def test_what_the_new_rules_leave_alone():
    """The cases a review found the rules above first misread: a left-out 发布时间 line is no
    speech's day; a lake's or a river's name twice is no county; a sentence about an official
    account is text; a lead's source (记者从…获悉) and its later day are not the event's; radicals
    only written as components stay as they are; a clause after an office is no byline."""
    report = ["同志们：", "今天召开全县经济工作会议。", "县发展和改革局", "2021年1月10日"]
    left = ["在全县经济工作会议上的讲话", "发布时间：2021年3月19日", "来源：县政府办公室"]
    doc = _doc(report, "a.html", "html (utf-8)", {"title": "在全县经济工作会议上的讲话"}, left)
    assert doc.date_source != "title block" and doc.date != "2021-03-19"
    author = ["孙立伟（县委副书记、县长）"]
    assert not infer_locality({"author": author, "body": ["加强太湖水环境综合治理。", "太湖蓝藻防控工作任务艰巨。"]}).found
    assert not infer_locality({"author": author, "body": ["唐河流域综合整治。", "唐河流域生态修复。"]}).found
    assert classify_line("县政府官方微信，全年发布信息3000余条，阅读量突破100万人次。", 40).kind == "body"
    assert classify_line("开通官方微信", 40).reason != "social media profile"
    news = ["9月18日，记者从县农业农村局获悉，我县将于9月23日举办第五届中国农民丰收节。"]
    doc = _doc(news, "b.html", "html (utf-8)", {"title": "我县将举办第五届中国农民丰收节", "date": "2023-09-19"})
    assert doc.date_source != "lead (the day of the event)"
    from pipeline.text import clean_line

    assert clean_line("⺩明 ⻈") == "⺩明 ⻈"
    assert classify_line("县委书记、组长 负总责", 40).reason != "byline" and classify_line("政委 要带头", 40).reason != "byline"
    assert classify_line("县委书记 刀建明", 40).value == "刀建明（县委书记）"


def test_issuers_on_lines_of_their_own_and_a_drafts_title():
    """Joint issuers each on its line above the title are all the title's; a draft's mark after the
    title does not keep the issuer off it (and is dropped)."""
    body = ["各乡镇人民政府，县直各部门：", "为做好2020年春节期间有关工作，现就有关事项通知如下。"]
    doc = _doc(["中共涞源县委办公室", "涞源县人民政府办公室", "关于做好2020年春节期间有关工作的通知"] + body)
    assert doc.title == "中共涞源县委办公室 涞源县人民政府办公室关于做好2020年春节期间有关工作的通知"
    doc = _doc(["县应急管理局", "关于2023年安全生产工作情况的通报（征求意见稿）"] + body)
    assert doc.title == "县应急管理局关于2023年安全生产工作情况的通报"


def test_a_courts_report_posted_with_its_own_head_below_the_lead():
    """A court's or a procuratorate's head signs its report (院长, 检察长); a post's topic lines are
    furniture, its account-twice line the post's; the report's own title over its dateline, below the
    lead, dates the report by its meeting and names its speaker."""
    assert classify_line("三台县人民法院院长 何志刚", 40).value == "何志刚（三台县人民法院院长）"
    assert classify_line("收录于话题", 40).reason == classify_line("#两会时间 12个", 40).reason == "social media prompt"
    post = ["重磅！周口市人民检察院工作报告（全文）", "", "周口检察 周口检察 2021-02-01 18:30", "", "收录于话题", "#两会时间 12个", "",
            "1月27日，周口市第五届人民代表大会第五次会议听取并审议了市人民检察院代理检察长孙伟所作的工作报告。", "",
            "周口市人民检察院工作报告", "", "——2021年1月27日在周口市第五届人民代表大会第五次会议上", "", "周口市人民检察院代理检察长 孙伟", "",
            "各位代表：", "现在，我代表周口市人民检察院向大会报告工作，请予审议。"]
    doc = _doc(post)
    assert (doc.date, doc.date_source, doc.author) == ("2021-01-27", "meeting line", "孙伟（周口市人民检察院代理检察长）")
    reasons = {r["line"]: r["reason"] for r in doc.log if r["line"]}
    assert reasons[3] == "source/date line" and reasons[12] == "dateline (of the speech, below the lead)"


def test_a_catalogue_copied_as_text_with_keys_over_values():
    """A 信息公开 catalogue copied from a page, each key on its line and its value under it: all
    metadata, 生成日期 dates the page, 发布机构 issues it, and its 名称 yields to the speech's own
    title below (not the headline that only puts the speaker before it)."""
    lines = ["索 引 号：", "014108963/2022-00045", "", "信息分类：", "讲话 / 安全生产监管", "", "发布机构：", "盐城市大丰区人民政府办公室", "",
             "生成日期：", "2022-02-25", "", "文件编号：", "", "名　　称：", "顾晓东区长在全区安全生产工作会议上的讲话", "",
             "顾晓东区长在全区安全生产工作会议上的讲话", "", "在全区安全生产工作会议上的讲话", "区委副书记、区长　顾晓东", "（2022年2月18日）"] + SPEECH
    doc = _doc(lines)
    assert (doc.title, doc.date, doc.issuer) == ("在全区安全生产工作会议上的讲话", "2022-02-18", "盐城市大丰区人民政府办公室")
    reasons = {r["line"]: r["reason"] for r in doc.log if r["line"]}
    assert reasons[2] == reasons[5] == "header field's value (on the line under its key)" and reasons[13] == "catalogue field (no value)"
    assert classify_line("名称：磁县人民政府办公室关于做好2023—2024年度冬春季森林草原防灭火工作的通知", 40).kind == "metadata"
    assert classify_line("名称：县人民医院住院楼", 40).kind != "metadata"  # (a list's item)


def test_a_township_text_on_its_banners_site():
    """A 苏木's report whose text names its banner's organs (旗委) stands on its banner's site."""
    body = ["2021年，辉苏木党委在旗委的坚强领导下，认真落实基层党建工作责任制，推动各嘎查党支部标准化规范化建设。",
            "一、履行职责情况", "按照旗委组织部统一安排，苏木党委全年召开党建工作专题会议12次，研究解决问题23个。"]
    doc = _doc(["辉苏木党委书记2021年度抓基层党建工作述职报告"] + body, "content_4471.htm", "html (utf-8)",
               {"title": "辉苏木党委书记2021年度抓基层党建工作述职报告-鄂温克族自治旗人民政府"})
    assert doc.locality.locality == "鄂温克族自治旗"


def test_what_the_second_review_found():
    """A meeting notice's 时间： / 2023年3月10日 inside the text stays text and dates nothing; a 名称
    line in the body names no title; a title under an empty 主题词 key stays the title; 和 is a
    surname (丽江's Naxi); a theme headline over the own title keeps its theme, a speaker's is left
    for the own title with the speaker as author; office-holders listed under 成员： are text."""
    notice = ["关于召开全县安全生产工作会议的通知", "各乡镇人民政府，县直各单位：", "经县政府研究，决定召开全县安全生产工作会议。现将有关事项通知如下：",
              "时间：", "2023年3月10日", "地点：", "县政府三楼会议室", "请各单位准时参会。"]
    doc = _doc(notice, "a.html", "html (utf-8)", {"date": "2023-03-01"})
    assert doc.date == "2023-03-01" and {r["line"]: r["status"] for r in doc.log if r["line"]}[5] != "metadata"
    body = ["关于印发临泉县高标准农田建设项目实施方案的通知", "各乡镇人民政府：", "现将实施方案印发给你们，请认真贯彻执行。", "名称：临泉县2023年高标准农田建设项目实施方案"]
    assert _doc(body).title == "关于印发临泉县高标准农田建设项目实施方案的通知"
    catalogue = ["索 引 号：", "014108963/2022-00045", "主 题 词：", "关于印发盐城市大丰区2022年安全生产工作要点的通知",
                 "各镇人民政府，区各有关部门：", "现将工作要点印发给你们，请认真贯彻执行。"]
    assert _doc(catalogue).title == "关于印发盐城市大丰区2022年安全生产工作要点的通知"
    assert classify_line("丽江市委书记 和良辉", 40).value == "和良辉（丽江市委书记）"
    theme = _doc(["凝心聚力 实干争先 在全区经济工作会议上的讲话", "", "在全区经济工作会议上的讲话"] + SPEECH)
    assert theme.title.startswith("凝心聚力 实干争先")
    named = _doc(["顾晓东区长在全区安全生产工作会议上的讲话", "", "在全区安全生产工作会议上的讲话"] + SPEECH)
    assert (named.title, named.author) == ("在全区安全生产工作会议上的讲话", "顾晓东（区长）")
    group = ["关于成立县医疗卫生体制改革领导小组的通知", "各乡镇人民政府：", "为加强对医改工作的领导，县政府决定成立领导小组。组成人员如下：",
             "组  长：副县长 李四", "成  员：", "县人民医院院长 王五", "县中医院院长 赵六", "县妇幼保健院院长 钱七"]
    doc = _doc(group)
    assert any("王五" in p["text"] for p in doc.paragraphs) and any("钱七" in p["text"] for p in doc.paragraphs)
    assert classify_line("19-24 分钟", 40).reason == "reading time"


def test_a_speakers_name_over_the_closing_date():
    """A report whose speaker signs only at its end, the name over the date, is his; a body's name
    over a date in a notice (no 同志们： at the top) is not taken so."""
    lines = ["聚焦主责主业　强化监督执纪问责", "——在中共霍邱县第十二届纪律检查委员会第五次全体会议上的工作报告", "同志们：",
             "现在，我代表中共霍邱县纪律检查委员会常务委员会向全会作工作报告，请予审议。", "同志们，党风廉政建设和反腐败斗争任重道远。", "",
             "周德明", "二〇一五年二月十日"]
    doc = _doc(lines)
    assert (doc.author, doc.date) == ("周德明", "2015-02-10")
    notice = ["关于做好春节期间安全生产工作的通知", "各乡镇人民政府：", "春节将至，请各单位切实做好安全生产工作。", "", "李明", "2015年2月10日"]
    assert _doc(notice).author == ""


def test_taiwan_named_by_a_fujian_text_and_a_governor_visiting_a_city():
    """台湾 in a mainland text's body is what its cross-strait work is about, not where it is from; a
    governor's speech on a city's visit (韩立新省长在赣州调研…) is the province's."""
    body = ["加强闽台农业合作，吸引台湾同胞来我省投资兴业。", "深化对台交流，建设海峡西岸经济区，台湾农民创业园建设加快推进。"]
    loc = infer_locality({"author": ["省长"], "body": body})
    assert loc.locality != "台湾省"
    assert infer_locality({"title": ["台湾省政府施政报告"], "body": body}).locality == "台湾省"  # (a header still may)
    speech = ["韩立新省长在赣州调研工作座谈会上的讲话", "同志们：", "这次来赣州调研，看了一些项目，听了市委、市政府的汇报。赣州市这几年发展很快。",
              "赣州要抓住机遇，加快振兴发展。希望赣州市委、市政府再接再厉。"]
    doc = _doc(speech)
    assert (doc.locality.locality, doc.locality.level) == ("江西省", "province")
    assert classify_line("开县年鉴（2007）　　　　重要文献", 40).reason == "yearbook header"


def test_a_stray_utf8_byte_order_mark_before_gb18030_text():
    """A UTF-8 byte-order mark some tool set before GB18030 text: the text reads as GB18030 and the
    encoding says the mark was dropped; a mark before bytes no codec reads is still refused."""
    from pipeline.readers import ReadError, decode

    text, encoding = decode(b"\xef\xbb\xbf" + "在全县经济工作会议上的讲话\n同志们：今天召开全县经济工作会议。".encode("gb18030"))
    assert text.startswith("在全县经济工作会议上的讲话") and encoding == "gb18030 (after a stray utf-8 byte-order mark, dropped)"
    with pytest.raises(ReadError, match="byte-order mark"):
        decode(b"\xef\xbb\xbf" + bytes(range(128, 256)) * 4)


@pytest.mark.parametrize("headline, title", [("重磅｜县委书记孙永林在全县三级干部大会上的讲话", "县委书记孙永林在全县三级干部大会上的讲话"),
                                             ("权威发布丨2023年政府工作报告", "2023年政府工作报告"), ("关注民生实事项目", "关注民生实事项目"),
                                             ("图解｜2025年博罗县政府工作报告", "图解｜2025年博罗县政府工作报告")])
def test_an_accounts_call_before_the_headline(headline, title):
    """重磅｜, 权威发布丨: an account's call before its headline, no part of the title (a headline that
    begins with the word, 关注民生…, and what a post is, 图解｜, stay)."""
    assert _doc([headline, "同志们：", "今天召开这次会议，主要任务是总结去年工作，部署今年任务。"]).title == title


def test_the_font_switch_before_a_pages_fields_and_a_site_account_as_author():
    """A line opening with the page's font switch and holding its posting time (字体:大 中 小 发布时间:…) is the page's
    header, so the lead's day gets its year; a page's 作者 field naming the site's account (作者:renda) names nobody."""
    assert classify_line("字体:大 中 小 发布时间:2020-08-25 08:13:16 稿源:", 80).kind == "metadata"
    assert classify_line("字体:大 中 小", 80).kind == "boilerplate"
    news = ["郭海磊主持召开县政府第49次常务会议", "字体:大 中 小 发布时间:2020-08-25 08:13:16 稿源:",
            "8月24日,县委副书记、县长郭海磊主持召开县政府第49次常务会议。会议学习了有关文件精神，研究了近期重点工作。"]
    assert _doc(news).date == "2020-08-24"
    report = ["政府工作报告", "", "发布日期:2017-03-20 16:20 作者:renda  阅读: 次", "", "各位代表:",
              "现在,我代表市人民政府,向大会报告工作,请予审议,并请市政协各位委员提出意见。"]
    assert _doc(report).author == ""
    report[2] = "发布日期:2017-03-20 16:20 作者:林建国  阅读: 次"
    assert _doc(report).author == "林建国"


def test_a_site_stamp_day_first_a_site_address_before_fields_and_bracketed_widgets():
    """A posting stamp some templates print day first (19.12.2019  09:50) dates the page (an outline's 1.1.2019年 is no
    stamp); a line of fields after the site's address (www.daliank.com   填报时间:…) and a widget bar in 〖〗 are the
    page's furniture, so the report's meeting line under them still dates it."""
    news = ["开发区、县(市)区党(工)委书记工作座谈会召开", "", "19.12.2019  09:50", "",
            "12月18日，市委书记徐立毅主持召开开发区、县(市)区党(工)委书记工作座谈会，听取各地工作汇报。"]
    assert _doc(news).date == "2019-12-18"
    assert _doc(["1.1.2019年工作回顾", "全年地区生产总值增长6.5%，一般公共预算收入增长8%。"]).date == ""
    report = ["2008年政府工作报告", "", "www.daliank.com   填报时间:2009-03-02   责任单位:双流县政府办公室",
              "〖字体: 〗〖背景色:杏仁黄 秋叶褐 胭脂红〗〖打印本稿〗〖关闭", "政 府 工 作 报 告", "——2009年1月11日在双流县第十六届人民代表大会第四次会议上",
              "双流县人民政府县长 森 林", "", "各位代表:", "现在,我代表县人民政府向大会报告工作,请予审议,并请县政协委员提出意见。"]
    assert classify_line(report[3], 80).kind == "boilerplate"
    assert classify_line(report[2], 80).kind == "metadata"
    assert _doc(report).date == "2009-01-11"


def test_a_news_sites_lead_a_caption_below_the_text_and_a_columns_name():
    """A site's 网讯: before the lead's day, a photo's caption of an office-holder below the text (not the leader whose
    report the news gives), and a column's name that reads like a name (武进新闻) are none of them the author."""
    news = ["都昌县第十七届人民代表大会第一次会议隆重开幕", "", "2021-10-12    来源:都昌发布", "",
            "九广网讯:10月11日,都昌县第十七届人民代表大会第一次会议隆重开幕,来自全县各条战线的人大代表汇聚一堂,共商发展大计。",
            "", "县人大常委会主任 石和平", "", "县人大常委会主任石和平主持大会,并宣布大会开幕。", "", "代县长 万述幼", "",
            "县人民政府代县长万述幼向大会作政府工作报告。报告指出,过去五年是都昌发展极不平凡的五年。"]
    doc = _doc(news)
    assert (doc.date, doc.author) == ("2021-10-11", "万述幼（县人民政府代县长）")
    column = ["武进新闻", "", "武进区十六届人大三次会议召开代表团召集人会议", "时间:2019-01-08 19:22:46  来源:武进新闻  作者:阳湖网",
              "今天上午,武进区第十六届人民代表大会第三次会议召开代表团召集人会议,副市长、区委书记李林发表讲话,区人大常委会主任臧建中主持会议。",
              "李林强调,要提高政治站位,充分认识大会的重要意义。", "", "武进新闻"]
    assert _doc(column).author == "李林（副市长、区委书记）"


def test_a_place_only_in_the_title_of_a_work_the_text_cites_does_not_locate_it():
    """《山东省人才发展促进条例》 in a district's minutes is the province's law the district studied, not its text."""
    lines = ["区政府第七十三次常务会议", "7月14日上午,区长王德海主持召开区政府第七十三次常务会议。",
             "会议学习了《中华人民共和国就业促进法》及《山东省人才发展促进条例》。会议指出,就业是最大的民生。",
             "会议还研究了《山东省人才发展促进条例》的贯彻落实工作。"]
    assert (_doc(lines).locality.locality, _doc(lines).locality.province) == ("", "")
    # named outside the works it cites, the province counts (a district's text under it: its province, the district unknown)
    lines[2] = "会议学习了山东省人才工作会议精神。会议指出,就业是最大的民生。山东省将出台人才发展促进条例。"
    assert _doc(lines).locality.province == "山东省"


def test_what_a_review_of_the_rules_above_found():
    """A widget bar in brackets before the posting time is the page's header; a site's address before a notice's own
    period is text; 王之声 is a name; a speech's byline under the lead that presents it is its speaker's; a county's own plans
    cited by title still place its minutes."""
    news = ["郭海磊主持召开县政府第49次常务会议", "【字体：大 中 小】【打印】【关闭】 发布时间：2020-08-25 08:13:16",
            "8月24日,县委副书记、县长郭海磊主持召开县政府第49次常务会议。会议学习了有关文件精神，研究了近期重点工作。"]
    assert _doc(news).date == "2020-08-24"
    assert classify_line("www.ahrsks.cn   时间：2023年5月8日至5月12日", 80).kind != "metadata"
    assert _doc(["在全县经济工作会议上的讲话", "（2021年1月15日）", "王之声"] + SPEECH).author == "王之声"
    presented = ["全县安全生产工作会议召开", "2023-03-03 来源：县融媒体中心",
                 "3月2日，全县安全生产工作会议召开。县委书记张伟作出批示，副县长刘明出席会议并讲话。现将刘明同志讲话摘要刊发如下。",
                 "副县长 刘明", "同志们：", "今天召开全县安全生产工作会议，主要任务是总结去年工作，部署今年任务。"]
    assert _doc(presented).author == "刘明（副县长）"
    minutes = ["县政府第十二次常务会议纪要", "3月5日，县长王立新主持召开县政府第十二次常务会议。",
               "会议审议通过了《宁陵县城乡环境综合整治实施方案》，原则同意《宁陵县防汛应急预案（修订）》。"]
    assert _doc(minutes).locality.locality == "宁陵县"


def test_a_prefectures_secretary_and_words_after_an_ascii_comma():
    """地委书记 is an office as 市委书记 is, and a clause after a comma typed in ASCII (,窦万贵指出) opens a speaker's words:
    the news is the secretary's, not the 作者 field's reporter's."""
    news = ["阿克苏地委召开第四十三次委员(扩大)会议", "来源:阿克苏日报   发布时间: 2019-12-25 18:14:44  作者:张婧", "",
            "新疆平安网讯 12月24日,阿克苏地委召开第四十三次委员(扩大)会议,地委书记窦万贵主持会议并强调,各级各部门要扎实做好当前工作。",
            "在审议《关于阿克苏教育学院拆迁新建工作的请示》时,窦万贵指出,各级各部门要各负其责,积极参与,主动服务。"]
    assert _doc(news).author.startswith("窦万贵")


def test_a_leads_day_takes_the_year_of_the_meeting_it_names():
    """A lead's day without its year, on a page with no date, takes the year of the meeting its clause names being held
    (7月12日,2022年梅县区委农村工作会议…召开; 8月16日,龙圩区召开2023年全区年中工作会议), not in December (a meeting named for
    the year to come) nor the year of one it hears."""
    lead = "7月12日,2022年梅县区委农村工作会议暨全区实施乡村振兴战略工作推进会在区文化中心礼堂召开。区委书记张三出席会议并讲话。"
    assert _doc(["梅县区委农村工作会议召开", lead]).date == "2022-07-12"
    assert _doc(["龙圩区召开年中工作会议", "8月16日,龙圩区召开2023年全区年中工作会议暨重大项目建设经验交流会。"]).date == "2023-08-16"
    assert _doc(["我县召开工作谋划会", "12月28日,我县召开2023年工作谋划会,研究部署明年工作。"]).date == ""
    assert _doc(["县政府召开常务会议", "3月2日,县政府召开常务会议,听取2021年全县经济工作会议筹备情况汇报。"]).date == ""
    assert _doc(["开发区召开工作总结大会", "2月15日,辽源经济开发区召开2018年度工作总结大会。"]).date == ""  # a year past


def test_a_sites_line_end_marker_and_a_speaker_closed_up_to_the_office():
    """A token a site glued to the end of many lines (2Iu, vfO) is removed, so the speaker's line reads as one; a
    government head's name written right after the office (松溪县人民政府县长苏建旗, …会议上 绵阳市人民政府市长刘超) is a byline."""
    report = ["(内蒙古)2019年正蓝旗人民政府工作报告(全文)", "政 府 工 作 报 告vfO", "2019年3月21日在正蓝旗第十五届人民代表大会第二次会议上vfO",
              "正蓝旗人民政府旗长 宝音图vfO", "各位代表:vfO", "现在,我代表旗人民政府向大会报告工作,请予审议,并请政协委员和列席会议的同志们提出意见。vfO",
              "一、2018年工作回顾vfO", "过去的一年,在盟委、行署和旗委的坚强领导下,全旗经济社会持续健康发展。vfO"]
    doc = _doc(report)
    assert doc.author == "宝音图（正蓝旗人民政府旗长）" and not any("vfO" in p["text"] for p in doc.paragraphs)
    assert any("site's line marker vfO removed" in row["note"] for row in doc.log)
    assert _doc(["关于推进5G网络建设的报告", "全市已建成5G基站1200个，实现城区全覆盖。"]).paragraphs[0]["text"].endswith("全覆盖。")
    assert classify_line("松溪县人民政府县长苏建旗", 80).value == "苏建旗（松溪县人民政府县长）"
    assert classify_line("县人民政府县长主持会议", 80).kind != "metadata"
    assert dateline("2017年3月14日 在绵阳市第七届人民代表大会第二次会议上 绵阳市人民政府市长刘超").speaker == "刘超（绵阳市人民政府市长）"


def test_what_a_review_of_3e640d5_found():
    """A lead's meeting year is taken only from March to October, from a meeting that opens the clause or follows its
    召开, and not from a quarter, a plan, a budget or an event of that year; 白皮书指出 names no speaker; a presider who
    stresses comes after a leader who spoke; a site's address before a header's source and posting fields; a county's
    own 办法 cited by title still places it."""
    for lead in ["1月18日,我县召开2021年第四季度经济运行分析会。", "2月10日,为贯彻落实2021年中央农村工作会议精神,全县农村工作会议召开。",
                 "11月25日,我县召开2024年重点项目谋划推进会。", "9月15日,县财政局召开2024年部门预算编制工作部署会。",
                 "6月1日,我县召开2030年前碳达峰行动方案编制工作推进会。", "8月10日,我县召开2022年亚运会安保维稳工作部署会。"]:
        assert _doc(["我县召开工作会议", lead]).date == "", lead
    news = ["全县经济工作会议召开", "3月2日,全县经济工作会议召开。县委书记李四主持会议并强调,要抓好各项工作。市委书记王五出席会议并讲话。",
            "王五指出,要坚定信心。李四要求,各级各部门要狠抓落实。"]
    assert _doc(news).author.startswith("王五")
    paper = ["民族团结进步表彰大会召开", "3月2日,全县民族团结进步表彰大会召开。会议认为,白皮书指出,各民族要交往交流交融;白皮书强调,要铸牢中华民族共同体意识。"]
    assert not _doc(paper).author.startswith("白皮书")
    assert classify_line("www.sxdaily.com.cn   来源：陕西日报   发布时间：2021-03-02", 80).kind == "metadata"
    minutes = ["县政府第十二次常务会议纪要", "3月5日，县长王立新主持召开县政府第十二次常务会议。",
               "会议审议通过了《宁陵县乡村振兴考核办法》，原则同意《宁陵县政府投资项目管理暂行规定》。"]
    assert _doc(minutes).locality.locality == "宁陵县"


def test_what_a_review_of_9ee1fb9_found():
    """Units and app names at line ends are text, not a site's marker; a head's office before 贺信 or 马上办 in the body is a
    heading; a speech studied is not the news's speaker; 常务副县长强调 names nobody; a census's numbered year is not the
    meeting's."""
    table = ["全县重点能源项目", "风电项目情况如下：", "华能风电场一期 装机容量10万kW", "华能风电场二期 装机容量10万kW",
             "大唐风电场一期 装机容量5万kW", "大唐风电场二期 装机容量5万kW", "国电风电场 装机容量8万kW", "龙源风电场 装机容量6万kW"]
    assert not any("line marker" in row["note"] for row in _doc(table).log)
    apps = ["常用政务服务应用", "1.“闽政通”APP", "2.“i厦门”APP", "3.“e福州”APP", "4.“泉城通”APP", "5.“漳州通”APP", "6.“个人所得税”APP"]
    assert not any("line marker" in row["note"] for row in _doc(apps).log)
    letter = ["全县春节团拜会召开", "2月1日，全县春节团拜会在县会议中心举行，各界代表欢聚一堂，共迎新春佳节。会上宣读了贺信。",
              "松溪县人民政府县长贺信", "全县广大干部群众：值此新春佳节来临之际，县人民政府向大家致以新春的祝福！"]
    assert _doc(letter).author == ""
    studied = ["县委召开专题学习会", "3月2日，县委召开专题学习会，传达学习市委书记张建华讲话，县委书记李立新主持会议。"]
    assert not _doc(studied).author.startswith("张建华")
    deputy = ["全县安全生产工作会议召开", "3月2日，全县安全生产工作会议召开。", "常务副县长强调，要压实责任。常务副县长要求，要狠抓落实。"]
    assert not _doc(deputy).author.startswith("常务")
    census = ["全县普查总结表彰大会召开", "5月20日，全县2020年第七次全国人口普查总结表彰大会在县会议中心召开。"]
    assert _doc(census).date == ""


def test_an_office_holder_who_opens_a_clause_of_words_is_the_speaker():
    """镇党委书记张鼎要求，… is an office-holder's words, as 张鼎要求，… after a mark would be a name's: the news is theirs,
    not its reporter's; a leader who spoke at the meeting still comes before a presider who stresses."""
    news = ["城头山镇召开乡村振兴推进会", "本报讯（通讯员 何恒）4月22日，城头山镇召开整域推进乡村振兴战略推进会。",
            "镇党委书记张鼎要求，各村要责任上肩，加强群众发动。"]
    assert _doc(news).author == "张鼎（镇党委书记）"
    assert _doc(["县委召开专题学习会", "3月2日，县委召开专题学习会，传达学习市委书记张建华讲话精神。县委书记李立新强调，要抓好落实。"]).author.startswith("李立新")


def test_what_a_review_of_039bb0a_found():
    """Only a county's, a district's or a township's own head or party secretary opening a sentence with words is the
    speaker so: not an upper leader quoted, a speech relayed, a past leader, another holder of a title, a list, nor a
    presider's several clauses against a leader who spoke."""
    title, lead = "全县经济工作会议召开", "本报讯（记者 王丽）3月2日，全县经济工作会议召开。"
    for words in ["会议指出，省委书记王宁强调，要抓好。", "正如市委书记刘洪指出，要抓好。", "会议传达了市委常委会会议精神，市委书记刘洪在会上强调，要抓好。",
                  "去年，县委书记王军强调，要抓好。", "县商会主席孙伟表示，要抓好。", "红星村党支部书记刘大伟表示，要抓好。", "县委书记王军、县长李华强调，要抓好。"]:
        assert _doc([title, lead + words]).author == "王丽", words
    spoke = "县委书记赵刚出席会议并讲话。赵刚指出，要抓好。县长钱平在主持会议时要求，要落实。县长钱平强调，要落实。"
    assert _doc([title, lead + spoke]).author.startswith("赵刚")

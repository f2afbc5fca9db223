"""Scanned and OCR'd pages, autonomous areas' bilingual headers, e-paper pages and the furniture of
posts and portals: what is no part of a document's title or date, and where its title and date are."""

import pytest
from conftest import make_doc as _doc

from pipeline.text import classify_line, find_date, find_year


@pytest.mark.parametrize("text, date", [
    ("（1 9 9 9年2月1O日）", "1999-02-10"),  # a year's digits letter-spaced, a day's 0 read as O
    ("1 9 9 9 年 1 2 月 2 5 日", "1999-12-25"),
    ("二OO二年五月十四日", "2002-05-14"),  # O for 〇 in a year in characters
    ("2O18年3月5日", "2018-03-05"),
])
def test_ocr_misreadings_of_a_date(text, date):
    assert find_date(text) == date


def test_ocr_year_and_not_a_spaced_number():
    assert find_year("部署l999年任务") == "1999"
    assert find_date("全年生产总值2 1 8.6亿元，比上年增长1 2%") == ""
    assert find_year("宁政发〔2OO2〕45号") == ""


@pytest.mark.parametrize("line, reason", [
    ("التاي ايماقتىق اكىمشىلىك مەكەمەسى", "another script"),  # Kazakh/Uyghur header over a 地区's Chinese one
    ("ᠥᠯᠵᠡᠢ ᠰᠤᠮᠤ ᠶᠢᠨ ᠠᠷᠠᠳ", "another script"),  # Mongolian
    ("བོད་ལྗོངས་", "another script"),  # Tibetan
    ("· 1 5 6 ·              宁夏回族自治区人民政府文件汇编（2 O O 2）", "page number"),
    ("（提交大会审议稿）", "draft mark"),
    ("关注", "social media prompt"), ("+关注", "social media prompt"),
    ("1篇原创内容", "social media profile"),
    ("广西壮族自治区应急管理厅官方微信公众号，发布全区应急管理工作动态。", "social media profile"),
    ("湖北学习平台", "site name"), ("学习强国", "site name"),
    ("要闻\u30002", "newspaper page label"), ("综合新闻 A3", "newspaper page label"),
])
def test_furniture(line, reason):
    assert classify_line(line, 40).reason.startswith(reason)


@pytest.mark.parametrize("line", ["Welcome to Haidian", "关注民生", "附件 2", "2019年全县新增就业1 2 3 4人", "学习平台建设"])
def test_not_furniture(line):
    assert classify_line(line, 40).kind in ("heading", "body")


def test_a_bilingual_header_is_no_part_of_the_title():
    doc = _doc(["ᠥᠯᠵᠡᠢ ᠰᠤᠮᠤ ᠶᠢᠨ ᠠᠷᠠᠳ ᠤᠨ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ", "乌力吉苏木人民政府", "", "乌力吉苏木2019年工作总结及2020年工作计划", "",
                "2019年，乌力吉苏木在旗委、旗政府的坚强领导下，团结带领全苏木各族干部群众，扎实推进经济社会各项事业发展。现将全年工作总结如下：",
                "一、2019年主要工作完成情况", "全苏木牧业年度牲畜存栏12.6万头只，牧民人均可支配收入达到2.1万元，同比增长8.2%。"])
    assert doc.title == "乌力吉苏木2019年工作总结及2020年工作计划"
    assert ("boilerplate", "another script, no Chinese (a bilingual header's other language)") in doc_statuses(doc)


def doc_statuses(doc):
    return {(row["status"], row["reason"]) for row in doc.log}


def test_a_portal_menu_one_link_a_line_is_not_the_title():
    doc = _doc(["浙江省人民政府", "首页", "要闻动态", "政务公开", "政务服务", "互动交流",
                "| 索引号： | 002482070/2019-00218 | 主题分类： | 城乡建设 |", "| 发布机构： | 省政府办公厅 | 成文日期： | 2019-03-05 |",
                "浙江省人民政府办公厅关于进一步加强农村生活垃圾分类处理工作的通知", "浙政办发〔2019〕12号", "各市、县（市、区）人民政府，省政府直属各单位：",
                "近年来，各地深入贯彻落实“千村示范、万村整治”工程部署要求，扎实推进农村生活垃圾分类处理，取得明显成效。为进一步加强这项工作，现就有关事项通知如下。"],
               name="art_1229019365_59341.html", encoding="html (utf-8)")
    assert doc.title == "浙江省人民政府办公厅关于进一步加强农村生活垃圾分类处理工作的通知"
    assert ("boilerplate", "navigation") in doc_statuses(doc)


BODY = ["主任、各位副主任、秘书长、各位委员：",
        "根据省人大常委会2018年监督工作计划，今年6月至8月，省人大常委会组织开展了《四川省环境保护条例》执法检查。现将检查情况报告如下。",
        "一、执法检查基本情况", "这次执法检查是《条例》2017年修订施行后常委会首次开展的执法检查，检查组分三个小组赴9个市（州）开展检查。"]


def test_a_reports_title_block_left_out_by_the_extraction():
    """The page's <title> is its site's name, and the extraction left out the report's title, its dateline
    and its speaker above the 发布时间 line: they are the title, the date and the author."""
    doc = _doc(BODY, name="t20180929_35712.html", encoding="html (utf-8)", meta={"title": "四川人大网"}, left_out=[
        "您现在的位置：首页 >> 监督工作 >> 执法检查", "四川省人民代表大会常务委员会执法检查组关于检查《四川省环境保护条例》实施情况的报告",
        "——2018年9月25日在四川省第十三届人民代表大会常务委员会第六次会议上", "四川省人大常委会副主任 罗明清",
        "发布时间：2018-09-29 来源：四川省人大常委会办公厅 点击数：2341"])
    assert doc.title.startswith("四川省人民代表大会常务委员会执法检查组关于检查《四川省环境保护条例》实施情况的报告")
    assert doc.date == "2018-09-25"
    assert doc.author.startswith("罗明清")


def test_an_e_paper_pages_title_is_its_speechs_headline():
    doc = _doc(["编者按：2月14日，省委、省政府在济南召开全省农村工作会议。省委副书记、省长孙建平出席会议并讲话。现将讲话摘要刊发，供各地学习贯彻。",
                "同志们：", "这次全省农村工作会议，是在全面贯彻中央1号文件精神、加快推进农业现代化的关键时期召开的一次重要会议。下面，我讲几点意见。"],
               name="content_20120216_7123456.htm", encoding="html (gb18030)", meta={"title": "大众日报数字报-第02版：要闻"}, left_out=[
        "2012年02月16日 星期四 第 02 版：要闻 上一版 下一版", "版面导航", "01：头版", "02：要闻", "深化农村改革 加快城乡统筹",
        "――在全省农村工作会议上的讲话（摘要）", "【打印本页】【关闭窗口】"])
    assert doc.title.startswith("深化农村改革 加快城乡统筹")
    assert doc.date == "2012-02-14"


def test_a_post_that_prints_a_speech_below_its_lead_is_dated_by_the_meeting():
    doc = _doc(["重磅｜自治区主席韦志刚在全区安全生产电视电话会议上的讲话（全文）", "原创 广西应急管理 广西应急管理 2020-01-17 19:30", "",
                "广西应急管理", "广西壮族自治区应急管理厅官方微信公众号，发布全区应急管理工作动态、安全生产和防灾减灾知识。", "1篇原创内容", "公众号", "",
                "1月16日下午，自治区人民政府召开全区安全生产电视电话会议，分析当前安全生产形势。自治区主席韦志刚出席会议并讲话。以下为讲话全文。",
                "同志们：", "马上就要过春节了，今天召开这次会议，主要任务是认真贯彻落实全国安全生产电视电话会议精神，总结2019年全区安全生产工作。"],
               name="新建文本文档.txt")
    assert doc.date == "2020-01-16"
    assert doc.author.startswith("韦志刚")


@pytest.mark.parametrize("line, reason", [
    ("宁政发〔2OO2〕45号", "document number"), ("涿政发[2012] l9号", "document number"),
    ("涿鹿县人民政府文件汇编 (2O12年)", "compilation header"), ("特\u3000载\u3000\u3000\u3000\u3000射洪年鉴·2012", "compilation header"),
    ("| 发布日期：2020-03-31 08:52 信息来源：柯桥日报 浏览次数：842 |", "source/date line"),  # a layout's one-cell row
])
def test_ocr_and_compilation_furniture(line, reason):
    assert classify_line(line, 40).reason == reason


def test_a_yearbook_page_that_opens_with_the_end_of_the_piece_before():
    doc = _doc(["· 8 ·\u3000\u3000\u3000\u3000于都年鉴（2017）", "", "大贡献，为建设赣南等原中央苏区振兴发展示范县而努力奋斗！", "（县委办公室供稿）", "",
                "政府工作报告", "——2017年1月8日在于都县第十八届人民代表大会第一次会议上", "县长\u3000刘建华", "", "各位代表：",
                "现在，我代表县人民政府向大会报告工作，请予审议，并请县政协委员和其他列席人员提出意见。", "一、过去五年工作回顾",
                "过去五年，是我县发展史上极不平凡的五年。面对经济下行压力持续加大、脱贫攻坚任务艰巨繁重的复杂形势，县政府团结带领全县人民较好地完成了目标任务。"],
               name="于都年鉴2017-特载.txt")
    assert (doc.title, doc.date) == ("政府工作报告", "2017-01-08")
    assert doc.author.startswith("刘建华")
    tail = [row for row in doc.log if row["reason"].startswith("the end of the piece before")]
    assert len(tail) == 2  # the sentence and its contributor's line, dropped and counted


def test_a_cover_date_under_the_title_is_no_previous_piece():
    doc = _doc(["政 府 工 作 报 告", "2022年1月19日", "在遂宁市安居区第五届人民代表大会第二次会议上", "遂宁市安居区人民政府区长 杨文彬", "各位代表：",
                "我代表区人民政府，向大会报告工作，请予审议，并请区政协委员和其他列席会议的同志提出意见。", "2021年工作回顾",
                "2021年，区政府聚焦聚力区委发展战略，全区经济社会发展取得新成效，地区生产总值增长8.1%。"], name="2022_安居区政府工作报告.txt")
    assert (doc.title, doc.date) == ("政府工作报告", "2022-01-19")
    assert not [row for row in doc.log if row["reason"].startswith("the end of the piece before")]


def test_a_site_name_over_the_text_gives_way_to_the_pages_title():
    doc = _doc(["荆门教育信息网", "作者：市教育局办公室\u3000来源：本站原创\u3000点击数：1842\u3000更新时间：2016-03-04", "荆教发〔2016〕6号",
                "各县（市、区）教育局，市直各学校：", "现将《2016年全市教育工作要点》印发给你们，请结合实际，认真抓好贯彻落实。", "荆门市教育局", "2016年3月1日"],
               name="t20160304_887213.shtml", encoding="html (gb18030)", meta={"title": "荆门市教育局关于印发2016年全市教育工作要点的通知"})
    assert doc.title == "荆门市教育局关于印发2016年全市教育工作要点的通知"


@pytest.mark.parametrize("catalogue, lead, date", [
    # a catalogue's 成文日期 the same day as its 发布日期 is the posting: the lead's day is the meeting's
    (["| 发布机构： | 盐池县人民政府办公室 | 成文日期： | 2020-06-17 |", "| 文 号： |  | 发布日期： | 2020-06-17 |"],
     "6月16日，县委书记滕建文主持召开县委常委会（扩大）会议，传达学习自治区党委常委会（扩大）会议精神。", "2020-06-16"),
    # …not where it is a day of its own
    (["| 发布机构： | 盐池县人民政府办公室 | 成文日期： | 2020-06-15 |", "| 文 号： |  | 发布日期： | 2020-06-17 |"],
     "6月16日，县委书记滕建文主持召开县委常委会（扩大）会议，传达学习自治区党委常委会（扩大）会议精神。", "2020-06-15"),
    # 昨（27）日 in the paper of the 28th
    (["2016年12月28日 星期三 往期回顾 PDF版下载"], "本报讯（记者 何婷婷）昨（27）日，中共绵阳市委经济工作会议召开。会议全面总结今年经济工作。", "2016-12-27"),
])
def test_the_day_a_news_lead_gives(catalogue, lead, date):
    title = "市委经济工作会议昨日召开" if "绵阳" in lead else "县委常委会（扩大）会议召开"
    if "绵阳" in lead:
        doc = _doc([lead, "会议强调，做好明年经济工作，要坚持稳中求进工作总基调。"], name="content_4471.htm", encoding="html (utf-8)",
                   meta={"title": title}, left_out=catalogue)
    else:
        doc = _doc([*catalogue, lead, "会议强调，要把学习贯彻落实各项工作。"], name="t20200617_2143657.html", encoding="html (utf-8)", meta={"title": title})
    assert doc.date == date


def test_a_column_tag_before_a_headline_is_no_part_of_it():
    doc = _doc(["【述职述廉】县农业农村局局长2019年度述职述廉报告", "各位领导、同志们：",
                "2019年，在县委、县政府的坚强领导下，我认真履行党风廉政建设第一责任人职责，带领全局干部职工扎实推进各项工作。"], name="a.txt")
    assert doc.title == "县农业农村局局长2019年度述职述廉报告"


def test_utf8_read_as_windows_1252_with_its_undefined_bytes():
    from pipeline.readers import repair_mojibake

    for text in ("在全市作风建设大会上的讲话", "原创 北流发布 北流发布 2022-03-10 12:06 发表于广西"):
        garbled = "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252") for b in text.encode("utf-8"))
        assert repair_mojibake(garbled) == (text, "utf-8 read as cp1252")


@pytest.mark.parametrize("line, kind, reason", [
    ("是否有效：\t是", "metadata", "header fields"),
    ("2003年第3期（总第105期）", "metadata", "issue number"),
    ("成都市人民政府办公厅主办\u3000\u3000\u3000\u30002003年3月10日出版", "metadata", "source/date line"),
])
def test_a_gazettes_and_a_catalogues_lines(line, kind, reason):
    k = classify_line(line, 40)
    assert (k.kind, k.reason) == (kind, reason)


def test_a_body_under_a_whole_title_of_a_summary_and_plan_is_its_issuer():
    doc = _doc(["洪蓝镇2010年工作总结和2011年工作思路", "洪蓝镇人民政府", "",
                "2010年，在县委、县政府的正确领导下，全镇上下紧紧围绕年初确定的目标任务，扎实推进各项工作，经济社会保持平稳较快发展。",
                "一、2010年工作总结", "全镇完成地区生产总值18.6亿元，同比增长15.2%。"], name="洪蓝镇2010年工作总结.txt")
    assert (doc.title, doc.issuer) == ("洪蓝镇2010年工作总结和2011年工作思路", "洪蓝镇人民政府")


def test_a_posts_headline_over_its_account_line_and_an_apps_posting_day():
    post = _doc(["刚刚，市委书记这场讲话释放强烈信号！", "原创 泉州发布 泉州发布 2024-02-19 20:30 福建", "",
                 "2月18日上午，全市深化“晋江经验”推动高质量发展大会召开。市委书记林志坚出席会议并讲话。现将讲话全文刊发如下：", "",
                 "在全市深化“晋江经验”推动高质量发展大会上的讲话", "", "同志们：", "今天召开全市深化“晋江经验”推动高质量发展大会，主要任务是动员全市上下奋力拼经济。"],
                name="新建文本文档.txt")
    assert post.date == "2024-02-18"
    app = _doc(["学习强国", "青海学习平台", "", "坚定不移走生态优先绿色发展之路 奋力打造生态文明高地", "——在全省生态环境保护大会上的讲话", "",
                "来源：青海日报", "作者：王丽娟", "2022-09-14", "", "马永平", "", "（2022年9月6日）", "", "同志们：",
                "这次全省生态环境保护大会的主要任务是，深入学习贯彻习近平生态文明思想，动员全省上下打好污染防治攻坚战。"], name="新建文本文档.txt")
    assert app.date == "2022-09-06"


def test_an_e_paper_bar_with_its_day_alone_and_a_catalogue_left_out_as_key_over_value():
    paper = _doc(["编者按：6月21日，全省推进赣南等原中央苏区振兴发展工作会议在瑞金市召开，省委书记孙志强出席会议并讲话。现将讲话摘要刊发。",
                  "同志们：", "这次会议是经省委、省政府研究决定召开的一次重要会议。"], name="content_154120.htm", encoding="html (utf-8)",
                 meta={"title": "弘扬苏区精神 加快振兴发展"}, left_out=["2019年06月24日 星期一", "第03版：要闻 | 上一版 | 下一版 | 往期回顾 | PDF版"])
    assert paper.date == "2019-06-21"
    summary = _doc(["2019年，在省委、省政府的坚强领导下，全省住建系统扎实推进各项工作，取得明显成效。", "一、城市品质提升扎实推进",
                    "全省11个设区城市完成城市基础设施投资512亿元。"], name="t20200115_1197462.html", encoding="html (utf-8)",
                   meta={"title": "山西省住房和城乡建设厅2019年工作总结"},
                   left_out=["成文日期：", "2020-01-10", "发布日期：", "2020-01-15", "发布时间：2020-01-15 来源：办公室 浏览次数：1862"])
    assert summary.date == "2020-01-10"


def test_a_hot_spring_is_no_county():
    from pipeline.gazetteer import Gazetteer, infer_locality

    found = infer_locality({"body": ["全县温泉旅游发展迅速，温泉小镇建设加快，温泉资源保护和开发利用水平不断提升。"]}, Gazetteer.default(), "2023")
    assert found.locality != "温泉县"


@pytest.mark.parametrize("furniture, place", [
    (["网站标识码：3501020001 闽ICP备05012345号"], ("鼓楼区", "福建省")),  # the site's unit by its code
    (["网站标识码：3201060001 苏ICP备05012345号"], ("鼓楼区", "江苏省")),
    (["主办：鼓楼区人民政府办公室", "地址：福州市鼓楼区湖东路 邮编：350003"], ("鼓楼区", "福建省")),  # by its footer's address
])
def test_an_ambiguous_district_settled_by_its_sites_furniture(furniture, place):
    lines = ["鼓楼区召开2019年经济工作会议", "发布时间：2019-01-15 来源：区政府办",
             "1月14日，鼓楼区召开2019年经济工作会议，总结2018年工作，部署2019年任务。全区上下要抓好落实，推动高质量发展。"]
    doc = _doc(lines, name="t.html", encoding="html (utf-8)", left_out=furniture)
    assert (doc.locality.locality, doc.locality.province) == place


def test_a_posts_province_settles_an_ambiguous_district():
    lines = ["城关区召开2023年一季度经济运行分析会", "4月13日，城关区召开2023年一季度经济运行分析会。全区上下要坚定信心，奋力完成全年目标任务。"]
    doc = _doc(lines, name="a.html", encoding="html (utf-8)", left_out=["原创 城关区融媒体中心 城关发布 2023-04-14 20:06 发表于甘肃"])
    assert (doc.locality.locality, doc.locality.province) == ("城关区", "甘肃省")
    assert _doc(lines, name="a.html", encoding="html (utf-8)").locality.locality == ""


def test_bullets_and_headings_are_no_furniture():
    for line in ("▲全年完成地区生产总值12.6亿元，同比增长8.2%；固定资产投资完成5.3亿元。", "▲ 聚焦产业发展", "搭建干部网络学习平台", "创办党建电子报"):
        assert classify_line(line, 40, edge=False).kind in ("body", "heading")
    assert classify_line("经济 2", 40, edge=False).kind == "heading"  # (a PDF page's label only at the top or the foot)
    assert classify_line("▲1月9日，县直部门主要负责人年度述职述廉会议现场", 40).reason == "photo caption"
    assert (find_date("2 O O 2年5月8日"), find_date("2002年5月1 O日")) == ("2002-05-08", "2002-05-10")


def test_a_report_formula_does_not_present_a_speech():
    doc = _doc(["关于全县安全生产大检查情况的报告", "发布时间：2020-10-20",
                "9月1日，县安委会召开全县安全生产工作会议，部署开展安全生产大检查。现将检查情况报告如下：", "一、基本情况", "全县共检查企业326家，发现隐患1200处。"],
               name="a.html", encoding="html (utf-8)")
    assert doc.date == "2020-10-20"


def test_a_posts_long_title_with_its_subtitle_over_its_account_line():
    doc = _doc(["凝心聚力谋发展 履职尽责建新功——在政协郧西县第十届委员会第三次会议闭幕会上的讲话", "", "原创 郧西政协 郧西政协 2024-01-10 17:42 湖北", "",
                "（2024年1月9日）", "", "各位委员，同志们：", "",
                "政协郧西县第十届委员会第三次会议，在中共郧西县委的坚强领导下，经过全体委员和与会同志的共同努力，圆满完成了各项议程。"], name="a.txt")
    assert doc.title.startswith("凝心聚力谋发展 履职尽责建新功") and doc.date == "2024-01-09"


def test_where_the_author_works_is_no_author():
    assert classify_line("（作者单位：安吉县人民政府研究室）", 40).reason != "byline"
    assert classify_line("（作者：沈一鸣）", 40).value == "沈一鸣"


def test_a_gazettes_column_between_dots_and_a_meeting_papers_label_with_its_year():
    assert classify_line("2006年上海市农村工作会议材料之二", 40).reason == "meeting paper label"
    # (a gazette's page opening with the end of the notice before, then the column of the speech)
    doc = _doc(["处。", "    本通知自发布之日起施行。", "", "                                    二○○五年三月二十八日", "", "· 领导讲话 ·", "",
                "在全市招商引资工作会议上的讲话", "", "市长  肖德贵", "（2005年3月18日）", "", "同志们：",
                "今天召开全市招商引资工作会议，主要任务是总结去年招商引资工作，部署今年任务。"], name="a.txt")
    assert (doc.title, doc.date) == ("在全市招商引资工作会议上的讲话", "2005-03-18")

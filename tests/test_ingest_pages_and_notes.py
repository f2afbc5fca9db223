"""What a page or a note around a text says of it: an e-paper's navigation, a headline that reports a
report or repeats a speech's subtitle, a site's slogan and greeting, an editor's note presenting a
speech with its day and speaker, a speaker in brackets at a draft's end, a body opening its yearly
report's title."""

from conftest import SPEECH
from conftest import make_doc as _doc

from pipeline.text import classify_line

CLOSE = ["同志们，让我们振奋精神、真抓实干，为完成全年目标任务而努力奋斗！"]
REPORT = ["各位代表：", "现在，我代表省人民政府向大会报告工作，请予审议。", "一、2011年工作回顾", "全省生产总值5.3万亿元，增长10%；地方公共财政预算收入5514.8亿元，增长22.1%。"]


def test_an_e_papers_navigation_and_labels_are_furniture_not_title():
    for line in ("本版标题导航", "图片新闻", "第A03版：两会特刊\u3000\u3000上一篇\u3000下一篇", "上一版 下一版"):
        assert classify_line(line, 40).reason == "navigation", line
    # a sentence that opens with such a word is text
    assert classify_line("图片新闻采编工作要进一步规范，确保导向正确。", 40).kind == "body"
    doc = _doc(["本版标题导航", "政府工作报告（摘要）", "图片新闻", "第A03版：两会特刊\u3000\u3000上一篇\u3000下一篇", *REPORT],
               name="content_7047553.htm", encoding="html (utf-8)", meta={"title": "南方日报数字报-政府工作报告（摘要）", "date": "2012-01-14"})
    assert doc.title == "政府工作报告（摘要）"


def test_a_headline_reporting_a_report_is_news_and_its_speaker_the_author():
    lead = ("新华网南宁1月16日电（记者 黄艳梅 王军伟）广西壮族自治区第十一届人民代表大会第四次会议16日上午在南宁开幕。"
            "自治区主席韦家荣在会上作政府工作报告时说，“十一五”时期是广西发展最快的五年。")
    doc = _doc(["广西十一届人大四次会议开幕 韦家荣作政府工作报告", lead, "大会执行主席李振华主持开幕会。", "韦家荣说，2011年全区生产总值增长10%以上。"],
               name="content_21886754.htm", encoding="html (utf-8)", meta={"date": "2011-01-17"})
    assert (doc.author, doc.date) == ("韦家荣（自治区主席）", "2011-01-16")
    # a report's own title is not news: 政府工作报告 stays a document's
    assert _doc(["政府工作报告", *REPORT]).title == "政府工作报告"


def test_a_headline_that_is_the_subtitle_with_its_speaker_gives_way_to_the_speechs_own_title():
    doc = _doc(["县委书记于海波在县委经济工作会议暨全县三级干部大会上的讲话", "抢抓机遇 真抓实干 推动喀左全面振兴实现新突破",
                "——在县委经济工作会议暨全县三级干部大会上的讲话", "于海波", "（2017年2月17日）", *SPEECH])
    assert (doc.title, doc.author, doc.date) == ("抢抓机遇 真抓实干 推动喀左全面振兴实现新突破", "于海波", "2017-02-17")
    # a headline naming another meeting than the subtitle's stays part of the title
    doc = _doc(["县委书记于海波在全县三级干部大会上的讲话", "抢抓机遇 真抓实干", "——在县委经济工作会议上的讲话", "于海波", *SPEECH])
    assert doc.title.startswith("县委书记于海波在全县三级干部大会上的讲话")


def test_a_posts_call_is_cut_from_a_title_read_from_the_pages_title():
    lead = "12月27日，州委经济工作会议在都匀召开。州委书记罗光明出席会议并讲话。"
    doc = _doc([lead, "罗光明指出，2018年全州经济社会保持持续健康发展的良好态势。", "罗光明强调，要聚焦脱贫攻坚。"], name="a.html", encoding="html (utf-8)",
               meta={"title": "重磅！州委经济工作会议召开 罗光明作重要讲话", "date": "2018-12-28"})
    assert doc.title == "州委经济工作会议召开 罗光明作重要讲话"


def test_a_sites_slogan_kept_by_the_extraction_is_no_title_and_an_editors_note_presents_the_speech():
    note = "编者按：本文系县委书记周立新同志在县委中心组“两学一做”专题学习会上的讲话，经作者审定后刊发于《党的生活》2016年第14期，现予全文转载。"
    headline = "把“两学一做”学习教育抓实抓细抓出成效"
    doc = _doc(["传承红色基因\u3000建设美丽新县", note, "（2016年5月6日）", *SPEECH], name="20160718093218.html", encoding="html (utf-8)",
               meta={"title": headline, "date": "2016-07-18", "headings": f"{headline}\n——在县委中心组“两学一做”专题学习会上的讲话"},
               left_out=["首页", "您的位置：首页 » 理论研究 » 正文", headline, "发布时间：2016-07-18"])
    assert doc.title == f"{headline}——在县委中心组“两学一做”专题学习会上的讲话"
    assert (doc.author, doc.date) == ("周立新（县委书记）", "2016-05-06")
    # a title line the page's <title> or headings hold stays the title
    doc = _doc(["传承红色基因\u3000建设美丽新县", *SPEECH], name="a.html", encoding="html (utf-8)",
               meta={"title": "传承红色基因　建设美丽新县_新县党建网", "headings": "传承红色基因　建设美丽新县"})
    assert doc.title == "传承红色基因 建设美丽新县"


def test_a_sites_greeting_locates_a_page_whose_text_names_no_place():
    doc = _doc(["在县纪委十四届三次全会上的讲话", "（2018年2月24日）", "县委书记 王志勇", *SPEECH, *CLOSE], name="285619.html", encoding="html (utf-8)",
               meta={"title": "在县纪委十四届三次全会上的讲话", "date": "2018-02-27"},
               left_out=["欢迎访问沭阳新闻网！登录 | 注册", "首页 时政要闻 领导讲话", "当前位置：首页 > 领导讲话 > 内容"])
    assert (doc.locality.locality, doc.locality.level) == ("沭阳县", "county")
    assert "site" in doc.locality.evidence or doc.locality_source == "web site's name"


def test_a_speakers_office_and_name_in_brackets_at_the_end_sign_the_speech():
    doc = _doc(["在2009年全县组织工作会议上的讲话", *SPEECH, *CLOSE, "（县委常委、组织部长  罗永红）"])
    assert doc.author == "罗永红（县委常委、组织部长）"
    # a bracketed remark is no signature
    assert _doc(["在2009年全县组织工作会议上的讲话", *SPEECH, *CLOSE, "（根据录音整理）"]).author == ""


def test_a_bare_name_in_the_pages_author_field_speaks_a_speech_that_names_no_speaker():
    body = [*SPEECH, *CLOSE, "二○○五年七月八日", "下一篇文章： 潭下镇召开先进性教育活动动员大会", "建议使用IE5.0以上版本、800*600分辨率浏览"]
    doc = _doc(body, name="20050712093211.html", encoding="html (utf-8)",
               meta={"title": "在全县第二批保持共产党员先进性教育活动动员大会上的讲话 -- 中国灵川", "date": "2005-07-12"},
               left_out=["在全县第二批保持共产党员先进性教育活动动员大会上的讲话", "作者：覃振宇 文章来源：县委办公室 点击数： 更新时间：2005-7-12 9:32:11"])
    # the date under the text, above the furniture the extraction kept, signs it
    assert (doc.author, doc.date, doc.date_source) == ("覃振宇", "2005-07-08", "signature")
    assert classify_line("建议使用IE5.0以上版本、800*600分辨率浏览", 40).kind == "boilerplate"
    # a news item's bare 作者 is still its poster's, not taken
    news = _doc(["县委召开常委会议", "3月5日，县委召开常委会议，研究部署当前重点工作。", "会议强调，要抓好春耕生产。"], name="b.html", encoding="html (utf-8)",
                meta={"date": "2019-03-06"}, left_out=["作者：李娜 文章来源：县委办 更新时间：2019-3-6 9:00:00"])
    assert news.author != "李娜"


def test_an_editors_note_presenting_a_report_dates_it_before_a_catalogues_written_date():
    note = "【编者按】1月5日，中共沂南县委十三届三次全体（扩大）会议召开。县委书记张宏伟受县委常委会委托，向全会作了题为《凝心聚力 真抓实干 奋力开创沂南全面建成小康社会新局面》的报告。现将报告全文刊发。"
    doc = _doc(["| 索 引 号： | 11371321004223461X/2017-00006 | 发布机构： | 中共沂南县委办公室 |", "| 成文日期： | 2017-01-10 | 发布日期： | 2017-01-12 |",
                "凝心聚力 真抓实干 奋力开创沂南全面建成小康社会新局面", "——在中国共产党沂南县第十三届委员会第三次全体会议上的报告", note,
                "同志们：", "现在，我代表县委常委会向全会报告工作，请予审议。", "一、2016年工作回顾", "过去一年，全县地区生产总值增长7.8%。"],
               name="art_10736_1458251.html", encoding="html (utf-8)", meta={"date": "2017-01-12"})
    assert (doc.author, doc.date) == ("张宏伟（县委书记）", "2017-01-05")


def test_a_speechs_title_wrapped_over_two_lines_below_the_lead():
    lead = "1月10日，中共天津市滨海新区第三届委员会第六次全体会议召开。区委书记张国强代表区委常委会讲话。现将讲话全文刊发如下。"
    doc = _doc([lead, "在中共天津市滨海新区第三届委员会", "第六次全体会议上的讲话", "张国强", "（2019年1月10日）", *SPEECH], name="a.html",
               encoding="html (utf-8)", meta={"title": "重磅！区委三届六次全会区委书记讲话全文发布", "date": "2019-01-14"})
    assert (doc.title, doc.author, doc.date) == ("在中共天津市滨海新区第三届委员会第六次全体会议上的讲话", "张国强", "2019-01-10")


def test_a_body_opening_its_yearly_reports_title_issues_it():
    doc = _doc(["天门市人民政府2018年政府信息公开工作年度报告", "根据《中华人民共和国政府信息公开条例》要求，现公布本年度报告。", "一、概述",
                "2018年，我市认真贯彻落实政务公开工作部署。"])
    assert doc.issuer == "天门市人民政府"
    # a title opened by a place or a person names no issuer
    assert _doc(["天门市2018年政府信息公开工作年度报告", "一、概述", "2018年，我市认真贯彻落实政务公开工作部署。"]).issuer == ""


def test_a_reports_short_title_left_out_above_its_dateline_is_the_title():
    doc = _doc(REPORT, name="content_3_1.htm", encoding="html (utf-8)", meta={"title": "浏阳日报"},
               left_out=["2019年01月08日 星期二 返回首页 | 往期查阅", "第03版：两会特刊 上一版 下一版", "本版新闻列表", "・政府工作报告", "本版PDF", "政府工作报告",
                         "（摘要）", "――2019年1月3日在浏阳市第十七届人民代表大会第三次会议上", "浏阳市人民政府市长 黎建华", "下一篇"])
    assert (doc.title, doc.author, doc.date) == ("政府工作报告", "黎建华（浏阳市人民政府市长）", "2019-01-03")


def test_an_e_paper_copied_as_text_its_day_its_list_of_articles_and_a_note_on_last_years_day():
    note = "编者按：去年12月27日，全省经济工作会议在长春召开。省委书记孙景林在会上发表重要讲话。本报今日全文刊发。"
    doc = _doc(["吉林日报数字报", "2017年01月04日 星期三", "首页 | 往期回顾 | 版面导航 | 标题导航 | 中国吉林网", "", "第01版：要闻", "上一版  下一版", "本版标题导航",
                "在全省经济工作会议上的讲话", "省委常委会召开会议", "全省冬季冰雪旅游季开幕", "", "在全省经济工作会议上的讲话", "孙景林", "", note, *SPEECH])
    assert (doc.title, doc.author, doc.source_name) == ("在全省经济工作会议上的讲话", "孙景林", "吉林日报数字报")
    assert (doc.date, doc.date_source) == ("2016-12-27", "lead (the day of the event)")


def test_a_paper_page_as_pdf_text_its_staff_line_and_an_editors_note_cut_by_hard_breaks():
    assert classify_line("责任编辑  刘  勇  版式编辑  杨  霞  校对  王  婷", 40).reason == "editor"
    assert classify_line("编辑人员要加强学习", 40).kind != "boilerplate"
    doc = _doc(["湖南日报", "2021年3月5日 星期五                3", "要闻", "责任编辑  刘  勇  版式编辑  杨  霞  校对  王  婷", "", "以脱贫攻坚精神奋力推进乡村振兴",
                "——在省委农村工作会议上的讲话（摘要）", "陈立群", "", "  编者按：3月3日，省委农村工作会议暨全", "省巩固拓展脱贫攻坚成果同乡村振兴有效衔接工",
                "作会议在长沙召开。省委书记陈立群出席会议并", "讲话。现将讲话摘要刊发如下。", *SPEECH])
    assert doc.title.startswith("以脱贫攻坚精神奋力推进乡村振兴") and "责任编辑" not in doc.title and "湖南日报" not in doc.title
    assert (doc.source_name, doc.date) == ("湖南日报", "2021-03-03")


def test_a_reposts_note_on_where_the_text_first_appeared_dates_it():
    doc = _doc(["传承红色基因 奋力谱写高质量发展新篇章", "中共金寨县委书记 王宏", "金寨是全国著名的将军县。我们坚持以红色资源赋能发展。", "二、坚持生态优先",
                "我们牢固树立绿水青山就是金山银山理念。", "（原载2024年6月12日《六安日报》第3版“县区书记谈发展”专栏）"], name="34921507.html",
               encoding="html (utf-8)", meta={"date": "2024-06-14"})
    assert (doc.date, doc.date_source) == ("2024-06-12", "header: 原载")
    # …after the day a news report gives the event it reports (昨日上午, …开幕: the report was given then, printed the next day)
    doc = _doc(["天津市政府工作报告（摘登）", "本报讯（记者 刘丽娟）昨日上午，天津市第十六届人民代表大会第三次会议隆重开幕。市长何立新代表市人民政府作政府工作报告。现将报告摘登如下。",
                "一、2014年工作回顾", "全市生产总值增长10%。", "（原载《天津日报》2015年1月26日第2版）"], name="a.html", encoding="html (utf-8)",
               meta={"date": "2015-01-26"})
    assert doc.date == "2015-01-25"


def test_a_columns_name_kept_above_the_text_and_a_breadcrumb_opened_by_a_place():
    doc = _doc(["政务公开", "——2008年1月9日在北京市崇文区第十四届人民代表大会第二次会议上", "崇文区区长 李志坚", *REPORT], name="t20080118_9043.htm",
               encoding="html (utf-8)", meta={"title": "政府工作报告_北京市崇文区人民政府", "date": "2008-01-18"})
    assert (doc.title, doc.date, doc.locality.locality) == ("政府工作报告", "2008-01-09", "崇文区")
    doc = _doc(["上海闸北 > 政务公开 > 领导讲话", "", "在2010年闸北区经济工作会议上的讲话", "发布日期：2010-03-02    信息来源：区政府办公室", "区长  陈立民", "（2010年2月26日）",
                *SPEECH])
    assert (doc.title, doc.author, doc.date) == ("在2010年闸北区经济工作会议上的讲话", "陈立民（区长）", "2010-02-26")


def test_a_township_the_title_names_is_no_county_of_its_short_name():
    body = ["同志们：", "今年是推动平江各项事业再上新台阶的关键之年。", "一、回顾过去一年", "平江路历史街区全面提升，全力建设“古韵平江、活力平江”。"]
    doc = _doc(body, name="1487_6639.html", encoding="html (utf-8)", meta={"title": "姑苏区人民政府--在平江街道2017年度工作会议上的讲话", "date": "2017-02-14"},
               left_out=["首 页姑苏概况政务公开公众参与办事服务街道之窗", "版权所有：苏州市姑苏区人民政府 地址：苏州市人民路1199号"])
    assert doc.locality.locality != "平江县"
    # a county's own text, naming it in full, is still its own
    county = _doc(["在平江县2017年经济工作会议上的讲话", "同志们：", "全县上下推动平江各项事业再上新台阶。", "平江县地区生产总值增长7.5%。"])
    assert county.locality.locality == "平江县"


def test_a_speaker_named_by_the_files_name_or_a_note_on_the_speech():
    doc = _doc(["在全镇安全生产工作会议上的讲话", *SPEECH, *CLOSE], name="2018.7.20徐建华书记在全镇安全生产工作会议上的讲话（定稿）.txt")
    assert doc.author == "徐建华（书记）"
    doc = _doc(["在全县卫生健康工作会议上的讲话", *SPEECH], name="何志军局长在2024年全县卫生健康工作会议上的讲话.txt")
    assert doc.author == "何志军（局长）"
    doc = _doc(["在街道2017年度工作会议上的讲话", *SPEECH, *CLOSE, "（本文根据街道党工委书记周立新2月10日在街道2017年度工作会议上的讲话录音整理，有删节）"])
    assert doc.author == "周立新（街道党工委书记）"


def test_a_speechs_day_without_its_year_under_its_speaker_takes_the_pages_year():
    doc = _doc(["乡党委书记 和晓东", "（6月12日）", *SPEECH], name="2981.jhtml", encoding="html (utf-8)",
               meta={"title": "在永宁乡脱贫攻坚“百日总攻”动员大会上的讲话_乡镇动态_宁蒗彝族自治县人民政府", "date": "2020-06-15"})
    assert (doc.title, doc.date, doc.date_source) == ("在永宁乡脱贫攻坚“百日总攻”动员大会上的讲话", "2020-06-12", "title block")


def test_a_posts_headline_putting_its_speaker_before_the_speechs_own_title_below_the_lead():
    doc = _doc(["重磅｜陈立军在2025年全区交通运输工作会议上的讲话", "夷陵交通 2025年02月20日 18:02 湖北", "",
                "2月19日，2025年全区交通运输工作会议召开。会议总结2024年全区交通运输工作。现将讲话全文刊发如下。", "", "在2025年全区交通运输工作会议上的讲话", "", *SPEECH])
    assert (doc.title, doc.author, doc.date) == ("在2025年全区交通运输工作会议上的讲话", "陈立军", "2025-02-19")


def test_a_word_files_page_header_names_the_speaker_and_the_day():
    doc = _doc(["在全市安全生产暨森林防灭火", "工作会议上的讲话", "（根据录音整理）", "", *SPEECH], name="1.docx", encoding="docx",
               meta={"title": "在2020年全市安全生产工作会议上的讲话", "author": "nyj-zhk"},
               left_out=["林建华同志在全市安全生产暨森林防灭火工作会议上的讲话（2021年3月12日）", "— 1 —"])
    assert (doc.author, doc.date) == ("林建华", "2021-03-12")


def test_a_forwarding_notices_title_wrapped_after_its_issuer_and_an_offices_handling_mark():
    doc = _doc(["宾阳县人民政府办公室文件", "", "宾政办发〔2022〕8号", "", "宾阳县人民政府办公室转发南宁市人民政府", "办公室关于切实做好2022年春季农业生产",
                "工作的通知", "", "各乡镇人民政府，县直各单位：", "现将有关事项通知如下，请认真贯彻执行。"], name="a.docx", encoding="docx")
    assert doc.title == "宾阳县人民政府办公室转发南宁市人民政府办公室关于切实做好2022年春季农业生产工作的通知"
    assert classify_line("盐城市委组织部                内部资料  注意保存", 40).reason == "handling mark"


def test_an_interviews_subtitle_on_the_headlines_line_and_a_letter_spaced_reporter():
    doc = _doc(["晋：以能源革命牵引全方位转型——访山西省省长贺振华", "新华社记者　王飞航　梁晓飞", "问：过去一年山西经济运行有哪些亮点？", "答：2023年，全省地区生产总值增长5%。",
                "问：山西如何推动绿色低碳转型？", "答：我们坚持先立后破。"])
    assert doc.author == "贺振华（山西省省长）"
    assert classify_line("本报记者　王　珏　宋朝军", 40).value == "王珏\u3000宋朝军"


def test_a_posts_account_and_day_its_authors_line_and_a_lead_giving_the_day_alone():
    lead = "24日上午，县委书记杜宏亮主持召开县委常委会会议，传达学习中央经济工作会议精神。"
    doc = _doc(["县委常委会召开会议 传达学习中央经济工作会议精神", "", "正定发布 2018-12-25", "", "正定县融媒体中心", "", lead, "会议强调，要抓好贯彻落实。"])
    assert (doc.title, doc.date) == ("县委常委会召开会议 传达学习中央经济工作会议精神", "2018-12-24")
    # a post's line left out with the page's furniture dates a page nothing else dates
    doc = _doc(["10月26日上午，平南县召开全县重大项目建设推进会，通报前三季度全县重大项目建设情况。", "梁国栋指出，项目是经济发展的“压舱石”。"], name="a.html",
               encoding="html (utf-8)", meta={"title": "凝心聚力冲刺四季度！平南召开全县重大项目建设推进会"},
               left_out=["凝心聚力冲刺四季度！平南召开全县重大项目建设推进会", "平南发布 2023年10月27日 18:02 广西", "相关阅读"])
    assert doc.date == "2023-10-26"


def test_a_briefings_masthead_names_its_issuer_and_day():
    doc = _doc(["调 查 与 研 究", "", "2017年第6期（总第58期）", "", "中共六安市委政策研究室                    2017年6月12日", "",
                "关于金寨县推进易地扶贫搬迁工作的调研报告", "", "近年来，金寨县坚持把易地扶贫搬迁作为脱贫攻坚的头号工程。", "一、基本情况", "全县累计搬迁2.1万户。"])
    assert (doc.issuer, doc.date) == ("中共六安市委政策研究室", "2017-06-12")


def test_a_transliterated_names_dot_as_fonts_write_it_and_a_red_heads_last_word():
    doc = _doc(["政 府 工 作 报 告", "——2016年1月10日在塔什库尔干塔吉克自治县第十五届人民代表大会第五次会议上", "县长 库尔班•热合曼", *REPORT])
    assert doc.author == "库尔班·热合曼（县长）"
    doc = _doc(["中共阿克苏地委办公室", "阿克苏地区行政公署办公室", "文件", "", "阿地办发〔2017〕58号", "", "关于做好冬季供暖保障工作的通知", "各县（市）：",
                "现将有关事项通知如下。"])
    assert doc.author != "文件"


def test_a_news_items_speaker_with_a_transliterated_name():
    doc = _doc(["和田县召开春耕生产工作推进会", "3月2日，和田县召开2021年春耕生产工作推进会，安排部署2021年工作。", "艾克拜尔·吐尔逊指出，2020年全县农业农村工作保持稳中有进。",
                "艾克拜尔·吐尔逊强调，做好春耕生产意义重大。"], name="a.html", encoding="html (utf-8)", meta={"date": "2021-03-03"})
    assert doc.author == "艾克拜尔·吐尔逊"


def test_a_speaker_left_out_under_the_headline_where_the_text_has_its_source_line():
    doc = _doc(["来源：霍城县委办 时间：2022-06-17 11:08 点击数：738", "（2022年6月14日）", "尊敬的各位领导，同志们：", "今天我们召开座谈会，共商兵地融合发展大计。"],
               name="a.html", encoding="html (utf-8)", meta={"title": "在霍城县与第四师可克达拉市兵地融合发展座谈会上的讲话", "date": "2022-06-17"},
               left_out=["首页 | 政务公开", "在霍城县与第四师可克达拉市兵地融合发展座谈会上的讲话", "——县委书记张立新", "【打印】【关闭】"])
    assert doc.author == "张立新（县委书记）"


def test_a_speakers_line_above_a_page_break_is_no_running_footer():
    """A PDF's text, wrapped at 30 characters with a page number every 18 lines: the speaker's line over the first
    page's break, under a dateline cut at the wrap width, stands once at a break inside what reads as a sentence, as
    a two-page PDF's header does, but names who speaks."""
    para = "过去的一年，在市委、市政府和县委的坚强领导下，我们坚持稳中求进工作总基调，狠抓项目建设，全县经济社会保持了持续健康发展的良好态势。" * 8
    wrapped = [para[k : k + 30] for k in range(0, len(para), 30)]
    head = ["商城县第十五届人民代表大会", "第三次会议文件（1）", "", "政 府 工 作 报 告", "", "——2019年1月18日在商城县第十五届人民代表大会第三次会议", "",
            "商城县人民政府县长  胡明远", "", "", " " * 35 + "— 1 —", "", "各位代表：", "现在，我代表县人民政府，向大会报告工作，请予审议，并请县政协",
            "委员和其他列席人员提出意见。", "一、2018年工作回顾"]
    pages = [line for n, k in enumerate(range(0, len(wrapped), 18), 2) for line in [*wrapped[k : k + 18], "", " " * 35 + f"— {n} —", ""]]
    assert _doc(head + pages).author == "胡明远（商城县人民政府县长）"


def test_a_meeting_papers_label_with_its_draft_mark_and_an_e_papers_table_of_contents_link():
    assert classify_line("磐安县第十四届人民代表大会第三次会议文件（送审稿）", 40).reason == "meeting paper label"
    assert classify_line("上一版 下一版 本版目录 往期回顾", 40).reason == "navigation"


# --- what a review found the rules above doing to ordinary texts, undone ---------------------------------------


def test_ordinary_texts_the_rules_above_leave_alone():
    from pipeline.ingest import names_document

    # a report's own title is no news of someone reporting (工作报告: 工 before 作)
    assert names_document("县人民政府工作报告") and names_document("在全县脱贫攻坚推进会上的工作报告")
    # a speech studied at a meeting is not the meeting's speaker's
    lead = "3月5日，县委常委会召开扩大会议，传达学习市委书记李建国在市委十二届五次全会上的讲话精神，研究部署我县贯彻落实意见。县委书记王志刚主持会议并讲话。"
    assert _doc(["县委常委会召开扩大会议", lead, "会议指出，要抓好贯彻落实。"]).author == "王志刚（县委书记）"
    assert _doc(["学习市委全会精神心得体会", "近日，我认真学习市委书记李建国在市委十二届五次全会上的讲话，深受教育。", "一、提高政治站位",
                 "作为一名基层干部，我们要深刻领会全会精神实质。"]).author == ""
    # a sentence citing a leader's words is no note on the speech the text was made from
    doc = _doc(["在全县招商引资工作会议上的讲话", *SPEECH, "这是市委书记李建国在全市经济工作会议上对各县区提出的明确要求，我们必须抓好落实。", *CLOSE])
    assert doc.author == ""
    # an e-paper's list of articles with no blank line after it leaves the article's title, speaker and day
    doc = _doc(["第01版：要闻", "本版标题导航", "在全省经济工作会议上的讲话", "省委常委会召开会议", "在全省经济工作会议上的讲话", "孙景林", "（2016年12月27日）", *SPEECH])
    assert (doc.title, doc.author, doc.date) == ("在全省经济工作会议上的讲话", "孙景林", "2016-12-27")
    doc = _doc(["本版导航", "在全市经济工作会议上的讲话", "李建国", "（2016年12月27日）", *SPEECH])
    assert (doc.title, doc.author, doc.date) == ("在全市经济工作会议上的讲话", "李建国", "2016-12-27")
    # a department's word before its head's title is no name
    assert _doc(["在全县文化工作会议上的讲话", *SPEECH], name="文化局长在全县文化工作会议上的讲话.txt").author == ""
    # a recommendation about browsers is text
    assert classify_line("建议在全县党政机关推广使用国产操作系统和浏览器", 40).kind == "heading"
    # a slogan's two lines over a speech's title keep their space
    assert _doc(["凝心聚力谋发展砥砺奋进新征程", "奋力谱写新时代高质量发展新篇章", "在全县经济工作会议上的讲话", "王志刚", *SPEECH]).title.startswith(
        "凝心聚力谋发展砥砺奋进新征程 奋力谱写")
    # a notice transmitting a speech is dated by its 成文日期, not the meeting its lead names
    doc = _doc(["成文日期：2020-03-02", "发布日期：2020-03-05", "关于印发张志强同志在全县经济工作会议上的讲话的通知",
                "2月20日，全县经济工作会议召开，县委书记张志强出席会议并作重要讲话。现将张志强同志的讲话印发给你们，请认真学习贯彻落实。"],
               name="a.html", encoding="html (utf-8)", meta={"date": "2020-03-05"})
    assert doc.date == "2020-03-02"
    # a county's seat town named like it: the town's text is the county's
    doc = _doc(["在阜平镇2019年经济工作会议上的讲话", "同志们：", "过去一年，全镇上下全力服务阜平发展大局。", "一、充分肯定成绩", "全镇为阜平脱贫攻坚作出了积极贡献。",
                "二、明确目标任务", "要主动融入阜平城市发展，建设美丽阜平。"])
    assert doc.locality.locality == "阜平县"


def test_a_compilations_and_a_briefings_furniture_and_ocrs_dash():
    for line, reason in (("宁乡县领导讲话汇编（2014年）", "compilation header"), ("（2018年第一辑）", "compilation header"), ("和林格尔县文件汇编", "compilation header"),
                         ("玉林市人民政府门户网站", "site name"), ("玉林市人民政府公报", "gazette header"), ("第01版：要闻 PDF版", "navigation"),
                         ("收藏！建议转发给身边的人↓↓↓", "social media prompt")):
        assert classify_line(line, 40).reason == reason, line
    # text that only looks so stays text
    for line in ("转发本文件至各乡镇", "一一对应抓落实", "关于编印2018年文件汇编的通知"):
        assert classify_line(line, 40).kind != "boilerplate", line
    doc = _doc(["加快灾后农村恢复重建", "推进城乡统筹发展", "一一在全市农村工作会议暨农村灾后恢复重建推进会上的讲话", "罗宏伟", *SPEECH])
    assert doc.title.startswith("加快灾后农村恢复重建") and "一一" not in doc.title
    # a briefing's name over its issue is who printed it; its masthead the body and day
    doc = _doc(["工  作  简  报", "", "第12期（总第136期）", "", "洛阳市发展和改革委员会                      2012年6月18日", "",
                "全市重点项目建设1—5月份进展情况", "", "1—5月，全市重点项目完成投资856亿元，占年度计划的45%。", "一、总体情况", "项目建设总体进展顺利。"])
    assert (doc.title, doc.issuer, doc.date) == ("全市重点项目建设1—5月份进展情况", "洛阳市发展和改革委员会", "2012-06-18")


def test_a_meetings_minutes_under_its_governments_name_are_one_title():
    doc = _doc(["青阳县人民政府", "第23次常务会议纪要", "", "青阳县人民政府办公室                    2018年7月18日", "",
                "2018年7月16日上午，县长陈国平主持召开县政府第23次常务会议，研究有关事项。现将会议议定事项纪要如下：", "一、关于旅游配套服务有关事项", "会议议定：抓紧推进。"])
    assert (doc.title, doc.date) == ("青阳县人民政府第23次常务会议纪要", "2018-07-18")


def test_ordinary_texts_a_second_review_found_the_rules_above_changing():
    # a related article's line left out of a page is no post line dating it
    doc = _doc(["近日，平南县召开全县重大项目建设推进会，通报前三季度全县重大项目建设情况。", "会议指出，项目是经济发展的压舱石。"], name="a.html",
               encoding="html (utf-8)", meta={"title": "平南召开全县重大项目建设推进会", "date": "2023-10-27"},
               left_out=["首页 > 新闻中心 > 平南要闻", "平南召开全县重大项目建设推进会", "相关阅读", "全县重点项目清单发布 2023-09-01"])
    assert doc.date == "2023-10-27"
    # a lead's day alone for a coming event, or one later than the page's in its month, is no day of the month before
    doc = _doc(["发布时间：2023-09-20 09:12", "23日上午，我县将举办第三届中国农民丰收节庆祝活动，展示全县农业农村发展成就。", "活动由县农业农村局承办。"],
               name="a.html", encoding="html (utf-8)", meta={"title": "我县将举办第三届中国农民丰收节庆祝活动"})
    assert doc.date == "2023-09-20"
    # an office holding 学习 (党史学习教育领导小组组长) is no speech studied
    doc = _doc(["1月5日，县委党史学习教育领导小组组长、县委书记王志刚主持召开领导小组会议。", "会议指出，要扎实推进党史学习教育。"], name="a.html",
               encoding="html (utf-8)", meta={"title": "县委党史学习教育领导小组召开会议", "date": "2023-01-06"})
    assert doc.author.startswith("王志刚")
    # a speech's closing note in brackets, or one sentence saying whose speech it is, names the speaker
    for note in ("（这是县委书记王志刚同志2023年1月5日在全县经济工作会议上的讲话）", "这是县委书记王志刚同志在全县经济工作会议上的讲话。"):
        assert _doc(["在全县经济工作会议上的讲话", *SPEECH, *CLOSE, note]).author == "王志刚（县委书记）", note
    # an editor's note under a speech's own title still dates it, before a 成文日期
    doc = _doc(["成文日期：2021-01-12", "发布日期：2021-01-15", "在县委十四届九次全会上的讲话",
                "【编者按】1月5日，中共平南县委十四届九次全会召开，县委书记张宏伟出席会议并讲话。现将讲话全文刊发如下：", *SPEECH],
               name="a.html", encoding="html (utf-8)", meta={"date": "2021-01-15"})
    assert doc.date == "2021-01-05"
    # a headline reporting someone's report is news, whoever reports (县长作政府工作报告)
    doc = _doc(["县十七届人大三次会议开幕 县长作政府工作报告", "本报讯 1月5日，平南县第十七届人民代表大会第三次会议在县会议中心开幕。县长王志刚作政府工作报告。",
                "王志刚指出，过去一年全县经济稳中向好。", "王志刚强调，要抓好今年各项工作。"], name="a.html", encoding="html (utf-8)", meta={"date": "2023-01-06"})
    assert (doc.author, doc.date) == ("王志刚（县长）", "2023-01-05")
    # an e-paper's list whose items look like names runs to the blank line
    doc = _doc(["第01版：要闻", "本版标题导航", "县委常委会召开会议", "高温来袭", "全县经济工作会议召开", "在全县经济工作会议上的讲话", "", "在全县经济工作会议上的讲话", "王志刚",
                "（2016年12月27日）", *SPEECH])
    assert (doc.title, doc.author) == ("在全县经济工作会议上的讲话", "王志刚")
    # a quoted title wrapped over lines is one; a site's advice on browsers is furniture
    doc = _doc(["中共平南县委办公室平南县人民政府办公室关于", "印发《全县乡村振兴", "县委县政府督查工作方案》的通知", "", "各乡镇党委、政府，县直各单位：",
                "现将有关方案印发给你们，请认真贯彻执行。"])
    assert doc.title == "中共平南县委办公室平南县人民政府办公室关于印发《全县乡村振兴县委县政府督查工作方案》的通知"
    assert classify_line("推荐使用谷歌浏览器访问本站", 40).reason == "browser hint"
    # a name before 书记 in a file's name is a name, however common a word it is
    assert _doc(["在全县经济工作会议上的讲话", *SPEECH], name="高峰书记在全县经济工作会议上的讲话.txt").author == "高峰（书记）"
    # a transliterated name quoted beside a county's own leader is not the speaker; one a lead names as speaking is
    doc = _doc(["和田县召开县委常委会会议", "3月2日，和田县召开县委常委会会议，传达学习自治区党委常委会会议精神。县委书记王志刚主持会议。",
                "会议指出，艾尔肯·吐尼亚孜在讲话中对做好今年工作提出了要求。", "艾尔肯·吐尼亚孜强调，要抓好稳定。", "艾尔肯·吐尼亚孜指出，要抓好发展。", "王志刚要求，要抓好落实。"])
    assert not doc.author.startswith("艾尔肯")
    # an abolished unit named in full again and again in the body is the text's own
    from pipeline.gazetteer import infer_locality

    body = ["过去一年，卢湾区经济保持平稳增长。", "卢湾区社会事业全面进步。", "要把卢湾区建设得更加美好。"]
    assert infer_locality({"title": ["在全区经济工作会议上的讲话"], "body": body}).locality == "卢湾区"


def test_ordinary_texts_a_third_review_found_the_rules_above_changing():
    from pipeline.gazetteer import Gazetteer
    from pipeline.ingest import names_document

    # an abolished unit's name before 长 is a colleague's name and title; after 原, what a place was
    g = Gazetteer.default()
    assert [n for _, n, _ in g.find("刚才，永红区长通报了全区经济运行情况")] == []
    doc = _doc(["淮海中路街道旧区改造收官", "近日，黄浦区淮海中路街道最后一批旧里居民签约搬迁，黄浦区旧区改造全面完成。",
                "淮海中路街道地处原卢湾区中心，辖区内石库门里弄众多。", "原卢湾区范围内的旧改任务此前已基本完成。"])
    assert doc.locality.locality == "黄浦区"
    # a title that speaks of a portal, a gazette or a compilation is a title
    for first, second in (("临泉县人民政府办公室关于进一步加强政府门户网站", "建设管理工作的通知"), ("临泉县人民政府办公室关于进一步规范县人民政府公报", "编辑发行工作的通知"),
                          ("中共宁乡县委办公室关于编印全县领导讲话汇编", "的通知")):
        doc = _doc([first, second, "各乡镇人民政府，县直各单位：", "现将有关事项通知如下，请认真贯彻执行。"])
        assert doc.title.replace(" ", "") == first + second, first
    # a compilation's running head still names whose papers they are
    doc = _doc(["宁乡县领导讲话汇编（2014年）", "", "在全县经济工作会议上的讲话", "张三", *SPEECH])
    assert doc.locality.locality == "宁乡市"
    # 一一 opening a wrapped line of text is a word, not a dash
    from pipeline.text import clean_line

    assert clean_line("一一在规定时限内整改到位，确保不留死角。").startswith("一一")
    # a short title above an issue number with no other title below it stays the title
    assert _doc(["县政府常务会议议定事项", "第5期", "2023年5月6日，县政府召开第5次常务会议，研究有关事项。", "一、原则同意有关方案。"]).title == "县政府常务会议议定事项"
    # a lead's day alone: 将 in a county's name is no coming event; a late post's day is of the month before
    doc = _doc(["将乐县召开乡村振兴工作推进会", "发布时间：2023-03-16 09:12", "15日上午，将乐县召开乡村振兴工作推进会，部署今年重点工作。"],
               name="a.html", encoding="html (utf-8)")
    assert doc.date == "2023-03-15"
    doc = _doc(["我县召开安全生产工作会议", "发布时间：2023-03-10 09:12", "28日上午，我县召开安全生产工作会议，部署安全生产工作。"], name="a.html", encoding="html (utf-8)")
    assert doc.date == "2023-02-28"
    # a post's line left out of the page dates it, wherever the headline is
    doc = _doc(["县委常委会召开会议", "24日上午，县委书记王强主持召开县委常委会会议，传达学习中央经济工作会议精神。"], name="a.html", encoding="html (utf-8)",
               left_out=["首页 > 新闻中心 > 正定要闻", "正定发布 2018-12-25", "分享到："])
    assert doc.date == "2018-12-24"
    # a speech studied, whoever gave it (传达学习市委副书记、市长…, 省政府省长…), is no speaker of the meeting
    for office in ("市委副书记、市长刘文斌", "省政府省长王宁"):
        lead = f"3月2日，县政府党组召开会议，传达学习{office}在全市经济工作会议上的讲话精神，研究我县贯彻落实意见。"
        assert _doc(["县政府党组召开会议", lead, "会议指出，要抓好贯彻落实。"], name="a.html", encoding="html (utf-8)", meta={"date": "2023-03-03"}).author == ""
    # a report about 协作, 合作 or 运作 is a report
    assert names_document("关于全县东西部协作工作情况的报告") and names_document("关于全县农民专业合作社发展情况的调研报告")
    # an e-paper's list ends at a byline over the speech's salutation
    doc = _doc(["第01版：要闻", "本版标题导航", "县委常委会召开会议", "全县经济工作会议召开", "在全县经济工作会议上的讲话", "王志刚", *SPEECH])
    assert (doc.title, doc.author) == ("在全县经济工作会议上的讲话", "王志刚")
    # a caption-like 这是… in a news item is no note on the speech
    doc = _doc(["县十七届人大三次会议开幕", "1月5日，县十七届人大三次会议开幕。县长李明作政府工作报告。", "这是县委书记王强在开幕大会上讲话。", "李明指出，过去一年全县经济稳中向好。",
                "李明强调，要抓好今年各项工作。"], name="a.html", encoding="html (utf-8)", meta={"date": "2023-01-06"})
    assert doc.author == "李明（县长）"
    # an office's own minutes line is not joined to the minutes' title
    doc = _doc(["中共青阳县委办公室", "第5次县委常委会会议纪要", "", "2018年7月16日上午，县委常委会召开第5次会议。现将会议议定事项纪要如下：", "一、关于有关事项", "会议议定：抓紧推进。"])
    assert doc.title == "第5次县委常委会会议纪要"


def test_a_transcription_note_under_the_title_dates_the_speech_and_is_no_title():
    doc = _doc(["在区委经济工作会议上的讲话", "", "赵建勋", "", "（2021年2月，根据录音整理）", "", *SPEECH])
    assert (doc.title, doc.author, doc.date) == ("在区委经济工作会议上的讲话", "赵建勋", "2021-02")
    doc = _doc(["在全县经济工作会议上的讲话", "（根据录音整理，2019年1月8日）", *SPEECH], name="a.html", encoding="html (utf-8)", meta={"date": "2019-01-15"})
    assert (doc.title, doc.date) == ("在全县经济工作会议上的讲话", "2019-01-08")
    # the note's month with the same month as the signature still dates it
    doc = _doc(["在区委经济工作会议上的讲话", "（2021年2月，根据录音整理）", *SPEECH, "谢谢大家！", "2021年2月"])
    assert doc.date == "2021-02"


def test_a_district_shared_by_several_cities_is_the_one_of_the_city_named_most():
    body = ["新华区是沧州中心城区的核心区。", "要以大运河沧州段贯通为契机，推动新华区服务业提档升级，打造沧州的城市客厅。",
            "同时，学习省会石家庄的经验，办好沧州的事。"]
    doc = _doc(["在区委经济工作会议上的讲话", *SPEECH[:2], *body])
    assert (doc.locality.province, doc.locality.locality) == ("河北省", "沧州市")  # (not the province, for want of a city)
    assert doc.locality.code[:4] == "1309" and "新华区 (body×2; weight 2.0)" in doc.locality.evidence  # (沧州's 新华区, not half 石家庄's)
    # a city named in passing does not say whose district it is: 铁西区 (鞍山's or 沈阳's or 四平's) stays ambiguous
    doc = _doc(["铁西区2023年政府工作报告", "各位代表：", "现在，我代表区人民政府向大会报告工作，请予审议。",
                "过去一年，铁西区地区生产总值增长6%，与鞍山钢铁集团深化合作。", "铁西区新增市场主体3000户。"])
    assert not doc.locality.found and "ambiguous" in doc.locality.evidence


def test_a_meeting_papers_cover_is_no_title_and_the_body_under_the_title_its_issuer():
    lines = ["融水苗族自治县2025年一季度经济运行分析会", "", "会 议 材 料", "", "（二）", "", "", "县人民政府办公室印", "2025年4月", "", "",
             "2025年一季度全县经济运行情况分析", "融水苗族自治县统计局", "",
             "今年以来，在县委、县政府的坚强领导下，全县经济运行开局平稳、稳中有进。现将一季度全县经济运行情况分析如下。",
             "一、主要经济指标完成情况", "一季度全县实现地区生产总值36.82亿元，同比增长5.6%。"]
    doc = _doc(lines)
    assert (doc.title, doc.issuer) == ("2025年一季度全县经济运行情况分析", "融水苗族自治县统计局")
    assert doc.date == "2025-04" and doc.locality.locality == "融水苗族自治县"
    # a paper's number written 之三 is no title either
    assert _doc(["全市项目建设推进会", "会 议 材 料", "（之三）", "大会秘书处印", "2021年3月", "",
                 "张掖市2020年重大项目建设情况及2021年工作安排", "张掖市发展和改革委员会", "", *lines[14:]]).title == "张掖市2020年重大项目建设情况及2021年工作安排"
    from pipeline.ingest import _PAPER_NUMBER
    assert _PAPER_NUMBER.match("（之三）") and _PAPER_NUMBER.match("（二）") and not _PAPER_NUMBER.match("（之前）")
    # a title over a print mark without a cover's label stays whole; a headline over a speech's own title does not trip it
    doc = _doc(["凝心聚力 奋勇争先", "大会秘书处印", "全力推动县域经济高质量发展", "——在全县经济工作会议上的讲话", *SPEECH])
    assert doc.title.startswith("凝心聚力 奋勇争先")
    doc = _doc(["于海波同志在县委经济工作会议上的讲话", "县委办公室印", "2017年2月", "抢抓机遇 真抓实干", "推动喀左全面振兴实现新突破",
                "——在县委经济工作会议上的讲话", "（2017年2月17日）", *SPEECH])
    assert doc.title.startswith("抢抓机遇 真抓实干") and doc.date == "2017-02-17"
    # a profile's subtitle, or a list's last body, is no issuer under the title
    doc = _doc(["守护群众健康的坚强堡垒", "——记宁海县第一人民医院党委", "", "在宁海县第一人民医院，党建工作与医疗服务深度融合。", "医院党委坚持把党的领导贯穿医院工作全过程。"])
    assert "——记宁海县第一人民医院党委" in doc.title and not doc.issuer


def test_a_red_heads_table_gives_issuers_and_the_title_keeps_them():
    lines = ["| 中 共 晋 江 市 委 | 文件 |", "| 晋江市人民政府 |  |", "", "晋委发〔2020〕12号", "", "中共晋江市委\u3000晋江市人民政府",
             "关于进一步促进民营经济高质量发展的", "若干意见", "", "各镇党委和人民政府、街道党工委和办事处，市直各单位：",
             "为进一步促进民营经济高质量发展，现提出如下意见。", "一、优化营商环境", "全面落实减税降费政策，降低企业成本。"]
    doc = _doc(lines, name="晋委发〔2020〕12号.docx", encoding="docx")
    assert doc.title == "中共晋江市委 晋江市人民政府关于进一步促进民营经济高质量发展的若干意见"
    assert "|" not in doc.issuer and doc.locality.locality == "晋江市"


def test_a_reporters_line_of_any_names_is_a_byline_and_a_days_note_keeps_the_lead_day():
    lead = "2月5日（正月初八），新春上班第一天，我县召开全县高质量发展大会。县委书记潘建中出席会议并讲话，县长吴明霞主持会议。"
    doc = _doc(["全县高质量发展大会召开", "信息来源：安吉新闻网  发布日期：2025-02-06", "记者 章晓蕾 通讯员 钱立", lead, "潘建中在讲话中指出，2024年全县经济社会发展交出了一份高分答卷。"],
               name="a.html", encoding="html (utf-8)")
    assert (doc.title, doc.date) == ("全县高质量发展大会召开", "2025-02-05")


def test_a_plenums_communique_wrapped_under_its_committees_name_is_one_title():
    doc = _doc(["中国共产党大理白族自治州第十届委员会", "第五次全体会议公报", "（2023年7月28日中国共产党大理白族自治州第十届委员会第五次全体会议通过）",
                "中国共产党大理白族自治州第十届委员会第五次全体会议，于2023年7月27日至28日在大理举行。", "全会由州委常委会主持。"])
    assert doc.title == "中国共产党大理白族自治州第十届委员会第五次全体会议公报"


def test_a_wire_report_is_dated_by_the_event_day_it_gives_after_its_reporters():
    lead = "新华网长沙3月5日电（记者 周俊 通讯员 向红梅）3月3日，中共桑植县委经济工作会议在县会议中心召开。县委书记钟立峰出席会议并讲话。"
    doc = _doc(["桑植县召开县委经济工作会议", lead, "钟立峰指出，2014年全县经济社会保持了平稳健康发展。"], name="a.htm", encoding="html (utf-8)", meta={"date": "2015-03-05"})
    assert doc.date == "2015-03-03"
    # a wire report that gives no other day stays dated by its dateline
    lead = "中评社漳州5月20日电（记者 林鹏）漳州市台办主任接受本社记者专访时表示，两岸交流日益密切。"
    assert _doc(["漳州：两岸交流日益密切", lead, "他说，今年以来漳州接待台胞人数增长两成。"], name="a.htm", encoding="html (utf-8)",
                meta={"date": "2015-05-21"}).date == "2015-05-20"


def test_an_e_papers_arrowed_links_and_article_list_are_furniture():
    lines = ["河南日报数字报", "2021年02月19日 星期五", "第06版：市县", "<< 上一版    下一版 >>", "", "本版文章：",
             "· 坚持项目为王 奋力追赶跨越 信阳市召开全市高质量发展大会", "· 漯河：春节假期食品产业订单满满", "· 南阳召开乡村振兴推进会", "",
             "信阳市召开全市高质量发展大会", "", "本报记者 胡静\u3000本报通讯员 余方 陈然", "",
             "本报讯  2月18日（正月初七），信阳市召开全市高质量发展大会。市委书记潘振宇出席会议并讲话，市长蒋卫东主持会议。",
             "潘振宇在讲话中回顾了2020年全市经济社会发展情况。"]
    doc = _doc(lines, name="hnrb20210219-06.txt")
    assert (doc.title, doc.date, doc.locality.locality) == ("信阳市召开全市高质量发展大会", "2021-02-18", "信阳市")


def test_the_body_an_official_title_names_issued_it_not_the_catalogues_poster():
    lines = ["| 索引号： | 11532827015xxxx/2021-00012 | 发布机构： | 孟连县人民政府办公室 |", "| 成文日期： | 2021-01-15 | 发布日期： | 2021-01-19 |",
             "孟连傣族拉祜族佤族自治县人民政府办公室关于印发孟连县2021年森林草原防灭火工作方案的通知", "各乡（镇）人民政府，县直各部门：",
             "《孟连县2021年森林草原防灭火工作方案》已经县人民政府同意，现印发给你们，请认真抓好贯彻落实。"]
    doc = _doc(lines, name="content_24813.html", encoding="html (utf-8)")
    assert doc.issuer == "孟连傣族拉祜族佤族自治县人民政府办公室"
    # with no issuer in the title or the text, the catalogue's still names one
    assert _doc([*lines[:2], "关于印发孟连县2021年森林草原防灭火工作方案的通知", *lines[3:]], name="b.html", encoding="html (utf-8)").issuer == "孟连县人民政府办公室"


def test_what_a_second_review_found_stays_undone():
    # a long row of an e-paper's links is read at once (the arrows' pattern must not backtrack: 3^k steps for k links)
    row = " ".join(["上一版", "下一版", "上一篇", "下一篇", "往期回顾", "版面导航"] * 6)
    assert classify_line(row, 400).reason == "navigation"
    # reporters of surnames the old list lacked (肖, 付) and Tibetan names are bylines; a column's 记者 来信 is not
    for line, who in (("记者 肖云", "肖云"), ("记者 闫伟 通讯员 付强", "闫伟"), ("记者 次仁 通讯员 扎西", "次仁")):
        doc = _doc(["县委召开项目建设推进会", line, "本报讯 3月3日，县委召开项目建设推进会。县委书记李明出席会议并讲话。"], name="a.html", encoding="html (utf-8)",
                   meta={"date": "2021-03-04"})
        assert doc.title == "县委召开项目建设推进会", line
    assert classify_line("记者 来信", 40).reason != "byline"
    # a party committee under the title, just above the text, is its issuer
    doc = _doc(["2025年一季度全县经济运行情况分析", "中共融水苗族自治县委办公室", "", "今年以来，全县经济运行开局平稳、稳中有进。现将有关情况分析如下。", "一、主要指标", "地区生产总值增长5.6%。"])
    assert doc.issuer == "中共融水苗族自治县委办公室" and doc.title == "2025年一季度全县经济运行情况分析"
    # a wire report's later day (an event to come) does not date it
    lead = "新华网长沙3月5日电（记者 周俊）3月8日，中共桑植县委经济工作会议将在县会议中心召开。"
    doc = _doc(["桑植县将召开县委经济工作会议", lead, "会议将部署全年工作。"], name="a.htm", encoding="html (utf-8)", meta={"date": "2015-03-10"})
    assert doc.date == "2015-03-05"
    # a title's bare issuer gives way to the catalogue's full name
    lines = ["| 发布机构： | 孟连县人民政府办公室 | 发布日期： | 2021-01-19 |", "县政府办公室关于印发2021年森林草原防灭火工作方案的通知",
             "各乡（镇）人民政府，县直各部门：", "《2021年森林草原防灭火工作方案》已经县人民政府同意，现印发给你们，请认真贯彻落实。"]
    assert _doc(lines, name="a.html", encoding="html (utf-8)").issuer == "孟连县人民政府办公室"
    # an e-paper's list of articles with the byline right under the article's title gives the title back
    doc = _doc(["河南日报数字报", "2021年02月19日 星期五", "<< 上一版    下一版 >>", "本版文章：", "· 漯河：春节假期食品产业订单满满", "· 南阳召开乡村振兴推进会",
                "信阳市召开全市高质量发展大会", "本报记者 胡静", "本报讯  2月18日，信阳市召开全市高质量发展大会。市委书记潘振宇出席会议并讲话。",
                "潘振宇在讲话中回顾了2020年全市经济社会发展情况。"], name="hnrb.txt")
    assert doc.title == "信阳市召开全市高质量发展大会"
    # a meeting paper's label above the meeting's name
    doc = _doc(["会议材料", "全市项目建设推进会", "大会秘书处印", "2021年3月", "", "张掖市2020年重大项目建设情况及2021年工作安排", "张掖市发展和改革委员会", "",
                "今年以来，全市重大项目建设开局良好。现将有关情况报告如下。", "一、2020年重大项目建设情况", "全市实施重大项目120个。"])
    assert doc.title == "张掖市2020年重大项目建设情况及2021年工作安排"


def test_a_sites_menu_label_and_a_title_with_its_day_in_brackets():
    """A site's list of reports (导航菜单 over "(江苏省)苏州市人民政府工作报告(2023年1月7日)"): the menu's name is
    furniture, not the title, and the title line gives both the title and the day (it gave the day alone)."""
    assert classify_line("导航菜单", 40).reason == "navigation"
    assert classify_line("导航菜单栏目设置要简洁明了，便于群众查找。", 40).kind == "body"
    report = ["各位代表：", "现在，我代表苏州市人民政府，向大会报告工作，请予审议。", "一、2022年工作回顾", "全市生产总值2.4万亿元，增长2%；一般公共预算收入2329亿元。"]
    doc = _doc(["导航菜单", "", "(江苏省)苏州市人民政府工作报告(2023年1月7日)", "", *report])
    assert (doc.title, doc.date, doc.locality.locality) == ("(江苏省)苏州市人民政府工作报告", "2023-01-07", "苏州市")
    # a day alone, or a title that names no document, stays a date line only
    assert _doc(["关于张三同志的情况（2023年1月7日）", *report]).title == ""

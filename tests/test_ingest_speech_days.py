"""The day a speech was given where its page dates it otherwise (a closing day, a note on the speech it
was made from, the Chinese calendar, a news agency's dateline), and who speaks where a page names them
apart from its text (a note on the author's office, an interview's transcript, a reporter among roles)."""

import pytest
from conftest import SPEECH
from conftest import make_doc as _doc

from pipeline.ingest import interviewee
from pipeline.text import author_name, classify_line, find_date, lunar_date

CLOSE = ["同志们，让我们振奋精神、真抓实干，为完成全年目标任务而努力奋斗！"]


def test_a_speechs_closing_day_beats_its_pages_catalogue_date():
    doc = _doc(["在全市优化营商环境大会上的讲话", "发文日期：2019-04-12", "市长 董晓宇", *SPEECH, *CLOSE, "（2019年3月29日）"])
    assert (doc.date, doc.date_source) == ("2019-03-29", "closing day (a speech's)")


def test_a_transcripts_note_with_its_day():
    doc = _doc(["在区政府第三次全体会议上的讲话", "区长　周　斌", *SPEECH, "谢谢大家！", "（根据录音整理，2022年3月2日）"])
    assert doc.date == "2022-03-02"


def test_a_yearbooks_speech_is_dated_by_its_own_closing_day_not_the_next_ones():
    first = ["在全县脱贫攻坚推进大会上的讲话", "中共会宁县委书记  王振国", *SPEECH, *CLOSE, "(2O18年l2月26日)"]
    doc = _doc([*first, "在全县经济工作会议上的讲话", "中共会宁县委副书记、县长  张明远", "同志们:", "这次全县经济工作会议的主要任务是，全面贯彻中央和省委精神。",
                "（2019年1月5日）", "一、关于2018年经济工作"])
    assert doc.date == "2018-12-26"


def test_a_bracketed_day_is_no_closing_day_outside_a_speech():
    # a notice's last line in brackets (no salutation above it) is its signature, as before
    doc = _doc(["关于做好2019年防汛工作的通知", "各乡镇人民政府，县直各单位：", "现将有关事项通知如下。", "一、提高思想认识", "各单位要高度重视防汛工作。",
                "（2019年4月2日）"])
    assert doc.date_source == "signature"


def test_ocr_letter_l_in_a_month_and_a_day():
    assert find_date("(2O18年l2月26日)") == "2018-12-26"
    assert find_date("2018年1l月2l日") == "2018-11-21"
    assert find_date("建成养殖专业合作社3l2个") == ""


def test_a_note_on_the_speech_gives_its_day_and_the_authors_office():
    """（作者系宜宾市人民政府市长。本文根据其4月16日在…会议上的讲话整理，有删节）: the office (not the note after
    it), the name from the byline under the headline, and the day with the page's year."""
    assert classify_line("（作者系宜宾市人民政府市长。本文根据其4月16日在全市安全生产工作会议上的讲话整理，有删节）", 40).value == "宜宾市人民政府市长"
    doc = _doc([*SPEECH, *CLOSE, "（作者系宜宾市人民政府市长。本文根据其4月16日在全市安全生产工作会议上的讲话整理，有删节）"], name="content_4471.htm",
               encoding="html (utf-8)", meta={"title": "压紧压实安全生产责任 坚决守牢安全发展底线", "date": "2020-04-20"},
               left_out=["2020年04月20日 星期一", "第03版：要闻 上一版 下一版", "本版新闻列表", "压紧压实安全生产责任 坚决守牢安全发展底线", "市政府召开第52次常务会议",
                         "压紧压实安全生产责任 坚决守牢安全发展底线", "——在全市安全生产工作会议上的讲话（摘要）", "林　涛", "本版责编：何 静"])
    assert (doc.author, doc.date) == ("林涛（宜宾市人民政府市长）", "2020-04-16")


@pytest.mark.parametrize("line, near, day", [
    ("（农历癸未年腊月二十六日）", 2004, "2004-01-17"),  # 癸未 is the lunar year 2003; its twelfth month ends in January 2004
    ("农历甲申年正月初八", 2004, "2004-01-29"),
    ("（农历己亥年腊月三十）", 2020, "2020-01-24"),
    ("辛丑年腊月三十", 2022, ""),  # that month had 29 days
    ("农历正月初八", 2004, ""),  # no year's stem and branch
])
def test_a_day_of_the_chinese_calendar(line, near, day):
    assert lunar_date(line, near) == day


def test_a_spring_festival_speech_dated_by_the_chinese_calendar():
    doc = _doc(["在全州2004年春节团拜会上的讲话", "中共湘西自治州委书记 龙顺章", "（农历癸未年腊月二十六日）", "各位老领导、老同志，同志们、朋友们：",
                "金猴迎春至，瑞雪兆丰年。再过几天，我们就要迎来甲申猴年新春佳节。"], name="a.htm", encoding="html (utf-8)", meta={"date": "2004-01-19"})
    assert (doc.title, doc.date) == ("在全州2004年春节团拜会上的讲话", "2004-01-17")


def test_an_editors_note_in_brackets_dates_the_speech_it_presents():
    doc = _doc(["【编者按】3月11日，全省春季农业生产工作会议在南昌召开。副省长罗建华出席会议并讲话。现将讲话全文刊发，供各地学习贯彻。",
                "在全省春季农业生产工作会议上的讲话", "罗建华", *SPEECH], name="a.html", encoding="html (utf-8)", meta={"date": "2021-03-15"})
    assert doc.date == "2021-03-11"


def test_a_news_agencys_dateline_and_a_headline_with_its_site_and_speaker():
    doc = _doc(["关帝文化旅游节开幕式现场。（中评社 郑晨摄）",
                "中评社东山6月21日电（记者 郑 晨）2019海峡两岸（东山）关帝文化旅游节21日上午在东山县铜陵镇开幕。中共东山县委书记林建国在开幕式上致辞。以下为致辞全文：",
                "在2019海峡两岸（东山）关帝文化旅游节开幕式上的致辞", "中共东山县委书记 林建国", "尊敬的各位领导、各位嘉宾，朋友们：", "今天，我们在这里隆重举行关帝文化旅游节。"],
               name="105431229.html", encoding="html (big5)",
               meta={"title": "中国评论新闻网: 林建国：在2019海峡两岸（东山）关帝文化旅游节开幕式上的致辞", "date": "2019-06-22"})
    assert (doc.title, doc.date) == ("在2019海峡两岸（东山）关帝文化旅游节开幕式上的致辞", "2019-06-21")
    assert doc.author.startswith("林建国")


def test_a_speakers_name_names_no_place():
    doc = _doc(["在全镇学习宣传贯彻党的十九大精神大会上的讲话", "镇党委书记 关玉山", "（2017年11月8日）", *SPEECH], name="镇党委书记关玉山在全镇大会上的讲话.txt")
    assert doc.author == "关玉山（镇党委书记）"
    assert doc.locality.locality == "" and "玉山县" not in doc.locality.evidence


def test_interviewee_of_a_transcript():
    qa = ["记者：洱海保护治理抢救模式开启以来，大理市做了哪些工作？", "段林华：洱海是大理各族人民的“母亲湖”。", "记者：保护与发展如何兼顾？",
          "段林华：保护洱海不是不要发展，而是要更高质量的发展。"]
    assert interviewee(qa) == "段林华"
    assert interviewee(qa[:2]) == ""  # one answer is no interview
    assert interviewee(["会议指出：要抓落实。", "会议强调：要守底线。", "记者：何时完成？", "记者：如何推进？"]) == ""


def test_the_reporter_of_several_roles_and_a_source_line_opened_by_the_pages_time():
    assert author_name("记者 沈佳 通讯员 顾晓东") == "沈佳"
    kind = classify_line("2020-02-14 10:26:37 来源：昆山日报 作者：记者 沈佳 通讯员 顾晓东", 40)
    assert (kind.reason, dict(kind.fields)["作者"]) == ("source/date line", "记者 沈佳 通讯员 顾晓东")


def test_a_leader_who_comments_and_speaks_in_meeting_news():
    from pipeline.ingest import news_speaker

    body = ["12月30日下午，六横镇召开2021年度村（社区）党组织书记抓基层党建工作述职评议会。镇党委书记陈国栋逐一点评并讲话，镇党委副书记王珊珊主持会议。",
            "陈国栋在逐一点评后指出，全镇各村党组织发挥了战斗堡垒作用。"]
    assert news_speaker("六横镇召开2021年度村（社区）党组织书记抓基层党建工作述职评议会", body) == "陈国栋（镇党委书记）"


def test_a_compilations_printing_day_is_after_the_speechs_own():
    doc = _doc(["乐 昌 市 委 文 件 汇 编", "（领导讲话）", "中共乐昌市委办公室                    2015年1月12日印发", "",
                "在中共乐昌市委十二届八次全体（扩大）会议上的讲话", "市委书记  邓卫东", "（2015年1月9日）", *SPEECH])
    assert doc.date == "2015-01-09"


def test_a_posts_account_under_its_headline_is_no_title():
    followed = _doc(["宁乡市委经济工作会议召开", "宁乡发布 +关注", "2022-12-28 19:02 来源：澎湃新闻·澎湃号·政务 湖南",
                     "12月26日，中共宁乡市委经济工作会议召开。市委书记龚立新出席会议并讲话。", "龚立新指出，2022年是极不平凡的一年。"],
                    name="newsDetail_forward_21308846.html", encoding="html (utf-8)")
    assert followed.title == "宁乡市委经济工作会议召开"
    over_time = _doc(["北流市委经济工作会议召开 黄振宇梁海清出席并讲话", "北流发布", "2020-01-02 11:08", "关注", "",
                      "12月30日，中共北流市委经济工作会议召开。市委书记黄振宇出席会议并讲话。", "黄振宇强调，要抓好明年经济工作。"])
    # (a headline that reports someone speaking names no speech: the item is news, dated by its lead, its speaker the author)
    assert (over_time.title, over_time.date, over_time.author) == ("北流市委经济工作会议召开 黄振宇梁海清出席并讲话", "2019-12-30", "黄振宇（市委书记）")
    # a two-line title's second line is still title
    two = _doc(["关于进一步加强", "安全生产工作的通知", "各乡镇人民政府：", "现将有关事项通知如下。"])
    assert two.title.replace(" ", "") == "关于进一步加强安全生产工作的通知"


def test_a_pages_author_property_is_its_poster_whom_a_news_items_speaker_overrides():
    doc = _doc(["1月9日上午，弥勒市第三届人民代表大会第三次会议在市会议中心隆重开幕。", "受市人民政府委托，市长李春艳向大会作政府工作报告。",
                "李春艳在报告中表示，新的一年，市政府将坚定信心、真抓实干。"], name="1787667130582694129.html", encoding="html (utf-8)",
               meta={"title": "弥勒市第三届人民代表大会第三次会议开幕", "author": "红河日报", "date": "2024-01-10"})
    assert doc.author == "李春艳（市长）"


def test_a_reposts_original_title_mark_and_a_news_portals_menu():
    doc = _doc(["澎湃新闻", "要闻", "深度", "直播", "视频", "澎湃号", "问吧", "下载客户端", "登录", "原标题：区委全会暨区委经济工作会议召开",
                "12月29日，区委全会暨区委经济工作会议召开。区委书记罗毅出席会议并讲话。"], name="a.html", encoding="html (utf-8)")
    assert doc.title == "区委全会暨区委经济工作会议召开"


def test_a_compilations_name_with_its_volume_is_no_title():
    doc = _doc(["巢湖改革开放三十年文献选编（第二辑）", "", "在全区经济工作会议上的讲话", "（1998年1月12日）", "胡国庆", "", *SPEECH])
    assert doc.title == "在全区经济工作会议上的讲话"


def test_a_text_opening_with_its_subtitle_takes_the_pages_headline():
    doc = _doc(["――在全市农村工作会议上的讲话", "市委书记\u3000钱国荣", "（1999年2月3日）", *SPEECH], name="ShowArticle.asp@ArticleID=356.htm",
               encoding="html (gb18030)", meta={"title": "吴县在线――调整结构 增加收入 全面推进农业和农村现代化", "date": "1999-03-02"})
    assert doc.title.startswith("调整结构 增加收入 全面推进农业和农村现代化")
    assert doc.title.endswith("在全市农村工作会议上的讲话") and "吴县在线" not in doc.title


def test_an_authors_name_where_the_text_gives_only_the_office():
    # (作者：林建国 2022-06-01 09:00:00 in the left-out source line; □黄启明 under the left-out headline)
    article = ["2021年6月，中共中央、国务院关于支持浙江高质量发展建设共同富裕示范区的意见正式发布。", "一、深刻认识数字化改革的重大意义",
               "共同富裕是社会主义的本质要求。"]
    qiushi = _doc([*article, "（作者：中共浙江省委书记）"], name="c_1128695345.htm", encoding="html (utf-8)",
                  meta={"title": "以数字化改革为牵引 奋力推进共同富裕示范区建设"},
                  left_out=["以数字化改革为牵引 奋力推进共同富裕示范区建设", "来源：《求是》2022/11 作者：林建国 2022-06-01 09:00:00"])
    assert qiushi.author == "林建国（中共浙江省委书记）"
    paper = _doc([*article, "（作者系省委副书记、省长）"], name="240123.shtml", encoding="html (utf-8)", meta={"title": "在推动成渝地区双城经济圈建设中展现四川担当"},
                 left_out=["本版新闻", "在推动成渝地区双城经济圈建设中展现四川担当", "以“一干多支”推动区域协调发展", "深入学习贯彻习近平总书记对四川工作系列重要指示精神",
                           "在推动成渝地区双城经济圈建设中展现四川担当", "□黄启明", "打印本页 | 返回目录"])
    assert paper.author == "黄启明（省委副书记、省长）"


def test_a_reports_cover_marks_and_a_scans_misreadings():
    doc = _doc(["桐城市第十五届人民代表大会第五次会议文件", "(十 二)", "", "桐城市人民检察院工作报告", "（书面）", "",
                "——二○一五年一月二十八日在桐城市第十五届人民代表大会第五次会议上", "", "桐城市人民检察院检察长  方宏斌", "", "各位代表：",
                "现在，我代表市人民检察院向大会报告工作，请予审议。"])
    assert (doc.title, doc.date) == ("桐城市人民检察院工作报告", "2015-01-28")
    assert find_date("二O一七年二月十五曰") == "2017-02-15"  # (OCR's 曰 for 日)
    assert find_date("子曰：学而时习之") == ""


def test_a_drafts_day_left_blank_dates_it_by_its_month():
    doc = _doc(["内部资料", "注意保存", "", "守正创新 担当作为 奋力谱写新时代郧西宣传思想文化工作新篇章", "——在全县宣传思想文化工作会议上的讲话", "",
                "县委常委、宣传部部长 陈  静", "（2023 年 2 月   日）", "", *SPEECH])
    assert doc.date == "2023-02"


def test_a_name_of_a_rarer_surname_between_a_title_and_its_day():
    doc = _doc(["在市委十三届五次全体（扩大）会议结束时的讲话", "盛国良", "（2013年12月24日）", "", *SPEECH])
    assert (doc.title, doc.author) == ("在市委十三届五次全体（扩大）会议结束时的讲话", "盛国良")


def test_a_posts_calling_headline_gives_way_to_the_documents_own_title():
    doc = _doc(["重磅！市委五届八次全会报告全文来了", "", "原创 遵义发布 遵义发布 2019-12-29 07:58", "", "点击上方蓝字关注我们", "", "来源：遵义日报", "",
                "决战脱贫攻坚 决胜全面小康", "奋力开创新时代遵义转型发展新局面", "——在中国共产党遵义市第五届委员会第八次全体会议上的报告", "",
                "（2019年12月27日）", "", "王振邦", "", "同志们：", "现在，我代表市委常委会向全会报告工作，请予审议。"])
    assert doc.title.startswith("决战脱贫攻坚 决胜全面小康")
    assert doc.date == "2019-12-27"


def test_a_catalogues_other_keys_and_a_pages_bar_of_the_day():
    doc = _doc(["甘孜县人民政府", "དཀར་མཛེས་རྫོང་མི་དམངས་སྲིད་གཞུང་།", "2022年04月20日 星期三", "信息索引号：008125769/2022-00063", "发布机构：甘孜县人民政府办公室", "生成日期：2022-04-20",
                "文号：甘县府通〔2022〕3号", "来源：县林草局 发布时间：2022-04-20 11:27 【大 中 小】", "为切实加强我县虫草资源保护和采集期管理，维护采集秩序和社会稳定，现将有关事项通告如下。", "一、采集时间。全县2022年虫草采集期为5月1日至6月30日。",
                "甘孜县人民政府", "2022年4月18日"], name="art_1097_84213.html", encoding="html (utf-8)",
               meta={"title": "甘孜县人民政府关于做好2022年虫草采集期管理工作的通告", "headings": "甘孜县人民政府关于做好2022年虫草采集期管理工作的通告"})
    assert (doc.title, doc.date) == ("甘孜县人民政府关于做好2022年虫草采集期管理工作的通告", "2022-04-18")
    assert classify_line("内容分类：规划计划", 40).reason == "header fields"


def test_a_pages_title_naming_only_its_column_gives_way_to_its_headline():
    doc = _doc(["――2014年2月18日在巴东县第八届人民代表大会第四次会议上", "县财政局局长 谭明华", "各位代表：", "受县人民政府委托，现将预算执行情况提请审议。"],
               name="t20140312_2036.html", encoding="html (gb18030)",
               meta={"title": "巴东县人民政府门户网站--财政预决算", "headings": "关于巴东县2013年财政预算执行情况和2014年财政预算草案的报告"})
    assert doc.title.startswith("关于巴东县2013年财政预算执行情况和2014年财政预算草案的报告")


def test_an_online_interviews_header():
    doc = _doc(["访谈主题：持续优化营商环境 全力服务市场主体", "访谈时间：2023年6月15日 10:00", "访谈嘉宾：渝北区委副书记、区长 周建平", "主 持 人：李婷", "访谈状态：已结束",
                "【主持人】李婷：各位网友大家好，欢迎收看本期“区长访谈”。", "【嘉宾】周建平：主持人好，各位网友大家好！"])
    assert (doc.title, doc.author, doc.date) == ("持续优化营商环境 全力服务市场主体", "周建平（渝北区委副书记、区长）", "2023-06-15")


def test_a_catalogues_cells_left_out_key_over_value():
    doc = _doc(["为深入贯彻落实乡村振兴决策部署，制定本方案。", "一、总体目标", "2025年，全县金桔种植面积稳定在21万亩左右。"], name="t20250314_3561207.shtml",
               encoding="html (utf-8)", meta={"title": "融安县2025年金桔产业高质量发展工作方案", "date": "2025-03-14"},
               left_out=["索引号", "11450224008021234X/2025-00812", "发文机关", "融安县人民政府办公室", "成文日期", "2025-03-06",
                         "标 题", "融安县2025年金桔产业高质量发展工作方案", "发布时间：2025-03-14 来源：融安县人民政府办公室"])
    assert doc.date == "2025-03-06"


def test_a_plans_preface_is_no_part_of_its_title():
    doc = _doc(["海伦市国民经济和社会发展第十一个五年规划纲要", "（2006年2月20日海伦市第十四届人民代表大会第五次会议批准）", "前 言",
                "“十一五”时期（2006—2010年）是我市全面建设小康社会的关键时期。", "本纲要根据市委的建议编制，是全市人民的共同行动纲领。"])
    assert doc.title == "海伦市国民经济和社会发展第十一个五年规划纲要"


def test_the_reporter_a_news_leads_dateline_names():
    doc = _doc(["本网讯（记者 马文军）今年以来，同心县紧紧围绕“搬得出、稳得住、能致富”的目标，扎实推进生态移民搬迁工作。",
                "据了解，2009年同心县计划实施县内生态移民搬迁2100户9800人。"], name="content_4471.htm", encoding="html (gb18030)",
               meta={"title": "同心县生态移民搬迁工作稳步推进", "date": "2009-04-17"})
    assert doc.author == "马文军"


def test_a_greetings_speech_below_a_posts_headline():
    doc = _doc(["致辞全文｜钟晓岚：赣州诚邀您共享发展新机遇", "", "原创 赣州发布 赣州发布 2018-05-18 21:06", "",
                "5月17日，2018赣州（深圳）经贸合作推介会在深圳举行。赣州市委常委、副市长钟晓岚出席并致辞。", "以下为致辞全文：", "",
                "在2018赣州（深圳）经贸合作推介会上的致辞", "赣州市委常委、市人民政府副市长 钟晓岚", "（2018年5月17日）", "",
                "尊敬的各位领导、各位嘉宾，女士们、先生们：", "大家上午好！今天，我们在美丽的深圳举办赣州经贸合作推介会。"])
    assert (doc.title, doc.date) == ("在2018赣州（深圳）经贸合作推介会上的致辞", "2018-05-17")


def test_a_journal_databases_record_and_the_authors_unit():
    doc = _doc(["推进乡村振兴战略的海东实践", "马文昌", "海东市人民政府", "", "摘要：海东地处河湟谷地，是青海省农业人口最多的地区。", "关键词：乡村振兴；海东市；",
                "专辑：经济与管理科学", "专题：农业经济", "分类号：F320.3", "来源：青海党的生活 2019年05期  第22-24页", "下载：86  页数：3", "",
                "近年来，海东市深入实施乡村振兴战略，农业农村发展取得新成效。"])
    assert (doc.title, doc.author) == ("推进乡村振兴战略的海东实践", "马文昌")


def test_an_accounts_name_over_its_card_is_no_title():
    doc = _doc(["阜平组工", "微信号 fpzg_dj", "功能介绍 中共阜平县委组织部官方微信公众号，发布全县组织工作动态。",
                "编者按：1月26日，全县述职评议会议召开。县委书记韩立军出席会议并讲话。现将讲话全文刊发如下。",
                "在全县2020年度乡镇党委书记抓基层党建工作述职评议会议上的讲话", "韩立军", "（2021年1月26日）", "同志们：",
                "今天，我们召开全县2020年度乡镇党委书记抓基层党建工作述职评议会议。"], name="a.html", encoding="html (utf-8)")
    assert doc.title == "在全县2020年度乡镇党委书记抓基层党建工作述职评议会议上的讲话"


# what a review of these mechanisms found them doing to ordinary texts, and they no longer do


def test_a_wrapped_titles_last_line_is_no_name():
    doc = _doc(["在全县二〇二二年经济工作会议上的", "讲话", "（2022年1月5日）", "县长 王建国", *SPEECH])
    assert (doc.title, doc.author) == ("在全县二〇二二年经济工作会议上的讲话", "王建国（县长）")
    notice = _doc(["宁乡市人民政府关于做好2022年春耕生产工作", "的通知", "（2022年3月1日）", "各镇人民政府：", "现将有关事项通知如下。"])
    assert notice.author == "" and notice.title.endswith("的通知")


def test_a_speech_cited_in_the_text_dates_nothing():
    plan = _doc(["关于开展安全生产大检查的实施方案", "根据市委书记张建国同志2021年5月10日在全市安全生产工作会议上的讲话精神，结合我县实际，制定本方案。",
                 "一、检查范围", "全县所有生产经营单位。", "宁乡县安全生产委员会办公室", "2021年6月1日"])
    assert plan.date == "2021-06-01"
    speech = _doc(["在全县党史学习教育总结会议上的讲话", "发文日期：2022-01-15", "县委书记 王志强", *SPEECH,
                   "习近平总书记指出，要把学习成效转化为工作动力。", "（2021年2月20日在党史学习教育动员大会上的讲话）", "我们要认真贯彻落实。",
                   "一、巩固学习成果", "全县各级党组织要持续抓好学习。"])
    assert speech.date == "2022-01-15"


def test_a_headline_ending_in_attention_or_a_papers_name_is_no_account():
    doc = _doc(["十大民生实事受关注", "来源：宁乡市人民政府 发布时间：2021-05-12", "5月11日，宁乡市公布2021年十大民生实事项目。"], name="a.html",
               encoding="html (utf-8)")
    assert doc.title == "十大民生实事受关注"
    two = _doc(["我县脱贫攻坚经验", "登上人民日报", "来源：县融媒体中心 发布时间：2021-05-12", "近日，人民日报刊发文章，介绍我县脱贫攻坚经验。"])
    assert two.title.replace(" ", "") == "我县脱贫攻坚经验登上人民日报"


def test_a_short_headline_is_kept_when_no_site_is_named():
    doc = _doc(["4月19日，全市春耕备耕工作现场推进会召开。", "会议要求，各地要抢抓农时。"], name="a.html", encoding="html (utf-8)",
               meta={"title": "春耕备耕正当时", "headings": "春耕备耕正当时\n关于做好2022年春耕生产工作的通知", "date": "2022-04-20"})
    assert doc.title == "春耕备耕正当时"


def test_only_a_byline_set_as_one_names_the_holder_of_a_notes_office():
    doc = _doc([*SPEECH, *CLOSE, "（作者系宜宾市人民政府市长）"], name="a.htm", encoding="html (utf-8)",
               meta={"title": "压紧压实安全生产责任 坚决守牢安全发展底线", "date": "2020-04-20"},
               left_out=["压紧压实安全生产责任 坚决守牢安全发展底线", "金句", "林涛"])
    assert doc.author == "宜宾市人民政府市长"


def test_a_chinese_calendar_line_under_a_pages_bar_dates_nothing():
    doc = _doc(["2022年04月20日 星期三", "农历壬寅年三月二十", "宁乡市召开防汛工作会议", "4月19日，宁乡市召开防汛工作会议。市长李明出席会议并讲话。",
                "李明强调，要压实防汛责任。"], name="a.html", encoding="html (utf-8)")
    assert doc.date == "2022-04-19"
    assert lunar_date("乙丑年正月十五", 2004) == ""  # (1985's: no year near the page's)


def test_a_study_plans_topic_line_is_text():
    doc = _doc(["2023年理论学习中心组学习计划", "一、学习安排", "专题：深入学习贯彻党的二十大精神，全面推进中国式现代化宁乡实践。", "各成员要认真做好学习笔记。"])
    assert any("专题：深入学习贯彻党的二十大精神" in p["text"] for p in doc.paragraphs)


def test_a_records_chair_and_a_question_and_answer_transcript():
    minutes = ["主持人：今天召开第十次常务会议，研究三个议题。", "张建国：同意农业农村局的意见。", "主持人：下面研究第二个议题。", "张建国：原则同意。"]
    assert interviewee(minutes) == ""
    assert interviewee(["问：今年有哪些考虑？", "张建国：重点抓好乡村振兴。", "问：如何推进？", "张建国：项目化推进。"]) == "张建国"
    assert classify_line("作者：林建国 2022-06-01 09:00:00", 40).value == "林建国"


def test_a_posts_column_tag_and_a_photos_caption_are_no_title():
    doc = _doc(["点击蓝字 关注我们", "【新春访谈】", "编者按：新春伊始，柳州日报推出系列访谈。", "记者：刚刚过去的2022年，柳州交出了一份怎样的成绩单？",
                "韦志刚：2022年，我们坚决贯彻落实党中央决策部署。", "记者：今年有哪些考虑？", "韦志刚：工业是柳州的根和魂。"], name="a.html",
               encoding="html (utf-8)", meta={"title": "市长韦志刚：2023，柳州这样干！", "date": "2023-02-14"})
    assert (doc.title, doc.author) == ("市长韦志刚：2023，柳州这样干！", "韦志刚")
    caption = _doc(["会议现场", "7月14日，区委书记吴志坚主持召开区委常委会（扩大）会议。", "会议强调，要学深悟透。"], name="a.html", encoding="html (utf-8)",
                   meta={"title": "綦江区委常委会（扩大）会议召开", "date": "2021-07-15"})
    assert (caption.title, caption.date) == ("綦江区委常委会（扩大）会议召开", "2021-07-14")


def test_a_cover_gives_its_body_and_month_apart_from_the_title():
    doc = _doc(["政 府 工 作 报 告", "", "——2012年1月9日在准格尔旗第十五届人民代表", "大会第一次会议上", "", "准格尔旗人民政府旗长　张　磊", "", "",
                "准格尔旗人民政府", "二〇一二年一月", "\f", "各位代表：", "现在，我代表旗人民政府，向大会报告工作，请予审议。"])
    assert (doc.title, doc.date) == ("政府工作报告", "2012-01-09")


def test_a_speechs_day_and_speaker_left_out_under_its_headline():
    doc = _doc(["同志们：", "这次市委全会暨全市经济工作会议的主要任务是，部署明年工作。", "一、正确认识形势", "今年以来，全市上下认真落实中央和省委部署。"],
               name="content_56123.htm", encoding="html (gb18030)",
               meta={"title": "铁岭日报数字报--坚定信心 攻坚克难 奋力开创铁岭振兴发展新局面", "date": "2014-12-22"},
               left_out=["本版标题导航", "坚定信心 攻坚克难 奋力开创铁岭振兴发展新局面", "市政府召开常务会议", "坚定信心 攻坚克难 奋力开创铁岭振兴发展新局面",
                         "——在中共铁岭市委十届九次全体会议暨全市经济工作会议上的讲话", "（2014年12月19日）", "周宏宇", "<<上一篇 下一篇>>"])
    assert (doc.author, doc.date) == ("周宏宇", "2014-12-19")


def test_a_years_report_under_the_body_whose_it_is():
    doc = _doc(["昆山市人民政府", "2016 年工作总结和 2017 年工作思路", "", "2016 年，在苏州市委、市政府和昆山市委的坚强领导下，市政府紧紧围绕目标定位扎实推进各项工作。"])
    assert doc.title.replace(" ", "") == "昆山市人民政府2016年工作总结和2017年工作思路"


def test_a_reposts_card_with_its_author_and_an_agencys_interview():
    doc = _doc(["寻乌召开全县乡村振兴工作推进会", "赣州发布 赣州发布 2021-06-18 07:30", "以下文章来源于寻乌发布 ，作者寻乌县融媒体中心", "寻乌发布.",
                "寻乌县委宣传部官方公众号，发布寻乌权威资讯。", "点击上方蓝字  关注我们", "6月16日，寻乌县召开全县乡村振兴工作推进会。县委书记刘学文出席会议并讲话。"])
    assert doc.title == "寻乌召开全县乡村振兴工作推进会"
    qa = _doc(["漳州市委副书记、市长林志伟接受中评社专访。（中评社 陈思远摄）", "中评社漳州5月20日电（记者 陈思远）漳州与台湾隔海相望，是台胞的主要祖籍地。",
               "中评社：漳州在两岸交流合作中有哪些独特优势？", "林志伟：漳州与台湾的渊源非常深厚。", "中评社：下一步有什么打算？", "林志伟：我们将继续扩大开放。"],
              name="102556321.html", encoding="html (big5)", meta={"title": "中国评论新闻：漳州市长林志伟：打造台商投资首选地", "date": "2013-05-21"})
    assert (qa.title, qa.author, qa.date) == ("漳州市长林志伟：打造台商投资首选地", "林志伟", "2013-05-20")


def test_a_sharing_sites_and_a_collectors_furniture():
    assert classify_line("文档简介", 40).reason == "document site prompt"
    assert classify_line("转自临泉县政府网", 40).reason == "reprint note"
    assert classify_line("整理：川考上岸宝典（如有侵权请联系删除）", 40).reason == "reprint note"
    assert classify_line("转自县委办公室的通知要求，各单位认真落实。", 40).kind == "body"


def test_what_the_second_review_found():
    # a left-out word or an editor's name under a speech's day is no speaker, nor over the one the title names
    left = ["坚定信心 攻坚克难", "——在全市经济工作会议上的讲话", "（2014年12月19日）", "文字实录"]
    doc = _doc(["同志们：", "这次会议的主要任务是部署明年工作。", "一、正确认识形势", "今年以来，全市上下认真落实部署。"], name="a.htm", encoding="html (utf-8)",
               meta={"title": "坚定信心 攻坚克难", "date": "2014-12-22"}, left_out=left)
    assert doc.author == ""
    # a day before 电视电话会议, 电网, 电商 is no agency's dateline
    for lead in ("按照省政府5月20日电视电话会议部署，6月8日，我县召开安全生产工作会议。", "今年11月11日电商购物节期间，我县电商销售额再创新高。"):
        assert _doc([lead, "会议要求，各乡镇要压实责任。"], name="a.html", encoding="html (utf-8)", meta={"date": "2023-12-05"}).date != "2023-05-20"
    assert _doc(["今年11月11日电商购物节期间，我县电商销售额再创新高。"], name="a.html", encoding="html (utf-8)",
                meta={"date": "2023-12-05"}).date == "2023-12-05"
    # a name ending in 社 or 台 answers; it does not ask
    assert interviewee(["记者：今年有哪些考虑？", "刘建社：重点抓好乡村振兴。", "记者：如何推进？", "刘建社：项目化推进。"]) == "刘建社"
    # a notice's 字数：, 定价： lines are text
    notice = _doc(["关于城区集中供热价格的通知", "各供热企业：", "现将城区集中供热价格通知如下：", "定价：居民用户每平方米每采暖期22元。", "本通知自2023年11月1日起执行。"])
    assert any("定价：居民用户每平方米每采暖期22元" in p["text"] for p in notice.paragraphs)
    # a headline's （报告全文） is a tag, not a reason to drop the headline
    report = _doc(["2022年XX区政府工作报告（报告全文）", "来源：XX区人民政府 发布时间：2022-01-10", "政府工作报告", "——2022年1月6日在XX区第三届人民代表大会第一次会议上",
                   "XX区人民政府区长 张伟", "各位代表：", "现在，我代表区人民政府向大会报告工作。"])
    assert report.title == "2022年XX区政府工作报告"


def test_a_reporters_outlet_and_rank_are_no_part_of_the_name_and_a_photo_credit_of_several_is_a_caption():
    assert author_name("广州日报全媒体记者肖桂来") == "肖桂来"
    assert author_name("本报全媒体记者 肖桂来") == "肖桂来"
    assert classify_line("广汽埃安智能生态工厂 广州日报全媒体记者李波、肖桂来 摄", 40).reason == "photo caption"


def test_a_credit_of_words_and_pictures_gives_the_writer():
    assert author_name("文/记者张永幸 图/通讯员黎进明") == "张永幸"


def test_a_reporters_rank_is_read_wherever_a_reporter_is():
    assert author_name("全媒体记者 沈佳 通讯员 顾晓东") == "沈佳"
    kind = classify_line("本报全媒体记者 肖桂来", 40)
    assert (kind.reason, kind.value) == ("byline", "肖桂来")


def test_a_headlines_deck_of_who_presided_is_no_name():
    from pipeline.text import looks_like_person

    assert not looks_like_person("刘宁主持") and looks_like_person("欧阳明") and looks_like_person("李军")


def test_a_captions_spokesman_answering_is_no_signature():
    from conftest import make_doc

    doc = make_doc(["全市首届新闻发言人培训班成功举行模拟新闻发布会", "新闻发布会现场", "记者提问",
                    "今天上午，“宣城市政府新闻发布会”在宣城宾馆举行，记者们提出一个个问题，新闻发言人从容应对。", "发言人答记者问"])
    assert "答记者问" not in doc.author

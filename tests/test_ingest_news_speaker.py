"""News of a meeting or a visit: its author is the leader whose words it reports, not the reporter
who wrote it down nor the office that posted it; a reporter stays the author where nobody speaks."""

import pytest
from conftest import make_doc as _doc

from pipeline.ingest import news_item, news_speaker


@pytest.mark.parametrize("title, body, who", [
    # a lead naming who convened the meeting, and the same name opening what it says
    ("多杰加主持召开州政府第48次常务会议", ["8月21日，州长多杰加主持召开州政府第48次常务会议，传达学习省委全会精神。", "会议指出，要统筹推进。多杰加强调，生态保护是最大责任。"],
     "多杰加（州长）"),
    # only what the speaker says, twice, under a headline naming the meeting
    ("市委经济工作会议召开", ["本报讯（记者 钟华）昨天，市委经济工作会议召开。", "王峰在讲话中充分肯定了成绩。王峰指出，当前正处在关键时期。", "王峰强调，要重点抓好六个方面。"],
     "王峰"),
    # who gave the report at a people's congress, not who chaired it
    ("甘州区第十九届人民代表大会第二次会议隆重开幕", ["大会由区人大常委会主任马玉兰主持。受区人民政府委托，区委副书记、区长何俊峰向大会作政府工作报告。", "何俊峰在报告中指出，全区经济平稳。"],
     "何俊峰（区委副书记、区长）"),
    # the party secretary who reports and speaks, not the county head who speaks after him
    ("县委全会召开", ["全会由县委常委会主持。县委书记韦成刚代表县委常委会作工作报告并讲话，县委副书记、县长谢晓东就经济工作作具体安排。",
                    "韦成刚在讲话中指出，今年以来全县经济平稳。", "谢晓东在安排工作时指出，要紧盯目标。"], "韦成刚（县委书记）"),
    # the deputy a head entrusted with the meeting
    ("市政府召开第31次常务会议", ["7月12日，受市长刘忠民委托，市委常委、常务副市长罗建华主持召开市政府第31次常务会议。", "罗建华强调，要紧盯全年目标。"],
     "罗建华（市委常委、常务副市长）"),
    # a visit's headline names its subject
    ("赵启明调研重点项目建设和招商引资工作", ["4月9日，市委副书记、市长赵启明深入陈仓区调研。他强调，要抓项目。"], "赵启明（市委副书记、市长）"),
])
def test_the_leader_whose_words_the_news_reports(title, body, who):
    assert news_speaker(title, body) == who


@pytest.mark.parametrize("title, body", [
    # the meeting speaks, not a person
    ("县政府召开常务会议", ["3月5日，县政府召开常务会议。会议指出，要抓好春耕。会议强调，要守住安全底线。"]),
    # a national leader quoted is not the report's speaker
    ("全县传达学习会议精神", ["习近平强调，要坚持稳中求进。习近平指出，发展是第一要务。习近平总书记的重要讲话为我们指明了方向。"]),
    # a report received by the congress, not given (审议了…所作的报告), and a presidium's report (主席团工作报告)
    ("县十八届人大三次会议闭幕", ["县第十八届人民代表大会第三次会议审议了县人民政府县长王丽媛所作的政府工作报告。"]),
    ("乡人代会召开", ["会议听取了乡人大主席团工作报告。"]),
    # one clause alone is not enough
    ("全县安全生产工作会议召开", ["会上，李明强调，要压实责任。"]),
])
def test_nobody_whose_words_the_news_reports(title, body):
    assert news_speaker(title, body) == ""


def test_a_meeting_news_item_is_its_speakers_not_its_reporters():
    doc = _doc([
        "县委经济工作会议召开",
        "来源：湄潭县融媒体中心　作者：记者 张媛 罗洪　发布时间：2023-12-28",
        "12月27日，县委经济工作会议召开。会议以习近平新时代中国特色社会主义思想为指导，全面贯彻中央经济工作会议精神。",
        "县委书记程浩出席会议并讲话，县委副书记、县长刘明远主持会议。",
        "程浩在讲话中指出，今年以来，全县上下坚持稳中求进工作总基调，经济运行持续回升向好。",
        "程浩强调，做好明年经济工作，要牢牢把握高质量发展这个首要任务，重点抓好六个方面的工作。",
        "刘明远在主持会议时要求，全县各级各部门要认真学习领会会议精神，迅速把思想和行动统一到县委决策部署上来。",
    ], name="县委经济工作会议召开.txt")
    assert doc.author == "程浩（县委书记）"


def test_news_where_nobody_speaks_stays_its_reporters():
    doc = _doc([
        "我区退耕还林工程建设成效显著",
        "作者：记者 杨晓梅　发布时间：2005-06-12",
        "本网讯 五年来，我区累计完成退耕还林任务316万亩，惠及农户28万户，森林覆盖率提高到42.5%。",
        "据地区林业局介绍，全区坚持生态优先，把退耕还林与农业结构调整、农民增收结合起来，发展经果林、中药材等特色产业。",
    ], name="退耕还林.txt")
    assert doc.author == "杨晓梅"


def test_an_interview_is_its_interviewees():
    doc = _doc(["湖州日报数字报", "2024年03月08日 星期五", "第A03版：要闻", "上一版\u3000下一版\u3000\u3000上一篇\u3000下一篇", "",
                "念好“两山”经 走好共富路", "——访安吉县委书记杨振宇", "", "记者 沈佳琪 朱浩然", "",
                "记者：安吉是“绿水青山就是金山银山”理念诞生地，今年有哪些新打算？",
                "杨振宇：今年我们将坚定不移走生态优先、绿色发展之路，全力打造共同富裕县域样板，重点抓好三方面工作。"], name="新建文本文档.txt")
    assert doc.author == "杨振宇（安吉县委书记）"
    assert doc.title.startswith("念好“两山”经 走好共富路")
    assert doc.locality.locality == "安吉县"


def test_a_leaders_visit_named_by_office_alone_is_the_leaders_level():
    doc = _doc(["市委书记深入新邵县调研防汛和地质灾害防治工作", "来源：邵阳日报　发布时间：2021-06-19",
                "6月18日，市委书记、市人大常委会主任深入新邵县调研防汛和地质灾害防治工作。他强调，要压紧压实防汛责任。",
                "在新邵县坪上镇，市委书记察看了地质灾害隐患点监测预警情况，要求新邵县加强巡查排查，确保群众安全。",
                "在新邵县城区，市委书记检查了排涝设施运行情况。新邵县、市应急管理局等负责同志参加调研。"], name="content_412873.htm")
    assert (doc.locality.locality, doc.locality.level) == ("邵阳市", "city")


@pytest.mark.parametrize("lead, posted, day", [
    ("赣南日报赣州讯（全媒体记者钟文婷）4月20日，市委副书记、市长赵明远在市行政中心会见了华鑫新能源科技集团董事长陈立峰一行。", "2023-04-21", "2023-04-20"),
    ("本报讯（记者 何洁）昨日，区委书记唐志刚带队督查安全生产和森林防火工作。他强调，各级各部门要时刻绷紧安全这根弦。", "2017-03-15", "2017-03-14"),
])
def test_the_day_of_a_meeting_or_an_inspection(lead, posted, day):
    title = "赵明远会见华鑫新能源科技集团董事长陈立峰一行" if "会见" in lead else "区委书记带队督查安全生产和森林防火工作"
    doc = _doc([title, f"发布时间：{posted}　来源：本站", lead, "会议要求，各有关部门要抓好落实，确保各项工作取得实效。"], name="a.html", encoding="html (utf-8)")
    assert doc.date == day


def test_a_report_printed_below_its_lead_is_its_reporters():
    """A lead naming who reports for a body (蒋建新代表…委员会向大会作…报告), a salutation with a comma
    (各位代表，同志们：), a 纪委 report's subtitle (——…纪律检查委员会向…代表大会的工作报告) and 以下为工作报告全文."""
    note = _doc(["编者按：9月22日上午，中国共产党祁阳县第十二次代表大会隆重开幕。蒋建新代表中国共产党祁阳县第十一届委员会向大会作了题为《凝心聚力 加快发展》的报告。",
                 "同志们：", "现在，我代表中国共产党祁阳县第十一届委员会向大会作报告，请予审议。",
                 "县第十一次党代会以来，县委团结带领全县广大党员干部群众，坚持发展第一要务，全县经济社会发展取得显著成就。"],
                name="content_78213.htm", encoding="html (utf-8)", meta={"title": "凝心聚力 加快发展", "date": "2016-09-26"})
    assert (note.author, note.date) == ("蒋建新", "2016-09-22")
    post = _doc(["1月17日，中国共产党安顺市第四届纪律检查委员会第四次全体会议召开。市委书记周文彬出席会议并讲话，市委副书记主持会议。",
                 "以下为工作报告全文↓↓↓", "以党的政治建设为统领 推动全面从严治党向纵深发展",
                 "——中国共产党安顺市纪律检查委员会向中国共产党安顺市第四次代表大会的工作报告", "（2019年1月17日）", "罗建华", "各位代表，同志们：",
                 "现在，我代表市纪委常委会向全会报告工作，请予审议。", "2018年，全市纪检监察机关在市委和省纪委省监委的坚强领导下，全面从严治党取得新成效。"],
                name="s_9c1e5f0b7d2a.html", encoding="html (utf-8)", meta={"title": "重磅丨市纪委四届四次全会工作报告全文来了！", "date": "2019-01-21"})
    assert (post.author, post.date) == ("罗建华", "2019-01-17")


def test_a_communique_is_its_bodys_not_the_secretarys():
    doc = _doc(["中国共产党山西省第十一届委员会第九次全体会议公报", "（2019年12月28日中国共产党山西省第十一届委员会第九次全体会议通过）",
                "中国共产党山西省第十一届委员会第九次全体会议，于2019年12月27日至28日在太原举行。",
                "全会由省委常委会主持。省委书记骆文涛作了重要讲话。骆文涛强调，要坚定不移推动高质量转型发展。",
                "全会认为，一年来，省委团结带领全省各族人民，经济社会发展取得新成效。"], name="山西省委十一届九次全会公报.txt")
    assert doc.author == ""


@pytest.mark.parametrize("title, body", [
    ("县委常委会会议召开", ["会上，王书记指出，要抓落实。", "王书记强调，要守底线。"]),  # an office, not a name
    ("高新区深入开展营商环境大走访活动", ["5月6日，高新区深入开展营商环境大走访活动。高新区强调，要服务企业。"]),  # a unit
    ("全县理论学习会召开", ["邓小平同志指出，发展是硬道理。", "邓小平同志强调，要解放思想。"]),  # a leader quoted
    ("会议召开", ["市长助理李明在会上作工作报告。"]),  # an assistant to an office is no office
])
def test_no_one_whose_words_a_news_item_gives(title, body):
    assert news_speaker(title, body) == ""


@pytest.mark.parametrize("body, who", [
    (["县政协主席王建国主持召开常委会议。", "王建国主席指出，要提高履职能力。"], "王建国（县政协主席）"),  # a local chair (主席) is no national leader
    (["镇长刘志向出席会议并讲话。", "刘志向强调，要抓落实。"], "刘志向（镇长）"),  # the whole name before what the person does
    (["县人大常委会主任王建国出席会议并讲话。", "王建国指出，要依法监督。"], "王建国（县人大常委会主任）"),  # the whole office
])
def test_the_name_and_office_whose_words_a_news_item_gives(body, who):
    assert news_speaker("会议召开", body) == who


def test_only_news_takes_a_speaker_from_its_text():
    """A work summary, a speech or a plan is not news: a leader it mentions is not its author."""
    assert _doc(["市发改委2019年工作总结", "5月12日，市委书记张卫东到我委调研，对我委工作给予充分肯定。", "一年来，我委扎实推进各项工作，取得明显成效。"]).author == ""
    assert _doc(["在全县三级干部大会上的讲话", "同志们：", "邓小平同志指出，发展是硬道理。", "邓小平同志强调，要解放思想，实事求是。"]).author == ""


@pytest.mark.parametrize("title, lead, news", [
    ("县委经济工作会议召开", "12月27日，县委经济工作会议召开。", True),
    ("赵启明调研重点项目建设和招商引资工作", "4月9日，市长赵启明深入陈仓区调研。", True),
    ("一图读懂2025年遵义市政府工作报告", "1月19日，市长刘向东代表市人民政府作政府工作报告。", False),  # an explainer's
    ("中国共产党山西省第十一届委员会第九次全体会议公报", "全会由省委常委会主持。", False),  # a body's own document
    ("在全县三级干部大会上的讲话", "同志们：", False), ("市发改委2019年工作总结", "一年来，我委扎实推进各项工作。", False),
])
def test_what_is_a_news_item(title, lead, news):
    assert news_item(title, lead) is news


def test_a_party_listed_before_its_yihang_is_led_by_its_first_member_and_a_columns_name_does_not_hide_the_headline():
    body = ["7月15日，奈曼旗委常委、宣传部部长赵志刚、宣传部副部长包玉童、新时代文明实践服务中心主任徐冬梅一行前往大沁他拉镇调研宣传思想文化工作。",
            "赵志刚一行首先来到了镇人民政府，听取工作汇报。"]
    assert news_speaker("工作动态——旗委常委、宣传部部长赵志刚到大沁他拉镇调研", body) == "赵志刚（奈曼旗委常委、宣传部部长）"
    # the headline's subject after a column's name
    assert news_speaker("政务要闻——县委书记王建勋到重点项目调研", ["会议强调，要抓好项目建设。"]) == "王建勋"
    assert news_speaker("县委书记王建勋到重点项目调研", ["会议强调，要抓好项目建设。"]) == "王建勋"


def test_a_news_items_leader_by_a_bare_office_speaks_for_that_level():
    # a city paper writes its own mayor's office bare: the city's news, however often it names the province above
    lead = ("江门日报讯 (记者/陈敏锐) 7月6日，市政府党组书记、市长吴晓晖主持召开市政府党组会议，深入学习贯彻习近平总书记视察广东重要讲话、"
            "重要指示精神，传达学习中共广东省委十三届三次全会精神，研究部署有关工作。")
    doc = _doc([lead, "会议强调，要一体学习贯彻习近平总书记对广东系列重要讲话精神，在实现广东“十大新突破”中展现江门力量。",
                "六要深入实施绿美江门生态建设，坚持山水林田湖草沙一体化保护。"])
    assert (doc.locality.locality, doc.locality.level) == ("江门市", "city")
    # …but not where the text speaks as another level (全县, a county's news of its city's leader)
    county = _doc(["3月2日，市委书记张三主持召开座谈会，听取澧县工作汇报。", "全县上下要抓落实。全县要稳增长。全县要保民生。澧县将全力以赴。",
                   "湖南省、湖南省、湖南省有关部门参加。"])
    assert county.locality.level == "county"


def test_an_interview_its_lead_presents_is_its_guests_and_speaks_for_the_guests_unit():
    from pipeline.ingest import lead_interviewee

    lead = "长江奔腾不息。4月23日，长江日报记者专访了武汉市江夏区委书记张斐，为我们揭开江夏勇立潮头的发展奥秘。"
    assert lead_interviewee([lead]) == "张斐（武汉市江夏区委书记）"
    assert lead_interviewee(["“我们要深化认识。”10月23日，和田地区皮山县县委书记沈毅做客天山网时说。"]) == "沈毅（和田地区皮山县县委书记）"
    assert lead_interviewee(["记者采访了几位群众，他们说很满意。"]) == ""
    doc = _doc(["湖北支点建设中，江夏宛如一颗明珠。" + lead, "江夏，一直以来都是荆楚大地的文化重镇。湖北省、武汉市的支持下，江夏发展很快。",
                "武汉市提出，要支持江夏。湖北省也有部署。"])
    assert (doc.author, doc.locality.locality) == ("张斐（武汉市江夏区委书记）", "江夏区")


def test_a_leaders_visit_to_greet_is_news_of_the_leader():
    body = ["2022年11月8日是第23个中国记者节。上午，县委书记秦卫民到县融媒体中心看望慰问新闻工作者，向大家致以节日的祝福。",
            "“祝大家记者节快乐！”秦卫民走进县融媒体中心，与新闻工作者亲切交流。"]
    assert news_item("", body[0]) and news_speaker("", body) == "秦卫民（县委书记）"


def test_a_leaders_party_and_comrade_are_no_part_of_the_leaders_name():
    assert news_speaker("县委书记曹卫东深入景星乡调研", ["曹卫东书记一行先后深入到乡烟叶收购站、中小学进行调研。"]) == "曹卫东"
    body = ["海林市于2018年7月5日下午召开全市环境保护工作会议。最后一项议程是由市委副书记、市长高峰同志作重要讲话。"]
    assert news_speaker("海林市召开全市环境保护工作会议", body) == "高峰（市委副书记、市长）"


def test_what_the_review_of_the_news_rules_found():
    """A host who goes with a party is not its leader; plain 采访了 is reporting, not an interview; a lead's 晚 is no
    part of an office; one 我县 keeps a city leader's meeting the county's news."""
    from pipeline.ingest import lead_interviewee

    assert news_speaker("", ["3月5日，县委书记张三、县长李四陪同市委书记王五一行前往园区调研项目建设。"]) == "王五（市委书记）"
    assert news_speaker("", ["7月15日晚旗委常委、宣传部部长赵志刚、中心主任徐冬梅一行前往镇调研。"]) == "赵志刚（旗委常委、宣传部部长）"
    assert lead_interviewee(["记者采访了村党支部书记李强，他说今年收成好。"]) == ""
    assert lead_interviewee(["记者专访了县委书记王明和县长李华，"]) == ""
    doc = _doc(["市委书记张三主持召开座谈会", "3月2日，市委书记张三主持召开座谈会，听取我县工作汇报。", "澧县县委书记李四汇报了工作，表示我县将全力以赴。",
                "常德市有关部门参加。"])
    assert doc.locality.locality == "澧县"


def test_a_surname_and_office_is_no_name_and_a_leader_who_leads_others_speaks():
    assert news_speaker("", ["11月14日，全市重点项目推进会召开。", "曹市长强调，要抓好项目建设。曹市长指出，要优化服务。"]) == ""
    lead = "6月28日，闽侯县长王建生带领县直有关部门负责人到上街镇检查推进重点项目。"
    assert news_speaker("县领导到上街检查推进重点项目", [lead, "王建生一行实地察看了项目。"]) == "王建生（闽侯县长）"


def test_what_the_second_review_found_in_the_news_rules():
    """A host's act stops at 陪同 and at a clause another office-holder opens; a list of speeches studied is no title."""
    assert news_speaker("", ["6月28日，县长王五带领县直有关部门负责人陪同市委书记李四到我县检查重点项目。", "项目建设进展顺利。"]) == "李四（市委书记）"
    assert news_speaker("", ["3月5日，县长王五出席欢迎仪式并介绍了全县经济社会发展和重点项目建设情况，市委书记李四深入园区企业调研。"]) == "李四（市委书记）"
    doc = _doc(["县委理论学习中心组2021年第三次集中学习", "时间：2021年3月5日",
                "学习内容：在中央经济工作会议上的讲话、在中央农村工作会议上的讲话、在十九届中央纪委五次全会上的讲话", "会议由县委书记张三主持。"])
    assert doc.title == "县委理论学习中心组2021年第三次集中学习"


def test_a_leader_who_reports_at_a_press_conference_is_its_speaker():
    body = ["中国通讯社青海讯(记者 保积来)8月15日，青海省海东市互助土族自治县成立70周年发展成就新闻发布会在互助县召开。互助县委副书记、县人民政府县长王国栋通报互助县70年来的发展变化。",
            "王国栋介绍，互助地处青海省东北部。"]
    assert news_speaker("青海省互助土族自治县成立70周年发展成就新闻发布会举行", body) == "王国栋（互助县委副书记、县人民政府县长）"


def test_a_leader_who_inspects_or_signs_an_article_is_the_news_items():
    """督查 is a visit's act as 督导 is; a paper's lead that names a leader's 署名文章 is the leader's; a short line
    opening a news item (龙腾南阳讯 和风丽日，春意盎然。) does not hide the lead below it."""
    assert news_speaker("市委常委、常务副市长郑光照督查重点项目建设进度", ["5月29日，郑光照带领有关部门负责人深入大荔县督查重点项目建设。"]) == "郑光照"
    lead = "《云岭先锋》杂志2025年第2期刊发市委书记杜建辉署名文章《以“三边三好”为引领 推进临沧边疆治理体系和治理能力现代化》。"
    assert news_item("", lead) and news_speaker("", [lead]) == "杜建辉（市委书记）"
    doc = _doc(["龙腾南阳讯 和风丽日，春意盎然。", "4月19日，市委书记张文深深入鸭河工区调研，看项目、问发展、访民生。",
                "张文深指出，要提高教学质量，为经济社会发展培养更多的优秀人才。"], name="04_district-survey.txt")
    assert doc.author == "张文深（市委书记）"
    # (…but a short first line alone names no leader, and a speech's line of 署名 is no news)
    assert news_speaker("", ["本报讯 记者 王五", "县里召开会议。"]) == ""


def test_an_interviews_office_attests_a_rare_surname_and_a_greetings_title_names_its_speaker():
    doc = _doc(["千古博南，味道永平，续写丝路新传奇", "——访云南永平县委副书记、县长字云飞", "走进云南永平县城，但看“两山环绕、一河七脉”。"])
    assert doc.author == "字云飞（云南永平县委副书记、县长）"
    doc = _doc(["——访县委书记", "走进县城。"])
    assert doc.author == ""
    from pipeline.text import title_speaker

    assert title_speaker("新春致辞 中共泉州市委书记 郑新聪") == "郑新聪（中共泉州市委书记）"
    assert title_speaker("新年贺词 县委书记要当好") == ""
    doc = _doc(["文|钟鸣明", "（作者系文昌市委书记）", "崛起中的宜居新城高隆湾", "历史总是在变革中迸发前进的力量。"])
    assert doc.author.startswith("钟鸣明")


def test_a_greetings_title_with_its_speaker_and_a_slogan_before_a_leads_day():
    """庆元县人民政府县长叶青2016年新春致辞 names its speaker; a posting line whose time runs into its 来源 is one; a short
    slogan before a lead's day (群贤毕至谋发展，凝心聚力著华章。昨日下午，…开幕) does not hide the day."""
    from pipeline.ingest import _LEAD_DAY
    from pipeline.text import classify_line, title_speaker

    assert title_speaker("庆元县人民政府县长叶青2016年新春致辞") == "叶青（庆元县人民政府县长）"
    assert title_speaker("内乡县人民政府县长杨曙光发表二〇二一年新年贺词") == "杨曙光（内乡县人民政府县长）"
    assert title_speaker("县委书记新春致辞") == ""
    assert classify_line("2016年02月05日 15:28来源:庆元电视台 作者:", 80).reason == "source/date line"
    m = _LEAD_DAY.match("群贤毕至谋发展，凝心聚力著华章。昨日下午，县第十六届人民代表大会第二次会议隆重开幕。")
    assert m and m.group("rel") == "昨日"
    assert not _LEAD_DAY.match("2019年全县经济平稳增长。3月5日，县委召开常委会。")  # (not past a sentence with figures)


def test_what_the_review_of_the_greeting_and_lead_rules_found():
    """A title about a greeting is not by its speaker; a speech's salutation is no news lead; a page recalling history
    is not dated by it; a feature's group noun after an office is no interviewee."""
    from pipeline.text import title_speaker

    assert title_speaker("学习县委书记王建勋新春致辞") == "" and title_speaker("热议县长叶青新春致辞") == ""
    assert _doc(["凝心聚力 推动高质量发展", "同志们：", "刚才，县委书记王建勋同志作了重要讲话，对今年工作作了全面部署，我完全赞同。",
                 "一、充分肯定成绩"]).author == ""
    assert _doc(["中国共产党第一次全国代表大会召开的伟大意义", "1921年7月23日，中国共产党第一次全国代表大会在上海召开。", "这是开天辟地的大事变。"]).date == ""
    assert _doc(["县人代会召开", "2013年1月6日，县第十六届人民代表大会第三次会议召开。", "2014年，全县将重点抓好五项工作。"]).date == ""
    for feature in ("群体", "风采", "心声", "队伍"):
        assert _doc(["扎根基层 甘于奉献", f"——访驻村第一书记{feature}", "在我县的乡村振兴一线，活跃着这样一支队伍。"]).author == ""


def test_the_head_who_presides_over_a_meeting_of_the_body_where_nobody_speaks():
    """市委书记陈英杰主持会议 at the standing committee the secretary heads, where only 会议强调 is given: the secretary's;
    not a presidium's or a congress's presider, nor a deputy, nor where someone speaks."""
    lead = "7月18日上午，市委常委会会议召开。市委书记陈英杰主持会议。市委副书记、代市长朱志骞出席会议。"
    assert news_speaker("市委常委会会议召开", [lead, "会议强调，要开好两会。"]) == "陈英杰（市委书记）"
    assert news_speaker("", ["昨日上午，州政协召开主席会议。州政协主席向秋主持会议。", "会议审议了决议草案，提请常委会议审议。"]) == ""
    assert news_speaker("", ["3月2日，县政府召开常务会议。县长王五主持会议。副县长李四主持会议。", "会议强调，要抓好春耕。"]) == "王五（县长）"  # (a deputy is no head)
    assert news_speaker("", ["3月2日，县政府召开常务会议。县长王五主持会议。", "会上，李四指出，要抓好春耕。李四强调，要守住底线。"]) == "李四"


def test_a_leads_day_after_its_subject_or_a_reporters_credit_and_an_indent_lost_to_question_marks():
    """中国共产党济南市第十一次代表大会，3月28日上午在山东会堂隆重开幕 and 【香港商报网讯】记者黄庆松报道：9月30日，…开幕 give their
    lead's day; an indent an encoder wrote as ?? is no text, a question's ?? stays."""
    from pipeline.ingest import _LEAD_DAY
    from pipeline.text import clean_line

    m = _LEAD_DAY.match("中国共产党济南市第十一次代表大会，3月28日上午在山东会堂隆重开幕。")
    assert m and (m.group("m"), m.group("d")) == ("3", "28")
    m = _LEAD_DAY.match("【香港商报网讯】记者黄庆松报道：9月30日，首届文书文化节在锦屏县城隆重开幕。")
    assert m and (m.group("m"), m.group("d")) == ("9", "30")
    assert not _LEAD_DAY.match("全县经济运行总体平稳，3月28日，县委召开常委会。")  # (a clause before a lead's day only as its subject: …，3月28日在…)
    assert clean_line("??2017年1月5日在广州市第十五届人民代表大会第一次会议上") == "2017年1月5日在广州市第十五届人民代表大会第一次会议上"
    assert clean_line("怎么办??") == "怎么办??" and clean_line("??") == "??"


def test_what_the_review_of_the_presider_and_lead_rules_found():
    """A presider is the author only as the head of the body whose meeting the lead reports (not a deputy, not a people's
    congress's, not a meeting studied or recalled, not where a guest lectures); a day that dates a noun (3月18日在…召开的…大会)
    is no lead's; ?? before a name is a lost name, not an indent; an editor's credit ends a writer's; one of a list of
    what was studied is no speaker."""
    from pipeline.text import clean_line, header_fields

    posted = "发布时间：2024-04-02"
    cases = [
        ["市委常委会召开会议", posted, "3月29日上午，市委常委会召开会议。市委副书记、市长王海涛主持会议。市委书记陈英杰出席会议。", "会议强调，要统一思想。"],
        ["城关镇召开干部大会", posted, "3月29日，城关镇召开干部大会，传达学习县委常委会会议精神。镇党委书记刘志明主持会议。", "会议要求，狠抓落实。"],
        ["县十八届人大常委会第十五次会议召开", posted, "3月29日，县十八届人大常委会第十五次会议召开。县人大常委会主任李国华主持会议。", "会议听取了报告。"],
        ["县委常委会召开会议", posted, "3月29日上午，县委常委会召开会议。", "会议强调，要抓好落实。", "当天下午，全县安全生产工作会议召开。县委书记王海涛主持会议。"],
        ["县委理论学习中心组举行专题学习会", posted, "3月29日，县委理论学习中心组举行专题学习会。县委书记张建军主持会议。", "会议邀请省委党校教授李红梅作专题辅导报告。"],
    ]
    for lines in cases:
        assert _doc(lines).author == "", lines[0]
    assert _doc(["市委常委会会议召开", "7月18日上午，市委常委会会议召开。市委书记陈英杰主持会议。", "会议强调，要开好两会。"]).author == "陈英杰（市委书记）"
    assert _doc(["市政府召开常务会议", "3月22日下午，市政府召开常务会议。市委副书记、市长王安顺主持会议。", "会议强调，要当好表率。"]).author == "王安顺（市委副书记、市长）"
    assert _doc(["我县召开会议传达学习全市高质量发展大会精神", posted, "3月18日在市会展中心召开的全市高质量发展大会结束后，3月29日，我县召开会议传达学习大会精神。"]).date == "2024-04-02"
    assert _doc(["全县安全生产工作会议召开", posted, "根据省安委会办公室通知，3月12日在全省范围内开展的安全生产大检查已进入第二阶段。"]).date == "2024-04-02"
    assert clean_line("??镇召开春耕生产动员会") == "??镇召开春耕生产动员会" and clean_line("??同志任县农业农村局局长。").startswith("??")
    assert header_fields("撰稿:王德康 编辑:秦敏娟")[0] == ("撰稿", "王德康")
    lead = "5月16日上午，桥头镇召开专题会。会上，镇委书记沈新霞原原本本传达了省委七届四次全会决议、省委书记刘赐贵在省委七届四次全会上的工作报告和总结讲话。"
    assert news_speaker("", [lead]) != "刘赐贵（省委书记）"


def test_a_presider_listed_before_the_reporter_and_an_interviewees_offices_over_commas():
    """会议由…储波主持，自治区主席杨晶作了《政府工作报告》: the presider's act stops at the next office-holder's clause, so the
    one who reports is its speaker; an interview's subtitle may list offices over a comma; a breadcrumb set with / is
    navigation."""
    from pipeline.ingest import _INTERVIEW
    from pipeline.text import classify_line

    body = ["1月20日上午9时，内蒙古自治区第十一届人民代表大会第一次会议在这里隆重召开。会议由自治区党委书记、十届人大常委会主任储波主持，自治区主席杨晶作了《政府工作报告》。",
            "杨晶首先对过去五年的政府工作进行了回顾。", "杨晶说，五年来，全区经济平稳较快发展。"]
    assert news_speaker("内蒙古自治区第十一届人民代表大会第一次会议召开", body) == "杨晶（自治区主席）"
    m = _INTERVIEW.search("喜迎十八大：黄南篇——访我省十八大代表,省政协副主席、黄南藏族自治州州委书记李选生")
    assert m and (m.group("who"), m.group("office")) == ("李选生", "省政协副主席、黄南藏族自治州州委书记")
    assert classify_line("您的位置: 青海省人民政府网 / 互动交流 / 在线访谈 / 往期回顾", 80).reason == "navigation"

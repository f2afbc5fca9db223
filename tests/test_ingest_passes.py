"""The passes of ingest.process_document, each on a tiny synthetic document."""

import opencc
import pytest

from pipeline.config import IngestParams
from pipeline.gazetteer import Gazetteer
from pipeline.gazetteer import Locality
from pipeline.ingest import (
    _NEW_ITEM,
    Dated,
    Document,
    assemble,
    clean_lines,
    cut_body,
    date_document,
    join_title,
    locality_source,
    logical_lines,
    mark_dateline,
    mark_fields,
    mark_header,
    mark_metadata,
    mark_signature_date,
    process_document,
)
from pipeline.readers import RawText
from pipeline.text import TURN_LABEL, classify_line, heading_level, inline_heading

P = IngestParams()
T2S = opencc.OpenCC("t2s").convert


def _lines(*text: str, doc: Document | None = None):
    return clean_lines(list(text), P, T2S, doc or Document(doc_id="d", source="d.txt"))


def test_logical_lines_cut_escaped_breaks_and_repair_each_part():
    doc = Document(doc_id="d", source="d.txt")
    mojibake = "政府工作报告".encode("utf-8").decode("gbk")  # 鏀垮簻宸ヤ綔鎶ュ憡
    raw = [mojibake, r"各位代表：\r\n现在，我代表&ldquo;市&rdquo;人民政府\n报告工作。", "全面落实“六?!比蝿眨保”任务"]
    text, origin, notes = logical_lines(raw, doc)
    assert text == ["政府工作报告", "各位代表：", "现在，我代表“市”人民政府", "报告工作。", "全面落实“六?!比蝿眨保”任务"]
    assert origin == [0, 1, 1, 1, 2]
    assert notes[0] == "mojibake repaired (utf-8 read as gbk)"
    assert notes[1:4] == [f"2 HTML entities unescaped; escaped line breaks: part {k} of 3" for k in (1, 2, 3)]
    assert notes[4] == "lost characters: 1 run(s) of ?"
    assert (doc.lines_split, doc.entities_unescaped, doc.mojibake_repaired, doc.lost_char_runs) == (1, 2, 1, 1)


def test_clean_lines_marks_garbled_lines_by_kind():
    garbled = "全面落实“六保”任务，抢抓新政策、新基建".encode("utf-8").decode("gbk", errors="replace")
    lines = _lines("要坚持以人民为中心的发展思想，不断增进民生福祉。", garbled)
    assert lines.kinds[0].kind == "body" and lines.kinds[1].kind == "garbled"


def test_split_keeps_the_physical_line_and_notes_the_part():
    lines = _lines("标题", r"第一段。\n第二段。")
    assert lines.text == ["标题", "第一段。", "第二段。"] and lines.origin == [0, 1, 1]
    lines.split(0, [("标", lines.kinds[0]), ("题", lines.kinds[0])], "test")
    assert lines.text[:2] == ["标", "题"] and lines.origin == [0, 0, 1, 1]
    assert lines.notes == ["test: part 1 of 2", "test: part 2 of 2", "escaped line breaks: part 1 of 2", "escaped line breaks: part 2 of 2"]


def test_clean_lines_strips_pinyin_blanks_and_traditional():
    doc = Document(doc_id="d", source="d.txt")
    lines = clean_lines(["\u3000認真領(lǐng)會  精神。", "", "网站首页 | 网站地图"], P, T2S, doc)
    assert lines.text == ["认真领会 精神。", "", "网站首页 | 网站地图"]
    assert doc.pinyin_removed == 1
    assert [k.kind for k in lines.kinds] == ["body", "blank", "boilerplate"]
    assert lines.status == [("", "")] * 3


def test_dateline_gives_date_speaker_and_title_zone():
    doc = Document(doc_id="d", source="d.txt")
    lines = _lines("政府工作报告", "——2025年1月14日在湖南省第十四届人民代表大会第四次会议上", "省长 毛伟明", "各位代表：现在，我代表省人民政府向大会报告工作。", doc=doc)
    mark_dateline(lines, doc, P)
    assert lines.status[1] == ("metadata", "date line") and lines.dates == [Dated("2025-01-14", "meeting line", 1)]
    assert lines.zones["title"] == [lines.text[1]]
    assert all(lines.open(i) for i in (0, 2, 3))


def test_dateline_below_a_scraper_header_and_run_into_the_text():
    """Header fields do not count among the first lines; a dateline run into the report's
    first sentence is cut from it: the dateline is metadata, the rest stays body text, and
    both parts keep the physical line's number."""
    doc = Document(doc_id="d", source="d.txt")
    lines = _lines(
        "标题：保定市政府工作报告", "发文单位：保定市人民政府", "发布时间：2021-02-05", "来源URL：http://www.baoding.gov.cn/a.html", "",
        "政府工作报告",
        "——2021年1月31日在保定市第十五届人民代表大会第六次会议上各位代表：现在，我代表市人民政府向大会报告工作。",
        doc=doc,
    )
    mark_dateline(lines, doc, P)
    assert lines.dates == [Dated("2021-01-31", "meeting line", 6)]
    assert lines.text[6:] == ["——2021年1月31日在保定市第十五届人民代表大会第六次会议上", "各位代表：现在，我代表市人民政府向大会报告工作。"]
    assert lines.origin[6:] == [6, 6]
    assert lines.status[6] == ("metadata", "date line") and lines.open(7) and lines.kinds[7].kind == "body"
    assert lines.notes[6:] == ["date line run into the text: part 1 of 2", "date line run into the text: part 2 of 2"]


BODY = "全年地区生产总值增长百分之六，一般公共预算收入增长百分之五，城乡居民收入稳步提高。"


def test_a_second_reports_dateline_is_metadata_and_warned(tmp_path, caplog):
    """Two reports in one file: the second's dateline is not body text or a heading over the
    second report; the file is dated by the first, and ingest warns (from its cache too)."""
    from pipeline.ingest import ingest
    from pipeline.memo import IngestCache

    text = ["政府工作报告", "——2023年1月10日在衡阳市第十六届人民代表大会第二次会议上", "各位代表：", BODY,
            "政府工作报告", "——2024年1月15日在衡阳市第十六届人民代表大会第三次会议上", "各位代表：", BODY,
            "（2024年1月15日在全市大会上，市长讲话的要点见附件）"]  # a dateline-like note with a sentence in it stays text
    doc = process_document("两年报告.txt", RawText(text, "utf-8"), P, T2S, Gazetteer.default())
    log = {r["line"]: (r["status"], r["reason"]) for r in doc.log}
    assert doc.date == "2023-01-10" and doc.later_datelines == "2024-01-15"
    assert log[6][0] == "metadata" and "another report (2024-01-15)" in log[6][1] and "another report" not in log[9][1]
    assert all("2024年1月15日在衡阳市" not in p["text"] and "2024年1月15日在衡阳市" not in p["section"] for p in doc.paragraphs)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "两年报告.txt").write_text("\n".join(text), encoding="utf-8")
    for _ in range(2):  # read, then from the cache
        caplog.clear()
        with caplog.at_level("WARNING"):
            _, documents, _, metrics = ingest(tmp_path / "corpus", P, cache=IngestCache(tmp_path / "cache.sqlite"))
        assert "两年报告.txt" in caplog.text and "several documents" in caplog.text and "2024-01-15" in caplog.text
        assert documents["later_datelines"].tolist() == ["2024-01-15"] and metrics["files_with_several_datelines"] == 1


@pytest.mark.parametrize("lines", [
    ["——2023年1月10日在衡阳市第十六届人民代表大会第二次会议上", BODY, "——2023年1月10日在衡阳市第十六届人民代表大会第二次会议上"],  # repeated at the end
    ["——2023年1月10日在衡阳市第十六届人民代表大会第二次会议上", BODY, "2024年3月5日，市长张三在全市优化营商环境大会上作讲话。", BODY],  # a sentence
    ["——2023年1月10日在衡阳市第十六届人民代表大会第二次会议上", BODY, "2024年1月15日衡阳市第十六届人民代表大会第三次会议开幕"],  # a caption
    ["——2023年1月10日在衡阳市第十六届人民代表大会第二次会议上", BODY, "（2024年1月20日衡阳市第十六届人民代表大会第三次会议通过）"],  # a resolution's note
    ["2024年3月5日，市长张三在全市优化营商环境大会上作讲话。", BODY, "——2024年1月15日在衡阳市第十六届人民代表大会第三次会议上", BODY],  # no dateline of its own
    ["会议文件", "（10）", "政府工作报告", "市长", "张三", "——2024年1月15日在衡阳市第十六届人民代表大会第三次会议上", "各位代表：", BODY],  # a long title block
])
def test_what_is_not_a_second_reports_dateline(lines):
    doc = process_document("d.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert doc.later_datelines == "" and not any("another report" in r["reason"] for r in doc.log)
    if lines[0] == "会议文件":
        assert doc.date == "2024-01-15"


def test_header_takes_title_byline_and_furniture_above_the_navigation():
    doc = Document(doc_id="d", source="d.txt")
    lines = _lines("某某政府门户网站", "首页 > 要闻 > 正文", "牢记嘱托 感恩奋进", "李军", "2023年3月2日", "要坚持以人民为中心的发展思想，不断增进民生福祉。", doc=doc)
    mark_header(lines, doc, Gazetteer.default())
    # (a portal's name is furniture by itself, 门户网站: read so before the header pass, or by it above the navigation)
    assert lines.status[0] == ("boilerplate", "site header above the navigation") or (lines.kinds[0].kind, lines.kinds[0].reason) == ("boilerplate", "site name")
    assert lines.status[2] == ("metadata", "title") and doc.title == "牢记嘱托 感恩奋进"
    assert lines.status[3] == ("metadata", "byline (name above the text)") and doc.author == "李军"
    assert lines.status[4] == ("metadata", "date line") and lines.dates == [Dated("2023-03-02", "title block", 4)]
    assert lines.open(1) and lines.open(5)  # the navigation line is furniture, decided by mark_metadata


def test_header_keeps_a_title_found_before():
    doc = Document(doc_id="d", source="d.txt", title="保定市2021年政府工作报告")
    lines = _lines("政府工作报告", "要坚持以人民为中心的发展思想，不断增进民生福祉。", doc=doc)
    mark_header(lines, doc, Gazetteer.default())
    assert doc.title == "保定市2021年政府工作报告" and lines.status[0] == ("metadata", "title")


def test_fields_pass_reads_scraper_headers_and_url_lines():
    doc = Document(doc_id="d", source="d.txt")
    lines = _lines(
        "标题：保定市2021年政府工作报告", "发文单位：保定市人民政府", "发文时间：2021-02-05", "来源URL：http://www.baoding.gov.cn/a.html",
        "时间：2023-01-24 作者：李明 来源：政府官网 阅读：283 评论：0 内容摘要：保定市召开会议。",
        "要坚持以人民为中心的发展思想，不断增进民生福祉。", "https://www.baoding.gov.cn/content/1.html", doc=doc,
    )
    mark_fields(lines, doc)
    assert [s for s, _ in lines.status] == ["metadata"] * 5 + ["", "metadata"]
    assert (doc.title, doc.issuer, doc.url, doc.author, doc.source_name) == ("保定市2021年政府工作报告", "保定市人民政府", "http://www.baoding.gov.cn/a.html", "李明", "政府官网")
    assert lines.dates == [Dated("2021-02-05", "header: 发文时间", 2), Dated("2023-01-24", "header: 时间", 4)]
    assert lines.zones["title"] == ["保定市2021年政府工作报告"] and lines.zones["author"] == []  # a name is no place
    assert lines.zones["body"] == ["保定市召开会议。"]  # the summary weighs as body text, not as a source line
    assert "发文单位：保定市人民政府" in lines.zones["source"] and not any("http" in z for z in lines.zones["source"])


def test_metadata_pass_marks_furniture_bylines_sources_and_garbled_lines():
    doc = Document(doc_id="d", source="d.txt")
    garbled = "各位代表：现在，我代表市人民政府".encode("utf-8").decode("gbk", errors="replace").replace("\ufffd", "?")
    lines = _lines("来源:衡东县融媒体中心 发布时间:2023-03-02", "", "[责任编辑:钟超]", "(作者系中共衡南县委副书记)", "正文第一句话在这里。", garbled, doc=doc)
    mark_fields(lines, doc)
    mark_metadata(lines, doc)
    assert [s for s, _ in lines.status] == ["metadata", "blank", "boilerplate", "metadata", "", "garbled"]
    assert doc.source_name == "衡东县融媒体中心" and lines.dates == [Dated("2023-03-02", "header: 发布时间", 0)]
    assert doc.author == "中共衡南县委副书记" and lines.zones["author"] == [lines.text[3]]
    assert lines.status[5][1].startswith("garbled: utf-8 read as gbk")


def test_signature_date_at_the_end():
    lines = _lines("一段正文，讲的是工作。", "县人民政府", "2024年2月1日")
    mark_signature_date(lines)
    assert lines.status[2] == ("metadata", "date line") and lines.dates == [Dated("2024-02-01", "signature", 2)]
    assert lines.open(0) and lines.open(1)


def test_a_source_line_the_extraction_left_out_still_names_the_source_and_place():
    """trafilatura often drops a page's 来源/发布时间 line with its furniture: it still gives the
    source's name, speaks for the locality as a source line, and dates the page."""
    body = ["近日，市政府召开常务会议，研究部署春季农业生产和重点项目建设工作。", "会议要求，要抓好粮食生产，加快项目建设进度。"]
    left_out = ["首页 > 新闻中心 > 本地新闻", "来源：张掖日报　　发布时间：2023-03-15 09:32　　浏览次数：1024", "网站地图 | 联系我们"]
    doc = process_document("news.html", RawText(body, "html (utf-8)", {}, left_out), P, T2S, Gazetteer.default())
    assert (doc.source_name, doc.date, doc.locality.locality) == ("张掖日报", "2023-03-15", "张掖市")
    assert doc.date_source == "source/date line (left out of the main text)"
    # the text's own source line comes first
    doc = process_document("news.html", RawText(["来源：甘肃日报", *body], "html (utf-8)", {}, left_out), P, T2S, Gazetteer.default())
    assert doc.source_name == "甘肃日报"


def test_a_red_head_documents_number_signer_class_and_issue_are_no_title():
    """GB/T 9704's header (淳交建〔2023〕12号　签发人：方国平, A类), a minutes' issue (第9期, 〔2023〕9号)
    and its attendance (出席：…, 列席：…, 记录：…) are metadata: no title, no text."""
    reply = ["淳交建〔2023〕12号　签发人：方国平", "A类", "关于县十七届人大三次会议第58号建议的答复", "方国平代表：",
             "您提出的关于加快农村公路提档升级的建议收悉，现答复如下。今年全县将完成农村公路提档升级120公里。", "淳安县交通运输局", "2023年5月26日"]
    doc = process_document("reply.txt", RawText(reply, "utf-8"), P, T2S, Gazetteer.default())
    assert (doc.title, doc.date, doc.locality.locality) == ("关于县十七届人大三次会议第58号建议的答复", "2023-05-26", "淳安县")
    for number in ("〔2023〕9号", "第9期", "（第9期）", "总第123期"):
        minutes = ["阜平县人民政府常务会议纪要", number, "阜平县人民政府办公室　　　　2023年6月14日",
                   "2023年6月12日，县长李树军主持召开县政府第25次常务会议，研究部署近期重点工作。", "一、研究阜平县食用菌产业高质量发展有关事项",
                   "会议同意设立食用菌产业发展专项资金1500万元，用于菌棚改造提升、冷链物流建设。",
                   "出席：李树军　张海龙　刘建国", "列席：县政府办公室、县发展改革局、县财政局、县农业农村局、县应急管理局、县市场监管局有关负责同志",
                   "请假：孙志刚（在省委党校学习）", "记录：县政府办公室　杨丽华"]
        doc = process_document("minutes.txt", RawText(minutes, "utf-8"), P, T2S, Gazetteer.default())
        assert doc.title == "阜平县人民政府常务会议纪要", number
        assert [r["status"] for r in doc.log if r["line"] >= 7] == ["metadata"] * 4 and not any("李树军　张海龙" in p["text"] for p in doc.paragraphs)
    # a rule's 请假：… sentence and a training's 第一期 heading inside the text are text and heading
    rules = ["衡东县人民政府办公室考勤管理制度", "一、考勤", "机关干部职工应当按时上下班，严格遵守工作纪律。", "二、请假",
             "请假：干部职工因事请假，一天以内由科室负责人批准，并报办公室备案。", "三、培训", "第一期", "3月举办全县乡镇干部培训班，培训100人。",
             "第二期", "6月举办全县村干部培训班，培训200人。", "四、附则", "本制度自印发之日起施行，由县政府办公室负责解释。"]
    rules[-1:-1] = [f"（{n}）本制度第{n}条的解释，由县政府办公室负责，各科室应当遵照执行。" for n in "一二三四五六七八"]  # (第N期 away from the header and the end)
    doc = process_document("rules.txt", RawText(rules, "utf-8"), P, T2S, Gazetteer.default())
    assert any(p["text"].startswith("请假：干部职工因事请假") for p in doc.paragraphs)
    assert [p["section"] for p in doc.paragraphs if "培训班" in p["text"]] == ["三、培训 > 第一期", "三、培训 > 第二期"]


def test_a_byline_of_several_offices_and_a_line_of_several_issuers():
    report = ["政府工作报告", "——2023年1月5日在青岛市黄岛区第三届人民代表大会第三次会议上", "青岛西海岸新区管委主任、黄岛区人民政府区长 周明远",
              "各位代表：", "现在，我代表区人民政府，向大会报告工作，请予审议。"]
    doc = process_document("r.txt", RawText(report, "utf-8"), P, T2S, Gazetteer.default())
    assert (doc.title, doc.author, doc.locality.locality) == ("政府工作报告", "周明远（青岛西海岸新区管委主任、黄岛区人民政府区长）", "黄岛区")
    bulletin = ["九江市2022年国民经济和社会发展统计公报", "九江市统计局　国家统计局九江调查队", "（2023年3月30日）",
                "2022年，面对复杂严峻的发展环境，全市上下坚持稳中求进工作总基调，经济社会发展取得新成效。"]
    for lines in (bulletin, bulletin[1:]):  # (a page whose headline the extraction dropped: the issuers are still no title)
        doc = process_document("b.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
        assert doc.issuer == "九江市统计局 国家统计局九江调查队" and doc.title in ("九江市2022年国民经济和社会发展统计公报", "")
    # one body above the text of a page whose headline (an <h1>) the extraction dropped: the headline is the title
    page = RawText(["九江市统计局", "（2023年3月30日）", bulletin[3]], "html (utf-8)",
                   {"title": "九江市人民政府", "headings": "九江市2022年国民经济和社会发展统计公报"})
    doc = process_document("b.html", page, P, T2S, Gazetteer.default())
    assert (doc.title, doc.issuer) == ("九江市2022年国民经济和社会发展统计公报", "九江市统计局")
    # …but a headline that ends like a body's name, with no title below it, is the title
    for headline in ("我县成立乡村振兴工作领导小组", "家门口的便民服务中心"):
        doc = process_document("n.txt", RawText([headline, "2023-03-05", "近日，我县成立乡村振兴工作领导小组，县长任组长。"], "utf-8"), P, T2S, Gazetteer.default())
        assert (doc.title, doc.issuer) == (headline, "")


def test_a_promulgation_notice_takes_the_title_of_the_text_it_promulgates():
    """A 公告 （第12号） names no text: the decision it promulgates, whose title its sentence quotes
    and which stands below, is the document; the note on its adoption is a date line, no section."""
    text = ["株洲市人民代表大会常务委员会公告", "（第12号）",
            "《株洲市人民代表大会常务委员会关于加强湘江株洲段生态环境保护的决定》已由株洲市第十六届人民代表大会常务委员会第三十八次会议于2021年8月27日通过，现予公布，自2021年10月1日起施行。",
            "株洲市人民代表大会常务委员会", "2021年8月27日", "",
            "株洲市人民代表大会常务委员会关于加强湘江株洲段生态环境保护的决定", "（2021年8月27日株洲市第十六届人民代表大会常务委员会第三十八次会议通过）",
            "为了加强湘江株洲段生态环境保护，推进生态文明建设，结合本市实际，作出如下决定。",
            "第一条　市、县（市、区）人民政府应当加强对湘江株洲段生态环境保护工作的领导。",
            "第二条　全面落实河长制，四级河长应当按照职责开展巡河，协调解决湘江保护中的重大问题。"]
    doc = process_document("decision.txt", RawText(text, "utf-8"), P, T2S, Gazetteer.default())
    assert doc.title == "株洲市人民代表大会常务委员会关于加强湘江株洲段生态环境保护的决定" and doc.date == "2021-08-27"
    status = {r["line"]: r["status"] for r in doc.log}
    assert status[7] == status[8] == "metadata"
    assert all(p["section"] == "" for p in doc.paragraphs) and len(doc.paragraphs) == 4  # the notice's sentence is text
    # a regulation amended since (its note's last date) is dated by the notice that publishes it; undated, by that last date
    amended = text[:7] + ["（2016年8月30日株洲市第十五届人民代表大会常务委员会第二十六次会议通过　根据2021年8月27日株洲市第十六届人民代表大会常务委员会第三十八次会议修正）"] + text[8:]
    assert process_document("decision.txt", RawText(amended, "utf-8"), P, T2S, Gazetteer.default()).date == "2021-08-27"
    undated = text[:3] + text[5:7] + amended[7:8] + text[8:]
    assert process_document("decision.txt", RawText(undated, "utf-8"), P, T2S, Gazetteer.default()).date == "2021-08-27"
    # a government's 令, signed by its mayor: the signature is metadata, no section
    order = ["天津市人民政府令", "第5号", "《天津市生活垃圾管理办法》已于2021年3月1日经市人民政府第150次常务会议通过，现予公布，自2021年5月1日起施行。",
             "市长　张三", "2021年3月10日", "", "天津市生活垃圾管理办法", "第一条　为了加强生活垃圾管理，改善人居环境，根据有关法律法规，结合本市实际，制定本办法。"]
    doc = process_document("order.txt", RawText(order, "utf-8"), P, T2S, Gazetteer.default())
    assert (doc.title, doc.date) == ("天津市生活垃圾管理办法", "2021-03-10") and all(p["section"] == "" for p in doc.paragraphs)
    # a notice that quotes no title below it, or a title that is no notice's number, keeps its title
    other = process_document("decision.txt", RawText(text[:6] + ["关于加强生态环境保护的决定"] + text[7:], "utf-8"), P, T2S, Gazetteer.default())
    assert other.title == "株洲市人民代表大会常务委员会公告 （第12号）"
    plain = process_document("decision.txt", RawText(["株洲市人民代表大会常务委员会公告"] + text[2:], "utf-8"), P, T2S, Gazetteer.default())
    assert plain.title == "株洲市人民代表大会常务委员会公告"


def test_a_file_holding_two_notices_says_so():
    """A second notice (its issuer, its 关于 title) below the first's signature is another document:
    its title heads its own paragraphs, under no heading of the first, and its date is a later one."""
    first = ["信丰县人民政府办公室", "关于做好2021年春节期间安全生产工作的通知", "", "各乡（镇）人民政府，县政府各部门：",
             "春节将至，为切实做好节日期间安全生产工作，现就有关事项通知如下：", "一、高度重视节日安全生产工作。各部门要严格落实安全生产责任制。",
             "二、严格落实值班值守制度。节日期间实行领导带班和24小时值班制度。", "", "信丰县人民政府办公室", "2021年2月3日", ""]
    second = ["信丰县人民政府办公室", "关于开展2021年春季植树造林活动的通知", "", "各乡（镇）人民政府，县政府各部门：",
              "为加快推进国家森林城市创建，决定在全县开展2021年春季植树造林活动。", "一、主要任务。全县完成植树造林1.2万亩。", "",
              "信丰县人民政府办公室", "2021年3月8日"]
    doc = process_document("notices.txt", RawText(first + second, "utf-8"), P, T2S, Gazetteer.default())
    assert (doc.date, doc.later_datelines, doc.title) == ("2021-02-03", "2021-03-08", "信丰县人民政府办公室关于做好2021年春节期间安全生产工作的通知")
    status = {r["line"]: r for r in doc.log}
    assert status[12]["status"] == "metadata" and status[13]["status"] == "heading" and "another document" in status[13]["reason"]
    sections = [p["section"] for p in doc.paragraphs if p["line_start"] > 13]
    assert sections and all(s.startswith("关于开展2021年春季植树造林活动的通知") for s in sections)
    # one notice, signed, with the document it issues below (no 关于 title): one document
    issued = first[:-1] + ["2021年安全生产工作要点", "一、主要任务。全县开展隐患排查整治。"]
    assert process_document("notice.txt", RawText(issued, "utf-8"), P, T2S, Gazetteer.default()).later_datelines == ""
    # …nor one that forwards or issues a 关于 document: what follows its signature is that document
    forwards = ["信丰县人民政府办公室", "关于转发《赣州市人民政府办公室关于做好春节期间安全生产工作的通知》的通知", *first[2:]]
    forwards[-3:-1] = ["信丰县人民政府办公室", "2021年2月5日"]
    forwarded = ["赣州市人民政府办公室", "关于做好春节期间安全生产工作的通知", "", "各县（市、区）人民政府：", "春节将至，现就有关事项通知如下。", "",
                 "赣州市人民政府办公室", "2021年2月1日"]
    doc = process_document("notice.txt", RawText(forwards + forwarded, "utf-8"), P, T2S, Gazetteer.default())
    assert (doc.date, doc.later_datelines) == ("2021-02-05", "")
    # three notices: the first's date, the two others' listed; notices of one date are several documents too
    third = [line.replace("2021年3月8日", "2021年5月8日").replace("春季植树造林活动", "防汛工作") for line in second]
    doc = process_document("notices.txt", RawText(first + second + [""] + third, "utf-8"), P, T2S, Gazetteer.default())
    assert (doc.date, doc.later_datelines) == ("2021-02-03", "2021-03-08; 2021-05-08")
    same = [line.replace("2021年3月8日", "2021年2月3日") for line in second]
    assert process_document("notices.txt", RawText(first + same, "utf-8"), P, T2S, Gazetteer.default()).later_datelines == "2021-02-03"


def test_a_notices_signature_above_the_document_it_issues():
    """A notice signed and dated, with the document it issues below: the signature is metadata
    and dates the text, not a list of three items run into the attachment's first paragraph."""
    text = ["鹤岗市人民政府关于印发2024年市政府工作要点的通知", "各县（区）人民政府，市政府各直属单位：",
            "现将《2024年市政府工作要点》印发给你们，请结合实际，认真抓好贯彻落实。", "鹤岗市人民政府", "2024年2月5日", "2024年市政府工作要点",
            "2024年是实现“十四五”规划目标任务的关键一年。市政府工作的总体要求是：坚持稳中求进，推动资源型城市转型发展。",
            "一、推动资源型城市转型", "1.做强煤炭及煤化工产业。稳定煤炭产能3000万吨以上，推进煤矿智能化改造，延伸煤化工产业链。"]
    doc = process_document("notice.txt", RawText(text, "utf-8"), P, T2S, Gazetteer.default())
    assert (doc.date, doc.date_source) == ("2024-02-05", "signature")
    deadline = process_document("notice.txt", RawText(text + ["牵头单位：市发改委", "2024年6月30日"], "utf-8"), P, T2S, Gazetteer.default())
    assert deadline.date == "2024-02-05"  # the notice's date, not a deadline closing the attachment
    assert not any("鹤岗市人民政府2024年2月5日" in p["text"] for p in doc.paragraphs)
    status = {r["line"]: r for r in doc.log}
    assert status[4]["status"] == status[5]["status"] == "metadata"
    # …also with the list of what it attaches between its last sentence and its signature
    for attached in (["附件：2024年市政府工作要点"], ["附件：1.2024年市政府工作要点", "2.2024年重点项目清单"],
                     ["附件：（1）2024年市政府工作要点", "（2）2024年重点项目清单"], ["附件：", "一、2024年市政府工作要点", "二、2024年重点项目清单"]):
        notice = text[:3] + attached + text[3:]
        doc = process_document("notice.txt", RawText(notice, "utf-8"), P, T2S, Gazetteer.default())
        assert (doc.date, doc.date_source) == ("2024-02-05", "signature")
        status = {r["line"]: r for r in doc.log}
        assert status[4 + len(attached)]["status"] == status[5 + len(attached)]["status"] == "metadata"
    # numbered lines with no 附件 line above them are not a list of attachments
    lines = _lines("一段正文，讲的是工作。", "1.第一项工作", "县人民政府", "2024年2月1日", "后面还有正文，讲的是工作。", "再一段正文。")
    mark_signature_date(lines)
    assert lines.open(2) and lines.open(3) and lines.dates == []
    # a body's name inside the text, or a date in a sentence, is no signature
    lines = _lines("一段正文，讲的是工作。", "县人民政府", "会议于2024年2月1日召开。", "后面还有正文，讲的是工作。", "再一段正文。")
    mark_signature_date(lines)
    assert lines.open(1) and lines.open(2) and lines.dates == []


@pytest.mark.parametrize("dates,meta,title,expected", [
    ([Dated("2025-01-14", "meeting line"), Dated("2024-12-30", "title block")], {}, "", ("2025-01-14", "2025", "meeting line", "meeting line")),
    ([Dated("2021-02-05", "header: 发布时间"), Dated("2021-01-31", "meeting line")], {}, "", ("2021-01-31", "2021", "meeting line", "meeting line")),
    ([Dated("2021-02-05", "source/date line"), Dated("2021-01-31", "signature")], {}, "", ("2021-01-31", "2021", "signature", "signature")),
    ([Dated("2021-02-05", "header: 发布时间"), Dated("2009-02-05", "header: 发文时间")], {}, "", ("2009-02-05", "2009", "header: 发文时间", "header: 发文时间")),
    ([], {"date": "2023-05-06"}, "", ("2023-05-06", "2023", "html metadata", "html metadata")),
    ([Dated("2023-05-01", "header: 时间")], {"date": "2023-05-06"}, "", ("2023-05-01", "2023", "header: 时间", "header: 时间")),
    ([], {}, "2024年政府工作报告", ("", "2024", "", "title")),
    ([], {}, "", ("", "", "", "")),
])
def test_date_document_takes_the_date_of_most_authority_then_the_title_year(dates, meta, title, expected):
    """The report's own date (meeting line, title block, issuing date, signature) beats a
    website's posting date wherever that stands; the reader's metadata comes last."""
    doc = Document(doc_id="d", source="d.txt", title=title)
    lines = _lines("x")
    lines.dates = list(dates)
    date_document(lines, doc, meta, "html metadata")
    assert (doc.date, doc.year, doc.date_source, doc.year_source) == expected


def test_date_document_notes_the_line_that_dates_the_document():
    doc = Document(doc_id="d", source="d.txt")
    lines = _lines("发布时间：2021-02-05", "——2021年1月31日在保定市第十五届人民代表大会第六次会议上")
    lines.dates = [Dated("2021-02-05", "header: 发布时间", 0), Dated("2021-01-31", "meeting line", 1)]
    date_document(lines, doc, {})
    assert lines.notes == ["", "dates the document (meeting line)"]


def test_cut_body_sections_long_lines_and_short_fragments():
    long = "。".join(["推动制造业高质量发展，培育新兴产业集群"] * 30) + "。"
    lines = _lines("一、经济发展", long, "很短。", "（一）生态环境", "加强生态环境保护，打好污染防治攻坚战，持续改善空气质量。", "短。")
    pieces = cut_body(lines, P)
    assert lines.status[0] == ("heading", "kept as the section of the paragraphs below it")
    assert all(len(p["text"]) <= P.max_chars for p in pieces)
    assert {p["section"] for p in pieces if 1 in p["lines"]} == {"一、经济发展"}
    # "很短。" merges into the next piece of its section; "短。", last, joins the piece before it
    joined = [p for p in pieces if 2 in p["lines"]]
    assert len(joined) == 1 and joined[0]["merged"] == [2]
    assert pieces[-1]["section"] == "一、经济发展 > （一）生态环境" and pieces[-1]["text"].endswith("短。")


def test_cut_body_nests_sections_by_the_outline_of_official_documents():
    body = "加力提振消费，实施提振消费专项行动，推动中低收入群体增收减负。"
    lines = _lines("第二部分 2025年工作安排", "一、扩大内需", "1. 提振消费", "(1) 以旧换新", body, "2. 扩大投资", body)
    pieces = cut_body(lines, P)
    assert [p["section"] for p in pieces] == [
        "第二部分 2025年工作安排 > 一、扩大内需 > 1. 提振消费 > (1) 以旧换新",
        "第二部分 2025年工作安排 > 一、扩大内需 > 2. 扩大投资",
    ]


@pytest.mark.parametrize("headings,section", [
    (("第一篇 开启新征程", "第一章 发展环境", "第一节 发展基础"), "第一篇 开启新征程 > 第一章 发展环境 > 第一节 发展基础"),
    (("第一章 总则", "第一节 目标", "一、主要目标"), "第一章 总则 > 第一节 目标 > 一、主要目标"),
    (("第一章 总则", "一、主要目标"), "第一章 总则 > 一、主要目标"),
    (("一、扩大内需", "（一）提振消费", "一是加大补贴力度"), "一、扩大内需 > （一）提振消费 > 一是加大补贴力度"),
])
def test_cut_body_nests_every_level_of_the_outline(headings, section):
    body = "加力提振消费，实施提振消费专项行动，推动中低收入群体增收减负。"
    assert [p["section"] for p in cut_body(_lines(*headings, body), P)] == [section]


def test_cut_body_reads_numbers_past_ten_and_past_ninety_nine():
    """十一是 follows 十是 (2026 黑龙江 report: its 十一是 and 十二是 were filed under 十是), and a
    list numbered past 99 as Word shows it (一百〇三、, digit by digit 一○三、, legal 壹佰零叁、)
    heads its paragraph like 九十九、 does."""
    body = "加力提振消费，实施提振消费专项行动，推动中低收入群体增收减负。"
    leads = [f"{n}是加大补贴力度，扩围实施以旧换新政策。{body}" for n in ("九", "十", "十一", "十二")]
    pieces = cut_body(_lines("二、重点任务", *leads), P)
    assert [p["section"].split(" > ")[-1][:3] for p in pieces] == ["九是加", "十是加", "十一是", "十二是"]
    for first, then in (("九十八、", "九十九、"), ("一百〇二、", "一百〇三、"), ("一○二、", "一○三、"), ("壹佰零贰、", "壹佰零叁、")):
        lines = _lines("第一章 项目清单", f"{first}城区供水管网改造", "（一）主管网", body, f"{then}城区污水管网改造", body)
        assert [p["section"] for p in cut_body(lines, P)] == [
            f"第一章 项目清单 > {first}城区供水管网改造 > （一）主管网", f"第一章 项目清单 > {then}城区污水管网改造"], then
    lines = _lines("一、项目清单", "（一百〇二）城区供水管网改造", "1. 主管网", body, "（一百〇三）城区污水管网改造", body)
    assert [p["section"] for p in cut_body(lines, P)] == [
        "一、项目清单 > （一百〇二）城区供水管网改造 > 1. 主管网", "一、项目清单 > （一百〇三）城区污水管网改造"]
    # words, years and dates that start like numbers are not numbers: no heading level, no
    # lead, and a wrapped line starting with them runs on
    for line in ("百姓、企业和政府", "千家万户", "十分重要、十分紧迫", "二〇二三、二〇二四年连续两年增长", "十四五是关键时期", "七一是党的生日"):
        assert heading_level(line) == heading_level("牢记嘱托 感恩奋进"), line
        assert not inline_heading(line + "，要抓好落实。", 40) and not _NEW_ITEM.match(line), line
    assert _NEW_ITEM.match("一百〇三、城区污水管网改造") and inline_heading("十一是奋力推进高水平对外开放，加快构筑向北开放新高地。", 40)


def test_cut_body_nests_inline_leads_under_numbered_headings():
    lines = _lines("一、扩大内需", "1. 提振消费", "(1) 以旧换新", "一是加大补贴力度，扩围实施以旧换新政策，支持汽车和家电更新。")
    assert cut_body(lines, P)[0]["section"].startswith("一、扩大内需 > 1. 提振消费 > (1) 以旧换新 > 一是加大补贴力度")
    lines = _lines("一、扩大内需", "1. 提振消费", "重点抓好两件事：", "一是加大补贴力度，扩围实施以旧换新政策，支持汽车和家电更新。")
    pieces = cut_body(lines, P)
    assert pieces[0]["merged"] == [2] and pieces[0]["text"].startswith("重点抓好两件事：一是")


@pytest.mark.parametrize("lines_in", [
    ("三、重点任务", "具体要抓好以下工作：", "（一）扩大内需", "（二）深化改革", "加力提振消费，实施提振消费专项行动，推动中低收入群体增收减负。"),
    ("现将实施方案印发给你们，请认真贯彻执行。", "澧县扩大内需实施方案", "一、总体要求", "加力提振消费，实施提振消费专项行动，推动中低收入群体增收减负。"),
])
def test_cut_body_leads_in_only_along_the_outline(lines_in):
    """Not past an empty sibling section, nor past another document's title: a lead-in is
    dropped there, a whole sentence (the cover note) stays a paragraph of its own."""
    lines = _lines(*lines_in)
    pieces = cut_body(lines, P)
    if lines_in[0].startswith("三"):
        assert lines.status[1][0] == "too_short"
    else:
        assert lines.status[0][0] == "" and pieces[0]["text"] == lines_in[0] and pieces[0]["section"] == ""
        assert pieces[1]["section"].endswith("一、总体要求")


def test_a_short_whole_sentence_alone_under_its_lead_is_kept():
    lines = _lines("一、坚决落实“四类人员”分类集中管理", "一是对确诊患者，做到应收尽收。", "二是对疑似患者，按照“日清日结”要求，24小时内完成核酸检测。", "（完）")
    pieces = cut_body(lines, P)
    assert [p["text"] for p in pieces][:2] == ["一是对确诊患者，做到应收尽收。", "二是对疑似患者，按照“日清日结”要求，24小时内完成核酸检测。"]
    assert lines.status[3] == ("metadata", "closing line (no text below it)") and "（完）" not in "".join(p["text"] for p in pieces)
    # a photo caption or a call to follow the site is not a sentence of the text
    lines = _lines("一、会议现场", "图为王江阴讲话。", "二、其他", "欢迎关注“衡东发布”微信公众号！")
    assert cut_body(lines, P) == [] and [s for s, _ in lines.status][1::2] == ["too_short", "too_short"]


def test_cut_body_marks_an_isolated_fragment_too_short():
    lines = _lines("一、标题", "短。", "二、另一个标题", "这一段足够长，讲的是推进生态环境保护和污染防治的工作安排。")
    cut_body(lines, P)
    assert lines.status[1][0] == "too_short"  # 二、 is not a subsection of 一、


@pytest.mark.parametrize("opening,section", [
    (("三、重点任务", "具体要抓好9个方面的工作："), "三、重点任务 > （一）扩大内需"),  # a lead-in to the subsections below
    (("同志们：现在，我讲三点意见。",), "（一）扩大内需"),  # a speech's opening, before its first heading
])
def test_cut_body_joins_a_lone_fragment_to_the_subsection_it_leads_into(opening, section):
    body = "加力提振消费，实施提振消费专项行动，推动中低收入群体增收减负。"
    lines = _lines(*opening, "（一）扩大内需", body)
    pieces = cut_body(lines, P)
    fragment = len(opening) - 1
    assert lines.status[fragment][0] != "too_short"
    assert len(pieces) == 1 and pieces[0]["section"] == section
    assert pieces[0]["text"] == opening[-1] + body and pieces[0]["merged"] == [fragment]


def test_assemble_numbers_paragraphs_and_logs_every_line():
    doc = Document(doc_id="d", source="d.txt")
    lines = _lines("标题行", "这一段足够长，讲的是推进生态环境保护和污染防治的工作安排。", "")
    lines.mark(0, "metadata", "title")
    lines.mark(2, "blank")
    pieces = [{"lines": [1], "text": lines.text[1], "section": "", "merged": []}]
    assemble(lines, pieces, doc)
    assert [p["para_id"] for p in doc.paragraphs] == ["d:1"]
    assert doc.paragraphs[0]["line_start"] == doc.paragraphs[0]["line_end"] == 2
    assert [(r["line"], r["status"], r["para_id"]) for r in doc.log] == [(1, "metadata", ""), (2, "kept", "d:1"), (3, "blank", "")]


def test_assemble_gives_the_physical_line_of_each_part():
    doc = Document(doc_id="d", source="d.txt")
    lines = _lines("标题行", r"这一段足够长，讲的是推进生态环境保护和污染防治的工作安排。\n第二段也足够长，讲的是加快发展现代产业体系的工作安排。")
    lines.mark(0, "metadata", "title")
    pieces = [{"lines": [i], "text": lines.text[i], "section": "", "merged": []} for i in (1, 2)]
    assemble(lines, pieces, doc)
    assert [(p["line_start"], p["line_end"]) for p in doc.paragraphs] == [(2, 2), (2, 2)]
    assert [(r["line"], r["para_id"], r["note"]) for r in doc.log] == [
        (1, "", ""), (2, "d:1", "escaped line breaks: part 1 of 2"), (2, "d:2", "escaped line breaks: part 2 of 2"),
    ]


@pytest.mark.parametrize("evidence,expected", [
    ("衡东县 (author×1, source×1, body×5; weight 20.0); 衡阳市 (body×2; weight 2.0)", "author line, source line, body"),
    ("澧县 (author×1, title×1, body×11; weight 25.0); 湖南省 (title×1, body×3; weight 7.0)", "body, author line, title"),
    ("湖南省 (title×1; weight 4.0)", "places inside it"),
    ("百色市 (also as 百色地区; author×1, body×6; weight 13.8); 德保县 (body×2; weight 2.0)", "author line, body"),  # (named by a former name too)
    ("百色地区 (now 百色市; title×1, body×2; weight 5.6); 德保县 (body×2; weight 2.0)", "title, body"),  # (by a former name alone)
])
def test_locality_source_names_the_zones_of_the_winning_evidence(evidence, expected):
    loc = Locality(found=True, locality=next((n for n in ("衡东县", "澧县", "百色市") if n in evidence), "长沙市"), evidence=evidence)
    assert locality_source(loc) == expected
    assert locality_source(Locality(found=False, evidence="no place name")) == ""


def test_document_holds_its_locality():
    raw = RawText(["衡东县召开会议", "衡东县要推进项目建设，扩大有效投资，加快产业发展步伐。"], "utf-8")
    doc = process_document("a.txt", raw, P, T2S, Gazetteer.default())
    assert doc.locality.locality == "衡东县" and doc.locality.level == "county" and doc.locality.province == "湖南省"


WRAPPED = [  # a PDF's text layer: every paragraph broken at about 24 characters, a page number between pages
    "政府工作报告",
    "",
    "——2024年1月6日在晋江市第十八届人民代表大会第四次",
    "会议上",
    "",
    "一、2023年工作回顾",
    "",
    "    2023年，我们在泉州市委、市政府的坚强领导下，全",
    "市地区生产总值增长5.8%，规上工业增加值增长6.2%，一般",
    "公共预算总收入突破260亿元，县域经济竞争力继续位居",
    "全国第四。",
    "",
    "    我们坚持实体经济为本，制造业为重，推动鞋服、纺织",
    "、食品、建材等传统产业数字化转型，集成电路、新材料",
    "",
    "— 2 —",
    "",
    "、医疗健康等新兴产业加快发展，上市公司总数达到52家",
    "，新增国家级专精特新企业9家。",
    "二、2024年工作安排",
    "    今年全市经济社会发展的主要预期目标是：地区生产总",
    "值增长6%左右，城乡居民人均可支配收入增长6%左右。",
    "    各位代表！让我们更加紧密地团结在以习近平同志为核",
    "心的党中央周围，奋力谱写中国式现代化晋江篇章！",
]


def test_hard_wrapped_lines_are_joined_into_paragraphs_with_their_lines():
    doc = process_document("a.txt", RawText(WRAPPED, "utf-8"), P, T2S, Gazetteer.default())
    paras = [(p["line_start"], p["line_end"], p["text"]) for p in doc.paragraphs]
    assert paras == [
        (8, 11, "2023年，我们在泉州市委、市政府的坚强领导下，全市地区生产总值增长5.8%，规上工业增加值增长6.2%，一般"
                "公共预算总收入突破260亿元，县域经济竞争力继续位居全国第四。"),
        (13, 19, "我们坚持实体经济为本，制造业为重，推动鞋服、纺织、食品、建材等传统产业数字化转型，集成电路、新材料"
                 "、医疗健康等新兴产业加快发展，上市公司总数达到52家，新增国家级专精特新企业9家。"),
        (21, 22, "今年全市经济社会发展的主要预期目标是：地区生产总值增长6%左右，城乡居民人均可支配收入增长6%左右。"),
        # a sentence ending inside a line (各位代表！) does not make it a heading
        (23, 24, "各位代表！让我们更加紧密地团结在以习近平同志为核心的党中央周围，奋力谱写中国式现代化晋江篇章！"),
    ]
    assert [p["section"] for p in doc.paragraphs] == ["一、2023年工作回顾", "一、2023年工作回顾", "二、2024年工作安排", "二、2024年工作安排"]
    assert doc.date == "2024-01-06" and doc.lines_joined == 9
    log = {row["line"]: (row["status"], row["reason"], row["note"]) for row in doc.log}
    assert sorted(log) == list(range(1, len(WRAPPED) + 1)) and [row["line"] for row in doc.log] == sorted(log)
    assert log[16][:2] == ("boilerplate", "page number")
    assert log[9][0] == log[18][0] == "kept" and "lines 13–19 joined" in log[18][2]


def test_text_with_a_paragraph_per_line_is_not_joined():
    lines = ["政府工作报告", "一、2023年工作回顾"] + [
        f"我们坚持实体经济为本，制造业为重，推动传统产业数字化转型，第{n}项新兴产业加快发展，上市公司总数达到52家。" for n in range(8)
    ] + ["二、2024年工作安排", "三、深化改革开放", "四、保障和改善民生", "五、加强政府自身建设"]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert doc.lines_joined == 0 and len(doc.paragraphs) == 8



def test_a_line_ending_in_a_comma_runs_on_whatever_the_wrapping():
    """Text copied from a page or a chat app breaks lines mid-sentence at no fixed width: a line
    ending in ，or 、 is not a paragraph (nor a title or a heading) but runs on into the next,
    across blank lines too; a numbered item after it starts anew, and every line keeps its row."""
    lines = ["在全县经济工作会议上的讲话", "", "同志们：今年以来，全县上下坚持稳中求进工作总基调，", "地区生产总值增长5.2%，规上工业增加值增长8%，",
             "", "固定资产投资增长10%。", "", "一、坚持党建引领", "", "我们要坚持以党建引领发展，", "推动基层党组织全面进步全面过硬，以高质量党建引领高质量发展，",
             "二、加快产业发展", "全力抓好工业、农业、", "服务业，推动三产融合发展。"]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert doc.title == "在全县经济工作会议上的讲话"
    assert [(p["line_start"], p["line_end"], p["section"], p["text"]) for p in doc.paragraphs] == [
        (3, 6, "", "同志们：今年以来，全县上下坚持稳中求进工作总基调，地区生产总值增长5.2%，规上工业增加值增长8%，固定资产投资增长10%。"),
        (10, 11, "一、坚持党建引领", "我们要坚持以党建引领发展，推动基层党组织全面进步全面过硬，以高质量党建引领高质量发展，"),
        (13, 14, "二、加快产业发展", "全力抓好工业、农业、服务业，推动三产融合发展。"),
    ]
    log = {row["line"]: (row["status"], row["note"]) for row in doc.log}
    assert sorted(log) == list(range(1, len(lines) + 1))
    assert log[5][0] == "blank" and log[4] == ("kept", "line breaks inside sentences: lines 3–6 joined")
    assert log[12][0] == "heading" and doc.lines_joined == 4


@pytest.mark.parametrize("foot", ["责任编辑：李四", "来源：XX日报", "【打印本页】【关闭窗口】", "上一篇：XX县召开安全生产会议",
                                  "（记者 王五 通讯员 赵六）", "XX县人民政府", "2023年1月5日"])
@pytest.mark.parametrize("blank", [True, False])
def test_a_page_cut_off_after_a_comma_keeps_its_furniture_apart(foot, blank):
    """A scraped page often ends mid-sentence: its last line, ending in a comma, does not run on
    into the page's furniture, metadata, byline, signature or date; it stays a paragraph."""
    last = "会议强调，要坚定信心、真抓实干，全力推动全县经济社会高质量发展，"
    lines = ["XX县召开经济工作会议", "", "1月5日，县委召开经济工作会议，县委书记王建勋出席会议并讲话。", "", last] + [""] * blank + [foot]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert [p["text"] for p in doc.paragraphs][-1] == last
    assert doc.lines_joined == 0


def test_a_comma_ended_line_runs_on_into_any_sentence_and_a_bare_list_number_into_its_heading():
    """What the page-furniture patterns match inside a sentence (扫一扫, 关闭) does not stop a
    join, and a list number alone on its line (一、, 1、) still heads the section it numbers."""
    head = ["XX县政府工作报告", "各位代表：", "现在，我代表县人民政府向大会报告工作，请予审议。"]
    lines = head + ["坚决淘汰落后产能，", "关闭落后产能企业12家。", "全年节能减排任务圆满完成，", "扫一扫即可办理。", "一、", "过去五年工作回顾",
                    "过去五年，我们坚持稳中求进，地区生产总值年均增长6.5%。"]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    text = "".join(p["text"] for p in doc.paragraphs)
    assert "坚决淘汰落后产能，关闭落后产能企业12家。" in text and "全年节能减排任务圆满完成，扫一扫即可办理。" in text
    assert doc.paragraphs[-1]["section"] == "一、过去五年工作回顾"
    assert doc.paragraphs[-1]["text"] == "过去五年，我们坚持稳中求进，地区生产总值年均增长6.5%。"


def test_date_from_the_file_name_only_when_the_text_gives_none():
    lines = ["在全市项目建设推进会上的讲话", "市委书记 杨光荣", "同志们：今天召开全市项目建设推进会，主要任务是总结上半年项目建设情况。"]
    doc = process_document("2022-06-30_讲话.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert (doc.date, doc.date_source, doc.year) == ("2022-06-30", "file name", "2022")
    assert doc.author == "杨光荣（市委书记）"
    dated = process_document("2022-06-30_讲话.txt", RawText(["（2023年1月5日）", *lines], "utf-8"), P, T2S, Gazetteer.default())
    assert dated.date == "2023-01-05"
    yearly = process_document("2025_河南省.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert (yearly.date, yearly.year, yearly.year_source) == ("", "2025", "file name")
    for name in ("2000字讲话.txt", "a2019b.txt", "1024x2048.txt"):
        assert process_document(name, RawText(lines, "utf-8"), P, T2S, Gazetteer.default()).year == ""
    titled = process_document("2024-06-30_报告.txt", RawText(["2021年政府工作报告", *lines[2:]], "utf-8"), P, T2S, Gazetteer.default())
    assert (titled.date, titled.year, titled.year_source) == ("", "2021", "title")


def test_a_subtitle_naming_the_speaker_gives_the_author_and_a_month_dateline_the_year():
    lines = ["奋力开创黔东南高质量发展新局面", "——在州委经济工作会议上的讲话　杨振东", "", "同志们：",
             "这次会议是州委决定召开的一次重要会议，主要任务是深入贯彻中央经济工作会议精神，部署明年经济工作。"]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert doc.author == "杨振东" and doc.title == "奋力开创黔东南高质量发展新局面"  # the meeting is no more title (as without the name)
    assert process_document("a.txt", RawText(lines[1:], "utf-8"), P, T2S, Gazetteer.default()).title == "——在州委经济工作会议上的讲话"
    lines = ["正定县政府工作报告", "二〇二四年一月在正定县第十七届人民代表大会第三次会议上", "各位代表：",
             "现在，我代表县人民政府，向大会报告工作，请予审议，并请县政协委员和其他列席人员提出意见。"]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert (doc.date, doc.year) == ("", "2024")



def test_wrapped_text_keeps_headings_lists_and_quotes_apart():
    """Only prose of about the wrap width runs on: a heading or list item of that width has no
    punctuation inside, a closing quote mid-sentence does not end the paragraph, and an indented
    line starts a new one."""
    lines = [
        "    我们坚持实体经济为本，制造业为重，推动鞋服、纺织",
        "、食品、建材等传统产业数字化转型，坚决做到“两个维护”",
        "，集成电路、新材料等新兴产业加快发展。",
        "（一）坚持创新驱动加快建设现代化产业体系建设",
        "    今年全市经济社会发展的主要预期目标是：地区生产总",
        "值增长6%左右，城乡居民人均可支配收入增长6%左右，",
        "城镇新增就业1.2万人，粮食产量稳定在10万吨以上。",
        "    我们将坚持农业立市、工业强市、商贸活市，加快建设",
        "现代化产业示范城市，持续擦亮金字招牌，推动高质量发",
        "展取得新成效。",
        "    以下十件民生实事：",
        *[f"第{n}项新建改建城乡公办幼儿园学位提升工程" for n in "一二三四"],
    ]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    spans = [(p["line_start"], p["line_end"], p["section"]) for p in doc.paragraphs]
    assert spans[0][:2] == (1, 3) and doc.paragraphs[0]["text"].endswith("坚决做到“两个维护”，集成电路、新材料等新兴产业加快发展。")
    assert (5, 7, "（一）坚持创新驱动加快建设现代化产业体系建设") in spans and spans[2][:2] == (8, 10)
    # the list items after their lead-in (以下十件民生实事：) are text, each still a line of its own
    assert [p["text"] for p in doc.paragraphs][3].startswith("以下十件民生实事：第一项新建改建")
    assert "".join(p["text"] for p in doc.paragraphs).endswith("第四项新建改建城乡公办幼儿园学位提升工程")
    notes = {row["line"]: row["note"] for row in doc.log}
    assert all("a list's item" in notes[n] and "joined" not in notes[n] for n in range(12, 16))


def test_pieces_of_a_joined_paragraph_point_at_their_own_lines():
    sentence = "全市地区生产总值增长百分之五点八，规上工业增加值增长百分之六点二，县域经济竞争力继续提升。"
    text = sentence * 24  # about 1,100 characters, cut into pieces of at most 400
    width = 24
    wrapped = [text[k:k + width] for k in range(0, len(text), width)]
    lines = ["政府工作报告", *wrapped]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert doc.lines_joined >= 35 and len(doc.paragraphs) >= 3  # a line ending a sentence by chance ends a paragraph
    spans = [(p["line_start"], p["line_end"]) for p in doc.paragraphs]
    assert spans[0][0] == 2 and spans[-1][1] == len(lines)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))  # consecutive, overlapping at most at one line
    assert sum(len(p["text"]) for p in doc.paragraphs) == len(text)
    rows = {row["line"]: row["para_id"] for row in doc.log}
    assert rows[2] == "a:1" and rows[len(lines)] == f"a:{len(doc.paragraphs)}"


def test_a_table_row_holding_sentences_becomes_its_text():
    lines = ["2024年重点民生实事", "| 序号 | 项目 | 单位 |", "| 1 | 全面推进乡村振兴，新建高标准农田10万亩，改造提升农村公路200公里。 |",
             "| 2 | 新建改建公办幼儿园5所，新增学位2000个，缓解入园难\\|入园贵问题。 |"]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert [(p["line_start"], p["text"]) for p in doc.paragraphs] == [
        (3, "1　全面推进乡村振兴，新建高标准农田10万亩，改造提升农村公路200公里。"), (4, "2　新建改建公办幼儿园5所，新增学位2000个，缓解入园难|入园贵问题。")]
    log = {row["line"]: row for row in doc.log}
    assert log[2]["status"] == "table" and log[3]["status"] == "kept" and "cells joined" in log[3]["note"]


def test_a_table_pasted_with_tabs_is_a_table_with_its_caption():
    """Rows copied from Word or Excel (cells between tabs) are a table, logged as such with the
    caption above them, not run into the text around them; a list item set off by a tab is not."""
    from pathlib import Path

    from pipeline.readers import read_text

    text = ("今年以来，常州市认真落实对口支援任务，投入援疆资金5600万元，实施项目30个。\n表1  2023年援疆项目情况\n"
            "项目类别\t项目数（个）\t资金（万元）\n产业发展\t12\t8650\n民生保障\t18\t9870\n合计\t\t18520\n"
            "下一步，我们将继续推进产业援疆和民生援疆，推动尼勒克县高质量发展。\n一、\t总体要求\n二、\t主要任务\n")
    raw = read_text(text.encode("utf-8"), Path("a.txt"))
    assert raw.lines[2] == "| 项目类别 | 项目数（个） | 资金（万元） |" and raw.lines[5] == "| 合计 |  | 18520 |"
    assert raw.lines[7:] == ["一、\t总体要求", "二、\t主要任务"] and len(raw.lines) == len(text.splitlines())
    doc = process_document("a.txt", raw, P, T2S, Gazetteer.default())
    log = {row["line"]: row for row in doc.log}
    assert [log[n]["status"] for n in range(2, 7)] == ["table"] * 5 and log[2]["reason"] == "table caption (above the table's rows)"
    assert [p["line_start"] for p in doc.paragraphs] == [1, 7] and not any("8650" in p["text"] for p in doc.paragraphs)
    # header fields, a signature, a couplet or circled items set off by tabs are no table
    from pipeline.readers import tab_tables

    for lines in (["标题：\t衡东县2023年工作总结", "发文单位：\t衡东县人民政府", "发文时间：\t2024年1月5日"],
                  ["来源：衡东县人民政府\t发布时间：2024-01-05", "作者：县政府办\t浏览次数：1024"],
                  ["衡东县人民政府\t2024年1月5日", "衡东县财政局\t2024年1月6日"],
                  ["春风又绿江南岸\t明月何时照我还", "春眠不觉晓\t处处闻啼鸟"], ["①\t第一项工作", "②\t第二项工作"]):
        assert tab_tables(lines) == lines
    header = read_text("标题：\t衡东县2023年工作总结\n发文时间：\t2024年1月5日\n今年以来，全县经济社会发展取得新成效。\n".encode(), Path("b.txt"))
    doc = process_document("b.txt", header, P, T2S, Gazetteer.default())
    assert (doc.title, doc.date, doc.locality.locality) == ("衡东县2023年工作总结", "2024-01-05", "衡东县")
    # a table of words only is one by its shape: three columns, three rows
    tasks = ["任务\t牵头单位\t配合单位", "推进乡村振兴\t农业农村局\t财政局", "优化营商环境\t发改局\t市场监管局"]
    assert tab_tables(tasks)[1] == "| 推进乡村振兴 | 农业农村局 | 财政局 |"
    # a 序号 column: a number alone in the first of several cells is the row's number, not a list's
    projects = ["序号\t项目名称\t总投资（亿元）\t年度计划投资（亿元）", "1\t楚雄州绿色铝精深加工项目\t48.6\t12.0", "2\t元谋县绿色食品产业园\t15.2\t4.5"]
    assert tab_tables(projects)[1:] == ["| 1 | 楚雄州绿色铝精深加工项目 | 48.6 | 12.0 |", "| 2 | 元谋县绿色食品产业园 | 15.2 | 4.5 |"]
    # (a list item set off by two tabs is still a list's)
    assert tab_tables(["1.\t\t加强组织领导", "2.\t\t强化督查考核"]) == ["1.\t\t加强组织领导", "2.\t\t强化督查考核"]


def test_an_issuing_body_under_a_whole_title_is_not_more_title():
    lines = ["常州市2023年对口支援新疆尼勒克县工作总结", "常州市对口支援新疆伊犁州尼勒克县前方工作组", "今年以来，常州市认真落实对口支援任务，投入援疆资金5600万元。"]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert doc.title == lines[0] and {row["line"]: row["reason"] for row in doc.log}[2] == "issuer (under the title)"
    assert doc.issuer == lines[1]
    # a title wrapped over two lines is one title
    lines = ["关于进一步加强", "农村人居环境整治工作的实施意见", "今年以来，常州市认真落实对口支援任务，投入援疆资金5600万元。"]
    assert process_document("b.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default()).title == "关于进一步加强 农村人居环境整治工作的实施意见"


def test_wrapped_text_keeps_slogans_and_table_rows_apart():
    """！ inside a line makes prose only of an indented paragraph start: an unindented slogan
    heading stays a heading, and a list of slogans is not hard-wrapped text; table rows never
    run on or are run into."""
    prose = ["今年，全市经济社会发展的主要预期目标是：地区生", "产总值增长百分之六左右，城乡居民人均可支配收", "入增长百分之六左右，粮食产量稳定在十万吨。"]
    lines = ["政府工作报告", *prose, "凝心聚力！奋力开创新局面", *prose, "奋力打造高质量发展先行??区", *prose, "关于重点项目，完成时限如下：", "| 序号 | 项目 | 单位 |",
             "| 1 | 新建改建公办幼儿园5所，新增学位2000个 |", "| 2 | 新建高标准农田10万亩，改造农村公路。 |"]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert doc.lines_joined > 0
    assert [p["section"] for p in doc.paragraphs[:3]] == ["", "凝心聚力！奋力开创新局面", "奋力打造高质量发展先行??区"]
    log = {row["line"]: row["status"] for row in doc.log}
    assert log[5] == log[9] == "heading" and log[14] == "table"
    assert log[13] != "boilerplate" and any(p["text"].startswith("关于重点项目") for p in doc.paragraphs)
    assert all("|" not in p["text"] for p in doc.paragraphs)
    slogans = [f"强化安全意识！提升防范能力第{n}条" for n in "一二三四五六七八九十"]
    assert process_document("b.txt", RawText(slogans, "utf-8"), P, T2S, Gazetteer.default()).lines_joined == 0


def test_text_a_web_page_leaves_out_is_logged_with_its_reason(caplog):
    body = ["各位代表：", "现在，我代表县人民政府，向大会报告政府工作，请予审议，并请各位政协委员提出意见。"]
    furniture = ["网站首页 | 政务公开", "长阳县政府工作报告", "一年来，全县地区生产总值增长百分之六点五，一般公共预算收入增长百分之五点一，城乡居民收入稳步增长。"]
    raw = RawText(body, "html (utf-8)", {"title": "长阳县 政府工作报告"}, furniture)
    with caplog.at_level("WARNING"):
        doc = process_document("a.html", raw, P, T2S, Gazetteer.default())
    rows = [r for r in doc.log if r["status"] == "left_out"]
    assert [r["note"] for r in rows] == furniture and all(r["line"] == "" for r in rows)
    assert ["navigation" in rows[0]["reason"], "title" in rows[1]["reason"], "holds sentences" in rows[2]["reason"]] == [True] * 3
    assert doc.lines_left_out == 3 and "a.html" in caplog.text and "leaves out" in caplog.text
    # the lines of the text itself are numbered and logged as before
    assert [r["line"] for r in doc.log if r["status"] != "left_out"] == [1, 2]


def test_a_person_named_in_the_byline_is_not_a_place():
    body = ["在全区疫情防控工作会议上的讲话", "区委书记 刘东海", "（2020年1月28日）", "同志们：",
            "当前，疫情防控形势严峻复杂，全区上下要坚决贯彻落实武汉市委部署，打赢疫情防控阻击战。", "为武汉市打赢疫情防控阻击战作出贡献。"]
    doc = process_document("speech.txt", RawText(body, "utf-8"), P, T2S, Gazetteer.default())
    assert doc.author == "刘东海（区委书记）" and "东海县" not in doc.locality.evidence  # not 东海县 (江苏)
    # a district's speech (区委书记, 全区) naming only its city is no city's text: its province and level, no locality
    assert (doc.locality.locality, doc.locality.province, doc.locality.level) == ("", "湖北省", "county")
    assert "东海" not in doc.locality.evidence
    doc = process_document("2020_江汉区_讲话.txt", RawText(body, "utf-8"), P, T2S, Gazetteer.default())
    assert doc.locality.locality == "江汉区" and "file×1" in doc.locality.evidence


def test_wrapped_gazette_text_skips_running_headers_and_keeps_numbers_whole():
    header = "宁海县人民政府公报                              2023年第2期"
    pages = [
        header, "", "政府工作报告", "",
        "2022年是极不平凡、极为关键的一年。面对超预期因素冲击，在宁波市委",
        "、市政府和县委的坚强领导下，全县经济运行稳中有进，全年实现地区生产",
        "总值905.2亿元，增长3.8%；一般公共预算收入80.1亿元，同口径增长6.2",
        "", "·3·", "\f" + header, "",
        "%；城乡居民人均可支配收入分别达到73860元和46120元，比上年增长5.3%",
        "和6.6%。新建改扩建中小学和幼儿园11所，建成保障性租赁住房1",
        "500套，新增养老机构床位600张，办好十方面民生实事，群众获得感增强。",
        "", "·4·", "\f" + header, "",
        "（一）全力稳住经济大盘。落实助企纾困政策，累计为企业减负降本38.6",
        "亿元。新增规上工业企业92家，规上工业增加值增长6.3%，产业集群扩大。",
        "", "·5·",
    ]
    doc = process_document("gazette.txt", RawText(pages, "utf-8"), P, T2S, Gazetteer.default())
    texts = [p["text"] for p in doc.paragraphs]
    assert len(texts) == 2 and "同口径增长6.2%；城乡居民" in texts[0] and "1500套" in texts[0]
    assert "公报" not in "".join(texts) and all(p["section"] == "" or "公报" not in p["section"] for p in doc.paragraphs)
    running = [row for row in doc.log if row["reason"].startswith("running header")]
    assert [row["line"] for row in running] == [10, 17] and "2 page breaks" in running[0]["reason"]
    assert doc.locality.locality == "宁海县" and doc.year == "2023"  # the header names the issuer (not 宁波市 of the body)
    # a title that is also the running header stays the title on the first page
    h = "衡东县2024年政府工作报告"
    body = ["2023年是全面贯彻党的二十大精神的开局之年。面对复杂严峻的外部环境，在衡", "阳市委、市政府和县委的坚强领导下，全县经济运行稳中有进，全年实现地区生",
            "产总值405.2亿元，增长5.8%；一般公共预算收入20.1亿元，同口径增长6.2%，", "城乡居民人均可支配收入分别达到43860元和26120元，比上年增长5.3%和6.6%。"]
    paged = [h, ""]
    for n in range(4):
        paged += ([h, ""] if n else []) + body + ["", f"- {n + 1} -", "\f"]
    doc = process_document("doc.txt", RawText(paged, "utf-8"), P, T2S, Gazetteer.default())
    assert (doc.title, doc.year, doc.locality.locality) == (h, "2024", "衡东县")
    # short headings repeated in wrapped text, away from page breaks, are not furniture
    sections = []
    for n in range(3):
        sections += [f"第{'一二三'[n]}部分", "主要成效", *body, "存在问题", *body]
    doc = process_document("w.txt", RawText(["政府工作报告", *sections], "utf-8"), P, T2S, Gazetteer.default())
    assert not any(row["reason"].startswith("running header") for row in doc.log)
    # the same short line three times in a text that is not paginated is not furniture
    plain = ["同志们：", "今天召开全县经济工作会议，主要任务是总结今年工作，部署明年任务。"] * 3
    doc = process_document("speech.txt", RawText(plain, "utf-8"), P, T2S, Gazetteer.default())
    assert not any(row["reason"].startswith("running header") for row in doc.log)


@pytest.mark.parametrize("page_break", [
    ["-1-", "\f德清县第十七届人民代表大会第二次会议文件"],  # a form feed, the header on page 2
    ["-1-", "德清县第十七届人民代表大会第二次会议文件"],  # no form feed
    ["德清县第十七届人民代表大会第二次会议文件", "-1-"],  # a footer above the page number
])
def test_a_header_at_a_two_page_documents_one_page_break_is_furniture(page_break):
    text = ("过去一年，是全县发展进程中极不平凡的一年。在市委、市政府和县委的坚强领导下，我们坚持以习近平新时代中国特色社会主义"
            "思想为指导，全面贯彻党的二十大精神，高效统筹疫情防控和经济社会发展，全县经济运行稳中有进、稳中向好。全年实现地区生产"
            "总值658.3亿元，增长4.1%；一般公共预算收入72.6亿元，同口径增长5.2%；城乡居民人均可支配收入分别达到74215元和45130元，"
            "分别增长3.8%和6.1%。")
    wrapped = [text[i : i + 34] for i in range(0, len(text), 34)]
    lines = ["德清县人民政府工作报告", "", *wrapped[:4], *page_break, *wrapped[4:], "", "-2-"]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert [p["text"] for p in doc.paragraphs] == [text]  # one paragraph, across the page break, without the header
    header = next(row for row in doc.log if "人民代表大会" in row.get("text", lines[row["line"] - 1]))
    assert header["status"] == "boilerplate" and "inside a sentence" in header["reason"]
    # a heading after a sentence that ends, at a page break, is a heading
    ended = wrapped[:3] + ["有力有效应对各种风险挑战，全县经济运行稳中有进、稳中向好。"]
    lines = ["德清县人民政府工作报告", "", *ended, "-1-", "二、2023年工作安排", *wrapped[4:], "", "-2-"]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert not any(row["reason"].startswith("running header") for row in doc.log)


def test_a_web_page_editor_is_not_its_author():
    body = ["全市上下要坚定信心，奋力推进高质量发展，加快建设现代化产业体系和美丽城市。"] * 2
    doc = process_document("a.html", RawText(body, "html (utf-8)", {"author": "【责任编辑：毛丽"}), P, T2S, Gazetteer.default())
    assert doc.author == ""
    doc = process_document("a.html", RawText(body, "html (utf-8)", {"author": "周晓洁"}), P, T2S, Gazetteer.default())
    assert doc.author == "周晓洁"


def test_the_file_name_neither_names_a_person_as_a_place_nor_repeats_the_title():
    body = ["全县经济工作会议召开", "（2023年12月28日）", "今年以来，全县上下团结一心，经济社会发展取得了显著成绩。", "衡东县要走在前列，全县要抓好项目建设。"]
    doc = process_document("王江阴同志在全县经济工作会议上的讲话.txt", RawText(body, "utf-8"), P, T2S, Gazetteer.default())
    assert doc.locality.locality == "衡东县"
    title = "关于赴浙江省安吉县学习考察“两山”理念实践经验的报告"
    report = [title, "来源：衡东县发展和改革局", "为学习借鉴先进经验，我局组织赴安吉县开展学习考察，现将有关情况报告如下。"]
    for name in ("a.txt", title + ".txt"):
        doc = process_document(name, RawText(report, "utf-8"), P, T2S, Gazetteer.default())
        assert doc.locality.locality == "衡东县", name


@pytest.mark.parametrize("title,author", [
    ("县委书记王建勋在全县经济工作会议上的讲话", "王建勋（县委书记）"),
    ("王建勋同志在全县经济工作会议上的讲话", "王建勋"),
    ("镇长张伟在全镇工作会议上的报告", "张伟（镇长）"),
    ("在全县经济工作会议上的讲话", ""),  # no speaker named
    ("某市市委书记在全市机关干部大会上的讲话", ""),  # an office without a name
    ("习近平在中央经济工作会议上的讲话", ""),  # a name without an office or 同志 is not read as one
    ("代县长张三在县十八届人大一次会议上的政府工作报告", "张三（代县长）"),
    # about someone's speech, not the speech
    ("学习贯彻省委书记王建勋在全省经济工作会议上的讲话精神", ""), ("关于学习县委书记王建勋在全县会议上的讲话", ""),
    ("县委书记王建勋在全县会议上的讲话引起强烈反响", ""),
    # a draft, an excerpt, a bracketed note or a full stop after the title still names the speaker
    ("县委书记王建勋在全县经济工作会议上的讲话稿", "王建勋（县委书记）"), ("王建勋同志在全县大会上的讲话（摘要）", "王建勋"),
    ("县委书记王建勋在全县经济工作会议上的讲话【全文】", "王建勋（县委书记）"),  # (the title without the site's 【全文】)
    ("市对外开放办公室主任王建勋在全市大会上的讲话", "王建勋（市对外开放办公室主任）"),
    ("县委对台办主任王建勋在全县会议上的讲话", "王建勋（县委对台办主任）"),
])
def test_a_title_naming_its_speaker_gives_the_author(title, author):
    lines = [title, "同志们：", "今年以来，全县上下坚持稳中求进，地区生产总值增长5.2%，规上工业增加值增长8%。"]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert doc.author == author
    assert doc.title == title.removesuffix("【全文】")


def test_a_news_page_keeps_its_title_above_a_widget_and_its_last_sentence_with_a_date():
    """A print/font widget under a news title is no site menu: the title stays the title. A
    last sentence that names a date (报名截止时间为…。) is text, not a signature that dates the
    page; a bare date line at the end is one."""
    lines = ["我县召开安全生产工作会议", "发布时间：2023-02-03 09:12  来源：县应急管理局", "【打印】【关闭】",
             "2月2日，我县召开安全生产工作会议，总结2022年工作，部署2023年任务。",
             "会议要求，各乡镇各部门要压紧压实安全生产责任，确保全县安全生产形势持续稳定。", "报名截止时间为2023年3月1日。"]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert doc.title == "我县召开安全生产工作会议"
    assert (doc.date, doc.date_source) == ("2023-02-02", "lead (the day of the event)")  # 2月2日，我县召开… on a page of 02-03
    assert doc.paragraphs[-1]["text"].endswith("报名截止时间为2023年3月1日。")
    signed = process_document("b.txt", RawText(lines[:-1] + ["XX县应急管理局", "2023年2月3日"], "utf-8"), P, T2S, Gazetteer.default())
    assert {row["line"]: row["reason"] for row in signed.log}[7] == "date line"


def test_a_speech_keeps_a_sentence_followed_by_applause():
    """（掌声） after a sentence does not make it a heading: the sentence stays text and the
    section stays the numbered heading above it."""
    lines = ["在全县经济工作会议上的讲话", "同志们：今天召开全县经济工作会议，主要任务是总结去年工作，部署今年任务。", "一、过去一年成绩显著",
             "去年全县地区生产总值突破百亿元大关。（掌声）", "规模工业增加值增长8.5%，固定资产投资增长10.2%，社会消费品零售总额增长7%。"]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert "去年全县地区生产总值突破百亿元大关。（掌声）" in doc.paragraphs[-1]["text"]
    assert doc.paragraphs[-1]["section"] == "一、过去一年成绩显著"


def test_short_lines_after_a_lead_in_are_a_list_not_headings():
    """Targets written one per line without punctuation after a lead-in (…目标是：) are a
    list: they stay text, with the section of the heading above them; three such lines in a row
    are a list without a lead-in too; two with none (附件 / 名词解释) stay headings."""
    lines = ["政府工作报告", "各位代表：现在，我代表县人民政府向大会报告工作，请予审议，并请各位政协委员提出意见。", "二、2023年主要目标",
             "2023年全县经济社会发展的主要预期目标是：", "地区生产总值增长6.5%左右", "一般公共预算收入增长6%",
             "实现上述目标，必须坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。", "三、重点工作",
             "一是抓项目建设", "二是抓招商引资", "三是抓民生改善", "让我们团结一心，为建设美丽新县城而努力奋斗！",
             "附件", "名词解释", "1.两个确立：确立习近平同志党中央的核心、全党的核心地位，确立习近平新时代中国特色社会主义思想的指导地位。"]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    text = "".join(p["text"] for p in doc.paragraphs)
    assert "地区生产总值增长6.5%左右一般公共预算收入增长6%" in text and "一是抓项目建设二是抓招商引资三是抓民生改善" in text
    assert {p["section"] for p in doc.paragraphs if "6.5%" in p["text"]} == {"二、2023年主要目标"}
    assert {p["section"] for p in doc.paragraphs if "一是抓项目建设" in p["text"]} == {"三、重点工作 > 一是抓项目建设"}
    assert doc.paragraphs[-1]["section"].endswith("名词解释")
    log = {row["line"]: row for row in doc.log}
    assert log[5]["status"] in ("kept", "merged") and "a list's item" in log[5]["note"]
    assert log[13]["status"] == log[14]["status"] == "heading"


def test_a_lead_in_and_its_list_are_one_paragraph():
    """A lead-in and its items, however short each is, make one paragraph (not two halves cut where
    min_chars was reached), each item still a sentence of its own (it keeps its line's break)."""
    lines = ["第二部分　2014年工作的总体要求", "2014年是全面深化改革的开局之年。全县工作的总体要求是：坚持稳中求进工作总基调，推动转型跨越发展。",
             "主要预期目标是：", "地区生产总值增长9%", "公共财政预算收入增长10%", "城乡居民收入增长与经济增长同步", "单位地区生产总值能耗完成市下达任务",
             "第三部分　2014年重点工作", "一、着力推进产业转型升级", "坚持工业强县不动摇，加快工业园区基础设施建设，培育规模以上工业企业5户以上。"]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    listed = [p for p in doc.paragraphs if "9%" in p["text"] or "能耗" in p["text"]]
    assert len(listed) == 1 and listed[0]["text"].startswith("主要预期目标是：地区生产总值增长9%") and listed[0]["text"].endswith("完成市下达任务")
    assert (listed[0]["line_start"], listed[0]["line_end"]) == (3, 7)
    starts = [listed[0]["text"][b:][:4] for b in listed[0]["breaks"]]
    assert starts == ["地区生产", "公共财政", "城乡居民", "单位地区"]
    # a list longer than max_chars is cut between items
    long = [*lines[:3], *[f"第{n}项指标{'增长' * 14}{n}%" for n in range(1, 13)], *lines[7:]]
    doc = process_document("a.txt", RawText(long, "utf-8"), P, T2S, Gazetteer.default())
    items = [p for p in doc.paragraphs if "指标" in p["text"]]
    assert len(items) == 2 and items[1]["text"].startswith("第") and abs(items[0]["n_chars"] - items[1]["n_chars"]) <= 40  # about equal
    assert all("a list's item" in row["note"] for row in doc.log if 4 <= row["line"] <= 15)


def test_a_short_sentence_that_starts_like_a_caption_is_kept():
    """关注/点击 start sentences (关注困难群众，…。); only a page's call to follow or click is a caption."""
    lines = ["政府工作报告", "（二）民生保障有力", "关注困难群众，发放救助金860万元。", "（三）城乡面貌", "点击“智慧城管”平台即可反映问题。",
             "（四）宣传", "扫码关注我们"]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert [p["text"] for p in doc.paragraphs] == ["关注困难群众，发放救助金860万元。", "点击“智慧城管”平台即可反映问题。"]


def test_a_time_field_inside_the_text_does_not_date_the_document():
    """时间：… inside a notice's text is a meeting's time, not the page's; above the text it is the page's."""
    notice = ["关于召开全县安全生产工作会议的通知", "各乡镇人民政府，县直各单位：", "经县政府研究，决定召开全县安全生产工作会议，现将有关事项通知如下：",
              "一、会议时间", "时间：2016年3月5日上午9时", "二、会议地点", "县政府三楼会议室。请各单位高度重视，准时参会，不得缺席。"]
    doc = process_document("a.txt", RawText(notice, "utf-8"), P, T2S, Gazetteer.default())
    assert doc.date == "" and {row["line"]: row["status"] for row in doc.log}[5] != "metadata"
    news = ["我县召开会议", "时间：2023-01-24", "1月23日，县委召开常委会会议，研究部署安全生产工作，县委书记主持会议并讲话。",
            "会议强调，要压紧压实责任，确保全县安全生产形势持续稳定。"]
    assert process_document("b.txt", RawText(news, "utf-8"), P, T2S, Gazetteer.default()).date == "2023-01-24"


@pytest.mark.parametrize("name", ["d3", "d6", "d10", "d14"])
def test_what_a_list_is_not(name):
    """The list rule leaves alone a footer's menu after the last sentence, a table of contents
    numbered as the outline (目录 / 1.规划背景 / …), the heading that follows a list, and a page's
    date field under a banner line."""
    texts = {
        "d3": ["同志们：", "今天召开全县经济工作会议，主要任务是总结去年经济工作，安排部署今年经济工作。", "谢谢大家！",
               "首页", "政务公开", "政务服务", "互动交流"],
        "d6": ["XX县乡村振兴战略规划（2018—2022年）", "前言", "本规划根据《国家乡村振兴战略规划（2018—2022年）》编制，是指导全县实施乡村振兴战略的行动纲领。",
               "目录", "1.规划背景", "2.总体要求", "3.重点任务", "1.规划背景", "党的十九大提出实施乡村振兴战略，这是决胜全面建成小康社会的重大历史任务。"],
        "d10": ["二、2023年工作安排", "（一）主要预期目标", "综合考虑各方面因素，今年全县经济社会发展的主要预期目标是：", "地区生产总值增长6.5%左右",
                "一般公共预算收入增长6%", "（二）重点任务", "坚定不移抓项目扩投资，全年实施重点项目120个，完成投资150亿元以上，确保投资稳定增长。"],
        "d14": ["欢迎访问XX县人民政府门户网站！", "我县召开2023年安全生产工作会议", "时间：2023-02-03",
                "2月2日，我县召开安全生产工作会议，总结2022年工作，部署2023年重点任务。县委常委、常务副县长李明出席会议并讲话。"],
    }
    doc = process_document("a.txt", RawText(texts[name], "utf-8"), P, T2S, Gazetteer.default())
    paras = [(p["section"], p["text"]) for p in doc.paragraphs]
    if name == "d3":
        assert paras[-1][1].endswith("谢谢大家！")
    elif name == "d6":
        assert paras[-1] == ("1.规划背景", texts["d6"][-1])  # (目录 is the label of the table of contents, no section)
    elif name == "d10":
        assert paras == [("二、2023年工作安排 > （一）主要预期目标", "".join(texts["d10"][2:5])), ("二、2023年工作安排 > （二）重点任务", texts["d10"][-1])]
    else:
        assert doc.date == "2023-02-02" and paras[-1][1] == texts["d14"][-1]  # (its lead's day)


def test_a_signature_with_a_note_or_a_verb_dates_the_document_and_a_dash_dateline_may_take_a_comma():
    for last in ["2023年3月2日（此件公开发布）", "县政府办公室 2023年3月2日印发"]:
        lines = ["关于做好春季农业生产工作的通知", "各乡镇人民政府：", "为切实做好今年春季农业生产工作，确保粮食稳产增产，现就有关事项通知如下。", "XX县人民政府", last]
        assert process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default()).date == "2023-03-02"
    lines = ["XX县政府工作报告", "——2023年1月10日，在XX县第十八届人民代表大会第三次会议上 各位代表：现在，我代表县人民政府向大会报告工作，请予审议。"]
    doc = process_document("b.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert (doc.date, doc.date_source) == ("2023-01-10", "meeting line") and doc.paragraphs[0]["text"].startswith("各位代表")


def test_a_page_whose_text_names_no_place_is_located_by_its_sites_name():
    """A city's news page that says only 我市 and 全市 stands on its government's site: the site's
    name (in the <title>, or a footer's 主办：… line the extraction left out) locates it. A
    county's news that says only 我县 on its city's site is no city's; and a page that names its
    place is located by the text, whatever site it stands on."""
    body = ["4月10日，我市召开一季度经济运行分析会，总结一季度全市经济运行情况，安排部署下一阶段工作。",
            "会议指出，一季度全市经济运行总体平稳、稳中有进，主要指标好于预期。"]
    for title in ("我市召开一季度经济运行分析会_漯河市人民政府", "我市召开一季度经济运行分析会>>漯河市人民政府",
                  "我市召开一季度经济运行分析会::漯河市人民政府"):
        doc = process_document("a.html", RawText(body, "html (utf-8)", {"title": title}), P, T2S, Gazetteer.default())
        assert (doc.title, doc.locality.locality, doc.locality.level) == ("我市召开一季度经济运行分析会", "漯河市", "city"), title
        assert doc.locality.evidence.startswith("漯河市 (site×1;") and doc.locality_source == "web site's name"
    footer = RawText(body, "html (utf-8)", {"title": "我市召开一季度经济运行分析会"}, ["主办：漯河市人民政府办公室　承办：漯河市大数据中心"])
    assert process_document("a.html", footer, P, T2S, Gazetteer.default()).locality.locality == "漯河市"
    county = [line.replace("我市", "我县").replace("全市", "全县") for line in body]
    doc = process_document("a.html", RawText(county, "html (utf-8)", {"title": "我县召开一季度经济运行分析会_漯河市人民政府"}), P, T2S, Gazetteer.default())
    assert not doc.locality.found
    # nor is a county's news that names its organs alone (县政府, 县长) or quotes its city's meeting, nor
    # reposted national news; a city's that names its own organs alone is the city's
    for text, city in ((["4月12日，县长李明主持召开县政府常务会议，研究部署近期重点工作。", "会议强调，县直各部门要认真抓好落实。"], False),
                       (["4月12日，我县组织收听收看全市一季度经济运行分析会，会后召开全县经济运行调度会。"], False),
                       (["国务院总理主持召开国务院常务会议，部署进一步优化营商环境工作。"], False),
                       (["4月12日，市长主持召开市政府常务会议，研究部署近期重点工作。", "会议强调，各县区政府、市直各部门要认真抓好落实。"], True)):
        doc = process_document("a.html", RawText(text, "html (utf-8)", {"title": "常务会议_漯河市人民政府"}), P, T2S, Gazetteer.default())
        assert doc.locality.found == city and doc.locality.locality in ("", "漯河市"), text
    # a footer names the site only as its owner (not an event's organiser in a related link), and a Word
    # file's title property (often a template's) names no site
    event = RawText(body, "html (utf-8)", {"title": "我市召开一季度经济运行分析会"}, ["由漯河市总工会主办、舞阳县总工会承办的全市职工技能大赛在舞阳县开幕"])
    assert not process_document("a.html", event, P, T2S, Gazetteer.default()).locality.found
    assert not process_document("a.docx", RawText(body, "docx", {"title": "漯河市人民政府"}), P, T2S, Gazetteer.default()).locality.found
    named = ["4月10日，舞阳县召开一季度经济运行分析会。", *county]
    doc = process_document("a.html", RawText(named, "html (utf-8)", {"title": "舞阳县召开一季度经济运行分析会_漯河市人民政府"}), P, T2S, Gazetteer.default())
    assert doc.locality.locality == "舞阳县" and "site" not in doc.locality.evidence


def test_an_editors_note_under_the_title_is_no_title():
    lines = ["2016年南靖县政府工作报告", "南靖县人民政府县长　陈文彬", "（本刊转载时有删节）", "",
             "各位代表：", "现在，我代表县人民政府向大会报告工作，请予审议，并请县政协委员和其他列席人员提出意见。"]
    for note in ("（本刊转载时有删节）", "（有删节）", "（摘要）", "（节选）"):
        doc = process_document("a.txt", RawText([*lines[:2], note, *lines[3:]], "utf-8"), P, T2S, Gazetteer.default())
        assert doc.title == "2016年南靖县政府工作报告" and {row["line"]: row["reason"] for row in doc.log}[3] == "editorial note", note
    # a note that names the text or its source is title (the only title line: it says what the text is)
    for line in ("（2023年政府工作报告摘要）", "（转载自南靖日报）"):
        doc = process_document("a.txt", RawText([*lines[:2], line, *lines[3:]], "utf-8"), P, T2S, Gazetteer.default())
        assert doc.title.endswith(line), line
    assert process_document("a.txt", RawText(["（2023年政府工作报告摘要）", *lines[3:]], "utf-8"), P, T2S, Gazetteer.default()).title == "（2023年政府工作报告摘要）"


def test_the_readers_title_and_author_where_the_text_gives_none():
    """A web page's <title> (which the main-text extraction leaves out) is the title, without its
    site's name, and counts for the year and the locality; a Word file's author property counts
    only as a person's or an office's name (not Administrator)."""
    body = ["1月7日，全县经济工作会议召开。会议深入贯彻落实中央、省委和长沙市委经济工作会议精神，总结2012年工作。",
            "会议强调，2013年要紧紧围绕长沙市委、市政府提出的目标任务，加快推进新型工业化。"]
    meta = {"title": "宁乡县召开2013年全县经济工作会议_长沙市人民政府", "author": "Administrator"}
    doc = process_document("a.html", RawText(body, "html (utf-8)", meta), P, T2S, Gazetteer.default())
    assert (doc.title, doc.year, doc.author) == ("宁乡县召开2013年全县经济工作会议", "2013", "")
    assert doc.locality.locality == "宁乡市"
    # sites join with two hyphens too; a title's own dash before its subtitle is no join
    for joined, title in (("宁乡县召开2013年全县经济工作会议--长沙市人民政府", "宁乡县召开2013年全县经济工作会议"),
                          ("凝心聚力——宁乡县2013年经济工作综述_长沙市人民政府", "凝心聚力——宁乡县2013年经济工作综述"),
                          ("宁乡县乡村振兴战略规划（2018--2022年）_长沙市人民政府", "宁乡县乡村振兴战略规划（2018--2022年）"),
                          # a site's name set off by a dash or hyphen with no space, at the end or the start
                          ("宁乡县召开2013年全县经济工作会议-长沙市人民政府", "宁乡县召开2013年全县经济工作会议"),
                          ("宁乡县召开2013年全县经济工作会议——长沙市人民政府", "宁乡县召开2013年全县经济工作会议"),
                          ("长沙市人民政府-宁乡县召开2013年全县经济工作会议", "宁乡县召开2013年全县经济工作会议"),
                          ("宁乡县2013-2015年经济工作综述-长沙市人民政府", "宁乡县2013-2015年经济工作综述"),
                          ("凝心聚力——在全县经济工作会议上的讲话_长沙市人民政府", "凝心聚力——在全县经济工作会议上的讲话"),
                          # a dash before a subtitle sets off no site, though a part ends in 网 or 政府
                          ("织密民生保障网——宁乡县2013年民生工作综述", "织密民生保障网——宁乡县2013年民生工作综述"),
                          ("建设人民满意的服务型政府——宁乡县政务服务改革纪实", "建设人民满意的服务型政府——宁乡县政务服务改革纪实")):
        assert process_document("a.html", RawText(body, "html (utf-8)", {"title": joined}), P, T2S, Gazetteer.default()).title == title
    meta = {"title": "Microsoft Word - 2012年固始县政府工作报告.doc", "author": "县政府办公室"}
    doc = process_document("b.docx", RawText(body, "docx", meta), P, T2S, Gazetteer.default())
    assert (doc.title, doc.author) == ("2012年固始县政府工作报告", "县政府办公室")


def test_an_official_documents_banner_number_and_closing_block_are_metadata():
    """A red-head document: the banner and the document number are not its title, and the
    disclosure note, distribution list and printing line below the signature are metadata, so the
    signature dates it and stays out of the text."""
    lines = ["凤凰县人民政府文件", "凤政发〔2012〕5号", "关于印发《凤凰县2012年旅游产业发展工作方案》的通知", "各乡镇人民政府，县直各单位：",
             "现将《凤凰县2012年旅游产业发展工作方案》印发给你们，请认真组织实施。", "凤凰县人民政府", "2012年3月5日", "（此件主动公开）",
             "抄送：州人民政府办公室。", "凤凰县人民政府办公室　　　　2012年3月6日印发"]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert doc.title == "关于印发《凤凰县2012年旅游产业发展工作方案》的通知"
    assert (doc.date, doc.date_source) == ("2012-03-05", "signature") and doc.locality.locality == "凤凰县"
    assert [p["text"] for p in doc.paragraphs] == ["".join(lines[3:5])]
    reasons = {row["line"]: row["reason"] for row in doc.log}
    assert [reasons[n] for n in (1, 2, 8, 9, 10)] == ["red-head banner", "document number", "disclosure note", "distribution list", "printing line"]


def test_a_date_line_with_a_year_and_a_month_gives_the_month():
    """（二〇一二年十二月） under a title and 二〇一二年十二月 as a signature are date lines: they
    date the document by its month (its year before a year in the title, which may be the year
    reviewed), not a title's part or a section; a web page's posting day does not outrank them,
    the document's own day does."""
    lines = ["关于2011年全县农村工作的总结", "（二〇一二年一月）", "去年以来，全县农业农村工作取得新成效，粮食总产达到68万吨，农民人均纯收入增长12%。"]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert (doc.title, doc.date, doc.year, doc.year_source) == ("关于2011年全县农村工作的总结", "2012-01", "2012", "title block")
    signed = lines[:1] + lines[2:] + ["县农业局", "二〇一二年元月"]
    doc = process_document("b.txt", RawText(signed, "utf-8"), P, T2S, Gazetteer.default())
    assert (doc.date, doc.year, doc.year_source) == ("2012-01", "2012", "signature") and {row["line"]: row["status"] for row in doc.log}[4] == "metadata"
    doc = process_document("c.html", RawText(signed, "html (utf-8)", {"date": "2012-02-20"}), P, T2S, Gazetteer.default())
    assert (doc.date, doc.date_source) == ("2012-01", "signature")
    doc = process_document("d.txt", RawText(lines[:2] + ["——2012年1月10日在县委农村工作会议上"] + lines[2:], "utf-8"), P, T2S, Gazetteer.default())
    assert doc.date == "2012-01-10"


def test_a_breadcrumb_cut_into_lines_is_no_title_and_a_byline_beats_the_pages_poster():
    """An old page's breadcrumb cut into lines (您现在的位置： / 首页 / >> / 政务公开 / >> 政府工作报告)
    stands above the title, and the speaker's byline is the author, not the page's 作者：县政府办."""
    lines = ["您现在的位置：", "首页", ">>", "政务公开", ">> 政府工作报告", "政府工作报告", "——2007年2月12日在临武县第十四届人民代表大会第六次会议上",
             "县长 曹某某", "作者：县政府办 来源：临武县人民政府 发布时间：2007-2-16 10:23:45", "各位代表：",
             "现在，我代表县人民政府，向大会报告工作，请予审议，并请县政协委员和其他列席人员提出意见。"]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert (doc.title, doc.author, doc.date) == ("政府工作报告", "曹某某（县长）", "2007-02-12")
    assert {row["line"]: row["reason"] for row in doc.log}[5] == "breadcrumb"


def test_closing_lines_interjections_spaced_names_and_a_wrapped_dateline():
    """A speech's （全场热烈鼓掌） on its own line heads nothing; lines after the last text are
    closing lines (述职人：王建军 gives the author); a typeset 谭　勇 is 谭勇; a dateline wrapped over
    two lines is no part of the title."""
    lines = ["政府工作报告", "——2015年1月8日在宁乡县第十六届人民代表大会", "第五次会议上", "县长  谭　勇", "一、突出重点",
             "今年要重点抓好三件事：第一，抓项目；第二，抓产业；第三，抓民生。", "（全场热烈鼓掌）", "我再强调一下，项目是经济发展的生命线，各级各部门一定要高度重视。",
             "述职人：王建军"]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert (doc.title, doc.author, doc.date) == ("政府工作报告", "谭勇（县长）", "2015-01-08")
    assert {p["section"] for p in doc.paragraphs} == {"一、突出重点"}
    log = {row["line"]: (row["status"], row["reason"]) for row in doc.log}
    assert log[3] == ("metadata", "date line (continued)") and log[9] == ("metadata", "header fields")  # (述职人：, an author's key)
    doc = process_document("b.txt", RawText(lines[4:], "utf-8"), P, T2S, Gazetteer.default())
    assert doc.author == "王建军"


@pytest.mark.parametrize("parts,title", [
    # a long line wrapped in the middle of its phrase: one title, no space
    (["霞浦县2023年巩固拓展脱贫攻坚成果", "同乡村振兴有效衔接工作总结"], "霞浦县2023年巩固拓展脱贫攻坚成果同乡村振兴有效衔接工作总结"),
    (["中共某某县委关于进一步加强基层", "党组织建设的意见"], "中共某某县委关于进一步加强基层党组织建设的意见"),
    # lines of a slogan, a title and its subtitle, a short first line: kept apart
    (["牢记嘱托 感恩奋进", "为奋力谱写中国式现代化湖南篇章贡献澧县力量"], "牢记嘱托 感恩奋进 为奋力谱写中国式现代化湖南篇章贡献澧县力量"),
    (["凝心聚力谋发展奋勇争先开新局", "在全县经济工作会议上的讲话"], "凝心聚力谋发展奋勇争先开新局 在全县经济工作会议上的讲话"),
    (["政府工作", "报告"], "政府工作 报告"),
    (["凝心聚力谋发展奋勇争先开新局", "县委书记王建勋在全县经济工作会议上的讲话"], "凝心聚力谋发展奋勇争先开新局 县委书记王建勋在全县经济工作会议上的讲话"),
    (["奋力谱写中国式现代化湖南篇章", "澧县2023年政府工作报告"], "奋力谱写中国式现代化湖南篇章 澧县2023年政府工作报告"),
    (["奋力谱写中国式现代化湖南篇章", "中共澧县县委关于加强基层党建的意见"], "奋力谱写中国式现代化湖南篇章 中共澧县县委关于加强基层党建的意见"),
])
def test_title_lines_join_as_written(parts, title):
    assert join_title(parts) == title


def test_a_study_tour_report_is_its_issuers():
    """A 考察学习 report, issued by a county's office under its title and signed by it, is that
    county's, not the county it visited and names most."""
    lines = ["关于赴浙江省安吉县考察学习情况的报告", "中共留坝县委办公室", "县委、县政府：",
             "5月13日至17日，我县考察团赴安吉县考察学习。现将有关情况报告如下：",
             "安吉县坚持生态立县，安吉县竹产业产值全国领先，安吉县接待游客2500余万人次。",
             "留坝县森林覆盖率达到90.8%，我县要学习安吉县经验，推动全域旅游发展。", "中共留坝县委办公室", "2019年5月24日"]
    doc = process_document("report.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert (doc.locality.locality, doc.locality.province, doc.issuer, doc.date) == ("留坝县", "陕西省", "中共留坝县委办公室", "2019-05-24")
    assert "issuer×2" in doc.locality.evidence
    # signed only at the end, it is still the signer's
    doc = process_document("report.txt", RawText([lines[0], *lines[2:]], "utf-8"), P, T2S, Gazetteer.default())
    assert doc.locality.locality == "留坝县" and doc.issuer == "中共留坝县委办公室"


def test_issuers_that_sign_and_closing_lines_that_do_not():
    """The first body to sign is the issuer (a forwarded notice's signer is another's); a body
    named at the end of a page with no date under it (a related link, a newsroom) signs nothing;
    a branch office named by a unit the gazetteer cannot read there says nothing of its city."""
    run = lambda lines: process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())  # noqa: E731
    forwarded = run(["长兴县人民政府办公室关于转发湖州市人民政府办公室关于加强防汛工作的通知的通知", "各乡镇人民政府、街道办事处，县政府各部门：",
                     "现将《湖州市人民政府办公室关于加强防汛工作的通知》转发给你们，请认真贯彻执行。", "长兴县人民政府办公室", "2023年5月8日",
                     "湖州市人民政府办公室关于加强防汛工作的通知", "各区县人民政府，市政府各部门：",
                     "为切实做好今年防汛工作，确保人民群众生命财产安全，现就有关事项通知如下。", "一、提高思想认识",
                     "各地各部门要充分认识防汛工作的重要性，压实责任，加强值守。", "湖州市人民政府办公室", "2023年5月6日"])
    assert (forwarded.issuer, forwarded.locality.locality) == ("长兴县人民政府办公室", "长兴县")
    assert "湖州市 (title×1, body×3; weight 4.0)" in forwarded.locality.evidence  # the attached notice's signer not counted
    body = ["近日，县政府召开常务会议，研究部署春季农业生产和重点项目建设工作。", "会议要求，全县上下要抓好春耕备耕，加快推进重点项目建设。"]
    for closing in (["相关链接", "浙江省人民政府", "湖州市人民政府"], ["来源 湖州市融媒体中心"], ["湖州市融媒体中心"]):
        news = run(["长兴县召开县政府常务会议", *body, *closing])
        assert (news.issuer, news.locality.locality) == ("", "长兴县") and "issuer" not in news.locality.evidence
    summary = ["2023年工作总结", "今年以来，我局认真贯彻落实县委县政府决策部署，各项工作取得明显成效。", "全县空气质量优良率达到88.5%，县域水质稳步提升。"]
    branch = run([*summary, "湖州市公安局吴兴分局", "2024年1月5日"])
    assert (branch.issuer, branch.locality.locality) == ("湖州市公安局吴兴分局", "") and "issuer" not in branch.locality.evidence
    # two bodies signing together, right above the date: both, the first the issuer
    town = run([*summary, "中共彭州市丽春镇委员会", "彭州市丽春镇人民政府", "2024年1月8日"])
    assert town.issuer == "中共彭州市丽春镇委员会" and "彭州市 (issuer×2" in town.locality.evidence


def test_a_wrapped_line_without_a_comma_at_a_page_break_is_text():
    text = ("今年以来，我县坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大和二十届二中全会精神，"
            "深入贯彻落实习近平总书记考察浙江重要讲话精神和省委省政府市委市政府决策部署持续推动经济社会高质量发展，"
            "全县经济运行稳中有进、稳中向好，各项工作取得新成效，人民群众获得感幸福感安全感不断增强，社会大局保持和谐稳定。")
    other = ("过去一年，是全县发展进程中极不平凡的一年。在市委、市政府和县委的坚强领导下，我们坚持以习近平新时代中国特色社会主义"
             "思想为指导，全面贯彻党的二十大精神，高效统筹疫情防控和经济社会发展，全县经济运行稳中有进、稳中向好。全年实现地区生产"
             "总值658.3亿元，增长4.1%；一般公共预算收入72.6亿元，同口径增长5.2%；城乡居民人均可支配收入分别达到74215元和45130元，"
             "分别增长3.8%和6.1%。")
    wrap = lambda t: [t[i : i + 34] for i in range(0, len(t), 34)]  # noqa: E731
    for cut in (2, 3):
        lines = ["德清县人民政府工作报告", "", *wrap(other), *wrap(text)[:cut], "-1-", *wrap(text)[cut:], "", "-2-"]
        doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
        assert "省委省政府市委市政府决策部署持续推动经济社会高质量发展" in "".join(p["text"] for p in doc.paragraphs)
        assert not any(row["reason"].startswith("running header") for row in doc.log)


def test_a_social_media_posts_furniture_is_left_out():
    """A post copied from a WeChat account: its calls to follow and share, its emoji and its list
    of earlier posts are no text; its title (ending in a quoted name), source and byline are read."""
    post = ["点击蓝字 关注我们", "一季度恩施市经济实现“开门红”🎉", "👆👆点击上方“恩施市发布”关注我们", "",
            "今年一季度，恩施市地区生产总值完成98.6亿元，同比增长6.2%，主要经济指标实现“开门红”。📈",
            "下一步，恩施市将紧盯全年目标任务，抓项目、稳增长、促消费、优环境，奋力夺取二季度“双过半”。💪", "",
            "往期推荐", "▶恩施市召开2023年优化营商环境大会", "▶@恩施人，这份春季出行指南请收好！", "",
            "来源：恩施市融媒体中心", "记者：谭晓明 通讯员：向丽", "编辑：田甜", "", "阅读原文", "分享 收藏 点赞 在看"]
    doc = process_document("post.txt", RawText(post, "utf-8"), P, T2S, Gazetteer.default())
    assert (doc.title, doc.author, doc.locality.locality) == ("一季度恩施市经济实现“开门红”", "谭晓明", "恩施市")
    assert [p["text"][-6:] for p in doc.paragraphs] == ["“开门红”。", "“双过半”。"]  # no emoji, no links
    status = {row["line"]: row for row in doc.log}
    assert [status[n]["status"] for n in (1, 3, 8, 9, 10, 16, 17)] == ["boilerplate"] * 7
    assert status[9]["reason"] == "a link under 往期推荐" and status[13]["status"] == "metadata"
    # a list of links holding sentences, or with no blank line before the text, is text
    body = post[4:6]
    for tail in (["相关链接", "一、政策解读", "二、办事指南", "全市将继续抓项目稳增长。", "下一步将持续优化营商环境。"],
                 ["推荐阅读", "《关于进一步优化营商环境的若干措施》", "各乡镇、各部门要认真组织学习。"]):
        doc = process_document("a.txt", RawText(body + [""] + tail, "utf-8"), P, T2S, Gazetteer.default())
        assert tail[-1] in "".join(p["text"] for p in doc.paragraphs)
    # a list of links with text below it is text
    doc = process_document("a.txt", RawText(post[4:6] + ["", "相关阅读", "▶恩施市召开2023年优化营商环境大会", "",
                                                         "会议强调，要持续优化营商环境，推动恩施市经济高质量发展，全力以赴完成全年目标任务。"], "utf-8"),
                           P, T2S, Gazetteer.default())
    assert any("优化营商环境大会" in p["text"] or "优化营商环境大会" in p["section"] for p in doc.paragraphs)


def test_a_meeting_line_without_a_date_is_no_title():
    lines = ["政府工作报告", "——在会宁县第十七届人民代表大会第六次会议上", "会宁县人民政府县长 马立新", "",
             "各位代表：", "现在，我代表县人民政府向大会报告工作，请予审议，并请县政协委员和其他列席人员提出意见。"]
    doc = process_document("县政府工作报告_2016.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert (doc.title, doc.year, doc.locality.locality) == ("政府工作报告", "2016", "会宁县")
    assert {row["line"]: row["reason"] for row in doc.log}[2] == "meeting line (no date)"
    # with no other title it is the title: it says what the text is
    doc = process_document("a.txt", RawText(lines[1:], "utf-8"), P, T2S, Gazetteer.default())
    assert doc.title == "——在会宁县第十七届人民代表大会第六次会议上"
    # nor is a subtitle naming the meeting a speech or a report was given at: the title is the same
    # whether the subtitle says what the text is or not (the meeting stays in the log, and names the place)
    for subtitle in ("——在全县经济工作会议上的讲话", "——在中共会宁县纪律检查委员会第十四次全体会议上的工作报告", "（在全县经济工作会议上的讲话）"):
        doc = process_document("a.txt", RawText(["凝心聚力 奋勇争先", subtitle, *lines[3:]], "utf-8"), P, T2S, Gazetteer.default())
        assert doc.title == "凝心聚力 奋勇争先" and {row["line"]: row["reason"] for row in doc.log}[2] == "meeting line (no date)", subtitle
    doc = process_document("a.txt", RawText(["凝心聚力 奋勇争先", "——在全县经济工作会议上的讲话（摘要）", *lines[3:]], "utf-8"), P, T2S, Gazetteer.default())
    assert doc.title == "凝心聚力 奋勇争先"
    # the body that issues it, under the meeting, is its issuer, not more title
    doc = process_document("a.txt", RawText(["凝心聚力 奋勇争先", "——在全县经济工作会议上的讲话", "中共会宁县委", *lines[3:]], "utf-8"), P, T2S, Gazetteer.default())
    assert (doc.title, doc.issuer) == ("凝心聚力 奋勇争先", "中共会宁县委")
    # a title that is the speech (no dash) is the title
    doc = process_document("a.txt", RawText(["在全县经济工作会议上的讲话", *lines[2:]], "utf-8"), P, T2S, Gazetteer.default())
    assert doc.title == "在全县经济工作会议上的讲话"


def test_a_notice_and_the_document_it_attaches():
    """A notice's list of attachments is no text; the attached document below its bare 附件
    heading starts a section of its own, its title."""
    lines = ["遵义市人民政府办公室关于印发《遵义市2023年优化营商环境工作要点》的通知",
             "《遵义市2023年优化营商环境工作要点》已经市人民政府同意，现印发给你们，请结合实际认真抓好贯彻落实。", "",
             "附件：1.遵义市2023年优化营商环境工作要点", "2.遵义市2023年营商环境重点任务清单", "", "遵义市人民政府办公室", "2023年3月20日", "",
             "附件", "", "遵义市2023年优化营商环境工作要点", "",
             "为深入贯彻落实党中央、国务院和省委、省政府关于优化营商环境的决策部署，结合我市实际，制定本工作要点。"]
    doc = process_document("notice.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    status = {row["line"]: (row["status"], row["reason"]) for row in doc.log}
    assert status[4] == status[5] == ("metadata", "a notice's list of attachments")
    # the issuing body above the title, as official documents set it, is the issuer, and the title's first part (GB/T 9704: issuer,
    # 关于, matter and kind, 遵义市人民政府办公室关于印发…的通知)
    above = process_document("notice.txt", RawText(["遵义市人民政府办公室", "关于印发《遵义市2023年优化营商环境工作要点》的通知", *lines[1:]], "utf-8"),
                             P, T2S, Gazetteer.default())
    assert (above.title, above.issuer) == ("遵义市人民政府办公室关于印发《遵义市2023年优化营商环境工作要点》的通知", "遵义市人民政府办公室")
    # …a prefecture's 行政公署 (a 地区's government) too
    xingshu = process_document("report.txt", RawText(["大兴安岭地区行政公署", "关于2003年森林防火工作情况的报告", "省人民政府：",
                                                      "2003年，地区行署认真贯彻落实全国森林防火工作会议精神，全区没有发生重大森林火灾。"], "utf-8"),
                               P, T2S, Gazetteer.default())
    assert (xingshu.title, xingshu.issuer, xingshu.locality.locality) == ("大兴安岭地区行政公署关于2003年森林防火工作情况的报告", "大兴安岭地区行政公署", "大兴安岭地区")
    assert (doc.date, doc.issuer) == ("2023-03-20", "遵义市人民政府办公室")
    assert [(p["section"], p["text"][:5]) for p in doc.paragraphs] == [("", "《遵义市2"), ("遵义市2023年优化营商环境工作要点", "为深入贯彻")]
    # the attached document's own outline (一、总体要求) is not more of the list
    plan = process_document("notice.txt", RawText([lines[0], lines[1], "附件：遵义市2023年优化营商环境工作方案", "一、总体要求",
                                                   "以习近平新时代中国特色社会主义思想为指导，持续优化营商环境。", "二、主要任务",
                                                   "深化“放管服”改革，提升政务服务效能，全面推行“一网通办”。"], "utf-8"), P, T2S, Gazetteer.default())
    assert [p["section"] for p in plan.paragraphs[1:]] == ["一、总体要求", "二、主要任务"]
    # a sentence that begins with 附件 is text
    doc = process_document("a.txt", RawText(["附件：本办法所称营商环境，是指市场主体在市场经济活动中所涉及的体制机制性因素和条件。",
                                             "请各单位结合实际，认真抓好贯彻落实。"], "utf-8"), P, T2S, Gazetteer.default())
    assert doc.paragraphs[0]["text"].startswith("附件：本办法所称营商环境")


def test_a_report_on_one_line_keeps_its_title_dateline_and_speaker():
    """A crawl that lost the line breaks: the title, the dateline with its speaker and the report
    on one physical line are read as where the lines were kept."""
    line = ("成都市武侯区人民政府关于2023年上半年工作情况的报告 ——2023年7月25日在成都市武侯区第十九届人民代表大会常务委员会第十三次会议上 "
            "武侯区人民政府区长　刘思远 主任、各位副主任、秘书长、各位委员：受区人民政府委托，现将我区2023年上半年工作情况报告如下，请予审议。"
            "今年以来，全区经济运行稳中向好，地区生产总值同比增长6.8%，规模以上工业增加值增长7.2%。")
    doc = process_document("a.txt", RawText([line], "utf-8"), P, T2S, Gazetteer.default())
    assert (doc.title, doc.date, doc.author, doc.locality.locality) == (
        "成都市武侯区人民政府关于2023年上半年工作情况的报告", "2023-07-25", "刘思远（武侯区人民政府区长）", "武侯区")
    assert doc.paragraphs[0]["text"].startswith("主任、各位副主任") and [row["status"] for row in doc.log] == ["metadata", "metadata", "kept"]
    # a first line that is a sentence with a dash in it is left whole
    doc = process_document("a.txt", RawText(["全年实现地区生产总值658.3亿元——2023年增长4.1%，一般公共预算收入72.6亿元，同口径增长5.2%。"], "utf-8"),
                           P, T2S, Gazetteer.default())
    assert doc.title == "" and len(doc.paragraphs) == 1


def test_a_press_conference_header_and_its_turns():
    """发布地点/主持人/发布人 above the text are its header, not its title or a paragraph; below
    the first line of text, or holding a sentence, 主持人：… is a turn. A speaker's label opens
    the answer it stands above: the reporter's short question before it stays apart."""
    lines = ["婺源县2023年一季度经济运行情况新闻发布会", "发布时间：2023-05-12 10:30", "发布地点：县行政中心四楼新闻发布厅",
             "主持人：县委宣传部副部长、县政府新闻办主任 汪丽萍", "发布人：副县长 俞建国；县发展和改革委员会主任 程晓峰", "",
             "主持人 汪丽萍：", "各位媒体朋友，大家上午好！欢迎出席婺源县2023年一季度经济运行情况新闻发布会。",
             "副县长 俞建国：", "一季度，全县地区生产总值完成56.8亿元，同比增长5.6%，增速高于全市平均水平0.4个百分点。",
             "江西日报记者：", "请问县里在稳投资方面有哪些新的打算？", "县发展和改革委员会主任 程晓峰：",
             "谢谢提问。一是加快项目建设，全年安排重点项目126个，年度计划投资168亿元；二是强化要素保障。",
             "主持人：感谢各位发布人，今天的发布会到此结束。"]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    assert (doc.title, doc.date, doc.locality.locality) == ("婺源县2023年一季度经济运行情况新闻发布会", "2023-05-12", "婺源县")
    reasons = {row["line"]: (row["status"], row["reason"]) for row in doc.log}
    assert [reasons[i] for i in (3, 4, 5)] == [("metadata", "header fields")] * 3
    texts = [p["text"] for p in doc.paragraphs]
    assert texts[2] == "江西日报记者：请问县里在稳投资方面有哪些新的打算？"
    assert texts[3].startswith("县发展和改革委员会主任 程晓峰：谢谢提问。")
    assert reasons[15][0] != "metadata" and texts[-1].endswith("主持人：感谢各位发布人，今天的发布会到此结束。")  # (short: it joins the turn before)
    # a header's offices and names may hold a comma; a turn above the text holds a clause
    for header in ("主持人：县委宣传部副部长，县政府新闻办主任 汪丽萍", "出席嘉宾：县发改委主任程晓峰，县统计局局长李华"):
        doc = process_document("a.txt", RawText(lines[:3] + [header] + lines[4:], "utf-8"), P, T2S, Gazetteer.default())
        assert {row["line"]: row["reason"] for row in doc.log}[4] == "header fields" and doc.paragraphs[0]["text"].startswith("主持人 汪丽萍：各位")
    # a meeting's place and who attended, above a transcript, are its header too
    meeting = ["兴安盟2024年重点项目建设推进会会议实录", "时间：二〇二四年三月十二日上午", "地点：盟行政中心一楼会议室", "参会人员：各旗县市政府主要负责同志",
               "主持人：盟委副书记、盟长 包云峰", "", "主持人：同志们，现在开会。今天召开全盟重点项目建设推进会。"]
    doc = process_document("a.txt", RawText(meeting, "utf-8"), P, T2S, Gazetteer.default())
    assert doc.title == "兴安盟2024年重点项目建设推进会会议实录"
    assert [r["reason"] for r in doc.log if r["line"] in (3, 4, 5)] == ["header fields"] * 3
    doc = process_document("a.txt", RawText(lines[:1] + ["主持人：同志们，现在开会", lines[9]], "utf-8"), P, T2S, Gazetteer.default())
    assert doc.paragraphs[0]["text"].startswith("主持人：同志们，现在开会")
    # a label goes with its answer where the answer opens a list (一是…), and a short 谢谢！ is not lost
    qa = ["问：下一步有何打算？", "答：", "一是加快项目建设，全年安排重点项目126个，年度计划投资168亿元；二是强化要素保障，优化审批服务。", "谢谢！",
          "记者：", "请问县里在稳投资方面有哪些新的打算？下一步将如何推进重点项目建设工作？"]
    texts = [p["text"] for p in process_document("a.txt", RawText(lines[:1] + qa, "utf-8"), P, T2S, Gazetteer.default()).paragraphs]
    assert texts[0] == "问：下一步有何打算？" and texts[1].startswith("答：一是加快项目建设") and texts[1].endswith("谢谢！")
    # a first line of text that is a turn, with its sentence, is no header
    doc = process_document("a.txt", RawText(lines[:1] + ["主持人：各位媒体朋友，大家上午好！欢迎出席今天的新闻发布会。"] + lines[9:10], "utf-8"),
                           P, T2S, Gazetteer.default())
    assert doc.paragraphs[0]["text"].startswith("主持人：各位媒体朋友")


def test_a_glossary_term_opens_its_definition():
    """A report's glossary, each term on a line ending in a colon above its definition: a short
    definition stays with its own term, not with the next term (which used to end its paragraph)."""
    lines = ["名词解释", "1.“双高计划”：", "是“中国特色高水平高职学校和专业建设计划”的简称，由教育部和财政部联合实施，旨在建设一批高水平学校和高水平专业群。",
             "2.“四好农村路”：", "指建好、管好、护好、运营好农村公路。", "3.“双一流”：", "指世界一流大学和一流学科。"]
    doc = process_document("a.txt", RawText(lines, "utf-8"), P, T2S, Gazetteer.default())
    texts = [p["text"] for p in doc.paragraphs]
    assert texts[1].startswith("2.“四好农村路”：指建好、管好、护好、运营好农村公路。")  # (the last, short, joins it: no term after it)
    assert not any(t.endswith("：") for t in texts)


def test_a_cover_page_gives_the_title_once_and_its_byline():
    """A meeting paper's cover (大会文件, （1）, the session on two lines, its date, the title, the
    office above the name) and the first page repeating the title letter-spaced: one title, the
    author with the office, the labels and the session as metadata; and a paper's handling
    marks and page labels are never title."""
    cover = ["大会文件", "（1）", "", "厦门市集美区第十八届人民代表大会", "第二次会议", "", "2023年1月10日", "", "政府工作报告", "", "区长", "郑荣辉", "",
             "政 府 工 作 报 告", "——2023年1月10日在厦门市集美区第十八届", "人民代表大会第二次会议上", "集美区人民政府区长　郑荣辉", "各位代表：",
             "现在，我代表集美区人民政府，向大会报告工作，请予审议，并请区政协委员和其他列席人员提出意见。"]
    doc = process_document("a.docx", RawText(cover, "docx"), P, T2S, Gazetteer.default())
    assert (doc.title, doc.author, doc.date, doc.locality.locality) == ("政府工作报告", "郑荣辉（区长）", "2023-01-10", "集美区")
    reasons = {r["line"]: r["reason"] for r in doc.log}
    assert (reasons[1], reasons[2], reasons[4], reasons[5], reasons[11]) == (
        "meeting paper label", "paper number", "meeting line (no date)", "meeting line (no date)", "byline (office above the name)")
    # the marks and the labels a paper carries on every page, and the office and name on one line
    paper = ["内部资料　注意保存", "全区经济工作会议文件之二", "在全区经济工作会议上的讲话", "市 长 崔永辉", "同志们：",
             "这次全区经济工作会议的主要任务是：认真贯彻中央经济工作会议精神，总结去年工作，安排部署今年的经济工作。"]
    doc = process_document("a.txt", RawText(paper, "utf-8"), P, T2S, Gazetteer.default())
    assert (doc.title, doc.author) == ("在全区经济工作会议上的讲话", "崔永辉（市长）")
    # a title under a site's headline that contains it is said once
    assert join_title(["(河南省)许昌市魏都区2022年政府工作报告", "2022年政府工作报告", "政 府 工 作 报 告"]) == "(河南省)许昌市魏都区2022年政府工作报告"
    assert join_title(["牢记嘱托 感恩奋进", "为奋力谱写中国式现代化湖南篇章贡献澧县力量"]) == "牢记嘱托 感恩奋进 为奋力谱写中国式现代化湖南篇章贡献澧县力量"


def test_a_catalogue_with_letter_spaced_keys_and_a_long_notice_title():
    """A portal's 信息公开 catalogue aligns its keys with blanks (索 引 号：, 文　　号：): header
    fields, not the title; the notice's own title, longer than a heading, is the title."""
    notice = ["索 引 号：11152500011566085X/2017-00143", "发布机构：锡林郭勒盟行政公署办公室", "生成日期：2017-06-12", "文　　号：锡署办发〔2017〕56号", "",
              "锡林郭勒盟行政公署办公室关于印发锡林郭勒盟推进“互联网+政务服务”工作实施方案的通知", "", "各旗县市（区）人民政府，盟行署各委办局：",
              "经盟行署同意，现将《锡林郭勒盟推进“互联网+政务服务”工作实施方案》印发给你们，请结合实际，认真贯彻执行。", "锡林郭勒盟行政公署办公室", "2017年6月12日"]
    doc = process_document("a.txt", RawText(notice, "utf-16"), P, T2S, Gazetteer.default())
    assert doc.title == "锡林郭勒盟行政公署办公室关于印发锡林郭勒盟推进“互联网+政务服务”工作实施方案的通知"
    assert [r["reason"] for r in doc.log if r["line"] in (1, 4)] == ["header fields"] * 2
    assert (doc.date, doc.locality.locality) == ("2017-06-12", "锡林郭勒盟")


def test_news_of_a_leaders_visit_is_the_leaders_units():
    """A governor's visit to a county (冯立军在琼中调研时强调, 省长冯立军 in the body) is the
    province's news however often the county is named; the same text without the visit is the
    county's, and a 市委书记's visit to a village of a county-level city stays with that city."""
    body = ["6月8日，省长冯立军到琼中黎族苗族自治县调研热带雨林国家公园建设。他强调，要守护好热带雨林这一海南最宝贵的生态资源。",
            "在红毛镇什寒村，冯立军了解琼中生态搬迁群众的就业情况。琼中近年来发展起乡村民宿。", "冯立军听取琼中黎族苗族自治县工作汇报，要求琼中走好生态惠民路。"]
    doc = process_document("a.txt", RawText(["冯立军在琼中调研时强调：守护好热带雨林 走好生态惠民路", *body], "utf-8"), P, T2S, Gazetteer.default())
    assert (doc.locality.locality, doc.locality.level) == ("海南省", "province") and "a visit of the 省长" in doc.locality.evidence
    doc = process_document("a.txt", RawText(["琼中守护好热带雨林 走好生态惠民路", *body], "utf-8"), P, T2S, Gazetteer.default())
    assert doc.locality.locality == "琼中黎族苗族自治县"
    village = ["市委书记陈勇到大站镇调研乡村振兴工作", "3月2日，英德市委书记陈勇到大站镇调研。陈勇强调，英德市要抓好乡村振兴。英德市各镇要加快产业发展。"]
    doc = process_document("a.txt", RawText(village, "utf-8"), P, T2S, Gazetteer.default())
    assert doc.locality.locality == "英德市"


def test_a_page_naming_places_only_in_passing_is_located_by_its_site():
    """A township's speech on its county's site that names only its neighbours, once each
    (昌平区, 河北省怀来县): the site's owner (延庆县, now 延庆区) locates it, as it does a text naming
    no place; a county's news on its city's site still does not go to the city."""
    body = ["同志们：这次会议的主要任务是总结八达岭镇2011年工作，部署2012年任务。", "全镇上下认真落实县委、县政府的决策部署，镇域经济稳步增长。",
            "我们与昌平区南口镇、河北省怀来县加强旅游合作，八达岭长城接待游客突破千万人次。", "全镇干部要以更加饱满的精神状态做好今年各项工作。"]
    meta = {"title": "在八达岭镇2012年工作会议上的讲话"}
    footer = ["版权所有：中共北京市延庆县委办公室 北京市延庆县人民政府办公室"]
    doc = process_document("a.html", RawText(body, "html (utf-8)", meta, footer), P, T2S, Gazetteer.default())
    assert (doc.locality.locality, doc.locality.province) == ("延庆区", "北京市")
    doc = process_document("a.txt", RawText(body, "utf-8"), P, T2S, Gazetteer.default())
    assert doc.locality.passing and doc.locality.locality != "延庆区"  # (no site: the text alone)
    # …but a page saved as text keeps its site's header and footer, which locate it as the page's do
    page = ["延庆区人民政府门户网站", "首页 | 政务公开 | 网上办事 | 走进延庆", "", "在八达岭镇2012年工作会议上的讲话", *body, "",
            "主办：北京市延庆县人民政府办公室   京ICP备05000712号"]
    assert process_document("a.txt", RawText(page, "utf-8"), P, T2S, Gazetteer.default()).locality.locality == "延庆区"
    # (a county-level city's site, for a township's text: 乌镇镇 under 桐乡市)
    town = ["桐乡市人民政府门户网站", "首页 | 政务公开 | 走进桐乡", "政府工作报告", "镇长　沈国良", "各位代表：现在，我代表镇人民政府向大会报告工作。",
            "全镇上下与湖州市南浔区练市镇、苏州市吴江区桃源镇加强合作，旅游收入稳步增长。", "主办：桐乡市人民政府办公室   浙ICP备05000712号"]
    assert process_document("a.txt", RawText(town, "utf-8"), P, T2S, Gazetteer.default()).locality.locality == "桐乡市"
    county = ["4月12日，县长主持召开县政府常务会议，研究部署全县近期重点工作。", "会议要求，全县各部门与郾城区加强协作，抓好落实。"]
    doc = process_document("a.html", RawText(county, "html (utf-8)", {"title": "常务会议_漯河市人民政府"}), P, T2S, Gazetteer.default())
    assert doc.locality.locality != "漯河市"


def test_an_official_documents_title_names_its_issuer():
    from pipeline.ingest import title_issuer

    assert title_issuer("思茅市人民政府关于加快普洱茶产业发展的意见") == "思茅市人民政府"
    assert title_issuer("解放碑街道办事处关于开展“门前三包”责任制专项整治行动的通知") == "解放碑街道办事处"
    assert [title_issuer(t) for t in ("关于加快发展的意见", "在全县经济工作会议上的讲话", "县委书记关于X的报告", "我县召开会议")] == [""] * 4
    notice = ["思茅市人民政府关于加快普洱茶产业发展的意见", "各县（区）人民政府，市直各部门：", "为加快普洱茶产业发展，现提出如下意见。", "二〇〇六年六月十二日"]
    doc = process_document("a.txt", RawText(notice, "utf-8"), P, T2S, Gazetteer.default())
    assert doc.issuer == "思茅市人民政府"


def test_what_the_cover_rules_leave_alone():
    """Lines a cover's rules must not take: a committee above its decision is its issuer, a title
    wrapped after its meeting keeps its meeting, a headline about an office-holder is no byline,
    a short wrapped tail stays in its title, an agenda's item and a study list stay text."""
    def doc(*lines):
        return process_document("a.txt", RawText(list(lines), "utf-8"), P, T2S, Gazetteer.default())

    d = doc("政协澧县第十届委员会", "", "关于表彰优秀提案的决定", "各位委员：经研究，决定对优秀提案予以表彰。")
    assert (d.title, d.issuer) == ("政协澧县第十届委员会关于表彰优秀提案的决定", "政协澧县第十届委员会")
    d = doc("中国共产党澧县第十四届委员会第五次全体会议", "公报", "中国共产党澧县第十四届委员会第五次全体会议于2023年12月20日在澧县召开。")
    assert d.title == "中国共产党澧县第十四届委员会第五次全体会议公报"
    assert doc("澧县第十八届人民代表大会第三次会议", "隆重开幕", "1月5日，澧县第十八届人民代表大会第三次会议在县会议中心隆重开幕。").title == \
        "澧县第十八届人民代表大会第三次会议 隆重开幕"
    for head, author in (("专访澧县县委书记王启武", "王启武（澧县县委书记）"), ("总书记金句", "")):
        d = doc(head, "习近平总书记指出，绿水青山就是金山银山，这是我们发展的根本遵循和行动指南。")
        assert (d.title, d.author) == (head, author)  # (the title, no byline: an interview is its interviewee's, by its title)
    d = doc("澧县人民政府办公室转发县财政局关于加强预算管理工作的通知的", "通知", "各乡镇人民政府，县直各单位：现将县财政局的通知转发给你们，请认真贯彻执行。")
    assert d.title == "澧县人民政府办公室转发县财政局关于加强预算管理工作的通知的通知"
    agenda = ["会议议程如下：", "一、听取和审议澧县人民政府关于2023年国民经济和社会发展计划执行情况与2024年计划草案的报告", "二、审查和批准关于澧县2023年预算执行情况和2024年预算草案的报告",
              "会议由县人大常委会主任主持，全体代表出席。"]
    d = doc("澧县第十八届人民代表大会第三次会议议程", *agenda)
    assert d.title == "澧县第十八届人民代表大会第三次会议议程" and "听取和审议澧县人民政府关于2023年" in d.paragraphs[0]["text"]
    d = doc("学习情况汇报", "主要学习以下内容：", "学习贯彻全会文件", "认真研读会议材料", "通过学习，大家进一步提高了政治站位，增强了做好工作的责任感。")
    assert "学习贯彻全会文件" in d.paragraphs[0]["text"] and "认真研读会议材料" in d.paragraphs[0]["text"]


def test_a_gazettes_contents_are_not_its_title():
    """Long document titles under a gazette's 目录 stay its text; the first line's long title of a notice is its title."""
    long = ["澧县人民政府关于印发澧县2023年重点民生实事项目和城乡基础设施建设项目实施方案的通知", "澧县人民政府办公室关于进一步加强全县安全生产和自然灾害防治工作责任落实的实施意见"]
    d = process_document("a.txt", RawText(["澧县人民政府公报", "2023年第3期", "目录", *long, "各乡镇人民政府：现将方案印发给你们，请认真组织实施。"], "utf-8"),
                         P, T2S, Gazetteer.default())
    assert long[0] not in d.title and long[0] in " ".join(p["text"] for p in d.paragraphs)
    d = process_document("a.txt", RawText([long[0], "各乡镇人民政府：现将方案印发给你们，请认真组织实施。"], "utf-8"), P, T2S, Gazetteer.default())
    assert d.title == long[0]


def test_what_the_township_and_site_rules_leave_alone():
    """A city's notice whose policy words hold a township's (健全乡规民约, 本乡（镇）, 安全街道) is no
    township's text; a county-level city's news on its prefecture's site, naming the city once,
    stays the city's; a township's speech that names its prefecture often and a county it visits
    once is not that county's; a title's issuer is a body's name only; a line about a site's
    location (该地块所在位置：…) is text."""
    def doc(lines, name="a.txt", enc="utf-8", meta=None, left=()):
        return process_document(name, RawText(list(lines), enc, meta or {}, list(left)), P, T2S, Gazetteer.default())

    notice = ["关于做好森林防火工作的通知", "各县（市、区）人民政府：", "3月份于都县发生一起森林火灾，教训深刻。", "各地要健全乡规民约，本乡（镇）范围内的林区要落实巡护责任，加强安全街道管理。",
              "市人民政府办公室", "2023年3月20日"]
    assert doc(notice).locality.locality != "于都县"
    assert doc(notice, "a.html", "html (utf-8)", {"title": "关于做好森林防火工作的通知_赣州市人民政府"}).locality.locality != "于都县"
    news = ["3月2日，瑞金市召开乡村振兴工作推进会，总结去年工作，部署今年任务。", "会议要求，全市各级各部门要压实责任，全市上下要抓好春耕生产。"]
    assert doc(news, "a.html", "html (utf-8)", {"title": "瑞金市召开乡村振兴工作推进会_赣州市人民政府"}).locality.locality == "瑞金市"
    town = ["在全镇经济工作会议上的讲话", "镇党委书记　李明", "同志们：今年以来，全镇上下在县委、县政府的坚强领导下，认真落实赣州市委、赣州市政府的部署。",
            "全镇经济平稳增长。我们赴瑞金市学习考察，借鉴先进经验。", "全镇干部要按照赣州市的要求抓好落实。"]
    assert doc(town).locality.locality != "瑞金市"
    from pipeline.ingest import title_issuer
    for title in ("关于转发市人民政府办公室关于做好春耕生产工作的通知的通知", "县人大常委会审议县人民政府关于环境状况报告的意见",
                  "政策解读 于都县人民政府关于加快发展的实施意见", "转发市人民政府办公室关于做好春耕生产工作的通知"):
        assert title_issuer(title) == "", title
    land = ["关于国有建设用地使用权挂牌出让的公告", "经县人民政府批准，县自然资源局决定挂牌出让一宗国有建设用地使用权，现将有关事项公告如下：",
            "该地块所在位置：贡江镇长征大道以东、建设路以北，出让面积12000平方米，用途为商业用地。"]
    assert "该地块所在位置" in " ".join(p["text"] for p in doc(land).paragraphs)
    assert doc(["全部手册已于2019年5月印制", "全县共发放宣传手册一万份，覆盖所有乡镇和村组。"]).log[0]["reason"] != "printing line"
    cover = ["向阳区人民政府工作报告", "", "向阳区区长", "张　三", "", "各位代表：现在，我代表区人民政府，向大会报告工作，请予审议。"]
    assert doc(cover).author == "张三（向阳区区长）"


def test_the_furniture_of_portals_papers_and_transcripts_is_no_title():
    """What stands above a headline on real pages and papers: a weather widget, a catalogue with
    letter-spaced keys, a 类别 line, an attachment's 附件 label, a breadcrumb cut into lines and a
    hit count, an e-paper's page label, a transcript's 出席 list and speaker labels; and the
    dates and authors such files give elsewhere (a month and day under a title with its year,
    a date in the file's name, 述职人：…)."""
    def doc(lines, name="a.txt", enc="utf-8", meta=None, left=()):
        return process_document(name, RawText(list(lines), enc, meta or {}, list(left)), P, T2S, Gazetteer.default())

    reply = ["宜昌 多云 24℃~31℃", "| 索 引 号： | 011171405/2015-04512 | 主题分类： | 教育 |", "| 名 称： | 关于市政协五届四次会议第156号提案的答复 | 发文日期： | 2015-06-30 |",
             "宜昌市教育局", "类别：B类 宜市教函〔2015〕28号", "关于市政协五届四次会议第156号提案的答复", "张委员：您提出的关于加强农村学校建设的提案收悉，现答复如下。"]
    d = doc(reply)
    assert (d.title, d.issuer) == ("关于市政协五届四次会议第156号提案的答复", "宜昌市教育局")
    assert doc(["附件", "2024年临泽县优化营商环境工作要点", "一、深化改革，持续优化政务服务环境。全面推行一网通办，政务服务事项网上可办率达到98%。"]).title == \
        "2024年临泽县优化营商环境工作要点"
    crumb = ["您现在的位置：", "首页", ">>", "领导之窗", ">>", "领导讲话", "在全市工业发展大会上的讲话", "文章来源：市政府办公室 发布时间：2011-2-18 9:32:15 点击数：",
             "2486", "市长 陈立峰", "同志们：这次全市工业发展大会是市委、市政府召开的一次重要会议。"]
    assert doc(crumb).title == "在全市工业发展大会上的讲话"
    paper = ["第A01版：要闻", "市政府召开第五次常务会议", "本报讯 3月5日，市政府召开第五次常务会议，研究部署一季度经济运行工作。"]
    assert doc(paper).title == "市政府召开第五次常务会议"
    talk = ["晋江市2025年为民办实事项目新闻发布会实录", "时间：2025年2月18日上午9:30", "出席：晋江市教育局局长　蔡明辉；晋江市卫生健康局副局长　吴丽娟", "",
            "【主持人　林雅琴】", "各位媒体朋友，大家上午好！欢迎参加晋江市政府新闻办举行的新闻发布会。"]
    d = doc(talk)
    assert d.title == "晋江市2025年为民办实事项目新闻发布会实录" and d.paragraphs[0]["section"] == "【主持人 林雅琴】"  # (the label heads its turn)
    # a heading in brackets that is no speaker's label stays a heading; 请假：… with its rules is text
    assert not TURN_LABEL.match("【记者手记】") and not TURN_LABEL.match("【问题】") and TURN_LABEL.match("【问】")
    d = doc(["考勤制度", "一、请假", "请假：职工请假须填写请假条；病假须附医院证明；", "二、记录", "记录：办公室负责考勤记录，每月公示；全体职工应当遵守。"])
    assert "职工请假须填写请假条" in " ".join(p["text"] for p in d.paragraphs)
    # a month and day under a title that gives the year; a date only in the file's name; 述职人：…
    d = doc(["在全市2015年安全生产工作会议上的讲话", "副市长 马卫东同志", "（3月12日）", "同志们：今天召开全市安全生产工作会议，主要任务是部署今年工作。"])
    assert (d.title, d.date) == ("在全市2015年安全生产工作会议上的讲话", "2015-03-12")
    d = doc(["在全县春季农业生产推进会上的讲话", "同志们：今天召开全县春季农业生产推进会，主要任务是部署春耕生产。"], name="20190305讲话.txt")
    assert (d.date, d.date_source) == ("2019-03-05", "file name")
    d = doc(["2011年度个人述职述廉报告", "一年来，我在县委、县政府的领导下，认真履行分管工作职责。", "述职人：郸城县人民政府副县长  张振东", "二○一一年十二月二十八日"])
    assert d.author == "张振东（郸城县人民政府副县长）"


def test_a_pages_headline_the_extraction_left_out_and_its_title_after_the_sites_name():
    """A page whose <title> is its site's name and whose headline the extraction left out: the
    left-out line above the article's 日期/来源 line is the headline (not the first <h3>, a section's
    一、…); a <title> that opens with the site's name and column, set off by blanks, gives its headline."""
    body = ["同志们：这次全区春季森林草原防火工作电视电话会议，是经自治区人民政府同意召开的。", "一、充分认清当前森林草原防火工作的严峻形势", "今冬以来，全区降水偏少，火险等级偏高。"]
    left = ["首页 | 政务公开 | 新闻中心", "格桑顿珠在全区春季森林草原防火工作电视电话会议上的讲话", "日期：2016/04/08 来源：自治区森林草原防火指挥部办公室",
            "主办：西藏自治区人民政府办公厅"]
    meta = {"title": "西藏自治区人民政府", "headings": "一、充分认清当前森林草原防火工作的严峻形势"}
    d = process_document("a.html", RawText(body, "html (utf-8)", meta, left), P, T2S, Gazetteer.default())
    assert d.title == "格桑顿珠在全区春季森林草原防火工作电视电话会议上的讲话"
    meta = {"title": "湖州市人民政府 政策解读 最高补贴100万元！青年人才“安家湖州”迎来新政"}
    d = process_document("a.html", RawText(["近日，湖州市人民政府办公室印发《若干意见》，自2022年7月1日起施行。"], "html (utf-8)", meta), P, T2S, Gazetteer.default())
    assert d.title == "最高补贴100万元！青年人才“安家湖州”迎来新政"


def test_more_furniture_above_a_headline():
    """A side column's dotted links, a gazette's name and issue with its column label, a paper's
    材料3, a site's name transliterated above its menu, an office's handling mark, a transcribed
    speech's note, a long transliterated name after its office: none is title."""
    def doc(lines, name="a.txt", enc="utf-8", meta=None):
        return process_document(name, RawText(list(lines), enc, meta or {}), P, T2S, Gazetteer.default())

    report = ["·安达市", "·肇东市", "·海伦市", "·望奎县", "政府工作报告", "——2008年1月17日在绥化市第三届人民代表大会第一次会议上", "各位代表：现在，我代表市人民政府，向大会报告工作，请予审议。"]
    assert doc(report).title == "政府工作报告"
    gazette = ["甘孜藏族自治州人民政府公报　　　　2016年第2期", "", "【州政府工作报告】", "", "政 府 工 作 报 告", "——2016年1月26日在甘孜藏族自治州第十一届人民代表大会",
               "第六次会议上", "州长　仁真多吉", "各位代表：现在，我代表州人民政府，向大会报告工作，请予审议。"]
    d = doc(gazette)
    assert (d.title, d.locality.locality) == ("政府工作报告", "甘孜藏族自治州")
    assert doc(["材料3", "在全市乡村振兴推进会议上的讲话", "同志们：今天召开全市乡村振兴推进会议，主要任务是部署今年工作。"]).title == "在全市乡村振兴推进会议上的讲话"
    notice = ["日喀则市人民政府  gzhis ka rtse grong khyer mi dmangs srid gzhung", "网站首页 | 走进日喀则市 | 政务公开 | 便民服务",
              "您的位置：首页 >> 政务公开 >> 市政府文件", "日喀则市人民政府关于印发《日喀则市2010年", "农牧民增收工作实施方案》的通知",
              "各乡（镇）人民政府，市直各部门：现将方案印发给你们，请认真贯彻执行。"]
    assert doc(notice).title == "日喀则市人民政府关于印发《日喀则市2010年农牧民增收工作实施方案》的通知"
    speech = ["（根据录音整理，未经本人审阅）", "玉树县人民政府办公室 内部资料", "在全县灾后重建暨2011年经济工作会议上的讲话", "旗长 图门吉日嘎拉",
              "同志们：今天召开全县灾后重建暨经济工作会议，主要任务是部署今年工作。"]
    d = doc(speech)
    assert (d.title, d.author) == ("在全县灾后重建暨2011年经济工作会议上的讲话", "图门吉日嘎拉（旗长）")


def test_what_the_portal_and_date_rules_leave_alone():
    """The third review's cases: each rule above kept to what it is for."""
    def doc(lines, name="a.txt", enc="utf-8", meta=None, left=()):
        return process_document(name, RawText(list(lines), enc, meta or {}, list(left)), P, T2S, Gazetteer.default())

    body = "同志们：今天召开会议，主要任务是总结去年工作，部署今年任务。"
    for crumb in ("所在位置：首页 > 政务公开 > 领导讲话", "你现在的位置：首页 > 政务公开", "当前所在位置：首页 > 新闻"):
        assert doc(["宁乡市人民政府", crumb, "在全市经济工作会议上的讲话", body]).title == "在全市经济工作会议上的讲话", crumb
    # a month and day take no year of a report under review, nor of a December
    for title, day in (("关于宁乡市2020年预算执行情况和2021年预算草案的报告", "（2月2日）"), ("宁乡市2015年度述职述廉报告", "（1月20日）"),
                       ("在全市2016年经济工作会议上的讲话", "（12月28日）")):
        assert doc([title, day, body]).date == "", title
    # a file's eight-digit date yields to another year (in the name or a year-and-month line); a period or version is none
    assert doc(["在全县经济工作会议上的讲话", body], name="2019_宁乡讲话_20230915.txt").year == "2019"
    assert doc(["在全县经济工作会议上的讲话", "（二〇一九年十二月）", body], name="讲话_20230915.txt").year == "2019"
    assert doc(["工作总结", body], name="20190101-20191231工作总结.txt").date == ""
    # the page's <h1> before a left-out sidebar line; a <title> that opens with its subject keeps it
    left = ["相关新闻", "我市举办2020年农民丰收节活动", "发布日期：2020-09-22"]
    meta = {"title": "宁乡市人民政府", "headings": "市政府召开第5次常务会议部署防汛工作"}
    assert doc([body], "a.html", "html (utf-8)", meta, left).title == "市政府召开第5次常务会议部署防汛工作"
    assert doc([body], "a.html", "html (utf-8)", {"title": "宁乡市政府 召开第5次常务会议"}).title == "宁乡市政府 召开第5次常务会议"
    # a township's short text, its title opened by its name, goes to the county it names with its organs
    town = ["花明楼镇2019年工作总结", "今年以来，我镇在宁乡市委、市政府的坚强领导下，全镇经济平稳增长。", "全镇干部群众团结奋斗，各项工作取得新成效。"]
    assert doc(town).locality.locality == "宁乡市"
    # a county's city named where the text went (赴瑞金市参观学习) does not keep a city's news off its site
    news = ["4月10日，我市召开一季度经济运行分析会，全市经济运行总体平稳。", "会后，与会人员赴瑞金市参观学习。"]
    assert doc(news, "a.html", "html (utf-8)", {"title": "我市召开一季度经济运行分析会_赣州市人民政府"}).locality.locality == "赣州市"
    assert [n for _, n, _ in Gazetteer.default().find("驻宁乡部队")] == ["宁乡"]
    # a breadcrumb's item follows a bare arrow only; 报告人：… in a rule is text; a printing line without a blank
    d = doc(["首页", "> 政务公开", "> 规划计划", "政府工作报告", "（2020年1月8日）", "宁乡市市长 张三", body])
    assert d.title == "政府工作报告"
    assert "应当如实报告" in " ".join(p["text"] for p in doc(["安全生产管理办法", "报告人：应当如实报告事故情况，不得隐瞒不报。", body]).paragraphs)
    assert doc(["政府工作报告", "宁乡市人民代表大会秘书处2020年1月印", body]).title == "政府工作报告"
    from pipeline.ingest import title_issuer
    assert title_issuer("宁乡市对口支援工作领导小组办公室关于做好2020年对口支援工作的通知") == "宁乡市对口支援工作领导小组办公室"
    # an event plan's 主办：… in a Word file is no site
    plan = ["2020年宁乡市全民健身运动会活动方案", "为丰富群众文化生活，我市将举办全民健身运动会。全市各单位要积极组织参赛。", "主办：长沙市人民政府", "承办：宁乡市人民政府"]
    assert doc(plan, "a.docx", "docx").locality.locality != "长沙市"


def test_menus_and_covers_set_apart_or_letter_spaced():
    """A breadcrumb without its key, a menu's row of words or of places, a column's name above a
    headline, a letter-spaced red head and cover label, a secretariat's 印 line: none is title."""
    def doc(lines, name="a.txt", enc="utf-8", meta=None):
        return process_document(name, RawText(list(lines), enc, meta or {}), P, T2S, Gazetteer.default())

    body = "同志们：今天召开会议，主要任务是总结去年工作，部署今年任务。"
    assert doc(["芜湖市人民政府 > 政务公开 > 领导讲话", "在全市优化营商环境大会上的讲话", body]).title == "在全市优化营商环境大会上的讲话"
    page = ["讲话文章", "活动报道", "阆中市 南部县 西充县", "仪陇县 营山县 蓬安县", "在全市招商引资工作会议上的讲话", body]
    assert doc(page, "a.html", "html (utf-8)").title == "在全市招商引资工作会议上的讲话"
    # (in a plain text, a row of places above the title is no menu; nor is a row of bodies, names or a slogan)
    assert doc(["长沙市 株洲市 湘潭市", "在全市招商引资工作会议上的讲话", body]).locality.locality
    for row in ("县委办 县政府办 县纪委 县委组织部 县委宣传部", "王建国 李明华 张伟 刘洋 陈静 赵丽", "富强 民主 文明 和谐 自由 平等", "申请 > 受理 > 审核 > 办结"):
        assert classify_line(row, 40).kind != "boilerplate", row
    assert doc(["首页 政务公开 领导讲话 投资南充 办事指南 互动交流", "在全市招商引资工作会议上的讲话", body]).title == "在全市招商引资工作会议上的讲话"
    assert doc(["巴 彦 淖 尔 盟 行 政 公 署 文 件", "巴彦淖尔盟行政公署关于进一步加强招商引资工作的通知", "各旗县区人民政府：现将有关事项通知如下。"]).title == \
        "巴彦淖尔盟行政公署关于进一步加强招商引资工作的通知"
    cover = ["海南省第六届人民代表大会第五次会议", "文\u3000件（1）", "", "政府工作报告", "", "——2022年1月20日在海南省第六届人民代表大会第五次会议上",
             "大会秘书处印", "各位代表：现在，我代表省人民政府，向大会报告工作，请予审议。"]
    assert doc(cover).title == "政府工作报告"
    # a slogan title in two words, or letter-spaced, stays title
    assert doc(["牢记嘱托 感恩奋进", body]).title == "牢记嘱托 感恩奋进"


def test_what_the_fourth_review_found():
    def doc(lines, name="a.txt", enc="utf-8", meta=None):
        return process_document(name, RawText(list(lines), enc, meta or {}), P, T2S, Gazetteer.default())

    body = "同志们：今天召开会议，主要任务是总结去年工作，部署今年任务。"
    # a bullet list in the body under its lead-in is text
    d = doc(["政府工作报告", body, "过去一年，我们办成了以下大事：", "·长株潭城际铁路建成通车", "·宁乡经开区升级为国家级", "·成功创建全国文明城市",
             "这些成绩来之不易，是全市人民团结奋斗的结果。今年我们将继续努力，推动经济社会高质量发展。"])
    assert "长株潭城际铁路建成通车" in " ".join(p["text"] for p in d.paragraphs)
    assert [n for _, n, _ in Gazetteer.default().find("城北镇在泗洪县委、县政府的坚强领导下")] == ["泗洪县"]
    assert doc(["在全县经济工作会议上的报告", "报告人：县长 王建国", body]).author == "王建国（县长）"
    d = doc(["2020年宁乡市政府工作报告", "（1月8日）", "各位代表：现在，我代表市人民政府，向大会报告工作，请予审议。"])
    assert (d.title, d.date) == ("2020年宁乡市政府工作报告", "2020-01-08")
    d = doc(["在全县2019年冬季农田水利建设会议上的讲话", "（12月5日）", body])
    assert (d.title, d.date) == ("在全县2019年冬季农田水利建设会议上的讲话", "")
    assert TURN_LABEL.match("【主持人林雅琴】") and not TURN_LABEL.match("【记者手记】")
    assert doc([body], name="t20150710_688912.txt").date == "2015-07-10"
    zones = {"title": ["在全市招商引资工作会议上的讲话"], "author": ["市长 王明"], "body": ["凯里市。"] * 3 + ["贵阳市。"] * 5 + ["黔东南州。"]}
    from pipeline.gazetteer import infer_locality
    assert infer_locality(zones).locality != "贵阳市"
    assert doc(["县委书记 调研脱贫攻坚", body]).author == ""
    meta = {"title": "湖州市人民政府 最高补贴100万元！青年人才“安家湖州”迎来新政"}
    assert doc(["近日，湖州市印发《若干意见》，自2022年7月1日起施行。"], "a.html", "html (utf-8)", meta).title == "最高补贴100万元！青年人才“安家湖州”迎来新政"
    assert doc(["乡镇工作考核办法", "为加强对乡镇工作的考核，根据长沙市有关规定，结合长沙市实际，制定本办法。长沙市各乡镇参照执行。"]).locality.locality == "长沙市"
    news = ["瑞金市召开乡村振兴工作推进会，全市上下抓好春耕生产。", "会议诚邀各界客商到瑞金市投资兴业。"]
    assert doc(news, "a.html", "html (utf-8)", {"title": "乡村振兴工作推进会_赣州市人民政府"}).locality.locality == "瑞金市"
    assert doc(["【在全县经济工作会议上的讲话】", "县长 王建国", "（2020年1月8日）", body]).title == "【在全县经济工作会议上的讲话】"


def test_an_autonomous_regions_head_and_a_three_character_name_spaced():
    """A 自治区副主席's speech at a meeting held in one of its counties is the region's; a
    three-character name letter-spaced after its office (市长 陈 立 新) is the byline."""
    from pipeline.gazetteer import declared_levels

    assert declared_levels({"author": ["马建国（自治区副主席）"]}) == {"自治区"}
    d = process_document("a.txt", RawText(["政府工作报告", "清远市人民政府市长 陈 立 新", "各位代表：现在，我代表市人民政府，向大会报告工作，请予审议。"], "utf-8"),
                         P, T2S, Gazetteer.default())
    assert (d.title, d.author) == ("政府工作报告", "陈立新（清远市人民政府市长）")


def test_what_the_fifth_review_found():
    def doc(lines, name="a.txt", enc="utf-8", meta=None):
        return process_document(name, RawText(list(lines), enc, meta or {}), P, T2S, Gazetteer.default())

    agenda = ["县政府常务会议议程", "会议于2023年3月5日上午召开，研究以下事项。", "一、研究全县重点项目推进工作", "汇报人：县发改局局长 李明华",
              "二、研究安全生产工作", "汇报人：县应急管理局局长 王强", "三、其他事项", "会议由县长主持，全体副县长出席。", "县政府办公室", "2023年3月6日"]
    d = doc(agenda)
    assert d.author == "" and [r["status"] for r in d.log if r["line"] == 4] != ["metadata"]
    meta = {"title": "长沙市人民政府 关于进一步加强安全生产工作的通知"}
    d = doc(["各区县（市）人民政府，市直各单位：现将有关事项通知如下。"], "a.html", "html (utf-8)", meta)
    assert d.title == "长沙市人民政府 关于进一步加强安全生产工作的通知"
    assert doc(["标准文本"], name="DB43T20201230标准.txt").date == ""


def test_what_the_final_review_found():
    """Body lines that look like furniture stay text: a sentence ending in 会议文件 or …办公室印发, a
    speech's closing bullet list, an online path under its lead-in, a weather bulletin's lines."""
    def doc(*lines):
        return process_document("a.txt", RawText(list(lines), "utf-8"), P, T2S, Gazetteer.default())

    def text(d):
        return "".join(p["text"] for p in d.paragraphs)

    news = doc("县委召开常委会议传达学习全会精神", "10月20日，县委召开常委会议，传达学习党的二十届三中全会精神。", "会议要求，各级党组织要迅速行动起来：",
               "组织党员干部认真学习全会文件", "原原本本学习会议文件", "实施方案已由县政府办公室印发", "会议强调，要把学习成果转化为推动发展的实际成效。")
    assert all(s in text(news) for s in ("认真学习全会文件", "学习会议文件", "已由县政府办公室印发"))
    speech = doc("在全县经济工作会议上的讲话", "同志们：今天召开全县经济工作会议，主要任务是部署今年工作。", "下一步，我们要重点做好以下几项工作。",
                 "· 抓项目建设", "· 抓招商引资", "· 抓民生改善", "· 抓安全稳定", "这些工作要抓紧抓实，确保取得实效，以优异成绩向全县人民交出满意答卷。")
    assert "抓项目建设" in text(speech)
    path = doc("关于推行不动产登记网上办理的通知", "各乡镇人民政府，县直各单位：为方便群众办事，不动产登记业务实行网上办理。", "群众可通过以下路径办理：",
               "县人民政府网站 > 政务服务 > 在线办理", "请各单位做好宣传引导工作。")
    assert [r["status"] for r in path.log if r["line"] == 4] != ["boilerplate"]  # (a heading, as before: no furniture)
    weather = doc("县气象台天气预报", "今天夜里到明天，全县以多云天气为主，午后有雷阵雨。各乡镇预报如下：", "城关镇 多云转雷阵雨 26～34℃", "城北镇 雷阵雨 25～33℃",
                  "城南镇 小雨 24～31℃", "请注意防范强对流天气。")
    assert all(r["status"] != "boilerplate" for r in weather.log if r["line"] in (3, 4, 5))


def test_a_notice_that_transmits_a_speech_files_the_speech():
    """关于印发X同志在…上的讲话的通知 with the speech below: the speech's title, its speaker and its date
    are the document's; the notice stays text. A notice whose speech is not below keeps its own title."""
    notice = ["吐鲁番地委文件", "吐地发〔2012〕5号", "关于印发李卫东同志在地委扩大会议暨全区经济工作会议上的讲话的通知",
              "各县市党委，地直各部门：", "现将李卫东同志在地委扩大会议暨全区经济工作会议上的讲话印发给你们，请认真学习贯彻。", "中共吐鲁番地委", "2012年2月20日",
              "在地委扩大会议暨全区经济工作会议上的讲话", "李卫东", "（2012年2月15日）", "同志们：这次会议的主要任务是总结去年工作，部署今年任务。"]
    d = process_document("a.txt", RawText(notice, "utf-8"), P, T2S, Gazetteer.default())
    assert (d.title, d.author, d.date) == ("在地委扩大会议暨全区经济工作会议上的讲话", "李卫东", "2012-02-15")
    assert "现将李卫东同志" in "".join(p["text"] for p in d.paragraphs)
    d = process_document("a.txt", RawText(notice[:7], "utf-8"), P, T2S, Gazetteer.default())
    assert (d.title, d.date) == ("关于印发李卫东同志在地委扩大会议暨全区经济工作会议上的讲话的通知", "2012-02-20")


def _doc(*lines: str, source: str = "a.txt", encoding: str = "utf-8"):
    return process_document(source, RawText(list(lines), encoding), P, T2S, Gazetteer.default())


def test_a_speech_below_the_lead_that_presents_it_is_dated_and_signed_by_its_own_head():
    """A post: its headline, the account's line, a lead, then the speech's own title, speaker and
    date above 同志们：. The speech's date beats the post's; the speaker is the author; the speech's
    head is metadata, not paragraphs. Without the lead the header pass reads the head as before."""
    post = ["县长黄志强在全县安全生产工作会议上的讲话", "原创 平果发布 平果发布 2017-08-16", "",
            "8月14日下午，全县安全生产工作会议在县政府第一会议室召开。现将讲话全文刊发如下。", "",
            "在全县安全生产工作会议上的讲话", "黄志强", "（2017年8月14日）", "", "同志们：",
            "今天，我们召开全县安全生产工作会议，主要任务是部署下半年安全生产工作。"]
    d = _doc(*post)
    assert (d.title, d.author, d.date) == ("县长黄志强在全县安全生产工作会议上的讲话", "黄志强", "2017-08-14")
    assert not any("在全县安全生产工作会议上的讲话" == p["text"] or p["text"].startswith("黄志强") for p in d.paragraphs)
    reasons = {r["line"]: r["reason"] for r in d.log}
    assert reasons[2] == "source/date line" and reasons[6].startswith("title (of the speech")
    # an editor's note naming whose speech follows, and the day of the meeting it reports
    note = ["锚定目标 勇毅前行 奋力推动湖州高质量发展再上新台阶", "发布时间：2025-12-29 09:12 信息来源：湖州日报", "",
            "编者按：12月26日，市委经济工作会议召开。市委书记沈国平出席会议并讲话。现将沈国平同志的讲话全文刊发，供全市各级干部学习参考。",
            "同志们：", "这次会议的主要任务是，总结今年经济工作，部署明年经济工作。"]
    d = _doc(*note)
    assert (d.author, d.date, d.date_source) == ("沈国平", "2025-12-26", "lead (the day of the event)")
    note[3] = note[3].replace("现将沈国平同志", "现将市委书记沈国平同志")
    assert _doc(*note).author == "沈国平（市委书记）"


def test_a_lead_with_its_year_dates_a_page_that_kept_no_other_date():
    """2020年4月28日，…举行全团会议 opening a page with no date of its own dates it; not under a speech's title, nor a lead
    that reports another event than its headline's, nor one that reports no event."""
    lead = "2020年4月28日，出席运城市第四届人民代表大会第六次会议的河津代表团举行全团会议，继续审议政府工作报告。"
    assert (d := _doc(lead, "审议中，李晓武指出，要第一时间组织学习。")).date == "2020-04-28" and d.date_source == "lead (the day of the event)"
    assert _doc("河津代表团举行全团会议", lead).date == "2020-04-28"
    assert _doc("在全县两会精神传达会上的讲话", "2024年3月5日，十四届全国人大二次会议在北京隆重开幕。", "同志们：").date == ""
    assert _doc("长安区召开优化营商环境工作推进会", "2023年2月15日，县委召开全县经济工作会议，部署全年工作。").date == ""
    assert _doc("2023年2月15日，全县经济运行平稳。").date == ""


def test_a_news_report_is_dated_by_the_day_its_lead_gives():
    """本报讯 3月14日，…召开 on a page of 2023-03-15: the meeting's day, the page's year (the year
    before for a December day on a January page); a day more than two months before the page's
    date, or a lead that reports no event, leaves the page's date."""
    def dated(lead: str, posted: str) -> tuple[str, str]:
        d = _doc("长安区召开优化营商环境工作推进会", f"发布时间：{posted} 来源：石家庄日报", lead, "会议强调，要持续优化营商环境。")
        return d.date, d.date_source
    assert dated("本报讯（记者刘晓彤 通讯员韩磊）3月14日，长安区召开优化营商环境工作推进会，安排部署2023年重点任务。", "2023-03-15") == (
        "2023-03-14", "lead (the day of the event)")
    assert dated("12月30日上午，长安区召开优化营商环境工作推进会。", "2024-01-02") == ("2023-12-30", "lead (the day of the event)")
    assert dated("8月14日，长安区召开优化营商环境工作推进会。", "2023-03-15")[0] == "2023-03-15"  # (a day of another year)
    assert dated("3月14日，长安区优化营商环境的各项指标持续向好。", "2023-03-15")[0] == "2023-03-15"  # (no event reported)
    # (another event than the headline's: a background meeting, the NPC's opening under a speech's title)
    assert dated("2月15日，县委召开全县经济工作会议，部署全年工作。3月14日，长安区召开优化营商环境工作推进会。", "2023-03-15")[0] == "2023-03-15"
    d = _doc("在全县两会精神传达会上的讲话", "发布时间：2024-03-20", "3月5日，十四届全国人大二次会议在北京隆重开幕。", "同志们：", "今天我们召开会议，传达两会精神。")
    assert d.date == "2024-03-20"


def test_title_blocks_parted_by_other_lines():
    """A site's headline, its 来源 line, then the document's own title in two lines: the document's
    title, not the headline with half of it; a cover's meeting name above the paper's title is no
    title; a page's 【大】【中】【小】 buttons are no title; a forum's [转贴] mark is dropped."""
    d = _doc("永兴镇党委书记冉启华2022年度抓基层党建工作述职报告", "信息来源：永兴镇  发布时间：2023-02-16 09:32", "",
             "中共湄潭县永兴镇委员会书记", "2022年度抓基层党建工作述职报告", "冉启华", "",
             "2022年，在县委的坚强领导下，我始终牢记党建第一责任人职责，推动全镇基层党建工作取得新成效。")
    assert d.title == "中共湄潭县永兴镇委员会书记 2022年度抓基层党建工作述职报告"
    assert join_title(["中共宁乡县委经济工作会议", "坚定信心 真抓实干", "加快建设实力宁乡美丽宁乡幸福宁乡"], blocks=[0, 1, 1]) == (
        "坚定信心 真抓实干 加快建设实力宁乡美丽宁乡幸福宁乡")
    assert join_title(["凝心聚力", "奋力谱写新篇章"], blocks=[0, 1]) == "凝心聚力 奋力谱写新篇章"  # (nothing alike: one title)
    # (under a headline that names the speaker, the document's own title; the speaker is its author)
    d = _doc("市长李明在全市经济工作会议上的讲话", "发布时间：2023-01-08 来源：市政府办", "在全市经济工作会议上的讲话（摘要）", "同志们：", "今天召开全市经济工作会议。")
    assert d.author == "李明（市长）" and d.title == "在全市经济工作会议上的讲话（摘要）"
    d = _doc("县委书记张玉林在县委经济工作会议上的讲话", "原创： 临泽融媒  临泽县融媒体中心  2020-01-02", "", "在县委经济工作会议上的讲话", "张玉林",
             "（2019年12月28日）", "", "同志们：", "今天召开县委经济工作会议。")
    assert (d.title, d.date) == ("在县委经济工作会议上的讲话", "2019-12-28") and d.author.startswith("张玉林")
    assert classify_line("【大】【中】【小】   【打印】  【关闭】", 40).reason == "share/print widget"
    d = _doc("作者: 海峡闲人    时间: 2008-4-2 21:15     标题: [转贴] 平潭县长在全县对台工作会议上的讲话", "",
             "以下转自福建平潭县政府网站，供关心两岸交流的朋友参考。", "", "在全县对台工作会议上的讲话", "县长　林书平", "（2008年3月26日）",
             "同志们：", "今天，县委、县政府召开全县对台工作会议，部署今年对台工作任务。")
    assert (d.title, d.author, d.date) == ("平潭县长在全县对台工作会议上的讲话", "林书平（县长）", "2008-03-26")


def test_a_provincial_leaders_speech_on_a_visit_is_the_provinces():
    """韩立新在共和县调研…座谈会上的讲话 with the byline 副省长 韩立新 and 全省 in its body: the
    province's text (the place visited is passing), as a news report of the visit is."""
    d = _doc("韩立新在共和县调研乡村振兴工作座谈会上的讲话", "副省长 韩立新", "（2019年8月21日）", "同志们：",
             "这次来海南州，重点到共和县看一看乡村振兴情况。共和县的同志作了很好的发言。共和县委、县政府做了大量工作。",
             "青海是个农牧业大省。全省要完成剩余贫困人口的脱贫任务，全省乡村振兴要取得新突破。")
    assert (d.locality.locality, d.locality.level) == ("青海省", "province")


def test_a_title_run_into_its_dateline_under_a_sites_bar_is_cut_and_dates_the_report():
    from conftest import make_doc

    doc = make_doc(["天津市政府门户网站 政务邮箱", "", "2014年政府工作报告 ——2013年11月27日在天津市滨海新区第二届人民代表大会第一次会议上",
                    "滨海新区区长 宗国英", "发布日期: 2022-06-02 11:30      来源: 区政府办", "各位代表：", "现在，我代表滨海新区人民政府，向大会作政府工作报告，请予审议。"])
    assert (doc.date, doc.date_source) == ("2013-11-27", "meeting line")


def test_a_day_in_a_sites_digits_with_a_label_run_on_is_the_pages_posting_not_the_documents():
    from conftest import make_doc

    doc = make_doc(["县委书记令狐绍辉到县融媒体中心调研", "", "2020-07-22新闻5", "", "原标题:县委书记令狐绍辉到县融媒体中心调研", "",
                    "7月21日，县委书记令狐绍辉到县融媒体中心调研。县委常委、宣传部部长金汉伟参加调研。", "令狐绍辉强调，要做强主流舆论。"])
    assert (doc.date, doc.date_source) == ("2020-07-21", "lead (the day of the event)")
    from pipeline.ingest import _SITE_DAY

    assert _SITE_DAY.fullmatch("公文搜 2021-07-23 10:26:26 政府报告") and _SITE_DAY.fullmatch("admin 2021-07-08 15:57:54 党委")
    assert not _SITE_DAY.fullmatch("2023-03-02 阜平县人民政府")  # (an issuer's day and name under a title)


def test_a_pages_list_marks_are_removed_so_its_fields_and_dateline_are_read():
    from conftest import make_doc

    doc = make_doc(["当前位置:", "  • 大会文件", "  • 时间:2012-04-20 09:10", "  • 来源:大会秘书处", "", "市长  刘  奇", "", "各位代表:",
                    "  现在，我代表宁波市人民政府向大会报告工作，请予审议。"])
    assert (doc.date, doc.source_name) == ("2012-04-20", "大会秘书处")
    assert any(r["note"] == "list mark removed" for r in doc.log)


def test_a_news_items_day_under_its_headline_a_few_days_after_its_leads_is_its_posting():
    from conftest import make_doc

    doc = make_doc(["县政协召开第十一届委员会第十五次常委会议", "2010年07月22日", "7月20日，县政协召开第十一届委员会第十五次常委会议。县长冯守权通报了上半年全县经济运行情况。",
                    "冯守权说：年初以来，全县上下围绕目标努力。"])
    assert (doc.date, doc.date_source) == ("2010-07-20", "lead (the day of the event)")
    # …and a page that kept no headline is dated by its lead's meeting too; a picture's credit is no headline
    doc = make_doc(["时间:2012-02-11 14:55:51 来源:半岛都市报 作者:半岛都市报", "图片来源:大众网",
                    "昨天上午，中国共产党青岛市第十一次代表大会在青岛市级机关会议中心隆重开幕。李群同志代表十届市委向大会作报告。"])
    assert (doc.title, doc.date) == ("", "2012-02-10")
    # …and a headline of a meeting held and who spoke at it names no speech
    doc = make_doc(["县政府召开第四次全体会议 杨鹏讲话", "", "发布时间:2026-03-03 09:30 信息来源:新晃融媒体中心", "",
                    "3月2日上午，县政府召开第四次全体会议。县委副书记、县长杨鹏强调，要统筹抓好产业发展。"])
    assert doc.date == "2026-03-02"


def test_a_title_block_run_into_one_line_is_read_as_its_lines():
    from conftest import make_doc

    doc = make_doc(["思想再解放改革再提速以奋斗姿态迈向国内一流城市 (2019年1月11日)李贻伟 在中国共产党惠州市第十一次代表大会第四次会议上的报告",
                    "各位代表，同志们：", "现在，我代表十一届市委向大会报告工作，请予审议。"])
    assert (doc.date, doc.author, doc.title.split()[0]) == ("2019-01-11", "李贻伟", "思想再解放改革再提速以奋斗姿态迈向国内一流城市")


def test_what_the_review_of_the_date_rules_found():
    """A draft's day is no site's stamp; an untitled speech is not dated by the national meeting it opens with; a lead
    that reaches the headline's day does not give it up."""
    from conftest import make_doc
    from pipeline.ingest import _SITE_DAY

    assert not _SITE_DAY.fullmatch("2015-03-10定稿") and not _SITE_DAY.fullmatch("2018.7.20在全镇大会上")
    assert make_doc(["时间:2024-03-20 10:00 来源:县政府办", "3月5日，十四届全国人大二次会议在北京开幕。今天，我们在这里召开全县经济工作会议。"]).date == "2024-03-20"
    doc = make_doc(["我县传达学习全市防汛工作会议精神", "2010年07月22日", "7月20日，全市召开防汛工作会议。7月22日上午，我县召开县委常委会议传达学习。"])
    assert doc.date == "2010-07-22"


def test_a_speech_title_longer_than_a_heading_is_still_its_title():
    from conftest import make_doc

    title = "在全市解放思想推动高质量发展大讨论启动会议暨市委理论中心组学习(扩大)会议上的讲话"
    doc = make_doc([title, "(2018年11月26日)", "秦恩亭", "同志们:", "这次大讨论启动会议，就是要体现从市级领导干部做起。"])
    assert (doc.title, doc.date, doc.author) == (title, "2018-11-26", "秦恩亭")


def test_a_leads_day_takes_the_year_of_the_numbered_session_it_reports_and_an_update_day_is_a_posting():
    """12月25日，县长刘飞霞主持召开县政府2018年第八次常务会议 on a page with no date: 2018-12-25 (not the year of a meeting
    named for a year, 2019年经济工作会议, held in the December before); 更新日期 is a page's posting day."""
    lead = "12月25日，县长刘飞霞主持召开县政府2018年第八次常务会议，研究审议《2019年县政府工作报告（审议稿）》等议题。"
    assert _doc("汉阴：县政府召开2018年第八次常务会议", lead).date == "2018-12-25"
    assert _doc("全县2019年经济工作会议召开", "12月28日，全县2019年经济工作会议召开。").date == ""
    assert _doc("双塔区前进街道2020年政府信息公开工作年度报告", "更新日期:2021-01-20 信息来源:双塔区政务公开办 浏览:",
                "现将2020年度前进街道政府信息公开工作情况报告如下：").date == "2021-01-20"


def test_a_pages_counter_and_font_size_labels_are_no_text():
    """点击次数：, 访问次数：, 字体大小： left empty by a page's extraction are its furniture, not a lead-in joined to the lead."""
    from pipeline.text import classify_line

    for label in ("点击次数:", "访问次数：", "字体大小:"):
        assert classify_line(label, 80).kind == "metadata"
    d = _doc("王大治实地调研重点项目和重点工程", "发布日期:2025-03-17 14:18:06", "点击次数:", "", "3月14日,市委书记王大治带领相关部门负责同志,实地调研重点项目和重点工程。",
             "王大治指出,要突出特色完善提升。")
    assert d.date == "2025-03-14"


def test_a_forums_post_stamp_is_a_posting_not_a_speechs_day():
    """Post By:2020/7/1 18:07:10 above a speech's title block is the forum's posting; the day under the speaker dates it."""
    d = _doc("Post By:2020/7/1 18:07:10", "在区十八届人大四次会议上的表态发言", "区长 张元升", "（2020年6月20日）", "今天，大会选举我担任区人民政府区长。")
    assert (d.date, d.author) == ("2020-06-20", "张元升（区长）")


def test_what_the_review_of_the_session_year_and_page_keys_found():
    """A session the lead only hears, relays, prepares or names in a document's title gives no year; a counter's or a
    stamp's key before a sentence is text, not a page's furniture."""
    from pipeline.text import classify_line

    for lead in ("1月9日，县长王明主持召开县政府常务会议，听取2018年第四次全国经济普查清查工作情况汇报。",
                 "1月8日，县长王明主持召开县政府常务会议，传达学习省政府2018年第二十次常务会议精神。",
                 "3月12日，市长李强主持召开市政府常务会议，审议《某市2017年第三次土地利用总体规划调整方案》。",
                 "12月27日，县委书记张华主持召开县委常委会议，研究部署2019年第一次全县经济运行调度会筹备工作。"):
        assert _doc("县政府召开常务会议", lead).date == "", lead
    assert _doc("县政府召开常务会议", "1月4日，县长王明主持召开县政府2019年第一次常务会议。").date == "2019-01-04"
    for line in ("字体大小：标题用2号方正小标宋简体，正文用3号仿宋_GB2312。", "点击次数：全年首页点击次数达126万次，同比增长15%。",
                 "更新日期：2019年1月1日起执行。", "post by: 网友“老张”反映，小区门口道路破损严重。"):
        assert classify_line(line, 80).kind == "body", line
    for line in ("点击次数：125", "字体大小：大 中 小", "发布时间：2020-05-06 点击次数：125 字体大小：大 中 小"):
        assert classify_line(line, 80).kind == "metadata", line

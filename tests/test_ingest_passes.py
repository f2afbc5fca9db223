"""The passes of ingest.process_document, each on a tiny synthetic document."""

import opencc
import pytest

from pipeline.config import IngestParams
from pipeline.gazetteer import Gazetteer
from pipeline.ingest import (
    Document,
    assemble,
    clean_lines,
    cut_body,
    date_document,
    mark_dateline,
    mark_header,
    mark_metadata,
    mark_signature_date,
    process_document,
)
from pipeline.readers import RawText

P = IngestParams()
T2S = opencc.OpenCC("t2s").convert


def _lines(*text: str, doc: Document | None = None):
    return clean_lines(list(text), P, T2S, doc or Document(doc_id="d", source="d.txt"))


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
    mark_dateline(lines, doc)
    assert lines.status[1] == ("metadata", "date line") and lines.dates == ["2025-01-14"]
    assert lines.zones["title"] == [lines.text[1]]
    assert all(lines.open(i) for i in (0, 2, 3))


def test_header_takes_title_byline_and_furniture_above_the_navigation():
    doc = Document(doc_id="d", source="d.txt")
    lines = _lines("某某政府门户网站", "首页 > 要闻 > 正文", "牢记嘱托 感恩奋进", "李军", "2023年3月2日", "要坚持以人民为中心的发展思想，不断增进民生福祉。", doc=doc)
    mark_header(lines, doc, Gazetteer.default())
    assert lines.status[0] == ("boilerplate", "site header above the navigation")
    assert lines.status[2] == ("metadata", "title") and doc.title == "牢记嘱托 感恩奋进"
    assert lines.status[3] == ("metadata", "byline (name above the text)") and doc.author == "李军"
    assert lines.status[4] == ("metadata", "date line") and lines.dates == ["2023-03-02"]
    assert lines.open(1) and lines.open(5)  # the navigation line is furniture, decided by mark_metadata


def test_metadata_pass_marks_furniture_bylines_and_sources():
    doc = Document(doc_id="d", source="d.txt")
    lines = _lines("来源:衡东县融媒体中心 发布时间:2023-03-02", "", "[责任编辑:钟超]", "(作者系中共衡南县委副书记)", "正文第一句话在这里。", doc=doc)
    mark_metadata(lines, doc)
    assert [s for s, _ in lines.status] == ["metadata", "blank", "boilerplate", "metadata", ""]
    assert doc.source_name == "衡东县融媒体中心" and lines.dates == ["2023-03-02"]
    assert doc.author == "中共衡南县委副书记" and lines.zones["author"] == [lines.text[3]]


def test_signature_date_at_the_end():
    lines = _lines("一段正文，讲的是工作。", "县人民政府", "2024年2月1日")
    mark_signature_date(lines)
    assert lines.status[2] == ("metadata", "date line") and lines.dates == ["2024-02-01"]
    assert lines.open(0) and lines.open(1)


@pytest.mark.parametrize("dates,meta,title,expected", [
    (["2025-01-14", "2024-12-30"], {}, "", ("2025-01-14", "2025")),
    ([], {"date": "2023-05-06"}, "", ("2023-05-06", "2023")),
    ([], {}, "2024年政府工作报告", ("", "2024")),
])
def test_date_document_takes_the_first_date_then_the_title_year(dates, meta, title, expected):
    doc = Document(doc_id="d", source="d.txt", title=title)
    lines = _lines("x")
    lines.dates = list(dates)
    date_document(lines, doc, meta)
    assert (doc.date, doc.year) == expected


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


def test_cut_body_marks_an_isolated_fragment_too_short():
    lines = _lines("一、标题", "短。", "二、另一个标题", "这一段足够长，讲的是推进生态环境保护和污染防治的工作安排。")
    cut_body(lines, P)
    assert lines.status[1][0] == "too_short"


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


def test_document_holds_its_locality():
    raw = RawText(["衡东县召开会议", "衡东县要推进项目建设，扩大有效投资，加快产业发展步伐。"], "utf-8")
    doc = process_document("a.txt", raw, P, T2S, Gazetteer.default())
    assert doc.locality.locality == "衡东县" and doc.locality.level == "county" and doc.locality.province == "湖南省"

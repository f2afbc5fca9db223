import io
import zipfile
from pathlib import Path

import pytest

from pipeline.readers import ReadError, decode, read_docx, read_file, read_html, read_text, split_lines

TEXT = "来源:衡东县融媒体中心 发布时间:2023-03-02\n为深入学习宣传贯彻党的二十大精神,近日,县委书记刊发文章。\n"


@pytest.mark.parametrize("codec,expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8 (BOM)"), ("gb18030", "gb18030"), ("gbk", "gb18030"),
    ("utf-16", "utf-16 (BOM)"), ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"),
])
def test_decode_detects_encoding(codec, expected):
    text, found = decode(TEXT.encode(codec))
    assert text.lstrip("\ufeff") == TEXT
    assert found == expected


def test_decode_gb18030_with_byte_order_mark():
    text, found = decode("\ufeff".encode("gb18030") + TEXT.encode("gb18030"))
    assert (text, found) == (TEXT, "gb18030 (BOM)")


def test_decode_big5():
    trad = "習近平總書記考察湖南時的重要講話指示精神，是湖南奮力走好新時代長征路的根本遵循。"
    text, found = decode(trad.encode("big5"))
    assert (text, found) == (trad, "big5")


def test_decode_rejects_binary_empty_and_unknown():
    with pytest.raises(ReadError, match="empty file"):
        decode(b"  \n ")
    with pytest.raises(ReadError, match="binary file"):
        decode(bytes(range(256)) * 20)
    with pytest.raises(ReadError, match="does not decode|unlikely characters"):
        decode(bytes([0x81, 0x20, 0xFE, 0xFF, 0x80, 0x30]) * 50)


def test_a_few_stray_nul_bytes_do_not_lose_a_text():
    text = "各位代表：现在，我代表县人民政府向大会报告工作。\n请予审议。\n" * 40
    data = text.encode("gb18030")
    data = data[:200] + b"\x00" + data[200:] + b"\x00\x00"
    assert decode(data) == (text, "gb18030 (3 NUL bytes removed)")
    with pytest.raises(ReadError, match="binary file"):  # many NULs, or a binary file's few, are still a binary file
        decode(text.encode("utf-8").replace("。".encode("utf-8"), b"\x00\x00\x00"))
    with pytest.raises(ReadError, match="binary file"):
        decode(b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)) * 16 + b"\x00")


def test_split_lines_counts_like_an_editor():
    assert split_lines("a\r\nb\rc\nd\n") == ["a", "b", "c", "d"]
    assert split_lines("a\n\nb") == ["a", "", "b"]


def _docx_bytes(paragraphs):
    import docx

    doc = docx.Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_in_order(tmp_path):
    raw = read_docx(_docx_bytes(["2025年湖南省政府工作报告", "各位代表：", "现在，我代表省人民政府向大会报告工作。"]), tmp_path / "a.docx")
    assert raw.lines == ["2025年湖南省政府工作报告", "各位代表：", "现在，我代表省人民政府向大会报告工作。"]


def test_docx_table_rows_are_written_as_cells(tmp_path):
    import docx

    doc = docx.Document()
    doc.add_paragraph("主要指标完成情况")
    table = doc.add_table(rows=2, cols=3)
    for r, row in enumerate([("指标", "单位", "增长"), ("地区生产总值", "亿元", "5.8%")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 1).merge(table.cell(0, 2)).text = "单位|增长"
    buf = io.BytesIO()
    doc.save(buf)
    raw = read_docx(buf.getvalue(), tmp_path / "a.docx")
    assert raw.lines == ["主要指标完成情况", "| 指标 | 单位\\|增长 |", "| 地区生产总值 | 亿元 | 5.8% |"]


def test_docx_tables_in_document_order_and_layout_tables_as_lines(tmp_path):
    import docx

    doc = docx.Document()
    doc.add_paragraph("寿光市政府工作报告")
    cell = doc.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "各位代表："
    cell.add_paragraph("现在，我代表市人民政府，向大会报告工作。")
    cell.add_paragraph("一、2023年工作回顾")
    doc.add_paragraph("附：主要指标")
    data = doc.add_table(rows=1, cols=2)
    data.cell(0, 0).text, data.cell(0, 1).text = "地区生产总值", "6.5%"
    buf = io.BytesIO()
    doc.save(buf)
    raw = read_docx(buf.getvalue(), tmp_path / "a.docx")
    assert raw.lines == ["寿光市政府工作报告", "各位代表：", "现在，我代表市人民政府，向大会报告工作。", "一、2023年工作回顾",
                         "附：主要指标", "| 地区生产总值 | 6.5% |"]


def test_html_data_table_with_a_long_cell_stays_a_table(tmp_path):
    prose = "".join(f"<p>第{n}段，全市地区生产总值增长百分之六点五，一般公共预算收入增长百分之五点一，蔬菜产业提质增效。</p>" for n in range(12))
    cell = "重点项目：" + "新建改建城乡公办幼儿园和中小学校，实施老旧小区改造和城市更新工程，" * 6
    html = f"<html><body><article><h1>政府工作报告</h1>{prose}<table><tr><td>1</td><td>{cell}</td></tr></table></article></body></html>"
    raw = read_html(html.encode("utf-8"), tmp_path / "a.html")
    assert any(line.startswith("|") and "重点项目" in line for line in raw.lines)


def test_html_laid_out_with_tables_keeps_its_lines(tmp_path):
    body = "<br>\n".join(["——2024年1月10日在寿光市第十九届人民代表大会第三次会议上", "寿光市人民政府市长　赵文涛", "各位代表：",
                           "现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。" * 2,
                           "一、2023年工作回顾", "2023年，全市地区生产总值增长6.5%，一般公共预算收入增长5.1%，蔬菜产业提质增效。" * 2])
    html = (f"<html><head><meta charset='gb2312'><title>寿光市政府工作报告</title></head><body><table><tr><td class='nav'>"
            f"<a href='/'>网站首页</a> | <a href='/z'>政务公开</a></td></tr><tr><td class='content'>{body}</td></tr></table></body></html>")
    raw = read_html(html.encode("gb18030"), tmp_path / "a.html")
    assert "一、2023年工作回顾" in raw.lines and "各位代表：" in raw.lines
    assert not any(line.startswith("|") and len(line) > 200 for line in raw.lines)


def test_corrupt_docx_is_a_clear_error(tmp_path):
    with pytest.raises(ReadError, match="corrupt .docx"):
        read_docx(b"PK\x03\x04 this is not really a zip", tmp_path / "bad.docx")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not a word file")
    with pytest.raises(ReadError, match="corrupt .docx"):
        read_docx(buf.getvalue(), tmp_path / "bad2.docx")


def test_html_main_text_without_navigation(tmp_path):
    body = "".join(f"<p>澧县将坚持创新驱动发展，全面对接省市现代化产业体系建设，第{i}项举措落地见效。</p>" for i in range(8))
    page = f"""<html><head><title>牢记嘱托 感恩奋进</title><script>var x = "脚本不应出现";</script></head><body>
    <nav><a href="/">网站首页</a> | <a href="/map">网站地图</a></nav>
    <article><h1>牢记嘱托 感恩奋进</h1>{body}</article>
    <footer>Copyright © 2024 版权所有 湘ICP备12345678号</footer></body></html>"""
    raw = read_html(page.encode("utf-8"), tmp_path / "a.html")
    text = "\n".join(raw.lines)
    assert "澧县将坚持创新驱动发展" in text
    assert "网站地图" not in text and "脚本不应出现" not in text and "ICP" not in text
    assert raw.meta.get("title") == "牢记嘱托 感恩奋进"
    # what the extraction left out is returned, not lost: navigation and footer, not the
    # script, not the kept paragraphs
    assert "网站首页 | 网站地图" in raw.left_out and "Copyright © 2024 版权所有 湘ICP备12345678号" in raw.left_out
    assert not any("脚本" in line or "澧县" in line for line in raw.left_out)


def test_page_lines_and_left_out():
    from pipeline.readers import left_out, page_lines

    page = "<html><head><title>标题</title><style>p {}</style></head><body><div>甲<br>乙 <b>丙</b></div><p>丁\n 戊</p><!-- 注释 --><td>己</td></body></html>"
    assert page_lines(page) == ["甲", "乙 丙", "丁 戊", "己"]
    # whitespace is ignored, a line kept inside a longer extracted line counts as kept
    assert left_out(["甲", "乙 丙", "丁 戊", "己"], "乙丙\n| 己 | 庚 |\n丁  戊") == ["甲"]
    # the page's heading, which the extraction reads as the title, is kept only as a line of its
    # own: a first sentence that repeats it does not hide that the text left it out
    news = ["兰考县召开2023年三季度经济运行分析会", "10月19日下午，兰考县召开2023年三季度经济运行分析会，总结前三季度经济运行情况。"]
    assert left_out(news, news[1], title="兰考县召开2023年三季度经济运行分析会") == [news[0]]
    # …and so does the headline a <title> joins to the site's name
    assert left_out(news, news[1], title="兰考县召开2023年三季度经济运行分析会-兰考县人民政府") == [news[0]]
    assert left_out(news, news[1], title="兰考县人民政府") == []
    # …and so does a heading of the page (<h1>–<h3>), whatever the <title> says
    assert left_out(news, news[1], title="兰考县人民政府", headings=[news[0]]) == [news[0]]
    assert left_out(news, news[1]) == [] and left_out(news, "\n".join(news), title=news[0]) == []
    assert page_lines("") == []


def test_html_date_does_not_depend_on_the_day_of_the_run(tmp_path):
    # a date after today (2098) is kept: trafilatura's default would drop it until that day
    body = "".join(f"<p>坚持创新驱动发展，全面对接现代化产业体系建设，第{i}项举措落地见效。</p>" for i in range(8))
    page = f"""<html><head><title>工作报告</title><meta name="date" content="2098-05-01"></head><body><article>{body}</article></body></html>"""
    assert read_html(page.encode("utf-8"), tmp_path / "a.html").meta.get("date") == "2098-05-01"
    # …and a plan year in the body does not date a page without a date in its markup
    body = "<p>编制国民经济和社会发展第十五个五年规划和二〇三五年远景目标纲要，到2035年基本实现现代化。</p>" + body
    page = f"""<html><head><title>工作报告</title></head><body><article>{body}</article></body></html>"""
    assert read_html(page.encode("utf-8"), tmp_path / "b.html").meta.get("date") is None


def test_read_file_unknown_extension_and_too_large(tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(ReadError, match="unsupported file type '.pdf': extract its text to .txt first"):
        read_file(pdf, 2**20)
    doc = tmp_path / "报告.doc"  # Word 97-2003: an OLE container, no page
    doc.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504))
    with pytest.raises(ReadError, match=r"unsupported file type '.doc': save it as .docx"):
        read_file(doc, 2**20)
    big = tmp_path / "big.txt"
    big.write_bytes("字".encode("utf-8") * 400_000)
    with pytest.raises(ReadError, match=r"file too large: 1.1 MB > ingest.max_file_mb = 1 MB"):
        read_file(big, 2**20)



def test_a_web_page_under_another_name_is_read_as_a_page(tmp_path, monkeypatch):
    from pipeline.readers import looks_like_html

    body = "".join(f"<p>澧县将坚持创新驱动发展，全面对接省市现代化产业体系建设，第{i}项举措落地见效。</p>" for i in range(8))
    page = f"""<!DOCTYPE html>\n<html><head><title>牢记嘱托</title></head><body><nav><a href="/">网站首页</a></nav><article>{body}</article></body></html>"""
    want = read_html(page.encode("utf-8"), tmp_path / "a.html").lines
    assert "<" not in "".join(want)
    # a server's extension, a crawler's page without one (in GB18030, after IE's "saved from" mark), a .txt
    for name, data in (("a.shtml", page.encode("utf-8")), ("content_123.jsp", page.encode("utf-8")),
                       ("t20240110", ("<!-- saved from url=(0045)http://www.lixian.gov.cn/ -->\n" + page).encode("gb18030")), ("a.txt", page.encode("utf-8"))):
        (tmp_path / name).write_bytes(data)
        raw = read_file(tmp_path / name, 2**20)
        assert raw.lines == want and raw.encoding.startswith("html ("), name
    assert read_file(tmp_path / "a.txt", 2**20).encoding == "html (utf-8), a .txt holding a web page"
    assert read_file(tmp_path / "t20240110", 2**20).encoding == "html (gb18030), a file without extension holding a web page"
    # a text file that merely opens with a tag, or whose markup no page extraction reads, stays the text it is; so does Markdown
    for name, text in (("title.txt", "<title>政府工作报告</title>\n各位代表：现在，我代表县人民政府作报告。\n"),
                       ("frag.txt", "<p>这是一个段落。</p><b>一</b><b>二</b>\n第二行是普通文字。\n"),
                       ("style.md", "<style>p {}</style>\n## 一、工作回顾\n过去一年，**全县**经济平稳。\n")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert read_file(tmp_path / "title.txt", 2**20).lines == ["<title>政府工作报告</title>", "各位代表：现在，我代表县人民政府作报告。"]
    assert read_file(tmp_path / "frag.txt", 2**20).lines == ["这是一个段落。", "一二 第二行是普通文字。"]  # markup throughout: a page
    assert read_file(tmp_path / "style.md", 2**20).lines[1:] == ["一、工作回顾", "过去一年，全县经济平稳。"]
    import pipeline.readers as readers

    def no_main_text(data, path):
        raise ReadError("HTML page without extractable main text")

    monkeypatch.setattr(readers, "read_html", no_main_text)  # …and a page no extraction reads stays the text it is
    assert read_file(tmp_path / "frag.txt", 2**20).lines == ["<p>这是一个段落。</p><b>一</b><b>二</b>", "第二行是普通文字。"]
    monkeypatch.undo()
    # what is not a page keeps its own reading, or its clear refusal
    for text in ("各位代表：<p>不是开头", "<?xml version='1.0'?><data>1</data>", "<pre>", "a < b", '{"a": 1}', "<abbr>"):
        assert not looks_like_html(text), text
    for text in ("  <html lang='zh'>", "<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html PUBLIC>", "<P>", "<br/>"[:3] + ">", "<div class='a'>", "<!---->"):
        assert looks_like_html(text), text
    (tmp_path / "data.json").write_text('{"a": 1}', encoding="utf-8")
    with pytest.raises(ReadError, match=r"unknown file type '.json'; readable: .*\.shtml.*, or a web page under any name"):
        read_file(tmp_path / "data.json", 2**20)


def test_a_page_of_unknown_type_is_told_by_its_first_bytes_whatever_their_encoding(tmp_path):
    from pipeline.readers import SNIFF_BYTES, sniff_page

    # a minified GB18030 page longer than the bytes sniffed: wherever the cut falls inside a character, it is a page
    page = "<!DOCTYPE html><html><head><title>报告</title></head><body>" + "".join(f"<p>全县经济运行总体平稳，第{i}项举措落地见效。</p>" for i in range(200)) + "</body></html>"
    data = page.encode("gb18030")
    assert len(data) > SNIFF_BYTES and all(sniff_page(data[: SNIFF_BYTES - k]) for k in range(4))
    for k in range(4):
        (tmp_path / f"p{k}.asp").write_bytes(b" " * k + data)
        assert "全县经济运行总体平稳，第0项举措落地见效。" in read_file(tmp_path / f"p{k}.asp", 2**20).lines
    for codec in ("utf-16", "utf-16-le", "utf-16-be"):  # with a byte-order mark, and without
        assert sniff_page(page.encode(codec)[: SNIFF_BYTES + 1]), codec
    assert not sniff_page("各位代表：".encode("utf-16")) and not sniff_page(b"%PDF-1.4\x00\x01") and not sniff_page(b"\xd0\xcf\x11\xe0\x00\x00")  # a .doc
    # what is no regular file is refused with its reason, not read (a pipe would block) nor raised past ingest
    import os

    os.mkfifo(tmp_path / "pipe.jsp")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "folder.asp").mkdir()
    for name, why in (("pipe.jsp", "not a regular file"), ("dangling.txt", "cannot read it"), ("folder.asp", "not a regular file")):
        with pytest.raises(ReadError, match=why):
            read_file(tmp_path / name, 2**20)


# ----------------------------------------------------------------------------- mojibake


def _exact_mojibake() -> list[tuple[str, str, str]]:
    """(text, codec written in, codec read with) where reading loses no byte."""
    out = []
    for text in ["政府工作报告", "2023年GDP增长5%", "——2021年1月31日在保定市第十五届人民代表大会第六次会议上", "過去一年，全縣經濟運行總體平穩。"]:
        for wrote, read in [("utf-8", "gbk"), ("utf-8", "cp1252"), ("utf-8", "latin-1"), ("gbk", "latin-1"), ("gbk", "cp1252")]:
            try:
                text.encode(wrote).decode(read)
            except UnicodeError:
                continue
            out.append((text, wrote, read))
    return out


@pytest.mark.parametrize("text,wrote,read", _exact_mojibake())
def test_repair_mojibake_when_the_round_trip_is_exact(text, wrote, read):
    from pipeline.readers import repair_mojibake

    fixed, how = repair_mojibake(text.encode(wrote).decode(read))
    assert fixed == text and how


@pytest.mark.parametrize("line", [
    "各位代表：现在，我代表市人民政府，向大会报告工作，请予审议。",
    "習近平總書記考察湖南時的重要講話指示精神,是湖南奮力走好新時代長征路的根本遵循。",
    "持續(xù)在學用結(jié)合上動腦筋,形成加快發(fā)展的生動局面。",
    "Copyright © 2017 www.hnzy.gov.cn 湖南政研网 湘ICP备18001534号 版权所有",
    "3．10种有色金属：铜、铅、锌、镍、锡、锑、铝、镁、硅、钛。",
    "［5］ESI：",
    "R&D经费支出占GDP比重突破2%。",
])
def test_ordinary_text_is_neither_repaired_nor_garbled(line):
    from pipeline.readers import garbled, repair_mojibake

    assert repair_mojibake(line) == (line, "")
    assert garbled(line) == ""


@pytest.mark.parametrize("line", [
    "བོད་རང་སྐྱོང་ལྗོངས་མི་དམངས་སྲིད་གཞུང་།",  # Tibetan
    "شىنجاڭ ئۇيغۇر ئاپتونوم رايونى خەلق ھۆكۈمىتى",  # Uyghur
    "연변조선족자치주 인민정부 사업보고",  # Korean
])
def test_other_scripts_are_not_garbled(line):
    from pipeline.readers import garbled

    assert garbled(line) == ""


@pytest.mark.parametrize("text", [
    "各位代表：现在，我代表市人民政府，向大会报告工作，请予审议。",
    "全面落实“六保”任务，抢抓新政策、新基建、新消费等发展机遇",
    "習近平總書記考察湖南時的重要講話指示精神",
    "阜平县2023年政府工作报告",
])
@pytest.mark.parametrize("lost", ["\ufffd", "?"])
def test_lossy_mojibake_is_garbled(text, lost):
    """UTF-8 read as GBK with bytes lost (replaced by U+FFFD, or by ? once saved again):
    not repairable exactly, so it is reported as garbled."""
    from pipeline.readers import garbled, repair_mojibake

    line = text.encode("utf-8").decode("gbk", errors="replace").replace("\ufffd", lost)
    assert repair_mojibake(line)[1] == ""
    assert garbled(line, line.count("?")).startswith("garbled: ")


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_docx_text_wherever_word_keeps_it(tmp_path):
    """Content controls, smart tags, tracked insertions (not deletions), manual line breaks,
    text boxes (once, not their VML copy), footnotes; page headers and footers as left_out."""
    import docx
    from docx.oxml import parse_xml

    doc = docx.Document()
    body = doc.element.body
    sect = body[-1]
    xml = [
        f'<w:sdt {W_NS}><w:sdtContent><w:p><w:r><w:t>在全县优化营商环境大会上的讲话</w:t></w:r></w:p></w:sdtContent></w:sdt>',
        f'<w:p {W_NS}><w:r><w:t>（</w:t></w:r><w:smartTag w:uri="u" w:element="chsdate"><w:r><w:t>2023年2月20日</w:t></w:r></w:smartTag><w:r><w:t>）</w:t></w:r></w:p>',
        f'<w:p {W_NS}><w:r><w:t>全县新增市场主体</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>1.2万户</w:t></w:r></w:ins>'
        f'<w:del w:id="2" w:author="a"><w:r><w:delText>1.1万户</w:delText></w:r></w:del><w:r><w:t>，增长13.6%。</w:t><w:br/><w:t>第二行。</w:t></w:r></w:p>',
        f'<w:p {W_NS} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:r><mc:AlternateContent>'
        f'<mc:Choice Requires="wps"><w:txbxContent><w:p><w:r><w:t>专栏1 民生实事</w:t></w:r></w:p></w:txbxContent></mc:Choice>'
        f'<mc:Fallback><w:txbxContent><w:p><w:r><w:t>专栏1 民生实事</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r>'
        f'<w:r><w:t>正文段落。</w:t></w:r></w:p>',
    ]
    for x in xml:
        sect.addprevious(parse_xml(x))
    doc.sections[0].header.paragraphs[0].text = "桐庐县人民政府办公室"
    buf = io.BytesIO()
    doc.save(buf)
    raw = read_docx(buf.getvalue(), tmp_path / "a.docx")
    assert raw.lines == ["在全县优化营商环境大会上的讲话", "（2023年2月20日）", "全县新增市场主体1.2万户，增长13.6%。", "第二行。", "正文段落。", "专栏1 民生实事"]
    assert raw.left_out == ["桐庐县人民政府办公室"]


def test_docx_automatic_list_numbers_are_written(tmp_path):
    import docx
    from docx.oxml import parse_xml

    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {W_NS} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    items = [(0, "2023年工作回顾"), (1, "工业经济稳中向好"), (2, "新增规上企业"), (2, "技改投资"), (1, "有效投资持续扩大"),
             (0, "2024年重点任务"), (1, "发展先进制造业"), (None, "正文，不编号。")]
    for level, text in items:
        p = doc.add_paragraph(text)
        if level is not None:
            p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    buf = io.BytesIO()
    doc.save(buf)
    raw = read_docx(buf.getvalue(), tmp_path / "a.docx")
    assert raw.lines == ["一、2023年工作回顾", "（一）工业经济稳中向好", "1. 新增规上企业", "2. 技改投资", "（二）有效投资持续扩大",
                         "二、2024年重点任务", "（一）发展先进制造业", "正文，不编号。"]


def test_docx_list_numbers_past_99_in_chinese_numerals(tmp_path):
    import docx
    from docx.oxml import parse_xml

    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="95"><w:lvl w:ilvl="0"><w:start w:val="99"/>'
                                  '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'))
    numbering.insert(1, parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="96"><w:lvl w:ilvl="0"><w:start w:val="1009"/>'
                                  '<w:numFmt w:val="chineseLegalSimplified"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="95"><w:abstractNumId w:val="95"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="96"><w:abstractNumId w:val="96"/></w:num>'))
    for num_id, count in ((95, 13), (96, 2)):
        for i in range(count):
            p = doc.add_paragraph(f"条目{i}")
            p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))
    buf = io.BytesIO()
    doc.save(buf)
    lines = read_docx(buf.getvalue(), tmp_path / "a.docx").lines
    assert [line.split("、")[0] for line in lines[:13:4]] == ["九十九", "一○三", "一○七", "一一一"]  # chineseCounting: digit by digit past 99
    assert lines[13:] == ["壹仟零玖. 条目0", "壹仟零壹拾. 条目1"]


@pytest.mark.parametrize("n, numeral", [(0, "零"), (7, "七"), (10, "十"), (16, "十六"), (40, "四十"), (99, "九十九"), (100, "一百"), (103, "一百〇三"),
                                        (110, "一百一十"), (115, "一百一十五"), (1000, "一千"), (1005, "一千〇五"), (1010, "一千〇一十"),
                                        (1050, "一千〇五十"), (1100, "一千一百"), (1105, "一千一百〇五"), (9999, "九千九百九十九"), (10000, "10000")])
def test_chinese_numerals_as_word_counts_a_chinese_counting_thousand_list(n, numeral):
    from pipeline.readers import _chinese_number

    assert _chinese_number(n) == numeral


def test_a_file_of_mixed_encodings_is_read_line_by_line():
    template = "<html><head><meta charset='utf-8'><title>遂昌县人民政府</title></head><body>\n".encode("utf-8")
    article = "".join(f"<p>第{i}条，县政府常务会议专题研究法治政府建设工作，将法治建设纳入综合考核。</p>\n" for i in range(6)).encode("gbk")
    text, encoding = decode(template + article + "</body></html>\n".encode("utf-8"))
    assert encoding == "mixed (gb18030 6 lines, utf-8 1 lines)" and "县政府常务会议专题研究" in text and "遂昌县人民政府" in text
    # a few corrupt bytes cost their line (U+FFFD, which ingest logs as garbled), not the file
    good = "各位代表：现在，我代表县人民政府向大会报告工作。\n".encode("gbk") * 3
    text, encoding = decode(good + b"\xa1\xff\xff\n" + good)
    assert encoding.startswith("mixed (") and "1 undecodable, read as gb18030" in encoding
    assert text.splitlines()[0] == text.splitlines()[4] == "各位代表：现在，我代表县人民政府向大会报告工作。" and "\ufffd" in text.splitlines()[3]


def test_mixed_encodings_keep_an_editors_lines_and_read_a_bad_line_in_the_files_codec():
    utf8 = "各位代表：现在，我代表县人民政府向大会报告工作。".encode("utf-8")
    gbk = "全县地区生产总值增长百分之六点五，一般公共预算收入增长。".encode("gbk")
    text, encoding = decode(b"\r".join([utf8, gbk, utf8]) + b"\r")  # CR line ends (old Mac exports)
    assert text.split("\n") == ["各位代表：现在，我代表县人民政府向大会报告工作。", "全县地区生产总值增长百分之六点五，一般公共预算收入增长。", "各位代表：现在，我代表县人民政府向大会报告工作。", ""]
    broken = utf8[:-4] + b"\xe5" + utf8[-3:]  # a truncated character in a UTF-8 file: one U+FFFD, not a garbled line
    text, encoding = decode(b"\n".join([utf8, gbk, utf8, utf8, broken]))
    assert "1 undecodable, read as utf-8" in encoding and text.split("\n")[4].startswith("各位代表：现在，我代表县人民政府向大会报告工") and text.count("\ufffd") >= 1


def test_docx_numbers_in_tables_shared_lists_overrides_deletions_and_placeholders(tmp_path):
    import docx
    from docx.oxml import parse_xml

    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="91"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                                  '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="92"><w:abstractNumId w:val="91"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="93"><w:abstractNumId w:val="91"/>'
                               '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'))

    def numbered(p, num_id, deleted=False):
        ppr = p._p.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))
        if deleted:
            ppr.append(parse_xml(f'<w:rPr {W_NS}><w:del w:id="9" w:author="a"/></w:rPr>'))
        return p

    numbered(doc.add_paragraph("总体要求"), 91)
    numbered(doc.add_paragraph(""), 91, deleted=True)  # deleted in tracked changes: takes no number
    numbered(doc.add_paragraph("主要任务"), 92)  # another list of the same definition counts on
    numbered(doc.add_paragraph("第五项"), 93)  # a start overridden
    table = doc.add_table(rows=1, cols=2)
    numbered(table.cell(0, 0).paragraphs[0], 91)
    table.cell(0, 1).text = "城区污水处理厂"
    doc.element.body[-1].addprevious(parse_xml(
        f'<w:sdt {W_NS}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>单击或点击此处输入文字。</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    buf = io.BytesIO()
    doc.save(buf)
    raw = read_docx(buf.getvalue(), tmp_path / "a.docx")
    assert raw.lines == ["一、总体要求", "", "二、主要任务", "五、第五项", "| 三、 | 城区污水处理厂 |"]


@pytest.mark.parametrize("line,text", [
    ("## 一、坚持党建引领 ##", "一、坚持党建引领"),
    ("**今年以来**，全县*地区生产总值*增长5%。", "今年以来，全县地区生产总值增长5%。"),
    ("> 习近平总书记指出……", "习近平总书记指出……"),
    ("- 一是抓实科技创新。", "一是抓实科技创新。"),
    ("![图片](https://mmbiz.qpic.cn/x.jpg)", ""),
    ("点击[阅读原文](https://mp.weixin.qq.com/s/abc(1))查看", "点击阅读原文查看"),
    ("---", ""), ("[1]: http://x.cn", ""),
    ("| 指标 | 单位 |", "| 指标 | 单位 |"),  # tables are the table rule's
    ("增长3*4倍", "增长3*4倍"), ("1. 加快产业发展", "1. 加快产业发展"), ("`代码`与\\*号", "代码与*号"),
    ("***重点任务***：抓项目", "重点任务：抓项目"), ("增长1~3倍", "增长1~3倍"),
])
def test_markdown_markup_is_removed(line, text):
    from pipeline.readers import strip_markdown

    assert strip_markdown(line) == text


def test_markdown_files_and_text_files_written_in_markdown(tmp_path):
    md = "# 某县2024年政府工作报告\n\n## 一、加快产业发展\n\n**今年以来**，全县生产总值增长5%。\n"
    for name in ("report.md", "report.txt"):
        (tmp_path / name).write_text(md, encoding="utf-8")
        raw = read_file(tmp_path / name, 2**20)
        assert raw.lines == ["某县2024年政府工作报告", "", "一、加快产业发展", "", "今年以来，全县生产总值增长5%。"]
        assert raw.encoding == "utf-8 (Markdown)"
    # one stray mark in a text file is not Markdown: the text is kept as written
    (tmp_path / "plain.txt").write_text("# 注释\n今年以来，全县生产总值增长5%。\n", encoding="utf-8")
    assert read_file(tmp_path / "plain.txt", 2**20).lines == ["# 注释", "今年以来，全县生产总值增长5%。"]


def test_docx_cell_merged_down_rows_is_read_once():
    import docx

    d = docx.Document()
    t = d.add_table(rows=3, cols=2)
    merged = t.cell(0, 0).merge(t.cell(2, 0))
    merged.paragraphs[0].text = "（一）加快产业发展。"
    merged.add_paragraph("全年新建5G基站1200个，数字经济增长8%。")
    for i, x in enumerate("xyz"):
        t.cell(i, 1).text = x
    buf = io.BytesIO()
    d.save(buf)
    lines = read_docx(buf.getvalue(), Path("a.docx")).lines
    assert lines.count("全年新建5G基站1200个，数字经济增长8%。") == 1
    assert lines == ["（一）加快产业发展。", "全年新建5G基站1200个，数字经济增长8%。", "x", "y", "z"]


def test_docx_with_malformed_list_numbers_is_read():
    import docx
    from docx.oxml.ns import qn

    d = docx.Document()
    d.add_paragraph("加快产业发展。", style="List Number")
    for start in d.part.numbering_part.element.iter(qn("w:start")):
        start.set(qn("w:val"), "")  # written by a broken converter
    buf = io.BytesIO()
    d.save(buf)
    assert read_docx(buf.getvalue(), Path("a.docx")).lines[-1].endswith("加快产业发展。")


@pytest.mark.parametrize("line", [
    "[1]: 地区生产总值按可比价格计算。",  # a footnote, not a link definition
    "2021~~2025年，投资~~亿元",
    "当事人：王**，身份证号：3301**********1234",  # masked characters
    "拟表彰人员：王**、李**、张**等同志",  # masked names in a list
    "会议由王**同志主持，李**同志讲话。",  # masked names before a form of address
    "陈**先生和刘**女士出席，赵**等参加。",
])
def test_markdown_keeps_text_that_only_looks_like_markup(line):
    from pipeline.readers import _MD_SIGNAL, strip_markdown

    assert strip_markdown(line) == line
    assert not _MD_SIGNAL.search(line)


def test_masked_names_do_not_make_a_text_markdown_but_keep_their_marks_in_markdown():
    lines = ["会议由王**同志主持，李**同志讲话。", "张**同志指出，要抓好**党建**工作。", "赵**同志、钱**同志参加。"]
    raw = read_text("\n".join(lines).encode("utf-8"), Path("a.txt"))
    assert raw.lines == lines and "Markdown" not in raw.encoding
    # in a Markdown file the masks stay and real bold goes
    raw = read_text("\n".join(lines).encode("utf-8"), Path("a.md"))
    assert raw.lines == ["会议由王**同志主持，李**同志讲话。", "张**同志指出，要抓好党建工作。", "赵**同志、钱**同志参加。"]


def test_docx_placeholders_in_cells_and_paragraphs_are_not_text(tmp_path):
    import docx
    from docx.oxml import parse_xml

    placeholder = f'<w:sdt {W_NS}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>{{}}</w:sdtContent></w:sdt>'
    doc = docx.Document()
    p = doc.add_paragraph("填报人：")
    p._p.append(parse_xml(placeholder.format("<w:r><w:t>单击或点击此处输入文字。</w:t></w:r>")))
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "填报单位"
    table.cell(0, 1)._tc.append(parse_xml(placeholder.format("<w:p><w:r><w:t>单击或点击此处输入文字。</w:t></w:r></w:p>")))
    # a control whose placeholder was switched off (w:val="0") shows what was typed in it
    filled = doc.add_paragraph("联系人：")
    filled._p.append(parse_xml(placeholder.replace("<w:showingPlcHdr/>", '<w:showingPlcHdr w:val="0"/>').format("<w:r><w:t>张三</w:t></w:r>")))
    # …and so does one holding whole paragraphs, in the body
    doc.element.body[-1].addprevious(parse_xml(placeholder.replace("<w:showingPlcHdr/>", '<w:showingPlcHdr w:val="false"/>').format(
        "<w:p><w:r><w:t>全年地区生产总值增长5.2%。</w:t></w:r></w:p>")))
    doc.element.body[-1].addprevious(parse_xml(placeholder.format("<w:p><w:r><w:t>单击或点击此处输入文字。</w:t></w:r></w:p>")))
    buf = io.BytesIO()
    doc.save(buf)
    lines = read_docx(buf.getvalue(), tmp_path / "a.docx").lines
    assert lines == ["填报人：", "| 填报单位 |  |", "联系人：张三", "全年地区生产总值增长5.2%。"]


def test_a_headline_the_title_lacks_is_read_from_the_pages_headings(tmp_path):
    """An old county site's table layout: the <title> is the site's name, the headline an <h2> that
    the extraction drops (the first sentence repeats it). The headline is the title, and its line
    is logged as left out (the page's title), not lost."""
    import opencc

    from pipeline.config import IngestParams
    from pipeline.gazetteer import Gazetteer
    from pipeline.ingest import LEFT_OUT, process_document
    from pipeline.readers import page_headings

    body = ["4月11日，江津区召开2022年乡村振兴工作推进会，总结2021年全区巩固拓展脱贫攻坚成果和乡村振兴工作，安排部署今年重点任务。区委副书记、区长出席会议并讲话。",
            "会议强调，要坚决守住防止规模性返贫底线，健全防止返贫动态监测和帮扶机制，做到早发现、早干预、早帮扶。要大力发展富硒农业、花椒产业和乡村旅游。",
            "会议要求，各镇街、各部门要压紧压实责任，强化要素保障，持续改善农村人居环境，扎实推进和美乡村建设，确保全年各项目标任务圆满完成。"]
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" /><title>重庆市江津区人民政府</title></head><body>'
            '<table width="980"><tr><td class="nav"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a></td></tr>'
            '<tr><td><table width="100%"><tr><td align="center"><h2>江津区召开2022年乡村振兴工作推进会</h2></td></tr>'
            '<tr><td align="center" class="info"><span>发布日期：2022-04-12</span>&nbsp;<span>来源：江津区乡村振兴局</span></td></tr>'
            '<tr><td class="content">' + "".join(f"<p>{line}</p>" for line in body) + '</td></tr></table></td></tr>'
            '<tr><td class="footer">主办：重庆市江津区人民政府办公室</td></tr></table></body></html>')
    assert page_headings(page) == ["江津区召开2022年乡村振兴工作推进会"]
    raw = read_html(page.encode("utf-8"), tmp_path / "a.html")
    assert not any("江津区召开2022年乡村振兴工作推进会" == line.strip("| ") for line in raw.lines)  # the extraction drops it
    doc = process_document("a.html", raw, IngestParams(), opencc.OpenCC("t2s").convert, Gazetteer.default())
    assert (doc.title, doc.date) == ("江津区召开2022年乡村振兴工作推进会", "2022-04-11")  # (the meeting's day, 4月11日, on a page of 04-12)
    assert any(r["status"] == "left_out" and r["note"] == doc.title and "the page's title" in r["reason"] for r in doc.log)
    # a page's other headings, too short or a site's to be its headline (相关新闻), are its furniture
    related = read_html(page.replace("</table></td></tr><tr><td class=\"footer\">", "</table><h3>相关新闻</h3></td></tr><tr><td class=\"footer\">")
                        .encode("utf-8"), tmp_path / "b.html")
    assert "相关新闻" in related.meta["headings"]
    doc = process_document("b.html", related, IngestParams(), opencc.OpenCC("t2s").convert, Gazetteer.default())
    assert [r["reason"] for r in doc.log if r["note"] == "相关新闻"] == [LEFT_OUT]
    # an old table layout's headline: a cell whose whole text is one bold or enlarged run
    td = page.replace('<h2>江津区召开2022年乡村振兴工作推进会</h2>', '<font size="4"><b>江津区召开2022年乡村振兴工作推进会</b></font>')
    assert page_headings(td) == ["江津区召开2022年乡村振兴工作推进会"]
    doc = process_document("c.html", read_html(td.encode("utf-8"), tmp_path / "c.html"), IngestParams(), opencc.OpenCC("t2s").convert, Gazetteer.default())
    assert doc.title == "江津区召开2022年乡村振兴工作推进会"
    assert any(r["status"] == "left_out" and r["note"] == doc.title and "the page's title" in r["reason"] for r in doc.log)
    # a plain cell, or one where bold is only part of the text, is no headline
    assert page_headings(page.replace('<h2>江津区召开2022年乡村振兴工作推进会</h2>', '江津区召开2022年乡村振兴工作推进会')) == []
    assert page_headings("<html><body><p>今年<b>全县</b>经济增长5%。</p></body></html>") == []


def test_html_whose_text_is_one_table_cell_keeps_its_lines(tmp_path):
    """An old portal's page that sets its title, its 发布时间 row and the whole speech in cells of
    one layout table (the speech's head in centred <p>, its text one <p> broken by <br> at a
    fixed width, as pasted from a PDF): read as the text it holds, line by line, not as one
    table row."""
    wrapped = ["今天，市委召开全市组织工作会议，主要任务是认真贯彻全", "国、全省组织部长会议和绥化市组织工作会议精神，总结2015年",
               "全市组织工作，安排部署2016年任务。下面，我再强调几点意见。", "一、充分肯定成绩，进一步增强做好组织工作的责任感"]
    wrapped += ["2015年，全市各级组织部门紧紧围绕市委中心工作，以“三", "严三实”专题教育为抓手，扎实推进党的建设各项工作，为全市",
                "经济社会发展提供了坚强组织保证。一是思想教育扎实有效。"] * 12
    html = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312' /><title>海伦市人民政府</title></head><body>"
            "<div id='menu'><ul><li><a href='/'>首页</a></li><li><a href='/zwgk/'>政务公开</a></li></ul></div>"
            "<table width='960' class='con_table'><tr><td align='center' class='con_title'><strong>孙宝成同志在全市组织工作会议上的讲话</strong></td></tr>"
            "<tr><td align='center' class='con_info'>发布时间：2016-03-25 10:46:31 &nbsp; 来源：市委组织部</td></tr>"
            "<tr><td class='con_text'><p align='center'><strong>在全市组织工作会议上的讲话</strong></p><p align='center'>市委书记　孙宝成</p>"
            "<p align='center'>（2016年3月18日）</p><p>　　同志们：<br />\n" + "<br />\n".join(wrapped) + "</p></td></tr></table>"
            "<div id='footer'><p>主办：中共海伦市委 海伦市人民政府</p></div></body></html>")
    raw = read_html(html.encode("gb18030"), tmp_path / "3127.html")
    lines = [line.strip() for line in raw.lines]
    assert "（2016年3月18日）" in lines and "一、充分肯定成绩，进一步增强做好组织工作的责任感" in lines
    assert not any(line.startswith("|") for line in raw.lines)


def test_html_whose_extraction_leaves_the_text_out_reads_the_page():
    """A Discuz thread (a constructed page, tests/fixtures/forum) whose extraction keeps the members'
    ranks and buttons and leaves the posts out: the page's visible lines are read instead, so no
    sentence of the speech posted there is lost."""
    path = Path(__file__).parent / "fixtures" / "forum" / "thread-86213-1-1.html"
    raw = read_html(path.read_bytes(), path)
    assert "同志们：" in raw.lines and any(line.startswith("一是全面开展环境卫生集中整治") for line in raw.lines)

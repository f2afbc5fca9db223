"""Line-level cleaning and paragraph cutting for Chinese government texts.

Pure functions on strings: :func:`clean_line` normalises a line, :func:`classify_line`
tells site furniture, bylines and headings from body text, :func:`split_sentences` and
:func:`chunk` cut long lines into paragraphs of bounded length at sentence ends.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

# ----------------------------------------------------------------------------- cleaning

_SPACES = re.compile(r"[\s\u3000\u00a0\u2002-\u200a]+")
# Zero-width characters and byte-order marks (a BOM is left inside a line where files were
# joined): they stand between characters, so they go without leaving a blank.
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
# full-width digits and Latin letters (２０２３年, ＧＤＰ) as ASCII, and in a line that has them, a
# full-width point or percent sign between or after digits (５２６．８亿元, ６．２％); other full-width
# signs (，：（）) stay
_FULL_WIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]})
_FULL_WIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_FULL_WIDTH_NUMBER_SIGN = re.compile(r"(?<=\d)．(?=\d)|(?<=\d)％")
# pictographs of social media posts (🎉 👆 📈 💪, flags; with their variation selector): no text; not
# the enclosed letters and ideographs of U+1F100–1F2FF (🄰, 🈩), list marks
_EMOJI = re.compile("[\U0001F1E6-\U0001F1FF\U0001F300-\U0001F64F\U0001F680-\U0001F6FF\U0001F900-\U0001F9FF\U0001FA70-\U0001FAFF]\ufe0f?")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
# A Latin syllable in brackets right after a character: 領(lǐng), 續(xù), 创(chuang4). (Not
# only after Han characters: a garbled character before the reading is still followed by it.)
_PINYIN = re.compile(rf"(?<=\S)\s?[(（]\s*([a-zA-Z{_TONED}]{{1,8}}[1-5]?)\s*[)）]")


def strip_pinyin(text: str) -> tuple[str, int]:
    """Remove pinyin readings in brackets after Han characters; return text and count.

    Only syllables with a tone mark or tone digit count, so ``(GDP)`` or ``(App)`` stay.
    """
    count = 0

    def repl(m: re.Match) -> str:
        nonlocal count
        syl = m.group(1)
        if any(c in _TONED for c in syl) or syl[-1].isdigit():
            count += 1
            return ""
        return m.group(0)

    return _PINYIN.sub(repl, text), count


def _radical_table() -> dict[int, str]:
    """Radicals a PDF's fonts give for whole characters (政府⼯作报告, 县⻓, 1⽉12⽇) → the characters: a
    Kangxi radical by its compatibility decomposition (⼯ → 工), and those of the CJK Radicals
    Supplement that are drawn as whole characters (C-SIMPLIFIED LONG ⻓ → 长, CIVILIAN ⺠ → 民), as
    Unicode's EquivalentUnifiedIdeograph.txt maps them; not the supplement's component forms, which no
    text writes alone (⺩, drawn 王, is JADE; ⻈ is 讠, ⺼ is 月 as a component)."""
    table = {c: unicodedata.normalize("NFKC", chr(c)) for c in range(0x2F00, 0x2FD6)}
    table.update(zip(range(0x2E80, 0x2EF4), [None] * 0x74))
    whole = {0x2E81: "厂", 0x2E87: "几", 0x2E8A: "卜", 0x2E9C: "日", 0x2E9D: "月", 0x2E9F: "母", 0x2EA0: "民", 0x2EC4: "西", 0x2EC5: "见",
             0x2EC6: "角", 0x2EC7: "角", 0x2EC9: "贝", 0x2ECB: "车", 0x2ED3: "长", 0x2ED4: "门", 0x2ED8: "青", 0x2ED9: "韦", 0x2EDA: "页",
             0x2EDB: "风", 0x2EDC: "飞", 0x2EDD: "食", 0x2EE1: "首", 0x2EE2: "马", 0x2EE3: "骨", 0x2EE4: "鬼", 0x2EE5: "鱼", 0x2EE6: "鸟",
             0x2EE7: "卤", 0x2EE8: "麦", 0x2EE9: "黄", 0x2EEA: "黾", 0x2EEB: "斉", 0x2EEC: "齐", 0x2EED: "歯", 0x2EEE: "齿", 0x2EEF: "竜",
             0x2EF0: "龙", 0x2EF1: "龟", 0x2EF2: "亀", 0x2EF3: "龟"}
    return {c: ch for c, ch in {**table, **whole}.items() if ch is not None}


_RADICALS = _radical_table()


# the dot inside a transliterated name as fonts and keyboards write it (库尔班•热合曼, 阿依古丽・买买提): the middle dot
_NAME_DOT = re.compile(r"(?<=[\u4e00-\u9fff])[•・‧∙](?=[\u4e00-\u9fff])")


# OCR's 一一 for a subtitle's dash (一一在全市农村工作会议…上的讲话)
_OCR_DASH = re.compile(r"^(\s*)一一\s*(?=在[^。！？，]{2,60}((讲话|发言|报告|致辞)([（(][^）)]{0,8}[)）])?|会议?上?|大会上?)\s*$)")  # (a subtitle's: not 一一在规定时限内整改)


# a line's indent of full-width blanks that an encoder wrote as ?? (??2017年1月5日在…会议上): blanks, not text
# (before what opens a line, a day, a bracket, a quote, 各位, 我, 同志们; not ??镇, ??同志: a name's characters lost)
_LOST_INDENT = re.compile(r"^[ \t]*\?\?(?:\?\?)?(?=\d|[（(“\"【\[《]|各|我|同志们|[一二三四五六七八九十]、)")


def clean_line(line: str) -> str:
    """Drop an indent an encoder lost to ?? (:data:`_LOST_INDENT`), zero-width characters, stray BOMs and emoji, write the radicals a PDF's fonts give for
    characters as the characters (see :func:`_radical_table`), write a name's dot as the middle dot (库尔班•热合曼), collapse every kind of blank
    (full-width and no-break spaces among them) to one space, strip the ends."""
    line = _OCR_DASH.sub(r"\1——", _NAME_DOT.sub("·", _ZERO_WIDTH.sub("", _LOST_INDENT.sub("", line)).translate(_RADICALS)))
    text = _EMOJI.sub("", line)
    return _SPACES.sub(" ", text if text.strip() else line).strip()  # (a line of emoji alone is no text, logged as such)


def ascii_alnum(line: str) -> str:
    """Full-width digits and letters written as ASCII (２０２３年 → 2023年, ６．２％ → 6.2%, ＧＤＰ);
    a line that writes its digits in ASCII keeps its own ％. (Applied to text that is not garbled:
    a line decoded with a wrong codec is diagnosed by its characters as they are.)"""
    if not _FULL_WIDTH_ALNUM.search(line):
        return line
    return _FULL_WIDTH_NUMBER_SIGN.sub(lambda m: "." if m.group() == "．" else "%", line.translate(_FULL_WIDTH))


# ----------------------------------------------------------------------------- exported text

# Line breaks written out as text by spreadsheet and database exports: \r\n, \n, \r (also
# with the backslash doubled), <br> and paragraph tags, and the CR/LF an entity stood for.
_ESCAPED_BREAK = re.compile(r"(?:\\+r)?\\+n|\\+r|\r\n?|\n|(?i:<br\s*/?>|</?p(?:\s[^<>]{0,200})?>)")
_ESCAPED_TAB = re.compile(r"\\+t")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});|&nbsp(?![;A-Za-z0-9])")


def unescape_entities(line: str) -> tuple[str, int]:
    """HTML character references in exported text (``&nbsp;``, ``&ldquo;``, ``&#8220;``,
    twice-escaped ``&amp;nbsp;``) replaced by their characters; ``R&D`` stays.

    Returns:
        ``(text, n)``: the text and the number of references replaced.
    """
    import html

    if "&" not in line:
        return line, 0
    count = 0

    def repl(m: re.Match) -> str:
        nonlocal count
        ref = m.group(0)
        out = html.unescape(ref if ref.endswith(";") else ref + ";")
        count += out != ref
        return out

    for _ in range(2):  # &amp;nbsp; → &nbsp; → a space
        text = _ENTITY.sub(repl, line)
        if text == line:
            break
        line = text
    return line, count


def split_escaped_breaks(line: str) -> list[str]:
    """One physical line cut at line breaks written out as text (``\\r\\n``, ``\\n``, ``\\r``,
    ``<br>``, ``<p>``); a literal ``\\t`` becomes a blank. A line without any is ``[line]``."""
    if "\\" not in line and "<" not in line and "\n" not in line and "\r" not in line:
        return [line]
    line = _ESCAPED_TAB.sub(" ", line)
    return _ESCAPED_BREAK.split(line)


_URL = re.compile(r"(?i)(?:https?://|www\.)[!-~]+")
_NOT_TEXT = re.compile(r"[\W_]+")


def url_line(line: str) -> str:
    """The first URL of a line that is mainly a URL (the URLs are at least as long as the
    text around them, punctuation and blanks not counted) and no sentence, or ``""``."""
    urls = _URL.findall(line)
    if not urls:
        return ""
    around = _URL.sub("", line)
    if re.search(r"[。！？]", around) and len(re.findall(r"[\u4e00-\u9fff]", around)) >= 4:
        return ""  # a sentence that gives an address (详见县政府网站（http://…）。) is text
    rest = _NOT_TEXT.sub("", around)
    return urls[0] if sum(map(len, urls)) >= len(rest) else ""


# A character lost on the way (an encoder wrote ? for what it could not encode): two or more
# question marks in a row, or one ASCII ? that does not stand where a question mark does (after
# a question word, or before a blank, a closing quote or the end of the line).
_LOST_RUN = re.compile(r"[?？]{2,}|\?")
_QUESTION_WORDS = set("吗呢么吧啊嘛何谁哪几怎")
_AFTER_QUESTION = set(" \u3000”’」』)）\"'")


def lost_char_runs(line: str) -> int:
    """Runs of ``?``/``？`` standing for lost characters in ``line`` (see above): ``六?!比``,
    ``??阜``, ``前1?。`` count; ``怎么办?``, ``呢？我们`` and ``?id=3`` in a URL do not."""
    n = 0
    for m in _LOST_RUN.finditer(line):
        if m.end() - m.start() >= 2:
            n += 1
            continue
        before = line[m.start() - 1] if m.start() else ""
        after = line[m.end()] if m.end() < len(line) else ""
        if not before or not after or before in _QUESTION_WORDS or after in _AFTER_QUESTION:
            continue
        if before.isascii() and before.isalnum() and after.isascii() or before in "/=&":
            continue  # English text or a URL query
        n += 1
    return n


# ----------------------------------------------------------------------------- line kinds

_SHORT = 200  # site furniture is never longer than this
# the provinces by their short names (湖北, 内蒙古), as the 学习强国 app names its provincial platforms
_PROVINCES = ("北京|天津|河北|山西|内蒙古|辽宁|吉林|黑龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|重庆|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆"
              "|兵团|香港|澳门|台湾")
_EPAPER_NAV = r"(?:上一版|下一版|上一篇|下一篇|往期回顾|PDF版?(?:下载)?|版面导航|本版目录|版面目录|返回目录)"
_EPAPER_NAV_ARROWED = rf"(?:[<＜«‹]+\s*)?{_EPAPER_NAV}(?:\s*[>＞»›]+)?"  # (one optional run of spaces each side: no backtracking blow-up)
BOILERPLATE = [
    # a menu's link (网站首页 | 网站地图), not a word of a sentence (完成门户网站首页改版，…)
    ("navigation", re.compile(r"(^|[\s|｜/:：【\[])(网站首页|网站地图)(?=$|[\s|｜/>＞›»】\]])|^首页\s*[>＞›»/]|[>＞›»]\s*正文\s*$|当前位置\s*[:：]|^\s*(?:(?:您|你)(?:当前|现在)?(?:所在)?的?|(?:当前|现在)(?:所在)?的?|所在)位置\s*[:：]\s*(?:$|首页|网站首页|主页|[^\s>＞›»/／]{0,12}\s*[>＞›»/／])|您现在的位置|^返回(首页|顶部)|^欢迎(您)?(访问|光临|来到)\S{0,30}(网站|门户网)\S{0,4}[！!。]?$")),
    ("breadcrumb", re.compile(r"^[>＞›»]{1,2}\s*\S{2,12}$")),
    # a breadcrumb without its key, opened by the site (芜湖市人民政府 > 政务公开 > 领导讲话; not 申请 > 受理 > 审核), and a
    # menu's words in a row (首页 政务公开 领导讲话 办事指南 互动交流; not a slogan's or a list of names)
    ("menu row", re.compile(r"^\s*[\u4e00-\u9fff]{2,6}(\s+[\u4e00-\u9fff]{2,6}){3,}\s*$")),
    # a side column's list of links set off by dots (·安达市 ·肇东市 ·海伦市 …)
    ("navigation", re.compile(r"^(\s*[·•]\s*[^\s·•。！？；，]{2,16}){3,}\s*$")),
    # a notice and its numbers (湘ICP备18001534号, 公网安备 43010502000441号, 网站标识码：4300000001), not prose
    # that shares a word with one (建立版权所有人登记制度。 网站全部完成ICP备案。 未经许可不得擅自开工建设。)
    ("copyright", re.compile(
        r"(?i)copyright|©|版权所有(?![人者])|ICP\s*[备证]\s*(案号)?\s*[:：]?\s*[\dA-Z]|ICP备案号|公网安备\s*[:：]?\s*\d|网站标识码\s*[:：]?\s*[\dA-Z]"
        r"|未经.{0,10}(授权|许可).{0,10}不得.{0,10}(转载|复制|摘编|镜像|转贴|下载|链接)"
    )),
    # a photo's caption (图为…, ▲…会议现场, …（记者 王海峰 摄）, 大会开幕现场。 本报记者 刘文涛 摄): under the picture, not the text
    # (not a ▲ bullet of a summary's text, ▲全年完成地区生产总值12.6亿元。, ▲ 聚焦产业发展)
    ("photo caption", re.compile(r"^\s*图为.{2,60}$|^\s*[▲△][^。；;]{2,40}(现场|合影)\s*$|[（(][^（）()]{0,30}摄[)）]\s*$|^\s*[\u4e00-\u9fff]{0,6}现场(图|照|图片)?\s*$"
                                 # (…and one crediting where the picture came from: 座谈会现场（图片来源：漳浦发布）)
                                 r"|^[^。！？]{0,30}[（(]\s*(图片来源|图源)\s*[:：][^（）()]{1,20}[)）]\s*$|^\s*(图片来源|图源)\s*[:：]\s*[^\s。，]{1,20}\s*$"  # (图片来源:大众网 on its own line)
                                 r"|(记者|通讯员|摄影)\s*[:：]?\s*[\u4e00-\u9fff·]{2,4}([\s、，,]+[\u4e00-\u9fff·]{2,4}){0,3}\s*(?<!拍)摄\s*$")),  # (记者李波、肖桂来 摄)
    # a compilation's or a yearbook's running head, its name and year (涿鹿县人民政府文件汇编 (2O12年), 于都年鉴（2017）)
    # (with its column: 特　载　　射洪年鉴·2012)
    # (…and its issue in the year, 和林格尔县文件汇编（2018年第一辑）, or a leader's speeches', 宁乡县领导讲话汇编（2014年）)
    ("compilation header", re.compile(r"^\s*((特|专)\s*(载|文|稿)\s+)?[\u4e00-\u9fff]{2,30}(文件汇编|文件选编|资料汇编|文件汇集|讲话汇编|讲话选编|年鉴)\s*[·•（(]?\s*(19|20|2[OoΟ])[\dOoΟ ]{2,5}"
                                      r"\s*年?\s*(第\s*[一二三四五六七八九十\d]{1,3}\s*[辑卷册集期])?\s*[)）]?(\s+(特|专)\s*(载|文|稿))?\s*$"
                                      r"|^\s*[（(]\s*(19|20)\d{2}\s*年\s*第\s*[一二三四五六七八九十\d]{1,3}\s*[辑卷册集]\s*[)）]\s*$"
                                      r"|^\s*(?!全|.*(关于|编印|印发|干部))[\u4e00-\u9fff]{1,12}(县|市|区|州|旗|盟|省|自治区)[\u4e00-\u9fff]{0,12}(文件汇编|文件选编|资料汇编|讲话汇编|讲话选编)\s*$"  # (a unit's: not 政策文件汇编)
                                      # (or its name and volume: 巢湖改革开放三十年文献选编（第二辑）)
                                      r"|^\s*[\u4e00-\u9fff]{2,30}(文献选编|文件选编|文件汇编|资料汇编|文选|文集|选编|汇编)\s*[（(]\s*第\s*[一二三四五六七八九十\d]{1,3}\s*[辑卷册集]\s*[)）]\s*$")),
    # the 学习强国 app's name and its province's platform above a copied article (湖北学习平台)
    ("site name", re.compile(rf"^\s*(学习强国\s*)?({_PROVINCES})学习平台\s*$|^\s*学习强国\s*$|^\s*(?!.*(关于|加强|推进|建设|升级|改版|规范|和))[\u4e00-\u9fff]{{2,20}}(人民政府|政府)?门户网站\s*$|^\s*[\u4e00-\u9fff]{{2,10}}(日报|晚报|时报|报)\s*(数字报|电子报|电子版)\s*$")),
    # an e-paper's links between its pages and articles (上一版　下一版　上一篇　下一篇), after the page's number and
    # name (第A03版：两会特刊　上一篇　下一篇), and its labels over the page's list of articles and pictures (本版标题导航, 图片新闻)
    # (their arrows too: << 上一版    下一版 >>)
    ("navigation", re.compile(rf"^\s*((第\s*[A-Za-z]?\d{{1,3}}\s*版\s*[:：]\s*[^\s:：]{{1,12}}\s*){_EPAPER_NAV_ARROWED}(\s*{_EPAPER_NAV_ARROWED})*|{_EPAPER_NAV_ARROWED}(\s*{_EPAPER_NAV_ARROWED})+"
                              r"|本版标题导航|标题导航|本版导航|版面导航|本版新闻列表|本版文章(列表)?[:：]?|图片新闻"
                              r"|导航菜单|主菜单|网站导航|栏目导航|导航栏)\s*$")),  # (a site's menu named on a line of its own: 导航菜单 above a report)
    ("site owner", re.compile(r"^(主办单位|承办单位|协办单位|技术支[撑持]|运行维护|网站维护|联系我们|网站声明|(主办|承办)\s*[:：])[^，,。；]*$")),
    ("site address", re.compile(r"^(地址|通讯地址|邮编|邮政编码|联系电话|电话|传真)\s*[:：][^。！？；，,]{0,60}$")),
    ("editor", re.compile(r"^[\[【(（]?\s*(责任编辑|编辑|责编|审核|审校|校对|初审|复审|终审|监制|值班编辑)\s*[:：]"
                          # (a paper page's staff set without colons, two roles or more: 责任编辑  刘  勇  版式编辑  杨  霞  校对  王  婷)
                          r"|^((责任编辑|版式编辑|美术编辑|美编|责编|校对|编辑|值班编辑|审读)\s+([\u4e00-\u9fff·]\s*){2,4}\s*){2,}$")),
    # a social media account's calls to follow, read on or share (点击蓝字 关注我们, 👆点击上方“…发布”关注我们,
    # 往期推荐, 阅读原文, a follow button's 关注 / +关注 under the account's name), not a sentence
    ("social media prompt", re.compile(
        r"^\W*((点击蓝字|点击上方|点击下方)[^，,、。！？；]{0,30}|关注我们|[+＋]?\s*(已)?关注|阅读原文|往期(推荐|回顾|精彩)|推荐阅读|精彩推荐|点个?在看|分享.{0,3}点赞.{0,3}在看"
        r"|欢迎关注[^，,、。！？；]{0,20}(公众号|微信|视频号|抖音|发布|官微)[^，,、。！？；]{0,10}|长按(识别)?二维码[^，,、。！？；]{0,12}关注[^，,、。！？；]{0,10}"
        # (a post's topics: 收录于话题 #两会时间 12个, 收录于合集 #县委全会 3个)
        r"|收录于(话题|合集)\s*(#\S{1,20}\s*\d*\s*个?\s*)*"
        # (a post's call to keep and pass it on: 收藏！建议转发给身边的人↓↓↓)
        r"|(建议)?收藏[！!，,]?\s*(建议)?转发[^。；]{0,12}|(建议)?转发[^。；]{0,8}(身边的人|朋友圈|更多人)[^。；]{0,6})\W*$")),
    ("social media prompt", re.compile(r"^\s*#\S{1,20}(\s+#\S{1,20})*(\s+\d+\s*个)?\s*$")),  # (…and its topics on their own line: #两会时间 12个)
    # a document-sharing site's prompts around a copy (下载文档到电脑，查找使用更方便, 2下载券  3人已下载, 还剩2页未读，继续阅读)
    # (展开阅读全文 ▼, 本文由yxz_dzb贡献, 文档贡献者 wjzz2008 贡献于2014-02-17, 本文档由 ywq888 分享于2014-01-09, doc文档可能在WAP端浏览体验不佳。…,
    # 360doc's 本站是提供个人知识管理的网络存储空间…)
    ("document site prompt", re.compile(r"^\W*(下载文档到电脑[^。]{0,20}|\d+\s*下载券(\s+\d+\s*人已下载)?|下载券\s*[:：]?\s*\d+|还剩\s*\d+\s*页未读[，,]?\s*(继续阅读)?"
                                        r"|免费获取文档|下载|举报文档|展开(阅读)?全文\W*(本文档由\s*\S{1,30}\s*分享于\s*[\d-]{8,10})?|本文档由\s*\S{1,30}\s*分享于\s*[\d-]{8,10}"
                                        r"|下载文档\s+收藏\s+分享|下载本文档.{0,20}|本文由\s*\S{1,30}\s*贡献|文档贡献者\s*[:：]?\s*\S{1,30}(\s*贡献于\s*[\d-]{8,10})?|(上传|贡献|分享)于\s*[\d-]{8,10}(\s+\d{1,2}:\d{2})?"
                                        r"|(doc|pdf|ppt)文档可能在WAP端浏览体验不佳.{0,60}|本站是提供个人知识管理的网络存储空间.{0,120}|馆藏\s*\d+"
                                        r"|(全文)?阅读已结束.{0,40}|下载此文档|本文档一共被下载.{0,40}|加入VIP.{0,20}|登录\s*注册|举报\s+收藏\s+分享到.{0,40}"
                                        r"|文档简介|文档介绍|文档描述|内容简介)\W*$")),  # (the label over an uploader's summary)
    # …and its lists of other documents, each with its pages and price (镇党委书记2016年述职述廉报告范文   5页   免费)
    ("document site prompt", re.compile(r"^\S.{2,60}?(报告|总结|计划|讲话|方案|意见|通知|要点|汇报|范文|材料|精选|多篇|[）)]|\.docx?)(\s+\d{1,4}\s*页(\s+(\d+\s*下载券|免费|\d+\s*积分|\d+(\.\d+)?\s*豆元))?"
                                        r"|\s{2,}(\d+\s*下载券|免费))\s*$")),
    # a reader mode's reading time (19-24 分钟, 阅读时间约5分钟)
    ("reading time", re.compile(r"^\s*(\d{1,3}\s*[-–~～]\s*)?\d{1,3}\s*分钟\s*$|^\s*(预计)?阅读(时间|时长|需要)?\s*[:：约]?\s*\d{1,3}\s*分钟\s*$")),
    # a page's label over the text it shows (全文, 正文, 【全文】, 阅读全文), as a database's or a site's article page sets it
    ("text label", re.compile(r"^\W*(全文|正文|原文|全文阅读|阅读全文|全文内容|正文内容)\W*$")),
    # an image's placeholder, as a page saved as text or a scraper writes it ([图片：一图读懂…], [图片], 【图片】, a post's 图片 alone)
    ("image placeholder", re.compile(r"^\s*[\[【]\s*(图片|图|image|img)\s*([:：][^\]】]{0,80})?[\]】]\s*$|^\s*(图片|视频|image|img)\s*$", re.IGNORECASE)),
    # a forum's furniture around its posts (Discuz, 贴吧): its buttons, counts, members' ranks, floors and post stamps
    ("forum furniture", re.compile(r"^\W*(登录\s*(立即)?注册|返回列表\s*(发帖)?\s*(回复)?|发帖|回复|举报|只看该作者|只看楼主(\s+收藏\s+回复)?|倒序浏览|电梯直达|使用道具"
                                   r"|查看\s*[:：]\s*\d+\s*[|｜]\s*回复\s*[:：]\s*\d+|\d+\s*/\s*\d+\s*页|\[?复制链接\]?"
                                   r"|(中级|高级|注册|初级|资深|正式|金牌|银牌)会员|新手上路|楼主|沙发|板凳|地板|\d+\s*[#楼](\s+(19|20)\d{2}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2})?)?"
                                   r"|发表于\s*(19|20)\d{2}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?(\s*[|｜]\s*\S{2,6})*|本帖最后由\s*\S{1,20}\s*于\s*[\d\-/: ]{8,20}\s*编辑"
                                   r"|Powered by Discuz!?.*|GMT[+-]\d{1,2},.*|Archiver\s*[|｜].*|关注\s*[:：]\s*[\d,]+\s*贴子\s*[:：]\s*[\d,]+)\W*$", re.IGNORECASE)),
    # a social media account's card under a post's title (微信号 zjkfabu, 功能介绍 张家口市人民政府新闻办公室官方微信，…)
    # (…and the account's line of what it is: 肃南裕固族自治县融媒体中心官方公众号)
    ("social media profile", re.compile(r"^\W*(微信号\s*[:：]?\s*[A-Za-z][\w-]{3,30}|功能介绍\s*[:：]?\s*\S.{0,60}?(官方微信|公众号|订阅号|服务号|微信平台).{0,60}"
                                        r"|(?![\d一二三四五六七八九十]+[、.．])[^\s，。：:]{0,30}(融媒体中心|新闻中心|新闻办|发布|宣传部|人民政府|政府|日报|电视台|广播电视台|网信办|办公室|厅|局)"
                                        r"官方(微信)?(公众号|订阅号|服务号|微信|账号)([，,][^。！？\d，,]{0,30}[。！]?)?"
                                        # (the card's count of original posts and its label: 1篇原创内容 / 公众号)
                                        r"|\d+\s*篇原创内容|公众号"
                                        # (a repost's card: 以下文章来源于湄潭发布)
                                        r"|以下文章来源于\s*[^\s，,]{2,20}(\s*[，,]\s*作者\s*\S{2,30})?)$")),  # (…，作者寻乌县融媒体中心)
    ("reprint note", re.compile(r"^[\[【(（]\s*(文章|本文)?据.{1,40}(转发|转载|编发|整理)|转发时有改动|转载请注明|^[\[【(（]\s*来源[:：].{0,40}[\]】)）]$"
                                # (a repost's line of where it came from, and a collector's credit: 转自临泉县政府网, 整理：川考上岸宝典（如有侵权请联系删除）)
                                r"|^\s*(转自|转载自)\s*[^\s，。；,;：:]{2,20}\s*$|^\s*整理\s*[:：]\s*[^\s，。；,;（(]{2,20}\s*([（(][^（）()]{0,20}侵权[^（）()]{0,20}[)）])?\s*$|^[（(]?如有侵权.{0,12}删除[)）]?$")),
    # a table of contents' label (目　录, 目 录 CONTENTS); its entries are read below it (see ingest.mark_header)
    ("table of contents", re.compile(r"^\s*目\s*录(\s*CONTENTS)?\s*$", re.IGNORECASE)),
    # a page's number beside its running header (·1262·  沛县志（1991—2010）, 沛县志（1991—2010）  ·1263·)
    # (the page's number OCR'd letter-spaced too: · 1 5 6 ·)
    ("page number", re.compile(rf"^\s*(·\s*\d(?: ?\d){{0,3}}\s*·|[—-]\s*\d(?: ?\d){{0,3}}\s*[—-])\s+\S.{{0,30}}$|^(?![一二三四五六七八九十]{{1,3}}、|[（(])\S.{{0,30}}?\s+(·\s*\d(?: ?\d){{0,3}}\s*·|[—-]\s*\d(?: ?\d){{0,3}}\s*[—-])\s*$")),
    # a newspaper's or a magazine's name romanised on its masthead (MIANYANG RIBAO, ZHIBU SHENGHUO, 今日苍南 JINRI CANGNAN), a
    # magazine's issue (2018 · 7) and frequency (半月刊)
    ("masthead", re.compile(r"^\s*([\u4e00-\u9fff]{2,10}\s+)?(?=[A-Z\s]*[A-Z]{5})[A-Z]{2,}(\s+[A-Z]{2,}){1,4}\s*$|^\s*(19|20)\d{2}\s+·\s+\d{1,2}\s*$|^\s*(半月刊|月刊|周刊|旬刊|双月刊|季刊)\s*$")),
    ("page number", PAGE_NUMBER := re.compile(r"^[-—–－―─\s]*(\d{1,3}|(?<=[-—–－―─]\s)[IVXivx]{1,5}(?=\s[-—–－―─])|[·•]\s*\d(?: ?\d){0,2}\s*[·•]|第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})[-—–－―─\s]*$")),
    # a button's word alone (【打印】 字号：大 中 小, 【大】【中】【小】, 上一篇：…), not the first word of a sentence (关闭落后产能企业12家。
    # 关闭、搬迁养殖场47家。 分享经济健康发展。 上一篇章已经写就，… 扫一扫即可办理。)
    # a portal's weather widget (宜昌 多云 24℃~31℃, 今天 晴转多云 -3～8℃)
    ("share/print widget", re.compile(
        r"^[\[【〖]?\s*(分享到|分享至|加入收藏|设为首页|打印((本|此)[页文稿]|页面|文章)|关闭((本|此)?窗口|(本|此)页)|收藏(本|此)[页站文]|大[\s\]】〗\[【〖]*中[\s\]】〗\[【〖]*小|返回顶部"
        r"|(分享|打印|关闭|字号|字体|收藏|上一篇|下一篇|上一篇文章|下一篇文章|相关链接|相关阅读)(?=$|[\s:：】〗\]|｜/])|扫一扫[，,]?(?=.{0,16}$)(?!.*[。！？；、]))"
    )),
    # a site's advice on how to view it (建议使用IE5.0以上版本、800*600分辨率浏览, 推荐使用Chrome浏览器)
    ("browser hint", re.compile(r"^\W*(建议|推荐|最佳)(您)?(使用|采用|浏览)?[^。！？]{0,40}(IE\s*\d|以上版本|\d{3,4}\s*[*×xX]\s*\d{3,4})[^。！？]{0,30}$"
                                r"|^\W*(建议|推荐)(您)?(使用|采用)[^。！？，]{0,16}浏览器[^。！？，]{0,10}(访问|浏览)(本站|本网|本页|本网站)?\W*$")),
]
# What the name of an organ ends in (XX县人民政府, 中共XX县委办公室, 县委宣传部, 县融媒体中心)
ORGAN_WORDS = "人民政府|政府|行政公署|行署|委员会|党委|党组|党工委|办公室|办公厅|办事处|局|厅|委|办|中心|公司|协会|联合会|工作组|领导小组|指挥部|工作队|调查队|研究室|研究中心"
# The parts of an official document (公文) around its text: the red-head banner and the
# document number above, the disclosure note, the distribution list and the printing line
# below. They are metadata; the banner and the number go with the document's source.
# what a draft calls itself (征求意见稿, 讨论稿, 送审稿, 第三稿): no part of the title
DRAFT_MARK = r"(?:(?:提交|提请)[\u4e00-\u9fff]{0,4}?)?(?:征求意见稿|讨论稿|送审稿|审议稿|修改稿|修订稿|初稿|定稿|草稿|代拟稿|报审稿|第[一二三四五六七八九十\d]{1,2}稿|书面(?:报告|印发|发言|材料)?)"  # (（书面）: a report handed out, not read)
OFFICIAL_DOCUMENT = [
    # (an issuer's name: not a heading about documents, 一、认真学习贯彻郴州市委文件)
    ("red-head banner", re.compile(r"^(?![一二三四五六七八九十\d]+[、.．]|[（(])(?!.*(学习|贯彻|落实|传达|转发|印发|关于|有关|相关|上级|执行))(中共)?[\u4e00-\u9fff、\s]{2,40}"
                                   r"(委员会|人民政府|政府|办公室|办公厅|[县市区州省地盟旗]委|党委|党工委|行政公署|行署|局|厅)\s*文件$")),
    # (淳交建〔2023〕12号, a bare 〔2023〕9号, with its signer beside it as GB/T 9704 sets them: 签发人：方国平)
    # (OCR'd too: 宁政发〔2OO2〕45号, 涿政发[2012] l9号)
    ("document number", re.compile(r"^[\u4e00-\u9fff]{0,10}\s*[〔\[［(（]\s*(19|20|2[OoΟ])[\dOoΟ]{2}\s*[〕\]］)）]\s*[\dlOo]{0,3}\d[\dlOo]{0,2}\s*号(\s+签发人\s*[:：]\s*[\u4e00-\u9fff·、\s]{2,20})?$")),
    # a gazette's or a minutes' issue (第9期, （第9期）, 总第123期), a reply's class (A类)
    # (also the year's issue and the running one together: 2003年第3期（总第105期）)
    ("issue number", re.compile(r"^([（(]?\s*((19|20)\d{2}\s*年\s*)?(总\s*)?第\s*[0-9一二三四五六七八九十百〇零]{1,5}\s*期\s*[)）]?\s*){1,2}$")),
    # a gazette's name with its issue, as a PDF's first page and running header carry them (甘孜藏族自治州人民政府公报　2016年第2期)
    ("gazette header", re.compile(r"^[\u4e00-\u9fff]{2,30}公报\s*((19|20)\d{2}\s*年\s*)?(（?\s*(总\s*)?第\s*[0-9一二三四五六七八九十百〇零]{1,5}\s*期\s*）?\s*)+$"
                                  r"|^(?!.*(关于|印发|规范|编辑|发行))[\u4e00-\u9fff]{2,20}(人民政府|政府)公报$")),  # (its name alone, over its issue: 玉林市人民政府公报)
    ("document class", re.compile(r"^[A-DＡ-Ｄ]\s*类$")),
    ("reply class", re.compile(r"^类别\s*[:：]\s*[A-DＡ-Ｄ]\s*类(\s+[^\s，。]{2,24})?$")),  # (类别：B类 宜市教函〔2015〕28号)
    # a newspaper's page label on an e-paper copy (第A01版：要闻, 第3版:综合新闻)
    ("newspaper page", re.compile(r"^第\s*[A-Z]?\d{1,3}\s*版\s*([:：]|\s)\s*[\u4e00-\u9fff·]{0,8}$")),
    # (…and a PDF page's own, its column then its number: 要闻　2, 综合新闻 A3)
    ("newspaper page label", re.compile(r"^(要闻|综合|时政|经济|民生|社会|文化|理论|评论|专版|专题|特刊|副刊|县域|区县|政务|党建|城市|地方|国内|国际|体育)(新闻|经济|版)?"
                                  r"[\s\u3000]+[A-Z]?\d{1,2}$")),
    ("disclosure note", re.compile(r"^[(（]\s*此件(主动|不予|依申请)?公开(发布)?\s*[)）]$")),
    ("distribution list", re.compile(r"^(抄送|抄报|分送)\s*[:：]")),
    ("secretariat's print mark", re.compile(r"^(?!.*[已由经被将])[\u4e00-\u9fff]{0,20}(秘书处|办公室|办公厅)\s*印制?$")),  # (大会秘书处印)
    # (a meeting's secretariat prints its papers by the month: 大会秘书处　2016年9月印)
    ("printing line", re.compile(r"^[\u4e00-\u9fff、\s]{2,40}(19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发?$"
                                 r"|^[\u4e00-\u9fff、]{2,30}?(\s+|(秘书处|办公室|办公厅|委员会|政府|局|部)\s*)(19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*印制?$")),
    # a meeting's papers are labelled on their cover, and often on every page (大会文件, 全区经济工作会议文件之二,
    # 文登市第十七届人民代表大会第二次会议文件（1）, 2006年上海市农村工作会议材料之二): what the paper is, not its title; not a heading (二、会议材料)
    ("meeting paper label", re.compile(r"^(?![一二三四五六七八九十\d]+[、.．是]|[（(])(?!(学习|贯彻|研读|审议|做好|准备|印发|传达|落实|认真|深入|党的|关于|有关))"
                                       r"(?!.*(学习|研读|审议|分发|准备|阅读|认真|请|已|将|把|组织))"
                                       r"[\u4e00-\u9fff\d（）()]{0,40}?(会议|大会|全会)\s*(文件|材料)"
                                       r"(之[一二三四五六七八九十\d]{1,3}|\s*[（(]\s*[\d一二三四五六七八九十]{1,3}\s*[)）])?(\s*[（(【]\s*" + DRAFT_MARK + r"\s*[)）】])?$"
                                       r"|^会议(材料|文件)\s*(之[一二三四五六七八九十]{1,3}|[\d一二三四五六七八九十]{1,2})$")),
    # (a paper's number alone, 材料3, 文件（1）: near the top or the end only, as a body's 材料2 heads its part)
    ("paper number label", re.compile(r"^(材料|文件)\s*(之[一二三四五六七八九十]{1,3}|[\d一二三四五六七八九十]{1,2}|[（(]\s*[\d一二三四五六七八九十]{1,2}\s*[)）])$")),
    # who compiled a cover's papers (中共道县县委办公室  编印, 常州市地方志编纂委员会 编, 县委宣传部编): not its title
    ("compiler line", re.compile(rf"^(中共)?[\u4e00-\u9fff、]{{2,40}}({ORGAN_WORDS}|部|编纂委员会|编委会)\s*(编印|编制|汇编|编辑|主编|印制|编|\s主办)$")),
    # a yearbook's running header and its imprint (常州年鉴（2012）, 方志出版社  2012年11月第1版)
    # (…and its column beside it, as a PDF's running head sets it: 《荆州年鉴2011》·特载·)
    ("yearbook header", re.compile(r"^《?[\u4e00-\u9fff]{2,20}年鉴\s*[（(]?\s*(19|20)\d{2}\s*[)）]?》?(\s*[·•・]\s*[\u4e00-\u9fff]{2,6}\s*[·•・]?|\s+[\u4e00-\u9fff]{2,6})?$|^[\u4e00-\u9fff]{2,20}出版社(\s+.{0,30})?$")),
    # how a paper is to be handled (内部资料　注意保存, 此件仅供民主测评使用　会后收回, 秘密★1年)
    # (a draft's mark on a line of its own, above or under the title: 征求意见稿, （讨论稿）, 【送审稿】)
    ("draft mark", re.compile(rf"^[（(【\[]?\s*{DRAFT_MARK}\s*[)）】\]]?$")),
    ("handling mark", re.compile(r"^[（(]?([\u4e00-\u9fff]{2,30}(办公室|办公厅|政府|委员会|秘书处|组织部|宣传部|统战部|[省市县区州]委)\s+)?(?:(内部资料|内部文件|内部参考|内部刊物|内部发行|注意保存|妥善保存|妥善保管|会后收回|用后收回|会后退回|请勿外传|不得外传|"
                                 r"严禁外传|仅供参考|机密|秘密|绝密|此件仅供[^，。\s]{1,20}?使用|★\s*[\d一二三四五六七八九十]{1,2}\s*年)[\s\u3000★、，,]*){1,4}[)）]?$")),
]
NOT_SOURCE = {"disclosure note", "distribution list"}  # a distribution list names other units

# Keys of the "key：value" fields that site templates and scrapers write above (or below) a
# text, by what they say. A line starting with one is metadata, never a paragraph.
HEADER_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("标题", "文章标题", "题名", "题目", "文件名称", "文件标题", "信息名称", "访谈主题", "名称"),  # (名称 alone on a line is no header: see classify_line)
    "issuer": ("发文单位", "发文机关", "发文机构", "发文部门", "发布单位", "发布机构", "发布机关", "发布部门", "制发机关", "成文单位", "来源单位"),
    "issued": ("发文时间", "发文日期", "成文日期", "成文时间", "印发日期", "印发时间", "签发日期"),
    "posted": ("发布时间", "发布日期", "发稿时间", "发表时间", "更新时间", "更新日期", "上传时间", "填报时间", "PostBy", "发帖时间", "录入时间", "公开日期", "公开时间", "生成日期", "出版日期", "出版时间", "时间", "日期"),
    "url": ("来源URL", "来源网址", "来源链接", "原文链接", "原文地址", "原文网址", "文章链接", "本文链接", "网页地址", "页面地址", "链接", "网址", "URL"),
    "source": ("信息来源", "文章来源", "稿件来源", "新闻来源", "来源网站", "来源", "出处", "稿源"),
    "author": ("作者", "撰稿", "撰稿人", "撰文", "述职人", "访谈嘉宾"),  # (an online interview's guest: 访谈嘉宾：渝北区委副书记、区长 周建平)
    "summary": ("内容摘要", "内容提要", "摘要", "提要", "导读"),
    # a press conference's or meeting's header (above the text only: 主持人：… in a transcript is a turn)
    "event": ("发布地点", "发布人", "发布嘉宾", "主持人", "出席嘉宾", "会议地点", "地点", "参会人员", "参加人员", "出席人员", "出席领导",
              "列席人员", "与会人员", "记录人"),
    "furniture": (
        "阅读", "阅读量", "阅读数", "阅读次数", "阅读人次", "浏览", "浏览量", "浏览次数", "浏览人次", "点击", "点击数", "点击量", "点击次数", "访问量", "访问人次", "访问次数", "字体大小", "字体",
        # (an editor's credit after the writer's: 撰稿：王德康 编辑：秦敏娟)
        "编辑", "责任编辑",
        "评论", "评论数", "字号", "索引号", "信息索引号", "主题分类", "体裁分类", "组配分类", "内容分类", "信息分类", "信息类别", "分类", "栏目", "发文字号", "文号",
        "关键词", "关键字", "主题词", "有效性", "是否有效", "时效性", "公开方式", "公开范围", "签发人", "访谈状态",
        # a document-sharing site's particulars of a copy (文档格式：.doc 文档页数：5页, 上传者：…, 下载积分：1000)
        "文档格式", "文档页数", "文档大小", "文档热度", "文档分类", "上传者", "上传人", "下载积分", "下载券", "下载次数",
        # (…and a journal database's record of an article: 专辑：经济与管理科学 专题：农业经济 分类号：F320.3 下载：86 页数：3)
        "专辑", "专题", "分类号", "下载", "页数", "被引", "下载频次",
        # (…and a printed volume's colophon: 准印证号：…, 印　刷：…, 开　本：…, 印　数：…)
        "准印证号", "准印证", "开本", "印数", "印张", "书号",
        # (…and a gazette's or a journal's: 编辑出版：《…公报》编辑部)
        "编辑出版", "出版单位",
    ),
    # who attended a meeting, and who took its minutes (出席：…, 列席：…, 请假：…, 记录：…): a record's, anywhere
    "attendance": ("出席", "列席", "请假", "缺席", "记录"),
}
FIELD_ROLE = {key: role for role, keys in HEADER_FIELDS.items() for key in keys}
_FIELD_KEY = re.compile(
    r"(?:^|(?<=[\s|｜丨/／,，;；\]】]))[\[【]?\s*(?P<key>"
    # (a key letter-spaced to align a column of them: 索 引 号：, 文　　号：)
    + "|".join("[ \u3000]*".join(map(re.escape, k)) for k in sorted(FIELD_ROLE, key=len, reverse=True))
    + r")\s*[:：]",
    re.IGNORECASE,
)
_FIELD_JUNK = " \u3000|｜丨[]【】"


_SITE_BEFORE_FIELDS = re.compile(r"\s*(?:https?://)?(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|cn|net|org|gov)(?:\.cn)?/?\s+")


def _site_stamp(line: str, found: list) -> bool:
    """Whether a field after a site's address is a posting or issuing day, a stamp alone (:data:`_STAMP_VALUE`: 2021-03-02, or
    with the next fields after it), as a page's header line holds them (www.sxdaily.com.cn   来源：陕西日报   发布时间：2021-03-02)."""
    for m, nxt in zip(found, found[1:] + [None]):
        key = re.sub(r"[ \u3000]", "", m.group("key"))
        role = next((FIELD_ROLE[k] for k in FIELD_ROLE if k.lower() == key.lower()), "")
        if role in ("posted", "issued") and _STAMP_VALUE.fullmatch(line[m.end() :]):
            return True
    return False


def header_fields(line: str) -> tuple[tuple[str, str], ...]:
    """``((key, value), ...)`` of a line that starts with a header field (``标题：…``,
    ``发文时间：2009-02-05``, or several on one line: ``时间：2023-01-24 作者：某某 来源：政府官网
    阅读：283``), each value running to the next key; ``()`` for any other line. Keys are
    spelt as in :data:`HEADER_FIELDS` (``url`` as ``URL``)."""
    found = list(_FIELD_KEY.finditer(line))
    # (or the site's address before a posting's stamp: www.daliank.com   填报时间:2009-03-02; not before a notice's
    # line, www.ahrsks.cn   时间：2023年5月8日至5月12日)
    if not found or found[0].start() != 0 and not (_SITE_BEFORE_FIELDS.fullmatch(line[: found[0].start()]) and _site_stamp(line, found)):
        return ()
    out = []
    for m, nxt in zip(found, found[1:] + [None]):
        key = re.sub(r"[ \u3000]", "", m.group("key"))
        key = next(k for k in FIELD_ROLE if k.lower() == key.lower())
        value = line[m.end() : nxt.start() if nxt else len(line)].strip(_FIELD_JUNK)
        out.append((key, value))
    return tuple(out)


# a page's counters and its font-size switch, whose values are a count or nothing (点击次数：125, 字体大小：大 中 小), and a page's
# or a forum's stamps, whose values are a day or a time (更新日期：2021-01-20, Post By:2020/7/1 18:07:10)
_COUNTER_KEYS = {"点击次数", "访问次数", "字体大小", "字体"}  # (字体:大 中 小 发布时间:2020-08-25 08:13:16: the switch, then the page's fields)
_COUNTER_VALUE = re.compile(r"\s*(?:[\d,，.]+\s*万?\s*次?|(?:[大中小默认\s|｜【】\[\]〖〗]|打印|关闭|收藏|分享)*)\s*")  # (字体：大 中 小】【打印】【关闭)
_STAMP_KEYS = {"更新日期", "PostBy", "发帖时间"}
_STAMP_VALUE = re.compile(r"\s*(?:19|20)\d{2}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:\S{0,40}[:：].*)?")
# a government page's 信息公开 catalogue names the title 名称 (a word too common elsewhere to be a key)
_TABLE_KEYS = {"名称": "文件名称"}
# the keys only such a catalogue has; a row with none of them is a data table's
_CATALOGUE_KEYS = {"标题", "文件标题", "索引号", "信息索引号", "发布机构", "发文机关", "发文机构", "生成日期", "成文日期", "发布日期", "公开日期", "发文字号", "文号", "主题分类", "体裁分类", "组配分类", "主题词", "有效性", "是否有效"}


def table_fields(cells: list[str]) -> tuple[tuple[str, str], ...]:
    """The header fields of a table row that holds them, as a government page's 信息公开
    catalogue does (``| 索引号： | 006939276/2012-00123 | 分类： | 综合政务 |``, ``| 发布机构： |
    武冈市人民政府办公室 | 生成日期： | 2012-03-05 |``), or ``()``: its cells read as one line of
    ``key：value`` fields, every cell that ends in a colon being a key."""
    cells = [re.sub(r"[ \u3000]", "", c) if c.endswith(("：", ":")) else c for c in cells]  # (索 引 号：, 名 称：)
    keys = [c for c in cells if c.endswith(("：", ":"))]
    if not any(c.rstrip("：: ") in _CATALOGUE_KEYS for c in keys):
        return ()  # a data table's labels (| 名称： | 县人民医院住院楼 |, | 时间： | 2012年3月5日 |)
    text = " ".join(_TABLE_KEYS.get(c.rstrip("：: "), c.rstrip("：: ")) + "：" if c in keys else c for c in cells if c)
    fields = header_fields(text)
    return fields if len(fields) == len(keys) else ()


# (opened by the page's date and time, as some sites set it: 2017-06-12 08:34　来源：赣南日报　作者：…)
_META_SOURCE = re.compile(r"^((19|20)\d{2}[-./年]\d{1,2}[-./月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?\s*|\s+)(?=(信息|文章|稿件)?来源))?(信息来源|文章来源|稿件来源|来源|发布时间|发布日期|发稿时间|时间|日期)\s*[:：]")
_SOURCE_VALUE = re.compile(r"来源\s*[:：]\s*([^\s:：]+)")
# a newspaper's day under its masthead, with the weekday (and the lunar day): 2012年1月17日  星期二  农历辛卯年十二月廿四
# (see ingest.mark_header: only under a masthead)
PAPER_DAY = re.compile(r"^(19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s+星期[一二三四五六日天](\s+(农历)?\S{2,12})?(\s+\d{1,3})?$")  # (and the page's number)
# a newspaper's masthead over a clipping (锡林郭勒日报 2021-01-12 第01版, 人民日报 2023年3月2日 第4版): who printed it, and when
_MASTHEAD = re.compile(r"^(?P<paper>[\u4e00-\u9fff]{2,12}(?:日报|晚报|时报|早报|商报|周报|青年报|农民报|法制报|经济报))\s*(?:(?:19|20)\d{2}\s*(?:[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}|年\s*\d{1,2}\s*月\s*\d{1,2}\s*日))"
                       r"\s*(?:(?:星期|周)[一二三四五六日天])?\s*(?:第\s*[A-Z]?\d{1,3}\s*版(?:\s*[:：]?\s*[\u4e00-\u9fff]{0,8})?)?$")
# a gazette's or a journal's imprint: who runs it and the day the issue came out (成都市人民政府办公厅主办　　2003年3月10日出版)
_IMPRINT = re.compile(r"^(?P<paper>[\u4e00-\u9fff]{2,30}?)\s*(主办|编印|编辑出版|出版)\s*(19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(出版|印发|编印|印)?$")
_BYLINE = re.compile(r"^[(（]\s*(作者(?!单位)|文\s*/|本文作者)\s*(系|为|是|[:：/])?\s*(?P<who>.+?)[)）]\s*$")  # (not 作者单位：…, where the author works)
_AUTHOR_LINE = re.compile(r"^(作者|文|撰文|文\s*/)\s*[:：/／|｜]\s*(?P<who>\S.{0,40})$")
# Offices that sign a report or a speech: heads of governments (省长 … 盟长, a prefecture's
# 专员, a development zone's 管委会主任), party secretaries and committee members, heads of
# departments.
_OFFICES = OFFICES = "省长|市长|县长|区长|州长|旗长|盟长|镇长|乡长|专员|主任|主席|书记|秘书长|常委|部长|厅长|局长|政委|师长|院长|检察长"  # (政委, 师长: a 兵团 division's; 院长, 检察长: a court's, a procuratorate's)
# (the office one title, or up to four joined by 、 (青岛西海岸新区管委主任、黄岛区人民政府区长), not a list's label:
# 组长：县委书记 刘国强; the name a name's length, not a clause: 县委书记 要当好第一责任人)
# (an office may close with a group's lead after a real office: 市委书记、市委双拥工作领导小组组长 朴成哲; a 组长 alone is
# a list's label)
_TITLED_NAME = re.compile(rf"^(?P<office>(?:[^\s:：、]{{0,16}}(?:{_OFFICES})、){{0,3}}[^\s:：]{{0,16}}({_OFFICES})|(?:[^\s:：、]{{0,16}}(?:{_OFFICES})、){{1,3}}[^\s:：、]{{0,16}}组长)\s+(?P<who>[\u4e00-\u9fff]{{2,5}}|[\u4e00-\u9fff]{{1,8}}·[\u4e00-\u9fff·]{{1,12}})$")
# a government's head named after the office with no blank between (绵阳市人民政府市长刘超, 松溪县人民政府县长苏建旗): the
# name is the two or three characters after 长
_GOV_HEAD_CLOSED_UP = re.compile(r"(?P<office>[\u4e00-\u9fff]{2,20}人民政府(?:代理?)?[省市县区州旗盟]?长)(?P<who>[\u4e00-\u9fff]{2,3})")
# (what follows a head's office in a heading, not a name: 县长贺信, 市长马上办, 县长任期…)
_NOT_CLOSED_UP_NAMES = frozenset({"贺信", "贺词", "文章", "任期", "任免", "马上办", "金点子", "高峰会", "万人行", "于会上", "信箱", "热线", "助理", "办公会"})


def _spaced_head(line: str) -> str:
    """``line`` with a blank between a government head's office and a name closed up to it (松溪县人民政府县长苏建旗 →
    松溪县人民政府县长 苏建旗), so it reads as a byline; any other line as it is."""
    m = _GOV_HEAD_CLOSED_UP.fullmatch(line)
    return f"{m.group('office')} {m.group('who')}" if m and looks_like_person(m.group("who")) and m.group("who") not in _NOT_CLOSED_UP_NAMES else line


# The name first, then its office (王启武,系澧县县委书记): the name a person's (a surname
# and 1–3 characters, see looks_like_person) or a transcribed one with ·; the office one
# clause (县委副书记、县长, not 澧县人，曾任县长).
_NAME_THEN_OFFICE = re.compile(
    rf"^(?P<who>[\u4e00-\u9fff]{{2,4}}|[\u4e00-\u9fff]{{1,8}}·[\u4e00-\u9fff·]{{1,12}})\s*[,，]\s*(系|为|是|现任)?\s*(?P<office>[^\s,，;；]{{0,24}}({_OFFICES}))$"
)
_NAME_VALUE = re.compile(rf"^(([\u4e00-\u9fff、（）()]{{0,24}}({_OFFICES}))[\s\u3000]*)?[\u4e00-\u9fff·]{{2,4}}$|^[\u4e00-\u9fff·]{{2,4}}$")
_OFFICE_ONLY = re.compile(rf"^(?!访)(?:(?:[\u4e00-\u9fff（）]{{0,16}}(?:{_OFFICES})、){{0,3}}[\u4e00-\u9fff（）]{{0,16}}({_OFFICES})"
                          rf"|(?:[\u4e00-\u9fff（）]{{0,16}}(?:{_OFFICES})、){{1,3}}[\u4e00-\u9fff（）]{{0,16}}组长)$")


def office_only(line: str) -> bool:
    """A line that is only an office (区长, 集美区人民政府区长, 县委副书记、县长), as a cover sets it
    above its holder's name."""
    return (len(line) <= 30 and bool(_OFFICE_ONLY.match(line.strip())) and not re.search("关于|学习|贯彻|传达|的|在|对|总书记", line)
            and not _EPITHET.match(line.strip()))


# what opens a headline about an office-holder, not a byline (专访澧县县委书记王启武, 最美驻村第一书记, 记城头山镇党委书记…)
_EPITHET = re.compile("专访|走近|走进|记|优秀|最美|全国|全省|全市|全县|先进|模范|致|对话|访|我的|追记|追忆|缅怀")


_OFFICE_THEN_NAME = re.compile(rf"^(?P<office>[^\s:：\d]{{0,50}}?({_OFFICES}|组长))\s*(?P<who>[\u4e00-\u9fff]{{2,4}}?)(同志)?$")


def office_and_name(line: str) -> str:
    """The author (``何晓军（潮州市市长）``) of a line that is only an office and its holder's name,
    written together or the office letter-spaced (潮州市市长何晓军, 市 长 崔永辉), else ``""``."""
    tokens = line.split()
    if len(tokens) >= 3 and all(len(t) == 1 for t in tokens[:-1]):
        line = "".join(tokens[:-1]) + " " + tokens[-1]  # 市 长 崔永辉
    m = _OFFICE_THEN_NAME.match(line.strip())
    if m and looks_like_person(m.group("who")) and office_only(m.group("office")):
        return f"{m.group('who')}（{m.group('office')}）"
    # a long transliterated name set off by a blank (旗长 图门吉日嘎拉, 县长 阿不都热合曼): no word of a clause in it
    m = _OFFICE_LONG_NAME.match(line.strip())
    if m and office_only(m.group("office")) and not _CLAUSE_CHARS.search(m.group("who")):
        return f"{m.group('who')}（{m.group('office')}）"
    return ""


def _clause_not_name(who: str) -> bool:
    """Words after an office that read as a clause, not its holder's name (县委书记 要当好…, 组长 负总责,
    政委 要带头): no surname opens them, and a verb or an adverb does, or a particle is in them (not 刀建明,
    佟志刚, whose surnames are rarer)."""
    return not looks_like_person(who) and "·" not in who and (who[0] in "要抓把将当做推加负带牵总在对是有为以与及并亲" or bool(re.search("[的了们]", who)))


_OFFICE_LONG_NAME = re.compile(r"^(?P<office>[^\s:：\d]{1,30})\s+(?P<who>[\u4e00-\u9fff]{5,8}?)(同志)?$")
# what a clause after an office has and a transliterated name has not (县长 要抓好安全生产)
_CLAUSE_CHARS = re.compile("[要抓的了在是和对把将好当做推进加强高度重视实工作会议发展建设全县市区镇乡党委政府们我你他这那有为以及与"
                           "调研督导检查指述职报告致辞讲话慰问部署视察考察主持出席参加召开同志]")


# A reporter's byline (记者 刘晓燕, 本报记者 王某): the author is the name.
# (the outlet may be named: 兴义市融媒体中心记者, 黔西南日报记者, 新华社记者)
_OUTLET = r"(本报|本台|本网|新华社|[\u4e00-\u9fff]{2,16}?(融媒体中心|日报社?|晚报|报社|电视台|广播电视台|广播电台|新闻网|新闻中心|传媒集团))"
REPORTER_RANK = r"(?:特约|全媒体|融媒体?|首席|见习|实习)"  # a reporter's rank before 记者 (广州日报全媒体记者肖桂来)
_REPORTER = re.compile(r"^" + _OUTLET + r"?\s*" + REPORTER_RANK + r"?(记者|通讯员)\s*")
# A subtitle that names the speaker after it (——在州委经济工作会议上的讲话　杨振东).
SUBTITLE_SPEAKER = re.compile(r"^[—―–\-－]{1,2}\s*在.{2,60}?(上|时)的(讲话|报告|发言|致辞|工作报告)\s+(?P<who>[\u4e00-\u9fff·]{2,12})$")


# A title naming its speaker (县委书记王建勋在全县经济工作会议上的讲话, 王建勋同志在…上的讲话):
# after an office, the name any name (韦少华, 欧阳建国, 阿不都·热合曼); before 同志 alone, a
# person's (a common surname and one or two characters).
_SPEECH = (r"\s*[：:]?\s*在.{2,60}?(上|时)的(讲话|报告|发言|致辞|工作报告|政府工作报告|总结讲话|主持词)(稿|提纲|全文|摘要|节选)?"
           r"(\s*[（(【\[][^）)】\]]{0,20}[）)】\]])?\s*[。.!！]?\s*$")


def title_speaker(title: str) -> str:
    """The speaker a title names, as :func:`author_name` writes it (``王建勋（县委书记）``), or ``""``."""
    for k in (_KIND_THEN_SPEAKER.match(title), _SPEAKER_THEN_GREETING.match(title)):
        if k and looks_like_person(k.group("who")) and not _ABOUT_SPEECH.search(k.group("office")):
            return f"{k.group('who')}（{k.group('office')}）"  # (新春致辞 中共泉州市委书记 郑新聪, 钟祥市人民政府市长郭志泉新春致辞)
    m = _TITLE_SPEAKER.search(title)
    if not m or m.group("office") and _ABOUT_SPEECH.search(m.group("office")):
        return ""  # 关于学习县委书记王建勋在…上的讲话: about the speech, not by its speaker
    if m.group("who") and re.search(r"[省市县区州旗]长|书记|主任|委员|助理|代表|一行", m.group("who")):
        return ""  # 县委副书记兼县长, 县长助理, 主任委员: another office, not a name
    return f"{m.group('who')}（{m.group('office')}）" if m.group("who") else m.group("who2")


# a contributor's role in brackets after a name (县委办（供稿）, 王五（执笔）): no office
_CONTRIBUTED = re.compile(r"（(供稿|执笔|整理|撰稿|摄影|编辑|校对)）$")


def split_author(author: str) -> tuple[str, str]:
    """An author as :func:`author_name` writes it, cut into the person's name and the office:
    ``王予波（省长）`` → (王予波, 省长); a bare name (殷勇, 吴波 吴嘉辉) has no office, and an
    office alone (湘潭市委书记) or a body (县政府办公室) names no person. So the same person's
    texts group together whichever form each document gave (殷勇, 殷勇（北京市市长）)."""
    author = _CONTRIBUTED.sub("", author.strip()).strip()
    m = re.fullmatch(r"(?P<who>[^（）]+?)（(?P<office>[^（）]+)）", author) or re.fullmatch(rf"(?P<who>\S{{2,5}})\s+(?P<office>\S*({_OFFICES}))", author)
    if m and (m.group(0).endswith("）") or looks_like_person(m.group("who"))):
        return m.group("who").strip(), m.group("office").strip()  # 王予波（省长）, 王五 县长
    if re.search(f"({_OFFICES}|{ORGAN_WORDS}|部|处|科|院|所|队|组|报|网|台|社)$", author) and not looks_like_person(author):
        return "", author
    return author, ""


def author_name(who: str) -> str:
    """A byline's author as one form: ``name（office）`` for 市委书记 王五 and 王五,系市委书记,
    the name alone for 记者 刘晓燕, else as written."""
    who = who.strip()
    # (文/记者张永幸 图/通讯员黎进明: the words' credit, not the pictures')
    who = re.split(r"\s+(?:图|摄影?|视频)\s*[/／:：]", re.sub(r"^文\s*[/／:：]\s*", "", who), maxsplit=1)[0].strip() or who
    m = _TITLED_NAME.match(who)
    if m and not re.search(f"({_OFFICES})$", m.group("who")):
        return f"{m.group('who')}（{m.group('office')}）"
    m = _NAME_THEN_OFFICE.match(who)
    if m and ("·" in m.group("who") or looks_like_person(m.group("who"))):
        return f"{m.group('who')}（{m.group('office')}）"
    m = re.match(REPORTER_RANK + r"?记者\s*[:：]?\s*(?P<who>[\u4e00-\u9fff]{2,4})\s+(?:通讯员|实习生|见习记者|摄影|编辑)", who)
    if m and looks_like_person(m.group("who")):
        return m.group("who")  # (记者 沈佳 通讯员 顾晓东: the reporter's, the first role's)
    return _REPORTER.sub("", who) or who


SURNAMES = frozenset(
    "李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏"
    "钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文欧覃甘聂莫向"
    # less common ones, that seldom begin an ordinary word (not 安 严 祝 季 关 纪: 安全, 严格, 祝贺, 季度)
    "伍阮庞樊殷陶翟倪邢葛柯虞俞岳柴骆耿鲍甄裴闫颜詹滕窦缪巫凌冉韦蔺佘麦"
    "朴"  # (延边's Korean Chinese: 朴成哲)
)
# …and surnames common in the south and west (海南 符, 广东 冼 邝, 广西 岑 蒙 农 蓝, 海南 and 广东 云, 贵州 and
# 四川 苟 蒲 敖), many of which begin ordinary words (农业农村, 蓝图, 云计算): they count only where a place's
# name may end a person's name (县委书记　符文昌 names no 文昌市), never to read a line as a name
PLACE_NAME_SURNAMES = SURNAMES | frozenset("符冼邝岑蒙农蓝云苟蒲敖饶祁卓喻郎霍")
_TITLE_SPEAKER = re.compile(
    rf"(?:^|[\s—―–\-－：:])(?:(?P<office>[^\s，。：:—]{{0,16}}?({_OFFICES}))\s*(?P<who>[\u4e00-\u9fff]{{1,8}}·[\u4e00-\u9fff·]{{1,12}}|(?![亲带要在到对就等同代兼和与及并助委昨今首再一率陪出主专])[\u4e00-\u9fff]{{2,4}}?)(?:同志)?"
    rf"|(?P<who2>[{''.join(sorted(SURNAMES))}][\u4e00-\u9fff]{{1,2}}?)同志){_SPEECH}"
)
# words before an office that make a title one about a speech, not by its speaker (学习县委书记…, 热议县长…新春致辞)
_ABOUT_SPEECH = re.compile("学习|贯彻|传达|落实|关于|解读|热议|聆听|感悟|领会|^[对谈]")
# (…or a speech's kind, then its speaker's office and name: 新春致辞 中共泉州市委书记 郑新聪)
_KIND_THEN_SPEAKER = re.compile(rf"^\s*[\u4e00-\u9fff]{{0,8}}(?:致辞|致词|贺词|献词|讲话)\s+(?P<office>[^\s，。：:—]{{0,16}}?({_OFFICES}))\s*(?P<who>[\u4e00-\u9fff]{{2,3}})\s*$")
# (…or an office-holder's greeting: 庆元县人民政府县长叶青2016年新春致辞, 内乡县人民政府县长杨曙光发表二〇二一年新年贺词)
_SPEAKER_THEN_GREETING = re.compile(rf"^\s*(?P<office>[^\s，。：:—]{{0,20}}?({_OFFICES}))\s*(?P<who>[\u4e00-\u9fff]{{2,3}}?)\s*(?:发表)?\s*"
                                    r"(?:(?:19|20)\d{2}\s*年|二[〇○零O][一二三四五六七八九〇○零O]{2}年)?\s*(?:新春|新年|春节|元旦)?(?:致辞|致词|贺词|献词)\s*$")
_REPORTER_NAMES = r"(?:[" + "".join(sorted(SURNAMES)) + r"][\u4e00-\u9fff]{1,2}\s*){1,4}"
# (…or names of any of the common surnames (百家姓) set apart by spaces, the role words saying they are names: 记者 章晓蕾
# 通讯员 钱立; not a column's 记者 手记, 通讯员 风采, nor 记者 张晓 报道)
_BAIJIAXING = frozenset(
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳"
    "酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅"
    "庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干解应宗丁宣"
    "贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁荀羊惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲"
    "伊宫宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴胥能苍双闻莘党翟谭贡劳逄姬申"
    "扶堵冉宰郦雍却璩桑桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广"
    "禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾毋沙乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公覃邝冼岳"
    "肖付兰代谌揭练粟帅邸仝亓敬母税户初隋迟闫"  # (common today, missing from the old list)
    "次扎旦格尼索德多巴普丹"  # (Tibetan given names, used alone: 次仁, 扎西, 旦增, 格桑, 尼玛, 索朗, 德吉, 多吉, 巴桑, 普布, 丹增)
) | PLACE_NAME_SURNAMES
_ROLE_NAME = rf"(?!报道|供图|摄影|实习|编辑|特约|记者|通讯员)[{''.join(sorted(_BAIJIAXING))}][\u4e00-\u9fff]{{1,2}}"
_ROLE_NAMES = rf"(?<=[\s:：]){_ROLE_NAME}(?:\s+{_ROLE_NAME}){{0,3}}(?![\u4e00-\u9fff])"
_REPORTER_LINE = re.compile(  # the first role's names are the author: （记者 王晓燕 通讯员 陈刚）
    r"^[(（]?\s*" + _OUTLET + r"?\s*(" + REPORTER_RANK + r")?(记者|通讯员)\s*[:：]?\s*(?P<who>" + _REPORTER_NAMES + r"|" + _ROLE_NAMES + r")"
    r"([、，,\s]*(本报|本台|本刊)?(" + REPORTER_RANK + r")?(记者|通讯员)\s*[:：]?\s*(?:" + _REPORTER_NAMES + r"|" + _ROLE_NAMES + r"))?(\s*(整理|报道|摄影?|供图))?\s*[)）]?$"
)
_CLOSING = "。！？；!?;…”’」』"
# A table row as the readers write it (| a | b |; a | inside a cell is written \|).
_TABLE_ROW = re.compile(r"^\|.*\|$")


def table_cells(line: str) -> list[str] | None:
    """The cells of a table row as the readers write it (``| a | b |``, a ``|`` inside a cell
    written ``\\|``), or None for any other line."""
    if not _TABLE_ROW.match(line):
        return None
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip()[1:-1])]


# A list or heading number in Chinese numerals, as documents and Word's list formats write
# them (see readers._chinese_number): 三, 十二, 九十九, 一百〇三, 一千〇一十, 一○三 (Word's digit by
# digit, three digits: 二〇二三、 is a year) and the legal 壹拾贰, 壹佰零叁. 百姓、, 千、 and
# 十分 are not numbers.
CN_NUMBER = (
    "(?:[一二三四五六七八九][百千][〇○零一二三四五六七八九十百]*"
    "|[一二三四五六七八九][〇○零一二三四五六七八九]{2}"
    "|[一二三四五六七八九]?十[一二三四五六七八九]?"
    "|[一二三四五六七八九]"
    "|[壹贰叁肆伍陆柒捌玖拾][零壹贰叁肆伍陆柒捌玖拾佰仟]*)"
)
# The count of an enumeration in running text (一是 … 十一是 … 九十九是): not 十四五是, 七一是.
CN_ORDINAL = "(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"

_INLINE_HEADING = re.compile(rf"^({CN_NUMBER}[、.．]|[(（]{CN_NUMBER}[)）]|{CN_ORDINAL}是|第{CN_NUMBER}[,，、])")
_HAN_OR_WORD = re.compile(r"[\u3400-\u9fff\w]")

DATE_PATTERNS = [
    re.compile(r"(?P<y>(19|20)\d{2})\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})"),
    re.compile(r"(?P<y>(19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
]
_YEAR_ONLY = re.compile(r"(?P<y>(19|20)\d{2})\s*年")


@dataclass(frozen=True)
class LineKind:
    """What a line is: ``body``, ``heading``, ``boilerplate``, ``metadata``, ``table`` or ``blank``;
    ``reason`` names the rule, ``value`` carries what a metadata line says and ``fields``
    the ``(key, value)`` pairs of a header-field line (see :func:`header_fields`)."""

    kind: str
    reason: str = ""
    value: str = ""
    fields: tuple[tuple[str, str], ...] = ()


_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}
_CN_DATE = re.compile(
    r"(?P<y>[〇○零一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,2})\s*月\s*(?P<d>[一二三四五六七八九十]{1,3})\s*日"
)
_CN_YEAR = re.compile(r"(?P<y>(一九|二[〇○零])[〇○零一二三四五六七八九]{2})\s*年")
# Full-width digits (２０２１年) read as ASCII digits; the text keeps its length, so offsets hold.
_ASCII_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# 元月 is January (二〇一〇年元月十二日, 2010年元月12日): read as 一月 among Chinese numerals, else as 1月
# (both two characters, so offsets hold).
_FIRST_MONTH = re.compile(r"(?<=[〇○零一二三四五六七八九]年)元月|元月(?=[一二三四五六七八九十]{1,3}日)|(?P<digit>元月)")


_OCR_YEAR = re.compile(r"(?<![0-9A-Za-z])(?=[12][0-9OoΟ]{3}\s*[年.\-/])(?=[12]\d?[OoΟ]|[12]\d[0-9OoΟ][OoΟ])[12][0-9OoΟ]{3}")  # OCR's letter O in a year (2O18年, 2OO9年)


# what OCR and letter-spaced PDF text make of a date: a year's digits spaced (1 9 9 9年), a letter l for the
# 1 that opens a year (l999年), a letter O for a day's or a month's 0 (2月1O日) or for 〇 in a year in
# characters (二OO二年)
_SPACED_YEAR = re.compile(r"(?<![0-9A-Za-z])[12lOoΟ](?: [0-9lOoΟ]){3}(?= ?年)")
_SPACED_DAY = re.compile(r"(?<=[年月] )[0-3OoΟ] [0-9OoΟ](?= ?[月日])|(?<=[年月])[0-3OoΟ] [0-9OoΟ](?= ?[月日])")
_L_YEAR = re.compile(r"(?<![0-9A-Za-z])l(?=[0-9OoΟ]{3}\s*年)")
_OCR_DAY = re.compile(r"(?<=[0-9])[OoΟ](?=\s*[日月])|(?<=[月年])[OoΟ](?=[0-9]\s*[日月])")
_OCR_YUE = re.compile(r"(月\s*[\d〇○零一二三四五六七八九十OoΟl]{1,3}\s*)曰")  # OCR's 曰 for a day's 日 (二〇一七年二月十五曰)
_OCR_L_DAY = re.compile(r"(?<=[0-9])l(?=\s*[日月])|(?<=[月年])l(?=[0-9]?\s*[日月])")  # …and a letter l for a month's or a day's 1 (2018年l2月26日)
_OCR_CN_YEAR = re.compile(r"[一二][〇○零OoΟ一二三四五六七八九]{3}(?=\s*年)")


def _ocr_dates(text: str) -> str:
    """``text`` with the OCR's misreadings of dates (:data:`_SPACED_YEAR` …) undone, its length kept
    (a spaced year's blanks move after it)."""
    if re.search(r"[\dlOoΟ] [\dlOoΟ]", text):
        for spaced in (_SPACED_YEAR, _SPACED_DAY):
            text = spaced.sub(lambda m: m.group().replace(" ", "") + " " * m.group().count(" "), text)
    if "曰" in text:
        text = _OCR_YUE.sub(r"\1日", text)
    if re.search("[OoΟl]", text):
        text = _L_YEAR.sub("1", text)
        text = _OCR_YEAR.sub(lambda m: re.sub("[OoΟ]", "0", m.group()), text)
        text = _OCR_DAY.sub("0", text)
        text = _OCR_L_DAY.sub("1", text)
        text = _OCR_CN_YEAR.sub(lambda m: re.sub("[OoΟ]", "〇", m.group()), text)
    return text


def date_probe(text: str) -> str:
    """``text`` as the date patterns read it: full-width digits as ASCII, the OCR's misreadings of a
    date undone (2O18年, 1 9 9 9年, l999年, 2月1O日, 二OO二年: :func:`_ocr_dates`), 元月 as the first month.
    The same length as ``text``, so a match's offsets are the text's."""
    text = _ocr_dates(text.translate(_ASCII_DIGITS))
    return _FIRST_MONTH.sub(lambda m: "1月" if m.group("digit") else "一月", text) if "元月" in text else text


def _cn_number(s: str) -> int:
    """一 → 1, 十二 → 12, 二十七 → 27, 三十一 → 31."""
    if "十" not in s:
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def find_date(text: str) -> str:
    """The first full date in ``text`` (2023-03-02, 2026年2月3日, 二〇二六年一月二十七日, also
    with ○ for zero or in full-width digits) as ``YYYY-MM-DD``, or ``""``."""
    best = None
    text = date_probe(text)
    m = _CN_DATE.search(text)
    if m:
        y = int("".join(str(_CN_DIGITS[c]) for c in m.group("y")))
        mo, d = _cn_number(m.group("m")), _cn_number(m.group("d"))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            best = (m.start(), f"{y:04d}-{mo:02d}-{d:02d}")
    for pat in DATE_PATTERNS:
        for m in pat.finditer(text):
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
            if 1 <= mo <= 12 and 1 <= d <= 31 and (best is None or m.start() < best[0]):
                best = (m.start(), f"{y:04d}-{mo:02d}-{d:02d}")
            break
    return best[1] if best else ""


_STEMS, _BRANCHES = "甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉戌亥"
_LUNAR_MONTHS = {"正": 1, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "冬": 11, "十二": 12, "腊": 12, "臘": 12}
# a day of the Chinese calendar as a speech's page may give it alone under its title: （农历癸未年腊月二十六日）, 农历甲申年正月初八
LUNAR_DATE_LINE = re.compile(r"^[(（]?\s*(?:农历|農曆)?\s*(?P<y>[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥])年\s*(?P<m>正|冬|腊|臘|十[一二]?|[一二三四五六七八九])月"
                             r"\s*(?P<d>初[一二三四五六七八九十]|廿[一二三四五六七八九]?|卅|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日?\s*[)）]?$")


def lunar_date(line: str, near: int) -> str:
    """The day (``YYYY-MM-DD``) of a line that is only a date of the Chinese calendar with its year's
    stem and branch (（农历癸未年腊月二十六日）: 2004-01-17), the sixty-year cycle placed by the year
    ``near`` (the title's or the page's: 癸未 of a page of 2004 is the lunar year 2003), or ``""``
    (another line, a day its month lacks, a year outside the tables' 1900–2100). Converted with
    ``borax``'s tables."""
    from borax.calendars.lunardate import InvalidLunarDateError, LunarDate

    m = LUNAR_DATE_LINE.match(line.strip())
    if not m:
        return ""
    cycle = (_STEMS.index(m.group("y")[0]) * 6 - _BRANCHES.index(m.group("y")[1]) * 5) % 60  # its place in the cycle, 甲子 0
    year = min((y for y in range(near - 60, near + 61) if (y - 1984) % 60 == cycle), key=lambda y: (abs(y - near), y))
    if abs(year - near) > 1:
        return ""  # (a year of the cycle far from the title's or the page's: another year's, or a misreading)
    d = m.group("d").replace("初", "").replace("廿", "二十").replace("卅", "三十")
    try:
        return LunarDate(year, _LUNAR_MONTHS[m.group("m")], _cn_number(d)).to_solar_date().isoformat()
    except InvalidLunarDateError:
        return ""


def find_year(text: str) -> str:
    """The first year written as 2024年 or 二〇二四年 in ``text``, or ``""``; a target year
    (二〇三五年远景目标, 到2035年) or the end of a period (2021—2025年) is not the text's year."""
    text = date_probe(text)
    found = [(m.start(), m.group("y")) for m in _YEAR_ONLY.finditer(text) if not _target_year(text, m)]
    found += [(m.start(), "".join(str(_CN_DIGITS[c]) for c in m.group("y"))) for m in _CN_YEAR.finditer(text) if not _target_year(text, m)]
    return min(found)[1] if found else ""


_YEAR_MONTH_LINE = re.compile(
    r"^[(（]?\s*(?:(?P<y>(19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月|(?P<cy>(一九|二[〇○零])[〇○零一二三四五六七八九]{2})\s*年\s*(?P<cm>[一二三四五六七八九十]{1,2})\s*月)(\s+日)?\s*[)）]?$"
)


def year_month_line(line: str) -> str:
    """The month (``YYYY-MM``) of a line that is only a year and a month (``二〇一二年十二月``,
    ``（2012年12月）``, ``2010年元月``: a report's or a document's date without its day), or ``""``."""
    m = _YEAR_MONTH_LINE.match(date_probe(line.strip()))
    if not m:
        return ""
    year = m.group("y") or "".join(str(_CN_DIGITS[c]) for c in m.group("cy"))
    month = int(m.group("m")) if m.group("m") else _cn_number(m.group("cm"))
    return f"{year}-{month:02d}" if 1 <= month <= 12 else ""


_TARGET_BEFORE = re.compile(r"((?<!截)至|到|((19|20)\d{2}|(一九|二[〇○零])[〇○零一二三四五六七八九]{2})\s*年?\s*(—|–|-|－|~|～|至))\s*$")
_TARGET_AFTER = re.compile(r"\s*(远景|愿景)")


def _target_year(text: str, m: re.Match) -> bool:
    # 到2035年, 直至/乃至2035年 (not 截至2023年底), the end of 2021—2025年, 二〇二一—二〇二五年 or
    # 2021年至2025年 (not 人民政府—2024年…)
    return bool(_TARGET_BEFORE.search(text[max(0, m.start() - 8) : m.start()]) or _TARGET_AFTER.match(text, m.end()))


# Only at the top or bottom of a page: inside a report, 主办单位：… names a project's owner.
_EDGE_ONLY = {"site owner", "site address", "breadcrumb", "issue number", "newspaper page label", "document class", "handling mark", "draft mark", "weather widget", "paper number label",
              "menu row", "meeting paper label", "secretariat's print mark", "browser hint"}
# a portal's weather widget (宜昌 多云 24℃~31℃): furniture above a headline when it stands alone (a forecast lists several)
WEATHER = re.compile(r"^[\u4e00-\u9fff]{0,8}\s*(晴|多云|阴|小雨|中雨|大雨|暴雨|阵雨|雷阵雨|雨夹雪|小雪|中雪|大雪|阵雪|雾|霾|扬沙|浮尘)"
                     r"(转[\u4e00-\u9fff]{1,4})?\s*-?\d{1,2}\s*℃?\s*[~～\-－至/]\s*-?\d{1,2}\s*℃$")
# a breadcrumb without its key, opened by the site (芜湖市人民政府 > 政务公开 > 领导讲话): above a headline
# (…or by its place and the site's columns, 上海闸北 > 政务公开 > 领导讲话: columns' words after the arrows)
KEYLESS_CRUMB = re.compile(r"^([^>＞›»，。；！？]{0,20}(人民政府|政府网|门户网站|网站|网|在线|论坛|信息港|之窗|热线)|首页)(\s*[>＞›»]{1,2}\s*[^>＞›»，。；！？\s]{2,12}){2,}\s*$"
                           r"|^[\u4e00-\u9fff]{2,8}(\s*[>＞›»]{1,2}\s*[\u4e00-\u9fff]{0,8}(公开|讲话|动态|要闻|新闻|信息|专题|专栏|文件|资讯|之窗|领导|总结|计划|报告|规划|政务|工作)){2,}\s*$")
MENU_WORD = re.compile(r"(首页|公开|服务|互动|办事|动态|新闻|要闻|概况|专题|专栏|指南|交流|之窗|领导|信箱|下载|邮箱|视频|直播|登录|注册|客户端)$")  # (第一期 and A类 inside a text head its parts)
_DASHES = "—―–‒─━\\-－~～"
_DATELINE_START = re.compile(
    rf"^[{_DASHES}]*\s*[(（]?\s*(?:(19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月(\s*\d{{1,2}}\s*日)?|{_CN_DATE.pattern}|{_CN_YEAR.pattern.replace('?P<y>', '')}\s*[一二三四五六七八九十]{{1,2}}\s*月)"
)
# a date alone in brackets, the whole date (（2023年5月18日）, （2023.5.18）, （二〇二三年五月十八日）), which a speech's text may run on from
_BRACKETED_DATE = re.compile(
    rf"^\s*[(（]\s*(?:(19|20)\d{{2}}\s*(?:年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|[.．/-]\s*\d{{1,2}}\s*[.．/-]\s*\d{{1,2}})|{_CN_DATE.pattern.replace('?P<y>', '').replace('?P<m>', '').replace('?P<d>', '')})\s*[)）]"
)
# The end of a dateline: what follows the date on a whole-line dateline (the rule before
# run-in datelines were cut), and the meeting it names (…大会第六次会议上, …会议上的讲话).
_DATELINE_TAIL = re.compile(r".{0,100}(会议|大会|上|作|讲话|报告)")
_MEETING = re.compile(r"[，,]?[^，。；：,;:！？!?]{0,80}?(会议|大会|全会|会)\s*(开幕式|闭幕式|开幕|闭幕)?\s*上(的讲话|的报告|的政府工作报告)?")
_SPEAKER = re.compile(r"\s*[^\s，。；：,;:]{0,20}?(省长|市长|县长|区长|州长|旗长|盟长|镇长|乡长|专员|主任|主席|书记)\s*[\u4e00-\u9fff·]{2,12}?(同志)?(所作|作)?(政府工作报告)?(?=\s|$)")
_CLOSE = re.compile(r"\s*[)）]")
_COMMA = re.compile(r"\s*[，,]")
_SET_OFF = re.compile(rf"[{_DASHES}(（]")
# After a dateline, the start of the report itself (各位代表：现在，…) rather than the speaker.
_BODY_LIKE = re.compile(r"[：:，,；;！？!?]|。.")
_DATELINE_AUTHOR = re.compile(r"(省长|市长|县长|区长|州长|旗长|盟长|镇长|乡长|专员|主任|主席|书记)\s*(?P<who>[\u4e00-\u9fff·]{2,12}?)(同志)?(作|在|所作)")


class Dateline(NamedTuple):
    """A report's dateline: its ``date`` (YYYY-MM-DD, or ``""`` when it gives only a year and
    month, as 2024年1月在…), ``speaker`` (or ``""``) and ``end``,
    the length of the dateline at the start of its line (the rest is the report's text)."""

    date: str
    speaker: str
    end: int


def dateline(line: str) -> Dateline | None:
    """The dateline a report opens with (——2025年1月14日在…大会第四次会议上 省长某某), or None.

    The date may be written with any dash (——, ――, --, —, －－), in brackets, spaced out
    (—— 2021 年 1 月 31 日), in Chinese numerals (二〇二一年一月三十一日) or full-width digits.
    A dateline run into the text on one line (…第六次会议上各位代表：现在，我代表…) ends after
    its meeting (and a speaker set off by blanks), a date alone in brackets after its bracket
    (（2023.5.18）尊敬的各位领导…); a whole line is a dateline only up to 160
    characters and when what follows the date is not a sentence of the report.
    """
    probe = date_probe(line)
    bracketed = _BRACKETED_DATE.match(probe)
    if bracketed and find_date(bracketed.group(0)) and len(line) > bracketed.end():
        return Dateline(find_date(bracketed.group(0)), "", bracketed.end())  # （2023.5.18）尊敬的各位领导…: the date run into the text
    start = _DATELINE_START.match(probe)
    if not start:
        return None
    meeting = _MEETING.match(probe, start.end())
    if not meeting and not find_date(probe[: start.end()]):
        return None  # a year and month alone (2024年6月全县经济运行分析) open many titles
    end = len(line)
    if meeting:
        cut = meeting.end()
        speaker = _SPEAKER.match(probe, cut)
        cut = speaker.end() if speaker else cut
        close = _CLOSE.match(probe, cut)
        cut = close.end() if close else cut
        rest = probe[cut:].strip()
        if rest and _is_body(rest):
            if _COMMA.match(probe, start.end()) and not close and not _SET_OFF.match(probe):
                # a news lead (2023年2月9日，县委书记某某在…会议上强调，…), not a dateline run into the text
                # (——2023年1月10日，在…会议上 各位代表：…, set off by its dash)
                return None
            end = cut
    elif not _DATELINE_TAIL.match(probe, start.end()) or _is_body(probe[start.end() :]):
        return None
    if end > 160:
        return None
    m = _DATELINE_AUTHOR.search(line[:end])
    who = m.group("who") if m else ""
    if not who and meeting and speaker:  # a speaker set off after the meeting (…会议上 武侯区人民政府区长 刘思远)
        titled = _TITLED_NAME.match(_spaced_head(line[meeting.end() : speaker.end()].strip()))  # (…会议上 绵阳市人民政府市长刘超)
        who = author_name(titled.group(0)) if titled else ""
    return Dateline(find_date(line[:end]) or _blank_day(line[:end]), who, end)


# a draft's date with its day left blank for the meeting to fill in (——2021年1月  日在…会议上, 2021年1月__日): its month
_BLANK_DAY = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?:[\s\u3000]+|[\s\u3000]*[_＿×Ｘ]{1,4}[\s\u3000]*)日")


def _blank_day(text: str) -> str:
    """``YYYY-MM`` of a date whose day is left blank (2021年1月  日), else ``""``."""
    m = _BLANK_DAY.search(date_probe(text))
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}" if m and 1 <= int(m.group(2)) <= 12 else ""


def _is_body(rest: str) -> bool:
    """Text after a date that reads as the report's sentences, not as its dateline."""
    return len(rest) > 40 or bool(_BODY_LIKE.search(rest.strip()))


def _attendance(fields: tuple[tuple[str, str], ...], line: str) -> bool:
    """A record's attendance line (出席：李树军　张海龙, 请假：孙志刚（在省委党校学习）, 记录：县政府办公室　杨丽华):
    names, no sentence (请假：干部职工因事请假，…报办公室备案。 is a rule's text)."""
    # (names may be set apart by ；: 出席：晋江市教育局局长　蔡明辉；晋江市卫生健康局副局长　吴丽娟)
    parts = [p.strip() for p in re.split(r"[；;]", fields[0][1]) if p.strip()]
    return (FIELD_ROLE[fields[0][0]] == "attendance" and not re.search(r"[。！？]", line)
            and (len(parts) < 2 or all(re.search(rf"([\s\u3000、，,]|{_OFFICES})[\u4e00-\u9fff·]{{2,8}}$", p) or looks_like_person(p) for p in parts)))


_PINYIN_SYLLABLE = ("(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|vn"
                    "|ia|ie|iu|ua|uo|ui|ve|ue|er|a|o|e|i|u|v)")


def pinyin_line(line: str) -> bool:
    """A line of romanised words, each pinyin syllables (MIANYANG RIBAO, ZHIBU SHENGHUO; not GOVERNMENT WORK REPORT)."""
    words = line.split()
    return bool(words) and all(re.fullmatch(f"(?:{_PINYIN_SYLLABLE})+", w.lower()) for w in words if not w.isdigit())


# A line in another script and no Chinese: the Uyghur, Kazakh, Mongolian, Tibetan, Yi or Korean header of
# an autonomous area's page or paper above its Chinese one (not a Chinese text's content)
OTHER_SCRIPT = "another script, no Chinese (a bilingual header's other language)"
_SCRIPTS = re.compile("[\u0590-\u08ff\u0f00-\u0fff\u1100-\u11ff\u1800-\u18af\ua000-\ua4cf\uac00-\ud7af\ufb50-\ufdff\ufe70-\ufeff]")


def _other_script(line: str) -> bool:
    """Whether ``line`` has no Han character and is mostly letters of the scripts of China's autonomous
    areas (Arabic-script Uyghur and Kazakh, Mongolian, Tibetan, Yi, Korean)."""
    if re.search("[\u4e00-\u9fff\u3400-\u4dbf]", line):
        return False
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(bool(_SCRIPTS.match(c)) for c in letters) >= 0.6 * len(letters)


def classify_line(line: str, heading_max_chars: int, edge: bool = True) -> LineKind:
    """Classify one cleaned line on its own (the header zone is decided by the caller).

    ``edge`` says whether the line stands near the top or bottom of its file, where site
    owner lines (主办单位…) are furniture rather than content.
    """
    if not line:
        return LineKind("blank")
    if not _HAN_OR_WORD.search(line):
        return LineKind("boilerplate", "no text (punctuation or symbols only)")
    if _other_script(line):
        return LineKind("boilerplate", OTHER_SCRIPT)
    cells = table_cells(line)
    if cells is not None and len(filled := [c for c in cells if c.strip()]) == 1 and "|" not in filled[0]:
        return classify_line(filled[0].strip(), heading_max_chars, edge)  # (a layout's one-cell row: | 发布日期：… 信息来源：… |)
    if cells is not None:
        fields = table_fields(cells)
        if fields:
            return LineKind("metadata", "header fields", "", fields)
        if any(c.count("|") >= 2 for c in cells) and len(line) <= _SHORT:  # a menu written into one cell
            return LineKind("boilerplate", "navigation")
        if not any(len(c) >= 40 or c.endswith(tuple("。！？；")) for c in cells):
            return LineKind("table", "table row (cells, not running text)")
        return LineKind("body")  # a row holding sentences (一 | 全面推进乡村振兴，…。)
    if len(line) <= _SHORT:
        # (set letter-spaced, as a red head or a cover is: 巴 彦 淖 尔 盟 行 政 公 署 文 件, …第五次会议 文 件（1）)
        compact = closed_up(line)
        for reason, pat in OFFICIAL_DOCUMENT:
            if (pat.match(line) or compact != line and pat.match(compact)) and (edge or reason not in _EDGE_ONLY):
                return LineKind("metadata", reason)
        if edge and len(parts := line.split()) >= 2:
            # a cover's labels side by side (请勿外传          会议材料之三): metadata when each is one
            reasons = [next((r for r, pat in OFFICIAL_DOCUMENT if pat.match(part)), "") for part in parts]
            if all(reasons):
                return LineKind("metadata", reasons[0])
        for reason, pat in BOILERPLATE:
            if (edge or reason not in _EDGE_ONLY) and pat.search(line):
                if reason == "menu row" and sum(bool(MENU_WORD.search(t)) for t in line.split()) < 3 and not line.lstrip().startswith("首页"):
                    continue  # (a row of words is a menu's only with two of its words: 政务公开, 办事指南)
                if (reason == "share/print widget" and (fields := header_fields(line)) and fields[0][0] in _COUNTER_KEYS and _COUNTER_VALUE.fullmatch(fields[0][1])
                        and any(FIELD_ROLE.get(key) in ("posted", "issued") and value for key, value in fields[1:])):
                    continue  # (the font switch, then the page's fields: 字体:大 中 小 发布时间:2020-08-25 08:13:16 稿源:)
                return LineKind("boilerplate", "navigation" if reason == "menu row" else reason)
        fields = header_fields(line)
        if fields and fields[0][0] == "述职人" and not _NAME_VALUE.match(fields[0][1]):
            fields = ()  # (述职人：应当… would be a rule's sentence)
        if fields and fields[0][0] == "名称" and not _catalogue_name(fields):
            fields = ()  # (名称：县人民医院住院楼 is a list's item; 名称：…关于…的通知, or beside 文号, a catalogue's title)
        if fields and (fields[0][0] in _COUNTER_KEYS and not _COUNTER_VALUE.fullmatch(fields[0][1])
                       or fields[0][0] in _STAMP_KEYS and not _STAMP_VALUE.fullmatch(fields[0][1])):
            fields = ()  # (点击次数：全年首页点击次数达126万次… is a report's sentence; 更新日期：2019年1月1日起执行。 a notice's)
        if fields and fields[0][0] in ("专题", "下载") and re.search("[，。；！？,;]", fields[0][1]):
            fields = ()  # (专题：深入学习贯彻…，… is a study plan's item; 专题：农业经济, a journal database's field)
        if m := _META_SOURCE.match(line):
            # (its fields after the page's date and time it opens with: 2020-02-14 10:26:37 来源：昆山日报 作者：记者 沈佳)
            fields = fields or (header_fields(line[m.end(1):]) if m.group(1) else ())
            m = _SOURCE_VALUE.search(line)
            return LineKind("metadata", "source/date line", m.group(1) if m else "", fields)
        if m := _MASTHEAD.match(line.strip()) or _IMPRINT.match(line.strip()):
            return LineKind("metadata", "source/date line", m.group("paper"))
        if len(fields) >= 2:
            return LineKind("metadata", "header fields", "", fields)
        if len(re.findall(r"[|｜]", line)) >= 2 and len(line) <= 80 and not _TABLE_ROW.match(line):
            return LineKind("boilerplate", "navigation")
        probe = unspaced_name(line.lstrip("□■ "))  # (a magazine's byline mark: □ 中共淄博市委书记  周连华)
        if edge:
            probe = _spaced_head(probe)  # (a report's speaker closed up to the office, in its header: 松溪县人民政府县长苏建旗)
        m = _BYLINE.match(probe) or _AUTHOR_LINE.match(probe) or _TITLED_NAME.match(probe) or _REPORTER_LINE.match(probe)
        if m and not (m.re is _TITLED_NAME and _clause_not_name(m.group("who"))):
            who = m.group(0) if "office" in m.groupdict() else m.group("who")
            who = re.split(r"\s+(?=(?:19|20)\d{2}[-/.年]\d{1,2})", who, maxsplit=1)[0]  # (作者：林建国 2022-06-01 09:00:00: not the time)
            if m.re is _BYLINE and m.group(2) in ("系", "为", "是"):
                who = re.split(r"[。；;]", who)[0]  # (（作者系宜宾市人民政府市长。本文根据其…讲话整理）: the office, not the note after it)
            return LineKind("metadata", "byline", author_name(who))
        if fields and (FIELD_ROLE[fields[0][0]] != "attendance" or _attendance(fields, line)):
            return LineKind("metadata", "header fields", "", fields)
    else:
        # a long line is a header only when it holds several fields, or a summary (内容摘要：…), or a catalogue's 名称 of a document
        fields = header_fields(line)
        if fields and fields[0][0] == "名称" and not _catalogue_name(fields):
            fields = ()
        if len(fields) >= 2 or fields and (FIELD_ROLE[fields[0][0]] == "summary" or _attendance(fields, line) or fields[0][0] == "名称"):
            return LineKind("metadata", "header fields", "", fields)
    url = url_line(line)
    if url:
        return LineKind("metadata", "url", url, (("URL", url),))
    if re.match(r"\s*[【\[]?\s*编者按\s*[】\]]?\s*[:：]?\s*\S{6}", line):
        return LineKind("body")  # an editor's note opens text, however short its first line (编者按：3月3日，省委农村工作会议暨全)
    if is_heading(line, heading_max_chars) or _SPEECH_TITLE_LINE.fullmatch(line.strip()):
        return LineKind("heading", "heading")
    return LineKind("body")


# a speech's or a report's title, however long its meeting's name (在全市解放思想推动高质量发展大讨论启动会议暨市委理论中心组学习
# (扩大)会议上的讲话): a heading, as a short line is; no sentence's punctuation in it
_SPEECH_TITLE_LINE = re.compile(r"(?:[^。！？；，,：:]{0,40}?[\s—―]+)?在(?:(?!上的(?:讲话|报告|致辞|发言))[^。！？；，,]){4,90}?(?:会议?|仪式|典礼|论坛)"
                                r"(?:开幕式|闭幕式|开班式|结业式)?上的(?:重要)?(?:讲话|报告|工作报告|致辞|发言|总结讲话)(?:[（(][^）)]{1,8}[)）])?")


# an official document's title, however long (锡林郭勒盟行政公署办公室关于印发…工作实施方案的通知): 关于…的 and
# what the document is, no sentence's punctuation, no outline number (二、审查和批准关于…的报告 is an agenda's item)
# what an official document is, as its title ends (…的通知, …的实施方案)
DOCUMENT_KINDS = "通知|通报|意见|决定|报告|批复|复函|函|请示|公告|通告|办法|规定|方案|决议|命令"
# what an official title may say of its kind before it (…的若干意见, …的实施办法, …的补充通知)
_KIND_QUALIFIER = "(实施|若干|指导|补充|紧急)"
DOCUMENT_TITLE = re.compile(rf"^(?![一二三四五六七八九十\d]+[、.．]|[（(])[^。；;：:！？!?，,]{{0,60}}?关于[^。；;：:！？!?，,]{{2,100}}的{_KIND_QUALIFIER}?({DOCUMENT_KINDS})$")


# a value that names a document: an official one's title (…关于…的通知) or one ending in what it is (…的讲话, …工作报告)
_NAMES_DOCUMENT = re.compile(r"关于.{2,100}的" + _KIND_QUALIFIER + r"?(通知|通报|意见|决定|报告|批复|复函|函|请示|公告|通告|办法|规定|方案|决议)\s*$|(讲话|报告|总结|方案|要点|思路|计划|打算|设想|规划|纲要)\s*$")


def _catalogue_name(fields: tuple[tuple[str, str], ...]) -> bool:
    """A 名称 field that is a catalogue's: it names a document, or a catalogue's key stands beside it (文号, 索引号);
    not a list's item (名称：县人民医院住院楼, 名称：全县农民运动会 时间：2023年9月20日)."""
    return bool(_NAMES_DOCUMENT.search(fields[0][1].strip())) or any(key in _CATALOGUE_KEYS for key, _ in fields[1:])


def closed_up(line: str) -> str:
    """``line`` without the blanks set between its characters (巴 彦 淖 尔 盟 行 政 公 署 文 件, …会议 文 件（1）)."""
    return _LETTER_SPACE.sub("", line) if " " in line or "\u3000" in line else line


_LETTER_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff（(])")


# a transcript's speaker label on a line of its own (【主持人　林雅琴】, [发布人 许文杰], 【记者】)
# (a name written on without a blank opens with a surname: 【主持人林雅琴】, not 【记者手记】, 【问题】)
TURN_LABEL = re.compile(r"^[【\[]\s*(主持人|发布人|发言人|嘉宾|记者|答|问|提问)([\s\u3000]+[\u4e00-\u9fff·]{2,14}|["
                        + "".join(sorted(SURNAMES)) + r"][\u4e00-\u9fff]{1,3})?\s*[】\]]$")


# a note in brackets after a sentence: （掌声） （按可比价格计算）
_NOTE_AFTER = re.compile(r"[（(][^（）()]{1,24}[）)]\s*$")


_INTERJECTION = re.compile(r"^[（(][^（）()]{0,10}(掌声|笑声|鼓掌|欢呼|会场|停顿|全场)[^（）()]{0,10}[）)]$")


def without_note(line: str) -> str:
    """``line`` without a bracketed note at its end (``…大关。（掌声）`` → ``…大关。``): what
    tells whether it ends a sentence. A line that is only a note is returned whole."""
    return _NOTE_AFTER.sub("", line).rstrip() or line


# a list number alone on its line (一、 3、): its heading follows on the next line
BARE_NUMBER = re.compile(rf"\s*({CN_NUMBER}|\d{{1,2}})[、，,]\s*")


# the word that heads a text's notes or glossary, alone on its line with its colon (注释：, 名词解释：)
_NOTES_HEAD = re.compile(r"\s*(注释|附注|名词解释|名词注释)\s*[:：]\s*")  # (not 注：, a table's note)


# a headline whose colon sets off its subject, a unit (马站镇：“积分制”让乡村治理有了“分量”)
_SUBJECT_HEADLINE = re.compile(r"^[\u4e00-\u9fff]{1,12}(镇|乡|县|市|区|村|街道|社区|局|委|旗|州|园区)[：:]")


def is_heading(line: str, heading_max_chars: int) -> bool:
    """A short line that does not end like a sentence (一、…, （三）…, a title).

    A short line ending in 。！？； or a colon is a sentence or a lead-in (各位代表：,
    14.“双招双引”：招才引智、招商引资。), and one ending in a comma is a sentence cut short;
    they stay body text, merged with a neighbour.
    """
    if len(line) > heading_max_chars or _INTERJECTION.match(line):
        return False  # (a speech's （全场热烈鼓掌） on its own line heads nothing)
    if _NOTES_HEAD.fullmatch(line):
        return True  # 注释： alone on its line heads the notes below it, as 名词解释 does
    bare = without_note(line)
    # a quotation closing the line ends a sentence only with the sentence's end inside it
    # (他强调：“要抓好落实。”); a quoted name (实现“开门红”, 深入实施“强省会”战略) ends none
    # (a clause with commas before it is a sentence cut short: …,展现了经济发展“安居速度”; a quotation
    # after a colon is a saying, 习近平总书记指出：“绿水青山就是金山银山”; one with a note after it, a
    # sentence: 实现了“开门红”（掌声）)
    # (an outline's numbered heading writes its comma: 五、加强自身建设，打造“四个机关”)
    # (but a headline whose colon sets off its subject, 马站镇：“积分制”让乡村治理有了“分量”, is no saying: the quotation
    # after its colon is not the rest of the line)
    quoted = bare.rstrip("”’」』")
    if quoted and quoted != bare and bare == line:
        level = numbering(line)
        subject = (head := _SUBJECT_HEADLINE.match(bare)) and not re.fullmatch(r"(\s*“[^“”]*”)+\s*", bare[head.end():])
        stops = "[；;。]" if level is not None and level <= _HEADING_NUMBERING else "[，,；;。]" if subject else "[，,；;。：:]"
        end = quoted[-1] if not re.search(stops, quoted) else bare[-1]
    else:
        end = bare[-1]
    if end in _CLOSING or end in "：:":
        return False
    return line[-1] not in "，,、" or bool(BARE_NUMBER.fullmatch(line))  # 一、 alone is a heading's number


_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "夏侯", "司徒", "尉迟", "长孙", "宇文", "公孙", "轩辕", "端木")


# a two-character name spaced out to the width of three, as typeset bylines do (县长  谭　勇)
_SPACED_NAME = re.compile(r"(^|\s)([\u4e00-\u9fff])[ \u3000]{1,3}([\u4e00-\u9fff])$")


_SPACED_NAMES = re.compile(r"(^|\s)((?:[\u4e00-\u9fff][ \u3000]{1,3}[\u4e00-\u9fff](?:[ \u3000]{1,3}|$)){2,4})$")


_SPACED_BEFORE_NAME = re.compile(r"(^|\s)([\u4e00-\u9fff])[ \u3000]{1,3}([\u4e00-\u9fff])(?=[ \u3000]+[\u4e00-\u9fff]{2,3}$)")
_SPACED_THREE = re.compile(rf"(^|\s|{_OFFICES})([\u4e00-\u9fff])[ \u3000]{{1,3}}([\u4e00-\u9fff])[ \u3000]{{1,3}}([\u4e00-\u9fff])$")


def unspaced_name(line: str) -> str:
    """``line`` with a two-character name at its end written without the blanks typesetting
    puts inside it (``县长  谭　勇`` → ``县长  谭勇``, ``谭　勇`` → ``谭勇``), or several such names
    when each begins with a surname (``本报记者　王　梅　陈　涛`` → ``本报记者　王梅 陈涛``)."""
    line = line.rstrip()
    m = _SPACED_NAMES.search(line)
    if m:
        chars = m.group(2).split()
        if all(c in SURNAMES for c in chars[::2]):
            return line[: m.start(2)] + " ".join(a + b for a, b in zip(chars[::2], chars[1::2]))
    m = _SPACED_THREE.search(line)
    if m and m.group(2) in SURNAMES:  # a three-character name letter-spaced after its office (市长 陈 立 新)
        return line[: m.start(2)] + m.group(2) + m.group(3) + m.group(4)
    m = _SPACED_BEFORE_NAME.search(line)
    if m and m.group(2) in SURNAMES:  # (…and one before a name written closed up: 本报记者　王　珏　宋朝军)
        line = line[: m.start(2)] + m.group(2) + m.group(3) + line[m.end(3) :]
    return _SPACED_NAME.sub(r"\1\2\3", line)


# words a document sets alone on a line that open with a surname (文件 under a red head's issuers, 简报, 纪要): no one's name
_NOT_NAMES = frozenset("文件 简报 公报 纪要 方案 管理 经济 发展 建设 通报 汇报 汇编 简讯 要闻 时政 常务 常委 专职 龙头".split())


def looks_like_person(line: str) -> bool:
    """A bare 2–4 character name such as 李军 or 欧阳明 (a byline above the text)."""
    return (2 <= len(line) <= 4 and (line[0] in SURNAMES or line[:2] in _COMPOUND_SURNAMES) and all("\u4e00" <= c <= "\u9fff" for c in line)
            and line not in _NOT_NAMES and not (len(line) == 4 and line.endswith(_DECK_ACTS)) and not (len(line) == 4 and line.endswith(_MEDIA_WORDS) or len(line) == 3 and line.endswith(_MEDIA_WORDS[3:])))


# what a news site's, a column's or an account's name ends in (武进新闻, 高平发布, 钟祥日报): no four-character name ends so,
# nor a three-character one in the words after the first three (王之声, 李新闻 may be names)
_MEDIA_WORDS = ("新闻", "发布", "之声", "日报", "晚报", "时报", "在线", "头条", "快讯", "要闻", "资讯", "视窗", "融媒")


# what a headline's deck says a leader did (刘宁主持, 王五讲话 under …常务会议): no name ends so
_DECK_ACTS = ("主持", "出席", "讲话", "致辞", "调研", "强调", "指出", "参加", "会见")


# The outline of official documents, outermost first: 第一部分/篇/编 > 第一章 > 第一节 > 一、 >
# （一） > 1. > (1) > 一是/第一，; a heading without a number sits at the level of （一）.
_OUTLINE = [
    rf"^第{CN_NUMBER}(部分|篇|编)",
    rf"^第{CN_NUMBER}章",
    rf"^第{CN_NUMBER}节",
    rf"^{CN_NUMBER}[、.．]",
    rf"^[(（]{CN_NUMBER}[)）]",
    r"^\d{1,2}[、.．]",
    r"^[(（]\d{1,2}[)）]",
    rf"^({CN_ORDINAL}是|第{CN_NUMBER}[,，、])",
]
_UNNUMBERED_LEVEL = 4
_HEADING_NUMBERING = 4  # 第一部分 … 一、 （一）: numbers of headings (1. (1) 一是 number items, often sentences)
LEAD_NUMBERING = len(_OUTLINE) - 1  # 一是 二是: a paragraph's leads, never a table of contents


def numbering(line: str) -> int | None:
    """Which numbering of the outline (:data:`_OUTLINE`) ``line`` starts with, or None."""
    return next((level for level, pattern in enumerate(_OUTLINE) if re.match(pattern, line)), None)


def heading_level(line: str) -> int:
    """A heading's depth in the outline of official documents (:data:`_OUTLINE`): 0 for
    第一部分, … 7 for 一是; only the order matters (a 一、 right under 第一章 nests under it)."""
    level = numbering(line)
    return _UNNUMBERED_LEVEL if level is None else level


def inline_heading(line: str, heading_max_chars: int) -> str:
    """The lead sentence of a numbered body line (一、要学出绝对忠诚，…。), or ``""``."""
    if not _INLINE_HEADING.match(line):
        return ""
    first = split_sentences(line)[0]
    first = re.split(r"[，,：:]", first)[0] if len(first) > heading_max_chars * 2 else first
    return first.rstrip("。；;！!？?") if len(first) <= heading_max_chars * 2 else ""


# ----------------------------------------------------------------------------- cutting

_SENTENCE = re.compile(r"[^。！？；!?;]*[。！？；!?;]+[”’」』）)\"']*|[^。！？；!?;]+$")
_CLAUSE = re.compile(r"[^，,、：:]*[，,、：:]+|[^，,、：:]+$")


def split_sentences(text: str) -> list[str]:
    """Sentences ending in 。！？；(and ASCII !?;), closing quotes kept with them."""
    return [s for s in _SENTENCE.findall(text) if s]


def chunk(text: str, max_chars: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``max_chars``, at sentence ends (see
    :func:`sentence_spans`, with every ； an end).

    Pieces are balanced (a 1,000-character line with ``max_chars=400`` gives three pieces
    of about 333, not 400 + 400 + 200). A single sentence longer than ``max_chars`` is cut
    at commas, and only a clause longer than ``max_chars`` is cut inside.
    """
    if len(text) <= max_chars:
        return [text]
    units: list[str] = []
    # sentences as sentence_spans cuts them (never inside a web address or a 《》 title, a note kept
    # with its sentence), each cut again at its ；
    for sent in (text[a:b] for a, b in sentence_spans(text, 0)):
        if len(sent) <= max_chars:
            units.append(sent)
            continue
        for clause in _CLAUSE.findall(sent):
            while len(clause) > max_chars:
                units.append(clause[:max_chars])
                clause = clause[max_chars:]
            if clause:
                units.append(clause)
    return _pack(units, max_chars)


def _pack(units: list[str], max_chars: int) -> list[str]:
    return ["".join(units[i] for i in group) for group in balanced_groups([len(u) for u in units], max_chars)]


def balanced_groups(lengths: list[int], max_chars: int) -> list[list[int]]:
    """Consecutive items of ``lengths`` (their indices) in groups of at most ``max_chars`` (an
    item longer than that alone), about equal in length: as many as ``max_chars`` requires,
    each closed before an item that would take it past that or more than half past the mean."""
    total = sum(lengths)
    target = total / max(1, math.ceil(total / max_chars))
    groups: list[list[int]] = []
    size = 0
    for i, n in enumerate(lengths):
        if groups and size and (size + n > max_chars or size + n / 2 > target):
            groups.append([])
            size = 0
        if not groups:
            groups.append([])
        groups[-1].append(i)
        size += n
    return groups


_FULL_STOP = re.compile(r"[。！？!?]+[”’」』）)\"']*")
_SEMICOLON = re.compile(r"[；;]+[”’」』）)\"']*")
# what no sentence ends inside: a web address (…index.html?uid=456) and a book's or document's
# title (《奋斗吧！中华儿女》)
_UNCUT = re.compile(r"(?i)(?:https?://|www\.)[\x21-\x7e]+|《[^《》]{0,60}》")
# a note in brackets right after an end mark stays with its sentence (…大关。（掌声）, …7.5%。（按可比
#价格计算）); a list number (（二）) starts the next one
_NOTE = re.compile(r"[（(](?![一二三四五六七八九十\d]{1,3}[）)])[^（）()。！？!?]{1,24}[）)]")
_OPENERS, _CLOSERS = "“‘（(《「『", "”’）)》」』"
_MIN_TAIL = 6  # the ；-rule leaves no piece shorter than this (…确保按期完工；等。)
# where a line merged into a paragraph without an end mark of its own ends a sentence too (a
# list of targets, one per line: 地区生产总值增长6.5%左右 / 城镇新增就业5000人); not after a clause
# mark or a lead-in's colon
_RUNS_ON = set("。！？!?；;，,、：:…—") | set(_CLOSERS) | {'"', "'"}


def sentence_spans(text: str, long_chars: int, breaks: tuple[int, ...] | list[int] = ()) -> list[tuple[int, int]]:
    """Character spans ``[start, end)`` of the sentences of ``text``.

    Sentences end at 。！？ (and ASCII !?), closing quotes and brackets kept with them, and so
    is a short note in brackets right after (``…大关。（掌声）``); never inside a web address or
    a title in 《》; a straight quote after an end mark that opens a quotation
    (``…教育。"三会一课"…``) starts the next sentence. At ``breaks`` (where a line merged into
    this paragraph starts) a sentence also ends when the line before ends in no punctuation
    (list items one per line). A sentence longer than ``long_chars`` is cut again after each ；
    outside quotes and brackets, leaving no piece under :data:`_MIN_TAIL` characters. The spans
    cover the text exactly, in order: a tail without an end mark is the last sentence, and
    blanks stay with the sentence they follow.

    Returns:
        ``[(start, end), ...]``, empty for an empty text.
    """
    if not text:
        return []
    uncut = [(m.start(), m.end()) for m in _UNCUT.finditer(text)]

    def inside(pos: int) -> bool:
        return any(a < pos < b for a, b in uncut)

    ends = set()
    for m in _FULL_STOP.finditer(text):
        end = m.end()
        if inside(m.start() + 1):
            continue
        while end > m.start() + 1 and text[end - 1] in "\"'" and text.count(text[end - 1], 0, end) % 2 == 1:
            end -= 1  # a straight quote that opens the next sentence's quotation
        note = _NOTE.match(text, end)
        ends.add(note.end() if note else end)
    ends |= {b for b in breaks if 0 < b < len(text) and text[b - 1] not in _RUNS_ON and not text[b - 1].isspace() and not inside(b)}
    ends = sorted(ends)
    if not ends or ends[-1] < len(text):
        ends.append(len(text))
    spans, start = [], 0
    for end in ends:
        if end - start > long_chars:
            depth, cuts = 0, []
            for m in _SEMICOLON.finditer(text, start, end):
                depth = sum(text.count(c, start, m.start()) for c in _OPENERS) - sum(text.count(c, start, m.start()) for c in _CLOSERS)
                if depth <= 0 and not inside(m.start() + 1) and m.end() - (cuts[-1] if cuts else start) >= _MIN_TAIL and end - m.end() >= _MIN_TAIL:
                    cuts.append(m.end())
            for cut in cuts:
                spans.append((start, cut))
                start = cut
        spans.append((start, end))
        start = end
    # blanks after an end mark belong to the sentence before them, not to a sentence of their own
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and not text[a:b].strip():
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out

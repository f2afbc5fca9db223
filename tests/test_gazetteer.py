from pipeline.gazetteer import Gazetteer, infer_locality


def test_gazetteer_has_all_levels():
    g = Gazetteer.default()
    levels = {p.level for p in g.places.values()}
    assert levels == {"province", "city", "county"}
    assert len(g.places) > 3000
    hd = next(p for p in g.places.values() if p.name == "衡东县")
    assert (hd.province, hd.city, hd.level) == ("湖南省", "衡阳市", "county")


def test_names_count_only_on_word_boundaries():
    g = Gazetteer.default()
    assert [n for _, n, _ in g.find("巩固安全生产成果，广东安全发展")] == ["广东"]
    # 湘潭市委书记 segments as 湘潭 / 市委书记: the short name still finds the city
    assert [g.places[codes[0]].name for _, _, codes in g.find("湘潭市委书记在衡东县调研")] == ["湘潭市", "衡东县"]
    # common words that are also short county names are not places
    assert g.find("资源节约，合作共赢，惠民政策") == []


def test_offsets_and_boundaries_across_punctuation_digits_and_latin():
    # find() segments each run of Han/Latin/digit characters on its own (as jieba does);
    # offsets must still point into the whole text, and a run's ends are word boundaries.
    g = Gazetteer.default()
    text = "2025年，Hunan湖南省：长沙市GDP增长5%，（衡东县）巩固安全。湘潭"
    found = g.find(text)
    assert [n for _, n, _ in found] == ["湖南省", "长沙市", "衡东县", "湘潭"]
    assert all(text[off : off + len(name)] == name for off, name, _ in found)
    whole = {0}
    for _, _, end in g._tokenizer.tokenize(text, HMM=False):
        whole.add(end)
    assert all(off in whole and off + len(name) in whole for off, name, _ in found)


def test_county_article_naming_its_city_and_province_stays_with_the_county():
    body = ["衡东县深入学习贯彻湖南省委部署。", "衡东将加快发展，融入衡阳市发展大局。", "衡东县全力推进乡村振兴。", "湖南发展大局中贡献衡东力量。"]
    loc = infer_locality({"body": body})
    assert (loc.locality, loc.province, loc.level) == ("衡东县", "湖南省", "county")
    assert "衡东县" in loc.evidence


def test_provincial_report_naming_its_capital_stays_with_the_province():
    body = ["郑州国家中心城市建设加快。"] * 5 + ["洛阳、开封、新乡、许昌协同发展。"] * 3 + ["河南经济稳中向好。"] * 4
    loc = infer_locality({"title": ["2025年河南省政府工作报告"], "body": body})
    assert (loc.locality, loc.level) == ("河南省", "province")


def test_byline_outweighs_body_mentions():
    loc = infer_locality({"author": ["(作者为湘潭市委书记)"], "body": ["湖南省委部署，湖南发展，湖南奋进。"]})
    assert loc.locality == "湘潭市"


def test_ambiguous_name_resolved_by_province_context():
    # 吉林 alone is the province (not 吉林市, a unit inside it)
    assert infer_locality({"body": ["吉林全面振兴取得新突破，吉林发展。"]}).locality == "吉林省"


def test_no_place_is_reported_not_guessed():
    loc = infer_locality({"body": ["要坚持以人民为中心的发展思想。"]})
    assert not loc.found and loc.locality == "" and "no place name" in loc.evidence

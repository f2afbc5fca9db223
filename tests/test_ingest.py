import subprocess
import sys
from pathlib import Path

import opencc
import pandas as pd
import pytest
import yaml

from conftest import PROVINCIAL, ROOT, needs_shared
from pipeline.config import IngestParams
from pipeline.dedup import find_duplicates
from pipeline.ingest import IngestError, ingest, read_manifest
from pipeline.text import BOILERPLATE, clean_line, strip_pinyin

SEED_LOCALITIES = {
    "000_a7b8ee3930a8cee4": "衡东县",
    "001_a964bad20ebf15e6": "永州市",
    "002_31cae56e28a6628f": "衡南县",
    "003_152f4d5d7c5355aa": "湘潭市",
    "004_fa679333fe926180": "澧县",
}


def test_bundled_corpus_localities_and_dates(seed_ingest):
    paragraphs, documents, _, _ = seed_ingest
    docs = documents.set_index("doc_id")
    assert docs["locality"].to_dict() == SEED_LOCALITIES
    assert docs.loc["000_a7b8ee3930a8cee4", "date"] == "2023-03-02"
    assert docs.loc["000_a7b8ee3930a8cee4", "level"] == "county"
    assert set(docs["province"]) == {"湖南省"}
    assert docs["locality_evidence"].str.len().gt(0).all()
    assert docs.loc["002_31cae56e28a6628f", "author"] == "李军"
    assert "王启武" in docs.loc["004_fa679333fe926180", "author"]
    # the name and the office apart, so one person's texts group together
    assert docs.loc["004_fa679333fe926180", ["author_name", "author_office"]].tolist() == ["王启武", "澧县县委书记"]
    assert docs.loc["002_31cae56e28a6628f", ["author_name", "author_office"]].tolist() == ["李军", ""]
    assert docs.loc["004_fa679333fe926180", "title"] == "牢记嘱托 感恩奋进 为奋力谱写中国式现代化湖南篇章贡献澧县力量"
    # paragraphs carry their document's locality
    per_doc = paragraphs.groupby("doc_id")["locality"].unique().map(list).to_dict()
    assert per_doc == {k: [v] for k, v in SEED_LOCALITIES.items()}


def test_paragraph_contract(seed_ingest):
    paragraphs = seed_ingest[0]
    for col in ["para_id", "doc_id", "source", "line_start", "line_end", "locality", "province", "level", "date", "text", "n_chars"]:
        assert col in paragraphs.columns
    assert paragraphs["para_id"].is_unique
    assert (paragraphs["n_chars"] == paragraphs["text"].str.len()).all()
    assert (paragraphs["line_start"] <= paragraphs["line_end"]).all()
    assert paragraphs["para_id"].str.match(r"^[^:]+:\d+$").all()


def test_paragraphs_come_from_their_lines(seed_ingest, seeds_dir):
    """Each paragraph's text is inside the cleaned text of its source lines."""
    paragraphs = seed_ingest[0]
    t2s = opencc.OpenCC("t2s")
    for r in paragraphs.itertuples():
        lines = (seeds_dir / r.source).read_text(encoding="utf-8").split("\n")[r.line_start - 1 : r.line_end]
        cleaned = "".join(t2s.convert(clean_line(strip_pinyin(line)[0])) for line in lines)
        assert r.text in cleaned, (r.para_id, r.text[:30])


def test_no_boilerplate_among_paragraphs(seed_ingest):
    paragraphs = seed_ingest[0]
    for text in paragraphs["text"]:
        assert not any(p.search(text) for _, p in BOILERPLATE), text[:60]
        for furniture in ("网站首页", "责任编辑", "ICP备", "主办单位", "转发时有改动", "发布时间", "作者系", "作者为"):
            assert furniture not in text


def test_traditional_is_simplified_and_pinyin_removed(seed_ingest):
    paragraphs = seed_ingest[0]
    text = "".join(paragraphs.loc[paragraphs["doc_id"] == "002_31cae56e28a6628f", "text"])
    assert "领会" in text and "创新" in text and "持续" in text
    assert opencc.OpenCC("t2s").convert(text) == text
    assert "(" not in text and "lǐng" not in text and "xù" not in text


def test_long_line_is_split(seed_ingest):
    paragraphs = seed_ingest[0]
    from_line_5 = paragraphs[(paragraphs["doc_id"] == "000_a7b8ee3930a8cee4") & (paragraphs["line_start"] == 5)]
    assert len(from_line_5) >= 4
    assert from_line_5["n_chars"].max() <= IngestParams().max_chars
    assert (from_line_5["line_end"] == 5).all()
    assert all(t.endswith(("。", "”", "！", "？", "；")) for t in from_line_5["text"])


def test_every_line_is_accounted_for(seed_ingest, seeds_dir):
    _, _, log, metrics = seed_ingest
    for f in sorted(seeds_dir.glob("*.txt")):
        n = len(f.read_text(encoding="utf-8").splitlines())
        rows = log[log["source"] == f.name]
        assert sorted(rows["line"].astype(int)) == list(range(1, n + 1))
    assert set(log["status"]) <= {"kept", "merged", "metadata", "boilerplate", "heading", "blank", "too_short", "duplicate"}
    assert (log.loc[log["status"].isin(["kept", "merged"]), "para_id"] != "").all()
    assert metrics["lines"]["boilerplate"] >= 7
    assert sum(metrics["lines"].values()) == len(log)


def test_copied_paragraphs_are_flagged(seed_ingest):
    paragraphs = seed_ingest[0]
    dup = paragraphs.set_index("para_id")["duplicate_of"]
    assert dup["001_a964bad20ebf15e6:1"] == "000_a7b8ee3930a8cee4:2"
    assert (dup[dup != ""].index.str.startswith("001")).all()


def test_find_duplicates_exact_and_near():
    base = "要严格按照全面学习、全面把握、全面落实的重要要求，坚定不移用党的二十大精神统一思想、统一意志、统一行动。"
    texts = [base, "完全不同的一段关于生态环境保护和污染防治攻坚的文字，内容足够长以便比较。", base.replace("，", ","), base[:-6] + "永州篇章。"]
    assert find_duplicates(texts, 0.8) == [-1, -1, 0, 0]


def test_duplicates_drop_mode_logs_what_it_dropped(seeds_dir):
    paragraphs, _, log, metrics = ingest(seeds_dir, IngestParams(duplicates="drop"))
    assert "001_a964bad20ebf15e6:1" not in set(paragraphs["para_id"])
    row = log[(log["source"] == "001_a964bad20ebf15e6.txt") & (log["line"] == 1)].iloc[0]
    assert row["status"] == "duplicate" and "000_a7b8ee3930a8cee4:2" in row["reason"]
    keep = ingest(seeds_dir, IngestParams(duplicates="keep"))[0]
    assert (keep["duplicate_of"] == "").all() and len(keep) == len(paragraphs) + metrics["duplicates"]


@pytest.mark.parametrize("codec", ["gb18030", "big5", "utf-16", "utf-16-le", "utf-8-sig"])
def test_reencoded_files_give_the_same_paragraphs(tmp_path, seeds_dir, codec):
    """Each seed re-encoded gives the paragraphs of its UTF-8 original. Big5 holds only
    traditional characters: seeds are converted to Taiwan-standard traditional first (and
    compared with that text in UTF-8); 002 keeps tone-marked pinyin, which Big5 lacks."""
    s2tw = opencc.OpenCC("s2tw")
    utf8, other = tmp_path / "utf8", tmp_path / codec
    utf8.mkdir(), other.mkdir()
    for f in sorted(seeds_dir.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        if codec == "big5":
            if f.name.startswith("002"):
                continue
            # two characters of the furniture have no Big5 code: © and a no-break space
            text = s2tw.convert(text).replace("©", "(c)").replace("\xa0", " ")
        (utf8 / f.name).write_text(text, encoding="utf-8")
        (other / f.name).write_bytes(text.encode(codec))
    a = ingest(utf8, IngestParams())[0]
    b = ingest(other, IngestParams())[0]
    assert len(a) >= 30
    pd.testing.assert_frame_equal(a, b)


def _bad_inputs(corpus: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (corpus / "undecodable.txt").write_bytes(bytes([0x81, 0x20, 0xFE, 0xFF, 0x80, 0x30]) * 100)
    (corpus / "corrupt.docx").write_bytes(b"PK\x03\x04 definitely not a word file")
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.4 ...")
    with open(corpus / "huge.txt", "wb") as fh:
        fh.write("推动高质量发展".encode("utf-8") * (50 * 2**20 // 21 + 1))
    (corpus / "nowhere.txt").write_text("要坚持以人民为中心的发展思想，不断增进民生福祉，让群众的获得感成色更足。\n", encoding="utf-8")


@pytest.fixture(scope="module")
def bad_corpus_ingest(tmp_path_factory):
    """The bundled corpus plus one file of each bad kind (a 50 MB file among them), written
    and ingested once for all the cases below."""
    corpus = tmp_path_factory.mktemp("bad") / "raw"
    import shutil

    from conftest import SEEDS

    shutil.copytree(SEEDS, corpus)
    _bad_inputs(corpus)
    return ingest(corpus, IngestParams())


@pytest.mark.parametrize(
    "name,status,reason",
    [
        ("empty.txt", "file_skipped", "empty file"),
        ("binary.txt", "file_skipped", "binary file"),
        ("undecodable.txt", "file_skipped", "does not decode|unlikely characters"),
        ("corrupt.docx", "file_skipped", "corrupt .docx"),
        ("scan.pdf", "file_skipped", "unsupported file type '.pdf'"),
        ("huge.txt", "file_skipped", r"file too large: 50.0 MB > ingest.max_file_mb = 20 MB"),
    ],
)
def test_bad_input_is_logged_and_the_rest_goes_on(bad_corpus_ingest, name, status, reason):
    paragraphs, documents, log, metrics = bad_corpus_ingest
    row = log[log["source"] == name]
    assert len(row) == 1 and row.iloc[0]["status"] == status
    assert row["reason"].str.contains(reason).iloc[0]
    assert set(SEED_LOCALITIES) <= set(paragraphs["doc_id"])
    assert metrics["files_skipped"] == 6


def test_links_and_hidden_files_are_read_once_or_not_with_a_reason(tmp_path, seeds_dir, caplog):
    """A link to a folder or file the walk reads anyway (a loop, ``latest -> 2023``) is not read
    again, a folder outside linked in is read once, a broken or looping link and hidden files
    are not read; each gets a row with its reason, and nothing crashes."""
    import os
    import shutil

    corpus, outside = tmp_path / "raw", tmp_path / "elsewhere"
    (corpus / "2023").mkdir(parents=True)
    outside.mkdir()
    seeds = sorted(seeds_dir.glob("*.txt"))
    shutil.copy(seeds[0], corpus / "2023" / seeds[0].name)
    shutil.copy(seeds[1], outside / seeds[1].name)
    os.symlink("2023", corpus / "latest")                 # the same folder again
    os.symlink("..", corpus / "2023" / "loop")            # a loop
    os.symlink(outside, corpus / "linked")               # a folder outside: read
    os.symlink(outside, corpus / "linked_again")         # …once
    os.symlink(seeds[0].name, corpus / "2023" / "copy.txt")  # a file read anyway
    os.symlink("self.txt", corpus / "self.txt")          # a link to itself
    os.symlink(tmp_path, corpus / "up")                  # a folder holding the corpus
    (corpus / ".draft.txt").write_text("草稿", encoding="utf-8")
    (corpus / ".git").mkdir()
    (corpus / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    paragraphs, documents, log, metrics = ingest(corpus, IngestParams())
    ok = documents[documents["status"] == "ok"]
    assert sorted(ok["source"]) == [f"2023/{seeds[0].name}", f"linked/{seeds[1].name}"]
    reasons = documents[documents["status"] == "excluded"].set_index("source")["reason"].to_dict()
    assert reasons == {
        ".draft.txt": "a hidden file (its name starts with a dot): not read",
        ".git": "a hidden folder (its name starts with a dot): not read",
        "2023/copy.txt": f"a link to a file read anyway (2023/{seeds[0].name}): not read again",
        "2023/loop": "a link to a folder read anyway (.): not read again",
        "latest": "a link to a folder read anyway (2023): not read again",
        "linked_again": f"a link to a folder read anyway ({outside.resolve()}): not read again",
        "self.txt": "a link that leads to no file (broken, or a loop): not read",
        "up": f"a link to a folder that holds the corpus folder ({tmp_path.resolve()}): not read",
    }
    assert metrics["files_excluded"] == 8 and set(log.loc[log["status"] == "file_excluded", "source"]) == set(reasons)
    assert "latest: a link to a folder read anyway" in caplog.text
    # a file excluded by its name is not read; a link to it under another name is
    paragraphs, documents, log, metrics = ingest(corpus, IngestParams(exclude=(seeds[0].name,)))
    reasons = documents[documents["status"] == "excluded"].set_index("source")["reason"].to_dict()
    assert reasons[f"2023/{seeds[0].name}"] == "the manifest, or a name matching ingest.exclude" and "2023/copy.txt" not in reasons
    assert "2023/copy.txt" in set(documents.loc[documents["status"] == "ok", "source"])


def test_document_without_locality_is_reported_not_guessed(corpus):
    (corpus / "nowhere.txt").write_text("要坚持以人民为中心的发展思想，不断增进民生福祉，让群众的获得感成色更足。\n", encoding="utf-8")
    paragraphs, documents, _, metrics = ingest(corpus, IngestParams())
    doc = documents.set_index("doc_id").loc["nowhere"]
    assert doc["locality"] == "" and doc["status"] == "ok" and "no place name" in doc["locality_evidence"]
    assert (paragraphs.loc[paragraphs["doc_id"] == "nowhere", "locality"] == "").all()
    assert metrics["documents_without_locality"] == 1


def test_corpus_without_usable_document_stops_with_a_clear_error(tmp_path):
    bad = tmp_path / "raw"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "scan.pdf").write_bytes(b"%PDF")
    with pytest.raises(IngestError, match="no usable document"):
        ingest(bad, IngestParams())
    params = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    params["corpus"]["dir"] = str(bad)
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params, allow_unicode=True), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pipeline.ingest"], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 1
    assert "no usable document" in run.stderr and "empty file" in run.stderr
    assert "Traceback" not in run.stderr
    assert "stage ingest failed after" in run.stderr.splitlines()[-1] and " done in " not in run.stderr  # the last line does not say done


def test_manifest_overrides_inferred_metadata(corpus, tmp_path):
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("file,locality,province,level,date\n003_152f4d5d7c5355aa.txt,雨湖区,湖南省,county,2024-01-05\n", encoding="utf-8")
    rows = read_manifest(manifest, corpus)
    _, documents, _, _ = ingest(corpus, IngestParams(), rows)
    doc = documents.set_index("doc_id").loc["003_152f4d5d7c5355aa"]
    assert (doc["locality"], doc["date"], doc["year"]) == ("雨湖区", "2024-01-05", "2024")
    assert doc["metadata_from"].startswith("manifest") and "湘潭市" in doc["locality_evidence"]
    bad = tmp_path / "bad.csv"
    bad.write_text("name,locality\nx.txt,y\n", encoding="utf-8")
    from pipeline.config import ParamsError

    with pytest.raises(ParamsError, match="'file' column"):
        read_manifest(bad, corpus)


def test_manifest_values_are_checked_and_a_locality_brings_its_province_and_level(corpus, tmp_path, caplog):
    from pipeline.config import ParamsError

    manifest = tmp_path / "m.csv"
    bad = {
        "file,date\na.txt,2023-13-45\n": "row 2 \\(a.txt\\): date '2023-13-45' is not a date",
        "file,date\na.txt,去年\n": "row 2 \\(a.txt\\): date '去年' is not a date",
        "file,date\na.txt,9999-01-01\n": "row 2 \\(a.txt\\): date '9999-01-01' is not a date",
        "file,level\na.txt,town\n": "level 'town' is none of province, city, county",
        "file,year\na.txt,2023\na.txt,2024\n": "row 3 \\(a.txt\\): gives other values than row 2",
    }
    for text, message in bad.items():
        manifest.write_text(text, encoding="utf-8")
        with pytest.raises(ParamsError, match=message):
            read_manifest(manifest, corpus)
    # written as the pipeline writes them; spaces around header names do not matter
    manifest.write_text("file , date , level\na.txt, 2023/3/2 ,县\nb.txt,2023年3月,地级市\na.txt,2023/3/2,县\n", encoding="utf-8")
    assert read_manifest(manifest, corpus) == {"a.txt": {"date": "2023-03-02", "level": "county"}, "b.txt": {"date": "2023-03", "level": "city"}}
    # a locality alone takes its province, level and code from the gazetteer, not the inferred unit's
    manifest.write_text("file,locality\n003_152f4d5d7c5355aa.txt,海淀区\n001_a964bad20ebf15e6.txt,朝阳区\nnot_here.txt,北京市\n", encoding="utf-8")
    _, documents, _, metrics = ingest(corpus, IngestParams(), read_manifest(manifest, corpus))
    doc = documents.set_index("doc_id")
    assert tuple(doc.loc["003_152f4d5d7c5355aa", ["locality", "province", "level", "locality_code"]]) == ("海淀区", "北京市", "county", "110108000000")
    assert tuple(doc.loc["001_a964bad20ebf15e6", ["locality", "province", "level"]]) == ("朝阳区", "", "")  # Beijing's or Changchun's
    assert "朝阳区 is 2 units in the gazetteer: its code, province, level left unknown (give them in the manifest)" in caplog.text
    assert metrics["manifest_unmatched"] == 1 and metrics["manifest_unmatched_files"] == ["not_here.txt"]
    # a province is written as the gazetteer writes it; a short locality too, where it names one unit
    caplog.clear()
    manifest.write_text("file,locality,province\n003_152f4d5d7c5355aa.txt,株洲,湖南\n001_a964bad20ebf15e6.txt,,湖南\n"
                        "000_a7b8ee3930a8cee4.txt,衡东县,广东\n002_31cae56e28a6628f.txt,,火星\n", encoding="utf-8")
    rows = read_manifest(manifest, corpus)
    assert rows["003_152f4d5d7c5355aa.txt"] == {"locality": "株洲", "province": "湖南省"}
    assert "province '火星' is no province in the gazetteer; kept as written" in caplog.text
    _, documents, _, _ = ingest(corpus, IngestParams(), rows)
    doc = documents.set_index("doc_id")
    cols = ["locality", "province", "level", "locality_code"]
    assert tuple(doc.loc["003_152f4d5d7c5355aa", cols]) == ("株洲市", "湖南省", "city", "430200000000")
    assert tuple(doc.loc["001_a964bad20ebf15e6", cols]) == ("永州市", "湖南省", "city", "431100000000")  # as inferred
    # the inferred name in another province is another unit (here none): not the inferred one's code
    assert tuple(doc.loc["000_a7b8ee3930a8cee4", cols]) == ("衡东县", "广东省", "", "")
    assert "衡东县, province 广东省 is no unit in the gazetteer: its code, level left unknown" in caplog.text
    # a province or level alone corrects the inferred unit: its name there if it is one, else an unknown locality
    caplog.clear()
    manifest.write_text("file,province,level\n000_a7b8ee3930a8cee4.txt,广东,\n001_a964bad20ebf15e6.txt,,county\n002_31cae56e28a6628f.txt,湖南,county\n",
                        encoding="utf-8")
    doc = ingest(corpus, IngestParams(), read_manifest(manifest, corpus))[1].set_index("doc_id")
    assert tuple(doc.loc["000_a7b8ee3930a8cee4", cols]) == ("", "广东省", "", "")
    assert tuple(doc.loc["001_a964bad20ebf15e6", cols]) == ("", "湖南省", "county", "")  # 永州市 is a city
    assert tuple(doc.loc["002_31cae56e28a6628f", cols]) == ("衡南县", "湖南省", "county", "430422000000")  # as inferred
    assert "the inferred locality 衡东县 with the manifest's province 广东省 is no unit in the gazetteer: its locality, code, level left empty" in caplog.text


@needs_shared
def test_provincial_corpus_without_manifest():
    paragraphs, documents, log, metrics = ingest(PROVINCIAL, IngestParams())
    manifest = pd.read_csv(PROVINCIAL / "manifest.csv", dtype=str)
    docs = documents[documents["status"] == "ok"].merge(manifest, left_on="source", right_on="file", suffixes=("", "_m"))
    assert len(docs) == 62
    assert (docs["province"] == docs["province_m"]).sum() >= 60
    assert (docs["year"] == docs["year_m"]).sum() >= 60
    assert set(documents.loc[documents["status"] == "excluded", "source"]) == {"manifest.csv", "SOURCE.md"}
    assert len(paragraphs) > 4000


def test_sentences_keep_their_paragraph_and_cover_it(seed_ingest):
    from pipeline.ingest import cut_sentences

    paragraphs = seed_ingest[0]
    sentences = cut_sentences(paragraphs, IngestParams().long_sentence_chars)
    text = dict(zip(paragraphs["para_id"], paragraphs["text"]))
    assert set(sentences["para_id"]) == set(paragraphs["para_id"])
    for pid, g in sentences.groupby("para_id", sort=False):
        assert list(g["sentence"]) == list(range(len(g)))
        assert "".join(text[pid][a:b] for a, b in zip(g["char_start"], g["char_end"])) == text[pid]
    assert (sentences["n_chars"] == sentences["char_end"] - sentences["char_start"]).all()
    # provenance: a sentence is quoted with its paragraph's file and line
    first = sentences.merge(paragraphs[["para_id", "source", "line_start"]], on="para_id").iloc[0]
    assert first["source"].endswith(".txt") and first["line_start"] >= 1
    assert len(sentences) > 3 * len(paragraphs)


# ----------------------------------------------------------------------------- pages and exports as they come off the web

WEB = ROOT / "tests" / "fixtures" / "web"


def windows_gbk_mojibake(text: str, lost: str = "") -> str:
    """``text`` saved as UTF-8, read back as GBK the way Windows (code page 936) reads it, and
    saved again: byte 0x80 reads as €, and with ``lost`` set, a byte that does not decode
    becomes ``lost`` (Windows writes ?) instead of raising."""
    import codecs

    def handler(err: UnicodeDecodeError):
        if err.object[err.start] == 0x80:
            return "€", err.start + 1
        if lost:
            return lost, err.start + 1
        raise err

    codecs.register_error("test_cp936", handler)
    return text.encode("utf-8").decode("gb18030", errors="test_cp936")


# 07: a county report whose title and one body line went through a wrong decoding exactly (so
# they can be repaired), one line lost bytes on the way (garbled: logged, kept out), and two
# lines carry ?-runs for lost characters within ordinary text (counted, kept), as in seed 002.
MOJIBAKE_DOC = "\n".join([
    windows_gbk_mojibake("阜平县二〇二三年政府工作报告"),
    "——2023年1月15日在阜平县第十七届人民代表大会第三次会议上",
    "各位代表：",
    "现在，我代表县人民政府，向大会报告工作，请予审议。",
    windows_gbk_mojibake("（一）着力推动经济高质量发展"),
    windows_gbk_mojibake("过去一年，全县经济运行总体平稳向好，脱贫攻坚成果持续巩固拓展，乡村振兴迈出坚实步伐，各项事业全面进步，"),
    windows_gbk_mojibake("大力发展食用菌产业，带动群众增收致富。", lost="?"),
    "全面落实“六?!比蝿眨瑩屪バ抡摺⑿禄?、新消费等发展机遇，持续增强高质量发展的动力和活力，推动全县经济社会平稳健康发展。",
    "巩固拓展脱贫攻坚成果，??阜€农业大县的责任扛在肩上，粮食产量稳定在十万吨以上。",
]) + "\n"


@pytest.fixture(scope="module")
def web_ingest(tmp_path_factory):
    """The fixture pages and exports (tests/fixtures/web, see its README.md) plus the
    mojibake document, ingested once: (paragraphs, documents, log, metrics, corpus folder)."""
    import shutil

    corpus = tmp_path_factory.mktemp("web") / "raw"
    shutil.copytree(WEB, corpus)
    (corpus / "07_fuping_mojibake.txt").write_text(MOJIBAKE_DOC, encoding="utf-8")
    return (*ingest(corpus, IngestParams()), corpus)


def _doc(web_ingest, doc_id: str) -> pd.Series:
    return web_ingest[1].set_index("doc_id").loc[doc_id]


def _texts(web_ingest, doc_id: str) -> list[str]:
    paragraphs = web_ingest[0]
    return paragraphs.loc[paragraphs["doc_id"] == doc_id, "text"].tolist()


@pytest.mark.parametrize("doc_id,title,issuer,url,author,source_name", [
    ("01_baoding_scraped", "保定市2021年政府工作报告", "保定市人民政府", "http://www.baoding.gov.cn/art/2021/2/5/art_12_1.html", "郭建英（保定市市长）", ""),
    ("02_dingxing_notice", "定兴县人民政府关于做好春季农业生产工作的通知", "定兴县人民政府", "https://www.dingxing.gov.cn/zwgk/2009/0205.html", "", ""),
    ("03_laishui_news", "涞水县召开县委经济工作会议", "", "", "李明", "涞水县融媒体中心"),
])
def test_scraper_headers_are_metadata_never_paragraphs(web_ingest, doc_id, title, issuer, url, author, source_name):
    doc = _doc(web_ingest, doc_id)
    assert (doc["title"], doc["issuer"], doc["url"], doc["author"], doc["source_name"]) == (title, issuer, url, author, source_name)
    for text in _texts(web_ingest, doc_id):
        assert not any(key in text for key in ("标题：", "发文单位", "发文时间", "来源URL", "原文链接", "阅读：", "评论：", "内容摘要", "作者："))
        assert "http" not in text and "www." not in text
    log = web_ingest[2]
    rows = log[log["source"] == doc_id + ".txt"]
    header = rows[rows["reason"].isin(["header fields", "source/date line", "url"])]
    assert len(header) >= 1 and set(header["status"]) == {"metadata"} and (header["para_id"] == "").all()


@pytest.mark.parametrize("doc_id,locality,level,date,date_source", [
    ("01_baoding_scraped", "保定市", "city", "2021-01-31", "meeting line"),  # 发文时间：2021-02-05 above it
    ("02_dingxing_notice", "定兴县", "county", "2009-02-05", "header: 发文时间"),  # no meeting line: the issuing date
    ("03_laishui_news", "涞水县", "county", "2023-01-20", "lead (the day of the event)"),  # 1月20日，涞水县召开… under 时间：2023-01-24
    ("04_baoding_runin", "保定市", "city", "2021-01-31", "meeting line"),  # 发布时间：2021-02-05 on the first line
    ("05_dingxing_cn_numerals", "定兴县", "county", "2021-01-31", "meeting line"),  # 发布日期：2021-02-08 on the last line
    ("06_zhuozhou_export", "涿州市", "county", "2022-01-10", "meeting line"),
    ("07_fuping_mojibake", "阜平县", "county", "2023-01-15", "meeting line"),
    ("08_gaoyang_entities", "高阳县", "county", "2021-02-02", "meeting line"),
])
def test_web_documents_are_dated_by_their_own_date_and_say_from_where(web_ingest, doc_id, locality, level, date, date_source):
    doc = _doc(web_ingest, doc_id)
    assert (doc["locality"], doc["level"], doc["date"], doc["year"]) == (locality, level, date, date[:4])
    assert (doc["date_source"], doc["year_source"]) == (date_source, date_source)
    assert doc["locality_source"] and set(doc["locality_source"].split(", ")) <= {"author line", "source line", "title", "body", "places inside it"}


def test_dateline_run_into_the_text_is_cut_from_it(web_ingest):
    paragraphs, _, log, _, _ = web_ingest
    first = paragraphs[paragraphs["doc_id"] == "04_baoding_runin"].iloc[0]
    assert first["text"].startswith("各位代表：现在，我代表市人民政府") and (first["line_start"], first["line_end"]) == (3, 3)
    rows = log[(log["source"] == "04_baoding_runin.txt") & (log["line"] == 3)]
    assert list(zip(rows["status"], rows["reason"])) == [("metadata", "date line"), ("kept", "")]
    assert list(rows["note"]) == ["date line run into the text: part 1 of 2; dates the document (meeting line)", "date line run into the text: part 2 of 2"]
    assert not any("第十五届人民代表大会" in t for t in _texts(web_ingest, "04_baoding_runin"))


def test_escaped_line_breaks_keep_the_physical_line_number(web_ingest):
    """A spreadsheet export: line 2 holds five lines written as \\r\\n, lines 3 and 4 two
    each (\\n, <br>). Paragraphs keep the physical line, so file:line opens the right line;
    the log has a row per part, and its note says which part."""
    paragraphs, _, log, metrics, corpus = web_ingest
    paras = paragraphs[paragraphs["doc_id"] == "06_zhuozhou_export"]
    assert list(zip(paras["line_start"], paras["line_end"], paras["section"])) == [
        (2, 2, ""), (2, 2, "一、2021年工作回顾"), (3, 3, "二、2022年重点工作"), (4, 4, "三、保障措施"),
    ]
    physical = (corpus / "06_zhuozhou_export.txt").read_text(encoding="utf-8").splitlines()
    for r in paras.itertuples():
        assert r.text[:12] in physical[r.line_start - 1].replace("\\r\\n", "").replace("\\n", "").replace("<br>", "")
    rows = log[log["source"] == "06_zhuozhou_export.txt"]
    assert [n.split("; ")[0] for n in rows.loc[rows["line"] == 2, "note"]] == [f"escaped line breaks: part {k} of 5" for k in range(1, 6)]
    assert list(rows.loc[rows["line"] == 2, "status"]) == ["metadata", "merged", "kept", "heading", "kept"]
    assert _doc(web_ingest, "06_zhuozhou_export")["lines_split"] == 3 and metrics["lines_split"] == 3


def test_every_physical_line_of_the_web_fixtures_is_accounted_for(web_ingest):
    """Each physical line has one log row, or one per part when it was cut (escaped line
    breaks, a run-in dateline): parts 1..n, in order, each with a status."""
    _, _, log, metrics, corpus = web_ingest
    import re

    for f in sorted(corpus.glob("*.txt")):
        n = len(f.read_text(encoding="utf-8").splitlines())
        rows = log[log["source"] == f.name]
        assert sorted(set(rows["line"].astype(int))) == list(range(1, n + 1)), f.name
        for line, g in rows.groupby("line", sort=False):
            parts = [re.findall(r"part (\d+) of (\d+)", note) for note in g["note"]]
            if len(g) == 1:
                assert not parts[0] or parts[0][0] == ("1", "1")
            else:
                assert [int(p[-1][0]) for p in parts] == list(range(1, len(g) + 1)) and {int(p[-1][1]) for p in parts} == {len(g)}, (f.name, line)
    assert (log["status"] != "").all()
    assert (log.loc[log["status"].isin(["kept", "merged"]), "para_id"] != "").all()
    assert list(log.loc[log["status"] == "file_excluded", "source"]) == ["README.md"]
    assert sum(metrics["lines"].values()) == (log["status"] != "file_excluded").sum()


def test_mojibake_is_repaired_garbled_lines_are_logged_and_lost_characters_counted(web_ingest):
    paragraphs, _, log, metrics, _ = web_ingest
    doc = _doc(web_ingest, "07_fuping_mojibake")
    assert doc["title"] == "阜平县二〇二三年政府工作报告" and doc["mojibake_repaired"] == 3
    texts = _texts(web_ingest, "07_fuping_mojibake")
    assert any(t.startswith("过去一年，全县经济运行总体平稳向好") for t in texts)
    assert "（一）着力推动经济高质量发展" in set(paragraphs.loc[paragraphs["doc_id"] == "07_fuping_mojibake", "section"])
    rows = log[log["source"] == "07_fuping_mojibake.txt"].set_index("line")
    assert rows.loc[1, "note"] == "mojibake repaired (utf-8 read as gbk)"
    assert rows.loc[7, "status"] == "garbled" and rows.loc[7, "reason"].startswith("garbled: utf-8 read as gbk") and rows.loc[7, "para_id"] == ""
    assert not any("食用菌" in t or "澶у姏" in t for t in texts)
    # lost characters within ordinary lines are counted, and the lines kept
    assert doc["lost_char_runs"] == 3 and metrics["lost_char_runs"] == 3 and metrics["lines"]["garbled"] == 1
    assert rows.loc[8, "status"] == "kept" and rows.loc[8, "note"] == "lost characters: 2 run(s) of ?"
    assert any("新消费等发展机遇" in t for t in texts) and any("粮食产量稳定在十万吨以上" in t for t in texts)


def test_entities_boms_and_zero_width_characters_are_cleaned(web_ingest):
    doc = _doc(web_ingest, "08_gaoyang_entities")
    assert doc["title"] == "“十四五”开局之年 高阳县政府工作报告" and doc["entities_unescaped"] == 9
    texts = _texts(web_ingest, "08_gaoyang_entities")
    assert "过去一年，全县经济运行总体平稳，纺织产业加快转型升级，“高阳毛巾”品牌影响力持续扩大。" in texts
    assert any(t.startswith("R&D经费投入强度") for t in texts)
    assert not any(c in t for t in texts for c in ("&ldquo;", "&nbsp;", "&amp;", "\ufeff", "\u200b", "\u3000", "\xa0"))
    paragraphs = web_ingest[0]
    assert set(paragraphs.loc[paragraphs["doc_id"] == "08_gaoyang_entities", "section"]) >= {"一、2020年工作回顾"}


def test_seed_garbage_is_counted_and_no_line_is_dropped(seed_ingest):
    """Seed 002 holds ?-runs for lost characters inside ordinary lines (六?!比蝿眨…, ??阜€):
    they are counted, and every line that was kept before is kept."""
    _, documents, log, metrics = seed_ingest
    assert documents.set_index("doc_id").loc["002_31cae56e28a6628f", "lost_char_runs"] == 4
    assert metrics["lost_char_runs"] == 4 and metrics["mojibake_repaired"] == 0
    rows = log[log["source"] == "002_31cae56e28a6628f.txt"].set_index("line")
    assert list(rows.loc[[2, 3, 4, 5], "status"]) == ["kept"] * 4
    assert rows.loc[4, "note"] == "lost characters: 3 run(s) of ?" and rows.loc[5, "note"] == "lost characters: 1 run(s) of ?"
    assert "garbled" not in set(log["status"])


def test_documents_say_where_their_date_and_locality_came_from(seed_ingest, corpus, tmp_path):
    documents = seed_ingest[1].set_index("doc_id")
    assert documents.loc["000_a7b8ee3930a8cee4", ["date_source", "year_source"]].tolist() == ["header: 发布时间"] * 2
    assert documents.loc["004_fa679333fe926180", "locality_source"] == "body, author line, title"
    assert (documents.loc["001_a964bad20ebf15e6", ["date", "date_source", "year_source"]] == "").all()
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("file,locality,province,level,date\n003_152f4d5d7c5355aa.txt,雨湖区,湖南省,county,2024-01-05\n", encoding="utf-8")
    doc = ingest(corpus, IngestParams(), read_manifest(manifest, corpus))[1].set_index("doc_id").loc["003_152f4d5d7c5355aa"]
    assert (doc["date_source"], doc["year_source"], doc["locality_source"]) == ("manifest", "manifest", "manifest")


def _ingest_outputs(corpus, cache, params=None):
    """ingest + sentence duplicates and tokens, as the stage computes them (with ``cache``)."""
    from pipeline.ingest import cut_sentences, sentence_duplicates, sentence_tokens

    params = params or IngestParams()
    paragraphs, documents, log, metrics = ingest(corpus, params, cache=cache)
    sentences = cut_sentences(paragraphs, params.long_sentence_chars)
    sentences["duplicate_of"] = sentence_duplicates(paragraphs, sentences, params.near_duplicate_threshold, cache)
    sentences["tokens"] = sentence_tokens(paragraphs, sentences, cache)
    return paragraphs, documents, log, sentences, metrics


def test_ingest_cache_changes_no_output(tmp_path, seeds_dir):
    """Cold, warm and without a cache the outputs are the same; a changed file, changed params
    or an unreadable cache file only cost time."""
    import shutil

    from pipeline.memo import IngestCache

    corpus = tmp_path / "raw"
    shutil.copytree(seeds_dir, corpus)
    plain = _ingest_outputs(corpus, None)
    cache = IngestCache(tmp_path / "cache" / "ingest.sqlite")
    cold = _ingest_outputs(corpus, cache)
    assert cache.hits["documents"] == 0 and cache.misses["documents"] == 5 and cache.misses["tokens"] > 0
    after_cold = dict(cache.misses)
    warm = _ingest_outputs(corpus, cache)
    assert cache.hits["documents"] == 5 and cache.misses == after_cold  # nothing computed again
    for a, b, c in zip(plain[:4], cold[:4], warm[:4]):
        pd.testing.assert_frame_equal(a, b)
        pd.testing.assert_frame_equal(a, c)
    assert plain[4] == cold[4] == warm[4]

    # one file edited: only it is read again, and its new text is what comes out
    first = sorted(corpus.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8").replace("。", "。\n", 1), encoding="utf-8")
    before = dict(cache.misses)
    edited = _ingest_outputs(corpus, cache)
    assert cache.misses["documents"] - before["documents"] == 1
    pd.testing.assert_frame_equal(edited[0], _ingest_outputs(corpus, None)[0])

    # other params: every document is cut again
    before = dict(cache.misses)
    _ingest_outputs(corpus, cache, IngestParams(max_chars=300))
    assert cache.misses["documents"] - before["documents"] == 5
    cache.close()

    # a damaged cache file is replaced, and says so
    (tmp_path / "cache" / "ingest.sqlite").write_bytes(b"not a database" * 100)
    again = IngestCache(tmp_path / "cache" / "ingest.sqlite")
    pd.testing.assert_frame_equal(_ingest_outputs(corpus, again)[0], edited[0])
    again.close()


def test_ingest_cache_drops_entries_of_other_code(tmp_path, monkeypatch):
    from pipeline import memo

    cache = memo.IngestCache(tmp_path / "c.sqlite")
    cache.tokens(["一句话。"], lambda t: "一句 话")
    cache.close()
    monkeypatch.setattr(memo, "code_digest", lambda: b"other code")
    again = memo.IngestCache(tmp_path / "c.sqlite")
    assert again._db.execute("SELECT count(*) FROM tokens").fetchone()[0] == 0
    again.tokens(["两句话。"], lambda t: "两句 话")
    again.close()
    # the same file, byte for byte, as a fresh checkout's first run writes (dvc.lock holds its hash)
    fresh = memo.IngestCache(tmp_path / "fresh.sqlite")
    fresh.tokens(["两句话。"], lambda t: "两句 话")
    fresh.close()
    assert (tmp_path / "c.sqlite").read_bytes() == (tmp_path / "fresh.sqlite").read_bytes()


def test_what_is_no_readable_file_is_skipped_with_its_reason_also_with_a_cache(tmp_path, seeds_dir):
    import os
    import shutil

    from pipeline.memo import IngestCache

    corpus = tmp_path / "raw"
    corpus.mkdir()
    shutil.copy(sorted(seeds_dir.glob("*.txt"))[0], corpus / "a.txt")
    (corpus / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(corpus / "pipe.txt")  # opening it would block
    cache = IngestCache(tmp_path / "cache" / "ingest.sqlite")
    _, documents, log, _ = ingest(corpus, IngestParams(), cache=cache)
    cache.close()
    why = dict(zip(documents["source"], documents["reason"]))
    assert documents.set_index("source").loc["a.txt", "status"] == "ok"
    assert why["gone.txt"].startswith("a link that leads to no file") and why["pipe.txt"].startswith("not a regular file")
    assert set(log.loc[log["status"] == "file_skipped", "source"]) == {"pipe.txt"} and set(log.loc[log["status"] == "file_excluded", "source"]) == {"gone.txt"}

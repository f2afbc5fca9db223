"""The report templates: every section renders from a tiny context, and the Markdown tables are valid."""

import re
from html.parser import HTMLParser
from importlib.resources import files

import pandas as pd
import pytest

from pipeline.render import Example, HeatCell, LevelGroup, LocalityView, ReportContext, ShareRow, Table, TopicView, render_html, render_markdown
from pipeline.report import UNKNOWN, locality_groups

LABELS = ["党建 Party | building", "生态 Ecology"]  # a pipe in a label must not break a Markdown table


def _locality(name: str) -> LocalityView:
    return LocalityView(
        name=name, anchor=f"loc-{name}", meta=f"{name}.txt (county, 湖南省)",
        cells=[HeatCell(0.75, 1.0, " ▲", "more"), HeatCell(0.25, 0.0)],
        shares=[ShareRow(LABELS[0], 3, 300, 0.75, 0.6, 0.9, 2.5, "more"), ShareRow(LABELS[1], 1, 100, 0.25, 0.1, 0.4, -2.5, "less")],
        words=[(LABELS[0], "党建 廉洁")],
        examples=[Example(LABELS[0], f"{name}.txt:3", "加强党的建设，<b>不是标签</b>。")],
    )


@pytest.fixture
def ctx() -> ReportContext:
    return ReportContext(
        title="Theme emphasis by locality", n_documents=2, n_paragraphs=4, n_localities=2, n_topics=1, clustering="hdbscan", n_boot=100,
        level_counts=[("Cities", 1), ("Counties", 1)], theme_labels=LABELS,
        themes=[(LABELS[0], "党的领导"), (LABELS[1], "生态文明")],
        groups=[LevelGroup("city", "Cities", [_locality("湘潭市")]), LevelGroup("county", "Counties", [_locality("衡东县")])],
        intervals_png="iVBORw0KGgo=", heatmap_file="figures/theme_share_heatmap.png",
        distinctive=Table(["locality", "theme", "z"], [["湘潭市", LABELS[0], 2.5]]),
        years=Table(["year", "documents", *LABELS], [["2024", 2, "75.0%", "25.0%"]]),
        topics=[TopicView(0, LABELS[0], 4, "党建 廉洁 作风", "湘潭市 2; 衡东县 2", ["a.txt:3 加强党的建设"])],
        quality_headline="2 files: 2 documents read.",
        quality=[Table(["status", "reason", "lines"], [["kept", "—", 4], ["boilerplate", "copyright | ICP", 1]], "What became of every line of the input")],
        params_yaml="report:\n  n_boot: 100\n",
        accuracy_summary="200 of 200 labelled sentences found: accuracy 0.85.",
        accuracy=Table(["theme", "precision", "recall", "F1", "labelled"], [[LABELS[0], "0.90", "0.80", "0.85", 20]]),
        confusion=Table(["hand label \\ pipeline", *LABELS], [[LABELS[0], 18, 2], [LABELS[1], 1, 9]]),
        correction_note="Corrected with 200 hand-coded units.",
        corrected=Table(["level", "locality", "labelled units", *LABELS], [["Cities", "湘潭市", 12, "75% → 70% [60%–80%]", "25% → 30% [20%–40%]"]]),
        covariates_note="Modelled: level.",
        covariates_contrasts=Table(["theme", "covariate", "contrast", "difference (points)", "95% interval"], [[LABELS[0], "level", "county vs city", "+5.0", "+1.0 to +9.0"]]),
        reuse_summary="1 paragraph repeats another locality's text.",
        reuse_pairs=Table(["locality", "repeats text of", "paragraphs", "characters"], [["湘潭市", "衡东县", 1, 131]], note="The rest are in reports/reuse.csv."),
        robustness_note="11 runs.",
        robustness=Table(["locality", "theme", "share [95% interval]", "across runs", "spread (points)"], [["湘潭市", LABELS[0], "75% [60%–90%]", "70%–76%", "6.0"]]),
        theme_model="Themes per sentence by builtin mixed with zero-shot at 0.25.",
    )


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.open, self.errors = set(), [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag not in ("meta", "img", "br", "link"):
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1] if self.open else 'nothing'}")
        else:
            self.open.pop()


def test_html_renders_every_section(ctx):
    page = render_html(ctx)
    parser = _Collector()
    parser.feed(page)
    assert parser.errors == [] and parser.open == []
    assert {"overview", "heatmap", "intervals", "accuracy", "corrected", "covariates", "reuse", "robustness", "years", "localities", "topics", "quality",
            "params", "level-city", "level-county", "loc-湘潭市", "loc-衡东县"} <= parser.ids
    for text in ("75% → 70% [60%–80%]", "county vs city", "repeats text of", '<p class="muted">The rest are in reports/reuse.csv.</p>', "70%–76%", "accuracy 0.85", "by builtin mixed with zero-shot at 0.25."):
        assert text in page
    assert "<b>不是标签</b>" not in page and "&lt;b&gt;" in page  # text is escaped
    assert "http" not in page.split("<body>")[1]  # nothing from a network
    assert "<style>" in page and "table.heat" in page  # the CSS is inlined, as written
    style = page.split("<style>")[1].split("</style>")[0]
    assert style.strip() == (files("pipeline") / "templates" / "report.css").read_text(encoding="utf-8").strip()
    assert '"Noto Sans CJK SC"' in style and "div.loc > div" in style and "&#34;" not in style and "&gt;" not in style
    assert page.index("Cities · 1") < page.index("湘潭市") < page.index("Counties · 1") < page.index("衡东县")
    assert page.count("class=\"cell") == 4 and "75% ▲" in page and "cell dark" in page
    without_years = render_html(ReportContext(**{**ctx.__dict__, "years": None}))
    assert 'id="years"' not in without_years and "#years" not in without_years


def _tables(md: str) -> list[list[str]]:
    blocks, cur = [], []
    for line in md.splitlines():
        if line.startswith("|"):
            cur.append(line)
        elif cur:
            blocks.append(cur)
            cur = []
    return blocks + ([cur] if cur else [])


def _cells(row: str) -> int:
    return len(re.split(r"(?<!\\)\|", row.strip())) - 2


def test_markdown_renders_every_section_with_valid_tables(ctx):
    md = render_markdown(ctx)
    assert "Themes per sentence by builtin mixed with zero-shot at 0.25." in md.splitlines()[2]
    for heading in ("# Theme emphasis by locality", "## Share of text per theme", "## Where a locality stands out", "## Localities",
                    "### Cities (1)", "#### 湘潭市", "### Counties (1)", "## Topics", "## Data quality"):
        assert heading in md.splitlines(), heading
    for heading in ("## Accuracy on this corpus", "## Shares corrected for classifier error", "## What predicts emphasis: document covariates", "## Reused text",
                    "## Robustness to the random seed, the main params and the classifier", "## By year"):
        assert heading in md.splitlines(), heading
    tables = _tables(md)
    assert len(tables) == 11  # overview, accuracy ×2, corrected, contrasts, reuse, robustness, by year, distinctive, topics, data quality
    for t in tables:
        assert re.fullmatch(r"\|(---\|)+", t[1]), t[1]
        widths = {_cells(row) for row in t if not row.startswith("|---")}
        assert widths == {_cells(t[0])}, t
    assert "| Cities | 湘潭市 | 75% ▲ | 25% |" in md
    assert "copyright \\| ICP" in md
    assert "| 湘潭市 | 衡东县 | 1 | 131 |\n\nThe rest are in reports/reuse.csv.\n" in md  # a table's note, below it


def test_localities_are_grouped_by_level_in_a_stable_order():
    documents = pd.DataFrame({
        "doc_id": ["a", "b", "c", "d", "e", "f"], "status": ["ok"] * 5 + ["skipped"],
        "locality": ["衡东县", "湖南省", "澧县", "湘潭市", "", "x"], "level": ["county", "province", "county", "city", "", ""],
        "locality_code": ["430424000000", "430000000000", "430723000000", "430300000000", "", ""],
    })
    groups = locality_groups(documents, sorted(["衡东县", "湖南省", "澧县", "湘潭市", UNKNOWN]))
    assert groups == [("province", ["湖南省"]), ("city", ["湘潭市"]), ("county", ["衡东县", "澧县"]), ("unknown", [UNKNOWN])]

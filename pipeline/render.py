"""Rendering the report: one typed context, two Jinja2 templates (HTML and Markdown).

The report stage computes its numbers (:mod:`pipeline.shares`, :mod:`pipeline.report`) and
its figures (:mod:`pipeline.figures`) first, then builds one :class:`ReportContext` and
renders it with ``templates/report.html.j2`` (the CSS of ``templates/report.css`` inlined,
figures inlined as data URIs, so the page is one self-contained file) and
``templates/report.md.j2``. Adding a section to the report means one field here and one
block in each template.
"""

from __future__ import annotations

import functools
import numbers
from dataclasses import dataclass
from typing import Any

TEMPLATES = "templates"


@dataclass(frozen=True)
class Table:
    """A plain table for either format; ``caption`` is shown above it in HTML, ``note``
    (say, where the rows a long table leaves out are) below it in both."""

    columns: list[str]
    rows: list[list[Any]]
    caption: str = ""
    note: str = ""

    @classmethod
    def from_frame(cls, df, caption: str = "") -> "Table":
        return cls(columns=[str(c) for c in df.columns], rows=[list(r) for r in df.itertuples(index=False)], caption=caption)

    def __len__(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class HeatCell:
    """One share in the overview table: ``shade`` is its place between the theme's lowest
    (0) and highest (1) share, ``mark`` ▲/▼ or nothing, ``title`` what the mark means."""

    share: float
    shade: float
    mark: str = ""
    title: str = ""


@dataclass(frozen=True)
class ShareRow:
    theme: str  # label
    n_paragraphs: int
    n_chars: int
    share: float
    ci_low: float
    ci_high: float
    z: float
    emphasis: str  # "more", "less" or ""
    n_sentences: int | None = None  # the theme's sentences (shares count their characters)


@dataclass(frozen=True)
class Example:
    theme: str  # label
    where: str  # source:line
    text: str


@dataclass(frozen=True)
class LocalityView:
    name: str
    anchor: str
    meta: str  # the documents behind it
    cells: list[HeatCell]  # one per theme, for the overview
    shares: list[ShareRow]  # one per theme
    words: list[tuple[str, str]]  # (theme label, words that set it apart)
    examples: list[Example]


@dataclass(frozen=True)
class LevelGroup:
    """Localities of one level (province, city, county, or unknown), in a stable order."""

    level: str
    title: str
    localities: list[LocalityView]


@dataclass(frozen=True)
class TopicView:
    topic: int
    theme: str  # label
    size: int
    words: str
    localities: str
    examples: list[str]


@dataclass(frozen=True)
class ReportContext:
    """Everything the report shows, computed before rendering."""

    title: str
    n_documents: int
    n_paragraphs: int
    n_localities: int
    n_topics: int
    clustering: str
    n_boot: int
    level_counts: list[tuple[str, int]]  # (level title, localities) for the levels present
    theme_labels: list[str]  # column order
    themes: list[tuple[str, str]]  # (label, description)
    groups: list[LevelGroup]
    intervals_png: str  # base64 PNG
    heatmap_file: str  # path of the heatmap PNG relative to the report
    distinctive: Table  # marked locality × theme pairs
    years: Table | None
    topics: list[TopicView]
    quality_headline: str
    quality: list[Table]
    params_yaml: str
    # estimates a reviewer asks for (each section says why it is empty when it is)
    accuracy_summary: str = ""
    accuracy: Table | None = None  # per theme: precision, recall, F1, support
    confusion: Table | None = None  # hand label × prediction
    correction_note: str = ""
    corrected: Table | None = None  # raw and corrected shares with intervals
    covariates_note: str = ""
    covariates_expected: Table | None = None
    covariates_contrasts: Table | None = None
    covariates_png: str = ""
    reuse_summary: str = ""
    reuse_pairs: Table | None = None
    reuse_shares: Table | None = None
    reuse_passages: Table | None = None
    robustness_note: str = ""
    robustness: Table | None = None
    reliability_note: str = ""
    reliability: Table | None = None
    theme_model: str = ""  # which sentence classifier themed the text (metrics/themes.json "model")


def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pipeline", TEMPLATES),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["pct"] = lambda v, d=0: f"{v:.{d}%}"
    env.filters["md_cell"] = md_cell
    env.filters["md_table"] = md_table
    env.filters["code"] = inline_code
    env.tests["number"] = lambda v: isinstance(v, numbers.Number) and not isinstance(v, bool)
    return env


@functools.cache
def environment():
    """The Jinja2 environment (templates from the package, strict about undefined names)."""
    return _environment()


def inline_code(value: Any):
    """A note for HTML: escaped, its `commands` as <code> (the Markdown report shows them as written)."""
    import re

    import markupsafe

    return markupsafe.Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", str(markupsafe.escape(value))))


def md_cell(value: Any) -> str:
    """A value as a Markdown table cell: pipes escaped, line breaks removed."""
    return str(value).replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def md_table(table: Table) -> str:
    """A GitHub-flavoured Markdown table (its caption, if any, above it in italics, as the
    HTML shows it; its note below it)."""
    out = [f"*{md_cell(table.caption)}*", ""] if table.caption else []
    out += ["| " + " | ".join(md_cell(c) for c in table.columns) + " |", "|" + "---|" * len(table.columns)]
    for row in table.rows:
        out.append("| " + " | ".join(md_cell(v) for v in row) + " |")
    if table.note:
        out += ["", table.note]
    return "\n".join(out)


def render_html(ctx: ReportContext) -> str:
    """The self-contained HTML page (CSS and figures inlined)."""
    from importlib.resources import files

    css = files("pipeline").joinpath(TEMPLATES, "report.css").read_text(encoding="utf-8")
    return environment().get_template("report.html.j2").render(ctx=ctx, css=css)


def render_markdown(ctx: ReportContext) -> str:
    """The report as Markdown (figures linked, not inlined)."""
    return environment().get_template("report.md.j2").render(ctx=ctx)

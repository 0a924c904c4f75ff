"""The statistics for a period, printed: each chart drawn by ReportLab's graphics (reportlab.graphics.charts,
a kept library: nothing drawn by hand) with its numbers in a table under it, then the daily headcount on a
date (present by unit and category, away by reason) in the project's own table layout.

Wording from the ``forms`` domain (forms-stats.po); months and numbers through Babel in the print language;
every text in the shipped font, which has the Kazakh letters (ә ғ қ ң ө ұ ү һ і).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Spacer

from app.domain.enums import RecipientCategory
from app.domain.statistics import AbsenceGroup, Chart, Headcount
from reports.common import (
    BODY,
    FONT,
    Lang,
    Style,
    build_pdf,
    caption_line,
    grid,
    lang_of,
    para,
    signatures,
    title,
    usable_width,
)
from reports.model import Organisation

#: the series colours, the same on screen (ui/views/statistics.py) and on paper
PALETTE = ("#2e86c1", "#e67e22", "#27ae60", "#c0392b", "#8e44ad", "#16a085", "#7f8c8d", "#d4ac0d")
CHART_HEIGHT = 190.0
_CATEGORIES = {c.value for c in RecipientCategory}


@dataclass(frozen=True)
class StatisticsReport:
    """What the print shows: the organisation, the period, its charts and the headcount on a date."""

    organisation: Organisation | None
    start: dt.date
    end: dt.date
    charts: tuple[Chart, ...] = ()
    headcount: Headcount | None = None
    extra: dict = field(default_factory=dict)


def _num(L: Lang, value) -> str:
    return "" if value is None else format_decimal(value, locale=L.code)


def _value(L: Lang, chart: Chart, value) -> str:
    if chart.unit == "share":
        return "" if value is None else format_percent(value, "#,##0%", locale=L.code)
    return _num(L, value)


def _category(L: Lang, chart: Chart, value, wide: bool = False) -> str:
    if isinstance(value, dt.date):
        return format_date(value, "LLLL yyyy" if wide else "LLL yy", locale=L.code)
    return L(value) if chart.translate_categories else str(value)


def _drawing(chart: Chart, L: Lang, width: float) -> Drawing:
    """The chart by ReportLab's graphics: lines for counts over months and shares, bars otherwise."""
    legend_h = 14.0 * ((len(chart.series) + 1) // 2)
    d = Drawing(width, CHART_HEIGHT + legend_h)
    values = [[(0 if v is None else v * 100 if chart.unit == "share" else v) for v in s.values] for s in chart.series]
    # bars across (categories): numbered on the axis, the names in the table under the chart
    labels = [str(i) for i in range(1, len(chart.categories) + 1)] if chart.kind == "hbar" else \
        [_category(L, chart, c) for c in chart.categories]
    c: HorizontalLineChart | HorizontalBarChart | VerticalBarChart
    if chart.kind in ("line", "share"):
        c = HorizontalLineChart()
        c.data = [tuple(v) for v in values]
        for i in range(len(values)):
            c.lines[i].strokeColor = colors.HexColor(PALETTE[i % len(PALETTE)])
            c.lines[i].strokeWidth = 1.6
        c.joinedLines = 1
    elif chart.kind == "hbar":
        c = HorizontalBarChart()
        c.data = [tuple(v) for v in values]
        c.bars[0].fillColor = colors.HexColor(PALETTE[0])
        c.categoryAxis.reverseDirection = 1  # the first category on top, as the table lists them
    else:
        c = VerticalBarChart()
        c.data = [tuple(v) for v in values]
        if chart.kind == "stacked":
            c.categoryAxis.style = "stacked"
        for i in range(len(values)):
            c.bars[i].fillColor = colors.HexColor(PALETTE[i % len(PALETTE)])
            c.bars[i].strokeColor = None
    left = 34.0
    c.x, c.y = left, legend_h + 24  # type: ignore[assignment]  # ReportLab takes any number here; types-reportlab says int
    c.width, c.height = width - left - 10, CHART_HEIGHT - 34  # type: ignore[assignment]  # ReportLab takes any number here; types-reportlab says int
    c.categoryAxis.categoryNames = labels
    for axis in (c.categoryAxis, c.valueAxis):
        axis.labels.fontName, axis.labels.fontSize = FONT, 7
    c.valueAxis.labelTextFormat = lambda v: format_decimal(v, locale=L.code)  # Babel: 1 234 in kk and ru
    if chart.kind != "hbar" and len(labels) > 12:
        c.categoryAxis.labels.angle, c.categoryAxis.labels.boxAnchor = 45, "ne"
    top = max((sum(col) for col in zip(*values)) if chart.kind == "stacked" else
              (v for row in values for v in row), default=0)
    c.valueAxis.valueMin = 0
    c.valueAxis.valueMax = 100 if chart.unit == "share" else max(1, top * 1.1)
    if chart.unit != "share" and top < 5:
        c.valueAxis.valueStep = 1
    d.add(c)
    if len(chart.series) > 1 or chart.kind != "hbar":
        legend = Legend()
        legend.fontName, legend.fontSize = FONT, 7.5
        legend.x, legend.y = 10, legend_h  # type: ignore[assignment]  # ReportLab takes any number here; types-reportlab says int
        legend.alignment = "right"
        legend.columnMaximum = max(1, (len(chart.series) + 1) // 2)
        legend.deltax = (width - 20) / 2  # type: ignore[assignment]  # ReportLab takes any number here; types-reportlab says int
        legend.colorNamePairs = [(colors.HexColor(PALETTE[i % len(PALETTE)]), L(s.name) if s.translate else s.name)
                                 for i, s in enumerate(chart.series)]
        d.add(legend)
    if chart.unit == "share":
        d.add(String(2, CHART_HEIGHT + legend_h - 10, "%", fontName=FONT, fontSize=7))
    return d


def _chart_story(chart: Chart, L: Lang, width: float) -> list:
    heading = para(L(chart.title), Style(BODY, bold=True, space_before=8, space_after=4))
    if not chart.series:  # no discharge of any reason in the period, for one
        return [heading, para(L("Nothing to show for the period."))]
    head = [L("Month") if chart.categories and isinstance(chart.categories[0], dt.date) else
            L("Age") if chart.key == "age" else L("Category")]
    head += [L(s.name) if s.translate else s.name for s in chart.series]
    number = (lambda i: f"{i + 1}. ") if chart.kind == "hbar" else (lambda i: "")
    rows = [[number(i) + _category(L, chart, c, wide=True), *(_value(L, chart, s.values[i]) for s in chart.series)]
            for i, c in enumerate(chart.categories)]
    first = 0.5 if chart.kind == "hbar" else 0.2
    widths = [width * first] + [width * (1 - first) / max(1, len(chart.series))] * len(chart.series)
    center = range(1, len(head)) if chart.kind == "hbar" else range(len(head))
    return [CondPageBreak(CHART_HEIGHT + 60), heading, _drawing(chart, L, width), Spacer(1, 4),
            grid([head, *rows], widths, center=center)]


def headcount_story(h: Headcount, L: Lang, width: float) -> list:
    groups = list(AbsenceGroup)
    head = [L("Unit"), L("Category"), L("Present"), *(L(g.msgid) for g in groups), L("Total")]
    rows = [[r.unit or L("Main part"),
             L(RecipientCategory(r.category).msgid) if r.category in _CATEGORIES else
             (r.category or L("category not recorded")),
             _num(L, r.present), *(_num(L, r.away.get(g, 0)) for g in groups), _num(L, r.total)] for r in h.rows]
    rows.append([L("Total"), "", _num(L, h.present), *(_num(L, h.away(g)) for g in groups), _num(L, h.total)])
    shares = (15, 27, 12, 9, 10, 9, 9, 9)
    out = [CondPageBreak(120), para(L("Daily headcount on {date}", date=L.date(h.day)),
                                    Style(BODY + 1, bold=True, space_before=10, space_after=4)),
           grid([head, *rows], [width * s / sum(shares) for s in shares], center=range(2, len(head)))]
    if h.other_reasons:
        out.append(para(L("Other reasons: {reasons}", reasons="; ".join(f"{text} — {_num(L, n)}"
                                                                          for text, n in h.other_reasons)),
                        Style(BODY - 1.5, space_before=4)))
    return out


def headcount_only(data: StatisticsReport, L: Lang) -> list:
    """The daily headcount alone, for the kitchen and the medical post: the organisation, the table, the
    signature."""
    width = usable_width()
    org = data.organisation
    return [caption_line(L.org_name(org), L("(name of the organisation)"), width),
            *headcount_story(_headcount(data), L, width), Spacer(1, 16),
            signatures([(L("Head of the organisation"), [(org.director_name if org else None,
                                                          L("(full name (if any), signature)"))])],
                       width, label_width=130)]


def render_headcount(data: StatisticsReport, lang: str) -> bytes:
    L = lang_of(lang)
    return build_pdf(headcount_only(data, L), L, L("Daily headcount on {date}", date=L.short(_headcount(data).day)))


def _headcount(data: StatisticsReport) -> Headcount:
    if data.headcount is None:
        raise ValueError("a headcount printout needs the report's headcount")
    return data.headcount


def story(data: StatisticsReport, L: Lang) -> list:
    width = usable_width()
    org = data.organisation
    out = [caption_line(L.org_name(org), L("(name of the organisation)"), width),
           title(L("Statistics for {start} – {end}", start=L.short(data.start), end=L.short(data.end)))]
    for chart in data.charts:
        out += _chart_story(chart, L, width)
    if data.headcount is not None:
        out += headcount_story(data.headcount, L, width)
    out += [Spacer(1, 16),
            signatures([(L("Head of the organisation"), [(org.director_name if org else None,
                                                          L("(full name (if any), signature)"))])],
                       width, label_width=130)]
    return out


def render(data: StatisticsReport, lang: str) -> bytes:
    L = lang_of(lang)
    return build_pdf(story(data, L), L, L("Statistics"))

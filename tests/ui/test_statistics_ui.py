"""The Statistics screen (issue 13 point 4) and the Deadlines screen (point 1): charts switched from the keyboard,
PNG and XLSX written and read back, the headcount table against the roster, a period refused under its fields;
every deadline listed with its bucket and rule tooltip, and Enter opening its record."""

import datetime as dt

from PySide6.QtCharts import QLineSeries, QStackedBarSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from app import i18n
from app.domain.deadlines import Bucket
from app.domain.enums import DeadlineKind
from app.portal.xlsx import open_sheets
from app.services.statistics import CHARTS
from ui.i18n import fnumber
from ui.models.deadlines import deadline_target
from ui.models.table import ROW_ROLE


def _page(ctx, qtbot):
    from ui.views.statistics import StatisticsPage

    page = StatisticsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.refresh()
    return page


def test_charts_switched_from_the_keyboard(director_ctx, qtbot):
    page = _page(director_ctx, qtbot)
    assert set(page.charts) == set(CHARTS)
    page.chart_box.setFocus()
    seen = []
    for _i in range(len(CHARTS)):
        chart = page.view.chart()
        seen.append((page.chart_key, chart.title()))
        kinds = {type(s) for s in chart.series()}
        if page.chart_key in ("occupancy", "queue", "on_time"):
            assert kinds == {QLineSeries}
        elif page.chart_key in ("admissions", "discharges", "age"):
            assert kinds == {QStackedBarSeries}
        qtbot.keyClick(page.chart_box, Qt.Key.Key_Down)
    assert [k for k, _t in seen] == list(CHARTS)
    assert [t for _k, t in seen] == [i18n._(CHARTS[k]) for k in CHARTS]
    # the occupancy line ends on the places held now: the roster of today
    page.set_chart("occupancy")
    today = dt.date.today()
    held = page.charts["occupancy"].series[0].values
    months = page.charts["occupancy"].categories
    assert held[months.index(today.replace(day=1))] == len(director_ctx.services.queries.roster_on(today))


def test_export_png_and_xlsx(director_ctx, qtbot, tmp_path):
    page = _page(director_ctx, qtbot)
    page.set_chart("occupancy")
    png = page.export_png(tmp_path / "chart.png")
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 300 and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert str(png) in page.status.text()
    xlsx = page.export_xlsx(tmp_path / "chart.xlsx")
    cells = sheet_cells(xlsx)
    chart = page.charts["occupancy"]
    header = next(i for i, r in enumerate(cells) if r and r[0] == i18n._("Month"))
    body = cells[header + 1:]
    assert len(body) == len(chart.categories)
    assert [r[1] for r in body] == list(chart.series[0].values)
    assert body[0][0] == i18n.fmonth(chart.categories[0], wide=True)
    cells = sheet_cells(page.export_headcount_xlsx(tmp_path / "headcount.xlsx"))
    assert cells[-1][0] == i18n._("Total") and cells[-1][-1] == page.headcount.total


def sheet_cells(path):
    with open_sheets(path.read_bytes()) as sheets:
        [table] = sheets
        return [list(values) for _n, values in table.rows]


def test_headcount_matches_the_roster_and_follows_the_date(director_ctx, qtbot):
    page = _page(director_ctx, qtbot)
    today = dt.date.today()
    roster = director_ctx.services.queries.roster_on(today)
    assert page.headcount.total == len(roster)
    model = page.headcount_view.model()
    last = model.rowCount() - 1
    assert model.index(last, 0).data() == i18n._("Total")
    assert model.index(last, model.columnCount() - 1).data() == fnumber(len(roster))
    away = sum(status.value == "temporarily_absent" for _r, status, _a in roster)
    assert page.headcount.away() == away and page.headcount.present == len(roster) - away
    page.set_day(today - dt.timedelta(days=3650))  # before the demo's first admission
    assert page.headcount.total == 0


def test_period_refused_under_the_fields(director_ctx, qtbot):
    page = _page(director_ctx, qtbot)
    page.set_period(dt.date(2026, 6, 1), dt.date(2026, 1, 1))
    assert page.period_error.isVisible() and page.period_error.text()
    assert page.charts == {}
    shown = page.period_error.text()
    director_ctx.translator.set_language("kk")  # the refusal is said again in the language chosen
    assert page.period_error.isVisible() and page.period_error.text() not in ("", shown)
    director_ctx.translator.set_language("ru")
    assert page.period_error.text() == shown
    page.set_period(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert not page.period_error.isVisible() and len(page.charts["queue"].categories) == 6


def test_statistics_retranslated(director_ctx, qtbot, translator):
    page = _page(director_ctx, qtbot)
    translator.set_language("kk")
    assert page.view.chart().title() == i18n._(CHARTS[page.chart_key], "kk")
    assert page.headcount_view.model().index(page.headcount_view.model().rowCount() - 1, 0).data() == \
        i18n._("Total", "kk")
    translator.set_language("ru")
    assert page.view.chart().title() == i18n._(CHARTS[page.chart_key], "ru")


def test_deadlines_screen_lists_every_kind_with_bucket_and_rule(director_ctx, qtbot):
    from ui.views.deadlines import DeadlinesPage

    page = DeadlinesPage(director_ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    rows = director_ctx.services.queries.deadlines(dt.date.today())
    assert page.model.rowCount() == len(rows)
    kinds = {d.kind for d in rows}
    # the demo plants documents missing, IPRs, plan ends and the licence in eleven days
    assert {DeadlineKind.DOCUMENTS.value, DeadlineKind.IPR_EXPIRY.value, DeadlineKind.PLAN_END.value,
            DeadlineKind.LICENCE_EXPIRY.value, DeadlineKind.CONTRACT_EXPIRY.value} <= kinds
    first = page.model.index(0, 0)
    row = first.data(ROW_ROLE)
    tip = page.model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert row.rule in tip and row.rule not in page.model.index(0, 3).data()
    # filter by bucket
    page.bucket.setCurrentIndex(page.bucket.findData(Bucket.DAYS_14))
    shown = [page.model.index(i, 0).data(ROW_ROLE) for i in range(page.model.rowCount())]
    assert shown and all(d.bucket == Bucket.DAYS_14 for d in shown)
    assert any(d.kind == DeadlineKind.LICENCE_EXPIRY.value for d in shown)
    # Enter on the licence row asks for its record: the organisation's profile at the licence field
    licence = next(d for d in shown if d.kind == DeadlineKind.LICENCE_EXPIRY.value)
    asked = []
    director_ctx.open_deadline.connect(asked.append)
    proxy = page.view.model()
    r = next(i for i in range(proxy.rowCount()) if proxy.index(i, 0).data(ROW_ROLE) is licence)
    page.view.setFocus()
    page.view.setCurrentIndex(proxy.index(r, 0))
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert asked == [licence]
    target = deadline_target(licence)
    assert (target.page, target.field) == ("OrganisationPage", "licence_valid_until")


def test_deadline_opens_its_record_in_the_main_window(director_ctx, qtbot):
    from ui.main_window import MainWindow

    w = MainWindow(director_ctx)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    rows = director_ctx.services.queries.deadlines(dt.date.today())
    licence = next(d for d in rows if d.kind == DeadlineKind.LICENCE_EXPIRY.value)
    director_ctx.open_deadline.emit(licence)
    org_page = w.current_page()
    assert type(org_page).__name__ == "OrganisationPage"
    assert org_page.tabs.currentIndex() == 0
    assert org_page._profile_widget("licence_valid_until").hasFocus() or \
        w.focusWidget() is org_page._profile_widget("licence_valid_until") or \
        org_page._profile_widget("licence_valid_until").isAncestorOf(w.focusWidget())
    docs = next(d for d in rows if d.kind == DeadlineKind.DOCUMENTS.value)
    assert deadline_target(docs).tab == "casefile"
    director_ctx.open_deadline.emit(docs)
    card = w.current_page().card
    assert card is not None and card.resident_id == docs.resident_id
    assert card.tabs.currentWidget() is card.pages["casefile"]
    card.close()


def test_presets_and_print_preview(director_ctx, qtbot, monkeypatch):
    import ui.dialogs.preview as preview

    page = _page(director_ctx, qtbot)
    today = dt.date.today()
    page.set_period(dt.date(today.year - 2, 3, 1), dt.date(today.year - 2, 5, 31))
    assert len(page.charts["occupancy"].categories) == 3
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.chart_box.setFocus()
    qtbot.keyClick(page.chart_box, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # this year
    assert (page.start.value(), page.end.value()) == (dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))
    assert len(page.charts["occupancy"].categories) == 12
    shown = {}

    def fake_preview(parent, title, render, stem):
        shown.update(title=title, stem=stem, kk=render("kk"), ru=render("ru"))
        return None

    monkeypatch.setattr(preview, "preview_of", fake_preview)
    qtbot.keyClick(page.chart_box, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert shown["title"] == "Statistics" and shown["kk"][:5] == b"%PDF-" and shown["ru"][:5] == b"%PDF-"
    assert shown["kk"] != shown["ru"]


def test_headcount_printed_alone(director_ctx, qtbot, monkeypatch):
    import ui.dialogs.preview as preview
    from tests.reports.helpers import text

    page = _page(director_ctx, qtbot)
    shown = {}
    monkeypatch.setattr(preview, "preview_of",
                        lambda parent, title, render, stem: shown.update(title=title, ru=render("ru"), kk=render("kk")))
    page.headcount_print.click()
    assert shown["title"] == "Daily headcount"
    ru, kk = text(shown["ru"]), text(shown["kk"])
    total = fnumber(page.headcount.total).replace("\xa0", " ")
    forms = {lang: i18n.catalog(lang, "forms").gettext("Total") for lang in ("kk", "ru")}
    assert "Суточная численность на" in ru and forms["ru"] in ru and total in ru
    assert "тәуліктік тізім саны" in kk and forms["kk"] in kk
    assert i18n._(CHARTS["occupancy"], "ru") not in ru  # the headcount alone, no charts

"""Statistics (issue 13 point 4): for a period of months, one chart at a time — places held, the queue's
length, admissions, discharges by reason, plans and monitoring done in time, the age and category
structure — drawn by Qt Charts (a kept library, nothing painted by hand), with the daily headcount for a
chosen date beside it: present by unit and category, away by reason, what the kitchen and the medical post
need every morning. Print (ReportLab's graphics, kk or ru, chosen in the preview), Export PNG (the chart as
shown) and Export XLSX (the chart's numbers, or the headcount)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QMargins, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.domain.statistics import AbsenceGroup, Chart, Headcount, month_end, month_start
from app.i18n import N_, M, _, current_language, fpercent
from app.paths import write_private
from app.portal.xlsx import write_xlsx
from app.services.statistics import CHARTS, category_text, chart_table, headcount_table, series_text
from reports.statistics import PALETTE
from ui.context import Context
from ui.forms import DateField, set_bold, show_refusal
from ui.i18n import fdate, fnumber
from ui.models.table import Column, RowsModel
from ui.widgets.buttons import ActionButton
from ui.widgets.forms import MessageLabel
from ui.widgets.icons import set_icons
from ui.widgets.pages import LivePage
from ui.widgets.rules import set_rule_text
from ui.widgets.tables import RIGHT, fit_columns


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last twelve months up to this month's end."""
    start = month_start(today)
    start = dt.date(start.year - 1, start.month, 1)
    start = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return start, month_end(month_start(today))


def this_year(today: dt.date) -> tuple[dt.date, dt.date]:
    return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)


def qt_chart(chart: Chart) -> QChart:
    """``chart`` as a QChart: lines for counts over months and shares, stacked or horizontal bars otherwise;
    the texts in the current language, the colours those of the print."""
    q = QChart()
    q.setTitle(_(chart.title))
    q.setLocalizeNumbers(True)  # axis numbers grouped as the language writes them (1 234)
    q.setLocale(QLocale(QLocale.Language.Kazakh if current_language() == "kk" else QLocale.Language.Russian,
                        QLocale.Country.Kazakhstan))
    q.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    q.setMargins(QMargins(4, 4, 4, 4))
    # many series (discharges by reason): a list on the right, each full name in its tooltip
    q.legend().setAlignment(Qt.AlignmentFlag.AlignRight if len(chart.series) > 2 else Qt.AlignmentFlag.AlignBottom)
    q.legend().setShowToolTips(True)
    labels = [category_text(chart, c) for c in chart.categories]
    share = chart.unit == "share"
    values_axis = QValueAxis()
    values_axis.setLabelFormat("%.0f%%" if share else "%.0f")  # localized numbers take f, e, g only
    top = 0.0
    if chart.kind in ("line", "share"):
        cats = QBarCategoryAxis()
        cats.append(labels)
        q.addAxis(cats, Qt.AlignmentFlag.AlignBottom)
        q.addAxis(values_axis, Qt.AlignmentFlag.AlignLeft)
        for i, s in enumerate(chart.series):
            line = QLineSeries()
            line.setName(series_text(s))
            line.setPointsVisible(True)
            line.setPen(QPen(QColor(PALETTE[i % len(PALETTE)]), 2.2))
            for x, v in enumerate(s.values):
                if v is not None:  # a month with nothing to count has no point
                    y = v * 100 if share else v
                    line.append(QPointF(x, y))
                    top = max(top, y)
            q.addSeries(line)
            line.attachAxis(cats)
            line.attachAxis(values_axis)
    else:
        bars = QHorizontalBarSeries() if chart.kind == "hbar" else QStackedBarSeries()
        for i, s in enumerate(chart.series):
            bar_set = QBarSet(series_text(s))
            bar_set.setColor(QColor(PALETTE[i % len(PALETTE)]))
            bar_set.append([float(v or 0) for v in s.values])
            bars.append(bar_set)
        stacked = [sum(float(s.values[i] or 0) for s in chart.series) for i in range(len(labels))]
        top = max([*stacked, 0.0])
        q.addSeries(bars)
        cats = QBarCategoryAxis()
        cats.append(labels)
        if chart.kind == "hbar":
            bars.setLabelsVisible(True)
            q.addAxis(cats, Qt.AlignmentFlag.AlignLeft)
            q.addAxis(values_axis, Qt.AlignmentFlag.AlignBottom)
            q.legend().setVisible(False)
        else:
            q.addAxis(cats, Qt.AlignmentFlag.AlignBottom)
            q.addAxis(values_axis, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(cats)
        bars.attachAxis(values_axis)
    cats.setTruncateLabels(False)  # a month's name whole (Babel's, in the language shown)
    if chart.kind != "hbar" and len(labels) > 6:
        cats.setLabelsAngle(-45)
    if share:
        values_axis.setRange(0, 100)
        values_axis.setTickCount(6)
    else:  # whole people: ticks on whole numbers
        values_axis.setRange(0, max(1.0, top))
        values_axis.applyNiceNumbers()
        if values_axis.max() <= 10:
            values_axis.setTickCount(int(values_axis.max()) + 1)
    return q


def _cell(i: int):
    return lambda r: r[i] if isinstance(r[i], str) else fnumber(r[i])


#: the headcount's columns over the rows of ``headcount_table``: unit, category, then numbers
HEADCOUNT_COLUMNS: list[Column[list]] = [
    Column(N_("Unit"), _cell(0), tooltip=_cell(0)), Column(N_("Category"), _cell(1), tooltip=_cell(1)),
    Column(N_("Present"), _cell(2), align=RIGHT),
    *(Column(g.msgid, _cell(3 + i), align=RIGHT) for i, g in enumerate(AbsenceGroup)),
    Column(N_("Total"), _cell(3 + len(AbsenceGroup)), align=RIGHT)]


class StatisticsPage(LivePage):
    title = N_("Statistics")

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.charts: dict[str, Chart] = {}
        self.headcount: Headcount | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.from_label, self.to_label, self.chart_label = QLabel(), QLabel(), QLabel()
        self.start, self.end = DateField(), DateField()
        self.from_label.setBuddy(self.start)
        self.to_label.setBuddy(self.end)
        self.period_error = MessageLabel()
        self.chart_box = QComboBox()
        self.chart_box.setObjectName("chart_choice")
        self.chart_box.setMinimumContentsLength(28)  # a chart's title, most of it, at 1366 px
        for key in CHARTS:
            self.chart_box.addItem("", key)
        self.chart_label.setBuddy(self.chart_box)
        self.presets = [ActionButton(self, N_("This &year"), "Alt+1", lambda: self.set_period(*this_year(dt.date.today()))),
                        ActionButton(self, N_("12 &months"), "Alt+2",
                                     lambda: self.set_period(*default_period(dt.date.today())))]
        self.print_button = ActionButton(self, N_("&Print…"), "Ctrl+P", self.print_)
        self.png_button = ActionButton(self, N_("Export P&NG…"), "Ctrl+Shift+G", self.ask_png)
        self.xlsx_button = ActionButton(self, N_("Export &XLSX…"), "Ctrl+Shift+X", self.ask_xlsx)
        set_icons({self.print_button: "printer", self.png_button: "image", self.xlsx_button: "file-spreadsheet",
                   **{button: "calendar" for button in self.presets}})
        self.view = QChartView(self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumSize(420, 260)
        self.note = QLabel()
        self.note.setWordWrap(True)
        # the daily headcount
        self.day_label = QLabel()
        self.day = DateField()
        self.day.setObjectName("headcount_day")
        self.day_label.setBuddy(self.day)
        self.headcount_box = QGroupBox()
        self.headcount_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.headcount_model: RowsModel[list] = RowsModel(HEADCOUNT_COLUMNS, self)
        self.headcount_view = QTableView(self.headcount_box)
        self.headcount_view.setObjectName("headcount")
        self.headcount_view.setModel(self.headcount_model)
        self.headcount_view.verticalHeader().setVisible(False)
        self.headcount_view.setWordWrap(True)
        self.headcount_view.setMaximumHeight(150)
        header = self.headcount_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(header.fontMetrics().height() * 3 + 8)  # a reason's name on up to three lines
        self.headcount_view.horizontalHeader().setStretchLastSection(False)
        self.headcount_total = QLabel()
        set_bold(self.headcount_total)
        self.headcount_total.setWordWrap(True)
        self.other_reasons = QLabel()
        self.other_reasons.setWordWrap(True)
        self.headcount_xlsx = ActionButton(self, N_("Export &headcount XLSX…"), "Ctrl+Shift+H", self.ask_headcount_xlsx)
        self.headcount_print = ActionButton(self, N_("Print the head&count…"), "Ctrl+Shift+P", self.print_headcount)
        set_icons({self.headcount_xlsx: "file-spreadsheet", self.headcount_print: "printer"})
        self.status = QLabel()
        self.status.setObjectName("status")

        bar = QHBoxLayout()  # the period, then (a second row) the chart and what to do with it
        for w in (self.from_label, self.start, self.to_label, self.end, *self.presets):
            bar.addWidget(w)
        bar.addStretch(1)
        chart_bar = QHBoxLayout()
        chart_bar.addWidget(self.chart_label)
        chart_bar.addWidget(self.chart_box, 1)
        for w in (self.print_button, self.png_button, self.xlsx_button):
            chart_bar.addWidget(w)
        left = QVBoxLayout()
        left.addWidget(self.view, 1)
        left.addWidget(self.note)
        day_bar = QHBoxLayout()
        day_bar.addWidget(self.day_label)
        day_bar.addWidget(self.day)
        day_bar.addStretch(1)
        day_bar.addWidget(self.headcount_print)
        day_bar.addWidget(self.headcount_xlsx)
        box = QVBoxLayout(self.headcount_box)
        box.addLayout(day_bar)
        box.addWidget(self.headcount_total)
        box.addWidget(self.headcount_view, 1)
        box.addWidget(self.other_reasons)
        body = QVBoxLayout()
        body.addLayout(left, 5)
        body.addWidget(self.headcount_box, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addLayout(bar)
        lay.addWidget(self.period_error)
        lay.addLayout(chart_bar)
        lay.addLayout(body, 1)
        lay.addWidget(self.status)
        chain = [self.start, self.end, *self.presets, self.chart_box, self.print_button, self.png_button,
                 self.xlsx_button, self.view, self.day, self.headcount_print, self.headcount_xlsx, self.headcount_view]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

        start, end = default_period(dt.date.today())
        for field, value in ((self.start, start), (self.end, end), (self.day, dt.date.today())):
            field.set_value(value)
        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.setInterval(300)  # typing a date changes it several times: reload once it settles
        self._reload.timeout.connect(self.refresh)
        for field in (self.start, self.end, self.day):
            field.dateChanged.connect(lambda _d: self._reload.start())
        self.chart_box.currentIndexChanged.connect(lambda _i: self.show_chart())
        self.retranslate_ui()

    # --- data ----------------------------------------------------------------------------------------
    @property
    def chart_key(self) -> str:
        return self.chart_box.currentData()

    def set_chart(self, key: str) -> None:
        self.chart_box.setCurrentIndex(self.chart_box.findData(key))

    def set_period(self, start: dt.date, end: dt.date) -> None:
        for field, value in ((self.start, start), (self.end, end)):
            field.blockSignals(True)
            field.set_value(value)
            field.blockSignals(False)
        self.refresh()

    def set_day(self, day: dt.date) -> None:
        self.day.blockSignals(True)
        self.day.set_value(day)
        self.day.blockSignals(False)
        self.refresh()

    def load(self) -> None:
        self._reload.stop()
        svc = self.ctx.services.statistics
        self.period_error.setVisible(False)
        start, end, day = self.start.value(), self.end.value(), self.day.value()
        if start is None or end is None or day is None:  # the fields are not optional: never empty
            return
        try:
            self.charts = svc.charts(start, end)
        except DomainError as exc:  # under the period fields, the charts left empty
            self.charts = {}
            self.period_error.say(exc.message)
        try:
            self.headcount = svc.headcount(day)
        except DomainError as exc:
            self.headcount = None
            show_refusal(self, exc)
        self.show_chart()
        self._show_headcount()

    def show_chart(self) -> None:
        chart = self.charts.get(self.chart_key)
        old = self.view.chart()
        self.view.setChart(qt_chart(chart) if chart else QChart())
        if old is not None:
            old.deleteLater()
        set_rule_text(self.note, self._note(chart) if chart else "")  # the rule's code in the tooltip

    def _note(self, chart: Chart) -> str:
        if not chart.series:
            return _("Nothing to show for the period.")
        if chart.key == "on_time":
            done = [f"{category_text(chart, m)}: {fpercent(v)}" for m, v in zip(chart.categories, chart.series[0].values)
                    if v is not None]
            return _("Plans (R-15): a plan is in time when it was drawn up, completed and approved by their "
                     "deadlines; monitoring (R-21): written into the journal within one working day.") + (
                " " + _("Plans: {months}.").format(months="; ".join(done)) if done else "")
        if chart.key in ("age", "category"):
            unknown = chart.extra.get("unknown_age", 0)
            text = _("Residents holding a place on {day}: {n}.").format(day=fdate(self.end.value()),
                                                                        n=fnumber(int(sum(chart.total(i) for i in
                                                                                          range(len(chart.series))))))
            return text + (" " + _("Birth date not recorded: {n}.").format(n=fnumber(unknown))
                           if isinstance(unknown, int) and unknown else "")
        if chart.key == "occupancy":
            return _("Places held: residents present and temporarily away at the month's end, from the journal's "
                     "movements (R-01).")
        return ""

    def _show_headcount(self) -> None:
        h = self.headcount
        if h is None:
            self.headcount_model.set_rows([])
            self.headcount_total.setText("")
            return
        _header, rows = headcount_table(h)
        self.headcount_model.set_rows(rows)
        self.headcount_model.retranslate()
        fit_columns(self.headcount_view, cap=300)
        self.headcount_view.resizeRowsToContents()
        self.headcount_total.setText(_("On {day}: {total} hold a place, {present} present, {away} away.").format(
            day=fdate(h.day), total=fnumber(h.total), present=fnumber(h.present), away=fnumber(h.away())))
        self.other_reasons.setText(_("Other reasons: {reasons}").format(
            reasons="; ".join(f"{text} — {fnumber(n)}" for text, n in h.other_reasons)) if h.other_reasons else "")

    # --- actions -------------------------------------------------------------------------------------
    def _tell(self, text: str) -> None:
        self.status.setText(text)
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 10_000)

    def _stem(self) -> str:
        return f"{self.chart_key}_{self.start.value()}_{self.end.value()}"

    def export_png(self, path: Path) -> Path:
        """The chart as shown, as a PNG image."""
        image = self.view.grab()
        if not image.save(str(path), "PNG"):
            raise OSError(str(path))
        self._tell(_("The chart was saved to {path}.").format(path=path))
        return Path(path)

    def export_xlsx(self, path: Path) -> Path:
        """The shown chart's numbers as an XLSX sheet."""
        chart = self.charts[self.chart_key]
        header, rows = chart_table(chart)
        org = self.ctx.services.organisation.get()
        titles = [org.name_kk if current_language() == "kk" else org.name_ru, _(chart.title),
                  f"{fdate(self.start.value())} – {fdate(self.end.value())}"]
        data = write_xlsx(header, rows, sheet=_(chart.title), widths=[24] + [18] * (len(header) - 1), titles=titles)
        write_private(Path(path), data)
        self._tell(_("The numbers of the chart were saved to {path}.").format(path=path))
        return Path(path)

    def export_headcount_xlsx(self, path: Path) -> Path:
        h = self.headcount
        assert h is not None  # offered only while a headcount is shown
        header, rows = headcount_table(h)
        org = self.ctx.services.organisation.get()
        titles = [org.name_kk if current_language() == "kk" else org.name_ru,
                  _("Daily headcount on {date}").format(date=fdate(h.day))]
        data = write_xlsx(header, rows, sheet=_("Daily headcount"), widths=[22, 36] + [12] * (len(header) - 2),
                          titles=titles)
        write_private(Path(path), data)
        self._tell(_("The headcount was saved to {path}.").format(path=path))
        return Path(path)

    def _ask(self, title: str, name: str, kind: str, save) -> None:
        path, _f = QFileDialog.getSaveFileName(self, title, name, kind)
        if not path:
            return
        try:
            save(Path(path))
        except OSError:
            show_refusal(self, DomainError(M("The file {path} could not be written; choose another folder.",
                                             path=path), "file"))

    def ask_png(self) -> None:
        if self.chart_key in self.charts:
            self._ask(_("Export the chart as PNG"), f"{self._stem()}.png", _("PNG images (*.png)"), self.export_png)

    def ask_xlsx(self) -> None:
        if self.chart_key in self.charts:
            self._ask(_("Export the chart's numbers"), f"{self._stem()}.xlsx", _("Excel workbook (*.xlsx)"),
                      self.export_xlsx)

    def ask_headcount_xlsx(self) -> None:
        if self.headcount is not None:
            self._ask(_("Export the daily headcount"), f"headcount_{self.headcount.day}.xlsx",
                      _("Excel workbook (*.xlsx)"), self.export_headcount_xlsx)

    def print_(self) -> None:
        """Every chart of the period and the headcount, in the preview (print language chosen there)."""
        from reports.statistics import render
        from ui.dialogs.preview import preview_of

        if not self.charts:
            return
        try:
            start, end, day = self.start.value(), self.end.value(), self.day.value()
            assert start is not None and end is not None and day is not None  # not optional: never empty
            data = self.ctx.services.statistics.report(start, end, day)
        except DomainError as exc:
            show_refusal(self, exc)
            return
        dialog = preview_of(self, N_("Statistics"), lambda lang: render(data, lang),
                            f"statistics_{self.start.value()}_{self.end.value()}")
        if dialog is not None:
            dialog.exec()

    def print_headcount(self) -> None:
        """The daily headcount alone, in the preview (print language chosen there)."""
        from reports.statistics import render_headcount
        from ui.dialogs.preview import preview_of

        if self.headcount is None:
            return
        data = self.ctx.services.statistics.headcount_report(self.headcount.day)
        dialog = preview_of(self, N_("Daily headcount"), lambda lang: render_headcount(data, lang),
                            f"headcount_{self.headcount.day}")
        if dialog is not None:
            dialog.exec()

    # --- texts ---------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.heading.setText(_("Statistics for the chosen months from the journal's movements, the queue, the plans "
                               "and the monitoring; the daily headcount for a date below."))
        self.from_label.setText(_("&From"))
        self.to_label.setText(_("&To"))
        self.chart_label.setText(_("C&hart"))
        for i, key in enumerate(CHARTS):
            self.chart_box.setItemText(i, _(CHARTS[key]))
        self.day_label.setText(_("Headcount &on"))
        self.headcount_box.setTitle(_("Daily headcount: present by unit and category, away by reason"))
        self.period_error.retranslate_ui()
        for button in (*self.presets, self.print_button, self.png_button, self.xlsx_button, self.headcount_print,
                       self.headcount_xlsx):
            button.retranslate_ui()
        if self.charts or self.headcount is not None:
            self.show_chart()
            self._show_headcount()

"""The inspector's checklist (Joint Order 401/69, Annex 3; issue 13 point 2): the 20 items with their status
badges and violation degrees; an item judged from the data (1–4) expands to the residents failing it and why
(Enter or a double click opens the resident's card); an item answered by staff (5–20) is answered below the
list — not required, or required and complies / does not comply — with a note and a date. Print shows the
checklist in its printed layout, in Kazakh or Russian."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import checklist as cl
from app.domain.permissions import UseCase, may
from app.i18n import N_, _, current_language, ngettext
from ui.context import Changed, Context
from ui.forms import DateField, EnumCombo, Form, attempt, line
from ui.i18n import fdate, fdatetime
from ui.widgets.icons import set_icons
from ui.widgets.pages import LivePage
from ui.widgets.permissions import guard
from ui.widgets.tables import WrappedColumn

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1      # the item's number on a top-level row
RESIDENT_ROLE = Qt.ItemDataRole.UserRole + 2  # the resident's id on a child row
MOVEMENT_ROLE = Qt.ItemDataRole.UserRole + 3  # item 4: the movement lacking its document
#: status → badge colours (background, text)
BADGES = {cl.Status.COMPLIES: ("#d5f5e3", "#1e8449"), cl.Status.FAILS: ("#fadbd8", "#c0392b"),
          cl.Status.NOT_REQUIRED: ("#eaeded", "#566573"), cl.Status.UNANSWERED: ("#fdebd0", "#9c640c")}
HEADERS = (N_("No."), N_("Requirement"), N_("Judged"), N_("Status"), N_("Degree"))
COL_NO, COL_TEXT, COL_JUDGED, COL_STATUS, COL_DEGREE = range(5)


class ChecklistPage(LivePage):
    title = N_("Checklist")

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.result: cl.ChecklistResult | None = None
        self.versions: dict[int, int] = {}
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setMinimumWidth(300)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.on_label = QLabel()
        self.on = DateField()
        self.on_label.setBuddy(self.on)
        self.on.dateChanged.connect(lambda _d: self.refresh())
        self.document_button = QPushButton()
        self.document_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.document_button.clicked.connect(self.record_document)
        guard(self.document_button, ctx, UseCase.MOVEMENT_DOCUMENT)  # issue 10 point 5
        self.print_button = QPushButton()
        self.print_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.print_button.clicked.connect(self.print_)
        set_icons({self.document_button: "file-plus", self.print_button: "printer"})
        self.tree = QTreeWidget()
        self.tree.setObjectName("checklist")
        self.tree.setColumnCount(len(HEADERS))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        WrappedColumn(self.tree, COL_TEXT)  # the requirements differ at their ends: each read whole
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        for col, width in ((COL_NO, 60), (COL_JUDGED, 140), (COL_STATUS, 150), (COL_DEGREE, 130)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.tree.setColumnWidth(col, width)
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(lambda *_a: self._show_answer())
        self.tree.currentItemChanged.connect(lambda *_a: self.document_button.setEnabled(
            self.chosen_movement() is not None))
        # the staff answer of the chosen item 5–20
        self.answer_box = QGroupBox()
        self.form = Form()
        self.answer = self.form.add("answer", N_("Answer"), EnumCombo(cl.Answer, optional=True), required=True)
        self.note = self.form.add("note", N_("Note"), line(max_length=2000))
        self.answered_on = self.form.add("answered_on", N_("Answer date"), DateField(), required=True)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save_answer)
        set_icons({self.save_button: "save"})
        self.answer_info = QLabel()
        self.answer_info.setWordWrap(True)
        box = QHBoxLayout(self.answer_box)
        box.addWidget(self.form, 3)
        side = QVBoxLayout()
        side.addWidget(self.answer_info, 1)
        side.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        box.addLayout(side, 2)
        bar = QHBoxLayout()
        bar.addWidget(self.heading, 1)
        bar.addWidget(self.on_label)
        bar.addWidget(self.on)
        bar.addWidget(self.document_button)
        bar.addWidget(self.print_button)
        self.summary.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.summary)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.answer_box)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.print_)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save_answer)
        self.document_button.setEnabled(False)
        for first, second in zip((self.on, self.print_button, self.tree, self.answer, self.note, self.answered_on),
                                 (self.print_button, self.tree, self.answer, self.note, self.answered_on,
                                  self.save_button)):
            QWidget.setTabOrder(first, second)
        self.retranslate_ui()

    # --- data --------------------------------------------------------------------------------------
    def load(self) -> None:
        svc = self.ctx.services.checklist
        current = self.current_item_no()
        self.result = svc.evaluate(self.on.value())
        self.versions = svc.answer_versions()
        self._fill()
        if current is not None:
            self.select_item(current)

    def current_item_no(self) -> int | None:
        item = self.tree.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        return item.data(0, ITEM_ROLE) if item is not None else None

    def select_item(self, no: int) -> None:
        top = self.tree.topLevelItem(no - 1)
        if top is not None:
            self.tree.setCurrentItem(top)

    def _fill(self) -> None:
        current = self.current_item_no()
        tops = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        expanded = {t.data(0, ITEM_ROLE) for t in tops if t is not None and t.isExpanded()}
        self.tree.clear()
        if self.result is None:
            return
        lang = current_language()
        bold = QFont()
        bold.setBold(True)
        for res in self.result.items:
            top = QTreeWidgetItem([str(res.item.no), res.item.text(lang), "", "", ""])
            top.setData(0, ITEM_ROLE, res.item.no)
            top.setToolTip(COL_TEXT, res.item.text(lang))
            top.setTextAlignment(COL_NO, Qt.AlignmentFlag.AlignCenter)
            bg, fg = BADGES[res.status]
            top.setBackground(COL_STATUS, QBrush(QColor(bg)))
            top.setForeground(COL_STATUS, QBrush(QColor(fg)))
            top.setFont(COL_STATUS, bold)
            if res.failing:
                top.setForeground(COL_DEGREE, QBrush(QColor("#c0392b")))
                top.setFont(COL_DEGREE, bold)
            for f in res.residents:
                text = f"{f.name} ({f.iin or '—'}): {f.why.render(lang)}"
                child = QTreeWidgetItem([text])
                child.setData(0, RESIDENT_ROLE, f.resident_id)
                child.setData(0, MOVEMENT_ROLE, f.movement_id)
                child.setToolTip(0, text)
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            for k in range(top.childCount()):  # the finding reads across the whole width
                if (finding := top.child(k)) is not None:
                    finding.setFirstColumnSpanned(True)
            if res.item.no in expanded:
                top.setExpanded(True)
        self._texts()
        if current is not None:
            self.select_item(current)
        self._show_answer()

    def _texts(self) -> None:
        """The words that depend on the language on the rows already filled."""
        if self.result is None:
            return
        for i, res in enumerate(self.result.items):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            top.setText(COL_JUDGED, _("from the data") if res.item.judged == "data" else _("by staff"))
            top.setText(COL_STATUS, res.status.text())
            top.setText(COL_DEGREE, res.item.degree.text() if res.failing else "")
            top.setToolTip(COL_DEGREE, _("Degree of violation if the item is not met: {degree} (risk criterion "
                                         "{n}, R-30)").format(degree=res.item.degree.text(), n=res.item.criterion_no))
            if res.note is not None:
                top.setToolTip(COL_STATUS, res.note.render())
        failing = self.result.failing
        people = sum(len(r.residents) for r in failing)
        roster_note = self.result.item(3).note
        self.summary.setText(
            ngettext("{n} item does not comply", "{n} items do not comply", len(failing)).format(n=len(failing))
            + "; " + ngettext("{n} finding about residents", "{n} findings about residents", people).format(n=people)
            + ("; " + roster_note.render() if roster_note else ""))

    # --- actions -----------------------------------------------------------------------------------
    def chosen_movement(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, MOVEMENT_ROLE) if item is not None else None

    def record_document(self) -> None:
        """Item 4: record the proving document of the chosen departure, discharge or transfer."""
        from ui.dialogs.movements import MovementDocumentDialog

        movement = self.chosen_movement()
        if movement is None:
            return
        item = self.tree.currentItem()
        dialog = MovementDocumentDialog(self.ctx, int(movement), item.text(0) if item is not None else "", self)
        if dialog.exec():
            self.load()
            self._status(_("The document is recorded."))
        dialog.deleteLater()

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        rid = item.data(0, RESIDENT_ROLE)
        if rid is not None:
            self.ctx.open_resident.emit(int(rid))
        elif item.childCount():
            item.setExpanded(not item.isExpanded())

    def _chosen(self) -> cl.ItemResult | None:
        no = self.current_item_no()
        return self.result.item(no) if self.result is not None and no is not None else None

    def _show_answer(self) -> None:
        res = self._chosen()
        staff = res is not None and res.item.judged == "staff"
        allowed = may(self.ctx.actor.role, UseCase.CHECKLIST_ANSWER)  # issue 10 point 5
        for w in (self.answer, self.note, self.answered_on, self.save_button):
            w.setEnabled(staff and allowed)
        self.form.clear_errors()
        if res is None:
            self.answer_box.setTitle(_("Answer"))
            self.answer_info.setText(_("Choose an item of the list."))
            return
        self.answer_box.setTitle(_("Item {n}").format(n=res.item.no))
        if not staff:
            self.answer_info.setText(_("Judged from the program's data; open the item to see who fails it and why."))
            self.answer.set_value(None)
            self.note.setText("")
            return
        a = res.answer
        self.answer.set_value(a.answer if a else None)
        self.note.setText(a.note or "" if a else "")
        self.answered_on.set_value(a.answered_on if a else dt.date.today())
        info = (_("Answered by {who} on {day}; recorded {when}.").format(
            who=a.answered_by, day=fdate(a.answered_on), when=fdatetime(a.answered_at))
            if a and a.answered_at else _("Not answered yet."))
        if not allowed:
            info += " " + _("The director or the social work specialist answers.")
        self.answer_info.setText(info)

    def save_answer(self) -> None:
        res = self._chosen()
        if res is None or res.item.judged != "staff" or not self.save_button.isEnabled():
            return
        no = res.item.no
        done = attempt(self, lambda: self.ctx.services.checklist.answer(
            self.ctx.actor, no, self.answer.value(), self.note.text(), self.answered_on.value(),
            self.versions.get(no)), self.form)
        if done is None:
            return
        self.load()
        self.select_item(no)
        self._status(_("Item {n} answered: {answer}.").format(n=no, answer=done.answer.text()))
        self.ctx.changed(Changed.CHECKLIST)

    def _status(self, text: str) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 10_000)

    def print_(self) -> None:
        """The checklist in its printed layout, in the preview (the print language is chosen there)."""
        from ui.dialogs.preview import preview_of

        on = self.on.value()
        svc = self.ctx.services.checklist
        dialog = preview_of(self, N_("Checklist"), lambda lang: svc.print_pdf(self.ctx.actor, on, lang),
                            f"checklist_{on}")
        if dialog is not None:
            dialog.exec()

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Checklist of Joint Order 401/69 (Annex 3): items 1–4 judged from the data, "
                               "5–20 answered by staff. Enter or a double click on a resident opens the card."))
        self.on_label.setText(_("&On"))
        self.print_button.setText(_("&Print…"))
        self.document_button.setText(_("Record the &document…"))
        self.document_button.setToolTip(_("Record the document proving the chosen departure, discharge or transfer "
                                          "(item 4)"))
        self.print_button.setToolTip(_("The checklist in its printed layout, in Kazakh or Russian (Ctrl+P)"))
        self.save_button.setText(_("&Save answer"))
        self.save_button.setToolTip(_("Save the answer to the chosen item (Ctrl+S)"))
        self.tree.setHeaderLabels([_(h) for h in HEADERS])
        self.form.retranslate_ui()
        if self.result is not None:
            self._fill()
        else:
            self._show_answer()

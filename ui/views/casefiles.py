"""Case files: the personal case file of everyone admitted (Annex 3, R-10), with its number,
opening date, sheets and documents; opening one shows the resident card on its case file tab."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.i18n import N_, _, ngettext
from ui.context import Changed, Context
from ui.dialogs.resident_card import ResidentCard, open_resident_card
from ui.models.residents import case_files_model
from ui.widgets.empty_state import EmptyState
from ui.widgets.icons import set_icons
from ui.widgets.pages import ListPage, add_shortcuts, selected_row
from ui.widgets.rules import set_rule_text


class CaseFilesPage(ListPage):
    title = N_("Case files")
    #: the person, the case file opened on admission (R-10) and its documents
    follows = (Changed.RESIDENTS, Changed.MOVEMENTS, Changed.CASE_FILES)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, case_files_model(ctx.services), parent)
        self.model.setParent(self)
        self.card: ResidentCard | None = None
        bar = QHBoxLayout()
        for w in (self.search_label, self.search, self.count_label):
            bar.addWidget(w)
        bar.addStretch(1)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_selected)
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.note, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        self.empty = EmptyState(ctx, self.table, self.model, "folder-open", N_("No case files yet"),
                                N_("A case file is formed when a person is admitted; admit someone on the Residents "
                                   "screen."),
                                [(N_("Open the residents list"), "users", lambda: ctx.open_page.emit("ResidentsPage"),
                                  None)],
                                is_empty=lambda: self.model.total == 0 and not self.model.query.search)
        set_icons({self.open_button: "folder-open"})
        lay.addWidget(self.empty, 1)
        lay.addLayout(buttons)
        self.model.loaded.connect(self._update)
        self.table.selectionModel().selectionChanged.connect(self._update)
        add_shortcuts(self, self.table, self.search, self.open_selected)
        self.retranslate_ui()

    def _update(self) -> None:
        self.count_label.setText(ngettext("{n} case file", "{n} case files", self.model.total)
                                 .format(n=self.model.total))
        self.open_button.setEnabled(selected_row(self.table) is not None)

    def open_selected(self) -> ResidentCard | None:
        r = selected_row(self.table)
        if r is None:
            return None
        self.card = open_resident_card(self.ctx, r.id, self, "casefile", self.card)
        return self.card

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.open_button.setText(_("&Open case file"))
        self.open_button.setToolTip(_("Open the resident card on the case file tab (Enter)"))
        set_rule_text(self.note, _("A case file is formed on admission and continued on readmission (R-10); "
                            "documents are added on the card's case file tab."))
        self._update()

"""Help → About: the version, the database in use, the data, log and backup folders, and the licences of
the fonts, the icons and every bundled library (app/about.py reads them from the installed distributions'
metadata and the licence files in resources/; nothing here is a hand-kept list)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import about
from app.i18n import N_, _

COLUMNS = (N_("Component"), N_("Version"), N_("Licence"))


class AboutDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = QLabel()
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        for key in ("database", "data", "logs", "backups"):
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            caption = QLabel()
            caption.setBuddy(value)
            self.values[key], self.captions[key] = value, caption
            self.form.addRow(caption, value)
        self.portable = QLabel()
        self.portable.setWordWrap(True)
        self.licences_label = QLabel()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.licences_label.setBuddy(self.table)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton()
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.form)
        layout.addWidget(self.portable)
        layout.addWidget(self.licences_label)
        layout.addWidget(self.table, 1)
        self.status = QLabel()  # what Copy did
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._rows = self._components()
        ctx.translator.language_changed.connect(self._language_changed)
        self.resize(820, 600)
        self.retranslate_ui()

    def _language_changed(self, _lang: str) -> None:
        self.retranslate_ui()

    @staticmethod
    def _components() -> list[tuple[str, str, str, str]]:
        """(kind msgid, name, version, licence) of every row: fonts, icons, Python and the libraries."""
        rows = [(N_("Font"), f.name, "", f.licence) for f in about.shipped_files("fonts")]
        rows += [(N_("Icons"), f.name, "", f.licence) for f in about.shipped_files("icons")]
        py = about.python_licence()
        rows.append((N_("Library"), py.name, py.version, py.licence))
        rows += [(N_("Library"), lib.name, lib.version, lib.licence) for lib in about.libraries()]
        return rows

    def libraries(self) -> list[str]:
        """The names of the libraries listed (the smoke check and the tests read them)."""
        return [name for kind, name, _version, _licence in self._rows if kind == "Library"]

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("About Qamqor"))
        self.title.setText("<b>{}</b>".format(_("Qamqor {version}: records of a special social services organisation.")
                                              .format(version=about.program_version())))
        folders = about.folders()
        captions = {"database": N_("&Database:"), "data": N_("Data folder:"), "logs": N_("Log folder:"),
                    "backups": N_("Backup folder:")}
        values = {"database": self.ctx.database, "data": str(folders.data), "logs": str(folders.logs),
                  "backups": str(folders.backups)}
        for key, caption in captions.items():
            self.captions[key].setText(_(caption))
            self.values[key].setText(values[key])
        self.portable.setText(_("Portable mode: the data is kept in the \"data\" folder beside the program "
                                "(portable.txt is next to it).") if folders.portable else "")
        self.portable.setVisible(folders.portable)
        self._portable = folders.portable
        self.licences_label.setText(_("&Fonts, icons and libraries shipped with the program, and their licences:"))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setRowCount(len(self._rows) + (0 if any(k == "Icons" for k, *_r in self._rows) else 1))
        row = 0
        for kind, name, version, licence in self._rows:
            # a shipped file's licence note names its files and source in English, as the licence file does: the
            # face shows its name and version, the tooltip (and Copy) the whole note
            short = name.split(" (", 1)[0] if kind in ("Font", "Icons") else name
            self._set_row(row, f"{_(kind)}: {short}", version, licence)
            item = self.table.item(row, 0)
            assert item is not None  # just set
            item.setToolTip(f"{_(kind)}: {name}")
            row += 1
        if not any(k == "Icons" for k, *_r in self._rows):
            self._set_row(row, _("Icons"), "", _("no icon files are shipped; the standard icons are drawn by Qt "
                                                 "(PySide6, see its licence)"))
        self.copy_button.setText(_("&Copy"))
        self.status.clear()

    def _set_row(self, row: int, *cells: str) -> None:
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            self.table.setItem(row, column, item)

    def text(self) -> str:
        """Everything the dialog shows, as plain text (Copy puts it on the clipboard, for a support request)."""
        lines = [self.title.text().removeprefix("<b>").removesuffix("</b>")]
        lines += [f"{self.captions[k].text().replace('&', '')} {self.values[k].text()}" for k in self.values]
        if self._portable:
            lines.append(self.portable.text())
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, c) for c in range(3)]
            lines.append("  ".join(item.toolTip() for item in cells if item is not None and item.text()))
        return "\n".join(lines)

    def copy(self) -> None:
        QApplication.clipboard().setText(self.text())
        self.status.setText(_("Copied to the clipboard: the version, the folders and the licences."))

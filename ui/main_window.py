"""The main window: navigation on the left, the screens on the right, the database and the
signed-in user in the status bar, and the language switch in the menu (no restart)."""

from __future__ import annotations

import importlib

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QMessageBox,
                               QStackedWidget, QWidget)

from app import i18n
from app.i18n import _
from ui.context import Context, Page
from ui.i18n import LANGUAGE_NAMES

#: (module, class) of each main screen, in navigation order
PAGES: list[tuple[str, str]] = [
    ("ui.views.dashboard", "DashboardPage"),
    ("ui.views.residents", "ResidentsPage"),
    ("ui.views.queue", "QueuePage"),
    ("ui.views.journal", "JournalPage"),
    ("ui.views.plans", "PlansPage"),
    ("ui.views.casefiles", "CaseFilesPage"),
    ("ui.views.staff", "StaffPage"),
    ("ui.views.organisation", "OrganisationPage"),
]


class MainWindow(QMainWindow):
    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.resize(1280, 760)
        self.setMinimumSize(1000, 600)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(6, 6, 6, 6)
        self.nav = QListWidget()
        self.nav.setFixedWidth(210)
        self.nav.setObjectName("navigation")
        self.stack = QStackedWidget()
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.pages: list[Page] = []
        for module, cls in PAGES:
            page: Page = getattr(importlib.import_module(module), cls)(ctx)
            self.pages.append(page)
            self.stack.addWidget(page)
            self.nav.addItem(QListWidgetItem())
        self.nav.currentRowChanged.connect(self._show_page)
        ctx.data_changed.connect(self._data_changed)
        ctx.open_resident.connect(self._open_resident)
        self._build_menu()
        self.db_label, self.user_label = QLabel(), QLabel()
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.user_label)
        ctx.translator.language_changed.connect(lambda _l: self.retranslate_ui())
        self.retranslate_ui()
        self.nav.setCurrentRow(0)

    # --- menu ---------------------------------------------------------------------------
    def _build_menu(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.refresh_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.triggered.connect(lambda: self.current_page().refresh())
        self.quit_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(self.close)
        self.batch_action = QAction(self)
        self.batch_action.triggered.connect(self._batch)
        self.file_menu.addAction(self.refresh_action)
        self.file_menu.addAction(self.batch_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.go_menu = bar.addMenu("")
        self.go_actions = []
        for i in range(len(PAGES)):
            act = QAction(self, shortcut=QKeySequence(f"Ctrl+{i + 1}"))
            act.triggered.connect(lambda _c=False, n=i: self.nav.setCurrentRow(n))
            self.go_menu.addAction(act)
            self.go_actions.append(act)
        self.lang_menu = bar.addMenu("")
        group = QActionGroup(self)
        self.lang_actions = {}
        for code, name in LANGUAGE_NAMES.items():
            act = QAction(name, self, checkable=True)
            act.setChecked(code == i18n.current_language())
            act.triggered.connect(lambda _c=False, c=code: self.ctx.translator.set_language(c))
            group.addAction(act)
            self.lang_menu.addAction(act)
            self.lang_actions[code] = act
        self.help_menu = bar.addMenu("")
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self._about)
        self.help_menu.addAction(self.about_action)

    def _batch(self) -> None:
        from ui.dialogs.batch import BatchDialog

        dialog = BatchDialog(self.ctx, self)
        dialog.exec()
        dialog.deleteLater()

    def _about(self) -> None:
        from app import __version__

        QMessageBox.about(self, _("About Qamqor"),
                          _("Qamqor {version}: records of a special social services organisation.").format(
                              version=__version__))

    # --- navigation -------------------------------------------------------------------------
    def current_page(self) -> Page:
        return self.pages[self.stack.currentIndex()]

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        self.pages[row].refresh()

    def show_page(self, cls_name: str) -> Page:
        for i, (_m, cls) in enumerate(PAGES):
            if cls == cls_name:
                self.nav.setCurrentRow(i)
                return self.pages[i]
        raise KeyError(cls_name)

    def _data_changed(self, _topic: str) -> None:
        self.current_page().refresh()

    def _open_resident(self, resident_id: int) -> None:
        page = self.show_page("ResidentsPage")
        page.open_card(resident_id)

    def retranslate_ui(self) -> None:
        org = self.ctx.services.organisation.get()
        name = org.name_kk if i18n.current_language() == "kk" else org.name_ru
        self.setWindowTitle(f"{_('Qamqor')} — {name}")
        for i, page in enumerate(self.pages):
            self.nav.item(i).setText(_(page.title))
            self.go_actions[i].setText(_(page.title))
        self.file_menu.setTitle(_("&File"))
        self.refresh_action.setText(_("&Refresh"))
        self.batch_action.setText(_("&Batch printing…"))
        self.quit_action.setText(_("&Quit"))
        self.go_menu.setTitle(_("&Go"))
        self.lang_menu.setTitle(_("&Language"))
        for code, act in self.lang_actions.items():
            act.setChecked(code == i18n.current_language())
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("&About Qamqor"))
        self.db_label.setText(_("Database: {db}").format(db=self.ctx.database))
        self.user_label.setText(_("User: {name} ({role})").format(name=self.ctx.actor.full_name,
                                                                 role=self.ctx.actor.role.text()))

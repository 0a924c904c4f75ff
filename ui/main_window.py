"""The main window: navigation on the left (icons, in sections), the screens on the right, the database (its
path in the tooltip) and the signed-in user in the status bar, and the language switch in the menu (no restart)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from app import i18n, settings
from app.domain.permissions import UseCase
from app.i18n import N_, _
from app.services import Actor
from ui.context import Change, Changed, Context, Page
from ui.dialogs.lock import Curtain, IdleWatcher, LockDialog
from ui.dialogs.login import LoginDialog
from ui.i18n import LANGUAGE_NAMES
from ui.models.deadlines import deadline_target
from ui.widgets import style
from ui.widgets.form_dialog import run_modal
from ui.widgets.icons import icon, set_icons
from ui.widgets.navigation import Navigation
from ui.widgets.permissions import guard, show_tooltips

if TYPE_CHECKING:  # the screens themselves are imported when first shown
    from ui.views.organisation import OrganisationPage
    from ui.views.queue import QueuePage
    from ui.views.residents import ResidentsPage

#: (module, class, title msgid) of each main screen, in navigation order; a screen's module is
#: imported and the screen built when it is first shown, so start-up pays only for the first
PAGES: list[tuple[str, str, str]] = [
    ("ui.views.dashboard", "DashboardPage", N_("Dashboard")),
    ("ui.views.residents", "ResidentsPage", N_("Residents")),
    ("ui.views.queue", "QueuePage", N_("Queue")),
    ("ui.views.journal", "JournalPage", N_("Journal")),
    ("ui.views.plans", "PlansPage", N_("Plans & monitoring")),
    ("ui.views.casefiles", "CaseFilesPage", N_("Case files")),
    ("ui.views.checklist", "ChecklistPage", N_("Checklist")),
    ("ui.views.staffing", "StaffingPage", N_("Staffing norms")),  # R-29, R-36 (issue 13 point 3)
    ("ui.views.staff", "StaffPage", N_("Staff")),
    ("ui.views.organisation", "OrganisationPage", N_("Organisation")),
    ("ui.views.deadlines", "DeadlinesPage", N_("Deadlines")),
    ("ui.views.statistics", "StatisticsPage", N_("Statistics")),
]

#: issue 12 point 8: the icon of each screen in the navigation and the Go menu (Lucide, resources/icons/)
PAGE_ICONS: dict[str, str] = {
    "DashboardPage": "layout-dashboard", "ResidentsPage": "users", "QueuePage": "list-ordered",
    "JournalPage": "book-open", "PlansPage": "clipboard-list", "CaseFilesPage": "folder-open",
    "ChecklistPage": "list-checks", "StaffingPage": "scale", "StaffPage": "id-card",
    "OrganisationPage": "building-2", "DeadlinesPage": "calendar-clock", "StatisticsPage": "chart-column",
}
#: the navigation's sections: the row each starts at and its title (the screens keep their order and numbers)
SECTIONS: list[tuple[int, str]] = [
    (0, N_("Daily work")),
    (4, N_("Plans and case files")),
    (6, N_("Inspection")),
    (8, N_("Organisation")),
    (10, N_("Control")),
]
#: a window on a screen this wide or narrower starts maximised (a laptop's 1366×768)
SMALL_SCREEN_WIDTH = 1366


class MainWindow(QMainWindow):
    #: the window closed for good (after its backup): the program ends. The program does not quit on the last
    #: window closed, since a sign-out hides this window while the sign-in dialog is open
    quit_requested = Signal()

    def __init__(self, ctx: Context, auto_backup: bool = False, remember_layout: bool = False) -> None:
        """``auto_backup``: back up at the first start of the day and at close, and run the full integrity
        check after the window shows (the program does; tests leave it off). ``remember_layout``: the window's
        size, position and maximised state are kept in the settings at close and restored by
        ``restore_layout`` (the program does)."""
        super().__init__()
        self.ctx = ctx
        self.remember_layout = remember_layout
        self._splitters: dict[str, str] = {}
        self._layout_saved = False
        self.background = None
        self.damaged = False  # the integrity check found damage: no backup at close
        self._closing_backed_up = not auto_backup
        if auto_backup:
            from ui.dialogs.backups import BackgroundBackups

            self.background = BackgroundBackups(self)
        self.resize(1280, 760)
        self.setMinimumSize(1000, 600)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, style.SPACE["s"], 0)
        row.setSpacing(style.SPACE["s"])
        self.nav = Navigation([(PAGE_ICONS[cls], title) for _m, cls, title in PAGES], SECTIONS)
        self.stack = QStackedWidget()
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        # each screen is built when first shown: start-up builds only the first
        self.built: dict[int, Page] = {}
        for _entry in PAGES:
            self.stack.addWidget(QWidget())
        self.nav.currentRowChanged.connect(self._show_page)
        ctx.open_resident.connect(self._open_resident)
        ctx.open_page.connect(self.show_page)
        ctx.open_deadline.connect(self._open_deadline)
        ctx.data_changed.connect(self._data_changed)
        ctx.notice.connect(self._notice)
        self._build_menu()
        self.db_label, self.user_label = QLabel(), QLabel()
        self.notice_label, self.notice_resident = QLabel(), 0  # what the last action did (Context.tell)
        self.notice_label.setTextFormat(Qt.TextFormat.RichText)
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                                  | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.notice_label.linkActivated.connect(self._notice_link)
        self.notice_label.hide()
        self.notice_timer = QTimer(self)
        self.notice_timer.setSingleShot(True)
        self.notice_timer.setInterval(20_000)
        self.notice_timer.timeout.connect(self.notice_label.hide)
        self.statusBar().addWidget(self.notice_label)
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.user_label)
        ctx.translator.language_changed.connect(lambda _l: self.retranslate_ui())
        self.login: LoginDialog | None = None  # the sign-in dialog of a sign-out or a switch of user
        self.lock_dialog: LockDialog | None = None
        self.curtains: list[Curtain] = []
        self._signed_out = False
        self.idle = IdleWatcher(settings.lock_minutes() * 60_000, self)
        self.idle.idle.connect(self.lock)
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
        self.backups_action = QAction(self)
        self.backups_action.triggered.connect(self._backups)
        self.database_action = QAction(self)
        self.database_action.triggered.connect(self._database)
        self.audit_action = QAction(self)  # issue 10 point 7: the director, the administrator, the auditor
        self.audit_action.triggered.connect(self._audit_log)
        self.password_action = QAction(self)
        self.password_action.triggered.connect(self._change_password)
        self.lock_action = QAction(self, shortcut=QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(lambda: self.lock())
        self.lock_settings_action = QAction(self)
        self.lock_settings_action.triggered.connect(self._lock_settings)
        self.switch_action = QAction(self)
        self.switch_action.triggered.connect(self.switch_user)
        self.sign_out_action = QAction(self)
        self.sign_out_action.triggered.connect(self.sign_out)
        self.file_menu.addAction(self.refresh_action)
        self.file_menu.addAction(self.batch_action)
        self.file_menu.addAction(self.backups_action)
        self.file_menu.addAction(self.database_action)
        self.file_menu.addAction(self.audit_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.password_action)
        self.file_menu.addAction(self.lock_action)
        self.file_menu.addAction(self.lock_settings_action)
        self.file_menu.addAction(self.switch_action)
        self.file_menu.addAction(self.sign_out_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.go_menu = bar.addMenu("")
        self.go_actions = []
        for i in range(len(PAGES)):
            # Ctrl+1 … Ctrl+9, Ctrl+0; the screens after the tenth from the screen list or the Go menu
            act = QAction(self, shortcut=QKeySequence(f"Ctrl+{(i + 1) % 10}" if i < 10 else ""))
            act.setIcon(icon(PAGE_ICONS[PAGES[i][1]]))
            act.triggered.connect(lambda _c=False, n=i: self.nav.setCurrentRow(n))
            self.go_menu.addAction(act)
            self.go_actions.append(act)
        self.portal_menu = bar.addMenu("")
        self.portal_actions = {}
        for key, slot in (("import", self._portal_import), ("export", self._portal_export),
                          ("reconcile", self._portal_reconcile), ("register", self._portal_register)):
            act = QAction(self)
            act.triggered.connect(lambda _c=False, f=slot: f())
            self.portal_menu.addAction(act)
            self.portal_actions[key] = act
        self.portal_menu.insertSeparator(self.portal_actions["register"])
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
        set_icons({self.refresh_action: "refresh-cw", self.batch_action: "layers", self.backups_action: "archive",
                   self.database_action: "database", self.audit_action: "scroll-text",
                   self.password_action: "key-round", self.lock_action: "lock", self.lock_settings_action: "settings",
                   self.switch_action: "users-round", self.sign_out_action: "log-out", self.quit_action: "power",
                   self.portal_actions["import"]: "download", self.portal_actions["export"]: "upload",
                   self.portal_actions["reconcile"]: "git-compare", self.portal_actions["register"]: "file-input",
                   self.about_action: "info"})

    def _batch(self) -> None:
        self._dialog("ui.dialogs.batch", "BatchDialog")

    def _audit_log(self) -> None:
        from ui.dialogs.audit_log import AuditLogDialog
        from ui.forms import attempt

        dialog = attempt(self, lambda: AuditLogDialog(self.ctx, self))
        if dialog is not None:
            dialog.exec()
            dialog.deleteLater()

    def _backups(self) -> None:
        from ui.dialogs.backups import BackupsDialog

        dialog = BackupsDialog(self.ctx, self)
        dialog.exec()
        restored = dialog.restored
        dialog.deleteLater()
        if restored:  # the screens hold data of the replaced database: start again
            self._closing_backed_up = True
            self.close()

    def _database(self) -> None:
        """File → Database connection…: the shared PostgreSQL database; a change takes effect at the next start."""
        from ui.dialogs.database import DatabaseDialog

        dialog = DatabaseDialog(self, self.ctx.services.engine.url.render_as_string(hide_password=False)
                                if hasattr(self.ctx.services, "engine") else None)
        dialog.exec()
        dialog.deleteLater()

    def start_background_work(self) -> None:
        """After the window shows: the full integrity check and the first backup of the day (off the GUI thread)."""
        if self.background is not None:
            self.background.after_start()

    # --- the window's size and layout, kept between runs (issue 12 point 8) ----------------------------
    def restore_layout(self) -> None:
        """Before the first show: the size, position, maximised state and splitters of the last run; with none
        kept, a small screen (a laptop's 1366×768) gets the window maximised. Kept in the settings file of the
        data folder (``data\\`` beside the program in portable mode), not in the registry."""
        saved = settings.load().get("window")
        saved = saved if isinstance(saved, dict) else {}
        geometry = saved.get("geometry")
        if isinstance(geometry, str) and geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        if isinstance(saved.get("state"), str):
            self.restoreState(QByteArray.fromBase64(saved["state"].encode("ascii")))
        screen = self.screen() or QApplication.primaryScreen()
        small = screen is not None and screen.availableGeometry().width() <= SMALL_SCREEN_WIDTH
        if saved.get("maximised", small if not geometry else False):
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        splitters = saved.get("splitters")
        self._splitters = {k: v for k, v in splitters.items() if isinstance(v, str)} if isinstance(splitters, dict) \
            else {}
        for page in self.built.values():
            self._restore_splitters(page)

    def save_layout(self) -> None:
        """Keep the window's size, position, maximised state and the splitters of the screens built."""
        splitters = dict(self._splitters)
        for row, page in self.built.items():
            for i, splitter in enumerate(page.findChildren(QSplitter)):
                splitters[f"{PAGES[row][1]}/{i}"] = bytes(splitter.saveState().toBase64().data()).decode("ascii")
        settings.save(window={"geometry": bytes(self.saveGeometry().toBase64().data()).decode("ascii"),
                              "state": bytes(self.saveState().toBase64().data()).decode("ascii"),
                              "maximised": self.isMaximized(), "splitters": splitters})

    def _restore_splitters(self, page: Page) -> None:
        cls = type(page).__name__
        for i, splitter in enumerate(page.findChildren(QSplitter)):
            state = self._splitters.get(f"{cls}/{i}")
            if state:
                splitter.restoreState(QByteArray.fromBase64(state.encode("ascii")))

    def closeEvent(self, event) -> None:
        if self.remember_layout and not self._layout_saved:
            self._layout_saved = True  # once: a close waiting for its backup comes here twice
            self.save_layout()
        if self._closing_backed_up or self.damaged or self.background is None:
            super().closeEvent(event)
            self.quit_requested.emit()
            return
        event.ignore()  # back up first, then close again
        self._closing_backed_up = True
        self.background.at_close(self.close)

    # --- sessions: sign out, switch user, the screen lock (issue 10 point 6) --------------------------
    def sign_out(self) -> None:
        """Back to the sign-in dialog; the program stays open (a sign-out is not a close: no backup).
        Cancelling the sign-in then closes the program as Quit does."""
        self.idle.pause()
        self.hide()
        self._signed_out = True
        self._ask_sign_in(self._signed_in_after_sign_out, self._sign_in_cancelled_after_sign_out, parent=None)

    def _signed_in_after_sign_out(self, actor: Actor) -> None:
        self._signed_out = False
        self.begin_session(actor, fresh=True)
        self.show()

    def _sign_in_cancelled_after_sign_out(self) -> None:
        self.close()  # the backup at close, then the program ends (quit_requested)

    def switch_user(self) -> None:
        """The sign-in dialog over this window; another user's sign-in starts their session, Cancel keeps this one."""
        self._ask_sign_in(self.begin_session, lambda: None, parent=self)

    def _ask_sign_in(self, on_signed_in, on_cancel, parent: QWidget | None) -> None:
        login = LoginDialog(self.ctx.services, parent=parent)
        self.login = login

        def done(result: int) -> None:
            self.login = None
            login.deleteLater()
            if result == QDialog.DialogCode.Accepted and login.actor is not None:
                on_signed_in(login.actor)
            else:
                on_cancel()

        login.finished.connect(done)
        login.open()

    def begin_session(self, actor: Actor, fresh: bool = False) -> None:
        """Continue with ``actor``: the same account keeps its screens and open dialogs (it signed in again);
        another one — or anyone after a sign-out (``fresh``) — gets freshly built screens, nothing of the
        previous session's left on them. Open dialogs are closed first."""
        same = actor.user_id == self.ctx.actor.user_id and actor.role == self.ctx.actor.role
        if same and not fresh:
            self.ctx.actor = actor
            self._user_text()
            self.idle.resume()
            return
        dialogs = self._open_dialogs()
        for dialog in reversed(dialogs):
            QDialog.done(dialog, QDialog.DialogCode.Rejected)
        if dialogs:  # their exec() loops end first; then the screens are replaced
            QTimer.singleShot(0, self, lambda: self._replace_screens(actor))
        else:
            self._replace_screens(actor)

    def _open_dialogs(self) -> list[QDialog]:
        ours = {self.lock_dialog, self.login}
        return [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QDialog) and w.isVisible() and w not in ours]

    def _replace_screens(self, actor: Actor) -> None:
        if QApplication.activeModalWidget() is not None and QApplication.activeModalWidget() not in (
                self.lock_dialog, self.login):
            QTimer.singleShot(50, self, lambda: self._replace_screens(actor))
            return
        old = self.ctx
        old.open_resident.disconnect(self._open_resident)
        old.open_page.disconnect(self.show_page)
        old.open_deadline.disconnect(self._open_deadline)
        old.data_changed.disconnect(self._data_changed)
        old.notice.disconnect(self._notice)
        self.ctx = Context(old.services, actor, old.translator, old.database)
        self.ctx.open_resident.connect(self._open_resident)
        self.ctx.open_page.connect(self.show_page)
        self.ctx.open_deadline.connect(self._open_deadline)
        self.ctx.data_changed.connect(self._data_changed)
        self.ctx.notice.connect(self._notice)
        for row, page in sorted(self.built.items()):
            placeholder = QWidget()
            self.stack.insertWidget(row, placeholder)
            self.stack.removeWidget(page)
            page.deleteLater()
        self.built.clear()
        self.retranslate_ui()
        self.nav.setCurrentRow(0)
        self._show_page(0)
        self.idle.resume()

    def lock(self, reason: str = "") -> None:
        """Cover every window and ask the signed-in user's password (nothing under the cover is closed)."""
        if self.lock_dialog is not None or self._signed_out:
            return
        self.idle.pause()
        self.curtains = [Curtain(w) for w in QApplication.topLevelWidgets()
                         if w.isVisible() and w.isWindow() and not isinstance(w, QMenu) and w is not self.login]
        self.lock_dialog = LockDialog(self.ctx.services, self.ctx.actor, reason, self)
        self.lock_dialog.unlocked.connect(self._unlocked)
        self.lock_dialog.switch_user.connect(self._switch_from_lock)
        self.lock_dialog.show()
        self.lock_dialog.activateWindow()
        self.lock_dialog.password.setFocus()

    @property
    def locked(self) -> bool:
        return self.lock_dialog is not None

    def _end_lock(self) -> None:
        for curtain in self.curtains:
            curtain.hide()
            curtain.deleteLater()
        self.curtains = []
        if self.lock_dialog is not None:
            self.lock_dialog.finish()
            self.lock_dialog.deleteLater()
            self.lock_dialog = None

    def _unlocked(self, actor: Actor) -> None:
        self._end_lock()
        self.begin_session(actor)

    def _switch_from_lock(self) -> None:
        """Someone else signs in; Cancel brings the lock back."""
        if self.lock_dialog is not None:
            self.lock_dialog.hide()

        def signed_in(actor: Actor) -> None:
            self._end_lock()
            self.begin_session(actor)

        def cancelled() -> None:
            if self.lock_dialog is not None:
                self.lock_dialog.show()
                self.lock_dialog.password.setFocus()

        self._ask_sign_in(signed_in, cancelled, parent=None)

    def session_ended(self, message: str) -> None:
        """A write was refused because this session ended (e.g. the director reset the password): offer to
        sign in again over the open windows, so that what was typed is kept and can be saved."""
        answer = QMessageBox.question(
            self, _("Sign in again"),
            _("{reason}\n\nSign in again now? What you typed in the open windows is kept.").format(reason=message),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Yes:
            self.lock(message)

    def _lock_settings(self) -> None:
        from ui.dialogs.lock import LockSettingsDialog

        dialog = LockSettingsDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.idle.set_interval(settings.lock_minutes() * 60_000)
        dialog.deleteLater()

    def _change_password(self) -> None:
        self._dialog("ui.dialogs.passwords", "ChangePasswordDialog")

    def _dialog(self, module: str, cls: str) -> None:
        """Open a dialog of the File or Portal menu (its module loads on first use)."""
        run_modal(getattr(importlib.import_module(module), cls)(self.ctx, self))

    def _portal_import(self) -> None:
        self._dialog("ui.dialogs.portal_import", "PortalImportWizard")

    def _portal_export(self) -> None:
        self._dialog("ui.dialogs.portal_export", "PortalExportDialog")

    def _portal_reconcile(self) -> None:
        self._dialog("ui.dialogs.reconcile", "ReconcileDialog")

    def _portal_register(self) -> None:
        self._dialog("ui.dialogs.onboarding", "OnboardingWizard")

    def _about(self) -> None:
        """Help → About: version, database, folders, the licences of what is shipped (ui/dialogs/about.py)."""
        self._dialog("ui.dialogs.about", "AboutDialog")

    # --- navigation -------------------------------------------------------------------------
    def page(self, row: int) -> Page:
        """The screen at ``row``, built on first use."""
        if row not in self.built:
            module, cls, _title = PAGES[row]
            page = getattr(importlib.import_module(module), cls)(self.ctx)
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            self.built[row] = page
            self._restore_splitters(page)
        return self.built[row]

    @property
    def pages(self) -> list[Page]:
        """Every screen (building those not shown yet)."""
        return [self.page(i) for i in range(len(PAGES))]

    def current_page(self) -> Page:
        return self.page(self.stack.currentIndex())

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        page = self.page(row)
        self.stack.setCurrentIndex(row)
        if self.isVisible() or not page.loads_when_shown:  # at start-up a live screen loads once it is on screen
            page.refresh()

    def show_page(self, cls_name: str) -> Page:
        for i, (_m, cls, _t) in enumerate(PAGES):
            if cls == cls_name:
                self.nav.setCurrentRow(i)
                return self.page(i)
        raise KeyError(cls_name)

    def _notice(self, text: str, resident_id: int = 0) -> None:
        """What the last action did, with a link to the card of the person it concerns; shown for 20 s."""
        from html import escape

        self.notice_resident = resident_id
        card = _("Open the card")
        link = f' <a href="card">{escape(card)}</a>' if resident_id else ""
        self.notice_label.setText(escape(text) + link)
        self.notice_label.show()
        self.notice_timer.start()

    def _notice_link(self, _href: str) -> None:
        if self.notice_resident:
            self.ctx.open_resident.emit(self.notice_resident)

    def _data_changed(self, change: Change) -> None:
        if change.concerns(Changed.USERS):  # the signed-in user may have changed their own name or role
            self._user_text()

    def _open_resident(self, resident_id: int) -> None:
        page = cast("ResidentsPage", self.show_page("ResidentsPage"))
        page.open_card(resident_id)

    def _open_deadline(self, row) -> None:
        """A deadline's record: the organisation's licence or contract field, the queue application, or the
        resident's card on the tab that holds it (plans, monitoring, case file)."""
        target = deadline_target(row)
        if target.page == "OrganisationPage" or target.record is None:  # only the organisation's have no record
            cast("OrganisationPage", self.show_page("OrganisationPage")).show_field(target.field)
        elif target.page == "QueuePage":
            cast("QueuePage", self.show_page("QueuePage")).select(target.record)
        else:
            cast("ResidentsPage", self.show_page("ResidentsPage")).open_card(target.record, target.tab)

    def retranslate_ui(self) -> None:
        org = self.ctx.services.organisation.get()
        name = org.name_kk if i18n.current_language() == "kk" else org.name_ru
        self.setWindowTitle(f"{_('Qamqor')} — {name}")
        self.nav.retranslate_ui()
        for i, (_m, _c, title) in enumerate(PAGES):
            self.go_actions[i].setText(_(title))
        self.file_menu.setTitle(_("&File"))
        self.refresh_action.setText(_("&Refresh"))
        self.batch_action.setText(_("&Batch printing…"))
        self.backups_action.setText(_("Bac&kups…"))
        self.database_action.setText(_("&Database connection…"))
        self.audit_action.setText(_("&Audit log…"))
        self.password_action.setText(_("Change my &password…"))
        self.lock_action.setText(_("&Lock the screen"))
        self.lock_settings_action.setText(_("Screen lock &settings…"))
        self.switch_action.setText(_("S&witch user…"))
        self.sign_out_action.setText(_("Sign &out"))
        self.quit_action.setText(_("&Quit"))
        self.go_menu.setTitle(_("&Go"))
        self.portal_menu.setTitle(_("&Portal"))
        for key, msgid in (("import", N_("&Import from the portal…")), ("export", N_("&Export the journal…")),
                           ("reconcile", N_("&Reconcile with the portal…")),
                           ("register", N_("Import an existing &register…"))):
            self.portal_actions[key].setText(_(msgid))
        self.lang_menu.setTitle(_("&Language"))
        for code, act in self.lang_actions.items():
            act.setChecked(code == i18n.current_language())
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("&About Qamqor"))
        # issue 12 point 8: the database's path in the tooltip (and in Help → About), its kind in words
        shared = self.ctx.database.startswith(("postgresql", "postgres:"))
        self.db_label.setText(_("Shared database") if shared else _("Database on this computer"))
        self.db_label.setToolTip(_("Database: {db}").format(db=self.ctx.database))
        self._user_text()
        self._guard()

    def _guard(self) -> None:
        """Issue 10 point 5: what the signed-in role may not do is disabled, its tooltip saying who may
        (again after a switch of user: the menus stay, the context is new)."""
        show_tooltips(self.file_menu, self.portal_menu)
        guard(self.audit_action, self.ctx, UseCase.AUDIT_READ)
        guard(self.portal_actions["import"], self.ctx, UseCase.PORTAL_IMPORT)
        guard(self.portal_actions["export"], self.ctx, UseCase.PORTAL_EXPORT)
        guard(self.portal_actions["register"], self.ctx, UseCase.REGISTER_IMPORT)

    def _user_text(self) -> None:
        self.user_label.setText(_("User: {name} ({role})").format(name=self.ctx.actor.full_name,
                                                                 role=self.ctx.actor.role.text()))

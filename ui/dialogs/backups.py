"""File → Backups: the list of backups (date, size, verified, encrypted), Back up now, Verify, Restore… with a
preview and a confirmation, and the second folder with its password. The work runs off the GUI thread
(app.backup opens its own connections)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import backup, i18n, settings
from app.domain.errors import DomainError
from app.domain.permissions import UseCase
from app.i18n import N_, _
from ui.forms import attempt
from ui.widgets.permissions import guard
from ui.worker import Job, run_with_progress

COLUMNS = (N_("Date"), N_("Kind"), N_("Size"), N_("Residents"), N_("Verified"), N_("Encrypted"), N_("Database"),
           N_("Folder"))


def date_text(info: backup.BackupInfo) -> str:
    return i18n.fdatetime(info.manifest.created)


def show_backup_error(parent: QWidget | None, exc: BaseException) -> None:
    if isinstance(exc, DomainError):
        QMessageBox.warning(parent, _("Backups"), exc.render())
    else:
        from ui.widgets.failures import show_unexpected

        show_unexpected(parent, exc)


def ask_password(parent: QWidget | None, info: backup.BackupInfo) -> str | None:
    """The password of an encrypted backup (the second folder's, when it is from there and one is set)."""
    if not info.manifest.encrypted:
        return None
    saved = backup.second_folder_password()
    second = backup.second_folder()
    if saved and second is not None and info.path.parent.resolve() == second.resolve():
        return saved
    text, ok = QInputDialog.getText(parent, _("Encrypted backup"),
                                    _("The backup {name} is encrypted. Its password:").format(name=info.path.name),
                                    QLineEdit.EchoMode.Password)
    return text if ok and text else ""


class BackupsDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: Job | None = None
        self.restored = False  # the main window closes after a restore
        self.rows: list[backup.BackupInfo] = []
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._enable)
        self.backup_button, self.verify_button, self.restore_button = QPushButton(), QPushButton(), QPushButton()
        self.backup_button.clicked.connect(self.back_up_now)
        self.verify_button.clicked.connect(self.verify_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons_row = QHBoxLayout()
        for b in (self.backup_button, self.verify_button, self.restore_button):
            buttons_row.addWidget(b)
        buttons_row.addStretch(1)

        self.second_box = QGroupBox()
        self.second_note = QLabel()
        self.second_note.setWordWrap(True)
        self.folder = QLineEdit(str(backup.second_folder() or ""))
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        self.password = QLineEdit(backup.second_folder_password() or "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save_settings)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        form = QFormLayout(self.second_box)
        self.folder_label, self.password_label = QLabel(), QLabel()
        form.addRow(self.second_note)
        form.addRow(self.folder_label, folder_row)
        form.addRow(self.password_label, self.password)
        form.addRow("", self.save_button)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons_row)
        lay.addWidget(self.second_box)
        lay.addWidget(self.buttons)
        self.resize(900, 560)
        # issue 10 point 5: backups and their settings are the director's and the administrator's
        guard(self.backup_button, ctx, UseCase.BACKUP_MAKE)
        guard(self.restore_button, ctx, UseCase.BACKUP_RESTORE)
        for w in (self.folder, self.browse, self.password, self.save_button):
            guard(w, ctx, UseCase.BACKUP_MAKE)
        self.retranslate_ui()
        self.refresh()

    # --- list ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        # this database's backups first (the data folder keeps the demo's and any other database's too: the newest row
        # restored over the real records would have been the demo's)
        ours = backup.database_name(self.ctx.services.engine.url)
        self.rows = sorted(backup.list_backups(), key=lambda info: info.manifest.database != ours)
        self.table.setRowCount(len(self.rows))
        yes, no = _("yes"), _("no")
        for r, info in enumerate(self.rows):
            cells = (date_text(info), backup.kind_text(info.manifest.kind), i18n.fsize(info.size),
                     str(info.manifest.residents), yes if info.verified else _("no — damaged"),
                     yes if info.manifest.encrypted else no,
                     info.manifest.database if info.manifest.database != ours else _("this one"),
                     str(info.path.parent))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 4 and not info.verified:
                    item.setForeground(Qt.GlobalColor.red)
                    item.setToolTip(info.failed or "")
                self.table.setItem(r, c, item)
        if self.rows:
            self.table.selectRow(0)
        self._enable()

    def selected(self) -> backup.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _enable(self) -> None:
        busy = self.job is not None
        chosen = self.selected() is not None
        self.backup_button.setEnabled(not busy)
        self.verify_button.setEnabled(chosen and not busy)
        self.restore_button.setEnabled(chosen and not busy)

    def _permitted(self, use_case: UseCase) -> bool:
        """The services' answer (the account read again): refused, say who may and do nothing."""
        return attempt(self, lambda: self.ctx.services.organisation.permit(self.ctx.actor, use_case) or True) is True

    # --- actions --------------------------------------------------------------------------------
    def _run(self, title: str, fn, on_done) -> None:
        def done(result) -> None:
            self.job = None
            self.refresh()
            on_done(result)

        def failed(exc) -> None:
            self.job = None
            self.refresh()
            show_backup_error(self, exc)

        def cancelled() -> None:
            self.job = None
            self._enable()

        self.job = run_with_progress(self, title, fn, done, failed, cancelled)
        self._enable()

    def back_up_now(self) -> None:
        if not self._permitted(UseCase.BACKUP_MAKE):
            return
        url = self.ctx.services.engine.url

        def done(result: backup.BackupResult) -> None:
            text = _("The backup was written and verified: {path}").format(path=result.path)
            for copy in result.copies:
                text += "\n" + _("Copy in the second folder: {path}").format(path=copy)
            for problem in result.problems:
                text += "\n\n" + problem.render()
            QMessageBox.information(self, _("Backups"), text)

        self._run(_("Backing up…"), lambda report: backup.backup(url, "manual", progress=report), done)

    def verify_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        password = ask_password(self, info)
        if password == "":
            return
        self._run(_("Verifying…"), lambda _report: backup.verify(info.path, password),
                  lambda m: QMessageBox.information(self, _("Backups"), _("The backup is whole.") + "\n\n"
                                                    + backup.preview_text(m)))

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None or not self._permitted(UseCase.BACKUP_RESTORE):
            return
        password = ask_password(self, info)
        if password == "":
            return
        self._run(_("Verifying…"), lambda _report: backup.verify(info.path, password),
                  lambda m: self._confirm_restore(info, m, password))

    def _confirm_restore(self, info: backup.BackupInfo, m: backup.Manifest, password: str | None) -> None:
        other = backup.other_database_text(m, self.ctx.services.engine.url)
        box = QMessageBox(QMessageBox.Icon.Warning, _("Restore a backup"),
                          (other + "\n\n" if other else "") + backup.preview_text(m) + "\n\n"
                          + _("Everything in the database will be replaced by this backup; "
                              "changes made after it will be lost. A backup of the "
                              "current state is taken first. Qamqor closes afterwards; "
                              "start it again."),
                          QMessageBox.StandardButton.Cancel, self)
        go = box.addButton(_("&Restore"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not go:
            return
        engine = self.ctx.services.engine

        def done(before) -> None:
            self.restored = True
            text = _("The backup was restored.")
            if before is not None:
                text += "\n" + _("The state before the restore was backed up to {path}").format(path=before.path)
            QMessageBox.information(self, _("Backups"), text + "\n\n" + _("Qamqor closes now; start it again."))
            self.accept()

        self._run(_("Restoring…"), lambda report: backup.restore(engine, info.path, password, progress=report,
                                                                  by=self.ctx.actor.username), done)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("The second folder for backups"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def save_settings(self) -> None:
        if not self._permitted(UseCase.BACKUP_MAKE):
            return
        folder = self.folder.text().strip()
        if folder and not Path(folder).is_dir():
            QMessageBox.warning(self, _("Backups"), _("The folder {folder} is not there (is the USB stick "
                                                       "plugged in?).").format(folder=folder))
            return
        settings.save(backup_second_folder=folder or None, backup_second_password=self.password.text() or None)
        self.refresh()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Backups"))
        self.intro.setText(_("Qamqor backs up the database when it closes and at the first start of each day, and "
                             "checks every backup after writing it. Automatic backups are kept for 7 days, 4 weeks "
                             "and 12 months; the ones you make yourself are kept until you delete them. "
                             "Folder: {folder}").format(folder=backup.backups_dir()))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.backup_button.setText(_("&Back up now"))
        self.verify_button.setText(_("&Verify"))
        self.restore_button.setText(_("R&estore…"))
        self.second_box.setTitle(_("Second folder"))
        self.second_note.setText(_("A copy of each backup also goes to this folder: a USB stick or a network share, "
                                   "to keep outside the building. With a password the copies there are encrypted; "
                                   "without the password they cannot be restored, so keep it safe."))
        self.folder_label.setText(_("Folder:"))
        self.password_label.setText(_("Password:"))
        self.browse.setText(_("C&hoose…"))
        self.save_button.setText(_("&Save"))


def run_blocking(parent: QWidget | None, title: str, fn):
    """Run ``fn(report)`` off the GUI thread behind a progress dialog and wait for it (a local event loop);
    returns (result, error)."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    outcome: dict = {}

    def done(result) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(exc) -> None:
        outcome["error"] = exc
        loop.quit()

    def cancelled() -> None:
        loop.quit()

    job = run_with_progress(parent, title, fn, done, failed, cancelled)  # held: its signals live with it
    loop.exec()
    del job
    QApplication.processEvents()
    return outcome.get("result"), outcome.get("error")


def offer_restore_after_damage(damage: backup.Damage, url: str) -> bool:
    """At start, the database file failed its check and was moved aside: say so in plain words and offer the
    newest verified backup. Returns True when it was restored (the program goes on), False to quit."""
    from app import diagnostics

    diagnostics.log.error("damaged database at start: %s (%s)", damage.path, damage.reason)
    newest, _err = run_blocking(None, _("Looking for the latest backup…"), lambda _r: backup.newest_verified(
        "sqlite", backup.second_folder_password(), database=damage.path.name))
    text = _("The database file is damaged (part of it can no longer be read, for example after a power cut or "
             "a disk fault). So that nothing more is lost, Qamqor did not open it and moved it aside to {moved}.").format(
        moved=damage.moved_to)
    if newest is None:
        QMessageBox.critical(None, _("Qamqor"), text + "\n\n" + _("No verified backup was found. Ask whoever helps "
                                                                   "you with the program; do not delete the "
                                                                   "moved file."))
        return False
    box = QMessageBox(QMessageBox.Icon.Critical, _("Qamqor"),
                      text + "\n\n" + _("The latest verified backup:") + "\n" + backup.preview_text(newest.manifest)
                      + "\n\n" + _("Restore it? Changes made after it will have to be entered again."),
                      QMessageBox.StandardButton.NoButton)
    go = box.addButton(_("&Restore this backup"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("&Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not go:
        return False
    from app.db.engine import make_engine

    engine = make_engine(url)
    password = backup.second_folder_password() if newest.manifest.encrypted else None
    _result, error = run_blocking(None, _("Restoring…"), lambda report: backup.restore(
        engine, newest.path, password, progress=report))
    engine.dispose()
    if error is not None:
        show_backup_error(None, error)
        return False
    return True


class BackgroundBackups:
    """The main window's automatic work: after the window shows, the full integrity check (SQLite) and the
    first backup of the day, off the GUI thread and without a dialog; at close, a backup behind a short
    progress dialog."""

    def __init__(self, window) -> None:
        self.window = window
        self.url = window.ctx.services.engine.url
        self.job: Job | None = None

    def after_start(self) -> None:
        url = self.url

        def work(_report):
            path = backup._sqlite_path(url)
            if path is not None:
                problem = backup.quick_check(path, full=True)
                if problem is not None:
                    return ("damaged", problem)
            if backup.due_daily(database=backup.database_name(url)):
                return ("backup", backup.backup(url, "auto"))
            return ("nothing", None)

        self.job = job = Job(work)
        job.signals.finished.connect(self._started_done)
        job.signals.failed.connect(self._started_failed)
        job.start()

    def _started_done(self, outcome) -> None:
        self.job = None
        what, value = outcome
        if what == "damaged":
            from app import diagnostics

            diagnostics.log.error("the full integrity check found damage: %s", value)
            QMessageBox.warning(self.window, _("Qamqor"), _(
                "The check of the database found damage: some records may no longer be readable. Close Qamqor; at "
                "the next start it will move the damaged file aside and offer the latest backup. Until then, "
                "do not enter new data."))
            self.window.damaged = True
        elif what == "backup":
            self.window.statusBar().showMessage(_("Today's backup was written and verified."), 10_000)

    def _started_failed(self, exc) -> None:
        self.job = None
        from app import diagnostics

        diagnostics.log.error("the backup at start failed\n%s", diagnostics.describe(exc))
        text = exc.render() if isinstance(exc, DomainError) else _("The automatic backup failed; see the log.")
        self.window.statusBar().showMessage(text, 30_000)

    def at_close(self, then) -> None:
        """Back up behind a short progress dialog, then call ``then()`` (also after a failure or Cancel)."""
        url = self.url

        def failed(exc) -> None:
            from app import diagnostics

            diagnostics.log.error("the backup at close failed\n%s", diagnostics.describe(exc))
            show_backup_error(self.window, exc)
            then()

        self.job = run_with_progress(self.window, _("Backing up before closing…"),
                          lambda report: backup.backup(url, "auto", progress=report),
                          lambda _r: then(), failed, then)

"""Help → About (issue 14 point 5): version, database, folders, and the licences of what is shipped, read
from the installed distributions' metadata and the licence files in resources/."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from PySide6.QtWidgets import QDialog

from app import about
from app.i18n import _

ROOT = Path(__file__).resolve().parents[2]


def _rows(dialog) -> list[list[str]]:
    return [[dialog.table.item(r, c).text() for c in range(3)] for r in range(dialog.table.rowCount())]


def _installed_requirements() -> set[str]:
    """The program's own requirements as its installed metadata states them (pyproject.toml at install time;
    the bootstrap installs again when pyproject changes), those installed here, the PostgreSQL extra included."""
    names = set()
    for requirement in metadata.requires("qamqor") or []:
        spec, _sep, marker = requirement.partition(";")
        if "extra" in marker and "postgres" not in marker:
            continue
        name = re.match(r"\s*[A-Za-z0-9._-]+", spec).group().strip()
        try:
            metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        names.add(about.normalise(name))
    return names


def test_the_libraries_are_the_programs_requirements_followed_through_their_metadata():
    listed = {about.normalise(lib.name) for lib in about.libraries()}
    assert _installed_requirements() <= listed  # every direct requirement
    assert {"pyside6-essentials", "sqlalchemy", "babel", "reportlab"} <= listed
    # and what they need in turn: found in their metadata, not written down anywhere in the program
    assert {"shiboken6", "mako", "python-dateutil", "et-xmlfile", "cffi"} <= listed
    assert not {"pytest", "pytest-qt", "hypothesis", "pypdf", "ruff", "pyinstaller"} & listed  # tools, not shipped
    for lib in about.libraries():
        declared = metadata.metadata(lib.name)
        assert lib.version == metadata.version(lib.name)
        assert lib.licence and lib.licence != "?", lib
        assert lib.licence in {declared.get("License-Expression"), declared.get("License")} or any(
            lib.licence.split(", ")[0] in c for c in declared.get_all("Classifier") or []), lib


def test_about_shows_version_database_folders_and_licences_in_both_languages(director_ctx, qtbot):
    from ui.dialogs.about import AboutDialog

    dialog = AboutDialog(director_ctx)
    qtbot.addWidget(dialog)
    director_ctx.translator.set_language("kk")
    with open(ROOT / "pyproject.toml", "rb") as fh:
        version = tomllib.load(fh)["project"]["version"]
    assert version in dialog.title.text()
    assert dialog.values["database"].text() == director_ctx.database
    folders = about.folders()
    assert dialog.values["data"].text() == str(folders.data)
    assert dialog.values["logs"].text() == str(folders.logs)
    assert dialog.values["backups"].text() == str(folders.backups)
    rows = _rows(dialog)
    font = next(r for r in rows if r[0].startswith(_("Font", "kk")))
    assert "Liberation Serif" in font[0] and font[2] == "SIL Open Font License Version 1.1"
    pyside = next(r for r in rows if r[0].endswith("PySide6-Essentials") or r[0].endswith("PySide6_Essentials"))
    assert pyside[1] == metadata.version("PySide6-Essentials") and "LGPL-3.0" in pyside[2]
    assert len(dialog.libraries()) == len(about.libraries()) + 1  # and Python itself
    assert any(r[0].startswith(_("Icons", "kk")) for r in rows)
    for row in range(2):  # the font's and the icons' English note of files and source: in the tooltip only
        item = dialog.table.item(row, 0)
        assert "(" not in item.text() and " (" in item.toolTip() and item.toolTip().startswith(item.text())
    kk = (dialog.windowTitle(), dialog.captions["data"].text(), dialog.table.horizontalHeaderItem(2).text())
    director_ctx.translator.set_language("ru")
    ru = (dialog.windowTitle(), dialog.captions["data"].text(), dialog.table.horizontalHeaderItem(2).text())
    assert kk == (_("About Qamqor", "kk"), _("Data folder:", "kk"), _("Licence", "kk"))
    assert ru == (_("About Qamqor", "ru"), _("Data folder:", "ru"), _("Licence", "ru"))
    assert kk != ru
    dialog.copy()
    from PySide6.QtWidgets import QApplication

    copied = QApplication.clipboard().text()
    assert version in copied and str(folders.backups) in copied and "SQLAlchemy" in copied
    assert "LiberationSerif-Regular.ttf" in copied  # a support request gets the whole note
    assert dialog.status.text() == _("Copied to the clipboard: the version, the folders and the licences.", "ru")


def test_help_about_opens_the_dialog_from_the_main_window(director_ctx, qtbot, monkeypatch):
    from ui.dialogs.about import AboutDialog
    from ui.main_window import MainWindow

    opened = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: opened.append(self) or QDialog.DialogCode.Rejected)
    window = MainWindow(director_ctx)
    qtbot.addWidget(window)
    assert window.about_action in window.help_menu.actions()
    window.about_action.trigger()
    assert len(opened) == 1 and opened[0].libraries()

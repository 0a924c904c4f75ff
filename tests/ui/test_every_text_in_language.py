"""Every visible text of every screen and the main dialogs, in both languages, is in that language (issue 12
point 7): no Latin word outside names and codes, no Kazakh letter in Russian outside the demo's names and
addresses, and no Kazakh text that is in fact the Russian catalog's translation (an untranslated fallback) —
Qt's own dialogs (file, message box, input) included."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app import i18n
from tests.ui import windows

#: Latin words a screen may show: codes, file types, the program's name, keys
ALLOWED_LATIN = frozenset({
    "PDF", "XLSX", "CSV", "JSON", "XML", "Qamqor", "SQLite", "PostgreSQL", "Ctrl", "Shift", "Alt", "Enter", "Esc",
    "Ins", "Del", "Tab", "Insert", "Delete", "Home", "End", "PgUp", "PgDown", "Qt", "ReportLab", "PySide",
    "Excel", "xlsx", "csv", "json", "pdf", "USB", "IP", "LibreOffice", "xls", "ods",
    "docs", "postgresql",  # the folder and the file name of the PostgreSQL guide, as the user finds them
})
#: an e-mail address, a path or a web address, a rule code (R-15), a licence or document number with Latin letters
#: (KZ12LAA00012345) — data or codes, not words
CODES = re.compile(r"\b\w+://\S+|\S+@\S+|[A-Za-z]:\\\S*|/\S+|\b[\w.-]+/[\w./-]+|https?://\S+|\bR-\d+\b|\b(?=\w*\d)[A-Z0-9]{4,}\b")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
KAZAKH_ONLY = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
WORD = re.compile(r"\w+")
ROOT = Path(__file__).resolve().parents[2]


def data_words(ctx) -> set[str]:
    """The words of the demo's names (people, organisation, addresses) and the languages' own names: they stay
    as written in either language."""
    from ui.i18n import LANGUAGE_NAMES

    svc = ctx.services
    texts = list(LANGUAGE_NAMES.values())
    _total, rows = svc.queries.residents()
    for r in rows:
        texts.append(r.full_name)
        person = svc.residents.get(r.id)
        texts += [str(v) for v in vars(person).values() if isinstance(v, str)]
    texts += [q.full_name for q in svc.queue.rows()]
    org = svc.organisation.get()
    texts += [str(v) for v in vars(org).values() if isinstance(v, str)]
    texts += [ctx.actor.full_name, *svc.audit.users(ctx.actor)]  # the logins the audit log names
    for row in svc.people.users(include_inactive=True):
        texts += [str(v) for v in vars(row).values() if isinstance(v, str)]
    return {w for t in texts for w in WORD.findall(t)}


@cache
def msgids() -> tuple[str, ...]:
    found: set[str] = set()
    for lang in i18n.LANGUAGES:
        for po in sorted((ROOT / "resources" / "i18n" / lang / "LC_MESSAGES").glob("qamqor*.po")):
            with po.open("rb") as fh:
                found.update(m.id for m in read_po(fh) if m.id and isinstance(m.id, str) and not m.context)
    return tuple(sorted(found))


@cache
def other_language_only(lang: str) -> frozenset[str]:
    """The texts the other language's catalog gives for a message this language translates differently."""
    other = "ru" if lang == "kk" else "kk"
    found, own = set(), set()
    for msgid in msgids():
        mine, theirs = i18n._(msgid, lang), i18n._(msgid, other)
        own.add(_clean(mine))
        if theirs != mine and theirs != msgid and len(theirs) > 3:
            found.add(_clean(theirs))
    return frozenset(found - own)  # a word both languages write alike ("Портал") is either's


def _clean(text: str) -> str:
    return windows._plain(text).strip()


def problems(top, lang: str, names: set[str]) -> list[str]:
    wrong = []
    foreign = other_language_only(lang)
    for widget, text in windows.texts(top):
        where = f"{type(widget).__name__} {widget.objectName()}".strip()
        bare = CODES.sub(" ", text)
        latin = [w for w in LATIN_WORD.findall(bare) if w not in ALLOWED_LATIN and w not in names]  # logins
        if latin:
            wrong.append(f"{where}: Latin {latin} in {text[:90]!r}")
        if lang == "ru":
            kazakh = [w for w in WORD.findall(bare) if KAZAKH_ONLY.search(w) and w not in names]
            if kazakh:
                wrong.append(f"{where}: Kazakh {kazakh} in {text[:90]!r}")
        if _clean(text) in foreign:
            wrong.append(f"{where}: the other language's text {text[:90]!r}")
    return sorted(set(wrong))


def qt_dialogs():
    """Qt's own dialogs the program opens: the file dialog (Qt's, translated), a message box with its standard
    buttons, an input dialog, the print dialog."""
    from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

    for accept in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
        d = QFileDialog(None, "", "", "")
        d.setOption(QFileDialog.Option.DontUseNativeDialog)
        d.setAcceptMode(accept)
        yield f"file dialog {accept.name}", d
    buttons = QMessageBox.StandardButton
    yield "message box", QMessageBox(QMessageBox.Icon.Question, "", "", buttons.Ok | buttons.Cancel | buttons.Yes
                                     | buttons.No | buttons.Save | buttons.Discard | buttons.Close)
    yield "input dialog", QInputDialog()
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()
    dialog = QPrintDialog(printer)  # Qt's own on Linux; Windows shows its own, in the system's language
    dialog.printer_ = printer  # kept alive with the dialog
    yield "print dialog", dialog


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_text_is_in_the_language(qtbot, director_ctx, lang):
    from ui.main_window import MainWindow

    names = data_words(director_ctx)
    window = MainWindow(director_ctx)
    qtbot.addWidget(window)
    window.resize(windows.SCREEN_WIDTH, windows.AVAILABLE_HEIGHT)
    window.show()
    director_ctx.translator.set_language(lang)
    wrong: list[str] = []
    looked = 0
    for name, page in windows.screens(window):
        looked += 1
        wrong += [f"{name}: {p}" for p in problems(window, lang, names)]
        for tab in windows.each_tab(page):  # the other tabs of a screen (the organisation's calendar …)
            wrong += [f"{name} tab {tab}: {p}" for p in problems(page, lang, names)]
    for name, dialog in windows.dialogs(director_ctx, window):
        looked += 1
        wrong += [f"{name}: {p}" for p in problems(dialog, lang, names)]
    for name, dialog in qt_dialogs():
        qtbot.addWidget(dialog)
        dialog.show()
        looked += 1
        wrong += [f"{name}: {p}" for p in problems(dialog, lang, names)]
        dialog.close()
    assert looked > 30
    assert wrong == [], "\n".join(wrong)


def test_the_check_sees_a_leftover(qtbot, director_ctx):
    """The check is not blind: an English label, a Kazakh word in Russian and a Russian text in Kazakh are
    each reported."""
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    box = QWidget()
    qtbot.addWidget(box)
    lay = QVBoxLayout(box)
    russian_save = i18n._("&Save profile", "ru")
    for text in ("Look in:", "Сақтау", russian_save):
        lay.addWidget(QLabel(text))
    box.show()
    names = data_words(director_ctx)
    assert any("Latin ['Look', 'in']" in p for p in problems(box, "ru", names))
    assert any("Kazakh ['Сақтау']" in p for p in problems(box, "ru", names))
    assert any("the other language's text" in p for p in problems(box, "kk", names))


@pytest.mark.parametrize(("first", "then"), [("kk", "ru"), ("ru", "kk")])
def test_the_first_run_wizard_follows_the_language_chosen_on_its_first_page(qtbot, director_ctx, first, then):
    """Issue 12: the first page kept its Kazakh buttons after Russian was chosen on it."""
    from PySide6.QtWidgets import QRadioButton

    from ui.dialogs.first_run import FirstRunWizard

    director_ctx.translator.set_language(first)
    wizard = FirstRunWizard(director_ctx.services, director_ctx.translator)
    qtbot.addWidget(wizard)
    wizard.show()
    choice = next(b for b in wizard.lang_page.findChildren(QRadioButton) if b.text() != b.text().upper()
                  and then == ("ru" if b.text() == "Русский" else "kk"))
    choice.click()
    qtbot.wait(1)
    assert i18n.current_language() == then
    assert problems(wizard, then, data_words(director_ctx)) == []

"""Qt's own dialogs speak the chosen language: no Latin word left in a file dialog, a message box's standard
buttons, an input or a progress dialog (issue 12 point 7). qtbase_ru.qm of Qt 6.11 lacks "&Look in:" and
"Files of &type:" and keeps "OK" in Latin; ui.i18n.QtSupplement translates them."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _texts(dialog: QWidget) -> list[str]:
    found = []
    for w in [dialog, *dialog.findChildren(QWidget)]:
        if isinstance(w, (QLabel, QAbstractButton)):
            found.append(w.text())
        found += [w.toolTip(), w.accessibleName()]
        found += [a.text() for a in w.actions()]
        if isinstance(w, QHeaderView) and w.model() is not None:
            found += [str(w.model().headerData(i, Qt.Orientation.Horizontal) or "") for i in range(w.model().columnCount())]
    return [t for t in found if t]


def _dialogs():
    for accept in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
        d = QFileDialog(None, "", "", "")
        d.setOption(QFileDialog.Option.DontUseNativeDialog)
        d.setAcceptMode(accept)
        yield d
    buttons = QMessageBox.StandardButton
    yield QMessageBox(QMessageBox.Icon.Question, "", "", buttons.Ok | buttons.Cancel | buttons.Yes | buttons.No
                      | buttons.Save | buttons.Discard | buttons.Close | buttons.Retry | buttons.Ignore)
    yield QInputDialog()
    yield QProgressDialog("", QProgressDialog().tr("Cancel"), 0, 0)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_qt_dialogs_have_no_latin_word(qtbot, translator, lang):
    translator.set_language(lang)
    for dialog in _dialogs():
        qtbot.addWidget(dialog)
        dialog.show()
        texts = _texts(dialog)
        assert texts, type(dialog).__name__  # the dialog really has texts to look at
        assert [t for t in texts if LATIN_WORD.search(t)] == [], (lang, type(dialog).__name__)
        dialog.close()


def test_the_supplement_answers_only_its_own_texts(qtbot, translator):
    from PySide6.QtCore import QCoreApplication

    translator.set_language("ru")
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Папка:"
    assert QCoreApplication.translate("QFileDialog", "File &name:") == "&Имя файла:"  # from qtbase_ru.qm
    assert QCoreApplication.translate("NoSuchContext", "Left alone") == "Left alone"

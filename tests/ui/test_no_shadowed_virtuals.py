"""No widget stores an attribute under the name of one of Qt's virtual methods: Qt calls the virtual through
shiboken, finds the attribute, cannot call it, and the process dies (a preview's ``self.done = QLabel()``
shadowed ``QDialog.done`` and crashed the program at Escape). Checked in the source of ui/ and reports/."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QObject, QTranslator
from PySide6.QtWidgets import QDialog, QMainWindow, QWidget, QWizard, QWizardPage

ROOT = Path(__file__).resolve().parents[2]
#: Qt's virtual methods a Python class may meet (events, dialogs, wizards, models, translators)
VIRTUALS = {name for cls in (QObject, QWidget, QDialog, QMainWindow, QWizard, QWizardPage, QAbstractItemModel,
                             QTranslator) for name in dir(cls)
            if name.endswith("Event") or name in {
                "done", "accept", "reject", "open", "exec", "event", "eventFilter", "setVisible", "sizeHint",
                "minimumSizeHint", "heightForWidth", "hasHeightForWidth", "metric", "validateCurrentPage",
                "initializePage", "cleanupPage", "isComplete", "nextId", "data", "setData", "rowCount",
                "columnCount", "headerData", "flags", "index", "parent", "translate", "isEmpty", "focusNextPrevChild",
                "inputMethodQuery", "createPopupMenu"}}


def test_no_attribute_takes_the_name_of_a_qt_virtual():
    found = []
    for path in [*(ROOT / "ui").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
                node, (ast.AnnAssign, ast.AugAssign)) else []
            for t in targets:
                for sub in ast.walk(t):
                    if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id == "self" \
                            and sub.attr in VIRTUALS:
                        found.append(f"{path.relative_to(ROOT)}:{sub.lineno} self.{sub.attr}")
    assert found == []

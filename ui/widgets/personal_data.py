"""Issue 10 point 10: before several people's data is written to a file or a folder, say how many
people and where, and let the user stop. The service layer records what was written."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app.i18n import _


def confirm_personal_data(parent: QWidget | None, people: int, where) -> bool:
    """True when nothing personal is written (``people`` is 0) or the user agreed."""
    if people <= 0:
        return True
    answer = QMessageBox.question(
        parent, _("Personal data"),
        _("This will write the personal data of {n} people to {path}. Continue?").format(n=people, path=where),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes

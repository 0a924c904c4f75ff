"""Rule codes (R-15, from ../shared/domain/RULES.md) belong to the people who check the program against the
rules, not on the screen a social worker reads (issue 12 point 8): a label shows its text without them and
keeps the full text, codes included, in its tooltip."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel

from ui.i18n import without_rules


def set_rule_text(label: QLabel | QAbstractButton, text: str) -> None:
    """Show ``text`` on ``label`` (or a check box, a button) without rule codes; the tooltip keeps them (none: no tooltip)."""
    plain = without_rules(text)
    label.setText(plain)
    label.setToolTip(text if plain != text else "")

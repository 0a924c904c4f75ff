"""Rule codes (R-15, from ../shared/domain/RULES.md) belong to the people who check the program against the
rules, not on the screen a social worker reads (issue 12 point 8): a label shows its text without them and
keeps the full text, codes included, in its tooltip."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QAbstractButton, QLabel

#: "(R-03, R-05)" and a bare "R-15" with what separates it from the next word
RULE_CODES = re.compile(r"\s*\(\s*R-\d\d(?:\s*[,;]\s*R-\d\d)*\s*\)|\bR-\d\d\b(?:\s*[,;]\s*)?")


def without_rules(text: str) -> str:
    """``text`` with its rule codes left out: "by the time (R-03, R-05)." → "by the time."."""
    return re.sub(r"[ \t]{2,}", " ", RULE_CODES.sub("", text)).strip()


def set_rule_text(label: QLabel | QAbstractButton, text: str) -> None:
    """Show ``text`` on ``label`` (or a check box, a button) without rule codes; the tooltip keeps them (none: no tooltip)."""
    plain = without_rules(text)
    label.setText(plain)
    label.setToolTip(text if plain != text else "")

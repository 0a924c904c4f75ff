"""Small text helpers the screens and dialogs share (moved from ui/views/plans.py, issue 12 point 10)."""

from __future__ import annotations

import datetime as dt

from ui.i18n import fdate


def period_text(start: dt.date | None, end: dt.date | None) -> str:
    return f"{fdate(start)} – {fdate(end)}" if start or end else ""


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]

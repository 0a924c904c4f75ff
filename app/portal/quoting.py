"""The apostrophe before formula-like text (issue 11 point 5): a cell starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return is taken by a spreadsheet as a formula (or loses its first character), so the CSV writer puts
an apostrophe before it and the cell shows as text; reading takes exactly that apostrophe off again — from a CSV
and from a workbook a spreadsheet saved from one, whose cells keep it as text (every exported phone, ``'+7 …``).
A workbook's own text cells are never formulas and are written as they are, but for the rare text a reader would
take an apostrophe off (:func:`sheet_safe`)."""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def csv_safe(text: str) -> str:
    """``text`` as written in a CSV cell: an apostrophe before a formula-like start — and before a text
    that itself starts with an apostrophe, so that reading takes off exactly the one added."""
    return QUOTE + text if text.startswith((*FORMULA_START, QUOTE)) else text


def csv_unsafe(cell: str) -> str:
    """A CSV cell as the value written: the apostrophe :func:`csv_safe` added is taken off. An apostrophe
    before anything else is the cell's own and stays."""
    if cell[:1] == QUOTE and cell[1:2] and cell[1:].startswith((*FORMULA_START, QUOTE)):
        return cell[1:]
    return cell


def sheet_safe(text: str) -> str:
    """``text`` as written in a workbook's text cell: as it is, unless it starts with the apostrophe
    :func:`csv_unsafe` takes off (before a formula-like start or another apostrophe: ``'=x``, ``''a``), which is
    doubled so that reading gives back the text."""
    return QUOTE + text if text[:1] == QUOTE and text[1:].startswith((*FORMULA_START, QUOTE)) else text

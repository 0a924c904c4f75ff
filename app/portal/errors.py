"""The exceptions of the portal exchange: one for reading, one for writing.

Every failure to read an exchange file — whatever its cause (an empty file, a
damaged workbook, an old .xls, no header row, duplicate or missing columns) — is
an :class:`ImportRefused`; nothing else escapes the readers. Problems found in
single rows are not exceptions: they come back in ``ParseResult.problems``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from app.domain.errors import DomainError
from app.i18n import Message

if TYPE_CHECKING:
    from app.portal.records import Problem


class PortalError(DomainError):
    """Base of the exchange errors; ``message`` says what is wrong and what to do."""


class ImportRefused(PortalError):
    """The file cannot be read at all. ``problems`` details header-level faults
    (each duplicate column, each missing column) when there are several."""

    def __init__(self, message: Message, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.problems: tuple[Problem, ...] = tuple(problems)


class ExportFailed(PortalError):
    """The exchange file could not be written (disk full, no permission, folder missing)."""

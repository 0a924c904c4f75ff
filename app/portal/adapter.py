"""The exchange adapter: what the program asks of the portal, and the file implementation.

Today the exchange is by files the staff download from and upload to the portal
(aleumet.egov.kz); an adapter for a future online interface implements the same three
operations. Services depend on :class:`PortalAdapter` only.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path

from app.i18n import M, check_language
from app.paths import write_private
from app.portal.errors import ExportFailed
from app.portal.formats import read_path, read_records, write_records
from app.portal.records import Format, JournalEventRecord, Kind, ParseResult

Source = str | os.PathLike | bytes


class PortalAdapter(ABC):
    """The portal exchange (R-01 journal, R-03/R-04 queue applications)."""

    @abstractmethod
    def import_queue(self, source: Source) -> ParseResult:
        """Queue applications filed on the portal (R-04); records are QueueApplicationRecord."""

    @abstractmethod
    def import_roster(self, source: Source) -> ParseResult:
        """The portal's roster of the organisation's recipients; records are RosterRecord."""

    @abstractmethod
    def export_journal(self, records: Sequence[JournalEventRecord], target: str | os.PathLike) -> Path:
        """Rows of the Annex 2 journal for upload to the portal (R-01, R-09)."""


def load_source(source: Source) -> tuple[bytes, str | None]:
    """The bytes of a file given by path (or the bytes themselves) and its name."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), None
    return read_path(source), Path(source).name


def format_for_path(path: Path) -> Format:
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "txt":
        return Format.CSV
    try:
        return Format(suffix)
    except ValueError:
        raise ExportFailed(M("Choose a file name ending in .xlsx, .csv or .json.")) from None


def write_file(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` whole or not at all, readable by the user only (app.paths.write_private)."""
    try:
        write_private(path, data)
    except OSError as exc:
        raise ExportFailed(M("The file {name} could not be written: {reason}. Choose another folder, or close the "
                             "file if it is open in Excel.", name=path.name,
                             reason=exc.strerror or type(exc).__name__)) from None
    return path


class FileAdapter(PortalAdapter):
    """Exchange through files: XLSX, CSV or JSON, recognised from the content when reading
    and chosen by the file name's extension when writing.

    ``lang`` is the language of the column titles written; ``titles`` are lines written
    above the header of an XLSX journal (the organisation's name, the journal's title);
    ``decision``: a home-care organisation's journal, whose columns name decisions (R-01)."""

    def __init__(self, lang: str = "kk", *, csv_delimiter: str = ";", titles: Sequence[str] = (),
                 decision: bool = False) -> None:
        self.lang = check_language(lang)
        self.csv_delimiter = csv_delimiter
        self.titles = tuple(titles)
        self.decision = decision

    def read(self, source: Source, kind: Kind) -> ParseResult:
        data, name = load_source(source)
        return read_records(data, kind, name)

    def import_queue(self, source: Source) -> ParseResult:
        return self.read(source, Kind.QUEUE)

    def import_roster(self, source: Source) -> ParseResult:
        return self.read(source, Kind.ROSTER)

    def journal_bytes(self, records: Sequence[JournalEventRecord], fmt: Format) -> bytes:
        return write_records(Kind.JOURNAL, records, fmt, self.lang, titles=self.titles, delimiter=self.csv_delimiter,
                             decision=self.decision)

    def export_journal(self, records: Sequence[JournalEventRecord], target: str | os.PathLike) -> Path:
        path = Path(target)
        return write_file(path, self.journal_bytes(records, format_for_path(path)))

"""The portal exchange: the adapter interface, the file formats, register onboarding.

Reading never raises anything but :class:`ImportRefused`; row problems come back in
:class:`ParseResult`. The formats are specified in docs/portal-exchange.md.
"""

from app.portal.adapter import FileAdapter, PortalAdapter, load_source
from app.portal.errors import ExportFailed, ImportRefused, PortalError
from app.portal.formats import detect_format, read_records, write_records
from app.portal.problems import write_problems
from app.portal.records import (
    Format,
    JournalEventRecord,
    Kind,
    ParseResult,
    Problem,
    QueueApplicationRecord,
    RegisterRecord,
    RosterRecord,
)
from app.portal.register import (
    RegisterColumn,
    RegisterMapping,
    RegisterSheet,
    inspect_register,
    read_register,
    suggest_columns,
    suggest_mapping,
)

__all__ = [
    "ExportFailed", "FileAdapter", "Format", "ImportRefused", "JournalEventRecord", "Kind", "ParseResult",
    "PortalAdapter", "PortalError", "Problem", "QueueApplicationRecord", "RegisterColumn", "RegisterMapping",
    "RegisterRecord", "RegisterSheet", "RosterRecord", "detect_format", "inspect_register", "load_source",
    "read_records", "read_register", "suggest_columns", "suggest_mapping", "write_problems", "write_records",
]

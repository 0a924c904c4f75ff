"""What a file holds — queue applications, the journal, the roster or an institution's register —
recognised from its column titles (issue 11 point 2), so that a user need not know what a "kind" is.

A JSON file names its kind. In a table, the row among the first rows of each sheet that names most
known columns (of any kind) is the header; a kind fits when the header has all the columns the kind
requires (docs/portal-exchange.md, 2.4). Of the kinds that fit, the one with the fewest columns
foreign to it is the file's kind: the queue file is told from the journal by its portal number and
received time. Of kinds that fit with no foreign column, the one with the fewest of its own columns
left out: the roster (whose columns are all the journal's too) from the journal by having only the
roster's. When two kinds fit equally well, or none does, the program cannot tell and asks (the
import wizard: a choice; the command line: ``--kind``). A table with a name and a date of birth and
nothing beyond the register's columns is an institution's own register.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from itertools import chain, islice

from app.collector import no_cyclic_gc
from app.i18n import N_, M, Message
from app.portal.columns import SPECS, Column, match_columns
from app.portal.errors import ImportRefused
from app.portal.formats import (
    HEADER_SCAN,
    KIND_NAMES,
    csv_tables,
    detect_format,
    load_json_document,
    no_header_row,
    read_records,
    read_sheets,
)
from app.portal.records import Format, Kind, ParseResult
from app.portal.values import FormText, Vocabulary
from app.portal.xlsx import Table, open_sheets

#: the kinds an exchange file of the portal can be, in the order they are listed to the user
EXCHANGE_KINDS = (Kind.QUEUE, Kind.JOURNAL, Kind.ROSTER)
#: the kind in an envelope written first, as this program writes it (anything else is parsed whole)
_ENVELOPE_KIND = re.compile(rb'\A\s*\{\s*"format"\s*:\s*"qamqor-portal"\s*,\s*"version"\s*:\s*[^,{}]*,\s*'
                            rb'"kind"\s*:\s*"(\w+)"')
#: the command-line codes, for the message that asks for ``--kind``
KIND_CODES = ", ".join(k.value for k in EXCHANGE_KINDS)


@dataclass(frozen=True)
class Recognition:
    """What the file was recognised as. ``kind`` None: the program cannot tell; ``candidates`` are the
    kinds that fit equally well (empty when none fits). ``titles``: the known column titles found."""

    format: Format
    kind: Kind | None
    candidates: tuple[Kind, ...] = ()
    titles: tuple[str, ...] = ()

    def describe(self) -> Message:
        """"The file holds the journal (recognised from its column titles)." — or why it cannot tell."""
        if self.kind is not None:
            how = N_("the kind written in the file") if self.format is Format.JSON else N_("its column titles")
            return M("The file holds {kind} (recognised from {how}).", kind=Message(KIND_NAMES[self.kind]),
                     how=Message(how))
        return self.undecided()

    def undecided(self) -> Message:
        if self.candidates:
            return M("The program cannot tell what the file holds: it could be {kinds}. Choose what it holds.",
                     kinds=_or(self.candidates))
        return M("The program cannot tell what the file holds from its column titles ({titles}): they are not "
                 "those of queue applications, of the journal or of the roster. Choose what it holds.",
                 titles="; ".join(self.titles) or "—")


def _or(kinds: Iterable[Kind]) -> FormText:
    names = [Message(KIND_NAMES[k]) for k in kinds]
    return FormText(" / ".join(n.render("kk") for n in names), ru=" / ".join(n.render("ru") for n in names))


@cache
def _all_columns() -> Vocabulary[Column]:
    columns: dict[str, Column] = {}
    for spec in SPECS.values():
        for column in spec.columns:
            columns.setdefault(column.key, column)
    return Vocabulary((c, (c.kk, c.ru, c.key, *c.aliases)) for c in columns.values())


def kind_of_columns(present: frozenset[Column]) -> tuple[Kind | None, tuple[Kind, ...]]:
    """The kind a header of these columns is, and the kinds that fit equally well when it cannot tell."""
    ranked = []
    for kind in EXCHANGE_KINDS:
        spec = SPECS[kind]
        if set(spec.required_columns) <= present:
            own = set(spec.columns)
            ranked.append(((len(present - own), len(own - present)), kind))
    if ranked:
        ranked.sort(key=lambda r: r[0])
        (foreign, unused), _kind = ranked[0]
        # a clean fit (no foreign column) is decided by the columns left out (the roster's columns are all
        # the journal's too); a fit with foreign columns only when no other kind fits as well
        best = [kind for (f, u), kind in ranked if f == foreign and (u == unused or foreign > 0)]
        return (best[0], ()) if len(best) == 1 else (None, tuple(best))
    register = SPECS[Kind.REGISTER]
    keys = {c.key for c in present}
    named = "full_name" in keys or {"last_name", "first_name"} <= keys
    if named and "birth_date" in keys and present <= set(register.columns):
        return Kind.REGISTER, ()
    return None, ()


def _header(tables: Iterable[Table]) -> tuple[frozenset[Column], tuple[str, ...]]:
    best = None
    for table in tables:
        for _number, cells in islice(table.rows, HEADER_SCAN):
            found = match_columns(cells, _all_columns())
            if found.score >= 2 and (best is None or found.score > best[0].score):
                best = (found, cells)
    if best is None:
        raise no_header_row()
    found, cells = best
    titles = tuple(" ".join(str(cells[i]).split()) for i in sorted(found.columns))
    return frozenset(found.columns.values()), titles


def recognise(data: bytes, name: str | None = None) -> Recognition:
    """What ``data`` holds. Refuses (:class:`ImportRefused`) what cannot be read at all, as the readers do."""
    fmt = detect_format(data, name)
    if fmt is Format.JSON:
        return _json_recognition(data)
    if fmt is Format.XLSX:
        with open_sheets(data, name) as tables:
            return _recognition(fmt, tables)
    return _recognition(fmt, csv_tables(data, name))


def read_recognised(data: bytes, name: str | None = None, accept: Callable[[Kind], bool] = lambda kind: True,
                    ) -> tuple[Recognition, ParseResult | None]:
    """What ``data`` holds and, when the program can tell and ``accept`` takes that kind, its records read as
    that kind (else None: the caller says why). A workbook is opened and parsed once for both: its sheets'
    first rows, which tell what it holds, are kept for the reading (recognising a workbook of 100,000 rows
    on its own took 0.8 s, the whole sheet parsed to find its titles). Refuses only with
    :class:`ImportRefused`, as :func:`recognise` and the readers do."""
    fmt = detect_format(data, name)
    if fmt is not Format.XLSX:  # a text table's titles are its first lines; a JSON file names its kind
        recognition = recognise(data, name)
        if recognition.kind is None or not accept(recognition.kind):
            return recognition, None
        return recognition, read_records(data, recognition.kind, name)
    with no_cyclic_gc(), open_sheets(data, name) as tables:
        heads = [(table, list(islice(table.rows, HEADER_SCAN))) for table in tables]
        recognition = _recognition(fmt, [Table(table.name, iter(head)) for table, head in heads])
        if recognition.kind is None or not accept(recognition.kind):
            return recognition, None
        return recognition, read_sheets([Table(table.name, chain(head, table.rows)) for table, head in heads],
                                        recognition.kind, name)


def _json_recognition(data: bytes) -> Recognition:
    head = _ENVELOPE_KIND.search(data[:4096])  # our envelope comes first: no need to parse it all twice
    if head is not None and head.group(1).decode() in {k.value for k in EXCHANGE_KINDS}:
        return Recognition(Format.JSON, Kind(head.group(1).decode()))
    written = load_json_document(data).get("kind")
    kind = next((k for k in EXCHANGE_KINDS if k.value == written), None)
    if kind is None:
        raise ImportRefused(M("The file does not say what it holds (its \"kind\" is {kind}); it must be one "
                              "of: {kinds}.", kind=str(written)[:40], kinds=KIND_CODES))
    return Recognition(Format.JSON, kind)


def _recognition(fmt: Format, tables: Iterable[Table]) -> Recognition:
    present, titles = _header(tables)
    kind, candidates = kind_of_columns(present)
    return Recognition(fmt, kind, candidates, titles)

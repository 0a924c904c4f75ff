"""The journal and register imports at the size of a whole file (issue 11 point 6: 100,000 rows in
10 s and 500 MB): what the database holds is read in a few set-based queries, every row is checked
in memory by the same rules a movement recorded by hand passes (``record_movement``: R-01 order,
R-01/R-02 date order and the status each event may follow, R-03 vacancy, R-36 the main part's
vacancy, R-09 entry numbers, R-10 a case file on admission, R-33 why an imported admission has no
ground), and what the file adds is written in a handful of bulk statements at the end.

The rules are those of ``app.services.movements.record_movement`` and ``ensure_case_file`` applied
to a copy of the state kept here: each person's status, unit, version and last event, the places
held per part, the next entry and case-file numbers. A row that breaks a rule leaves what it did
before the break in that state, as the row-by-row import left it in its session, so the later rows
are judged as they were; any problem refuses the whole file and nothing is written.

The audit log: one entry per person the file created or changed, filed under the person (their
History tab shows it), holding the values written — the person's columns, the events with their
order, date and entry number, the status they leave, the case file opened — instead of one entry
per row written (four or five for each person: 400,000 entries for a file at the row limit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, cast

import orjson
from sqlalchemy import any_, bindparam, func, literal_column, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.db.bulk import CHUNK_ROWS, Writer, as_json, converted, send, sequence_ids, writing
from app.db.models import (
    AuditEntry,
    CaseFile,
    Movement,
    OrgUnit,
    QueueApplication,
    Resident,
    identity_key,
    make_search_key,
)
from app.domain.admission import require_ground
from app.domain.date_order import check_movement_date
from app.domain.enums import MovementKind, QueueOutcome, ResidentStatus
from app.domain.errors import Conflict, DomainError
from app.domain.journal import check_departure_reason, check_discharge_reason, check_order, next_entry_number
from app.domain.limits import clean
from app.domain.names import name_key
from app.domain.queue import ACTIVE_OUTCOMES
from app.domain.roster import HOLDS_PLACE, Occupancy, check_vacancy, is_readmission, next_status
from app.domain.units import UnitRow, check_part_vacancy, occupancy_by_unit
from app.i18n import M
from app.portal.columns import join_date_order, split_date_order
from app.services.base import Actor, ServiceBase, hold_places, now, required, today

#: a person's columns the audit entry leaves out: technical, or said by the entry itself
_NOT_AUDITED = frozenset({"search_key", "name_key", "version", "created_at", "status", "unit_id"})
#: the people checked before the first chunk goes to the writer thread (the database has nothing to do until
#: then; the later chunks are written while the next are checked)
FIRST_CHUNK = 1_000
#: the values looked up in one query (``in_chunks``)
CHUNK = 10_000


def ambiguous(name: str, birth: dt.date | None) -> DomainError:
    return DomainError(M("Several people without an IIN are named {name} and born on {birth}; the row cannot be "
                         "told apart. Add the IIN to the file.", name=name, birth=birth or "—"), "iin")


def known_without_iin(name: str, birth: dt.date, iin: str, in_file: bool) -> DomainError:
    """A row gives an IIN nobody has to a person who is without one, here or earlier in the file."""
    if in_file:
        return DomainError(M("{name}, born on {birth}, is in an earlier row of the file without an IIN, and this row "
                             "gives the IIN {iin}: the same person would be added twice. Give the IIN in each of "
                             "their rows, then import the file again.", name=name, birth=birth, iin=iin), "iin")
    return DomainError(M("{name}, born on {birth}, is here without an IIN, and this row gives the IIN {iin}: the same "
                         "person would be added twice. Enter the IIN on their card, then import the file again.",
                         name=name, birth=birth, iin=iin), "iin")


def first_free_resident_id(s: Session) -> int:
    """SQLite: the id after the largest person's, for the people an import gives ids itself. The transaction takes
    the write lock first (``hold_places``: free when it holds it already), so that no other connection adds a
    person before the ids given from here are written."""
    hold_places(s)
    return (s.scalar(select(func.max(Resident.id))) or 0) + 1


def in_chunks(s: Session, query, column, values: Iterable) -> list:
    """``query`` filtered by ``column`` being one of ``values``; scalars for one column. The values go to the
    database as one parameter per :data:`CHUNK` of them — PostgreSQL's ``= ANY(array)``, SQLite's ``IN (SELECT
    value FROM json_each(?))`` — converted as the column's type binds them: an ``IN`` list of a parameter
    each was compiled, bound and parsed value by value, 2.2 s of a 100,000-row queue import on PostgreSQL
    (bench/RESULTS.md)."""
    values = list(values)
    out: list[Any] = []
    one = len(query.column_descriptions) == 1
    dialect = s.get_bind().dialect
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    for i in range(0, len(values), CHUNK):
        part = values[i:i + CHUNK]
        if dialect.name == "postgresql":
            where = column == any_(bindparam(None, part, type_=ARRAY(column.type)))
        else:
            items = orjson.dumps(part if process is None else [process(v) for v in part]).decode()
            where = column.in_(select(literal_column("value")).select_from(func.json_each(items)))
        result = s.execute(query.where(where))
        out += result.scalars().all() if one else result.all()
    return out


@dataclass(eq=False, slots=True)
class Person:
    """A person as the import sees them: read from the database (``id``) or created by the file."""

    id: int | None
    name: str
    status: ResidentStatus
    unit_id: int | None = None
    version: int = 1
    last: tuple | None = None  # the last event: (kind, date, seq)
    have: frozenset = frozenset()  # the events recorded before the import: (kind, date, order number)
    has_case_file: bool = False
    queued: QueueOutcome | None = None  # a known person's application in the queue, waiting or offered a place
    values: dict[str, Any] | None = None  # a new person's columns
    before: tuple | None = None  # a known person's (status, version) as read
    movements: list[dict] = field(default_factory=list)
    case_file: dict | None = None
    in_file: bool = False  # created by this import (a later row of the file may name them again)


_READ: dict[tuple, tuple] = {}


def _as_read(status: ResidentStatus, version: int) -> tuple:
    """``(status, version)``, one tuple for each such pair (100,000 people written: 6 MB of equal tuples)."""
    pair = (status, version)
    return _READ.setdefault(pair, pair)


def _read(p: Person) -> tuple:
    """A known person's (status, version) as read (every person the database had was read with them)."""
    if p.before is None:
        raise ValueError(f"person {p.id} was not read from the database")
    return p.before


class Batch:
    """The state of one import's transaction (the place lock held: no other writer meanwhile), its
    checks, and its writing. ``load`` first, then ``add_person`` and ``move``, then ``write``."""

    def __init__(self, s: Session, actor: Actor, *, dry_run: bool = False) -> None:
        self.s, self.actor = s, actor
        #: a dry run checks every row as the import does and writes nothing: what the file would do is known from
        #: the checks alone (they read nothing the writing changes), and no id is taken from a sequence
        self.dry_run = dry_run
        org = ServiceBase.organisation(s)
        self.capacity, self.org_type, self.location = org.capacity, org.org_type, org.location
        self.units = [UnitRow(u.id, u.name, u.kind, u.places) for u in s.scalars(select(OrgUnit).order_by(OrgUnit.id))]
        self.held: dict[int | None, list[int]] = {}  # unit → [present, temporarily absent]
        rt = Resident.__table__
        for unit_id, status, n in s.execute(select(rt.c.unit_id, rt.c.status, func.count())
                                            .where(rt.c.status.in_(HOLDS_PLACE)).group_by(rt.c.unit_id, rt.c.status)):
            self.held.setdefault(unit_id, [0, 0])[0 if status == ResidentStatus.PRESENT else 1] += n
        self.on_offer = s.scalar(select(func.count()).select_from(QueueApplication)
                                 .where(QueueApplication.outcome == QueueOutcome.OFFERED)) or 0
        self.next_no = next_entry_number(max(s.scalar(select(func.max(Movement.journal_no))) or 0,
                                             s.scalar(select(func.max(QueueApplication.journal_no))) or 0))
        self.next_case = (s.scalar(select(func.max(CaseFile.id))) or 0) + 1  # as ensure_case_file numbers
        self.today, self.stamp = today(), now()
        self.by_iin: dict[str, Person] = {}
        self.unidentified: dict[tuple, list[Person]] = {}
        #: their dates of birth: a row with an IIN looks for a person without one only when one was born that day (the
        #: name's key is not worked out for each of 100,000 new people, ``find``)
        self.unidentified_births: set[dt.date | None] = set()
        self.people: list[Person] = []  # new and changed, in the order the file touched them
        self._writer: Writer | None = None  # the writer thread, in ``writing``
        self._chunk = CHUNK_ROWS  # the people written at a time (``full``)
        self._next_id: int | None = None  # SQLite: the next new person's id (``_new_ids``)

    # --- reading what the database has ---------------------------------------------------------
    def load(self, iins: Iterable[str], births: Iterable[dt.date | None]) -> None:
        """The people with these IINs, and those without an IIN born on these dates (those of every row: a row with
        an IIN may name a person stored without one, ``find``), with their events."""
        rt, mt = Resident.__table__, Movement.__table__
        if self.s.scalar(select(rt.c.id).limit(1)) is None:  # an institution's first import: nobody to find
            return
        cols = select(rt.c.id, rt.c.iin, rt.c.last_name, rt.c.first_name, rt.c.middle_name, rt.c.birth_date,
                      rt.c.status, rt.c.unit_id, rt.c.version)
        found = in_chunks(self.s, cols, rt.c.iin, set(iins))
        found += in_chunks(self.s, cols.where(rt.c.iin.is_(None)), rt.c.birth_date,
                           {b for b in births if b is not None})
        known: dict[int, Person] = {}
        for r in found:
            p = Person(r.id, " ".join(x for x in (r.last_name, r.first_name, r.middle_name) if x), r.status,
                       r.unit_id, r.version, before=(r.status, r.version))
            known[r.id] = p
            if r.iin:
                self.by_iin[r.iin] = p
            else:
                self.unidentified_births.add(r.birth_date)
                self.unidentified.setdefault((identity_key(r.last_name, r.first_name, r.middle_name), r.birth_date),
                                             []).append(p)
        have: dict[int, set] = {}
        for rid, kind, day, number, seq in sorted(in_chunks(self.s, select(
                mt.c.resident_id, mt.c.kind, mt.c.event_date, mt.c.order_number, mt.c.seq), mt.c.resident_id, known),
                key=lambda m: (m[0], m[4])):
            events = have.setdefault(rid, set())
            for read in order_as_read(day, number):
                events.add((kind, day, read))
            known[rid].last = (kind, day, seq)
        for rid, events in have.items():
            known[rid].have = frozenset(events)
        for rid in in_chunks(self.s, select(CaseFile.resident_id), CaseFile.resident_id, known):
            known[rid].has_case_file = True
        qt = QueueApplication.__table__
        for rid, outcome in in_chunks(self.s, select(qt.c.resident_id, qt.c.outcome)
                                      .where(qt.c.outcome.in_(ACTIVE_OUTCOMES)), qt.c.resident_id, known):
            known[rid].queued = outcome

    def find(self, iin: str | None, last: str, first: str, middle: str | None, birth: dt.date | None) -> Person | None:
        """The person with this IIN; without one, the one person without an IIN of this name and date of
        birth (several: refused, as ``find_unidentified``). A row with an IIN nobody has, of the name and date of
        birth of a person without one (here, or earlier in the file), is refused: it would be that person a second
        time (``load`` reads the people without an IIN born on the dates of every row, with an IIN or not)."""
        if iin:
            found = self.by_iin.get(iin)
            if found is None and birth is not None and birth in self.unidentified_births and (
                    twin := self.unidentified.get((identity_key(last, first, middle), birth))):
                raise known_without_iin(" ".join(x for x in (last, first, middle) if x), birth, iin,
                                        in_file=twin[0].in_file)
            return found
        if birth is None:
            return None
        group = self.unidentified.get((identity_key(last, first, middle), birth), [])
        if len(group) > 1:
            raise ambiguous(" ".join(x for x in (last, first, middle) if x), birth)
        return group[0] if group else None

    # --- what the file does, checked -----------------------------------------------------------
    def add_person(self, values: dict[str, Any], name: str | None = None) -> Person:
        """A new person waiting (``new_person`` with ``ResidentStatus.IN_QUEUE``); ``values`` as
        ``check_person`` returns them; ``name``: their full name when the caller has made it (kept once: 100,000
        people's names made twice were 10 MB more, issue 11 point 6)."""
        last, first, middle, iin = values["last_name"], values["first_name"], values["middle_name"], values["iin"]
        row = {k: v for k, v in values.items() if v is not None}  # 100,000 people: no room for empty columns
        row.update(status=ResidentStatus.IN_QUEUE, created_at=self.stamp, version=1,
                   search_key=make_search_key(last, first, middle, iin), name_key=name_key(last, first, middle))
        p = Person(None, name or " ".join([x for x in (last, first, middle) if x]), ResidentStatus.IN_QUEUE,
                   values=row, in_file=True)
        self.people.append(p)
        if iin:
            self.by_iin[iin] = p
        else:
            self.unidentified_births.add(row.get("birth_date"))
            self.unidentified.setdefault((identity_key(last, first, middle), row.get("birth_date")), []).append(p)
        return p

    def move(self, p: Person, kind: MovementKind, day: dt.date, number: str, **extra: Any) -> None:
        """``record_movement`` and, for an admission, ``ensure_case_file``: the same checks in the same order."""
        if kind == MovementKind.ADMISSION:
            require_ground(extra.get("admission_ground"), extra.get("ground_unrecorded"))
            if p.queued is not None:  # a person in the queue is admitted from it, once offered a place
                raise DomainError(M("{name} has an application in the queue ({outcome}): admit them from the queue "
                                    "(offer the place, then admit), or withdraw the application; then import the "
                                    "file again.", name=p.name, outcome=p.queued.label), "resident")
        required(day, "event_date")
        if not clean(number):  # an order, or a decision
            check_order(self.org_type, number, day)
        # what the movement's dialog requires, a file's row requires too (R-01 column 12, R-12 column 14)
        if kind == MovementKind.DISCHARGE:
            check_discharge_reason(extra.get("discharge_reason"), extra.get("reason_text"))
        elif kind == MovementKind.TRANSFER:
            required(extra.get("destination"), "destination")
        elif kind == MovementKind.TEMPORARY_DEPARTURE:
            extra["reason_text"] = check_departure_reason(self.org_type, extra.get("reason_text"))
        check_movement_date(kind, day, p.last[0] if p.last else None, p.last[1] if p.last else None, self.today)
        current = p.status
        status = next_status(current, kind)
        unit = p.unit_id
        if kind == MovementKind.ADMISSION:
            if self.capacity - sum(map(sum, self.held.values())) - self.on_offer <= 0:  # its refusal
                present = away = 0
                for pair in self.held.values():
                    present, away = present + pair[0], away + pair[1]
                check_vacancy(Occupancy(self.capacity, present, away, self.on_offer))
            if self.units:  # the main part has a vacant place of its own
                check_part_vacancy(occupancy_by_unit(self.capacity, self.units,
                                                     {k: (v[0], v[1]) for k, v in self.held.items()}), None)
            extra["journal_no"] = self.next_no
            unit = None
        elif status not in HOLDS_PLACE:  # a person who leaves frees their unit's place
            unit = None
        seq = p.last[2] + 1 if p.last else 1
        row = {"resident_id": p, "seq": seq, "kind": kind, "event_date": day, "order_number": number.strip(),
               "order_date": day, "returned": is_readmission(current, kind), "created_at": self.stamp,
               "created_by": self.actor.username}
        for k, v in extra.items():
            if v is not None:
                row[k] = v
        if kind == MovementKind.ADMISSION:
            self.next_no += 1
        if current in HOLDS_PLACE:
            self.held[p.unit_id][0 if current == ResidentStatus.PRESENT else 1] -= 1
        if status in HOLDS_PLACE:
            self.held.setdefault(unit, [0, 0])[0 if status == ResidentStatus.PRESENT else 1] += 1
        if p.values is None and not p.movements:
            self.people.append(p)  # a known person the file changes
        p.status, p.unit_id, p.version, p.last = status, unit, p.version + 1, (kind, day, seq)
        p.movements.append(row)
        if kind == MovementKind.ADMISSION and not p.has_case_file:  # formed on admission
            p.has_case_file = True
            p.case_file = {"number": str(self.next_case), "place": self.location, "opened_on": day, "version": 1}
            self.next_case += 1

    # --- writing -------------------------------------------------------------------------------
    @contextmanager
    def writing(self) -> Iterator[Batch]:
        """The block in which ``write`` is called: each chunk is written by a writer thread
        (``app.db.bulk.writing``) while the rows after it are checked; nothing in the checks reads the
        database. The writer only sends rows made here (``_job``)."""
        if self.dry_run:
            yield self
            return
        if self.s.get_bind().dialect.name == "sqlite":  # read now: the connection is the writer's from here
            self._new_ids(0)
        with writing() as writer:
            self._writer, self._chunk = writer, min(FIRST_CHUNK, CHUNK_ROWS)
            try:
                yield self
            finally:
                self._writer = None

    def write(self, new_action: str, changed_action: str) -> None:
        """What the rows so far add, in a few statements: the new people (with the status their events
        leave them in), the known people's new status, the events, the case files, the audit entries.
        Called every ``CHUNK_ROWS`` people while the file has no problem (so that a file at the row limit
        is never all in memory at once: the transaction holds it) and at the end; a later refusal rolls
        back everything written. The people written become people the database has. What the database
        need not tell is made here; the writing goes to the writer thread of ``writing`` when there is one
        (see ``_job``). With a writer thread the first chunk is :data:`FIRST_CHUNK` people, so that the
        database starts early."""
        job = None if self.dry_run else self._job(new_action, changed_action)
        for p in self.people:
            p.values, p.before, p.movements, p.case_file = None, _as_read(p.status, p.version), [], None
        self.people = []
        if job is None:  # a dry run: the people are as if written, and nothing is
            pass
        elif self._writer is None:
            job()
        else:
            self._writer.submit(job)
        self._chunk = CHUNK_ROWS

    def full(self, *, to_come: int) -> bool:
        """Enough people to write a chunk. ``to_come``: how many people the file has after these. The chunks are
        :data:`FIRST_CHUNK` people again once the rest of the file would fit in one: the last chunk is written with
        nothing left to check alongside, so it is kept short (a journal of 100,000 people ended on 9,000)."""
        return len(self.people) >= (self._chunk if to_come >= CHUNK_ROWS else min(self._chunk, FIRST_CHUNK))

    def _job(self, new_action: str, changed_action: str) -> Callable[[], None]:
        """The writing of the people touched so far, as they are now, to be run once. The new people's ids
        are given and every row converted for the driver here, so that the writer thread only sends them
        (its own conversions had to wait for the checking thread's interpreter lock)."""
        s, rt = self.s, Resident.__table__
        dialect = s.get_bind().dialect
        people = self.people
        new = [(p, p.values) for p in people if p.values is not None]
        ids = self._new_ids(len(new))
        for (p, values), rid in zip(new, ids):
            p.id = rid  # and the status, unit and version the person's events leave:
            values.update(status=p.status, unit_id=p.unit_id, version=p.version)
        status = cast(Callable[[Any], Any], rt.c.status.type.dialect_impl(dialect).bind_processor(dialect))
        changed = [(p.id, _read(p)[1], status(p.status), p.unit_id, p.version) for p in people if p.values is None]
        for p in people:
            for m in p.movements:
                m["resident_id"] = p.id
        parts = [*converted(dialect, rt, [values for _p, values in new], ids),
                 *converted(dialect, Movement.__table__, [m for p in people for m in p.movements]),
                 *converted(dialect, CaseFile.__table__,
                            [{**p.case_file, "resident_id": p.id} for p in people if p.case_file]),
                 *converted(dialect, AuditEntry.__table__,
                            [self._entry(p, new_action if p.values is not None else changed_action) for p in people])]

        def job() -> None:
            _update(s, changed)
            send(s, parts)
        return job

    def _new_ids(self, n: int) -> list[int]:
        """Ids for ``n`` new people. PostgreSQL: from the sequence, on a connection of their own (the session's
        may be the writer's). SQLite: the ones after the largest (``first_free_resident_id``), read once before the
        writing starts."""
        if self.s.get_bind().dialect.name == "postgresql":
            if not n:
                return []
            with self.s.get_bind().engine.connect() as conn:
                return sequence_ids(conn, Resident.__table__, n)
        if self._next_id is None:
            self._next_id = first_free_resident_id(self.s)
        first, self._next_id = self._next_id, self._next_id + n
        return list(range(first, first + n))

    def _entry(self, p: Person, action: str) -> dict:
        """The person's audit entry: the values the import wrote (issue 10 point 7)."""
        # copies with the technical keys taken out (a new person's values and an event hold no None: add_person
        # and move leave them out): 100,000 people's entries took twice as long filtered key by key
        after: dict[str, Any] = {}
        if p.values is not None:
            after = p.values.copy()
            for key in _NOT_AUDITED:
                after.pop(key, None)
        after["status"] = p.status
        if p.movements:
            after["movements"] = events = []
            for m in p.movements:
                event = m.copy()
                for key in _NOT_IN_EVENTS:
                    del event[key]
                if not event["returned"]:  # said only when true
                    del event["returned"]
                events.append(event)
        if p.case_file:
            after["case_file"] = case_file = p.case_file.copy()
            del case_file["version"]
            if case_file["place"] is None:
                del case_file["place"]
        before = None if p.values is not None else as_json({"status": _read(p)[0]})
        return {"at": self.stamp, "username": self.actor.username, "action": action, "entity": "resident",
                "entity_id": p.id, "before": before, "after": as_json(after)}


def _update(s: Session, changed: list[tuple]) -> None:
    """The known people's new (id, version read, status, unit, version): optimistic locking as the ORM does it,
    UPDATE … WHERE version = the version read, refused as a conflict when another user changed one
    meanwhile. One statement for them all (a JSON array of the rows), on either engine."""
    if not changed:
        return
    conn = s.connection()
    if conn.dialect.name == "postgresql":
        sql = ("UPDATE resident AS r SET status = c.status, unit_id = c.unit, version = c.new "
               "FROM json_to_recordset(%s::json) AS c(id int, v int, status varchar, unit int, new int) "
               "WHERE r.id = c.id AND r.version = c.v")
        rows = (orjson.dumps([dict(zip(("id", "v", "status", "unit", "new"), c)) for c in changed]).decode(),)
    else:  # SQLite: one statement too, so that a writer thread does not take the lock back after every row
        sql = ("UPDATE resident SET status = json_extract(c.value, '$[2]'), unit_id = json_extract(c.value, '$[3]'), "
               "version = json_extract(c.value, '$[4]') FROM json_each(?) AS c "
               "WHERE resident.id = json_extract(c.value, '$[0]') AND resident.version = json_extract(c.value, '$[1]')")
        rows = (orjson.dumps(changed).decode(),)
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql, rows)
        count = cursor.rowcount
    except conn.dialect.loaded_dbapi.Error as exc:
        raise DBAPIError.instance(sql, None, exc, conn.dialect.loaded_dbapi.Error) from exc
    finally:
        cursor.close()
    if count != len(changed):
        raise changed_meanwhile()


#: the order number of an imported event whose row gives none
NO_ORDER = "—"


def order_as_read(day: dt.date, number: str | None) -> tuple[str, str]:
    """A stored event's order number as a file gives it back (issue 11 point 1: the program's own export imported
    again changes nothing): as it is seen (a JSON field: without the invisible characters a number stored before
    kept), and as a cell of the journal's table reads back — the date and the number written in one cell by the
    export and split again, which leaves out "№", "приказ", "от" and the like («№ 12-ж» reads «12-ж»).
    :data:`NO_ORDER` where nothing is seen, as for a row that gives none."""
    seen = clean(number) or NO_ORDER
    return seen, split_date_order(join_date_order((day, seen), "kk"))[1] or NO_ORDER


def changed_meanwhile() -> Conflict:
    """Optimistic locking for a file: people it changes were saved by another user after the import read them. Said
    of the file, not of a form ("reopen it" would mean nothing here); the import then says nothing was imported."""
    return Conflict(M("another user saved some of the people in this file while it was being imported; import the "
                      "file again"), "version")


#: an event's columns its audit entry leaves out: said by the entry itself
_NOT_IN_EVENTS = frozenset({"resident_id", "created_at", "created_by"})

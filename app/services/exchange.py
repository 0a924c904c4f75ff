"""The database side of the portal exchange (issue 5): import queue applications and an
institution's register, export the journal since the last export, and reconcile the roster
with the portal's (R-30). Files are read and written by ``app.portal``; this module applies
the plain records — all or nothing per file, with a dry run that shows what would change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, partial
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import distinct, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.collector import no_cyclic_gc
from app.db.bulk import (
    CHUNK_ROWS,
    as_json,
    bulk_cache,
    converted,
    send,
    sequence_ids,
    writing,
)
from app.db.models import AuditEntry, Movement, QueueApplication, Resident, fold, make_search_key
from app.domain.admission import GroundUnrecorded
from app.domain.enums import (
    DischargeReason,
    LabelledEnum,
    MovementKind,
    QueueOutcome,
    QueuePriority,
    QueueSource,
    ResidentStatus,
)
from app.domain.errors import DomainError
from app.domain.fields import FIELD_LABELS, field_label
from app.domain.journal import decided_by_decision
from app.domain.limits import CONTROL, FIELD_MAX_LENGTH, text_problem
from app.domain.names import name_key
from app.domain.permissions import UseCase
from app.domain.queue import portal_claims_notice
from app.domain.roster import HOLDS_PLACE, STATUS_AFTER
from app.i18n import M, Message, Number, fdate
from app.portal.errors import ImportRefused
from app.portal.records import (
    JournalEventRecord,
    ParseResult,
    Problem,
    QueueApplicationRecord,
    RegisterRecord,
    RosterRecord,
)
from app.portal.values import label, shown
from app.services.base import Actor, ServiceBase, hold_places, integrity_conflict, now
from app.services.import_batch import (
    FIRST_CHUNK,
    NO_ORDER,
    Batch,
    Person,
    ambiguous,
    first_free_resident_id,
    identity_key,
    known_without_iin,
)
from app.services.import_batch import in_chunks as _in_chunks
from app.services.movements import entry_number
from app.services.residents import PersonInput, check_person


class Change(NamedTuple):
    """One record of the file and what importing it does: "create", "update" (a person the program had, given new
    events by a journal) or "unchanged" (a tuple: a file makes 100,000 of them)."""

    action: str
    key: str
    full_name: str

    @property
    def shown_key(self) -> str:
        """The key as the user knows it: the portal number, or the IIN and the time the application was received
        (as the file shows a date, ``app.portal.values.shown``), or the IIN or the name of a resident."""
        kind, _sep, rest = self.key.partition(":")
        if kind == "portal":
            return rest
        if kind == "iin":
            iin, _sep, moment = rest.partition(":")
            return ", ".join(x for x in (iin, moment and shown(dt.datetime.fromisoformat(moment))) if x)
        return self.key


@dataclass(frozen=True)
class ImportSummary:
    changes: tuple[Change, ...]
    dry_run: bool
    #: what the user must do after the import (shown under the summary): the out-of-turn claims to record
    notices: tuple[Message, ...] = ()

    @property
    def created(self) -> int:
        return sum(1 for c in self.changes if c.action == "create")

    @property
    def updated(self) -> int:
        """People the program had, to whom the file added events (a journal)."""
        return sum(1 for c in self.changes if c.action == "update")

    @property
    def unchanged(self) -> int:
        return sum(1 for c in self.changes if c.action == "unchanged")

    def told(self) -> Message:
        """What the import did, or (a dry run) would do, in a sentence."""
        counts = {"created": Number(self.created), "unchanged": Number(self.unchanged)}
        if self.unchanged and not self.created and not self.updated:  # the same file again, as a rule
            return M("Nothing new: everyone in the file ({unchanged}) is already here; importing it changes nothing.",
                     unchanged=Number(self.unchanged)) if self.dry_run else \
                M("Nothing new was imported: everyone in the file ({unchanged}) was already here.",
                  unchanged=Number(self.unchanged))
        if self.updated and self.dry_run:
            return M("Dry run: {created} would be created, {updated} would get new events, {unchanged} already "
                     "there; nothing was changed.", updated=Number(self.updated), **counts)
        if self.updated:
            return M("Imported: {created} created, {updated} got new events, {unchanged} already there.",
                     updated=Number(self.updated), **counts)
        if self.dry_run:
            return M("Dry run: {created} would be created, {unchanged} already there; nothing was changed.", **counts)
        return M("Imported: {created} created, {unchanged} already there.", **counts)


def _refuse_if_problems(result: ParseResult, compared: bool = False) -> None:
    """A file with problems is refused whole; so is a record whose text does not fit its column or holds a
    control character (the readers find these already, and say so: ``limits_checked``; a result made
    otherwise is checked here, so that neither engine sees them — issue 11 point 6). ``compared``: the file was
    to be compared (a roster, R-30), not imported, and the refusal says so."""
    checked: dict[type, list] = {}  # the fields of each record type that have a limit
    unchecked = () if result.limits_checked else result.records  # a reader's records were checked as read
    for index, rec in enumerate(unchecked):
        fields = checked.get(rec.__class__)
        if fields is None:
            fields = checked[rec.__class__] = [(f, n) for f, n in FIELD_MAX_LENGTH.items() if hasattr(rec, f)]
        for field, limit in fields:
            value = getattr(rec, field)
            if value.__class__ is not str or (len(value) <= limit and CONTROL.search(value) is None):
                continue
            if (problem := text_problem(value, limit)) is not None:
                n = result.row_of(index)
                message = M("{field}: {problem}", field=label(field), problem=problem)
                result = replace(result, problems=(*result.problems, Problem(n, field, shown(value), message,
                                                                                field)))
    if result.problems and compared:
        raise ImportRefused(M("The file has {n} problem(s); nothing was compared. Correct them and compare the "
                              "file again.", n=len(result.problems)), result.problems)
    if result.problems:
        raise ImportRefused(M("The file has {n} problem(s); nothing was imported. Correct them and import the "
                              "file again.", n=len(result.problems)), result.problems)



#: columns an import's audit entry leaves out: technical, or said by the entry itself
_NOT_AUDITED = frozenset({"search_key", "name_key", "version", "created_at"})


def _full(last: str, first: str, middle: str | None) -> str:
    return " ".join([x for x in (last, first, middle) if x])


# --- who a person without an IIN is (issue 11 point 1) -----------------------------------------------
# A person with an IIN is that IIN. A person without one is found by the stable key a file can carry:
# the name (case, ё/е and spacing folded, as the search key) and the date of birth, among the people
# who have no IIN either — whatever reason for the missing IIN was written (the reason is free text in
# the language of whoever typed it, and no exchange file carries it). Two such people with the same
# name and date of birth cannot be told apart: the row is refused, asking for the IIN
# (app.services.import_batch: identity_key, ambiguous, Batch.find).


class NothingToExport(DomainError):
    """An export with no journal row to write: nothing is written (an empty file would replace the last export's,
    whose rows are marked exported). Not a failure: the command line says it and ends well."""


class ExchangeService(ServiceBase):
    def _apply(self, actor: Actor, dry_run: bool, work, places: bool = False,
               notices: Sequence[Message] = ()) -> ImportSummary:
        """Run ``work(session) -> changes`` in one transaction; roll back on a dry run or a refusal (a dry run's
        ``work`` checks every row and writes nothing). ``places``: the import admits people, so it holds the place
        lock first (issue 10 point 8). ``notices``: filled by ``work``, given with the summary."""
        with self.sessions() as s, no_cyclic_gc():
            s.begin()
            try:
                if places:
                    hold_places(s)
                self.check_account(s, actor)
                with bulk_cache(s):
                    changes = work(s)
            except IntegrityError as exc:  # another PC wrote the same person at the same moment
                s.rollback()
                raise integrity_conflict(exc) from None
            except DomainError as exc:
                s.rollback()
                if isinstance(exc, ImportRefused):
                    raise
                raise ImportRefused(M("The file was not imported: {reason}", reason=exc.message)) from exc
            if dry_run:
                s.rollback()
            else:
                s.commit()
            return ImportSummary(tuple(changes), dry_run, tuple(notices))

    # --- queue applications (R-04: filed on the portal, received here) -----------------------
    def import_queue(self, actor: Actor, result: ParseResult, dry_run: bool = False) -> ImportSummary:
        """Idempotent: key = portal application number, else IIN + received time (R-03 order kept).

        Built for files of thousands of rows: what exists is read in a few queries, the new rows are
        written in one flush, and the audit entry lists the applications the file created.

        R-06: an application the portal marks out of turn is registered in the order of arrival with the mark
        kept (``portal_out_of_turn``; the queue says it: ``app.domain.queue.portal_claim``): a file carries neither
        the ground, nor the children's organisation, nor the day the person left it, so the program cannot check it
        (``check_out_of_turn``) — the staff record them with "Out of turn", which does (a summary notice says so)."""
        self.permit(actor, UseCase.PORTAL_IMPORT)
        _refuse_if_problems(result)
        records = [r for r in result.records if isinstance(r, QueueApplicationRecord)]
        notices: list[Message] = []

        def work(s: Session) -> list[Change]:
            numbers = {r.portal_number for r in records if r.portal_number}
            iins = {r.iin for r in records if r.iin}
            known_numbers = set(_in_chunks(s, select(QueueApplication.portal_number), QueueApplication.portal_number,
                                           numbers))
            rt = Resident.__table__  # plain rows: a file imported again finds 100,000 people
            person_columns = select(rt.c.id, rt.c.iin, rt.c.status, rt.c.last_name, rt.c.first_name,
                                    rt.c.middle_name, rt.c.birth_date)
            people = {p.iin: p for p in _in_chunks(s, person_columns, rt.c.iin, iins)}
            active = set(_in_chunks(s, select(QueueApplication.resident_id).where(
                QueueApplication.outcome.in_([QueueOutcome.WAITING, QueueOutcome.OFFERED])),
                QueueApplication.resident_id, [p.id for p in people.values()]))
            known_keys = {(iin, at) for iin, at in _in_chunks(s, select(Resident.iin, QueueApplication.received_at)
                                                             .join(QueueApplication), Resident.iin, iins)}
            # the people without an IIN, by name and date of birth (issue 11 point 1)
            unidentified: dict[tuple, list] = {}
            births = {r.birth_date for r in records}  # every row's: one with an IIN may name a person without one
            for p in _in_chunks(s, person_columns.where(rt.c.iin.is_(None)), rt.c.birth_date, births):
                unidentified.setdefault((identity_key(p.last_name, p.first_name, p.middle_name), p.birth_date),
                                        []).append(p)
            active |= set(_in_chunks(s, select(QueueApplication.resident_id).where(
                QueueApplication.outcome.in_([QueueOutcome.WAITING, QueueOutcome.OFFERED])),
                QueueApplication.resident_id, [p.id for group in unidentified.values() for p in group]))
            changes: list[Change] = []
            problems: list[Problem] = []
            seen: set[tuple[str, ...]] = set()
            # the applications the file creates (their person, their record) and the people it creates (their
            # record): their rows are made a chunk at a time as they are written (_write_queue), so that 100,000 rows
            # of them are not all held at once (issue 11 point 6)
            new: list[tuple[Any, QueueApplicationRecord]] = []
            new_people: list[QueueApplicationRecord] = []
            stamp = now()
            org_type = ServiceBase.organisation(s).org_type
            missing = M("no IIN in the portal file").render()
            for index, rec in enumerate(records):
                n = result.row_of(index)  # the row in the file, for the problems
                key, name = rec.key, _full(rec.last_name, rec.first_name, rec.middle_name)
                exists = rec.portal_number in known_numbers if rec.portal_number else \
                    (rec.iin, rec.received_at) in known_keys
                if key in seen or exists:
                    changes.append(Change("unchanged", ":".join(key), name))
                    seen.add(key)
                    continue
                seen.add(key)
                who = (identity_key(rec.last_name, rec.first_name, rec.middle_name), rec.birth_date)
                if rec.iin:
                    person = people.get(rec.iin)
                    if person is None and (twin := unidentified.get(who)):  # the person without one, named with one
                        problems.append(Problem(n, "iin", rec.iin, known_without_iin(
                            name, rec.birth_date, rec.iin, in_file=isinstance(twin[0], _NewPerson)).message, "iin"))
                        continue
                else:
                    group = unidentified.get(who, [])
                    if len(group) > 1:
                        problems.append(Problem(n, "iin", name, ambiguous(name, rec.birth_date).message, "iin"))
                        continue
                    person = group[0] if group else None
                refusal = None
                if person is not None and not isinstance(person, _NewPerson) and person.status in HOLDS_PLACE:
                    refusal = M("{name} already receives services here.",
                                name=_full(person.last_name, person.first_name, person.middle_name))
                elif person is not None and (isinstance(person, _NewPerson) or person.id in active):
                    refusal = M("{name} is already in the queue.", name=name)
                if refusal is not None:
                    problems.append(Problem(n, "iin", rec.iin or "", refusal, "iin"))
                    continue
                if person is None:
                    person = _NewPerson(len(new_people))
                    new_people.append(rec)
                    if rec.iin:
                        people[rec.iin] = person
                    else:
                        unidentified[who] = [person]
                else:  # a new person's application is made with them: they are in the queue (active) already
                    active.add(person.id)
                new.append((person, rec))
                changes.append(Change("create", ":".join(key), name))
            if problems:
                raise ImportRefused(M("{n} application(s) cannot be registered; nothing was imported.",
                                      n=len(problems)), problems)
            if claims := sum(1 for _person, rec in new if rec.out_of_turn):
                notices.append(portal_claims_notice(org_type, claims))
            if dry_run:  # what the file would do is known: nothing is written (nor an id taken from a sequence)
                return changes
            return self._write_queue(s, actor, changes, new, new_people, stamp, missing)

        return self._apply(actor, dry_run, work, notices=notices)

    def _write_queue(self, s: Session, actor: Actor, changes: list[Change], new: list, new_people: list,
                     stamp: dt.datetime, missing: str) -> list[Change]:
        """The applications checked, written a chunk at a time by a writer thread (``app.db.bulk.writing``)
        while the next chunk's rows are made and converted here: each chunk its new people, their applications and
        their audit entries. ``new``: (person, record) of each application; ``new_people``: the record of each
        person the file creates, whose application is in ``new`` once. The new people's ids are taken first
        (PostgreSQL: from the sequence; SQLite: after the largest, the transaction holding the write lock), so that
        the import's own entry, written first, lists them."""
        if not new:  # a file imported again changes nothing, not even the log (issue 11 point 1)
            return changes
        rt = Resident.__table__
        if s.get_bind().dialect.name == "postgresql":
            ids = sequence_ids(s.connection(), rt, len(new_people))
        else:
            first = first_free_resident_id(s)
            ids = list(range(first, first + len(new_people)))
        first_no = entry_number(s)  # each application is a new entry of the journal, in file order
        self.audit(s, actor, "queue.import", entity="queue_application",
                   after={"created": [c.key for c in changes if c.action == "create"], "people": ids,
                          "unchanged": sum(c.action == "unchanged" for c in changes)})
        s.flush()  # the import's own entry first, then the people's
        stamp_at = now()

        def entry(row: dict, person_values: dict) -> dict:  # the values written (an empty one says nothing)
            after = {k: v for k, v in person_values.items() if v is not None and k not in _NOT_AUDITED}
            after.update({k: v for k, v in row.items() if v is not None and v is not False and k not in _NOT_AUDITED})
            return dict(at=stamp_at, username=actor.username, action="queue.import", entity="resident",
                        entity_id=row["resident_id"], before=None, after=as_json(after))

        dialect = s.get_bind().dialect
        with writing() as writer:
            done = people_done = 0
            while done < len(new):  # the first chunk small, so that the database starts at once
                part = new[done:done + (FIRST_CHUNK if not done else CHUNK_ROWS)]
                people = max([people_done, *(p.index + 1 for p, _r in part if isinstance(p, _NewPerson))])
                person_rows = [_new_person_row(rec, stamp, missing) for rec in new_people[people_done:people]]
                rows, entries = [], []
                for k, (p, rec) in enumerate(part, done):
                    is_new = isinstance(p, _NewPerson)
                    row = _application_row(rec, ids[p.index] if is_new else p.id, first_no + k)
                    rows.append(row)
                    entries.append(entry(row, person_rows[p.index - people_done] if is_new else {}))
                parts = [*converted(dialect, rt, person_rows, ids[people_done:people]),
                         *converted(dialect, QueueApplication.__table__, rows),
                         *converted(dialect, AuditEntry.__table__, entries)]
                writer.submit(partial(send, s, parts))
                done, people_done = done + len(part), people
        return changes

    # --- onboarding: an institution's existing register ------------------------------------------
    def import_register(self, actor: Actor, result: ParseResult, dry_run: bool = False,
                        default_admission: dt.date | None = None) -> ImportSummary:
        """Residents from the home's own Excel register; those with an admission date are admitted
        (order number from the register, or "register" when it has none). Key: IIN."""
        self.permit(actor, UseCase.REGISTER_IMPORT)
        _refuse_if_problems(result)

        records = [rec for rec in result.records if isinstance(rec, RegisterRecord)]
        assert len(records) == len(result.records)

        def work(s: Session) -> list[Change]:
            batch = Batch(s, actor, dry_run=dry_run)
            batch.load({r.iin for r in records if r.iin}, {r.birth_date for r in records})
            with batch.writing():
                return apply(batch)

        notices: list[Message] = list(result.notices)  # the rows the reading left out, then what apply says

        def apply(batch: Batch) -> list[Change]:
            missing = M("no IIN in the register").render()
            changes, problems = [], []
            left: list[Message] = []  # rows of people who have left: not imported
            away: list[Message] = []  # admitted as present, though the register marks them away
            waiting: list[Message] = []  # no admission date: not admitted
            first_row: dict[Person, int] = {}  # each person this register adds, with their row
            for index, rec in enumerate(records):
                n = result.row_of(index)
                name = _full(rec.last_name, rec.first_name, rec.middle_name)
                if rec.status in (ResidentStatus.DISCHARGED, ResidentStatus.TRANSFERRED):
                    left.append(M("Row {row}: {name} ({status})", row=n, name=name, status=rec.status))
                    continue
                try:  # a row's person is found among the database's and those of the rows before it
                    found = batch.find(rec.iin, rec.last_name, rec.first_name, rec.middle_name, rec.birth_date)
                    if found is not None and not rec.iin and found in first_row:  # twice without an IIN (an IIN
                        # twice is refused by the reading: ``validate.build``)
                        problems.append(Problem(n, _column("birth_date"), name, M(
                            "This record repeats row {first} (the same name and date of birth); remove one of them, "
                            "or give each their IIN.", first=first_row[found]), "birth_date"))
                        continue
                    if found is not None:
                        changes.append(Change("unchanged", rec.iin or name, name))
                        continue
                    person = batch.add_person(check_person(PersonInput(
                        rec.last_name, rec.first_name, rec.middle_name, iin=rec.iin,
                        iin_missing_reason=None if rec.iin else missing, birth_date=None if rec.iin else rec.birth_date,
                        sex=rec.sex, address=rec.address, phone=rec.phone), checked=result.iins.get(rec.iin or ""),
                        today=batch.today))
                    first_row[person] = n
                    day = rec.admission_date or default_admission
                    if day is not None and rec.status in (None, ResidentStatus.PRESENT,
                                                          ResidentStatus.TEMPORARILY_ABSENT):
                        batch.move(person, MovementKind.ADMISSION, day,  # the register has no ground
                                   rec.admission_order or "register", ground_unrecorded=GroundUnrecorded.REGISTER_IMPORT)
                        if rec.status is ResidentStatus.TEMPORARILY_ABSENT:  # a departure needs its order
                            away.append(M("Row {row}: {name}", row=n, name=name))
                    elif rec.status is not ResidentStatus.IN_QUEUE:
                        waiting.append(M("Row {row}: {name}", row=n, name=name))
                except DomainError as exc:
                    message = exc.message
                    if exc.field == "capacity":  # R-03's "register the person in the queue" is no advice for people
                        message = M("The register holds more residents than the organisation's places ({capacity}): "
                                    "no place is left for this person. Check the capacity on the \"Organisation\" "
                                    "page, then import the register again.", capacity=batch.capacity)  # who live here
                    problems.append(Problem(n, _column(exc.field), rec.iin or name, message, exc.field))
                    continue
                changes.append(Change("create", rec.iin or name, name))
                if not problems and batch.full(to_come=len(records) - 1 - index):
                    batch.write("resident.import", "resident.import")
            if problems:
                raise ImportRefused(M("{n} row(s) cannot be imported; nothing was imported.", n=len(problems)),
                                    problems)
            batch.write("resident.import", "resident.import")
            notices.extend(_listed(left, M("Not imported, as the register says they have left (discharged or "
                                           "transferred): {n}. The register brings in the people who live here; a "
                                           "stay that has ended is entered in the journal by hand.", n=len(left))))
            notices.extend(_listed(away, M("Admitted as present, though the register marks them temporarily away: "
                                           "{n}. Record each one's departure in the journal, with its date and "
                                           "order.", n=len(away))))
            notices.extend(_listed(waiting, M("Not admitted, as the register gives no date of admission: {n}. They "
                                              "are kept as people waiting; admit each in the journal, with the date "
                                              "and order of their admission.", n=len(waiting))))
            return changes

        return self._apply(actor, dry_run, work, places=True, notices=notices)

    # --- the journal: export since the last export, import (round trip) --------------------------
    def journal_records(self, since: dt.date | None = None) -> tuple[list[JournalEventRecord], list[int]]:
        """One record per movement not exported yet (or, with ``since``, every movement from that date),
        each carrying its stay's admission: the Annex 2 columns plus the return and IIN columns."""
        mt, rt = Movement.__table__, Resident.__table__  # plain rows: ten thousand ORM objects cost a second
        with self.reading() as s:
            q = select(mt).order_by(mt.c.event_date, mt.c.resident_id, mt.c.seq)
            q = q.where(mt.c.event_date >= since) if since else q.where(mt.c.exported_at.is_(None))
            moves = s.execute(q).all()
            people = {r.id: r for r in _in_chunks(s, select(rt), rt.c.id, {m.resident_id for m in moves})}
            admissions: dict[int, list] = {rid: [] for rid in people}
            for a in sorted(_in_chunks(s, select(mt).where(mt.c.kind == MovementKind.ADMISSION), mt.c.resident_id,
                                       people), key=lambda m: (m.resident_id, m.seq)):
                admissions[a.resident_id].append(a)
            records = [self._event_record(m, people[m.resident_id], admissions[m.resident_id]) for m in moves]
            return records, [m.id for m in moves]

    @staticmethod
    def _event_record(m, p, admissions: list) -> JournalEventRecord:
        """``m``, ``p`` and ``admissions``: rows of the movement and resident tables."""
        adm = next((a for a in reversed(admissions) if a.seq <= m.seq), None)
        status = STATUS_AFTER[m.kind]
        values = dict(status=status, last_name=p.last_name, first_name=p.first_name, middle_name=p.middle_name,
                      birth_date=p.birth_date, sex=p.sex, address=p.address, phone=p.phone, ipr_until=p.ipr_until,
                      admission_date=adm.event_date if adm else None, admission_order=adm.order_number if adm else None,
                      returned=bool(adm and adm.returned), iin=p.iin)
        if m.kind == MovementKind.TEMPORARY_DEPARTURE:  # its reason goes in column 12
            values.update(temp_departure_date=m.event_date, temp_departure_order=m.order_number,
                          discharge_reason=m.reason_text)
        elif m.kind == MovementKind.RETURN:
            values.update(return_date=m.event_date, return_order=m.order_number)
        elif m.kind == MovementKind.DISCHARGE:
            reason = m.reason_text or (m.discharge_reason.text() if m.discharge_reason else None)
            values.update(discharge_date=m.event_date, discharge_order=m.order_number, discharge_reason=reason,
                          destination=m.destination)  # column 14: where the person went, as for a transfer
        elif m.kind == MovementKind.TRANSFER:
            values.update(transfer_date=m.event_date, transfer_order=m.order_number, destination=m.destination)
        return JournalEventRecord(**values)

    def export_people(self, since: dt.date | None = None) -> int:
        """How many people the export would write (issue 10 point 10: asked and recorded before writing)."""
        mt = Movement.__table__
        q = select(func.count(distinct(mt.c.resident_id)))
        q = q.where(mt.c.event_date >= since) if since else q.where(mt.c.exported_at.is_(None))
        with self.reading() as s:
            return s.scalar(q) or 0

    def export_journal(self, actor: Actor, target, lang: str, since: dt.date | None = None) -> ExportSummary:
        """Write the journal events since the last export (or since a date: a re-export) to ``target``
        (.xlsx, .csv or .json) and mark them exported — the file is written whole or not at all."""
        self.permit(actor, UseCase.PORTAL_EXPORT)
        from pathlib import Path

        from app.portal.adapter import FileAdapter

        records, ids = self.journal_records(since)
        if not records:  # an empty file would replace the last export's, whose rows are marked exported
            if since is not None:
                raise NothingToExport(M("No journal entry from {date} on: nothing to export, and no file was written. "
                                        "Choose an earlier date.", date=since), "since")
            with self.reading() as s:
                if s.scalar(select(Movement.id).limit(1)) is None:
                    raise NothingToExport(M("The journal has no entry yet: nothing to export, and no file was "
                                            "written."), "since")
            raise NothingToExport(M("Nothing to export: every journal entry was exported before, and no file was "
                                    "written. To write them again, export the movements from a date."), "since")
        people = self.export_people(since)
        with self.reading() as s:
            org = self.organisation(s)
            titles = (org.name_kk if lang == "kk" else org.name_ru,)
            decision = decided_by_decision(org.org_type)  # a home-care organisation's decisions
        path = FileAdapter(lang, titles=titles, decision=decision).export_journal(records, target)
        with self.unit(actor) as s:
            stamp = now()
            for i in range(0, len(ids), 900):
                s.execute(update(Movement).where(Movement.id.in_(ids[i:i + 900])).values(exported_at=stamp))
            # a read of personal data: who, what (the file) and how many people (issue 10 points 7 and 10)
            self.audit(s, actor, "export.journal", entity="movement",
                       after={"path": str(Path(path)), "rows": len(records), "people": people,
                              "since": since.isoformat() if since else None, "lang": lang})
        return ExportSummary(Path(path), len(records))

    def import_journal(self, actor: Actor, result: ParseResult, dry_run: bool = False) -> ImportSummary:
        """Rebuild people and their movements from journal rows (an export of this program or the
        portal's); an event already recorded (same kind, date and order) is left as it is."""
        self.permit(actor, UseCase.PORTAL_IMPORT)
        _refuse_if_problems(result)
        people: dict[tuple, list[JournalEventRecord]] = {}
        first_row: dict[tuple, int] = {}  # the person's first row in the file, for the problems
        with no_cyclic_gc():  # 100,000 lists of records: see _apply
            for index, rec in enumerate(result.records):
                assert isinstance(rec, JournalEventRecord)
                key = ("iin", rec.iin) if rec.iin else ("name", identity_key(rec.last_name, rec.first_name,
                                                                             rec.middle_name), rec.birth_date)
                recs = people.get(key)
                if recs is None:
                    people[key], first_row[key] = [rec], result.row_of(index)
                else:
                    recs.append(rec)

        def work(s: Session) -> list[Change]:
            batch = Batch(s, actor, dry_run=dry_run)
            batch.load({key[1] for key in people if key[0] == "iin"}, {recs[0].birth_date for recs in people.values()})
            with batch.writing():
                return apply(batch)

        def apply(batch: Batch) -> list[Change]:
            missing = M("no IIN in the portal file").render()
            changes, problems = [], []
            for index, (key, recs) in enumerate(people.items()):
                n, rec = first_row[key], recs[0]
                name = _full(rec.last_name, rec.first_name, rec.middle_name)
                try:
                    found = batch.find(rec.iin, rec.last_name, rec.first_name, rec.middle_name, rec.birth_date)
                    created = found is None
                    person = found if found is not None else batch.add_person(check_person(PersonInput(
                        rec.last_name, rec.first_name, rec.middle_name, iin=rec.iin,
                        iin_missing_reason=None if rec.iin else missing,
                        birth_date=None if rec.iin else rec.birth_date, sex=rec.sex, address=rec.address,
                        phone=rec.phone, ipr_until=rec.ipr_until), checked=result.iins.get(rec.iin or ""),
                        today=batch.today), name)
                    made = 0
                    for day, _rank, kind, order_no, extra in _journal_events(recs):
                        if (kind, day, order_no or NO_ORDER) in person.have:  # recorded before: left as it is
                            continue
                        batch.move(person, kind, day, order_no or NO_ORDER, **extra)
                        made += 1
                except DomainError as exc:
                    problems.append(Problem(n, _column(exc.field), rec.iin or name, exc.message, exc.field))
                    continue
                changes.append(Change("create" if created else "update" if made else "unchanged", rec.iin or name, name))
                if not problems and batch.full(to_come=len(people) - 1 - index):
                    batch.write("resident.import", "journal.import")
            if problems:
                raise ImportRefused(M("{n} person(s) in the journal cannot be imported; nothing was imported.",
                                      n=len(problems)), problems)
            batch.write("resident.import", "journal.import")
            return changes

        return self._apply(actor, dry_run, work, places=True)

    # --- reconciliation with the portal's roster (R-30) ------------------------------------------
    def reconcile(self, result: ParseResult, actor: Actor | None = None, source: str | None = None) -> Reconciliation:
        """Residents present in both, only here, only on the portal, and those whose fields differ. With
        ``actor``: the result and its date are kept (the checklist's item 3 judges the last one)."""
        if actor is not None:
            self.permit(actor, UseCase.RECONCILIATION_SAVE)
        _refuse_if_problems(result, compared=True)
        portal = {rec.iin: rec for rec in result.records if isinstance(rec, RosterRecord)}
        with self.reading() as s:
            holding = list(s.scalars(select(Resident).where(Resident.status.in_(HOLDS_PLACE))))
            # matched by IIN: a person without one is in our roster only (all of them, not one for the key None)
            here = {r.iin: r for r in holding if r.iin}
            admitted = dict(s.execute(select(Movement.resident_id, Movement.event_date)
                                      .where(Movement.kind == MovementKind.ADMISSION)
                                      .order_by(Movement.resident_id, Movement.seq)).all())
            both: list[ReconRow] = []
            differ: list[ReconRow] = []

            def differences(r: Resident, rec: RosterRecord) -> list[FieldDiff]:
                return [FieldDiff(label, ours, theirs) for label, ours, theirs in (
                        ("last_name", r.last_name, rec.last_name), ("first_name", r.first_name, rec.first_name),
                        ("middle_name", r.middle_name or "", rec.middle_name or ""),
                        ("birth_date", r.birth_date, rec.birth_date), ("status", r.status, rec.status),
                        ("admission_date", admitted.get(r.id), rec.admission_date)) if _norm(ours) != _norm(theirs)]

            for iin, rec in sorted(portal.items()):
                r = here.get(iin)
                if r is None:
                    continue
                diffs = differences(r, rec)
                item = ReconRow(iin, r.full_name, _full(rec.last_name, rec.first_name, rec.middle_name),
                                tuple(diffs), r.id)
                (differ if diffs else both).append(item)
            # a resident without an IIN here and a person of the portal whose IIN no one here has (whether or not they
            # hold a place: an IIN another resident has cannot be given to this one), of the same name and date of
            # birth, one of each: the same person, whose IIN is missing here (one finding, not one on each side)
            unknown = _by_identity((r.last_name, r.first_name, r.middle_name, r.birth_date, r)
                                   for r in holding if not r.iin)
            strangers = {iin for iin in portal if iin not in here} if unknown else set()
            known = set(_in_chunks(s, select(Resident.iin), Resident.iin, strangers))  # by anyone not holding a place
            theirs = _by_identity((rec.last_name, rec.first_name, rec.middle_name, rec.birth_date, rec)
                                  for iin, rec in portal.items() if iin in strangers and iin not in known)
            named: set[int] = set()
            for key, group in unknown.items():
                other = theirs.get(key, [])
                if len(group) == 1 and len(other) == 1:
                    (r,), (rec,) = group, other
                    named.add(r.id)
                    differ.append(ReconRow(rec.iin, r.full_name, _full(rec.last_name, rec.first_name, rec.middle_name),
                                           (FieldDiff("iin", "", rec.iin), *differences(r, rec)), r.id))
            found_iins = {row.iin for row in differ}
            only_here = [ReconRow(r.iin or "", r.full_name, "", (), r.id) for r in sorted(
                holding, key=lambda r: (r.name_key, r.id)) if (not r.iin or r.iin not in portal) and r.id not in named]
            only_portal = [ReconRow(iin, "", _full(rec.last_name, rec.first_name, rec.middle_name), ())
                           for iin, rec in sorted(portal.items()) if iin not in here and iin not in found_iins]
        # each list in Kazakh alphabetical order of the name it shows (ours; the portal's for its own people), as the
        # screen's tables open and the printed sheet lists them: they came in the order of the IINs
        def by_name(rows: list[ReconRow], portal_name: bool = False) -> tuple[ReconRow, ...]:
            return tuple(sorted(rows, key=lambda r: (name_key(r.name_portal if portal_name else r.name_here), r.iin)))

        found = Reconciliation(by_name(both), by_name(differ), tuple(only_here), by_name(only_portal, True))
        if actor is not None:
            from app.services.checklist import record_reconciliation

            with self.unit(actor) as s:
                record_reconciliation(s, actor, found, source)
        return found


#: the people a notice names, one a line (the rest counted)
LISTED = 10


def _listed(rows: list[Message], head: Message) -> list[Message]:
    """``head`` and the rows it counts, up to :data:`LISTED` of them, each on a line; nothing when there are none."""
    if not rows:
        return []
    more = [M("…and {n} more.", n=len(rows) - LISTED)] if len(rows) > LISTED else []
    return [head, *rows[:LISTED], *more]


_T = TypeVar("_T")


def _by_identity(people: Iterable[tuple[str | None, str | None, str | None, dt.date | None, _T]]
                 ) -> dict[tuple, list[_T]]:
    """People (last, first and middle names, date of birth, the person) grouped by who they are without an IIN: the
    name as an import matches it (``identity_key``) and the date of birth."""
    groups: dict[tuple, list[_T]] = {}
    for last, first, middle, born, person in people:
        if born is not None:
            groups.setdefault((identity_key(last, first, middle), born), []).append(person)
    return groups


_RANK = {MovementKind.ADMISSION: 0, MovementKind.TEMPORARY_DEPARTURE: 1, MovementKind.RETURN: 2,
         MovementKind.DISCHARGE: 3, MovementKind.TRANSFER: 3}


def _journal_events(recs: Sequence[JournalEventRecord]) -> list[tuple]:
    """The distinct movements in a person's journal rows, in the order they happened:
    (date, rank, kind, order number, the movement's other columns)."""
    found: dict[tuple, tuple] = {}
    for r in recs:
        if r.admission_date is not None:  # the file carries no ground
            found.setdefault((MovementKind.ADMISSION, r.admission_date, r.admission_order),
                             (r.admission_date, 0, MovementKind.ADMISSION, r.admission_order, _UNRECORDED))
        if r.temp_departure_date is not None:  # its reason is column 12
            found.setdefault((MovementKind.TEMPORARY_DEPARTURE, r.temp_departure_date, r.temp_departure_order),
                             (r.temp_departure_date, 1, MovementKind.TEMPORARY_DEPARTURE, r.temp_departure_order,
                              {"reason_text": r.discharge_reason if r.discharge_date is None else None}))
        if r.return_date is not None:
            found.setdefault((MovementKind.RETURN, r.return_date, r.return_order),
                             (r.return_date, 2, MovementKind.RETURN, r.return_order, {}))
        if r.discharge_date is not None:
            reason = _reason(r.discharge_reason)
            found.setdefault((MovementKind.DISCHARGE, r.discharge_date, r.discharge_order), (
                r.discharge_date, 3, MovementKind.DISCHARGE, r.discharge_order,
                {"discharge_reason": reason, "reason_text": r.discharge_reason if reason == DischargeReason.OTHER
                 else None, "destination": r.destination if r.transfer_date is None else None}))
        if r.transfer_date is not None:
            found.setdefault((MovementKind.TRANSFER, r.transfer_date, r.transfer_order),
                             (r.transfer_date, 3, MovementKind.TRANSFER, r.transfer_order,
                              {"destination": r.destination}))
    return sorted(found.values(), key=lambda e: (e[0], e[1])) if len(found) > 1 else list(found.values())


_UNRECORDED = {"ground_unrecorded": GroundUnrecorded.JOURNAL_IMPORT}


#: fields a refusal of the rules may name that are not a column of any file: the organisation's (R-03's vacancy
#: names the capacity, R-36's the unit), and an event's kind, which a journal row gives by the column its date is in
#: (its label is the plan's "Kind of service"): such a problem names no column
_ORGANISATION_FIELDS = frozenset({"capacity", "unit", "org_type", "kind"})


def _column(field: str | None) -> str | None:
    """Where a refusal of the rules points in the file: the field's label in the user's language (the service
    knows the field, not the file's column title), never its code ("capacity", "reason"); none for a field of the
    organisation (the file has no "Capacity" column)."""
    return field_label(field).render() if field is not None and field in FIELD_LABELS \
        and field not in _ORGANISATION_FIELDS else None


def _reason(text: str | None) -> DischargeReason:
    """The closed reason whose label (kk or ru) the text is; else "other" with the text kept."""
    folded = _norm(text)
    return _reason_labels().get(folded, DischargeReason.OTHER) if folded else DischargeReason.OTHER


@cache
def _reason_labels() -> dict[str, DischargeReason]:
    labels: dict[str, DischargeReason] = {}
    for reason in DischargeReason:
        for lang in ("kk", "ru"):
            labels.setdefault(_norm(reason.text(lang)), reason)
    return labels


def _new_person_row(rec: QueueApplicationRecord, stamp: dt.datetime, missing: str) -> dict[str, Any]:
    """The row of a person a queue file creates (bulk: no ORM validator; an empty column is left out: NULL)."""
    values = dict(
        last_name=rec.last_name, first_name=rec.first_name, middle_name=rec.middle_name, iin=rec.iin,
        iin_missing_reason=None if rec.iin else missing,
        birth_date=rec.birth_date, sex=rec.sex, address=rec.address, phone=rec.phone,
        ipr_until=rec.ipr_until, status=ResidentStatus.IN_QUEUE, created_at=stamp, version=1,
        search_key=make_search_key(rec.last_name, rec.first_name, rec.middle_name, rec.iin),
        name_key=name_key(rec.last_name, rec.first_name, rec.middle_name))
    return {k: v for k, v in values.items() if v is not None}


def _application_row(rec: QueueApplicationRecord, resident_id: int, journal_no: int) -> dict[str, Any]:
    """The row of an application a queue file creates, its person's and its journal entry's numbers given."""
    return dict(portal_number=rec.portal_number, source=QueueSource.PORTAL, received_at=rec.received_at,
                ipr_until=rec.ipr_until,
                priority=QueuePriority.ORDINARY,  # out of turn only with its ground checked
                portal_out_of_turn=bool(rec.out_of_turn),  # what the file says: shown with the place
                outcome=QueueOutcome.WAITING, version=1, resident_id=resident_id, journal_no=journal_no)


@dataclass(frozen=True, slots=True)
class _NewPerson:
    """A person a file creates, before the database gives them an id."""

    index: int

    @property
    def id(self) -> tuple:
        return ("new", self.index)


@dataclass(frozen=True)
class ExportSummary:
    path: object
    rows: int


def _norm(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "value"):
        value = value.value
    return fold(str(value)).strip()  # a name stored with an invisible character is not "different"


@dataclass(frozen=True)
class FieldDiff:
    field: str
    here: object
    portal: object


def shown_value(value: object) -> str:
    """A value the reconciliation compared as the user reads it, in the interface language: a date as the language
    writes it, a status in words, nothing as «—» (the dialog, its printed sheet and ``qamqor portal reconcile``)."""
    if isinstance(value, LabelledEnum):
        return value.text()
    if isinstance(value, dt.date):
        return fdate(value)
    return "—" if value in (None, "") else str(value)


@dataclass(frozen=True)
class ReconRow:
    iin: str
    name_here: str
    name_portal: str
    differences: tuple[FieldDiff, ...] = ()
    #: the resident here (None for a person only the portal has): the checklist's finding opens them
    resident_id: int | None = None


@dataclass(frozen=True)
class Reconciliation:
    """R-30: the actual roster must match the portal's."""

    both: tuple[ReconRow, ...]
    differ: tuple[ReconRow, ...]
    only_here: tuple[ReconRow, ...]
    only_portal: tuple[ReconRow, ...]

    @property
    def matches(self) -> bool:
        return not (self.differ or self.only_here or self.only_portal)

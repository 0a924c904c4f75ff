"""The journal and register imports as they were before the bulk path (app/services/exchange.py at
commit 231512c): one person at a time through the ORM, each event through ``record_movement`` and
``ensure_case_file``, an audit entry for every row written. Kept here, unchanged but for its imports,
as the reference the bulk import is compared with (tests/services/test_exchange_bulk.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Movement, Resident
from app.domain.admission import GroundUnrecorded
from app.domain.enums import DischargeReason, MovementKind, ResidentStatus
from app.domain.errors import DomainError
from app.i18n import M
from app.portal.errors import ImportRefused
from app.portal.records import JournalEventRecord, ParseResult, Problem, RegisterRecord
from app.services.base import Actor
from app.services.exchange import NO_ORDER, Change, ExchangeService, ImportSummary, _full, _norm, _refuse_if_problems
from app.services.import_batch import ambiguous, identity_key, known_without_iin
from app.services.movements import OrderRef, ensure_case_file, record_movement
from app.services.residents import PersonInput, new_person


def find_unidentified(s: Session, last: str, first: str, middle: str | None,
                      birth: dt.date | None) -> Resident | None:
    """The one person without an IIN with this name and date of birth, or None; several: refused."""
    if birth is None:
        return None
    key = identity_key(last, first, middle)
    found = [p for p in s.scalars(select(Resident).where(Resident.iin.is_(None), Resident.birth_date == birth))
             if identity_key(p.last_name, p.first_name, p.middle_name) == key]
    if len(found) > 1:
        raise ambiguous(_full(last, first, middle), birth)
    return found[0] if found else None


class RowwiseExchange(ExchangeService):
    def import_register(self, actor: Actor, result: ParseResult, dry_run: bool = False,
                        default_admission: dt.date | None = None) -> ImportSummary:
        _refuse_if_problems(result)

        def work(s: Session) -> list[Change]:
            changes, problems = [], []
            made: dict[int, int] = {}  # the people this register added: id → row
            for index, rec in enumerate(result.records):
                n = result.row_of(index)
                assert isinstance(rec, RegisterRecord)
                name = _full(rec.last_name, rec.first_name, rec.middle_name)
                if rec.status in (ResidentStatus.DISCHARGED, ResidentStatus.TRANSFERRED):
                    continue  # left: not imported (said in a notice)
                try:
                    twin = find_unidentified(s, rec.last_name, rec.first_name, rec.middle_name, rec.birth_date)
                    if rec.iin:
                        known = s.scalar(select(Resident.id).where(Resident.iin == rec.iin)) is not None
                        if not known and twin is not None:
                            raise known_without_iin(name, rec.birth_date, rec.iin, in_file=twin.id in made)
                    elif twin is not None and twin.id in made:
                        problems.append(Problem(n, "birth_date", name, M(
                            "This record repeats row {first} (the same name and date of birth); remove one of them, "
                            "or give each their IIN.", first=made[twin.id]), "birth_date"))
                        continue
                    else:
                        known = twin is not None
                    if known:
                        changes.append(Change("unchanged", rec.iin or name, name))
                        continue
                    person = new_person(s, PersonInput(rec.last_name, rec.first_name, rec.middle_name, iin=rec.iin,
                                                       iin_missing_reason=None if rec.iin else M("no IIN in the register").render(),
                                                       birth_date=None if rec.iin else rec.birth_date, sex=rec.sex,
                                                       address=rec.address, phone=rec.phone),
                                        ResidentStatus.IN_QUEUE)
                    self.audit(s, actor, "resident.import", person)
                    made[person.id] = n
                    day = rec.admission_date or default_admission
                    if day is not None and rec.status in (None, ResidentStatus.PRESENT,
                                                          ResidentStatus.TEMPORARILY_ABSENT):
                        record_movement(s, actor, person, MovementKind.ADMISSION, day,  # the register
                                        OrderRef(rec.admission_order or "register", day),  # has no ground
                                        ground_unrecorded=GroundUnrecorded.REGISTER_IMPORT)
                        ensure_case_file(s, actor, person, day)
                except DomainError as exc:
                    problems.append(Problem(n, exc.field, rec.iin or name, exc.message, exc.field))
                    continue
                changes.append(Change("create", rec.iin or name, name))
            if problems:
                raise ImportRefused(M("{n} row(s) cannot be imported; nothing was imported.", n=len(problems)),
                                    problems)
            return changes

        return self._apply(actor, dry_run, work, places=True)

    def import_journal(self, actor: Actor, result: ParseResult, dry_run: bool = False) -> ImportSummary:
        _refuse_if_problems(result)
        people: dict[tuple, list[JournalEventRecord]] = {}
        first_row: dict[tuple, int] = {}
        for index, rec in enumerate(result.records):
            assert isinstance(rec, JournalEventRecord)
            key = ("iin", rec.iin) if rec.iin else ("name", identity_key(rec.last_name, rec.first_name, rec.middle_name),
                                                    rec.birth_date)
            people.setdefault(key, []).append(rec)
            first_row.setdefault(key, result.row_of(index))

        def work(s: Session) -> list[Change]:
            changes, problems = [], []
            added: set[int] = set()  # the people this journal added
            for key, recs in people.items():
                n, first = first_row[key], recs[0]
                name = _full(first.last_name, first.first_name, first.middle_name)
                try:
                    made, created = self._import_person(s, actor, first, _journal_events(recs), added)
                except DomainError as exc:
                    problems.append(Problem(n, exc.field, first.iin or name, exc.message, exc.field))
                    continue
                changes.append(Change("create" if created else "update" if made else "unchanged", first.iin or name,
                                      name))
            if problems:
                raise ImportRefused(M("{n} person(s) in the journal cannot be imported; nothing was imported.",
                                      n=len(problems)), problems)
            return changes

        return self._apply(actor, dry_run, work, places=True)

    def _import_person(self, s: Session, actor: Actor, rec: JournalEventRecord, events: list[tuple],
                       added: set[int]) -> tuple[int, bool]:
        twin = find_unidentified(s, rec.last_name, rec.first_name, rec.middle_name, rec.birth_date)
        person = s.scalar(select(Resident).where(Resident.iin == rec.iin)) if rec.iin else twin
        if rec.iin and person is None and twin is not None:  # the person stored without an IIN, named with one
            assert rec.birth_date is not None  # find_unidentified found someone born on it
            raise known_without_iin(_full(rec.last_name, rec.first_name, rec.middle_name), rec.birth_date, rec.iin,
                                    in_file=twin.id in added)
        created = person is None
        if person is None:
            person = new_person(s, PersonInput(rec.last_name, rec.first_name, rec.middle_name, iin=rec.iin,
                                               iin_missing_reason=None if rec.iin else
                                               M("no IIN in the portal file").render(),
                                               birth_date=None if rec.iin else rec.birth_date, sex=rec.sex,
                                               address=rec.address, phone=rec.phone, ipr_until=rec.ipr_until),
                                ResidentStatus.IN_QUEUE)
            self.audit(s, actor, "resident.import", person)
            added.add(person.id)
        have = {(m.kind, m.event_date, m.order_number) for m in
                s.scalars(select(Movement).where(Movement.resident_id == person.id))}
        made = 0
        for day, _rank, kind, order_no, extra in events:
            if (kind, day, order_no or NO_ORDER) in have:
                continue
            record_movement(s, actor, person, kind, day, OrderRef(order_no or NO_ORDER, day), **extra)
            if kind == MovementKind.ADMISSION:
                ensure_case_file(s, actor, person, day)
            made += 1
        return made, created


_RANK = {MovementKind.ADMISSION: 0, MovementKind.TEMPORARY_DEPARTURE: 1, MovementKind.RETURN: 2,
         MovementKind.DISCHARGE: 3, MovementKind.TRANSFER: 3}


def _journal_events(recs: Sequence[JournalEventRecord]) -> list[tuple]:
    found: dict[tuple, tuple] = {}

    def add(kind: MovementKind, day: dt.date | None, order_no: str | None, **extra) -> None:
        if day is not None:
            found.setdefault((kind, day, order_no), (day, _RANK[kind], kind, order_no, extra))

    for r in recs:
        reason = _reason(r.discharge_reason)
        add(MovementKind.ADMISSION, r.admission_date, r.admission_order,
            ground_unrecorded=GroundUnrecorded.JOURNAL_IMPORT)
        add(MovementKind.TEMPORARY_DEPARTURE, r.temp_departure_date, r.temp_departure_order,
            reason_text=r.discharge_reason if r.discharge_date is None else None)
        add(MovementKind.RETURN, r.return_date, r.return_order)
        add(MovementKind.DISCHARGE, r.discharge_date, r.discharge_order, discharge_reason=reason,
            reason_text=r.discharge_reason if reason == DischargeReason.OTHER else None,
            destination=r.destination if r.transfer_date is None else None)
        add(MovementKind.TRANSFER, r.transfer_date, r.transfer_order, destination=r.destination)
    return sorted(found.values(), key=lambda e: (e[0], e[1]))


def _reason(text: str | None) -> DischargeReason:
    folded = _norm(text)
    for reason in DischargeReason:
        if folded and folded in (_norm(reason.text("kk")), _norm(reason.text("ru"))):
            return reason
    return DischargeReason.OTHER

"""The audit log read back (issue 10 point 7): filtered, sorted and paged in SQL, with the people's
names resolved; the reads of personal data recorded (a card opened, a form printed, a file exported);
the log exported to XLSX (that export itself recorded). Only the director and the administrator read it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, literal_column, or_, select
from sqlalchemy.orm import Session

from app import i18n
from app.audit_diff import action_label, differences, summary
from app.db.models import AuditEntry, Resident
from app.domain.permissions import UseCase, forbidden, may, who_may
from app.i18n import N_, fdatetime
from app.services.base import SYSTEM, Actor, ServiceBase

#: the roles that may read the audit log (the same as those who manage accounts and settings)
READERS = who_may(UseCase.AUDIT_READ)
SORTS = {"at": AuditEntry.at, "username": AuditEntry.username, "action": AuditEntry.action}
EXPORT_COLUMNS = (N_("Time"), N_("User"), N_("Action"), N_("Person"), N_("Record"), N_("Changes"))
#: who the audit log names for what the program did on its own (``SYSTEM``: an upgrade's changes, the first setup)
SYSTEM_USER = N_("the program (system)")
EXPORT_LIMIT = 100_000  # rows in one XLSX export (a sheet holds about a million; the file stays openable)


@dataclass(frozen=True)
class AuditFilter:
    """Empty fields do not filter. ``action``: a code (``resident.update``) or its first part
    (``export`` matches ``export.journal``); ``start``/``end``: days, both included."""

    username: str | None = None
    resident_id: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    action: str | None = None
    #: an action code left out (the card's History leaves out its own openings, "resident.read", unless asked)
    without: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in
                (("username", self.username), ("resident_id", self.resident_id), ("start", self.start),
                 ("end", self.end), ("action", self.action), ("without", self.without)) if v not in (None, "")}


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    username: str
    action: str
    entity: str
    entity_id: int | None
    resident_id: int | None
    resident_name: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def action_text(self, lang: str | None = None) -> str:
        return action_label(self.action, lang)

    def user_text(self, lang: str | None = None) -> str:
        """Who: the user name, or the program itself for what it did on its own (an upgrade's changes)."""
        return i18n._(SYSTEM_USER, lang) if self.username == SYSTEM.username else self.username

    def changes(self, lang: str | None = None):
        return differences(self.before, self.after, lang, self.entity)

    def summary(self, lang: str | None = None) -> str:
        return summary(self.before, self.after, lang, self.entity)


@dataclass(frozen=True)
class AuditPage:
    rows: tuple[AuditRow, ...]
    total: int
    offset: int = 0
    filters: AuditFilter = field(default_factory=AuditFilter)
    upto: int | None = None  # the newest entry id the pages stop at (entries added meanwhile do not shift them)


def _resident_of(entity: str, entity_id: int | None, before: dict | None, after: dict | None) -> int | None:
    if entity == "resident":
        return entity_id
    for snap in (after, before):
        if isinstance(snap, dict) and isinstance(snap.get("resident_id"), int):
            return snap["resident_id"]
    return None


def resident_key(snapshot: str, dialect: str):
    """The ``resident_id`` inside a snapshot (``before`` or ``after``) as an integer, written exactly as
    the expression indexes of migration 0010 are, so that a person's entries are found through them
    (a bound JSON path would not match the index)."""
    if dialect == "postgresql":
        return literal_column(f"CAST((audit_log.{snapshot} ->> 'resident_id') AS INTEGER)")
    return literal_column(f"CAST(json_extract(audit_log.\"{snapshot}\", '$.resident_id') AS INTEGER)")


def _where(f: AuditFilter, dialect: str = "sqlite") -> list:
    cond = []
    if f.username:
        cond.append(AuditEntry.username == f.username)
    if f.start:
        cond.append(AuditEntry.at >= dt.datetime.combine(f.start, dt.time()))
    if f.end:
        cond.append(AuditEntry.at < dt.datetime.combine(f.end + dt.timedelta(days=1), dt.time()))
    if f.action:
        code = f.action.rstrip(".")
        cond.append(or_(AuditEntry.action == code, AuditEntry.action.like(code.replace("%", "") + ".%")))
    if f.without:
        cond.append(AuditEntry.action != f.without)
    if f.resident_id is not None:
        rid = f.resident_id
        other = AuditEntry.entity != "resident"  # an entry about another record: the indexes of 0021 hold only those
        cond.append(or_(and_(AuditEntry.entity == "resident", AuditEntry.entity_id == rid),
                        and_(other, resident_key("after", dialect) == rid),
                        and_(other, resident_key("before", dialect) == rid)))
    return cond


class AuditService(ServiceBase):
    # --- who may read ------------------------------------------------------------------------
    @staticmethod
    def require_reader(actor: Actor) -> None:
        if not may(actor.role, UseCase.AUDIT_READ):  # the director, the administrator and the auditor
            raise forbidden(UseCase.AUDIT_READ)

    def _reader_session(self, actor: Actor):
        self.require_reader(actor)
        return self.reading()

    # --- recording reads of personal data ---------------------------------------------------------
    @staticmethod
    def record_read(session: Session, actor: Actor, action: str, *, resident_ids: Iterable[int] = (),
                    count: int | None = None, **what: Any) -> None:
        """One entry for one read: who (the actor), what (``action`` and ``what``), how many people.
        A read of one person is filed under that person (it shows on their History tab)."""
        ids = sorted(set(resident_ids))
        after: dict[str, Any] = {**{k: v for k, v in what.items() if v is not None},
                                 "count": count if count is not None else len(ids)}
        if len(ids) > 1:
            after["people"] = ids
        ServiceBase.audit(session, actor, action, entity="resident" if len(ids) == 1 else "",
                          entity_id=ids[0] if len(ids) == 1 else None, after=after)

    def read(self, actor: Actor, action: str, *, resident_ids: Iterable[int] = (), count: int | None = None,
             **what: Any) -> None:
        """``record_read`` in a transaction of its own (the account re-checked)."""
        with self.unit(actor) as s:
            self.record_read(s, actor, action, resident_ids=resident_ids, count=count, **what)

    # --- the log -----------------------------------------------------------------------------------
    def query(self, actor: Actor, filters: AuditFilter = AuditFilter(), *, sort: str = "at", descending: bool = True,
              offset: int = 0, limit: int | None = 200, upto: int | None = None) -> AuditPage:
        """One page of the log, newest first by default; ``total``: entries matching the filters.
        ``upto``: the ``upto`` of the first page, passed back for the next pages so that they continue
        the same list (an entry written meanwhile, such as this program's own export, does not shift it)."""
        with self._reader_session(actor) as s:
            self.check_account(s, actor)
            if upto is None:
                upto = s.scalar(select(func.max(AuditEntry.id))) or 0
            cond = [*_where(filters, s.get_bind().dialect.name), AuditEntry.id <= upto]
            total = s.scalar(select(func.count()).select_from(AuditEntry).where(*cond)) or 0
            key = SORTS.get(sort, AuditEntry.at)
            order = (key.desc(), AuditEntry.id.desc()) if descending else (key.asc(), AuditEntry.id.asc())
            q = select(AuditEntry).where(*cond).order_by(*order).offset(offset)
            if limit is not None:
                q = q.limit(limit)
            entries = list(s.scalars(q))
            return AuditPage(self._rows(s, entries), total, offset, filters, upto)

    @staticmethod
    def _rows(s: Session, entries: Sequence[AuditEntry]) -> tuple[AuditRow, ...]:
        owners = [_resident_of(e.entity, e.entity_id, e.before, e.after) for e in entries]
        wanted = {rid for rid in owners if rid is not None}
        names: dict[int | None, str] = {}  # looked up with each entry's resident, None for most entries
        ids = sorted(wanted)
        for i in range(0, len(ids), 900):
            for rid, last, first, middle in s.execute(select(Resident.id, Resident.last_name, Resident.first_name,
                                                             Resident.middle_name).where(Resident.id.in_(ids[i:i + 900]))):
                names[rid] = " ".join(p for p in (last, first, middle) if p)
        return tuple(AuditRow(e.id, e.at, e.username, e.action, e.entity, e.entity_id, rid, names.get(rid),
                              e.before, e.after) for e, rid in zip(entries, owners))

    def users(self, actor: Actor) -> list[str]:
        """The user names that appear in the log (for the filter)."""
        with self._reader_session(actor) as s:
            return list(s.scalars(select(AuditEntry.username).distinct().order_by(AuditEntry.username)))

    def actions(self, actor: Actor) -> list[str]:
        with self._reader_session(actor) as s:
            return list(s.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)))

    def find_resident(self, iin: str) -> int | None:
        with self.reading() as s:
            return s.scalar(select(Resident.id).where(Resident.iin == iin.strip()))

    # --- export -----------------------------------------------------------------------------------
    def export_xlsx(self, actor: Actor, filters: AuditFilter, target: str | Path, lang: str) -> tuple[Path, int]:
        """The entries matching ``filters`` (newest first) as one XLSX sheet, the differences in words;
        the export is recorded in the log itself ("export.audit", with the filters and the row count)."""
        from app.i18n import _
        from app.paths import write_private
        from app.portal.xlsx import write_xlsx

        page = self.query(actor, filters, limit=EXPORT_LIMIT)
        header = [_(h, lang) for h in EXPORT_COLUMNS]
        rows = []
        for r in page.rows:
            changes = "\n".join(f"{c.label}: {c.old or '—'} → {c.new or '—'}" for c in r.changes(lang))
            rows.append([fdatetime(r.at, lang), r.user_text(lang), r.action_text(lang), r.resident_name or "",
                         f"{r.entity} {r.entity_id}" if r.entity_id is not None else r.entity, changes])
        data = write_xlsx(header, rows, sheet=_("Audit log", lang), widths=(17, 18, 32, 32, 18, 90))
        path = Path(target)
        write_private(path, data)
        people = {r.resident_id for r in page.rows if r.resident_id is not None}
        self.read(actor, "export.audit", resident_ids=(), count=len(people), rows=len(rows), path=str(path),
                  filters=filters.as_dict() or None)
        return path, len(rows)


"""Personal case file and its documents inventory (R-10…R-13)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from app.db.models import CaseDocument, CaseFile, Movement, Resident
from app.domain import date_order as dord
from app.domain.documents import missing_documents
from app.domain.enums import DocumentKind, MovementKind, ResidentStatus
from app.domain.errors import DomainError
from app.domain.fields import field_label
from app.domain.permissions import MEDICAL_DOCUMENTS, UseCase, may
from app.i18n import M
from app.services.base import Actor, ServiceBase, required, snapshot, today
from app.services.movements import ensure_case_file


@dataclass(frozen=True)
class DocumentView:
    id: int
    kind: DocumentKind
    title: str
    sheets: int
    is_original: bool
    consent_on: dt.date | None
    received_on: dt.date


@dataclass(frozen=True)
class CaseFileView:
    id: int
    resident_id: int
    number: str
    place: str | None
    opened_on: dt.date
    documents: tuple[DocumentView, ...]
    version: int

    @property
    def sheets(self) -> int:
        """The documents' own sheets. The printed "numbered and bound" count (R-13) adds every page bound
        with them — cover, inventory, plan, monitoring journal as printed (reports.folder.counted)."""
        return sum(d.sheets for d in self.documents)


def case_file_view(cf: CaseFile) -> CaseFileView:
    docs = tuple(DocumentView(d.id, d.kind, d.title, d.sheets, d.is_original, d.consent_on, d.received_on)
                 for d in cf.documents)
    return CaseFileView(cf.id, cf.resident_id, cf.number, cf.place, cf.opened_on, docs, cf.version)


class CaseFileService(ServiceBase):
    def open(self, actor: Actor, resident_id: int, opened_on: dt.date) -> CaseFileView:
        """R-10: formed on admission, or continued if the person already has one; a person waiting in the queue,
        never admitted, has none yet."""
        self.permit(actor, UseCase.CASEFILE_OPEN)
        required(opened_on, "date")
        with self.unit(actor) as s:
            r = ServiceBase.get_row(s, Resident, resident_id, "resident")
            admitted = s.scalar(select(func.min(Movement.event_date)).where(
                Movement.resident_id == r.id, Movement.kind == MovementKind.ADMISSION))
            if admitted is None:
                raise DomainError(M("{name} has not been admitted; a case file is formed on admission.",
                                    name=r.full_name), "resident")
            dord.check_not_before(opened_on, admitted, "date", dord.OPENED_ON, dord.ADMITTED_ON)
            dord.check_not_future(opened_on, today(), "date", dord.OPENED_ON)
            return case_file_view(ensure_case_file(s, actor, r, opened_on))

    def get_for(self, resident_id: int) -> CaseFileView | None:
        with self.reading() as s:
            cf = s.scalar(select(CaseFile).where(CaseFile.resident_id == resident_id))
            return case_file_view(cf) if cf else None

    def for_residents(self, resident_ids: Sequence[int]) -> dict[int, CaseFileView]:
        """The case files of ``resident_ids`` (those who have one) with their documents, in one query — the case
        files list reads a page of them at once instead of one query per row."""
        if not resident_ids:
            return {}
        with self.reading() as s:
            files = s.scalars(select(CaseFile).where(CaseFile.resident_id.in_(list(resident_ids)))
                              .options(joinedload(CaseFile.documents))).unique()
            return {cf.resident_id: case_file_view(cf) for cf in files}

    def missing_documents(self, resident_id: int) -> MissingDocuments:
        """R-11: the resident's admission documents (by category) missing from the case file."""
        with self.reading() as s:
            return missing_for(s, ServiceBase.get_row(s, Resident, resident_id, "resident"))

    def missing_documents_all(self) -> list[MissingDocuments]:
        """R-11: every resident receiving services (or temporarily absent) with documents missing."""
        with self.reading() as s:
            people = s.scalars(select(Resident).where(Resident.status.in_(
                [ResidentStatus.PRESENT, ResidentStatus.TEMPORARILY_ABSENT]))
                .order_by(Resident.name_key, Resident.id))
            return [m for m in (missing_for(s, r) for r in people) if m.missing]

    def add_document(self, actor: Actor, case_file_id: int, kind: DocumentKind, title: str, received_on: dt.date,
                     sheets: int = 1, is_original: bool = False, consent_on: dt.date | None = None) -> CaseFileView:
        """R-11: a document filed in the case file; the medical staff file the medical ones (issue 10 point 5)."""
        self.permit(actor, UseCase.DOCUMENT_ADD_MEDICAL if kind in MEDICAL_DOCUMENTS and actor.user_id is not None
                    and not may(actor.role, UseCase.DOCUMENT_ADD) else UseCase.DOCUMENT_ADD)
        title = required(title, "document")
        required(received_on, "date")
        # a document is filed once it has come, with the consent already given: not on a day ahead
        dord.check_not_future(received_on, today(), "date", dord.DOCUMENT_RECEIVED_ON)
        dord.check_not_future(consent_on if is_original else None, today(), "consent_date", dord.CONSENT_ON)
        if not isinstance(sheets, int) or sheets < 1:
            raise DomainError(M("{field}: enter the number of sheets, 1 or more.", field=field_label("sheets")),
                              "sheets")
        if is_original and kind.original_kept_with_consent and consent_on is None:
            raise DomainError(M("{field}: the administration keeps this original only with the resident's written "
                                "consent (R-11); enter the date of the consent.", field=field_label("consent_date")),
                              "consent_date")
        with self.unit(actor) as s:
            cf = ServiceBase.get_row(s, CaseFile, case_file_id, "case_file")
            before = snapshot(cf)
            doc = CaseDocument(kind=kind, title=title, sheets=sheets, is_original=is_original,
                               consent_on=consent_on if is_original else None, received_on=received_on)
            cf.documents.append(doc)
            self.bump(cf)
            s.flush()
            self.audit(s, actor, "casefile.document", doc)
            self.audit(s, actor, "casefile.update", cf, before=before)
            return case_file_view(cf)


@dataclass(frozen=True)
class MissingDocuments:
    """R-11: a resident's admission documents not yet in the case file."""

    resident_id: int
    full_name: str
    iin: str | None
    category: str | None
    missing: tuple[DocumentKind, ...]


def missing_for(s, r: Resident) -> MissingDocuments:
    cf = s.scalar(select(CaseFile).where(CaseFile.resident_id == r.id))
    present = [d.kind for d in cf.documents] if cf else []
    return MissingDocuments(r.id, r.full_name, r.iin, r.category,
                            missing_documents(r.category, present, r.disability_group, r.ipr_until))

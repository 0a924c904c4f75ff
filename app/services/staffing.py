"""The minimum staffing norms against the staff list (R-29, R-36; issue 13 point 3).

Read: the comparison (everyone signed in). Write, the director or the administrator only: the staffing
profile (what the norms depend on beyond what the program knows) and the rows of the staff list.

What the program already knows is derived, not typed again: the notes of Annex 1 that apply come from the
organisation's recipient categories (R-26), the recipients from its capacity less the places of its
supported independent-living units, and the units from the units list (R-36). Staff may set the first two
when they differ (a profile row's ``notes`` / ``recipients`` None: derived).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import OrgUnit, StaffListRow
from app.db.models import StaffingProfile as ProfileRow
from app.domain.enums import RecipientCategory
from app.domain.limits import clean
from app.domain.permissions import UseCase
from app.domain.staffing import (
    COUNT_FIELDS,
    StaffingProfile,
    StaffingResult,
    Wording,
    check_fte,
    check_position,
    check_profile,
    compute,
    load_norms,
)
from app.domain.units import UnitKind
from app.services.base import Actor, ServiceBase, snapshot

#: R-26 → notes 2–5 of Annex 1: which kind of organisation a recipient category makes it
CATEGORY_NOTES: dict[RecipientCategory, int] = {
    RecipientCategory.CHILD_PSYCHONEURO: 2,
    RecipientCategory.CHILD_MUSCULOSKELETAL: 3,
    RecipientCategory.ADULT_PSYCHONEURO: 4,
    RecipientCategory.DISABLED_GROUP_1_2: 5,
    RecipientCategory.ELDERLY: 5,
}
COUNTS = tuple(n for n in COUNT_FIELDS if n != "recipients")


@dataclass(frozen=True)
class ProfileInput:
    """The profile as staff set it; ``notes`` / ``recipients`` None: take them from the program's data."""

    notes: frozenset[int] | None = None
    recipients: int | None = None
    nurse_posts: int = 0
    orderly_posts: int = 0
    supervision_posts: int = 0
    care_groups: int = 0
    study_groups: int = 0
    labour_profiles: int = 0
    vehicles: int = 0
    tractors: int = 0


@dataclass(frozen=True)
class ProfileView:
    stored: ProfileInput
    derived_notes: frozenset[int]
    derived_recipients: int
    unit_places: tuple[int, ...]
    version: int  # 0: never saved

    @property
    def effective(self) -> StaffingProfile:
        s = self.stored
        return StaffingProfile(
            notes=s.notes if s.notes is not None else self.derived_notes,
            recipients=s.recipients if s.recipients is not None else self.derived_recipients,
            unit_places=self.unit_places, **{n: getattr(s, n) for n in COUNTS})


@dataclass(frozen=True)
class StaffListView:
    id: int
    position_no: int
    position: Wording
    fte: Decimal
    note: str | None
    version: int


@dataclass(frozen=True)
class Comparison:
    """The comparison with the profile it was made from."""

    result: StaffingResult
    profile: ProfileView
    rows: tuple[StaffListView, ...] = field(default_factory=tuple)


def _positions() -> dict[int, Wording]:
    return {r.no: r.position for r in load_norms()}


def _row_view(r: StaffListRow, names: dict[int, Wording]) -> StaffListView:
    return StaffListView(r.id, r.position_no, names[r.position_no], Decimal(r.fte).quantize(Decimal("0.01")),
                         r.note, r.version)


class StaffingService(ServiceBase):
    # --- reading ----------------------------------------------------------------------------------
    def _profile(self, s: Session) -> ProfileView:
        org = self.organisation(s)
        places = tuple(s.scalars(select(OrgUnit.places).where(OrgUnit.kind == UnitKind.SUPPORTED_LIVING)
                                 .order_by(OrgUnit.id)))
        derived_notes = frozenset(CATEGORY_NOTES[RecipientCategory(c)] for c in org.categories or ()
                                  if RecipientCategory(c) in CATEGORY_NOTES)
        row = s.scalars(select(ProfileRow).order_by(ProfileRow.id).limit(1)).first()
        stored = ProfileInput() if row is None else ProfileInput(
            notes=frozenset(row.notes) if row.notes is not None else None, recipients=row.recipients,
            **{n: getattr(row, n) for n in COUNTS})
        return ProfileView(stored, derived_notes, max(org.capacity - sum(places), 0), places,
                           row.version if row else 0)

    def profile(self) -> ProfileView:
        with self.reading() as s:
            return self._profile(s)

    def rows(self) -> list[StaffListView]:
        names = _positions()
        with self.reading() as s:
            return [_row_view(r, names) for r in s.scalars(select(StaffListRow)
                                                           .order_by(StaffListRow.position_no, StaffListRow.id))]

    def comparison(self) -> Comparison:
        """R-29, R-36: each of the 78 positions' minimum for the profile, against the staff list."""
        names = _positions()
        with self.reading() as s:
            profile = self._profile(s)
            actual = {no: Decimal(total) for no, total in s.execute(
                select(StaffListRow.position_no, func.sum(StaffListRow.fte)).group_by(StaffListRow.position_no))}
            rows = tuple(_row_view(r, names) for r in s.scalars(select(StaffListRow).order_by(
                StaffListRow.position_no, StaffListRow.id)))
        return Comparison(compute(profile.effective, actual), profile, rows)

    # --- writing (the director or the administrator) ------------------------------------------------
    def save_profile(self, actor: Actor, data: ProfileInput, expected_version: int | None = None) -> ProfileView:
        """The staffing profile; refused whole, naming the field, when an input is out of bounds."""
        self.permit(actor, UseCase.STAFFING_EDIT)
        check_profile(asdict(data))
        with self.unit(actor) as s:
            row = s.scalars(select(ProfileRow).order_by(ProfileRow.id).limit(1)).first()
            before = None
            if row is None:
                row = ProfileRow(version=1)
                s.add(row)
            else:
                self.check_version(row, expected_version)
                before = snapshot(row)
                self.bump(row)
            row.notes = sorted(data.notes) if data.notes is not None else None
            row.recipients = data.recipients
            for n in COUNTS:
                setattr(row, n, getattr(data, n))
            self.audit(s, actor, "staffing.profile", row, before=before)
            s.flush()
            return self._profile(s)

    def add_row(self, actor: Actor, position_no: int, fte: object, note: str | None = None) -> StaffListView:
        """A staff list row: a position of Annex 1 (chosen from the list) and its units."""
        self.permit(actor, UseCase.STAFFING_EDIT)
        no, units = check_position(position_no), check_fte(fte)
        with self.unit(actor) as s:
            r = StaffListRow(position_no=no, fte=units, note=clean(note), version=1)
            s.add(r)
            self.audit(s, actor, "staffing.row.add", r)
            return _row_view(r, _positions())

    def update_row(self, actor: Actor, row_id: int, position_no: int, fte: object, note: str | None,
                   expected_version: int | None) -> StaffListView:
        self.permit(actor, UseCase.STAFFING_EDIT)
        no, units = check_position(position_no), check_fte(fte)
        with self.unit(actor) as s:
            r = self.get_row(s, StaffListRow, row_id, "position_no")
            self.check_version(r, expected_version)
            before = snapshot(r)
            r.position_no, r.fte, r.note = no, units, clean(note)
            self.bump(r)
            self.audit(s, actor, "staffing.row.update", r, before=before)
            return _row_view(r, _positions())

    def remove_row(self, actor: Actor, row_id: int) -> None:
        self.permit(actor, UseCase.STAFFING_EDIT)
        with self.unit(actor) as s:
            r = self.get_row(s, StaffListRow, row_id, "position_no")
            self.audit(s, actor, "staffing.row.remove", entity="staff_list_row", entity_id=r.id, before=snapshot(r))
            s.delete(r)


"""R-29, R-36 through the services, on SQLite and PostgreSQL: the staffing profile derived from what the program
knows, the staff list (several rows per position), the comparison, and refusals that change nothing."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.enums import RecipientCategory
from app.domain.errors import Conflict, DomainError, PermissionDenied
from app.domain.units import UnitKind
from app.services.staffing import ProfileInput
from tests.dump import dump

with (Path(__file__).resolve().parents[2] / "resources/data/staffing_norms_stationary.csv").open(
        encoding="utf-8", newline="") as fh:
    CSV = {int(r["no"]): r for r in csv.DictReader(fh)}


def refused(svc, fn, *args, **kw) -> DomainError:
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:
        fn(*args, **kw)
    assert dump(svc.engine) == before  # a refusal changes nothing
    assert exc.value.render("kk") != exc.value.render("ru")
    return exc.value


def norm(c, no):
    return next(p for p in c.result.positions if p.no == no)


def test_r29_profile_is_derived_from_the_organisation_and_its_units(org):
    svc, director, _worker = org  # 10 places, elderly and disabled of groups 1, 2 (note 5)
    p = svc.staffing.profile()
    assert p.version == 0 and p.derived_notes == {5} and p.derived_recipients == 10 and p.unit_places == ()
    svc.units.add(director, UnitKind.SUPPORTED_LIVING, "Бөлімше", 6)
    svc.units.add(director, UnitKind.PALLIATIVE, "Палата", 2)
    c = svc.staffing.comparison()
    assert c.profile.unit_places == (6,)
    assert c.result.recipients == 4 and c.result.units == 1  # the unit's places are outside the band
    assert norm(c, 12).required == Decimal(CSV[12]["band_6_30_units"])  # head of the unit
    assert norm(c, 33).required == Decimal(CSV[33]["band_upto_25"]) + Decimal(CSV[33]["band_6_30_units"])


def test_r29_staff_list_rows_sum_per_position_and_are_compared(org):
    svc, director, _worker = org
    svc.staffing.save_profile(director, ProfileInput(recipients=80, nurse_posts=2))
    svc.staffing.add_row(director, 33, "1.5")
    svc.staffing.add_row(director, 33, Decimal(1), "  part-time  ")
    svc.staffing.add_row(director, 63, Decimal("5.25"))
    c = svc.staffing.comparison()
    assert c.result.band == "51-100" and c.result.recipients == 80
    social = norm(c, 33)
    assert social.actual == Decimal("2.5") and social.required == Decimal(CSV[33]["band_51_100"])
    assert social.difference == Decimal("2.5") - Decimal(CSV[33]["band_51_100"])
    nurse = norm(c, 63)
    assert nurse.required == Decimal("10.5") and nurse.difference == Decimal("-5.25")
    assert [r.note for r in c.rows if r.position_no == 33] == [None, "part-time"]
    row = next(r for r in c.rows if r.position_no == 63)
    svc.staffing.update_row(director, row.id, 63, Decimal("10.5"), None, row.version)
    assert norm(svc.staffing.comparison(), 63).difference == 0
    refused(svc, svc.staffing.update_row, director, row.id, 63, Decimal(1), None, row.version)  # stale version
    svc.staffing.remove_row(director, row.id)
    assert norm(svc.staffing.comparison(), 63).actual == 0


def test_r29_saved_profile_overrides_what_is_derived_and_conflicts_are_refused(org):
    svc, director, _worker = org
    saved = svc.staffing.save_profile(director, ProfileInput(notes=frozenset({2}), recipients=30, study_groups=2))
    assert saved.version == 1 and saved.effective.notes == {2} and saved.effective.recipients == 30
    c = svc.staffing.comparison()
    assert norm(c, 68).required == 2 * Decimal("1.5") and norm(c, 51).required == 0  # note 2: no therapist
    again = svc.staffing.save_profile(director, ProfileInput(), saved.version)  # back to the derived values
    assert again.effective.notes == {5} and again.effective.recipients == 10
    e = refused(svc, svc.staffing.save_profile, director, ProfileInput(vehicles=2), saved.version)
    assert isinstance(e, Conflict)


def test_writes_are_the_directors_and_bad_input_names_its_field(org):
    svc, director, worker = org
    e = refused(svc, svc.staffing.add_row, worker, 1, 1)
    assert isinstance(e, PermissionDenied)
    assert isinstance(refused(svc, svc.staffing.save_profile, worker, ProfileInput(vehicles=1)), PermissionDenied)
    assert refused(svc, svc.staffing.add_row, director, 79, 1).field == "position_no"
    assert refused(svc, svc.staffing.add_row, director, 1, 0).field == "fte"
    assert refused(svc, svc.staffing.save_profile, director, ProfileInput(nurse_posts=-1)).field == "nurse_posts"
    assert refused(svc, svc.staffing.save_profile, director, ProfileInput(notes=frozenset({1}))).field == "notes"
    row = svc.staffing.add_row(director, 1, 1)
    assert isinstance(refused(svc, svc.staffing.remove_row, worker, row.id), PermissionDenied)
    assert svc.staffing.comparison().result.positions[0].actual == 1  # reading is everyone's


def test_r29_categories_of_a_childrens_home_give_note_2(org):
    svc, director, _worker = org
    view = svc.organisation.get()
    view.categories = [RecipientCategory.CHILD_PSYCHONEURO]
    from app.services import OrganisationInput

    svc.organisation.update(director, OrganisationInput(**{k: v for k, v in vars(view).items()
                                                             if k not in ("id", "version")}), view.version)
    assert svc.staffing.profile().derived_notes == {2}
    assert norm(svc.staffing.comparison(), 50).required == Decimal(CSV[50]["band_upto_25"])  # paediatrician

"""R-29, R-36: the minimum staffing norms of Order 308 Annex 1. Every expected number is read from the CSV
here (with the csv module, not through the code under test), never typed."""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.errors import DomainError
from app.domain.staffing import (
    BANDS,
    StaffingProfile,
    band_of,
    check_fte,
    check_position,
    check_profile,
    compute,
    load_norms,
)

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "resources" / "data" / "staffing_norms_stationary.csv"
SHARED = ROOT.parent / "shared" / "data" / "staffing_norms_stationary.csv"

with SHIPPED.open(encoding="utf-8", newline="") as fh:
    CSV = {int(r["no"]): r for r in csv.DictReader(fh)}
with (ROOT / "resources" / "data" / "staffing_norms_stationary_ru.csv").open(encoding="utf-8", newline="") as fh:
    CONDITIONS = {int(r["no"]) for r in csv.DictReader(fh) if r["condition_kk"]}

ELDERLY = frozenset({5})          # note 5: older people and persons with disabilities
CHILDREN_PN = frozenset({2})      # note 2: children's psychoneurological organisation
#: a number of recipients inside each of three bands, with the band's CSV column
BANDS_TRIED = {20: "band_upto_25", 80: "band_51_100", 450: "band_401_500"}


def kinds(no: int) -> set[int]:
    return {int(n) for n in CSV[no]["notes"].split(",") if n.strip()} - {1}


def per_institution(no: int) -> Decimal | None:
    m = re.fullmatch(r"мекемеге (\d+) бірлік", CSV[no]["rule_kk"])
    return Decimal(m.group(1)) if m else None


def set_by_band(no: int) -> bool:
    """A position whose minimum the band alone sets: a number or "-" in each band, or "N per institution";
    no condition in its name ("if there is a pharmacy") and no units column value."""
    r = CSV[no]
    return (no not in CONDITIONS and r["band_6_30_units"] in ("-", "")
            and (not r["rule_kk"] or per_institution(no) is not None))


def expected(no: int, column: str, notes: frozenset[int]) -> Decimal:
    if kinds(no) and not kinds(no) & notes:
        return Decimal(0)  # the position is introduced only in other kinds of organisation
    cell = CSV[no][column]
    if cell == "-":
        return Decimal(0)
    return Decimal(cell) if cell else per_institution(no)


BY_BAND = [no for no in CSV if set_by_band(no)]


def norm(result, no):
    return next(p for p in result.positions if p.no == no)


def test_r29_the_shipped_table_is_the_shared_one_with_78_positions():
    assert len(CSV) == 78 and sorted(CSV) == list(range(1, 79))
    assert [r.no for r in load_norms()] == list(range(1, 79))
    if SHARED.exists():
        assert SHARED.read_bytes() == SHIPPED.read_bytes()
    assert all(r.position.render("kk") == CSV[r.no]["position_kk"] for r in load_norms())
    assert all(r.position.render("ru") for r in load_norms())
    # a few names are one word in both languages ("Директор", "Психолог"); the rest are translated
    assert sum(r.position.render("ru") != r.position.render("kk") for r in load_norms()) >= 65


@pytest.mark.parametrize("notes", [ELDERLY, CHILDREN_PN], ids=["note5", "note2"])
@pytest.mark.parametrize("recipients", sorted(BANDS_TRIED))
def test_r29_positions_set_by_the_band_match_the_csv(recipients, notes):
    assert len(BY_BAND) >= 12
    result = compute(StaffingProfile(notes, recipients))
    column = BANDS_TRIED[recipients]
    assert result.band == next(code for col, code, _lo, _hi in BANDS if col == column)
    got = {no: norm(result, no).required for no in BY_BAND}
    want = {no: expected(no, column, notes) for no in BY_BAND}
    assert got == want
    assert sum(1 for no in BY_BAND if want[no] > 0) >= 12  # the test checks real numbers, not zeros


def test_r29_the_two_profiles_differ_where_the_notes_say():
    elderly, children = compute(StaffingProfile(ELDERLY, 80)), compute(StaffingProfile(CHILDREN_PN, 80))
    for no in (50, 51, 54, 65, 69):  # paediatrician (2, 3), therapist (4, 5), orthopaedist (3), feldsher, logopaedist
        for result, notes in ((elderly, ELDERLY), (children, CHILDREN_PN)):
            assert norm(result, no).required == expected(no, "band_51_100", notes)
    assert norm(elderly, 51).required == Decimal(CSV[51]["band_51_100"]) and norm(children, 51).required == 0
    assert norm(children, 50).required == Decimal(CSV[50]["band_51_100"]) and norm(elderly, 50).required == 0


@pytest.mark.parametrize(("recipients", "code"), [(0, "up-to-25"), (25, "up-to-25"), (26, "26-50"), (100, "51-100"),
                                                  (101, "101-150"), (500, "401-500"), (501, "over-500")])
def test_r29_band_edges(recipients, code):
    assert band_of(recipients)[1] == code


def rate(no: int) -> Decimal:
    """The "5,25 ставка" of a post or group rule, read from its text."""
    m = re.search(r"(\d+,\d+) ставка", CSV[no]["rule_kk"])
    return Decimal(m.group(1).replace(",", "."))


def test_r29_per_post_per_group_per_vehicle_rules():
    p = StaffingProfile(frozenset({4, 5}), 120, nurse_posts=3, orderly_posts=2, supervision_posts=1, vehicles=2,
                        tractors=1, labour_profiles=2)
    r = compute(p)
    assert norm(r, 63).required == 3 * rate(63)       # nurse: per round-the-clock post
    assert norm(r, 36).required == 2 * rate(36)       # ward orderly (notes 3, 4, 5): per post
    assert norm(r, 37).required == 1 * rate(37)       # supervision orderly (note 4): per post
    assert norm(r, 35).required == 0                  # ward orderly of note 2 only
    assert norm(r, 21).required == 2 and norm(r, 22).required == 1   # per vehicle, per tractor
    assert norm(r, 74).required == 2                  # labour therapy: 1 per profile (notes 4, 5)
    children = compute(StaffingProfile(CHILDREN_PN, 60, care_groups=4, study_groups=3))
    assert norm(children, 35).required == 4 * rate(35)    # per care group
    assert norm(children, 68).required == 3 * Decimal(re.search(r"(\d+,\d+)", CSV[68]["rule_kk"]).group(1)
                                                      .replace(",", "."))
    assert norm(children, 70).required == 3 and norm(children, 73).required == 3


def test_r29_per_recipients_rules_round_up_to_a_quarter():
    assert "50 қызмет алушыға 1 бірлік" == CSV[44]["rule_kk"]
    assert norm(compute(StaffingProfile(ELDERLY, 80)), 44).required == Decimal("1.75")   # 80 / 50 = 1.6
    assert norm(compute(StaffingProfile(ELDERLY, 100)), 44).required == 2
    assert norm(compute(StaffingProfile(ELDERLY, 40)), 44).required == Decimal(CSV[44]["band_26_50"])
    # housekeeper: 1 per 100 beds, but at least 1 per institution
    assert norm(compute(StaffingProfile(ELDERLY, 60)), 45).required == 1
    assert norm(compute(StaffingProfile(ELDERLY, 250)), 45).required == Decimal("2.5")


def test_r36_supported_living_units_add_the_6_to_30_column():
    base, with_units = compute(StaffingProfile(ELDERLY, 80)), compute(StaffingProfile(ELDERLY, 80, (12, 20)))
    assert with_units.units == 2
    for no in CSV:
        cell = CSV[no]["band_6_30_units"]
        if cell not in ("-", "") and base.positions[no - 1].required is not None:
            assert norm(with_units, no).required == norm(base, no).required + 2 * Decimal(cell), no
    assert {no for no in CSV if CSV[no]["band_6_30_units"] not in ("-", "")} == {12, 33, 66}


def test_r29_what_the_inputs_cannot_decide_is_shown_with_the_rules_text():
    r = compute(StaffingProfile(ELDERLY, 80))
    for no in (24, 25, 48):  # "according to the model norms"
        p = norm(r, no)
        assert p.required is None and p.difference is None
        assert p.rule.render("kk") == CSV[no]["rule_kk"] and p.rule.render("ru")
    pharmacy = norm(r, 59)  # a number in the band, but only "if there is a pharmacy"
    assert pharmacy.required is None and "дәріхана" in pharmacy.rule.render("kk") and "аптек" in pharmacy.rule.render("ru")
    assert "0,5" in pharmacy.rule.render("ru")
    # the notes of the profile unknown: a position of notes 2–5 is not guessed
    unknown = compute(StaffingProfile(frozenset(), 80))
    assert norm(unknown, 51).required is None and "4, 5" in norm(unknown, 51).rule.render("ru")
    assert norm(unknown, 1).required == 1


def test_difference_is_actual_less_required():
    r = compute(StaffingProfile(ELDERLY, 80), {1: Decimal(1), 40: Decimal("3.5"), 33: Decimal(1)})
    assert norm(r, 1).difference == 0
    assert norm(r, 40).difference == Decimal("3.5") - Decimal(CSV[40]["band_51_100"])
    assert norm(r, 33).difference == 1 - Decimal(CSV[33]["band_51_100"])
    assert norm(r, 33) in r.shortfall and norm(r, 40) in r.excess


def test_bad_inputs_are_refused_naming_the_field():
    with pytest.raises(DomainError) as e:
        check_profile({"notes": {1}, "recipients": 10, **dict.fromkeys(
            ("nurse_posts", "orderly_posts", "supervision_posts", "care_groups", "study_groups", "labour_profiles",
             "vehicles", "tractors"), 0)})
    assert e.value.field == "notes"
    with pytest.raises(DomainError) as e:
        check_profile({"notes": None, "recipients": None, "nurse_posts": -1})
    assert e.value.field == "nurse_posts" and e.value.render("kk") != e.value.render("ru")
    for bad in (0, -1, "x", Decimal("0.001"), 100, True):
        with pytest.raises(DomainError) as e:
            check_fte(bad)
        assert e.value.field == "fte"
    assert check_fte("1.25") == Decimal("1.25")
    for bad in (0, 79, "1", None):
        with pytest.raises(DomainError) as e:
            check_position(bad)
        assert e.value.field == "position_no"

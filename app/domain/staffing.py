"""Minimum staffing norms of a stationary organisation (R-29, R-36; Order 308 Annex 1, 78 positions).

The table is data, shipped as it was transcribed (``resources/data/staffing_norms_stationary.csv``,
a copy of ``../shared/data``) with a companion file of the Russian wording and of the conditions written
into some positions' names (``staffing_norms_stationary_ru.csv``). A cell of a band is a number of staff
units, ``-`` (the position is not provided in that band), or empty: from the band named in
``rule_from_band`` on, the position is set by the rule text ``rule_kk`` instead (staffing_norms_notes.md).

From an organisation's profile (which of notes 2–5 apply, recipients, supported-living units, round-the-clock
posts, groups, vehicles) :func:`compute` gives each position's minimum; a position the inputs cannot decide —
set "according to the model norms", or only where a room or a condition the program does not know exists —
has ``required`` None and the rule's text, never a guess.

Choices the act leaves open, made here and said in the rule's basis:
- a "1 unit per N" rule is the proportion rounded up to a quarter of a unit (the table itself counts in
  halves and 5.25 rates), so 60 recipients at 1 per 50 need 1.25;
- "beds" (төсек-орын) of the housekeeper rule are the recipients the band is chosen by;
- round-the-clock posts and groups are counted for the whole organisation, units included.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from app.domain.errors import DomainError
from app.i18n import N_, M, Message, current_language

#: the band columns of Annex 1 in order: (CSV column, code, least recipients, most recipients or None)
BANDS: tuple[tuple[str, str, int, int | None], ...] = (
    ("band_upto_25", "up-to-25", 0, 25),
    ("band_26_50", "26-50", 26, 50),
    ("band_51_100", "51-100", 51, 100),
    ("band_101_150", "101-150", 101, 150),
    ("band_151_200", "151-200", 151, 200),
    ("band_201_250", "201-250", 201, 250),
    ("band_251_300", "251-300", 251, 300),
    ("band_301_400", "301-400", 301, 400),
    ("band_401_500", "401-500", 401, 500),
    ("band_over_500", "over-500", 501, None),
)
#: R-36, note 1: the column of the supported independent-living units of 6–30 places
UNIT_COLUMN = "band_6_30_units"
COLUMNS = (UNIT_COLUMN, *(b[0] for b in BANDS))
BAND_LABELS = {"up-to-25": N_("up to 25"), "over-500": N_("more than 500")}

#: notes 2–5 of Annex 1: the kinds of organisation a marked position is introduced in
PROFILE_NOTES: dict[int, str] = {
    2: N_("children's psychoneurological organisation (note 2)"),
    3: N_("organisation for children with musculoskeletal disorders (note 3)"),
    4: N_("psychoneurological organisation (note 4)"),
    5: N_("organisation for older people and persons with disabilities (note 5)"),
}

#: the round-the-clock rate of a post or of a care group (rows 35, 36, 37, 63)
ROUND_THE_CLOCK = Decimal("5.25")
QUARTER = Decimal("0.25")
ZERO = Decimal(0)

#: which input a rule counts, by position number (the rule texts say "per post", "per vehicle" …)
POST_INPUT = {36: "orderly_posts", 37: "supervision_posts", 63: "nurse_posts"}
VEHICLE_INPUT = {21: "vehicles", 22: "tractors"}

#: the profile's inputs with their least and greatest values (field code → bounds)
COUNT_FIELDS: dict[str, tuple[int, int]] = {
    "recipients": (0, 5000), "nurse_posts": (0, 200), "orderly_posts": (0, 200), "supervision_posts": (0, 200),
    "care_groups": (0, 500), "study_groups": (0, 500), "labour_profiles": (0, 100), "vehicles": (0, 100),
    "tractors": (0, 100),
}


def resources_data() -> Path:
    from app.paths import resources_dir

    return resources_dir() / "data"


# --- wording that is data, and numbers, inside messages ------------------------------------------
@dataclass(frozen=True)
class Wording(Message):
    """Text of the act in Kazakh (``msgid``) with its Russian wording: data, not a catalog entry."""

    ru: str = ""

    def render(self, lang: str | None = None) -> str:
        return self.msgid if (lang or current_language()) == "kk" else self.ru


@dataclass(frozen=True)
class Units(Message):
    """A number of staff units written the language's way (Babel): 5,25."""

    value: Decimal = ZERO

    def render(self, lang: str | None = None) -> str:
        return format_units(self.value, lang)


def format_units(value: Decimal | float | int, lang: str | None = None) -> str:
    from babel.numbers import format_decimal

    from app.i18n import locale

    return format_decimal(Decimal(value), "#,##0.##", locale=locale(lang))


# --- the table --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class NormRow:
    """One position of Annex 1 as transcribed."""

    no: int
    position: Wording
    notes: frozenset[int]
    cells: Mapping[str, str]          # column → "-", a number ("0.5"), or "" (set by the rule)
    rule: Wording | None              # the rule's text, from ``rule_from`` on
    rule_from: str | None
    condition: Wording | None         # a condition in the position's name ("if there is a pharmacy")

    def cell(self, column: str) -> Decimal | None:
        """Units of the column; None where the rule sets it."""
        text = self.cells[column]
        if text == "-":
            return ZERO
        return Decimal(text) if text else None


@cache
def load_norms(folder: Path | None = None) -> tuple[NormRow, ...]:
    """R-29: the 78 positions of Annex 1 from the shipped CSV (with its Russian wording)."""
    folder = folder or resources_data()
    with (folder / "staffing_norms_stationary.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with (folder / "staffing_norms_stationary_ru.csv").open(encoding="utf-8", newline="") as fh:
        ru = {int(r["no"]): r for r in csv.DictReader(fh)}
    out = []
    for r in rows:
        no = int(r["no"])
        extra = ru[no]
        rule_from = r["rule_from_band"] or None
        for i, col in enumerate(COLUMNS):  # a cell left empty is one the rule sets: never before its band
            if not r[col] and (rule_from is None or i < COLUMNS.index(rule_from)):
                raise ValueError(f"staffing norms row {no}: {col} is empty before the rule's band")
        out.append(NormRow(
            no=no, position=Wording(r["position_kk"], ru=extra["position_ru"]),
            notes=frozenset(int(n) for n in r["notes"].split(",") if n.strip()),
            cells={c: r[c].strip() for c in COLUMNS},
            rule=Wording(r["rule_kk"], ru=extra["rule_ru"]) if r["rule_kk"] else None, rule_from=rule_from,
            condition=Wording(extra["condition_kk"], ru=extra["condition_ru"]) if extra["condition_kk"] else None))
    return tuple(out)


def band_of(recipients: int) -> tuple[str, str]:
    """R-29: the (CSV column, code) of the band a number of recipients falls in."""
    for column, code, lo, hi in BANDS:
        if recipients >= lo and (hi is None or recipients <= hi):
            return column, code
    return BANDS[0][0], BANDS[0][1]


def band_label(code: str) -> Message:
    """The band as the act's header writes it: "51-100", "up to 25", "more than 500"."""
    return M(BAND_LABELS[code]) if code in BAND_LABELS else Wording(code, ru=code)


# --- the profile --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StaffingProfile:
    """What the norms depend on. ``recipients``: the recipients outside the supported-living units (the band
    is chosen by them); ``unit_places``: the places of each supported-living unit (R-36: the 6–30 column)."""

    notes: frozenset[int]
    recipients: int
    unit_places: tuple[int, ...] = ()
    nurse_posts: int = 0          # row 63: round-the-clock nurse posts
    orderly_posts: int = 0        # row 36: round-the-clock ward orderly posts (notes 3, 4, 5)
    supervision_posts: int = 0    # row 37: round-the-clock supervision orderly posts (note 4)
    care_groups: int = 0          # row 35: groups by self-care skills (note 2)
    study_groups: int = 0         # rows 68, 70, 73: study groups (footnote *)
    labour_profiles: int = 0      # row 74: labour training profiles of 6 or more recipients
    vehicles: int = 0             # row 21: motor vehicles in working order
    tractors: int = 0             # row 22: tractors in working order


def check_profile(values: Mapping[str, object]) -> None:
    """The profile's inputs: notes among 2–5, each count a whole number within its bounds."""
    notes = values.get("notes")
    if notes is not None and (not isinstance(notes, (set, frozenset, list, tuple))
                              or any(isinstance(n, bool) or n not in PROFILE_NOTES for n in notes)):
        raise DomainError(M("{field}: choose among notes 2 to 5 of Annex 1.", field=M(N_("Profile of the organisation"))),
                          "notes")
    for name, (lo, hi) in COUNT_FIELDS.items():
        value = values.get(name)
        if value is None and name == "recipients":
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise DomainError(M("{field}: enter a whole number from {lo} to {hi}.", field=M(INPUT_LABELS[name]),
                                lo=lo, hi=hi), name)


INPUT_LABELS: dict[str, str] = {
    "recipients": N_("Recipients (outside the units)"),
    "nurse_posts": N_("Round-the-clock nurse posts"),
    "orderly_posts": N_("Round-the-clock ward orderly posts"),
    "supervision_posts": N_("Round-the-clock supervision posts"),
    "care_groups": N_("Care groups (note 2)"),
    "study_groups": N_("Study groups"),
    "labour_profiles": N_("Labour training profiles"),
    "vehicles": N_("Vehicles in working order"),
    "tractors": N_("Tractors in working order"),
}


def check_fte(fte: object, field_name: str = "fte") -> Decimal:
    """A staff list row's units: more than 0, at most 99.99, in hundredths."""
    try:
        value = Decimal(str(fte)) if not isinstance(fte, bool) else None
    except ArithmeticError:
        value = None
    if value is None or not value.is_finite() or not ZERO < value <= Decimal("99.99") or value != value.quantize(
            Decimal("0.01")):
        raise DomainError(M("{field}: enter the staff units, more than 0 and at most 99.99 (for example 0.5 or 1.25).",
                            field=M(N_("Staff units"))), field_name)
    return value


def check_position(no: object) -> int:
    """A staff list row's position: one of the 78 of Annex 1, chosen from the list."""
    if isinstance(no, bool) or not isinstance(no, int) or not any(r.no == no for r in load_norms()):
        raise DomainError(M("{field}: choose the position from the list of Annex 1.", field=M(N_("Position"))),
                          "position_no")
    return no


# --- the computation --------------------------------------------------------------------------------
@dataclass(frozen=True)
class PositionNorm:
    """One position's minimum against the staff list. ``required`` None: the inputs cannot decide it and
    ``rule`` says what sets it. ``basis``: the rule a computed number comes from (None: the band's number)."""

    no: int
    position: Wording
    required: Decimal | None
    actual: Decimal
    rule: Message | None = None
    basis: Message | None = None

    @property
    def difference(self) -> Decimal | None:
        """Actual less required: below zero a shortfall, above zero an excess."""
        return None if self.required is None else self.actual - self.required


@dataclass(frozen=True)
class StaffingResult:
    recipients: int
    band: str                       # the band's code: "51-100"
    units: int                      # supported-living units counted
    positions: tuple[PositionNorm, ...] = field(default_factory=tuple)

    @property
    def shortfall(self) -> tuple[PositionNorm, ...]:
        return tuple(p for p in self.positions if p.difference is not None and p.difference < 0)

    @property
    def excess(self) -> tuple[PositionNorm, ...]:
        return tuple(p for p in self.positions if p.difference is not None and p.difference > 0)

    @property
    def undecided(self) -> tuple[PositionNorm, ...]:
        return tuple(p for p in self.positions if p.required is None)


def per(count: int, n: int) -> Decimal:
    """A "1 unit per ``n``" rule: the proportion rounded up to a quarter of a unit."""
    return Decimal(math.ceil(Decimal(count) * 4 / n)) * QUARTER


_PER_INSTITUTION = re.compile(r"^мекемеге (\d+) бірлік$")
_PER_STUDY_GROUP = re.compile(r"^оқу тобына (\d+(?:,\d+)?) бірлік(?:тен)? \*$")


class _Undecided(Exception):
    """The rule needs something the profile does not hold."""


def _by_rule(row: NormRow, p: StaffingProfile) -> Decimal:
    """R-29: the number a rule text sets for the profile; :class:`_Undecided` when the inputs cannot decide."""
    text = row.rule.msgid if row.rule else ""
    if m := _PER_INSTITUTION.match(text):
        return Decimal(m.group(1))
    if row.no in VEHICLE_INPUT and text.startswith("1 техникалық жүріп тұрған көлік құралына 1 бірлік"):
        return Decimal(getattr(p, VEHICLE_INPUT[row.no]))
    if row.no in POST_INPUT and "постқа" in text and "5,25 ставка" in text:
        return getattr(p, POST_INPUT[row.no]) * ROUND_THE_CLOCK
    if row.no == 35 and text.startswith("Мыналардан:") and text.endswith("5,25 ставка"):
        return p.care_groups * ROUND_THE_CLOCK
    if m := _PER_STUDY_GROUP.match(text):
        return p.study_groups * Decimal(m.group(1).replace(",", "."))
    if text.startswith("1 профильге 1 бірлік"):
        return Decimal(p.labour_profiles)
    if text == "50 қызмет алушыға 1 бірлік":
        return per(p.recipients, 50)
    if text.startswith("әрбір 100 төсек-орынға 1 бірлік, бірақ 1 мекемеге кемінде 1 бірлік"):
        return max(Decimal(1), per(p.recipients, 100))
    # "according to the model norms" (rows 19, 24–30, 48), or a condition the program does not know:
    # no sewerage (31), an equipped barbershop (34), palliative patients (38), the conditions or a pool
    # (56, 57), musculoskeletal severity and exercise rooms (61)
    raise _Undecided


def _unit_value(row: NormRow, count: int) -> Decimal:
    """R-36, note 1: what the supported-living units add (the 6–30 column, one unit at a time); a rule
    there (rows 35, 36) counts by posts or groups, already counted for the whole organisation."""
    value = row.cell(UNIT_COLUMN)
    return ZERO if value is None else value * count


def _norm(row: NormRow, p: StaffingProfile, column: str, actual: Decimal) -> PositionNorm:
    kinds = row.notes - {1}
    if kinds and not p.notes:
        return PositionNorm(row.no, row.position, None, actual,
                            rule=M("Only in some organisations (notes {notes} of Annex 1); choose which notes apply "
                                   "in the profile.", notes=", ".join(str(n) for n in sorted(kinds))))
    if kinds and not kinds & p.notes:
        return PositionNorm(row.no, row.position, ZERO, actual,
                            basis=M("Not provided in this organisation: only with notes {notes} of Annex 1.",
                                    notes=", ".join(str(n) for n in sorted(kinds))))
    units = _unit_value(row, len(p.unit_places))
    value = row.cell(column)
    basis: Message | None = None
    if value is None:
        try:
            value = _by_rule(row, p)
        except _Undecided:
            return PositionNorm(row.no, row.position, None, actual, rule=row.rule)
        basis = row.rule
    if row.condition is not None and value > 0:  # "if there is a pharmacy": the program does not know
        return PositionNorm(row.no, row.position, None, actual,
                            rule=M("{condition}: {units} units", condition=row.condition, units=Units("", value=value)))
    if units:
        basis = M("{main} for the organisation and {units} for its {count} supported-living units (R-36)",
                  main=Units("", value=value), units=Units("", value=units), count=len(p.unit_places))
    return PositionNorm(row.no, row.position, value + units, actual, basis=basis)


def compute(profile: StaffingProfile, actual: Mapping[int, Decimal] | None = None,
            norms: tuple[NormRow, ...] | None = None) -> StaffingResult:
    """R-29, R-36: each of the 78 positions' minimum for ``profile`` against ``actual`` (position no →
    units on the staff list)."""
    actual = actual or {}
    column, code = band_of(profile.recipients)
    rows = tuple(_norm(r, profile, column, Decimal(actual.get(r.no, ZERO))) for r in (norms or load_norms()))
    return StaffingResult(profile.recipients, code, len(profile.unit_places), rows)

"""Who may be admitted and on what ground (R-26, R-33).

The organisation serves the recipient categories ticked on its profile (R-28); an admission
records the person's category (one of those) and the ground the seed names for admission
(003 items 6 4), 6 5), 13 2), 13 4), 23 2), 23 4)).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.enums import LabelledEnum, OrgType, RecipientCategory, Sex
from app.domain.errors import DomainError
from app.domain.fields import field_label
from app.i18n import N_, M, Message, locale


class AdmissionGround(LabelledEnum):
    """R-33: the grounds of admission named by Order 308 (003 items 6 4), 13 2), 13 4), 23 2), 23 4))."""

    CANNOT_SELF_CARE = "cannot_self_care", N_("unable to care for themselves, needs care for health reasons")
    NO_OBLIGED_RELATIVES = "no_obliged_relatives", N_("no able-bodied adult children or spouse obliged to care")
    RELATIVES_CANNOT_CARE = "relatives_cannot_care", N_("adult children or spouse cannot care for objective reasons")
    PENSION_AGE = "pension_age", N_("elderly person of pension age unable to care for themselves")
    CHILD_MUSCULOSKELETAL = "child_musculoskeletal", N_("child with musculoskeletal disorders, from 1.5 years")


class GroundUnrecorded(LabelledEnum):
    """R-33: why an admission has no recorded ground. Only a record that predates the program has none:
    an admission brought in from the organisation's earlier register or from a journal file (neither
    carries the ground), or one recorded before the program kept grounds (migration 0010)."""

    REGISTER_IMPORT = "register_import", N_("not recorded (imported from the organisation's earlier register)")
    JOURNAL_IMPORT = "journal_import", N_("not recorded (imported from an electronic journal file)")
    BEFORE_GROUNDS = "before_grounds", N_("not recorded (entered before the program kept grounds)")


#: R-33: "бір жарым жастан ТҚА бұзылған балалар" (003 item 13 2)) — children from one and a half years.
CHILD_MIN_AGE_MONTHS = 18


#: R-33: "«Зейнетақымен қамсыздандыру туралы» Заңда белгіленген зейнеткерлік жасқа толған ... қарттар" (003
#: item 13 4)). The seeds and ../shared/data do not state the age; it is the law's: the Law of the Republic of
#: Kazakhstan "On pension provision in the Republic of Kazakhstan" of 21.06.2013 No. 105-V, article 11 (to
#: 30.06.2023), and the Social Code of the Republic of Kazakhstan of 20.04.2023 No. 224-VII (from 01.07.2023),
#: article 207 and its transitional provisions: men 63; women by the year (frozen at 61 until 1 January 2028,
#: then half a year more each year to 63 in 2031). Whole months of age, by the first day each applies from.
PENSION_AGE_MONTHS: dict[Sex, tuple[tuple[dt.date, int], ...]] = {
    Sex.MALE: ((dt.date(1, 1, 1), 63 * 12),),
    Sex.FEMALE: ((dt.date(1, 1, 1), 58 * 12), (dt.date(2018, 1, 1), 58 * 12 + 6), (dt.date(2019, 1, 1), 59 * 12),
                 (dt.date(2020, 1, 1), 59 * 12 + 6), (dt.date(2021, 1, 1), 60 * 12),
                 (dt.date(2022, 1, 1), 60 * 12 + 6), (dt.date(2023, 1, 1), 61 * 12),
                 (dt.date(2028, 1, 1), 61 * 12 + 6), (dt.date(2029, 1, 1), 62 * 12),
                 (dt.date(2030, 1, 1), 62 * 12 + 6), (dt.date(2031, 1, 1), 63 * 12)),
}


def pension_age_months(sex: Sex | str, on: dt.date) -> int:
    """R-33: the pension age (in whole months) of a man or a woman on ``on`` (PENSION_AGE_MONTHS)."""
    return [months for since, months in PENSION_AGE_MONTHS[Sex(sex)] if since <= on][-1]


@dataclass(frozen=True)
class Years(Message):
    """An age in years (61 or 61.5) written as the language writes numbers (Babel), inside a message."""

    def render(self, lang: str | None = None) -> str:
        from babel.numbers import format_decimal

        return format_decimal(self.params["months"] / 12, "0.#", locale=locale(lang))


def _years(months: int) -> Years:
    return Years("", {"months": months})


def check_pension_age(birth_date: dt.date | None, sex: Sex | str | None, on: dt.date) -> None:
    """R-33: the ground "pension age" only for a person who has reached the pension age on the admission date,
    by sex (PENSION_AGE_MONTHS); without the date of birth, or without the sex while it decides, it cannot be
    judged and is refused."""
    if birth_date is None:
        raise DomainError(M("{field}: enter the date of birth; the ground \"{ground}\" needs the pension age on the "
                            "admission date.", field=field_label("birth_date"),
                            ground=AdmissionGround.PENSION_AGE.label), "birth_date")
    age = months_between(birth_date, on)
    needed = {pension_age_months(s, on) for s in ([Sex(sex)] if sex else list(Sex))}
    if age >= max(needed):
        return
    if sex is None and age >= min(needed):
        raise DomainError(M("{field}: choose the sex; on {day} the pension age is {men} for men and {women} for "
                            "women.", field=field_label("sex"), day=on, men=_years(pension_age_months(Sex.MALE, on)),
                            women=_years(pension_age_months(Sex.FEMALE, on))), "sex")
    raise DomainError(M("{field}: on {day} the person is {age} and has not reached the pension age ({needed}); "
                        "choose another ground of admission.", field=field_label("admission_ground"), day=on,
                        age=age // 12, needed=_years(max(needed))), "admission_ground")


def months_between(birth: dt.date, day: dt.date) -> int:
    """Whole months of age on ``day``."""
    return (day.year - birth.year) * 12 + day.month - birth.month - (day.day < birth.day)


def check_category_served(served: Iterable[RecipientCategory | str], category: RecipientCategory | str | None) -> None:
    """R-26, R-33: a person is admitted only in a category the organisation serves (its profile, R-28)."""
    served = [RecipientCategory(c) for c in served]
    if category is None:
        raise DomainError(M("{field}: choose the person's recipient category.",
                            field=field_label("category")), "category")
    category = RecipientCategory(category)
    if not served:
        raise DomainError(M("{field}: the organisation's recipient categories are not set; tick them on the "
                            "Organisation screen first.", field=field_label("category")), "category")
    if category not in served:
        raise DomainError(M("{field}: the organisation does not serve \"{category}\"; choose one of the categories "
                            "ticked on the Organisation screen, or refer the person to an organisation that serves "
                            "it.", field=field_label("category"), category=category.label), "category")


def require_ground(ground: AdmissionGround | str | None, unrecorded: GroundUnrecorded | str | None = None) -> None:
    """R-33: every admission recorded through the program names its ground (the admission dialogs ask
    for it); only a record that predates the program says instead why it has none (``unrecorded``)."""
    if ground is None and unrecorded is None:
        raise DomainError(M("{field}: choose the ground of admission.",
                            field=field_label("admission_ground")), "admission_ground")


#: R-33: the grounds that belong to one category (003 item 13 4): pension age, the elderly; item 13 2): children
#: with musculoskeletal disorders); the other grounds fit every category
GROUND_CATEGORY = {AdmissionGround.PENSION_AGE: RecipientCategory.ELDERLY,
                   AdmissionGround.CHILD_MUSCULOSKELETAL: RecipientCategory.CHILD_MUSCULOSKELETAL}


def check_ground_fits(category: RecipientCategory | str, ground: AdmissionGround | str) -> None:
    """R-33: a ground that belongs to one category is given only with it."""
    needed = GROUND_CATEGORY.get(AdmissionGround(ground))
    if needed is not None and RecipientCategory(category) != needed:
        raise DomainError(M("{field}: \"{ground}\" is a ground for the category \"{category}\"; choose another "
                            "ground or category.", field=field_label("admission_ground"),
                            ground=AdmissionGround(ground).label, category=needed.label), "admission_ground")


def check_categories_kept(before: Iterable[RecipientCategory | str], after: Iterable[RecipientCategory | str],
                          held: Iterable[tuple[RecipientCategory | str | None, int]]) -> None:
    """R-26, R-33: the organisation's profile keeps the categories of the people who hold a place (present,
    temporarily away, or offered one; ``held``: each category and how many): unticking one of them (served
    ``before``, not ``after``) is refused, as their stay would become one of a category the organisation does
    not serve. A category is dropped once none of its people holds a place; a profile saved for another reason
    is not refused for a category it did not tick before."""
    removed = {RecipientCategory(c).value for c in before} - {RecipientCategory(c).value for c in after}
    for category, n in held:
        value = category.value if isinstance(category, RecipientCategory) else category
        if n and value in removed:
            raise DomainError(M("{field}: {n} person(s) of the category \"{category}\" live here, are away for a while or "
                                "have been offered a place; keep it ticked while they do.",
                                field=Message(N_("Recipient categories")), n=n,
                                category=RecipientCategory(value).label), "categories")


def check_recorded_category(served: Iterable[RecipientCategory | str], category: RecipientCategory | str | None,
                            ground: AdmissionGround | str | None) -> None:
    """R-33: the category on the card of a person who holds a place is the one recorded at their admission
    (``ground``: that admission's, None when it predates the program). A correction keeps it one the organisation
    serves and, when the ground belongs to one category, that one: the card cannot make an admission unlawful."""
    check_category_served(served, category)
    assert category is not None  # check_category_served refuses none
    needed = GROUND_CATEGORY.get(AdmissionGround(ground)) if ground is not None else None
    if needed is not None and RecipientCategory(category) != needed:
        raise DomainError(M("{field}: the person was admitted on the ground \"{ground}\", which belongs to the "
                            "category \"{category}\"; keep that category.", field=field_label("category"),
                            ground=AdmissionGround(ground).label, category=needed.label), "category")


def check_admission_ground(served: Iterable[RecipientCategory | str], category: RecipientCategory | str | None,
                           ground: AdmissionGround | str | None, birth_date: dt.date | None, on: dt.date,
                           org_type: OrgType | str = OrgType.SEMI_STATIONARY, sex: Sex | str | None = None) -> None:
    """R-33: the category is one the organisation serves, a ground is chosen, and the ground fits the person:
    pension age is a ground for the elderly who have reached it on ``on`` (by ``sex``); the musculoskeletal ground is for such children, from 1.5 years
    in a semi-stationary organisation (the seed sets the age in item 13 2), the semi-stationary item)."""
    check_category_served(served, category)
    require_ground(ground)
    category, ground = RecipientCategory(category), AdmissionGround(ground)
    check_ground_fits(category, ground)
    check_ground_age(ground, birth_date, sex, on, org_type)


def check_ground_age(ground: AdmissionGround, birth_date: dt.date | None, sex: Sex | str | None, on: dt.date,
                     org_type: OrgType | str = OrgType.SEMI_STATIONARY) -> None:
    """R-33: the age a ground asks for, on the day of the admission ``on``: pension age (by ``sex``), one and a half
    years for a child with musculoskeletal disorders in a semi-stationary organisation. Checked at the admission,
    and again when the card's date of birth or sex is corrected afterwards."""
    if ground == AdmissionGround.PENSION_AGE:
        check_pension_age(birth_date, sex, on)
    if ground == AdmissionGround.CHILD_MUSCULOSKELETAL:
        if (OrgType(org_type) == OrgType.SEMI_STATIONARY and birth_date is not None
                and months_between(birth_date, on) < CHILD_MIN_AGE_MONTHS):
            raise DomainError(M("{field}: children with musculoskeletal disorders are admitted from one and a half "
                                "years; on {day} the child is {months} months old.",
                                field=field_label("admission_ground"), day=on,
                                months=months_between(birth_date, on)), "admission_ground")

"""The shared machinery: wording catalogs, dates, line breaking of Kazakh words, fonts."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from babel.messages.pofile import read_po

from app.domain.enums import (
    ActivityTerm,
    DischargeReason,
    DocumentKind,
    OrgType,
    QueueOutcome,
    QueuePriority,
    ResidentStatus,
    ServiceKind,
    Sex,
)
from app.paths import resources_dir
from reports.common import FONT, NBSP, Lang, lang_of
from reports.layout import text_width, wrap_lines
from reports.model import OrderRef, Organisation
from tests.reports.helpers import font_chars

PRINTED_ENUMS = (ServiceKind, ActivityTerm, Sex, ResidentStatus, DischargeReason, QueuePriority, QueueOutcome,
                 DocumentKind)


def _catalog(lang):
    with (resources_dir() / "i18n" / lang / "LC_MESSAGES" / "forms.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def _fields(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def test_catalogs_complete_and_consistent():
    kk, ru = _catalog("kk"), _catalog("ru")
    ids = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in kk if m.id}
    assert ids == {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in ru if m.id}
    assert len(ids) > 150
    assert (kk.num_plurals, ru.num_plurals) == (2, 3)
    for cat in (kk, ru):
        for m in cat:
            if not m.id:
                continue
            assert not m.fuzzy, m.id
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            assert all(strings), m.id
            msgid = m.id if isinstance(m.id, str) else m.id[0]
            assert all(_fields(s) == _fields(msgid) for s in strings), m.id


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_printed_enum_value_has_wording(lang):
    L = lang_of(lang)
    for enum in PRINTED_ENUMS:
        for member in enum:
            assert L.label(member) and L.label(member) != member.msgid


def test_missing_wording_raises_instead_of_printing_english():
    with pytest.raises(LookupError):
        lang_of("kk")("A caption nobody translated")
    with pytest.raises(ValueError):
        Lang("en")


def test_dates_as_the_forms_write_them():
    kk, ru = lang_of("kk"), lang_of("ru")
    assert kk.date(date(2026, 11, 22)) == "2026 жылғы «22» қараша"
    assert ru.date(date(2026, 11, 22)) == "«22» ноября 2026 года"
    assert ru.date(date(2026, 3, 1)) == "«01» марта 2026 года"  # genitive month
    assert kk.date(date(2026, 3, 1)) == "2026 жылғы «01» наурыз"
    assert kk.date(None) == "20__ жылғы «__» ________" and ru.date(None) == "«__» ________ 20__ года"
    assert kk.short(datetime(2026, 1, 5, 9, 30)) == "05.01.2026 09:30" and kk.short(None, "__") == "__"
    assert ru.order(OrderRef(date(2026, 4, 1), "77-ж")) == f"01.04.2026, №{NBSP}77-ж"
    assert ru.order(None) == "" and ru.order(OrderRef(None, "5")) == f"№{NBSP}5"


@pytest.mark.parametrize("n, kk, ru", [(1, "бір", "один"), (23, "жиырма үш", "двадцать три"),
                                       (40, "қырық", "сорок"), (118, "жүз он сегіз", "сто восемнадцать")])
def test_numbers_in_words(n, kk, ru):
    assert lang_of("kk").words(n) == kk and lang_of("ru").words(n) == ru


@pytest.mark.parametrize("n, word", [(1, "лист"), (3, "листа"), (11, "листов"), (22, "листа"), (25, "листов"),
                                     (0, "листов")])
def test_russian_plural_of_sheets(n, word):
    assert lang_of("ru").plural("sheet", "sheets", n) == word
    assert lang_of("kk").plural("sheet", "sheets", n) == "парақ"


def test_type_phrases():
    kk, ru = lang_of("kk"), lang_of("ru")
    home = Organisation(org_type=OrgType.HOME_CARE)
    assert kk.org_type(home, "org type") == "үйде қызмет көрсететін"
    assert ru.org_type(home, "admitted to") == "в организацию надомного обслуживания"
    assert kk.org_type(None, "org type").count("/") == 3
    assert kk.org_name(Organisation("Қазақша", "Русское")) == "Қазақша"
    assert ru.org_name(Organisation("Қазақша", "Русское")) == "Русское"
    assert ru.org_name(Organisation("Қазақша", None)) == "Қазақша"


def _lines(text, width, size=8.5):
    out = wrap_lines(text, width, size, FONT)
    assert all(text_width(line, size, FONT) <= width + 0.01 for line in out)
    return list(out)


def test_kazakh_compound_words_break_after_the_hyphen_only():
    """ReportLab would cut 'әлеуметтік-тұрмыстық' as 'әлеуметтік-тұр' + 'мыстық' (FORMS.md pitfalls)."""
    assert _lines("әлеуметтік-тұрмыстық", 60) == ["әлеуметтік-", "тұрмыстық"]
    assert _lines("1 әлеуметтік-психологиялық көмек", 80) == ["1 әлеуметтік-", "психологиялық көмек"]
    assert _lines("стационарлық/жартылай стационарлық", 70) == ["стационарлық/", "жартылай", "стационарлық"]
    assert _lines("әлеуметтік-тұрмыстық", 200) == ["әлеуметтік-тұрмыстық"]


def test_no_break_inside_numbers_and_no_break_spaces():
    assert _lines("Алматы қ., 12-пәтер", 40) == ["Алматы қ.,", "12-пәтер"]
    assert _lines(f"02.01.2025, №{NBSP}11-ж", 50) == ["02.01.2025,", f"№{NBSP}11-ж"]


def test_a_word_without_break_points_is_cut_only_when_it_cannot_fit():
    lines = _lines("абилитациялау", 30)
    assert len(lines) > 1 and "".join(lines) == "абилитациялау"
    assert _lines("", 30) == [""] and _lines("бір\nекі", 100) == ["бір", "екі"]


def test_font_has_every_kazakh_and_russian_letter():
    letters = "әғқңөұүһіӘҒҚҢӨҰҮҺІ" + "".join(chr(c) for c in range(0x410, 0x450)) + "ёЁ«»№–"
    assert set(letters) <= font_chars()
    licence = resources_dir() / "fonts" / "LICENSE-LiberationSerif.txt"
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence.read_text(encoding="utf-8")

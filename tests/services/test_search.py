"""Issue 11 point 7: any text typed into the residents' search box works on both engines — the words used
are limited, LIKE wildcards and the escape character are matched as themselves, a NUL is no error."""

import pytest

from app.domain.enums import Sex
from app.services.queries import SEARCH_WORDS, search_words
from tests.services.helpers import admit

NAMES = {"plain": "Ахметов", "underscore": "Тест_бір", "percent": "Тест%екі", "similar": "Тестбір",
         "backslash": "Тест\\үш", "slash": "Тест/төрт", "quote": "О'Брайен", "dquote": "Тест\"бес"}


@pytest.fixture
def people(org):
    svc, director, worker = org
    ids = {key: admit(svc, worker, 10 + n, last=last, sex=Sex.MALE) for n, (key, last) in enumerate(NAMES.items())}
    return svc, ids


def found(svc, text: str) -> set[int]:
    return {row.id for row in svc.queries.residents(search=text)[1]}


def test_point7_wildcards_and_the_escape_character_are_plain_letters(people):
    svc, ids = people
    assert found(svc, "_") == {ids["underscore"]}
    assert found(svc, "%") == {ids["percent"]}
    assert found(svc, "тест_") == {ids["underscore"]}
    assert found(svc, "\\") == {ids["backslash"]}
    assert found(svc, "/") == {ids["slash"]}
    assert found(svc, "'") == {ids["quote"]}
    assert found(svc, "\"") == {ids["dquote"]}
    assert found(svc, "тестбір") == {ids["similar"]}


def test_point7_two_thousand_words_work_on_both_engines(people):
    svc, ids = people
    assert found(svc, " ".join(["ахметов"] * 2000)) == {ids["plain"]}
    assert found(svc, " ".join(f"сөз{n}" for n in range(2000))) == set()
    assert found(svc, "Ахметов " + " ".join("асқар" for _ in range(1999))) == {ids["plain"]}


def test_point7_a_nul_and_other_control_characters_are_no_error(people):
    svc, ids = people
    assert found(svc, "Ахм\x00етов") == {ids["plain"]}
    assert found(svc, "\x00\x01\x1f\ud800") == set(found(svc, ""))
    assert found(svc, "ахметов\x00" * 500) == {ids["plain"]}  # the NUL separates words
    assert found(svc, "я" * 100_000) == set()  # one long word: cut to a name's length, no error


def test_point7_the_words_used_are_limited():
    words = search_words(" ".join(f"w{n}" for n in range(2000)))
    assert words == [f"w{n}" for n in range(SEARCH_WORDS)]
    assert search_words("А\x00б  Ё%") == ["а", "б", "е%"]
    assert max(map(len, search_words("я" * 10_000))) == 100

"""Issue 12, point 3: Kazakh alphabetical order of names (app.domain.names). The expected order is derived
from the alphabet as the issue writes it, not from the code."""

import itertools

from app.domain.names import name_key

ALPHABET = "А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я".split()
LATIN = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
ORDER = ALPHABET + LATIN  # Latin after


def reference(name: str) -> tuple:
    """The order of the issue: letter by letter in ORDER, a shorter word first, case ignored."""
    return tuple(tuple(ORDER.index(ch.upper()) for ch in word if ch.isalpha()) for word in name.split())


def kazakh_names() -> list[str]:
    """One surname per letter of the alphabet, the letter in second place (Ба…ев), and each letter first too."""
    names = [f"Б{letter.lower()}ев Арман" for letter in ALPHABET]
    names += [f"{letter}{letter.lower()}ба Әлия" for letter in ALPHABET if letter not in "ЪЫЬ"]
    return names + ["Smith John", "Abdulla Aru"]


def test_the_key_puts_every_kazakh_letter_where_the_alphabet_has_it():
    names = kazakh_names()
    assert sorted(names, key=name_key) == sorted(names, key=reference)


def test_the_examples_of_the_issue():
    names = ["Соколова Анна", "Сәрсенбаев Ерлан", "Тұрсынов Мұхтар", "Төлеуов Бақыт", "Ахметов Б", "Ахмет Бота"]
    assert sorted(names, key=name_key) == ["Ахмет Бота", "Ахметов Б", "Сәрсенбаев Ерлан", "Соколова Анна",
                                           "Төлеуов Бақыт", "Тұрсынов Мұхтар"]


def test_case_parts_and_hyphens_do_not_change_the_order():
    assert name_key("әлиева", "гүл") == name_key("ӘЛИЕВА ГҮЛ")
    assert name_key("Абу-Бакир") == name_key("Абу Бакир")
    assert set(name_key("Сәрсенбаев Ерлан Smith")) <= set("0123456789")  # sorts alike in every collation
    for a, b in itertools.pairwise(ORDER):
        assert name_key(a) < name_key(b)

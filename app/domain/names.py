"""Kazakh alphabetical order of people's names (issue 12, point 3).

The Kazakh Cyrillic alphabet — А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь
Э Ю Я — puts each Kazakh letter after its Russian neighbour (Ә after А, Ө after О, Ұ and Ү after У, І after
Ы). Neither SQLite's byte order nor a PostgreSQL collation knows that, so every list of names is ordered by
a stored key made here, by one function, from the full name: each letter becomes two digits that sort in
the alphabet's order (Latin letters after the Cyrillic ones, digits before both), the parts of a name are
separated by "00" so that a shorter surname comes first (Ахмет before Ахметов). The key holds only the
digits 0-9, so it sorts the same in any collation of either engine."""

from __future__ import annotations

from functools import lru_cache

#: the order of the letters; "ё" is a letter of its own, as in the alphabet
KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
LATIN_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
SEPARATOR = "00"
OTHER = "99"  # a character of no alphabet above: after every letter
#: letters of other Cyrillic alphabets read as the Kazakh letter they are written like
_SIMILAR = {"ї": "і", "є": "е", "ў": "у", "ґ": "г", "ј": "й"}
#: Latin letters with marks read as the plain letter
_PLAIN = str.maketrans("àáâãäåçèéêëìíîïñòóôõöùúûüýÿşğı", "aaaaaaceeeeiiiinooooouuuuyysgi")

_CODES: dict[str, str] = {str(d): f"{1 + d:02d}" for d in range(10)}  # digits: 01-10
_CODES.update({ch: f"{11 + i:02d}" for i, ch in enumerate(KAZAKH_ALPHABET)})  # 11-52
_CODES.update({ch: f"{60 + i:02d}" for i, ch in enumerate(LATIN_ALPHABET)})  # 60-85

#: the key's longest form: three parts of 100 characters, two digits each, two separators
NAME_KEY_LENGTH = 604


def name_key(*parts: str | None) -> str:
    """The sort key of a name given as its parts (last, first, middle) or as one full-name string.

    Case and marks do not count; spaces and hyphens separate words; other punctuation is left out."""
    coded: list[str] = []
    for part in parts:
        if part:
            coded.extend(filter(None, map(_word_key, part.replace("-", " ").split())))
    return SEPARATOR.join(coded)[:NAME_KEY_LENGTH]


class _Codes(dict):
    """``str.translate``'s table from a casefolded character to its code: filled as characters are met
    (one C call codes a whole word; an import of 100,000 people codes 300,000 words)."""

    def __missing__(self, point: int) -> str | None:
        ch = chr(point).translate(_PLAIN)
        ch = _SIMILAR.get(ch, ch)
        code = _CODES.get(ch)
        if code is None:
            code = OTHER if ch.isalpha() else None
        self[point] = code
        return code


_TABLE = _Codes()


@lru_cache(maxsize=65_536)  # names repeat: each word is coded once
def _word_key(word: str) -> str:
    return word.casefold().translate(_TABLE)

"""What a text value may hold, the same on every database engine (issue 11 point 6).

SQLite stores a 101-character name in a ``VARCHAR(100)`` column and a NUL byte in any text;
PostgreSQL refuses both with a raw error. So the program refuses them itself, before the
database sees them: every text field has a maximum length (the length of its database column,
app.db.models, stated in docs/portal-exchange.md) and holds no control characters other
than the tab and line breaks. Exchange files (app.portal.values) and the values typed in the
forms (the check on every flush, app.db.limits) use this one module.
"""

from __future__ import annotations

import datetime as dt
import re

from app.i18n import M, Message

#: the longest text of the long free-text fields (a diagnosis, a plan's correction note, an activity's
#: title …): their columns were unbounded TEXT before migration 0017
LONG_TEXT = 4000

#: the maximum length of each field an exchange file fills, in characters: the length of the database
#: column the field is stored in (a test keeps the two equal)
FIELD_MAX_LENGTH: dict[str, int] = {
    "last_name": 100, "first_name": 100, "middle_name": 100,      # resident.*
    "address": 500, "phone": 100,                                  # resident.*
    "portal_number": 100,                                          # queue_application.portal_number
    "admission_order": 50, "temp_departure_order": 50,             # movement.order_number
    "discharge_order": 50, "transfer_order": 50, "return_order": 50,
    "discharge_reason": 500,                                       # movement.reason_text
    "destination": 500,                                            # movement.destination
}

#: where each exchange field is stored: (table, column)
FIELD_COLUMN: dict[str, tuple[str, str]] = {
    "last_name": ("resident", "last_name"), "first_name": ("resident", "first_name"),
    "middle_name": ("resident", "middle_name"), "address": ("resident", "address"),
    "phone": ("resident", "phone"), "portal_number": ("queue_application", "portal_number"),
    **{f"{event}_order": ("movement", "order_number")
       for event in ("admission", "temp_departure", "discharge", "transfer", "return")},
    "discharge_reason": ("movement", "reason_text"), "destination": ("movement", "destination"),
}

#: NUL and the other C0 control characters except tab, line feed and carriage return; DEL and the C1
#: controls; UTF-16 surrogates (not text: no engine can store them) and the two non-characters
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

#: the invisible formatting characters text pasted from a web page, a PDF or a word processor brings with it: the soft
#: hyphen, the zero-width space and joiners, the direction marks and embeddings, the word joiner and invisible
#: operators, the byte order mark, the language tags. None is seen in a field, and none is a letter of a name; the
#: printed forms show them as a hyphen inside a name, a bar or a gap (LiberationSerif), and a search or an import
#: that matches a name letter by letter misses the person who has one. They are taken out of what is stored
#: (:func:`visible`).
INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
                       "\U000e0001\U000e0020-\U000e007f]")


def visible(text: str) -> str:
    """``text`` without its invisible formatting characters (:data:`INVISIBLE`): what the user sees, and what is
    stored. Every such character is unprintable, so nearly every text is returned at the cost of one check."""
    return text if text.isprintable() else INVISIBLE.sub("", text)


def clean(text: str | None) -> str | None:
    """A typed text as it is kept: without its invisible characters (:func:`visible`) and the spaces at its ends;
    None when nothing is left (a field of a soft hyphen only is as empty as one of spaces)."""
    return (visible(text).strip() or None) if text else None


#: the days a stored date may be, and those an exchange file's reader takes (app.portal.values): an export reads back
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2100, 12, 31)


def control_name(char: str) -> str:
    """A control character as the user can look it up: ``U+0000``."""
    return f"U+{ord(char):04X}"


def text_problem(value: str, max_length: int | None) -> Message | None:
    """What is wrong with ``value`` for a field of ``max_length`` characters, or None."""
    if max_length is not None and len(value) > max_length:
        return M("The text is {length} characters long; at most {limit} fit. Shorten it.",
                 length=len(value), limit=max_length)
    if value.isprintable():  # nearly every text: no character CONTROL matches is printable, so none to search
        return None
    bad = CONTROL.search(value)
    if bad is not None:
        return M("The text holds the control character {char} (position {position}), which cannot be stored; "
                 "remove it.", char=control_name(bad.group()), position=bad.start() + 1)
    return None


def clean_search(text: str) -> str:
    """Search text without the characters no engine can compare (a NUL, a surrogate …)."""
    return CONTROL.sub(" ", text)


def wordless(text: str | None) -> bool:
    """No letter and no digit: "—", ".", "?" typed to get past a field that asks for a number or a description
    (R-01's order number, the "other" reason, a suspension's reason) says nothing, and is refused as empty."""
    return not any(c.isalnum() for c in text or "")

"""The last check before a row is written: its texts fit their columns (issue 11 point 6).

Every insert or update through the ORM passes here, whatever the service, form or import that
made it: a text longer than its column, or holding a control character (app.domain.limits), is
refused with a translated :class:`DomainError` naming the field — the same refusal on SQLite,
which would store it, and on PostgreSQL, which would fail with a raw ``DataError``. The
services' own checks come first; this one makes sure no engine error can surface. The invisible
formatting characters pasted text brings (a zero-width space, a soft hyphen …) are taken out here,
so that what is stored is what the user saw in the field (``app.domain.limits.visible``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import String, event, inspect

from app.domain.errors import DomainError
from app.domain.fields import FIELD_LABELS
from app.domain.limits import FIRST_DAY, LAST_DAY, LONG_TEXT, clean, text_problem, visible
from app.i18n import N_, M, Message

#: the names of the columns that are not also a form field of app.domain.fields
COLUMN_LABELS: dict[str, str] = {
    "diagnosis": N_("Diagnosis"),
    "nationality": N_("Nationality"),
    "social_status": N_("Social status"),
    "came_from": N_("Where the person came from"),
    "parents_info": N_("Parents or relatives"),
    "reason_text": N_("Reason"),
    "title": N_("Title"),
    "title_kk": N_("Title in Kazakh"),
    "title_ru": N_("Title in Russian"),
    "correction_note": N_("Correction note"),
    "positive_text": N_("Positive changes"),
    "no_change_reason": N_("Reason there is no change"),
    "correction": N_("Correction"),
    "removal_grounds": N_("Grounds for removal from the register"),
    "note": N_("Note"),
}


def column_label(key: str) -> Message:
    msgid = FIELD_LABELS.get(key) or COLUMN_LABELS.get(key)
    return Message(msgid) if msgid else Message(N_("The text"))


def max_length(column: Any) -> int | None:
    """The column's length; an unbounded text column is held to :data:`LONG_TEXT`."""
    kind = column.type
    if not isinstance(kind, String) or getattr(kind, "enums", None):
        return None
    return kind.length or LONG_TEXT


def check_row(target: Any, changed_only: bool = False) -> None:
    """Refuse the row when one of its texts does not fit its column, or one of its dates is outside the years an
    exchange file can carry (1900–2100: a date typed as «01.01.0195» was stored, and the export holding it could
    not be read back). ``changed_only``: an update checks the values it changes (a row stored before the limits
    keeps what it holds until it is edited)."""
    state = inspect(target)
    for attr in state.mapper.column_attrs:
        if changed_only and not state.attrs[attr.key].history.has_changes():
            continue
        value = getattr(target, attr.key, None)
        if isinstance(value, dt.date) and not FIRST_DAY <= (value.date() if isinstance(value, dt.datetime)
                                                            else value) <= LAST_DAY:
            raise DomainError(M("{field}: {problem}", field=column_label(attr.key), problem=M(
                "{value} is outside the years 1900–2100; check the year.", value=value)), attr.key)
        if value.__class__ is not str or not value:
            continue
        column = attr.columns[0]
        if not value.isprintable() and max_length(column) is not None and not column.primary_key \
                and visible(value) != value:
            seen = clean(value)  # a column of the row being flushed: the row is written so
            if seen is None and not column.nullable:  # a required text of invisible characters only
                raise DomainError(M("{field}: this field is required.", field=column_label(attr.key)), attr.key)
            setattr(target, attr.key, seen)
            if seen is None:
                continue
            value = seen
        message = text_problem(value, max_length(column))
        if message is not None:
            raise DomainError(M("{field}: {problem}", field=column_label(attr.key), problem=message), attr.key)


def install(base: type) -> None:
    """Check every row of every model derived from ``base`` before it is inserted or updated."""
    event.listen(base, "before_insert", lambda _m, _c, target: check_row(target), propagate=True)
    event.listen(base, "before_update", lambda _m, _c, target: check_row(target, True), propagate=True)

"""The one error type the core raises for a refused request."""

from __future__ import annotations

from typing import Any

from app.i18n import Message


class DomainError(Exception):
    """A request the rules refuse. ``message`` is translatable; ``field`` names the input at fault.

    ``field`` is the code name of the input (``"iin"``, ``"order_date"`` …) so a form can
    highlight it; the rendered message names it in the user's language.
    """

    def __init__(self, message: Message, field: str | None = None, **extra: Any) -> None:
        self.message = message
        self.field = field
        self.extra = extra
        super().__init__(message.render("ru"))

    def render(self, lang: str | None = None) -> str:
        return self.message.render(lang)

    def __str__(self) -> str:
        return self.message.render()


class NotFound(DomainError):
    """The record asked for does not exist (or no longer does)."""


class Conflict(DomainError):
    """Someone else changed the record since it was read (optimistic locking)."""


class PermissionDenied(DomainError):
    """The acting user may not do this."""


class SessionEnded(PermissionDenied):
    """The signed-in user's session ended (account switched off, role changed, password reset): sign in again."""


class KnownPerson(DomainError):
    """A person being added is one the program has already (``resident_id``): ``certain`` when the IIN typed is
    theirs; otherwise they are of the same name and date of birth and one of the two has no IIN, so they may be the
    same person (a form asks; an import refuses). ``resident_id`` None: several such people, none to choose blindly.
    ``served``: the person receives services here now."""

    def __init__(self, message: Message, field: str | None, *, resident_id: int | None, name: str, certain: bool,
                 served: bool = False) -> None:
        super().__init__(message, field)
        self.resident_id, self.name, self.certain, self.served = resident_id, name, certain, served

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

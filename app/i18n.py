"""Translations for the core, the CLI and the GUI (gettext catalogs under resources/i18n).

The catalogs are written as ``.po`` files and compiled once to ``.mo`` files beside them
(resources/i18n/compile.py: run by the bootstrap, the installer build and the tests); the
program only loads the ``.mo`` files, with ``babel.support.Translations``. Messages are
English msgids; every one has a Kazakh and a Russian translation. The current language can change while the
program runs: listeners registered with :func:`on_language_changed` are called.

Code that raises or returns a message for later display uses :class:`Message`
(a msgid plus parameters) so that it is rendered in whatever language is current
when it is shown — a language switch re-renders it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from babel import Locale
from babel.support import NullTranslations, Translations

from app.paths import resources_dir

LANGUAGES = ("kk", "ru")
DEFAULT_LANGUAGE = "kk"

_state = {"lang": DEFAULT_LANGUAGE}
_listeners: list[Callable[[str], None]] = []


def _load_mo(path) -> Translations:
    with path.open("rb") as fh:
        return Translations(fh, domain=path.stem)


def _warn_uncompiled(folder, domain: str) -> None:
    """A checkout whose catalogs were not compiled (or were edited since) shows English or old words: say so."""
    stale = [po.name for po in sorted(folder.glob(f"{domain}*.po"))
             if not po.with_suffix(".mo").exists() or po.with_suffix(".mo").stat().st_mtime_ns < po.stat().st_mtime_ns]
    if stale:
        logging.getLogger("qamqor").warning(
            "translation catalogs not compiled or out of date (%s): run python resources/i18n/compile.py",
            ", ".join(stale))


@cache
def catalog(lang: str, domain: str = "qamqor") -> NullTranslations:
    """The compiled catalog for ``lang`` and ``domain`` (NullTranslations when absent).

    A domain may be split by room into ``{domain}.mo`` and ``{domain}-{room}.mo``
    (``qamqor-ui.mo``, ``qamqor-portal.mo`` …); the parts are chained as fallbacks, the first one
    that translates a message wins.
    """
    folder = resources_dir() / "i18n" / lang / "LC_MESSAGES"
    _warn_uncompiled(folder, domain)
    parts = sorted(folder.glob(f"{domain}.mo")) + sorted(folder.glob(f"{domain}-*.mo"))
    if not parts:
        return NullTranslations()
    head = _load_mo(parts[0])
    for part in parts[1:]:
        head.add_fallback(_load_mo(part))
    return head


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return lang


def current_language() -> str:
    return _state["lang"]


def set_language(lang: str) -> None:
    check_language(lang)
    if lang == _state["lang"]:
        return
    _state["lang"] = lang
    for listener in list(_listeners):
        listener(lang)


def on_language_changed(listener: Callable[[str], None]) -> Callable[[], None]:
    """Register ``listener``; returns a function that unregisters it."""
    _listeners.append(listener)

    def remove() -> None:
        if listener in _listeners:
            _listeners.remove(listener)

    return remove


def locale(lang: str | None = None) -> Locale:
    return _locale(lang or current_language())


@cache
def _locale(lang: str) -> Locale:  # parsed once: every date and number shown in a table asks for it
    return Locale.parse(lang)


def fsize(n: int, lang: str | None = None) -> str:
    """A file size as people read it: kilobytes, or megabytes with one decimal in the language's own way."""
    from babel.numbers import format_decimal

    if n >= 100_000:
        return _("{n} MB", lang).format(n=format_decimal(n / 1_000_000, "0.0", locale=locale(lang)))
    return _("{n} KB", lang).format(n=max(1, n // 1000))


def fdate(day: dt.date | None, lang: str | None = None) -> str:
    """A date as every screen, message and listing shows it: 15.03.1945 (empty for none)."""
    from babel.dates import format_date

    return format_date(day, "dd.MM.yyyy", locale=locale(lang)) if day else ""


def fdatetime(moment: dt.datetime | None, lang: str | None = None) -> str:
    """A moment as shown everywhere: 15.03.2026 09:30 (empty for none)."""
    from babel.dates import format_datetime

    return format_datetime(moment, "dd.MM.yyyy HH:mm", locale=locale(lang)) if moment else ""


def fmonth(month: dt.date, lang: str | None = None, wide: bool = False) -> str:
    """A month as the language names it (Babel, stand-alone form): «наурыз 2026» / «март 2026», or short
    («нау. 26» / «март 26») for chart axes."""
    from babel.dates import format_date

    return format_date(month, "LLLL yyyy" if wide else "LLL yy", locale=locale(lang))


def fpercent(value: float | None, lang: str | None = None) -> str:
    """A share 0 … 1 as a whole per cent in the language's own way; empty when there is none."""
    from babel.numbers import format_percent

    return "" if value is None else format_percent(value, "#,##0%", locale=locale(lang))


def _(msgid: str, lang: str | None = None) -> str:
    return catalog(lang or current_language()).gettext(msgid)


def ngettext(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    return catalog(lang or current_language()).ngettext(singular, plural, n)


def pgettext(context: str, msgid: str, lang: str | None = None) -> str:
    return str(catalog(lang or current_language()).pgettext(context, msgid))  # Babel annotates it `str | object`


def N_(msgid: str) -> str:
    """Mark ``msgid`` for extraction without translating it now."""
    return msgid


@dataclass(frozen=True)
class Message:
    """A translatable message with named parameters, rendered when shown.

    Parameters that are themselves :class:`Message` objects are rendered in the
    same language (a field name inside an error, for instance).
    """

    msgid: str
    params: dict[str, Any] = field(default_factory=dict)
    context: str | None = None

    def render(self, lang: str | None = None) -> str:
        lang = lang or current_language()
        text = pgettext(self.context, self.msgid, lang) if self.context else _(self.msgid, lang)
        if not self.params:
            return text
        return text.format(**{k: _render_param(v, lang) for k, v in self.params.items()})

    def __str__(self) -> str:
        return self.render()


class Number(int):
    """A count in a message, written with the language's digit grouping (Babel: «100 000»); a plain int is written
    as it is (a row number, a position)."""


def _render_param(value: Any, lang: str) -> Any:
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, Number):
        from babel.numbers import format_decimal

        return format_decimal(int(value), locale=locale(lang))
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if hasattr(value, "label") and isinstance(value.label, Message):
        return value.label.render(lang)
    return value


def M(msgid: str, /, **params: Any) -> Message:
    return Message(msgid, dict(params))

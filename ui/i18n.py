"""Switching the interface language while the program runs.

``Translator`` turns the core's language switch (app.i18n) into a Qt signal, and keeps
Qt's own translations (qtbase_kk / qtbase_ru, shipped with PySide6) in step, so standard
buttons and dialogs speak the same language. The few texts of Qt's dialogs that a shipped
catalog lacks are translated in ours (``QtSupplement``). Widgets connect ``language_changed``
to their ``retranslate_ui`` once, in their constructor.
"""

from __future__ import annotations

import re

from babel.numbers import format_decimal
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from app import i18n
from app.i18n import fdate, fdatetime, pgettext  # noqa: F401 - dates: one formatter (app.i18n)

LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский"}


#: Texts Qt's own dialogs show that qtbase_ru.qm (Qt 6.11) does not translate: Qt 6 asks for "&Look in:" where
#: the catalog has "Look in:", and "OK" stays Latin. Translated in our catalogs with the Qt class as the context.
QT_TEXTS = frozenset({("QFileDialog", "&Look in:"), ("QFileDialog", "Files of &type:"), ("QPlatformTheme", "OK")})


def _qt_msgids() -> None:  # pragma: no cover - only read by the catalog extraction
    pgettext("QFileDialog", "&Look in:")
    pgettext("QFileDialog", "Files of &type:")
    pgettext("QPlatformTheme", "OK")


class QtSupplement(QTranslator):
    """Asked by Qt before its shipped catalog (installed after it): answers only ``QT_TEXTS`` and lets everything
    else fall through (None) to qtbase_kk / qtbase_ru."""

    def translate(self, context, source_text, disambiguation=None, n=-1):  # Qt override
        if (context, source_text) in QT_TEXTS:
            text = pgettext(context, source_text)
            if text and text != source_text:
                return text
        return None

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


class Translator(QObject):
    language_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._supplement = QtSupplement(self)
        self._qt = QTranslator(self)
        self._remove = i18n.on_language_changed(self._changed)
        self._install(i18n.current_language())

    def _install(self, lang: str) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeTranslator(self._qt)
            app.removeTranslator(self._supplement)
            path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if self._qt.load(f"qtbase_{lang}", path):
                app.installTranslator(self._qt)
            app.installTranslator(self._supplement)  # installed last, asked first: it answers only QT_TEXTS
        QLocale.setDefault(QLocale(QLocale.Language.Kazakh if lang == "kk" else QLocale.Language.Russian,
                                   QLocale.Country.Kazakhstan))

    def _changed(self, lang: str) -> None:
        self._install(lang)
        self.language_changed.emit(lang)

    def set_language(self, lang: str) -> None:
        i18n.set_language(lang)

    def has_qt_translations(self) -> bool:
        """Qt's own translations (qtbase_kk.qm / qtbase_ru.qm) of the current language were found and loaded."""
        return not self._qt.isEmpty()

    def close(self) -> None:
        self._remove()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeTranslator(self._supplement)
            app.removeTranslator(self._qt)


def fnumber(value: float | int) -> str:
    return format_decimal(value, locale=i18n.locale())


#: "(R-03, R-05)" and a bare "R-15" with what separates it from the next word
RULE_CODES = re.compile(r"\s*\(\s*R-\d\d(?:\s*[,;]\s*R-\d\d)*\s*\)|\bR-\d\d\b(?:\s*[,;]\s*)?")


def without_rules(text: str) -> str:
    """``text`` with its rule codes left out: "by the time (R-03, R-05)." → "by the time."."""
    return re.sub(r"[ \t]{2,}", " ", RULE_CODES.sub("", text)).strip()

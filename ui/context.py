"""What every screen receives through its constructor: the services, the signed-in user,
the translator, and one signal that says data changed (so the journal follows a movement)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.services import Actor, Services
from ui.i18n import Translator


class Context(QObject):
    data_changed = Signal(str)  # topic: "residents", "queue", "plans", "organisation", …
    open_resident = Signal(int)  # ask the main window to show a resident's card
    notice = Signal(str, int)  # what an action did, in words, and the person it concerns (0: none)
    open_page = Signal(str)  # ask the main window to show a main screen (its class name: "ChecklistPage")
    open_deadline = Signal(object)  # a DeadlineRow: show its record (ui.views.deadlines.deadline_target)

    def __init__(self, services: Services, actor: Actor, translator: Translator, database: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.translator = translator
        self.database = database

    def changed(self, topic: str) -> None:
        self.data_changed.emit(topic)

    def tell(self, text: str, resident_id: int | None = None) -> None:
        """Confirm what an action did: the main window shows it in its status bar, with a link to the person's
        card when the action concerns one."""
        self.notice.emit(text, resident_id or 0)


class Page(QWidget):
    """A main screen. Subclasses build layout in ``__init__``, fill data in ``refresh`` and set
    every visible text in ``retranslate_ui`` (called at build and on each language switch)."""

    title = ""  # msgid of the navigation entry
    loads_when_shown = False  # True: the page fills itself in when it becomes visible (see LivePage)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # a bound method: Qt drops the connection when the page is destroyed
        ctx.translator.language_changed.connect(self._language_changed)

    def _language_changed(self, _lang: str) -> None:
        self.retranslate_ui()

    def refresh(self) -> None:
        """Reload from the services."""

    def retranslate_ui(self) -> None:
        """Set every visible text."""

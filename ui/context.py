"""What every screen receives through its constructor: the services, the signed-in user,
the translator, and one signal that says what data changed (so the journal follows a movement).

Change notifications are typed (ARCHITECTURE.md, practice 12; issue 12 point 10): an action announces a
:class:`Change` — the kinds of data it changed and, when it concerns one person, who — and each screen reloads
only for what it shows."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.services import Actor, Services
from ui.i18n import Translator


class Changed(enum.Enum):
    """A kind of data an action can change."""

    RESIDENTS = "residents"        # a person's data, category, status or unit
    MOVEMENTS = "movements"        # journal entries: recorded, corrected, imported, their documents, marked exported
    QUEUE = "queue"                # applications and their places in the queue
    PLANS = "plans"                # individual plans and the monitoring journal
    CASE_FILES = "casefiles"       # the documents of a case file
    CHECKLIST = "checklist"        # the checklist's answers
    ORGANISATION = "organisation"  # the profile, the calendar, the units, the deadline rules
    STAFF = "staff"
    USERS = "users"                # accounts: names, roles, passwords
    STAFFING = "staffing"          # staffing norms: the establishment and the posts filled
    CATALOG = "catalog"            # the catalogue of standard plan activities


#: what recording a movement changes: the journal and the person's status
MOVEMENT = (Changed.MOVEMENTS, Changed.RESIDENTS)


@dataclass(frozen=True)
class Change:
    """What one action changed: the kinds of data and the person concerned (None: several, or not known)."""

    kinds: frozenset[Changed]
    resident_id: int | None = None

    def concerns(self, *kinds: Changed, resident_id: int | None = None) -> bool:
        """True when this change touches one of ``kinds`` and, given ``resident_id``, may touch that person
        (a change naming no one may touch anyone)."""
        if not self.kinds.intersection(kinds):
            return False
        return resident_id is None or self.resident_id is None or self.resident_id == resident_id


class Context(QObject):
    data_changed = Signal(object)  # a Change: what an action changed
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

    def changed(self, *kinds: Changed, resident_id: int | None = None) -> Change:
        """Announce that an action changed ``kinds`` of data (about ``resident_id``, when one person)."""
        if not kinds or not all(isinstance(k, Changed) for k in kinds):
            raise TypeError(f"changed() takes Changed members, not {kinds!r}")
        change = Change(frozenset(kinds), resident_id or None)
        self.data_changed.emit(change)
        return change

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

"""Issue 10 point 5 on screen: an action the signed-in role may not do is disabled, and its tooltip says who
may. The rule is the one table of app.domain.permissions; the services refuse the same use cases, so a
guard only spares the user a refusal.

``guard(button_or_action, ctx, UseCase.X)`` once, where the action is built. The guard holds: a screen that
enables its buttons by the selected row cannot enable a guarded one, and a tooltip the screen sets (a
shortcut hint) gives way to the guard's. The text follows a language switch. Called again with another
context (the main window's menus after a switch of user), it lifts or sets the guard for the new role."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from app.domain.enums import Role
from app.domain.permissions import UseCase, may, tooltip

_NAME = "qamqor_permission_guard"


class _Guard(QObject):
    def __init__(self, target: QWidget | QAction, translator) -> None:
        super().__init__(target)
        self.setObjectName(_NAME)
        self.target = target
        self.role: Role | None = None
        self.use_cases: tuple[UseCase, ...] = ()
        self.own_tip = target.toolTip()
        self.forbidden = False
        self._busy = False
        if isinstance(target, QAction):
            target.changed.connect(self._hold)
        else:
            target.installEventFilter(self)
        translator.language_changed.connect(lambda _lang: self._hold())

    def text(self) -> str:
        return tooltip(*self.use_cases).render()

    def apply(self, role: Role, use_cases: tuple[UseCase, ...]) -> bool:
        was = self.forbidden
        self.role, self.use_cases = role, use_cases
        self.forbidden = not any(may(role, u) for u in use_cases)
        if self.forbidden:
            self._hold()
        elif was:  # a user who may signed in instead
            self._busy = True
            self.target.setToolTip(self.own_tip)
            if isinstance(self.target, QAction):
                self.target.setStatusTip("")
            self.target.setEnabled(True)
            self._busy = False
        return not self.forbidden

    def _hold(self) -> None:
        if not self.forbidden or self._busy:
            return
        self._busy = True
        try:
            if self.target.isEnabled():
                self.target.setEnabled(False)
            text = self.text()
            if self.target.toolTip() != text:
                self.own_tip = self.target.toolTip()
                self.target.setToolTip(text)
            if isinstance(self.target, QAction) and self.target.statusTip() != text:
                self.target.setStatusTip(text)
        finally:
            self._busy = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.target and event.type() in (QEvent.Type.EnabledChange, QEvent.Type.ToolTipChange):
            self._hold()
        return False


def guard(target: QWidget | QAction, ctx, *use_cases: UseCase) -> bool:
    """Disable ``target`` unless the signed-in role may one of ``use_cases``; True when it may."""
    keeper = target.findChild(_Guard, _NAME)
    if keeper is None:
        keeper = _Guard(target, ctx.translator)
    return keeper.apply(ctx.actor.role, use_cases)


def guarded_by(target: QWidget | QAction) -> tuple[UseCase, ...]:
    """The use cases ``target`` is held disabled for (empty when the signed-in role may)."""
    keeper = target.findChild(_Guard, _NAME)
    return keeper.use_cases if keeper is not None and keeper.forbidden else ()


def show_tooltips(*menus: QMenu) -> None:
    """A menu shows its actions' tooltips (who may do a disabled one)."""
    for menu in menus:
        menu.setToolTipsVisible(True)

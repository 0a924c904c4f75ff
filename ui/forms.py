"""Kept so that ``from ui.forms import …`` goes on working: the form building blocks live in
ui.widgets.forms and the date field in ui.widgets.date_field (ARCHITECTURE.md, room ``ui/widgets``)."""

from ui.widgets.date_field import DateField
from ui.widgets.forms import (
    ERROR_STYLE,
    EnumCombo,
    Form,
    GuardedDialog,
    attempt,
    fit_height,
    line,
    offer_sign_in,
    set_bold,
    show_refusal,
    spin,
    text_box,
)

__all__ = ["ERROR_STYLE", "DateField", "EnumCombo", "Form", "GuardedDialog", "attempt", "fit_height", "line",
           "offer_sign_in", "set_bold", "show_refusal", "spin", "text_box"]

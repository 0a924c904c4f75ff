"""The column that shows a plan's steps done after their deadline (R-15), for the plans list and the
resident card: which step, the date it was done and the date it was due; the tooltip adds the rule."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from app.domain.deadlines import Lateness
from app.domain.enums import DeadlineKind
from app.i18n import N_, _
from ui.i18n import fdate
from ui.models.table import Column

#: a late step in a few words
LATE_STEP = {
    DeadlineKind.PLAN_DRAW_UP: N_("drawn up {actual}, due {due}"),
    DeadlineKind.PLAN_RENEW: N_("drawn up {actual}, due {due}"),
    DeadlineKind.PLAN_COMPLETE: N_("completed {actual}, due {due}"),
    DeadlineKind.PLAN_APPROVE: N_("approved {actual}, due {due}"),
}


#: the same in fewer words, for a list where the tooltip gives the dates
LATE_STEP_SHORT = {
    DeadlineKind.PLAN_DRAW_UP: N_("drawn up +{n} d."),
    DeadlineKind.PLAN_RENEW: N_("drawn up +{n} d."),
    DeadlineKind.PLAN_COMPLETE: N_("completed +{n} d."),
    DeadlineKind.PLAN_APPROVE: N_("approved +{n} d."),
}


def lateness_text(late: Sequence[Lateness], short: bool = False) -> str:
    if short:
        return "; ".join(_(LATE_STEP_SHORT[x.step]).format(n=x.days) for x in late)
    return "; ".join(_(LATE_STEP[x.step]).format(actual=fdate(x.actual), due=fdate(x.due)) for x in late)


def lateness_tooltip(late: Sequence[Lateness]) -> str:
    return "\n".join(x.text().render() for x in late)


def late_column(late: Callable[[Any], Sequence[Lateness]], short: bool = False) -> Column:
    """"Late (R-15)": the steps of the row's plan done after their deadline, coloured as overdue (``short``:
    how many days late, the dates in the tooltip)."""
    return Column(N_("Late (R-15)"), lambda r: lateness_text(late(r), short),
                  sort=lambda r: max((x.days for x in late(r)), default=0),
                  tooltip=lambda r: lateness_tooltip(late(r)),
                  state=lambda r: "overdue" if late(r) else None)

"""The director's approval dialog (issue 12 point 9): it shows the plan itself, activities by kind of service,
and either approves it or returns it to its authors with a comment, which the editor then shows."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPlainTextEdit

from app import i18n
from app.domain.enums import PlanStatus, ServiceKind
from ui.views.plans import PlansPage


def _awaiting(ctx):
    plan = ctx.services.plans.awaiting_approval()[0]
    return plan, ctx.services.residents.get(plan.resident_id).full_name


def _open(qtbot, ctx, plan):
    page = PlansPage(ctx)
    qtbot.addWidget(page)
    page.set_filter("awaiting")
    assert page.table.select(plan.resident_id) and page.approve_button.isEnabled()
    page.approve_plan()
    return page, page.dialog


def test_the_dialog_shows_the_activities_by_kind(director_ctx, qtbot):
    plan, name = _awaiting(director_ctx)
    _page, d = _open(qtbot, director_ctx, plan)
    tree = d.activities
    kinds = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    expected = [k for k in ServiceKind if any(a.kind == k for a in plan.activities)]
    assert kinds == [k.text()[:1].upper() + k.text()[1:] for k in expected]
    shown = sorted(tree.topLevelItem(i).child(j).text(0) for i in range(tree.topLevelItemCount())
                   for j in range(tree.topLevelItem(i).childCount()))
    assert shown == sorted(a.title_ru or a.title for a in plan.activities)
    assert name in d.heading.text()


def test_returning_needs_a_comment_then_the_plan_is_a_draft_with_it(director_ctx, qtbot, monkeypatch):
    plan, name = _awaiting(director_ctx)
    page, d = _open(qtbot, director_ctx, plan)
    told = []
    director_ctx.notice.connect(lambda text, _rid: told.append(text))
    assert d.return_for_changes() is False and d.isVisible()  # no comment: said under the field
    assert d.form.error("return_note")
    assert director_ctx.services.plans.get(plan.id).status == PlanStatus.COMPLETED
    note: QPlainTextEdit = d.field("return_note")
    note.setPlainText("Добавьте занятия с психологом.")
    assert d.return_for_changes()
    back = director_ctx.services.plans.get(plan.id)
    assert back.status == PlanStatus.DRAFT and back.return_note == "Добавьте занятия с психологом."
    assert told == [f"План {name} возвращён на доработку."]
    # the authors see the comment at the top of the editor
    from ui.dialogs.plan_editor import PlanEditor

    editor = PlanEditor(director_ctx, plan.resident_id, name, back, parent=page)
    qtbot.addWidget(editor)
    assert "Добавьте занятия с психологом." in editor.banner.text() and not editor.banner.isHidden()


def test_approving_from_the_dialog(director_ctx, qtbot):
    plan, name = _awaiting(director_ctx)
    _page, d = _open(qtbot, director_ctx, plan)
    d.field("date").set_value(plan.completed_on)
    assert d.approve() and d.outcome == "approved"
    assert director_ctx.services.plans.get(plan.id).status == PlanStatus.APPROVED


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_screenshot_of_the_approval_dialog(director_ctx, qtbot, lang, tmp_path):
    from pathlib import Path

    i18n.set_language(lang)
    plan, _name = _awaiting(director_ctx)
    _page, d = _open(qtbot, director_ctx, plan)
    d.show()
    d.return_for_changes()  # the comment's message shows under its field
    qtbot.wait(50)
    out = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    d.grab().save(str(out / f"plan-approval-{lang}.png"))
    assert d.form.error("return_note")

"""The Staffing norms screen (R-29, R-36; issue 13 point 3): the comparison with a shortfall marked red and an
excess blue, undecided positions with the rule's text, the staff list edited through a searchable position list,
the profile saved, a refusal under the field, Print through the preview, and a fit at 1366×768."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.i18n import _
from ui.models.table import STATE_COLOURS
from ui.views.staffing import StaffingPage

with (Path(__file__).resolve().parents[2] / "resources/data/staffing_norms_stationary.csv").open(
        encoding="utf-8", newline="") as fh:
    CSV = {int(r["no"]): r for r in csv.DictReader(fh)}


def page_of(ctx, qtbot) -> StaffingPage:
    page = StaffingPage(ctx)
    qtbot.addWidget(page)
    page.resize(1130, 700)
    page.show()
    page.refresh()
    return page


def row_of(panel, no: int) -> int:
    for r in range(panel.proxy.rowCount()):
        if panel.proxy.index(r, 0).data() == str(no):
            return r
    raise KeyError(no)


def cell(panel, no: int, col: int, role=Qt.ItemDataRole.DisplayRole):
    return panel.proxy.index(row_of(panel, no), col).data(role)


def error_under(widget) -> str:
    return " ".join(lab.text() for lab in widget.parentWidget().findChildren(QLabel)
                    if lab.isVisibleTo(widget.window()))


def test_r29_comparison_marks_shortfall_and_excess_and_shows_undecided_rules(director_ctx, qtbot):
    page = page_of(director_ctx, qtbot)
    norms = page.norms
    assert norms.proxy.rowCount() == 78
    c = page.comparison
    short = next(p for p in c.result.shortfall)
    excess = next(p for p in c.result.excess)  # the demo's staff list has 1.5 psychologists against 1
    red, blue = STATE_COLOURS["overdue"][0], STATE_COLOURS["excess"][0]
    assert cell(norms, short.no, 4, Qt.ItemDataRole.BackgroundRole).name() == red
    assert cell(norms, short.no, 4).startswith("−")
    assert cell(norms, excess.no, 4, Qt.ItemDataRole.BackgroundRole).name() == blue
    assert cell(norms, excess.no, 4).startswith("+")
    assert cell(norms, 24, 2, Qt.ItemDataRole.BackgroundRole).name() == STATE_COLOURS["due"][0]
    assert cell(norms, 24, 2) == _("see the rule") and cell(norms, 24, 5) == "В соответствии с типовыми нормативами"
    assert cell(norms, 40, 2) == CSV[40]["band_upto_25"].replace(".", ",")
    assert str(len(c.result.shortfall)) in page.totals.text()


def test_r29_staff_list_row_added_from_the_searchable_list_and_refused_without_one(director_ctx, qtbot, warnings):
    page = page_of(director_ctx, qtbot)
    before = page.comparison.result.positions[44 - 1].actual  # buffet attendant (row 44)
    page.tabs.setCurrentWidget(page.staff_list)
    d = page.staff_list.add()
    qtbot.addWidget(d)
    combo = d.field("position_no")
    combo.setEditText("несуществующая должность")
    assert d.save() is False
    assert error_under(combo).startswith(_("Position"))
    combo.setEditText("буфетч")  # part of the name: the completer offers it
    combo.completer().setCompletionPrefix("буфетч")
    assert combo.completer().completionCount() == 1
    combo.setEditText(combo.completer().currentCompletion())
    d.field("fte").setValue(0.75)
    assert d.save()
    after = page.comparison.result.positions[44 - 1]
    assert after.actual == before + Decimal("0.75")
    assert "0,75" in page.last_message and "Буфетчик" in page.last_message
    assert not warnings


def test_r29_profile_saved_recomputes(director_ctx, qtbot):
    page = page_of(director_ctx, qtbot)
    page.tabs.setCurrentWidget(page.profile)
    page.profile.form.widget("nurse_posts").setValue(3)
    assert page.profile.save()
    assert page.comparison.result.positions[63 - 1].required == 3 * Decimal("5.25")
    assert page.last_message == _("The staffing profile was saved; the norms are computed anew.")


def test_r29_profile_of_a_social_worker_is_refused(ctx, qtbot, warnings):
    worker_page = page_of(ctx, qtbot)
    assert not worker_page.profile.save_button.isEnabled() and not worker_page.staff_list.add_button.isEnabled()
    worker_page.profile.form.widget("vehicles").setValue(7)
    assert worker_page.profile.save() is False and warnings  # the director's: told in a message box
    assert ctx.services.staffing.profile().stored.vehicles == 2


def test_r29_notes_chosen_by_hand_and_none_is_refused_under_the_notes(director_ctx, qtbot):
    page = page_of(director_ctx, qtbot)
    prof = page.profile
    prof.notes_from_data.setChecked(False)
    for check in prof.note_checks.values():
        check.setChecked(False)
    prof.note_checks[2].setChecked(True)
    assert prof.save()
    assert page.comparison.profile.effective.notes == {2}
    assert page.comparison.result.positions[50 - 1].required == Decimal(CSV[50]["band_upto_25"])


def test_print_opens_the_preview_with_the_staffing_form(director_ctx, qtbot, monkeypatch):
    import ui.dialogs.preview as preview

    seen = []
    monkeypatch.setattr(preview, "open_preview", lambda parent, ctx, title, form, stem, **kw: seen.append(form))
    page = page_of(director_ctx, qtbot)
    page.activateWindow()
    page.norms.view.setFocus()
    qtbot.waitUntil(lambda: page.norms.view.hasFocus())
    qtbot.keyClick(page.norms.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert seen == ["staffing"]


def test_fits_1366x768_in_the_main_window(director_ctx, qtbot):
    from ui.main_window import MainWindow

    w = MainWindow(director_ctx)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    page = w.show_page("StaffingPage")
    for i in range(page.tabs.count()):
        page.tabs.setCurrentIndex(i)
        qtbot.wait(1)
        assert w.minimumSizeHint().width() <= 1366 and w.minimumSizeHint().height() <= 768
        assert w.width() <= 1366 and w.height() <= 768
    assert page.print_button.isVisible() and page.print_button.geometry().right() <= page.width()


def test_the_comparison_reads_each_position_and_rule_whole_on_a_laptop(director_ctx, qtbot):
    """Order 308 Annex 1's long names ("Директордың медициналық жұмыс жөніндегі орынбасары (кем дегенде 6 …)")
    and its rules wrap onto more lines, each row as tall as its texts need at the columns' widths, in both
    languages; a row of one line keeps the usual height."""
    from ui.main_window import MainWindow

    w = MainWindow(director_ctx)
    qtbot.addWidget(w)
    w.resize(1366, 740)
    w.show()
    page = w.show_page("StaffingPage")
    view = page.norms.view
    assert view.wordWrap()
    for lang in ("kk", "ru"):
        w.lang_actions[lang].trigger()
        rows = range(view.model().rowCount())
        # the columns, then the rows fitted once the event loop has run (a busy machine takes a few turns)
        qtbot.waitUntil(lambda rows=rows: all(view.sizeHintForRow(r) <= view.rowHeight(r) for r in rows), timeout=3000)
        assert sum(view.rowHeight(r) > 2 * view.fontMetrics().height() for r in rows) > 5, lang  # some wrap
        assert min(view.rowHeight(r) for r in rows) >= view.fontMetrics().height() + 8


def test_a_refusal_under_the_notes_is_said_again_after_a_language_switch(director_ctx, qtbot):
    """The notes are check boxes, not a form field: a refusal about them (app.domain.staffing.check_profile) is
    routed under the box, and a language switch says it again in the language chosen."""
    from app.i18n import N_, M

    page = page_of(director_ctx, qtbot)
    prof = page.profile
    message = M("{field}: choose among notes 2 to 5 of Annex 1.", field=M(N_("Profile of the organisation")))
    assert prof.form.set_error("notes", message)
    assert not prof.notes_error.isHidden() and prof.notes_error.text() == message.render("ru")
    director_ctx.translator.set_language("kk")
    assert prof.notes_error.text() == message.render("kk") != message.render("ru")
    director_ctx.translator.set_language("ru")
    assert prof.notes_error.text() == message.render("ru")
    prof.form.clear_errors()
    assert prof.notes_error.isHidden()

"""The print preview: renders in the chosen print language, saves, and prints to a PDF printer."""

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from app.services.printing import PrintService
from ui.dialogs.preview import PreviewDialog


def _plan_resident(ctx):
    _t, rows = ctx.services.queries.residents()
    return next(r.id for r in rows if r.plan_status is not None and r.plan_status.value == "approved")


def test_preview_shows_the_form_in_the_print_language_and_saves_and_prints(ctx, qtbot, tmp_path):
    printer = PrintService(ctx.services.sessions)
    rid = _plan_resident(ctx)
    calls = []

    def render(lang):
        calls.append(lang)
        return printer.render("plan", lang, resident_id=rid)

    dlg = PreviewDialog("Individual plan", render, "plan")
    qtbot.addWidget(dlg)
    assert dlg.document.pageCount() >= 1 and calls == ["ru"]
    ru_bytes = dlg.pdf_bytes
    dlg.lang.setCurrentIndex(dlg.lang.findData("kk"))
    assert calls == ["ru", "kk"] and dlg.pdf_bytes != ru_bytes
    out = tmp_path / "saved.pdf"
    dlg.save_to(str(out))
    assert out.read_bytes() == dlg.pdf_bytes
    assert dlg.outcome_label.text() == "Сохранено в saved.pdf"  # the save says it was done, and where
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Бекітемін" in text
    qp = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    qp.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    qp.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dlg.print_to(qp) == dlg.document.pageCount()
    assert str(dlg.document.pageCount()) in dlg.outcome_label.text() and "печать" in dlg.outcome_label.text()
    assert (tmp_path / "printed.pdf").stat().st_size > 1000


def test_preview_refusal_is_shown_not_raised(empty_ctx, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    printer = PrintService(empty_ctx.services.sessions)
    dlg = PreviewDialog("Individual plan", lambda lang: printer.render("plan", lang), "plan")
    qtbot.addWidget(dlg)
    assert shown and dlg.pdf_bytes == b""


def _mappings() -> int:
    with open("/proc/self/maps") as f:
        return sum(1 for _line in f)


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="counts the process's memory mappings (Linux)")
def test_previews_opened_one_after_another_do_not_restart_pdfium(ctx, qtbot):
    """Issue 15: QtPdf shut PDFium down with the last document and started it again with the next one,
    and every start took 8 memory mappings (2 MB of address space) that were never given back."""
    printer = PrintService(ctx.services.sessions)
    rid = _plan_resident(ctx)

    def preview() -> None:
        dlg = PreviewDialog("Individual plan", lambda lang: printer.render("plan", lang, resident_id=rid), "plan")
        assert not dlg.document.render(0, QSize(300, 420)).isNull()
        dlg.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    preview()
    before = _mappings()
    for _i in range(10):
        preview()
    assert _mappings() - before < 20  # a restart of PDFium per preview: 80 more


def test_batch_dialog_prints_the_plans_awaiting_approval_off_the_gui_thread(ctx, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.dialogs.batch import BatchDialog

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dlg = BatchDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.folder.setText(str(tmp_path / "out"))
    dlg.radios["year"].setChecked(True)
    with qtbot.waitSignal(dlg.finished_batch, timeout=60000) as blocker:
        dlg.start_batch()
    paths = blocker.args[0]
    assert paths and all(p.exists() and p.read_bytes().startswith(b"%PDF") for p in paths)
    assert any(p.name.startswith("plans_") for p in paths) and any(p.name.startswith("monitoring_") for p in paths)


def test_journal_and_queue_pages_open_the_print_preview(ctx, qtbot, monkeypatch):
    from ui.dialogs import preview
    from ui.views.journal import JournalPage
    from ui.views.queue import QueuePage

    opened = []
    monkeypatch.setattr(preview.PreviewDialog, "exec", lambda self: opened.append((self.file_stem, len(self.pdf_bytes))))
    for cls in (JournalPage, QueuePage):
        page = cls(ctx)
        qtbot.addWidget(page)
        page.print_()
    assert [stem.split("_")[0] for stem, _n in opened] == ["journal", "queue"]
    assert all(n > 1000 for _s, n in opened)


def test_resident_card_prints_each_form_of_the_resident(ctx, qtbot, monkeypatch):
    from ui.dialogs import preview
    from ui.dialogs.resident_card import PRINTABLE, ResidentCard

    rid = _plan_resident(ctx)
    iin = ctx.services.residents.get(rid).iin
    opened = []
    monkeypatch.setattr(preview.PreviewDialog, "exec", lambda self: opened.append((self.file_stem, self.pdf_bytes)))
    card = ResidentCard(ctx, rid)
    qtbot.addWidget(card)
    for form, _title in PRINTABLE:
        card.print_actions[form].trigger()
    assert [stem for stem, _b in opened] == [f"{form}_{iin}" for form, _t in PRINTABLE]
    assert all(pdf.startswith(b"%PDF") for _s, pdf in opened)


def test_cancelled_batch_gives_the_dialog_back(ctx, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.dialogs.batch import BatchDialog

    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dlg = BatchDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.folder.setText(str(tmp_path / "out"))
    dlg.radios["year"].setChecked(True)
    dlg.start_batch()
    dlg.job.cancel_event.set()  # as the Cancel button does
    qtbot.waitUntil(lambda: dlg.buttons.isEnabled(), timeout=60000)
    assert not told  # cancelled: no "files written" message, and the buttons are back


def test_the_preview_window_is_made_once_and_shows_each_form_in_turn(ctx, qtbot, monkeypatch):
    """Issue 15: every Print… reuses one preview window (a QPdfView made and deleted leaves Qt memory behind)."""
    from PySide6.QtWidgets import QMessageBox, QWidget

    from app import i18n
    from ui.dialogs.preview import preview_of

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    printer = PrintService(ctx.services.sessions)
    rid = _plan_resident(ctx)
    window = QWidget()
    qtbot.addWidget(window)
    card = QWidget(window)  # a preview asked for from inside a dialog belongs to the main window
    first = preview_of(card, "Individual plan", lambda lang: printer.render("plan", lang, resident_id=rid), "plan")
    first.lang.setCurrentIndex(first.lang.findData("kk"))  # the user switched the print language
    plan_kk = first.pdf_bytes
    i18n.set_language("ru")
    second = preview_of(window, "Queue", lambda lang: printer.render("queue", lang), "queue")
    assert second is first and second.parent() is window
    assert second.file_stem == "queue" and second.print_language() == "ru" and second.pdf_bytes != plan_kk
    assert preview_of(window, "Individual plan", lambda lang: printer.render("plan", lang), "plan") is None  # refused
    assert len(window.findChildren(type(first))) == 1

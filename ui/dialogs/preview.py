"""In-app preview of a printed form (QtPdf), with the print language chosen here — independent
of the interface language — then the system print dialog or Save as PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QSize, Qt
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.i18n import _, ngettext
from app.paths import write_private
from ui.forms import show_refusal
from ui.i18n import LANGUAGE_NAMES
from ui.widgets.icons import set_icons

#: the object name of the document that keeps PDFium started (see keep_pdfium_started)
PDFIUM_KEEPER = "qamqor-pdfium-keeper"
#: the object name of the reused preview window (see preview_of)
PREVIEW_NAME = "qamqor-preview"


def keep_pdfium_started() -> None:
    """QtPdf starts PDFium when the first QPdfDocument is made and shuts it down when the last one is
    deleted; every start reserves new memory that PDFium's allocator never returns (8 more mappings,
    2 MB of address space and about 16 KB resident per start: a day of previews opened and closed
    one at a time grew without bound, issue 15). One empty document owned by the application keeps
    PDFium started from the first preview until the program ends."""
    app = QCoreApplication.instance()
    if app is not None and app.findChild(QPdfDocument, PDFIUM_KEEPER,
                                         Qt.FindChildOption.FindDirectChildrenOnly) is None:
        QPdfDocument(app).setObjectName(PDFIUM_KEEPER)


class PreviewDialog(QDialog):
    """``render(lang) -> bytes`` makes the PDF; it is called again when the print language changes."""

    def __init__(self, title: str, render: Callable[[str], bytes], file_stem: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(PREVIEW_NAME)
        self.title_msgid, self.render_fn, self.file_stem = title, render, file_stem
        self.pdf_bytes = b""
        keep_pdfium_started()
        self.document = QPdfDocument(self)
        self.buffer: QBuffer | None = None
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        pal = self.view.palette()
        pal.setColor(QPalette.ColorRole.Dark, QColor("#8a8a8a"))
        self.view.setPalette(pal)
        self.view.setDocument(self.document)
        self.lang_label = QLabel()
        self.lang = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.lang.addItem(name, code)
        self.lang.setCurrentIndex(self.lang.findData(i18n.current_language()))
        self.lang_label.setBuddy(self.lang)
        self.pages = QLabel()
        self.outcome_label = QLabel()  # what Save or Print did
        self.print_button, self.save_button, self.close_button = QPushButton(), QPushButton(), QPushButton()
        self.print_button.setDefault(True)
        set_icons({self.print_button: "printer", self.save_button: "file-down", self.close_button: "x"})
        bar = QHBoxLayout()
        for w in (self.lang_label, self.lang, self.pages):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.outcome_label)
        for button in (self.print_button, self.save_button, self.close_button):
            bar.addWidget(button)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.view, 1)
        self.lang.currentIndexChanged.connect(lambda _i: self.load())
        self.print_button.clicked.connect(self.print_)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.print_)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        self.resize(1000, 720)
        self.retranslate_ui()
        self.load()

    def show_form(self, title: str, render: Callable[[str], bytes], file_stem: str) -> bool:
        """Show another form in this (reused) preview, in the interface language first."""
        self.title_msgid, self.render_fn, self.file_stem = title, render, file_stem
        self.lang.blockSignals(True)
        self.lang.setCurrentIndex(self.lang.findData(i18n.current_language()))
        self.lang.blockSignals(False)
        self.pdf_bytes = b""
        return self.load()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_(self.title_msgid))
        self.lang_label.setText(_("Print &language:"))
        self.print_button.setText(_("&Print…"))
        self.save_button.setText(_("&Save as PDF…"))
        self.close_button.setText(_("&Close"))
        self.pages.setText(_("Pages: {n}").format(n=self.document.pageCount()) if self.pdf_bytes else "")

    def print_language(self) -> str:
        return self.lang.currentData()

    def load(self) -> bool:
        """Render in the chosen print language and show it; a refusal is shown, nothing else changes."""
        try:
            pdf = self.render_fn(self.print_language())
        except Exception as exc:  # the renderer refused (e.g. no plan yet): say why
            show_refusal(self, exc)
            return False
        self.pdf_bytes = pdf
        self.outcome_label.clear()
        self.document.close()
        if self.buffer is not None:  # the previous language's PDF: not kept until the dialog closes
            self.buffer.deleteLater()
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(pdf))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self.buffer)
        self.retranslate_ui()
        return True

    def save(self) -> None:
        name = f"{self.file_stem}_{self.print_language()}.pdf"
        path, _filter = QFileDialog.getSaveFileName(self, _("Save as PDF"), name, _("PDF files (*.pdf)"))
        if path:
            self.save_to(path)

    def save_to(self, path: str) -> None:
        try:
            write_private(Path(path), self.pdf_bytes)
        except OSError as exc:
            QMessageBox.warning(self, _("The file was not saved"),
                                _("Could not write {path}: {reason}. Choose another folder.").format(
                                    path=path, reason=exc.strerror or exc))
            return
        self.outcome_label.setText(_("Saved to {path}").format(path=Path(path).name))
        self.outcome_label.setToolTip(path)

    def print_(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.file_stem)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Paint every page at the printer's resolution; returns the number of pages sent."""
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, _("Printing failed"), _("The printer could not be started; check it is "
                                                              "switched on and chosen in the print dialog."))
            return 0
        count = self.document.pageCount()
        try:
            for page in range(count):
                if page:
                    printer.newPage()
                target = painter.viewport()
                size = self.document.pagePointSize(page)
                scaled = size.scaled(target.size().toSizeF(), Qt.AspectRatioMode.KeepAspectRatio).toSize()
                image = self.document.render(page, QSize(scaled.width(), scaled.height()))
                painter.drawImage(0, 0, image)
        finally:
            painter.end()
        self.outcome_label.setText(ngettext("{n} page sent to the printer", "{n} pages sent to the printer", count).format(
            n=count))
        self.outcome_label.setToolTip("")
        return count


def preview_of(parent: QWidget, title: str, render: Callable[[str], bytes], stem: str) -> PreviewDialog | None:
    """The program's one preview window, showing ``render``'s PDF; None when the renderer refused (the user
    was told). It is made once, as a child of the main window, and reused: every QPdfView made and deleted
    leaves a little of Qt's memory behind, which a day of previews would add up (issue 15)."""
    top = parent
    while (up := top.parentWidget()) is not None:
        top = up
    dialog = top.findChild(PreviewDialog, PREVIEW_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    if dialog is None:
        dialog = PreviewDialog(title, render, stem, top)
        return dialog if dialog.pdf_bytes else None
    return dialog if dialog.show_form(title, render, stem) else None


def open_preview(parent: QWidget, ctx, title: str, form: str, stem: str, **kwargs) -> PreviewDialog | None:
    """Show ``form`` (a PrintService form name) in the preview; ``kwargs`` go to PrintService.render.
    Each rendering is recorded in the audit log as the signed-in user's print of that form."""
    from app.services.printing import PrintService

    printer = PrintService(ctx.services.sessions)
    dialog = preview_of(parent, title, lambda lang: printer.render(form, lang, actor=ctx.actor, **kwargs), stem)
    if dialog is not None:
        dialog.exec()
    return dialog

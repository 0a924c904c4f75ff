"""One look for the whole program: a light background, one accent colour, one spacing scale and one type
scale, applied once at start (ui/app.py ``apply``). Screens do not set colours or font sizes of their own:
they take the colours, sizes and panels from here (``font``, ``muted``, ``paint_panel``). Contrast: the text colours on their backgrounds are at least 4.5:1 (WCAG AA) — the accent on white
5.5:1, the muted text on the window colour 5.9:1.

Sizes are for a 1366×768 screen at 100 %: the base font stays the system's (Segoe UI 9 pt on Windows), the
headings and numbers grow from it by the steps of ``TYPE``.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory, QWidget

# --- colours --------------------------------------------------------------------------------------------
WINDOW = "#f4f6f8"  # the window behind everything: a light, slightly cool grey
SURFACE = "#ffffff"  # tables, fields, cards
BORDER = "#d5dbe1"
TEXT = "#1f2933"
MUTED = "#52606d"  # secondary text: captions, hints, section headers
ICON = "#3e4c59"
DISABLED = "#9aa5b1"
ACCENT = "#0f6e6e"  # the one accent: a calm teal (5.5:1 on white)
ACCENT_SOFT = "#e3f1f0"  # hover and the selected row when the table has no focus
ON_ACCENT = "#ffffff"
ALERT = "#b42318"  # overdue: red used for that one meaning only

# --- spacing (pixels) and type (points added to the base font) --------------------------------------------
SPACE = {"xs": 4, "s": 8, "m": 12, "l": 16, "xl": 24}
TYPE = {"small": -1, "body": 0, "heading": 3, "title": 5, "number": 12}


def font(step: str, bold: bool = False) -> QFont:
    """The application font grown by the type scale's ``step``."""
    f = QFont(QApplication.font())
    size = f.pointSizeF() if f.pointSizeF() > 0 else 9.0
    f.setPointSizeF(max(size + TYPE[step], 7.0))
    f.setBold(bold)
    return f


def palette() -> QPalette:
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: WINDOW, QPalette.ColorRole.WindowText: TEXT, QPalette.ColorRole.Base: SURFACE,
        QPalette.ColorRole.AlternateBase: "#f7f9fa", QPalette.ColorRole.Text: TEXT, QPalette.ColorRole.Button: "#fbfcfd",
        QPalette.ColorRole.ButtonText: TEXT, QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: ON_ACCENT, QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: TEXT, QPalette.ColorRole.PlaceholderText: MUTED,
        QPalette.ColorRole.Link: ACCENT, QPalette.ColorRole.Light: "#ffffff", QPalette.ColorRole.Mid: BORDER,
        QPalette.ColorRole.Midlight: "#e9edf1", QPalette.ColorRole.Dark: "#9aa5b1", QPalette.ColorRole.Shadow: "#7b8794",
    }
    for role, color in roles.items():
        p.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED))
    p.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight, QColor("#cfe5e3"))
    p.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.HighlightedText, QColor(TEXT))
    return p


def paint_panel(widget: QWidget, fill: str, border: str, width: int = 1, dashed: bool = False,
                radius: int = 8) -> None:
    """A rounded panel behind ``widget``'s children (the cards, the empty states, the first steps): drawn by
    the widget itself, since an application stylesheet would slow every screen's painting."""
    painter = QPainter(widget)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(border), width)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(QColor(fill))
    half = width / 2
    painter.drawRoundedRect(QRectF(widget.rect()).adjusted(half, half, -half, -half), radius, radius)
    painter.end()


def muted(label: QWidget) -> None:
    """Secondary text (captions, hints) in the muted colour."""
    pal = label.palette()
    pal.setColor(QPalette.ColorRole.WindowText, QColor(MUTED))
    label.setPalette(pal)


#: the dialogs' standard buttons (OK, Save, Cancel, Close …) drawn with the program's icons
DIALOG_ICONS = {
    QStyle.StandardPixmap.SP_DialogOkButton: "check", QStyle.StandardPixmap.SP_DialogApplyButton: "check",
    QStyle.StandardPixmap.SP_DialogYesButton: "check", QStyle.StandardPixmap.SP_DialogSaveButton: "save",
    QStyle.StandardPixmap.SP_DialogCancelButton: "x", QStyle.StandardPixmap.SP_DialogNoButton: "x",
    QStyle.StandardPixmap.SP_DialogCloseButton: "x", QStyle.StandardPixmap.SP_DialogResetButton: "rotate-ccw",
    QStyle.StandardPixmap.SP_DialogDiscardButton: "trash-2", QStyle.StandardPixmap.SP_DialogHelpButton: "info",
    QStyle.StandardPixmap.SP_DialogOpenButton: "folder-open",
}


class Style(QProxyStyle):
    """Fusion, with the icons of the set on the dialogs' standard buttons (Fusion draws none there)."""

    def styleHint(self, hint, option=None, widget=None, data=None):  # noqa: N802 - Qt override
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, data)

    def standardIcon(self, standard, option=None, widget=None):  # noqa: N802 - Qt override
        name = DIALOG_ICONS.get(standard)
        if name is not None:
            from ui.widgets.icons import icon

            return icon(name)
        return super().standardIcon(standard, option, widget)


def apply(app: QApplication) -> None:
    """Fusion with the palette, once for the whole program (no application stylesheet: it would slow the
    painting of every screen; the few panels of their own are drawn by ``paint_panel``)."""
    fusion = QStyleFactory.create("Fusion")
    if fusion is not None:
        app.setStyle(Style(fusion))
    app.setPalette(palette())

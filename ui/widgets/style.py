"""One look for the whole program: a light background, one accent colour, one spacing scale and one type
scale, applied once at start (ui/app.py ``apply``). Screens do not set colours or font sizes of their own:
they name a role (an object name such as ``card`` or ``emptyTitle``) and the stylesheet below gives it its
look. Contrast: the text colours on their backgrounds are at least 4.5:1 (WCAG AA) — the accent on white
5.5:1, the muted text on the window colour 5.9:1.

Sizes are for a 1366×768 screen at 100 %: the base font stays the system's (Segoe UI 9 pt on Windows), the
headings and numbers grow from it by the steps of ``TYPE``.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory

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


def stylesheet() -> str:
    """The roles' looks. Ordinary buttons, fields and tables keep Fusion's drawing with the palette above."""
    s, base = SPACE, QApplication.font().pointSizeF() or 9.0
    return f"""
QListWidget#navigation {{ background: {SURFACE}; border: none; border-right: 1px solid {BORDER};
    padding: {s['s']}px {s['xs']}px; outline: 0; }}
QFrame#card {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px; }}
QFrame#card:hover {{ border-color: {ACCENT}; background: {ACCENT_SOFT}; }}
QFrame#card:focus {{ border: 2px solid {ACCENT}; }}
QLabel#cardNumber {{ color: {TEXT}; font-size: {base + TYPE['number']:.0f}pt; font-weight: 600; }}
QLabel#cardCaption {{ color: {MUTED}; }}
QFrame#emptyState, QFrame#firstSteps {{ background: {SURFACE}; border: 1px dashed {BORDER}; border-radius: 8px; }}
QLabel#emptyTitle, QLabel#firstStepsTitle {{ font-size: {base + TYPE['heading']:.0f}pt; font-weight: 600;
    color: {TEXT}; }}
QFrame#emptyLine QLabel {{ color: {MUTED}; }}
QLabel#emptyHint, QLabel#firstStepsHint {{ color: {MUTED}; }}
QGroupBox {{ font-weight: 600; border: 1px solid {BORDER}; border-radius: 6px; margin-top: 1.1em;
    background: {SURFACE}; padding-top: 2px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: {s['s']}px; padding: 0 {s['xs']}px; color: {TEXT}; }}
QGroupBox#overdue::title {{ color: {ALERT}; }}
QTableView {{ gridline-color: #e4e7eb; selection-background-color: {ACCENT}; }}
QHeaderView::section {{ background: #eef1f4; color: {TEXT}; border: none; border-right: 1px solid {BORDER};
    border-bottom: 1px solid {BORDER}; padding: 2px {s['xs']}px; }}
QStatusBar {{ background: {SURFACE}; border-top: 1px solid {BORDER}; color: {MUTED}; }}
QStatusBar QLabel {{ color: {MUTED}; }}
"""


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
    """Fusion with the palette and the stylesheet, once for the whole program."""
    fusion = QStyleFactory.create("Fusion")
    if fusion is not None:
        app.setStyle(Style(fusion))
    app.setPalette(palette())
    app.setStyleSheet(stylesheet())

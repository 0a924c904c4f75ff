"""The program's icons: Lucide SVG files shipped in resources/icons/ (ISC licence, LICENSE-Lucide.txt beside
them), drawn in the palette's colours. One set, one stroke width, one colour per state, so every button,
menu entry and navigation item looks the same.

``icon("printer")`` gives a QIcon; ``set_icons({button: "printer", action: "plus"})`` puts icons on buttons
and actions. An icon name not shipped is an error at once (a test walks every name used)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QAction, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton

from ui.widgets import style

ICONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons"
#: the pixel sizes drawn: 16 for menus and tables, 18–20 for buttons and navigation, 24–32 for cards
SIZES = (16, 18, 20, 24, 32, 48)


def path_of(name: str) -> Path:
    path = ICONS_DIR / f"{name}.svg"
    if not path.is_file():
        raise FileNotFoundError(f"icon {name!r} is not shipped in {ICONS_DIR}")
    return path


def _pixmap(svg: str, color: str, size: int) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg.replace("currentColor", color).encode("utf-8")))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


@cache
def icon(name: str, color: str = "") -> QIcon:
    """The icon ``name`` (a file name in resources/icons without .svg) in ``color`` (default: the text colour),
    grey when disabled, the accent's text colour when selected."""
    svg = path_of(name).read_text(encoding="utf-8")
    result = QIcon()
    for size in SIZES:
        result.addPixmap(_pixmap(svg, color or style.ICON, size), QIcon.Mode.Normal)
        result.addPixmap(_pixmap(svg, style.DISABLED, size), QIcon.Mode.Disabled)
        result.addPixmap(_pixmap(svg, color or style.ACCENT, size), QIcon.Mode.Active)
        result.addPixmap(_pixmap(svg, style.ON_ACCENT, size), QIcon.Mode.Selected)
    return result


def set_icons(pairs: dict[QAbstractButton | QAction, str], size: int = 18) -> None:
    """Put the named icon on each button or action (buttons get ``size`` pixels)."""
    for target, name in pairs.items():
        target.setIcon(icon(name))
        if isinstance(target, QAbstractButton):
            target.setIconSize(QSize(size, size))

"""The program's icons: Lucide SVG files shipped in resources/icons/ (ISC licence, LICENSE-Lucide.txt beside
them), drawn in the palette's colours. One set, one stroke width, one colour per state, so every button,
menu entry and navigation item looks the same.

``icon("printer")`` gives a QIcon; ``set_icons({button: "printer", action: "plus"})`` puts icons on buttons
and actions. An icon name not shipped is an error at once (a test walks every name used)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QAction, QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton

from ui.widgets import style

ICONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons"


def path_of(name: str) -> Path:
    path = ICONS_DIR / f"{name}.svg"
    if not path.is_file():
        raise FileNotFoundError(f"icon {name!r} is not shipped in {ICONS_DIR}")
    return path


def _pixmap(svg: str, color: str, size: QSize) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg.replace("currentColor", color).encode("utf-8")))
    pixmap = QPixmap(size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = min(size.width(), size.height())
    renderer.render(painter, QRectF((size.width() - side) / 2, (size.height() - side) / 2, side, side))
    painter.end()
    return pixmap


class _SvgEngine(QIconEngine):
    """Draws the SVG at the size and in the colour of the state asked, when first asked (a screen's icons cost
    nothing until painted), and keeps what it drew."""

    def __init__(self, svg: str, color: str) -> None:
        super().__init__()
        self.svg, self.color = svg, color
        self.drawn: dict[tuple[int, int, QIcon.Mode], QPixmap] = {}

    def _color(self, mode: QIcon.Mode) -> str:
        if mode == QIcon.Mode.Disabled:
            return style.DISABLED
        if mode == QIcon.Mode.Selected:
            return style.ON_ACCENT
        if mode == QIcon.Mode.Active:
            return self.color or style.ACCENT
        return self.color or style.ICON

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:  # Qt override
        key = (size.width(), size.height(), mode)
        if key not in self.drawn:
            self.drawn[key] = _pixmap(self.svg, self._color(mode), size)
        return self.drawn[key]

    def paint(self, painter: QPainter, rect, mode: QIcon.Mode, state: QIcon.State) -> None:  # Qt override
        painter.drawPixmap(rect, self.pixmap(rect.size(), mode, state))

    def clone(self) -> QIconEngine:  # Qt override
        twin = _SvgEngine(self.svg, self.color)
        _ENGINES.append(twin)  # owned by Qt's icon: kept from Python's collector
        return twin


_ENGINES: list[_SvgEngine] = []


@cache
def icon(name: str, color: str = "") -> QIcon:
    """The icon ``name`` (a file name in resources/icons without .svg) in ``color`` (default: the text colour),
    grey when disabled, white on the accent when selected, the accent when focused."""
    engine = _SvgEngine(path_of(name).read_text(encoding="utf-8"), color)
    _ENGINES.append(engine)
    return QIcon(engine)


def set_icons(pairs: dict[QAbstractButton | QAction, str], size: int = 18) -> None:
    """Put the named icon on each button or action (buttons get ``size`` pixels)."""
    for target, name in pairs.items():
        target.setIcon(icon(name))
        if isinstance(target, QAbstractButton):
            target.setIconSize(QSize(size, size))

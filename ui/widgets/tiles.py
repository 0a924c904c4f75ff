"""Number tiles: a caption over a big number, and the row of occupancy tiles the queue and the dashboard show
(moved from ui/views/queue.py, issue 12 point 10)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _
from ui.i18n import fnumber


class ShowsNumber(Protocol):
    """A tile or a card: anything that shows one number."""

    def set_value(self, value: int) -> None: ...


class NumberTile(QFrame):
    """A caption over a big number."""

    def __init__(self, caption: str, size: int = 20, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = caption
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number, self.label = QLabel("–"), QLabel()
        self.number.setObjectName("number")
        font = self.number.font()
        font.setPointSize(size)
        font.setBold(True)
        self.number.setFont(font)
        self.label.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 4, 10, 4)
        lay.setSpacing(0)
        lay.addWidget(self.number)
        lay.addWidget(self.label)
        self.retranslate_ui()

    def set_value(self, value: int) -> None:
        self.number.setText(fnumber(value))

    def retranslate_ui(self) -> None:
        self.label.setText(_(self.caption))


def occupancy_tiles(parent: QWidget, size: int) -> tuple[QHBoxLayout, dict[str, NumberTile]]:
    """Capacity, present, temporarily absent, offered to persons in the queue (held for them, R-03) and
    vacant places, side by side."""
    row = QHBoxLayout()
    tiles = {key: NumberTile(caption, size, parent) for key, caption in (
        ("capacity", N_("Capacity")), ("present", N_("Present")),
        ("temporarily_absent", N_("Temporarily absent")), ("on_offer", N_("Places on offer")),
        ("vacant", N_("Vacant places")))}
    for tile in tiles.values():
        row.addWidget(tile)
    return row, tiles


def show_occupancy(tiles: Mapping[str, ShowsNumber], occ) -> None:
    for key, tile in tiles.items():
        if hasattr(occ, key):
            tile.set_value(getattr(occ, key))

"""Text layout and drawing for the forms: line breaking, and three flowables that write
straight into the page content.

ReportLab's Paragraph and Table cost a text object per line and about 0.3 ms a table cell,
which made a 10,000-row journal take most of a minute and a plan about 45 ms. Here every
flowable lays out plain text itself and writes it as one text block (:func:`emit_text`):
- :class:`Text`  a paragraph of plain text (wraps, splits across pages);
- :class:`Lines` borderless rows on fixed columns with ruled lines under chosen cells
  (fields, signature lines, captions, the annex block);
- :class:`Grid`  a ruled table with header rows repeated on every page, merged cells, rows
  grouped under a kind of service, splitting between rows or inside a row taller than a page.

Line breaking (:func:`wrap_lines`) breaks compound words after a hyphen or slash between
letters, which ReportLab does not do for Kazakh letters outside basic Cyrillic (FORMS.md). A word
is never cut between its letters in a table cell (issue 9 point 15): a cell holding a word wider
than its column is set smaller until the word fits (:func:`fit_lines`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import repeat
from typing import Any, Literal, NamedTuple, cast, overload

from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable

from app.domain.limits import visible

PAD_X, PAD_TOP, PAD_BOTTOM = 2.5, 2.0, 2.5
LINE_WIDTH = 0.5
BLANK_ROW_HEIGHT = 16.0


# ---------------------------------------------------------------- metrics and line breaking
@lru_cache(maxsize=16)
def _metrics(font: str):
    face = cast(TTFont, pdfmetrics.getFont(font)).face  # the shipped TTFs (getFont is typed as returning a Type 1 Font)
    return face.charWidths.get, face.defaultWidth, face.ascent / 1000.0, -face.descent / 1000.0


def text_width(text: str, size: float, font: str) -> float:
    get, default, _, _ = _metrics(font)
    return 0.001 * size * sum(map(get, map(ord, text), repeat(default)))


def leading(size: float) -> float:
    return round(size * 1.2, 2)


def _segments(word: str) -> list[str]:
    """Split a word after each hyphen or slash between letters:
    'әлеуметтік-тұрмыстық' -> ['әлеуметтік-', 'тұрмыстық']; '12-пәтер' and '45-ж' stay whole."""
    out, start = [], 0
    for i in range(1, len(word) - 1):
        if word[i] in "-/" and word[i - 1].isalpha() and word[i + 1].isalpha():
            out.append(word[start:i + 1])
            start = i + 1
    out.append(word[start:])
    return out


@lru_cache(maxsize=65536)
def wrap_lines(text: str, width: float, size: float, font: str) -> tuple[str, ...]:
    """Greedy line breaking of ``text`` into ``width`` points.

    Breaks at plain spaces (a no-break space keeps its neighbours together) and after a hyphen
    or slash inside a compound word; a piece wider than the whole line is cut between letters
    as a last resort.
    """
    return _wrap(text, width, size, font, True)


MIN_CELL_SIZE = 5.0  # the smallest type a cell is set in to keep its words whole


class Shrunk(tuple):
    """The lines of a table cell set smaller than its table (``size``) so that no word is cut."""

    size: float

    def __new__(cls, lines, size: float):
        obj = super().__new__(cls, lines)
        obj.size = size
        return obj


@lru_cache(maxsize=65536)
def fit_lines(text: str, width: float, size: float, font: str) -> tuple[str, ...]:
    """The lines of a table cell: :func:`wrap_lines`, unless a word is wider than the column — then the
    cell is set smaller, half a point at a time, until every word fits (a :class:`Shrunk`); only a word
    too wide even at :data:`MIN_CELL_SIZE` is cut."""
    lines = _wrap(text, width, size, font, False)
    if lines is not None:
        return lines
    small = size
    while small > MIN_CELL_SIZE:
        small = max(MIN_CELL_SIZE, small - 0.5)
        lines = _wrap(text, width, small, font, small <= MIN_CELL_SIZE)
        if lines is not None:
            return Shrunk(lines, small)
    return Shrunk(wrap_lines(text, width, MIN_CELL_SIZE, font), MIN_CELL_SIZE)


@overload
def _wrap(text: str, width: float, size: float, font: str, cut: Literal[True]) -> tuple[str, ...]: ...
@overload
def _wrap(text: str, width: float, size: float, font: str, cut: bool) -> tuple[str, ...] | None: ...


def _wrap(text: str, width: float, size: float, font: str, cut: bool) -> tuple[str, ...] | None:
    """:func:`wrap_lines`; with ``cut`` False, None instead of cutting a word between its letters. Invisible
    formatting characters a name stored before the program took them out may hold are left out: the font prints a
    soft hyphen as a hyphen, a direction mark as a bar, a byte order mark as a gap (``app.domain.limits.visible``)."""
    text = visible(text)
    if "\n" not in text and "\t" not in text and "  " not in text and text_width(text, size, font) <= width:
        return (text.strip(" "),)  # fits as it is
    space = text_width(" ", size, font)
    lines: list[str] = []
    for source in text.splitlines() or [""]:
        line, used = "", 0.0
        for word in source.replace("\t", " ").split(" "):
            if not word:
                continue
            for i, seg in enumerate(_segments(word)):
                w = text_width(seg, size, font)
                gap = space if (line and i == 0) else 0.0
                if line and used + gap + w <= width:
                    line, used = line + (" " if gap else "") + seg, used + gap + w
                    continue
                if line:
                    lines.append(line)
                if w > width and len(seg) > 1 and not cut:
                    return None
                while w > width and len(seg) > 1:  # no break point left: cut between letters
                    k = len(seg) - 1
                    while k > 1 and text_width(seg[:k], size, font) > width:
                        k -= 1
                    lines.append(seg[:k])
                    seg = seg[k:]
                    w = text_width(seg, size, font)
                line, used = seg, w
        lines.append(line)
    return tuple(lines)


# ---------------------------------------------------------------- drawing
HAlign = Literal["LEFT", "CENTER", "RIGHT"]  # a flowable's place across the frame


class Run(NamedTuple):
    x: float
    y: float  # baseline
    text: str
    font: str
    size: float


def place(text: str, left: float, width: float, align: str, size: float, font: str) -> float:
    """x of a line of ``text`` aligned ('L', 'C', 'R') in the box [left, left + width]."""
    if align == "L":
        return left
    spare = width - text_width(text, size, font)
    return left + (spare / 2 if align == "C" else spare)


def emit_text(canv, runs: Iterable[tuple[float, float, str, str, float]]) -> None:
    """Write ``runs`` as one PDF text block in the shipped TTF (subset switching included)."""
    doc = canv._doc
    cache = doc.__dict__.setdefault("_qamqor_runs", {})  # (font, text) -> [(subset name, escaped)]
    out, current = ["BT"], None
    add = out.append
    for x, y, text, fontname, size in runs:
        if not text:
            continue
        chunks = cache.get((fontname, text))
        if chunks is None:
            font = cast(TTFont, pdfmetrics.getFont(fontname))  # as in _metrics
            chunks = cache[fontname, text] = [(font.getSubsetInternalName(s, doc), escapePDF(t))
                                              for s, t in font.splitString(text, doc)]
        add(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
        for name, chunk in chunks:
            if (name, size) != current:
                add(f"{name} {size:g} Tf")
                current = (name, size)
            add(f"({chunk}) Tj")
    out.append("ET")
    canv.setFillColorRGB(0, 0, 0)
    canv.addLiteral("\n".join(out))


def emit_rules(canv, segments: Iterable[tuple[float, float, float, float]]) -> None:
    """Stroke straight lines (x0, y0, x1, y1) as one path."""
    path = [f"{x0:.2f} {y0:.2f} m {x1:.2f} {y1:.2f} l" for x0, y0, x1, y1 in segments]
    if path:
        canv.setLineWidth(LINE_WIDTH)
        canv.setStrokeColorRGB(0, 0, 0)
        canv.addLiteral("\n".join(path) + "\nS")


# ---------------------------------------------------------------- Text
class Text(Flowable):
    """Plain text wrapped to the frame width, aligned 'L', 'C' or 'R'; splits between lines."""

    def __init__(self, text: str, size: float, font: str, align: str = "L", space_before: float = 0,
                 space_after: float = 0, lines: tuple[str, ...] | None = None):
        super().__init__()
        self.text, self.size, self.font, self.align = text, size, font, align
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self._lines = lines
        self.leading = leading(size)

    def wrap(self, aw, ah):
        if self._lines is None:
            self._lines = wrap_lines(self.text, aw, self.size, self.font)
        self.width, self.height = aw, len(self._lines) * self.leading
        return self.width, self.height

    def split(self, aw, ah):
        self.wrap(aw, ah)
        lines = self._lines or ()  # set by wrap
        n = int(ah // self.leading)
        if n < 1 or n >= len(lines):
            return []
        return [Text(self.text, self.size, self.font, self.align, self.spaceBefore, 0, lines[:n]),
                Text(self.text, self.size, self.font, self.align, 0, self.spaceAfter, lines[n:])]

    def draw(self):
        ascent = _metrics(self.font)[2] * self.size
        emit_text(self.canv, [
            Run(place(line, 0, self.width, self.align, self.size, self.font),
                self.height - ascent - i * self.leading, line, self.font, self.size)
            for i, line in enumerate(self._lines or ())])


# ---------------------------------------------------------------- Lines
class Cell(NamedTuple):
    text: str | None = None
    align: str = "L"
    rule: bool = False  # a ruled line under the cell (a blank to fill, or a filled value)
    span: int = 1


class Row(NamedTuple):
    cells: Sequence[Cell | None]
    size: float
    font: str
    pad_top: float = 0.0


class Lines(Flowable):
    """Borderless rows of text on fixed columns, each cell bottom-aligned in its row, with a
    ruled line under chosen cells: fields, signature lines with captions, the annex block."""

    def __init__(self, widths: Sequence[float], rows: Sequence[Row], h_align: HAlign = "LEFT"):
        super().__init__()
        self.x = [sum(widths[:i]) for i in range(len(widths) + 1)]
        self.hAlign = h_align
        self.width = self.x[-1]
        self._rows = []
        for row in rows:
            placed = []
            for c, cell in enumerate(row.cells):
                if cell is None:
                    continue
                w = self.x[c + cell.span] - self.x[c]
                lines = wrap_lines(cell.text, w, row.size, row.font) if cell.text else ()
                placed.append((c, w, cell, lines))
            tallest = max((len(p[3]) for p in placed), default=0) or 1
            gap = _metrics(row.font)[3] * row.size + 1.0  # room for descenders above a rule
            self._rows.append((row, placed, row.pad_top + tallest * leading(row.size) + gap, tallest, gap))
        self.height = sum(r[2] for r in self._rows)

    def wrap(self, aw, ah):
        return self.width, self.height

    def draw(self):
        runs, rules, top = [], [], self.height
        for row, placed, height, _tallest, gap in self._rows:
            bottom = top - height
            lead = leading(row.size)
            for c, w, cell, lines in placed:
                y = bottom + gap + (len(lines) - 1) * lead
                for line in lines:
                    runs.append(Run(place(line, self.x[c], w, cell.align, row.size, row.font), y, line, row.font,
                                    row.size))
                    y -= lead
                if cell.rule:
                    rules.append((self.x[c], bottom + 0.5, self.x[c] + w, bottom + 0.5))
            top = bottom
        emit_text(self.canv, runs)
        emit_rules(self.canv, rules)


# ---------------------------------------------------------------- Grid
class _Layout:
    """What every part of one table shares: columns, fonts, merges, styling."""

    def __init__(self, widths, size, font, spans, group_cols, center, frame_height, continued=None):
        self.widths = list(widths)
        self.continued = continued or {}  # row id -> (group cells repeated on a new page, their height)
        self.frame_height = frame_height  # a row taller than a page is split where it starts
        self.x = [sum(self.widths[:i]) for i in range(len(self.widths) + 1)]
        self.size, self.font = size, font
        self.leading = round(size * 1.18, 2)
        self.ascent = size * _metrics(font)[2]
        self.spans = spans  # (row, col) -> (last row, last col) of a merged cell
        self.group_cols = group_cols
        self.center = center


class Grid(Flowable):
    """A ruled table of text cells; build it with :func:`grid`.

    Rows are (cells, height, group start, row id); cells are tuples of lines (None: empty or
    under a merge). Every part of a split table repeats the header rows.
    """

    def __init__(self, layout: _Layout, header: list, body: list):
        super().__init__()
        self.layout, self.header, self.body = layout, header, body
        self.width = layout.x[-1]
        self.hAlign = "LEFT"

    def wrap(self, aw, ah):
        height = sum(r[1] for r in self.header)
        for r in self.body:  # stop once it is clear the part does not fit: a long table is split anyway
            height += r[1]
            if height > ah:
                break
        self.height = height
        return self.width, height

    def split(self, aw, ah):
        room = ah - sum(r[1] for r in self.header)
        used, n = 0.0, 0
        for row in self.body:
            if used + row[1] > room:
                break
            used += row[1]
            n += 1
        if n == len(self.body):
            return [self]
        if n == 0:
            too_tall = self.body[0][1] > self.layout.frame_height - sum(r[1] for r in self.header)
            if not too_tall and not getattr(self, "_postponed", False):
                return []  # the row fits on the next page; ReportLab marks the flowable _postponed
            head, tail = self._split_row(self.body[0], room)
            if head is None:
                return []
            return [Grid(self.layout, self.header, [head]),
                    Grid(self.layout, self.header, [self._continue(tail)] + self.body[1:])]
        return [Grid(self.layout, self.header, self.body[:n]),
                Grid(self.layout, self.header, [self._continue(self.body[n])] + self.body[n + 1:])]

    def _continue(self, row):
        """The first row on a new page of a group begun on the page before repeats the group's cells
        (the kind's number and name, marked as continued) and is ruled above like a group's first row."""
        cells, height, group, rid = row
        cont = self.layout.continued.get(rid)
        if group or cont is None:
            return row
        lines, need = cont
        cells = tuple(lines[c] if c < len(lines) else cell for c, cell in enumerate(cells))
        return (cells, max(height, need), True, rid)

    def _split_row(self, row, room):
        """Split a row that does not fit even on a fresh page by lines (at least two on each side)."""
        lay = self.layout
        cells, _height, group, rid = row
        k = int((room - PAD_TOP - PAD_BOTTOM) // lay.leading)
        tallest = max((len(c) for c in cells if c), default=0)
        if k < 2 or tallest - k < 2:
            return None, None
        head = tuple(_part(c, slice(None, k)) for c in cells)
        tail = tuple(_part(c, slice(k, None)) for c in cells)
        return ((head, max(k * lay.leading + PAD_TOP + PAD_BOTTOM, _row_height(head, lay.leading)), group, rid),
                (tail, _row_height(tail, lay.leading), False, rid))

    def draw(self):
        lay = self.layout
        rows = self.header + self.body
        tops, y = [], self.height
        for r in rows:
            tops.append(y)
            y -= r[1]
        nh = len(self.header)
        runs = []
        size, font, lead = lay.size, lay.font, lay.leading
        for i, (cells, _height, _group, rid) in enumerate(rows):
            for c, lines in enumerate(cells):
                if not lines:
                    continue
                last_r, last_c = lay.spans.get((rid, c), (rid, c))
                box_w = lay.x[last_c + 1] - lay.x[c]
                cs, cl = (lines.size, _cell_leading(lines.size)) if type(lines) is Shrunk else (size, lead)
                y0 = tops[i] - PAD_TOP - lay.ascent * cs / size
                if i < nh:  # header cells are centred both ways in their (merged) box
                    box_h = sum(r[1] for r in rows[i:i + 1 + last_r - rid])
                    y0 -= max(0.0, (box_h - PAD_TOP - PAD_BOTTOM - len(lines) * cl) / 2)
                left = lay.x[c] + PAD_X
                centred = i < nh or c in lay.center
                for line in lines:
                    x = place(line, left, box_w - 2 * PAD_X, "C", cs, font) if centred else left
                    runs.append((x, y0, line, font, cs))  # a Run, as a plain tuple: this loop is hot
                    y0 -= cl
        emit_text(self.canv, runs)
        emit_rules(self.canv, self._rules(rows, tops))

    def _rules(self, rows, tops):
        """Line segments of the ruling: no line crosses a merged cell; grouped columns are ruled
        only above the first row of a group."""
        lay = self.layout
        xs, ncols = lay.x, len(lay.widths)
        covered = {}
        for (r0, c0), (r1, c1) in lay.spans.items():
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    covered[r, c] = (r0, c0)
        ids = [r[3] for r in rows]
        merged = {r for r, _c in covered}

        def owner(k, c):
            return covered.get((ids[k], c), (ids[k], c))

        out = [(xs[0], tops[0], xs[-1], tops[0]), (xs[0], 0.0, xs[-1], 0.0)]
        nh = len(self.header)
        for k in range(1, len(rows)):
            grouped = k > nh and not rows[k][2]
            if ids[k - 1] not in merged and ids[k] not in merged:  # the common case, without merges
                out.append((xs[lay.group_cols if grouped else 0], tops[k], xs[-1], tops[k]))
                continue
            start = None
            for c in range(ncols + 1):
                draw = c < ncols and not (grouped and c < lay.group_cols) and owner(k - 1, c) != owner(k, c)
                if draw and start is None:
                    start = c
                elif not draw and start is not None:
                    out.append((xs[start], tops[k], xs[c], tops[k]))
                    start = None
        if not merged.intersection(ids):
            return out + [(x, tops[0], x, 0.0) for x in xs]
        for c in range(ncols + 1):
            start = None
            for k in range(len(rows) + 1):
                draw = k < len(rows) and (c in (0, ncols) or owner(k, c - 1) != owner(k, c))
                if draw and start is None:
                    start = k
                elif not draw and start is not None:
                    out.append((xs[c], tops[start], xs[c], tops[k] if k < len(rows) else 0.0))
                    start = None
        return out


def _cell_leading(size: float) -> float:
    return round(size * 1.18, 2)  # as _Layout.leading


def _cell_height(lines, lead: float) -> float:
    """Height of a cell's lines (a smaller-set cell has its own leading)."""
    return len(lines) * (_cell_leading(lines.size) if type(lines) is Shrunk else lead)


def _part(lines, part: slice):
    """Some of a cell's lines, keeping a smaller-set cell's size."""
    if not lines:
        return lines
    return Shrunk(lines[part], lines.size) if type(lines) is Shrunk else lines[part]


def _row_height(cells, lead: float) -> float:
    if not any(line for c in cells if c for line in c):
        return BLANK_ROW_HEIGHT
    return max(_cell_height(c, lead) for c in cells if c) + PAD_TOP + PAD_BOTTOM


def grid(rows: Sequence[Sequence[str | None]], widths: Sequence[float], *, size: float, font: str,
         header_rows: int = 1, spans: Iterable[tuple[tuple[int, int], tuple[int, int]]] = (),
         group_starts: Iterable[int] | None = None, group_cols: int = 2, center: Iterable[int] = (0,),
         min_height: float = 0.0, frame_height: float = float("inf"), continued_mark: str | None = None) -> Grid:
    """A ruled table of text cells, header rows repeated on every page.

    ``spans`` are ((col0, row0), (col1, row1)) merges (col1 may be -1); a merged cell wraps to
    its merged width and header cells are centred in it. With ``group_starts`` (row indices)
    the first ``group_cols`` columns are ruled only above those rows. A row with no text is a
    blank line of :data:`BLANK_ROW_HEIGHT` for writing by hand; ``min_height`` gives every body
    row room for a hand-written note. ``center`` lists body columns centred. A row taller than
    ``frame_height`` (the page's frame) is split at once instead of being moved to a new page.
    With ``continued_mark`` a group continued on a new page repeats its first row's grouped cells
    there, the last one followed by the mark (" (continued)").
    """
    span_map = {(r0, c0): (r1, c1 % len(widths)) for (c0, r0), (c1, r1) in spans}
    covered = {(r, c) for (r0, c0), (r1, c1) in span_map.items() for r in range(r0, r1 + 1)
               for c in range(c0, c1 + 1) if (r, c) != (r0, c0)}
    lay = _Layout(widths, size, font, span_map, group_cols, frozenset(center), frame_height)
    starts = set(group_starts) if group_starts is not None else None
    built: list[Any] = []  # [cells, height, ruled above, row index] per row
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            last_c = span_map.get((r, c), (r, c))[1]
            room = lay.x[last_c + 1] - lay.x[c] - 2 * PAD_X
            cells.append(fit_lines(value, room, size, font) if value and (r, c) not in covered else None)
        own = tuple(cl if span_map.get((r, c), (r, c))[0] == r else None for c, cl in enumerate(cells))
        height = _row_height(own, lay.leading)  # a cell merged downwards is sized below
        if r >= header_rows and span_map.get((r, 0), (r, 0))[1] < len(widths) - 1:  # not a heading row
            height = max(height, min_height)
        built.append([tuple(cells), height, starts is None or r in starts, r])
    for (r0, c0), (r1, _c1) in span_map.items():  # a merge over rows gets the height its text needs
        if r1 > r0 and built[r0][0][c0]:
            need = _cell_height(built[r0][0][c0], lay.leading) + PAD_TOP + PAD_BOTTOM
            have = sum(b[1] for b in built[r0:r1 + 1])
            if need > have:
                built[r1][1] += need - have
    built = [tuple(b) for b in built]
    if continued_mark and starts is not None:
        start = None
        for r in range(header_rows, len(rows)):
            if r in starts:  # its own cells, for a row split across the page break
                start = r
            if start is None or not any(rows[start][:group_cols]):
                continue
            texts = [rows[start][c] or "" for c in range(group_cols)]
            texts[-1] = f"{texts[-1]} {continued_mark}".strip()
            lines = tuple(wrap_lines(t, lay.x[c + 1] - lay.x[c] - 2 * PAD_X, size, font) if t else None
                          for c, t in enumerate(texts))
            lay.continued[r] = (lines, _row_height(lines, lay.leading))
    return Grid(lay, built[:header_rows], built[header_rows:])

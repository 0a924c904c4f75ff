"""Shared machinery of the printed forms: font, wording, dates, blanks, form pieces, PDF builder.

Every form module builds a list of flowables from plain data with these helpers and hands
it to :func:`build_pdf`. Wording comes from the ``forms`` gettext domain only
(resources/i18n/<lang>/LC_MESSAGES/forms.po); a msgid without a translation raises, so a
missing caption is caught by the tests instead of printing English.

The ReportLab pitfalls of FORMS.md are handled once: all text is laid out and drawn by
reports.layout in the shipped TTF (the document's initial font is that TTF too, so no
Helvetica is named anywhere), and compound Kazakh words break after their hyphen.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from functools import cache
from typing import NamedTuple, overload

from babel.dates import format_date
from num2words import num2words
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as _landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from app.domain.enums import LabelledEnum, OrgType, Role, ServiceKind
from app.i18n import catalog, check_language
from app.paths import resources_dir
from reports.layout import Cell, Grid, HAlign, Lines, Row, Text, text_width
from reports.layout import grid as _grid
from reports.model import OrderRef, Organisation, Signatory

FONT = "QamqorSerif"
FONT_BOLD = "QamqorSerif-Bold"
FONT_FILES = {FONT: "LiberationSerif-Regular.ttf", FONT_BOLD: "LiberationSerif-Bold.ttf"}


def register_fonts() -> None:
    """Register the shipped font (idempotent)."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = resources_dir() / "fonts"
    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / filename)))


register_fonts()
# Plain zlib streams: ReportLab's pure-Python ASCII85 pass took a tenth of a plan's render time.
rl_config.useA85 = 0

# ---------------------------------------------------------------- sizes and text styles
BODY, CELL, SMALL, ANNEX = 10.5, 8.5, 7.0, 9.0
HAND_ROW = 24.0  # least height of a plan or monitoring row: room to write by hand
HAND_GAP = 11.0  # room above a blank line to write on it
MARGINS = dict(leftMargin=20 * mm, rightMargin=12 * mm, topMargin=12 * mm, bottomMargin=16 * mm)
LANDSCAPE_MARGINS = dict(leftMargin=12 * mm, rightMargin=10 * mm, topMargin=10 * mm, bottomMargin=14 * mm)


class Style(NamedTuple):
    size: float
    bold: bool = False
    align: str = "L"
    space_before: float = 0
    space_after: float = 0


S_BODY = Style(BODY, space_after=2)
S_CENTER = Style(BODY, align="C")
S_TITLE = Style(12, bold=True, align="C", space_before=6, space_after=6)
S_NOTE = Style(8.5)


def para(text: str | None, style: Style = S_BODY) -> Text:
    """A paragraph of plain text; line breaks in the text are kept."""
    return Text(text or "", style.size, FONT_BOLD if style.bold else FONT, style.align, style.space_before,
                style.space_after)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------- wording
BLANK = "__________"
BLANK_SHORT = "____"
NBSP = "\u00a0"


class Lang:
    """The print language: catalog look-ups, dates, numbers in words, enum labels."""

    def __init__(self, code: str):
        self.code = check_language(code)
        self._cat = catalog(code, "forms")

    def __call__(self, msgid: str, **params) -> str:
        text = self._cat.gettext(msgid)
        if text == msgid:
            raise LookupError(f"forms.po [{self.code}] has no translation for {msgid!r}")
        return text.format(**params) if params else text

    def ctx(self, context: str, msgid: str, **params) -> str:
        text = str(self._cat.pgettext(context, msgid))  # Babel annotates it `str | object`
        if text == msgid:
            raise LookupError(f"forms.po [{self.code}] has no translation for {context!r} {msgid!r}")
        return text.format(**params) if params else text

    def plural(self, singular: str, plural: str, n: int, **params) -> str:
        text = self._cat.ngettext(singular, plural, n)
        if text in (singular, plural):
            raise LookupError(f"forms.po [{self.code}] has no translation for {singular!r}")
        return text.format(n=n, **params)

    @overload
    def label(self, value: None) -> None: ...
    @overload
    def label(self, value: object) -> str: ...

    def label(self, value: object) -> str | None:
        """A closed-list value in the print language; free text as it is."""
        if isinstance(value, LabelledEnum):
            return self(value.msgid)
        return None if value is None else str(value)

    def date(self, d: date | None) -> str:
        """A date the way the forms write it: «22» ноября 2026 года / 2026 жылғы «22» қараша."""
        if d is None:
            return self("«{day}» {month} {year}", day="__", month="________", year="20__")
        return self("«{day}» {month} {year}", day=f"{d.day:02d}",
                    month=format_date(d, "MMMM", locale=self.code), year=str(d.year))

    @staticmethod
    def short(d: dt.date | datetime | None, blank: str = "") -> str:
        if d is None:
            return blank
        return d.strftime("%d.%m.%Y %H:%M") if isinstance(d, datetime) else d.strftime("%d.%m.%Y")

    def words(self, n: int) -> str:
        return num2words(n, lang="kz" if self.code == "kk" else "ru")

    def org_type(self, org: Organisation | None, context: str) -> str:
        """The type phrase for the organisation's own type; all four (as on the blank form) when unknown."""
        kind = org.org_type if org is not None and org.org_type is not None else None
        return self.ctx(context, kind.value if isinstance(kind, OrgType) else "any")

    def org_name(self, org: Organisation | None) -> str | None:
        if org is None:
            return None
        return (org.name_kk or org.name_ru) if self.code == "kk" else (org.name_ru or org.name_kk)

    def order(self, ref: OrderRef | tuple[OrderRef, ...] | None) -> str:
        """Date and number of an order as the journal writes them: 12.03.2026, № 45 (several: one per line)."""
        if isinstance(ref, tuple):
            return "\n".join(self.order(r) for r in ref)
        if ref is None:
            return ""
        parts = [self.short(ref.on), f"{self('No.')}{NBSP}{ref.number}" if ref.number else ""]
        return ", ".join(p for p in parts if p)

    def period(self, msgid: str, start: dt.date | None, end: dt.date | None) -> str:
        return self(msgid, start=self.short(start, BLANK), end=self.short(end, BLANK))


@cache
def lang_of(code: str) -> Lang:
    return Lang(code)


# ---------------------------------------------------------------- form pieces
def grid(rows: Sequence[Sequence[str | None]], widths: Sequence[float], *, header_rows: int = 1,
         size: float = CELL, landscape: bool = False, **options) -> Grid:
    """A ruled table in the shipped font (see :func:`reports.layout.grid` for the options)."""
    return _grid(rows, widths, size=size, font=FONT, header_rows=header_rows,
                 frame_height=usable_height(landscape), **options)


def numbers_row(count: int) -> list[str]:
    return [str(i) for i in range(1, count + 1)]


def row(*cells: Cell | None, size: float = BODY, pad: float = 0.0) -> Row:
    return Row(cells, size, FONT, pad)


def ruled(text: str | None, align: str = "C", span: int = 1) -> Cell:
    """A value on a ruled line; a blank line when ``text`` is None."""
    return Cell(text, align, True, span)


def plain(text: str | None, align: str = "L", span: int = 1) -> Cell:
    return Cell(text, align, False, span)


def ruled_row(*cells: Cell | None, blank: bool) -> Row:
    """A row of values on ruled lines, with room to write by hand when they are blank."""
    return row(*cells, pad=HAND_GAP if blank else 4.0)


def annex_block(L: Lang, number: int, width: float = 215) -> Lines:
    """The reference block in the top right corner: 'Annex N to the Rules …', then 'Form'."""
    reference = L("Annex {n} to the Rules of activity of organisations providing special social services", n=number)
    return Lines([width], [row(plain(reference, "C"), size=ANNEX), row(plain(L("Form"), "C"), size=ANNEX, pad=4)],
                 h_align="RIGHT")


def caption_line(value: str | None, caption: str | None, width: float, lines: int = 1,
                 h_align: HAlign = "LEFT") -> Lines:
    """A value centred on a ruled line (``lines`` blank lines when None) with a small caption under it."""
    rows = [ruled_row(ruled(value), blank=not value)]
    rows += [ruled_row(ruled(None), blank=True) for _ in range(0 if value else lines - 1)]
    if caption:
        rows.append(row(plain(caption, "C"), size=SMALL))
    return Lines([width], rows, h_align)


def field(label: str, value: str | None, width: float, lines: int = 1) -> Lines:
    """'Label ______' with the value on the line; a long label stands above its lines."""
    label_w = text_width(label, BODY, FONT) + 6
    inline = label_w <= 0.55 * width
    widths = [label_w, width - label_w] if inline else [width]
    first = ([ruled_row(plain(label), ruled(value, "L"), blank=not value)] if inline else
             [row(plain(label), pad=4), ruled_row(ruled(value, "L"), blank=not value)])
    extra = [ruled_row(ruled(None, span=len(widths)), blank=True) for _ in range(0 if value else lines - 1)]
    return Lines(widths, first + extra)


def signatures(rows: Sequence[tuple[str, Sequence[tuple[str | None, str]]]], width: float,
               label_width: float = 205, shares: Sequence[float] | None = None) -> Lines:
    """Signature lines: each row is (label, [(value or None, caption), ...]) — a ruled line per value
    with its caption under it in small type."""
    n = max(len(r[1]) for r in rows)
    shares = shares or ([0.3, 0.7] if n == 2 else [1.0] * n)
    gap = 8
    free = width - label_width - gap * n
    widths = [label_width]
    for s in shares:
        widths += [gap, free * s / sum(shares)]
    out = []
    for label, pairs in rows:
        out.append(row(plain(label), *[x for v, _ in pairs for x in (None, ruled(v))], pad=12))
        out.append(row(None, *[x for _, c in pairs for x in (None, plain(c, "C"))], size=SMALL))
    return Lines(widths, out)


def signatory_lines(L: Lang, signatories: Iterable[Signatory], roles: Sequence[tuple[Role, str]],
                    width: float) -> Lines:
    """The specialists' signature lines of Annexes 4 and 5: '(signature)' and '(full name, date)'."""
    by_role = {s.role: s for s in signatories}
    rows = []
    for role, msgid in roles:
        s = by_role.get(role)
        name = ", ".join(p for p in (s.name, L.short(s.signed_on)) if p) if s else ""
        rows.append((L(msgid), [(None, L("(signature)")), (name or None, L("(full name (if any), date)"))]))
    return signatures(rows, width)


def kind_rows(L: Lang, items: list, cells: Callable) -> tuple[list[list], list[int]]:
    """Rows grouped under the eight kinds of service in form order (R-16); a kind with nothing keeps
    its empty row. ``cells(item)`` gives the cells after the number and kind; returns the rows and the
    index of each group's first row."""
    rows: list[list] = []
    starts: list[int] = []
    for i, kind in enumerate(ServiceKind, 1):
        mine = [it for it in items if it.kind == kind] or [None]
        starts.append(len(rows))
        for k, item in enumerate(mine):
            rows.append([str(i) if k == 0 else "", L.label(kind) if k == 0 else ""] + cells(item))
    return rows, starts


def org_names(L: Lang, org: Organisation | None, width: float) -> Lines:
    """The organisation's official names in Kazakh and in Russian, side by side, captioned."""
    half = (width - 30) / 2
    blank = org is None
    return Lines([half, 30, half], [
        ruled_row(ruled(org.name_kk if org else None), None, ruled(org.name_ru if org else None), blank=blank),
        row(plain(L("Official name of the organisation (in Kazakh)"), "C"), None,
            plain(L("Official name of the organisation (in Russian or another language)"), "C"), size=SMALL)])


def title(text: str) -> Text:
    return para(text, S_TITLE)


def footnotes(lines: Iterable[str]) -> list[Text]:
    return [para(t, S_NOTE) for t in lines]


# ---------------------------------------------------------------- document
class _Mark(Flowable):
    """A zero-size flowable that acts on the canvas where it lands."""

    def __init__(self, action):
        super().__init__()
        self.action = action
        self.width = self.height = 0

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        self.action(self.canv)


def anchor(key: str, pages: dict) -> Flowable:
    """Record in ``pages[key]`` the page this lands on (for a contents page)."""
    return _Mark(lambda canv: pages.__setitem__(key, canv.getPageNumber()))


def document_start() -> Flowable:
    """Start a new document inside a batch PDF: its pages are numbered from 1 again."""
    return _Mark(lambda canv: canv.start_document())


Section = tuple[str, list]  # (its name on a contents page, its flowables); each starts on a new page


def join_sections(sections: Sequence[Section], pages: dict | None = None) -> list:
    """One story of several sections, each on a new page; with ``pages``, record where each starts."""
    story: list = []
    for i, (name, flowables) in enumerate(sections):
        if i:
            story.append(PageBreak())
        if pages is not None:
            story.append(anchor(name, pages))
        story += flowables
    return story


def section_pages(sections: Sequence[Section], L: Lang) -> list[int]:
    """How many pages each section takes when printed (one layout pass; each starts on a new page)."""
    pages: dict = {}
    keyed = [(f"{i}", flow) for i, (_name, flow) in enumerate(sections)]
    build_pdf(join_sections(keyed, pages) + [anchor("end", pages)], L, "")
    starts = [pages[f"{i}"] for i in range(len(keyed))] + [pages["end"] + 1]
    return [b - a for a, b in zip(starts, starts[1:])]


@cache
def _canvas_class(page_text: str) -> type[Canvas]:
    """A canvas that writes 'page N of M' on every page once the totals are known; in a batch
    PDF each document (see :func:`document_start`) is numbered on its own."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self._document = 0

        def start_document(self):
            self._document += 1

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # ReportLab's private page start (its "page X of Y" recipe); not in types-reportlab

        def save(self):
            totals = Counter(state["_document"] for state in self._pages)
            seen: Counter = Counter()
            for state in self._pages:
                self.__dict__.update(state)
                seen[self._document] += 1
                w, _h = self._pagesize  # type: ignore[attr-defined]  # the page's own size, private; not in types-reportlab
                self.setFont(FONT, 8)
                self.drawRightString(w - 12 * mm, 7 * mm,
                                     page_text.format(page=seen[self._document], total=totals[self._document]))
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def usable_width(landscape: bool = False) -> float:
    size, m = (_landscape(A4), LANDSCAPE_MARGINS) if landscape else (A4, MARGINS)
    return size[0] - m["leftMargin"] - m["rightMargin"]


def usable_height(landscape: bool = False) -> float:
    size, m = (_landscape(A4), LANDSCAPE_MARGINS) if landscape else (A4, MARGINS)
    return size[1] - m["topMargin"] - m["bottomMargin"]


def build_pdf(story: list, L: Lang, doc_title: str, *, landscape: bool = False) -> bytes:
    """Lay out ``story`` on A4 (landscape for the journal) and return the PDF bytes.

    Deterministic: ``invariant=1`` fixes the creation date and the document id, so the same
    input gives the same bytes.
    """
    buf = io.BytesIO()
    m = LANDSCAPE_MARGINS if landscape else MARGINS
    doc = BaseDocTemplate(
        buf, pagesize=_landscape(A4) if landscape else A4, title=doc_title, author="", subject=doc_title,
        creator="Qamqor", producer="Qamqor", lang=L.code, invariant=1, initialFontName=FONT,
        initialFontSize=BODY, leftMargin=m["leftMargin"], rightMargin=m["rightMargin"], topMargin=m["topMargin"],
        bottomMargin=m["bottomMargin"])
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0, id="page")  # the margins are the form's, exactly
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(list(story), canvasmaker=_canvas_class(L("Page {page} of {total}")))
    return buf.getvalue()


def build_batch(stories: Iterable[list], L: Lang, doc_title: str, *, landscape: bool = False) -> bytes:
    """Several documents in one PDF for batch printing: each starts on a new page and is numbered
    on its own; the font is embedded once, which makes a batch far cheaper than separate files."""
    story: list = []
    for i, part in enumerate(stories):
        story += ([PageBreak()] if i else []) + [document_start()] + part
    return build_pdf(story, L, doc_title, landscape=landscape)

"""Hostile exchange files (issue 11): what a damaged disk, a careless program or an attacker can hand
the importer. ``hostile_file(rng)`` makes one, of a kind chosen by ``rng``; the property test
(tests/portal/test_hostile_files.py) and the benchmark (bench/bench_hostile.py) share it.

Kinds: bit flips, truncation and spliced bytes of real files (.xlsx, .xls, .ods, CSV, JSON); zip bombs
(a sheet unpacking to hundreds of megabytes or gigabytes, also one that lies about its size); whitespace
bombs (between rows, inside a cell); billion laughs and external entities in a sheet and in the shared
strings; huge cells; millions of empty rows; a sheet whose far corner is far away; a shared-string count
of billions; an .ods repeating a row of values a million times; an .ods whose merged cells span millions
of rows, repeat, or number fifty thousand; an .ods of many short rows and one value far right; an .xls
whose sector chains loop or whose dimensions name billions of cells; more rows than the limit.
"""

from __future__ import annotations

import functools
import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from app.portal import Format, Kind, write_records
from tests.portal.portal_samples import journal_records

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


@functools.cache
def bases() -> dict[str, bytes]:
    """Real files to damage: the journal in every format, and LibreOffice's .xls and .ods of it."""
    records = journal_records() * 5
    files = {f"journal.{fmt.value}": write_records(Kind.JOURNAL, records, fmt, "ru")
             for fmt in (Format.XLSX, Format.CSV, Format.JSON)}
    for name in ("journal.xls", "journal.ods", "journal-merged.xlsx", "journal-kk.kz1048.csv",
                 "journal-ru.utf-16-le.csv"):
        files[name] = (FIXTURES / name).read_bytes()
    return files


# --- zips written by hand: members given already compressed (so a bomb costs nothing to make) ----------

def _zip(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """members: (name, stored bytes, crc, declared size, method)."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, body, crc, size, method in members:
        offset = out.tell()
        raw_name = name.encode()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc, len(body), size,
                              len(raw_name), 0) + raw_name + body)
        central.write(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, 0, 0x21, crc, len(body), size,
                                  len(raw_name), 0, 0, 0, 0, 0, offset) + raw_name)
    start, directory = out.tell(), central.getvalue()
    out.write(directory)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), start, 0))
    return out.getvalue()


def _deflated(text: bytes) -> tuple[bytes, int, int]:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(text) + packer.flush(), zlib.crc32(text), len(text)


@functools.cache
def _repeated(unit: bytes, times: int) -> tuple[bytes, int]:
    """``unit`` × ``times`` deflated, made from one full-flushed block repeated (the blocks are identical),
    and its CRC."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(unit) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(times):
        crc = zlib.crc32(unit, crc)
    return block * times + b"\x03\x00", crc  # \x03\x00: an empty final block


def workbook(sheet: bytes | tuple[bytes, int, int], strings: bytes | None = None,
             declared: int | None = None) -> bytes:
    """A one-sheet workbook; ``sheet`` as XML, or already deflated (body, crc, size). ``declared``: the size
    the archive claims for the sheet (a lie, when given)."""
    sst = strings if strings is not None else f'<sst xmlns="{MAIN}"></sst>'.encode()
    parts = {
        "[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" '
                       'Target="xl/workbook.xml"/></Relationships>'.encode(),
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="Журнал" sheetId="1" '
                           'r:id="rId1"/></sheets></workbook>'.encode(),
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/worksheet" '
                                      f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
                                      f'Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
                                      .encode(),
        "xl/sharedStrings.xml": sst,
    }
    members = [(name, *_deflated(body), 8) for name, body in parts.items()]
    body, crc, size = sheet if isinstance(sheet, tuple) else _deflated(sheet)
    members.append(("xl/worksheets/sheet1.xml", body, crc, size if declared is None else declared, 8))
    return _zip([(n, b, c, s, m) for n, b, c, s, m in members])


HEADER = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Статус</t></is></c><c r="B1" t="inlineStr"><is><t>ФИО</t></is>'
          '</c><c r="C1" t="inlineStr"><is><t>Дата рождения</t></is></c></row>')
ROW = ('<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>в очереди</t></is></c><c r="B{n}" t="inlineStr"><is>'
       '<t>{name}</t></is></c><c r="C{n}" t="inlineStr"><is><t>04.03.1950</t></is></c></row>')


def sheet_xml(rows: str, doctype: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><sheetData>'
            f'{HEADER}{rows}</sheetData></worksheet>').encode()


def _repeated_sheet(unit: bytes, times: int, declared: int | None = None) -> bytes:
    """A sheet: header, ``unit`` × ``times`` (whatever it is), one row of data; deflated without building it."""
    head = sheet_xml("").split(b"</sheetData>")[0]
    tail = ROW.format(n=2, name="Ким Олег").encode() + b"</sheetData></worksheet>"
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    middle, middle_crc = _repeated(unit, times)
    last = zlib.compressobj(9, zlib.DEFLATED, -15)
    end = last.compress(tail) + last.flush()
    body = first + middle[:-2] + end  # the repeated blocks' empty final block is dropped
    crc = zlib.crc32(tail, _crc_combine(zlib.crc32(head), middle_crc, len(unit) * times))
    size = len(head) + len(unit) * times + len(tail)
    return workbook((body, crc, size), declared=declared)


def _crc_combine(crc1: int, crc2: int, len2: int) -> int:
    """CRC-32 of A+B from CRC(A), CRC(B) and len(B) (zlib's crc32_combine, written out)."""
    def times(matrix: list[int], vector: int) -> int:
        total, i = 0, 0
        while vector:
            if vector & 1:
                total ^= matrix[i]
            vector >>= 1
            i += 1
        return total

    def square(matrix: list[int]) -> list[int]:
        return [times(matrix, matrix[n]) for n in range(32)]

    if len2 == 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]
    even = square(odd)
    odd = square(even)
    while True:
        even = square(odd)
        if len2 & 1:
            crc1 = times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = square(even)
        if len2 & 1:
            crc1 = times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


# --- the kinds -------------------------------------------------------------------------------------------

def _bit_flips(rng: random.Random) -> bytes:
    data = bytearray(bases()[rng.choice(sorted(bases()))])
    for _ in range(rng.choice((1, 2, 5, 20, 100))):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return bytes(data)


def _truncated(rng: random.Random) -> bytes:
    data = bases()[rng.choice(sorted(bases()))]
    return data[:rng.randrange(len(data))]


def _spliced(rng: random.Random) -> bytes:
    data = bases()[rng.choice(sorted(bases()))]
    at = rng.randrange(len(data))
    junk = rng.choice((b"", rng.randbytes(rng.randrange(1, 64)), data[:rng.randrange(200)]))
    return data[:at] + junk + data[at + rng.randrange(0, 64):]


def _zip_bomb(rng: random.Random) -> bytes:
    unit, times = rng.choice(((b" " * (1 << 20), 300), (b"\x00" * (1 << 20), 200), (b" " * (1 << 20), 2048),
                              (b'<row r="9"/>' * 4096, 4096)))
    return _repeated_sheet(unit, times)


def _lying_zip(rng: random.Random) -> bytes:
    return _repeated_sheet(b" " * (1 << 20), rng.choice((100, 300)), declared=rng.choice((1000, 10_000_000)))


def _whitespace(rng: random.Random) -> bytes:
    size = rng.choice((200_000, 5_000_000, 60_000_000))
    inside = rng.random() < 0.5
    if inside:  # inside a cell's text
        return workbook(sheet_xml(ROW.format(n=2, name="Ким" + " " * size + "Олег")))
    return _repeated_sheet(b" " * 1000, size // 1000)


_LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
           + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
           + "]>")


def _billion_laughs(rng: random.Random) -> bytes:
    where = rng.choice(("sheet", "strings"))
    if where == "sheet":
        return workbook(sheet_xml(ROW.format(n=2, name="&lol9;"), _LAUGHS))
    sst = f'<?xml version="1.0"?>{_LAUGHS}<sst xmlns="{MAIN}"><si><t>&lol9;</t></si></sst>'.encode()
    return workbook(sheet_xml('<row r="2"><c r="B2" t="s"><v>0</v></c></row>'), sst)


def _external_entity(rng: random.Random) -> bytes:
    target = rng.choice(("file:///etc/passwd", "http://127.0.0.1:9/x", "file:///dev/zero"))
    doctype = f'<!DOCTYPE x [<!ENTITY e SYSTEM "{target}">]>'
    return workbook(sheet_xml(ROW.format(n=2, name="&e;"), doctype))


def _huge_cell(rng: random.Random) -> bytes:
    size = rng.choice((40_000, 1_000_000, 20_000_000))
    name = "Ә" * size
    form = rng.choice(("xlsx", "csv", "json"))
    if form == "xlsx":
        return workbook(sheet_xml(ROW.format(n=2, name=name)))
    if form == "csv":
        return f"Статус;ФИО;Дата рождения\r\nв очереди;{name};04.03.1950\r\n".encode()
    return ('{"format": "qamqor-portal", "version": 1, "kind": "journal", "records": [{"status": "in_queue", '
            f'"last_name": "{name}", "first_name": "Олег", "birth_date": "1950-03-04"}}]}}').encode()


def _empty_rows(rng: random.Random) -> bytes:
    count = rng.choice((100_000, 2_000_000, 20_000_000))
    form = rng.choice(("xlsx", "xlsx-cells", "csv"))
    if form == "csv":
        return b"\xef\xbb\xbf\xd0\xa4\xd0\x98\xd0\x9e;\xd0\x94\xd0\xb0\xd1\x82\xd0\xb0\r\n" + b";;\r\n" * min(count, 2_000_000)
    unit = b'<row r="5"/>' if form == "xlsx" else b'<row r="5"><c r="A5" s="1"/><c r="B5"><v></v></c></row>'
    return _repeated_sheet(unit * 1000, count // 1000)


def _far_corner(rng: random.Random) -> bytes:
    cell = rng.choice(("XFD1048576", "Z1000000", "A1048576", "XFD2", "ZZZ99999999"))
    positional = "<c><v>1</v></c>" * rng.choice((1, 5, 20))
    rows = rng.choice((f'<row r="1048000"><c r="{cell}"><v>1</v></c></row>',
                       f'<row r="{rng.randrange(2, 1 << 31)}">{positional}</row>'))
    return workbook(sheet_xml(rows))


def _string_count(rng: random.Random) -> bytes:
    count = rng.choice((10**7, 4 * 10**9, 10**18))
    sst = f'<sst xmlns="{MAIN}" uniqueCount="{count}" count="{count}"><si><t>Ким Олег</t></si></sst>'.encode()
    return workbook(sheet_xml('<row r="2"><c r="B2" t="s"><v>0</v></c></row>'), sst)


def _ods_repeats(rng: random.Random) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(bases()["journal.ods"]))
    rows, columns = rng.choice(((1_048_576, 1), (100_000, 1000), (1_000_000, 16_384), (2, 10**9)))
    repeated = (f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell '
                f'table:number-columns-repeated="{columns}" office:value-type="string"><text:p>Ким</text:p>'
                "</table:table-cell></table:table-row>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "content.xml":
                at = body.index(b"</table:table>")
                body = body[:at] + repeated.encode() + body[at:]
            archive.writestr(info, body)
    return out.getvalue()


def _ods_with_content(name: str, change: Callable[[bytes], bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(FIXTURES.joinpath(name).read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            body = source.read(info)
            archive.writestr(info, change(body) if info.filename == "content.xml" else body)
    return out.getvalue()


def _ods_spans(rng: random.Random) -> bytes:
    """LibreOffice's .ods with cells merged down rows, its merges made absurd: a cell spanning millions of
    rows or a number of thousands of digits, a row of merged cells repeated a million times, or fifty thousand
    merged cells (the positions of merges are read from content.xml, as calamine does not report them)."""
    attack = rng.choice(("long span", "digits", "repeated span", "many spans"))
    if attack in ("long span", "digits"):
        span = b"9999999" if attack == "long span" else b"9" * rng.choice((8, 5000))
        attribute = rng.choice((b"number-rows-spanned", b"number-rows-repeated", b"number-columns-repeated"))
        if attribute == b"number-rows-spanned":
            return _ods_with_content("journal-merged.ods", lambda body: body.replace(
                b'table:number-rows-spanned="3"', b'table:number-rows-spanned="' + span + b'"'))
        return _ods_with_content("journal-merged.ods", lambda body: body.replace(
            b'table:number-rows-spanned="3"', b'table:number-rows-spanned="3" table:' + attribute + b'="' + span
            + b'"', 1))
    if attack == "repeated span":
        rows, spanned = rng.choice(((1_000_000, 1_000_000), (100_001, 2), (1_048_576, 9_999_999)))
        extra = (f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell office:value-type="string" '
                 f'table:number-rows-spanned="{spanned}"><text:p>в очереди</text:p></table:table-cell>'
                 "</table:table-row>")
    else:
        cells = '<table:table-cell office:value-type="string" table:number-rows-spanned="2"><text:p>Ким</text:p>' \
                "</table:table-cell><table:covered-table-cell/>"
        rows, width = rng.choice(((5_000, 10), (200, 250)))
        extra = f"<table:table-row>{cells * width}</table:table-row>" * rows
    tail = b'<table:table-row table:style-name="ro1" table:number-rows-repeated='  # the empty rows to the end
    return _ods_with_content("journal-merged.ods", lambda body: body.replace(tail, extra.encode() + tail, 1))


def _ods_wide(rng: random.Random) -> bytes:
    """Thousands of one-cell rows and one value far right: calamine gives every row the widest row's width."""
    row = '<table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>' \
          "</table:table-row>"
    columns = rng.choice((16_000, 1_000_000))
    empty = f'<table:table-cell table:number-columns-repeated="{columns}"/>' if rng.random() < 0.7 else \
        "<table:table-cell/>" * 16_000
    wide = f'<table:table-row>{empty}<table:table-cell office:value-type="string"><text:p>y</text:p>' \
           "</table:table-cell></table:table-row>"
    extra = (row * rng.choice((300, 20_000)) + wide).encode()
    tail = b'<table:table-row table:style-name="ro1" table:number-rows-repeated='
    return _ods_with_content("journal-merged.ods", lambda body: body.replace(tail, extra + tail, 1))


def _xls_crafted(rng: random.Random) -> bytes:
    """The .xls fixture with a loop in its sector chains, or a DIMENSIONS record of billions of cells."""
    data = bytearray(bases()["journal.xls"])
    fat0, = struct.unpack_from("<L", data, 76)
    dir_start, = struct.unpack_from("<L", data, 48)
    attack = rng.choice(("directory loop", "difat loop", "dimensions", "stream size"))
    if attack == "directory loop":
        struct.pack_into("<L", data, 512 + fat0 * 512 + 4 * dir_start, dir_start)
    elif attack == "difat loop":
        struct.pack_into("<L", data, 68, dir_start)
        struct.pack_into("<L", data, 512 + dir_start * 512 + 508, dir_start)
    elif attack == "dimensions":
        at = data.find(b"\x00\x02\x0e\x00")
        struct.pack_into("<LLHH", data, at + 4, 0, rng.choice((0xFFFFFFF0, 5_000_000, 2)), 0,
                         rng.choice((0xFF, 0x4000, 3)))
    else:
        directory = 512 + dir_start * 512
        for entry in range(4):
            struct.pack_into("<L", data, directory + entry * 128 + 120, rng.choice((0xFFFFFFF0, 10**8)))
    return bytes(data)


def _too_many_rows(rng: random.Random) -> bytes:
    line = "в очереди;Ким Олег;04.03.1950\r\n".encode()
    return "Статус;ФИО;Дата рождения\r\n".encode() + line * rng.choice((100_001, 1_000_000))


KINDS: dict[str, tuple[Callable[[random.Random], bytes], int]] = {
    # kind: (maker, weight) — the cheap damage most often, the expensive bombs now and then
    "bit flips": (_bit_flips, 30), "truncated": (_truncated, 15), "spliced": (_spliced, 15),
    "zip bomb": (_zip_bomb, 3), "lying zip": (_lying_zip, 2), "whitespace bomb": (_whitespace, 3),
    "billion laughs": (_billion_laughs, 3), "external entity": (_external_entity, 3), "huge cell": (_huge_cell, 3),
    "empty rows": (_empty_rows, 3), "far corner": (_far_corner, 5), "string count": (_string_count, 3),
    "ods repeats": (_ods_repeats, 3), "xls crafted": (_xls_crafted, 4), "too many rows": (_too_many_rows, 1),
    "ods spans": (_ods_spans, 3), "ods wide": (_ods_wide, 2),
}


def hostile_file(rng: random.Random, kinds: tuple[str, ...] | None = None) -> tuple[str, bytes]:
    names = list(kinds or KINDS)
    kind = rng.choices(names, weights=[KINDS[k][1] for k in names])[0]
    return kind, KINDS[kind][0](rng)


def peak_rss_reset() -> None:
    """Start a new high-water mark of the resident memory (Linux: /proc/self/clear_refs)."""
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")


def peak_rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0

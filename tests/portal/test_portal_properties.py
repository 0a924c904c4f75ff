"""Properties: no input makes a reader raise anything but ImportRefused; records survive every format."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.enums import ResidentStatus, Sex
from app.domain.identity import make_iin
from app.domain.limits import visible
from app.portal import Format, ImportRefused, JournalEventRecord, Kind, ParseResult, read_records, write_records
from app.portal.formats import _LOST_LETTER, _LOST_WORD
from app.portal.validate import STATUS_DATE
from tests.portal.portal_samples import journal_records, queue_records, roster_records, workbook_bytes

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SEEDS = [
    write_records(Kind.JOURNAL, journal_records(), Format.XLSX, "ru", titles=["Журнал"]),
    write_records(Kind.QUEUE, queue_records(), Format.XLSX, "kk"),
    write_records(Kind.QUEUE, queue_records(), Format.CSV, "ru"),
    write_records(Kind.ROSTER, roster_records(), Format.JSON),
    write_records(Kind.JOURNAL, journal_records(), Format.JSON),
    workbook_bytes([["ФИО", "Дата рождения", "Время поступления заявки", "ИИН"],
                    ["Ким Олег", 15343, dt.datetime(2024, 3, 1, 10), 41010230001]]),
]


def only_refused(data: bytes) -> None:
    """Every kind of reading of ``data`` returns a result or raises ImportRefused, and every
    problem it reports renders in both languages."""
    for kind in Kind:
        try:
            result = read_records(data, kind)
        except ImportRefused as refused:
            for lang in ("kk", "ru"):
                refused.render(lang)
                [p.render(lang) for p in refused.problems]
            continue
        assert isinstance(result, ParseResult)
        for problem in result.problems:
            assert problem.render("kk") and problem.render("ru")


@SETTINGS
@given(prefix=st.sampled_from([b"", b"PK\x03\x04", b"PK\x05\x06", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b"{",
                               b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<html>"]),
       body=st.binary(max_size=3000))
def test_random_bytes_are_read_or_refused(prefix, body):
    only_refused(prefix + body)


@SETTINGS
@given(text=st.text(max_size=500), delimiter=st.sampled_from([";", ",", "\t"]))
def test_random_text_tables_are_read_or_refused(text, delimiter):
    header = delimiter.join(["Статус", "ФИО", "Дата рождения", "Дата поступления и № приказа", "ИИН",
                             "Время поступления заявки", "Номер заявки на портале"])
    only_refused((header + "\r\n" + text).encode("utf-8", "surrogatepass"))


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A valid file with a few bytes flipped, removed, inserted or duplicated, or cut short."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "delete", "insert", "copy", "cut"]))
        if action == "flip" and at < len(data):
            data[at] ^= draw(st.integers(1, 255))
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 64))]
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif action == "copy":
            data[at:at] = data[at:at + draw(st.integers(1, 256))]
        else:
            del data[at:]
    return bytes(data)


@SETTINGS
@given(data=mutated())
def test_mutated_files_are_read_or_refused(data):
    only_refused(data)


@st.composite
def mutated_parts(draw: st.DrawFn) -> bytes:
    """A workbook whose XML parts are mutated but stored intact, so the damage reaches the parser."""
    source = zipfile.ZipFile(io.BytesIO(draw(st.sampled_from([s for s in SEEDS if s.startswith(b"PK")]))))
    names = source.namelist()
    target = draw(st.sampled_from(names))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            part = bytearray(source.read(name))
            if name == target:
                for _ in range(draw(st.integers(1, 4))):
                    at = draw(st.integers(0, len(part)))
                    piece = draw(st.sampled_from([b"<", b">", b'"', b"&", b"x", b"-1", b"99999999", b"A1048577",
                                                  b"</row>", b"<c r=\"ZZZZ9\" t=\"s\"><v>7</v></c>", b"\x00"]))
                    if draw(st.booleans()):
                        part[at:at] = piece
                    else:
                        del part[at:at + len(piece)]
            if draw(st.integers(0, 20)) or name != target:
                archive.writestr(name, bytes(part))
    return out.getvalue()


@SETTINGS
@given(data=mutated_parts())
def test_workbooks_with_damaged_xml_are_read_or_refused(data):
    only_refused(data)


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                        max_size=3),
                           max_leaves=10)
FIELDS = ["iin", "last_name", "first_name", "birth_date", "received_at", "status", "admission_date", "returned",
          "out_of_turn", "portal_number", "sex", "discharge_date", "discharge_order"]


@SETTINGS
@given(kind=st.sampled_from(["queue", "roster", "journal", "register", "other", None, 5]),
       version=st.one_of(JSON_VALUES, st.sampled_from([1, "1", "1.7", 1.0])),
       records=st.lists(st.one_of(JSON_VALUES, st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES)), max_size=5))
def test_random_json_documents_are_read_or_refused(kind, version, records):
    document = {"format": "qamqor-portal", "version": version, "kind": kind, "records": records}
    only_refused(json.dumps(document).encode())


# --- round trip ------------------------------------------------------------------------------------------

# the invisible formatting characters are taken out by the reader (app.domain.limits.visible): a text holding one
# reads back as it is seen (tests/services/test_invisible_characters.py)
# reads back as it is seen; a text whose letters look lost (U+FFFD, «?» beside a Cyrillic letter: how a
# Windows-1251 save writes the letters it has not) refuses a text file by design (formats.text_lines)
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Zl", "Zp")), min_size=1, max_size=30) \
    .filter(lambda s: s == s.strip() and s == visible(s) and not _LOST_LETTER.search(s) and not _LOST_WORD.search(s))
NAME = st.text(st.characters(whitelist_categories=("Lu", "Ll")), min_size=1, max_size=12)
ORDER = st.from_regex(r"\d{1,4}(-[кжш]|/[кжш])?", fullmatch=True)
DAY = st.dates(dt.date(1900, 3, 1), dt.date(2100, 12, 31))


@st.composite
def journal_record(draw: st.DrawFn) -> JournalEventRecord:
    birth = draw(st.dates(dt.date(1900, 3, 1), dt.date(2020, 12, 31)))
    after = st.dates(birth, dt.date(2100, 12, 31))
    admission = draw(st.none() | after)
    later = st.none() if admission is None else st.none() | st.dates(admission, dt.date(2100, 12, 31))
    dates = {"admission_date": admission, "temp_departure_date": draw(later), "discharge_date": draw(later),
             "transfer_date": draw(later)}
    status = draw(st.sampled_from([s for s in ResidentStatus if s not in STATUS_DATE or dates[STATUS_DATE[s]]]))
    sex = draw(st.none() | st.sampled_from(list(Sex)))
    order = {f"{k[:-5]}_order": draw(ORDER) if v and draw(st.booleans()) else None for k, v in dates.items()}
    return JournalEventRecord(
        status, draw(NAME), draw(NAME), birth,
        middle_name=draw(st.none() | st.lists(NAME, min_size=1, max_size=2).map(" ".join)), sex=sex,
        address=draw(st.none() | TEXT), phone=draw(st.none() | TEXT), ipr_until=draw(st.none() | DAY),
        returned=bool(admission) and draw(st.booleans()), discharge_reason=draw(st.none() | TEXT),
        destination=draw(st.none() | TEXT), iin=make_iin(birth, sex or Sex.MALE, draw(st.integers(0, 9999)))
        if draw(st.booleans()) else None, **dates, **order)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=st.lists(journal_record(), max_size=6), fmt=st.sampled_from(list(Format)),
       lang=st.sampled_from(["kk", "ru"]))
def test_any_journal_survives_any_format(records, fmt, lang):
    result = read_records(write_records(Kind.JOURNAL, records, fmt, lang), Kind.JOURNAL)
    assert result.problems == () and list(result.records) == records


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=st.lists(journal_record(), min_size=1, max_size=4), fmt=st.sampled_from(list(Format)),
       lang=st.sampled_from(["kk", "ru"]), char=st.sampled_from(["\u200b", "\u00ad", "\u200e", "\ufeff", "\u2060",
                                                                 "\u202b", "\U000e0041"]),
       at=st.integers(0, 12))
def test_a_journal_pasted_with_invisible_characters_reads_back_as_it_is_seen(records, fmt, lang, char, at):
    """Each name, address and order number with an invisible character inside reads back as the text without it;
    the program's own export writes the text without it."""
    from dataclasses import replace
    from unittest.mock import patch

    def pasted(text):
        return None if text is None else text[:at] + char + text[at:]

    with_them = [replace(r, last_name=pasted(r.last_name), first_name=pasted(r.first_name),
                         address=pasted(r.address), admission_order=pasted(r.admission_order)) for r in records]
    with patch("app.portal.formats._seen", lambda value: value):  # a file written by another program: with them
        data = write_records(Kind.JOURNAL, with_them, fmt, lang)
    assert fmt is Format.XLSX or char.encode() in data  # (an .xlsx is compressed)
    result = read_records(data, Kind.JOURNAL)
    assert result.problems == () and list(result.records) == records
    assert write_records(Kind.JOURNAL, with_them, fmt, lang) == write_records(Kind.JOURNAL, records, fmt, lang)

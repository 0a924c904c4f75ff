"""The adapter interface, the file adapter, and the problem list export."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from app.i18n import Message
from app.portal import (
    ExportFailed,
    FileAdapter,
    Format,
    Kind,
    PortalAdapter,
    Problem,
    read_records,
    write_problems,
    write_records,
)
from tests.portal.portal_samples import journal_records, queue_records, roster_records


def test_the_interface_is_abstract():
    with pytest.raises(TypeError):
        PortalAdapter()
    assert {"import_queue", "import_roster", "export_journal"} <= PortalAdapter.__abstractmethods__


@pytest.mark.parametrize("suffix", ["xlsx", "csv", "json", "txt"])
def test_export_journal_by_extension_and_read_it_back(tmp_path, suffix):
    adapter = FileAdapter("ru", titles=["ГУ «Дом-интернат»"])
    path = adapter.export_journal(journal_records(), tmp_path / f"journal.{suffix}")
    assert path.read_bytes() == adapter.journal_bytes(journal_records(), Format("csv" if suffix == "txt" else suffix))
    assert list(adapter.read(path, Kind.JOURNAL).records) == journal_records()
    assert [p.name for p in tmp_path.iterdir()] == [f"journal.{suffix}"]  # no temporary file left


def test_import_queue_and_roster_from_paths_and_bytes(tmp_path):
    adapter = FileAdapter()
    (tmp_path / "q.xlsx").write_bytes(write_records(Kind.QUEUE, queue_records(), Format.XLSX, "kk"))
    assert list(adapter.import_queue(tmp_path / "q.xlsx").records) == queue_records()
    assert list(adapter.import_queue(str(tmp_path / "q.xlsx")).records) == queue_records()
    data = write_records(Kind.ROSTER, roster_records(), Format.CSV, "ru")
    assert list(adapter.import_roster(data).records) == roster_records()


def test_export_failures_are_export_failed(tmp_path):
    adapter = FileAdapter()
    with pytest.raises(ExportFailed) as caught:
        adapter.export_journal(journal_records(), tmp_path / "journal.pdf")
    assert caught.value.render("ru") != caught.value.message.msgid
    with pytest.raises(ExportFailed) as caught:
        adapter.export_journal(journal_records(), tmp_path / "no" / "such" / "journal.xlsx")
    assert "journal.xlsx" in caught.value.render("kk")
    with pytest.raises(ValueError):
        FileAdapter("en")


def test_csv_delimiter_is_configurable():
    data = FileAdapter(csv_delimiter=",").journal_bytes(journal_records(), Format.CSV)
    assert data.decode("utf-8-sig").splitlines()[0].startswith("№,Мәртебесі,")  # the 2022 edition's «№»
    assert list(read_records(data, Kind.JOURNAL).records) == journal_records()


PROBLEMS = [Problem(5, "Дата рождения", "вчера", Message('"{value}" is not a date; write it as dd.mm.yyyy '
                                                         '(for example 05.03.2024).', {"value": "вчера"}), "birth_date"),
            Problem(None, None, "", Message("The file is empty: it holds nothing to import. Choose another file, or export or copy "
                                                     "this one again."))]


@pytest.mark.parametrize("lang,header,text", [
    ("kk", ["Жол", "Баған", "Мән", "Мәселе"], "«вчера» күн емес"),
    ("ru", ["Строка", "Столбец", "Значение", "Проблема"], "«вчера» — не дата"),
])
def test_problems_export_in_the_users_language(lang, header, text):
    rows = list(csv.reader(io.StringIO(write_problems(PROBLEMS, Format.CSV, lang).decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == header
    assert rows[1][:3] == ["5", "Дата рождения", "вчера"] and rows[1][3].startswith(text)
    assert rows[2][:3] == ["", "", ""]
    data = write_problems(PROBLEMS, Format.XLSX, lang)
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [c.value for c in ws[1]] == header and ws["D2"].value.startswith(text)
    assert write_problems(PROBLEMS, Format.XLSX, lang) == data
    with pytest.raises(ValueError):
        write_problems(PROBLEMS, Format.JSON, lang)


def test_problems_of_a_real_import_export_cleanly():
    data = write_records(Kind.QUEUE, queue_records(), Format.CSV, "ru").replace(b"04.03.1950", b"31.02.1950")
    result = read_records(data, Kind.QUEUE)
    rows = list(csv.reader(io.StringIO(write_problems(result.problems, Format.CSV, "ru").decode("utf-8-sig")),
                           delimiter=";"))
    assert rows[1][:3] == ["2", "Дата рождения, возраст", "31.02.1950"]

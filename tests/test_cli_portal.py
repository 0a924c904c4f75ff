"""qamqor portal import|export|reconcile and qamqor register import, as a script uses them."""

import datetime as dt
import json

from app.cli import main
from app.domain.enums import ResidentStatus, Sex
from app.domain.identity import make_iin
from app.portal.formats import write_records
from app.portal.records import Format, Kind, QueueApplicationRecord, RosterRecord
from tests.conftest import make_services
from tests.dump import dump
from tests.services.helpers import admit


def run(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def queue_file(path, lang, fmt):
    recs = [QueueApplicationRecord("Кезекова", f"Айгүл{i}", dt.date(1950, 1, 1 + i), dt.datetime(2026, 3, 1 + i, 10),
                                   portal_number=f"P-{i}", iin=make_iin(dt.date(1950, 1, 1 + i), Sex.FEMALE, 10 + i))
            for i in range(3)]
    path.write_bytes(write_records(Kind.QUEUE, recs, fmt, lang))
    return path


def test_portal_import_dry_run_commit_and_again(capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'q.sqlite3'}"
    svc, _d, _w = make_services(url)
    ru, kk = queue_file(tmp_path / "ru.xlsx", "ru", Format.XLSX), queue_file(tmp_path / "kk.csv", "kk", Format.CSV)
    before = dump(svc.engine)
    code, out, err = run(capsys, "portal", "import", ru, "--dry-run", "--json", "--db", url)
    assert code == 0 and json.loads(out)["created"] == 3 and dump(svc.engine) == before
    code, out, err = run(capsys, "portal", "import", ru, "--json", "--db", url)
    assert json.loads(out)["created"] == 3
    code, out, err = run(capsys, "portal", "import", kk, "--json", "--db", url)
    assert json.loads(out)["created"] == 0 and json.loads(out)["unchanged"] == 3
    assert len(svc.queue.rows()) == 3
    svc.engine.dispose()


def test_portal_import_names_each_record_by_the_key_a_user_knows(capsys, tmp_path):
    """Each line says what happened to whom and by which key: the portal number, or the IIN and the time received
    written as the file writes it, never the program's inner "portal:" or "iin:" prefixes."""
    url = f"sqlite:///{tmp_path / 'q.sqlite3'}"
    make_services(url)[0].engine.dispose()
    iin = make_iin(dt.date(1951, 5, 5), Sex.MALE, 77)
    recs = [QueueApplicationRecord("Кезеков", "Нұрлан", dt.date(1951, 5, 5), dt.datetime(2026, 3, 9, 14, 30), iin=iin),
            QueueApplicationRecord("Кезекова", "Айгүл", dt.date(1950, 1, 1), dt.datetime(2026, 3, 1, 10),
                                   portal_number="P-7", iin=make_iin(dt.date(1950, 1, 1), Sex.FEMALE, 10))]
    path = tmp_path / "q.csv"
    path.write_bytes(write_records(Kind.QUEUE, recs, Format.CSV, "ru"))
    code, out, err = run(capsys, "portal", "import", path, "--db", url, "--lang", "ru")
    lines = out.splitlines()
    assert code == 0 and "новая запись: Кезекова Айгүл (P-7)" in lines, out
    assert f"новая запись: Кезеков Нұрлан ({iin}, 09.03.2026 14:30)" in lines, out
    assert "portal:" not in out and "iin:" not in out


def test_portal_import_says_which_out_of_turn_marks_wait_for_their_ground(capsys, tmp_path):
    """R-06: the applications the portal marks out of turn are registered in the order of arrival; the command
    says how many, and what to do, in words and in the JSON."""
    from app.domain.enums import OrgType
    from app.domain.queue import portal_claims_notice

    url = f"sqlite:///{tmp_path / 'q.sqlite3'}"
    svc, _d, _w = make_services(url)
    recs = [QueueApplicationRecord("Жетім", f"Дана{i}", dt.date(2007, 1, 1 + i), dt.datetime(2026, 3, 1 + i, 10),
                                   portal_number=f"P-{i}", iin=make_iin(dt.date(2007, 1, 1 + i), Sex.FEMALE, 10 + i),
                                   out_of_turn=i > 0) for i in range(3)]
    path = tmp_path / "queue.csv"
    path.write_bytes(write_records(Kind.QUEUE, recs, Format.CSV, "ru"))
    code, out, err = run(capsys, "portal", "import", path, "--db", url)
    assert code == 0 and out.splitlines()[-1] == portal_claims_notice(OrgType.STATIONARY, 2).render()
    assert [r.portal_number for r in svc.queue.rows()] == ["P-0", "P-1", "P-2"]  # in the order of arrival
    code, out, err = run(capsys, "portal", "import", path, "--json", "--db", url)
    assert json.loads(out)["notices"] == []  # imported before: nothing left to do
    svc.engine.dispose()


def test_portal_import_refuses_a_broken_file_with_the_list_of_problems(capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'q.sqlite3'}"
    svc, _d, _w = make_services(url)
    good = queue_file(tmp_path / "q.csv", "ru", Format.CSV).read_text(encoding="utf-8-sig")
    iin = make_iin(dt.date(1950, 1, 2), Sex.FEMALE, 11)
    broken = tmp_path / "broken.csv"
    broken.write_text(good.replace(iin, iin[:-1] + str((int(iin[-1]) + 1) % 10)), encoding="utf-8-sig")
    before = dump(svc.engine)
    code, out, err = run(capsys, "portal", "import", broken, "--db", url, "--lang", "ru")
    assert code == 2 and "Traceback" not in err and "ИИН" in err and dump(svc.engine) == before
    zipped = tmp_path / "corrupt.xlsx"
    zipped.write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    code, out, err = run(capsys, "portal", "import", zipped, "--db", url)
    assert code == 2 and "Traceback" not in err and dump(svc.engine) == before
    svc.engine.dispose()


def test_a_hostile_files_control_characters_reach_the_terminal_as_codes(capsys, tmp_path):
    """A value with terminal escape sequences (retitle, clear the screen, colour) is refused, and the refusal
    prints it with each control character as its code: the terminal is not driven by the file."""
    url = f"sqlite:///{tmp_path / 'q.sqlite3'}"
    svc, _d, _w = make_services(url)
    recs = [QueueApplicationRecord("Кезекова", "Айгүл", dt.date(1950, 1, 1), dt.datetime(2026, 3, 1, 10),
                                   portal_number="P-1", address="\x1b]0;HACKED\x07\x1b[2J\x1b[31mАлматы")]
    hostile = tmp_path / "esc.csv"
    hostile.write_bytes(write_records(Kind.QUEUE, recs, Format.CSV, "ru"))
    before = dump(svc.engine)
    code, out, err = run(capsys, "portal", "import", hostile, "--db", url, "--lang", "ru")
    assert code == 2 and dump(svc.engine) == before
    assert not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) <= 0x9F for c in err + out)
    assert "\\u001b" in err and "\\u0007" in err  # shown, as codes
    svc.engine.dispose()


def test_portal_export_and_reconcile(capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'q.sqlite3'}"
    svc, director, worker = make_services(url)
    a = svc.residents.get(admit(svc, worker, 30))
    code, out, err = run(capsys, "portal", "export", "--out", tmp_path / "j", "--format", "json", "--json", "--yes",
                         "--db", url)
    assert code == 0 and json.loads(out)["rows"] == 1
    data = json.loads((tmp_path / "j.json").read_text(encoding="utf-8"))
    assert data["kind"] == "journal" and data["records"][0]["iin"] == a.iin
    # nothing new the next day: no file over the last one, said, and no failure of a scheduled export
    code, out, err = run(capsys, "portal", "export", "--out", tmp_path / "j", "--format", "json", "--json", "--yes",
                         "--db", url)
    said = json.loads(out)
    assert code == 0 and (said["path"], said["rows"]) == (None, 0) and said["message"]
    assert json.loads((tmp_path / "j.json").read_text(encoding="utf-8"))["records"][0]["iin"] == a.iin
    roster = tmp_path / "roster.xlsx"
    roster.write_bytes(write_records(Kind.ROSTER, [RosterRecord(a.iin, a.last_name, "Басқа", a.birth_date,
                                                                 ResidentStatus.PRESENT, dt.date.today())],
                                     Format.XLSX, "kk"))
    code, out, err = run(capsys, "portal", "reconcile", roster, "--json", "--db", url)
    rec = json.loads(out)
    assert code == 1 and not rec["matches"] and rec["differ"][0]["iin"] == a.iin
    # the field and the values as the user reads them, in the language asked for (it printed «first_name: … ≠ …»)
    for lang, field in (("ru", "Имя"), ("kk", "Аты")):
        code, out, err = run(capsys, "portal", "reconcile", roster, "--lang", lang, "--db", url)
        assert code == 1 and f"{a.iin} {a.full_name}: {field}: {a.first_name} ≠ Басқа" in out and "first_name" not in out
    svc.engine.dispose()


def test_register_import_through_a_mapping(capsys, tmp_path):
    from openpyxl import Workbook

    url = f"sqlite:///{tmp_path / 'q.sqlite3'}"
    svc, _d, _w = make_services(url)
    wb = Workbook()
    ws = wb.active
    ws.append(["Журнал проживающих"])
    ws.append(["Ф.И.О. проживающего", "Дата рожд.", "ИИН клиента", "Заселён"])
    for i in range(3):
        born = dt.date(1944, 3, 1 + i)
        ws.append([f"Жанов Жан{i} Жанович", born.strftime("%d.%m.%Y"), make_iin(born, Sex.MALE, 300 + i),
                   (dt.date.today() - dt.timedelta(days=100)).strftime("%d.%m.%Y")])
    wb.save(tmp_path / "register.xlsx")
    (tmp_path / "map.json").write_text(json.dumps({"header_row": 2, "columns": {
        "full_name": "Ф.И.О. проживающего", "birth_date": "Дата рожд.", "iin": "ИИН клиента",
        "admission_date": "Заселён"}}), encoding="utf-8")
    code, out, err = run(capsys, "register", "import", tmp_path / "register.xlsx", "--mapping", tmp_path / "map.json",
                         "--json", "--db", url)
    assert code == 0, err
    assert json.loads(out)["created"] == 3 and svc.queries.occupancy().present == 3
    svc.engine.dispose()


def test_a_mapping_file_s_problems_are_each_named_by_its_field(capsys, tmp_path):
    """A mapping written by hand: each problem on a line of its own, with the field (the mapping file's key) and the
    title given to it; a line says nothing empty (no «:  —» where a problem has no value)."""
    url = f"sqlite:///{tmp_path / 'q.sqlite3'}"
    svc, _d, _w = make_services(url)
    (tmp_path / "register.csv").write_text("Фамилия;Имя\nАхметов;Серік\n", encoding="utf-8")
    (tmp_path / "map.json").write_text(json.dumps({"columns": {"last_name": "Фамилия", "birth_date": "фамилия"}}),
                                       encoding="utf-8")
    before = dump(svc.engine)
    code, out, err = run(capsys, "register", "import", tmp_path / "register.csv", "--mapping", tmp_path / "map.json",
                         "--db", url, "--lang", "ru")
    assert code == 2 and dump(svc.engine) == before
    assert err.splitlines()[1:] == [
        "  first_name — Выберите столбец и для поля «Имя» или вместо этого — столбец ФИО целиком.",
        "  birth_date: фамилия — Столбец «фамилия» уже выбран для поля «Фамилия»; у каждого поля должен быть свой "
        "столбец."]
    svc.engine.dispose()


def test_a_register_s_text_under_its_table_is_said_without_its_control_characters(capsys, tmp_path):
    """The rows left out under a register's table are named with what they hold: a control character in that text
    (an escape sequence that clears the screen, a bell) is written as its code, not sent to the terminal."""
    url = f"sqlite:///{tmp_path / 'q.sqlite3'}"
    svc, _d, _w = make_services(url)
    (tmp_path / "register.csv").write_text("ФИО;Дата рождения\nКим Олег;02.01.1941\n\x1b[2JИтого\x07: 1;\n",
                                           encoding="utf-8")
    (tmp_path / "map.json").write_text(json.dumps({"columns": {"full_name": "ФИО", "birth_date": "Дата рождения"}}),
                                       encoding="utf-8")
    code, out, err = run(capsys, "register", "import", tmp_path / "register.csv", "--mapping", tmp_path / "map.json",
                         "--db", url, "--lang", "ru")
    assert code == 0, err
    assert "Строка 3: \\u001b[2JИтого\\u0007: 1" in out and "\x1b" not in out and "\x07" not in out
    svc.engine.dispose()


def test_a_file_that_is_not_there_is_said_in_the_users_language(capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'q.sqlite3'}"
    svc, _d, _w = make_services(url)
    for lang, words in (("ru", "такого файла нет"), ("kk", "мұндай файл жоқ")):
        code, out, err = run(capsys, "portal", "import", tmp_path / "нет.xlsx", "--db", url, "--lang", lang)
        assert code == 2 and words in err and "No such file" not in err
    code, out, err = run(capsys, "portal", "import", tmp_path, "--db", url, "--lang", "ru")
    assert code == 2 and "это папка" in err
    svc.engine.dispose()

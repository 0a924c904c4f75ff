"""`qamqor check [--on DATE] [--json]`: the checklist's exact JSON shape (issue 13 point 2)."""

import csv
import json
from pathlib import Path

import pytest

from app.cli import main

DATA = Path(__file__).resolve().parents[1] / "resources" / "data"


def test_check_json_has_the_exact_shape_and_the_items_of_annex_3(capsys, tmp_path):
    db = str(tmp_path / "demo.sqlite3")
    assert main(["demo", "--residents", "15", "--seed", "2", "--db", db]) == 0
    capsys.readouterr()
    code = main(["check", "--json", "--on", "2026-12-01", "--db", db, "--lang", "kk"])
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"on", "items"} and data["on"] == "2026-12-01"
    texts = {int(r["no"]): r["requirement_kk"] for r in csv.DictReader(open(DATA / "checklist_stationary_semistationary.csv",
                                                                            encoding="utf-8"))}
    assert [i["no"] for i in data["items"]] == list(range(1, 21))
    for item in data["items"]:
        assert set(item) == {"no", "text", "judged", "status", "degree", "residents"}
        assert item["text"] == texts[item["no"]]
        assert item["judged"] == ("data" if item["no"] <= 4 else "staff")
        assert item["status"] in {"complies", "fails", "not_required", "unanswered"}
        assert item["degree"] in {"gross", "significant", "minor"}
        for r in item["residents"]:
            assert set(r) == {"iin", "name", "why"} and r["name"] and r["why"]
    staff = [i for i in data["items"] if i["judged"] == "staff"]
    assert {i["status"] for i in staff} == {"unanswered"}
    # no reconciliation with the portal recorded yet: item 3 fails, and the exit status says so
    assert data["items"][2]["status"] == "fails" and code == 1
    assert main(["check", "--db", db, "--lang", "ru"]) == 1
    out = capsys.readouterr().out
    assert "Проверочный лист" in out and "Соблюдение сроков разработки" in out


@pytest.mark.parametrize("command", [["portal", "reconcile"], ["portal", "import"]], ids=["reconcile", "import"])
def test_portal_reconcile_is_kept_and_item_3_names_the_difference(capsys, tmp_path, command):
    """``portal import`` of a roster compares it as ``portal reconcile`` does, and keeps it the same way (a dry
    run keeps nothing)."""
    import datetime as dt

    from app.domain.enums import ResidentStatus
    from app.portal.formats import Format, write_records
    from app.portal.records import Kind, RosterRecord
    from tests.conftest import make_services
    from tests.services.helpers import admit

    url = f"sqlite:///{tmp_path / 'q.sqlite3'}"
    svc, director, worker = make_services(url)
    a = svc.residents.get(admit(svc, worker, 3))
    roster = tmp_path / "roster.xlsx"
    roster.write_bytes(write_records(Kind.ROSTER, [RosterRecord(a.iin, a.last_name, "Басқа", a.birth_date,
                                                                 ResidentStatus.PRESENT, dt.date.today())],
                                     Format.XLSX, "kk"))
    if command[1] == "import":
        assert main([*command, str(roster), "--dry-run", "--json", "--db", url]) == 1
        with svc.engine.connect() as c:
            assert c.exec_driver_sql("SELECT count(*) FROM portal_reconciliation").scalar() == 0
    assert main([*command, str(roster), "--json", "--db", url]) == 1
    capsys.readouterr()
    main(["check", "--json", "--db", url, "--lang", "ru"])
    item3 = json.loads(capsys.readouterr().out)["items"][2]
    assert item3["status"] == "fails" and [r["iin"] for r in item3["residents"]] == [a.iin]
    # the portal file gives another first name, no patronymic and today as the admission date
    assert item3["residents"][0]["why"] == "расходится с порталом: Имя, Отчество, Дата поступления"
    svc.engine.dispose()

"""qamqor audit: the log filtered by person, user, period and action, as text and as JSON; the
command-line print recorded as a read."""

import datetime as dt
import json

from app.cli import main
from app.domain.enums import RecipientCategory, Sex
from tests.conftest import make_services
from tests.services.helpers import admit, person


def run(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_audit_text_and_json_with_filters(capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    svc, director, worker = make_services(url)
    a = admit(svc, worker, 30)
    b = admit(svc, worker, 20, last="Бекова", sex=Sex.FEMALE)
    svc.residents.update(director, a, person(last="Жаңаев", category=RecipientCategory.ELDERLY),
                         svc.residents.get(a).version)
    svc.residents.open(director, b)
    iin_a = svc.residents.get(a).iin
    code, out, err = run(capsys, "audit", "--resident", iin_a, "--json", "--db", url, "--lang", "ru")
    assert code == 0, err
    data = json.loads(out)
    assert data["total"] == len(data["entries"]) > 0 and {e["resident_id"] for e in data["entries"]} == {a}
    [update] = [e for e in data["entries"] if e["action"] == "resident.update"]
    assert update["user"] == "director" and update["resident"].startswith("Жаңаев")
    assert {"field": "last_name", "label": "Фамилия", "before": "Ахметов", "after": "Жаңаев"} in update["changes"]
    code, out, err = run(capsys, "audit", "--user", "director", "--action", "resident.read", "--json", "--db", url)
    assert [(e["user"], e["resident_id"]) for e in json.loads(out)["entries"]] == [("director", b)]
    today = dt.date.today()
    code, out, err = run(capsys, "audit", "--from", today + dt.timedelta(days=1), "--json", "--db", url)
    assert json.loads(out) == {"total": 0, "entries": []}
    code, out, err = run(capsys, "audit", "--resident", iin_a, "--lang", "kk", "--db", url)
    assert code == 0 and "Уақыты" in out and "Тегі: Ахметов → Жаңаев" in out and "director" in out
    code, out, err = run(capsys, "audit", "--resident", iin_a, "--lang", "ru", "--db", url)
    assert "Время" in out and "Фамилия: Ахметов → Жаңаев" in out and "Показано записей" in out
    svc.engine.dispose()


def test_audit_refuses_an_unknown_iin_and_a_reversed_period(capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    svc, _d, _w = make_services(url)
    code, out, err = run(capsys, "audit", "--resident", "000000000000", "--db", url, "--lang", "ru")
    assert code == 2 and "000000000000" in err and "Traceback" not in err
    code, out, err = run(capsys, "audit", "--from", "2026-02-01", "--to", "2026-01-01", "--db", url)
    assert code == 2
    svc.engine.dispose()


def test_printing_from_the_command_line_is_recorded(capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    svc, _d, worker = make_services(url)
    admit(svc, worker, 30)
    code, out, err = run(capsys, "print", "journal", "--out", tmp_path / "j.pdf", "--db", url)
    assert code == 0, err
    code, out, err = run(capsys, "audit", "--action", "print", "--json", "--db", url)
    [entry] = json.loads(out)["entries"]
    assert entry["action"] == "print.journal" and entry["user"].startswith("cli:") and entry["after"]["count"] == 1
    svc.engine.dispose()

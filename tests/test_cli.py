"""The qamqor command as a script uses it: demo, then the lists, in JSON and as text."""

import datetime as dt
import json
import os

import pytest

from app.cli import main


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    assert main(["demo", "--residents", "25", "--seed", "3", "--db", str(path)]) == 0
    return str(path)


def test_demo_then_queue_list_json_is_in_legal_order(capsys, demo_db):
    code, out, err = run(capsys, "queue", "list", "--json", "--db", demo_db)
    assert code == 0, err
    data = json.loads(out)
    queue = data["queue"]
    assert [q["position"] for q in queue] == list(range(1, len(queue) + 1))
    assert queue[0]["rule"] == "R-06"  # the orphan turning 18 stands first
    ordinary = [q for q in queue if q["rule"] != "R-06"]
    assert [q["standing_since"] for q in ordinary] == sorted(q["standing_since"] for q in ordinary)
    assert any(q["rule"] == "R-05" for q in queue)
    assert all(q["reason"] for q in queue)
    # a place offered to a person in the queue is held for them
    assert data["on_offer"] == sum(q["outcome"] == "offered" for q in queue)
    assert data["vacant"] == max(data["capacity"] - data["present"] - data["temporarily_absent"] - data["on_offer"], 0)


def test_r08_a_missed_arrival_is_listed_by_deadlines_and_the_place_on_offer_by_queue_list(capsys, tmp_path):
    from tests.conftest import make_services
    from tests.services.helpers import days_ago, person

    url = f"sqlite:///{tmp_path / 'q.sqlite3'}"
    svc, director, worker = make_services(url, capacity=3)
    app_ = svc.queue.register(worker, person(last="Келмеген"), dt.datetime.combine(days_ago(40), dt.time(9)))
    svc.queue.offer_place(worker, app_.application_id, days_ago(11))  # arrival date: yesterday
    svc.engine.dispose()
    code, out, err = run(capsys, "deadlines", "--json", "--db", url, "--state", "overdue")
    assert code == 0, err
    [row] = [r for r in json.loads(out)["deadlines"] if r["kind"] == "arrival"]
    assert (row["rule"], row["due"], row["full_name"].split()[0]) == ("R-08", days_ago(1).isoformat(), "Келмеген")
    code, out, err = run(capsys, "deadlines", "--db", url, "--lang", "ru")
    assert "R-08" in out and "Келмеген" in out
    code, out, err = run(capsys, "queue", "list", "--db", url, "--lang", "ru")
    assert code == 0 and "предложено 1" in out.splitlines()[0] and "свободно 2" in out.splitlines()[0]


def test_deadlines_json_explains_each_deadline(capsys, demo_db):
    code, out, err = run(capsys, "deadlines", "--json", "--db", demo_db, "--lang", "kk")
    assert code == 0, err
    rows = json.loads(out)["deadlines"]
    assert rows and all(r["rule"] in {"R-05", "R-07", "R-08", "R-11", "R-14", "R-15", "R-20", "R-21", "R-28"}
                        for r in rows)
    assert any(r["state"] == "overdue" for r in rows)
    assert [r["due"] for r in rows] == sorted(r["due"] for r in rows)
    assert all(r["basis"] for r in rows)
    # issue 13 point 1: every kind the demo plants, each with how near it is
    kinds = {r["kind"] for r in rows}
    assert {"documents", "ipr_expiry", "plan_end", "licence_expiry", "contract_expiry"} <= kinds
    assert {r["bucket"] for r in rows} <= {"overdue", "today", "days_7", "days_14", "later"}
    [licence] = [r for r in rows if r["kind"] == "licence_expiry"]
    assert (licence["rule"], licence["bucket"], licence["resident_id"]) == ("R-28", "days_14", None)


def test_deadlines_filtered_by_bucket_and_kind_as_text(capsys, demo_db):
    code, out, err = run(capsys, "deadlines", "--db", demo_db, "--lang", "ru", "--bucket", "days_14",
                         "--kind", "licence_expiry")
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 3 and "R-28" in lines[2] and "в течение 14 дней" in lines[2]
    assert "срок лицензии организации истекает" in lines[2]


def test_journal_text_and_residents_list(capsys, demo_db):
    today = dt.date.today()
    code, out, err = run(capsys, "journal", "--from", f"{today.year - 1}-01-01", "--to", today.isoformat(),
                         "--db", demo_db, "--lang", "ru")
    assert code == 0, err and "№" in out
    code, out, err = run(capsys, "residents", "list", "--json", "--db", demo_db, "--status", "present")
    assert code == 0 and json.loads(out)["total"] > 0


def test_demo_refuses_to_overwrite_real_data(capsys, tmp_path):
    from tests.conftest import make_services

    url = f"sqlite:///{tmp_path / 'real.sqlite3'}"
    svc, _d, _w = make_services(url)
    svc.engine.dispose()
    code, out, err = run(capsys, "demo", "--db", url)
    assert code == 2 and "--force" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_demo_force_keeps_a_copy_of_the_real_data_it_replaces(capsys, tmp_path):
    from app import backup
    from tests.conftest import make_services
    from tests.services.helpers import admit

    url = f"sqlite:///{tmp_path / 'real.sqlite3'}"
    svc, _d, worker = make_services(url)
    for _ in range(3):
        admit(svc, worker)
    svc.engine.dispose()
    code, out, err = run(capsys, "demo", "--residents", "5", "--force", "--db", url, "--json")
    assert code == 0, err
    kept = json.loads(out)["copy_of_replaced"]
    if os.name == "posix":
        assert os.stat(kept).st_mode & 0o777 == 0o600  # a copy of people's data is the user's only
    manifest = backup.verify(kept)  # a verified backup: the three real residents are in it
    assert manifest.kind == "before-demo" and manifest.residents == 3 and manifest.counts["organisation"] == 1


def test_errors_are_one_line_without_traceback(capsys, tmp_path):
    code, out, err = run(capsys, "queue", "list", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert code != 0 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    code, out, err = run(capsys, "journal", "--from", "2026-05-01", "--to", "2026-01-01",
                         "--db", str(tmp_path / "x.sqlite3"))
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_database_url_from_the_environment(capsys, demo_db, monkeypatch):
    monkeypatch.setenv("QAMQOR_DATABASE_URL", f"sqlite:///{demo_db}")
    code, out, err = run(capsys, "queue", "list", "--json")
    assert code == 0 and json.loads(out)["queue"]


def test_r15_deadline_rules_made_stricter_from_the_command_line_with_their_source(capsys, tmp_path):
    db = str(tmp_path / "rules.sqlite3")
    assert main(["demo", "--residents", "6", "--seed", "2", "--db", db]) == 0
    capsys.readouterr()
    code, out, err = run(capsys, "deadline-rules", "--set", "plan_draw_up_calendar_days=8", "--order", "12",
                         "--date", "02.11.2026", "--db", db, "--lang", "ru")
    assert code == 2 and "5" in err and "plan" not in out  # looser than the act: refused, nothing changed
    code, out, err = run(capsys, "deadline-rules", "--set", "plan_draw_up_calendar_days=3", "--db", db)
    assert code == 2 and err  # no order or decision named
    code, out, err = run(capsys, "deadline-rules", "--set", "plan_draw_up_calendar_days=3", "--order", "12",
                         "--date", "01.01.2031", "--db", db, "--lang", "ru")
    assert code == 2 and "01.01.2031" in err  # an order dated in the future sets nothing
    code, out, err = run(capsys, "deadline-rules", "--set", "plan_draw_up_calendar_days=3", "--decision", "7-ш",
                         "--date", "02.11.2026", "--json", "--db", db, "--lang", "kk")
    assert code == 0, err
    rows = {r["name"]: r for r in json.loads(out)["deadline_rules"]}
    assert rows["plan_draw_up_calendar_days"]["days"] == 3 and "7-ш" in rows["plan_draw_up_calendar_days"]["source"]
    assert rows["plan_renew_working_days"]["days"] == 1 and rows["plan_renew_working_days"]["act_limit"] == 1
    code, out, err = run(capsys, "deadline-rules", "--db", db, "--lang", "ru")
    assert code == 0 and "7-ш" in out and "02.11.2026" in out


def test_stats_json_text_and_pdf(capsys, demo_db, tmp_path):
    today = dt.date.today()
    code, out, err = run(capsys, "stats", "--json", "--db", demo_db, "--lang", "ru")
    assert code == 0, err
    data = json.loads(out)
    assert list(data["charts"]) == ["occupancy", "queue", "admissions", "discharges", "on_time", "age", "category"]
    held = data["charts"]["occupancy"]["series"][0]["values"]
    assert len(held) == 12 and data["charts"]["occupancy"]["categories"][-1] == today.replace(day=1).isoformat()
    head = data["headcount"]
    assert head["on"] == today.isoformat() and held[-1] == head["total"] == head["present"] + sum(head["away"].values())
    code, out, err = run(capsys, "stats", "--db", demo_db, "--lang", "kk", "--chart", "age")
    assert code == 0 and "Қызмет алушылардың жас құрылымы" in out and "тәуліктік тізім саны" in out
    pdf = tmp_path / "stats.pdf"
    code, out, err = run(capsys, "stats", "--db", demo_db, "--lang", "kk", "--pdf", str(pdf))
    assert code == 0 and pdf.read_bytes()[:5] == b"%PDF-"
    code, out, err = run(capsys, "stats", "--db", demo_db, "--lang", "ru", "--from", "2026-06-01", "--to", "2026-01-01")
    assert code == 2 and "Конец периода" in err and "Traceback" not in err

"""R-36 through the command line: units with their capacity and vacancy, and placing a resident."""

import json

from app.cli import main


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_r36_units_add_list_place_and_the_6_to_30_limit(capsys, tmp_path):
    db = str(tmp_path / "demo.sqlite3")
    assert main(["demo", "--residents", "12", "--seed", "2", "--db", db]) == 0
    capsys.readouterr()
    code, out, err = run(capsys, "units", "add", "--kind", "supported_living", "--name", "Бөлімше", "--places", "31",
                         "--db", db, "--lang", "ru")
    assert code == 2 and "от 6 до 30" in err
    code, out, err = run(capsys, "units", "add", "--kind", "supported_living", "--name", "Бөлімше", "--places", "6",
                         "--db", db)
    assert code == 0, err
    code, out, err = run(capsys, "units", "list", "--json", "--db", db)
    data = json.loads(out)
    unit = data["units"][0]
    assert (unit["name"], unit["places"], unit["vacant"]) == ("Бөлімше", 6, 6)
    assert data["places"] == sum(u["places"] for u in data["units"])
    code, out, err = run(capsys, "residents", "list", "--json", "--status", "present", "--db", db)
    rid = json.loads(out)["residents"][0]["id"]
    code, out, err = run(capsys, "units", "place", str(rid), "--unit", str(unit["unit_id"]), "--json", "--db", db)
    assert code == 0, err
    assert json.loads(out)["units"][0]["present"] == 1
    code, out, err = run(capsys, "queue", "list", "--json", "--db", db)
    assert [u["name"] for u in json.loads(out)["units"]] == ["Бөлімше", None]
    code, out, err = run(capsys, "queue", "list", "--db", db, "--lang", "kk")
    assert code == 0 and "Бөлімше: 6 орын, 1 бос емес, 5 бос" in out

"""`qamqor staffing [--json]` (R-29, R-36; issue 13 point 3): the JSON shape exactly as the issue gives it, the
numbers read from the CSV, the human output through Babel."""

import csv
import json
from decimal import Decimal
from pathlib import Path

from app.cli import main

CSV_PATH = Path(__file__).resolve().parents[1] / "resources/data/staffing_norms_stationary.csv"


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_r29_staffing_json_shape_and_numbers(capsys, tmp_path):
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        rows = {int(r["no"]): r for r in csv.DictReader(fh)}
    db = str(tmp_path / "demo.sqlite3")
    assert main(["demo", "--residents", "12", "--seed", "3", "--db", db]) == 0
    capsys.readouterr()
    code, out, err = run(capsys, "staffing", "--json", "--db", db, "--lang", "ru")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"recipients", "band", "positions"}
    assert data["recipients"] == 14 and data["band"] == "up-to-25"  # the demo's capacity: 12 + 2 places
    assert [p["no"] for p in data["positions"]] == list(range(1, 79))
    for p in data["positions"]:
        assert set(p) == {"no", "position", "required", "rule", "actual", "difference"}
        if p["required"] is None:
            assert p["rule"] and p["difference"] is None
        else:
            assert p["rule"] is None
            assert Decimal(str(p["difference"])) == Decimal(str(p["actual"])) - Decimal(str(p["required"]))
    by_no = {p["no"]: p for p in data["positions"]}
    for no in (7, 8, 10, 17, 40, 49):  # set by the band alone (no notes, no rule in this band)
        cell = rows[no]["band_upto_25"]
        assert by_no[no]["required"] == (0 if cell == "-" else float(Decimal(cell))), no
    assert by_no[1]["actual"] == 1 and by_no[1]["required"] == 1   # the demo's staff list has a director
    assert by_no[63]["required"] == 5.25 and by_no[63]["actual"] == 5.25  # one round-the-clock nurse post
    assert by_no[24]["required"] is None and by_no[24]["rule"] == "В соответствии с типовыми нормативами"
    assert by_no[1]["position"] == "Директор" and by_no[45]["position"] == "Сестра-хозяйка"


def test_r29_staffing_human_output_in_kazakh(capsys, tmp_path):
    db = str(tmp_path / "demo.sqlite3")
    assert main(["demo", "--residents", "12", "--seed", "3", "--db", db]) == 0
    capsys.readouterr()
    code, out, err = run(capsys, "staffing", "--db", db, "--lang", "kk")
    assert code == 0, err
    assert "Қызмет алушылар: 14 («25-ке дейін» бағаны)" in out
    assert "5,25" in out
    assert "№ 24: Үлгілік нормативтерге сәйкес" in out
    code, out, err = run(capsys, "print", "staffing", "--lang", "ru", "--out", str(tmp_path / "s.pdf"), "--db", db)
    assert code == 0, err
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")

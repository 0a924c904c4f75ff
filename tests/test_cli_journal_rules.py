"""`qamqor journal` for a home-care organisation names the head's decisions (R-01) and numbers the
entries as the journal does (R-09)."""

import datetime as dt

from app.domain.enums import OrgType
from tests.services.helpers import admit, days_ago, order
from tests.test_cli import run


def test_r01_home_care_journal_text_names_decisions_and_reasons(capsys, tmp_path):
    from tests.conftest import make_services

    url = f"sqlite:///{tmp_path / 'home.sqlite3'}"
    svc, _director, worker = make_services(url, org_type=OrgType.HOME_CARE)
    admit(svc, worker, 100)
    rid = admit(svc, worker, 20)
    svc.movements.temporary_departure(worker, rid, days_ago(3), order(days_ago(3), "5-ш"), "ауруханаға")
    svc.engine.dispose()
    code, out, err = run(capsys, "journal", "--from", days_ago(30).isoformat(), "--to", dt.date.today().isoformat(),
                         "--db", url, "--lang", "kk")
    assert code == 0, err
    assert "Түскен күні, шешім №" in out and "бұйрық" not in out
    assert f"{days_ago(3):%d.%m.%Y}: ауруханаға" in out
    line = next(x for x in out.splitlines() if "ауруханаға" in x)
    assert line.split()[0] == "2"  # the entry's own number: the first entry is outside the period

"""GUI fixtures: a Context over a fresh SQLite database (small demo or empty organisation)."""

from __future__ import annotations

import pytest

from app import i18n


@pytest.fixture
def translator(qapp):
    from ui.i18n import Translator

    t = Translator()
    yield t
    t.close()
    i18n.set_language("ru")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """One demo database per test session; each test works on its own copy of the file."""
    from app.demo import build_demo
    from app.services import Services

    path = tmp_path_factory.mktemp("demo-template") / "demo.sqlite3"
    svc = Services.open(f"sqlite:///{path}")
    build_demo(svc, residents=20, seed=5)
    with svc.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    svc.engine.dispose()
    return path


def _ctx(url, translator, demo, as_director: bool):
    import shutil

    from app.demo import DEMO_DIRECTOR, DEMO_SOCIAL
    from app.services import Services
    from tests.conftest import make_services
    from ui.context import Context

    if demo:
        shutil.copyfile(demo, url.removeprefix("sqlite:///"))
        svc = Services.open(url)
        who = DEMO_DIRECTOR if as_director else DEMO_SOCIAL
        actor = svc.people.authenticate(*who)
    else:
        svc, director, worker = make_services(url, capacity=5)
        actor = director if as_director else worker
    return Context(svc, actor, translator, url)


@pytest.fixture
def ctx(tmp_path, translator, demo_template):
    """A demo institution of 20 residents; signed in as the social work specialist."""
    c = _ctx(f"sqlite:///{tmp_path / 'ui.sqlite3'}", translator, demo=demo_template, as_director=False)
    yield c
    c.services.engine.dispose()


@pytest.fixture
def director_ctx(tmp_path, translator, demo_template):
    c = _ctx(f"sqlite:///{tmp_path / 'ui.sqlite3'}", translator, demo=demo_template, as_director=True)
    yield c
    c.services.engine.dispose()


@pytest.fixture
def empty_ctx(tmp_path, translator):
    """An organisation of 5 places with no residents; signed in as the social work specialist."""
    c = _ctx(f"sqlite:///{tmp_path / 'ui.sqlite3'}", translator, demo=None, as_director=False)
    yield c
    c.services.engine.dispose()


@pytest.fixture
def warnings(monkeypatch):
    """QMessageBox.warning / information / critical calls, captured instead of shown."""
    from PySide6.QtWidgets import QMessageBox

    seen: list[str] = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda _p, _t, text, *a, **k: seen.append(text))
    return seen


@pytest.fixture(autouse=True)
def _unexpected_errors_fail_the_test(monkeypatch):
    """The "Something went wrong" box waits for a click, for ever offscreen and in CI: in a test it is not
    shown, and the test fails at its end with the traceback the box would have offered to copy."""
    from app import diagnostics
    from ui.widgets import failures

    shown: list[str] = []
    monkeypatch.setattr(failures, "show_unexpected", lambda _parent, exc: shown.append(diagnostics.describe(exc)))
    yield shown
    assert not shown, "an unexpected error reached the user:\n" + "\n".join(shown)


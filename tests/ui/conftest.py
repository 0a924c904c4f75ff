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


def _ctx(url, translator, demo: bool, as_director: bool):
    from app.demo import DEMO_DIRECTOR, DEMO_SOCIAL, build_demo
    from app.services import Services
    from tests.conftest import make_services
    from ui.context import Context

    if demo:
        svc = Services.open(url)
        build_demo(svc, residents=20, seed=5)
        who = DEMO_DIRECTOR if as_director else DEMO_SOCIAL
        actor = svc.people.authenticate(*who)
    else:
        svc, director, worker = make_services(url, capacity=5)
        actor = director if as_director else worker
    return Context(svc, actor, translator, url)


@pytest.fixture
def ctx(tmp_path, translator):
    """A demo institution of 20 residents; signed in as the social work specialist."""
    c = _ctx(f"sqlite:///{tmp_path / 'ui.sqlite3'}", translator, demo=True, as_director=False)
    yield c
    c.services.engine.dispose()


@pytest.fixture
def director_ctx(tmp_path, translator):
    c = _ctx(f"sqlite:///{tmp_path / 'ui.sqlite3'}", translator, demo=True, as_director=True)
    yield c
    c.services.engine.dispose()


@pytest.fixture
def empty_ctx(tmp_path, translator):
    """An organisation of 5 places with no residents; signed in as the social work specialist."""
    c = _ctx(f"sqlite:///{tmp_path / 'ui.sqlite3'}", translator, demo=False, as_director=False)
    yield c
    c.services.engine.dispose()

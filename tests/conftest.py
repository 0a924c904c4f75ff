"""Shared fixtures. The offscreen platform is set before anything can load Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402
import tempfile  # noqa: E402

import pytest  # noqa: E402

_DATA = tempfile.mkdtemp(prefix="qamqor-test-data-")
os.environ["QAMQOR_DATA_DIR"] = _DATA
os.environ.pop("QAMQOR_DATABASE_URL", None)


def _compile_catalogs() -> None:
    """The program loads compiled catalogs only; a fresh clone (or a .po edited since) gets them built here,
    as the bootstrap would (resources/i18n/compile.py)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "resources" / "i18n" / "compile.py"
    spec = importlib.util.spec_from_file_location("qamqor_i18n_compile", path)
    assert spec is not None and spec.loader is not None  # a .py file
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.compile_all()


_compile_catalogs()

from argon2 import PasswordHasher  # noqa: E402

import app.services.organisation as _accounts  # noqa: E402
from app import i18n  # noqa: E402
from app.domain.enums import OrgType, Role  # noqa: E402
from tests.pgserver import PostgresServer, postgres_unavailable_reason  # noqa: E402

#: the program hashes passwords at argon2's full cost (64 MiB, three passes: 0.2-0.4 s a hash here), which the
#: suite's thousands of accounts and sign-ins paid again and again (two accounts a test database: minutes of a CI
#: run). The tests hash at the lowest cost, whose hashes verify the same way; test_accounts checks the program's.
PROGRAM_HASHER = _accounts._hasher
_accounts._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(autouse=True)
def _language():
    """Each test starts in Russian and leaves no listener behind."""
    i18n.set_language("ru")
    yield
    i18n.set_language("ru")


@pytest.fixture(autouse=True)
def _crash_handlers(request):
    """A test that runs the CLI in-process installs the program's crash handlers, which send fatal errors to that
    test's log folder for the rest of the session. Put pytest's back after it, so a fatal error (a segmentation
    fault, a bus error) in a later test prints its traceback where CI shows it."""
    import faulthandler
    import sys
    import threading

    hooks = sys.excepthook, threading.excepthook
    yield
    from app import diagnostics

    if not diagnostics._hooked:
        return
    sys.excepthook, threading.excepthook = hooks
    diagnostics._hooked = False
    if diagnostics._fault_file is not None:
        try:
            from _pytest.faulthandler import fault_handler_stderr_fd_key

            faulthandler.enable(file=request.config.stash[fault_handler_stderr_fd_key], all_threads=True)
        except (ImportError, KeyError):
            faulthandler.enable(file=sys.__stderr__ or sys.stderr, all_threads=True)
        diagnostics._fault_file.close()
        diagnostics._fault_file = None


@pytest.fixture(scope="session")
def pg_server():
    reason = postgres_unavailable_reason()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI: {reason}")
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    server = PostgresServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """A fresh, empty database on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
    else:
        server = request.getfixturevalue("pg_server")
        url = server.create_database()
        yield url
        server.drop_database(url)


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'test.sqlite3'}"


def make_services(url: str, capacity: int = 10, org_type: OrgType = OrgType.STATIONARY):
    """The test organisation serves the elderly and persons with disabilities of groups 1 and 2 (R-26, R-28),
    so that an admission can name its category and ground (R-33)."""
    from app.domain.enums import RecipientCategory
    from app.services import OrganisationInput, Services

    svc = Services.open(url)
    system = _system()
    svc.organisation.register(system, OrganisationInput(
        "Тест ұйымы", "Тестовая организация", org_type, capacity, director_name="Директоров Д. Д.",
        categories=[RecipientCategory.ELDERLY, RecipientCategory.DISABLED_GROUP_1_2]))
    director = svc.people.create_user(None, "director", "Директоров Д. Д.", Role.DIRECTOR, "director1")
    worker = svc.people.create_user(director, "worker", "Маманова М. М.", Role.SOCIAL_WORKER, "worker12")
    return svc, director, worker


def _system():
    from app.services import SYSTEM

    return SYSTEM


@pytest.fixture
def org(db_url):
    """Services over a fresh database with a stationary organisation of 10 places and two users."""
    svc, director, worker = make_services(db_url)
    yield svc, director, worker
    svc.engine.dispose()


@pytest.fixture
def today() -> dt.date:
    return dt.date.today()


def pytest_report_header(config):
    reason = postgres_unavailable_reason()
    return f"postgres: {'available' if not reason else 'SKIPPED - ' + reason}"

"""Issue 10 point 8: the shared database's connection settings — checked, saved in the user's own settings
file, used at the next start, and a connection test that says in plain words what went wrong."""

from __future__ import annotations

import os
import socket
import stat

import pytest
from sqlalchemy.engine import make_url

from app.db import connection
from app.db.connection import ServerSettings, try_connection
from app.db.engine import SCHEMA_HEAD, resolve_url
from app.domain.errors import DomainError


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A data folder of its own (the saved settings go there) and no database URL in the environment."""
    monkeypatch.setenv("QAMQOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("QAMQOR_DATABASE_URL", raising=False)
    return tmp_path / "data"


def _server(url: str, **changes) -> ServerSettings:
    u = make_url(url)
    values = dict(host=u.host, port=u.port, database=u.database, user=u.username, password="")
    values.update(changes)
    return ServerSettings(**values)


@pytest.mark.parametrize(("changes", "field"), [
    ({"host": "  "}, "host"), ({"database": ""}, "database"), ({"user": " "}, "user"),
    ({"port": 0}, "port"), ({"port": 70000}, "port"),
])
def test_a_missing_or_wrong_field_is_refused_under_it(changes, field):
    values = dict(host="office-pc", port=5432, database="qamqor", user="qamqor", password="p")
    values.update(changes)
    with pytest.raises(DomainError) as refused:
        ServerSettings(**values).url()
    assert refused.value.field == field
    assert refused.value.render("kk") != refused.value.render("ru")


def test_saved_settings_are_used_at_the_next_start_and_kept_private(data_dir):
    assert resolve_url().startswith("sqlite:///")
    url = connection.save(ServerSettings(" office-pc ", 5433, "qamqor", "qamqor", "Құпия сөз@1/:"))
    assert resolve_url() == url and url.startswith("postgresql+psycopg://")
    again = connection.server_settings(resolve_url())
    assert again == ServerSettings("office-pc", 5433, "qamqor", "qamqor", "Құпия сөз@1/:")  # odd characters survive
    if os.name == "posix":  # the file holds the password: the user's only
        assert stat.S_IMODE((data_dir / "settings.json").stat().st_mode) == 0o600
    assert resolve_url("sqlite:///other.sqlite3") == "sqlite:///other.sqlite3"  # --db wins
    os.environ["QAMQOR_DATABASE_URL"] = "postgresql://a@b/c"
    try:
        assert resolve_url() == "postgresql+psycopg://a@b/c"  # then the environment
    finally:
        del os.environ["QAMQOR_DATABASE_URL"]
    connection.save(None)  # back to this computer's own file
    assert resolve_url().startswith("sqlite:///")


@pytest.mark.postgres
def test_the_connection_test_finds_an_empty_database_then_qamqors_tables(pg_server):
    url = pg_server.create_database()
    try:
        found = try_connection(_server(url))
        assert found.revision is None and found.server_version[0].isdigit()
        assert "пуст" in found.message().render("ru") and "бос" in found.message().render("kk")
        from app.services import Services

        Services.open(url).engine.dispose()
        found = try_connection(_server(url))
        assert found.revision == SCHEMA_HEAD
        assert found.message().render("ru") != found.message().msgid
    finally:
        pg_server.drop_database(url)


@pytest.mark.postgres
def test_an_emptied_revision_table_is_a_database_without_qamqors_tables(pg_server):
    """A downgrade to the start leaves alembic_version without a row: the test read that missing row and said
    the connection had failed (found by the type checker); it is a database Qamqor fills at the next start."""
    from sqlalchemy import create_engine, text

    url = pg_server.create_database()
    try:
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE alembic_version (version_num varchar(32) NOT NULL)"))
        engine.dispose()
        found = try_connection(_server(url))
        assert found.revision is None and "пуст" in found.message().render("ru")
    finally:
        pg_server.drop_database(url)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.postgres
@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"database": "no_such_db"}, "database", ("no_such_db", "no_such_db")),
    ({"user": "no_such_user"}, "user", ("no_such_user", "no_such_user")),
    ({"port": "free"}, "port", ("PostgreSQL", "PostgreSQL")),
    ({"host": "no-such-pc.invalid"}, "host", ("no-such-pc.invalid", "no-such-pc.invalid")),
])
def test_a_failed_connection_is_said_in_plain_words_under_the_field(pg_server, changes, field, words):
    if changes.get("port") == "free":
        changes = {"port": _free_port()}
    server = _server(pg_server.url(), password="secret-Пароль", **changes)
    with pytest.raises(DomainError) as refused:
        try_connection(server, timeout=3)
    exc = refused.value
    assert exc.field == field
    for lang, word in zip(("ru", "kk"), words, strict=True):
        text = exc.render(lang)
        assert word in text
        assert "secret-Пароль" not in text and "failed" not in text and "connection to server" not in text
    assert exc.render("ru") != exc.render("kk")


def test_an_unrecognised_failure_names_no_driver_text():
    exc = connection.explain(RuntimeError("FATAL: something odd, password=secret"), ServerSettings("pc", password="secret"))
    assert exc.field is None and "secret" not in exc.render("ru") and "FATAL" not in exc.render("kk")

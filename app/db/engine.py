"""Engine and session factory; schema upgrade on start after a verified backup."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from app.paths import default_database_path, private

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: the newest migration; start-up compares with it without loading Alembic (a test keeps it true)
SCHEMA_HEAD = "0025"


def resolve_url(url: str | None = None) -> str:
    """``--db URL`` wins, then ``QAMQOR_DATABASE_URL``, then the shared database saved in the user's settings
    (File → Database connection…, ``app.db.connection``), then the SQLite file in the data folder.

    A bare path is taken as a SQLite file."""
    if not url and not os.environ.get("QAMQOR_DATABASE_URL"):
        from app.db.connection import saved_url

        url = saved_url()
    url = url or os.environ.get("QAMQOR_DATABASE_URL")
    if not url:
        return f"sqlite:///{default_database_path()}"
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")  # a power cut loses no committed change (WAL synced at each commit)
    cur.close()


def make_engine(url: str | None = None) -> Engine:
    url = resolve_url(url)
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            db_file = Path(u.database)
            db_file.parent.mkdir(parents=True, exist_ok=True)
            if not db_file.exists():  # made private: SQLite gives its -wal and -shm files the same rights
                os.close(os.open(db_file, os.O_CREAT | os.O_WRONLY, 0o600))
            private(db_file)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def head_revision(engine: Engine) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    assert head is not None  # the program ships its migrations
    return head


def known_revisions() -> set[str]:
    """The schema revisions this version of the program knows (its migrations' numbers)."""
    return {p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9]*.py")}


def upgrade(engine: Engine) -> Path | None:
    """Bring the schema to the newest revision. A database that already has a schema (the first start of a
    new version over the data of an older one) is backed up first, verified (app/backup.py, kind
    "before-upgrade", in the data folder's backups/); when that backup cannot be written the schema is left
    as it was and the BackupError says why.

    Returns the backup's path, if one was made."""
    current = current_revision(engine)
    if current == SCHEMA_HEAD:
        return None
    if current is not None and current not in known_revisions():  # another PC sharing the database runs a newer release
        from app.domain.errors import DomainError
        from app.i18n import M

        raise DomainError(M("The database was last opened by a newer version of Qamqor (its schema is {rev}; this "
                            "version knows up to {head}). Install the newer version on this computer too; nothing "
                            "was changed.", rev=current, head=SCHEMA_HEAD), "database")
    from alembic import command

    backup = None
    if current is not None:
        from app import backup as backups
        from app.i18n import M

        try:
            backup = backups.backup(engine, "before-upgrade", second=False).path
        except backups.BackupError as exc:
            raise backups.BackupError(M("This version of Qamqor upgrades the database, and backs it up first; the "
                                        "backup could not be made: {reason} Nothing was changed.",
                                        reason=exc.message), exc.field) from exc
    command.upgrade(alembic_config(engine), "head")
    return backup

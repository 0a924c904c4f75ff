"""The shared PostgreSQL database of several PCs (issue 10 point 8): the connection settings a user enters,
kept in their own settings file, and a connection test that says in plain words what happened. No Qt.

The settings are stored as one URL (``database_url`` in ``settings.json`` in the user's data folder, the
password included: the folder is the user's own, see ``docs/postgresql.*.md``); ``resolve_url`` in
``app.db.engine`` reads it after ``--db`` and ``QAMQOR_DATABASE_URL``. What a driver says when a connection
fails is never shown (it may quote the parameters): :func:`explain` turns it into a sentence naming the
field at fault, and the log gets the scrubbed text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.engine import URL, make_url

from app.domain.errors import DomainError
from app.i18n import N_, M, Message

log = logging.getLogger("qamqor.db")

DEFAULT_PORT = 5432
DEFAULT_DATABASE = "qamqor"
DEFAULT_USER = "qamqor"
#: seconds the connection test waits for the server to answer
TEST_TIMEOUT = 5
SETTING = "database_url"

#: the labels of the connection fields (the dialog's and the refusals')
LABELS = {"host": N_("Server"), "port": N_("Port"),
          "database": N_("Database name"), "user": N_("User name"), "password": N_("Password")}


def label(field: str) -> Message:
    return Message(LABELS[field])


@dataclass(frozen=True)
class ServerSettings:
    """Where the shared database is: the office PC's name or address, the port, the database and its user."""

    host: str
    port: int = DEFAULT_PORT
    database: str = DEFAULT_DATABASE
    user: str = DEFAULT_USER
    password: str = ""

    def checked(self) -> ServerSettings:
        """The settings stripped; refused (under the field) when one is missing or the port is out of range."""
        values = {k: (getattr(self, k) or "").strip() for k in ("host", "database", "user")}
        for field, value in values.items():
            if not value:
                raise DomainError(M("{field}: this field is required.", field=label(field)), field)
        if isinstance(self.port, bool) or not isinstance(self.port, int) or not 1 <= self.port <= 65535:
            raise DomainError(M("{field}: a number from 1 to 65535 (PostgreSQL's usual port is {default}).",
                                field=label("port"), default=DEFAULT_PORT), "port")
        return ServerSettings(values["host"], self.port, values["database"], values["user"], self.password or "")

    def url(self) -> URL:
        s = self.checked()
        return URL.create("postgresql+psycopg", username=s.user, password=s.password or None, host=s.host,
                          port=s.port, database=s.database)

    def url_text(self) -> str:
        return self.url().render_as_string(hide_password=False)


def server_settings(url: str | URL | None) -> ServerSettings | None:
    """The settings of a PostgreSQL ``url`` (None for SQLite or no URL)."""
    if not url:
        return None
    try:
        u = make_url(url) if isinstance(url, str) else url
    except Exception:  # noqa: BLE001 - a malformed saved value: as if none were saved
        return None
    if u.get_backend_name() != "postgresql":
        return None
    return ServerSettings(u.host or "", u.port or DEFAULT_PORT, u.database or "", u.username or "", u.password or "")


# --- the user's saved choice ------------------------------------------------------------------------
def saved_url() -> str | None:
    from app import settings

    value = settings.load().get(SETTING)
    return value if isinstance(value, str) and value.strip() else None


def save(server: ServerSettings | None) -> str | None:
    """Keep ``server`` as this user's database for the next start (None: back to this PC's own file)."""
    from app import settings

    url = server.url_text() if server is not None else None
    settings.save(**{SETTING: url})
    return url


# --- the connection test ("Test connection") ----------------------------------------------------------------------------
@dataclass(frozen=True)
class ServerFound:
    """A connection that worked: the server's version and the schema revision found (None: no tables yet)."""

    server_version: str
    revision: str | None

    def message(self) -> Message:
        from app.db.engine import SCHEMA_HEAD

        if self.revision is None:
            return M("Connected to PostgreSQL {version}. The database is empty: Qamqor will create its tables at the "
                     "next start.", version=self.server_version)
        if self.revision == SCHEMA_HEAD:
            return M("Connected to PostgreSQL {version}. The database holds Qamqor's data, up to date.",
                     version=self.server_version)
        return M("Connected to PostgreSQL {version}. The database holds Qamqor's data of another version (schema "
                 "{rev}; this version's is {head}): every PC needs the same version of Qamqor.",
                 version=self.server_version, rev=self.revision, head=SCHEMA_HEAD)


def explain(exc: BaseException, server: ServerSettings) -> DomainError:
    """A failed connection in plain words, under the field at fault; the driver's text (scrubbed) goes to the
    log only."""
    from app.diagnostics import scrub

    found = str(exc).lower()
    log.warning("connection to the PostgreSQL server failed: %s: %s", type(exc).__name__,
                scrub(str(exc)).replace(server.password or "\0", "***") if str(exc) else "")
    host, port = server.host, server.port
    if "resolve host" in found or "translate host name" in found or "unknown host" in found:
        return DomainError(M("{field}: no computer called \"{host}\" was found on the network. Check the name, or "
                             "enter the office PC's IP address instead.", field=label("host"), host=host), "host")
    if "timeout" in found or "timed out" in found:
        return DomainError(M("{field}: {host} did not answer within {seconds} seconds. The computer may be off or on "
                             "another network, or its firewall blocks port {port}.", field=label("host"), host=host,
                             seconds=TEST_TIMEOUT, port=port), "host")
    if "connection refused" in found or "could not connect" in found:
        return DomainError(M("{field}: the computer {host} answered, but nothing accepts connections on port {port}. "
                             "Check that PostgreSQL is running there, that it listens to the network "
                             "(listen_addresses), and the port.", field=label("port"), host=host, port=port), "port")
    if "no pg_hba.conf entry" in found:
        return DomainError(M("The server {host} does not let this computer in. On the office PC, allow this PC's "
                             "network in the file pg_hba.conf (see the guide) and restart PostgreSQL.", host=host),
                           "host")
    if "password authentication failed" in found or "no password supplied" in found \
            or "authentication failed" in found:
        return DomainError(M("{field}: the server refused the user \"{user}\" with this password. Check the user "
                             "name and the password (capital letters count).", field=label("password"),
                             user=server.user), "password")
    if "role" in found and "does not exist" in found:
        return DomainError(M("{field}: the server has no user \"{user}\". Check the name, or create the user on the "
                             "office PC (see the guide).", field=label("user"), user=server.user), "user")
    if "database" in found and "does not exist" in found:
        return DomainError(M("{field}: the server has no database \"{name}\". Check the name, or create the "
                             "database on the office PC (see the guide).", field=label("database"),
                             name=server.database), "database")
    if "permission denied" in found:
        return DomainError(M("{field}: the user \"{user}\" may not use the database \"{name}\". Give the user the "
                             "rights on the office PC (see the guide).", field=label("user"), user=server.user,
                             name=server.database), "user")
    if isinstance(exc, ImportError):
        return DomainError(M("This copy of Qamqor cannot connect to PostgreSQL (its driver, psycopg, is not "
                             "installed)."), None)
    return DomainError(M("The connection to {host} failed for a reason Qamqor does not recognise; the details are "
                         "in the log file.", host=host), None)


def try_connection(server: ServerSettings, timeout: int = TEST_TIMEOUT) -> ServerFound:
    """Connect to the server with a short timeout and look for Qamqor's tables; refused in plain words
    (:func:`explain`) when the connection fails. Changes nothing on the server."""
    server = server.checked()
    try:
        import psycopg

        with psycopg.connect(host=server.host, port=server.port, dbname=server.database, user=server.user,
                             password=server.password or None, connect_timeout=timeout,
                             application_name="qamqor-connection-test") as conn:
            server_row = conn.execute("SHOW server_version").fetchone()
            table_row = conn.execute("SELECT to_regclass('alembic_version') IS NOT NULL").fetchone()
            assert server_row is not None and table_row is not None  # each query returns one row
            version = server_row[0].split()[0]
            # an emptied alembic_version (a downgrade to the start) holds no revision, like a new database
            head = conn.execute("SELECT version_num FROM alembic_version").fetchone() if table_row[0] else None
            revision = head[0] if head else None
            conn.rollback()
    except Exception as exc:  # noqa: BLE001 - every failure is explained, none shown raw
        raise explain(exc, server) from None
    return ServerFound(version, revision)

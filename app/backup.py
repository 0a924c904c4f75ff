"""Backups, verification, rotation, restore, and damage found at start (issue 10, points 1 and 2). No Qt.

A backup is ONE file ``qamqor-YYYYMMDD-HHMMSS-<kind>.qbak``: a header and the payload.

- header: ``MAGIC``, a 4-byte big-endian length, then a JSON manifest (created at, program version, schema
  revision, engine, row counts of every table, encrypted or not, the payload's size and sha256, and for an
  encrypted payload the scrypt salt and parameters and the AES-GCM nonce). The manifest stays readable
  without the password: it says when and what, never whom (only counts).
- payload: a SQLite file (copied through the online backup API, in one read snapshot with the counts) or a
  ``pg_dump -Fc`` archive (taken in the snapshot the counts were read in, ``--snapshot``); when encrypted,
  the AES-GCM ciphertext followed by its 16-byte tag, the key derived from the password with scrypt.

A backup is written as ``….part``, verified (sha256, decrypted, ``PRAGMA integrity_check`` or ``pg_restore``
reading the whole archive, row counts compared with the manifest) and only then renamed: a ``.qbak`` in a
backup folder was verified when it was written. A later failed check leaves ``<file>.failed`` beside it.

Rotation (automatic backups only, ``kind == "auto"``): the newest of each of the last 7 days, 4 weeks and
12 months is kept; manual backups and those taken before a restore, a demo or a schema upgrade are never deleted.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import json
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL, Engine, make_url

from app.domain.errors import DomainError
from app.i18n import N_, M, Message
from app.paths import data_dir, os_reason, private

MAGIC = b"QAMQOR-BACKUP\x00\x01\n"
SUFFIX = ".qbak"
FORMAT = 1
KINDS = ("auto", "manual", "before-restore", "before-demo", "before-upgrade")
KIND_TEXT = {"auto": N_("automatic"), "manual": N_("made by hand"), "before-restore": N_("before a restore"),
             "before-demo": N_("before the demo"), "before-upgrade": N_("before a schema upgrade")}
def kind_text(kind: str) -> str:
    """A backup's kind in the current language."""
    from app.i18n import _

    return _(KIND_TEXT.get(kind, kind))


def preview_text(m: Manifest) -> str:
    """What a backup holds, said before it is restored (the program and the command line alike)."""
    from app.i18n import _, fdatetime

    return _("Backup of {date}, made by Qamqor {version}.\nResidents: {residents}; plans: {plans}; audit entries: "
             "{audit}.").format(date=fdatetime(m.created),
                                version=m.program_version, residents=m.residents, plans=m.plans,
                                audit=m.audit_entries)


def other_database_text(m: Manifest, url: str | URL) -> str:
    """Said before a restore when the backup is of another database than the one at ``url`` (the data folder keeps the
    demo's backups beside the real database's); empty when it is of this one."""
    from app.i18n import _

    ours = database_name(url)
    if m.database == ours:
        return ""
    return _("This backup is of another database ({theirs}); the program works with {ours}. Restored, that "
             "database's records take the place of this one's.").format(theirs=m.database, ours=ours)


#: automatic backups kept: the newest of each of the last N days, weeks, months
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
#: scrypt: 32 MiB of memory, about a tenth of a second; stored in each manifest so it can change later
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 15, 8, 1
CHUNK = 1 << 20
_NAME = re.compile(r"^qamqor-(\d{8}-\d{6})-([a-z-]+)(?:-\d+)?\.qbak$")
#: where pg_dump and pg_restore are looked for when they are not on PATH (a test empties it)
PG_BIN_GLOBS = ["/usr/lib/postgresql/*/bin", "C:/Program Files/PostgreSQL/*/bin"]

Progress = Callable[[int, int], None]


class BackupError(DomainError):
    """A backup that cannot be written, read, verified or restored; the message says why in plain words."""


def _noop(_done: int, _total: int) -> None:
    return None


@dataclass(frozen=True)
class Manifest:
    created_at: str
    program_version: str
    schema_revision: str | None
    engine: str
    database: str
    kind: str
    counts: dict[str, int]
    payload_size: int = 0
    payload_sha256: str = ""
    encrypted: bool = False
    crypto: dict = field(default_factory=dict)
    format: int = FORMAT

    @property
    def created(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.created_at)

    @property
    def residents(self) -> int:
        return self.counts.get("resident", 0)

    @property
    def plans(self) -> int:
        return self.counts.get("plan", 0)

    @property
    def audit_entries(self) -> int:
        return self.counts.get("audit_log", 0)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    manifest: Manifest
    size: int
    failed: str | None = None  # the reason of the last failed check, if one failed

    @property
    def verified(self) -> bool:
        return self.failed is None


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: Manifest
    copies: list[Path] = field(default_factory=list)
    problems: list[Message] = field(default_factory=list)  # the second folder could not be written, …
    removed: list[Path] = field(default_factory=list)  # rotated away


#: the field of a refusal caused by this computer (PostgreSQL's programs missing or failing), not the backup
TOOLS = "tools"


# --- folders and settings --------------------------------------------------------------------------
def backups_dir() -> Path:
    """The data folder's backups/, the user's only (POSIX)."""
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return private(path)


def second_folder() -> Path | None:
    from app import settings

    value = settings.load().get("backup_second_folder")
    return Path(value) if value else None


def second_folder_password() -> str | None:
    from app import settings

    return settings.load().get("backup_second_password") or None


def _version() -> str:
    from app import version

    return version()


def _sqlite_path(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def _display(url: URL) -> str:
    path = _sqlite_path(url)
    if path is not None:
        return path.name
    return f"{url.host or 'localhost'}:{url.port or 5432}/{url.database}"


# --- header ------------------------------------------------------------------------------------------
def _write_header(fh, manifest: Manifest) -> None:
    data = json.dumps(manifest.__dict__, ensure_ascii=False, sort_keys=True).encode("utf-8")
    fh.write(MAGIC + struct.pack(">I", len(data)) + data)


def read_manifest(path: Path | str) -> tuple[Manifest, int]:
    """The manifest of a backup file and where its payload starts; a BackupError when it is not one."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(MAGIC) + 4)
            if len(head) < len(MAGIC) + 4 or head[:len(MAGIC)] != MAGIC:
                raise BackupError(M("{name} is not a Qamqor backup.", name=Path(path).name))
            (length,) = struct.unpack(">I", head[len(MAGIC):])
            raw = fh.read(length)
        values = json.loads(raw.decode("utf-8"))
        known = set(Manifest.__dataclass_fields__)
        return Manifest(**{k: v for k, v in values.items() if k in known}), len(MAGIC) + 4 + length
    except OSError as exc:
        raise BackupError(M("Cannot read {path}: {reason}", path=str(path), reason=os_reason(exc))) from None
    except (ValueError, TypeError, UnicodeDecodeError):
        raise BackupError(M("The backup {name} is damaged: its description cannot be read.",
                            name=Path(path).name)) from None


# --- encryption -----------------------------------------------------------------------------------
def _key(password: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(password.encode("utf-8"))


def _encrypt(src: Path, dest, password: str) -> dict:
    """Encrypt ``src`` into the open file ``dest`` (ciphertext, then the tag); returns the crypto parameters."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    salt, nonce = os.urandom(16), os.urandom(12)
    enc = Cipher(algorithms.AES(_key(password, salt)), modes.GCM(nonce)).encryptor()
    with open(src, "rb") as fh:
        while chunk := fh.read(CHUNK):
            dest.write(enc.update(chunk))
    dest.write(enc.finalize() + enc.tag)
    return {"cipher": "AES-256-GCM", "kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
            "salt": salt.hex(), "nonce": nonce.hex()}


def _payload_to_file(path: Path, manifest: Manifest, start: int, dest: Path, password: str | None) -> None:
    """Write the plain payload of the backup at ``path`` to ``dest`` (decrypting it with ``password``)."""
    with open(path, "rb") as fh, open(dest, "wb") as out:
        fh.seek(start)
        if not manifest.encrypted:
            shutil.copyfileobj(fh, out, CHUNK)
            return
        if not password:
            raise BackupError(M("The backup {name} is encrypted; enter its password.", name=path.name), "password")
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        c = manifest.crypto
        size = manifest.payload_size - 16
        fh.seek(start + size)
        tag = fh.read(16)
        fh.seek(start)
        dec = Cipher(algorithms.AES(_key(password, bytes.fromhex(c["salt"]), c["n"], c["r"], c["p"])),
                     modes.GCM(bytes.fromhex(c["nonce"]), tag)).decryptor()
        left = size
        while left > 0:
            chunk = fh.read(min(CHUNK, left))
            if not chunk:
                break
            left -= len(chunk)
            out.write(dec.update(chunk))
        try:
            dec.finalize()
        except InvalidTag:
            raise BackupError(M("The password does not open the backup {name} (or the file was changed).",
                                name=path.name), "password") from None


# --- counting -----------------------------------------------------------------------------------------
def _sqlite_counts(conn: sqlite3.Connection) -> dict[str, int]:
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def _sqlite_revision(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


#: SQLITE_CORRUPT and SQLITE_NOTADB: the only errors that mean a damaged file (a locked one is not damaged)
_DAMAGE_CODES = (11, 26)


def _is_damage(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _DAMAGE_CODES
    return "malformed" in str(exc) or "not a database" in str(exc)


def quick_check(path: Path, full: bool = False) -> str | None:
    """None when the SQLite file at ``path`` passes ``PRAGMA quick_check`` (``integrity_check`` when ``full``);
    otherwise what SQLite found (its first lines). An error that is not damage (the file locked, unreadable)
    is raised as it is: it must never get a good file moved aside."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        rows = conn.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchmany(5)
        found = [r[0] for r in rows]
        if found == ["ok"]:
            return None
        return " ".join(" ".join(found).split())[:300] or "?"
    except sqlite3.DatabaseError as exc:
        if _is_damage(exc):
            return str(exc)
        raise
    finally:
        conn.close()


# --- PostgreSQL tools --------------------------------------------------------------------------------
def _version_key(folder: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", folder)) or (0,)


def pg_tool(name: str) -> str:
    """The path of ``pg_dump`` or ``pg_restore``; a plain BackupError when PostgreSQL's tools are missing."""
    exe = name + (".exe" if sys.platform == "win32" else "")
    found = shutil.which(exe)
    if found:
        return found
    for pattern in PG_BIN_GLOBS:
        for folder in sorted(glob.glob(pattern), key=_version_key, reverse=True):  # the newest version first
            candidate = Path(folder) / exe
            if candidate.exists():
                return str(candidate)
    raise BackupError(M("The PostgreSQL program {tool} was not found on this computer, so the shared database "
                        "cannot be backed up or restored here. Install the PostgreSQL client tools (the same "
                        "version as the server) and try again.", tool=name), TOOLS)


def _pg_env_args(url: URL) -> tuple[dict, str]:
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    dsn = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return env, dsn


def _run(cmd: list[str], env: dict | None = None, stdout=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, env=env, stdout=stdout, stderr=subprocess.PIPE)
    if done.returncode != 0:  # what it printed may quote a row (a name, an IIN): to the log, scrubbed
        from app import diagnostics

        tool = Path(cmd[0]).stem
        diagnostics.log.error("%s failed (%s):\n%s", tool, done.returncode,
                              diagnostics.scrub(done.stderr.decode("utf-8", "replace"))[-4000:])
        raise BackupError(M("{tool} did not finish its work (the details were written to the log in {folder}).",
                            tool=tool, folder=diagnostics.log_dir()), TOOLS)
    return done


def _pg_archive_counts(archive: Path) -> dict[str, int]:
    """Row counts of each table's data in a ``pg_dump -Fc`` archive (pg_restore reads all of it)."""
    proc = subprocess.Popen([pg_tool("pg_restore"), "--data-only", "-f", "-", str(archive)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    counts: dict[str, int] = {}
    table = None
    assert proc.stdout is not None
    for raw in proc.stdout:
        if table is None:
            if raw.startswith(b"COPY "):
                table = raw.split(b" ", 2)[1].decode().split(".")[-1].strip('"')
                counts[table] = 0
        elif raw.rstrip(b"\r\n") == b"\\.":
            table = None
        else:
            counts[table] += 1
    err = proc.stderr.read() if proc.stderr else b""
    if proc.wait() != 0:
        reason = err.decode("utf-8", "replace").strip().splitlines()
        raise BackupError(M("{tool} failed: {reason}", tool="pg_restore", reason=reason[-1] if reason else "?"))
    return counts


def _pg_dump(url: URL, dest: Path) -> tuple[dict[str, int], str | None]:
    """``pg_dump -Fc`` into ``dest`` in the same snapshot as the row counts it returns (and the revision)."""
    import psycopg

    dump = pg_tool("pg_dump")
    env, dsn = _pg_env_args(url)
    extra: dict[str, Any] = {"password": str(url.password)} if url.password else {}
    with psycopg.connect(dsn, **extra) as conn:

        def one(sql: str) -> Any:  # the value of a query that returns one row
            row = conn.execute(sql).fetchone()
            assert row is not None
            return row[0]

        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = one("SELECT pg_export_snapshot()")
        names = [r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_type = 'BASE TABLE' ORDER BY table_name")]
        counts = {n: one(f'SELECT count(*) FROM "{n}"') for n in names}
        revision = one("SELECT version_num FROM alembic_version") if "alembic_version" in names else None
        _run([dump, "-Fc", "--no-owner", "--snapshot", snapshot, "-f", str(dest), "-d", dsn], env)
        conn.execute("COMMIT")
    return counts, revision


# --- writing ----------------------------------------------------------------------------------------------
def _sqlite_copy(src: Path, dest: Path, progress: Progress) -> tuple[dict[str, int], str | None]:
    """Copy through the online backup API in the same read snapshot as the counts returned."""
    if not src.exists():
        raise BackupError(M("The database file {path} does not exist.", path=str(src)))
    source = sqlite3.connect(src)
    try:
        source.execute("BEGIN")
        counts = _sqlite_counts(source)
        revision = _sqlite_revision(source)
        target = sqlite3.connect(dest)
        try:
            source.backup(target, pages=512, progress=lambda _s, left, total: progress(total - left, total))
            target.execute("PRAGMA journal_mode=DELETE")  # one file, whatever the source's journal
        finally:
            target.close()
        source.rollback()
    finally:
        source.close()
    return counts, revision


def _stamp_name(folder: Path, now: dt.datetime, kind: str) -> Path:
    base = f"qamqor-{now:%Y%m%d-%H%M%S}-{kind}"
    path, n = folder / f"{base}{SUFFIX}", 1
    while path.exists():
        n += 1
        path = folder / f"{base}-{n}{SUFFIX}"
    return path


def _container(plain: Path, manifest: Manifest, dest: Path, password: str | None) -> Manifest:
    """Write header + payload (encrypted when ``password``) to ``dest``; returns the final manifest."""
    with tempfile.NamedTemporaryFile(dir=dest.parent, prefix=".payload-", delete=False) as tmp:
        payload = Path(tmp.name)
        if password:
            crypto = _encrypt(plain, tmp, password)
        else:
            crypto = {}
            with open(plain, "rb") as fh:
                shutil.copyfileobj(fh, tmp, CHUNK)
    try:
        digest = hashlib.sha256()
        with open(payload, "rb") as fh:
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
        final = Manifest(**{**manifest.__dict__, "payload_size": payload.stat().st_size,
                            "payload_sha256": digest.hexdigest(), "encrypted": bool(password), "crypto": crypto})
        os.close(os.open(dest, os.O_CREAT | os.O_WRONLY, 0o600))  # people's data: the user's only (POSIX)
        with open(dest, "wb") as out, open(payload, "rb") as fh:
            _write_header(out, final)
            shutil.copyfileobj(fh, out, CHUNK)
            out.flush()
            os.fsync(out.fileno())
    finally:
        payload.unlink(missing_ok=True)
    return final


def _write_verified(plain: Path, manifest: Manifest, folder: Path, now: dt.datetime, password: str | None) -> Path:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    dest = _stamp_name(folder, now, manifest.kind)
    part = dest.with_name(dest.name + ".part")
    try:
        _container(plain, manifest, part, password)
        verify(part, password)
        os.replace(part, dest)
    finally:
        part.unlink(missing_ok=True)
    return dest


def backup(engine: Engine | URL | str, kind: str = "manual", folder: Path | None = None, *,
           second: Path | None | bool = True, password: str | None = None, second_password: str | None = None,
           progress: Progress = _noop, now: dt.datetime | None = None, rotate: bool | None = None) -> BackupResult:
    """Back up the database behind ``engine`` into ``folder`` (the data folder's ``backups/``), verified.

    ``second``: True copies to the second folder of the settings (encrypted with its password), a Path to
    that folder, False/None to none; a failure there is a problem in the result, not an error.
    ``password`` encrypts the main copy. Automatic backups are rotated in both folders afterwards."""
    url = make_url(engine) if isinstance(engine, (str, URL)) else engine.url
    if url.get_backend_name() == "sqlite" and not _sqlite_path(url):
        raise BackupError(M("An in-memory database cannot be backed up."))
    assert kind in KINDS, kind
    now = now or dt.datetime.now().replace(microsecond=0)
    folder = Path(folder) if folder else backups_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    rotate = kind == "auto" if rotate is None else rotate
    if second is True:
        second, second_password = second_folder(), second_password or second_folder_password()
    with tempfile.TemporaryDirectory(prefix=".qamqor-backup-", dir=backups_dir()) as work:  # plain data stays on this PC
        plain = Path(work) / "payload"
        path = _sqlite_path(url)
        if path is not None:
            counts, revision = _sqlite_copy(path, plain, progress)
            engine_name = "sqlite"
        else:
            progress(0, 0)
            counts, revision = _pg_dump(url, plain)
            engine_name = "postgresql"
        manifest = Manifest(created_at=now.isoformat(), program_version=_version(), schema_revision=revision,
                            engine=engine_name, database=_display(url), kind=kind, counts=counts)
        dest = _write_verified(plain, manifest, folder, now, password)
        copies, problems = [], []
        if second and Path(second).resolve() != folder.resolve():
            try:
                copies.append(_write_verified(plain, manifest, Path(second), now, second_password))
            except (OSError, DomainError) as exc:
                reason = exc.render() if isinstance(exc, DomainError) else (exc.strerror or str(exc))
                problems.append(M("The copy in the second folder {folder} was not written: {reason}",
                                  folder=str(second), reason=reason))
    removed: list[Path] = []
    if rotate:
        removed += rotate_folder(folder, now)
        if copies and second:
            removed += rotate_folder(Path(second), now)
    return BackupResult(dest, read_manifest(dest)[0], copies, problems, removed)


# --- verifying -----------------------------------------------------------------------------------------
def verify(path: Path | str, password: str | None = None, plain: Path | None = None) -> Manifest:
    """Check the backup at ``path`` whole: its sha256, the decryption, the database inside (integrity check
    or the archive read through), and the row counts against the manifest. Returns the manifest; raises a
    BackupError saying what is wrong. The result is remembered beside the file (``.failed``). ``plain``: where the
    payload checked is left, for a restore — which brings in that copy, not the file read again (it may have been
    swapped since), and only a SQLite database of Qamqor's (``_check_is_ours``)."""
    path = Path(path)
    marker = path.with_name(path.name + ".failed")
    try:
        manifest = _verify(path, password, plain)
    except BackupError as exc:
        # a missing password or a missing PostgreSQL tool says nothing about the file itself
        # nor does a whole backup refused for a restore (another program's database, one without accounts: "file")
        if exc.field not in ("password", TOOLS, "file") and path.suffix == SUFFIX and path.exists():
            marker.write_text(exc.render(), encoding="utf-8")
        raise
    marker.unlink(missing_ok=True)
    return manifest


def _verify(path: Path, password: str | None, keep: Path | None = None) -> Manifest:
    manifest, start = read_manifest(path)
    damaged = M("The backup {name} is damaged: its contents do not match what was written.", name=path.name)
    with tempfile.TemporaryDirectory(prefix=".qamqor-verify-", dir=backups_dir()) as work:  # never decrypted onto the stick
        plain = keep or Path(work) / "payload"
        digest, size = hashlib.sha256(), 0
        with open(path, "rb") as fh, open(plain, "wb") as out:  # one reading: what is hashed is what is kept
            fh.seek(start)
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                if not manifest.encrypted:
                    out.write(chunk)
        if size != manifest.payload_size or digest.hexdigest() != manifest.payload_sha256:
            raise BackupError(damaged)
        if manifest.encrypted:  # the decryption's tag proves what it writes
            _payload_to_file(path, manifest, start, plain, password)
        if manifest.engine == "sqlite":
            problem = quick_check(plain, full=True)
            if problem is not None:
                raise BackupError(M("The backup {name} is damaged: the database inside fails its check ({reason}).",
                                    name=path.name, reason=problem))
            conn = sqlite3.connect(f"file:{plain}?mode=ro", uri=True)
            try:
                counts = _sqlite_counts(conn)
                if keep is not None:  # to be restored (a backup may be taken of a database before its first run)
                    _check_is_ours(conn, path, manifest)
            finally:
                conn.close()
        else:
            counts = _pg_archive_counts(plain)
    expected = {k: v for k, v in manifest.counts.items() if manifest.engine == "sqlite" or v}
    found = {k: v for k, v in counts.items() if manifest.engine == "sqlite" or v}
    if found != expected:
        raise BackupError(M("The backup {name} is damaged: its row counts differ from those recorded.",
                            name=path.name))
    return manifest


def _check_is_ours(conn: sqlite3.Connection, path: Path, manifest: Manifest) -> None:
    """The SQLite database inside a backup is Qamqor's: a schema revision, the one the manifest says, and at least
    one account (restored over this database, a file of another program's, or one nobody can
    sign in to, would leave the first-run wizard open to anyone at the PC to make themselves the director)."""
    from app.db.engine import known_revisions

    revision = _sqlite_revision(conn)
    if revision is not None and revision == manifest.schema_revision and revision not in known_revisions():
        return  # a newer version's: the restore says so (its tables are not this version's to judge)
    if revision is None or revision != manifest.schema_revision:
        raise BackupError(M("The backup {name} does not hold a Qamqor database; nothing was changed.",
                            name=path.name), "file")
    try:
        accounts = conn.execute("SELECT count(*) FROM app_user").fetchone()[0]
    except sqlite3.DatabaseError:
        accounts = 0
    if not accounts:
        raise BackupError(M("The backup {name} has no user accounts: nobody could sign in to it. Nothing was "
                            "changed.", name=path.name), "file")


# --- listing and rotation --------------------------------------------------------------------------------
def list_backups(*folders: Path | None) -> list[BackupInfo]:
    """The backups in ``folders`` (default: the data folder's and the second folder), newest first."""
    if not folders:
        folders = (backups_dir(), second_folder())
    found: list[BackupInfo] = []
    seen: set[Path] = set()
    for folder in folders:
        if folder is None or not Path(folder).is_dir() or Path(folder).resolve() in seen:
            continue
        seen.add(Path(folder).resolve())
        for path in Path(folder).glob(f"*{SUFFIX}"):
            try:
                manifest, _start = read_manifest(path)
            except BackupError:
                continue
            marker = path.with_name(path.name + ".failed")
            failed = marker.read_text(encoding="utf-8") if marker.exists() else None
            found.append(BackupInfo(path, manifest, path.stat().st_size, failed))
    found.sort(key=lambda b: (b.manifest.created_at, b.path.name), reverse=True)
    return found


def _parse_name(path: Path) -> tuple[dt.datetime, str] | None:
    m = _NAME.match(path.name)
    if not m:
        return None
    return dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S"), m.group(2)


def to_keep(stamps: list[dt.datetime], now: dt.datetime) -> set[dt.datetime]:
    """Of ``stamps``, the newest of each of the last 7 days, 4 ISO weeks and 12 months before ``now``."""
    keep: set[dt.datetime] = set()
    today = now.date()
    buckets = [
        (KEEP_DAILY, lambda d: d.toordinal(), lambda: today.toordinal()),
        (KEEP_WEEKLY, lambda d: (d - dt.timedelta(days=d.weekday())).toordinal() // 7,
         lambda: (today - dt.timedelta(days=today.weekday())).toordinal() // 7),
        (KEEP_MONTHLY, lambda d: d.year * 12 + d.month - 1, lambda: today.year * 12 + today.month - 1),
    ]
    for count, key, current in buckets:
        newest: dict[int, dt.datetime] = {}
        for s in stamps:
            k = key(s.date())
            if current() - count < k <= current() and (k not in newest or s > newest[k]):
                newest[k] = s
        keep.update(newest.values())
    return keep


def _database_of(path: Path) -> str:
    try:
        return read_manifest(path)[0].database
    except BackupError:
        return ""


def database_name(url: str | URL) -> str:
    """How a backup's manifest names the database behind ``url`` (a SQLite file's name, or host:port/name)."""
    return _display(make_url(url))


def rotate_folder(folder: Path, now: dt.datetime | None = None) -> list[Path]:
    """Delete the automatic backups in ``folder`` that the 7/4/12 rule does not keep; returns them. Each
    database counts apart (the demo's backups never push out the real database's)."""
    now = now or dt.datetime.now()
    groups: dict[str, dict[dt.datetime, list[Path]]] = {}
    for path in Path(folder).glob(f"*{SUFFIX}"):
        parsed = _parse_name(path)
        if parsed and parsed[1] == "auto" and parsed[0] <= now:
            groups.setdefault(_database_of(path), {}).setdefault(parsed[0], []).append(path)
    removed = []
    for autos in groups.values():
        keep = to_keep(list(autos), now)
        for stamp, paths in autos.items():
            if stamp in keep:
                continue
            for path in paths:
                path.unlink(missing_ok=True)
                path.with_name(path.name + ".failed").unlink(missing_ok=True)
                removed.append(path)
    return sorted(removed)


def due_daily(now: dt.datetime | None = None, folder: Path | None = None, database: str | None = None) -> bool:
    """True when no automatic backup (of ``database``, when named) was taken today yet: the first start of the
    day takes one."""
    today = (now or dt.datetime.now()).date()
    for path in Path(folder or backups_dir()).glob(f"*{SUFFIX}"):
        parsed = _parse_name(path)
        if parsed and parsed[1] == "auto" and parsed[0].date() == today \
                and (database is None or _database_of(path) == database):
            return False
    return True


# --- restoring -------------------------------------------------------------------------------------------
def restore(engine: Engine, path: Path | str, password: str | None = None, *, folder: Path | None = None,
            progress: Progress = _noop, by: str = "system") -> BackupResult | None:
    """Replace the database behind ``engine`` with the backup at ``path``: verified first, then a backup of
    the current state (kind ``before-restore``, returned; None when there was no readable database), then
    the copy brought in, the schema brought up to date and the restore written into the restored audit log
    (:func:`_record_restore`, as ``by``: a user's name, "system" when nobody is signed in). The engine is
    disposed; reopen sessions after."""
    path = Path(path)
    work = tempfile.TemporaryDirectory(prefix=".qamqor-restore-", dir=backups_dir())
    try:
        return _restore(engine, path, password, Path(work.name) / "payload", folder, progress, by)
    finally:
        work.cleanup()


def _restore(engine: Engine, path: Path, password: str | None, plain: Path, folder: Path | None, progress: Progress,
             by: str) -> BackupResult | None:
    from app.db.engine import upgrade

    manifest = verify(path, password, plain)  # the payload checked is the one brought in
    url = engine.url
    target = _sqlite_path(url)
    engine_name = "sqlite" if url.get_backend_name() == "sqlite" else "postgresql"
    if manifest.engine != engine_name:
        raise BackupError(M("The backup {name} is of a {kind} database; it cannot be restored into this one.",
                            name=path.name, kind=manifest.engine))
    from app.db.engine import SCHEMA_HEAD, known_revisions

    if manifest.schema_revision and manifest.schema_revision not in known_revisions():
        raise BackupError(M("The backup {name} was made by a newer version of Qamqor (its schema is {rev}). Install "
                            "that version to restore it; nothing was changed.", name=path.name,
                            rev=manifest.schema_revision), "file")
    if target is None and manifest.schema_revision != SCHEMA_HEAD:  # pg_restore --clean keeps newer tables
        raise BackupError(M("The backup {name} of the shared database was made by an earlier version of Qamqor "
                            "(schema {rev}, this one is {head}). Restore it with that version, then start this one "
                            "to bring it up to date; nothing was changed.", name=path.name,
                            rev=manifest.schema_revision, head=SCHEMA_HEAD), "file")
    before = None
    if target is None or (target.exists() and target.stat().st_size and _readable(target)):
        before = backup(engine, "before-restore", folder, second=False)
    engine.dispose()
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(f"file:{plain}?mode=ro", uri=True)
        dest = sqlite3.connect(target)
        try:
            source.backup(dest, pages=512, progress=lambda _s, left, total: progress(total - left, total))
        finally:
            dest.close()
            source.close()
    else:
        progress(0, 0)
        env, dsn = _pg_env_args(url)
        _run([pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
              "-d", dsn, str(plain)], env)
    engine.dispose()
    upgrade(engine)
    _record_restore(engine, by, path, manifest, before)
    engine.dispose()
    return before


def _record_restore(engine: Engine, by: str, path: Path, manifest: Manifest, before: BackupResult | None) -> None:
    """An entry in the restored database's audit log: who restored which backup, taken when, and where the
    state it replaced was kept. The entries made after the backup was taken are not in the restored log;
    without this one nothing there would say they ever existed, nor where to find them (the before-restore
    backup holds them)."""
    from app.db.models import AuditEntry

    after = {"path": path.name, "backup_taken": manifest.created_at,
             "before_restore": before.path.name if before is not None else None}
    with engine.begin() as conn:
        conn.execute(AuditEntry.__table__.insert().values(
            at=dt.datetime.now().replace(microsecond=0), username=by, action="backup.restore", entity="database",
            entity_id=None, before=None, after=after))


def _readable(path: Path) -> bool:
    try:
        return quick_check(path) is None
    except sqlite3.Error:
        return False


# --- damage at start -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Damage:
    """A SQLite database file that failed its check at open and was moved aside."""

    path: Path
    moved_to: Path
    reason: str


def check_at_open(url: str) -> Damage | None:
    """``PRAGMA quick_check`` on a SQLite database about to be opened; a damaged file (with its -wal and -shm)
    is renamed ``….damaged-<stamp>`` so the program does not work on it, and the Damage is returned."""
    path = _sqlite_path(make_url(url))
    if path is None or not path.exists() or path.stat().st_size == 0:
        return None
    try:
        problem = quick_check(path)
    except sqlite3.Error as exc:  # locked or unreadable, not damaged: the normal opening says what it is
        from app import diagnostics

        diagnostics.log.warning("the check at open could not run: %s", exc)
        return None
    if problem is None:
        return None
    return Damage(path, move_aside(path), problem)


def move_aside(path: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    moved = path.with_name(f"{path.name}.damaged-{stamp}")
    for extra in ("-wal", "-shm"):
        side = path.with_name(path.name + extra)
        if side.exists():
            os.replace(side, moved.with_name(moved.name + extra))
    os.replace(path, moved)
    from app import diagnostics

    diagnostics.log.error("the database file %s failed its check and was moved to %s", path, moved.name)
    return moved


def newest_verified(engine_name: str = "sqlite", password: str | None = None,
                    folders: tuple[Path | None, ...] = (), database: str | None = None) -> BackupInfo | None:
    """The newest backup of ``engine_name`` (and of ``database``, when named) that passes verification now
    (unencrypted ones, or with ``password``); None when there is none."""
    for info in list_backups(*folders):
        if info.manifest.engine != engine_name or (info.manifest.encrypted and not password):
            continue
        if database is not None and info.manifest.database != database:
            continue
        try:
            verify(info.path, password)
        except BackupError:
            continue
        return info
    return None

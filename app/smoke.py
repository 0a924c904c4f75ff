"""``qamqor --smoke``: does this installation work? The checks that need no window (no Qt here).

Run on a checkout, on the bundle (``Qamqor.exe --smoke``, ``qamqor-cli --smoke``) and by CI after building
it: everything the program reads from files at run time — the compiled catalogs, the migrations, Babel's
locale data, the holiday table, the fonts of the forms — is used once, on a temporary database and a
temporary data folder, so the user's own data is never touched. The window half is in ui/smoke.py.

Each check is a :class:`Check`: a translatable name and a function that returns what it saw (shown after
"ok") or raises; the run goes on after a failure, so one run lists everything that is broken.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.i18n import N_, _

#: residents of the smoke's demo institution: enough for every form to have a person with a plan
RESIDENTS = 12


class SmokeFailure(Exception):
    """A check found something wrong; the message says what."""


@dataclass
class Check:
    name: str  # msgid, translated when shown
    run: Callable[[], str]


@dataclass
class Outcome:
    name: str
    ok: bool
    detail: str
    seconds: float


@dataclass
class State:
    """What the checks hand on to each other: the temporary folder, the services over the demo database."""

    folder: Path
    services: Any = None
    summary: Any = None
    pdfs: dict[tuple[str, str], bytes] = field(default_factory=dict)


@contextmanager
def temporary_data() -> Iterator[Path]:
    """A temporary data folder for the run: backups, settings and the database go there, not to the user's."""
    saved = {name: os.environ.get(name) for name in ("QAMQOR_DATA_DIR", "QAMQOR_DATABASE_URL")}
    with tempfile.TemporaryDirectory(prefix="qamqor-smoke-", ignore_cleanup_errors=True) as tmp:
        os.environ["QAMQOR_DATA_DIR"] = tmp
        os.environ.pop("QAMQOR_DATABASE_URL", None)
        try:
            yield Path(tmp)
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def run_checks(checks: list[Check], report: Callable[[Outcome], None]) -> list[Outcome]:
    outcomes = []
    for check in checks:
        started = time.perf_counter()
        try:
            detail, ok = check.run(), True
        except Exception as exc:  # noqa: BLE001 - every failure is reported, and the next check still runs
            from app import diagnostics

            diagnostics.log.error("smoke check %s failed\n%s", check.name, diagnostics.describe(exc))
            lines = diagnostics.scrub(str(exc)).strip().splitlines()
            where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
            detail = f"{type(exc).__name__}: {lines[0] if lines else ''}".rstrip(": ")
            if where is not None and not isinstance(exc, SmokeFailure):
                detail += f" ({Path(where.filename).name}:{where.lineno})"
            ok = False
        outcome = Outcome(check.name, ok, detail, time.perf_counter() - started)
        report(outcome)
        outcomes.append(outcome)
    return outcomes


# --- the checks without a window ---------------------------------------------------------------------
def check_catalogs() -> str:
    """The compiled catalogs are there and translate (a bundle without its .mo files would show English)."""
    from app.i18n import LANGUAGES, catalog

    for lang in LANGUAGES:
        for domain, msgid in (("qamqor", "Residents"), ("forms", "Page {page} of {total}")):
            text = catalog(lang, domain).gettext(msgid)
            if text == msgid:
                raise SmokeFailure(_("the {lang} catalog \"{domain}\" does not translate \"{msgid}\"").format(
                    lang=lang, domain=domain, msgid=msgid))
    return ", ".join(f"{lang}: {catalog(lang).gettext('Residents')}" for lang in LANGUAGES)


def check_database(state: State) -> str:
    """A new SQLite database brought to the newest schema (the migrations) and filled with a small demo."""
    from app.db.engine import SCHEMA_HEAD, current_revision
    from app.demo import build_demo
    from app.services import Services

    state.services = Services.open(f"sqlite:///{state.folder / 'smoke.sqlite3'}")
    revision = current_revision(state.services.engine)
    if revision != SCHEMA_HEAD:
        raise SmokeFailure(_("the schema is at {rev}, expected {head}").format(rev=revision, head=SCHEMA_HEAD))
    state.summary = build_demo(state.services, residents=RESIDENTS, seed=1)
    return _("schema {rev}; residents: {residents}, plans: {plans}").format(
        rev=revision, residents=state.summary.residents, plans=state.summary.plans)


def _resident_with_plan(state: State) -> int:
    from sqlalchemy import select

    from app.db.models import Plan

    with state.services.sessions() as s:
        rid = s.scalar(select(Plan.resident_id).order_by(Plan.id).limit(1))
    if rid is None:
        raise SmokeFailure(_("the demo has no resident with a plan"))
    return rid


def check_forms(state: State) -> str:
    """Every printed form in Kazakh and in Russian (fonts, the forms' catalogs, amounts in words, dates)."""
    from app.i18n import LANGUAGES
    from app.services.printing import FORMS, PrintService

    if state.services is None:
        raise SmokeFailure(_("no database (the check before failed)"))
    printer = PrintService(state.services.sessions)
    rid = _resident_with_plan(state)
    year = dt.date.today().year
    for form in FORMS:
        for lang in LANGUAGES:
            pdf = printer.render(form, lang, resident_id=rid, start=dt.date(year - 1, 1, 1), end=dt.date.today())
            if not pdf.startswith(b"%PDF") or len(pdf) < 1000:
                raise SmokeFailure(_("the form {form} in {lang} is not a PDF").format(form=form, lang=lang))
            state.pdfs[form, lang] = pdf
        if state.pdfs[form, "kk"] == state.pdfs[form, "ru"]:
            raise SmokeFailure(_("the form {form} is the same in both languages").format(form=form))
    return _("{count} forms × {langs} languages").format(count=len(FORMS), langs=len(LANGUAGES))


def check_backup(state: State) -> str:
    """A backup written, then checked whole (app/backup.py), holding the demo's residents."""
    from app import backup

    if state.services is None:
        raise SmokeFailure(_("no database (the check before failed)"))
    from sqlalchemy import func, select

    from app.db.models import Resident

    result = backup.backup(state.services.engine, "manual", state.folder / "backups", second=False)
    manifest = backup.verify(result.path)
    with state.services.sessions() as s:
        people = s.scalar(select(func.count()).select_from(Resident))
    if manifest.residents != people or not people:
        raise SmokeFailure(_("the backup holds {found} residents, the database {expected}").format(
            found=manifest.residents, expected=people))
    return _("{name}: verified, residents: {residents}").format(name=result.path.name, residents=manifest.residents)


def core_checks(state: State) -> list[Check]:
    return [
        Check(N_("translation catalogs"), check_catalogs),
        Check(N_("database and demo"), lambda: check_database(state)),
        Check(N_("printed forms"), lambda: check_forms(state)),
        Check(N_("backup and verification"), lambda: check_backup(state)),
    ]


def close(state: State) -> None:
    if state.services is not None:
        state.services.engine.dispose()  # Windows: the file can be deleted only once it is closed

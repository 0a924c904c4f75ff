"""The ``qamqor`` command: the desktop program by default, admin and automation subcommands.

Every subcommand accepts ``--db URL`` (or reads ``QAMQOR_DATABASE_URL``) and ``--lang kk|ru``;
``--json`` prints machine-readable output. Errors go to stderr as one line with a non-zero
exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import enum
import json
import os
import re
import sys
from collections.abc import Sequence
from typing import Any

from app import diagnostics, i18n
from app import version as app_version
from app.domain.age import age
from app.domain.deadlines import Bucket
from app.domain.enums import DeadlineKind, ResidentStatus
from app.domain.errors import DomainError
from app.domain.journal import decided_by_decision
from app.domain.statistics import CHARTS as STAT_CHARTS
from app.domain.statistics import AbsenceGroup
from app.i18n import M, Message, _, fdate, fdatetime, fpercent
from app.paths import os_reason


class CliError(Exception):
    """A refused command: printed as one line, exit status 2."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(message.render("ru"))


# --- output helpers ---------------------------------------------------------------------------
def _jsonable(value: Any) -> Any:
    if isinstance(value, Message):
        return value.render()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def _print_json(data: Any) -> None:
    json.dump(_jsonable(data), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _opt(value: Any) -> str:
    return "" if value is None else str(value)


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _parse_date(text: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(
        M("\"{value}\" is not a date; write it as YYYY-MM-DD or DD.MM.YYYY.", value=text).render())


# --- commands --------------------------------------------------------------------------------------
def _services(args):
    from app.services import Services

    _check_database(args.db)
    return Services.open(args.db)


def _check_database(db: str | None) -> None:
    """A damaged SQLite file is moved aside before anything works on it; the user is told what to restore."""
    from app import backup
    from app.db.engine import resolve_url

    damage = backup.check_at_open(resolve_url(db))
    if damage is None:
        return
    newest = backup.newest_verified("sqlite", database=damage.path.name)
    hint = M("Restore the latest verified backup with: qamqor restore \"{path}\"", path=str(newest.path)) \
        if newest else M("No verified backup was found.")
    raise CliError(M("The database file {path} is damaged; it was moved aside to {moved} so that nothing works on "
                     "it. {hint}", path=str(damage.path), moved=damage.moved_to.name, hint=hint))


def cmd_gui(args) -> int:
    try:
        from ui.app import run
    except ModuleNotFoundError as exc:
        if exc.name not in ("ui", "ui.app"):
            raise
        raise CliError(M("The desktop window is not part of this version yet; use a subcommand "
                         "(qamqor --help lists them), for example: qamqor demo, then qamqor queue list.")) from None
    return run(db=args.db, demo=args.demo, lang=args.lang)


def cmd_smoke(_args) -> int:
    """``qamqor --smoke``: ui/smoke.py (the window half) and app/smoke.py; 0 when everything works, 1 otherwise."""
    from ui.smoke import run

    return run()


def cmd_demo(args) -> int:
    from app import backup
    from app.db.engine import make_engine, session_factory
    from app.demo import build_demo, is_demo_or_empty, wipe
    from app.paths import demo_database_path
    from app.services import Services

    url = args.db or f"sqlite:///{demo_database_path()}"
    engine = make_engine(url)
    svc = Services(session_factory(engine))
    real = not is_demo_or_empty(svc)
    if real and not args.force:
        raise CliError(M("The database at {url} holds real data; the demo would erase it. "
                         "Point --db at another database, or add --force.", url=engine.url.render_as_string()))
    # --force replaces real data: a verified backup first (SQLite or PostgreSQL)
    kept = backup.backup(engine, "before-demo", second=False).path if real else None
    wipe(svc)
    summary = build_demo(svc, residents=args.residents, seed=args.seed)
    if args.json:
        _print_json({"database": engine.url.render_as_string(), "copy_of_replaced": str(kept) if kept else None,
                     **dataclasses.asdict(summary)})
        return 0
    if kept is not None:
        print(_("A verified backup of the data that was in the database was taken first: {path}").format(path=kept))
    print(_("Demo institution built in {url}").format(url=engine.url.render_as_string()))
    print(_("People: {total}; present {present}, temporarily absent {absent}, left during the year {left}; "
            "in the queue {queue}").format(total=summary.residents, present=summary.present,
                                            absent=summary.temporarily_absent, left=summary.discharged,
                                            queue=summary.queue))
    print(_("Plans: {plans}; monitoring entries: {monitoring}").format(plans=summary.plans,
                                                                      monitoring=summary.monitoring))
    for username, password, role in summary.users:
        print(_("Sign in as {user} / {password} ({role})").format(user=username, password=password,
                                                                  role=_role_text(role)))
    return 0


def _password(args, confirm: bool) -> str:
    """The backup password: QAMQOR_BACKUP_PASSWORD (for scripts), else asked without echo."""
    import getpass

    value = os.environ.get("QAMQOR_BACKUP_PASSWORD")
    if value:
        return value
    value = getpass.getpass(_("Backup password: "))
    if not value:
        raise CliError(M("An empty password cannot encrypt a backup."))
    if confirm and getpass.getpass(_("The same password again: ")) != value:
        raise CliError(M("The two passwords differ; nothing was written."))
    return value


def _password_for(path: str, args) -> str | None:
    from app import backup

    manifest, _start = backup.read_manifest(path)
    return _password(args, confirm=False) if manifest.encrypted else None



def _backup_json(info) -> dict:
    m = info.manifest
    return {"path": str(info.path), "size": info.size, "verified": info.verified, "failed": info.failed,
            **{k: v for k, v in m.__dict__.items() if k != "crypto"}}


def cmd_backup(args) -> int:
    from pathlib import Path

    from app import backup
    from app.db.engine import make_engine

    _check_database(args.db)
    password = _password(args, confirm=True) if args.encrypt else None
    engine = make_engine(args.db)
    try:
        if args.to:
            result = backup.backup(engine, "manual", Path(args.to), second=False, password=password)
        else:
            result = backup.backup(engine, "manual", password=password)
    finally:
        engine.dispose()
    if args.json:
        _print_json({"path": str(result.path), "copies": [str(p) for p in result.copies],
                     "problems": result.problems, "counts": result.manifest.counts})
        return 0
    m = result.manifest
    print(_("Backup written and verified: {path}").format(path=result.path))
    print(_("Residents: {residents}; plans: {plans}; audit entries: {audit}").format(
        residents=m.residents, plans=m.plans, audit=m.audit_entries))
    for copy in result.copies:
        print(_("Copy in the second folder: {path}").format(path=copy))
    for problem in result.problems:
        print(_("qamqor: {message}").format(message=problem.render()), file=sys.stderr)
    return 0


def cmd_backup_list(args) -> int:
    from app import backup

    rows = backup.list_backups()
    if args.json:
        _print_json({"folder": str(backup.backups_dir()), "backups": [_backup_json(b) for b in rows]})
        return 0
    yes, no = _("yes"), _("no")
    print(_table([_("Date"), _("Kind"), _("Size"), _("Residents"), _("Plans"), _("Audit entries"), _("Verified"),
                  _("Encrypted"), _("Database"), _("File")],
                 [(fdatetime(b.manifest.created), backup.kind_text(b.manifest.kind),
                   i18n.fsize(b.size), b.manifest.residents,
                   b.manifest.plans, b.manifest.audit_entries, no if b.failed else yes,
                   yes if b.manifest.encrypted else no, b.manifest.database, b.path) for b in rows]))
    return 0


def cmd_backup_verify(args) -> int:
    from app import backup

    m = backup.verify(args.file, _password_for(args.file, args))
    if args.json:
        _print_json({"file": args.file, "verified": True, **{k: v for k, v in m.__dict__.items() if k != "crypto"}})
        return 0
    print(_("The backup is whole: taken {date} by Qamqor {version}; residents: {residents}, plans: {plans}, "
            "audit entries: {audit}.").format(date=fdatetime(m.created), version=m.program_version,
                                             residents=m.residents, plans=m.plans, audit=m.audit_entries))
    return 0


def cmd_restore(args) -> int:
    from app import backup
    from app.db.engine import make_engine

    password = _password_for(args.file, args)
    m = backup.verify(args.file, password)
    preview = backup.preview_text(m)
    engine = make_engine(args.db)
    if other := backup.other_database_text(m, engine.url):  # the demo's backup beside the real database's
        print(other, file=sys.stderr)
    if not args.yes:
        if not sys.stdin.isatty():
            raise CliError(M("Restoring replaces the whole database; add --yes to confirm."))
        print(preview, file=sys.stderr)
        answer = input(_("Replace the database with this backup? The current state is backed up first. [y/N] "))
        if answer.strip().lower() not in ("y", "yes", "д", "да", "и", "иә"):
            print(_("Nothing was changed."), file=sys.stderr)
            engine.dispose()
            return 1
    try:
        before = backup.restore(engine, args.file, password, by=_cli_username())
    finally:
        engine.dispose()
    if args.json:
        _print_json({"restored": args.file, "before_restore": str(before.path) if before else None,
                     "counts": m.counts})
        return 0
    if before is not None:
        print(_("The state before the restore was backed up to {path}").format(path=before.path))
    print(_("Restored the backup of {date}: residents: {residents}, plans: {plans}, audit entries: {audit}.").format(
        date=fdatetime(m.created), residents=m.residents, plans=m.plans, audit=m.audit_entries))
    return 0


def _role_text(role: str) -> str:
    from app.domain.enums import Role

    return Role(role).text()


def cmd_db_upgrade(args) -> int:
    from app.db.engine import current_revision, make_engine, upgrade

    _check_database(args.db)
    engine = make_engine(args.db)
    backup = upgrade(engine)
    print(_("Database {url} is at schema revision {rev}.").format(url=engine.url.render_as_string(),
                                                                 rev=current_revision(engine)))
    if backup:
        print(_("A verified backup was taken first: {path}").format(path=backup))
    return 0


def cmd_residents_list(args) -> int:
    svc = _services(args)
    statuses = tuple(ResidentStatus(s) for s in args.status) if args.status else ()
    total, rows = svc.queries.residents(search=args.search or "", statuses=statuses, sort=args.sort)
    if args.json:
        _print_json({"total": total, "residents": rows})
        return 0
    today = dt.date.today()
    print(_table([_("Full name"), _("IIN"), _("Age"), _("Status"), _("Room"), _("Admitted"), _("Next deadline")],
                 [(r.full_name, r.iin or "—", _opt(age(r.birth_date, today)), r.status.text(), r.room or "",
                   fdate(r.admitted_on), fdate(r.next_deadline)) for r in rows]))
    print(i18n.ngettext("{n} person", "{n} people", total).format(n=total))
    return 0


def cmd_residents_missing_documents(args) -> int:
    """R-11: each resident's admission documents missing from the case file, by category."""
    svc = _services(args)
    rows = svc.casefiles.missing_documents_all()
    if args.json:
        _print_json({"residents": rows})
        return 0
    print(_table([_("Full name"), _("IIN"), _("Missing documents")],
                 [(r.full_name, r.iin or "—", "; ".join(k.text() for k in r.missing)) for r in rows]))
    print(i18n.ngettext("{n} person", "{n} people", len(rows)).format(n=len(rows)))
    return 0


def cmd_queue_list(args) -> int:
    svc = _services(args)
    rows = svc.queue.rows()
    occ = svc.queries.occupancy()
    if args.json:
        _print_json({"capacity": occ.capacity, "present": occ.present,
                     "temporarily_absent": occ.temporarily_absent, "on_offer": occ.on_offer, "vacant": occ.vacant,
                     "queue": rows,
                     "units": [_unit_json(o) for o in svc.units.occupancy()]})  # the last is the main part
        return 0
    print(_("Capacity {capacity}, present {present}, temporarily absent {absent}, places on offer {on_offer}, "
            "vacant {vacant}").format(capacity=occ.capacity, present=occ.present, absent=occ.temporarily_absent,
                                      on_offer=occ.on_offer, vacant=occ.vacant))
    _print_units_lines(svc.units.occupancy())
    print(_table(["№", _("Full name"), _("IIN"), _("Received"), _("Rule"), _("Reason for the position"),
                  _("Status"), _("Arrival deadline")],
                 [(r.position, r.full_name, r.iin or "—", fdatetime(r.received_at), r.rule, r.reason.render(),
                   r.outcome.text(), fdate(r.arrival_deadline)) for r in rows]))
    return 0


# --- the organisation's units ------------------------------------------------------------------
def _unit_label(o) -> str:
    from app.services.units import MAIN_PART

    return MAIN_PART.render() if o.unit_id is None else str(o.name)


def _unit_json(o) -> dict:
    return {"unit_id": o.unit_id, "name": o.name if o.unit_id is not None else None,
            "kind": o.kind.value if o.kind else None, "places": o.places, "present": o.present,
            "temporarily_absent": o.temporarily_absent, "vacant": o.vacant}


def _print_units_lines(rows) -> None:
    """One line per unit and the main part, only when the organisation has units."""
    if len(rows) > 1:
        for o in rows:
            print(_("{unit}: {places} places, {occupied} occupied, {vacant} vacant").format(
                unit=_unit_label(o), places=o.places, occupied=o.occupied, vacant=o.vacant))


def cmd_units_list(args) -> int:
    from app.domain.units import total_vacancy

    svc = _services(args)
    rows = svc.units.occupancy()
    places, occupied = sum(o.places for o in rows), sum(o.occupied for o in rows)
    vacant = total_vacancy(rows, svc.queries.occupancy().on_offer)  # a place on offer is not vacant
    if args.json:
        _print_json({"units": [_unit_json(o) for o in rows], "places": places, "occupied": occupied,
                     "vacant": vacant})
        return 0
    print(_table(["ID", _("Unit"), _("Kind of unit"), _("Places"), _("Present"), _("Temporarily absent"),
                  _("Vacant")],
                 [(o.unit_id or "", _unit_label(o), o.kind.text() if o.kind else "", o.places, o.present,
                   o.temporarily_absent, o.vacant) for o in rows]))
    print(_("In all: {places} places, {occupied} occupied, {vacant} vacant.").format(
        places=places, occupied=occupied, vacant=vacant))
    return 0


def cmd_units_add(args) -> int:
    from app.domain.units import UnitKind

    svc = _services(args)
    unit = svc.units.add(_actor(svc, args), UnitKind(args.kind), args.name, args.places)
    print(_("Unit {id} added: {name}, {places} places.").format(id=unit.id, name=unit.name, places=unit.places))
    return 0


def cmd_units_place(args) -> int:
    svc = _services(args)
    svc.units.place(_actor(svc, args), args.resident_id, args.unit)
    return cmd_units_list(args)


# --- the minimum staffing norms against the staff list ---------------------------------------
def _number(value):
    """Staff units for JSON: a whole number as an integer, else a decimal fraction (5.25)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def cmd_staffing(args) -> int:
    from app.domain.staffing import band_label, format_units

    svc = _services(args)
    result = svc.staffing.comparison().result
    if args.json:
        _print_json({"recipients": result.recipients, "band": result.band, "positions": [
            {"no": p.no, "position": p.position.render(), "required": _number(p.required),
             "rule": p.rule.render() if p.rule else None, "actual": _number(p.actual),
             "difference": _number(p.difference)} for p in result.positions]})
        return 0

    def signed(d) -> str:
        if d is None:
            return "—"
        return ("+" if d > 0 else "−" if d < 0 else "") + format_units(abs(d))

    print(_("Recipients: {n} (column \"{band}\"); supported independent-living units: {units}.").format(
        n=result.recipients, band=band_label(result.band).render(), units=result.units))
    print(_table(["№", _("Position"), _("Required"), _("Actual"), _("Difference")],
                 [(p.no, p.position.render(), format_units(p.required) if p.required is not None else _("see the rule"),
                   format_units(p.actual), signed(p.difference)) for p in result.positions]))
    for p in result.undecided:
        print(_("No. {no}: {rule}").format(no=p.no, rule=p.rule.render()))
    print(_("Shortfall: {short} positions; excess: {excess}; not computed: {open}.").format(
        short=len(result.shortfall), excess=len(result.excess), open=len(result.undecided)))
    return 0


def cmd_journal(args) -> int:
    if args.to < args.from_:
        raise CliError(M("--to ({to}) is before --from ({start}).", to=fdate(args.to), start=fdate(args.from_)))
    svc = _services(args)
    rows = svc.queries.journal(args.from_, args.to)
    if args.json:
        _print_json({"from": args.from_, "to": args.to, "rows": rows})
        return 0

    def dated(d) -> str:
        return f"{fdate(d.date)} № {d.order_number}" if d else ""

    def reasons(r) -> str:  # of each temporary departure (suspension), then of the discharge
        return "; ".join([f"{fdate(t.date)}: {t.reason}" for t in r.temporary_departures if t.reason]
                         + ([r.discharge_reason.text()] if r.discharge_reason else []))

    if decided_by_decision(svc.organisation.get().org_type):  # a home-care head's decisions
        acts = [_("Admitted, decision"), _("Temporarily left, decision"), _("Left, decision"),
                _("Transferred, decision")]
    else:
        acts = [_("Admitted, order"), _("Temporarily left, order"), _("Left, order"), _("Transferred, order")]
    print(_table(["№", _("Status"), _("Full name"), _("Born"), acts[0], acts[1], acts[2], _("Reason"), acts[3],
                  _("Where to")],
                 [(r.number if r.number is not None else i, r.status.text(), r.full_name, fdate(r.birth_date),
                   dated(r.admission) + (f" ({_('returned')})" if r.returned else ""),
                   "; ".join(dated(t) for t in r.temporary_departures), dated(r.discharge),
                   reasons(r), dated(r.transfer), r.destination or "")
                  for i, r in enumerate(rows, start=1)]))
    return 0


def cmd_deadlines(args) -> int:
    svc = _services(args)
    on = args.on or dt.date.today()
    rows = svc.queries.deadlines(on)
    if args.state:
        rows = [r for r in rows if r.state in args.state]
    if args.bucket:
        rows = [r for r in rows if r.bucket in args.bucket]
    if args.kind:
        rows = [r for r in rows if r.kind in args.kind]
    if args.json:
        _print_json({"on": on, "deadlines": rows})
        return 0
    print(_table([_("Due"), _("When"), _("Full name"), _("What"), _("Rule"), _("Basis")],
                 [(fdate(r.due), r.bucket.text() if r.bucket else "", r.full_name, DeadlineKind(r.kind).text(),
                   r.rule, r.basis.render()) for r in rows]))
    return 0


def cmd_stats(args) -> int:
    """Issue 13 point 4: the statistics of a period (every chart's numbers) and the daily headcount on a date;
    ``--pdf FILE`` writes the printed statistics in ``--lang``."""
    from app.domain.statistics import month_end, month_start
    from app.services.statistics import chart_table, headcount_table

    svc = _services(args)
    today = dt.date.today()
    end = args.to or month_end(month_start(today))
    start = args.from_ or dt.date(end.year - (end.month < 12), end.month % 12 + 1, 1)  # twelve months to ``end``
    on = args.on or min(end, today)
    charts = svc.statistics.charts(start, end, tuple(args.chart) if args.chart else None)
    head = svc.statistics.headcount(on)
    if args.pdf:
        from pathlib import Path

        from app.paths import write_private
        from reports.statistics import render

        pdf = render(svc.statistics.report(start, end, on), args.lang or i18n.current_language())
        out = Path(args.pdf)
        out.parent.mkdir(parents=True, exist_ok=True)
        write_private(out, pdf)
        print(_("Saved {path} ({size} KB)").format(path=out, size=max(1, len(pdf) // 1024)))
        return 0
    if args.json:
        _print_json({"from": start, "to": end, "charts": {
            key: {"title": Message(c.title), "unit": c.unit,
                  "categories": [x if isinstance(x, dt.date) else Message(x) if c.translate_categories else x
                                 for x in c.categories],
                  "series": [{"name": Message(x.name) if x.translate else x.name, "values": list(x.values)}
                             for x in c.series]} for key, c in charts.items()},
            "headcount": {"on": on, "present": head.present, "away": {g.value: head.away(g) for g in
                                                                      AbsenceGroup},
                          "total": head.total, "rows": head.rows, "other_reasons": head.other_reasons}})
        return 0
    for chart in charts.values():
        header, rows = chart_table(chart)
        print(Message(chart.title).render())
        print(_table(header, [[fpercent(v) if chart.unit == "share" and not isinstance(v, str) else
                               "" if v is None else v for v in row] for row in rows]))
        print()
    header, rows = headcount_table(head)
    print(_("Daily headcount on {date}").format(date=fdate(on)))
    print(_table(header, rows))
    return 0


def cmd_check(args) -> int:
    """The inspector's checklist on a date (issue 13 point 2): items 1–4 judged from the data, 5–20 as staff
    answered them. JSON: {"on": DATE, "items": [{no, text, judged, status, degree, residents: [{iin, name, why}]}]}.
    Exit status 1 when an item fails."""
    svc = _services(args)
    on = args.on or dt.date.today()
    result = svc.checklist.evaluate(on)
    lang = i18n.current_language()
    if args.json:
        _print_json(result.as_json(lang))
        return 1 if result.failing else 0
    print(_("Checklist on {day} (Joint Order 401/69, Annex 3)").format(day=fdate(on)))
    for item in result.items:
        judged = _("data") if item.item.judged == "data" else _("staff")
        degree = f" [{item.item.degree.text()}]" if item.failing else ""
        print(f"{item.item.no:>2}. {item.status.text()}{degree} ({judged}): {item.item.text(lang)}")
        if item.note is not None:
            print(f"    {item.note.render()}")
        for f in item.residents:
            print(f"    {f.iin or '—'} {f.name}: {f.why.render()}")
    return 1 if result.failing else 0


def cmd_deadline_rules(args) -> int:
    """R-15: show the deadline numbers and what set each; ``--set`` changes them (stricter only) by the head's
    order or decision, recorded with each number changed."""
    from app.domain.deadlines import SETTING_LABELS, RuleSource, SourceKind, act_limit

    svc = _services(args)
    if args.set:
        values = {}
        for item in args.set:
            name, _sep, days = item.partition("=")
            if not days.strip().lstrip("-").isdigit():
                raise CliError(M("--set {item}: write NAME=DAYS, for example plan_draw_up_calendar_days=3.",
                                 item=item))
            values[name.strip()] = int(days)
        kind = SourceKind.DECISION if args.decision else SourceKind.ORDER if args.order else None
        # no kind: the service refuses the missing order or decision in its own words
        source = RuleSource(kind, args.decision or args.order or "", args.date) if kind else None
        rules = svc.organisation.set_deadline_rules(_actor(svc, args), source, **values)
    else:
        rules = svc.organisation.deadline_rules()
    rows = [{"name": name, "label": _(label), "days": getattr(rules, name), "act_limit": act_limit(name),
             "source": rules.source_text(name).render()} for name, label in SETTING_LABELS.items()]
    if args.json:
        _print_json({"deadline_rules": rows})
        return 0
    print(_table([_("Setting"), _("Days"), _("The act allows at most"), _("Set by")],
                 [(f"{r['label']} [{r['name']}]", r["days"], r["act_limit"], r["source"]) for r in rows]))
    return 0


def _confirm_personal_data(args, people: int, where) -> None:
    """Issue 10 point 10: writing several people's data to a file or folder is confirmed first —
    ``--yes``, or an answer at a terminal; without a terminal the command refuses (like ``restore``)."""
    if people == 0 or args.yes:
        return
    if not sys.stdin.isatty():
        raise CliError(M("This writes the personal data of {n} people to {path}; add --yes to confirm.",
                         n=people, path=str(where)))
    answer = input(_("This will write the personal data of {n} people to {path}. Continue? [y/N] ").format(
        n=people, path=where))
    if answer.strip().lower() not in ("y", "yes", "д", "да", "и", "иә"):
        raise CliError(M("Nothing was written."))


def cmd_batch(args) -> int:
    from app.services.printing import PrintService, run_batch

    svc = _services(args)
    printer = PrintService(svc.sessions)
    _confirm_personal_data(args, printer.batch_people(args.batch, year=args.year, start=args.from_, end=args.to),
                           args.out)
    paths = run_batch(printer, args.batch, args.lang or i18n.current_language(), args.out, actor=_actor(svc, args),
                      year=args.year, start=args.from_, end=args.to)
    print(i18n.ngettext("{n} file written to {path}", "{n} files written to {path}", len(paths)).format(
        n=len(paths), path=args.out))
    return 0


def _file_bytes(path: str) -> bytes:
    from app.portal.errors import ImportRefused
    from app.portal.formats import read_path

    try:
        return read_path(path)
    except ImportRefused as exc:
        raise CliError(exc.message) from None


def _read_exchange_file(path: str, kind):
    from pathlib import Path

    from app.portal.formats import read_records

    return read_records(_file_bytes(path), kind, Path(path).name)


def _read_recognised(data: bytes, path: str):
    """What the file holds, recognised from its titles (or the kind a JSON file names) and said on stderr, and
    its records read as that (one opening of the file for both); a file the program cannot tell, or a
    register, is refused with what to do (issue 11 point 2)."""
    from pathlib import Path

    from app.portal.kinds import KIND_CODES, read_recognised
    from app.portal.records import Kind

    found, result = read_recognised(data, Path(path).name, lambda kind: kind is not Kind.REGISTER)
    if found.kind is None:
        raise CliError(M("{reason} Give it with --kind: {kinds}.", reason=found.undecided(), kinds=KIND_CODES))
    if result is None:
        raise CliError(M("The file looks like an institution's own register (names and dates of birth, no "
                         "status or portal columns). Import it with: qamqor register import {path} --mapping "
                         "MAPPING.json", path=path))
    print(found.describe().render(), file=sys.stderr)
    return found.kind, result


#: control characters (C0, DEL, C1): a value from a hostile file printed as it is could move the cursor, clear the
#: screen or retitle the terminal; they are printed as their code (\u001b), as --json writes them
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _print_problems(problems) -> None:
    for p in problems:
        where = ", ".join(x for x in (_("row {n}").format(n=p.row) if p.row else "", p.column or "") if x)
        said = ": ".join(x for x in (where, f"{p.value!s:.40}") if x)  # what is not known is not shown empty
        print(_printable(f"  {said} — {p.render()}" if said else f"  {p.render()}"), file=sys.stderr)


def _summary_out(args, summary, extra: dict | None = None) -> int:
    if args.json:
        _print_json({"dry_run": summary.dry_run, "created": summary.created, "updated": summary.updated,
                     "unchanged": summary.unchanged, "changes": summary.changes,
                     "notices": [n.render() for n in summary.notices], **(extra or {})})
        return 0
    words = {"create": _("new"), "update": _("new events"), "unchanged": _("unchanged")}  # outside the f-string
    for c in summary.changes:
        print(_printable(f"{words[c.action]}: {c.full_name} ({c.shown_key})"))
    print(summary.told().render())
    for notice in summary.notices:  # what is left to the user (a register's row under its table: the file's text)
        print(_printable(notice.render()))
    return 0


def _refused(exc, args) -> int:
    if args.json:
        _print_json({"refused": exc.render(), "problems": [
            {"row": p.row, "column": p.column, "value": p.value, "message": p.render()} for p in exc.problems]})
    print(_printable(_("qamqor: {message}").format(message=exc.render())), file=sys.stderr)
    _print_problems(exc.problems)
    return 2


def cmd_portal_import(args) -> int:
    from pathlib import Path

    from app.portal.errors import ImportRefused
    from app.portal.formats import read_path, read_records
    from app.portal.records import Kind
    from app.services.exchange import ExchangeService

    svc = _services(args)
    try:
        data = read_path(args.file)  # a file too large or unreadable: refused as its contents are (--json too)
        if args.kind:
            kind, result = Kind(args.kind), read_records(data, Kind(args.kind), Path(args.file).name)
        else:
            kind, result = _read_recognised(data, args.file)
        del data  # not held during the import: a 100,000-row JSON file is 63 MB (issue 11 point 6)
        ex = ExchangeService(svc.sessions)
        if kind == Kind.ROSTER:  # the portal's roster is not imported: it is compared with ours, and the
            # comparison kept with its date, as `portal reconcile` keeps it (the checklist's item 3); not on a dry run
            return _reconciliation_out(args, ex.reconcile(result, None if args.dry_run else _actor(svc, args),
                                                          Path(args.file).name))
        run = ex.import_queue if kind == Kind.QUEUE else ex.import_journal
        return _summary_out(args, run(_actor(svc, args), result, dry_run=args.dry_run))
    except ImportRefused as exc:
        return _refused(exc, args)


def cmd_portal_export(args) -> int:
    from pathlib import Path

    from app.services.exchange import ExchangeService, NothingToExport

    svc = _services(args)
    out = Path(args.out)
    if args.format:
        out = out.with_suffix("." + args.format)
    exchange = ExchangeService(svc.sessions)
    _confirm_personal_data(args, exchange.export_people(args.since), out)
    try:
        summary = exchange.export_journal(_actor(svc, args), out, args.lang or i18n.current_language(),
                                          since=args.since)
    except NothingToExport as nothing:  # a day with nothing new is no failure of a scheduled export
        if args.json:
            _print_json({"path": None, "rows": 0, "message": nothing.render()})
        else:
            print(nothing.render())
        return 0
    if args.json:
        _print_json({"path": str(summary.path), "rows": summary.rows})
    else:
        print(i18n.ngettext("{n} journal row exported to {path}", "{n} journal rows exported to {path}",
                            summary.rows).format(n=summary.rows, path=summary.path))
    return 0


def cmd_portal_reconcile(args) -> int:
    from pathlib import Path

    from app.portal.errors import ImportRefused
    from app.portal.records import Kind
    from app.services.exchange import ExchangeService

    svc = _services(args)
    try:
        # kept with its date: the checklist's item 3 judges the last reconciliation (`qamqor check`)
        rec = ExchangeService(svc.sessions).reconcile(_read_exchange_file(args.file, Kind.ROSTER), _actor(svc, args),
                                                      Path(args.file).name)
    except ImportRefused as exc:
        return _refused(exc, args)
    return _reconciliation_out(args, rec)


def _reconciliation_out(args, rec) -> int:
    from app.domain.checklist import RECON_FIELDS
    from app.services.exchange import shown_value

    if args.json:
        _print_json({"matches": rec.matches, "both": rec.both, "differ": rec.differ, "only_here": rec.only_here,
                     "only_portal": rec.only_portal})
        return 0 if rec.matches else 1
    print(_("In both: {both}; fields differ: {differ}; only here: {here}; only on the portal: {portal}").format(
        both=len(rec.both), differ=len(rec.differ), here=len(rec.only_here), portal=len(rec.only_portal)))
    for row in rec.differ:
        for d in row.differences:  # the field and its values as the dialog shows them, in the user's language
            print(f"  {row.iin} {row.name_here}: {_(RECON_FIELDS.get(d.field, d.field))}: {shown_value(d.here)} ≠ "
                  f"{shown_value(d.portal)}")
    for title, rows in ((_("Only here:"), rec.only_here), (_("Only on the portal:"), rec.only_portal)):
        if rows:
            print(title)
            for row in rows:
                print(f"  {row.iin or '—'} {row.name_here or row.name_portal}")  # a resident without an IIN: —
    return 0 if rec.matches else 1


def cmd_register_import(args) -> int:
    from pathlib import Path

    from app.portal.errors import ImportRefused
    from app.portal.register import RegisterMapping, read_register
    from app.services.exchange import ExchangeService

    svc = _services(args)
    try:
        mapping = RegisterMapping.from_json(Path(args.mapping).read_bytes())
        result = read_register(args.file, mapping)
        summary = ExchangeService(svc.sessions).import_register(_actor(svc, args), result, dry_run=args.dry_run)
    except OSError as exc:
        raise CliError(M("Cannot read {path}: {reason}", path=exc.filename, reason=os_reason(exc))) from None
    except ImportRefused as exc:
        return _refused(exc, args)
    return _summary_out(args, summary)


def _cli_username() -> str:
    """The name the audit log gives a change made from the command line: the OS user's."""
    import getpass

    return f"cli:{getpass.getuser()}"


def _actor(svc, args):
    """Command-line changes are made as the system account, named in the audit log with the OS user."""
    from app.domain.enums import Role
    from app.services import Actor

    return Actor(_cli_username(), Role.ADMIN, "command line")


def cmd_print(args) -> int:
    from pathlib import Path

    from app.services.printing import PrintService

    svc = _services(args)
    printer = PrintService(svc.sessions)
    if args.from_ and args.to and args.to < args.from_:
        raise CliError(M("--to ({to}) is before --from ({start}).", to=fdate(args.to), start=fdate(args.from_)))
    resident_id = printer.resident_by_iin(args.resident) if args.resident else None
    pdf = printer.render(args.form, args.lang or i18n.current_language(), resident_id=resident_id,
                         start=args.from_, end=args.to, blank=args.blank, actor=_actor(svc, args))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    from app.paths import write_private

    write_private(out, pdf)
    print(_("Saved {path} ({size} KB)").format(path=out, size=max(1, len(pdf) // 1024)))
    return 0


def cmd_audit(args) -> int:
    """The audit log, newest first: filtered by person (IIN), user, period and action (issue 10 point 7)."""
    from app.audit_diff import differences
    from app.services.audit import AuditFilter, AuditService

    svc = _services(args)
    audit = AuditService(svc.sessions)
    if args.from_ and args.to and args.to < args.from_:
        raise CliError(M("--to ({to}) is before --from ({start}).", to=fdate(args.to), start=fdate(args.from_)))
    resident_id = None
    if args.resident:
        resident_id = audit.find_resident(args.resident)
        if resident_id is None:
            raise CliError(M("No person with IIN {iin} is registered.", iin=args.resident))
    filters = AuditFilter(args.user, resident_id, args.from_, args.to, args.action)
    page = audit.query(_actor(svc, args), filters, limit=args.limit)
    if args.json:
        _print_json({"total": page.total, "entries": [
            {"id": r.id, "at": r.at, "user": r.username, "action": r.action, "action_text": r.action_text(),
             "entity": r.entity, "entity_id": r.entity_id, "resident_id": r.resident_id,
             "resident": r.resident_name, "before": r.before, "after": r.after,
             "changes": [{"field": c.field, "label": c.label, "before": c.old, "after": c.new}
                         for c in differences(r.before, r.after, entity=r.entity)]}
            for r in page.rows]})
        return 0
    headers = [_("Time"), _("User"), _("Action"), _("Person"), _("Changes")]
    print(_table(headers, [(fdatetime(r.at), r.username, r.action_text(), r.resident_name or "", r.summary())
                           for r in page.rows]))
    print(_("Entries shown: {shown} of {total}.").format(shown=len(page.rows), total=page.total))
    return 0


# --- parser -------------------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                        help="database URL or SQLite file (default: QAMQOR_DATABASE_URL, then the user data folder)")
    common.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS, help="output language")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output")

    p = argparse.ArgumentParser(prog="qamqor", parents=[common],
                                description="Qamqor: special social services organisation records")
    p.add_argument("--demo", action="store_true", help="open the demo database in the desktop program")
    p.add_argument("--version", action="version", version=f"Qamqor {app_version()}")
    p.add_argument("--smoke", action="store_true",
                   help="check this installation on a temporary database (demo, every screen offscreen, every form "
                        "in kk and ru, a verified backup); exit status 0, or 1 listing what failed")
    sub = p.add_subparsers(dest="command")

    d = sub.add_parser("demo", parents=[common], help="build a demo institution")
    d.add_argument("--residents", type=int, default=60)
    d.add_argument("--seed", type=int, default=1)
    d.add_argument("--force", action="store_true", help="overwrite a database that is not a demo")
    d.set_defaults(func=cmd_demo)

    bk = sub.add_parser("backup", parents=[common], help="back up the database (verified), list or verify backups")
    bk.add_argument("--to", metavar="DIR", help="write the backup into this folder instead of the data folder")
    bk.add_argument("--encrypt", action="store_true",
                    help="encrypt with a password (asked; QAMQOR_BACKUP_PASSWORD for scripts)")
    bk.set_defaults(func=cmd_backup)
    bks = bk.add_subparsers(dest="backup_command")
    bks.add_parser("list", parents=[common], help="the backups, newest first").set_defaults(func=cmd_backup_list)
    bv = bks.add_parser("verify", parents=[common], help="check a backup file whole")
    bv.add_argument("file")
    bv.set_defaults(func=cmd_backup_verify)
    rs = sub.add_parser("restore", parents=[common],
                        help="replace the database with a backup (the current state is backed up first)")
    rs.add_argument("file")
    rs.add_argument("--yes", action="store_true", help="do not ask for confirmation (scripts)")
    rs.set_defaults(func=cmd_restore)

    db = sub.add_parser("db", help="database administration").add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", parents=[common], help="bring the schema up to date").set_defaults(func=cmd_db_upgrade)

    r = sub.add_parser("residents", help="residents").add_subparsers(dest="residents_command", required=True)
    rl = r.add_parser("list", parents=[common], help="list residents")
    rl.add_argument("--status", action="append", choices=[s.value for s in ResidentStatus])
    rl.add_argument("--search", help="part of a name or the start of an IIN")
    rl.add_argument("--sort", default="name", choices=["name", "iin", "birth_date", "status", "room"])
    rl.set_defaults(func=cmd_residents_list)
    rm_ = r.add_parser("missing-documents", parents=[common],
                       help="admission documents missing from the case files (R-11)")
    rm_.set_defaults(func=cmd_residents_missing_documents)

    q = sub.add_parser("queue", help="the queue").add_subparsers(dest="queue_command", required=True)
    q.add_parser("list", parents=[common], help="the queue in its legal order").set_defaults(func=cmd_queue_list)

    un = sub.add_parser("units", help="supported independent-living units and palliative wards (R-36)") \
        .add_subparsers(dest="units_command", required=True)
    un.add_parser("list", parents=[common], help="capacity and vacancy per unit and in total") \
        .set_defaults(func=cmd_units_list)
    ua = un.add_parser("add", parents=[common], help="add a unit (its places count within the capacity)")
    ua.add_argument("--kind", required=True, choices=["supported_living", "palliative"])
    ua.add_argument("--name", required=True)
    ua.add_argument("--places", required=True, type=int)
    ua.set_defaults(func=cmd_units_add)
    up = un.add_parser("place", parents=[common], help="place a resident in a unit (without --unit: the main part)")
    up.add_argument("resident_id", type=int)
    up.add_argument("--unit", type=int, default=None, metavar="UNIT_ID")
    up.set_defaults(func=cmd_units_place)

    sub.add_parser("staffing", parents=[common], help="the staff list against the minimum staffing norms "
                   "(R-29, R-36)").set_defaults(func=cmd_staffing)

    j = sub.add_parser("journal", parents=[common], help="the Annex 2 journal for a period")
    j.add_argument("--from", dest="from_", type=_parse_date, required=True, metavar="DATE")
    j.add_argument("--to", type=_parse_date, required=True, metavar="DATE")
    j.set_defaults(func=cmd_journal)

    dl = sub.add_parser("deadlines", parents=[common], help="every deadline on a date: plans, monitoring, arrivals, IPR, documents, licence and contract")
    dl.add_argument("--on", type=_parse_date, metavar="DATE")
    dl.add_argument("--state", action="append", choices=["overdue", "due", "upcoming"])
    dl.add_argument("--bucket", action="append", choices=[b.value for b in Bucket],
                    help="overdue, today, in 7 days, in 14 days, later")
    dl.add_argument("--kind", action="append", choices=[k.value for k in DeadlineKind])
    dl.set_defaults(func=cmd_deadlines)
    ck = sub.add_parser("check", parents=[common], help="the inspector's checklist judged from the data (Annex 3 of "
                                                       "Joint Order 401/69)")
    ck.add_argument("--on", type=_parse_date, metavar="DATE")
    ck.set_defaults(func=cmd_check)
    from app.services.printing import FORMS

    pr = sub.add_parser("print", parents=[common], help="print an official form to PDF")
    pr.add_argument("form", choices=FORMS)
    pr.add_argument("--resident", metavar="IIN", help="the person (casefile, plan, monitoring, folder)")
    pr.add_argument("--from", dest="from_", type=_parse_date, metavar="DATE")
    pr.add_argument("--to", type=_parse_date, metavar="DATE", help="end of the period; the date of the roster")
    pr.add_argument("--blank", action="store_true", help="the empty form, to fill by hand")
    pr.add_argument("--out", required=True, metavar="FILE.pdf")
    pr.set_defaults(func=cmd_print)

    au = sub.add_parser("audit", parents=[common], help="the audit log: who changed or read what, and when")
    au.add_argument("--resident", metavar="IIN", help="entries about this person")
    au.add_argument("--user", metavar="USER", help="entries made by this user name")
    au.add_argument("--from", dest="from_", type=_parse_date, metavar="DATE")
    au.add_argument("--to", type=_parse_date, metavar="DATE")
    au.add_argument("--action", metavar="ACTION", help="an action code (resident.update) or its first part (print)")
    au.add_argument("--limit", type=int, default=200, metavar="N", help="at most N entries (default 200)")
    au.set_defaults(func=cmd_audit)

    from app.services.printing import BATCHES

    b = sub.add_parser("batch", parents=[common], help="print many forms at once into a folder")
    b.add_argument("batch", choices=BATCHES, help="awaiting: plans awaiting approval; year: plans and monitoring "
                                                  "journals of a year; journal: the journal for a period")
    b.add_argument("--year", type=int)
    b.add_argument("--from", dest="from_", type=_parse_date, metavar="DATE")
    b.add_argument("--to", type=_parse_date, metavar="DATE")
    b.add_argument("--out", required=True, metavar="FOLDER")
    b.add_argument("--yes", action="store_true", help="do not ask for confirmation of writing people's data (scripts)")
    b.set_defaults(func=cmd_batch)

    portal = sub.add_parser("portal", help="exchange files with the social services portal") \
        .add_subparsers(dest="portal_command", required=True)
    pi = portal.add_parser("import", parents=[common], help="import queue applications or a journal from a file "
                           "(a roster is compared, as by reconcile); what the file holds is recognised from it")
    pi.add_argument("file")
    pi.add_argument("--kind", choices=["queue", "journal", "roster"], default=None,
                    help="what the file holds, when it cannot be recognised from its column titles")
    pi.add_argument("--dry-run", action="store_true", help="show what would change; change nothing")
    pi.set_defaults(func=cmd_portal_import)
    pe = portal.add_parser("export", parents=[common], help="export the journal since the last export")
    pe.add_argument("--out", required=True, metavar="FILE")
    pe.add_argument("--since", type=_parse_date, metavar="DATE", help="every event from this date (a re-export)")
    pe.add_argument("--format", choices=["xlsx", "csv", "json"])
    pe.add_argument("--yes", action="store_true", help="do not ask for confirmation of writing people's data (scripts)")
    pe.set_defaults(func=cmd_portal_export)
    pr2 = portal.add_parser("reconcile", parents=[common], help="compare the roster with the portal's (R-30)")
    pr2.add_argument("file")
    pr2.set_defaults(func=cmd_portal_reconcile)

    reg = sub.add_parser("register", help="an institution's existing Excel register") \
        .add_subparsers(dest="register_command", required=True)
    ri = reg.add_parser("import", parents=[common], help="import residents through a column mapping")
    ri.add_argument("file")
    ri.add_argument("--mapping", required=True, metavar="MAPPING.json")
    ri.add_argument("--dry-run", action="store_true")
    ri.set_defaults(func=cmd_register_import)

    stp = sub.add_parser("stats", parents=[common], help="statistics of a period and the daily headcount")
    stp.add_argument("--from", dest="from_", type=_parse_date, metavar="DATE", help="default: 12 months back")
    stp.add_argument("--to", type=_parse_date, metavar="DATE", help="default: this month's end")
    stp.add_argument("--on", type=_parse_date, metavar="DATE", help="the headcount's date (default: today)")
    stp.add_argument("--chart", action="append", choices=list(STAT_CHARTS))
    stp.add_argument("--pdf", metavar="FILE.pdf", help="write the printed statistics (in --lang)")
    stp.set_defaults(func=cmd_stats)
    dr = sub.add_parser("deadline-rules", parents=[common],
                        help="the plan and monitoring deadline numbers with their source (R-15); with --set, make "
                             "them stricter by the head's order or decision")
    dr.add_argument("--set", action="append", metavar="NAME=DAYS", default=[],
                    help="a setting and its new number of days (at most the act's)")
    src = dr.add_mutually_exclusive_group()
    src.add_argument("--order", metavar="NUMBER", help="the number of the head's order setting them")
    src.add_argument("--decision", metavar="NUMBER", help="the number of the head's decision setting them")
    dr.add_argument("--date", type=_parse_date, metavar="DATE", help="the date of that order or decision")
    dr.set_defaults(func=cmd_deadline_rules)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    lang = os.environ.get("QAMQOR_LANG", i18n.DEFAULT_LANGUAGE)
    i18n.set_language(lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE)
    parser = build_parser()
    args = parser.parse_args(argv)
    for name, default in (("db", None), ("lang", None), ("json", False), ("to", None), ("encrypt", False)):
        if not hasattr(args, name):
            setattr(args, name, default)
    if args.lang:
        i18n.set_language(args.lang)
    func = getattr(args, "func", cmd_smoke if args.smoke else cmd_gui)
    diagnostics.install_crash_handlers()
    try:
        return func(args) or 0
    except DomainError as exc:
        print(_("qamqor: {message}").format(message=exc.render()), file=sys.stderr)
        return 2
    except CliError as exc:
        print(_("qamqor: {message}").format(message=exc.message.render()), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into a pager or head that closed early
        return 0
    except Exception as exc:  # the last guard: one line, never a traceback (that goes to the log)
        diagnostics.log.error("command failed\n%s", diagnostics.describe(exc))
        text = diagnostics.scrub(str(exc)).strip()
        reason = text.splitlines()[0] if text else type(exc).__name__
        print(_("qamqor: {message}").format(message=_("the command failed: {reason}").format(reason=reason)),
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

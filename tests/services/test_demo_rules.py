"""Issue 9 points 17, 21, 23 on the demo: what the demo institution records and prints."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
from sqlalchemy import select

from app.db.models import Movement, Plan, QueueApplication
from app.demo import build_demo
from app.domain.catalog import BUILTIN_ACTIVITIES
from app.domain.enums import MovementKind, QueuePriority
from app.services import Services
from app.services.printing import PrintService


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    svc = Services.open(f"sqlite:///{tmp_path_factory.mktemp('demo-rules') / 'demo.sqlite3'}")
    build_demo(svc, residents=14, seed=5)
    yield svc
    svc.engine.dispose()


def pdf_text(pdf: bytes, path) -> str:
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"-\s+", "-", " ".join(text.split()))  # a word wrapped after its hyphen is one word


def test_r16_the_demos_russian_plan_prints_the_russian_catalogue_titles(demo, tmp_path):
    """Point 23: the demo picks catalogue activities with both titles, so its plan printed in Russian shows the
    catalogue's Russian titles (and the Kazakh one in Kazakh)."""
    catalogue = {kk: ru for _k, kk, ru, _n in BUILTIN_ACTIVITIES}
    with demo.sessions() as s:
        plan = s.scalars(select(Plan).order_by(Plan.id)).first()
        acts = [(a.title, a.title_kk, a.title_ru) for a in plan.activities]
        missing = s.scalar(select(Plan).where(Plan.activities.any(title_ru=None)))
    assert missing is None, "every demo activity keeps both titles"
    assert acts and all(kk == title and ru == catalogue[title] for title, kk, ru in acts)
    printer = PrintService(demo.sessions)
    ru = pdf_text(printer.render("plan", "ru", plan_id=plan.id), tmp_path / "plan-ru.pdf")
    kk = pdf_text(printer.render("plan", "kk", plan_id=plan.id), tmp_path / "plan-kk.pdf")
    for _title, title_kk, title_ru in acts:
        assert " ".join(title_ru.split()) in ru
        assert " ".join(title_kk.split()) in kk and " ".join(title_kk.split()) not in ru


def test_r18_the_demos_plans_are_signed_on_the_day_they_were_drawn_up(demo):
    """Point 21: the demo's signatures carry the day each plan was drawn up, its approval its own day — not
    the day the demo was built."""
    printer = PrintService(demo.sessions)
    with demo.sessions() as s:
        plans = [(p.id, p.drawn_up_on, p.approved_on) for p in s.scalars(select(Plan))]
    assert plans
    for plan_id, drawn, approved in plans:
        data = printer.plan(plan_id=plan_id)
        assert {x.signed_on for x in data.signatories if x.name} == {drawn}
        assert data.approval.approved_on == approved
        journal = printer.monitoring(plan_id=plan_id)
        if not journal.sessions:  # nothing written: not signed
            assert all(x.signed_on is None and x.name is None for x in journal.signatories)
    assert any(drawn < dt.date.today() for _i, drawn, _a in plans)


def test_r12_r06_the_demos_transfers_name_the_receiver_and_its_orphan_the_day_leaving(demo):
    with demo.sessions() as s:
        transfers = list(s.scalars(select(Movement).where(Movement.kind == MovementKind.TRANSFER)))
        orphan = s.scalar(select(QueueApplication).where(QueueApplication.priority == QueuePriority.OUT_OF_TURN))
        assert transfers and all((m.receiving_organisation or "").strip() for m in transfers)
        assert orphan.out_of_turn_left_on >= orphan.received_at.date()

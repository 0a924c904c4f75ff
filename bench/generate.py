"""Bulk data for the benchmarks: N residents with a history of movements, plans, monitoring and a queue.

    python bench/generate.py --residents 10000 --events 1000000 --db /tmp/bench.sqlite3

Rows go in through SQLAlchemy Core in large batches (the services would take hours for a
million events); the data obeys the same rules: every event sequence is one the roster
state machine accepts, and occupancy never exceeds capacity.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert  # noqa: E402

from app.db.engine import make_engine, upgrade  # noqa: E402
from app.db.models import (  # noqa: E402
    Base,
    MonitoringSession,
    Movement,
    Organisation,
    Plan,
    PlanActivity,
    QueueApplication,
    Resident,
    make_search_key,
)
from app.domain.admission import AdmissionGround  # noqa: E402
from app.domain.deadlines import add_months, suggested_end  # noqa: E402
from app.domain.enums import (  # noqa: E402
    ActivityTerm,
    MovementKind,
    OrgType,
    PlanStatus,
    QueueOutcome,
    QueuePriority,
    QueueSource,
    ResidentStatus,
    ServiceKind,
    Sex,
)
from app.domain.identity import make_iin  # noqa: E402
from app.domain.names import name_key  # noqa: E402

LAST = ["Ахметов", "Жұмабеков", "Қасымов", "Төлеуов", "Иванов", "Петров", "Смирнов", "Ким", "Оспанов", "Есенов"]
FIRST = ["Асқар", "Ерлан", "Қанат", "Айгүл", "Гүлнар", "Сәуле", "Иван", "Мария", "Нина", "Сергей"]


def generate(url: str, residents: int, events: int, seed: int = 7, today: dt.date | None = None) -> dict:
    rng = random.Random(seed)
    today = today or dt.date.today()
    engine = make_engine(url)
    upgrade(engine)
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
        conn.execute(insert(Organisation), [dict(
            name_kk="Бенчмарк ұйымы", name_ru="Организация для замеров", org_type=OrgType.STATIONARY,
            capacity=residents, categories=[], arrival_days=10, deadline_settings={}, is_demo=True, version=1)])
        start_all = today - dt.timedelta(days=3 * 365)
        people: list[dict[str, Any]] = []
        moves: list[dict[str, Any]] = []
        plans: list[dict[str, Any]] = []
        acts: list[dict[str, Any]] = []
        mons: list[dict[str, Any]] = []
        per_person = max(1, events // residents)
        move_id = 0
        for rid in range(1, residents + 1):
            sex = Sex.MALE if rid % 2 else Sex.FEMALE
            birth = dt.date(1930, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 40))
            iin = make_iin(birth, sex, rid % 10000)
            last, first = rng.choice(LAST), rng.choice(FIRST[3:6] + FIRST[7:9] if sex == Sex.FEMALE else FIRST[:3] + FIRST[6:7] + FIRST[9:])
            day = start_all + dt.timedelta(days=rng.randint(0, 365))
            seq, status, admitted = 0, ResidentStatus.IN_QUEUE, day
            kinds = [MovementKind.ADMISSION]
            while len(kinds) < per_person:
                kinds += [MovementKind.TEMPORARY_DEPARTURE, MovementKind.RETURN]
            kinds = kinds[:per_person] if per_person % 2 else kinds[:per_person - 1] or kinds[:1]
            span = max(1, (today - day).days - 2)
            step = max(1, span // (len(kinds) + 1))
            for kind in kinds:
                seq += 1
                move_id += 1
                moves.append(dict(id=move_id, resident_id=rid, seq=seq, kind=kind, event_date=day,
                                  order_number=f"{move_id}-ж", order_date=day, returned=False,
                                  journal_no=rid if kind == MovementKind.ADMISSION else None,  # R-09 entry number
                                  admission_ground=AdmissionGround.CANNOT_SELF_CARE  # every admission has it
                                  if kind == MovementKind.ADMISSION else None,
                                  created_at=dt.datetime.combine(day, dt.time(9)), created_by="bench"))
                status = {MovementKind.ADMISSION: ResidentStatus.PRESENT, MovementKind.RETURN: ResidentStatus.PRESENT,
                          MovementKind.TEMPORARY_DEPARTURE: ResidentStatus.TEMPORARILY_ABSENT}[kind]
                if kind == MovementKind.ADMISSION:
                    admitted = day
                day = min(day + dt.timedelta(days=step), today - dt.timedelta(days=1))
            surname = last + ("а" if sex == Sex.FEMALE and last.endswith("ов") else "")
            people.append(dict(id=rid, iin=iin, last_name=surname,
                               first_name=first, middle_name=None, birth_date=birth, sex=sex, status=status,
                               search_key=make_search_key(last, first, iin), name_key=name_key(surname, first),
                               created_at=dt.datetime(2020, 1, 1),
                               version=1, room=str(100 + rid % 300)))
            if rid % 10:
                p_start = max(admitted + dt.timedelta(days=2), add_months(today, -rng.randint(1, 11)))
                pid = len(plans) + 1
                st = PlanStatus.APPROVED if rid % 10 > 2 else (PlanStatus.DRAFT if rid % 10 == 1 else PlanStatus.COMPLETED)
                plans.append(dict(id=pid, resident_id=rid, version_no=1, status=st, drawn_up_on=p_start,
                                  completed_on=p_start if st != PlanStatus.DRAFT else None,
                                  approved_on=p_start if st == PlanStatus.APPROVED else None,
                                  period_start=p_start, period_end=add_months(p_start, 12) - dt.timedelta(days=1),
                                  signatures={}, version=1))
                for k in ServiceKind:
                    acts.append(dict(plan_id=pid, kind=k, title="Іс-шара", term=ActivityTerm.MONTH, start_on=p_start,
                                     end_on=suggested_end(p_start, ActivityTerm.MONTH), specialist="Маман", assigned_on=p_start))
                if st == PlanStatus.APPROVED:
                    q = 1
                    while add_months(p_start, 3 * q) < today and rid % 7:
                        m = add_months(p_start, 3 * q) - dt.timedelta(days=3)
                        mons.append(dict(resident_id=rid, plan_id=pid, monitoring_date=m, recorded_on=m,
                                         recorded_late=False, interim=False, specialist="Маман"))
                        q += 1
        for batch in (people,):
            conn.execute(insert(Resident), batch)
        for i in range(0, len(moves), 50000):
            conn.execute(insert(Movement), moves[i:i + 50000])
        conn.execute(insert(Plan), plans)
        for i in range(0, len(acts), 50000):
            conn.execute(insert(PlanActivity), acts[i:i + 50000])
        if mons:
            conn.execute(insert(MonitoringSession), mons)
        queue_n = max(10, residents // 10)
        qpeople, qapps = [], []
        for i in range(queue_n):
            rid = residents + 1 + i
            birth = dt.date(1940, 1, 1) + dt.timedelta(days=i)
            iin = make_iin(birth, Sex.FEMALE, (rid * 3) % 10000)
            qpeople.append(dict(id=rid, iin=iin, last_name="Кезекова", first_name="Айгүл", birth_date=birth,
                                sex=Sex.FEMALE, status=ResidentStatus.IN_QUEUE, search_key=make_search_key("кезекова", iin),
                                name_key=name_key("Кезекова", "Айгүл"),
                                created_at=dt.datetime(2020, 1, 1), version=1))
            qapps.append(dict(resident_id=rid, source=QueueSource.PORTAL, portal_number=f"B-{i}",
                              received_at=dt.datetime(2025, 1, 1) + dt.timedelta(minutes=rng.randint(0, 500000)),
                              priority=QueuePriority.OUT_OF_TURN if i % 50 == 0 else QueuePriority.ORDINARY,
                              outcome=QueueOutcome.WAITING, version=1, journal_no=rid))
        conn.execute(insert(Resident), qpeople)
        conn.execute(insert(QueueApplication), qapps)
    engine.dispose()
    return {"residents": residents, "movements": len(moves), "plans": len(plans), "monitoring": len(mons),
            "queue": queue_n}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--residents", type=int, default=1000)
    ap.add_argument("--events", type=int, default=0, help="movement events in all (default: 5 per resident)")
    ap.add_argument("--db", required=True)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    t = time.perf_counter()
    print(generate(a.db if "://" in a.db else f"sqlite:///{a.db}", a.residents, a.events or a.residents * 5, a.seed))
    print(f"{time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()

"""Use cases. ``Services(sessions)`` gathers them; the GUI and the CLI call the same ones."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.services.audit import AuditService
from app.services.base import SYSTEM, Actor
from app.services.casefiles import CaseFileService
from app.services.checklist import ChecklistService
from app.services.movements import MovementService, OrderRef
from app.services.organisation import OrganisationInput, OrganisationService, PeopleService
from app.services.plans import ActivityInput, MonitoringRowInput, PlanInput, PlanService
from app.services.queries import QueryService
from app.services.queue import QueueService
from app.services.residents import PersonInput, ResidentService
from app.services.staffing import StaffingService
from app.services.statistics import StatisticsService
from app.services.units import UnitService

__all__ = ["Services", "Actor", "SYSTEM", "OrderRef", "OrganisationInput", "PersonInput", "PlanInput",
           "ActivityInput", "MonitoringRowInput"]


class Services:
    """Every use case over one ``sessionmaker``; no global state."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        self.engine: Engine = sessions.kw["bind"]  # what the sessions are bound to (backups, revision)
        self.organisation = OrganisationService(sessions)
        self.people = PeopleService(sessions)
        self.residents = ResidentService(sessions)
        self.movements = MovementService(sessions)
        self.queue = QueueService(sessions)
        self.casefiles = CaseFileService(sessions)
        self.plans = PlanService(sessions)
        self.queries = QueryService(sessions)
        self.units = UnitService(sessions)
        self.staffing = StaffingService(sessions)
        self.audit = AuditService(sessions)
        self.checklist = ChecklistService(sessions)
        self.statistics = StatisticsService(sessions)

    @classmethod
    def open(cls, url: str | None = None, upgrade: bool = True) -> Services:
        """Connect to ``url`` (or the default database) and bring its schema up to date."""
        from app.cache import preload_public_holidays
        from app.db.engine import make_engine, session_factory
        from app.db.engine import upgrade as do_upgrade

        preload_public_holidays()
        engine = make_engine(url)
        if upgrade:
            do_upgrade(engine)
        return cls(session_factory(engine))

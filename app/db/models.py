"""Typed SQLAlchemy 2 models. Editable rows carry ``version`` for optimistic locking."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    UniqueConstraint,
    event,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from app.domain.admission import AdmissionGround, GroundUnrecorded
from app.domain.enums import (
    ActivityTerm,
    ChangeMark,
    DirectAdmissionGround,
    DischargeReason,
    DocumentKind,
    MovementKind,
    NoticeSender,
    OrgType,
    OutOfTurnGround,
    PlanStatus,
    PostponementCause,
    QueueOutcome,
    QueuePriority,
    QueueSource,
    ResidentStatus,
    Role,
    ServiceKind,
    Sex,
)
from app.domain.limits import LONG_TEXT, visible  # issue 11: the former TEXT columns hold this much
from app.domain.names import NAME_KEY_LENGTH, name_key
from app.domain.units import UnitKind

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _enum(cls: type) -> Enum:
    return Enum(cls, native_enum=False, length=32, values_callable=lambda e: [m.value for m in e],
                validate_strings=True)


#: the search key's length (its column's): ``make_search_key``
SEARCH_KEY_LENGTH = 400


def _keys(length: int) -> String:
    """A key the program makes (an IIN, a search key, a name key): compared byte by byte on PostgreSQL too,
    whatever the server's locale (migration 0022); its order is the same either way."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}
    # every model is mapped to one Table (SQLAlchemy types it as any FromClause): the queries use its columns
    __table__: ClassVar[Table]


class Organisation(Base):
    """The register entry of R-28 plus the program's settings. One row per installation."""

    __tablename__ = "organisation"
    id: Mapped[int] = mapped_column(primary_key=True)
    name_kk: Mapped[str] = mapped_column(String(500))
    name_ru: Mapped[str] = mapped_column(String(500))
    bin: Mapped[str | None] = mapped_column(String(12))
    legal_address: Mapped[str | None] = mapped_column(String(500))
    org_type: Mapped[OrgType] = mapped_column(_enum(OrgType))
    categories: Mapped[list[Any]] = mapped_column(default=list)
    capacity: Mapped[int] = mapped_column(Integer)
    phone: Mapped[str | None] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(200))
    licence_number: Mapped[str | None] = mapped_column(String(100))
    licence_issued_on: Mapped[dt.date | None] = mapped_column(Date)
    licence_valid_until: Mapped[dt.date | None] = mapped_column(Date)
    licence_reissued_on: Mapped[dt.date | None] = mapped_column(Date)
    contract_signed_on: Mapped[dt.date | None] = mapped_column(Date)
    contract_term: Mapped[str | None] = mapped_column(String(200))
    contract_valid_until: Mapped[dt.date | None] = mapped_column(Date)  # the contract's term as a date
    registered_on: Mapped[dt.date | None] = mapped_column(Date)
    licence_terminated_on: Mapped[dt.date | None] = mapped_column(Date)
    removal_grounds: Mapped[str | None] = mapped_column(String(LONG_TEXT))
    director_name: Mapped[str | None] = mapped_column(String(300))
    location: Mapped[str | None] = mapped_column(String(300))
    arrival_days: Mapped[int] = mapped_column(Integer, default=10)
    deadline_settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # UPDATE … WHERE version


class OrgUnit(Base):
    """A supported independent-living unit or a palliative ward of a stationary organisation (R-27, R-36)."""

    __tablename__ = "org_unit"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[UnitKind] = mapped_column(_enum(UnitKind))
    name: Mapped[str] = mapped_column(String(300))
    places: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # UPDATE … WHERE version


class StaffingProfile(Base):
    """What the minimum staffing norms depend on (R-29, R-36) beyond what the program already knows (the
    capacity, the units, the recipient categories). One row; ``notes`` and ``recipients`` None: derived."""

    __tablename__ = "staffing_profile"
    id: Mapped[int] = mapped_column(primary_key=True)
    notes: Mapped[list[Any] | None] = mapped_column(JSON)  # notes 2–5 of Annex 1 that apply
    recipients: Mapped[int | None] = mapped_column(Integer)
    nurse_posts: Mapped[int] = mapped_column(Integer, default=0)
    orderly_posts: Mapped[int] = mapped_column(Integer, default=0)
    supervision_posts: Mapped[int] = mapped_column(Integer, default=0)
    care_groups: Mapped[int] = mapped_column(Integer, default=0)
    study_groups: Mapped[int] = mapped_column(Integer, default=0)
    labour_profiles: Mapped[int] = mapped_column(Integer, default=0)
    vehicles: Mapped[int] = mapped_column(Integer, default=0)
    tractors: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # UPDATE … WHERE version


class StaffListRow(Base):
    """A row of the staff list (штат): one of the 78 positions of Annex 1 and its units; a position may
    have several rows (R-29)."""

    __tablename__ = "staff_list_row"
    id: Mapped[int] = mapped_column(primary_key=True)
    position_no: Mapped[int] = mapped_column(Integer, index=True)
    fte: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    note: Mapped[str | None] = mapped_column(String(300))
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # UPDATE … WHERE version
    __table_args__ = (CheckConstraint("position_no BETWEEN 1 AND 78", name="position_no"),
                      CheckConstraint("fte > 0", name="fte"))


class User(Base):
    __tablename__ = "app_user"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    full_name: Mapped[str] = mapped_column(String(300))
    #: the full name's place in Kazakh alphabetical order (app.domain.names), kept with every change of the name
    name_key: Mapped[str] = mapped_column(String(NAME_KEY_LENGTH), default="")
    role: Mapped[Role] = mapped_column(_enum(Role))
    password_hash: Mapped[str | None] = mapped_column(String(300))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    #: raised when the director resets the password: every session opened before is over
    session_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # UPDATE … WHERE version

    @validates("full_name")
    def _keep_name_key(self, _key: str, value: str) -> str:
        self.name_key = name_key(value)
        return value


class SignInFailure(Base):
    """Failed sign-ins for a user name (known or not, compared case-folded): five make it wait."""

    __tablename__ = "sign_in_failure"
    name_key: Mapped[str] = mapped_column(String(100), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_at: Mapped[dt.datetime] = mapped_column(DateTime)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(NAME_KEY_LENGTH), default="")  # Kazakh order
    position: Mapped[str] = mapped_column(String(300))
    role: Mapped[Role] = mapped_column(_enum(Role))
    fte: Mapped[float] = mapped_column(Numeric(5, 2), default=1)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # UPDATE … WHERE version

    @validates("full_name")
    def _keep_name_key(self, _key: str, value: str) -> str:
        self.name_key = name_key(value)
        return value


class Resident(Base):
    """A person served or waiting (Annex 3 fields). ``status`` is a cache of the movement events."""

    __tablename__ = "resident"
    id: Mapped[int] = mapped_column(primary_key=True)
    iin: Mapped[str | None] = mapped_column(_keys(12), unique=True)
    iin_missing_reason: Mapped[str | None] = mapped_column(String(300))
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    middle_name: Mapped[str | None] = mapped_column(String(100))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    sex: Mapped[Sex | None] = mapped_column(_enum(Sex))
    nationality: Mapped[str | None] = mapped_column(String(100))
    diagnosis: Mapped[str | None] = mapped_column(String(LONG_TEXT))
    address: Mapped[str | None] = mapped_column(String(500))
    phone: Mapped[str | None] = mapped_column(String(100))
    social_status: Mapped[str | None] = mapped_column(String(300))
    came_from: Mapped[str | None] = mapped_column(String(300))
    parents_info: Mapped[str | None] = mapped_column(String(LONG_TEXT))
    category: Mapped[str | None] = mapped_column(String(64))
    disability_group: Mapped[int | None] = mapped_column(Integer)
    ipr_until: Mapped[dt.date | None] = mapped_column(Date)
    room: Mapped[str | None] = mapped_column(String(50))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_unit.id"))  # R-36; None: main part
    search_key: Mapped[str] = mapped_column(_keys(SEARCH_KEY_LENGTH), default="")  # casefolded name + IIN (SQLite lower() is ASCII-only)
    #: the name's place in Kazakh alphabetical order (app.domain.names): every list of residents is sorted by it
    name_key: Mapped[str] = mapped_column(_keys(NAME_KEY_LENGTH), default="")
    status: Mapped[ResidentStatus] = mapped_column(_enum(ResidentStatus), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # UPDATE … WHERE version

    movements: Mapped[list[Movement]] = relationship(back_populates="resident", order_by="Movement.seq")

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    def refresh_search_key(self) -> None:
        self.search_key = make_search_key(self.last_name, self.first_name, self.middle_name, self.iin)
        self.name_key = name_key(self.last_name, self.first_name, self.middle_name)

    @validates("last_name", "first_name", "middle_name")
    def _keep_name_key(self, key: str, value: str | None) -> str | None:
        parts = {"last_name": self.last_name, "first_name": self.first_name, "middle_name": self.middle_name, key: value}
        self.name_key = name_key(parts["last_name"], parts["first_name"], parts["middle_name"])
        return value


def fold(text: str) -> str:
    """A text as the search key holds it: case folded, «ё» as «е», without the invisible characters pasted text
    brings (a name stored before they were taken out, or a search typed with one, still matches)."""
    return visible(text).casefold().replace("ё", "е")


def make_search_key(*parts: str | None) -> str:
    """The search key of a person's name parts and IIN, cut to its column's length: folding lengthens a few
    letters («ß» to «ss», «ﬃ» to «ffi»), so that three parts of 100 letters, each within its own limit, could
    fold to more than the column holds (a search for the words beyond the cut misses them; no real name comes
    near it). The same key on either engine."""
    return " ".join([fold(p) for p in parts if p])[:SEARCH_KEY_LENGTH]


def identity_key(last: str | None, first: str | None, middle: str | None) -> str:
    """Who a person without an IIN is, with their date of birth: the name folded as the search key (an import
    matches such a person by it, and a form adding a person looks for a namesake by it)."""
    return " ".join(make_search_key(last, first, middle).split())


#: R-33 in the database itself: an admission has its ground or, only when imported from records that predate
#: the program, the reason it has none — one of the two, never both; other movements have neither (0010).
ADMISSION_GROUND_CHECK = ("(kind = 'admission' AND (admission_ground IS NULL) <> (ground_unrecorded IS NULL)) OR "
                          "(kind <> 'admission' AND admission_ground IS NULL AND ground_unrecorded IS NULL)")


class Movement(Base):
    """One event of the electronic journal (R-01) with the order that authorised it."""

    __tablename__ = "movement"
    id: Mapped[int] = mapped_column(primary_key=True)
    # found by the unique index on (resident_id, seq): an index of its own would be a copy of its first column
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"))
    seq: Mapped[int] = mapped_column(Integer)  # order of events of one resident
    kind: Mapped[MovementKind] = mapped_column(_enum(MovementKind))
    event_date: Mapped[dt.date] = mapped_column(Date, index=True)
    order_number: Mapped[str] = mapped_column(String(50))
    order_date: Mapped[dt.date] = mapped_column(Date)
    returned: Mapped[bool] = mapped_column(Boolean, default=False)  # R-02 readmission
    discharge_reason: Mapped[DischargeReason | None] = mapped_column(_enum(DischargeReason))
    reason_text: Mapped[str | None] = mapped_column(String(500))
    destination: Mapped[str | None] = mapped_column(String(500))  # transfer or discharge: region, city, district
    receiving_organisation: Mapped[str | None] = mapped_column(String(500))  # transfer: its name
    # an admission's entry number in the journal (column 1); shared with its queue application
    journal_no: Mapped[int | None] = mapped_column(Integer)
    queue_application_id: Mapped[int | None] = mapped_column(ForeignKey("queue_application.id"))
    # the ground of an admission made directly while others waited in the queue
    direct_ground: Mapped[DirectAdmissionGround | None] = mapped_column(_enum(DirectAdmissionGround))
    direct_ground_text: Mapped[str | None] = mapped_column(String(500))
    admission_ground: Mapped[AdmissionGround | None] = mapped_column(_enum(AdmissionGround))
    # an admission without a ground is only an imported record that predates the program, saying why
    ground_unrecorded: Mapped[GroundUnrecorded | None] = mapped_column(_enum(GroundUnrecorded))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    exported_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # the document proving a suspension or termination (checklist item 4, migration 0014): its kind
    # (app.domain.checklist.MovementDocKind), number and date
    doc_kind: Mapped[str | None] = mapped_column(String(32))
    doc_number: Mapped[str | None] = mapped_column(String(100))
    doc_date: Mapped[dt.date | None] = mapped_column(Date)

    resident: Mapped[Resident] = relationship(back_populates="movements")
    __table_args__ = (UniqueConstraint("resident_id", "seq"),
                      CheckConstraint(ADMISSION_GROUND_CHECK, name="admission_ground"))


class QueueApplication(Base):
    __tablename__ = "queue_application"
    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    portal_number: Mapped[str | None] = mapped_column(String(100), unique=True)
    source: Mapped[QueueSource] = mapped_column(_enum(QueueSource))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime)
    original_received_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    priority: Mapped[QueuePriority] = mapped_column(_enum(QueuePriority), default=QueuePriority.ORDINARY)
    priority_reason: Mapped[str | None] = mapped_column(String(500))
    # the portal's file marks the application out of turn; it stands in the order of arrival until its ground
    # is recorded (priority OUT_OF_TURN with out_of_turn_ground), which the program checks (migration 0023)
    portal_out_of_turn: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    out_of_turn_ground: Mapped[OutOfTurnGround | None] = mapped_column(_enum(OutOfTurnGround))
    out_of_turn_from: Mapped[str | None] = mapped_column(String(300))  # the children's organisation
    out_of_turn_on: Mapped[dt.date | None] = mapped_column(Date)  # the date the age (18) was checked on
    out_of_turn_left_on: Mapped[dt.date | None] = mapped_column(Date)  # left (will leave) the children's org.
    ipr_until: Mapped[dt.date | None] = mapped_column(Date)
    recertified_on: Mapped[dt.date | None] = mapped_column(Date)
    offered_on: Mapped[dt.date | None] = mapped_column(Date)
    arrival_deadline: Mapped[dt.date | None] = mapped_column(Date)
    postponed_days: Mapped[int | None] = mapped_column(Integer)  # once
    postponement_reason: Mapped[str | None] = mapped_column(String(500))
    postponement_cause: Mapped[PostponementCause | None] = mapped_column(_enum(PostponementCause))
    notice_received_on: Mapped[dt.date | None] = mapped_column(Date)  # the notice of inability to arrive
    notice_from: Mapped[NoticeSender | None] = mapped_column(_enum(NoticeSender))
    outcome: Mapped[QueueOutcome] = mapped_column(_enum(QueueOutcome), default=QueueOutcome.WAITING, index=True)
    outcome_on: Mapped[dt.date | None] = mapped_column(Date)
    journal_no: Mapped[int | None] = mapped_column(Integer)  # the entry's number in the journal
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # UPDATE … WHERE version

    resident: Mapped[Resident] = relationship()


class CaseFile(Base):
    """Personal case file (Annex 3, R-10…R-13)."""

    __tablename__ = "case_file"
    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), unique=True)
    number: Mapped[str] = mapped_column(String(50))
    place: Mapped[str | None] = mapped_column(String(300))
    opened_on: Mapped[dt.date] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # UPDATE … WHERE version

    documents: Mapped[list[CaseDocument]] = relationship(order_by="CaseDocument.id", cascade="all, delete-orphan")


class CaseDocument(Base):
    __tablename__ = "case_document"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_file_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    kind: Mapped[DocumentKind] = mapped_column(_enum(DocumentKind))
    title: Mapped[str] = mapped_column(String(500))
    sheets: Mapped[int] = mapped_column(Integer, default=1)
    is_original: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_on: Mapped[dt.date | None] = mapped_column(Date)  # originals kept with written consent
    received_on: Mapped[dt.date] = mapped_column(Date)


class Plan(Base):
    """Individual plan (Annex 4). An approved plan is never edited; a correction is a new version."""

    __tablename__ = "plan"
    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    version_no: Mapped[int] = mapped_column(Integer, default=1)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("plan.id"))
    status: Mapped[PlanStatus] = mapped_column(_enum(PlanStatus), index=True)
    drawn_up_on: Mapped[dt.date] = mapped_column(Date)
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    approved_on: Mapped[dt.date | None] = mapped_column(Date)
    approved_by: Mapped[str | None] = mapped_column(String(300))
    observation_start: Mapped[dt.date | None] = mapped_column(Date)
    observation_end: Mapped[dt.date | None] = mapped_column(Date)
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    revision_date: Mapped[dt.date | None] = mapped_column(Date)
    signatures: Mapped[dict[str, Any]] = mapped_column(default=dict)  # role → name
    signature_dates: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # role → ISO date the name was recorded
    correction_note: Mapped[str | None] = mapped_column(String(LONG_TEXT))
    # the last return of a completed plan to its authors by the director, with the comment (while a draft again)
    return_note: Mapped[str | None] = mapped_column(String(LONG_TEXT))
    returned_on: Mapped[dt.date | None] = mapped_column(Date)
    returned_by: Mapped[str | None] = mapped_column(String(300))
    # each step's due date as it stood when the step was taken, so that a late step keeps that fact
    # (step done after its due date); None where no deadline applied (a correction's drawing up, R-19) or
    # the plan predates migration 0009
    draw_up_step: Mapped[str | None] = mapped_column(String(32))  # DeadlineKind: plan_draw_up or plan_renew
    draw_up_due: Mapped[dt.date | None] = mapped_column(Date)
    complete_due: Mapped[dt.date | None] = mapped_column(Date)
    approve_due: Mapped[dt.date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # UPDATE … WHERE version

    activities: Mapped[list[PlanActivity]] = relationship(order_by="PlanActivity.id", cascade="all, delete-orphan")


class PlanActivity(Base):
    __tablename__ = "plan_activity"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    kind: Mapped[ServiceKind] = mapped_column(_enum(ServiceKind))
    title: Mapped[str] = mapped_column(String(LONG_TEXT))
    title_kk: Mapped[str | None] = mapped_column(String(LONG_TEXT))  # picked from the catalogue: its title in both languages
    title_ru: Mapped[str | None] = mapped_column(String(LONG_TEXT))
    term: Mapped[ActivityTerm] = mapped_column(_enum(ActivityTerm))
    start_on: Mapped[dt.date] = mapped_column(Date)
    end_on: Mapped[dt.date] = mapped_column(Date)
    specialist: Mapped[str] = mapped_column(String(300))
    assigned_on: Mapped[dt.date] = mapped_column(Date)


class ActivityCatalogEntry(Base):
    """Standard activities per kind of service that staff pick from (and add to)."""

    __tablename__ = "activity_catalog"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ServiceKind] = mapped_column(_enum(ServiceKind))
    title_kk: Mapped[str] = mapped_column(String(LONG_TEXT))
    title_ru: Mapped[str] = mapped_column(String(LONG_TEXT))
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)


class MonitoringSession(Base):
    """One quarterly monitoring (R-20) or interim monthly entry (R-22) of a plan."""

    __tablename__ = "monitoring_session"
    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    monitoring_date: Mapped[dt.date] = mapped_column(Date)
    recorded_on: Mapped[dt.date] = mapped_column(Date)
    recorded_late: Mapped[bool] = mapped_column(Boolean, default=False)
    interim: Mapped[bool] = mapped_column(Boolean, default=False)
    specialist: Mapped[str] = mapped_column(String(300))

    rows: Mapped[list[MonitoringRow]] = relationship(order_by="MonitoringRow.id", cascade="all, delete-orphan")


class MonitoringRow(Base):
    __tablename__ = "monitoring_row"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("monitoring_session.id"), index=True)
    kind: Mapped[ServiceKind] = mapped_column(_enum(ServiceKind))
    mark: Mapped[ChangeMark] = mapped_column(_enum(ChangeMark))
    positive_text: Mapped[str | None] = mapped_column(String(LONG_TEXT))
    no_change_reason: Mapped[str | None] = mapped_column(String(LONG_TEXT))
    correction: Mapped[str | None] = mapped_column(String(LONG_TEXT))  # which kind to revise and recommendations


class PortalReconciliation(Base):
    """A reconciliation of the roster with the portal's (R-30), kept for the checklist's item 3."""

    __tablename__ = "portal_reconciliation"
    id: Mapped[int] = mapped_column(primary_key=True)
    run_at: Mapped[dt.datetime] = mapped_column(DateTime)
    run_on: Mapped[dt.date] = mapped_column(Date)
    run_by: Mapped[str] = mapped_column(String(100))
    source: Mapped[str | None] = mapped_column(String(500))
    in_both: Mapped[int] = mapped_column(Integer)
    #: [{"iin", "name", "kind": differ | only_here | only_portal, "fields": [...]}]
    differences: Mapped[list[Any]] = mapped_column(default=list)


class ChecklistAnswer(Base):
    """A staff answer to an item 5–20 of the inspector's checklist (Joint Order 401/69, Annex 3)."""

    __tablename__ = "checklist_answer"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_no: Mapped[int] = mapped_column(Integer, unique=True)
    answer: Mapped[str] = mapped_column(String(32))  # app.domain.checklist.Answer
    note: Mapped[str | None] = mapped_column(String(LONG_TEXT))
    answered_on: Mapped[dt.date] = mapped_column(Date)
    answered_by: Mapped[str] = mapped_column(String(300))
    username: Mapped[str] = mapped_column(String(100))
    answered_at: Mapped[dt.datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # UPDATE … WHERE version


class HolidayOverride(Base):
    __tablename__ = "holiday_override"
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, unique=True)
    working: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(String(300))


class AuditEntry(Base):
    """Append-only: who, when, what, before, after."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    username: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(100))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


Index("ix_movement_kind_date", Movement.kind, Movement.event_date)
Index("ix_portal_reconciliation_run_on", PortalReconciliation.run_on, PortalReconciliation.id)
# an entry's number is given once (a unique index, not a constraint: SQLite adds it without rebuilding the table)
Index("ix_movement_journal_no", Movement.journal_no, unique=True)
Index("ix_queue_application_journal_no", QueueApplication.journal_no, unique=True)
Index("ix_movement_resident_kind_date", Movement.resident_id, Movement.kind, Movement.event_date)
# the residents list: the search (a substring of search_key) scanning the index instead of the wide rows;
# its default order (Kazakh alphabetical) read from ix_resident_name_key, so the first page stops early
Index("ix_resident_search_key", Resident.search_key)
Index("ix_resident_name_key", Resident.name_key, Resident.id)  # every list of names: Kazakh order (0016)
Index("ix_staff_name_key", Staff.name_key, Staff.id)
Index("ix_app_user_name_key", User.name_key, User.id)
# issue 11 point 1: an imported person without an IIN is found by name and date of birth (migration 0017)
Index("ix_resident_birth_date", Resident.birth_date,  # only people without an IIN: migration 0021
      sqlite_where=Resident.iin.is_(None), postgresql_where=Resident.iin.is_(None))
# the people placed in a unit; most are in the main part, no unit (0021)
Index("ix_resident_unit_id", Resident.unit_id,
      sqlite_where=Resident.unit_id.is_not(None), postgresql_where=Resident.unit_id.is_not(None))
# the audit log viewer's filters (migration 0010): a record's history, a user's entries, an action's entries
Index("ix_audit_log_entity", AuditEntry.entity, AuditEntry.entity_id, AuditEntry.at)
Index("ix_audit_log_username", AuditEntry.username, AuditEntry.at)
Index("ix_audit_log_action", AuditEntry.action, AuditEntry.at)


@event.listens_for(AuditEntry, "before_update")
@event.listens_for(AuditEntry, "before_delete")
def _audit_is_append_only(_mapper, _connection, target: AuditEntry) -> None:
    raise PermissionError(f"the audit log is append-only (entry {target.id})")


# issue 11 point 6: no text longer than its column, no control character, on either engine
from app.db.limits import install as _install_limits  # noqa: E402 - the models first, then their check

_install_limits(Base)

"""Plain data the form renderers print. Services assemble these; renderers never query anything.

Every field a form can leave blank is optional: None prints a blank line (underscores)
for a person to fill by hand, so an instance with no values is the blank form.
Closed-list values may be given as the domain enum (printed in the print language
through the ``forms`` catalog) or as ready text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.domain.admission import AdmissionGround, GroundUnrecorded
from app.domain.enums import (
    ActivityTerm,
    ChangeMark,
    DischargeReason,
    DocumentKind,
    OrgType,
    QueueOutcome,
    QueuePriority,
    RecipientCategory,
    ResidentStatus,
    Role,
    ServiceKind,
    Sex,
)


@dataclass(frozen=True)
class Organisation:
    name_kk: str | None = None
    name_ru: str | None = None
    org_type: OrgType | None = None  # None: the form prints all four types, as the blank official form does
    director_name: str | None = None
    bin: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class Recipient:
    """The service recipient, with the fields of the case file cover (Annex 3)."""

    full_name: str | None = None
    birth_date: date | None = None
    diagnosis: str | None = None
    nationality: str | None = None
    admission_date: date | None = None
    arrived_from: str | None = None
    social_status: str | None = None
    parents_info: str | None = None
    home_address: str | None = None
    iin: str | None = None
    category: RecipientCategory | None = None  # recorded at admission, shown with the inventory
    admission_ground: AdmissionGround | GroundUnrecorded | None = None  # or why an imported one has none


@dataclass(frozen=True)
class OrderRef:
    """The head's order behind a movement: its date and number (R-01)."""

    on: date | None = None
    number: str | None = None


# ---------------------------------------------------------------- Annex 2
@dataclass(frozen=True)
class JournalRow:
    number: int | None = None  # column 1: the entry's number in the journal; the row's position when None
    status: ResidentStatus | str | None = None
    full_name: str | None = None
    birth_date: date | None = None
    age: int | None = None
    sex: Sex | str | None = None
    address: str | None = None
    phone: str | None = None
    ipr_term: date | str | None = None
    admission: OrderRef | None = None
    returned: bool = False  # readmission marked "қайта оралды" / "вернулся" in column 9
    temporary_departure: OrderRef | tuple[OrderRef, ...] | None = None  # every departure in the period
    discharge: OrderRef | None = None
    reason: DischargeReason | str | None = None  # of the discharge
    transfer: OrderRef | None = None
    destination: str | None = None  # where the person went, on a transfer or a discharge (column 14)
    departure_reasons: tuple[str | None, ...] = ()  # of each temporary departure (suspension), in order


@dataclass(frozen=True)
class Journal:
    organisation: Organisation | None = None
    started_on: date | None = None
    finished_on: date | None = None
    rows: tuple[JournalRow, ...] = ()


# ---------------------------------------------------------------- Annex 3 (+ R-11, R-12)
@dataclass(frozen=True)
class InventoryItem:
    title: DocumentKind | str | None = None
    dated: date | None = None
    sheets: int | None = None
    note: str | None = None
    original: bool = False  # the original is kept by the administration …
    consent_on: date | None = None  # … with the resident's written consent of this date
    kind: DocumentKind | None = None  # the kind of a document given a title of its own


@dataclass(frozen=True)
class TransferAct:
    """Acceptance-transfer act of the case file on transfer to another organisation (R-12)."""

    number: str | None = None
    act_date: date | None = None
    receiving_organisation: str | None = None  # its name; the region / city / district is the journal's column 14
    discharge_order: OrderRef | None = None  # the transfer order, a copy of which goes with the file
    handed_over_by: str | None = None  # position and full name
    accepted_by: str | None = None
    destination: str | None = None  # region, city, district (journal column 14)


@dataclass(frozen=True)
class CaseFile:
    organisation: Organisation | None = None
    number: str | None = None
    place: str | None = None
    recipient: Recipient | None = None
    sheets: int | None = None  # "numbered and bound", printed in digits and in words
    signed_on: date | None = None
    inventory: tuple[InventoryItem, ...] = ()
    inventory_by: str | None = None  # who drew up the inventory (position, full name)
    transfer: TransferAct | None = None
    # with ``sheets`` None: the documents' own sheets, to which the renderer adds every page it binds
    # (cover, inventory, plan, monitoring journal) to print the count
    document_sheets: int | None = None


# ---------------------------------------------------------------- Annex 4
@dataclass(frozen=True)
class Activity:
    kind: ServiceKind
    name: str | None = None  # as typed
    term: ActivityTerm | None = None
    start: date | None = None
    end: date | None = None
    specialist: str | None = None
    assigned_on: date | None = None
    name_kk: str | None = None  # picked from the catalogue: its title in each print language (else ``name``)
    name_ru: str | None = None

    def name_in(self, lang: str) -> str | None:
        return (self.name_kk if lang == "kk" else self.name_ru) or self.name


@dataclass(frozen=True)
class Approval:
    director_name: str | None = None
    approved_on: date | None = None


@dataclass(frozen=True)
class Signatory:
    role: Role
    name: str | None = None
    signed_on: date | None = None


@dataclass(frozen=True)
class Plan:
    organisation: Organisation | None = None
    recipient: Recipient | None = None
    observation_start: date | None = None
    observation_end: date | None = None
    period_start: date | None = None
    period_end: date | None = None
    activities: tuple[Activity, ...] = ()
    revision_date: date | None = None
    approval: Approval | None = None
    signatories: tuple[Signatory, ...] = ()


# ---------------------------------------------------------------- Annex 5
@dataclass(frozen=True)
class MonitoringRow:
    kind: ServiceKind
    positive: str | None = None
    no_change: str | None = None  # no change or worse, with the reason
    correction: str | None = None
    monitored_on: date | None = None
    specialist: str | None = None
    mark: ChangeMark | None = None  # column 4 says which of the two ("no change" / "worse") before the reason


@dataclass(frozen=True)
class MonitoringSession:
    """One quarterly monitoring (R-20): a row per kind of service."""

    held_on: date | None = None
    rows: tuple[MonitoringRow, ...] = ()


@dataclass(frozen=True)
class MonitoringJournal:
    organisation: Organisation | None = None
    recipient: Recipient | None = None
    plan_start: date | None = None
    plan_end: date | None = None
    observation_start: date | None = None
    observation_end: date | None = None
    sessions: tuple[MonitoringSession, ...] = ()
    signatories: tuple[Signatory, ...] = ()


# ---------------------------------------------------------------- queue and roster
@dataclass(frozen=True)
class QueueEntry:
    position: int | None = None
    full_name: str | None = None
    iin: str | None = None
    received_at: date | datetime | None = None
    reason: QueuePriority | str | None = None
    arrival_deadline: date | None = None
    status: QueueOutcome | str | None = None


@dataclass(frozen=True)
class QueueList:
    organisation: Organisation | None = None
    as_of: date | None = None
    entries: tuple[QueueEntry, ...] = ()


@dataclass(frozen=True)
class RosterEntry:
    full_name: str | None = None
    iin: str | None = None
    birth_date: date | None = None
    admission_date: date | None = None
    status: ResidentStatus | str | None = None
    room: str | None = None


@dataclass(frozen=True)
class Roster:
    organisation: Organisation | None = None
    on_date: date | None = None
    entries: tuple[RosterEntry, ...] = ()


# ---------------------------------------------------------------- personal folder
@dataclass(frozen=True)
class PersonalFolder:
    case_file: CaseFile | None = None
    plan: Plan | None = None
    monitoring: MonitoringJournal | None = None

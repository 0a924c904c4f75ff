"""The audit log in words: an entry's action and its before/after snapshots as field-by-field
differences in the user's language (field labels, enum labels, dates in the locale's form).

No Qt: the viewer dialog, the resident card's History tab, the XLSX export and the CLI all show
the same text from here (issue 10 point 7)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from app import i18n
from app.domain import enums
from app.domain.admission import AdmissionGround, GroundUnrecorded
from app.domain.checklist import MovementDocKind
from app.domain.deadlines import SETTING_LABELS, SourceKind
from app.domain.fields import FIELD_LABELS
from app.domain.staffing import INPUT_LABELS
from app.i18n import N_, Message, _

#: technical columns that say nothing to a reader
HIDDEN = frozenset({"id", "version", "search_key", "name_key", "password_hash", "session_epoch", "session_id",
                    # the person is named in a column of its own; the other ids say nothing to a reader
                    "resident_id", "queue_application_id", "case_file_id", "plan_id", "previous_id", "unit_id",
                    "staff_id"})

#: fields the audit shows that the forms' field list does not name
EXTRA_LABELS: dict[str, str] = {
    "status": N_("Status"),
    "categories": N_("Recipient categories"),  # the organisation's form says so
    "nationality": N_("Nationality"),
    "diagnosis": N_("Diagnosis"),
    "social_status": N_("Social status"),
    "came_from": N_("Came from"),
    "parents_info": N_("Parents or relatives"),
    "created_at": N_("Created"),
    "created_by": N_("Created by"),
    "seq": N_("Event number"),
    "returned": N_("Returned (readmission)"),
    "discharge_reason": N_("Discharge reason"),
    "reason_text": N_("Reason"),
    "journal_no": N_("Journal entry number"),
    "source": N_("Source"),
    "priority": N_("Priority"),
    "priority_reason": N_("Priority reason"),
    "portal_out_of_turn": N_("Out of turn on the portal"),
    "outcome": N_("Outcome"),
    "outcome_on": N_("Outcome date"),
    "offered_on": N_("Place offered on"),
    "number": N_("Number"),
    "place": N_("Place"),
    "opened_on": N_("Opened on"),
    "title": N_("Title"),
    "active": N_("Active"),
    "count": N_("People"),
    "form": N_("Form"),
    "path": N_("File"),
    "backup_taken": N_("Backup taken"),
    "before_restore": N_("The state it replaced, backed up to"),
    "rows": N_("Rows"),
    "since": N_("Since"),
    "lang": N_("Language"),
    "original_received_at": N_("First received"),
    "recertified_on": N_("Recertified on"),
    "files": N_("Files"),
    "people": N_("People"),
    "batch": N_("Batch"),
    "folder": N_("Folder"),
    "year": N_("Year"),
    "created": N_("Created"),
    "unchanged": N_("Unchanged"),
    "filters": N_("Filters"),
    "start": N_("From"),
    "end": N_("To"),
    "application": N_("Queue application"),
    "returned_on": N_("Returned for changes on"),
    "returned_by": N_("Returned for changes by"),
    # an import's entry for a person (issue 11 point 6): the events and the case file it wrote
    "movements": N_("Journal events"),
    "case_file": N_("Case file"),
    # a case file's document (the words of its dialog)
    "is_original": N_("Original"),
    "consent_on": N_("Date of the written consent"),
    "received_on": N_("Date received"),
    # a movement's proving document and its export
    "doc_kind": N_("Proving document"),
    "doc_number": N_("Document number"),
    "doc_date": N_("Document date"),
    "exported_at": N_("Exported to the portal"),
    "ground_unrecorded": N_("Ground for admission"),
    # a queue application's postponement
    "postponed_days": N_("Postponement (days)"),
    "postponement_reason": N_("Details of the notice"),
    # a plan (R-14…R-19)
    "drawn_up_on": N_("Drawn up on"),
    "completed_on": N_("Date of completion"),
    "approved_on": N_("Date of approval"),
    "approved_by": N_("Approved by"),
    "draw_up_due": N_("Draw up by"),
    "complete_due": N_("Complete by"),
    "approve_due": N_("Approve by"),
    "draw_up_step": N_("Deadline"),
    "revision_date": N_("Revision date"),
    "correction_note": N_("Correction note"),
    "version_no": N_("Version"),
    "activities": N_("Activities"),
    "signatures": N_("Signatures"),
    "signature_dates": N_("Date signed"),
    "social_worker": N_("social work specialist"),
    "psychologist": N_("psychologist"),
    "medical": N_("medical staff specialist"),
    "specialist": N_("specialist"),
    "consultant": N_("social work consultant"),
    # a monitoring (R-20…R-25) and its rows
    "monitoring_date": N_("Monitoring date"),
    "recorded_on": N_("Date of the record"),
    "recorded_late": N_("Recorded late"),
    "interim": N_("Interim entry"),
    "mark": N_("State"),
    "positive_text": N_("Positive changes"),
    "no_change_reason": N_("Reason"),
    "correction": N_("Correction"),
    # the organisation's profile (R-28: the words of its form)
    "legal_address": N_("Legal address"),
    "location": N_("Place where case files are drawn up"),
    "director_name": N_("Director"),
    "licence_number": N_("Licence number"),
    "licence_issued_on": N_("Licence issued on"),
    "licence_valid_until": N_("Licence valid until"),
    "licence_reissued_on": N_("Licence reissued on"),
    "licence_terminated_on": N_("Licence terminated on"),
    "registered_on": N_("Entered in the register on"),
    "contract_signed_on": N_("Contract signed on"),
    "contract_term": N_("Contract term"),
    "contract_valid_until": N_("Contract valid until"),
    "removal_grounds": N_("Grounds for removal from the register"),
    "deadline_settings": N_("Deadline settings"),
    **SETTING_LABELS,  # its numbers …
    "sources": N_("Basis"),  # … and the head's order or decision that set each
    "is_demo": N_("Demo data"),
    # a staff list row
    "position_no": N_("Position"),
    "note": N_("Note"),
    "notes": N_("Notes"),
    **INPUT_LABELS,  # the staffing profile's counts
}

#: the records an entry holds inside one of its fields: the table each is a row of (its labels and lists)
NESTED_ENTITY: dict[str, str] = {"movements": "movement", "case_file": "case_file", "rows": "monitoring_row",
                                  "activities": "plan_activity", "sources": "rule_source"}

#: the same name meaning another thing in another table
LABEL_BY_ENTITY: dict[tuple[str, str], str] = {
    ("movement", "kind"): N_("Event"),
    ("case_document", "kind"): N_("Document"),
    ("rule_source", "kind"): N_("Document"),
}

#: the closed lists whose codes an entry stores, by field name
ENUM_FIELDS: dict[str, type[enums.LabelledEnum]] = {
    "sex": enums.Sex,
    "status": enums.ResidentStatus,
    "discharge_reason": enums.DischargeReason,
    "source": enums.QueueSource,
    "priority": enums.QueuePriority,
    "outcome": enums.QueueOutcome,
    "direct_ground": enums.DirectAdmissionGround,
    "out_of_turn_ground": enums.OutOfTurnGround,
    "notice_from": enums.NoticeSender,
    "postponement_cause": enums.PostponementCause,
    "role": enums.Role,
    "org_type": enums.OrgType,
    "term": enums.ActivityTerm,
    "category": enums.RecipientCategory,
    "categories": enums.RecipientCategory,  # the organisation's: a list of them
    "admission_ground": AdmissionGround,
    "ground_unrecorded": GroundUnrecorded,
    "doc_kind": MovementDocKind,
    "mark": enums.ChangeMark,
    "draw_up_step": enums.DeadlineKind,
}
#: the same name meaning another list in another table
ENUM_BY_ENTITY: dict[tuple[str, str], type[enums.LabelledEnum]] = {
    ("movement", "kind"): enums.MovementKind,
    ("plan", "status"): enums.PlanStatus,
    ("case_document", "kind"): enums.DocumentKind,
    ("plan_activity", "kind"): enums.ServiceKind,
    ("monitoring_row", "kind"): enums.ServiceKind,
    ("rule_source", "kind"): SourceKind,
}

#: actions in words; an action not listed is shown by its code
ACTION_LABELS: dict[str, str] = {
    "resident.read": N_("Opened the person's card"),
    "resident.create": N_("Registered a person"),
    "resident.update": N_("Changed a person's details"),
    "resident.import": N_("Imported a person"),
    "resident.status": N_("Status changed"),
    "resident.unit": N_("Placed in a unit"),
    "queue.import": N_("Imported queue applications"),
    "journal.import": N_("Imported journal events"),
    "queue.register": N_("Registered a queue application"),
    "queue.offer": N_("Offered a place"),
    "queue.admitted": N_("Admitted from the queue"),
    "queue.withdraw": N_("Withdrew a queue application"),
    "queue.postpone": N_("Postponed arrival"),
    "queue.no_show": N_("Did not arrive"),
    "queue.out_of_turn": N_("Out-of-turn ground recorded"),
    "queue.out_of_turn_unchecked": N_("Unchecked out of turn withdrawn"),
    "queue.portal_number_as_seen": N_("Portal application number stored without invisible characters"),
    "queue.recertified": N_("Recertification recorded"),
    "plan.superseded": N_("Plan replaced by its correction"),
    "casefile.update": N_("Changed the case file"),
    "staff.add": N_("Added a staff member"),
    "staff.update": N_("Changed a staff member"),
    "unit.add": N_("Added a unit"),
    "unit.update": N_("Changed a unit"),
    "unit.remove": N_("Removed a unit"),
    "staffing.profile": N_("Changed the staffing profile"),
    "staffing.row.add": N_("Added a staff list row"),
    "staffing.row.update": N_("Changed a staff list row"),
    "staffing.row.remove": N_("Removed a staff list row"),
    "organisation.register": N_("Registered the organisation"),
    "organisation.deadline_rules": N_("Changed the deadline settings"),
    "calendar.override": N_("Changed the work calendar"),
    "catalog.add": N_("Added an activity to the catalogue"),
    "user.password_change": N_("Changed own password"),
    "movement.admission": N_("Admission"),
    "movement.temporary_departure": N_("Temporary departure"),
    "movement.return": N_("Return"),
    "movement.discharge": N_("Discharge"),
    "movement.transfer": N_("Transfer"),
    "movement.correct": N_("Corrected a journal entry"),
    "casefile.open": N_("Opened a case file"),
    "casefile.document": N_("Added a document to the case file"),
    "plan.create": N_("Drew up a plan"),
    "plan.update": N_("Changed a plan"),
    "plan.complete": N_("Completed a plan"),
    "plan.approve": N_("Approved a plan"),
    "plan.return": N_("Returned a plan for changes"),
    "plan.correct": N_("Corrected a plan"),
    "monitoring.record": N_("Recorded a monitoring"),
    "user.create": N_("Created a user account"),
    "user.update": N_("Changed a user account"),
    "user.password_reset": N_("Reset a password"),
    "organisation.update": N_("Changed the organisation profile"),
    "export.journal": N_("Exported the journal"),
    "portal.export": N_("Exported the journal"),  # the name before issue 10 point 7 (entries stay as written)
    "export.audit": N_("Exported the audit log"),
    "print.journal": N_("Printed the journal"),
    "print.casefile": N_("Printed the case file"),
    "print.plan": N_("Printed the individual plan"),
    "print.monitoring": N_("Printed the monitoring journal"),
    "print.folder": N_("Printed the personal folder"),
    "backup.restore": N_("Restored a backup"),
    "print.queue": N_("Printed the queue list"),
    "print.roster": N_("Printed the roster"),
    "print.staffing": N_("Printed the staffing comparison"),
    "print.batch": N_("Batch printing"),
}

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$")


@dataclass(frozen=True)
class FieldChange:
    """One field of an entry: its label and the value before and after, as text ("" = empty)."""

    field: str
    label: str
    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new


def action_label(action: str, lang: str | None = None) -> str:
    msgid = ACTION_LABELS.get(action)
    if msgid is None and action.startswith("print.batch"):
        msgid = ACTION_LABELS["print.batch"]
    return i18n._(msgid, lang) if msgid else action


def label(field: str, lang: str | None = None, entity: str = "") -> str:
    msgid = LABEL_BY_ENTITY.get((entity, field)) or FIELD_LABELS.get(field) or EXTRA_LABELS.get(field)
    return i18n._(msgid, lang) if msgid else field


def value_text(field: str, value: Any, lang: str | None = None, entity: str = "") -> str:
    """A stored value as the reader knows it: an enum by its label, a date in the locale's form."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return i18n._("yes", lang) if value else i18n._("no", lang)
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, (list, tuple)):
        return (" | " if any(isinstance(v, dict) for v in value) else ", ").join(
            value_text(field, v, lang, entity) for v in value)
    if isinstance(value, dict):
        inner = NESTED_ENTITY.get(field, entity)
        return "; ".join(f"{label(k, lang, inner)}: {value_text(k, v, lang, inner)}" for k, v in value.items()
                         if k not in HIDDEN)
    if isinstance(value, str):
        kind = ENUM_BY_ENTITY.get((entity, field)) or ENUM_FIELDS.get(field)
        if kind is not None:
            try:
                return kind(value).text(lang)
            except ValueError:
                return value
        if _ISO_DATE.match(value):
            return i18n.fdate(dt.date.fromisoformat(value), lang)
        if _ISO_MOMENT.match(value):
            return i18n.fdatetime(dt.datetime.fromisoformat(value), lang)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def differences(before: dict | None, after: dict | None, lang: str | None = None, entity: str = "",
                only_changed: bool = True) -> list[FieldChange]:
    """Field by field, in the order the snapshots list them: what the entry changed (a new record:
    every filled field with an empty "before"; a removal: every field with an empty "after")."""
    before, after = before or {}, after or {}
    keys = list(before) + [k for k in after if k not in before]
    out = []
    for key in keys:
        if key in HIDDEN:
            continue
        old, new = value_text(key, before.get(key), lang, entity), value_text(key, after.get(key), lang, entity)
        if only_changed and old == new:
            continue
        out.append(FieldChange(key, label(key, lang, entity), old, new))
    return out


def summary(before: dict | None, after: dict | None, lang: str | None = None, entity: str = "",
            limit: int = 4) -> str:
    """One line for a table cell: "Field: old → new; …" (the first few fields)."""
    changes = differences(before, after, lang, entity)
    parts = [f"{c.label}: {c.old} → {c.new}" if c.old else f"{c.label}: {c.new}" for c in changes[:limit]]
    if len(changes) > limit:
        parts.append(_("… and {n} more", lang).format(n=len(changes) - limit))
    return "; ".join(parts)

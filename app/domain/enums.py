"""Closed lists of the domain. Code values are English; labels go through the catalogs."""

from __future__ import annotations

import enum
from typing import Self

from app.i18n import N_, Message


class LabelledEnum(str, enum.Enum):
    """A string enum whose members carry a translatable label."""

    msgid: str  # the label's msgid, set on each member (not a member itself)

    # the label is given where the members are defined; a look-up by code (``Sex("f")``) passes the value only
    def __new__(cls, value: object, label: str = "") -> Self:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.msgid = label
        return obj

    @property
    def label(self) -> Message:
        return Message(self.msgid)

    def text(self, lang: str | None = None) -> str:
        return self.label.render(lang)


class OrgType(LabelledEnum):
    """Service condition of the organisation (R-28; GLOSSARY)."""

    STATIONARY = "stationary", N_("stationary organisation")
    SEMI_STATIONARY = "semi_stationary", N_("semi-stationary organisation")
    HOME_CARE = "home_care", N_("home care organisation")
    TEMPORARY_STAY = "temporary_stay", N_("temporary stay organisation")


class ServiceKind(LabelledEnum):
    """The eight kinds of special social services, in the order of the forms (R-16)."""

    SOCIAL_HOUSEHOLD = "social_household", N_("social-household")
    SOCIAL_MEDICAL = "social_medical", N_("social-medical")
    SOCIAL_PSYCHOLOGICAL = "social_psychological", N_("social-psychological")
    SOCIAL_PEDAGOGICAL = "social_pedagogical", N_("social-pedagogical")
    SOCIAL_LABOUR = "social_labour", N_("social-labour")
    SOCIAL_CULTURAL = "social_cultural", N_("social-cultural")
    SOCIAL_ECONOMIC = "social_economic", N_("social-economic")
    SOCIAL_LEGAL = "social_legal", N_("social-legal")


class MovementKind(LabelledEnum):
    """Events of the electronic journal (R-01, R-02)."""

    ADMISSION = "admission", N_("admission")
    TEMPORARY_DEPARTURE = "temporary_departure", N_("temporary departure")
    RETURN = "return", N_("return")
    DISCHARGE = "discharge", N_("discharge")
    TRANSFER = "transfer", N_("transfer")


class ResidentStatus(LabelledEnum):
    """The person's state in the journal (FORMS.md Annex 2, column 2)."""

    IN_QUEUE = "in_queue", N_("in the queue")
    PRESENT = "present", N_("receiving services")
    TEMPORARILY_ABSENT = "temporarily_absent", N_("temporarily absent")
    DISCHARGED = "discharged", N_("discharged")
    TRANSFERRED = "transferred", N_("transferred")

    def text_for(self, sex: Sex | None, lang: str | None = None) -> str:
        """The status said of a person of ``sex``: Russian agrees with a woman ("выбыла", "переведена"); the
        catalogs give her forms under the context :data:`FEMALE` (Kazakh has no gender: the same words)."""
        if sex == Sex.FEMALE:
            return Message(self.msgid, context=FEMALE).render(lang)
        return self.text(lang)


#: the pgettext context of a word said of a woman (Russian agrees in gender)
FEMALE = "female"


class ActivityTerm(LabelledEnum):
    """Term of implementation of a plan activity (R-17)."""

    WEEK = "week", N_("week")
    MONTH = "month", N_("month")
    QUARTER = "quarter", N_("quarter")


class RecipientCategory(LabelledEnum):
    """Recipient categories (R-26)."""

    CHILD_PSYCHONEURO = "child_psychoneuro", N_("child with disability, psychoneurological pathology")
    CHILD_MUSCULOSKELETAL = "child_musculoskeletal", N_("child with disability, musculoskeletal disorders")
    ADULT_PSYCHONEURO = "adult_psychoneuro", N_("person with disability over 18, psychoneurological disease")
    DISABLED_GROUP_1_2 = "disabled_group_1_2", N_("person with disability of group 1 or 2")
    ELDERLY = "elderly", N_("elderly person unable to care for themselves")
    NO_FIXED_ABODE = "no_fixed_abode", N_("person with no fixed abode")
    RELEASED_PRISONER = "released_prisoner", N_("person released from deprivation of liberty or on probation")
    DOMESTIC_VIOLENCE = "domestic_violence", N_("victim of domestic violence")
    TRAFFICKING = "trafficking", N_("victim of human trafficking")


class DischargeReason(LabelledEnum):
    """Reasons for discharge (R-01: discharge, including expulsion)."""

    OWN_REQUEST = "own_request", N_("at own request or the representative's")
    TO_FAMILY = "to_family", N_("taken home by relatives")
    DEATH = "death", N_("death")
    EXPULSION = "expulsion", N_("expulsion for breaking the internal rules")
    CONTRAINDICATION = "contraindication", N_("medical contraindication")
    OTHER = "other", N_("other reason")


class Sex(LabelledEnum):
    MALE = "male", N_("male")
    FEMALE = "female", N_("female")


class QueuePriority(LabelledEnum):
    """Why an application stands where it stands (R-03, R-06)."""

    ORDINARY = "ordinary", N_("in order of arrival")
    OUT_OF_TURN = "out_of_turn", N_("out of turn")


class QueueOutcome(LabelledEnum):
    WAITING = "waiting", N_("waiting")
    OFFERED = "offered", N_("place offered")
    ADMITTED = "admitted", N_("admitted")
    NO_SHOW = "no_show", N_("did not arrive")
    WITHDRAWN = "withdrawn", N_("withdrawn")


class QueueSource(LabelledEnum):
    PAPER = "paper", N_("paper application")
    PORTAL = "portal", N_("portal application")


class DirectAdmissionGround(LabelledEnum):
    """R-03: the ground for admitting a person directly while others wait in the queue for a vacancy."""

    TRANSFER = "transfer", N_("transfer from another organisation of the same type")
    COURT = "court", N_("court decision")
    PORTAL = "portal", N_("admission sent directly by the portal")
    OTHER = "other", N_("other ground")


class OutOfTurnGround(LabelledEnum):
    """R-06: who is admitted out of turn (having turned 18 in a stationary children's organisation)."""

    ORPHAN = "orphan", N_("orphan")
    NO_PARENTAL_CARE = "no_parental_care", N_("child left without parental care")


class NoticeSender(LabelledEnum):
    """R-07: who signed the notice that the person cannot arrive by the set date."""

    RECIPIENT = "recipient", N_("the recipient")
    LEGAL_REPRESENTATIVE = "legal_representative", N_("the legal representative")


class PostponementCause(LabelledEnum):
    """R-07: why the person cannot physically arrive by the set date."""

    ILLNESS = "illness", N_("illness")
    HOSPITALISATION = "hospitalisation", N_("hospitalisation")


class PlanStatus(LabelledEnum):
    DRAFT = "draft", N_("draft")
    COMPLETED = "completed", N_("completed")
    APPROVED = "approved", N_("approved")
    SUPERSEDED = "superseded", N_("superseded by a correction")


class ChangeMark(LabelledEnum):
    """The state mark of a monitoring row (R-22, R-25)."""

    POSITIVE = "positive", N_("positive changes")
    NO_CHANGE = "no_change", N_("no change")
    WORSE = "worse", N_("worse")


class Role(LabelledEnum):
    DIRECTOR = "director", N_("director")
    SOCIAL_WORKER = "social_worker", N_("social work specialist")
    PSYCHOLOGIST = "psychologist", N_("psychologist")
    MEDICAL = "medical", N_("medical staff specialist")
    SPECIALIST = "specialist", N_("specialist")
    CONSULTANT = "consultant", N_("social work consultant")
    ADMIN = "admin", N_("administrator")
    AUDITOR = "auditor", N_("auditor (read only)")  # issue 10 point 5: reads everything, changes nothing


class DocumentKind(LabelledEnum):
    """Admission documents of the case file (R-11)."""

    IDENTITY = "identity", N_("identity document")
    DISABILITY_CERTIFICATE = "disability_certificate", N_("disability certificate")
    PENSION_CERTIFICATE = "pension_certificate", N_("pension certificate")
    IPR_EXTRACT = "ipr_extract", N_("extract from the individual rehabilitation programme")
    STATUS_DOCUMENT = "status_document", N_("document confirming veteran or family status")
    PENSION_BOOK = "pension_book", N_("personal book for pension or allowance")
    MEDICAL_RECORD = "medical_record", N_("medical record")
    DISCHARGE_ORDER = "discharge_order", N_("copy of the discharge order")
    RESOCIALISATION_AGREEMENT = "resocialisation", N_("resocialisation agreement")  # R-35, temporary stay
    OTHER = "other", N_("other document")

    @property
    def original_kept_with_consent(self) -> bool:
        """R-11: these originals are kept by the administration with written consent."""
        return self in _ORIGINALS_KEPT


_ORIGINALS_KEPT = {
    DocumentKind.IDENTITY, DocumentKind.DISABILITY_CERTIFICATE, DocumentKind.PENSION_CERTIFICATE,
    DocumentKind.STATUS_DOCUMENT, DocumentKind.PENSION_BOOK,
}


class DeadlineKind(LabelledEnum):
    PLAN_DRAW_UP = "plan_draw_up", N_("draw up the individual plan")
    PLAN_COMPLETE = "plan_complete", N_("complete the individual plan")
    PLAN_APPROVE = "plan_approve", N_("approve the individual plan")
    PLAN_RENEW = "plan_renew", N_("draw up the next individual plan")
    PLAN_END = "plan_end", N_("the individual plan's period ends")
    MONITORING = "monitoring", N_("quarterly monitoring")
    MONITORING_RECORD = "monitoring_record", N_("record the monitoring in the journal")
    ARRIVAL = "arrival", N_("record the no-show")  # the rule is shown in its own column
    ARRIVAL_DATE = "arrival_date", N_("arrival of the person offered a place")
    IPR_EXPIRY = "ipr_expiry", N_("the IPR expires: re-certification")
    DOCUMENTS = "documents", N_("admission documents missing from the case file")
    LICENCE_EXPIRY = "licence_expiry", N_("the organisation's licence expires")
    CONTRACT_EXPIRY = "contract_expiry", N_("the service contract expires")

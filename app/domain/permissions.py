"""Who may do what (issue 10 point 5): one table of role × use case, checked by every service at the start
of the use case's transaction, and read by the GUI to disable what the signed-in role may not do.

The roles follow the plan's signature block (R-18: the social work specialist, the psychologist, the medical
staff specialist, a specialist, the social work consultant; the head approves, R-15) and GLOSSARY.md (the head
approves plans and signs orders; the social work specialist keeps plans and monitoring). Two roles have no
place in the acts and are the program's own: the administrator (accounts, settings, backups — never
approvals nor anything about a person) and the auditor, who reads everything and changes nothing.

The specialists who sign the plan draw up and monitor the activities of their own kinds of service (R-14,
R-16, R-19, R-20): the medical staff the social-medical kind, the psychologist the social-psychological kind,
"a specialist" (pedagogue, labour instructor, cultural organiser) the social-pedagogical, social-labour and
social-cultural kinds, the social work consultant of a home-care organisation the social-household,
social-economic and social-legal kinds. The social work specialist and the director cover all eight.

An actor without an account (``user_id`` None: the first run, the demo builder, the command line run by whoever
sits at the computer) is the program itself: it has no role to check; the table governs signed-in accounts.
"""

from __future__ import annotations

from typing import Self

from app.domain.enums import DocumentKind, LabelledEnum, Role, ServiceKind
from app.domain.errors import PermissionDenied
from app.i18n import N_, M, Message


class UseCase(LabelledEnum):
    """Every use case a role may be kept out of. The label names the action ("approve a plan"); ``writes`` is
    False for the use cases that only read (they are listed because some roles are kept out, or to say
    that all may); ``own`` marks what a user does to their own account only."""

    writes: bool
    own: bool

    def __new__(cls, value: object, label: str = "", writes: bool = True, own: bool = False) -> Self:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.msgid = label
        obj.writes = writes
        obj.own = own
        return obj

    # the queue (R-03…R-08)
    QUEUE_REGISTER = "queue.register", N_("register an application in the queue")
    QUEUE_OUT_OF_TURN = "queue.out_of_turn", N_("grant an out-of-turn place in the queue")
    QUEUE_RECERTIFY = "queue.recertify", N_("record a recertification of disability")
    QUEUE_OFFER = "queue.offer", N_("offer a place to the next in the queue")
    QUEUE_POSTPONE = "queue.postpone", N_("postpone a person's arrival")
    QUEUE_NO_SHOW = "queue.no_show", N_("record that a person did not arrive")
    QUEUE_WITHDRAW = "queue.withdraw", N_("withdraw an application from the queue")
    # movements
    ADMIT = "movement.admit", N_("admit a person")
    DEPART = "movement.depart", N_("record a temporary departure")
    RETURN = "movement.return", N_("record a return")
    DISCHARGE = "movement.discharge", N_("discharge a person")
    TRANSFER = "movement.transfer", N_("transfer a person to another organisation")
    READMIT = "movement.readmit", N_("admit a person again")
    UNIT_PLACE = "unit.place", N_("place a resident in a unit")
    JOURNAL_CORRECT = "movement.correct", N_("correct a typo in a journal entry")
    MOVEMENT_DOCUMENT = "movement.document", N_("record the document of a departure, discharge or transfer")
    # the person's card and the case file (R-09…R-13)
    PERSON_EDIT = "person.edit", N_("edit a person's card")
    PERSON_EDIT_MEDICAL = "person.edit_medical", N_("edit a person's medical fields")
    CASEFILE_OPEN = "casefile.open", N_("open a case file")
    DOCUMENT_ADD = "casefile.document", N_("add a document to a case file")
    DOCUMENT_ADD_MEDICAL = "casefile.document_medical", N_("add a medical document to a case file")
    # individual plans and monitoring (R-14…R-25)
    PLAN_CREATE = "plan.create", N_("draw up an individual plan")
    PLAN_EDIT = "plan.edit", N_("edit a draft plan")
    PLAN_EDIT_OWN_KIND = "plan.edit_own_kind", N_("edit the activities of one's own kind of service in a draft plan")
    PLAN_COMPLETE = "plan.complete", N_("mark a plan completed")
    PLAN_APPROVE = "plan.approve", N_("approve a plan")
    PLAN_RETURN = "plan.return", N_("return a plan for changes")
    PLAN_CORRECT = "plan.correct", N_("correct an approved plan")
    CATALOG_ADD = "plan.catalog_add", N_("add an activity to the catalogue")
    MONITORING_RECORD = "monitoring.record", N_("record a monitoring")
    # exchange with the portal
    PORTAL_IMPORT = "exchange.import", N_("import from the portal")
    REGISTER_IMPORT = "exchange.register", N_("import an existing register")
    PORTAL_EXPORT = "exchange.export", N_("export the journal to the portal")
    # the organisation and its settings
    ORG_REGISTER = "organisation.register", N_("register the organisation")
    ORG_EDIT = "organisation.edit", N_("edit the organisation profile")
    DEADLINE_RULES = "organisation.deadlines", N_("change the deadline settings")
    CALENDAR_EDIT = "organisation.calendar", N_("change the working-day calendar")
    UNIT_EDIT = "unit.edit", N_("add, change or remove a unit")
    STAFF_EDIT = "staff.edit", N_("edit the staff list")
    STAFFING_EDIT = "staffing.edit", N_("edit the staffing profile and the staff positions")
    # the inspector's checklist (Joint Order 401/69) and the reconciliation with the portal
    CHECKLIST_ANSWER = "checklist.answer", N_("answer an item of the checklist")
    RECONCILIATION_SAVE = "exchange.reconcile", N_("compare the roster with the portal's")
    # accounts and backups
    ACCOUNT_CREATE = "account.create", N_("add a user account")
    ACCOUNT_EDIT = "account.edit", N_("edit a user account")
    PASSWORD_RESET = "account.reset", N_("reset another user's password")
    PASSWORD_CHANGE_OWN = "account.own_password", N_("change one's own password"), True, True
    BACKUP_MAKE = "backup.make", N_("make a backup")
    BACKUP_RESTORE = "backup.restore", N_("restore a backup")
    # reading
    AUDIT_READ = "audit.read", N_("read and export the audit log"), False
    PRINT = "print", N_("print and view the forms"), False


D, SW, PS, MD, SP, CO, AD, AU = (Role.DIRECTOR, Role.SOCIAL_WORKER, Role.PSYCHOLOGIST, Role.MEDICAL, Role.SPECIALIST,
                                 Role.CONSULTANT, Role.ADMIN, Role.AUDITOR)
_SOCIAL = frozenset({D, SW})
_KIND_ROLES = frozenset({D, SW, PS, MD, SP, CO})
_MANAGERS = frozenset({D, AD})

#: The table. A use case not in it is a programming error (tests/domain/test_permissions.py checks).
ALLOWED: dict[UseCase, frozenset[Role]] = {
    UseCase.QUEUE_REGISTER: _SOCIAL,
    UseCase.QUEUE_OUT_OF_TURN: _SOCIAL,
    UseCase.QUEUE_RECERTIFY: _SOCIAL,
    UseCase.QUEUE_OFFER: _SOCIAL,
    UseCase.QUEUE_POSTPONE: _SOCIAL,
    UseCase.QUEUE_NO_SHOW: _SOCIAL,
    UseCase.QUEUE_WITHDRAW: _SOCIAL,
    UseCase.ADMIT: _SOCIAL,
    UseCase.DEPART: _SOCIAL,
    UseCase.RETURN: _SOCIAL,
    UseCase.DISCHARGE: _SOCIAL,
    UseCase.TRANSFER: _SOCIAL,
    UseCase.READMIT: _SOCIAL,
    UseCase.UNIT_PLACE: _SOCIAL,
    UseCase.JOURNAL_CORRECT: _SOCIAL,
    UseCase.MOVEMENT_DOCUMENT: _SOCIAL,
    UseCase.PERSON_EDIT: _SOCIAL,
    UseCase.PERSON_EDIT_MEDICAL: frozenset({D, SW, MD}),
    UseCase.CASEFILE_OPEN: _SOCIAL,
    UseCase.DOCUMENT_ADD: _SOCIAL,
    UseCase.DOCUMENT_ADD_MEDICAL: frozenset({D, SW, MD}),
    UseCase.PLAN_CREATE: _SOCIAL,
    UseCase.PLAN_EDIT: _SOCIAL,
    UseCase.PLAN_EDIT_OWN_KIND: _KIND_ROLES,
    UseCase.PLAN_COMPLETE: _SOCIAL,
    UseCase.PLAN_APPROVE: frozenset({D}),
    UseCase.PLAN_RETURN: frozenset({D}),
    UseCase.PLAN_CORRECT: _SOCIAL,
    UseCase.CATALOG_ADD: _KIND_ROLES,
    UseCase.MONITORING_RECORD: _KIND_ROLES,
    UseCase.PORTAL_IMPORT: _SOCIAL,
    UseCase.REGISTER_IMPORT: _SOCIAL,
    UseCase.PORTAL_EXPORT: _SOCIAL,
    UseCase.ORG_REGISTER: _MANAGERS,
    UseCase.ORG_EDIT: _MANAGERS,
    UseCase.DEADLINE_RULES: _MANAGERS,
    UseCase.CALENDAR_EDIT: _MANAGERS,
    UseCase.UNIT_EDIT: _MANAGERS,
    UseCase.STAFF_EDIT: _MANAGERS,
    UseCase.STAFFING_EDIT: _MANAGERS,
    UseCase.CHECKLIST_ANSWER: _SOCIAL,
    UseCase.RECONCILIATION_SAVE: _SOCIAL,
    UseCase.ACCOUNT_CREATE: _MANAGERS,
    UseCase.ACCOUNT_EDIT: _MANAGERS,
    UseCase.PASSWORD_RESET: _MANAGERS,
    UseCase.PASSWORD_CHANGE_OWN: frozenset(Role),
    UseCase.BACKUP_MAKE: _MANAGERS,
    UseCase.BACKUP_RESTORE: _MANAGERS,
    UseCase.AUDIT_READ: frozenset({D, AD, AU}),
    UseCase.PRINT: frozenset(Role),
}

#: R-16, R-18: the kinds of service whose activities (and monitoring rows) each role draws up.
KINDS: dict[Role, frozenset[ServiceKind]] = {
    D: frozenset(ServiceKind),
    SW: frozenset(ServiceKind),
    MD: frozenset({ServiceKind.SOCIAL_MEDICAL}),
    PS: frozenset({ServiceKind.SOCIAL_PSYCHOLOGICAL}),
    SP: frozenset({ServiceKind.SOCIAL_PEDAGOGICAL, ServiceKind.SOCIAL_LABOUR, ServiceKind.SOCIAL_CULTURAL}),
    CO: frozenset({ServiceKind.SOCIAL_HOUSEHOLD, ServiceKind.SOCIAL_ECONOMIC, ServiceKind.SOCIAL_LEGAL}),
}

#: The plan's signature (R-18) each role may put or change in a draft it may only partly edit.
SIGNATURE_OF: dict[Role, str] = {SW: "social_worker", PS: "psychologist", MD: "medical", SP: "specialist",
                                 CO: "consultant"}

#: The person's fields the medical staff keep (PERSON_EDIT_MEDICAL).
MEDICAL_FIELDS = ("diagnosis", "disability_group", "ipr_until")

#: The admission documents of the case file (R-11) the medical staff file (DOCUMENT_ADD_MEDICAL).
MEDICAL_DOCUMENTS = frozenset({DocumentKind.MEDICAL_RECORD, DocumentKind.DISABILITY_CERTIFICATE,
                               DocumentKind.IPR_EXTRACT})


class Forbidden(PermissionDenied):
    """The signed-in role may not do this use case; the message names who may."""


def may(role: Role, use_case: UseCase) -> bool:
    return role in ALLOWED[use_case]


def who_may(use_case: UseCase) -> tuple[Role, ...]:
    """The roles that may, in the order of :class:`Role`."""
    return tuple(r for r in Role if r in ALLOWED[use_case])


def kinds_of(role: Role) -> frozenset[ServiceKind]:
    return KINDS.get(role, frozenset())


def join(items: list[str], lang: str | None = None) -> str:
    """"A, B and C" in the language shown."""
    if len(items) < 2:
        return "".join(items)
    return M("{first} and {last}", first=", ".join(items[:-1]), last=items[-1]).render(lang)


class RoleList(Message):
    """The roles, joined the way the language joins a list ("A, B and C"), rendered when shown."""

    def __init__(self, roles: tuple[Role, ...]) -> None:
        super().__init__("{roles}", {"roles": roles})

    def render(self, lang: str | None = None) -> str:
        return join([r.text(lang) for r in self.params["roles"]], lang)


def forbidden(use_case: UseCase, roles: tuple[Role, ...] | None = None) -> Forbidden:
    return Forbidden(M("Only {roles} may {action}. Ask one of them, or sign in as one.",
                       roles=RoleList(roles or who_may(use_case)), action=use_case.label), None)


def require(role: Role, use_case: UseCase) -> None:
    if not may(role, use_case):
        raise forbidden(use_case)


def require_kinds(role: Role, kinds, use_case: UseCase) -> None:
    """``role`` may ``use_case`` for every kind of service in ``kinds`` (R-16: each specialist their own)."""
    require(role, use_case)
    outside = sorted({ServiceKind(k) for k in kinds} - kinds_of(role), key=list(ServiceKind).index)
    if outside:
        holders = tuple(r for r in Role if r in ALLOWED[use_case] and set(outside) <= kinds_of(r))
        raise Forbidden(M("The «{kind}» kind of service is kept by {roles}; you may change only {own}.",
                          kind=outside[0].label, roles=RoleList(holders),
                          own=KindList(tuple(sorted(kinds_of(role), key=list(ServiceKind).index)))), None)


class KindList(Message):
    def __init__(self, kinds: tuple[ServiceKind, ...]) -> None:
        super().__init__("{kinds}", {"kinds": kinds})

    def render(self, lang: str | None = None) -> str:
        return join([f"«{k.text(lang)}»" for k in self.params["kinds"]], lang)


def tooltip(*use_cases: UseCase) -> Message:
    """The text beside a disabled action: who may do it (any of ``use_cases``)."""
    roles = tuple(r for r in Role if any(r in ALLOWED[u] for u in use_cases))
    return M("Only {roles} may do this.", roles=RoleList(roles))


def table_markdown(lang: str) -> str:
    """The table as docs/roles.md prints it in ``lang`` (tests/domain/test_permissions.py keeps them equal)."""
    from app.i18n import _

    roles = list(Role)
    lines = ["| " + " | ".join([_("Action", lang), *(r.text(lang) for r in roles)]) + " |",
             "|" + "---|" * (len(roles) + 1)]
    for u in UseCase:
        marks = ["✓" if may(r, u) else "—" for r in roles]
        lines.append("| " + " | ".join([u.label.render(lang), *marks]) + " |")
    lines += ["", "| " + _("Role", lang) + " | " + _("Kinds of service whose activities and monitoring they keep",
                                                    lang) + " |", "|---|---|"]
    for r, kinds in KINDS.items():
        lines.append(f"| {r.text(lang)} | " + ", ".join(k.text(lang) for k in sorted(kinds, key=list(ServiceKind).index))
                     + " |")
    return "\n".join(lines) + "\n"

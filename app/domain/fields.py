"""Translatable names of the fields a user fills, for messages that name the field at fault."""

from __future__ import annotations

from app.i18n import Message, N_

FIELD_LABELS: dict[str, str] = {
    "iin": N_("IIN"),
    "bin": N_("BIN"),
    "last_name": N_("Last name"),
    "first_name": N_("First name"),
    "middle_name": N_("Patronymic"),
    "birth_date": N_("Date of birth"),
    "sex": N_("Sex"),
    "iin_missing_reason": N_("Reason the IIN is missing"),
    "order_number": N_("Order number"),
    "order_date": N_("Order date"),
    "event_date": N_("Date"),
    "reason": N_("Reason"),
    "destination": N_("Destination (region, city, district)"),
    "capacity": N_("Capacity"),
    "name_kk": N_("Official name in Kazakh"),
    "name_ru": N_("Official name in Russian"),
    "org_type": N_("Service condition"),
    "director": N_("Director"),
    "full_name": N_("Full name"),
    "position": N_("Position"),
    "fte": N_("Staff units"),
    "username": N_("User name"),
    "password": N_("Password"),
    "received_at": N_("Received"),
    "portal_number": N_("Portal application number"),
    "arrival_deadline": N_("Arrival deadline"),
    "postpone_days": N_("Postponement (days)"),
    "postpone_reason": N_("Postponement reason"),
    "ipr_until": N_("IPR valid until"),
    "plan_period": N_("Plan period"),
    "period_start": N_("Period start"),
    "period_end": N_("Period end"),
    "observation_start": N_("Observation start"),
    "observation_end": N_("Observation end"),
    "activity": N_("Activity"),
    "activity_start": N_("Activity start"),
    "activity_end": N_("Activity end"),
    "term": N_("Term"),
    "specialist": N_("Specialist"),
    "assigned_on": N_("Assignment date"),
    "monitoring_date": N_("Monitoring date"),
    "kind": N_("Kind of service"),
    "document": N_("Document"),
    "consent_date": N_("Consent date"),
    "sheets": N_("Sheets"),
    "version": N_("Version"),
    "date": N_("Date"),
    "room": N_("Room"),
    "disability_group": N_("Disability group"),
    "address": N_("Home address"),
    "phone": N_("Phone number"),
    "email": N_("E-mail"),
}


def field_label(field: str) -> Message:
    return Message(FIELD_LABELS.get(field, field))

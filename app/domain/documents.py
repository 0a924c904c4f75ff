"""The admission documents a personal case file must hold, by recipient category (R-11).

Only what the product can judge from its own data: the identity document for everyone; the
disability certificate and the IPR extract for a person with disabilities; the pension
certificate for an elderly person, and the IPR extract for them only if they have an IPR
("қарттар үшін абилитациялау мен оңалтудың жеке бағдарламасы бар болса", 003 item 11 2)).
The veteran / fallen serviceman's family status document is not asked for: the product keeps
no field saying a person has that status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from app.domain.enums import DocumentKind, RecipientCategory

# R-26 categories whose members are persons (children) with disabilities
_DISABLED = {RecipientCategory.CHILD_PSYCHONEURO, RecipientCategory.CHILD_MUSCULOSKELETAL,
             RecipientCategory.ADULT_PSYCHONEURO, RecipientCategory.DISABLED_GROUP_1_2}


def _category(value: RecipientCategory | str | None) -> RecipientCategory | None:
    if value is None or isinstance(value, RecipientCategory):
        return value
    try:
        return RecipientCategory(value)
    except ValueError:
        return None


def required_documents(category: RecipientCategory | str | None, disability_group: int | None = None,
                       ipr_until: dt.date | None = None) -> tuple[DocumentKind, ...]:
    """R-11: the admission documents of a person of ``category``, in the order the seed lists them."""
    cat = _category(category)
    disabled = cat in _DISABLED or disability_group is not None
    out = [DocumentKind.IDENTITY]
    if disabled:
        out.append(DocumentKind.DISABILITY_CERTIFICATE)
    if cat == RecipientCategory.ELDERLY:
        out.append(DocumentKind.PENSION_CERTIFICATE)
    if disabled or (cat == RecipientCategory.ELDERLY and ipr_until is not None):
        out.append(DocumentKind.IPR_EXTRACT)
    return tuple(out)


def missing_documents(category: RecipientCategory | str | None, present: Iterable[DocumentKind],
                      disability_group: int | None = None,
                      ipr_until: dt.date | None = None) -> tuple[DocumentKind, ...]:
    """R-11: the required admission documents not (yet) in the case file."""
    have = set(present)
    return tuple(k for k in required_documents(category, disability_group, ipr_until) if k not in have)

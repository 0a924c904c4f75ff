"""R-11: the admission documents of the case file by recipient category (003 item 11 2)).

Expected lists from the seed's words: "жеке басты куәландыратын құжат" for everyone; "мүгедектік
туралы анықтама" and the "абилитациялау мен оңалтудың жеке бағдарламасынан үзіндікөшірме" for a
person with disabilities; "зейнетақы куәлігі" for an elderly person, and the IPR extract for them
only "қарттар үшін абилитациялау мен оңалтудың жеке бағдарламасы бар болса"."""

import datetime as dt

import pytest

from app.domain.documents import missing_documents, required_documents
from app.domain.enums import DocumentKind as D
from app.domain.enums import RecipientCategory as C


@pytest.mark.parametrize("category, group, ipr, expected", [
    (C.DISABLED_GROUP_1_2, 1, None, (D.IDENTITY, D.DISABILITY_CERTIFICATE, D.IPR_EXTRACT)),
    (C.ADULT_PSYCHONEURO, None, None, (D.IDENTITY, D.DISABILITY_CERTIFICATE, D.IPR_EXTRACT)),
    (C.CHILD_MUSCULOSKELETAL, None, None, (D.IDENTITY, D.DISABILITY_CERTIFICATE, D.IPR_EXTRACT)),
    (C.ELDERLY, None, None, (D.IDENTITY, D.PENSION_CERTIFICATE)),
    (C.ELDERLY, None, dt.date(2027, 1, 1), (D.IDENTITY, D.PENSION_CERTIFICATE, D.IPR_EXTRACT)),
    (C.ELDERLY, 2, None, (D.IDENTITY, D.DISABILITY_CERTIFICATE, D.PENSION_CERTIFICATE, D.IPR_EXTRACT)),
    (C.NO_FIXED_ABODE, None, None, (D.IDENTITY,)),
    (None, None, None, (D.IDENTITY,)),
    ("elderly", None, None, (D.IDENTITY, D.PENSION_CERTIFICATE)),  # as the resident row stores it
])
def test_r11_required_admission_documents_by_category(category, group, ipr, expected):
    assert required_documents(category, group, ipr) == expected


def test_r11_missing_documents_are_the_required_ones_not_in_the_file():
    assert missing_documents(C.ELDERLY, [D.IDENTITY, D.MEDICAL_RECORD]) == (D.PENSION_CERTIFICATE,)
    assert missing_documents(C.DISABLED_GROUP_1_2, [D.IDENTITY, D.DISABILITY_CERTIFICATE, D.IPR_EXTRACT]) == ()
    assert missing_documents(C.DISABLED_GROUP_1_2, []) == (D.IDENTITY, D.DISABILITY_CERTIFICATE, D.IPR_EXTRACT)

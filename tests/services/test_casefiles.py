"""R-10…R-13: the personal case file and its inventory."""

import pytest

from app.domain.enums import DocumentKind, RecipientCategory
from app.domain.errors import DomainError
from tests.dump import dump
from tests.services.helpers import admit, days_ago


def test_r10_a_case_file_is_formed_on_admission(org):
    svc, director, worker = org
    a, b = admit(svc, worker, 30), admit(svc, worker, 20)
    fa, fb = svc.casefiles.get_for(a), svc.casefiles.get_for(b)
    assert fa and fb and fa.number != fb.number and fa.opened_on == days_ago(30)
    assert svc.casefiles.open(worker, a, days_ago(1)).id == fa.id  # continued, not duplicated


def test_r11_originals_are_kept_only_with_written_consent(org):
    svc, director, worker = org
    cf = svc.casefiles.get_for(admit(svc, worker, 30))
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:
        svc.casefiles.add_document(worker, cf.id, DocumentKind.IDENTITY, "Жеке куәлік", days_ago(30), 1,
                                   is_original=True)
    assert exc.value.field == "consent_date"
    assert dump(svc.engine) == before
    cf = svc.casefiles.add_document(worker, cf.id, DocumentKind.IDENTITY, "Жеке куәлік", days_ago(30), 1,
                                    is_original=True, consent_on=days_ago(30))
    assert cf.documents[0].is_original and cf.documents[0].consent_on == days_ago(30)
    # a copy needs no consent
    svc.casefiles.add_document(worker, cf.id, DocumentKind.MEDICAL_RECORD, "Медкарта", days_ago(30), 5)


def test_r13_sheets_numbered_and_bound_are_the_sum_of_the_documents(org):
    svc, director, worker = org
    cf = svc.casefiles.get_for(admit(svc, worker, 30))
    svc.casefiles.add_document(worker, cf.id, DocumentKind.IDENTITY, "Жеке куәлік", days_ago(30), 2)
    cf = svc.casefiles.add_document(worker, cf.id, DocumentKind.MEDICAL_RECORD, "Медкарта", days_ago(30), 9)
    assert cf.sheets == 11
    with pytest.raises(DomainError) as exc:
        svc.casefiles.add_document(worker, cf.id, DocumentKind.OTHER, "Бос", days_ago(30), 0)
    assert exc.value.field == "sheets"


def test_r11_missing_admission_documents_by_category(org):
    """003 item 11 2): an elderly person needs the identity document and the pension certificate; a person
    with a disability of group 1 or 2 the identity document, the disability certificate and the IPR extract."""
    svc, director, worker = org
    old = admit(svc, worker, 30, category=RecipientCategory.ELDERLY)
    disabled = admit(svc, worker, 30, category=RecipientCategory.DISABLED_GROUP_1_2, disability_group=1)
    assert svc.casefiles.missing_documents(old).missing == (DocumentKind.IDENTITY, DocumentKind.PENSION_CERTIFICATE)
    cf = svc.casefiles.get_for(old)
    svc.casefiles.add_document(worker, cf.id, DocumentKind.IDENTITY, "Жеке куәлік", days_ago(30), 1)
    svc.casefiles.add_document(worker, cf.id, DocumentKind.PENSION_CERTIFICATE, "Зейнетақы куәлігі", days_ago(30))
    assert svc.casefiles.missing_documents(old).missing == ()
    listed = {m.resident_id: m.missing for m in svc.casefiles.missing_documents_all()}
    assert old not in listed
    assert listed[disabled] == (DocumentKind.IDENTITY, DocumentKind.DISABILITY_CERTIFICATE, DocumentKind.IPR_EXTRACT)


def test_r11_cli_lists_missing_documents(capsys, sqlite_url):
    import json

    from app.cli import main
    from tests.conftest import make_services

    svc, director, worker = make_services(sqlite_url)
    rid = admit(svc, worker, 30, last="Сапарова", category=RecipientCategory.ELDERLY)
    svc.engine.dispose()
    assert main(["residents", "missing-documents", "--json", "--db", sqlite_url]) == 0
    rows = json.loads(capsys.readouterr().out)["residents"]
    assert [(r["resident_id"], r["missing"]) for r in rows] == [(rid, ["identity", "pension_certificate"])]
    assert main(["residents", "missing-documents", "--db", sqlite_url, "--lang", "ru"]) == 0
    out = capsys.readouterr().out
    assert "Сапарова" in out and "пенсионное удостоверение" in out

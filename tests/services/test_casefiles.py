"""R-10…R-13: the personal case file and its inventory."""

import pytest

from app.domain.enums import DocumentKind, RecipientCategory, ResidentStatus
from app.domain.errors import DomainError
from tests.dump import dump
from tests.services.helpers import admit, days_ago

ADMITTED = (ResidentStatus.PRESENT, ResidentStatus.TEMPORARILY_ABSENT, ResidentStatus.DISCHARGED,
            ResidentStatus.TRANSFERRED)


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


def _statements(engine, call):
    """The SQL statements ``call()`` runs (SQLAlchemy's before_cursor_execute event), and its result."""
    from sqlalchemy import event

    seen: list[str] = []

    def count(_conn, _cursor, statement, _params, _context, _many):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        result = call()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return seen, result


def test_the_case_files_list_reads_a_page_in_a_constant_number_of_statements(org):
    """Issue 12 point 10: the case files list reads its page of case files, documents included, in one query —
    the number of statements stays the same as residents are added (it grew by two per row before)."""
    svc, director, worker = org

    def page():
        _total, people = svc.queries.residents(statuses=ADMITTED)
        return svc.casefiles.for_residents([p.id for p in people])

    def admit_with_documents(n: int) -> None:
        for i in range(n):
            cf = svc.casefiles.get_for(admit(svc, worker, 30 + i))
            svc.casefiles.add_document(worker, cf.id, DocumentKind.IDENTITY, "Жеке куәлік", days_ago(30), 2)
            svc.casefiles.add_document(worker, cf.id, DocumentKind.PENSION_CERTIFICATE, "Зейнетақы куәлігі",
                                       days_ago(29), 3)

    admit_with_documents(2)
    few, files = _statements(svc.engine, page)
    assert len(files) == 2
    admit_with_documents(6)
    many, files = _statements(svc.engine, page)
    assert len(files) == 8 and len(many) == len(few)
    assert sum(1 for s in many if "case_document" in s) == 1  # one query reads them all
    # the same case files, documents and all, as reading them one by one
    assert files == {rid: svc.casefiles.get_for(rid) for rid in files}
    assert all(len(cf.documents) == 2 and cf.sheets == 5 for cf in files.values())
    assert svc.casefiles.for_residents([]) == {}


def test_r10_no_case_file_for_a_person_never_admitted_nor_opened_before_admission_or_ahead(org):
    """R-10: the case file is formed on admission: a person waiting in the queue has none, and a file is not
    opened before the admission or on a day ahead; each refusal changes nothing."""
    import datetime as dt

    from tests.services.helpers import person

    svc, director, worker = org
    a = admit(svc, worker, 30)
    row = svc.queue.register(worker, person(last="Күтуде"), dt.datetime.combine(days_ago(20), dt.time(10)))
    said = []
    for rid, day, field in ((row.resident_id, days_ago(1), "resident"), (a, days_ago(31), "date"),
                            (a, days_ago(-1), "date")):
        before = dump(svc.engine)
        with pytest.raises(DomainError) as exc:
            svc.casefiles.open(worker, rid, day)
        assert exc.value.field == field and dump(svc.engine) == before
        said.append(exc.value.render("ru"))
    assert svc.casefiles.get_for(row.resident_id) is None
    assert said[0].startswith("Күтуде") and "личное дело формируется при поступлении" in said[0]
    assert "раньше даты поступления" in said[1] and "в будущем" in said[2]

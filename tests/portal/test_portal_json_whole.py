"""Issue 11 point 8: the JSON file of ours carries its number of records and their checksum, so that a
file cut short or edited down is refused; JSON made elsewhere without these fields is still read."""

import json

import pytest

from app.portal.errors import ImportRefused
from app.portal.formats import read_records, records_digest, write_records
from app.portal.records import Format, Kind
from tests.portal.portal_samples import journal_records, queue_records


def own(kind=Kind.QUEUE):
    records = queue_records() if kind is Kind.QUEUE else journal_records()
    return write_records(kind, records, Format.JSON, "kk"), len(records)


def test_point8_our_file_says_how_many_records_and_their_checksum():
    data, n = own()
    document = json.loads(data)
    assert document["count"] == n == len(document["records"]) > 1
    assert document["sha256"] == records_digest(document["records"]) and len(document["sha256"]) == 64
    assert len(read_records(data, Kind.QUEUE).records) == n


def test_point8_a_file_cut_at_a_record_boundary_is_refused():
    """Cut after a whole record and closed again: valid JSON, one record short."""
    data, n = own(Kind.JOURNAL)
    lines = data.decode().splitlines()
    cut = "\n".join(lines[:-2]).rstrip(",") + "\n]}\n"  # the last record and the closing line dropped
    assert len(json.loads(cut)["records"]) == n - 1
    with pytest.raises(ImportRefused) as exc:
        read_records(cut.encode(), Kind.JOURNAL)
    assert str(n) in exc.value.render("kk") and str(n - 1) in exc.value.render("ru")


def test_point8_records_edited_down_with_the_count_corrected_are_refused_by_the_checksum():
    data, n = own()
    document = json.loads(data)
    document["records"] = document["records"][:-1]
    document["count"] = n - 1
    with pytest.raises(ImportRefused) as exc:
        read_records(json.dumps(document).encode(), Kind.QUEUE)
    assert "sha256" in exc.value.render("ru")


def test_point8_a_value_changed_is_refused():
    data, _n = own()
    document = json.loads(data)
    document["records"][0]["last_name"] = "Басқа"
    with pytest.raises(ImportRefused):
        read_records(json.dumps(document, ensure_ascii=False).encode(), Kind.QUEUE)


def test_point8_the_layout_does_not_matter():
    data, n = own()
    pretty = json.dumps(json.loads(data), ensure_ascii=True, indent=2).encode()
    assert len(read_records(pretty, Kind.QUEUE).records) == n


def test_point8_json_from_elsewhere_without_count_or_checksum_is_read():
    data, n = own()
    document = json.loads(data)
    del document["count"], document["sha256"]
    assert len(read_records(json.dumps(document).encode(), Kind.QUEUE).records) == n
    only_count = {**document, "count": str(n)}
    assert len(read_records(json.dumps(only_count).encode(), Kind.QUEUE).records) == n


@pytest.mark.parametrize("count", [0, 99, True, "many"])
def test_point8_a_count_that_does_not_match_is_refused(count):
    data, _n = own()
    document = json.loads(data)
    del document["sha256"]
    document["count"] = count
    with pytest.raises(ImportRefused):
        read_records(json.dumps(document).encode(), Kind.QUEUE)

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


# --- the records read one at a time (issue 11 point 6: a 100,000-row file's parsed records and the records read
# from them were held whole together, past 500 MB): any layout reads as the whole document would -------------

def _reordered(document: dict, order: list[str]) -> bytes:
    """The document with its fields in ``order`` (those not named after them)."""
    keys = [k for k in order if k in document] + [k for k in document if k not in order]
    return ("{" + ", ".join(f"{json.dumps(k)}: {json.dumps(document[k], ensure_ascii=False)}" for k in keys)
            + "}").encode()


def _rows(result):
    return [(r.iin, r.last_name, r.first_name, r.received_at) for r in result.records]


@pytest.mark.parametrize("order", [
    ["format", "version", "kind", "count", "sha256", "records"],  # ours: read one record at a time
    ["format", "version", "kind", "records", "count", "sha256"],  # the checks after the records
    ["records", "format", "version", "kind", "count", "sha256"],  # the records first: parsed whole
    ["format", "records", "version", "kind", "count", "sha256"],
])
def test_point6_the_fields_in_any_order_read_the_same(order):
    data, n = own()
    expected = _rows(read_records(data, Kind.QUEUE))
    document = json.loads(data)
    assert _rows(read_records(_reordered(document, order), Kind.QUEUE)) == expected and len(expected) == n
    document["records"][1]["last_name"] = "Басқа"  # and the checksum after the records is still checked
    with pytest.raises(ImportRefused) as exc:
        read_records(_reordered(document, order), Kind.QUEUE)
    assert "sha256" in exc.value.render("kk")
    document["records"] = document["records"][:-1]
    del document["sha256"]
    with pytest.raises(ImportRefused) as exc:  # and the count
        read_records(_reordered(document, order), Kind.QUEUE)
    assert str(n - 1) in exc.value.render("ru")


@pytest.mark.parametrize("damage", [
    lambda text: text[:len(text) // 2],  # cut in the middle of the records
    lambda text: text.rstrip()[:-1],  # the document's closing brace lost
    lambda text: text.rstrip() + ' {"more": 1}',  # something after the document
    lambda text: text.replace('"records": [', '"records": [,', 1),
    lambda text: text.rstrip().removesuffix("]}") + "], }",  # a comma with no field after it
    lambda text: text.rstrip().removesuffix("}") + ', "kind": "journal"}',  # said twice: the later would win
    lambda text: text.rstrip().removesuffix("}") + ', "records": []}',
])
def test_point6_a_damaged_file_is_refused_as_unreadable(damage):
    data, _n = own()
    with pytest.raises(ImportRefused) as exc:
        read_records(damage(data.decode()).encode(), Kind.QUEUE)
    assert "JSON" in exc.value.render("kk") and not exc.value.problems


def test_point6_a_record_that_is_not_an_object_is_the_problem_of_its_number():
    data, n = own()
    document = json.loads(data)
    document["records"][2] = [1, 2]
    del document["sha256"]
    result = read_records(json.dumps(document).encode(), Kind.QUEUE)
    assert [p.row for p in result.problems] == [3] and len(result.records) == n - 1


def test_point6_the_kind_is_checked_before_any_record_is_read():
    data, _n = own()
    document = json.loads(data)
    document["records"][0] = "not a record"
    with pytest.raises(ImportRefused) as exc:  # refused for the kind, not for the record
        read_records(json.dumps(document).encode(), Kind.JOURNAL)
    assert not exc.value.problems


def test_point6_our_file_is_never_parsed_whole(monkeypatch):
    """Read one record at a time: the whole document's parser is not called (it held 170 MB more for 100,000
    journal rows); a file whose records come first still is."""
    from app.portal import formats

    data, n = own(Kind.JOURNAL)
    monkeypatch.setattr(formats, "_parsed", lambda text: pytest.fail("parsed whole"))
    assert len(read_records(data, Kind.JOURNAL).records) == n
    document = json.loads(data)
    with pytest.raises(pytest.fail.Exception):
        read_records(_reordered(document, ["records"]), Kind.JOURNAL)


def _nested(n: int) -> bytes:
    return b"[" * n + b"1" + b"]" * n


@pytest.mark.parametrize("make", [
    lambda n: b'{"format":"qamqor-portal","version":1,"kind":"queue","records":[{"last_name":' + _nested(n) + b"}]}",
    lambda n: b'{"format":"qamqor-portal","version":1,"kind":' + _nested(n) + b',"records":[]}',
    lambda n: b'{"format":"qamqor-portal","version":1,"kind":"queue","count":' + _nested(n) + b',"records":[]}',
    lambda n: b'{"format":"qamqor-portal","version":1,"kind":"queue","records":[],"count":' + _nested(n) + b"}",
], ids=["a record's field", "the kind", "the count before the records", "the count after them"])
def test_point6_a_value_nested_near_the_parsers_limit_is_refused_never_a_crash(make):
    """Found by a differential fuzz of the records read one at a time against the whole document: a value
    parsed at a shallower depth than before, then shown in a message, ran out of recursion (RecursionError)."""
    import sys

    limit = sys.getrecursionlimit()
    for n in range(limit - 60, limit + 5):
        try:  # refused, or the record is the problem of its row
            result = read_records(make(n), Kind.QUEUE)
        except ImportRefused:
            continue
        assert result.problems and not result.records, n


def test_point8_a_count_of_digits_that_are_not_ascii_is_a_count_that_does_not_match():
    data, _n = own()
    document = json.loads(data)
    document["count"] = "²"  # str.isdigit() says yes, int() says no
    with pytest.raises(ImportRefused):
        read_records(json.dumps(document).encode(), Kind.QUEUE)

"""Hostile files (issue 11): whatever the generator of tests/portal/hostile.py makes — damaged real files,
zip and whitespace bombs, billion laughs, external entities, huge cells, millions of empty rows, a sheet's
far corner far away — the importer reads it or refuses it with ImportRefused (app/portal/errors.py) and
nothing else, the reading within 10 s and 500 MB, the import within 10 s, and a refused import leaves
the database as it was.

The suite runs a few dozen examples; bench/bench_hostile.py runs the same generator over 10,000 and more."""

from __future__ import annotations

import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.errors import DomainError
from app.portal import ImportRefused, Kind, read_records
from app.services.exchange import ExchangeService
from tests.conftest import make_services
from tests.dump import dump
from tests.portal.hostile import KINDS, hostile_file, peak_rss_mb, peak_rss_reset, rss_mb

MAX_SECONDS = 10.0
MAX_MB = 500.0


def _slowness() -> float:
    """How much slower than a quiet machine this one runs now (a CPU reference: 0.16-0.2 s there); the
    time limit is stretched by it, the memory limit is not."""
    started = time.perf_counter()
    total = 0
    for i in range(5_000_000):
        total += i
    return max(1.0, (time.perf_counter() - started) / 0.2)


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    svc, _director, worker = make_services(f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'q.db'}")
    yield svc, worker
    svc.engine.dispose()


def import_within_limits(data: bytes, database) -> str:
    """Read and import ``data`` as a journal; the outcome, after checking time, memory and the database."""
    svc, worker = database
    before = dump(svc.engine)
    base = rss_mb()
    peak_rss_reset()
    started = time.perf_counter()
    try:
        try:
            result = read_records(data, Kind.JOURNAL, "hostile.xlsx")
        except ImportRefused as refusal:
            for lang in ("kk", "ru"):
                assert refusal.render(lang)
            outcome = "refused"
        else:
            # the memory limit is checked on the reading; what the import of a record that reads costs depends
            # on the field limits of the records (a JSON name of 20 million letters reads in 77 MB and takes
            # over 1 GB to store: refused at validation by issue 11's field limits, branch exb; bench/RESULTS.md)
            reading = peak_rss_mb() - base
            assert reading < MAX_MB, f"reading: {reading:.0f} MB"
            try:
                ExchangeService(svc.sessions).import_journal(worker, result)
                outcome = "imported"
            except DomainError:  # rows with problems, or rows the rules refuse: nothing is written
                assert dump(svc.engine) == before
                outcome = "import refused"
        if outcome == "refused":
            assert dump(svc.engine) == before
            assert peak_rss_mb() - base < MAX_MB
    finally:
        elapsed = time.perf_counter() - started
    if elapsed > MAX_SECONDS:
        assert elapsed < MAX_SECONDS * _slowness(), f"{elapsed:.1f} s"
    return outcome


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_of_hostile_file_is_read_or_refused_within_limits(kind, database):
    for seed in range(3):
        _, data = hostile_file(random.Random(seed), (kind,))
        import_within_limits(data, database)


@settings(max_examples=60, deadline=None, derandomize=True,  # the same 60 files on every run
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(seed=st.integers(0, 2**32 - 1))
def test_any_hostile_file_is_read_or_refused_within_limits_and_a_refusal_changes_nothing(seed, database):
    _, data = hostile_file(random.Random(seed))
    import_within_limits(data, database)


def test_bombs_and_entities_are_refused_not_read():
    for kind in ("zip bomb", "lying zip", "billion laughs", "external entity", "string count", "ods repeats"):
        for seed in range(4):
            _, data = hostile_file(random.Random(seed), (kind,))
            with pytest.raises(ImportRefused):
                read_records(data, Kind.JOURNAL, "hostile.xlsx")


def test_digits_that_are_not_ascii_are_problems_of_the_row_not_crashes():
    # found by bench/bench_hostile.py: a bit flipped in an .xls turned a digit of an IIN into «³»,
    # a digit to str.isdigit() but not to int()
    from tests.portal.portal_samples import IIN_A
    header = "Статус;ФИО;Дата рождения;ИИН\r\n"
    rows = [f"в очереди;Ахметов Серік;04.03.1950;{IIN_A[:5]}³{IIN_A[6:]}", "в очереди;Ким Олег;0³.03.1950;"]
    result = read_records((header + "\r\n".join(rows)).encode("utf-8"), Kind.JOURNAL, "digits.csv")
    assert result.records == () and {(p.row, p.field) for p in result.problems} == {(2, "iin"), (3, "birth_date")}

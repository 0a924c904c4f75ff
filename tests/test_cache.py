"""Files kept between runs to start faster: used while their sources are unchanged, made again after."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app import cache
from app.domain import calendar


def test_a_cached_file_is_reused_until_its_source_changes(tmp_path):
    source = tmp_path / "source.txt"
    source.write_text("one")
    made = []

    def make() -> bytes:
        made.append(source.read_text())
        return source.read_text().upper().encode()

    assert cache.cached("t.bin", [source], make) == b"ONE"
    assert cache.cached("t.bin", [source], make) == b"ONE"
    assert made == ["one"]
    source.write_text("three")
    assert cache.cached("t.bin", [source], make) == b"THREE"
    assert cache.cached("t.bin", [source], make, extra="other key") == b"THREE"
    assert made == ["one", "three", "three"]


def test_a_cache_that_cannot_be_written_or_read_only_costs_time(tmp_path, monkeypatch):
    source = tmp_path / "s.txt"
    source.write_text("x")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setattr(cache, "cache_dir", lambda: blocked)
    assert cache.cached("t.bin", [source], lambda: b"made") == b"made"
    monkeypatch.setattr(cache, "cache_dir", lambda: (_ for _ in ()).throw(NotADirectoryError("cache")))
    assert cache.cached("t.bin", [source], lambda: b"made without a folder") == b"made without a folder"
    monkeypatch.undo()
    (cache.cache_dir() / "damaged.bin").write_bytes(b"no key line")
    assert cache.cached("damaged.bin", [source], lambda: b"made again") == b"made again"
    whole = (cache.cache_dir() / "damaged.bin").read_bytes()
    (cache.cache_dir() / "damaged.bin").write_bytes(whole[:-3])  # the key intact, the body cut short
    assert cache.cached("damaged.bin", [source], lambda: b"made a third time") == b"made a third time"
    assert not list(cache.cache_dir().glob("*.tmp"))


def test_the_holiday_table_is_remembered_and_the_calendar_answers_from_it(monkeypatch):
    today = dt.date(2026, 11, 23)
    cache.preload_public_holidays(today)
    stored = json.loads((cache.cache_dir() / "holidays-kz.json").read_bytes().split(b"\n", 1)[1])
    assert "2026-12-16" in stored["2026"] and "2021-03-22" in stored["2021"]  # Independence Day, Nauryz
    monkeypatch.setattr(calendar, "_known", {})

    def refuse(years):
        raise AssertionError(f"the package was asked for {list(years)}")

    monkeypatch.setattr(calendar, "compute_public_holidays", refuse)
    cache.preload_public_holidays(today)  # from the file: the package is not asked
    assert calendar.WorkCalendar().is_public_holiday(dt.date(2026, 12, 16))
    assert not calendar.WorkCalendar().is_working_day(dt.date(2026, 3, 23))  # Nauryz, a Monday
    with pytest.raises(AssertionError, match="2040"):
        calendar.WorkCalendar().is_public_holiday(dt.date(2040, 1, 1))  # outside the table: asked

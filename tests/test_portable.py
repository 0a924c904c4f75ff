"""Portable mode (issue 14 point 3): ``portable.txt`` next to the executable keeps data, settings, logs,
backups and the cache in ``data`` beside it; without it, the user's folders."""

from __future__ import annotations

import sys

import pytest

from app import backup, diagnostics, paths, settings


@pytest.fixture
def frozen(tmp_path, monkeypatch):
    """The program as the bundle runs it: frozen, its executable in a folder of a USB stick; the user's
    folders (platformdirs) in a separate home."""
    stick = tmp_path / "E" / "Qamqor"
    stick.mkdir(parents=True)
    home = tmp_path / "home"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(stick / "Qamqor.exe"))
    monkeypatch.delenv("QAMQOR_DATA_DIR")
    for name, sub in (("HOME", ""), ("XDG_DATA_HOME", ".local/share"), ("XDG_CACHE_HOME", ".cache"),
                      ("XDG_STATE_HOME", ".local/state"), ("XDG_CONFIG_HOME", ".config"),
                      ("LOCALAPPDATA", "AppData/Local"), ("APPDATA", "AppData/Roaming")):
        monkeypatch.setenv(name, str(home / sub))
    yield stick, home
    diagnostics.setup_logging()  # the log back in the tests' data folder (monkeypatch restored it)


def test_with_portable_txt_everything_stays_in_the_data_folder_beside_the_program(frozen):
    stick, home = frozen
    (stick / "portable.txt").write_text("", encoding="utf-8")
    data = stick / "data"
    assert paths.portable_root() == data
    assert paths.data_dir() == data
    assert paths.default_database_path() == data / "qamqor.sqlite3"
    assert paths.log_dir() == data / "logs" and paths.cache_dir() == data / "cache"
    assert backup.backups_dir() == data / "backups"
    settings.save(language="kk")
    assert (data / "settings.json").is_file() and settings.load()["language"] == "kk"
    diagnostics.setup_logging()
    diagnostics.log.info("portable start")
    assert "portable start" in (data / "logs" / "qamqor.log").read_text(encoding="utf-8")
    assert not home.exists() or not [p for p in home.rglob("*") if p.is_file()]  # nothing in the user's folders


def test_without_portable_txt_the_users_folders_are_used(frozen):
    stick, home = frozen
    assert paths.portable_root() is None
    assert home in paths.data_dir().parents and home in paths.log_dir().parents
    assert not (stick / "data").exists()


def test_a_checkout_is_never_portable_and_qamqor_data_dir_wins(frozen, monkeypatch, tmp_path):
    stick, _home = frozen
    (stick / "portable.txt").write_text("", encoding="utf-8")
    monkeypatch.setenv("QAMQOR_DATA_DIR", str(tmp_path / "explicit"))
    assert paths.data_dir() == tmp_path / "explicit"  # scripts and tests choose the folder themselves
    monkeypatch.delenv("QAMQOR_DATA_DIR")
    monkeypatch.setattr(sys, "frozen", False)
    assert paths.portable_root() is None  # portable.txt beside python.exe of a checkout means nothing

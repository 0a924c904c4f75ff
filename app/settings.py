"""Per-user, per-PC program settings (the interface language, the idle time before the screen locks, the
backups' second folder, the shared database's connection), kept as JSON in the data folder, readable by the
user only (it may hold passwords)."""

from __future__ import annotations

import json

from app.paths import data_dir, write_private


def _path():
    return data_dir() / "settings.json"


def load() -> dict:
    try:
        return json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save(**values) -> None:
    data = load()
    data.update(values)
    write_private(_path(), json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))


#: the screen locks after this many minutes without keyboard or mouse input (issue 10 point 6); per PC
LOCK_MINUTES_DEFAULT = 15
LOCK_MINUTES_RANGE = (1, 240)


def lock_minutes() -> int:
    """The idle time before the screen locks, in minutes (the default when unset or out of range)."""
    value = load().get("lock_minutes", LOCK_MINUTES_DEFAULT)
    lo, hi = LOCK_MINUTES_RANGE
    return value if isinstance(value, int) and lo <= value <= hi else LOCK_MINUTES_DEFAULT

"""Per-user program settings (the interface language, the backups' second folder, the shared database's
connection), kept as JSON in the data folder, readable by the user only (it may hold passwords)."""

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

"""Per-user program settings (the interface language), kept as JSON in the data folder."""

from __future__ import annotations

import json

from app.paths import data_dir


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
    _path().write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")

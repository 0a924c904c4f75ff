"""Every message of the portal exchange reads in Kazakh and in Russian (qamqor-portal.po)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("catalog_update", ROOT / "resources" / "i18n" / "update.py")
update = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(update)
FIELD = re.compile(r"\{(\w+)\}")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_portal_message_is_translated_without_fuzzy_entries(lang):
    template = update.extract(["app/portal"], [])
    folder = ROOT / "resources" / "i18n" / lang / "LC_MESSAGES"
    have = {}
    # qamqor-portal.po, and the fragments of issue 11's work on the exchange (qamqor-exa.po, qamqor-exb.po)
    for path in [folder / "qamqor-portal.po", *sorted(folder.glob("qamqor-ex?.po"))]:
        with path.open("rb") as fh:
            part = {m.id: m for m in read_po(fh, locale=lang) if m.id}
        if path.name != "qamqor-portal.po":  # a fragment may also translate strings of the screens
            part = {k: v for k, v in part.items() if k in {m.id for m in template}}
        have.update(part)
    used = {m.id for m in template if m.id}
    assert used - have.keys() == set(), "run resources/i18n/update.py qamqor-portal.po and translate"
    assert have.keys() - used == set(), "stale entries"
    for msgid, message in have.items():
        assert message.string and "fuzzy" not in message.flags, msgid
        assert set(FIELD.findall(message.string)) == set(FIELD.findall(msgid)), msgid
        assert message.string != msgid, msgid

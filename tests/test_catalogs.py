"""Every user-visible string of the code has a Kazakh and a Russian translation."""

import importlib.util
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]


def _update_module():
    spec = importlib.util.spec_from_file_location("i18n_update", ROOT / "resources/i18n/update.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def translated(cat, msg) -> bool:
    """The msgid has a non-empty translation somewhere in the chain of catalog parts
    (a translation may equal the msgid, as "qamqor: {message}" does)."""
    key = msg.id[0] if isinstance(msg.id, tuple) else msg.id
    if msg.context:
        key = f"{msg.context}\x04{key}"
    while cat is not None:
        table = getattr(cat, "_catalog", {})
        if isinstance(msg.id, tuple):
            if table.get((key, 0)) and table.get((key, 1)):
                return True
        elif table.get(key):
            return True
        cat = getattr(cat, "_fallback", None)
    return False


def test_every_msgid_in_the_code_is_translated_in_kk_and_ru():
    from app.i18n import catalog

    mod = _update_module()
    missing = []
    for folders, exclude in [(["app", "ui"], [])]:
        template = mod.extract(folders, exclude)
        for lang in ("kk", "ru"):
            cat = catalog(lang)
            for msg in template:
                if not msg.id:
                    continue
                ok = translated(cat, msg)
                if not ok:
                    missing.append(f"{lang}: {msg.id!r} ({msg.locations[0][0]}:{msg.locations[0][1]})")
    assert not missing, f"{len(missing)} untranslated:\n" + "\n".join(missing[:40])


def test_catalogs_have_no_empty_or_fuzzy_entries():
    problems = []
    for po in sorted((ROOT / "resources/i18n").glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as fh:
            cat = read_po(fh)
        if cat.fuzzy:
            problems.append(f"{po}: header marked fuzzy")
        for msg in cat:
            if not msg.id:
                continue
            strings = msg.string if isinstance(msg.string, (tuple, list)) else (msg.string,)
            if any(not s for s in strings) or msg.fuzzy:
                problems.append(f"{po.relative_to(ROOT)}: {msg.id!r}")
    assert not problems, "\n".join(problems[:40])

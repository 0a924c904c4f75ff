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
                if isinstance(msg.id, tuple):
                    got = [cat.ngettext(msg.id[0], msg.id[1], n) for n in (1, 2, 5)]
                    ok = all(g not in msg.id for g in got)
                elif msg.context:
                    ok = cat.pgettext(msg.context, msg.id) != msg.id
                else:
                    ok = cat.gettext(msg.id) != msg.id
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

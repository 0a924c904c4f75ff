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


def test_the_program_loads_compiled_catalogs_and_never_compiles_them():
    """Issue 14 point 9: .mo files built once (resources/i18n/compile.py), loaded with babel.support.Translations,
    the fragments chained as fallbacks; no run-time compile in app/i18n.py."""
    import inspect

    from babel.support import Translations

    import app.i18n
    from app.i18n import catalog

    source = inspect.getsource(app.i18n)
    assert "read_po" not in source and "write_mo" not in source and "cached(" not in source
    head = catalog("kk")
    assert isinstance(head, Translations)
    chain, part = [], head
    while part is not None:
        chain.append(part.domain)
        part = getattr(part, "_fallback", None)
    folder = ROOT / "resources/i18n/kk/LC_MESSAGES"
    assert chain == ["qamqor"] + [p.stem for p in sorted(folder.glob("qamqor-*.mo"))]
    # a message only a fragment holds is found through the chain, in both languages
    with (folder / "qamqor-installer.po").open("rb") as fh:
        mine = read_po(fh)
    assert head.gettext("Backup folder:") == mine["Backup folder:"].string
    assert catalog("ru").gettext("Backup folder:") not in ("Backup folder:", mine["Backup folder:"].string)
    assert catalog("kk", "forms").gettext("Page {page} of {total}") != "Page {page} of {total}"


def test_every_po_file_is_compiled_and_current():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(ROOT / "resources/i18n/compile.py"), "--check"], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout
    assert len(list((ROOT / "resources/i18n").glob("*/LC_MESSAGES/*.mo"))) == len(
        list((ROOT / "resources/i18n").glob("*/LC_MESSAGES/*.po")))


def test_one_extraction_configuration_with_explicit_keywords():
    """babel.cfg is what resources/i18n/update.py extracts with: no default keywords, every marker named."""
    mod = _update_module()
    method_map, options_map = mod.mapping()
    assert method_map == [("**.py", "python")]
    keywords = options_map["**.py"]["keywords"]
    assert set(keywords) == {"_", "N_", "M", "Message", "ngettext", "pgettext", "FormDialog", "_dated_action", "add"}
    assert keywords["pgettext"] == ((1, "c"), 2) and keywords["ngettext"] == (1, 2)
    assert "KEYWORDS" not in (ROOT / "resources/i18n/update.py").read_text(encoding="utf-8")
    found = {m.id for m in mod.extract(["app"], [])}
    assert "before a schema upgrade" in found  # N_()
    assert "The number of residents must be 1 or more." in found  # M()

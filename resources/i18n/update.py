"""Extract the translatable strings of the code into the catalogs, keeping existing translations.

    python resources/i18n/update.py [NAME.po …]  # update the named catalogs (default qamqor.po), kk and ru
    python resources/i18n/update.py --check  # exit 1 listing strings without a kk or ru translation

The Kazakh and Russian translations are written by people into the .po files; this
script only adds new msgids (empty) and drops ones the code no longer uses.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
LANGS = ("kk", "ru")
#: the one extraction configuration (method, keywords, translator comments): babel.cfg at the top of the checkout
CONFIG = ROOT / "babel.cfg"


def mapping() -> tuple[list, dict]:
    with CONFIG.open(encoding="utf-8") as fh:
        return parse_mapping_cfg(fh, str(CONFIG))


#: catalog file → (folders scanned, folders left to another catalog)
ROOMS = {
    "qamqor.po": (["app", "ui"], ["app/portal"]),
    "qamqor-portal.po": (["app/portal"], []),
}
#: a room's catalog leaves out what a hand-written fragment of the chain (qamqor-*.po) already translates


def _elsewhere(name: str, lang: str) -> set:
    ids = set()
    for part in (I18N / lang / "LC_MESSAGES").glob("qamqor-*.po"):
        if part.name == name or (name != "qamqor.po" and part.name in ROOMS):  # qamqor.po leaves out every part
            continue
        for msg in _read(part, lang):
            strings = msg.string if isinstance(msg.string, (list, tuple)) else [msg.string]
            if msg.id and all(strings):
                ids.add(msg.id)
    return ids


def extract(folders: list[str], exclude: list[str]) -> Catalog:
    cat = Catalog(project="Qamqor", charset="utf-8")
    method_map, options_map = mapping()
    for folder in folders:
        base = ROOT / folder
        if not base.exists():
            continue
        for filename, lineno, message, comments, context in extract_from_dir(
                str(base), method_map=method_map, options_map=options_map, keywords={}, comment_tags=()):
            rel = f"{folder}/{filename}"
            if any(rel.startswith(e + "/") for e in exclude):
                continue
            cat.add(message, locations=[(rel, lineno)], auto_comments=comments, context=context)
    return cat


def _read(path: Path, lang: str) -> Catalog:
    if path.exists():
        with path.open("rb") as fh:
            return read_po(fh, locale=lang)
    return Catalog(locale=lang, project="Qamqor", charset="utf-8")


def update(names: list[str]) -> None:
    for name in names:
        folders, exclude = ROOMS[name]
        template = extract(folders, exclude)
        for lang in LANGS:
            path = I18N / lang / "LC_MESSAGES" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            cat = _read(path, lang)
            skip = _elsewhere(name, lang)
            mine = Catalog(project="Qamqor", charset="utf-8")
            for msg in template:
                if msg.id and msg.id not in skip:
                    mine[msg.id] = msg
            cat.update(mine, no_fuzzy_matching=True)
            cat.obsolete.clear()
            cat.fuzzy = False
            with path.open("wb") as fh:
                write_po(fh, cat, width=100, omit_header=False, sort_output=False, include_previous=False)


def missing() -> list[str]:
    problems = []
    for name, (folders, exclude) in ROOMS.items():
        template = extract(folders, exclude)
        for lang in LANGS:
            cat = _read(I18N / lang / "LC_MESSAGES" / name, lang)
            skip = _elsewhere(name, lang)
            for msg in template:
                if not msg.id or msg.id in skip:
                    continue
                have = cat.get(msg.id, context=msg.context)
                strings = (have.string if isinstance(have.string, (list, tuple)) else [have.string]) if have else [""]
                if not have or any(not s for s in strings) or have.fuzzy:
                    first = msg.id[0] if isinstance(msg.id, tuple) else msg.id
                    problems.append(f"{lang}/{name}: {first!r} ({msg.locations[0][0]}:{msg.locations[0][1]})")
    return problems


if __name__ == "__main__":
    if "--check" in sys.argv:
        gaps = missing()
        print("\n".join(gaps) or "every string has a Kazakh and a Russian translation")
        sys.exit(1 if gaps else 0)
    names = [a for a in sys.argv[1:] if a.endswith(".po")] or ["qamqor.po"]
    hand = [n for n in names if n not in ROOMS]
    if hand:
        sys.exit(f"{', '.join(hand)}: not made from a folder of code ({', '.join(ROOMS)} are); a fragment such as "
                 "qamqor-ui-staff.po is written by hand — add its msgids there, and qamqor.po leaves them out")
    update(names)

"""Compile the gettext catalogs once: every ``.po`` under resources/i18n into a ``.mo`` beside it.

    python resources/i18n/compile.py          # compile what is missing or older than its .po
    python resources/i18n/compile.py --all    # compile every catalog again
    python resources/i18n/compile.py --check  # exit 1 listing the .mo files missing or out of date

Run by ``installer/bootstrap.py`` (each time it sets up or starts something), by ``installer/build.py``
before PyInstaller (the bundle ships the ``.mo`` files only) and by the tests' conftest. The program
itself only loads ``.mo`` files (app/i18n.py, ``babel.support.Translations``); it never compiles.
The ``.mo`` files are build products and are not committed (.gitignore).

Babel's API is used rather than the ``pybabel compile`` command: a catalog is a chain of fragments
(``qamqor.po`` + ``qamqor-*.po``, ``forms.po`` + ``forms-*.po``), each its own file and domain, and
``pybabel compile`` wants every domain named on its command line.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

I18N = Path(__file__).resolve().parent


def catalogs(root: Path = I18N) -> list[Path]:
    return sorted(root.glob("*/LC_MESSAGES/*.po"))


def stale(root: Path = I18N) -> list[Path]:
    """The ``.po`` files whose ``.mo`` is missing or older."""
    out = []
    for po in catalogs(root):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime_ns < po.stat().st_mtime_ns:
            out.append(po)
    return out


def compile_one(po: Path) -> Path:
    """``po`` compiled to the ``.mo`` beside it (written whole through a temporary file)."""
    with po.open("rb") as fh:
        cat = read_po(fh, locale=po.parent.parent.name)
    buf = io.BytesIO()
    write_mo(buf, cat, use_fuzzy=False)
    mo = po.with_suffix(".mo")
    part = mo.with_name(f"{mo.name}.{os.getpid()}.part")  # the test workers may compile the same catalog at once
    part.write_bytes(buf.getvalue())
    part.replace(mo)
    return mo


def compile_all(root: Path = I18N, everything: bool = False) -> list[Path]:
    """Compile the stale catalogs under ``root`` (all of them with ``everything``); returns the ``.mo`` written."""
    return [compile_one(po) for po in (catalogs(root) if everything else stale(root))]


def main(argv: list[str]) -> int:
    if "--check" in argv:
        missing = stale()
        for po in missing:
            print(f"not compiled or out of date: {po.with_suffix('.mo').relative_to(I18N)}")
        return 1 if missing else 0
    written = compile_all(everything="--all" in argv)
    print(f"{len(written)} catalog(s) compiled" if written else "the catalogs are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

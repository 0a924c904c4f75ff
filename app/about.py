"""What Help → About shows, without Qt: the version, the folders in use, and the licences of what is shipped.

The libraries are found, not listed by hand: the installed ``qamqor`` distribution's requirements are
followed through every distribution's metadata (``importlib.metadata``), the PostgreSQL extra included
when its driver is installed. installer/qamqor.spec copies the metadata of exactly these distributions
into the bundle, so the About dialog of ``Qamqor.exe`` reads the same list. The fonts' and icons'
licences are read from the licence files shipped beside them in ``resources/``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from app import version
from app.paths import resources_dir

DISTRIBUTION = "qamqor"
#: the extras whose libraries are bundled when installed (installer/README.md: the PostgreSQL driver)
BUNDLED_EXTRAS = ("postgres",)
_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")
_EXTRA = re.compile(r"extra\s*==\s*['\"]([^'\"]+)['\"]")


@dataclass(frozen=True)
class Library:
    name: str
    version: str
    licence: str
    home: str


@dataclass(frozen=True)
class ShippedFile:
    """A font (or an icon set) shipped in resources/, with its licence as its licence file names it."""

    name: str
    licence: str
    licence_file: Path


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions(root: str = DISTRIBUTION, extras: tuple[str, ...] = BUNDLED_EXTRAS) -> list:
    """Every installed distribution the program needs at run time: ``root`` and its requirements, followed
    through each one's metadata (requirements of extras only for the ``extras`` asked for), sorted by name.
    A requirement that is not installed (another platform's, an extra left out) is skipped."""
    found: dict[str, metadata.Distribution] = {}
    todo: list[tuple[str, tuple[str, ...]]] = [(root, extras)]
    while todo:
        name, wanted = todo.pop()
        key = normalise(name)
        if key in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        found[key] = dist
        for requirement in dist.requires or []:
            spec, _sep, marker = requirement.partition(";")
            needs = _EXTRA.findall(marker)
            if needs and not any(extra in wanted for extra in needs):
                continue
            match = _NAME.match(spec)
            if match:
                todo.append((match.group(1), tuple(e.strip() for e in (match.group(2) or "").split(",") if e.strip())))
    return [found[k] for k in sorted(found)]


def licence_of(dist: metadata.Distribution) -> str:
    """The licence a distribution declares: its SPDX expression, else its licence classifiers, else a short License field."""
    meta = dist.metadata
    # get_all: the metadata's `get` is not in the typed protocol before Python 3.12
    expression = ((meta.get_all("License-Expression") or [""])[0] or "").strip()
    if expression:
        return expression
    field = ((meta.get_all("License") or [""])[0] or "").strip()
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    if classifiers:  # names from a fixed list; a License field may say only "Dual License"
        return ", ".join(dict.fromkeys(classifiers))
    if field and "\n" not in field and len(field) <= 40:
        return field
    return field.splitlines()[0][:80] if field else "?"


def libraries() -> list[Library]:
    """The bundled libraries (everything but the program itself), with version and licence."""
    out = []
    for dist in runtime_distributions():
        name = dist.metadata.get("Name") or "?"
        if normalise(name) == DISTRIBUTION:
            continue
        home = dist.metadata.get("Home-page") or ""
        if not home:
            urls = dist.metadata.get_all("Project-URL") or []
            home = urls[0].split(",", 1)[-1].strip() if urls else ""
        out.append(Library(name, dist.version, licence_of(dist), home))
    return out


def python_licence() -> Library:
    return Library("Python", sys.version.split()[0], "PSF-2.0", "https://www.python.org")


def _licence_line(text: str) -> str:
    match = re.search(r"licensed under the (.+?)(?:,\s*|\s+)(Version\s+\d+(?:\.\d+)*)", text, re.IGNORECASE | re.DOTALL)
    if match:
        return " ".join(f"{match.group(1)} {match.group(2)}".split())
    match = re.search(r"^.*licen[cs]e.*$", text, re.IGNORECASE | re.MULTILINE)
    return match.group(0).strip() if match else "?"


def shipped_files(kind: str) -> list[ShippedFile]:
    """The fonts (``kind="fonts"``) or icons (``"icons"``) in resources/, one entry per licence file
    ``LICENSE-<name>.txt``: its first line names the files, the licence is the one its text states."""
    folder = resources_dir() / kind
    out = []
    for path in sorted(folder.glob("LICENSE-*.txt")) if folder.is_dir() else []:
        text = path.read_text(encoding="utf-8", errors="replace")
        first = text.strip().splitlines()[0] if text.strip() else path.stem.removeprefix("LICENSE-")
        out.append(ShippedFile(first, _licence_line(text), path))
    return out


@dataclass(frozen=True)
class Folders:
    data: Path
    logs: Path
    backups: Path
    portable: bool


def folders() -> Folders:
    from app.backup import backups_dir
    from app.paths import data_dir, log_dir, portable_root

    return Folders(data_dir(), log_dir(), backups_dir(), portable_root() is not None)


def program_version() -> str:
    return version()

"""Files derived from shipped data and kept between runs so that the program starts faster: the table of
Kazakhstan's public holidays. (The translation catalogs are compiled once, when the program is set up or
built: resources/i18n/compile.py.)

Each file is stored with a key made from what it was derived from (the sources' paths, sizes and
modification times) and is derived again when that changes. A cache that cannot be read or written
costs only time: the program derives what it needs and goes on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from app.paths import cache_dir

FORMAT = "2"  # bump when what a cached file holds changes shape


def _key(sources: Iterable[Path], extra: str) -> bytes:
    """What the cached file was made from: the sources' contents (not their times: a copy keeps them)."""
    digest = hashlib.sha256(f"{FORMAT}|{extra}".encode())
    for path in sources:
        digest.update(path.read_bytes())
    return digest.hexdigest().encode()


def cached(name: str, sources: Iterable[Path], make: Callable[[], bytes], extra: str = "") -> bytes:
    """The bytes ``make()`` derives from ``sources``, from the cache file ``name`` when it is current.

    The file's first line holds the key and a digest of the body, so a file cut short or damaged is
    made again rather than trusted."""
    try:
        key = _key(sources, extra)
        path = cache_dir() / name
    except OSError:  # a source or the cache folder cannot be read: derive and go on
        return make()
    try:
        head, body = path.read_bytes().split(b"\n", 1)
        if head == key + b" " + hashlib.sha256(body).hexdigest().encode():
            return body
    except (OSError, ValueError):
        pass
    body = make()
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f"{name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(key + b" " + hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
            os.replace(tmp, path)  # a reader meanwhile sees the old file or the new one
        except OSError:
            os.unlink(tmp)
            raise
    except OSError:
        pass
    return body


def preload_public_holidays(today: dt.date | None = None, before: int = 5, after: int = 3) -> None:
    """Give the working-day calendar the public holidays of the years around ``today`` from the cache,
    so that a start does not import the ``holidays`` package (all its countries: a third of a second)."""
    from app.domain import calendar

    year = (today or dt.date.today()).year
    years = range(year - before, year + after + 1)
    spec = importlib.util.find_spec("holidays")
    if spec is None or not spec.submodule_search_locations:
        return
    package = Path(next(iter(spec.submodule_search_locations)))
    sources = [package / "countries" / "kazakhstan.py", package / "version.py"]  # the table and the release
    sources = [p for p in sources if p.exists()]
    if not sources:
        return

    def make() -> bytes:
        table = calendar.compute_public_holidays(years)
        return json.dumps({str(y): [d.isoformat() for d in sorted(days)] for y, days in table.items()}).encode()

    body = cached("holidays-kz.json", sources, make, extra=f"{years.start}-{years.stop}")
    try:
        table = {int(y): [dt.date.fromisoformat(d) for d in days] for y, days in json.loads(body).items()}
    except (ValueError, TypeError, AttributeError):
        return  # a damaged cache file: the calendar asks the package itself
    calendar.remember_public_holidays(table)

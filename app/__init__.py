"""Qamqor core: domain rules, persistence and services. No Qt import anywhere under app/."""

from __future__ import annotations

import functools  # not `from functools import cache`: app.cache is a module of this package


@functools.cache
def version() -> str:
    """The program's version: written once, in pyproject.toml, and read from the installed distribution's
    metadata (a frozen bundle carries that metadata too: installer/qamqor.spec)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("qamqor")
    except PackageNotFoundError:  # a checkout run without being installed: the same source, read directly
        import tomllib
        from pathlib import Path

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        with pyproject.open("rb") as fh:
            return tomllib.load(fh)["project"]["version"]

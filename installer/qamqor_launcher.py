"""What the frozen program runs first (PyInstaller's entry script): the ``qamqor`` command,
``app.cli:main`` — the desktop program without a subcommand, the subcommand otherwise.

Only used by installer/qamqor.spec; a checkout runs ``qamqor`` or ``python -m app.cli``.
"""

from __future__ import annotations

import os
import sys


def _give_missing_streams() -> None:
    """A windowed Windows program (``Qamqor.exe``) starts without stdout and stderr: Python sets
    ``sys.stdout``/``sys.stderr`` to None, and ``sys.stdout.write`` would fail. Messages then go
    nowhere instead (the console companion ``qamqor-cli.exe`` is the one to run commands with)."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the process


def main() -> int:
    _give_missing_streams()
    from app.cli import main as qamqor

    return qamqor()


if __name__ == "__main__":
    sys.exit(main())

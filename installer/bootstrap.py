"""One-command set-up for a fresh checkout (Linux and Windows, Python 3.11+ only).

    python installer/bootstrap.py demo   # set up, start the program on the demo database (built once)
    python installer/bootstrap.py test   # set up, run the whole test suite
    python installer/bootstrap.py lint   # set up, run the linter (ruff, configured in pyproject.toml)

It creates ``.venv`` beside the checkout (once), installs the project with its test
extras into it at the versions of ``requirements.lock`` (again only when pyproject.toml or the
lock changed), then runs the command there.
Extra arguments after the command are passed on (to pytest for ``test``).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".qamqor-installed"
#: every dependency at one version, for development, CI and the Windows build alike
LOCK = ROOT / "requirements.lock"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_environment() -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - this file is run by whatever Python the user has
        sys.exit(f"Qamqor needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    py = venv_python()
    if not py.exists():
        print(f"Creating {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + LOCK.read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print("Installing Qamqor and its dependencies …", flush=True)
        subprocess.run([str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q", "--upgrade", "pip"],
                       check=True)
        subprocess.run([str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q",
                        "-c", str(LOCK), "-e", f"{ROOT}[test,postgres,lint]"], check=True)
        STAMP.write_text(wanted)
    return py


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("demo", "test", "lint", "run"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    py = ensure_environment()
    os.chdir(ROOT)
    if command == "test":
        return subprocess.run([str(py), "-m", "pytest", *rest]).returncode
    if command == "lint":
        return subprocess.run([str(py), "-m", "ruff", "check", *(rest or ["."])]).returncode
    if command == "demo":  # the program on the demo database (built on first use, kept afterwards)
        return subprocess.run([str(py), "-m", "app.cli", "--demo", *rest]).returncode
    return subprocess.run([str(py), "-m", "app.cli", *rest]).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

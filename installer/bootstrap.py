"""One-command set-up for a fresh checkout (Linux and Windows, Python 3.11+ only).

    python installer/bootstrap.py demo   # set up, start the program on the demo database (built once)
    python installer/bootstrap.py test   # set up, run the whole test suite
    python installer/bootstrap.py lint   # set up, run the linter (ruff) and the type checker (mypy), both
                                         # configured in pyproject.toml; fails when either finds something
    python installer/bootstrap.py bundle # set up with PyInstaller too, build the program folder, run its
                                         # smoke check and compile the NSIS script (installer/build.py)
    python installer/bootstrap.py run …  # set up, run the qamqor command with these arguments

It creates ``.venv`` beside the checkout (once), installs the project with its test
extras into it at the versions of ``requirements.lock`` (again only when pyproject.toml or the
lock changed; ``bundle`` adds the build extra), compiles the translation catalogs that are
missing or older than their ``.po`` (resources/i18n/compile.py), then runs the command there.
Extra arguments after the command are passed on (to pytest for ``test``). ``test`` spreads the tests over
the machine's cores (pytest-xdist, :func:`parallel`) unless the arguments say how many workers (``-n 0``: one
process, as ``--pdb`` needs).
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


#: the extras every command installs; ``bundle`` adds "build" (PyInstaller)
EXTRAS = ("test", "postgres", "lint")


def ensure_environment(extras: tuple[str, ...] = EXTRAS) -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - this file is run by whatever Python the user has
        sys.exit(f"Qamqor needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    py = venv_python()
    if not py.exists():
        print(f"Creating {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + LOCK.read_bytes()).hexdigest()
    # the stamp: the digest, then the extras installed with it ("bundle" once, "test" later: nothing to do)
    stamp = STAMP.read_text().split() if STAMP.exists() else []
    installed = set(stamp[1:]) if stamp[:1] == [digest] else set()
    if not set(extras) <= installed:
        wanted = sorted(installed | set(extras))
        print("Installing Qamqor and its dependencies …", flush=True)
        subprocess.run([str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q", "--upgrade", "pip"],
                       check=True)
        subprocess.run([str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q",
                        "-c", str(LOCK), "-e", f"{ROOT}[{','.join(wanted)}]"], check=True)
        STAMP.write_text(" ".join([digest, *wanted]))
    # the catalogs compiled once here (the program loads .mo files only); quick when they are current
    subprocess.run([str(py), str(ROOT / "resources" / "i18n" / "compile.py")], check=True, stdout=subprocess.DEVNULL)
    return py


def parallel(args: list[str]) -> list[str]:
    """pytest's arguments with the suite spread over the machine's cores: a worker process per core, each with its
    own temporary data folder and PostgreSQL server (tests/conftest.py), an idle worker taking tests queued for a
    busy one (``worksteal``: the long-day test alone takes two minutes). Half the time of one process on CI's
    two cores (bench/RESULTS.md, "The test suite"). Arguments that choose the workers themselves are left alone."""
    if any(a in ("-n", "--numprocesses", "--dist") or a.startswith(("-n", "--numprocesses=", "--dist="))
           for a in args):
        return args
    return ["-n", "auto", "--dist", "worksteal", *args]


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("demo", "test", "lint", "run", "bundle"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    py = ensure_environment(EXTRAS + ("build",) if command == "bundle" else EXTRAS)
    os.chdir(ROOT)
    if command == "bundle":  # what CI checks: the folder built, its smoke check, the NSIS script compiled
        return subprocess.run([str(py), str(ROOT / "installer" / "build.py"), "--smoke", *rest]).returncode
    if command == "test":
        return subprocess.run([str(py), "-m", "pytest", *parallel(rest)]).returncode
    if command == "lint":  # ruff (import order included), then mypy over app, ui, reports, installer, bench
        linted = subprocess.run([str(py), "-m", "ruff", "check", *(rest or ["."])]).returncode
        typed = subprocess.run([str(py), "-m", "mypy"]).returncode
        return linted or typed
    if command == "demo":  # the program on the demo database (built on first use, kept afterwards)
        return subprocess.run([str(py), "-m", "app.cli", "--demo", *rest]).returncode
    return subprocess.run([str(py), "-m", "app.cli", *rest]).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

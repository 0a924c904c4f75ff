"""``qamqor --smoke`` (issue 14 point 2): run as a separate process, as CI runs it on the bundle."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHECKS = ("translation catalogs", "database and demo", "printed forms", "backup and verification",
          "main window and every screen", "print preview")


def _run(tmp_path, *args: str, code: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, QAMQOR_DATA_DIR=str(tmp_path / "user-data"), QAMQOR_LANG="ru")
    env.pop("QT_QPA_PLATFORM", None)  # the smoke check chooses the offscreen platform itself
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "app.cli", *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300)


def test_the_smoke_check_passes_and_leaves_the_users_data_alone(tmp_path):
    done = _run(tmp_path, "--smoke", "--lang", "ru")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    from app.i18n import _

    for check in CHECKS:
        line = next((x for x in lines if _(check, "ru") in x), None)
        assert line is not None and line.startswith(_("ok", "ru")), (check, done.stdout)
    assert _("Smoke check passed: {total} checks in {seconds} s.", "ru").split("{")[0] in lines[-1]
    user = tmp_path / "user-data"
    assert not list(user.glob("*.sqlite3")) and not list(user.glob("backups/*.qbak"))  # its own temporary folder
    logged = (user / "logs" / "qamqor.log").read_text(encoding="utf-8")  # the windowed program has no console
    assert logged.count("smoke check: ") == len(CHECKS)


def test_a_failing_check_is_reported_and_the_exit_status_is_1(tmp_path):
    """The journal's renderer broken from outside: the printed-forms check fails with the reason, the other
    checks still run, and the process ends with status 1 naming what failed."""
    code = ("import sys\n"
            "import reports.journal\n"
            "def broken(*args, **kwargs):\n"
            "    raise RuntimeError('the journal font is missing')\n"
            "reports.journal.render = broken\n"
            "from app.cli import main\n"
            "sys.exit(main(['--smoke', '--lang', 'ru']))\n")
    done = _run(tmp_path, code=code)
    assert done.returncode == 1, done.stdout + done.stderr
    from app.i18n import _

    forms = next(x for x in done.stdout.splitlines() if _("printed forms", "ru") in x)
    assert forms.startswith(_("FAILED", "ru")) and "the journal font is missing" in forms
    window = next(x for x in done.stdout.splitlines() if _("main window and every screen", "ru") in x)
    assert window.startswith(_("ok", "ru"))  # the run went on after the failure
    preview = next(x for x in done.stdout.splitlines() if _("print preview", "ru") in x)
    assert preview.startswith(_("FAILED", "ru"))  # it needed the journal
    assert _("printed forms", "ru") in done.stderr and "2" in done.stderr


def test_version_is_written_once_in_pyproject_and_printed_by_qamqor_version(tmp_path):
    import tomllib

    from app import version

    with open(ROOT / "pyproject.toml", "rb") as fh:
        written = tomllib.load(fh)["project"]["version"]
    assert version() == written
    done = _run(tmp_path, "--version")
    assert done.returncode == 0 and done.stdout.strip() == f"Qamqor {written}"
    # nowhere else: no second copy of the number in the code
    copies = [str(p.relative_to(ROOT)) for folder in ("app", "ui", "reports", "installer")
              for p in (ROOT / folder).rglob("*.py") if "__version__ =" in p.read_text(encoding="utf-8")]
    assert not copies

"""Where the program finds its shipped resources and keeps its data.

The data folder (database, settings.json, backups/, cache/, logs/) is, in this order:
``QAMQOR_DATA_DIR`` when set (tests, scripts); ``data`` beside the program when a file ``portable.txt``
lies next to the executable (portable mode: a USB stick, nothing written to the PC's user profile);
otherwise the user's folders from platformdirs (``%LOCALAPPDATA%\\Qamqor\\Qamqor`` on Windows).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

if TYPE_CHECKING:
    from app.i18n import Message

APP_NAME = "Qamqor"
APP_AUTHOR = "Qamqor"


def resources_dir() -> Path:
    """The shipped ``resources/`` folder (next to the package, or inside a frozen bundle)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


#: the marker file of portable mode, next to Qamqor.exe (its content does not matter)
PORTABLE_MARKER = "portable.txt"
PORTABLE_DATA = "data"


def portable_root() -> Path | None:
    """The ``data`` folder beside the program when it runs portable (``portable.txt`` next to the
    executable of the frozen program), else None. A checkout is never portable."""
    if not getattr(sys, "frozen", False):
        return None
    here = Path(sys.executable).resolve().parent
    return here / PORTABLE_DATA if (here / PORTABLE_MARKER).is_file() else None


def _override() -> Path | None:
    """The folder everything is kept in when it is not the user's: ``QAMQOR_DATA_DIR``, then portable mode."""
    env = os.environ.get("QAMQOR_DATA_DIR")
    return Path(env) if env else portable_root()


def data_dir() -> Path:
    """The user's data folder (``QAMQOR_DATA_DIR`` or portable mode put it elsewhere: see the module's text)."""
    override = _override()
    path = override if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return private(path)


def cache_dir() -> Path:
    """Files the program derives and keeps to start faster (under the data folder when it is overridden)."""
    override = _override()
    path = override / "cache" if override else Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return data_dir() / "qamqor.sqlite3"


def demo_database_path() -> Path:
    return data_dir() / "qamqor-demo.sqlite3"


def log_dir() -> Path:
    """The log and crash-report folder (``logs`` under the data folder when that is overridden or portable).
    Only the user may read it: a log may name the people whose records failed."""
    override = _override()
    path = override / "logs" if override else Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def private(path: Path) -> Path:
    """Make ``path`` readable and writable by its owner only (POSIX; on Windows the files live in the
    user's own profile folder, which other users cannot read)."""
    if os.name == "posix" and path.stat().st_uid == os.getuid():  # another user's file (a shared one): as it is
        try:
            os.chmod(path, 0o700 if path.is_dir() else 0o600)
        except PermissionError:
            pass
    return path


def write_private(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` whole or not at all (a temporary file beside it, then renamed), readable by
    the user only: exports and printouts carry people's personal data."""
    handle, temporary = tempfile.mkstemp(prefix=".qamqor-", dir=path.parent)  # made 0600
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return path


def os_reason(exc: OSError) -> Message | str:
    """Why a file could not be read or written, in the user's language (the system's own words are English)."""
    from app.i18n import M

    if isinstance(exc, FileNotFoundError):
        return M("there is no such file; check its name and folder")
    if isinstance(exc, IsADirectoryError):
        return M("this is a folder; give the file in it")
    if isinstance(exc, PermissionError):  # on Windows also a file another program holds open, or a folder
        return M("it cannot be opened: another program may have it open, or this user may not read it; close it "
                 "there, or copy the file to your own folder")
    return exc.strerror or str(exc)

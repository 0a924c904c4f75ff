"""``installer/build.py --smoke`` refuses a program folder over the size limit of issue 14 (250 MB) before running
anything in it, and counts a file reached through a symbolic link once."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _build():
    spec = importlib.util.spec_from_file_location("qamqor_installer_build", ROOT / "installer" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sized(path: Path, size: int) -> None:
    """A sparse file of ``size`` bytes: its length counts, the disk holds next to nothing."""
    with open(path, "wb") as fh:
        fh.truncate(size)


def test_a_folder_over_the_limit_fails_before_anything_runs(tmp_path):
    build = _build()
    assert build.SIZE_LIMIT_MB == 250
    bundle = tmp_path / "Qamqor"
    (bundle / "_internal").mkdir(parents=True)
    _sized(bundle / "_internal" / "libbig.so", 250 * 1024 * 1024 + 1)  # one byte over; no qamqor-cli at all
    report: dict = {}
    with pytest.raises(build.CheckFailed, match=r"the size: the folder is 250\.0 MB, over the limit of 250 MB"):
        build.check_bundle(bundle, "0.1.0", report)
    assert report == {}


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_the_size_counts_linked_libraries_once(tmp_path):
    build = _build()
    bundle = tmp_path / "Qamqor"
    bundle.mkdir()
    _sized(bundle / "libQt6Core.so.6", 200 * 1024 * 1024)
    (bundle / "libQt6Core.so").symlink_to("libQt6Core.so.6")  # PyInstaller keeps the links of versioned libraries
    assert build.folder_size(bundle) == 200 * 1024 * 1024
    # under the limit, the check goes on to run the program (absent here): it fails on that, not on the size
    with pytest.raises(FileNotFoundError):
        build.check_bundle(bundle, "0.1.0", {})

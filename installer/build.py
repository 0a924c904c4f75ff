"""Build Qamqor for Windows: the PyInstaller folder, then the NSIS setup program.

    python installer/build.py                  # dist/Qamqor/ and dist/Qamqor-<version>-setup.exe
    python installer/build.py --no-installer   # the PyInstaller folder only
    python installer/build.py --distpath D:/out --workpath D:/tmp/qbuild --clean

Needs the program's dependencies and PyInstaller in the running Python (``pip install -e .[build]``,
plus ``[postgres]`` for the PostgreSQL driver), and NSIS 3 (``makensis``) on PATH or in its usual
folder for the setup program. PyInstaller builds for the system it runs on: only a build made on
Windows can go into the Windows installer. Elsewhere the folder it makes is a native build of the
same spec, useful as a smoke test, and the NSIS script is only compiled against a stand-in layout
to check it (see installer/README.md).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "qamqor.spec"
NSI = HERE / "qamqor.nsi"
APP_NAME = "Qamqor"
WINDOWS = sys.platform == "win32"


def project() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]


def numeric_version(version: str) -> str:
    """``0.1.0`` → ``0.1.0.0``: the four numbers a Windows version resource holds."""
    numbers = re.match(r"\d+(?:\.\d+)*", version).group().split(".")[:4]  # the release part: 1.2.3rc1 → 1.2.3
    return ".".join(numbers + ["0"] * (4 - len(numbers)))


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())  # links: counted once


def mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def find_makensis() -> str | None:
    found = shutil.which("makensis")
    if found or not WINDOWS:
        return found
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
        if base and (Path(base) / "NSIS" / "makensis.exe").exists():
            return str(Path(base) / "NSIS" / "makensis.exe")
    return None


def run_pyinstaller(distpath: Path, workpath: Path, clean: bool) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        sys.exit("PyInstaller is not installed in this Python: pip install -e .[build]  (or: pip install pyinstaller)")
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(distpath),
               "--workpath", str(workpath), str(SPEC)]
    if clean:
        command.insert(3, "--clean")
    print("Running:", " ".join(command), flush=True)
    # no __pycache__ in the checkout from the analysis
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    if subprocess.run(command, cwd=ROOT, env=env).returncode != 0:
        sys.exit("PyInstaller failed; see its messages above.")
    return distpath / APP_NAME


def nsis_defines(meta: dict, bundle: Path, out_file: Path) -> list[str]:
    authors = meta.get("authors") or []
    publisher = next((a.get("name") for a in authors if a.get("name")), APP_NAME)
    return [
        f"/DVERSION={meta['version']}",
        f"/DVERSION_NUMERIC={numeric_version(meta['version'])}",
        f"/DPUBLISHER={publisher}",
        f"/DDESCRIPTION={meta['description']}",
        f"/DDIST_DIR={bundle}",
        f"/DOUT_FILE={out_file}",
    ]


def run_makensis(makensis: str, defines: list[str], strict: bool = False) -> bool:
    # makensis takes "-" options as well as "/" ones; "-" is safe on every system
    command = [makensis, "-V2", *(["-WX"] if strict else []), *(d.replace("/D", "-D", 1) for d in defines), str(NSI)]
    print("Running:", " ".join(command), flush=True)
    return subprocess.run(command, cwd=HERE).returncode == 0


def check_nsis_script(makensis: str, meta: dict) -> bool:
    """Compile installer/qamqor.nsi against a stand-in of the Windows folder (empty files named like
    the real ones): it proves the script, its languages and includes compile, warnings counted as
    errors. The setup program it writes holds no program and is deleted."""
    with tempfile.TemporaryDirectory(prefix="qamqor-nsis-check-") as tmp:
        bundle = Path(tmp) / APP_NAME
        (bundle / "_internal").mkdir(parents=True)
        for name in (f"{APP_NAME}.exe", "qamqor-cli.exe", "_internal/python311.dll"):
            (bundle / name).write_bytes(b"stand-in")
        return run_makensis(makensis, nsis_defines(meta, bundle, Path(tmp) / "check-setup.exe"), strict=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--distpath", type=Path, default=ROOT / "dist", help="where the results go (default: dist/)")
    parser.add_argument("--workpath", type=Path, default=ROOT / "build", help="PyInstaller's work folder (build/)")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--no-installer", action="store_true", help="stop after the PyInstaller folder")
    args = parser.parse_args(argv)

    meta = project()
    distpath, workpath = args.distpath.resolve(), args.workpath.resolve()
    if not WINDOWS:
        print(f"Note: this is {sys.platform}, not Windows. PyInstaller builds for the system it runs on, so "
              f"the folder made now is a {sys.platform} build of the same spec — good for a smoke test, "
              "not for the Windows installer. Build on a Windows PC for that (installer/README.md).\n", flush=True)

    bundle = run_pyinstaller(distpath, workpath, args.clean)
    exe = bundle / (f"{APP_NAME}.exe" if WINDOWS else APP_NAME)
    made = [f"Program folder: {bundle} ({mb(folder_size(bundle))}); start {exe.name}, "
            f"commands with {'qamqor-cli.exe' if WINDOWS else 'qamqor-cli'}"]

    makensis = None if args.no_installer else find_makensis()
    if args.no_installer:
        pass
    elif makensis is None:
        made.append("Setup program: not made — makensis (NSIS 3) is not on PATH; install NSIS and run again.")
    elif WINDOWS:
        out_file = distpath / f"{APP_NAME}-{meta['version']}-setup.exe"
        if not run_makensis(makensis, nsis_defines(meta, bundle, out_file)):
            print("\n".join(made))
            sys.exit("makensis failed; see its messages above.")
        made.append(f"Setup program: {out_file} ({mb(out_file.stat().st_size)})")
    else:
        ok = check_nsis_script(makensis, meta)
        made.append("NSIS script: compiles without warnings against a stand-in layout (no setup program: "
                    "that needs the Windows build)." if ok else "NSIS script: makensis reported errors (above).")
        if not ok:
            print("\n".join(made))
            return 1

    print("\nMade:\n  " + "\n  ".join(made))
    return 0


if __name__ == "__main__":
    sys.exit(main())

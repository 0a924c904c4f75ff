"""Build Qamqor for Windows: the PyInstaller folder, then the NSIS setup program.

    python installer/build.py                  # dist/Qamqor/ and dist/Qamqor-<version>-setup.exe
    python installer/build.py --no-installer   # the PyInstaller folder only
    python installer/build.py --distpath D:/out --workpath D:/tmp/qbuild --clean
    python installer/build.py --smoke          # and check the result (what CI runs: bootstrap.py bundle)

``--smoke`` checks what was built: the folder is under 250 MB (issue 14), ``qamqor-cli --version`` says
pyproject's version, ``qamqor-cli --smoke`` passes (a temporary demo, every screen, every form in kk and ru,
a verified backup), portable mode keeps its data in ``data`` beside the program, and the NSIS script
compiles against the folder just built (on Linux a setup program of the Linux build, only as a check). Any
failure ends the build with status 1. The times and sizes go to ``<distpath>/build-report.json``.

Needs the program's dependencies and PyInstaller in the running Python (``pip install -e .[build]``,
plus ``[postgres]`` for the PostgreSQL driver), and NSIS 3 (``makensis``) on PATH or in its usual
folder for the setup program. PyInstaller builds for the system it runs on: only a build made on
Windows can go into the Windows installer. Elsewhere the folder it makes is a native build of the
same spec, useful as a smoke test, and the NSIS script is only compiled against a stand-in layout
to check it (see installer/README.md).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "qamqor.spec"
NSI = HERE / "qamqor.nsi"
APP_NAME = "Qamqor"
WINDOWS = sys.platform == "win32"
#: the program folder's size limit (issue 14), checked by ``--smoke``: in MB of 2^20 bytes, as folder_size counts
SIZE_LIMIT_MB = 250


def project() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]


def numeric_version(version: str) -> str:
    """``0.1.0`` → ``0.1.0.0``: the four numbers a Windows version resource holds."""
    release = re.match(r"\d+(?:\.\d+)*", version)  # the release part: 1.2.3rc1 → 1.2.3
    if release is None:
        raise SystemExit(f"pyproject.toml: the version {version!r} does not start with a number")
    numbers = release.group().split(".")[:4]
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


class CheckFailed(Exception):
    pass


def _run_bundle(exe: Path, args: list[str], env: dict, what: str, timeout: int = 600) -> str:
    started = time.perf_counter()
    done = subprocess.run([str(exe), *args], env=env, capture_output=True, text=True, encoding="utf-8",
                          errors="replace", timeout=timeout)
    print(f"  {exe.name} {' '.join(args)}: exit {done.returncode} in {time.perf_counter() - started:.1f} s", flush=True)
    if done.stdout.strip():
        print("    " + done.stdout.strip().replace("\n", "\n    "), flush=True)
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr, flush=True)
        raise CheckFailed(f"{what}: {exe.name} {' '.join(args)} ended with status {done.returncode}")
    return done.stdout


def check_bundle(bundle: Path, version: str, report: dict) -> None:
    """The checks of ``--smoke`` on the program folder (a CheckFailed names the first that failed)."""
    size = folder_size(bundle)
    if size > SIZE_LIMIT_MB * 1024 * 1024:
        raise CheckFailed(f"the size: the folder is {mb(size)}, over the limit of {SIZE_LIMIT_MB} MB "
                          "(what is largest: du -ab on it | sort -n | tail; installer/qamqor.spec lists what is left out)")
    print(f"  the folder: {mb(size)} (limit {SIZE_LIMIT_MB} MB)", flush=True)
    cli = bundle / ("qamqor-cli.exe" if WINDOWS else "qamqor-cli")
    with tempfile.TemporaryDirectory(prefix="qamqor-bundle-check-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        # a clean user: no saved settings, nothing from this machine's environment but what the program needs
        env = {k: v for k, v in os.environ.items() if not k.startswith("QAMQOR_") and k not in ("PYTHONPATH",)}
        env.update(HOME=str(home), USERPROFILE=str(home), LOCALAPPDATA=str(home / "AppData" / "Local"),
                   APPDATA=str(home / "AppData" / "Roaming"), XDG_DATA_HOME=str(home / ".local" / "share"),
                   XDG_CACHE_HOME=str(home / ".cache"), XDG_STATE_HOME=str(home / ".local" / "state"),
                   XDG_CONFIG_HOME=str(home / ".config"), QT_QPA_PLATFORM="offscreen")
        said = _run_bundle(cli, ["--version"], env, "the version").strip()
        if said != f"{APP_NAME} {version}":
            raise CheckFailed(f"the version: the bundle says {said!r}, pyproject.toml {version!r}")
        started = time.perf_counter()
        _run_bundle(cli, ["--smoke"], env, "the smoke check")
        report["smoke_seconds"] = round(time.perf_counter() - started, 1)
        # portable mode: portable.txt beside the program keeps everything in data\ next to it
        marker, data = bundle / "portable.txt", bundle / "data"
        if data.exists():
            raise CheckFailed(f"portable mode: {data} exists before the check; remove it")
        marker.write_text("Qamqor: portable mode (the data is kept in the data folder beside the program)\n",
                          encoding="utf-8")
        shutil.rmtree(home)  # the runs before wrote their logs there; the portable one must write nothing
        home.mkdir()
        try:
            _run_bundle(cli, ["demo", "--residents", "3", "--lang", "kk"], env, "portable mode")
            missing = [name for name in ("qamqor-demo.sqlite3", "logs/qamqor.log") if not (data / name).is_file()]
            if missing:
                raise CheckFailed(f"portable mode: {', '.join(missing)} not in {data}")
            elsewhere = [str(p.relative_to(home)) for p in home.rglob("*") if p.is_file()]
            if elsewhere:
                raise CheckFailed(f"portable mode wrote into the user's folders: {', '.join(elsewhere[:5])}")
            print(f"  portable mode: the database and the log are in {data}, nothing in the user's folders",
                  flush=True)
        finally:
            marker.unlink(missing_ok=True)
            shutil.rmtree(data, ignore_errors=True)


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
    parser.add_argument("--smoke", action="store_true",
                        help="check the folder built and compile the NSIS script against it (CI); fail on any problem")
    parser.add_argument("--lzma", action="store_true",
                        help="with --smoke on Linux: compress the check's setup program with LZMA as the real one is "
                             "(slow; by default zlib, enough to check the script)")
    args = parser.parse_args(argv)

    meta = project()
    distpath, workpath = args.distpath.resolve(), args.workpath.resolve()
    if not WINDOWS:
        print(f"Note: this is {sys.platform}, not Windows. PyInstaller builds for the system it runs on, so "
              f"the folder made now is a {sys.platform} build of the same spec — good for a smoke test, "
              "not for the Windows installer. Build on a Windows PC for that (installer/README.md).\n", flush=True)

    report: dict = {"platform": sys.platform, "version": meta["version"]}
    begun = time.perf_counter()
    bundle = run_pyinstaller(distpath, workpath, args.clean)
    report["pyinstaller_seconds"] = round(time.perf_counter() - begun, 1)
    report["bundle_bytes"] = folder_size(bundle)
    exe = bundle / (f"{APP_NAME}.exe" if WINDOWS else APP_NAME)
    made = [f"Program folder: {bundle} ({mb(folder_size(bundle))}); start {exe.name}, "
            f"commands with {'qamqor-cli.exe' if WINDOWS else 'qamqor-cli'}"]
    if args.smoke:
        print("\nChecking the program folder:", flush=True)
        try:
            check_bundle(bundle, meta["version"], report)
        except (CheckFailed, subprocess.TimeoutExpired) as exc:
            print("\n".join(made))
            sys.exit(f"The program folder failed its check: {exc}")
        made.append(f"Checked: size, version, smoke check ({report['smoke_seconds']} s), portable mode")

    makensis = None if args.no_installer else find_makensis()
    if args.no_installer:
        pass
    elif makensis is None:
        if args.smoke:
            sys.exit("makensis (NSIS 3) is not on PATH: the setup script cannot be checked (apt-get install nsis)")
        made.append("Setup program: not made — makensis (NSIS 3) is not on PATH; install NSIS and run again.")
    elif args.smoke and not WINDOWS:
        # the script compiled against the folder just built (the Linux programs have no ".exe"), warnings as errors
        out_file = distpath / f"{APP_NAME}-{meta['version']}-linux-check-setup.exe"
        started = time.perf_counter()
        defines = [*nsis_defines(meta, bundle, out_file), "/DEXE_SUFFIX="] + ([] if args.lzma else ["/DFAST_COMPRESSION"])
        report["setup_compression"] = "lzma" if args.lzma else "zlib"
        ok = run_makensis(makensis, defines, strict=True)
        report["makensis_seconds"] = round(time.perf_counter() - started, 1)
        if not ok:
            print("\n".join(made))
            sys.exit("makensis failed on the folder just built; see its messages above.")
        report["setup_bytes"] = out_file.stat().st_size
        made.append(f"NSIS script: compiled against the folder just built, without warnings: {out_file} "
                    f"({mb(out_file.stat().st_size)}; a check only — the Windows setup program is built on Windows)")
    elif WINDOWS:
        out_file = distpath / f"{APP_NAME}-{meta['version']}-setup.exe"
        if not run_makensis(makensis, nsis_defines(meta, bundle, out_file)):
            print("\n".join(made))
            sys.exit("makensis failed; see its messages above.")
        made.append(f"Setup program: {out_file} ({mb(out_file.stat().st_size)})")
        report["setup_bytes"] = out_file.stat().st_size
    else:
        ok = check_nsis_script(makensis, meta)
        made.append("NSIS script: compiles without warnings against a stand-in layout (no setup program: "
                    "that needs the Windows build)." if ok else "NSIS script: makensis reported errors (above).")
        if not ok:
            print("\n".join(made))
            return 1

    report["total_seconds"] = round(time.perf_counter() - begun, 1)
    (distpath / "build-report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print("\nMade:\n  " + "\n  ".join(made))
    return 0


if __name__ == "__main__":
    sys.exit(main())

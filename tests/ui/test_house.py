"""The rooms of ui/ (ARCHITECTURE.md, issue 12 point 10): views import dialogs, widgets and models; dialogs import
widgets and models, never a view; widgets import neither a view nor a dialog; no view imports another view; and
no import cycle among the modules of ui/ (lazy imports inside functions count too: a cycle hidden in a function
is still a cycle).

A dialog may open another dialog, so it may import from another dialog module what opens one — a dialog or wizard
class, an ``open_…`` function, or the ``…Actions`` object whose buttons open them — but no building block: what
two dialogs share lives in ``ui/widgets``.

The imports are read with :mod:`ast` from the files themselves, so the test does not depend on what happens to be
imported already."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

from PySide6.QtWidgets import QDialog, QWizard

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"
#: the modules that put the program together may import any room
TOP = {"ui.app", "ui.main_window", "ui.smoke"}
#: what a dialog may take from another dialog module: what opens a dialog (see the module docstring)
OPENER = re.compile(r"^open_|Actions$")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def ui_imports(path: Path) -> list[tuple[str, tuple[str, ...], int]]:
    """(imported ui module, names taken from it, line) for every import in ``path``, lazy ones included."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and node.module.split(".")[0] == "ui":
            out.append((node.module, tuple(a.name for a in node.names), node.lineno))
        elif isinstance(node, ast.Import):
            out += [(a.name, (), node.lineno) for a in node.names if a.name.split(".")[0] == "ui"]
    return out


def room(module: str) -> str:
    parts = module.split(".")
    if module in TOP:
        return "top"
    if len(parts) > 2 and parts[1] in ("views", "dialogs", "widgets", "models"):
        return parts[1]
    return "base"  # ui.context, ui.i18n, ui.worker, ui.forms


def graph() -> dict[str, list[tuple[str, tuple[str, ...], int]]]:
    return {module_name(p): ui_imports(p) for p in sorted(UI.rglob("*.py"))}


def opens_dialogs(module: str, name: str) -> bool:
    obj = getattr(importlib.import_module(module), name, None)
    return bool(OPENER.search(name)) or (isinstance(obj, type) and issubclass(obj, QDialog | QWizard))


def forbidden(importer: str, imported: str, names: tuple[str, ...]) -> str | None:
    """Why ``importer`` may not import ``names`` from ``imported`` (None: it may)."""
    a, b = room(importer), room(imported)
    if a == "top" or importer == imported:
        return None
    if b == "top":
        return "nothing imports the main window or the application"
    if a == "views" and b == "views":
        return "a view imports another view (move what they share to ui/widgets)"
    if a == "dialogs" and b == "views":
        return "a dialog imports a view"
    if a == "dialogs" and b == "dialogs":
        blocks = [n for n in names if not opens_dialogs(imported, n)] or (["the module"] if not names else [])
        if blocks:
            return f"a dialog takes building blocks {blocks} from another dialog (move them to ui/widgets)"
    if a in ("widgets", "models", "base") and b in ("views", "dialogs"):
        return f"{a} imports {b}"
    if a in ("models", "base") and b == "widgets" and importer != "ui.forms":  # ui.forms: the widgets' old address
        return f"{a} imports widgets"
    return None


def violations(imports: dict[str, list[tuple[str, tuple[str, ...], int]]]) -> list[str]:
    out = []
    for importer, found in imports.items():
        for imported, names, line in found:
            why = forbidden(importer, imported, names)
            if why:
                out.append(f"{importer} (line {line}) → {imported} {list(names)}: {why}")
    return out


def cycles(imports: dict[str, list[tuple[str, tuple[str, ...], int]]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    edges = {m: sorted({i for i, _n, _l in found if i in imports and i != m}) for m, found in imports.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in edges:
        if v not in index:
            visit(v)
    return groups


def test_every_import_goes_the_allowed_way() -> None:
    found = violations(graph())
    assert not found, "imports against the rooms of ARCHITECTURE.md:\n" + "\n".join(found)


def test_no_import_cycle_in_ui() -> None:
    found = cycles(graph())
    assert not found, "import cycles:\n" + "\n".join(" ↔ ".join(g) for g in found)


def test_the_checks_catch_what_they_forbid() -> None:
    """The rules themselves: each forbidden kind is reported with both module names, and a cycle is found."""
    fake = {
        "ui.views.a": [("ui.views.b", ("Thing",), 3), ("ui.dialogs.d", ("SomeDialog",), 4)],
        "ui.views.b": [("ui.widgets.w", ("helper",), 5)],
        "ui.dialogs.d": [("ui.views.a", ("x",), 7)],
        "ui.widgets.w": [("ui.dialogs.d", ("y",), 9)],
        "ui.models.m": [("ui.widgets.w", ("z",), 2)],
    }
    found = "\n".join(violations(fake))
    assert "ui.views.a (line 3) → ui.views.b" in found
    assert "ui.dialogs.d (line 7) → ui.views.a" in found
    assert "ui.widgets.w (line 9) → ui.dialogs.d" in found
    assert "ui.models.m (line 2) → ui.widgets.w" in found
    assert "ui.views.a (line 4)" not in found  # a view opening a dialog is fine
    assert "ui.views.b (line 5)" not in found  # a view using a widget is fine
    assert cycles(fake) == [["ui.dialogs.d", "ui.views.a", "ui.views.b", "ui.widgets.w"]]
    # a dialog opening another dialog is allowed; taking a building block from it is not
    assert forbidden("ui.dialogs.resident_card", "ui.dialogs.preview", ("open_preview",)) is None
    assert forbidden("ui.dialogs.reconcile", "ui.dialogs.preview", ("PreviewDialog",)) is None
    assert "building blocks" in (forbidden("ui.dialogs.x", "ui.dialogs.preview", ("PREVIEW_HELPER",)) or "")

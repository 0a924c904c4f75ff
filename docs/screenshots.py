"""Screenshots of every main screen on a demo database, in Kazakh and in Russian.

    QT_QPA_PLATFORM=offscreen python docs/screenshots.py [--size 1366x768]

Writes docs/screenshots/<screen>_<lang>.png, the main dialogs as docs/screenshots/dialogs/<dialog>_<lang>.png
(the list of tests/ui/windows.py, which the fit and language tests walk too) and roles_auditor_<lang>.png
(``--roles-only``: just those). Keep them current and look at them.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QAMQOR_DATA_DIR", tempfile.mkdtemp(prefix="qamqor-shots-"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="1366x768")
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--roles-only", action="store_true", help="only the auditor's screens (issue 10 point 5)")
    a = ap.parse_args()
    width, height = (int(x) for x in a.size.split("x"))
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app import i18n
    from app.demo import DEMO_DIRECTOR, build_demo
    from app.services import Services
    from ui.context import Context
    from ui.i18n import Translator
    from ui.main_window import PAGES, MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    from ui.widgets import style

    style.apply(app)  # the program's look (ui/app.py applies it at start)
    translator = Translator(app)
    db = Path(tempfile.mkdtemp(prefix="qamqor-shots-db-")) / "demo.sqlite3"
    svc = Services.open(f"sqlite:///{db}")
    build_demo(svc, residents=60, seed=1)
    ctx = Context(svc, svc.people.authenticate(*DEMO_DIRECTOR), translator, str(db))
    window = MainWindow(ctx)
    window.resize(width, height)
    window.show()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    for lang in () if a.roles_only else i18n.LANGUAGES:
        translator.set_language(lang)
        for i, (_module, cls, _title) in enumerate(PAGES):
            window.nav.setCurrentRow(i)
            app.processEvents()
            while not getattr(window.current_page(), "up_to_date", True):  # a live page loads once painted
                app.processEvents()
            QTest.qWait(100)  # the layout settles after the data (an empty state gives way to the table)
            name = cls.removesuffix("Page").lower()
            window.grab().save(str(out / f"{name}_{lang}.png"))
            print(out / f"{name}_{lang}.png")
        # two more charts of the Statistics screen (issue 13 point 4): discharges by reason, work done in time
        page = window.show_page("StatisticsPage")
        for chart in ("discharges", "on_time"):
            page.set_chart(chart)
            app.processEvents()
            window.grab().save(str(out / f"statistics_{chart}_{lang}.png"))
            print(out / f"statistics_{chart}_{lang}.png")
        page.set_chart("occupancy")
        dialog_shots(app, ctx, window, out / "dialogs", lang)
    window.close()
    auditor_shots(app, translator, svc, db, out, width, height)


#: the dialogs shot (names of tests/ui/windows.py): what staff open every day, the director's approval, the import
DIALOGS = ("card_personal", "card_movements", "card_casefile", "card_plans", "admit", "temporary_departure",
           "discharge", "transfer", "plan_editor", "monitoring", "queue_RegisterDialog", "queue_OfferDialog",
           "queue_PostponeDialog", "portal_import", "preview", "about", "audit_log", "backups", "correct_entry",
           "plan_approval", "login", "first_run")


def dialog_shots(app, ctx, window, out: Path, lang: str) -> None:
    from tests.ui.windows import dialogs

    out.mkdir(parents=True, exist_ok=True)
    for name, dialog in dialogs(ctx, window):
        if name in DIALOGS:
            app.processEvents()
            path = out / f"{name}_{lang}.png"
            dialog.grab().save(str(path))
            print(path)


def auditor_shots(app, translator, svc, db, out: Path, width: int, height: int) -> None:
    """Issue 10 point 5: the Plans screen as the read-only auditor — every changing button disabled — with the
    tooltip of "Approve" saying who may (drawn in: a tooltip is a window of its own)."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QToolTip

    from app import i18n
    from app.demo import DEMO_DIRECTOR
    from app.domain.enums import Role
    from ui.context import Context
    from ui.main_window import MainWindow

    password = "Аудит-2026-құпия"
    director = svc.people.authenticate(*DEMO_DIRECTOR)
    svc.people.create_user(director, "auditor", "Тексеруші Айжан Серікқызы", Role.AUDITOR, password)
    ctx = Context(svc, svc.people.authenticate("auditor", password), translator, str(db))
    window = MainWindow(ctx)
    window.resize(width, height)
    window.show()
    for lang in i18n.LANGUAGES:
        translator.set_language(lang)
        page = window.show_page("PlansPage")
        app.processEvents()
        while not getattr(page, "up_to_date", True):
            app.processEvents()
        button = page.approve_button
        QToolTip.showText(button.mapToGlobal(QPoint(button.width() // 2, button.height())), button.toolTip(), button)
        app.processEvents()
        shot = window.grab()
        tip = next((w for w in app.topLevelWidgets() if w.metaObject().className() == "QTipLabel" and w.isVisible()),
                   None)
        if tip is not None:
            painter = QPainter(shot)
            painter.drawPixmap(tip.pos() - window.mapToGlobal(QPoint(0, 0)), tip.grab())
            painter.end()
        QToolTip.hideText()
        path = out / f"roles_auditor_{lang}.png"
        shot.save(str(path))
        print(path)
    window.close()


if __name__ == "__main__":
    main()

"""Screenshots for docs/install.kk.md and docs/install.ru.md: the first start (the first-run wizard), the
About dialog (where the data is) and File → Backups (moving to another PC), in Kazakh and in Russian.

    QT_QPA_PLATFORM=offscreen python docs/install_screenshots.py

Writes docs/screenshots/install/<name>_<lang>.png. The setup program's own pages cannot be taken here:
they need Windows (or Wine); see the note in the install guides.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QAMQOR_DATA_DIR"] = tempfile.mkdtemp(prefix="qamqor-install-shots-")


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from app.demo import DEMO_DIRECTOR, build_demo
    from app.services import Services
    from ui.context import Context
    from ui.dialogs.about import AboutDialog
    from ui.dialogs.backups import BackupsDialog
    from ui.dialogs.first_run import FirstRunWizard
    from ui.i18n import Translator

    app = QApplication.instance() or QApplication(sys.argv)
    translator = Translator(app)
    out = ROOT / "docs" / "screenshots" / "install"
    out.mkdir(parents=True, exist_ok=True)
    data = Path(os.environ["QAMQOR_DATA_DIR"])
    empty = Services.open(f"sqlite:///{data / 'empty.sqlite3'}")
    demo = Services.open(f"sqlite:///{data / 'qamqor.sqlite3'}")
    build_demo(demo, residents=20, seed=1)
    ctx = Context(demo, demo.people.authenticate(*DEMO_DIRECTOR), translator, str(data / "qamqor.sqlite3"))
    from app import backup

    backup.backup(demo.engine, "manual", second=False)

    def save(widget, name: str, lang: str) -> None:
        widget.show()
        for _i in range(5):
            app.processEvents()
        path = out / f"{name}_{lang}.png"
        widget.grab().save(str(path))
        print(path)

    for lang in ("kk", "ru"):
        translator.set_language(lang)
        wizard = FirstRunWizard(empty, translator)
        wizard.resize(760, 560)
        save(wizard, "first_run_language", lang)
        wizard.next()
        save(wizard, "first_run_organisation", lang)
        wizard.hide()
        wizard.deleteLater()
        about = AboutDialog(ctx)
        save(about, "about", lang)
        about.hide()
        backups = BackupsDialog(ctx)
        backups.resize(980, 560)
        save(backups, "backups", lang)
        backups.hide()


if __name__ == "__main__":
    main()

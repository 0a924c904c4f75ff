"""Screenshots of issue 12's forms on a demo database, in Kazakh and in Russian, on a 1366×768 screen:
the admission form with a date of birth typed as 15.3.45 and an IIN being typed, and the transfer dialog
with three errors at once, and the sign-in dialog after a wrong password.

    python docs/screenshots_forms.py

Writes docs/screenshots/form_admission_typed_date_<lang>.png, dialog_transfer_three_errors_<lang>.png and
dialog_sign_in_wrong_password_<lang>.png.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
_screen = Path(tempfile.mkdtemp(prefix="qamqor-screen-")) / "screen.json"
_screen.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
                                            "logicalDpi": 96, "logicalWidth": 1366, "logicalHeight": 768}]}))
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_screen}")  # a 1366×768 laptop screen
os.environ.setdefault("QAMQOR_DATA_DIR", tempfile.mkdtemp(prefix="qamqor-shots-"))


def main() -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app import i18n
    from app.demo import DEMO_DIRECTOR, build_demo
    from app.domain.enums import MovementKind, ResidentStatus
    from app.services import Services
    from ui.context import Context
    from ui.dialogs.login import LoginDialog
    from ui.dialogs.movements import AdmitDialog, TransferDialog
    from ui.i18n import Translator

    app = QApplication.instance() or QApplication(sys.argv)
    translator = Translator(app)
    db = Path(tempfile.mkdtemp(prefix="qamqor-shots-db-")) / "demo.sqlite3"
    svc = Services.open(f"sqlite:///{db}")
    build_demo(svc, residents=30, seed=1)
    ctx = Context(svc, svc.people.authenticate(*DEMO_DIRECTOR), translator, str(db))
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    _total, rows = svc.queries.residents(statuses=(ResidentStatus.PRESENT,))
    target = next(r for r in rows if svc.movements.history(r.id)[-1].kind == MovementKind.ADMISSION)
    admitted = svc.movements.history(target.id)[-1].event_date
    for lang in i18n.LANGUAGES:
        translator.set_language(lang)
        admit = AdmitDialog(ctx)
        admit.show()
        f = admit.form.widget
        f("last_name").setText("Сәрсенбаева")
        f("first_name").setText("Әсел")
        f("middle_name").setText("Ғабитқызы")
        f("birth_date").edit.setFocus()
        QTest.keyClicks(f("birth_date").edit, "15.3.45")
        QTest.keyClicks(f("ipr_until").edit, "31.02.2027")  # not a date: said under the field
        f("ipr_until").commit()
        f("birth_date").commit()
        app.processEvents()
        admit.grab().save(str(out / f"form_admission_typed_date_{lang}.png"))
        print(out / f"form_admission_typed_date_{lang}.png")
        admit.close()
        transfer = TransferDialog(ctx, target.id, target.full_name)
        transfer.show()
        transfer.event_date.set_value(admitted - dt.timedelta(days=1))
        transfer.save()
        app.processEvents()
        transfer.grab().save(str(out / f"dialog_transfer_three_errors_{lang}.png"))
        print(out / f"dialog_transfer_three_errors_{lang}.png", transfer.size())
        transfer.close()
        login = LoginDialog(svc)
        login.show()
        login.username.setText(DEMO_DIRECTOR[0])
        login.password.setText("wrong password")
        login._sign_in()
        app.processEvents()
        login.grab().save(str(out / f"dialog_sign_in_wrong_password_{lang}.png"))
        print(out / f"dialog_sign_in_wrong_password_{lang}.png", login.size())
        login.close()


if __name__ == "__main__":
    main()

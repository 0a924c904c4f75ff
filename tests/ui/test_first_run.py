"""First run: language, organisation profile (BIN checked), the director's account; then sign-in."""

import pytest

from app import i18n
from app.domain.enums import OrgType, Role
from app.domain.identity import make_bin
from app.services import Services
from ui.dialogs.first_run import FirstRunWizard
from ui.dialogs.login import LoginDialog


@pytest.fixture
def fresh(tmp_path):
    svc = Services.open(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    yield svc
    svc.engine.dispose()


def fill(wizard, bin_value):
    w = wizard.org.widget
    w("name_kk").setText("«Мейірім» қарттар үйі")
    w("name_ru").setText("Дом престарелых «Мейирим»")
    w("bin").setText(bin_value)
    w("capacity").setValue(40)
    w("director_name").setText("Директорова Алия Маратқызы")
    u = wizard.user.widget
    u("username").setText("aliya")
    u("password").setText("secret12")
    u("password2").setText("secret12")


def test_first_run_creates_the_organisation_and_the_director(fresh, translator, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    wizard = FirstRunWizard(fresh, translator)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.lang_group.buttons()[0].setChecked(True)  # Қазақша
    assert i18n.current_language() == "kk"
    fill(wizard, "123456789012")
    wizard.next()
    assert wizard.validateCurrentPage() is False  # the BIN's check digit is wrong
    assert wizard.org.widget("name_kk").text() == "«Мейірім» қарттар үйі"  # nothing typed is lost
    assert not fresh.organisation.exists()
    wizard.org.widget("bin").setText(make_bin(2012, 3, 55))
    assert wizard.validateCurrentPage()
    wizard.next()
    assert wizard.user.widget("full_name").text() == "Директорова Алия Маратқызы"
    assert wizard.validateCurrentPage()
    org = fresh.organisation.get()
    assert org.capacity == 40 and org.org_type == OrgType.STATIONARY
    assert wizard.actor.role == Role.DIRECTOR
    login = LoginDialog(fresh)
    qtbot.addWidget(login)
    login.username.setText("aliya")
    login.password.setText("wrong-one")
    login._sign_in()
    assert login.actor is None and login.password.text() == "wrong-one"
    login.password.setText("secret12")
    login._sign_in()
    assert login.actor.username == "aliya"


def test_choosing_a_language_on_the_first_page_translates_the_wizard_buttons(fresh, translator, qtbot):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QWizard

    wizard = FirstRunWizard(fresh, translator)
    qtbot.addWidget(wizard)
    wizard.show()
    shown = {}
    for lang, button in (("kk", 0), ("ru", 1)):
        wizard.lang_group.buttons()[button].setChecked(True)
        assert i18n.current_language() == lang
        # Qt's own catalog for that language says what the buttons should read
        expected = QCoreApplication.translate("QWizard", "&Next >"), QCoreApplication.translate("QWizard", "Cancel")
        shown[lang] = (wizard.button(QWizard.WizardButton.NextButton).text(),
                       wizard.button(QWizard.WizardButton.CancelButton).text())
        assert shown[lang] == expected
    assert shown["kk"] != shown["ru"]  # the catalogs were really switched

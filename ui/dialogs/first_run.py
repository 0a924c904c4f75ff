"""First run: the interface language, the organisation profile (the register fields of R-28),
and the director's account — saved together in one transaction at the end."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QLabel, QLineEdit, QRadioButton, QVBoxLayout, QWidget, QWizard, QWizardPage

from app import i18n, settings
from app.domain.enums import OrgType
from app.domain.errors import DomainError
from app.i18n import _
from app.services import Actor, OrganisationInput, Services
from ui.forms import DateField, EnumCombo, Form, line, show_refusal, spin
from ui.i18n import LANGUAGE_NAMES, Translator

_USER_FIELDS = ("username", "full_name", "password", "password2")


class FirstRunWizard(QWizard):
    def __init__(self, services: Services, translator: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.translator = services, translator
        self.actor: Actor | None = None
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(720, 560)
        # language
        self.lang_page = QWizardPage()
        lay = QVBoxLayout(self.lang_page)
        self.lang_group = QButtonGroup(self)
        for code, name in LANGUAGE_NAMES.items():
            rb = QRadioButton(name)
            rb.setChecked(code == i18n.current_language())

            def chosen(on: bool, c: str = code) -> None:
                if on:
                    translator.set_language(c)

            rb.toggled.connect(chosen)
            self.lang_group.addButton(rb)
            lay.addWidget(rb)
        lay.addStretch(1)
        # organisation
        self.org_page = QWizardPage()
        self.org = Form()
        f = self.org
        f.add("name_kk", "Official name in Kazakh", line(max_length=500), required=True)
        f.add("name_ru", "Official name in Russian", line(max_length=500), required=True)
        f.add("bin", "BIN", line(max_length=12))
        f.add("org_type", "Service condition", EnumCombo(OrgType), required=True)
        f.add("capacity", "Capacity", spin(1, 5000, 50), required=True)
        f.add("legal_address", "Legal address", line(max_length=500))
        f.add("director_name", "Director", line(max_length=300))
        f.add("location", "Place where case files are drawn up", line(max_length=300))
        f.add("phone", "Phone number", line(max_length=100))
        f.add("email", "E-mail", line(max_length=200))
        f.add("licence_number", "Licence number", line(max_length=100))
        f.add("licence_issued_on", "Licence issued on", DateField(optional=True))
        f.add("licence_valid_until", "Licence valid until", DateField(optional=True))
        QVBoxLayout(self.org_page).addWidget(self.org)
        # director account
        self.user_page = QWizardPage()
        self.user = Form()
        self.user.add("username", "User name", line(max_length=100), required=True)
        self.user.add("full_name", "Full name", line(max_length=300), required=True)
        pw = self.user.add("password", "Password", line(), required=True)
        pw2 = self.user.add("password2", "Password again", line(), required=True)
        for w in (pw, pw2):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        self.user_note = QLabel()
        self.user_note.setWordWrap(True)
        ul = QVBoxLayout(self.user_page)
        ul.addWidget(self.user_note)
        ul.addWidget(self.user)
        for page in (self.lang_page, self.org_page, self.user_page):
            self.addPage(page)
        self.org.widget("director_name").textChanged.connect(self._copy_director)
        translator.language_changed.connect(lambda _l: self.retranslate_ui())
        self.retranslate_ui()

    def _copy_director(self, text: str) -> None:
        full = self.user.widget("full_name")
        if not full.isModified():
            full.setText(text)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Qamqor: first start"))
        self.lang_page.setTitle(_("Interface language"))
        self.lang_page.setSubTitle(_("You can change it at any time from the Language menu."))
        self.org_page.setTitle(_("Organisation profile"))
        self.org_page.setSubTitle(_("As entered in the register of providers on the social services portal."))
        self.user_page.setTitle(_("The director's account"))
        self.user_note.setText(_("The director approves individual plans; other staff accounts are added later."))
        self.org.retranslate_ui()
        self.user.retranslate_ui()
        # QWizard reads its buttons' texts from Qt's catalog only when the page changes: after a language
        # switch on the first page they would stay in the other language
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                      QWizard.WizardButton.CommitButton, QWizard.WizardButton.FinishButton,
                      QWizard.WizardButton.CancelButton, QWizard.WizardButton.HelpButton):
            self.button(which).setText(self.buttonText(which))

    def org_input(self) -> OrganisationInput:
        w = self.org.widget
        return OrganisationInput(
            name_kk=w("name_kk").text(), name_ru=w("name_ru").text(), org_type=w("org_type").value(),
            capacity=w("capacity").value(), bin=w("bin").text().strip() or None,
            legal_address=w("legal_address").text() or None, director_name=w("director_name").text() or None,
            location=w("location").text() or None, phone=w("phone").text() or None, email=w("email").text() or None,
            licence_number=w("licence_number").text() or None, licence_issued_on=w("licence_issued_on").value(),
            licence_valid_until=w("licence_valid_until").value())

    def validateCurrentPage(self) -> bool:  # noqa: N802 - Qt override
        if self.currentPage() is self.org_page:
            self.org.clear_errors()
            try:
                from app.services.organisation import _validate_org

                _validate_org(self.org_input())
            except DomainError as exc:
                show_refusal(self, exc, self.org)
                return False
            return True
        if self.currentPage() is self.user_page:
            return self._finish()
        return True

    def _finish(self) -> bool:
        self.user.clear_errors()
        w = self.user.widget
        if w("password").text() != w("password2").text():
            self.user.set_error("password2", _("The two passwords differ; type the same password twice."))
            return False
        try:
            self.actor = self.services.organisation.setup(self.org_input(), w("username").text(),
                                                          w("full_name").text(), w("password").text())
        except DomainError as exc:
            form = self.user if exc.field in _USER_FIELDS else self.org
            if form is self.org:
                self.restart()
                self.next()
            show_refusal(self, exc, form)
            return False
        settings.save(language=i18n.current_language())
        return True

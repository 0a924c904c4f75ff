"""The IIN field of a person's form fills in the date of birth and the sex as the digits are typed
(R-32: the first six digits are the birth date, the seventh the century and sex), and says under the
field when the twelve digits are not a valid number."""

from __future__ import annotations

from app.domain.errors import DomainError
from app.domain.identity import IIN, birth_and_sex
from ui.widgets.forms import Form


def follow_iin(form: Form, iin: str = "iin", birth_date: str = "birth_date", sex: str = "sex") -> None:
    """Connect ``form``'s IIN field to its date-of-birth and sex fields."""

    def typed(text: str) -> None:
        found = birth_and_sex(text)
        if found is not None:
            form.widget(birth_date).set_value(found[0])
            form.widget(sex).set_value(found[1])
        if len(text) == 12:
            try:
                IIN.parse(text)
            except DomainError as exc:
                form.set_error(iin, exc.message)

    def check() -> None:  # with the form's other checks before saving
        text = form.widget(iin).text().strip()
        if text:
            IIN.parse(text)

    form.widget(iin).textChanged.connect(typed)
    form.add_check(check)

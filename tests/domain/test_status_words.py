"""A resident's status as staff read it in Russian agrees with a woman ("Морозова Зинаида — выбыла", not "выбыл");
Kazakh has no grammatical gender and says the same words of everyone."""

import pytest

from app.domain.enums import ResidentStatus, Sex
from app.i18n import Message


@pytest.mark.parametrize("status", list(ResidentStatus))
def test_every_status_is_translated_for_a_woman_in_both_languages(status):
    for lang in ("kk", "ru"):
        said = status.text_for(Sex.FEMALE, lang)
        assert said and said != status.msgid  # translated, not the English code word
    assert status.text_for(Sex.FEMALE, "kk") == status.text_for(Sex.MALE, "kk") == status.text("kk")
    assert status.text_for(None, "ru") == status.text_for(Sex.MALE, "ru") == status.text("ru")


def test_russian_says_the_departed_statuses_of_a_woman_in_the_feminine():
    assert [ResidentStatus(s).text_for(Sex.FEMALE, "ru") for s in ("temporarily_absent", "discharged", "transferred")] \
        == ["временно выбыла", "выбыла", "переведена"]
    assert ResidentStatus.DISCHARGED.text_for(Sex.MALE, "ru") == "выбыл"
    assert Message("discharged", context="female").render("ru") == "выбыла"

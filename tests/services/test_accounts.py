"""Signing in (issue 10 point 6): password rules, five failures make a name wait five minutes (known or
not), an unknown name costs the same hash check as a known one, and a reset ends the open sessions."""

import datetime as dt

import pytest

from app.domain.enums import Role, ServiceKind
from app.domain.errors import DomainError, PermissionDenied
from app.services import organisation as accounts
from tests.services.test_people import refused


@pytest.mark.parametrize("password", ["worker1",  # 7 characters: one short of 8
                                      "newworker",  # the user name itself
                                      "rekrowwen",  # … backwards
                                      "12345678", "qwertyuiop", "йцукенгш", "Password1", "aaaaaaaa", "abababab"])
def test_a_weak_password_is_refused_naming_the_field(org, password):
    svc, director, _worker = org
    refused(svc, DomainError, "password", svc.people.create_user, director, "newworker", "Жаңа Қызметкер",
            Role.SOCIAL_WORKER, password)


def test_a_reset_or_changed_password_follows_the_same_rules(org):
    svc, director, worker = org
    refused(svc, DomainError, "new_password", svc.people.reset_password, director, "worker", "qwerty123")
    refused(svc, DomainError, "new_password", svc.people.change_password, worker, "worker12", "Worker")
    svc.people.create_user(director, "aigul", "Айгүл Б.", Role.PSYCHOLOGIST, "Көкжиек-2026")  # a good one


def _clock(monkeypatch, start: dt.datetime):
    moment = [start]
    monkeypatch.setattr(accounts, "now", lambda: moment[0])
    return moment


@pytest.mark.parametrize("name", ["worker", "nobody-here"])
def test_five_failed_sign_ins_make_the_name_wait_five_minutes(org, monkeypatch, name):
    svc, _director, _worker = org
    moment = _clock(monkeypatch, dt.datetime(2026, 12, 5, 9, 0))
    for _ in range(5):
        with pytest.raises(DomainError) as wrong:
            svc.people.authenticate(name.upper(), "not-the-password")
        assert wrong.value.field == "password"
    with pytest.raises(PermissionDenied) as paused:  # even the right password waits
        svc.people.authenticate(name, "worker12")
    assert paused.value.field == "username" and "09:05" in paused.value.render("ru")
    moment[0] += dt.timedelta(minutes=4, seconds=59)
    with pytest.raises(PermissionDenied):
        svc.people.authenticate(name, "worker12")
    moment[0] += dt.timedelta(seconds=1)
    if name == "worker":
        assert svc.people.authenticate(name, "worker12").username == "worker"
    else:
        with pytest.raises(DomainError) as wrong:
            svc.people.authenticate(name, "worker12")
        assert wrong.value.field == "password"  # counting again from one


def test_failures_spread_out_or_followed_by_success_do_not_add_up(org, monkeypatch):
    svc, _director, _worker = org
    moment = _clock(monkeypatch, dt.datetime(2026, 12, 5, 9, 0))
    for _ in range(4):
        with pytest.raises(DomainError):
            svc.people.authenticate("worker", "typo")
    assert svc.people.authenticate("worker", "worker12").username == "worker"  # the count starts again
    for _ in range(4):
        with pytest.raises(DomainError):
            svc.people.authenticate("worker", "typo")
    moment[0] += dt.timedelta(minutes=16)  # a failure after a long pause starts a new count
    with pytest.raises(DomainError) as wrong:
        svc.people.authenticate("worker", "typo")
    assert wrong.value.field == "password"
    assert svc.people.authenticate("worker", "worker12").username == "worker"


def test_an_unknown_name_costs_the_same_hash_check_as_a_known_one(org, monkeypatch):
    svc, _director, _worker = org
    checked = []
    real = accounts._hasher

    class Watched:
        hash = real.hash

        def verify(self, hashed, password):
            checked.append(hashed)
            return real.verify(hashed, password)

    monkeypatch.setattr(accounts, "_hasher", Watched())
    for name in ("worker", "nobody-here"):
        with pytest.raises(DomainError):
            svc.people.authenticate(name, "not-the-password")
    assert len(checked) == 2
    assert [h.split("$")[1:4] for h in checked][0] == [h.split("$")[1:4] for h in checked][1]  # same cost


def test_a_reset_ends_the_sessions_opened_with_the_old_password(org):
    svc, director, worker = org
    svc.people.reset_password(director, "worker", "Жаңа-құпия-2026")
    with pytest.raises(PermissionDenied) as over:
        svc.plans.add_catalog_entry(worker, ServiceKind.SOCIAL_LEGAL, "Құқықтық кеңес", "Правовая консультация")
    assert over.value.field == "username" and "сброшен директором" in over.value.render("ru")
    again = svc.people.authenticate("worker", "Жаңа-құпия-2026")
    svc.plans.add_catalog_entry(again, ServiceKind.SOCIAL_LEGAL, "Құқықтық кеңес", "Правовая консультация")
    # the director's own session goes on
    svc.people.add_staff(director, "Ким В.", "Психолог", Role.PSYCHOLOGIST)


def test_the_program_hashes_passwords_at_argon2s_recommended_cost():
    """The suite hashes its accounts cheaply (tests/conftest.py); the program does not: argon2id with RFC 9106's
    second recommended option (64 MiB, three passes, four lanes), and a hash made so says so."""
    from tests.conftest import PROGRAM_HASHER

    assert (PROGRAM_HASHER.time_cost, PROGRAM_HASHER.memory_cost, PROGRAM_HASHER.parallelism) == (3, 65536, 4)
    assert PROGRAM_HASHER.hash("Qz7-kwrt-93xm").startswith("$argon2id$v=19$m=65536,t=3,p=4$")

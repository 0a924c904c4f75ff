"""Staff members and user accounts edited through the services: stored values, audit entries with
before/after, optimistic locking, who may do what, and nothing changed by a refused call."""

import datetime as dt

import pytest
from sqlalchemy import select

from app.db.models import AuditEntry
from app.domain.enums import Role
from app.domain.errors import Conflict, DomainError, NotFound, PermissionDenied
from app.services import PersonInput
from tests.dump import dump


def audit(svc, action: str) -> list[AuditEntry]:
    with svc.sessions() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def user(svc, username: str):
    return next(u for u in svc.people.users(include_inactive=True) if u.username == username)


def refused(svc, error, field: str | None, call, *args):
    """``call(*args)`` is refused with ``error`` about ``field``, translated, and the database is untouched."""
    before = dump(svc.engine)
    with pytest.raises(error) as exc:
        call(*args)
    assert exc.value.field == field
    assert exc.value.render("kk") != exc.value.render("ru") != exc.value.message.msgid
    after = dump(svc.engine)
    if call == svc.people.authenticate:  # a failed sign-in is counted (five make the name wait), nothing else
        before.pop("sign_in_failure"), after.pop("sign_in_failure")
    assert after == before
    return exc.value


# --- staff -----------------------------------------------------------------------------------------
def test_staff_member_edited_and_taken_off_the_list(org):
    svc, director, worker = org
    added = svc.people.add_staff(director, "Ким Татьяна", "Психолог", Role.PSYCHOLOGIST, 1.0)
    other = svc.people.add_staff(director, "Петрова Нина", "Медбике", Role.MEDICAL, 0.5)
    assert added.version == 1 and added.active

    admin = svc.people.create_user(director, "admin", "Әкімші Ә.", Role.ADMIN, "admin-2026")  # settings: theirs too
    saved = svc.people.update_staff(admin, added.id, "  Ким Татьяна Николаевна ", "Педагог-психолог",
                                    Role.SPECIALIST, 0.75, False, added.version)
    assert saved.version == 2
    stored = {s.id: s for s in svc.people.staff()}
    assert stored[added.id] == saved
    assert (saved.full_name, saved.position, saved.role, saved.fte, saved.active) == (
        "Ким Татьяна Николаевна", "Педагог-психолог", Role.SPECIALIST, 0.75, False)
    assert stored[other.id] == other
    assert sum(s.fte for s in stored.values() if s.active) == 0.5

    [entry] = audit(svc, "staff.update")
    assert (entry.username, entry.entity, entry.entity_id) == ("admin", "staff", added.id)
    assert (entry.before["full_name"], entry.before["active"], entry.before["fte"], entry.before["version"]) == (
        "Ким Татьяна", True, 1.0, 1)
    assert (entry.after["full_name"], entry.after["active"], entry.after["fte"], entry.after["role"]) == (
        "Ким Татьяна Николаевна", False, 0.75, "specialist")

    back = svc.people.update_staff(director, added.id, saved.full_name, saved.position, saved.role, 1,
                                   True, saved.version)
    assert back.active and back.version == 3
    assert {s.id: s for s in svc.people.staff()}[added.id] == back


@pytest.mark.parametrize("change, field", [
    (dict(full_name="  "), "full_name"),
    (dict(position=""), "position"),
    (dict(fte=0), "fte"),
    (dict(fte=2.25), "fte"),
    (dict(role=None), "role"),
])
def test_staff_edit_refused_for_bad_values(org, change, field):
    svc, director, _worker = org
    st = svc.people.add_staff(director, "Ким Татьяна", "Психолог", Role.PSYCHOLOGIST)
    values = dict(full_name="Ким Т.", position="Психолог", role=Role.PSYCHOLOGIST, fte=1.0, active=True) | change
    refused(svc, DomainError, field, lambda: svc.people.update_staff(
        director, st.id, values["full_name"], values["position"], values["role"], values["fte"], values["active"],
        st.version))
    assert svc.people.staff() == [st]


def test_staff_edit_refused_when_someone_changed_it_first_or_it_is_gone(org):
    svc, director, _worker = org
    st = svc.people.add_staff(director, "Ким Татьяна", "Психолог", Role.PSYCHOLOGIST)
    theirs = svc.people.update_staff(director, st.id, "Ким Т. Н.", "Психолог", Role.PSYCHOLOGIST, 1, True, st.version)
    refused(svc, Conflict, "version", lambda: svc.people.update_staff(
        director, st.id, "Ким Татьяна", "Психолог", Role.PSYCHOLOGIST, 0.5, True, st.version))
    refused(svc, NotFound, "id", lambda: svc.people.update_staff(
        director, st.id + 100, "Ким Татьяна", "Психолог", Role.PSYCHOLOGIST, 0.5, True, 1))
    assert svc.people.staff() == [theirs]


# --- user accounts ---------------------------------------------------------------------------------
def test_director_edits_an_account_and_a_switched_off_one_cannot_sign_in(org):
    svc, director, worker = org
    assert (worker.active, worker.version) == (True, 1)
    saved = svc.people.update_user(director, "WORKER", "Маманова Мәдина", Role.PSYCHOLOGIST, False, worker.version)
    assert (saved.username, saved.full_name, saved.role, saved.active, saved.version) == (
        "worker", "Маманова Мәдина", Role.PSYCHOLOGIST, False, 2)
    assert user(svc, "worker") == saved
    assert [u.username for u in svc.people.users()] == ["director"]
    [entry] = audit(svc, "user.update")
    assert (entry.username, entry.entity, entry.entity_id) == ("director", "app_user", worker.user_id)
    assert (entry.before["full_name"], entry.before["role"], entry.before["active"]) == (
        "Маманова М. М.", "social_worker", True)
    assert (entry.after["full_name"], entry.after["role"], entry.after["active"], entry.after["version"]) == (
        "Маманова Мәдина", "psychologist", False, 2)
    assert "password_hash" not in entry.before and "password_hash" not in entry.after

    off = refused(svc, DomainError, "username", svc.people.authenticate, "worker", "worker12")
    wrong = refused(svc, DomainError, "password", svc.people.authenticate, "worker", "worker13")
    assert off.render() != wrong.render()  # a wrong password does not tell the account is switched off

    svc.people.update_user(director, "worker", "Маманова Мәдина", Role.PSYCHOLOGIST, True, saved.version)
    assert svc.people.authenticate("worker", "worker12") == user(svc, "worker")


def test_the_director_and_the_administrator_edit_accounts_and_only_a_director_a_directors(org):
    """Issue 10 point 5: accounts are the director's and the administrator's; a director's account (and
    making one) stays the director's, so the administrator cannot take it over."""
    svc, director, worker = org
    svc.people.add_staff(director, "Ким Татьяна", "Психолог", Role.PSYCHOLOGIST)
    refused(svc, PermissionDenied, None, svc.people.update_user,
            worker, "worker", "Маманова", Role.DIRECTOR, True, worker.version)
    refused(svc, PermissionDenied, None, svc.people.reset_password, worker, "director", "newpass1")
    admin = svc.people.create_user(director, "admin", "Әкімші", Role.ADMIN, "admin-2026")
    refused(svc, PermissionDenied, "role", svc.people.update_user,
            admin, "worker", "Маманова", Role.DIRECTOR, True, worker.version)
    refused(svc, PermissionDenied, "role", svc.people.update_user,
            admin, "director", "Директоров", Role.DIRECTOR, False, 1)
    refused(svc, PermissionDenied, "role", svc.people.reset_password, admin, "director", "newpass1")
    assert user(svc, "worker") == worker
    off = svc.people.update_user(admin, "worker", "Маманова", Role.SOCIAL_WORKER, False, worker.version)
    assert not off.active
    svc.people.reset_password(admin, "worker", "fresh-one")


def test_account_edit_refused_when_changed_meanwhile_or_missing(org):
    svc, director, worker = org
    svc.people.reset_password(director, "worker", "another1")
    refused(svc, Conflict, "version", svc.people.update_user,
            director, "worker", "Маманова", Role.SOCIAL_WORKER, True, worker.version)
    refused(svc, NotFound, "username", svc.people.update_user,
            director, "nobody", "Маманова", Role.SOCIAL_WORKER, True, 1)
    refused(svc, DomainError, "full_name", svc.people.update_user,
            director, "worker", " ", Role.SOCIAL_WORKER, True, 2)


def test_the_last_active_director_stays_and_nobody_switches_off_their_own_account(org):
    svc, director, worker = org
    refused(svc, DomainError, "active", svc.people.update_user,
            director, "director", director.full_name, Role.DIRECTOR, False, director.version)
    last = refused(svc, DomainError, "role", svc.people.update_user,
                   director, "director", director.full_name, Role.SOCIAL_WORKER, True, director.version)
    assert director.full_name in last.render("kk") and director.full_name in last.render("ru")

    second = svc.people.create_user(director, "deputy", "Орынбасаров О.", Role.DIRECTOR, "deputy12")
    refused(svc, DomainError, "active", svc.people.update_user,
            second, "deputy", second.full_name, Role.DIRECTOR, False, second.version)
    # with a second active director, the first may step down; then the second is the last one
    stepped = svc.people.update_user(director, "director", director.full_name, Role.SOCIAL_WORKER, True,
                                     director.version)
    assert stepped.role == Role.SOCIAL_WORKER
    back = svc.people.update_user(second, "director", director.full_name, Role.DIRECTOR, True, stepped.version)
    # the deputy is switched off while still signed in elsewhere: that session can change nothing any more
    off = svc.people.update_user(director, "deputy", second.full_name, Role.DIRECTOR, False, second.version)
    assert not off.active
    refused(svc, PermissionDenied, "username", svc.people.update_user,
            second, "director", director.full_name, Role.DIRECTOR, False, back.version)
    refused(svc, PermissionDenied, "username", svc.people.reset_password, second, "director", "hijacked")
    assert [u.username for u in svc.people.users() if u.role == Role.DIRECTOR] == ["director"]


# --- passwords -------------------------------------------------------------------------------------
def test_own_password_changed_with_the_current_one(org):
    svc, _director, worker = org
    svc.people.change_password(worker, "worker12", "new-secret")
    assert svc.people.authenticate("worker", "new-secret").version == 2
    refused(svc, DomainError, "password", svc.people.authenticate, "worker", "worker12")
    [entry] = audit(svc, "user.password_change")
    assert (entry.username, entry.entity_id, entry.before["version"], entry.after["version"]) == (
        "worker", worker.user_id, 1, 2)
    assert "password_hash" not in entry.before and "password_hash" not in entry.after


def test_own_password_change_ends_the_sessions_open_elsewhere_and_this_one_goes_on(org):
    """One who changes a password someone learnt shuts that person out (a reset did; the change did not)."""
    from app.domain.errors import SessionEnded

    svc, _director, worker = org
    elsewhere = svc.people.authenticate("worker", "worker12")  # the same account signed in on another PC
    here = svc.people.change_password(worker, "worker12", "Жаңа-құпия-77")
    applied = dt.datetime.now() - dt.timedelta(hours=1)
    with pytest.raises(SessionEnded):
        svc.queue.register(elsewhere, PersonInput("Басқа", "Компьютер", iin_missing_reason="жоқ"), applied)
    row = svc.queue.register(here, PersonInput("Сессия", "Жалғасады", iin_missing_reason="жоқ"), applied)
    assert [r.application_id for r in svc.queue.rows()] == [row.application_id]  # this session writes on


def test_an_administrator_cannot_give_their_own_account_another_role(org):
    """The administrator manages accounts and never a person's data: not by making themselves a social worker."""
    svc, director, _worker = org
    admin = svc.people.create_user(director, "admin", "Әкімші Ә.", Role.ADMIN, "admin-2026")
    refused(svc, PermissionDenied, "role", svc.people.update_user, admin, "admin", admin.full_name,
            Role.SOCIAL_WORKER, True, admin.version)
    again = svc.people.update_user(admin, "admin", "Әкімші Әсел", Role.ADMIN, True, admin.version)  # their name: yes
    assert again.full_name == "Әкімші Әсел"
    assert svc.people.update_user(director, "admin", again.full_name, Role.SOCIAL_WORKER, True,
                                  again.version).role == Role.SOCIAL_WORKER  # the director decides


@pytest.mark.parametrize("name", ["system", "SYSTEM", "sy\u0455t\u0435m", "cli:root", "\u0441li:root"])
def test_an_account_cannot_take_the_name_the_audit_log_gives_the_program(org, name):
    svc, director, _worker = org
    refused(svc, DomainError, "username", svc.people.create_user, director, name, "Жүйе", Role.SOCIAL_WORKER,
            "Құпия-сөз-2026")


def test_own_password_change_refused(org):
    svc, director, worker = org
    refused(svc, DomainError, "old_password", svc.people.change_password, worker, "worker13", "new-secret")
    refused(svc, DomainError, "old_password", svc.people.change_password, worker, "", "new-secret")
    refused(svc, DomainError, "new_password", svc.people.change_password, worker, "worker12", "short")
    svc.people.update_user(director, "worker", worker.full_name, worker.role, False, worker.version)
    refused(svc, DomainError, "username", svc.people.change_password, worker, "worker12", "new-secret")
    assert svc.people.authenticate("director", "director1") == user(svc, "director")


def test_director_resets_another_accounts_password_not_their_own(org):
    svc, director, worker = org
    svc.people.reset_password(director, "worker", "fresh-one")
    assert svc.people.authenticate("worker", "fresh-one").version == 2
    [entry] = audit(svc, "user.password_reset")
    assert (entry.username, entry.entity_id) == ("director", worker.user_id)
    assert "password_hash" not in entry.after
    refused(svc, DomainError, "username", svc.people.reset_password, director, "Director", "newpass1")
    refused(svc, DomainError, "new_password", svc.people.reset_password, director, "worker", "12345")
    refused(svc, NotFound, "username", svc.people.reset_password, director, "nobody", "newpass1")
    assert svc.people.authenticate("director", "director1").version == 1


def test_users_list_shows_switched_off_accounts_only_when_asked(org):
    svc, director, worker = org
    svc.people.update_user(director, "worker", worker.full_name, worker.role, False, worker.version)
    assert [(u.username, u.active) for u in svc.people.users()] == [("director", True)]
    assert [(u.username, u.active, u.version) for u in svc.people.users(include_inactive=True)] == [
        ("director", True, 1), ("worker", False, 2)]


# --- review fixes: names in any letter case, who adds a director, edits at the same moment -------------
def test_cyrillic_user_names_are_found_in_any_letter_case(org):
    svc, director, _worker = org
    svc.people.create_user(director, "Айгүл", "Айгүл Серікқызы", Role.SOCIAL_WORKER, "aigul123")
    assert svc.people.authenticate("айгүл", "aigul123").username == "Айгүл"
    assert svc.people.authenticate("АЙГҮЛ", "aigul123").username == "Айгүл"
    refused(svc, DomainError, "username", svc.people.create_user, director, "айгүл", "Басқа", Role.MEDICAL,
            "other123")
    svc.people.reset_password(director, "АЙГҮЛ", "fresh-one")
    assert svc.people.authenticate("Айгүл", "fresh-one").version == 2


def test_only_a_director_adds_a_director(org):
    svc, director, _worker = org
    admin = svc.people.create_user(director, "admin", "Әкімшіл Ә.", Role.ADMIN, "admin-2026")
    refused(svc, PermissionDenied, "role", svc.people.create_user, admin, "boss", "Бастық Б.", Role.DIRECTOR,
            "boss1234")
    assert svc.people.create_user(admin, "nurse", "Мейірбике М.", Role.MEDICAL, "nurse-2026").role == Role.MEDICAL


def test_a_row_saved_by_someone_else_between_reading_and_writing_is_a_conflict(org):
    """The version check is in the UPDATE itself: a save that read version 1 and writes after another
    save made it 2 changes nothing (not only when the versions differ at the time of reading)."""
    from app.db.models import Staff

    svc, director, worker = org
    added = svc.people.add_staff(director, "Ким Татьяна", "Психолог", Role.PSYCHOLOGIST, 1.0)
    with pytest.raises(Conflict) as exc:
        with svc.people.unit(worker) as s:
            row = s.get(Staff, added.id)
            svc.people.update_staff(director, added.id, "Ким Т. Н.", "Психолог", Role.PSYCHOLOGIST, 1.0, True,
                                    added.version)  # another PC saves meanwhile
            row.position = "Педагог-психолог"
            s.flush()
    assert exc.value.field == "version"
    [stored] = [x for x in svc.people.staff() if x.id == added.id]
    assert (stored.full_name, stored.position, stored.version) == ("Ким Т. Н.", "Психолог", 2)

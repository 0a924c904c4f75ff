"""Issue 12, point 3 on both engines: every list of names in Kazakh alphabetical order, by the stored key
kept by the services on every insert and update. Expected orders come from the alphabet of the issue."""

import datetime as dt

from app.domain.enums import Role
from app.services import PersonInput
from tests.domain.test_names import reference

SURNAMES = ["Соколова", "Сәрсенбаев", "Тұрсынов", "Төлеуов", "Үсенов", "Ұлықов", "Уәлиев", "Ілиясов", "Ыбыраев",
            "Һашимов", "Ақанов", "Аканов", "Ғалымов", "Гаухаров", "Қасымов", "Касымов", "Ңаев", "Нұров", "Өмірзақов",
            "Оразов", "Әлиев", "Ахметов", "Ёлкин", "Ежов", "Ширин", "Щукин", "Эрназаров", "Юсупов", "Яковлев",
            "Smith", "Жанқожа", "Зейнолла", "Ибраев", "Йодов", "Лұқпан", "Мұратов", "Пак", "Рахимов", "Фархат",
            "Хасенов", "Цой", "Чурин", "Бекқожа", "Вахитов", "Дәулетов"]


def _register(svc, actor, surnames):
    for i, surname in enumerate(surnames):
        svc.queue.register(actor, PersonInput(surname, "Арман", iin_missing_reason="құжаттары жоқ"), dt.datetime(2026, 1, 1, 9) + dt.timedelta(minutes=i))


def test_residents_are_listed_in_kazakh_order_and_a_renamed_one_moves(org):
    svc, director, _worker = org
    _register(svc, director, SURNAMES)
    _total, rows = svc.queries.residents(sort="name")
    names = [r.full_name for r in rows]
    assert names == sorted(names, key=reference)
    assert names.index("Сәрсенбаев Арман") < names.index("Соколова Арман")
    assert names.index("Төлеуов Арман") < names.index("Тұрсынов Арман")
    assert names[-1] == "Smith Арман"  # Latin after
    _total, backwards = svc.queries.residents(sort="name", descending=True)
    assert [r.full_name for r in backwards] == names[::-1]
    # an update keeps the key: Ыбыраев becomes Әбдірахманов and moves to the front
    row = next(r for r in rows if r.full_name == "Ыбыраев Арман")
    person = svc.residents.get(row.id)
    svc.residents.update(director, row.id, PersonInput("Әбдірахманов", "Арман", iin_missing_reason="құжаттары жоқ"), person.version)
    _total, rows = svc.queries.residents(sort="name")
    names = [r.full_name for r in rows]
    assert names == sorted(names, key=reference)
    assert names.index("Әбдірахманов Арман") == names.index("Ахметов Арман") + 1  # the А names, then Ә


def test_staff_and_accounts_are_listed_in_kazakh_order(org):
    svc, director, _worker = org
    for i, surname in enumerate(["Тұрсынов Т.", "Төлеуов Т.", "Сәрсенбаева С.", "Соколова С.", "Іздібаев І."]):
        svc.people.add_staff(director, surname, "Әлеуметтік қызметкер", Role.SOCIAL_WORKER)
        svc.people.create_user(director, f"user{i}", surname, Role.SOCIAL_WORKER, f"password{i}x")
    staff = [s.full_name for s in svc.people.staff()]
    assert staff == sorted(staff, key=reference)
    users = [u.full_name for u in svc.people.users()]
    assert users == sorted(users, key=reference)
    assert users.index("Сәрсенбаева С.") < users.index("Соколова С.")


def test_the_command_line_lists_residents_in_kazakh_order(tmp_path, capsys):
    from app.cli import main
    from tests.conftest import make_services

    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    svc, director, _worker = make_services(url)
    _register(svc, director, ["Соколова", "Тұрсынов", "Сәрсенбаев", "Төлеуов"])
    svc.engine.dispose()
    capsys.readouterr()
    assert main(["residents", "list", "--db", url.removeprefix("sqlite:///")]) == 0
    out = capsys.readouterr().out
    positions = [out.index(name) for name in ("Сәрсенбаев", "Соколова", "Төлеуов", "Тұрсынов")]
    assert positions == sorted(positions)


def test_a_portal_queue_import_stores_the_keys_of_the_people_it_adds(org):
    """The import writes its new people in bulk (no ORM), so it computes their keys itself."""
    from app.domain.enums import Sex
    from app.domain.identity import make_iin
    from app.portal.records import Kind, ParseResult, QueueApplicationRecord
    from app.services.exchange import ExchangeService

    svc, _director, worker = org
    surnames = ["Тұрсынова", "Соколова", "Төлеуова", "Сәрсенбаева", "Ілиясова", "Ыбыраева"]
    recs = [QueueApplicationRecord(s, "Айгүл", dt.date(1950, 1, 1 + i), dt.datetime(2026, 3, 1 + i, 10),
                                   portal_number=f"SOC-{i}", iin=make_iin(dt.date(1950, 1, 1 + i), Sex.FEMALE, 10 + i))
            for i, s in enumerate(surnames)]
    ExchangeService(svc.sessions).import_queue(worker, ParseResult(records=tuple(recs), problems=(), kind=Kind.QUEUE))
    _total, rows = svc.queries.residents(sort="name")
    names = [r.full_name for r in rows]
    assert names == sorted(names, key=reference) == ["Сәрсенбаева Айгүл", "Соколова Айгүл", "Төлеуова Айгүл",
                                                     "Тұрсынова Айгүл", "Ыбыраева Айгүл", "Ілиясова Айгүл"]

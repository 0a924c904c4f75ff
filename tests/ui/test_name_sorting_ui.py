"""Issue 12, point 3 in the GUI: a column of names sorts in Kazakh alphabetical order (its sort role gives the
name's key), in both directions, whatever the language (the residents list is sorted in SQL: tests/services)."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt

from app import i18n
from tests.domain.test_names import reference
from ui.models.table import SORT_ROLE, RowsModel, name_column

NAMES = ["Соколова Анна", "Тұрсынов Мұхтар", "Сәрсенбаев Ерлан", "Төлеуов Бақыт", "Ілиясов Арман", "Ыбыраев Ер",
         "Smith John", "Үсенов Ұлан", "Ұлықов Үсен"]


def test_a_name_column_sorts_in_kazakh_order_both_ways_in_both_languages(qapp):
    model = RowsModel([name_column("Full name", lambda n: n)])
    model.set_rows(NAMES)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    expected = sorted(NAMES, key=reference)
    for lang in ("kk", "ru"):
        i18n.set_language(lang)
        proxy.sort(0, Qt.SortOrder.AscendingOrder)
        assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == expected
        proxy.sort(0, Qt.SortOrder.DescendingOrder)
        assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == expected[::-1]


def test_every_column_of_peoples_names_sorts_in_kazakh_order(qapp):
    """Each module-level column list of the GUI: a column headed by a person's name is a ``name_column`` (the
    dashboard's plans awaiting approval once sorted by code point). The audit log's Person column is not
    sortable (its model sorts in SQL by time, user and action only); the paged lists sort in SQL by name_key."""
    import importlib
    import pkgutil

    import ui
    from ui.models.table import Column

    headers = {"Resident", "Full name", "Person", "Staff member", "Name"}
    found = []
    for info in pkgutil.walk_packages(ui.__path__, "ui."):
        if info.name == "ui.models.audit":
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, list) and value and all(isinstance(c, Column) for c in value):
                for column in value:
                    if column.header in headers and type(column) is Column:  # a PagedColumn sorts in SQL
                        found.append(column)
                        sort = column.sort
                        assert sort is not None and sort.__qualname__.startswith("name_column."), \
                            f"{info.name}: «{column.header}» sorts by code point, not by name_column's key"
    assert found  # the check saw the name columns it is about

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

"""The main window: every screen reachable, status bar, and a language switch that leaves no
visible text in the other language (issue 3)."""

import re

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QLineEdit, QTableView, QTabWidget

from app import i18n
from ui.main_window import PAGES, MainWindow

# letters only Kazakh uses; and a few common Russian words that Kazakh text never contains
KAZAKH_ONLY = re.compile("[әғқңөұүһі]", re.IGNORECASE)
RUSSIAN_WORDS = re.compile(r"\b(и|или|для|при|дата|приказ|журнал регистрации|поступления|выбытия|очередь|план)\b",
                           re.IGNORECASE)


ENGLISH = re.compile(r"\b[A-Za-z]{3,}\b")
ALLOWED_LATIN = re.compile(r"\b(Ctrl|Alt|Shift|Ins|Del|Enter|Esc|PDF|Qamqor|xlsx|csv|json|KZ\w*)\b")


def visible_texts(window) -> list[str]:
    texts = [window.windowTitle()]
    for w in window.findChildren(QLabel) + window.findChildren(QAbstractButton) + window.findChildren(QGroupBox):
        if w.isVisibleTo(window):
            texts.append(w.text() if not isinstance(w, QGroupBox) else w.title())
    for w in window.findChildren(QLineEdit):
        if w.isVisibleTo(window):
            texts.append(w.placeholderText())
    for tabs in window.findChildren(QTabWidget):
        if tabs.isVisibleTo(window):
            texts += [tabs.tabText(i) for i in range(tabs.count())]
    for view in window.findChildren(QTableView):
        if view.isVisibleTo(window) and view.model() is not None:
            m = view.model()
            texts += [str(m.headerData(c, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.Orientation.Horizontal))
                      for c in range(m.columnCount())]
    for menu in window.menuBar().actions():
        texts.append(menu.text())
        texts += [a.text() for a in menu.menu().actions()] if menu.menu() else []
    texts += [window.nav.item(i).text() for i in range(window.nav.count())]
    return [t for t in texts if t]


def data_strings(ctx) -> list[str]:
    """Names of people, the organisation and places come from the data, in whatever language they were typed."""
    org = ctx.services.organisation.get()
    people = [u.full_name for u in ctx.services.people.users()] + [s.full_name for s in ctx.services.people.staff()]
    _t, residents = ctx.services.queries.residents()
    people += [r.full_name for r in residents]
    return sorted({x for x in [org.name_kk, org.name_ru, org.director_name, org.location, org.legal_address,
                               ctx.database, "Қазақша", "Русский", *people] if x}, key=len, reverse=True)


def foreign(texts: list[str], lang: str, data: list[str]) -> list[str]:
    found = []
    for t in texts:
        clean = t
        for d in data:
            clean = clean.replace(d, "")
        if lang == "ru" and KAZAKH_ONLY.search(clean):
            found.append(t)
        if lang == "kk" and RUSSIAN_WORDS.search(clean) and not KAZAKH_ONLY.search(clean):
            found.append(t)
        if ENGLISH.search(ALLOWED_LATIN.sub("", clean)):  # a string that was never translated
            found.append(t)
    return found


def test_every_screen_opens_and_the_status_bar_names_database_and_user(director_ctx, qtbot):
    w = MainWindow(director_ctx)
    qtbot.addWidget(w)
    w.show()
    for i, (_m, cls, _t) in enumerate(PAGES):
        w.nav.setCurrentRow(i)
        assert type(w.current_page()).__name__ == cls
    assert director_ctx.database in w.db_label.toolTip() and director_ctx.database not in w.db_label.text()
    assert director_ctx.actor.full_name in w.user_label.text()


def test_language_switch_changes_every_visible_text_without_restart(director_ctx, qtbot):
    w = MainWindow(director_ctx)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    data = data_strings(director_ctx)
    for lang in ("kk", "ru", "kk"):
        w.lang_actions[lang].trigger()
        assert i18n.current_language() == lang
        for i in range(len(PAGES)):
            w.nav.setCurrentRow(i)
            qtbot.wait(1)
            bad = foreign(visible_texts(w), lang, data)
            assert not bad, f"{PAGES[i][1]} in {lang}: {bad[:5]}"


def test_keyboard_reaches_every_screen(director_ctx, qtbot):
    from PySide6.QtCore import Qt

    w = MainWindow(director_ctx)
    qtbot.addWidget(w)
    w.show()
    for i in range(len(PAGES)):
        w.go_actions[i].trigger()
        assert w.stack.currentIndex() == i
    qtbot.keyClick(w.nav, Qt.Key.Key_Up)
    assert w.stack.currentIndex() == len(PAGES) - 2


def test_an_action_confirms_in_the_status_bar_with_a_link_to_the_card(director_ctx, qtbot):
    w = MainWindow(director_ctx)
    qtbot.addWidget(w)
    w.show()
    rid = director_ctx.services.queries.residents()[1][0].id
    opened = []
    w.ctx.open_resident.connect(opened.append)
    w.ctx.tell("Выбытие записано: Ахметов Асқар; приказ № 30-ж от 05.12.2026.", rid)
    assert w.notice_label.isVisible()
    assert "Ахметов Асқар" in w.notice_label.text() and 'href="card"' in w.notice_label.text()
    w.notice_label.linkActivated.emit("card")
    assert opened == [rid]
    w.ctx.tell("Сохранено.")  # no person: no link
    assert 'href' not in w.notice_label.text()

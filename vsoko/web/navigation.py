"""The sections of the main menu: one registry, read by the menu and by the placeholder pages.

A section not yet built by its app answers with an honest placeholder from
vsoko.web (the web app is included last in vsoko/urls.py, so as soon as the
owning app routes the path, its page wins).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from vsoko.accounts import permissions


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    path: str
    # What the section will hold, shown while it is not built yet.
    promise: str
    visible: Callable[[object], bool] = lambda user: True
    # The page the menu opens for the user when it is not `path` (the observer's municipal summary).
    landing: Callable[[object], str | None] = lambda user: None


SECTIONS: tuple[Section, ...] = (
    Section("overview", "Обзор", "/", "Сводка по школе за выбранный учебный год."),
    Section(
        "indicators", "Показатели", "/indicators/",
        "Каталог критериев и показателей ВСОКО, их значения за учебный год с динамикой "
        "за три года, целевыми значениями и сравнением с муниципалитетом и регионом.",
    ),
    Section(
        "assessments", "Оценочные процедуры", "/assessments/",
        "Результаты ВПР, ОГЭ, ЕГЭ, итогового собеседования и сочинения, региональных и "
        "административных работ: распределение баллов, анализ по заданиям, сравнение "
        "отметок за работу с отметками по журналу.",
    ),
    Section(
        "progress", "Успеваемость", "/progress/",
        "Итоги четверти, триместра, полугодия и года по отметкам за период: классы и школа, "
        "сравнение с прошлым периодом и прошлым годом, предметы, справка в Word.",
    ),
    Section(
        "attendance", "Посещаемость", "/attendance/",
        "Пропуски уроков и дней по классам за месяц, четверть, год: по болезни, без уважительной причины; "
        "кто пропускает без уважительной причины; заболеваемость (п. 4.4.6 положения).",
    ),
    Section(
        "support", "Работа с неуспевающими", "/support/",
        "Обучающиеся с «2», «н/а» по итогам периода, с «2» за ВПР, условно переведённые: индивидуальное "
        "сопровождение (причины, меры, ответственные, сроки) и результат на конец следующего периода.",
        visible=lambda user: permissions.can_view_support(user),
    ),
    Section(
        "diagnostics", "Диагностики", "/diagnostics/",
        "Мониторинговые диагностики обучающихся (п. 4.4 положения): готовность к школе и адаптация 1 класса, "
        "адаптация 5 класса, тревожность, воспитанность, здоровье — распределение по уровням и динамика.",
        visible=lambda user: permissions.can_view_diagnostics(user),
    ),
    Section(
        "surveys", "Анкеты", "/surveys/",
        "Анкетирование родителей и обучающихся об удовлетворённости качеством образования: "
        "анкеты, ссылки для ответа, сводка ответов по вопросам и классам.",
        visible=lambda user: permissions.can_run_surveys(user),
    ),
    Section(
        "plan", "План мониторинга", "/plan/",
        "План-график мониторинга на учебный год: что измеряется, когда, кто отвечает, "
        "и отметки о выполнении.",
    ),
    Section(
        "schedule", "График работ", "/schedule/",
        "Единый график оценочных процедур на полугодие: ВПР, НИКО, региональные и школьные контрольные работы "
        "по классам и датам, проверка нагрузки (не больше одной работы в день, 10 % часов предмета) и файлы для "
        "сайта школы.",
    ),
    Section(
        "decisions", "Решения", "/decisions/",
        "Управленческие решения по итогам ВСОКО: что решено, где принято, кто отвечает, срок, исполнение "
        "и изменение показателей в следующем году.",
        visible=lambda user: permissions.can_view_decisions(user),
    ),
    Section(
        "observations", "Посещение уроков", "/observations/",
        "Журнал посещения уроков и внеклассных мероприятий (внутришкольный контроль): цель, технологии и ИКТ, "
        "оценка урока по критериям, выводы и рекомендации, сводка по учителям.",
        visible=lambda user: permissions.can_view_observations(user),
    ),
    Section(
        "oversight", "Внешняя оценка", "/oversight/",
        "Лицензия и аккредитация, проверки контрольно-надзорных органов и устранение нарушений, независимая "
        "оценка качества условий (НОКО), общественные наблюдатели на оценочных процедурах.",
        visible=lambda user: permissions.can_view_oversight(user),
    ),
    Section(
        "siteaudit", "Аудит сайта", "/siteaudit/",
        "Аудит документов на официальном сайте школы: раздел «Сведения об образовательной организации» по "
        "перечню, автоматическая проверка страниц, акт аудита и перечень замечаний.",
        visible=lambda user: permissions.can_view_site_audits(user),
        landing=lambda user: "/siteaudit/schools/" if permissions.works_above_schools(user) else None,
    ),
    Section(
        "preschool", "Дошкольное образование", "/preschool/",
        "Мониторинг качества дошкольного образования: уровни качества показателей по областям положения в каждой "
        "дошкольной группе, динамика, зоны роста, выводы и меры, справка в Word.",
        visible=lambda user: _preschool_visible(user),
    ),
    Section(
        "rating", "Рейтинг педагогов", "/rating/",
        "Оценочные листы эффективности деятельности педагогов: самооценка по критериям, проверка комиссией, "
        "рейтинг и стимулирующие выплаты, протокол комиссии.",
        visible=lambda user: permissions.can_view_rating(user),
    ),
    Section(
        "inquiries", "Запросы", "/inquiries/",
        "Запросы и анкеты органов управления образованием (п. 7.8–7.11 положения): контекстная информация школ, "
        "анкеты руководителей, муниципальные показатели — кто ответил, сводка по вопросам, Excel.",
        visible=lambda user: permissions.uses_inquiries(user),
    ),
    Section(
        "compare", "Сравнение школ", "/compare/",
        "Школы муниципалитета рядом: значения ключевых показателей, места, значение всех школ вместе "
        "и группы школ, похожих по результатам.",
        visible=lambda user: permissions.works_above_schools(user),
    ),
    Section(
        "collection", "Сбор данных", "/compare/collection/",
        "Что загрузила за учебный год каждая школа муниципалитета — обучающиеся, отметки, педагоги, ВПР, ОГЭ, ЕГЭ, "
        "анкеты, показатели, вводимые вручную, — и кто ещё не сдал данные.",
        visible=lambda user: permissions.works_above_schools(user),
    ),
    Section(
        "reports", "Отчёты", "/reports/",
        "Аналитическая справка, отчёт о самообследовании, публичный доклад и таблицы Excel "
        "с диаграммами — формируются по данным выбранного года.",
        visible=lambda user: permissions.can_make_reports(user),
    ),
    Section(
        "data", "Данные", "/data/",
        "Загрузка пакета данных (Excel или CSV) с проверкой всех строк, история загрузок "
        "и ввод значений вручную.",
        visible=lambda user: permissions.can_manage_data(user),
    ),
)


def _preschool_visible(user) -> bool:
    # Imported here: the section's rule asks the app's models, which are not ready when this module loads.
    from vsoko.preschool.access import shows_section

    return shows_section(user)


SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}


def sections_for(user) -> list[Section]:
    return [replace(section, path=section.landing(user) or section.path) for section in SECTIONS if section.visible(user)]


@dataclass(frozen=True)
class MenuGroup:
    """Sections under one heading of the menu (a drop-down on a wide screen)."""

    key: str
    title: str
    sections: tuple[Section, ...]


# Sections that belong together, so that the menu stays one line however many sections the school has.
GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("results", "Результаты", ("indicators", "assessments", "progress", "attendance", "support", "diagnostics")),
    ("monitoring", "Мониторинг", ("plan", "schedule", "surveys", "observations", "oversight", "siteaudit",
                                  "preschool", "rating", "inquiries")),
)
GROUP_OF = {key: (group, title) for group, title, keys in GROUPS for key in keys}


def menu_for(user) -> list[Section | MenuGroup]:
    """The menu: sections in their order, a group where its first section would stand. A group of which
    the user sees one section only is that section itself."""
    visible = sections_for(user)
    members: dict[str, list[Section]] = {}
    for group, _, keys in GROUPS:  # in the group's own order
        members[group] = [section for key in keys for section in visible if section.key == key]
    menu: list[Section | MenuGroup] = []
    for section in visible:
        group = GROUP_OF.get(section.key, (None,))[0]
        if group is None or len(members[group]) == 1:
            menu.append(section)
        elif section is min(members[group], key=visible.index):
            menu.append(MenuGroup(group, GROUP_OF[section.key][1], tuple(members[group])))
    return menu


# Pages of the header's links («Пользователи», «Сменить пароль»): no section of the menu is theirs.
HEADER_PAGES = ("/users/", "/password/")


def current_section(path: str) -> Section | None:
    """The section the path belongs to: the longest matching prefix (the overview owns only "/…" pages of its own)."""
    if path.startswith(HEADER_PAGES):
        return None
    matches = [s for s in SECTIONS if s.path != "/" and path.startswith(s.path)]
    if matches:
        return max(matches, key=lambda s: len(s.path))
    return SECTIONS_BY_KEY["overview"]

"""Аналитическая справка по результатам ВСОКО муниципалитета: the yearly report on a municipality's schools for
the education department (положение 004, п. 8: ранжирование, кластерный анализ, адресная работа со школами).

Everything comes from the «Сравнение школ» functions (vsoko.comparison.schools): the key indicators the page
selects by default, the all-schools value from the schools' data values summed (a ratio of sums, never a mean
of the schools' percentages), the ranks and the groups of similar schools. The document leaves the system, so
it is made for a reader who sees no pupils, whoever makes it: a share whose denominator is below
VSOKO_MIN_GROUP_SIZE is «—*» and takes no rank (docs/comparison.md, «Малые группы»). No pupil is named.
"""

from __future__ import annotations

from fractions import Fraction

from django.conf import settings

from vsoko.analysis import figures as fig
from vsoko.analysis.access import Privacy
from vsoko.analysis.year import KIND_GROUPS
from vsoko.comparison.schools import (
    Comparison,
    Figure,
    compare_schools,
    default_indicators,
    offered_indicators,
    total_of,
)
from vsoko.indicators.dashboard import Line
from vsoko.indicators.enums import Direction, Status
from vsoko.indicators.models import Catalog, Indicator
from vsoko.indicators.values import CORE
from vsoko.records.models import OrgUnit
from vsoko.records.schools import name_order
from vsoko.reports.cells import change_cell, chart, trend, value_cell, year_label
from vsoko.reports.document import (
    HIDDEN,
    Cell,
    Document,
    Heading,
    Number,
    Paragraph,
    Section,
    Table,
    cell_text,
)

TITLE = "Аналитическая справка по результатам ВСОКО муниципалитета"
TREND_WORDS = {Status.BETTER: "улучшение", Status.WORSE: "ухудшение"}


class CatalogNotFound(Exception):
    """The catalog asked for is not one of the shipped catalogs; the message lists their codes."""


def build(municipality: OrgUnit, year: int, catalog: str | None = None) -> Document:
    chosen = shipped_catalog(catalog)
    schools = sorted(municipality.descendant_schools(), key=name_order)
    indicators = default_indicators(chosen, offered_indicators(chosen))
    document = Document(f"{TITLE} за {year_label(year)} учебный год", [
        municipality.name, f"Школ: {len(schools)}. Показатели: {chosen.name} — ключевые, как на странице «Сравнение "
        "школ».", f"Динамика за три учебных года: {year_label(year - 2)} — {year_label(year)}"])
    if not schools or not indicators:
        document.section("Показатели муниципалитета").blocks.append(Paragraph(
            "Школ муниципалитета в системе нет." if not schools else f"В каталоге «{chosen.name}» нет показателей "
            "с направлением, по которым можно сравнивать школы."))
        return document
    comparison = compare_schools(schools, year, indicators, hides_small_groups=lambda school: True)
    dynamics_section(document.section("Показатели муниципалитета за три года"), comparison, schools)
    ranking_section(document.section("Места школ по показателям"), comparison)
    groups_section(document.section("Группы похожих школ"), comparison)
    attention_section(document.section("Школы, требующие внимания"), comparison)
    procedures_section(document.section("Результаты ВПР, ОГЭ и ЕГЭ по школам"), schools, year)
    return document


def shipped_catalog(code: str | None) -> Catalog:
    """A catalog shipped with vsoko (not a school's own), by code; the core catalog without one."""
    catalogs = Catalog.objects.filter(school__isnull=True).order_by("code")
    found = catalogs.filter(code=code or CORE).first()
    if found is None:
        codes = ", ".join(catalogs.values_list("code", flat=True)) or "нет ни одного (загрузите каталоги)"
        raise CatalogNotFound(f"Каталог «{code or CORE}» не найден. Коды каталогов: {codes}.")
    return found


def judged(indicator: Indicator) -> bool:
    return indicator.direction in (Direction.UP, Direction.DOWN)


def figure_cell(figure: Figure, indicator: Indicator) -> Cell:
    return HIDDEN if figure.withheld else value_cell(figure.value, indicator.unit)


def dynamics_section(section: Section, comparison: Comparison, schools: list[OrgUnit]) -> None:
    """The municipality's value of each indicator for the year and the two before, with the change and a chart."""
    year, indicators = comparison.year, comparison.indicators
    earlier = {y: total_of(schools, y, indicators) for y in (year - 2, year - 1)}
    table = Table(["Показатель", *(year_label(y) for y in (year - 2, year - 1, year)), "Изменение за год",
                   "Оценка изменения"])
    lines = []
    for n, indicator in enumerate(indicators):
        values = [(y, earlier[y][n]) for y in (year - 2, year - 1)] + [(year, comparison.total[n].value)]
        before, now = values[1][1].value, values[2][1].value
        line = Line(indicator, values, None if before is None or now is None else now - before, None, [], None)
        lines.append(line)
        table.add(indicator.name, *(value_cell(v, indicator.unit) for _, v in values),
                  change_cell(line.change, indicator.unit), TREND_WORDS.get(trend(line), "—"))
    table.notes.append("Значение муниципалитета — все школы вместе: отношение сумм данных школ (например, "
                       "отличников и хорошистов всех школ ко всем аттестованным), а не среднее процентов школ.")
    section.blocks += [*(chart(line) for line in lines if any(v.value is not None for _, v in line.values)), table]


def ranking_section(section: Section, comparison: Comparison) -> None:
    """Per indicator with a direction: the schools by place, the best and the weakest named."""
    for n, indicator in enumerate(comparison.indicators):
        if not judged(indicator):
            continue
        ordered = sorted(comparison.lines, key=lambda line: (line.figures[n].rank is None, line.figures[n].rank or 0,
                                                             line.school.name))
        table = Table(["Место", "Школа", "Значение"])
        for line in ordered:
            figure = line.figures[n]
            table.add(Number.of(figure.rank, 0) if figure.rank else "—", line.school.name,
                      figure_cell(figure, indicator))
        section.blocks += [Heading(indicator.name), Paragraph(extremes_sentence(comparison, n)), table]
    section.blocks.append(Paragraph(
        f"Место — среди школ со значением: 1 — лучшее с учётом направления показателя; равные значения делят "
        f"место, следующее пропускается (1, 2, 2, 4). {HIDDEN.text} — доля по группе меньше "
        f"{settings.VSOKO_MIN_GROUP_SIZE} человек: скрыта и места не получает."))


def extremes_sentence(comparison: Comparison, n: int) -> str:
    indicator = comparison.indicators[n]
    ranked = [line for line in comparison.lines if line.figures[n].rank]
    if not ranked:
        return "Значений, по которым школы можно расставить по местам, нет."
    last = max(line.figures[n].rank for line in ranked)

    def named(rank: int) -> str:
        return "; ".join(f"{line.school.name} ({cell_text(figure_cell(line.figures[n], indicator))})"
                         for line in ranked if line.figures[n].rank == rank)

    total = cell_text(value_cell(comparison.total[n].value, indicator.unit))
    if last == 1:
        return f"У всех школ со значением результат одинаковый: {named(1)}. Все школы вместе — {total}."
    return f"Лучший результат: {named(1)}. Самый низкий: {named(last)}. Все школы вместе — {total}."


def groups_section(section: Section, comparison: Comparison) -> None:
    indicators = comparison.indicators
    table = Table(["Группа", "Школы", *(i.name for i in indicators)])
    for group in comparison.groups:
        table.add(f"Группа {group.number} ({len(group.schools)} шк.)", "; ".join(s.name for s in group.schools),
                  *(figure_cell(f, i) for f, i in zip(group.figures, indicators, strict=True)))
    ungrouped = [line.school.name for line in comparison.lines if line.group is None]
    section.blocks += [Paragraph(
        "Метод k-средних по стандартизованным значениям показателей с направлением (z-оценки; где лучше меньше — "
        "знак обратный; нет значения — среднее). Группа 1 — самые сильные результаты. Значения группы — её школы "
        "вместе (отношение сумм)."), table]
    if ungrouped:
        section.blocks.append(Paragraph("Без группы (нет ни одного значения, которое можно показать): "
                                        + "; ".join(ungrouped) + "."))


def attention_section(section: Section, comparison: Comparison) -> None:
    """Schools worse than all schools together on more than half of the indicators with a direction where
    their value differs from it, and — when there are two groups or more — in the weakest group: a short list
    to start from, with the indicators where they lag. (Either condition alone named 29 of the 50 demo
    schools.)"""
    indicators = comparison.indicators
    weakest = comparison.groups[-1].number if len(comparison.groups) > 1 else None
    items = []
    for line in comparison.lines:
        compared = [n for n, i in enumerate(indicators)
                    if judged(i) and line.figures[n].status in (Status.BETTER, Status.WORSE)]
        lagging = [n for n in compared if line.figures[n].status == Status.WORSE]
        if 2 * len(lagging) <= len(compared) or (weakest is not None and line.group != weakest):
            continue
        reason = f"хуже всех школ вместе по показателям: {len(lagging)} из {len(compared)}, где значение отличается"
        if weakest is not None:
            reason += f"; в группе {weakest} — с самыми слабыми результатами"
        lags = "; ".join(f"{indicators[n].name} — {cell_text(figure_cell(line.figures[n], indicators[n]))} "
                         f"при {cell_text(value_cell(comparison.total[n].value, indicators[n].unit))}"
                         for n in lagging)
        items.append(f"{line.school.name}: {reason}. Отстаёт: {lags}.")
    section.blocks.append(Paragraph(
        "Школа требует внимания, если её значение хуже значения всех школ вместе больше чем по половине показателей "
        "с направлением, по которым оно отличается от значения всех школ, и при этом школа — в группе с самыми "
        "слабыми результатами."))
    section.blocks += [Paragraph(item) for item in items] or [Paragraph("Таких школ нет.")]


def procedures_section(section: Section, schools: list[OrgUnit], year: int) -> None:
    """Each school's ВПР, ОГЭ and ЕГЭ of the year, all its results of a kind together: the figures of the
    school's «Анализ» page (vsoko.analysis.figures) summed per school and kind in one grouped read. A kind of
    fewer than the minimum of results is «—*». No objectivity flags: finding them (`year_index` per school)
    would take ten times as long as the whole report (5 s of 50 demo schools)."""
    privacy = Privacy(on=True)
    together = fig.load([s.pk for s in schools], [year], by=("school", "kind"), codes=fig.SUMMARY_CODES)
    for key, title, kinds in KIND_GROUPS:
        ege = key == "ege"
        table = Table(["Школа", "Результатов", "Средний балл" if ege else "Средняя отметка",
                       "Преодолели минимальный балл" if ege else "Успеваемость", *(() if ege else ("Качество",))])
        for school in schools:
            f = fig.Figures()
            for kind in kinds:
                f.add(together.get((year, school.pk, kind.value), fig.Figures()))
            if not f.results:
                continue
            if privacy.too_small(f.results):
                table.add(school.name, *[HIDDEN] * (3 if ege else 4))
                continue
            mean = f.mean_test_score if ege else f.mean_mark
            table.add(school.name, Number.of(f.results, 0), "—" if mean is None else Number.of(mean, 1 if ege else 2),
                      percent(f.passed_share if ege else f.success), *(() if ege else (percent(f.quality),)))
        if table.rows:
            section.blocks += [Heading(title), table]
    if not section.blocks:
        section.blocks.append(Paragraph(f"В {year_label(year)} учебном году результатов ВПР, ОГЭ и ЕГЭ нет."))
        return
    section.blocks.append(Paragraph(
        "Все работы школы одного вида вместе: средняя отметка, успеваемость и качество — по всем результатам, а не "
        "среднее процедур. Признаки необъективности по процедурам — в разделе «Анализ» каждой школы. "
        f"{HIDDEN.text} — результатов меньше {settings.VSOKO_MIN_GROUP_SIZE}."))


def percent(value: Fraction | None) -> Cell:
    return "—" if value is None else Number.of(value, 1, " %")

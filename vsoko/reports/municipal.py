"""Аналитическая справка по результатам ВСОКО муниципалитета: the yearly report on a municipality's schools for
the education department (положение 004, п. 8: ранжирование, кластерный анализ, адресная работа со школами).

Everything comes from the «Сравнение школ» functions (vsoko.comparison.schools): the indicators and the number
of groups the page shows (its defaults without a choice; the page's button and `--indicators`/`--groups` of
the command carry a choice), the all-schools value from the schools' data values summed (a ratio of sums,
never a mean of the schools' percentages), the ranks and the groups of similar schools. The ВПР, ОГЭ and ЕГЭ
of each school and their objectivity flags come from the «Анализ» functions (vsoko.analysis), a grouped read
each for all the schools. The document leaves the system, so it is made for a reader who sees no pupils,
whoever makes it: a share whose denominator, part or rest (17 of 18) is below VSOKO_MIN_GROUP_SIZE is «—*» and
takes no rank, a total that minus the schools shown that year would give away a withheld one is «—*» too
(docs/comparison.md, «Малые группы»), a flag that would tell of so small a group is left out. No pupil is named.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from django.conf import settings

from vsoko.analysis import figures as fig
from vsoko.analysis.access import Privacy
from vsoko.analysis.year import KIND_GROUPS, ProcedureFlags
from vsoko.comparison import objectivity
from vsoko.comparison.schools import (
    DEFAULT_GROUPS,
    GROUP_CHOICES,
    Comparison,
    Figure,
    YearFigures,
    compare_schools,
    default_indicators,
    everywhere_note,
    everywhere_said,
    offered_indicators,
    year_figures,
)
from vsoko.decisions.enums import Verdict
from vsoko.indicators.dashboard import Line
from vsoko.indicators.enums import Direction, Status
from vsoko.indicators.evaluate import NULL
from vsoko.indicators.formatting import shown_change
from vsoko.indicators.models import Catalog, Indicator
from vsoko.indicators.values import CORE
from vsoko.records.models import OrgUnit
from vsoko.records.schools import name_order
from vsoko.reports.cells import (
    catalog_missing,
    change_cell,
    chart,
    judgement,
    line_change_cell,
    value_cell,
    year_label,
)
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
from vsoko.reports.municipal_context import HEADING as CONTEXT_HEADING
from vsoko.reports.municipal_context import context_section

TITLE = "Аналитическая справка по результатам ВСОКО муниципалитета"
# What the table of each school's ВПР, ОГЭ and ЕГЭ reads: the primary-score histograms and the journal
# comparison (two thirds of the rows of SUMMARY_CODES, 0.27 s of CPU for the 50 demo schools) are not shown.
PROCEDURE_CODES = ("assessment.results", "assessment.passed", "assessment.marks", "assessment.test_score.dist")
# The change judged by the rule of the school's documents and the overview (1 п. п. / 1 %); no data or no
# direction (head counts): «—».
JUDGED = (Verdict.IMPROVED, Verdict.UNCHANGED, Verdict.WORSENED)


class CatalogNotFound(Exception):
    """The catalog asked for is not one of the shipped catalogs; the message lists their codes."""


class ChoiceNotOffered(Exception):
    """Indicators the catalog does not compare, or a number of groups the page does not offer; the message says
    which and lists what may be asked for."""


def build(municipality: OrgUnit, year: int, catalog: str | None = None, indicators: Sequence[str] = (),
          groups: int = DEFAULT_GROUPS) -> Document:
    """`indicators` — codes of the catalog's indicators to compare (in the catalog's order; none: the page's
    defaults); `groups` — the number of groups of similar schools (2–5), as on «Сравнение школ». Without the
    core catalog (a database made without `vsoko init`) the report keeps the parts that need no catalog and
    says in the indicators' place what is missing."""
    chosen = shipped_catalog(catalog)
    if chosen is None and indicators:
        raise ChoiceNotOffered(f"Показатели {', '.join(f'«{code}»' for code in dict.fromkeys(indicators))} нельзя "
                               f"выбрать: каталог «{CORE}» не загружен — выполните «vsoko init».")
    offered = offered_indicators(chosen) if chosen else []
    compared = chosen_indicators(chosen, offered, indicators) if chosen else []
    if groups not in GROUP_CHOICES:
        raise ChoiceNotOffered(f"Число групп похожих школ — от {GROUP_CHOICES[0]} до {GROUP_CHOICES[-1]}, "
                               f"как на странице «Сравнение школ», а задано {groups}.")
    schools = sorted(municipality.descendant_schools(), key=name_order)
    if chosen is None:
        choice = f"Показатели: каталог «{CORE}» не загружен."
    else:
        which = ("ключевые, как на странице «Сравнение школ» по умолчанию"
                 if compared == default_indicators(chosen, offered) else
                 f"выбранные на странице «Сравнение школ» ({len(compared)})")
        choice = f"Показатели: {chosen.name} — {which}. Групп похожих школ: {groups}."
    document = Document(f"{TITLE} за {year_label(year)} учебный год", [
        municipality.name, f"Школ: {len(schools)}. {choice}",
        f"Динамика за три учебных года: {year_label(year - 2)} — {year_label(year)}"])
    if not schools:
        document.section("Показатели муниципалитета").blocks.append(Paragraph("Школ муниципалитета в системе нет."))
        return document
    if chosen is None:
        document.section("Показатели муниципалитета").blocks.append(Paragraph(catalog_missing(
            CORE, "базовые показатели", "Показатели муниципалитета, места школ, группы похожих школ и школы, "
            "требующие внимания,")))
    elif not compared:
        document.section("Показатели муниципалитета").blocks.append(Paragraph(
            f"В каталоге «{chosen.name}» нет показателей с направлением, по которым можно сравнивать школы."))
    else:
        comparison = compare_schools(schools, year, compared, groups=groups, hides_small_groups=lambda school: True)
        earlier = {y: year_figures(schools, y, compared) for y in (year - 2, year - 1)}
        dynamics_section(document.section("Показатели муниципалитета за три года"), comparison, earlier)
        ranking_section(document.section("Места школ по показателям"), comparison)
        groups_section(document.section("Группы похожих школ"), comparison, groups)
        attention_section(document.section("Школы, требующие внимания"), comparison)
        decline_section(document.section("Школы с отрицательной динамикой"), comparison, earlier[year - 1])
    procedures_section(document.section("Результаты ВПР, ОГЭ и ЕГЭ по школам"), schools, year)
    objectivity_section(document.section("Признаки необъективности результатов"), schools, year)
    context_section(document.section(CONTEXT_HEADING), municipality, year)
    return document


def chosen_indicators(catalog: Catalog, offered: list[Indicator], codes: Sequence[str]) -> list[Indicator]:
    """The offered indicators of these codes, in the catalog's order; no codes: the page's defaults. A code the
    catalog does not compare is an error naming it (a command's typo must not pass for a choice)."""
    if not codes:
        return default_indicators(catalog, offered)
    known = {i.code for i in offered}
    unknown = [code for code in dict.fromkeys(codes) if code not in known]
    if unknown:
        raise ChoiceNotOffered(
            f"Показатели {', '.join(f'«{code}»' for code in unknown)} нельзя сравнивать по каталогу «{catalog.code}»: "
            "их нет в каталоге, они выведены из него или у них нет значения по школе в целом. Показатели каталога "
            f"для сравнения: {', '.join(sorted(known)) or 'нет'}.")
    return [i for i in offered if i.code in codes]


def shipped_catalog(code: str | None) -> Catalog | None:
    """A catalog shipped with vsoko (not a school's own), by code; the core catalog without one. None: the core
    catalog is not loaded (the report says so); another code not found is an error listing the codes."""
    catalogs = Catalog.objects.filter(school__isnull=True).order_by("code")
    found = catalogs.filter(code=code or CORE).first()
    if found is None and (code or CORE) == CORE:
        return None
    if found is None:
        codes = ", ".join(catalogs.values_list("code", flat=True)) or "нет ни одного (загрузите каталоги)"
        raise CatalogNotFound(f"Каталог «{code or CORE}» не найден. Коды каталогов: {codes}.")
    return found


def judged(indicator: Indicator) -> bool:
    return indicator.direction in (Direction.UP, Direction.DOWN)


def figure_cell(figure: Figure, indicator: Indicator) -> Cell:
    return HIDDEN if figure.withheld else value_cell(figure.value, indicator.unit)


def dynamics_section(section: Section, comparison: Comparison, earlier: dict[int, YearFigures]) -> None:
    """The municipality's value of each indicator for the year and the two before, with the change and a chart."""
    year, indicators = comparison.year, comparison.indicators
    years = (year - 2, year - 1, year)
    totals = {**{y: earlier[y].total for y in years[:2]}, year: comparison.total}
    table = Table(["Показатель", *(year_label(y) for y in years), "Изменение за год", "Оценка изменения"])
    charts = []
    for n, indicator in enumerate(indicators):
        # A withheld total (minus the schools shown that year it would give away a small one) is no value here
        # either: no change, no trend, «—*» in the chart.
        figures = [totals[y][n] for y in years]
        values = [(y, NULL if f.withheld else f.value) for y, f in zip(years, figures, strict=True)]
        before, now = values[1][1].value, values[2][1].value
        line = Line(indicator, values, shown_change(before, now, indicator.unit), None, [], None)
        if any(f.withheld or f.value.value is not None for f in figures):
            charts.append(chart(line, [f.withheld for f in figures]))
        judged_change = judgement(line)
        table.add(indicator.name, *(figure_cell(f, indicator) for f in figures), line_change_cell(line),
                  judged_change.label if judged_change in JUDGED else "—")
    table.notes.append("Значение муниципалитета — все школы вместе: отношение сумм данных школ (например, "
                       "отличников и хорошистов всех школ ко всем аттестованным), а не среднее процентов школ. "
                       f"{HIDDEN.text} — за вычетом показанных школ этого года раскрыло бы скрытые (см. «Места школ»).")
    section.blocks += [*charts, table]


def ranking_section(section: Section, comparison: Comparison) -> None:
    """Per indicator with a direction: the schools by place, the best and the weakest named."""
    for n, indicator in enumerate(comparison.indicators):
        if not judged(indicator):
            continue
        if note := everywhere_note(comparison, n):
            # A table of «—*» without places says nothing; the municipality's own value does, where it may.
            total = comparison.total[n]
            said = note[0].upper() + note[1:] + ("." if total.withheld else
                                                 f": {cell_text(figure_cell(total, indicator))}.")
            section.blocks += [Heading(indicator.name), Paragraph(said)]
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
        f"место, следующее пропускается (1, 2, 2, 4). {HIDDEN.text} — доля, по которой можно узнать о группе меньше "
        f"{settings.VSOKO_MIN_GROUP_SIZE} человек (в знаменателе, числителе или остатке: «17 из 18» — об одном): "
        "скрыта и места не получает."))


def extremes_sentence(comparison: Comparison, n: int) -> str:
    indicator = comparison.indicators[n]
    ranked = [line for line in comparison.lines if line.figures[n].rank]
    if not ranked:
        return "Значений, по которым школы можно расставить по местам, нет."
    last = max(line.figures[n].rank for line in ranked)

    def named(rank: int) -> str:
        return "; ".join(f"{line.school.name} ({cell_text(figure_cell(line.figures[n], indicator))})"
                         for line in ranked if line.figures[n].rank == rank)

    total = cell_text(figure_cell(comparison.total[n], indicator))
    if last == 1:
        return f"У всех школ со значением результат одинаковый: {named(1)}. Все школы вместе — {total}."
    return f"Лучший результат: {named(1)}. Самый низкий: {named(last)}. Все школы вместе — {total}."


def groups_section(section: Section, comparison: Comparison, groups: int) -> None:
    """The groups of similar schools and their values together. A column withheld in every school would be «—*» in
    every group (each holds a withheld school): it leaves the table, and one sentence under it says so with the
    municipality's own value where that is shown, as «Места школ» does."""
    shown = [n for n in range(len(comparison.indicators)) if not comparison.withheld_everywhere[n]]
    indicators = [comparison.indicators[n] for n in shown]
    table = Table(["Группа", "Школы", *(i.name for i in indicators)])
    for group in comparison.groups:
        table.add(f"Группа {group.number} ({len(group.schools)} шк.)", "; ".join(s.name for s in group.schools),
                  *(figure_cell(group.figures[n], comparison.indicators[n]) for n in shown))
    ungrouped = [line.school.name for line in comparison.lines if line.group is None]
    section.blocks += [Paragraph(
        f"Школы разделены на {groups} групп{'ы' if groups < 5 else ''} по сходству результатов (групп меньше, если "
        "школ со значениями меньше): по каждому показателю — насколько школа выше или ниже среднего по школам "
        "муниципалитета; где лучше меньше, ниже среднего — значит лучше; школа без значения считается средней. "
        "Группа 1 — самые сильные результаты. Значения группы — её школы вместе (отношение сумм); "
        f"{HIDDEN.text} — в группе есть школа со скрытым значением. Как считается: кластерный анализ методом "
        "k-средних по z-оценкам показателей (положение 004, п. 8)."), table]
    for n, indicator in enumerate(comparison.indicators):
        if comparison.groups and (note := everywhere_said(comparison, n,
                                                          cell_text(figure_cell(comparison.total[n], indicator)))):
            section.blocks.append(Paragraph(f"{indicator.name}: {note}."))
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


def decline_section(section: Section, comparison: Comparison, before: YearFigures) -> None:
    """Each school's indicators with a direction that got worse since the year before, by the one rule of the
    reports (cells.judgement: 1 п. п. for a share, 1 % otherwise): where to look first for a negative trend,
    whatever the school's place. A value withheld in either year is not compared (the change would tell of it)."""
    indicators, previous = comparison.indicators, year_label(comparison.year - 1)
    items = []
    for line in comparison.lines:
        worse = []
        for n, indicator in enumerate(indicators):
            now, then = line.figures[n], before.schools[line.school.pk][n]
            if not judged(indicator) or now.withheld or then.withheld:
                continue
            values = [(comparison.year - 1, then.value), (comparison.year, now.value)]
            change = shown_change(then.value.value, now.value.value, indicator.unit)
            if judgement(Line(indicator, values, change, None, [], None)) == Verdict.WORSENED:
                worse.append(f"{indicator.name} — {cell_text(value_cell(then.value, indicator.unit))} → "
                             f"{cell_text(value_cell(now.value, indicator.unit))} "
                             f"({cell_text(change_cell(change, indicator.unit, then.value.value))})")
        if worse:
            items.append(f"{line.school.name}: {'; '.join(worse)}.")
    section.blocks.append(Paragraph(
        f"Показатели с направлением, которые ухудшились по сравнению с {previous} учебным годом: доля — не меньше "
        "чем на 1 п. п., остальное — на 1 % значения (меньшее изменение — колебание), как в оценке изменения выше и "
        f"в документах школ. Значение, скрытое ({HIDDEN.text}) в одном из двух лет, не сравнивается."))
    section.blocks += [Paragraph(item) for item in items] or [Paragraph(
        f"Показателей, ухудшившихся по сравнению с {previous} учебным годом, нет ни у одной школы.")]


def procedures_section(section: Section, schools: list[OrgUnit], year: int) -> None:
    """Each school's ВПР, ОГЭ and ЕГЭ of the year, all its results of a kind together: the figures of the
    school's «Анализ» page (vsoko.analysis.figures) summed per school and kind in one grouped read. A kind of
    fewer than the minimum of results is «—*». The objectivity flags are the next section's."""
    privacy = Privacy(on=True)
    together = fig.load([s.pk for s in schools], [year], by=("school", "kind"), codes=PROCEDURE_CODES)
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

            def share(value: Fraction | None, part: int, whole: int) -> Cell:
                # 5 of 6 tells of the one who failed: withheld as on the «Анализ» pages.
                return HIDDEN if privacy.discloses(part, whole) else percent(value)

            good = f.marks[4] + f.marks[5]
            table.add(school.name, Number.of(f.results, 0), "—" if mean is None else Number.of(mean, 1 if ege else 2),
                      share(f.passed_share, f.passed, f.results) if ege else
                      share(f.success, good + f.marks[3], f.marked),
                      *(() if ege else (share(f.quality, good, f.marked),)))
        if table.rows:
            section.blocks += [Heading(title), table]
    if not section.blocks:
        section.blocks.append(Paragraph(f"В {year_label(year)} учебном году результатов ВПР, ОГЭ и ЕГЭ нет."))
        return
    section.blocks.append(Paragraph(
        "Все работы школы одного вида вместе: средняя отметка, успеваемость и качество — по всем результатам, а не "
        "среднее процедур. Признаки необъективности по процедурам — в следующем разделе. "
        f"{HIDDEN.text} — результатов меньше {settings.VSOKO_MIN_GROUP_SIZE} или доля, которая рассказала бы о меньше "
        f"чем {settings.VSOKO_MIN_GROUP_SIZE} участниках (5 из 6 — об одном не справившемся)."))


def objectivity_section(section: Section, schools: list[OrgUnit], year: int,
                        found: dict[int, list[ProcedureFlags]] | None = None) -> None:
    """The objectivity flags of each school's ВПР, ОГЭ and ЕГЭ of the year: those its «Анализ» page shows a reader
    who sees aggregates only (`objectivity.flags_by_school`: the rules and thresholds of `year_index`, two grouped
    reads summed in the database for all the schools — 0.45 s of CPU for the 50 demo schools, `year_index` per school
    3.7 s). Per school the procedures with each sign counted; then every flag of high risk with its explanation. The
    medium ones are counted only: the 50 demo schools have 1 153 flags, 426 of them high — a table of all would be
    sixty pages. `found`: the flags already found (the web page's, kept for the schools' data generations)."""
    if found is None:
        found = objectivity.flags_by_school(schools, year)
    section.blocks.append(Paragraph(
        "Признаки необъективности — по правилам раздела «Анализ» (те же пороги): расхождение отметок за работу с "
        "отметками по журналу, высокие отметки при низком среднем первичном балле, пик первичных баллов на границе "
        "отметки. Это повод проверить процедуру, а не вывод о нарушении. Признак, который рассказал бы о группе "
        f"меньше {settings.VSOKO_MIN_GROUP_SIZE} человек, не показывается."))
    found_summary = objectivity.summary(schools, found)
    if not found_summary.schools:
        section.blocks.append(Paragraph(f"В {year_label(year)} учебном году признаков необъективности результатов "
                                        "ВПР, ОГЭ и ЕГЭ ни у одной школы не найдено."))
        return
    table = Table(["Школа", "Процедур", "С признаками", "Из них с высоким риском",
                   *(k.label for k in found_summary.kinds)])
    for line in found_summary.schools:
        table.add(line.school.name, *(Number.of(n, 0) for n in (line.procedures, line.flagged, line.high,
                                                                 *line.by_kind)))
    high = Table(["Школа", "Процедура", "Признак", "Пояснение"])
    for item in found_summary.high:
        high.add(item.school.name, item.procedure.label, item.flag.title, item.flag.reason)
    table.notes.append("Процедуры — ВПР, ОГЭ и ЕГЭ школы за год; в столбцах признаков — число процедур с этим "
                       "признаком. Школы без признаков в таблицу не входят.")
    section.blocks += [Paragraph(objectivity_found(len(found_summary.schools), len(schools))), table,
                       Heading("Признаки с высоким риском")]
    section.blocks.append(high if high.rows else Paragraph("Признаков с высоким риском нет."))
    section.blocks.append(Paragraph("Признаки со средним риском — в таблице выше числом, с пояснениями — в разделе "
                                    "«Анализ» каждой школы."))


def objectivity_found(flagged: int, schools: int) -> str:
    return f"Признаки найдены у {flagged} из {schools} школ."


def percent(value: Fraction | None) -> Cell:
    return "—" if value is None else Number.of(value, 1, " %")

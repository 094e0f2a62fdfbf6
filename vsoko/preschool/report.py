"""Справка «Мониторинг качества дошкольного образования за <год> учебный год» (Word, vsoko.reports.writers) and
the short part «Дошкольное образование» of the self-examination report.

The справка is internal (school roles, vsoko.preschool.access): groups with their counts, the levels per area and
indicator in each group, the dynamics over three years, the зоны роста, the conclusion and measures. The grounds
of each level stay on the group's page. The self-examination is published: only the number of groups and
children (fewer than VSOKO_MIN_GROUP_SIZE children: «менее N») and the mean level per area — no count of children
with ОВЗ.
"""

from __future__ import annotations

from fractions import Fraction

from django.conf import settings

from vsoko.indicators.formatting import plural
from vsoko.preschool.areas import source
from vsoko.preschool.enums import QualityLevel
from vsoko.preschool.models import Evaluation
from vsoko.preschool.summary import Overview, mean_text, overview, percent_text
from vsoko.records.models import OrgUnit
from vsoko.reports.cells import year_label
from vsoko.reports.document import Cell, Document, Heading, Number, Paragraph, Section, Table

HEADING = "Дошкольное образование"
LEVELS_NOTE = ("Уровни качества: 1 — ниже базового (требования не выполняются), 2 — базовый (соответствует "
               "требованиям ФГОС ДО), 3 — хороший, 4 — превосходный. Показатели «не оценивался» в средние и доли "
               "не входят.")


def title(year: int) -> str:
    return f"Мониторинг качества дошкольного образования за {year_label(year)} учебный год"


def _mean(value: Fraction | None) -> Cell:
    return "—" if value is None else Number.of(value, 2)


def _percent(value: Fraction | None) -> Cell:
    return "—" if value is None else Number.of(value, 1, " %")


def _level(level: int | None) -> Cell:
    if level is None:
        return "—"
    return "не оценивался" if level == QualityLevel.NOT_RATED else Number.of(level, 0)


def document(school: OrgUnit, year: int) -> Document:
    page = overview(school, year)
    label = year_label(year)
    report = Document(title(year), [school.name, f"{label} учебный год",
                                    f"Основание: {source().text}."])
    intro = report.section("Дошкольные группы")
    if not page.groups:
        intro.blocks.append(Paragraph(f"Дошкольные группы за {label} учебный год в системе не записаны."))
        return report
    groups = Table(["Группа", "Возраст детей", "Детей", "Из них с ОВЗ", "Оценено показателей", "Средний уровень"])
    for row in page.groups:
        groups.add(row.group.name, row.group.age_band, Number.of(row.group.children, 0),
                   Number.of(row.group.children_ovz, 0), Number.of(row.rated, 0), _mean(row.mean))
    intro.blocks += [Paragraph(f"В {label} учебном году в дошкольных группах {len(page.groups)} "
                               f"{plural(len(page.groups), 'группа', 'группы', 'групп')}, детей — {page.children}, из них с ОВЗ — "
                               f"{page.children_ovz}."), groups]
    _areas(report.section("Уровни качества по областям"), page)
    _dynamics(report.section("Динамика за три учебных года"), page)
    _growth(report.section("Зоны роста"), page)
    conclusion = page.conclusion
    for heading, text in (("Выводы", conclusion.conclusion if conclusion else ""),
                          ("Меры по повышению качества", conclusion.measures if conclusion else "")):
        section = report.section(heading)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        section.blocks += [Paragraph(line) for line in lines] or [Paragraph("Не записаны.")]
    return report


def _areas(section: Section, page: Overview) -> None:
    whole = page.whole
    summary = Table(["Область мониторинга", "Средний уровень", "Доля оценок не ниже базового", "Оценок"])
    for row in page.areas:
        t = row.current
        summary.add(row.area.title, _mean(t.mean), _percent(t.share_at_base), Number.of(t.rated, 0))
    summary.add("Все области", _mean(whole.mean), _percent(whole.share_at_base), Number.of(whole.rated, 0))
    summary.notes.append(LEVELS_NOTE + " Средний уровень — по всем показателям области во всех группах.")
    section.blocks += [Paragraph(f"Области мониторинга — по положению о ВСОКО ({source().place}): «мониторинга "
                                 + ", ".join(row.area.quote for row in page.areas) + "»."), summary]
    levels = {(g, key): level for g, key, level in Evaluation.objects.filter(
        group__in=[row.group for row in page.groups]).values_list("group_id", "indicator", "level")}
    for row in page.areas:
        table = Table(["Показатель", *(g.group.name for g in page.groups), "Средний уровень"])
        for ind in row.area.indicators:
            rated = [levels[(g.group.pk, ind.key)] for g in page.groups
                     if levels.get((g.group.pk, ind.key), 0) >= QualityLevel.BELOW_BASE]
            table.add(ind.title, *(_level(levels.get((g.group.pk, ind.key))) for g in page.groups),
                      _mean(Fraction(sum(rated), len(rated)) if rated else None))
        table.notes.append(f"Положение о ВСОКО: «{row.area.quote}». {source().indicator_wording}")
        section.blocks += [Heading(row.area.title), table]


def _dynamics(section: Section, page: Overview) -> None:
    table = Table(["Область мониторинга", *(f"{year_label(y)}" for y in page.years), "Изменение за год"])
    for row in page.areas:
        table.add(row.area.title, *(_mean(m) for m in row.means(page.years)), row.change.text)
    table.notes.append("Средний уровень качества (1–4) по всем показателям и группам; «▲» — выше, чем год назад, "
                       "«▼» — ниже.")
    section.blocks.append(table)


def _growth(section: Section, page: Overview) -> None:
    if not page.growth:
        section.blocks.append(Paragraph("Зон роста нет: показатели не оценены или все на превосходном уровне."
                                        if not page.has_ratings else "Зон роста нет: все показатели на "
                                                                     "превосходном уровне."))
        return
    table = Table(["Показатель", "Область", "Средний уровень", "Почему"])
    for zone in page.growth:
        table.add(zone.indicator.title, zone.area.title, _mean(zone.mean), zone.reason)
    section.blocks.append(table)


def self_exam_part(section: Section, school: OrgUnit, year: int) -> None:
    """The short part of the published self-examination (the caller adds it only when the school has groups)."""
    page = overview(school, year)
    # A head count under the minimum is withheld in whatever is published (vsoko.reports.public).
    minimum = settings.VSOKO_MIN_GROUP_SIZE
    children = f"менее {minimum}" if 0 < page.children < minimum else str(page.children)
    section.blocks += [Heading(HEADING), Paragraph(
        f"Дошкольных групп — {len(page.groups)}, детей — {children}. Качество дошкольного образования "
        f"оценено по {len(page.areas)} областям положения о ВСОКО (уровни 1–4; 2 — базовый, соответствует "
        f"требованиям ФГОС ДО); средний уровень по всем областям — {mean_text(page.whole.mean)}, доля оценок не "
        f"ниже базового — {percent_text(page.whole.share_at_base)}.")]
    if not page.has_ratings:
        return
    table = Table(["Область мониторинга", "Средний уровень", "Доля оценок не ниже базового", "Изменение за год"])
    for row in page.areas:
        table.add(row.area.title, _mean(row.current.mean), _percent(row.current.share_at_base), row.change.text)
    section.blocks.append(table)


"""«Скачать Excel» of the year's overview: three sheets written by vsoko.analysis.export.xlsx (the project's
multi-sheet book; text never becomes a formula).

- «Области»: per area the mean level in each group, the organisation's mean, the share of groups at the base level
  or above, the share of ratings at base, last year's mean and the change;
- «Показатели по группам»: the level (1–4, «не оценивался» or empty) of every indicator in every group and the
  indicator's mean over the groups;
- «Зоны роста»: as on the page.

Numbers stay numbers: means rounded to two decimals, per cents to one, as on the page. Only levels and means —
no grounds, no evaluators, no conclusion: the file is what the overview page shows, for whoever sees that page.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from vsoko.analysis.export import Sheet, xlsx
from vsoko.indicators.formatting import rounded
from vsoko.preschool.areas import areas
from vsoko.preschool.enums import QualityLevel
from vsoko.preschool.models import Evaluation
from vsoko.preschool.municipality import MunicipalOverview
from vsoko.preschool.summary import (
    MEAN_DECIMALS,
    GroupShare,
    Overview,
    Tally,
    group_area_tallies,
    overview,
)
from vsoko.records.models import OrgUnit
from vsoko.reports.cells import year_label

NO_DATA = "нет данных"
NOT_RATED = "не оценивался"


def _mean(value: Fraction | None) -> Decimal | str:
    """A mean level to two places, a half up as Excel's ROUND does (21/8 → 2,63), exactly: not through a float."""
    return "—" if value is None else rounded(value, MEAN_DECIMALS)


def _percent(value: Fraction | None) -> Fraction | str:
    return "—" if value is None else value  # the writer rounds a Fraction to one decimal


def overview_xlsx(school: OrgUnit, year: int) -> bytes:
    page = overview(school, year)
    return xlsx([_areas_sheet(page), _indicators_sheet(page), _growth_sheet(page)])


def _note(page: Overview, what: str) -> str:
    return (f"{page.school.name}, {year_label(page.year)} учебный год. {what} Уровни: 1 — ниже базового, "
            "2 — базовый, 3 — хороший, 4 — превосходный; «не оценивался» в средние и доли не входит.")


def _areas_sheet(page: Overview) -> Sheet:
    groups = [row.group for row in page.groups]
    tallies = group_area_tallies(page.school.preschool_groups.filter(year_id=page.year))
    sheet = Sheet("Области", ["Область мониторинга", *(f"Средний уровень: {g.name}" for g in groups),
                              "Средний уровень организации", "Доля групп не ниже базового, %",
                              "Доля оценок не ниже базового, %",
                              f"Средний уровень в {year_label(page.year - 1)}", "Изменение к прошлому году"],
                  note=_note(page, "Средний уровень — сумма уровней / число оценок; группа не ниже базового — её "
                                   "средний уровень в области 2 и выше."))
    by_group = {g.pk: Tally() for g in groups}
    whole_share = GroupShare()
    for row in page.areas:
        share = GroupShare()
        cells = []
        for g in groups:
            tally = tallies.get((page.school.pk, g.pk, row.area.key), Tally())
            share.count(tally)
            by_group[g.pk].add(tally)
            cells.append(_mean(tally.mean))
        change = row.change.shown
        sheet.rows.append([row.area.title, *cells, _mean(row.current.mean), _percent(share.share),
                           _percent(row.current.share_at_base), _mean(row.by_year[page.year - 1].mean),
                           NO_DATA if change is None else float(change)])
    for tally in by_group.values():
        whole_share.count(tally)
    sheet.rows.append(["Все области", *(_mean(by_group[g.pk].mean) for g in groups), _mean(page.whole.mean),
                       _percent(whole_share.share), _percent(page.whole.share_at_base), "", ""])
    return sheet


def _level(level: int | None) -> int | str | None:
    if level is None:
        return None
    return NOT_RATED if level == QualityLevel.NOT_RATED else level


def _indicators_sheet(page: Overview) -> Sheet:
    groups = [row.group for row in page.groups]
    levels = {(g, key): level for g, key, level in Evaluation.objects.filter(
        group__in=groups).values_list("group_id", "indicator", "level")}
    sheet = Sheet("Показатели по группам", ["Область мониторинга", "Показатель", *(g.name for g in groups),
                                            "Средний уровень по группам"],
                  note=_note(page, "Пустая ячейка — показатель в группе не оценён."))
    for area in areas():
        for ind in area.indicators:
            got = [levels.get((g.pk, ind.key)) for g in groups]
            rated = [level for level in got if level is not None and level >= QualityLevel.BELOW_BASE]
            sheet.rows.append([area.title, ind.title, *(_level(level) for level in got),
                               _mean(Fraction(sum(rated), len(rated)) if rated else None)])
    return sheet


def _growth_sheet(page: Overview) -> Sheet:
    sheet = Sheet("Зоны роста", ["Показатель", "Область мониторинга", "Средний уровень по группам", "Почему"],
                  note=_note(page, "Зоны роста — показатели ниже базового уровня хотя бы в одной группе, а если "
                                   "таких нет — с самым низким средним уровнем."))
    for zone in page.growth:
        sheet.rows.append([zone.indicator.title, zone.area.title, _mean(zone.mean), zone.reason])
    if not page.growth:
        sheet.rows.append(["Зон роста нет: показатели не оценены или все на превосходном уровне."])
    return sheet


def municipal_xlsx(page: MunicipalOverview) -> bytes:
    """The municipality's page as a book: the mean level and the share of groups at base, per organisation and
    all together (from all the groups' ratings, not a mean of the organisations)."""
    where = (f"Организации муниципалитета с дошкольными группами, {year_label(page.year)} учебный год. "
             "«Все организации вместе» — по оценкам всех групп, а не среднее значений организаций.")

    def sheet(title: str, value, note: str) -> Sheet:
        out = Sheet(title, ["Организация", "Групп", *(area.title for area in page.areas), "Все области"],
                    note=f"{where} {note}")
        for line in [*page.lines, page.total]:
            name = line.school.name if line.school is not None else "Все организации вместе"
            out.rows.append([name, line.groups, *(value(f) for f in line.by_area.values()), value(line.whole)])
        return out

    return xlsx([
        sheet("Средний уровень", lambda f: _mean(f.ratings.mean),
              "Средний уровень — сумма уровней / число оценок (1–4; «не оценивался» не учитывается)."),
        sheet("Группы не ниже базового", lambda f: _percent(f.groups.share),
              "Доля, %, групп, чей средний уровень в области 2 и выше, среди групп с оценками в области."),
    ])

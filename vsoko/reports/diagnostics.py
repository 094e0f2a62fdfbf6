"""The section «Диагностики обучающихся» of the analytic справка and of the self-examination: for each
procedure held in the year (regulation 000, п. 4.4), the pupils per level in this and the two previous
years — counts only, never a name. The self-examination is published on the school's website, so its
groups smaller than VSOKO_MIN_GROUP_SIZE are hidden (`suppress`). A year's row is the sum of the procedure's
classes, whose rows the municipal observer reads on the procedure's page: so the published row also hides
whatever, taken from it, would give a class's hidden cell back (`_published`). A procedure whose levels are
never published (procedures.yaml `levels_published: false`, the СПТ) gives there only how many took part."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.db.models import Count

from vsoko.diagnostics.models import DiagnosticResult
from vsoko.diagnostics.procedures import Procedure, procedures
from vsoko.diagnostics.summary import Distribution, withheld_in_table
from vsoko.progress.withheld import column_cells
from vsoko.publication.suppression import TOTAL
from vsoko.records.models import OrgUnit
from vsoko.reports.cells import year_label
from vsoko.reports.document import Heading, Number, Paragraph, Section, Table

HEADING = "Диагностики обучающихся"
FAVOURABLE, ASSESSED = "__favourable__", "__assessed__"  # the row's other columns, beside its levels


def diagnostics_section(section: Section, school: OrgUnit, year: int, *, suppress: bool) -> None:
    years = [year - 2, year - 1, year]
    counts: dict[str, dict[int, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    # Per class when published (its rows are checked against the observer's page), else per year: one query.
    keys = ["diagnostic__procedure", "diagnostic__year_id", "level", *(["diagnostic_id"] if suppress else [])]
    rows = (DiagnosticResult.objects.filter(diagnostic__school=school, diagnostic__year_id__in=years)
            .values(*keys).annotate(n=Count("id")).order_by())
    per_class: dict[tuple[str, int], dict[int, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for row in rows:
        key = (row["diagnostic__procedure"], row["diagnostic__year_id"])
        level_counts = counts[key[0]][key[1]]
        level_counts[row["level"]] = level_counts.get(row["level"], 0) + row["n"]
        if suppress:
            per_class[key][row["diagnostic_id"]][row["level"]] = row["n"]
    held = [spec for code, spec in procedures().items() if counts[code].get(year)]
    if not held:
        section.blocks.append(Paragraph(f"Мониторинговые диагностики обучающихся (п. 4.4 положения о ВСОКО) за "
                                        f"{year_label(year)} учебный год в системе не записаны."))
        return
    section.blocks.append(Paragraph(
        f"Мониторинговые диагностики обучающихся за {year_label(year)} учебный год: "
        + "; ".join(spec.short for spec in held) + ". Число обучающихся на каждом уровне и доля от оценённых, "
        "с динамикой за три учебных года."))
    for spec in held:
        if suppress and not spec.levels_published:
            section.blocks += [Heading(spec.title), _participation_table(spec, school, counts[spec.code], years)]
            continue
        table = Table(["Учебный год", *(level.label for level in spec.levels), "Оценено", "Благоприятный уровень"])
        for y in years:
            total = counts[spec.code].get(y, {})
            if not total:
                continue
            withheld = _published(spec, per_class[(spec.code, y)]) if suppress else set()
            if ASSESSED in withheld:  # the levels' shares would give «Оценено» back: the row goes whole
                table.add(year_label(y), *(_cell(None, None) for _ in spec.levels), _cell(None, None), "—")
                continue
            dist = Distribution(spec, total, suppress, frozenset(withheld))
            table.add(year_label(y), *(_cell(c.n, c.percent) for c in dist.cells),
                      "<5" if dist.total is None else Number.of(dist.total, 0),
                      "—" if dist.favourable is None or FAVOURABLE in withheld else Number.of(dist.favourable, 1, " %"))
        table.notes.append(f"{spec.document_of(school.name)}, {spec.place}: «{spec.text}». Методика: {spec.method}. "
                           "Благоприятный уровень: " + ", ".join(lv.label for lv in spec.levels if lv.favourable)
                           + "." + (" Группы меньше 5 человек скрыты." if suppress else ""))
        section.blocks += [Heading(spec.title), table]


def _participation_table(spec: Procedure, school: OrgUnit, counts: dict[int, dict[str, int]], years: list[int]) -> Table:
    """A procedure whose levels are never published: how many pupils took part in each year, nothing more."""
    table = Table(["Учебный год", "Приняли участие"])
    for y in years:
        took_part = sum(counts.get(y, {}).values())
        if took_part:
            table.add(year_label(y), f"<{settings.VSOKO_MIN_GROUP_SIZE}" if took_part < settings.VSOKO_MIN_GROUP_SIZE else Number.of(took_part, 0))
    table.notes.append(f"{spec.document_of(school.name)}, {spec.place}: «{spec.text}». Результаты по уровням "
                       "конфиденциальны и в публикуемых документах не приводятся.")
    return table


def _published(spec: Procedure, per_class: dict[int, dict[str, int]]) -> set[str]:
    """The cells of a year's published row (levels, FAVOURABLE, ASSESSED) to withhold besides its own small groups:
    the classes as the observer's page shows them (`withheld_in_table`, `Distribution`) are given, and each column
    of them with this row as their total is an equation (`progress.withheld.column_cells`, as «Итоги периода»)."""
    withheld_levels = withheld_in_table(per_class)
    lines: dict[object, dict[str, int]] = {}
    withheld: dict[object, set[str]] = {}
    for pk, levels in per_class.items():
        shown = Distribution(spec, levels, True, withheld_levels[pk])
        lines[pk] = {**levels, FAVOURABLE: sum(levels.get(code, 0) for code in spec.favourable_codes),
                     ASSESSED: sum(levels.values())}
        withheld[pk] = ({cell.level.code for cell in shown.cells if cell.n is None}
                        | ({FAVOURABLE} if shown.favourable is None else set())
                        | ({ASSESSED} if shown.total is None else set()))
    lines[TOTAL] = {name: sum(line.get(name, 0) for line in lines.values()) for name in dict.fromkeys(
        name for line in lines.values() for name in line)}
    withheld[TOTAL] = set(withheld_levels[TOTAL])
    column_cells(lines, withheld, settings.VSOKO_MIN_GROUP_SIZE, given=True)
    return withheld[TOTAL]


def _cell(n: int | None, percent) -> str:
    if n is None:
        return "скрыто"
    return f"{n} ({str(percent).replace('.', ',')} %)" if percent is not None else str(n)

"""The section «Диагностики обучающихся» of the analytic справка and of the self-examination: for each
procedure held in the year (regulation 000, п. 4.4), the pupils per level in this and the two previous
years — counts only, never a name. The self-examination is published on the school's website, so its
groups smaller than VSOKO_MIN_GROUP_SIZE are hidden (`suppress`)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count

from vsoko.diagnostics.models import DiagnosticResult
from vsoko.diagnostics.procedures import procedures
from vsoko.diagnostics.summary import Distribution
from vsoko.records.models import OrgUnit
from vsoko.reports.cells import year_label
from vsoko.reports.document import Heading, Number, Paragraph, Section, Table

HEADING = "Диагностики обучающихся"


def diagnostics_section(section: Section, school: OrgUnit, year: int, *, suppress: bool) -> None:
    years = [year - 2, year - 1, year]
    counts: dict[str, dict[int, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    rows = (DiagnosticResult.objects.filter(diagnostic__school=school, diagnostic__year_id__in=years)
            .values("diagnostic__procedure", "diagnostic__year_id", "level").annotate(n=Count("id")).order_by())
    for row in rows:
        counts[row["diagnostic__procedure"]][row["diagnostic__year_id"]][row["level"]] = row["n"]
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
        table = Table(["Учебный год", *(level.label for level in spec.levels), "Оценено", "Благоприятный уровень"])
        for y in years:
            dist = Distribution(spec, counts[spec.code].get(y, {}), suppress)
            if not dist.counts:
                continue
            table.add(year_label(y), *(_cell(c.n, c.percent) for c in dist.cells),
                      "<5" if dist.total is None else Number.of(dist.total, 0),
                      "—" if dist.favourable is None else Number.of(dist.favourable, 1, " %"))
        table.notes.append(f"{spec.document_of(school.name)}, п. {spec.item}: «{spec.text}». Методика: {spec.method}. "
                           "Благоприятный уровень: " + ", ".join(lv.label for lv in spec.levels if lv.favourable)
                           + "." + (" Группы меньше 5 человек скрыты." if suppress else ""))
        section.blocks += [Heading(spec.title), table]


def _cell(n: int | None, percent) -> str:
    if n is None:
        return "скрыто"
    return f"{n} ({str(percent).replace('.', ',')} %)" if percent is not None else str(n)

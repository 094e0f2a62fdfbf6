"""What the published reports say of the external assessment: the self-examination report's «Оценка системы
управления организации» (licence, accreditation, inspections of the year, НОКО, public observers) and the public
report's section. Both are published on the school's website: no names — neither of the staff responsible for
findings nor of the public observers, whose presence is a count."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from vsoko.oversight.enums import CredentialKind
from vsoko.oversight.models import Inspection
from vsoko.oversight.summary import (
    credential_sentence,
    credentials_of,
    noko_dynamics,
    noko_sentence,
    public_presence,
    score,
)
from vsoko.records.models import OrgUnit
from vsoko.records.years import year_label
from vsoko.reports.document import Document, Heading, Number, Paragraph, Section, Table

PUBLIC_HEADING = "Лицензия, аккредитация и независимая оценка качества"


def credential_paragraphs(school: OrgUnit) -> list[Paragraph]:
    """The current licence and accreditation, one paragraph each; none when nothing is recorded (a missing
    licence is said only beside a recorded accreditation)."""
    current = credentials_of(school)
    if not any(current.values()):
        return []
    return [Paragraph(credential_sentence(records[0])) for kind, records in current.items() if records] + [
        Paragraph(f"Сведения о документе «{kind.label}» в системе не записаны.")
        for kind, records in current.items() if not records and kind == CredentialKind.LICENCE]


def inspections_table(school: OrgUnit, year: int, today: datetime.date) -> Table | None:
    """The inspections of the school year with their findings counted (one query with the counts)."""
    inspections = list(Inspection.objects.filter(school=school, year=year).order_by("started_on", "pk").annotate(
        found=Count("findings"), fixed=Count("findings", filter=Q(findings__fixed_on__isnull=False)),
        overdue=Count("findings", filter=Q(findings__fixed_on__isnull=True, findings__deadline__lt=today))))
    if not inspections:
        return None
    table = Table(["Даты", "Орган", "Вид", "Предмет", "Результат", "Нарушений", "Устранено", "Срок прошёл"])
    for i in inspections:
        table.add(i.dates, i.get_body_display(), i.get_kind_display(), i.subject, i.get_result_display(),
                  Number.of(i.found, 0), Number.of(i.fixed, 0), Number.of(i.overdue, 0))
    return table


def noko_table(rows: list) -> Table | None:
    """The last three of these years' scores (`noko_dynamics`), a column each, and the change of the last year:
    numbers in cells of their own (not «93,2 (▲ +0,8)») that Word aligns and a spreadsheet sorts and computes
    with."""
    rows = rows[-3:]
    if not rows:
        return None
    last = rows[-1]
    changed = len(rows) > 1 or last.change is not None
    table = Table(["Критерий НОКО", *(f"{row.label}, балл" for row in rows)]
                  + (["Изменение за год"] if changed else []))
    lines = [(name, [row.criteria[index][1] for row in rows], last.criteria[index][2])
             for index, (name, _, _) in enumerate(last.criteria)]
    lines.append(("интегральный балл", [row.integral for row in rows], last.change))
    for name, scores, change in lines:
        table.add(name[0].upper() + name[1:], *(_score_cell(value) for value in scores),
                  *([_change_cell(change)] if changed else []))
    table.notes.append("Баллы от 0 до 100; интегральный балл — среднее баллов пяти критериев"
                       + (f"; изменение за год — {last.label} к предыдущему году с результатами НОКО." if changed
                          else "."))
    table.notes += [f"{row.label}: {row.note}" for row in rows if row.note]
    return table


def _score_cell(value) -> Number | str:
    return "—" if value is None else Number.of(value, 2)


def _change_cell(change) -> Number | str:
    return "—" if change is None else Number.of(change.shown, 2, signed=True)


def management(section: Section, school: OrgUnit, year: int) -> bool:
    """The self-examination's «Оценка системы управления организации»: whether anything was said."""
    today = timezone.localdate()
    said = False
    if credentials := credential_paragraphs(school):
        section.blocks += [Heading("Лицензия и государственная аккредитация"), *credentials]
        said = True
    if table := inspections_table(school, year, today):
        section.blocks += [Heading("Проверки контрольно-надзорных органов"), Paragraph(
            f"В {year_label(year)} учебном году проведено проверок и профилактических визитов: {len(table.rows)}."),
            table]
        said = True
    elif Inspection.objects.filter(school=school).exists():
        section.blocks.append(Paragraph(f"Проверок контрольно-надзорных органов в {year_label(year)} учебном году "
                                        "не было."))
    noko = noko_dynamics(school, until=year)
    if table := noko_table(noko):
        section.blocks += [Heading("Независимая оценка качества условий (НОКО)"), Paragraph(noko_sentence(noko)),
                           table]
        said = True
    if (presence := public_presence(school, year)).attended:
        section.blocks += [Heading("Общественное участие в оценке качества"), Paragraph(presence.sentence)]
        said = True
    return said


def self_exam_management(section: Section, facts) -> bool:
    """The builder of the self-examination's section (vsoko.reports.self_exam_analysis.SECTIONS)."""
    return management(section, facts.school, facts.year)


def public_section(document: Document, school: OrgUnit, year: int) -> None:
    """The public report's section; left out when the school recorded nothing of it."""
    presence = public_presence(school, year)
    rows = noko_dynamics(school, until=year)
    blocks = credential_paragraphs(school)
    if rows:
        blocks.append(Paragraph(noko_sentence(rows)))
        if len(rows) > 1:
            blocks.append(Paragraph("Интегральный балл НОКО по годам: " + "; ".join(
                f"{row.label} — {score(row.integral)}" + (f" ({row.change.mark})" if row.change else "")
                for row in rows[-3:]) + "."))
    if presence.attended:
        blocks.append(Paragraph(presence.sentence))
    if blocks:
        document.section(PUBLIC_HEADING).blocks += blocks

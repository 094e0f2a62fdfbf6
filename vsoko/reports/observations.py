"""The section «Посещение уроков» of the analytic справка: how many lessons the administration visited in the
year, for which purposes, and per teacher the visits, those with modern technologies and ИКТ and the mean
score (vsoko.observations.summary). The справка is internal: teachers are named, pupils never are, and the
visits' texts are left in the journal."""

from __future__ import annotations

from vsoko.observations.criteria import MAX_TOTAL
from vsoko.observations.models import LessonVisit
from vsoko.observations.summary import purpose_rows, teacher_rows, totals
from vsoko.records.models import OrgUnit
from vsoko.reports.cells import year_label
from vsoko.reports.document import Cell, Number, Paragraph, Section, Table

HEADING = "Посещение уроков"


def _percent(value) -> Cell:
    return "—" if value is None else Number.of(value, 1, " %")


def _count(n: int) -> Number:
    return Number.of(n, 0)


def _text(value) -> str:
    cell = _percent(value)
    return cell if isinstance(cell, str) else cell.text


def observations_section(section: Section, school: OrgUnit, year: int) -> None:
    visits = LessonVisit.objects.filter(school=school, year_id=year)
    label = year_label(year)
    t = totals(visits)
    if not t.visits:
        section.blocks.append(Paragraph(f"Посещения уроков за {label} учебный год в системе не записаны."))
        return
    section.blocks.append(Paragraph(
        f"За {label} учебный год посещено уроков и мероприятий: {t.visits}, у {t.teachers} педагогов. Современные "
        f"педагогические технологии отмечены у {t.modern} из них ({_text(t.modern_share)}), ИКТ — у {t.ict} "
        f"({_text(t.ict_share)})."))
    purposes = Table(["Цель посещения", "Посещений", "Педагогов", "С современными технологиями, % посещений",
                      "С ИКТ, % посещений"])
    for r in purpose_rows(visits):
        purposes.add(r.label, _count(r.visits), _count(r.teachers), _percent(r.modern_share), _percent(r.ict_share))
    section.blocks.append(purposes)
    teachers = Table(["Педагог", "Посещений", "С современными технологиями", "С ИКТ",
                      f"Средний балл (из {MAX_TOTAL})", "Последнее посещение"])
    for r in teacher_rows(visits):
        mean = "—" if r.mean_score is None else Number.of(r.mean_score, 1)
        teachers.add(r.teacher.full_name, _count(r.visits), _count(r.modern), _count(r.ict), mean,
                     r.last_visit.strftime("%d.%m.%Y"))
    teachers.notes.append(f"Урок оценивается по {MAX_TOTAL // 2} критериям, 0–2 балла каждый; высокий уровень — "
                          "от 8 баллов, достаточный — 5–7, низкий — до 4.")
    section.blocks.append(teachers)

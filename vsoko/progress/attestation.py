"""«Перечень предметов промежуточной аттестации»: the педсовет decides which subjects are brought to промежуточная
аттестация by the year's results, in which grades and in which form (reg. 000, п. 3.4).

- the grid: the school's subjects × its grades, one form (or none) per cell;
- saving it all-or-nothing with the protocol's number and date (a date inside the school year);
- last year's list as the start of this year's (the same subject, grade and form; saved only when the user saves);
- the check: for a finished year, the listed subjects a class of that grade has no annual marks in;
- the appendix to the protocol as a vsoko.reports Document.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from vsoko.progress.enums import AttestationForm
from vsoko.progress.models import FIRST_GRADE, LAST_GRADE, AttestationItem, AttestationList
from vsoko.records.enums import Period
from vsoko.records.models import Enrollment, OrgUnit, PeriodMark, SchoolClass, SchoolYear, Subject
from vsoko.records.years import outside_year, school_year_days, year_label
from vsoko.reports.document import Document, Table
from vsoko.schedule.models import SubjectHours
from vsoko.teaching.models import TeachingAssignment

Cell = tuple[int, int]  # (subject id, grade)
UNMARKED_GRADE = 1  # 1 класс is без отметок: no annual marks to miss
RANGE_FROM = 3  # grades in a row written «2–4» from three on


class AttestationError(ValueError):
    """A list that cannot be saved; `problems` say where and why (Russian, for the user). Nothing changed."""

    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


def adopted_list(school: OrgUnit, year: int) -> AttestationList | None:
    return AttestationList.objects.filter(school=school, year_id=year).first()


def forms_of(attestation_list: AttestationList | None) -> dict[Cell, str]:
    if attestation_list is None:
        return {}
    return {
        (s, g): f for s, g, f in attestation_list.items.values_list("subject_id", "grade", "form")
    }


# --- the grid ------------------------------------------------------------------------------------------------


@dataclass
class GridCell:
    subject_id: int
    grade: int
    form: str  # '' — not brought to промежуточная аттестация

    @property
    def key(self) -> str:
        return f"{self.subject_id}-{self.grade}"


@dataclass
class GridRow:
    subject: Subject
    cells: list[GridCell]


@dataclass
class Grid:
    grades: list[int]
    rows: list[GridRow]


def school_grades(school: OrgUnit, forms: dict[Cell, str]) -> list[int]:
    """The grades the school has classes of in any year, and those of the list; all eleven for a school without
    classes yet."""
    grades = set(
        SchoolClass.objects.filter(school=school)
        .values_list("grade", flat=True)
        .distinct()
        .order_by()
    )
    grades = {g for g in grades if FIRST_GRADE <= g <= LAST_GRADE} | {g for _, g in forms}
    return sorted(grades) or list(range(FIRST_GRADE, LAST_GRADE + 1))


def school_subjects(
    school: OrgUnit, year: int, forms: dict[Cell, str], added: list[int]
) -> list[Subject]:
    """The subjects of the school this year or the last (one query): in the curriculum hours, the teaching load,
    the annual marks or the list; with those of `forms` and the ones the user added."""
    years = [year - 1, year]
    at = {"school": school, "year_id__in": years, "subject": OuterRef("pk")}
    return list(
        Subject.objects.filter(
            Exists(SubjectHours.objects.filter(**at))
            | Exists(TeachingAssignment.objects.filter(**at))
            | Exists(PeriodMark.objects.filter(period=Period.YEAR, **at))
            | Exists(
                AttestationItem.objects.filter(
                    attestation_list__school=school,
                    attestation_list__year_id__in=years,
                    subject=OuterRef("pk"),
                )
            )
            | Q(pk__in={s for s, _ in forms} | set(added))
        ).order_by("name")
    )


def build_grid(
    school: OrgUnit, year: int, forms: dict[Cell, str], *, added: list[int] = ()
) -> Grid:
    grades = school_grades(school, forms)
    rows = [
        GridRow(subject, [GridCell(subject.pk, g, forms.get((subject.pk, g), "")) for g in grades])
        for subject in school_subjects(school, year, forms, list(added))
    ]
    return Grid(grades, rows)


# --- saving --------------------------------------------------------------------------------------------------


def save_list(
    school: OrgUnit, year: int, *, number: str, date: datetime.date | None, forms: dict[Cell, str]
) -> AttestationList:
    """The protocol and the cells of the form (a cell '' — the subject is not brought in that grade). Cells the
    form did not carry keep what they had. Refused whole when anything is wrong."""
    number = number.strip()
    problems = []
    if not number:
        problems.append("Укажите номер протокола педагогического совета.")
    if date is None:
        problems.append("Укажите дату протокола педагогического совета.")
    elif refusal := outside_year(year, date, "Дата протокола", "перечня"):
        problems.append(refusal)
    names = dict(Subject.objects.filter(pk__in={s for s, _ in forms}).values_list("pk", "name"))
    known = set(AttestationForm.values)
    for (subject_id, grade), form in sorted(forms.items()):
        if subject_id not in names:
            problems.append(
                f"Предмета с номером {subject_id} нет в базе: обновите страницу и повторите."
            )
            continue
        where = f"{names[subject_id]}, {grade} класс"
        if not FIRST_GRADE <= grade <= LAST_GRADE:
            problems.append(f"{where}: классы — с {FIRST_GRADE} по {LAST_GRADE}.")
        if form and form not in known:
            problems.append(f"{where}: формы «{form}» нет среди форм промежуточной аттестации.")
    existing = adopted_list(school, year)
    kept = {cell for cell in forms_of(existing) if cell not in forms}
    if not problems and not kept and not any(forms.values()):
        problems.append(
            "В перечне нет ни одного предмета: выберите форму аттестации хотя бы в одной клетке."
        )
    if problems:
        raise AttestationError(problems)
    with transaction.atomic():
        SchoolYear.objects.get_or_create(
            start=year
        )  # a coming year's list is adopted before any of its data
        saved, _ = AttestationList.objects.update_or_create(
            school=school, year_id=year, defaults={"protocol_number": number, "protocol_date": date}
        )
        cells = Q()
        for subject_id, grade in forms:
            cells |= Q(subject_id=subject_id, grade=grade)
        saved.items.filter(cells).delete()
        AttestationItem.objects.bulk_create(
            AttestationItem(attestation_list=saved, subject_id=s, grade=g, form=f)
            for (s, g), f in forms.items()
            if f
        )
    return saved


# --- the check: annual marks of the listed subjects ----------------------------------------------------------


@dataclass(frozen=True)
class Gap:
    subject: str
    class_name: str

    @property
    def text(self) -> str:
        """«математика, 7Б»"""
        return f"{self.subject.lower()}, {self.class_name}"


def year_finished(school: OrgUnit, year: int, today: datetime.date) -> bool:
    """The school has loaded annual marks of the year, or the year is over (its 31 August has passed)."""
    if today > school_year_days(year)[1]:
        return True
    return PeriodMark.objects.filter(school=school, year_id=year, period=Period.YEAR).exists()


def missing_annual_marks(
    school: OrgUnit, year: int, attestation_list: AttestationList | None, today: datetime.date
) -> list[Gap] | None:
    """The listed subjects a class of their grade (2–11, with pupils) has no annual mark in, by subject and class;
    None before the year is finished. One grouped query over the marks: the (class, subject) pairs with an
    annual mark of a pupil enrolled in the class that year."""
    if attestation_list is None or not year_finished(school, year, today):
        return None
    items = list(attestation_list.items.filter(grade__gt=UNMARKED_GRADE).select_related("subject"))
    grades = {i.grade for i in items}
    classes = list(
        SchoolClass.objects.filter(
            Exists(Enrollment.objects.filter(school_class=OuterRef("pk"))),
            school=school,
            year_id=year,
            grade__in=grades,
        ).order_by("grade", "name")
    )
    marked = set(
        PeriodMark.objects.filter(
            school=school,
            year_id=year,
            period=Period.YEAR,
            subject_id__in={i.subject_id for i in items},
            student__enrollments__year_id=year,
            student__enrollments__school_class__in=[c.pk for c in classes],
        )
        .values_list("student__enrollments__school_class_id", "subject_id")
        .distinct()
        .order_by()
    )
    by_grade = defaultdict(list)
    for school_class in classes:
        by_grade[school_class.grade].append(school_class)
    return [
        Gap(item.subject.name, c.name)
        for item in items
        for c in by_grade[item.grade]
        if (c.pk, item.subject_id) not in marked
    ]


# --- reading and the appendix --------------------------------------------------------------------------------


def grades_text(grades: list[int]) -> str:
    """«2–4, 6, 8, 9»: three grades in a row and more as a range."""
    runs: list[list[int]] = []
    for grade in sorted(grades):
        if runs and grade == runs[-1][-1] + 1:
            runs[-1].append(grade)
        else:
            runs.append([grade])
    parts = []
    for run in runs:
        parts += [f"{run[0]}–{run[-1]}"] if len(run) >= RANGE_FROM else [str(g) for g in run]
    return ", ".join(parts)


@dataclass(frozen=True)
class Line:
    subject: str
    grades: str
    form: str


def list_lines(attestation_list: AttestationList | None) -> list[Line]:
    """The list as it is read: per subject, one line per form with its grades («Математика | 5, 6 | контрольная
    работа»), subjects by name, forms in the order of AttestationForm."""
    if attestation_list is None:
        return []
    grouped: dict[tuple[str, str], list[int]] = defaultdict(list)
    for name, grade, form in attestation_list.items.values_list("subject__name", "grade", "form"):
        grouped[(name, form)].append(grade)
    order = list(AttestationForm.values)
    return [
        Line(name, grades_text(grades), AttestationForm(form).label)
        for (name, form), grades in sorted(
            grouped.items(), key=lambda kv: (kv[0][0], order.index(kv[0][1]))
        )
    ]


def attestation_document(
    school: OrgUnit, year: int, attestation_list: AttestationList | None
) -> Document:
    """The appendix to the педсовет's protocol: the protocol at the top, then the list."""
    document = Document(
        title=f"Перечень учебных предметов, выносимых на промежуточную аттестацию по результатам "
        f"{year_label(year)} учебного года",
        lines=[school.name],
    )
    if attestation_list is not None:
        document.approval = [
            f"Приложение к протоколу педагогического совета от "
            f"{attestation_list.protocol_date:%d.%m.%Y} № {attestation_list.protocol_number}"
        ]
    section = document.section("Перечень")
    table = Table(["Предмет", "Классы", "Форма промежуточной аттестации"])
    for line in list_lines(attestation_list):
        table.add(line.subject, line.grades, line.form)
    if not table.rows:
        table.notes.append("Перечень не утверждён: педагогический совет ещё не принял решение.")
    section.blocks.append(table)
    return document

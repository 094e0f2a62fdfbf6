"""The published rows of «Диагностики обучающихся» (the self-examination, vsoko.reports.diagnostics): a year's
row is the sum of the procedure's classes, whose rows the municipal observer reads on the procedure's page
(vsoko.diagnostics.summary.procedure_page) — so the row hides whatever, taken from it, gives a hidden class
cell back. Groups under 5."""

import datetime

import pytest

from tests.accounts.personas import YEAR, build_world
from vsoko.diagnostics.models import Diagnostic, DiagnosticResult
from vsoko.records import enums
from vsoko.records.models import Student
from vsoko.reports.diagnostics import HEADING, diagnostics_section
from vsoko.reports.document import Section, Table

pytestmark = pytest.mark.django_db


def held(world, class_key: str, **levels: int) -> None:
    """The adaptation of 5 класс held in a class: `levels` pupils at each level."""
    diagnostic = Diagnostic.objects.create(school=world.school, year_id=YEAR, procedure="adaptation_5",
                                           date=datetime.date(2024, 10, 15), school_class=world.classes[class_key])
    for level, n in levels.items():
        for i in range(n):
            student = Student.objects.create(school=world.school, student_id=f"{class_key}-{level}-{i}",
                                             last_name="Тестов", first_name="Тест", sex=enums.Sex.MALE)
            DiagnosticResult.objects.create(diagnostic=diagnostic, enrollment=world.enroll(student, class_key),
                                            level=level)


def published(world) -> list[list[str]]:
    section = Section(HEADING)
    diagnostics_section(section, world.school, YEAR, suppress=True)
    return [[getattr(c, "text", c) for c in row.cells] for b in section.blocks if isinstance(b, Table)
            for row in b.rows]


@pytest.fixture
def world(db, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 5
    return build_world()


def test_the_years_row_hides_what_the_classes_shown_to_the_observer_would_give_back(world):
    """5А: 3 pupils at the low level — the observer sees its row as «<5»; 5Б: medium 10, low 12 of 22 — the
    observer sees 22 assessed and high 0, medium and low hidden (in pair with 5А's low), favourable hidden.
    The school: high 0, medium 10, low 15 of 25, each ≥ 5, so on its own the row showed all — but 25 − 22 gives
    5А's 3 back, and medium 10 − 5А's (at most 4) narrows 5Б's hidden medium. «Оценено» hidden, the levels'
    shares would give it back: the whole row is hidden."""
    held(world, "5А", low=3)
    held(world, "5Б", medium=10, low=12)

    assert published(world) == [["2024/2025", "скрыто", "скрыто", "скрыто", "скрыто", "—"]]


def test_a_row_the_classes_cannot_be_taken_from_is_shown_whole(world):
    """One class, 6 at each level: nothing is small, nothing hidden — 18 assessed, favourable 12 of 18."""
    held(world, "5А", high=6, medium=6, low=6)

    assert published(world) == [["2024/2025", "6 (33,3 %)", "6 (33,3 %)", "6 (33,3 %)", "18", "66,7 %"]]

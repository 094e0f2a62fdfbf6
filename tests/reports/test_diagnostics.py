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


def held(world, class_key: str, procedure: str = "adaptation_5", **levels: int) -> None:
    """A procedure (the adaptation of 5 класс) held in a class: `levels` pupils at each level."""
    diagnostic = Diagnostic.objects.create(school=world.school, year_id=YEAR, procedure=procedure,
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
    """5А: 3 pupils at the low level — the observer sees its row hidden («<5»); 5Б: medium 10, low 12 of 22 — its
    low is 5А's partner in the low column and its «Оценено» 22 is 5А's partner in the «Оценено» column (25 − 22
    gave 5А's 3 back), so the observer's page hides 5Б's row whole too. The school: high 0, medium 10, low 15 of 25.
    Published: high 0 (no pupil anywhere); medium and low withheld — each column's one hidden non-zero term is 5Б's,
    beside 5А's zero the reader may take as known, so the total would give 5Б's cell back; «Оценено» 25 shown —
    both classes' totals are hidden, 25 is no single class; the favourable share «—» (no pupil at high)."""
    held(world, "5А", low=3)
    held(world, "5Б", medium=10, low=12)

    assert published(world) == [["2024/2025", "0 (0,0 %)", "скрыто", "скрыто", "25", "—"]]


def test_a_row_the_classes_cannot_be_taken_from_is_shown_whole(world):
    """One class, 6 at each level: nothing is small, nothing hidden — 18 assessed, favourable 12 of 18."""
    held(world, "5А", high=6, medium=6, low=6)

    assert published(world) == [["2024/2025", "6 (33,3 %)", "6 (33,3 %)", "6 (33,3 %)", "18", "66,7 %"]]


def test_the_spt_published_gives_only_how_many_took_part_never_the_risk_levels(world):
    """СПТ (levels_published: false): 9 without risk and 6 at latent risk in one class — groups of 5 and more, which
    another procedure would publish — give one cell, 15 took part; no level's label or count is in the table."""
    held(world, "5А", procedure="spt", no_risk=9, latent_risk=6)

    section = Section(HEADING)
    diagnostics_section(section, world.school, YEAR, suppress=True)
    tables = [b for b in section.blocks if isinstance(b, Table)]
    assert [[getattr(c, "text", c) for c in row.cells] for row in tables[0].rows] == [["2024/2025", "15"]]
    assert "риск" not in " ".join(tables[0].header).lower()


def test_the_spt_in_the_analytic_spravka_keeps_its_levels(world):
    """The справка stays inside the school (suppress=False): the levels are there."""
    held(world, "5А", procedure="spt", no_risk=9, latent_risk=6)

    section = Section(HEADING)
    diagnostics_section(section, world.school, YEAR, suppress=False)
    rows = [[getattr(c, "text", c) for c in row.cells] for b in section.blocks if isinstance(b, Table) for row in b.rows]
    assert rows == [["2024/2025", "9 (60,0 %)", "6 (40,0 %)", "0 (0,0 %)", "15", "60,0 %"]]

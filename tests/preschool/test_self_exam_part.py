"""The short part «Дошкольное образование» of the self-examination's section «Образовательная деятельность»:
there only when the school has preschool groups in the year; numbers of groups and children and the mean
level per area, no count of children with ОВЗ (the report is published)."""

import pytest

from tests.preschool.conftest import YEAR
from vsoko.reports.document import Heading, Paragraph, Section, Table, cell_text
from vsoko.reports.enums import SelfExamSection
from vsoko.reports.self_exam_analysis import CODES, SECTIONS
from vsoko.reports.self_exam_facts import Facts

pytestmark = pytest.mark.django_db


def education(school) -> Section:
    section = Section(SelfExamSection.EDUCATION.heading)
    SECTIONS[SelfExamSection.EDUCATION].build(section, Facts.gather(school, YEAR, [], CODES))
    return section


def test_the_part_appears_with_the_school_groups_and_area_means(monitoring):
    section = education(monitoring.world.school)

    texts = [b.text for b in section.blocks if isinstance(b, Heading | Paragraph)]
    start = texts.index("Дошкольное образование")
    assert texts[start + 1] == (
        "Дошкольных групп — 3, детей — 37. Качество дошкольного образования оценено по 7 областям положения о ВСОКО "
        "(уровни 1–4; 2 — базовый, соответствует требованиям ФГОС ДО); средний уровень по всем областям — 2,63, "
        "доля оценок не ниже базового — 87,5 %.")
    (table,) = [b for b in section.blocks if isinstance(b, Table)]
    rows = [[cell_text(c) for c in row.cells] for row in table.rows]
    assert ["Взаимодействие с семьей", "2,50", "83,3 %", "▲ выше на 0,50"] in rows
    assert "ОВЗ" not in " ".join(texts)


def test_no_part_without_preschool_groups(world):
    section = education(world.school)

    assert "Дошкольное образование" not in [b.text for b in section.blocks if isinstance(b, Heading)]


def test_fewer_children_than_the_published_minimum_are_not_counted(monitoring, settings):
    """The report is published: a head count under VSOKO_MIN_GROUP_SIZE is withheld, as everywhere it is published
    (vsoko.reports.public); here the fixture's 37 children are under a minimum of 40."""
    settings.VSOKO_MIN_GROUP_SIZE = 40

    texts = [b.text for b in education(monitoring.world.school).blocks if isinstance(b, Paragraph)]

    (part,) = [t for t in texts if t.startswith("Дошкольных групп")]
    assert part.startswith("Дошкольных групп — 3, детей — менее 40. ")
    assert "37" not in part

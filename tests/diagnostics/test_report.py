"""The section «Диагностики обучающихся» of the reports: counts per level, no names; hidden small groups in
the published self-examination."""

from dataclasses import replace

import pytest

from tests.accounts.personas import YEAR
from vsoko.reports import analytic
from vsoko.reports.diagnostics import HEADING, diagnostics_section
from vsoko.reports.document import Heading, Paragraph, Section, Table

pytestmark = pytest.mark.django_db


def rows(section: Section) -> list[list]:
    return [[str(c) for c in row.cells] for block in section.blocks if isinstance(block, Table) for row in block.rows]


def test_the_internal_report_gives_counts_and_percents_per_level(tiny):
    section = Section(HEADING)

    diagnostics_section(section, tiny.world.school, YEAR, suppress=False)

    # The procedure's title: its name says the grade already, so the heading does not say it twice.
    assert [b.text for b in section.blocks if isinstance(b, Heading)] == [
        "Обученность и адаптация обучающихся 5 класса"]
    table = next(b for b in section.blocks if isinstance(b, Table))
    assert table.header[1:4] == ["высокий уровень адаптации", "средний уровень адаптации",
                                 "низкий уровень адаптации (дезадаптация)"]
    assert [r.cells[:4] for r in table.rows] == [["2024/2025", "1 (20,0 %)", "2 (40,0 %)", "2 (40,0 %)"]]
    text = str(section)
    for name in ("Иванов", "Петров", "Anna", "Anna".lower()):
        assert name not in text


def test_the_note_cites_the_school_s_own_regulation_not_the_seed_school_s(tiny):
    # procedures.yaml cites regulation 000 under the name of the school it was written for («МКОУ «СОШ № 1»
    # г. Сосенский»): a real school another school's report must not name.
    section = Section(HEADING)

    diagnostics_section(section, tiny.world.school, YEAR, suppress=True)

    note = next(b for b in section.blocks if isinstance(b, Table)).notes[0]
    assert note.startswith("Положение о ВСОКО МБОУ «Школа №1», п. 4.4.1: «мониторинговое исследование обученности")
    assert "Сосенск" not in str(section) and "МКОУ" not in str(section)


def test_a_procedure_citing_another_document_keeps_it():
    from vsoko.diagnostics.procedures import procedures

    spec = procedures()["adaptation_5"]
    assert spec.document_of("МБОУ «Школа №1»") == "Положение о ВСОКО МБОУ «Школа №1»"
    assert replace(spec, document="Приказ директора № 12 от 01.09.2024").document_of("МБОУ «Школа №1»") == (
        "Приказ директора № 12 от 01.09.2024")


def test_the_published_report_hides_small_groups(tiny, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 5
    section = Section(HEADING)

    diagnostics_section(section, tiny.world.school, YEAR, suppress=True)

    assert rows(section)[0][1:4] == ["скрыто", "скрыто", "скрыто"]


def test_a_year_without_diagnostics_says_so_and_the_analytic_report_has_the_section(world):
    document = analytic.build(world.school, YEAR)

    section = next(s for s in document.sections if s.heading == HEADING)
    assert isinstance(section.blocks[0], Paragraph) and "не записаны" in section.blocks[0].text

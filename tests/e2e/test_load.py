"""The deputy enters the distribution of load: from «Данные» to the grade's table, a teacher in a cell, saved;
the teacher's page then names the teacher's own classes."""

import pytest
from playwright.sync_api import expect

from tests.accounts.personas import YEAR
from vsoko.teaching.models import TeachingAssignment

pytestmark = pytest.mark.e2e


def test_the_deputy_sets_a_teacher_in_a_cell_and_saves(logged_in_page, world):
    deputy = logged_in_page("deputy")

    deputy.goto("/data/")
    deputy.get_by_role("link", name="Распределение нагрузки").click()
    deputy.get_by_role("link", name="5 класс").click()
    deputy.get_by_label("5А, Математика").select_option(label="Смирнова М.")
    deputy.get_by_role("button", name="Сохранить нагрузку 5 класса").click()

    expect(deputy.get_by_text("Распределение нагрузки сохранено: назначено: 1.")).to_be_visible()
    expect(deputy.get_by_label("5А, Математика")).to_have_value(str(world.staff["smirnova"].pk))
    assert list(TeachingAssignment.objects.values_list("year_id", "school_class__name", "subject__name",
                                                       "staff__staff_id")) == [(YEAR, "5А", "Математика", "P-001")]
    deputy.goto(f"/assessments/teachers/{world.staff['smirnova'].pk}/?year={YEAR}")
    expect(deputy.get_by_text("Классы учителя — по распределению нагрузки 2024/2025: Математика — 5А.")).to_be_visible()

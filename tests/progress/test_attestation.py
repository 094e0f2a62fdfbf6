"""The педсовет's list of subjects for промежуточная аттестация (reg. 000, п. 3.4): saving it, the gaps in the
annual marks it reveals, its page and its Excel appendix. The small world of tests/accounts/personas.py: 5А, 5Б,
10А in 2024/2025 with annual marks in математика (all three) and физика (10А only)."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from tests.accounts.personas import PREVIOUS_YEAR, YEAR, build_world
from vsoko.progress.attestation import (
    AttestationError,
    adopted_list,
    grades_text,
    missing_annual_marks,
    save_list,
)
from vsoko.progress.enums import AttestationForm
from vsoko.progress.models import AttestationItem

pytestmark = pytest.mark.django_db
AFTER_THE_YEAR = datetime.date(2025, 9, 15)


@pytest.fixture
def world():
    return build_world()


def adopt(world, year=YEAR, **forms):
    """save_list with cells named «math_5» → форма."""
    cells = {}
    for key, form in forms.items():
        subject, grade = key.split("_")
        cells[(world.subjects[subject].pk, int(grade))] = form
    return save_list(world.school, year, number="1", date=datetime.date(year, 9, 2), forms=cells)


def test_a_saved_list_is_read_back_and_a_second_save_changes_only_its_cells(world):
    adopt(world, math_5=AttestationForm.TEST, physics_10=AttestationForm.TESTING)
    math = world.subjects["math"].pk
    save_list(
        world.school,
        YEAR,
        number="2",
        date=datetime.date(2025, 5, 20),
        forms={(math, 5): "", (math, 6): AttestationForm.DICTATION},
    )

    saved = adopted_list(world.school, YEAR)
    assert (saved.protocol_number, saved.protocol_date) == ("2", datetime.date(2025, 5, 20))
    assert sorted((i.subject.name, i.grade, i.form) for i in saved.items.all()) == [
        ("Математика", 6, "dictation"),
        ("Физика", 10, "testing"),
    ]  # 5 класс removed, 10 класс untouched


@pytest.mark.parametrize(
    ("date", "forms", "message"),
    [
        (
            datetime.date(2024, 8, 31),
            {"math_5": "test"},
            "Дата протокола 31.08.2024 — не в 2024/2025 учебном году перечня (01.09.2024–31.08.2025).",
        ),
        (datetime.date(2024, 9, 2), {"math_5": "essay"}, "Математика, 5 класс: формы «essay» нет"),
        (
            datetime.date(2024, 9, 2),
            {"math_12": "test"},
            "Математика, 12 класс: классы — с 1 по 11.",
        ),
        (datetime.date(2024, 9, 2), {"math_5": ""}, "В перечне нет ни одного предмета"),
    ],
)
def test_a_wrong_list_is_refused_with_where_and_why_and_nothing_is_saved(
    world, date, forms, message
):
    cells = {
        (world.subjects[k.split("_")[0]].pk, int(k.split("_")[1])): v for k, v in forms.items()
    }
    with pytest.raises(AttestationError) as refused:
        save_list(world.school, YEAR, number="1", date=date, forms=cells)
    assert any(message in p for p in refused.value.problems), refused.value.problems
    assert adopted_list(world.school, YEAR) is None and AttestationItem.objects.count() == 0


def test_a_missing_protocol_number_is_refused(world):
    with pytest.raises(AttestationError) as refused:
        save_list(
            world.school,
            YEAR,
            number=" ",
            date=None,
            forms={(world.subjects["math"].pk, 5): "test"},
        )
    assert refused.value.problems == [
        "Укажите номер протокола педагогического совета.",
        "Укажите дату протокола педагогического совета.",
    ]


def test_classes_without_annual_marks_in_a_listed_subject_are_named_in_four_queries(
    world, django_assert_num_queries
):
    # Физика has annual marks in 10А only; 7 класс has no class; 1 класс is без отметок and never checked.
    listed = adopt(
        world,
        math_5="test",
        physics_5="testing",
        math_10="annual",
        physics_10="test",
        math_7="test",
        math_1="complex",
    )
    with django_assert_num_queries(
        4
    ):  # annual marks loaded; the list; the classes; the grouped marks
        gaps = missing_annual_marks(world.school, YEAR, listed, today=datetime.date(2025, 6, 1))
    assert [g.text for g in gaps] == ["физика, 5А", "физика, 5Б"]


def test_the_check_waits_for_the_year_to_finish(world):
    listed = adopt(world, year=PREVIOUS_YEAR, math_5="test")
    # 2023/2024 has no annual marks at all: during the year nothing is missing yet, after it 5А (Орлов) is.
    assert (
        missing_annual_marks(world.school, PREVIOUS_YEAR, listed, today=datetime.date(2024, 6, 10))
        is None
    )
    assert [
        g.text
        for g in missing_annual_marks(world.school, PREVIOUS_YEAR, listed, today=AFTER_THE_YEAR)
    ] == ["математика, 5А"]


def test_grades_are_written_as_ranges():
    assert grades_text([2, 3, 4, 6, 8, 9]) == "2–4, 6, 8, 9"
    assert grades_text([5]) == "5"


def page(client, user, **params):
    client.force_login(user)
    return client.get(reverse("progress:attestation"), {"year": YEAR, **params})


def test_without_a_list_the_page_says_so_and_the_deputy_gets_the_grid(client, world):
    text = page(client, world.users["deputy"]).content.decode()
    assert "Перечень не утверждён" in text
    assert (
        'name="f-{}-5"'.format(world.subjects["math"].pk) in text
    )  # the grid: математика × 5 класс
    assert "Сохранить перечень" in text


def test_the_deputy_saves_the_grid_and_a_teacher_reads_it_without_a_form(client, world):
    math, physics = world.subjects["math"].pk, world.subjects["physics"].pk
    client.force_login(world.users["deputy"])
    response = client.post(
        reverse("progress:attestation") + f"?school=s1&year={YEAR}",
        {
            "school": "s1",
            "protocol_number": "1",
            "protocol_date": "2024-09-02",
            "cells": [f"{math}-5", f"{physics}-5", f"{physics}-10"],
            f"f-{math}-5": "test",
            f"f-{physics}-5": "",
            f"f-{physics}-10": "testing",
        },
    )
    assert response.status_code == 302
    assert "сохранён (протокол педагогического совета от 02.09.2024 № 1): 2 предмета." in (
        client.get(response["Location"]).content.decode()
    )
    assert sorted(adopted_list(world.school, YEAR).items.values_list("grade", "form")) == [
        (5, "test"),
        (10, "testing"),
    ]

    text = page(client, world.users["teacher"]).content.decode()
    assert "протокол педагогического совета от 02.09.2024 № 1" in text
    assert "контрольная работа" in text and "Сохранить перечень" not in text
    assert (
        client.post(reverse("progress:attestation") + f"?year={YEAR}", {"school": "s1"}).status_code
        == 403
    )


def test_a_refused_save_keeps_what_was_chosen_and_says_why(client, world):
    math = world.subjects["math"].pk
    client.force_login(world.users["deputy"])
    response = client.post(
        reverse("progress:attestation") + f"?school=s1&year={YEAR}",
        {
            "school": "s1",
            "protocol_number": "1",
            "protocol_date": "2026-01-10",
            "cells": [f"{math}-5"],
            f"f-{math}-5": "dictation",
        },
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "Ничего не сохранено" in text and "Дата протокола 10.01.2026 — не в 2024/2025" in text
    assert '<option value="dictation" selected>' in text
    assert adopted_list(world.school, YEAR) is None


def test_last_years_list_is_offered_as_the_start_and_saved_only_when_asked(client, world):
    adopt(world, year=PREVIOUS_YEAR, math_5="dictation")
    text = page(client, world.users["deputy"], start="last_year").content.decode()
    assert "Перенести перечень прошлого года" in text
    assert '<option value="dictation" selected>' in text and "Перечень не утверждён" in text
    assert adopted_list(world.school, YEAR) is None


def test_the_excel_appendix_starts_with_the_protocol(client, world):
    adopt(world, math_5="test", math_6="test", physics_10="testing")
    response = page(client, world.users["director"], format="xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "Приложение к протоколу педагогического совета от 02.09.2024 № 1" in cells
    assert ["Математика", "5, 6", "контрольная работа"] == cells[cells.index("Математика") :][:3]

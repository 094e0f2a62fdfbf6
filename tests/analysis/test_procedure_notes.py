"""The explanations on a procedure's page read on their own, without a manual the page does not link to."""

from __future__ import annotations

import pytest

from tests.analysis.pages import links, section_node, text

pytestmark = pytest.mark.django_db


def test_the_missing_benchmarks_note_says_what_to_do_without_internal_codes(client, aw):
    # It read «Их вводят в пакете данных … с кодами: vpr.5.русский язык.2 … vpr.5.русский язык.task.1»: codes a
    # deputy cannot know, in a sheet they do not keep. Now it links to the form that takes the figures of ФИС ОКО.
    client.force_login(aw.users["deputy"])
    response = client.get(f"/assessments/{aw.vpr.pk}/")
    page = text(response)

    assert "vpr.5" not in page and "с кодами" not in page
    assert ("Значения муниципалитета, региона и РФ для сравнения не введены. Их берут в ФИС ОКО (раздел "
            "«Аналитика», таблицы «Статистика по отметкам» и «Выполнение заданий»).") in page
    assert ("Ввести значения для сравнения", f"/assessments/{aw.vpr.pk}/benchmarks/") in links(
        section_node(response, "marks"))


def test_a_teacher_is_told_who_enters_the_benchmarks(client, aw):
    client.force_login(aw.users["teacher"])
    response = client.get(f"/assessments/{aw.vpr.pk}/")

    assert "Их вводит администрация школы (директор или заместитель)." in text(response)
    assert not any("benchmarks" in href for _, href in links(section_node(response, "marks")))

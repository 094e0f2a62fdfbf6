"""The explanations on a procedure's page read on their own, without a manual the page does not link to."""

from __future__ import annotations

import pytest

from tests.analysis.pages import text

pytestmark = pytest.mark.django_db


def test_the_missing_benchmarks_note_says_what_each_code_means(client, aw):
    # It read «с кодом вида vpr.5.русский язык.2 — см. справку раздела»: what «.2» is, and which «справка», was
    # nowhere on the site.
    client.force_login(aw.users["deputy"])

    page = text(client.get(f"/assessments/{aw.vpr.pk}/"))

    assert "см. справку раздела" not in page
    assert (
        "Значения муниципалитета и региона не введены. Их вводят в пакете данных (лист «Показатели, вводимые "
        "вручную», уровень «муниципалитет» или «регион») с кодами: vpr.5.русский язык.2 … vpr.5.русский язык.5 — "
        "доля «2» … «5», %; vpr.5.русский язык.mean — средняя отметка; vpr.5.русский язык.participants — "
        "участников; vpr.5.русский язык.task.1 — выполнение задания 1, %."
    ) in page

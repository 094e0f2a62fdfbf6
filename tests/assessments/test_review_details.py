"""«Сведения о процедуре» on the review of a recognised file: empty fields mean «как в файле», and it says so.

On the demo school the panel of a recognised ВПР showed «Вид процедуры —», an empty «Предмет» and «Класс»: it
read as if the file had said nothing, while the line above named «ВПР · Русский язык · 4 класс · 2025/2026».
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.assessments.builders import write_f1
from tests.assessments.test_views import user_with
from tests.web.pages import parse
from vsoko.accounts.enums import Role
from vsoko.assessments.models import ResultsUpload
from vsoko.records.models import Assessment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"


def test_the_details_of_a_recognised_file_say_empty_fields_keep_what_the_file_says(
    client, school, roster, tmp_path
):
    client.force_login(user_with(Role.DEPUTY, school))
    path = write_f1(tmp_path / "f1.xlsx")
    with open(path, "rb") as f:
        response = client.post(
            "/assessments/import/", {"file": SimpleUploadedFile("f1.xlsx", f.read())}, follow=True
        )

    details = next(
        d for d in parse(response).find_all("details") if "Сведения о процедуре" in d.text
    )

    assert (
        details.find_all("summary")[0].text
        == "Сведения о процедуре — из файла; исправлять, только если в нём ошибка"
    )
    assert (
        "Пустое поле — как в файле: ВПР · Русский язык · 4 класс · 2025/2026 · 15.04.2026. Заполните поле, только "
        "если в файле ошибка или сведений нет."
    ) in details.text
    assert "open" not in details.attrs


def test_loading_the_same_file_again_says_nothing_changed(client, school, roster, tmp_path):
    # It said «загружен: добавлено строк 0, изменено 0» — as if the file had been empty. The first time: one
    # procedure, 13 tasks, 4 results = 18 rows.
    client.force_login(user_with(Role.DEPUTY, school))
    path = write_f1(tmp_path / "f1.xlsx")
    said = []
    for _ in range(2):
        with open(path, "rb") as f:
            client.post("/assessments/import/", {"file": SimpleUploadedFile("f1.xlsx", f.read())})
        item = ResultsUpload.objects.latest("pk")
        response = client.post(f"/assessments/import/{item.pk}/run/", follow=True)
        said.append([str(m) for m in response.context["messages"]])

    link = f'Анализ: <a href="/assessments/{Assessment.objects.get().pk}/">ВПР, русский язык, 4 класс</a>.'
    assert said[0] == ["Файл «f1.xlsx» загружен: добавлено строк 18, изменено 0. " + link]
    assert said[1] == [
        "Файл «f1.xlsx» уже был загружен: в нём ничего нового, ничего не изменилось. " + link
    ]


def test_a_journals_marks_say_their_year_classes_and_periods_and_ask_nothing_of_a_procedure(
    client, school, roster, tmp_path
):
    # A deputy's «сводная ведомость» of annual marks: the review said «Отметок за периоды в файле: 4» and offered
    # «Сведения о процедуре» with «Вид процедуры», «Предмет», «Дата» and an empty «Учебный год» — a journal has
    # no procedure, and which year and period the marks went to was nowhere said.
    from tests.assessments.builders import write_workbook

    path = write_workbook(tmp_path / "ведомость.xlsx", {"4А": [
        ["Сводная ведомость итоговых отметок 4А класса за 2025/2026 учебный год (годовые)"],
        ["ФИО", "Русский язык", "Математика"],
        ["Иванов Иван Ильич", 5, 4],
        ["Петрова Алёна Сергеевна", 4, 4],
    ]})
    client.force_login(user_with(Role.DEPUTY, school))
    with open(path, "rb") as f:
        response = client.post(
            "/assessments/import/", {"file": SimpleUploadedFile("ведомость.xlsx", f.read())}, follow=True
        )

    page = parse(response)
    text = page.text
    assert "Отметок за периоды в файле: 4 — 2025/2026 учебный год, класс 4А, год." in text
    details = next(d for d in page.find_all("details") if "Учебный год и периоды" in d.text)
    assert details.find_all("summary")[0].text == "Учебный год и периоды — из файла; исправлять, только если в нём ошибка"
    assert {f.attrs["name"] for f in details.find_all("input") + details.find_all("select")
            if f.attrs.get("type") != "hidden"} == {"year", "period_system"}
    assert "Сведения о процедуре" not in text

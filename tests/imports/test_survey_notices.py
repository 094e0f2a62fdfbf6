"""Survey answers under a survey or question code the product does not know are stored (spec/data-format.md lets a
package carry any codes) but count in no indicator: the import summary says so — before confirming, on the finished
import's page and in `vsoko import` — with the known code a typo most resembles («parent» → «parents»)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.imports.conftest import write_csv_folder, write_xlsx
from tests.imports.test_views import deputy, package_file  # noqa: F401  (fixtures and the upload helper)
from vsoko.imports.models import ImportRun
from vsoko.imports.service import import_package, preview_package
from vsoko.indicators.models import Catalog, Indicator
from vsoko.records.models import SurveyAnswer

pytestmark = pytest.mark.django_db

HEADER = ["year", "survey", "respondent", "grade", "question", "answer"]
ANSWERS = {"survey_responses": [
    HEADER,
    ["2024/2025", "parent", "R1", "5", "overall", "полностью удовлетворен"],   # row 2
    ["2024/2025", "parent", "R1", "5", "safety", "скорее удовлетворен"],      # row 3
    ["2024/2025", "parent", "R2", "6", "overall", "не удовлетворен"],         # row 4
    ["2024/2025", "parents", "R3", "7", "overal", "полностью удовлетворен"],  # row 5
    ["2024/2025", "parents", "R3", "7", "safety", "полностью удовлетворен"],  # row 6: known, no notice
    ["2024/2025", "parents", "R4", "7", "overal", "затрудняюсь ответить"],    # row 7
    ["2024/2025", "canteen", "R5", "", "food", "вкусно"],                     # row 8
]}
UNKNOWN_PARENT = ("Анкета «parent» ({where}, строки 2–4) не известна продукту: ответы сохраняются, но ни в один "
                  "показатель не входят. Возможно, имелась в виду «parents».")
UNKNOWN_OVERAL = ("Вопрос «overal» анкеты «parents» ({where}, строки 5, 7) не известен продукту: ответы на него "
                  "сохраняются, но ни в один показатель не входят. Возможно, имелся в виду «overall».")
UNKNOWN_CANTEEN = ("Анкета «canteen» ({where}, строка 8) не известна продукту: ответы сохраняются, но ни в один "
                   "показатель не входят.")


def expected(where: str) -> list[str]:
    return [text.format(where=where) for text in (UNKNOWN_PARENT, UNKNOWN_OVERAL, UNKNOWN_CANTEEN)]


def test_unknown_surveys_and_questions_are_stored_and_said(tmp_path, school):
    report = import_package(write_csv_folder(tmp_path / "p", ANSWERS), school=school)

    assert report.errors == []
    assert [n.message for n in report.notices] == expected("файл survey_responses.csv")
    assert SurveyAnswer.objects.count() == 7
    run = ImportRun.objects.get()
    assert [n["message"] for n in run.notices] == expected("файл survey_responses.csv")


def test_the_preview_says_it_before_anything_is_stored(tmp_path, school):
    report = preview_package(write_xlsx(tmp_path / "p.xlsx", ANSWERS), school=school)

    assert [n.message for n in report.notices] == expected("лист «Ответы анкет»")
    assert not SurveyAnswer.objects.exists()


def test_known_codes_give_no_notice(tmp_path, school):
    package = {"survey_responses": [HEADER, ["2024/2025", "parents", "R1", "5", "overall", "полностью удовлетворен"],
                                    ["2024/2025", "teachers", "R2", "", "overall", "скорее удовлетворен"]]}

    assert import_package(write_csv_folder(tmp_path / "p", package), school=school).notices == []


def test_a_survey_the_schools_own_indicator_counts_is_known(tmp_path, school):
    """A school's own catalog may count a survey of its own: its codes (and its questions) are then known."""
    catalog = Catalog.objects.create(code="own-canteen", name="Свои показатели", school=school)
    Indicator.objects.create(
        catalog=catalog, code="own.canteen", name="Довольны столовой", unit="percent", method="computed",
        formula="percent(survey.answers[survey=canteen, question=food, answer=satisfied_full], "
                "survey.respondents[survey=canteen])")
    package = {"survey_responses": [HEADER, ["2024/2025", "canteen", "R1", "", "food", "полностью удовлетворен"],
                                    ["2024/2025", "canteen", "R2", "", "fod", "не удовлетворен"]]}

    report = import_package(write_csv_folder(tmp_path / "p", package), school=school)

    assert [n.message for n in report.notices] == [
        "Вопрос «fod» анкеты «canteen» (файл survey_responses.csv, строка 3) не известен продукту: ответы на него "
        "сохраняются, но ни в один показатель не входят. Возможно, имелся в виду «food»."]


def test_another_schools_indicator_does_not_make_a_survey_known(tmp_path, school):
    from vsoko.records.schools import ensure_school

    other = ensure_school(name="МБОУ «Другая СОШ»", code="other")
    catalog = Catalog.objects.create(code="other-canteen", name="Свои показатели", school=other)
    Indicator.objects.create(catalog=catalog, code="other.canteen", name="Столовая", unit="count", method="computed",
                             formula="survey.respondents[survey=canteen]")
    package = {"survey_responses": [HEADER, ["2024/2025", "canteen", "R1", "", "food", "вкусно"]]}

    report = import_package(write_csv_folder(tmp_path / "p", package), school=school)

    assert [n.value for n in report.notices] == ["canteen"]


def test_many_rows_are_named_by_ranges_and_cut_short(tmp_path, school):
    rows = [["2024/2025", "parents", f"R{n}", "5", "q1" if n % 3 else "overall", "полностью удовлетворен"]
            for n in range(2, 31)]
    report = import_package(write_csv_folder(tmp_path / "p", {"survey_responses": [HEADER, *rows]}), school=school)

    # rows 2..30; «overall» where the row's n is divisible by 3 (rows 3, 6, …, 30), «q1» elsewhere
    assert [n.message for n in report.notices] == [
        "Вопрос «q1» анкеты «parents» (файл survey_responses.csv, строки 2, 4–5, 7–8, 10–11, 13–14 и ещё 10) "
        "не известен продукту: ответы на него сохраняются, но ни в один показатель не входят."]


def test_vsoko_import_prints_the_notices(tmp_path, school, capsys):
    call_command("import", str(write_csv_folder(tmp_path / "p", ANSWERS)))

    out = capsys.readouterr().out
    assert "Загружено, но не учитывается в показателях:" in out
    for text in expected("файл survey_responses.csv"):
        assert f"  {text}" in out


@pytest.fixture(autouse=True)
def background(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.UPLOAD_DIR = tmp_path / "uploads"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_upload_pages_say_it_before_confirming_and_after(client, deputy, school, tmp_path):  # noqa: F811
    client.post(reverse("imports:upload"), {"file": package_file(tmp_path, ANSWERS), "school": school.pk})
    run = ImportRun.objects.get()

    preview = client.get(reverse("imports:run", args=[run.token]))
    client.post(reverse("imports:confirm", args=[run.token]))
    done = client.get(reverse("imports:run", args=[run.token]))

    assert ImportRun.objects.get().status == "done"
    assert "Будет загружено, но не войдёт в показатели" in preview.text
    assert "Загружено, но не учитывается в показателях" in done.text
    for page in (preview, done):
        for text in expected("лист «Ответы анкет»"):
            assert text in page.text

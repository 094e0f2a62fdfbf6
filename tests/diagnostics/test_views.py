"""Who sees what, with the named personas of tests/accounts/personas.py and the tiny diagnostic of 5А/5Б."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.accounts.personas import YEAR
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.diagnostics.entry import current_levels
from vsoko.diagnostics.models import Diagnostic
from vsoko.diagnostics.workbook import SHEET
from vsoko.records.enums import ApprovalStatus
from vsoko.records.models import YearApproval

pytestmark = pytest.mark.django_db


def login(client, tiny, persona):
    client.force_login(tiny.world.users[persona])
    return client


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_deputy_sees_names_and_levels_and_saves_them(client, tiny):
    url = reverse("diagnostics:detail", args=[tiny.a.pk])
    html = page(login(client, tiny, "deputy"), url)
    assert "Иванов" in html and 'name="level-' in html
    p = tiny.pupils

    response = client.post(url, {f"level-{p['ivanov'].pk}": "low", f"level-{p['vera'].pk}": "medium",
                                 f"level-{p['anna'].pk}": "medium", f"level-{p['boris'].pk}": ""})

    assert response.status_code == 302
    assert current_levels(tiny.a) == {p["ivanov"].pk: "low", p["vera"].pk: "medium", p["anna"].pk: "medium"}
    assert AuditEntry.objects.filter(action=AuditAction.CHANGE, object_type="diagnostic").count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.VIEW_LIST, object_type="diagnostic").exists()


def test_a_bad_post_saves_nothing(client, tiny):
    p = tiny.pupils
    before = current_levels(tiny.a)

    response = login(client, tiny, "deputy").post(reverse("diagnostics:detail", args=[tiny.a.pk]), {
        f"level-{p['ivanov'].pk}": "low", f"level-{p['vera'].pk}": "brilliant"})

    assert response.status_code == 200 and "Ничего не сохранено" in response.content.decode()
    assert current_levels(tiny.a) == before


def test_the_class_teacher_enters_own_class_only(client, tiny):
    login(client, tiny, "class_teacher")
    assert 'name="level-' in page(client, reverse("diagnostics:detail", args=[tiny.a.pk]))  # 5А

    assert client.get(reverse("diagnostics:detail", args=[tiny.b.pk])).status_code == 404  # 5Б: not theirs
    assert client.post(reverse("diagnostics:upload", args=[tiny.b.pk])).status_code == 404
    form = page(client, reverse("diagnostics:new") + f"?year={YEAR}")
    assert "5А" in form and "5Б" not in form


def test_a_teacher_sees_counts_of_the_classes_they_see_but_no_names(client, tiny):
    tenth = Diagnostic.objects.create(school=tiny.world.school, year_id=YEAR, procedure="upbringing",
                                      date=tiny.a.date, school_class=tiny.world.classes["10А"])
    login(client, tiny, "teacher")  # physics: 10А only

    html = page(client, reverse("diagnostics:detail", args=[tenth.pk]))
    assert "Сидорова" not in html and 'name="level-' not in html and "сводные данные" in html
    assert client.get(reverse("diagnostics:detail", args=[tiny.a.pk])).status_code == 404
    assert client.get(reverse("diagnostics:template", args=[tenth.pk])).status_code == 403
    assert client.post(reverse("diagnostics:detail", args=[tenth.pk]), {}).status_code == 200
    assert not AuditEntry.objects.filter(object_type="diagnostic").exists()


def test_the_observer_sees_counts_with_small_groups_hidden(client, tiny, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 5
    login(client, tiny, "observer")

    index = page(client, reverse("diagnostics:index") + f"?school=s1&year={YEAR}")
    detail = page(client, reverse("diagnostics:detail", args=[tiny.a.pk]))
    procedure = page(client, reverse("diagnostics:procedure", args=["adaptation_5"]) + f"?school=s1&year={YEAR}")

    for html in (index, detail, procedure):
        assert "скрыто" in html or "меньше 5" in html
        assert "Иванов" not in html and 'name="level-' not in html
    assert client.get(reverse("diagnostics:template", args=[tiny.a.pk])).status_code == 403


def test_the_other_schools_director_gets_nothing(client, tiny):
    login(client, tiny, "other_director")

    assert client.get(reverse("diagnostics:detail", args=[tiny.a.pk])).status_code == 404
    assert client.get(reverse("diagnostics:template", args=[tiny.a.pk])).status_code == 404
    index = page(client, reverse("diagnostics:index") + "?school=s1")
    assert "Школа №2" in index and "Обученность и адаптация обучающихся 5 класса" not in index


def test_the_year_summary_and_procedure_page_show_the_distribution(client, tiny):
    login(client, tiny, "deputy")

    index = page(client, reverse("diagnostics:index") + f"?year={YEAR}")
    procedure = page(client, reverse("diagnostics:procedure", args=["adaptation_5"]) + f"?year={YEAR}")

    assert "Обученность и адаптация обучающихся 5 класса" in index
    assert "60.0 %" in index or "60,0 %" in index
    assert "5А" in procedure and "5Б" in procedure and "2023/2024" in procedure


def test_the_excel_way_and_an_upload_error_changes_nothing(client, tiny):
    login(client, tiny, "deputy")
    response = client.get(reverse("diagnostics:template", args=[tiny.a.pk]))
    book = load_workbook(BytesIO(response.content))
    book[SHEET]["D4"] = "очень высокий"
    out = BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "5А.xlsx"
    before = current_levels(tiny.a)

    bad = client.post(reverse("diagnostics:upload", args=[tiny.a.pk]), {"file": out})

    assert "лист «Уровни», строка 4, столбец D «Уровень»: значение «очень высокий»" in bad.content.decode()
    assert current_levels(tiny.a) == before
    book[SHEET]["D4"] = "высокий уровень адаптации"
    good = BytesIO()
    book.save(good)
    good.seek(0)
    good.name = "5А.xlsx"
    assert client.post(reverse("diagnostics:upload", args=[tiny.a.pk]), {"file": good}).status_code == 302
    assert current_levels(tiny.a)[tiny.pupils["vera"].pk] == "high"
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, object_type="diagnostic").exists()


def test_an_approved_year_refuses_saves(client, tiny):
    YearApproval.objects.create(school=tiny.world.school, year_id=YEAR, status=ApprovalStatus.APPROVED)
    p = tiny.pupils
    before = current_levels(tiny.a)

    response = login(client, tiny, "deputy").post(reverse("diagnostics:detail", args=[tiny.a.pk]),
                                                  {f"level-{p['vera'].pk}": "high"})

    assert "утверждены" in response.content.decode()
    assert current_levels(tiny.a) == before


def test_the_deputy_records_a_diagnostic_for_a_whole_grade(client, tiny):
    classes = tiny.world.classes
    response = login(client, tiny, "deputy").post(reverse("diagnostics:new") + f"?year={YEAR}", {
        "procedure": "anxiety", "date": "2024-10-20", "classes": [classes["5А"].pk, classes["5Б"].pk]})

    assert response.status_code == 302
    assert Diagnostic.objects.filter(procedure="anxiety").count() == 2
    wrong = client.post(reverse("diagnostics:new") + f"?year={YEAR}", {
        "procedure": "readiness_1", "date": "2024-09-20", "classes": [classes["5А"].pk]})
    assert "проводится в 1 кл., а не в: 5А" in wrong.content.decode()

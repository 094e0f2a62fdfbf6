"""The school's settings of indicators: catalogs, own indicators, targets; and suppression for the observer."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.accounts.personas import build_world
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.datavalues.compute import recompute
from vsoko.indicators.catalogs import CATALOG_DIR, read_catalog, save_own_indicator, store_catalog
from vsoko.indicators.models import Indicator, IndicatorVersion, SchoolCatalog, Target
from vsoko.records import enums
from vsoko.records.approval import set_status
from vsoko.records.enums import ApprovalStatus
from vsoko.records.models import PeriodMark, Student

pytestmark = pytest.mark.django_db

QUALITY = ("percent(students.ce[grade=2..11, attestation=excellent|good], "
           "students.ce[grade=2..11, attestation=excellent|good|satisfactory|failing])")
PAGES = ["indicators:settings", "indicators:own_new", "indicators:targets"]


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(core_catalog):
    errors: list[str] = []
    store_catalog(read_catalog(CATALOG_DIR / "order1324.yaml", errors))
    assert errors == []
    w = build_world()
    for school in (w.school, w.other_school):
        recompute(school, [2023, 2024])
    return w


def as_user(client, world, who):
    client.force_login(world.users[who])
    return client


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def own_item(**changes) -> dict:
    return {"code": "quality_by_grade", "name": "Качество знаний по параллелям", "unit": "percent",
            "direction": "up", "method": "computed", "formula": QUALITY, "breakdowns": "grade", "total": "on",
            **changes}


def test_catalog_choice_changes_the_tree(client, world):
    deputy = as_user(client, world, "deputy")
    assert [c.code for c in deputy.get(reverse("indicators:catalog")).context["catalogs"]] == ["core", "order1324"]

    response = deputy.post(reverse("indicators:settings"), {"catalog": [str(
        Indicator.objects.filter(code__startswith="core.").first().catalog_id)]})

    assert response.status_code == 302
    assert list(SchoolCatalog.objects.filter(school=world.school).values_list("catalog__code", flat=True)) == ["core"]
    page = deputy.get(reverse("indicators:catalog") + "?catalog=order1324")
    assert [c.code for c in page.context["catalogs"]] == ["core"]
    assert page.context["catalog"].code == "core"
    entry = AuditEntry.objects.get(object_type="school_catalogs")
    assert entry.action == AuditAction.CHANGE
    assert entry.details["changes"] == {"catalogs": ["", "core"]}


def test_own_indicator_with_a_bad_formula_shows_the_russian_error_and_stores_nothing(client, world):
    response = as_user(client, world, "deputy").post(
        reverse("indicators:own_new"), own_item(formula="percent(students.nothing, students.ce)"))

    assert response.status_code == 200
    assert "неизвестный код значения данных «students.nothing»" in " ".join(response.context["form"].errors["formula"])
    assert 'class="field__error" id="id_formula_error"' in response.content.decode()
    assert not Indicator.objects.filter(catalog__school=world.school).exists()
    assert not AuditEntry.objects.filter(object_type="indicator").exists()


def test_a_valid_edit_raises_the_version_and_shows_the_history(client, world):
    deputy = as_user(client, world, "deputy")
    response = deputy.post(reverse("indicators:own_new"), own_item())
    assert response.status_code == 302
    indicator = Indicator.objects.get(code="own_s1.quality_by_grade")
    assert indicator.version == 1

    response = deputy.post(reverse("indicators:own_edit", args=[indicator.code]),
                           own_item(formula=QUALITY.replace("2..11", "5..11")), follow=True)

    indicator.refresh_from_db()
    assert indicator.version == 2 and "5..11" in indicator.formula
    assert IndicatorVersion.objects.filter(indicator=indicator).count() == 2
    page = text(response)
    assert "версия определения: 2" in page
    assert "Версии определения" in page and "formula" in page
    change = AuditEntry.objects.filter(object_type="indicator", object_id=indicator.code).order_by("pk").last()
    assert change.details["version"] == 2
    assert change.details["changes"]["formula"] == [QUALITY, QUALITY.replace("2..11", "5..11")]


def test_an_unchanged_edit_keeps_the_version(client, world):
    deputy = as_user(client, world, "deputy")
    deputy.post(reverse("indicators:own_new"), own_item())

    deputy.post(reverse("indicators:own_edit", args=["own_s1.quality_by_grade"]), own_item())

    assert Indicator.objects.get(code="own_s1.quality_by_grade").version == 1


def test_target_is_shown_on_the_tree_status(client, world):
    director = as_user(client, world, "director")
    total = Indicator.objects.get(code="core.students_total")
    url = reverse("indicators:targets") + "?catalog=core&year=2024"
    rows = director.get(url).context["rows"]
    data = {f"{f.indicator.pk}-value": "" for f, *_ in rows} | {f"{total.pk}-value": "1000"}

    assert director.post(url, data).status_code == 302

    assert Target.objects.get(school=world.school, indicator=total, year_id=2024).value == 1000
    # Shown again as entered, not as «1000,0000».
    assert f'name="{total.pk}-value" id="id_{total.pk}-value" inputmode="decimal" value="1000"' in (
        director.get(url).content.decode())
    page = text(director.get(reverse("indicators:catalog") + "?year=2024"))
    # A figure on the page is one unbreakable <span>; `text` puts a space for each tag, so « :».
    assert "core.students_total 3 +2 цель 1 000 : цель не достигнута" in page
    entry = AuditEntry.objects.get(object_type="target")
    assert entry.object_id == "core.students_total/2024"
    assert entry.details["changes"] == {"value": [None, "1000"]}


def test_targets_are_set_beside_last_years_and_this_years_values(client, world):
    page = as_user(client, world, "director").get(reverse("indicators:targets") + "?catalog=core&year=2024")

    row = next(r for r in text(page).split("Численность обучающихся") if r.lstrip().startswith("на конец"))
    # 2023/2024: one pupil in the contingent at the year's end; 2024/2025: three (the tree says 3, +2).
    assert "2023/2024 2024/2025" in text(page)
    assert row.split("core.students_total · чел./ед. · не оценивается")[1].split()[:2] == ["1", "3"]
    assert 'for="id_' in page.content.decode() and "Цель школы: Численность обучающихся" in page.content.decode()


def test_targets_of_an_approved_year_are_not_changed(client, world):
    set_status(school=world.school, year=2024, status=ApprovalStatus.APPROVED, user=world.users["director"])
    total = Indicator.objects.get(code="core.students_total")

    response = as_user(client, world, "director").post(
        reverse("indicators:targets") + "?catalog=core&year=2024", {f"{total.pk}-value": "5"}, follow=True)

    assert "утверждены" in text(response)
    assert not Target.objects.exists()


@pytest.mark.parametrize("who", ["teacher", "observer", "class_teacher", "mo_head"])
@pytest.mark.parametrize("name", PAGES)
def test_other_roles_get_403(client, world, who, name):
    user = as_user(client, world, who)

    assert user.get(reverse(name)).status_code == 403
    assert user.post(reverse(name), own_item()).status_code == 403
    assert not SchoolCatalog.objects.exists() and not Indicator.objects.filter(catalog__school__isnull=False).exists()


def test_editing_an_own_indicator_is_403_for_the_observer(client, world):
    save_own_indicator(world.school, {"code": "x", "name": "Икс", "unit": "count", "method": "entered"})

    response = as_user(client, world, "observer").get(reverse("indicators:own_edit", args=["own_s1.x"]))

    assert response.status_code == 403


def test_observer_sees_a_small_grade_hidden_with_its_complement_and_the_deputy_sees_it(client, world):
    """Grade 10 has 3 pupils (hidden), grade 5 has 7 (hidden as well: total − grade 5 = grade 10)."""
    school, math = world.school, world.subjects["math"]
    for n, class_key in enumerate(["10А"] * 2 + ["5Б"] * 5):
        pupil = Student.objects.create(school=school, student_id=f"N-{n}", last_name=f"Новиков{n}", first_name="Ян",
                                       birth_date=datetime.date(2012, 1, 1), sex=enums.Sex.MALE)
        world.enroll(pupil, class_key)
        PeriodMark.objects.create(school=school, year_id=2024, period=enums.Period.YEAR, student=pupil, subject=math,
                                  mark="5")
    recompute(school, [2024])
    indicator = save_own_indicator(school, {"code": "q", "name": "Качество по параллелям", "unit": "percent",
                                            "method": "computed", "formula": QUALITY, "breakdowns": ["grade"]})
    url = reverse("indicators:detail", args=[indicator.code]) + "?unit=s1&year=2024"

    deputy = as_user(client, world, "deputy").get(url)
    assert deputy.context["detail"].hidden == 0
    assert re.search(r"параллель: 10 .*?2 из 3", text(deputy)) and "параллель: 5" in text(deputy)
    assert "Скрыто значений" not in text(deputy)

    observer = as_user(client, world, "observer").get(url)
    assert observer.status_code == 200
    page = text(observer)
    assert observer.context["detail"].hidden == 2
    assert "параллель: 10" not in page and "параллель: 5" not in page
    assert "Скрыто значений разрезов: 2" in page
    assert "группы меньше 5 человек" in page


def test_in_august_the_targets_of_the_coming_year_are_set(client, world, monkeypatch):
    """On 20 August 2025 the director sets the targets of 2025/2026 with its plan, before any of its data exist: the
    page offers that year, shows 2024/2025's value beside it and stores the target under 2025/2026."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2025, 8, 20))
    director = as_user(client, world, "director")
    total = Indicator.objects.get(code="core.students_total")
    url = reverse("indicators:targets") + "?catalog=core&year=2025"

    page = director.get(url)
    rows = page.context["rows"]
    data = {f"{f.indicator.pk}-value": "" for f, *_ in rows} | {f"{total.pk}-value": "1000"}

    assert page.context["year"] == 2025
    assert [y for y, _ in page.context["target_years"]] == [2025, 2024, 2023]
    row = next(r for r in text(page).split("Численность обучающихся") if r.lstrip().startswith("на конец"))
    assert row.split("core.students_total · чел./ед. · не оценивается")[1].split()[:3] == ["3", "нет", "данных"]
    assert director.post(url, data).status_code == 302
    assert Target.objects.get(school=world.school, indicator=total, year_id=2025).value == 1000


def test_the_targets_in_excel_are_the_pages_table_with_numbers(client, world):
    total = Indicator.objects.get(code="core.students_total")
    Target.objects.create(school=world.school, indicator=total, year_id=2024, value=1000)
    director = as_user(client, world, "director")
    assert "Скачать в Excel" in director.get(reverse("indicators:targets") + "?catalog=core&year=2024").content.decode()
    response = director.get(reverse("indicators:targets"), {"catalog": "core", "year": 2024, "format": "xlsx"})

    import io

    import openpyxl
    assert response["Content-Type"].endswith("spreadsheetml.sheet")
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0].startswith("Целевые значения") and rows[1][0] == "МБОУ «Школа №1»"
    header = next(r for r in rows if r[0] == "Показатель")
    assert header[2:5] == ("2023/2024", "2024/2025", "Цель из каталога")
    row = next(r for r in rows if r[1] == "core.students_total")
    # 1 pupil at the end of 2023/2024, 3 at the end of 2024/2025 (as on the page); the school's target 1 000.
    assert row[2:4] == (1, 3) and row[5] == 1000
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_type="targets")
    assert entry.object_id == "core"


def test_the_targets_in_excel_are_the_administrations_only(client, world):
    response = as_user(client, world, "teacher").get(reverse("indicators:targets"),
                                                     {"catalog": "core", "year": 2024, "format": "xlsx"})
    assert response.status_code == 403

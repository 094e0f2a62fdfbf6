import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.accounts.personas import make_user
from tests.web.pages import Node, parse, table_rows, texts
from vsoko.accounts.enums import Role
from vsoko.imports.enums import ImportStatus
from vsoko.imports.models import ImportRun
from vsoko.plan.models import PlanItem
from vsoko.records.enums import ApprovalStatus, OrgUnitKind
from vsoko.records.models import OrgUnit, SchoolYear, YearApproval
from vsoko.records.years import school_year_of
from vsoko.surveys.campaigns import create_survey

pytestmark = pytest.mark.django_db


def stats(response) -> dict[str, str]:
    return {
        block.find_all("dt")[0].text: block.find_all("dd")[0].text
        for block in parse(response).find_all("div", "stat")
    }


def test_director_sees_the_counts_of_the_year_for_their_school(client, world):
    client.force_login(world.users["director"])

    response = client.get("/")

    assert texts(response, "p", "eyebrow") == ["МБОУ «Школа №1»"]
    assert texts(response, "h1") == ["Обзор за 2024/2025 учебный год"]
    # Орлов left 5Б in January: not counted at the year's end.
    assert stats(response) == {
        "Обучающихся на конец года": "3",
        "1–4 классы": "0",
        "5–9 классы": "2",
        "10–11 классы": "1",
        "Классов": "3",
        "Педагогических работников": "2",
    }


def test_counts_follow_the_selected_year(client, world):
    client.force_login(world.users["director"])
    client.post("/year/", {"year": "2023"})

    response = client.get("/")

    assert stats(response)["Обучающихся на конец года"] == "1"
    assert stats(response)["Классов"] == "1"


def test_other_school_director_sees_only_their_school(client, world):
    client.force_login(world.users["other_director"])

    response = client.get("/")

    assert texts(response, "p", "eyebrow") == ["МБОУ «Школа №2»"]
    assert stats(response)["Обучающихся на конец года"] == "1"
    assert stats(response)["Педагогических работников"] == "1"


def test_observer_sees_aggregates_per_school_and_no_links_to_people(client, world):
    client.force_login(world.users["observer"])

    response = client.get("/")

    assert table_rows(response) == [
        ["МБОУ «Школа №1»", "3", "0", "2", "1", "3", "2", "не загружались", "открыты"],
        ["МБОУ «Школа №2»", "1", "0", "1", "0", "1", "1", "не загружались", "открыты"],
    ]
    assert stats(response)["Обучающихся на конец года"] == "4"
    links = [a.attrs["href"] for a in parse(response).find_all("a")]
    assert [href for href in links if href.startswith(("/students", "/staff", "/classes"))] == []


def test_observer_follows_each_schools_latest_import_and_the_years_approval(client, world):
    approved_on = timezone.make_aware(datetime.datetime(2025, 6, 3, 10, 0))
    ImportRun.objects.create(school=world.school, file_name="пакет.xlsx", status=ImportStatus.DONE)
    ImportRun.objects.filter(school=world.school).update(created=approved_on)
    later = ImportRun.objects.create(school=world.school, file_name="с ошибками.xlsx", status=ImportStatus.INVALID)
    ImportRun.objects.filter(pk=later.pk).update(created=approved_on + datetime.timedelta(days=30))
    YearApproval.objects.create(school=world.school, year_id=2024, status=ApprovalStatus.APPROVED)
    YearApproval.objects.create(school=world.school, year_id=2023, status=ApprovalStatus.SUBMITTED)
    YearApproval.objects.create(school=world.other_school, year_id=2024, period="q1", status=ApprovalStatus.APPROVED)
    client.force_login(world.users["observer"])

    response = client.get("/")

    # An import with errors loaded nothing; an approved quarter is not the year's data.
    assert [row[-2:] for row in table_rows(response)] == [
        ["03.06.2025", "утверждены"],
        ["не загружались", "открыты"],
    ]


def test_schools_are_listed_as_people_count_them(client, world):
    OrgUnit.objects.create(code="s10", name="МБОУ «Школа №10»", kind=OrgUnitKind.SCHOOL, parent=world.school.parent)
    client.force_login(world.users["observer"])

    response = client.get("/")

    assert [row[0] for row in table_rows(response)] == ["МБОУ «Школа №1»", "МБОУ «Школа №2»", "МБОУ «Школа №10»"]


def test_observer_does_not_see_schools_of_another_municipality(client, world):
    elsewhere = OrgUnit.objects.create(code="m2", name="Другой район", kind=OrgUnitKind.MUNICIPALITY)
    OrgUnit.objects.create(code="s9", name="Чужая школа", kind=OrgUnitKind.SCHOOL, parent=elsewhere)
    client.force_login(world.users["observer"])

    response = client.get("/")

    assert [row[0] for row in table_rows(response)] == ["МБОУ «Школа №1»", "МБОУ «Школа №2»"]


def test_class_teacher_gets_a_link_to_their_class(client, world):
    client.force_login(world.users["class_teacher"])

    response = client.get("/")

    own = [a for a in parse(response).find_all("a") if a.text.startswith("Мой класс")]
    assert [(a.text, a.attrs["href"]) for a in own] == [("Мой класс: 5А", f"/classes/{world.classes['5А'].pk}/")]


def test_quick_links_depend_on_the_role(client, world):
    client.force_login(world.users["teacher"])

    response = client.get("/")

    assert texts(response, "ul", "linklist") == [
        "Итоги периода по вашим предметам Группа риска ваших классов Классы Обучающиеся Показатели ВСОКО"]


def quick_links(client, user) -> list[tuple[str, str]]:
    client.force_login(user)
    section = next(s for s in parse(client.get("/")).find_all("section", "panel")
                   if s.attrs.get("aria-labelledby") == "links-title")
    return [(a.text, a.attrs["href"]) for a in section.find_all("a")]


def test_the_teachers_work_of_the_term_comes_first_among_the_quick_links(client, world):
    five_a = world.classes["5А"].pk
    assert quick_links(client, world.users["class_teacher"])[:2] == [
        ("Мой класс: 5А", f"/classes/{five_a}/"),
        ("Справка для родительского собрания 5А", f"/progress/classes/{five_a}/parents.docx")]
    # The МО head of математика is Смирнова Мария of the staff: her page of «Оценочные процедуры» too.
    world.users["mo_head"].first_name, world.users["mo_head"].last_name = "Мария", "Смирнова"
    world.users["mo_head"].save()
    assert quick_links(client, world.users["mo_head"])[:4] == [
        ("Итоги периода по вашим предметам", "/progress/"), ("Группа риска ваших классов", "/support/"),
        ("По учителям МО", "/progress/#mo-teachers"),
        ("Ваши классы в оценочных процедурах", f"/assessments/teachers/{world.staff['smirnova'].pk}/")]
    director = [text for text, _ in quick_links(client, world.users["director"])]
    assert "Итоги периода по вашим предметам" not in director and "Группа риска ваших классов" not in director


def test_no_import_yet_is_an_explicit_empty_state(client, world):
    client.force_login(world.users["director"])

    response = client.get("/")

    section = [s for s in parse(response).find_all("section") if s.attrs.get("aria-labelledby") == "import-title"][0]
    assert section.text == (
        "Последняя загрузка данных Данные ещё не загружались. "
        "Загрузите пакет (Excel или CSV) в разделе «Данные» ."
    )


def test_school_without_any_data_says_how_to_load_it(client, db):
    school = OrgUnit.objects.create(code="empty", name="Пустая школа", kind=OrgUnitKind.SCHOOL)
    client.force_login(make_user("head", role=Role.DIRECTOR, org_unit=school))

    response = client.get("/")

    assert texts(response, "h1") == ["Обзор"]
    # «Начало работы» says what to load first and where (tests/web/test_first_steps.py), with no command line.
    assert texts(response, "h2")[0] == "Начало работы"
    assert "vsoko import" not in response.content.decode()


def test_overview_takes_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    from vsoko.datavalues.compute import recompute

    recompute(world.school, [2023, 2024])  # the school's values and their generation
    client.force_login(world.users["director"])
    client.get("/")  # warm the session; the risk flags are computed and kept

    # session, user, memberships, years, schools, 3 counts, last import,
    # the risk flags of assessments kept for the school's data generation (one query: its token,
    # vsoko.datavalues.generation; computing them anew reads the procedures and their figures) — with no flag,
    # as here, one more: whether the year has any result (else «no weak results found» is not said),
    # the plan's items needing attention, the open surveys, the decisions and the inspections' orders due (the
    # administration's agenda), the key indicators (none here: no catalog loaded), «Начало работы» (no survey
    # answers nor entered values here, so it is shown: its counts kept under the same token — one query — and
    # the school's chosen catalogs), the requests of the education authorities still to answer (vsoko.inquiries)
    with django_assert_num_queries(19):
        client.get("/")


def risk_block(response) -> str:
    sections = parse(response).find_all("section", "risk-block")
    return sections[0].text if sections else ""


def test_the_risk_flags_follow_an_import_at_once(client, tmp_path, django_capture_on_commit_callbacks):
    """The flags are kept between requests; an import that changes their figures shows on the next one."""
    from tests.analysis.world import build_analysis_world
    from tests.imports.conftest import write_csv_folder
    from vsoko.imports.service import import_package

    aw = build_analysis_world()  # ВПР, русский язык, 5 класс: «2» for s4 and s6, 2 of 6
    client.force_login(aw.users["director"])
    assert "«2» у 2 из 6 (33,3 %" in risk_block(client.get("/"))
    with CaptureQueriesContext(connection) as queries:
        assert "«2» у 2 из 6 (33,3 %" in risk_block(client.get("/"))
    assert not [q for q in queries if "records_assessment" in q["sql"]]  # the flags were kept, not computed

    # A corrected protocol: s4 and s6 wrote for «3» (4 points each).
    package = write_csv_folder(tmp_path / "package", {"results": [
        ["assessment_id", "student_id", "attempt", "absent", "primary_score", "mark", "journal_mark"],
        ["VPR-5-R", "s4", "основная", "нет", "4", "3", "4"],
        ["VPR-5-R", "s6", "основная", "нет", "4", "3", "3"],
    ]})
    with django_capture_on_commit_callbacks(execute=True):
        assert import_package(package, school=aw.school).ok

    after = risk_block(client.get("/"))
    assert "Высокая доля «2» на ВПР" not in after
    assert "«2» у" not in after
    assert "Результаты ОГЭ ниже минимального порога" in after  # the ОГЭ is as it was


def test_the_administration_sees_what_the_plan_and_the_surveys_ask_for_now(client, world):
    today = timezone.localdate()
    PlanItem.objects.create(school=world.school, year_id=2024, object="Адаптация пятиклассников", months=[today.month],
                            responsible="педагог-психолог")
    PlanItem.objects.create(school=world.school, year_id=2024, object="Уже сделано", months=[today.month],
                            done_on=today)
    create_survey(school=world.school, year=school_year_of(today), questionnaire="parents", title="Родители, зима",
                  opens_on=today, closes_on=today)

    client.force_login(world.users["deputy"])
    deputy = client.get("/").content.decode()
    client.force_login(world.users["teacher"])
    teacher = client.get("/").content.decode()

    # The plan's year is 2024/2025: today's month of it is long past, so the item is overdue.
    assert "срок прошёл" in deputy and "Адаптация пятиклассников" in deputy and "Уже сделано" not in deputy
    assert "Родители, зима" in deputy
    assert "Адаптация пятиклассников" not in teacher


def test_the_plan_panel_says_there_is_no_plan_rather_than_nothing_due(client, world):
    # Without a single item, «Пунктов плана, срок которых идёт или прошёл без отметки, нет» read as a plan kept.
    client.force_login(world.users["deputy"])

    def words(response) -> str:
        return " ".join(re.sub(r"<[^>]+>", "", response.content.decode()).split())

    without = words(client.get("/"))
    PlanItem.objects.create(school=world.school, year_id=2024, object="Готово", months=[1], done_on=timezone.localdate())
    kept = words(client.get("/"))

    assert "Плана мониторинга на 2024/2025 учебный год ещё нет: составьте его на странице «План мониторинга»." in without
    assert "Пунктов плана, срок которых идёт или прошёл без отметки, нет" not in without
    assert "Пунктов плана, срок которых идёт или прошёл без отметки, нет" in kept


def test_last_import_shows_status_and_changes_per_table_in_words(client, world):
    from vsoko.imports.enums import ImportStatus
    from vsoko.imports.models import ImportRun

    ImportRun.objects.create(school=world.other_school, file_name="чужая.xlsx", status=ImportStatus.DONE)
    ImportRun.objects.create(
        school=world.school, file_name="вsoko-2024.xlsx", status=ImportStatus.DONE,
        counts={"students": {"added": 4, "changed": 0, "unchanged": 0}, "marks": {"added": 0, "changed": 2, "unchanged": 5}},
    )
    client.force_login(world.users["director"])

    response = client.get("/")

    facts = parse(response).find_all("dl", "facts")[0]
    assert [d.text for d in facts.find_all("dd")][1:] == ["вsoko-2024.xlsx", "загружен"]
    assert texts(response, "ul", "counts") == ["Обучающиеся: добавлено 4 Отметки за периоды: изменено 2, без изменений 5"]


def test_last_import_names_only_the_tables_the_file_had_rows_in(client, world):
    # A file of two sheets listed all fourteen tables, twelve «без изменений» — of tables it did not have.
    from vsoko.imports.enums import ImportStatus
    from vsoko.imports.models import ImportRun

    ImportRun.objects.create(
        school=world.school, file_name="обучающиеся.xlsx", status=ImportStatus.DONE,
        counts={"students": {"added": 761, "changed": 0, "unchanged": 0},
                "staff": {"added": 0, "changed": 0, "unchanged": 0},
                "marks": {"added": 0, "changed": 0, "unchanged": 12}},
    )
    client.force_login(world.users["director"])

    assert texts(client.get("/"), "ul", "counts") == [
        "Обучающиеся: добавлено 761 Отметки за периоды: без изменений 12"]


def key_figure_rows(response) -> list[list[str]]:
    section = [s for s in parse(response).find_all("section") if s.attrs.get("aria-labelledby") == "key-figures"]
    if not section:
        return []
    body = section[0].find_all("tbody")[0]
    return [[cell.text.strip() for cell in row.children if isinstance(cell, Node) and cell.tag in ("th", "td")]
            for row in body.find_all("tr")]


def test_one_schools_overview_shows_its_key_indicators_against_last_year(client, world):
    from tests.indicators.conftest import CATALOG_DIR, read_catalog
    from vsoko.datavalues.compute import recompute
    from vsoko.indicators.catalogs import store_catalog

    store_catalog(read_catalog(CATALOG_DIR / "core.yaml", []))
    recompute(world.school, [2023, 2024])
    client.force_login(world.users["director"])

    rows = key_figure_rows(client.get("/"))

    # CE of 2024/2025, grades 2–11: Иванов (5), Петров (4), Сидорова (3 and 4); 2023/2024 has no year marks.
    assert rows == [
        ["Качество знаний", "66,7 %", "нет данных", "—", "нет данных"],  # 2 of 3
        ["Успеваемость", "100,0 %", "нет данных", "—", "нет данных"],
        # year marks 5, 4, 3, 4: (1 + 0,64 + 0,36 + 0,64) / 4 = 66,0 %
        ["Степень обученности (СОУ)", "66,0 %", "нет данных", "—", "нет данных"],
    ]


def test_a_municipal_overview_has_no_single_schools_key_indicators(client, world):
    client.force_login(world.users["observer"])

    assert key_figure_rows(client.get("/")) == []


def test_a_key_indicator_moving_less_than_a_point_is_unchanged_not_worse():
    from fractions import Fraction

    from vsoko.decisions.effect import verdict
    from vsoko.decisions.enums import Verdict

    # Доля работ ВПР «понизили» (lower is better): 30 % → 30,5 % is noise; 30 % → 32 % is worse.
    assert verdict(Fraction(30), Fraction(61, 2), "percent", "down") == Verdict.UNCHANGED
    assert verdict(Fraction(30), Fraction(32), "percent", "down") == Verdict.WORSENED


def test_in_september_the_agenda_follows_the_new_years_plan_before_its_data_are_loaded(client, world, monkeypatch):
    # 15 September 2025: the header still shows 2024/2025 (the latest year with data); the plan of 2025/2026 was
    # drafted in August. What needs attention now is in the new plan, not last year's overdue items.
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2025, 9, 15))
    PlanItem.objects.create(school=world.school, year_id=2024, object="Итоги прошлого года", months=[5])
    SchoolYear.objects.get_or_create(start=2025)
    PlanItem.objects.create(school=world.school, year_id=2025, object="Адаптация пятиклассников", months=[9])

    client.force_login(world.users["deputy"])
    page = client.get("/").content.decode()

    assert "Адаптация пятиклассников" in page
    assert "Итоги прошлого года" not in page

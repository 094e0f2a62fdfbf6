"""«Сбор данных»: what each school of the municipality has loaded for the year, counted by hand."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.accounts.personas import make_user
from tests.datavalues.records import Records, make_school
from tests.reports.readers import row_of, xlsx_rows
from vsoko.accounts.enums import Role
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.comparison.collection import Order, Part, Readiness, collected, ordered
from vsoko.datavalues.compute import recompute
from vsoko.imports.enums import ImportStatus
from vsoko.imports.models import ImportRun
from vsoko.indicators.enums import Method, Unit
from vsoko.indicators.models import Catalog, Indicator
from vsoko.records import enums
from vsoko.records.models import OrgUnit

pytestmark = pytest.mark.django_db
YEAR = 2024


def hand_catalog() -> Catalog:
    """A shipped catalog with three indicators entered by hand and one computed (which no school enters)."""
    catalog = Catalog.objects.create(code="core", name="Базовый")
    for n, (code, method) in enumerate((("core.m1", Method.ENTERED), ("core.m2", Method.ENTERED),
                                        ("core.m3", Method.ENTERED), ("core.calc", Method.COMPUTED))):
        Indicator.objects.create(catalog=catalog, code=code, name=code, unit=Unit.COUNT, method=method, position=n)
    return catalog


@pytest.fixture
def municipality(db, settings):
    """A: everything — 3 pupils with marks of the 1st and 2nd quarters, 2 teachers (and a non-pedagogical worker),
    two ВПР with results and one without, one ОГЭ, the parents' questionnaire by 2 respondents, 3 of 3 indicators
    entered, an import. B: 1 pupil with marks of the 1st quarter only, 1 teacher, 1 of 3 indicators. C: nothing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    hand_catalog()
    unit = OrgUnit.objects.create(code="mun", name="Округ", kind=enums.OrgUnitKind.MUNICIPALITY)
    a, b = (Records(make_school(code, unit, name=f"Школа {code.upper()}")) for code in "ab")
    make_school("c", unit, name="Школа C")
    pupils = [a.student(f"a{i}", "5А") for i in range(3)]
    for pupil in pupils:
        a.marks(pupil, {"математика": "5"}, period=enums.Period.Q1)
        a.marks(pupil, {"математика": "4"}, period=enums.Period.Q2)
    a.staff("t1"), a.staff("t2"), a.staff("cook", pedagogical=False)
    for subject in ("математика", "русский язык"):
        a.result(a.assessment(enums.AssessmentKind.VPR, subject, 5), pupils[0], mark=4)
    a.assessment(enums.AssessmentKind.VPR, "история", 5)  # planned, no results yet
    a.result(a.assessment(enums.AssessmentKind.OGE, "математика", 9), pupils[1], mark=3)
    a.survey("parents", "r1", 5, {"overall": "да", "food": "нет"})
    a.survey("parents", "r2", 5, {"overall": "да"})
    for code in ("core.m1", "core.m2", "core.m3"):
        a.manual(code, value=1)
    a.manual("core.m1", value=5, year=YEAR - 1)  # another year's does not count
    ImportRun.objects.create(school=a.school, file_name="a.xlsx", status=ImportStatus.DONE, years=[YEAR])
    recompute(a.school, [YEAR])  # the questionnaires' respondents are counted as the indicators count them
    b.marks(b.student("b0", "5А"), {"математика": "3"}, period=enums.Period.Q1)
    b.staff("t3")
    b.manual("core.m2", value=2)
    b.manual("core.m3", value=7, scope=enums.ValueScope.MUNICIPALITY)  # a benchmark, not the school's value
    return unit


def schools():
    return list(OrgUnit.objects.filter(kind=enums.OrgUnitKind.SCHOOL).order_by("code"))


def test_each_school_says_what_it_has_loaded(municipality):
    a, b, c = collected(schools(), YEAR, Catalog.objects.get(code="core"))

    assert (a.pupils, a.marks_text, a.staff, a.procedure_counts, a.questionnaires, a.respondents,
            a.entered, a.entered_total) == (3, "2 четверть", 2, [2, 1, 0], 1, 2, 3, 3)
    assert (a.missing, a.readiness) == ([], Readiness.COMPLETE)
    assert (b.pupils, b.marks_text, b.staff, b.procedure_counts, b.questionnaires, b.entered) == (
        1, "1 четверть", 1, [0, 0, 0], 0, 1)
    assert (b.missing, b.readiness) == ([Part.PROCEDURES, Part.SURVEYS, Part.ENTERED], Readiness.PARTIAL)
    assert (c.pupils, c.marks_text, c.entered, c.last_import, c.readiness) == (0, "нет", 0, None, Readiness.NOTHING)
    assert len(c.missing) == 6
    assert a.last_import is not None and b.last_import is None


def test_the_last_import_is_the_selected_years_last(municipality):
    """A: a load of the year on 1 March, a later one of the year before (1 May) and a later failed one; B: a load
    of the year before only. The column shows A's load of 1 March, and none for B."""
    a, b, _ = schools()
    ImportRun.objects.filter(school=a).update(created=datetime.datetime(2025, 3, 1, 9, tzinfo=datetime.UTC))
    for school, status, day in ((a, ImportStatus.DONE, 1), (a, ImportStatus.INVALID, 2), (b, ImportStatus.DONE, 3)):
        run = ImportRun.objects.create(school=school, file_name="x.xlsx", status=status, years=[YEAR - 1])
        ImportRun.objects.filter(pk=run.pk).update(created=datetime.datetime(2025, 5, day, 9, tzinfo=datetime.UTC))
    ImportRun.objects.create(school=a, file_name="y.xlsx", status=ImportStatus.INVALID, years=[YEAR])

    got_a, got_b, _ = collected(schools(), YEAR, None)

    assert (got_a.last_import, got_b.last_import) == (datetime.datetime(2025, 3, 1, 9, tzinfo=datetime.UTC), None)
    assert collected(schools(), YEAR - 1, None)[1].last_import == datetime.datetime(2025, 5, 3, 9, tzinfo=datetime.UTC)


def test_the_year_marks_are_the_last_period_and_a_trimester_school_counts_in_trimesters(municipality):
    a, b, _ = (Records(s) for s in schools())
    b.school.period_system = enums.PeriodSystem.TRIMESTERS
    b.school.save()
    a.marks(a.student("a0"), {"физика": "4"}, period=enums.Period.YEAR)
    b.marks(b.student("b0"), {"математика": "4"}, period=enums.Period.T2)

    got_a, got_b, _ = collected(schools(), YEAR, None)

    assert (got_a.marks_text, got_b.marks_text) == ("годовые", "2 триместр")
    assert got_b.entered_total == 0 and Part.ENTERED not in got_b.missing  # no catalog: nothing to enter


def test_the_schools_missing_most_come_first(municipality):
    rows = collected(schools(), YEAR, Catalog.objects.get(code="core"))

    assert [r.school.code for r in ordered(rows, Order.MISSING)] == ["c", "b", "a"]
    assert [r.school.code for r in ordered(rows, Order.NAME)] == ["a", "b", "c"]


def test_the_reads_do_not_grow_with_the_schools(municipality):
    catalog, three_schools = Catalog.objects.get(code="core"), schools()
    with CaptureQueriesContext(connection) as three:
        collected(three_schools, YEAR, catalog)
    unit = OrgUnit.objects.get(code="mun")
    for code in "defgh":
        r = Records(make_school(code, unit))
        r.marks(r.student(f"{code}0", "5А"), {"математика": "4"})
        r.staff(f"{code}-t")
    eight_schools = schools()
    with CaptureQueriesContext(connection) as eight:
        rows = collected(eight_schools, YEAR, catalog)

    assert len(rows) == 8
    # Pupils, marks, staff, procedures, respondents, the catalog's indicators, the values entered, imports.
    assert len(three) == len(eight) == 8


def test_the_observer_reads_the_page_and_takes_it_to_excel(client, municipality):
    observer = make_user("observer", role=Role.OBSERVER, org_unit=municipality)
    client.force_login(observer)
    # A catalog first by code but all computed has nothing to fill: not offered, nor taken by default.
    computed = Catalog.objects.create(code="aaa", name="Вычисляемые")
    Indicator.objects.create(catalog=computed, code="aaa.x", name="x", unit=Unit.COUNT, method=Method.COMPUTED)

    html = client.get(reverse("comparison:collection"), {"year": YEAR}).content.decode()
    workbook = client.get(reverse("comparison:collection"), {"year": YEAR, "format": "xlsx"})

    # C (nothing), then B, then A; each state in words and by colour.
    assert html.index("Школа C") < html.index("Школа B") < html.index("Школа A")
    assert '<span class="badge badge--invalid">данных нет</span>' in html
    assert '<span class="badge badge--warning">загружено не всё</span>' in html
    assert '<span class="badge badge--ok">всё загружено</span>' in html
    assert "ВПР, ОГЭ, ЕГЭ, анкеты, показатели, вводимые вручную" in html  # what B lacks
    assert '<td class="num">1 из 3</td>' in html
    assert '<option value="core" selected>Базовый (3)</option>' in html and 'value="aaa"' not in html
    assert "a0" not in html  # counts only, no pupil
    rows = xlsx_rows(workbook.content)
    assert row_of(rows, "Школа B")[1:12] == ["загружено не всё", "ВПР, ОГЭ, ЕГЭ, анкеты, показатели, вводимые вручную",
                                             1, "1 четверть", 1, 0, 0, 0, 0, 0, 1]
    assert row_of(rows, "Школа C")[-1] == "не загружались"
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_type="collection")
    assert (entry.user, entry.object_id, entry.details["строк"]) == (observer, "mun", 3)


def test_the_page_costs_the_same_reads_for_more_schools(client, municipality):
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=municipality))
    with CaptureQueriesContext(connection) as three:
        client.get(reverse("comparison:collection"), {"year": YEAR})
    unit = OrgUnit.objects.get(code="mun")
    for code in "defgh":
        make_school(code, unit)
    with CaptureQueriesContext(connection) as eight:
        html = client.get(reverse("comparison:collection"), {"year": YEAR}).content.decode()

    assert "Школа C" in html and html.count('<th scope="row" class="wrap">') == 8
    assert len(eight) == len(three)


def test_a_school_user_and_another_municipality_are_refused(client, municipality):
    other = OrgUnit.objects.create(code="mun2", name="Другой округ", kind=enums.OrgUnitKind.MUNICIPALITY)
    make_school("z", other, name="Школа Z")
    school_a = OrgUnit.objects.get(code="a")

    client.force_login(make_user("director", role=Role.DIRECTOR, org_unit=school_a))
    assert client.get(reverse("comparison:collection"), {"year": YEAR}).status_code == 403
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=municipality))
    assert client.get(reverse("comparison:collection"), {"year": YEAR, "municipality": "mun2"}).status_code == 404
    assert "Школа Z" not in client.get(reverse("comparison:collection"), {"year": YEAR}).content.decode()


def test_the_observer_finds_the_page_in_the_main_menu(client, municipality):
    """«Сбор данных» is a section of the menu for roles above a school, marked current on its page; a school's
    deputy does not see it (the page would refuse it)."""
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=municipality))
    link = '<a class="mainnav__link" href="/compare/collection/"'

    page = client.get(reverse("comparison:collection"), {"year": YEAR}).content.decode()
    compare = client.get(reverse("comparison:index")).content.decode()
    client.force_login(make_user("deputy", role=Role.DEPUTY, org_unit=OrgUnit.objects.get(code="a")))
    school_page = client.get("/").content.decode()

    assert f'{link} aria-current="page">Сбор данных</a>' in page
    assert f"{link}>Сбор данных</a>" in compare
    assert link not in school_page

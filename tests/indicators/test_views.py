import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.accounts.personas import build_world
from tests.datavalues.records import Records
from vsoko.datavalues.compute import recompute
from vsoko.indicators.models import Indicator, Target
from vsoko.records.approval import set_status
from vsoko.records.enums import ApprovalStatus, ValueScope
from vsoko.records.models import ManualValue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(core_catalog):
    w = build_world()
    for school in (w.school, w.other_school):
        recompute(school, [2023, 2024])
    return w


def login(client, world, who):
    client.force_login(world.users[who])
    return client


def text(response) -> str:
    return text_of(response.content.decode())


def text_of(html: str) -> str:
    """The words of the page: tags dropped, every run of spaces (non-breaking too) one space."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_catalog_page_shows_the_tree_with_values(client, world):
    response = login(client, world, "director").get(reverse("indicators:catalog"))

    assert response.status_code == 200
    page = text(response)
    assert "Контингент и успеваемость" in page
    assert "Качество знаний" in page
    assert "Численность обучающихся на конец учебного года" in page
    assert response.context["unit"] == world.school


def test_every_line_of_the_tree_links_to_its_indicator_page(client, world):
    from django.urls import resolve

    from vsoko.indicators import views

    html = login(client, world, "director").get(reverse("indicators:catalog") + "?year=2024").content.decode()
    links = re.findall(r'<th scope="row">\s*<a href="([^"?]+)\?unit=([^&]+)&amp;year=2024"', html)

    assert len(links) == Indicator.objects.filter(catalog__code="core").count()
    for path, unit in links:
        match = resolve(path)
        assert (match.func, unit) == (views.indicator, world.school.code)
        assert path == reverse("indicators:detail", args=[match.kwargs["code"]])


def test_catalog_page_requires_login(client, world):
    response = client.get(reverse("indicators:catalog"))

    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_status_against_target_and_benchmark_is_written_in_words(client, world):
    total = Indicator.objects.get(code="core.students_total")
    Target.objects.create(school=world.school, indicator=total, year_id=2024, value=1000)
    ManualValue.objects.create(school=world.school, year_id=2024, indicator="core.quality",
                               scope=ValueScope.REGION, value=1)
    ManualValue.objects.create(school=world.school, year_id=2024, indicator="core.success",
                               scope=ValueScope.COUNTRY, value=100)
    recompute(world.school, [2024])

    page = text(login(client, world, "director").get(reverse("indicators:catalog") + "?year=2024"))

    # A figure on the page is one unbreakable <span> (no line break inside «1,0 %»); `text` puts a space for each
    # tag, so « :» after it.
    assert "Численность обучающихся на конец учебного года core.students_total 3 +2 цель 1 000 : цель не достигнута" in page
    assert "Качество знаний core.quality 66,7 % 2 из 3 — регион 1,0 % : лучше" in page
    assert "Успеваемость core.success 100,0 % 3 из 3 — РФ 100,0 % : на том же уровне" in page


def test_the_indicator_page_says_its_benchmarks_are_entered_figures_not_the_schools_sum(client, world):
    ManualValue.objects.create(school=world.school, year_id=2024, indicator="core.quality",
                               scope=ValueScope.MUNICIPALITY, value=Decimal("48.5"))
    recompute(world.school, [2024])
    url = reverse("indicators:detail", args=["core.quality"]) + "?year=2024"

    director = text(login(client, world, "director").get(url))
    observer = text(login(client, world, "observer").get(f"{url}&unit={world.school.code}"))

    said = ("Значения муниципалитета, региона и РФ — введённые кнопкой «Ввести значения и сравнения» или загруженные "
            "листом «Показатели, вводимые вручную» (например, из ФИС ОКО), а не сумма данных школ в программе")
    assert "муниципалитет 48,5 %" in director
    assert f"{said}." in director and "«Сравнение школ»" not in director
    assert f"{said}; сумму школ муниципалитета показывает «Сравнение школ» ." in observer


def test_indicator_page_has_chart_breakdowns_words_and_source(client, world):
    response = login(client, world, "director").get(
        reverse("indicators:detail", args=["core.vpr_base"]) + "?year=2024")

    page = response.content.decode()
    assert response.status_code == 200
    assert '<svg class="chart"' in page and "<script" not in page.split("<main")[1]
    assert "2022/2023" in page and "2024/2025" in page
    # the formula in words is the catalog's Russian explanation; the generated words are not shown
    assert "Работы ВПР с\u00a0отметкой «3» и\u00a0выше от\u00a0всех работ ВПР с\u00a0отметкой" in page
    assert "основные результаты с данной отметкой" not in page
    # the English source text and the formula are there for specialists, folded away
    folded = "".join(re.findall(r"<details class=\"ind-details\">.*?</details>", page, re.S))
    assert "results with mark ≥ 3 / results with a mark" in folded
    assert "Формула (для специалистов)" in folded and "percent(results.marks[kind=vpr, mark=3..5]" in folded


def test_the_indicator_page_shows_three_or_five_years_of_dynamics(client, world):
    page = reverse("indicators:detail", args=["core.quality"])
    login(client, world, "director")

    three = client.get(page + "?year=2024").content.decode()
    five = client.get(page + "?year=2024&years=5").content.decode()
    fifty = client.get(page + "?year=2024&years=50").content.decode()

    # 004, разд. IV п. 10: «за последние 2-5 лет». Three years by default, five on asking, nothing else.
    assert "Динамика за три года" in three and "2022/2023" in three and "2020/2021" not in three
    # the link keeps the unit and the year shown
    assert f'href="?unit={world.school.code}&amp;year=2024&amp;years=5#trend"' in three
    assert "Динамика за пять лет" in five and "2020/2021" in five and "2021/2022" in five and "2024/2025" in five
    assert f'href="?unit={world.school.code}&amp;year=2024&amp;years=3#trend"' in five
    assert "Динамика за три года" in fifty and "2020/2021" not in fifty


def outside_details(html: str) -> str:
    return re.sub(r"<details\b.*?</details>", " ", html, flags=re.S)


def test_a_core_indicator_page_reads_russian_first(client, world):
    html = login(client, world, "director").get(
        reverse("indicators:detail", args=["core.quality"]) + "?year=2024").content.decode()

    visible = text_of(outside_details(html))
    assert ("Знаменатель — обучающиеся 2–11 классов из контингента на конец учебного года (без получивших итог "
            "года «выбыл» и выбывших раньше 25 мая), у которых есть хотя бы одна годовая отметка, кроме «осв»."
            ) in visible
    assert "Источник Базовые показатели vsoko, раздел «Контингент и успеваемость»" in visible
    for leak in ("spec/core-indicators.md", "Contingent and progress", "Denominator", "(CE)", "percent("):
        assert leak not in visible
    folded = text_of(html[html.index("Точное определение в спецификации (на английском)"):])
    assert "Базовые показатели vsoko (spec/core-indicators.md), раздел Contingent and progress" in folded
    assert "Denominator: CE students of grades 2–11 with at least one year mark other than `осв`" in folded


def test_a_regulation_indicator_page_still_quotes_its_russian_text(client, world):
    from vsoko.indicators.catalogs import CATALOG_DIR, read_catalog, store_catalog

    store_catalog(read_catalog(CATALOG_DIR / "reg000.yaml", []))

    html = login(client, world, "director").get(
        reverse("indicators:detail", args=["reg000.1.1"]) + "?year=2024").content.decode()

    visible = text_of(outside_details(html))
    assert ("Положение о системе внутреннего мониторинга оценки качества образования (МКОУ «СОШ №1» "
            "г. Сосенский, приказ № 3 от 11.01.2021), раздел 4.6, критерий 1, показатель 1") in visible
    assert '<blockquote class="ind-quote">Доля обучающихся, которые учатся на «4» и «5»</blockquote>' in html
    assert "Точное определение в спецификации" not in html


def test_the_catalog_page_names_the_document_without_the_specification_file(client, world):
    page = text(login(client, world, "director").get(reverse("indicators:catalog") + "?catalog=core"))

    assert "Базовые показатели vsoko" in page
    assert "spec/core-indicators.md" not in page


def test_observer_sees_the_municipality_but_not_entry(client, world):
    client = login(client, world, "observer")

    response = client.get(reverse("indicators:catalog") + "?unit=mun")
    entry = client.get(reverse("indicators:entry"))

    assert response.status_code == 200
    assert response.context["unit"] == world.municipality
    assert entry.status_code == 403


def test_the_observers_page_opens_on_the_municipality_where_their_role_is(client, world):
    # it opened on the first school of the municipality, alphabetically
    client = login(client, world, "observer")

    response = client.get(reverse("indicators:catalog"))

    assert response.context["unit"] == world.municipality


def test_a_schools_staff_page_opens_on_their_school(client, world):
    response = login(client, world, "deputy").get(reverse("indicators:catalog"))

    assert response.context["unit"] == world.school


def test_other_school_director_cannot_choose_our_school(client, world):
    response = login(client, world, "other_director").get(reverse("indicators:catalog") + f"?unit={world.school.code}")

    assert response.context["unit"] == world.other_school


def test_manual_entry_saves_values_and_benchmarks(client, world, tmp_path):
    from vsoko.indicators.catalogs import load_shipped_catalogs

    (tmp_path / "demo.yaml").write_text(
        "catalog: {code: demo, name: Демо}\nindicators:\n"
        "- {code: demo.canteen, name: Наличие столовой, unit: bool, method: entered, group: Условия}\n"
        "- {code: demo.share, name: Доля, unit: percent, method: entered, group: Условия}\n",
        encoding="utf-8",
    )
    load_shipped_catalogs(tmp_path)
    share = Indicator.objects.get(code="demo.share")
    canteen = Indicator.objects.get(code="demo.canteen")
    client = login(client, world, "director")
    url = reverse("indicators:entry") + "?catalog=demo&year=2024"

    response = client.post(url, {
        f"{canteen.pk}-value": "1", f"{share.pk}-numerator": "3", f"{share.pk}-denominator": "4",
        f"{share.pk}-bench_region": "70,5", f"{share.pk}-bench_country": "68.25", f"{share.pk}-comment": "по журналу",
    })

    assert response.status_code == 302
    assert ManualValue.objects.get(indicator="demo.share", scope=ValueScope.SCHOOL).numerator == 3
    assert ManualValue.objects.get(indicator="demo.share", scope=ValueScope.REGION).value == Decimal("70.5")
    assert ManualValue.objects.get(indicator="demo.share", scope=ValueScope.COUNTRY).value == Decimal("68.25")
    detail = text(client.get(reverse("indicators:detail", args=["demo.share"]) + "?year=2024"))
    assert "75,0 %" in detail  # 3 из 4
    assert "регион 70,5 % : без оценки" in detail  # direction "none" (the default): compared, not judged
    page = text(client.get(url))
    assert "по журналу" in client.get(url).content.decode()
    assert "Наличие столовой" in page


def test_manual_entry_rejects_half_a_fraction_and_locked_years(client, world, tmp_path):
    from vsoko.indicators.catalogs import load_shipped_catalogs

    (tmp_path / "demo.yaml").write_text(
        "catalog: {code: demo, name: Демо}\nindicators:\n"
        "- {code: demo.share, name: Доля, unit: percent, method: entered}\n", encoding="utf-8")
    load_shipped_catalogs(tmp_path)
    share = Indicator.objects.get(code="demo.share")
    client = login(client, world, "director")
    url = reverse("indicators:entry") + "?catalog=demo&year=2024"

    bad = client.post(url, {f"{share.pk}-numerator": "3"})
    set_status(school=world.school, year=2024, status=ApprovalStatus.APPROVED, user=world.users["director"])
    locked = client.post(url, {f"{share.pk}-value": "3"}, follow=True)

    assert "Укажите и числитель, и знаменатель" in bad.content.decode()
    assert "утверждены и не могут быть изменены" in locked.content.decode()
    assert not ManualValue.objects.filter(indicator="demo.share").exists()


def test_a_benchmark_given_as_a_fraction_is_shown_as_its_value_and_kept_when_the_form_is_saved(client, world):
    """A package may give a benchmark as «1 of 4»; the form has one field per level: it shows 25 (%),
    and saving the section unchanged neither deletes the row nor rewrites it."""
    ManualValue.objects.create(school=world.school, year_id=2024, indicator="core.quality", scope=ValueScope.COUNTRY,
                               numerator=1, denominator=4)
    ManualValue.objects.create(school=world.school, year_id=2024, indicator="core.quality", scope=ValueScope.REGION,
                               value="48.5")
    quality = Indicator.objects.get(code="core.quality")
    client = login(client, world, "director")
    url = reverse("indicators:entry") + "?catalog=core&year=2024"

    form = client.get(url).context["forms"]
    shown = next(f for f in form if f.indicator == quality)
    assert shown["bench_country"].value() == 25
    assert str(shown["bench_region"].value()) == "48.5"  # not 48.5000

    data = {f"{f.prefix}-{name}": "" if f[name].value() is None else str(f[name].value())
            for f in form for name in f.fields if not name.startswith(("evidence", "remove"))}
    assert client.post(url, data).status_code == 302
    kept = ManualValue.objects.get(indicator="core.quality", scope=ValueScope.COUNTRY)
    assert (kept.value, kept.numerator, kept.denominator) == (None, 1, 4)


@pytest.mark.parametrize("extra_schools", [0, 3])
def test_catalog_page_query_count_is_fixed(client, world, django_assert_max_num_queries, extra_schools):
    from tests.datavalues.records import make_school

    for i in range(extra_schools):
        school = make_school(f"x{i}", world.municipality)
        Records(school).student("s", "5А")
        recompute(school, [2024])
    client = login(client, world, "observer")
    client.get(reverse("indicators:catalog") + "?unit=mun")

    with django_assert_max_num_queries(14):
        client.get(reverse("indicators:catalog") + "?unit=mun")


def change_definition_of_quality(since_year: int) -> None:
    """core.quality gets a second version of its definition, valid from `since_year`."""
    from vsoko.indicators.models import IndicatorVersion

    quality = Indicator.objects.get(code="core.quality")
    quality.version = 2
    quality.save()
    IndicatorVersion.objects.create(indicator=quality, version=2, definition={}, definition_hash="x",
                                    since_year=since_year)


def test_the_tree_flags_a_change_anywhere_in_the_three_years_like_the_indicator_page(client, world):
    change_definition_of_quality(since_year=2023)
    client = login(client, world, "director")

    page = text(client.get(reverse("indicators:catalog") + "?year=2024"))  # evaluates 2023 and 2024 only
    detail = text(client.get(reverse("indicators:detail", args=["core.quality"]) + "?year=2024"))

    assert "core.quality определение изменено в 2023/2024" in page
    assert "Определение изменено в 2023/2024 учебном году" in detail


def test_a_series_crossing_a_change_of_definition_is_flagged(client, world):
    change_definition_of_quality(since_year=2024)
    client = login(client, world, "director")

    page = text(client.get(reverse("indicators:catalog") + "?year=2024"))
    detail = text(client.get(reverse("indicators:detail", args=["core.quality"]) + "?year=2024"))
    later = text(client.get(reverse("indicators:catalog") + "?year=2023"))

    assert "core.quality определение изменено в 2024/2025" in page
    assert "Определение изменено в 2024/2025 учебном году" in detail
    assert "определение изменено" not in later  # 2021–2023 does not cross the change


def test_the_entry_page_names_the_packages_sheet_as_the_template_titles_it(client, world):
    """The template has no sheet «values»: the deputy would look for it in vain."""
    client = login(client, world, "director")

    page = client.get(reverse("indicators:entry") + "?catalog=core&year=2024").content.decode()

    assert "лист «Показатели, вводимые вручную» пакета" in page
    assert "«values»" not in page


# --- small groups for readers who may not see the school's pupils ----------------------------------------


def school_of_grades(grades: tuple[tuple[int, int, int], ...]) -> dict:
    """A school of a municipality with ВПР in mathematics (grade, pupils with «3»–«5», pupils; the rest «2») in
    2024/2025, its observer (the municipality's) and its deputy."""
    from tests.accounts.personas import make_user
    from tests.datavalues.records import make_school
    from vsoko.accounts.enums import Role
    from vsoko.records.enums import OrgUnitKind
    from vsoko.records.models import OrgUnit

    municipality = OrgUnit.objects.create(code="mun", name="Округ", kind=OrgUnitKind.MUNICIPALITY)
    school = make_school("s", municipality, name="Школа")
    b = Records(school)
    for grade, passed, pupils in grades:
        work = b.assessment("vpr", "математика", grade)
        for i in range(pupils):
            b.result(work, b.student(f"{grade}-{i}", f"{grade}А"), mark=5 if i < passed else 2)
    recompute(school, [2024])
    return {"observer": make_user("observer", role=Role.OBSERVER, org_unit=municipality),
            "deputy": make_user("deputy", role=Role.DEPUTY, org_unit=school),
            "school": school}


@pytest.fixture
def seventeen_of_eighteen(core_catalog):
    """ВПР passed («3»–«5»): 17 of 18 pupils of grade 5, 10 of 20 of grade 6; 27 of 38 together. Grade 5's one
    pupil with «2» is a group of one."""
    return school_of_grades(((5, 17, 18), (6, 10, 20)))


def vpr_page(client, people, who):
    client.force_login(people[who])
    return client.get(reverse("indicators:detail", args=["core.vpr_base"]),
                      {"unit": people["school"].code, "year": 2024})


def test_the_observer_sees_no_count_whose_rest_is_a_group_of_one(client, seventeen_of_eighteen):
    page = text(vpr_page(client, seventeen_of_eighteen, "observer"))

    # 27 of 38 is shown; grade 5's 17 of 18 is not: 18 − 17 is the one pupil with «2».
    assert "Числитель 27, знаменатель 38" in page
    assert "17 из 18" not in page and "94,4 %" not in page
    # Grade 6's 10 of 20 would give grade 5 away as the total minus grade 6 (27 − 10 of 38 − 20): withheld too.
    assert "10 из 20" not in page
    assert "Скрыто значений разрезов: 2" in page


def test_the_deputy_sees_the_counts_of_small_groups(client, seventeen_of_eighteen):
    page = text(vpr_page(client, seventeen_of_eighteen, "deputy"))

    assert "17 из 18" in page and "10 из 20" in page and "скрыто" not in page


def test_the_observer_sees_no_value_whose_rest_is_a_small_group(client, core_catalog):
    people = school_of_grades(((5, 17, 18), (6, 20, 20)))

    observer = text(vpr_page(client, people, "observer"))
    tree = text(client.get(reverse("indicators:catalog"), {"unit": "s", "year": 2024}))
    deputy = text(vpr_page(client, people, "deputy"))

    # 37 of 38 (97,4 %): the value and its counts tell of the one pupil with «2».
    assert "Числитель 37, знаменатель 38" not in observer and "97,4 %" not in observer
    assert "37 из 38" not in tree and "97,4 %" not in tree
    assert "Числитель 37, знаменатель 38" in deputy and "97,4 %" in deputy


def municipality_of(schools: dict[str, tuple[int, int]]) -> dict:
    """Schools of a municipality with ВПР in mathematics, grade 5 (pupils with «3»–«5», pupils), its observer."""
    from tests.accounts.personas import make_user
    from tests.datavalues.records import make_school
    from vsoko.accounts.enums import Role
    from vsoko.records.enums import OrgUnitKind
    from vsoko.records.models import OrgUnit

    municipality = OrgUnit.objects.create(code="mun", name="Округ", kind=OrgUnitKind.MUNICIPALITY)
    for code, (passed, pupils) in schools.items():
        school = make_school(code, municipality, name=f"Школа {code}")
        b = Records(school)
        work = b.assessment("vpr", "математика", 5)
        for i in range(pupils):
            b.result(work, b.student(f"{code}-{i}", "5А"), mark=5 if i < passed else 2)
        recompute(school, [2024])
    return {"observer": make_user("observer", role=Role.OBSERVER, org_unit=municipality)}


def municipal_vpr(client, observer) -> tuple[str, str]:
    client.force_login(observer)
    detail = text(client.get(reverse("indicators:detail", args=["core.vpr_base"]), {"unit": "mun", "year": 2024}))
    tree = text(client.get(reverse("indicators:catalog"), {"unit": "mun", "year": 2024}))
    return detail, tree


def test_the_municipality_minus_the_shown_schools_gives_no_withheld_school_away(client, core_catalog):
    people = municipality_of({"a": (17, 18), "b": (10, 20)})

    detail, tree = municipal_vpr(client, people["observer"])

    # School a's 17 of 18 is withheld on its page; 27 of 38 minus school b's 10 of 20 would be it.
    assert "Числитель 27, знаменатель 38" not in detail and "71,1 %" not in detail
    assert "27 из 38" not in tree and "71,1 %" not in tree


def test_withheld_schools_that_together_tell_of_no_small_group_leave_the_municipality_shown(client, core_catalog):
    # a (rest 1) and c (part 1) are withheld; together 18 of 24 — 18 and 6, neither below five.
    people = municipality_of({"a": (17, 18), "b": (10, 20), "c": (1, 6)})

    detail, tree = municipal_vpr(client, people["observer"])

    assert "Числитель 28, знаменатель 44" in detail
    assert "28 из 44" in tree


def reads_of_schools_rows(client, url: str, params: dict) -> int:
    """The statements reading data values school by school (each row with its school) while a page is drawn,
    as the withheld schools' values need; the municipality's own values are read summed. The statements are
    caught by a wrapper: the request log resets Django's own list."""
    from django.db import connection

    statements = []
    with connection.execute_wrapper(lambda run, sql, *rest: statements.append(sql) or run(sql, *rest)):
        client.get(url, params)
    return sum('FROM "datavalues_datavalue"' in sql and '"datavalues_datavalue"."org_unit_id" AS "org_unit_id"' in sql
               for sql in statements)


def fail_more_in_school_a(grade: int, pupils: range) -> None:
    """Pupils of school a's ВПР of that grade without «3», and the recomputation an import makes."""
    from vsoko.records.models import Assessment, OrgUnit

    school_a = OrgUnit.objects.get(code="a")
    b = Records(school_a)
    work = Assessment.objects.get(school=school_a, grade=grade)
    for i in pupils:
        b.result(work, b.student(f"a-{grade}-{i}", f"{grade}А"), mark=2)
    recompute(school_a, [2024])


def test_withheld_schools_of_the_tree_are_kept_until_a_school_s_data_change(client, core_catalog):
    people = municipality_of({"a": (17, 18), "b": (10, 20)})
    client.force_login(people["observer"])
    url, tree = reverse("indicators:catalog"), {"unit": "mun", "year": 2024}
    first, again = reads_of_schools_rows(client, url, tree), reads_of_schools_rows(client, url, tree)
    kept = text(client.get(url, tree))

    # Five more pupils of school a without «3»: 17 of 23 tells of nobody, so 27 of 43 is shown.
    fail_more_in_school_a(5, range(18, 23))
    changed = text(client.get(url, tree))

    assert (first > 0, again) == (True, 0)
    assert "27 из 38" not in kept
    assert "27 из 43" in changed


def municipality_of_grades(schools: dict[str, tuple[tuple[int, int, int], ...]]) -> dict:
    """Schools of a municipality with ВПР in mathematics by grade (grade, pupils with «3»–«5», pupils), its observer."""
    from tests.accounts.personas import make_user
    from tests.datavalues.records import make_school
    from vsoko.accounts.enums import Role
    from vsoko.records.enums import OrgUnitKind
    from vsoko.records.models import OrgUnit

    municipality = OrgUnit.objects.create(code="mun", name="Округ", kind=OrgUnitKind.MUNICIPALITY)
    for code, grades in schools.items():
        school = make_school(code, municipality, name=f"Школа {code}")
        b = Records(school)
        for grade, passed, pupils in grades:
            work = b.assessment("vpr", "математика", grade)
            for i in range(pupils):
                b.result(work, b.student(f"{code}-{grade}-{i}", f"{grade}А"), mark=5 if i < passed else 2)
        recompute(school, [2024])
    return {"observer": make_user("observer", role=Role.OBSERVER, org_unit=municipality)}


def test_a_municipal_breakdown_cell_minus_the_shown_schools_gives_no_school_cell_away(client, core_catalog):
    # School a: grade 5 17 of 18 (a rest of one) and grade 6 10 of 20 are withheld on its page (the second lest
    # 27 of 38 minus it give the first). School b: 10 of 20 in each grade, shown. The municipality, 47 of 78, is
    # shown (both schools' values are), but its grade 5, 27 of 38, minus b's 10 of 20 would be a's 17 of 18, and
    # its grade 6, 20 of 40, minus b's would be a's 10 of 20 (and 27 of 38 minus that, a's grade 5 again).
    people = municipality_of_grades({"a": ((5, 17, 18), (6, 10, 20)), "b": ((5, 10, 20), (6, 10, 20))})

    detail, _ = municipal_vpr(client, people["observer"])

    assert "Числитель 47, знаменатель 78" in detail
    assert "27 из 38" not in detail and "20 из 40" not in detail
    assert "Скрыто значений разрезов: 2" in detail


def test_withheld_school_cells_of_the_indicator_page_are_kept_until_a_school_s_data_change(client, core_catalog):
    people = municipality_of_grades({"a": ((5, 17, 18), (6, 10, 20)), "b": ((5, 10, 20), (6, 10, 20))})
    client.force_login(people["observer"])
    url, page = reverse("indicators:detail", args=["core.vpr_base"]), {"unit": "mun", "year": 2024}
    first, again = reads_of_schools_rows(client, url, page), reads_of_schools_rows(client, url, page)
    kept = text(client.get(url, page))

    # School a's grade 5 becomes 17 of 23: nothing of a is withheld on its page, so the grades are shown.
    fail_more_in_school_a(5, range(18, 23))
    changed = text(client.get(url, page))

    assert (first > 0, again) == (True, 0)
    assert "Скрыто значений разрезов: 2" in kept
    assert "Скрыто значений разрезов" not in changed
    assert "27 из 43" in changed and "20 из 40" in changed


def test_a_municipal_breakdown_cell_hiding_two_schools_cells_that_together_tell_of_no_small_group_is_shown(
        client, core_catalog):
    # a as above; c: grade 5 1 of 6 (a part of one) and grade 6 10 of 20, both withheld on its page. The
    # municipality's grade 5, 28 of 44, minus b's gives a's and c's together, 18 of 24 (18 and 6 pupils); grade 6,
    # 30 of 60, gives 20 of 40: two schools' cells each, neither telling of a small group — both shown.
    people = municipality_of_grades({"a": ((5, 17, 18), (6, 10, 20)), "b": ((5, 10, 20), (6, 10, 20)),
                                     "c": ((5, 1, 6), (6, 10, 20))})

    detail, _ = municipal_vpr(client, people["observer"])

    assert "Числитель 58, знаменатель 104" in detail
    assert "28 из 44" in detail and "30 из 60" in detail


def reads_of_data_values(client, url: str, params: dict) -> int:
    """The statements reading the schools' own data values while a page is drawn: school by school (each row with
    its school) or summed over the schools (the municipality's own values); the benchmarks' read is neither."""
    from django.db import connection

    statements = []
    with connection.execute_wrapper(lambda run, sql, *rest: statements.append(sql) or run(sql, *rest)):
        client.get(url, params)
    return sum('FROM "datavalues_datavalue"' in sql
               and ('"datavalues_datavalue"."org_unit_id" AS "org_unit_id"' in sql or "SUM(" in sql)
               for sql in statements)


@pytest.mark.parametrize(("page", "before", "after"), [
    (("indicators:catalog", []), "20 из 40", "20 из 45"),
    (("indicators:detail", ["core.vpr_base"]), "Числитель 20, знаменатель 40", "Числитель 20, знаменатель 45"),
])
def test_the_municipalitys_own_values_are_kept_until_a_school_s_data_change(client, core_catalog, page, before,
                                                                            after):
    # Schools a and b: 10 of 20 pupils with «3» and above each; the municipality 20 of 40, nothing withheld.
    people = municipality_of({"a": (10, 20), "b": (10, 20)})
    client.force_login(people["observer"])
    url, asked = reverse(page[0], args=page[1]), {"unit": "mun", "year": 2024}
    first, again = reads_of_data_values(client, url, asked), reads_of_data_values(client, url, asked)
    kept = text(client.get(url, asked))

    # An import in school a: five more pupils without «3» — the municipality is 20 of 45 at once.
    fail_more_in_school_a(5, range(20, 25))
    changed = text(client.get(url, asked))

    assert (first > 0, again) == (True, 0)
    assert before in kept and after in changed


def test_an_edited_formula_gives_the_municipality_its_new_value_though_no_data_changed(client, core_catalog):
    # a: 15 of 20 pupils with «5», the rest «2»; b: 10 of 20. The municipality: 25 of 40 with «3» and above.
    people = municipality_of({"a": (15, 20), "b": (10, 20)})
    client.force_login(people["observer"])
    url, asked = reverse("indicators:catalog"), {"unit": "mun", "year": 2024}
    kept = text(client.get(url, asked))

    Indicator.objects.filter(code="core.vpr_base").update(
        formula="percent(results.marks[kind=vpr, mark=2], results.marks[kind=vpr])")
    changed = text(client.get(url, asked))

    # Now the share of «2»: 5 + 10 of 40, not the 25 of 40 kept under the old formula.
    assert "core.vpr_base 62,5 % 25 из 40" in kept
    assert "core.vpr_base 37,5 % 15 из 40" in changed


def test_the_municipalitys_indicator_page_leads_to_the_indicator_school_by_school(client, core_catalog):
    people = municipality_of({"a": (10, 20), "b": (10, 20)})
    client.force_login(people["observer"])

    html = client.get(reverse("indicators:detail", args=["core.vpr_base"]), {"unit": "mun", "year": 2024}
                      ).content.decode()
    school = client.get(reverse("indicators:detail", args=["core.vpr_base"]), {"unit": "a", "year": 2024}
                        ).content.decode()
    compared = text(client.get("/compare/?catalog=core&i=core.vpr_base&year=2024"))

    assert '<a href="/compare/?catalog=core&amp;i=core.vpr_base&amp;year=2024">Этот показатель по школам</a>' in html
    assert "Этот показатель по школам" not in school
    assert "Школа a 1 50,0 % 1-е место" in compared and "Показатели: выбрано 1" in compared


# --- «Скачать в Excel» ----------------------------------------------------------------------------


def xlsx_rows(response) -> list[tuple]:
    import io

    import openpyxl

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_catalog_tree_in_excel_has_the_pages_values_as_numbers(client, world):
    total = Indicator.objects.get(code="core.students_total")
    Target.objects.create(school=world.school, indicator=total, year_id=2024, value=1000)
    response = login(client, world, "director").get(reverse("indicators:catalog"),
                                                    {"year": 2024, "catalog": "core", "format": "xlsx"})
    rows = xlsx_rows(response)
    assert rows[0][0].startswith("Показатели: ") and rows[1][0] == "МБОУ «Школа №1»"
    assert rows[2][0] == "2024/2025 учебный год"
    by_code = {r[1]: r for r in rows if r[1] and str(r[1]).startswith("core.")}
    # As on the page (test_status_against_target_and_benchmark_is_written_in_words): 3 pupils, +2, target 1 000;
    # quality 2 of 3.
    assert by_code["core.students_total"][2] == 3
    assert not any(by_code["core.students_total"][3:5])  # a count: no numerator, no denominator
    assert by_code["core.students_total"][5] == 2
    assert by_code["core.students_total"][6:8] == (1000, "не достигнуто")
    assert by_code["core.quality"][2] == pytest.approx(66.7, abs=0.05) and by_code["core.quality"][3:5] == (2, 3)
    assert len(by_code) == Indicator.objects.filter(catalog__code="core", retired=False).count()


def test_the_breakdown_in_excel_is_the_pages_table(client, seventeen_of_eighteen):
    client.force_login(seventeen_of_eighteen["deputy"])
    response = client.get(reverse("indicators:detail", args=["core.vpr_base"]),
                          {"unit": "s", "year": 2024, "format": "xlsx"})
    rows = xlsx_rows(response)
    assert rows[0][0] == "Доля работ ВПР с отметкой «3» и выше"
    assert rows[1][0] == "Школа" and "2024/2025" in rows[2][0]
    header = next(i for i, r in enumerate(rows) if r[0] == "Разрез")
    cells = {r[0]: r for r in rows[header + 1:] if r[0]}
    # 17 of 18 pupils of grade 5 with «3»–«5»: 94,4 %; 10 of 20 in grade 6: 50 %; the counts beside.
    assert cells["параллель: 5"][-3] == pytest.approx(94.4, abs=0.05) and cells["параллель: 5"][-2:] == (17, 18)
    assert cells["параллель: 6"][-3:] == (50, 10, 20)
    assert cells["Всего"][1:3] == ("нет данных", "нет данных")  # no ВПР in the two years before


def test_the_observers_breakdown_in_excel_withholds_what_the_page_withholds(client, seventeen_of_eighteen):
    client.force_login(seventeen_of_eighteen["observer"])
    response = client.get(reverse("indicators:detail", args=["core.vpr_base"]),
                          {"unit": "s", "year": 2024, "format": "xlsx"})
    rows = xlsx_rows(response)
    flat = [c for r in rows for c in r]
    assert 17 not in flat and 18 not in flat and 10 not in flat and 20 not in flat  # grade 5's and grade 6's counts
    header = next(i for i, r in enumerate(rows) if r[0] == "Разрез")
    total, *breakdowns = [r for r in rows[header + 1:] if r[0] and r[0][0] != "—"]  # «—*» starts the note
    assert total[0] == "Всего" and total[-2:] == (27, 38)  # shown on the page too: «Числитель 27, знаменатель 38»
    # The page lists only the subject's row (the grades' are withheld whole): so does the file.
    assert [r[0] for r in breakdowns] == ["предмет: математика"]


def test_the_excel_buttons_keep_the_pages_choice(client, world):
    catalog = login(client, world, "director").get(reverse("indicators:catalog"), {"year": 2024, "catalog": "core"})
    assert 'href="/indicators/?year=2024&amp;catalog=core&amp;format=xlsx"' in catalog.content.decode()
    detail = client.get(reverse("indicators:detail", args=["core.vpr_base"]), {"year": 2024, "years": 5})
    assert "years=5&amp;format=xlsx" in detail.content.decode()


def test_an_indicator_page_links_to_where_its_value_is_taken_apart(client, world):
    """«Какие показатели ухудшились и почему»: from a school's indicator to the page that takes it apart by class,
    subject and procedure, in the same school and year: the year's marks for core.quality and core.sou, the
    year's ВПР or ОГЭ for theirs. A count of pupils has no such page; a municipality's value has none either."""
    login(client, world, "director")

    def page(code, unit="s1"):
        return client.get(reverse("indicators:detail", args=[code]) + f"?unit={unit}&year=2024").content.decode()

    assert 'href="/progress/?school=s1&amp;year=2024&amp;period=year">Итоги года по классам и предметам</a>' in page(
        "core.quality")
    assert 'href="/progress/?school=s1&amp;year=2024&amp;period=year"' in page("core.sou")
    assert 'href="/assessments/?school=s1&amp;year=2024#kind-vpr">Результаты ВПР по классам и заданиям</a>' in page(
        "core.vpr_base")
    assert 'href="/assessments/?school=s1&amp;year=2024#kind-oge">Результаты ОГЭ по предметам и классам</a>' in page(
        "core.oge_passed")
    assert "Разбор:" not in page("core.students_total")
    login(client, world, "observer")
    assert "Разбор:" not in page("core.quality", unit="mun")


def test_the_procedures_page_opens_on_the_year_of_the_link(client, world):
    """The indicator's link names its year; the procedures page shows that year, not the one chosen in the header."""
    response = login(client, world, "director").get("/assessments/?school=s1&year=2023")

    assert "Оценочные процедуры за 2023/2024 учебный год" in text(response)


def test_the_catalog_shows_only_the_indicators_that_worsened(client, world):
    """«Какие показатели ухудшились»: in the world, 2023/2024 → 2024/2025, the share on the prevention register
    went 0 → 33,3 % (less is better: worse); the repeaters 100 → 0 % and the extra-curricular shares 0 → 33,3 %
    got better, the municipal olympiad stayed at 0 %, качество had no value a year before."""
    login(client, world, "director")
    everything = text(client.get(reverse("indicators:catalog"), {"unit": "s1", "year": 2024}))
    assert "Только ухудшившиеся к прошлому году: 1" in everything

    page = text(client.get(reverse("indicators:catalog"), {"unit": "s1", "year": 2024, "worse": "1"}))

    assert "core.prevention_registered" in page
    for code in ("core.repeaters", "core.events_participation", "core.additional_education", "core.vsosh_municipal",
                 "core.quality", "core.students_total"):
        assert code not in page
    assert "Показаны только ухудшившиеся к прошлому году (на 1 п. п. и больше, у других единиц — на 1 %)" in page
    assert "Показать все" in page


def _data_value_reads(client, url: str, params: dict) -> tuple[int, int]:
    """(statements, of them reading the school's data values — not the benchmarks) while the page is drawn."""
    from django.db import connection

    statements = []
    with connection.execute_wrapper(lambda run, sql, *rest: statements.append((sql, rest[0])) or run(sql, *rest)):
        assert client.get(url, params).status_code == 200
    return len(statements), sum('FROM "datavalues_datavalue"' in sql and "benchmark" not in (values or ())
                                for sql, values in statements)


@pytest.mark.parametrize(("url_name", "most"), [("indicators:catalog", 14), ("indicators:targets", 15)])
def test_a_school_s_tree_viewed_again_reads_no_data_values_until_they_change(client, world, url_name, most):
    """The whole-school values of the tree and of the targets page are kept under the school's data generation:
    viewed again, no data value is read (the benchmarks are) and the page fits in `most` statements (one fewer
    than the first view); a recomputation shows at once."""
    client = login(client, world, "director")
    url, params = reverse(url_name), {"year": 2024}
    first_statements, first_reads = _data_value_reads(client, url, params)
    again_statements, again_reads = _data_value_reads(client, url, params)
    pupils_before = text(client.get(url, params))

    b = Records(world.school)
    for i in range(7):
        b.student(f"more-{i}", "5А")
    recompute(world.school, [2024])
    changed_statements, changed_reads = _data_value_reads(client, url, params)

    assert first_reads > 0
    assert (again_reads, changed_reads > 0) == (0, True)
    assert again_statements < first_statements
    assert again_statements <= most
    assert text(client.get(url, params)) != pupils_before


def test_a_mean_s_breakdown_cell_reads_as_a_sum_over_a_count_not_as_a_share(client, core_catalog):
    """«131 из 2» under a mean test score reads as «131 out of 2»; the cell says «131 / 2» (the mean's sum and
    count), while a share keeps «2 из 3»."""
    from tests.accounts.personas import make_user
    from tests.datavalues.records import make_school
    from vsoko.accounts.enums import Role

    school = make_school("s", name="Школа")
    b = Records(school)
    work = b.assessment("ege", "биология", 11)
    for i, score in enumerate((60, 71)):
        b.result(work, b.student(f"e{i}", "11А"), test=score)
    recompute(school, [2024])
    client.force_login(make_user("deputy", role=Role.DEPUTY, org_unit=school))

    page = text(client.get(reverse("indicators:detail", args=["core.ege_mean_score"]),
                           {"unit": school.code, "year": 2024}))

    assert "предмет: биология нет данных нет данных 65,5 131 / 2" in page
    assert "131 из 2" not in page


@pytest.fixture
def spt_school(db):
    """The СПТ share of reg004 (grades 7–11 only): pupils of grades 4–6 and 7 a year ago, 8 now, tested."""
    import datetime

    from tests.accounts.personas import make_user
    from tests.datavalues.records import make_school
    from vsoko.accounts.enums import Role
    from vsoko.diagnostics.models import Diagnostic, DiagnosticResult
    from vsoko.indicators.catalogs import CATALOG_DIR, read_catalog, store_catalog

    errors: list[str] = []
    store_catalog(read_catalog(CATALOG_DIR / "reg004.yaml", errors))
    school = make_school("s", name="Школа")
    for year, pupils in ((2023, {"p1": "7А", "p2": "5А"}), (2024, {"p1": "8А", "p2": "6А", "p3": "4А", "p4": "5А"})):
        b = Records(school, year)
        enrolled = {key: b.enroll(b.student(key), name, year=year) for key, name in pupils.items()}
        spt = Diagnostic.objects.create(school=school, year_id=year, procedure="spt", date=datetime.date(year, 10, 1),
                                        school_class=enrolled["p1"].school_class)
        DiagnosticResult.objects.create(diagnostic=spt, enrollment=enrolled["p1"], level="no_risk")
    recompute(school, [2023, 2024])
    return make_user("deputy", role=Role.DEPUTY, org_unit=school)


def test_breakdown_rows_without_a_value_in_any_year_are_left_out_and_named_under_the_table(client, spt_school):
    client.force_login(spt_school)

    page = text(client.get(reverse("indicators:detail", args=["reg004.5.3.2"]), {"unit": "s", "year": 2024}))

    table = page.split("Разрез ")[1].split("Нет данных")[0]
    # Grade 7 had its value a year ago, grade 8 has it now: both stay, «нет данных» in the other year.
    assert "параллель: 7 нет данных 100,0 % 1 из 1 нет данных" in table
    assert "параллель: 8 нет данных нет данных 100,0 % 1 из 1" in table
    assert "параллель: 4" not in table and "параллель: 5" not in table and "параллель: 6" not in table
    assert "Нет данных ни в одном из показанных лет: параллель 4–6." in page


def test_the_breakdown_in_excel_leaves_out_the_same_rows_and_names_them(client, spt_school):
    client.force_login(spt_school)

    rows = xlsx_rows(client.get(reverse("indicators:detail", args=["reg004.5.3.2"]),
                                {"unit": "s", "year": 2024, "format": "xlsx"}))

    labels = [r[0] for r in rows]
    assert "параллель: 7" in labels and "параллель: 8" in labels and "параллель: 5" not in labels
    assert "Нет данных ни в одном из показанных лет: параллель 4–6." in labels

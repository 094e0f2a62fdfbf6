"""The municipal analytic report: five schools of one municipality with knowledge quality counted by hand.

Pupils with year marks «5» (good) or «3», 2024/2025 (2023/2024 for A and B only); a share is shown where both
its part and its rest are 5 pupils or more (or none):
    A   5 of 10 → 50 %    (2023:  5 of 15)
    B  20 of 25 → 80 %    (2023: 15 of 25)
    C   1 of 3  → small: «—*», no rank, no group
    F   4 of 7  → four «good», three not: «—*» too; C and F together are 5 of 10, so the total, minus the shown
                  schools, gives away no school (with C alone withheld, it would be C: `one_small_school`)
    D  14 of 20 → 70 %
    E  14 of 20 → 70 %
All schools together: (5 + 20 + 1 + 14 + 14 + 4) / (10 + 25 + 3 + 20 + 20 + 7) = 58/85 = 68,2 % — not the mean of
the percentages (67,5 % of the four shown, 60,1 % of all six). 2023/2024: 20/40 = 50 %. Ranks 1, 2, 2, 4.
ВПР, математика, 5 класс: B six results 5, 4, 4, 3, 3, 2; D three (too few to show).
"""

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tests.accounts.personas import make_user
from tests.datavalues.records import Records, make_school
from tests.libreoffice import as_text
from tests.reports.readers import docx_paragraphs, docx_rows, row_of, xlsx_rows
from vsoko.accounts.enums import Role
from vsoko.audit.models import AuditEntry
from vsoko.datavalues.compute import recompute
from vsoko.indicators.catalogs import load_shipped_catalogs
from vsoko.records import enums
from vsoko.records.models import OrgUnit
from vsoko.reports.document import Paragraph, Table, cell_text
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.municipal import build
from vsoko.reports.registry import render

pytestmark = pytest.mark.django_db
YEAR = 2024
QUALITY = "Качество знаний"
SCHOOLS = {"a": {2023: (5, 15), 2024: (5, 10)}, "b": {2023: (15, 25), 2024: (20, 25)}, "c": {2024: (1, 3)},
           "d": {2024: (14, 20)}, "e": {2024: (14, 20)}, "f": {2024: (4, 7)}}
SURNAME = "Крылова"  # every pupil's: no pupil may be named in the report


@pytest.fixture
def municipality(db, settings):
    return build_municipality(settings, SCHOOLS)


@pytest.fixture
def one_small_school(db, settings):
    return build_municipality(settings, {code: years for code, years in SCHOOLS.items() if code != "f"})


@pytest.fixture
def small_school_a_year_before(db, settings):
    """F had 1 of 2 in 2023/2024, beside A (5 of 15) and B (15 of 25) alone: that year's all schools together,
    21 of 42, minus A and B would be F."""
    return build_municipality(settings, {**SCHOOLS, "f": {2023: (1, 2), 2024: (4, 7)}})


def build_municipality(settings, schools: dict) -> OrgUnit:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_shipped_catalogs()
    unit = OrgUnit.objects.create(code="mun", name="Округ", kind=enums.OrgUnitKind.MUNICIPALITY)
    for code, years in schools.items():
        school = make_school(code, unit, name=f"Школа {code.upper()}")
        b = Records(school)
        pupils = []
        for year, (good, total) in years.items():
            for i in range(total):
                pupil = b.student(f"{code}{year}-{i}", "5А", year=year)
                pupil.last_name, pupil.first_name = SURNAME, f"Ученица{i}"
                pupil.save()
                b.marks(pupil, {"математика": "5" if i < good else "3"}, year=year)
                pupils.append(pupil)
        marks = {"b": (5, 4, 4, 3, 3, 2), "d": (5, 4, 3)}.get(code)
        if marks:
            vpr = b.assessment(enums.AssessmentKind.VPR, "математика", 5, year=YEAR)
            for pupil, mark in zip(pupils[-len(marks):], marks, strict=True):
                b.result(vpr, pupil, mark=mark)
        recompute(school, list(years))
    return unit


def table_after(document, heading: str, index: int = 0) -> list[list[str]]:
    section = next(s for s in document.sections if s.heading == heading)
    table = [b for b in section.blocks if isinstance(b, Table)][index]
    return [[cell_text(c) for c in row.cells] for row in table.rows]


def paragraphs(document, heading: str) -> list[str]:
    section = next(s for s in document.sections if s.heading == heading)
    return [b.text for b in section.blocks if isinstance(b, Paragraph)]


def test_the_municipality_value_is_a_ratio_of_sums_over_three_years(municipality):
    document = build(municipality, YEAR)

    quality = row_of(table_after(document, "Показатели муниципалитета за три года"), QUALITY)
    # 58/85, not 67,5 % (the mean of the shown schools) nor 60,1 % (of all six); 2023/2024: 20/40.
    assert quality[1:] == ["нет данных", "50,0 %", "68,2 %", "+18,2 п. п.", "улучшение"]
    assert document.title == "Аналитическая справка по результатам ВСОКО муниципалитета за 2024/2025 учебный год"


def test_the_change_is_judged_by_the_rule_of_the_school_documents(db, settings):
    """One rule for «улучшение / ухудшение» in every document (vsoko.reports.cells.moved: 1 п. п. for a share).
    A: 7 of 15 → 8 of 17; B: 5 of 10 both years. All schools together: 12/25 = 48 % → 13/27 = 48,148 %, +0,1 п. п.:
    shown, but under 1 п. п. — a fluctuation, «без изменений», not «улучшение» (the school's own documents and
    the overview say «без изменений» for it too)."""
    unit = build_municipality(settings, {"a": {2023: (7, 15), 2024: (8, 17)}, "b": {2023: (5, 10), 2024: (5, 10)}})

    quality = row_of(table_after(build(unit, YEAR), "Показатели муниципалитета за три года"), QUALITY)

    assert quality[1:] == ["нет данных", "48,0 %", "48,1 %", "+0,1 п. п.", "без изменений"]


def test_schools_with_a_negative_change_are_listed_by_the_one_rule(db, settings):
    """Knowledge quality, 2023/2024 → 2024/2025: A 10 of 15 (66,7 %) → 5 of 10 (50 %), −16,7 п. п.: worse;
    B 15 of 25 (60 %) → 20 of 25 (80 %): better; C 11 of 20 (55 %) → 13 of 24 (54,2 %), −0,8 п. п.: under 1 п. п.,
    a fluctuation, not listed. Success is 100 % everywhere (marks «5» and «3» only): unchanged."""
    unit = build_municipality(settings, {"a": {2023: (10, 15), 2024: (5, 10)}, "b": {2023: (15, 25), 2024: (20, 25)},
                                         "c": {2023: (11, 20), 2024: (13, 24)}})

    assert paragraphs(build(unit, YEAR), "Школы с отрицательной динамикой")[1:] == [
        "Школа A: Качество знаний — 66,7 % → 50,0 % (−16,7 п. п.)."]


def test_a_withheld_value_is_not_compared_with_the_year_before(municipality):
    # F: 2024/2025 4 of 7 — withheld («—*»), no 2023/2024; A and B improved; C, D, E have no year before.
    assert paragraphs(build(municipality, YEAR), "Школы с отрицательной динамикой")[1:] == [
        "Показателей, ухудшившихся по сравнению с 2023/2024 учебным годом, нет ни у одной школы."]


def test_schools_are_ranked_with_a_tie_and_the_small_school_withheld(municipality):
    document = build(municipality, YEAR)

    assert table_after(document, "Места школ по показателям") == [
        ["1", "Школа B", "80,0 %"], ["2", "Школа D", "70,0 %"], ["2", "Школа E", "70,0 %"], ["4", "Школа A", "50,0 %"],
        ["—", "Школа C", "—*"], ["—", "Школа F", "—*"]]
    assert paragraphs(document, "Места школ по показателям")[0] == (
        "Лучший результат: Школа B (80,0 %). Самый низкий: Школа A (50,0 %). Все школы вместе — 68,2 %.")


def test_groups_and_the_schools_needing_attention(municipality):
    document = build(municipality, YEAR)

    groups = table_after(document, "Группы похожих школ")
    # F's success (7 of 7) is shown, so F is grouped — with D and E; its quality (4 of 7) is withheld, and the
    # group's, 32 of 47, minus D and E would be F's: «—*».
    assert [row[:3] for row in groups] == [["Группа 1 (1 шк.)", "Школа B", "80,0 %"],
                                           ["Группа 2 (3 шк.)", "Школа D; Школа E; Школа F", "—*"],
                                           ["Группа 3 (1 шк.)", "Школа A", "50,0 %"]]
    # A lags on knowledge quality, the one indicator where it differs (success is 100 % everywhere), and is the
    # weakest group; D and E are above on quality too; C has no value it can be compared on.
    assert paragraphs(document, "Школы, требующие внимания")[1:] == [
        "Школа A: хуже всех школ вместе по показателям: 1 из 1, где значение отличается; в группе 3 — с самыми "
        "слабыми результатами. Отстаёт: Качество знаний — 50,0 % при 68,2 %."]


def test_a_total_that_would_give_away_the_one_small_school_is_withheld(one_small_school):
    # 54/78 minus the four shown schools (53/75) is C's 1 of 3: the total is «—*» for the year, with no change,
    # no «Все школы вместе — 69,2 %» and no school measured against it.
    document = build(one_small_school, YEAR)
    text = "\n".join(paragraphs(document, "Места школ по показателям")
                     + paragraphs(document, "Школы, требующие внимания"))

    quality = row_of(table_after(document, "Показатели муниципалитета за три года"), QUALITY)
    assert quality[1:] == ["нет данных", "50,0 %", "—*", "—", "—"]
    assert "Все школы вместе — —*." in text and "69,2" not in text
    assert "Школа A: хуже всех школ вместе" not in text


def test_an_earlier_years_total_that_would_give_away_a_small_school_is_withheld(small_school_a_year_before):
    # 2023/2024: A 5 of 15, B 15 of 25, F 1 of 2 — together 21 of 42 = 50 %; minus A and B (20 of 40) it is F's
    # 1 of 2. The year's total is «—*», with no change to 2024/2025 (68,2 %: 58 of 85, as before) and no trend;
    # its bar of the chart is «—*» too.
    document = build(small_school_a_year_before, YEAR)
    section = next(s for s in document.sections if s.heading == "Показатели муниципалитета за три года")

    quality = row_of(table_after(document, "Показатели муниципалитета за три года"), QUALITY)
    assert quality[1:] == ["нет данных", "—*", "68,2 %", "—", "—"]
    chart = next(b for b in section.blocks if getattr(b, "title", None) == QUALITY)
    assert [text for _, _, text in chart.bars] == ["нет данных", "—*", "68,2 %"]
    docx = render(ReportKind.MUNICIPAL, small_school_a_year_before, YEAR, Format.DOCX)
    xlsx = render(ReportKind.MUNICIPAL, small_school_a_year_before, YEAR, Format.XLSX)
    assert row_of(docx_rows(docx), QUALITY)[1:4] == ["нет данных", "—*", "68,2 %"]
    # The names in the sheet's second column (the first is the rankings' places)
    assert [row[2:5] for row in xlsx_rows(xlsx) if row[1] == QUALITY and row[2]] == [
        ["нет данных", "—*", pytest.approx(5800 / 85)]]


def test_procedures_per_school_hide_a_school_with_few_results(municipality):
    document = build(municipality, YEAR)

    # B: six results 5, 4, 4, 3, 3, 2 — mean 3,5; success 5 of 6 tells of the one «2», quality 3 of 6 of three
    # pupils: both «—*», as on the «Анализ» pages (`Privacy.discloses`). D: three results — nothing shown.
    assert table_after(document, "Результаты ВПР, ОГЭ и ЕГЭ по школам") == [
        ["Школа B", "6", "3,50", "—*", "—*"],
        ["Школа D", "—*", "—*", "—*", "—*"]]


def test_word_and_excel_name_no_pupil(municipality):
    docx = render(ReportKind.MUNICIPAL, municipality, YEAR, Format.DOCX)
    xlsx = render(ReportKind.MUNICIPAL, municipality, YEAR, Format.XLSX)

    text = "\n".join(docx_paragraphs(docx)) + str(docx_rows(docx)) + str(xlsx_rows(xlsx))
    assert SURNAME not in text and "Ученица" not in text
    assert row_of(docx_rows(docx), "Школа C")[2] == "—*"
    assert row_of(xlsx_rows(xlsx), "Школа B")[:3] == [1, "Школа B", 80]  # numbers in Excel


def test_the_command_writes_the_report_of_the_only_municipality(municipality, tmp_path):
    out = tmp_path / "справка.docx"

    call_command("report", "municipal", "--year", "2024/2025", "--out", str(out), "--catalog", "core")

    assert row_of(docx_rows(out.read_bytes()), "Школа B")[:2] == ["1", "Школа B"]
    assert AuditEntry.objects.get(object_id="municipal").details["откуда"] == "команда vsoko report"


@pytest.mark.parametrize(("args", "message"), [
    (["--school", "nope"], "Муниципалитет с кодом «nope» не найден. Коды муниципалитетов: mun, mun-2."),
    ([], "В базе несколько муниципалитетов: укажите нужный через --school КОД. Коды муниципалитетов: mun, mun-2."),
    (["--school", "mun", "--catalog", "nope"], "Каталог «nope» не найден. Коды каталогов: core,"),
])
def test_command_errors_name_the_codes(municipality, tmp_path, args, message):
    OrgUnit.objects.create(code="mun-2", name="Другой округ", kind=enums.OrgUnitKind.MUNICIPALITY)

    with pytest.raises(CommandError, match=message):
        call_command("report", "municipal", "--year", "2024", "--out", str(tmp_path / "m.docx"), *args)
    assert list(tmp_path.iterdir()) == []


def test_catalog_is_refused_for_a_school_report(municipality, tmp_path):
    with pytest.raises(CommandError, match="--catalog задаётся только для справки по муниципалитету"):
        call_command("report", "analytic", "--year", "2024", "--out", str(tmp_path / "a.docx"), "--catalog", "core")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_word_file(municipality, tmp_path):
    (tmp_path / "municipal.docx").write_bytes(render(ReportKind.MUNICIPAL, municipality, YEAR, Format.DOCX))

    text = as_text(tmp_path / "municipal.docx")
    assert "Школы, требующие внимания" in text and "Школа A: хуже всех школ вместе" in text


def test_the_observer_downloads_it_from_the_compare_page_and_it_is_audited(client, municipality):
    observer = make_user("observer", role=Role.OBSERVER, org_unit=municipality)
    client.force_login(observer)

    page = client.get(reverse("comparison:index")).content.decode()
    response = client.get(reverse("comparison:municipal_report", kwargs={"fmt": "docx"}),
                          {"year": YEAR, "catalog": "core"})

    assert "Справка по муниципалитету (Word)" in page and "Справка по муниципалитету (Excel)" in page
    assert response.status_code == 200
    assert row_of(docx_rows(response.content), "Школа D")[:3] == ["2", "Школа D", "70,0 %"]
    entry = AuditEntry.objects.get(object_id="municipal")
    assert (entry.user, entry.school, entry.details["format"], entry.details["catalog"]) == (
        observer, municipality, "docx", "core")


STAFF_COURSES = "Доля педагогов, прошедших курсы повышения квалификации за 3 года"  # a default, left unticked


def report_link(page: str, fmt: str = "docx") -> str:
    """The page's «Справка по муниципалитету» link of this format, as the browser follows it."""
    return html.unescape(re.search(rf'href="([^"]*municipal\.{fmt}\?[^"]*)"', page).group(1))


def test_the_button_carries_the_ticked_indicators_and_the_number_of_groups(client, municipality):
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=municipality))
    page = client.get(reverse("comparison:index"), {"catalog": "core", "i": "core.quality", "k": 2}).content.decode()

    response = client.get(report_link(page))

    assert response.status_code == 200
    text = "\n".join(docx_paragraphs(response.content))
    rows = docx_rows(response.content)
    assert "Групп похожих школ: 2." in text and "Школы разделены на 2 группы по сходству результатов" in text
    assert QUALITY in text and STAFF_COURSES not in text and STAFF_COURSES not in str(rows)
    # Two groups, as on the page (three by default: B / D, E / A).
    assert [row[:2] for row in rows if row[0].startswith("Группа ")] == [
        ["Группа 1 (3 шк.)", "Школа B; Школа D; Школа E"], ["Группа 2 (1 шк.)", "Школа A"]]
    entry = AuditEntry.objects.get(object_id="municipal")
    assert (entry.details["indicators"], entry.details["groups"]) == (["core.quality"], 2)


def test_the_report_reads_the_link_as_the_page_reads_its_form(client, municipality):
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=municipality))
    url = reverse("comparison:municipal_report", kwargs={"fmt": "docx"})

    # A code the catalog does not offer chooses nothing, a number of groups the page does not offer is the default.
    odd = client.get(url, {"year": YEAR, "catalog": "core", "i": ["nope", "core.quality"], "k": 9})
    nothing = client.get(url, {"year": YEAR, "catalog": "core", "i": "nope"})

    odd_text = "\n".join(docx_paragraphs(odd.content))
    assert "Групп похожих школ: 3." in odd_text and STAFF_COURSES not in odd_text
    assert "выбранные на странице «Сравнение школ» (1)" in odd_text
    # Nothing ticked that the catalog offers: the page's defaults.
    assert "ключевые, как на странице «Сравнение школ» по умолчанию" in "\n".join(docx_paragraphs(nothing.content))


def test_the_command_takes_the_indicators_and_the_number_of_groups(municipality, tmp_path):
    out = tmp_path / "справка.docx"

    call_command("report", "municipal", "--year", "2024", "--out", str(out), "--indicators", "core.quality",
                 "--groups", "2")

    rows = docx_rows(out.read_bytes())
    assert [row[0] for row in rows if row[0].startswith("Группа ")] == ["Группа 1 (3 шк.)", "Группа 2 (1 шк.)"]
    assert STAFF_COURSES not in str(rows)


@pytest.mark.parametrize(("args", "message"), [
    (["--indicators", "core.quality,nope,core.students"],
     "Показатели «nope», «core.students» нельзя сравнивать по каталогу «core»: их нет в каталоге, .* Показатели "
     "каталога для сравнения: .*core.quality"),
    (["--groups", "7"], "Число групп похожих школ — от 2 до 5, как на странице «Сравнение школ», а задано 7."),
    (["--groups", "два"], "Параметр --groups — число групп похожих школ, 2–5, а задано «два»."),
])
def test_the_command_names_a_choice_the_page_does_not_offer(municipality, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("report", "municipal", "--year", "2024", "--out", str(tmp_path / "m.docx"), *args)
    assert list(tmp_path.iterdir()) == []


def test_indicators_are_refused_for_a_school_report(municipality, tmp_path):
    with pytest.raises(CommandError, match="--indicators задаётся только для справки по муниципалитету"):
        call_command("report", "analytic", "--year", "2024", "--out", str(tmp_path / "a.docx"), "--indicators",
                     "core.quality")


def test_a_deputy_of_one_school_is_refused(client, municipality):
    client.force_login(make_user("deputy", role=Role.DEPUTY, org_unit=OrgUnit.objects.get(code="a")))

    response = client.get(reverse("comparison:municipal_report", kwargs={"fmt": "docx"}), {"year": YEAR})

    assert response.status_code == 403
    assert not AuditEntry.objects.filter(object_id="municipal").exists()


def test_the_reports_page_of_a_school_offers_no_municipal_report(client, municipality):
    client.force_login(make_user("deputy", role=Role.DEPUTY, org_unit=OrgUnit.objects.get(code="a")))

    page = client.get(reverse("reports:index")).content.decode()
    download = client.get(reverse("reports:download", kwargs={"kind": "municipal", "fmt": "docx"}))

    assert "муниципалитета" not in page
    assert download.status_code == 404


ROOT = Path(__file__).resolve().parents[2]
VSOKO = Path(sys.executable).parent / "vsoko"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    """A database of its own, made by `vsoko init` (one municipality, one school), with one school year."""
    folder = tmp_path_factory.mktemp("vsoko-municipal")
    env = {**os.environ, "VSOKO_DATA_DIR": str(folder), "DATABASE_URL": ""}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    for args in (["init", "--school", "Школа"],
                 ["shell", "-c", "from vsoko.records.models import SchoolYear; SchoolYear.objects.create(start=2024)"]):
        run = subprocess.run([VSOKO, *args], env=env, capture_output=True, text=True, cwd=ROOT)
        assert run.returncode == 0, run.stderr
    return folder, env


@pytest.mark.slow
def test_exit_codes(data_dir):
    folder, env = data_dir

    def report(*args):
        return subprocess.run([VSOKO, "report", "municipal", *args], env=env, capture_output=True, text=True,
                              cwd=folder)

    ok = report("--year", "2024/2025", "--out", "m.docx")
    unknown = report("--year", "2024/2025", "--out", "x.docx", "--school", "school-1")
    wrong_format = report("--year", "2024/2025", "--out", "x.pdf")
    no_out = report("--year", "2024/2025")

    assert ok.returncode == 0, ok.stderr
    assert (folder / "m.docx").read_bytes()[:2] == b"PK"
    assert (unknown.returncode, wrong_format.returncode, no_out.returncode) == (1, 1, 2)
    assert "Муниципалитет с кодом «school-1» не найден. Коды муниципалитетов: mun-1." in unknown.stderr
    assert "выводится только в форматах .docx, .xlsx" in wrong_format.stderr


def test_the_number_of_reads_does_not_grow_with_the_schools(municipality, django_assert_num_queries):
    # The catalog, its indicators, the schools; three reads of data values (the year and the two before);
    # the figures of ВПР, ОГЭ and ЕГЭ; their procedures and the figures of their objectivity flags (the marks
    # and the journal per procedure, the score histograms with their peaks); the social context (the schools,
    # their data generations, their data values and where a narrowed code has data, as on its page); nothing per
    # school.
    with django_assert_num_queries(17):
        build(municipality, YEAR)
    school = make_school("g", municipality, name="Школа G")
    b = Records(school)
    b.marks(b.student("g0", "5А"), {"математика": "5"})
    recompute(school, [YEAR])

    with django_assert_num_queries(17):
        build(municipality, YEAR)


def test_an_indicator_withheld_in_every_school_is_said_so_with_the_municipalitys_value(db, settings):
    # A 4 of 7, B 1 of 6, C 17 of 18: each tells of fewer than five pupils; together 22 of 31 (71,0 %) does not.
    unit = build_municipality(settings, {"a": {YEAR: (4, 7)}, "b": {YEAR: (1, 6)}, "c": {YEAR: (17, 18)}})

    document = build(unit, YEAR, indicators=["core.quality"])

    places = paragraphs(document, "Места школ по показателям")
    assert places[0] == ("Во всех школах группы меньше 5 человек — показано только значение по муниципалитету: "
                         "71,0 %.")
    section = next(s for s in document.sections if s.heading == "Места школ по показателям")
    assert not [b for b in section.blocks if isinstance(b, Table)]  # no table of three «—*» without places


def test_an_indicator_withheld_in_every_school_leaves_the_groups_table_for_one_sentence(db, settings):
    # Quality: A 4 of 7, B 1 of 6, C 17 of 18, each withheld; together 22 of 31 (71,0 %) is shown. Success is
    # 100 % in every school (marks «5» and «3» only): shown, and the three schools make one group.
    unit = build_municipality(settings, {"a": {YEAR: (4, 7)}, "b": {YEAR: (1, 6)}, "c": {YEAR: (17, 18)}})

    document = build(unit, YEAR, indicators=["core.quality", "core.success"])

    # Not a column of «—*» in every group: the column leaves the table, and the sentence gives the municipality's.
    assert table_after(document, "Группы похожих школ") == [
        ["Группа 1 (3 шк.)", "Школа A; Школа B; Школа C", "100,0 %"]]
    assert paragraphs(document, "Группы похожих школ")[1] == (
        "Качество знаний: во всех школах группы меньше 5 человек — показано только значение по муниципалитету: "
        "71,0 %.")

"""Every report kind in a database without the shipped indicator catalogs (made without `vsoko init`, or a
school's test database): no kind fails with a traceback; the kinds built on catalogs give their document with
the parts they can fill and say in Russian, in the indicators' place, which catalog is missing and how to load it.

Two schools of «Округ» for 2024/2025, no catalog loaded: Школа А six pupils, four of them with «5» in
mathematics, and a ВПР of five results; Школа Б five pupils with «4».
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tests.accounts.personas import make_user
from tests.datavalues.records import Records, make_school
from tests.reports.readers import docx_paragraphs, docx_rows, html_text, xlsx_rows
from vsoko.accounts.enums import Role
from vsoko.datavalues.compute import recompute
from vsoko.indicators.catalogs import load_shipped_catalogs
from vsoko.indicators.models import Catalog
from vsoko.records import enums
from vsoko.records.models import OrgUnit
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.registry import REPORTS, ReportError, render

pytestmark = pytest.mark.django_db
YEAR = 2024
ROOT = Path(__file__).resolve().parents[2]
VSOKO = Path(sys.executable).parent / "vsoko"
CORE_MISSING = "каталог показателей «core» (базовые показатели) не загружен в базу. Выполните «vsoko init»"
ORDER_1324_MISSING = ("каталог показателей «order1324» (показатели самообследования, приложение 2 к приказу № 1324) "
                      "не загружен в базу. Выполните «vsoko init»")
SCHOOL_KINDS = [(kind, fmt) for kind in ReportKind for fmt in REPORTS[kind].formats
                if REPORTS[kind].unit == enums.OrgUnitKind.SCHOOL]


@pytest.fixture
def bare(db, settings):
    """The municipality; no catalog in the database."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    unit = OrgUnit.objects.create(code="mun", name="Округ", kind=enums.OrgUnitKind.MUNICIPALITY)
    for code, marks in (("a", "555533"), ("b", "44444")):
        b = Records(make_school(code, unit, name=f"Школа {code.upper()}"))
        pupils = []
        for n, mark in enumerate(marks):
            pupil = b.student(f"{code}{n}", "5А")
            b.marks(pupil, {"математика": mark})
            pupils.append(pupil)
        if code == "a":
            vpr = b.assessment(enums.AssessmentKind.VPR, "математика", 5, year=YEAR)
            for pupil, mark in zip(pupils, (5, 4, 4, 3, 2), strict=False):
                b.result(vpr, pupil, mark=mark)
        recompute(b.school, [YEAR])
    assert not Catalog.objects.exists()
    return unit


def school_a():
    return OrgUnit.objects.get(code="a")


@pytest.mark.parametrize(("kind", "fmt"), SCHOOL_KINDS)
def test_no_kind_fails_without_catalogs(bare, kind, fmt):
    """A document, or a Russian error of a kind that has nothing to show (no plan, no schedule of the year)."""
    try:
        data = render(kind, school_a(), YEAR, fmt)
    except ReportError as exc:
        assert kind in (ReportKind.PLAN, ReportKind.SCHEDULE)
        assert "на 2024/2025 учебный год нет" in str(exc)
    else:
        assert data


def test_the_public_report_keeps_its_other_parts_and_says_what_is_missing(bare):
    text, lang = html_text(render(ReportKind.PUBLIC, school_a(), YEAR, Format.HTML))

    assert lang == "ru"
    assert "Показатели качества образования Показатели качества образования не приведены: " + CORE_MISSING in text
    assert "Внутренняя система оценки качества образования" in text
    assert "План-график на этот учебный год ещё не утверждён." in text


def test_the_public_report_in_pdf_too(bare):
    from io import BytesIO

    from pypdf import PdfReader

    data = render(ReportKind.PUBLIC, school_a(), YEAR, Format.PDF)

    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(data)).pages)
    assert data.startswith(b"%PDF")
    assert "не загружен в базу" in text and "vsoko init" in text


def test_the_public_report_says_when_the_year_has_no_values(db, school):
    """The catalog is there, the year is, but no record of the school for it: the table reads «нет данных»,
    and the report says where the values come from."""
    load_shipped_catalogs()
    Records(school)._year(YEAR)

    text, _ = html_text(render(ReportKind.PUBLIC, school, YEAR, Format.HTML))

    assert ("За 2024/2025 учебный год значений показателей нет: загрузите данные школы за этот год (раздел «Данные» "
            "или «vsoko import») или введите значения на странице «Ввод значений».") in text


def test_the_analytic_report_says_what_is_missing_and_keeps_the_procedures(bare):
    data = render(ReportKind.ANALYTIC, school_a(), YEAR, Format.DOCX)

    paragraphs = docx_paragraphs(data)
    assert "Показатели" in paragraphs
    assert "Базовые показатели не приведены: " + CORE_MISSING + (
        " — команда загружает поставляемые каталоги показателей, данные школ не меняются; затем сформируйте отчёт "
        "снова.") in paragraphs
    # ВПР: 5 results, marks 5, 4, 4, 3, 2 — success 4 of 5, quality 3 of 5.
    assert ["математика, 5 класс", "5", "3,60", "80,0 %", "60,0 %", "—", "—", "—"] in [r[:8] for r in docx_rows(data)]
    assert "Выводов по показателям нет: показатели в справку не вошли (раздел «Показатели»)." in paragraphs


def test_the_self_examination_report_keeps_its_analytic_part(bare):
    docx = render(ReportKind.SELF_EXAM, school_a(), YEAR, Format.DOCX)
    xlsx = render(ReportKind.SELF_EXAM, school_a(), YEAR, Format.XLSX)

    paragraphs = docx_paragraphs(docx)
    assert "1. Оценка образовательной деятельности" in paragraphs
    assert any(p.startswith("Показатели деятельности не приведены: " + ORDER_1324_MISSING) for p in paragraphs)
    assert any(p.startswith("Сведения по данным школы из этого каталога не приведены: " + CORE_MISSING)
               for p in paragraphs)
    cells = [c for row in xlsx_rows(xlsx) for c in row if isinstance(c, str)]
    assert any(ORDER_1324_MISSING in c for c in cells)


@pytest.mark.parametrize("catalog", [None, "core"])
def test_the_municipal_report_keeps_the_parts_that_need_no_catalog(bare, catalog):
    data = render(ReportKind.MUNICIPAL, bare, YEAR, Format.DOCX, **({"catalog": catalog} if catalog else {}))

    paragraphs = docx_paragraphs(data)
    assert "Школ: 2. Показатели: каталог «core» не загружен." in paragraphs
    assert ("Показатели муниципалитета, места школ, группы похожих школ и школы, требующие внимания, не приведены: "
            + CORE_MISSING) in " ".join(paragraphs)
    for heading in ("Результаты ВПР, ОГЭ и ЕГЭ по школам", "Признаки необъективности результатов",
                    "Результаты в социальном контексте"):
        assert heading in paragraphs
    # Success 4 of 5 tells of the one «2», quality 3 of 5 of two pupils: withheld in a report that leaves the system.
    assert ["Школа A", "5", "3,60", "—*", "—*"] in docx_rows(data)


def test_the_municipal_report_in_excel_too(bare):
    rows = xlsx_rows(render(ReportKind.MUNICIPAL, bare, YEAR, Format.XLSX))

    assert any(CORE_MISSING in str(row[0]) for row in rows)
    assert ["Школа A", 5, 3.6, "—*", "—*"] in [row[:5] for row in rows]


@pytest.mark.parametrize(("options", "message"), [
    ({"catalog": "reg004"}, "Каталог «reg004» не найден. Коды каталогов: нет ни одного (загрузите каталоги)."),
    ({"indicators": ["core.quality"]}, "Показатели «core.quality» нельзя выбрать: каталог «core» не загружен — "
                                       "выполните «vsoko init»."),
])
def test_a_municipal_choice_that_needs_a_catalog_is_an_error(bare, options, message):
    with pytest.raises(ReportError) as raised:
        render(ReportKind.MUNICIPAL, bare, YEAR, Format.DOCX, **options)

    assert str(raised.value) == message


# --- the pages ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "fmt"), SCHOOL_KINDS)
def test_no_download_of_the_reports_page_fails_without_catalogs(bare, client, kind, fmt):
    client.force_login(make_user("deputy", role=Role.DEPUTY, org_unit=school_a()))

    response = client.get(f"/reports/{kind.value}.{fmt.value}", {"year": YEAR})

    if kind in (ReportKind.PLAN, ReportKind.SCHEDULE):
        assert response.status_code == 302  # back to the page, with the reason
    else:
        assert response.status_code == 200
        assert response.content


def test_the_public_report_page_says_what_is_missing(bare, client):
    client.force_login(make_user("deputy", role=Role.DEPUTY, org_unit=school_a()))

    response = client.get("/reports/public.html", {"year": YEAR})

    assert response.status_code == 200
    assert CORE_MISSING in html_text(response.content)[0]


def test_the_compare_page_says_the_catalogs_are_missing_and_the_report_is_made(bare, client):
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=bare))

    page = client.get(reverse("comparison:index"), {"year": YEAR})
    report = client.get(reverse("comparison:municipal_report", kwargs={"fmt": "docx"}), {"year": YEAR})

    assert page.status_code == 200
    assert "Каталоги показателей не загружены" in page.content.decode()
    assert report.status_code == 200
    assert "Результаты в социальном контексте" in docx_paragraphs(report.content)


# --- the command --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "name"), [
    ("public", "p.html"), ("public", "p.pdf"), ("analytic", "a.docx"), ("self-exam", "s.docx"),
    ("self-exam", "s.xlsx"), ("municipal", "m.docx"), ("municipal", "m.xlsx"),
])
def test_the_command_writes_the_report_without_catalogs(bare, tmp_path, kind, name):
    out = tmp_path / name
    school = ["--school", "mun" if kind == "municipal" else "a"]

    call_command("report", kind, "--year", "2024/2025", "--out", str(out), *school)

    assert out.stat().st_size > 0


def test_the_command_names_a_missing_plan_in_russian(bare, tmp_path):
    with pytest.raises(CommandError, match="Плана мониторинга на 2024/2025 учебный год нет"):
        call_command("report", "plan", "--year", "2024/2025", "--out", str(tmp_path / "x.docx"), "--school", "a")


@pytest.mark.slow
def test_no_traceback_from_the_command_in_a_database_without_catalogs(tmp_path):
    """`vsoko init`, then every catalog removed (as in a database made before the catalogs were shipped): each
    report of the catalogs is written, exit code 0, nothing on stderr but the «Записано» line."""
    env = {**os.environ, "VSOKO_DATA_DIR": str(tmp_path), "DATABASE_URL": ""}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    for args in (["init", "--school", "Школа"],
                 ["shell", "-c", "from vsoko.records.models import SchoolYear; SchoolYear.objects.create(start=2024); "
                                 "from vsoko.indicators.models import Catalog; Catalog.objects.all().delete()"]):
        run = subprocess.run([VSOKO, *args], env=env, capture_output=True, text=True, cwd=ROOT)
        assert run.returncode == 0, run.stderr

    for kind, name in (("public", "p.html"), ("analytic", "a.docx"), ("self-exam", "s.xlsx")):
        run = subprocess.run([VSOKO, "report", kind, "--year", "2024/2025", "--out", name], env=env,
                             capture_output=True, text=True, cwd=tmp_path)
        assert run.returncode == 0, run.stderr
        assert "Traceback" not in run.stderr
        assert run.stderr.startswith(f"Записано: {name}")
    assert "vsoko init" in html_text((tmp_path / "p.html").read_bytes())[0]

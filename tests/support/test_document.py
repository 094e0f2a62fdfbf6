"""The «Отчёт о работе с неуспевающими» as a kind of the one report registry: `vsoko report support` and the
«Отчёты» page give the whole school's report; it names pupils, so each export is audit-logged."""

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tests.accounts.personas import YEAR
from tests.libreoffice import as_text
from tests.reports.readers import docx_paragraphs, docx_rows
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.records.enums import Period
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.registry import REPORTS, ReportError, render
from vsoko.support.enums import MeasureKind
from vsoko.support.models import SupportCase, SupportMeasure

VSOKO = Path(sys.executable).parent / "vsoko"
TITLE = "Отчёт о работе с неуспевающими обучающимися за {} 2024/2025 учебного года"
YEAR_TITLE = "Отчёт о работе с неуспевающими обучающимися за 2024/2025 учебный год"  # not «за год 2024/2025 учебного года»


@pytest.fixture
def supported(world):
    kozlov = SupportCase.objects.create(school=world.school, year_id=YEAR, student=world.students["kozlov"],
                                        subject=world.subjects["math"], opened_period=Period.Q1,
                                        causes="Пробелы в знаниях", note="Семейные обстоятельства")
    SupportMeasure.objects.create(case=kozlov, kind=MeasureKind.LESSONS, responsible=world.staff["smirnova"],
                                  due=datetime.date(2024, 12, 20), note="По вторникам")
    return world


def names(rows: list[list[str]]) -> set[str]:
    return {cell.split()[0] for row in rows for cell in row[1:2] if cell.split()}


def test_the_kind_is_registered_as_a_word_file_with_a_period_and_personal_data():
    report = REPORTS[ReportKind.SUPPORT]

    assert (ReportKind.SUPPORT.value, report.formats, report.options, report.personal_data) == (
        "support", (Format.DOCX,), ("period",), True)
    assert "персональные данные обучающихся" in report.contents and "не для сайта" in report.contents


@pytest.mark.django_db
def test_the_command_writes_the_whole_schools_report_of_the_period_and_logs_the_export(supported, tmp_path):
    out = tmp_path / "неуспевающие.docx"

    call_command("report", "support", "--year", "2024/2025", "--period", "q1", "--school", "s1", "--out", str(out))

    data = out.read_bytes()
    rows = docx_rows(data)
    assert TITLE.format("1 четверть") in docx_paragraphs(data)
    assert "По вашим классам и предметам." not in docx_paragraphs(data)  # the whole school
    assert ["Обучающихся в группе риска по итогам периода", "5"] in rows
    assert names(rows) >= {"Козлов", "Лебедева", "Никитин", "Павлов", "Орлова"}
    assert any(row[:3] == ["5А", "Козлов Имя", "Математика"] and "дополнительные занятия — Смирнова Мария, "
               "до 20.12.2024" in row[5] for row in rows)
    text = str(rows) + str(docx_paragraphs(data))
    assert "Пробелы" not in text and "Семейные" not in text and "вторникам" not in text  # never the free texts
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.username, entry.object_type, entry.object_id, entry.school) == ("", "report", "support",
                                                                                  supported.school)
    assert entry.details == {"format": "docx", "учебный год": "2024/2025", "period": "q1",
                             "откуда": "команда vsoko report"}


@pytest.mark.django_db
def test_without_a_period_the_latest_period_with_marks(supported):
    data = render(ReportKind.SUPPORT, supported.school, YEAR, Format.DOCX)

    assert YEAR_TITLE in docx_paragraphs(data)  # the personas' world has year marks too


@pytest.mark.django_db
def test_the_registrys_report_is_the_deputys_page_report(client, supported):
    """Built without a user for the administration: the same rows as the deputy's button in the section."""
    client.force_login(supported.users["deputy"])
    from_page = client.get(reverse("support:index"), {"year": YEAR, "period": "q2", "format": "docx"}).content

    from_registry = render(ReportKind.SUPPORT, supported.school, YEAR, Format.DOCX, period=Period.Q2)

    assert docx_rows(from_registry) == docx_rows(from_page)
    assert docx_paragraphs(from_registry) == docx_paragraphs(from_page)


@pytest.mark.django_db
@pytest.mark.parametrize(("args", "message"), [
    (["--period", "q3"], r"Период «q3» \(3 четверть\): в школе «МБОУ «Школа №1»» нет отметок за него в 2024/2025 "
                         r"учебном году. Отметки есть за: 1 четверть \(q1\), 2 четверть \(q2\), год \(year\)."),
    (["--out", "x.xlsx"], r"выводится только в форматах \.docx"),
    (["--year", "2023/2024"], "За 2023/2024 учебный год в школе «МБОУ «Школа №1»» нет отметок за периоды"),
    (["--half", "1"], "--half задаётся только для графика оценочных процедур"),
])
def test_user_errors_are_russian_and_write_nothing(supported, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    given = dict(zip(args[::2], args[1::2], strict=True))
    argv = ["support", *args, *(a for k, v in {"--year": "2024/2025", "--out": "x.docx"}.items()
                                if k not in given for a in (k, v)), "--school", "s1"]

    with pytest.raises(CommandError, match=message):
        call_command("report", *argv)
    assert list(tmp_path.iterdir()) == []
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_the_period_is_an_option_of_this_kind_only(supported, tmp_path):
    with pytest.raises(CommandError, match="--period задаётся только для отчёта о работе с неуспевающими, не для "
                                           "«План-график мониторинга»"):
        call_command("report", "plan", "--year", "2024/2025", "--period", "q1", "--school", "s1",
                     "--out", str(tmp_path / "план.docx"))
    with pytest.raises(ReportError, match="нет отметок за него"):
        render(ReportKind.SUPPORT, supported.school, YEAR, Format.DOCX, period=Period.H1)


@pytest.mark.django_db
def test_the_reports_page_lists_the_kind_and_logs_the_download(client, supported):
    client.force_login(supported.users["director"])

    page = client.get(reverse("reports:index"), {"year": YEAR}).content.decode()
    response = client.get(reverse("reports:download", args=["support", "docx"]), {"year": YEAR})

    assert "Отчёт о работе с неуспевающими" in page and reverse("reports:download", args=["support", "docx"]) in page
    assert response.status_code == 200 and unquote(response["Content-Disposition"].split("''", 1)[1]) == (
        "Отчёт о работе с неуспевающими 2024-2025.docx")
    assert YEAR_TITLE in docx_paragraphs(response.content)
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.username, entry.object_type, entry.object_id, entry.details) == (
        "director", "report", "support", {"format": "docx", "учебный год": "2024/2025"})


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["class_teacher", "teacher", "mo_head", "observer"])
def test_the_reports_page_is_the_administrations(client, supported, persona):
    client.force_login(supported.users[persona])

    assert client.get(reverse("reports:download", args=["support", "docx"]), {"year": YEAR}).status_code == 403
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


# --- the command as a user runs it: exit codes, and the file in LibreOffice ---------------------------------------


PUPIL = """
from vsoko.records.models import *
from vsoko.records import enums
school = OrgUnit.objects.get(kind=enums.OrgUnitKind.SCHOOL)
year = SchoolYear.objects.create(start=2024)
math = Subject.objects.create(name="Математика")
pupil = Student.objects.create(school=school, student_id="X-1", last_name="Двойкин", first_name="Пётр")
five = SchoolClass.objects.create(school=school, year=year, name="5А", grade=5, letter="А")
Enrollment.objects.create(school=school, year=year, student=pupil, school_class=five)
PeriodMark.objects.create(school=school, year=year, period="q1", student=pupil, subject=math, mark="2")
"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    """A database of its own (`vsoko init`) with one pupil failing mathematics in the 1st quarter of 2024/2025."""
    folder = tmp_path_factory.mktemp("vsoko-support")
    env = {**os.environ, "VSOKO_DATA_DIR": str(folder), "DATABASE_URL": ""}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    for args in (["init", "--school", "Школа"], ["shell", "-c", PUPIL]):
        run = subprocess.run([VSOKO, *args], env=env, capture_output=True, text=True, cwd=folder)
        assert run.returncode == 0, run.stderr
    return folder, env


def vsoko(data_dir, *args):
    folder, env = data_dir
    return subprocess.run([VSOKO, "report", "support", *args], env=env, capture_output=True, text=True, cwd=folder)


@pytest.mark.slow
def test_exit_codes(data_dir):
    folder, _ = data_dir

    ok = vsoko(data_dir, "--year", "2024/2025", "--period", "q1", "--out", "ok.docx")
    assert ok.returncode == 0, ok.stderr
    assert "Записано: ok.docx («Отчёт о работе с неуспевающими», docx" in ok.stderr
    assert "Двойкин Пётр" in str(docx_rows((folder / "ok.docx").read_bytes()))

    no_marks = vsoko(data_dir, "--year", "2024/2025", "--period", "q2", "--out", "q2.docx")
    assert no_marks.returncode == 1
    assert "Отметки есть за: 1 четверть (q1)." in no_marks.stderr
    wrong_extension = vsoko(data_dir, "--year", "2024/2025", "--out", "s.pdf")
    assert wrong_extension.returncode == 1
    assert "выводится только в форматах .docx" in wrong_extension.stderr

    unknown_period = vsoko(data_dir, "--year", "2024/2025", "--period", "q5", "--out", "x.docx")
    assert unknown_period.returncode == 2
    missing_year = vsoko(data_dir, "--out", "x.docx")
    assert missing_year.returncode == 2
    assert sorted(p.name for p in folder.iterdir() if p.suffix == ".docx") == ["ok.docx"]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_file(data_dir, tmp_path):
    folder, _ = data_dir
    assert vsoko(data_dir, "--year", "2024/2025", "--out", str(tmp_path / "support.docx")).returncode == 0

    text = as_text(tmp_path / "support.docx")
    assert TITLE.format("1 четверть") in text and "Двойкин Пётр" in text

"""«Сводная аналитическая справка по результатам процедур» (vsoko.reports.council) on a small school, by hand.

2024/2025, spring ВПР:
    математика, 5 класс (15.04.2025), 5А: 6 enrolled on the day (a seventh left on 01.03.2025), 5 wrote, 1 absent
        marks 5 4 3 2 2, journal 5 4 4 3 2 → mean 16/5 = 3,20; «2» 2/5 = 40,0 %; «4» и «5» 40,0 %;
        confirmed 3/5 = 60,0 %, lowered 2/5 = 40,0 % (≥ 35 %: objectivity flag, medium), raised 0,0 %;
        task 1 (Б, 1 point): 1 1 0 0 0 → 40,0 % (not mastered), task 2 (П, 2 points): 2 1 1 0 0 → 40,0 % (mastered);
        risk: «2» 40 % > 25 % and 1 of 1 basic tasks not mastered.
    русский язык, 6 класс (17.04.2025), 6А: 5 enrolled, 5 wrote, marks 5 5 4 4 3 → 4,20; «2» 0,0 %; «4» и «5» 80,0 %.
    All: 10 wrote of 11; marks 2/3/4/5 = 2/2/3/3 → mean 37/10 = 3,70; «2» 20,0 %; «4» и «5» 60,0 %.
2024/2025, autumn ВПР: математика, 6 класс (01.10.2024), 6А: marks 3 3 3 3 3 — only in the whole year's справка.
2023/2024, spring ВПР: математика, 5 класс — marks 5 5 4 3 2 (mean 3,80, «4» и «5» 60,0 %): the same grade a year
before, 3,20 − 3,80 = −0,60, 40,0 − 60,0 = −20,0 п. п.; математика, 4 класс — 4 4 3 3 (3,50; 50,0 %): the same
cohort, −0,30 and −10,0 п. п.
"""

import datetime
import re
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.datavalues.records import Records
from tests.libreoffice import as_text
from tests.reports.readers import docx_paragraphs, docx_rows, row_of
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.datavalues.compute import recompute
from vsoko.records.enums import AssessmentKind, Difficulty
from vsoko.reports.council import build, document, summary
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.registry import ReportError, chosen_options, record_export, render
from vsoko.reports.writers import WRITERS
from vsoko.schedule.enums import Half

pytestmark = pytest.mark.django_db
YEAR = 2024
B, P = Difficulty.BASIC, Difficulty.ADVANCED


def dated(a, day: str):
    a.date = datetime.date.fromisoformat(day)
    a.save()
    return a


def write(b: Records, a, class_name: str, year: int, rows, prefix: str) -> None:
    """rows: (mark, journal, task points) for each pupil; mark None — absent."""
    for i, (mark, journal, tasks) in enumerate(rows):
        pupil = b.student(f"{prefix}{i}", class_name, year=year)
        if mark is None:
            b.result(a, pupil, absent=True)
        else:
            b.result(a, pupil, mark=mark, journal=journal, tasks=tasks)


@pytest.fixture
def council_school(school):
    b = Records(school)
    maths5 = dated(b.assessment(AssessmentKind.VPR, "Математика", 5, year=YEAR,
                                tasks=[("1", 1, B), ("2", 2, P)]), "2025-04-15")
    write(b, maths5, "5А", YEAR, [(5, 5, [1, 2]), (4, 4, [1, 1]), (3, 4, [0, 1]), (2, 3, [0, 0]), (2, 2, [0, 0]),
                                  (None, None, None)], "m5-")
    b.student("m5-left", "5А", year=YEAR, left_on=datetime.date(2025, 3, 1))
    russian6 = dated(b.assessment(AssessmentKind.VPR, "Русский язык", 6, year=YEAR), "2025-04-17")
    write(b, russian6, "6А", YEAR, [(5, None, None), (5, None, None), (4, None, None), (4, None, None),
                                    (3, None, None)], "r6-")
    autumn = dated(b.assessment(AssessmentKind.VPR, "Математика", 6, year=YEAR), "2024-10-01")
    for i in range(5):
        b.result(autumn, b.student(f"r6-{i}"), mark=3)
    before = dated(b.assessment(AssessmentKind.VPR, "Математика", 5, year=YEAR - 1), "2024-04-10")
    write(b, before, "5Б", YEAR - 1, [(m, None, None) for m in (5, 5, 4, 3, 2)], "old5-")
    cohort = dated(b.assessment(AssessmentKind.VPR, "Математика", 4, year=YEAR - 1), "2024-04-12")
    write(b, cohort, "4А", YEAR - 1, [(m, None, None) for m in (4, 4, 3, 3)], "old4-")
    recompute(school, [YEAR - 1, YEAR])
    return school


def spring(school) -> bytes:
    return render(ReportKind.PROCEDURES_SUMMARY, school, YEAR, Format.DOCX, procedure_kind="vpr", half=Half.SECOND)


def test_summary_table_by_hand(council_school):
    data = spring(council_school)
    paragraphs = docx_paragraphs(data)
    assert "Сводная аналитическая справка по результатам ВПР, весна 2024/2025 учебного года" in paragraphs
    rows = docx_rows(data)
    assert row_of(rows, "Математика, 5 класс")[2:] == [
        "5 из 6 (83,3 %)", "3,20", "40,0 %", "40,0 %", "60,0 % / 40,0 % / 0,0 %",
        "Отметки по журналу выше результатов работы (средний)"]
    assert row_of(rows, "Русский язык, 6 класс")[2:] == ["5 из 5 (100,0 %)", "4,20", "0,0 %", "80,0 %", "—", "нет"]
    assert row_of(rows, "Все процедуры")[2:7] == ["10 из 11", "3,70", "20,0 %", "60,0 %", "60,0 % / 40,0 % / 0,0 %"]
    assert not any(r[0] == "Математика, 6 класс" for r in rows)  # the autumn's


def test_dynamics_same_grade_and_cohort(council_school):
    rows = docx_rows(spring(council_school))
    dynamics = [r for r in rows if r[0] == "Математика, 5 класс" and len(r) == 7]
    assert dynamics == [["Математика, 5 класс", "3,20", "3,80 (−0,60)", "3,50 (−0,30)", "40,0 %",
                         "60,0 % (−20,0 п. п.)", "50,0 % (−10,0 п. п.)"]]
    assert any(r[0] == "Русский язык, 6 класс" and r[2:4] == ["—", "—"] for r in rows if len(r) == 7)


def test_weak_tasks_risk_recommendations_and_conclusions(council_school):
    data = spring(council_school)
    rows = docx_rows(data)
    assert ["5 класс", "1", "Б", "—", "40,0 %"] in rows  # task 2 (П, 40 %) is mastered: not listed
    assert not any(r[:2] == ["5 класс", "2"] for r in rows)
    risk = [r for r in rows if len(r) == 5 and r[1] == "Математика, 5 класс"]
    assert {r[2] for r in risk} == {"Высокая доля «2» на ВПР", "Не освоены задания базового уровня"}
    assert all(r[0] == "5А" for r in risk)
    recommendations = [r for r in rows if len(r) == 4 and r[0] == "Математика, 5 класс"]
    assert any(r[1] == "Методическому объединению" and "(1)" in r[2] and r[3] == "предложение системы"
               for r in recommendations)
    text = "\n".join(docx_paragraphs(data))
    assert "выполняли 10 человек из 11 обучающихся параллелей (90,9 %)" in text
    assert "средняя отметка — 3,70, «2» — 20,0 %, «4» и «5» — 60,0 %" in text
    assert "Выше всего доля «4» и «5» — русский язык, 6 класс (80,0 %), ниже всего — математика, 5 класс (40,0 %)" \
        in text
    assert "доля «4» и «5» выросла в 0, снизилась в 1 из 1 процедур" in text
    assert "Признаки необъективности — 1 из 2: математика, 5 класс." in text
    assert "В зоне риска классы: 5А." in text
    assert "Проект решения педагогического совета" in text
    assert "проверить объективность оценивания: математика, 5 класс." in text


def test_whole_year_has_the_autumn_too(council_school):
    s = summary(council_school, YEAR, AssessmentKind.VPR, None)
    assert [r.label for r in s.rows] == ["ВПР, математика, 5 класс", "ВПР, математика, 6 класс",
                                         "ВПР, русский язык, 6 класс"]
    assert document(s).title == "Сводная аналитическая справка по результатам ВПР, 2024/2025 учебный год"


def test_no_personal_data(council_school):
    text = "\n".join(docx_paragraphs(spring(council_school))) + str(docx_rows(spring(council_school)))
    assert "m5-" not in text and "Иван" not in text


def test_empty_period_is_a_clear_message(council_school):
    with pytest.raises(ReportError, match="нет процедур «ОГЭ» с результатами. Процедуры с результатами этого года: "
                                          "ВПР."):
        render(ReportKind.PROCEDURES_SUMMARY, council_school, YEAR, Format.DOCX, procedure_kind="oge")
    with pytest.raises(ReportError, match="за осень"):
        render(ReportKind.PROCEDURES_SUMMARY, council_school, YEAR - 1, Format.DOCX, procedure_kind="vpr",
               half=Half.FIRST)


def test_page_choices(council_school):
    assert chosen_options(ReportKind.PROCEDURES_SUMMARY, council_school, YEAR, {"half": "2"}) == {
        "procedure_kind": "vpr", "half": Half.SECOND}
    with pytest.raises(ReportError, match="можно выбрать: ВПР"):
        chosen_options(ReportKind.PROCEDURES_SUMMARY, council_school, YEAR, {"procedure_kind": "ege"})


def test_download_is_audited(council_school):
    record_export(ReportKind.PROCEDURES_SUMMARY, council_school, YEAR, Format.DOCX, procedure_kind="vpr",
                  half=Half.SECOND)
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_id="procedures-summary")
    assert entry.details["half"] == 2 and entry.details["procedure_kind"] == "vpr"


def test_queries_do_not_grow_with_procedures(council_school):
    with CaptureQueriesContext(connection) as two:
        build(council_school, YEAR, "vpr", Half.SECOND)
    b = Records(council_school)
    b._n = 100  # the fixture's procedures are a1…a5
    for grade in (7, 8):
        a = dated(b.assessment(AssessmentKind.VPR, "История", grade, year=YEAR, tasks=[("1", 1, B)]), "2025-04-20")
        write(b, a, f"{grade}А", YEAR, [(4, 4, [1]), (3, 3, [0])], f"h{grade}-")
    recompute(council_school, [YEAR])
    with CaptureQueriesContext(connection) as four:
        document_ = build(council_school, YEAR, "vpr", Half.SECOND)
    assert len(document_.tables[0].rows) == 5  # four procedures and the total
    assert len(four) <= len(two) + 1  # the risk flags of the new data generation may be read anew, once


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_it(council_school, tmp_path):
    path = tmp_path / "council.docx"
    path.write_bytes(WRITERS[Format.DOCX](build(council_school, YEAR, "vpr", Half.SECOND)))
    text = as_text(path)
    assert "Сводная аналитическая справка по результатам ВПР" in text
    assert "Проект решения педагогического совета" in text


def test_command_line(council_school, tmp_path):
    out = tmp_path / "педсовет.docx"
    call_command("report", "procedures-summary", "--year", "2024/2025", "--kind", "vpr", "--half", "2",
                 "--out", str(out))
    assert row_of(docx_rows(out.read_bytes()), "Все процедуры")[2] == "10 из 11"
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_id="procedures-summary")
    assert entry.details["откуда"] == "команда vsoko report"
    with pytest.raises(CommandError, match="нет процедур «ОГЭ»"):
        call_command("report", "procedures-summary", "--year", "2024/2025", "--kind", "oge", "--out", str(out))
    with pytest.raises(CommandError, match="--kind задаётся только для сводной справки"):
        call_command("report", "plan", "--year", "2024/2025", "--kind", "vpr", "--out", str(tmp_path / "p.docx"))


# --- on the site: the analysis world's school (tests/analysis/world.py), its ВПР of 5А and 5Б -----------------

@pytest.fixture
def aw(db, settings):
    from tests.analysis.world import build_analysis_world

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_analysis_world()


def test_the_assessments_page_links_the_summary_for_who_may_download_it(client, aw):
    from tests.analysis.world import NAMES

    client.force_login(aw.users["deputy"])
    page = client.get("/assessments/").content.decode()
    link = re.search(r'href="(/reports/procedures-summary\.docx\?[^"]*procedure_kind=vpr)"', page)
    assert link and "Сводная справка (Word)" in page
    response = client.get(link.group(1).replace("&amp;", "&"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = docx_rows(response.content)
    assert row_of(rows, "Русский язык, 5 класс")[3:6] == ["3,33", "33,3 %", "50,0 %"]  # as the index shows it
    text = str(rows) + "\n".join(docx_paragraphs(response.content))
    assert not any(name in text for name in NAMES.values())
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_id="procedures-summary")
    assert entry.user == aw.users["deputy"]
    reports = client.get("/reports/").content.decode()
    assert 'name="procedure_kind"' in reports and '<option value="2">весна (II полугодие)</option>' in reports
    assert '<option value="vpr">ВПР</option>' in reports

    for role in ("teacher", "observer"):
        client.force_login(aw.users[role])
        assert "procedures-summary" not in client.get("/assessments/").content.decode()
        assert client.get(link.group(1).replace("&amp;", "&")).status_code == 403


def test_ege_gives_test_scores_not_marks(school):
    """ЕГЭ, русский язык (11А), minimum 24: test scores 85, 81, 60, 20 → mean 246/4 = 61,50; below 1/4 = 25,0 %;
    81–100: 2/4 = 50,0 %."""
    b = Records(school)
    ege = dated(b.assessment(AssessmentKind.EGE, "Русский язык", 11, year=YEAR, min_score=24, max_score=50),
                "2025-05-30")
    for i, score in enumerate((85, 81, 60, 20)):
        b.result(ege, b.student(f"e{i}", "11А", year=YEAR), primary=score // 2, test=score)
    recompute(school, [YEAR])
    rows = docx_rows(render(ReportKind.PROCEDURES_SUMMARY, school, YEAR, Format.DOCX, procedure_kind="ege"))
    assert rows[0][3:6] == ["Средний тестовый балл", "Ниже минимального порога", "81–100 баллов"]
    assert row_of(rows, "Русский язык, 11 класс")[2:6] == ["4 из 4 (100,0 %)", "61,50", "25,0 %", "50,0 %"]

"""«Скачать в Excel»: the workbook opens with openpyxl, holds the page's figures, text never runs as a formula."""

import io
import shutil

import openpyxl
import pytest

from tests.accounts.personas import YEAR
from tests.libreoffice import as_csv_sheets
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.records.models import SchoolClass

pytestmark = pytest.mark.django_db


def workbook(client, user, url, params=None):
    client.force_login(user)
    response = client.get(url, {**(params or {}), "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def values(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_procedure_workbook_holds_marks_tasks_journal_and_a_chart(client, aw):
    book = workbook(client, aw.users["deputy"], f"/assessments/{aw.vpr.pk}/")
    marks = values(book["Отметки"])

    assert book.sheetnames[:5] == ["Отметки", "Классы", "Первичные баллы", "Задания", "Сравнение с журналом"]
    assert marks[2] == ["Отметка", "Участников", "%"]
    assert marks[3:] == [["«2»", 2, 33.3], ["«3»", 1, 16.7], ["«4»", 2, 33.3], ["«5»", 1, 16.7]]
    assert len(book["Отметки"]._charts) == 1
    tasks = values(book["Задания"])
    assert tasks[1][:6] == ["1", "Б", 2, "Орфография", 66.7, "освоено"]
    assert tasks[2][4:6] == [61.1, "освоено, пограничная зона"]
    assert tasks[1][6:10] == [25, 50, 100, 100]  # groups «2»…«5»
    assert values(book["Сравнение с журналом"])[1:] == [
        ["Понизили (отметка < отметки по журналу)", 4, 66.7], ["Подтвердили (отметка = отметке по журналу)", 1, 16.7],
        ["Повысили (отметка > отметки по журналу)", 1, 16.7], ["Всего", 6, 100]]
    assert [row[1].split()[0] for row in values(book["Ученики по группам"])[1:]][:4] == [
        "Гусева", "Воронин", "Дроздов", "Ершова"]


def test_shares_show_the_decimals_they_have_under_a_frozen_header_with_a_filter(client, aw):
    sheet = workbook(client, aw.users["deputy"], f"/assessments/{aw.vpr.pk}/")["Отметки"]

    # 2 of 6 = 33,3 %; a whole share (in «Сравнение с журналом»: «Всего», 100) is shown without decimals, as before
    assert [(c.value, c.number_format) for c in sheet[4]] == [("«2»", "General"), (2, "0"), (33.3, "0.0")]
    assert sheet["A1"].value == "ВПР, русский язык, 5 класс, 2024/2025; участников 6"  # the note, then the table
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("B4", "A3:C7")


def test_a_whole_share_is_shown_whole(client, aw):
    sheet = workbook(client, aw.users["deputy"], f"/assessments/{aw.vpr.pk}/")["Сравнение с журналом"]

    assert [(c.value, c.number_format) for c in sheet[5]] == [("Всего", "General"), (6, "0"), (100, "0")]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_procedure_workbook(client, aw, tmp_path):
    client.force_login(aw.users["deputy"])
    (tmp_path / "vpr.xlsx").write_bytes(client.get(f"/assessments/{aw.vpr.pk}/", {"format": "xlsx"}).content)

    sheets = as_csv_sheets(tmp_path / "vpr.xlsx")

    assert sheets["Отметки"][2:4] == ["Отметка,Участников,%", "«2»,2,33.3"]
    assert sheets["Сравнение с журналом"][-1] == "Всего,6,100"


def test_an_exam_without_marks_exports_no_marks_sheet_and_no_mark_groups(client, aw):
    # The demo's ЕГЭ workbook opened on «Отметки» with «2»…«5» of 0 and had four empty «группа «…», %» columns.
    from tests.analysis.world import procedure, result
    from vsoko.datavalues.compute import recompute
    from vsoko.records.enums import AssessmentKind, Difficulty

    ege = procedure(aw.world, "EGE-11-M", AssessmentKind.EGE, "Математика (профиль)", 11, max_score=3, min_score=1,
                    tasks=[("1", 1, Difficulty.BASIC, "Вычисления"), ("2", 2, Difficulty.ADVANCED, "Уравнение")])
    for key, points in (("e1", [1, 2]), ("e2", [1, 0]), ("e3", [0, 1]), ("e4", [1, 1])):
        result(ege, aw.students[key], primary=sum(points), test=30 * sum(points), tasks=points)
    recompute(aw.school, [YEAR])

    book = workbook(client, aw.users["deputy"], f"/assessments/{ege.pk}/")

    assert book.sheetnames[:3] == ["Классы", "Первичные баллы", "Задания"]
    assert values(book["Классы"])[0][0] == "ЕГЭ, Математика (профиль), 11 класс, 2024/2025; участников 4"
    tasks = values(book["Задания"])
    assert tasks[0] == ["Задание", "Уровень", "Макс. балл", "Проверяемое умение", "Выполнение, %", "Освоение", "11А, %"]
    assert tasks[1] == ["1", "Б", 1, "Вычисления", 75, "освоено", 75]


def test_text_that_looks_like_a_formula_stays_text(client, aw):
    book = workbook(client, aw.users["deputy"], f"/assessments/{aw.vpr.pk}/")
    cell = book["Задания"]["D4"]

    assert cell.value == "=Сочинение-рассуждение"
    assert cell.data_type == "s"


def test_the_export_is_audited(client, aw):
    workbook(client, aw.users["director"], f"/assessments/{aw.vpr.pk}/")

    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.object_type, entry.object_id, entry.school, entry.details) == (
        "analysis_assessment", str(aw.vpr.pk), aw.school, {"format": "xlsx"})


def test_the_observers_workbook_has_no_names_and_hides_small_groups(client, aw):
    book = workbook(client, aw.users["observer"], f"/assessments/{aw.vpr.pk}/")

    assert "Ученики по группам" not in book.sheetnames
    assert "Первичные баллы" not in book.sheetnames
    assert values(book["Отметки"])[3:] == [["«2»", "скрыто", "скрыто"], ["«3»", "скрыто", "скрыто"],
                                           ["«4»", "скрыто", "скрыто"], ["«5»", "скрыто", "скрыто"]]
    assert values(book["Классы"])[1][1] == "скрыто"



def test_the_observers_workbook_hides_the_shares_and_the_mean_that_give_hidden_marks_back(client, aw):
    """ВПР 5, marks 2/1/2/1 of 6, all hidden: успеваемость 66,7 % gave the «2» back (6 − 4), качество 50 % the «4» and
    «5» together, the mean 20/6 the rest (tests/analysis/world.py)."""
    observer = values(workbook(client, aw.users["observer"], f"/assessments/{aw.vpr.pk}/")["Классы"])
    director = values(workbook(client, aw.users["director"], f"/assessments/{aw.vpr.pk}/")["Классы"])
    headers = next(r for r in observer if r and r[0] == "Класс")
    total = next(r for r in observer if r and r[0] == "Всего")

    for name in ("Успеваемость, %", "Качество, %", "Средняя отметка"):
        assert total[headers.index(name)] == "скрыто", name
    assert next(r for r in director if r and r[0] == "Всего")[headers.index("Успеваемость, %")] == 66.7


@pytest.mark.parametrize("url, params", [
    ("/assessments/", {}), ("/assessments/grades/5/", {}), ("/assessments/dynamics/", {"kind": "vpr", "grade": 5}),
    ("/assessments/subjects/{subject}/", {}), ("/assessments/teachers/{teacher}/", {}),
])
def test_every_page_exports(client, aw, url, params):
    params = {**params, "subject": aw.vpr.subject_id} if "dynamics" in url else params
    url = url.format(subject=aw.vpr.subject_id, teacher=aw.world.staff["smirnova"].pk)

    book = workbook(client, aw.users["director"], url, params)

    assert book.sheetnames and all(book[name].max_row >= 1 for name in book.sheetnames)


def test_index_and_class_workbooks_hold_the_figures(client, aw):
    index = values(workbook(client, aw.users["director"], "/assessments/")[f"Процедуры {YEAR}-{YEAR + 1}"])
    row = next(r for r in index if r[1] == "ВПР, русский язык, 5 класс")
    klass = SchoolClass.objects.get(school=aw.school, year_id=YEAR, name="5Б")
    mine = values(workbook(client, aw.users["director"], f"/assessments/classes/{klass.pk}/")["Класс 5Б"])

    assert row[3:9] == [6, 1, 2, 1, 2, 1]  # participants, absent, «2»…«5»
    assert row[9] == 33.3
    assert mine[1][:6] == ["ВПР, русский язык, 5 класс", 3, 66.7, 33.3, 2.7, 46.7]


def test_the_observers_index_workbook_hides_small_groups(client, aw):
    index = values(workbook(client, aw.users["observer"], "/assessments/", {"school": "s1"})[
        f"Процедуры {YEAR}-{YEAR + 1}"])
    vpr = next(r for r in index if r[1] == "ВПР, русский язык, 5 класс")
    ege = next(r for r in index if r[1] == "ЕГЭ, Русский язык, 11 класс")

    assert vpr[3:9] == [6, "скрыто", "скрыто", "скрыто", "скрыто", "скрыто"]  # absent 1; marks 2/1/2/1
    assert set(ege[3:-1]) == {"скрыто"}  # 4 participants: the whole row (the last column: flags)

"""Third-party protocols as schools get them: the table moved down and right, a column deleted, a score
over the maximum, formulas never computed, people the school does not know, a web page called «.xls»."""

from __future__ import annotations

import datetime
import html
import logging
from decimal import Decimal

import openpyxl
import pytest

from tests.assessments.builders import (
    OGE_ROWS,
    RUS4_PARTICIPANTS,
    ege_rows,
    f1_rows,
    oge_rows,
    write_workbook,
)
from tests.assessments.test_views import deputy, upload, uploads_in_tmp  # noqa: F401 (fixtures)
from vsoko.assessments.models import ResultsUpload
from vsoko.imports.issues import ImportIssue
from vsoko.imports.service import import_package
from vsoko.records.models import Assessment, Result, TaskScore

pytestmark = pytest.mark.django_db

SHEET = "файл f1.xlsx, лист «Индивидуальные результаты»"


def shifted(rows: list[list[object]]) -> list[list[object]]:
    """Two empty rows on top and an empty first column, as after a careless copy."""
    return [[], [], *[[""] + list(r) for r in rows]]


def nothing_stored():
    assert (Assessment.objects.count(), Result.objects.count()) == (0, 0)


def test_f1_moved_down_and_right_imports_with_its_points(school, roster, tmp_path):
    path = write_workbook(tmp_path / "f1.xlsx", {"Индивидуальные результаты": shifted(f1_rows())})

    report = import_package(path, school=school)

    assert report.errors == []
    assert sorted(Result.objects.values_list("student__student_id", "primary_score", "mark", "journal_mark")) == [
        ("S01", Decimal(24), 5, 5), ("S02", Decimal(14), 3, 4), ("S03", Decimal(7), 2, 3), ("S04", Decimal(19), 4, None)]
    sidorov = dict(TaskScore.objects.filter(result__student__student_id="S03").values_list("task__task", "points"))
    assert (sidorov["1"], sidorov["5"], sidorov["11К2"], len(sidorov)) == (Decimal(1), Decimal(0), Decimal(0), 13)


def test_f1_moved_down_and_right_names_the_moved_cell_of_a_score_over_the_maximum(school, roster, tmp_path):
    rows = shifted(f1_rows())
    rows[10][1 + 7 + 1 + 2] = 3  # sheet row 11 (first participant), task 3 (max 2), now in column L

    report = import_package(write_workbook(tmp_path / "f1.xlsx", {"Индивидуальные результаты": rows}), school=school)

    assert report.errors == [ImportIssue("results", 11, "3 (2б) [L]", "3", "Балл за задание должен быть от 0 до 2.",
                                         SHEET)]
    nothing_stored()


def test_f1_with_a_task_column_deleted_is_refused(school, roster, tmp_path):
    rows = f1_rows()
    for row in rows[6:]:
        del row[7 + 1 + 2]  # task 3 (levels row, header and every participant)

    report = import_package(write_workbook(tmp_path / "f1.xlsx", {"Индивидуальные результаты": rows}), school=school)

    assert report.errors == [ImportIssue(
        "assessment_tasks", 8, "", "3",
        "В заголовке нет столбца задания 3: задания ВПР нумеруются подряд, а баллы за пропущенные не попали бы "
        "в загрузку. Верните столбец (выгрузите файл из ФИС ОКО заново).", SHEET)]
    nothing_stored()


def test_f1_with_formulas_never_computed_is_refused_naming_the_cells(school, roster, tmp_path):
    rows = f1_rows()
    rows[8][7 + 1] = "=2+2"  # task 1 of the first participant, column I
    rows[9][-3] = "=SUM(I10:U10)"  # primary score of the second, column V

    report = import_package(write_workbook(tmp_path / "f1.xlsx", {"Индивидуальные результаты": rows}), school=school)

    assert [e.message for e in report.errors] == [
        "Файл f1.xlsx, лист «Индивидуальные результаты», ячейки I9 (=2+2), V10 (=SUM(I10:U10)): Формула без "
        "вычисленного значения: файл сохранён программой, которая не вычисляет формулы. Откройте его в Excel или "
        "LibreOffice Calc и сохраните — значения будут вычислены; или замените формулы значениями (Копировать → "
        "Вставить значения)."]
    nothing_stored()


def test_f1_with_codes_only_and_a_code_nobody_has_is_refused(school, roster, tmp_path):
    path = write_workbook(tmp_path / "f1.xlsx", {"Индивидуальные результаты": f1_rows(with_names=False)[:9]})

    report = import_package(path, school=school)

    assert report.errors == [ImportIssue(
        "results", 9, "Код участника", "код участника 10001, 4А",
        "Код участника 10001 не сопоставлен с обучающимся: загрузите список кодов участников (код участника — ФИО — "
        "класс) или добавьте в файл столбец ФИО.", SHEET)]
    nothing_stored()


def test_rcoi_sheet_with_a_participant_the_school_does_not_have_is_refused(school, roster, tmp_path):
    rows = [list(r) for r in OGE_ROWS]
    rows[1][1:4] = ["Незнакомова", "Ольга", "Викторовна"]
    path = write_workbook(tmp_path / "ОГЭ 2026.xlsx", {"Лист1": oge_rows(rows)})

    report = import_package(path, school=school)

    assert report.errors == [ImportIssue(
        "results", 6, "Фамилия", "Незнакомова Ольга Викторовна, 9А",
        "Обучающийся не найден в классе 9А среди обучающихся школы.", "файл ОГЭ 2026.xlsx, лист «Лист1»")]
    nothing_stored()


def test_a_protocol_saved_as_a_web_page_called_xls_is_refused(school, roster, tmp_path):
    path = tmp_path / "ВПР 2026 Русский язык 4 класс.xls"
    path.write_bytes("<html><meta charset='utf-8'><table><tr><td>Код участника</td></tr></table>".encode())

    report = import_package(path, school=school)

    assert [e.message for e in report.errors] == [
        f"Файл «{path.name}» — веб-страница (HTML), а не книга Excel, хотя и называется так: так выгружают таблицы "
        "некоторые электронные журналы. Откройте его в Excel и сохраните как «Книга Excel (*.xlsx)» (Файл → "
        "Сохранить как)."]
    nothing_stored()


def test_no_pupil_name_reaches_the_log_when_a_protocol_is_refused(school, roster, tmp_path, caplog):
    rows = f1_rows()
    rows[8][7 + 1] = "=2+2"
    rows[10][7] = "Неизвестнова Алевтина"
    broken = write_workbook(tmp_path / "f1.xlsx", {"Индивидуальные результаты": rows})
    workbook = openpyxl.Workbook()
    workbook.active.append(["ФИО", "Балл"])
    workbook.active.append(["Иванов Иван Ильич", "много"])
    unknown = tmp_path / "список.xlsx"
    workbook.save(unknown)

    with caplog.at_level(logging.DEBUG):
        reports = [import_package(broken, school=school), import_package(unknown, school=school)]

    assert all(r.errors for r in reports)
    for name in ("Иванов", "Неизвестнова", "Петрова", "Сидоров", "Кузнецова"):
        assert name not in caplog.text


def test_the_import_page_shows_the_refusal_and_stores_nothing(client, deputy, school, roster, tmp_path):  # noqa: F811
    rows = f1_rows()
    rows[8][7 + 1] = "=2+2"
    path = write_workbook(tmp_path / "f1.xlsx", {"Индивидуальные результаты": rows})
    upload(client, path)
    item = ResultsUpload.objects.get()

    page = html.unescape(client.get(f"/assessments/import/{item.pk}/").content.decode())
    client.post(f"/assessments/import/{item.pk}/run/")

    assert "ячейки I9 (=2+2): Формула без вычисленного значения" in page
    nothing_stored()


def test_f1_typed_partly_in_the_english_layout_imports_every_pupil(school, roster, tmp_path):
    """«4A» and «Ивaнов» with Latin letters, a non-breaking space after the name, points kept as text, a sheet
    name with a trailing space: each is the pupil the deputy meant, so the protocol imports whole."""
    participants = [(code, class_name.replace("А", "A"), variant, name.replace("а", "a", 1) + "\u00a0",
                     [str(p) for p in points], str(primary), str(mark), journal)
                    for code, class_name, variant, name, points, primary, mark, journal in RUS4_PARTICIPANTS]
    path = write_workbook(tmp_path / "f1.xlsx", {"Индивидуальные результаты ": f1_rows(participants)})

    report = import_package(path, school=school)

    assert report.errors == []
    assert sorted(Result.objects.values_list("student__student_id", "primary_score", "mark")) == [
        ("S01", 24, 5), ("S02", 14, 3), ("S03", 7, 2), ("S04", 19, 4)]


def test_a_header_repeated_inside_a_protocol_is_skipped_and_said(school, roster, tmp_path):
    """Two pages of an ЕГЭ protocol pasted one under the other bring the header twice: it is no participant."""
    rows = ege_rows()
    rows.insert(4, list(rows[2]))  # between the two participants, row 5

    report = import_package(write_workbook(tmp_path / "ege.xlsx", {"Лист1": rows}), school=school)

    assert report.errors == []
    assert sorted(Result.objects.values_list("student__student_id", "test_score")) == [("S21", 82), ("S22", 22)]
    assert [str(c) for c in report.corrections] == [
        "Результаты участников (файл ege.xlsx, лист «Лист1»), строка 5: Строка повторяет заголовок таблицы — "
        "пропущена."]


def test_a_repeated_f1_header_is_skipped_too(school, roster, tmp_path):
    rows = f1_rows()
    rows.insert(9, list(rows[7]))  # the header (row 8) again after the first participant, as row 10

    report = import_package(write_workbook(tmp_path / "f1.xlsx", {"Индивидуальные результаты": rows}), school=school)

    assert report.errors == []
    assert Result.objects.count() == 4
    assert [c.row for c in report.corrections] == [10]


def test_the_review_page_says_the_repeated_header_was_skipped(client, deputy, school, roster, tmp_path):  # noqa: F811
    rows = ege_rows()
    rows.insert(4, list(rows[2]))
    upload(client, write_workbook(tmp_path / "ege.xlsx", {"Лист1": rows}))
    item = ResultsUpload.objects.get()

    page = html.unescape(client.get(f"/assessments/import/{item.pk}/").content.decode())

    assert "Всё готово к загрузке" in page
    assert "Прочитано иначе, чем написано в файле" in page
    assert "Строка повторяет заголовок таблицы — пропущена." in page


@pytest.mark.parametrize("date", [datetime.datetime(2026, 6, 2), "02.06.2026", "2026-06-02", "Дата экзамена: 2026-06-02"],
                         ids=["a date cell", "dd.mm.yyyy text", "iso text in the next cell", "iso text in the line"])
def test_the_exam_date_in_any_spelling_is_the_procedures_date(school, roster, tmp_path, date):
    """«2026-06-02» as the package accepts it: not silently lost, which left the procedure without a date."""
    rows = oge_rows()
    rows[1] = [date] if str(date).startswith("Дата") else ["Дата экзамена:", date]

    report = import_package(write_workbook(tmp_path / "oge.xlsx", {"Лист1": rows}), school=school)

    assert report.errors == []
    assert list(Assessment.objects.values_list("date", flat=True)) == [datetime.date(2026, 6, 2)]

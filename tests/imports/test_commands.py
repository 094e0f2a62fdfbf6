"""`vsoko import` and `vsoko template`: output in Russian and the exit codes of cli.md (0, 1, 2)."""

from __future__ import annotations

import openpyxl
import pytest

from tests.contracts.test_cli_contract import run
from tests.imports.conftest import PACKAGE, write_csv_folder
from vsoko.records.models import Student

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keep_test_connection(monkeypatch):
    """A command run from the command line closes every connection when done; the test's must stay open."""
    from django.core.management import base

    monkeypatch.setattr(base.connections, "close_all", lambda: None)


def test_import_prints_what_changed_and_exits_0(tmp_path, school, capsys):
    folder = write_csv_folder(tmp_path / "p", PACKAGE)

    code = run("import", str(folder))

    out = capsys.readouterr()
    assert code == 0
    assert "  Обучающиеся: добавлено 3, изменено 0, без изменений 0" in out.out.splitlines()
    assert "100% Готово" in out.err
    assert Student.objects.count() == 3


def test_import_with_errors_prints_them_all_writes_the_report_and_exits_1(tmp_path, school, capsys):
    package = dict(PACKAGE, marks=[PACKAGE["marks"][0], ["2024/2025", "1 четверть", "S9", "Математика", "6"]])
    folder = write_csv_folder(tmp_path / "p", package)
    report = tmp_path / "ошибки.xlsx"

    code = run("import", str(folder), "--report", str(report))

    err = capsys.readouterr().err
    assert code == 1
    assert "Отметки за периоды (файл marks.csv), строка 2, столбец «Отметка», значение «6»: Недопустимое значение." in err
    assert "Отметки за периоды (файл marks.csv), строка 2, столбец «Код обучающегося», значение «S9»" in err
    assert "Ошибок: 2. Ничего не загружено." in err
    rows = list(openpyxl.load_workbook(report).active.iter_rows(values_only=True))
    assert rows[0] == ("Таблица", "Файл или лист", "Строка", "Столбец", "Значение", "Ошибка")
    assert [r[:5] for r in rows[1:]] == [
        ("Отметки за периоды", "файл marks.csv", 2, "Отметка", "6"),
        ("Отметки за периоды", "файл marks.csv", 2, "Код обучающегося", "S9"),
    ]
    assert Student.objects.count() == 0


def test_import_report_as_csv(tmp_path, school, capsys):
    report = tmp_path / "errors.csv"

    code = run("import", str(tmp_path / "нет такого.xlsx"), "--report", str(report))

    assert code == 1
    assert report.read_text(encoding="utf-8-sig").splitlines()[1].endswith("не найдены.")


def test_import_unknown_school_exits_1(tmp_path, school, capsys):
    code = run("import", str(tmp_path), "--school", "nope")

    assert code == 1
    assert "Школа с кодом «nope» не найдена" in capsys.readouterr().err


def test_import_without_path_exits_2(capsys):
    assert run("import") == 2


def test_template_command(tmp_path, capsys):
    path = tmp_path / "шаблон.xlsx"

    assert run("template", "--out", str(path)) == 0
    assert openpyxl.load_workbook(path).sheetnames[0] == "Инструкция"
    assert run("template", "--out", str(tmp_path / "шаблон.csv")) == 1


def test_import_prints_what_it_read_otherwise_than_typed(tmp_path, school, capsys):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "students.csv").write_text("student_id;last_name\nS1;Иванoв\n", encoding="utf-8")

    code = run("import", str(folder))

    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert lines[-2:] == [
        "Прочитано иначе, чем написано в файле:",
        "  Обучающиеся (файл students.csv), строка 2, столбец «Фамилия», значение «Иванoв»: Латинские буквы, похожие "
        "на русские, прочитаны как русские: «Иванов».",
    ]

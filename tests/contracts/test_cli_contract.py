"""spec/cli.md, statement by statement, through the real `vsoko` entry point.

Exit codes: 0 success, 1 a user error with a Russian message saying what and where
(never a traceback), 2 bad arguments. Most tests run `vsoko.cli.main` in the test's
database; one runs the installed command on a fresh SQLite data folder end to end.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps

from tests.datavalues.records import Records
from tests.imports.conftest import PACKAGE, write_csv_folder
from vsoko.cli import main
from vsoko.datavalues.models import DataValue
from vsoko.imports.tables import TABLES
from vsoko.indicators.models import Catalog, Indicator
from vsoko.records.enums import OrgUnitKind
from vsoko.records.models import OrgUnit, Student

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
VSOKO = Path(sys.executable).parent / "vsoko"
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


@pytest.fixture(autouse=True)
def keep_test_connection(monkeypatch):
    """A command run from the command line closes every connection when done; the test's must stay open."""
    from django.core.management import base

    monkeypatch.setattr(base.connections, "close_all", lambda: None)


@pytest.fixture
def value_codes(db):
    """The indicator codes PACKAGE's `values` rows name (the whole shipped catalogs would cost seconds)."""
    catalog = Catalog.objects.create(code="contract-tests", name="Коды для тестов контракта")
    for code, unit in (("order1324.2.3", "bool"), ("order1324.2.1", "number"), ("core.quality", "percent")):
        Indicator.objects.create(catalog=catalog, code=code, name=code, unit=unit, method="entered")


def run(*args: str) -> int:
    try:
        main(list(args))
    except SystemExit as exit:
        return exit.code
    return 0


def stored_data() -> dict[str, list[dict]]:
    """Every record and data value, row by row: what «the database as after the first import» compares."""
    models = [*apps.get_app_config("records").get_models(), *apps.get_app_config("datavalues").get_models()]
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


# exit codes


def test_an_unknown_command_is_a_bad_argument(capsys):
    code = run("imprt", "пакет.xlsx")

    out = capsys.readouterr()
    assert code == 2
    assert out.out == ""
    assert "Неизвестная команда «imprt». Возможно, имелась в виду «import»." in out.err


@pytest.mark.parametrize("args", [
    ["init", "--schol", "Школа"],
    ["import"],
    ["import", "пакет.xlsx", "--bogus"],
    ["compute", "--year"],
    ["indicators"],
    ["indicators", "--year", "2024/2025", "--format", "pdf"],
    ["report", "analytic", "--year", "2024/2025"],
    ["report", "annual", "--year", "2024/2025", "--out", "a.docx"],
    ["report", "analytic", "--out", "a.docx"],
    ["demo", "--schools", "0"],
    ["demo", "--years", "два"],
    ["demo", "--seed", "x"],
    ["serve", "--port", "http"],
    ["serve", "--port", "99999"],
    ["backup"],
    ["restore"],
], ids=" ".join)
def test_bad_arguments_exit_2_and_change_nothing(args, capsys):
    assert run(*args) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert ": ошибка: " in out.err  # argparse's «error: … the following arguments are required» was English
    assert not OrgUnit.objects.exists()


@pytest.mark.parametrize(("args", "message"), [
    (["indicators"], "vsoko indicators: ошибка: не хватает обязательных аргументов: --year"),
    (["indicators", "--year", "2024/2025", "--format", "pdf"],
     "аргумент --format: недопустимое значение 'pdf' (можно: 'csv', 'json', 'table', 'xlsx')"),
    (["compute", "--bogus"], "vsoko compute: ошибка: неизвестные аргументы: --bogus"),
    (["compute", "--year"], "аргумент --year: после аргумента нужно значение"),
    (["demo", "--seed", "x"], "аргумент --seed: недопустимое значение 'x': нужно целое число"),
    (["demo", "--schools", "0"], "аргумент --schools: нужно целое число не меньше 1 (указано «0»)"),
    (["serve", "--port", "99999"], "аргумент --port: порт — целое число от 1 до 65535 (указано «99999»)"),
])
def test_bad_arguments_are_explained_in_russian(args, message, capsys):
    assert run(*args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.startswith("использование: vsoko ")


def test_argparse_speaks_english_again_after_the_command_line(capsys):
    run("indicators")

    assert argparse._("usage: ") == "usage: "  # call_command in the same process keeps argparse's own texts


@pytest.mark.parametrize(("args", "message"), [
    (["import", "{tmp}/нет такого.xlsx"], "Файл или папка «{tmp}/нет такого.xlsx» не найдены."),
    (["import", "{tmp}", "--school", "nope"], "Школа с кодом «nope» не найдена"),
    (["import", "{tmp}", "--report", "{tmp}/нет папки/ошибки.xlsx"], "Папка «{tmp}/нет папки» для списка ошибок"),
    (["import", "{tmp}", "--report", "{tmp}/ошибки.txt"], "Список ошибок записывается в файл .xlsx или .csv"),
    (["compute", "--year", "2024/2026"], "Учебный год «2024/2026» не распознан"),
    (["indicators", "--year", "двадцать четвёртый"], "не распознан"),
    (["indicators", "--year", "2024/2025", "--format", "json", "--out", "{tmp}/нет папки/v.json"],
     "Папка «{tmp}/нет папки» для файла"),
    (["report", "analytic", "--year", "2024/2025", "--out", "{tmp}/a.pdf"], "выводится только в форматах .docx"),
    (["report", "self-exam", "--year", "2024/2025", "--out", "{tmp}/s.html"], "форматах .docx, .xlsx"),
    (["report", "public", "--year", "2024/2025", "--out", "{tmp}/p.docx"], "форматах .html, .pdf"),
    (["template", "--out", "{tmp}/нет папки/шаблон.xlsx"], "Папка «{tmp}/нет папки» для файла"),
    (["restore", "{tmp}/copy.backup"], "Файл резервной копии не найден"),
    (["demo"], "--force"),  # DEBUG is off in tests: the demo users' passwords are their logins
])
def test_user_errors_exit_1_with_a_russian_message_and_no_traceback(school, tmp_path, capsys, args, message):
    code = run(*[a.format(tmp=tmp_path) for a in args])

    err = capsys.readouterr().err
    assert code == 1
    assert message.format(tmp=tmp_path) in err
    assert CYRILLIC.search(err.splitlines()[-1])
    assert "Traceback" not in err
    assert not Student.objects.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_backup_into_a_folder_that_cannot_be_made_is_a_user_error(tmp_path, capsys):
    (tmp_path / "файл").write_text("не папка")

    assert run("backup", str(tmp_path / "файл" / "copy.backup")) == 1
    assert "Не удалось записать резервную копию" in capsys.readouterr().err


# init


def test_init_creates_the_school_when_there_is_none_and_is_idempotent(capsys):
    assert run("init", "--school", "МБОУ СОШ № 7") == 0
    catalogs = sorted(Catalog.objects.values_list("code", flat=True))
    indicators = Indicator.objects.count()

    assert run("init", "--school", "Другое название") == 0
    assert run("init") == 0

    assert list(OrgUnit.objects.filter(kind=OrgUnitKind.SCHOOL).values_list("name", flat=True)) == ["МБОУ СОШ № 7"]
    assert {"core", "reg000", "reg004", "order1324"} <= set(catalogs)
    assert sorted(Catalog.objects.values_list("code", flat=True)) == catalogs
    assert Indicator.objects.count() == indicators
    assert "Создана школа: МБОУ СОШ № 7" in capsys.readouterr().out


def test_init_without_a_name_still_creates_a_school():
    assert run("init") == 0

    assert OrgUnit.objects.filter(kind=OrgUnitKind.SCHOOL).count() == 1


# import


def test_import_prints_per_table_what_was_added_and_a_second_import_changes_nothing(tmp_path, school, value_codes,
                                                                                      capsys):
    folder = write_csv_folder(tmp_path / "пакет", PACKAGE)

    assert run("import", str(folder)) == 0
    first = capsys.readouterr().out.splitlines()
    after_first = stored_data()
    assert run("import", str(folder)) == 0
    second = capsys.readouterr().out.splitlines()

    tables = len(PACKAGE)
    assert first[0] == f"Загружено в «{school.name}»:"
    assert first[1:1 + tables] == [f"  {TABLES[key].title}: добавлено {len(rows) - 1}, изменено 0, без изменений 0"
                                   for key, rows in PACKAGE.items()]
    assert second[1:1 + tables] == [f"  {TABLES[key].title}: добавлено 0, изменено 0, без изменений {len(rows) - 1}"
                                    for key, rows in PACKAGE.items()]
    # The hand package's questions q1, q2 are free codes (the spec allows them) that no indicator counts: said after.
    uncounted = " не известен продукту: ответы на него сохраняются, но ни в один показатель не входят."
    for lines in (first, second):
        assert lines[1 + tables:] == [
            "Загружено, но не учитывается в показателях:",
            f"  Вопрос «q1» анкеты «parents» (файл survey_responses.csv, строка 2){uncounted}",
            f"  Вопрос «q2» анкеты «parents» (файл survey_responses.csv, строка 3){uncounted}",
            f"  Вопрос «q1» анкеты «students» (файл survey_responses.csv, строка 4){uncounted}",
        ]
    assert stored_data() == after_first


def test_import_of_a_changed_row_says_changed(tmp_path, school, value_codes, capsys):
    run("import", str(write_csv_folder(tmp_path / "p1", PACKAGE)))
    pk = Student.objects.get(student_id="S2").pk
    renamed = {"students": [PACKAGE["students"][0], ["S1", "Иванов", "Иван", "Иванович", "01.02.2010", "М"],
                            ["S2", "Петрова-Сидорова", "Анна", "", "2009-03-15", "Ж"]]}
    capsys.readouterr()

    assert run("import", str(write_csv_folder(tmp_path / "p2", renamed))) == 0

    assert capsys.readouterr().out.splitlines()[1:] == ["  Обучающиеся: добавлено 0, изменено 1, без изменений 1"]
    assert Student.objects.get(student_id="S2").last_name == "Петрова-Сидорова"
    assert Student.objects.get(student_id="S2").pk == pk  # updated in place


def test_import_errors_are_all_printed_written_to_the_csv_report_and_nothing_is_stored(tmp_path, school, value_codes,
                                                                                       capsys):
    package = dict(PACKAGE, marks=[PACKAGE["marks"][0], ["2024/2025", "5 четверть", "S9", "Математика", "6"]],
                   students=[PACKAGE["students"][0], ["S1", "Иванов", "Иван", "", "31.02.2010", "Ж"]])
    report = tmp_path / "ошибки.csv"

    code = run("import", str(write_csv_folder(tmp_path / "p", package)), "--report", str(report))

    out = capsys.readouterr()
    assert code == 1
    assert "Загружено" not in out.out
    with report.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file, delimiter=";"))
    assert rows[0] == ["Таблица", "Файл или лист", "Строка", "Столбец", "Значение", "Ошибка"]
    places = [row[:5] for row in rows[1:]]
    assert ["Обучающиеся", "файл students.csv", "2", "Дата рождения", "31.02.2010"] in places
    assert ["Отметки за периоды", "файл marks.csv", "2", "Период", "5 четверть"] in places
    assert ["Отметки за периоды", "файл marks.csv", "2", "Отметка", "6"] in places
    assert ["Отметки за периоды", "файл marks.csv", "2", "Код обучающегося", "S9"] in places
    for row in rows[1:]:  # every error is on stderr too, as a sentence naming its place
        assert f"строка {row[2]}, столбец «{row[3]}», значение «{row[4]}»: {row[5]}" in out.err
    assert f"Ошибок: {len(rows) - 1}. Ничего не загружено." in out.err
    assert not Student.objects.exists()


def test_import_into_one_of_several_schools_needs_its_code(tmp_path, school, value_codes, capsys):
    other = OrgUnit.objects.create(code="school-2", name="СОШ № 2", kind=OrgUnitKind.SCHOOL, parent=school.parent)
    folder = write_csv_folder(tmp_path / "p", {"students": PACKAGE["students"]})

    assert run("import", str(folder)) == 1
    assert "укажите нужную через --school" in capsys.readouterr().err
    assert run("import", str(folder), "--school", "school-2") == 0

    assert set(Student.objects.values_list("school__code", flat=True)) == {other.code}


# compute


def test_compute_recomputes_the_given_year_or_every_year(school, capsys):
    records = Records(school, year=2023)
    records.marks(records.student("s1", "5А"), {"математика": "5"})
    records = Records(school, year=2024)
    records.marks(records.student("s1", "6А"), {"математика": "4"})

    assert run("compute", "--year", "2024/2025") == 0
    assert set(DataValue.objects.values_list("year_id", flat=True)) == {2024}
    assert run("compute") == 0
    assert set(DataValue.objects.values_list("year_id", flat=True)) == {2023, 2024}
    assert capsys.readouterr().out.startswith("Пересчитано значений данных:")


# indicators: the command line side (the output itself is spec/core-indicators.md)


def test_indicators_print_json_alone_on_stdout_and_write_files(school, tmp_path, capsys):
    Catalog.objects.create(code="core", name="Базовые показатели")

    assert run("indicators", "--year", "2024/2025", "--format", "json") == 0
    out = capsys.readouterr()
    assert isinstance(json.loads(out.out), list)  # warnings go to stderr, never into the JSON
    assert run("indicators", "--year", "2024/2025", "--format", "csv", "--out", str(tmp_path / "v.csv")) == 0

    assert (tmp_path / "v.csv").read_text(encoding="utf-8").startswith("code,name,year,org_unit,breakdown,")
    assert capsys.readouterr().out == ""


# serve


def test_serve_listens_on_the_given_port(monkeypatch, capsys):
    from vsoko.web.management.commands import serve

    calls = []
    monkeypatch.setattr(serve, "call_command", lambda name, *args, **kwargs: calls.append((name, args)))
    monkeypatch.setattr(serve, "freeze_loaded_code", lambda: None)

    assert run("serve", "--port", "8123", "--no-worker") == 0

    assert calls == [("migrate", ()), ("runserver", ("127.0.0.1:8123",))]
    assert "http://127.0.0.1:8123/" in capsys.readouterr().out


# the installed command on a fresh data folder


@pytest.mark.slow
def test_the_installed_command_on_a_fresh_sqlite_data_folder(tmp_path):
    data = tmp_path / "data"
    env = {**os.environ, "VSOKO_DATA_DIR": str(data), "DATABASE_URL": ""}
    env.pop("DJANGO_SETTINGS_MODULE", None)

    def vsoko(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([VSOKO, *args], env=env, capture_output=True, text=True, cwd=ROOT)

    folder = write_csv_folder(tmp_path / "пакет", PACKAGE)
    too_early = vsoko("import", str(folder))
    assert too_early.returncode == 1
    assert "выполните «vsoko init»" in too_early.stderr and "Traceback" not in too_early.stderr
    init = vsoko("init", "--school", "МБОУ СОШ № 1")
    assert init.returncode == 0, init.stderr
    assert (data / "vsoko.sqlite3").is_file()  # no DATABASE_URL: a SQLite file in VSOKO_DATA_DIR
    first = vsoko("import", str(folder))
    assert first.returncode == 0, first.stderr
    dump = vsoko("dumpdata", "records", "datavalues", "--indent", "0")
    assert json.loads(dump.stdout)  # the import computed the data values of its year
    again = vsoko("import", str(folder))
    assert again.returncode == 0, again.stderr
    assert "добавлено 0, изменено 0" in again.stdout and "изменено 1" not in again.stdout

    assert vsoko("dumpdata", "records", "datavalues", "--indent", "0").stdout == dump.stdout
    computed = vsoko("indicators", "--year", "2024/2025", "--format", "json")
    assert vsoko("compute").returncode == 0
    assert vsoko("indicators", "--year", "2024/2025", "--format", "json").stdout == computed.stdout
    assert vsoko("import", str(tmp_path / "нет")).returncode == 1
    assert vsoko("no-such-command").returncode == 2

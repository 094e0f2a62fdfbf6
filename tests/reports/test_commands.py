import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.reports.readers import docx_rows, html_text, row_of, xlsx_rows

ROOT = Path(__file__).resolve().parents[2]
VSOKO = Path(sys.executable).parent / "vsoko"


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "name"), [
    ("analytic", "analytic.docx"), ("self-exam", "self-exam.docx"), ("self-exam", "self-exam.XLSX"),
    ("public", "public.html"), ("public", "public.pdf"),
])
def test_every_kind_in_every_format_it_allows(known_school, tmp_path, kind, name):
    out = tmp_path / name

    call_command("report", kind, "--year", "2024/2025", "--out", str(out))

    data = out.read_bytes()
    if name.endswith(".pdf"):
        assert data.startswith(b"%PDF")
    elif name.endswith(".html"):
        assert html_text(data)[1] == "ru"
    elif name.lower().endswith(".xlsx"):
        assert row_of(xlsx_rows(data), "1.1")[3] == 7
    else:
        assert docx_rows(data)
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary file left behind


@pytest.mark.django_db
@pytest.mark.parametrize(("args", "message"), [
    (["public", "--out", "x.docx"], "выводится только в форматах .html, .pdf"),
    (["analytic", "--out", "x"], "нет расширения"),
    (["self-exam", "--out", "x.pdf"], "форматах .docx, .xlsx"),
    (["public", "--year", "2024/2026", "--out", "x.html"], "Учебный год «2024/2026» не распознан"),
    (["public", "--year", "1999", "--out", "x.html"], "Учебный год 1999/2000 не найден в базе"),
    (["public", "--school", "nope", "--out", "x.html"], "Школа с кодом «nope» не найдена"),
    (["public", "--out", "missing/x.html"], "не существует"),
])
def test_user_errors_are_russian_and_write_nothing(known_school, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    if "--year" not in args:
        args = [*args, "--year", "2024"]

    with pytest.raises(CommandError, match=message):
        call_command("report", *args)
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    """A database of its own, made by `vsoko init`, with one school year."""
    folder = tmp_path_factory.mktemp("vsoko-data")
    env = {**os.environ, "VSOKO_DATA_DIR": str(folder), "DATABASE_URL": ""}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    run = subprocess.run([VSOKO, "init", "--school", "Школа"], env=env, capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    run = subprocess.run([VSOKO, "shell", "-c", "from vsoko.records.models import SchoolYear; "
                          "SchoolYear.objects.create(start=2024)"], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return folder, env


def vsoko(data_dir, *args):
    folder, env = data_dir
    return subprocess.run([VSOKO, "report", *args], env=env, capture_output=True, text=True, cwd=folder)


@pytest.mark.slow
def test_exit_codes(data_dir):
    folder, _ = data_dir

    ok = vsoko(data_dir, "self-exam", "--year", "2024/2025", "--out", "s.xlsx")
    assert ok.returncode == 0, ok.stderr
    assert (folder / "s.xlsx").read_bytes()[:2] == b"PK"

    wrong_extension = vsoko(data_dir, "analytic", "--year", "2024/2025", "--out", "a.pdf")
    assert wrong_extension.returncode == 1
    assert "выводится только в форматах .docx" in wrong_extension.stderr

    unknown_year = vsoko(data_dir, "public", "--year", "2030/2031", "--out", "p.html")
    assert unknown_year.returncode == 1
    assert "Учебный год 2030/2031 не найден" in unknown_year.stderr

    unknown_kind = vsoko(data_dir, "annual", "--year", "2024/2025", "--out", "p.html")
    assert unknown_kind.returncode == 2
    missing_out = vsoko(data_dir, "public", "--year", "2024/2025")
    assert missing_out.returncode == 2
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(("vsoko", "."))) == ["s.xlsx"]

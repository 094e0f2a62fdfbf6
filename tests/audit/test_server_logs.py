"""The server's logs (`logging`: the console, a file nobody audits) never carry a pupil's name: not from the name
of an uploaded file, not from its rows, not from a failed import. Imports are run with every `vsoko` logger at
DEBUG and every record (its message and its traceback) is searched for the surname."""

from __future__ import annotations

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.imports.conftest import PACKAGE, write_xlsx
from vsoko.audit.models import AuditEntry
from vsoko.imports.enums import ImportStatus
from vsoko.imports.models import ImportRun
from vsoko.imports.service import import_package
from vsoko.imports.workbooks import OLE2_MAGIC

pytestmark = pytest.mark.django_db
SURNAME = "Сапожникова"  # in the files' names and in their rows
FORMATTER = logging.Formatter("%(name)s %(levelname)s %(message)s")


def logged(caplog) -> list[str]:
    return [FORMATTER.format(r) for r in caplog.records]


def named(lines: list[str]) -> list[str]:
    return [line for line in lines if SURNAME.lower() in line.lower()]


@pytest.fixture
def debug_logs(caplog):
    caplog.set_level(logging.DEBUG, logger="vsoko")
    caplog.set_level(logging.DEBUG)
    return caplog


def package_with_the_surname() -> dict:
    students = [row[:] for row in PACKAGE["students"]]
    students[1][1:3] = [SURNAME, "Дарья"]
    return {**{k: v for k, v in PACKAGE.items() if k != "values"}, "students": students}


def test_an_import_of_a_file_named_after_a_pupil_logs_no_name(debug_logs, tmp_path, world):
    good = write_xlsx(tmp_path / f"{SURNAME} Дарья — оценки.xlsx", package_with_the_surname())
    broken = tmp_path / f"{SURNAME} Дарья ОГЭ.xls"
    broken.write_bytes(OLE2_MAGIC + b"\x00" * 500)  # an Excel 97–2003 signature, nothing of a workbook inside
    table = tmp_path / f"{SURNAME} Дарья протокол.csv"
    table.write_text(f"ФИО;Балл\n{SURNAME} Дарья;12\n", encoding="utf-8")

    assert import_package(good, school=world.school).ok
    assert not import_package(broken, school=world.school).ok
    assert not import_package(table, school=world.school).ok

    assert debug_logs.records, "the formats' detection logs at DEBUG: the test must see it"
    assert named(logged(debug_logs)) == []


def test_uploads_through_the_pages_log_no_name(debug_logs, client, world, settings, tmp_path):
    """A package confirmed and imported by the task worker, a broken file on the import page and on the protocols'
    page — each named after the pupil."""
    settings.UPLOAD_DIR = tmp_path / "uploads"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    client.force_login(world.users["deputy"])
    good = write_xlsx(tmp_path / "package.xlsx", package_with_the_surname()).read_bytes()
    checked = client.post(reverse("imports:upload"), {
        "school": world.school.pk, "file": SimpleUploadedFile(f"{SURNAME} Дарья — пакет.xlsx", good)})
    client.post(reverse("imports:confirm", args=[ImportRun.objects.get().token]))
    assert checked.status_code == 302
    name = f"{SURNAME} Дарья протокол.xls"
    for url in (reverse("imports:upload"), reverse("assessments:import_start")):
        client.post(url, {"school": world.school.pk, "year": 2024,
                          "file": SimpleUploadedFile(name, OLE2_MAGIC + b"\x00" * 500)})

    assert ImportRun.objects.get(file_name=f"{SURNAME} Дарья — пакет.xlsx").status == ImportStatus.DONE

    assert debug_logs.records, "the formats' detection logs at DEBUG: the test must see it"
    assert named(logged(debug_logs)) == []
    # Nor the file system (the uploads are kept under their tokens) nor the audit journal (it names the upload).
    assert named([str(p.relative_to(tmp_path)) for p in (tmp_path / "uploads").rglob("*")]) == []
    assert named([str(e.details) for e in AuditEntry.objects.all()]) == []

"""A package uploaded on «Данные» is kept on disk under a neutral name (the run's token and the file's extension),
not under the name the user gave it, which may name a pupil («Иванов_Пётр_8Б.xlsx»). The name stays in the run's
row: the import history and the error messages quote it, and a CSV file is still read by its name («students.csv»).
The audit journal describes the upload without its name."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.accounts.personas import make_user
from tests.imports.conftest import PACKAGE, write_xlsx
from vsoko.accounts.enums import Role
from vsoko.audit.models import AuditEntry
from vsoko.imports.enums import ImportStatus
from vsoko.imports.models import ImportRun

pytestmark = pytest.mark.django_db
PUPIL = "Иванов_Пётр_8Б.xlsx"


@pytest.fixture(autouse=True)
def background(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.UPLOAD_DIR = tmp_path / "uploads"


@pytest.fixture
def deputy(client, school):
    user = make_user("deputy", role=Role.DEPUTY, org_unit=school)
    client.force_login(user)
    return user


def send(client, school, name: str, data: bytes) -> ImportRun:
    client.post(
        reverse("imports:upload"), {"school": school.pk, "file": SimpleUploadedFile(name, data)}
    )
    return ImportRun.objects.get()


def test_a_package_named_after_a_pupil_is_stored_under_the_token(
    client, deputy, school, tmp_path, settings
):
    run = send(client, school, PUPIL, write_xlsx(tmp_path / "p.xlsx", PACKAGE).read_bytes())
    stored = Path(run.stored_path)
    client.post(reverse("imports:confirm", args=[run.token]))
    run.refresh_from_db()

    assert stored.name == f"{run.token.hex}.xlsx"
    assert [p for p in Path(settings.UPLOAD_DIR).rglob("*") if "Иванов" in p.name] == []
    assert (run.status, run.file_name) == (ImportStatus.DONE, PUPIL)
    assert PUPIL in client.get(reverse("imports:index")).text
    entry = AuditEntry.objects.get(object_type="import")
    assert (
        entry.details["upload"]
        == f"Пакет данных ВСОКО (XLSX, XLS, ODS, CSV, ZIP с CSV), загрузка №{run.pk}"
    )
    assert "Иванов" not in str(entry.details)


def test_the_errors_quote_the_name_the_user_gave(client, deputy, school):
    run = send(client, school, "Иванов.xlsx", b"plain text")

    assert run.status == ImportStatus.INVALID
    assert [e["message"] for e in run.errors] == [
        "Файл «Иванов.xlsx» не является книгой Excel: откройте его в Excel и сохраните как «Книга Excel (*.xlsx)» "
        "(Файл → Сохранить как)."
    ]


def test_a_csv_file_is_still_read_as_the_table_it_is_named_after(client, deputy, school):
    rows = "\n".join(",".join(map(str, row)) for row in PACKAGE["students"])
    run = send(client, school, "students.csv", rows.encode())

    assert Path(run.stored_path).name == f"{run.token.hex}.csv"
    assert (run.status, run.counts["students"]["added"]) == (
        ImportStatus.CHECKED,
        len(PACKAGE["students"]) - 1,
    )

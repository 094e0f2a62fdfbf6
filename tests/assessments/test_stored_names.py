"""A protocol uploaded on the import page is kept on disk under a neutral name (its folder's token and its
extension): a file named after a pupil puts no name into the file system. The name the user gave it stays in the
upload's row — the import history and the readers' messages quote it, and a file name that says the procedure
(«ОГЭ_математика.xlsx») still says it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.assessments.builders import oge_rows, write_f1, write_workbook
from vsoko.accounts.enums import Role
from vsoko.accounts.models import Membership
from vsoko.assessments import uploads
from vsoko.assessments.models import ResultsUpload
from vsoko.audit.models import AuditEntry
from vsoko.imports.models import ImportRun
from vsoko.records.enums import AssessmentKind

pytestmark = pytest.mark.django_db
PUPIL = "Иванов_Пётр_4А_ВПР.xlsx"


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"


@pytest.fixture
def deputy(client, school):
    user = get_user_model().objects.create_user("deputy", password="x" * 12)
    Membership.objects.create(user=user, role=Role.DEPUTY, org_unit=school)
    client.force_login(user)
    return user


def stored_names(settings) -> list[str]:
    return [p.name for p in Path(settings.UPLOAD_DIR).rglob("*")]


def test_a_protocol_named_after_a_pupil_is_stored_under_its_token(
    client, deputy, school, roster, tmp_path, settings
):
    data = write_f1(tmp_path / "f1.xlsx").read_bytes()
    client.post("/assessments/import/", {"file": SimpleUploadedFile(PUPIL, data)})
    item = ResultsUpload.objects.get()
    client.post(f"/assessments/import/{item.pk}/run/")

    path = Path(item.path)
    assert (path.name, path.parent.name) == (f"{path.parent.name}.xlsx", path.parent.name)
    assert [n for n in stored_names(settings) if "Иванов" in n] == []
    assert item.original_name == PUPIL
    assert (
        ImportRun.objects.get().file_name == PUPIL
    )  # the import history shows the name the user knows
    assert [e.details for e in AuditEntry.objects.all() if "Иванов" in str(e.details)] == []
    assert AuditEntry.objects.get(object_type="import").details["upload"] == (
        f"ВПР: «Индивидуальные результаты» (Ф1) из ФИС ОКО, загрузка №{ImportRun.objects.get().pk}"
    )


def test_the_readers_quote_the_name_the_user_gave(school, tmp_path):
    item = uploads.store_upload(school=school, user=None, name="Иванов.xlsx", chunks=[b""])

    review = uploads.review_upload(item)

    assert [e.message for e in review.report.errors] == [
        "Файл «Иванов.xlsx» пуст (0 байт): вероятно, он не сохранился или загрузка прервалась. "
        "Сохраните файл заново и загрузите ещё раз."
    ]


def test_a_procedure_named_only_by_the_file_name_is_still_recognised(school, roster, tmp_path):
    rows = oge_rows(title="Ведомость", date="")
    data = write_workbook(tmp_path / "any.xlsx", {"Лист1": rows}).read_bytes()
    item = uploads.store_upload(
        school=school, user=None, name="ОГЭ_математика_02.06.2026.xlsx", chunks=[data]
    )

    review = uploads.review_upload(item, preview=False)

    assert [(a.kind, a.year) for a in review.assessments] == [(AssessmentKind.OGE, 2025)]

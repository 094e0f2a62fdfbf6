"""The «Данные» pages: upload → preview → confirm → background import → status, and who may use them."""

from __future__ import annotations

import json

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.accounts.personas import make_user
from tests.imports.conftest import PACKAGE, write_xlsx
from vsoko.accounts.enums import Role
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.imports.enums import ImportStatus
from vsoko.imports.models import ImportRun
from vsoko.imports.runs import RunProgress
from vsoko.imports.service import import_package
from vsoko.records.models import PeriodMark, Student
from vsoko.records.schools import ensure_school

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def background(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.UPLOAD_DIR = tmp_path / "uploads"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def deputy(client, school):
    user = make_user("deputy", role=Role.DEPUTY, org_unit=school, first_name="Мария", last_name="Завуч")
    client.force_login(user)
    return user


def package_file(tmp_path, package=PACKAGE, name="пакет.xlsx") -> SimpleUploadedFile:
    path = write_xlsx(tmp_path / "source.xlsx", package)
    return SimpleUploadedFile(name, path.read_bytes())


def test_upload_preview_confirm_and_status(client, deputy, school, tmp_path, settings):
    page = client.get(reverse("imports:index"))
    assert page.status_code == 200
    assert "Загрузить пакет" in page.text
    assert reverse("imports:template") in page.text

    uploaded = client.post(reverse("imports:upload"), {"file": package_file(tmp_path), "school": school.pk})

    run = ImportRun.objects.get()
    assert uploaded.status_code == 302
    assert uploaded.url == reverse("imports:run", args=[run.token])
    assert "пакет" not in uploaded.url
    assert run.status == ImportStatus.CHECKED
    assert run.stored_path.startswith(str(settings.UPLOAD_DIR / run.token.hex))
    assert Student.objects.count() == 0  # the preview writes nothing

    preview = client.get(uploaded.url)
    assert "Будет добавлено" in preview.text
    assert "<th scope=\"row\">Отметки за периоды</th>\n        <td class=\"num\">5</td>" in preview.text
    assert reverse("imports:confirm", args=[run.token]) in preview.text

    confirmed = client.post(reverse("imports:confirm", args=[run.token]))

    run.refresh_from_db()
    assert confirmed.url == uploaded.url
    assert run.status == ImportStatus.DONE
    assert run.user == deputy
    assert PeriodMark.objects.filter(school=school).count() == 5
    assert not (settings.UPLOAD_DIR / run.token.hex / "пакет.xlsx").exists()  # personal data not kept
    state = client.get(reverse("imports:progress", args=[run.token])).json()
    assert (state["status"], state["finished"], state["percent"]) == ("done", True, 100)
    done = client.get(uploaded.url)
    assert "Данные загружены" in done.text
    assert "2024/2025" in done.text
    history = client.get(reverse("imports:index"))
    assert "пакет.xlsx" in history.text
    assert "загружен" in history.text


def test_upload_with_errors_lists_them_and_offers_the_workbook(client, deputy, school, tmp_path):
    package = dict(PACKAGE, marks=[PACKAGE["marks"][0], ["2024/2025", "1 четверть", "S9", "Математика", "6"]])

    response = client.post(reverse("imports:upload"), {"file": package_file(tmp_path, package), "school": school.pk},
                           follow=True)

    run = ImportRun.objects.get()
    assert run.status == ImportStatus.INVALID
    assert run.error_count == 2
    assert "Найдено ошибок: 2. Ничего не загружено" in response.text
    # When the file came, not «Загружен» above «Ничего не загружено».
    assert "<dt>Файл получен</dt>" in response.text and "<dt>Загружен</dt>" not in response.text
    assert ">есть ошибки: 2</span>" in response.text and "ош.<" not in response.text  # was «есть ошибки: 2 ош.»
    assert "Недопустимое значение. Допустимые: 5, 4, 3, 2, 1, зачет, незачет, осв, н/а." in response.text
    workbook = client.get(reverse("imports:errors", args=[run.token]))
    assert workbook["Content-Disposition"].startswith("attachment")
    rows = list(openpyxl.load_workbook(_bytes_io(workbook)).active.iter_rows(values_only=True))
    assert [r[2:5] for r in rows[1:]] == [(2, "Отметка", "6"), (2, "Код обучающегося", "S9")]

    client.post(reverse("imports:confirm", args=[run.token]))

    run.refresh_from_db()
    assert run.status == ImportStatus.INVALID
    assert Student.objects.count() == 0


def test_confirming_twice_imports_once(client, deputy, school, tmp_path):
    client.post(reverse("imports:upload"), {"file": package_file(tmp_path), "school": school.pk})
    run = ImportRun.objects.get()

    client.post(reverse("imports:confirm", args=[run.token]))
    client.post(reverse("imports:confirm", args=[run.token]))

    assert ImportRun.objects.get().status == ImportStatus.DONE
    assert Student.objects.count() == 3


def test_upload_of_a_wrong_file_type(client, deputy, school):
    response = client.post(reverse("imports:upload"), {"file": SimpleUploadedFile("notes.docx", b"x"),
                                                       "school": school.pk})

    assert response.status_code == 400
    assert "Загрузите файл .xlsx, .xls, .ods, .zip или .csv." in response.text
    assert ImportRun.objects.count() == 0


def test_upload_over_the_size_limit(client, deputy, school, settings):
    settings.VSOKO_MAX_UPLOAD_MB = 0

    response = client.post(reverse("imports:upload"), {"file": SimpleUploadedFile("students.csv", b"student_id\nS1\n"),
                                                       "school": school.pk})

    assert response.status_code == 400
    assert "Файл больше 0 МБ — это предел загрузки." in response.text


def test_template_download(client, deputy):
    response = client.get(reverse("imports:template"))

    assert response.status_code == 200
    workbook = openpyxl.load_workbook(_bytes_io(response))
    assert workbook.sheetnames[:2] == ["Инструкция", "Обучающиеся"]


def test_progress_while_the_import_writes_comes_from_the_progress_file(client, deputy, school):
    run = ImportRun.objects.create(school=school, user=deputy, file_name="p.xlsx", status=ImportStatus.RUNNING)
    RunProgress(run)(640, 1000, "Отметки за периоды")

    state = client.get(reverse("imports:progress", args=[run.token])).json()
    page = client.get(reverse("imports:run", args=[run.token]))

    assert state == {"status": "running", "status_label": "загружается", "finished": False, "done": 640,
                     "total": 1000, "percent": 64, "stage": "Отметки за периоды", "error_count": 0}
    assert 'src="/static/imports/progress.js"' in page.text
    assert 'data-progress-url="' + reverse("imports:progress", args=[run.token]) in page.text


def test_roles_without_data_management_are_refused(client, school):
    client.force_login(make_user("teacher", role=Role.TEACHER, org_unit=school))

    assert client.get(reverse("imports:index")).status_code == 403
    assert client.get(reverse("imports:template")).status_code == 403


def test_another_schools_run_is_not_found(client, school):
    run = ImportRun.objects.create(school=school, file_name="p.xlsx", status=ImportStatus.DONE)
    other = ensure_school(name="Школа №2", code="school-2")
    client.force_login(make_user("other", role=Role.DIRECTOR, org_unit=other))

    assert client.get(reverse("imports:run", args=[run.token])).status_code == 404
    assert client.get(reverse("imports:progress", args=[run.token])).status_code == 404


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(reverse("imports:index"))

    assert response.status_code == 302
    assert response.url.startswith("/login/")


def _bytes_io(response):
    from io import BytesIO

    return BytesIO(b"".join(response.streaming_content))


def test_progress_json_is_json(client, deputy, school):
    run = ImportRun.objects.create(school=school, file_name="p.xlsx", status=ImportStatus.QUEUED)

    response = client.get(reverse("imports:progress", args=[run.token]))

    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["stage"] == "В очереди"


def test_stale_unconfirmed_uploads_are_discarded(client, deputy, school, tmp_path):
    import datetime

    from django.utils import timezone

    from vsoko.imports.runs import discard_stale_uploads

    client.post(reverse("imports:upload"), {"file": package_file(tmp_path), "school": school.pk})
    run = ImportRun.objects.get()
    ImportRun.objects.filter(pk=run.pk).update(created=timezone.now() - datetime.timedelta(days=2))

    assert discard_stale_uploads() == 1
    client.post(reverse("imports:confirm", args=[run.token]))

    run.refresh_from_db()
    assert run.stored_path == ""
    assert run.status == ImportStatus.INVALID
    assert run.errors[0]["message"].startswith("Загруженный файл больше не хранится")
    assert Student.objects.count() == 0


def test_an_import_from_the_command_line_is_listed_as_such(client, deputy, school, tmp_path):
    # `vsoko import` and the demo record runs without a user: the pages must still open.
    path = write_xlsx(tmp_path / "пакет.xlsx", PACKAGE)
    assert import_package(path, school=school).ok
    run = ImportRun.objects.get()

    listing = client.get(reverse("imports:index"))
    page = client.get(reverse("imports:run", args=[run.token]))

    assert listing.status_code == page.status_code == 200
    assert "командная строка" in listing.content.decode()
    assert "<dd>командная строка</dd>" in page.content.decode()


def _invalid_run(client, tmp_path, school, name="пакет.xlsx") -> ImportRun:
    """A package whose marks name a pupil code S-909 that is nowhere in it: two errors quoting the file's rows.
    (The code has a hyphen, which no CSRF token holds: a page must not show it by chance.)"""
    package = dict(PACKAGE, marks=[PACKAGE["marks"][0], ["2024/2025", "1 четверть", "S-909", "Математика", "6"]])
    client.post(reverse("imports:upload"), {"file": package_file(tmp_path, package, name), "school": school.pk})
    return ImportRun.objects.get()


def test_the_errors_page_and_workbook_are_audited_as_views_of_the_files_rows(client, deputy, school, tmp_path):
    run = _invalid_run(client, tmp_path, school)

    client.get(reverse("imports:run", args=[run.token]))
    client.get(reverse("imports:errors", args=[run.token]))
    client.get(reverse("imports:progress", args=[run.token]))  # figures only: no entry

    entries = AuditEntry.objects.filter(object_type="import_errors").order_by("pk")
    assert [(e.action, e.object_id, e.school, e.username, e.details) for e in entries] == [
        (AuditAction.VIEW_LIST, str(run.token), school, "deputy", {"rows": 2}),
        (AuditAction.EXPORT, str(run.token), school, "deputy", {"rows": 2}),
    ]


def test_a_run_without_errors_leaves_no_errors_entry(client, deputy, school, tmp_path):
    client.post(reverse("imports:upload"), {"file": package_file(tmp_path), "school": school.pk})

    client.get(reverse("imports:run", args=[ImportRun.objects.get().token]))

    assert not AuditEntry.objects.filter(object_type="import_errors").exists()


def test_only_the_uploader_the_administrator_and_the_deputy_read_the_errors(client, deputy, school, tmp_path):
    run = _invalid_run(client, tmp_path, school)
    director = make_user("director", role=Role.DIRECTOR, org_unit=school)
    admin = make_user("admin", role=Role.ADMIN, org_unit=school)
    other_deputy = make_user("deputy-2", role=Role.DEPUTY, org_unit=school)

    client.force_login(director)
    page = client.get(reverse("imports:run", args=[run.token]))
    refused = client.get(reverse("imports:errors", args=[run.token]))

    assert page.status_code == 200 and "Найдено ошибок: 2. Ничего не загружено" in page.text
    assert "S-909" not in page.text and reverse("imports:errors", args=[run.token]) not in page.text
    assert "Строки с ошибками видят загрузивший файл, администратор и заместитель директора" in page.text
    assert refused.status_code == 403
    for reader in (admin, other_deputy):
        client.force_login(reader)
        assert "S-909" in client.get(reverse("imports:run", args=[run.token])).text
        assert client.get(reverse("imports:errors", args=[run.token])).status_code == 200
    assert not AuditEntry.objects.filter(object_type="import_errors", username="director").exists()


def test_the_runs_addresses_carry_a_random_token_and_nothing_of_the_file(client, deputy, school, tmp_path):
    run = _invalid_run(client, tmp_path, school, name="Иванов Алексей 5А.xlsx")
    addresses = [reverse(name, args=[run.token]) for name in ("imports:run", "imports:errors", "imports:progress",
                                                               "imports:confirm")]

    assert run.token.version == 4  # uuid4: random, derived from nothing
    for address in addresses:
        assert "Иванов" not in address and "5А" not in address and school.code not in address
    assert "Иванов" not in client.get(addresses[1])["Content-Disposition"]


def test_the_preview_and_the_result_list_what_was_read_otherwise_than_typed(client, deputy, school, tmp_path):
    """«5A» with a Latin A is read as 5А: the deputy sees it before confirming and after; viewing it is audited."""
    package = {"students": [["Код обучающегося", "Фамилия", "Имя"], ["S1", "Иванов", "Иван"]],
               "enrollments": [["Учебный год", "Код обучающегося", "Класс"], ["2024/2025", "S1", "5A"]]}
    client.post(reverse("imports:upload"), {"file": package_file(tmp_path, package), "school": school.pk})
    run = ImportRun.objects.get()

    preview = client.get(reverse("imports:run", args=[run.token]))
    client.post(reverse("imports:confirm", args=[run.token]))
    done = client.get(reverse("imports:run", args=[run.token]))

    for page in (preview, done):
        assert "Прочитано иначе, чем написано в файле" in page.text
        assert "Латинские буквы, похожие на русские, прочитаны как русские: «5А»." in page.text
    assert AuditEntry.objects.filter(object_type="import_corrections", object_id=str(run.token)).count() == 2

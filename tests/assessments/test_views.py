"""The import page: access, upload → review → confirm → import, column mapping, codes, scales."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.assessments.builders import f1_rows, write_f1, write_workbook
from vsoko.accounts.enums import Role
from vsoko.accounts.models import Membership
from vsoko.assessments import uploads
from vsoko.assessments.models import ColumnMapping, ParticipantCode, ResultsUpload, ScaleDefinition
from vsoko.records.models import Assessment, Result
from vsoko.records.schools import ensure_school

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"


def user_with(role, school, name="deputy"):
    user = get_user_model().objects.create_user(name, password="x" * 12)
    Membership.objects.create(user=user, role=role, org_unit=school)
    return user


@pytest.fixture
def deputy(client, school):
    user = user_with(Role.DEPUTY, school)
    client.force_login(user)
    return user


def upload(client, path):
    with open(path, "rb") as f:
        return client.post("/assessments/import/", {"file": SimpleUploadedFile(path.name, f.read())})


def test_anonymous_is_sent_to_login(client):
    response = client.get("/assessments/import/")

    assert (response.status_code, response["Location"].split("?")[0]) == (302, "/login/")


def test_teacher_may_not_import(client, school):
    client.force_login(user_with(Role.TEACHER, school, "teacher"))

    assert client.get("/assessments/import/").status_code == 403


def test_upload_review_and_import_of_an_f1(client, deputy, school, roster, tmp_path):
    response = upload(client, write_f1(tmp_path / "f1.xlsx"))
    item = ResultsUpload.objects.get()

    review = client.get(f"/assessments/import/{item.pk}/")
    imported = client.post(f"/assessments/import/{item.pk}/run/")

    assert response["Location"] == f"/assessments/import/{item.pk}/"
    assert "Распознан как: ВПР: «Индивидуальные результаты» (Ф1) из ФИС ОКО." in review.content.decode()
    assert "Обучающихся найдено: 4 из 4." in review.content.decode()
    assert imported.status_code == 302
    assert Result.objects.count() == 4
    assert set(ParticipantCode.objects.values_list("code", "student__student_id")) == {
        ("10001", "S01"), ("10002", "S02"), ("10003", "S03"), ("10005", "S04")}


def test_doubtful_rows_are_confirmed_on_the_page(client, deputy, school, roster, tmp_path):
    participants = [("30001", "4Б", 1, "Смирнов А.А.", [1] * 13, 13, 3, 3)]
    upload(client, write_f1(tmp_path / "f1.xlsx", participants=participants))
    item = ResultsUpload.objects.get()

    page = client.get(f"/assessments/import/{item.pk}/").content.decode()
    blocked = client.post(f"/assessments/import/{item.pk}/run/")
    key = uploads.match_key(uploads.review_upload(item, preview=False).unresolved[0])
    client.post(f"/assessments/import/{item.pk}/confirm/", {key: roster["S05"].pk})
    client.post(f"/assessments/import/{item.pk}/run/")

    assert "Подтвердите обучающихся" in page and "Смирнов Алексей Андреевич (4Б)" in page
    assert blocked["Location"] == f"/assessments/import/{item.pk}/"
    assert Result.objects.get().student == roster["S05"]


def test_another_schools_upload_is_not_found(client, school, roster, tmp_path):
    other = ensure_school(name="Другая школа", code="school-2")
    client.force_login(user_with(Role.DIRECTOR, other, "director2"))
    item = ResultsUpload.objects.create(school=school, original_name="f1.xlsx", path=str(write_f1(tmp_path / "f1.xlsx")))

    assert client.get(f"/assessments/import/{item.pk}/").status_code == 404


def test_unknown_layout_goes_to_column_mapping_and_is_remembered(client, deputy, school, roster, tmp_path):
    rows = [["Ученики", "Кл", "Задача А", "Задача Б", "Итог"],
            ["Иванов Иван Ильич", "4А", 1, 2, 3], ["Петрова Алёна Сергеевна", "4А", 0, 1, 1]]
    upload(client, write_workbook(tmp_path / "работа.xlsx", {"Лист1": rows}))
    item = ResultsUpload.objects.get()

    first = client.get(f"/assessments/import/{item.pk}/")
    form = client.get(first["Location"])
    saved = client.post(first["Location"], {
        "header_row": 1, "kind": "administrative", "subject": "Математика", "grade": 4, "year": 2025,
        "role_0": "full_name", "role_1": "class", "role_2": "task", "task_2": "1", "max_2": 1,
        "role_3": "task", "task_3": "2", "max_3": 2, "role_4": "primary_score",
    })
    client.post(f"/assessments/import/{item.pk}/run/")
    upload(client, write_workbook(tmp_path / "работа-2.xlsx", {"Лист1": rows}))
    second = client.get(f"/assessments/import/{ResultsUpload.objects.latest('pk').pk}/")

    assert first["Location"] == f"/assessments/import/{item.pk}/columns/"
    assert "Что в столбцах файла «работа.xlsx»" in form.content.decode()
    assert saved["Location"] == f"/assessments/import/{item.pk}/"
    assert ColumnMapping.objects.get().roles[2] == {"role": "task", "task": "1", "max_points": 1}
    assert sorted(Result.objects.values_list("student__student_id", "primary_score")) == [("S01", 3), ("S02", 1)]
    assert "Протокол с сохранённым сопоставлением столбцов" in second.content.decode()


def test_mapping_without_a_person_column_is_refused(client, deputy, school, roster, tmp_path):
    upload(client, write_workbook(tmp_path / "x.xlsx", {"Лист1": [["А", "Б"], [1, 2]]}))
    item = ResultsUpload.objects.get()

    response = client.post(f"/assessments/import/{item.pk}/columns/", {
        "header_row": 1, "kind": "vpr", "subject": "Математика", "grade": 4, "year": 2025,
        "role_0": "primary_score", "role_1": "ignore"})

    assert "Укажите столбец, по которому найти обучающегося" in response.content.decode()
    assert ColumnMapping.objects.count() == 0


def test_details_form_names_the_procedure_of_a_vpr_form(client, deputy, school, roster, tmp_path):
    form = [["Код", "Вариант", "1(1б)", "2(2б)"], ["10001", "1", 1, 2]]
    ParticipantCode.objects.create(school=school, year_id=2025, code="10001", student=roster["S01"])
    upload(client, write_workbook(tmp_path / "форма.xlsx", {"Протокол": form}))
    item = ResultsUpload.objects.get()

    before = client.get(f"/assessments/import/{item.pk}/").content.decode()
    client.post(f"/assessments/import/{item.pk}/details/", {"kind": "vpr", "subject": "Математика", "grade": 4, "year": 2025})
    after = client.get(f"/assessments/import/{item.pk}/").content.decode()
    client.post(f"/assessments/import/{item.pk}/run/")

    assert "в файле их нет, укажите" in before
    assert "Всё готово к загрузке" in after
    assert Result.objects.get().primary_score == 3


def test_participant_code_list(client, deputy, school, roster, tmp_path):
    rows = [["Код участника", "ФИО", "Класс"], ["10001", "Иванов Иван Ильич", "4А"], ["10002", "Петрова А.С.", "4А"]]
    path = write_workbook(tmp_path / "коды.xlsx", {"Коды": rows})

    with open(path, "rb") as f:
        client.post("/assessments/import/codes/", {"file": SimpleUploadedFile(path.name, f.read()), "year": 2025})

    assert set(ParticipantCode.objects.values_list("code", "student__student_id")) == {("10001", "S01"), ("10002", "S02")}
    assert ResultsUpload.objects.count() == 0  # a code list is not a protocol to import


def test_scales_are_listed_and_an_admin_edit_is_kept(client, school):
    admin = user_with(Role.ADMIN, school, "admin")
    client.force_login(admin)
    scale = ScaleDefinition.objects.get(kind="vpr", subject="русский язык", grade=4, year=2025)

    listing = client.get("/assessments/scales/?kind=vpr").content.decode()
    client.post(f"/assessments/scales/{scale.pk}/", {
        "max_score": 24, "mark_scale": "2:0-8;3:9-15;4:16-20;5:21-24", "test_scale": "", "min_score": 9,
        "extra_conditions": "", "source": "приказ региона", "verified": "on"})
    broken = client.post(f"/assessments/scales/{scale.pk}/", {"max_score": 24, "mark_scale": "2:0-9;3:9-15"})

    scale.refresh_from_db()
    assert "Русский язык" in listing
    assert (scale.mark_scale, scale.min_score, scale.customized) == ("2:0-8;3:9-15;4:16-20;5:21-24", 9, True)
    assert "пересекаются" in broken.content.decode()


def test_scale_edit_needs_an_administrator(client, deputy):
    scale = ScaleDefinition.objects.first()

    assert client.get(f"/assessments/scales/{scale.pk}/").status_code == 403


def test_broken_file_review_lists_errors_and_stores_nothing(client, deputy, school, roster, tmp_path):
    rows = f1_rows()
    rows[8][10] = 5
    upload(client, write_workbook(tmp_path / "f1.xlsx", {"Индивидуальные результаты": rows}))
    item = ResultsUpload.objects.get()

    page = client.get(f"/assessments/import/{item.pk}/").content.decode()
    client.post(f"/assessments/import/{item.pk}/run/")

    assert "Файл нельзя загрузить: ошибок 1. Ничего не сохранено." in page
    assert "строка 9, столбец «3 (2б) [K]»" in page
    assert Result.objects.count() == 0


def test_the_count_of_pupils_found_says_which_rows_it_leaves_out(client, deputy, school, roster, tmp_path):
    # The deputy's file of 56 pupils with one bad score read «Обучающихся найдено: 54 из 55».
    rows = f1_rows()
    rows[8][10] = 5  # row 9, Иванов: 5 points for a task of 2
    upload(client, write_workbook(tmp_path / "f1.xlsx", {"Индивидуальные результаты": rows}))

    page = client.get(f"/assessments/import/{ResultsUpload.objects.get().pk}/").content.decode()

    assert ("Обучающихся найдено: 3 из 3. Ещё 1 строка с ошибками не сопоставлялась: сначала исправьте её "
            "(ошибки — ниже).") in page


def test_scale_list_queries_do_not_grow_with_rows(client, deputy):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/assessments/scales/?kind=vpr")
    with CaptureQueriesContext(connection) as many:
        client.get("/assessments/scales/")

    assert ScaleDefinition.objects.count() > ScaleDefinition.objects.filter(kind="vpr").count()
    assert len(many) == len(few)


def test_the_page_after_loading_leads_to_the_procedures_analysis(client, deputy, school, roster, tmp_path):
    # «Загрузить» ended on the upload form with «загружен: добавлено строк 18» and no way to the procedure.
    upload(client, write_f1(tmp_path / "f1.xlsx"))
    item = ResultsUpload.objects.get()

    first = client.post(f"/assessments/import/{item.pk}/run/", follow=True).content.decode()
    again = client.post(f"/assessments/import/{item.pk}/run/", follow=True).content.decode()

    assessment = Assessment.objects.get()
    link = f'<a href="/assessments/{assessment.pk}/">ВПР, русский язык, 4 класс</a>'
    assert link in first
    assert link in again  # the file was in already: the same way to its analysis
    assert "Анализ: " + link + "." in first


def test_the_scales_show_a_minimum_only_for_the_kinds_that_have_one(client, deputy):
    # ВПР has no official minimum: the column «Минимум» showed the lower bound of «3» (10 for Russian, 4th grade).
    from tests.web.pages import parse

    def minimum(kind, subject, grade):
        table = parse(client.get(f"/assessments/scales/?kind={kind}")).find_all("tbody")[0]
        row = next(r for r in table.find_all("tr") if r.find_all("th")[0].text == subject
                   and r.find_all("td")[2].text == str(grade) and r.find_all("td")[0].text == "2025/2026")
        return row.find_all("td")[5].text

    assert ScaleDefinition.objects.get(kind="vpr", subject="русский язык", grade=4, year=2025).min_score == 10
    assert minimum("vpr", "Русский язык", 4) == "—"
    oge = ScaleDefinition.objects.filter(kind="oge", year=2025, subject="математика").exclude(min_score=None).get()
    assert minimum("oge", "Математика", oge.grade) == str(oge.min_score)


def test_a_protocol_of_a_procedure_already_loaded_under_the_schools_own_code_updates_it(
        client, deputy, school, roster, tmp_path):
    # The demo school's package had «vpr-2026-4-rus»; the Ф1 of the same ВПР made a second procedure
    # «ВПР-2025-русский язык-4» beside it, and its pupils had two results of one work.
    from vsoko.records.models import SchoolYear, Subject

    own = Assessment.objects.create(school=school, assessment_id="vpr-2026-4-rus", year=SchoolYear.objects.get(start=2025),
                                    kind="vpr", subject=Subject.objects.get_or_create(name="Русский язык")[0], grade=4)
    upload(client, write_f1(tmp_path / "f1.xlsx"))
    item = ResultsUpload.objects.get()

    review = client.get(f"/assessments/import/{item.pk}/").content.decode()
    done = client.post(f"/assessments/import/{item.pk}/run/", follow=True).content.decode()

    assert list(Assessment.objects.values_list("assessment_id", flat=True)) == ["vpr-2026-4-rus"]
    assert set(Result.objects.values_list("assessment_id", flat=True)) == {own.pk}
    assert Result.objects.count() == 4
    assert "Всё готово к загрузке" in review
    assert "заданий: 13 · уже есть в школе (код vpr-2026-4-rus): файл её обновит" in " ".join(review.split())
    assert f'<a href="/assessments/{own.pk}/">ВПР, русский язык, 4 класс</a>' in done

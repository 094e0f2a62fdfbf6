import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.assessments.builders import write_workbook
from vsoko.assessments.models import ParticipantCode
from vsoko.assessments.participant_codes import load_participant_codes

pytestmark = pytest.mark.django_db


def test_codes_by_student_id_and_by_name(school, roster, tmp_path):
    path = write_workbook(tmp_path / "codes.xlsx", {
        "a": [["Код участника", "Код обучающегося"], ["10001", "S01"]],
        "b": [["Код участника", "ФИО", "Класс", "Код процедуры"], ["10002", "Петрова А.С.", "4А", "VPR-RUS-4"]],
    })

    result = load_participant_codes(path, school=school, year=2025)

    assert (result.ok, result.saved) == (True, 2)
    assert set(ParticipantCode.objects.values_list("code", "assessment_id", "student__student_id")) == {
        ("10001", "", "S01"), ("10002", "VPR-RUS-4", "S02")}


def test_one_bad_row_saves_nothing(school, roster, tmp_path):
    path = write_workbook(tmp_path / "codes.xlsx", {"a": [
        ["Код участника", "ФИО", "Класс"], ["10001", "Иванов Иван", "4А"], ["10002", "Смирнов А.А.", "4Б"],
        ["10001", "Петрова Алёна", "4А"]]})

    result = load_participant_codes(path, school=school, year=2025)

    assert result.problems == [
        "файл codes.xlsx, лист «a», строка 3, код 10002, «Смирнов А.А., 4Б»: В классе несколько обучающихся с таким "
        "ФИО. Возможно: Смирнов Алексей Андреевич (4Б); Смирнов Артём Андреевич (4Б). Подтвердите сопоставление на "
        "странице «Загрузка протоколов» (/assessments/import/).",
        "файл codes.xlsx, лист «a», строка 4: код 10001 уже указан в строке 2.",
    ]
    assert ParticipantCode.objects.count() == 0


def test_command(school, roster, tmp_path, capsys):
    path = write_workbook(tmp_path / "codes.xlsx", {"a": [["Код участника", "Код обучающегося"], ["10001", "S01"]]})
    bad = write_workbook(tmp_path / "bad.xlsx", {"a": [["Код участника", "Код обучающегося"], ["10009", "S99"]]})

    call_command("participant_codes", str(path), "--year", "2025/2026")
    with pytest.raises(CommandError, match="строка 2, код 10009"):
        call_command("participant_codes", str(bad), "--year", "2025/2026")

    assert "Сохранено кодов участников: 1." in capsys.readouterr().out

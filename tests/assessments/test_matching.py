import pytest

from vsoko.assessments.enums import MatchStatus
from vsoko.assessments.matching import (
    PersonRef,
    class_key,
    confirm_match,
    match_students,
    name_tokens,
    remember_codes,
)
from vsoko.assessments.models import ConfirmedMatch, ParticipantCode

pytestmark = pytest.mark.django_db


def person(name="", class_name="", *, code="", student_id="", row=2, grade=None):
    return PersonRef(row=row, source="файл t.xlsx", name=name, class_name=class_name, code=code,
                     student_id=student_id, grade=grade)


def match_one(school, ref):
    return match_students([ref], school=school, year=2025)[0]


def test_name_tokens_mark_initials():
    assert name_tokens("Иванов И.И.") == [("иванов", False), ("и", True), ("и", True)]
    assert name_tokens("  ПЕТРОВА   Алёна ") == [("петрова", False), ("алена", False)]


def test_class_key_accepts_common_spellings():
    assert {class_key(c) for c in ("4А", "4 а", "4-А", "4 «А»", "4\"а\"")} == {"4А"}


@pytest.mark.parametrize(
    ("name", "class_name"),
    [("Петрова Алёна Сергеевна", "4А"), ("петрова алена", "4 а"), ("ПЕТРОВА А.С.", "4А"), ("Петрова А.", "4А")],
)
def test_unique_name_in_class_is_matched(school, roster, name, class_name):
    match = match_one(school, person(name, class_name))

    assert (match.status, match.student) == (MatchStatus.MATCHED, roster["S02"])


def test_student_id_wins_over_everything(school, roster):
    match = match_one(school, person("Кто-то Другой", "4Б", student_id="S03"))

    assert (match.status, match.student) == (MatchStatus.MATCHED, roster["S03"])


def test_unknown_student_id_is_missing(school, roster):
    match = match_one(school, person(student_id="S99"))

    assert (match.status, match.message) == (MatchStatus.MISSING, "Нет обучающегося с кодом «S99».")


def test_namesakes_by_initials_are_doubtful_with_both_candidates(school, roster):
    match = match_one(school, person("Смирнов А.А.", "4Б"))

    assert match.status == MatchStatus.DOUBTFUL
    assert {c.student for c in match.candidates} == {roster["S05"], roster["S06"]}
    assert "Смирнов Артём Андреевич (4Б)" in match.message


def test_same_name_in_another_class_is_doubtful(school, roster):
    match = match_one(school, person("Орлова Вера", "4А"))

    assert (match.status, [c.student for c in match.candidates]) == (MatchStatus.DOUBTFUL, [roster["S07"]])
    assert match.reason == "в классе 4А такого обучающегося нет, есть в другом классе"


def test_a_typo_is_doubtful_not_matched(school, roster):
    match = match_one(school, person("Кузнецова Марья", "4А"))

    assert (match.status, [c.student for c in match.candidates]) == (MatchStatus.DOUBTFUL, [roster["S04"]])


def test_nobody_is_missing_with_a_russian_reason(school, roster):
    match = match_one(school, person("Неизвестный Ученик", "4А"))

    assert match.status == MatchStatus.MISSING
    assert match.message == "Обучающийся не найден в классе 4А среди обучающихся школы."


def test_confirmed_match_is_remembered(school, roster):
    ref = person("Смирнов А.А.", "4Б")

    confirm_match(school=school, year=2025, person=ref, student=roster["S06"])
    match = match_one(school, ref)

    assert (match.status, match.student) == (MatchStatus.MATCHED, roster["S06"])
    assert ConfirmedMatch.objects.get().name_key == "смирнов а а"


def test_participant_code_finds_the_student(school, roster):
    remember_codes(school=school, year=2025, pairs=[("10001", roster["S04"])])

    match = match_one(school, person(code="10001"))

    assert (match.status, match.student) == (MatchStatus.MATCHED, roster["S04"])


def test_unmapped_participant_code_without_name_is_missing(school, roster):
    match = match_one(school, person(code="10002"))

    assert match.status == MatchStatus.MISSING
    assert match.message.startswith("Код участника 10002 не сопоставлен с обучающимся")


def test_confirming_a_coded_row_stores_the_code(school, roster):
    confirm_match(school=school, year=2025, person=person("Смирнов А.А.", "4Б", code="20005"), student=roster["S05"])

    assert ParticipantCode.objects.get(code="20005").student == roster["S05"]


def test_a_protocol_before_the_years_class_lists_says_to_load_them_first(school):
    # A new school loads last spring's ВПР before its pupils: «не найден в классе 4А» told nothing of the order.
    match = match_one(school, person("Иванов Иван Ильич", "4А"))

    assert match.status == MatchStatus.MISSING
    assert match.message == (
        "В этом учебном году в школе нет ни одного обучающегося в классах: сначала загрузите листы «Обучающиеся» "
        "и «Контингент» за учебный год протокола на странице «Данные», затем протокол.")


@pytest.mark.parametrize(
    ("name", "class_name"),
    [("Петровa Алёна", "4А"),  # a Latin «a» at the end of the surname (the English layout)
     ("Петрова Алена", "4A"),  # the class letter typed in Latin
     ("ПЕTРОВА\u00a0 А.С.", "4\u00a0А"),  # a Latin «T», a non-breaking space, as copied from a web page
     ], ids=["latin a in the surname", "latin class letter", "latin T and nbsp"],
)
def test_latin_look_alikes_and_odd_spaces_in_a_protocol_find_the_pupil(school, roster, name, class_name):
    """A protocol typed in the wrong layout names the same pupil: she is found, not reported as missing."""
    match = match_one(school, person(name, class_name))

    assert (match.status, match.student) == (MatchStatus.MATCHED, roster["S02"])


def test_class_key_reads_latin_look_alikes_as_cyrillic():
    assert {class_key(c) for c in ("4A", "4а", "4 a", "4-А")} == {"4А"}
    assert class_key("10B") == "10В"

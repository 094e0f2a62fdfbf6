"""The school's own text of the self-examination's sections: cleaning, the check for pupils' names, saving with
the audit log, and refusing to overwrite a colleague's newer text."""

import pytest

from tests.accounts.personas import make_user
from tests.reports.conftest import YEAR
from vsoko.accounts.enums import Role
from vsoko.audit.models import AuditEntry
from vsoko.records.approval import set_status
from vsoko.records.enums import ApprovalStatus
from vsoko.reports.enums import SelfExamSection
from vsoko.reports.models import SelfExamText
from vsoko.reports.self_exam_text import (
    Edit,
    TextConflict,
    clean_text,
    paragraphs,
    pupil_names,
    save_texts,
    students_named,
    texts_of,
)

pytestmark = pytest.mark.django_db
MANAGEMENT, LIBRARY = SelfExamSection.MANAGEMENT, SelfExamSection.LIBRARY


@pytest.fixture
def deputy(school):
    return make_user("deputy", role=Role.DEPUTY, org_unit=school, first_name="Нина", last_name="Петрова")


def test_clean_text_keeps_paragraphs_and_drops_what_a_document_cannot_hold():
    typed = "  Управляет школой директор.\r\nКоллегиальные органы:\x0bпедсовет,\tсовет.\x00\x07  \r\n\r\n"

    assert clean_text(typed) == "Управляет школой директор.\nКоллегиальные органы:\nпедсовет, совет."
    assert paragraphs("Первый.\n\n  Второй.  \n") == ["Первый.", "Второй."]


def test_pupils_named_by_surname_and_first_name_in_either_order(tiny_school):
    text = "Призёр — Тест Петрова; участвовал ИВАНОВ тест. Сидоренко выступил. Учитель Петрова Нина."

    # Иванов and Петрова are pupils («Тест»); a surname alone or a teacher of the same surname is not a pupil.
    assert [(m.words, m.pupil) for m in students_named(text, pupil_names(tiny_school, YEAR))] == [
        ("Тест Петрова", "Петрова Тест"), ("ИВАНОВ тест", "Иванов Тест")]
    assert students_named(text, pupil_names(tiny_school, YEAR + 2)) == []  # nobody enrolled in 2025–2027
    assert [m.pupil for m in students_named("Тест Петрова, Иванов. Тест", pupil_names(tiny_school, YEAR))] == [
        "Петрова Тест"]


def test_a_save_keeps_the_text_and_writes_the_audit_log(school, deputy):
    changed = save_texts(school=school, year=YEAR, edits={MANAGEMENT: Edit("Директор и педсовет.", 0),
                                                          LIBRARY: Edit("", 0)}, user=deputy)

    assert changed == [MANAGEMENT]  # an empty section that had no text is no change
    saved = texts_of(school, YEAR)[MANAGEMENT]
    assert (saved.text, saved.revision, saved.updated_by) == ("Директор и педсовет.", 1, deputy)
    entry = AuditEntry.objects.get(object_type="self_exam_text")
    assert (entry.user, entry.object_id, entry.school) == (deputy, "2024/management", school)
    assert entry.details == {"действие": "изменён текст раздела отчёта о самообследовании",
                             "раздел": "Оценка системы управления организации", "учебный год": "2024/2025",
                             "символов": [0, 20]}


def test_the_same_text_again_changes_nothing(school, deputy):
    save_texts(school=school, year=YEAR, edits={MANAGEMENT: Edit("Текст.", 0)}, user=deputy)

    assert save_texts(school=school, year=YEAR, edits={MANAGEMENT: Edit("Текст.", 1)}, user=deputy) == []
    assert AuditEntry.objects.filter(object_type="self_exam_text").count() == 1


def test_a_colleagues_newer_text_is_not_overwritten(school, deputy):
    director = make_user("director", role=Role.DIRECTOR, org_unit=school)
    save_texts(school=school, year=YEAR, edits={MANAGEMENT: Edit("Первый вариант.", 0)}, user=deputy)
    save_texts(school=school, year=YEAR, edits={MANAGEMENT: Edit("Вариант директора.", 1)}, user=director)

    with pytest.raises(TextConflict) as conflict:
        save_texts(school=school, year=YEAR, edits={MANAGEMENT: Edit("Вариант заместителя.", 1),
                                                    LIBRARY: Edit("Фонд библиотеки.", 0)}, user=deputy)

    assert conflict.value.newer[MANAGEMENT].text == "Вариант директора."
    assert list(SelfExamText.objects.values_list("section", "text")) == [("management", "Вариант директора.")]


def test_an_approved_year_keeps_its_texts_open(school, deputy):
    director = make_user("director", role=Role.DIRECTOR, org_unit=school)
    set_status(school=school, year=YEAR, status=ApprovalStatus.APPROVED, user=director)

    save_texts(school=school, year=YEAR, edits={LIBRARY: Edit("Фонд библиотеки.", 0)}, user=deputy)

    assert texts_of(school, YEAR)[LIBRARY].text == "Фонд библиотеки."

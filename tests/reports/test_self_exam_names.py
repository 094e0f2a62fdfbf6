"""The check of the self-examination's text for pupils' names: a pupil's surname beside the first name, in either
order and any case form, or beside the first name's initial; an ordinary word or a teacher's name is let through."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.datavalues.records import Records, make_school
from tests.reports.conftest import YEAR
from vsoko.records.models import StaffMember
from vsoko.reports.enums import SelfExamSection
from vsoko.reports.forms import ReportTextForm, text_field
from vsoko.reports.self_exam_text import Mention, pupil_names, students_named

pytestmark = pytest.mark.django_db
PUPILS = {  # (surname, first name, class, year)
    "p1": ("Иванов", "Пётр", "7А", YEAR),
    "p2": ("Иванова", "Мария", "7А", YEAR),
    "p3": ("Петров", "Павел", "9Б", YEAR),
    "p4": ("Ким", "Ия", "5А", YEAR),
    "p5": ("Толстой", "Лев", "10А", YEAR),
    "p6": ("Достоевская", "Анна", "11А", YEAR - 1),  # a graduate of the year before
    "p7": ("Гончаров", "Олег", "5А", YEAR - 3),  # left long ago: not in the years the report touches
}


@pytest.fixture
def known(school):
    b = Records(school)
    for sid, (last, first, class_name, year) in PUPILS.items():
        pupil = b.student(sid, class_name, year=year)
        pupil.last_name, pupil.first_name = last, first
        pupil.save()
    StaffMember.objects.create(school=school, staff_id="t1", last_name="Петрова", first_name="Наталья")
    other = Records(make_school("other"))  # a pupil of another school is not this school's business
    stranger = other.student("o1", "7А", year=YEAR)
    stranger.last_name, stranger.first_name = "Сидоров", "Глеб"
    stranger.save()
    return pupil_names(school, YEAR)


def named(text, known) -> list[tuple[str, str]]:
    return [(m.words, m.pupil) for m in students_named(text, known)]


@pytest.mark.parametrize(("text", "words", "pupil"), [
    ("Иванов Пётр — призёр олимпиады.", "Иванов Пётр", "Иванов Пётр"),  # именительный
    ("Грамота Иванова Петра (7 класс).", "Иванова Петра", "Иванов Пётр"),  # родительный
    ("Иванову Петру вручена грамота.", "Иванову Петру", "Иванов Пётр"),  # дательный
    ("Поздравили Петра Иванова.", "Петра Иванова", "Иванов Пётр"),  # винительный, имя первым
    ("Гордимся Петром Ивановым!", "Петром Ивановым", "Иванов Пётр"),  # творительный
    ("Об Иванове Петре писала газета.", "Иванове Петре", "Иванов Пётр"),  # предложный
    ("у Ивановой Марии — «5» за ВПР", "Ивановой Марии", "Иванова Мария"),
    ("Марией Ивановой", "Марией Ивановой", "Иванова Мария"),
    ("ИВАНОВОЙ мАРИИ", "ИВАНОВОЙ мАРИИ", "Иванова Мария"),  # letter case does not matter
    ("Павла Петрова наградили.", "Павла Петрова", "Петров Павел"),  # the fleeting «е»: Павел → Павла
    ("Льву Толстому вручён кубок.", "Льву Толстому", "Толстой Лев"),  # Лев → Льва, an adjective's ending
    ("Ии Ким нет в списке.", "Ии Ким", "Ким Ия"),  # a short name in its case form
    ("Выпускница Анна Достоевская поступила в СПбГУ.", "Анна Достоевская", "Достоевская Анна"),  # the year before
    ("Иванов П. — победитель.", "Иванов П.", "Иванов Пётр"),  # the initial after the surname
    ("Победитель — П. Иванов.", "П. Иванов", "Иванов Пётр"),  # before it
    ("Грамоту П.С. Иванову!", "П.С. Иванову", "Иванов Пётр"),  # two initials: the first name's is the first
    ("Грамота Ивановой М. А.", "Ивановой М.", "Иванова Мария"),
])
def test_a_pupil_is_caught_in_each_case_form_order_and_by_initial(known, text, words, pupil):
    assert named(text, known) == [(words, pupil)]


@pytest.mark.parametrize("text", [
    "Иванов, Пётр и Мария отвечали у доски.",  # a comma between: not a name
    "Иванов. Пётр Первый — тема урока истории.",  # a full stop between
    "Ивановская область; Петровский парк; Петров вал.",  # words starting like a surname, no first name beside
    "Ивановым и Петровым Сергеем",  # a surname of a pupil, a first name of nobody's
    "Иванов Петрович — учитель физики.",  # a patronymic is not the first name
    "Учитель Петрова Наталья Ивановна, учитель Петрова Н. И.",  # «Петрова» is Петров's genitive, not Павел's
    "Им, их, и Ким — слова.",  # «Ия»'s stem «и» does not catch pronouns or the conjunction
    "Лев Николаевич Толстой — писатель.",  # the namesake named with his patronymic
    "Гончаров Олег, Сидоров Глеб.",  # not pupils of the years the report touches, or of this school
    "Иванов п. Сосновка",  # a lower-case «п.» is a settlement, not an initial
])
def test_ordinary_words_a_teacher_and_other_people_are_not_caught(known, text):
    assert named(text, known) == []


def test_a_teachers_name_is_the_teachers_when_a_pupil_matches_the_same_words(school):
    """«Петрова Н.» is the teacher Петрова Наталья although it is also Петров Николай's genitive with the initial;
    «Петрова Николая» is only the pupil's."""
    b = Records(school)
    pupil = b.student("p1", "5А", year=YEAR)
    pupil.last_name, pupil.first_name = "Петров", "Николай"
    pupil.save()
    StaffMember.objects.create(school=school, staff_id="t1", last_name="Петрова", first_name="Наталья")
    known = pupil_names(school, YEAR)

    assert named("Учитель Петрова Н. А. подготовила призёра.", known) == []
    assert named("Учитель подготовила Петрова Николая.", known) == [("Петрова Николая", "Петров Николай")]


def test_every_mention_is_listed_once_in_the_texts_order(known):
    text = "Иванову Петру и П. Иванову, а также Ивановой Марии; снова Иванову Петру."

    assert students_named(text, known) == [Mention("Иванову Петру", "Иванов Пётр"),
                                           Mention("П. Иванову", "Иванов Пётр"),
                                           Mention("Ивановой Марии", "Иванова Мария")]


def test_the_form_names_the_words_and_says_why_reading_the_names_once(school, known):
    texts = {text_field(section): "Иванову Петру вручена грамота. Без имён." for section in
             (SelfExamSection.TRAINING, SelfExamSection.LIBRARY, SelfExamSection.MANAGEMENT)}

    with CaptureQueriesContext(connection) as queries:
        form = ReportTextForm(texts, school=school, year=YEAR, texts={})
        assert not form.is_valid()

    assert len(queries) == 2  # the pupils' names and the staff's names, once for every section
    assert form.errors[text_field(SelfExamSection.LIBRARY)] == [
        "В тексте названы обучающиеся школы: «Иванову Петру» (Иванов Пётр) — фамилия рядом с именем или инициалом "
        "(в любом падеже). Отчёт публикуется на сайте школы, имён обучающихся в нём быть не должно (152-ФЗ): "
        "напишите обезличенно, например «обучающийся 9 класса». Однофамильца, который не учится в школе, назовите "
        "с отчеством: «Лев Николаевич Толстой»."]


def test_a_mention_written_as_the_pupils_name_is_not_said_twice():
    # «Уткина Мария» (Уткина Мария) read as a stutter; the name in brackets is for the other case forms.
    assert str(Mention("Уткина Мария", "Уткина Мария")) == "«Уткина Мария»"
    assert str(Mention("Уткиной Марии", "Уткина Мария")) == "«Уткиной Марии» (Уткина Мария)"

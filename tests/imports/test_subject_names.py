"""Subject names a hand-typed package misspells: «Матиматика» is not a new subject.

A name that is no stored, standard or declared subject but is a small typo of one
is refused with the name it resembles, so the marks do not vanish from «Математика» into a subject of their
own; a genuinely new subject far from every name is created as before, and a close name meant as a new
subject is declared on the sheet «Предметы».
"""

from __future__ import annotations

import pytest

from tests.imports.test_messy_files import book, messages
from tests.imports.test_validation import assert_nothing_stored
from vsoko.assessments.subjects import subject_name_for
from vsoko.imports.service import import_package
from vsoko.imports.subject_names import close_to
from vsoko.records.models import PeriodMark, StaffYear, Subject

pytestmark = pytest.mark.django_db

STUDENTS = ["Код обучающегося", "Фамилия", "Имя", "Дата рождения", "Пол"]
MARKS = ["Учебный год", "Период", "Код обучающегося", "Предмет", "Отметка"]
PUPILS = [STUDENTS, ["S1", "Иванов", "Иван", "01.02.2014", "М"], ["S2", "Петров", "Пётр", "01.02.2014", "М"]]


def marks_book(tmp_path, *rows, **sheets):
    return book(tmp_path / "p.xlsx", {"Обучающиеся": PUPILS, "Отметки за периоды": [MARKS, *rows], **sheets})


def test_a_misspelt_subject_is_refused_with_the_name_it_resembles(tmp_path, school):
    path = marks_book(tmp_path, ["2024/2025", "год", "S1", "Математика", "5"],
                      ["2024/2025", "год", "S2", "Матиматика", "4"],
                      ["2024/2025", "год", "S1", "Русский язы", "4"])

    report = import_package(path, school=school)

    assert messages(report) == [
        "Отметки за периоды (лист «Отметки за периоды»), строка 3, столбец «Предмет», значение «Матиматика»: "
        "Такого предмета нет, но название похоже на «Математика»: исправьте написание или, если это другой "
        "предмет, впишите его на лист «Предметы» пакета.",
        "Отметки за периоды (лист «Отметки за периоды»), строка 4, столбец «Предмет», значение «Русский язы»: "
        "Такого предмета нет, но название похоже на «Русский язык»: исправьте написание или, если это другой "
        "предмет, впишите его на лист «Предметы» пакета.",
    ]
    assert_nothing_stored()


def test_a_typo_of_a_stored_subject_is_refused(tmp_path, school):
    """The stored subject «Черчение» is not a standard one; «Черчене» is its typo."""
    Subject.objects.create(name="черчение")
    path = marks_book(tmp_path, ["2024/2025", "год", "S1", "Черчене", "5"])

    report = import_package(path, school=school)

    assert [e.message for e in report.errors] == [
        "Такого предмета нет, но название похоже на «Черчение»: исправьте написание или, если это другой "
        "предмет, впишите его на лист «Предметы» пакета."]
    assert list(Subject.objects.values_list("name", flat=True)) == ["черчение"]


def test_known_other_spellings_of_subjects_are_the_schools_curriculum_names(tmp_path, school):
    """«ИЗО», «Физкультура», «Информатика и ИКТ» and the ФОП's «История России. Всеобщая история» are how
    curricula and journals name subjects, not typos: they are taken as written, and none is the typo of another."""
    names = ["Информатика и ИКТ", "ИЗО", "Физкультура", "История России. Всеобщая история", "Английский"]
    path = marks_book(tmp_path, *[["2024/2025", "год", "S1", name, "5"] for name in names])

    report = import_package(path, school=school)

    assert report.errors == []
    assert sorted(Subject.objects.values_list("name", flat=True)) == [
        "ИЗО", "английский", "информатика и ИКТ", "история России. Всеобщая история", "физкультура"]


def test_teachers_subjects_and_assessments_are_checked_too(tmp_path, school):
    path = book(tmp_path / "p.xlsx", {
        "Педагогические работники": [["Учебный год", "Код работника", "Фамилия", "Предметы"],
                                     ["2024/2025", "T1", "Смирнова", "Математика; Физека"]],
        "Оценочные процедуры": [["Код процедуры", "Учебный год", "Вид", "Предмет"],
                                ["V1", "2024/2025", "ВПР", "Биолгия"]],
    })

    report = import_package(path, school=school)

    assert sorted((e.table, e.row, e.column, e.value, e.message.split(":")[0]) for e in report.errors) == [
        ("assessments", 2, "Предмет", "Биолгия", "Такого предмета нет, но название похоже на «Биология»"),
        ("staff", 2, "Предметы", "Физека", "Такого предмета нет, но название похоже на «Физика»"),
    ]


def test_a_genuinely_new_subject_is_created_as_before(tmp_path, school):
    path = marks_book(tmp_path, ["2024/2025", "год", "S1", "Финансовая грамотность", "5"],
                      ["2024/2025", "год", "S2", "Астрономия", "4"], ["2024/2025", "год", "S2", "математика", "4"])

    report = import_package(path, school=school)

    assert report.errors == []
    assert sorted(Subject.objects.values_list("name", flat=True)) == [
        "астрономия", "математика", "финансовая грамотность"]
    assert PeriodMark.objects.count() == 3


def test_a_close_name_declared_on_the_subjects_sheet_is_a_new_subject(tmp_path, school):
    """«Ненецкий язык» (a native language) is one letter from «Немецкий язык»: the sheet «Предметы» says it is
    meant; without it the same package is refused."""
    rows = (["2024/2025", "год", "S1", "Ненецкий язык", "5"], ["2024/2025", "год", "S2", "Немецкий язык", "4"])

    refused = import_package(marks_book(tmp_path, *rows), school=school)
    report = import_package(marks_book(tmp_path, *rows, **{"Предметы": [["Предмет"], ["Ненецкий язык"]]}),
                            school=school)

    assert [e.value for e in refused.errors] == ["Ненецкий язык"]
    assert report.errors == []
    assert sorted(Subject.objects.values_list("name", flat=True)) == ["немецкий язык", "ненецкий язык"]
    assert (report.counts["subjects"].added, report.counts["subjects"].unchanged) == (1, 0)
    assert sorted(PeriodMark.objects.values_list("subject__name", "mark")) == [
        ("немецкий язык", "4"), ("ненецкий язык", "5")]


@pytest.mark.parametrize(("name", "known", "expected"), [
    ("матиматика", ["Математика"], "Математика"),  # one letter of ten
    ("Руский язик", ["Русский язык"], "Русский язык"),  # two of twelve
    ("Хиимя", ["Химия"], "Химия"),  # two letters swapped
    ("Риторика", ["Ритмика"], None),  # two of eight: another subject
    ("ОБЖ", ["ОБЗР"], None),  # short names: too few letters to tell a typo
    ("Экономика", ["Экология"], None),
    ("Физкультура", ["Физическая культура"], None),  # a known other spelling, not a typo
    ("Физкультурa", ["Физкультура"], "Физкультура"),  # a typo of a known other spelling
])
def test_close_to(name, known, expected):
    assert close_to(name, known) == expected


def test_two_new_names_a_letter_apart_are_refused_naming_the_more_frequent(tmp_path, school):
    """Neither «Черчение» nor «Черчене» is known yet: the rarer spelling is the typo of the other."""
    path = marks_book(tmp_path, ["2024/2025", "год", "S1", "Черчение", "5"], ["2024/2025", "1 четверть", "S1", "Черчение", "5"],
                      ["2024/2025", "год", "S2", "Черчене", "4"])

    report = import_package(path, school=school)

    assert [(e.row, e.value, e.message) for e in report.errors] == [(
        4, "Черчене",
        "Такого предмета нет, но в пакете есть похожее название «Черчение»: исправьте написание или, если это "
        "разные предметы, впишите оба на лист «Предметы» пакета.")]
    assert_nothing_stored()


def test_two_close_new_names_declared_on_the_subjects_sheet_are_two_subjects(tmp_path, school):
    path = marks_book(tmp_path, ["2024/2025", "год", "S1", "Черчение", "5"], ["2024/2025", "год", "S2", "Черчене", "4"],
                      **{"Предметы": [["Предмет"], ["Черчение"], ["Черчене"]]})

    report = import_package(path, school=school)

    assert report.errors == []
    assert sorted(Subject.objects.values_list("name", flat=True)) == ["черчене", "черчение"]


def test_latin_letters_that_look_cyrillic_in_a_subject_name_are_read_as_cyrillic(tmp_path, school):
    """«Физикa» with the Latin «a» (the English layout) looks exactly like «Физика»: it is that subject, not a
    second «Физика» nor a riddle «похоже на «Физика»». A Latin word of its own («Python») stays as written, its
    capital too."""
    path = marks_book(tmp_path, ["2024/2025", "год", "S1", "Физикa", "5"], ["2024/2025", "год", "S2", "Физика", "4"],
                      ["2024/2025", "год", "S1", "Python-программирование", "5"],
                      **{"Педагогические работники": [["Учебный год", "Код работника", "Предметы"],
                                                      ["2024/2025", "T1", "Физикa; Python-программирование"]]})

    report = import_package(path, school=school)

    assert report.errors == []
    assert sorted(Subject.objects.values_list("name", flat=True)) == ["Python-программирование", "физика"]
    assert PeriodMark.objects.filter(subject__name="физика").count() == 2


# An alias of a stored subject is that subject (the rule of the ВПР import, vsoko.assessments.subjects)


def test_an_alias_is_the_stored_subject_spelled_as_its_key(tmp_path, school):
    """The school's «информатика» is stored; the journal writes «Информатика и ИКТ»: one subject, not two."""
    Subject.objects.create(name="информатика")
    path = marks_book(tmp_path, ["2024/2025", "год", "S1", "Информатика и ИКТ", "5"],
                      ["2024/2025", "год", "S2", "Информатика", "4"],
                      **{"Педагогические работники": [["Учебный год", "Код работника", "Предметы"],
                                                      ["2024/2025", "T1", "Информатика и ИКТ"]]})

    report = import_package(path, school=school)

    assert report.errors == []
    assert list(Subject.objects.values_list("name", flat=True)) == ["информатика"]
    assert sorted(PeriodMark.objects.values_list("student__student_id", "subject__name")) == [
        ("S1", "информатика"), ("S2", "информатика")]
    assert list(StaffYear.objects.values_list("subjects__name", flat=True)) == ["информатика"]


def test_the_key_s_own_spelling_is_a_stored_alias(tmp_path, school):
    """The other direction: the school stored «информатика и ИКТ» as written; a ВПР or a later package writes
    «Информатика». Both name one subject, which keeps its stored name."""
    Subject.objects.create(name="информатика и ИКТ")
    path = marks_book(tmp_path, ["2024/2025", "год", "S1", "Информатика", "5"])

    report = import_package(path, school=school)

    assert report.errors == []
    assert list(PeriodMark.objects.values_list("subject__name", flat=True)) == ["информатика и ИКТ"]
    assert Subject.objects.count() == 1


def test_a_subject_stored_as_written_is_that_subject_even_beside_its_key(tmp_path, school):
    """A school that keeps «история» and «история России. Всеобщая история» apart keeps them apart."""
    Subject.objects.create(name="история")
    Subject.objects.create(name="история России. Всеобщая история")
    path = marks_book(tmp_path, ["2024/2025", "год", "S1", "История России. Всеобщая история", "5"],
                      ["2024/2025", "год", "S2", "История", "4"])

    report = import_package(path, school=school)

    assert report.errors == []
    assert sorted(PeriodMark.objects.values_list("student__student_id", "subject__name")) == [
        ("S1", "история России. Всеобщая история"), ("S2", "история")]
    assert subject_name_for("История России. Всеобщая история") == "история России. Всеобщая история"
    assert subject_name_for("История") == "история"


def test_two_spellings_of_one_new_subject_in_a_package_are_one_subject(tmp_path, school):
    """Nothing stored: «Физкультура» in one row and «Физическая культура» in another are one subject, named
    by the key's own spelling."""
    path = marks_book(tmp_path, ["2024/2025", "год", "S1", "Физкультура", "5"],
                      ["2024/2025", "год", "S2", "Физическая культура", "4"])

    report = import_package(path, school=school)

    assert report.errors == []
    assert list(Subject.objects.values_list("name", flat=True)) == ["физическая культура"]
    assert PeriodMark.objects.filter(subject__name="физическая культура").count() == 2


def test_two_spellings_of_one_subject_for_one_pupil_and_period_are_a_repeated_row(tmp_path, school):
    """Once «Информатика и ИКТ» is «Информатика», a pupil's two year marks in them are two marks of one subject:
    refused as a repeated key, saying why, instead of failing while storing."""
    path = marks_book(tmp_path, ["2024/2025", "год", "S1", "Информатика и ИКТ", "5"],
                      ["2024/2025", "год", "S1", "Информатика", "4"])

    report = import_package(path, school=school)

    assert messages(report) == [
        "Отметки за периоды (лист «Отметки за периоды»), строка 3, столбец «Учебный год», значение "
        "«2024/2025; год; S1; Информатика»: Повторяется строка 2: ключ (Учебный год, Период, Код обучающегося, "
        "Предмет) должен быть уникален в таблице. «Информатика» и «Информатика и ИКТ» в строке 2 — написания "
        "одного предмета."]
    assert_nothing_stored()


def test_subjects_of_different_keys_never_meet(tmp_path, school):
    """«Математика (база)» is no spelling of «математика»; «Информатика и робототехника» no alias at all."""
    Subject.objects.create(name="математика")
    Subject.objects.create(name="информатика")
    path = marks_book(tmp_path, ["2024/2025", "год", "S1", "Математика (база)", "5"],
                      ["2024/2025", "год", "S1", "Информатика и робототехника", "5"])

    report = import_package(path, school=school)

    assert report.errors == []
    assert sorted(Subject.objects.values_list("name", flat=True)) == [
        "информатика", "информатика и робототехника", "математика", "математика (база)"]

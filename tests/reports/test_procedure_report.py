"""«Аналитическая справка по результатам процедуры» on the analysis world's ВПР (tests/analysis/world.py):
six pupils who wrote in 5А and 5Б, one absent in 5А. By hand:

    class  in protocol  wrote  absent   «2» «3» «4» «5»   success  quality  mean    journal: confirmed/lowered/raised
    5А     4            3      1        0   1   1   1     100 %    66,7 %   4       1 / 1 / 1
    5Б     3            3      0        2   0   1   0     33,3 %   33,3 %   2,67    0 / 3 / 0
    all    7            6      1        2   1   2   1     66,7 %   50 %     3,33    1 / 4 / 1

Task completion: 1 — 66,7 %, 2 — 61,1 %, 3 — 30 % (all mastered); in 5Б 50 %, 44,4 %, 13,3 % (none mastered).
«2»: Гусева and Ершова, both of 5Б.
"""

import io
import shutil
from collections import Counter
from fractions import Fraction
from types import SimpleNamespace

import docx
import pytest

from tests.analysis.world import NAMES, build_analysis_world, procedure, pupil, result
from tests.libreoffice import as_text
from tests.reports.readers import docx_paragraphs, docx_rows, row_of, spaced
from vsoko.analysis.access import Privacy
from vsoko.analysis.figures import Figures
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.datavalues.compute import recompute
from vsoko.records.enums import AssessmentKind
from vsoko.records.models import SchoolYear
from vsoko.reports.enums import Addressee, Format, ReportKind
from vsoko.reports.procedure import (
    ProcedureMissing,
    build,
    change_sentence,
    document,
    procedure_choices,
    procedure_report,
)
from vsoko.reports.procedure_conclusion import (
    Conclusion,
    Recommendation,
    conclusion_of,
    save_conclusion,
)
from vsoko.reports.registry import ReportError, chosen_options, render
from vsoko.reports.writers import WRITERS

pytestmark = pytest.mark.django_db
FAILED = (NAMES["s4"], NAMES["s6"])  # Гусева, Ершова
PASSED = tuple(NAMES[k] for k in ("s1", "s2", "s3", "s5"))


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def aw(db):
    return build_analysis_world()


def docx_of(aw, user) -> bytes:
    return WRITERS[Format.DOCX](document(procedure_report(aw.vpr, user)))


def text_of(data: bytes) -> str:
    return "\n".join(docx_paragraphs(data) + [" | ".join(r) for r in docx_rows(data)])


def test_the_deputys_spravka_opens_and_has_the_hand_computed_figures(aw):
    data = docx_of(aw, aw.users["deputy"])
    rows = docx_rows(data)
    paragraphs = docx_paragraphs(data)

    docx.Document(io.BytesIO(data))  # a real Word file
    assert "Аналитическая справка по результатам процедуры: ВПР, русский язык, 5 класс" in paragraphs
    assert aw.school.name in paragraphs and "2024/2025 учебный год" in paragraphs
    # Participation: in the protocol, wrote, absent, share of who wrote.
    assert row_of(rows, "5А")[:5] == ["5А", "4", "3", "1", "75,0 %"]
    assert row_of(rows, "5Б")[:5] == ["5Б", "3", "3", "0", "100,0 %"]
    assert row_of(rows, "Всего")[:5] == ["Всего", "7", "6", "1", "85,7 %"]
    marks = [r for r in rows if r[0] in ("5А", "5Б", "Всего") and len(r) == 9]
    assert marks == [["5А", "3", "0", "1", "1", "1", "100,0 %", "66,7 %", "4,00"],
                     ["5Б", "3", "2", "0", "1", "0", "33,3 %", "33,3 %", "2,67"],
                     ["Всего", "6", "2", "1", "2", "1", "66,7 %", "50,0 %", "3,33"]]
    journal = [r for r in rows if r[0] in ("5А", "5Б", "Всего") and len(r) == 5 and "(" in r[2]]
    assert journal == [["5А", "3", "1 (33,3 %)", "1 (33,3 %)", "1 (33,3 %)"],
                       ["5Б", "3", "0 (0,0 %)", "3 (100,0 %)", "0 (0,0 %)"],
                       ["Всего", "6", "1 (16,7 %)", "4 (66,7 %)", "1 (16,7 %)"]]


def test_tasks_weak_in_a_class_and_the_objectivity_flag(aw):
    data = docx_of(aw, aw.users["deputy"])
    rows, text = docx_rows(data), text_of(data)

    tasks = [r for r in rows if len(r) == 6 and r[0] != "Задание"]
    assert tasks == [["1", "Б", "Орфография", "2", "66,7 %", "освоено"],
                     ["2", "Б", "Пунктуация", "3", "61,1 %", "освоено, пограничная зона"],
                     ["3", "П", "Сочинение-рассуждение", "5", "30,0 %", "освоено, пограничная зона"]]
    by_class = [r for r in rows if len(r) == 4 and r[0] in ("1", "2", "3")]
    assert by_class == [["1", "83,3 %", "50,0 %", "66,7 %"], ["2", "77,8 %", "44,4 %", "61,1 %"],
                        ["3", "46,7 %", "13,3 %", "30,0 %"]]  # 5А, 5Б, all: 5/6, 3/6; 7/9, 4/9; 7/15, 2/15
    # All tasks mastered by everyone who wrote, not by 5Б: the report does not say «Все задания освоены.» above it.
    assert "Все задания освоены." not in text
    assert "По всем выполнявшим все задания освоены; по классам — ниже." in text
    assert "5Б: не освоены задания 1 (50,0 %), 2 (44,4 %), 3 (13,3 %)." in text
    assert "5А: не освоены" not in text
    # 4 of 6 lowered their journal mark: the analysis' flag, with its reason.
    assert "Отметки по журналу выше результатов работы — риск высокий: 4 из 6" in text


def test_names_of_pupils_with_twos_for_the_deputy_counts_for_the_observer(aw):
    deputy = text_of(docx_of(aw, aw.users["deputy"]))
    observer = text_of(docx_of(aw, aw.users["observer"]))

    assert all(f"{name} Тест | 5Б | 2" in deputy for name in FAILED)
    assert not any(name in deputy for name in PASSED)
    assert not any(name in observer for name in (*FAILED, *PASSED))
    assert "Получили «2»: —*. Фамилии не приводятся" in observer  # 2 pupils: below the minimum of 5
    assert "группы меньше 5 человек скрыты" in observer
    # Every share of marks tells of a group of 1…4 people: withheld, the total of 6 stays.
    assert row_of(docx_rows(docx_of(aw, aw.users["observer"])), "Всего")[:5] == ["Всего", "7", "6", "—*", "—*"]
    assert "Успеваемость — 66,7 %" not in observer and "Гусева" not in observer
    assert "Классному руководителю" not in observer  # the suggestion would tell there are «2»


def test_a_class_teacher_sees_only_the_pupils_of_their_class(aw):
    text = text_of(docx_of(aw, aw.users["class_teacher"]))  # 5А: both «2» are in 5Б

    assert not any(name in text for name in FAILED)
    assert "Получили «2»: 2; среди обучающихся, которых вам разрешено видеть, таких нет." in text


def test_empty_conclusions_say_so_and_offer_marked_suggestions(aw):
    text = text_of(docx_of(aw, aw.users["deputy"]))

    assert "Выводы не заполнены." in text and "Рекомендации не заполнены." in text
    assert "Предложения системы (сформированы автоматически, не текст школы)" in text
    assert "Успеваемость — 66,7 %, качество — 50,0 %." in text
    assert "В классе 5Б не освоены задания 1, 2, 3." in text
    assert "Учителю | В классе 5Б спланировать повторение по заданиям 1, 2, 3" in text
    assert "Администрации | Проверить объективность текущего оценивания" in text


def test_one_weak_task_is_named_in_the_singular():
    from vsoko.reports.procedure import tasks_words

    one = [(SimpleNamespace(task="1.2"), Fraction(1, 3))]
    two = one + [(SimpleNamespace(task="3"), Fraction(1, 4))]
    assert tasks_words(one, "не освоено задание", "не освоены задания") == "не освоено задание 1.2"
    assert tasks_words(two, "заданию", "заданиям") == "заданиям 1.2, 3"


def test_last_years_same_procedure_is_compared(aw):
    # ВПР, русский язык, 5 класс of 2023/2024: «5», «5», «5», «3» — success 100 %, quality 75 %.
    SchoolYear.objects.get_or_create(start=2023)
    before = procedure(aw.world, "VPR-5-R-2023", AssessmentKind.VPR, "Русский язык", 5, year=2023, max_score=10)
    for i, mark in enumerate((5, 5, 5, 3)):
        result(before, pupil(aw.world, f"p{i}", "5А", f"Прошлогодний{i}", year=2023), primary=2 * mark, mark=mark)
    recompute(aw.school, [2023])

    data = docx_of(aw, aw.users["deputy"])

    years = [r for r in docx_rows(data) if r[0] in ("2023/2024", "2024/2025")]
    assert years == [["2023/2024", "4", "100,0 %", "75,0 %", "4,50", "90,0 %"],  # mean primary 36/4 = 9 of 10
                     ["2024/2025", "6", "66,7 %", "50,0 %", "3,33", "46,7 %"]]  # 28/6 of 10
    assert ("По сравнению с 2023/2024 учебным годом успеваемость снизилась на 33,3 п. п., качество снизилось "
            "на 25,0 п. п.") in docx_paragraphs(data)


def test_saved_conclusions_are_printed_and_audited(aw):
    deputy = aw.users["deputy"]
    new = Conclusion("Качество в 5Б ниже школьного.\nЗадания 1 и 2 в 5Б не освоены.",
                     (Recommendation(Addressee.TEACHER, "Отработать орфографию в 5Б."),
                      Recommendation(Addressee.ADMINISTRATION, "Посетить уроки в 5Б.")))

    assert save_conclusion(aw.vpr, new, user=deputy) is True
    assert save_conclusion(aw.vpr, new, user=deputy) is False  # the same again: no change, no entry

    assert conclusion_of(aw.vpr) == new
    entry = AuditEntry.objects.get(object_type="procedure_conclusion")
    assert (entry.user, entry.action, entry.object_id, entry.school) == (deputy, AuditAction.CHANGE,
                                                                        str(aw.vpr.pk), aw.school)
    assert entry.details["рекомендаций"] == [0, 2]
    text = text_of(docx_of(aw, deputy))
    assert "Качество в 5Б ниже школьного." in text and "Задания 1 и 2 в 5Б не освоены." in text
    assert "Учителю | Отработать орфографию в 5Б." in text
    assert "не заполнены" not in text and "Предложения системы" not in text


def test_the_registry_builds_the_procedure_asked_for_and_refuses_an_unknown_code(aw):
    options = chosen_options(ReportKind.PROCEDURE, aw.school, 2024, {"assessment": "VPR-5-R"})
    data = render(ReportKind.PROCEDURE, aw.school, 2024, Format.DOCX, **options)

    assert "Аналитическая справка по результатам процедуры: ВПР, русский язык, 5 класс" in docx_paragraphs(data)
    assert all(name in text_of(data) for name in FAILED)  # the administration's справка
    with pytest.raises(ReportError, match="«NOPE» нельзя выбрать"):
        chosen_options(ReportKind.PROCEDURE, aw.school, 2024, {"assessment": "NOPE"})
    with pytest.raises(ProcedureMissing, match="Коды процедур: .*VPR-5-R"):
        build(aw.school, 2024, assessment="NOPE")
    with pytest.raises(ProcedureMissing, match="нет процедур с результатами"):
        build(aw.school, 2023)


def dated(aw) -> None:
    """The world's procedures on their days: each reserve day (retakes only) after its main day."""
    for a, day in ((aw.vpr, "2025-04-15"), (aw.vpr_reserve, "2025-04-25"), (aw.ege, "2025-05-27"),
                   (aw.oge, "2025-06-03"), (aw.oge_reserve, "2025-07-01")):
        a.date = day
        a.save(update_fields=["date"])


def test_by_default_the_latest_main_day_not_a_later_reserve_day_and_reserve_days_are_labelled(aw):
    dated(aw)

    assert procedure_choices(aw.school, 2024) == [
        ("OGE-9-M-r", "ОГЭ, математика, 9 класс, 01.07.2025, резервный день"),
        ("OGE-9-M", "ОГЭ, математика, 9 класс, 03.06.2025"),
        ("EGE-11-R", "ЕГЭ, Русский язык, 11 класс, 27.05.2025"),
        ("VPR-5-R-r", "ВПР, русский язык, 5 класс, 25.04.2025, резервный день"),
        ("VPR-5-R", "ВПР, русский язык, 5 класс, 15.04.2025"),
        ("VPR-5-M", "ВПР, математика, 5 класс (VPR-5-M)"),  # the personas' school's, undated: last
    ]
    paragraphs = docx_paragraphs(render(ReportKind.PROCEDURE, aw.school, 2024, Format.DOCX))
    # The main day with its six results, not the reserve day of one retake a month later.
    assert "Аналитическая справка по результатам процедуры: ОГЭ, математика, 9 класс" in paragraphs
    assert "Дата проведения: 03.06.2025" in paragraphs
    assert "У процедуры нет результатов участников." not in paragraphs


def test_an_undated_reserve_day_is_labelled_and_dated_procedures_come_first(aw):
    aw.vpr.date = "2025-04-15"
    aw.vpr.save(update_fields=["date"])

    choices = procedure_choices(aw.school, 2024)

    assert choices[0] == ("VPR-5-R", "ВПР, русский язык, 5 класс, 15.04.2025")
    assert ("VPR-5-R-r", "ВПР, русский язык, 5 класс, резервный день (VPR-5-R-r)") in choices
    assert "Дата проведения: 15.04.2025" in docx_paragraphs(render(ReportKind.PROCEDURE, aw.school, 2024,
                                                                   Format.DOCX))


def test_an_unchanged_share_is_said_so_and_a_withheld_one_is_left_out():
    this = Figures(results=4, marks=Counter({3: 2, 4: 2}))  # success 100 %, quality 50 %
    before = Figures(results=8, marks=Counter({3: 4, 5: 4}))  # success 100 %, quality 50 %

    assert change_sentence(this, before, 2023, Privacy(on=False)) == (
        "По сравнению с 2023/2024 учебным годом успеваемость не изменилась, качество не изменилось.")
    # The observer: 2 of 4 tells of a small group — nothing to compare by marks.
    assert change_sentence(this, before, 2023, Privacy(on=True)) == (
        "Сравнение с 2023/2024 учебным годом по отметкам невозможно.")


def test_an_ege_has_the_threshold_and_test_scores_and_no_marks_sections(aw):
    # ЕГЭ, русский язык: test scores 85, 81, 80, 20 with the minimum 24.
    data = WRITERS[Format.DOCX](document(procedure_report(aw.ege, aw.users["deputy"])))
    rows, paragraphs = docx_rows(data), docx_paragraphs(data)

    assert [h for h in paragraphs if h[:2] in ("1.", "2.", "3.", "4.", "5.", "6.")] == [
        "1. Участие", "2. Минимальный порог и высокие результаты", "3. Сравнение с отметками по журналу",
        "4. Сравнение с прошлыми годами", "5. Признаки необъективности и риски"]
    assert row_of(rows, "Минимальный порог") == ["Минимальный порог", "24 тестовых балла"]
    assert row_of(rows, "Преодолели порог") == ["Преодолели порог", "75,0 %"]
    assert row_of(rows, "Ниже порога") == ["Ниже порога", "1"]
    assert row_of(rows, "Средний тестовый балл") == ["Средний тестовый балл", "66,50"]
    assert row_of(rows, "81–100 баллов") == ["81–100 баллов", "2"]


def test_ege_base_mathematics_has_a_mark_as_its_threshold_and_no_test_scores(aw):
    # Marks 5, 4, 2 and no test score: базовая математика gives a mark; a «3» passes it — 2 of 3.
    base = procedure(aw.world, "EGE-11-MB", AssessmentKind.EGE, "Математика (база)", 11, max_score=21, min_score=7)
    for key, mark in (("b1", 5), ("b2", 4), ("b3", 2)):
        result(base, pupil(aw.world, key, "11А", f"Выпускник {key}"), primary=mark * 4, mark=mark)
    recompute(aw.school, [2024])
    rows = docx_rows(WRITERS[Format.DOCX](document(procedure_report(base, aw.users["deputy"]))))

    assert row_of(rows, "Минимальный порог") == ["Минимальный порог", "отметка «3»"]
    assert row_of(rows, "Преодолели порог") == ["Преодолели порог", "66,7 %"]
    assert not any(row and "тестов" in row[0] for row in rows)


def test_objectivity_flags_keep_their_abbreviations_inside_a_sentence():
    from vsoko.reports.procedure import flag_words

    flags = [SimpleNamespace(title="Высокая доля «2» на ВПР"),
             SimpleNamespace(title="Результаты ОГЭ ниже минимального порога")]
    assert flag_words(flags) == "высокая доля «2» на ВПР; результаты ОГЭ ниже минимального порога"


def enter_benchmarks(assessment, values: dict[tuple[str, str], str]) -> None:
    """As the deputy types them on `/assessments/<pk>/benchmarks/` (ФИС ОКО «Статистика по отметкам»)."""
    from decimal import Decimal

    from vsoko.analysis.benchmarks import save_entries
    save_entries(assessment, {key: None if value is None else Decimal(value) for key, value in values.items()})


def test_the_figures_of_the_region_and_the_country_are_compared_in_a_table_and_in_words(aw):
    # Region: «2» 12,5, «3» 40,3, «4» 35,2, «5» 12 → success 40,3 + 35,2 + 12 = 87,5, quality 35,2 + 12 = 47,2.
    # РФ: «2» 15,1, «3» 38,6, «4» 34, «5» 12,3 → success 84,9, quality 46,3. No municipal figures: no column.
    # The school (see the top): «2» 33,3, «3» 16,7, «4» 33,3, «5» 16,7, success 66,7, quality 50.
    enter_benchmarks(aw.vpr, {("2", "region"): "12.5", ("3", "region"): "40.3", ("4", "region"): "35.2",
                              ("5", "region"): "12", ("2", "country"): "15.1", ("3", "country"): "38.6",
                              ("4", "country"): "34", ("5", "country"): "12.3"})

    data = docx_of(aw, aw.users["deputy"])
    rows, paragraphs = docx_rows(data), docx_paragraphs(data)

    assert "3. Сравнение с регионом и РФ" in paragraphs
    assert ["Показатель", "Школа", "Регион", "РФ"] in rows
    assert row_of(rows, "Доля «2»") == ["Доля «2»", "33,3 %", "12,5 %", "15,1 %"]
    assert row_of(rows, "Доля «3»") == ["Доля «3»", "16,7 %", "40,3 %", "38,6 %"]
    assert row_of(rows, "Доля «4»") == ["Доля «4»", "33,3 %", "35,2 %", "34,0 %"]
    assert row_of(rows, "Доля «5»") == ["Доля «5»", "16,7 %", "12,0 %", "12,3 %"]
    assert row_of(rows, "Успеваемость") == ["Успеваемость", "66,7 %", "87,5 %", "84,9 %"]
    assert row_of(rows, "Качество") == ["Качество", "50,0 %", "47,2 %", "46,3 %"]
    # 33,3 − 12,5 = 20,8; 33,3 − 15,1 = 18,2; 66,7 − 87,5 = −20,8; 66,7 − 84,9 = −18,2; 50 − 47,2; 50 − 46,3.
    assert ("Доля «2» — 33,3 %: выше регионального значения на 20,8 п. п., выше общероссийского на 18,2 п. п."
            in paragraphs)
    assert ("Успеваемость — 66,7 %: ниже регионального значения на 20,8 п. п., ниже общероссийского на "
            "18,2 п. п." in paragraphs)
    assert ("Качество — 50,0 %: выше регионального значения на 2,8 п. п., выше общероссийского на 3,7 п. п."
            in paragraphs)
    assert "Муниципалитет" not in " ".join(" ".join(r) for r in rows)
    # The observer: the school's shares tell of groups of 1…4 people — withheld, and not put in words either.
    observer = docx_of(aw, aw.users["observer"])
    assert row_of(docx_rows(observer), "Доля «2»") == ["Доля «2»", "—*", "12,5 %", "15,1 %"]
    assert not [p for p in docx_paragraphs(observer) if p.startswith(("Доля «2» —", "Успеваемость — 6"))]


def test_only_the_entered_levels_and_figures_and_nothing_without_any(aw):
    without = docx_paragraphs(docx_of(aw, aw.users["deputy"]))
    assert not [p for p in without if "Сравнение с муниципалитетом" in p or "Сравнение с регионом" in p]

    # The municipality's «2» and «4» only: its success and quality need «3», «4», «5» — not computed, «—».
    enter_benchmarks(aw.vpr, {("2", "municipality"): "33.3", ("4", "municipality"): "30"})
    data = docx_of(aw, aw.users["deputy"])
    rows, paragraphs = docx_rows(data), docx_paragraphs(data)

    assert "3. Сравнение с муниципалитетом" in paragraphs
    assert row_of(rows, "Доля «2»") == ["Доля «2»", "33,3 %", "33,3 %"]
    assert row_of(rows, "Доля «3»") == ["Доля «3»", "16,7 %", "—"]
    assert row_of(rows, "Успеваемость") == ["Успеваемость", "66,7 %", "—"]
    assert "Доля «2» — 33,3 %: на уровне муниципального значения." in paragraphs
    assert row_of(rows, "Качество") == ["Качество", "50,0 %", "—"]  # «5» not entered
    # In words: «2», success, quality (and an exam's threshold, the mean) — each where the level has it.
    assert not [p for p in paragraphs if p.startswith(("Успеваемость — 66,7 %:", "Качество — 50,0 %:", "Доля «4» —"))]


def test_an_ege_compares_the_mean_test_score_and_the_threshold(aw):
    # ЕГЭ: mean test score 66,5, 3 of 4 at or above the minimum (75 %). Region: 70,1 and 97,5.
    enter_benchmarks(aw.ege, {("mean", "region"): "70.1", ("passed", "region"): "97.5"})
    data = WRITERS[Format.DOCX](document(procedure_report(aw.ege, aw.users["deputy"])))
    rows, paragraphs = docx_rows(data), docx_paragraphs(data)

    assert "3. Сравнение с регионом" in paragraphs
    assert ["Средний тестовый балл", "66,50", "70,10"] in rows
    assert row_of(rows, "Преодолели минимальный порог") == ["Преодолели минимальный порог", "75,0 %", "97,5 %"]
    assert not [r for r in rows if r[0] == "Доля «2»"]
    # 75 − 97,5 = −22,5; 66,5 − 70,1 = −3,6 балла.
    assert "Преодолели минимальный порог — 75,0 %: ниже регионального значения на 22,5 п. п." in paragraphs
    assert "Средний тестовый балл — 66,50: ниже регионального значения на 3,60 балла." in paragraphs


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_spravka_with_the_comparison(aw, tmp_path):
    enter_benchmarks(aw.vpr, {("2", "region"): "12.5", ("3", "region"): "40.3", ("4", "region"): "35.2",
                              ("5", "region"): "12", ("task.1", "region"): "80", ("task.1", "country"): "70.5"})
    (tmp_path / "spravka.docx").write_bytes(docx_of(aw, aw.users["deputy"]))

    text = spaced(as_text(tmp_path / "spravka.docx"))
    assert "3. Сравнение с регионом" in text
    assert "Качество — 50,0 %: выше регионального значения на 2,8 п. п." in text  # 50 − (35,2 + 12)
    # Task 1: 8/12 = 66,7 %; 66,7 − 80,0 = −13,3, 66,7 − 70,5 = −3,8.
    assert "Выполнение заданий в сравнении с регионом и РФ" in text
    assert "−13,3 п. п." in text and "−3,8 п. п." in text
    assert "Западающее задание (ниже региона на 10 п. п. и более): 1 — ниже региона на 13,3 п. п." in text


@pytest.fixture
def three_pupils(db):
    """ВПР, математика, 6 класс: three pupils, two tasks of the basic level, by hand:

        pupil  task 1 (2 б.)  task 2 (3 б.)
        p1     2              3
        p2     1              3
        p3     0              2
        school 3/6 = 50,0 %   8/9 = 88,9 %
    """
    from tests.accounts.personas import build_world
    from vsoko.records.enums import Difficulty

    world = build_world()
    a = procedure(world, "VPR-6-M", AssessmentKind.VPR, "Математика", 6, max_score=5,
                  mark_scale="2:0-1;3:2-3;4:4;5:5",
                  tasks=[("1", 2, Difficulty.BASIC, "Вычисления"), ("2", 3, Difficulty.BASIC, "Текстовые задачи")])
    for key, last_name, tasks, mark in (("p1", "Иванов", (2, 3), 5), ("p2", "Петров", (1, 3), 4),
                                        ("p3", "Сидоров", (0, 2), 3)):
        result(a, pupil(world, key, "6А", last_name), primary=sum(tasks), mark=mark, tasks=tasks)
    recompute(world.school, [a.year_id])
    return SimpleNamespace(vpr=a, users=world.users)


def test_task_completion_beside_the_region_and_the_country_names_the_tasks_far_below_the_region(three_pupils):
    # Entered from ФИС ОКО «Выполнение заданий»: region 65,4 and 80; РФ 58,2 and 85,5.
    # Task 1: 50,0 − 65,4 = −15,4 (10 п. п. or more below the region: западающее), 50,0 − 58,2 = −8,2.
    # Task 2: 88,9 − 80,0 = +8,9, 88,9 − 85,5 = +3,4.
    enter_benchmarks(three_pupils.vpr, {("task.1", "region"): "65.4", ("task.2", "region"): "80",
                                        ("task.1", "country"): "58.2", ("task.2", "country"): "85.5"})
    data = WRITERS[Format.DOCX](document(procedure_report(three_pupils.vpr, three_pupils.users["deputy"])))
    rows, paragraphs = docx_rows(data), docx_paragraphs(data)

    assert "Выполнение заданий в сравнении с регионом и РФ" in paragraphs
    assert ["Задание", "Уровень", "Макс. балл", "Школа", "Регион", "Школа − регион", "РФ", "Школа − РФ"] in rows
    assert ["1", "Б", "2", "50,0 %", "65,4 %", "−15,4 п. п.", "58,2 %", "−8,2 п. п."] in rows
    assert ["2", "Б", "3", "88,9 %", "80,0 %", "+8,9 п. п.", "85,5 %", "+3,4 п. п."] in rows
    sentence = "Западающее задание (ниже региона на 10 п. п. и более): 1 — ниже региона на 15,4 п. п."
    assert paragraphs.count(sentence) == 2  # under the table, and among the system's suggested conclusions


def test_no_task_far_below_the_region_is_said_so_and_a_level_without_task_figures_has_no_table(three_pupils):
    # Task 1 region 59,95 is shown 60,0 (rounded half up): 50,0 − 60,0 = −10,0 — exactly 10 п. п. below: named;
    # task 2 region 99: 88,9 − 99,0 = −10,1. The РФ's «2» is no task figure: no РФ column.
    enter_benchmarks(three_pupils.vpr, {("task.1", "region"): "59.95", ("task.2", "region"): "99",
                                        ("2", "country"): "10"})
    data = WRITERS[Format.DOCX](document(procedure_report(three_pupils.vpr, None)))
    paragraphs = docx_paragraphs(data)
    assert "Выполнение заданий в сравнении с регионом" in paragraphs
    assert ["Задание", "Уровень", "Макс. балл", "Школа", "Регион", "Школа − регион"] in docx_rows(data)
    assert ("Западающие задания (ниже региона на 10 п. п. и более): 1 — ниже региона на 10,0 п. п.; 2 — ниже "
            "региона на 10,1 п. п." in paragraphs)

    # Region 59,9 and 98,9 → 50,0 − 59,9 = −9,9, 88,9 − 98,9 = −10,0 — only task 2, in the singular.
    enter_benchmarks(three_pupils.vpr, {("task.1", "region"): "59.9", ("task.2", "region"): "98.9"})
    paragraphs = docx_paragraphs(WRITERS[Format.DOCX](document(procedure_report(three_pupils.vpr, None))))
    assert "Западающее задание (ниже региона на 10 п. п. и более): 2 — ниже региона на 10,0 п. п." in paragraphs

    # Region 59,9 and 80 → −9,9 and +8,9: no task 10 п. п. below.
    enter_benchmarks(three_pupils.vpr, {("task.1", "region"): "59.9", ("task.2", "region"): "80"})
    paragraphs = docx_paragraphs(WRITERS[Format.DOCX](document(procedure_report(three_pupils.vpr, None))))
    assert "Заданий, выполненных ниже региона на 10 п. п. и более, нет." in paragraphs
    assert not [p for p in paragraphs if p.startswith("Западающ")]

    # Removed: no task figure of any level, no table.
    enter_benchmarks(three_pupils.vpr, {("task.1", "region"): None, ("task.2", "region"): None})
    paragraphs = docx_paragraphs(WRITERS[Format.DOCX](document(procedure_report(three_pupils.vpr, None))))
    assert not [p for p in paragraphs if p.startswith("Выполнение заданий в сравнении")]

"""The generated paragraphs of the self-examination's analytic part, checked by hand on the small school of
conftest.py (students of 5А: 10, 8 and 7 over three years; «good» 5, 4 and 5; ВПР: marks 5, 4, 3, 2).

Most tests set the publication minimum to 1, so that every figure is shown; the published default (5) is
checked on its own: it withholds the shares whose part or rest is 1–4 people."""

import datetime

import pytest

from tests.datavalues.records import Records
from tests.reports.conftest import YEAR
from vsoko.datavalues.compute import recompute
from vsoko.decisions.enums import Body
from vsoko.decisions.models import Decision
from vsoko.indicators.models import Catalog
from vsoko.records.enums import Destination, Education, Outcome, QualificationCategory
from vsoko.reports.document import Heading, Paragraph, Section, Table, cell_text
from vsoko.reports.enums import SelfExamSection
from vsoko.reports.self_exam import build
from vsoko.reports.self_exam_analysis import CODES, SECTIONS
from vsoko.reports.self_exam_facts import Facts

pytestmark = pytest.mark.django_db


def facts_of(school, year=YEAR) -> Facts:
    table = list(Catalog.objects.get(code="order1324").indicators.filter(retired=False).order_by("position"))
    return Facts.gather(school, year, table, CODES)


def section_of(school, part: SelfExamSection) -> tuple[Section, Facts, bool]:
    facts = facts_of(school)
    section = Section(part.heading)
    said = SECTIONS[part].build(section, facts)
    return section, facts, said


def texts(section: Section) -> list[str]:
    return [b.text for b in section.blocks if isinstance(b, Paragraph | Heading)]


def test_the_contingent_with_three_years_and_the_change(known_school, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 1

    section, _, said = section_of(known_school, SelfExamSection.EDUCATION)

    # 10, 8, 7 students in 5А; nobody in 1–4 or 10–11 classes.
    assert said
    assert texts(section)[0] == (
        "Контингент на конец 2024/2025 учебного года: численность обучающихся — 7 человек (2022/2023 — 10 человек; "
        "2023/2024 — 8 человек; за год −1 человек). По уровням образования: 1–4 классы (начальное общее образование) — "
        "0 человек (2023/2024 — 0 человек); 5–9 классы (основное общее образование) — 7 человек (2023/2024 — "
        "8 человек; за год −1 человек); 10–11 классы (среднее общее образование) — 0 человек (2023/2024 — 0 человек).")
    # 3 of 7 taught with distance technologies (entered); the others are not entered.
    assert "обучающиеся с применением ДОТ, электронного обучения — 42,9 %" in texts(section)[1]
    assert "учащиеся с углублённым изучением отдельных предметов — нет данных" in texts(section)[1]


def test_success_and_quality_with_their_dynamics(known_school, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 1

    section, _, _ = section_of(known_school, SelfExamSection.TRAINING)

    results = texts(section)[1]
    # Every year mark is 3 or better: success 100 %; quality 5/10, 4/8, 5/7.
    assert results.startswith(
        "По итогам учебного года: успеваемость — 100,0 % (2022/2023 — 100,0 %; 2023/2024 — 100,0 %); качество знаний — "
        "71,4 % (2022/2023 — 50,0 %; 2023/2024 — 50,0 %; за год +21,4 п. п.); доля отличников — 0,0 % ")
    assert results.endswith("По сравнению с 2023/2024 учебным годом улучшились: качество знаний (+21,4 п. п.); "
                            "степень обученности (СОУ) (+9,9 п. п.).")


def test_the_procedures_of_the_year_from_the_analysis(known_school, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 1

    section, _, _ = section_of(known_school, SelfExamSection.TRAINING)

    table = next(b for b in section.blocks if isinstance(b, Table))
    # ВПР 5, 4, 3, 2: mean 3,5; three of four 3 or better, two of four 4 or 5.
    assert [[cell_text(c) for c in row.cells] for row in table.rows] == [
        ["ВПР", "", "", "", ""], ["математика, 5 класс", "4", "3,50", "75,0 %", "50,0 %"]]


def test_published_figures_about_small_groups_are_withheld(known_school):
    section, facts, _ = section_of(known_school, SelfExamSection.TRAINING)

    results = texts(section)[1]
    # Quality 5 of 7: the 2 others are a small group; 2023/2024: 4 of 8. Success 7 of 7 leaves nobody out.
    assert "успеваемость — 100,0 % (2022/2023 — 100,0 %; 2023/2024 — 100,0 %)" in results
    assert "качество знаний — скрыто (2022/2023 — 50,0 %; 2023/2024 — скрыто; за год скрыто)" in results
    # The ВПР had 4 participants: nothing of it is shown.
    table = next(b for b in section.blocks if isinstance(b, Table))
    assert [cell_text(c) for c in table.rows[1].cells] == ["математика, 5 класс", "скрыто", "скрыто", "скрыто",
                                                           "скрыто"]
    assert facts.withheld


def test_a_withheld_mean_mark_says_so_not_no_data(known_school, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 2
    # ВПР 5, 4, 3, 2: 4 participants are shown, but each mark is one pupil's — the mean would give them back, so it
    # is «скрыто» like the shares beside it; «—» says «нет данных», and the marks are there.
    section, facts, _ = section_of(known_school, SelfExamSection.TRAINING)

    table = next(b for b in section.blocks if isinstance(b, Table))
    # «3»–«5» 3 of 4 leaves one pupil out: withheld; «4» and «5» 2 of 4 leaves two: shown.
    assert [cell_text(c) for c in table.rows[1].cells] == ["математика, 5 класс", "4", "скрыто", "скрыто", "50,0 %"]
    assert facts.withheld


def test_the_staff_by_education_and_category(known_school, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 1
    b = Records(known_school)
    people = [("s1", QualificationCategory.HIGHEST, Education.HIGHER_PEDAGOGICAL),
              ("s2", QualificationCategory.HIGHEST, Education.HIGHER_PEDAGOGICAL),
              ("s3", QualificationCategory.FIRST, Education.HIGHER),
              ("s4", "", Education.VOCATIONAL_PEDAGOGICAL)]
    for year, staff in ((YEAR - 1, people), (YEAR, [*people, ("s5", "", Education.HIGHER_PEDAGOGICAL)])):
        for staff_id, category, education in staff:
            b.staff(staff_id, category=category, education=education, year=year)
    recompute(known_school, [YEAR - 1, YEAR])

    section, _, _ = section_of(known_school, SelfExamSection.STAFF)

    # 2023/2024: 4 teachers, 3 with higher education (2 pedagogical), 2 highest and 1 first category;
    # 2024/2025: s5 (higher pedagogical, no category) joins.
    assert texts(section)[:2] == [
        "Педагогические работники: численность педагогических работников — 5 человек (2023/2024 — 4 человека; за "
        "год +1 человек); педагоги "
        "с высшим образованием — 80,0 % (2023/2024 — 75,0 %; за год +5,0 п. п.); доля педагогов с высшим педагогическим "
        "образованием — 60,0 % (2023/2024 — 50,0 %; за год +10,0 п. п.).",
        "Квалификационные категории: педагоги с квалификационной категорией — 60,0 % (2023/2024 — 75,0 %; за год "
        "−15,0 п. п.); доля педагогов с высшей квалификационной категорией — 40,0 % (2023/2024 — 50,0 %; за год "
        "−10,0 п. п.); доля педагогов с первой квалификационной категорией — 20,0 % (2023/2024 — 25,0 %; за год "
        "−5,0 п. п.).",
    ]


def test_graduates_further_path(known_school, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 1
    b = Records(known_school)
    for i, place in enumerate([Destination.GRADE_10, Destination.GRADE_10, Destination.COLLEGE,
                               Destination.COLLEGE, Destination.NEET]):
        b.student(f"g{i}", "9А", year=YEAR, outcome=Outcome.GRADUATED, destination=place)
    recompute(known_school, [YEAR])

    section, _, _ = section_of(known_school, SelfExamSection.GRADUATES)

    # 4 of the 5 graduates of 9А went on to 10th grade or college, 1 neither studies nor works; nobody's
    # choice was checked against a vocational diagnosis (the two indicators of regulation 004).
    assert texts(section)[0] == (
        "Продолжение обучения и трудоустройство выпускников: доля выпускников 9 классов, продолживших обучение "
        "(10 класс, СПО) — 80,0 %; доля выпускников 9 классов, прошедших профдиагностику и продолживших обучение в "
        "соответствии с выявленными предпочтениями — нет данных; доля выпускников профильных 11 классов, "
        "продолживших обучение в вузе, СПО в соответствии с профилем — нет данных; доля выпускников, не "
        "работающих и не продолживших обучение — 20,0 %.")
    assert texts(section)[1] == "Ответов выпускников и работодателей на анкеты за 2024/2025 учебный год в системе нет."


def test_the_graduates_sentence_does_not_repeat_their_grade(known_school, settings):
    """«Выпускники 9 класса: доля допущенных к ГИА — …», not «…: доля допущенных к ГИА, 9 класс — …»."""
    from vsoko.records.enums import Certificate

    settings.VSOKO_MIN_GROUP_SIZE = 1
    b = Records(known_school)
    for i, certificate in enumerate([Certificate.HONORS, Certificate.REGULAR, Certificate.REGULAR,
                                     Certificate.REGULAR, Certificate.NONE]):
        b.student(f"g{i}", "9А", year=YEAR, outcome=Outcome.GRADUATED if certificate != Certificate.NONE else "",
                  gia_admitted=True, certificate=certificate)
    recompute(known_school, [YEAR])

    section, _, _ = section_of(known_school, SelfExamSection.TRAINING)

    # 5 of 5 admitted, 4 of 5 with a certificate, 1 of 5 with honours; no ОГЭ results.
    assert [t for t in texts(section) if t.startswith("Выпускники 9 класса")] == [
        "Выпускники 9 класса: доля допущенных к ГИА — 100,0 %; доля получивших аттестат — 80,0 %; доля получивших "
        "аттестат с отличием — 20,0 %; доля участников ОГЭ, преодолевших минимальный порог по всем предметам — нет "
        "данных."]


def test_missing_data_are_said_plainly(known_school):
    paragraphs = {s.heading: [b.text for b in s.blocks if isinstance(b, Paragraph)]
                  for s in build(known_school, YEAR).sections}

    assert paragraphs["2. Оценка системы управления организации"] == [
        "Данных о системе управления организации за 2024/2025 учебный год в системе нет."]
    assert paragraphs["6. Оценка качества кадрового обеспечения"] == [
        "Данных о педагогических работниках за 2024/2025 учебный год в системе нет."]
    assert paragraphs["5. Оценка востребованности выпускников"][0] == (
        "Данных о продолжении обучения и трудоустройстве выпускников за 2024/2025 учебный год в системе нет.")
    assert paragraphs["8. Оценка качества библиотечно-информационного обеспечения"] == [
        "Данных о библиотечно-информационном обеспечении за 2024/2025 учебный год в системе нет."]
    # 2.1 is entered (0,25 computers per student), 2.6 is not: only what has a value is told.
    assert paragraphs["9. Оценка качества материально-технической базы"] == [
        "Материально-техническая база: компьютеров на одного учащегося — 0,25 единицы."]


def test_the_sections_follow_order_462_before_the_table(known_school):
    headings = [s.heading for s in build(known_school, YEAR).sections]

    assert headings == ["Аналитическая часть", *(part.heading for part in SelfExamSection),
                        "Показатели деятельности общеобразовательной организации, подлежащей самообследованию"]
    assert headings[1:4] == ["1. Оценка образовательной деятельности", "2. Оценка системы управления организации",
                             "3. Оценка содержания и качества подготовки обучающихся"]


def test_the_analysis_of_the_indicators_counts_the_table(known_school, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 1

    section, _, _ = section_of(known_school, SelfExamSection.INDICATORS)

    # Entered: 2.1 and 1.22. Computed with a value: 1.1–1.5, 1.18, 1.19 and its three levels (no events: 0 %).
    assert texts(section) == [
        "Показатели деятельности школы по приложению 2 к приказу Минобрнауки России от 10.12.2013 № 1324 приведены "
        "в таблице ниже (строк в таблице — 52). За 2024/2025 учебный год вычислены по данным школы — 10, введены "
        "школой — 2, нет данных — 40.",
        "По сравнению с 2023/2024 учебным годом улучшились: 1.5 Учащиеся, успевающие на «4» и «5» по результатам "
        "промежуточной аттестации (+21,4 п. п.).",
    ]


def test_the_vsoko_section_names_nobody_responsible(known_school):
    Decision.objects.create(school=known_school, year_id=YEAR, date=datetime.date(2025, 3, 1), title="ВШК",
                            text="Провести", body=Body.ORDER, responsible="Петрова Нина Викторовна")

    section, _, _ = section_of(known_school, SelfExamSection.VSOKO)

    table = [b for b in section.blocks if isinstance(b, Table)][-1]
    assert table.header[:3] == ["Дата", "Решение", "Где принято"]
    assert "Петрова" not in str(section)


def test_the_vsoko_sections_decisions_withhold_what_the_report_withholds(known_school):
    # Quality of 2024/2025 is 5 of 7 (a rest of 2): «скрыто» beside the decision, as in the report's sentences.
    Decision.objects.create(school=known_school, year_id=YEAR, date=datetime.date(2025, 3, 1), title="ВШК",
                            text="Провести", body=Body.ORDER, indicators=["core.quality"])

    section, facts, _ = section_of(known_school, SelfExamSection.VSOKO)

    table = [b for b in section.blocks if isinstance(b, Table)][-1]
    assert cell_text(table.rows[0].cells[-1]) == "Качество знаний: скрыто → нет данных"
    assert "71,4" not in str(section)
    assert facts.withheld  # the section's footnote says what «скрыто» means


def test_a_yes_or_no_is_said_not_subtracted(known_school):
    b = Records(known_school)
    b.manual("order1324.2.4", value="0", year=YEAR - 1)
    b.manual("order1324.2.4", value="1", year=YEAR)
    recompute(known_school, [YEAR - 1, YEAR])

    section, _, said = section_of(known_school, SelfExamSection.LIBRARY)

    assert said
    assert texts(section) == ["Библиотечно-информационное обеспечение: наличие читального зала библиотеки — да "
                              "(2023/2024 — нет)."]


def test_the_self_examination_names_as_moved_only_what_moved_by_the_threshold():
    from tests.reports.test_analytic import year_change_lines

    lines = year_change_lines()
    facts = Facts(school=None, year=YEAR, context=None, indicators={line.indicator.code: line.indicator
                                                                    for line in lines},
                  minimum=1, _lines={line.indicator.code: line for line in lines})

    assert facts.changes([line.indicator.code for line in lines]) == (
        "По сравнению с 2023/2024 учебным годом улучшились: качество знаний (+1,7 п. п.).")


def test_a_change_is_said_in_the_unit_of_its_values(known_school, settings):
    # «5,50 кв. м (2023/2024 — 7,44 кв. м; за год −1,93)»: the change was the one figure of the sentence without
    # its unit; a reader of the printed report asked «−1,93 чего?».
    settings.VSOKO_MIN_GROUP_SIZE = 1
    b = Records(known_school)
    b.manual("order1324.2.1", value="0.2", year=YEAR - 1)  # 0,20 → 0,25 computers per student
    b.manual("order1324.2.6", value="7.5", year=YEAR - 1)  # 7,50 → 6,00 square metres per student
    b.manual("order1324.2.6", value="6", year=YEAR)
    recompute(known_school, [YEAR - 1, YEAR])

    material, _, _ = section_of(known_school, SelfExamSection.FACILITIES)
    education, _, _ = section_of(known_school, SelfExamSection.EDUCATION)

    assert texts(material)[0] == (
        "Материально-техническая база: компьютеров на одного учащегося — 0,25 единицы (2023/2024 — 0,20 единицы; "
        "за год +0,05 единицы); площадь помещений для образовательной деятельности на одного учащегося — 6,00 кв. м "
        "(2023/2024 — 7,50 кв. м; за год −1,50 кв. м).")
    # 8 → 7 pupils: «за год −1 человек».
    assert "численность обучающихся — 7 человек (2022/2023 — 10 человек; 2023/2024 — 8 человек; за год −1 человек)" \
        in texts(education)[0]

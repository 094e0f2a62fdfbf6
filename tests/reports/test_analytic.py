import pytest

from tests.reports.conftest import YEAR
from tests.reports.readers import docx_paragraphs, docx_rows, row_of
from vsoko.datavalues.compute import recompute
from vsoko.records.models import SurveyAnswer
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.registry import render

pytestmark = pytest.mark.django_db

HEADER = ["Показатель", "2022/2023", "2023/2024", "2024/2025", "Изменение за год", "Цель", "Оценка", "Сравнение"]


@pytest.fixture
def analytic(known_school):
    return render(ReportKind.ANALYTIC, known_school, YEAR, Format.DOCX)


def test_indicators_have_three_years_the_change_and_the_target(analytic):
    rows = docx_rows(analytic)

    assert HEADER in rows
    # 5 of 10, 4 of 8, 5 of 7 good students: 50 %, 50 %, 71,43 %; +21,43 п. п.; the target is 80 %.
    assert row_of(rows, "Качество знаний")[1:] == ["50,0 %", "50,0 %", "71,4 %", "+21,4 п. п.", "80,0 %",
                                                   "не достигнуто",
                                                   "муниципалитет 60,0 % — лучше; регион 75,0 % — хуже"]
    assert row_of(rows, "Численность обучающихся на конец учебного года")[1:] == [
        "10", "8", "7", "−1", "—", "цель не задана", "—"]
    assert row_of(rows, "Успеваемость")[1:5] == ["100,0 %", "100,0 %", "100,0 %", "без изменений"]


def test_procedures_give_participants_means_and_the_journal_comparison(analytic):
    rows = docx_rows(analytic)

    # Marks 5, 4, 3, 2 against journal marks 5, 5, 3, 3: mean 3,50 (a mean mark keeps two places); «3»–«5» 3 of 4;
    # «4»–«5» 2 of 4;
    # the same mark 2 of 4, a higher one 0, a lower one 2 of 4.
    assert row_of(rows, "математика, 5 класс") == [
        "математика, 5 класс", "4", "3,50", "75,0 %", "50,0 %", "50,0 %", "0,0 %", "50,0 %"]


def test_conclusions_name_the_missed_target_and_the_improvement(analytic):
    text = " ".join(docx_paragraphs(analytic))

    assert "Аналитическая справка по результатам ВСОКО за 2024/2025 учебный год" in text
    assert "цель достигнута: 0, не достигнута: 1" in text
    assert "Ниже целевого значения: Качество знаний — 71,4 % при цели 80,0 %." in text
    assert "Улучшились по сравнению с 2023/2024 учебным годом: Качество знаний (+21,4 п. п.)" in text


def test_the_report_opens_with_charts_of_the_headline_indicators(known_school):
    from vsoko.reports.analytic import build

    document = build(known_school, YEAR)
    headline = document.sections[0]
    quality = next(b for b in headline.blocks if b.title == "Качество знаний")

    assert headline.heading == "Динамика основных показателей"
    # 50 %, 50 %, 5 of 7 (hand-computed as in the table above); the target 80 % a dashed line.
    assert [(label, text) for label, _, text in quality.bars] == [
        ("2022/2023", "50,0 %"), ("2023/2024", "50,0 %"), ("2024/2025", "71,4 %")]
    assert round(quality.bars[-1][1], 2) == 71.43
    assert (quality.target, quality.target_text) == (80, "цель 80,0 %")


def test_charts_are_pictures_in_word_and_native_charts_in_excel(known_school):
    import io

    import docx
    import openpyxl

    word = docx.Document(io.BytesIO(render(ReportKind.ANALYTIC, known_school, YEAR, Format.DOCX)))
    assert len(word.inline_shapes) >= 2  # quality and success at least

    from vsoko.reports.analytic import build
    from vsoko.reports.writers import WRITERS

    book = openpyxl.load_workbook(io.BytesIO(WRITERS[Format.XLSX](build(known_school, YEAR))))
    sheet = book.active
    assert len(sheet._charts) >= 2
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    start = rows.index(next(r for r in rows if r[0] == "Качество знаний"))
    assert [r[:2] for r in rows[start + 1:start + 4]] == [["2022/2023", 50], ["2023/2024", 50],
                                                           ["2024/2025", pytest.approx(71.43, abs=0.01)]]


def test_survey_answers_are_summed_up_per_question(known_school):
    # Parents: five respondents; on «overall» 2 fully and 1 rather satisfied, 1 not, 1 skipped it.
    answers = [("r1", "полностью удовлетворен"), ("r2", "Полностью удовлетворен"), ("r3", "скорее удовлетворен"),
               ("r4", "не удовлетворен"), ("r5", None)]
    for respondent, answer in answers:
        SurveyAnswer.objects.create(school=known_school, year_id=YEAR, survey="parents", respondent=respondent,
                                    grade=6, question="overall" if answer else "safety",
                                    answer=answer or "затрудняюсь ответить")
    recompute(known_school, [YEAR])

    report = render(ReportKind.ANALYTIC, known_school, YEAR, Format.DOCX)

    rows = docx_rows(report)
    assert ["Вопрос", "Удовлетворены", "Не удовлетворены", "Затрудняюсь ответить", "Нет ответа"] in rows
    assert row_of(rows, "Насколько вы удовлетворены школой в целом?")[1:] == ["60,0 %", "20,0 %", "0,0 %", "20,0 %"]
    assert row_of(rows, "Безопасностью пребывания ребёнка в школе?")[1:] == ["0,0 %", "0,0 %", "20,0 %", "80,0 %"]
    paragraphs = docx_paragraphs(report)
    assert "Результаты анкетирования" in paragraphs
    assert any(p.startswith("Ответили: 5 (родители") and "5–9 классы — 5" in p for p in paragraphs)


def test_no_survey_section_without_answers(analytic):
    assert "Результаты анкетирования" not in docx_paragraphs(analytic)


def test_the_teachers_questionnaire_has_its_section_without_levels_of_education(known_school):
    # Teachers: three respondents; «overall» 1 rather satisfied, 1 unsure, 1 skipped it (answered «climate»).
    for respondent, question, answer in [("t1", "overall", "скорее удовлетворен"),
                                         ("t2", "overall", "затрудняюсь ответить"),
                                         ("t3", "climate", "не удовлетворен")]:
        SurveyAnswer.objects.create(school=known_school, year_id=YEAR, survey="teachers", respondent=respondent,
                                    question=question, answer=answer)
    recompute(known_school, [YEAR])

    report = render(ReportKind.ANALYTIC, known_school, YEAR, Format.DOCX)

    rows = docx_rows(report)
    assert row_of(rows, "Насколько вы удовлетворены работой в школе в целом?")[1:] == [
        "33,3 %", "0,0 %", "33,3 %", "33,3 %"]
    assert row_of(rows, "Психологическим климатом в коллективе?")[1:] == ["0,0 %", "33,3 %", "0,0 %", "66,7 %"]
    paragraphs = docx_paragraphs(report)
    assert "Удовлетворённость педагогических работников условиями труда" in paragraphs
    assert ("Ответили: 3 (педагогические работники школы). Доли — от всех ответивших, включая пропустивших вопрос."
            in paragraphs)


def test_flag_names_keep_their_abbreviations_inside_the_conclusion():
    """«Высокая доля «2» на ВПР» inside a sentence is «высокая доля «2» на ВПР», not «… на впр»; «ОГЭ» stays."""
    from types import SimpleNamespace

    from vsoko.analysis.flags import Flag, FlagKind, Level
    from vsoko.reports.analytic import conclusion_sentences

    def flag(kind):
        return Flag(kind=kind, level=Level.HIGH, reason="", count=5, base=20)

    rows = [SimpleNamespace(label="ВПР, физика, 8 класс", flags=[flag(FlagKind.VPR_TWOS)]),
            SimpleNamespace(label="ОГЭ, география, 9 класс", flags=[flag(FlagKind.OGE_BELOW_MIN)])]

    sentences = conclusion_sentences([], YEAR, rows)

    assert sentences[-1] == ("Признаки необъективности результатов отмечены по процедурам: ВПР, физика, 8 класс "
                             "(высокая доля «2» на ВПР); ОГЭ, география, 9 класс (результаты ОГЭ ниже "
                             "минимального порога).")


def year_change_lines():
    """Knowledge quality 54,8 % → 56,5 % (+1,7 п. п.), success 98,5 % → 97,7 % (−0,8), СОУ 71,1 % → 71,5 % (+0,4):
    as the overview, the plan's problems and the decisions' effect judge them, only the first moved (a change under
    1 п. п. is a fluctuation)."""
    from fractions import Fraction
    from types import SimpleNamespace

    from vsoko.indicators.dashboard import Line
    from vsoko.indicators.evaluate import Value

    def line(code, name, before, after):
        b, a = Value(Fraction(before)), Value(Fraction(after))
        indicator = SimpleNamespace(code=code, name=name, unit="percent", direction="up")
        return Line(indicator, [(YEAR - 1, b), (YEAR, a)], a.value - b.value, None, [], None)

    return [line("core.quality", "Качество знаний", "54.8", "56.5"), line("core.success", "Успеваемость", "98.5", "97.7"),
            line("core.sou", "Степень обученности (СОУ)", "71.1", "71.5")]


def test_the_conclusions_name_as_moved_only_what_moved_by_the_threshold():
    from vsoko.reports.analytic import conclusion_sentences

    sentences = conclusion_sentences(year_change_lines(), YEAR, [])

    assert "Улучшились по сравнению с 2023/2024 учебным годом: Качество знаний (+1,7 п. п.)." in sentences
    assert not any(s.startswith("Ухудшились") for s in sentences)


def test_a_yes_no_indicator_that_changed_says_what_it_was(known_school):
    """«Наличие оборудованного медицинского кабинета» (reg000, a catalog the school uses): «нет» in 2023/2024,
    «да» in 2024/2025 — the справка's change reads as the indicator page's does, «было «нет»», not «+1,00» (a
    school's «да» is 1, «нет» 0)."""
    from tests.datavalues.records import Records
    from vsoko.indicators.models import Catalog, SchoolCatalog

    SchoolCatalog.objects.create(school=known_school, catalog=Catalog.objects.get(code="reg000"))
    Records(known_school).manual("reg000.7.5", value="0", year=YEAR - 1)
    Records(known_school).manual("reg000.7.5", value="1", year=YEAR)
    recompute(known_school, [YEAR - 1, YEAR])

    row = row_of(docx_rows(render(ReportKind.ANALYTIC, known_school, YEAR, Format.DOCX)),
                 "Наличие оборудованного медицинского кабинета")

    assert row[1:5] == ["нет данных", "нет", "да", "было «нет»"]


def test_ege_base_mathematics_gives_its_mean_mark_not_a_test_score(db):
    from tests.analysis.test_views import ege_base_mathematics
    from tests.analysis.world import build_analysis_world
    from tests.reports.readers import docx_rows

    aw = build_analysis_world()
    ege_base_mathematics(aw)
    document = render(ReportKind.ANALYTIC, aw.school, YEAR, Format.DOCX)
    rows = docx_rows(document)

    # Marks 5, 4, 4: mean mark 4,33 (two places, as a mark); «3»–«5» 3 of 3, «4»–«5» 3 of 3 — a mark has a quality.
    assert row_of(rows, "Математика (база), 11 класс")[1:5] == ["3", "4,33", "100,0 %", "100,0 %"]
    # Русский язык: test scores, one place; no quality.
    assert row_of(rows, "Русский язык, 11 класс")[2:5] == ["66,5", "75,0 %", "—"]
    assert "у математики базового уровня, где тестового балла нет, — средняя отметка" in " ".join(
        docx_paragraphs(document))

"""The published reports: the self-examination's «Оценка системы управления организации» and the public report
show the licence, accreditation, inspections, НОКО and the count of procedures with public observers — never
a name (of the observers nor of the staff responsible for findings)."""

import datetime

import pytest

from tests.oversight.conftest import expert, finding, inspection
from tests.reports.readers import docx_paragraphs, docx_rows, html_text
from vsoko.indicators.catalogs import load_shipped_catalogs
from vsoko.oversight.models import Credential, NokoResult, Participation
from vsoko.records.models import Assessment
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.registry import render

pytestmark = pytest.mark.django_db

D = datetime.date
SCORES = {"openness": 90, "comfort": 80, "accessibility": 70, "courtesy": 100, "satisfaction": 60}  # mean 80


@pytest.fixture
def recorded(world):
    load_shipped_catalogs()
    Credential.objects.create(school=world.school, kind="licence", number="Л035-01", issued_on=D(2016, 5, 12),
                              issuer="Министерство образования области", scope="НОО, ООО, СОО")
    Credential.objects.create(school=world.school, kind="accreditation", number="А007-02", issued_on=D(2022, 9, 1),
                              issuer="Министерство образования области", scope="НОО, ООО, СОО")
    made = inspection(world.school, D(2024, 10, 1))
    finding(made, deadline=D(2024, 12, 1), fixed_on=D(2024, 11, 20), responsible=world.staff["smirnova"])
    finding(made, deadline=D(2025, 1, 31), responsible=world.staff["volkov"])  # overdue
    NokoResult.objects.create(school=world.school, year=2023, **{k: v - 2 for k, v in SCORES.items()})  # 78
    NokoResult.objects.create(school=world.school, year=2024, place=4, places=20, **SCORES)  # 80
    vpr = Assessment.objects.get(school=world.school, assessment_id="VPR-5-M")
    Participation.objects.create(expert=expert(world.school, "Щербакова"), assessment=vpr, date=D(2025, 4, 15))
    return world


def test_the_public_report_has_the_facts_and_counts_without_names(recorded):
    text, _ = html_text(render(ReportKind.PUBLIC, recorded.school, 2024, Format.HTML))

    assert "Лицензия на осуществление образовательной деятельности: № Л035-01 от 12.05.2016" in text
    assert "Государственная аккредитация: № А007-02 от 01.09.2022" in text
    assert ("Интегральный балл НОКО школы за 2024/2025 учебный год — 80,00 (выше на 2,00 балла, чем в 2023/2024), "
            "место в муниципалитете — 4 из 20.") in text
    assert "Интегральный балл НОКО по годам: 2023/2024 — 78,00; 2024/2025 — 80,00 (▲ +2,00)." in text
    assert ("Общественные наблюдатели (эксперты) присутствовали на 1 из 1 оценочных процедур учебного года "
            "(100,0 %).") in text
    for name in ("Щербакова", "Ульяна", "Смирнова", "Волков"):
        assert name not in text


def test_the_self_examination_shows_them_in_the_management_section_without_names(recorded):
    data = render(ReportKind.SELF_EXAM, recorded.school, 2024, Format.DOCX)
    paragraphs = docx_paragraphs(data)
    rows = docx_rows(data)

    start = paragraphs.index("2. Оценка системы управления организации")
    part = paragraphs[start:paragraphs.index("3. Оценка содержания и качества подготовки обучающихся")]
    assert "Проверки контрольно-надзорных органов" in part
    assert "В 2024/2025 учебном году проведено проверок и профилактических визитов: 1." in part
    assert ["01.10.2024", "Роспотребнадзор", "плановая проверка", "санитарные требования", "выявлены нарушения",
            "2", "1", "1"] in rows
    # Each year's score and the change in columns of their own (numbers a spreadsheet sorts), not «80 (▲ +2)».
    assert ["Интегральный балл", "78,00", "80,00", "+2,00"] in rows
    assert ["Доступность услуг для инвалидов", "68,00", "70,00", "+2,00"] in rows
    everything = " ".join(paragraphs + [cell for row in rows for cell in row])
    for name in ("Щербакова", "Смирнова", "Волков"):
        assert name not in everything


def test_without_records_the_reports_say_what_they_said_before(world):
    load_shipped_catalogs()

    text, _ = html_text(render(ReportKind.PUBLIC, world.school, 2024, Format.HTML))
    paragraphs = docx_paragraphs(render(ReportKind.SELF_EXAM, world.school, 2024, Format.DOCX))

    assert "Лицензия, аккредитация" not in text
    start = paragraphs.index("2. Оценка системы управления организации")
    assert paragraphs[start + 1].startswith("Данных о системе управления организации")


def test_a_years_report_shows_no_noko_result_of_a_later_year(recorded):
    # The demo's report on 2024/2025 said «Интегральный балл НОКО школы за 2025/2026 учебный год»: a result
    # recorded after the year reported belongs to a later year's report (and a report on 2023/2024 made again
    # today must say what it said then).
    NokoResult.objects.create(school=recorded.school, year=2025, **{k: v + 5 for k, v in SCORES.items()})  # 85

    data = render(ReportKind.SELF_EXAM, recorded.school, 2024, Format.DOCX)
    rows, paragraphs = docx_rows(data), docx_paragraphs(data)
    public, _ = html_text(render(ReportKind.PUBLIC, recorded.school, 2024, Format.HTML))

    assert ["Интегральный балл", "78,00", "80,00", "+2,00"] in rows
    assert not any("2025/2026" in cell for row in rows for cell in row)
    sentence = next(p for p in paragraphs if p.startswith("Интегральный балл НОКО"))
    assert sentence.startswith("Интегральный балл НОКО школы за 2024/2025 учебный год — 80,00")
    assert "Интегральный балл НОКО школы за 2024/2025 учебный год" in public and "85,00" not in public

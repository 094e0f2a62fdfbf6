"""«Анализ работы МО за учебный год» (vsoko.reports.mo_year) on the personas' small world (tests/accounts/personas.py),
the МО of математика, with figures computed by hand:

- year marks of математика 2024/2025: 5А «5», 5Б «4» (5 класс: 2 marks, успеваемость 100 %, качество 100 %);
  10А «3» (one mark: withheld, the minimum group being 2 here); 2023/2024, 5 класс: «4», «4», «2», «2» (50 % and
  50 %: groups of two, none withheld), so both change by +50,0 п. п.;
- ВПР, математика, 5 класс: «5» (17 points) and «3» (8 points) → 2 participants, «2» 0,0 %; «4–5» 50,0 % and the
  mean 4,00 withheld: a group of one «5» and one «3» (the complementary suppression of tests/reports/test_mo_year_withheld.py);
- events with «предмет» математика: municipal prize, regional winner; without a «предмет», the world's «Олимпиада по
  математике» (municipal prize) is the МО's by its name, so municipal: 2 participations, 0 winners, 2 prizes
  (физика is not the МО's; nor are the olympiads without a subject added in the test of them);
- Смирнова (first category, no date; courses of the year, 36 h) and Козлова (высшая of 01.10.2020: valid to
  30.09.2025, so attested in 2025/2026; стаж since 01.09.2010: 14 years; no courses); Волков teaches физика;
- two visits to Смирнова, 10 and 6 points → mean 8,0; one to Волков, not counted.
"""

import datetime
import io

import docx
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.text.paragraph import Paragraph as DocxParagraph

from tests.accounts.personas import build_world, make_user
from tests.reports.readers import docx_paragraphs, docx_rows, row_of
from vsoko.accounts.enums import Role
from vsoko.audit.models import AuditEntry
from vsoko.datavalues.compute import recompute
from vsoko.observations.criteria import CRITERIA
from vsoko.observations.models import LessonVisit
from vsoko.records import enums
from vsoko.records.models import (
    Assessment,
    Event,
    PeriodMark,
    Result,
    StaffEvent,
    StaffMember,
    StaffYear,
    Student,
)
from vsoko.reports import mo_year
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.registry import REPORTS, render

pytestmark = pytest.mark.django_db
YEAR = 2024


@pytest.fixture
def world(settings):
    settings.VSOKO_MIN_GROUP_SIZE = 2
    w = build_world()
    school, math = w.school, w.subjects["math"]
    for sid, mark in (("S-101", "4"), ("S-102", "2"), ("S-103", "4"), ("S-104", "2")):
        pupil = Student.objects.create(
            school=school,
            student_id=sid,
            last_name="Ранее",
            first_name=sid,
            birth_date=datetime.date(2012, 1, 1),
            sex=enums.Sex.FEMALE,
        )
        w.enroll(pupil, "5А-2023")
        PeriodMark.objects.create(
            school=school,
            year_id=YEAR - 1,
            period=enums.Period.YEAR,
            student=pupil,
            subject=math,
            mark=mark,
        )
    vpr = Assessment.objects.get(assessment_id="VPR-5-M")
    Result.objects.create(
        school=school, assessment=vpr, student=w.students["petrov"], primary_score=8, mark=3
    )
    for key, subject, level, result in (
        ("petrov", "математика", enums.EventLevel.MUNICIPAL, enums.EventResult.PRIZE),
        ("sidorova", "Математика ", enums.EventLevel.REGIONAL, enums.EventResult.WINNER),
        ("sidorova", "физика", enums.EventLevel.MUNICIPAL, enums.EventResult.WINNER),
    ):
        Event.objects.create(
            school=school,
            year_id=YEAR,
            student=w.students[key],
            event=f"Олимпиада {subject}",
            subject=subject,
            level=level,
            result=result,
        )
    kozlova = StaffMember.objects.create(
        school=school, staff_id="P-010", last_name="Козлова", first_name="Елена"
    )
    row = StaffYear.objects.create(
        school=school,
        year_id=YEAR,
        staff=kozlova,
        position="учитель",
        category=enums.QualificationCategory.HIGHEST,
        category_date=datetime.date(2020, 10, 1),
        experience_since=datetime.date(2010, 9, 1),
    )
    row.subjects.set([math])
    w.staff["kozlova"] = kozlova
    for teacher, total in (
        (w.staff["smirnova"], 10),
        (w.staff["smirnova"], 6),
        (w.staff["volkov"], 12),
    ):
        scores = {
            c.key: min(2, total - 2 * n) for n, c in enumerate(CRITERIA) if total > 2 * n
        }  # 2, 2 … to `total`
        LessonVisit.objects.create(
            school=school,
            year_id=YEAR,
            date=datetime.date(2024, 11, 12),
            observer=w.staff["accountant"],
            teacher=teacher,
            scores=scores,
        )
    recompute(school, [YEAR])
    return w


def math_document(w) -> bytes:
    return render(ReportKind.MO_YEAR, w.school, YEAR, Format.DOCX, mo=str(w.subjects["math"].pk))


def test_the_document_of_the_association(world):
    """One document, read once: each of its parts against the figures worked out in the module docstring."""
    StaffEvent.objects.create(
        school=world.school,
        year_id=YEAR - 1,
        staff=world.staff["kozlova"],
        kind=enums.StaffEventKind.COURSES,
        title="Старые курсы",
        hours=72,
    )
    data = math_document(world)
    rows = docx_rows(data)
    # 2. the year marks by grade, with the change; a group of one withheld; физика is another МО
    assert [
        "Математика",
        "5 класс",
        "2",
        "100,0 %",
        "+50,0 п. п.",
        "100,0 %",
        "+50,0 п. п.",
    ] in rows
    assert ["Математика", "10 класс", "—*", "—*", "—*", "—*", "—*"] in rows
    assert not [r for r in rows if r[0] == "Физика"]
    # 3. the procedures
    # one «5» and one «3»: «4» и «5» 50 % tells of a group of one (the minimum is 2), and the mean with it
    assert row_of(rows, "ВПР, математика, 5 класс")[2:6] == ["2", "—*", "0,0 %", "—*"]
    # 4. olympiads of the МО's subjects only, by level
    assert row_of(rows, "муниципальный") == ["муниципальный", "2", "0", "2"]
    assert row_of(rows, "региональный") == ["региональный", "1", "1", "0"]
    # 1. the teachers (the courses of a year before are not this year's); Волков teaches физика
    assert row_of(rows, "Козлова Елена")[3:7] == ["высшая", "01.10.2020", "14", "нет"]
    assert row_of(rows, "Смирнова Мария")[3:7] == [
        "первая",
        "—",
        "—",
        "Курсы «Функциональная грамотность», 36 ч",
    ]
    assert not [r for r in rows if r[0].startswith("Волков")]
    # 5. attestation next year; 6. visits
    due = [r for r in rows if r[0] == "Козлова Елена" and "30.09.2025" in r]
    assert due and due[0][3] == "истекает в следующем учебном году"
    assert ["Смирнова Мария", "2", "8,0", "12.11.2024"] in rows
    text = " ".join(docx_paragraphs(data))
    assert "прошли 1 из 2 учителей МО: Смирнова Мария." in text
    assert (
        "Посещено уроков и мероприятий учителей МО: 2, у 1 учителя; средний балл — 8,0 из" in text
    )
    # 7. conclusions from the figures
    assert "В 2025/2026 учебном году аттестация: Козлова Елена." in text
    assert (
        "Качество выросло по сравнению с 2023/2024 учебным годом: математика, 5 класс (+50,0 п. п.)."
        in text
    )
    for pupil in ("Иванов", "Петров", "Сидорова"):
        assert pupil not in text and all(pupil not in cell for r in rows for cell in r)


def test_the_mo_head_gets_his_own_association_audited(world, client):
    math, physics = world.subjects["math"], world.subjects["physics"]
    assert mo_year.association_choices(world.school, YEAR) == [
        (str(math.pk), "Математика"),
        (str(physics.pk), "Физика"),
    ]
    assert REPORTS[ReportKind.MO_YEAR].personal_data
    client.force_login(world.users["mo_head"])
    url = reverse("reports:mo_year")
    progress = client.get(
        reverse("progress:index"), {"year": YEAR, "period": "year"}
    ).content.decode()
    assert f'href="{url}?school=s1&amp;year={YEAR}"' in progress  # under «По учителям МО»
    response = client.get(url, {"school": "s1", "year": YEAR})
    assert response.status_code == 200
    assert "Методическое объединение: Математика" in docx_paragraphs(response.content)
    entry = AuditEntry.objects.get(object_type="report", object_id=ReportKind.MO_YEAR.value)
    assert entry.user == world.users["mo_head"] and entry.details["mo"] == str(math.pk)
    assert client.get(url, {"year": YEAR, "mo": str(physics.pk)}).status_code == 403


def test_the_administration_gets_any_association_and_the_others_none(world, client):
    url = reverse("reports:mo_year")
    client.force_login(world.users["deputy"])
    response = client.get(url, {"year": YEAR, "mo": str(world.subjects["physics"].pk)})
    assert response.status_code == 200 and "Методическое объединение: Физика" in docx_paragraphs(
        response.content
    )
    for persona in ("teacher", "class_teacher", "observer"):
        client.force_login(world.users[persona])
        assert client.get(url, {"year": YEAR}).status_code == 403
    other_head = make_user(
        "head-2", role=Role.MO_HEAD, org_unit=world.other_school, subject=world.subjects["math"]
    )
    client.force_login(other_head)
    response = client.get(
        url, {"school": "s1", "year": YEAR}
    )  # not his school: his own school's МО
    assert response.status_code == 200 and "МБОУ «Школа №2»" in docx_paragraphs(response.content)
    assert AuditEntry.objects.filter(school=world.school, object_id="mo-year").count() == 1


def test_the_command_names_the_association_by_one_of_its_subjects(world, tmp_path):
    """`vsoko report mo-year --mo физика`: the МО is named by a subject, in any case; an unknown one lists those
    there are."""
    out = tmp_path / "mo.docx"

    call_command("report", "mo-year", "--year", "2024/2025", "--school", "s1", "--mo", "Физика", "--out", str(out))

    assert "Методическое объединение: Физика" in docx_paragraphs(out.read_bytes())
    with pytest.raises(CommandError) as refused:
        call_command("report", "mo-year", "--year", "2024/2025", "--school", "s1", "--mo", "химия",
                     "--out", str(tmp_path / "x.docx"))
    assert str(refused.value) == (
        "В школе «МБОУ «Школа №1»» нет МО с предметом «химия»; можно выбрать: Математика; Физика."
    )
    assert not (tmp_path / "x.docx").exists()
    with pytest.raises(CommandError, match="--mo задаётся только для анализа работы МО"):
        call_command("report", "self-exam", "--year", "2024/2025", "--school", "s1", "--mo", "физика",
                     "--out", str(tmp_path / "y.docx"))


def test_olympiads_without_a_subject_are_the_mos_by_their_name_or_counted_as_nobodys(world):
    """Added without a «предмет»: «Олимпиада «Физтех»» (перечневая) and «Олимпиада по математике и физике» (two
    subjects) are no МО's — 2 records, said in the text; «Олимпиада по физике» is физика's МО; «Большая перемена»
    (a contest) is not an olympiad. математика's МО: the fixture's figures, unchanged (municipal 2 of 0 and 2)."""
    for key, event, kind, level in (
        ("sidorova", "Олимпиада «Физтех»", enums.EventKind.LISTED_OLYMPIAD, enums.EventLevel.ALL_RUSSIAN),
        ("petrov", "Олимпиада по математике и физике", enums.EventKind.OLYMPIAD, enums.EventLevel.SCHOOL),
        ("petrov", "Олимпиада по физике", enums.EventKind.OLYMPIAD, enums.EventLevel.SCHOOL),
        ("sidorova", "Большая перемена", enums.EventKind.CONTEST, enums.EventLevel.ALL_RUSSIAN),
    ):
        Event.objects.create(school=world.school, year_id=YEAR, student=world.students[key], event=event, kind=kind,
                             level=level)

    data = math_document(world)

    rows = docx_rows(data)
    assert row_of(rows, "муниципальный") == ["муниципальный", "2", "0", "2"]
    assert not [r for r in rows if r[0] in ("школьный", "всероссийский")]
    text = " ".join(docx_paragraphs(data))
    assert "и 1 запись без предмета, в названии мероприятия которых назван предмет МО" in text
    assert ("В данных школы за год 2 записи об участии в олимпиадах без предмета, и по названию олимпиады предмет "
            "не определить (например, многопрофильная олимпиада): они не отнесены ни к одному МО") in text
    physics = docx_rows(render(ReportKind.MO_YEAR, world.school, YEAR, Format.DOCX,
                               mo=str(world.subjects["physics"].pk)))
    assert row_of(physics, "школьный") == ["школьный", "1", "0", "0"]


@pytest.mark.parametrize(("event", "named"), [
    ("Олимпиада по математике", "Математика"),
    ("ВсОШ, МАТЕМАТИКА, школьный этап", "Математика"),
    ("Олимпиада по русскому языку", "Русский язык"),
    ("Олимпиада по родному русскому языку", "Родной русский язык"),
    ("Олимпиада по физической культуре", "Физическая культура"),
    ("Олимпиада по физике", "Физика"),
    ("Олимпиада «Физтех»", None),
    ("Олимпиада по математике и физике", None),
    ("Русский медвежонок — языкознание для всех", None),
])
def test_the_subject_an_event_names(event, named):
    subjects = {name: mo_year._stems(name) for name in (
        "Математика", "Физика", "Русский язык", "Родной русский язык", "Физическая культура", "Химия")}

    assert mo_year.subject_named(event, subjects) == named


def test_the_changes_stand_right_like_the_shares_they_compare(world):
    """«+50,0 п. п.» is a number: right-aligned in its column (it was text at the left edge), a withheld «—*» too."""
    word = docx.Document(io.BytesIO(math_document(world)))
    rows = [row for table in word.tables for row in table.rows]
    changed = next(r for r in rows if [c.text for c in r.cells][:2] == ["Математика", "5 класс"])
    withheld = next(r for r in rows if [c.text for c in r.cells][:2] == ["Математика", "10 класс"])

    assert changed.cells[4].text.replace("\xa0", " ") == "+50,0 п. п."
    assert [c.paragraphs[0].alignment for c in changed.cells[2:]] == [WD_ALIGN_PARAGRAPH.RIGHT] * 5
    assert [c.paragraphs[0].alignment for c in withheld.cells[2:]] == [WD_ALIGN_PARAGRAPH.RIGHT] * 5


def test_the_marks_table_is_preceded_by_what_its_dashes_mean(world):
    """The table of marks runs over pages in the demo (it starts at the foot of one): «—*» is said before it, and
    explained in full under it."""
    word = docx.Document(io.BytesIO(math_document(world)))
    body = list(word.element.body.iterchildren())
    marks = next(t for t in word.tables if t.cell(0, 0).text == "Предмет" and t.cell(0, 2).text == "Отметок")
    before = DocxParagraph(body[body.index(marks._tbl) - 1], word).text

    assert before == ("«—*» в таблице — значение не указывается: оно говорит о группе меньше 2 обучающихся или позволяет "
                      "её вычислить (подробнее — под таблицей).")

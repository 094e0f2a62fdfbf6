"""The teacher's page with and without the school's load of the year (tests/analysis/world.py).

Орлова teaches Русский язык. ВПР, русский язык, 5 класс: 5А s1 «5», s2 «4», s3 «3»; 5Б s4 «2», s5 «4», s6 «2».
ЕГЭ, русский язык, 11А. With the load Орлова teaches Russian in 5Б only: her ВПР table has the 5Б row, three
works, quality 1 of 3; the ЕГЭ of 11А is not hers.
"""

from __future__ import annotations

from tests.accounts.personas import YEAR
from tests.analysis.pages import links, rows, text
from tests.web.pages import parse
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.records.models import StaffMember, StaffYear, Subject
from vsoko.teaching.models import TeachingAssignment


def orlova(aw) -> StaffMember:
    member = StaffMember.objects.create(school=aw.school, staff_id="P-030", last_name="Орлова", first_name="Ирина")
    StaffYear.objects.create(school=aw.school, year_id=YEAR, staff=member).subjects.set(
        [Subject.objects.get(name="Русский язык")])
    return member


def page(client, aw, staff):
    client.force_login(aw.users["deputy"])
    return client.get(f"/assessments/teachers/{staff.pk}/?year={YEAR}")


def table_rows(response) -> list[list[str]]:
    return [r[:2] for table in parse(response).find_all("table") for r in rows(table)]


def test_without_load_every_class_of_the_subject_and_a_link_to_enter_it(client, aw):
    response = page(client, aw, orlova(aw))

    assert [h.text.strip() for h in parse(response).find_all("h2")] == [
        "ВПР, русский язык, 5 класс", "ЕГЭ, Русский язык, 11 класс"]
    assert "Распределение нагрузки за этот год не введено" in text(response)
    assert ("ввести распределение нагрузки", f"/data/load/?school={aw.school.code}&year={YEAR}") in links(
        parse(response))


def test_with_load_only_the_teachers_own_classes(client, aw):
    staff = orlova(aw)
    TeachingAssignment.objects.create(school=aw.school, year_id=YEAR, staff=staff, school_class=aw.world.classes["5Б"],
                                      subject=Subject.objects.get(name="Русский язык"))

    response = page(client, aw, staff)

    assert [h.text.strip() for h in parse(response).find_all("h2")] == ["ВПР, русский язык, 5 класс"]
    assert table_rows(response) == [["5Б", "3"]]  # no 5А
    total = parse(response).find_all("tfoot")[0]
    assert [c.text for c in total.find_all("th") + total.find_all("td")][:3] == ["Всего", "3", "66,7 %"]
    assert "Классы учителя — по распределению нагрузки 2024/2025: Русский язык — 5Б." in text(response)


def test_with_a_load_entered_in_part_a_teacher_not_in_it_sees_every_class_of_the_subject(client, aw):
    # The load names Смирнова only: Орлова is not in it yet, so her page is the one without a load.
    staff = orlova(aw)
    TeachingAssignment.objects.create(school=aw.school, year_id=YEAR, staff=aw.world.staff["smirnova"],
                                      school_class=aw.world.classes["5А"], subject=Subject.objects.get(name="Русский язык"))

    response = page(client, aw, staff)

    assert [h.text.strip() for h in parse(response).find_all("h2")] == [
        "ВПР, русский язык, 5 класс", "ЕГЭ, Русский язык, 11 класс"]
    assert table_rows(response)[:2] == [["5А", "3"], ["5Б", "3"]]
    assert "Предметы: Русский язык." in text(response)
    assert "Этого учителя ещё нет в распределении нагрузки 2024/2025: нагрузка года введена не полностью." in text(
        response)
    assert "Распределение нагрузки за этот год не введено" not in text(response)
    assert ("добавить учителя в распределение нагрузки", f"/data/load/?school={aw.school.code}&year={YEAR}") in links(
        parse(response))


def test_the_index_names_each_teachers_subjects_and_classes_of_the_year(client, aw):
    # The list «Учителя» gave bare names: which of them teaches what, and where, was not said.
    member = orlova(aw)
    russian = Subject.objects.get(name="Русский язык")
    client.force_login(aw.users["deputy"])

    def teachers():
        panel = next(p for p in parse(client.get("/assessments/")).find_all("div", "panel") if "Учителя" in p.text)
        return [li.text for ul in panel.find_all("ul")[-1:] for li in ul.find_all("li")]

    assert teachers() == ["Волков Олег — Физика", "Орлова Ирина — Русский язык", "Смирнова Мария — Математика"]
    for name in ("5Б", "5А"):
        TeachingAssignment.objects.create(school=aw.school, year_id=YEAR, staff=member, subject=russian,
                                          school_class=aw.world.classes[name])
    # With the load: her classes of the year; the others are not in it yet and keep their subjects.
    assert teachers() == ["Волков Олег — Физика", "Орлова Ирина — Русский язык: 5А, 5Б",
                          "Смирнова Мария — Математика"]


def test_a_teachers_page_is_audited_as_a_view_of_the_teachers_data(client, aw):
    staff = orlova(aw)

    page(client, aw, staff)

    entry = AuditEntry.objects.get(action=AuditAction.VIEW_PERSON)
    assert (entry.object_type, entry.object_id, entry.school, entry.username) == (
        "teacher_results", str(staff.pk), aw.school, "deputy")

"""The personas' world (tests/accounts/personas.py) with what the journal needs: the deputy as a staff member
who visits lessons, a third teacher, and a teacher's account named after a staff member.

Who is who here (school 1, 2024/2025):
- Смирнова Мария — учитель математики (the МО head's subject), Волков Олег — учитель физики,
  Орлова Елена — учитель начальных классов, all pedagogical;
- Белова Нина — бухгалтер (not pedagogical), Зайцева Ольга — a teacher of school 2;
- Петрова Нина — заместитель директора, the one who visits;
- the `volkov` account is Волков Олег's own (a teacher's role and his name): he sees the visits to his lessons.
"""

import datetime

import pytest

from tests.accounts.personas import YEAR, build_world, make_user
from vsoko.accounts.enums import Role
from vsoko.observations.criteria import CRITERIA
from vsoko.observations.enums import VisitKind, VisitPurpose
from vsoko.observations.models import LessonVisit
from vsoko.records.models import StaffMember, StaffYear


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def staff(school, staff_id: str, last: str, first: str, *, pedagogical: bool = True, position: str = "учитель"):
    member = StaffMember.objects.create(school=school, staff_id=staff_id, last_name=last, first_name=first)
    StaffYear.objects.create(school=school, year_id=YEAR, staff=member, position=position, pedagogical=pedagogical)
    return member


@pytest.fixture
def world(db):
    world = build_world()
    world.staff["orlova"] = staff(world.school, "P-010", "Орлова", "Елена")
    world.staff["petrova"] = staff(world.school, "P-020", "Петрова", "Нина", pedagogical=False,
                                   position="заместитель директора по УВР")
    world.users["volkov"] = make_user("volkov", role=Role.TEACHER, org_unit=world.school,
                                      subject=world.subjects["physics"], first_name="Олег", last_name="Волков")
    world.users["admin"] = make_user("admin", role=Role.ADMIN, org_unit=world.school)
    return world


def visit(world, teacher: str, *, day: datetime.date = datetime.date(2024, 10, 15), points: int = 2,
          school=None, **fields) -> LessonVisit:
    """A lesson of 5А visited by the deputy Петрова; every criterion at `points`."""
    school = school or world.school
    defaults = {"observer": world.staff["petrova"], "kind": VisitKind.LESSON, "purpose": VisitPurpose.THEMATIC,
                "school_class": world.classes["5А"] if school == world.school else None,
                "subject": world.subjects["math"], "scores": {c.key: points for c in CRITERIA}}
    return LessonVisit.objects.create(school=school, year_id=YEAR, date=day, teacher=world.staff[teacher],
                                      **defaults | fields)

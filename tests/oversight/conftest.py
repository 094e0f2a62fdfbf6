"""The personas' world (tests/plan: core catalog only): school s1 with staff Смирнова and Волков and the ВПР
«VPR-5-M» of 2024/2025, school s2 of the same municipality."""

import datetime

import pytest

from tests.plan.conftest import world  # noqa: F401 — a fixture used by the tests
from vsoko.oversight.enums import Body, InspectionKind, InspectionResult, Represents
from vsoko.oversight.models import Finding, Inspection, PublicExpert


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def inspection(school, started_on: datetime.date, result=InspectionResult.VIOLATIONS, **fields) -> Inspection:
    defaults = {"body": Body.CONSUMER, "kind": InspectionKind.PLANNED, "subject": "санитарные требования"}
    return Inspection.objects.create(school=school, started_on=started_on, result=result, **defaults | fields)


def finding(of: Inspection, deadline: datetime.date, fixed_on: datetime.date | None = None, **fields) -> Finding:
    return Finding.objects.create(inspection=of, text=fields.pop("text", "освещённость"), deadline=deadline,
                                  fixed_on=fixed_on, **fields)


def expert(school, last_name: str = "Щербакова", **fields) -> PublicExpert:
    return PublicExpert.objects.create(school=school, last_name=last_name, first_name=fields.pop("first_name", "Ульяна"),
                                       represents=fields.pop("represents", Represents.PARENTS), **fields)

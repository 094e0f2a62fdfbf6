"""A school's own indicator may not count the СПТ's risk levels: only the administration sees them
(`permissions.can_see_confidential_diagnostics`), and an own indicator is read by every worker of the school and by
the observer. The deputy (the school psychologist is given the deputy's role) and the director are refused with the
reason; counting who took part, and the levels of a diagnostic that is not confidential, stay allowed."""

import pytest
from django.test import Client
from django.urls import reverse

from vsoko.accounts import permissions
from vsoko.indicators.catalogs import CatalogError, save_own_indicator
from vsoko.indicators.models import Indicator

REFUSAL = "Собственный показатель не может считать"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(world, persona: str, formula: str, breakdowns: str = ""):
    return _client(world.users[persona]).post(reverse("indicators:own_new") + "?unit=s1", {
        "code": "spt_check", "name": "Проверка СПТ", "unit": "count", "direction": "none", "method": "computed",
        "formula": formula, "breakdowns": breakdowns, "total": "on"})


def _saved() -> bool:
    return Indicator.objects.filter(name="Проверка СПТ").exists()


def test_the_personas_who_read_the_spt_levels_are_the_administration_only(world):
    # The rule the refusal stands on: an own indicator reaches teachers too, who may not read the levels.
    allowed = {name for name in ("director", "deputy", "class_teacher", "teacher", "mo_head", "observer")
               if permissions.can_see_confidential_diagnostics(world.users[name], world.school)}

    assert allowed == {"director", "deputy"}


@pytest.mark.parametrize("formula, breakdowns", [
    ("diagnostics.pupils[diagnostic=spt, diagnostic_level=latent_risk|explicit_risk]", ""),
    ("diagnostics.pupils[diagnostic=spt, favourable=no]", ""),
    ("diagnostics.pupils[diagnostic=spt]", "diagnostic_level"),
    ("students.ce.social[social=spt_risk]", ""),
])
@pytest.mark.parametrize("persona", ["deputy", "director"])
def test_an_own_indicator_counting_the_spt_levels_is_refused(world, persona, formula, breakdowns):
    response = _post(world, persona, formula, breakdowns)

    assert response.status_code == 200
    text = response.content.decode()
    assert REFUSAL in text
    assert "только число участников" in text  # what it may count instead
    assert not _saved()


@pytest.mark.parametrize("formula, breakdowns", [
    ("diagnostics.pupils[diagnostic=spt]", ""),  # who took part, as the shipped reg004.5.3.2
    ("diagnostics.pupils[diagnostic=spt]", "grade"),
    ("diagnostics.pupils[diagnostic=readiness_1, diagnostic_level=low]", ""),  # not confidential
    ("diagnostics.pupils[diagnostic=readiness_1]", "diagnostic_level"),
    ("students.ce.social[social=orphan]", ""),
    ("students.ce.risk", ""),  # the СПТ risk group together with the other categories
])
def test_an_own_indicator_that_tells_no_spt_level_is_saved(world, formula, breakdowns):
    response = _post(world, "deputy", formula, breakdowns)

    assert response.status_code == 302, response.content.decode()[-2000:]
    assert _saved()


def test_the_catalog_refuses_it_whoever_saves_it(world):
    # The refusal is the catalog's, not the form's: a definition saved any other way is refused the same.
    with pytest.raises(CatalogError, match=REFUSAL):
        save_own_indicator(world.school, {
            "code": "risk", "name": "Группа риска по СПТ", "unit": "count", "method": "computed",
            "formula": "diagnostics.pupils[diagnostic=spt, diagnostic_level=explicit_risk]"})
    assert not Indicator.objects.filter(name="Группа риска по СПТ").exists()


def test_teachers_cannot_open_the_own_indicator_form(world):
    for persona in ("class_teacher", "teacher", "mo_head", "observer"):
        assert _post(world, persona, "diagnostics.pupils[diagnostic=spt]").status_code == 403, persona

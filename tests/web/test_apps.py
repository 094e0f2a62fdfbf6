import pytest
from django.db.models.utils import get_blank_choice_label

from vsoko.records import enums
from vsoko.records.models import OrgUnit
from vsoko.schedule.forms import EntryForm
from vsoko.schedule.models import ScheduledAssessment


def test_the_blank_choice_of_a_select_is_russian():
    # Django 6.1 labels it «- Select an option -» and has no Russian translation of the words.
    assert get_blank_choice_label() == "— выберите —"


@pytest.mark.django_db
def test_a_form_built_when_its_module_is_imported_offers_the_russian_blank_choice():
    # «Новая работа в графике» offered «- Select an option -» for the class and the subject on the demo school.
    school = OrgUnit.objects.create(code="s1", name="МБОУ «Школа»", kind=enums.OrgUnitKind.SCHOOL)

    page = EntryForm(instance=ScheduledAssessment(school=school, year_id=2024)).as_div()

    assert page.count('<option value="" selected>— выберите —</option>') == 2  # the class and the subject
    assert "Select an option" not in page

"""The shared field partial (web/partials/field.html): a field's error is the text a screen reader reads with it."""

import re

from django import forms
from django.template.loader import render_to_string


class GradeForm(forms.Form):
    grade = forms.ChoiceField(label="В каком классе учится ваш ребёнок?", choices=[("", "—"), ("5", "5 класс")],
                              error_messages={"required": "Укажите класс."})


def test_the_error_of_a_field_is_the_element_its_input_is_described_by():
    # Django names «id_grade_error» in the field's aria-describedby; the partial gave the error «id_grade-error»,
    # so a screen reader on the invalid field read nothing of «Укажите класс».
    form = GradeForm({"grade": ""})
    assert not form.is_valid()

    html = render_to_string("web/partials/field.html", {"field": form["grade"]})

    described_by = re.search(r'<select[^>]* aria-describedby="([^"]+)"', html).group(1)
    assert described_by == "id_grade_error"
    assert re.search(r'<p class="field__error" id="id_grade_error">Ошибка: Укажите класс\.</p>', html)

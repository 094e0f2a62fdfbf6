"""The documents made for the school's site — the public report (доклад), the self-examination report, the
schedule of assessments and every other report not marked as naming people — name no pupil: made for the demo
school (its own texts included) and searched for every demo pupil's surname beside the first name or its initial,
in either order."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.core.management import call_command

from tests.reports.readers import docx_paragraphs, docx_rows, html_text
from vsoko.demo.model import LAST_YEAR
from vsoko.records.enums import OrgUnitKind
from vsoko.records.models import OrgUnit, Student
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.registry import REPORTS, ReportError, render

PUBLISHED = [kind for kind, report in REPORTS.items() if not report.personal_data and report.unit == OrgUnitKind.SCHOOL]


class _Null:
    def write(self, text):
        pass

    def flush(self):
        pass


def text_of(data: bytes, fmt: Format) -> str:
    if fmt == Format.DOCX:
        return "\n".join([*docx_paragraphs(data), *(" | ".join(row) for row in docx_rows(data))])
    if fmt == Format.XLSX:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        return "\n".join(" | ".join(str(v) for v in row if v is not None)
                         for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))
    if fmt == Format.HTML:
        return html_text(data)[0]
    raise AssertionError(fmt)


def pupils_pattern() -> re.Pattern:
    """«Иванов Пётр», «Пётр Иванов», «Иванов П.», «П. Иванов» of every pupil, any case."""
    words = set()
    for last, first in Student.objects.exclude(last_name="").exclude(first_name="").values_list("last_name",
                                                                                                  "first_name"):
        words |= {f"{last} {first}", f"{first} {last}", f"{last} {first[0]}.", f"{first[0]}. {last}"}
    return re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in sorted(words, key=len, reverse=True)),
                      re.IGNORECASE)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_documents_for_the_site_name_no_pupil_of_the_demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("demo", students=60, years=2, seed=3, force=True, stdout=_Null())
    school = OrgUnit.objects.get(kind=OrgUnitKind.SCHOOL)
    names = pupils_pattern()
    made, found = [], []
    for kind in PUBLISHED:
        for fmt in REPORTS[kind].formats:
            if fmt == Format.PDF:
                continue  # the same document as the HTML (public) or the DOCX (council), only laid out
            try:
                text = text_of(render(kind, school, LAST_YEAR, fmt), fmt)
            except ReportError:
                continue  # nothing to report in the demo (no period marks yet, …)
            made.append(f"{kind.value}.{fmt.value}")
            found += [f"{kind.value}.{fmt.value}: «{m.group()}»" for m in names.finditer(text)]

    assert {"public.html", "self-exam.docx", "self-exam.xlsx", "schedule.xlsx"} <= set(made), made
    assert found == [], "\n".join(found)
    # The same search over a document for internal use finds the pupils it names: the check can fail on the demo.
    internal = text_of(render(ReportKind.SUPPORT, school, LAST_YEAR, Format.DOCX), Format.DOCX)
    assert names.search(internal)


@pytest.mark.django_db
def test_the_search_finds_a_name_in_each_form(school):
    """The check itself can fail: a pupil's name in the text of a document is found."""
    from tests.datavalues.records import Records

    pupil = Records(school).student("s1", "5А", year=2024)
    pupil.last_name, pupil.first_name = "Сапожникова", "Дарья"
    pupil.save()

    names = pupils_pattern()

    assert [m.group() for m in names.finditer("Грамота: сапожникова дарья; Д. Сапожникова, Дарья Сапожникова, "
                                              "Сапожникова Д. — 5А; Сапожниковая Дарьяна")] == [
        "сапожникова дарья", "Д. Сапожникова", "Дарья Сапожникова", "Сапожникова Д."]

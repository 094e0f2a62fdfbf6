"""The canonical package takes the shipped ВПР/ОГЭ/ЕГЭ scale when an assessment has none."""

import pytest

from vsoko.assessments.shipped_scales import load_shipped_scales
from vsoko.imports.service import import_package
from vsoko.records.models import Assessment, Result


def _write(folder, name, text):
    (folder / f"{name}.csv").write_text(text, encoding="utf-8")


@pytest.fixture
def vpr_package(tmp_path):
    _write(tmp_path, "students", "student_id,last_name,first_name\ns1,Иванов,Иван\ns2,Петрова,Анна\n")
    _write(tmp_path, "enrollments", "year,student_id,class\n2024/2025,s1,4А\n2024/2025,s2,4А\n")
    _write(tmp_path, "assessments", "assessment_id,year,kind,subject,grade\nvpr-ru-4,2024/2025,ВПР,русский язык,4\n")
    _write(tmp_path, "results", "assessment_id,student_id,primary_score\nvpr-ru-4,s1,12\nvpr-ru-4,s2,21\n")
    return tmp_path


@pytest.mark.django_db
def test_assessment_without_a_scale_takes_the_shipped_one_and_marks_are_derived(school, vpr_package):
    load_shipped_scales()

    report = import_package(vpr_package, school=school)

    assert report.ok, report.errors
    assessment = Assessment.objects.get(assessment_id="vpr-ru-4")
    # ВПР 2024/2025, русский язык, 4 класс: 2:0-9; 3:10-15; 4:16-20; 5:21-24 (max 24).
    assert (assessment.max_score, assessment.mark_scale) == (24, "2:0-9;3:10-15;4:16-20;5:21-24")
    marks = dict(Result.objects.values_list("student__student_id", "mark"))
    assert marks == {"s1": 3, "s2": 5}


@pytest.mark.django_db
def test_a_scale_stored_earlier_is_kept_when_the_file_has_no_scale(school, vpr_package):
    load_shipped_scales()
    _write(vpr_package, "assessments",
           "assessment_id,year,kind,subject,grade,max_score,mark_scale\n"
           "vpr-ru-4,2024/2025,ВПР,русский язык,4,24,2:0-11;3:12-15;4:16-20;5:21-24\n")
    assert import_package(vpr_package, school=school).ok
    _write(vpr_package, "assessments", "assessment_id,year,kind,subject,grade\nvpr-ru-4,2024/2025,ВПР,русский язык,4\n")

    report = import_package(vpr_package, school=school)

    assert report.ok, report.errors
    assert Assessment.objects.get(assessment_id="vpr-ru-4").mark_scale == "2:0-11;3:12-15;4:16-20;5:21-24"
    assert report.counts["assessments"].changed == 0

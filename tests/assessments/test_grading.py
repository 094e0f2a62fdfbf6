from decimal import Decimal

import pytest

from vsoko.assessments.grading import (
    ScaleError,
    apply_scale,
    derive_mark,
    derive_test_score,
    parse_mark_scale,
    scale_defaults,
    scale_for,
)
from vsoko.records.enums import AssessmentKind
from vsoko.records.models import Assessment, SchoolYear, Subject

VPR_RUS4_2026 = "2:0-9;3:10-15;4:16-20;5:21-24"


@pytest.mark.parametrize(
    ("score", "mark"),
    [(0, 2), (9, 2), (10, 3), (15, 3), (16, 4), (20, 4), (21, 5), (24, 5), (Decimal("9.5"), 2), (Decimal("15.5"), 3)],
)
def test_derive_mark_vpr_2026_russian_grade4_by_hand(score, mark):
    assert derive_mark(VPR_RUS4_2026, score) == mark


def test_derive_mark_outside_the_scale_is_an_error_in_russian():
    with pytest.raises(ScaleError, match="первичный балл 25 вне шкалы"):
        derive_mark(VPR_RUS4_2026, 25)


@pytest.mark.parametrize(
    "text",
    ["2:0-9;3:9-15", "2:0-9;2:10-15", "отметка", "3:15-10", ""],
)
def test_parse_mark_scale_rejects_broken_scales(text):
    with pytest.raises(ScaleError):
        parse_mark_scale(text)


def test_oge_russian_literacy_condition_lowers_the_mark():
    scale = "2:0-14;3:15-22;4:23-28;5:29-33"
    conditions = [
        {"mark": 5, "tasks": ["ГК1", "ГК2", "ГК3", "ГК4"], "min_points": 6, "otherwise": 4},
        {"mark": 4, "tasks": ["ГК1", "ГК2", "ГК3", "ГК4"], "min_points": 4, "otherwise": 3},
    ]
    literate = {"ГК1": 2, "ГК2": 2, "ГК3": 1, "ГК4": 1}
    weak = {"ГК1": 1, "ГК2": 1, "ГК3": 0, "ГК4": 1}

    assert derive_mark(scale, 30, conditions=conditions, task_points=literate) == 5
    assert derive_mark(scale, 30, conditions=conditions, task_points=weak) == 3
    assert derive_mark(scale, 30, conditions=conditions) == 5  # no task points: the ranges alone


def test_derive_test_score_from_the_conversion_table():
    assert derive_test_score("0:0;1:6;2:11;3:17;4:22;5:27", 5) == Decimal(27)
    assert derive_test_score("0:0;1:6;2:11", Decimal("1.5")) == Decimal(6)
    with pytest.raises(ScaleError, match="первичного балла 9 нет в шкале"):
        derive_test_score("0:0;1:6;2:11", 9)


@pytest.mark.django_db
def test_shipped_scale_for_vpr_2026_russian_grade4():
    scale = scale_for(AssessmentKind.VPR, "Русский язык", 4, 2025)

    assert (scale.max_score, scale.mark_scale, scale.min_score, scale.verified) == (24, VPR_RUS4_2026, 10, True)


@pytest.mark.django_db
def test_scale_for_accepts_russian_labels_and_subject_spellings():
    ege = scale_for("ЕГЭ", "Математика (профильный уровень)", None, 2025)
    oge = scale_for(AssessmentKind.OGE, "русский язык", None, 2023)

    assert (ege.min_score, derive_test_score(ege.test_scale, 5)) == (27, Decimal(27))
    assert (oge.max_score, oge.min_score) == (33, 15)


@pytest.mark.django_db
def test_scale_for_another_year_is_not_borrowed():
    assert scale_for(AssessmentKind.VPR, "Русский язык", 4, 2019) is None


@pytest.mark.django_db
def test_ege_minimums_of_2025_are_the_rosobrnadzor_thresholds():
    minimums = {
        subject: scale_for(AssessmentKind.EGE, subject, 11, 2025).min_score
        for subject in ("русский язык", "математика (профиль)", "обществознание", "информатика", "география",
                        "физика", "химия", "биология", "история", "литература", "английский язык")
    }

    assert minimums == {
        "русский язык": 24, "математика (профиль)": 27, "обществознание": 42, "информатика": 40, "география": 37,
        "физика": 36, "химия": 36, "биология": 36, "история": 32, "литература": 32, "английский язык": 22,
    }


@pytest.mark.django_db
def test_ege_base_mathematics_has_a_mark_scale_and_no_test_scale():
    scale = scale_for(AssessmentKind.EGE, "Математика базовая", 11, 2024)

    assert (scale.mark_scale, scale.test_scale, scale.min_score) == ("2:0-6;3:7-11;4:12-16;5:17-21", "", None)


@pytest.mark.django_db
def test_apply_scale_fills_only_what_the_assessment_lacks(school):
    year = SchoolYear.objects.create(start=2025)
    assessment = Assessment.objects.create(
        school=school, assessment_id="vpr-rus-4", year=year, kind=AssessmentKind.VPR,
        subject=Subject.objects.create(name="Русский язык"), grade=4, min_score=12,
    )

    filled = apply_scale(assessment)

    assert filled == ["max_score", "mark_scale"]
    assert (assessment.max_score, assessment.mark_scale, assessment.min_score) == (24, VPR_RUS4_2026, 12)


@pytest.mark.django_db
def test_scale_defaults_give_package_columns():
    assert scale_defaults(kind="ВПР", subject="Русский язык", grade=4, year=2025) == {
        "max_score": 24, "mark_scale": VPR_RUS4_2026, "min_score": 10,
    }
    assert scale_defaults(kind="ВПР", subject="Астрономия", grade=4, year=2025) == {}


@pytest.mark.django_db
def test_fill_scale_defaults_for_the_canonical_importer():
    from vsoko.assessments.grading import fill_scale_defaults

    row = {"kind": "oge", "subject": "Математика", "grade": None, "year": 2023, "min_score": 9, "mark_scale": None}
    broken = {"kind": "oge", "subject": object(), "year": 2023}

    assert fill_scale_defaults(row) == ["max_score", "mark_scale"]
    assert (row["max_score"], row["mark_scale"], row["min_score"]) == (31, "2:0-7;3:8-14;4:15-21;5:22-31", 9)
    assert fill_scale_defaults(broken) == []

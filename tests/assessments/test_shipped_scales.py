import pytest

from vsoko.assessments.models import ScaleDefinition
from vsoko.assessments.shipped_scales import (
    ShippedScaleError,
    load_shipped_scales,
    shipped_scale_rows,
)
from vsoko.records.enums import AssessmentKind


def test_every_shipped_scale_is_valid_and_unique():
    rows = shipped_scale_rows()
    keys = [(r["kind"], r["subject"], r["grade"], r["year"]) for r in rows]

    assert len(keys) == len(set(keys))
    assert {r["year"] for r in rows} == {2023, 2024, 2025}
    assert all(r["source"] for r in rows)


def test_a_broken_shipped_file_names_file_and_entry(tmp_path):
    (tmp_path / "vpr-2030.yaml").write_text(
        "kind: ВПР\nyear: 2030\nscales:\n  - {subject: математика, grade: 4, max_score: 20, mark_scale: '2:0-5;3:5-9'}\n",
        encoding="utf-8",
    )

    with pytest.raises(ShippedScaleError, match="vpr-2030.yaml, запись 1: шкала отметок"):
        shipped_scale_rows(tmp_path)


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    total = ScaleDefinition.objects.count()  # loaded by migrate

    report = load_shipped_scales()

    assert (report.created, report.updated, report.unchanged) == (0, 0, total)
    assert ScaleDefinition.objects.count() == total


@pytest.mark.django_db
def test_a_scale_edited_in_the_interface_is_kept():
    scale = ScaleDefinition.objects.get(kind=AssessmentKind.VPR, subject="русский язык", grade=4, year=2025)
    scale.mark_scale = "2:0-8;3:9-15;4:16-20;5:21-24"
    scale.customized = True
    scale.save()
    other = ScaleDefinition.objects.get(kind=AssessmentKind.OGE, subject="математика", year=2023)
    other.mark_scale = "2:0-1;3:2-14;4:15-21;5:22-31"
    other.save()

    report = load_shipped_scales()

    scale.refresh_from_db()
    other.refresh_from_db()
    assert (report.kept_customized, report.updated) == (1, 1)
    assert scale.mark_scale == "2:0-8;3:9-15;4:16-20;5:21-24"
    assert other.mark_scale == "2:0-7;3:8-14;4:15-21;5:22-31"

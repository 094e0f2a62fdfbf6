import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.datavalues.records import Records
from vsoko.indicators.catalogs import load_shipped_catalogs

pytestmark = pytest.mark.django_db

KEYS = ["code", "name", "year", "org_unit", "breakdown", "value", "numerator", "denominator", "unit"]


@pytest.fixture
def computed_school(school, capsys):
    load_shipped_catalogs()
    b = Records(school)
    for i, mark in enumerate(["5", "4", "3"]):
        b.marks(b.student(f"s{i}", "7А"), {"математика": mark})
    call_command("compute", "--year", "2024/2025")
    capsys.readouterr()
    return school


def test_indicators_json_is_one_array_of_the_documented_objects(computed_school, capsys):
    call_command("indicators", "--year", "2024/2025", "--format", "json")

    rows = json.loads(capsys.readouterr().out)
    assert isinstance(rows, list)
    assert all(list(r) == KEYS for r in rows)
    quality = next(r for r in rows if r["code"] == "core.quality" and r["breakdown"] == {})
    assert quality == {
        "code": "core.quality", "name": "Качество знаний", "year": "2024/2025", "org_unit": "school-1",
        "breakdown": {}, "value": pytest.approx(200 / 3), "numerator": 2, "denominator": 3, "unit": "percent",
    }
    assert {r["code"] for r in rows} >= {"core.students_total", "core.sou", "core.parents_satisfied"}
    assert next(r for r in rows if r["code"] == "core.students_total")["value"] == 3


def test_indicators_filters_by_catalog_and_writes_files(computed_school, tmp_path, capsys):
    out = tmp_path / "values.csv"

    call_command("indicators", "--year", "2024", "--catalog", "core", "--format", "csv", "--out", str(out))
    call_command("indicators", "--year", "2024", "--format", "xlsx", "--out", str(tmp_path / "v.xlsx"))

    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split(",")[:3] == ["code", "name", "year"]
    assert any(line.startswith("core.quality,") for line in lines)
    assert (tmp_path / "v.xlsx").read_bytes()[:2] == b"PK"


@pytest.mark.parametrize(("args", "message"), [
    (["--year", "2024/2026"], "Учебный год «2024/2026» не распознан"),
    (["--year", "2024", "--catalog", "nope"], "Каталог «nope» не найден"),
    (["--year", "2024", "--school", "nope"], "Школа с кодом «nope» не найдена"),
    (["--year", "2024", "--format", "xlsx"], "укажите файл"),
])
def test_indicators_user_errors_are_russian(computed_school, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("indicators", *args)


def test_catalog_lists_every_indicator_and_coverage(computed_school, capsys):
    Records(computed_school).manual("core.quality", value=1)  # not an entered indicator: ignored

    call_command("catalog", "--format", "json")
    listing = json.loads(capsys.readouterr().out)
    call_command("catalog", "coverage", "--format", "json")
    coverage = json.loads(capsys.readouterr().out)

    quality = next(r for r in listing if r["code"] == "core.quality")
    assert quality["catalog"] == "core" and quality["method"] == "computed"
    assert set(quality) == {"code", "catalog", "document", "section", "item", "text", "method"}
    core = next(c for c in coverage if c["catalog"] == "core")
    assert (core["total"], core["computed"], core["entered"], core["missing"]) == (49, 49, 0, 0)


def test_compute_twice_gives_the_same_values(computed_school, capsys):
    call_command("indicators", "--year", "2024", "--format", "json")
    first = capsys.readouterr().out

    call_command("compute")
    capsys.readouterr()
    call_command("indicators", "--year", "2024", "--format", "json")

    assert capsys.readouterr().out == first


def test_init_with_a_catalog_makes_it_the_school_basis(school):
    from vsoko.indicators.models import SchoolCatalog

    call_command("init", "--catalog", "core")

    assert list(SchoolCatalog.objects.filter(school=school, is_basis=True).values_list("catalog__code", flat=True)) == [
        "core"]
    with pytest.raises(CommandError, match="Каталог «nope» не найден"):
        call_command("init", "--catalog", "nope")


def test_coverage_shows_no_missing_indicator_in_any_shipped_catalog(school, capsys):
    from vsoko.indicators.catalogs import load_shipped_catalogs

    load_shipped_catalogs()
    call_command("catalog", "coverage", "--format", "json")
    coverage = {c["catalog"]: c for c in json.loads(capsys.readouterr().out)}

    assert {"core", "reg000", "reg004", "order1324"} <= set(coverage)
    for code in ("core", "reg000", "reg004", "order1324"):
        row = coverage[code]
        assert row["missing"] == 0, code
        assert row["computed"] + row["entered"] == row["total"], code
    assert (coverage["reg000"]["total"], coverage["reg004"]["total"], coverage["order1324"]["total"]) == (73, 171, 52)


def test_a_year_without_data_is_printed_empty_with_a_warning(computed_school, capsys):
    call_command("indicators", "--year", "2019", "--format", "json")

    captured = capsys.readouterr()
    values = json.loads(captured.out)
    assert values and all(v["value"] is None and v["year"] == "2019/2020" for v in values)
    assert "за 2019/2020 учебный год" in captured.err
    assert "Учебные годы с данными: 2024/2025" in captured.err


def test_a_year_with_data_gives_no_warning(computed_school, capsys):
    call_command("indicators", "--year", "2024", "--format", "json")

    assert "Внимание" not in capsys.readouterr().err

import re
import shutil
import textwrap

import pytest

from vsoko.imports.tables import TABLES
from vsoko.indicators.catalogs import (
    CATALOG_DIR,
    CatalogError,
    load_shipped_catalogs,
    read_catalogs,
    use_catalog,
)
from vsoko.indicators.models import Catalog, Indicator, IndicatorVersion, SchoolCatalog

pytestmark = pytest.mark.django_db

HEAD = """\
catalog:
  code: demo
  name: Демонстрационный каталог
  document: Положение о ВСОКО
indicators:
"""

ENTRY = """\
- code: demo.quality
  name: Качество знаний
  text: Доля обучающихся на «4» и «5»
  section: "4.6"
  item: "4.6.3"
  group: Результаты
  criterion: Предметные результаты
  unit: percent
  direction: up
  method: computed
  formula: {formula}
  targets:
    "2024/2025": 60
    default: 55
- code: demo.canteen
  name: Наличие столовой
  unit: bool
  method: entered
"""


def write(tmp_path, text, name="demo.yaml"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def demo(tmp_path, formula="percent(students.ce[attestation=excellent|good], students.ce)"):
    return write(tmp_path, HEAD + textwrap.indent(ENTRY.format(formula=formula), ""))


def test_shipped_catalogs_load_and_reload_idempotently():
    first = load_shipped_catalogs()
    count = Indicator.objects.count()

    second = load_shipped_catalogs()

    assert first["core"] == (49, 0)
    assert second["core"] == (0, 0)
    assert Indicator.objects.count() == count
    assert IndicatorVersion.objects.count() == count
    assert Indicator.objects.get(code="core.quality").catalog.code == "core"


def test_every_shipped_catalog_passes_validation():
    specs = read_catalogs(CATALOG_DIR)

    assert "core" in {s.code for s in specs}


def test_catalog_entry_is_stored_with_every_field(tmp_path):
    load_shipped_catalogs(demo(tmp_path))

    quality = Indicator.objects.get(code="demo.quality")
    assert (quality.name, quality.section, quality.item, quality.group, quality.criterion) == (
        "Качество знаний", "4.6", "4.6.3", "Результаты", "Предметные результаты")
    assert (quality.unit, quality.direction, quality.method, quality.document) == (
        "percent", "up", "computed", "Положение о ВСОКО")
    assert quality.targets == {"2024": 60, "default": 55}
    assert (quality.version, quality.total, quality.breakdowns) == (1, True, [])
    assert Indicator.objects.get(code="demo.canteen").method == "entered"


def test_changed_definition_raises_the_version_and_keeps_history(tmp_path):
    load_shipped_catalogs(demo(tmp_path))

    load_shipped_catalogs(demo(tmp_path, formula="percent(students.ce[attestation=excellent], students.ce)"))

    quality = Indicator.objects.get(code="demo.quality")
    assert quality.version == 2
    assert quality.formula == "percent(students.ce[attestation=excellent], students.ce)"
    assert list(quality.versions.values_list("version", flat=True)) == [1, 2]
    assert quality.versions.get(version=1).definition["formula"].startswith("percent(students.ce[attestation=excellent|good]")


def test_changed_targets_are_not_a_new_version(tmp_path):
    load_shipped_catalogs(demo(tmp_path))
    write(tmp_path, (tmp_path / "demo.yaml").read_text().replace("default: 55", "default: 70"))

    load_shipped_catalogs(tmp_path)

    quality = Indicator.objects.get(code="demo.quality")
    assert (quality.version, quality.targets["default"]) == (1, 70)


def test_indicator_removed_from_the_file_is_retired(tmp_path):
    load_shipped_catalogs(demo(tmp_path))
    text = (tmp_path / "demo.yaml").read_text()
    write(tmp_path, text[:text.index("- code: demo.canteen")])

    load_shipped_catalogs(tmp_path)

    assert Indicator.objects.get(code="demo.canteen").retired is True


@pytest.mark.parametrize(("formula", "message"), [
    ("percent(students.cee, students.ce)", "Каталог demo.yaml, показатель demo.quality: неизвестный код значения данных «students.cee»"),
    ("percentage(students.ce, students.ce)", "Каталог demo.yaml, показатель demo.quality: неизвестная функция «percentage»"),
    ("percent(students.ce, ", "Каталог demo.yaml, показатель demo.quality: ожидается"),
    ("ref(demo.quality)", "Каталог demo.yaml, показатель demo.quality: циклическая ссылка demo.quality → demo.quality"),
])
def test_formula_error_fails_loudly_naming_file_and_indicator(tmp_path, formula, message):
    with pytest.raises(CatalogError) as err:
        load_shipped_catalogs(demo(tmp_path, formula=f'"{formula}"'))

    assert message in str(err.value)
    assert not Catalog.objects.filter(code="demo").exists()


@pytest.mark.parametrize(("replace", "by", "message"), [
    ("unit: percent", "unit: percents", "показатель demo.quality: unit: «percents» — допустимо"),
    ("  direction: up", "  direction: up\n  colour: red", "показатель demo.quality: неизвестные ключи: colour"),
    ('section: "4.6"', "section: 4.10", "число с точкой"),
    ("code: demo.quality", "code: other.quality", "должен начинаться с «demo.»"),
    ("code: demo\n", "code: demo2\n", "не совпадает с именем файла"),
    ("  method: entered", "  method: entered\n  formula: students.ce", "не должно быть формулы"),
    ("- code: demo.canteen", "- code: demo.quality", "код повторяется"),
])
def test_schema_errors_fail_loudly(tmp_path, replace, by, message):
    text = (demo(tmp_path) / "demo.yaml").read_text()
    assert replace in text
    write(tmp_path, text.replace(replace, by, 1))

    with pytest.raises(CatalogError) as err:
        load_shipped_catalogs(tmp_path)

    assert message in str(err.value)
    assert "demo.yaml" in str(err.value)


def test_references_across_catalogs_are_allowed(tmp_path):
    shutil.copy(CATALOG_DIR / "core.yaml", tmp_path / "core.yaml")
    demo(tmp_path, formula="ref(core.quality)")

    load_shipped_catalogs(tmp_path)

    assert Indicator.objects.get(code="demo.quality").formula == "ref(core.quality)"


def test_school_chooses_its_basis_catalog(school, tmp_path):
    load_shipped_catalogs(demo(tmp_path))
    shutil.copy(CATALOG_DIR / "core.yaml", tmp_path / "core.yaml")
    load_shipped_catalogs(tmp_path)

    use_catalog(school, "demo")
    use_catalog(school, "core")

    assert list(SchoolCatalog.objects.filter(school=school, is_basis=True).values_list("catalog__code", flat=True)) == ["core"]
    with pytest.raises(CatalogError, match="Каталог «nope» не найден"):
        use_catalog(school, "nope")


def test_school_own_indicator_is_checked_versioned_and_used(school, core_catalog):
    from vsoko.indicators.catalogs import save_own_indicator, set_target

    first = save_own_indicator(school, {
        "code": "young_share", "name": "Доля молодых педагогов", "unit": "percent", "direction": "up",
        "method": "computed", "formula": "percent(staff.p[age=..29], staff.p)", "group": "Кадры",
    })
    second = save_own_indicator(school, {
        "code": "own_school_1.young_share", "name": "Доля молодых педагогов", "unit": "percent",
        "direction": "up", "method": "computed", "formula": "percent(staff.p[age=..34], staff.p)",
    })
    target = set_target(school, second, 2024, 30)

    assert (first.pk, first.code, first.catalog.school) == (second.pk, "own_school_1.young_share", school)
    assert second.version == 2
    assert target.value == 30
    assert SchoolCatalog.objects.filter(school=school, catalog=second.catalog).exists()
    with pytest.raises(CatalogError, match="неизвестный код значения данных «staff.pp»"):
        save_own_indicator(school, {"code": "bad", "name": "x", "unit": "count", "method": "computed",
                                    "formula": "staff.pp"})
    assert set_target(school, second, 2024, None) is None


# --- the Russian definitions of the core indicators (docs/indicators.md) -------------------------

LATIN = re.compile(r"[A-Za-z]")


def core_entries() -> list[dict]:
    return next(s for s in read_catalogs() if s.code == "core").indicators


def test_every_core_indicator_has_a_russian_explanation_without_latin_letters():
    # The rule: no Latin letter at all, not even in quotes (data values are Cyrillic, «CE» is
    # «контингент на конец учебного года»); the English verbatim text stays in `text`.
    entries = core_entries()

    assert len(entries) == 49
    for entry in entries:
        explanation = entry["explanation"]
        assert len(explanation) > 40, entry["code"]
        assert re.search(r"[а-яё]", explanation), entry["code"]
        assert not LATIN.findall(explanation), (entry["code"], LATIN.findall(explanation))
        assert '"' not in explanation and "spec/" not in explanation, entry["code"]


def test_core_explanations_keep_the_cut_offs_of_the_specification():
    # compared with ordinary spaces: the texts keep non-breaking ones where Russian typography wants them
    explanations = {e["code"]: e["explanation"].replace("\u00a0", " ") for e in core_entries()}

    assert "25 мая" in explanations["core.students_total"] and "«выбыл»" in explanations["core.students_total"]
    assert "кроме «осв»" in explanations["core.quality"]
    assert "«н/а» или «незачет»" in explanations["core.quality"]
    assert "«1», «2», «н/а» или «незачет»" in explanations["core.success"]
    assert "«осв», «зачет» и «незачет» не учитываются" in explanations["core.sou"]
    assert "кроме неявок" in explanations["core.oge_passed"]
    assert "«математика (база)»" in explanations["core.ege_passed"]
    assert "округляется вверх" in explanations["core.oge_top_quartile"]
    assert "не раньше 25 мая" in explanations["core.prevention_registered"]
    assert "1 сентября" in explanations["core.staff_under_35"]


def test_reloading_fills_a_new_explanation_without_a_new_version(tmp_path):
    shutil.copy(CATALOG_DIR / "core.yaml", tmp_path / "core.yaml")
    text = (tmp_path / "core.yaml").read_text(encoding="utf-8")
    without = re.sub(r"\n  explanation: >-\n(    .*\n)+", "\n", text)
    write(tmp_path, without, "core.yaml")
    load_shipped_catalogs(tmp_path)
    assert Indicator.objects.get(code="core.quality").explanation == ""

    write(tmp_path, text, "core.yaml")
    outcome = load_shipped_catalogs(tmp_path)

    quality = Indicator.objects.get(code="core.quality")
    assert outcome["core"] == (0, 0)
    assert quality.explanation.replace("\u00a0", " ").startswith("Знаменатель — обучающиеся 2–11 классов")
    assert (quality.version, quality.versions.count()) == (1, 1)
    assert quality.versions.get().definition["explanation"] == quality.explanation
    assert load_shipped_catalogs(tmp_path)["core"] == (0, 0)


def test_a_changed_explanation_with_a_changed_formula_is_still_a_new_version(tmp_path):
    load_shipped_catalogs(demo(tmp_path))
    text = (tmp_path / "demo.yaml").read_text()
    write(tmp_path, text.replace("  targets:", "  explanation: Отличники и хорошисты от всех\n  targets:", 1)
          .replace("excellent|good]", "excellent]"))

    load_shipped_catalogs(tmp_path)

    assert Indicator.objects.get(code="demo.quality").version == 2


def test_no_shipped_catalog_names_a_sheet_of_the_package_by_its_english_key():
    # The template's sheets are titled in Russian («Отметки за периоды»); the indicator page and the plan's
    # «Методы и источники» showed «годовые отметки (лист marks)», a sheet the deputy cannot find.
    keys = "|".join(sorted(TABLES, key=len, reverse=True))
    english = re.compile(rf"\b(?:{keys})\b")
    found = [(entry["code"], entry.get("collection", ""))
             for spec in read_catalogs() for entry in spec.indicators
             if english.search(entry.get("collection", ""))]

    assert found == []
    quality = next(e for e in core_entries() if e["code"] == "core.quality")
    assert quality["collection"] == "годовые отметки (лист «Отметки за периоды»)"


def test_a_reworded_way_of_collection_is_not_a_new_version(tmp_path):
    # Rewording «лист marks» as «лист «Отметки за периоды»» must not mark every series «определение изменено».
    write(tmp_path, HEAD + ENTRY.format(formula="percent(students.ce[attestation=excellent|good], students.ce)")
          .replace("  method: computed\n", "  method: computed\n  collection: годовые отметки (лист marks)\n"))
    load_shipped_catalogs(tmp_path)
    text = (tmp_path / "demo.yaml").read_text(encoding="utf-8")
    write(tmp_path, text.replace("(лист marks)", "(лист «Отметки за периоды»)"))

    outcome = load_shipped_catalogs(tmp_path)

    quality = Indicator.objects.get(code="demo.quality")
    assert outcome["demo"] == (0, 0)
    assert (quality.version, quality.versions.count()) == (1, 1)
    assert quality.collection == "годовые отметки (лист «Отметки за периоды»)"

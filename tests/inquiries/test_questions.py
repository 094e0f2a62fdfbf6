from decimal import Decimal

import pytest

from vsoko.indicators.catalogs import CATALOG_DIR, read_catalog
from vsoko.inquiries.questions import FormsFileError, forms, read_forms


def test_the_four_forms_of_items_7_8_to_7_11_are_shipped_each_with_8_to_15_fields():
    shipped = forms()

    assert {f.item: f.audience for f in shipped.values()} == {
        "7.8": "municipality", "7.9": "school", "7.10": "school", "7.11": "municipality"}
    assert all(8 <= len(f.fields) <= 15 for f in shipped.values())


def test_no_field_asks_for_a_name():
    labels = [field.label.lower() for form in forms().values() for field in form.fields]

    assert not [label for label in labels if "фио" in label or "фамили" in label or "имя" in label.split()]


def test_the_indicators_the_context_form_names_are_hand_entered_indicators_of_the_shipped_catalogs():
    errors: list[str] = []
    entered = {i["code"]: i["unit"] for p in sorted(CATALOG_DIR.glob("*.yaml"))
               for i in read_catalog(p, errors).indicators if i.get("method") == "entered"}
    named = {f.indicator: f.type for form in forms().values() for f in form.fields if f.indicator}

    assert errors == []
    assert named == {"reg004.4.2.2": "percent", "reg000.7.5": "yesno"}
    assert {code: entered.get(code) for code in named} == {"reg004.4.2.2": "percent", "reg000.7.5": "bool"}


def field(form: str, key: str):
    return next(f for f in forms()[form].fields if f.key == key)


def test_a_field_reads_numbers_as_typed_and_says_why_not_naming_itself():
    vacancies, share = field("context", "teacher_vacancies"), field("context", "second_shift")

    assert vacancies.read(" 1 234 ") == "1234"
    assert share.read("12,5 %") == "12.5"
    assert vacancies.read("") is None
    with pytest.raises(ValueError, match=r"«Число вакансий педагогических работников на 1 сентября»: нужно целое "
                                         r"число \(введено 2,5\)"):
        vacancies.read("2,5")
    with pytest.raises(ValueError, match="отрицательным"):
        vacancies.read("-3")
    with pytest.raises(ValueError, match=r"от 0 до 100 \(введено 150\)"):
        share.read("150")
    with pytest.raises(ValueError, match="Нужно число"):
        share.read("много")


def test_a_choice_takes_only_its_options_and_a_text_only_500_characters():
    environment, notes = field("context", "accessible_environment"), field("context", "notes")

    assert environment.read("создана частично") == "создана частично"
    with pytest.raises(ValueError, match="выберите один из вариантов"):
        environment.read("почти")
    assert notes.read("а" * 500) == "а" * 500
    with pytest.raises(ValueError, match="не длиннее 500 символов \\(введено 501\\)"):
        notes.read("а" * 501)
    assert field("context", "medical_office").read("да") == "да"


def test_a_forms_file_with_a_mistake_is_refused_naming_the_form_and_the_field(tmp_path):
    path = tmp_path / "forms.yaml"
    fields = "".join(f"    - {{key: f{n}, label: Вопрос {n}, type: number}}\n" for n in range(8))
    path.write_text("- code: x\n  title: Форма\n  audience: school\n  fields:\n" + fields
                    + "    - {key: bad, label: Плохой, type: date}\n", encoding="utf-8")

    with pytest.raises(FormsFileError, match="форма «x», поле «bad»: type — одно из"):
        read_forms(path)

    one = fields.splitlines(keepends=True)[0]
    path.write_text("- code: x\n  title: Форма\n  audience: school\n  fields:\n" + one, encoding="utf-8")
    with pytest.raises(FormsFileError, match="полей 1, а нужно от 8 до 15"):
        read_forms(path)


def test_numbers_are_stored_plain():
    from vsoko.inquiries.questions import plain

    assert [plain(Decimal("12.0000")), plain(Decimal("2.50")), plain(Decimal("10"))] == ["12", "2.5", "10"]

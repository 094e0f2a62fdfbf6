from pathlib import Path

import pytest

from vsoko.diagnostics.procedures import ProcedureError, procedures, read_procedures

GOOD = """
procedures:
  - code: anxiety
    name: Тревожность
    short: тревожность
    regulation: {document: Положение, item: "4.4.2", text: диагностику уровня тревожности}
    grades: [1, 5]
    month: 10
    method: тест Филлипса
    levels:
      - {code: low, label: низкий, favourable: true}
      - {code: high, label: высокий, favourable: false}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "procedures.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_file_names_the_procedures_of_4_4_with_their_place_and_levels():
    shipped = procedures()

    assert list(shipped) == ["readiness_1", "adaptation_1", "adaptation_5", "anxiety", "upbringing", "health", "spt",
                             "career_10_11"]
    assert {p.item for p in shipped.values() if p.document.endswith("Сосенский")} == {"4.4.1", "4.4.2", "4.4.4", "4.4.6"}
    assert shipped["anxiety"].grades == (1, 5) and shipped["anxiety"].favourable_codes == ("low", "medium")
    assert shipped["readiness_1"].favourable_codes == ("high", "medium")
    assert shipped["health"].sensitive and not shipped["upbringing"].sensitive
    assert "Капустин" in shipped["upbringing"].method and "Лусканов" in shipped["adaptation_1"].method


def test_a_good_file_reads(tmp_path):
    read = read_procedures(write(tmp_path, GOOD))["anxiety"]

    assert (read.grades, read.month, read.level_codes, read.grades_text) == ((1, 5), 10, ("low", "high"), "1, 5")
    assert read.level_by_label(" Высокий ").code == "high"


@pytest.mark.parametrize("old, new, message", [
    ("grades: [1, 5]", "grades: [0, 5]", "поле grades — параллели 1–11"),
    ("month: 10", "month: 13", "поле month — номер месяца 1–12"),
    ("code: anxiety", "code: Тревога", "code 'Тревога' — латинские"),
    ("{code: high, label: высокий, favourable: false}", "{code: low, label: высокий, favourable: false}",
     "коды и названия уровней не должны повторяться"),
    ("favourable: true}", "favourable: false}", "хотя бы один уровень должен быть благоприятным"),
    ("favourable: false}", "favourable: нет}", "уровень 2 (high): favourable — true или false"),
    ("    method: тест Филлипса\n", "", "поле method — непустой текст"),
    ("procedures:", "процедуры:", "нужен непустой список procedures"),
])
def test_a_bad_file_is_refused_saying_where(tmp_path, old, new, message):
    with pytest.raises(ProcedureError) as error:
        read_procedures(write(tmp_path, GOOD.replace(old, new)))

    assert message in str(error.value)
    assert str(error.value).startswith("procedures.yaml")


def test_a_repeated_code_is_refused(tmp_path):
    twice = GOOD + GOOD.split("procedures:\n")[1]

    with pytest.raises(ProcedureError, match="процедура 2: код anxiety уже встречался"):
        read_procedures(write(tmp_path, twice))


def test_the_title_names_the_grades_once():
    # «Готовность к обучению в школе (1 класс) (1 кл.)» in the list of «Новая диагностика».
    shipped = procedures()

    assert shipped["readiness_1"].title == "Готовность к обучению в школе (1 класс)"
    assert shipped["adaptation_1"].title == "Адаптация обучающихся 1 класса"
    assert shipped["anxiety"].title == "Уровень тревожности в период адаптации (1 и 5 классы)"
    assert shipped["upbringing"].title == "Уровень воспитанности обучающихся (1–11 кл.)"


def test_the_procedures_of_regulation_004_cite_its_indicator_word_for_word():
    # The regulations live beside the repository (tests/indicators/test_regulation_catalogs.py, SHARED).
    seed = next((Path(__file__).resolve().parents[3] / "shared" / "seeds").glob("004_*.txt"), None)
    shipped = procedures()
    spt, career = shipped["spt"], shipped["career_10_11"]

    assert (spt.grades, career.grades) == ((7, 8, 9, 10, 11), (10, 11))
    # The levels of the СПТ are risk groups: a pupil's level is seen only with the permission for sensitive data.
    assert spt.sensitive and not career.sensitive
    assert spt.favourable_codes == ("no_risk",) and career.favourable_codes == ("high", "medium")
    assert spt.place == "приложение «Перечень критериев/показателей», группа 5, критерий 3), показатель 2"
    assert shipped["anxiety"].place == "п. 4.4.2"
    assert spt.document_of("МБОУ «Школа №1»") == "Положение о ВСОКО МБОУ «Школа №1»"
    if seed is not None:  # the regulation's text, where the seeds are at hand
        text = " ".join(seed.read_text(encoding="utf-8").split())
        assert f"- {spt.text};" in text and f"- {career.text};" in text

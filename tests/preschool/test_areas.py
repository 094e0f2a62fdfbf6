"""The areas and indicators shipped in vsoko/preschool/areas.yaml: the regulation's words verbatim, the
indicators marked as the school's wording, and a bad file stopped with a message that says where."""

import pytest

from vsoko.preschool.areas import AreasError, _read, areas, indicators, source

# Regulation 004, section «Система мониторинга качества дошкольного образования», copied from its text.
REGULATION = ("основные мероприятия мониторинга качества образовательных программ, содержания образовательной "
              "деятельности, образовательных условий, реализации адаптированных основных образовательных программ "
              "дошкольного образования, взаимодействия с семьей, обеспечения здоровья, безопасности, присмотра и "
              "ухода, управления в дошкольном образовании для разных управленческих уровней")


def test_the_areas_carry_the_regulation_words_and_the_indicators_are_marked_as_the_school_wording():
    assert "мониторинга " + ", ".join(a.quote for a in areas()) + " для разных" in REGULATION
    assert len(areas()) == 7 and all(3 <= len(a.indicators) <= 6 for a in areas())
    assert source().document == "004" and "«Система мониторинга качества дошкольного образования»" in source().place
    assert "формулировки школы" in source().indicator_wording and "не текст положения" in source().indicator_wording


def test_every_indicator_key_is_found_once():
    keys = [ind.key for area in areas() for ind in area.indicators]

    assert len(keys) == len(set(keys)) == 29
    assert {ind.key: ind.area_key for ind in indicators()}["care_food"] == "care"


@pytest.mark.parametrize("body, message", [
    ("areas: 5", "areas.yaml: нужен список «areas»."),
    ("areas:\n  - {key: a, title: A, quote: a}", "areas.yaml, область 1: не заполнено «indicators»."),
    ("areas:\n  - {key: a, title: A, quote: a, indicators: [{key: Плохой, title: X}]}",
     "areas.yaml, область 1, показатель 1: нужны ключ латиницей («Плохой») и название."),
    ("areas:\n  - {key: a, title: A, quote: a, indicators: [{key: x, title: X}, {key: x, title: Y}]}",
     "areas.yaml, область 1, показатель 2: ключ «x» уже встречался."),
])
def test_a_bad_file_is_refused_with_where(tmp_path, body, message):
    path = tmp_path / "areas.yaml"
    path.write_text(body, encoding="utf-8")

    with pytest.raises(AreasError) as error:
        _read(path)

    assert str(error.value) == message

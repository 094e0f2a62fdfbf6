import pytest

from vsoko.schedule.enums import ProcedureKind
from vsoko.schedule.wording import GENITIVE, abbreviation, dative, works


@pytest.mark.parametrize("name, after_po", [
    ("Русский язык", "русскому языку"), ("Литературное чтение", "литературному чтению"), ("История", "истории"),
    ("Вероятность и статистика", "вероятности и статистике"), ("Физическая культура", "физической культуре"),
    ("Окружающий мир", "окружающему миру"), ("Труд (технология)", "труду (технологии)"), ("ОБЗР", "ОБЗР"),
    ("математика", "математике"),
])
def test_a_subject_after_po_is_in_the_dative(name, after_po):
    assert dative(name) == after_po


def test_counts_and_short_names():
    assert [works(n) for n in (2, 4, 5, 21, 22)] == ["две работы", "четыре работы", "5 работ", "21 работа",
                                                     "22 работы"]
    assert [abbreviation(n) for n in ("Математика", "математика", "ОРКСЭ", "Астрономия")] == ["мат", "мат", "ОРКСЭ",
                                                                                               "астр"]


def test_every_kind_has_its_genitive():
    assert set(GENITIVE) == set(ProcedureKind.values)

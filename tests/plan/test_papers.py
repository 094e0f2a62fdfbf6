import datetime

import pytest
from django.utils import timezone

from vsoko.plan.papers import ORDER, PROTOCOL


class Refused(Exception):
    pass


def test_the_number_is_kept_with_its_whitespace_collapsed():
    assert ORDER.checked_number(datetime.date(2024, 9, 1), "  123-о \n от  директора ", Refused) == "123-о от директора"


def test_a_paper_dated_today_is_accepted_and_tomorrow_is_not():
    today = timezone.localdate()
    assert PROTOCOL.checked_number(today, "1", Refused) == "1"
    tomorrow = today + datetime.timedelta(days=1)
    with pytest.raises(Refused) as refused:
        PROTOCOL.checked_number(tomorrow, "1", Refused)
    assert str(refused.value) == (f"Дата протокола {tomorrow:%d.%m.%Y} ещё не наступила: внесите протокол, когда "
                                  "заседание педагогического совета прошло.")


def test_fifty_characters_are_a_number_and_fifty_one_are_too_many():
    assert ORDER.checked_number(datetime.date(2024, 9, 1), "7" * 50, Refused) == "7" * 50
    with pytest.raises(Refused) as refused:
        ORDER.checked_number(datetime.date(2024, 9, 1), "7" * 51, Refused)
    assert str(refused.value) == f"Номер приказа «{'7' * 51}…» длиннее 50 знаков."


def test_a_missing_number_is_named_before_a_future_date():
    with pytest.raises(Refused) as refused:
        ORDER.checked_number(datetime.date(2099, 9, 1), " ", Refused)
    assert str(refused.value) == "Укажите номер приказа директора, которым утверждён план."

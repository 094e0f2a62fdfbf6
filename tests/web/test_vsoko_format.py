import pytest

from vsoko.web.templatetags.vsoko_format import grouped


@pytest.mark.parametrize("value, text", [(7, "7"), (1234, "1\u00a0234"), (104891, "104\u00a0891"), ("—", "—"), (None, None)])
def test_grouped_splits_thousands_with_a_no_break_space(value, text):
    assert grouped(value) == text

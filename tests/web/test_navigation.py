import pytest

from vsoko.web.navigation import SECTIONS, current_section


@pytest.mark.parametrize("path, key", [
    ("/", "overview"),
    ("/students/12/", "overview"),
    ("/indicators/core.quality/", "indicators"),
    ("/data/upload/", "data"),
    ("/reports/", "reports"),
])
def test_current_section_is_found_by_path(path, key):
    assert current_section(path).key == key


@pytest.mark.parametrize("path", ["/users/", "/users/grant/", "/password/"])
def test_the_headers_own_pages_mark_no_section_of_the_menu(path):
    # «Обзор» was marked current on «Пользователи» and «Смена пароля».
    assert current_section(path) is None


def test_every_section_says_what_it_will_hold():
    assert [s.key for s in SECTIONS if len(s.promise) < 20] == []
